// Time as balance records it. A `timestamp` is an instant plus the UTC offset of the local time
// it was written in (`2026-11-22T19:30:00+01:00`), because a record's month file and the day a
// person meant both depend on that local time. A `zone` is an IANA time zone; a `calendar` is the
// zone, the first day of the week and "now" that every command counts days, weeks and months in.
#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "balance/api.hpp"

namespace balance {

using sys_seconds = std::chrono::sys_seconds;
using local_seconds = std::chrono::local_seconds;
using local_days = std::chrono::local_days;

struct timestamp {
  sys_seconds utc{};
  std::chrono::minutes offset{0};

  local_seconds local() const { return local_seconds{utc.time_since_epoch() + offset}; }

  // Order by instant only: the same moment written in two offsets is the same time.
  friend std::strong_ordering operator<=>(const timestamp& a, const timestamp& b) { return a.utc <=> b.utc; }
  friend bool operator==(const timestamp& a, const timestamp& b) { return a.utc == b.utc; }
};

// RFC 3339 / TOML offset date-time with seconds: "2026-11-22T19:30:00+01:00" ("Z" is never written).
BALANCE_API std::string format_timestamp(const timestamp& t);
// The local date "2026-11-22" of a timestamp in its own offset.
BALANCE_API std::string format_date(const timestamp& t);
// Parses an RFC 3339 date-time with offset or Z (fractional seconds are dropped).
// Offsets beyond ±14:00 or minutes ≥ 60 are rejected. Returns nullopt on any error.
BALANCE_API std::optional<timestamp> parse_timestamp(std::string_view text);
// Validates a UTC offset in minutes (±14:00 at most).
BALANCE_API bool valid_offset(std::chrono::minutes offset) noexcept;

class BALANCE_API zone {
 public:
  // UTC; always available, even without tzdata.
  static zone utc();
  // An IANA zone such as "Europe/Berlin" (a leading ':' as in TZ is ignored).
  // Throws error{usage} naming the zone when it is unknown.
  static zone locate(std::string_view name);
  // The zone of /etc/localtime; UTC when it is missing or unreadable.
  static zone system();

  const std::string& name() const noexcept { return name_; }
  std::chrono::minutes offset_at(sys_seconds t) const;
  // The timestamp for instant t, written in this zone's offset at t.
  timestamp at(sys_seconds t) const { return {t, offset_at(t)}; }

  // A local time in this zone as an instant. A time in a DST gap throws error{usage} naming the
  // zone; an ambiguous one (DST fold) gives the earlier instant.
  sys_seconds to_sys(local_seconds t) const;
  // The same for a local time reached by arithmetic rather than typed (a review a month later, a
  // day back): one in a DST gap moves forward by the gap's length instead of failing; a fold takes
  // the earlier instant.
  sys_seconds to_sys_lenient(local_seconds t) const;
  // Midnight starting a local day (a DST gap at midnight moves it to the first valid instant).
  sys_seconds day_start(local_days d) const;

 private:
  zone(const void* tz, std::string name) : tz_(tz), name_(std::move(name)) {}
  const void* tz_;  // date::time_zone, or nullptr for UTC
  std::string name_;
};

// Sunday is 0, Monday is 1, as in std::chrono::weekday::c_encoding().
enum class week_start { monday = 1, sunday = 0 };

// The frame every command counts in.
struct BALANCE_API calendar {
  timestamp now;       // "now" with the zone's offset
  zone tz = zone::utc();
  balance::week_start week_start = week_start::monday;

  local_days today() const;
  // Local day of an instant in this calendar's zone.
  local_days day_of(sys_seconds t) const;
  // The first day of the week holding d.
  local_days week_begin(local_days d) const;
};

// "Now": BALANCE_NOW (an offset date-time; throws error{usage} when malformed) or the system clock.
BALANCE_API sys_seconds current_time();

// The zone to count in: BALANCE_TZ > the repository's `timezone` > TZ > /etc/localtime > UTC.
// An unknown BALANCE_TZ is error{usage}; an unknown repository zone is error{config}; an unknown
// TZ falls back to the system zone, as other tools do.
BALANCE_API zone resolve_zone(std::string_view repo_timezone);

}  // namespace balance
