// The front door's built-in words, one function each: git, git setup and merge-driver in
// git_words.cpp, the others in words.cpp. main.cpp declares them on its app with add_words and
// runs the one given; any other word is a balance-WORD program.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "balance/git.hpp"
#include "balance/init.hpp"
#include "cli.hpp"

namespace balance::front {

// The words the front door answers itself, in no particular order.
extern const std::vector<std::string> builtins;
bool is_builtin(const std::string& word);

// Replaces this process with balance-WORD at `program`; returns only when that failed, with
// the exit status (after saying why on stderr).
int exec_command(const std::filesystem::path& program, const std::string& word, const std::vector<std::string>& args);

// The git words' CLI11 subcommands, and what `git setup` parsed.
struct git_words {
  CLI::App* git = nullptr;
  CLI::App* setup = nullptr;
  CLI::App* driver = nullptr;
  bool hooks = false;
};

// Declares `git` (with `git setup`) and `merge-driver` on `app`: `git` passes every argument
// from its first word on to git, options too; `setup` takes --hooks and the common options;
// `merge-driver` takes its four file names as given. Each --help is its own fixed text.
void add_git_word(CLI::App& app, cli::common_options& opts, git_words& words);
void add_merge_driver_word(CLI::App& app, git_words& words);
// `balance git setup [--hooks]`, or `balance git ARGS…` run in the repository.
int git_word(cli::context& ctx, const git_words& words);
// `balance [-C DIR] merge-driver BASE OURS THEIRS PATH`, as git runs it from the top of the work
// tree; DIR names the repository whose settings merge the records (default: the work tree's).
int merge_driver(const std::string& dir, const std::vector<std::string>& args);

// Makes `text`, as written, the --help of `cmd` (the words whose arguments go on to git).
void set_help_text(CLI::App* cmd, std::string text);

// What the built-in words parse into.
struct front_options {
  init_options init;
  bool init_git = false;
  std::vector<std::string> check_paths;
  std::string help_topic;
  undo_options undo;
  git_words git;
  bool cache_clear_all = false;
};

// A built-in word that was given, and what it runs.
using word_table = std::vector<std::pair<CLI::App*, std::function<int()>>>;

// Declares every built-in word on `app`, in the order `balance --help` lists them, and returns
// what each runs. `ctx` and `o` must outlive the table.
word_table add_words(CLI::App& app, cli::context& ctx, front_options& o);

}  // namespace balance::front
