// balance-talk's appreciations, repairs and log of talks, and list, show, edit and rm for all
// five of its record types. Each command is one call of the library.
#include "talk.hpp"

#include <map>
#include <memory>

#include "balance/talk.hpp"

namespace balance::talk_cli {

using cli::context;

namespace {

std::function<int(context&)> setup_thank(CLI::App& cmd) {
  auto o = std::make_shared<appreciation_options>();
  cmd.add_option("name", o->for_whom, "Who you appreciate")->required()->type_name("NAME");
  // Not CLI11's required(): a missing TEXT gets the library's own words, naming the person.
  cmd.add_option("text", o->text, "What you appreciated")->type_name("TEXT");
  cmd.add_option("--tag", o->tags, "A tag ([a-z0-9_-]+); repeat for more")->type_name("T");
  cmd.add_option("--at", o->at, "When (WHEN; default now)")->type_name("WHEN");
  return [o](context& ctx) { return cli::write(ctx, [&](const store& s) { return add_appreciation(s, *o); }); };
}

std::function<int(context&)> setup_repair(CLI::App& cmd) {
  auto o = std::make_shared<repair_options>();
  cmd.add_option("text", o->text, "What helped: an apology, a joke, \"can we start over?\", a hug")->type_name("TEXT");
  cmd.add_flag("--humour,--humor", o->humour, "Humour did it");
  cmd.add_option("--note", o->note, "Anything else")->type_name("T");
  cmd.add_option("--at", o->at, "When (WHEN; default now)")->type_name("WHEN");
  return [o](context& ctx) { return cli::write(ctx, [&](const store& s) { return add_repair(s, *o); }); };
}

// `list [WHAT]`: one of the talk's record types, in every list format.
std::function<int(context&)> setup_list(CLI::App& cmd) {
  static const std::map<std::string, record_type> kinds = {{"appreciations", record_type::appreciation},
                                                           {"repairs", record_type::repair},
                                                           {"talks", record_type::talk},
                                                           {"reviews", record_type::review},
                                                           {"agreements", record_type::agreement}};
  struct flags {
    std::string what = "appreciations";
    cli::list_options list;
  };
  auto o = std::make_shared<flags>();
  cmd.add_option("what", o->what, "appreciations (the default), repairs, reviews, agreements or talks")
      ->type_name("WHAT")
      ->check(CLI::IsMember({"appreciations", "repairs", "reviews", "agreements", "talks"}));
  cli::add_list_options(&cmd, o->list, false, false);
  return [o](context& ctx) { return cli::run_list(ctx, kinds.at(o->what), o->list, "all"); };
}

// `log [--period P]`: past talks with how long each person spoke.
std::function<int(context&)> setup_log(CLI::App& cmd) {
  auto span = std::make_shared<std::string>("all");
  cmd.add_option("--period,-p", *span, "The period (PERIOD; default all)")->type_name("PERIOD");
  return [span](context& ctx) {
    repo rp = ctx.open_repo();
    record_format f = ctx.records_format(cli::list_formats);
    period p = parse_period(*span, rp.cal());
    std::string where = p.is_all() ? "the repository" : p.label;
    if (auto none = write_talk_log(load_talks(store(rp), p), where, f, ctx.writer(rp), ctx.out); !none.empty())
      ctx.note(none);
    return 0;
  };
}

std::function<int(context&)> setup_show(CLI::App& cmd) {
  auto id = cli::add_id(cmd);
  return [id](context& ctx) {
    record_type type = talk_record_type(store(ctx.open_repo()), *id);
    return cli::run_show(ctx, type, *id);
  };
}

std::function<int(context&)> setup_edit(CLI::App& cmd) {
  auto id = cli::add_id(cmd);
  auto flags = std::make_shared<cli::field_flags>();
  flags->add(&cmd, {{"text", "The words (an agreement, appreciation or repair)"},
                    {"review", "An agreement's review cadence (CADENCE)"},
                    {"status", "An agreement's status: open, done or dropped"},
                    {"closed", "When a done or dropped agreement closed (a date-time with offset; empty: not closed)"},
                    {"outcome", "A review's outcome: kept, partly or not-yet"},
                    {"humour", "A repair's humour: true or false"},
                    {"with", "A talk's people present (names, space-separated)"},
                    {"minutes", "A talk's minutes spoken per person: \"alex=6.5 sam=5\""},
                    {"topic", "A talk's one issue"},
                    {"sign", "The sign a talk's issue came from (one-sided, uneven-load, ...)"},
                    {"agreement", "The agreement a talk made (its id; empty: none)"},
                    {"appreciations", "How many appreciations a talk had"},
                    {"note", "Anything else"}});
  flags->add_tags(&cmd);
  flags->add_at(&cmd, "When it happened (WHEN)");
  return [id, flags](context& ctx) {
    record_type type = talk_record_type(store(ctx.open_repo()), *id);
    return cli::run_edit(ctx, type, *id, *flags);
  };
}

std::function<int(context&)> setup_rm(CLI::App& cmd) {
  auto id = cli::add_id(cmd);
  auto o = std::make_shared<std::pair<bool, bool>>();  // --with-reviews, --dry-run
  cmd.add_flag("--with-reviews", o->first, "With an agreement: remove its reviews too");
  cmd.add_flag("--dry-run", o->second, "Say what would be removed, change nothing");
  return [id, o](context& ctx) {
    return cli::write(ctx, [&](const store& s) { return remove_talk_record(s, *id, o->first, o->second); });
  };
}

}  // namespace

std::vector<cli::command> record_commands() {
  return {
      {"thank", "Appreciate someone: NAME TEXT", setup_thank},
      {"repair", "Note a repair after a hard moment", setup_repair},
      {"log", "Past talks: who was there, how long each spoke, the topic", setup_log},
      {"list", "List appreciations, repairs, reviews, agreements or talks", setup_list},
      {"show", "Show one agreement, review, appreciation, repair or talk", setup_show},
      {"edit", "Change one: with field flags, or in the editor", setup_edit},
      {"rm", "Remove one (an agreement with reviews only with --with-reviews)", setup_rm},
  };
}

}  // namespace balance::talk_cli
