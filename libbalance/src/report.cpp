#include "balance/report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "balance/cadence.hpp"
#include "balance/error.hpp"
#include "balance/text.hpp"
#include "signs.hpp"

namespace balance {

const std::vector<std::string>& report_sections() {
  static const std::vector<std::string> ids = {"header",  "working",    "checkins", "give_and_take",
                                               "choices", "boundaries", "signs",    "safety"};
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
        throw_usage(fmt::format("--section {}: sections are header, working, checkins, give_and_take, choices, "
                                "boundaries, signs, safety{}",
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

struct report_builder::state {
  const settings& cfg;
  calendar cal;
  report_options opts;
  balance_accumulator kinds;

  // check-ins, by dimension key then person
  std::map<std::string, std::map<std::string, running_mean>> current, previous;
  std::map<std::string, std::map<std::string, std::map<std::int64_t, running_mean>>> weekly;
  std::map<std::string, running_mean> mood;
  std::map<std::string, dated_words> feeling, need;
  std::vector<dated_words> thanks;
  detail::checkin_slots slots;
  std::size_t checkins = 0;
  std::optional<local_days> first_checkin_day;

  // entries
  std::size_t entries = 0;
  std::map<std::string, std::map<std::string, std::size_t>> choice_counts;  // topic → person → n
  std::map<std::string, std::vector<record>> recent_choices;                 // topic → the last 8
  detail::solo_window solo;
  std::map<std::string, double> sacrifice_weight;
  std::size_t sacrifices = 0;

  // boundaries
  struct boundary_info {
    std::string owner;
    bool active = true;
  };
  std::map<std::string, boundary_info> boundaries;
  std::map<std::string, std::map<std::string, std::size_t>> boundary_events;  // id → kind → n
  std::map<std::string, std::size_t> gave_in, space;
  std::map<std::string, std::int64_t> space_minutes;
  std::size_t events = 0;

  state(const settings& c, const calendar& k, report_options o)
      : cfg(c), cal(k), opts(std::move(o)), kinds(c, share_group::kind, share_measure::weight),
        slots(c, k, opts.span), solo(c, k, opts.span) {}

  bool visible(const record& r) const { return !(opts.shared_only && r.is_private); }

  std::int64_t week_of(const timestamp& t) const {
    return cal.week_begin(cal.day_of(t.utc)).time_since_epoch().count() / 7;
  }
};

report_builder::report_builder(const settings& cfg, const calendar& cal, report_options opts)
    : s_(std::make_unique<state>(cfg, cal, std::move(opts))) {}

report_builder::~report_builder() = default;

void report_builder::add(const record& r) {
  state& st = *s_;
  if (!st.visible(r)) return;
  const period& span = st.opts.span;
  switch (r.type) {
    case record_type::checkin: {
      bool now = span.contains(r.at);
      bool before = st.opts.previous && st.opts.previous->contains(r.at);
      if (!now && !before) return;
      auto& means = now ? st.current : st.previous;
      for (const auto& rt : r.ratings) {
        means[rt.key][r.who].add(rt.value);
        if (now) st.weekly[rt.key][r.who][st.week_of(r.at)].add(rt.value);
      }
      if (!now) return;
      ++st.checkins;
      local_days day = st.cal.day_of(r.at.utc);
      if (!st.first_checkin_day || day < *st.first_checkin_day) st.first_checkin_day = day;
      st.slots.add(r.who, day);
      if (r.mood) st.mood[r.who].add(static_cast<double>(*r.mood));
      auto keep_latest = [&](std::map<std::string, dated_words>& latest, const std::string& text) {
        if (text.empty()) return;
        auto it = latest.find(r.who);
        if (it == latest.end() || it->second.at.utc < r.at.utc) latest[r.who] = {r.who, r.at, text};
      };
      keep_latest(st.feeling, r.feeling);
      keep_latest(st.need, r.need);
      if (!r.thanks.empty()) {
        st.thanks.push_back({r.who, r.at, r.thanks});
        std::sort(st.thanks.begin(), st.thanks.end(), [](const dated_words& a, const dated_words& b) { return a.at.utc > b.at.utc; });
        if (st.thanks.size() > 3) st.thanks.resize(3);
      }
      return;
    }
    case record_type::entry: {
      if (!span.contains(r.at)) return;
      ++st.entries;
      st.kinds.add(r);
      st.solo.add(r);
      if (r.kind == "choice" && !r.topic.empty()) {
        ++st.choice_counts[r.topic][r.who];
        auto& recent = st.recent_choices[r.topic];
        recent.push_back(r);
        std::sort(recent.begin(), recent.end(), record_less);
        if (recent.size() > 8) recent.erase(recent.begin());
      }
      if (r.kind == "sacrifice") {
        ++st.sacrifices;
        st.sacrifice_weight[r.who] += r.weight_or_default();
      }
      return;
    }
    case record_type::boundary:
      st.boundaries[r.id] = {r.who, r.is_active_boundary()};
      return;
    case record_type::event: {
      if (!span.contains(r.at)) return;
      ++st.events;
      if (!r.boundary.empty()) ++st.boundary_events[r.boundary][r.kind];
      if (r.kind == "gave-in") ++st.gave_in[r.who];
      if (r.kind == "space") {
        ++st.space[r.who];
        st.space_minutes[r.who] += r.minutes.value_or(0);
      }
      return;
    }
  }
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

report report_builder::finish() {
  state& st = *s_;
  const settings& cfg = st.cfg;
  report r;
  r.people = cfg.people;
  r.span = st.opts.span;
  r.span_text = describe_period(r.span, st.cal);
  if (r.span.begin != sys_seconds::min()) r.begin = format_timestamp(st.cal.tz.at(r.span.begin));
  if (r.span.end != sys_seconds::max()) r.end = format_timestamp(st.cal.tz.at(r.span.end));
  if (st.opts.previous) r.previous_text = describe_period(*st.opts.previous, st.cal);
  r.shared_only = st.opts.shared_only;
  r.checkins = st.checkins;
  r.entries = st.entries;
  r.events = st.events;

  // Weeks for sparklines: the period's weeks (at most the last 26), when it spans two or more.
  std::optional<std::pair<std::int64_t, std::int64_t>> weeks;
  {
    sys_seconds end = std::min(r.span.end, st.cal.now.utc + std::chrono::seconds(1));
    std::optional<local_days> first_day;
    if (r.span.begin != sys_seconds::min())
      first_day = st.cal.day_of(r.span.begin);
    else
      first_day = st.first_checkin_day;
    if (first_day && end != sys_seconds::max()) {
      std::int64_t first = st.cal.week_begin(*first_day).time_since_epoch().count() / 7;
      std::int64_t last = st.cal.week_begin(st.cal.day_of(end - std::chrono::seconds(1))).time_since_epoch().count() / 7;
      if (last - first >= 1) weeks = std::make_pair(std::max(first, last - 25), last);
    }
  }

  // Dimensions: the configured ones in order, then any retired key that was rated.
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
    running_mean all;
    std::optional<double> lo, hi;
    std::size_t rated_people = 0;
    for (const auto& p : cfg.people) {
      person_dimension pd;
      pd.name = p;
      if (auto it = st.current[key].find(p); it != st.current[key].end()) {
        pd.mean = it->second.mean();
        pd.count = it->second.n;
        all.sum += it->second.sum;
        all.n += it->second.n;
      }
      if (auto it = st.previous[key].find(p); it != st.previous[key].end()) {
        pd.previous_mean = it->second.mean();
        pd.previous_count = it->second.n;
      }
      if (weeks && pd.count > 0) pd.sparkline = spark(st.weekly[key][p], weeks->first, weeks->second);
      if (pd.mean) {
        ++rated_people;
        lo = lo ? std::min(*lo, *pd.mean) : *pd.mean;
        hi = hi ? std::max(*hi, *pd.mean) : *pd.mean;
      }
      d.people.push_back(std::move(pd));
    }
    d.mean = all.mean();
    d.count = all.n;
    if (rated_people >= 2) d.gap = *hi - *lo;
    if (retired && d.count == 0) continue;
    r.dimensions.push_back(std::move(d));
  }
  for (const auto& p : cfg.people) {
    if (auto it = st.feeling.find(p); it != st.feeling.end()) r.feelings.push_back(it->second);
    if (auto it = st.need.find(p); it != st.need.end()) r.needs.push_back(it->second);
  }
  r.thanks = st.thanks;

  r.give_and_take = st.kinds.finish(r.span, st.cal);

  for (const auto& [topic, counts] : st.choice_counts) {
    topic_choices tc;
    tc.topic = topic;
    for (const auto& p : cfg.people) {
      std::size_t n = counts.count(p) ? counts.at(p) : 0;
      tc.counts.push_back({p, n});
      tc.choices += n;
    }
    tc.next = whose_turn(st.recent_choices[topic], topic, cfg, 8).person;
    r.choices.push_back(std::move(tc));
  }

  for (const auto& p : cfg.people) {
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

  detail::sign_inputs in{cfg, r, st.slots, st.solo, st.choice_counts, st.sacrifices, st.sacrifice_weight};
  detail::find_signs(in, r.signs, r.not_enough_data);
  detail::describe_what_works(in, r.working);

  r.safety = !st.opts.shared_only && st.opts.viewer_safe && *st.opts.viewer_safe <= 2;
  if (r.safety) r.safety_resources = st.opts.safety_resources;
  return r;
}

namespace {

report_options options_for(const repo& rp, const period& span, bool shared_only) {
  report_options opts;
  opts.span = span;
  opts.previous = previous_period(span, rp.cal());
  opts.shared_only = shared_only;
  opts.safety_resources = rp.user().safety_resources;
  return opts;
}

// Keeps the viewer's latest private `safe`, whenever it was given.
struct latest_safe {
  std::optional<timestamp> at;
  void see(const record& c, const repo& rp, report_options& opts) {
    if (c.type != record_type::checkin || !c.is_private || !c.safe || !rp.knows_me() || c.who != rp.me()) return;
    if (at && c.at.utc <= at->utc) return;
    at = c.at;
    opts.viewer_safe = c.safe;
  }
};

}  // namespace

report build_report_from(const std::vector<record>& records, const repo& rp, const period& span, bool shared_only) {
  report_options opts = options_for(rp, span, shared_only);
  if (!shared_only) {
    latest_safe safe;
    for (const auto& r : records) safe.see(r, rp, opts);
  }
  report_builder builder(rp.config(), rp.cal(), opts);
  for (const auto& r : records) builder.add(r);
  return builder.finish();
}

report build_report(const store& s, const period& span, bool shared_only,
                    const std::function<void(const diagnostic&)>& on_warning) {
  const repo& rp = s.repository();
  report_options opts = options_for(rp, span, shared_only);
  if (!shared_only && rp.knows_me()) {
    latest_safe safe;
    scan_filter mine(record_type::checkin);
    mine.shared = false;
    s.scan(mine, [&](record&& c) { safe.see(c, rp, opts); }, on_warning);
  }
  report_builder builder(rp.config(), rp.cal(), opts);
  auto feed = [&](record&& rec) { builder.add(rec); };
  scan_filter checkins(record_type::checkin, span);
  if (opts.previous) checkins.span.begin = opts.previous->begin;
  checkins.private_of_me = !shared_only;
  s.scan(checkins, feed, on_warning);
  scan_filter entries(record_type::entry, span);
  entries.private_of_me = !shared_only;
  s.scan(entries, feed, on_warning);
  scan_filter defs(record_type::boundary);
  defs.private_of_me = !shared_only;
  s.scan(defs, feed, on_warning);
  scan_filter events(record_type::event, span);
  events.private_of_me = !shared_only;
  s.scan(events, feed, on_warning);
  return builder.finish();
}

}  // namespace balance
