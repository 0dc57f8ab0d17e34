// balance-talk's agreements: something both will try, looked at again on a cadence, then done
// or dropped. Each command is one call of balance/talk.hpp.
#include "talk.hpp"

#include <memory>

#include "balance/error.hpp"
#include "balance/talk.hpp"
#include "balance/talk_plan.hpp"

namespace balance::talk_cli {

using cli::context;

namespace {

std::function<int(context&)> setup_agree(CLI::App& cmd) {
  auto o = std::make_shared<agreement_options>();
  cmd.add_option("text", o->text, "The agreement, worded as something you will both try")->type_name("TEXT");
  cmd.add_option("--review", o->review, "How often to look at it again (CADENCE; default biweekly)")->type_name("CADENCE");
  cmd.add_option("--tag", o->tags, "A tag ([a-z0-9_-]+); repeat for more")->type_name("T");
  cmd.add_option("--at", o->at, "When you agreed (WHEN; default now)")->type_name("WHEN");
  return [o](context& ctx) { return cli::write(ctx, [&](const store& s) { return add_agreement(s, *o); }); };
}

std::function<int(context&)> setup_agreements(CLI::App& cmd) {
  auto all = std::make_shared<bool>(false);
  cmd.add_flag("--all", *all, "Done and dropped ones too");
  return [all](context& ctx) {
    repo rp = ctx.open_repo();
    record_format f = ctx.records_format(cli::list_formats);
    store s(rp);
    if (auto none = write_agreement_list(load_agreements(s, *all), *all, f, ctx.writer(rp), rp.cal(), ctx.out);
        !none.empty())
      ctx.note(none);
    return 0;
  };
}

std::function<int(context&)> setup_review(CLI::App& cmd) {
  struct flags {
    review_options review;
    std::vector<std::string> outcomes;  // one per outcome flag given
  };
  auto o = std::make_shared<flags>();
  cmd.add_option("id", o->review.agreement, "The agreement's id")->required()->type_name("ID");
  for (const auto& outcome : review_outcomes()) {
    std::string help = outcome == "kept"     ? "How it went (exactly one of three): we did it"
                       : outcome == "partly" ? "Some of the time"
                                             : "Not yet: worth another try, or a change";
    cmd.add_flag_callback("--" + outcome, [o, outcome] { o->outcomes.push_back(outcome); }, help);
  }
  cmd.add_option("--note", o->review.note, "A few words about how it went")->type_name("T");
  cmd.add_option("--at", o->review.at, "When you looked at it (WHEN; default now)")->type_name("WHEN");
  return [o](context& ctx) {
    if (o->outcomes.size() != 1)
      throw_usage("review takes how it went, exactly one of --kept, --partly or --not-yet");
    o->review.outcome = o->outcomes.front();
    return cli::write(ctx, [&](const store& s) { return review_agreement(s, o->review); });
  };
}

cli::command close_command(const char* name, const char* status, const char* summary) {
  return {name, summary, [=](CLI::App& cmd) {
            auto id = cli::add_id(cmd);
            return [=](context& ctx) {
              return cli::write(ctx, [&](const store& s) { return close_agreement(s, *id, status); });
            };
          }};
}

// `plan`: the next talk's agenda from the shared report, for cron and mail.
std::function<int(context&)> setup_plan(CLI::App& cmd) {
  auto o = std::make_shared<std::string>("28d");
  cmd.add_option("--period,-p", *o, "The period it looks back on (PERIOD; default 28d, as the report)")->type_name("PERIOD");
  return [o](context& ctx) {
    repo rp = ctx.open_repo();
    format f = ctx.output_format({format::text, format::markdown, format::json});
    store s(rp);
    auto plan = build_talk_plan(s, parse_period(*o, rp.cal()), [&](const diagnostic& d) { ctx.warn(d); });
    write_talk_plan(plan, f, ctx.out, ctx.out_style(rp.user()));
    return 0;
  };
}

}  // namespace

std::vector<cli::command> agreement_commands() {
  return {
      {"agree", "Make an agreement: something you will both try", setup_agree},
      {"agreements", "List open agreements and when each is up for review", setup_agreements},
      {"review", "Note how an agreement went: --kept, --partly or --not-yet", setup_review},
      close_command("done", "done", "Mark an agreement done; its reviews stay"),
      close_command("drop", "dropped", "Drop an agreement; its reviews stay"),
      {"plan", "The next talk's agenda: what went right, signs to choose from, reviews due", setup_plan},
  };
}

}  // namespace balance::talk_cli
