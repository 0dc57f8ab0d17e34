#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "balance/error.hpp"
#include "balance/file_system.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using op = balance_test::failing_fs::op;

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

TEST_CASE("file system - atomic write replaces the file and leaves mode 0600", "[file_system]") {
  balance_test::temp_dir d;
  auto target = d.path() / "f.toml";
  std::ofstream(target) << "old";
  ::chmod(target.c_str(), 0644);
  mode_t old = ::umask(0);
  write_file_atomically(real_file_system(), target, "new", "f.toml");
  ::umask(old);
  CHECK(slurp(target) == "new");
  struct stat st {};
  ::stat(target.c_str(), &st);
  CHECK((st.st_mode & 07777) == 0600);
}

TEST_CASE("file system - each failing step is reported, the old file stays, no temp file is left", "[file_system]") {
  struct step {
    op which;
    int err;
    errc kind;
  };
  const step steps[] = {{op::open, EACCES, errc::permission}, {op::fchmod, EIO, errc::io},
                        {op::write, ENOSPC, errc::io},        {op::fsync, EIO, errc::io},
                        {op::close, EIO, errc::io},           {op::rename, EXDEV, errc::io}};
  for (const auto& s : steps) {
    balance_test::temp_dir d;
    auto target = d.path() / "f.toml";
    std::ofstream(target) << "old";
    balance_test::failing_fs fs(s.which, 1, s.err);
    try {
      write_file_atomically(fs, target, "new", "f.toml");
      FAIL("expected an error");
    } catch (const error& e) {
      CHECK(e.kind() == s.kind);
      CHECK_THAT(e.what(), Catch::StartsWith("f.toml: "));
    }
    CHECK(slurp(target) == "old");
    CHECK(balance_test::count_temp_files(d.path()) == 0);
  }
}

TEST_CASE("file system - a full disk via a size limit is an io error", "[file_system]") {
  // ENOSPC from write() is what a full disk or `ulimit -f` gives (we ignore SIGXFSZ here).
  balance_test::temp_dir d;
  auto target = d.path() / "f.toml";
  balance_test::failing_fs fs(op::write, 1, ENOSPC);
  CHECK_THROWS_WITH(write_file_atomically(fs, target, "x", "f.toml"), Catch::Contains("No space left"));
  CHECK_FALSE(std::filesystem::exists(target));
}

TEST_CASE("file system - writes through symlinks and hard links are refused", "[file_system]") {
  balance_test::temp_dir d;
  std::ofstream(d.path() / "real") << "x";
  std::filesystem::create_symlink(d.path() / "real", d.path() / "link");
  std::filesystem::create_hard_link(d.path() / "real", d.path() / "hard");
  CHECK_THROWS_WITH(check_write_target(d.path() / "link", "link"), Catch::Contains("symbolic link"));
  CHECK_THROWS_WITH(check_write_target(d.path() / "hard", "hard"), Catch::Contains("2 hard links"));
  CHECK_NOTHROW(check_write_target(d.path() / "missing", "missing"));
}

TEST_CASE("file system - data directories are 0700 whatever the umask and never symlinks", "[file_system]") {
  balance_test::temp_dir d;
  mode_t old = ::umask(0);
  make_data_dirs(real_file_system(), d.path(), "ledger/sam");
  ::umask(old);
  struct stat st {};
  ::stat((d.path() / "ledger/sam").c_str(), &st);
  CHECK((st.st_mode & 07777) == 0700);
  std::filesystem::create_directories(d.path() / "outside");
  std::filesystem::create_directory_symlink(d.path() / "outside", d.path() / "checkins");
  CHECK_THROWS_WITH(make_data_dirs(real_file_system(), d.path(), "checkins/sam"), Catch::Contains("symbolic link"));
}

TEST_CASE("file system - read_file caps the size and reports missing files as absent", "[file_system]") {
  balance_test::temp_dir d;
  CHECK_FALSE(read_file(d.path() / "none", "none", 100));
  std::ofstream(d.path() / "big") << std::string(101, 'x');
  try {
    read_file(d.path() / "big", "big", 100);
    FAIL("expected a data error");
  } catch (const error& e) {
    CHECK(e.kind() == errc::data);
  }
}

TEST_CASE("file system - an unreadable file is a permission error", "[file_system]") {
  if (::geteuid() == 0) {
    WARN("skipped: running as root, which bypasses file permissions");
    return;
  }
  balance_test::temp_dir d;
  std::ofstream(d.path() / "secret") << "x";
  ::chmod((d.path() / "secret").c_str(), 0);
  CHECK_THROWS_AS(read_file(d.path() / "secret", "secret", 100), error);
}

TEST_CASE("file system - stale temporary files of dead writers are removed, nothing else", "[file_system]") {
  balance_test::temp_dir dir;
  auto touch = [&](const std::string& name) { std::ofstream(dir.path() / name) << "x"; };
  touch(".2026-11.toml.abcdef012345.tmp");
  touch(".2026-10.toml.0123456789ab.tmp");
  touch("2026-11.toml");
  touch(".gitkeep");
  touch("notes.tmp");
  CHECK(remove_stale_temp_files(real_file_system(), dir.path()) == 2);
  CHECK(balance_test::count_temp_files(dir.path()) == 0);
  CHECK(std::filesystem::exists(dir.path() / "2026-11.toml"));
  CHECK(std::filesystem::exists(dir.path() / ".gitkeep"));
  CHECK(std::filesystem::exists(dir.path() / "notes.tmp"));
}
