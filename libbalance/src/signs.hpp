// Internal: the signs of imbalance (DESIGN §9.3) and the "what is working" sentences, computed
// from a report's totals. Thresholds come from [signs]; a sign needs its minimum data.
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
  void add(double v) {
    sum += v;
    ++n;
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
    local_days first_day{};  // the first day of the run's first slot
  };
  // The longest run per person (people with no run are left out). Empty when the cadence is off.
  std::map<std::string, missed_run> longest_missed_runs() const;
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

struct sign_inputs {
  const settings& cfg;
  const report& r;
  const checkin_slots& slots;
  const solo_window& solo;
  const std::map<std::string, std::map<std::string, std::size_t>>& choice_counts;
  std::size_t sacrifices;
  const std::map<std::string, double>& sacrifice_weight;
};

void find_signs(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>& not_enough_data);
void describe_what_works(const sign_inputs& in, std::vector<std::string>& working);

}  // namespace balance::detail
