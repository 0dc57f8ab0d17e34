#include <catch2/catch.hpp>

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <fstream>

#include "balance/error.hpp"
#include "balance/file_system.hpp"
#include "unit/memory_fs.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::caught;
using balance_test::memory_file_system;

namespace {

// The errno of a call that must fail.
template <typename F>
int errno_of(F&& call) {
  errno = 0;
  auto result = call();
  CHECK(result == -1);
  return errno;
}

std::vector<std::string> names_in(file_system& fs, const char* dir) {
  std::vector<dir_entry> entries;
  CHECK(fs.list_dir(dir, entries) == 0);
  std::vector<std::string> names;
  for (const auto& e : entries) names.push_back(e.name + (e.is_directory ? "/" : "") + (e.is_symlink ? "@" : ""));
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("memory fs - open, write, rename, unlink and mkdir fail as POSIX says", "[memory_fs]") {
  memory_file_system fs;
  fs.add_dir("/r");
  CHECK(errno_of([&] { return fs.open("/r/missing", O_RDONLY, 0); }) == ENOENT);
  CHECK(errno_of([&] { return fs.open("/nowhere/f", O_WRONLY | O_CREAT, 0600); }) == ENOENT);
  int fd = fs.open("/r/f", O_WRONLY | O_CREAT | O_EXCL, 0600);
  REQUIRE(fd >= 0);
  CHECK(errno_of([&] { return fs.open("/r/f", O_WRONLY | O_CREAT | O_EXCL, 0600); }) == EEXIST);
  CHECK(fs.write(fd, "hello", 5) == 5);
  CHECK(fs.fsync(fd) == 0);
  CHECK(fs.close(fd) == 0);
  CHECK(errno_of([&] { return fs.close(fd); }) == EBADF);
  CHECK(errno_of([&] { return fs.write(fd, "x", 1); }) == EBADF);
  CHECK(fs.content("/r/f") == "hello");

  fs.add_file("/r/g", "old");
  CHECK(fs.rename("/r/f", "/r/g") == 0);  // replaces its target
  CHECK(fs.content("/r/g") == "hello");
  CHECK_FALSE(fs.content("/r/f"));
  CHECK(errno_of([&] { return fs.rename("/r/f", "/r/h"); }) == ENOENT);

  CHECK(fs.unlink("/r/g") == 0);
  CHECK(errno_of([&] { return fs.unlink("/r/g"); }) == ENOENT);
  CHECK(errno_of([&] { return fs.unlink("/r"); }) == EISDIR);

  CHECK(fs.mkdir("/r/d", 0700) == 0);
  CHECK(errno_of([&] { return fs.mkdir("/r/d", 0700); }) == EEXIST);
  CHECK(errno_of([&] { return fs.mkdir("/r/x/y", 0700); }) == ENOENT);
  CHECK(errno_of([&] { return fs.open("/r/d", O_WRONLY, 0); }) == EISDIR);
  CHECK(fs.open_descriptors() == 0);
}

TEST_CASE("memory fs - a descriptor writes on to its file after a rename, as on POSIX", "[memory_fs]") {
  memory_file_system fs;
  fs.add_dir("/r");
  int fd = fs.open("/r/.a.tmp", O_WRONLY | O_CREAT | O_EXCL, 0600);
  REQUIRE(fd >= 0);
  CHECK(fs.write(fd, "one ", 4) == 4);
  CHECK(fs.rename("/r/.a.tmp", "/r/a") == 0);
  CHECK(fs.write(fd, "two", 3) == 3);
  CHECK(fs.close(fd) == 0);
  CHECK(fs.content("/r/a") == "one two");
}

TEST_CASE("memory fs - stat, lstat and listings report files, directories and links", "[memory_fs]") {
  memory_file_system fs;
  fs.add_file("/r/a.toml", "12345", 0644);
  fs.add_dir("/r/sub");
  fs.add_symlink("/r/link", "a.toml");
  fs.add_symlink("/r/dirlink", "/r/sub");
  file_status st;
  REQUIRE(fs.lstat("/r/a.toml", st) == 0);
  CHECK(st.type == file_status::kind::regular);
  CHECK(st.size == 5);
  CHECK(st.mode == 0644);
  CHECK(st.links == 1);
  REQUIRE(fs.lstat("/r/link", st) == 0);
  CHECK(st.type == file_status::kind::symlink);
  REQUIRE(fs.stat("/r/link", st) == 0);
  CHECK(st.type == file_status::kind::regular);
  CHECK(errno_of([&] { return fs.stat("/r/none", st); }) == ENOENT);
  CHECK(errno_of([&] { return fs.lstat("/r/a.toml/x", st); }) == ENOTDIR);

  // Like directory_entry: the kinds follow a link, is_symlink does not.
  CHECK(names_in(fs, "/r") == std::vector<std::string>{"a.toml", "dirlink/@", "link@", "sub/"});
  std::vector<dir_entry> entries;
  CHECK(errno_of([&] { return fs.list_dir("/r/none", entries); }) == ENOENT);
  CHECK(errno_of([&] { return fs.list_dir("/r/a.toml", entries); }) == ENOTDIR);

  // Each change is a new modification time, as a stamp must see.
  REQUIRE(fs.lstat("/r/a.toml", st) == 0);
  std::int64_t before = st.mtime_ns;
  fs.add_file("/r/a.toml", "12345");
  REQUIRE(fs.lstat("/r/a.toml", st) == 0);
  CHECK(st.mtime_ns > before);
}

TEST_CASE("memory fs - read_file keeps the rules and messages of the disk", "[memory_fs]") {
  // The same tree on disk and in memory: a data file, a symlink to it, a directory, a big file.
  balance_test::temp_dir d;
  const auto root = d.path();
  std::ofstream(root / "data.toml") << "x = 1\n";
  std::ofstream(root / "big.toml") << std::string(100, 'x');
  std::filesystem::create_symlink("data.toml", root / "link.toml");
  std::filesystem::create_directory(root / "dir.toml");
  memory_file_system mem;
  mem.add_file(root / "data.toml", "x = 1\n");
  mem.add_file(root / "big.toml", std::string(100, 'x'));
  mem.add_symlink(root / "link.toml", "data.toml");
  mem.add_dir(root / "dir.toml");

  for (file_system* fs : {&real_file_system(), static_cast<file_system*>(&mem)}) {
    CAPTURE(fs->is_disk());
    CHECK(read_file(*fs, root / "data.toml", "data.toml", 1000) == "x = 1\n");
    CHECK_FALSE(read_file(*fs, root / "missing.toml", "missing.toml", 1000));
    CHECK_FALSE(read_file(*fs, root / "data.toml/below", "x", 1000));
    error link = caught([&] { read_file(*fs, root / "link.toml", "link.toml", 1000); });
    CHECK(link.kind() == errc::permission);
    CHECK(std::string(link.what()) == "link.toml: is a symbolic link; balance reads data files only directly");
    CHECK(read_file(*fs, root / "link.toml", "link.toml", 1000, true) == "x = 1\n");
    error dir = caught([&] { read_file(*fs, root / "dir.toml", "dir.toml", 1000); });
    CHECK(dir.kind() == errc::no_input);
    CHECK(std::string(dir.what()) == "dir.toml: is a directory, not a file");
    error big = caught([&] { read_file(*fs, root / "big.toml", "big.toml", 10); });
    CHECK(big.kind() == errc::data);
    CHECK_THAT(big.what(), Catch::Contains("file is 100 bytes, more than the 0 MiB a data file may have"));
  }
}

TEST_CASE("memory fs - the atomic write, data directories and the temp sweep work in memory", "[memory_fs]") {
  memory_file_system fs;
  fs.add_dir("/repo", 0755);
  make_data_dirs(fs, "/repo", "ledger/sam");
  CHECK(fs.mode("/repo/ledger") == 0700u);
  CHECK(fs.mode("/repo/ledger/sam") == 0700u);
  make_data_dirs(fs, "/repo", "ledger/sam");  // already there: nothing to do

  write_file_atomically(fs, "/repo/ledger/sam/2026-11.toml", "one\n", "ledger/sam/2026-11.toml");
  fs.chmod("/repo/ledger/sam/2026-11.toml", 0644);
  write_file_atomically(fs, "/repo/ledger/sam/2026-11.toml", "two\n", "ledger/sam/2026-11.toml");
  CHECK(fs.content("/repo/ledger/sam/2026-11.toml") == "two\n");
  CHECK(fs.mode("/repo/ledger/sam/2026-11.toml") == 0600u);
  CHECK(fs.files_under("/repo") == std::vector<std::string>{"ledger/sam/2026-11.toml"});
  CHECK(fs.open_descriptors() == 0);

  // A dead writer's temp file goes; a data file and a linked "temp" name stay.
  fs.add_file("/repo/ledger/sam/.2026-11.toml.abc.tmp", "half");
  fs.add_symlink("/repo/ledger/sam/.x.tmp", "2026-11.toml");
  CHECK(remove_stale_temp_files(fs, "/repo/ledger/sam") == 1);
  CHECK(names_in(fs, "/repo/ledger/sam") == std::vector<std::string>{".x.tmp@", "2026-11.toml"});

  remove_file(fs, "/repo/ledger/sam/2026-11.toml", "ledger/sam/2026-11.toml");
  remove_file(fs, "/repo/ledger/sam/2026-11.toml", "ledger/sam/2026-11.toml");  // a missing file is fine
  CHECK(fs.files_under("/repo").empty());
}

TEST_CASE("memory fs - writes through links and into linked directories are refused", "[memory_fs]") {
  memory_file_system fs;
  fs.add_file("/repo/elsewhere.toml", "");
  fs.add_symlink("/repo/ledger", "/repo/away");
  fs.add_dir("/repo/checkins/sam");
  fs.add_symlink("/repo/checkins/sam/2026-11.toml", "/repo/elsewhere.toml");

  error dirs = caught([&] { make_data_dirs(fs, "/repo", "ledger/sam"); });
  CHECK(dirs.kind() == errc::permission);
  CHECK_THAT(dirs.what(), Catch::Contains("refusing to write through a symbolic link"));
  CHECK_FALSE(fs.is_directory("/repo/away"));

  error target = caught([&] { check_write_target(fs, "/repo/checkins/sam/2026-11.toml", "checkins/sam/2026-11.toml"); });
  CHECK(target.kind() == errc::permission);
  CHECK(std::string(target.what()) == "checkins/sam/2026-11.toml: refusing to write through a symbolic link");
  check_write_target(fs, "/repo/checkins/sam/2026-12.toml", "checkins/sam/2026-12.toml");  // missing is fine
  check_write_target(fs, "/repo/elsewhere.toml", "elsewhere.toml");
  error not_file = caught([&] { check_write_target(fs, "/repo/checkins", "checkins"); });
  CHECK_THAT(not_file.what(), Catch::Contains("not a regular file"));
}

TEST_CASE("memory fs - rmdir removes only an empty directory, as POSIX says", "[memory_fs]") {
  memory_file_system fs;
  fs.add_file("/r/d/f", "x");
  CHECK(errno_of([&] { return fs.rmdir("/r/d"); }) == ENOTEMPTY);
  CHECK(errno_of([&] { return fs.rmdir("/r/d/f"); }) == ENOTDIR);
  CHECK(errno_of([&] { return fs.rmdir("/r/none"); }) == ENOENT);
  CHECK(fs.unlink("/r/d/f") == 0);
  CHECK(fs.rmdir("/r/d") == 0);
  CHECK_FALSE(fs.is_directory("/r/d"));
}

TEST_CASE("file system - list_tree, make_dirs and remove_empty_dirs walk a tree without following links",
          "[memory_fs]") {
  memory_file_system fs;
  fs.add_file("/r/a/b/one.toml", "1");
  fs.add_file("/r/a-c/two.toml", "2");
  fs.add_dir("/r/empty/deeper");
  fs.add_dir("/elsewhere/inside");
  fs.add_symlink("/r/link", "/elsewhere");

  std::vector<std::string> paths;
  for (const auto& e : list_tree(fs, "/r"))
    paths.push_back(e.path + (e.entry.is_symlink ? "@" : e.entry.is_directory ? "/" : ""));
  CHECK(paths == std::vector<std::string>{"a/", "a-c/", "a-c/two.toml", "a/b/", "a/b/one.toml", "empty/",
                                          "empty/deeper/", "link@"});
  CHECK(list_tree(fs, "/r/none").empty());
  CHECK(list_tree(fs, "/r/a/b/one.toml").empty());

  CHECK(path_exists(fs, "/r/link"));  // followed to /elsewhere
  CHECK_FALSE(path_exists(fs, "/r/none"));
  CHECK(make_dirs(fs, "/new/x/y", 0750) == 0);
  CHECK(fs.mode("/new/x/y") == 0750u);
  CHECK(make_dirs(fs, "/new/x/y") == 0);  // already there
  CHECK(errno_of([&] { return make_dirs(fs, "/r/a/b/one.toml/z"); }) == ENOTDIR);

  remove_empty_dirs(fs, "/r");
  CHECK_FALSE(fs.is_directory("/r/empty"));
  CHECK(fs.is_directory("/r/a/b"));
  CHECK(fs.content("/r/a-c/two.toml") == "2");
  CHECK(fs.is_directory("/elsewhere/inside"));  // never through the link
  remove_empty_dirs(fs, "/new");
  CHECK_FALSE(fs.is_directory("/new"));
}
