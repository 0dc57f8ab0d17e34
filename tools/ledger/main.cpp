// balance-ledger: the give-and-take log — chores, invisible work, who chose, solo time, time
// together, sacrifices — with shares next to the agreed targets and whose turn it is.
#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/ledger.hpp"
#include "balance/talk.hpp"
#include "balance/text.hpp"
#include "ledger.hpp"

using namespace balance;
using balance::cli::context;

namespace {

// Flags that set an entry's fields, shared by `add` and `edit` (`edit` also changes kind/what).
void add_entry_fields(CLI::App& cmd, cli::field_flags& flags, bool editing) {
  flags.add(&cmd, "who", editing ? "Who did it" : "Who did it (default: me)");
  if (editing)
    flags.add(&cmd, {{"kind", "chore, invisible, choice, solo, together or sacrifice"}, {"what", "What was done or chosen"}});
  flags.add(&cmd, {{"topic", "What was chosen about: dinner, weekend, movie… (required for choice)"},
                   {"weight", "How much it counts (a positive number; default 1)"},
                   {"minutes", "How long it took"},
                   {"for", "Who it was for"}});
  flags.add_tags(&cmd);
  flags.add(&cmd, "note", "Anything else");
  flags.add_at(&cmd, editing ? "When it happened (WHEN)" : "When it happened (WHEN; default now)");
}

std::function<int(context&)> setup_add(CLI::App& cmd) {
  struct flags {
    std::string kind, what;
    cli::field_flags fields;
    bool is_private = false;
    cli::import_flags import;
  };
  auto o = std::make_shared<flags>();
  cmd.add_option("kind", o->kind, "chore, invisible, choice, solo, together or sacrifice")->type_name("KIND");
  cmd.add_option("what", o->what, "What was done or chosen")->type_name("WHAT");
  add_entry_fields(cmd, o->fields, false);
  cmd.add_flag("--private", o->is_private, "Keep it in your private store on this computer: never shared, only you see it");
  cli::add_import_flags(cmd, o->import, "entries");
  return [o](context& ctx) {
    if (auto imported = cli::import_instead(ctx, record_type::entry, o->import, !o->kind.empty() || o->fields.any(),
                                            "--from reads whole entries; it cannot be combined with KIND, WHAT or field flags",
                                            o->is_private))
      return *imported;
    if (o->kind.empty() || o->what.empty())
      throw_usage("add needs KIND and WHAT, e.g. balance-ledger add chore \"dishes\" or balance-ledger add choice \"Thai\" --topic dinner");
    return cli::write(ctx, [&](const store& s) {
      record r = new_entry(s.repository());
      r.is_private = o->is_private;
      r.kind = o->kind;
      r.what = o->what;
      o->fields.apply(r, s.repository());
      return add_entry(s, std::move(r));
    });
  };
}

// `thank ID [TEXT]`: an appreciation for whoever did the entry.
std::function<int(context&)> setup_thank(CLI::App& cmd) {
  struct flags {
    std::string id, text, at;
  };
  auto o = std::make_shared<flags>();
  cmd.add_option("id", o->id, "The entry's id (4 or more leading digits)")->required()->type_name("ID");
  cmd.add_option("text", o->text, "What you appreciated (default: the entry's words)")->type_name("TEXT");
  cmd.add_option("--at", o->at, "When (WHEN; default now)")->type_name("WHEN");
  return [o](context& ctx) { return cli::write(ctx, [&](const store& s) { return thank_entry(s, o->id, o->text, o->at); }); };
}

}  // namespace

int main(int argc, char** argv) {
  const cli::tool t{"balance-ledger",
                    "The give-and-take log: chores, invisible work, who chose, solo time, time together\n"
                    "and sacrifices, with each person's share next to what you agreed.",
                    {format::text, format::json, format::toml, format::csv, format::tsv, format::ledger},
                    "list"};
  std::vector<cli::command> table = {
      {"add", "Log an entry: KIND WHAT", setup_add},
      cli::list_command(record_type::entry, "List entries (the default command; default period: this-month)", "this-month",
                        true, true),
      cli::show_command(record_type::entry, "Show one entry"),
      cli::edit_command(record_type::entry, "Change an entry: with field flags, or in the editor",
                        [](CLI::App& cmd, cli::field_flags& f) { add_entry_fields(cmd, f, true); }),
      cli::rm_command(record_type::entry, "Remove an entry"),
      {"balance", "Each person's share per kind, next to the agreed share", ledger_cli::setup_balance},
      {"turn", "Whose turn it is to choose TOPIC (prints the name)", ledger_cli::setup_turn},
      {"export", "Write a ledger-cli/hledger journal (--format ledger)", ledger_cli::setup_export},
      {"thank", "Thank whoever did entry ID (an appreciation pointing at it)", setup_thank},
  };
  return cli::run_commands(t, table, argc, argv);
}
