// balance-checkin's rows that live in add.cpp, and the field flags `add` and `edit` share.
#pragma once

#include <functional>

#include "cli.hpp"
#include "record_commands.hpp"

namespace balance::checkin_cli {

// The flags that set a check-in's fields: one per default dimension, --rate, mood and words,
// tags, --at and --safe.
void add_checkin_fields(CLI::App& cmd, cli::field_flags& flags);

std::function<int(cli::context&)> setup_add(CLI::App& cmd);

}  // namespace balance::checkin_cli
