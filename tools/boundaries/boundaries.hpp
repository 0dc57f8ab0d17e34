// The rows of balance-boundaries' command table that live in events.cpp: `add` (a boundary, or
// an import of boundaries and events) and the commands that note, list and review events.
#pragma once

#include <functional>
#include <vector>

#include "cli.hpp"
#include "record_commands.hpp"

namespace balance::boundaries_cli {

std::function<int(cli::context&)> setup_add(CLI::App& cmd);
// respected, crossed, review, gave-in, space, log and due.
std::vector<cli::command> event_commands();

}  // namespace balance::boundaries_cli
