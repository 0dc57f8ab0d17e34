#include "balance/period.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "balance/error.hpp"

namespace {

using balance::calendar;
using balance::errc;
using balance::month;
using balance::parse_period;
using balance::period;
using balance::period_unit;

calendar calendar_at(const char* zone_name, const char* now,
                     balance::week_start start = balance::week_start::monday) {
  calendar cal;
  cal.tz = balance::zone::locate(zone_name);
  const auto parsed = balance::parse_timestamp(now);
  REQUIRE(parsed);
  cal.now = cal.tz.at(parsed->utc);
  cal.week_start = start;
  return cal;
}

// Sunday 2026-11-22 in Berlin (winter time, +01:00).
calendar berlin() { return calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00"); }

std::string at(const calendar& cal, balance::sys_seconds t) { return balance::format_timestamp(cal.tz.at(t)); }

// "BEGIN .. END" in the calendar's zone, to compare a period in one line.
std::string span(const period& p, const calendar& cal) { return at(cal, p.begin) + " .. " + at(cal, p.end); }

std::string span_of(const char* text, const calendar& cal) { return span(parse_period(text, cal), cal); }

balance::sys_seconds instant(const char* text) {
  const auto parsed = balance::parse_timestamp(text);
  REQUIRE(parsed);
  return parsed->utc;
}

balance::local_days day(int y, unsigned m, unsigned d) {
  return balance::local_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

std::vector<std::string> names(const std::vector<month>& months) {
  std::vector<std::string> out;
  for (const month& m : months) out.push_back(m.to_string());
  return out;
}

errc kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const balance::error& e) {
    return e.kind();
  }
  FAIL("expected balance::error");
  return errc::internal;
}

}  // namespace

TEST_CASE("period - today is the local day, from midnight to midnight", "[period]") {
  const calendar cal = berlin();
  const period p = parse_period("today", cal);
  CHECK(span(p, cal) == "2026-11-22T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
  CHECK(p.label == "today");
  CHECK(p.unit == period_unit::day);
  CHECK(p.count == 1);
  CHECK(p.first_day == day(2026, 11, 22));
  CHECK(span_of("yesterday", cal) == "2026-11-21T00:00:00+01:00 .. 2026-11-22T00:00:00+01:00");
}

TEST_CASE("period - a 23-hour DST day is still one day (today on 2026-03-29 in Berlin)", "[period]") {
  const calendar cal = calendar_at("Europe/Berlin", "2026-03-29T12:00:00+02:00");
  const period p = parse_period("today", cal);
  CHECK(p.end - p.begin == std::chrono::hours{23});
  CHECK(span(p, cal) == "2026-03-29T00:00:00+01:00 .. 2026-03-30T00:00:00+02:00");
  const calendar autumn = calendar_at("Europe/Berlin", "2026-10-25T12:00:00+01:00");
  const period long_day = parse_period("today", autumn);
  CHECK(long_day.end - long_day.begin == std::chrono::hours{25});
}

TEST_CASE("period - a day whose midnight is skipped starts at the jump (America/Santiago)", "[period]") {
  const calendar cal = calendar_at("America/Santiago", "2026-09-06T12:00:00-03:00");
  CHECK(span_of("today", cal) == "2026-09-06T01:00:00-03:00 .. 2026-09-07T00:00:00-03:00");
  CHECK(span_of("yesterday", cal) == "2026-09-05T00:00:00-04:00 .. 2026-09-06T01:00:00-03:00");
}

TEST_CASE("period - this-week and last-week follow week_start", "[period]") {
  const calendar monday_start = berlin();
  CHECK(span_of("this-week", monday_start) == "2026-11-16T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
  CHECK(span_of("last-week", monday_start) == "2026-11-09T00:00:00+01:00 .. 2026-11-16T00:00:00+01:00");
  const calendar sunday_start = calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00", balance::week_start::sunday);
  CHECK(span_of("this-week", sunday_start) == "2026-11-22T00:00:00+01:00 .. 2026-11-29T00:00:00+01:00");
  CHECK(span_of("last-week", sunday_start) == "2026-11-15T00:00:00+01:00 .. 2026-11-22T00:00:00+01:00");
}

TEST_CASE("period - months and years, this and last, across a year end", "[period]") {
  const calendar cal = berlin();
  CHECK(span_of("this-month", cal) == "2026-11-01T00:00:00+01:00 .. 2026-12-01T00:00:00+01:00");
  CHECK(span_of("last-month", cal) == "2026-10-01T00:00:00+02:00 .. 2026-11-01T00:00:00+01:00");
  CHECK(span_of("this-year", cal) == "2026-01-01T00:00:00+01:00 .. 2027-01-01T00:00:00+01:00");
  CHECK(span_of("last-year", cal) == "2025-01-01T00:00:00+01:00 .. 2026-01-01T00:00:00+01:00");
  const calendar january = calendar_at("Europe/Berlin", "2026-01-10T10:00:00+01:00");
  CHECK(span_of("last-month", january) == "2025-12-01T00:00:00+01:00 .. 2026-01-01T00:00:00+01:00");
}

TEST_CASE("period - YYYY, YYYY-MM and YYYY-MM-DD are whole calendar units", "[period]") {
  const calendar cal = berlin();
  CHECK(span_of("2025", cal) == "2025-01-01T00:00:00+01:00 .. 2026-01-01T00:00:00+01:00");
  CHECK(span_of("2026-02", cal) == "2026-02-01T00:00:00+01:00 .. 2026-03-01T00:00:00+01:00");
  CHECK(span_of("2026-12", cal) == "2026-12-01T00:00:00+01:00 .. 2027-01-01T00:00:00+01:00");
  CHECK(span_of("2026-07-04", cal) == "2026-07-04T00:00:00+02:00 .. 2026-07-05T00:00:00+02:00");
  CHECK(parse_period("2026-02", cal).unit == period_unit::month);
  CHECK(parse_period(" 2026-02 ", cal).label == "2026-02");
}

TEST_CASE("period - ISO week 2026-W01 is 2025-12-29 .. 2026-01-04 whatever week_start is", "[period]") {
  const calendar monday_start = berlin();
  const calendar sunday_start = calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00", balance::week_start::sunday);
  for (const calendar* cal : {&monday_start, &sunday_start}) {
    const period p = parse_period("2026-W01", *cal);
    CHECK(span(p, *cal) == "2025-12-29T00:00:00+01:00 .. 2026-01-05T00:00:00+01:00");
    CHECK(p.unit == period_unit::week);
    CHECK(p.count == 1);
    CHECK(p.first_day == day(2025, 12, 29));
  }
  CHECK(span_of("2026-w53", monday_start) == "2026-12-28T00:00:00+01:00 .. 2027-01-04T00:00:00+01:00");
}

TEST_CASE("period - an ISO week that the year does not have is an error", "[period]") {
  const calendar cal = berlin();
  CHECK_THROWS_WITH(parse_period("2027-W53", cal),
                    Catch::Contains("bad period \"2027-W53\"") && Catch::Contains("ISO year 2027 has 52 weeks"));
  CHECK_THROWS_WITH(parse_period("2026-W00", cal), Catch::Contains("week 00 is not 01-53"));
}

TEST_CASE("period - quarters are three calendar months", "[period]") {
  const calendar cal = berlin();
  CHECK(span_of("2026-Q1", cal) == "2026-01-01T00:00:00+01:00 .. 2026-04-01T00:00:00+02:00");
  CHECK(span_of("2026-q4", cal) == "2026-10-01T00:00:00+02:00 .. 2027-01-01T00:00:00+01:00");
  CHECK(parse_period("2026-Q2", cal).unit == period_unit::quarter);
  CHECK_THROWS_WITH(parse_period("2026-Q5", cal), Catch::Contains("quarter 5 is not 1-4"));
  CHECK_THROWS_WITH(parse_period("2026-Q0", cal), Catch::Contains("quarter 0 is not 1-4"));
}

TEST_CASE("period - 7d is today and the 6 days before", "[period]") {
  const calendar cal = berlin();
  const period p = parse_period("7d", cal);
  CHECK(span(p, cal) == "2026-11-16T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
  CHECK(p.unit == period_unit::day);
  CHECK(p.count == 7);
  CHECK(span_of("1d", cal) == span_of("today", cal));
  CHECK(span_of("2w", cal) == "2026-11-09T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
}

TEST_CASE("period - Nmo and Ny count back from tomorrow, clamped to the month's end", "[period]") {
  const calendar cal = berlin();
  CHECK(span_of("1mo", cal) == "2026-10-23T00:00:00+02:00 .. 2026-11-23T00:00:00+01:00");
  CHECK(span_of("3mo", cal) == "2026-08-23T00:00:00+02:00 .. 2026-11-23T00:00:00+01:00");
  CHECK(span_of("1y", cal) == "2025-11-23T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
  // On a month's last day, Nmo is exactly the last N calendar months.
  const calendar march_end = calendar_at("Europe/Berlin", "2026-03-31T10:00:00+02:00");
  CHECK(span_of("1mo", march_end) == span_of("2026-03", march_end));
  CHECK(span_of("3mo", march_end) == "2026-01-01T00:00:00+01:00 .. 2026-04-01T00:00:00+02:00");
  // Tomorrow is March 31; a month before it does not exist and clamps to February 28.
  const calendar march_30 = calendar_at("Europe/Berlin", "2026-03-30T10:00:00+02:00");
  CHECK(span_of("1mo", march_30) == "2026-02-28T00:00:00+01:00 .. 2026-03-31T00:00:00+02:00");
}

TEST_CASE("period - N must be at least 1 and not reach before the year 1", "[period]") {
  const calendar cal = berlin();
  CHECK_THROWS_WITH(parse_period("0d", cal), Catch::Contains("bad period \"0d\": N must be at least 1"));
  CHECK_THROWS_WITH(parse_period("5000y", cal), Catch::Contains("before the year 1"));
  CHECK_THROWS_WITH(parse_period("99999999999d", cal), Catch::Contains("too large"));
}

TEST_CASE("period - all is open on both sides and covers no month list", "[period]") {
  const calendar cal = berlin();
  const period p = parse_period("all", cal);
  CHECK(p.is_all());
  CHECK(p.contains(instant("1999-01-01T00:00:00Z")));
  CHECK(balance::months_covering(p).empty());
  CHECK_FALSE(balance::previous_period(p, cal));
}

TEST_CASE("period - A..B covers from A's begin to B's end", "[period]") {
  const calendar cal = berlin();
  CHECK(span_of("2026-01..2026-03", cal) == "2026-01-01T00:00:00+01:00 .. 2026-04-01T00:00:00+02:00");
  CHECK(span_of("2026-W01..2026-W02", cal) == "2025-12-29T00:00:00+01:00 .. 2026-01-12T00:00:00+01:00");
  CHECK(span_of("2026-11-01..today", cal) == "2026-11-01T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
  CHECK(span_of("2026-03 .. 2026-03", cal) == span_of("2026-03", cal));
  CHECK(parse_period("2026-01..2026-03", cal).label == "2026-01..2026-03");
}

TEST_CASE("period - a WHEN bound is an instant", "[period]") {
  const calendar cal = berlin();
  CHECK(span_of("2026-11-01 10:00..now", cal) == "2026-11-01T10:00:00+01:00 .. 2026-11-22T19:30:00+01:00");
  const period recent = parse_period("-2h..", cal);
  CHECK(at(cal, recent.begin) == "2026-11-22T17:30:00+01:00");
  CHECK(recent.end == balance::sys_seconds::max());
  CHECK(span_of("2026-11-20..2026-11-21T08:00Z", cal) == "2026-11-20T00:00:00+01:00 .. 2026-11-21T09:00:00+01:00");
}

TEST_CASE("period - A.. and ..B are open on one side", "[period]") {
  const calendar cal = berlin();
  const period from = parse_period("2026-03..", cal);
  CHECK(from.begin == instant("2026-03-01T00:00:00+01:00"));
  CHECK(from.end == balance::sys_seconds::max());
  const period until = parse_period("..2026-03", cal);
  CHECK(until.begin == balance::sys_seconds::min());
  CHECK(until.end == instant("2026-04-01T00:00:00+02:00"));
  CHECK_FALSE(from.is_all());
  CHECK(balance::months_covering(from).empty());
  CHECK_FALSE(balance::previous_period(from, cal));
  CHECK_FALSE(balance::previous_period(until, cal));
  CHECK_THROWS_WITH(parse_period("..", cal), Catch::Contains("at least one side"));
}

TEST_CASE("period - a reversed range is an error", "[period]") {
  const calendar cal = berlin();
  CHECK_THROWS_WITH(parse_period("2026-03..2026-01", cal),
                    Catch::Contains("bad period \"2026-03..2026-01\"") && Catch::Contains("reversed") &&
                        Catch::Contains("PERIOD is one of"));
  CHECK(kind_of([&] { parse_period("2026-03..2026-01", cal); }) == errc::usage);
  CHECK_THROWS_WITH(parse_period("now..-1h", cal), Catch::Contains("reversed"));
}

TEST_CASE("period - bad parts are named and the forms listed", "[period]") {
  const calendar cal = berlin();
  CHECK_THROWS_WITH(parse_period("2026-13", cal), Catch::Contains("bad period \"2026-13\": month 13 is not 01-12") &&
                                                      Catch::Contains("PERIOD is one of: today"));
  CHECK_THROWS_WITH(parse_period("2026-02-30", cal), Catch::Contains("2026-02-30 is not a date"));
  CHECK_THROWS_WITH(parse_period("fortnight", cal), Catch::Contains("bad period \"fortnight\": unknown form"));
  CHECK_THROWS_WITH(parse_period("", cal), Catch::Contains("empty"));
  CHECK_THROWS_WITH(parse_period("now", cal), Catch::Contains("unknown form"));
  CHECK_THROWS_WITH(parse_period("2026-01..2026-14", cal), Catch::Contains("bad period \"2026-14\""));
  CHECK_THROWS_WITH(parse_period("2026-01..soon", cal), Catch::Contains("bad WHEN \"soon\""));
  CHECK(kind_of([&] { parse_period("2026-13", cal); }) == errc::usage);
}

TEST_CASE("period - previous of a month is the month before", "[period]") {
  const calendar cal = berlin();
  const auto before = balance::previous_period(parse_period("2026-03", cal), cal);
  REQUIRE(before);
  CHECK(span(*before, cal) == "2026-02-01T00:00:00+01:00 .. 2026-03-01T00:00:00+01:00");
  CHECK(before->label == "2026-02");
  const auto december = balance::previous_period(parse_period("2026-01", cal), cal);
  REQUIRE(december);
  CHECK(december->label == "2025-12");
  const auto october = balance::previous_period(parse_period("this-month", cal), cal);
  REQUIRE(october);
  CHECK(span(*october, cal) == span_of("last-month", cal));
  // Stepping again keeps going back one month at a time.
  const auto september = balance::previous_period(*october, cal);
  REQUIRE(september);
  CHECK(september->label == "2026-09");
}

TEST_CASE("period - previous of 28d is the 28 days before it", "[period]") {
  const calendar cal = berlin();
  const period p = parse_period("28d", cal);
  const auto before = balance::previous_period(p, cal);
  REQUIRE(before);
  CHECK(span(p, cal) == "2026-10-26T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
  CHECK(span(*before, cal) == "2026-09-28T00:00:00+02:00 .. 2026-10-26T00:00:00+01:00");
  CHECK(before->count == 28);
  CHECK(before->label == "2026-09-28..2026-10-25");
}

TEST_CASE("period - previous of this-week is last-week", "[period]") {
  for (const auto start : {balance::week_start::monday, balance::week_start::sunday}) {
    const calendar cal = calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00", start);
    const auto before = balance::previous_period(parse_period("this-week", cal), cal);
    REQUIRE(before);
    CHECK(span(*before, cal) == span_of("last-week", cal));
  }
}

TEST_CASE("period - previous of an ISO week is the week before", "[period]") {
  const calendar cal = berlin();
  const auto before = balance::previous_period(parse_period("2026-W01", cal), cal);
  REQUIRE(before);
  CHECK(span(*before, cal) == "2025-12-22T00:00:00+01:00 .. 2025-12-29T00:00:00+01:00");
  CHECK(before->label == "2025-W52");
  CHECK(before->unit == period_unit::week);
  CHECK(before->first_day == day(2025, 12, 22));
}

TEST_CASE("period - previous of a quarter is the quarter before", "[period]") {
  const calendar cal = berlin();
  const auto before = balance::previous_period(parse_period("2026-Q1", cal), cal);
  REQUIRE(before);
  CHECK(span(*before, cal) == "2025-10-01T00:00:00+02:00 .. 2026-01-01T00:00:00+01:00");
  CHECK(before->label == "2025-Q4");
}

TEST_CASE("period - previous of a year is the year before", "[period]") {
  const calendar cal = berlin();
  const auto before = balance::previous_period(parse_period("this-year", cal), cal);
  REQUIRE(before);
  CHECK(before->label == "2025");
  CHECK(span(*before, cal) == span_of("last-year", cal));
  const auto day_before = balance::previous_period(parse_period("today", cal), cal);
  REQUIRE(day_before);
  CHECK(day_before->label == "2026-11-21");
}

TEST_CASE("period - previous of a range of months steps back in months", "[period]") {
  const calendar cal = berlin();
  const auto before = balance::previous_period(parse_period("2026-01..2026-03", cal), cal);
  REQUIRE(before);
  CHECK(span(*before, cal) == "2025-10-01T00:00:00+02:00 .. 2026-01-01T00:00:00+01:00");
  CHECK(before->label == "2025-10-01..2025-12-31");
  // Labels of predecessors parse back to the same span.
  CHECK(span_of(before->label.c_str(), cal) == span(*before, cal));
}

TEST_CASE("period - previous of a WHEN range is the same length just before", "[period]") {
  const calendar cal = berlin();
  const period p = parse_period("2026-11-22 10:00..2026-11-22 13:00", cal);
  const auto before = balance::previous_period(p, cal);
  REQUIRE(before);
  CHECK(span(*before, cal) == "2026-11-22T07:00:00+01:00 .. 2026-11-22T10:00:00+01:00");
  CHECK(span_of(before->label.c_str(), cal) == span(*before, cal));
}

TEST_CASE("period - previous of Nmo starts N months earlier and ends where it begins", "[period]") {
  const calendar cal = calendar_at("Europe/Berlin", "2026-03-30T10:00:00+02:00");
  const period p = parse_period("1mo", cal);
  const auto before = balance::previous_period(p, cal);
  REQUIRE(before);
  CHECK(span(*before, cal) == "2026-01-28T00:00:00+01:00 .. 2026-02-28T00:00:00+01:00");
}

TEST_CASE("period - period_between: date-only bounds cover their whole day", "[period]") {
  const calendar cal = berlin();
  const period p = balance::period_between("2026-11-01", "2026-11-03", cal);
  CHECK(span(p, cal) == "2026-11-01T00:00:00+01:00 .. 2026-11-04T00:00:00+01:00");
  CHECK(p.unit == period_unit::day);
  CHECK(p.count == 3);
  CHECK(span(balance::period_between("yesterday", "today", cal), cal) ==
        "2026-11-21T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
  // `today` as --since is the start of today even before noon.
  const calendar morning = calendar_at("Europe/Berlin", "2026-11-22T08:00:00+01:00");
  const period from_today = balance::period_between("today", "", morning);
  CHECK(at(morning, from_today.begin) == "2026-11-22T00:00:00+01:00");
  CHECK(from_today.end == balance::sys_seconds::max());
}

TEST_CASE("period - period_between: other bounds are instants and empty ones are open", "[period]") {
  const calendar cal = berlin();
  CHECK(span(balance::period_between("2026-11-01 10:00", "now", cal), cal) ==
        "2026-11-01T10:00:00+01:00 .. 2026-11-22T19:30:00+01:00");
  CHECK(balance::period_between("", "", cal).is_all());
  const period until = balance::period_between("", "2026-11-01", cal);
  CHECK(until.begin == balance::sys_seconds::min());
  CHECK(until.end == instant("2026-11-02T00:00:00+01:00"));
  CHECK_FALSE(balance::previous_period(until, cal));
}

TEST_CASE("period - period_between names the bad flag and rejects a reversed pair", "[period]") {
  const calendar cal = berlin();
  CHECK_THROWS_WITH(balance::period_between("2026-02-30", "", cal),
                    Catch::Contains("--since") && Catch::Contains("2026-02-30 is not a date"));
  CHECK_THROWS_WITH(balance::period_between("", "soon", cal), Catch::Contains("--until"));
  CHECK_THROWS_WITH(balance::period_between("2026-11-05", "2026-11-03", cal), Catch::Contains("not after --since"));
  CHECK(kind_of([&] { balance::period_between("2026-11-05", "2026-11-03", cal); }) == errc::usage);
}

TEST_CASE("period - months_covering widens by 14 hours each side", "[period]") {
  const calendar cal = berlin();
  CHECK(names(balance::months_covering(parse_period("2026-11", cal))) ==
        std::vector<std::string>{"2026-10", "2026-11", "2026-12"});
  CHECK(names(balance::months_covering(parse_period("2026-11-15", cal))) == std::vector<std::string>{"2026-11"});
  CHECK(names(balance::months_covering(parse_period("2026-12-31", cal))) ==
        std::vector<std::string>{"2026-12", "2027-01"});
  CHECK(names(balance::months_covering(parse_period("2026-Q1", cal))) ==
        std::vector<std::string>{"2025-12", "2026-01", "2026-02", "2026-03", "2026-04"});
}

TEST_CASE("period - month text, parse_month and month_of", "[period]") {
  CHECK(month{2026, 11}.to_string() == "2026-11");
  CHECK(month{987, 1}.to_string() == "0987-01");
  CHECK(month{2026, 12}.next() == month{2027, 1});
  CHECK(balance::parse_month("2026-11") == month{2026, 11});
  CHECK_FALSE(balance::parse_month("2026-13"));
  CHECK_FALSE(balance::parse_month("2026-00"));
  CHECK_FALSE(balance::parse_month("2026-1"));
  CHECK_FALSE(balance::parse_month("2026-11x"));
  CHECK_FALSE(balance::parse_month("26-11"));
  // The month of a record is the month of its own local time, not of UTC.
  const auto late = balance::parse_timestamp("2026-11-30T23:30:00-05:00");
  REQUIRE(late);
  CHECK(balance::month_of(*late) == month{2026, 11});
}

TEST_CASE("period - period_forms lists every form", "[period]") {
  const std::string forms(balance::period_forms());
  for (const char* form : {"today", "this-week", "last-year", "all", "YYYY-Www", "YYYY-Qn", "Nmo", "A..B"}) {
    CHECK_THAT(forms, Catch::Contains(form));
  }
}

TEST_CASE("period - select_period takes since and until, else --period, else the default, never both at once", "[period]") {
  const calendar cal = berlin();
  CHECK(balance::select_period("", "", "", "28d", cal).label == parse_period("28d", cal).label);
  CHECK(balance::select_period("this-month", "", "", "28d", cal).label == parse_period("this-month", cal).label);
  const period open = balance::select_period("", "2026-11-01", "", "all", cal);
  CHECK(open.end == period{}.end);
  CHECK_FALSE(open.is_all());
  try {
    (void)balance::select_period("28d", "2026-11-01", "", "all", cal);
    FAIL("both forms were accepted");
  } catch (const balance::error& e) {
    CHECK(e.kind() == errc::usage);
    CHECK(std::string(e.what()) == "use either --period or --since/--until, not both");
  }
}
