#include "balance/period.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include <date/date.h>
#include <date/iso_week.h>
#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/text.hpp"
#include "balance/when.hpp"

namespace balance {

namespace {

constexpr std::string_view forms =
    "PERIOD is one of: today, yesterday, this-week, last-week, this-month, last-month, this-year, last-year, "
    "all, YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www (ISO week), YYYY-Qn, Nd, Nw, Nmo, Ny (the last N days, weeks, "
    "months or years ending today), A..B (A and B any of these or a WHEN; A.. and ..B are open)";

constexpr std::size_t max_count_digits = 9;
constexpr int first_year = 1;
constexpr int last_year = 9999;

[[noreturn]] void fail(std::string_view text, std::string_view reason) {
  throw error(errc::usage, fmt::format("bad period \"{}\": {}; {}", text, reason, forms));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }


bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

std::int64_t to_number(std::string_view digits) {
  std::int64_t value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

std::string date_text(local_days d) {
  const std::chrono::year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

// Calendar months added to a day, clamped to the end of a shorter month (Jan 31 + 1 month = Feb 28);
// nullopt when the result leaves the years 1..9999.
std::optional<local_days> add_months(local_days d, std::int64_t n) {
  const std::chrono::year_month_day ymd{d};
  const std::int64_t total = static_cast<std::int64_t>(static_cast<int>(ymd.year())) * 12 +
                             static_cast<std::int64_t>(static_cast<unsigned>(ymd.month())) - 1 + n;
  const std::int64_t year = total >= 0 ? total / 12 : -((-total + 11) / 12);
  if (year < first_year || year > last_year) return std::nullopt;
  const std::chrono::year_month ym{std::chrono::year{static_cast<int>(year)},
                                   std::chrono::month{static_cast<unsigned>(total - year * 12 + 1)}};
  const std::chrono::day last = (ym / std::chrono::last).day();
  return local_days{ym / std::min(ymd.day(), last)};
}

bool in_range(local_days d) {
  return d >= local_days{std::chrono::year{first_year} / 1 / 1} &&
         d <= local_days{std::chrono::year{last_year} / 12 / 31};
}

// `n` units after d (before, when negative); nullopt outside the years 1..9999.
std::optional<local_days> add_units(local_days d, period_unit unit, std::int64_t n) {
  std::optional<local_days> result;
  switch (unit) {
    case period_unit::day: result = d + std::chrono::days{n}; break;
    case period_unit::week: result = d + std::chrono::days{7 * n}; break;
    case period_unit::month: return add_months(d, n);
    case period_unit::quarter: return add_months(d, 3 * n);
    case period_unit::year: return add_months(d, 12 * n);
    case period_unit::none: return std::nullopt;
  }
  if (result && !in_range(*result)) return std::nullopt;
  return result;
}

// The k with `add_units(from, unit, k) == to`, if there is one.
std::optional<std::int64_t> whole_units(local_days from, local_days to, period_unit unit) {
  std::int64_t k = 0;
  const std::int64_t days = (to - from).count();
  const std::chrono::year_month_day a{from};
  const std::chrono::year_month_day b{to};
  const std::int64_t months = (static_cast<int>(b.year()) - static_cast<int>(a.year())) * 12 +
                              static_cast<std::int64_t>(static_cast<unsigned>(b.month())) -
                              static_cast<std::int64_t>(static_cast<unsigned>(a.month()));
  switch (unit) {
    case period_unit::day: k = days; break;
    case period_unit::week: k = days / 7; break;
    case period_unit::month: k = months; break;
    case period_unit::quarter: k = months / 3; break;
    case period_unit::year: k = months / 12; break;
    case period_unit::none: return std::nullopt;
  }
  if (k <= 0 || add_units(from, unit, k) != to) return std::nullopt;
  return k;
}

local_days iso_week_monday(int year, unsigned week) {
  const iso_week::year_weeknum_weekday yww{iso_week::year{year}, iso_week::weeknum{week}, iso_week::mon};
  const date::sys_days monday{yww};
  return local_days{std::chrono::days{monday.time_since_epoch().count()}};
}

// The text a period of `count` units from `first` would be asked for by (a date range when none fits).
std::string canonical_label(period_unit unit, int count, local_days first, local_days last_day) {
  const std::chrono::year_month_day ymd{first};
  const int year = static_cast<int>(ymd.year());
  const unsigned month_number = static_cast<unsigned>(ymd.month());
  const bool first_of_month = ymd.day() == std::chrono::day{1};
  if (count == 1) {
    switch (unit) {
      case period_unit::day: return date_text(first);
      case period_unit::month:
        if (first_of_month) return fmt::format("{:04}-{:02}", year, month_number);
        break;
      case period_unit::quarter:
        if (first_of_month && month_number % 3 == 1) return fmt::format("{:04}-Q{}", year, (month_number + 2) / 3);
        break;
      case period_unit::year:
        if (first_of_month && month_number == 1) return fmt::format("{:04}", year);
        break;
      case period_unit::week:
        if (std::chrono::weekday{first} == std::chrono::Monday) {
          const iso_week::year_weeknum_weekday yww{
              date::sys_days{date::days{static_cast<int>(first.time_since_epoch().count())}}};
          return fmt::format("{:04}-W{:02}", static_cast<int>(yww.year()), static_cast<unsigned>(yww.weeknum()));
        }
        break;
      case period_unit::none: break;
    }
  }
  return fmt::format("{}..{}", date_text(first), date_text(last_day));
}

// The days [first, end_day) of the calendar as a period.
period whole_days(const calendar& cal, std::string label, period_unit unit, int count, local_days first,
                  local_days end_day) {
  period p;
  p.begin = cal.tz.day_start(first);
  p.end = cal.tz.day_start(end_day);
  p.label = std::move(label);
  p.unit = unit;
  p.count = count;
  p.first_day = first;
  return p;
}

period units_from(const calendar& cal, std::string label, period_unit unit, local_days first) {
  // add_units only fails outside the years 1..9999, which callers have ruled out for `first`.
  const local_days end_day = add_units(first, unit, 1).value_or(first);
  return whole_days(cal, std::move(label), unit, 1, first, end_day);
}

std::chrono::year_month_day checked_date(std::string_view original, std::int64_t year, std::int64_t month,
                                         std::int64_t day) {
  if (month < 1 || month > 12) fail(original, fmt::format("month {:02} is not 01-12", month));
  const std::chrono::year_month ym{std::chrono::year{static_cast<int>(year)},
                                   std::chrono::month{static_cast<unsigned>(month)}};
  const std::chrono::year_month_day ymd = ym / std::chrono::day{static_cast<unsigned>(day)};
  if (!ymd.ok()) {
    fail(original, fmt::format("{:04}-{:02}-{:02} is not a date (that month has {} days)", year, month, day,
                               static_cast<unsigned>((ym / std::chrono::last).day())));
  }
  return ymd;
}

// `Nd`, `Nw`, `Nmo`, `Ny`: the last N units ending with today.
std::optional<period> parse_last_n(std::string_view original, std::string_view s, const calendar& cal) {
  std::size_t digits = 0;
  while (digits < s.size() && is_digit(s[digits])) ++digits;
  if (digits == 0) return std::nullopt;
  const std::string_view suffix = s.substr(digits);
  period_unit unit = period_unit::none;
  if (suffix == "d") unit = period_unit::day;
  else if (suffix == "w") unit = period_unit::week;
  else if (suffix == "mo") unit = period_unit::month;
  else if (suffix == "y") unit = period_unit::year;
  else return std::nullopt;

  if (digits > max_count_digits) fail(original, "N is too large");
  const std::int64_t n = to_number(s.substr(0, digits));
  if (n < 1) fail(original, "N must be at least 1");

  const local_days tomorrow = cal.today() + std::chrono::days{1};
  // Counting back from tomorrow makes every form end with today and `7d` start 6 days ago; for
  // months and years the start is clamped (tomorrow = Mar 31 gives `1mo` from Feb 28), and on a
  // month's last day `Nmo` is exactly the last N calendar months.
  const auto first = add_units(tomorrow, unit, -n);
  if (!first) fail(original, "it reaches back before the year 1");
  return whole_days(cal, std::string(original), unit, static_cast<int>(n), *first, tomorrow);
}

// `all`, `today`, `this-week`, `last-month` and the other named periods.
std::optional<period> parse_named(std::string_view original, std::string_view s, const calendar& cal) {
  const std::string label(original);
  const local_days today = cal.today();
  const std::chrono::year_month_day now_ymd{today};
  const local_days this_month = local_days{now_ymd.year() / now_ymd.month() / 1};
  const local_days this_year = local_days{now_ymd.year() / 1 / 1};
  const local_days this_week = cal.week_begin(today);

  if (s == "all") {
    period p;
    p.label = label;
    return p;
  }
  if (s == "today") return units_from(cal, label, period_unit::day, today);
  if (s == "yesterday") return units_from(cal, label, period_unit::day, today - std::chrono::days{1});
  if (s == "this-week") return units_from(cal, label, period_unit::week, this_week);
  if (s == "last-week") return units_from(cal, label, period_unit::week, this_week - std::chrono::days{7});
  if (s == "this-month") return units_from(cal, label, period_unit::month, this_month);
  if (s == "last-month") {
    return units_from(cal, label, period_unit::month, add_months(this_month, -1).value_or(this_month));
  }
  if (s == "this-year") return units_from(cal, label, period_unit::year, this_year);
  if (s == "last-year") {
    return units_from(cal, label, period_unit::year, add_months(this_year, -12).value_or(this_year));
  }
  return std::nullopt;
}

// `YYYY-Www`, with `rest` the part after `YYYY-`.
period iso_week_period(std::string_view original, std::int64_t year, std::string_view rest, const calendar& cal) {
  const auto week = static_cast<unsigned>(to_number(rest.substr(1)));
  const auto weeks_in_year = static_cast<unsigned>((iso_week::year{static_cast<int>(year)} / iso_week::last).weeknum());
  if (week < 1 || week > weeks_in_year) {
    fail(original,
         fmt::format("week {:02} is not 01-{} (ISO year {} has {} weeks)", week, weeks_in_year, year, weeks_in_year));
  }
  return units_from(cal, std::string(original), period_unit::week, iso_week_monday(static_cast<int>(year), week));
}

// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-Www` and `YYYY-Qn`, for text that starts `YYYY` then
// ends or has a '-'.
std::optional<period> parse_dated(std::string_view original, std::string_view s, const calendar& cal) {
  const std::string label(original);
  const std::int64_t year = to_number(s.substr(0, 4));
  if (year < first_year) fail(original, "the year must be 0001-9999");
  if (s.size() == 4) {
    return units_from(cal, label, period_unit::year, local_days{std::chrono::year{static_cast<int>(year)} / 1 / 1});
  }
  const std::string_view rest = s.substr(5);
  if (rest.size() == 2 && all_digits(rest)) {
    const auto ymd = checked_date(original, year, to_number(rest), 1);
    return units_from(cal, label, period_unit::month, local_days{ymd});
  }
  if (rest.size() == 5 && all_digits(rest.substr(0, 2)) && rest[2] == '-' && all_digits(rest.substr(3))) {
    const auto ymd = checked_date(original, year, to_number(rest.substr(0, 2)), to_number(rest.substr(3)));
    return units_from(cal, label, period_unit::day, local_days{ymd});
  }
  if (rest.size() == 3 && rest[0] == 'w' && all_digits(rest.substr(1))) return iso_week_period(original, year, rest, cal);
  if (rest.size() == 2 && rest[0] == 'q' && is_digit(rest[1])) {
    const auto quarter = static_cast<unsigned>(rest[1] - '0');
    if (quarter < 1 || quarter > 4) fail(original, fmt::format("quarter {} is not 1-4", quarter));
    const std::chrono::year_month_day first{std::chrono::year{static_cast<int>(year)},
                                            std::chrono::month{quarter * 3 - 2}, std::chrono::day{1}};
    return units_from(cal, label, period_unit::quarter, local_days{first});
  }
  if (rest.size() == 2 && all_digits(rest.substr(0, 1))) fail(original, "expected a two-digit month as YYYY-MM");
  // Longer digit forms (`2026-03-01 10:00`) are WHENs, which only ranges accept.
  return std::nullopt;
}

// One period that is not a range; nullopt when the text has none of the period shapes (it may
// still be a WHEN inside a range). Throws when it has a period's shape but bad values.
std::optional<period> parse_single(std::string_view original, std::string_view s, const calendar& cal) {
  if (auto p = parse_named(original, s, cal)) return p;
  if (s.size() >= 4 && all_digits(s.substr(0, 4)) && (s.size() == 4 || s[4] == '-')) return parse_dated(original, s, cal);
  return parse_last_n(original, s, cal);
}

struct bound {
  sys_seconds at;
  std::optional<period> whole;  // set when the bound was a period rather than a WHEN
};

bound parse_bound(std::string_view text, const calendar& cal, bool is_end) {
  if (auto p = parse_single(text, ascii_lower(text), cal)) {
    if (p->is_all()) return {is_end ? sys_seconds::max() : sys_seconds::min(), std::nullopt};
    return {is_end ? p->end : p->begin, std::move(p)};
  }
  return {parse_when(text, cal).utc, std::nullopt};
}

std::string instant_text(const calendar& cal, sys_seconds t) { return format_timestamp(cal.tz.at(t)); }

}  // namespace

std::string month::to_string() const { return fmt::format("{:04}-{:02}", year, number); }

std::optional<month> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-' || !all_digits(text.substr(0, 4)) || !all_digits(text.substr(5))) {
    return std::nullopt;
  }
  const auto number = static_cast<unsigned>(to_number(text.substr(5)));
  if (number < 1 || number > 12) return std::nullopt;
  return month{static_cast<int>(to_number(text.substr(0, 4))), number};
}

month month_of(const timestamp& t) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t.local())};
  return month{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month())};
}

std::string_view period_forms() { return forms; }

std::string describe_period(const period& p, const calendar& cal) {
  if (p.is_all()) return "all time";
  std::string first = p.begin == sys_seconds::min() ? "…" : date_text(cal.day_of(p.begin));
  std::string last = p.end == sys_seconds::max() ? "…" : date_text(cal.day_of(p.end - std::chrono::seconds(1)));
  std::string span = first == last ? first : fmt::format("{} – {}", first, last);
  // A range's label repeats its dates; a date alone is its own name.
  if (p.label.empty() || p.label == first || p.label == span || p.label.find("..") != std::string::npos) return span;
  return fmt::format("{} ({})", p.label, span);
}

period parse_period(std::string_view text, const calendar& cal) {
  const std::string_view original = trim(text);
  if (original.empty()) fail(text, "it is empty");
  const auto dots = original.find("..");
  if (dots == std::string_view::npos) {
    if (auto p = parse_single(original, ascii_lower(original), cal)) return *std::move(p);
    static const std::vector<std::string> words = {"today",      "yesterday",  "this-week", "last-week", "this-month",
                                                   "last-month", "this-year",  "last-year", "all"};
    fail(original, fmt::format("unknown form{}", did_you_mean(ascii_lower(original), words)));
  }

  const std::string_view first_text = trim(original.substr(0, dots));
  const std::string_view last_text = trim(original.substr(dots + 2));
  if (first_text.empty() && last_text.empty()) fail(original, "a range needs at least one side");
  const bound first =
      first_text.empty() ? bound{sys_seconds::min(), std::nullopt} : parse_bound(first_text, cal, false);
  const bound last = last_text.empty() ? bound{sys_seconds::max(), std::nullopt} : parse_bound(last_text, cal, true);
  if (first.at >= last.at) {
    fail(original, fmt::format("the range is reversed: \"{}\" ends before \"{}\" begins", last_text, first_text));
  }

  period p;
  p.begin = first.at;
  p.end = last.at;
  p.label = std::string(original);
  if (first.whole && last.whole) {
    // A range of whole days steps back in calendar units: `2026-01..2026-03` before is Oct..Dec.
    const local_days first_day = first.whole->first_day;
    const local_days end_day = cal.day_of(p.end);
    p.first_day = first_day;
    p.unit = period_unit::day;
    p.count = static_cast<int>((end_day - first_day).count());
    if (first.whole->unit == last.whole->unit) {
      if (const auto k = whole_units(first_day, end_day, first.whole->unit)) {
        p.unit = first.whole->unit;
        p.count = static_cast<int>(*k);
      }
    }
  }
  return p;
}

period period_between(std::string_view since, std::string_view until, const calendar& cal) {
  const auto date_only = [](std::string_view s) {
    const std::string l = ascii_lower(trim(s));
    return l == "today" || l == "yesterday" ||
           (l.size() == 10 && all_digits(l.substr(0, 4)) && l[4] == '-' && all_digits(l.substr(5, 2)) &&
            l[7] == '-' && all_digits(l.substr(8)));
  };
  const auto read = [&](std::string_view flag, std::string_view s) {
    try {
      return parse_when(s, cal);
    } catch (const error& e) {
      throw error(errc::usage, fmt::format("{}: {}", flag, e.what()));
    }
  };

  period p;
  const std::string_view since_text = trim(since);
  const std::string_view until_text = trim(until);
  p.label = fmt::format("{}..{}", since_text, until_text);
  std::optional<local_days> first_day;
  std::optional<local_days> end_day;
  if (!since_text.empty()) {
    const timestamp t = read("--since", since_text);
    if (date_only(since_text)) {
      first_day = cal.day_of(t.utc);
      p.begin = cal.tz.day_start(*first_day);
    } else {
      p.begin = t.utc;
    }
  }
  if (!until_text.empty()) {
    const timestamp t = read("--until", until_text);
    if (date_only(until_text)) {
      end_day = cal.day_of(t.utc) + std::chrono::days{1};
      p.end = cal.tz.day_start(*end_day);
    } else {
      p.end = t.utc;
    }
  }
  if (p.begin >= p.end) {
    throw error(errc::usage, fmt::format("--until \"{}\" is not after --since \"{}\"", until_text, since_text));
  }
  if (first_day && end_day) {
    p.unit = period_unit::day;
    p.count = static_cast<int>((*end_day - *first_day).count());
    p.first_day = *first_day;
  }
  return p;
}

std::optional<period> previous_period(const period& p, const calendar& cal) {
  if (p.begin == sys_seconds::min() || p.end == sys_seconds::max() || p.begin >= p.end) return std::nullopt;
  if (p.unit == period_unit::none || p.count <= 0) {
    const auto length = p.end - p.begin;
    period before;
    before.end = p.begin;
    before.begin = p.begin - length;
    before.label = fmt::format("{}..{}", instant_text(cal, before.begin), instant_text(cal, before.end));
    return before;
  }
  const auto first = add_units(p.first_day, p.unit, -static_cast<std::int64_t>(p.count));
  if (!first) return std::nullopt;
  // Ending at p.begin keeps the two contiguous even where month clamping made p shorter.
  period before = whole_days(cal, canonical_label(p.unit, p.count, *first, p.first_day - std::chrono::days{1}),
                             p.unit, p.count, *first, p.first_day);
  before.end = p.begin;
  return before;
}

std::vector<month> months_covering(const period& p) {
  if (p.begin == sys_seconds::min() || p.end == sys_seconds::max() || p.begin >= p.end) return {};
  // A record's file is the month of its local time, which is up to 14 h either side of UTC.
  const auto widen = std::chrono::hours{14};
  const auto month_at = [](sys_seconds t) {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
    return month{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month())};
  };
  const month last = month_at(p.end + widen - std::chrono::seconds{1});
  std::vector<month> months;
  for (month m = month_at(p.begin - widen); m <= last; m = m.next()) months.push_back(m);
  return months;
}

period select_period(std::string_view period_text, std::string_view since, std::string_view until,
                     std::string_view default_period, const calendar& cal) {
  if (!period_text.empty() && (!since.empty() || !until.empty()))
    throw error(errc::usage, "use either --period or --since/--until, not both");
  if (!since.empty() || !until.empty()) return period_between(since, until, cal);
  return parse_period(period_text.empty() ? default_period : period_text, cal);
}

}  // namespace balance
