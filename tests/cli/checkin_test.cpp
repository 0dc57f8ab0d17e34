#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "cli/harness.hpp"

using balance_test::first_id;
using balance_test::result;
using balance_test::sandbox;
namespace fs = std::filesystem;

namespace {

// A couple's repo with alex as me and the clock at Sunday 2026-11-22 21:00 in Berlin.
struct couple : balance_test::couple {
  result checkin(const std::vector<std::string>& args, const std::string& input = "") const {
    return run("balance-checkin", args, input);
  }
};

const std::string settings_head =
    "version = 1\ntimezone = \"Europe/Berlin\"\n[[person]]\nname = \"alex\"\n[[person]]\nname = \"sam\"\n";

// What the check-in prints on stderr before saving words that read as criticism (TONE.md §4).
const std::string i_statement_tip =
    "tip: words like these often land more gently as \"I feel … when …\" (saved as you wrote it)\n";

}  // namespace

TEST_CASE("checkin add writes one canonical record to the author's month file", "[checkin]") {
  couple s;
  result r = s.checkin({"--heard", "4", "--kind", "5", "--mood", "4", "--feeling", "I feel close to you when we cook",
                        "--need", "a slow Sunday", "--thanks", "the tea", "--note", "good week", "--tag", "home"});
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  std::string id = first_id(s.read("checkins/alex/2026-11.toml"));
  CHECK(r.err == "added check-in " + id.substr(0, 7) + " (alex)\n");
  CHECK(s.read("checkins/alex/2026-11.toml") ==
        "[[checkin]]\n"
        "id = \"" + id + "\"\n"
        "at = 2026-11-22T21:00:00+01:00\n"
        "who = \"alex\"\n"
        "heard = 4\n"
        "kind = 5\n"
        "mood = 4\n"
        "feeling = \"I feel close to you when we cook\"\n"
        "need = \"a slow Sunday\"\n"
        "thanks = \"the tea\"\n"
        "note = \"good week\"\n"
        "tags = [\"home\"]\n");
  CHECK(s.run("balance", {"check", "-q"}).status == 0);
}

TEST_CASE("checkin add is the bare command, and --as, --at and --rate work", "[checkin]") {
  couple s;
  CHECK(s.checkin({"--as", "sam", "--rate", "space=2", "--at", "yesterday 20:15"}).status == 0);
  std::string text = s.read("checkins/sam/2026-11.toml");
  CHECK_THAT(text, Catch::Contains("at = 2026-11-21T20:15:00+01:00\nwho = \"sam\"\nspace = 2\n"));
  // A second record lands at its sorted place with one blank line between.
  CHECK(s.checkin({"add", "--as", "sam", "--heard", "3", "--at", "2026-11-20"}).status == 0);
  text = s.read("checkins/sam/2026-11.toml");
  CHECK(text.find("at = 2026-11-20T12:00:00+01:00") < text.find("at = 2026-11-21T20:15:00+01:00"));
  CHECK_THAT(text, Catch::Contains("heard = 3\n\n[[checkin]]\n"));
}

TEST_CASE("checkin add refuses bad values with exit 64 and writes nothing", "[checkin]") {
  couple s;
  s.checkin({"--heard", "3"});
  auto before = s.snapshot();
  struct bad {
    std::vector<std::string> args;
    std::string err;
  };
  const bad cases[] = {
      {{"--heard", "0"}, "balance-checkin: --heard: rating 0 is out of range 1–5\n"},
      {{"--kind", "6"}, "balance-checkin: --kind: rating 6 is out of range 1–5\n"},
      {{"--heard", "four"}, "balance-checkin: --heard four: \"four\" is not a whole number from 1 to 5\n"},
      {{"--rate", "haerd=3"},
       "balance-checkin: --rate haerd=3: \"haerd\" is not a question in this repository (did you mean \"heard\"?); see "
       "`balance-checkin questions`\n"},
      {{"--rate", "hread=3"},
       "balance-checkin: --rate hread=3: \"hread\" is not a question in this repository (did you mean \"heard\"?); see "
       "`balance-checkin questions`\n"},
      {{"--rate", "heard"}, "balance-checkin: --rate heard: write KEY=N, e.g. --rate heard=4\n"},
      {{"--as", "sma", "--heard", "3"},
       "balance-checkin: --as sma: not a person in balance.toml (did you mean \"sam\"?)\n"},
      {{"--heard", "3", "--tag", "Home"}, "balance-checkin: --tag: tag \"Home\" must use only a-z, 0-9, _ and -\n"},
      // Every problem of the flags at once, each line the program's.
      {{"--kind", "6", "--tag", "BAD TAG"},
       "balance-checkin: --tag: tag \"BAD TAG\" must use only a-z, 0-9, _ and -\n"
       "balance-checkin: --kind: rating 6 is out of range 1–5\n"},
      {{"--safe", "2", "--mood", "3"},
       "balance-checkin: --safe is only for private check-ins: add --private (it is never shared)\n"},
  };
  for (const auto& c : cases) {
    result r = s.checkin(c.args);
    CHECK(r.status == 64);
    CHECK(r.err == c.err);
    CHECK(r.out.empty());
  }
  CHECK(s.snapshot() == before);
}

TEST_CASE("checkin add names a bad WHEN and a time in a DST gap", "[checkin]") {
  couple s;
  result bad = s.checkin({"--heard", "3", "--at", "2026-13-01"});
  CHECK(bad.status == 64);
  CHECK_THAT(bad.err, Catch::StartsWith("balance-checkin: bad WHEN \"2026-13-01\""));
  result gap = s.checkin({"--heard", "3", "--at", "2026-03-29 02:30"});
  CHECK(gap.status == 64);
  CHECK_THAT(gap.err, Catch::Contains("does not exist in Europe/Berlin"));
  CHECK_FALSE(fs::exists(s.repo() / "checkins/alex"));
}

TEST_CASE("checkin add without a terminal and without values explains the non-interactive form", "[checkin]") {
  couple s;
  result r = s.checkin({});
  CHECK(r.status == 64);
  CHECK(r.err ==
        "balance-checkin: nothing to record. Give ratings and words, e.g.\n"
        "  balance-checkin add --heard 4 --kind 5 --feeling \"I feel … when …\"\n"
        "or run it in a terminal to be asked each question, or use --edit\n");
}

TEST_CASE("checkin add on a terminal asks each question, re-asks a bad answer, and saves", "[checkin][pty]") {
  couple s;
  // heard 4; space: "7" then "x" are re-asked, then 3; honest skipped; shared 5; kind 4; mood skipped;
  // feeling, need, thanks given; note skipped.
  result r = s.run_pty("balance-checkin", {}, "4\n7\nx\n3\n\n5\n4\n\nI feel calm when we plan together\nmore walks\nthe soup\n\n");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("heard — Do both of our voices get heard?\n  1 = one voice is much louder · 5 = both of our voices are heard\n> "));
  CHECK_THAT(r.out, Catch::Contains("  7 is outside 1 to 5; answer 1 to 5, or press Enter to skip\n"));
  CHECK_THAT(r.out, Catch::Contains("  \"x\" is not a number; answer 1 to 5, or press Enter to skip\n"));
  CHECK_THAT(r.out, Catch::Contains("added check-in "));
  std::string text = s.read("checkins/alex/2026-11.toml");
  CHECK_THAT(text, Catch::Contains("who = \"alex\"\nheard = 4\nspace = 3\nshared = 5\nkind = 4\n"
                                   "feeling = \"I feel calm when we plan together\"\nneed = \"more walks\"\nthanks = \"the soup\"\n"));
  CHECK(text.find("honest") == std::string::npos);
  CHECK(text.find("mood") == std::string::npos);
}

TEST_CASE("checkin add on a terminal saves nothing when the input ends early", "[checkin][pty]") {
  couple s;
  result r = s.run_pty("balance-checkin", {}, "4\n\x04");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("no check-in saved"));
  CHECK_FALSE(fs::exists(s.repo() / "checkins/alex"));
}

TEST_CASE("checkin gives the I-statement tip and still saves as written, -q keeps quiet", "[checkin]") {
  couple s;
  result r = s.checkin({"--feeling", "You never ask about my day", "--heard", "2"});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  std::string id = first_id(s.read("checkins/alex/2026-11.toml"));
  CHECK(r.err == i_statement_tip + "added check-in " + id.substr(0, 7) + " (alex)\n");
  CHECK_THAT(s.read("checkins/alex/2026-11.toml"), Catch::Contains("feeling = \"You never ask about my day\""));
  result quiet = s.checkin({"-q", "--feeling", "you always decide", "--heard", "2"});
  CHECK(quiet.status == 0);
  CHECK(quiet.err.empty());
  result fine = s.checkin({"--feeling", "I feel unheard when plans change", "--heard", "2"});
  CHECK(fine.status == 0);
  CHECK_THAT(fine.err, Catch::StartsWith("added check-in "));
  CHECK(fine.err.find("tip:") == std::string::npos);
}

TEST_CASE("checkin tip - blame in the middle of a feeling gets the tip, a warm you-always does not", "[checkin]") {
  couple s;
  result blame = s.checkin({"--feeling", "I'm tired and it\xE2\x80\x99s your fault we're late", "--heard", "2"});
  CHECK(blame.status == 0);
  CHECK_THAT(blame.err, Catch::StartsWith(i_statement_tip));
  result warm = s.checkin({"--feeling", "You always make me laugh", "--heard", "5"});
  CHECK(warm.status == 0);
  CHECK_THAT(warm.err, Catch::StartsWith("added check-in "));
  CHECK(warm.err.find("tip:") == std::string::npos);
}

TEST_CASE("checkin tip - a blaming --need gets the tip too", "[checkin]") {
  couple s;
  result r = s.checkin({"--feeling", "I feel tired", "--need", "for you to stop being so selfish"});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::StartsWith(i_statement_tip + "added check-in "));
  CHECK_THAT(s.read("checkins/alex/2026-11.toml"), Catch::Contains("need = \"for you to stop being so selfish\""));
}

TEST_CASE("checkin tip - one tip when both feeling and need blame", "[checkin]") {
  couple s;
  result r = s.checkin({"--feeling", "you never listen", "--need", "you to stop being so lazy"});
  CHECK(r.status == 0);
  CHECK_THAT(r.err, Catch::StartsWith(i_statement_tip + "added check-in "));
  CHECK(r.err.find("tip:") == r.err.rfind("tip:"));
}

TEST_CASE("checkin tip - never on a private check-in, even for you never listen", "[checkin][private]") {
  couple s;
  result r = s.checkin({"--private", "--feeling", "you never listen", "--need", "you to stop being so lazy"});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  std::string id = first_id(s.read_private("checkins/alex/2026-11.toml"));
  CHECK(r.err == "added check-in " + id.substr(0, 7) + " (alex, private)\n");
  CHECK_THAT(s.read_private("checkins/alex/2026-11.toml"), Catch::Contains("feeling = \"you never listen\""));
  // Nor when a private check-in is edited, or written in the editor.
  result edited = s.checkin({"edit", id.substr(0, 5), "--feeling", "you're so selfish"});
  CHECK(edited.status == 0);
  CHECK_THAT(edited.err, Catch::StartsWith("updated check-in "));
  CHECK(edited.err.find("tip:") == std::string::npos);
  s.env["EDITOR"] = s.script("editor", "printf 'feeling = \"u never listen\"\\n' >> \"$1\"\n");
  result in_editor = s.checkin({"--private", "--edit"});
  CHECK(in_editor.status == 0);
  CHECK_THAT(in_editor.err, Catch::StartsWith("added check-in "));
  CHECK(in_editor.err.find("tip:") == std::string::npos);
  CHECK_THAT(s.read_private("checkins/alex/2026-11.toml"), Catch::Contains("feeling = \"u never listen\""));
}

TEST_CASE("checkin --edit fills the record from the editor", "[checkin][editor]") {
  couple s;
  s.env["EDITOR"] = s.script("editor", "printf 'heard = 3\\nfeeling = \"I feel tired when the week is full\"\\n' >> \"$1\"\n");
  result r = s.checkin({"--edit", "--kind", "4"});
  REQUIRE(r.status == 0);
  std::string text = s.read("checkins/alex/2026-11.toml");
  CHECK_THAT(text, Catch::Contains("heard = 3\nkind = 4\nfeeling = \"I feel tired when the week is full\"\n"));
  // The buffer is gone once saved.
  CHECK(fs::is_empty(s.dir() / "xdg-cache/balance/edits"));
}

TEST_CASE("checkin --edit: an empty buffer cancels cleanly", "[checkin][editor]") {
  couple s;
  s.env["EDITOR"] = s.script("editor", "printf '# nothing\\n' > \"$1\"\n");
  result r = s.checkin({"--edit"});
  CHECK(r.status == 0);
  CHECK(r.err == "the check-in was empty; nothing saved\n");
  CHECK_FALSE(fs::exists(s.repo() / "checkins/alex"));
}

TEST_CASE("checkin --edit: a failing editor keeps the buffer and changes nothing", "[checkin][editor]") {
  couple s;
  s.env["VISUAL"] = s.script("editor", "exit 3\n");
  auto before = s.snapshot();
  result r = s.checkin({"--edit", "--heard", "4"});
  CHECK(r.status == 74);
  CHECK_THAT(r.err, Catch::Contains("exited with status 3; nothing was saved. Your text is kept in ") &&
                        Catch::Contains("/xdg-cache/balance/edits/"));
  CHECK(s.snapshot() == before);
  auto kept = fs::directory_iterator(s.dir() / "xdg-cache/balance/edits")->path();
  CHECK_THAT(s.run("/bin/cat", {kept.string()}).out, Catch::Contains("heard = 4"));
  CHECK((fs::status(s.dir() / "xdg-cache/balance/edits").permissions() & fs::perms::all) == fs::perms::owner_all);
}

TEST_CASE("checkin --edit: invalid TOML is refused with its position and the buffer is kept", "[checkin][editor]") {
  couple s;
  s.env["EDITOR"] = s.script("editor", "printf 'heard = 9\\nneed = \"unterminated\\n' > \"$1\"\n");
  auto before = s.snapshot();
  result r = s.checkin({"--edit"});
  CHECK(r.status == 65);
  CHECK_THAT(r.err, Catch::Contains("checkin.toml:2:") && Catch::Contains("your text is kept in"));
  CHECK(s.snapshot() == before);
  s.env["EDITOR"] = s.script("editor", "printf 'heard = 9\\n' > \"$1\"\n");
  result range = s.checkin({"--edit"});
  CHECK(range.status == 65);
  CHECK_THAT(range.err, Catch::Contains("checkin.toml:1:9: rating 9 is out of range 1–5"));
}

TEST_CASE("checkin list filters by period, who, tag and text, limits and reverses", "[checkin][list]") {
  couple s;
  s.checkin({"--heard", "4", "--at", "2026-10-04", "--tag", "holiday", "--note", "lake trip"});
  s.checkin({"--heard", "3", "--at", "2026-11-15"});
  s.checkin({"--as", "sam", "--heard", "2", "--at", "2026-11-16", "--feeling", "I feel unheard when plans change"});
  auto ids = [](const std::string& out) {
    std::vector<std::string> dates;
    std::size_t at = 0;
    while ((at = out.find("2026-", at)) != std::string::npos) {
      dates.push_back(out.substr(at, 10));
      at = out.find('\n', at);
    }
    return dates;
  };
  CHECK(ids(s.checkin({"list"}).out) == std::vector<std::string>{"2026-10-04", "2026-11-15", "2026-11-16"});
  CHECK(ids(s.checkin({"list", "--period", "2026-11"}).out) == std::vector<std::string>{"2026-11-15", "2026-11-16"});
  CHECK(ids(s.checkin({"list", "--who", "sam"}).out) == std::vector<std::string>{"2026-11-16"});
  CHECK(ids(s.checkin({"list", "--tag", "holiday"}).out) == std::vector<std::string>{"2026-10-04"});
  CHECK(ids(s.checkin({"list", "--grep", "UNHEARD"}).out) == std::vector<std::string>{"2026-11-16"});
  CHECK(ids(s.checkin({"list", "-n", "2"}).out) == std::vector<std::string>{"2026-11-15", "2026-11-16"});
  CHECK(ids(s.checkin({"list", "-n", "1", "--reverse"}).out) == std::vector<std::string>{"2026-11-16"});
  CHECK(ids(s.checkin({"list", "--since", "2026-11-16", "--until", "2026-11-16"}).out) == std::vector<std::string>{"2026-11-16"});
  result empty = s.checkin({"list", "--period", "2025"});
  CHECK(empty.status == 0);
  CHECK(empty.out.empty());
  CHECK(empty.err == "no check-ins in 2025\n");
  CHECK(s.checkin({"list", "--period", "2026-13"}).status == 64);
  CHECK(s.checkin({"list", "--who", "bob"}).status == 64);
  CHECK(s.checkin({"list", "--format", "yaml"}).status == 64);
}

TEST_CASE("checkin list prints json, toml, csv and tsv", "[checkin][list]") {
  couple s;
  s.checkin({"--heard", "4", "--note", "a, \"quoted\" note", "--tag", "home"});
  std::string id = first_id(s.read("checkins/alex/2026-11.toml"));
  CHECK(s.checkin({"list", "--format", "json"}).out ==
        "[\n  {\"type\":\"checkin\",\"id\":\"" + id +
            "\",\"at\":\"2026-11-22T21:00:00+01:00\",\"who\":\"alex\",\"heard\":4,\"note\":\"a, \\\"quoted\\\" note\","
            "\"tags\":[\"home\"],\"author\":\"alex\",\"private\":false}\n]\n");
  CHECK(s.checkin({"list", "--format", "toml"}).out == s.read("checkins/alex/2026-11.toml"));
  CHECK(s.checkin({"list", "--format", "csv"}).out ==
        "id,at,who,heard,space,honest,shared,kind,mood,feeling,need,thanks,note,tags,safe,author,private\r\n" + id +
            ",2026-11-22T21:00:00+01:00,alex,4,,,,,,,,,\"a, \"\"quoted\"\" note\",home,,alex,false\r\n");
  CHECK_THAT(s.checkin({"list", "--format", "tsv"}).out, Catch::EndsWith("\ta, \"quoted\" note\thome\t\talex\tfalse\n"));
}

TEST_CASE("checkin show, edit with flags, and rm by id prefix", "[checkin]") {
  couple s;
  s.write("checkins/alex/2026-11.toml",
          "# my check-ins, by hand too\n\n"
          "[[checkin]]\nid = \"aaaa11112222\"\nat = 2026-11-15T20:00:00+01:00\nwho = \"alex\"\nheard = 3  # tired\n\n"
          "[[checkin]]\nid = \"bbbb11112222\"\nat = 2026-11-22T20:00:00+01:00\nwho = \"alex\"\nheard = 4\n");
  result show = s.checkin({"show", "bbbb"});
  CHECK(show.status == 0);
  CHECK(show.out == "checkin bbbb11112222  (checkins/alex/2026-11.toml)\nat     2026-11-22T20:00:00+01:00\nwho    alex\nheard  4\n");
  CHECK(s.checkin({"show", "bbbb", "--format", "json"}).out ==
        "{\n  \"type\": \"checkin\",\n  \"id\": \"bbbb11112222\",\n  \"at\": \"2026-11-22T20:00:00+01:00\",\n  \"who\": \"alex\",\n"
        "  \"heard\": 4,\n  \"author\": \"alex\",\n  \"private\": false\n}\n");

  result edit = s.checkin({"edit", "bbbb", "--heard", "5", "--note", "better"});
  CHECK(edit.status == 0);
  CHECK(edit.err == "updated check-in bbbb111 (alex)\n");
  CHECK(s.read("checkins/alex/2026-11.toml") ==
        "# my check-ins, by hand too\n\n"
        "[[checkin]]\nid = \"aaaa11112222\"\nat = 2026-11-15T20:00:00+01:00\nwho = \"alex\"\nheard = 3  # tired\n\n"
        "[[checkin]]\nid = \"bbbb11112222\"\nat = 2026-11-22T20:00:00+01:00\nwho = \"alex\"\nheard = 5\nnote = \"better\"\n");

  auto before = s.snapshot();
  CHECK(s.checkin({"rm", "bbbb", "--dry-run"}).err == "would remove check-in bbbb111 (alex) from checkins/alex/2026-11.toml\n");
  CHECK(s.snapshot() == before);
  CHECK(s.checkin({"rm", "bbbb"}).err == "removed check-in bbbb111 (alex)\n");
  CHECK(s.read("checkins/alex/2026-11.toml") ==
        "# my check-ins, by hand too\n\n"
        "[[checkin]]\nid = \"aaaa11112222\"\nat = 2026-11-15T20:00:00+01:00\nwho = \"alex\"\nheard = 3  # tired\n");
}

TEST_CASE("checkin edit moves a record whose month changes", "[checkin]") {
  couple s;
  s.checkin({"--heard", "3", "--at", "2026-11-02"});
  std::string id = first_id(s.read("checkins/alex/2026-11.toml"));
  CHECK(s.checkin({"edit", id.substr(0, 6), "--at", "2026-10-30 19:00"}).status == 0);
  CHECK_FALSE(fs::exists(s.repo() / "checkins/alex/2026-11.toml"));
  CHECK_THAT(s.read("checkins/alex/2026-10.toml"), Catch::Contains("id = \"" + id + "\"\nat = 2026-10-30T19:00:00+01:00"));
}

TEST_CASE("checkin edit without flags opens the editor on the record", "[checkin][editor]") {
  couple s;
  s.checkin({"--heard", "3", "--note", "ok"});
  std::string id = first_id(s.read("checkins/alex/2026-11.toml"));
  s.env["EDITOR"] = s.script("editor", "sed -i 's/^heard = 3/heard = 2/' \"$1\"\n");
  result r = s.checkin({"edit", id.substr(0, 4)});
  CHECK(r.status == 0);
  CHECK_THAT(s.read("checkins/alex/2026-11.toml"), Catch::Contains("heard = 2\nnote = \"ok\"\n"));
  s.env["EDITOR"] = s.script("editor2", "true\n");
  CHECK(s.checkin({"edit", id.substr(0, 4)}).err == "no changes to check-in " + id.substr(0, 7) + " (alex)\n");
}

TEST_CASE("checkin ids: missing, ambiguous and malformed", "[checkin]") {
  couple s;
  s.write("checkins/alex/2026-11.toml",
          "[[checkin]]\nid = \"abcd11112222\"\nat = 2026-11-15T20:00:00+01:00\nwho = \"alex\"\nheard = 3\n\n"
          "[[checkin]]\nid = \"abcd33334444\"\nat = 2026-11-16T20:00:00+01:00\nwho = \"alex\"\nheard = 3\n");
  auto before = s.snapshot();
  result missing = s.checkin({"edit", "ffff", "--heard", "2"});
  CHECK(missing.status == 64);
  CHECK(missing.err == "balance-checkin: no check-in has an id starting with ffff\n");
  result ambiguous = s.checkin({"rm", "abcd"});
  CHECK(ambiguous.status == 64);
  CHECK_THAT(ambiguous.err, Catch::Contains("ambiguous") && Catch::Contains("abcd11112222") && Catch::Contains("abcd33334444"));
  result short_id = s.checkin({"show", "ab"});
  CHECK(short_id.status == 64);
  CHECK_THAT(short_id.err, Catch::Contains("at least 4"));
  CHECK(s.snapshot() == before);
}

TEST_CASE("checkin private records: kept outside the repository, listed with --mine, never through --as", "[checkin][private]") {
  couple s;
  result r = s.checkin({"--private", "--safe", "4", "--note", "just for me canary-71c"});
  CHECK(r.status == 0);
  CHECK(fs::exists(s.private_dir() / "checkins/alex/2026-11.toml"));
  CHECK_FALSE(fs::exists(s.repo() / "checkins/alex"));
  CHECK_FALSE(fs::exists(s.repo() / "private"));
  for (const auto& [path, text] : s.snapshot()) CHECK(text.find("canary-71c") == std::string::npos);
  // The shared view by default; --mine adds mine, marked; show of my own works without it.
  CHECK(s.checkin({"list"}).out.empty());
  s.env["COLUMNS"] = "120";
  CHECK_THAT(s.checkin({"list", "--mine", "--grep", "canary"}).out, Catch::Contains("(private) just for me"));
  std::string id = first_id(s.read_private("checkins/alex/2026-11.toml"));
  CHECK_THAT(s.checkin({"show", id.substr(0, 5)}).out, Catch::Contains("canary-71c") && Catch::Contains(", private)"));
  // --as sam on alex's computer: sam's shared view, said once; alex's private records stay closed.
  result as_sam = s.checkin({"list", "--mine", "--as", "sam"});
  CHECK(as_sam.out.empty());
  CHECK(as_sam.err == "showing sam's shared view: private records open only for alex, this computer's own person\n"
                      "no check-ins in the repository\n");
  CHECK(s.checkin({"show", id.substr(0, 5), "--as", "sam"}).status == 64);
  // Writing into someone else's private store is refused before anything is asked.
  result foreign = s.checkin({"--private", "--note", "x", "--as", "sam"});
  CHECK(foreign.status == 64);
  CHECK_THAT(foreign.err, Catch::Contains("written only by this computer's own person (alex)"));
  CHECK(s.checkin({"edit", id.substr(0, 5), "--safe", "3"}).status == 0);
  // An edit that lowers the answer to 2 or less is answered at once too, on stderr only.
  result lowered = s.checkin({"edit", id.substr(0, 5), "--safe", "1"});
  CHECK(lowered.status == 0);
  CHECK(lowered.out.empty());
  CHECK_THAT(lowered.err, Catch::Contains("Your safety (private)") && Catch::Contains("you do not feel"));
  CHECK(s.checkin({"edit", id.substr(0, 5), "--note", "still me"}).err.find("Your safety") == std::string::npos);
  s.checkin({"edit", id.substr(0, 5), "--safe", "3"});
  s.checkin({"--heard", "3"});
  std::string shared = first_id(s.read("checkins/alex/2026-11.toml"));
  result refused = s.checkin({"edit", shared.substr(0, 5), "--safe", "3"});
  CHECK(refused.status == 64);
  CHECK_THAT(refused.err, Catch::Contains("only for private check-ins"));
}

TEST_CASE("checkin list --format toml into add --from - copies records exactly, and importing twice adds nothing",
          "[checkin][import]") {
  couple s;
  s.checkin({"--heard", "4", "--feeling", "I feel close", "--tag", "home", "--at", "2026-10-04"});
  s.checkin({"--as", "sam", "--heard", "2", "--note", "multi\nline"});
  s.checkin({"--private", "--safe", "4"});
  std::string exported = s.checkin({"list", "--format", "toml", "--mine"}).out;

  // The same repo: everything is already there.
  auto before = s.snapshot();
  result same = s.checkin({"add", "--from", "-"}, exported);
  CHECK(same.status == 0);
  CHECK(same.err == "added 0, skipped 3 already present\n");
  CHECK(s.snapshot() == before);

  // A second repo gets identical files.
  sandbox other;
  other.run("balance", {"init", other.repo().string(), "--person", "alex", "--person", "sam", "--me", "alex"});
  other.cwd = other.repo();
  result copy = other.run("balance-checkin", {"add", "--from", "-"}, exported);
  CHECK(copy.status == 0);
  CHECK(copy.err == "added 3, skipped 0 already present\n");
  for (const char* f : {"checkins/alex/2026-10.toml", "checkins/sam/2026-11.toml"}) CHECK(other.read(f) == s.read(f));
  CHECK(other.read_private("checkins/alex/2026-11.toml") == s.read_private("checkins/alex/2026-11.toml"));
}

TEST_CASE("checkin add --from: json and csv, dry runs, and errors that change nothing", "[checkin][import]") {
  couple s;
  std::string json =
      "[{\"type\":\"checkin\",\"at\":\"2026-11-20T20:00:00+01:00\",\"who\":\"sam\",\"heard\":3},"
      " {\"at\":\"2026-11-21T20:00:00+01:00\",\"who\":\"alex\",\"kind\":5}]";
  result dry = s.checkin({"add", "--from", "-", "--dry-run"}, json);
  CHECK(dry.err == "would add 2, skipped 0 already present\n");
  CHECK_FALSE(fs::exists(s.repo() / "checkins/sam"));
  CHECK(s.checkin({"add", "--from", "-"}, json).err == "added 2, skipped 0 already present\n");
  CHECK(fs::exists(s.repo() / "checkins/sam/2026-11.toml"));

  auto before = s.snapshot();
  result bad = s.checkin({"add", "--from", "-"}, "[{\"at\":\"2026-11-20T20:00:00+01:00\",\"who\":\"sam\",\"heard\":6}]");
  CHECK(bad.status == 65);
  CHECK(bad.err == "<stdin>: record 1: rating 6 is out of range 1–5\n");
  result csv = s.checkin({"add", "--from", "-"}, "at,who,hard\n2026-11-20T20:00:00+01:00,sam,3\n");
  CHECK(csv.status == 65);
  CHECK_THAT(csv.err, Catch::Contains("column \"hard\" is not a field of a check-in (did you mean \"heard\"?)"));
  result missing = s.checkin({"add", "--from", "nope.toml"});
  CHECK(missing.status == 66);
  result priv = s.checkin({"add", "--from", "-"}, "[{\"at\":\"2026-11-20T20:00:00+01:00\",\"who\":\"sam\",\"heard\":3,\"private\":true}]");
  CHECK(priv.status == 65);
  CHECK_THAT(priv.err, Catch::Contains("only be imported by its author"));
  CHECK(s.snapshot() == before);
}

TEST_CASE("checkin questions lists the configured dimensions", "[checkin]") {
  couple s;
  CHECK_THAT(s.checkin({"questions"}).out,
             Catch::StartsWith("heard   Do both of our voices get heard?\n        1 = one voice is much louder · 5 = both of our voices are heard\n"));
  s.settings(settings_head + "[[checkin.dimension]]\nkey = \"fun\"\nquestion = \"Are we having fun?\"\nlow = \"not lately\"\nhigh = \"lots\"\n");
  CHECK(s.checkin({"questions", "--format", "json"}).out ==
        "{\"schema\": 1, \"dimensions\": [\n  {\"key\": \"fun\", \"question\": \"Are we having fun?\", \"low\": \"not lately\", \"high\": \"lots\"}\n]}\n");
  // A repo without `heard` refuses --heard with a pointer to its own questions.
  result r = s.checkin({"--heard", "3"});
  CHECK(r.status == 64);
  CHECK_THAT(r.err, Catch::Contains("\"heard\" is not a question in this repository"));
  CHECK(s.checkin({"--rate", "fun=4"}).status == 0);
}

TEST_CASE("checkin due follows each cadence with a pinned clock", "[checkin][due]") {
  couple s;
  auto cadence = [&](const std::string& c) { s.settings(settings_head + "[checkin]\ncadence = \"" + c + "\"\n"); };
  auto due_at = [&](const std::string& now) {
    s.env["BALANCE_NOW"] = now;
    return s.checkin({"due"});
  };
  // alex last checked in on Saturday 2026-11-14 20:00.
  s.checkin({"--heard", "3", "--at", "2026-11-14 20:00"});

  cadence("weekly");  // seven days after the last one, from 00:00: a Saturday rhythm
  CHECK(due_at("2026-11-16T09:00:00+01:00").status == 1);  // not on the Monday after
  CHECK(due_at("2026-11-20T23:59:00+01:00").status == 1);
  result weekly = due_at("2026-11-21T07:00:00+01:00");     // the morning cron of the next Saturday
  CHECK(weekly.status == 0);
  CHECK(weekly.out == "alex: check-in due (weekly; last one 2026-11-14)\n");

  cadence("biweekly");
  CHECK(due_at("2026-11-27T23:59:00+01:00").status == 1);
  CHECK(due_at("2026-11-28T00:00:00+01:00").status == 0);

  cadence("every 10 days");
  CHECK(due_at("2026-11-23T23:59:00+01:00").status == 1);
  CHECK(due_at("2026-11-24T00:00:00+01:00").out == "alex: check-in due (every 10 days; last one 2026-11-14)\n");

  cadence("monthly");
  CHECK(due_at("2026-12-13T23:00:00+01:00").status == 1);
  CHECK(due_at("2026-12-14T00:00:00+01:00").status == 0);

  cadence("every month on 1");
  CHECK(due_at("2026-11-30T23:00:00+01:00").status == 1);
  CHECK(due_at("2026-12-01T00:00:00+01:00").out == "alex: check-in due (every month on 1; last one 2026-11-14)\n");

  cadence("daily");
  CHECK(due_at("2026-11-14T23:59:00+01:00").status == 1);
  CHECK(due_at("2026-11-15T00:00:00+01:00").status == 0);

  cadence("every sunday");  // the latest Sunday 00:00 in Berlin
  CHECK(due_at("2026-11-14T23:59:00+01:00").status == 1);
  result sunday = due_at("2026-11-15T00:00:00+01:00");
  CHECK(sunday.status == 0);
  CHECK(sunday.out == "alex: check-in due (every sunday; last one 2026-11-14)\n");

  cadence("off");
  result off = due_at("2027-06-01T00:00:00+02:00");
  CHECK(off.status == 1);
  CHECK(off.out.empty());
}

TEST_CASE("checkin due: --all, --who, nobody yet, and no note text ever", "[checkin][due]") {
  couple s;
  s.checkin({"--heard", "3", "--note", "secret words", "--at", "2026-11-22 10:00"});
  result all = s.checkin({"due", "--all"});
  CHECK(all.status == 0);
  CHECK(all.out == "sam: check-in due (weekly; none yet)\n");
  CHECK(s.checkin({"due", "--who", "alex"}).status == 1);
  CHECK(s.checkin({"due", "--who", "sma"}).status == 64);
  CHECK(all.out.find("secret") == std::string::npos);
  CHECK(s.checkin({"due", "--all", "--who", "sam"}).status == 64);
}

TEST_CASE("checkin reports unknown subcommands with a suggestion", "[checkin]") {
  couple s;
  result r = s.checkin({"lsit"});
  CHECK(r.status == 64);
  CHECK(r.err == "balance-checkin: unknown command \"lsit\" (did you mean \"list\"?); try `balance-checkin --help`\n");
  CHECK(s.run("balance", {"checkin", "list"}).status == 0);
}

TEST_CASE("checkin list --format tsv reads back through add --from", "[checkin][import]") {
  couple s;
  s.checkin({"--heard", "4", "--note", "tab\tand\nnewline", "--at", "2026-11-20"});
  std::string tsv = s.checkin({"list", "--format", "tsv"}).out;
  sandbox other;
  other.run("balance", {"init", other.repo().string(), "--person", "alex", "--person", "sam", "--me", "alex"});
  other.cwd = other.repo();
  result r = other.run("balance-checkin", {"add", "--from", "-"}, tsv);
  CHECK(r.status == 0);
  CHECK(other.read("checkins/alex/2026-11.toml") == s.read("checkins/alex/2026-11.toml"));
}

TEST_CASE("checkin --help is the tool's help, listing its commands and common options", "[checkin]") {
  couple s;
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"}, {"-h"}, {"help"}}) {
    result r = s.checkin(args);
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("due") && Catch::Contains("questions") && Catch::Contains("--dir"));
  }
  CHECK_THAT(s.checkin({"add", "--help"}).out, Catch::Contains("--heard"));
}

TEST_CASE("checkin due --format json, and writes that hand back what they wrote", "[checkin][due]") {
  couple s;
  result r = s.checkin({"due", "--all", "--format", "json"});
  CHECK(r.status == 0);
  CHECK(r.out == "{\"schema\": 1, \"cadence\": \"weekly\", \"due\": [\n  {\"who\": \"alex\", \"last\": null},\n"
                 "  {\"who\": \"sam\", \"last\": null}\n]}\n");
  CHECK(s.checkin({"--heard", "3", "--format", "csv"}).status == 64);
  CHECK_FALSE(fs::exists(s.repo() / "checkins/alex"));
  // --format json on a write: the written record on stdout, even with -q, so a script gets the id.
  result added = s.checkin({"--heard", "3", "--format", "json", "-q"});
  CHECK(added.status == 0);
  CHECK(added.err.empty());
  auto list = nlohmann::json::parse(added.out);
  REQUIRE(list.size() == 1);
  std::string id = list[0]["id"];
  CHECK(s.read("checkins/alex/2026-11.toml").find(id) != std::string::npos);
  auto edited = nlohmann::json::parse(s.checkin({"edit", id.substr(0, 6), "--heard", "4", "--format", "json"}).out);
  CHECK(edited[0]["heard"] == 4);
  // Nothing due: the same object with an empty list, exit 1.
  result none = s.checkin({"due", "--format", "json"});
  CHECK(none.status == 1);
  CHECK(none.out == "{\"schema\": 1, \"cadence\": \"weekly\", \"due\": []}\n");
}

TEST_CASE("checkin edit: emptying the editor buffer leaves the record as it was", "[checkin][editor]") {
  couple s;
  s.checkin({"--heard", "3"});
  auto before = s.snapshot();
  std::string id = first_id(s.read("checkins/alex/2026-11.toml"));
  s.env["EDITOR"] = s.script("editor", ": > \"$1\"\n");
  result r = s.checkin({"edit", id.substr(0, 5)});
  CHECK(r.status == 0);
  CHECK(r.err == "the edit was empty; check-in " + id.substr(0, 7) + " (alex) is unchanged\n");
  CHECK(s.snapshot() == before);
}

TEST_CASE("checkin edit gives the I-statement tip too, for the feeling and for the need", "[checkin]") {
  couple s;
  s.checkin({"--heard", "3"});
  std::string id = first_id(s.read("checkins/alex/2026-11.toml"));
  result feeling = s.checkin({"edit", id.substr(0, 5), "--feeling", "you never call"});
  CHECK(feeling.status == 0);
  CHECK_THAT(feeling.err, Catch::StartsWith(i_statement_tip + "updated check-in "));
  result need = s.checkin({"edit", id.substr(0, 5), "--need", "you to grow up"});
  CHECK(need.status == 0);
  CHECK_THAT(need.err, Catch::StartsWith(i_statement_tip + "updated check-in "));
  result other = s.checkin({"edit", id.substr(0, 5), "--heard", "4"});
  CHECK(other.status == 0);
  CHECK_THAT(other.err, Catch::StartsWith("updated check-in "));
}

TEST_CASE("checkin on a terminal with --private asks first whether you feel safe, without echo", "[checkin][pty][safety]") {
  couple s;
  using step = sandbox::pty_step;
  std::vector<step> steps = {{"not shown as you type)\n  1 = not safe · 5 = completely safe\n> ", "4\n", true}};
  for (int i = 0; i < 5; ++i) steps.push_back({"> ", "\n"});
  steps.push_back({"mood — ", ""});
  steps.push_back({"> ", "3\n"});
  for (int i = 0; i < 4; ++i) steps.push_back({"> ", "\n"});
  result r = s.run_pty_expect("balance-checkin", {"--private"}, steps);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("Private: kept outside the shared repository, never synced to your partner; anyone who can use this account "
                                    "could read it.\n"));
  // The answer typed at the safety prompt never appears: the prompt is followed by a bare newline.
  CHECK_THAT(r.out, Catch::Contains("1 = not safe · 5 = completely safe\n> \n\nheard"));
  CHECK(r.out.find("safe     4") == std::string::npos);  // the summary leaves the safety answer out
  CHECK_THAT(s.read_private("checkins/alex/2026-11.toml"), Catch::Contains("mood = 3\nsafe = 4\n"));
  CHECK(r.out.find("Your safety comes first") == std::string::npos);
}

TEST_CASE("checkin safety path: after safe 1 the interview stops, shows the note, and saves only if asked", "[checkin][pty][safety]") {
  couple s;
  s.write("../xdg-config/balance/config.toml", "me = \"alex\"\n[safety]\ncountry = \"DE\"\n");
  auto before = s.snapshot();
  result declined = s.run_pty_expect("balance-checkin", {"--private"},
                                     {{"completely safe\n> ", "1\n", true}, {"privately on this computer? [y/N] ", "\n"}});
  CHECK(declined.status == 0);
  CHECK_THAT(declined.out, Catch::Contains("Your safety comes first") && Catch::Contains("116 016") &&
                               Catch::Contains("Nothing was saved."));
  // Nothing more was asked, no hint, and nothing was written anywhere.
  CHECK(declined.out.find("heard —") == std::string::npos);
  CHECK(declined.out.find("tip:") == std::string::npos);
  CHECK(declined.out.find("> 1") == std::string::npos);
  CHECK(s.snapshot() == before);
  CHECK_FALSE(fs::exists(s.private_dir()));

  result saved = s.run_pty_expect("balance-checkin", {"--private"},
                                  {{"completely safe\n> ", "1\n", true}, {"privately on this computer? [y/N] ", "y\n"}});
  CHECK(saved.status == 0);
  CHECK_THAT(saved.out, Catch::Contains("added check-in"));
  CHECK(saved.out.find("safe     1") == std::string::npos);
  CHECK_THAT(s.read_private("checkins/alex/2026-11.toml"), Catch::Contains("safe = 1\n"));
  // The shared tree holds nothing of it.
  for (const auto& [path, text] : s.snapshot()) CHECK(text.find("safe = ") == std::string::npos);
}

TEST_CASE("checkin add --from: a check-in without at or who is mine, dated now", "[checkin][import]") {
  couple s;
  result r = s.checkin({"add", "--from", "-"}, "heard,mood\n4,3\n");
  CHECK(r.status == 0);
  CHECK(r.err == "added 1, skipped 0 already present\n");
  CHECK_THAT(s.read("checkins/alex/2026-11.toml"), Catch::Contains("at = 2026-11-22T21:00:00+01:00\nwho = \"alex\"\nheard = 4\n"));
  // Someone else's check-in must still be theirs: who is kept, and the author follows it.
  CHECK(s.checkin({"add", "--from", "-"}, "[{\"who\":\"sam\",\"heard\":2}]").status == 0);
  CHECK_THAT(s.read("checkins/sam/2026-11.toml"), Catch::Contains("who = \"sam\"\nheard = 2\n"));
}
