// The words of the command line: WHEN, PERIOD, CADENCE and DURATION. The first byte picks the
// grammar and the calendar's week start; the rest is the word.
#include "balance/cadence.hpp"
#include "balance/error.hpp"
#include "balance/period.hpp"
#include "balance/when.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text = balance_fuzz::as_text(data + 1, size - 1);
  balance::calendar cal = balance_fuzz::fixed_calendar();
  if (data[0] & 0x80) cal.week_start = balance::week_start::sunday;
  try {
    switch (data[0] % 4) {
      case 0:
        (void)balance::parse_when(text, cal);
        break;
      case 1: {
        balance::period p = balance::parse_period(text, cal);
        (void)balance::describe_period(p, cal);
        (void)balance::previous_period(p, cal);
        (void)balance::months_covering(p);
        break;
      }
      case 2: {
        balance::cadence c = balance::parse_cadence(text);
        // The canonical text must read back as the same cadence.
        if (!(balance::parse_cadence(c.to_string()) == c)) __builtin_trap();
        break;
      }
      default:
        (void)balance::parse_duration(text);
        break;
    }
  } catch (const balance::error&) {
  }
  return 0;
}
