// Output: where a command's data goes (a sink), whether it may use colour, and text tables that
// fit the terminal. The library writes into sinks and never prints on its own; the tools own
// stdout and stderr. Writing to stdout checks every write: a reader that went away (`| head`)
// raises `closed_pipe`, which the tools end on quietly; any other failure is error{io} (exit 74).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"

namespace balance {

class BALANCE_API sink {
 public:
  virtual ~sink() = default;
  virtual void write(std::string_view text) = 0;
  virtual void flush() {}
};

// Collects output in memory (tests, golden files).
class BALANCE_API string_sink : public sink {
 public:
  void write(std::string_view text) override { text_.append(text); }
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

// Buffered writer to a file descriptor.
class BALANCE_API fd_sink : public sink {
 public:
  explicit fd_sink(int fd) : fd_(fd) {}
  ~fd_sink() override;
  void write(std::string_view text) override;
  // Throws closed_pipe or error{io}.
  void flush() override;

 private:
  int fd_;
  std::string buffer_;
};

// Thrown when stdout's reader has gone away.
struct BALANCE_API closed_pipe {};

enum class color_mode { automatic, always, never };
// Parses "auto", "always", "never"; throws error{usage}.
BALANCE_API color_mode parse_color_mode(std::string_view text);
// auto = only when `fd` is a terminal and NO_COLOR is unset or empty.
BALANCE_API bool use_color(color_mode mode, int fd);

// SGR styles used across the tools. With colour off they return the text unchanged.
struct BALANCE_API style {
  bool enabled = false;
  std::string bold(std::string_view s) const;
  std::string dim(std::string_view s) const;
  std::string green(std::string_view s) const;
  std::string yellow(std::string_view s) const;
  std::string cyan(std::string_view s) const;
};

// Default output width: 80 columns (reports are written for 80 whatever the terminal).
inline constexpr std::size_t output_width = 80;

enum class align { left, right };

// A plain-text table: a header row and aligned columns, fitted to `width` by shrinking the
// widest shrinkable column (cut with "…"). Cells are escaped for the terminal.
class BALANCE_API text_table {
 public:
  void add_column(std::string title, align a = align::left, bool shrinkable = false);
  void add_row(std::vector<std::string> cells);
  bool empty() const { return rows_.empty(); }
  // Writes the header (bold with colour on) and the rows.
  void render(sink& out, std::size_t width = output_width, const style& st = {}) const;

 private:
  struct column {
    std::string title;
    align alignment;
    bool shrinkable;
  };
  std::vector<column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace balance
