// Internal: the signs of imbalance and the "what is working" sentences, computed from a report's
// totals. Thresholds come from [signs]; a sign needs its minimum data. The wording follows the
// tone guide: a pattern in every title, people in the evidence ("from sam's side" for what
// someone rated, the doer's name for what someone did), counts below the share minimum, rates
// per 28 days for events, and suggestions addressed to both.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "balance/report.hpp"

namespace balance::detail {

struct running_mean {
  double sum = 0;
  std::size_t n = 0;
  std::optional<sys_seconds> first, last;  // when the first and last values were given
  void add(double v) {
    sum += v;
    ++n;
  }
  void add(double v, sys_seconds at) {
    add(v);
    if (!first || at < *first) first = at;
    if (!last || at > *last) last = at;
  }
  std::optional<double> mean() const;
};

// The days each person checked in, cut into the cadence's slots (weeks for weekly, …) to find runs
// of missed check-ins while someone else kept checking in.
class checkin_slots {
 public:
  checkin_slots(const settings& cfg, const calendar& cal, const period& span);
  void add(const std::string& who, local_days day);

  struct missed_run {
    std::size_t length = 0;
    local_days first_day{};                  // the first day of the run's first slot
    std::optional<local_days> last_checkin;  // their latest check-in in the period
  };
  // The run of finished slots without a check-in from `who` that reaches up to now (the slot
  // holding today is still open and does not count). Length 0 when they checked in lately or the
  // cadence is off.
  missed_run quiet_stretch(const std::string& who) const;
  // "week"/"weeks", "day"/"days", "month"/"months", or "check-in period(s)".
  std::string unit(std::size_t n) const;
  bool usable() const;

 private:
  std::int64_t slot_of(local_days d, local_days anchor) const;
  local_days first_day_of(std::int64_t slot, local_days anchor) const;
  const settings& cfg_;
  const calendar& cal_;
  period span_;
  std::map<std::string, std::set<local_days>> days_;
};

// Who logged ledger entries in the last `solo_days` of the period without any solo time.
class solo_window {
 public:
  solo_window(const settings& cfg, const calendar& cal, const period& span);
  void add(const record& entry);

  struct finding {
    std::size_t entries = 0;                // entries they did in the window
    bool had_solo = false;                  // a solo entry in the window
    std::optional<timestamp> last_solo;     // their latest solo entry in the period
  };
  const std::map<std::string, finding>& people() const { return people_; }
  // The window is only meaningful when the period is at least `solo_days` long.
  bool usable() const { return usable_; }
  int days() const { return days_; }

 private:
  int days_;
  bool usable_ = false;
  sys_seconds window_begin_{};
  sys_seconds window_end_{};
  std::map<std::string, finding> people_;
};

// Someone respected another person's boundary: a positive, said with both names.
struct respected_act {
  std::string who;    // who respected it
  std::string owner;  // whose boundary
  std::string text;   // the boundary's words
  timestamp at;
};

struct sign_inputs {
  const settings& cfg;
  const report& r;
  const calendar& cal;
  const checkin_slots& slots;
  const solo_window& solo;
  std::size_t sacrifices;
  const std::map<std::string, double>& sacrifice_weight;
  const std::map<std::string, std::size_t>& sacrifice_count;
  double days;  // how many days the period covers, for rates per 28 days
  const std::vector<respected_act>& respected;  // the latest, newest first
};

void find_signs(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>& not_enough_data);
void describe_what_works(const sign_inputs& in, std::vector<std::string>& working);

}  // namespace balance::detail
