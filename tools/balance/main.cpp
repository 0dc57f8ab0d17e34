// balance: the front door. `balance WORD …` runs the built-in WORD (init, check, help,
// commands) or `balance-WORD` from this program's own directory, then PATH — like git.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "balance/check.hpp"
#include "balance/error.hpp"
#include "balance/git.hpp"
#include "balance/init.hpp"
#include "balance/lock.hpp"
#include "balance/private_store.hpp"
#include "balance/process.hpp"
#include "balance/programs.hpp"
#include "balance/settings.hpp"
#include "balance/text.hpp"
#include "cli.hpp"

namespace fs = std::filesystem;
using namespace balance;

namespace {

const std::vector<std::string> builtins = {"init", "check", "help", "commands", "git", "sync", "undo", "merge-driver", "private"};

bool is_builtin(const std::string& word) { return std::find(builtins.begin(), builtins.end(), word) != builtins.end(); }

// Replaces this process with balance-WORD; returns only when that failed, with the exit status.
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

// Splits the front door's own options (before the command word) from the rest.
struct front_args {
  std::vector<std::string> before;  // common options given before the word
  std::string word;
  std::vector<std::string> after;
};

front_args split_args(const std::vector<std::string>& args) {
  static const std::set<std::string> valued = {"-C", "--dir", "--as", "--color", "--format"};
  front_args out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!a.starts_with("-") || a == "-") {
      out.word = a;
      out.after.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      return out;
    }
    out.before.push_back(a);
    if (valued.count(a) && i + 1 < args.size()) out.before.push_back(args[++i]);
  }
  return out;
}

// `balance merge-driver BASE OURS THEIRS PATH`, as git runs it from the top of the work tree.
int merge_driver(const std::vector<std::string>& args) {
  if (args.size() != 4) {
    std::cerr << "usage: balance merge-driver BASE OURS THEIRS PATH (git runs this; see `balance git setup`)\n";
    return exit_code(errc::usage);
  }
  std::optional<repo> r;
  try {
    // No warnings about balance.toml here: git runs the driver once per file, inside a command
    // (`balance sync`, `git pull`) that has its own say.
    r = repo::open(repo_options{});
  } catch (const error&) {
    // Without the repository's settings, fall back to git's own merge.
  }
  git_outcome out = run_merge_driver(args[0], args[1], args[2], args[3], r ? &r->config() : nullptr);
  if (!out.message.empty()) std::cerr << out.message << '\n';
  return out.status;
}

const char* const git_help =
    "Usage: balance git setup [--hooks]\n"
    "       balance git ARGS...\n\n"
    "`git setup` sets up git for this repository (idempotent): .gitattributes sends *.toml to\n"
    "balance's merge driver, .git/config names it, .gitignore keeps private/ out; --hooks also\n"
    "installs a pre-commit hook that runs `balance check` on the staged files. Anything else\n"
    "runs git in the repository, from wherever you are: `balance git log`, `balance git remote\n"
    "add origin URL`.\n";

const char* const merge_driver_help =
    "Usage: balance merge-driver BASE OURS THEIRS PATH\n\n"
    "The three-way merge git runs for *.toml files once `balance git setup` has named it in\n"
    ".git/config: record files merge by id, anything else falls back to `git merge-file`.\n"
    "Exit 0 when clean, 1 with conflicts (as git expects).\n";

// These words' --help is their text above, as written.
void set_help_text(CLI::App* cmd, std::string text) {
  cmd->formatter(std::make_shared<CLI::FormatterLambda>(
      [text = std::move(text)](const CLI::App*, std::string, CLI::AppFormatMode) { return text; }));
}

struct git_words {
  CLI::App* git = nullptr;
  CLI::App* setup = nullptr;
  CLI::App* driver = nullptr;
  bool hooks = false;
};

// `git` passes every argument from its first word on to git, options too; `setup` takes
// --hooks and the common options; `merge-driver` takes its four file names as given.
void add_git_word(CLI::App& app, cli::common_options& opts, git_words& words) {
  words.git = app.add_subcommand("git", "Run git in the repository; `git setup [--hooks]` sets up the merge driver");
  words.git->prefix_command()->fallthrough(false);
  set_help_text(words.git, git_help);
  words.setup = words.git->add_subcommand("setup", "Set up git for this repository: the merge driver, attributes, hooks");
  words.setup->prefix_command(false)->fallthrough(false)->allow_extras();
  cli::add_common_options(*words.setup, opts);
  words.setup->add_flag("--hooks", words.hooks, "Also install a pre-commit hook that runs `balance check`");
  set_help_text(words.setup, git_help);
}

void add_merge_driver_word(CLI::App& app, git_words& words) {
  words.driver = app.add_subcommand("merge-driver", "The three-way record merge git runs (BASE OURS THEIRS PATH)");
  words.driver->prefix_command()->fallthrough(false);
  set_help_text(words.driver, merge_driver_help);
}

// `balance git setup [--hooks]`, or `balance git ARGS…` run in the repository.
int git_word(cli::context& ctx, const git_words& words) {
  if (words.setup->parsed()) {
    if (auto extra = words.setup->remaining(); !extra.empty())
      throw_usage(fmt::format("git setup: unknown option {}; it takes --hooks and the common options",
                              escape_for_terminal(extra.front())));
    // --as plays no part in the git words: git runs the same for whoever asks.
    repo r = repo::open(repo_options{ctx.opts.dir, ""});
    ctx.warn_settings(r);
    ctx.confirm(setup_summary(git_setup(r.root(), words.hooks)));
    return 0;
  }
  std::vector<std::string> argv = words.git->remaining();
  if (argv.empty()) {
    ctx.out.write(git_help);
    return exit_code(errc::usage);
  }
  repo r = repo::open(repo_options{ctx.opts.dir, ""});
  ctx.warn_settings(r);
  argv.insert(argv.begin(), {"git", "-C", r.root().string()});
  ctx.out.flush();
  std::cout.flush();
  int failed = exec_process(argv);
  throw error(errc::no_input, fmt::format("cannot run git: {}", std::strerror(failed)));
}

// `balance init [DIR] [--person NAME]… [--me NAME] [--git]`.
int init_word(cli::context& ctx, init_options init, bool with_git) {
  if (init.dir.empty() && !ctx.opts.dir.empty()) init.dir = ctx.opts.dir;  // `balance -C DIR init`
  init_result result = init_repo(init);
  fs::path where = init.dir.empty() ? fs::current_path() : init.dir;
  if (!result.created) {
    if (with_git) {
      // The repository exists; --git still sets up git for it (each step is idempotent).
      init_git(fs::absolute(where));
      ctx.confirm(fmt::format("{} is already a balance repository; set up git for it", where.string()));
      return 0;
    }
    ctx.confirm(fmt::format("{} is already a balance repository; nothing changed", where.string()));
    if (!init.me.empty()) {
      repo r = repo::open_at(where, repo_options{});
      ctx.warn_settings(r);
      r.person(init.me, "--me");
      set_user_config_value("me", init.me);
      if (load_user_config().dir.empty()) set_user_config_value("dir", fs::absolute(where).lexically_normal().string());
      ctx.confirm(fmt::format("recorded me = \"{}\" in {}", init.me, user_config_path()));
    }
    return 0;
  }
  ctx.confirm(fmt::format("created a balance repository in {}", where.string()));
  if (with_git) {
    init_git(fs::absolute(where));
    ctx.confirm("set up git: merge driver, .gitattributes, autocommit on, first commit made");
  }
  if (!init.me.empty()) ctx.confirm(fmt::format("recorded me = \"{}\" in {}", init.me, user_config_path()));
  return 0;
}

// `balance check [PATH]…`: every problem as PATH:LINE:COL on stdout.
int check_word(cli::context& ctx, const std::vector<std::string>& paths) {
  repo r = ctx.open_repo(false);  // unknown settings are among the problems it lists
  check_result result = check_repo(r, paths);
  for (const auto& w : result.warnings) ctx.warn(w);
  for (const auto& p : result.problems) {
    ctx.out.write(escape_for_terminal(p.to_string()));
    ctx.out.write("\n");
  }
  ctx.out.flush();
  ctx.note(check_summary(result));
  return result.problems.empty() ? 0 : exit_code(errc::data);
}

// `balance private path`: status 1 when there is no private store yet.
int private_path_word(cli::context& ctx) {
  repo r = ctx.open_repo();
  if (r.private_root().empty()) {
    ctx.note("this repository has no private store yet: its first private record creates one");
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

// What the built-in words parse into.
struct front_options {
  init_options init;
  bool init_git = false;
  std::vector<std::string> check_paths;
  std::string help_topic;
  undo_options undo;
  git_words git;
};

// A built-in word that was given, and what it runs.
using word_table = std::vector<std::pair<CLI::App*, std::function<int()>>>;

// The footer of `balance --help`: the tools `balance WORD` runs, as found now.
std::string tools_footer() {
  std::string tools;
  for (const auto& c : program_words(builtins))
    if (!is_builtin(c)) tools += (tools.empty() ? "" : ", ") + c;
  if (tools.empty()) return "";
  return fmt::format("Tools (balance WORD runs balance-WORD; `balance help WORD` shows its manual):\n  {}",
                     wrap_text(tools, output_width, 2));
}

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
  auto* private_cmd = app.add_subcommand("private", "Where this computer keeps your private records; move old ones");
  private_cmd->require_subcommand(1);
  auto* private_path = private_cmd->add_subcommand("path", "Print the private store of this repository on this computer");
  auto* private_migrate =
      private_cmd->add_subcommand("migrate", "Move a private/ folder out of the repository into the private store");
  add_merge_driver_word(app, o.git);
  return {
      {init, [&] { return init_word(ctx, o.init, o.init_git); }},
      {check, [&] { return check_word(ctx, o.check_paths); }},
      {help, [&] { return show_help(o.help_topic); }},
      {o.git.git, [&] { return git_word(ctx, o.git); }},
      {o.git.driver, [&] { return merge_driver(o.git.driver->remaining()); }},
      {private_path, [&] { return private_path_word(ctx); }},
      {private_migrate, [&] { return private_migrate_word(ctx); }},
      {sync, [&] { return sync_word(ctx); }},
      {undo, [&, undo] { return undo_word(ctx, o.undo, undo->count("N") > 0); }},
      {commands, [&] {
         for (const auto& c : program_words(builtins)) ctx.out.write(c + "\n");
         return 0;
       }},
  };
}

}  // namespace

int main(int argc, char** argv) {
  auto args = cli::arguments(argc, argv);
  front_args split = split_args(args);
  if (!split.word.empty() && !is_builtin(split.word)) {
    if (auto program = find_program(split.word)) {
      std::vector<std::string> forwarded = split.before;
      forwarded.insert(forwarded.end(), split.after.begin(), split.after.end());
      return exec_command(*program, split.word, forwarded);
    }
    std::cerr << fmt::format("balance: \"{}\" is not a balance command{}; see `balance commands`\n",
                             escape_for_terminal(split.word), did_you_mean(split.word, program_words(builtins)));
    return exit_code(errc::usage);
  }

  cli::context ctx;
  ctx.program = "balance";
  auto app = cli::make_app("balance", "Keep a relationship in balance, in plain files.\n\n"
                                      "balance COMMAND runs the built-in COMMAND below, or balance-COMMAND from\n"
                                      "beside this program or PATH (see `balance commands`).");
  cli::add_common_options(*app, ctx.opts);
  app->require_subcommand(0, 1);
  if (std::string footer = tools_footer(); !footer.empty()) app->footer(footer);
  front_options opts;
  word_table words = add_words(*app, ctx, opts);
  return cli::run(*app, ctx, args, [&]() -> int {
    for (const auto& [cmd, run] : words)
      if (cmd->parsed()) return run();
    ctx.out.write(app->help());
    return 0;
  });
}
