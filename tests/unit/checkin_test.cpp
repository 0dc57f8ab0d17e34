#include <catch2/catch.hpp>

#include <cstdlib>
#include <deque>
#include <fstream>

#include "balance/editor.hpp"

#include "balance/checkin.hpp"
#include "balance/error.hpp"
#include "balance/i_statement.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::test_repo;

namespace {

// A read_line that answers from a script, then reports end of input.
struct script {
  std::deque<std::string> lines;
  int reads = 0;
  std::optional<std::string> operator()() {
    ++reads;
    if (lines.empty()) return std::nullopt;
    std::string l = lines.front();
    lines.pop_front();
    return l;
  }
};

settings one_dimension() {
  settings cfg;
  cfg.people = {"alex", "sam"};
  cfg.dimensions = {{"heard", "Do both of our voices get heard?", "one voice", "both voices"}};
  return cfg;
}

void save_checkin(const test_repo& t, const std::string& who, const std::string& at, bool is_private = false) {
  repo r = is_private ? t.open_own(who) : t.open(who);
  store s(r);
  record c = new_checkin(r, is_private);
  c.at = *parse_timestamp(at);
  c.mood = 4;
  add_checkin(s, c);
}

// The kind of the balance::error that `f` throws.
errc kind_of(const std::function<void()>& f) { return balance_test::caught(f).kind(); }

}  // namespace

TEST_CASE("checkin - new_checkin is mine, now, and private only for this computer's person", "[checkin]") {
  test_repo t;
  repo sam = t.open("sam");
  record c = new_checkin(sam, false);
  CHECK(c.type == record_type::checkin);
  CHECK(c.who == "sam");
  CHECK(c.author == "sam");
  CHECK(format_timestamp(c.at) == "2026-11-22T21:00:00+01:00");
  CHECK_FALSE(c.is_private);
  // --as sam with nobody owning this computer's private store: refused before anything is asked.
  CHECK(kind_of([&] { new_checkin(sam, true); }) == errc::usage);
  repo alex = t.open_own("alex");
  record p = new_checkin(alex, true);
  CHECK(p.is_private);
  CHECK(p.who == "alex");
}

TEST_CASE("checkin - add_checkin saves the words as written with the tip as a note", "[checkin]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  record c = new_checkin(r, false);
  c.mood = 3;
  c.feeling = "you never listen";
  outcome done = add_checkin(s, c);
  REQUIRE(done.notes.size() == 1);
  CHECK(done.notes[0] == *i_statement_hint("you never listen"));
  CHECK(done.paths == std::vector<std::string>{"checkins/alex/2026-11.toml"});
  scan_filter f(record_type::checkin);
  auto saved = s.load(f);
  REQUIRE(saved.size() == 1);
  CHECK(saved[0].feeling == "you never listen");

  record warm = new_checkin(r, false);
  warm.mood = 5;
  warm.feeling = "I feel close to you when we cook";
  CHECK(add_checkin(s, warm).notes.empty());
}

TEST_CASE("checkin - add_checkin names the flag of a bad rating and writes nothing", "[checkin]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  record c = new_checkin(r, false);
  c.set_rating("heard", 6);
  CHECK_THROWS_WITH(add_checkin(s, c), Catch::Contains("--heard"));
  CHECK(kind_of([&] { add_checkin(s, c); }) == errc::usage);
  CHECK_FALSE(t.exists("checkins"));
}

TEST_CASE("checkin - a private check-in gets no tip", "[checkin][private]") {
  test_repo t;
  repo r = t.open_own("alex");
  store s(r);
  record c = new_checkin(r, true);
  c.mood = 2;
  c.feeling = "you never listen";
  CHECK_FALSE(checkin_hint(c).has_value());
  outcome done = add_checkin(s, c);
  CHECK(done.notes.empty());
  CHECK_FALSE(t.exists("checkins"));  // kept outside the repository
}

TEST_CASE("checkin - interview asks again after a bad answer and skips on Enter", "[checkin]") {
  settings cfg = one_dimension();
  script in{{"7", "x", "4", "", "  I feel tired  ", "rest", "dinner", ""}};
  string_sink out;
  auto r = interview(cfg, std::ref(in), out);
  REQUIRE(r.has_value());
  CHECK(r->type == record_type::checkin);
  CHECK(r->rating_of("heard") == std::optional<int>(4));
  CHECK_FALSE(r->mood.has_value());
  CHECK(r->feeling == "I feel tired");
  CHECK(r->need == "rest");
  CHECK(r->thanks == "dinner");
  CHECK(r->note.empty());
  CHECK_FALSE(r->is_private);
  CHECK_FALSE(r->safe.has_value());
  CHECK(in.reads == 8);
  const std::string& text = out.str();
  CHECK_THAT(text, Catch::StartsWith("How are we doing? Answer each from 1 to 5, or press Enter to skip.\n"));
  CHECK_THAT(text, Catch::Contains("\nheard — Do both of our voices get heard?\n  1 = one voice · 5 = both voices\n> "));
  CHECK_THAT(text, Catch::Contains("  7 is outside 1 to 5; answer 1 to 5, or press Enter to skip\n"));
  CHECK_THAT(text, Catch::Contains("  \"x\" is not a number; answer 1 to 5, or press Enter to skip\n"));
  CHECK_THAT(text, Catch::Contains("mood — How are you feeling overall?"));
  CHECK_THAT(text, Catch::Contains("note — Anything else?"));
}

TEST_CASE("checkin - interview ends without a record at end of input", "[checkin]") {
  settings cfg = one_dimension();
  for (std::size_t given = 0; given < 6; ++given) {
    INFO(given);
    std::deque<std::string> answers = {"3", "4", "a", "b", "c", "d"};
    answers.resize(given);
    script in{answers};
    string_sink out;
    CHECK_FALSE(interview(cfg, std::ref(in), out).has_value());
  }
}

TEST_CASE("checkin - interview asks safety first, with the secret reader, and stops at 2 or lower", "[checkin][private]") {
  settings cfg = one_dimension();
  script in{{"5"}};
  script secret{{"2"}};
  string_sink out;
  auto r = interview(cfg, std::ref(in), out, true, std::ref(secret));
  REQUIRE(r.has_value());
  CHECK(r->safe == std::optional<std::int64_t>(2));
  CHECK(r->is_private);
  CHECK(is_unsafe_answer(*r));
  CHECK(r->ratings.empty());
  CHECK(in.reads == 0);  // nothing else was asked
  CHECK(secret.reads == 1);
  CHECK_THAT(out.str(), Catch::Contains("safe — Do you feel safe with your partner?"));
  CHECK_THAT(out.str(), !Catch::Contains("heard —"));

  script in2{{"2", "", "", "", "", ""}};
  script secret2{{"4"}};
  string_sink out2;
  auto ok = interview(cfg, std::ref(in2), out2, true, std::ref(secret2));
  REQUIRE(ok.has_value());
  CHECK(ok->safe == std::optional<std::int64_t>(4));
  CHECK_FALSE(is_unsafe_answer(*ok));
  CHECK(ok->rating_of("heard") == std::optional<int>(2));
  CHECK(in2.reads == 6);

  // Without a secret reader the answer comes from read_line.
  script in3{{"1"}};
  string_sink out3;
  auto unsafe = interview(cfg, std::ref(in3), out3, true);
  REQUIRE(unsafe.has_value());
  CHECK(unsafe->safe == std::optional<std::int64_t>(1));
}

TEST_CASE("checkin - people_for is me, a named person, or everyone", "[checkin]") {
  test_repo t;
  repo r = t.open("sam");
  CHECK(people_for(r, "", false) == std::vector<std::string>{"sam"});
  CHECK(people_for(r, "alex", false) == std::vector<std::string>{"alex"});
  CHECK(people_for(r, "", true) == std::vector<std::string>{"alex", "sam"});
  CHECK_THROWS_WITH(people_for(r, "alex", true), "use either --who or --all");
  CHECK(kind_of([&] { people_for(r, "robin", false); }) == errc::usage);
  CHECK_THROWS_WITH(people_for(r, "robin", false), Catch::Contains("--who"));
}

TEST_CASE("checkin - checkins_due follows each person's weekly rhythm", "[checkin]") {
  test_repo t;
  save_checkin(t, "alex", "2026-11-20T09:00:00+01:00");  // next due 2026-11-27
  save_checkin(t, "alex", "2026-10-01T09:00:00+02:00");
  save_checkin(t, "sam", "2026-11-10T09:00:00+01:00");   // due since 2026-11-17
  repo r = t.open("alex");
  store s(r);
  auto due = checkins_due(s, {"alex", "sam"}, false);
  REQUIRE(due.size() == 1);
  CHECK(due[0].who == "sam");
  REQUIRE(due[0].last.has_value());
  CHECK(format_timestamp(*due[0].last) == "2026-11-10T09:00:00+01:00");

  string_sink text;
  write_checkins_due(due, r.config().checkin_cadence, false, text);
  CHECK(text.str() == "sam: check-in due (weekly; last one 2026-11-10)\n");
  string_sink json;
  write_checkins_due(due, r.config().checkin_cadence, true, json);
  CHECK(json.str() == "{\"schema\": 1, \"cadence\": \"weekly\", \"due\": [\n  {\"who\": \"sam\", \"last\": "
                      "\"2026-11-10T09:00:00+01:00\"}\n]}\n");
}

TEST_CASE("checkin - checkins_due of someone who never checked in", "[checkin]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  auto due = checkins_due(s, {"sam"}, false);
  REQUIRE(due.size() == 1);
  CHECK_FALSE(due[0].last.has_value());
  string_sink text;
  write_checkins_due(due, parse_cadence("every 10 days"), false, text);
  CHECK(text.str() == "sam: check-in due (every 10 days; none yet)\n");
  string_sink json;
  write_checkins_due(due, parse_cadence("daily"), true, json);
  CHECK(json.str() == "{\"schema\": 1, \"cadence\": \"daily\", \"due\": [\n  {\"who\": \"sam\", \"last\": null}\n]}\n");
  string_sink empty;
  write_checkins_due({}, parse_cadence("weekly"), true, empty);
  CHECK(empty.str() == "{\"schema\": 1, \"cadence\": \"weekly\", \"due\": []}\n");
}

TEST_CASE("checkin - my own private check-ins count only for my own list", "[checkin][private]") {
  test_repo t;
  save_checkin(t, "alex", "2026-11-01T09:00:00+01:00");
  save_checkin(t, "alex", "2026-11-21T09:00:00+01:00", true);
  repo mine = t.open_own("alex");
  store s(mine);
  CHECK(checkins_due(s, {"alex"}, true).empty());
  auto shared = checkins_due(s, {"alex"}, false);
  REQUIRE(shared.size() == 1);
  CHECK(format_timestamp(*shared[0].last) == "2026-11-01T09:00:00+01:00");
  // Someone else's view never sees them.
  repo sam = t.open("sam");
  store s2(sam);
  CHECK(checkins_due(s2, {"alex"}, true).size() == 1);
}

TEST_CASE("checkin - write_questions lists each key and question with its scale", "[checkin]") {
  settings cfg;
  string_sink text;
  write_questions(cfg, false, text);
  CHECK_THAT(text.str(), Catch::StartsWith("heard   Do both of our voices get heard?\n"
                                           "        1 = one voice is much louder · 5 = both of our voices are heard\n"
                                           "space   Is there room to grow, alone and together?\n"));
  CHECK_THAT(text.str(), Catch::EndsWith("kind    Is there kindness without keeping score?\n"
                                         "        1 = grudges and \"I do more\" · 5 = kindness without keeping score\n"));
  settings custom = one_dimension();
  custom.dimensions.push_back({"fun", "Do we laugh?", "", ""});
  string_sink json;
  write_questions(custom, true, json);
  CHECK(json.str() == "{\"schema\": 1, \"dimensions\": [\n"
                      "  {\"key\": \"heard\", \"question\": \"Do both of our voices get heard?\", \"low\": \"one voice\", "
                      "\"high\": \"both voices\"},\n"
                      "  {\"key\": \"fun\", \"question\": \"Do we laugh?\", \"low\": \"\", \"high\": \"\"}\n]}\n");
  string_sink short_text;
  write_questions(custom, false, short_text);
  CHECK(short_text.str() == "heard  Do both of our voices get heard?\n       1 = one voice · 5 = both voices\n"
                            "fun    Do we laugh?\n");
}

TEST_CASE("checkin - write_checkin_summary never echoes the safety answer", "[checkin][private]") {
  record c;
  c.type = record_type::checkin;
  c.id = "aaaaaaaaaaaa";
  c.who = "alex";
  c.at = *parse_timestamp("2026-11-22T21:00:00+01:00");
  c.is_private = true;
  c.safe = 1;
  c.mood = 3;
  c.need = "rest";
  string_sink out;
  write_checkin_summary(c, out);
  CHECK_THAT(out.str(), Catch::StartsWith("Your check-in:\n"));
  CHECK_THAT(out.str(), Catch::Contains("  mood     3\n") && Catch::Contains("  need     rest\n"));
  CHECK_THAT(out.str(), !Catch::Contains("safe"));
  CHECK_THAT(out.str(), !Catch::Contains("aaaaaaaaaaaa"));
}

namespace {

// A private check-in of alex's with the given answers.
void private_checkin(const test_repo& t, const std::string& at, std::optional<std::int64_t> safe,
                     std::optional<std::int64_t> mood) {
  repo r = t.open_own("alex");
  store s(r);
  record c = new_checkin(r, true);
  c.at = *parse_timestamp(at);
  c.safe = safe;
  c.mood = mood;
  add_checkin(s, c);
}

// A scoped XDG_CACHE_HOME, so kept edit buffers of other tests are never touched.
struct scoped_cache_home {
  scoped_cache_home() : old_(std::getenv("XDG_CACHE_HOME")) { ::setenv("XDG_CACHE_HOME", dir_.path().c_str(), 1); }
  ~scoped_cache_home() { ::setenv("XDG_CACHE_HOME", old_.c_str(), 1); }
  balance_test::temp_dir dir_;
  std::string old_;
};

std::vector<record> my_private_checkins(const store& s) {
  scan_filter f(record_type::checkin);
  f.shared = false;
  f.private_of_me = true;
  return s.load(f);
}

}  // namespace

TEST_CASE("checkin - forget is only for this computer's own person", "[checkin][private]") {
  test_repo t;
  repo sam = t.open("sam");
  store s(sam);
  CHECK(kind_of([&] { forget_private(s, forget_scope::all_private, true); }) == errc::usage);
}

TEST_CASE("checkin - forget the safety answers keeps the rest and drops what held only safety", "[checkin][private]") {
  scoped_cache_home cache;
  test_repo t;
  private_checkin(t, "2026-11-10T09:00:00+01:00", 4, 3);
  private_checkin(t, "2026-11-11T09:00:00+01:00", 5, std::nullopt);  // only the safety answer
  private_checkin(t, "2026-11-12T09:00:00+01:00", std::nullopt, 2);
  std::filesystem::create_directories(edit_buffer_dir());
  std::ofstream(edit_buffer_dir() / "checkin-1.toml") << "safe = 1\n";
  repo r = t.open_own("alex");
  store s(r);

  outcome dry = forget_checkins(s, forget_scope::safety, true);
  CHECK(dry.paths.empty());
  CHECK(dry.summary == "would forget the safety answers of 2 private check-ins and 1 kept edit buffer");
  CHECK(my_private_checkins(s).size() == 3);
  CHECK(std::filesystem::exists(edit_buffer_dir() / "checkin-1.toml"));

  outcome done = forget_checkins(s, forget_scope::safety, false);
  CHECK(done.summary == "forgot the safety answers of 2 private check-ins and 1 kept edit buffer");
  CHECK(done.paths.size() == 1);
  auto left = my_private_checkins(s);
  REQUIRE(left.size() == 2);
  for (const auto& c : left) CHECK_FALSE(c.safe.has_value());
  CHECK(left[0].mood == std::optional<std::int64_t>(3));
  CHECK_FALSE(std::filesystem::exists(edit_buffer_dir() / "checkin-1.toml"));

  outcome all = forget_checkins(s, forget_scope::all_private, false);
  CHECK(all.summary == "forgot 2 private check-ins and 0 kept edit buffers");
  CHECK(my_private_checkins(s).empty());
  outcome nothing = forget_checkins(s, forget_scope::all_private, false);
  CHECK(nothing.paths.empty());
  CHECK(nothing.summary == "forgot 0 private check-ins and 0 kept edit buffers");
}

TEST_CASE("checkin - forget never touches shared check-ins", "[checkin][private]") {
  scoped_cache_home cache;
  test_repo t;
  save_checkin(t, "alex", "2026-11-10T09:00:00+01:00");
  private_checkin(t, "2026-11-11T09:00:00+01:00", 4, 3);
  auto before = t.read("checkins/alex/2026-11.toml");
  repo r = t.open_own("alex");
  store s(r);
  forget_result done = forget_private(s, forget_scope::all_private, false);
  CHECK(done.checkins == 1);
  CHECK(t.read("checkins/alex/2026-11.toml") == before);
  CHECK(s.load(scan_filter(record_type::checkin)).size() == 1);
}

TEST_CASE("checkin - the editor template holds the questions and what was given", "[checkin]") {
  settings cfg = one_dimension();
  record c;
  c.type = record_type::checkin;
  c.set_rating("heard", 4);
  c.need = "a \"slow\" Sunday";
  std::string text = checkin_template(c, cfg);
  CHECK_THAT(text, Catch::StartsWith("# How are we doing? Rate each from 1 to 5; leave a line commented out to skip it.\n"));
  CHECK_THAT(text, Catch::Contains("# Do both of our voices get heard?\n#   1 = one voice · 5 = both voices\nheard = 4\n\n"));
  CHECK_THAT(text, Catch::Contains("# mood = \n"));
  CHECK_THAT(text, Catch::Contains("# feeling = \"\"\n"));
  CHECK_THAT(text, Catch::Contains("need = \"a \\\"slow\\\" Sunday\"\n"));
  CHECK_THAT(text, Catch::EndsWith("# tags = [\"\"]\n"));
  CHECK_THAT(text, !Catch::Contains("safe"));
  c.is_private = true;
  c.safe = 3;
  c.tags = {"home", "week"};
  std::string priv = checkin_template(c, cfg);
  CHECK_THAT(priv, Catch::Contains("tags = [\"home\", \"week\"]\n"));
  CHECK_THAT(priv, Catch::EndsWith("safe = 3\n"));
  CHECK_THAT(priv, Catch::Contains("# Private: kept outside the shared repository, never synced to your partner"));
}

TEST_CASE("checkin - checkins_due_for counts my private check-ins for my own question only", "[checkin]") {
  test_repo t;
  save_checkin(t, "alex", "2026-11-01T09:00:00+01:00");
  save_checkin(t, "alex", "2026-11-20T09:00:00+01:00", true);  // a private one, recent
  save_checkin(t, "sam", "2026-11-20T09:00:00+01:00");
  repo own = t.open_own("alex");
  store mine(own);
  CHECK(checkins_due_for(mine, "", false).empty());  // my question: my private check-in counts
  auto everyone = checkins_due_for(mine, "", true);   // a list of everyone: shared ones only
  REQUIRE(everyone.size() == 1);
  CHECK(everyone[0].who == "alex");
  CHECK(checkins_due_for(mine, "sam", false).empty());
  CHECK(kind_of([&] { (void)checkins_due_for(mine, "sam", true); }) == errc::usage);
}
