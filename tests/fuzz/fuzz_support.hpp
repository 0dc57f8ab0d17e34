// What the fuzz targets share: a fixed two-person repository's settings and calendar, parsed once,
// and the rule that bad input may throw balance::error and nothing else. Any other exception
// escapes LLVMFuzzerTestOneInput, which libFuzzer reports as a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "balance/settings.hpp"
#include "balance/time.hpp"

namespace balance_fuzz {

// alex and sam, Europe/Berlin, a sign threshold and targets set: what the examples use.
inline constexpr std::string_view settings_text =
    "version = 1\n"
    "week_start = \"monday\"\n"
    "timezone = \"Europe/Berlin\"\n"
    "[[person]]\nname = \"alex\"\n"
    "[[person]]\nname = \"sam\"\n"
    "[checkin]\ncadence = \"weekly\"\n"
    "[ledger.target]\nchore = { alex = 0.5, sam = 0.5 }\n"
    "[boundaries]\nreview = \"monthly\"\n";

const balance::settings& fixed_settings();
// Europe/Berlin, now = 2026-11-22T19:30:00+01:00 (a Sunday; DST ended four weeks before).
const balance::calendar& fixed_calendar();
const balance::zone& berlin();

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace balance_fuzz
