// A repository is a directory with `balance.toml` at its root. Opening one resolves everything a
// command needs to know before it touches data: where the repo is (-C > BALANCE_DIR > nearest
// ancestor > user config `dir` > ${XDG_DATA_HOME:-~/.local/share}/balance), its settings, the user
// config, the calendar (zone, week start, now) and who "me" is (--as > BALANCE_USER > user config
// `me` > the only person).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "balance/settings.hpp"
#include "balance/time.hpp"

namespace balance {

// What the command line says; empty means "not given".
struct repo_options {
  std::string dir;  // -C/--dir
  std::string as;   // --as
};

// Where the repository is by the precedence above, or nullopt with none found.
std::optional<std::filesystem::path> find_repo_root(const repo_options& opts, const user_config& user);

class repo {
 public:
  // Throws error{no_input} (66) when no repository is found, naming `balance init`; error{config}
  // for a bad balance.toml or user config.
  static repo open(const repo_options& opts);
  // Opens the repository at `root` exactly (used by tests and `balance init`).
  static repo open_at(const std::filesystem::path& root, const repo_options& opts = {});

  const std::filesystem::path& root() const { return root_; }
  const settings& config() const { return config_; }
  const user_config& user() const { return user_; }
  const calendar& cal() const { return cal_; }
  // The zone hand-written local date-times without an offset are read in: the repository's
  // `timezone`, UTC when unset (never the reader's own zone, so both partners read the same).
  const zone& data_zone() const { return data_zone_; }

  // Who is running the command. Throws error{usage} when it cannot be told, or when the name is
  // not a person (with a did-you-mean).
  const std::string& me() const;
  bool knows_me() const { return !me_.empty(); }

  // Checks a person's name given in `flag` (e.g. "--who"): error{usage} with did-you-mean.
  std::string person(std::string_view name, std::string_view flag) const;

  // A repository with a newer `version` is read but never written: throws error{config}.
  void require_writable() const;

  // Makes a repository-relative path absolute.
  std::filesystem::path path(std::string_view relative) const { return root_ / std::string(relative); }

 private:
  repo() = default;
  std::filesystem::path root_;
  settings config_;
  user_config user_;
  calendar cal_;
  zone data_zone_ = zone::utc();
  std::string me_;
  std::string me_source_;  // where the name came from, for messages
};

}  // namespace balance
