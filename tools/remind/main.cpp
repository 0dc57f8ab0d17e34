// balance-remind: everything that is due now, one line each, for cron. Exit 0 with lines, exit 1
// and silence when nothing is due, so `balance-remind | mail -E -s balance me` just works.
#include "balance/checkin.hpp"
#include "balance/remind.hpp"
#include "balance/store.hpp"
#include "cli.hpp"

using namespace balance;

namespace {

std::function<int(cli::context&)> setup(CLI::App& app) {
  auto o = std::make_shared<std::pair<std::string, bool>>();  // --who, --all
  app.add_option("--who", o->first, "Only what is due for NAME (default: me)")->type_name("NAME");
  app.add_flag("--all", o->second, "What is due for everyone");
  return [o](cli::context& ctx) {
    repo rp = ctx.open_repo();
    format f = ctx.output_format({format::text, format::json});
    auto people = people_for(rp, o->first, o->second);
    store s(rp);
    auto items = due_reminders(s, people);
    // JSON always prints its object (an empty list when nothing is due); text stays silent.
    if (f == format::json)
      write_reminders_json(items, ctx.out);
    else
      write_reminders_text(items, ctx.out);
    return items.empty() ? 1 : 0;
  };
}

}  // namespace

int main(int argc, char** argv) {
  const cli::tool t{"balance-remind",
                    "Everything that is due now: check-ins, boundary and agreement reviews, solo time, and\n"
                    "whose turn it is to choose. One line per item; exit 1 and silence when nothing is due.",
                    {format::text, format::json},
                    ""};
  return cli::run_single(t, setup, argc, argv);
}
