// The trend's words and cell texts, shared by every face of it (text, Markdown, html): one
// place for each caption, cell and sparkline, so the faces never drift apart.
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "balance/ledger.hpp"
#include "balance/text.hpp"
#include "balance/trend.hpp"

namespace balance::trend_words {

// The sparkline covers at most this many of the latest columns.
inline constexpr std::size_t spark_columns = 12;
// Marks a column in which an agreement was made.
inline constexpr std::string_view agreement_mark = "*";

inline std::string times_text(std::size_t n) { return n == 1 ? "1 time" : fmt::format("{} times", n); }

inline std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

inline std::string unit_word(const trend_report& t, std::size_t n = 1) {
  std::string word(trend_step_name(t.every));
  return n == 1 ? word : word + "s";
}

// A cell as the tables show it: "4.2 (4)", "~4.0 (2)", "1.5", "49%", "1 of 3", "9.5 h (5)", "·".
inline std::string cell_text(const trend_row& row, const trend_cell& c) {
  switch (row.kind) {
    case trend_row_kind::rating:
      if (!c.value) return "·";
      return fmt::format("{}{:.1f} ({})", c.few ? "~" : "", *c.value, c.count);
    case trend_row_kind::gap:
      if (!c.value) return "·";
      return fmt::format("{}{:.1f}", c.few ? "~" : "", *c.value);
    case trend_row_kind::share:
      if (c.of == 0) return "·";
      return c.value ? share_text(*c.value) : fmt::format("{} of {}", c.count, c.of);
    case trend_row_kind::together:
    case trend_row_kind::solo:
      if (c.count == 0) return "·";
      return c.value ? fmt::format("{:.1f} h", *c.value) : times_text(c.count);
  }
  return "·";
}

// Together and solo average per column; the other rows are over the whole span.
inline std::string average_text(const trend_report& t, const trend_row& row) {
  const trend_cell& c = row.average;
  switch (row.kind) {
    case trend_row_kind::rating:
    case trend_row_kind::gap:
    case trend_row_kind::share: return cell_text(row, c);
    case trend_row_kind::together:
    case trend_row_kind::solo:
      if (c.count == 0 || t.averaged_columns == 0) return "·";
      if (c.value) return fmt::format("{:.1f} h", *c.value);
      return fmt::format("{:.1f} times", static_cast<double>(c.count) / static_cast<double>(t.averaged_columns));
  }
  return "·";
}

// Where a cell sits between the row's low and high end, 0 to 1; nullopt: nothing to draw.
inline std::optional<double> spark_level(const trend_row& row, const trend_cell& c, double row_max) {
  switch (row.kind) {
    case trend_row_kind::rating: return c.value ? std::optional((*c.value - 1.0) / 4.0) : std::nullopt;
    case trend_row_kind::gap: return c.value ? std::optional(*c.value / 4.0) : std::nullopt;
    case trend_row_kind::share: return c.value;
    case trend_row_kind::together:
    case trend_row_kind::solo:
      if (c.count == 0 || row_max <= 0) return std::nullopt;
      return (c.value ? *c.value : static_cast<double>(c.count)) / row_max;
  }
  return std::nullopt;
}

// The columns a sparkline draws: from the first that holds a record, at most the latest 12.
inline std::size_t spark_from(const trend_report& t) {
  std::size_t drawn = std::min(spark_columns, t.averaged_columns);
  return t.columns.size() - drawn;
}

inline std::string sparkline(const trend_report& t, const trend_row& row) {
  static const char* const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::size_t from = spark_from(t);
  double row_max = 0;
  for (std::size_t i = from; i < row.cells.size(); ++i) {
    const trend_cell& c = row.cells[i];
    row_max = std::max(row_max, c.value ? *c.value : static_cast<double>(c.count));
  }
  std::string out;
  for (std::size_t i = from; i < row.cells.size(); ++i) {
    auto level = spark_level(row, row.cells[i], row_max);
    out += level ? bars[std::lround(std::clamp(*level, 0.0, 1.0) * 7.0)] : "·";
  }
  return out;
}

inline const char* section_title(std::string_view section) {
  if (section == "checkins") return "Check-ins";
  if (section == "load") return "Give and take";
  return "Choices";
}

inline constexpr const char* sections[] = {"checkins", "load", "choices"};

inline bool shows(const trend_report& t, std::string_view section) {
  switch (t.what) {
    case trend_rows::checkins: return section == "checkins";
    case trend_rows::load: return section == "load";
    case trend_rows::choices: return section == "choices";
    case trend_rows::all: return true;
  }
  return true;
}

inline std::vector<const trend_row*> rows_of(const trend_report& t, std::string_view section) {
  std::vector<const trend_row*> out;
  for (const auto& r : t.rows)
    if (r.section == section) out.push_back(&r);
  return out;
}

// Whether `section` carries the line that people log more of their own work: the first ledger
// section shown that has rows, so the line is there once whenever ledger numbers are.
inline bool carries_over_claiming(const trend_report& t, std::string_view section) {
  for (std::string_view s : {"load", "choices"})
    if (shows(t, s) && !rows_of(t, s).empty()) return s == section;
  return false;
}

// The sentences, shared by text and Markdown.
namespace words {

inline std::string heading(const trend_report& t) {
  return fmt::format("Trends for {}, by {}", join_names(t.people), trend_step_name(t.every));
}

inline std::string span_line(const trend_report& t) {
  return fmt::format("{}, {}.", t.span_text, plural(t.columns.size(), unit_word(t), unit_word(t, 2)));
}

inline std::string view_line(const trend_report& t) {
  if (t.view == report_view::shared) return "Shared view: no private records.";
  return fmt::format("Your view: shared records plus {} of yours.",
                     plural(t.private_records, "private record", "private records"));
}

inline std::string counts_line(const trend_report& t) {
  std::vector<std::string> parts;
  if (shows(t, "checkins")) parts.push_back(plural(t.checkins, "check-in", "check-ins"));
  if (shows(t, "load") || shows(t, "choices")) parts.push_back(plural(t.entries, "ledger entry", "ledger entries"));
  return "Based on " + join_names(parts) + ".";
}

inline std::string fit_line(const trend_report& t, std::size_t shown) {
  return fmt::format("Showing the latest {} of the {} {}, as many as fit in {} columns; --format csv, tsv or json has them all.",
                     shown, t.columns.size(), unit_word(t, 2), output_width);
}

const char* const nothing_yet = "Nothing to go on yet: check in and log a few things, and this fills up.";

inline std::string none_in(std::string_view section) {
  if (section == "checkins") return "No check-in ratings in this span yet.";
  if (section == "load") return "No ledger entries in this span yet.";
  return "No choices logged in this span yet.";
}

inline std::string caption(const trend_report& t, std::string_view section) {
  if (section == "checkins")
    return fmt::format("Each cell is the mean rating (1–5) with how many ratings it rests on in brackets; ~ marks "
                       "fewer than {} ratings, · none. gap is how far apart your means are.",
                       t.min_ratings);
  if (section == "load")
    return fmt::format("Each person's share of a kind by weight, next to the share you agreed; a {} with fewer than "
                       "{} entries of a kind shows counts instead. solo is each person's own time and together your "
                       "time together, in hours.",
                       unit_word(t), t.min_share_entries);
  return fmt::format("Each person's share of a topic's choices, next to the share you agreed; a {} with fewer than "
                     "{} choices of a topic shows counts instead.",
                     unit_word(t), t.min_share_entries);
}

inline std::string columns_note(const trend_report& t) {
  std::size_t drawn = t.columns.size() - spark_from(t);
  return fmt::format("TREND draws the latest {} (· where there is nothing to draw). AVERAGE is over the whole "
                     "span: every rating and entry, and for together and solo the hours per {} from the first {} "
                     "with a record.",
                     drawn == 1 ? unit_word(t) : plural(drawn, unit_word(t), unit_word(t, 2)), unit_word(t), unit_word(t));
}

inline std::string agreement_text(const trend_agreement& a) { return a.text + (a.is_private ? " (private)" : ""); }

const char* const agreements_title = "Agreements made";
inline std::string agreements_note() {
  return fmt::format("{} marks the column in which an agreement was made.", agreement_mark);
}

}  // namespace words

// The label columns of a section's table: what the row is about, whose it is, and for shares
// the agreed share.
inline std::vector<std::string> label_heads(std::string_view section) {
  if (section == "checkins") return {"DIMENSION", "WHO"};
  if (section == "load") return {"KIND", "WHO", "AGREED"};
  return {"TOPIC", "WHO", "AGREED"};
}

inline std::vector<std::string> label_cells(const trend_row& row, bool first_of_key) {
  std::string who = row.kind == trend_row_kind::gap ? "gap" : row.who;
  std::vector<std::string> cells = {first_of_key ? row.key + (row.retired ? " (retired)" : "") : "", who};
  if (row.section != "checkins") cells.push_back(row.agreed ? share_text(*row.agreed) : "");
  return cells;
}

inline std::string column_head(const trend_report& t, std::size_t i) {
  return t.columns[i].label + (t.columns[i].agreements.empty() ? "" : std::string(agreement_mark));
}

}  // namespace balance::trend_words
