// Small text helpers shared by every command: names, did-you-mean suggestions, UTF-8 checks and
// neutralising terminal escapes in text people wrote.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"

namespace balance {

// A person, tag or topic name: [a-z0-9_-]+.
BALANCE_API bool is_valid_name(std::string_view name) noexcept;

// The closest candidate to `word` by edit distance, when it is close enough to be a likely typo.
BALANCE_API std::optional<std::string> closest_match(std::string_view word, std::span<const std::string> candidates);
// " (did you mean \"x\"?)" or "" — ready to append to a message.
BALANCE_API std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

// Well-formed UTF-8 (no overlongs, no surrogates).
BALANCE_API bool is_valid_utf8(std::string_view text) noexcept;
// Describes what is wrong with a text field, or nullopt when it is fine: must be UTF-8 without
// control characters other than newline and tab.
BALANCE_API std::optional<std::string> text_problem(std::string_view text);

// Makes user text safe to print to a terminal: control characters (C0 except newline and tab,
// DEL, C1) become visible escapes such as "\x1b", so a note cannot move the cursor or change colours.
BALANCE_API std::string escape_for_terminal(std::string_view text);
// Text for one Markdown line or table cell: the characters Markdown would read as markup
// (| * _ < > [ ] \) get a backslash and newlines become spaces. Backticks stay, so `code` shows.
BALANCE_API std::string escape_markdown(std::string_view text);

// Number of terminal columns a UTF-8 string takes (one per code point; wide East Asian
// characters count two).
BALANCE_API std::size_t display_width(std::string_view text);
// Cuts a UTF-8 string to at most `width` columns, ending with "…" when it was cut.
BALANCE_API std::string truncate_to_width(std::string_view text, std::size_t width);

// Wraps text at word boundaries to `width` columns; every line after the first starts with
// `indent` spaces (the first line's own indent is the caller's). Newlines in the text are kept.
BALANCE_API std::string wrap_text(std::string_view text, std::size_t width, std::size_t indent);

// Lowercase ASCII copy.
BALANCE_API std::string ascii_lower(std::string_view text);
BALANCE_API std::string_view trim(std::string_view text) noexcept;
// The first line of a text that is not blank, trimmed (a journal page's title).
BALANCE_API std::string first_text_line(std::string_view text);
// "alex", "alex and sam", "alex, sam and kim": a list of names (or phrases) in a sentence.
BALANCE_API std::string join_names(const std::vector<std::string>& names);

}  // namespace balance
