// balance-report: a calm text report over a period — what works first, then the dimensions,
// the give and take, choices, boundaries, and the signs of imbalance with their evidence.
#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/format.hpp"
#include "balance/import.hpp"
#include "balance/report.hpp"
#include "balance/store.hpp"
#include "cli.hpp"

using namespace balance;

int main(int argc, char** argv) {
  cli::context ctx;
  ctx.program = "balance-report";
  auto app = cli::make_app(ctx.program,
                           "A calm report over a period: what is working, each balance dimension, the give and\n"
                           "take, choices, boundaries, and the signs of imbalance with the evidence behind them.");
  cli::add_common_options(*app, ctx.opts, {format::text, format::markdown, format::json});
  std::string period_text, since, until, from;
  std::vector<std::string> sections;
  cli::view_options view;
  app->add_option("--period,-p", period_text, "The period (PERIOD; default 28d)")->type_name("PERIOD");
  app->add_option("--since", since, "From WHEN (instead of --period)")->type_name("WHEN");
  app->add_option("--until", until, "Until WHEN (instead of --period)")->type_name("WHEN");
  app->add_option("--section", sections,
                  "Only these sections: safety (--mine), header, working, checkins, give_and_take, choices, "
                  "boundaries, signs")
      ->type_name("S");
  cli::add_view_options(app.get(), view, "records, marked (private), and your safety note first");
  app->add_option("--from", from, "Report over records from FILE or - instead of the repository")->type_name("FILE");

  return cli::run(*app, ctx, cli::arguments(argc, argv), [&]() -> int {
    repo rp = ctx.open_repo();
    format f = ctx.output_format({format::text, format::markdown, format::json});
    auto chosen = parse_sections(sections);
    period span = select_period(period_text, since, until, "28d", rp.cal());
    report_view v = cli::private_view(ctx, rp, view) ? report_view::mine : report_view::shared;
    report r;
    if (!from.empty()) {
      // Records from a pipe: any mix of the four types, as the list commands print them.
      auto records = read_records_any(read_input(from), from == "-" ? "<stdin>" : from, rp.config());
      r = build_report_from(records, rp, span, v);
    } else {
      store s(rp);
      r = build_report(s, span, v, [&](const diagnostic& d) { ctx.warn(d); });
    }
    switch (f) {
      case format::json: write_report_json(r, chosen, ctx.out); break;
      case format::markdown: write_report_markdown(r, chosen, ctx.out); break;
      default: write_report_text(r, chosen, ctx.out, ctx.out_style(rp.user())); break;
    }
    return 0;
  });
}
