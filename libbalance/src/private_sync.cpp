#include "balance/private_sync.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <variant>

#include <fmt/format.h>

#include "balance/check.hpp"
#include "balance/error.hpp"
#include "balance/file_system.hpp"
#include "balance/lock.hpp"
#include "balance/text.hpp"
#include "git_sync.hpp"
#include "record_file.hpp"

namespace balance {

namespace {

namespace fs = std::filesystem;
using detail::failure;
using detail::first_line;

// One spelling for every address of one repository. Local ones (a path, file://) become the
// absolute path, taken from `base` when relative; network ones become host and path, so that
// ssh://git@host/a/b.git, git@host:a/b and https://host/a/b all read "host/a/b". A trailing
// ".git", "/.git" or "/" never makes a repository another one.
std::string remote_key(std::string_view url, const fs::path& base) {
  std::string u(trim(url));
  auto strip_tail = [](std::string s) {
    for (bool again = true; again;) {
      again = false;
      for (std::string_view tail : {"/", "/.git", ".git"})
        if (s.size() > tail.size() && s.ends_with(tail)) {
          s.resize(s.size() - tail.size());
          again = true;
        }
    }
    return s;
  };
  auto network = [&](std::string_view host, std::string_view path) {
    if (auto at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
    if (auto colon = host.find(':'); colon != std::string_view::npos) host = host.substr(0, colon);  // a port
    while (path.starts_with('/')) path.remove_prefix(1);
    if (path.starts_with("~/")) path.remove_prefix(2);
    return "net:" + ascii_lower(host) + "/" + strip_tail(std::string(path));
  };
  if (u.starts_with("file://localhost/")) u = u.substr(16);
  if (u.starts_with("file://")) u = u.substr(7);
  if (auto scheme = u.find("://"); scheme != std::string::npos) {
    std::string_view rest = std::string_view(u).substr(scheme + 3);
    auto slash = rest.find('/');
    return network(rest.substr(0, slash), slash == std::string_view::npos ? "" : rest.substr(slash));
  }
  // scp-like "[user@]host:path": a colon before any slash, and not a path that starts locally.
  auto colon = u.find(':');
  if (colon != std::string::npos && colon < u.find('/') && !u.starts_with('.') && !u.starts_with('/'))
    return network(std::string_view(u).substr(0, colon), std::string_view(u).substr(colon + 1));
  fs::path p = u;
  if (p.is_relative()) p = base / p;
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(p, ec);
  return "path:" + strip_tail((ec ? p.lexically_normal() : canonical).string());
}

// Every address the shared repository syncs with (fetch and push), as git has them.
std::vector<std::string> shared_remote_urls(const repo& r) {
  std::vector<std::string> urls;
  if (!path_exists(real_file_system(), r.root() / ".git")) return urls;
  git_result listed = run_git(r.root(), {"config", "--get-regexp", R"(^remote\..*\.(url|pushurl)$)"});
  std::string_view rest = listed.out;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    if (auto space = line.find(' '); space != std::string_view::npos) urls.emplace_back(line.substr(space + 1));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return urls;
}

// The lines of `text`, trimmed, without empty ones.
std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    auto nl = text.find('\n');
    if (std::string line(trim(text.substr(0, nl))); !line.empty()) lines.push_back(std::move(line));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

struct store_remote {
  std::string name;
  std::vector<std::string> fetch, push;  // every address, as git expands them (insteadOf too)
};

// The private store's remotes by name, in git's order.
std::vector<store_remote> store_remotes(const fs::path& store) {
  std::vector<store_remote> remotes;
  for (std::string& name : lines_of(run_git(store, {"remote"}).out)) {
    store_remote rm{name, lines_of(run_git(store, {"remote", "get-url", "--all", name}).out),
                    lines_of(run_git(store, {"remote", "get-url", "--push", "--all", name}).out)};
    remotes.push_back(std::move(rm));
  }
  return remotes;
}

// The commits a remote address has, by its refs (git ls-remote); empty when it cannot be read.
std::vector<std::string> commits_at(const fs::path& store, const std::string& url) {
  std::vector<std::string> hashes;
  for (const std::string& line : lines_of(run_git(store, {"ls-remote", "--", url}).out))
    hashes.push_back(line.substr(0, line.find_first_of(" \t")));
  return hashes;
}

// Is any of `hashes` a commit the shared repository has?
bool shared_has_any(const repo& r, const std::vector<std::string>& hashes) {
  if (!path_exists(real_file_system(), r.root() / ".git")) return false;
  return std::any_of(hashes.begin(), hashes.end(), [&](const std::string& hash) {
    return !hash.empty() && run_git(r.root(), {"cat-file", "-e", hash + "^{commit}"}).status == 0;
  });
}

// The store's own files that sync: the owner's record files (tracked or not, so removals count
// too), and the two git files balance keeps there. Another person's files, when two people
// share one account, and anything else stay out.
std::vector<std::string> owner_paths(const fs::path& store, const std::string& owner) {
  std::vector<std::string> paths;
  git_result listed = run_git(store, {"ls-files", "-z", "--cached", "--others", "--exclude-standard"});
  std::string_view rest = listed.out;
  while (!rest.empty()) {
    auto end = rest.find('\0');
    std::string path(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    auto role = role_of_path("private/" + path);
    bool ours = role && role->author == owner;
    if (ours || path == ".gitattributes" || path == ".gitignore") paths.push_back(std::move(path));
  }
  return paths;
}

std::string host_name() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') return "this computer";
  return escape_for_terminal(name.data());
}

// Quotes `text` for the shell git runs a merge driver with.
std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The store's git files and merge driver: record files merge by id with the repository's
// settings (the driver is told where the repository is, and that these paths are private ones).
void set_up_store(const fs::path& store, const fs::path& root) {
  detail::ensure_line(store / ".gitattributes", (store / ".gitattributes").string(), "*.toml merge=balance",
                      "# balance merges record files by id (balance merge-driver)");
  detail::ensure_line(store / ".gitignore", (store / ".gitignore").string(), "/last-private-write.toml",
                      "# what `balance undo` knows about this computer's latest private write");
  detail::configure_merge_driver(
      store, fmt::format("balance -C {} merge-driver %O %A %B private/%P", shell_quoted(root.string())));
}

// Commits the owner's changed files; a problem description when git could not.
std::optional<std::string> commit_store(const fs::path& store, const std::string& owner) {
  std::vector<std::string> paths = owner_paths(store, owner);
  if (paths.empty()) return std::nullopt;
  std::vector<std::string> add = {"add", "-A", "--"};
  add.insert(add.end(), paths.begin(), paths.end());
  git_result added = run_git(store, add);
  if (added.status != 0) return fmt::format("git add failed: {}", first_line(added.err));
  if (run_git(store, {"diff", "--cached", "--quiet"}).status == 0) return std::nullopt;
  git_result committed =
      run_git(store, {"commit", "-q", "-m", fmt::format("balance: private records from {}", host_name())});
  if (committed.status != 0) return fmt::format("git commit failed: {}", first_line(committed.err.empty() ? committed.out : committed.err));
  return std::nullopt;
}

// After a fetch: a remote whose commits the shared repository has is the shared one. Its push
// addresses, when they differ, are asked the same by ls-remote: a push goes there.
std::optional<std::string> shared_history_in(const repo& r, const fs::path& store, const store_remote& remote) {
  std::vector<std::string> fetched =
      lines_of(run_git(store, {"for-each-ref", "--format=%(objectname)", "refs/remotes/" + remote.name + "/"}).out);
  bool shared = shared_has_any(r, fetched);
  for (const std::string& url : remote.push)
    if (!shared && std::find(remote.fetch.begin(), remote.fetch.end(), url) == remote.fetch.end())
      shared = shared_has_any(r, commits_at(store, url));
  if (!shared) return std::nullopt;
  return fmt::format("the remote {} holds the shared repository's history: private records pushed there would "
                     "reach everyone who can read it, your partner too. Nothing was pushed. Give the private "
                     "store a repository of your own: `balance private git remote set-url {} URL`",
                     escape_for_terminal(remote.name), escape_for_terminal(remote.name));
}

// After a fetch: a private remote holds one person's records. Another person's there (a partner
// who set up the same remote, say) must not come into this store, nor ours go there.
std::optional<std::string> others_records_in(const fs::path& store, const std::string& theirs, const std::string& owner) {
  for (const std::string& path : lines_of(run_git(store, {"ls-tree", "-r", "--name-only", theirs}).out)) {
    auto role = role_of_path("private/" + path);
    if (role && role->author != owner)
      return fmt::format("{} holds private records of {} ({}), not only yours: a private remote is for one person's "
                         "own records. Nothing was merged or pushed; give the private store a repository of your own",
                         escape_for_terminal(theirs), escape_for_terminal(role->author), escape_for_terminal(path));
  }
  return std::nullopt;
}

// A merge left unfinished, or a private file that does not read (conflict markers committed by
// hand): syncing now would spread it to every computer.
std::optional<std::string> unfinished_merge(const repo& r, const fs::path& store) {
  bool merging = run_git(store, {"rev-parse", "-q", "--verify", "MERGE_HEAD"}).status == 0;
  if (merging || !lines_of(run_git(store, {"ls-files", "-u"}).out).empty())
    return std::string("the private store is in the middle of a merge with conflicts; `balance check` shows each one as "
                       "PATH:LINE:COL: keep the version you want between the markers, then `balance private git commit "
                       "-a` and `balance private sync` again");
  check_result checked = check_repo(r);
  for (const diagnostic& d : checked.problems)
    if (d.where.path.starts_with(store.string() + "/"))
      return fmt::format("{}\nnothing was synced: a private file that does not read would reach your other computers "
                         "too. Fix it (`balance check` lists every problem), then `balance private sync` again",
                         d.to_string());
  return std::nullopt;
}

// Which remote branch to merge and push to: the upstream, or the remote's branch of this
// branch's name, or its only (or main, or master) branch; none before the first push.
std::optional<std::string> their_branch(const fs::path& store, const std::string& remote) {
  git_result up = run_git(store, {"rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"});
  if (up.status == 0 && !first_line(up.out).empty()) return first_line(up.out);
  std::string branch = first_line(run_git(store, {"symbolic-ref", "--short", "-q", "HEAD"}).out);
  git_result listed = run_git(store, {"for-each-ref", "--format=%(refname:strip=2)", "refs/remotes/" + remote + "/"});
  std::vector<std::string> theirs;
  std::string_view rest = listed.out;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    std::string name(trim(rest.substr(0, nl)));
    if (!name.empty() && name != remote + "/HEAD") theirs.push_back(name);
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  for (const std::string& want : {remote + "/" + branch, remote + "/main", remote + "/master"})
    if (std::find(theirs.begin(), theirs.end(), want) != theirs.end()) return want;
  if (theirs.size() == 1) return theirs.front();
  return std::nullopt;
}

// Merges `theirs` into the store: histories that two computers started apart are one store.
git_outcome merge_into_store(const repo& r, const fs::path& store, const std::string& theirs) {
  git_result merged = run_git(store, {"merge", "--no-edit", "-q", "--allow-unrelated-histories", theirs});
  if (merged.status == 0) return {0, ""};
  bool merging = run_git(store, {"rev-parse", "-q", "--verify", "MERGE_HEAD"}).status == 0;
  if (!merging) return failure(errc::io, fmt::format("git merge in the private store failed: {}", trim(merged.err)));
  detail::sync_place place{store, "private/", "balance private git", "balance private sync"};
  return detail::merge_stopped(place, &r.config(), merged.err, theirs);
}

// Checks the store and its remotes before anything changes; the remote to sync with, or why not.
std::variant<store_remote, git_outcome> sync_remote(const repo& r, const fs::path& store) {
  if (store.empty() || !path_exists(real_file_system(), store))
    return failure(errc::no_input,
                   "this computer keeps no private records for this repository yet; `balance private git init` "
                   "makes a private store that can sync");
  if (!path_exists(real_file_system(), store / ".git"))
    return failure(errc::no_input,
                   fmt::format("the private store ({}) is not a git repository yet: run `balance private git init`, "
                               "then `balance private git remote add origin URL` with a repository of your own",
                               store.string()));
  auto remotes = store_remotes(store);
  if (remotes.empty())
    return failure(errc::no_input,
                   "the private store has no remote to sync with; add one of your own with `balance private git "
                   "remote add origin URL`");
  for (const store_remote& rm : remotes)
    for (const auto* urls : {&rm.fetch, &rm.push})
      for (const std::string& url : *urls)
        if (auto clash = shared_remote_clash(r, url))
          return failure(errc::usage, fmt::format("the private store's remote {}: {}", escape_for_terminal(rm.name), *clash));
  git_result up = run_git(store, {"rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"});
  std::string upstream = up.status == 0 ? first_line(up.out) : "";
  std::string name = upstream.substr(0, upstream.find('/'));
  auto chosen = std::find_if(remotes.begin(), remotes.end(), [&](const store_remote& rm) { return rm.name == name; });
  if (chosen == remotes.end())
    chosen = std::find_if(remotes.begin(), remotes.end(), [](const store_remote& rm) { return rm.name == "origin"; });
  return chosen != remotes.end() ? *chosen : remotes.front();
}

}  // namespace

std::optional<std::string> shared_remote_clash(const repo& r, std::string_view url) {
  fs::path store = r.private_root().empty() ? r.root() : r.private_root();
  std::string key = remote_key(url, store);
  if (key == remote_key(r.root().string(), r.root()))
    return fmt::format("{} is the shared repository itself; private records never go there", escape_for_terminal(url));
  for (const std::string& shared : shared_remote_urls(r))
    if (remote_key(shared, r.root()) == key)
      return fmt::format("{} is where the shared repository syncs (its remote {}): private records pushed there would "
                         "reach your partner. Use a repository of your own",
                         escape_for_terminal(url), escape_for_terminal(shared));
  return std::nullopt;
}

std::optional<git_outcome> private_git_refusal(const repo& r, const std::vector<std::string>& args) {
  // Any word that names the shared repository or one of its remotes, as a whole or as the value
  // of NAME=VALUE (`-c remote.origin.url=…`, `--repo=…`): there is no reason to name it here.
  for (const std::string& arg : args) {
    std::vector<std::string_view> candidates;
    if (!arg.starts_with('-')) candidates.push_back(arg);
    if (auto eq = arg.find('='); eq != std::string::npos && eq + 1 < arg.size())
      candidates.push_back(std::string_view(arg).substr(eq + 1));
    for (std::string_view c : candidates)
      if (auto clash = shared_remote_clash(r, c)) return failure(errc::usage, *clash);
  }
  // Before the store is a repository, only the commands that make one (or say git's version).
  fs::path store = r.private_root();
  if (!store.empty() && path_exists(real_file_system(), store / ".git")) return std::nullopt;
  auto word = std::find_if(args.begin(), args.end(), [](const std::string& a) { return !a.starts_with('-'); });
  if (word == args.end() || *word == "init" || *word == "clone" || *word == "help" || *word == "version")
    return std::nullopt;
  return failure(errc::no_input, fmt::format("the private store is not a git repository yet, so git {} has nothing to "
                                             "work on: run `balance private git init` first",
                                             escape_for_terminal(*word)));
}

private_git_command private_git_argv(const repo& r, const std::vector<std::string>& args) {
  private_git_command cmd;
  cmd.argv = {"git", "-C", r.private_root().string()};
  cmd.argv.insert(cmd.argv.end(), args.begin(), args.end());
  cmd.environment = {"GIT_CEILING_DIRECTORIES=" + r.private_root().parent_path().string()};
  return cmd;
}

bool private_store_syncs(const repo& r) {
  return !r.private_root().empty() && path_exists(real_file_system(), r.private_root() / ".git");
}

git_outcome sync_private_store(const repo& r) {
  const fs::path store = r.private_root();
  auto checked = sync_remote(r, store);
  if (auto* refused = std::get_if<git_outcome>(&checked)) return *refused;
  const store_remote chosen = std::get<store_remote>(checked);
  const std::string& remote = chosen.name;
  // Private writes wait while the store's files change under the merge.
  repo_lock lock(r.root());
  if (auto unfinished = unfinished_merge(r, store)) return {1, *unfinished};
  set_up_store(store, r.root());
  if (auto problem = commit_store(store, r.private_owner()))
    return failure(errc::io, fmt::format("the private store's changes could not be committed: {}", *problem));
  git_result fetched = run_git(store, {"fetch", "-q", remote});
  if (fetched.status != 0) return failure(errc::io, fmt::format("git fetch failed: {}", first_line(fetched.err)));
  if (auto shared = shared_history_in(r, store, chosen)) return failure(errc::usage, *shared);
  std::optional<std::string> theirs = their_branch(store, remote);
  if (theirs)
    if (auto others = others_records_in(store, *theirs, r.private_owner())) return failure(errc::usage, *others);
  if (theirs) {
    git_outcome merged = merge_into_store(r, store, *theirs);
    if (merged.status != 0) return merged;
  }
  detail::sync_place place{store, "private/", "balance private git", "balance private sync"};
  git_outcome pushed = detail::push_to(place, remote, theirs);
  if (pushed.status != 0) return pushed;
  if (theirs) run_git(store, {"branch", "-q", "--set-upstream-to=" + *theirs});
  return {0, fmt::format("synced your private records with {}", escape_for_terminal(remote))};
}

}  // namespace balance
