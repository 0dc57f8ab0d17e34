#include "balance/boundaries.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "balance/cadence.hpp"
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

}  // namespace balance
