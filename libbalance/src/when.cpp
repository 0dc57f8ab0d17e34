#include "balance/when.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/text.hpp"

namespace balance {

namespace {

constexpr std::string_view forms =
    "WHEN is one of: now, today, yesterday, today HH:MM, yesterday HH:MM, HH:MM (today), YYYY-MM-DD (12:00), "
    "YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DDTHH:MM[:SS], any date-time followed by Z or +HH:MM/-HH:MM, "
    "-N{m,h,d,w} (N minutes/hours/days/weeks ago)";

constexpr std::string_view duration_forms =
    "DURATION is a positive N followed by m, h, d or w (30m, 2h, 1d, 1w), such parts from the largest "
    "unit down (1h30m), or a bare number of minutes";

// Nine digits is far beyond any sensible count and keeps every product within 64 bits.
constexpr std::size_t max_count_digits = 9;

constexpr local_days earliest_day = local_days{std::chrono::year{1} / 1 / 1};

constexpr std::string_view month_names[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};

[[noreturn]] void fail(std::string_view text, std::string_view reason) {
  throw error(errc::usage, fmt::format("bad WHEN \"{}\": {}; {}", text, reason, forms));
}

[[noreturn]] void fail_duration(std::string_view text, std::string_view reason) {
  throw error(errc::usage, fmt::format("bad DURATION \"{}\": {}; {}", text, reason, duration_forms));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }


// Reads between `min` and `max` digits at `pos`, advancing it.
std::optional<std::int64_t> read_number(std::string_view s, std::size_t& pos, std::size_t min, std::size_t max) {
  std::size_t end = pos;
  while (end < s.size() && end - pos < max && is_digit(s[end])) ++end;
  if (end - pos < min || (end < s.size() && is_digit(s[end]))) return std::nullopt;
  std::int64_t value = 0;
  for (; pos < end; ++pos) value = value * 10 + (s[pos] - '0');
  return value;
}

// `H:MM` or `HH:MM`, optionally `:SS`, at `pos`; fails naming what is wrong.
std::chrono::seconds read_clock(std::string_view original, std::string_view s, std::size_t& pos) {
  const auto hour = read_number(s, pos, 1, 2);
  if (!hour || pos >= s.size() || s[pos] != ':') fail(original, "expected a time HH:MM");
  ++pos;
  const auto minute = read_number(s, pos, 2, 2);
  if (!minute) fail(original, "expected a time HH:MM");
  std::int64_t second = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    const auto seconds = read_number(s, pos, 2, 2);
    if (!seconds) fail(original, "expected seconds as :SS");
    second = *seconds;
  }
  if (*hour > 23) fail(original, fmt::format("hour {} is not 00-23", *hour));
  if (*minute > 59) fail(original, fmt::format("minute {:02} is not 00-59", *minute));
  if (second > 59) fail(original, fmt::format("second {:02} is not 00-59", second));
  return std::chrono::hours{*hour} + std::chrono::minutes{*minute} + std::chrono::seconds{second};
}

// `YYYY-MM-DD` at `pos`, validated as a real calendar date.
local_days read_date(std::string_view original, std::string_view s, std::size_t& pos) {
  const auto year = read_number(s, pos, 4, 4);
  if (!year || pos >= s.size() || s[pos] != '-') fail(original, "expected a date YYYY-MM-DD");
  ++pos;
  const auto month = read_number(s, pos, 2, 2);
  if (!month || pos >= s.size() || s[pos] != '-') fail(original, "expected a date YYYY-MM-DD");
  ++pos;
  const auto day = read_number(s, pos, 2, 2);
  if (!day) fail(original, "expected a date YYYY-MM-DD");
  if (*month < 1 || *month > 12) fail(original, fmt::format("month {:02} is not 01-12", *month));
  const std::chrono::year_month ym{std::chrono::year{static_cast<int>(*year)},
                                   std::chrono::month{static_cast<unsigned>(*month)}};
  const std::chrono::year_month_day ymd = ym / std::chrono::day{static_cast<unsigned>(*day)};
  if (!ymd.ok()) {
    const unsigned last = static_cast<unsigned>((ym / std::chrono::last).day());
    fail(original, fmt::format("{:04}-{:02}-{:02} is not a date ({} {} has {} days)", *year, *month, *day,
                               month_names[static_cast<std::size_t>(*month - 1)], *year, last));
  }
  return local_days{ymd};
}


timestamp local_in(const calendar& cal, local_seconds t) { return cal.tz.at(cal.tz.to_sys(t)); }

timestamp noon_of(const calendar& cal, local_days d) { return local_in(cal, d + std::chrono::hours{12}); }

// `-N{m,h,d,w}`. Minutes and hours are exact; days and weeks are calendar days in the zone that keep
// the local time of day, so `-1d` across a DST change is still "this time yesterday".
timestamp parse_ago(std::string_view original, std::string_view s, const calendar& cal) {
  std::size_t pos = 1;
  const auto count = read_number(s, pos, 1, max_count_digits);
  if (!count) fail(original, "expected -N followed by m, h, d or w");
  if (pos + 1 != s.size()) fail(original, "expected -N followed by m, h, d or w");
  if (*count == 0) fail(original, "N must be at least 1");
  const local_seconds now_local = cal.tz.at(cal.now.utc).local();
  local_seconds then{};
  switch (s[pos]) {
    case 'm': then = now_local - std::chrono::minutes{*count}; break;
    case 'h': then = now_local - std::chrono::hours{*count}; break;
    case 'd': then = now_local - std::chrono::days{*count}; break;
    case 'w': then = now_local - std::chrono::weeks{*count}; break;
    default: fail(original, fmt::format("unknown unit '{}' (use m, h, d or w)", s[pos]));
  }
  if (then < earliest_day) fail(original, "reaches back before the year 1");
  if (s[pos] == 'm' || s[pos] == 'h') {
    const sys_seconds instant = cal.now.utc - (now_local - then);
    return cal.tz.at(instant);
  }
  return cal.tz.at(cal.tz.to_sys_lenient(then));
}

// `today` or `yesterday`, alone or with a clock time; nothing when `s` starts with neither.
std::optional<timestamp> parse_day_word(std::string_view text, std::string_view s, const calendar& cal) {
  const local_days today = cal.today();
  for (const auto& [word, day] : {std::pair{std::string_view("today"), today},
                                  std::pair{std::string_view("yesterday"), today - std::chrono::days{1}}}) {
    if (s == word) {
      const timestamp noon = noon_of(cal, day);
      // `today` stands for "some time today, but not in the future".
      return day == today && cal.now < noon ? cal.now : noon;
    }
    if (s.size() > word.size() && s.compare(0, word.size(), word) == 0) {
      std::size_t pos = word.size();
      if (s[pos] != ' ') fail(text, fmt::format("expected {} or {} HH:MM", word, word));
      while (pos < s.size() && s[pos] == ' ') ++pos;
      const auto clock = read_clock(text, s, pos);
      if (pos != s.size()) fail(text, fmt::format("unexpected \"{}\" after the time", s.substr(pos)));
      return local_in(cal, day + clock);
    }
  }
  return std::nullopt;
}

// `Z`, `+HH:MM` or `-HH:MM` at `pos`, right after the clock time.
std::chrono::minutes read_offset(std::string_view text, std::string_view s, std::size_t& pos) {
  if (s[pos] == 'z') {
    ++pos;
    return std::chrono::minutes{0};
  }
  if (s[pos] != '+' && s[pos] != '-') fail(text, fmt::format("unexpected \"{}\" after the time", s.substr(pos)));
  const char sign = s[pos++];
  const auto hours = read_number(s, pos, 2, 2);
  if (!hours || pos >= s.size() || s[pos] != ':') fail(text, "expected an offset as Z, +HH:MM or -HH:MM");
  ++pos;
  const auto minutes = read_number(s, pos, 2, 2);
  if (!minutes) fail(text, "expected an offset as Z, +HH:MM or -HH:MM");
  if (*minutes > 59) fail(text, fmt::format("offset minutes {:02} are not 00-59", *minutes));
  const std::chrono::minutes offset = std::chrono::hours{*hours} + std::chrono::minutes{*minutes};
  if (!valid_offset(offset)) {
    fail(text, fmt::format("offset {}{:02}:{:02} is beyond ±14:00", sign, *hours, *minutes));
  }
  return sign == '-' ? -offset : offset;
}

}  // namespace

std::string_view when_forms() { return forms; }

timestamp parse_when(std::string_view text, const calendar& cal) {
  const std::string s = ascii_lower(trim(text));
  if (s.empty()) fail(text, "it is empty");
  if (s == "now") return cal.now;
  if (s.front() == '-') return parse_ago(text, s, cal);
  if (auto t = parse_day_word(text, s, cal)) return *t;

  if (!is_digit(s.front())) fail(text, "unknown word");

  // A bare clock time has its ':' within the first three characters; a date has '-' there.
  if (const auto colon = s.find(':'); colon != std::string::npos && colon <= 2) {
    std::size_t pos = 0;
    const auto clock = read_clock(text, s, pos);
    if (pos != s.size()) fail(text, fmt::format("unexpected \"{}\" after the time", s.substr(pos)));
    return local_in(cal, cal.today() + clock);
  }

  std::size_t pos = 0;
  const local_days day = read_date(text, s, pos);
  if (pos == s.size()) return noon_of(cal, day);
  if (s[pos] != ' ' && s[pos] != 't') fail(text, "expected a space or T between the date and the time");
  ++pos;
  const local_seconds local = day + read_clock(text, s, pos);
  if (pos == s.size()) return local_in(cal, local);

  const std::chrono::minutes offset = read_offset(text, s, pos);
  if (pos != s.size()) fail(text, fmt::format("unexpected \"{}\" after the offset", s.substr(pos)));
  // An explicit offset says exactly which instant was meant, and the record keeps it as written.
  return timestamp{sys_seconds{local.time_since_epoch() - offset}, offset};
}

namespace {

// Minutes per DURATION unit, largest first; 0 for a character that is not a unit.
std::int64_t minutes_per(char unit) {
  switch (unit) {
    case 'w': return 60 * 24 * 7;
    case 'd': return 60 * 24;
    case 'h': return 60;
    case 'm': return 1;
    default: return 0;
  }
}

}  // namespace

std::chrono::minutes parse_duration(std::string_view text) {
  const std::string s = ascii_lower(trim(text));
  if (s.empty()) fail_duration(text, "it is empty");
  if (s.front() == '-') fail_duration(text, "it must be positive");
  // "90", "2h", or parts from the largest unit down: "1h30m", "1d12h".
  std::size_t pos = 0;
  std::int64_t total = 0;
  std::int64_t last_unit = 0;  // the previous part's unit: each next one must be smaller
  while (pos < s.size()) {
    const auto count = read_number(s, pos, 1, max_count_digits);
    if (!count) fail_duration(text, "expected a number");
    if (pos == s.size()) {
      if (last_unit != 0) fail_duration(text, "a number after a unit needs its own unit (1h30m)");
      total = *count;  // a bare number of minutes
      break;
    }
    const std::int64_t per_unit = minutes_per(s[pos]);
    if (per_unit == 0) fail_duration(text, fmt::format("unknown unit \"{}\"", s.substr(pos)));
    if (last_unit != 0 && per_unit >= last_unit)
      fail_duration(text, "give the units from the largest to the smallest, each once (1h30m)");
    total += *count * per_unit;
    last_unit = per_unit;
    ++pos;
  }
  if (total == 0) fail_duration(text, "it must be positive");
  return std::chrono::minutes{total};
}

}  // namespace balance
