// The next weekly talk's agenda, for cron and mail: what went right (the shared report's
// working items and thanks), the signs to choose the one issue from, and the agreements up for
// review, set in the meeting's five steps. Always the shared view: an agenda is read together.
#pragma once

#include <string>
#include <vector>

#include "balance/api.hpp"
#include "balance/format.hpp"
#include "balance/output.hpp"
#include "balance/period.hpp"
#include "balance/report.hpp"
#include "balance/store.hpp"
#include "balance/talk.hpp"

namespace balance {

struct talk_plan {
  report shared;                        // the shared report of the period
  std::vector<agreement_view> due;      // shared open agreements whose review has come
};

BALANCE_API talk_plan build_talk_plan(const store& s, const period& span,
                                      const std::function<void(const diagnostic&)>& on_warning = {});

// text (80 columns), markdown, or json with "schema": 1.
BALANCE_API void write_talk_plan(const talk_plan& plan, format f, sink& out, const style& st);

}  // namespace balance
