#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "cli/harness.hpp"

using balance_test::first_id;
using balance_test::result;

namespace {

struct couple : balance_test::couple {
  result t(const std::vector<std::string>& args, const std::string& input = "") const {
    return run("balance-talk", args, input);
  }
  // Runs a write with --format json and returns the id of the one record it wrote.
  std::string wrote(const std::string& program, std::vector<std::string> args) const {
    args.insert(args.end(), {"--format", "json", "-q"});
    result r = run(program, args);
    if (r.status != 0) throw std::runtime_error(r.err);
    return nlohmann::json::parse(r.out).at(0).at("id").get<std::string>();
  }
  std::string agree(std::vector<std::string> args) const {
    args.insert(args.begin(), "agree");
    return wrote("balance-talk", args);
  }
};

std::string short_of(const std::string& id) { return id.substr(0, 7); }

}  // namespace

TEST_CASE("talk: bare balance-talk without a terminal prints a short usage and exits 64", "[talk]") {
  couple s;
  auto before = s.snapshot();
  result r = s.t({});
  CHECK(r.status == 64);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::StartsWith("usage: balance-talk [--with NAME...] [--turn DURATION] [--review CADENCE]\n"
                                      "       balance-talk COMMAND [OPTIONS]\n"
                                      "The guided weekly meeting runs on a terminal"));
  CHECK(s.t({"--with", "alex", "sam", "--turn", "3m"}).status == 64);
  CHECK(s.snapshot() == before);
  result typo = s.t({"agre", "x"});
  CHECK(typo.status == 64);
  CHECK(typo.err == "balance-talk: unknown command \"agre\" (did you mean \"agree\"?); try `balance-talk --help`\n");
  result help = s.t({"--help"});
  CHECK(help.status == 0);
  CHECK_THAT(help.out, Catch::Contains("agree") && Catch::Contains("repair") && Catch::Contains("  meeting ") &&
                          !Catch::Contains("still to come"));
}

TEST_CASE("talk: agree writes my agreements file with a biweekly review", "[talk]") {
  couple s;
  result r = s.t({"agree", "We put our phones away at dinner", "--tag", "dinner", "--at", "2026-11-01 19:00"});
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  std::string text = s.read("agreements/alex.toml");
  std::string id = first_id(text);
  CHECK(r.err == "added agreement " + short_of(id) + "; review biweekly\n");
  CHECK(text == "[[agreement]]\nid = \"" + id +
                    "\"\nat = 2026-11-01T19:00:00+01:00\nwho = \"alex\"\ntext = \"We put our phones away at dinner\"\n"
                    "review = \"biweekly\"\ntags = [\"dinner\"]\n");
  REQUIRE(s.t({"agree", "We take turns picking the film", "--review", "monthly"}).status == 0);
  CHECK_THAT(s.read("agreements/alex.toml"), Catch::Contains("review = \"monthly\""));
  CHECK(s.run("balance", {"check", "-q"}).status == 0);
}

TEST_CASE("talk: agree refuses an empty text, a bad cadence and a bad WHEN, changing nothing", "[talk]") {
  couple s;
  auto before = s.snapshot();
  result empty = s.t({"agree"});
  CHECK(empty.status == 64);
  CHECK(empty.err ==
        "balance-talk: agree needs the agreement's TEXT, worded as something you will both try, e.g. balance-talk agree "
        "\"We put our phones away at dinner\"\n");
  result cadence = s.t({"agree", "x", "--review", "fortnightly"});
  CHECK(cadence.status == 64);
  CHECK_THAT(cadence.err, Catch::StartsWith("balance-talk: bad cadence \"fortnightly\""));
  result when = s.t({"agree", "x", "--at", "someday"});
  CHECK(when.status == 64);
  CHECK(when.out.empty());
  result tag = s.t({"agree", "x", "--tag", "Not A Tag"});
  CHECK(tag.status == 64);
  CHECK(s.snapshot() == before);
}

TEST_CASE("talk: agreements lists the open ones, and --all adds done and dropped", "[talk]") {
  couple s;
  CHECK(s.t({"agreements"}).err == "no open agreements\n");
  CHECK(s.t({"agreements", "--all"}).err == "no agreements yet\n");
  std::string a = s.agree({"Phones away at dinner", "--at", "2026-11-01 19:00"});
  std::string b = s.agree({"Turns to pick the film", "--at", "2026-11-20 19:00", "--review", "weekly"});
  std::string c = s.agree({"We walk on Sundays", "--at", "2026-11-02 19:00"});
  REQUIRE(s.t({"drop", c}).status == 0);
  result open = s.t({"agreements"});
  CHECK(open.status == 0);
  CHECK(open.err.empty());
  CHECK(open.out == "ID       SINCE       BY    REVIEW    NEXT        LAST  TEXT\n" + short_of(a) +
                        "  2026-11-01  alex  biweekly  now         -     Phones away at dinner\n" + short_of(b) +
                        "  2026-11-20  alex  weekly    2026-11-27  -     Turns to pick the film\n");
  result all = s.t({"agreements", "--all", "--format", "json"});
  REQUIRE(all.status == 0);
  auto doc = nlohmann::json::parse(all.out);
  REQUIRE(doc.size() == 3);
  CHECK(doc[1]["id"] == c);
  CHECK(doc[1]["status"] == "dropped");
  CHECK(doc[1]["type"] == "agreement");
  CHECK(s.t({"agreements", "--format", "yaml"}).status == 64);
}

TEST_CASE("talk: review takes exactly one outcome and starts the review clock again", "[talk]") {
  couple s;
  std::string a = s.agree({"We put our phones away at dinner", "--at", "2026-11-01 19:00"});
  auto before = s.snapshot();
  result none = s.t({"review", short_of(a)});
  CHECK(none.status == 64);
  CHECK(none.err == "balance-talk: review takes how it went, exactly one of --kept, --partly or --not-yet\n");
  result two = s.t({"review", short_of(a), "--kept", "--partly"});
  CHECK(two.status == 64);
  CHECK(two.err == none.err);
  result unknown = s.t({"review", "abcdef", "--kept"});
  CHECK(unknown.status == 64);
  CHECK(unknown.err == "balance-talk: no agreement has an id starting with abcdef\n");
  result early = s.t({"review", short_of(a), "--kept", "--at", "2026-10-30"});
  CHECK(early.status == 64);
  CHECK(early.err == "balance-talk: agreement " + short_of(a) +
                         " was made on 2026-11-01; a review comes after it (check --at)\n");
  CHECK(s.snapshot() == before);

  result r = s.t({"review", short_of(a), "--partly", "--note", "two dinners of three", "--at", "2026-11-20 20:00"});
  REQUIRE(r.status == 0);
  std::string text = s.read("agreements/alex/2026-11.toml");
  std::string id = first_id(text);
  CHECK(r.err == "reviewed agreement " + short_of(a) + " (partly), review " + short_of(id) +
                     "; next review 2026-12-04\n");
  CHECK(text == "[[review]]\nid = \"" + id + "\"\nat = 2026-11-20T20:00:00+01:00\nwho = \"alex\"\nagreement = \"" + a +
                    "\"\noutcome = \"partly\"\nnote = \"two dinners of three\"\n");
  CHECK_THAT(s.t({"agreements"}).out, Catch::Contains("2026-12-04  partly"));
  CHECK(s.t({"review", short_of(a), "--not-yet"}).status == 0);
  CHECK(s.t({"review", short_of(a), "--kept"}).status == 0);
  CHECK(s.run("balance", {"check", "-q"}).status == 0);
}

TEST_CASE("talk: done and drop close an agreement once, and closed ones take no reviews", "[talk]") {
  couple s;
  std::string a = s.agree({"We put our phones away at dinner", "--at", "2026-11-01 19:00"});
  result done = s.t({"done", short_of(a)});
  REQUIRE(done.status == 0);
  CHECK(done.err == "agreement " + short_of(a) + " is done; its reviews stay\n");
  CHECK_THAT(s.read("agreements/alex.toml"),
             Catch::Contains("status = \"done\"\nclosed = 2026-11-22T21:00:00+01:00\n"));
  auto before = s.snapshot();
  result again = s.t({"done", short_of(a)});
  CHECK(again.status == 0);
  CHECK(again.err == "agreement " + short_of(a) + " is already done\n");
  result drop = s.t({"drop", short_of(a)});
  CHECK(drop.status == 64);
  CHECK_THAT(drop.err, Catch::Contains("is done already"));
  result review = s.t({"review", short_of(a), "--kept"});
  CHECK(review.status == 64);
  CHECK(review.err == "balance-talk: agreement " + short_of(a) + " is done, so the review was not noted: an --at before " +
                          "2026-11-22 notes one from before then, and `balance-talk edit " + short_of(a) +
                          " --status open --closed \"\"` reopens it\n");
  CHECK(s.snapshot() == before);
  std::string b = s.agree({"We walk on Sundays"});
  result dropped = s.t({"drop", short_of(b)});
  CHECK(dropped.err == "agreement " + short_of(b) + " is dropped; its reviews stay\n");

  // Reopening needs the closing time gone too.
  result half = s.t({"edit", short_of(a), "--status", "open"});
  CHECK(half.status == 64);
  CHECK_THAT(half.err, Catch::Contains("closed is set but status is not \"done\" or \"dropped\""));
  result reopened = s.t({"edit", short_of(a), "--status", "open", "--closed", ""});
  REQUIRE(reopened.status == 0);
  CHECK_THAT(s.read("agreements/alex.toml"), Catch::Contains("review = \"biweekly\"\nstatus = \"open\"\n\n[[agreement]]"));
  CHECK(s.t({"review", short_of(a), "--kept"}).status == 0);
}

TEST_CASE("talk: thank appreciates someone else, gently refusing oneself", "[talk]") {
  couple s;
  result r = s.t({"thank", "sam", "you noticed I was tired", "--at", "2026-11-21 09:00"});
  REQUIRE(r.status == 0);
  std::string text = s.read("appreciations/alex/2026-11.toml");
  std::string id = first_id(text);
  CHECK(r.err == "thanked sam, appreciation " + short_of(id) + "\n");
  CHECK(text == "[[appreciation]]\nid = \"" + id +
                    "\"\nat = 2026-11-21T09:00:00+01:00\nwho = \"alex\"\nfor = \"sam\"\ntext = \"you noticed I was tired\"\n");
  auto before = s.snapshot();
  result self = s.t({"thank", "alex", "for me"});
  CHECK(self.status == 64);
  CHECK(self.err ==
        "balance-talk: a thank-you goes to someone else; what you did yourself still counts, and a ledger "
        "entry keeps it\n");
  result unknown = s.t({"thank", "sma", "x"});
  CHECK(unknown.status == 64);
  CHECK(unknown.err == "balance-talk: NAME sma: not a person in balance.toml (did you mean \"sam\"?)\n");
  CHECK(s.t({"thank", "sam"}).status == 64);
  CHECK(s.snapshot() == before);
}

TEST_CASE("talk: repair notes a repair, with or without words and humour", "[talk]") {
  couple s;
  result r = s.t({"repair", "can we start over?", "--humour", "--note", "it worked", "--at", "2026-11-21 22:00"});
  REQUIRE(r.status == 0);
  std::string text = s.read("repairs/alex/2026-11.toml");
  std::string id = first_id(text);
  CHECK(r.err == "noted a repair, " + short_of(id) + "\n");
  CHECK(text == "[[repair]]\nid = \"" + id +
                    "\"\nat = 2026-11-21T22:00:00+01:00\nwho = \"alex\"\ntext = \"can we start over?\"\nhumour = true\n"
                    "note = \"it worked\"\n");
  REQUIRE(s.t({"repair"}).status == 0);
  result list = s.t({"list", "repairs"});
  CHECK(list.out == "ID       WHEN              WHO   TEXT / NOTE\n" + short_of(id) +
                        "  2026-11-21 22:00  alex  can we start over? (with humour)\n" +
                        short_of(first_id(s.read("repairs/alex/2026-11.toml").substr(text.size()))) +
                        "  2026-11-22 21:00  alex\n");
  auto before = s.snapshot();
  CHECK(s.t({"repair", "x", "--at", "tomorrow-ish"}).status == 64);
  CHECK(s.snapshot() == before);
}

TEST_CASE("talk: list, show, edit and rm work across the talk's records", "[talk]") {
  couple s;
  std::string thanks = s.wrote("balance-talk", {"thank", "sam", "the school form", "--at", "2026-11-21 09:00"});
  std::string a = s.agree({"We walk on Sundays", "--at", "2026-11-01 19:00"});
  std::string review = s.wrote("balance-talk", {"review", short_of(a), "--kept"});

  result list = s.t({"list"});
  CHECK(list.out == "ID       WHEN              FROM  FOR  TEXT\n" + short_of(thanks) + "  2026-11-21 09:00  alex  sam  the school form\n");
  result reviews = s.t({"list", "reviews", "--format", "csv"});
  CHECK_THAT(reviews.out, Catch::StartsWith("id,at,who,agreement,outcome,note,author,private\r\n" + review));
  CHECK(s.t({"list", "nonsense"}).status == 64);

  result show = s.t({"show", short_of(thanks), "--format", "json"});
  REQUIRE(show.status == 0);
  CHECK(nlohmann::json::parse(show.out)["for"] == "sam");

  result edit = s.t({"edit", short_of(thanks), "--text", "all the school forms"});
  REQUIRE(edit.status == 0);
  CHECK_THAT(s.read("appreciations/alex/2026-11.toml"), Catch::Contains("text = \"all the school forms\""));
  auto before = s.snapshot();
  result wrong_field = s.t({"edit", short_of(thanks), "--outcome", "kept"});
  CHECK(wrong_field.status == 64);
  result bad_status = s.t({"edit", short_of(a), "--status", "finished"});
  CHECK(bad_status.status == 64);
  CHECK_THAT(bad_status.err, Catch::Contains("status must be one of \"open\", \"done\", \"dropped\""));
  result rm_agreement = s.t({"rm", short_of(a)});
  CHECK(rm_agreement.status == 64);
  CHECK_THAT(rm_agreement.err, Catch::Contains("has 1 review pointing at it"));
  CHECK(s.t({"rm", "0000"}).status == 64);
  CHECK(s.snapshot() == before);

  result dry = s.t({"rm", short_of(a), "--with-reviews", "--dry-run"});
  CHECK(dry.err == "would remove agreement " + short_of(a) + " and 1 review\n");
  CHECK(s.snapshot() == before);
  CHECK(s.t({"rm", short_of(a), "--with-reviews"}).err == "removed agreement " + short_of(a) + " and 1 review\n");
  result rm = s.t({"rm", short_of(thanks)});
  CHECK(rm.err == "removed appreciation " + short_of(thanks) + " (alex for sam)\n");
  CHECK(s.run("balance", {"check", "-q"}).status == 0);
}

TEST_CASE("talk: add --from imports what list --format toml prints, idempotently", "[talk]") {
  couple s;
  std::string a = s.agree({"We walk on Sundays", "--at", "2026-11-01 19:00"});
  REQUIRE(s.t({"review", short_of(a), "--kept"}).status == 0);
  std::string exported = s.t({"list", "agreements", "--format", "toml"}).out + "\n" +
                         s.t({"list", "reviews", "--format", "toml"}).out;
  result again = s.t({"add", "--from", "-"}, exported);
  CHECK(again.status == 0);
  CHECK(again.err == "added 0, skipped 2 already present\n");
  auto before = s.snapshot();
  result bad = s.t({"add", "--from", "-"}, "[[review]]\nat = 2026-11-20T20:00:00+01:00\nagreement = \"0123456789ab\"\noutcome = \"kept\"\n");
  CHECK(bad.status == 65);
  CHECK_THAT(bad.err, Catch::Contains("agreement 0123456789ab is not in the repository or in this import"));
  result entry = s.t({"add", "--from", "-"}, "[[entry]]\nat = 2026-11-20T20:00:00+01:00\nkind = \"chore\"\nwhat = \"x\"\n");
  CHECK(entry.status == 65);
  CHECK(s.t({"add"}).status == 64);
  CHECK(s.snapshot() == before);
}

TEST_CASE("talk: balance-ledger thank thanks whoever did the entry, never my own or a private one", "[talk][ledger]") {
  couple s;
  std::string theirs = s.wrote("balance-ledger", {"add", "invisible", "the school form", "--who", "sam", "--at", "2026-11-20 08:00"});
  std::string mine = s.wrote("balance-ledger", {"add", "chore", "dishes", "--at", "2026-11-20 09:00"});
  std::string secret = s.wrote("balance-ledger", {"add", "chore", "gift shopping", "--who", "sam", "--private"});

  result r = s.run("balance-ledger", {"thank", short_of(theirs)});
  REQUIRE(r.status == 0);
  std::string text = s.read("appreciations/alex/2026-11.toml");
  std::string id = first_id(text);
  CHECK(r.err == "thanked sam for entry " + short_of(theirs) + ", appreciation " + short_of(id) + "\n");
  CHECK(text == "[[appreciation]]\nid = \"" + id + "\"\nat = 2026-11-22T21:00:00+01:00\nwho = \"alex\"\nfor = \"sam\"\n"
                    "text = \"the school form\"\nentry = \"" + theirs + "\"\n");
  CHECK(s.run("balance-ledger", {"thank", short_of(theirs), "that was a lot of forms"}).status == 0);

  auto before = s.snapshot();
  std::string private_before = s.read_private("ledger/alex/2026-11.toml");
  result own = s.run("balance-ledger", {"thank", short_of(mine)});
  CHECK(own.status == 64);
  CHECK(own.err == "balance-ledger: entry " + short_of(mine) +
                       " is your own; thanks are for what someone else did. It still counts, and it is in the ledger\n");
  result hidden = s.run("balance-ledger", {"thank", short_of(secret)});
  CHECK(hidden.status == 64);
  CHECK(hidden.err == "balance-ledger: entry " + short_of(secret) +
                          " is private, so it stays out of anything shared; a thank-you can still be said in words "
                          "(balance-talk thank NAME TEXT)\n");
  CHECK(s.run("balance-ledger", {"thank", "abcdef"}).status == 64);
  CHECK(s.run("balance-ledger", {"thank"}).status == 64);
  CHECK(s.snapshot() == before);
  CHECK(s.read_private("ledger/alex/2026-11.toml") == private_before);
  CHECK(s.run("balance", {"check", "-q"}).status == 0);
}

TEST_CASE("talk: a due agreement review appears in balance-remind, without its words", "[talk][remind]") {
  couple s;
  auto agreement_lines = [&](const std::vector<std::string>& args) {
    result r = s.run("balance-remind", args);
    std::string out;
    std::size_t start = 0;
    while (start < r.out.size()) {
      std::size_t nl = r.out.find('\n', start);
      std::string line = r.out.substr(start, nl - start + 1);
      if (line.starts_with("agreement ")) out += line;
      start = nl + 1;
    }
    CHECK(r.out.find("secret") == std::string::npos);
    return out;
  };
  std::string a = s.agree({"secret words", "--at", "2026-11-01 19:00"});
  s.agree({"secret words too", "--at", "2026-11-20 19:00"});
  std::string expected = "agreement " + short_of(a) + ": time to look at it together (biweekly)\n";
  CHECK(agreement_lines({}) == expected);
  CHECK(agreement_lines({"--all"}) == expected);
  CHECK(agreement_lines({"--who", "sam"}) == expected);
  result json = s.run("balance-remind", {"--format", "json"});
  CHECK_THAT(json.out, Catch::Contains("{\"type\": \"agreement\", \"who\": null, \"subject\": \"" + a + "\""));
  REQUIRE(s.t({"review", short_of(a), "--kept"}).status == 0);
  CHECK(agreement_lines({}).empty());
}

TEST_CASE("talk: balance-remind is silent with exit 1 when only a reviewed agreement exists", "[talk][remind]") {
  couple s;
  std::string settings = s.read("balance.toml");
  REQUIRE(settings.find("cadence = \"weekly\"") != std::string::npos);
  s.settings(settings.replace(settings.find("cadence = \"weekly\""), 18, "cadence = \"off\""));
  std::string a = s.agree({"We walk on Sundays", "--at", "2026-11-01 19:00"});
  result due = s.run("balance-remind", {});
  CHECK(due.status == 0);
  CHECK(due.out == "agreement " + short_of(a) + ": time to look at it together (biweekly)\n");
  REQUIRE(s.t({"review", short_of(a), "--kept"}).status == 0);
  result quiet = s.run("balance-remind", {});
  CHECK(quiet.status == 1);
  CHECK(quiet.out.empty());
  CHECK(quiet.err.empty());
}

TEST_CASE("talk: with autocommit each write is a balance-talk commit that balance undo takes back", "[talk][git][undo]") {
  balance_test::sandbox s;
  REQUIRE(s.run("balance", {"init", s.repo().string(), "--person", "alex", "--person", "sam", "--me", "alex", "--git"}).status == 0);
  s.cwd = s.repo();
  result agreed = s.run("balance-talk", {"agree", "We walk on Sundays"});
  REQUIRE(agreed.status == 0);
  std::string id = first_id(s.read("agreements/alex.toml"));
  CHECK(s.run("/usr/bin/git", {"log", "-1", "--format=%s"}).out ==
        "balance-talk: added agreement " + short_of(id) + "; review biweekly\n");
  REQUIRE(s.run("balance-talk", {"repair", "a hug"}).status == 0);
  result undo = s.run("balance", {"undo"});
  CHECK(undo.status == 0);
  CHECK_THAT(undo.err, Catch::Contains("undid \"balance-talk: noted a repair, "));
  CHECK_FALSE(std::filesystem::exists(s.repo() / "repairs/alex/2026-11.toml"));
  CHECK(std::filesystem::exists(s.repo() / "agreements/alex.toml"));
}

TEST_CASE("talk: unknown and malformed ids are refused by every command that takes one, changing nothing", "[talk]") {
  couple s;
  s.agree({"We walk on Sundays", "--at", "2026-11-01 19:00"});
  auto before = s.snapshot();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"show", "abcdef"}, {"edit", "abcdef", "--text", "x"}, {"rm", "abcdef"},
        {"done", "abcdef"}, {"drop", "abcdef"}, {"review", "abcdef", "--kept"}}) {
    result r = s.t(args);
    INFO(args.front());
    CHECK(r.status == 64);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::StartsWith("balance-talk: no ") && Catch::Contains("has an id starting with abcdef"));
  }
  result bad = s.t({"show", "XYZ"});
  CHECK(bad.status == 64);
  CHECK(bad.err == "balance-talk: \"XYZ\" is not an id: give at least 4 of its 12 hex digits\n");
  CHECK(s.t({"show", "12345678901234"}).err ==
        "balance-talk: \"12345678901234\" is not an id: an id has 12 hex digits, and 14 is too many\n");
  result name = s.t({"thank", "Sam", "hi"});
  CHECK(name.status == 64);
  CHECK(name.err == "balance-talk: NAME Sam: not a person in balance.toml (did you mean \"sam\"?)\n");
  result words = s.t({"thank", "sam"});
  CHECK(words.status == 64);
  CHECK(words.err == "balance-talk: thank needs the TEXT: what you appreciated about sam\n");
  CHECK(s.snapshot() == before);
}

TEST_CASE("talk: every write hands back its record with --format json, and works through the front door", "[talk]") {
  couple s;
  result r = s.run("balance", {"talk", "thank", "sam", "breakfast", "--format", "json"});
  REQUIRE(r.status == 0);
  auto doc = nlohmann::json::parse(r.out);
  REQUIRE(doc.size() == 1);
  CHECK(doc[0]["type"] == "appreciation");
  CHECK(doc[0]["for"] == "sam");
  CHECK(doc[0]["author"] == "alex");
  CHECK(doc[0]["private"] == false);
  result repair = s.t({"repair", "--humour", "--format", "json", "-q"});
  REQUIRE(repair.status == 0);
  CHECK(nlohmann::json::parse(repair.out)[0]["humour"] == true);
  CHECK(repair.err.empty());
}

TEST_CASE("talk: check warns when an edit moves an agreement after its reviews", "[talk][check]") {
  couple s;
  std::string a = s.agree({"We put our phones away at dinner", "--at", "2026-11-01 19:00"});
  REQUIRE(s.t({"review", short_of(a), "--kept", "--at", "2026-11-10 20:00"}).status == 0);
  REQUIRE(s.t({"edit", short_of(a), "--at", "2026-11-15 19:00"}).status == 0);
  result check = s.run("balance", {"check"});
  CHECK(check.status == 0);  // a warning: nothing is lost, and one of the two dates is simply off
  CHECK_THAT(check.err, Catch::StartsWith("warning: agreements/alex/2026-11.toml:3:6: review ") &&
                            Catch::Contains(" is dated before agreement " + short_of(a) +
                                            " was made; check the `at` of one of them\n"));
}

TEST_CASE("talk: talks import and list and show and edit and check like every record and log shows speaking shares",
          "[talk][log]") {
  couple s;
  std::string agreement = s.agree({"We plan one weekend each", "--at", "2026-11-15 20:00"});
  std::string csv = "id,at,who,with,minutes,topic,sign,agreement,appreciations,note,tags\n"
                    "b00000000001,2026-11-15T19:00:00+01:00,alex,alex sam,alex=6.5 sam=5,who plans the weekends,"
                    "one-chooser," + agreement + ",4,,\n"
                    "b00000000002,2026-11-08T19:00:00+01:00,alex,alex sam,alex=4 sam=4,,,,2,,\n";
  result imported = s.t({"add", "--from", "-"}, csv);
  REQUIRE(imported.status == 0);
  CHECK(s.read("talks/alex/2026-11.toml") ==
        "[[talk]]\nid = \"b00000000002\"\nat = 2026-11-08T19:00:00+01:00\nwho = \"alex\"\nwith = [\"alex\", \"sam\"]\n"
        "minutes = { alex = 4, sam = 4 }\nappreciations = 2\n\n"
        "[[talk]]\nid = \"b00000000001\"\nat = 2026-11-15T19:00:00+01:00\nwho = \"alex\"\nwith = [\"alex\", \"sam\"]\n"
        "minutes = { alex = 6.5, sam = 5 }\ntopic = \"who plans the weekends\"\nsign = \"one-chooser\"\n"
        "agreement = \"" + agreement + "\"\nappreciations = 4\n");
  result log = s.t({"log"});
  CHECK(log.status == 0);
  CHECK(log.out ==
        "DATE        WITH       SPOKE                         TOPIC\n"
        "2026-11-08  alex, sam  alex 4m (50%) sam 4m (50%)    -\n"
        "2026-11-15  alex, sam  alex 6.5m (57%) sam 5m (43%)  who plans the weekends\n");
  CHECK(log.err.empty());
  auto json = nlohmann::json::parse(s.t({"log", "--period", "2026-11-15", "--format", "json"}).out);
  REQUIRE(json.size() == 1);
  CHECK(json[0]["minutes"] == nlohmann::json({{"alex", 6.5}, {"sam", 5.0}}));
  CHECK(json[0]["type"] == "talk");
  result none = s.t({"log", "--period", "this-week"});
  CHECK(none.status == 0);
  CHECK(none.out.empty());
  CHECK(none.err == "no talks in this-week\n");
  // What list --format tsv prints comes back in through add --from unchanged (each is skipped).
  result tsv = s.t({"list", "talks", "--format", "tsv"});
  CHECK_THAT(tsv.out, Catch::Contains("\talex sam\talex=6.5 sam=5\twho plans the weekends\t"));
  CHECK_THAT(s.t({"add", "--from", "-"}, tsv.out).err, Catch::Contains("skipped 2 already present"));

  CHECK_THAT(s.t({"show", "b00000000002"}).out, Catch::Contains("minutes        alex=4 sam=4"));
  result edited = s.t({"edit", "b00000000002", "--minutes", "alex=4 sam=4.5", "--topic", "the week ahead"});
  CHECK(edited.status == 0);
  CHECK_THAT(s.read("talks/alex/2026-11.toml"),
             Catch::Contains("minutes = { alex = 4, sam = 4.5 }\ntopic = \"the week ahead\"\nappreciations = 2\n"));
  auto before = s.snapshot();
  result bad = s.t({"edit", "b00000000002", "--minutes", "alex=4 bob=1"});
  CHECK(bad.status == 64);
  CHECK(bad.err == "balance-talk: --minutes: minutes names \"bob\", who is not in with\n");
  result sign = s.t({"edit", "b00000000002", "--sign", "uneven"});
  CHECK(sign.status == 64);
  CHECK_THAT(sign.err, Catch::Contains("(did you mean \"uneven-load\"?)"));
  result keeps = s.t({"rm", short_of(agreement)});
  CHECK(keeps.status == 64);
  CHECK_THAT(keeps.err, Catch::Contains("was made in the talk of 2026-11-15 (b000000)"));
  CHECK(s.snapshot() == before);
  CHECK(s.run("balance", {"check"}).status == 0);
  s.write("talks/sam/2026-11.toml",
          "[[talk]]\nid = \"b00000000009\"\nat = 2026-11-20T19:00:00+01:00\nwho = \"sam\"\nwith = [\"alex\", \"sam\"]\n"
          "minutes = { alex = 2, sam = -1 }\nagreement = \"a00000000009\"\n");
  result check = s.run("balance", {"check"});
  CHECK(check.status == 65);
  CHECK(check.out == "talks/sam/2026-11.toml:6:11: minutes for sam must be 0 or more, not -1\n"
                     "talks/sam/2026-11.toml:7:13: talk b00000000009 points at agreement a00000000009, which does not "
                     "exist (removed? `balance-talk rm b000000` removes this talk)\n");
  CHECK(check.err == "2 problems found\n");
}

namespace {

constexpr const char* ctrl_t = "\x14";  // the test clock's key: one minute on

}  // namespace

TEST_CASE("talk meeting: a whole talk on a terminal saves appreciations and the agreement and the talk field by field",
          "[talk][meeting][pty]") {
  couple s;
  using step = balance_test::sandbox::pty_step;
  std::vector<step> steps = {
      {"Press Enter to begin.", "\r"},
      {"what did you appreciate about sam this week?", ""},
      {"1> ", "the school forms\r"},
      {"2> ", "cooking on Tuesday\r"},
      {"3> ", "\r"},
      {"what did you appreciate about alex this week?", ""},
      {"1> ", "making me laugh\r"},
      {"2> ", "\r"},
      {"Press Enter to go on.", "\r"},
      {"Your choice> ", "t\r"},
      {"what is it about?> ", "who plans the weekends\r"},
      {"alex speaking   05:00 left", std::string(ctrl_t) + ctrl_t + ctrl_t},
      {"alex speaking   02:00 left", "s"},
      {"sam speaking   05:00 left", std::string(ctrl_t) + ctrl_t},
      {"sam speaking   03:00 left", "d"},
      {"alex> ", "a walk together\r"},
      {"sam> ", "\r"},
      {"So this week:", ""},
      {"Press Enter to go on.", "\r"},
      {"We will try> ", "We cook together on Fridays\r"},
      {"Press Enter to close.", "\r"},
  };
  result r = s.run_pty_expect("balance-talk", {"--turn", "5m"}, steps);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("\x1b[?1049h") && Catch::Contains("\x1b[?1049l") &&
                        Catch::Contains("sum up what you heard"));
  std::string agreement = first_id(s.read("agreements/alex.toml"));
  CHECK_THAT(s.read("agreements/alex.toml"), Catch::Contains("text = \"We cook together on Fridays\"\nreview = \"biweekly\"\n"));

  auto thanks = nlohmann::json::parse(s.t({"list", "appreciations", "--format", "json"}).out);
  REQUIRE(thanks.size() == 3);
  std::multiset<std::string> said;
  for (const auto& a : thanks) said.insert(a["who"].get<std::string>() + " to " + a["for"].get<std::string>() + ": " +
                                           a["text"].get<std::string>() + " (" + a["author"].get<std::string>() + ")");
  CHECK(said == std::multiset<std::string>{"alex to sam: the school forms (alex)", "alex to sam: cooking on Tuesday (alex)",
                                           "sam to alex: making me laugh (sam)"});
  auto talks = nlohmann::json::parse(s.t({"list", "talks", "--format", "json"}).out);
  REQUIRE(talks.size() == 1);
  const auto& talk = talks[0];
  CHECK(talk["at"] == "2026-11-22T21:00:00+01:00");
  CHECK(talk["who"] == "alex");
  CHECK(talk["with"] == nlohmann::json({"alex", "sam"}));
  CHECK(talk["minutes"] == nlohmann::json({{"alex", 3.0}, {"sam", 2.0}}));
  CHECK(talk["topic"] == "who plans the weekends");
  CHECK_FALSE(talk.contains("sign"));
  CHECK(talk["agreement"] == agreement);
  CHECK(talk["appreciations"] == 3);
  CHECK(talk["note"] == "care, alex: a walk together");
  CHECK_THAT(r.out, Catch::Contains("saved talk " + short_of(talk["id"].get<std::string>()) +
                                    " (3 appreciations, agreement " + short_of(agreement) + ")"));
  CHECK(s.run("balance", {"check"}).status == 0);
  CHECK_THAT(s.t({"log"}).out, Catch::Contains("alex 3m (60%) sam 2m (40%)  who plans the weekends"));
}

TEST_CASE("talk meeting: Ctrl-C halfway keeps the confirmed appreciation only and exits 130 and restores the screen",
          "[talk][meeting][pty]") {
  couple s;
  result r = s.run_pty_expect("balance-talk", {},
                              {{"Press Enter to begin.", "\r"},
                               {"1> ", "the school forms\r"},
                               {"2> ", "cooking on Tue"},
                               {"cooking on Tue", "\x03"}});
  CHECK(r.status == 130);
  CHECK_THAT(r.out, Catch::Contains("\x1b[?1049l") &&
                        Catch::EndsWith("left the talk; 1 appreciation saved as confirmed, nothing else\n"));
  auto thanks = nlohmann::json::parse(s.t({"list", "appreciations", "--format", "json"}).out);
  REQUIRE(thanks.size() == 1);
  CHECK(thanks[0]["text"] == "the school forms");
  CHECK_FALSE(std::filesystem::exists(s.repo() / "talks"));
  CHECK_FALSE(std::filesystem::exists(s.repo() / "agreements"));
}

TEST_CASE("talk meeting: a bad flag is refused on the terminal before the screen changes", "[talk][meeting][pty]") {
  couple s;
  auto before = s.snapshot();
  result bob = s.run_pty("balance-talk", {"--with", "alex", "bob"}, "");
  CHECK(bob.status == 64);
  CHECK(bob.out == "balance-talk: --with bob: not a person in balance.toml\n");
  result turn = s.run_pty("balance-talk", {"--turn", "soon"}, "");
  CHECK(turn.status == 64);
  CHECK_THAT(turn.out, Catch::StartsWith("balance-talk: --turn soon: ") && !Catch::Contains("\x1b[?1049h"));
  CHECK(s.snapshot() == before);
}

TEST_CASE("talk meeting: with autocommit each saved thing is a balance-talk commit that balance undo takes back",
          "[talk][meeting][pty][git][undo]") {
  balance_test::sandbox s;
  REQUIRE(s.run("balance", {"init", s.repo().string(), "--person", "alex", "--person", "sam", "--me", "alex", "--git"}).status == 0);
  s.cwd = s.repo();
  result r = s.run_pty_expect("balance-talk", {"--with", "alex", "sam"},
                              {{"Press Enter to begin.", "\r"},
                               {"1> ", "the school forms\r"},
                               {"2> ", "\r"},
                               {"1> ", "\r"},
                               {"Press Enter to go on.", "\r"},
                               {"Your choice> ", "\r"},
                               {"alex> ", "\r"},
                               {"sam> ", "\r"},
                               {"We will try> ", "\r"},
                               {"Press Enter to close.", "\r"}});
  REQUIRE(r.status == 0);
  std::string talk = first_id(s.read("talks/alex/2026-11.toml"));
  std::string thanks = first_id(s.read("appreciations/alex/2026-11.toml"));
  CHECK(s.run("/usr/bin/git", {"log", "-2", "--format=%s"}).out ==
        "balance-talk: saved talk " + short_of(talk) + "\nbalance-talk: thanked sam, appreciation " + short_of(thanks) + "\n");
  result undo = s.run("balance", {"undo"});
  CHECK(undo.status == 0);
  CHECK_THAT(undo.err, Catch::Contains("undid \"balance-talk: saved talk " + short_of(talk)));
  CHECK_FALSE(std::filesystem::exists(s.repo() / "talks/alex/2026-11.toml"));
  CHECK(std::filesystem::exists(s.repo() / "appreciations/alex/2026-11.toml"));
}

TEST_CASE("talk: with [talk] cadence a talk comes due in balance-remind, counted from the last one", "[talk][remind]") {
  couple s;
  std::string settings = s.read("balance.toml");
  REQUIRE(settings.find("cadence = \"weekly\"") != std::string::npos);
  settings.replace(settings.find("cadence = \"weekly\""), 18, "cadence = \"off\"");
  s.settings(settings);
  // Off by default: nothing is due, silently.
  result off = s.run("balance-remind", {});
  CHECK(off.status == 1);
  CHECK(off.out.empty());
  // The template has the table, off.
  std::size_t talk_table = settings.find("[talk]\n");
  REQUIRE(talk_table != std::string::npos);
  std::size_t off_at = settings.find("cadence = \"off\"", talk_table);
  REQUIRE(off_at != std::string::npos);
  s.settings(settings.replace(off_at, 15, "cadence = \"weekly\""));
  result never = s.run("balance-remind", {"--all"});
  CHECK(never.status == 0);
  CHECK(never.out == "talk due (weekly)\n");  // no talk yet: due at once, in everyone's list
  CHECK(s.run("balance-remind", {"--who", "sam"}).out == never.out);
  CHECK_THAT(s.run("balance-remind", {"--format", "json"}).out,
             Catch::Contains("{\"type\": \"talk\", \"who\": null, \"subject\": null, \"text\": \"talk due (weekly)\"}"));
  const std::string talk = "id,at,who,with,minutes,topic\n"
                           "b00000000001,2026-11-20T19:00:00+01:00,alex,alex sam,alex=5 sam=5,weekends\n";
  REQUIRE(s.t({"add", "--from", "-"}, talk).status == 0);
  result quiet = s.run("balance-remind", {});
  CHECK(quiet.status == 1);  // the last talk was two days ago
  CHECK(quiet.out.empty());
  CHECK(quiet.err.empty());
  s.env["BALANCE_NOW"] = "2026-11-27T08:00:00+01:00";
  CHECK(s.run("balance-remind", {}).out == "talk due (weekly)\n");
}

TEST_CASE("talk meeting: Ctrl-C after a review says the review was saved", "[talk][meeting][pty]") {
  // Found in a trial: the farewell said "nothing was saved" while the review had been.
  couple s;
  std::string a = s.agree({"We text when running late", "--at", "2026-11-01 19:00"});
  result r = s.run_pty_expect("balance-talk", {},
                              {{"Press Enter to begin.", "\r"},
                               {"1> ", "\r"},
                               {"1> ", "\r"},
                               {"Press Enter to go on.", "\r"},
                               {"Time to look again at", ""},
                               {"Your choice> ", "1\r"},
                               {"alex speaking   05:00 left", "d"},
                               {"then Enter", "k\r"},
                               {"alex> ", "\x03"}});
  CHECK(r.status == 130);
  CHECK_THAT(r.out, Catch::EndsWith("left the talk; the agreement's review saved as confirmed, nothing else\n"));
  auto reviews = nlohmann::json::parse(s.t({"list", "reviews", "--format", "json"}).out);
  REQUIRE(reviews.size() == 1);
  CHECK(reviews[0]["agreement"] == a);
  CHECK(reviews[0]["outcome"] == "kept");
  CHECK_FALSE(std::filesystem::exists(s.repo() / "talks"));
}

TEST_CASE("talk: edit --status done stamps when it closed, as done does", "[talk]") {
  // Found in a trial: the edit left `closed` out, so "a review dated before it closed" had
  // nothing to go by.
  couple s;
  std::string a = s.agree({"We walk on Sundays", "--at", "2026-11-01 19:00"});
  REQUIRE(s.t({"edit", short_of(a), "--status", "done"}).status == 0);
  CHECK_THAT(s.read("agreements/alex.toml"), Catch::Contains("status = \"done\"\nclosed = 2026-11-22T21:00:00+01:00\n"));
  // Reopening with the documented edit clears it, and an explicit time is kept.
  REQUIRE(s.t({"edit", short_of(a), "--status", "open", "--closed", ""}).status == 0);
  CHECK(s.read("agreements/alex.toml").find("closed") == std::string::npos);
  REQUIRE(s.t({"edit", short_of(a), "--status", "dropped", "--closed", "2026-11-20T10:00:00+01:00"}).status == 0);
  CHECK_THAT(s.read("agreements/alex.toml"), Catch::Contains("closed = 2026-11-20T10:00:00+01:00\n"));
  CHECK(s.run("balance", {"check", "-q"}).status == 0);
}

TEST_CASE("talk: list talks --who names everyone who was there, not only who wrote it down", "[talk][log]") {
  couple s;
  const std::string talks = "id,at,who,with,minutes,topic\n"
                            "b00000000001,2026-11-15T19:00:00+01:00,alex,alex sam,alex=5 sam=5,weekends\n"
                            "b00000000002,2026-11-08T19:00:00+01:00,sam,alex sam,alex=4 sam=4,evenings\n";
  REQUIRE(s.t({"add", "--from", "-"}, talks).status == 0);
  auto sams = nlohmann::json::parse(s.t({"list", "talks", "--who", "sam", "--format", "json"}).out);
  CHECK(sams.size() == 2);
}
