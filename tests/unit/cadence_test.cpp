#include "balance/cadence.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <optional>
#include <string>

#include "balance/error.hpp"

namespace {

using balance::cadence;
using balance::calendar;
using balance::checkin_due;
using balance::errc;
using balance::parse_cadence;
using balance::review_due_at;

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

balance::timestamp ts(const char* text) {
  const auto parsed = balance::parse_timestamp(text);
  REQUIRE(parsed);
  return *parsed;
}

std::optional<balance::sys_seconds> at(const char* text) { return ts(text).utc; }

bool due(const char* cadence_text, const char* last, const calendar& cal) {
  return checkin_due(parse_cadence(cadence_text), last ? at(last) : std::nullopt, cal);
}

std::string review(const char* cadence_text, const char* since, const calendar& cal) {
  const auto when = review_due_at(parse_cadence(cadence_text), ts(since), cal);
  REQUIRE(when);
  return balance::format_timestamp(cal.tz.at(*when));
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

TEST_CASE("cadence - every form parses and prints canonically", "[cadence]") {
  for (const char* text : {"daily", "weekly", "biweekly", "monthly", "off", "every 10 days", "every 1 day",
                           "every sunday", "every wednesday", "every month on 15"}) {
    CHECK(parse_cadence(text).to_string() == text);
  }
  CHECK(parse_cadence("every 10 days").k == cadence::kind::every_days);
  CHECK(parse_cadence("every 10 days").days == 10);
  CHECK(parse_cadence("every sunday").k == cadence::kind::every_weekday);
  CHECK(parse_cadence("every sunday").weekday == 0);
  CHECK(parse_cadence("every saturday").weekday == 6);
}

TEST_CASE("cadence - words are case-insensitive and weekdays may be abbreviated", "[cadence]") {
  CHECK(parse_cadence("  Every   SUNDAY ").to_string() == "every sunday");
  CHECK(parse_cadence("every wed").to_string() == "every wednesday");
  CHECK(parse_cadence("Weekly") == parse_cadence("weekly"));
  CHECK(parse_cadence("every 1 days").to_string() == "every 1 day");
  CHECK(parse_cadence("every 7 day").to_string() == "every 7 days");
}

TEST_CASE("cadence - bad cadences are usage errors naming the bad part and listing the forms", "[cadence]") {
  CHECK_THROWS_WITH(parse_cadence("hourly"),
                    Catch::Contains("bad cadence \"hourly\": unknown word \"hourly\"") &&
                        Catch::Contains("CADENCE is one of: daily, weekly"));
  CHECK(kind_of([] { parse_cadence("hourly"); }) == errc::usage);
  CHECK_THROWS_WITH(parse_cadence("every 0 days"), Catch::Contains("N must be from 1 to"));
  CHECK_THROWS_WITH(parse_cadence("every -3 days"), Catch::Contains("\"-3\" is not a whole number"));
  CHECK_THROWS_WITH(parse_cadence("every ten days"), Catch::Contains("\"ten\" is not a whole number"));
  CHECK_THROWS_WITH(parse_cadence("every funday"), Catch::Contains("\"funday\" is not a weekday"));
  CHECK_THROWS_WITH(parse_cadence("every 3 weeks"), Catch::Contains("expected every N days, every <weekday> or every month on N"));
  CHECK_THROWS_WITH(parse_cadence("sometimes daily"), Catch::Contains("unknown word \"sometimes\""));
  CHECK_THROWS_WITH(parse_cadence(""), Catch::Contains("empty"));
}

TEST_CASE("cadence - daily is due when there is no check-in since local midnight", "[cadence]") {
  const calendar cal = calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00");
  CHECK(due("daily", nullptr, cal));
  CHECK(due("daily", "2026-11-21T23:59:00+01:00", cal));
  CHECK_FALSE(due("daily", "2026-11-22T00:00:00+01:00", cal));
  // 23:30 UTC on the 21st is already the 22nd in Berlin.
  CHECK_FALSE(due("daily", "2026-11-21T23:30:00Z", cal));
}

TEST_CASE("cadence - weekly is due from 00:00 of the day seven days after the last check-in", "[cadence]") {
  // The last check-in on Sunday 15 November at 20:00: due from Sunday 22 November 00:00, so a
  // morning cron sees a Sunday rhythm on Sunday, and not on the Monday after it.
  const char* last = "2026-11-15T20:00:00+01:00";
  CHECK(due("weekly", nullptr, calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00")));
  CHECK_FALSE(due("weekly", last, calendar_at("Europe/Berlin", "2026-11-16T08:00:00+01:00")));
  CHECK_FALSE(due("weekly", last, calendar_at("Europe/Berlin", "2026-11-21T23:59:00+01:00")));
  CHECK(due("weekly", last, calendar_at("Europe/Berlin", "2026-11-22T00:00:00+01:00")));
  CHECK(due("weekly", last, calendar_at("Europe/Berlin", "2026-11-22T08:00:00+01:00")));
  // The week's start does not matter any more: it is the person's own rhythm.
  CHECK_FALSE(due("weekly", last, calendar_at("Europe/Berlin", "2026-11-21T12:00:00+01:00", balance::week_start::sunday)));
}

TEST_CASE("cadence - monthly is due from 00:00 a calendar month after the last check-in, clamped", "[cadence]") {
  CHECK(due("monthly", nullptr, calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00")));
  CHECK_FALSE(due("monthly", "2026-10-25T20:00:00+02:00", calendar_at("Europe/Berlin", "2026-11-24T23:59:00+01:00")));
  CHECK(due("monthly", "2026-10-25T20:00:00+02:00", calendar_at("Europe/Berlin", "2026-11-25T00:00:00+01:00")));
  // 31 January: due from 28 February.
  CHECK_FALSE(due("monthly", "2026-01-31T12:00:00+01:00", calendar_at("Europe/Berlin", "2026-02-27T12:00:00+01:00")));
  CHECK(due("monthly", "2026-01-31T12:00:00+01:00", calendar_at("Europe/Berlin", "2026-02-28T00:00:00+01:00")));
}

TEST_CASE("cadence - every month on N is due when there is no check-in since the latest Nth", "[cadence]") {
  CHECK(parse_cadence("every month on 1").to_string() == "every month on 1");
  CHECK(parse_cadence("Every Month On 31").k == cadence::kind::every_month_on);
  CHECK_THROWS_WITH(parse_cadence("every month on 32"), Catch::Contains("not a day of the month (1 to 31)"));
  CHECK_THROWS_WITH(parse_cadence("every month on x"), Catch::Contains("not a day of the month"));
  const calendar cal = calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00");
  CHECK(due("every month on 1", nullptr, cal));
  CHECK_FALSE(due("every month on 1", "2026-11-01T00:00:00+01:00", cal));
  CHECK(due("every month on 1", "2026-10-31T23:59:00+01:00", cal));
  // On the 30th in February: the latest one is 28 February.
  const calendar march = calendar_at("Europe/Berlin", "2026-03-10T12:00:00+01:00");
  CHECK_FALSE(due("every month on 30", "2026-02-28T09:00:00+01:00", march));
  CHECK(due("every month on 30", "2026-02-27T09:00:00+01:00", march));
  CHECK(review("every month on 15", "2026-11-15T10:00:00+01:00", cal) == "2026-12-15T00:00:00+01:00");
  CHECK(review("every month on 31", "2026-01-31T10:00:00+01:00", cal) == "2026-02-28T00:00:00+01:00");
}

TEST_CASE("cadence - every sunday turns due at Sunday 00:00 in the calendar's zone", "[cadence]") {
  const char* last = "2026-11-15T10:00:00+01:00";  // the Sunday before
  const calendar saturday_night = calendar_at("Europe/Berlin", "2026-11-21T23:59:00+01:00");
  CHECK_FALSE(due("every sunday", last, saturday_night));
  const calendar sunday_midnight = calendar_at("Europe/Berlin", "2026-11-22T00:00:00+01:00");
  CHECK(due("every sunday", last, sunday_midnight));
  const calendar sunday_morning = calendar_at("Europe/Berlin", "2026-11-22T00:01:00+01:00");
  CHECK(due("every sunday", last, sunday_morning));
  CHECK_FALSE(due("every sunday", "2026-11-22T00:00:30+01:00", sunday_morning));
  CHECK(due("every sunday", nullptr, saturday_night));
  // Sunday 00:00 in Berlin is Saturday 23:00 UTC: in UTC the same instant is still Saturday.
  const calendar utc_saturday = calendar_at("UTC", "2026-11-21T23:30:00Z");
  CHECK_FALSE(due("every sunday", last, utc_saturday));
}

TEST_CASE("cadence - biweekly is due at once without a check-in and from 00:00 14 days after the last", "[cadence]") {
  const calendar cal = calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00");
  CHECK(due("biweekly", nullptr, cal));
  CHECK_FALSE(due("biweekly", "2026-11-09T08:00:00+01:00", cal));
  CHECK(due("biweekly", "2026-11-08T23:59:00+01:00", cal));
  CHECK(due("biweekly", "2026-11-01T10:00:00+01:00", cal));
}

TEST_CASE("cadence - every N days is due at once without a check-in and from 00:00 N days after the last", "[cadence]") {
  const calendar cal = calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00");
  CHECK(due("every 10 days", nullptr, cal));
  CHECK_FALSE(due("every 10 days", "2026-11-13T08:00:00+01:00", cal));
  CHECK(due("every 10 days", "2026-11-12T23:00:00+01:00", cal));
  CHECK(due("every 1 day", "2026-11-21T23:00:00+01:00", cal));
  CHECK_FALSE(due("every 1 day", "2026-11-22T00:30:00+01:00", cal));
  // Days are calendar days in the zone: a 23-hour DST day is still one day.
  const calendar after_change = calendar_at("Europe/Berlin", "2026-03-29T00:00:00+01:00");
  CHECK(due("every 1 day", "2026-03-28T10:00:00+01:00", after_change));
}

TEST_CASE("cadence - off is never due", "[cadence]") {
  const calendar cal = calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00");
  CHECK_FALSE(due("off", nullptr, cal));
  CHECK_FALSE(due("off", "2000-01-01T00:00:00Z", cal));
  CHECK_FALSE(review_due_at(parse_cadence("off"), ts("2026-01-01T00:00:00Z"), cal));
}

TEST_CASE("cadence - daily, weekly, biweekly and every N days reviews keep the local time of day", "[cadence]") {
  const calendar cal = calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00");
  CHECK(review("daily", "2026-03-28T10:00:00+01:00", cal) == "2026-03-29T10:00:00+02:00");
  CHECK(review("weekly", "2026-03-25T10:00:00+01:00", cal) == "2026-04-01T10:00:00+02:00");
  CHECK(review("biweekly", "2026-11-01T08:00:00+01:00", cal) == "2026-11-15T08:00:00+01:00");
  CHECK(review("every 10 days", "2026-11-01T08:00:00+01:00", cal) == "2026-11-11T08:00:00+01:00");
  // Counted in the calendar's zone even when `since` was written in another offset.
  CHECK(review("daily", "2026-11-01T02:00:00-05:00", cal) == "2026-11-02T08:00:00+01:00");
  // The same time the next day falls in the gap and moves forward by its hour.
  CHECK(review("daily", "2026-03-28T02:30:00+01:00", cal) == "2026-03-29T03:30:00+02:00");
}

TEST_CASE("cadence - a monthly review clamps Jan 31 to the end of February", "[cadence]") {
  const calendar cal = calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00");
  CHECK(review("monthly", "2026-01-31T09:00:00+01:00", cal) == "2026-02-28T09:00:00+01:00");
  CHECK(review("monthly", "2028-01-31T09:00:00+01:00", cal) == "2028-02-29T09:00:00+01:00");
  CHECK(review("monthly", "2026-03-15T09:00:00+01:00", cal) == "2026-04-15T09:00:00+02:00");
  CHECK(review("monthly", "2026-12-31T23:00:00+01:00", cal) == "2027-01-31T23:00:00+01:00");
}

TEST_CASE("cadence - every <weekday> reviews fall due at 00:00 of the next such day after since's day",
          "[cadence]") {
  const calendar cal = calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00");
  // From a Sunday, the next Sunday; from a Saturday, the very next day.
  CHECK(review("every sunday", "2026-11-22T10:00:00+01:00", cal) == "2026-11-29T00:00:00+01:00");
  CHECK(review("every sunday", "2026-11-21T23:59:00+01:00", cal) == "2026-11-22T00:00:00+01:00");
  CHECK(review("every monday", "2026-11-22T10:00:00+01:00", cal) == "2026-11-23T00:00:00+01:00");
}
