#include "balance/report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "balance/cadence.hpp"
#include "balance/error.hpp"
#include "balance/private_sync.hpp"
#include "balance/safety.hpp"
#include "balance/text.hpp"
#include "report_agreements.hpp"
#include "signs.hpp"

namespace balance {

const std::vector<std::string>& report_sections() {
  static const std::vector<std::string> ids = {"safety",  "header",     "working",    "checkins", "give_and_take",
                                               "choices", "boundaries", "agreements", "signs"};
  return ids;
}

std::vector<std::string> parse_sections(const std::vector<std::string>& given) {
  const auto& ids = report_sections();
  std::vector<std::string> out;
  for (const auto& g : given) {
    std::string_view rest = g;
    // --section accepts repeats and comma-separated lists.
    while (!rest.empty()) {
      auto comma = rest.find(',');
      std::string word(trim(rest.substr(0, comma)));
      if (word == "give-and-take") word = "give_and_take";
      if (std::find(ids.begin(), ids.end(), word) == ids.end())
        throw_usage(fmt::format("--section {}: sections are safety (--mine only), header, working, checkins, "
                                "give_and_take, choices, boundaries, agreements, signs{}",
                                escape_for_terminal(word), did_you_mean(word, ids)));
      if (std::find(out.begin(), out.end(), word) == out.end()) out.push_back(word);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return out;
}

namespace detail {

std::optional<double> running_mean::mean() const {
  if (n == 0) return std::nullopt;
  return sum / static_cast<double>(n);
}

}  // namespace detail

using detail::running_mean;

namespace detail {

// What a report gathers while records stream in.
struct report_state {
  const settings& cfg;
  calendar cal;
  report_options opts;
  balance_accumulator kinds;

  // check-ins, by dimension key then person; "mood" is kept apart
  std::map<std::string, std::map<std::string, running_mean>> current, previous;
  std::map<std::string, std::map<std::string, std::map<std::int64_t, running_mean>>> weekly;
  std::map<std::string, running_mean> mood, previous_mood;
  std::map<std::string, std::map<std::int64_t, running_mean>> weekly_mood;
  std::map<std::string, dated_words> feeling, need;
  std::map<std::string, std::vector<dated_words>> thanks;  // per person, newest first, at most 5
  std::size_t repairs = 0, repairs_with_humour = 0;
  std::vector<dated_words> dreams;                 // shared pages tagged dream
  std::size_t private_pages = 0;                   // the viewer's, in the private view
  std::set<std::string> private_page_tags;
  std::vector<sys_seconds> crossed_at, repaired_at;  // to pair crossed boundaries with repairs
  std::size_t talks = 0;
  std::map<std::string, double> talk_minutes;  // person → minutes spoken in talks
  detail::checkin_slots slots;
  std::size_t checkins = 0;
  std::optional<local_days> first_checkin_day;
  std::size_t private_records = 0;
  std::optional<sys_seconds> first_seen;  // the earliest record in the period, for open periods

  // entries
  std::size_t entries = 0;
  std::map<std::string, std::map<std::string, std::size_t>> choice_counts;  // topic → person → n
  std::map<std::string, std::vector<record>> recent_choices;                 // topic → the last few
  detail::solo_window solo;
  std::map<std::string, double> sacrifice_weight;
  std::map<std::string, std::size_t> sacrifice_count;
  std::size_t sacrifices = 0;

  // boundaries
  struct boundary_info {
    std::string owner;
    std::string text;
    bool active = true;
  };
  std::map<std::string, boundary_info> boundaries;
  std::map<std::string, std::map<std::string, std::size_t>> boundary_events;  // id → kind → n
  std::map<std::string, std::size_t> gave_in, space;
  std::map<std::string, std::int64_t> space_minutes;
  std::vector<record> respected;  // the latest few respected events, for "what is working"
  std::size_t events = 0;

  // agreements, with the check-ins around each
  detail::agreement_windows agreements;

  report_state(const settings& c, const calendar& k, report_options o)
      : cfg(c), cal(k), opts(std::move(o)), kinds(c, share_group::kind, share_measure::weight),
        slots(c, k, opts.span), solo(c, k, opts.span), agreements(c, cal, opts.span) {}

  // The shared view sees no private record at all; the private view only the viewer's own.
  bool visible(const record& r) const {
    if (!r.is_private) return true;
    return opts.view == report_view::mine && !opts.viewer.empty() && r.author == opts.viewer;
  }

  std::int64_t week_of(const timestamp& t) const {
    return cal.week_begin(cal.day_of(t.utc)).time_since_epoch().count() / 7;
  }

  void seen(const record& r) {
    if (r.is_private) ++private_records;
    if (!first_seen || r.at.utc < *first_seen) first_seen = r.at.utc;
  }
};

}  // namespace detail

struct report_builder::state : detail::report_state {
  using report_state::report_state;
};

report_builder::report_builder(const settings& cfg, const calendar& cal, report_options opts)
    : s_(std::make_unique<state>(cfg, cal, std::move(opts))) {}

report_builder::~report_builder() = default;

namespace {

constexpr std::size_t thanks_per_person = 5;
constexpr std::size_t respected_shown = 3;

void keep_newest(std::vector<dated_words>& list, dated_words w, std::size_t limit) {
  list.push_back(std::move(w));
  std::sort(list.begin(), list.end(), [](const dated_words& a, const dated_words& b) { return a.at.utc > b.at.utc; });
  if (list.size() > limit) list.resize(limit);
}

using detail::report_state;

// A check-in in the previous period only feeds the comparison with this one.
void gather_previous_checkin(report_state& st, const record& r) {
  for (const auto& rt : r.ratings) st.previous[rt.key][r.who].add(rt.value);
  if (r.mood) st.previous_mood[r.who].add(static_cast<double>(*r.mood));
}

void keep_latest(std::map<std::string, dated_words>& latest, const record& r, const std::string& text) {
  if (text.empty()) return;
  auto it = latest.find(r.who);
  if (it == latest.end() || it->second.at.utc < r.at.utc) latest[r.who] = {r.who, r.at, text, r.is_private, {}};
}

void gather_checkin(report_state& st, const record& r) {
  st.seen(r);
  for (const auto& rt : r.ratings) {
    st.current[rt.key][r.who].add(rt.value, r.at.utc);
    st.weekly[rt.key][r.who][st.week_of(r.at)].add(rt.value);
  }
  ++st.checkins;
  local_days day = st.cal.day_of(r.at.utc);
  if (!st.first_checkin_day || day < *st.first_checkin_day) st.first_checkin_day = day;
  st.slots.add(r.who, day);
  if (r.mood) {
    st.mood[r.who].add(static_cast<double>(*r.mood), r.at.utc);
    st.weekly_mood[r.who][st.week_of(r.at)].add(static_cast<double>(*r.mood));
  }
  keep_latest(st.feeling, r, r.feeling);
  keep_latest(st.need, r, r.need);
  if (!r.thanks.empty()) keep_newest(st.thanks[r.who], {r.who, r.at, r.thanks, r.is_private, {}}, thanks_per_person);
}

void gather_choice(report_state& st, const record& r) {
  ++st.choice_counts[r.topic][r.who];
  auto& recent = st.recent_choices[r.topic];
  // whose_turn() sorts them and looks at the latest turn_window: keep just those, each
  // copied once into the place of the oldest, instead of sorting on every choice.
  if (recent.size() < turn_window) {
    recent.push_back(r);
  } else if (auto oldest = std::min_element(recent.begin(), recent.end(), record_less); record_less(*oldest, r)) {
    *oldest = r;
  }
}

void gather_entry(report_state& st, const record& r) {
  st.seen(r);
  ++st.entries;
  st.kinds.add(r);
  st.solo.add(r);
  if (r.kind == "choice" && !r.topic.empty()) gather_choice(st, r);
  if (r.kind == "sacrifice") {
    ++st.sacrifices;
    ++st.sacrifice_count[r.who];
    st.sacrifice_weight[r.who] += r.weight_or_default();
  }
}

void gather_event(report_state& st, const record& r) {
  st.seen(r);
  ++st.events;
  if (!r.boundary.empty()) ++st.boundary_events[r.boundary][r.kind];
  if (r.kind == "gave-in") ++st.gave_in[r.who];
  if (r.kind == "crossed") st.crossed_at.push_back(r.at.utc);
  if (r.kind == "space") {
    ++st.space[r.who];
    st.space_minutes[r.who] += r.minutes.value_or(0);
  }
  if (r.kind == "respected" && !r.boundary.empty()) {
    st.respected.push_back(r);
    std::sort(st.respected.begin(), st.respected.end(), [](const record& a, const record& b) { return b.at.utc < a.at.utc; });
    if (st.respected.size() > respected_shown) st.respected.resize(respected_shown);
  }
}

// What the weekly talk leaves behind: appreciations (with the thanks), repairs, and the talks'
// speaking time (only a talk with two or more present says whose voice filled it).
void gather_talk_record(report_state& st, const record& r) {
  if (r.type == record_type::talk && r.with.size() < 2) return;
  st.seen(r);
  if (r.type == record_type::appreciation) {
    keep_newest(st.thanks[r.who], {r.who, r.at, r.text, r.is_private, r.for_whom}, thanks_per_person);
  } else if (r.type == record_type::repair) {
    ++st.repairs;
    if (r.humour.value_or(false)) ++st.repairs_with_humour;
    st.repaired_at.push_back(r.at.utc);
  } else {
    ++st.talks;
    for (const auto& m : r.spoke) st.talk_minutes[m.who] += m.minutes;
  }
}

// A shared page tagged dream shows by its first line; of a private one (only ever the viewer's)
// only that it exists and its tags.
void gather_page(report_state& st, const record& r) {
  if (r.is_private) {
    ++st.private_pages;
    st.private_page_tags.insert(r.tags.begin(), r.tags.end());
  } else if (std::find(r.tags.begin(), r.tags.end(), "dream") != r.tags.end()) {
    st.dreams.push_back({r.who, r.at, first_text_line(r.text), false, {}});
  }
}

}  // namespace

void report_builder::add(const record& r) {
  state& st = *s_;
  if (!st.visible(r)) return;
  const period& span = st.opts.span;
  switch (r.type) {
    case record_type::checkin:
      st.agreements.add_checkin(r);
      if (span.contains(r.at))
        gather_checkin(st, r);
      else if (st.opts.previous && st.opts.previous->contains(r.at))
        gather_previous_checkin(st, r);
      return;
    case record_type::entry:
      if (span.contains(r.at)) gather_entry(st, r);
      return;
    case record_type::boundary:
      st.boundaries[r.id] = {r.who, r.text, r.is_active_boundary()};
      return;
    case record_type::event:
      if (span.contains(r.at)) gather_event(st, r);
      return;
    case record_type::appreciation:
    case record_type::repair:
    case record_type::talk:
      if (span.contains(r.at)) gather_talk_record(st, r);
      return;
    case record_type::agreement:
      st.agreements.add_agreement(r);
      return;
    case record_type::review:
      st.agreements.add_review(r);
      return;
    case record_type::page:
      if (span.contains(r.at)) gather_page(st, r);
      return;
  }
}

sys_seconds report_builder::checkins_from() const {
  const state& st = *s_;
  sys_seconds from = st.opts.previous ? st.opts.previous->begin : st.opts.span.begin;
  if (auto early = st.agreements.earliest()) from = std::min(from, *early);
  return from;
}

namespace {

std::string spark(const std::map<std::int64_t, running_mean>& weeks, std::int64_t first, std::int64_t last) {
  static const char* const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::string out;
  for (std::int64_t w = first; w <= last; ++w) {
    auto it = weeks.find(w);
    if (it == weeks.end() || !it->second.mean()) {
      out += "·";
      continue;
    }
    double v = std::clamp(*it->second.mean(), 1.0, 5.0);
    out += bars[static_cast<int>(std::lround((v - 1.0) / 4.0 * 7.0))];
  }
  return out;
}

}  // namespace

namespace {

// How many crossed boundaries a repair followed within repair_window: both lists sorted, one
// pass, so it stays linear in the events of the period.
void pair_repairs(report_state& st, report& r) {
  std::sort(st.crossed_at.begin(), st.crossed_at.end());
  std::sort(st.repaired_at.begin(), st.repaired_at.end());
  r.crossed = st.crossed_at.size();
  auto next = st.repaired_at.begin();
  for (sys_seconds t : st.crossed_at) {
    next = std::upper_bound(next, st.repaired_at.end(), t);
    if (next != st.repaired_at.end() && *next - t <= repair_window) ++r.crossed_then_repaired;
  }
}

void fill_header(report_state& st, report& r) {
  r.people = st.cfg.people;
  r.span = st.opts.span;
  r.span_text = describe_period(r.span, st.cal);
  if (r.span.begin != sys_seconds::min()) r.begin = format_timestamp(st.cal.tz.at(r.span.begin));
  if (r.span.end != sys_seconds::max()) r.end = format_timestamp(st.cal.tz.at(r.span.end));
  if (st.opts.previous) r.previous_text = describe_period(*st.opts.previous, st.cal);
  r.view = st.opts.view;
  r.viewer = st.opts.view == report_view::mine ? st.opts.viewer : std::string();
  r.checkins = st.checkins;
  r.entries = st.entries;
  r.repairs = st.repairs;
  r.dreams = st.dreams;
  std::sort(r.dreams.begin(), r.dreams.end(), [](const dated_words& a, const dated_words& b) { return a.at < b.at; });
  r.private_pages = st.private_pages;
  r.private_page_tags.assign(st.private_page_tags.begin(), st.private_page_tags.end());
  r.repairs_with_humour = st.repairs_with_humour;
  pair_repairs(st, r);
  r.talks = st.talks;
  for (const auto& p : st.cfg.people)
    if (auto it = st.talk_minutes.find(p); it != st.talk_minutes.end()) r.talk_minutes.push_back({p, it->second});
  r.events = st.events;
  r.private_records = st.private_records;
}

using week_range = std::optional<std::pair<std::int64_t, std::int64_t>>;

// Weeks for sparklines: the period's weeks (at most the last 26), when it spans two or more.
week_range sparkline_weeks(const report_state& st, const period& span) {
  sys_seconds end = std::min(span.end, st.cal.now.utc + std::chrono::seconds(1));
  std::optional<local_days> first_day;
  if (span.begin != sys_seconds::min())
    first_day = st.cal.day_of(span.begin);
  else
    first_day = st.first_checkin_day;
  if (!first_day || end == sys_seconds::max()) return std::nullopt;
  std::int64_t first = st.cal.week_begin(*first_day).time_since_epoch().count() / 7;
  std::int64_t last = st.cal.week_begin(st.cal.day_of(end - std::chrono::seconds(1))).time_since_epoch().count() / 7;
  if (last - first < 1) return std::nullopt;
  return std::make_pair(std::max(first, last - 25), last);
}

// Each person's mean, count, change and sparkline for one dimension, and the gap between them.
void summarize(const report_state& st, const week_range& weeks, dimension_summary& d,
               std::map<std::string, running_mean>& now, std::map<std::string, running_mean>& before,
               std::map<std::string, std::map<std::int64_t, running_mean>>& by_week) {
  std::optional<double> lo, hi;
  std::size_t rated_people = 0;
  for (const auto& p : st.cfg.people) {
    person_dimension pd;
    pd.name = p;
    if (auto it = now.find(p); it != now.end()) {
      pd.mean = it->second.mean();
      pd.count = it->second.n;
      if (it->second.first) pd.first_day = st.cal.day_of(*it->second.first);
      if (it->second.last) pd.last_day = st.cal.day_of(*it->second.last);
      d.count += it->second.n;
    }
    if (auto it = before.find(p); it != before.end()) {
      pd.previous_mean = it->second.mean();
      pd.previous_count = it->second.n;
    }
    if (weeks && pd.count > 0) pd.sparkline = spark(by_week[p], weeks->first, weeks->second);
    if (pd.mean) {
      ++rated_people;
      lo = lo ? std::min(*lo, *pd.mean) : *pd.mean;
      hi = hi ? std::max(*hi, *pd.mean) : *pd.mean;
    }
    d.people.push_back(std::move(pd));
  }
  if (rated_people >= 2) d.gap = *hi - *lo;
}

// Dimensions: the configured ones in order, then any retired key that was rated; then the mood.
void fill_dimensions(report_state& st, report& r) {
  const settings& cfg = st.cfg;
  week_range weeks = sparkline_weeks(st, r.span);
  std::vector<std::pair<std::string, bool>> keys;
  for (const auto& d : cfg.dimensions) keys.push_back({d.key, false});
  for (const auto& [key, by_person] : st.current)
    if (!cfg.find_dimension(key)) keys.push_back({key, true});
  for (const auto& [key, retired] : keys) {
    dimension_summary d;
    d.key = key;
    d.retired = retired;
    if (const dimension* def = cfg.find_dimension(key)) {
      d.question = def->question;
      d.high = def->high;
    }
    summarize(st, weeks, d, st.current[key], st.previous[key], st.weekly[key]);
    if (retired && d.count == 0) continue;
    r.dimensions.push_back(std::move(d));
  }
  r.mood.key = "mood";
  r.mood.question = "How are you feeling overall?";
  summarize(st, weeks, r.mood, st.mood, st.previous_mood, st.weekly_mood);
  for (const auto& p : cfg.people) {
    if (auto it = st.feeling.find(p); it != st.feeling.end()) r.feelings.push_back(it->second);
    if (auto it = st.need.find(p); it != st.need.end()) r.needs.push_back(it->second);
    if (auto it = st.thanks.find(p); it != st.thanks.end()) r.thanks.insert(r.thanks.end(), it->second.begin(), it->second.end());
  }
}

void fill_choices(report_state& st, report& r) {
  for (const auto& [topic, counts] : st.choice_counts) {
    topic_choices tc;
    tc.topic = topic;
    for (const auto& p : st.cfg.people) {
      std::size_t n = counts.count(p) ? counts.at(p) : 0;
      tc.counts.push_back({p, n});
      tc.choices += n;
    }
    tc.next = whose_turn(st.recent_choices[topic], topic, st.cfg, turn_window).person;
    r.choices.push_back(std::move(tc));
  }
}

void fill_boundaries(const report_state& st, report& r) {
  for (const auto& p : st.cfg.people) {
    boundary_counts bc;
    bc.person = p;
    for (const auto& [id, info] : st.boundaries) {
      if (info.owner != p) continue;
      if (info.active) ++bc.active;
      if (auto it = st.boundary_events.find(id); it != st.boundary_events.end()) {
        bc.respected += it->second.count("respected") ? it->second.at("respected") : 0;
        bc.crossed += it->second.count("crossed") ? it->second.at("crossed") : 0;
      }
    }
    bc.gave_in = st.gave_in.count(p) ? st.gave_in.at(p) : 0;
    bc.space = st.space.count(p) ? st.space.at(p) : 0;
    bc.space_minutes = st.space_minutes.count(p) ? st.space_minutes.at(p) : 0;
    r.boundaries.push_back(bc);
  }
}

// The signs and what works, from the totals. Rates per 28 days need the days the period covers:
// an open period starts at its first record, and nothing counts beyond now.
void fill_signs(const report_state& st, report& r) {
  sys_seconds end = std::min(r.span.end, st.cal.now.utc);
  sys_seconds begin = r.span.begin != sys_seconds::min() ? r.span.begin : st.first_seen.value_or(end);
  double days = std::max(1.0, static_cast<double>(std::chrono::duration_cast<std::chrono::hours>(end - begin).count()) / 24.0);
  std::vector<detail::respected_act> acts;
  for (const auto& e : st.respected) {
    auto it = st.boundaries.find(e.boundary);
    if (it == st.boundaries.end()) continue;
    acts.push_back({e.who, it->second.owner, it->second.text, e.at});
  }
  detail::sign_inputs in{st.cfg,           r,    st.cal, st.slots, st.solo, st.sacrifices, st.sacrifice_weight,
                         st.sacrifice_count, days, acts};
  detail::find_signs(in, r.signs, r.not_enough_data);
  detail::describe_what_works(in, r.working);
}

}  // namespace

report report_builder::finish() {
  state& st = *s_;
  report r;
  fill_header(st, r);
  fill_dimensions(st, r);
  r.give_and_take = st.kinds.finish(r.span, st.cal);
  fill_choices(st, r);
  fill_boundaries(st, r);
  fill_signs(st, r);
  r.agreements = st.agreements.finish();
  return r;
}

namespace {

report_options options_for(const repo& rp, const period& span, report_view view) {
  report_options opts;
  opts.span = span;
  opts.previous = previous_period(span, rp.cal());
  opts.view = view;
  if (view == report_view::mine && !rp.acting_as_other()) opts.viewer = rp.private_owner();
  if (opts.viewer.empty()) opts.view = report_view::shared;
  return opts;
}

// Keeps the viewer's latest private `safe`, whenever it was given.
struct latest_safe {
  std::optional<timestamp> at;
  std::int64_t value = 0;
  std::string path;
  void see(const record& c, const std::string& viewer) {
    if (c.type != record_type::checkin || !c.is_private || !c.safe || viewer.empty() || c.author != viewer) return;
    if (at && c.at.utc <= at->utc) return;
    at = c.at;
    value = *c.safe;
    path = c.path;
  }
};

// The private view marks what rests on the viewer's private records: whatever the shared view,
// built from the same records, does not also say.
void mark_private(report& mine, const report& shared) {
  for (auto& s : mine.signs) {
    bool same = std::any_of(shared.signs.begin(), shared.signs.end(), [&](const sign& t) {
      return t.id == s.id && t.evidence == s.evidence && t.data == s.data;
    });
    s.is_private = !same;
  }
  mine.working_private.clear();
  for (const auto& w : mine.working)
    mine.working_private.push_back(std::find(shared.working.begin(), shared.working.end(), w) == shared.working.end());
}

void add_safety(report& r, const latest_safe& safe, const repo& rp) {
  if (!safe.at || safe.value > 2) return;
  std::string where = safe.path.empty() ? rp.private_root().string() : rp.display_path(safe.path);
  r.safety_note = safety_note(*safe.at, rp.user(), rp.cal().tz, where, private_store_syncs(rp));
}

// Feeds the same records to the view's builder and, for the private view, to a shared twin that
// tells which findings rest on private records.
class view_builders {
 public:
  view_builders(const repo& rp, const report_options& opts) : rp_(rp), main_(rp.config(), rp.cal(), opts) {
    if (opts.view == report_view::mine) {
      report_options shared = opts;
      shared.view = report_view::shared;
      shared.viewer.clear();
      twin_ = std::make_unique<report_builder>(rp.config(), rp.cal(), shared);
      viewer_ = opts.viewer;
    }
  }
  void add(const record& r) {
    main_.add(r);
    if (twin_) {
      twin_->add(r);
      safe_.see(r, viewer_);
    }
  }
  latest_safe& safe() { return safe_; }
  sys_seconds checkins_from() const { return main_.checkins_from(); }
  report finish() {
    report r = main_.finish();
    if (twin_) {
      mark_private(r, twin_->finish());
      add_safety(r, safe_, rp_);
    }
    return r;
  }

 private:
  const repo& rp_;
  report_builder main_;
  std::unique_ptr<report_builder> twin_;
  std::string viewer_;
  latest_safe safe_;
};

}  // namespace

report build_report_from(const std::vector<record>& records, const repo& rp, const period& span, report_view view) {
  view_builders builders(rp, options_for(rp, span, view));
  // Agreements and their reviews first: the check-ins around them count for them.
  for (record_type first : {record_type::agreement, record_type::review})
    for (const auto& r : records)
      if (r.type == first) builders.add(r);
  for (const auto& r : records)
    if (r.type != record_type::agreement && r.type != record_type::review) builders.add(r);
  return builders.finish();
}

report build_report(const store& s, const period& span, report_view view,
                    const std::function<void(const diagnostic&)>& on_warning) {
  const repo& rp = s.repository();
  report_options opts = options_for(rp, span, view);
  bool mine = opts.view == report_view::mine;
  view_builders builders(rp, opts);
  if (mine) {
    // The latest safety answer counts whenever it was given, not only in the period.
    scan_filter answers(record_type::checkin);
    answers.shared = false;
    answers.private_of_me = true;
    s.scan(answers, [&](record&& c) { builders.safe().see(c, opts.viewer); }, on_warning);
  }
  auto feed = [&](record&& rec) { builders.add(rec); };
  // Open agreements first, then their reviews and the check-ins around them.
  scan_filter agreements(record_type::agreement);
  agreements.private_of_me = mine;
  s.scan(agreements, feed, on_warning);
  scan_filter reviews(record_type::review, span);
  reviews.span.begin = builders.checkins_from();
  reviews.private_of_me = mine;
  s.scan(reviews, feed, on_warning);
  scan_filter checkins(record_type::checkin, span);
  checkins.span.begin = builders.checkins_from();
  checkins.private_of_me = mine;
  s.scan(checkins, feed, on_warning);
  scan_filter entries(record_type::entry, span);
  entries.private_of_me = mine;
  s.scan(entries, feed, on_warning);
  scan_filter defs(record_type::boundary);
  defs.private_of_me = mine;
  s.scan(defs, feed, on_warning);
  scan_filter events(record_type::event, span);
  events.private_of_me = mine;
  s.scan(events, feed, on_warning);
  for (record_type talk : {record_type::appreciation, record_type::repair, record_type::talk, record_type::page}) {
    scan_filter filter(talk, span);
    filter.private_of_me = mine;
    s.scan(filter, feed, on_warning);
  }
  return builders.finish();
}

}  // namespace balance
