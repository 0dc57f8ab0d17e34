// A record's fields given as command-line flags (`--heard 4`, `--rate kind=5`, `--tag T`,
// `--at WHEN`): the values as typed, and the one function that sets them on a record, so every
// tool's `add` and `edit` parses flags alike and a bad value names the flag it came from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "balance/api.hpp"
#include "balance/record.hpp"
#include "balance/time.hpp"

namespace balance {

// One `--KEY VALUE` as typed: `flag` is how the message names it ("--heard", "--by").
struct flag_value {
  std::string key;
  std::string flag;
  std::string text;
};

struct flag_values {
  std::vector<flag_value> fields;
  std::vector<std::string> rates;               // "KEY=N", for any configured dimension
  std::optional<std::vector<std::string>> tags;  // given (even as one empty --tag ""): replaces the tags
  std::string at;                               // WHEN; empty: unchanged

  bool empty() const { return fields.empty() && rates.empty() && !tags && at.empty(); }
  // Any field besides --at: a time alone is not a check-in.
  bool any_besides_at() const { return !fields.empty() || !rates.empty() || tags.has_value(); }
  BALANCE_API bool has(const std::string& key) const;
};

// Sets every given value on `r`. Throws error{usage} naming the flag: "--heard 9: …",
// "--rate x=4: "x" is not a question in this repository". A check-in's flag must be one of its
// questions (or mood, safe, and the text fields), and `--safe` goes only on a private one;
// `--minutes` also takes a DURATION ("2h").
// Ranges are checked later, by check_flag_record.
BALANCE_API void apply_flag_values(record& r, const flag_values& values, const settings& cfg, const calendar& cal);

}  // namespace balance
