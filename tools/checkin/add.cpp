// balance-checkin add: from flags, in the editor from a template, or as an interview on the
// terminal (the safety question first for a private one, its answer never echoed).
#include "checkin.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "balance/checkin.hpp"
#include "balance/edit.hpp"
#include "balance/error.hpp"
#include "balance/safety.hpp"
#include "balance/text.hpp"

namespace balance::checkin_cli {

namespace {

struct add_flags {
  cli::field_flags fields;
  bool is_private = false, use_editor = false;
  cli::import_flags import;
};

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

// Saves, confirms, and shows the safety note after a low `safe` answer.
int save(cli::context& ctx, const store& s, record r) {
  outcome done = add_checkin(s, std::move(r));
  cli::report(ctx, s.repository(), done);
  if (is_unsafe_answer(done.records.front())) write_safety_note(done.records.front(), s.repository(), ctx.err);
  return 0;
}

int add_in_editor(cli::context& ctx, const store& s, record r) {
  const repo& rp = s.repository();
  edit_session session(rp, checkin_template(r, rp.config()), "checkin.toml");
  if (session.emptied()) {
    session.discard();
    ctx.confirm("the check-in was empty; nothing saved");
    return 0;
  }
  try {
    r = session.read(r);
  } catch (const error&) {
    std::cerr << ctx.program << ": the check-in was not saved; your text is kept in " << session.path().string() << "\n";
    throw;
  }
  save(ctx, s, std::move(r));
  session.discard();
  return 0;
}

// After an answer of 2 or less to the safety question: stop asking, show the note at once, echo
// nothing back; saving is the person's choice.
int after_unsafe_answer(cli::context& ctx, const store& s, record unsafe) {
  write_safety_note(unsafe, s.repository(), ctx.err);
  ctx.err.write("Save what you answered, privately on this computer? [y/N] ");
  ctx.err.flush();
  auto yes = read_stdin_line();
  if (!yes || (trim(*yes) != "y" && trim(*yes) != "Y" && ascii_lower(trim(*yes)) != "yes")) {
    ctx.err.write("Nothing was saved.\n");
    ctx.err.flush();
    return 0;
  }
  cli::report(ctx, s.repository(), add_checkin(s, std::move(unsafe)));
  return 0;
}

int add_by_interview(cli::context& ctx, const store& s, record r) {
  if (::isatty(0) != 1)
    throw_usage(
        "nothing to record. Give ratings and words, e.g.\n"
        "  balance-checkin add --heard 4 --kind 5 --feeling \"I feel … when …\"\n"
        "or run it in a terminal to be asked each question, or use --edit");
  if (r.is_private)
    ctx.err.write("Private: kept outside the shared repository, never synced to your partner; anyone who can use this account could read it.\n");
  auto answers = interview(s.repository().config(), read_stdin_line, ctx.err, r.is_private, read_stdin_secret);
  ctx.err.write("\n");
  ctx.err.flush();
  if (!answers) {
    ctx.confirm("no check-in saved");  // ending the input is a way to stop, not a failure
    return 0;
  }
  r.ratings = answers->ratings;
  r.mood = answers->mood;
  r.safe = answers->safe;
  if (is_unsafe_answer(*answers)) return after_unsafe_answer(ctx, s, std::move(r));
  r.feeling = answers->feeling;
  r.need = answers->need;
  r.thanks = answers->thanks;
  r.note = answers->note;
  if (r.ratings.empty() && !r.mood && r.feeling.empty() && r.need.empty() && r.thanks.empty() && r.note.empty()) {
    ctx.confirm("nothing answered; no check-in saved");
    return 0;
  }
  check_flag_record(r, s.repository().config());
  if (!ctx.opts.quiet) {
    write_checkin_summary(r, ctx.err);
    ctx.err.flush();
  }
  return save(ctx, s, std::move(r));
}

}  // namespace

std::function<int(cli::context&)> setup_add(CLI::App& cmd) {
  auto o = std::make_shared<add_flags>();
  add_checkin_fields(cmd, o->fields);
  cmd.add_flag("--private", o->is_private, "Keep it in your private store on this computer: never shared, only you see it");
  cmd.add_flag("--edit", o->use_editor, "Write it in $VISUAL/$EDITOR from a commented template");
  cli::add_import_flags(cmd, o->import, "check-ins");
  return [o](cli::context& ctx) {
    if (auto imported = cli::import_instead(ctx, record_type::checkin, o->import, o->fields.any() || o->use_editor,
                                            "--from reads whole records; it cannot be combined with field flags or --edit",
                                            o->is_private))
      return *imported;
    ctx.write_format();
    repo rp = ctx.open_repo();
    store s(rp);
    record r = new_checkin(rp, o->is_private);
    o->fields.apply(r, rp);
    if (o->use_editor) return add_in_editor(ctx, s, std::move(r));
    if (!o->fields.values().any_besides_at()) return add_by_interview(ctx, s, std::move(r));
    return save(ctx, s, std::move(r));
  };
}

}  // namespace balance::checkin_cli
