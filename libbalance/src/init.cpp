#include "balance/init.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/file_system.hpp"
#include "balance/git.hpp"
#include "balance/id.hpp"
#include "record_file.hpp"
#include "balance/repo.hpp"
#include "balance/settings.hpp"
#include "balance/text.hpp"

namespace balance {

namespace fs = std::filesystem;

namespace {

// The --person names, each valid and given once, and --me among them.
std::vector<std::string> checked_people(const init_options& opts) {
  if (opts.people.empty())
    throw_usage("name the people in the relationship: balance init --person NAME --person NAME");
  std::vector<std::string> people;
  for (const auto& p : opts.people) {
    if (!is_valid_name(p)) throw_usage(fmt::format("--person {}: names use only a-z, 0-9, _ and -", escape_for_terminal(p)));
    if (std::find(people.begin(), people.end(), p) != people.end())
      throw_usage(fmt::format("--person {} is given twice", p));
    people.push_back(p);
  }
  if (!opts.me.empty() && std::find(people.begin(), people.end(), opts.me) == people.end())
    throw_usage(fmt::format("--me {}: not one of the people{}", escape_for_terminal(opts.me), did_you_mean(opts.me, people)));
  return people;
}

void make_repo_dir(file_system& files, const fs::path& dir) {
  file_status st;
  if (files.stat(dir.c_str(), st) != 0) {
    make_dirs(files, dir.parent_path());  // the mkdir below says what went wrong
    if (files.mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
      throw error(errc::cannot_create, fmt::format("cannot create {}: {}", dir.string(), std::strerror(errno)));
    files.chmod(dir.c_str(), 0700);
  } else if (st.type != file_status::kind::directory) {
    throw error(errc::cannot_create, fmt::format("{} exists and is not a directory", dir.string()));
  }
}

// Keep private records out of git from the first commit.
void guard_gitignore(file_system& files, const fs::path& dir, init_result& result) {
  auto gitignore = read_file(files, dir / ".gitignore", ".gitignore", max_file_size);
  if (gitignore && gitignore->find("/private/") != std::string::npos) return;
  std::string text = gitignore.value_or("");
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += "# a guard: private records live outside the repository; older versions kept them in private/\n/private/\n";
  check_write_target(files, dir / ".gitignore", ".gitignore");
  write_file_atomically(files, dir / ".gitignore", text, ".gitignore");
  result.written.push_back(".gitignore");
}

}  // namespace

init_result init_repo(const init_options& opts) {
  init_result result;
  std::error_code ec;
  fs::path dir = fs::absolute(opts.dir.empty() ? fs::path(".") : opts.dir, ec).lexically_normal();
  if (!dir.has_filename()) dir = dir.parent_path();

  auto& files = real_file_system();
  file_status st;
  if (files.stat((dir / "balance.toml").c_str(), st) == 0) return result;  // an existing repo: change nothing

  std::vector<std::string> people = checked_people(opts);
  make_repo_dir(files, dir);

  write_file_atomically(files, dir / "balance.toml", default_settings_text(people, new_id()), "balance.toml");
  result.written.push_back("balance.toml");
  guard_gitignore(files, dir, result);
  // No private/ here: private records live outside the repository (see private_store.hpp).
  for (const char* sub : {"checkins", "ledger", "boundaries"}) make_data_dirs(files, dir, sub);
  result.created = true;

  if (!opts.me.empty()) {
    set_user_config_value("me", opts.me);
    if (load_user_config().dir.empty()) set_user_config_value("dir", dir.string());
  }
  return result;
}

// A fresh clone of a repository set up for git (its .gitattributes names the merge driver) has
// no driver in its own .git/config yet: git keeps that local. `init --me` in the clone is the
// step every partner takes, so it sets the driver too, changing nothing the repository holds.
void set_up_clone(const fs::path& root, const std::function<void(const std::string&)>& confirm) {
  if (!in_git_repo(root)) return;
  auto attributes = read_file(root / ".gitattributes", ".gitattributes", 1 << 20);
  if (!attributes || attributes->find("merge=balance") == std::string::npos) return;
  setup_result done = git_setup(root, false);
  if (!done.changed.empty()) confirm(setup_summary(done));
}

void init_command(const init_options& opts, bool with_git, const std::function<void(const std::string&)>& confirm,
                  const std::function<void(const diagnostic&)>& warn) {
  // Who this computer was before: a change of `me` is said, never made silently.
  const std::string before = opts.me.empty() ? std::string() : load_user_config().me;
  const std::string recorded =
      fmt::format("recorded me = \"{}\" in {}{}", opts.me, user_config_path(),
                  !before.empty() && before != opts.me ? fmt::format(" (it was \"{}\")", before) : "");
  init_result result = init_repo(opts);
  fs::path where = opts.dir.empty() ? fs::current_path() : opts.dir;
  if (!result.created && with_git) {
    init_git(fs::absolute(where));
    confirm(fmt::format("{} is already a balance repository; set up git for it", where.string()));
    return;
  }
  if (!result.created) {
    confirm(fmt::format("{} is already a balance repository; nothing changed", where.string()));
    if (opts.me.empty()) return;
    repo r = repo::open_at(where, repo_options{});
    for (const auto& w : r.config().warnings) warn(w);
    r.person(opts.me, "--me");
    set_user_config_value("me", opts.me);
    if (load_user_config().dir.empty()) set_user_config_value("dir", fs::absolute(where).lexically_normal().string());
    confirm(recorded);
    set_up_clone(r.root(), confirm);
    return;
  }
  confirm(fmt::format("created a balance repository in {}", where.string()));
  if (with_git) {
    init_git(fs::absolute(where));
    confirm("set up git: merge driver, .gitattributes, autocommit on, first commit made");
  }
  if (!opts.me.empty()) confirm(recorded);
}

}  // namespace balance
