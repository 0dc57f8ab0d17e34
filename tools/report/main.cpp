// balance-report: a calm report over a period (what works first, the dimensions, the give and take,
// choices, boundaries, signs) and `balance-report trend`, its numbers over time, a column a month.
#include <algorithm>

#include "balance/error.hpp"
#include "balance/import.hpp"
#include "balance/report.hpp"
#include "balance/store.hpp"
#include "balance/trend.hpp"
#include "cli.hpp"

using namespace balance;

namespace {

struct report_flags {
  std::string period, since, until, from, every = "month", what = "all", format;
  std::vector<std::string> sections;
  cli::view_options view;
};

void add_period_options(CLI::App* app, report_flags& o, const std::string& default_text) {
  app->add_option("--period,-p", o.period, "The period (PERIOD; default " + default_text + ")")->type_name("PERIOD");
  app->add_option("--since", o.since, "From WHEN (instead of --period)")->type_name("WHEN");
  app->add_option("--until", o.until, "Until WHEN (instead of --period)")->type_name("WHEN");
}

// `trend` shares the period and view flags with the report, so either place works for them.
std::function<int(cli::context&)> setup_trend(CLI::App& app, const std::shared_ptr<report_flags>& o) {
  CLI::App* cmd = app.add_subcommand("trend", "The same numbers over time: a column per week, month or quarter");
  cmd->add_option("--every", o->every, "One column per week, month (the default) or quarter")->type_name("UNIT");
  cmd->add_option("--what", o->what, "The rows: checkins, load, choices or all (the default)")->type_name("ROWS");
  add_period_options(cmd, *o, "the last 12 months, or weeks or quarters with --every");
  cli::add_view_options(cmd, o->view, "records");
  cmd->add_option("--format", o->format, "Output format: text, markdown, csv, tsv, json, html")->type_name("FMT");
  return [o](cli::context& ctx) {
    if (!o->sections.empty() || !o->from.empty()) throw_usage("--section and --from are for the report, not for trend");
    trend_step every = parse_trend_step(o->every);
    trend_rows what = parse_trend_rows(o->what);
    if (!o->format.empty()) ctx.opts.format = o->format;
    format f = ctx.output_format({format::text, format::markdown, format::csv, format::tsv, format::json, format::html});
    repo rp = ctx.open_repo();
    period span = trend_period(o->period, o->since, o->until, every, rp.cal());
    report_view v = cli::private_view(ctx, rp, o->view) ? report_view::mine : report_view::shared;
    store s(rp);
    write_trend(build_trend(s, span, every, what, v, [&](const diagnostic& d) { ctx.warn(d); }), f, ctx.out,
                ctx.out_style(rp.user()));
    return 0;
  };
}

std::function<int(cli::context&)> setup(CLI::App& app) {
  auto o = std::make_shared<report_flags>();
  add_period_options(&app, *o, "28d");
  app.add_option("--section", o->sections,
                 "Only these sections: safety (--mine), header, working, checkins, give_and_take, choices, "
                 "boundaries, agreements, signs")
      ->type_name("S");
  cli::add_view_options(&app, o->view, "records, marked (private), and your safety note first");
  app.add_option("--from", o->from, "Report over records from FILE or - instead of the repository")->type_name("FILE");
  auto trend = setup_trend(app, o);
  return [o, trend, &app](cli::context& ctx) {
    if (app.got_subcommand("trend")) return trend(ctx);
    repo rp = ctx.open_repo();
    format f = ctx.output_format({format::text, format::markdown, format::json, format::html});
    auto chosen = parse_sections(o->sections);
    period span = select_period(o->period, o->since, o->until, "28d", rp.cal());
    report_view v = cli::private_view(ctx, rp, o->view) ? report_view::mine : report_view::shared;
    // Said the same whatever anyone's private records hold: it is about the view, not the data.
    if (v == report_view::shared && std::find(chosen.begin(), chosen.end(), "safety") != chosen.end())
      ctx.note("the safety section is only in your own report: add --mine");
    report r;
    if (!o->from.empty()) {
      // Records from a pipe: any mix of the four types, as the list commands print them.
      auto records = read_records_any(read_input(o->from), o->from == "-" ? "<stdin>" : o->from, rp.config());
      r = build_report_from(records, rp, span, v);
    } else {
      store s(rp);
      r = build_report(s, span, v, [&](const diagnostic& d) { ctx.warn(d); });
    }
    write_report(r, chosen, f, ctx.out, ctx.out_style(rp.user()));
    return 0;
  };
}

}  // namespace

int main(int argc, char** argv) {
  const cli::tool t{"balance-report",
                    "A calm report over a period: what is working, each balance dimension, the give and\n"
                    "take, choices, boundaries, and the signs of imbalance with the evidence behind them.\n"
                    "`balance-report trend` shows the same numbers over time, a column per month.",
                    {format::text, format::markdown, format::json, format::html},
                    ""};
  return cli::run_single(t, setup, argc, argv);
}
