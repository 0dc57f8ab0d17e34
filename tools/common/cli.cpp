#include "cli.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/git.hpp"
#include "balance/query.hpp"
#include "balance/record_cache.hpp"
#include "balance/text.hpp"
#include "balance/version.hpp"

namespace balance::cli {

repo context::open_repo(bool warn_about_settings) {
  repo r = repo::open(repo_options{opts.dir, opts.as});
  r.set_notice([this](const std::string& line) { note(line); });
  if (warn_about_settings) warn_settings(r);
  // A name given with --as must be a person even when the command never asks who I am.
  if (!opts.as.empty()) r.person(opts.as, "--as");
  return r;
}

void context::warn_settings(const repo& r) {
  // Some commands open the repository twice; the warnings are said once.
  if (settings_warned) return;
  settings_warned = true;
  for (const auto& w : r.config().warnings) warn(w);
}

style context::out_style(const user_config& user) const {
  std::string mode = !opts.color.empty() ? opts.color : !user.color.empty() ? user.color : "auto";
  return style{use_color(parse_color_mode(mode), 1)};
}

std::size_t context::list_width() const {
  if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
    char* end = nullptr;
    long n = std::strtol(columns, &end, 10);
    if (end && *end == '\0' && n >= static_cast<long>(output_width) && n < 1000) return static_cast<std::size_t>(n);
  }
  winsize ws{};
  if (::isatty(1) == 1 && ::ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > output_width) return ws.ws_col;
  return output_width;
}

writer_options context::writer(const repo& r) const {
  writer_options wo;
  wo.cfg = &r.config();
  wo.st = out_style(r.user());
  wo.width = list_width();
  return wo;
}

const std::vector<record_format> list_formats = {record_format::text, record_format::json, record_format::toml,
                                                 record_format::csv, record_format::tsv};

void context::text_only() const { (void)output_format({format::text}); }

void context::write_format() const { (void)output_format({format::text, format::json}); }

format context::output_format(const std::vector<format>& allowed) const { return parse_format(opts.format, allowed); }

record_format context::records_format(const std::vector<record_format>& allowed) const {
  return parse_record_format(opts.format, allowed);
}

void context::confirm(const std::string& line) {
  if (opts.quiet) return;
  err.write(escape_for_terminal(line));
  err.write("\n");
  err.flush();
}

void context::note(const std::string& line) { confirm(line); }

void context::warn(const diagnostic& d) {
  if (opts.quiet) return;
  // Several reads of one command may meet the same problem: say it once.
  if (!warned_.insert(d.to_string()).second) return;
  err.write(fmt::format("warning: {}\n", escape_for_terminal(d.to_string())));
  err.flush();
}

void context::written(const repo& r, const std::vector<std::string>& paths, const std::string& line,
                      const std::vector<record>& records) {
  if (opts.format == "json") {
    writer_options wo;
    wo.cfg = &r.config();
    write_records(record_format::json, records.empty() ? record_type::entry : records.front().type, records, wo, out);
  }
  confirm(line);
  if (!r.config().autocommit || paths.empty()) return;
  // Private files never enter git: remember the write, so `balance undo` can say it cannot take it back.
  remember_private_write(r, paths, fmt::format("{}: {}", program, line));
  std::vector<std::string> ids;
  for (const auto& rec : records) ids.push_back(rec.id);
  if (auto problem = autocommit(r.root(), paths, fmt::format("{}: {}", program, line), ids)) {
    err.write(fmt::format("{}: the change is saved but was not committed: {}\n", program, escape_for_terminal(*problem)));
    err.flush();
  }
}

void add_limit_option(CLI::App* cmd, std::size_t& limit, const std::string& help) {
  CLI::Validator count(
      [](std::string& value) -> std::string {
        if (value.empty() || value.size() > 9 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
          return fmt::format("\"{}\" is not a count: give a whole number, 0 or more", value);
        return {};
      },
      "", "count");
  cmd->add_option("-n,--limit", limit, help)->type_name("N")->check(count);
}

void add_view_options(CLI::App* cmd, view_options& v, const std::string& what) {
  cmd->add_flag("--mine", v.mine, fmt::format("Add your own private {}", what));
  cmd->add_flag("--shared", v.shared, "The shared view only (the default): what you may read together");
}

bool private_view(context& ctx, const repo& rp, const view_options& v) {
  if (v.mine && v.shared) throw_usage("--mine and --shared are two views: choose one");
  if (rp.acting_as_other()) {
    ctx.note(fmt::format("showing {}'s shared view: private records open only for {}, this computer's own person",
                         rp.me(), rp.private_owner()));
    return false;
  }
  if (v.mine && rp.private_owner().empty()) {
    ctx.note("no private view: this computer does not say whose it is; set it once with `balance init --me NAME` "
             "(or BALANCE_USER)");
    return false;
  }
  return v.mine;
}

void add_common_options(CLI::App& app, common_options& opts, const std::vector<format>& formats) {
  app.add_option("-C,--dir", opts.dir, "Use the balance repository in DIR")->type_name("DIR");
  app.add_option("--as", opts.as, "Act as person NAME (who \"me\" is)")->type_name("NAME");
  app.add_option("--color", opts.color, "Colour: auto, always or never")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", opts.quiet, "No confirmations or hints on stderr");
  app.add_flag_callback("--no-cache", [] { disable_record_cache(); },
                        "Parse every file; do not use the record cache");
  if (!formats.empty()) {
    std::string names;
    for (auto f : formats) names += (names.empty() ? "" : ", ") + std::string(format_name(f));
    app.add_option("--format", opts.format, "Output format: " + names)->type_name("FMT");
  }
}

std::unique_ptr<CLI::App> make_app(const std::string& program, const std::string& description) {
  auto app = std::make_unique<CLI::App>(description, program);
  app->fallthrough();
  app->set_version_flag("--version", fmt::format("{} {}", program, version_string));
  app->get_formatter()->column_width(28);
  app->option_defaults()->always_capture_default(false);
  return app;
}

namespace {

// Options of `app` (and, with `recurse`, its subcommands) that take a value, so the word after
// them is not mistaken for a subcommand; with `several_only`, only those that take several words.
void options_with_values(const CLI::App& app, std::set<std::string>& names, bool several_only = false,
                         bool recurse = true) {
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_items_expected_max() == 0) continue;  // a flag: no value follows
    if (several_only && (opt->get_items_expected_max() < 2 || opt->get_positional())) continue;
    for (const auto& s : opt->get_snames()) names.insert("-" + s);
    for (const auto& l : opt->get_lnames()) names.insert("--" + l);
  }
  if (!recurse) return;
  for (const CLI::App* sub : app.get_subcommands({})) options_with_values(*sub, names, several_only);
}

// A word where a command that needs a subcommand expects one (`balance cache bogus`) is named,
// with a did-you-mean, instead of CLI11's "A subcommand is required".
void check_subcommand_words(const CLI::App& app, const std::vector<std::string>& args) {
  std::set<std::string> valued;
  options_with_values(app, valued);
  const CLI::App* current = &app;
  std::string path = app.get_name();
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--" || a == "-h" || a == "--help") return;
    if (a.starts_with("-")) {
      if (valued.count(a) && a.find('=') == std::string::npos) ++i;
      continue;
    }
    const CLI::App* next = nullptr;
    std::vector<std::string> names;
    for (const CLI::App* sub : current->get_subcommands({})) {
      names.push_back(sub->get_name());
      if (sub->get_name() == a) next = sub;
    }
    if (next) {
      current = next;
      path += " " + a;
      continue;
    }
    // A nested command that takes no words of its own (`balance private`, which alone shows its
    // help) expects one of its subcommands here too.
    bool takes_words = current->get_prefix_command() ||
                       !current->get_options([](const CLI::Option* o) { return o->get_positional(); }).empty();
    bool wants_subcommand = current->get_require_subcommand_min() > 0 || (current != &app && !takes_words);
    if (wants_subcommand && !names.empty())
      throw_usage(fmt::format("unknown command \"{}\" for `{}`{}; try `{} --help`", escape_for_terminal(a), path,
                              did_you_mean(a, names), path));
    return;  // a positional argument of the command
  }
}

}  // namespace

// Every name of the options of `app` (and not of its subcommands): "-a", "--at".
void option_names(const CLI::App& app, std::set<std::string>& names) {
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& s : opt->get_snames()) names.insert("-" + s);
    for (const auto& l : opt->get_lnames()) names.insert("--" + l);
  }
}

std::vector<std::string> with_default_command(const CLI::App& app, std::vector<std::string> args,
                                              const std::string& default_command) {
  std::set<std::string> valued, several;
  options_with_values(app, valued);
  options_with_values(app, several, true);
  std::vector<std::string> commands;
  const CLI::App* def = nullptr;
  for (const CLI::App* sub : app.get_subcommands({})) {
    commands.push_back(sub->get_name());
    if (sub->get_name() == default_command) def = sub;
  }
  // An option before any command word is the tool's or the default command's: its arity there
  // decides (add's --prompt is a flag, though edit's --prompt takes a KEY).
  std::set<std::string> known, valued_here;
  option_names(app, known);
  options_with_values(app, valued_here, false, false);
  if (def) {
    option_names(*def, known);
    options_with_values(*def, valued_here, false, false);
  }
  for (const std::string& name : known)
    if (!valued_here.count(name)) valued.erase(name);
  auto is_command = [&](const std::string& w) { return std::find(commands.begin(), commands.end(), w) != commands.end(); };

  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    // `tool --help` is the tool's own help, not its default command's.
    if (a == "-h" || a == "--help" || a == "--version") return args;
    if (a == "help") return {"--help"};
    if (a.starts_with("-")) {
      if (valued.count(a) && a.find('=') == std::string::npos) ++i;  // skip its value
      // An option of the default command that takes several words (`--with alex sam`).
      while (several.count(a) && i + 1 < args.size() && !args[i + 1].starts_with("-") && !is_command(args[i + 1])) ++i;
      continue;
    }
    if (is_command(a)) return args;
    // The first word is not a subcommand: a typo, unless the default command takes words.
    bool takes_words = def && !def->get_options([](const CLI::Option* o) { return o->get_positional(); }).empty();
    if (!takes_words)
      throw_usage(fmt::format("unknown command \"{}\"{}; try `{} --help`", escape_for_terminal(a),
                              did_you_mean(a, commands), app.get_name()));
    break;
  }
  args.insert(args.begin(), default_command);
  return args;
}

std::vector<std::string> words_as_text(const CLI::App& app, const std::vector<std::string>& args,
                                       const std::string& command) {
  // Only the tool's own options and the command's: another command's option that takes a value
  // (edit's --prompt KEY) may be a flag here (add's --prompt).
  std::set<std::string> valued;
  const CLI::App* sub = nullptr;
  for (const CLI::App* s : app.get_subcommands({}))
    if (s->get_name() == command) sub = s;
  options_with_values(app, valued, false, false);
  if (sub) options_with_values(*sub, valued, false, false);
  std::vector<std::string> options, words;
  bool in_command = false, after_mark = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (after_mark) {
      words.push_back(a);
    } else if (a == "--") {
      after_mark = true;
    } else if (a.size() > 1 && a.starts_with("-")) {
      options.push_back(a);
      if (valued.count(a) && a.find('=') == std::string::npos && i + 1 < args.size()) options.push_back(args[++i]);
    } else if (!in_command) {
      if (a != command) return args;
      in_command = true;
      options.push_back(a);
    } else {
      words.push_back(a);
    }
  }
  if (!in_command || words.empty()) return args;
  options.push_back("--");
  options.insert(options.end(), words.begin(), words.end());
  return options;
}

void print_error(const std::string& program, const std::exception& e) {
  if (const auto* be = dynamic_cast<const error*>(&e); be && !be->problems().empty()) {
    // A problem with no place of its own (a flag's) is the program's, like a one-line message.
    for (const auto& p : be->problems())
      std::cerr << (p.where.path.empty() ? program + ": " : "") << escape_for_terminal(p.to_string()) << '\n';
    return;
  }
  std::string message = escape_for_terminal(e.what());
  // Multi-line messages keep the program name on the first line only.
  std::cerr << program << ": " << message << '\n';
}

namespace {

// Help and --version are output like any other: a failed write is exit 74, a closed pipe is quiet.
int print_cli_message(CLI::App& app, const CLI::Error& e, const std::string& program) {
  app.exit(e, std::cout, std::cerr);
  std::cout.flush();
  if (std::cout || errno == EPIPE) return 0;
  std::cerr << program << ": cannot write to standard output: " << std::strerror(errno) << '\n';
  return exit_code(errc::io);
}

// Parses `args`: nullopt when the command is to run, else its exit status (help, --version, a
// usage error).
std::optional<int> parse_arguments(CLI::App& app, const std::string& program, std::vector<std::string> args) {
  std::reverse(args.begin(), args.end());  // CLI11 takes them reversed
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp& e) {
    return print_cli_message(app, e, program);
  } catch (const CLI::CallForAllHelp& e) {
    return print_cli_message(app, e, program);
  } catch (const CLI::CallForVersion& e) {
    return print_cli_message(app, e, program);
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    if (auto extras = message.find("The following argument"); extras != std::string::npos)
      message = message.substr(extras);
    std::cerr << program << ": " << escape_for_terminal(message) << "\n"
              << "Try `" << program << " --help` for more information.\n";
    return exit_code(errc::usage);
  }
  return std::nullopt;
}

}  // namespace

int run(CLI::App& app, context& ctx, std::vector<std::string> args, const std::function<int()>& body) {
  // A reader that goes away (`| head`) is an EPIPE on write, ended quietly, never a signal.
  std::signal(SIGPIPE, SIG_IGN);
  // A file-size limit (`ulimit -f`) makes write() fail with EFBIG, reported like a full disk,
  // instead of killing the process halfway.
  std::signal(SIGXFSZ, SIG_IGN);
  int status = 0;
  // `balance cache info` reports the record cache's hits and misses of the last command.
  struct stats_at_exit {
    ~stats_at_exit() { save_record_cache_stats(); }
  } stats;
  try {
    check_subcommand_words(app, args);
    if (auto done = parse_arguments(app, ctx.program, std::move(args))) return *done;
    status = body();
    ctx.out.flush();
  } catch (const closed_pipe&) {
    return status;
  } catch (const error& e) {
    try {
      ctx.out.flush();
    } catch (...) {
    }
    print_error(ctx.program, e);
    return exit_code(e.kind());
  } catch (const std::exception& e) {
    std::cerr << ctx.program << ": internal error: " << escape_for_terminal(e.what()) << '\n';
    return exit_code(errc::internal);
  }
  return status;
}

std::vector<std::string> arguments(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return args;
}

int run_commands(const tool& t, const std::vector<command>& table, int argc, char** argv) {
  context ctx;
  ctx.program = t.program;
  auto owned = make_app(t.program, t.description);
  CLI::App& app = *owned;
  add_common_options(app, ctx.opts, t.formats);
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, std::function<int(context&)>>> bodies;
  for (const auto& c : table) {
    CLI::App* sub = app.add_subcommand(c.name, c.summary);
    bodies.emplace_back(sub, c.setup(*sub));
  }
  std::vector<std::string> args;
  try {
    args = with_default_command(app, arguments(argc, argv), t.default_command);
    if (t.words_are_text) args = words_as_text(app, args, t.default_command);
  } catch (const error& e) {
    print_error(ctx.program, e);
    return exit_code(e.kind());
  }
  return run(app, ctx, args, [&]() -> int {
    for (auto& [sub, body] : bodies)
      if (sub->parsed()) return body(ctx);
    return exit_code(errc::usage);
  });
}

int run_single(const tool& t, const std::function<std::function<int(context&)>(CLI::App&)>& setup, int argc,
               char** argv) {
  context ctx;
  ctx.program = t.program;
  auto app = make_app(t.program, t.description);
  add_common_options(*app, ctx.opts, t.formats);
  auto body = setup(*app);
  return run(*app, ctx, arguments(argc, argv), [&] { return body(ctx); });
}

int write(context& ctx, const std::function<outcome(const store&)>& work) {
  ctx.write_format();
  repo rp = ctx.open_repo();
  store s(rp);
  report(ctx, rp, work(s));
  return 0;
}

void report(context& ctx, const repo& rp, const outcome& done) {
  for (const auto& n : done.notes) ctx.note(n);
  if (done.paths.empty() && done.records.empty())
    ctx.confirm(done.summary);
  else
    ctx.written(rp, done.paths, done.summary, done.records);
}

}  // namespace balance::cli
