// Boundaries: "healthy fences with open gates". A person states what they need; both people
// note when it was respected or crossed; anyone can note saying yes when they meant no, or asking
// for space; and boundaries come up for review instead of being forgotten.
#pragma once

#include <optional>
#include <string>
#include <vector>

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
std::vector<boundary_view> load_boundaries(const store& s, bool include_retired,
                                           const std::optional<std::string>& owner = std::nullopt, bool mine = false);

// The review cadence of a boundary: its own, else the repository default.
cadence review_cadence_of(const record& boundary, const settings& cfg);

// Checks that an event may point at `boundary`: it must exist, be active for respected, crossed
// and reviewed events (or the event dated before the retirement), and a shared event cannot
// point at a private boundary. Throws
// error{usage} with a kind message otherwise.
void check_event_target(const record& event, const record& boundary);

// Who respected a boundary when --who is not given: the one person who is not the owner when
// there are exactly two; otherwise nullopt (the command then asks for --who). Never used for
// `crossed`: an accusation is never guessed.
std::optional<std::string> default_actor(const record& boundary, const settings& cfg);

// Text: ID, OWNER, SINCE, REVIEW, NEXT REVIEW, LAST EVENT, TEXT.
void write_boundary_table(const std::vector<boundary_view>& views, const calendar& cal, sink& out, const style& st);
// The boundary and its history, for `show`; `shown_path` names its file (a private one's real
// place) when given.
void write_boundary_history(const boundary_view& view, const calendar& cal, sink& out, const style& st,
                            const std::string& shown_path = "");

}  // namespace balance
