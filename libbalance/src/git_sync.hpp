// The parts of `balance sync` that `balance private sync` shares (git.cpp, private_sync.cpp):
// finishing a merge that stopped, and pushing. A place is a work tree that syncs: the shared
// repository, or this computer's private store (whose files are private records).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/error.hpp"
#include "balance/git.hpp"
#include "balance/settings.hpp"

namespace balance::detail {

struct sync_place {
  std::filesystem::path root;  // the work tree
  std::string prefix;          // what makes its paths logical: "" in the repository, "private/" in the store
  std::string git_word;        // how a person runs git there: "balance git", "balance private git"
  std::string sync_word;       // and syncs it: "balance sync", "balance private sync"
};

inline sync_place shared_place(const std::filesystem::path& root) { return {root, "", "balance git", "balance sync"}; }

// Appends `line` to a text file unless a line equal to it is already there (after `comment`,
// when given). Returns true when the file changed.
bool ensure_line(const std::filesystem::path& path, const std::string& display, const std::string& line,
                 const std::string& comment);

// Names `driver` as the balance merge driver in the work tree's .git/config and turns off
// rename detection for merges. Returns what changed: "merge driver", "merge.renames", or nothing.
std::vector<std::string> configure_merge_driver(const std::filesystem::path& root, const std::string& driver);

// The first line of `text`, trimmed.
std::string first_line(std::string_view text);

// A git-facing command that failed: its status is the exit code of the error kind, as if the
// error had been thrown (1 stays for conflicts and refusals, which are answers, not errors).
git_outcome failure(errc kind, std::string message);

// After a merge in `place` stopped: merges by record the files one side removed and the other
// changed (with `cfg`), finishes the merge when nothing is left unmerged, or returns status 1
// naming the conflicted files and records (`fallback` when git named none).
git_outcome merge_stopped(const sync_place& place, const settings* cfg, const std::string& git_err,
                          const std::string& fallback);

// Pushes HEAD to the upstream by name ("origin/main"), or to `remote` setting it as the upstream
// when there is none yet. Status 0 with "synced with REMOTE"; errc::lock when the remote moved on.
git_outcome push_to(const sync_place& place, const std::string& remote, const std::optional<std::string>& upstream);

}  // namespace balance::detail
