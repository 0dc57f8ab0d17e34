#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "balance/output.hpp"
#include "record_cache_entries.hpp"
#include "balance/settings.hpp"
#include "balance/store.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::make_entry;
using balance_test::temp_dir;
using balance_test::test_repo;
namespace fs = std::filesystem;

namespace {

const std::string ledger_rel = "ledger/sam/2026-11.toml";
const std::string ledger_text =
    "# hand-written\n"
    "[[entry]]\n"
    "id = \"aaaaaaaaaaaa\"\n"
    "at = 2026-11-02T08:00:00+01:00\n"
    "who = \"sam\"\n"
    "kind = \"chore\"\n"
    "what = \"dishes\"\n"
    "weight = 1.5\n"
    "tags = [\"kitchen\", \"evening\"]\n"
    "colour = \"blue\"\n"
    "\n"
    "[[entry]]\n"
    "id = \"bbbbbbbbbbbb\"\n"
    "at = 2026-11-20T18:00:00\n"
    "who = \"alex\"\n"
    "kind = \"choice\"\n"
    "topic = \"dinner\"\n"
    "what = \"pasta\"\n"
    "for = \"sam\"\n"
    "minutes = 30\n"
    "note = \"a \\\"quoted\\\" note\\nover two lines\"\n"
    "mood_of_cook = { happy = true }\n";

const std::string checkin_rel = "checkins/sam/2026-11.toml";
const std::string checkin_text =
    "[[checkin]]\n"
    "id = \"cccccccccccc\"\n"
    "at = 2026-11-10T20:00:00+01:00\n"
    "who = \"sam\"\n"
    "kind = 2\n"
    "heard = 4\n"
    "space = 3\n"
    "old_dimension = 5\n"
    "colour = \"red\"\n"
    "feeling = \"I feel heard when you ask\"\n";

std::int64_t later_than(const file_stamp& s) { return std::max(s.mtime_ns, s.ctime_ns) + 10'000'000'000; }

parsed_file parse(const test_repo& t, const repo& r, const std::string& rel) {
  read_options opts{&r.config(), &r.data_zone(), false};
  return parse_record_file(t.read(rel), rel, *role_of_path(rel), opts);
}

// A cache's answer must be exactly what a parse says: records, their places, warnings.
void require_same(const parsed_file& parsed, const parsed_file& cached) {
  REQUIRE(parsed.problems.empty());
  REQUIRE(cached.records.size() == parsed.records.size());
  for (std::size_t i = 0; i < parsed.records.size(); ++i) {
    const record& a = parsed.records[i];
    const record& b = cached.records[i];
    CHECK(a.same_content(b));
    CHECK(a.ratings == b.ratings);
    CHECK(a.extra == b.extra);
    CHECK(a.at.offset == b.at.offset);
    CHECK(a.line == b.line);
    CHECK(a.path == b.path);
    CHECK(a.author == b.author);
    CHECK(a.is_private == b.is_private);
  }
  REQUIRE(cached.warnings.size() == parsed.warnings.size());
  for (std::size_t i = 0; i < parsed.warnings.size(); ++i) CHECK(cached.warnings[i].to_string() == parsed.warnings[i].to_string());
  // A write splices by these lines: they must be the parse's exactly.
  REQUIRE(cached.spans.size() == parsed.spans.size());
  for (std::size_t i = 0; i < parsed.spans.size(); ++i) {
    CHECK(cached.spans[i].first_line == parsed.spans[i].first_line);
    CHECK(cached.spans[i].header_line == parsed.spans[i].header_line);
    CHECK(cached.spans[i].last_line == parsed.spans[i].last_line);
  }
}

struct cached_repo {
  test_repo t;
  temp_dir base;
  explicit cached_repo(const std::string& settings = test_repo::default_settings()) : t(settings) {
    t.write(ledger_rel, ledger_text);
    t.write(checkin_rel, checkin_text);
  }
  record_cache cache(const repo& r) const { return record_cache(t.root(), r.data_zone().name(), base.path() / "records"); }
  file_stamp stamp(const std::string& rel) const { return *stamp_of(t.root() / rel); }
  // Parses `rel` and stores it as if written long after the file's last change.
  void remember(const repo& r, const std::string& rel) const {
    cache(r).save(rel, *role_of_path(rel), stamp(rel), parse(t, r, rel), later_than(stamp(rel)));
  }
  std::optional<parsed_file> lookup(const repo& r, const std::string& rel) const {
    return cache(r).load(rel, *role_of_path(rel), stamp(rel), r.config());
  }
  fs::path entry(const repo& r, const std::string& rel) const {
    for (const auto& e : fs::directory_iterator(cache(r).dir()))
      if (e.path().extension() == ".rec") {
        std::ifstream in(e.path(), std::ios::binary);
        std::string data((std::istreambuf_iterator<char>(in)), {});
        if (data.find(rel) != std::string::npos) return e.path();
      }
    FAIL("no cache entry for " << rel);
    return {};
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

void spit(const fs::path& p, const std::string& data) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << data;
}

}  // namespace

TEST_CASE("record cache - an entry gives back exactly what a parse gives, warnings and positions included", "[record_cache]") {
  cached_repo c;
  repo r = c.t.open("sam");
  for (const auto& rel : {ledger_rel, checkin_rel}) {
    c.remember(r, rel);
    auto hit = c.lookup(r, rel);
    REQUIRE(hit);
    require_same(parse(c.t, r, rel), *hit);
  }
  CHECK(parse(c.t, r, ledger_rel).warnings.size() == 2);  // the unknown keys are really there
}

TEST_CASE("record cache - the talk's records come back with every field", "[record_cache][talk]") {
  cached_repo c;
  const std::vector<std::pair<std::string, std::string>> files = {
      {"agreements/sam.toml",
       "[[agreement]]\nid = \"a00000000001\"\nat = 2026-11-01T19:00:00+01:00\nwho = \"sam\"\ntext = \"phones away\"\n"
       "review = \"weekly\"\nstatus = \"dropped\"\nclosed = 2026-11-20T08:00:00+01:00\ntags = [\"dinner\"]\nnote = \"n\"\n"},
      {"agreements/sam/2026-11.toml",
       "[[review]]\nid = \"d00000000001\"\nat = 2026-11-15T20:00:00+01:00\nwho = \"alex\"\nagreement = \"a00000000001\"\n"
       "outcome = \"not-yet\"\nnote = \"one of three\"\n"},
      {"appreciations/sam/2026-11.toml",
       "[[appreciation]]\nid = \"f00000000001\"\nat = 2026-11-21T09:00:00+01:00\nwho = \"sam\"\nfor = \"alex\"\n"
       "text = \"dinner\"\nentry = \"bbbbbbbbbbbb\"\n"},
      {"repairs/sam/2026-11.toml",
       "[[repair]]\nid = \"c00000000001\"\nat = 2026-11-21T22:00:00+01:00\nwho = \"sam\"\nhumour = false\n\n"
       "[[repair]]\nid = \"c00000000002\"\nat = 2026-11-21T23:00:00+01:00\nwho = \"sam\"\ntext = \"a hug\"\nhumour = true\n"},
      {"talks/sam/2026-11.toml",
       "[[talk]]\nid = \"b00000000001\"\nat = 2026-11-22T19:00:00+01:00\nwho = \"sam\"\nwith = [\"alex\", \"sam\"]\n"
       "minutes = { sam = 5, alex = 6.5 }\ntopic = \"weekends\"\nsign = \"one-chooser\"\nagreement = \"a00000000001\"\n"
       "appreciations = 4\nnote = \"care, sam: a walk\"\ntags = [\"weekly\"]\n"},
  };
  for (const auto& [rel, text] : files) c.t.write(rel, text);
  repo r = c.t.open("sam");
  for (const auto& [rel, text] : files) {
    c.remember(r, rel);
    auto hit = c.lookup(r, rel);
    REQUIRE(hit);
    require_same(parse(c.t, r, rel), *hit);
  }
  auto repairs = c.lookup(r, "repairs/sam/2026-11.toml");
  REQUIRE(repairs->records.size() == 2);
  CHECK(repairs->records[0].humour == std::optional<bool>(false));
  CHECK(repairs->records[1].humour == std::optional<bool>(true));
  CHECK(c.lookup(r, "agreements/sam.toml")->records[0].closed.has_value());
  // Kept whole: a reference into the lookup's temporary would dangle (ASan found it).
  auto talks = c.lookup(r, "talks/sam/2026-11.toml");
  REQUIRE(talks);
  const record& talk = talks->records.at(0);
  CHECK(talk.with == std::vector<std::string>{"alex", "sam"});
  CHECK(talk.spoke == std::vector<person_minutes>{{"sam", 5}, {"alex", 6.5}});
  CHECK(talk.sign == "one-chooser");
  CHECK(talk.appreciations == std::optional<std::int64_t>(4));
}

TEST_CASE("record cache - files are 0700 directories and 0600 entries under the cache base", "[record_cache]") {
  cached_repo c;
  repo r = c.t.open("sam");
  mode_t old = ::umask(0);
  c.remember(r, ledger_rel);
  ::umask(old);
  struct stat st {};
  REQUIRE(::stat(c.cache(r).dir().c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0700);
  REQUIRE(::stat((c.base.path() / "records").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0700);
  REQUIRE(::stat(c.entry(r, ledger_rel).c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
}

TEST_CASE("record cache - a file changed since its entry was written is a miss", "[record_cache]") {
  cached_repo c;
  repo r = c.t.open("sam");
  c.remember(r, ledger_rel);
  file_stamp s = c.stamp(ledger_rel);
  auto cache = c.cache(r);
  auto role = *role_of_path(ledger_rel);
  REQUIRE(cache.load(ledger_rel, role, s, r.config()));
  file_stamp changed = s;
  SECTION("size") { changed.size += 1; }
  SECTION("mtime") { changed.mtime_ns += 1; }
  SECTION("ctime") { changed.ctime_ns += 1; }
  SECTION("inode") { changed.inode += 1; }
  SECTION("device") { changed.device += 1; }
  CHECK_FALSE(cache.load(ledger_rel, role, changed, r.config()));
}

TEST_CASE("record cache - an entry written within a timestamp tick of the file's change is not trusted", "[record_cache]") {
  cached_repo c;
  repo r = c.t.open("sam");
  file_stamp s = c.stamp(ledger_rel);
  auto cache = c.cache(r);
  auto role = *role_of_path(ledger_rel);
  std::int64_t changed = std::max(s.mtime_ns, s.ctime_ns);
  cache.save(ledger_rel, role, s, parse(c.t, r, ledger_rel), changed + 5'000'000);  // 5 ms later: racily clean
  CHECK_FALSE(cache.load(ledger_rel, role, s, r.config()));
  cache.save(ledger_rel, role, s, parse(c.t, r, ledger_rel), changed + 1'000'000'000);
  CHECK(cache.load(ledger_rel, role, s, r.config()));
  // A file system that keeps whole seconds: one second later is still within its tick.
  file_stamp coarse = s;
  coarse.mtime_ns = coarse.ctime_ns = (changed / 1'000'000'000) * 1'000'000'000;
  cache.save(ledger_rel, role, coarse, parse(c.t, r, ledger_rel), coarse.mtime_ns + 1'000'000'000);
  CHECK_FALSE(cache.load(ledger_rel, role, coarse, r.config()));
}

TEST_CASE("record cache - a truncated, garbage or bit-flipped entry is ignored, and saving rewrites it", "[record_cache]") {
  cached_repo c;
  repo r = c.t.open("sam");
  c.remember(r, ledger_rel);
  fs::path entry = c.entry(r, ledger_rel);
  std::string good = slurp(entry);
  SECTION("truncated") { spit(entry, good.substr(0, good.size() / 2)); }
  SECTION("empty") { spit(entry, ""); }
  SECTION("garbage") { spit(entry, std::string(good.size(), 'x')); }
  SECTION("one byte flipped") {
    std::string bad = good;
    bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x10);
    spit(entry, bad);
  }
  CHECK_FALSE(c.lookup(r, ledger_rel));
  c.remember(r, ledger_rel);
  CHECK(slurp(entry) == good);  // the same stamp and writing time give the same bytes
  auto hit = c.lookup(r, ledger_rel);
  REQUIRE(hit);
  require_same(parse(c.t, r, ledger_rel), *hit);
}

TEST_CASE("record cache - an entry of another repository, path or zone is a miss", "[record_cache]") {
  cached_repo c;
  repo r = c.t.open("sam");
  c.remember(r, ledger_rel);
  auto role = *role_of_path(ledger_rel);
  record_cache other_zone(c.t.root(), "UTC", c.base.path() / "records");
  CHECK_FALSE(other_zone.load(ledger_rel, role, c.stamp(ledger_rel), r.config()));
  // Another repository never even shares the directory.
  CHECK(record_cache(c.base.path(), "Europe/Berlin", c.base.path() / "records").dir() != c.cache(r).dir());
}

TEST_CASE("record cache - a person renamed in balance.toml makes cached records fail as a parse would", "[record_cache]") {
  cached_repo c;
  repo before = c.t.open("sam");
  c.remember(before, ledger_rel);
  c.t.write("balance.toml", "version = 1\ntimezone = \"Europe/Berlin\"\n[[person]]\nname = \"alexa\"\n[[person]]\nname = \"sam\"\n");
  repo after = c.t.open("sam");
  CHECK_FALSE(parse(c.t, after, ledger_rel).problems.empty());
  CHECK_FALSE(c.lookup(after, ledger_rel));  // the store then parses, and reports the problem
}

TEST_CASE("record cache - removed and reordered dimensions re-validate cached check-ins like a parse", "[record_cache]") {
  std::string dims =
      "version = 1\ntimezone = \"Europe/Berlin\"\n[[person]]\nname = \"alex\"\n[[person]]\nname = \"sam\"\n"
      "[[checkin.dimension]]\nkey = \"space\"\nquestion = \"Room?\"\nlow = \"stifled\"\nhigh = \"room\"\n";
  cached_repo c;
  repo before = c.t.open("sam");
  c.remember(before, checkin_rel);
  SECTION("a dimension removed and the order changed") {
    c.t.write("balance.toml", dims);
    repo after = c.t.open("sam");
    auto hit = c.lookup(after, checkin_rel);
    REQUIRE(hit);
    require_same(parse(c.t, after, checkin_rel), *hit);
    CHECK(hit->records[0].ratings.front().key == "space");
  }
  SECTION("an unknown key that the settings now know as a dimension") {
    c.t.write("balance.toml", dims + "[[checkin.dimension]]\nkey = \"colour\"\nquestion = \"C?\"\nlow = \"a\"\nhigh = \"b\"\n");
    repo after = c.t.open("sam");
    CHECK_FALSE(parse(c.t, after, checkin_rel).problems.empty());  // "colour must be a whole number"
    CHECK_FALSE(c.lookup(after, checkin_rel));
  }
}

TEST_CASE("record cache - private files are never written to the cache", "[record_cache]") {
  cached_repo c;
  repo r = c.t.open("sam");
  file_role role = *role_of_path(ledger_rel);
  role.is_private = true;
  c.cache(r).save("private/" + ledger_rel, role, c.stamp(ledger_rel), parse(c.t, r, ledger_rel),
                  later_than(c.stamp(ledger_rel)));
  CHECK_FALSE(fs::exists(c.base.path() / "records"));
}

TEST_CASE("record cache - a cache that cannot be written is skipped without a word", "[record_cache]") {
  cached_repo c;
  repo r = c.t.open("sam");
  spit(c.base.path() / "file", "not a directory");
  record_cache blocked(c.t.root(), r.data_zone().name(), c.base.path() / "file" / "records");
  auto role = *role_of_path(ledger_rel);
  CHECK_NOTHROW(blocked.save(ledger_rel, role, c.stamp(ledger_rel), parse(c.t, r, ledger_rel), later_than(c.stamp(ledger_rel))));
  CHECK_FALSE(blocked.load(ledger_rel, role, c.stamp(ledger_rel), r.config()));
}

TEST_CASE("record cache - the store sees an edit made behind the cache's back with the same size and mtime", "[record_cache]") {
  test_repo t;
  t.write(ledger_rel, ledger_text);
  std::this_thread::sleep_for(std::chrono::milliseconds(60));  // older than a timestamp tick
  repo r = t.open("sam");
  store s(r);
  auto first = s.load({record_type::entry});
  auto hits_before = record_cache_counters().hits;
  CHECK(s.load({record_type::entry}).size() == first.size());
  CHECK(record_cache_counters().hits == hits_before + 1);  // the second read came from the cache
  struct stat st {};
  REQUIRE(::stat((t.root() / ledger_rel).c_str(), &st) == 0);
  std::string edited = ledger_text;
  edited.replace(edited.find("dishes"), 6, "laundr");  // the same size
  t.write(ledger_rel, edited);
  struct timespec times[2] = {st.st_atim, st.st_mtim};
  REQUIRE(::utimensat(AT_FDCWD, (t.root() / ledger_rel).c_str(), times, 0) == 0);  // mtime restored
  auto again = s.load({record_type::entry});
  REQUIRE(again.size() == 2);
  CHECK(again[0].what == "laundr");
}

TEST_CASE("record cache - with the cache disabled nothing is read or written", "[record_cache]") {
  test_repo t;
  t.write(ledger_rel, ledger_text);
  ::setenv("BALANCE_NO_CACHE", "1", 1);
  CHECK_FALSE(record_cache_enabled());
  repo r = t.open("sam");
  auto misses = record_cache_counters().misses;
  store(r).load({record_type::entry});
  ::unsetenv("BALANCE_NO_CACHE");
  CHECK(record_cache_counters().misses == misses);
  CHECK_FALSE(fs::exists(record_cache_dir(t.root())));
}

TEST_CASE("record cache - entries in a folder others may write to are not read, and ours is closed to 0700", "[record_cache]") {
  cached_repo c;
  repo r = c.t.open("sam");
  c.remember(r, ledger_rel);
  REQUIRE(c.lookup(r, ledger_rel));
  fs::path dir = c.cache(r).dir();
  REQUIRE(::chmod(dir.c_str(), 0777) == 0);
  CHECK_FALSE(c.lookup(r, ledger_rel));  // someone else could have planted it
  c.remember(r, ledger_rel);             // writing closes the folder again
  struct stat st {};
  REQUIRE(::stat(dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0700);
  CHECK(c.lookup(r, ledger_rel));
}

TEST_CASE("record cache - cache info: location, entries, size and the last command's hits", "[record_cache]") {
  record_cache_info info;
  info.dir = "/home/alex/.cache/balance/records/3f9a1c0d52be";
  info.entries = 3;
  info.bytes = 3 * 1024 * 1024 / 2;
  string_sink none;
  write_record_cache_info(info, none);
  CHECK(none.str() ==
        "location: /home/alex/.cache/balance/records/3f9a1c0d52be\nentries: 3\nsize: 1.5 MiB\n"
        "last command: not recorded\n");
  info.bytes = 900;
  info.last = cache_counters{1, 3};
  string_sink last;
  write_record_cache_info(info, last);
  CHECK(last.str().ends_with("size: 900 bytes\nlast command: 1 hit, 3 misses (25% hits)\n"));
  info.bytes = 2048;
  info.last = cache_counters{0, 0};
  string_sink empty;
  write_record_cache_info(info, empty);
  CHECK(empty.str().ends_with("size: 2.0 KiB\nlast command: 0 hits, 0 misses (0% hits)\n"));
}

TEST_CASE("record cache - a write splices by the cached parse and writes what a parse would", "[record_cache]") {
  test_repo t;
  t.write(ledger_rel, ledger_text);
  std::this_thread::sleep_for(std::chrono::milliseconds(60));  // older than a timestamp tick
  repo r = t.open_own("sam");
  store s(r);
  (void)s.load({record_type::entry});  // fills the cache
  record added = make_entry("dddddddddddd", "2026-11-10T12:00:00+01:00", "sam", "chore", "bins");
  const std::string expected = splice_insert(ledger_text, parse(t, r, ledger_rel), {added});
  auto hits_before = record_cache_counters().hits;
  write_batch batch(s);
  batch.add(added);
  batch.commit();
  CHECK(record_cache_counters().hits == hits_before + 1);  // the write did not parse the file first
  CHECK(t.read(ledger_rel) == expected);
  CHECK(expected.starts_with("# hand-written\n"));
}
