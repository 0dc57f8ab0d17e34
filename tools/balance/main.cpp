// balance: the front door. `balance WORD …` runs the built-in WORD (init, check, help,
// commands) or `balance-WORD` from this program's own directory, then PATH — like git.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <set>

#include <fmt/format.h>

#include "balance/check.hpp"
#include "balance/error.hpp"
#include "balance/git.hpp"
#include "balance/init.hpp"
#include "balance/lock.hpp"
#include "balance/private_store.hpp"
#include "balance/record_cache.hpp"
#include "balance/settings.hpp"
#include "balance/text.hpp"
#include "balance/version.hpp"
#include "cli.hpp"

namespace fs = std::filesystem;
using namespace balance;

namespace {

const std::vector<std::string> builtins = {"init", "check", "help", "commands", "git", "sync", "undo", "merge-driver", "private", "cache"};

fs::path own_directory() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : self.parent_path();
}

// Directories searched for balance-WORD: our own, then PATH.
std::vector<fs::path> search_dirs() {
  std::vector<fs::path> dirs;
  if (auto own = own_directory(); !own.empty()) dirs.push_back(own);
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "";
  while (!rest.empty()) {
    auto colon = rest.find(':');
    std::string_view dir = rest.substr(0, colon);
    if (!dir.empty()) dirs.emplace_back(std::string(dir));
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return dirs;
}

std::optional<fs::path> find_command(const std::string& word) {
  if (!is_valid_name(word)) return std::nullopt;
  for (const auto& dir : search_dirs()) {
    fs::path candidate = dir / ("balance-" + word);
    if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate;
  }
  return std::nullopt;
}

// Every command: the built-ins and each balance-WORD found, sorted, without duplicates.
std::vector<std::string> all_commands() {
  std::set<std::string> names(builtins.begin(), builtins.end());
  for (const auto& dir : search_dirs()) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.starts_with("balance-") || name.size() <= 8) continue;
      std::string word = name.substr(8);
      if (is_valid_name(word) && ::access(it->path().c_str(), X_OK) == 0) names.insert(word);
    }
  }
  return {names.begin(), names.end()};
}

int exec_command(const fs::path& program, const std::string& word, const std::vector<std::string>& args) {
  std::vector<std::string> argv_strings = {"balance-" + word};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  std::cout.flush();
  ::execv(program.c_str(), argv.data());
  std::cerr << "balance: cannot run " << program.string() << ": " << std::strerror(errno) << '\n';
  return errno == ENOENT ? 66 : 70;
}

// Runs a program and waits; its exit status, or -1 when it could not start.
int run_and_wait(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::cout.flush();
  pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) == 127) return -1;
  return WEXITSTATUS(status);
}

// `help [COMMAND]`: the man page (from the build tree, the installed pages, or MANPATH); when
// man is missing or has no page, the command's --help. `help ideas` is balance(7), `help files`
// balance-files(5).
int show_help(const std::string& topic) {
  bool builtin = topic.empty() || std::find(builtins.begin(), builtins.end(), topic) != builtins.end();
  std::string page = builtin ? "balance" : "balance-" + topic;
  std::string section = "1";
  if (topic == "ideas") {
    page = "balance";
    section = "7";
    builtin = true;
  } else if (topic == "files") {
    page = "balance-files";
    section = "5";
    builtin = true;
  }
  std::optional<fs::path> program;
  if (!builtin) {
    program = find_command(topic);
    if (!program) {
      auto known = all_commands();
      known.push_back("ideas");
      known.push_back("files");
      throw_usage(fmt::format("no command \"{}\"{}", escape_for_terminal(topic), did_you_mean(topic, known)));
    }
  }
  fs::path own = own_directory();
  std::string file = page + "." + section;
  for (const fs::path& candidate : {own / ".." / "man" / file, own / ".." / "share" / "man" / ("man" + section) / file}) {
    // Once man has shown a page, its status is the answer (a reader quitting early is fine).
    if (fs::exists(candidate)) {
      int status = run_and_wait({"man", "-l", candidate.lexically_normal().string()});
      if (status >= 0) return 0;
    }
  }
  int status = run_and_wait({"man", section, page});
  if (status == 0) return 0;
  if (program) return exec_command(*program, topic, {"--help"});
  std::cerr << "balance: no manual page could be shown; try `balance --help`\n";
  return 66;
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

// The value of -C/--dir among the front door's own options, if given.
std::string dir_option(const std::vector<std::string>& before) {
  for (std::size_t i = 0; i < before.size(); ++i) {
    if ((before[i] == "-C" || before[i] == "--dir") && i + 1 < before.size()) return before[i + 1];
    if (before[i].starts_with("--dir=")) return before[i].substr(6);
  }
  return {};
}

// `balance merge-driver BASE OURS THEIRS PATH`, as git runs it from the top of the work tree.
int merge_driver(const std::vector<std::string>& args) {
  if (args.size() == 1 && (args[0] == "-h" || args[0] == "--help")) {
    std::cout << "Usage: balance merge-driver BASE OURS THEIRS PATH\n\n"
                 "The three-way merge git runs for *.toml files once `balance git setup` has named it in\n"
                 ".git/config: record files merge by id, anything else falls back to `git merge-file`.\n"
                 "Exit 0 when clean, 1 with conflicts (as git expects).\n";
    return 0;
  }
  if (args.size() != 4) {
    std::cerr << "usage: balance merge-driver BASE OURS THEIRS PATH (git runs this; see `balance git setup`)\n";
    return 64;
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

// What every command says about balance.toml (cli::context::open_repo), for the words that open
// the repository without a context.
void warn_settings(const repo& r, bool quiet) {
  cli::context ctx;
  ctx.program = "balance";
  ctx.opts.quiet = quiet;
  ctx.warn_settings(r);
}

// `balance git setup [--hooks]`, or `balance git ARGS…` run in the repository.
int git_command(const std::vector<std::string>& before, const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "-h" || args[0] == "--help") {
    std::cout << "Usage: balance git setup [--hooks]\n"
                 "       balance git ARGS...\n\n"
                 "`git setup` sets up git for this repository (idempotent): .gitattributes sends *.toml to\n"
                 "balance's merge driver, .git/config names it, .gitignore keeps private/ out; --hooks also\n"
                 "installs a pre-commit hook that runs `balance check` on the staged files. Anything else\n"
                 "runs git in the repository, from wherever you are: `balance git log`, `balance git remote\n"
                 "add origin URL`.\n";
    return args.empty() ? 64 : 0;
  }
  try {
    std::vector<std::string> front = before;
    if (args[0] == "setup") {
      bool hooks = false;
      for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--hooks") {
          hooks = true;
        } else if (args[i] == "-h" || args[i] == "--help") {
          return git_command(before, {"--help"});
        } else if (args[i] == "-q" || args[i] == "--quiet") {
          front.push_back(args[i]);
        } else if ((args[i] == "-C" || args[i] == "--dir" || args[i] == "--as" || args[i] == "--color") && i + 1 < args.size()) {
          // Common options work after the word, as everywhere.
          front.push_back(args[i]);
          front.push_back(args[++i]);
        } else {
          throw_usage(fmt::format("git setup: unknown option {}; it takes --hooks and the common options",
                                  escape_for_terminal(args[i])));
        }
      }
      repo r = repo::open(repo_options{dir_option(front), ""});
      bool quiet = std::find(front.begin(), front.end(), "-q") != front.end() ||
                   std::find(front.begin(), front.end(), "--quiet") != front.end();
      warn_settings(r, quiet);
      setup_result done = git_setup(r.root(), hooks);
      if (!quiet) {
        if (done.changed.empty()) {
          std::cerr << "git is already set up for balance; nothing changed\n";
        } else {
          std::string list;
          for (const auto& c : done.changed) list += (list.empty() ? "" : ", ") + c;
          std::cerr << "set up git for balance: " << list << '\n';
        }
      }
      return 0;
    }
    repo r = repo::open(repo_options{dir_option(before), ""});
    warn_settings(r, std::find(before.begin(), before.end(), "-q") != before.end() ||
                         std::find(before.begin(), before.end(), "--quiet") != before.end());
    std::vector<std::string> argv_strings = {"git", "-C", r.root().string()};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp("git", argv.data());
    std::cerr << "balance: cannot run git: " << std::strerror(errno) << '\n';
    return 66;
  } catch (const error& e) {
    cli::print_error("balance", e);
    return exit_code(e.kind());
  }
}

std::string byte_size(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024.0);
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

// `cache info`: where this repository's record cache is, how big, and how the last command used it.
int cache_info(cli::context& ctx) {
  repo r = ctx.open_repo();
  record_cache_info info = read_record_cache_info(r.root());
  ctx.out.write(fmt::format("location: {}\n", info.dir.string()));
  ctx.out.write(fmt::format("entries: {}\n", info.entries));
  ctx.out.write(fmt::format("size: {}\n", byte_size(info.bytes)));
  if (info.last) {
    std::uint64_t lookups = info.last->hits + info.last->misses;
    ctx.out.write(fmt::format("last command: {} hit{}, {} miss{} ({:.0f}% hits)\n", info.last->hits,
                              info.last->hits == 1 ? "" : "s", info.last->misses, info.last->misses == 1 ? "" : "es",
                              lookups ? 100.0 * static_cast<double>(info.last->hits) / static_cast<double>(lookups) : 0.0));
  } else {
    ctx.out.write("last command: not recorded\n");
  }
  if (!record_cache_enabled()) ctx.note("the cache is off for this command (--no-cache or BALANCE_NO_CACHE)");
  return 0;
}

// `cache clear [--all]`: removes this repository's record cache, or every repository's.
int cache_clear(cli::context& ctx, bool all) {
  fs::path root;
  if (!all) root = ctx.open_repo().root();
  std::uint64_t gone = clear_record_cache(root, all);
  ctx.confirm(fmt::format("removed {} cache entr{}{}", gone, gone == 1 ? "y" : "ies",
                          all ? " of every repository" : ""));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  auto args = cli::arguments(argc, argv);
  front_args split = split_args(args);

  if (!split.word.empty() && std::find(builtins.begin(), builtins.end(), split.word) == builtins.end()) {
    if (auto program = find_command(split.word)) {
      std::vector<std::string> forwarded = split.before;
      forwarded.insert(forwarded.end(), split.after.begin(), split.after.end());
      return exec_command(*program, split.word, forwarded);
    }
    auto known = all_commands();
    std::cerr << fmt::format("balance: \"{}\" is not a balance command{}; see `balance commands`\n",
                             escape_for_terminal(split.word), did_you_mean(split.word, known));
    return 64;
  }

  if (split.word == "merge-driver") return merge_driver(split.after);
  if (split.word == "git") return git_command(split.before, split.after);

  cli::context ctx;
  ctx.program = "balance";
  auto app = cli::make_app("balance", "Keep a relationship in balance, in plain files.\n\n"
                                      "balance COMMAND runs the built-in COMMAND below, or balance-COMMAND from\n"
                                      "beside this program or PATH (see `balance commands`).");
  cli::add_common_options(*app, ctx.opts);
  app->require_subcommand(0, 1);
  {
    // The tools `balance WORD` runs, as found now beside this program and on PATH.
    std::string tools;
    for (const auto& c : all_commands())
      if (std::find(builtins.begin(), builtins.end(), c) == builtins.end()) tools += (tools.empty() ? "" : ", ") + c;
    if (!tools.empty())
      app->footer(fmt::format("Tools (balance WORD runs balance-WORD; `balance help WORD` shows its manual):\n  {}",
                              wrap_text(tools, output_width, 2)));
  }

  init_options init;
  auto* init_cmd = app->add_subcommand("init", "Create a balance repository");
  init_cmd->add_option("dir", init.dir, "Where to create it (default: the current directory)")->type_name("DIR");
  init_cmd->add_option("--person", init.people, "A person in the relationship (repeat for each)")->type_name("NAME");
  init_cmd->add_option("--me", init.me, "Who you are, recorded in your user config")->type_name("NAME");
  bool init_git_too = false;
  init_cmd->add_flag("--git", init_git_too, "Also git init, set up the merge driver and turn autocommit on");

  std::vector<std::string> check_paths;
  auto* check_cmd = app->add_subcommand("check", "Validate every file; list each problem as PATH:LINE:COL");
  check_cmd->add_option("paths", check_paths, "Files or directories to check (default: everything)")->type_name("PATH");

  std::string help_topic;
  auto* help_cmd = app->add_subcommand("help", "Show the manual of balance or of a COMMAND (ideas: balance(7))");
  help_cmd->add_option("command", help_topic, "A command such as checkin or ledger, or ideas, or files")->type_name("COMMAND");

  auto* commands_cmd = app->add_subcommand("commands", "List every command, one per line");
  auto* sync_cmd = app->add_subcommand("sync", "Pull (merging records by id), then push");
  auto* undo_cmd = app->add_subcommand("undo", "Take back your latest N commits balance made, not yet pushed (exit 1 when it cannot)");
  undo_options undo_opts;
  undo_cmd->add_option("N", undo_opts.count, "How many of balance's commits to take back (default 1)")
      ->type_name("");
  undo_cmd->add_flag("--pushed", undo_opts.pushed, "Also pushed commits and a partner's: revert them with a new commit");
  undo_cmd->add_flag("--dry-run", undo_opts.dry_run, "Say what would be undone, change nothing");
  app->add_subcommand("git", "Run git in the repository; `git setup [--hooks]` sets up the merge driver");
  auto* private_cmd = app->add_subcommand("private", "Where this computer keeps your private records; move old ones");
  private_cmd->require_subcommand(1);
  auto* private_path_cmd = private_cmd->add_subcommand("path", "Print the private store of this repository on this computer");
  auto* private_migrate_cmd =
      private_cmd->add_subcommand("migrate", "Move a private/ folder out of the repository into the private store");
  app->add_subcommand("merge-driver", "The three-way record merge git runs (BASE OURS THEIRS PATH)");
  auto* cache_cmd = app->add_subcommand("cache", "The record cache that makes reading fast: info, clear");
  cache_cmd->require_subcommand(1);
  auto* cache_info_cmd = cache_cmd->add_subcommand("info", "Where the cache is, its size and the last command's hits");
  auto* cache_clear_cmd = cache_cmd->add_subcommand("clear", "Remove this repository's cached records");
  bool cache_clear_all = false;
  cache_clear_cmd->add_flag("--all", cache_clear_all, "Remove the cached records of every repository");

  return cli::run(*app, ctx, args, [&]() -> int {
    if (init_cmd->parsed()) {
      if (init.dir.empty() && !ctx.opts.dir.empty()) init.dir = ctx.opts.dir;  // `balance -C DIR init`
      init_result result = init_repo(init);
      fs::path where = init.dir.empty() ? fs::current_path() : init.dir;
      if (!result.created) {
        if (init_git_too) {
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
      if (init_git_too) {
        init_git(fs::absolute(where));
        ctx.confirm("set up git: merge driver, .gitattributes, autocommit on, first commit made");
      }
      if (!init.me.empty()) ctx.confirm(fmt::format("recorded me = \"{}\" in {}", init.me, user_config_path()));
      return 0;
    }
    if (check_cmd->parsed()) {
      repo r = ctx.open_repo(false);  // unknown settings are among the problems it lists
      check_result result = check_repo(r, check_paths);
      for (const auto& w : result.warnings) ctx.warn(w);
      for (const auto& p : result.problems) {
        ctx.out.write(escape_for_terminal(p.to_string()));
        ctx.out.write("\n");
      }
      if (!result.problems.empty()) {
        ctx.out.flush();
        ctx.note(fmt::format("{} problem{} found", result.problems.size(), result.problems.size() == 1 ? "" : "s"));
        return 65;
      }
      ctx.confirm(fmt::format("checked {} file{} and {} record{}: all good", result.files,
                              result.files == 1 ? "" : "s", result.records, result.records == 1 ? "" : "s"));
      return 0;
    }
    if (help_cmd->parsed()) return show_help(help_topic);
    if (private_path_cmd->parsed()) {
      repo r = ctx.open_repo();
      if (r.private_root().empty()) {
        ctx.note("this repository has no private store yet: its first private record creates one");
        return 1;
      }
      ctx.out.write(r.private_root().string() + "\n");
      return 0;
    }
    if (private_migrate_cmd->parsed()) {
      repo r = ctx.open_repo();
      r.require_writable();
      r.set_notice([&](const std::string& line) { ctx.note(line); });
      repo_lock lock(r.root());
      private_move moved = move_private_tree(r, real_file_system());
      std::vector<std::string> written;
      if (moved.id_added) written.push_back("balance.toml");
      std::size_t files = moved.moved + moved.already_there;
      std::string line =
          files > 0 ? fmt::format("moved {} private {} out of the repository into {}", files, files == 1 ? "file" : "files",
                                  moved.to.string())
          : moved.left_behind.empty() ? "no private/ folder in the repository; nothing to move"
                                      : "no private records in private/; nothing to move";
      ctx.written(r, written, line);
      if (!moved.left_behind.empty()) {
        std::string list;
        for (const auto& f : moved.left_behind) list += (list.empty() ? "" : ", ") + f;
        ctx.note(fmt::format("private/ still holds files that are not records, left as they were: {}", list));
      }
      return 0;
    }
    if (sync_cmd->parsed() || undo_cmd->parsed()) {
      repo r = ctx.open_repo();
      undo_opts.count_given = undo_cmd->count("N") > 0;
      if (undo_cmd->parsed() && undo_opts.count < 1)
        throw_usage(fmt::format("undo N counts commits to take back: 1 or more, not {}", undo_opts.count));
      git_outcome out = sync_cmd->parsed() ? sync_repo(r.root(), &r.config()) : undo_commits(r, undo_opts);
      if (out.status == 0)
        ctx.confirm(out.message);
      else
        std::cerr << "balance: " << out.message << '\n';
      return out.status;
    }
    if (cache_info_cmd->parsed()) return cache_info(ctx);
    if (cache_clear_cmd->parsed()) return cache_clear(ctx, cache_clear_all);
    if (commands_cmd->parsed()) {
      for (const auto& c : all_commands()) ctx.out.write(c + "\n");
      return 0;
    }
    ctx.out.write(app->help());
    return 0;
  });
}
