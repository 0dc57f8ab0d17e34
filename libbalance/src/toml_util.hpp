// Internal helpers around toml++ (never exposed in public headers).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "balance/error.hpp"

namespace balance::detail {

inline position position_of(const toml::node& n, const std::string& path) {
  const auto& b = n.source().begin;
  return {path, static_cast<int>(b.line), static_cast<int>(b.column)};
}

inline position position_of(const toml::source_position& b, const std::string& path) {
  return {path, static_cast<int>(b.line), static_cast<int>(b.column)};
}

// Parses TOML text after precheck_toml; on failure fills `problem`.
std::optional<toml::table> parse_toml(std::string_view text, const std::string& path, diagnostic& problem);

// A TOML string literal with escapes, e.g. "say \"hi\"\n" → "\"say \\\"hi\\\"\\n\"".
std::string toml_quote(std::string_view text);
// A TOML multi-line basic string (""""" a newline, the text, """""): newlines and tabs as they
// are, backslashes and control characters escaped, and a quote escaped when another follows it
// or it ends the text, so no run of three ever closes the string early. Reads back exactly.
std::string toml_multiline_quote(std::string_view text);

// A short description of a node's type for messages ("a string", "an integer", …).
std::string_view describe_type(const toml::node& n);

}  // namespace balance::detail
