#include "balance/remind.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "balance/boundaries.hpp"
#include "balance/cadence.hpp"
#include "balance/checkin.hpp"
#include "balance/format.hpp"
#include "balance/json.hpp"
#include "balance/ledger.hpp"
#include "balance/query.hpp"
#include "balance/talk.hpp"

namespace balance {

namespace {

void add_review_reminders(const store& s, const std::vector<std::string>& people, bool own_view,
                          std::vector<reminder>& out) {
  for (const auto& v : load_boundaries(s, false, std::nullopt, own_view)) {
    if (!v.review_due || std::find(people.begin(), people.end(), v.boundary.who) == people.end()) continue;
    out.push_back({"review", v.boundary.who, v.boundary.id,
                   fmt::format("{}: review of boundary {} due", v.boundary.who, v.boundary.id.substr(0, 7))});
  }
}

// An agreement belongs to both people: its review is for everyone's list.
void add_agreement_reminders(const store& s, const std::vector<std::string>& people, bool own_view,
                             std::vector<reminder>& out) {
  if (people.empty()) return;
  for (const auto& v : agreement_reviews_due(s, own_view))
    out.push_back({"agreement", "", v.agreement.id,
                   fmt::format("agreement {}: time to look at it together ({})", v.agreement.id.substr(0, 7),
                               agreement_cadence_of(v.agreement).to_string())});
}

// [talk] cadence: the weekly talk is both people's, like an agreement, counted from the last one.
void add_talk_reminder(const store& s, const std::vector<std::string>& people, std::vector<reminder>& out) {
  const repo& rp = s.repository();
  const cadence& c = rp.config().talk_cadence;
  if (people.empty() || c.k == cadence::kind::off) return;
  std::optional<sys_seconds> last;
  for (const auto& t : load_talks(s, parse_period("all", rp.cal())))
    if (!last || t.at.utc > *last) last = t.at.utc;
  if (checkin_due(c, last, rp.cal())) out.push_back({"talk", "", "", fmt::format("talk due ({})", c.to_string())});
}

// Solo time: someone busy in the ledger lately (as many entries as a sign needs, so one entry
// in a new repository is not "busy") with nothing of their own.
void add_solo_reminder(const store& s, const std::vector<std::string>& people, bool own_view,
                       std::vector<reminder>& out) {
  const repo& rp = s.repository();
  const settings& cfg = rp.config();
  period window = parse_period(fmt::format("{}d", cfg.signs.solo_days), rp.cal());
  query q;
  q.type = record_type::entry;
  q.span = window;
  q.mine = own_view;  // my own solo time counts, private or not, in the only list that shows it
  std::map<std::string, std::pair<std::size_t, bool>> activity;  // entries, had solo
  for (const auto& e : run_query(s, q)) {
    auto& a = activity[e.who];
    ++a.first;
    if (e.kind == "solo") a.second = true;
  }
  // Self-care is a note to oneself: only in my own list, never in a list of everyone (which may
  // go to both of us) or of someone else.
  if (people.size() == 1 && rp.knows_me() && people.front() == rp.me()) {
    const std::string& p = rp.me();
    auto it = activity.find(p);
    if (it != activity.end() && it->second.first >= static_cast<std::size_t>(cfg.signs.min_entries) && !it->second.second)
      out.push_back({"solo", p, "",
                     fmt::format("{}: no solo time in {} days; something of your own could fit in this week", p,
                                 cfg.signs.solo_days)});
  }
}

void add_turn_reminders(const store& s, std::vector<reminder>& out) {
  const settings& cfg = s.repository().config();
  for (const auto& topic : cfg.remind_turns) {
    query choices;
    choices.type = record_type::entry;
    choices.kind = "choice";
    choices.topic = topic;
    auto t = whose_turn(run_query(s, choices), topic, cfg, turn_window);
    if (!t.person.empty()) out.push_back({"turn", t.person, topic, fmt::format("{}: {}'s turn to choose", topic, t.person)});
  }
}

}  // namespace

std::vector<reminder> due_reminders(const store& s, const std::vector<std::string>& people) {
  const repo& rp = s.repository();
  const settings& cfg = rp.config();
  std::vector<reminder> out;

  // My own list (not --all, not --as someone else) may use my private records; any list that
  // others may see rests on shared records only.
  const bool own_view = people.size() == 1 && rp.knows_me() && people.front() == rp.me() && !rp.acting_as_other() &&
                        rp.me() == rp.private_owner();
  for (const auto& d : checkins_due(s, people, own_view))
    out.push_back({"checkin", d.who, "", fmt::format("{}: check-in due ({})", d.who, cfg.checkin_cadence.to_string())});
  add_review_reminders(s, people, own_view, out);
  add_agreement_reminders(s, people, own_view, out);
  add_talk_reminder(s, people, out);
  add_solo_reminder(s, people, own_view, out);
  // Turns only ride along with something else that is due.
  if (!out.empty()) add_turn_reminders(s, out);
  return out;
}

void write_reminders_text(const std::vector<reminder>& items, sink& out) {
  for (const auto& r : items) out.write(r.text + "\n");
}

void write_reminders_json(const std::vector<reminder>& items, sink& out) {
  std::vector<std::string> due;
  for (const auto& r : items)
    due.push_back(json_fields().text("type", r.type).text_or_null("who", r.who).text_or_null("subject", r.subject).text("text", r.text).object());
  write_schema_document(out, {}, "due", due);
}

}  // namespace balance
