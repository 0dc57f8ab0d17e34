// Your own private sync. The private store (private_store.hpp) can be a git repository of its
// own, with a remote of its own, so one person's private check-ins and pages reach their other
// computers and survive a lost disk, and never come near the partner. `balance private git ARGS…`
// runs git there; `balance private sync` commits what changed, merges (records by id, with the
// repository's settings) and pushes.
//
// The one thing it must never do is push private records to where the partner reads: a remote
// of the shared repository. It is refused by address (the same repository spelled as ssh, scp
// or https, or as a local path, counts as the same) and, after a fetch, by content: a remote
// whose history the shared repository already has is the shared one, whatever its address.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"
#include "balance/git.hpp"
#include "balance/repo.hpp"

namespace balance {

// Why `url` must not be the private store's remote, or nothing when it may: it is one of the
// shared repository's remotes (fetch or push address), or the shared repository itself.
// A relative local path is taken from the private store, as git there would take it.
BALANCE_API std::optional<std::string> shared_remote_clash(const repo& r, std::string_view url);

// The refusal of `balance private git ARGS…` before it runs git, or nothing: status 64 when any
// argument (or the VALUE of a NAME=VALUE one) is an address shared_remote_clash refuses, so that
// `remote add`, `remote set-url`, `config remote.origin.pushurl` and `push URL` never name the
// shared repository; 66 for a git command other than init or clone while the store is not a git
// repository yet.
BALANCE_API std::optional<git_outcome> private_git_refusal(const repo& r, const std::vector<std::string>& args);

// What `balance private git` runs git with: in the private store (`git -C STORE ARGS…`), and
// with GIT_CEILING_DIRECTORIES so that git never walks up into a repository around the store
// (a home directory kept in git) before the store is one itself.
struct private_git_command {
  std::vector<std::string> argv;
  std::vector<std::string> environment;
};
BALANCE_API private_git_command private_git_argv(const repo& r, const std::vector<std::string>& args);

// Is this computer's private store of the repository a git repository of its own (a private
// sync set up)? Then private records also live in its history, and on its remote.
BALANCE_API bool private_store_syncs(const repo& r);

// `balance private sync`. Status 0 and "synced your private records with REMOTE"; 1 with the
// files and records when the merge has conflicts; errc::usage (64) when a remote is the shared
// one (nothing is pushed); errc::no_input (66) without a store, a git repository there, or a
// remote; errc::lock (75) when the push was rejected; errc::io (74) for other git failures.
// Only the private owner's files are committed: a store shared by two accounts' people keeps
// the other person's files out. The caller must be the private owner.
BALANCE_API git_outcome sync_private_store(const repo& r);

}  // namespace balance
