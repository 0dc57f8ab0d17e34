// The report's words and the helpers every renderer of it shares (text, Markdown, json, html):
// one place for each caption and sentence, so the faces of the report never drift apart.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "balance/ledger.hpp"
#include "balance/report.hpp"
#include "balance/text.hpp"

namespace balance::report_words {


inline bool wanted(const std::vector<std::string>& sections, std::string_view id) {
  return sections.empty() || std::find(sections.begin(), sections.end(), id) != sections.end();
}

inline std::string one_decimal(double v) { return fmt::format("{:.1f}", v); }

inline std::string change_text(const person_dimension& p) {
  if (!p.mean) return "";
  auto t = p.trend();
  if (!t) return "new";
  double rounded = std::round(*t * 10) / 10;
  if (rounded == 0) return "±0.0";
  return fmt::format("{:+.1f}", rounded);
}

inline std::string plural(std::size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

// The captions and fixed sentences, shared by text and markdown.
namespace words {

inline std::string view_line(const report& r) {
  if (r.view == report_view::shared) return "Shared view: no private records.";
  return fmt::format("Your view: shared records plus {} of yours, marked (private).",
                     plural(r.private_records, "private record", "private records"));
}

inline std::string counts_line(const report& r) {
  return fmt::format("Based on {}, {} and {}.", plural(r.checkins, "check-in", "check-ins"),
                     plural(r.entries, "ledger entry", "ledger entries"), plural(r.events, "boundary event", "boundary events"));
}

const char* const nothing_yet = "Nothing to go on yet: check in and log a few things, and this fills up.";
const char* const nothing_working =
    "Nothing here yet clears the bar for \"working\" (every person at 4 or above, or a rise since last time).";
const char* const no_checkins = "No check-ins in this period yet.";
const char* const checkins_caption =
    "MEAN is 1–5 over N ratings; CHANGE compares with the previous period; GAP is how far apart your means are.";
const char* const no_entries = "No ledger entries in this period yet.";
const char* const no_choices = "No choices logged in this period.";
const char* const boundaries_caption =
    "RESPECTED and CROSSED count events on each person's boundaries; GAVE IN and SPACE what each person noted "
    "for themselves.";
const char* const no_signs = "No sign stood out in this period.";
const char* const no_signs_yet = "No sign stood out in the data there is; some signs need more of it first (below).";
const char* const paused_suggestions =
    "Suggestions for things to try together are left out of your view while you feel unsafe.";

// With no sign: nothing to go on, or too little for some signs, or a real all-clear.
inline const char* none_found(const report& r) {
  if (r.empty()) return nothing_yet;
  return r.not_enough_data.empty() ? no_signs : no_signs_yet;
}

inline std::string choices_caption() {
  return fmt::format("NEXT TURN is whose pick is next, from the last {} choices of each topic.", turn_window);
}

inline std::string not_enough(const report& r) {
  std::string list;
  for (const auto& n : r.not_enough_data) list += (list.empty() ? "" : "; ") + n;
  return "Not enough data yet for: " + list + ".";
}

inline std::string feeling(const dated_words& f) {
  return fmt::format("{} felt ({}): \"{}\"{}", f.who, format_date(f.at), f.text, f.is_private ? " (private)" : "");
}

inline std::string need(const dated_words& n) {
  return fmt::format("{} needs ({}): \"{}\"{}", n.who, format_date(n.at), n.text, n.is_private ? " (private)" : "");
}

inline std::string marked(const std::string& text, bool is_private) { return is_private ? text + " (private)" : text; }

// The private view's count of my private journal pages: how many and their tags, never words.
inline std::string private_pages_line(const report& r) {
  std::string line = r.private_pages == 1 ? std::string("You wrote 1 private journal page")
                                          : fmt::format("You wrote {} private journal pages", r.private_pages);
  if (!r.private_page_tags.empty()) {
    std::string tags;
    for (const auto& t : r.private_page_tags) tags += (tags.empty() ? "" : ", ") + t;
    line += ", tagged " + tags;
  }
  return marked(line + ".", true);
}

// Who thanked, and for an appreciation whom: "alex" or "alex to sam".
inline std::string thanker(const dated_words& t) { return t.to.empty() ? t.who : fmt::format("{} to {}", t.who, t.to); }

// "Made 2026-10-04; reviewed twice, the last time: kept (2026-11-15)."
inline std::string agreement_made(const agreement_summary& a) {
  std::string line = "Made " + format_date(a.at) + "; ";
  if (a.reviews == 0) return line + fmt::format("not reviewed yet; it comes up for review {}.", a.review);
  line += a.reviews == 1 ? "reviewed once" : fmt::format("reviewed {} times", a.reviews);
  std::string outcome = a.last_outcome == "not-yet" ? "not yet" : a.last_outcome;
  if (a.last_review) line += fmt::format(", the last time: {} ({})", outcome, format_date(*a.last_review));
  return line + ".";
}

const char* const agreements_caption =
    "Each person's mean rating in the days before the agreement was made and since, with how many ratings in "
    "brackets. A few ratings say little either way; the talk about it says more.";
const char* const no_ratings_around = "No check-in ratings yet from the days around it.";
const char* const no_agreements = "No agreement is open. `balance-talk agree TEXT` writes one down.";

inline std::string window_head(const char* side, int days) {
  return fmt::format("{} ({} {})", side, days, days == 1 ? "day" : "days");
}

inline std::string window_cell(const std::optional<double>& mean, std::size_t count) {
  return mean ? fmt::format("{:.1f} ({})", *mean, count) : "-";
}

inline std::string space_cell(const boundary_counts& b) {
  return b.space_minutes ? fmt::format("{} ({} min)", b.space, b.space_minutes) : std::to_string(b.space);
}

}  // namespace words

// Rows of the check-in table: each dimension anyone rated, then mood.
inline std::vector<const dimension_summary*> rated_dimensions(const report& r) {
  std::vector<const dimension_summary*> out;
  for (const auto& d : r.dimensions)
    if (d.count > 0) out.push_back(&d);
  if (r.mood.count > 0) out.push_back(&r.mood);
  return out;
}

// The agreements section shows only once there is an agreement, unless asked for by name.
inline bool quiet_section(const report& r, const std::vector<std::string>& sections, std::string_view id) {
  return id == "agreements" && r.agreements.empty() && sections.empty();
}

inline bool safety_first(const report& r, const std::vector<std::string>& sections) {
  return r.view == report_view::mine && !r.safety_note.empty() && wanted(sections, "safety");
}

// The rows of one agreement's table: each dimension, a row per person.
inline std::vector<std::vector<std::string>> agreement_rows(const agreement_summary& a) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& d : a.dimensions) {
    bool first = true;
    for (const auto& p : d.people) {
      rows.push_back({first ? d.key : "", p.name, words::window_cell(p.before, p.before_count),
                      words::window_cell(p.since, p.since_count)});
      first = false;
    }
  }
  return rows;
}

}  // namespace balance::report_words
