#include "balance/when.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "balance/error.hpp"

namespace {

using balance::calendar;
using balance::errc;
using balance::parse_duration;
using balance::parse_when;

calendar calendar_at(const char* zone_name, const char* now) {
  calendar cal;
  cal.tz = balance::zone::locate(zone_name);
  const auto parsed = balance::parse_timestamp(now);
  REQUIRE(parsed);
  cal.now = cal.tz.at(parsed->utc);
  return cal;
}

// Sunday evening in Berlin, winter time.
calendar berlin_evening() { return calendar_at("Europe/Berlin", "2026-11-22T19:30:00+01:00"); }

std::string when(const char* text, const calendar& cal) { return balance::format_timestamp(parse_when(text, cal)); }

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

TEST_CASE("when - now is the calendar's now", "[when]") {
  const calendar cal = berlin_evening();
  CHECK(parse_when("now", cal) == cal.now);
  CHECK(when("now", cal) == "2026-11-22T19:30:00+01:00");
  CHECK(when("  NOW ", cal) == "2026-11-22T19:30:00+01:00");
}

TEST_CASE("when - bare today and yesterday are 12:00 local", "[when]") {
  const calendar cal = berlin_evening();
  CHECK(when("today", cal) == "2026-11-22T12:00:00+01:00");
  CHECK(when("yesterday", cal) == "2026-11-21T12:00:00+01:00");
}

TEST_CASE("when - bare today is capped at now before noon, yesterday is not", "[when]") {
  const calendar cal = calendar_at("Europe/Berlin", "2026-11-22T08:15:00+01:00");
  CHECK(when("today", cal) == "2026-11-22T08:15:00+01:00");
  CHECK(when("yesterday", cal) == "2026-11-21T12:00:00+01:00");
}

TEST_CASE("when - today HH:MM, yesterday HH:MM and a bare HH:MM are local times", "[when]") {
  const calendar cal = berlin_evening();
  CHECK(when("today 09:30", cal) == "2026-11-22T09:30:00+01:00");
  CHECK(when("yesterday 21:00", cal) == "2026-11-21T21:00:00+01:00");
  CHECK(when("Yesterday 21:00:15", cal) == "2026-11-21T21:00:15+01:00");
  CHECK(when("07:45", cal) == "2026-11-22T07:45:00+01:00");
  CHECK(when("7:45", cal) == "2026-11-22T07:45:00+01:00");
  // A time later today is allowed: planning ahead is the caller's business.
  CHECK(when("23:00", cal) == "2026-11-22T23:00:00+01:00");
}

TEST_CASE("when - YYYY-MM-DD is 12:00 local with the zone's offset on that day", "[when]") {
  const calendar cal = berlin_evening();
  CHECK(when("2026-07-01", cal) == "2026-07-01T12:00:00+02:00");
  CHECK(when("2026-01-05", cal) == "2026-01-05T12:00:00+01:00");
}

TEST_CASE("when - a date with a time, with a space or T, with or without seconds", "[when]") {
  const calendar cal = berlin_evening();
  CHECK(when("2026-07-01 08:30", cal) == "2026-07-01T08:30:00+02:00");
  CHECK(when("2026-07-01T08:30", cal) == "2026-07-01T08:30:00+02:00");
  CHECK(when("2026-07-01t08:30:45", cal) == "2026-07-01T08:30:45+02:00");
}

TEST_CASE("when - an explicit offset or Z is kept as written", "[when]") {
  const calendar cal = berlin_evening();
  CHECK(when("2026-07-01T08:30-04:00", cal) == "2026-07-01T08:30:00-04:00");
  CHECK(when("2026-07-01 08:30:10+05:45", cal) == "2026-07-01T08:30:10+05:45");
  CHECK(when("2026-07-01T08:30Z", cal) == "2026-07-01T08:30:00+00:00");
  CHECK(when("2026-07-01T08:30+14:00", cal) == "2026-07-01T08:30:00+14:00");
  // An offset pins the instant, so a local time skipped in the calendar's zone is fine.
  CHECK(when("2026-03-29T02:30+01:00", cal) == "2026-03-29T02:30:00+01:00");
}

TEST_CASE("when - offset +25:00 is rejected, as are offsets beyond 14:00 and minutes of 60", "[when]") {
  const calendar cal = berlin_evening();
  CHECK_THROWS_WITH(parse_when("2026-07-01T08:30+25:00", cal),
                    Catch::Contains("offset +25:00 is beyond ±14:00") && Catch::Contains("WHEN is one of"));
  CHECK(kind_of([&] { parse_when("2026-07-01T08:30+25:00", cal); }) == errc::usage);
  CHECK_THROWS_WITH(parse_when("2026-07-01T08:30-14:01", cal), Catch::Contains("beyond ±14:00"));
  CHECK_THROWS_WITH(parse_when("2026-07-01T08:30+01:60", cal), Catch::Contains("offset minutes 60"));
  CHECK_THROWS_WITH(parse_when("2026-07-01T08:30+0100", cal), Catch::Contains("+HH:MM"));
}

TEST_CASE("when - 2026-02-30 is not a date", "[when]") {
  const calendar cal = berlin_evening();
  CHECK_THROWS_WITH(parse_when("2026-02-30", cal),
                    Catch::Contains("bad WHEN \"2026-02-30\"") && Catch::Contains("2026-02-30 is not a date") &&
                        Catch::Contains("February 2026 has 28 days"));
  CHECK(kind_of([&] { parse_when("2026-02-30 10:00", cal); }) == errc::usage);
  CHECK_THROWS_WITH(parse_when("2026-13-01", cal), Catch::Contains("month 13 is not 01-12"));
  CHECK(when("2028-02-29", cal) == "2028-02-29T12:00:00+01:00");
}

TEST_CASE("when - hours past 23 and minutes past 59 are rejected", "[when]") {
  const calendar cal = berlin_evening();
  CHECK_THROWS_WITH(parse_when("24:00", cal), Catch::Contains("hour 24 is not 00-23"));
  CHECK_THROWS_WITH(parse_when("today 10:61", cal), Catch::Contains("minute 61 is not 00-59"));
  CHECK_THROWS_WITH(parse_when("2026-07-01 10:00:99", cal), Catch::Contains("second 99 is not 00-59"));
}

TEST_CASE("when - unknown words and trailing junk name the bad part and list the forms", "[when]") {
  const calendar cal = berlin_evening();
  CHECK_THROWS_WITH(parse_when("tomorrow", cal),
                    Catch::Contains("bad WHEN \"tomorrow\"") && Catch::Contains("WHEN is one of: now, today"));
  CHECK_THROWS_WITH(parse_when("", cal), Catch::Contains("empty"));
  CHECK_THROWS_WITH(parse_when("2026-07-01 10:00 pm", cal), Catch::Contains("\" pm\""));
  CHECK_THROWS_WITH(parse_when("today10:00", cal), Catch::Contains("bad WHEN"));
  CHECK_THROWS_WITH(parse_when("2026-7-1", cal), Catch::Contains("YYYY-MM-DD"));
}

TEST_CASE("when - -N{m,h} is exactly N minutes or hours ago", "[when]") {
  const calendar cal = berlin_evening();
  CHECK(when("-30m", cal) == "2026-11-22T19:00:00+01:00");
  CHECK(when("-2h", cal) == "2026-11-22T17:30:00+01:00");
  // Across the autumn fold 3 hours back is 3 real hours: 02:30 +01:00 minus 3h is 00:30 +02:00.
  const calendar fold = calendar_at("Europe/Berlin", "2026-10-25T02:30:00+01:00");
  CHECK(when("-3h", fold) == "2026-10-25T00:30:00+02:00");
  CHECK_THROWS_WITH(parse_when("-0m", cal), Catch::Contains("at least 1"));
  CHECK_THROWS_WITH(parse_when("-3x", cal), Catch::Contains("unknown unit 'x'"));
  CHECK_THROWS_WITH(parse_when("-999999999d", cal), Catch::Contains("before the year 1"));
}

TEST_CASE("when - -N{d,w} are calendar days that keep the local time across DST", "[when]") {
  const calendar cal = calendar_at("Europe/Berlin", "2026-03-30T10:00:00+02:00");
  CHECK(when("-1d", cal) == "2026-03-29T10:00:00+02:00");
  CHECK(when("-2d", cal) == "2026-03-28T10:00:00+01:00");
  CHECK(when("-1w", cal) == "2026-03-23T10:00:00+01:00");
  // The same local time yesterday falls in the gap: it moves forward by the gap's hour.
  const calendar at_gap_time = calendar_at("Europe/Berlin", "2026-03-30T02:30:00+02:00");
  CHECK(when("-1d", at_gap_time) == "2026-03-29T03:30:00+02:00");
}

TEST_CASE("when - a local time in the Europe/Berlin gap is an error naming the zone", "[when]") {
  const calendar cal = berlin_evening();
  CHECK_THROWS_WITH(parse_when("2026-03-29 02:30", cal),
                    Catch::Contains("2026-03-29 02:30 does not exist in Europe/Berlin"));
  CHECK(kind_of([&] { parse_when("2026-03-29 02:30", cal); }) == errc::usage);
  const calendar gap_day = calendar_at("Europe/Berlin", "2026-03-29T20:00:00+02:00");
  CHECK_THROWS_WITH(parse_when("today 02:15", gap_day), Catch::Contains("does not exist in Europe/Berlin"));
}

TEST_CASE("when - an ambiguous local time in Europe/Berlin takes the earlier instant (+02:00)", "[when]") {
  const calendar cal = berlin_evening();
  CHECK(when("2026-10-25 02:30", cal) == "2026-10-25T02:30:00+02:00");
  CHECK(when("2026-10-25 02:30+01:00", cal) == "2026-10-25T02:30:00+01:00");
}

TEST_CASE("when - America/New_York: 2026-03-08 02:30 is a gap, 2026-11-01 01:30 takes -04:00", "[when]") {
  const calendar cal = calendar_at("America/New_York", "2026-11-22T12:00:00-05:00");
  CHECK_THROWS_WITH(parse_when("2026-03-08T02:30", cal),
                    Catch::Contains("2026-03-08 02:30 does not exist in America/New_York"));
  CHECK(when("2026-11-01 01:30", cal) == "2026-11-01T01:30:00-04:00");
}

TEST_CASE("when - Australia/Lord_Howe: 02:00-02:30 on 2026-10-04 is a gap, 01:30-02:00 on 2026-04-05 a fold",
          "[when]") {
  const calendar cal = calendar_at("Australia/Lord_Howe", "2026-11-22T12:00:00+11:00");
  CHECK_THROWS_WITH(parse_when("2026-10-04 02:15", cal),
                    Catch::Contains("2026-10-04 02:15 does not exist in Australia/Lord_Howe"));
  CHECK(when("2026-10-04 02:30", cal) == "2026-10-04T02:30:00+11:00");
  CHECK(when("2026-10-04 01:59", cal) == "2026-10-04T01:59:00+10:30");
  CHECK(when("2026-04-05 01:45", cal) == "2026-04-05T01:45:00+11:00");
  CHECK(when("2026-04-05 02:00", cal) == "2026-04-05T02:00:00+10:30");
}

TEST_CASE("when - results do not depend on the machine's zone", "[when]") {
  const calendar utc = calendar_at("UTC", "2026-11-22T19:30:00Z");
  CHECK(when("today 09:30", utc) == "2026-11-22T09:30:00+00:00");
  CHECK(when("2026-07-01", utc) == "2026-07-01T12:00:00+00:00");
}

TEST_CASE("when - DURATION is N minutes, hours, days or weeks, or bare minutes", "[when]") {
  CHECK(parse_duration("30m") == std::chrono::minutes{30});
  CHECK(parse_duration("2h") == std::chrono::minutes{120});
  CHECK(parse_duration("1d") == std::chrono::minutes{1440});
  CHECK(parse_duration("1w") == std::chrono::minutes{10080});
  CHECK(parse_duration("45") == std::chrono::minutes{45});
  CHECK(parse_duration(" 90M ") == std::chrono::minutes{90});
}

TEST_CASE("when - DURATION takes parts from the largest unit down", "[when]") {
  CHECK(parse_duration("1h30m") == std::chrono::minutes{90});
  CHECK(parse_duration("1d12h") == std::chrono::minutes{2160});
  CHECK(parse_duration("1w2d3h4m") == std::chrono::minutes{10080 + 2880 + 180 + 4});
  CHECK(parse_duration("2H0M") == std::chrono::minutes{120});
  CHECK_THROWS_WITH(parse_duration("30m1h"), Catch::Contains("from the largest to the smallest"));
  CHECK_THROWS_WITH(parse_duration("1h1h"), Catch::Contains("each once"));
  CHECK_THROWS_WITH(parse_duration("1h30"), Catch::Contains("a number after a unit needs its own unit"));
  CHECK_THROWS_WITH(parse_duration("1h-30m"), Catch::Contains("expected a number"));
  CHECK_THROWS_WITH(parse_duration("0h0m"), Catch::Contains("it must be positive"));
}

TEST_CASE("when - DURATION must be positive and well formed", "[when]") {
  CHECK_THROWS_WITH(parse_duration("0"), Catch::Contains("bad DURATION \"0\": it must be positive") &&
                                             Catch::Contains("DURATION is"));
  CHECK(kind_of([] { parse_duration("0m"); }) == errc::usage);
  CHECK_THROWS_WITH(parse_duration("-5m"), Catch::Contains("positive"));
  CHECK_THROWS_WITH(parse_duration("5x"), Catch::Contains("unknown unit \"x\""));
  CHECK_THROWS_WITH(parse_duration("1.5h"), Catch::Contains("unknown unit \".5h\""));
  CHECK_THROWS_WITH(parse_duration("h"), Catch::Contains("expected a number"));
  CHECK_THROWS_WITH(parse_duration(""), Catch::Contains("empty"));
  CHECK_THROWS_WITH(parse_duration("12345678901m"), Catch::Contains("bad DURATION"));
}

TEST_CASE("when - when_forms lists every form", "[when]") {
  const std::string forms(balance::when_forms());
  for (const char* form : {"now", "today", "yesterday", "HH:MM", "YYYY-MM-DD", "Z", "-N{m,h,d,w}"}) {
    CHECK_THAT(forms, Catch::Contains(form));
  }
}
