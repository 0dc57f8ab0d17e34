// Creating a repository: the data folders (checkins/, ledger/, boundaries/), a commented
// balance.toml listing every setting with its default, and a .gitignore that keeps private/ out
// of git.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "balance/api.hpp"
#include "balance/error.hpp"

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

// `balance init [--git]`: creates the repository and, with `with_git`, sets up git for it. When a
// repository is already there it changes nothing but two things: `with_git` still sets up git
// (each step is idempotent), and `opts.me` (checked against its people) is recorded in the user
// config. Says what it did through `confirm`, line by line, and the repository's settings
// warnings through `warn`, in the order they happen.
BALANCE_API void init_command(const init_options& opts, bool with_git, const std::function<void(const std::string&)>& confirm,
                  const std::function<void(const diagnostic&)>& warn);

}  // namespace balance
