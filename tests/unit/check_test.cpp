#include <catch2/catch.hpp>

#include "balance/check.hpp"
#include "balance/error.hpp"
#include "balance/output.hpp"
#include "record_file.hpp"
#include "balance/version.hpp"
#include "unit/memory_fs.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::test_repo;

namespace {
std::vector<std::string> lines(const check_result& r) {
  std::vector<std::string> out;
  for (const auto& p : r.problems) out.push_back(p.to_string());
  return out;
}

const char* boundary_file =
    "[[boundary]]\nid = \"b00000000001\"\nat = 2026-10-01T09:00:00+02:00\nwho = \"sam\"\ntext = \"I need quiet mornings\"\n";
}  // namespace

TEST_CASE("check - a clean repository has no problems", "[check]") {
  test_repo t;
  t.write("boundaries/sam.toml", boundary_file);
  t.write("boundaries/alex/2026-11.toml",
          "[[event]]\nid = \"e00000000001\"\nat = 2026-11-02T08:00:00+01:00\nkind = \"respected\"\nboundary = \"b00000000001\"\nwho = \"alex\"\n");
  auto result = check_repo(t.open());
  CHECK(lines(result).empty());
  CHECK(result.records == 2);
  CHECK(result.files == 3);
}

TEST_CASE("check - an event pointing at a missing boundary is reported at its boundary key", "[check]") {
  test_repo t;
  t.write("boundaries/alex/2026-11.toml",
          "[[event]]\nid = \"e00000000001\"\nat = 2026-11-02T08:00:00+01:00\nkind = \"crossed\"\nboundary = \"b00000000009\"\nwho = \"alex\"\n");
  CHECK(lines(check_repo(t.open())) ==
        std::vector<std::string>{
            "boundaries/alex/2026-11.toml:5:12: event e00000000001 points at boundary b00000000009, which does not exist "
            "(removed? `balance-boundaries rm e000000` removes this event)"});
}

TEST_CASE("check - ids are unique across the whole repository", "[check]") {
  test_repo t;
  t.write("ledger/sam/2026-11.toml", record_to_toml(balance_test::make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam")));
  t.write("ledger/alex/2026-11.toml", record_to_toml(balance_test::make_entry("aaaaaaaaaaaa", "2026-11-03T08:00:00+01:00", "alex")));
  auto l = lines(check_repo(t.open()));
  REQUIRE(l.size() == 1);
  CHECK_THAT(l[0], Catch::StartsWith("ledger/sam/2026-11.toml:2:6: id aaaaaaaaaaaa is also used at ledger/alex/2026-11.toml:1"));
}

TEST_CASE("check - unknown keys, strangers and stray files are problems", "[check]") {
  test_repo t;
  t.write("ledger/bob/2026-11.toml", "");
  t.write("ledger/sam/notes.txt", "hello");
  t.write("ledger/sam/2026-11.toml",
          "[[entry]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-11-02T08:00:00+01:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"x\"\ncolour = \"red\"\n");
  t.write("ledger/sam/.2026-11.toml.0123456789ab.tmp", "half");
  auto result = check_repo(t.open());
  auto l = lines(result);
  REQUIRE(l.size() == 3);
  CHECK_THAT(l[0], Catch::StartsWith("ledger/bob/2026-11.toml: \"bob\" is not a person"));
  CHECK(l[1] == "ledger/sam/2026-11.toml:7:1: unknown key \"colour\" in [[entry]]");
  CHECK_THAT(l[2], Catch::StartsWith("ledger/sam/notes.txt: is not a data file"));
  REQUIRE(result.warnings.size() == 1);
  CHECK_THAT(result.warnings[0].to_string(), Catch::Contains("temporary file"));
}

TEST_CASE("check - named paths limit what is reported", "[check]") {
  test_repo t;
  t.write("ledger/sam/2026-11.toml", "[[entry]\n");
  t.write("ledger/alex/2026-11.toml", record_to_toml(balance_test::make_entry("aaaaaaaaaaaa", "2026-11-03T08:00:00+01:00", "alex")));
  repo r = t.open();
  CHECK(lines(check_repo(r, {(t.root() / "ledger/alex").string()})).empty());
  CHECK(lines(check_repo(r, {(t.root() / "ledger/sam/2026-11.toml").string()})).size() == 1);
  CHECK_THROWS_WITH(check_repo(r, {(t.root() / "nope").string()}), (t.root() / "nope").string() + ": does not exist");
  try {
    check_repo(r, {"/etc/passwd"});
    FAIL("a path outside the repository was accepted");
  } catch (const error& e) {
    CHECK(e.kind() == errc::usage);
    CHECK_THAT(e.what(), Catch::StartsWith("/etc/passwd: is not inside the repository"));
  }
}

TEST_CASE("check - settings this version does not know are problems, naming a newer balance", "[check]") {
  test_repo t("version = 1\n[[person]]\nname = \"alex\"\n[[person]]\nname = \"sam\"\n[signs]\nmin_rating_dayz = 7\n");
  repo r = t.open();
  REQUIRE(r.config().warnings.size() == 1);
  auto result = check_repo(r);
  CHECK(lines(result) ==
        std::vector<std::string>{std::string("balance.toml:7:1: unknown setting \"min_rating_dayz\" in [signs] (did you mean "
                                             "\"min_rating_days\"?); balance ") +
                                 version_string + " does not understand it (a newer balance may know it)"});
  // Checking only other files leaves balance.toml out.
  t.write("ledger/alex/2026-11.toml", record_to_toml(balance_test::make_entry("aaaaaaaaaaaa", "2026-11-03T08:00:00+01:00", "alex")));
  CHECK(lines(check_repo(r, {(t.root() / "ledger").string()})).empty());
  CHECK(lines(check_repo(r, {(t.root() / "balance.toml").string()})).size() == 1);
}

TEST_CASE("check - the summary counts files and records, or the problems", "[check]") {
  check_result good;
  good.files = 1;
  good.records = 12;
  CHECK(check_summary(good) == "checked 1 file and 12 records: all good");
  good.files = 3;
  good.records = 1;
  CHECK(check_summary(good) == "checked 3 files and 1 record: all good");
  check_result bad;
  bad.problems.emplace_back(position{"ledger/sam/2026-11.toml", 3, 1}, "bad");
  CHECK(check_summary(bad) == "1 problem found");
  bad.problems.push_back(bad.problems.front());
  CHECK(check_summary(bad) == "2 problems found");
}

TEST_CASE("check - write_check_problems prints one PATH:LINE:COL line per problem, escapes neutralised", "[check]") {
  check_result result;
  result.problems.push_back({{"ledger/sam/2026-11.toml", 3, 7}, "who: \"robin\" is not a person"});
  result.problems.push_back({{"ledger/sam/2026-11.toml", 9, 1}, "a \x1b[31mred\x1b[0m key"});
  string_sink out;
  write_check_problems(result, out);
  CHECK(out.str().starts_with("ledger/sam/2026-11.toml:3:7: who: \"robin\" is not a person\nledger/sam/2026-11.toml:9:1: a "));
  CHECK(out.str().find('\x1b') == std::string::npos);
  string_sink none;
  write_check_problems({}, none);
  CHECK(none.str().empty());
}

TEST_CASE("check - on a memory file system it walks, reads and reports with nothing on disk", "[check][memory_fs]") {
  test_repo t;
  balance_test::memory_file_system mem;
  mem.add_file(t.root() / "balance.toml", t.read("balance.toml"));
  mem.add_file(t.root() / "boundaries/sam.toml", boundary_file);
  mem.add_file(t.root() / "ledger/alex/notes.txt", "stray\n");
  mem.add_symlink(t.root() / "ledger/sam", "/elsewhere");
  repo r = t.open();
  auto result = check_repo(r, {}, mem);
  CHECK(lines(result) == std::vector<std::string>{
                             "ledger/alex/notes.txt: is not a data file (expected checkins/NAME/YYYY-MM.toml, "
                             "ledger/NAME/YYYY-MM.toml, boundaries/NAME.toml, boundaries/NAME/YYYY-MM.toml, "
                             "agreements/NAME.toml, agreements/NAME/YYYY-MM.toml, appreciations/NAME/YYYY-MM.toml, "
                             "repairs/NAME/YYYY-MM.toml, talks/NAME/YYYY-MM.toml or journal/NAME/YYYY-MM.toml)",
                             "ledger/sam: is a symbolic link; balance refuses to read or write through links"});
  CHECK(result.records == 1);
  CHECK(check_repo(r).problems.empty());  // the disk's repository is clean and was never touched
}
