// Git as the sync engine. Partners keep the repository in git; balance makes merges semantic:
// record files merge three-way by record id, so additions from both sides never conflict and a
// conflict is limited to the one record both sides changed. Writes can commit themselves
// (`[git] autocommit`), `undo` takes back the last such commits, and `sync` pulls then pushes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"
#include "balance/repo.hpp"

namespace balance {

struct git_result {
  int status = 0;
  std::string out;
  std::string err;
};

// Runs git with `args` in `dir`, capturing its output. Throws error{no_input} when git itself
// cannot be run.
BALANCE_API git_result run_git(const std::filesystem::path& dir, const std::vector<std::string>& args);

// Is `dir` inside a git work tree?
BALANCE_API bool in_git_repo(const std::filesystem::path& dir);

struct setup_result {
  std::vector<std::string> changed;  // what was added: ".gitattributes", ".gitignore", "merge driver", "pre-commit hook"
};

// Idempotent: `.gitattributes` gets `*.toml merge=balance` (and text merges for balance.toml),
// `.gitignore` gets `/private/`, the clone's .git/config gets the driver, and with `hooks` a
// pre-commit hook runs `balance check`. Throws error{usage} outside a git repository.
BALANCE_API setup_result git_setup(const std::filesystem::path& root, bool hooks);

// What `balance git setup` says it did: "set up git for balance: .gitattributes, merge driver",
// or that git was already set up and nothing changed.
BALANCE_API std::string setup_summary(const setup_result& done);

// Commits exactly `paths` (private ones are skipped: they never enter git) with `message`.
// Returns a problem description when the commit failed; the data stays written either way.
// `ids` are the records this write changed: when the files also hold records an earlier write
// left uncommitted (its commit failed), the subject says so, since `undo` takes them back too.
BALANCE_API std::optional<std::string> autocommit(const std::filesystem::path& root,
                                                  const std::vector<std::string>& paths, const std::string& message,
                                                  const std::vector<std::string>& ids = {});

// Is `subject` the first line of a commit balance made itself?
BALANCE_API bool is_balance_commit(std::string_view subject);

// What a git-facing command did: the exit status to return and one message for stderr.
struct git_outcome {
  int status = 0;
  std::string message;
};

// `balance merge-driver BASE OURS THEIRS PATH`: merges into OURS. Record files merge by id;
// anything else (balance.toml) goes to `git merge-file`. Status 0 clean, 1 conflicts or an
// input that does not parse (then OURS is left untouched).
BALANCE_API git_outcome run_merge_driver(const std::string& base, const std::string& ours, const std::string& theirs,
                                         const std::string& path, const settings* cfg);

// `balance undo [N]`: takes back the last `count` commits when each is balance's own (its message
// starts with a tool's name), made by this clone's git identity, not a merge, and not yet pushed
// (not reachable from any remote-tracking branch). Those are removed from this clone's history:
// nobody else has them. With `pushed`, pushed commits and a partner's may be taken back too, by
// one new commit that reverts them all. Refuses, with status 1 and the first commit at fault,
// when any of the `count` commits does not qualify, when the work tree has uncommitted changes,
// or when the latest change was to private records (which never enter git) and `count` was not
// given explicitly. Status exit_code(errc::io) (74) when git fails.
struct undo_options {
  int count = 1;
  bool count_given = false;  // `undo N`, rather than a bare `undo`
  bool pushed = false;       // --pushed
  bool dry_run = false;      // --dry-run: say what would be undone
};
BALANCE_API git_outcome undo_commits(const repo& r, const undo_options& opts);

// Remembers, in this computer's private store, the latest write that touched private records and
// the commit it followed, so that `balance undo` can say plainly that git cannot take it back.
// Does nothing when `paths` has no private file or the repository is not in git.
BALANCE_API void remember_private_write(const repo& r, const std::vector<std::string>& paths, const std::string& line);

// `balance sync`: pull (a merge, so the driver runs), then push. A record file that one side
// removed (its last record went) and the other changed is merged by record too, with `cfg`
// (git never runs the driver for a modify/delete). Status 1 on conflicts (naming the files and
// records); otherwise the exit code of an error kind: errc::no_input (66) outside git or without
// a remote, errc::lock (75) when the push is rejected, errc::io (74) for other git failures.
BALANCE_API git_outcome sync_repo(const std::filesystem::path& root, const settings* cfg = nullptr);

// `balance init --git`: git init when needed, setup, autocommit on, and a first commit.
BALANCE_API void init_git(const std::filesystem::path& root);

}  // namespace balance
