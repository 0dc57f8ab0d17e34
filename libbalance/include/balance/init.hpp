// Creating a repository: the data folders (checkins/, ledger/, boundaries/), a commented
// balance.toml listing every setting with its default, and a .gitignore that keeps private/ out
// of git.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "balance/api.hpp"

namespace balance {

struct init_options {
  std::filesystem::path dir;
  std::vector<std::string> people;
  std::string me;  // recorded in the user config (and `dir` when none is set yet)
};

struct init_result {
  bool created = false;             // false: a repo was already there, nothing changed
  std::vector<std::string> written; // repository-relative paths created
};

// Throws error{usage} for bad names or no people, error{cannot_create} when the directory
// cannot be made.
BALANCE_API init_result init_repo(const init_options& opts);

}  // namespace balance
