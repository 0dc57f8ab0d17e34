#include "signs.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "balance/cadence.hpp"
#include "balance/text.hpp"

namespace balance::detail {

namespace {

// Thresholds are inclusive ("at its threshold, raised"); a hair of tolerance keeps 0.65 − 0.5
// from missing 0.15 by a rounding error.
constexpr double tolerance = 1e-9;
bool at_most(double v, double limit) { return v <= limit + tolerance; }
bool at_least(double v, double limit) { return v >= limit - tolerance; }

std::string one_decimal(double v) { return fmt::format("{:.1f}", v); }
std::string percent(double share) { return share_text(share); }
std::string times(std::size_t n) { return n == 1 ? "once" : fmt::format("{} times", n); }
std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

const char* const month_names[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

// "2 November", with the year when it is not this year's.
std::string day_words(local_days d, const calendar& cal) {
  std::chrono::year_month_day ymd{d};
  std::chrono::year_month_day today{cal.today()};
  std::string text = fmt::format("{} {}", static_cast<unsigned>(ymd.day()), month_names[static_cast<unsigned>(ymd.month()) - 1]);
  if (ymd.year() != today.year()) text += fmt::format(" {}", static_cast<int>(ymd.year()));
  return text;
}

const dimension_summary* find_dimension(const report& r, std::string_view key) {
  for (const auto& d : r.dimensions)
    if (d.key == key) return &d;
  return nullptr;
}

void add_unique(std::vector<std::string>& people, const std::string& name) {
  if (std::find(people.begin(), people.end(), name) == people.end()) people.push_back(name);
}

// Keeps `people` in balance.toml order.
void order_people(std::vector<std::string>& people, const settings& cfg) {
  std::vector<std::string> ordered;
  for (const auto& p : cfg.people)
    if (std::find(people.begin(), people.end(), p) != people.end()) ordered.push_back(p);
  people = ordered;
}

// A rating sign rests on a person's own ratings: enough of them, spread over enough days.
bool enough_ratings(const person_dimension& p, const sign_thresholds& t) {
  if (p.count < static_cast<std::size_t>(t.min_checkins) || !p.mean || !p.first_day || !p.last_day) return false;
  return (*p.last_day - *p.first_day).count() + 1 >= t.min_rating_days;
}

std::string needs_ratings(std::string_view key, const sign_thresholds& t) {
  return fmt::format("needs {} \"{}\" ratings from one person over {} days", t.min_checkins, key, t.min_rating_days);
}

std::string span_words(const person_dimension& p, const calendar& cal) {
  if (!p.first_day || !p.last_day) return "";
  if (*p.first_day == *p.last_day) return fmt::format("on {}", day_words(*p.first_day, cal));
  return fmt::format("{} to {}", day_words(*p.first_day, cal), day_words(*p.last_day, cal));
}

// "From sam's side, "kind" averaged 2.0 over 4 ratings (2 November to 23 November)."
std::string from_side(const person_dimension& p, std::string_view key, const calendar& cal) {
  return fmt::format("From {}'s side, \"{}\" averaged {} over {} ({}).", p.name, key, one_decimal(*p.mean),
                     plural(p.count, "rating", "ratings"), span_words(p, cal));
}

// "9 "heard" ratings: 4 from alex and 5 from sam, 2 November to 23 November"
std::string rating_basis(const dimension_summary& d, const calendar& cal) {
  std::vector<std::string> parts;
  std::optional<local_days> first, last;
  for (const auto& p : d.people) {
    if (!p.count) continue;
    parts.push_back(fmt::format("{} from {}", p.count, p.name));
    if (p.first_day && (!first || *p.first_day < *first)) first = p.first_day;
    if (p.last_day && (!last || *p.last_day > *last)) last = p.last_day;
  }
  std::string when;
  if (first && last)
    when = *first == *last ? fmt::format(", on {}", day_words(*first, cal))
                           : fmt::format(", {} to {}", day_words(*first, cal), day_words(*last, cal));
  return fmt::format("{} \"{}\" {}: {}{}", d.count, d.key, d.count == 1 ? "rating" : "ratings", join_names(parts), when);
}

std::string rating_data(const dimension_summary& d, const calendar& cal) { return "Based on " + rating_basis(d, cal) + "."; }

// People whose rating of `key` is low, each with their own sentence.
struct low_rating_finding {
  std::vector<std::string> people;
  std::vector<std::string> evidence;
  bool enough_data = false;  // someone has enough ratings to tell
};

low_rating_finding low_ratings(const sign_inputs& in, std::string_view key) {
  low_rating_finding f;
  const dimension_summary* d = find_dimension(in.r, key);
  if (!d) return f;
  for (const auto& p : d->people) {
    if (!enough_ratings(p, in.cfg.signs)) continue;
    f.enough_data = true;
    if (at_most(*p.mean, in.cfg.signs.low_rating)) {
      f.people.push_back(p.name);
      f.evidence.push_back(from_side(p, key, in.cal));
    }
  }
  return f;
}

// A sign resting on low ratings of one dimension (one-sided, keeping-score, withdrawal).
void rating_sign(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>& not_enough, const char* id,
                 std::string_view key, const char* title, const char* suggestion) {
  const dimension_summary* d = find_dimension(in.r, key);
  if (!d) return;
  low_rating_finding low = low_ratings(in, key);
  if (!low.people.empty()) {
    signs.push_back(sign{id, title, low.people, low.evidence, rating_data(*d, in.cal), suggestion, false});
  } else if (!low.enough_data) {
    not_enough.push_back(fmt::format("{} ({})", id, needs_ratings(key, in.cfg.signs)));
  }
}

// Events per 28 days: a long period does not turn an old count into a pattern, and a short one
// does not inflate a single event.
double per_28_days(std::size_t count, double days) { return static_cast<double>(count) * 28.0 / std::max(days, 28.0); }

std::string rate_words(std::size_t count, double days) {
  if (days <= 28.0 + tolerance) return "";
  return fmt::format(" (about {} per 28 days)", one_decimal(per_28_days(count, days)));
}

const group_shares* find_group(const report& r, std::string_view kind) {
  for (const auto& g : r.give_and_take.groups)
    if (g.group == kind) return &g;
  return nullptr;
}

std::string kind_words(std::string_view kind) { return kind == "chore" ? "chores" : "invisible work"; }

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
    case cadence::kind::every_month_on: {
      // A slot runs from one month's Nth (clamped) to the next.
      std::chrono::year_month_day ymd{d};
      std::int64_t month = static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
      return d < first_day_of(month, anchor) ? month - 1 : month;
    }
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
    case cadence::kind::every_month_on: {
      std::chrono::year_month ym{std::chrono::year{static_cast<int>(slot / 12)}, std::chrono::month{static_cast<unsigned>(slot % 12 + 1)}};
      const std::chrono::day last = (ym / std::chrono::last).day();
      return local_days{ym / std::min(std::chrono::day{static_cast<unsigned>(c.days)}, last)};
    }
    case cadence::kind::off: return local_days{};
  }
  return local_days{};
}

checkin_slots::missed_run checkin_slots::quiet_stretch(const std::string& who) const {
  missed_run run;
  if (!usable()) return run;
  local_days first_seen = local_days::max();
  for (const auto& [person, days] : days_) first_seen = std::min(first_seen, *days.begin());
  local_days today = cal_.today();
  local_days first = span_.begin != sys_seconds::min() ? cal_.day_of(span_.begin) : first_seen;
  if (first == local_days::max()) return run;  // nobody has checked in: nothing to compare with
  local_days anchor = first;
  local_days last_day = span_.end == sys_seconds::max() ? today : cal_.day_of(span_.end - std::chrono::seconds(1));
  std::int64_t first_slot = slot_of(first, anchor);
  std::int64_t last_slot = slot_of(last_day, anchor);
  // Only finished slots count: the one holding today is still open.
  if (last_day >= today) last_slot = slot_of(today, anchor) - 1;
  std::set<std::int64_t> mine;
  if (auto it = days_.find(who); it != days_.end()) {
    for (auto d : it->second) mine.insert(slot_of(d, anchor));
    if (!it->second.empty()) run.last_checkin = *it->second.rbegin();
  }
  for (std::int64_t s = last_slot; s >= first_slot && !mine.count(s); --s) {
    ++run.length;
    run.first_day = first_day_of(s, anchor);
  }
  return run;
}

std::string checkin_slots::unit(std::size_t n) const {
  switch (cfg_.checkin_cadence.k) {
    case cadence::kind::daily: return n == 1 ? "day" : "days";
    case cadence::kind::weekly:
    case cadence::kind::every_weekday: return n == 1 ? "week" : "weeks";
    case cadence::kind::monthly:
    case cadence::kind::every_month_on: return n == 1 ? "month" : "months";
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

namespace {

// The speaking time of the period's talks: whoever spoke talk_share or more of the minutes,
// over at least min_talks talks.
void talk_time(const sign_inputs& in, sign& s, std::vector<std::string>& data) {
  const auto& t = in.cfg.signs;
  if (in.r.talks < static_cast<std::size_t>(t.min_talks)) return;
  double total = 0;
  for (const auto& [who, m] : in.r.talk_minutes) total += m;
  if (total <= 0) return;
  bool found = false;
  for (const auto& [who, m] : in.r.talk_minutes) {
    double share = m / total;
    if (!at_least(share, t.talk_share)) continue;
    add_unique(s.people, who);
    s.evidence.push_back(fmt::format("In the {} talks, {} spoke {} of the {} minutes ({}).", in.r.talks, who,
                                     fmt::format("{:g}", std::round(m * 10) / 10), fmt::format("{:g}", std::round(total * 10) / 10),
                                     percent(share)));
    found = true;
  }
  if (found) data.push_back(fmt::format("{} talks", in.r.talks));
}

// one-sided: a low "heard", or the talks' minutes mostly one voice.
void one_sided(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>& not_enough) {
  const auto& t = in.cfg.signs;
  low_rating_finding low = low_ratings(in, "heard");
  sign s{"one-sided", "Conversations may feel one-sided", low.people, low.evidence, "", "", false};
  std::vector<std::string> data;
  if (!low.people.empty()) data.push_back(rating_basis(*find_dimension(in.r, "heard"), in.cal));
  talk_time(in, s, data);
  if (!s.people.empty()) {
    order_people(s.people, in.cfg);
    // The rating basis has commas of its own: a semicolon sets the talks apart.
    s.data = "Based on " + (data.size() == 2 ? data[0] + "; and " + data[1] : data[0]) + ".";
    s.suggestion = !low.people.empty()
                       ? "Could you each take ten minutes to talk while the other only listens, then swap? Starting "
                         "with \"I feel … when …\" keeps it about your own side."
                       : "Could you swap who opens the next talk, and let the timer keep the turns even? The one "
                         "listening sums up before answering.";
    signs.push_back(std::move(s));
  } else if (!low.enough_data && in.r.talks < static_cast<std::size_t>(t.min_talks)) {
    // Talk time is mentioned once talks are being noted; before that the ratings are the way in.
    if (!find_dimension(in.r, "heard")) return;
    std::string talks = in.r.talks ? fmt::format(", or {} talks", t.min_talks) : "";
    not_enough.push_back(fmt::format("one-sided ({}{})", needs_ratings("heard", t), talks));
  }
}

// seen-differently: the same dimension rated far apart, each person with enough ratings.
void seen_differently(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>&) {
  const auto& t = in.cfg.signs;
  const report& r = in.r;
  for (const auto& d : r.dimensions) {
    if (d.retired) continue;
    std::vector<const person_dimension*> rated;
    for (const auto& p : d.people)
      if (enough_ratings(p, t)) rated.push_back(&p);
    if (rated.size() < 2) continue;
    auto [lo, hi] = std::minmax_element(rated.begin(), rated.end(),
                                        [](const person_dimension* a, const person_dimension* b) { return *a->mean < *b->mean; });
    if (!at_least(*(*hi)->mean - *(*lo)->mean, t.rating_gap)) continue;
    std::vector<std::string> sides, people;
    for (const auto* p : rated) {
      sides.push_back(fmt::format("{} from {}'s side", one_decimal(*p->mean), p->name));
      people.push_back(p->name);
    }
    signs.push_back(sign{"seen-differently", fmt::format("You see \"{}\" differently", d.key), people,
                         {fmt::format("\"{}\": {}.", d.key, join_names(sides))}, rating_data(d, in.cal),
                         "Two views of the same thing are worth comparing, not settling. Could each of you describe "
                         "one moment behind your rating, while the other listens and sums up what they heard?",
                         false});
  }
}

// blurred-boundaries: yes-meaning-no, or crossed boundaries, as rates per 28 days.
void blurred_boundaries(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>&) {
  const auto& t = in.cfg.signs;
  const report& r = in.r;
  sign s{"blurred-boundaries", "Boundaries may need a kind look", {}, {}, "", "", false};
  for (const auto& b : r.boundaries) {
    if (b.gave_in > 0 && at_least(per_28_days(b.gave_in, in.days), t.gave_in)) {
      add_unique(s.people, b.person);
      s.evidence.push_back(
          fmt::format("{} noted saying yes while meaning no {}{}.", b.person, times(b.gave_in), rate_words(b.gave_in, in.days)));
    }
    if (b.crossed > 0 && at_least(per_28_days(b.crossed, in.days), t.crossed)) {
      add_unique(s.people, b.person);
      s.evidence.push_back(fmt::format("{}'s boundaries were noted as crossed {}{}.", b.person, times(b.crossed),
                                       rate_words(b.crossed, in.days)));
    }
  }
  if (!s.people.empty()) {
    s.data = fmt::format("Based on {} over {}.", plural(r.events, "boundary event", "boundary events"),
                         plural(static_cast<std::size_t>(std::lround(in.days)), "day", "days"));
    s.suggestion =
        "A kind \"no\" protects the relationship too. Could you each name one thing you would like to feel free "
        "to decline, and agree that asking for time before answering is fine?";
    signs.push_back(std::move(s));
  }
}

void keeping_score(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>& not_enough) {
  rating_sign(in, signs, not_enough, "keeping-score", "kind", "Kindness may be turning into keeping score",
              "When tallies creep in, talking about what feels unfair works better than counting. What would help "
              "each of you feel appreciated this week?");
}

void withdrawal(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>& not_enough) {
  rating_sign(in, signs, not_enough, "withdrawal", "honest", "Speaking openly may feel hard",
              "Hard things are easier to say when the other person only listens. A short, low-pressure talk over a "
              "walk can help, and so can a counsellor, together or on your own.");
}

// quiet-stretch: only in the viewer's own private view, about their own check-ins.
void quiet_stretch(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>&) {
  const auto& t = in.cfg.signs;
  const report& r = in.r;
  if (r.view == report_view::mine && !r.viewer.empty() && in.slots.usable()) {
    auto run = in.slots.quiet_stretch(r.viewer);
    if (run.length >= static_cast<std::size_t>(t.missed_checkins)) {
      signs.push_back(sign{"quiet-stretch", "A quiet stretch", {r.viewer},
                           {run.last_checkin
                                ? fmt::format("No check-in from you in the last {} {}; your last one was on {}.", run.length,
                                              in.slots.unit(run.length), day_words(*run.last_checkin, in.cal))
                                : fmt::format("No check-in from you in the last {} {} of this period.", run.length,
                                              in.slots.unit(run.length))},
                           fmt::format("Based on your check-ins in this period ({} cadence).",
                                       in.cfg.checkin_cadence.to_string()),
                           "Two minutes is enough to start again: `balance-checkin`.", false});
    }
  }
}

// lost-self: busy for weeks with no solo time, or a low "space".
void lost_self(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>&) {
  const report& r = in.r;
  low_rating_finding low = low_ratings(in, "space");
  sign s{"lost-self", "Room for your own life looks thin", low.people, low.evidence, "", "", false};
  std::vector<std::string> data;
  std::size_t entries = 0;
  // Time of one's own is self-care: the ledger part is only ever the viewer's own, in their
  // private view (where their private solo time counts too), never a note about a partner.
  if (in.solo.usable() && r.view == report_view::mine && !r.viewer.empty()) {
    for (const auto& p : std::vector<std::string>{r.viewer}) {
      auto it = in.solo.people().find(p);
      if (it == in.solo.people().end() || it->second.entries == 0 || it->second.had_solo) continue;
      entries += it->second.entries;
      add_unique(s.people, p);
      std::string last = it->second.last_solo
                             ? fmt::format(" (the last one in this period was on {})",
                                           day_words(in.cal.day_of(it->second.last_solo->utc), in.cal))
                             : std::string();
      s.evidence.push_back(fmt::format("You logged {} in the last {} days and no time of your own{}.",
                                       plural(it->second.entries, "entry", "entries"), in.solo.days(), last));
    }
  }
  if (!s.people.empty()) {
    order_people(s.people, in.cfg);
    if (entries) data.push_back(fmt::format("{} in the last {} days", plural(entries, "ledger entry", "ledger entries"), in.solo.days()));
    if (!low.people.empty()) data.push_back(rating_basis(*find_dimension(r, "space"), in.cal));
    s.data = "Based on " + join_names(data) + ".";
    s.suggestion =
        "Time apart feeds time together. Could each of you plan one thing of your own this week — a class, a "
        "friend, a walk alone — and cheer the other one on?";
    signs.push_back(std::move(s));
  }
}

// one-chooser: one topic's choices leaning one way, with enough choices to say so.
void one_chooser(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>& not_enough) {
  const auto& t = in.cfg.signs;
  const report& r = in.r;
  bool any_topic = false;
  for (const auto& tc : r.choices) {
    if (tc.choices < static_cast<std::size_t>(t.min_choices)) continue;
    any_topic = true;
    for (const auto& [who, n] : tc.counts) {
      double share = static_cast<double>(n) / static_cast<double>(tc.choices);
      if (!at_least(share, t.chooser_share)) continue;
      signs.push_back(sign{"one-chooser", fmt::format("Who picks {} has leaned one way", tc.topic), {who},
                           {n == tc.choices ? fmt::format("All {} {} choices logged were {}'s.", tc.choices, tc.topic, who)
                                            : fmt::format("{} of the {} {} choices logged were {}'s.", n, tc.choices, tc.topic, who)},
                           fmt::format("Based on {} in this period.", plural(tc.choices, tc.topic + " choice", tc.topic + " choices")),
                           "Swapping who decides keeps both voices in the small things. `balance-ledger turn TOPIC` "
                           "says whose pick is next.",
                           false});
    }
  }
  if (!any_topic) not_enough.push_back(fmt::format("one-chooser (no topic has {} choices yet)", t.min_choices));
}

// uneven-load: chores or invisible work leaning far from the agreed split.
void uneven_load(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>& not_enough) {
  const report& r = in.r;
  const auto& t = in.cfg.signs;
  bool enough_load = false;
  for (const char* kind : {"chore", "invisible"}) {
    const group_shares* g = find_group(r, kind);
    if (!g || g->entries < static_cast<std::size_t>(t.min_entries)) continue;
    enough_load = true;
    sign s{"uneven-load",
           fmt::format("{} leaned away from what you agreed", kind == std::string_view("chore") ? "Chores have" : "Invisible work has"),
           {}, {}, "", "", false};
    for (const auto& p : g->people) {
      if (!at_least(p.deviation(), t.share_gap)) continue;
      s.people.push_back(p.name);
      s.evidence.push_back(fmt::format("{} logged {} of the {} by weight ({} of {}); you agreed on {}.", p.name,
                                       percent(p.share), kind_words(kind), plural(p.entries, "entry", "entries"),
                                       g->entries, percent(p.target)));
    }
    if (s.people.empty()) continue;
    s.data = fmt::format("Based on {} in this period.", plural(g->entries, std::string(kind) + " entry",
                                                            std::string(kind) + " entries"));
    s.suggestion =
        "Naming the work is the first step to sharing it. Could you list together what goes into it — the "
        "planning and remembering too — and pick one thing to swap?";
    signs.push_back(std::move(s));
  }
  if (!enough_load) not_enough.push_back(fmt::format("uneven-load (needs {} chore or invisible entries)", t.min_entries));
}

// one-sided-sacrifice: a low "shared", or the sacrifices logged mostly by one person.
void one_sided_sacrifice(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>& not_enough) {
  const report& r = in.r;
  const auto& t = in.cfg.signs;
  low_rating_finding low = low_ratings(in, "shared");
  sign s{"one-sided-sacrifice", "Sacrifices may be coming from one side", low.people, low.evidence, "", "", false};
  std::vector<std::string> data;
  if (!low.people.empty()) data.push_back(rating_basis(*find_dimension(r, "shared"), in.cal));
  if (in.sacrifices >= static_cast<std::size_t>(t.min_sacrifices)) {
    double total = 0;
    for (const auto& [who, w] : in.sacrifice_weight) total += w;
    for (const auto& p : in.cfg.people) {
      auto it = in.sacrifice_weight.find(p);
      if (it == in.sacrifice_weight.end() || total <= 0) continue;
      double share = it->second / total;
      if (!at_least(share, t.sacrifice_share)) continue;
      add_unique(s.people, p);
      std::size_t n = in.sacrifice_count.count(p) ? in.sacrifice_count.at(p) : 0;
      s.evidence.push_back(n == in.sacrifices
                               ? fmt::format("All {} sacrifices logged were {}'s.", in.sacrifices, p)
                               : fmt::format("{} of the {} sacrifices logged were {}'s ({} by weight).", n, in.sacrifices, p,
                                             percent(share)));
      data.push_back(plural(in.sacrifices, "sacrifice", "sacrifices"));
    }
  }
  if (!s.people.empty()) {
    order_people(s.people, in.cfg);
    s.data = "Based on " + join_names(data) + ".";
    s.suggestion =
        "Plans hold up best when both of you give something. Could you look at the next big decision together, "
        "and at what each of you would be giving up?";
    signs.push_back(std::move(s));
  } else if (!low.enough_data && in.sacrifices < static_cast<std::size_t>(t.min_sacrifices)) {
    not_enough.push_back(fmt::format("one-sided-sacrifice ({}, or {} sacrifices)", needs_ratings("shared", t), t.min_sacrifices));
  }
}

// The signs in the order a report lists them.
using sign_check = void (*)(const sign_inputs&, std::vector<sign>&, std::vector<std::string>&);
const sign_check sign_checks[] = {
    one_sided,
    seen_differently,
    blurred_boundaries,
    keeping_score,
    withdrawal,
    quiet_stretch,
    lost_self,
    one_chooser,
    uneven_load,
    one_sided_sacrifice,
};

// A dimension works only when it works for everyone: a pooled mean would hide a partner at 3.
void dimensions_at_four(const sign_inputs& in, std::vector<std::string>& working) {
  const auto& t = in.cfg.signs;
  const std::string every = in.cfg.people.size() == 2 ? "both sides" : "every side";
  for (const auto& d : in.r.dimensions) {
    if (d.retired || d.people.empty()) continue;
    bool all = std::all_of(d.people.begin(), d.people.end(),
                           [&](const person_dimension& p) { return enough_ratings(p, t) && at_least(*p.mean, 4.0); });
    if (!all) continue;
    std::vector<std::string> parts;
    for (const auto& p : d.people) parts.push_back(fmt::format("{} {}", p.name, one_decimal(*p.mean)));
    working.push_back(fmt::format("\"{}\" is at 4 or above from {} ({}){}", d.key, every, join_names(parts),
                                  d.high.empty() ? "." : ": " + d.high + "."));
  }
}

// Improvements against the previous period, per person, with enough ratings in both.
void improvements(const sign_inputs& in, const dimension_summary& d, const std::string& what,
                  std::vector<std::string>& working) {
  const auto& t = in.cfg.signs;
  for (const auto& p : d.people) {
    if (p.count < static_cast<std::size_t>(t.min_checkins) || p.previous_count < static_cast<std::size_t>(t.min_checkins))
      continue;
    auto change = p.trend();
    if (!change || !at_least(*change, 0.5)) continue;
    working.push_back(fmt::format("From {}'s side, {} rose from {} to {} since the previous period.", p.name, what,
                                  one_decimal(*p.previous_mean), one_decimal(*p.mean)));
  }
}

void rising_ratings(const sign_inputs& in, std::vector<std::string>& working) {
  for (const auto& d : in.r.dimensions)
    if (!d.retired) improvements(in, d, fmt::format("\"{}\"", d.key), working);
  improvements(in, in.r.mood, "mood", working);
}

void shares_as_agreed(const sign_inputs& in, std::vector<std::string>& working) {
  const auto& t = in.cfg.signs;
  for (const char* kind : {"chore", "invisible"}) {
    const group_shares* g = find_group(in.r, kind);
    if (!g || g->entries < static_cast<std::size_t>(t.min_share_entries)) continue;
    if (split_words(*g, t.share_gap) != "close to") continue;
    std::vector<std::string> parts;
    for (const auto& p : g->people) parts.push_back(fmt::format("{} {}", p.name, percent(p.share)));
    working.push_back(fmt::format("{} shared close to what you agreed ({}).",
                                  kind == std::string_view("chore") ? "Chores were" : "Invisible work was", join_names(parts)));
  }
}

void time_together(const sign_inputs& in, std::vector<std::string>& working) {
  if (const group_shares* g = find_group(in.r, "together"); g && g->entries > 0)
    working.push_back(fmt::format("You made time for each other {}{}.", times(g->entries),
                                  g->minutes > 0 ? fmt::format(" ({:.1f} h)", static_cast<double>(g->minutes) / 60.0) : ""));
}

void turns_taken(const sign_inputs& in, std::vector<std::string>& working) {
  const auto& t = in.cfg.signs;
  for (const auto& tc : in.r.choices) {
    if (tc.choices < static_cast<std::size_t>(t.min_choices)) continue;
    // Turns means close to even: nobody above an even share by more than a tenth (60% of two
    // people's choices). Between that and the one-chooser sign's threshold nothing is said.
    const double even = 1.0 / static_cast<double>(std::max<std::size_t>(in.cfg.people.size(), 1));
    bool balanced = std::all_of(tc.counts.begin(), tc.counts.end(), [&](const auto& c) {
      return static_cast<double>(c.second) / static_cast<double>(tc.choices) <= even + 0.10 + tolerance;
    });
    if (!balanced) continue;
    std::vector<std::string> parts;
    for (const auto& [who, n] : tc.counts) parts.push_back(fmt::format("{} {}", who, n));
    working.push_back(fmt::format("You took turns choosing {} ({}).", tc.topic, join_names(parts)));
  }
}

// Catch each other doing something right: by name.
void boundaries_respected(const sign_inputs& in, std::vector<std::string>& working) {
  for (const auto& act : in.respected) {
    std::string whose = act.owner == act.who ? "their own" : act.owner + "'s";
    working.push_back(fmt::format("{} respected {} boundary \"{}\" on {}.", act.who, whose, act.text,
                                  day_words(in.cal.day_of(act.at.utc), in.cal)));
  }
  std::size_t respected = 0;
  for (const auto& b : in.r.boundaries) respected += b.respected;
  if (respected > in.respected.size())
    working.push_back(fmt::format("Boundaries were respected {} in this period.", times(respected)));
}

// Finding the way back after a hard moment is a skill worth seeing; counted, never by name.
void repairs_made(const sign_inputs& in, std::vector<std::string>& working) {
  if (in.r.repairs == 0) return;
  working.push_back(fmt::format("After a hard moment you found your way back {}{}.", times(in.r.repairs),
                                in.r.repairs_with_humour == 0 ? ""
                                : in.r.repairs_with_humour == in.r.repairs
                                    ? (in.r.repairs == 1 ? ", with humour" : ", each time with humour")
                                    : fmt::format(" ({} with humour)", in.r.repairs_with_humour)));
}

// A crossed boundary followed by a repair: the repair is what is worth seeing. Counted, no names.
void crossings_repaired(const sign_inputs& in, std::vector<std::string>& working) {
  if (in.r.crossed_then_repaired == 0) return;
  std::string after = in.r.crossed == 1 ? "After a boundary was noted as crossed"
                      : in.r.crossed == in.r.crossed_then_repaired
                          ? fmt::format("Each of the {} times a boundary was noted as crossed", in.r.crossed)
                          : fmt::format("After {} of the {} times a boundary was noted as crossed",
                                        in.r.crossed_then_repaired, in.r.crossed);
  working.push_back(after + ", a repair followed within three days.");
}

// What is working, in the order a report lists it.
using what_works_check = void (*)(const sign_inputs&, std::vector<std::string>&);
const what_works_check what_works_checks[] = {
    dimensions_at_four, rising_ratings, shares_as_agreed, time_together, turns_taken, boundaries_respected,
    repairs_made, crossings_repaired,
};

}  // namespace

void find_signs(const sign_inputs& in, std::vector<sign>& signs, std::vector<std::string>& not_enough) {
  for (sign_check check : sign_checks) check(in, signs, not_enough);
}

void describe_what_works(const sign_inputs& in, std::vector<std::string>& working) {
  for (what_works_check check : what_works_checks) check(in, working);
}

}  // namespace balance::detail
