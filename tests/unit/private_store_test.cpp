#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "balance/error.hpp"
#include "balance/private_store.hpp"
#include "record_file.hpp"
#include "balance/store.hpp"
#include "unit/memory_fs.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::failing_fs;
using balance_test::memory_file_system;
using balance_test::make_entry;
using balance_test::test_repo;
namespace fs = std::filesystem;

namespace {

// A repository as balance 0.1 left it: private records in private/ inside it.
void write_legacy_tree(const test_repo& t) {
  t.write("private/ledger/alex/2026-10.toml", record_to_toml(make_entry("aaaa00000001", "2026-10-03T08:00:00+02:00")));
  t.write("private/ledger/alex/2026-11.toml", "# mine\n\n" + record_to_toml(make_entry("aaaa00000002", "2026-11-03T08:00:00+01:00")));
  t.write("private/notes.txt", "not a record\n");
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

scan_filter mine(record_type t) {
  scan_filter f(t);
  f.private_of_me = true;
  return f;
}

}  // namespace

TEST_CASE("private store - an old private/ tree moves out byte for byte, other files stay", "[private]") {
  test_repo t;
  write_legacy_tree(t);
  std::string oct = t.read("private/ledger/alex/2026-10.toml"), nov = t.read("private/ledger/alex/2026-11.toml");
  repo r = t.open_own("alex");
  CHECK(legacy_private_files(r) == std::vector<std::string>{"private/ledger/alex/2026-10.toml", "private/ledger/alex/2026-11.toml"});
  private_move moved = move_private_tree(r, real_file_system());
  CHECK(moved.moved == 2);
  CHECK(moved.id_added);
  CHECK(moved.left_behind == std::vector<std::string>{"private/notes.txt"});
  CHECK(read(r.private_root() / "ledger/alex/2026-10.toml") == oct);
  CHECK(read(r.private_root() / "ledger/alex/2026-11.toml") == nov);
  CHECK_FALSE(t.exists("private/ledger"));
  CHECK(legacy_private_files(r).empty());
  // The store's files and folders are 0600/0700.
  CHECK((fs::status(r.private_root() / "ledger/alex/2026-10.toml").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  CHECK((fs::status(r.private_root() / "ledger").permissions() & fs::perms::all) == fs::perms::owner_all);
  // A fresh open finds the id in balance.toml and reads the records from the store.
  repo again = t.open_own("alex");
  CHECK(again.private_root() == r.private_root());
  CHECK(store(again).load(mine(record_type::entry)).size() == 2);
}

TEST_CASE("private store - an interrupted move loses nothing and finishes when run again", "[private]") {
  test_repo t;
  write_legacy_tree(t);
  std::string oct = t.read("private/ledger/alex/2026-10.toml"), nov = t.read("private/ledger/alex/2026-11.toml");
  repo r = t.open_own("alex");
  // The balance.toml write is rename 1, the first copy rename 2: the second copy fails.
  failing_fs broken(failing_fs::op::rename, 3, EIO);
  CHECK_THROWS_AS(move_private_tree(r, broken), error);
  // Every record is still where it was; the one copy made is whole.
  CHECK(t.read("private/ledger/alex/2026-10.toml") == oct);
  CHECK(t.read("private/ledger/alex/2026-11.toml") == nov);
  CHECK(read(r.private_root() / "ledger/alex/2026-10.toml") == oct);
  CHECK_FALSE(fs::exists(r.private_root() / "ledger/alex/2026-11.toml"));
  CHECK(balance_test::count_temp_files(r.private_root()) == 0);
  // Writes now refuse (the store exists and private/ is still there), naming the command.
  repo later = t.open_own("alex");
  CHECK_THROWS_WITH(prepare_private_for_write(later, real_file_system()), Catch::Contains("balance private migrate"));
  private_move done = move_private_tree(later, real_file_system());
  CHECK(done.already_there == 1);
  CHECK(done.moved == 1);
  CHECK(read(later.private_root() / "ledger/alex/2026-11.toml") == nov);
  CHECK(legacy_private_files(later).empty());
}

TEST_CASE("private store - a file that differs in both places stops the move before anything changes", "[private]") {
  test_repo t;
  write_legacy_tree(t);
  repo r = t.open_own("alex");
  move_private_tree(r, real_file_system());
  // A backup brings an older copy back.
  t.write("private/ledger/alex/2026-11.toml", record_to_toml(make_entry("aaaa00000009", "2026-11-09T08:00:00+01:00")));
  auto before = t.snapshot();
  std::string kept = read(r.private_root() / "ledger/alex/2026-11.toml");
  CHECK_THROWS_WITH(move_private_tree(t.open_own("alex"), real_file_system()),
                    Catch::Contains("private/ledger/alex/2026-11.toml") && Catch::Contains("differs from"));
  CHECK(t.snapshot() == before);
  CHECK(read(r.private_root() / "ledger/alex/2026-11.toml") == kept);
}

TEST_CASE("private store - the first write moves an old tree, reads leave it alone with a warning", "[private]") {
  test_repo t;
  write_legacy_tree(t);
  repo r = t.open_own("alex");
  store s(r);
  std::vector<std::string> warnings;
  auto records = s.load(mine(record_type::entry), [&](const diagnostic& d) { warnings.push_back(d.to_string()); });
  CHECK(records.empty());  // never read from inside the repository
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0], Catch::StartsWith("private/: private records are inside the repository") &&
                              Catch::Contains("balance private migrate"));
  CHECK(t.exists("private/ledger/alex/2026-10.toml"));  // a read changes nothing

  std::vector<std::string> notices;
  r.set_notice([&](const std::string& line) { notices.push_back(line); });
  {
    write_batch batch(s);
    record e = make_entry("bbbb00000001", "2026-11-20T08:00:00+01:00");
    batch.add(e);
    auto written = batch.commit();
    CHECK(written.front() == "balance.toml");  // the id that names the store, for autocommit
  }
  CHECK_FALSE(t.exists("private/ledger"));
  CHECK(notices.size() == 2);  // the id, then the move
  CHECK(store(t.open_own("alex")).load(mine(record_type::entry)).size() == 3);
}

TEST_CASE("private store - the key is the git root commit in a git repository, so clones agree", "[private][git]") {
  test_repo t;
  auto git = [&](const std::string& args) {
    return std::system(("git -C '" + t.root().string() + "' " + args + " >/dev/null 2>&1").c_str());
  };
  if (git("--version") != 0) {
    WARN("skipped: git is not installed");
    return;
  }
  REQUIRE(git("init -q") == 0);
  REQUIRE(git("-c user.name=t -c user.email=t@example.org commit -q --allow-empty -m first") == 0);
  std::string root_commit;
  {
    std::string cmd = "git -C '" + t.root().string() + "' rev-list --max-parents=0 HEAD";
    FILE* p = ::popen(cmd.c_str(), "r");
    char buf[64] = {};
    if (p && std::fgets(buf, sizeof buf, p)) root_commit = std::string(buf).substr(0, 12);
    if (p) ::pclose(p);
  }
  REQUIRE(root_commit.size() == 12);
  repo r = t.open_own("alex");
  CHECK(ensure_private_store(r, real_file_system()));
  CHECK(r.private_root().filename() == root_commit);
  CHECK(t.read("balance.toml").find("id = \"" + root_commit + "\"") != std::string::npos);
}

TEST_CASE("private store - the migrate summary says how many files moved, or why none did", "[private]") {
  private_move moved;
  moved.to = "/home/sam/.local/share/balance/private/abc";
  CHECK(move_summary(moved) == "no private/ folder in the repository; nothing to move");
  CHECK(left_behind_note(moved).empty());
  moved.left_behind = {"private/notes.txt", "private/x"};
  CHECK(move_summary(moved) == "no private records in private/; nothing to move");
  CHECK(left_behind_note(moved) ==
        "private/ still holds files that are not records, left as they were: private/notes.txt, private/x");
  moved.moved = 1;
  CHECK(move_summary(moved) == "moved 1 private file out of the repository into /home/sam/.local/share/balance/private/abc");
  moved.already_there = 2;
  CHECK(move_summary(moved) == "moved 3 private files out of the repository into /home/sam/.local/share/balance/private/abc");
}

TEST_CASE("private store - on a memory file system the old tree moves, and is pruned, with nothing on disk",
          "[private][memory_fs]") {
  test_repo t;
  memory_file_system mem;
  mem.add_file(t.root() / "balance.toml", t.read("balance.toml"));
  const std::string oct = record_to_toml(make_entry("aaaa00000001", "2026-10-03T08:00:00+02:00"));
  mem.add_file(t.root() / "private/ledger/alex/2026-10.toml", oct);
  mem.add_file(t.root() / "private/notes.txt", "not a record\n");
  mem.add_dir(t.root() / "private/checkins/alex");
  const auto disk_before = t.snapshot();
  repo r = t.open_own("alex");

  CHECK(legacy_private_files(r, mem) == std::vector<std::string>{"private/ledger/alex/2026-10.toml"});
  CHECK(legacy_private_files(r).empty());  // the disk has none
  private_move moved = move_private_tree(r, mem);
  CHECK(moved.moved == 1);
  CHECK(moved.left_behind == std::vector<std::string>{"private/notes.txt"});
  CHECK(mem.content(r.private_root() / "ledger/alex/2026-10.toml") == oct);
  CHECK_FALSE(mem.is_directory(t.root() / "private/ledger"));
  CHECK_FALSE(mem.is_directory(t.root() / "private/checkins"));  // empty folders go too
  CHECK(mem.content(t.root() / "private/notes.txt") == "not a record\n");
  CHECK(t.snapshot() == disk_before);
  CHECK_FALSE(fs::exists(r.private_root()));
}
