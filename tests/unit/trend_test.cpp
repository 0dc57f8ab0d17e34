#include <catch2/catch.hpp>

#include <stdexcept>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/text.hpp"
#include "balance/trend.hpp"
#include "unit/test_support.hpp"

using namespace balance;

namespace {

calendar berlin() { return balance_test::berlin_sunday_evening(); }
settings couple() { return balance_test::couple_settings(); }
std::string next_id() { return balance_test::next_id('b'); }

// Noon on a day of 2026 ("09-05"); September and October are +02:00 in Berlin, November +01:00.
std::string noon(const std::string& month_day) {
  return fmt::format("2026-{}T12:00:00{}", month_day, month_day < "10-25" ? "+02:00" : "+01:00");
}

record rated(const std::string& who, int heard, const std::string& day) {
  record r;
  r.type = record_type::checkin;
  r.id = next_id();
  r.at = *parse_timestamp(noon(day));
  r.who = r.author = who;
  r.set_rating("heard", heard);
  return r;
}

record entry(const std::string& who, const std::string& kind, const std::string& day, double weight = 1,
             std::optional<std::int64_t> minutes = std::nullopt) {
  record r = balance_test::make_entry(next_id(), noon(day), who, kind, "x");
  r.weight = weight;
  r.minutes = minutes;
  return r;
}

record agreement(const std::string& day) {
  record r;
  r.type = record_type::agreement;
  r.id = next_id();
  r.at = *parse_timestamp(noon(day));
  r.who = r.author = "alex";
  r.text = "We take turns choosing dinner";
  return r;
}

// September: alex rates heard 4 and 5, sam 2, 3 and 4. October: alex 3. November: nothing.
std::vector<record> example() {
  std::vector<record> v = {rated("alex", 4, "09-05"), rated("alex", 5, "09-12"), rated("sam", 2, "09-05"),
                           rated("sam", 3, "09-12"),  rated("sam", 4, "09-19"),  rated("alex", 3, "10-03")};
  // Chores: September 2 of alex's and 1 of sam's (below the share minimum of 10); October alex 6
  // at weight 1 and sam 4 at weight 2: 10 entries, shares by weight 6/14 and 8/14.
  for (const char* d : {"09-02", "09-03"}) v.push_back(entry("alex", "chore", d));
  v.push_back(entry("sam", "chore", "09-04"));
  for (int i = 0; i < 6; ++i) v.push_back(entry("alex", "chore", fmt::format("10-{:02}", i + 1)));
  for (int i = 0; i < 4; ++i) v.push_back(entry("sam", "chore", fmt::format("10-{:02}", i + 11), 2));
  v.push_back(entry("alex", "together", "10-04", 1, 90));
  v.push_back(entry("sam", "together", "10-05", 1, 30));
  v.push_back(entry("alex", "solo", "09-06", 1, 60));
  for (const char* d : {"09-07", "09-08", "09-09"}) v.push_back(entry("alex", "choice", d));
  v.push_back(entry("sam", "choice", "09-10"));
  v.push_back(agreement("10-10"));
  return v;
}

trend_report build(const std::vector<record>& records, const std::string& period_text = "2026-09..2026-11",
                   trend_step every = trend_step::month, report_view view = report_view::shared,
                   trend_rows what = trend_rows::all) {
  calendar cal = berlin();
  settings cfg = couple();
  trend_options opts{parse_period(period_text, cal), every, what, view, view == report_view::mine ? "alex" : ""};
  trend_builder b(cfg, cal, opts);
  for (const auto& r : records) b.add(r);
  return b.finish();
}

const trend_row& row(const trend_report& t, trend_row_kind kind, const std::string& key, const std::string& who) {
  for (const auto& r : t.rows)
    if (r.kind == kind && r.key == key && r.who == who) return r;
  FAIL("no row " << key << " " << who);
  throw std::logic_error("not reached");
}

std::string text_of(const trend_report& t) {
  string_sink out;
  write_trend(t, format::text, out);
  return out.str();
}

}  // namespace

TEST_CASE("trend - one column per month of the span with labels that --period reads back", "[trend]") {
  trend_report t = build(example());
  REQUIRE(t.columns.size() == 3);
  CHECK(t.columns[0].label == "2026-09");
  CHECK(t.columns[2].label == "2026-11");
  CHECK(t.checkins == 6);
  CHECK(t.averaged_columns == 3);
  // The agreement of 10 October marks October.
  REQUIRE(t.agreements.size() == 1);
  CHECK(t.agreements[0].column == 1);
  CHECK(t.columns[1].agreements == std::vector<std::size_t>{0});
  CHECK(t.columns[0].agreements.empty());
}

TEST_CASE("trend - a rating cell holds the mean and the count and is marked below the minimum", "[trend]") {
  trend_report t = build(example());
  const trend_row& alex = row(t, trend_row_kind::rating, "heard", "alex");
  // September: (4 + 5) / 2 = 4.5 over 2 ratings, fewer than 3: marked.
  CHECK(alex.cells[0].value == 4.5);
  CHECK(alex.cells[0].count == 2);
  CHECK(alex.cells[0].few);
  CHECK_FALSE(alex.cells[2].value);  // November: no rating
  // The average is over every rating: (4 + 5 + 3) / 3 = 4.0 over 3, not marked.
  CHECK(alex.average.value == 4.0);
  CHECK(alex.average.count == 3);
  CHECK_FALSE(alex.average.few);
  const trend_row& sam = row(t, trend_row_kind::rating, "heard", "sam");
  CHECK(sam.cells[0].value == 3.0);  // (2 + 3 + 4) / 3
  CHECK(sam.cells[0].count == 3);
  CHECK_FALSE(sam.cells[0].few);
  std::string text = text_of(t);
  CHECK_THAT(text, Catch::Contains("~4.5 (2)"));
  CHECK_THAT(text, Catch::Contains("3.0 (3)"));
}

TEST_CASE("trend - the gap is where both people rated and carries the mark of either side", "[trend]") {
  trend_report t = build(example());
  const trend_row& gap = row(t, trend_row_kind::gap, "heard", "");
  CHECK(gap.cells[0].value == 1.5);  // 4.5 against 3.0
  CHECK(gap.cells[0].few);           // alex's side rests on 2 ratings
  CHECK_FALSE(gap.cells[1].value);   // October: only alex rated
  CHECK(gap.average.value == 1.0);   // 4.0 against 3.0
  CHECK_FALSE(gap.average.few);
}

TEST_CASE("trend - shares by weight at the minimum and counts below it", "[trend]") {
  trend_report t = build(example());
  const trend_row& alex = row(t, trend_row_kind::share, "chore", "alex");
  const trend_row& sam = row(t, trend_row_kind::share, "chore", "sam");
  CHECK(alex.section == "load");
  CHECK(alex.agreed == 0.5);
  // September: 3 entries, below 10: counts, no share.
  CHECK_FALSE(alex.cells[0].value);
  CHECK(alex.cells[0].count == 2);
  CHECK(alex.cells[0].of == 3);
  CHECK(alex.cells[0].few);
  // October: 10 entries; by weight alex 6 of 14, sam 8 of 14.
  CHECK(alex.cells[1].value == Approx(6.0 / 14.0));
  CHECK(sam.cells[1].value == Approx(8.0 / 14.0));
  CHECK_FALSE(sam.cells[1].few);
  std::string text = text_of(t);
  CHECK_THAT(text, Catch::Contains("2 of 3"));
  CHECK_THAT(text, Catch::Contains("43%"));
  CHECK_THAT(text, Catch::Contains("57%"));
  // Over the span: 13 entries; by weight alex 8 of 17 (sam 1 + 4 × 2).
  CHECK(alex.average.value == Approx(8.0 / 17.0));
}

TEST_CASE("trend - together is one total and solo each person's own hours", "[trend]") {
  trend_report t = build(example());
  const trend_row& together = row(t, trend_row_kind::together, "together", "");
  CHECK(together.cells[1].count == 2);
  CHECK(together.cells[1].value == 2.0);  // 90 + 30 minutes
  CHECK(together.average.value == Approx(2.0 / 3.0));  // hours per month over the 3 months
  const trend_row& solo = row(t, trend_row_kind::solo, "solo", "alex");
  CHECK(solo.cells[0].value == 1.0);
  CHECK(row(t, trend_row_kind::solo, "solo", "sam").cells[0].count == 0);
  for (const auto& r : t.rows) CHECK_FALSE((r.kind == trend_row_kind::together && !r.who.empty()));
  std::string text = text_of(t);
  CHECK_THAT(text, Catch::Contains("    2.0 h"));
  CHECK_THAT(text, Catch::Contains("0.7 h"));
}

TEST_CASE("trend - choices per topic count by number", "[trend]") {
  trend_report t = build(example());
  const trend_row& alex = row(t, trend_row_kind::share, "dinner", "alex");
  CHECK(alex.section == "choices");
  CHECK(alex.cells[0].count == 3);
  CHECK(alex.cells[0].of == 4);
  CHECK_FALSE(alex.cells[0].value);
  // The kind `choice` has no share row of its own: its topics are the rows.
  for (const auto& r : t.rows) CHECK(r.key != "choice");
  CHECK_THAT(text_of(t), Catch::Contains("3 of 4"));
}

TEST_CASE("trend - --what keeps only its rows", "[trend]") {
  trend_report t = build(example(), "2026-09..2026-11", trend_step::month, report_view::shared, trend_rows::checkins);
  for (const auto& r : t.rows) CHECK(r.section == "checkins");
  CHECK(t.entries == 0);
  trend_report choices = build(example(), "2026-09..2026-11", trend_step::month, report_view::shared, trend_rows::choices);
  for (const auto& r : choices.rows) CHECK(r.section == "choices");
  CHECK_FALSE(choices.rows.empty());
}

TEST_CASE("trend - the shared view ignores private records and the private view adds mine", "[trend][private]") {
  std::vector<record> records = example();
  record secret = rated("alex", 1, "09-20");
  secret.is_private = true;
  records.push_back(secret);
  trend_report shared = build(records);
  CHECK(row(shared, trend_row_kind::rating, "heard", "alex").cells[0].value == 4.5);
  CHECK(text_of(shared) == text_of(build(example())));
  trend_report mine = build(records, "2026-09..2026-11", trend_step::month, report_view::mine);
  CHECK(row(mine, trend_row_kind::rating, "heard", "alex").cells[0].value == Approx(10.0 / 3.0));
  CHECK(mine.private_records == 1);
}

TEST_CASE("trend - weeks are ISO weeks from Monday and go by their first day from Sunday", "[trend]") {
  trend_report t = build(example(), "2026-09-01..2026-09-20", trend_step::week);
  REQUIRE_FALSE(t.columns.empty());
  CHECK(t.columns[0].label == "2026-W36");
  CHECK(t.columns.back().label == "2026-W38");
  calendar cal = berlin();
  cal.week_start = week_start::sunday;
  settings cfg = couple();
  trend_builder b(cfg, cal, {parse_period("2026-09-06..2026-09-19", cal), trend_step::week, trend_rows::all, report_view::shared, ""});
  trend_report sunday = b.finish();
  REQUIRE(sunday.columns.size() == 2);
  CHECK(sunday.columns[0].label == "2026-09-06");
  CHECK(build(example(), "2026", trend_step::quarter).columns[3].label == "2026-Q4");
}

TEST_CASE("trend - the default span is the last 12 months with this one up to today", "[trend]") {
  calendar cal = berlin();
  period p = trend_period("", "", "", trend_step::month, cal);
  CHECK(describe_period(p, cal) == "2025-12-01 – 2026-11-22");
  trend_report t = build({}, p.label);
  REQUIRE(t.columns.size() == 12);
  CHECK(t.columns.front().label == "2025-12");
  CHECK(t.empty());
  CHECK_THAT(text_of(t), Catch::Contains("Nothing to go on yet"));
  CHECK(describe_period(trend_period("", "", "", trend_step::week, cal), cal) == "2026-08-31 – 2026-11-22");
  // An explicit period wins.
  CHECK(trend_period("2026-10", "", "", trend_step::week, cal).label == "2026-10");
}

TEST_CASE("trend - bad --every and --what values name the accepted ones", "[trend]") {
  CHECK(parse_trend_step("quarter") == trend_step::quarter);
  error e = balance_test::caught([] { parse_trend_step("monthly"); });
  CHECK(e.kind() == errc::usage);
  CHECK(std::string(e.what()) == "--every monthly: use week, month or quarter (did you mean \"month\"?)");
  error w = balance_test::caught([] { parse_trend_rows("chekins"); });
  CHECK(std::string(w.what()) == "--what chekins: use checkins, load, choices or all (did you mean \"checkins\"?)");
}

TEST_CASE("trend - too many columns is a usage error and not a huge table", "[trend]") {
  calendar cal = berlin();
  settings cfg = couple();
  error e = balance_test::caught([&] {
    trend_builder b(cfg, cal, {parse_period("1900..2026", cal), trend_step::week, trend_rows::all, report_view::shared, ""});
  });
  CHECK(e.kind() == errc::usage);
  CHECK_THAT(e.what(), Catch::Contains("more than the 2600"));
}

TEST_CASE("trend - text fits 80 columns and says when it leaves older columns out", "[trend]") {
  trend_report t = build(example(), "2025-12..2026-11");
  std::string text = text_of(t);
  CHECK_THAT(text, Catch::Contains("Showing the latest"));
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl - start);
    CHECK(display_width(line) <= 80);
    start = nl == std::string::npos ? text.size() : nl + 1;
  }
  // Three months fit whole: nothing is said.
  CHECK(text_of(build(example())).find("Showing the latest") == std::string::npos);
}

TEST_CASE("trend - tidy csv has a header and one line per column row and value", "[trend]") {
  string_sink out;
  write_trend(build(example()), format::csv, out);
  const std::string& csv = out.str();
  CHECK_THAT(csv, Catch::StartsWith("period,first,last,section,row,key,who,measure,value\r\n"));
  CHECK_THAT(csv, Catch::Contains("2026-09,2026-09-01,2026-09-30,checkins,rating,heard,alex,mean,4.5\r\n"));
  CHECK_THAT(csv, Catch::Contains("2026-09,2026-09-01,2026-09-30,checkins,rating,heard,alex,ratings,2\r\n"));
  CHECK_THAT(csv, Catch::Contains("2026-09,2026-09-01,2026-09-30,checkins,rating,heard,alex,few,true\r\n"));
  // Below the minimum a share has no value, only counts.
  CHECK_THAT(csv, Catch::Contains("2026-09,2026-09-01,2026-09-30,load,share,chore,alex,share,\r\n"));
  CHECK_THAT(csv, Catch::Contains("2026-10,2026-10-01,2026-10-31,agreements,agreement,"));
  // November has no record: no line.
  CHECK(csv.find("\r\n2026-11,") == std::string::npos);
  string_sink tsv;
  write_trend(build(example()), format::tsv, tsv);
  CHECK_THAT(tsv.str(), Catch::StartsWith("period\tfirst\tlast\tsection\trow\tkey\twho\tmeasure\tvalue\n"));
}

TEST_CASE("trend - json is one schema 1 object with a row per line", "[trend]") {
  string_sink out;
  write_trend(build(example()), format::json, out);
  CHECK_THAT(out.str(), Catch::StartsWith("{\"schema\": 1, \"every\": \"month\", \"what\": \"all\", \"view\": \"shared\""));
  CHECK_THAT(out.str(), Catch::Contains(
      "{\"section\": \"checkins\", \"row\": \"rating\", \"key\": \"heard\", \"who\": \"alex\", \"cells\": [{\"period\": "
      "\"2026-09\", \"mean\": 4.5, \"ratings\": 2, \"few\": true}"));
  CHECK(balance_test::caught([&] { write_trend(build(example()), format::toml, out); }).kind() == errc::usage);
}

TEST_CASE("trend - a dimension rated but no longer configured is marked retired, in text and json", "[trend]") {
  std::vector<record> v = example();
  record old = rated("alex", 4, "09-05");
  old.ratings.clear();
  old.set_rating("closeness", 4);
  v.push_back(old);
  trend_report t = build(v);
  const trend_row& closeness = row(t, trend_row_kind::rating, "closeness", "alex");
  CHECK(closeness.retired);
  CHECK_FALSE(row(t, trend_row_kind::rating, "heard", "alex").retired);
  CHECK_THAT(text_of(t), Catch::Contains("closeness (retired)"));
  string_sink json;
  write_trend(t, format::json, json);
  CHECK_THAT(json.str(), Catch::Contains("\"key\": \"closeness\", \"who\": \"alex\", \"retired\": true"));
  CHECK(json.str().find("\"key\": \"heard\", \"who\": \"alex\", \"retired\"") == std::string::npos);
}
