#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "balance/error.hpp"
#include "balance/private_store.hpp"
#include "balance/record_cache.hpp"
#include "balance/store.hpp"
#include "record_file.hpp"
#include "unit/memory_fs.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::make_entry;
using balance_test::memory_file_system;
using balance_test::test_repo;

namespace {

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

void add_one(const store& s, record r) {
  write_batch batch(s);
  batch.add(r);
  batch.commit();
}

// alex's private check-in with a safety answer and a note to look for in every output.
record private_checkin(const std::string& id, const std::string& note) {
  record c;
  c.type = record_type::checkin;
  c.at = *parse_timestamp("2026-11-22T20:00:00+01:00");
  c.who = c.author = "alex";
  c.is_private = true;
  c.safe = 4;
  c.note = note;
  c.id = id;
  return c;
}

}  // namespace

TEST_CASE("store - add writes the author's month file, 0600 in 0700 directories, under umask 000", "[store]") {
  test_repo t;
  repo r = t.open("sam");
  store s(r);
  mode_t old = ::umask(0);
  record e = make_entry("", "2026-11-20T18:00:00+01:00", "alex", "chore", "groceries");
  e.author = "sam";  // sam logs what alex did
  {
    write_batch batch(s);
    batch.add(e);
    CHECK(batch.commit() == std::vector<std::string>{"ledger/sam/2026-11.toml"});
  }
  ::umask(old);
  CHECK(e.path == "ledger/sam/2026-11.toml");
  CHECK(e.id.size() == 12);
  CHECK(mode_of(t.root() / "ledger/sam/2026-11.toml") == 0600);
  CHECK(mode_of(t.root() / "ledger") == 0700);
  CHECK(mode_of(t.root() / "ledger/sam") == 0700);
  CHECK(t.read("ledger/sam/2026-11.toml") == record_to_toml(e));
}

TEST_CASE("store - a clone's 0644 file is read, and written back as 0600", "[store]") {
  test_repo t;
  record e = make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam");
  t.write("ledger/sam/2026-11.toml", record_to_toml(e));
  ::chmod((t.root() / "ledger/sam/2026-11.toml").c_str(), 0644);
  repo r = t.open("sam");
  store s(r);
  CHECK(s.load({record_type::entry}).size() == 1);
  add_one(s, make_entry("bbbbbbbbbbbb", "2026-11-03T08:00:00+01:00", "sam"));
  CHECK(mode_of(t.root() / "ledger/sam/2026-11.toml") == 0600);
}

TEST_CASE("store - scan by period opens only the month files that can hold it", "[store]") {
  test_repo t;
  t.write("ledger/sam/2026-10.toml", record_to_toml(make_entry("aaaaaaaaaaaa", "2026-10-15T08:00:00+02:00", "sam")));
  t.write("ledger/sam/2026-11.toml", record_to_toml(make_entry("bbbbbbbbbbbb", "2026-11-15T08:00:00+01:00", "sam")));
  // Broken files in months outside the period: reading them would throw.
  t.write("ledger/sam/2026-08.toml", "[[entry]\n");
  t.write("ledger/alex/2025-01.toml", "this is not toml\n");
  repo r = t.open("sam");
  store s(r);
  period november = parse_period("2026-11", r.cal());
  auto found = s.load({record_type::entry, november});
  REQUIRE(found.size() == 1);
  CHECK(found[0].id == "bbbbbbbbbbbb");
  CHECK(found[0].author == "sam");
  CHECK(found[0].path == "ledger/sam/2026-11.toml");
  period october = parse_period("2026-10", r.cal());
  CHECK(s.load({record_type::entry, october}).size() == 1);
  // All time reads everything, and so meets the broken file with its position.
  try {
    s.load({record_type::entry});
    FAIL("expected a data error");
  } catch (const error& e) {
    CHECK(e.kind() == errc::data);
    CHECK_THAT(e.problems().at(0).to_string(), Catch::StartsWith("ledger/alex/2025-01.toml:1:"));
  }
}

TEST_CASE("store - records near a month edge are found in the neighbouring file", "[store]") {
  test_repo t;
  // 00:30 on 1 Nov in +01:00 is in the November file but 23:30 UTC on 31 Oct.
  t.write("ledger/sam/2026-11.toml", record_to_toml(make_entry("aaaaaaaaaaaa", "2026-11-01T00:30:00+01:00", "sam")));
  repo r = t.open("sam");
  store s(r);
  period p = period_between("2026-10-31T23:00:00Z", "2026-11-01T00:00:00Z", r.cal());
  CHECK(s.load({record_type::entry, p}).size() == 1);
}

TEST_CASE("store - find takes a unique prefix of 4 or more digits", "[store]") {
  test_repo t;
  t.write("ledger/sam/2026-11.toml", record_to_toml(make_entry("abcd11111111", "2026-11-02T08:00:00+01:00", "sam")) + "\n" +
                                         record_to_toml(make_entry("abcd22222222", "2026-11-03T08:00:00+01:00", "sam")));
  repo r = t.open("sam");
  store s(r);
  CHECK(s.find(record_type::entry, "abcd1").id == "abcd11111111");
  CHECK_THROWS_WITH(s.find(record_type::entry, "abcd"), Catch::Contains("ambiguous") && Catch::Contains("abcd22222222"));
  CHECK_THROWS_WITH(s.find(record_type::entry, "abc"), Catch::Contains("at least 4"));
  CHECK_THROWS_WITH(s.find(record_type::entry, "ffff"), Catch::Contains("no entry has an id starting with ffff"));
  CHECK_THROWS_WITH(s.find(record_type::checkin, "abcd1"), Catch::Contains("no check-in has"));
}

TEST_CASE("store - private records live outside the repository and open only for their owner", "[store][private]") {
  test_repo t;
  repo alex = t.open_own("alex");
  store s(alex);
  record c = private_checkin("c0ffee000001", "canary-3f9a");
  add_one(s, c);
  // Nothing private under the repository; balance.toml got the id that names the store.
  for (const auto& [path, text] : t.snapshot()) CHECK(text.find("canary-3f9a") == std::string::npos);
  CHECK_FALSE(t.exists("private"));
  CHECK(t.read("balance.toml").find("id = \"") != std::string::npos);
  repo again = t.open_own("alex");
  REQUIRE_FALSE(again.private_root().empty());
  CHECK(again.private_root().parent_path() == private_store_base());
  CHECK(std::filesystem::exists(again.private_root() / "checkins/alex/2026-11.toml"));
  CHECK((std::filesystem::status(again.private_root()).permissions() & std::filesystem::perms::all) ==
        std::filesystem::perms::owner_all);

  scan_filter with_mine{record_type::checkin};
  with_mine.private_of_me = true;
  CHECK(store(again).load(with_mine).size() == 1);
  CHECK(store(again).load({record_type::checkin}).empty());  // the shared view by default
  CHECK(store(again).find(record_type::checkin, c.id.substr(0, 6)).note == "canary-3f9a");
  // Another person on this computer, or --as alex on it, never opens them.
  CHECK(store(t.open_own("sam")).load(with_mine).empty());
  repo as_alex = t.open("alex");  // --as alex with no owner known
  CHECK(store(as_alex).load(with_mine).empty());
  ::setenv("BALANCE_USER", "sam", 1);  // sam's computer, --as alex
  repo borrowed = t.open("alex");
  ::unsetenv("BALANCE_USER");
  CHECK(borrowed.acting_as_other());
  CHECK(store(borrowed).load(with_mine).empty());
  CHECK_THROWS_WITH(store(borrowed).find(record_type::checkin, c.id.substr(0, 6)), Catch::Contains("no check-in"));
}

TEST_CASE("store - replace within a file keeps the other records byte for byte", "[store]") {
  test_repo t;
  std::string text = "# mine\n\n" + record_to_toml(make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam")) + "\n" +
                     record_to_toml(make_entry("bbbbbbbbbbbb", "2026-11-03T08:00:00+01:00", "sam"));
  t.write("ledger/sam/2026-11.toml", text);
  repo r = t.open("sam");
  store s(r);
  record before = s.find(record_type::entry, "bbbb");
  record after = before;
  after.what = "washing up";
  {
    write_batch batch(s);
    batch.replace(before, after);
    batch.commit();
  }
  std::string expected = text;
  expected.replace(expected.rfind("dishes"), 6, "washing up");
  CHECK(t.read("ledger/sam/2026-11.toml") == expected);
}

TEST_CASE("store - moving a record to another month writes the destination first", "[store]") {
  test_repo t;
  t.write("ledger/sam/2026-11.toml", record_to_toml(make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam")));
  repo r = t.open("sam");
  store s(r);
  record before = s.find(record_type::entry, "aaaa");
  record after = before;
  after.at = *parse_timestamp("2026-10-30T08:00:00+01:00");
  std::vector<std::string> written;
  {
    write_batch batch(s);
    batch.replace(before, after);
    written = batch.commit();
  }
  CHECK(written == std::vector<std::string>{"ledger/sam/2026-10.toml", "ledger/sam/2026-11.toml"});
  CHECK_FALSE(t.exists("ledger/sam/2026-11.toml"));  // its last record left: no empty file
  CHECK(t.read("ledger/sam/2026-10.toml") == record_to_toml(after));

  // If the second write fails, the record exists twice rather than not at all.
  add_one(s, make_entry("bbbbbbbbbbbb", "2026-10-31T08:00:00+01:00", "sam"));
  record back = s.find(record_type::entry, "aaaa");
  record moved = back;
  moved.at = *parse_timestamp("2026-09-30T08:00:00+02:00");
  balance_test::failing_fs fs(balance_test::failing_fs::op::rename, 2, EIO);
  store failing(r, fs);
  write_batch batch(failing);
  batch.replace(back, moved);
  CHECK_THROWS_AS(batch.commit(), error);
  CHECK(t.read("ledger/sam/2026-09.toml") == record_to_toml(moved));
  CHECK_THAT(t.read("ledger/sam/2026-10.toml"), Catch::Contains("aaaaaaaaaaaa") && Catch::Contains("bbbbbbbbbbbb"));
}

TEST_CASE("store - remove takes exactly one record", "[store]") {
  test_repo t;
  std::string a = record_to_toml(make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam"));
  std::string b = record_to_toml(make_entry("bbbbbbbbbbbb", "2026-11-03T08:00:00+01:00", "sam"));
  t.write("ledger/sam/2026-11.toml", a + "\n" + b);
  repo r = t.open("sam");
  store s(r);
  {
    write_batch batch(s);
    batch.remove(s.find(record_type::entry, "aaaa"));
    batch.commit();
  }
  CHECK(t.read("ledger/sam/2026-11.toml") == b);
}

TEST_CASE("store - a record already gone is reported, and nothing is written", "[store]") {
  test_repo t;
  t.write("ledger/sam/2026-11.toml", record_to_toml(make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam")));
  repo r = t.open("sam");
  store s(r);
  record gone = s.find(record_type::entry, "aaaa");
  gone.id = "aaaaaaaaaaab";
  write_batch batch(s);
  CHECK_THROWS_WITH(batch.remove(gone), Catch::Contains("no longer there"));
}

TEST_CASE("store - add refuses an id already in the file, and invalid records", "[store]") {
  test_repo t;
  t.write("ledger/sam/2026-11.toml", record_to_toml(make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam")));
  repo r = t.open("sam");
  store s(r);
  auto before = t.snapshot();
  write_batch batch(s);
  record dup = make_entry("aaaaaaaaaaaa", "2026-11-05T08:00:00+01:00", "sam");
  CHECK_THROWS_WITH(batch.add(dup), Catch::Contains("already taken"));
  record bad = make_entry("", "2026-11-05T08:00:00+01:00", "sam");
  bad.weight = 0;
  try {
    batch.add(bad);
    FAIL("expected a usage error");
  } catch (const error& e) {
    CHECK(e.kind() == errc::usage);
    CHECK_THAT(e.what(), Catch::Contains("weight must be a positive number"));
  }
  CHECK(t.snapshot() == before);
}

TEST_CASE("store - a broken file is never spliced into", "[store]") {
  test_repo t;
  t.write("ledger/sam/2026-11.toml", "[[entry]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-11-02T08:00:00+01:00\nwho = \"sam\"\n");
  repo r = t.open("sam");
  store s(r);
  auto before = t.snapshot();
  write_batch batch(s);
  record e = make_entry("", "2026-11-05T08:00:00+01:00", "sam");
  try {
    batch.add(e);
    FAIL("expected a data error");
  } catch (const error& err) {
    CHECK(err.kind() == errc::data);
    CHECK_THAT(err.what(), Catch::StartsWith("ledger/sam/2026-11.toml:1:1:"));
  }
  CHECK(t.snapshot() == before);
}

TEST_CASE("store - symlinked and hard-linked data files are refused with permission errors", "[store]") {
  test_repo t;
  t.write("elsewhere.toml", "");
  std::filesystem::create_directories(t.root() / "ledger/sam");
  std::filesystem::create_symlink(t.root() / "elsewhere.toml", t.root() / "ledger/sam/2026-11.toml");
  t.write("ledger/alex/2026-11.toml", "");
  std::filesystem::create_hard_link(t.root() / "ledger/alex/2026-11.toml", t.root() / "hard.toml");
  repo r = t.open("sam");
  store s(r);
  auto before = t.snapshot();
  for (const char* who : {"sam", "alex"}) {
    record e = make_entry("", "2026-11-05T08:00:00+01:00", who);
    write_batch batch(s);
    try {
      batch.add(e);
      batch.commit();
      FAIL("expected a permission error");
    } catch (const error& err) {
      CHECK(err.kind() == errc::permission);
      CHECK(exit_code(err.kind()) == 77);
    }
  }
  CHECK(t.snapshot() == before);
}

TEST_CASE("store - a newer repository version is read but never written", "[store]") {
  test_repo t("version = 2\nsomething_new = true\n[[person]]\nname = \"sam\"\n");
  repo r = t.open("sam");
  store s(r);
  CHECK(s.load({record_type::entry}).empty());
  try {
    write_batch batch(s);
    FAIL("expected a config error");
  } catch (const error& e) {
    CHECK(e.kind() == errc::config);
    CHECK_THAT(e.what(), Catch::Contains("version 2"));
  }
}

TEST_CASE("store - a failure at any file-system step leaves the old file and no temp file", "[store]") {
  using op = balance_test::failing_fs::op;
  struct step {
    op which;
    int at;
  };
  // open: 1 is the temp file (the directory exists already); fsync 1 is the file, 2 the directory.
  const step steps[] = {{op::open, 1}, {op::fchmod, 1}, {op::write, 1}, {op::fsync, 1}, {op::close, 1}, {op::rename, 1}};
  for (const auto& st : steps) {
    test_repo t;
    std::string original = "# keep me\n" + record_to_toml(make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam"));
    t.write("ledger/sam/2026-11.toml", original);
    repo r = t.open("sam");
    balance_test::failing_fs fs(st.which, st.at, ENOSPC);
    store s(r, fs);
    write_batch batch(s);
    record e = make_entry("", "2026-11-05T08:00:00+01:00", "sam");
    batch.add(e);
    CHECK_THROWS_AS(batch.commit(), error);
    CHECK(t.read("ledger/sam/2026-11.toml") == original);
    CHECK(balance_test::count_temp_files(t.root()) == 0);
  }
}

TEST_CASE("store - a dry-run removal of a private record names its real file, outside the repository", "[store][private]") {
  test_repo t;
  repo alex = t.open_own("alex");
  store s(alex);
  record e = make_entry("e0ffee000001", "2026-11-22T20:00:00+01:00", "alex");
  e.is_private = true;
  add_one(s, e);
  repo again = t.open_own("alex");
  store reopened(again);
  outcome dry = remove_record(reopened, record_type::entry, "e0ffee", true);
  CHECK(dry.summary == "would remove entry e0ffee0 (chore, alex, private) from " +
                           (again.private_root() / "ledger/alex/2026-11.toml").string());
  CHECK(dry.paths.empty());
}

// The store on a memory file system: the repository's balance.toml is on disk (opening a
// repository reads it there), its data files only in memory.

TEST_CASE("store - on a memory file system it adds, scans, finds, replaces and removes with no data on disk",
          "[store][memory_fs]") {
  test_repo t;
  const auto disk_before = t.snapshot();
  repo r = t.open("sam");
  memory_file_system mem;
  mem.add_dir(t.root(), 0755);
  store s(r, mem);
  const auto lookups_before = record_cache_counters();

  record oct = make_entry("aaaa00000001", "2026-10-15T08:00:00+02:00", "sam");
  record nov = make_entry("bbbb00000001", "2026-11-02T08:00:00+01:00", "sam");
  record alex = make_entry("bbbb00000002", "2026-11-03T08:00:00+01:00", "alex");
  {
    write_batch batch(s);
    batch.add(oct);
    batch.add(nov);
    batch.add(alex);
    CHECK(batch.commit() ==
          std::vector<std::string>{"ledger/sam/2026-10.toml", "ledger/sam/2026-11.toml", "ledger/alex/2026-11.toml"});
  }
  CHECK(mem.content(t.root() / "ledger/sam/2026-10.toml") == record_to_toml(oct));
  CHECK(mem.mode(t.root() / "ledger/sam/2026-10.toml") == 0600u);
  CHECK(mem.mode(t.root() / "ledger") == 0700u);
  CHECK(mem.mode(t.root() / "ledger/sam") == 0700u);

  period november = parse_period("2026-11", r.cal());
  CHECK(s.load({record_type::entry, november}).size() == 2);
  scan_filter sams{record_type::entry, november};
  sams.author = "sam";
  auto found = s.load(sams);
  REQUIRE(found.size() == 1);
  CHECK(found[0].id == nov.id);
  CHECK(found[0].path == "ledger/sam/2026-11.toml");
  CHECK(s.load({record_type::entry}).size() == 3);
  CHECK(s.data_files(record_type::entry, true, true).size() == 3);
  CHECK(s.all_ids() == std::unordered_set<std::string>{oct.id, nov.id, alex.id});

  CHECK(s.find(record_type::entry, "aaaa").id == oct.id);
  CHECK(s.find(record_type::entry, "bbbb00000002").author == "alex");
  CHECK_THROWS_WITH(s.find(record_type::entry, "bbbb"), Catch::Contains("ambiguous"));

  // Replace in place, then move to October: November's last record leaves, and so does its file.
  record before = s.find(record_type::entry, "bbbb00000001");
  record after = before;
  after.what = "laundry";
  {
    write_batch batch(s);
    batch.replace(before, after);
    batch.commit();
  }
  CHECK_THAT(*mem.content(t.root() / "ledger/sam/2026-11.toml"), Catch::Contains("laundry"));
  record moved = s.find(record_type::entry, "bbbb00000001");
  record to_october = moved;
  to_october.at = *parse_timestamp("2026-10-30T08:00:00+01:00");
  {
    write_batch batch(s);
    batch.replace(moved, to_october);
    CHECK(batch.commit() == std::vector<std::string>{"ledger/sam/2026-10.toml", "ledger/sam/2026-11.toml"});
  }
  CHECK_FALSE(mem.content(t.root() / "ledger/sam/2026-11.toml"));
  CHECK(s.load({record_type::entry, november}).size() == 1);

  remove_record(s, record_type::entry, "aaaa", false);
  auto left = s.load(sams);
  CHECK(left.empty());
  auto all = s.load({record_type::entry});
  REQUIRE(all.size() == 2);
  CHECK(all[0].id == nov.id);
  CHECK(all[0].what == "laundry");
  CHECK(mem.files_under(t.root()) == std::vector<std::string>{"ledger/alex/2026-11.toml", "ledger/sam/2026-10.toml"});
  CHECK(mem.open_descriptors() == 0);

  // The disk saw none of it, and the record cache (keyed on real inodes) was never asked.
  CHECK(t.snapshot() == disk_before);
  CHECK_FALSE(t.exists("ledger"));
  CHECK(store(r).load({record_type::entry}).empty());
  CHECK(record_cache_counters().hits == lookups_before.hits);
  CHECK(record_cache_counters().misses == lookups_before.misses);
  CHECK_FALSE(std::filesystem::exists(record_cache_dir(t.root())));
}

TEST_CASE("store - on a memory file system only the period's files are read, and problems are the disk's",
          "[store][memory_fs]") {
  test_repo t;
  repo r = t.open("sam");
  memory_file_system mem;
  mem.add_file(t.root() / "ledger/sam/2026-11.toml",
               record_to_toml(make_entry("bbbbbbbbbbbb", "2026-11-15T08:00:00+01:00", "sam")));
  // Broken files in months outside the period: reading them would throw.
  mem.add_file(t.root() / "ledger/sam/2026-08.toml", "[[entry]\n");
  mem.add_file(t.root() / "ledger/alex/2025-01.toml", "this is not toml\n");
  mem.add_symlink(t.root() / "checkins/sam/2026-11.toml", "../../ledger/sam/2026-11.toml");
  store s(r, mem);
  CHECK(s.load({record_type::entry, parse_period("2026-11", r.cal())}).size() == 1);
  error broken = balance_test::caught([&] { s.load({record_type::entry}); });
  CHECK(broken.kind() == errc::data);
  CHECK_THAT(broken.problems().at(0).to_string(), Catch::StartsWith("ledger/alex/2025-01.toml:1:"));

  error linked = balance_test::caught([&] { s.load({record_type::checkin}); });
  CHECK(linked.kind() == errc::permission);
  CHECK(std::string(linked.what()) ==
        "checkins/sam/2026-11.toml: is a symbolic link; balance reads data files only directly");
  mem.add_symlink(t.root() / "ledger/sam/2026-12.toml", "2026-11.toml");
  error through = balance_test::caught([&] { add_one(s, make_entry("", "2026-12-02T08:00:00+01:00", "sam")); });
  CHECK(through.kind() == errc::permission);
  CHECK_THAT(through.what(), Catch::Contains("refusing to write through a symbolic link"));
}

namespace {

// Adds `added` in a batch after `change` rewrote the file behind the batch's back (between the
// batch's read of it and its commit). Returns the file as the commit left it, after the commit's
// error message.
std::string add_after_a_change(file_system& fs, const std::function<void(const std::string&)>& change,
                               const std::function<std::string()>& read, const test_repo& t, record added) {
  repo r = t.open("sam");
  store s(r, fs);
  write_batch batch(s);
  batch.add(added);
  change(record_to_toml(make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam")) + "\n" +
         record_to_toml(make_entry("bbbbbbbbbbbb", "2026-11-04T08:00:00+01:00", "sam")));
  error refused = balance_test::caught([&] { batch.commit(); });
  CHECK(refused.kind() == errc::lock);
  return std::string(refused.what()) + "\n" + read();
}

}  // namespace

TEST_CASE("store - a file changed between the batch's read and its commit: in memory as on disk", "[store][memory_fs]") {
  // The lock keeps other balance commands out; another program (an editor, a sync) is not. The
  // batch reads each file again before writing: a change made meanwhile stops it, and the file
  // keeps what the other program saved, in memory exactly as on disk.
  const std::string original = record_to_toml(make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam"));
  const record added = make_entry("cccccccccccc", "2026-11-05T08:00:00+01:00", "sam");
  const std::string rel = "ledger/sam/2026-11.toml";

  test_repo on_disk;
  on_disk.write(rel, original);
  std::string disk = add_after_a_change(
      real_file_system(), [&](const std::string& text) { on_disk.write(rel, text); },
      [&] { return on_disk.read(rel); }, on_disk, added);

  test_repo in_memory;
  const auto disk_before = in_memory.snapshot();
  memory_file_system mem;
  mem.add_file(in_memory.root() / rel, original);
  std::string memory = add_after_a_change(
      mem, [&](const std::string& text) { mem.add_file(in_memory.root() / rel, text); },
      [&] { return mem.content(in_memory.root() / rel).value_or(""); }, in_memory, added);

  CHECK(memory == disk);
  CHECK_THAT(memory, Catch::StartsWith("ledger/sam/2026-11.toml: changed while balance was writing it"));
  CHECK_THAT(memory, Catch::Contains("aaaaaaaaaaaa") && Catch::Contains("bbbbbbbbbbbb"));
  CHECK_THAT(memory, !Catch::Contains("cccccccccccc"));
  CHECK(in_memory.snapshot() == disk_before);
}

TEST_CASE("store - on a memory file system a record changed since it was read is not written over",
          "[store][memory_fs]") {
  test_repo t;
  repo r = t.open("sam");
  memory_file_system mem;
  const auto path = t.root() / "ledger/sam/2026-11.toml";
  mem.add_file(path, record_to_toml(make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam")));
  store s(r, mem);
  record before = s.find(record_type::entry, "aaaa");
  const std::string changed = record_to_toml(make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam", "chore", "laundry"));
  mem.add_file(path, changed);
  record after = before;
  after.what = "cooking";
  write_batch batch(s);
  error e = balance_test::caught([&] { batch.replace(before, after); });
  CHECK(e.kind() == errc::lock);
  CHECK_THAT(e.what(), Catch::Contains("changed since it was read"));
  CHECK(mem.content(path) == changed);
}

TEST_CASE("store - on a memory file system private records, their store and balance.toml's new id stay in memory",
          "[store][memory_fs][private]") {
  test_repo t;
  const auto disk_before = t.snapshot();
  memory_file_system mem;
  mem.add_file(t.root() / "balance.toml", t.read("balance.toml"));
  repo alex = t.open_own("alex");
  store s(alex, mem);
  add_one(s, private_checkin("c0ffee000002", "canary-7c21"));

  REQUIRE_FALSE(alex.private_root().empty());
  auto text = mem.content(alex.private_root() / "checkins/alex/2026-11.toml");
  REQUIRE(text);
  CHECK_THAT(*text, Catch::Contains("canary-7c21"));
  CHECK(mem.mode(alex.private_root()) == 0700u);
  CHECK_THAT(*mem.content(t.root() / "balance.toml"), Catch::Contains("id = \""));
  scan_filter with_mine{record_type::checkin};
  with_mine.private_of_me = true;
  CHECK(s.load(with_mine).size() == 1);
  CHECK(s.find(record_type::checkin, "c0ffee").note == "canary-7c21");

  CHECK(t.snapshot() == disk_before);
  CHECK_FALSE(std::filesystem::exists(alex.private_root()));
}

TEST_CASE("store - a file another program saves while a batch writes stops the whole batch, and both texts stay",
          "[store][memory_fs]") {
  test_repo t;
  repo r = t.open("sam");
  memory_file_system mem;
  mem.add_dir(t.root(), 0755);
  store s(r, mem);
  record first = make_entry("aaaa00000001", "2026-11-02T08:00:00+01:00", "sam");
  {
    write_batch batch(s);
    batch.add(first);
    batch.commit();
  }
  const auto nov = t.root() / "ledger/sam/2026-11.toml";
  const auto oct = t.root() / "ledger/sam/2026-10.toml";
  SECTION("changed") {
    record second = make_entry("aaaa00000002", "2026-11-03T08:00:00+01:00", "sam");
    record other_month = make_entry("aaaa00000003", "2026-10-03T08:00:00+02:00", "sam");
    write_batch batch(s);
    batch.add(other_month);  // a file written first, that must not be written either
    batch.add(second);
    // An editor saves the month file with a hand-added comment after balance read it.
    const std::string saved = *mem.content(nov) + "# a note saved in an editor\n";
    mem.add_file(nov, saved);
    try {
      batch.commit();
      FAIL("the commit wrote over a file saved since it was read");
    } catch (const balance::error& e) {
      CHECK(e.kind() == balance::errc::lock);
      CHECK_THAT(e.what(), Catch::Contains("ledger/sam/2026-11.toml: changed while balance was writing it (another "
                                           "program saved it); nothing was written. Run the command again"));
    }
    CHECK(mem.content(nov) == saved);
    CHECK_FALSE(mem.content(oct));
  }
  SECTION("removed") {
    record second = make_entry("aaaa00000002", "2026-11-03T08:00:00+01:00", "sam");
    write_batch batch(s);
    batch.add(second);
    REQUIRE(mem.unlink(nov.c_str()) == 0);
    CHECK_THROWS_WITH(batch.commit(), Catch::Contains("ledger/sam/2026-11.toml: was removed while balance was writing it"));
    CHECK_FALSE(mem.content(nov));
  }
  SECTION("appeared") {
    record new_month = make_entry("aaaa00000004", "2026-10-04T08:00:00+02:00", "sam");
    write_batch batch(s);
    batch.add(new_month);
    mem.add_file(oct, "# made by hand\n");
    CHECK_THROWS_WITH(batch.commit(), Catch::Contains("ledger/sam/2026-10.toml: appeared while balance was writing it"));
    CHECK(mem.content(oct) == "# made by hand\n");
  }
}
