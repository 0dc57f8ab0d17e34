// A period is a half-open span of time [begin, end) that a list or report covers, parsed from the
// PERIOD grammar: `today`, `yesterday`, `this-week`, `last-week`, `this-month`, `last-month`,
// `this-year`, `last-year`, `all`, `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-Www` (ISO week),
// `YYYY-Qn`, `Nd`/`Nw`/`Nmo`/`Ny` (the last N units ending today), and `A..B` where either side is
// any of these or a WHEN (`A..` and `..B` are open). Calendar units are counted in the calendar's
// zone, so a 23-hour DST day is still one day.
//
// `Nd` and `Nw` are the N (or 7N) days ending with today: `7d` is today and the 6 days before.
// `Nmo` and `Ny` run from tomorrow minus N months or years (clamped to the month's end) up to the
// end of today, so on a month's last day `3mo` is exactly the last three calendar months. `A..B`
// runs from A's begin to B's end; a WHEN side is an instant (begin at it / end at it).
//
// A period also knows its predecessor of the same kind (last month for a month, the previous 28
// days for `28d`, the previous three months for `2026-01..2026-03`, the same length just before
// for a range with a WHEN side), which reports use for trends.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"
#include "balance/time.hpp"

namespace balance {

// A calendar month, the unit of data files (`ledger/sam/2026-11.toml`).
struct BALANCE_API month {
  int year = 1970;
  unsigned number = 1;  // 1..12

  friend auto operator<=>(const month&, const month&) = default;
  month next() const { return number == 12 ? month{year + 1, 1} : month{year, number + 1}; }
  std::string to_string() const;  // "2026-11"
};

// Parses "YYYY-MM"; nullopt unless exactly that form with a valid month.
BALANCE_API std::optional<month> parse_month(std::string_view text);
// The month of a timestamp in its own offset (the month file it belongs in).
BALANCE_API month month_of(const timestamp& t);

enum class period_unit { none, day, week, month, quarter, year };

struct period {
  sys_seconds begin = sys_seconds::min();  // inclusive
  sys_seconds end = sys_seconds::max();    // exclusive
  std::string label;                       // what the user asked for, e.g. "last-month", "28d"

  // How to step to the previous period: `count` units back from `first_day`. `none` with a finite
  // span steps back by the span's length; `all` has no predecessor.
  period_unit unit = period_unit::none;
  int count = 0;
  local_days first_day{};

  bool is_all() const { return begin == sys_seconds::min() && end == sys_seconds::max(); }
  bool contains(sys_seconds t) const { return t >= begin && t < end; }
  bool contains(const timestamp& t) const { return contains(t.utc); }
};

// Throws error{usage} naming the bad part and listing the accepted forms.
BALANCE_API period parse_period(std::string_view text, const calendar& cal);
// `--since W --until W` (either may be empty: open). A date-only bound covers its whole day.
BALANCE_API period period_between(std::string_view since, std::string_view until, const calendar& cal);
// A command's period: `--since`/`--until` when either is given, else `--period`, else
// `default_period`. Both forms at once is a usage error.
BALANCE_API period select_period(std::string_view period_text, std::string_view since, std::string_view until,
                     std::string_view default_period, const calendar& cal);
// The period of equal kind just before p; nullopt for an open period.
BALANCE_API std::optional<period> previous_period(const period& p, const calendar& cal);
// The month files that can hold a record of the period: a record's file is the month of `at` in
// its own offset (up to ±14 h from UTC), so the range is widened by 14 h each side. For `all`
// the result is empty and callers list the directory instead.
BALANCE_API std::vector<month> months_covering(const period& p);

// How headings name a period: "28d (2026-10-26 – 2026-11-22)", "2026-11 (2026-11-01 – 2026-11-30)",
// "all time". The dates are the first and last local day in the calendar's zone.
BALANCE_API std::string describe_period(const period& p, const calendar& cal);

// "PERIOD is one of: ..." — the accepted forms, for error messages and --help.
BALANCE_API std::string_view period_forms();

}  // namespace balance
