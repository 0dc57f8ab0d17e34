// balance-ledger: the give-and-take log — chores, invisible work, who chose, solo time, time
// together, sacrifices — with shares next to the agreed targets and whose turn it is.
#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/ledger.hpp"
#include "balance/text.hpp"
#include "cli.hpp"
#include "record_commands.hpp"

using namespace balance;
using balance::cli::context;

namespace {

// Flags that set an entry's fields, shared by `add` and `edit` (`edit` also changes kind/what).
void add_entry_fields(CLI::App& cmd, cli::field_flags& flags, bool editing) {
  flags.add(&cmd, "who", editing ? "Who did it" : "Who did it (default: me)");
  if (editing)
    flags.add(&cmd, {{"kind", "chore, invisible, choice, solo, together or sacrifice"}, {"what", "What was done or chosen"}});
  flags.add(&cmd, {{"topic", "What was chosen about: dinner, weekend, movie… (required for choice)"},
                   {"weight", "How much it counts (a positive number; default 1)"},
                   {"minutes", "How long it took"},
                   {"for", "Who it was for"}});
  flags.add_tags(&cmd);
  flags.add(&cmd, "note", "Anything else");
  flags.add_at(&cmd, editing ? "When it happened (WHEN)" : "When it happened (WHEN; default now)");
}

std::function<int(context&)> setup_add(CLI::App& cmd) {
  struct flags {
    std::string kind, what;
    cli::field_flags fields;
    bool is_private = false;
    cli::import_flags import;
  };
  auto o = std::make_shared<flags>();
  cmd.add_option("kind", o->kind, "chore, invisible, choice, solo, together or sacrifice")->type_name("KIND");
  cmd.add_option("what", o->what, "What was done or chosen")->type_name("WHAT");
  add_entry_fields(cmd, o->fields, false);
  cmd.add_flag("--private", o->is_private, "Keep it in your private store on this computer: never shared, only you see it");
  cli::add_import_flags(cmd, o->import, "entries");
  return [o](context& ctx) {
    if (auto imported = cli::import_instead(ctx, record_type::entry, o->import, !o->kind.empty() || o->fields.any(),
                                            "--from reads whole entries; it cannot be combined with KIND, WHAT or field flags",
                                            o->is_private))
      return *imported;
    if (o->kind.empty() || o->what.empty())
      throw_usage("add needs KIND and WHAT, e.g. balance-ledger add chore \"dishes\" or balance-ledger add choice \"Thai\" --topic dinner");
    return cli::write(ctx, [&](const store& s) {
      record r = new_entry(s.repository());
      r.is_private = o->is_private;
      r.kind = o->kind;
      r.what = o->what;
      o->fields.apply(r, s.repository());
      return add_entry(s, std::move(r));
    });
  };
}

std::function<int(context&)> setup_balance(CLI::App& cmd) {
  struct flags {
    std::string period = "28d", by = "kind", measure = "weight";
    cli::view_options view;
  };
  auto o = std::make_shared<flags>();
  cmd.add_option("--period,-p", o->period, "The period (PERIOD; default 28d)")->type_name("PERIOD");
  cmd.add_option("--by", o->by, "Group by kind, topic or tag (default kind)")->type_name("GROUP");
  cmd.add_option("--measure", o->measure, "Count weight, minutes or count (default weight)")->type_name("MEASURE");
  cli::add_view_options(&cmd, o->view, "entries to the sums");
  return [o](context& ctx) {
    repo rp = ctx.open_repo();
    format f = ctx.output_format({format::text, format::json});
    period span = parse_period(o->period, rp.cal());
    bool mine = cli::private_view(ctx, rp, o->view);
    store s(rp);
    auto b = entry_balance(s, span, mine, o->by, o->measure, [&](const diagnostic& d) { ctx.warn(d); });
    if (f == format::json)
      write_balance_json(b, ctx.out);
    else
      write_balance_text(b, ctx.out, ctx.out_style(rp.user()));
    return 0;
  };
}

std::function<int(context&)> setup_turn(CLI::App& cmd) {
  auto o = std::make_shared<std::pair<std::string, std::string>>();  // topic, period
  cmd.add_option("topic", o->first, "dinner, weekend, movie…")->required()->type_name("TOPIC");
  cmd.add_option("--period,-p", o->second, fmt::format("Count the choices of PERIOD instead of the last {}", turn_window))
      ->type_name("PERIOD");
  return [o](context& ctx) {
    repo rp = ctx.open_repo();
    store s(rp);
    auto t = turn_of(s, o->first, o->second, [&](const diagnostic& d) { ctx.warn(d); });
    if (!t.anyone_chose)
      ctx.note(fmt::format("nobody has chosen {} yet{}; {} is first in balance.toml", o->first,
                           o->second.empty() ? "" : " in " + o->second, t.person));
    ctx.out.write(t.person + "\n");
    return 0;
  };
}

std::function<int(context&)> setup_export(CLI::App& cmd) {
  auto o = std::make_shared<std::pair<std::string, cli::view_options>>();
  cmd.add_option("--period,-p", o->first, "Only PERIOD (default: all)")->type_name("PERIOD");
  cli::add_view_options(&cmd, o->second, "entries, each with a ; private comment");
  return [o](context& ctx) {
    repo rp = ctx.open_repo();
    if (ctx.opts.format != "text") (void)ctx.output_format({format::ledger});
    period span = parse_period(o->first.empty() ? "all" : o->first, rp.cal());
    bool mine = cli::private_view(ctx, rp, o->second);
    store s(rp);
    export_journal(s, span, mine, [&](const diagnostic& d) { ctx.warn(d); }, ctx.out);
    return 0;
  };
}

}  // namespace

int main(int argc, char** argv) {
  const cli::tool t{"balance-ledger",
                    "The give-and-take log: chores, invisible work, who chose, solo time, time together\n"
                    "and sacrifices, with each person's share next to what you agreed.",
                    {format::text, format::json, format::toml, format::csv, format::tsv, format::ledger},
                    "list"};
  std::vector<cli::command> table = {
      {"add", "Log an entry: KIND WHAT", setup_add},
      cli::list_command(record_type::entry, "List entries (the default command; default period: this-month)", "this-month",
                        true, true),
      cli::show_command(record_type::entry, "Show one entry"),
      cli::edit_command(record_type::entry, "Change an entry: with field flags, or in the editor",
                        [](CLI::App& cmd, cli::field_flags& f) { add_entry_fields(cmd, f, true); }),
      cli::rm_command(record_type::entry, "Remove an entry"),
      {"balance", "Each person's share per kind, next to the agreed share", setup_balance},
      {"turn", "Whose turn it is to choose TOPIC (prints the name)", setup_turn},
      {"export", "Write a ledger-cli/hledger journal (--format ledger)", setup_export},
  };
  return cli::run_commands(t, table, argc, argv);
}
