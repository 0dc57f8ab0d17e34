// CLI glue shared by every balance tool: the common options, the bare-command rewrite, the
// did-you-mean for subcommands, and the one place where errors become exit codes. Internal to
// the tools (never installed), so the library's public headers stay free of CLI11.
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "balance/error.hpp"
#include "balance/format.hpp"
#include "balance/output.hpp"
#include "balance/repo.hpp"
#include "balance/store.hpp"

namespace balance::cli {

struct common_options {
  std::string dir;
  std::string as;
  std::string color;
  std::string format = "text";
  bool quiet = false;
};

// What a tool's command body works with.
struct context {
  std::string program;  // "balance-ledger"
  common_options opts;
  fd_sink out{1};       // stdout; flushed and checked by run()
  fd_sink err{2};

  // Opens the repository the options and environment point at, and prints the warnings about
  // its balance.toml (settings this version does not know). Its notices (an id added, private
  // records moved) go to stderr like confirmations. `balance check` passes false: it
  // reports them as problems instead.
  repo open_repo(bool warn_about_settings = true);
  // The warnings about a repository's balance.toml, once per command, unless --quiet.
  void warn_settings(const repo& r);
  bool settings_warned = false;
  std::set<std::string> warned_;  // warnings already printed
  // Colour for stdout, by --color, the user config, NO_COLOR and whether stdout is a terminal.
  style out_style(const user_config& user) const;
  // The --format value, checked against `allowed`.
  format output_format(const std::vector<format>& allowed) const;
  // The --format value of a command that writes records (a list, show), checked against `allowed`.
  record_format records_format(const std::vector<record_format>& allowed) const;
  // Commands that print no records accept only the default --format.
  void text_only() const;
  // Writes accept text (a confirmation on stderr) and json (also the written records on stdout,
  // as a list prints them, even with -q: how a script gets a new id).
  void write_format() const;
  // Lists use the terminal's width when it is wider than 80 (COLUMNS, else the terminal).
  std::size_t list_width() const;
  // How a list writes to stdout: the repository's settings, out_style and list_width.
  writer_options writer(const repo& r) const;
  // One line on stderr ("added entry 3f9a1c0 (chore, sam)"), unless --quiet.
  void confirm(const std::string& line);
  // A note on stderr that -q silences (hints, warnings).
  void note(const std::string& line);
  // Warnings about data (unknown keys) go to stderr once each.
  void warn(const diagnostic& d);
  // After a write: the confirmation line, and with `[git] autocommit` a commit of exactly the
  // files written, message "<program>: <line>". A failed commit is reported; the data stays.
  // With --format json, `records` (what was written) go to stdout as a json list.
  void written(const repo& r, const std::vector<std::string>& paths, const std::string& line,
               const std::vector<record>& records = {});
};

// The formats of every list: text, json, toml, csv, tsv.
extern const std::vector<record_format> list_formats;

// Which records a view shows: the shared view by default (what both of you may read together);
// --mine adds my own private records, marked; --shared names the default explicitly.
struct view_options {
  bool mine = false;
  bool shared = false;
};
// Adds --mine and --shared (they exclude each other).
void add_view_options(CLI::App* cmd, view_options& v, const std::string& what);

// -n/--limit N: a whole number, 0 or more ("-1" would otherwise wrap around to "all").
void add_limit_option(CLI::App* cmd, std::size_t& limit, const std::string& help);
// The private view, when asked for. With --as someone else, says once on stderr that their
// private records are not shown (they open only for this computer's own person).
bool private_view(context& ctx, const repo& rp, const view_options& v);

// Adds -C/--dir, --as, --color, -q/--quiet, and --format when `formats` is not empty.
void add_common_options(CLI::App& app, common_options& opts, const std::vector<format>& formats = {});

// Makes a CLI11 app for a tool with the house settings: fallthrough (common options after a
// subcommand), --version printing "<program> <version>", help that fits 80 columns.
std::unique_ptr<CLI::App> make_app(const std::string& program, const std::string& description);

// The bare command: when argv has no subcommand word, `default_command` is inserted. An unknown
// word in the subcommand position is a usage error with a did-you-mean.
std::vector<std::string> with_default_command(const CLI::App& app, std::vector<std::string> args,
                                              const std::string& default_command);

// Parses, runs `body`, and maps every failure to an exit code: CLI11 errors → 64 (help and
// --version → 0), balance::error → its kind's code (data problems printed as PATH:LINE:COL lines),
// a closed stdout pipe → 0 quietly, a failed write to stdout → 74, anything else → 70.
// `args` excludes the program name.
int run(CLI::App& app, context& ctx, std::vector<std::string> args, const std::function<int()>& body);

// One subcommand of a tool, as a row of the tool's table (git's commands[]): `setup` declares its
// options on the CLI11 subcommand and returns the body that runs with them.
struct command {
  std::string name;
  std::string summary;
  std::function<std::function<int(context&)>(CLI::App&)> setup;
};

// What a tool is: its name, its --help description, the --format values it takes, and the
// subcommand a bare command line runs.
struct tool {
  std::string program;
  std::string description;
  std::vector<format> formats;
  std::string default_command;
  // The default command's words are all text, even one that names a subcommand
  // (`balance-journal today I wrote a list`): see words_as_text.
  bool words_are_text = false;
};

// When the first word of `args` (options and their values aside) is `command`, every later word
// is moved behind a `--`, so CLI11 takes it as text and never as a subcommand; options keep their
// place. Any other first word leaves `args` as they are.
std::vector<std::string> words_as_text(const CLI::App& app, const std::vector<std::string>& args,
                                       const std::string& command);

// A tool's whole main(): the app with the common options, the table's subcommands, a bare
// command line rewritten to the default command, then the chosen subcommand run through run().
int run_commands(const tool& t, const std::vector<command>& table, int argc, char** argv);
// The main() of a tool that is one command (balance-report, balance-remind): `setup` declares its
// options on the app itself and returns the body.
int run_single(const tool& t, const std::function<std::function<int(context&)>(CLI::App&)>& setup, int argc,
               char** argv);

// A write command's body: checks --format, opens the repository, does the library call's `work`
// and reports its outcome: the confirmation, the commit and the --format json records as
// context::written does, or only the confirmation when it names no file and no record (a dry run
// of a removal, a boundary already retired).
int write(context& ctx, const std::function<outcome(const store&)>& work);
// Reports an outcome as write() does (its notes, then the confirmation or context::written).
void report(context& ctx, const repo& rp, const outcome& done);

// Prints an error the way every tool does ("balance-ledger: message" or PATH:LINE:COL lines).
void print_error(const std::string& program, const std::exception& e);

// argv[1..] as strings.
std::vector<std::string> arguments(int argc, char** argv);

}  // namespace balance::cli
