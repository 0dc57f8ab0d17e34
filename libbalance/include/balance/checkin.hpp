// Check-ins: the regular "how are we doing?". This is what the check-in command needs beyond
// the generic record machinery: the gentle I-statement hint, the interactive interview, the
// editor template, and who is due.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/output.hpp"
#include "balance/record.hpp"
#include "balance/settings.hpp"
#include "balance/store.hpp"

namespace balance {

// A feeling that opens with blame ("you never …", "you always …", "you make me …") gets a gentle
// suggestion of the "I feel … when …" form. nullopt when the feeling reads fine.
std::optional<std::string> i_statement_hint(std::string_view feeling);

// Asks each configured question in turn (Enter skips; a bad answer is asked again with the
// reason), then mood and the text fields. `read_line` returns nullopt at end of input, which
// abandons the interview (nullopt result). Prompts go to `out`.
// With `ask_safe` (a private check-in) it also asks whether the person feels safe.
std::optional<record> interview(const settings& cfg, const std::function<std::optional<std::string>()>& read_line,
                                sink& out, bool ask_safe = false);

// The commented TOML template `add --edit` opens: the record's fields with the questions as
// comments; ratings not given are left commented out.
std::string checkin_template(const record& prefilled, const settings& cfg);

struct due_person {
  std::string who;
  std::optional<timestamp> last;  // their last check-in
};

// People whose check-in is due now by the repository's cadence (DESIGN §15), in balance.toml order.
std::vector<due_person> checkins_due(const store& s, const std::vector<std::string>& people);

}  // namespace balance
