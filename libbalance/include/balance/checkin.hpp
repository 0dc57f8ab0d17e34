// Check-ins: the regular "how are we doing?". This is what the check-in command needs beyond
// the generic record machinery: the I-statement tip (a gentle suggestion when words read as
// criticism, never a verdict and never on a private check-in), the interactive interview, the
// editor template, and who is due.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"
#include "balance/cadence.hpp"
#include "balance/i_statement.hpp"
#include "balance/output.hpp"
#include "balance/record.hpp"
#include "balance/settings.hpp"
#include "balance/store.hpp"

namespace balance {

// The tip for a check-in about to be saved: at most one, when its `feeling` or its `need` reads as
// criticism. nullopt for a private check-in, which only its author sees.
BALANCE_API std::optional<std::string> checkin_hint(const record& r);

// Asks each configured question in turn (Enter skips; a bad answer is asked again with the
// reason), then mood and the text fields. `read_line` returns nullopt at end of input, which
// abandons the interview (nullopt result). Prompts go to `out`.
// With `ask_safe` (a private check-in) it first asks whether the person feels safe, reading the
// answer with `read_secret` (no echo) when given. An answer of 2 or lower stops the interview at
// once: the record holds what was given so far and nothing more is asked (the caller shows the
// safety note and offers to save).
BALANCE_API std::optional<record> interview(const settings& cfg,
                                            const std::function<std::optional<std::string>()>& read_line, sink& out,
                                            bool ask_safe = false,
                                            const std::function<std::optional<std::string>()>& read_secret = {});

// A `safe` answer that gets the safety note at once.
inline bool is_unsafe_answer(const record& r) { return r.is_private && r.safe && *r.safe <= 2; }

// The commented TOML template `add --edit` opens: the record's fields with the questions as
// comments; ratings not given are left commented out.
BALANCE_API std::string checkin_template(const record& prefilled, const settings& cfg);

struct due_person {
  std::string who;
  std::optional<timestamp> last;  // their last check-in
};

// What `balance-checkin forget` removes: my private check-ins, or only their safety answers, and
// in both cases every kept edit buffer (they may hold answers that were never saved).
enum class forget_scope { safety, all_private };

struct forget_result {
  std::size_t checkins = 0;                   // check-ins removed, or whose `safe` was removed
  std::vector<std::filesystem::path> buffers; // kept edit buffers removed
  std::vector<std::string> written;           // files changed
};

// Forgets in the private store of this computer's own person (error{usage} for anyone else,
// e.g. with --as). With `dry_run` only counts. Writes go through one batch under the lock.
BALANCE_API forget_result forget_private(const store& s, forget_scope scope, bool dry_run);

// People whose check-in is due now by the repository's cadence, in balance.toml order. With
// `own_private`, the private owner's own private check-ins count for their own line (a list only
// they see); otherwise only shared check-ins count, so the answer never depends on private records.
BALANCE_API std::vector<due_person> checkins_due(const store& s, const std::vector<std::string>& people,
                                                 bool own_private);

// The commands, one call each.

// A new check-in as `balance-checkin add` starts it: mine, now. A private one can only be made
// by this computer's own person (checked before anything is asked).
BALANCE_API record new_checkin(const repo& rp, bool is_private);
// Saves a check-in: checked as flags are (error{usage} naming the flag), with the gentle hint
// about blaming words (checkin_hint) as a note of the outcome.
BALANCE_API outcome add_checkin(const store& s, record checkin);
// What the interview recorded, for the person who answered (never the safety answer).
BALANCE_API void write_checkin_summary(const record& checkin, sink& out);

// `forget --safety|--all-private`: forget_private and its confirmation.
BALANCE_API outcome forget_checkins(const store& s, forget_scope scope, bool dry_run);

// Who `due` asks about: NAME (default me), or everyone with `all`.
BALANCE_API std::vector<std::string> people_for(const repo& rp, const std::string& who, bool all);
// `due [--who NAME | --all]`: checkins_due for people_for(who, all). My own question (neither
// --who someone else nor --all) may count my private check-ins; a list of everyone rests on
// shared ones only.
BALANCE_API std::vector<due_person> checkins_due_for(const store& s, const std::string& who, bool all);
// One line per person ("sam: check-in due (weekly; last one 2026-11-15)"), or one
// `"schema": 1` JSON object with the cadence and the list (empty when nobody is due).
BALANCE_API void write_checkins_due(const std::vector<due_person>& due, const cadence& every, bool json, sink& out);

// `questions`: each dimension's key and question with its 1 and 5, or JSON.
BALANCE_API void write_questions(const settings& cfg, bool json, sink& out);

}  // namespace balance
