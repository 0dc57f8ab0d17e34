#include "balance/output.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/text.hpp"

namespace balance {

fd_sink::~fd_sink() {
  try {
    flush();
  } catch (...) {
    // Destructors must not throw; callers that care flush explicitly.
  }
}

void fd_sink::write(std::string_view text) {
  buffer_.append(text);
  if (buffer_.size() >= 64 * 1024) flush();
}

void fd_sink::flush() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      buffer_.clear();
      if (err == EPIPE) throw closed_pipe{};
      throw error(errc::io, fmt::format("cannot write output: {}", std::strerror(err)));
    }
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

color_mode parse_color_mode(std::string_view text) {
  if (text == "auto") return color_mode::automatic;
  if (text == "always") return color_mode::always;
  if (text == "never") return color_mode::never;
  throw_usage(fmt::format("--color {}: use auto, always or never", escape_for_terminal(text)));
}

bool use_color(color_mode mode, int fd) {
  switch (mode) {
    case color_mode::always: return true;
    case color_mode::never: return false;
    case color_mode::automatic: {
      const char* no_color = std::getenv("NO_COLOR");
      if (no_color && *no_color) return false;
      return ::isatty(fd) == 1;
    }
  }
  return false;
}

namespace {
std::string wrap(bool on, std::string_view code, std::string_view s) {
  if (!on) return std::string(s);
  return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
}
}  // namespace

std::string style::bold(std::string_view s) const { return wrap(enabled, "1", s); }
std::string style::dim(std::string_view s) const { return wrap(enabled, "2", s); }
std::string style::green(std::string_view s) const { return wrap(enabled, "32", s); }
std::string style::yellow(std::string_view s) const { return wrap(enabled, "33", s); }
std::string style::cyan(std::string_view s) const { return wrap(enabled, "36", s); }

void text_table::add_column(std::string title, align a, bool shrinkable) {
  columns_.push_back({std::move(title), a, shrinkable});
}

void text_table::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  for (auto& c : cells) {
    // One line per row: newlines and tabs in notes become spaces; escapes are neutralised.
    std::string flat = escape_for_terminal(c);
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    std::replace(flat.begin(), flat.end(), '\t', ' ');
    c = std::move(flat);
  }
  rows_.push_back(std::move(cells));
}

void text_table::render(sink& out, std::size_t width, const style& st) const {
  const std::size_t gap = 2;
  std::vector<std::size_t> widths(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    widths[c] = display_width(columns_[c].title);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  auto total = [&] {
    std::size_t sum = widths.empty() ? 0 : gap * (widths.size() - 1);
    for (auto w : widths) sum += w;
    return sum;
  };
  // Shrink the widest shrinkable column that is still above its floor (its title, or 8) until
  // the table fits; one already at its floor leaves the next one to give way.
  auto floor_of = [&](std::size_t c) { return std::max<std::size_t>(8, display_width(columns_[c].title)); };
  while (total() > width) {
    std::size_t widest = columns_.size();
    for (std::size_t c = 0; c < columns_.size(); ++c)
      if (columns_[c].shrinkable && widths[c] > floor_of(c) && (widest == columns_.size() || widths[c] > widths[widest]))
        widest = c;
    if (widest == columns_.size()) break;
    widths[widest] -= std::min(widths[widest] - floor_of(widest), total() - width);
  }
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string text;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::string cell = truncate_to_width(cells[c], widths[c]);
      std::size_t pad = widths[c] - display_width(cell);
      bool last = c + 1 == cells.size();
      if (columns_[c].alignment == align::right)
        text += std::string(pad, ' ') + cell;
      else
        text += cell + (last ? std::string() : std::string(pad, ' '));
      if (!last) text += std::string(gap, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out.write(header ? st.bold(text) : text);
    out.write("\n");
  };
  std::vector<std::string> titles;
  for (const auto& c : columns_) titles.push_back(c.title);
  line(titles, true);
  for (const auto& row : rows_) line(row, false);
}

}  // namespace balance
