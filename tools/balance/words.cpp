#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>

#include <fmt/format.h>

#include "balance/check.hpp"
#include "balance/error.hpp"
#include "balance/lock.hpp"
#include "balance/private_store.hpp"
#include "balance/private_sync.hpp"
#include "balance/process.hpp"
#include "balance/record_cache.hpp"
#include "balance/programs.hpp"
#include "balance/settings.hpp"
#include "balance/text.hpp"
#include "words.hpp"

namespace fs = std::filesystem;

namespace balance::front {

const std::vector<std::string> builtins = {"init", "check", "help", "commands", "git", "sync", "undo", "merge-driver", "private", "cache"};

bool is_builtin(const std::string& word) { return std::find(builtins.begin(), builtins.end(), word) != builtins.end(); }

int exec_command(const fs::path& program, const std::string& word, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"balance-" + word};
  argv.insert(argv.end(), args.begin(), args.end());
  std::cout.flush();
  process_options opts;
  opts.program = program.string();
  int failed = exec_process(argv, opts);
  std::cerr << "balance: cannot run " << program.string() << ": " << std::strerror(failed) << '\n';
  return exit_code(failed == ENOENT ? errc::no_input : errc::internal);
}

namespace {

const char* const private_git_help =
    "Usage: balance private git ARGS...\n"
    "       balance private sync\n\n"
    "Your own private sync. `private git` runs git in this computer's private store of the\n"
    "repository (`balance private path`), creating the store when there is none: `balance private\n"
    "git init`, then `balance private git remote add origin URL` with a repository of your own.\n"
    "`private sync` commits your private records there, pulls (merging records by id) and pushes,\n"
    "so your other computers get them. A remote of the shared repository is refused.\n";

// Did man show something? It ran to its end: not killed, and not a shell's "no such command".
bool man_ran(const std::vector<std::string>& argv) {
  std::cout.flush();
  process_result r = run_process(argv);
  return r.started() && r.signal == 0 && r.status != 127;
}

// `help [COMMAND]`: the man page (from the build tree, the installed pages, or MANPATH); when
// man is missing or has no page, the command's --help.
int show_help(const std::string& topic) {
  manual m = find_manual(topic, builtins);
  for (const fs::path& file : m.files) {
    // Once man has shown a page, its status is the answer (a reader quitting early is fine).
    if (fs::exists(file) && man_ran({"man", "-l", file.lexically_normal().string()})) return 0;
  }
  std::cout.flush();
  if (run_process({"man", m.section, m.page}).succeeded()) return 0;
  if (m.program) return exec_command(*m.program, topic, {"--help"});
  throw error(errc::no_input, "no manual page could be shown; try `balance --help`");
}

// `balance init [DIR] [--person NAME]… [--me NAME] [--git]`.
int init_word(cli::context& ctx, init_options init, bool with_git) {
  if (init.dir.empty() && !ctx.opts.dir.empty()) init.dir = ctx.opts.dir;  // `balance -C DIR init`
  init_command(init, with_git, [&](const std::string& line) { ctx.confirm(line); },
               [&](const diagnostic& d) { ctx.warn(d); });
  return 0;
}

// `balance check [PATH]…`: every problem as PATH:LINE:COL on stdout.
int check_word(cli::context& ctx, const std::vector<std::string>& paths) {
  repo r = ctx.open_repo(false);  // unknown settings are among the problems it lists
  check_result result = check_repo(r, paths);
  for (const auto& w : result.warnings) ctx.warn(w);
  write_check_problems(result, ctx.out);
  ctx.note(check_summary(result));
  return result.problems.empty() ? 0 : exit_code(errc::data);
}

// `balance private path`: status 1 when there is no private store yet.
int private_path_word(cli::context& ctx) {
  repo r = ctx.open_repo();
  if (r.private_root().empty() || !path_exists(real_file_system(), r.private_root())) {
    ctx.note(r.private_root().empty()
                 ? "this repository has no private store yet: its first private record creates one"
                 : fmt::format("this computer has no private store for this repository yet: its first private record "
                               "creates one, in {}",
                               r.private_root().string()));
    return 1;
  }
  ctx.out.write(r.private_root().string() + "\n");
  return 0;
}

int private_migrate_word(cli::context& ctx) {
  repo r = ctx.open_repo();
  r.require_writable();
  r.set_notice([&](const std::string& line) { ctx.note(line); });
  repo_lock lock(r.root());
  private_move moved = move_private_tree(r, real_file_system());
  std::vector<std::string> written;
  if (moved.id_added) written.push_back("balance.toml");
  ctx.written(r, written, move_summary(moved));
  if (std::string note = left_behind_note(moved); !note.empty()) ctx.note(note);
  return 0;
}

// `balance sync` and `balance undo`: the outcome's message, as a confirmation or an error.
int report_outcome(cli::context& ctx, const git_outcome& out) {
  if (out.status == 0)
    ctx.confirm(out.message);
  else
    std::cerr << "balance: " << out.message << '\n';
  return out.status;
}

// `balance private git ARGS…`: git in the private store, which it creates when this computer has
// none yet (the first step of setting up a private sync is `balance private git init`).
int private_git_word(cli::context& ctx, const std::vector<std::string>& args) {
  if (args.empty()) {
    ctx.out.write(private_git_help);
    return exit_code(errc::usage);
  }
  repo r = ctx.open_repo();
  r.require_private_owner();
  if (auto refused = private_git_refusal(r, args)) return report_outcome(ctx, *refused);
  if (r.private_root().empty() || !path_exists(real_file_system(), r.private_root())) {
    r.require_writable();
    r.set_notice([&](const std::string& line) { ctx.note(line); });
    repo_lock lock(r.root());
    std::vector<std::string> changed = prepare_private_for_write(r, real_file_system());
    if (ensure_private_store(r, real_file_system())) changed.push_back("balance.toml");
    if (!changed.empty()) ctx.written(r, changed, fmt::format("made the private store {}", r.private_root().string()));
  }
  private_git_command git = private_git_argv(r, args);
  ctx.out.flush();
  std::cout.flush();
  process_options opts;
  opts.environment = git.environment;
  int failed = exec_process(git.argv, opts);
  throw error(errc::no_input, fmt::format("cannot run git: {}", std::strerror(failed)));
}


int private_sync_word(cli::context& ctx) {
  repo r = ctx.open_repo();
  r.require_private_owner();
  return report_outcome(ctx, sync_private_store(r));
}

int sync_word(cli::context& ctx) {
  repo r = ctx.open_repo();
  return report_outcome(ctx, sync_repo(r.root(), &r.config()));
}

int undo_word(cli::context& ctx, undo_options undo, bool count_given) {
  repo r = ctx.open_repo();
  undo.count_given = count_given;
  if (undo.count < 1) throw_usage(fmt::format("undo N counts commits to take back: 1 or more, not {}", undo.count));
  return report_outcome(ctx, undo_commits(r, undo));
}

// `cache info`: where this repository's record cache is, how big, and how the last command used it.
int cache_info_word(cli::context& ctx) {
  repo r = ctx.open_repo();
  write_record_cache_info(read_record_cache_info(r.root()), ctx.out);
  if (!record_cache_enabled()) ctx.note("the cache is off for this command (--no-cache or BALANCE_NO_CACHE)");
  return 0;
}

// `cache clear [--all]`: removes this repository's record cache, or every repository's.
int cache_clear_word(cli::context& ctx, bool all) {
  std::filesystem::path root;
  if (!all) root = ctx.open_repo().root();
  std::uint64_t gone = clear_record_cache(root, all);
  ctx.confirm(fmt::format("removed {} cache entr{}{}", gone, gone == 1 ? "y" : "ies", all ? " of every repository" : ""));
  return 0;
}

// `balance private path|migrate|git|sync`.
word_table add_private_words(CLI::App& app, cli::context& ctx) {
  auto* private_cmd = app.add_subcommand("private", "Your private records on this computer: path, migrate, git, sync");
  private_cmd->require_subcommand(0, 1);
  auto* path = private_cmd->add_subcommand("path", "Print the private store of this repository on this computer");
  auto* migrate = private_cmd->add_subcommand("migrate", "Move a private/ folder out of the repository into the private store");
  auto* git = private_cmd->add_subcommand("git", "Run git in the private store (init, remote add): your own sync");
  git->prefix_command()->fallthrough(false);
  set_help_text(git, private_git_help);
  auto* sync = private_cmd->add_subcommand("sync", "Commit, pull and push the private store with a remote of your own");
  return {
      {path, [&] { return private_path_word(ctx); }},
      {migrate, [&] { return private_migrate_word(ctx); }},
      {git, [&ctx, git] { return private_git_word(ctx, git->remaining()); }},
      {sync, [&] { return private_sync_word(ctx); }},
      // `balance private` alone (after its words, which the table tries first): what it does.
      {private_cmd, [&ctx, private_cmd] {
         ctx.out.write(private_cmd->help("balance"));
         return exit_code(errc::usage);
       }},
  };
}

}  // namespace

// Declares every built-in word on `app`, in the order `balance --help` lists them.
word_table add_words(CLI::App& app, cli::context& ctx, front_options& o) {
  auto* init = app.add_subcommand("init", "Create a balance repository");
  init->add_option("dir", o.init.dir, "Where to create it (default: the current directory)")->type_name("DIR");
  init->add_option("--person", o.init.people, "A person in the relationship (repeat for each)")->type_name("NAME");
  init->add_option("--me", o.init.me, "Who you are, recorded in your user config")->type_name("NAME");
  init->add_flag("--git", o.init_git, "Also git init, set up the merge driver and turn autocommit on");
  auto* check = app.add_subcommand("check", "Validate every file; list each problem as PATH:LINE:COL");
  check->add_option("paths", o.check_paths, "Files or directories to check (default: everything)")->type_name("PATH");
  auto* help = app.add_subcommand("help", "Show the manual of balance or of a COMMAND (ideas: balance(7))");
  help->add_option("command", o.help_topic, "A command such as checkin or ledger, or ideas, or files")->type_name("COMMAND");
  auto* commands = app.add_subcommand("commands", "List every command, one per line");
  auto* sync = app.add_subcommand("sync", "Pull (merging records by id), then push");
  auto* undo = app.add_subcommand("undo", "Take back your latest N commits balance made, not yet pushed (exit 1 when it cannot)");
  undo->add_option("N", o.undo.count, "How many of balance's commits to take back (default 1)")->type_name("");
  undo->add_flag("--pushed", o.undo.pushed, "Also pushed commits and a partner's: revert them with a new commit");
  undo->add_flag("--dry-run", o.undo.dry_run, "Say what would be undone, change nothing");
  add_git_word(app, ctx.opts, o.git);
  word_table private_words = add_private_words(app, ctx);
  add_merge_driver_word(app, o.git);
  auto* cache = app.add_subcommand("cache", "The record cache that makes reading fast: info, clear");
  cache->require_subcommand(1);
  auto* cache_info = cache->add_subcommand("info", "Where the cache is, its size and the last command's hits");
  auto* cache_clear = cache->add_subcommand("clear", "Remove this repository's cached records");
  cache_clear->add_flag("--all", o.cache_clear_all, "Remove the cached records of every repository");
  word_table words = {
      {cache_info, [&] { return cache_info_word(ctx); }},
      {cache_clear, [&] { return cache_clear_word(ctx, o.cache_clear_all); }},
      {init, [&] { return init_word(ctx, o.init, o.init_git); }},
      {check, [&] { return check_word(ctx, o.check_paths); }},
      {help, [&] { return show_help(o.help_topic); }},
      {o.git.git, [&] { return git_word(ctx, o.git); }},
      {o.git.driver, [&] { return merge_driver(ctx.opts.dir, o.git.driver->remaining()); }},
      {sync, [&] { return sync_word(ctx); }},
      {undo, [&, undo] { return undo_word(ctx, o.undo, undo->count("N") > 0); }},
      {commands, [&] {
         for (const auto& c : program_words(builtins)) ctx.out.write(c + "\n");
         return 0;
       }},
  };
  words.insert(words.end(), private_words.begin(), private_words.end());
  return words;
}

}  // namespace balance::front
