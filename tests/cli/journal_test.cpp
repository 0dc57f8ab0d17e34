#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "cli/harness.hpp"

using balance_test::first_id;
using balance_test::result;
namespace fs = std::filesystem;

namespace {

struct couple : balance_test::couple {
  result j(const std::vector<std::string>& args, const std::string& input = "") const {
    return run("balance-journal", args, input);
  }
  // The pages a list shows, as json.
  nlohmann::json pages(std::vector<std::string> args = {}) const {
    args.insert(args.begin(), "list");
    args.insert(args.end(), {"--format", "json", "-n", "0"});
    result r = j(args);
    if (r.status != 0) throw std::runtime_error(r.err);
    return nlohmann::json::parse(r.out);
  }
  // Does any file under `dir` hold `needle`?
  static bool tree_holds(const fs::path& dir, const std::string& needle) {
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (!e.is_regular_file()) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (text.find(needle) != std::string::npos) return true;
    }
    return false;
  }
};

std::string short_of(const std::string& id) { return id.substr(0, 7); }

}  // namespace

TEST_CASE("journal: bare words are a private page even when a later word names a command", "[journal]") {
  couple s;
  result r = s.j({"today", "I", "wrote", "a", "list", "canary-7f3a"});
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  std::string text = s.read_private("journal/alex/2026-11.toml");
  std::string id = first_id(text);
  CHECK(r.err == "added page " + short_of(id) + " (alex, private)\n");
  CHECK(text == "[[page]]\nid = \"" + id +
                    "\"\nat = 2026-11-22T21:00:00+01:00\nwho = \"alex\"\ntext = \"today I wrote a list canary-7f3a\"\n");
  // Nothing of it under the repository, nor in any shared view.
  CHECK_FALSE(fs::exists(s.repo() / "journal"));
  CHECK_FALSE(couple::tree_holds(s.repo(), "canary-7f3a"));
  CHECK(s.j({"list", "--shared"}).out.find("canary") == std::string::npos);
  CHECK(s.run("balance-report", {}).out.find("canary") == std::string::npos);
  CHECK(s.run("balance-journal", {"export", "--shared"}).out.find("canary") == std::string::npos);
  // The first word decides: `list` lists, and adds nothing.
  result list = s.j({"list"});
  REQUIRE(list.status == 0);
  CHECK_THAT(list.out, Catch::Contains(short_of(id)) && Catch::Contains("2026-11-22") &&
                           Catch::Contains("(private) today I wrote a list"));
  CHECK(s.pages().size() == 1);
  // The explicit form takes a command's name as text too.
  REQUIRE(s.j({"add", "list", "of", "things", "--tag", "lists"}).status == 0);
  auto all = s.pages();
  REQUIRE(all.size() == 2);
  // Both are dated now: the order between them is by their random ids.
  const auto& added = all[0]["text"] == "list of things" ? all[0] : all[1];
  CHECK(added["text"] == "list of things");
  CHECK(added["tags"] == nlohmann::json::array({"lists"}));
  CHECK(added["private"] == true);
  // A tag that names a command, after add's flag --prompt (a KEY for edit's --prompt): still a tag.
  result tagged = s.j({"-", "--prompt", "--tag", "prompt"}, "my answer\n");
  CHECK(tagged.status == 0);
  CHECK_THAT(tagged.err, Catch::StartsWith("added page "));
  result before_flag = s.j({"-", "--tag", "list", "--prompt"}, "another answer\n");
  CHECK(before_flag.status == 0);
  auto answers = s.pages();
  REQUIRE(answers.size() == 4);
  for (const auto& page : answers)
    if (page["text"] == "my answer" || page["text"] == "another answer") {
      CHECK(page.contains("prompt"));
      CHECK(page["tags"].size() == 1);
    }
}

TEST_CASE("journal: --shared pages go into the repository for both and sam sees them", "[journal][shared]") {
  couple s;
  result r = s.j({"we", "dream", "of", "a", "garden", "--shared", "--tag", "dream", "--mood", "5", "--at", "2026-11-20 18:00"});
  REQUIRE(r.status == 0);
  std::string text = s.read("journal/alex/2026-11.toml");
  std::string id = first_id(text);
  CHECK(r.err == "added page " + short_of(id) + " (alex)\n");
  CHECK(text == "[[page]]\nid = \"" + id +
                    "\"\nat = 2026-11-20T18:00:00+01:00\nwho = \"alex\"\ntext = \"we dream of a garden\"\ntags = "
                    "[\"dream\"]\nmood = 5\n");
  REQUIRE(s.j({"only", "mine"}).status == 0);
  CHECK(s.pages({"--shared"}).size() == 1);
  CHECK(s.pages().size() == 2);
  // sam's own list holds none of alex's pages; sam's shared list holds the shared one.
  CHECK(s.pages({"--as", "sam"}).empty());
  auto shared = s.pages({"--as", "sam", "--shared"});
  REQUIRE(shared.size() == 1);
  CHECK(shared[0]["text"] == "we dream of a garden");
  CHECK(shared[0]["author"] == "alex");
  CHECK(s.run("balance", {"check"}).status == 0);
  // The couple's list says whose each page is; with --as, whose view it is.
  result listed = s.j({"list", "--shared", "--as", "sam"});
  CHECK(listed.out == "ID       DATE        WHO   TAGS   FIRST LINE\n" + short_of(id) + "  2026-11-20  alex  dream  we dream of a garden\n");
  CHECK(listed.err == "showing sam's shared view: private records open only for alex, this computer's own person\n");
  CHECK(s.j({"on-this-day", "--as", "sam"}).err.find("showing sam's shared view") != std::string::npos);
  CHECK(s.j({"export", "--as", "sam"}).err.find("showing sam's shared view") != std::string::npos);
  // A filter that matches nothing says so, not that there are no pages.
  result none = s.j({"list", "--grep", "no such words"});
  CHECK(none.status == 0);
  CHECK(none.err == "no pages match\n");
}

TEST_CASE("journal: - reads the page from stdin and several lines become a multi-line string", "[journal][stdin]") {
  couple s;
  REQUIRE(s.j({"-", "--shared"}, "from stdin\nsecond \"line\"\n\n").status == 0);
  std::string text = s.read("journal/alex/2026-11.toml");
  CHECK_THAT(text, Catch::Contains("text = \"\"\"\nfrom stdin\nsecond \"line\\\"\"\"\"\n"));
  CHECK(s.pages()[0]["text"] == "from stdin\nsecond \"line\"");
  // No words and no terminal: nothing to write.
  auto before = s.snapshot();
  result none = s.j({});
  CHECK(none.status == 64);
  CHECK_THAT(none.err, Catch::StartsWith("balance-journal: nothing to write"));
  CHECK(s.snapshot() == before);
}

TEST_CASE("journal: multi-line text with quotes and tabs and emoji round-trips through --format toml into --from", "[journal][import]") {
  couple s;
  const std::string awkward = "She said \"let's go\"\n\ttabbed \\ backslash\nemoji 🌱❤️ and \"\"\"three\"\"\"\n\n";
  REQUIRE(s.j({"-", "--shared", "--tag", "memory"}, awkward + "x").status == 0);
  REQUIRE(s.j({"a", "private", "one"}).status == 0);
  result toml = s.j({"list", "--format", "toml"});
  REQUIRE(toml.status == 0);
  couple other;
  other.write("in.toml", toml.out);
  result imported = other.j({"add", "--from", (other.repo() / "in.toml").string()});
  REQUIRE(imported.status == 0);
  CHECK_THAT(imported.err, Catch::Contains("added 2"));
  // Imported pages are private pages of mine unless --shared says otherwise; the words are exact.
  auto texts = [](const nlohmann::json& pages) {
    std::map<std::string, std::string> by_id;
    for (const auto& p : pages) by_id[p["id"]] = p["text"];
    return by_id;
  };
  auto pages = other.pages();
  REQUIRE(pages.size() == 2);
  CHECK(texts(pages) == texts(s.pages()));
  CHECK(texts(pages).count(first_id(s.read("journal/alex/2026-11.toml"))) == 1);
  for (const auto& p : pages) CHECK(p["private"] == true);
  // The same input again adds nothing.
  result again = other.j({"add", "--from", (other.repo() / "in.toml").string()});
  CHECK_THAT(again.err, Catch::Contains("skipped 2"));
  CHECK(other.pages().size() == 2);
  // The shared page through json into --from --shared: the same file, byte for byte.
  couple third;
  result json = s.j({"list", "--shared", "--format", "json"});
  REQUIRE(third.j({"add", "--from", "-", "--shared"}, json.out).status == 0);
  CHECK(third.read("journal/alex/2026-11.toml") == s.read("journal/alex/2026-11.toml"));
}

TEST_CASE("journal: with no words on a terminal the editor opens on a template with today's prompt", "[journal][editor]") {
  couple s;
  std::string seen = (s.dir() / "seen.txt").string();
  s.env["EDITOR"] = s.script("write.sh", "cp \"$1\" '" + seen + "'\nprintf 'written in the editor\\n\\nsecond line\\n' >> \"$1\"\n");
  result r = s.run_pty("balance-journal", {"--prompt", "--tag", "evening"}, "");
  REQUIRE(r.status == 0);
  std::ifstream in(seen);
  std::string tmpl((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string prompt = s.j({"prompt", "--format", "json"}).out;
  std::string key = nlohmann::json::parse(prompt)["key"];
  CHECK_THAT(tmpl, Catch::StartsWith("# Today's prompt (" + key + "):\n#   "));
  CHECK_THAT(tmpl, Catch::Contains("# Private: kept outside the shared repository, never synced to your partner"));
  auto pages = s.pages();
  REQUIRE(pages.size() == 1);
  CHECK(pages[0]["text"] == "written in the editor\n\nsecond line");
  CHECK(pages[0]["prompt"] == key);
  CHECK(pages[0]["tags"] == nlohmann::json::array({"evening"}));

  // Leaving only the comments saves nothing.
  s.env["EDITOR"] = s.script("empty.sh", "true\n");
  result empty = s.run_pty("balance-journal", {}, "");
  CHECK(empty.status == 0);
  CHECK_THAT(empty.out, Catch::Contains("the page was empty; nothing saved"));
  CHECK(s.pages().size() == 1);

  // An editor that fails keeps the buffer, and says where.
  s.env["EDITOR"] = s.script("fail.sh", "echo 'kept words' >> \"$1\"\nexit 3\n");
  result failed = s.run_pty("balance-journal", {}, "");
  CHECK(failed.status != 0);
  CHECK_THAT(failed.out, Catch::Contains("page"));
  CHECK(s.pages().size() == 1);
  bool kept = couple::tree_holds(s.dir() / "xdg-cache", "kept words");
  CHECK(kept);
}

TEST_CASE("journal: show and edit and rm of a page", "[journal]") {
  couple s;
  REQUIRE(s.j({"first", "words", "--shared"}).status == 0);
  std::string id = first_id(s.read("journal/alex/2026-11.toml"));
  result show = s.j({"show", id.substr(0, 5)});
  REQUIRE(show.status == 0);
  CHECK_THAT(show.out, Catch::StartsWith("page " + id) && Catch::Contains("first words"));
  result edit = s.j({"edit", id, "--text", "better words", "--mood", "3"});
  REQUIRE(edit.status == 0);
  CHECK(s.pages()[0]["text"] == "better words");
  CHECK(s.pages()[0]["mood"] == 3);
  auto before = s.snapshot();
  result bad = s.j({"edit", id, "--mood", "9"});
  CHECK(bad.status == 64);
  CHECK(s.snapshot() == before);
  CHECK(s.j({"show", "ffff"}).status == 64);
  REQUIRE(s.j({"rm", id}).status == 0);
  CHECK(s.pages().empty());
}

TEST_CASE("journal: failure paths exit 64 or 65 or 66 and change nothing", "[journal][errors]") {
  couple s;
  REQUIRE(s.j({"one", "page", "--shared"}).status == 0);
  auto before = s.snapshot();
  result mood = s.j({"x", "--mood", "6"});
  CHECK(mood.status == 64);
  CHECK(mood.err == "balance-journal: --mood: mood 6 is out of range 1–5\n");
  CHECK(s.j({"x", "--mood", "many"}).status == 64);
  CHECK(s.j({"x", "--at", "tomorrow-ish"}).status == 64);
  CHECK(s.j({"x", "--tag", "Not A Tag"}).status == 64);
  CHECK(s.j({"list", "--period", "someday"}).status == 64);
  CHECK(s.j({"lsit", "--bogus"}).status == 64);
  CHECK(s.j({"import"}).status == 64);
  CHECK(s.j({"import", "--jrnl", (s.dir() / "missing.txt").string()}).status == 66);
  CHECK(s.j({"on-this-day", "--years", "-1"}).status == 64);
  CHECK(s.snapshot() == before);
  fs::create_directories(s.dir() / "empty");
  CHECK(s.j({"-C", (s.dir() / "empty").string(), "list"}).status == 66);
  // A bad page in the repository names its place.
  std::string good = s.read("journal/alex/2026-11.toml");
  s.write("journal/alex/2026-11.toml", good + "mood = 9\n");
  before = s.snapshot();
  result bad = s.j({"list"});
  CHECK(bad.status == 65);
  CHECK(bad.err == "journal/alex/2026-11.toml:6:8: mood 9 is out of range 1–5\n");
  CHECK(s.j({"more", "--shared"}).status == 65);
  CHECK(s.run("balance", {"check"}).status == 65);
  CHECK(s.snapshot() == before);
}

TEST_CASE("journal: on-this-day shows the same day of earlier months and years and 29 February on the 28th", "[journal][on-this-day]") {
  couple s;
  for (const char* at : {"2025-11-22 09:00", "2026-10-22 09:00", "2026-11-21 09:00", "2016-11-22 09:00",
                         "2015-11-22 09:00", "2024-02-29 09:00", "2024-10-22 09:00"})
    REQUIRE(s.j({"add", std::string("page of ") + at, "--at", at}).status == 0);
  REQUIRE(s.j({"add", "shared memory", "--at", "2025-11-22 10:00", "--shared"}).status == 0);
  auto texts = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "on-this-day");
    args.insert(args.end(), {"--format", "json"});
    result r = s.j(args);
    REQUIRE(r.status == 0);
    std::vector<std::string> out;
    for (const auto& p : nlohmann::json::parse(r.out)) out.push_back(p["text"]);
    return out;
  };
  CHECK(texts({}) == std::vector<std::string>{"page of 2016-11-22 09:00", "page of 2025-11-22 09:00",
                                              "shared memory", "page of 2026-10-22 09:00"});
  CHECK(texts({"--years", "1"}) ==
        std::vector<std::string>{"page of 2025-11-22 09:00", "shared memory", "page of 2026-10-22 09:00"});
  CHECK(texts({"--shared"}) == std::vector<std::string>{"shared memory"});
  s.env["BALANCE_NOW"] = "2025-02-28T20:00:00+01:00";
  CHECK(texts({}) == std::vector<std::string>{"page of 2024-02-29 09:00"});
  s.env["BALANCE_NOW"] = "2028-02-29T20:00:00+01:00";
  CHECK(texts({}) == std::vector<std::string>{"page of 2024-02-29 09:00"});
  s.env["BALANCE_NOW"] = "2028-02-28T20:00:00+01:00";
  CHECK(texts({}).empty());
  result none = s.j({"on-this-day"});
  CHECK(none.status == 0);
  CHECK(none.err == "no pages here yet\n");
}

TEST_CASE("journal: both partners get the same prompt on one day and another the next day", "[journal][prompt]") {
  couple s;
  fs::copy(s.repo(), s.dir() / "clone", fs::copy_options::recursive);
  result alex = s.j({"prompt"});
  REQUIRE(alex.status == 0);
  CHECK_FALSE(alex.out.empty());
  balance_test::sandbox sam;  // another computer: its own HOME and config
  sam.env["BALANCE_USER"] = "sam";
  result theirs = sam.run("balance-journal", {"-C", (s.dir() / "clone").string(), "prompt"});
  REQUIRE(theirs.status == 0);
  CHECK(theirs.out == alex.out);
  s.env["BALANCE_NOW"] = "2026-11-23T08:00:00+01:00";
  CHECK(s.j({"prompt"}).out != alex.out);
  result deck = s.j({"prompts", "--format", "json"});
  REQUIRE(deck.status == 0);
  CHECK(nlohmann::json::parse(deck.out).size() >= 30);
  // A repository's own prompt joins the deck.
  std::string settings = s.read("balance.toml");
  s.settings(settings + "\n[[journal.prompt]]\nkey = \"our-garden\"\ntext = \"What would we like to grow?\"\n");
  CHECK_THAT(s.j({"prompts"}).out, Catch::Contains("our-garden") && Catch::Contains("What would we like to grow?"));
  s.settings(settings + "\n[[journal.prompt]]\nkey = \"Our Garden\"\ntext = \"x\"\n");
  result bad = s.j({"prompts"});
  CHECK(bad.status == 78);
  CHECK_THAT(bad.err, Catch::Contains("balance.toml:") && Catch::Contains("prompt key \"Our Garden\""));
  // The template's own example, uncommented where it stands, adds its prompt.
  std::size_t example = settings.find("# [[journal.prompt]]\n# key = \"first-home\"\n# text = ");
  REQUIRE(example != std::string::npos);
  std::string uncommented = settings;
  for (int line = 0; line < 3; ++line) {
    uncommented.erase(example, 2);
    example = uncommented.find('\n', example) + 1;
  }
  s.settings(uncommented);
  result own = s.j({"prompts"});
  CHECK(own.status == 0);
  CHECK_THAT(own.out, Catch::Contains("first-home") && Catch::Contains("our first home"));
}

TEST_CASE("journal: export --format markdown is one document with dated headings", "[journal][export]") {
  couple s;
  REQUIRE(s.j({"a", "quiet", "evening", "--tag", "home", "--at", "2026-11-21 19:30"}).status == 0);
  REQUIRE(s.j({"add", "our trip", "--shared", "--at", "2026-11-22 10:00"}).status == 0);
  result mine = s.j({"export", "--format", "markdown"});
  REQUIRE(mine.status == 0);
  CHECK(mine.out ==
        "# Journal of alex\n\n## Saturday 21 November 2026, 19:30\n\n_#home · private_\n\na quiet evening\n\n"
        "## Sunday 22 November 2026, 10:00\n\nour trip\n");
  result shared = s.j({"export", "--shared"});
  CHECK(shared.out == "# Our shared journal\n\n## Sunday 22 November 2026, 10:00\n\nour trip\n");
  CHECK(s.j({"export", "--format", "csv"}).status == 64);
  CHECK(s.j({"list", "--format", "markdown"}).out == mine.out);
}

TEST_CASE("journal: a jrnl export imported twice gives its pages once", "[journal][jrnl]") {
  couple s;
  s.write("jrnl.txt",
          "[2024-03-01 09:15:00 PM] A walk by the river with @Sam.\n"
          "We talked about #Dreams.\n"
          "\n"
          "[2024-03-02 07:00:00 AM] Short one.\n");
  std::string path = (s.repo() / "jrnl.txt").string();
  result first = s.j({"import", "--jrnl", path});
  REQUIRE(first.status == 0);
  CHECK(first.err == "added 2 pages from jrnl\n");
  result again = s.j({"import", "--jrnl", path});
  REQUIRE(again.status == 0);
  CHECK(again.err == "added 0 pages from jrnl, skipped 2 already here\n");
  auto pages = s.pages();
  REQUIRE(pages.size() == 2);
  CHECK(pages[0]["text"] == "A walk by the river with @Sam.\nWe talked about #Dreams.");
  CHECK(pages[0]["tags"] == nlohmann::json::array({"sam", "dreams"}));
  CHECK(pages[0]["at"] == "2024-03-01T21:15:00+01:00");
  CHECK(pages[0]["private"] == true);
  CHECK_FALSE(fs::exists(s.repo() / "journal"));
  s.write("other.txt", "[01.03.2024 21:15] Another format\n");
  CHECK(s.j({"import", "--jrnl", (s.repo() / "other.txt").string(), "--jrnl-timeformat", "%d.%m.%Y %H:%M"}).status == 0);
  CHECK(s.pages().size() == 3);
  s.write("bad.txt", "not a jrnl file\n");
  result bad = s.j({"import", "--jrnl", (s.repo() / "bad.txt").string()});
  CHECK(bad.status == 65);
  CHECK_THAT(bad.err, Catch::StartsWith((s.repo() / "bad.txt").string() + ":1:1: expected a jrnl entry"));
}

TEST_CASE("journal: the report shows shared dreams by their first line and --mine counts my private pages", "[journal][report]") {
  couple s;
  REQUIRE(s.run("balance-checkin", {"--heard", "4", "--at", "2026-11-15"}).status == 0);
  std::string before = s.run("balance-report", {}).out;
  REQUIRE(s.j({"-", "--shared", "--tag", "dream", "--at", "2026-11-20 18:00"}, "a summer by the sea\nwith the bikes").status == 0);
  REQUIRE(s.j({"add", "not a dream", "--shared", "--at", "2026-11-20 19:00"}).status == 0);
  REQUIRE(s.j({"add", "secret-canary words", "--tag", "evening", "--tag", "lists", "--at", "2026-11-21 19:00"}).status == 0);
  REQUIRE(s.j({"add", "more secret-canary", "--tag", "dream", "--at", "2026-11-21 20:00"}).status == 0);
  result shared = s.run("balance-report", {});
  REQUIRE(shared.status == 0);
  CHECK_THAT(shared.out, Catch::Contains("  Shared dreams:\n    2026-11-20  alex: a summer by the sea\n"));
  CHECK(shared.out.find("with the bikes") == std::string::npos);
  CHECK(shared.out.find("not a dream") == std::string::npos);
  CHECK(shared.out.find("secret-canary") == std::string::npos);
  CHECK(shared.out.find("private journal") == std::string::npos);
  // The shared view is the same whatever the private pages are.
  REQUIRE(s.j({"add", "one more private page"}).status == 0);
  CHECK(s.run("balance-report", {}).out == shared.out);
  CHECK(s.run("balance-report", {"--as", "sam"}).out == shared.out);
  result mine = s.run("balance-report", {"--mine"});
  REQUIRE(mine.status == 0);
  CHECK_THAT(mine.out, Catch::Contains("You wrote 3 private journal pages, tagged dream, evening, lists. (private)"));
  CHECK(mine.out.find("secret-canary") == std::string::npos);
  auto json = nlohmann::json::parse(s.run("balance-report", {"--format", "json"}).out);
  CHECK(json["working"]["dreams"][0]["text"] == "a summer by the sea");
  CHECK_FALSE(json["working"].contains("private_pages"));
  auto mine_json = nlohmann::json::parse(s.run("balance-report", {"--mine", "--format", "json"}).out);
  CHECK(mine_json["working"]["private_pages"]["count"] == 3);
  CHECK_THAT(s.run("balance-report", {"--format", "markdown"}).out,
             Catch::Contains("Shared dreams:\n\n- 2026-11-20 alex: a summer by the sea\n"));
  (void)before;
}
