// balance-ledger: the give-and-take log — chores, invisible work, who chose, solo time, time
// together, sacrifices — with shares next to the agreed targets and whose turn it is.
#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/format.hpp"
#include "balance/ledger.hpp"
#include "balance/query.hpp"
#include "balance/store.hpp"
#include "balance/text.hpp"
#include "cli.hpp"
#include "record_commands.hpp"

using namespace balance;

namespace {

// Flags that set an entry's fields, shared by `add` and `edit` (`edit` also changes kind/what).
void add_entry_fields(CLI::App* cmd, cli::field_flags& flags, bool with_kind_and_what) {
  bool editing = with_kind_and_what;
  flags.add(cmd, "who", editing ? "Who did it" : "Who did it (default: me)");
  if (with_kind_and_what) {
    flags.add(cmd, "kind", "chore, invisible, choice, solo, together or sacrifice");
    flags.add(cmd, "what", "What was done or chosen");
  }
  flags.add(cmd, "topic", "What was chosen about: dinner, weekend, movie… (required for choice)");
  flags.add(cmd, "weight", "How much it counts (a positive number; default 1)");
  flags.add(cmd, "minutes", "How long it took");
  flags.add(cmd, "for", "Who it was for");
  flags.add_tags(cmd);
  flags.add(cmd, "note", "Anything else");
  flags.add_at(cmd, editing ? "When it happened (WHEN)" : "When it happened (WHEN; default now)");
}

int add(cli::context& ctx, const std::string& kind, const std::string& what, const cli::field_flags& flags,
        bool is_private, const std::string& from, bool dry_run) {
  if (!from.empty()) {
    if (!kind.empty() || flags.any()) throw_usage("--from reads whole entries; it cannot be combined with KIND, WHAT or field flags");
    return cli::run_import(ctx, record_type::entry, from, dry_run, is_private);
  }
  if (dry_run) throw_usage("--dry-run goes with --from");
  if (kind.empty() || what.empty())
    throw_usage("add needs KIND and WHAT, e.g. balance-ledger add chore \"dishes\" or balance-ledger add choice \"Thai\" --topic dinner");
  repo rp = ctx.open_repo();
  store s(rp);
  record r;
  r.type = record_type::entry;
  r.author = rp.me();
  r.who = rp.me();
  r.at = rp.cal().now;
  r.is_private = is_private;
  r.kind = kind;
  r.what = what;
  flags.apply(r, rp);
  if (flags.has("who")) r.who = rp.person(r.who, "--who");
  if (!r.for_whom.empty()) r.for_whom = rp.person(r.for_whom, "--for");
  if (std::find(entry_kinds().begin(), entry_kinds().end(), r.kind) == entry_kinds().end())
    throw_usage(fmt::format("unknown kind \"{}\"{}; kinds are chore, invisible, choice, solo, together, sacrifice",
                            escape_for_terminal(r.kind), did_you_mean(r.kind, entry_kinds())));
  check_flag_record(r, rp.config());
  if (!r.topic.empty()) {
    // A topic nobody used yet, one typo from one that is, is worth a word before it splits turns.
    period around = parse_period("last-month", rp.cal());
    around.end = std::max(around.end, r.at.utc + std::chrono::seconds(1));
    around.begin = std::min(around.begin, r.at.utc - std::chrono::hours(24 * 31));
    if (auto note = new_topic_note(r.topic, known_topics(s, around, r.topic))) ctx.note(*note + "; saved as given");
  }
  return cli::save_new(ctx, s, r);
}

int show_balance(cli::context& ctx, const std::string& period_text, const std::string& by, const std::string& measure,
                 const cli::view_options& view) {
  repo rp = ctx.open_repo();
  format f = ctx.output_format({format::text, format::json});
  query q;
  q.type = record_type::entry;
  q.span = parse_period(period_text, rp.cal());
  q.mine = cli::private_view(ctx, rp, view);
  store s(rp);
  auto b = stream_balance(s, q, parse_share_group(by), parse_share_measure(measure), [&](const diagnostic& d) { ctx.warn(d); });
  if (f == format::json)
    write_balance_json(b, ctx.out);
  else
    write_balance_text(b, ctx.out, ctx.out_style(rp.user()));
  return 0;
}

int turn(cli::context& ctx, const std::string& topic, const std::string& period_text) {
  repo rp = ctx.open_repo();
  if (!is_valid_name(topic)) throw_usage(fmt::format("topic \"{}\" must use only a-z, 0-9, _ and -", escape_for_terminal(topic)));
  query q;
  q.type = record_type::entry;
  q.kind = "choice";
  q.topic = topic;
  if (!period_text.empty()) q.span = parse_period(period_text, rp.cal());
  store s(rp);
  auto choices = run_query(s, q, [&](const diagnostic& d) { ctx.warn(d); });
  auto t = whose_turn(choices, topic, rp.config(), period_text.empty() ? turn_window : 0);
  if (t.person.empty()) throw error(errc::config, "balance.toml lists no people");
  if (!t.anyone_chose)
    ctx.note(fmt::format("nobody has chosen {} yet{}; {} is first in balance.toml", topic,
                         period_text.empty() ? "" : " in " + period_text, t.person));
  ctx.out.write(t.person + "\n");
  return 0;
}

int export_journal(cli::context& ctx, const std::string& period_text, bool format_given, const cli::view_options& view) {
  repo rp = ctx.open_repo();
  if (format_given) (void)ctx.output_format({format::ledger});
  query q;
  q.type = record_type::entry;
  q.span = parse_period(period_text.empty() ? "all" : period_text, rp.cal());
  q.mine = cli::private_view(ctx, rp, view);
  store s(rp);
  write_ledger_journal(run_query(s, q, [&](const diagnostic& d) { ctx.warn(d); }), ctx.out);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  cli::context ctx;
  ctx.program = "balance-ledger";
  auto app = cli::make_app(ctx.program,
                           "The give-and-take log: chores, invisible work, who chose, solo time, time together\n"
                           "and sacrifices, with each person's share next to what you agreed.");
  cli::add_common_options(*app, ctx.opts,
                          {format::text, format::json, format::toml, format::csv, format::tsv, format::ledger});
  app->require_subcommand(1);

  std::string kind, what, add_from;
  bool add_private = false, add_dry_run = false;
  cli::field_flags add_flags;
  auto* add_cmd = app->add_subcommand("add", "Log an entry: KIND WHAT");
  add_cmd->add_option("kind", kind, "chore, invisible, choice, solo, together or sacrifice")->type_name("KIND");
  add_cmd->add_option("what", what, "What was done or chosen")->type_name("WHAT");
  add_entry_fields(add_cmd, add_flags, false);
  add_cmd->add_flag("--private", add_private, "Keep it in your private store on this computer: never shared, only you see it");
  add_cmd->add_option("--from", add_from, "Import entries from FILE or - (TOML, JSON, CSV or TSV)")->type_name("FILE");
  add_cmd->add_flag("--dry-run", add_dry_run, "With --from: say what would be added, write nothing");

  cli::list_options list_opts;
  auto* list_cmd = app->add_subcommand("list", "List entries (the default command; default period: this-month)");
  cli::add_list_options(list_cmd, list_opts, true, true);

  std::string id;
  auto* show_cmd = app->add_subcommand("show", "Show one entry");
  show_cmd->add_option("id", id, "Its id (4 or more leading digits)")->required()->type_name("ID");

  cli::field_flags edit_flags;
  auto* edit_cmd = app->add_subcommand("edit", "Change an entry: with field flags, or in the editor");
  edit_cmd->add_option("id", id, "Its id (4 or more leading digits)")->required()->type_name("ID");
  add_entry_fields(edit_cmd, edit_flags, true);

  bool rm_dry_run = false;
  auto* rm_cmd = app->add_subcommand("rm", "Remove an entry");
  rm_cmd->add_option("id", id, "Its id (4 or more leading digits)")->required()->type_name("ID");
  rm_cmd->add_flag("--dry-run", rm_dry_run, "Say what would be removed, change nothing");

  std::string balance_period = "28d", by = "kind", measure = "weight";
  auto* balance_cmd = app->add_subcommand("balance", "Each person's share per kind, next to the agreed share");
  balance_cmd->add_option("--period,-p", balance_period, "The period (PERIOD; default 28d)")->type_name("PERIOD");
  balance_cmd->add_option("--by", by, "Group by kind, topic or tag (default kind)")->type_name("GROUP");
  balance_cmd->add_option("--measure", measure, "Count weight, minutes or count (default weight)")->type_name("MEASURE");
  cli::view_options balance_view;
  cli::add_view_options(balance_cmd, balance_view, "entries to the sums");

  std::string topic, turn_period;
  auto* turn_cmd = app->add_subcommand("turn", "Whose turn it is to choose TOPIC (prints the name)");
  turn_cmd->add_option("topic", topic, "dinner, weekend, movie…")->required()->type_name("TOPIC");
  turn_cmd->add_option("--period,-p", turn_period, fmt::format("Count the choices of PERIOD instead of the last {}", turn_window))->type_name("PERIOD");

  std::string export_period;
  auto* export_cmd = app->add_subcommand("export", "Write a ledger-cli/hledger journal (--format ledger)");
  export_cmd->add_option("--period,-p", export_period, "Only PERIOD (default: all)")->type_name("PERIOD");
  cli::view_options export_view;
  cli::add_view_options(export_cmd, export_view, "entries, each with a ; private comment");

  std::vector<std::string> args;
  try {
    args = cli::with_default_command(*app, cli::arguments(argc, argv), "list");
  } catch (const error& e) {
    cli::print_error(ctx.program, e);
    return exit_code(e.kind());
  }
  return cli::run(*app, ctx, args, [&]() -> int {
    if (add_cmd->parsed()) return add(ctx, kind, what, add_flags, add_private, add_from, add_dry_run);
    if (list_cmd->parsed()) return cli::run_list(ctx, record_type::entry, list_opts, "this-month");
    if (show_cmd->parsed()) return cli::run_show(ctx, record_type::entry, id);
    if (edit_cmd->parsed()) return cli::run_edit(ctx, record_type::entry, id, edit_flags);
    if (rm_cmd->parsed()) return cli::run_rm(ctx, record_type::entry, id, rm_dry_run);
    if (balance_cmd->parsed()) return show_balance(ctx, balance_period, by, measure, balance_view);
    if (turn_cmd->parsed()) return turn(ctx, topic, turn_period);
    if (export_cmd->parsed())
      return export_journal(ctx, export_period, app->get_option("--format")->count() > 0, export_view);
    return 64;
  });
}
