#include "fuzz_support.hpp"

namespace balance_fuzz {

const balance::settings& fixed_settings() {
  static const balance::settings cfg = balance::parse_settings(settings_text, "balance.toml");
  return cfg;
}

const balance::zone& berlin() {
  static const balance::zone tz = balance::zone::locate("Europe/Berlin");
  return tz;
}

const balance::calendar& fixed_calendar() {
  static const balance::calendar cal = [] {
    balance::calendar c;
    c.tz = berlin();
    c.now = c.tz.at(balance::parse_timestamp("2026-11-22T19:30:00+01:00")->utc);
    c.week_start = balance::week_start::monday;
    return c;
  }();
  return cal;
}

}  // namespace balance_fuzz
