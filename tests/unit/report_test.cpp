#include <catch2/catch.hpp>

#include <set>

#include <fmt/format.h>

#include "balance/report.hpp"
#include "balance/text.hpp"
#include "unit/test_support.hpp"

using namespace balance;

namespace {

calendar berlin() { return balance_test::berlin_sunday_evening(); }
settings couple() { return balance_test::couple_settings(); }
std::string next_id() { return balance_test::next_id('a'); }

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
             report_view view = report_view::shared, const std::string& viewer = "alex") {
  calendar cal = berlin();
  report_options opts;
  opts.span = parse_period(period_text, cal);
  opts.previous = previous_period(opts.span, cal);
  opts.view = view;
  if (view == report_view::mine) opts.viewer = viewer;
  report_builder b(cfg, cal, opts);
  for (const auto& r : records) b.add(r);
  return b.finish();
}

const sign* find(const report& r, const std::string& id) {
  for (const auto& s : r.signs)
    if (s.id == id) return &s;
  return nullptr;
}

// Three ratings a week apart: the least a rating sign rests on (3 ratings over 14 days).
std::vector<record> three(const std::string& who, const std::string& key, int a, int b, int c, int first_day = 2) {
  return {rated(who, key, a, first_day), rated(who, key, b, first_day + 7), rated(who, key, c, first_day + 14)};
}

std::vector<record> join(std::vector<record> a, const std::vector<record>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

bool has(const std::vector<std::string>& list, const std::string& text) {
  return std::find(list.begin(), list.end(), text) != list.end();
}

std::string text_of(const report& r) {
  string_sink out;
  write_report_text(r, {}, out, style{});
  return out.str();
}

}  // namespace

TEST_CASE("report - one-sided: heard at 2.5 over 3 ratings and 14 days is raised, 2.6 is not", "[report][signs]") {
  // alex 2, 3, 2 and 3: 2.5 over four ratings, at the threshold.
  std::vector<record> alex = three("alex", "heard", 2, 3, 2);
  alex.push_back(rated("alex", "heard", 3, 20));
  report r = build(join(alex, three("sam", "heard", 3, 3, 3)));
  const sign* s = find(r, "one-sided");
  REQUIRE(s);
  CHECK(s->title == "Conversations may feel one-sided");
  CHECK(s->people == std::vector<std::string>{"alex"});
  CHECK(s->evidence.at(0) == "From alex's side, \"heard\" averaged 2.5 over 4 ratings (2 November to 20 November).");
  CHECK(s->data == "Based on 7 \"heard\" ratings: 4 from alex and 3 from sam, 2 November to 20 November.");
  CHECK_FALSE(s->suggestion.empty());
  // 2, 3, 3 → 2.7: not raised.
  CHECK_FALSE(find(build(join(three("alex", "heard", 2, 3, 3), three("sam", "heard", 3, 3, 3))), "one-sided"));
}

TEST_CASE("report - a rating sign needs 3 ratings from that person spanning 14 days", "[report][signs]") {
  // Two ratings: too few, however low.
  report two = build({rated("alex", "heard", 1, 2), rated("alex", "heard", 1, 16)});
  CHECK_FALSE(find(two, "one-sided"));
  CHECK(has(two.not_enough_data, "one-sided (needs 3 \"heard\" ratings from one person over 14 days)"));
  // Three ratings over 13 days (2nd to 14th): too short a span.
  CHECK_FALSE(find(build({rated("alex", "heard", 1, 2), rated("alex", "heard", 1, 8), rated("alex", "heard", 1, 14)}),
                   "one-sided"));
  // Three ratings over 14 days counted inclusively (2nd to 15th): enough.
  CHECK(find(build({rated("alex", "heard", 1, 2), rated("alex", "heard", 1, 8), rated("alex", "heard", 1, 15)}), "one-sided"));
  // The minimum is per person: sam's ratings do not lend alex data.
  CHECK_FALSE(find(build(join({rated("alex", "heard", 1, 2), rated("alex", "heard", 1, 16)}, three("sam", "heard", 5, 5, 5))),
                   "one-sided"));
}

TEST_CASE("report - seen-differently: means 1.5 apart with each person at the minimum", "[report][signs]") {
  report r = build(join(three("alex", "shared", 5, 4, 5), three("sam", "shared", 3, 3, 2)));  // 4.7 and 2.7
  const sign* s = find(r, "seen-differently");
  REQUIRE(s);
  CHECK(s->title == "You see \"shared\" differently");
  CHECK(s->people == std::vector<std::string>{"alex", "sam"});
  CHECK(s->evidence.at(0) == "\"shared\": 4.7 from alex's side and 2.7 from sam's side.");
  // 1.4 apart: not raised.
  CHECK_FALSE(find(build(join(three("alex", "shared", 4, 4, 4), three("sam", "shared", 3, 3, 2))), "seen-differently"));
  // A partner below the minimum: nothing to compare yet.
  CHECK_FALSE(find(build(join(three("alex", "shared", 5, 5, 5), {rated("sam", "shared", 1, 3)})), "seen-differently"));
}

TEST_CASE("report - blurred-boundaries: events count as rates per 28 days", "[report][signs]") {
  report gave = build({event("sam", "gave-in", 3), event("sam", "gave-in", 9)}, couple(), "28d");
  const sign* s = find(gave, "blurred-boundaries");
  REQUIRE(s);
  CHECK(s->title == "Boundaries may need a kind look");
  CHECK(s->people == std::vector<std::string>{"sam"});
  CHECK(s->evidence.at(0) == "sam noted saying yes while meaning no 2 times.");
  CHECK(s->data == "Based on 2 boundary events over 28 days.");
  CHECK_FALSE(find(build({event("sam", "gave-in", 3)}, couple(), "28d"), "blurred-boundaries"));

  record b = boundary("b00000000001", "sam");
  report crossed = build({b, event("alex", "crossed", 3, b.id), event("alex", "crossed", 9, b.id)}, couple(), "28d");
  s = find(crossed, "blurred-boundaries");
  REQUIRE(s);
  CHECK(s->people == std::vector<std::string>{"sam"});  // whose boundaries, never a guess at blame
  CHECK(s->evidence.at(0) == "sam's boundaries were noted as crossed 2 times.");
  // Two events over a whole year are 0.15 per 28 days: an old count is not a pattern.
  record old1 = event("sam", "gave-in", 3), old2 = event("sam", "gave-in", 9);
  old1.at = *parse_timestamp("2026-01-10T20:00:00+01:00");
  CHECK_FALSE(find(build({old1, old2}, couple(), "2026"), "blurred-boundaries"));
  // Seven days with two events is no more than two per 28 days: a short period does not inflate.
  CHECK(find(build({event("sam", "gave-in", 17), event("sam", "gave-in", 18)}, couple(), "7d"), "blurred-boundaries"));
  CHECK_FALSE(find(build({event("sam", "gave-in", 18)}, couple(), "7d"), "blurred-boundaries"));
}

TEST_CASE("report - keeping-score names who rated kind low as their side, not as the score-keeper", "[report][signs]") {
  report r = build(join(three("sam", "kind", 2, 3, 2), three("alex", "kind", 4, 4, 4)));
  const sign* s = find(r, "keeping-score");
  REQUIRE(s);
  CHECK(s->title == "Kindness may be turning into keeping score");
  CHECK(s->evidence.at(0).starts_with("From sam's side, \"kind\" averaged 2.3"));
  CHECK_FALSE(find(build(three("sam", "kind", 3, 3, 3)), "keeping-score"));
}

TEST_CASE("report - withdrawal: a low honest is read as speaking up feeling hard, from that side", "[report][signs]") {
  report r = build(join(three("sam", "honest", 2, 2, 3), three("alex", "honest", 4, 4, 4)));
  const sign* s = find(r, "withdrawal");
  REQUIRE(s);
  CHECK(s->title == "Speaking openly may feel hard");
  CHECK(s->evidence.at(0).starts_with("From sam's side, \"honest\" averaged 2.3"));
  for (const auto& t : {s->title, s->suggestion}) CHECK(ascii_lower(t).find("pulling back") == std::string::npos);
}

TEST_CASE("report - a quiet stretch shows only in that person's own private view", "[report][signs][private]") {
  // November weeks (Mon–Sun): 2–8, 9–15, 16–22 (still open on the 22nd: not counted).
  // alex checked in only in the week of 26 Oct; sam every week.
  std::vector<record> records = {rated("sam", "heard", 4, 3), rated("sam", "heard", 4, 10), rated("alex", "heard", 4, 1)};
  report shared = build(records, couple(), "2026-10-26..2026-11-22");
  CHECK_FALSE(find(shared, "quiet-stretch"));
  CHECK_FALSE(find(shared, "withdrawal"));
  // sam's own view: sam kept checking in, no quiet stretch; alex's own view: two quiet weeks.
  CHECK_FALSE(find(build(records, couple(), "2026-10-26..2026-11-22", report_view::mine, "sam"), "quiet-stretch"));
  report mine = build(records, couple(), "2026-10-26..2026-11-22", report_view::mine, "alex");
  const sign* s = find(mine, "quiet-stretch");
  REQUIRE(s);
  CHECK(s->title == "A quiet stretch");
  CHECK(s->evidence.at(0) == "No check-in from you in the last 2 weeks; your last one was on 1 November.");
  CHECK(s->suggestion.find("Two minutes is enough to start again") != std::string::npos);
  // With cadence off there is no rhythm to miss.
  settings off = couple();
  off.checkin_cadence = cadence{cadence::kind::off};
  CHECK_FALSE(find(build(records, off, "2026-10-26..2026-11-22", report_view::mine, "alex"), "quiet-stretch"));
}

TEST_CASE("report - lost-self: no solo time only in one's own view, a low space rating in every view", "[report][signs]") {
  // 28d ends 22 Nov; the last 21 days start on 2 Nov.
  std::vector<record> busy = {entry("sam", "chore", 5), entry("sam", "invisible", 12), entry("sam", "solo", 1),
                              entry("alex", "chore", 5), entry("alex", "solo", 20)};
  // Self-care is never a note about a partner: not in the shared view, not in alex's.
  CHECK_FALSE(find(build(busy, couple(), "28d"), "lost-self"));
  CHECK_FALSE(find(build(busy, couple(), "28d", report_view::mine, "alex"), "lost-self"));
  report r = build(busy, couple(), "28d", report_view::mine, "sam");
  const sign* s = find(r, "lost-self");
  REQUIRE(s);
  CHECK(s->title == "Room for your own life looks thin");
  CHECK(s->people == std::vector<std::string>{"sam"});
  CHECK(s->evidence.at(0) ==
        "You logged 2 entries in the last 21 days and no time of your own (the last one in this period was on 1 November).");
  // A private solo entry of one's own counts in one's own view.
  std::vector<record> recovered = busy;
  record own = entry("sam", "solo", 2);
  own.is_private = true;
  recovered.push_back(own);
  CHECK_FALSE(find(build(recovered, couple(), "28d", report_view::mine, "sam"), "lost-self"));
  CHECK_FALSE(find(build(busy, couple(), "14d", report_view::mine, "sam"), "lost-self"));
  REQUIRE(find(build(three("alex", "space", 2, 3, 2)), "lost-self"));
  CHECK_FALSE(find(build(three("alex", "space", 3, 3, 3)), "lost-self"));
}

TEST_CASE("report - one-chooser: 75% of 10 choices is raised, fewer than 10 are not a pattern", "[report][signs]") {
  std::vector<record> at;
  for (int d = 1; d <= 10; ++d) at.push_back(entry(d <= 8 ? "alex" : "sam", "choice", d));  // 8 of 10
  report r = build(at);
  const sign* s = find(r, "one-chooser");
  REQUIRE(s);
  CHECK(s->title == "Who picks dinner has leaned one way");
  CHECK(s->people == std::vector<std::string>{"alex"});
  CHECK(s->evidence.at(0) == "8 of the 10 dinner choices logged were alex's.");
  std::vector<record> nine(at.begin(), at.begin() + 9);
  report few = build(nine);
  CHECK_FALSE(find(few, "one-chooser"));
  CHECK(has(few.not_enough_data, "one-chooser (no topic has 10 choices yet)"));
  std::vector<record> seven = at;
  seven[7].who = seven[7].author = "sam";  // 7 of 10
  CHECK_FALSE(find(build(seven), "one-chooser"));
}

TEST_CASE("report - uneven-load: a share 0.15 over the agreed one is raised, just under is not", "[report][signs]") {
  settings cfg = couple();
  cfg.targets["chore"] = {{"alex", 0.5}, {"sam", 0.5}};
  // Weights 13 of 20 = 0.65 over 10 entries: exactly 0.15 over.
  std::vector<record> at = {entry("sam", "chore", 2, 3), entry("sam", "chore", 3, 3), entry("sam", "chore", 4, 3),
                            entry("sam", "chore", 5, 2), entry("sam", "chore", 6, 2), entry("alex", "chore", 7, 2),
                            entry("alex", "chore", 8, 2), entry("alex", "chore", 9, 1), entry("alex", "chore", 10, 1),
                            entry("alex", "chore", 11, 1)};
  report r = build(at, cfg);
  const sign* s = find(r, "uneven-load");
  REQUIRE(s);
  CHECK(s->title == "Chores have leaned away from what you agreed");
  CHECK(s->people == std::vector<std::string>{"sam"});
  CHECK(s->evidence.at(0) == "sam logged 65% of the chores by weight (5 entries of 10); you agreed on 50%.");
  std::vector<record> below = at;
  below[0].weight = 2.9;
  below[5].weight = 2.1;
  CHECK_FALSE(find(build(below, cfg), "uneven-load"));
  std::vector<record> few(at.begin(), at.begin() + 9);
  CHECK_FALSE(find(build(few, cfg), "uneven-load"));
  cfg.targets["chore"] = {{"alex", 0.4}, {"sam", 0.6}};
  CHECK_FALSE(find(build(at, cfg), "uneven-load"));
}

TEST_CASE("report - one-sided-sacrifice names who made the sacrifices and whose side rated shared low", "[report][signs]") {
  // alex made every sacrifice; sam rated "shared" low. The old wording labelled sam.
  std::vector<record> records = three("sam", "shared", 2, 2, 3);
  for (int d = 1; d <= 10; ++d) records.push_back(entry("alex", "sacrifice", d));
  report r = build(records);
  const sign* s = find(r, "one-sided-sacrifice");
  REQUIRE(s);
  CHECK(s->title == "Sacrifices may be coming from one side");
  CHECK(s->people == std::vector<std::string>{"alex", "sam"});
  REQUIRE(s->evidence.size() == 2);
  CHECK(s->evidence.at(0).starts_with("From sam's side, \"shared\" averaged 2.3"));
  CHECK(s->evidence.at(1) == "All 10 sacrifices logged were alex's.");  // never "100%"
  // Nine sacrifices are below the minimum.
  std::vector<record> nine;
  for (int d = 1; d <= 9; ++d) nine.push_back(entry("alex", "sacrifice", d));
  CHECK_FALSE(find(build(nine), "one-sided-sacrifice"));
}

TEST_CASE("report - no sign title carries a person's name", "[report][signs][tone]") {
  std::vector<record> records;
  for (int d = 2; d <= 20; ++d) {
    for (const char* key : {"heard", "kind", "honest", "space", "shared"}) records.push_back(rated("alex", key, 1, d));
    records.push_back(rated("sam", "heard", 5, d));
    records.push_back(entry("sam", "choice", d));
    records.push_back(entry("sam", "invisible", d));
    records.push_back(entry("sam", "sacrifice", d));
    records.push_back(event("sam", "gave-in", d));
  }
  report r = build(records, couple(), "2026-10-26..2026-11-22", report_view::mine, "sam");
  std::set<std::string> ids;
  for (const auto& s : r.signs) {
    ids.insert(s.id);
    for (const char* name : {"alex", "sam"}) CHECK(s.title.find(name) == std::string::npos);
    CHECK_FALSE(s.people.empty());
  }
  CHECK(ids == std::set<std::string>{"one-sided", "seen-differently", "blurred-boundaries", "keeping-score", "withdrawal",
                                     "lost-self", "one-chooser", "uneven-load", "one-sided-sacrifice"});
}

TEST_CASE("report - what works needs every person at 4 or above: a pooled mean does not hide a partner at 3", "[report]") {
  // alex 5, sam 3 on "heard": pooled 4.0, but not working for sam.
  report masked = build(join(three("alex", "heard", 5, 5, 5), three("sam", "heard", 3, 3, 3)));
  for (const auto& w : masked.working) CHECK(w.find("\"heard\"") == std::string::npos);
  report both = build(join(three("alex", "honest", 5, 4, 5), three("sam", "honest", 4, 4, 4)), couple());
  CHECK(both.working.at(0) ==
        "\"honest\" is at 4 or above from both sides (alex 4.7 and sam 4.0): I can be honest and feel safe doing it.");
}

TEST_CASE("report - what works: improvements, time together as one total, and names in positives", "[report]") {
  std::vector<record> records = three("sam", "heard", 4, 4, 3);  // 3.7 now
  for (int d : {1, 8, 15}) {
    record before = rated("sam", "heard", 3, 1);
    before.at = *parse_timestamp(fmt::format("2026-10-{:02}T20:00:00+02:00", d));
    records.push_back(before);  // 3.0 in October
  }
  record b = boundary("b00000000002", "sam");
  b.text = "Phone away at dinner";
  records.push_back(b);
  records.push_back(event("alex", "respected", 12, b.id));
  record together = entry("alex", "together", 4);
  together.minutes = 90;
  records.push_back(together);
  report r = build(records);
  CHECK(has(r.working, "From sam's side, \"heard\" rose from 3.0 to 3.7 since the previous period."));
  CHECK(has(r.working, "You made time for each other once (1.5 h)."));
  CHECK(has(r.working, "alex respected sam's boundary \"Phone away at dinner\" on 12 November."));
}

TEST_CASE("report - up to five thanks per person, and mood per person", "[report]") {
  std::vector<record> records;
  for (int d = 1; d <= 7; ++d) {
    record t = rated("alex", "heard", 4, d);
    t.thanks = fmt::format("thanks {}", d);
    t.mood = d % 2 ? 4 : 2;
    records.push_back(t);
  }
  record s = rated("sam", "heard", 4, 3);
  s.thanks = "thanks from sam";
  records.push_back(s);
  report r = build(records);
  REQUIRE(r.thanks.size() == 6);
  CHECK(r.thanks.front().text == "thanks 7");  // newest first, per person
  CHECK(r.thanks.at(4).text == "thanks 3");
  CHECK(r.thanks.back().who == "sam");
  CHECK(r.mood.people.at(0).count == 7);
  CHECK(*r.mood.people.at(0).mean == Approx(22.0 / 7));
  CHECK(r.mood.people.at(1).count == 0);
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
  CHECK(heard.people[0].sparkline == "·▆▃·");
  CHECK(r.checkins == 3);
}

TEST_CASE("report - the shared view ignores private records, the private view marks them", "[report][private]") {
  record secret = rated("alex", "heard", 1, 2);
  secret.is_private = true;
  secret.feeling = "private words";
  record partner_secret = rated("sam", "heard", 1, 3);
  partner_secret.is_private = true;
  std::vector<record> shared_records = {rated("alex", "heard", 2, 9), rated("sam", "heard", 4, 3)};
  std::vector<record> with_private = join(shared_records, {secret, partner_secret});

  // Shared view: byte for byte the same with or without anyone's private records.
  CHECK(text_of(build(with_private)) == text_of(build(shared_records)));
  // Private view: my own private records, marked; never my partner's.
  report mine = build(with_private, couple(), "2026-11", report_view::mine, "alex");
  CHECK(mine.checkins == 3);
  CHECK(mine.private_records == 1);
  REQUIRE(mine.feelings.size() == 1);
  CHECK(mine.feelings[0].is_private);
  CHECK(text_of(mine).find("\"private words\" (private)") != std::string::npos);
}

TEST_CASE("report - shares of everything or nothing read all and none, never 100% or 0%", "[report][tone]") {
  std::vector<record> records;
  for (int d = 1; d <= 12; ++d) records.push_back(entry("alex", "chore", d));
  report r = build(records);
  std::string text = text_of(r);
  CHECK(text.find("100%") == std::string::npos);
  CHECK(text.find(" 0%") == std::string::npos);
  REQUIRE(find(r, "uneven-load"));
  CHECK(find(r, "uneven-load")->evidence.at(0) == "alex logged all of the chores by weight (12 entries of 12); you agreed on 50%.");
  string_sink md;
  write_report_markdown(r, {}, md);
  CHECK(md.str().find("100%") == std::string::npos);
}

TEST_CASE("report - below the share minimum, give and take shows counts, never percentages", "[report][tone]") {
  std::vector<record> records;
  for (int d = 1; d <= 9; ++d) records.push_back(entry(d <= 7 ? "alex" : "sam", "chore", d));
  report r = build(records);
  std::string text = text_of(r);
  CHECK(text.find("7 of 9") != std::string::npos);
  CHECK(text.find("78%") == std::string::npos);
  CHECK(text.find("People tend to log more of their own work") != std::string::npos);
}

TEST_CASE("report - an empty period says there is nothing to go on yet, never a false all-clear", "[report][tone]") {
  std::string text = text_of(build({}));
  CHECK(text.find("Nothing to go on yet") != std::string::npos);
  CHECK(text.find("No sign") == std::string::npos);
}

TEST_CASE("report - words avoid verdicts: no always, never, fault, should, allowed or ranking", "[report][tone]") {
  std::vector<record> records;
  for (int d = 2; d < 20; ++d) {
    for (const char* key : {"heard", "kind", "honest", "space", "shared"}) records.push_back(rated("alex", key, 1, d));
    records.push_back(entry("sam", "choice", d));
    records.push_back(entry("sam", "invisible", d));
    records.push_back(entry("sam", "sacrifice", d));
    records.push_back(event("sam", "gave-in", d));
  }
  report r = build(records);
  CHECK(r.signs.size() >= 8);
  std::string text = ascii_lower(text_of(r));
  for (const char* word : {"always", "never", "fault", "blame", "should", "allowed", "worse", "better than", "wins",
                           "while sam kept", "does more"}) {
    INFO(word);
    CHECK(text.find(word) == std::string::npos);
  }
}

TEST_CASE("report - --section values are checked", "[report]") {
  CHECK(parse_sections({"signs,working", "give-and-take"}) == std::vector<std::string>{"signs", "working", "give_and_take"});
  CHECK_THROWS_WITH(parse_sections({"sings"}), Catch::Contains("did you mean \"signs\""));
}

TEST_CASE("report - took turns choosing only when the choices are close to even", "[report][working]") {
  auto choices = [](int alex_of_ten) {
    std::vector<record> at;
    for (int d = 1; d <= 10; ++d) at.push_back(entry(d <= alex_of_ten ? "alex" : "sam", "choice", d));
    return build(at);
  };
  CHECK(has(choices(6).working, "You took turns choosing dinner (alex 6 and sam 4)."));
  CHECK(has(choices(5).working, "You took turns choosing dinner (alex 5 and sam 5)."));
  // 7 of 10 is neither turns nor yet the one-chooser sign: the report says nothing about it.
  report leaning = choices(7);
  for (const auto& w : leaning.working) CHECK(w.find("took turns") == std::string::npos);
  CHECK_FALSE(find(leaning, "one-chooser"));
}

namespace {

record agreement(const std::string& id, int day, const std::string& status = "") {
  record r;
  r.type = record_type::agreement;
  r.id = id;
  r.at = on(day);
  r.who = r.author = "alex";
  r.text = "We plan the week together on Sundays";
  r.status = status;
  return r;
}

record review_of(const std::string& agreement_id, int day, const std::string& outcome) {
  record r;
  r.type = record_type::review;
  r.id = next_id();
  r.at = on(day);
  r.who = r.author = "sam";
  r.agreement = agreement_id;
  r.outcome = outcome;
  return r;
}

}  // namespace

TEST_CASE("report - agreements: means in the days before and since, counted by hand", "[report][agreements]") {
  // Now is Sun 22 Nov 21:00. Made Sun 15 Nov 20:00: 7 days since, so the 7 days before it count
  // (from Sun 8 Nov 20:00).
  std::vector<record> records = {agreement("a1b2c3d4e5f6", 15), agreement("b1b2c3d4e5f6", 10, "done"),
                                 review_of("a1b2c3d4e5f6", 20, "kept"),
                                 rated("alex", "heard", 1, 7),   // before the window
                                 rated("alex", "heard", 2, 9),  rated("alex", "heard", 3, 12),
                                 rated("sam", "heard", 3, 14),  rated("alex", "heard", 4, 16),
                                 rated("alex", "heard", 5, 20), rated("sam", "kind", 4, 21)};
  report r = build(records);
  REQUIRE(r.agreements.size() == 1);  // the done one is not shown
  const agreement_summary& a = r.agreements[0];
  CHECK(a.id == "a1b2c3d4e5f6");
  CHECK(a.since_days == 7);
  CHECK(a.before_days == 7);
  CHECK(a.reviews == 1);
  CHECK(a.last_outcome == "kept");
  REQUIRE(a.dimensions.size() == 2);  // heard and kind, in balance.toml order
  CHECK(a.dimensions[0].key == "heard");
  const auto& alex = a.dimensions[0].people[0];
  CHECK(alex.name == "alex");
  CHECK(alex.before == Approx(2.5));
  CHECK(alex.before_count == 2);
  CHECK(alex.since == Approx(4.5));
  CHECK(alex.since_count == 2);
  const auto& sam = a.dimensions[0].people[1];
  CHECK(sam.before == Approx(3.0));
  CHECK(sam.before_count == 1);
  CHECK_FALSE(sam.since);
  CHECK(a.dimensions[1].key == "kind");
  CHECK(a.dimensions[1].people[1].since == Approx(4.0));

  std::string text = text_of(r);
  CHECK(text.find("Agreements you are trying\n  • We plan the week together on Sundays\n"
                  "    Made 2026-11-15; reviewed once, the last time: kept (2026-11-20).\n") != std::string::npos);
  CHECK(text.find("    DIMENSION  WHO   BEFORE (7 days)  SINCE (7 days)\n"
                  "    heard      alex          2.5 (2)         4.5 (2)\n"
                  "               sam           3.0 (1)               -\n") != std::string::npos);
}

TEST_CASE("report - agreements: the before window is at least a week and at most twelve", "[report][agreements]") {
  report fresh = build({agreement("a1b2c3d4e5f6", 22)});  // an hour old
  REQUIRE(fresh.agreements.size() == 1);
  CHECK(fresh.agreements[0].since_days == 1);
  CHECK(fresh.agreements[0].before_days == 7);
  CHECK(fresh.agreements[0].dimensions.empty());
  CHECK(text_of(fresh).find("No check-in ratings yet from the days around it.") != std::string::npos);
  record old = agreement("c1b2c3d4e5f6", 1);
  old.at = *parse_timestamp("2025-11-01T20:00:00+01:00");
  report year = build({old});
  REQUIRE(year.agreements.size() == 1);
  CHECK(year.agreements[0].before_days == 84);
}

TEST_CASE("report - agreements: the section shows only once there is one, and never a private one shared",
          "[report][agreements][private]") {
  CHECK(text_of(build({})).find("Agreements") == std::string::npos);
  string_sink asked;
  write_report_text(build({}), {"agreements"}, asked, style{});
  CHECK(asked.str().find("No agreement is open.") != std::string::npos);
  record mine = agreement("d1b2c3d4e5f6", 15);
  mine.is_private = true;
  CHECK(build({mine}).agreements.empty());
  report own = build({mine}, couple(), "2026-11", report_view::mine, "alex");
  REQUIRE(own.agreements.size() == 1);
  CHECK(own.agreements[0].is_private);
}

namespace {

record repair_on(int day, int hour) {
  record r;
  r.type = record_type::repair;
  r.id = next_id();
  r.at = on(day, hour);
  r.who = r.author = "sam";
  return r;
}

}  // namespace

TEST_CASE("report - crossed boundaries are paired with a repair that followed within three days", "[report][working]") {
  record b = boundary("b00000000001", "alex");
  record crossed_early = event("sam", "crossed", 3, "b00000000001");  // 3 Nov 20:00; repaired 6 Nov 19:00 (71 h)
  record crossed_late = event("sam", "crossed", 10, "b00000000001");  // 10 Nov 20:00; next repair 13 Nov 21:00 (73 h)
  report r = build({b, crossed_early, crossed_late, repair_on(6, 19), repair_on(13, 21)});
  CHECK(r.crossed == 2);
  CHECK(r.crossed_then_repaired == 1);
  CHECK(has(r.working, "After 1 of the 2 times a boundary was noted as crossed, a repair followed within three days."));
  // A repair before the crossing does not follow it.
  report before = build({b, event("sam", "crossed", 10, "b00000000001"), repair_on(9, 20)});
  CHECK(before.crossed_then_repaired == 0);
  for (const auto& w : before.working) CHECK(w.find("crossed") == std::string::npos);
  report one = build({b, event("sam", "crossed", 10, "b00000000001"), repair_on(10, 22)});
  CHECK(has(one.working, "After a boundary was noted as crossed, a repair followed within three days."));
  // Names stay out of it: the repair is what is worth seeing.
  for (const auto& w : r.working)
    if (w.find("crossed") != std::string::npos) CHECK(w.find("sam") == std::string::npos);
}

namespace {

record talk_on(int day, double alex, double sam) {
  record r;
  r.type = record_type::talk;
  r.id = next_id();
  r.at = on(day);
  r.who = r.author = "alex";
  r.with = {"alex", "sam"};
  r.spoke = {{"alex", alex}, {"sam", sam}};
  return r;
}

}  // namespace

TEST_CASE("report - one-sided from talk time: 65% of the minutes over 3 talks is raised", "[report][signs][talk]") {
  // 6.5 + 6.5 + 6.5 = 19.5 of 30 minutes: exactly 65%.
  report at = build({talk_on(2, 6.5, 3.5), talk_on(9, 6.5, 3.5), talk_on(16, 6.5, 3.5)});
  const sign* s = find(at, "one-sided");
  REQUIRE(s);
  CHECK(s->title == "Conversations may feel one-sided");
  CHECK(s->people == std::vector<std::string>{"alex"});
  CHECK(s->evidence == std::vector<std::string>{"In the 3 talks, alex spoke 19.5 of the 30 minutes (65%)."});
  CHECK(s->data == "Based on 3 talks.");
  CHECK_THAT(s->suggestion, Catch::Contains("swap who opens the next talk"));
  CHECK(at.talks == 3);
}

TEST_CASE("report - one-sided from talk time: just below the share is not raised", "[report][signs][talk]") {
  // 19.4 of 30 minutes: 64.7%.
  report below = build({talk_on(2, 6.5, 3.5), talk_on(9, 6.5, 3.5), talk_on(16, 6.4, 3.6)});
  CHECK_FALSE(find(below, "one-sided"));
}

TEST_CASE("report - one-sided from talk time needs 3 talks with two people present", "[report][signs][talk]") {
  report two = build({talk_on(2, 9, 1), talk_on(9, 9, 1)});
  CHECK_FALSE(find(two, "one-sided"));
  CHECK(has(two.not_enough_data, "one-sided (needs 3 \"heard\" ratings from one person over 14 days, or 3 talks)"));
  // A talk noted by one person alone says nothing about whose voice filled it.
  record alone = talk_on(16, 9, 0);
  alone.with = {"alex"};
  alone.spoke = {{"alex", 9}};
  CHECK_FALSE(find(build({talk_on(2, 9, 1), talk_on(9, 9, 1), alone}), "one-sided"));
  // Low heard ratings and talk time together: one sign with both kinds of evidence.
  report both = build(join({talk_on(2, 9, 1), talk_on(9, 9, 1), talk_on(16, 9, 1)}, three("sam", "heard", 2, 2, 2)));
  const sign* s = find(both, "one-sided");
  REQUIRE(s);
  CHECK(s->people == std::vector<std::string>{"alex", "sam"});
  CHECK(s->evidence.size() == 2);
  CHECK(s->data == "Based on 3 \"heard\" ratings: 3 from sam, 2 November to 16 November; and 3 talks.");
}
