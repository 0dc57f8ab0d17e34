// Internal: the report's `agreements` section. For each open agreement made before the report's
// end, the dimension means of every person in the days since it was made and in as many days
// before it (at least a week, at most twelve weeks), with their counts, so a couple can see
// whether it helped. The numbers only describe; nothing here judges an agreement.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "balance/report.hpp"
#include "signs.hpp"

namespace balance::detail {

class agreement_windows {
 public:
  agreement_windows(const settings& cfg, const calendar& cal, const period& span);

  // An agreement (open ones only; others are ignored) or a review of one. Agreements must come
  // before the check-ins that count for them.
  void add_agreement(const record& a);
  void add_review(const record& r);
  void add_checkin(const record& c);

  // The earliest instant a check-in can count for an agreement; nullopt without agreements.
  std::optional<sys_seconds> earliest() const;

  std::vector<agreement_summary> finish() const;

 private:
  struct window {
    record agreement;
    sys_seconds before_begin, end;
    std::size_t reviews = 0;
    std::optional<record> last_review;
    std::map<std::string, std::map<std::string, running_mean>> before, since;  // key → person
  };
  std::vector<agreement_dimension> dimensions_of(const window& w) const;
  const settings& cfg_;
  const calendar& cal_;
  sys_seconds end_;
  std::map<std::string, window> windows_;  // by agreement id
};

}  // namespace balance::detail
