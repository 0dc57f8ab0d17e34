#include "balance/record_flags.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/settings.hpp"
#include "balance/text.hpp"
#include "balance/when.hpp"

namespace balance {

bool flag_values::has(const std::string& key) const {
  if (key == "tags") return tags.has_value();
  if (key == "at") return !at.empty();
  return std::any_of(fields.begin(), fields.end(), [&](const flag_value& f) { return f.key == key; });
}

namespace {

bool all_digits(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

[[noreturn]] void not_a_question(const std::string& what, const std::string& key, const settings& cfg) {
  auto keys = cfg.dimension_keys();
  throw_usage(fmt::format("{}: \"{}\" is not a question in this repository{}; see `balance-checkin questions`", what,
                          escape_for_terminal(key), did_you_mean(key, keys)));
}

void apply_field(record& r, const flag_value& f, const settings& cfg) {
  // The safety answer is never shared: a shared check-in cannot hold one. A new one (no file
  // yet) can still become private.
  if (f.key == "safe" && r.type == record_type::checkin && !r.is_private)
    throw_usage(r.path.empty() ? "--safe is only for private check-ins: add --private (it is never shared)"
                               : "--safe is only for private check-ins (it is never shared)");
  if (r.type == record_type::checkin && cfg.find_dimension(f.key) == nullptr && f.key != "mood" && f.key != "safe" &&
      key_kind(r.type, f.key, cfg) == std::nullopt)
    not_a_question(f.flag, f.key, cfg);
  try {
    std::string text = f.text;
    // --minutes takes a DURATION too, as --for does: "90m" and "2h" are minutes, "1h30" is not.
    // (A talk's --minutes is minutes per person, "alex=6.5 sam=5".)
    bool duration = f.key == "minutes" && r.type != record_type::talk;
    if (duration && !text.empty() && !all_digits(text)) text = std::to_string(parse_duration(text).count());
    set_field_text(r, f.key, text, cfg);
  } catch (const error& err) {
    // The library names the field ("heard: …"); the flag says it better.
    std::string message = err.what();
    if (message.starts_with(f.key + ": ")) message = message.substr(f.key.size() + 2);
    throw_usage(fmt::format("{} {}: {}", f.flag, escape_for_terminal(f.text), message));
  }
}

void apply_rate(record& r, const std::string& rate, const settings& cfg) {
  auto eq = rate.find('=');
  if (eq == std::string::npos)
    throw_usage(fmt::format("--rate {}: write KEY=N, e.g. --rate heard=4", escape_for_terminal(rate)));
  std::string key = rate.substr(0, eq);
  if (!cfg.find_dimension(key)) not_a_question("--rate " + escape_for_terminal(rate), key, cfg);
  try {
    set_field_text(r, key, rate.substr(eq + 1), cfg);
  } catch (const error& err) {
    throw_usage(fmt::format("--rate {}: {}", escape_for_terminal(rate), err.what()));
  }
  // The range is checked here, not with the record's other fields, so the message names the
  // --rate that was given rather than a --KEY flag that was not.
  for (const auto& p : validate(r, validation_context{&cfg, false, false}))
    if (!p.warning && p.key == key) throw_usage(fmt::format("--rate {}: {}", escape_for_terminal(rate), p.message));
}

}  // namespace

void apply_flag_values(record& r, const flag_values& values, const settings& cfg, const calendar& cal) {
  for (const auto& f : values.fields) apply_field(r, f, cfg);
  for (const auto& rate : values.rates) apply_rate(r, rate, cfg);
  if (values.tags) {
    r.tags.clear();
    for (const auto& t : *values.tags)
      if (!t.empty()) r.tags.push_back(t);
  }
  if (!values.at.empty()) r.at = parse_when(values.at, cal);
}

}  // namespace balance
