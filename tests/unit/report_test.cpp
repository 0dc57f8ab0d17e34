#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "balance/report.hpp"
#include "balance/text.hpp"
#include "unit/test_support.hpp"

using namespace balance;

namespace {

// A two-person calendar at Sunday 2026-11-22 21:00 in Berlin, weeks from Monday.
calendar berlin() {
  calendar c;
  c.tz = zone::locate("Europe/Berlin");
  c.now = c.tz.at(parse_timestamp("2026-11-22T21:00:00+01:00")->utc);
  return c;
}

settings couple() {
  settings s;
  s.people = {"alex", "sam"};
  // These tests were written against the 0.1 minimums; they test the signs at those thresholds.
  s.signs.min_checkins = 2;
  s.signs.min_choices = 4;
  s.signs.min_entries = 6;
  s.signs.min_sacrifices = 6;
  return s;
}

std::string next_id() {
  static int n = 0;
  std::string id = std::to_string(++n);
  return std::string(12 - id.size(), 'a') + id;
}

// November 2026 in Berlin is +01:00.
timestamp on(int day, int hour = 20) {
  return *parse_timestamp(fmt::format("2026-11-{:02}T{:02}:00:00+01:00", day, hour));
}

record rated(const std::string& who, const std::string& key, int value, int day) {
  record r;
  r.type = record_type::checkin;
  r.id = next_id();
  r.at = on(day);
  r.who = r.author = who;
  r.set_rating(key, value);
  return r;
}

record entry(const std::string& who, const std::string& kind, int day, double weight = 1, const std::string& topic = "") {
  record r = balance_test::make_entry(next_id(), fmt::format("2026-11-{:02}T12:00:00+01:00", day), who, kind, "x");
  r.weight = weight;
  r.topic = topic.empty() && kind == "choice" ? "dinner" : topic;
  return r;
}

record event(const std::string& who, const std::string& kind, int day, const std::string& boundary = "") {
  record r;
  r.type = record_type::event;
  r.id = next_id();
  r.at = on(day);
  r.kind = kind;
  r.who = r.author = who;
  r.boundary = boundary;
  return r;
}

record boundary(const std::string& id, const std::string& owner) {
  record r;
  r.type = record_type::boundary;
  r.id = id;
  r.at = on(1);
  r.who = r.author = owner;
  r.text = "I need quiet mornings";
  return r;
}

report build(const std::vector<record>& records, const settings& cfg = couple(), std::string period_text = "2026-11",
             std::optional<std::int64_t> safe = std::nullopt, bool shared = false) {
  calendar cal = berlin();
  report_options opts;
  opts.span = parse_period(period_text, cal);
  opts.previous = previous_period(opts.span, cal);
  opts.viewer_safe = safe;
  opts.shared_only = shared;
  report_builder b(cfg, cal, opts);
  for (const auto& r : records) b.add(r);
  return b.finish();
}

const sign* find(const report& r, const std::string& id) {
  for (const auto& s : r.signs)
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace

TEST_CASE("report - one-sided: heard mean at 2.5 over 2 check-ins is raised, 2.6 is not", "[report][signs]") {
  // alex 2 and 3 → 2.5 (at the threshold); sam 3 and 3 (no gap of 1.5).
  report at = build({rated("alex", "heard", 2, 2), rated("alex", "heard", 3, 9), rated("sam", "heard", 3, 3),
                     rated("sam", "heard", 3, 10)});
  const sign* s = find(at, "one-sided");
  REQUIRE(s);
  CHECK(s->concerns == std::vector<std::string>{"alex"});
  CHECK(s->evidence.at(0) == "alex's \"heard\" rating averaged 2.5 over 2 check-ins.");
  CHECK(s->data == "Based on 4 \"heard\" ratings (2 from alex and 2 from sam).");
  CHECK_FALSE(s->suggestion.empty());
  // Just below: 2.6 is above 2.5 (ratings 2,3,3,3,2 → 2.6); sam 3.5 keeps the gap under 1.5.
  report below = build({rated("alex", "heard", 2, 2), rated("alex", "heard", 3, 3), rated("alex", "heard", 3, 4),
                        rated("alex", "heard", 3, 5), rated("alex", "heard", 2, 6), rated("sam", "heard", 4, 3),
                        rated("sam", "heard", 3, 10)});
  CHECK_FALSE(find(below, "one-sided"));
}

TEST_CASE("report - one-sided: a gap of 1.5 below another person is raised, 1.4 is not", "[report][signs]") {
  report at = build({rated("alex", "heard", 3, 2), rated("alex", "heard", 3, 9), rated("sam", "heard", 5, 3),
                     rated("sam", "heard", 4, 10)});  // 3.0 vs 4.5
  const sign* s = find(at, "one-sided");
  REQUIRE(s);
  CHECK(s->concerns == std::vector<std::string>{"alex"});
  CHECK(s->evidence.at(0) == "alex's \"heard\" rating averaged 3.0 over 2 check-ins; sam's averaged 4.5 — a gap of 1.5.");
  report below = build({rated("alex", "heard", 3, 2), rated("alex", "heard", 3, 9), rated("sam", "heard", 5, 3),
                        rated("sam", "heard", 4, 10), rated("sam", "heard", 4, 11)});  // 3.0 vs 4.33
  CHECK_FALSE(find(below, "one-sided"));
}

TEST_CASE("report - one-sided stays silent with one check-in, and says there is not enough data", "[report][signs]") {
  report r = build({rated("alex", "heard", 1, 2), rated("sam", "heard", 5, 3)});
  CHECK_FALSE(find(r, "one-sided"));
  CHECK(r.not_enough_data.at(0) == "one-sided (needs 2 \"heard\" ratings from someone)");
}

TEST_CASE("report - blurred-boundaries: two gave-in or two crossings raise it, one does not", "[report][signs]") {
  report gave = build({event("sam", "gave-in", 3), event("sam", "gave-in", 9)});
  const sign* s = find(gave, "blurred-boundaries");
  REQUIRE(s);
  CHECK(s->concerns == std::vector<std::string>{"sam"});
  CHECK(s->evidence.at(0) == "sam noted saying yes while meaning no 2 times.");
  CHECK(s->data == "Based on 2 boundary events in this period.");
  CHECK_FALSE(find(build({event("sam", "gave-in", 3)}), "blurred-boundaries"));

  record b = boundary("b00000000001", "sam");
  report crossed = build({b, event("alex", "crossed", 3, b.id), event("alex", "crossed", 9, b.id)});
  s = find(crossed, "blurred-boundaries");
  REQUIRE(s);
  CHECK(s->concerns == std::vector<std::string>{"sam"});  // whose boundaries, not who crossed them
  CHECK(s->evidence.at(0) == "sam's boundaries were noted as crossed 2 times.");
  CHECK_FALSE(find(build({b, event("alex", "crossed", 3, b.id)}), "blurred-boundaries"));
  // Events outside the period do not count.
  CHECK_FALSE(find(build({b, event("alex", "crossed", 3, b.id), event("alex", "crossed", 9, b.id)}, couple(), "2026-10"),
                   "blurred-boundaries"));
}

TEST_CASE("report - keeping-score: kind at 2.5 is raised, 3.0 is not, one rating is not enough", "[report][signs]") {
  report at = build({rated("sam", "kind", 2, 2), rated("sam", "kind", 3, 9)});
  REQUIRE(find(at, "keeping-score"));
  CHECK(find(at, "keeping-score")->concerns == std::vector<std::string>{"sam"});
  CHECK_FALSE(find(build({rated("sam", "kind", 3, 2), rated("sam", "kind", 3, 9)}), "keeping-score"));
  report one = build({rated("sam", "kind", 1, 2)});
  CHECK_FALSE(find(one, "keeping-score"));
  CHECK(std::find(one.not_enough_data.begin(), one.not_enough_data.end(),
                  "keeping-score (needs 2 \"kind\" ratings from someone)") != one.not_enough_data.end());
}

TEST_CASE("report - withdrawal: honest at 2.5, or two missed weeks while the other kept checking in", "[report][signs]") {
  // sam checks in the same weeks, so only the ratings can raise it.
  auto with_sam = [](std::vector<record> v) {
    v.push_back(rated("sam", "honest", 4, 3));
    v.push_back(rated("sam", "honest", 4, 10));
    return v;
  };
  REQUIRE(find(build(with_sam({rated("alex", "honest", 2, 2), rated("alex", "honest", 3, 9)})), "withdrawal"));
  CHECK_FALSE(find(build(with_sam({rated("alex", "honest", 3, 2), rated("alex", "honest", 3, 9)})), "withdrawal"));
  CHECK_FALSE(find(build(with_sam({rated("alex", "honest", 1, 2), rated("alex", "heard", 4, 9)})), "withdrawal"));

  // November weeks (Mon–Sun): 2–8, 9–15, 16–22 (still open on the 22nd: not counted).
  // sam checks in every week; alex only in the week of the 2nd → missed 9–15 only: 1 week.
  std::vector<record> one_week = {rated("sam", "heard", 4, 3), rated("sam", "heard", 4, 10), rated("sam", "heard", 4, 17),
                                  rated("alex", "heard", 4, 4)};
  CHECK_FALSE(find(build(one_week, couple(), "2026-11-02..2026-11-22"), "withdrawal"));
  // alex checked in only in the week of 26 Oct → missed 2–8 and 9–15: 2 weeks in a row.
  std::vector<record> two_weeks = {rated("sam", "heard", 4, 3), rated("sam", "heard", 4, 10), rated("alex", "heard", 4, 1)};
  report r = build(two_weeks, couple(), "2026-10-26..2026-11-22");
  const sign* s = find(r, "withdrawal");
  REQUIRE(s);
  CHECK(s->concerns == std::vector<std::string>{"alex"});
  CHECK(s->evidence.at(0) == "No check-in from alex for 2 weeks in a row from 2026-11-02, while sam kept checking in.");
  // Nobody checking in is a pause, not a withdrawal.
  CHECK_FALSE(find(build({rated("alex", "heard", 4, 1)}, couple(), "2026-10-26..2026-11-22"), "withdrawal"));
  // With cadence off there are no missed check-ins.
  settings off = couple();
  off.checkin_cadence = cadence{cadence::kind::off};
  CHECK_FALSE(find(build(two_weeks, off, "2026-10-26..2026-11-22"), "withdrawal"));
}

TEST_CASE("report - lost-self: busy for 21 days without solo time, or a low space rating", "[report][signs]") {
  // 28d ends 22 Nov; the last 21 days start on 2 Nov.
  std::vector<record> busy = {entry("sam", "chore", 5), entry("sam", "invisible", 12), entry("sam", "solo", 1),
                              entry("alex", "chore", 5), entry("alex", "solo", 20)};
  report r = build(busy, couple(), "28d");
  const sign* s = find(r, "lost-self");
  REQUIRE(s);
  CHECK(s->concerns == std::vector<std::string>{"sam"});
  CHECK(s->evidence.at(0) == "sam logged 2 entries in the last 21 days and no solo time (the last one in this period was on 2026-11-01).");
  // A solo entry on the first day of the window clears it.
  std::vector<record> recovered = busy;
  recovered.push_back(entry("sam", "solo", 2));
  CHECK_FALSE(find(build(recovered, couple(), "28d"), "lost-self"));
  // A period shorter than 21 days cannot tell.
  CHECK_FALSE(find(build(busy, couple(), "14d"), "lost-self"));
  // Space ratings: 2.5 over 2 raised, 3 not.
  REQUIRE(find(build({rated("alex", "space", 2, 2), rated("alex", "space", 3, 9)}), "lost-self"));
  CHECK_FALSE(find(build({rated("alex", "space", 3, 2), rated("alex", "space", 3, 9)}), "lost-self"));
}

TEST_CASE("report - one-chooser: 3 of 4 choices (75%) is raised, 2 of 4 is not, 3 choices are too few", "[report][signs]") {
  report at = build({entry("alex", "choice", 2), entry("alex", "choice", 3), entry("alex", "choice", 4), entry("sam", "choice", 5)});
  const sign* s = find(at, "one-chooser");
  REQUIRE(s);
  CHECK(s->concerns == std::vector<std::string>{"alex"});
  CHECK(s->evidence.at(0) == "alex made 3 of the 4 dinner choices (75%).");
  CHECK(s->data == "Based on 4 choices.");
  CHECK_FALSE(find(build({entry("alex", "choice", 2), entry("alex", "choice", 3), entry("sam", "choice", 4),
                          entry("sam", "choice", 5)}),
                   "one-chooser"));
  report few = build({entry("alex", "choice", 2), entry("alex", "choice", 3), entry("alex", "choice", 4)});
  CHECK_FALSE(find(few, "one-chooser"));
  CHECK(std::find(few.not_enough_data.begin(), few.not_enough_data.end(), "one-chooser (no topic has 4 choices yet)") !=
        few.not_enough_data.end());
}

TEST_CASE("report - uneven-load: a share 0.15 over the agreed one is raised, just under is not", "[report][signs]") {
  settings cfg = couple();
  cfg.targets["chore"] = {{"alex", 0.5}, {"sam", 0.5}};
  // Weights 13 of 20 = 0.65: exactly 0.15 over.
  std::vector<record> at = {entry("sam", "chore", 2, 5), entry("sam", "chore", 3, 4), entry("sam", "chore", 4, 4),
                            entry("alex", "chore", 5, 3), entry("alex", "chore", 6, 2), entry("alex", "chore", 7, 2)};
  report at_report = build(at, cfg);
  const sign* s = find(at_report, "uneven-load");
  REQUIRE(s);
  CHECK(s->concerns == std::vector<std::string>{"sam"});
  CHECK(s->evidence.at(0) == "sam carried 65% of the chores by weight (13 of 20), where you agreed on 50%.");
  // 12.9 of 20 = 0.645.
  std::vector<record> below = at;
  below[0].weight = 4.9;
  below[3].weight = 3.1;
  CHECK_FALSE(find(build(below, cfg), "uneven-load"));
  // Five entries are too few, however lopsided.
  std::vector<record> few(at.begin(), at.begin() + 5);
  CHECK_FALSE(find(build(few, cfg), "uneven-load"));
  // The agreed split counts: with sam agreeing to 0.6, 0.65 is within the gap.
  cfg.targets["chore"] = {{"alex", 0.4}, {"sam", 0.6}};
  CHECK_FALSE(find(build(at, cfg), "uneven-load"));
}

TEST_CASE("report - one-sided-sacrifice: 6 sacrifices with 75% from one person, or a low shared", "[report][signs]") {
  std::vector<record> at;
  for (int i = 0; i < 6; ++i) at.push_back(entry(i < 4 ? "sam" : "alex", "sacrifice", i + 2, i < 4 ? 1.5 : 1));  // 6 of 8
  report at_report = build(at);
  const sign* s = find(at_report, "one-sided-sacrifice");
  REQUIRE(s);
  CHECK(s->concerns == std::vector<std::string>{"sam"});
  CHECK(s->evidence.at(0) == "sam made 75% of the sacrifices logged by weight (6 entries in all).");
  std::vector<record> below = at;
  below[0].weight = 1.4;  // 5.9 of 7.9
  CHECK_FALSE(find(build(below), "one-sided-sacrifice"));
  std::vector<record> few(at.begin(), at.begin() + 5);
  CHECK_FALSE(find(build(few), "one-sided-sacrifice"));
  REQUIRE(find(build({rated("alex", "shared", 2, 2), rated("alex", "shared", 3, 9)}), "one-sided-sacrifice"));
}

TEST_CASE("report - thresholds come from [signs]", "[report][signs]") {
  settings cfg = couple();
  cfg.signs.min_choices = 2;
  cfg.signs.chooser_share = 1.0;
  CHECK(find(build({entry("alex", "choice", 2), entry("alex", "choice", 3)}, cfg), "one-chooser"));
  cfg.signs.gave_in = 1;
  CHECK(find(build({event("sam", "gave-in", 3)}, cfg), "blurred-boundaries"));
}

TEST_CASE("report - leads with what works, with numbers", "[report]") {
  report r = build({rated("alex", "honest", 5, 2), rated("sam", "honest", 4, 3), entry("alex", "together", 4)});
  CHECK(r.working.at(0) == "\"honest\" averages 4.5 across 2 check-ins: I can be honest and feel safe doing it.");
  CHECK(r.working.at(1) == "You made time for each other once.");
}

TEST_CASE("report - dimensions carry means, counts, gap, change and weekly sparklines", "[report]") {
  std::vector<record> records = {rated("alex", "heard", 4, 3), rated("alex", "heard", 2, 10), rated("sam", "heard", 5, 4)};
  record previous = rated("alex", "heard", 2, 1);
  previous.at = *parse_timestamp("2026-10-20T20:00:00+02:00");
  records.push_back(previous);
  report r = build(records);
  const auto& heard = r.dimensions.at(0);
  CHECK(heard.key == "heard");
  CHECK(heard.people[0].mean == Approx(3.0));
  CHECK(heard.people[0].count == 2);
  CHECK(heard.people[0].previous_mean == Approx(2.0));
  CHECK(*heard.people[0].trend() == Approx(1.0));
  CHECK(*heard.gap == Approx(2.0));
  // The weeks of November up to today (the clock is at 22 Nov): 26 Oct, 2, 9 and 16 Nov.
  // A rating of 4 draws ▆, 2 draws ▃; a week without one is "·".
  CHECK(heard.people[0].sparkline == "·▆▃·");
  CHECK(r.checkins == 3);
}

TEST_CASE("report - --shared leaves out private records; the safety note replaces suggestions", "[report][safety]") {
  record secret = rated("alex", "heard", 1, 2);
  secret.is_private = true;
  secret.feeling = "private words";
  std::vector<record> records = {secret, rated("alex", "heard", 2, 9), rated("sam", "heard", 4, 3)};
  report mine = build(records);
  CHECK(mine.checkins == 3);
  report shared = build(records, couple(), "2026-11", 2, true);
  CHECK(shared.checkins == 2);
  CHECK(shared.feelings.empty());
  CHECK_FALSE(shared.safety);
  report unsafe = build({rated("alex", "heard", 1, 2), rated("alex", "heard", 2, 9)}, couple(), "2026-11", 2);
  CHECK(unsafe.safety);
  string_sink text;
  write_report_text(unsafe, {}, text, style{});
  CHECK(text.str().find("Try:") == std::string::npos);
  CHECK(text.str().find("Your safety") != std::string::npos);
  CHECK_FALSE(build({}, couple(), "2026-11", 3).safety);
}

TEST_CASE("report - words avoid verdicts: no always or never, no ranking", "[report][tone]") {
  std::vector<record> records;
  for (int d = 2; d < 20; ++d) {
    records.push_back(rated("alex", "heard", 1, d));
    records.push_back(rated("alex", "kind", 1, d));
    records.push_back(rated("alex", "honest", 1, d));
    records.push_back(rated("alex", "space", 1, d));
    records.push_back(rated("alex", "shared", 1, d));
    records.push_back(entry("sam", "choice", d));
    records.push_back(entry("sam", "invisible", d));
    records.push_back(entry("sam", "sacrifice", d));
    records.push_back(event("sam", "gave-in", d));
  }
  report r = build(records);
  CHECK(r.signs.size() == 8);
  string_sink text;
  write_report_text(r, {}, text, style{});
  for (const char* word : {"always", "never", "fault", "blame", "worse", "better than", "wins"})
    CHECK(ascii_lower(text.str()).find(word) == std::string::npos);
}

TEST_CASE("report - --section values are checked", "[report]") {
  CHECK(parse_sections({"signs,working", "give-and-take"}) == std::vector<std::string>{"signs", "working", "give_and_take"});
  CHECK_THROWS_WITH(parse_sections({"sings"}), Catch::Contains("did you mean \"signs\""));
}
