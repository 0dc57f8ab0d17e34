// A cadence is how often something recurs: a check-in, a boundary review. Forms: `daily`,
// `weekly`, `biweekly`, `monthly`, `every N days`, `every <weekday>` (`every sunday`), `off`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "balance/time.hpp"

namespace balance {

struct cadence {
  enum class kind { daily, weekly, biweekly, monthly, every_days, every_weekday, off };
  kind k = kind::weekly;
  int days = 0;          // for every_days
  unsigned weekday = 0;  // for every_weekday: 0 = Sunday … 6 = Saturday

  std::string to_string() const;  // canonical text, e.g. "every 10 days"
  friend bool operator==(const cadence&, const cadence&) = default;
};

// Throws error{usage} listing the accepted forms.
cadence parse_cadence(std::string_view text);
std::string_view cadence_forms();

// Is a check-in due now, given the person's last check-in? daily/weekly/monthly: none since the
// start of the current day/week/month; biweekly and every N days: 14 or N days after the last one
// (at once if none; calendar days in the calendar's zone, at the last one's local time of day);
// every <weekday>: none since the latest such day 00:00; off: never.
bool checkin_due(const cadence& c, std::optional<sys_seconds> last, const calendar& cal);

// When a review falls due: the cadence added to `since` (the later of the boundary's `at` and its
// last review), month arithmetic clamped to the month's end. Days are calendar days in the
// calendar's zone keeping since's local time of day; `every <weekday>` is 00:00 of the first such
// day after since's local day. nullopt for `off`.
std::optional<sys_seconds> review_due_at(const cadence& c, const timestamp& since, const calendar& cal);

}  // namespace balance
