// The guided weekly meeting: appreciations first, then what went right, then one issue taken in
// turns (one of you speaks, the other listens and sums up before answering, with a countdown per
// turn), then what would help each of you feel cared for, and at most one small agreement. The
// meeting is a state machine over an abstract terminal and clock, so tests drive it key by key
// without a pseudo-terminal; the tool only wires the real terminal (raw input, the alternate
// screen) to it.
//
// Everything shown comes from the shared view (never a private record). Each appreciation, the
// agreement and its review are saved the moment they are confirmed; the talk itself is saved at
// the end. Leaving early (Ctrl-C, or the input closing) saves nothing more.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"
#include "balance/store.hpp"
#include "balance/talk.hpp"

namespace balance {

// The keys the meeting knows besides printable text (bytes as typed; signals are off, so Ctrl-C
// arrives as a key).
namespace meeting_key {
inline constexpr int interrupt = 3;    // Ctrl-C: leave at once
inline constexpr int end_of_text = 4;  // Ctrl-D: like Enter on an empty line
inline constexpr int test_minute = 20; // Ctrl-T: a stepped (test) clock moves on one minute
inline constexpr int closed = -1;      // the input closed: leave, as Ctrl-C does
}  // namespace meeting_key

class BALANCE_API meeting_terminal {
 public:
  virtual ~meeting_terminal() = default;
  virtual void write(std::string_view text) = 0;
  // The next byte typed (or meeting_key::closed), or nullopt when `wait` passed without one. A
  // negative wait has no limit.
  virtual std::optional<int> read_key(std::chrono::milliseconds wait) = 0;
};

class BALANCE_API meeting_clock {
 public:
  virtual ~meeting_clock() = default;
  // Time since some fixed start.
  virtual std::chrono::milliseconds now() = 0;
  // Whether time passes by itself (then the countdown is redrawn each second).
  virtual bool runs() const = 0;
  // Ctrl-T: a stepped clock moves on one minute; a running clock ignores it.
  virtual void step_minute() {}
};

// The real clock: std::chrono::steady_clock.
BALANCE_API std::unique_ptr<meeting_clock> steady_meeting_clock();
// The test clock: it stands still, and moves on one minute at each Ctrl-T.
BALANCE_API std::unique_ptr<meeting_clock> stepped_meeting_clock();
// The stepped clock when BALANCE_NOW pins "now" (tests, demos), else the steady one.
BALANCE_API std::unique_ptr<meeting_clock> meeting_clock_for_environment();

// What the meeting writes, one call for each thing confirmed. Each returns the new record's id.
class BALANCE_API meeting_actions {
 public:
  virtual ~meeting_actions() = default;
  virtual std::string appreciate(const std::string& who, const std::string& for_whom, const std::string& text) = 0;
  virtual std::string agree(const std::string& text, const std::string& review) = 0;
  virtual std::string review(const std::string& agreement_id, const std::string& outcome) = 0;
  virtual std::string save_talk(const talk_options& talk) = 0;
};

// The actions on a store: add_appreciation (in the appreciator's own name and file),
// add_agreement, review_agreement and add_talk. `written` sees each outcome as it is saved (the
// tool commits it when autocommit is on).
BALANCE_API std::unique_ptr<meeting_actions> store_meeting_actions(const store& s,
                                                                   std::function<void(const outcome&)> written);

// One thing the one issue may be about: a sign of the shared report, or an agreement whose
// review has come.
struct meeting_topic {
  std::string id;     // the sign id, or the agreement's id
  std::string title;  // the sign's title, or the agreement's words
  bool is_review = false;
};

// Everything the meeting shows, gathered before it starts from the shared view.
struct meeting_setup {
  std::vector<std::string> with;                            // who is there, in order
  std::map<std::string, std::vector<std::string>> aids;     // per person: what they did and were thanked for
  std::vector<std::string> working;                         // the shared report's working items
  std::vector<meeting_topic> topics;                        // signs, then agreements due for review
  std::chrono::milliseconds turn{std::chrono::minutes(5)};  // one speaker's turn
  std::string review = "biweekly";                          // the agreement's review cadence
  timestamp started;                                        // when the meeting began
};

struct meeting_options {
  std::vector<std::string> with;  // empty: everyone in balance.toml
  std::string turn;               // a DURATION; empty: 5m
  std::string review;             // a CADENCE; empty: biweekly
};

// The days the memory aids cover: the last 7 (today and the 6 before).
inline constexpr const char* meeting_period = "7d";
// The shared report's period for what went right and the signs to choose from: 28 days, as
// balance-report and balance-talk plan (a sign needs ratings spanning two weeks, so a week's
// report could never offer one).
inline constexpr const char* meeting_report_period = "28d";

// Gathers the meeting from the shared view: memory aids of the last 7 days, the report of 28. Throws error{usage} naming the
// flag for an unknown person, fewer than two people, or a bad --turn or --review.
BALANCE_API meeting_setup prepare_meeting(const store& s, const meeting_options& o);

struct meeting_result {
  bool saved = false;              // false: left early (Ctrl-C or the input closed)
  std::size_t appreciations = 0;   // saved, either way
  std::string agreement;           // its id, when one was made
  std::size_t reviews = 0;         // an agreement's review, saved as it was answered
  std::string talk;                // the talk's id, when saved
};

// Runs the meeting on `term`. Throws what `act` throws (the meeting ends there).
BALANCE_API meeting_result run_meeting(const meeting_setup& setup, meeting_terminal& term, meeting_clock& clock,
                                       meeting_actions& act);

// The minutes a talk records for a spoken time: one decimal.
BALANCE_API double spoken_minutes(std::chrono::milliseconds spoken);

}  // namespace balance
