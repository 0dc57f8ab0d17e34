// The rows of balance-talk's command table: meeting.cpp holds the guided meeting,
// agreements.cpp the agreement commands, records.cpp the appreciations, repairs, the talks' log
// and the commands shared by all five record types.
#pragma once

#include <vector>

#include "cli.hpp"
#include "record_commands.hpp"

namespace balance::talk_cli {

// The guided meeting (the bare command): on a terminal it runs the meeting; otherwise it prints
// `usage` and exits 64.
std::function<int(cli::context&)> setup_meeting(CLI::App& cmd, const char* usage);
// agree, agreements, review, done and drop.
std::vector<cli::command> agreement_commands();
// thank, repair, log, list, show, edit and rm.
std::vector<cli::command> record_commands();

}  // namespace balance::talk_cli
