#include <cstring>
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/process.hpp"
#include "balance/text.hpp"
#include "words.hpp"

namespace balance::front {

namespace {

const char* const git_help =
    "Usage: balance git setup [--hooks]\n"
    "       balance git ARGS...\n\n"
    "`git setup` sets up git for this repository (idempotent): .gitattributes sends *.toml to\n"
    "balance's merge driver, .git/config names it, .gitignore keeps private/ out; --hooks also\n"
    "installs a pre-commit hook that runs `balance check` on the staged files. Anything else\n"
    "runs git in the repository, from wherever you are: `balance git log`, `balance git remote\n"
    "add origin URL`.\n";

const char* const merge_driver_help =
    "Usage: balance [-C DIR] merge-driver BASE OURS THEIRS PATH\n\n"
    "The three-way merge git runs for *.toml files once `balance git setup` has named it in\n"
    ".git/config: record files merge by id, anything else falls back to `git merge-file`.\n"
    "With -C, the settings come from the repository in DIR (the private store's driver).\n"
    "Exit 0 when clean, 1 with conflicts (as git expects).\n";

}  // namespace

void set_help_text(CLI::App* cmd, std::string text) {
  cmd->formatter(std::make_shared<CLI::FormatterLambda>(
      [text = std::move(text)](const CLI::App*, std::string, CLI::AppFormatMode) { return text; }));
}

int merge_driver(const std::string& dir, const std::vector<std::string>& args) {
  if (args.size() != 4) {
    std::cerr << "usage: balance merge-driver BASE OURS THEIRS PATH (git runs this; see `balance git setup`)\n";
    return exit_code(errc::usage);
  }
  std::optional<repo> r;
  try {
    // No warnings about balance.toml here: git runs the driver once per file, inside a command
    // (`balance sync`, `git pull`) that has its own say. The private store's driver names the
    // repository with -C: its settings are there, not where git runs the driver.
    r = repo::open(repo_options{dir, ""});
  } catch (const error&) {
    // Without the repository's settings, fall back to git's own merge.
  }
  git_outcome out = run_merge_driver(args[0], args[1], args[2], args[3], r ? &r->config() : nullptr);
  if (!out.message.empty()) std::cerr << out.message << '\n';
  return out.status;
}

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

}  // namespace balance::front
