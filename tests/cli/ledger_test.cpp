#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/harness.hpp"

using balance_test::first_id;
using balance_test::result;
using balance_test::sandbox;
namespace fs = std::filesystem;

namespace {

struct couple : balance_test::couple {
  result ledger(const std::vector<std::string>& args, const std::string& input = "") const {
    return run("balance-ledger", args, input);
  }
};

}  // namespace

TEST_CASE("ledger add writes a canonical entry, --who names who did it, the author stays me", "[ledger]") {
  couple s;
  result r = s.ledger({"add", "choice", "Thai takeaway", "--topic", "dinner", "--who", "sam", "--weight", "0.5",
                       "--minutes", "20", "--for", "alex", "--tag", "food", "--note", "her pick", "--at", "2026-11-20 19:30"});
  REQUIRE(r.status == 0);
  std::string text = s.read("ledger/alex/2026-11.toml");
  std::string id = first_id(text);
  CHECK(r.err == "added entry " + id.substr(0, 7) + " (choice, sam)\n");
  CHECK(text ==
        "[[entry]]\nid = \"" + id +
            "\"\nat = 2026-11-20T19:30:00+01:00\nwho = \"sam\"\nkind = \"choice\"\nwhat = \"Thai takeaway\"\n"
            "topic = \"dinner\"\nweight = 0.5\nminutes = 20\nfor = \"alex\"\ntags = [\"food\"]\nnote = \"her pick\"\n");
  CHECK(s.run("balance", {"check", "-q"}).status == 0);
}

TEST_CASE("ledger add refuses bad input with exit 64 and changes nothing", "[ledger]") {
  couple s;
  s.ledger({"add", "chore", "dishes"});
  auto before = s.snapshot();
  struct bad {
    std::vector<std::string> args;
    std::string err;
  };
  const bad cases[] = {
      {{"add", "chors", "dishes"},
       "balance-ledger: unknown kind \"chors\" (did you mean \"chore\"?); kinds are chore, invisible, choice, solo, together, sacrifice\n"},
      {{"add", "choice", "Thai"}, "balance-ledger: --topic: a choice needs a topic (such as dinner, weekend or movie)\n"},
      {{"add", "chore", "x", "--weight", "0"}, "balance-ledger: --weight: weight must be a positive number, not 0\n"},
      {{"add", "chore", "x", "--weight", "-2"}, "balance-ledger: --weight: weight must be a positive number, not -2\n"},
      {{"add", "chore", "x", "--weight", "lots"}, "balance-ledger: --weight lots: \"lots\" is not a number\n"},
      {{"add", "chore", "x", "--minutes", "0"}, "balance-ledger: --minutes: minutes must be positive, not 0\n"},
      {{"add", "chore", "x", "--who", "sma"}, "balance-ledger: --who sma: not a person in balance.toml (did you mean \"sam\"?)\n"},
      {{"add", "chore", "x", "--for", "bob"}, "balance-ledger: --for bob: not a person in balance.toml\n"},
      {{"add", "chore"}, "balance-ledger: add needs KIND and WHAT, e.g. balance-ledger add chore \"dishes\" or balance-ledger add choice \"Thai\" --topic dinner\n"},
      {{"add", "chore", "x", "--at", "soon"}, ""},
  };
  for (const auto& c : cases) {
    result r = s.ledger(c.args);
    CHECK(r.status == 64);
    if (!c.err.empty()) CHECK(r.err == c.err);
  }
  CHECK(s.snapshot() == before);
}

TEST_CASE("ledger bare command lists this month", "[ledger][list]") {
  couple s;
  s.ledger({"add", "chore", "october bins", "--at", "2026-10-20"});
  s.ledger({"add", "invisible", "dentist", "--who", "sam"});
  result r = s.ledger({});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("dentist"));
  CHECK(r.out.find("october bins") == std::string::npos);
  CHECK_THAT(s.ledger({"list", "--period", "all"}).out, Catch::Contains("october bins"));
  CHECK(s.ledger({"lst"}).err == "balance-ledger: unknown command \"lst\" (did you mean \"list\"?); try `balance-ledger --help`\n");
}

TEST_CASE("ledger list filters by kind, topic, who, tag and text", "[ledger][list]") {
  couple s;
  s.ledger({"add", "choice", "Thai", "--topic", "dinner", "--at", "2026-11-02"});
  s.ledger({"add", "choice", "Past Lives", "--topic", "movie", "--who", "sam", "--at", "2026-11-03"});
  s.ledger({"add", "chore", "laundry", "--tag", "house", "--at", "2026-11-04"});
  auto whats = [&](const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (const auto& rec : nlohmann::json::parse(s.ledger(args).out)) out.push_back(rec["what"]);
    return out;
  };
  using v = std::vector<std::string>;
  CHECK(whats({"list", "--format", "json"}) == v{"Thai", "Past Lives", "laundry"});
  CHECK(whats({"list", "--format", "json", "--kind", "choice"}) == v{"Thai", "Past Lives"});
  CHECK(whats({"list", "--format", "json", "--topic", "movie"}) == v{"Past Lives"});
  CHECK(whats({"list", "--format", "json", "--who", "sam"}) == v{"Past Lives"});
  CHECK(whats({"list", "--format", "json", "--tag", "house"}) == v{"laundry"});
  CHECK(whats({"list", "--format", "json", "--grep", "thai"}) == v{"Thai"});
  CHECK(whats({"list", "--format", "json", "-n", "1", "--reverse"}) == v{"laundry"});
  result kind = s.ledger({"list", "--kind", "chores"});
  CHECK(kind.status == 64);
  CHECK(kind.err == "balance-ledger: --kind chores: not a kind (did you mean \"chore\"?)\n");
  CHECK(s.ledger({"list", "--period", "2026-02-30"}).status == 64);
}

TEST_CASE("ledger show, edit and rm, missing and ambiguous ids change nothing", "[ledger]") {
  couple s;
  s.write("ledger/alex/2026-11.toml",
          "# kept by hand\n[[entry]]\nid = \"abcd00000001\"\nat = 2026-11-02T08:00:00+01:00\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"bins\"\n\n"
          "[[entry]]\nid = \"abcd00000002\"\nat = 2026-11-03T08:00:00+01:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"dishes\"\n");
  CHECK_THAT(s.ledger({"show", "abcd00000002"}).out, Catch::Contains("\nwhat  dishes\n"));
  auto before = s.snapshot();
  CHECK(s.ledger({"edit", "ffff", "--weight", "2"}).status == 64);
  CHECK(s.ledger({"rm", "abcd"}).status == 64);
  CHECK(s.ledger({"edit", "abcd00000002", "--kind", "chors"}).status == 64);
  CHECK(s.ledger({"edit", "abcd00000002", "--weight", "0"}).status == 64);
  CHECK(s.snapshot() == before);
  CHECK(s.ledger({"edit", "abcd00000002", "--weight", "2", "--kind", "invisible"}).err == "updated entry abcd000 (invisible, sam)\n");
  CHECK_THAT(s.read("ledger/alex/2026-11.toml"),
             Catch::StartsWith("# kept by hand\n[[entry]]\nid = \"abcd00000001\"") &&
                 Catch::EndsWith("who = \"sam\"\nkind = \"invisible\"\nwhat = \"dishes\"\nweight = 2\n"));
  CHECK(s.ledger({"rm", "abcd00000001"}).status == 0);
  // The file's opening comment is the file's, not the first record's: it stays.
  CHECK(s.read("ledger/alex/2026-11.toml") ==
        "# kept by hand\n[[entry]]\nid = \"abcd00000002\"\nat = 2026-11-03T08:00:00+01:00\nwho = \"sam\"\nkind = \"invisible\"\nwhat = \"dishes\"\nweight = 2\n");
}

TEST_CASE("ledger add --from imports json and csv once", "[ledger][import]") {
  couple s;
  s.ledger({"add", "chore", "bins", "--at", "2026-11-02"});
  std::string exported = s.ledger({"list", "--format", "csv"}).out;
  auto before = s.snapshot();
  CHECK(s.ledger({"add", "--from", "-"}, exported).err == "added 0, skipped 1 already present\n");
  CHECK(s.snapshot() == before);
  result dup = s.ledger({"add", "--from", "-"}, "[{\"at\":\"2026-11-05T10:00:00+01:00\",\"who\":\"sam\",\"kind\":\"chore\",\"what\":\"x\"}]");
  CHECK(dup.err == "added 1, skipped 0 already present\n");
  result bad = s.ledger({"add", "--from", "-"}, "[{\"at\":\"2026-11-05T10:00:00+01:00\",\"who\":\"sam\",\"kind\":\"choice\",\"what\":\"x\"}]");
  CHECK(bad.status == 65);
  CHECK(bad.err == "<stdin>: record 1: a choice needs a topic (such as dinner, weekend or movie)\n");
}

TEST_CASE("ledger add of a day still to come is saved and said once, an import of several too", "[ledger][future]") {
  couple s;  // today is 2026-11-22 (BALANCE_NOW)
  result later_today = s.ledger({"add", "chore", "bins", "--at", "2026-11-22 23:30"});
  CHECK(later_today.status == 0);
  CHECK(later_today.err.find("still to come") == std::string::npos);
  result typo = s.ledger({"add", "chore", "dishes", "--at", "2027-11-21"});
  CHECK(typo.status == 0);
  std::string id = typo.err.substr(typo.err.find("added entry ") + 12, 7);
  CHECK(typo.err == "entry " + id + " (chore, alex) is dated 2027-11-21, a day still to come (today is 2026-11-22): it is "
                    "saved as given, and counts from that day on; `balance-ledger edit " + id + "` changes its date\n"
                    "added entry " + id + " (chore, alex)\n");
  CHECK(s.read("ledger/alex/2027-11.toml").find("at = 2027-11-21T") != std::string::npos);
  result many = s.ledger({"add", "--from", "-"},
                         "[{\"at\":\"2027-01-05T10:00:00+01:00\",\"who\":\"sam\",\"kind\":\"chore\",\"what\":\"x\"},"
                         "{\"at\":\"2027-01-06T10:00:00+01:00\",\"who\":\"sam\",\"kind\":\"chore\",\"what\":\"y\"}]");
  CHECK(many.status == 0);
  CHECK(std::count(many.err.begin(), many.err.end(), '\n') == 2);
  CHECK_THAT(many.err, Catch::Contains("a day still to come") && Catch::EndsWith("added 2, skipped 0 already present\n"));
}

TEST_CASE("ledger balance shows shares against the agreed targets, as text and json", "[ledger][balance]") {
  couple s;
  s.settings("version = 1\n[[person]]\nname = \"alex\"\n[[person]]\nname = \"sam\"\n[ledger.target]\nchore = { alex = 0.6, sam = 0.4 }\n");
  s.ledger({"add", "chore", "bins", "--weight", "3", "--at", "2026-11-20"});
  s.ledger({"add", "chore", "dishes", "--who", "sam", "--at", "2026-11-21"});
  result text = s.ledger({"balance"});
  CHECK(text.status == 0);
  // Two entries are too few for shares: counts, the agreed split, and no signed differences.
  CHECK(text.out ==
        "Give and take, 28d (2026-10-26 – 2026-11-22)\n"
        "Each person's share by weight, next to the share you agreed on.\n\n"
        "KIND   WHO    SHARE    AGREED  WEIGHT  SPLIT\n"
        "chore  alex  1 of 2       60%       3  few entries\n"
        "       sam   1 of 2       40%       1\n"
        "\n█ share  ┊ agreed share. Below 10 entries a kind shows counts, not shares.\n"
        "People tend to log more of their own work than their partner's: read the shares\n"
        "as what each of you noticed and logged.\n");
  for (int i = 0; i < 8; ++i) s.ledger({"add", "chore", "sweep", "--who", "sam", "--at", "2026-11-1" + std::to_string(i)});
  CHECK_THAT(s.ledger({"balance"}).out, Catch::Contains("chore  alex    25%  █████·······┊·······     60%       3  far from agreed\n"));
  auto json = nlohmann::json::parse(s.ledger({"balance", "--format", "json"}).out);
  CHECK(json["schema"] == 1);
  CHECK(json["groups"][0]["people"][0]["sum"] == 3);
  CHECK(json["groups"][0]["people"][0]["target"] == 0.6);
  result empty = s.ledger({"balance", "--period", "2025"});
  CHECK(empty.status == 0);
  CHECK_THAT(empty.out, Catch::EndsWith("No entries in this period.\n"));
  CHECK(s.ledger({"balance", "--by", "colour"}).status == 64);
  CHECK(s.ledger({"balance", "--measure", "hours"}).status == 64);
  CHECK(s.ledger({"balance", "--format", "csv"}).status == 64);
}

TEST_CASE("ledger turn prints just the name, nobody yet gets a note", "[ledger][turn]") {
  couple s;
  result nobody = s.ledger({"turn", "dinner"});
  CHECK(nobody.status == 0);
  CHECK(nobody.out == "alex\n");
  CHECK(nobody.err == "nobody has chosen dinner yet; alex is first in balance.toml\n");
  s.ledger({"add", "choice", "pasta", "--topic", "dinner", "--at", "2026-11-20"});
  s.ledger({"add", "choice", "curry", "--topic", "dinner", "--at", "2026-11-21"});
  s.ledger({"add", "choice", "soup", "--topic", "dinner", "--who", "sam", "--at", "2026-11-22 12:00"});
  result t = s.ledger({"turn", "dinner"});
  CHECK(t.out == "sam\n");
  CHECK(t.err.empty());
  CHECK(s.ledger({"turn", "dinner", "--period", "2026-11-22"}).out == "alex\n");
  CHECK(s.ledger({"turn", "Dinner"}).status == 64);
}

TEST_CASE("ledger export is read by ledger-cli with the same totals as balance --format json", "[ledger][export]") {
  sandbox s;
  s.cwd = balance_test::source_dir() + "/examples/couple";
  s.env["BALANCE_USER"] = "alex";
  result journal = s.run("balance-ledger", {"export", "--format", "ledger"});
  REQUIRE(journal.status == 0);
  result peer = s.run("/bin/sh", {"-c", "ledger -f - --flat --no-total balance"}, journal.out);
  REQUIRE(peer.status == 0);
  std::map<std::string, double> from_ledger;
  std::istringstream lines(peer.out);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    double amount = 0;
    std::string account;
    fields >> amount >> account;
    from_ledger[account] = amount;
  }
  auto json = nlohmann::json::parse(s.run("balance-ledger", {"balance", "--period", "all", "--measure", "weight", "--format", "json"}).out);
  // Time together is one total in balance (never split by who logged it): compare it as one.
  double together = 0;
  for (auto it = from_ledger.begin(); it != from_ledger.end();) {
    if (it->first.starts_with("together:")) {
      together += it->second;
      it = from_ledger.erase(it);
    } else {
      ++it;
    }
  }
  std::map<std::string, double> from_balance;
  double together_total = 0;
  for (const auto& g : json["groups"]) {
    if (g["group"] == "together") together_total = g["total"].get<double>();
    for (const auto& p : g["people"])
      if (p["sum"].get<double>() != 0) from_balance[g["group"].get<std::string>() + ":" + p["name"].get<std::string>()] = p["sum"];
  }
  CHECK(from_ledger.size() >= 8);
  CHECK(from_ledger == from_balance);
  CHECK(together > 0);
  CHECK(together == Approx(together_total));
}

TEST_CASE("ledger balance and export: the shared view by default, --mine adds mine, minutes skip untimed kinds", "[ledger][balance]") {
  couple s;
  s.ledger({"add", "chore", "bins", "--minutes", "10", "--at", "2026-11-20"});
  s.ledger({"add", "solo", "therapy", "--private", "--at", "2026-11-21"});
  CHECK(s.ledger({"balance"}).out.find("solo") == std::string::npos);
  CHECK(s.ledger({"balance", "--shared"}).out == s.ledger({"balance"}).out);
  CHECK_THAT(s.ledger({"balance", "--mine"}).out, Catch::Contains("solo"));
  CHECK(s.ledger({"export"}).out.find("therapy") == std::string::npos);
  CHECK_THAT(s.ledger({"export", "--mine"}).out, Catch::Contains("therapy\n") && Catch::Contains("    ; private\n"));
  CHECK(s.ledger({"export", "--mine", "--shared"}).status == 64);
  std::string minutes = s.ledger({"balance", "--measure", "minutes", "--mine"}).out;
  CHECK_THAT(minutes, Catch::Contains("chore"));
  CHECK(minutes.find("solo") == std::string::npos);
}

TEST_CASE("ledger: writes hand back json, lists spell out the default weight and keep the author", "[ledger][json]") {
  couple s;
  result added = s.ledger({"add", "chore", "dishes", "--who", "sam", "--format", "json", "-q"});
  CHECK(added.status == 0);
  CHECK(added.err.empty());
  auto written = nlohmann::json::parse(added.out);
  REQUIRE(written.size() == 1);
  CHECK(written[0]["what"] == "dishes");
  CHECK(written[0]["weight"] == 1);
  CHECK(written[0]["author"] == "alex");
  std::string id = written[0]["id"];
  CHECK(s.read("ledger/alex/2026-11.toml").find("weight") == std::string::npos);  // the file stays canonical
  auto list = nlohmann::json::parse(s.ledger({"list", "--format", "json"}).out);
  CHECK(list[0]["weight"] == 1);
  CHECK_THAT(s.ledger({"list", "--format", "csv"}).out, Catch::Contains(",dishes,,1,"));
  // toml lists keep who logged it, so a round trip into another repository keeps the author.
  std::string toml = s.ledger({"list", "--format", "toml"}).out;
  CHECK_THAT(toml, Catch::Contains("who = \"sam\"") && Catch::Contains("author = \"alex\"\n"));
  sandbox other;
  other.run("balance", {"init", other.repo().string(), "--person", "alex", "--person", "sam", "--me", "sam"});
  other.cwd = other.repo();
  REQUIRE(other.run("balance-ledger", {"add", "--from", "-"}, toml).status == 0);
  CHECK(other.read("ledger/alex/2026-11.toml") == s.read("ledger/alex/2026-11.toml"));
  auto removed = nlohmann::json::parse(s.ledger({"rm", id.substr(0, 6), "--format", "json"}).out);
  CHECK(removed[0]["id"] == id);
}

TEST_CASE("ledger: a typo of a known topic gets a did-you-mean, --minutes takes a duration", "[ledger]") {
  couple s;
  s.ledger({"add", "choice", "pasta", "--topic", "dinner", "--at", "2026-11-20"});
  result typo = s.ledger({"add", "choice", "pizza", "--topic", "diner"});
  CHECK(typo.status == 0);  // a new topic is allowed: it is saved as given
  CHECK_THAT(typo.err, Catch::StartsWith("new topic \"diner\" (did you mean \"dinner\"?); saved as given\n"));
  CHECK(s.ledger({"add", "choice", "film", "--topic", "movie"}).err.find("new topic") == std::string::npos);
  auto timed = nlohmann::json::parse(s.ledger({"add", "solo", "run", "--minutes", "90m", "--format", "json", "-q"}).out);
  CHECK(timed[0]["minutes"] == 90);
  CHECK(nlohmann::json::parse(s.ledger({"add", "solo", "hike", "--minutes", "2h", "--format", "json", "-q"}).out)[0]["minutes"] == 120);
  result bad = s.ledger({"add", "solo", "nap", "--minutes", "90x"});
  CHECK(bad.status == 64);
  CHECK_THAT(bad.err, Catch::StartsWith("balance-ledger: --minutes 90x: bad DURATION \"90x\""));
  result period = s.ledger({"list", "--period", "lastweek"});
  CHECK(period.status == 64);
  CHECK_THAT(period.err, Catch::Contains("(did you mean \"last-week\"?)"));
}

TEST_CASE("ledger add --from: a record without at is dated now and one without who is mine", "[ledger][import]") {
  couple s;
  result r = s.ledger({"add", "--from", "-", "--format", "json", "-q"},
                      "[{\"kind\":\"chore\",\"what\":\"dishes\"}, {\"kind\":\"chore\",\"what\":\"bins\",\"who\":\"sam\"}]");
  REQUIRE(r.status == 0);
  auto written = nlohmann::json::parse(r.out);
  REQUIRE(written.size() == 2);
  CHECK(written[0]["at"] == "2026-11-22T21:00:00+01:00");
  CHECK(written[0]["who"] == "alex");
  CHECK(written[0]["author"] == "alex");
  CHECK(written[1]["who"] == "sam");
  CHECK(written[1]["author"] == "alex");
  for (const std::string input : {"kind,what\nchore,laundry\n", "kind\twhat\nchore\tlaundry\n",
                                  "[[entry]]\nkind = \"chore\"\nwhat = \"laundry\"\n"}) {
    result one = s.ledger({"add", "--from", "-", "--format", "json", "-q"}, input);
    REQUIRE(one.status == 0);
    auto rec = nlohmann::json::parse(one.out)[0];
    CHECK(rec["at"] == "2026-11-22T21:00:00+01:00");
    CHECK(rec["who"] == "alex");
  }
  // A record that names neither kind nor what is still refused, with its position.
  result bad = s.ledger({"add", "--from", "-"}, "[[entry]]\nwhat = \"x\"\n");
  CHECK(bad.status == 65);
  CHECK_THAT(bad.err, Catch::Contains("<stdin>:1:1: kind is required"));
}

TEST_CASE("ledger balance counts the entries someone thanked, naming only who was", "[ledger][balance][talk]") {
  couple s;
  s.ledger({"add", "chore", "bins", "--at", "2026-11-20"});
  s.ledger({"add", "chore", "dishes", "--who", "sam", "--at", "2026-11-21"});
  s.ledger({"add", "chore", "sweep", "--who", "sam", "--at", "2026-11-21T10:00"});
  s.ledger({"add", "chore", "old", "--who", "sam", "--at", "2026-09-01"});
  result plain = s.ledger({"balance"});
  CHECK(plain.out.find("Thanked") == std::string::npos);
  CHECK(nlohmann::json::parse(s.ledger({"balance", "--format", "json"}).out)["thanked"] == nlohmann::json::object());
  for (const char* what : {"dishes", "sweep", "old"}) {
    result list = s.ledger({"list", "--period", "all", "--grep", what, "--format", "tsv"});
    std::string id = balance_test::first_id(list.out);
    REQUIRE(s.ledger({"thank", id, "thank you"}).status == 0);
  }
  result text = s.ledger({"balance"});
  CHECK_THAT(text.out, Catch::EndsWith("noticed and logged.\n\nThanked with balance-ledger thank: 2 of sam's entries in this period.\n"));
  auto json = nlohmann::json::parse(s.ledger({"balance", "--format", "json"}).out);
  CHECK(json["thanked"] == nlohmann::json({{"alex", 0}, {"sam", 2}}));
  CHECK_THAT(s.ledger({"balance", "--period", "all"}).out, Catch::Contains(": 3 of sam's entries in this period."));
}
