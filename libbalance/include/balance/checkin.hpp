// Check-ins: the regular "how are we doing?". This is what the check-in command needs beyond
// the generic record machinery: the I-statement tip (a gentle suggestion when words read as
// criticism, never a verdict and never on a private check-in), the interactive interview, the
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

// Whether words read as criticism or contempt of the partner rather than as one's own experience
// (TONE.md §4), anywhere in the text: "you" with always/never ("I feel like you never listen"),
// "you're so …" or "you are such a …" with a harsh word, character labels ("you're lazy"),
// "your fault", "why can't you", "sick of you", "typical", "what's wrong with you", and a few
// dismissals ("whatever", "grow up"). It reads past case, extra spaces and punctuation, curly
// quotes, texting forms ("u", "ur", "youre", "dont") and stretched letters ("sooo"). Warm
// sentences stay quiet: "you always make me laugh", "you're so kind", "you never let me down".
// A heuristic over word lists: it will miss some sarcasm and anything said about "he" or a name.
bool reads_as_criticism(std::string_view text);

// The tip for words that read as criticism: a suggestion of the "I feel … when …" form that says
// the words are saved as written. nullopt when the text reads fine.
std::optional<std::string> i_statement_hint(std::string_view text);

// The tip for a check-in about to be saved: at most one, when its `feeling` or its `need` reads as
// criticism. nullopt for a private check-in, which only its author sees.
std::optional<std::string> checkin_hint(const record& r);

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
