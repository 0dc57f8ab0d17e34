// balance-talk: the weekly conversation's records — agreements that get reviewed, appreciations
// and repairs. Every command is one call of balance/talk.hpp; their rows are in agreements.cpp
// and records.cpp. The guided meeting itself (the bare command on a terminal) is still to come;
// until then a bare command prints a short usage.
#include "balance/error.hpp"
#include "talk.hpp"

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

std::function<int(context&)> setup_add(CLI::App& cmd) {
  auto o = std::make_shared<cli::import_flags>();
  cli::add_import_flags(cmd, *o, "agreements, reviews, appreciations and repairs");
  cmd.get_option("--from")->required();
  return [o](context& ctx) {
    return *cli::import_instead(ctx, record_type::agreement, *o, false, "", false);
  };
}

}  // namespace

int main(int argc, char** argv) {
  const cli::tool t{"balance-talk",
                    "The weekly talk: agreements you both try and look at again, appreciations, and\n"
                    "repairs after a hard moment. (The guided meeting is still to come.)",
                    {format::text, format::json, format::toml, format::csv, format::tsv, format::markdown},
                    "meeting"};
  std::vector<cli::command> table = {{"meeting", "The guided meeting (still to come)", setup_meeting}};
  for (auto& c : talk_cli::agreement_commands()) table.push_back(std::move(c));
  for (auto& c : talk_cli::record_commands()) table.push_back(std::move(c));
  table.push_back({"add", "Import agreements, reviews, appreciations and repairs: --from FILE|-", setup_add});
  return cli::run_commands(t, table, argc, argv);
}
