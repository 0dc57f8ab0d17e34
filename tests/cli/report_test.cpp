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
using balance_test::couple;
using balance_test::sandbox;
using balance_test::check_golden;
using balance_test::example;
using balance_test::golden_path;
using balance_test::slurp;
namespace fs = std::filesystem;

namespace {


// Every line fits 80 columns (counted in characters, not bytes).
void check_fits_80(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::size_t columns = 0;
    for (char c : line) columns += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
    CHECK(columns <= 80);
  }
}

}  // namespace

TEST_CASE("report of the example repository matches the golden text", "[report][golden]") {
  example s;
  result r = s.run("balance-report", {});
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  check_golden(r.out, "report-couple.txt");
  check_fits_80(r.out);
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
  // Valid JSON for another parser too, with the section ids as keys.
  result tool = s.run("/bin/sh", {"-c", "python3 -m json.tool > /dev/null"}, json.out);
  CHECK(tool.status == 0);
  auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["schema"] == 1);
  CHECK(doc["view"] == "shared");
  for (const char* key : {"header", "working", "checkins", "give_and_take", "choices", "boundaries", "agreements", "signs"})
    CHECK(doc.contains(key));
  CHECK_FALSE(doc.contains("safety"));  // the shared view has no safety key at all, not even null
  std::set<std::string> signs;
  for (const auto& sg : doc["signs"]) signs.insert(sg["id"]);
  CHECK(signs.size() >= 3);
  CHECK_FALSE(doc["working"]["findings"].empty());
  // Markdown keeps every caption the text report has.
  result text = s.run("balance-report", {});
  for (const char* caption : {"MEAN is 1–5 over N ratings", "People tend to log more of their own work",
                              "RESPECTED and CROSSED count events", "NEXT TURN is whose pick is next", "Shared view"}) {
    INFO(caption);
    CHECK(text.out.find(caption) != std::string::npos);
    CHECK(md.out.find(caption) != std::string::npos);
  }
  CHECK(doc["give_and_take"]["note"].get<std::string>().starts_with("People tend to log more of their own work"));
}

TEST_CASE("report --section prints only the chosen sections, in report order", "[report]") {
  example s;
  result r = s.run("balance-report", {"--section", "signs", "--section", "header"});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("Balance report for alex and sam\n"));
  CHECK(r.out.find("What is working") == std::string::npos);
  CHECK(r.out.find("Signs to talk about") != std::string::npos);
  auto doc = nlohmann::json::parse(s.run("balance-report", {"--section", "choices", "--format", "json"}).out);
  CHECK(doc.size() == 3);  // schema, view, choices
  CHECK(doc.contains("choices"));
  result bad = s.run("balance-report", {"--section", "sings"});
  CHECK(bad.status == 64);
  CHECK_THAT(bad.err, Catch::Contains("did you mean \"signs\""));
  // The safety section exists only in the private view: asked for in the shared one, it says so.
  result safety = s.run("balance-report", {"--section", "safety"});
  CHECK(safety.status == 0);
  CHECK(safety.out.empty());
  CHECK(safety.err == "the safety section is only in your own report: add --mine\n");
}

TEST_CASE("report periods: --period, --since/--until, and their errors", "[report]") {
  example s;
  result october = s.run("balance-report", {"--period", "2026-10", "--section", "header"});
  CHECK(october.out == "Balance report for alex and sam\n2026-10 (2026-10-01 – 2026-10-31), compared with 2026-09 (2026-09-01 –\n"
                       "2026-09-30)\nShared view: no private records.\nBased on 6 check-ins, 70 ledger entries and 13 boundary events.\n");
  result range = s.run("balance-report", {"--since", "2026-11-01", "--until", "2026-11-07", "--section", "header"});
  CHECK_THAT(range.out, Catch::Contains("2026-11-01 – 2026-11-07"));
  CHECK(s.run("balance-report", {"--period", "2026-13"}).status == 64);
  CHECK(s.run("balance-report", {"--period", "28d", "--since", "2026-11-01"}).status == 64);
  CHECK(s.run("balance-report", {"--format", "csv"}).status == 64);
  result all = s.run("balance-report", {"--period", "all", "--format", "json"});
  CHECK(all.status == 0);
  CHECK(nlohmann::json::parse(all.out)["header"]["entries"] == 285);
}

TEST_CASE("report: the shared view by default, --mine adds my private records marked", "[report][private]") {
  couple s;
  s.run("balance-checkin", {"--heard", "4", "--feeling", "I feel glad when we walk", "--at", "2026-11-20"});
  s.run("balance-checkin", {"--private", "--heard", "1", "--feeling", "my secret worry", "--thanks", "private thanks"});
  s.run("balance-ledger", {"add", "solo", "therapy session", "--private"});
  result shared = s.run("balance-report", {});
  REQUIRE(shared.status == 0);
  for (const char* words : {"my secret worry", "private thanks", "(private)"}) CHECK(shared.out.find(words) == std::string::npos);
  CHECK_THAT(shared.out, Catch::Contains("Shared view: no private records.\nBased on 1 check-in, 0 ledger entries and 0 boundary events."));
  CHECK(s.run("balance-report", {"--shared"}).out == shared.out);
  CHECK(s.run("balance-report", {"--format", "json"}).out.find("secret") == std::string::npos);
  result mine = s.run("balance-report", {"--mine"});
  REQUIRE(mine.status == 0);
  CHECK_THAT(mine.out, Catch::Contains("Your view: shared records plus 2 private records of yours, marked (private).") &&
                           Catch::Contains("alex felt (2026-11-22): \"my secret worry\" (private)") &&
                           Catch::Contains("alex: private thanks (private)"));
  auto doc = nlohmann::json::parse(s.run("balance-report", {"--mine", "--format", "json"}).out);
  CHECK(doc["view"] == "mine");
  CHECK(doc["header"]["private_records"] == 2);
  CHECK(doc["checkins"]["feelings"][0]["private"] == true);
  CHECK(s.run("balance-report", {"--mine", "--shared"}).status == 64);
}

TEST_CASE("report: a canary private note never leaves its author's private view", "[report][private]") {
  couple s;
  // sam writes on this computer as themselves (BALANCE_USER); the user config names alex.
  s.env["BALANCE_USER"] = "sam";
  REQUIRE(s.run("balance-checkin", {"--private", "--heard", "2", "--note", "canary-5e1f", "--feeling", "canary-feeling"}).status == 0);
  s.env.erase("BALANCE_USER");
  for (const auto& [path, text] : s.snapshot()) {
    INFO(path);
    CHECK(text.find("canary") == std::string::npos);
  }
  for (const auto& args : std::vector<std::vector<std::string>>{{}, {"--shared"}, {"--format", "json"}, {"--format", "markdown"}})
    CHECK(s.run("balance-report", args).out.find("canary") == std::string::npos);
  // --as sam on a computer whose config says alex: sam's shared view only, said on stderr.
  result as_sam = s.run("balance-report", {"--as", "sam", "--mine"});
  CHECK(as_sam.out.find("canary") == std::string::npos);
  CHECK(as_sam.err == "showing sam's shared view: private records open only for alex, this computer's own person\n");
  CHECK(s.run("balance-checkin", {"list", "--as", "sam", "--mine"}).out.find("canary") == std::string::npos);
  // Its author's own private view shows it, marked.
  s.env["BALANCE_USER"] = "sam";
  CHECK_THAT(s.run("balance-report", {"--mine"}).out, Catch::Contains("sam felt (2026-11-22): \"canary-feeling\" (private)"));
}

TEST_CASE("report: nothing outside --mine changes with anyone's private records", "[report][private]") {
  couple s;
  // Shared history for both: weekly check-ins, entries, a boundary and events.
  for (const char* day : {"2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"}) {
    s.run("balance-checkin", {"--heard", "4", "--kind", "4", "--mood", "4", "--feeling", "I feel close when we cook", "--at", day});
    s.run("balance-ledger", {"add", "chore", "dishes", "--at", day});
    s.run("balance-ledger", {"add", "choice", "pasta", "--topic", "dinner", "--at", day});
  }
  // sam checked in openly until early November.
  for (const char* day : {"2026-10-27", "2026-11-03"})
    s.run("balance-checkin", {"--as", "sam", "--heard", "3", "--shared", "4", "--feeling", "I feel tired", "--at", day});
  s.run("balance-ledger", {"add", "invisible", "school forms", "--as", "sam", "--who", "sam", "--at", "2026-11-10"});
  s.run("balance-boundaries", {"add", "I need quiet mornings", "--as", "sam", "--at", "2026-10-20"});
  std::string b = first_id(s.read("boundaries/sam.toml"));
  s.run("balance-boundaries", {"respected", b.substr(0, 6), "--at", "2026-11-12"});
  s.run("balance-boundaries", {"gave-in", "said yes to the trip", "--as", "sam", "--at", "2026-11-13"});

  const std::vector<std::pair<std::string, std::vector<std::string>>> views = {
      {"balance-report", {}},
      {"balance-report", {"--format", "markdown"}},
      {"balance-report", {"--format", "json"}},
      {"balance-report", {"--format", "html"}},
      {"balance-report", {"--shared", "--period", "all"}},
      {"balance-report", {"trend"}},
      {"balance-report", {"trend", "--format", "csv", "--every", "week"}},
      {"balance-report", {"trend", "--format", "json"}},
      {"balance-report", {"trend", "--format", "html", "--every", "week"}},
      {"balance-remind", {"--all"}},
      {"balance-remind", {"--all", "--format", "json"}},
      {"balance-checkin", {"list"}},
      {"balance-checkin", {"list", "--format", "json"}},
      {"balance-checkin", {"due", "--all"}},
      {"balance-ledger", {"list", "--period", "all"}},
      {"balance-ledger", {"balance"}},
      {"balance-ledger", {"turn", "dinner"}},
      {"balance-boundaries", {"list", "--all"}},
      {"balance-boundaries", {"log"}},
      {"balance-boundaries", {"due"}},
  };
  auto look = [&] {
    std::vector<std::string> seen;
    for (const auto& [tool, args] : views) {
      result r = s.run(tool, args);
      seen.push_back(tool + " " + std::to_string(r.status) + "\n" + r.out + "\n--\n" + r.err);
    }
    return seen;
  };
  auto without = look();

  // Now sam goes private: a low safety answer, private feelings, and three weeks of only private
  // check-ins. sam writes on this computer as themselves.
  s.env["BALANCE_USER"] = "sam";
  REQUIRE(s.run("balance-checkin", {"--private", "--safe", "1", "--heard", "1", "--at", "2026-11-10"}).status == 0);
  for (const char* day : {"2026-11-12", "2026-11-17", "2026-11-21"})
    REQUIRE(s.run("balance-checkin", {"--private", "--heard", "1", "--kind", "1", "--feeling", "I feel afraid", "--thanks",
                                      "secret thanks", "--at", day})
                .status == 0);
  REQUIRE(s.run("balance-ledger", {"add", "sacrifice", "gave up the course", "--private", "--at", "2026-11-14"}).status == 0);
  REQUIRE(s.run("balance-boundaries", {"gave-in", "yes to the loan", "--private", "--at", "2026-11-15"}).status == 0);
  s.env.erase("BALANCE_USER");

  auto with = look();
  REQUIRE(with.size() == without.size());
  for (std::size_t i = 0; i < with.size(); ++i) {
    INFO(views[i].first << " " << (views[i].second.empty() ? "" : views[i].second[0]));
    CHECK(with[i] == without[i]);
  }
  // And sam's own private view does have them, with the safety note first.
  s.env["BALANCE_USER"] = "sam";
  result mine = s.run("balance-report", {"--mine"});
  CHECK_THAT(mine.out, Catch::StartsWith("Your safety (private)\n") && Catch::Contains("I feel afraid") &&
                           Catch::Contains("(private)"));
  // The page of the private view puts the note first too, under the private banner.
  result page = s.run("balance-report", {"--mine", "--format", "html"});
  auto banner = page.out.find("<p class=\"private-banner\">"), safety = page.out.find("<h2 id=\"safety\">Your safety (private)</h2>");
  auto header = page.out.find("<h1>");
  CHECK(banner != std::string::npos);
  CHECK(safety != std::string::npos);
  CHECK((banner < header && header < safety && safety < page.out.find("<h2 id=\"working\">")));
  CHECK_THAT(page.out, Catch::Contains("I feel afraid"));
}

TEST_CASE("report safety: the note is in its author's --mine only, first, with the numbers", "[report][safety]") {
  couple s;
  fs::create_directories(s.dir() / "xdg-config/balance");
  std::ofstream(s.dir() / "xdg-config/balance/config.toml", std::ios::app)
      << "[safety]\ncountry = \"GB\"\nresources = \"My sister: 07700 900123\"\n";
  for (int d = 10; d <= 19; ++d)
    s.run("balance-ledger", {"add", "choice", "pizza", "--topic", "dinner", "--at", "2026-11-" + std::to_string(d)});
  s.run("balance-boundaries", {"gave-in", "yes to the trip", "--at", "2026-11-12"});
  s.run("balance-boundaries", {"gave-in", "yes to the loan", "--at", "2026-11-19"});
  result before_shared = s.run("balance-report", {});
  result note = s.run("balance-checkin", {"--private", "--safe", "2", "--at", "2026-11-21"});
  REQUIRE(note.status == 0);
  CHECK_THAT(note.err, Catch::Contains("Your safety comes first") && Catch::Contains("0808 2000 247") &&
                           Catch::Contains("999") && Catch::Contains("21 November 2026"));

  result mine = s.run("balance-report", {"--mine"});
  REQUIRE(mine.status == 0);
  CHECK_THAT(mine.out, Catch::StartsWith("Your safety (private)\n") && Catch::Contains("0808 2000 247") &&
                           Catch::Contains("My sister: 07700 900123") && Catch::Contains("Boundaries may need a kind look"));
  CHECK(mine.out.find("Try:") == std::string::npos);
  auto doc = nlohmann::ordered_json::parse(s.run("balance-report", {"--mine", "--format", "json"}).out);
  std::vector<std::string> keys;
  for (auto it = doc.begin(); it != doc.end(); ++it) keys.push_back(it.key());
  CHECK(std::vector<std::string>(keys.begin(), keys.begin() + 3) == std::vector<std::string>{"schema", "view", "safety"});
  CHECK(doc["safety"]["note"].size() > 2);

  // The shared view and everyone else's: exactly as before the answer.
  CHECK(s.run("balance-report", {}).out == before_shared.out);
  CHECK(before_shared.out.find("Try:") != std::string::npos);
  CHECK(s.run("balance-report", {"--as", "sam", "--mine"}).out.find("Your safety") == std::string::npos);
  result remind = s.run("balance-remind", {"--all"});
  for (const char* word : {"safe", "0808", "sister"}) CHECK(remind.out.find(word) == std::string::npos);
  // A later, better answer lifts it.
  s.run("balance-checkin", {"--private", "--safe", "4", "--at", "2026-11-22 08:00"});
  CHECK(s.run("balance-report", {"--mine"}).out.find("Your safety") == std::string::npos);
  // forget --safety removes the answers; the note goes with them.
  CHECK(s.run("balance-checkin", {"forget", "--safety"}).err == "forgot the safety answers of 2 private check-ins and 0 kept edit buffers\n");
  CHECK(s.read_private("checkins/alex/2026-11.toml").find("safe =") == std::string::npos);
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
  CHECK_THAT(r.out, Catch::Contains("Nothing to go on yet"));
  CHECK(r.out.find("No sign") == std::string::npos);  // no false all-clear
}

TEST_CASE("remind lists what is due, one line each, and is silent with exit 1 otherwise", "[remind]") {
  example s;
  result alex = s.run("balance-remind", {});
  CHECK(alex.status == 0);
  // The weekly dinner agreement has never been reviewed: it is due, by its id and never its words.
  CHECK(alex.out ==
        "alex: review of boundary 36bb64c due\nagreement 5e0c2a7: time to look at it together (weekly)\n"
        "dinner: sam's turn to choose\nmovie: sam's turn to choose\n");
  result all = s.run("balance-remind", {"--all"});
  // Self-care is sam's own reminder, never on alex's list of everyone.
  CHECK(all.out ==
        "alex: review of boundary 36bb64c due\nsam: review of boundary 4ccf4df due\n"
        "agreement 5e0c2a7: time to look at it together (weekly)\n"
        "dinner: sam's turn to choose\nmovie: sam's turn to choose\n");
  CHECK(s.run("balance-remind", {"--who", "sam"}).out.find("solo") == std::string::npos);
  auto doc = nlohmann::json::parse(s.run("balance-remind", {"--all", "--format", "json"}).out);
  CHECK(doc["schema"] == 1);
  CHECK(doc["due"].size() == 5);
  s.env["BALANCE_USER"] = "sam";
  result sam = s.run("balance-remind", {});
  CHECK_THAT(sam.out, Catch::Contains("sam: no solo time in 21 days; something of your own could fit in this week\n"));
  for (const char* word : {"due", "should"}) CHECK(sam.out.substr(sam.out.find("solo")).find(word) == std::string::npos);
  s.env["BALANCE_USER"] = "alex";
  // Never what anyone wrote.
  for (const char* words : {"money", "weekend plans", "Hardware", "dentist", "dinner on weekends"}) CHECK(all.out.find(words) == std::string::npos);

  couple quiet;
  quiet.run("balance-checkin", {"--heard", "4"});
  result none = quiet.run("balance-remind", {});
  CHECK(none.status == 1);
  CHECK(none.out.empty());
  CHECK(none.err.empty());
  // JSON prints the same object with an empty list (still exit 1), so scripts always parse.
  result none_json = quiet.run("balance-remind", {"--format", "json"});
  CHECK(none_json.status == 1);
  CHECK(none_json.out == "{\"schema\": 1, \"due\": []}\n");
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

TEST_CASE("report: appreciations join the thanks by name, repairs are counted in what is working", "[report][talk]") {
  couple s;
  s.run("balance-checkin", {"--heard", "4", "--thanks", "the tea", "--at", "2026-11-18"});
  REQUIRE(s.run("balance-talk", {"thank", "sam", "you noticed I was tired and cooked", "--at", "2026-11-19"}).status == 0);
  REQUIRE(s.run("balance-talk", {"repair", "can we start over?", "--at", "2026-11-20"}).status == 0);
  REQUIRE(s.run("balance-talk", {"repair", "a silly dance", "--humour", "--at", "2026-11-21"}).status == 0);
  REQUIRE(s.run("balance-talk", {"thank", "sam", "last month's help", "--at", "2026-10-10"}).status == 0);

  result text = s.run("balance-report", {"--section", "working"});
  REQUIRE(text.status == 0);
  CHECK_THAT(text.out, Catch::Contains("  + After a hard moment you found your way back 2 times (1 with humour).\n"));
  CHECK_THAT(text.out, Catch::Contains("  Thanks:\n    2026-11-19  alex to sam: you noticed I was tired and cooked\n"
                                       "    2026-11-18  alex: the tea\n"));
  CHECK(text.out.find("last month's help") == std::string::npos);  // outside the period
  CHECK(text.out.find("can we start over") == std::string::npos);  // counted, never quoted

  result md = s.run("balance-report", {"--section", "working", "--format", "markdown"});
  CHECK_THAT(md.out, Catch::Contains("- 2026-11-19 alex to sam: you noticed I was tired and cooked\n"));
  auto doc = nlohmann::json::parse(s.run("balance-report", {"--format", "json"}).out);
  CHECK(doc["working"]["thanks"][0]["to"] == "sam");
  CHECK_FALSE(doc["working"]["thanks"][1].contains("to"));

  REQUIRE(s.run("balance-talk", {"repair", "--humour", "--at", "2026-11-22T08:00"}).status == 0);
  CHECK_THAT(s.run("balance-report", {"--section", "working"}).out,
             Catch::Contains("found your way back 3 times (2 with humour)."));
}

TEST_CASE("report: the example's agreements, with the means before and since checked by hand", "[report][golden][agreements]") {
  example s;
  result r = s.run("balance-report", {"--section", "agreements", "--format", "json"});
  REQUIRE(r.status == 0);
  auto agreements = nlohmann::json::parse(r.out).at("agreements");
  REQUIRE(agreements.size() == 2);
  // Made Sun 1 Nov 21:00; now is Sun 22 Nov 21:00: 21 days since and the 21 days before.
  const auto& talk = agreements.at(1);
  CHECK(talk["id"] == "c3a91f6e2b80");
  CHECK(talk["reviews"] == 1);
  CHECK(talk["last_outcome"] == "partly");
  CHECK(talk["since"]["days"] == 21);
  CHECK(talk["before"]["days"] == 21);
  CHECK(talk["before"]["begin"] == "2026-10-11T21:00:00+01:00");
  const auto& heard = talk["dimensions"].at(0);
  REQUIRE(heard["key"] == "heard");
  // sam's heard: 2 (18 Oct), 3 (25 Oct), 3 (1 Nov, 20:10, before it was made), then 2, 2, 2.
  const auto& sam = heard["people"].at(1);
  CHECK(sam["name"] == "sam");
  CHECK(sam["before"]["count"] == 3);
  CHECK(sam["before"]["mean"].get<double>() == Approx(8.0 / 3));
  CHECK(sam["since"]["count"] == 3);
  CHECK(sam["since"]["mean"].get<double>() == Approx(2.0));
  // Not reviewed, weekly, made 25 Oct: 28 days since, 28 before.
  CHECK(agreements.at(0)["reviews"] == 0);
  CHECK(agreements.at(0)["last_outcome"].is_null());
  CHECK(agreements.at(0)["since"]["days"] == 28);
}

TEST_CASE("talk plan of the example repository matches the golden text", "[talk][golden]") {
  example s;
  result r = s.run("balance-talk", {"plan"});
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  check_golden(r.out, "plan-couple.txt");
  check_fits_80(r.out);
  // Whoever runs it, the agenda is the same: it is always the shared view.
  CHECK(s.run("balance-talk", {"plan", "--as", "sam"}).out == r.out);
}

TEST_CASE("talk plan in markdown and json: the same agenda", "[talk][golden]") {
  example s;
  result md = s.run("balance-talk", {"plan", "--format", "markdown"});
  REQUIRE(md.status == 0);
  check_golden(md.out, "plan-couple.md");
  result json = s.run("balance-talk", {"plan", "--format", "json"});
  REQUIRE(json.status == 0);
  auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["schema"] == 1);
  CHECK(doc["period"] == "28d");
  std::set<std::string> kinds;
  std::size_t reviews = 0;
  for (const auto& item : doc["items"]) {
    kinds.insert(item["kind"].get<std::string>());
    if (item["kind"] == "review") {
      ++reviews;
      CHECK(item["id"] == "5e0c2a7b9d14");  // weekly, never reviewed: due; the other is not yet
      CHECK(item["step"] == 3);
    }
  }
  CHECK(reviews == 1);
  CHECK(kinds == std::set<std::string>{"working", "thanks", "sign", "review"});
  result bad = s.run("balance-talk", {"plan", "--format", "csv"});
  CHECK(bad.status == 64);
  CHECK(bad.out.empty());
}
