// A cadence is how often something recurs: a check-in, a boundary review. Forms: `daily`,
// `weekly`, `biweekly`, `monthly`, `every N days`, `every <weekday>` (`every sunday`),
// `every month on N` (`every month on 1`), `off`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "balance/api.hpp"
#include "balance/time.hpp"

namespace balance {

struct BALANCE_API cadence {
  enum class kind { daily, weekly, biweekly, monthly, every_days, every_weekday, every_month_on, off };
  kind k = kind::weekly;
  int days = 0;          // for every_days; for every_month_on, the day of the month (1–31)
  unsigned weekday = 0;  // for every_weekday: 0 = Sunday … 6 = Saturday

  std::string to_string() const;  // canonical text, e.g. "every 10 days"
  friend bool operator==(const cadence&, const cadence&) = default;
};

// Throws error{usage} listing the accepted forms.
BALANCE_API cadence parse_cadence(std::string_view text);
BALANCE_API std::string_view cadence_forms();

// Is a check-in due now, given the person's last check-in? daily: none since the start of today.
// weekly, biweekly, every N days and monthly follow the person's own rhythm: due from 00:00 of the
// day 7, 14 or N days, or one calendar month (clamped), after the day of their last check-in (at
// once if none), so a morning cron sees a Sunday rhythm on Sunday. The calendar-anchored forms:
// every <weekday>, none since the latest such day 00:00; every month on N, none since the latest
// Nth (clamped to shorter months) 00:00. off: never. Days are in the calendar's zone.
BALANCE_API bool checkin_due(const cadence& c, std::optional<sys_seconds> last, const calendar& cal);

// When a review falls due: the cadence added to `since` (the later of the boundary's `at` and its
// last review), month arithmetic clamped to the month's end. Days are calendar days in the
// calendar's zone keeping since's local time of day; `every <weekday>` is 00:00 of the first such
// day after since's local day. nullopt for `off`.
BALANCE_API std::optional<sys_seconds> review_due_at(const cadence& c, const timestamp& since, const calendar& cal);

}  // namespace balance
