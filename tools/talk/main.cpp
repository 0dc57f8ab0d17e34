// balance-talk: the weekly conversation's records — agreements that get reviewed, appreciations
// and repairs. Every command is one call of balance/talk.hpp. The guided meeting itself (the bare
// command on a terminal) is still to come; until then a bare command prints a short usage.
#include <map>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/talk.hpp"
#include "cli.hpp"
#include "record_commands.hpp"

using namespace balance;
using balance::cli::context;

namespace {

const char* const usage =
    "usage: balance-talk COMMAND [OPTIONS]\n"
    "The guided weekly meeting is still to come. For now balance-talk keeps what\n"
    "a talk leaves behind:\n"
    "  agree TEXT        an agreement you will both try (reviewed biweekly)\n"
    "  agreements        the open agreements, and when each is up for review\n"
    "  review ID --kept | --partly | --not-yet\n"
    "  done ID, drop ID  close an agreement; its reviews stay\n"
    "  thank NAME TEXT   an appreciation\n"
    "  repair [TEXT]     a repair after a hard moment (--humour when a joke did it)\n"
    "Try `balance-talk --help` for every command.\n";

// The bare command: the meeting's place, hidden from --help until the meeting exists.
std::function<int(context&)> setup_meeting(CLI::App& cmd) {
  cmd.group("");
  return [](context& ctx) {
    ctx.err.write(usage);
    return exit_code(errc::usage);
  };
}

std::function<int(context&)> setup_agree(CLI::App& cmd) {
  auto o = std::make_shared<agreement_options>();
  cmd.add_option("text", o->text, "The agreement, worded as something you will both try")->type_name("TEXT");
  cmd.add_option("--review", o->review, "How often to look at it again (CADENCE; default biweekly)")->type_name("CADENCE");
  cmd.add_option("--tag", o->tags, "A tag ([a-z0-9_-]+); repeat for more")->type_name("T");
  cmd.add_option("--at", o->at, "When you agreed (WHEN; default now)")->type_name("WHEN");
  return [o](context& ctx) { return cli::write(ctx, [&](const store& s) { return add_agreement(s, *o); }); };
}

std::function<int(context&)> setup_add(CLI::App& cmd) {
  auto o = std::make_shared<cli::import_flags>();
  cli::add_import_flags(cmd, *o, "agreements, reviews, appreciations and repairs");
  cmd.get_option("--from")->required();
  return [o](context& ctx) {
    return *cli::import_instead(ctx, record_type::agreement, *o, false, "", false);
  };
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

std::function<int(context&)> setup_thank(CLI::App& cmd) {
  auto o = std::make_shared<appreciation_options>();
  cmd.add_option("name", o->for_whom, "Who you appreciate")->required()->type_name("NAME");
  cmd.add_option("text", o->text, "What you appreciated")->required()->type_name("TEXT");
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
                                                           {"reviews", record_type::review},
                                                           {"agreements", record_type::agreement}};
  struct flags {
    std::string what = "appreciations";
    cli::list_options list;
  };
  auto o = std::make_shared<flags>();
  cmd.add_option("what", o->what, "appreciations (the default), repairs, reviews or agreements")
      ->type_name("WHAT")
      ->check(CLI::IsMember({"appreciations", "repairs", "reviews", "agreements"}));
  cli::add_list_options(&cmd, o->list, false, false);
  return [o](context& ctx) { return cli::run_list(ctx, kinds.at(o->what), o->list, "all"); };
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

int main(int argc, char** argv) {
  const cli::tool t{"balance-talk",
                    "The weekly talk: agreements you both try and look at again, appreciations, and\n"
                    "repairs after a hard moment. (The guided meeting is still to come.)",
                    {format::text, format::json, format::toml, format::csv, format::tsv},
                    "meeting"};
  std::vector<cli::command> table = {
      {"meeting", "The guided meeting (still to come)", setup_meeting},
      {"agree", "Make an agreement: something you will both try", setup_agree},
      {"agreements", "List open agreements and when each is up for review", setup_agreements},
      {"review", "Note how an agreement went: --kept, --partly or --not-yet", setup_review},
      close_command("done", "done", "Mark an agreement done; its reviews stay"),
      close_command("drop", "dropped", "Drop an agreement; its reviews stay"),
      {"thank", "Appreciate someone: NAME TEXT", setup_thank},
      {"repair", "Note a repair after a hard moment", setup_repair},
      {"list", "List appreciations, repairs, reviews or agreements", setup_list},
      {"show", "Show one agreement, review, appreciation or repair", setup_show},
      {"edit", "Change one: with field flags, or in the editor", setup_edit},
      {"rm", "Remove one (an agreement with reviews only with --with-reviews)", setup_rm},
      {"add", "Import agreements, reviews, appreciations and repairs: --from FILE|-", setup_add},
  };
  return cli::run_commands(t, table, argc, argv);
}
