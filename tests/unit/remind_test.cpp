#include <catch2/catch.hpp>

#include "balance/boundaries.hpp"
#include "balance/checkin.hpp"
#include "balance/remind.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::make_entry;
using balance_test::test_repo;

namespace {

const std::string with_turns = test_repo::default_settings() + "[remind]\nturns = [\"dinner\"]\n";

void checked_in(const test_repo& t, const std::string& who, const std::string& at) {
  repo r = t.open(who);
  store s(r);
  record c = new_checkin(r, false);
  c.at = *parse_timestamp(at);
  c.mood = 4;
  add_checkin(s, c);
}

void add_all(const test_repo& t, std::vector<record> records) {
  repo r = t.open("alex");
  store s(r);
  write_batch batch(s);
  for (auto& e : records) batch.add(e);
  batch.commit();
}

std::vector<std::string> texts(const std::vector<reminder>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.text);
  return out;
}

}  // namespace

TEST_CASE("remind - check-ins due for everyone who never checked in", "[remind]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  auto due = due_reminders(s, {"alex", "sam"});
  REQUIRE(due.size() == 2);
  CHECK(due[0].type == "checkin");
  CHECK(due[0].who == "alex");
  CHECK(due[0].subject.empty());
  CHECK(texts(due) == std::vector<std::string>{"alex: check-in due (weekly)", "sam: check-in due (weekly)"});
  CHECK(texts(due_reminders(s, {"sam"})) == std::vector<std::string>{"sam: check-in due (weekly)"});
}

TEST_CASE("remind - nothing is due after recent check-ins", "[remind]") {
  test_repo t(with_turns);
  checked_in(t, "alex", "2026-11-20T09:00:00+01:00");
  checked_in(t, "sam", "2026-11-21T09:00:00+01:00");
  // Choices on dinner exist, but a turn never comes on its own.
  add_all(t, {make_entry("aaaa00000001", "2026-11-10T19:00:00+01:00", "alex", "choice", "thai")});
  repo r = t.open("alex");
  store s(r);
  CHECK(due_reminders(s, {"alex", "sam"}).empty());
  string_sink text;
  write_reminders_text({}, text);
  CHECK(text.str().empty());
  string_sink json;
  write_reminders_json({}, json);
  CHECK(json.str() == "{\"schema\": 1, \"due\": []}\n");
}

TEST_CASE("remind - a turn rides along with a due check-in", "[remind]") {
  test_repo t(with_turns);
  checked_in(t, "alex", "2026-11-20T09:00:00+01:00");
  checked_in(t, "sam", "2026-11-01T09:00:00+01:00");  // due since 2026-11-08
  add_all(t, {make_entry("aaaa00000001", "2026-11-10T19:00:00+01:00", "alex", "choice", "thai"),
              make_entry("aaaa00000002", "2026-11-12T19:00:00+01:00", "alex", "choice", "ramen"),
              make_entry("aaaa00000003", "2026-11-14T19:00:00+01:00", "alex", "choice", "tacos")});
  repo r = t.open("alex");
  store s(r);
  auto due = due_reminders(s, {"alex", "sam"});
  REQUIRE(due.size() == 2);
  CHECK(due[0].type == "checkin");
  CHECK(due[0].who == "sam");
  CHECK(due[1].type == "turn");
  CHECK(due[1].who == "sam");
  CHECK(due[1].subject == "dinner");
  CHECK(due[1].text == "dinner: sam's turn to choose");

  string_sink text;
  write_reminders_text(due, text);
  CHECK(text.str() == "sam: check-in due (weekly)\ndinner: sam's turn to choose\n");
  string_sink json;
  write_reminders_json(due, json);
  CHECK(json.str() == "{\"schema\": 1, \"due\": [\n"
                      "  {\"type\": \"checkin\", \"who\": \"sam\", \"subject\": null, \"text\": \"sam: check-in due "
                      "(weekly)\"},\n"
                      "  {\"type\": \"turn\", \"who\": \"sam\", \"subject\": \"dinner\", \"text\": \"dinner: sam's turn "
                      "to choose\"}\n]}\n");
}

TEST_CASE("remind - boundary reviews for their owners only, without their words", "[remind]") {
  test_repo t;
  checked_in(t, "alex", "2026-11-20T09:00:00+01:00");
  checked_in(t, "sam", "2026-11-21T09:00:00+01:00");
  repo r = t.open("alex");
  store s(r);
  boundary_options o;
  o.text = "secret words of sam";
  o.who = "sam";
  o.at = "2026-10-01T10:00:00+02:00";  // monthly: due 2026-11-01
  std::string id = add_boundary(s, o).records.at(0).id;
  boundary_options fresh;
  fresh.text = "fresh";
  fresh.at = "2026-11-20T10:00:00+01:00";
  add_boundary(s, fresh);

  auto due = due_reminders(s, {"alex", "sam"});
  REQUIRE(due.size() == 1);
  CHECK(due[0].type == "review");
  CHECK(due[0].who == "sam");
  CHECK(due[0].subject == id);
  CHECK(due[0].text == "sam: review of boundary " + id.substr(0, 7) + " due");
  CHECK(due_reminders(s, {"alex"}).empty());
  CHECK(due_reminders(s, {"sam"}).size() == 1);
  string_sink json;
  write_reminders_json(due, json);
  CHECK(json.str().find("secret") == std::string::npos);
}

TEST_CASE("remind - solo time only in my own list", "[remind]") {
  test_repo t;
  checked_in(t, "alex", "2026-11-20T09:00:00+01:00");
  checked_in(t, "sam", "2026-11-21T09:00:00+01:00");
  std::vector<record> busy;
  for (int day = 10; day < 20; ++day)
    busy.push_back(make_entry("", "2026-11-" + std::to_string(day) + "T09:00:00+01:00", "alex", "chore", "dishes"));
  add_all(t, busy);
  repo alex = t.open_own("alex");
  store s(alex);
  auto mine = due_reminders(s, {"alex"});
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].type == "solo");
  CHECK(mine[0].who == "alex");
  CHECK(mine[0].text == "alex: no solo time in 21 days; something of your own could fit in this week");
  // Never in a list of everyone, never for someone else.
  CHECK(due_reminders(s, {"alex", "sam"}).empty());
  repo sam = t.open("sam");
  store s2(sam);
  CHECK(due_reminders(s2, {"alex"}).empty());
  CHECK(due_reminders(s2, {"sam"}).empty());
}

TEST_CASE("remind - a solo entry, or too few entries, means no solo reminder", "[remind]") {
  test_repo t;
  checked_in(t, "alex", "2026-11-20T09:00:00+01:00");
  std::vector<record> few;
  for (int day = 10; day < 19; ++day)
    few.push_back(make_entry("", "2026-11-" + std::to_string(day) + "T09:00:00+01:00", "alex", "chore", "dishes"));
  add_all(t, few);  // nine: not busy yet
  repo alex = t.open_own("alex");
  store s(alex);
  CHECK(due_reminders(s, {"alex"}).empty());
  add_all(t, {make_entry("", "2026-11-19T09:00:00+01:00", "alex", "chore", "dishes")});
  CHECK(due_reminders(s, {"alex"}).size() == 1);
  add_all(t, {make_entry("", "2026-11-19T12:00:00+01:00", "alex", "solo", "a walk")});
  CHECK(due_reminders(s, {"alex"}).empty());
}

TEST_CASE("remind - my private check-in counts in my own list only", "[remind][private]") {
  test_repo t;
  checked_in(t, "sam", "2026-11-21T09:00:00+01:00");
  {
    repo alex = t.open_own("alex");
    store s(alex);
    record c = new_checkin(alex, true);
    c.at = *parse_timestamp("2026-11-21T09:00:00+01:00");
    c.mood = 3;
    add_checkin(s, c);
  }
  repo alex = t.open_own("alex");
  store s(alex);
  CHECK(due_reminders(s, {"alex"}).empty());
  CHECK(texts(due_reminders(s, {"alex", "sam"})) == std::vector<std::string>{"alex: check-in due (weekly)"});
}

TEST_CASE("remind - my private boundary comes up for review in my own list only", "[remind][private]") {
  test_repo t;
  checked_in(t, "alex", "2026-11-20T09:00:00+01:00");
  checked_in(t, "sam", "2026-11-21T09:00:00+01:00");
  repo alex = t.open_own("alex");
  store s(alex);
  boundary_options o;
  o.text = "private words";
  o.at = "2026-10-01T10:00:00+02:00";
  o.is_private = true;
  std::string id = add_boundary(s, o).records.at(0).id;
  auto mine = due_reminders(s, {"alex"});
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].type == "review");
  CHECK(mine[0].subject == id);
  CHECK(mine[0].text == "alex: review of boundary " + id.substr(0, 7) + " due");
  CHECK(due_reminders(s, {"alex", "sam"}).empty());

  repo as_sam = t.open("sam");
  store s2(as_sam);
  CHECK(due_reminders(s2, {"alex"}).empty());
}
