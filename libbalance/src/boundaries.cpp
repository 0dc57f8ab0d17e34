#include "balance/boundaries.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "balance/cadence.hpp"
#include "balance/id.hpp"
#include "balance/json.hpp"
#include "balance/query.hpp"
#include "balance/when.hpp"
#include "balance/error.hpp"
#include "balance/format.hpp"
#include "balance/text.hpp"

namespace balance {

cadence review_cadence_of(const record& boundary, const settings& cfg) {
  if (!boundary.review.empty()) {
    try {
      return parse_cadence(boundary.review);
    } catch (const error&) {
      // Validation reports a bad cadence; here the default keeps the view usable.
    }
  }
  return cfg.review_cadence;
}

std::vector<boundary_view> load_boundaries(const store& s, bool include_retired, const std::optional<std::string>& owner,
                                           bool mine) {
  const repo& r = s.repository();
  const settings& cfg = r.config();
  scan_filter defs(record_type::boundary);
  defs.author = owner;
  defs.private_of_me = mine;
  std::vector<record> boundaries = s.load(defs);
  std::map<std::string, std::vector<record>> events;
  scan_filter event_filter(record_type::event);
  event_filter.private_of_me = mine;
  s.scan(event_filter, [&](record&& e) {
    if (!e.boundary.empty()) events[e.boundary].push_back(std::move(e));
  });

  std::vector<boundary_view> views;
  for (auto& b : boundaries) {
    if (!include_retired && !b.is_active_boundary()) continue;
    boundary_view v;
    v.events = std::move(events[b.id]);
    std::sort(v.events.begin(), v.events.end(), record_less);
    if (!v.events.empty()) v.last_event = v.events.back();
    v.review_since = b.at;
    for (const auto& e : v.events)
      if (e.kind == "reviewed" && e.at.utc > v.review_since.utc) v.review_since = e.at;
    if (b.is_active_boundary()) {
      v.next_review = review_due_at(review_cadence_of(b, cfg), v.review_since, r.cal());
      v.review_due = v.next_review && *v.next_review <= r.cal().now.utc;
    }
    v.boundary = std::move(b);
    views.push_back(std::move(v));
  }
  // Owners in balance.toml order, then oldest first.
  auto rank = [&](const std::string& who) {
    auto it = std::find(cfg.people.begin(), cfg.people.end(), who);
    return static_cast<std::size_t>(it - cfg.people.begin());
  };
  std::stable_sort(views.begin(), views.end(), [&](const boundary_view& a, const boundary_view& b) {
    if (a.boundary.who != b.boundary.who) return rank(a.boundary.who) < rank(b.boundary.who);
    return record_less(a.boundary, b.boundary);
  });
  return views;
}

void check_event_target(const record& event, const record& boundary) {
  bool needs_active = event.kind == "respected" || event.kind == "crossed" || event.kind == "reviewed";
  // Its history stays open: an event dated before the retirement is one that happened then.
  bool before_retired = boundary.retired && event.at.utc < boundary.retired->utc;
  if (needs_active && !boundary.is_active_boundary() && !before_retired)
    throw_usage(fmt::format("boundary {} was retired{}; a retired boundary keeps its history but takes no new events",
                            boundary.id.substr(0, 7),
                            boundary.retired ? fmt::format(" on {}", format_date(*boundary.retired)) : std::string()));
  if (boundary.is_private && !event.is_private)
    throw_usage(fmt::format("boundary {} is private; note its events with --private so they stay private too",
                            boundary.id.substr(0, 7)));
}

std::optional<std::string> default_actor(const record& boundary, const settings& cfg) {
  if (cfg.people.size() != 2) return std::nullopt;
  return cfg.people[0] == boundary.who ? cfg.people[1] : cfg.people[0];
}

namespace {

std::string day(const calendar& cal, sys_seconds t) {
  auto d = std::chrono::year_month_day{cal.day_of(t)};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::string event_phrase(const record& e) {
  if (e.kind == "respected") return fmt::format("respected ({})", e.who);
  if (e.kind == "crossed") return fmt::format("crossed ({})", e.who);
  if (e.kind == "reviewed") return fmt::format("reviewed ({})", e.who);
  return fmt::format("{} ({})", e.kind, e.who);
}

}  // namespace

void write_boundary_table(const std::vector<boundary_view>& views, const calendar& cal, sink& out, const style& st) {
  // Two lines each: the boundary's own words first, then when it comes up for review and what
  // happened last. Owners are padded to one width so the words line up.
  std::size_t owner_width = 0;
  for (const auto& v : views) owner_width = std::max(owner_width, display_width(v.boundary.who));
  std::size_t indent = 8 + 2 + owner_width + 2;  // id and a space, owner, gaps
  bool first = true;
  for (const auto& v : views) {
    const record& b = v.boundary;
    if (!first) out.write("\n");
    first = false;
    std::string id = b.id.substr(0, 7) + " ";
    std::string words = b.is_private ? "(private) " + b.text : b.text;
    out.write(fmt::format("{}  {:<{}}  {}\n", st.yellow(id), b.who, owner_width,
                          wrap_text(escape_for_terminal(words), output_width, indent)));
    std::string review = b.review.empty() ? "default" : b.review;
    std::string next = !b.is_active_boundary() ? fmt::format("retired {}", b.retired ? format_date(*b.retired) : "")
                       : v.next_review ? fmt::format("next {}{}", day(cal, *v.next_review), v.review_due ? " (due)" : "")
                                       : "no reviews";
    std::string last = v.last_event ? fmt::format("last {} {}", v.last_event->kind, format_date(v.last_event->at)) : "nothing noted yet";
    out.write(std::string(indent, ' '));
    out.write(st.dim(fmt::format("review {} · {} · {}", review, next, last)));
    out.write("\n");
  }
}

void write_boundary_history(const boundary_view& v, const calendar& cal, sink& out, const style& st,
                            const std::string& shown_path) {
  record shown = v.boundary;
  if (!shown_path.empty()) shown.path = shown_path;
  write_record_details(shown, out, st);
  if (v.boundary.is_active_boundary()) {
    out.write(fmt::format("\nnext review  {}{}\n", v.next_review ? day(cal, *v.next_review) : "never (review = off)",
                          v.review_due ? " (due now)" : ""));
  }
  out.write(st.bold("\nhistory\n"));
  if (v.events.empty()) {
    out.write("  nothing noted yet\n");
    return;
  }
  for (const auto& e : v.events) {
    std::string note = e.note.empty() ? "" : "  " + escape_for_terminal(e.note);
    std::replace(note.begin(), note.end(), '\n', ' ');
    out.write(fmt::format("  {}  {}  {}{}{}\n", format_date(e.at), e.id.substr(0, 7), event_phrase(e), note,
                          e.is_private && !v.boundary.is_private ? "  (private)" : ""));
  }
}

outcome add_boundary(const store& s, const boundary_options& o) {
  const repo& rp = s.repository();
  if (trim(o.text).empty())
    throw_usage("add needs the boundary's TEXT, e.g. balance-boundaries add \"I need an hour to myself after work\"");
  record r;
  r.type = record_type::boundary;
  r.who = o.who.empty() ? rp.me() : rp.person(o.who, "--who");
  r.author = r.who;  // a boundary lives in its owner's file
  if (o.is_private && r.who != rp.me()) throw_usage("a private boundary can only be your own");
  r.is_private = o.is_private;
  r.at = o.at.empty() ? rp.cal().now : parse_when(o.at, rp.cal());
  r.text = o.text;
  r.review = (o.review.empty() ? rp.config().review_cadence : parse_cadence(o.review)).to_string();
  r.status = "active";
  for (const auto& t : o.tags)
    if (!t.empty()) r.tags.push_back(t);
  check_flag_record(r, rp.config());
  return add_record(s, std::move(r), [](const record& b) {
    return fmt::format("added boundary {} ({}{}); review {}", b.id.substr(0, 7), b.who, b.is_private ? ", private" : "",
                       b.review);
  });
}

namespace {

// Whose act an event was: named, never guessed for crossed, the other person for respected.
std::string event_actor(const repo& rp, const event_options& o, const std::optional<record>& target) {
  if (!o.who.empty()) return rp.person(o.who, o.kind == "crossed" ? "--by" : "--who");
  if (o.kind == "crossed") throw_usage("who crossed it? name them with --by NAME (balance never guesses)");
  if (o.kind == "respected" && target) {
    auto actor = default_actor(*target, rp.config());
    if (!actor) throw_usage("whose act was it? add --who NAME");
    return *actor;
  }
  return rp.me();
}

std::string event_summary(const record& e) {
  std::string event = e.id.substr(0, 7) + (e.is_private ? ", private" : "");
  std::string boundary = e.boundary.substr(0, 7);
  if (e.kind == "respected" || e.kind == "crossed")
    return fmt::format("noted that boundary {} was {} ({}), event {}", boundary, e.kind, e.who, event);
  if (e.kind == "reviewed") return fmt::format("reviewed boundary {}, event {}", boundary, event);
  if (e.kind == "gave-in") return fmt::format("noted a yes that meant no ({}), event {}", e.who, event);
  return fmt::format("noted that {} asked for space{}, event {}", e.who,
                     e.minutes ? fmt::format(" ({} min)", *e.minutes) : "", event);
}

}  // namespace

namespace {

bool has_id_prefix(const store& s, record_type type, const std::string& prefix);

// gave-in and space take words and point at no boundary: a boundary's id given as their TEXT
// (`gave-in 3f9a`) is a slip, not what happened.
void refuse_id_as_text(const store& s, const event_options& o) {
  if (!o.boundary.empty() || !is_valid_id_prefix(o.text) || !has_id_prefix(s, record_type::boundary, o.text)) return;
  throw_usage(fmt::format("{} is the start of a boundary's id, but {} takes what happened in words and points at no "
                          "boundary, e.g. balance-boundaries {} \"{}\"",
                          o.text, o.kind, o.kind, o.kind == "space" ? "a quiet evening" : "hosting all weekend"));
}

}  // namespace

outcome add_event(const store& s, const event_options& o) {
  const repo& rp = s.repository();
  refuse_id_as_text(s, o);
  record e;
  e.type = record_type::event;
  e.kind = o.kind;
  e.author = rp.me();
  e.is_private = o.is_private;
  e.at = o.at.empty() ? rp.cal().now : parse_when(o.at, rp.cal());
  e.note = !o.text.empty() ? o.text : o.note;
  if (!o.text.empty() && !o.note.empty()) e.note = o.text + "\n" + o.note;
  std::optional<record> target;
  if (!o.boundary.empty()) {
    target = s.find(record_type::boundary, o.boundary);
    e.boundary = target->id;
    check_event_target(e, *target);
  }
  e.who = event_actor(rp, o, target);
  if (!o.duration.empty()) e.minutes = parse_duration(o.duration).count();
  check_flag_record(e, rp.config());
  return add_record(s, std::move(e), event_summary);
}

outcome retire_boundary(const store& s, const std::string& id) {
  record before = s.find(record_type::boundary, id);
  if (!before.is_active_boundary()) return nothing_written(fmt::format("boundary {} is already retired", before.id.substr(0, 7)));
  record after = before;
  after.status = "retired";
  after.retired = s.repository().cal().now;
  write_batch batch(s);
  batch.replace(before, after);
  auto paths = batch.commit();
  return {std::move(paths), fmt::format("retired boundary {}; its history stays", before.id.substr(0, 7)), {after}, {}};
}

namespace {

// Does any record of `type` (shared, or my own private) have an id starting with `prefix`?
bool has_id_prefix(const store& s, record_type type, const std::string& prefix) {
  bool found = false;
  scan_filter filter(type);
  filter.private_of_me = true;
  s.scan(filter, [&](record&& r) { found = found || r.id.starts_with(prefix); });
  return found;
}

std::string count_events(std::size_t n) {
  return n == 0 ? "" : fmt::format(" and {} event{}", n, n == 1 ? "" : "s");
}

}  // namespace

outcome remove_boundary(const store& s, const std::string& id, bool with_events, bool dry_run) {
  bool a_boundary = has_id_prefix(s, record_type::boundary, id);
  if (!a_boundary && is_valid_id_prefix(id)) {
    if (!has_id_prefix(s, record_type::event, id))
      throw_usage(fmt::format("no boundary or event has an id starting with {}", id));
    // An event noted by mistake (a "crossed" that was not, a wrong boundary) goes on its own.
    if (with_events) throw_usage("--with-events goes with a boundary's id; this id is an event's");
    return remove_record(s, record_type::event, id, dry_run);
  }
  record b = s.find(record_type::boundary, id);
  std::vector<record> events;
  scan_filter event_filter(record_type::event);
  event_filter.private_of_me = true;  // my private events may point at a shared boundary
  s.scan(event_filter, [&](record&& e) {
    if (e.boundary == b.id) events.push_back(std::move(e));
  });
  std::string short_id = b.id.substr(0, 7);
  if (!events.empty() && !with_events)
    throw_usage(fmt::format("boundary {} has {} event{} pointing at it. To keep its history, retire it instead "
                            "(balance-boundaries retire {}); to remove both, add --with-events",
                            short_id, events.size(), events.size() == 1 ? "" : "s", short_id));
  if (dry_run) return nothing_written(fmt::format("would remove boundary {}{}", short_id, count_events(events.size())));
  write_batch batch(s);
  for (const auto& e : events) batch.remove(e);
  batch.remove(b);
  outcome done{batch.commit(), fmt::format("removed boundary {}{}", short_id, count_events(events.size())), std::move(events), {}};
  done.records.push_back(std::move(b));
  return done;
}

std::vector<boundary_view> list_boundaries(const store& s, const boundary_filter& f) {
  auto views = load_boundaries(s, f.all, f.owner, f.mine);
  query q;
  q.type = record_type::boundary;
  q.tags = f.tags;
  q.grep = f.grep;
  q.mine = true;  // load_boundaries has applied the view already
  std::erase_if(views, [&](const boundary_view& v) { return !matches(q, v.boundary); });
  if (f.limit > 0 || f.reverse) {
    std::stable_sort(views.begin(), views.end(),
                     [](const boundary_view& a, const boundary_view& b) { return record_less(a.boundary, b.boundary); });
    if (f.limit > 0 && views.size() > f.limit) views.erase(views.begin(), views.end() - static_cast<std::ptrdiff_t>(f.limit));
    if (f.reverse) std::reverse(views.begin(), views.end());
  }
  return views;
}

boundary_view find_boundary(const store& s, const std::string& id) {
  record b = s.find(record_type::boundary, id);
  for (auto& v : load_boundaries(s, true, b.who, b.is_private))
    if (v.boundary.id == b.id) return std::move(v);
  throw_usage(fmt::format("no boundary has an id starting with {}", id));  // unreachable: find() found it
}

std::vector<boundary_view> reviews_due(const store& s, const std::optional<std::string>& owner) {
  auto views = load_boundaries(s, false, owner);
  std::erase_if(views, [](const boundary_view& v) { return !v.review_due; });
  return views;
}

void write_reviews_due(const std::vector<boundary_view>& due, const settings& cfg, const calendar& cal, bool json,
                       sink& out) {
  if (!json) {
    for (const auto& v : due)
      out.write(fmt::format("{}: review of boundary {} due ({}; last {} {})\n", v.boundary.who, v.boundary.id.substr(0, 7),
                            review_cadence_of(v.boundary, cfg).to_string(),
                            v.review_since.utc == v.boundary.at.utc ? "set" : "reviewed", format_date(v.review_since)));
    return;
  }
  std::vector<std::string> items;
  for (const auto& v : due)
    items.push_back(json_fields()
                        .text("who", v.boundary.who)
                        .text("boundary", v.boundary.id)
                        .text("review", review_cadence_of(v.boundary, cfg).to_string())
                        .text("since", format_timestamp(v.review_since))
                        .text("due", format_timestamp(cal.tz.at(*v.next_review)))
                        .object());
  write_schema_document(out, {}, "due", items);
}

std::string write_boundary_list(const std::vector<boundary_view>& views, const boundary_filter& filter, record_format f,
                                const writer_options& wo, const calendar& cal, sink& out) {
  if (f == record_format::text) {
    if (views.empty()) return filter.all ? "no boundaries yet" : "no active boundaries";
    write_boundary_table(views, cal, out, wo.st);
    return {};
  }
  auto writer = make_record_writer(f, record_type::boundary, out, wo);
  for (const auto& v : views) writer->write(v.boundary);
  writer->finish();
  return {};
}

}  // namespace balance
