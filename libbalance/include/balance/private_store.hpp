// The private store: where one computer keeps a repository's private records, outside the
// repository directory (${XDG_DATA_HOME:-~/.local/share}/balance-private/<id>/, same layout as
// the shared tree, 0700/0600), so a folder synced by git, Dropbox or Syncthing never carries
// them to the partner. <id> is balance.toml's `id`, which moves with the repository.
//
// Older versions kept private records in a `private/` folder inside the repository. That tree
// is moved out once: by the first write on this computer, or by `balance private migrate`. A
// `private/` folder that shows up again later (restored from a backup, say) is refused until it
// is moved with the same command. Moving copies every file, reads each copy back, and only then
// deletes the originals (never a rename, which could cross file systems), so an interrupted move
// loses nothing: running it again finishes it.
//
// Private here means "never in the shared repository, never synced to the partner". It is not
// encryption: anyone who can use this account on this computer can read the files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "balance/api.hpp"
#include "balance/file_system.hpp"
#include "balance/repo.hpp"

namespace balance {

// The data files of an old `private/` tree inside the repository, as logical private paths
// ("private/checkins/sam/2026-11.toml"), sorted. Empty when there is none.
BALANCE_API std::vector<std::string> legacy_private_files(const repo& r, file_system& files = real_file_system());

// The warning read-only commands give while such a tree exists (its records are not read).
BALANCE_API std::string legacy_private_warning(const repo& r);

// Gives balance.toml an `id` when it has none (derived from the git root commit in a git
// repository, so both partners' clones pick the same one; random otherwise) and creates the
// store directory. The caller holds the repository lock. Returns true when balance.toml changed.
BALANCE_API bool ensure_private_store(const repo& r, file_system& fs);

struct private_move {
  std::filesystem::path to;                 // the private store
  std::size_t moved = 0;                    // files copied, checked and removed from the repository
  std::size_t already_there = 0;            // identical copies were there already (an earlier, interrupted move)
  std::vector<std::string> left_behind;     // other files in private/, untouched
  bool id_added = false;                    // balance.toml got an id
  bool emptied = false;                     // only empty folders were left (a move stopped at its end); removed
};

// Moves the old private/ tree into the private store. The caller holds the repository lock.
// Throws error{data} before changing anything when a file exists in both places with different
// text (both are named, so the person can compare them).
BALANCE_API private_move move_private_tree(const repo& r, file_system& fs);

// What `balance private migrate` says it did: how many files moved where, or why none did.
BALANCE_API std::string move_summary(const private_move& moved);
// The note about files in private/ that are not records and stayed there, or "" when none did.
BALANCE_API std::string left_behind_note(const private_move& moved);

// What every write does first, under the lock: moves an old private/ tree when this computer
// has no private store for the repository yet, and refuses (error{data}, naming `balance private
// migrate`) when the store exists and a private/ tree has appeared again. Returns the
// repository-relative files it changed (balance.toml, when an id was added).
BALANCE_API std::vector<std::string> prepare_private_for_write(const repo& r, file_system& fs);

}  // namespace balance
