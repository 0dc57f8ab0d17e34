// A repository is a directory with `balance.toml` at its root. Opening one resolves everything a
// command needs to know before it touches data: where the repo is (-C > BALANCE_DIR > nearest
// ancestor > user config `dir` > ${XDG_DATA_HOME:-~/.local/share}/balance), its settings, the user
// config, the calendar (zone, week start, now), who "me" is (--as > BALANCE_USER > user config
// `me` > the only person), and where this computer keeps the repository's private records.
//
// Private records open only for the person this computer belongs to: BALANCE_USER, else the
// user config's `me`, else the only person. `--as` changes who writes and whose shared view is
// shown, never whose private records are read.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "balance/api.hpp"
#include "balance/settings.hpp"
#include "balance/time.hpp"

namespace balance {

// What the command line says; empty means "not given".
struct repo_options {
  std::string dir;  // -C/--dir
  std::string as;   // --as
};

// Where the repository is by the precedence above, or nullopt with none found.
BALANCE_API std::optional<std::filesystem::path> find_repo_root(const repo_options& opts, const user_config& user);

class BALANCE_API repo {
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

  // The person whose private records this computer may open: BALANCE_USER > user config `me` >
  // the only person, when that is a person of the repository; empty otherwise. Never --as.
  const std::string& private_owner() const { return private_owner_; }
  // True when --as names someone other than this computer's private owner: their shared view
  // only. (With no owner known, nobody's private records open at all.)
  bool acting_as_other() const;
  // Throws error{usage} unless the person running the command (me()) is the private owner, for
  // writes of private records: nobody writes into another person's private store.
  void require_private_owner() const;

  // The repository's private store on this computer, outside the repository:
  // ${XDG_DATA_HOME:-~/.local/share}/balance-private/<id>, where <id> is balance.toml's `id`.
  // Empty when balance.toml has no id yet (older repositories): then nothing private exists.
  std::filesystem::path private_root() const;
  // Records the id written into balance.toml by ensure_private_store (the file is the truth).
  void adopt_id(std::string id) const { id_ = std::move(id); }

  // Checks a person's name given in `flag` (e.g. "--who"): error{usage} with did-you-mean.
  std::string person(std::string_view name, std::string_view flag) const;

  // A repository with a newer `version` is read but never written: throws error{config}.
  void require_writable() const;

  // Makes a repository-relative path absolute. A private record's logical path
  // ("private/checkins/sam/2026-11.toml") resolves into the private store. Throws error{internal}
  // for a private path when there is no private store yet.
  std::filesystem::path path(std::string_view relative) const;
  // How to name a file to a person: the repository-relative path for shared files, the full
  // path in the private store for private ones.
  std::string display_path(std::string_view relative) const;

  // One-line messages about things done on the way (an id added, private records moved); the
  // library never prints, so commands route these to stderr.
  void set_notice(std::function<void(const std::string&)> sink) { notice_ = std::move(sink); }
  void notice(const std::string& line) const {
    if (notice_) notice_(line);
  }

 private:
  repo() = default;
  std::filesystem::path root_;
  settings config_;
  user_config user_;
  calendar cal_;
  zone data_zone_ = zone::utc();
  std::string me_;
  std::string me_source_;  // where the name came from, for messages
  std::string private_owner_;
  mutable std::string id_;  // balance.toml's id (adopt_id updates it after adding one)
  std::function<void(const std::string&)> notice_;
};

// ${XDG_DATA_HOME:-~/.local/share}/balance-private: every repository's private store on this
// computer, one directory per repository id. Never under the fallback repository (…/balance).
BALANCE_API std::filesystem::path private_store_base();

}  // namespace balance
