#include <catch2/catch.hpp>

#include "balance/boundaries.hpp"
#include "balance/error.hpp"
#include "balance/settings.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::test_repo;

namespace {

// Adds a boundary for `who` at `at` and returns its full id.
std::string set_boundary(const store& s, const std::string& text, const std::string& who, const std::string& at,
                         const std::string& review = "") {
  boundary_options o;
  o.text = text;
  o.who = who;
  o.at = at;
  o.review = review;
  outcome done = add_boundary(s, o);
  REQUIRE(done.records.size() == 1);
  return done.records[0].id;
}

std::string note_event(const store& s, const std::string& kind, const std::string& boundary, const std::string& who,
                       const std::string& at) {
  event_options o;
  o.kind = kind;
  o.boundary = boundary;
  o.who = who;
  o.at = at;
  outcome done = add_event(s, o);
  REQUIRE(done.records.size() == 1);
  return done.records[0].id;
}

// The kind of the balance::error that `f` throws.
errc kind_of(const std::function<void()>& f) { return balance_test::caught(f).kind(); }

}  // namespace

TEST_CASE("boundaries - add_boundary writes the owner's file with the default review", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  boundary_options o;
  o.text = "I need an hour to myself after work";
  o.who = "sam";
  o.at = "2026-11-20T18:00:00+01:00";
  o.tags = {"evening", ""};
  outcome done = add_boundary(s, o);
  REQUIRE(done.records.size() == 1);
  const record& b = done.records[0];
  CHECK(done.paths == std::vector<std::string>{"boundaries/sam.toml"});
  CHECK(b.who == "sam");
  CHECK(b.author == "sam");
  CHECK(b.review == "monthly");
  CHECK(b.status == "active");
  CHECK(b.tags == std::vector<std::string>{"evening"});
  CHECK(b.id.size() == 12);
  CHECK(done.summary == "added boundary " + b.id.substr(0, 7) + " (sam); review monthly");
  auto all = load_boundaries(s, true);
  REQUIRE(all.size() == 1);
  CHECK(all[0].boundary.text == "I need an hour to myself after work");
  CHECK(all[0].boundary.path == "boundaries/sam.toml");
}

TEST_CASE("boundaries - add_boundary refuses empty text, unknown owners and someone else's private boundary",
          "[boundaries]") {
  test_repo t;
  repo r = t.open_own("alex");
  store s(r);
  boundary_options o;
  o.text = "   ";
  CHECK_THROWS_WITH(add_boundary(s, o), Catch::Contains("add needs the boundary's TEXT"));
  CHECK(kind_of([&] { add_boundary(s, o); }) == errc::usage);
  o.text = "space after work";
  o.who = "robin";
  CHECK_THROWS_WITH(add_boundary(s, o), Catch::Contains("--who"));
  CHECK(kind_of([&] { add_boundary(s, o); }) == errc::usage);
  o.who = "sam";
  o.is_private = true;
  CHECK_THROWS_WITH(add_boundary(s, o), Catch::Contains("a private boundary can only be your own"));
  o.who = "";
  o.review = "fortnightly-ish";
  CHECK(kind_of([&] { add_boundary(s, o); }) == errc::usage);
  CHECK(load_boundaries(s, true, std::nullopt, true).empty());
}

TEST_CASE("boundaries - add_boundary keeps an explicit review cadence", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  boundary_options o;
  o.text = "no phones at dinner";
  o.review = "every 10 days";
  outcome done = add_boundary(s, o);
  REQUIRE(done.records.size() == 1);
  CHECK(done.records[0].review == "every 10 days");
  CHECK(done.records[0].who == "alex");
  CHECK(done.summary == "added boundary " + done.records[0].id.substr(0, 7) + " (alex); review every 10 days");
}

TEST_CASE("boundaries - default_actor is the other person of two, nobody otherwise", "[boundaries]") {
  record b;
  b.type = record_type::boundary;
  b.who = "alex";
  settings two;
  two.people = {"alex", "sam"};
  CHECK(default_actor(b, two) == std::optional<std::string>("sam"));
  b.who = "sam";
  CHECK(default_actor(b, two) == std::optional<std::string>("alex"));
  settings three;
  three.people = {"alex", "sam", "robin"};
  CHECK_FALSE(default_actor(b, three).has_value());
  settings one;
  one.people = {"sam"};
  CHECK_FALSE(default_actor(b, one).has_value());
}

TEST_CASE("boundaries - check_event_target refuses retired and private targets", "[boundaries]") {
  record b;
  b.type = record_type::boundary;
  b.id = "3f9a1c0aaaaa";
  b.who = "alex";
  b.status = "retired";
  b.retired = *parse_timestamp("2026-11-10T12:00:00+01:00");
  record e;
  e.type = record_type::event;
  e.kind = "respected";
  e.at = *parse_timestamp("2026-11-12T12:00:00+01:00");
  CHECK_THROWS_WITH(check_event_target(e, b),
                    "boundary 3f9a1c0 was retired on 2026-11-10; a retired boundary keeps its history but takes no new "
                    "events");
  CHECK(kind_of([&] { check_event_target(e, b); }) == errc::usage);
  // Dated before the retirement: the history stays open.
  e.at = *parse_timestamp("2026-11-09T12:00:00+01:00");
  CHECK_NOTHROW(check_event_target(e, b));
  // gave-in and space do not need an active boundary.
  e.at = *parse_timestamp("2026-11-12T12:00:00+01:00");
  e.kind = "gave-in";
  CHECK_NOTHROW(check_event_target(e, b));
  for (const char* k : {"crossed", "reviewed"}) {
    e.kind = k;
    CHECK_THROWS_WITH(check_event_target(e, b), Catch::StartsWith("boundary 3f9a1c0 was retired"));
  }
  // A private boundary takes private events only.
  b.status = "active";
  b.retired.reset();
  b.is_private = true;
  e.kind = "respected";
  CHECK_THROWS_WITH(check_event_target(e, b),
                    "boundary 3f9a1c0 is private; note its events with --private so they stay private too");
  e.is_private = true;
  CHECK_NOTHROW(check_event_target(e, b));
}

TEST_CASE("boundaries - add_event summaries, the guessed actor, and never a guessed crossing", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  std::string b = set_boundary(s, "an hour after work", "alex", "2026-11-01T10:00:00+01:00");
  std::string b7 = b.substr(0, 7);

  event_options respected;
  respected.kind = "respected";
  respected.boundary = b.substr(0, 6);
  respected.at = "2026-11-05T19:00:00+01:00";
  outcome o1 = add_event(s, respected);
  REQUIRE(o1.records.size() == 1);
  CHECK(o1.records[0].who == "sam");  // the other one of two
  CHECK(o1.records[0].boundary == b);
  CHECK(o1.records[0].author == "alex");
  CHECK(o1.summary == "noted that boundary " + b7 + " was respected (sam), event " + o1.records[0].id.substr(0, 7));

  event_options crossed;
  crossed.kind = "crossed";
  crossed.boundary = b;
  crossed.at = "2026-11-06T19:00:00+01:00";
  CHECK_THROWS_WITH(add_event(s, crossed), "who crossed it? name them with --by NAME (balance never guesses)");
  crossed.who = "robin";
  CHECK_THROWS_WITH(add_event(s, crossed), Catch::Contains("--by"));
  crossed.who = "sam";
  outcome o2 = add_event(s, crossed);
  CHECK(o2.summary == "noted that boundary " + b7 + " was crossed (sam), event " + o2.records.at(0).id.substr(0, 7));

  event_options reviewed;
  reviewed.kind = "reviewed";
  reviewed.boundary = b;
  reviewed.at = "2026-11-07T19:00:00+01:00";
  outcome o3 = add_event(s, reviewed);
  CHECK(o3.records.at(0).who == "alex");
  CHECK(o3.summary == "reviewed boundary " + b7 + ", event " + o3.records.at(0).id.substr(0, 7));

  event_options gave_in;
  gave_in.kind = "gave-in";
  gave_in.text = "said yes to the party";
  gave_in.note = "I was tired";
  gave_in.at = "2026-11-08T19:00:00+01:00";
  outcome o4 = add_event(s, gave_in);
  CHECK(o4.records.at(0).note == "said yes to the party\nI was tired");
  CHECK(o4.records.at(0).boundary.empty());
  CHECK(o4.summary == "noted a yes that meant no (alex), event " + o4.records.at(0).id.substr(0, 7));

  event_options space;
  space.kind = "space";
  space.who = "sam";
  space.duration = "2h";
  space.at = "2026-11-09T19:00:00+01:00";
  outcome o5 = add_event(s, space);
  CHECK(o5.records.at(0).minutes == std::optional<std::int64_t>(120));
  CHECK(o5.summary == "noted that sam asked for space (120 min), event " + o5.records.at(0).id.substr(0, 7));

  boundary_view v = find_boundary(s, b7);
  CHECK(v.events.size() == 3);  // respected, crossed, reviewed point at it
  REQUIRE(v.last_event.has_value());
  CHECK(v.last_event->kind == "reviewed");
  CHECK(format_timestamp(v.review_since) == "2026-11-07T19:00:00+01:00");
}

TEST_CASE("boundaries - add_event to a missing boundary is a usage error", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  event_options o;
  o.kind = "respected";
  o.boundary = "abcdef";
  o.who = "sam";
  CHECK_THROWS_WITH(add_event(s, o), Catch::Contains("no boundary has an id starting with abcdef"));
  CHECK(kind_of([&] { add_event(s, o); }) == errc::usage);
  CHECK(t.snapshot().size() == 1);  // only balance.toml
}

TEST_CASE("boundaries - retire_boundary keeps the history and is idempotent", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  std::string b = set_boundary(s, "no work talk on Sundays", "sam", "2026-11-01T10:00:00+01:00");
  note_event(s, "respected", b, "alex", "2026-11-02T10:00:00+01:00");
  outcome first = retire_boundary(s, b.substr(0, 5));
  CHECK(first.paths.size() == 1);
  CHECK(first.summary == "retired boundary " + b.substr(0, 7) + "; its history stays");
  REQUIRE(first.records.size() == 1);
  CHECK(first.records[0].status == "retired");
  CHECK(format_timestamp(*first.records[0].retired) == "2026-11-22T21:00:00+01:00");
  auto files = t.snapshot();
  outcome again = retire_boundary(s, b);
  CHECK(again.paths.empty());
  CHECK(again.summary == "boundary " + b.substr(0, 7) + " is already retired");
  CHECK(t.snapshot() == files);

  CHECK(load_boundaries(s, false).empty());
  auto all = load_boundaries(s, true);
  REQUIRE(all.size() == 1);
  CHECK(all[0].events.size() == 1);
  CHECK_FALSE(all[0].next_review.has_value());
  CHECK_FALSE(all[0].review_due);
  // A new event on it is refused.
  event_options o;
  o.kind = "respected";
  o.boundary = b;
  o.who = "alex";
  CHECK_THROWS_WITH(add_event(s, o), Catch::Contains("was retired on 2026-11-22"));
}

TEST_CASE("boundaries - remove_boundary is refused while events point at it", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  std::string b = set_boundary(s, "ask before inviting guests", "alex", "2026-11-01T10:00:00+01:00");
  std::string e1 = note_event(s, "respected", b, "sam", "2026-11-02T10:00:00+01:00");
  note_event(s, "crossed", b, "sam", "2026-11-03T10:00:00+01:00");
  std::string b7 = b.substr(0, 7);
  CHECK_THROWS_WITH(remove_boundary(s, b, false, false),
                    "boundary " + b7 + " has 2 events pointing at it. To keep its history, retire it instead "
                    "(balance-boundaries retire " + b7 + "); to remove both, add --with-events");
  auto before = t.snapshot();
  outcome dry = remove_boundary(s, b, true, true);
  CHECK(dry.paths.empty());
  CHECK(dry.summary == "would remove boundary " + b7 + " and 2 events");
  CHECK(t.snapshot() == before);

  // An event's id removes that one event; --with-events does not go with it.
  CHECK_THROWS_WITH(remove_boundary(s, e1, true, false), "--with-events goes with a boundary's id; this id is an event's");
  outcome one = remove_boundary(s, e1, false, false);
  CHECK(one.records.size() == 1);
  CHECK(find_boundary(s, b).events.size() == 1);
  CHECK_THROWS_WITH(remove_boundary(s, b, false, false), Catch::StartsWith("boundary " + b7 + " has 1 event pointing"));

  outcome done = remove_boundary(s, b, true, false);
  CHECK(done.summary == "removed boundary " + b7 + " and 1 event");
  CHECK(done.records.size() == 2);
  CHECK(done.records.back().id == b);
  CHECK(load_boundaries(s, true).empty());
  CHECK_THROWS_WITH(remove_boundary(s, "abcd", false, false), "no boundary or event has an id starting with abcd");
}

TEST_CASE("boundaries - remove_boundary without events removes it at once", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  std::string b = set_boundary(s, "quiet mornings", "alex", "2026-11-01T10:00:00+01:00");
  outcome done = remove_boundary(s, b, false, false);
  CHECK(done.summary == "removed boundary " + b.substr(0, 7));
  CHECK(done.paths.size() == 1);
  CHECK(load_boundaries(s, true).empty());
}

TEST_CASE("boundaries - list_boundaries orders by owner, filters, limits and reverses", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  std::string s1 = set_boundary(s, "sam one quiet", "sam", "2026-11-01T10:00:00+01:00");
  std::string a1 = set_boundary(s, "alex one", "alex", "2026-11-03T10:00:00+01:00");
  std::string a2 = set_boundary(s, "alex two quiet", "alex", "2026-11-02T10:00:00+01:00");
  retire_boundary(s, a1);

  auto ids = [](const std::vector<boundary_view>& vs) {
    std::vector<std::string> out;
    for (const auto& v : vs) out.push_back(v.boundary.id);
    return out;
  };
  CHECK(ids(list_boundaries(s, {})) == std::vector<std::string>{a2, s1});
  boundary_filter all;
  all.all = true;
  CHECK(ids(list_boundaries(s, all)) == std::vector<std::string>{a2, a1, s1});
  boundary_filter sams;
  sams.owner = "sam";
  CHECK(ids(list_boundaries(s, sams)) == std::vector<std::string>{s1});
  boundary_filter grep;
  grep.grep = "quiet";
  CHECK(ids(list_boundaries(s, grep)) == std::vector<std::string>{a2, s1});
  boundary_filter recent;
  recent.all = true;
  recent.limit = 2;
  CHECK(ids(list_boundaries(s, recent)) == std::vector<std::string>{a2, a1});  // by when set, the latest two
  boundary_filter newest;
  newest.all = true;
  newest.reverse = true;
  CHECK(ids(list_boundaries(s, newest)) == std::vector<std::string>{a1, a2, s1});
}

TEST_CASE("boundaries - list_boundaries filters by tag", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  boundary_options o;
  o.text = "tagged";
  o.tags = {"home"};
  std::string tagged = add_boundary(s, o).records.at(0).id;
  set_boundary(s, "untagged", "sam", "2026-11-01T10:00:00+01:00");
  boundary_filter f;
  f.tags = {"home"};
  auto found = list_boundaries(s, f);
  REQUIRE(found.size() == 1);
  CHECK(found[0].boundary.id == tagged);
}

TEST_CASE("boundaries - reviews_due and write_reviews_due", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  // Set 2026-10-01, monthly: due 2026-11-01, before now (2026-11-22).
  std::string old = set_boundary(s, "secret words never shown", "sam", "2026-10-01T10:00:00+02:00");
  // Set 2026-11-20: next review 2026-12-20.
  std::string fresh = set_boundary(s, "fresh", "alex", "2026-11-20T10:00:00+01:00");
  // Reviewed on 2026-10-25 (weekly): due 2026-11-01.
  std::string reviewed = set_boundary(s, "weekly one", "alex", "2026-10-01T10:00:00+02:00", "weekly");
  note_event(s, "reviewed", reviewed, "alex", "2026-10-25T10:00:00+02:00");
  // off: never due.
  set_boundary(s, "never reviewed", "alex", "2026-01-01T10:00:00+01:00", "off");

  auto due = reviews_due(s, std::nullopt);
  REQUIRE(due.size() == 2);
  CHECK(due[0].boundary.id == reviewed);  // alex first in balance.toml order
  CHECK(due[1].boundary.id == old);
  CHECK(reviews_due(s, std::string("sam")).size() == 1);
  auto fresh_view = find_boundary(s, fresh);
  CHECK_FALSE(fresh_view.review_due);
  REQUIRE(fresh_view.next_review.has_value());

  string_sink text;
  write_reviews_due(due, r.config(), r.cal(), false, text);
  CHECK(text.str() == "alex: review of boundary " + reviewed.substr(0, 7) + " due (weekly; last reviewed 2026-10-25)\n"
                      "sam: review of boundary " + old.substr(0, 7) + " due (monthly; last set 2026-10-01)\n");
  CHECK(text.str().find("secret") == std::string::npos);

  string_sink json;
  write_reviews_due({due[1]}, r.config(), r.cal(), true, json);
  CHECK(json.str() == "{\"schema\": 1, \"due\": [\n  {\"who\": \"sam\", \"boundary\": \"" + old +
                          "\", \"review\": \"monthly\", \"since\": \"2026-10-01T10:00:00+02:00\", \"due\": "
                          "\"2026-11-01T10:00:00+01:00\"}\n]}\n");
  string_sink none;
  write_reviews_due({}, r.config(), r.cal(), true, none);
  CHECK(none.str() == "{\"schema\": 1, \"due\": []}\n");
  string_sink none_text;
  write_reviews_due({}, r.config(), r.cal(), false, none_text);
  CHECK(none_text.str().empty());
}

TEST_CASE("boundaries - review_cadence_of falls back to the repository default", "[boundaries]") {
  settings cfg;
  record b;
  b.type = record_type::boundary;
  CHECK(review_cadence_of(b, cfg).to_string() == "monthly");
  b.review = "every 10 days";
  CHECK(review_cadence_of(b, cfg).to_string() == "every 10 days");
  b.review = "not a cadence";
  CHECK(review_cadence_of(b, cfg).to_string() == "monthly");
}

TEST_CASE("boundaries - a private boundary is seen only by its owner", "[boundaries][private]") {
  test_repo t;
  repo alex = t.open_own("alex");
  store s(alex);
  boundary_options o;
  o.text = "private words";
  o.is_private = true;
  outcome done = add_boundary(s, o);
  REQUIRE(done.records.size() == 1);
  std::string id = done.records[0].id;
  CHECK(done.summary == "added boundary " + id.substr(0, 7) + " (alex, private); review monthly");
  CHECK(load_boundaries(s, true).empty());
  CHECK(load_boundaries(s, true, std::nullopt, true).size() == 1);
  boundary_view v = find_boundary(s, id);
  CHECK(v.boundary.is_private);
  // A shared event cannot point at it.
  event_options e;
  e.kind = "respected";
  e.boundary = id;
  e.who = "sam";
  CHECK_THROWS_WITH(add_event(s, e), Catch::Contains("is private; note its events with --private"));
  e.is_private = true;
  CHECK(add_event(s, e).records.at(0).is_private);
  // Nothing of it in the repository.
  for (const auto& [path, text] : t.snapshot()) CHECK(text.find("private words") == std::string::npos);
}

TEST_CASE("boundaries - write_boundary_table shows words, review and the last event", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  std::string a = set_boundary(s, "an hour after work", "alex", "2026-11-20T10:00:00+01:00");
  std::string b = set_boundary(s, "no phones", "sam", "2026-11-01T10:00:00+01:00", "weekly");
  note_event(s, "respected", b, "alex", "2026-11-21T10:00:00+01:00");
  retire_boundary(s, b);
  string_sink out;
  write_boundary_table(load_boundaries(s, true), r.cal(), out, style{});
  std::string indent(16, ' ');  // id and a space (8), 2, owner (4), 2
  CHECK(out.str() == a.substr(0, 7) + "   alex  an hour after work\n" + indent +
                         "review monthly · next 2026-12-20 · nothing noted yet\n\n" + b.substr(0, 7) +
                         "   sam   no phones\n" + indent + "review weekly · retired 2026-11-22 · last respected 2026-11-21\n");
}

TEST_CASE("boundaries - write_boundary_history lists the events oldest first", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  std::string b = set_boundary(s, "an hour after work", "alex", "2026-11-01T10:00:00+01:00");
  event_options o;
  o.kind = "crossed";
  o.boundary = b;
  o.who = "sam";
  o.note = "late\nagain";
  o.at = "2026-11-21T10:00:00+01:00";
  std::string e2 = add_event(s, o).records.at(0).id;
  std::string e1 = note_event(s, "respected", b, "sam", "2026-11-05T10:00:00+01:00");
  string_sink out;
  write_boundary_history(find_boundary(s, b), r.cal(), out, style{});
  CHECK_THAT(out.str(), Catch::EndsWith("\nnext review  2026-12-01\n\nhistory\n  2026-11-05  " + e1.substr(0, 7) +
                                        "  respected (sam)\n  2026-11-21  " + e2.substr(0, 7) + "  crossed (sam)  late again\n"));
  CHECK_THAT(out.str(), Catch::Contains("an hour after work"));

  std::string quiet = set_boundary(s, "quiet", "sam", "2026-11-01T10:00:00+01:00", "off");
  string_sink none;
  write_boundary_history(find_boundary(s, quiet), r.cal(), none, style{});
  CHECK_THAT(none.str(), Catch::EndsWith("\nnext review  never (review = off)\n\nhistory\n  nothing noted yet\n"));
}

TEST_CASE("boundaries - write_boundary_table escapes words it did not write and marks private ones", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  boundary_view v;
  v.boundary.type = record_type::boundary;
  v.boundary.id = "3f9a1c0aaaaa";
  v.boundary.who = "sam";
  v.boundary.text = "no \x1b[2J phones";
  v.boundary.is_private = true;
  string_sink out;
  write_boundary_table({v}, r.cal(), out, style{});
  CHECK(out.str() == "3f9a1c0   sam  (private) no \\x1b[2J phones\n" + std::string(15, ' ') +
                         "review default · no reviews · nothing noted yet\n");
}

TEST_CASE("boundaries - with three people a respected boundary asks whose act it was", "[boundaries]") {
  test_repo t("version = 1\n[[person]]\nname = \"alex\"\n[[person]]\nname = \"sam\"\n[[person]]\nname = \"kim\"\n");
  repo r = t.open("alex");
  store s(r);
  std::string b = set_boundary(s, "ask before borrowing", "alex", "2026-11-01T10:00:00+01:00");
  event_options o;
  o.kind = "respected";
  o.boundary = b;
  CHECK_THROWS_WITH(add_event(s, o), "whose act was it? add --who NAME");
  o.who = "kim";
  CHECK(add_event(s, o).records.at(0).who == "kim");
}

TEST_CASE("boundaries - add_event checks its flags", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  event_options space;
  space.kind = "space";
  space.duration = "0";
  CHECK(kind_of([&] { add_event(s, space); }) == errc::usage);
  space.duration = "";
  space.at = "not a time";
  CHECK(kind_of([&] { add_event(s, space); }) == errc::usage);
  event_options unknown;
  unknown.kind = "ignored";
  CHECK(kind_of([&] { add_event(s, unknown); }) == errc::usage);
  // respected, crossed and reviewed need a boundary.
  event_options loose;
  loose.kind = "reviewed";
  CHECK(kind_of([&] { add_event(s, loose); }) == errc::usage);
  CHECK_FALSE(t.exists("boundaries"));
}

TEST_CASE("boundaries - load_boundaries by owner, and my private ones only with mine", "[boundaries][private]") {
  test_repo t;
  repo r = t.open_own("alex");
  store s(r);
  set_boundary(s, "alex shared", "alex", "2026-11-01T10:00:00+01:00");
  set_boundary(s, "sam shared", "sam", "2026-11-02T10:00:00+01:00");
  boundary_options o;
  o.text = "alex private";
  o.is_private = true;
  o.at = "2026-11-03T10:00:00+01:00";
  add_boundary(s, o);
  auto texts = [](const std::vector<boundary_view>& vs) {
    std::vector<std::string> out;
    for (const auto& v : vs) out.push_back(v.boundary.text);
    return out;
  };
  CHECK(texts(load_boundaries(s, false)) == std::vector<std::string>{"alex shared", "sam shared"});
  CHECK(texts(load_boundaries(s, false, std::string("sam"))) == std::vector<std::string>{"sam shared"});
  CHECK(texts(load_boundaries(s, false, std::nullopt, true)) ==
        std::vector<std::string>{"alex shared", "alex private", "sam shared"});
  boundary_filter mine;
  mine.mine = true;
  mine.grep = "PRIVATE";
  CHECK(texts(list_boundaries(s, mine)) == std::vector<std::string>{"alex private"});
}

TEST_CASE("boundaries - write_boundary_list: the table, the records, or the note when none", "[boundaries]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  writer_options wo;
  wo.cfg = &r.config();
  boundary_filter active;
  string_sink nothing;
  CHECK(write_boundary_list(list_boundaries(s, active), active, record_format::text, wo, r.cal(), nothing) == "no active boundaries");
  boundary_filter all;
  all.all = true;
  CHECK(write_boundary_list({}, all, record_format::text, wo, r.cal(), nothing) == "no boundaries yet");
  CHECK(nothing.str().empty());

  set_boundary(s, "I need an hour to myself after work", "alex", "2026-11-01T09:00:00+01:00");
  string_sink table;
  CHECK(write_boundary_list(list_boundaries(s, active), active, record_format::text, wo, r.cal(), table).empty());
  CHECK(table.str().find("I need an hour to myself after work") != std::string::npos);
  string_sink tsv;
  CHECK(write_boundary_list(list_boundaries(s, active), active, record_format::tsv, wo, r.cal(), tsv).empty());
  CHECK(tsv.str().starts_with("id\t"));
  CHECK(tsv.str().find("I need an hour to myself after work") != std::string::npos);
}
