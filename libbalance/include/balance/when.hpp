// WHEN and DURATION: the words people use on the command line for a moment and a length of time.
//
// WHEN (`--at`): `now`; `today` or `yesterday` (12:00, today capped at now), either optionally
// followed by `HH:MM`; `HH:MM` (today); `YYYY-MM-DD` (12:00 local); `YYYY-MM-DD HH:MM[:SS]` or with
// `T`; any of the date-time forms with an explicit offset or `Z` (±00:00 to ±14:00); `-N{m,h,d,w}`
// (ago; days and weeks are calendar days keeping the local time of day). Local times are read in
// the calendar's zone: a time in a DST gap is an error naming the zone, an ambiguous one takes the
// earlier instant.
// DURATION: `N{m,h,d,w}` (`30m`, `2h`, `1d`), or a bare number of minutes.
#pragma once

#include <chrono>
#include <string_view>

#include "balance/api.hpp"
#include "balance/time.hpp"

namespace balance {

// Throws error{usage} naming the bad part and listing the accepted forms.
BALANCE_API timestamp parse_when(std::string_view text, const calendar& cal);

// Throws error{usage} on anything but a positive duration.
BALANCE_API std::chrono::minutes parse_duration(std::string_view text);

// "WHEN is one of: ..." — the accepted forms, for error messages and --help.
BALANCE_API std::string_view when_forms();

}  // namespace balance
