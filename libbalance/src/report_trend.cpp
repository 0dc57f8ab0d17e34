// The trend's numbers: records are added up per column (a week, month or quarter) as they stream
// in, and turned into rows once: each dimension per person with its gap, the kinds' shares, the
// time together and alone, the choices per topic.
#include <algorithm>
#include <map>
#include <set>

#include <date/date.h>
#include <date/iso_week.h>
#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/ledger.hpp"
#include "balance/text.hpp"
#include "balance/trend.hpp"
#include "signs.hpp"

namespace balance {

trend_step parse_trend_step(std::string_view text) {
  if (text == "week") return trend_step::week;
  if (text == "month") return trend_step::month;
  if (text == "quarter") return trend_step::quarter;
  static const std::vector<std::string> names = {"week", "month", "quarter"};
  throw_usage(fmt::format("--every {}: use week, month or quarter{}", escape_for_terminal(text), did_you_mean(text, names)));
}

trend_rows parse_trend_rows(std::string_view text) {
  if (text == "checkins") return trend_rows::checkins;
  if (text == "load") return trend_rows::load;
  if (text == "choices") return trend_rows::choices;
  if (text == "all") return trend_rows::all;
  static const std::vector<std::string> names = {"checkins", "load", "choices", "all"};
  throw_usage(fmt::format("--what {}: use checkins, load, choices or all{}", escape_for_terminal(text),
                          did_you_mean(text, names)));
}

std::string_view trend_step_name(trend_step s) noexcept {
  switch (s) {
    case trend_step::week: return "week";
    case trend_step::month: return "month";
    case trend_step::quarter: return "quarter";
  }
  return "month";
}

std::string_view trend_rows_name(trend_rows w) noexcept {
  switch (w) {
    case trend_rows::checkins: return "checkins";
    case trend_rows::load: return "load";
    case trend_rows::choices: return "choices";
    case trend_rows::all: return "all";
  }
  return "all";
}

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// Columns are numbered so that the next one is always +1: weeks since the epoch, months and
// quarters since year 0.
std::int64_t unit_of(local_days d, trend_step step, const calendar& cal) {
  const std::chrono::year_month_day ymd{d};
  const std::int64_t year = static_cast<int>(ymd.year());
  const std::int64_t month = static_cast<unsigned>(ymd.month()) - 1;
  switch (step) {
    case trend_step::week: return floor_div(cal.week_begin(d).time_since_epoch().count(), 7);
    case trend_step::month: return year * 12 + month;
    case trend_step::quarter: return year * 4 + month / 3;
  }
  return 0;
}

local_days first_day_of(std::int64_t unit, trend_step step, const calendar& cal) {
  auto month_start = [](std::int64_t months) {
    const std::int64_t year = floor_div(months, 12);
    return local_days{std::chrono::year{static_cast<int>(year)} / std::chrono::month{static_cast<unsigned>(months - year * 12 + 1)} /
                      1};
  };
  switch (step) {
    // The one first day of a week within these seven days.
    case trend_step::week: return cal.week_begin(local_days{std::chrono::days{unit * 7 + 6}});
    case trend_step::month: return month_start(unit);
    case trend_step::quarter: return month_start(unit * 3);
  }
  return local_days{};
}

std::string date_text(local_days d) {
  const std::chrono::year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

// A column's name, which --period reads back: "2026-11", "2026-Q4", "2026-W47"; a week that
// starts on Sunday is not an ISO week, so it goes by its first day.
std::string unit_label(local_days first, trend_step step, const calendar& cal) {
  const std::chrono::year_month_day ymd{first};
  const int year = static_cast<int>(ymd.year());
  const unsigned month = static_cast<unsigned>(ymd.month());
  switch (step) {
    case trend_step::week: {
      if (cal.week_start != week_start::monday) return date_text(first);
      const iso_week::year_weeknum_weekday yww{date::sys_days{date::days{static_cast<int>(first.time_since_epoch().count())}}};
      return fmt::format("{:04}-W{:02}", static_cast<int>(yww.year()), static_cast<unsigned>(yww.weeknum()));
    }
    case trend_step::month: return fmt::format("{:04}-{:02}", year, month);
    case trend_step::quarter: return fmt::format("{:04}-Q{}", year, (month + 2) / 3);
  }
  return date_text(first);
}

constexpr std::int64_t default_columns = 12;

}  // namespace

period trend_period(std::string_view period_text, std::string_view since, std::string_view until, trend_step step,
                    const calendar& cal) {
  if (!period_text.empty() || !since.empty() || !until.empty()) return select_period(period_text, since, until, "", cal);
  const std::int64_t now = unit_of(cal.today(), step, cal);
  const local_days first = first_day_of(now - (default_columns - 1), step, cal);
  return parse_period(unit_label(first, step, cal) + "..today", cal);
}

namespace {

using detail::running_mean;

struct person_totals {
  std::size_t entries = 0;
  double weight = 0;
  std::int64_t minutes = 0;
};

// One kind or topic in one column.
struct group_totals {
  std::size_t entries = 0;
  double weight = 0;
  std::int64_t minutes = 0;
  std::map<std::string, person_totals> people;
  void add(const record& r) {
    ++entries;
    weight += r.weight_or_default();
    minutes += r.minutes.value_or(0);
    auto& p = people[r.who];
    ++p.entries;
    p.weight += r.weight_or_default();
    p.minutes += r.minutes.value_or(0);
  }
  void merge(const group_totals& g) {
    entries += g.entries;
    weight += g.weight;
    minutes += g.minutes;
    for (const auto& [name, t] : g.people) {
      auto& p = people[name];
      p.entries += t.entries;
      p.weight += t.weight;
      p.minutes += t.minutes;
    }
  }
};

struct column_totals {
  std::map<std::string, std::map<std::string, running_mean>> ratings;  // dimension (and "mood") → person
  std::map<std::string, group_totals> kinds, topics;
};

bool wants_checkins(trend_rows w) { return w == trend_rows::checkins || w == trend_rows::all; }
bool wants_load(trend_rows w) { return w == trend_rows::load || w == trend_rows::all; }
bool wants_choices(trend_rows w) { return w == trend_rows::choices || w == trend_rows::all; }

}  // namespace

namespace {

// What a trend gathers while records stream in.
struct trend_state {
  const settings& cfg;
  calendar cal;
  trend_options opts;
  std::map<std::int64_t, column_totals> columns;  // only the columns that hold something
  std::optional<std::int64_t> first_seen, last_seen;
  std::size_t checkins = 0, entries = 0, private_records = 0;
  std::vector<std::pair<std::int64_t, trend_agreement>> agreements;

  trend_state(const settings& c, const calendar& k, trend_options o) : cfg(c), cal(k), opts(std::move(o)) {}

  bool visible(const record& r) const {
    if (!r.is_private) return true;
    return opts.view == report_view::mine && !opts.viewer.empty() && r.author == opts.viewer;
  }
  std::int64_t unit(sys_seconds t) const { return unit_of(cal.day_of(t), opts.every, cal); }
  column_totals& column_of(const record& r) {
    std::int64_t u = unit(r.at.utc);
    first_seen = first_seen ? std::min(*first_seen, u) : u;
    last_seen = last_seen ? std::max(*last_seen, u) : u;
    if (r.is_private) ++private_records;
    return columns[u];
  }
};

}  // namespace

struct trend_builder::state : trend_state {
  using trend_state::trend_state;
};

namespace {

// The first and last column of a span; an open side ends at the records (or today).
std::pair<std::int64_t, std::int64_t> column_range(const trend_state& st) {
  std::int64_t today = st.unit(st.cal.now.utc);
  const period& span = st.opts.span;
  std::int64_t first = span.begin != sys_seconds::min() ? st.unit(span.begin) : st.first_seen.value_or(today);
  std::int64_t last = span.end != sys_seconds::max() ? st.unit(span.end - std::chrono::seconds(1))
                                                       : std::max(today, st.last_seen.value_or(today));
  return {first, std::max(first, last)};
}

void check_column_count(std::int64_t first, std::int64_t last, trend_step step) {
  auto n = static_cast<std::size_t>(last - first + 1);
  if (n <= max_trend_columns) return;
  throw_usage(fmt::format("--every {} over this period makes {} columns, more than the {} a trend can hold: choose a "
                          "shorter --period or a longer --every",
                          trend_step_name(step), n, max_trend_columns));
}

}  // namespace

trend_builder::trend_builder(const settings& cfg, const calendar& cal, trend_options opts)
    : s_(std::make_unique<state>(cfg, cal, std::move(opts))) {
  const period& span = s_->opts.span;
  if (span.begin != sys_seconds::min() && span.end != sys_seconds::max()) {
    auto [first, last] = column_range(*s_);
    check_column_count(first, last, s_->opts.every);
  }
}

trend_builder::~trend_builder() = default;

void trend_builder::add(const record& r) {
  state& st = *s_;
  if (!st.visible(r) || !st.opts.span.contains(r.at)) return;
  switch (r.type) {
    case record_type::checkin: {
      if (!wants_checkins(st.opts.what)) return;
      ++st.checkins;
      column_totals& c = st.column_of(r);
      for (const auto& rt : r.ratings) c.ratings[rt.key][r.who].add(rt.value);
      if (r.mood) c.ratings["mood"][r.who].add(static_cast<double>(*r.mood));
      return;
    }
    case record_type::entry: {
      bool choice = r.kind == "choice";
      if (choice ? !wants_choices(st.opts.what) : !wants_load(st.opts.what)) return;
      ++st.entries;
      column_totals& c = st.column_of(r);
      if (!choice) c.kinds[r.kind].add(r);
      else if (!r.topic.empty()) c.topics[r.topic].add(r);
      return;
    }
    case record_type::agreement:
      st.agreements.push_back({st.unit(r.at.utc), {r.id, r.who, r.text, r.at, 0, r.is_private}});
      return;
    case record_type::boundary:
    case record_type::event:
    case record_type::review:
    case record_type::appreciation:
    case record_type::repair:
    case record_type::talk:
    case record_type::page:
      return;
  }
}

namespace {

using column_list = std::vector<const column_totals*>;  // one per column, nullptr for an empty one

const running_mean* rating_of(const column_totals* c, const std::string& key, const std::string& who) {
  if (!c) return nullptr;
  auto d = c->ratings.find(key);
  if (d == c->ratings.end()) return nullptr;
  auto p = d->second.find(who);
  return p == d->second.end() ? nullptr : &p->second;
}

trend_cell mean_cell(const running_mean& m, std::size_t min_ratings) {
  trend_cell cell;
  cell.value = m.mean();
  cell.count = m.n;
  cell.few = m.n > 0 && m.n < min_ratings;
  return cell;
}

// How far apart the means of the people who rated are; needs two of them.
trend_cell gap_cell(const std::vector<trend_cell>& people) {
  trend_cell cell;
  std::optional<double> lo, hi;
  std::size_t rated = 0;
  for (const auto& p : people) {
    if (!p.value) continue;
    ++rated;
    lo = lo ? std::min(*lo, *p.value) : *p.value;
    hi = hi ? std::max(*hi, *p.value) : *p.value;
    cell.few = cell.few || p.few;
  }
  if (rated < 2) return {};
  cell.value = *hi - *lo;
  for (const auto& p : people) cell.count += p.count;
  return cell;
}

// Each person's row of one dimension, then the dimension's gap row.
void dimension_rows(const trend_state& st, const column_list& cols, const std::string& key,
                    std::vector<trend_row>& rows) {
  auto min_ratings = static_cast<std::size_t>(std::max(0, st.cfg.signs.min_checkins));
  std::size_t first = rows.size();
  for (const auto& p : st.cfg.people) {
    trend_row row{"checkins", trend_row_kind::rating, key, p, std::nullopt, {}, {}};
    running_mean all;
    for (const column_totals* c : cols) {
      const running_mean* m = rating_of(c, key, p);
      row.cells.push_back(m ? mean_cell(*m, min_ratings) : trend_cell{});
      if (m) {
        all.sum += m->sum;
        all.n += m->n;
      }
    }
    row.average = mean_cell(all, min_ratings);
    rows.push_back(std::move(row));
  }
  if (st.cfg.people.size() < 2) return;
  trend_row gap{"checkins", trend_row_kind::gap, key, "", std::nullopt, {}, {}};
  std::vector<trend_cell> people;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    people.clear();
    for (std::size_t r = first; r < rows.size(); ++r) people.push_back(rows[r].cells[i]);
    gap.cells.push_back(gap_cell(people));
  }
  people.clear();
  for (std::size_t r = first; r < rows.size(); ++r) people.push_back(rows[r].average);
  gap.average = gap_cell(people);
  rows.push_back(std::move(gap));
}

// The dimensions anyone rated in the span: the configured ones in order, then retired keys, then
// the mood.
void checkin_rows(const trend_state& st, const column_list& cols, std::vector<trend_row>& rows) {
  std::set<std::string> rated;
  for (const auto& [u, c] : st.columns)
    for (const auto& [key, people] : c.ratings) rated.insert(key);
  std::vector<std::string> keys;
  for (const auto& d : st.cfg.dimensions)
    if (rated.count(d.key)) keys.push_back(d.key);
  for (const auto& key : rated)
    if (key != "mood" && !st.cfg.find_dimension(key)) keys.push_back(key);
  if (rated.count("mood")) keys.push_back("mood");
  for (const auto& key : keys) {
    std::size_t from = rows.size();
    dimension_rows(st, cols, key, rows);
    bool retired = key != "mood" && !st.cfg.find_dimension(key);
    for (std::size_t i = from; i < rows.size(); ++i) rows[i].retired = retired;
  }
}

const group_totals* group_of(const column_totals* c, bool topic, const std::string& key) {
  if (!c) return nullptr;
  const auto& groups = topic ? c->topics : c->kinds;
  auto it = groups.find(key);
  return it == groups.end() ? nullptr : &it->second;
}

// A person's share of a group: by weight for kinds, by number for choices; counts only below
// the share minimum.
trend_cell share_cell(const group_totals& g, const std::string& who, bool by_number, std::size_t minimum) {
  trend_cell cell;
  auto p = g.people.find(who);
  person_totals mine = p == g.people.end() ? person_totals{} : p->second;
  cell.count = mine.entries;
  cell.of = g.entries;
  cell.weight = mine.weight;
  double total = by_number ? static_cast<double>(g.entries) : g.weight;
  double amount = by_number ? static_cast<double>(mine.entries) : mine.weight;
  if (g.entries >= minimum && total > 0)
    cell.value = amount / total;
  else
    cell.few = g.entries > 0;
  return cell;
}

// Time together (who empty) or one person's own time: how often, and the hours when given.
trend_cell time_cell(const group_totals& g, const std::string& who) {
  trend_cell cell;
  std::int64_t minutes = g.minutes;
  cell.count = g.entries;
  if (!who.empty()) {
    auto p = g.people.find(who);
    cell.count = p == g.people.end() ? 0 : p->second.entries;
    minutes = p == g.people.end() ? 0 : p->second.minutes;
  }
  if (minutes > 0) cell.value = static_cast<double>(minutes) / 60.0;
  return cell;
}

// The rows of one kind or topic: a share row per person, or the time rows of solo and together.
void group_rows(const trend_state& st, const column_list& cols, const std::string& section,
                const std::string& key, std::size_t averaged, std::vector<trend_row>& rows) {
  bool topic = section == "choices";
  auto minimum = static_cast<std::size_t>(std::max(0, st.cfg.signs.min_share_entries));
  trend_row_kind kind = key == "together" ? trend_row_kind::together : key == "solo" ? trend_row_kind::solo : trend_row_kind::share;
  std::vector<std::string> who = kind == trend_row_kind::together ? std::vector<std::string>{""} : st.cfg.people;
  for (const auto& p : who) {
    trend_row row{section, kind, key, p, std::nullopt, {}, {}};
    if (kind == trend_row_kind::share) {
      std::string target = topic && !st.cfg.targets.count(key) ? "choice" : key;
      row.agreed = st.cfg.target_share(target, p);
    }
    group_totals all;
    for (const column_totals* c : cols) {
      const group_totals* g = group_of(c, topic, key);
      if (!g) {
        row.cells.emplace_back();
        continue;
      }
      row.cells.push_back(kind == trend_row_kind::share ? share_cell(*g, p, topic, minimum) : time_cell(*g, p));
      all.merge(*g);
    }
    row.average = kind == trend_row_kind::share ? share_cell(all, p, topic, minimum) : time_cell(all, p);
    if (kind != trend_row_kind::share && row.average.value && averaged > 0) *row.average.value /= static_cast<double>(averaged);
    rows.push_back(std::move(row));
  }
}

// Kinds with entries in the span: the shares first (choices have their own rows, per topic),
// then solo and together, as the report orders them; topics sorted.
void ledger_rows(const trend_state& st, const column_list& cols, std::size_t averaged,
                 std::vector<trend_row>& rows) {
  std::set<std::string> kinds, topics;
  for (const auto& [u, c] : st.columns) {
    for (const auto& [k, g] : c.kinds) kinds.insert(k);
    for (const auto& [t, g] : c.topics) topics.insert(t);
  }
  if (wants_load(st.opts.what)) {
    for (const auto& k : entry_kinds())
      if (kinds.count(k) && !is_total_kind(k)) group_rows(st, cols, "load", k, averaged, rows);
    for (const char* k : {"solo", "together"})
      if (kinds.count(k)) group_rows(st, cols, "load", k, averaged, rows);
  }
  if (wants_choices(st.opts.what))
    for (const auto& t : topics) group_rows(st, cols, "choices", t, averaged, rows);
}

trend_column make_column(const trend_state& st, std::int64_t unit) {
  trend_column c;
  local_days first = first_day_of(unit, st.opts.every, st.cal);
  local_days next = first_day_of(unit + 1, st.opts.every, st.cal);
  c.label = unit_label(first, st.opts.every, st.cal);
  c.begin = std::max(st.opts.span.begin, st.cal.tz.day_start(first));
  c.end = std::min(st.opts.span.end, st.cal.tz.day_start(next));
  c.first_day = st.cal.day_of(c.begin);
  c.last_day = st.cal.day_of(c.end - std::chrono::seconds(1));
  return c;
}

void fill_header(const trend_state& st, trend_report& t) {
  t.people = st.cfg.people;
  t.span = st.opts.span;
  t.span_text = describe_period(t.span, st.cal);
  t.every = st.opts.every;
  t.what = st.opts.what;
  t.view = st.opts.view;
  t.viewer = st.opts.view == report_view::mine ? st.opts.viewer : std::string();
  t.checkins = st.checkins;
  t.entries = st.entries;
  t.private_records = st.private_records;
  t.min_ratings = static_cast<std::size_t>(std::max(0, st.cfg.signs.min_checkins));
  t.min_share_entries = static_cast<std::size_t>(std::max(0, st.cfg.signs.min_share_entries));
}

}  // namespace

trend_report trend_builder::finish() {
  state& st = *s_;
  trend_report t;
  fill_header(st, t);
  auto [first, last] = column_range(st);
  check_column_count(first, last, st.opts.every);
  column_list cols;
  for (std::int64_t u = first; u <= last; ++u) {
    t.columns.push_back(make_column(st, u));
    auto it = st.columns.find(u);
    cols.push_back(it == st.columns.end() ? nullptr : &it->second);
  }
  // Together and solo are averaged from the first column that holds a record.
  t.averaged_columns = st.first_seen ? static_cast<std::size_t>(last - std::max(first, *st.first_seen) + 1) : 0;
  if (wants_checkins(st.opts.what)) checkin_rows(st, cols, t.rows);
  ledger_rows(st, cols, t.averaged_columns, t.rows);
  std::stable_sort(st.agreements.begin(), st.agreements.end(),
                   [](const auto& a, const auto& b) { return a.second.at != b.second.at ? a.second.at < b.second.at : a.second.id < b.second.id; });
  for (auto& [u, a] : st.agreements) {
    if (u < first || u > last) continue;
    a.column = static_cast<std::size_t>(u - first);
    t.columns[a.column].agreements.push_back(t.agreements.size());
    t.agreements.push_back(a);
  }
  return t;
}

trend_report build_trend(const store& s, const period& span, trend_step every, trend_rows what, report_view view,
                         const std::function<void(const diagnostic&)>& on_warning) {
  const repo& rp = s.repository();
  trend_options opts{span, every, what, view, {}};
  if (view == report_view::mine && !rp.acting_as_other()) opts.viewer = rp.private_owner();
  if (opts.viewer.empty()) opts.view = report_view::shared;
  bool mine = opts.view == report_view::mine;
  trend_builder builder(rp.config(), rp.cal(), opts);
  auto feed = [&](record&& r) { builder.add(r); };
  std::vector<scan_filter> filters = {scan_filter(record_type::agreement)};
  if (wants_checkins(what)) filters.emplace_back(record_type::checkin, span);
  if (wants_load(what) || wants_choices(what)) filters.emplace_back(record_type::entry, span);
  for (auto& f : filters) {
    f.private_of_me = mine;
    s.scan(f, feed, on_warning);
  }
  return builder.finish();
}

}  // namespace balance
