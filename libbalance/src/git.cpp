#include "balance/git.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/file_system.hpp"
#include "balance/lock.hpp"
#include "balance/merge.hpp"
#include "balance/process.hpp"
#include "record_file.hpp"
#include "balance/settings.hpp"
#include "balance/text.hpp"
#include "git_sync.hpp"
#include "toml_util.hpp"

namespace balance {

git_result run_git(const std::filesystem::path& dir, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"git", "-C", dir.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  process_result ran = capture_process(argv);
  if (!ran.started())
    throw error(errc::no_input, fmt::format("cannot run git ({}); is it installed?", std::strerror(ran.start_error)));
  return {ran.status, std::move(ran.out), std::move(ran.err)};
}

bool in_git_repo(const std::filesystem::path& dir) {
  git_result r = run_git(dir, {"rev-parse", "--is-inside-work-tree"});
  return r.status == 0 && trim(r.out) == "true";
}

namespace detail {

bool ensure_line(const std::filesystem::path& path, const std::string& display, const std::string& line,
                 const std::string& comment) {
  auto text = read_file(path, display, max_file_size).value_or("");
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (trim(std::string_view(text).substr(start, nl == std::string::npos ? std::string::npos : nl - start)) == line) return false;
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  if (!text.empty() && text.back() != '\n') text += '\n';
  if (!comment.empty()) text += comment + "\n";
  text += line + "\n";
  check_write_target(path, display);
  write_file_atomically(real_file_system(), path, text, display);
  return true;
}

std::vector<std::string> configure_merge_driver(const std::filesystem::path& root, const std::string& driver) {
  std::vector<std::string> changed;
  git_result current = run_git(root, {"config", "--local", "--get", "merge.balance.driver"});
  if (current.status != 0 || trim(current.out) != driver) {
    git_result set = run_git(root, {"config", "--local", "merge.balance.driver", driver});
    if (set.status != 0) throw error(errc::io, fmt::format("git config failed: {}", trim(set.err)));
    run_git(root, {"config", "--local", "merge.balance.name", "balance: merge record files by id"});
    changed.push_back("merge driver");
  }
  // A record moving month can empty one file and fill another; git must not mistake that for a
  // rename and hand the driver a file whose records belong elsewhere.
  git_result renames = run_git(root, {"config", "--local", "--get", "merge.renames"});
  if (renames.status != 0 || trim(renames.out) != "false") {
    run_git(root, {"config", "--local", "merge.renames", "false"});
    if (changed.empty()) changed.push_back("merge.renames");
  }
  return changed;
}

}  // namespace detail

namespace {

using detail::ensure_line;

// The pre-commit hook of `git setup --hooks`; true when it was installed or replaced.
bool install_hook(const std::filesystem::path& root) {
  git_result dir = run_git(root, {"rev-parse", "--git-path", "hooks"});
  std::filesystem::path hooks_dir = trim(dir.out);
  if (hooks_dir.is_relative()) hooks_dir = root / hooks_dir;
  std::filesystem::path hook = hooks_dir / "pre-commit";
  // Only the staged files: one broken file elsewhere must not block every autocommit.
  const std::string script =
      "#!/bin/sh\n# Installed by `balance git setup --hooks`: refuse a commit whose staged data files do not "
      "validate.\n"
      "git diff --cached --name-only -z --diff-filter=ACMR -- '*.toml' | xargs -0 -r balance check -q\n";
  // What earlier versions installed: ours to replace.
  const std::string older =
      "#!/bin/sh\n# Installed by `balance git setup --hooks`: refuse commits of data that does not validate.\n"
      "exec balance check -q\n";
  auto existing = read_file(hook, hook.string(), max_file_size);
  if (existing && *existing != script && *existing != older)
    throw_usage(fmt::format("{} exists and is not balance's; add `balance check -q` to it yourself", hook.string()));
  if (!existing || *existing == older) {
    file_system& files = real_file_system();
    make_dirs(files, hooks_dir);  // the write below says what went wrong
    write_file_atomically(files, hook, script, hook.string());
    if (files.chmod(hook.c_str(), 0700) != 0)
      throw error(errc::io, fmt::format("{}: cannot make it executable: {}", hook.string(), std::strerror(errno)));
    return true;
  }
  return false;
}

}  // namespace

setup_result git_setup(const std::filesystem::path& root, bool hooks) {
  if (!in_git_repo(root))
    throw_usage(fmt::format("{} is not in a git repository; run `git init` there first, or `balance init --git`", root.string()));
  setup_result result;
  bool attrs = ensure_line(root / ".gitattributes", ".gitattributes", "*.toml merge=balance",
                           "# balance merges record files by id (balance merge-driver); see `balance help git`");
  attrs = ensure_line(root / ".gitattributes", ".gitattributes", "/balance.toml merge=text", "") || attrs;
  if (attrs) result.changed.push_back(".gitattributes");
  if (ensure_line(root / ".gitignore", ".gitignore", "/private/", "# a guard: private records live outside the repository; older versions kept them in private/"))
    result.changed.push_back(".gitignore");

  for (auto& what : detail::configure_merge_driver(root, "balance merge-driver %O %A %B %P")) result.changed.push_back(what);
  if (hooks && install_hook(root)) result.changed.push_back("pre-commit hook");
  return result;
}

std::string setup_summary(const setup_result& done) {
  if (done.changed.empty()) return "git is already set up for balance; nothing changed";
  std::string list;
  for (const auto& c : done.changed) list += (list.empty() ? "" : ", ") + c;
  return "set up git for balance: " + list;
}

namespace {

// The ids on the `id = "…"` lines added or removed in what is staged for `paths`, but not in `ids`.
std::set<std::string> other_staged_ids(const std::filesystem::path& root, const std::vector<std::string>& paths,
                                       const std::vector<std::string>& ids) {
  std::vector<std::string> diff = {"diff", "--cached", "-U0", "--no-color", "--no-ext-diff", "--"};
  diff.insert(diff.end(), paths.begin(), paths.end());
  git_result shown = run_git(root, diff);
  std::set<std::string> others;
  std::string_view rest = shown.out;
  while (!rest.empty()) {
    std::string_view line = rest.substr(0, rest.find('\n'));
    rest.remove_prefix(std::min(rest.size(), line.size() + 1));
    if (line.size() < 7 || (line[0] != '+' && line[0] != '-') || line.starts_with("+++") || line.starts_with("---"))
      continue;
    std::string_view body = trim(line.substr(1));
    if (!body.starts_with("id = \"") || !body.ends_with('"')) continue;
    std::string id(body.substr(6, body.size() - 7));
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) others.insert(id);
  }
  return others;
}

std::string with_earlier_changes(const std::string& message, const std::set<std::string>& others) {
  if (others.empty()) return message;
  std::string list;
  for (const auto& id : others) list += (list.empty() ? "" : ", ") + id.substr(0, std::min<std::size_t>(7, id.size()));
  return fmt::format("{} (also {} left uncommitted by an earlier write: {})", message, others.size() == 1 ? "a record" : fmt::format("{} records", others.size()), list);
}

}  // namespace

std::optional<std::string> autocommit(const std::filesystem::path& root, const std::vector<std::string>& paths,
                                      const std::string& message, const std::vector<std::string>& ids) {
  std::vector<std::string> shared;
  for (const auto& p : paths)
    if (!p.starts_with("private/")) shared.push_back(p);
  if (shared.empty()) return std::nullopt;
  std::vector<std::string> add = {"add", "-A", "--"};
  add.insert(add.end(), shared.begin(), shared.end());
  git_result staged = run_git(root, add);
  if (staged.status != 0) return fmt::format("git add failed: {}", trim(staged.err));
  // The files may be as the last commit has them (a hand-added record, never committed, just
  // removed): there is nothing to commit, and nothing went wrong.
  std::vector<std::string> quiet = {"diff", "--cached", "--quiet", "HEAD", "--"};
  quiet.insert(quiet.end(), shared.begin(), shared.end());
  if (run_git(root, quiet).status == 0) return std::nullopt;
  std::string subject = ids.empty() ? message : with_earlier_changes(message, other_staged_ids(root, shared, ids));
  std::vector<std::string> commit = {"commit", "-q", "-m", subject, "--"};
  commit.insert(commit.end(), shared.begin(), shared.end());
  git_result committed = run_git(root, commit);
  if (committed.status != 0) {
    // A sync that stopped at a conflict: git refuses partial commits until the merge is done.
    if (run_git(root, {"rev-parse", "-q", "--verify", "MERGE_HEAD"}).status == 0)
      return std::string(
          "a merge is in progress (a sync stopped at a conflict), so it is staged and goes into the merge commit: "
          "resolve the conflict (`balance check` shows where), then `balance git commit -a` and `balance sync`");
    return fmt::format("git commit failed: {}", trim(committed.err.empty() ? committed.out : committed.err));
  }
  return std::nullopt;
}

bool is_balance_commit(std::string_view subject) {
  for (std::string_view tool :
       {"balance-checkin: ", "balance-ledger: ", "balance-boundaries: ", "balance-talk: ", "balance-journal: ", "balance: "})
    if (subject.starts_with(tool)) return true;
  return false;
}

namespace detail {

std::string first_line(std::string_view text) {
  std::string_view t = trim(text);
  return std::string(t.substr(0, t.find('\n')));
}

git_outcome failure(errc kind, std::string message) { return {exit_code(kind), std::move(message)}; }

// What the merge driver said during a git command, to pass on.
std::string short_ids(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id.substr(0, 7);
  return out;
}

// `git ls-files -u -z` as path → stage → blob.
std::map<std::string, std::map<int, std::string>> unmerged_stages(std::string_view listing) {
  std::map<std::string, std::map<int, std::string>> stages;  // path → stage → blob
  std::string_view rest = listing;
  while (!rest.empty()) {
    auto end = rest.find('\0');
    std::string_view entry = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    // "MODE SHA STAGE\tPATH"
    auto tab = entry.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string_view meta = entry.substr(0, tab);
    auto s1 = meta.find(' '), s2 = meta.rfind(' ');
    if (s1 == std::string_view::npos || s2 == s1) continue;
    int stage = meta[s2 + 1] - '0';
    stages[std::string(entry.substr(tab + 1))][stage] = std::string(meta.substr(s1 + 1, s2 - s1 - 1));
  }
  return stages;
}

// After a merge that stopped: record files git left unmerged because one side deleted them (a
// remove that emptied a month file against an edit). git never runs the merge driver for those,
// so merge them here by record, with the deleted side as an empty file: the edited record becomes
// a conflict between markers that `balance check` reports, everything else merges. Returns one
// note per file it merged; clean ones are staged, conflicted ones left for the people.
std::vector<std::string> merge_deleted_record_files(const sync_place& place, const settings& cfg) {
  const std::filesystem::path& root = place.root;
  std::vector<std::string> notes;
  git_result unmerged = run_git(root, {"ls-files", "-u", "-z"});
  if (unmerged.status != 0) return notes;
  auto stages = unmerged_stages(unmerged.out);
  auto blob = [&](const std::map<int, std::string>& st, int stage) -> std::string {
    auto it = st.find(stage);
    if (it == st.end()) return "";
    return run_git(root, {"cat-file", "-p", it->second}).out;
  };
  for (const auto& [path, st] : stages) {
    bool ours = st.count(2) > 0, theirs = st.count(3) > 0;
    // Not a modify/delete, or not a record file of this place (an old private/ tree in the repository).
    auto role = role_of_path(place.prefix + path);
    if (ours == theirs || !role || role->is_private != !place.prefix.empty()) continue;
    merge_outcome merged;
    try {
      merged = merge_record_files(blob(st, 1), blob(st, 2), blob(st, 3), place.prefix + path, cfg);
    } catch (const error& e) {
      notes.push_back(fmt::format("{}: removed on one side and changed on the other, and it cannot be merged by record: {}",
                                  path, e.what()));
      continue;
    }
    std::filesystem::path file = root / path;
    if (merged.text.empty()) {
      run_git(root, {"rm", "-q", "--", path});
      continue;
    }
    make_data_dirs(real_file_system(), root, std::filesystem::path(path).parent_path());
    write_file_atomically(real_file_system(), file, merged.text, path);
    if (merged.conflicts == 0) {
      run_git(root, {"add", "--", path});
      continue;
    }
    notes.push_back(fmt::format("{}: {} removed on one side and changed on the other: {}", path,
                                merged.conflicts == 1 ? "a record was" : "records were", short_ids(merged.conflict_ids)));
  }
  return notes;
}

std::string driver_notes(std::string_view err) {
  std::string notes;
  std::size_t start = 0;
  while (start < err.size()) {
    std::size_t nl = err.find('\n', start);
    std::string_view line = err.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (line.starts_with("balance merge-driver:")) {
      notes.push_back('\n');
      notes.append(line);
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return notes;
}

}  // namespace detail

using detail::failure;
using detail::first_line;
using detail::short_ids;

git_outcome run_merge_driver(const std::string& base, const std::string& ours, const std::string& theirs,
                             const std::string& path, const settings* cfg) {
  if (!role_of_path(path) || cfg == nullptr) {
    // Not a record file: git's own text merge, writing into OURS.
    git_result merged = run_git(std::filesystem::current_path(), {"merge-file", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs});
    if (merged.status == 0) return {0, ""};
    if (merged.status > 0 && merged.status < 128)
      return {1, fmt::format("balance merge-driver: {}: {} conflict{} left for you to resolve", path, merged.status,
                             merged.status == 1 ? "" : "s")};
    return {1, fmt::format("balance merge-driver: {}: git merge-file failed: {}", path, first_line(merged.err))};
  }
  try {
    auto read = [&](const std::string& file) {
      return read_file(file, file, max_file_size).value_or("");
    };
    merge_outcome merged = merge_record_files(read(base), read(ours), read(theirs), path, *cfg);
    write_file_atomically(real_file_system(), ours, merged.text, path);
    if (merged.conflicts == 0) return {0, ""};
    // In the private store, the file's own path there (its logical "private/" prefix is ours).
    std::string shown = path.starts_with("private/") ? path.substr(8) : path;
    return {1, fmt::format("balance merge-driver: {}: {} record{} changed on both sides (or removed on one, changed on "
                           "the other): {}; keep the version you want between the markers, then run `balance check`",
                           shown, merged.conflicts, merged.conflicts == 1 ? "" : "s", short_ids(merged.conflict_ids))};
  } catch (const error& e) {
    return {1, fmt::format("balance merge-driver: {}: cannot merge by record, leaving our version untouched:\n{}", path, e.what())};
  }
}

namespace {

// The note remember_private_write keeps in the private store (never in the repository).
constexpr const char* private_write_note = "last-private-write.toml";

struct commit_info {
  std::string hash, author, subject;
  std::size_t parents = 0;
};

// The latest `n` commits along the first-parent line from HEAD, newest first.
std::vector<commit_info> latest_commits(const std::filesystem::path& root, int n) {
  git_result log = run_git(root, {"log", "--first-parent", "-n", std::to_string(n), "--format=%H%x1f%P%x1f%an <%ae>%x1f%s%x1e"});
  std::vector<commit_info> commits;
  if (log.status != 0) return commits;
  std::string_view rest = log.out;
  while (true) {
    auto end = rest.find('\x1e');
    if (end == std::string_view::npos) break;
    std::string_view entry = trim(rest.substr(0, end));
    rest.remove_prefix(end + 1);
    std::vector<std::string_view> parts;
    for (std::size_t from = 0;;) {
      auto sep = entry.find('\x1f', from);
      parts.push_back(entry.substr(from, sep == std::string_view::npos ? std::string_view::npos : sep - from));
      if (sep == std::string_view::npos) break;
      from = sep + 1;
    }
    if (parts.size() != 4) continue;
    commit_info c{std::string(parts[0]), std::string(parts[2]), std::string(parts[3]), 0};
    for (std::string_view p = trim(parts[1]); !p.empty();) {
      ++c.parents;
      auto sp = p.find(' ');
      p = sp == std::string_view::npos ? std::string_view() : trim(p.substr(sp));
    }
    commits.push_back(std::move(c));
  }
  return commits;
}

// This clone's git identity as "Name <email>" (what %an <%ae> prints), or empty.
std::string own_identity(const std::filesystem::path& root) {
  git_result ident = run_git(root, {"var", "GIT_AUTHOR_IDENT"});
  if (ident.status != 0) return "";
  std::string line = first_line(ident.out);  // "Name <email> 1764672000 +0100"
  auto close = line.rfind('>');
  return close == std::string::npos ? "" : line.substr(0, close + 1);
}

// The latest private write, when nothing was committed since: what it was ("balance-checkin: …").
std::optional<std::string> private_write_since(const repo& r, std::string_view head) {
  if (r.private_root().empty() || r.private_owner().empty()) return std::nullopt;
  auto text = read_file(r.private_root() / private_write_note, private_write_note, 64 * 1024);
  if (!text) return std::nullopt;
  diagnostic problem;
  auto tbl = detail::parse_toml(*text, private_write_note, problem);
  if (!tbl) return std::nullopt;
  auto who = (*tbl)["who"].value<std::string>();
  auto after = (*tbl)["after"].value<std::string>();
  auto what = (*tbl)["what"].value<std::string>();
  if (!who || !after || !what || *who != r.private_owner() || *after != head) return std::nullopt;
  return *what;
}

std::string subject_in_quotes(std::string_view subject) { return fmt::format("\"{}\"", escape_for_terminal(subject)); }

}  // namespace

void remember_private_write(const repo& r, const std::vector<std::string>& paths, const std::string& line) {
  bool any_private = std::any_of(paths.begin(), paths.end(), [](const std::string& p) { return p.starts_with("private/"); });
  if (!any_private || r.private_root().empty() || r.private_owner().empty()) return;
  git_result head = run_git(r.root(), {"rev-parse", "-q", "--verify", "HEAD"});
  if (head.status != 0 && !in_git_repo(r.root())) return;
  std::string text = fmt::format(
      "# balance undo reads this: a write of private records, which never enter git, and the commit it followed\n"
      "who = {}\nafter = {}\nwhat = {}\n",
      detail::toml_quote(r.private_owner()), detail::toml_quote(first_line(head.out)), detail::toml_quote(line));
  try {
    write_file_atomically(real_file_system(), r.private_root() / private_write_note, text, private_write_note);
  } catch (const error&) {
    // Only a courtesy for undo's message: the write itself is done and must not fail for it.
  }
}

namespace {

// The commits on HEAD that no remote-tracking branch has.
std::set<std::string> unpushed_commits(const std::filesystem::path& root) {
  git_result listed = run_git(root, {"rev-list", "HEAD", "--not", "--remotes"});
  std::set<std::string> unpushed;
  for (std::string_view rest = listed.out; !rest.empty();) {
    auto nl = rest.find('\n');
    if (auto h = trim(rest.substr(0, nl)); !h.empty()) unpushed.emplace(h);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
  }
  return unpushed;
}

// Why undo must not take back the `count` latest commits, or none; `all_local` says whether
// nobody else can have them.
std::optional<std::string> undo_refusal(const std::filesystem::path& root, const std::vector<commit_info>& commits,
                                        const undo_options& opts, bool& all_local) {
  std::string me = own_identity(root);
  std::set<std::string> unpushed = unpushed_commits(root);
  all_local = true;
  for (int i = 0; i < opts.count; ++i) {
    std::string which = i == 0 ? "the latest commit" : fmt::format("commit {} back", i + 1);
    if (static_cast<std::size_t>(i) >= commits.size())
      return fmt::format("the history has only {} commit{}", commits.size(), commits.size() == 1 ? "" : "s");
    const commit_info& c = commits[static_cast<std::size_t>(i)];
    if (c.parents > 1)
      return fmt::format("{}, {}, is a merge (from sync or git); undo takes back only the commits balance made "
                         "for a write",
                         which, subject_in_quotes(c.subject));
    if (!is_balance_commit(c.subject))
      return fmt::format("{} is not one balance made ({}); undo only reverts balance's own commits", which,
                         subject_in_quotes(c.subject));
    if (c.parents == 0 || c.subject == "balance: init")
      return fmt::format("{} created the repository; there is nothing balance can undo there", which);
    bool pushed = unpushed.count(c.hash) == 0;
    bool theirs = !me.empty() && c.author != me;
    if (theirs && !opts.pushed)
      return fmt::format("{}, {}, was made by {}, not by this clone ({}); undo takes back only your own "
                         "commits, or, with --pushed, reverts it with a new commit",
                         which, subject_in_quotes(c.subject), escape_for_terminal(c.author), escape_for_terminal(me));
    if (pushed && !opts.pushed)
      return fmt::format("{}, {}, is already pushed, so your partner may have it; `balance undo --pushed` "
                         "reverts it with a new commit instead",
                         which, subject_in_quotes(c.subject));
    if (pushed || theirs) all_local = false;
  }
  return std::nullopt;
}

// Nobody else has these commits: take them out of this clone's history.
git_outcome reset_commits(const std::filesystem::path& root, int count, const std::string& head,
                          const std::string& lines) {
  std::string old_head = head.substr(0, 7);
  git_result reset = run_git(root, {"reset", "-q", "--hard", fmt::format("HEAD~{}", count)});
  if (reset.status != 0) return failure(errc::io, fmt::format("git reset failed: {}", trim(reset.err)));
  return {0, fmt::format("{}\n({} not pushed, so {} gone from the history; `balance git reset --hard {}` brings {} back)",
                         lines, count == 1 ? "it was" : "they were", count == 1 ? "it is" : "they are", old_head,
                         count == 1 ? "it" : "them")};
}

// Some were pushed: one new commit that reverts them all, newest first.
git_outcome revert_commits(const std::filesystem::path& root, const std::vector<commit_info>& commits, int count,
                           const std::string& lines) {
  std::vector<std::string> revert = {"revert", "--no-commit"};
  for (int i = 0; i < count; ++i) revert.push_back(commits[static_cast<std::size_t>(i)].hash);
  git_result reverted = run_git(root, revert);
  if (reverted.status != 0) {
    run_git(root, {"revert", "--abort"});
    return failure(errc::io, fmt::format("git revert failed, nothing was undone: {}", trim(reverted.err)));
  }
  std::string message = count == 1 ? fmt::format("balance: undid \"{}\"", commits.front().subject)
                                   : fmt::format("balance: undid {} commits\n", count);
  if (count > 1)
    for (int i = 0; i < count; ++i) message += fmt::format("\n- {}", commits[static_cast<std::size_t>(i)].subject);
  git_result committed = run_git(root, {"commit", "-q", "-m", message});
  if (committed.status != 0) {
    run_git(root, {"reset", "-q", "--hard", "HEAD"});
    return failure(errc::io, fmt::format("git commit failed, nothing was undone: {}",
                                         trim(committed.err.empty() ? committed.out : committed.err)));
  }
  return {0, fmt::format("{}\n(by a new commit that reverts {}; `balance sync` shares it)", lines, count == 1 ? "it" : "them")};
}

// What undo says about a latest change to private records, which git cannot take back; or "".
std::string private_change_note(const std::optional<std::string>& private_write) {
  if (!private_write) return "";
  std::string program = private_write->substr(0, private_write->find(": "));
  // The record's short id, as the line names it ("added check-in 3f9a1c0 (sam)"), or ID.
  std::string id = "ID";
  std::string_view rest = *private_write;
  while (!rest.empty() && id == "ID") {
    std::string_view word = rest.substr(0, rest.find(' '));
    rest.remove_prefix(std::min(rest.size(), word.size() + 1));
    bool hex = std::all_of(word.begin(), word.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
    if (hex && word.size() >= 7 && word.size() <= 12) id = std::string(word);
  }
  return fmt::format(
      "your latest change, {}, was to private records: they live outside the shared repository and its git, so undo "
      "cannot take it back (`{} rm {}` or `{} edit {}` changes it)",
      subject_in_quotes(*private_write), escape_for_terminal(program), id, escape_for_terminal(program), id);
}

}  // namespace

git_outcome undo_commits(const repo& r, const undo_options& opts) {
  const std::filesystem::path& root = r.root();
  if (!in_git_repo(root)) return {1, "this repository is not in git, so there is nothing to undo"};
  // git rewrites data files here: no balance write may run at the same time.
  repo_lock lock(root);
  git_result dirty = run_git(root, {"status", "--porcelain", "--untracked-files=no"});
  if (!trim(dirty.out).empty())
    return {1, "the work tree has uncommitted changes; commit or stash them first, then undo"};
  git_result head = run_git(root, {"rev-parse", "-q", "--verify", "HEAD"});
  std::optional<std::string> private_write = private_write_since(r, head.status == 0 ? first_line(head.out) : "");
  std::string private_note = private_change_note(private_write);
  if (head.status != 0) return {1, private_note.empty() ? "there is no commit to undo yet" : private_note};
  if (private_write && !opts.count_given)
    return {1, private_note + "; to take back balance's latest commit before it, run `balance undo 1`"};

  std::vector<commit_info> commits = latest_commits(root, opts.count);
  bool all_local = true;
  if (auto why = undo_refusal(root, commits, opts, all_local)) {
    // With N > 1, name the commit at fault and say that nothing changed.
    std::string lead = opts.count == 1 ? "" : fmt::format("cannot undo {} commits, nothing was undone: ", opts.count);
    return {1, lead + *why};
  }
  std::string lines;
  for (int i = 0; i < opts.count; ++i)
    lines += fmt::format("{}{} {}", i ? "\n" : "", opts.dry_run ? "would undo" : "undid",
                         subject_in_quotes(commits[static_cast<std::size_t>(i)].subject));
  if (!private_note.empty()) lines = private_note + "\n" + lines;
  if (opts.dry_run) return {0, lines};
  if (all_local) return reset_commits(root, opts.count, first_line(head.out), lines);
  return revert_commits(root, commits, opts.count, lines);
}

namespace detail {

// What is left unmerged after the record merges, and the message that names it.
git_outcome merge_stopped(const sync_place& place, const settings* cfg, const std::string& git_err,
                          const std::string& fallback) {
  const std::filesystem::path& root = place.root;
  std::vector<std::string> notes;
  if (cfg) notes = merge_deleted_record_files(place, *cfg);
  git_result conflicted = run_git(root, {"diff", "--name-only", "--diff-filter=U"});
  std::string files(trim(conflicted.out));
  for (auto& c : files)
    if (c == '\n') c = ' ';
  if (files.empty()) {
    // Every stop was a removal against an edit that merged cleanly: finish the merge.
    git_result done = run_git(root, {"commit", "-q", "--no-edit"});
    if (done.status == 0) return {0, ""};
    return failure(errc::io, fmt::format("the merge could not be finished: {}", first_line(done.err.empty() ? done.out : done.err)));
  }
  std::string details = driver_notes(git_err);
  for (const auto& n : notes) details += "\n" + n;
  return {1, fmt::format("the merge has conflicts in: {}. `balance check` shows each one as PATH:LINE:COL; keep the "
                         "version you want between the markers, then `{} commit -a` and `{}` again{}",
                         files.empty() ? fallback : files, place.git_word, place.sync_word, details)};
}

}  // namespace detail

namespace {

// A pull from the upstream (a merge, so the driver runs); status 0 when it merged.
git_outcome pull_upstream(const std::filesystem::path& root, const settings* cfg) {
  git_result pulled = run_git(root, {"pull", "--no-rebase", "--no-edit", "-q"});
  if (pulled.status == 0) return {0, ""};
  bool merging = run_git(root, {"rev-parse", "-q", "--verify", "MERGE_HEAD"}).status == 0;
  if (!merging) return failure(errc::io, fmt::format("git pull failed: {}", trim(pulled.err)));
  return detail::merge_stopped(detail::shared_place(root), cfg, pulled.err, "");
}

// A first sync: take what the remote has, if anything, and merge it before pushing.
git_outcome merge_first(const std::filesystem::path& root, const std::string& remote, const settings* cfg) {
  git_result fetched = run_git(root, {"fetch", "-q", remote});
  if (fetched.status != 0) return failure(errc::io, fmt::format("git fetch failed: {}", first_line(fetched.err)));
  std::string branch = first_line(run_git(root, {"rev-parse", "--abbrev-ref", "HEAD"}).out);
  std::string theirs = remote + "/" + branch;
  if (run_git(root, {"rev-parse", "--verify", "-q", "refs/remotes/" + theirs}).status != 0) return {0, ""};
  git_result merged = run_git(root, {"merge", "--no-edit", "-q", theirs});
  if (merged.status == 0) return {0, ""};
  if (merged.err.find("unrelated histories") != std::string::npos)
    return {1, fmt::format("{} holds a different balance repository (no common history). Clone it instead: "
                           "`git clone URL`, then `balance git setup`",
                           theirs)};
  bool merging = run_git(root, {"rev-parse", "-q", "--verify", "MERGE_HEAD"}).status == 0;
  if (!merging) return failure(errc::io, fmt::format("git merge failed: {}", trim(merged.err)));
  return detail::merge_stopped(detail::shared_place(root), cfg, merged.err, theirs);
}

}  // namespace

namespace detail {

git_outcome push_to(const sync_place& place, const std::string& remote, const std::optional<std::string>& upstream) {
  // A local branch may track an upstream of another name (master → origin/main), which a plain
  // `git push` refuses under push.default=simple: push to it by name.
  const std::filesystem::path& root = place.root;
  git_result pushed;
  if (upstream) {
    std::string up_remote = remote, up_branch = *upstream;
    if (auto slash = upstream->find('/'); slash != std::string::npos) {
      up_remote = upstream->substr(0, slash);
      up_branch = upstream->substr(slash + 1);
    }
    pushed = run_git(root, {"push", "-q", up_remote, "HEAD:refs/heads/" + up_branch});
  } else {
    pushed = run_git(root, {"push", "-q", "-u", remote, "HEAD"});
  }
  if (pushed.status == 0) return {0, fmt::format("synced with {}", remote)};
  // The remote moved on while we merged or pushed: a rejected push, or a ref that changed under
  // the push ("cannot lock ref"). Syncing again merges the new commits.
  for (std::string_view moved : {"fetch first", "non-fast-forward", "cannot lock ref", "failed to update ref",
                                 "but expected", "stale info"})
    if (pushed.err.find(moved) != std::string::npos)
      // errc::lock is the try-again status (75), as for a lock held by another write.
      return failure(errc::lock, fmt::format("the remote moved on while syncing: someone pushed in between. Run `{}` again", place.sync_word));
  return failure(errc::io, fmt::format("git push failed: {}", trim(pushed.err)));
}

}  // namespace detail

git_outcome sync_repo(const std::filesystem::path& root, const settings* cfg) {
  if (!in_git_repo(root))
    return failure(errc::no_input, "this repository is not in git; set it up with `balance init --git` or `git init`");
  git_result remotes = run_git(root, {"remote"});
  std::string remote = first_line(remotes.out);
  if (remote.empty())
    return failure(errc::no_input, "there is no remote to sync with; add one with `balance git remote add origin URL`");
  // A pull rewrites data files: balance writes wait until the sync is done.
  repo_lock lock(root);
  git_result upstream = run_git(root, {"rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"});
  std::optional<std::string> up;
  if (upstream.status == 0) up = first_line(upstream.out);
  git_outcome merged = up ? pull_upstream(root, cfg) : merge_first(root, remote, cfg);
  if (merged.status != 0) return merged;
  return detail::push_to(detail::shared_place(root), remote, up);
}

void init_git(const std::filesystem::path& root) {
  if (!in_git_repo(root)) {
    git_result init = run_git(root, {"init", "-q"});
    if (init.status != 0) throw error(errc::io, fmt::format("git init failed: {}", first_line(init.err)));
  }
  git_setup(root, false);
  auto text = read_file(root / "balance.toml", "balance.toml", max_file_size).value_or("");
  auto at = text.find("autocommit = false");
  if (at != std::string::npos) {
    text.replace(at, 18, "autocommit = true");
    write_file_atomically(real_file_system(), root / "balance.toml", text, "balance.toml");
  }
  std::vector<std::string> files = {"balance.toml", ".gitignore", ".gitattributes"};
  if (auto problem = autocommit(root, files, "balance: init"))
    throw error(errc::io, fmt::format("the repository is set up, but the first commit failed: {}", *problem));
}

}  // namespace balance
