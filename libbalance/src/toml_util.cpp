#include "toml_util.hpp"

#include <sstream>

#include <fmt/format.h>

#include "record_file.hpp"

namespace balance::detail {

std::optional<toml::table> parse_toml(std::string_view text, const std::string& path, diagnostic& problem) {
  if (auto pre = precheck_toml(text, path)) {
    problem = *pre;
    return std::nullopt;
  }
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    problem = diagnostic{position_of(e.source().begin, path), std::string(e.description())};
    return std::nullopt;
  }
}

std::string toml_quote(std::string_view text) {
  // Basic strings only (never literal or multi-line), Unicode kept as is: one line per value.
  std::ostringstream out;
  toml::value<std::string> value(std::string{text});
  out << toml::toml_formatter(value, toml::format_flags::allow_unicode_strings);
  return out.str();
}

std::string toml_multiline_quote(std::string_view text) {
  std::string out = "\"\"\"\n";
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    auto u = static_cast<unsigned char>(c);
    if (c == '\\')
      out += "\\\\";
    else if (c == '"' && (i + 1 == text.size() || text[i + 1] == '"'))
      out += "\\\"";
    else if (c == '\r')
      out += "\\r";
    else if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f)
      out += fmt::format("\\u{:04X}", u);
    else
      out += c;
  }
  return out + "\"\"\"";
}

std::string_view describe_type(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a value";
  }
}

}  // namespace balance::detail
