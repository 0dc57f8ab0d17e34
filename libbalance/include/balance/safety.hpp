// Safety: what balance says when someone answers, in a private check-in, that they do not feel
// safe with their partner (`safe` 1 or 2). The answer is met at once and in private with a calm,
// dated note: safety first, a domestic-abuse support service before any counsellor,
// no exercises together or joint counselling while unsafe, concrete numbers for the person's
// country and its emergency number, and where the note is kept and who could read it.
//
// This concept holds the numbers (a small built-in table with a date, which the user config's
// [safety] extends or replaces) and the note as data, and writes the note into a sink for the
// check-in; the report prints it in its own sections. Nothing here reads or writes files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"
#include "balance/settings.hpp"
#include "balance/time.hpp"

namespace balance {

// A `safe` answer (1–5) at or below this is answered with the safety note.
inline constexpr std::int64_t low_safety_answer = 2;

// One service people can call or write to.
struct support_service {
  std::string name;     // "Hilfetelefon Gewalt gegen Frauen"
  std::string contact;  // "116 016"
  std::string notes;    // "24 h, free, anonymous"; may be empty
};

// What the table knows about one country.
struct safety_country {
  std::string code;                       // ISO 3166-1 alpha-2, upper-case: "DE"
  std::string name;                       // "Germany"
  std::vector<support_service> services;  // domestic-abuse support; empty where the table has none
  std::vector<std::string> emergency;     // "110", "112"
};

// The built-in table, ordered by code. Its facts carry a date: they are checked again before
// every release, and the user config's [safety] resources can add to or replace them.
BALANCE_API const std::vector<safety_country>& safety_table();
// When the table's numbers were last checked, as "YYYY-MM".
BALANCE_API std::string safety_table_date();
// The row for a two-letter code (either case), or nullptr when the table has none.
BALANCE_API const safety_country* find_safety_country(std::string_view code);

// The country a time zone most likely lies in, for the numbers: "DE" for Europe/Berlin, "GB" for
// Europe/London, "US" for the zones of the United States, an EU member's code for its capital's
// zone. "" when the zone does not say reliably (then only the local emergency number is given).
BALANCE_API std::string guess_country(std::string_view iana_zone);

// The note for a low `safe` answer given at `answered_at`, as paragraphs to print in order (a
// line of a list, such as a service and its number, is its own paragraph and starts with two
// spaces). The country is `user.safety_country`, else guessed from `tz`; the date is the day in
// `tz`. `stored_where` is where the answer and the note are kept (a path), named in the note.
// The answer itself is not repeated. `private_sync` says the private store syncs to the person's
// own other computers (private_sync.hpp), which the note then says too.
BALANCE_API std::vector<std::string> safety_note(const timestamp& answered_at, const user_config& user, const zone& tz,
                                                 std::string_view stored_where, bool private_sync = false);

class repo;
class sink;
struct record;

// The note for the person who has just given a low `safe` answer (`answer`), and only for them
// (a tool writes it to stderr): a heading, then the note's paragraphs wrapped to 80 columns,
// naming where the answer is kept (its file, or the private store before it is saved).
BALANCE_API void write_safety_note(const record& answer, const repo& rp, sink& out);

}  // namespace balance
