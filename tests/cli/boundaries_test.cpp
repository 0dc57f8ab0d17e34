#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "cli/harness.hpp"

using balance_test::first_id;
using balance_test::result;
using balance_test::sandbox;
namespace fs = std::filesystem;

namespace {

struct couple : balance_test::couple {
  result b(const std::vector<std::string>& args, const std::string& input = "") const {
    return run("balance-boundaries", args, input);
  }
  // Adds a boundary and returns its id (the one id that was not there before).
  std::string boundary(const std::vector<std::string>& args) const {
    auto before = ids();
    std::vector<std::string> a = {"add"};
    a.insert(a.end(), args.begin(), args.end());
    result r = b(a);
    if (r.status != 0) throw std::runtime_error(r.err);
    for (const auto& id : ids())
      if (!before.count(id)) return id;
    throw std::runtime_error("no new boundary");
  }
  std::set<std::string> ids() const {
    std::set<std::string> out;
    for (const auto& r : nlohmann::json::parse(b({"list", "--all", "--mine", "--format", "json"}).out)) out.insert(r["id"].get<std::string>());
    return out;
  }
};

}  // namespace

TEST_CASE("boundaries add writes the owner's file with the default review", "[boundaries]") {
  couple s;
  result r = s.b({"add", "I need an hour to myself after work", "--tag", "work", "--at", "2026-11-01 09:00"});
  REQUIRE(r.status == 0);
  std::string text = s.read("boundaries/alex.toml");
  std::string id = first_id(text);
  CHECK(r.err == "added boundary " + id.substr(0, 7) + " (alex); review monthly\n");
  CHECK(text == "[[boundary]]\nid = \"" + id +
                    "\"\nat = 2026-11-01T09:00:00+01:00\nwho = \"alex\"\ntext = \"I need an hour to myself after work\"\n"
                    "review = \"monthly\"\nstatus = \"active\"\ntags = [\"work\"]\n");
  CHECK(s.b({"add", "I don't want my phone read", "--who", "sam", "--review", "every 90 days"}).status == 0);
  CHECK_THAT(s.read("boundaries/sam.toml"), Catch::Contains("who = \"sam\"") && Catch::Contains("review = \"every 90 days\""));
  CHECK(s.run("balance", {"check", "-q"}).status == 0);
}

TEST_CASE("boundaries add refuses a bad cadence, an unknown owner and an empty text", "[boundaries]") {
  couple s;
  auto before = s.snapshot();
  result cadence = s.b({"add", "x", "--review", "fortnightly"});
  CHECK(cadence.status == 64);
  CHECK_THAT(cadence.err, Catch::StartsWith("balance-boundaries: bad cadence \"fortnightly\""));
  result who = s.b({"add", "x", "--who", "sma"});
  CHECK(who.status == 64);
  CHECK(who.err == "balance-boundaries: --who sma: not a person in balance.toml (did you mean \"sam\"?)\n");
  CHECK(s.b({"add", "  "}).status == 64);
  CHECK(s.b({"add", "x", "--who", "sam", "--private"}).status == 64);
  CHECK(s.snapshot() == before);
}

TEST_CASE("boundaries events: crossed needs --by, never guessed, respected defaults to the other person", "[boundaries][events]") {
  couple s;
  std::string mine = s.boundary({"I need quiet mornings", "--at", "2026-11-01"});
  auto before = s.snapshot();
  result guess = s.b({"crossed", mine.substr(0, 5), "--note", "early call"});
  CHECK(guess.status == 64);
  CHECK(guess.err == "balance-boundaries: who crossed it? name them with --by NAME (balance never guesses)\n");
  CHECK(s.snapshot() == before);
  result crossed = s.b({"crossed", mine.substr(0, 5), "--by", "sam", "--note", "early call", "--at", "2026-11-10 07:00"});
  REQUIRE(crossed.status == 0);
  std::string events = s.read("boundaries/alex/2026-11.toml");
  std::string ev = first_id(events);
  CHECK(crossed.err == "noted that boundary " + mine.substr(0, 7) + " was crossed (sam), event " + ev.substr(0, 7) + "\n");
  CHECK(events == "[[event]]\nid = \"" + ev + "\"\nat = 2026-11-10T07:00:00+01:00\nkind = \"crossed\"\nboundary = \"" + mine +
                      "\"\nwho = \"sam\"\nnote = \"early call\"\n");
  CHECK(s.b({"respected", mine.substr(0, 5), "--by", "alex"}).status == 0);
  CHECK_THAT(s.read("boundaries/alex/2026-11.toml"), Catch::Contains("kind = \"respected\"\nboundary = \"" + mine + "\"\nwho = \"alex\""));
  // Three people: there is no single "other person".
  s.settings("version = 1\n[[person]]\nname = \"alex\"\n[[person]]\nname = \"sam\"\n[[person]]\nname = \"kim\"\n");
  result ask = s.b({"respected", mine.substr(0, 5)});
  CHECK(ask.status == 64);
  CHECK(ask.err == "balance-boundaries: whose act was it? add --who NAME\n");
}

TEST_CASE("boundaries events on a missing or retired boundary are refused and change nothing", "[boundaries][events]") {
  couple s;
  std::string id = s.boundary({"I need quiet mornings"});
  CHECK(s.b({"retire", id.substr(0, 5)}).err == "retired boundary " + id.substr(0, 7) + "; its history stays\n");
  CHECK_THAT(s.read("boundaries/alex.toml"), Catch::Contains("status = \"retired\"\nretired = 2026-11-22T21:00:00+01:00\n"));
  auto before = s.snapshot();
  result retired = s.b({"crossed", id.substr(0, 5), "--by", "sam"});
  CHECK(retired.status == 64);
  CHECK(retired.err == "balance-boundaries: boundary " + id.substr(0, 7) +
                           " was retired on 2026-11-22; a retired boundary keeps its history but takes no new events\n");
  result missing = s.b({"respected", "ffff"});
  CHECK(missing.status == 64);
  CHECK(missing.err == "balance-boundaries: no boundary has an id starting with ffff\n");
  CHECK(s.snapshot() == before);
  CHECK(s.b({"retire", id.substr(0, 5)}).err == "boundary " + id.substr(0, 7) + " is already retired\n");
}

TEST_CASE("boundaries gave-in and space, with durations", "[boundaries][events]") {
  couple s;
  result gave = s.b({"gave-in", "said yes to hosting when I meant no", "--as", "sam"});
  CHECK(gave.status == 0);
  CHECK_THAT(gave.err, Catch::Contains("noted a yes that meant no (sam)"));
  CHECK_THAT(s.read("boundaries/sam/2026-11.toml"), Catch::Contains("kind = \"gave-in\"\nwho = \"sam\"\nnote = \"said yes to hosting when I meant no\"\n"));
  result space = s.b({"space", "a walk alone", "--for", "2h"});
  CHECK(space.status == 0);
  CHECK_THAT(space.err, Catch::Contains("noted that alex asked for space (120 min)"));
  CHECK_THAT(s.read("boundaries/alex/2026-11.toml"), Catch::Contains("kind = \"space\"\nwho = \"alex\"\nminutes = 120\nnote = \"a walk alone\"\n"));
  auto before = s.snapshot();
  result bad = s.b({"space", "--for", "ages"});
  CHECK(bad.status == 64);
  CHECK_THAT(bad.err, Catch::StartsWith("balance-boundaries: bad DURATION \"ages\""));
  CHECK(s.b({"space", "--for", "0m"}).status == 64);
  CHECK(s.b({"gave-in", "x", "--who", "bob"}).status == 64);
  CHECK(s.snapshot() == before);
}

TEST_CASE("boundaries gave-in and space given a boundary's id as TEXT say they take words", "[boundaries][events]") {
  couple s;
  std::string id = s.boundary({"I need quiet mornings"});
  auto before = s.snapshot();
  result gave = s.b({"gave-in", id.substr(0, 4)});
  CHECK(gave.status == 64);
  CHECK(gave.err == "balance-boundaries: " + id.substr(0, 4) +
                        " is the start of a boundary's id, but gave-in takes what happened in words and points at no "
                        "boundary, e.g. balance-boundaries gave-in \"hosting all weekend\"\n");
  result space = s.b({"space", id});
  CHECK(space.status == 64);
  CHECK_THAT(space.err, Catch::Contains("but space takes what happened in words"));
  CHECK(s.snapshot() == before);
  // A word that is no boundary's id is just words.
  CHECK(s.b({"gave-in", id.starts_with("c") ? "dead" : "cafe"}).status == 0);
}

TEST_CASE("boundaries rm is refused while events point at it, naming retire, --with-events removes both", "[boundaries]") {
  couple s;
  std::string id = s.boundary({"I need quiet mornings"});
  s.b({"crossed", id.substr(0, 5), "--by", "sam"});
  auto before = s.snapshot();
  result refused = s.b({"rm", id.substr(0, 5)});
  CHECK(refused.status == 64);
  CHECK(refused.err == "balance-boundaries: boundary " + id.substr(0, 7) +
                           " has 1 event pointing at it. To keep its history, retire it instead (balance-boundaries retire " +
                           id.substr(0, 7) + "); to remove both, add --with-events\n");
  CHECK(s.b({"rm", id.substr(0, 5), "--with-events", "--dry-run"}).err == "would remove boundary " + id.substr(0, 7) + " and 1 event\n");
  CHECK(s.snapshot() == before);
  CHECK(s.b({"rm", id.substr(0, 5), "--with-events"}).status == 0);
  CHECK_FALSE(fs::exists(s.repo() / "boundaries/alex.toml"));
  CHECK_FALSE(fs::exists(s.repo() / "boundaries/alex/2026-11.toml"));
  CHECK(s.run("balance", {"check", "-q"}).status == 0);
}

TEST_CASE("boundaries rm of an event id removes that one event, noted by mistake", "[boundaries]") {
  couple s;
  std::string id = s.boundary({"I need quiet mornings"});
  s.b({"respected", id.substr(0, 5), "--who", "sam", "--at", "2026-11-10 08:00"});
  s.b({"crossed", id.substr(0, 5), "--by", "sam", "--at", "2026-11-12 08:00"});
  auto log = nlohmann::json::parse(s.b({"log", "--format", "json"}).out);
  REQUIRE(log.size() == 2);
  std::string crossed = log[1]["id"];
  REQUIRE(log[1]["kind"] == "crossed");
  auto before = s.snapshot();
  result dry = s.b({"rm", crossed.substr(0, 6), "--dry-run"});
  CHECK(dry.status == 0);
  CHECK_THAT(dry.err, Catch::StartsWith("would remove event " + crossed.substr(0, 7)));
  CHECK(s.snapshot() == before);
  result with = s.b({"rm", crossed.substr(0, 6), "--with-events"});
  CHECK(with.status == 64);
  CHECK(with.err == "balance-boundaries: --with-events goes with a boundary's id; this id is an event's\n");
  result rm = s.b({"rm", crossed.substr(0, 6)});
  CHECK(rm.status == 0);
  CHECK_THAT(rm.err, Catch::StartsWith("removed event " + crossed.substr(0, 7)));
  auto after = nlohmann::json::parse(s.b({"log", "--format", "json"}).out);
  REQUIRE(after.size() == 1);
  CHECK(after[0]["kind"] == "respected");
  CHECK(s.run("balance", {"check", "-q"}).status == 0);
  result none = s.b({"rm", "abcdef"});
  CHECK(none.status == 64);
  CHECK(none.err == "balance-boundaries: no boundary or event has an id starting with abcdef\n");
}

TEST_CASE("boundaries list shows active ones with their review line, --all adds retired", "[boundaries][list]") {
  couple s;
  std::string a = s.boundary({"I need quiet mornings", "--at", "2026-11-01 08:00"});
  std::string b = s.boundary({"I don't discuss money after 22:00", "--who", "sam", "--at", "2026-10-01 08:00"});
  s.b({"respected", a.substr(0, 5), "--at", "2026-11-20 08:00"});
  result r = s.b({});
  CHECK(r.status == 0);
  CHECK(r.out == a.substr(0, 7) + "   alex  I need quiet mornings\n"
                 "                review monthly · next 2026-12-01 · last respected 2026-11-20\n\n" +
                 b.substr(0, 7) + "   sam   I don't discuss money after 22:00\n"
                 "                review monthly · next 2026-11-01 (due) · nothing noted yet\n");
  s.b({"retire", b.substr(0, 5)});
  CHECK(s.b({"list"}).out.find("money") == std::string::npos);
  CHECK_THAT(s.b({"list", "--all"}).out, Catch::Contains("retired 2026-11-22"));
  CHECK(s.b({"list", "--who", "sam"}).err == "no active boundaries\n");
  CHECK(nlohmann::json::parse(s.b({"list", "--all", "--format", "json"}).out).size() == 2);
}

TEST_CASE("boundaries show prints the history of events", "[boundaries]") {
  couple s;
  std::string a = s.boundary({"I need quiet mornings", "--at", "2026-11-01 08:00"});
  s.b({"crossed", a.substr(0, 5), "--by", "sam", "--at", "2026-11-10 08:00", "--note", "early call"});
  s.b({"review", a.substr(0, 5), "--at", "2026-11-12 08:00", "--note", "still right"});
  result r = s.b({"show", a.substr(0, 5)});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("text    I need quiet mornings\n") && Catch::Contains("next review  2026-12-12\n") &&
                        Catch::Contains("history\n") && Catch::Contains("crossed (sam)  early call\n") &&
                        Catch::Contains("reviewed (alex)  still right\n"));
}

TEST_CASE("boundaries edit with flags and log with filters", "[boundaries]") {
  couple s;
  std::string a = s.boundary({"I need quiet mornings"});
  CHECK(s.b({"edit", a.substr(0, 5), "--text", "I need quiet mornings before 9", "--review", "weekly"}).status == 0);
  CHECK_THAT(s.read("boundaries/alex.toml"), Catch::Contains("text = \"I need quiet mornings before 9\"\nreview = \"weekly\""));
  CHECK(s.b({"edit", a.substr(0, 5), "--review", "sometimes"}).status == 64);
  s.b({"crossed", a.substr(0, 5), "--by", "sam", "--at", "2026-10-10"});
  s.b({"space", "--for", "30m"});
  auto kinds = [&](const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (const auto& e : nlohmann::json::parse(s.b(args).out)) out.push_back(e["kind"]);
    return out;
  };
  using v = std::vector<std::string>;
  CHECK(kinds({"log", "--format", "json"}) == v{"crossed", "space"});
  CHECK(kinds({"log", "--format", "json", "--period", "2026-11"}) == v{"space"});
  CHECK(kinds({"log", "--format", "json", "--kind", "crossed"}) == v{"crossed"});
  CHECK(kinds({"log", "--format", "json", "--who", "sam"}) == v{"crossed"});
  CHECK(s.b({"log", "--kind", "crosed"}).status == 64);
}

TEST_CASE("boundaries due: reviewed yesterday is not due, never reviewed past its cadence is", "[boundaries][due]") {
  couple s;
  std::string fresh = s.boundary({"I need quiet mornings", "--at", "2026-09-01 08:00"});
  std::string stale = s.boundary({"I don't discuss money after 22:00", "--who", "sam", "--at", "2026-10-01 08:00"});
  s.boundary({"I need a weekly walk", "--review", "off", "--at", "2026-01-01 08:00"});
  s.b({"review", fresh.substr(0, 5), "--at", "yesterday 10:00"});
  result r = s.b({"due"});
  CHECK(r.status == 0);
  CHECK(r.out == "sam: review of boundary " + stale.substr(0, 7) + " due (monthly; last set 2026-10-01)\n");
  CHECK(r.out.find("money") == std::string::npos);  // never the boundary's words
  // A month after yesterday's review it is due again.
  s.env["BALANCE_NOW"] = "2026-12-21T10:00:00+01:00";
  CHECK_THAT(s.b({"due"}).out, Catch::Contains(fresh.substr(0, 7) + " due (monthly; last reviewed 2026-11-21)"));
  s.b({"review", stale.substr(0, 5)});
  s.b({"review", fresh.substr(0, 5)});
  result none = s.b({"due"});
  CHECK(none.status == 1);
  CHECK(none.out.empty());
}

TEST_CASE("boundaries: an event pointing at a missing boundary is reported by balance check", "[boundaries]") {
  couple s;
  s.write("boundaries/sam/2026-11.toml",
          "[[event]]\nid = \"e00000000001\"\nat = 2026-11-02T08:00:00+01:00\nkind = \"crossed\"\nboundary = \"b00000000009\"\nwho = \"alex\"\n");
  result r = s.run("balance", {"check"});
  CHECK(r.status == 65);
  CHECK(r.out ==
        "boundaries/sam/2026-11.toml:5:12: event e00000000001 points at boundary b00000000009, which does not exist "
        "(removed? `balance-boundaries rm e000000` removes this event)\n");
}

TEST_CASE("boundaries: private boundaries take only private events", "[boundaries][private]") {
  couple s;
  CHECK(s.b({"add", "I need to journal alone", "--private"}).status == 0);
  std::string id = first_id(s.read_private("boundaries/alex.toml"));
  result shared = s.b({"review", id.substr(0, 5)});
  CHECK(shared.status == 64);
  CHECK_THAT(shared.err, Catch::Contains("is private; note its events with --private"));
  CHECK(s.b({"review", id.substr(0, 5), "--private"}).status == 0);
  CHECK(fs::exists(s.private_dir() / "boundaries/alex/2026-11.toml"));
  CHECK_FALSE(fs::exists(s.repo() / "private"));
  // Shared view by default: my private boundary shows with --mine, marked; never for --as sam.
  CHECK(s.b({"list"}).err == "no active boundaries\n");
  CHECK_THAT(s.b({"list", "--mine"}).out, Catch::Contains("I need to journal alone"));
  CHECK(s.b({"list", "--as", "sam", "--mine"}).err ==
        "showing sam's shared view: private records open only for alex, this computer's own person\n"
        "no active boundaries\n");
}

TEST_CASE("boundaries list filters by tag and text, limits and reverses", "[boundaries][list]") {
  couple s;
  std::string a = s.boundary({"I need quiet mornings", "--tag", "home", "--at", "2026-09-01"});
  std::string b = s.boundary({"I don't discuss money after 22:00", "--at", "2026-10-01"});
  std::string c = s.boundary({"I need a walk alone on Sundays", "--tag", "home", "--at", "2026-11-01"});
  auto ids = [&](const std::vector<std::string>& args) {
    std::vector<std::string> a2 = {"list", "--format", "json"};
    a2.insert(a2.end(), args.begin(), args.end());
    std::vector<std::string> out;
    for (const auto& r : nlohmann::json::parse(s.b(a2).out)) out.push_back(r["id"]);
    return out;
  };
  using v = std::vector<std::string>;
  CHECK(ids({}) == v{a, b, c});  // one owner: in the order they were set
  CHECK(ids({"--tag", "home"}) == v{a, c});
  CHECK(ids({"--grep", "MONEY"}) == v{b});
  CHECK(ids({"-n", "2"}) == v{b, c});
  CHECK(ids({"-n", "1", "--reverse"}) == v{c});
}

TEST_CASE("boundaries due --who and --format json", "[boundaries][due]") {
  couple s;
  std::string a = s.boundary({"I need quiet mornings", "--at", "2026-09-01 08:00"});
  std::string b = s.boundary({"I don't discuss money after 22:00", "--who", "sam", "--at", "2026-10-01 08:00"});
  CHECK(s.b({"due", "--who", "alex"}).out == "alex: review of boundary " + a.substr(0, 7) + " due (monthly; last set 2026-09-01)\n");
  auto doc = nlohmann::json::parse(s.b({"due", "--format", "json"}).out);
  CHECK(doc["schema"] == 1);
  REQUIRE(doc["due"].size() == 2);
  CHECK(doc["due"][1]["boundary"] == b);
  CHECK(doc["due"][1]["due"] == "2026-11-01T08:00:00+01:00");
  CHECK(s.b({"due", "--who", "sma"}).status == 64);
}

TEST_CASE("boundaries: a retired boundary takes events dated before it was retired", "[boundaries][events]") {
  couple s;
  std::string id = s.boundary({"I need quiet mornings", "--at", "2026-11-01"});
  s.b({"retire", id.substr(0, 5)});
  result late = s.b({"crossed", id.substr(0, 5), "--by", "sam"});
  CHECK(late.status == 64);
  result back = s.b({"crossed", id.substr(0, 5), "--by", "sam", "--at", "2026-11-10 08:00"});
  CHECK(back.status == 0);
  CHECK_THAT(back.err, Catch::StartsWith("noted that boundary " + id.substr(0, 7) + " was crossed (sam)"));
}

TEST_CASE("boundaries add --from imports boundaries with their events, into an identical history",
          "[boundaries][import]") {
  couple s;
  std::string kept = s.boundary({"I need quiet mornings", "--at", "2026-10-01", "--tag", "home"});
  std::string gone = s.boundary({"I don't answer work mail at dinner", "--as", "sam", "--at", "2026-10-02"});
  std::string mine = s.boundary({"I need a night out alone each month", "--private", "--at", "2026-10-03"});
  REQUIRE(s.b({"respected", kept.substr(0, 5), "--at", "2026-10-05"}).status == 0);
  REQUIRE(s.b({"crossed", gone.substr(0, 5), "--by", "alex", "--at", "2026-10-20", "--note", "a late call"}).status == 0);
  REQUIRE(s.b({"review", mine.substr(0, 5), "--private", "--at", "2026-11-03"}).status == 0);
  REQUIRE(s.b({"space", "a long walk", "--for", "1h", "--at", "2026-11-04"}).status == 0);
  REQUIRE(s.b({"retire", gone.substr(0, 5)}).status == 0);

  std::string boundaries = s.b({"list", "--all", "--mine", "--format", "toml"}).out;
  std::string events = s.b({"log", "--mine", "--format", "toml"}).out;
  REQUIRE_THAT(events, Catch::Contains("[[event]]"));

  sandbox other;
  other.run("balance", {"init", other.repo().string(), "--person", "alex", "--person", "sam", "--me", "alex"});
  other.cwd = other.repo();
  // Events alone point at boundaries the repository does not have: nothing is written.
  auto empty = other.snapshot();
  result orphans = other.run("balance-boundaries", {"add", "--from", "-"}, events);
  CHECK(orphans.status == 65);
  CHECK_THAT(orphans.err, Catch::Contains("boundary " + kept + " is not in the repository or in this import"));
  CHECK(other.snapshot() == empty);

  // Both in one input, events first: boundaries are taken first, and the files come out the same.
  result both = other.run("balance-boundaries", {"add", "--from", "-"}, events + boundaries);
  CHECK(both.status == 0);
  CHECK(both.err == "added 7, skipped 0 already present\n");
  for (const char* f : {"boundaries/alex.toml", "boundaries/sam.toml", "boundaries/alex/2026-10.toml", "boundaries/alex/2026-11.toml"})
    CHECK(other.read(f) == s.read(f));
  CHECK(other.read_private("boundaries/alex.toml") == s.read_private("boundaries/alex.toml"));
  CHECK(other.read_private("boundaries/alex/2026-11.toml") == s.read_private("boundaries/alex/2026-11.toml"));
  // Again: everything is there already.
  auto full = other.snapshot();
  CHECK(other.run("balance-boundaries", {"add", "--from", "-"}, boundaries + events).err ==
        "added 0, skipped 7 already present\n");
  CHECK(other.snapshot() == full);
  CHECK(other.run("balance", {"check"}).status == 0);
}

TEST_CASE("boundaries add --from: json and csv events, defaults, and the event rules", "[boundaries][import]") {
  couple s;
  std::string id = s.boundary({"I need quiet mornings", "--at", "2026-11-01"});
  std::string secret = s.boundary({"I need an evening alone", "--private", "--at", "2026-11-01"});
  std::string retired = s.boundary({"I don't do surprise guests", "--at", "2026-11-01"});
  s.b({"retire", retired.substr(0, 5)});

  // json: type event, no at (now) and no who (me) for a review; respected names who.
  std::string json = "[{\"type\":\"event\",\"kind\":\"reviewed\",\"boundary\":\"" + id +
                     "\"}, {\"type\":\"event\",\"kind\":\"respected\",\"boundary\":\"" + id +
                     "\",\"who\":\"sam\",\"at\":\"2026-11-10T08:00:00+01:00\"}]";
  result dry = s.b({"add", "--from", "-", "--dry-run"}, json);
  CHECK(dry.err == "would add 2, skipped 0 already present\n");
  CHECK_FALSE(fs::exists(s.repo() / "boundaries/alex/2026-11.toml"));
  REQUIRE(s.b({"add", "--from", "-"}, json).status == 0);
  std::string file = s.read("boundaries/alex/2026-11.toml");
  CHECK_THAT(file, Catch::Contains("at = 2026-11-22T21:00:00+01:00\nkind = \"reviewed\"\nboundary = \"" + id + "\"\nwho = \"alex\"\n"));
  CHECK_THAT(file, Catch::Contains("at = 2026-11-10T08:00:00+01:00\nkind = \"respected\"\nboundary = \"" + id + "\"\nwho = \"sam\"\n"));

  // csv: a kind column makes a table of events; a table without one is boundaries.
  REQUIRE(s.b({"add", "--from", "-"}, "kind,what\n") .status == 65);
  result csv = s.b({"add", "--from", "-"}, "kind,note\nspace,a walk\ngave-in,hosting again\n");
  CHECK(csv.status == 0);
  CHECK(csv.err == "added 2, skipped 0 already present\n");
  CHECK_THAT(s.read("boundaries/alex/2026-11.toml"), Catch::Contains("kind = \"space\"\nwho = \"alex\"\nnote = \"a walk\"\n"));
  result tsv = s.b({"add", "--from", "-"}, "text\treview\nI need Sunday mornings slow\tbiweekly\n");
  CHECK(tsv.status == 0);
  CHECK_THAT(s.read("boundaries/alex.toml"), Catch::Contains("text = \"I need Sunday mornings slow\"\nreview = \"biweekly\"\n"));

  auto before = s.snapshot();
  auto refused = [&](const std::string& input, const std::string& message) {
    result r = s.b({"add", "--from", "-"}, input);
    CHECK(r.status == 65);
    CHECK_THAT(r.err, Catch::Contains(message));
    CHECK(s.snapshot() == before);
  };
  refused("[[event]]\nkind = \"crossed\"\nboundary = \"" + id + "\"\n",
          "<stdin>:1:1: who is required: a crossed event names whose act it was");
  refused("[{\"type\":\"event\",\"kind\":\"respected\",\"boundary\":\"" + id + "\"}]",
          "who is required: a respected event names whose act it was");
  refused("kind,boundary,who\ncrossed,0123456789ab,sam\n", "boundary 0123456789ab is not in the repository");
  refused("kind,boundary,who\ncrossed," + retired + ",sam\n",
          "was retired on 2026-11-22; a retired boundary keeps its history but takes no new events");
  refused("kind,boundary\nreviewed," + secret + "\n", "is private; note its events with --private");
  refused("[{\"type\":\"checkin\",\"heard\":3}]", "type \"checkin\" cannot be imported here");
  // With --private the event of a private boundary is welcome, and one before the retirement too.
  CHECK(s.b({"add", "--from", "-", "--private"}, "kind,boundary\nreviewed," + secret + "\n").status == 0);
  CHECK(s.b({"add", "--from", "-"}, "kind,boundary,who,at\ncrossed," + retired + ",sam,2026-11-05T09:00:00+01:00\n").status == 0);
}

TEST_CASE("boundaries edit in the editor to status retired stamps when as retire does", "[boundaries]") {
  couple s;
  std::string a = s.boundary({"I need quiet mornings", "--at", "2026-11-01"});
  s.env["VISUAL"] = s.script("editor", "sed -i 's/^status = .*/status = \"retired\"/' \"$1\"\n");
  result r = s.b({"edit", a.substr(0, 5)});
  REQUIRE(r.status == 0);
  CHECK_THAT(s.read("boundaries/alex.toml"), Catch::Contains("status = \"retired\"\nretired = 2026-11-22T21:00:00+01:00\n"));
  CHECK(s.run("balance", {"check", "-q"}).status == 0);
}
