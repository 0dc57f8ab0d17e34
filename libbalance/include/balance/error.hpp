// An error is how the library reports failure: a kind that decides the exit status, and a
// message for people. Data errors carry one or more positions (`PATH:LINE:COL: message`),
// so `balance check` can list every problem in a file instead of stopping at the first.
//
// The library never prints and never exits; the tools catch `balance::error` at the edge and
// map its kind to an exit code with `exit_code()`.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "balance/api.hpp"

namespace balance {

enum class errc {
  usage,          // 64: bad flag, bad WHEN/PERIOD, unknown person in a flag
  data,           // 65: a data file does not parse or validate
  no_input,       // 66: no repository, or an input file is missing
  internal,       // 70: a bug
  cannot_create,  // 73: cannot create a file or directory
  io,             // 74: read or write failed
  lock,           // 75: the repository lock is held by someone else
  permission,     // 77: refused: symlink, hard link, foreign owner, permission denied
  config,         // 78: a settings file is bad or too new
};

// The sysexits-style status for an error kind.
BALANCE_API int exit_code(errc kind) noexcept;

// A position in a file: `path` is relative to the repository root when the file is in one.
// Line and column count from 1; 0 means "unknown".
struct position {
  // Constructors rather than an aggregate: g++ 12 at -O3 sees "maybe uninitialized" strings in
  // braced temporaries of aggregates holding them (a false positive that broke Release builds).
  position() = default;
  position(std::string p, int l = 0, int c = 0) : path(std::move(p)), line(l), column(c) {}
  std::string path;
  int line = 0;
  int column = 0;
};

// One problem found in the data, with where it is.
struct BALANCE_API diagnostic {
  diagnostic() = default;
  diagnostic(position w, std::string m) : where(std::move(w)), message(std::move(m)) {}
  position where;
  std::string message;

  // "PATH:LINE:COL: message" (LINE and COL are left out when unknown).
  std::string to_string() const;
};

class BALANCE_API error : public std::runtime_error {
 public:
  error(errc kind, std::string message);
  // A data or config error at one position.
  error(errc kind, diagnostic problem);
  // Several problems at once (e.g. everything wrong with one file).
  error(errc kind, std::vector<diagnostic> problems);

  errc kind() const noexcept { return kind_; }
  // Empty unless the error came from data with positions.
  const std::vector<diagnostic>& problems() const noexcept { return problems_; }

 private:
  errc kind_;
  std::vector<diagnostic> problems_;
};

// Shorthands used throughout the library.
[[noreturn]] BALANCE_API void throw_usage(std::string message);
[[noreturn]] BALANCE_API void throw_data(position where, std::string message);

}  // namespace balance
