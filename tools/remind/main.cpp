// balance-remind: everything that is due now, one line each, for cron. Exit 0 with lines, exit 1
// and silence when nothing is due, so `balance-remind | mail -E -s balance me` just works.
#include <fmt/format.h>

#include "balance/checkin.hpp"
#include "balance/remind.hpp"
#include "balance/store.hpp"
#include "cli.hpp"

using namespace balance;

int main(int argc, char** argv) {
  cli::context ctx;
  ctx.program = "balance-remind";
  auto app = cli::make_app(ctx.program,
                           "Everything that is due now: check-ins, boundary reviews, solo time, and whose turn it\n"
                           "is to choose. One line per item; exit 1 and silence when nothing is due.");
  cli::add_common_options(*app, ctx.opts, {format::text, format::json});
  std::string who;
  bool all = false;
  app->add_option("--who", who, "Only what is due for NAME (default: me)")->type_name("NAME");
  app->add_flag("--all", all, "What is due for everyone");

  return cli::run(*app, ctx, cli::arguments(argc, argv), [&]() -> int {
    repo rp = ctx.open_repo();
    format f = ctx.output_format({format::text, format::json});
    auto people = people_for(rp, who, all);
    store s(rp);
    auto items = due_reminders(s, people);
    // JSON always prints its object (an empty list when nothing is due); text stays silent.
    if (f == format::json)
      write_reminders_json(items, ctx.out);
    else
      write_reminders_text(items, ctx.out);
    return items.empty() ? 1 : 0;
  });
}
