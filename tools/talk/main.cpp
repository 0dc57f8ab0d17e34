// balance-talk: the weekly conversation — the guided meeting (the bare command, on a terminal) and
// what a talk leaves behind: agreements that get reviewed, appreciations, repairs and the talks
// themselves. Every command is one call of balance/talk.hpp or balance/meeting.hpp; their rows
// are in meeting.cpp, agreements.cpp and records.cpp.
#include "talk.hpp"

using namespace balance;
using balance::cli::context;

namespace {

const char* const usage =
    "usage: balance-talk [--with NAME...] [--turn DURATION] [--review CADENCE]\n"
    "       balance-talk COMMAND [OPTIONS]\n"
    "The guided weekly meeting runs on a terminal (standard input and output).\n"
    "Without one, balance-talk keeps what a talk leaves behind:\n"
    "  agree TEXT        an agreement you will both try (reviewed biweekly)\n"
    "  agreements        the open agreements, and when each is up for review\n"
    "  review ID --kept | --partly | --not-yet\n"
    "  done ID, drop ID  close an agreement; its reviews stay\n"
    "  thank NAME TEXT   an appreciation\n"
    "  repair [TEXT]     a repair after a hard moment (--humour when a joke did it)\n"
    "  log               past talks, and how long each of you spoke\n"
    "Try `balance-talk --help` for every command.\n";

std::function<int(context&)> setup_add(CLI::App& cmd) {
  auto o = std::make_shared<cli::import_flags>();
  cli::add_import_flags(cmd, *o, "agreements, reviews, appreciations, repairs and talks");
  cmd.get_option("--from")->required();
  return [o](context& ctx) {
    return *cli::import_instead(ctx, record_type::agreement, *o, false, "", false);
  };
}

}  // namespace

int main(int argc, char** argv) {
  const cli::tool t{"balance-talk",
                    "The weekly talk: a guided meeting on the terminal (the bare command), agreements\n"
                    "you both try and look at again, appreciations, and repairs after a hard moment.",
                    {format::text, format::json, format::toml, format::csv, format::tsv, format::markdown},
                    "meeting"};
  std::vector<cli::command> table = {
      {"meeting", "The guided meeting (the bare command; needs a terminal)",
       [](CLI::App& cmd) { return talk_cli::setup_meeting(cmd, usage); }}};
  for (auto& c : talk_cli::agreement_commands()) table.push_back(std::move(c));
  for (auto& c : talk_cli::record_commands()) table.push_back(std::move(c));
  table.push_back({"add", "Import agreements, reviews, appreciations, repairs and talks: --from FILE|-", setup_add});
  return cli::run_commands(t, table, argc, argv);
}
