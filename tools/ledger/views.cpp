// balance-ledger: the views of the whole ledger — shares, whose turn, the journal export.
#include <fmt/format.h>

#include "balance/ledger.hpp"
#include "ledger.hpp"

namespace balance::ledger_cli {

using cli::context;

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

}  // namespace balance::ledger_cli
