// The JSON that scripts read: every `--format json` document of a summary (what is due, the
// questions, the ledger's shares, reminders) is one `"schema": 1` object with a list in it, laid
// out alike — the head fields on the first line, one list item per line, then the tail fields:
//
//   {"schema": 1, "cadence": "weekly", "due": [
//     {"who": "alex", "last": null},
//     {"who": "sam", "last": "2026-11-20T19:00:00+01:00"}
//   ]}
//
// so `jq` sees the same shape everywhere and a line-oriented tool can still take one item per
// line. Records (lists, show) and the report are written by format.hpp and report.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"

namespace balance {

class sink;

// A JSON string literal, escaped (invalid UTF-8 is replaced, never passed through).
BALANCE_API std::string json_string(std::string_view text);

// The members of one JSON object, in the order added: `"key": value` joined by ", ".
class BALANCE_API json_fields {
 public:
  json_fields& text(std::string_view key, std::string_view value);
  // null when `value` is empty.
  json_fields& text_or_null(std::string_view key, std::string_view value);
  json_fields& integer(std::string_view key, std::int64_t value);
  json_fields& count(std::string_view key, std::size_t value);
  json_fields& number(std::string_view key, double value);  // the shortest form that reads back
  json_fields& boolean(std::string_view key, bool value);
  json_fields& null(std::string_view key);
  // A value that is already JSON (a nested object or list).
  json_fields& raw(std::string_view key, std::string_view json);

  bool empty() const { return members_.empty(); }
  // "\"key\": value, …" without braces.
  const std::string& members() const { return members_; }
  // "{\"key\": value, …}".
  std::string object() const { return "{" + members_ + "}"; }

 private:
  json_fields& add(std::string_view key, std::string_view json);
  std::string members_;
};

// A JSON list on one line: "[a, b]" of values that are already JSON.
BALANCE_API std::string json_list(const std::vector<std::string>& values);

// Writes `{"schema": 1, HEAD, "LIST": [\n  ITEM,\n  ITEM\n], TAIL}\n` (an empty list as `[]`).
// Each item is a JSON value (usually json_fields::object()).
BALANCE_API void write_schema_document(sink& out, const json_fields& head, std::string_view list_key,
                           const std::vector<std::string>& items, const json_fields& tail = {});

}  // namespace balance
