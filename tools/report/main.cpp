// balance-report: a calm text report over a period — what works first, then the dimensions,
// the give and take, choices, boundaries, and the signs of imbalance with their evidence.
#include <algorithm>

#include "balance/error.hpp"
#include "balance/import.hpp"
#include "balance/report.hpp"
#include "balance/store.hpp"
#include "cli.hpp"

using namespace balance;

namespace {

struct report_flags {
  std::string period, since, until, from;
  std::vector<std::string> sections;
  cli::view_options view;
};

std::function<int(cli::context&)> setup(CLI::App& app) {
  auto o = std::make_shared<report_flags>();
  app.add_option("--period,-p", o->period, "The period (PERIOD; default 28d)")->type_name("PERIOD");
  app.add_option("--since", o->since, "From WHEN (instead of --period)")->type_name("WHEN");
  app.add_option("--until", o->until, "Until WHEN (instead of --period)")->type_name("WHEN");
  app.add_option("--section", o->sections,
                 "Only these sections: safety (--mine), header, working, checkins, give_and_take, choices, "
                 "boundaries, agreements, signs")
      ->type_name("S");
  cli::add_view_options(&app, o->view, "records, marked (private), and your safety note first");
  app.add_option("--from", o->from, "Report over records from FILE or - instead of the repository")->type_name("FILE");
  return [o](cli::context& ctx) {
    repo rp = ctx.open_repo();
    format f = ctx.output_format({format::text, format::markdown, format::json});
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
                    "take, choices, boundaries, and the signs of imbalance with the evidence behind them.",
                    {format::text, format::markdown, format::json},
                    ""};
  return cli::run_single(t, setup, argc, argv);
}
