#include "signs.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "balance/cadence.hpp"

namespace balance::detail {

namespace {

// Thresholds are inclusive ("at its threshold, raised"); a hair of tolerance keeps 0.65 − 0.5
// from missing 0.15 by a rounding error.
constexpr double tolerance = 1e-9;
bool at_most(double v, double limit) { return v <= limit + tolerance; }
bool at_least(double v, double limit) { return v >= limit - tolerance; }

std::string one_decimal(double v) { return fmt::format("{:.1f}", v); }
std::string percent(double share) { return fmt::format("{:.0f}%", share * 100); }
std::string times(std::size_t n) { return n == 1 ? "once" : fmt::format("{} times", n); }
std::string plural(std::size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

std::string day_text(local_days d) {
  std::chrono::year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

std::string names(const std::vector<std::string>& people) {
  if (people.empty()) return "";
  if (people.size() == 1) return people[0];
  std::string out;
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (i) out += i + 1 == people.size() ? " and " : ", ";
    out += people[i];
  }
  return out;
}

const dimension_summary* find_dimension(const report& r, std::string_view key) {
  for (const auto& d : r.dimensions)
    if (d.key == key) return &d;
  return nullptr;
}

// A rating dimension that is low for someone: mean ≤ low_rating over ≥ min_checkins.
struct low_rating_finding {
  std::vector<std::string> people;
  std::vector<std::string> evidence;
  std::size_t ratings = 0;
  bool enough_data = false;
};

low_rating_finding low_ratings(const sign_inputs& in, std::string_view key) {
  low_rating_finding f;
  const auto& t = in.cfg.signs;
  const dimension_summary* d = find_dimension(in.r, key);
  if (!d) return f;
  f.ratings = d->count;
  for (const auto& p : d->people) {
    if (p.count < static_cast<std::size_t>(t.min_checkins) || !p.mean) continue;
    f.enough_data = true;
    if (at_most(*p.mean, t.low_rating)) {
      f.people.push_back(p.name);
      f.evidence.push_back(fmt::format("{}'s \"{}\" rating averaged {} over {}.", p.name, key, one_decimal(*p.mean),
                                       plural(p.count, "check-in", "check-ins")));
    }
  }
  return f;
}

void add_unique(std::vector<std::string>& people, const std::string& name) {
  if (std::find(people.begin(), people.end(), name) == people.end()) people.push_back(name);
}

// Keeps `concerns` in balance.toml order.
void order_people(std::vector<std::string>& concerns, const settings& cfg) {
  std::vector<std::string> ordered;
  for (const auto& p : cfg.people)
    if (std::find(concerns.begin(), concerns.end(), p) != concerns.end()) ordered.push_back(p);
  concerns = ordered;
}

std::string checkin_data(const dimension_summary* d) {
  if (!d) return "";
  std::vector<std::string> parts;
  for (const auto& p : d->people)
    if (p.count) parts.push_back(fmt::format("{} from {}", p.count, p.name));
  return fmt::format("Based on {} \"{}\" ratings ({}).", d->count, d->key, names(parts));
}

}  // namespace

checkin_slots::checkin_slots(const settings& cfg, const calendar& cal, const period& span)
    : cfg_(cfg), cal_(cal), span_(span) {}

void checkin_slots::add(const std::string& who, local_days day) { days_[who].insert(day); }

bool checkin_slots::usable() const { return cfg_.checkin_cadence.k != cadence::kind::off; }

std::int64_t checkin_slots::slot_of(local_days d, local_days anchor) const {
  auto floor_div = [](std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
  std::int64_t days = d.time_since_epoch().count();
  const cadence& c = cfg_.checkin_cadence;
  switch (c.k) {
    case cadence::kind::daily: return days;
    case cadence::kind::weekly: return cal_.week_begin(d).time_since_epoch().count() / 7;
    case cadence::kind::biweekly: return floor_div(days - anchor.time_since_epoch().count(), 14);
    case cadence::kind::every_days: return floor_div(days - anchor.time_since_epoch().count(), std::max(1, c.days));
    case cadence::kind::monthly: {
      std::chrono::year_month_day ymd{d};
      return static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
    }
    case cadence::kind::every_weekday:
      // 1970-01-01 was a Thursday (4): shift so each slot starts on the cadence's weekday.
      return floor_div(days - (static_cast<std::int64_t>(c.weekday) - 4), 7);
    case cadence::kind::off: return 0;
  }
  return 0;
}

local_days checkin_slots::first_day_of(std::int64_t slot, local_days anchor) const {
  const cadence& c = cfg_.checkin_cadence;
  switch (c.k) {
    case cadence::kind::daily: return local_days{std::chrono::days{slot}};
    // Day slot*7+6 falls inside the slot's week whether weeks start on Monday or Sunday.
    case cadence::kind::weekly: return cal_.week_begin(local_days{std::chrono::days{slot * 7 + 6}});
    case cadence::kind::biweekly: return anchor + std::chrono::days{slot * 14};
    case cadence::kind::every_days: return anchor + std::chrono::days{slot * std::max(1, c.days)};
    case cadence::kind::monthly:
      return local_days{std::chrono::year{static_cast<int>(slot / 12)} / std::chrono::month{static_cast<unsigned>(slot % 12 + 1)} / 1};
    case cadence::kind::every_weekday:
      return local_days{std::chrono::days{slot * 7 + (static_cast<std::int64_t>(c.weekday) - 4)}};
    case cadence::kind::off: return local_days{};
  }
  return local_days{};
}

std::map<std::string, checkin_slots::missed_run> checkin_slots::longest_missed_runs() const {
  std::map<std::string, missed_run> runs;
  if (!usable() || days_.empty()) return runs;
  local_days first_seen = local_days::max();
  for (const auto& [who, days] : days_) first_seen = std::min(first_seen, *days.begin());
  local_days first = span_.begin == sys_seconds::min() ? first_seen : cal_.day_of(span_.begin);
  local_days anchor = first;
  // Only finished slots count: the one holding today is still open.
  local_days today = cal_.today();
  local_days last_day = span_.end == sys_seconds::max() ? today : cal_.day_of(span_.end - std::chrono::seconds(1));
  std::int64_t first_slot = slot_of(first, anchor);
  std::int64_t last_slot = slot_of(last_day, anchor);
  if (last_day >= today) last_slot = slot_of(today, anchor) - 1;

  std::map<std::string, std::set<std::int64_t>> slots;
  for (const auto& [who, days] : days_)
    for (auto d : days) slots[who].insert(slot_of(d, anchor));
  for (const auto& p : cfg_.people) {
    missed_run best, current;
    for (std::int64_t s = first_slot; s <= last_slot; ++s) {
      bool mine = slots[p].count(s) > 0;
      bool others = false;
      for (const auto& q : cfg_.people)
        if (q != p && slots[q].count(s)) others = true;
      if (!mine && others) {
        if (current.length == 0) current.first_day = first_day_of(s, anchor);
        ++current.length;
        if (current.length > best.length) best = current;
      } else {
        current = missed_run{};
      }
    }
    if (best.length > 0) runs[p] = best;
  }
  return runs;
}

std::string checkin_slots::unit(std::size_t n) const {
  switch (cfg_.checkin_cadence.k) {
    case cadence::kind::daily: return n == 1 ? "day" : "days";
    case cadence::kind::weekly:
    case cadence::kind::every_weekday: return n == 1 ? "week" : "weeks";
    case cadence::kind::monthly: return n == 1 ? "month" : "months";
    default: return n == 1 ? "check-in period" : "check-in periods";
  }
}

solo_window::solo_window(const settings& cfg, const calendar& cal, const period& span) : days_(cfg.signs.solo_days) {
  sys_seconds end = std::min(span.end, cal.now.utc + std::chrono::seconds(1));
  local_days last = cal.day_of(end - std::chrono::seconds(1));
  local_days first = last - std::chrono::days{days_ - 1};
  window_begin_ = cal.tz.day_start(first);
  window_end_ = end;
  usable_ = span.begin == sys_seconds::min() || window_begin_ >= span.begin;
}

void solo_window::add(const record& e) {
  auto& f = people_[e.who];
  if (e.kind == "solo" && (!f.last_solo || f.last_solo->utc < e.at.utc)) f.last_solo = e.at;
  if (e.at.utc < window_begin_ || e.at.utc >= window_end_) return;
  ++f.entries;
  if (e.kind == "solo") f.had_solo = true;
}

void find_signs(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>& not_enough) {
  const auto& t = in.cfg.signs;
  const report& r = in.r;

  // one-sided: a low "heard", or one well below another person's.
  {
    const dimension_summary* heard = find_dimension(r, "heard");
    low_rating_finding low = low_ratings(in, "heard");
    sign s{"one-sided", "Conversations may feel one-sided", low.people, low.evidence, "", ""};
    if (heard) {
      for (const auto& p : heard->people) {
        if (p.count < static_cast<std::size_t>(t.min_checkins) || !p.mean) continue;
        for (const auto& q : heard->people) {
          if (q.name == p.name || q.count < static_cast<std::size_t>(t.min_checkins) || !q.mean) continue;
          if (at_least(*q.mean - *p.mean, t.rating_gap) && std::find(low.people.begin(), low.people.end(), p.name) == low.people.end()) {
            add_unique(s.concerns, p.name);
            s.evidence.push_back(fmt::format("{}'s \"heard\" rating averaged {} over {}; {}'s averaged {} — a gap of {}.",
                                             p.name, one_decimal(*p.mean), plural(p.count, "check-in", "check-ins"), q.name,
                                             one_decimal(*q.mean), one_decimal(*q.mean - *p.mean)));
          }
        }
      }
    }
    if (!s.concerns.empty()) {
      order_people(s.concerns, in.cfg);
      s.data = checkin_data(heard);
      s.suggestion =
          "Take ten minutes each to talk while the other only listens, then swap. "
          "Starting with \"I feel … when …\" keeps it about your own experience.";
      signs.push_back(std::move(s));
    } else if (!low.enough_data) {
      not_enough.push_back(fmt::format("one-sided (needs {} \"heard\" ratings from someone)", t.min_checkins));
    }
  }

  // blurred-boundaries: repeated yes-meaning-no, or boundaries crossed repeatedly.
  {
    sign s{"blurred-boundaries", "Boundaries are getting blurry", {}, {}, "", ""};
    std::size_t events = 0;
    for (const auto& b : r.boundaries) {
      events += b.gave_in + b.crossed;
      if (b.gave_in >= static_cast<std::size_t>(t.gave_in)) {
        add_unique(s.concerns, b.person);
        s.evidence.push_back(fmt::format("{} noted saying yes while meaning no {}.", b.person, times(b.gave_in)));
      }
      if (b.crossed >= static_cast<std::size_t>(t.crossed)) {
        add_unique(s.concerns, b.person);
        s.evidence.push_back(fmt::format("{}'s boundaries were noted as crossed {}.", b.person, times(b.crossed)));
      }
    }
    if (!s.concerns.empty()) {
      s.data = fmt::format("Based on {} in this period.", plural(r.events, "boundary event", "boundary events"));
      s.suggestion =
          "A kind \"no\" protects the relationship too. Could you each name one thing you would like to feel free to "
          "decline, and agree that asking for time before answering is fine?";
      signs.push_back(std::move(s));
    }
    (void)events;
  }

  // keeping-score: a low "kind".
  {
    low_rating_finding low = low_ratings(in, "kind");
    if (!low.people.empty()) {
      sign s{"keeping-score", "Score-keeping may be creeping in", low.people, low.evidence,
             checkin_data(find_dimension(r, "kind")),
             "When tallies creep in, talking about what feels unfair works better than counting. What would help "
             "each of you feel appreciated this week?"};
      signs.push_back(std::move(s));
    } else if (!low.enough_data) {
      not_enough.push_back(fmt::format("keeping-score (needs {} \"kind\" ratings from someone)", t.min_checkins));
    }
  }

  // withdrawal: a low "honest", or missed check-ins in a row while another person kept checking in.
  {
    low_rating_finding low = low_ratings(in, "honest");
    sign s{"withdrawal", "Someone may be pulling back", low.people, low.evidence, "", ""};
    std::vector<std::string> data;
    if (!low.people.empty()) data.push_back(checkin_data(find_dimension(r, "honest")));
    for (const auto& [who, run] : in.slots.longest_missed_runs()) {
      if (run.length < static_cast<std::size_t>(t.missed_checkins)) continue;
      add_unique(s.concerns, who);
      std::vector<std::string> others;
      for (const auto& p : in.cfg.people)
        if (p != who) others.push_back(p);
      s.evidence.push_back(fmt::format("No check-in from {} for {} {} in a row from {}, while {} kept checking in.", who,
                                       run.length, in.slots.unit(run.length), day_text(run.first_day), names(others)));
    }
    if (!s.concerns.empty()) {
      order_people(s.concerns, in.cfg);
      if (data.empty()) data.push_back(fmt::format("Based on {} in this period.", plural(r.checkins, "check-in", "check-ins")));
      s.data = data.front();
      s.suggestion =
          "Quiet stretches happen. A short, low-pressure check-in over a walk or a coffee can make the hard things "
          "easier to say. If honesty does not feel safe, a counsellor can help, together or alone.";
      signs.push_back(std::move(s));
    }
  }

  // lost-self: no solo time lately while busy with everything else, or a low "space".
  {
    low_rating_finding low = low_ratings(in, "space");
    sign s{"lost-self", "Room for your own life is shrinking", low.people, low.evidence, "", ""};
    std::size_t entries = 0;
    if (in.solo.usable()) {
      for (const auto& p : in.cfg.people) {
        auto it = in.solo.people().find(p);
        if (it == in.solo.people().end() || it->second.entries == 0 || it->second.had_solo) continue;
        entries += it->second.entries;
        add_unique(s.concerns, p);
        std::string last = it->second.last_solo ? fmt::format(" (the last one in this period was on {})", format_date(*it->second.last_solo))
                                                : std::string();
        s.evidence.push_back(fmt::format("{} logged {} in the last {} days and no solo time{}.", p,
                                         plural(it->second.entries, "entry", "entries"), in.solo.days(), last));
      }
    }
    if (!s.concerns.empty()) {
      order_people(s.concerns, in.cfg);
      s.data = entries ? fmt::format("Based on {} in the last {} days.", plural(entries, "ledger entry", "ledger entries"),
                                     in.solo.days())
                       : checkin_data(find_dimension(r, "space"));
      s.suggestion =
          "Time apart feeds time together. Could each of you plan one thing of your own this week — a class, a "
          "friend, a walk alone — and cheer the other one on?";
      signs.push_back(std::move(s));
    }
  }

  // one-chooser: one person makes most of a topic's choices.
  {
    sign s{"one-chooser", "One person is making most of the choices", {}, {}, "", ""};
    std::size_t choices = 0;
    bool any_topic = false;
    for (const auto& tc : r.choices) {
      if (tc.choices < static_cast<std::size_t>(t.min_choices)) continue;
      any_topic = true;
      for (const auto& [who, n] : tc.counts) {
        double share = static_cast<double>(n) / static_cast<double>(tc.choices);
        if (at_least(share, t.chooser_share)) {
          add_unique(s.concerns, who);
          choices += tc.choices;
          s.evidence.push_back(fmt::format("{} made {} of the {} {} choices ({}).", who, n, tc.choices, tc.topic, percent(share)));
        }
      }
    }
    if (!s.concerns.empty()) {
      order_people(s.concerns, in.cfg);
      s.data = fmt::format("Based on {}.", plural(choices, "choice", "choices"));
      s.suggestion =
          "Swapping who decides keeps both voices in the small things. `balance-ledger turn TOPIC` tells you whose "
          "pick is next.";
      signs.push_back(std::move(s));
    } else if (!any_topic) {
      not_enough.push_back(fmt::format("one-chooser (no topic has {} choices yet)", t.min_choices));
    }
  }

  // uneven-load: chores or invisible work carried beyond the agreed share.
  {
    sign s{"uneven-load", "The load is not shared as agreed", {}, {}, "", ""};
    std::size_t entries = 0;
    bool enough = false;
    for (const auto& g : r.give_and_take.groups) {
      if (g.group != "chore" && g.group != "invisible") continue;
      if (g.entries < static_cast<std::size_t>(t.min_entries)) continue;
      enough = true;
      for (const auto& p : g.people) {
        if (!at_least(p.deviation(), t.share_gap)) continue;
        add_unique(s.concerns, p.name);
        entries += g.entries;
        s.evidence.push_back(fmt::format("{} carried {} of the {} by weight ({} of {}), where you agreed on {}.", p.name,
                                         percent(p.share), g.group == "chore" ? "chores" : "invisible work",
                                         fmt::format("{:g}", p.sum), fmt::format("{:g}", g.total), percent(p.target)));
      }
    }
    if (!s.concerns.empty()) {
      order_people(s.concerns, in.cfg);
      s.data = fmt::format("Based on {}.", plural(entries, "ledger entry", "ledger entries"));
      s.suggestion =
          "Naming the work is the first step to sharing it. Could you list together what goes into it — the "
          "planning and remembering too — and pick one thing to swap?";
      signs.push_back(std::move(s));
    } else if (!enough) {
      not_enough.push_back(fmt::format("uneven-load (needs {} chore or invisible entries)", t.min_entries));
    }
  }

  // one-sided-sacrifice: a low "shared", or the sacrifices logged mostly by one person.
  {
    low_rating_finding low = low_ratings(in, "shared");
    sign s{"one-sided-sacrifice", "Sacrifices are coming from one side", low.people, low.evidence, "", ""};
    std::string data = low.people.empty() ? "" : checkin_data(find_dimension(r, "shared"));
    if (in.sacrifices >= static_cast<std::size_t>(t.min_sacrifices)) {
      double total = 0;
      for (const auto& [who, w] : in.sacrifice_weight) total += w;
      for (const auto& p : in.cfg.people) {
        auto it = in.sacrifice_weight.find(p);
        if (it == in.sacrifice_weight.end() || total <= 0) continue;
        double share = it->second / total;
        if (!at_least(share, t.sacrifice_share)) continue;
        add_unique(s.concerns, p);
        s.evidence.push_back(fmt::format("{} made {} of the sacrifices logged by weight ({} in all).", p, percent(share),
                                         plural(in.sacrifices, "entry", "entries")));
        data = fmt::format("Based on {}.", plural(in.sacrifices, "sacrifice", "sacrifices"));
      }
    }
    if (!s.concerns.empty()) {
      order_people(s.concerns, in.cfg);
      s.data = data;
      s.suggestion =
          "Plans hold up best when both of you give something. Look at the next big decision together and at what "
          "each of you would be giving up.";
      signs.push_back(std::move(s));
    } else if (!low.enough_data && in.sacrifices < static_cast<std::size_t>(t.min_sacrifices)) {
      not_enough.push_back(fmt::format("one-sided-sacrifice (needs {} \"shared\" ratings from someone or {} sacrifices)",
                                       t.min_checkins, t.min_sacrifices));
    }
  }
}

void describe_what_works(const sign_inputs& in, std::vector<std::string>& working) {
  const auto& t = in.cfg.signs;
  const report& r = in.r;
  for (const auto& d : r.dimensions) {
    if (d.retired || !d.mean || d.count < static_cast<std::size_t>(t.min_checkins) || !at_least(*d.mean, 4.0)) continue;
    working.push_back(fmt::format("\"{}\" averages {} across {}{}", d.key, one_decimal(*d.mean),
                                  plural(d.count, "check-in", "check-ins"), d.high.empty() ? "." : ": " + d.high + "."));
  }
  for (const auto& g : r.give_and_take.groups) {
    if ((g.group != "chore" && g.group != "invisible") || g.entries < static_cast<std::size_t>(t.min_entries)) continue;
    bool close = std::all_of(g.people.begin(), g.people.end(),
                             [&](const person_share& p) { return std::fabs(p.deviation()) < t.share_gap - tolerance; });
    if (!close) continue;
    std::vector<std::string> parts;
    for (const auto& p : g.people) parts.push_back(fmt::format("{} {}", p.name, percent(p.share)));
    working.push_back(fmt::format("{} shared close to what you agreed ({}).", g.group == "chore" ? "Chores are" : "Invisible work is",
                                  names(parts)));
  }
  for (const auto& g : r.give_and_take.groups)
    if (g.group == "together" && g.entries > 0)
      working.push_back(fmt::format("You made time for each other {}.", times(g.entries)));
  for (const auto& tc : r.choices) {
    if (tc.choices < static_cast<std::size_t>(t.min_choices)) continue;
    bool balanced = std::all_of(tc.counts.begin(), tc.counts.end(), [&](const auto& c) {
      return static_cast<double>(c.second) / static_cast<double>(tc.choices) < t.chooser_share - tolerance;
    });
    if (!balanced) continue;
    std::vector<std::string> parts;
    for (const auto& [who, n] : tc.counts) parts.push_back(fmt::format("{} {}", who, n));
    working.push_back(fmt::format("You take turns choosing {} ({}).", tc.topic, names(parts)));
  }
  std::size_t respected = 0;
  for (const auto& b : r.boundaries) respected += b.respected;
  if (respected > 0) working.push_back(fmt::format("Boundaries were respected {}.", times(respected)));
}

}  // namespace balance::detail
