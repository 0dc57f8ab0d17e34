#include "balance/text.hpp"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

namespace balance {

bool is_valid_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment distance: a transposition counts as one edit, the commonest typo.
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> closest_match(std::string_view word, std::span<const std::string> candidates) {
  std::string lowered = ascii_lower(word);
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& c : candidates) {
    std::size_t dist = edit_distance(lowered, ascii_lower(c));
    // A prefix of a long name ("ledg" for "ledger") is as good as a near miss, and so are the
    // same letters in another order ("hread" for "heard"), which fingers often type.
    std::string lowered_c = ascii_lower(c);
    if (lowered.size() >= 3 && lowered_c.size() > lowered.size() && lowered_c.starts_with(lowered)) dist = 1;
    if (dist > 1 && lowered.size() >= 4 && lowered.size() == lowered_c.size()) {
      std::string x = lowered, y = lowered_c;
      std::sort(x.begin(), x.end());
      std::sort(y.begin(), y.end());
      if (x == y) dist = 1;
    }
    // Ties go to the candidate that starts like the word ("wat" → "what", not "at").
    auto common_prefix = [&](const std::string& candidate) {
      std::size_t n = 0;
      while (n < lowered.size() && n < candidate.size() && lowered[n] == ascii_lower(candidate)[n]) ++n;
      return n;
    };
    if (!best || dist < best_distance || (dist == best_distance && common_prefix(c) > common_prefix(*best))) {
      best = c;
      best_distance = dist;
    }
  }
  if (!best) return std::nullopt;
  // Allow roughly one typo per three characters, at least one and at most three.
  std::size_t allowed = std::clamp<std::size_t>(std::max(word.size(), best->size()) / 3, 1, 3);
  // The same letters in other case ("Sam" for "sam") are worth naming; the word itself is not.
  if ((best_distance == 0 && *best == word) || best_distance > allowed) return std::nullopt;
  return best;
}

std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  auto match = closest_match(word, candidates);
  if (!match) return {};
  return fmt::format(" (did you mean \"{}\"?)", *match);
}

namespace {

// Decodes one code point at `i`; returns its length or 0 when the sequence is invalid.
std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t& cp) noexcept {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t len;
  std::uint32_t min;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1Fu;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0Fu;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07u;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    unsigned char cc = byte(i + k);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_wide(std::uint32_t cp) noexcept {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x1F900 && cp <= 0x1F9FF) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool is_zero_width(std::uint32_t cp) noexcept {
  return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFE0F;
}

}  // namespace

bool is_valid_utf8(std::string_view text) noexcept {
  std::uint32_t cp = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::optional<std::string> text_problem(std::string_view text) {
  std::uint32_t cp = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) return std::string("text is not valid UTF-8");
    if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F)
      return fmt::format("text contains the control character U+{:04X}", cp);
    i += len;
  }
  return std::nullopt;
}

std::string escape_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::uint32_t cp = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    bool control = (cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
    if (control)
      out += cp < 0x100 ? fmt::format("\\x{:02x}", cp) : fmt::format("\\u{:04x}", cp);
    else
      out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  std::uint32_t cp = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      ++width;
      ++i;
      continue;
    }
    if (!is_zero_width(cp)) width += is_wide(cp) ? 2u : 1u;
    i += len;
  }
  return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  std::string out;
  std::size_t used = 0;
  std::uint32_t cp = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) len = 1;
    std::size_t w = len == 1 && static_cast<unsigned char>(text[i]) >= 0x80 ? 1u : (is_zero_width(cp) ? 0u : (is_wide(cp) ? 2u : 1u));
    if (used + w > width - 1) break;
    out.append(text.substr(i, len));
    used += w;
    i += len;
  }
  out += "…";
  return out;
}

std::string wrap_text(std::string_view text, std::size_t width, std::size_t indent) {
  std::string out;
  std::size_t column = indent;  // the caller has written the first line's indent
  std::size_t start = 0;
  bool first_word = true;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of(" \n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(start, end - start);
    std::size_t w = display_width(word);
    if (!word.empty()) {
      if (!first_word && column + 1 + w > width) {
        out += '\n';
        out.append(indent, ' ');
        column = indent;
        first_word = true;
      }
      if (!first_word) {
        out += ' ';
        ++column;
      }
      out.append(word);
      column += w;
      first_word = false;
    }
    if (end < text.size() && text[end] == '\n') {
      out += '\n';
      out.append(indent, ' ');
      column = indent;
      first_word = true;
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view text) noexcept {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string escape_markdown(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|' || c == '*' || c == '_' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string first_text_line(std::string_view text) {
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    if (!line.empty()) return std::string(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return {};
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace balance
