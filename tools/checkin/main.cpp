// balance-checkin: the regular "how are we doing?" check-in. `add` is in add.cpp.
#include <fmt/format.h>

#include "balance/checkin.hpp"
#include "balance/error.hpp"
#include "checkin.hpp"

using namespace balance;
using balance::cli::context;

namespace balance::checkin_cli {

void add_checkin_fields(CLI::App& cmd, cli::field_flags& flags) {
  for (const auto& d : default_dimensions())
    flags.add(&cmd, d.key, fmt::format("Rate \"{}\" from 1 to 5", d.key), "--" + d.key);
  flags.add_rate(&cmd);
  flags.add(&cmd, {{"mood", "How you feel overall, 1 to 5"},
                   {"feeling", "An I-statement: \"I feel … when …\""},
                   {"need", "Something you need"},
                   {"thanks", "Something you appreciate"},
                   {"note", "Anything else"}});
  flags.add_tags(&cmd);
  flags.add_at(&cmd);
  flags.add(&cmd, "safe", "Private check-ins only: do you feel safe with your partner? 1 to 5");
}

}  // namespace balance::checkin_cli

namespace {

std::function<int(context&)> setup_edit(CLI::App& cmd) {
  auto id = cli::add_id(cmd);
  auto flags = std::make_shared<cli::field_flags>();
  checkin_cli::add_checkin_fields(cmd, *flags);
  return [id, flags](context& ctx) { return cli::run_edit(ctx, record_type::checkin, *id, *flags); };
}

std::function<int(context&)> setup_questions(CLI::App&) {
  return [](context& ctx) {
    repo rp = ctx.open_repo();
    write_questions(rp.config(), ctx.output_format({format::text, format::json}) == format::json, ctx.out);
    return 0;
  };
}

std::function<int(context&)> setup_forget(CLI::App& cmd) {
  struct flags {
    bool safety = false, all_private = false, dry_run = false;
  };
  auto o = std::make_shared<flags>();
  cmd.add_flag("--safety", o->safety, "Only the safety answers (and kept edit buffers)");
  cmd.add_flag("--all-private", o->all_private, "Every private check-in of yours (and kept edit buffers)");
  cmd.add_flag("--dry-run", o->dry_run, "Say what would be removed, change nothing");
  return [o](context& ctx) {
    ctx.text_only();
    if (o->safety == o->all_private)
      throw_usage("say what to forget: --safety (the safety answers of your private check-ins) or --all-private "
                  "(your private check-ins); both also remove kept edit buffers");
    return cli::write(ctx, [&](const store& s) {
      return forget_checkins(s, o->safety ? forget_scope::safety : forget_scope::all_private, o->dry_run);
    });
  };
}

std::function<int(context&)> setup_due(CLI::App& cmd) {
  auto o = std::make_shared<std::pair<std::string, bool>>();  // --who, --all
  cmd.add_option("--who", o->first, "Only NAME (default: me)")->type_name("NAME");
  cmd.add_flag("--all", o->second, "Everyone");
  return [o](context& ctx) {
    repo rp = ctx.open_repo();
    auto people = people_for(rp, o->first, o->second);
    bool json = ctx.output_format({format::text, format::json}) == format::json;
    store s(rp);
    // My own question (not --all) may count my private check-ins; a list of everyone rests on
    // shared ones only.
    auto due = checkins_due(s, people, !o->second && rp.knows_me() && people.front() == rp.me());
    write_checkins_due(due, rp.config().checkin_cadence, json, ctx.out);
    return due.empty() ? 1 : 0;
  };
}

}  // namespace

int main(int argc, char** argv) {
  const cli::tool t{"balance-checkin",
                    "A regular \"how are we doing?\": rate the five balance dimensions from 1 to 5,\n"
                    "say how you feel, what you need and what you appreciate.",
                    {format::text, format::json, format::toml, format::csv, format::tsv},
                    "add"};
  std::vector<cli::command> table = {
      {"add", "Record a check-in (the default command)", checkin_cli::setup_add},
      cli::list_command(record_type::checkin, "List check-ins (default: all of them)", "all", false, false),
      cli::show_command(record_type::checkin, "Show one check-in"),
      {"edit", "Change a check-in: with field flags, or in the editor", setup_edit},
      cli::rm_command(record_type::checkin, "Remove a check-in"),
      {"questions", "The questions this repository asks", setup_questions},
      {"forget", "Remove your private check-ins, or only their safety answers", setup_forget},
      {"due", "Whose check-in is due (exit 0 with lines, 1 and silence when none)", setup_due},
  };
  return cli::run_commands(t, table, argc, argv);
}
