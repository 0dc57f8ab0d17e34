#include "balance/time.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <functional>
#include <optional>
#include <string>

#include "balance/error.hpp"

namespace {

using balance::errc;
using balance::error;
using balance::format_timestamp;
using balance::parse_timestamp;
using balance::timestamp;
using balance::zone;

// Sets or unsets an environment variable for one test and restores it afterwards.
class env_override {
 public:
  env_override(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) ::setenv(name, value, 1);
    else ::unsetenv(name);
  }
  ~env_override() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  env_override(const env_override&) = delete;
  env_override& operator=(const env_override&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

timestamp ts(const char* text) {
  const auto parsed = parse_timestamp(text);
  REQUIRE(parsed);
  return *parsed;
}

balance::local_seconds local(int y, unsigned m, unsigned d, int hour, int minute) {
  return balance::local_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} +
         std::chrono::hours{hour} + std::chrono::minutes{minute};
}

std::string in_zone(const zone& z, balance::sys_seconds t) { return format_timestamp(z.at(t)); }

errc kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const error& e) {
    return e.kind();
  }
  FAIL("expected balance::error");
  return errc::internal;
}

}  // namespace

TEST_CASE("time - format_timestamp writes the offset as +HH:MM and UTC as +00:00, never Z", "[time]") {
  CHECK(format_timestamp(ts("2026-11-22T18:30:00Z")) == "2026-11-22T18:30:00+00:00");
  CHECK(format_timestamp(ts("2026-11-22T19:30:00+01:00")) == "2026-11-22T19:30:00+01:00");
  CHECK(format_timestamp(ts("2026-07-01T08:05:09-04:00")) == "2026-07-01T08:05:09-04:00");
  CHECK(format_timestamp(ts("2026-07-01T08:05:09-03:30")) == "2026-07-01T08:05:09-03:30");
  CHECK(format_timestamp(ts("2026-07-01T08:05:09+05:45")) == "2026-07-01T08:05:09+05:45");
}

TEST_CASE("time - format_date is the date in the timestamp's own offset", "[time]") {
  // 23:30 in New York is already the next day in UTC.
  CHECK(format_date(ts("2026-11-22T23:30:00-05:00")) == "2026-11-22");
  CHECK(format_date(ts("2026-11-23T04:30:00Z")) == "2026-11-23");
}

TEST_CASE("time - parse_timestamp keeps the instant and the written offset", "[time]") {
  const timestamp t = ts("2026-11-22T19:30:00+01:00");
  CHECK(t.offset == std::chrono::minutes{60});
  CHECK(t.utc == ts("2026-11-22T18:30:00Z").utc);
  CHECK(t == ts("2026-11-22T13:30:00-05:00"));
  CHECK(t.local() == local(2026, 11, 22, 19, 30));
}

TEST_CASE("time - parse_timestamp accepts z, lowercase t, a space and drops fractional seconds", "[time]") {
  CHECK(ts("2026-11-22t18:30:00z").utc == ts("2026-11-22T18:30:00Z").utc);
  CHECK(ts("2026-11-22 18:30:00Z").utc == ts("2026-11-22T18:30:00Z").utc);
  CHECK(ts("2026-11-22T18:30:00.987654+00:00").utc == ts("2026-11-22T18:30:00Z").utc);
  CHECK(ts("2026-11-22T18:30:00+14:00").offset == std::chrono::hours{14});
  CHECK(ts("2026-11-22T18:30:00-14:00").offset == std::chrono::hours{-14});
  CHECK(parse_timestamp("2028-02-29T12:00:00Z"));
}

TEST_CASE("time - parse_timestamp rejects bad offsets, dates and times", "[time]") {
  CHECK_FALSE(parse_timestamp("2026-11-22T18:30:00+25:00"));
  CHECK_FALSE(parse_timestamp("2026-11-22T18:30:00+14:01"));
  CHECK_FALSE(parse_timestamp("2026-11-22T18:30:00-14:30"));
  CHECK_FALSE(parse_timestamp("2026-11-22T18:30:00+01:60"));
  CHECK_FALSE(parse_timestamp("2026-02-30T12:00:00Z"));
  CHECK_FALSE(parse_timestamp("2026-02-29T12:00:00Z"));
  CHECK_FALSE(parse_timestamp("2026-13-01T12:00:00Z"));
  CHECK_FALSE(parse_timestamp("2026-11-22T24:00:00Z"));
  CHECK_FALSE(parse_timestamp("2026-11-22T23:60:00Z"));
  CHECK_FALSE(parse_timestamp("2026-11-22T23:59:60Z"));
  CHECK_FALSE(parse_timestamp("2026-11-22T18:30:00"));
  CHECK_FALSE(parse_timestamp("2026-11-22T18:30Z"));
  CHECK_FALSE(parse_timestamp("2026-11-22T18:30:00Zjunk"));
  CHECK_FALSE(parse_timestamp("2026-11-22T18:30:00+0100"));
  CHECK_FALSE(parse_timestamp("2026-11-22T18:30:00.Z"));
  CHECK_FALSE(parse_timestamp("2026-11-22"));
  CHECK_FALSE(parse_timestamp(""));
}

TEST_CASE("time - valid_offset allows at most 14 hours either way", "[time]") {
  CHECK(balance::valid_offset(std::chrono::minutes{0}));
  CHECK(balance::valid_offset(std::chrono::hours{14}));
  CHECK(balance::valid_offset(-std::chrono::hours{14}));
  CHECK_FALSE(balance::valid_offset(std::chrono::minutes{14 * 60 + 1}));
  CHECK_FALSE(balance::valid_offset(-std::chrono::hours{25}));
}

TEST_CASE("time - zone::utc needs no tzdata and has offset zero", "[time]") {
  const zone utc = zone::utc();
  CHECK(utc.name() == "UTC");
  CHECK(utc.offset_at(ts("2026-07-01T00:00:00Z").utc) == std::chrono::minutes{0});
  CHECK(utc.to_sys(local(2026, 3, 29, 2, 30)) == ts("2026-03-29T02:30:00Z").utc);
  CHECK(utc.day_start(balance::local_days{std::chrono::year{2026} / 3 / 29}) == ts("2026-03-29T00:00:00Z").utc);
  CHECK(zone::locate("Etc/UTC").offset_at(ts("2026-07-01T00:00:00Z").utc) == std::chrono::minutes{0});
}

TEST_CASE("time - zone::locate names an unknown zone in a usage error", "[time]") {
  CHECK_THROWS_WITH(zone::locate("Mars/Olympus_Mons"), Catch::Contains("unknown time zone \"Mars/Olympus_Mons\""));
  CHECK(kind_of([] { zone::locate("Mars/Olympus_Mons"); }) == errc::usage);
  CHECK(zone::locate(":Europe/Berlin").name() == "Europe/Berlin");
}

TEST_CASE("time - Europe/Berlin is +01:00 in winter and +02:00 in summer", "[time]") {
  const zone berlin = zone::locate("Europe/Berlin");
  CHECK(berlin.offset_at(ts("2026-01-15T12:00:00Z").utc) == std::chrono::hours{1});
  CHECK(berlin.offset_at(ts("2026-07-15T12:00:00Z").utc) == std::chrono::hours{2});
  CHECK(in_zone(berlin, ts("2026-11-22T18:30:00Z").utc) == "2026-11-22T19:30:00+01:00");
}

TEST_CASE("time - 2026-03-29 02:30 does not exist in Europe/Berlin", "[time]") {
  const zone berlin = zone::locate("Europe/Berlin");
  CHECK_THROWS_WITH(berlin.to_sys(local(2026, 3, 29, 2, 30)),
                    Catch::Contains("2026-03-29 02:30 does not exist in Europe/Berlin") &&
                        Catch::Contains("from 02:00 to 03:00"));
  CHECK(kind_of([&] { berlin.to_sys(local(2026, 3, 29, 2, 30)); }) == errc::usage);
  CHECK(in_zone(berlin, berlin.to_sys(local(2026, 3, 29, 1, 59))) == "2026-03-29T01:59:00+01:00");
  CHECK(in_zone(berlin, berlin.to_sys(local(2026, 3, 29, 3, 0))) == "2026-03-29T03:00:00+02:00");
}

TEST_CASE("time - 2026-10-25 02:30 in Europe/Berlin is ambiguous and takes the earlier +02:00", "[time]") {
  const zone berlin = zone::locate("Europe/Berlin");
  CHECK(in_zone(berlin, berlin.to_sys(local(2026, 10, 25, 2, 30))) == "2026-10-25T02:30:00+02:00");
  CHECK(berlin.to_sys(local(2026, 10, 25, 2, 30)) == ts("2026-10-25T00:30:00Z").utc);
}

TEST_CASE("time - America/New_York skips 2026-03-08 02:30 and repeats 2026-11-01 01:30 at -04:00 first", "[time]") {
  const zone ny = zone::locate("America/New_York");
  CHECK_THROWS_WITH(ny.to_sys(local(2026, 3, 8, 2, 30)),
                    Catch::Contains("2026-03-08 02:30 does not exist in America/New_York"));
  CHECK(in_zone(ny, ny.to_sys(local(2026, 11, 1, 1, 30))) == "2026-11-01T01:30:00-04:00");
  CHECK(in_zone(ny, ny.to_sys(local(2026, 11, 1, 2, 30))) == "2026-11-01T02:30:00-05:00");
}

TEST_CASE("time - Australia/Lord_Howe shifts by 30 minutes: gap 02:00-02:30, fold 01:30-02:00", "[time]") {
  // tzdata: 2026-10-04 01:59:59 +10:30 is followed by 02:30:00 +11:00; 2026-04-05 01:59:59 +11:00 by
  // 01:30:00 +10:30.
  const zone lord_howe = zone::locate("Australia/Lord_Howe");
  CHECK_THROWS_WITH(lord_howe.to_sys(local(2026, 10, 4, 2, 0)),
                    Catch::Contains("2026-10-04 02:00 does not exist in Australia/Lord_Howe") &&
                        Catch::Contains("from 02:00 to 02:30"));
  CHECK_THROWS_WITH(lord_howe.to_sys(local(2026, 10, 4, 2, 29)), Catch::Contains("does not exist"));
  CHECK(in_zone(lord_howe, lord_howe.to_sys(local(2026, 10, 4, 1, 59))) == "2026-10-04T01:59:00+10:30");
  CHECK(in_zone(lord_howe, lord_howe.to_sys(local(2026, 10, 4, 2, 30))) == "2026-10-04T02:30:00+11:00");
  CHECK(in_zone(lord_howe, lord_howe.to_sys(local(2026, 4, 5, 1, 30))) == "2026-04-05T01:30:00+11:00");
  CHECK(in_zone(lord_howe, lord_howe.to_sys(local(2026, 4, 5, 1, 45))) == "2026-04-05T01:45:00+11:00");
  CHECK(in_zone(lord_howe, lord_howe.to_sys(local(2026, 4, 5, 2, 0))) == "2026-04-05T02:00:00+10:30");
}

TEST_CASE("time - day_start is local midnight, or the jump when midnight is skipped (America/Santiago)", "[time]") {
  const zone berlin = zone::locate("Europe/Berlin");
  CHECK(in_zone(berlin, berlin.day_start(balance::local_days{std::chrono::year{2026} / 3 / 29})) ==
        "2026-03-29T00:00:00+01:00");
  CHECK(in_zone(berlin, berlin.day_start(balance::local_days{std::chrono::year{2026} / 3 / 30})) ==
        "2026-03-30T00:00:00+02:00");
  // Chile starts DST at 24:00 on 2026-09-05: the clocks go from 23:59:59 to 01:00.
  const zone santiago = zone::locate("America/Santiago");
  CHECK(in_zone(santiago, santiago.day_start(balance::local_days{std::chrono::year{2026} / 9 / 6})) ==
        "2026-09-06T01:00:00-03:00");
}

TEST_CASE("time - calendar counts today and weeks in its own zone", "[time]") {
  balance::calendar cal;
  cal.tz = zone::locate("Asia/Tokyo");
  cal.now = cal.tz.at(ts("2026-11-22T16:00:00Z").utc);  // Monday 01:00 in Tokyo, still Sunday in UTC
  CHECK(cal.today() == balance::local_days{std::chrono::year{2026} / 11 / 23});
  CHECK(cal.day_of(ts("2026-11-22T14:59:59Z").utc) == balance::local_days{std::chrono::year{2026} / 11 / 22});
  CHECK(cal.week_begin(cal.today()) == balance::local_days{std::chrono::year{2026} / 11 / 23});
  cal.week_start = balance::week_start::sunday;
  CHECK(cal.week_begin(cal.today()) == balance::local_days{std::chrono::year{2026} / 11 / 22});
  CHECK(cal.week_begin(balance::local_days{std::chrono::year{2026} / 11 / 22}) ==
        balance::local_days{std::chrono::year{2026} / 11 / 22});
}

TEST_CASE("time - current_time reads BALANCE_NOW with an offset or Z", "[time]") {
  {
    env_override now("BALANCE_NOW", "2026-11-22T19:30:00+01:00");
    CHECK(balance::current_time() == ts("2026-11-22T18:30:00Z").utc);
  }
  {
    env_override now("BALANCE_NOW", "2026-11-22T18:30:00Z");
    CHECK(balance::current_time() == ts("2026-11-22T18:30:00Z").utc);
  }
}

TEST_CASE("time - a malformed BALANCE_NOW is a usage error naming BALANCE_NOW", "[time]") {
  env_override now("BALANCE_NOW", "yesterday-ish");
  CHECK_THROWS_WITH(balance::current_time(), Catch::Contains("BALANCE_NOW") && Catch::Contains("yesterday-ish"));
  CHECK(kind_of([] { balance::current_time(); }) == errc::usage);
  env_override bad_offset("BALANCE_NOW", "2026-11-22T19:30:00+25:00");
  CHECK_THROWS_WITH(balance::current_time(), Catch::Contains("BALANCE_NOW"));
}

TEST_CASE("time - without BALANCE_NOW current_time is the system clock in whole seconds", "[time]") {
  env_override now("BALANCE_NOW", nullptr);
  const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto t = balance::current_time();
  const auto after = std::chrono::system_clock::now();
  CHECK(t >= before);
  CHECK(t <= after);
  CHECK(t == std::chrono::floor<std::chrono::seconds>(t));
}

TEST_CASE("time - resolve_zone prefers BALANCE_TZ, then the repository, then TZ", "[time]") {
  env_override forced("BALANCE_TZ", "Asia/Tokyo");
  env_override tz("TZ", "America/New_York");
  CHECK(balance::resolve_zone("Europe/Berlin").name() == "Asia/Tokyo");
  {
    env_override unforced("BALANCE_TZ", nullptr);
    CHECK(balance::resolve_zone("Europe/Berlin").name() == "Europe/Berlin");
    CHECK(balance::resolve_zone("").name() == "America/New_York");
    env_override colon("TZ", ":Australia/Lord_Howe");
    CHECK(balance::resolve_zone("").name() == "Australia/Lord_Howe");
  }
  {
    env_override unforced("BALANCE_TZ", nullptr);
    env_override path("TZ", "/usr/share/zoneinfo/Asia/Tokyo");
    CHECK(balance::resolve_zone("").name() == "Asia/Tokyo");
  }
}

TEST_CASE("time - resolve_zone: unknown BALANCE_TZ is usage, unknown repo zone is config", "[time]") {
  env_override tz("TZ", nullptr);
  {
    env_override forced("BALANCE_TZ", "Nowhere/City");
    CHECK_THROWS_WITH(balance::resolve_zone(""), Catch::Contains("BALANCE_TZ") && Catch::Contains("Nowhere/City"));
    CHECK(kind_of([] { balance::resolve_zone(""); }) == errc::usage);
  }
  env_override unforced("BALANCE_TZ", nullptr);
  CHECK_THROWS_WITH(balance::resolve_zone("Nowhere/City"),
                    Catch::Contains("timezone") && Catch::Contains("Nowhere/City"));
  CHECK(kind_of([] { balance::resolve_zone("Nowhere/City"); }) == errc::config);
}

TEST_CASE("time - resolve_zone ignores an unknown TZ and uses the system zone", "[time]") {
  env_override unforced("BALANCE_TZ", nullptr);
  env_override tz("TZ", "EST+5FOO");
  CHECK(balance::resolve_zone("").name() == zone::system().name());
}

TEST_CASE("time - zone::system never throws", "[time]") {
  CHECK_NOTHROW(zone::system());
  CHECK_FALSE(zone::system().name().empty());
}
