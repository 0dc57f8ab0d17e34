// balance-journal's command table: main.cpp holds the tool, pages.cpp the commands.
#pragma once

#include <vector>

#include "cli.hpp"
#include "record_commands.hpp"

namespace balance::journal_cli {

// add, list, show, edit, rm, on-this-day, prompt, prompts, export and import.
std::vector<cli::command> journal_commands();

}  // namespace balance::journal_cli
