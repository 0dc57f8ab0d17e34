// Validating a whole repository, as `balance check` does: every data file parses and validates,
// sits where its records say it should, ids are unique across the repository (shared and
// private), and every event points at an existing boundary.
#pragma once

#include <string>
#include <vector>

#include "balance/api.hpp"
#include "balance/error.hpp"
#include "balance/file_system.hpp"
#include "balance/repo.hpp"

namespace balance {

struct check_result {
  std::vector<diagnostic> problems;
  std::vector<diagnostic> warnings;  // e.g. a temporary file left by an interrupted write
  std::size_t files = 0;
  std::size_t records = 0;
};

// Checks `paths` (repository-relative or absolute files or directories inside the repo), or the
// whole repository when empty. Also reports files in data directories that are not data files.
// Throws error{usage} for a path outside the repository, error{no_input} for one that does not
// exist.
BALANCE_API check_result check_repo(const repo& r, const std::vector<std::string>& paths = {},
                                     file_system& files = real_file_system());

// The line `balance check` ends with: "checked 3 files and 12 records: all good", or, when there
// are problems, "2 problems found".
BALANCE_API std::string check_summary(const check_result& result);

class sink;
// Each problem as one PATH:LINE:COL line (terminal escapes neutralised), for stdout.
BALANCE_API void write_check_problems(const check_result& result, sink& out);

}  // namespace balance
