#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/harness.hpp"

using balance_test::couple;
using balance_test::result;
using balance_test::sandbox;
using balance_test::check_golden;
using balance_test::example;
using balance_test::golden_path;
using balance_test::slurp;

namespace {


std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Every line fits 80 columns (counted in characters, not bytes).
void check_fits_80(const std::string& text) {
  for (const auto& line : lines_of(text)) {
    std::size_t columns = 0;
    for (char c : line) columns += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
    INFO(line);
    CHECK(columns <= 80);
  }
}

// The line of a text table that starts with `start` (after its indent).
std::string line_starting(const std::string& text, const std::string& start) {
  for (const auto& line : lines_of(text))
    if (line.rfind("  " + start, 0) == 0) return line;
  return "";
}

}  // namespace

TEST_CASE("trend of the example repository matches the golden text", "[trend][golden]") {
  example s;
  result r = s.run("balance-report", {"trend"});
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  check_golden(r.out, "trend-couple.txt");
  check_fits_80(r.out);
  // Twelve months, of which the example's four hold records; the text says what it leaves out.
  CHECK_THAT(r.out, Catch::StartsWith("Trends for alex and sam, by month\n2025-12-01 – 2026-11-22, 12 months.\n"));
  CHECK_THAT(r.out, Catch::Contains("Showing the latest 4 of the 12 months, as many as fit in 80 columns"));
  // The front door runs the same.
  CHECK(s.run("balance", {"report", "trend"}).out == r.out);
}

TEST_CASE("trend: the example's heard row checked by hand", "[trend][golden]") {
  example s;
  result r = s.run("balance-report", {"trend"});
  REQUIRE(r.status == 0);
  // alex rated heard 4 5 5 4 in August, 4 4 4 4 in September, 4 4 in October (two ratings,
  // below the minimum of three: marked) and 4 5 4 4 in November; 59 over 14 ratings in all.
  CHECK(line_starting(r.out, "heard") == "  heard      alex  4.5 (4)  4.0 (4)  ~4.0 (2)  4.2 (4)  ▇▆▆▇   4.2 (14)");
  // sam: 4 5 5 4, then 4 4 3, 3 3 2 3, 3 2 2 2; 49 over 15.
  CHECK_THAT(r.out, Catch::Contains("\n             sam   4.5 (4)  3.7 (3)   2.8 (4)  2.2 (4)  ▇▆▄▃   3.3 (15)\n"));
  // The gap is how far apart the two means are; October carries alex's mark.
  CHECK_THAT(r.out, Catch::Contains("\n             gap       0.0      0.3      ~1.2      2.0  ▁▂▃▅        0.9\n"));
  // The agreement of 25 October marks October, the one of 1 November November: the mark hangs
  // after the column's label.
  CHECK_THAT(r.out, Catch::Contains("\n  DIMENSION  WHO   2026-08  2026-09   2026-10* 2026-11* TREND   AVERAGE\n"));
}

TEST_CASE("trend in csv and json matches the golden files and holds the same cells", "[trend][golden]") {
  example s;
  result csv = s.run("balance-report", {"trend", "--format", "csv"});
  REQUIRE(csv.status == 0);
  check_golden(csv.out, "trend-couple.csv");
  CHECK_THAT(csv.out, Catch::StartsWith("period,first,last,section,row,key,who,measure,value\r\n"));
  CHECK_THAT(csv.out, Catch::Contains("\r\n2026-10,2026-10-01,2026-10-31,checkins,rating,heard,alex,mean,4\r\n"
                                      "2026-10,2026-10-01,2026-10-31,checkins,rating,heard,alex,ratings,2\r\n"
                                      "2026-10,2026-10-01,2026-10-31,checkins,rating,heard,alex,few,true\r\n"));
  result json = s.run("balance-report", {"trend", "--format", "json"});
  REQUIRE(json.status == 0);
  check_golden(json.out, "trend-couple.json");
  auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["schema"] == 1);
  CHECK(doc["view"] == "shared");
  REQUIRE(doc["columns"].size() == 12);
  CHECK(doc["columns"][10]["label"] == "2026-10");
  CHECK(doc["columns"][10]["agreements"] == nlohmann::json::array({"5e0c2a7b9d14"}));
  const auto& heard = doc["rows"][0];
  CHECK(heard["key"] == "heard");
  CHECK(heard["who"] == "alex");
  CHECK(heard["cells"][8]["mean"] == 4.5);
  CHECK(heard["cells"][8]["ratings"] == 4);
  CHECK(heard["cells"][0]["mean"].is_null());
  CHECK(heard["average"]["ratings"] == 14);
  CHECK(doc["note"].get<std::string>().starts_with("People tend to log more of their own work"));
  result tsv = s.run("balance-report", {"trend", "--format", "tsv"});
  CHECK_THAT(tsv.out, Catch::StartsWith("period\tfirst\tlast\tsection\trow\tkey\twho\tmeasure\tvalue\n"));
}

TEST_CASE("trend --every and --what choose the columns and rows", "[trend]") {
  example s;
  result weeks = s.run("balance-report", {"trend", "--every", "week", "--what", "checkins"});
  REQUIRE(weeks.status == 0);
  CHECK_THAT(weeks.out, Catch::StartsWith("Trends for alex and sam, by week\n2026-08-31 – 2026-11-22, 12 weeks.\n"));
  CHECK_THAT(weeks.out, Catch::Contains("2026-W47"));
  CHECK(weeks.out.find("Give and take") == std::string::npos);
  check_fits_80(weeks.out);
  result quarters = s.run("balance-report", {"trend", "--every", "quarter", "--period", "2026", "--what", "load"});
  REQUIRE(quarters.status == 0);
  CHECK_THAT(quarters.out, Catch::Contains("2026-Q3  2026-Q4*"));
  CHECK(quarters.out.find("Check-ins") == std::string::npos);
  CHECK_THAT(quarters.out, Catch::Contains("People tend to log more of their own work"));
  // The period flags work before the command word too, and --since/--until as in the report.
  CHECK(s.run("balance-report", {"--period", "2026", "trend", "--every", "quarter", "--what", "load"}).out == quarters.out);
  result since = s.run("balance-report", {"trend", "--since", "2026-10-01", "--until", "2026-11-22"});
  CHECK_THAT(since.out, Catch::Contains("2026-10-01 – 2026-11-22, 2 months."));
  result md = s.run("balance-report", {"trend", "--format", "markdown", "--what", "choices"});
  REQUIRE(md.status == 0);
  CHECK_THAT(md.out, Catch::StartsWith("# Trends for alex and sam, by month\n"));
  CHECK_THAT(md.out, Catch::Contains("| Topic | Who | Agreed | 2025-12 |"));
}

TEST_CASE("trend: bad --every and --what values are usage errors that name the choices", "[trend]") {
  example s;
  result every = s.run("balance-report", {"trend", "--every", "fortnight"});
  CHECK(every.status == 64);
  CHECK(every.out.empty());
  CHECK(every.err == "balance-report: --every fortnight: use week, month or quarter\n");
  result what = s.run("balance-report", {"trend", "--what", "chores"});
  CHECK(what.status == 64);
  CHECK(what.out.empty());
  CHECK(what.err == "balance-report: --what chores: use checkins, load, choices or all (did you mean \"choices\"?)\n");
  result format = s.run("balance-report", {"trend", "--format", "toml"});
  CHECK(format.status == 64);
  CHECK_THAT(format.err, Catch::Contains("--format toml: use one of text, markdown, csv, tsv, json"));
  result section = s.run("balance-report", {"trend", "--section", "signs"});
  CHECK(section.status == 64);
  CHECK(section.err == "balance-report: --section and --from are for the report, not for trend\n");
  result weeks = s.run("balance-report", {"trend", "--every", "week", "--period", "1900..2026"});
  CHECK(weeks.status == 64);
  CHECK_THAT(weeks.err, Catch::Contains("choose a shorter --period or a longer --every"));
  CHECK(s.run("balance-report", {"trend", "--period", "2026-13"}).status == 64);
  CHECK(s.run("balance-report", {"trend", "--mine", "--shared"}).status == 64);
  // The report itself still takes only its own formats.
  CHECK(s.run("balance-report", {"--format", "csv"}).status == 64);
}

TEST_CASE("trend: a private canary record does not change the shared trend bytes", "[trend][private]") {
  couple s;
  for (const char* day : {"2026-10-05", "2026-10-12", "2026-11-02", "2026-11-09", "2026-11-16"}) {
    s.run("balance-checkin", {"--heard", "4", "--kind", "5", "--at", day});
    s.run("balance-ledger", {"add", "chore", "dishes", "--at", day});
    s.run("balance-ledger", {"add", "choice", "pasta", "--topic", "dinner", "--at", day});
  }
  s.run("balance-talk", {"agree", "We walk on Sundays", "--at", "2026-10-20"});
  const std::vector<std::vector<std::string>> views = {{"trend"},
                                                       {"trend", "--format", "csv"},
                                                       {"trend", "--format", "json"},
                                                       {"trend", "--format", "markdown", "--every", "week"}};
  auto look = [&] {
    std::vector<std::string> seen;
    for (const auto& args : views) {
      result r = s.run("balance-report", args);
      seen.push_back(std::to_string(r.status) + "\n" + r.out + "\n--\n" + r.err);
    }
    return seen;
  };
  auto before = look();
  REQUIRE(s.run("balance-checkin", {"--private", "--heard", "1", "--note", "canary-7f3a", "--at", "2026-11-10"}).status == 0);
  REQUIRE(s.run("balance-ledger", {"add", "solo", "canary-7f3a", "--private", "--minutes", "60", "--at", "2026-11-11"}).status == 0);
  // balance-talk has no --private: an agreement of one's own comes in through --from.
  REQUIRE(s.run("balance-talk", {"add", "--from", "-"},
                "[[agreement]]\nat = 2026-11-12T20:00:00+01:00\nwho = \"alex\"\ntext = \"canary-7f3a agreement\"\n"
                "private = true\n")
              .status == 0);
  auto after = look();
  for (std::size_t i = 0; i < views.size(); ++i) {
    INFO(views[i].back());
    CHECK(after[i] == before[i]);
  }
  // The private view adds them: the agreement marked (private), alex's November mean lower.
  result mine = s.run("balance-report", {"trend", "--mine"});
  REQUIRE(mine.status == 0);
  CHECK_THAT(mine.out, Catch::Contains("Your view: shared records plus 2 private records of yours.") &&
                           Catch::Contains("canary-7f3a agreement (private)"));
  CHECK(mine.out != s.run("balance-report", {"trend"}).out);
}

TEST_CASE("trend of an empty repository says there is nothing to go on yet", "[trend]") {
  couple s;
  result r = s.run("balance-report", {"trend"});
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "Trends for alex and sam, by month\n2025-12-01 – 2026-11-22, 12 months.\nShared view: no private records.\n"
                 "Based on 0 check-ins and 0 ledger entries.\n\n"
                 "  Nothing to go on yet: check in and log a few things, and this fills up.\n");
  auto doc = nlohmann::json::parse(s.run("balance-report", {"trend", "--format", "json"}).out);
  CHECK(doc["rows"].empty());
  CHECK(s.run("balance-report", {"trend", "--format", "csv"}).out == "period,first,last,section,row,key,who,measure,value\r\n");
}
