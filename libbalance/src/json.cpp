#include "balance/json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "balance/output.hpp"

namespace balance {

std::string json_string(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

json_fields& json_fields::add(std::string_view key, std::string_view json) {
  if (!members_.empty()) members_ += ", ";
  members_ += json_string(key);
  members_ += ": ";
  members_ += json;
  return *this;
}

json_fields& json_fields::text(std::string_view key, std::string_view value) { return add(key, json_string(value)); }

json_fields& json_fields::text_or_null(std::string_view key, std::string_view value) {
  return value.empty() ? null(key) : text(key, value);
}

json_fields& json_fields::integer(std::string_view key, std::int64_t value) { return add(key, fmt::format("{}", value)); }

json_fields& json_fields::count(std::string_view key, std::size_t value) { return add(key, fmt::format("{}", value)); }

json_fields& json_fields::number(std::string_view key, double value) { return add(key, fmt::format("{}", value)); }

json_fields& json_fields::boolean(std::string_view key, bool value) { return add(key, value ? "true" : "false"); }

json_fields& json_fields::null(std::string_view key) { return add(key, "null"); }

json_fields& json_fields::raw(std::string_view key, std::string_view json) { return add(key, json); }

std::string json_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    out += values[i];
  }
  return out + "]";
}

void write_schema_document(sink& out, const json_fields& head, std::string_view list_key,
                           const std::vector<std::string>& items, const json_fields& tail) {
  std::string text = "{\"schema\": 1";
  if (!head.empty()) text += ", " + head.members();
  text += fmt::format(", {}: [", json_string(list_key));
  for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ",\n  " : "\n  ") + items[i];
  text += items.empty() ? "]" : "\n]";
  if (!tail.empty()) text += ", " + tail.members();
  text += "}\n";
  out.write(text);
}

}  // namespace balance
