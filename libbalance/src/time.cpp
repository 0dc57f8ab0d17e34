#include "balance/time.hpp"

#include <cstdlib>
#include <exception>
#include <string>

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include "balance/error.hpp"

namespace balance {

namespace {

constexpr std::chrono::minutes max_offset = std::chrono::hours{14};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at `pos`, advancing it; nullopt when they are not all digits.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t count) {
  if (text.size() < pos + count) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

bool read_char(std::string_view text, std::size_t& pos, char expected) {
  if (pos >= text.size() || text[pos] != expected) return false;
  ++pos;
  return true;
}

const date::time_zone* as_tz(const void* tz) { return static_cast<const date::time_zone*>(tz); }

date::local_seconds to_date_local(local_seconds t) { return date::local_seconds{t.time_since_epoch()}; }

// These names are UTC by definition, so they must work on machines without tzdata.
bool names_utc(std::string_view name) { return name == "UTC" || name == "Etc/UTC" || name == "Z"; }

// "02:30", or "02:30:15" when the seconds matter.
std::string clock_text(local_seconds t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::hh_mm_ss<std::chrono::seconds> hms{t - day};
  if (hms.seconds().count() != 0) {
    return fmt::format("{:02}:{:02}:{:02}", hms.hours().count(), hms.minutes().count(), hms.seconds().count());
  }
  return fmt::format("{:02}:{:02}", hms.hours().count(), hms.minutes().count());
}

std::string date_text(local_days d) {
  const std::chrono::year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

bool tzdb_available() {
  try {
    return !date::get_tzdb().zones.empty();
  } catch (const std::exception&) {
    return false;
  }
}

std::string getenv_string(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::string(value) : std::string();
}

}  // namespace

std::string format_timestamp(const timestamp& t) {
  const local_seconds local = t.local();
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::hh_mm_ss<std::chrono::seconds> hms{local - day};
  const auto offset = t.offset.count();
  const auto magnitude = offset < 0 ? -offset : offset;
  return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", date_text(day), hms.hours().count(), hms.minutes().count(),
                     hms.seconds().count(), offset < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

std::string format_date(const timestamp& t) { return date_text(std::chrono::floor<std::chrono::days>(t.local())); }

std::optional<timestamp> parse_timestamp(std::string_view text) {
  std::size_t pos = 0;
  const auto year = read_digits(text, pos, 4);
  if (!year || !read_char(text, pos, '-')) return std::nullopt;
  const auto month = read_digits(text, pos, 2);
  if (!month || !read_char(text, pos, '-')) return std::nullopt;
  const auto day = read_digits(text, pos, 2);
  if (!day) return std::nullopt;
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) return std::nullopt;
  ++pos;
  const auto hour = read_digits(text, pos, 2);
  if (!hour || !read_char(text, pos, ':')) return std::nullopt;
  const auto minute = read_digits(text, pos, 2);
  if (!minute || !read_char(text, pos, ':')) return std::nullopt;
  const auto second = read_digits(text, pos, 2);
  if (!second) return std::nullopt;
  if (read_char(text, pos, '.')) {
    const std::size_t first_fraction_digit = pos;
    while (pos < text.size() && is_digit(text[pos])) ++pos;
    if (pos == first_fraction_digit) return std::nullopt;
  }

  std::chrono::minutes offset{0};
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const bool negative = text[pos] == '-';
    ++pos;
    const auto offset_hours = read_digits(text, pos, 2);
    if (!offset_hours || !read_char(text, pos, ':')) return std::nullopt;
    const auto offset_minutes = read_digits(text, pos, 2);
    if (!offset_minutes || *offset_minutes >= 60) return std::nullopt;
    offset = std::chrono::hours{*offset_hours} + std::chrono::minutes{*offset_minutes};
    if (negative) offset = -offset;
  } else {
    return std::nullopt;
  }
  if (pos != text.size() || !valid_offset(offset)) return std::nullopt;

  const std::chrono::year_month_day ymd{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                                        std::chrono::day{static_cast<unsigned>(*day)}};
  // Leap seconds (:60) are not representable in sys_seconds and never written by balance.
  if (!ymd.ok() || *hour >= 24 || *minute >= 60 || *second >= 60) return std::nullopt;

  const local_seconds local = local_days{ymd} + std::chrono::hours{*hour} + std::chrono::minutes{*minute} +
                              std::chrono::seconds{*second};
  return timestamp{sys_seconds{local.time_since_epoch() - offset}, offset};
}

bool valid_offset(std::chrono::minutes offset) noexcept { return offset >= -max_offset && offset <= max_offset; }

zone zone::utc() { return zone(nullptr, "UTC"); }

zone zone::locate(std::string_view name) {
  if (!name.empty() && name.front() == ':') name.remove_prefix(1);
  if (names_utc(name)) return zone(nullptr, std::string(name == "Z" ? "UTC" : name));
  if (name.empty()) throw error(errc::usage, "empty time zone name; expected an IANA zone such as Europe/Berlin");
  try {
    const date::time_zone* tz = date::locate_zone(name);
    return zone(tz, std::string(tz->name()));
  } catch (const std::exception&) {
    // date throws std::runtime_error both for an unknown name and for a missing tz database.
    if (!tzdb_available()) {
      throw error(errc::usage, fmt::format("unknown time zone \"{}\": no time zone database was found (is tzdata "
                                           "installed?); only UTC works without it",
                                           name));
    }
    throw error(errc::usage,
                fmt::format("unknown time zone \"{}\"; expected an IANA zone such as Europe/Berlin or UTC", name));
  }
}

zone zone::system() {
  try {
    const date::time_zone* tz = date::current_zone();
    if (tz == nullptr) return utc();
    if (names_utc(tz->name())) return zone(nullptr, std::string(tz->name()));
    return zone(tz, std::string(tz->name()));
  } catch (const std::exception&) {
    // No /etc/localtime or no tzdata: UTC, so that --help and --version work on bare machines.
    return utc();
  }
}

std::chrono::minutes zone::offset_at(sys_seconds t) const {
  if (tz_ == nullptr) return std::chrono::minutes{0};
  return std::chrono::duration_cast<std::chrono::minutes>(as_tz(tz_)->get_info(t).offset);
}

sys_seconds zone::to_sys(local_seconds t) const {
  if (tz_ == nullptr) return sys_seconds{t.time_since_epoch()};
  const date::local_info info = as_tz(tz_)->get_info(to_date_local(t));
  switch (info.result) {
    case date::local_info::unique:
    // In a fold `first` is the reading before the clocks went back: the earlier instant.
    case date::local_info::ambiguous:
      return sys_seconds{t.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:
      break;
  }
  // The gap runs from the transition read in the old offset to the same instant in the new one.
  const sys_seconds jump = info.first.end;
  const local_seconds from{jump.time_since_epoch() + info.first.offset};
  const local_seconds to{jump.time_since_epoch() + info.second.offset};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  throw error(errc::usage, fmt::format("{} {} does not exist in {} (the clocks jump from {} to {})", date_text(day),
                                       clock_text(t), name_, clock_text(from), clock_text(to)));
}

sys_seconds zone::to_sys_lenient(local_seconds t) const {
  try {
    return to_sys(t);
  } catch (const error&) {
    // t read as UTC minus 15 h lies before the jump (offsets stay within ±14 h) and long after the
    // previous one, so this is the offset the gap was entered with.
    const auto before = offset_at(sys_seconds{t.time_since_epoch()} - std::chrono::hours{15});
    return sys_seconds{t.time_since_epoch() - before};
  }
}

sys_seconds zone::day_start(local_days d) const {
  const local_seconds midnight{d.time_since_epoch()};
  if (tz_ == nullptr) return sys_seconds{midnight.time_since_epoch()};
  const date::local_info info = as_tz(tz_)->get_info(to_date_local(midnight));
  // Where midnight is skipped (America/Santiago in September) the day starts when the clocks jump.
  if (info.result == date::local_info::nonexistent) return info.second.begin;
  return sys_seconds{midnight.time_since_epoch() - info.first.offset};
}

local_days calendar::today() const { return day_of(now.utc); }

local_days calendar::day_of(sys_seconds t) const {
  return std::chrono::floor<std::chrono::days>(tz.at(t).local());
}

local_days calendar::week_begin(local_days d) const {
  const unsigned weekday = std::chrono::weekday{d}.c_encoding();
  const auto first = static_cast<unsigned>(week_start);
  return d - std::chrono::days{(weekday + 7 - first) % 7};
}

sys_seconds current_time() {
  const std::string pinned = getenv_string("BALANCE_NOW");
  // An empty variable counts as unset, so `BALANCE_NOW= cmd` clears a pin.
  if (!pinned.empty()) {
    const auto parsed = parse_timestamp(pinned);
    if (!parsed) {
      throw error(errc::usage, fmt::format("bad BALANCE_NOW \"{}\": expected an offset date-time such as "
                                           "2026-11-22T19:30:00+01:00 or 2026-11-22T18:30:00Z",
                                           pinned));
    }
    return parsed->utc;
  }
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

zone resolve_zone(std::string_view repo_timezone) {
  const std::string forced = getenv_string("BALANCE_TZ");
  if (!forced.empty()) {
    try {
      return zone::locate(forced);
    } catch (const error& e) {
      throw error(errc::usage, fmt::format("BALANCE_TZ: {}", e.what()));
    }
  }
  if (!repo_timezone.empty()) {
    try {
      return zone::locate(repo_timezone);
    } catch (const error& e) {
      throw error(errc::config, fmt::format("timezone in balance.toml: {}", e.what()));
    }
  }
  std::string tz = getenv_string("TZ");
  if (!tz.empty() && tz.front() == ':') tz.erase(0, 1);
  // TZ may name a zone file ("/usr/share/zoneinfo/Europe/Berlin"); the zone is the part after zoneinfo/.
  if (const auto at = tz.rfind("zoneinfo/"); at != std::string::npos) tz.erase(0, at + 9);
  if (!tz.empty()) {
    try {
      return zone::locate(tz);
    } catch (const error&) {
      // Like other programs, ignore a TZ we cannot read (e.g. a POSIX rule string) and use the system zone.
    }
  }
  return zone::system();
}

}  // namespace balance
