// I-statements: "I feel … when …" tells of one's own experience; "you never listen" makes the
// partner the problem. The check-in tip reads a sentence for criticism and contempt
// and, when it finds them, suggests the gentler form. It is a tip, never a verdict, and the words
// are always saved as written.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "balance/api.hpp"

namespace balance {

// Whether words read as criticism or contempt of the partner rather than as one's own experience,
// anywhere in the text: "you" with always/never ("I feel like you never listen"),
// "you're so …" or "you are such a …" with a harsh word, character labels ("you're lazy"),
// "your fault", "why can't you", "sick of you", "typical", "what's wrong with you", and a few
// dismissals ("whatever", "grow up"). It reads past case, extra spaces and punctuation, curly
// quotes, texting forms ("u", "ur", "youre", "dont") and stretched letters ("sooo"). Warm
// sentences stay quiet: "you always make me laugh", "you're so kind", "you never let me down".
// A heuristic over word lists: it will miss some sarcasm and anything said about "he" or a name.
BALANCE_API bool reads_as_criticism(std::string_view text);

// The tip for words that read as criticism: a suggestion of the "I feel … when …" form that says
// the words are saved as written. nullopt when the text reads fine.
BALANCE_API std::optional<std::string> i_statement_hint(std::string_view text);

}  // namespace balance
