// The rows of balance-talk's command table: agreements.cpp holds the agreement commands,
// records.cpp the appreciations, repairs and the commands shared by all four record types.
#pragma once

#include <vector>

#include "cli.hpp"
#include "record_commands.hpp"

namespace balance::talk_cli {

// agree, agreements, review, done and drop.
std::vector<cli::command> agreement_commands();
// thank, repair, log, list, show, edit and rm.
std::vector<cli::command> record_commands();

}  // namespace balance::talk_cli
