#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <set>

#include <nlohmann/json.hpp>

#include "cli/harness.hpp"

using balance_test::first_id;
using balance_test::result;
using balance_test::sandbox;
namespace fs = std::filesystem;

namespace {

std::string golden_path(const std::string& name) { return balance_test::source_dir() + "/tests/data/golden/" + name; }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The example couple, read in place (nothing is written), as alex on their last day.
struct example : sandbox {
  example() {
    cwd = balance_test::source_dir() + "/examples/couple";
    env["BALANCE_USER"] = "alex";
  }
};

struct couple : sandbox {
  couple() { init_couple(); }
};

// Compares with a checked-in golden file; BALANCE_UPDATE_GOLDEN=1 rewrites it instead.
void check_golden(const std::string& actual, const std::string& name) {
  if (std::getenv("BALANCE_UPDATE_GOLDEN")) std::ofstream(golden_path(name), std::ios::binary) << actual;
  CHECK(actual == slurp(golden_path(name)));
}

}  // namespace

TEST_CASE("report of the example repository matches the golden text", "[report][golden]") {
  example s;
  result r = s.run("balance-report", {});
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  check_golden(r.out, "report-couple.txt");
  // Every line fits 80 columns (counted in characters, not bytes).
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    std::size_t columns = 0;
    for (char c : line) columns += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
    CHECK(columns <= 80);
  }
  // The front door runs the same report.
  CHECK(s.run("balance", {"report"}).out == r.out);
}

TEST_CASE("report of the example repository matches the golden markdown and json", "[report][golden]") {
  example s;
  result md = s.run("balance-report", {"--format", "markdown"});
  REQUIRE(md.status == 0);
  check_golden(md.out, "report-couple.md");
  result json = s.run("balance-report", {"--format", "json"});
  REQUIRE(json.status == 0);
  check_golden(json.out, "report-couple.json");
  // Valid JSON for another parser too, with the section ids of DESIGN 9.1 as keys.
  result tool = s.run("/bin/sh", {"-c", "python3 -m json.tool > /dev/null"}, json.out);
  CHECK(tool.status == 0);
  auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["schema"] == 1);
  for (const char* key : {"header", "working", "checkins", "give_and_take", "choices", "boundaries", "signs", "safety"})
    CHECK(doc.contains(key));
  std::set<std::string> signs;
  for (const auto& sg : doc["signs"]) signs.insert(sg["id"]);
  CHECK(signs.size() >= 3);
  CHECK_FALSE(doc["working"]["findings"].empty());
}

TEST_CASE("report --section prints only the chosen sections, in report order", "[report]") {
  example s;
  result r = s.run("balance-report", {"--section", "signs", "--section", "header"});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("Balance report for alex and sam\n"));
  CHECK(r.out.find("What is working") == std::string::npos);
  CHECK(r.out.find("Signs to talk about") != std::string::npos);
  auto doc = nlohmann::json::parse(s.run("balance-report", {"--section", "choices", "--format", "json"}).out);
  CHECK(doc.size() == 2);
  CHECK(doc.contains("choices"));
  result bad = s.run("balance-report", {"--section", "sings"});
  CHECK(bad.status == 64);
  CHECK_THAT(bad.err, Catch::Contains("did you mean \"signs\""));
}

TEST_CASE("report periods: --period, --since/--until, and their errors", "[report]") {
  example s;
  result october = s.run("balance-report", {"--period", "2026-10", "--section", "header"});
  CHECK(october.out == "Balance report for alex and sam\n2026-10 (2026-10-01 – 2026-10-31), compared with 2026-09 (2026-09-01 –\n"
                       "2026-09-30)\nBased on 6 check-ins, 70 ledger entries and 13 boundary events.\n");
  result range = s.run("balance-report", {"--since", "2026-11-01", "--until", "2026-11-07", "--section", "header"});
  CHECK_THAT(range.out, Catch::Contains("2026-11-01 – 2026-11-07"));
  CHECK(s.run("balance-report", {"--period", "2026-13"}).status == 64);
  CHECK(s.run("balance-report", {"--period", "28d", "--since", "2026-11-01"}).status == 64);
  CHECK(s.run("balance-report", {"--format", "csv"}).status == 64);
  result all = s.run("balance-report", {"--period", "all", "--format", "json"});
  CHECK(all.status == 0);
  CHECK(nlohmann::json::parse(all.out)["header"]["entries"] == 285);
}

TEST_CASE("report --shared leaves out every private record", "[report][private]") {
  couple s;
  s.run("balance-checkin", {"--heard", "4", "--feeling", "I feel glad when we walk", "--at", "2026-11-20"});
  s.run("balance-checkin", {"--private", "--heard", "1", "--feeling", "my secret worry", "--thanks", "private thanks"});
  s.run("balance-ledger", {"add", "solo", "therapy session", "--private"});
  result mine = s.run("balance-report", {});
  CHECK_THAT(mine.out, Catch::Contains("my secret worry"));
  result shared = s.run("balance-report", {"--shared"});
  REQUIRE(shared.status == 0);
  CHECK(shared.out.find("my secret worry") == std::string::npos);
  CHECK(shared.out.find("private thanks") == std::string::npos);
  CHECK_THAT(shared.out, Catch::Contains("Based on 1 check-in, 0 ledger entries and 0 boundary events. Shared records\nonly."));
  result json = s.run("balance-report", {"--shared", "--format", "json"});
  CHECK(json.out.find("secret") == std::string::npos);
  // sam sees no private record of alex's, shared flag or not.
  CHECK(s.run("balance-report", {"--as", "sam"}).out.find("my secret worry") == std::string::npos);
}

TEST_CASE("report safety: a private safe of 2 replaces suggestions for its author only", "[report][safety]") {
  couple s;
  fs::create_directories(s.dir() / "xdg-config/balance");
  std::ofstream(s.dir() / "xdg-config/balance/config.toml", std::ios::app) << "[safety]\nresources = \"Helpline: 0800 111 0 111\"\n";
  for (const char* day : {"2026-11-10", "2026-11-17"}) s.run("balance-ledger", {"add", "choice", "pizza", "--topic", "dinner", "--at", day});
  for (const char* day : {"2026-11-11", "2026-11-18"}) s.run("balance-ledger", {"add", "choice", "soup", "--topic", "dinner", "--at", day});
  s.run("balance-boundaries", {"gave-in", "yes to the trip", "--at", "2026-11-12"});
  s.run("balance-boundaries", {"gave-in", "yes to the loan", "--at", "2026-11-19"});
  s.run("balance-checkin", {"--private", "--safe", "2", "--at", "2026-11-21"});

  result mine = s.run("balance-report", {});
  REQUIRE(mine.status == 0);
  CHECK_THAT(mine.out, Catch::Contains("Your safety") && Catch::Contains("Helpline: 0800 111 0 111") &&
                           Catch::Contains("Boundaries are getting blurry"));
  CHECK(mine.out.find("Try:") == std::string::npos);
  auto doc = nlohmann::json::parse(s.run("balance-report", {"--format", "json"}).out);
  CHECK(doc["safety"]["resources"] == "Helpline: 0800 111 0 111");
  CHECK(doc["signs"][0]["suggestion"].is_null());

  result shared = s.run("balance-report", {"--shared"});
  CHECK(shared.out.find("Your safety") == std::string::npos);
  CHECK(shared.out.find("Try:") != std::string::npos);
  result sam = s.run("balance-report", {"--as", "sam"});
  CHECK(sam.out.find("Your safety") == std::string::npos);
  result remind = s.run("balance-remind", {"--all"});
  CHECK(remind.out.find("safe") == std::string::npos);
  CHECK(remind.out.find("Helpline") == std::string::npos);
  // A later, better rating lifts it.
  s.run("balance-checkin", {"--private", "--safe", "4", "--at", "2026-11-22 08:00"});
  CHECK(s.run("balance-report", {}).out.find("Your safety") == std::string::npos);
}

TEST_CASE("report --from - reports over piped records", "[report]") {
  example s;
  std::string records = s.run("balance-checkin", {"list", "--format", "toml", "--period", "28d"}).out + "\n" +
                        s.run("balance-ledger", {"list", "--format", "toml", "--period", "28d"}).out;
  result r = s.run("balance-report", {"--from", "-", "--section", "header", "--format", "json"}, records);
  REQUIRE(r.status == 0);
  auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["header"]["checkins"] == 8);
  CHECK(doc["header"]["entries"] == 84);
  CHECK(doc["header"]["events"] == 0);
  result bad = s.run("balance-report", {"--from", "-"}, "[[entry]]\nwhat = 3\n");
  CHECK(bad.status == 65);
  CHECK_THAT(bad.err, Catch::StartsWith("<stdin>:2:8: what must be a string"));
}

TEST_CASE("report on an empty repository says there is not much yet, calmly", "[report]") {
  couple s;
  result r = s.run("balance-report", {});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("Not much to go on yet") && Catch::Contains("No signs of imbalance in this period."));
}

TEST_CASE("remind lists what is due, one line each, and is silent with exit 1 otherwise", "[remind]") {
  example s;
  result alex = s.run("balance-remind", {});
  CHECK(alex.status == 0);
  CHECK(alex.out == "alex: review of boundary 36bb64c due\ndinner: sam's turn to choose\nmovie: sam's turn to choose\n");
  result all = s.run("balance-remind", {"--all"});
  CHECK(all.out ==
        "alex: review of boundary 36bb64c due\nsam: review of boundary 4ccf4df due\n"
        "sam: no solo time in 21 days; something of your own is due\n"
        "dinner: sam's turn to choose\nmovie: sam's turn to choose\n");
  auto doc = nlohmann::json::parse(s.run("balance-remind", {"--all", "--format", "json"}).out);
  CHECK(doc["schema"] == 1);
  CHECK(doc["due"].size() == 5);
  CHECK(doc["due"][2]["type"] == "solo");
  // Never what anyone wrote.
  for (const char* words : {"money", "weekend plans", "Hardware", "dentist"}) CHECK(all.out.find(words) == std::string::npos);

  couple quiet;
  quiet.run("balance-checkin", {"--heard", "4"});
  result none = quiet.run("balance-remind", {});
  CHECK(none.status == 1);
  CHECK(none.out.empty());
  CHECK(none.err.empty());
  // A turn alone is never a reason to nag.
  quiet.settings("version = 1\n[[person]]\nname = \"alex\"\n[[person]]\nname = \"sam\"\n[remind]\nturns = [\"dinner\"]\n");
  CHECK(quiet.run("balance-remind", {}).status == 1);
  CHECK(quiet.run("balance-remind", {"--who", "sam"}).out == "sam: check-in due (weekly)\ndinner: alex's turn to choose\n");
  CHECK(quiet.run("balance-remind", {"--who", "sma"}).status == 64);
}

TEST_CASE("remind under cron: env -i with only PATH, HOME and BALANCE_DIR", "[remind]") {
  couple s;
  s.run("balance-checkin", {"--heard", "4", "--at", "2026-11-01"});
  std::string bin = balance_test::bin_dir();
  auto cron = [&](const std::string& now) {
    return s.run("/usr/bin/env", {"-i", "PATH=" + bin + ":/usr/bin:/bin", "HOME=" + s.home().string(),
                                  "BALANCE_DIR=" + s.repo().string(), "BALANCE_NOW=" + now, "balance-remind", "--all"});
  };
  result due = cron("2026-11-22T21:00:00+01:00");
  CHECK(due.status == 0);
  CHECK(due.out == "alex: check-in due (weekly)\nsam: check-in due (weekly)\n");
  CHECK(due.err.empty());
  s.run("balance-checkin", {"--heard", "4", "--at", "2026-11-22 09:00"});
  s.run("balance-checkin", {"--as", "sam", "--heard", "4", "--at", "2026-11-22 09:00"});
  result none = cron("2026-11-22T21:00:00+01:00");
  CHECK(none.status == 1);
  CHECK(none.out.empty());
  // `balance-remind | mail -E` style: works through the front door too.
  CHECK(s.run("/usr/bin/env", {"-i", "PATH=" + bin + ":/usr/bin:/bin", "HOME=" + s.home().string(), "BALANCE_DIR=" + s.repo().string(),
                               "BALANCE_NOW=2026-11-30T21:00:00+01:00", "balance", "remind", "--all"})
            .status == 0);
}

TEST_CASE("report --from - reads json lists too, and refuses csv with a reason", "[report]") {
  example s;
  std::string json = s.run("balance-ledger", {"list", "--format", "json", "--period", "28d"}).out;
  auto doc = nlohmann::json::parse(s.run("balance-report", {"--from", "-", "--section", "header", "--format", "json"}, json).out);
  CHECK(doc["header"]["entries"] == 84);
  result csv = s.run("balance-report", {"--from", "-"}, s.run("balance-ledger", {"list", "--format", "csv"}).out);
  CHECK(csv.status == 65);
  CHECK_THAT(csv.err, Catch::Contains("CSV and TSV hold one record type"));
}
