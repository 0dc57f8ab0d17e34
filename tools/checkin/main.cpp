// balance-checkin: the regular "how are we doing?" check-in.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <type_traits>
#include <variant>

#include <fmt/format.h>

#include "balance/checkin.hpp"
#include "balance/editor.hpp"
#include "balance/error.hpp"
#include "balance/format.hpp"
#include "balance/record_file.hpp"
#include "balance/store.hpp"
#include "balance/text.hpp"
#include "cli.hpp"
#include "record_commands.hpp"

using namespace balance;

namespace {

// The flags that set a check-in's fields, shared by `add` and `edit`.
void add_checkin_fields(CLI::App* cmd, cli::field_flags& flags) {
  for (const auto& d : default_dimensions())
    flags.add(cmd, d.key, fmt::format("Rate \"{}\" from 1 to 5", d.key), "--" + d.key);
  flags.add_rate(cmd);
  flags.add(cmd, "mood", "How you feel overall, 1 to 5");
  flags.add(cmd, "feeling", "An I-statement: \"I feel … when …\"");
  flags.add(cmd, "need", "Something you need");
  flags.add(cmd, "thanks", "Something you appreciate");
  flags.add(cmd, "note", "Anything else");
  flags.add_tags(cmd);
  flags.add_at(cmd);
  flags.add(cmd, "safe", "Private check-ins only: do you feel safe with your partner? 1 to 5");
}

std::optional<std::string> read_stdin_line() {
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  return line;
}

// Reads one line with the terminal's echo off (like a password prompt), so an answer typed at the
// prompt is never shown on the screen.
std::optional<std::string> read_stdin_secret() {
  termios saved{};
  bool terminal = ::isatty(0) == 1 && ::tcgetattr(0, &saved) == 0;
  if (terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(0, TCSANOW, &quiet);
  }
  auto line = read_stdin_line();
  if (terminal) {
    ::tcsetattr(0, TCSANOW, &saved);
    std::cerr << "\n";
  }
  return line;
}

void hint_if_blaming(cli::context& ctx, const record& r) {
  if (auto hint = checkin_hint(r)) ctx.note(*hint);
}

int add(cli::context& ctx, const cli::field_flags& flags, bool is_private, bool use_editor, const std::string& from,
        bool dry_run) {
  if (!from.empty()) {
    if (flags.any() || use_editor) throw_usage("--from reads whole records; it cannot be combined with field flags or --edit");
    return cli::run_import(ctx, record_type::checkin, from, dry_run, is_private);
  }
  if (dry_run) throw_usage("--dry-run goes with --from");
  repo rp = ctx.open_repo();
  store s(rp);
  record r;
  r.type = record_type::checkin;
  r.who = r.author = rp.me();
  r.at = rp.cal().now;
  r.is_private = is_private;
  if (flags.has("safe") && !is_private)
    throw_usage("--safe is only for private check-ins: add --private (it is never shared)");
  // Before anything is asked: a private answer can only go into this computer's own store.
  if (is_private) rp.require_private_owner();
  flags.apply(r, rp);

  if (use_editor) {
    std::string text = checkin_template(r, rp.config());
    edit_buffer buffer = edit_text(text, "checkin.toml", editor_command(rp.user()));
    if (only_comments(buffer.text)) {
      discard_buffer(buffer);
      ctx.confirm("the check-in was empty; nothing saved");
      return 0;
    }
    read_options opts{&rp.config(), &rp.data_zone(), false};
    try {
      r = read_record_fields(buffer.text, buffer.path.string(), r, opts);
    } catch (const error&) {
      std::cerr << ctx.program << ": the check-in was not saved; your text is kept in " << buffer.path.string() << "\n";
      throw;
    }
    hint_if_blaming(ctx, r);
    int status = cli::save_new(ctx, s, r);
    discard_buffer(buffer);
    if (is_unsafe_answer(r)) cli::show_safety_note(ctx, rp, r);
    return status;
  }

  if (!flags.any() || (flags.has("at") && !flags.any_besides_at())) {
    if (::isatty(0) != 1)
      throw_usage(
          "nothing to record. Give ratings and words, e.g.\n"
          "  balance-checkin add --heard 4 --kind 5 --feeling \"I feel … when …\"\n"
          "or run it in a terminal to be asked each question, or use --edit");
    if (is_private)
      ctx.err.write("Private: kept on this computer only, never synced; anyone who can use this account could read it.\n");
    auto answers = interview(rp.config(), read_stdin_line, ctx.err, is_private, read_stdin_secret);
    ctx.err.write("\n");
    ctx.err.flush();
    if (!answers) {
      // Ending the input is a way to stop, not a failure.
      ctx.confirm("no check-in saved");
      return 0;
    }
    if (is_unsafe_answer(*answers)) {
      // Stop asking, answer at once, echo nothing back; saving is the person's choice.
      record unsafe = r;
      unsafe.ratings = answers->ratings;
      unsafe.mood = answers->mood;
      unsafe.safe = answers->safe;
      cli::show_safety_note(ctx, rp, unsafe);
      ctx.err.write("Save what you answered, privately on this computer? [y/N] ");
      ctx.err.flush();
      auto yes = read_stdin_line();
      if (!yes || (trim(*yes) != "y" && trim(*yes) != "Y" && ascii_lower(trim(*yes)) != "yes")) {
        ctx.err.write("Nothing was saved.\n");
        ctx.err.flush();
        return 0;
      }
      check_flag_record(unsafe, rp.config());
      return cli::save_new(ctx, s, unsafe);
    }
    r.ratings = answers->ratings;
    r.mood = answers->mood;
    r.feeling = answers->feeling;
    r.need = answers->need;
    r.thanks = answers->thanks;
    r.note = answers->note;
    r.safe = answers->safe;
    if (r.ratings.empty() && !r.mood && r.feeling.empty() && r.need.empty() && r.thanks.empty() && r.note.empty()) {
      ctx.confirm("nothing answered; no check-in saved");
      return 0;
    }
    check_flag_record(r, rp.config());
    if (!ctx.opts.quiet) {
      ctx.err.write(style{}.bold("Your check-in:\n"));
      for (const auto& f : fields_of(r)) {
        if (f.key == "id" || f.key == "who" || f.key == "safe") continue;  // the safety answer is never echoed
        std::string value = f.key == "at" ? format_timestamp(r.at) : std::visit([](const auto& v) -> std::string {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string>) return v;
          else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
          else return {};
        }, f.value);
        if (!value.empty()) ctx.err.write(fmt::format("  {:<8} {}\n", f.key, escape_for_terminal(value)));
      }
      ctx.err.flush();
    }
  } else {
    check_flag_record(r, rp.config());
  }
  hint_if_blaming(ctx, r);
  int status = cli::save_new(ctx, s, r);
  if (is_unsafe_answer(r)) cli::show_safety_note(ctx, rp, r);
  return status;
}

int forget(cli::context& ctx, bool safety, bool all_private, bool dry_run) {
  ctx.text_only();
  if (safety == all_private)
    throw_usage("say what to forget: --safety (the safety answers of your private check-ins) or --all-private "
                "(your private check-ins); both also remove kept edit buffers");
  repo rp = ctx.open_repo();
  store s(rp);
  auto done = forget_private(s, safety ? forget_scope::safety : forget_scope::all_private, dry_run);
  std::string what = safety ? fmt::format("the safety answers of {}", done.checkins == 1 ? std::string("1 private check-in")
                                                                                     : fmt::format("{} private check-ins", done.checkins))
                            : (done.checkins == 1 ? std::string("1 private check-in") : fmt::format("{} private check-ins", done.checkins));
  std::string buffers = done.buffers.size() == 1 ? "1 kept edit buffer" : fmt::format("{} kept edit buffers", done.buffers.size());
  ctx.written(rp, done.written, fmt::format("{} {} and {}", dry_run ? "would forget" : "forgot", what, buffers));
  return 0;
}

int questions(cli::context& ctx) {
  repo rp = ctx.open_repo();
  format f = ctx.output_format({format::text, format::json});
  const auto& dims = rp.config().dimensions;
  if (f == format::json) {
    std::string out = "{\"schema\": 1, \"dimensions\": [";
    for (std::size_t i = 0; i < dims.size(); ++i) {
      out += fmt::format("{}\n  {{\"key\": {}, \"question\": {}, \"low\": {}, \"high\": {}}}", i ? "," : "",
                         json_string(dims[i].key), json_string(dims[i].question), json_string(dims[i].low),
                         json_string(dims[i].high));
    }
    out += "\n]}\n";
    ctx.out.write(out);
    return 0;
  }
  std::size_t width = 0;
  for (const auto& d : dims) width = std::max(width, d.key.size());
  for (const auto& d : dims) {
    ctx.out.write(fmt::format("{:<{}}  {}\n", d.key, width, escape_for_terminal(d.question)));
    if (!d.low.empty() || !d.high.empty())
      ctx.out.write(fmt::format("{:<{}}  1 = {} · 5 = {}\n", "", width, escape_for_terminal(d.low), escape_for_terminal(d.high)));
  }
  return 0;
}

int due(cli::context& ctx, const std::string& who, bool all) {
  repo rp = ctx.open_repo();
  if (!who.empty() && all) throw_usage("use either --who or --all");
  std::vector<std::string> people;
  if (all)
    people = rp.config().people;
  else
    people = {who.empty() ? rp.me() : rp.person(who, "--who")};
  format f = ctx.output_format({format::text, format::json});
  store s(rp);
  // My own question (not --all) may count my private check-ins; a list of everyone rests on
  // shared ones only.
  auto due_now = checkins_due(s, people, !all && rp.knows_me() && people.front() == rp.me());
  std::string cadence = rp.config().checkin_cadence.to_string();
  if (f == format::json) {
    // The same object when nothing is due, with an empty list (and exit 1).
    std::string json = "{\"schema\": 1, \"cadence\": " + json_string(cadence) + ", \"due\": [";
    for (std::size_t i = 0; i < due_now.size(); ++i)
      json += fmt::format("{}\n  {{\"who\": {}, \"last\": {}}}", i ? "," : "", json_string(due_now[i].who),
                          due_now[i].last ? json_string(format_timestamp(*due_now[i].last)) : "null");
    ctx.out.write(json + (due_now.empty() ? "]}\n" : "\n]}\n"));
    return due_now.empty() ? 1 : 0;
  }
  for (const auto& d : due_now) {
    std::string last = d.last ? fmt::format("last one {}", format_date(*d.last)) : std::string("none yet");
    ctx.out.write(fmt::format("{}: check-in due ({}; {})\n", d.who, cadence, last));
  }
  return due_now.empty() ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  cli::context ctx;
  ctx.program = "balance-checkin";
  auto app = cli::make_app(ctx.program,
                           "A regular \"how are we doing?\": rate the five balance dimensions from 1 to 5,\n"
                           "say how you feel, what you need and what you appreciate.");
  cli::add_common_options(*app, ctx.opts, {format::text, format::json, format::toml, format::csv, format::tsv});
  app->require_subcommand(1);

  cli::field_flags add_flags;
  bool add_private = false, add_edit = false, add_dry_run = false;
  std::string add_from;
  auto* add_cmd = app->add_subcommand("add", "Record a check-in (the default command)");
  add_checkin_fields(add_cmd, add_flags);
  add_cmd->add_flag("--private", add_private,
                    "Keep it in your private store on this computer: never shared, only you see it");
  add_cmd->add_flag("--edit", add_edit, "Write it in $VISUAL/$EDITOR from a commented template");
  add_cmd->add_option("--from", add_from, "Import check-ins from FILE or - (TOML, JSON, CSV or TSV)")->type_name("FILE");
  add_cmd->add_flag("--dry-run", add_dry_run, "With --from: say what would be added, write nothing");

  cli::list_options list_opts;
  auto* list_cmd = app->add_subcommand("list", "List check-ins (default: all of them)");
  cli::add_list_options(list_cmd, list_opts, false, false);

  std::string id;
  auto* show_cmd = app->add_subcommand("show", "Show one check-in");
  show_cmd->add_option("id", id, "Its id (4 or more leading digits)")->required()->type_name("ID");

  cli::field_flags edit_flags;
  auto* edit_cmd = app->add_subcommand("edit", "Change a check-in: with field flags, or in the editor");
  edit_cmd->add_option("id", id, "Its id (4 or more leading digits)")->required()->type_name("ID");
  add_checkin_fields(edit_cmd, edit_flags);

  bool rm_dry_run = false;
  auto* rm_cmd = app->add_subcommand("rm", "Remove a check-in");
  rm_cmd->add_option("id", id, "Its id (4 or more leading digits)")->required()->type_name("ID");
  rm_cmd->add_flag("--dry-run", rm_dry_run, "Say what would be removed, change nothing");

  auto* questions_cmd = app->add_subcommand("questions", "The questions this repository asks");

  bool forget_safety = false, forget_all = false, forget_dry_run = false;
  auto* forget_cmd = app->add_subcommand("forget", "Remove your private check-ins, or only their safety answers");
  forget_cmd->add_flag("--safety", forget_safety, "Only the safety answers (and kept edit buffers)");
  forget_cmd->add_flag("--all-private", forget_all, "Every private check-in of yours (and kept edit buffers)");
  forget_cmd->add_flag("--dry-run", forget_dry_run, "Say what would be removed, change nothing");

  std::string due_who;
  bool due_all = false;
  auto* due_cmd = app->add_subcommand("due", "Whose check-in is due (exit 0 with lines, 1 and silence when none)");
  due_cmd->add_option("--who", due_who, "Only NAME (default: me)")->type_name("NAME");
  due_cmd->add_flag("--all", due_all, "Everyone");

  std::vector<std::string> args;
  try {
    args = cli::with_default_command(*app, cli::arguments(argc, argv), "add");
  } catch (const error& e) {
    cli::print_error(ctx.program, e);
    return exit_code(e.kind());
  }
  return cli::run(*app, ctx, args, [&]() -> int {
    if (add_cmd->parsed()) return add(ctx, add_flags, add_private, add_edit, add_from, add_dry_run);
    if (list_cmd->parsed()) return cli::run_list(ctx, record_type::checkin, list_opts, "all");
    if (show_cmd->parsed()) return cli::run_show(ctx, record_type::checkin, id);
    if (edit_cmd->parsed()) {
      if (edit_flags.has("safe")) {
        repo rp = ctx.open_repo();
        store s(rp);
        if (!s.find(record_type::checkin, id).is_private)
          throw_usage("--safe is only for private check-ins (it is never shared)");
      }
      return cli::run_edit(ctx, record_type::checkin, id, edit_flags);
    }
    if (rm_cmd->parsed()) return cli::run_rm(ctx, record_type::checkin, id, rm_dry_run);
    if (questions_cmd->parsed()) return questions(ctx);
    if (forget_cmd->parsed()) return forget(ctx, forget_safety, forget_all, forget_dry_run);
    if (due_cmd->parsed()) return due(ctx, due_who, due_all);
    return 64;
  });
}
