// The weekly talk's records: agreements (something both will try, with a review cadence so it is
// looked at again instead of forgotten) and their reviews, appreciations (a thank-you for a
// person, or for one ledger entry of theirs), repairs (an apology, a joke, "can we start over?"
// after a hard moment), and the talks themselves (who was there, how long each spoke, the one
// issue). Every command here is one call; the guided meeting is in balance/meeting.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "balance/api.hpp"
#include "balance/cadence.hpp"
#include "balance/format.hpp"
#include "balance/output.hpp"
#include "balance/record.hpp"
#include "balance/settings.hpp"
#include "balance/store.hpp"

namespace balance {

// An agreement with its reviews.
struct agreement_view {
  record agreement;
  std::vector<record> reviews;              // oldest first
  timestamp review_since;                   // the later of its `at` and its last review
  std::optional<sys_seconds> next_review;   // nullopt for `off` and closed agreements
  bool review_due = false;
};

// The review cadence new agreements get when none is named.
BALANCE_API cadence default_agreement_review();
// An agreement's review cadence: its own, else the default (biweekly).
BALANCE_API cadence agreement_cadence_of(const record& agreement);

// Checks that a review may point at `agreement` (open, or the review dated before it closed; a
// shared review never points at a private agreement) and that an appreciation may point at
// `entry` (never a private one). Throws error{usage} with a kind message otherwise.
BALANCE_API void check_reference_target(const record& r, const record& target);

// Every shared agreement with its reviews (with `mine`, my private ones too), by `at`. Done and
// dropped ones only with `include_closed`.
BALANCE_API std::vector<agreement_view> load_agreements(const store& s, bool include_closed, bool mine = false);

// The commands, one call each: their options as the flags give them (empty text: the default).

struct agreement_options {
  std::string text;    // worded as something both will try
  std::string review;  // a CADENCE: biweekly by default
  std::vector<std::string> tags;
  std::string at;      // a WHEN: now by default
};
// Makes an agreement (mine; it lives in agreements/<me>.toml). Throws error{usage} naming the flag.
BALANCE_API outcome add_agreement(const store& s, const agreement_options& o);

struct review_options {
  std::string agreement;  // an id prefix
  std::string outcome;    // kept, partly or not-yet
  std::string note;
  std::string at;
};
// Notes how an open agreement went; its review clock starts again from the review.
BALANCE_API outcome review_agreement(const store& s, const review_options& o);

// Marks an agreement done or dropped (`status`), with `closed` now. No files when it already is.
BALANCE_API outcome close_agreement(const store& s, const std::string& id, const std::string& status);

// Which of the talk's record types (agreement, review, appreciation, repair, talk; shared, or my
// own private) has an id starting with `prefix`. Throws error{usage} when none or more than one does.
BALANCE_API record_type talk_record_type(const store& s, const std::string& prefix);

// Removes an agreement (refused while reviews point at it unless `with_reviews`, which removes
// them first, and refused while a talk names it), or one review, appreciation, repair or talk by
// its id.
BALANCE_API outcome remove_talk_record(const store& s, const std::string& id, bool with_reviews, bool dry_run);

struct appreciation_options {
  std::string who;       // who appreciates, and whose file it goes in: me by default (the
                         // meeting writes each person's own in their name, as --as would)
  std::string for_whom;  // the person appreciated
  std::string text;
  std::vector<std::string> tags;
  std::string at;
};
// `balance-talk thank NAME TEXT`: an appreciation of mine for someone else.
BALANCE_API outcome add_appreciation(const store& s, const appreciation_options& o);

// `balance-ledger thank ID [TEXT]`: an appreciation for whoever did ledger entry ID, pointing at
// it (`for` is the entry's `who`; the text defaults to the entry's `what`). Refused, gently, for
// a private entry and for one's own entry.
BALANCE_API outcome thank_entry(const store& s, const std::string& entry_id, const std::string& text,
                                const std::string& at = "");

struct repair_options {
  std::string text;  // optional: what was tried
  bool humour = false;
  std::string note;
  std::string at;
};
// Notes a repair after a hard moment (mine).
BALANCE_API outcome add_repair(const store& s, const repair_options& o);

// `agreements`: open ones (or all). Text: ID, SINCE, BY, REVIEW, NEXT REVIEW, LAST, TEXT; the
// other formats write the agreement records as every list does. Returns the note for stderr
// when the text shows none.
BALANCE_API std::string write_agreement_list(const std::vector<agreement_view>& views, bool all, record_format f,
                                             const writer_options& wo, const calendar& cal, sink& out);

struct talk_options {
  std::vector<std::string> with;      // who was there (checked names)
  std::vector<person_minutes> spoke;  // minutes each of them spoke
  std::string topic;                  // the one issue
  std::string sign;                   // the sign it came from, if any
  std::string agreement;              // the id of the agreement made, if any
  std::int64_t appreciations = 0;
  std::string note;
  std::optional<timestamp> at;        // when the talk started: now by default
};
// Saves a talk (mine, in talks/<me>/YYYY-MM.toml). Throws error{usage} for bad content, and for
// an agreement that does not exist or is private.
BALANCE_API outcome add_talk(const store& s, const talk_options& o);

// The shared talks in `span`, oldest first.
BALANCE_API std::vector<record> load_talks(const store& s, const period& span);
// How long each person spoke and their share of the talk: "alex 6.5m (57%) sam 5m (43%)"; "-"
// when no minutes were kept.
BALANCE_API std::string spoken_shares(const record& talk);
// `log`: text columns DATE, WITH, SPOKE, TOPIC; the other formats write the talk records as every
// list does. Returns the note for stderr when the text shows none ("no talks in …").
BALANCE_API std::string write_talk_log(const std::vector<record>& talks, const std::string& span_label,
                                       record_format f, const writer_options& wo, sink& out);

// Open agreements whose review has come.
BALANCE_API std::vector<agreement_view> agreement_reviews_due(const store& s, bool mine = false);

}  // namespace balance
