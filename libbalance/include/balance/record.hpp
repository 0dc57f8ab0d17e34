// A record is one line of a couple's history: a check-in, a ledger entry, a boundary, an event
// that happened to a boundary, an agreement from a talk and its reviews, an appreciation, a
// repair after a hard moment, a weekly talk itself, or a journal page. All of them share one flat
// struct so that listing, import, export, editing and validation are written once and driven by a
// per-type schema (canonical_keys gives each type's key order, as the files and lists write
// them). Fields a type does not use stay empty; empty text means "absent".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "balance/api.hpp"
#include "balance/time.hpp"

namespace balance {

struct settings;

enum class record_type { checkin, entry, boundary, event, agreement, review, appreciation, repair, talk, page };

inline constexpr record_type all_record_types[] = {
    record_type::checkin, record_type::entry,  record_type::boundary,     record_type::event,
    record_type::agreement, record_type::review, record_type::appreciation, record_type::repair,
    record_type::talk, record_type::page};

// Boundaries and agreements are definitions kept in one file per owner (`boundaries/<owner>.toml`,
// `agreements/<owner>.toml`); every other type lives in month files.
constexpr bool is_definition(record_type t) noexcept {
  return t == record_type::boundary || t == record_type::agreement;
}

// Types whose `who` is always the file's author (a check-in, a boundary's owner, who made an
// agreement, who appreciates, who wrote a talk down); for the others `who` names whose act it
// was and the author is who wrote it down.
constexpr bool author_is_who(record_type t) noexcept {
  return t == record_type::checkin || t == record_type::boundary || t == record_type::agreement ||
         t == record_type::appreciation || t == record_type::talk || t == record_type::page;
}

// "checkin", "entry", "boundary", "event", "agreement", "review", "appreciation", "repair",
// "talk", "page": the `[[…]]` table name.
BALANCE_API std::string_view type_name(record_type t) noexcept;
BALANCE_API std::optional<record_type> parse_record_type(std::string_view name) noexcept;
// For messages: "a check-in", "an entry", "a boundary", "an event".
BALANCE_API std::string_view a_record_of(record_type t) noexcept;
// The program that adds, edits and removes records of a type: "balance-checkin", "balance-talk".
BALANCE_API std::string_view program_of(record_type t) noexcept;

// The kinds a ledger entry and a boundary event may have.
BALANCE_API const std::vector<std::string>& entry_kinds();
BALANCE_API const std::vector<std::string>& event_kinds();
// An agreement's statuses ("open" is also the meaning of none) and a review's outcomes.
BALANCE_API const std::vector<std::string>& agreement_statuses();
BALANCE_API const std::vector<std::string>& review_outcomes();
// The ids of the report's signs (one-sided, uneven-load, …): what a talk's `sign` may name.
BALANCE_API const std::vector<std::string>& sign_ids();

// How long one person spoke in a talk, in minutes (a talk's `minutes = { alex = 6.5 }`).
struct person_minutes {
  std::string who;
  double minutes = 0;
  friend bool operator==(const person_minutes&, const person_minutes&) = default;
};

struct rating {
  std::string key;  // a dimension key
  int value = 0;    // 1..5
  friend bool operator==(const rating&, const rating&) = default;
};

// A key this version does not know, kept so rewriting the record does not lose it.
struct extra_field {
  std::string key;
  std::string toml;  // the value as TOML text
  friend bool operator==(const extra_field&, const extra_field&) = default;
};

struct BALANCE_API record {
  record_type type = record_type::entry;
  std::string id;
  timestamp at;
  std::string who;

  // check-in
  std::vector<rating> ratings;  // in the order written
  std::optional<std::int64_t> mood;
  std::optional<std::int64_t> safe;  // private check-ins only
  std::string feeling;
  std::string need;
  std::string thanks;

  // entry and event: which kind of entry or event
  std::string kind;
  // entry
  std::string what;
  std::string topic;
  std::optional<double> weight;  // default 1
  std::optional<std::int64_t> minutes;  // entry and space event
  std::string for_whom;  // `for`

  // boundary
  std::string text;
  std::string review;
  std::string status;  // active | retired (absent means active)
  std::optional<timestamp> retired;

  // event
  std::string boundary;

  // agreement (also text, review, status: open | done | dropped, absent means open; tags, note)
  std::optional<timestamp> closed;  // when it was done or dropped
  // review of an agreement
  std::string agreement;  // the agreement's id
  std::string outcome;    // kept | partly | not-yet
  // appreciation (also `for`, text, tags)
  std::string entry;  // the ledger entry it thanks, if any
  // repair (also text, note)
  std::optional<bool> humour;
  // talk (also topic: the one issue talked about, agreement: the one made, note, tags)
  std::vector<std::string> with;             // who was there
  std::vector<person_minutes> spoke;         // `minutes`: how long each of them spoke, in order written
  std::string sign;                          // the report's sign the issue came from, if any
  std::optional<std::int64_t> appreciations; // how many appreciations were said
  // journal page (also text, mood, tags): the key of the prompt it answers, if any
  std::string prompt;

  std::string note;
  std::vector<std::string> tags;
  std::vector<extra_field> extra;

  // Where the record lives; set by the store when reading or writing, never written into it.
  std::string author;  // the path's person
  bool is_private = false;
  std::string path;  // relative to the repository root
  int line = 0;      // line of the `[[…]]` header

  double weight_or_default() const { return weight.value_or(1.0); }
  std::optional<int> rating_of(std::string_view key) const;
  void set_rating(std::string_view key, int value);
  bool is_active_boundary() const { return status.empty() || status == "active"; }
  bool is_open_agreement() const { return status.empty() || status == "open"; }

  // Equal content (ignores where it lives).
  bool same_content(const record& other) const;
};

// Records are kept sorted by `at`, then `id`.
BALANCE_API bool record_less(const record& a, const record& b);

// A field's value, as read from TOML, JSON, CSV or a command-line flag.
using field_value = std::variant<std::monostate, std::string, std::int64_t, double, timestamp,
                                 std::vector<std::string>, bool, std::vector<person_minutes>>;

struct field {
  std::string key;
  field_value value;
};

// `minutes_by_person` is a talk's inline table of minutes per person; as one CSV/TSV cell or a flag
// value it reads `alex=6.5 sam=5`.
enum class value_kind { text, integer, number, datetime, names, rating, boolean, minutes_by_person };

// The canonical keys of a record type in writing order (for a check-in the settings' dimension
// keys sit between `who` and `mood`).
BALANCE_API std::vector<std::string> canonical_keys(record_type t, const settings& cfg);
// What kind of value a key holds in a record type; nullopt for an unknown key (for check-ins any
// integer-valued unknown key is taken as a rating of a retired dimension by the readers).
BALANCE_API std::optional<value_kind> key_kind(record_type t, std::string_view key, const settings& cfg);

// The present fields of a record in canonical order (ratings in their stored order), without
// the unknown extras.
BALANCE_API std::vector<field> fields_of(const record& r);

// Sets one field. Throws error{usage} with `key` in the message when the key is not a field of
// the type or the value has the wrong kind. Does not check ranges (that is validate()'s job).
BALANCE_API void set_field(record& r, std::string_view key, field_value value, const settings& cfg);
// Sets one field from text (a CSV cell or a flag value), parsing it by the key's kind.
// Empty text clears the field.
BALANCE_API void set_field_text(record& r, std::string_view key, std::string_view text, const settings& cfg);

struct field_problem {
  std::string key;  // the field at fault; empty for the record as a whole
  std::string message;
  bool warning = false;  // unknown keys outside `balance check`
};

// What validation can know about where a record is or will be.
struct validation_context {
  const settings* cfg = nullptr;
  bool strict = false;       // balance check: unknown keys are errors, not warnings
  bool id_optional = false;  // imports: records without an id get one
};

// Types, ranges, required fields, known people and kinds, name syntax, text without control
// characters, `safe` only on private check-ins, check-in `who` equal to its author. (Placement,
// unique ids and references need more than one record: the store and check do those.)
BALANCE_API std::vector<field_problem> validate(const record& r, const validation_context& ctx);

// The record another one points at: an event's boundary, a review's agreement, an
// appreciation's ledger entry, a talk's agreement. Checked where more than one record is known
// (check, import, the commands that write them): the target must exist, and a shared record
// never points at a private one (an appreciation never points at a private entry at all).
struct record_reference {
  std::string key;     // "boundary", "agreement", "entry"
  record_type target;  // the type it points at
  std::string id;
};
BALANCE_API std::optional<record_reference> reference_of(const record& r);

// Checks a record built from a command's flags and reports its problems by flag ("--heard: rating
// 6 is out of range 1–5"); throws error{usage}. Warnings (unknown keys) are left out.
BALANCE_API void check_flag_record(const record& r, const settings& cfg);

// What an import fills in when a record leaves it out, as the flag form of `add` does: `at` is
// now, `who` is me. A crossed or respected event keeps an empty `who` (whose act it was is never
// guessed), so validation asks for it.
struct record_defaults {
  std::optional<timestamp> at;
  std::string who;
};
// Fills `r` from `d`; `has_at` says whether the input gave an `at`.
BALANCE_API void fill_defaults(record& r, const record_defaults& d, bool has_at);

}  // namespace balance
