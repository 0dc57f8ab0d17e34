#include "balance/cadence.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/text.hpp"

namespace balance {

namespace {

constexpr std::string_view forms =
    "CADENCE is one of: daily, weekly, biweekly, monthly, every N days (N from 1 to 36500), "
    "every <weekday> (e.g. every sunday), every month on N (N from 1 to 31), off";

// A hundred years: longer is surely a typo, and it keeps day arithmetic far from overflow.
constexpr std::int64_t max_every_days = 36500;

constexpr std::string_view weekday_names[] = {"sunday",   "monday", "tuesday", "wednesday",
                                              "thursday", "friday", "saturday"};

[[noreturn]] void fail(std::string_view text, std::string_view reason) {
  throw error(errc::usage, fmt::format("bad cadence \"{}\": {}; {}", text, reason, forms));
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    if (c == ' ' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::optional<unsigned> weekday_named(std::string_view word) {
  for (unsigned i = 0; i < 7; ++i) {
    const std::string_view name = weekday_names[i];
    // Full names and the usual three-letter abbreviations ("sun", "wed").
    if (word == name || word == name.substr(0, 3)) return i;
  }
  return std::nullopt;
}


// One calendar month later at the same local time, clamped to the end of a shorter month.
local_seconds plus_one_month(local_seconds t) {
  const local_days day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::year_month next = std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{1};
  const std::chrono::day last = (next / std::chrono::last).day();
  return local_days{next / std::min(ymd.day(), last)} + (t - day);
}

int every_days(const cadence& c) {
  switch (c.k) {
    case cadence::kind::weekly: return 7;
    case cadence::kind::biweekly: return 14;
    default: return c.days;
  }
}

// The Nth of a month, or its last day when the month is shorter.
local_days day_in_month(std::chrono::year_month ym, int n) {
  const std::chrono::day last = (ym / std::chrono::last).day();
  return local_days{ym / std::min(std::chrono::day{static_cast<unsigned>(n)}, last)};
}

// The latest Nth (clamped) on or before `today`.
local_days latest_day_of_month(local_days today, int n) {
  const std::chrono::year_month_day ymd{today};
  const std::chrono::year_month ym{ymd.year(), ymd.month()};
  local_days here = day_in_month(ym, n);
  return here <= today ? here : day_in_month(ym - std::chrono::months{1}, n);
}

}  // namespace

std::string_view cadence_forms() { return forms; }

std::string cadence::to_string() const {
  switch (k) {
    case kind::daily: return "daily";
    case kind::weekly: return "weekly";
    case kind::biweekly: return "biweekly";
    case kind::monthly: return "monthly";
    case kind::every_days: return days == 1 ? "every 1 day" : fmt::format("every {} days", days);
    case kind::every_weekday: return fmt::format("every {}", weekday_names[weekday % 7]);
    case kind::every_month_on: return fmt::format("every month on {}", days);
    case kind::off: return "off";
  }
  return "off";
}

cadence parse_cadence(std::string_view text) {
  const std::vector<std::string> words = words_of(text);
  if (words.empty()) fail(text, "it is empty");
  cadence c;
  if (words.size() == 1) {
    const std::string& w = words[0];
    if (w == "daily") c.k = cadence::kind::daily;
    else if (w == "weekly") c.k = cadence::kind::weekly;
    else if (w == "biweekly") c.k = cadence::kind::biweekly;
    else if (w == "monthly") c.k = cadence::kind::monthly;
    else if (w == "off") c.k = cadence::kind::off;
    else {
      static const std::vector<std::string> single = {"daily", "weekly", "biweekly", "monthly", "off"};
      fail(text, fmt::format("unknown word \"{}\"{}", w, did_you_mean(w, single)));
    }
    return c;
  }
  if (words[0] != "every") fail(text, fmt::format("unknown word \"{}\"", words[0]));
  if (words.size() == 4 && words[1] == "month" && words[2] == "on") {
    const std::string& n = words[3];
    if (n.empty() || n.size() > 2 || !std::all_of(n.begin(), n.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) ||
        std::stoi(n) < 1 || std::stoi(n) > 31)
      fail(text, fmt::format("\"{}\" is not a day of the month (1 to 31)", n));
    c.k = cadence::kind::every_month_on;
    c.days = std::stoi(n);
    return c;
  }
  if (words.size() == 2) {
    const auto day = weekday_named(words[1]);
    if (!day) fail(text, fmt::format("\"{}\" is not a weekday (sunday ... saturday)", words[1]));
    c.k = cadence::kind::every_weekday;
    c.weekday = *day;
    return c;
  }
  if (words.size() != 3 || (words[2] != "days" && words[2] != "day"))
    fail(text, "expected every N days, every <weekday> or every month on N");
  const std::string& n = words[1];
  if (n.empty() || n.size() > 9 || !std::all_of(n.begin(), n.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    fail(text, fmt::format("\"{}\" is not a whole number of days", n));
  }
  const std::int64_t count = std::stoll(n);
  if (count < 1 || count > max_every_days) fail(text, fmt::format("N must be from 1 to {}", max_every_days));
  c.k = cadence::kind::every_days;
  c.days = static_cast<int>(count);
  return c;
}

bool checkin_due(const cadence& c, std::optional<sys_seconds> last, const calendar& cal) {
  const local_days today = cal.today();
  sys_seconds since{};
  switch (c.k) {
    case cadence::kind::off: return false;
    case cadence::kind::daily: since = cal.tz.day_start(today); break;
    case cadence::kind::every_weekday: {
      const unsigned now_weekday = std::chrono::weekday{today}.c_encoding();
      since = cal.tz.day_start(today - std::chrono::days{(now_weekday + 7 - c.weekday % 7) % 7});
      break;
    }
    case cadence::kind::every_month_on: since = cal.tz.day_start(latest_day_of_month(today, c.days)); break;
    case cadence::kind::weekly:
    case cadence::kind::biweekly:
    case cadence::kind::every_days:
    case cadence::kind::monthly: {
      if (!last) return true;
      // The person's own rhythm: from 00:00 of the day the cadence after their last check-in's
      // day (calendar days, so a 23-hour DST day is still one day).
      const local_days last_day = cal.day_of(*last);
      local_days due_day;
      if (c.k == cadence::kind::monthly) {
        const std::chrono::year_month_day ymd{last_day};
        due_day = day_in_month(std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{1},
                               static_cast<int>(static_cast<unsigned>(ymd.day())));
      } else {
        due_day = last_day + std::chrono::days{every_days(c)};
      }
      return cal.now.utc >= cal.tz.day_start(due_day);
    }
  }
  return !last || *last < since;
}

std::optional<sys_seconds> review_due_at(const cadence& c, const timestamp& since, const calendar& cal) {
  // Counted in the calendar's zone, whatever offset `since` was written in.
  const local_seconds local = cal.tz.at(since.utc).local();
  const local_days day = std::chrono::floor<std::chrono::days>(local);
  switch (c.k) {
    case cadence::kind::off: return std::nullopt;
    case cadence::kind::daily: return cal.tz.to_sys_lenient(local + std::chrono::days{1});
    case cadence::kind::weekly: return cal.tz.to_sys_lenient(local + std::chrono::days{7});
    case cadence::kind::biweekly:
    case cadence::kind::every_days: return cal.tz.to_sys_lenient(local + std::chrono::days{every_days(c)});
    case cadence::kind::monthly: return cal.tz.to_sys_lenient(plus_one_month(local));
    case cadence::kind::every_month_on: {
      // The first Nth (clamped) strictly after since's day.
      const std::chrono::year_month_day ymd{day};
      const std::chrono::year_month ym{ymd.year(), ymd.month()};
      local_days next = day_in_month(ym, c.days);
      if (next <= day) next = day_in_month(ym + std::chrono::months{1}, c.days);
      return cal.tz.day_start(next);
    }
    case cadence::kind::every_weekday: {
      const unsigned day_weekday = std::chrono::weekday{day}.c_encoding();
      // Strictly after since's day: a review done on a Sunday is next due the Sunday after.
      const unsigned ahead = (c.weekday % 7 + 7 - day_weekday) % 7;
      return cal.tz.day_start(day + std::chrono::days{ahead == 0 ? 7 : ahead});
    }
  }
  return std::nullopt;
}

}  // namespace balance
