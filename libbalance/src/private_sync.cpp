#include "balance/private_sync.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <variant>

#include <fmt/format.h>

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

// The private store's remotes by name, in git's order.
std::vector<std::pair<std::string, std::string>> store_remotes(const fs::path& store) {
  std::vector<std::pair<std::string, std::string>> remotes;
  git_result names = run_git(store, {"remote"});
  std::string_view rest = names.out;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    std::string name(trim(rest.substr(0, nl)));
    if (!name.empty()) remotes.emplace_back(name, first_line(run_git(store, {"remote", "get-url", name}).out));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return remotes;
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

// After a fetch: a remote whose commits the shared repository has is the shared one.
std::optional<std::string> shared_history_in(const repo& r, const fs::path& store, const std::string& remote) {
  if (!path_exists(real_file_system(), r.root() / ".git")) return std::nullopt;
  git_result refs = run_git(store, {"for-each-ref", "--format=%(objectname)", "refs/remotes/" + remote + "/"});
  std::string_view rest = refs.out;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    std::string hash(trim(rest.substr(0, nl)));
    if (!hash.empty() && run_git(r.root(), {"cat-file", "-e", hash + "^{commit}"}).status == 0)
      return fmt::format("the remote {} holds the shared repository's history: private records pushed there would "
                         "reach everyone who can read it, your partner too. Nothing was pushed. Give the private "
                         "store a repository of your own: `balance private git remote set-url {} URL`",
                         escape_for_terminal(remote), escape_for_terminal(remote));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
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
std::variant<std::string, git_outcome> sync_remote(const repo& r, const fs::path& store) {
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
  for (const auto& [name, url] : remotes)
    if (auto clash = shared_remote_clash(r, url))
      return failure(errc::usage, fmt::format("the private store's remote {}: {}", escape_for_terminal(name), *clash));
  git_result up = run_git(store, {"rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"});
  std::string upstream = up.status == 0 ? first_line(up.out) : "";
  if (auto slash = upstream.find('/'); slash != std::string::npos) return upstream.substr(0, slash);
  auto origin = std::find_if(remotes.begin(), remotes.end(), [](const auto& rm) { return rm.first == "origin"; });
  return origin != remotes.end() ? origin->first : remotes.front().first;
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

std::optional<std::string> private_git_refusal(const repo& r, const std::vector<std::string>& args) {
  if (args.size() < 4 || args[0] != "remote" || (args[1] != "add" && args[1] != "set-url")) return std::nullopt;
  return shared_remote_clash(r, args.back());
}

private_git_command private_git_argv(const repo& r, const std::vector<std::string>& args) {
  private_git_command cmd;
  cmd.argv = {"git", "-C", r.private_root().string()};
  cmd.argv.insert(cmd.argv.end(), args.begin(), args.end());
  cmd.environment = {"GIT_CEILING_DIRECTORIES=" + r.private_root().parent_path().string()};
  return cmd;
}

git_outcome sync_private_store(const repo& r) {
  const fs::path store = r.private_root();
  auto checked = sync_remote(r, store);
  if (auto* refused = std::get_if<git_outcome>(&checked)) return *refused;
  const std::string remote = std::get<std::string>(checked);
  // Private writes wait while the store's files change under the merge.
  repo_lock lock(r.root());
  set_up_store(store, r.root());
  if (auto problem = commit_store(store, r.private_owner()))
    return failure(errc::io, fmt::format("the private store's changes could not be committed: {}", *problem));
  git_result fetched = run_git(store, {"fetch", "-q", remote});
  if (fetched.status != 0) return failure(errc::io, fmt::format("git fetch failed: {}", first_line(fetched.err)));
  if (auto shared = shared_history_in(r, store, remote)) return failure(errc::usage, *shared);
  std::optional<std::string> theirs = their_branch(store, remote);
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
