// Reminders: everything that is due now, for cron. Check-ins due by the cadence, boundary
// reviews due, agreement reviews due and the talk by `[talk] cadence` (both in everyone's list:
// they are both people's), people without solo time for `signs.solo_days` days, and — only alongside another
// due item, so it never nags on its own — whose turn it is for each topic in [remind] turns.
// Reminders never carry what people wrote (notes, feelings, boundary text): only that
// something is due.
#pragma once

#include <string>
#include <vector>

#include "balance/api.hpp"
#include "balance/output.hpp"
#include "balance/store.hpp"

namespace balance {

struct reminder {
  std::string type;     // checkin, review, agreement, talk, solo, turn
  std::string who;      // the person it is for (the chooser for turns); empty when it is for both
  std::string subject;  // a boundary id (review), an agreement id (agreement), a topic (turn)
  std::string text;     // the line printed
};

// The reminders for `people` (boundary reviews for boundaries they own; turns for everyone).
// Everything rests on shared records, except a person's own list (`people` is just me, and I am
// this computer's own person): there my private check-ins count for my check-in rhythm and my
// private boundaries come up for review. Self-care (solo time) appears only in my own list:
// never for someone else, and never in a list of everyone (which may go to both of us).
BALANCE_API std::vector<reminder> due_reminders(const store& s, const std::vector<std::string>& people);

BALANCE_API void write_reminders_text(const std::vector<reminder>& items, sink& out);
BALANCE_API void write_reminders_json(const std::vector<reminder>& items, sink& out);

}  // namespace balance
