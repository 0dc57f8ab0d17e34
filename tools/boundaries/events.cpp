// balance-boundaries: `add`, and the commands for what happened to a boundary.
#include "boundaries.hpp"

#include <memory>

#include "balance/boundaries.hpp"
#include "balance/error.hpp"

namespace balance::boundaries_cli {

namespace {

const char* const private_help = "Keep it in your private store on this computer: never shared, only you see it";

struct add_flags {
  boundary_options boundary;
  cli::import_flags import;
};

// The options every event command has; `who_help` empty: no --who (a review is always mine).
// `required_who`: --by first, since whose act it was is never guessed (crossed).
void add_event_flags(CLI::App& cmd, event_options& o, const std::string& who_help, bool required_who = false) {
  if (!who_help.empty())
    // Not CLI11's required(): a missing --by gets the library's own message.
    cmd.add_option(required_who ? "--by,--who" : "--who,--by", o.who, who_help)->type_name("NAME");
  cmd.add_option("--note", o.note, "A few words about it")->type_name("T");
  cmd.add_option("--at", o.at, "When it happened (WHEN; default now)")->type_name("WHEN");
  cmd.add_flag("--private", o.is_private, private_help);
}

std::function<int(cli::context&)> event_body(std::shared_ptr<event_options> o) {
  return [o](cli::context& ctx) { return cli::write(ctx, [&](const store& s) { return add_event(s, *o); }); };
}

// respected, crossed and review: an event of one boundary.
cli::command boundary_event(const char* name, const char* kind, const char* summary, const std::string& who_help,
                            bool required_who = false) {
  return {name, summary, [=](CLI::App& cmd) {
            auto o = std::make_shared<event_options>();
            o->kind = kind;
            cmd.add_option("id", o->boundary, "The boundary's id")->required()->type_name("ID");
            add_event_flags(cmd, *o, who_help, required_who);
            return event_body(o);
          }};
}

std::function<int(cli::context&)> setup_gave_in(CLI::App& cmd) {
  auto o = std::make_shared<event_options>();
  o->kind = "gave-in";
  cmd.add_option("text", o->text, "What happened")->required()->type_name("TEXT");
  add_event_flags(cmd, *o, "Who gave in (default: me)");
  return event_body(o);
}

std::function<int(cli::context&)> setup_space(CLI::App& cmd) {
  auto o = std::make_shared<event_options>();
  o->kind = "space";
  cmd.add_option("text", o->text, "What for (optional)")->type_name("TEXT");
  cmd.add_option("--for", o->duration, "For how long (DURATION: 30m, 2h, 1d)")->type_name("DURATION");
  add_event_flags(cmd, *o, "Who asked for space (default: me)");
  return event_body(o);
}

std::function<int(cli::context&)> setup_log(CLI::App& cmd) {
  auto o = std::make_shared<cli::list_options>();
  cli::add_list_options(&cmd, *o, true, false, false);
  return [o](cli::context& ctx) { return cli::run_list(ctx, record_type::event, *o, "all"); };
}

std::function<int(cli::context&)> setup_due(CLI::App& cmd) {
  auto who = std::make_shared<std::string>();
  cmd.add_option("--who", *who, "Only NAME's boundaries (default: everyone's)")->type_name("NAME");
  return [who](cli::context& ctx) {
    repo rp = ctx.open_repo();
    format f = ctx.output_format({format::text, format::json});
    std::optional<std::string> owner;
    if (!who->empty()) owner = rp.person(*who, "--who");
    store s(rp);
    auto due = reviews_due(s, owner);
    write_reviews_due(due, rp.config(), rp.cal(), f == format::json, ctx.out);
    return due.empty() ? 1 : 0;
  };
}

}  // namespace

std::function<int(cli::context&)> setup_add(CLI::App& cmd) {
  auto o = std::make_shared<add_flags>();
  cmd.add_option("text", o->boundary.text, "The boundary, in the owner's words")->type_name("TEXT");
  cmd.add_option("--who", o->boundary.who, "Whose boundary it is (default: me)")->type_name("OWNER");
  cmd.add_option("--review", o->boundary.review, "How often to review it (CADENCE; default from balance.toml)")
      ->type_name("CADENCE");
  cmd.add_option("--tag", o->boundary.tags, "A tag; repeat for more")->type_name("T");
  cmd.add_option("--at", o->boundary.at, "When it was set (WHEN; default now)")->type_name("WHEN");
  cmd.add_flag("--private", o->boundary.is_private, private_help);
  cli::add_import_flags(cmd, o->import, "boundaries and their events");
  return [o](cli::context& ctx) {
    if (auto imported = cli::import_instead(ctx, record_type::boundary, o->import, !o->boundary.text.empty(),
                                            "--from reads whole boundaries; it cannot be combined with TEXT",
                                            o->boundary.is_private))
      return *imported;
    return cli::write(ctx, [&](const store& s) { return add_boundary(s, o->boundary); });
  };
}

std::vector<cli::command> event_commands() {
  return {
      boundary_event("respected", "respected", "Note that a boundary was respected",
                     "Who respected it (default: the other person, with two people)"),
      boundary_event("crossed", "crossed", "Note that a boundary was crossed", "Whose act it was (required: never guessed)",
                     true),
      boundary_event("review", "reviewed", "Note that a boundary was reviewed (restarts its review clock)", ""),
      {"gave-in", "Note a time you said yes when you meant no", setup_gave_in},
      {"space", "Note that you asked for space", setup_space},
      {"log", "List the events (default: all of them)", setup_log},
      {"due", "Boundaries whose review is due (exit 0 with lines, 1 and silence when none)", setup_due},
  };
}

}  // namespace balance::boundaries_cli
