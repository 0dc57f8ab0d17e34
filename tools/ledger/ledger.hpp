// balance-ledger's rows that live in views.cpp: the commands that read the ledger as a whole.
#pragma once

#include <functional>

#include "cli.hpp"
#include "record_commands.hpp"

namespace balance::ledger_cli {

// `balance`: each person's share per group next to the agreed share.
std::function<int(cli::context&)> setup_balance(CLI::App& cmd);
// `turn TOPIC`: whose turn it is to choose.
std::function<int(cli::context&)> setup_turn(CLI::App& cmd);
// `export`: a ledger-cli/hledger journal.
std::function<int(cli::context&)> setup_export(CLI::App& cmd);

}  // namespace balance::ledger_cli
