// Boundaries: "healthy fences with open gates". A person states what they need; both people
// note when it was respected or crossed; anyone can note saying yes when they meant no, or asking
// for space; and boundaries come up for review instead of being forgotten.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "balance/api.hpp"
#include "balance/format.hpp"
#include "balance/output.hpp"
#include "balance/record.hpp"
#include "balance/settings.hpp"
#include "balance/store.hpp"

namespace balance {

// A boundary with what has happened to it.
struct boundary_view {
  record boundary;
  std::vector<record> events;             // events pointing at it, oldest first
  std::optional<record> last_event;       // the latest of them
  timestamp review_since;                 // the later of its `at` and its last review
  std::optional<sys_seconds> next_review; // nullopt for `off` and retired boundaries
  bool review_due = false;
};

// Every shared boundary with its events (with `mine`, the private owner's private ones too), in
// balance.toml order of owners then by `at`. Retired boundaries are included only with
// `include_retired`; `owner` limits to one person.
BALANCE_API std::vector<boundary_view> load_boundaries(const store& s, bool include_retired,
                                                       const std::optional<std::string>& owner = std::nullopt,
                                                       bool mine = false);

// The review cadence of a boundary: its own, else the repository default.
BALANCE_API cadence review_cadence_of(const record& boundary, const settings& cfg);

// Checks that an event may point at `boundary`: it must exist, be active for respected, crossed
// and reviewed events (or the event dated before the retirement), and a shared event cannot
// point at a private boundary. Throws
// error{usage} with a kind message otherwise.
BALANCE_API void check_event_target(const record& event, const record& boundary);

// Who respected a boundary when --who is not given: the one person who is not the owner when
// there are exactly two; otherwise nullopt (the command then asks for --who). Never used for
// `crossed`: an accusation is never guessed.
BALANCE_API std::optional<std::string> default_actor(const record& boundary, const settings& cfg);

// Text: ID, OWNER, SINCE, REVIEW, NEXT REVIEW, LAST EVENT, TEXT.
BALANCE_API void write_boundary_table(const std::vector<boundary_view>& views, const calendar& cal, sink& out,
                                      const style& st);
// The boundary and its history, for `show`; `shown_path` names its file (a private one's real
// place) when given.
BALANCE_API void write_boundary_history(const boundary_view& view, const calendar& cal, sink& out, const style& st,
                                        const std::string& shown_path = "");

// The commands, one call each: their options as the flags give them (empty text: the default).

struct boundary_options {
  std::string text;     // the boundary, in its owner's words
  std::string who;      // its owner: me by default
  std::string review;   // a CADENCE: balance.toml's review cadence by default
  std::vector<std::string> tags;
  std::string at;       // a WHEN: now by default
  bool is_private = false;
};
// Sets a boundary. It lives in its owner's file; a private one can only be my own. Throws
// error{usage} naming the flag at fault.
BALANCE_API outcome add_boundary(const store& s, const boundary_options& o);

struct event_options {
  std::string kind;      // respected, crossed, reviewed, gave-in or space
  std::string boundary;  // respected, crossed, reviewed: the boundary's id (a prefix)
  std::string who;       // whose act: me by default, never guessed for crossed (see default_actor)
  std::string text;      // gave-in, space: what happened, kept as the note
  std::string note;
  std::string duration;  // space: for how long (a DURATION)
  std::string at;        // a WHEN: now by default
  bool is_private = false;
};
// Notes an event ("noted that boundary 3f9a1c0 was crossed (sam), event 83da2b1"). Throws
// error{usage} for a missing or retired boundary, a missing --by, or a bad flag.
BALANCE_API outcome add_event(const store& s, const event_options& o);

// Retires a boundary: its history stays. No files when it was retired already.
BALANCE_API outcome retire_boundary(const store& s, const std::string& id);

// Removes a boundary, refused while events point at it unless `with_events` (then events go
// first: a crash in between never leaves an event without its boundary); an event's id removes
// that one event. `dry_run` says what would go.
BALANCE_API outcome remove_boundary(const store& s, const std::string& id, bool with_events, bool dry_run);

// What `list` shows: active boundaries (or all), grouped by owner, unless asked for the most
// recent (`limit`) or newest first (`reverse`): then by when they were set.
struct boundary_filter {
  bool all = false;
  std::optional<std::string> owner;
  std::vector<std::string> tags;
  std::string grep;
  std::size_t limit = 0;
  bool reverse = false;
  bool mine = false;  // my private boundaries too
};
BALANCE_API std::vector<boundary_view> list_boundaries(const store& s, const boundary_filter& f);
// `list`: the boundaries in `f` (text: the table, with each one's last event; the others: the
// records as every list writes them). Returns the note for stderr when the text shows none.
BALANCE_API std::string write_boundary_list(const std::vector<boundary_view>& views, const boundary_filter& filter, record_format f,
                                const writer_options& wo, const calendar& cal, sink& out);

// One boundary (by id prefix) with its history: a shared one with its shared events, my own
// private one with mine.
BALANCE_API boundary_view find_boundary(const store& s, const std::string& id);

// Boundaries whose review has come, and their lines ("alex: review of boundary 3f9a1c0 due
// (monthly; last set 2026-10-01)") or one `"schema": 1` JSON object. Never a boundary's words.
BALANCE_API std::vector<boundary_view> reviews_due(const store& s, const std::optional<std::string>& owner);
BALANCE_API void write_reviews_due(const std::vector<boundary_view>& due, const settings& cfg, const calendar& cal,
                                   bool json, sink& out);

}  // namespace balance
