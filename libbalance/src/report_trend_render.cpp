// The trend's faces: a text table per section that fits 80 columns (the most recent columns that
// fit, said in one line), the same tables in Markdown with every column, tidy csv and tsv (one
// line per column, row and value), and json with "schema": 1. Text and Markdown print the same
// captions and sentences.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/json.hpp"
#include "balance/ledger.hpp"
#include "balance/text.hpp"
#include "balance/trend.hpp"
#include "report_note.hpp"
#include "trend_words.hpp"

namespace balance {

using namespace trend_words;

namespace {

// Pads to `width` terminal columns.
std::string padded(const std::string& s, std::size_t width, bool right) {
  std::size_t w = display_width(s);
  std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

// One section's table for the terminal: its label columns, a column per period, TREND, AVERAGE.
struct text_grid {
  std::vector<std::string> heads;
  std::vector<std::vector<std::string>> labels, cells;  // per row
  std::vector<std::string> trends, averages;            // per row
  std::vector<std::size_t> label_width, column_width;
  std::size_t trend_width = 5, average_width = 7;       // TREND, AVERAGE

  // The widest everything but the period columns makes a line, indent and gaps included.
  std::size_t fixed_width() const {
    std::size_t w = 2 + 2 + trend_width + 2 + average_width;
    for (std::size_t lw : label_width) w += lw;
    return w + 2 * (label_width.size() - 1);
  }
  // How many of the latest period columns fit in the output width (at least one).
  std::size_t fitting() const {
    std::size_t w = fixed_width(), n = 0;
    for (std::size_t i = column_width.size(); i-- > 0;) {
      w += 2 + column_width[i];
      if (w > output_width) break;
      ++n;
    }
    return std::max<std::size_t>(n, std::min<std::size_t>(1, column_width.size()));
  }
};

void measure(text_grid& g, const trend_report& t) {
  g.label_width.assign(g.heads.size(), 0);
  for (std::size_t j = 0; j < g.heads.size(); ++j) g.label_width[j] = display_width(g.heads[j]);
  for (const auto& row : g.labels)
    for (std::size_t j = 0; j < row.size(); ++j) g.label_width[j] = std::max(g.label_width[j], display_width(row[j]));
  g.column_width.assign(t.columns.size(), 0);
  // A column's agreement mark hangs into the gap after it and takes no width of its own.
  for (std::size_t i = 0; i < t.columns.size(); ++i) g.column_width[i] = display_width(t.columns[i].label);
  for (const auto& row : g.cells)
    for (std::size_t i = 0; i < row.size(); ++i) g.column_width[i] = std::max(g.column_width[i], display_width(row[i]));
  for (const auto& s : g.trends) g.trend_width = std::max(g.trend_width, display_width(s));
  for (const auto& s : g.averages) g.average_width = std::max(g.average_width, display_width(s));
}

text_grid make_grid(const trend_report& t, std::string_view section) {
  text_grid g;
  g.heads = label_heads(section);
  std::string last_key;
  for (const trend_row* r : rows_of(t, section)) {
    g.labels.push_back(label_cells(*r, r->key != last_key));
    last_key = r->key;
    std::vector<std::string> cells;
    for (const auto& c : r->cells) cells.push_back(cell_text(*r, c));
    g.cells.push_back(std::move(cells));
    g.trends.push_back(sparkline(t, *r));
    g.averages.push_back(average_text(t, *r));
  }
  measure(g, t);
  return g;
}

// One line of the table: labels (the agreed share right-aligned), the latest `shown` periods
// right-aligned, the sparkline, the average.
std::string grid_line(const text_grid& g, const std::vector<std::string>& labels, const std::vector<std::string>& cells,
                      const std::string& trend, const std::string& average, std::size_t shown) {
  std::string line = " ";
  for (std::size_t j = 0; j < labels.size(); ++j) line += (j ? "  " : " ") + padded(labels[j], g.label_width[j], j == 2);
  for (std::size_t i = cells.size() - shown; i < cells.size(); ++i) line += "  " + padded(cells[i], g.column_width[i], true);
  line += "  " + padded(trend, g.trend_width, false) + "  " + padded(average, g.average_width, true);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// The heading line: a column in which an agreement was made has its mark just after its label,
// in the gap before the next column.
std::string grid_head(const text_grid& g, const trend_report& t, std::size_t shown) {
  std::vector<std::string> heads;
  for (const auto& c : t.columns) heads.push_back(c.label);
  std::string line = grid_line(g, g.heads, heads, "TREND", "AVERAGE", shown);
  std::size_t at = 0;
  for (std::size_t j = 0; j < g.heads.size(); ++j) at += 2 + g.label_width[j];
  for (std::size_t i = t.columns.size() - shown; i < t.columns.size(); ++i) {
    at += 2 + g.column_width[i];
    if (!t.columns[i].agreements.empty()) line.replace(at, 1, agreement_mark);
  }
  return line;
}

void render_grid(const text_grid& g, const trend_report& t, std::size_t shown, sink& out, const style& st) {
  out.write(st.bold(grid_head(g, t, shown)) + "\n");
  for (std::size_t r = 0; r < g.labels.size(); ++r)
    out.write(grid_line(g, g.labels[r], g.cells[r], g.trends[r], g.averages[r], shown) + "\n");
}

void note(sink& out, const style& st, std::string_view text) { detail::write_note(out, st, text); }

void text_header(const trend_report& t, sink& out, const style& st) {
  out.write(st.bold(words::heading(t)) + "\n");
  for (const auto& line : {words::span_line(t), words::view_line(t), words::counts_line(t)})
    out.write(wrap_text(line, output_width, 0) + "\n");
}

void text_agreements(const trend_report& t, sink& out, const style& st) {
  if (t.agreements.empty()) return;
  out.write("\n" + st.bold(words::agreements_title) + "\n");
  for (const auto& a : t.agreements)
    out.write("  " + format_date(a.at) + "  " + wrap_text(escape_for_terminal(words::agreement_text(a)), output_width, 14) + "\n");
  note(out, st, words::agreements_note());
}

// The notes under a section's table; the over-claiming line goes with the first ledger section.
void text_notes(const trend_report& t, std::string_view section, sink& out, const style& st) {
  note(out, st, words::caption(t, section));
  if (carries_over_claiming(t, section)) note(out, st, over_claiming_note);
}

void text_trend(const trend_report& t, sink& out, const style& st) {
  text_header(t, out, st);
  if (t.empty()) {
    out.write("\n  " + wrap_text(words::nothing_yet, output_width, 2) + "\n");
    return;
  }
  std::vector<std::pair<std::string_view, text_grid>> grids;
  std::size_t shown = t.columns.size();
  for (std::string_view section : sections) {
    if (!shows(t, section)) continue;
    grids.emplace_back(section, make_grid(t, section));
    if (!grids.back().second.labels.empty()) shown = std::min(shown, grids.back().second.fitting());
  }
  if (shown < t.columns.size()) out.write(wrap_text(words::fit_line(t, shown), output_width, 0) + "\n");
  for (const auto& [section, grid] : grids) {
    out.write("\n" + st.bold(section_title(section)) + "\n");
    if (grid.labels.empty()) {
      out.write("  " + words::none_in(section) + "\n");
      continue;
    }
    render_grid(grid, t, shown, out, st);
    text_notes(t, section, out, st);
  }
  out.write("\n");
  note(out, st, words::columns_note(t));
  text_agreements(t, out, st);
}

// Markdown: the same tables with every column, and the same sentences. A tilde could start a
// strikethrough in some renderers: it gets a backslash too.
std::string md(std::string_view s) {
  std::string out;
  for (char c : escape_markdown(s)) {
    if (c == '~') out += '\\';
    out += c;
  }
  return out;
}

void md_table(const trend_report& t, std::string_view section, sink& out) {
  std::vector<std::string> heads = label_heads(section);
  std::string line = "|", rule = "|";
  for (std::size_t j = 0; j < heads.size(); ++j) {
    std::string h = heads[j];
    std::transform(h.begin() + 1, h.end(), h.begin() + 1, [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    line += " " + h + " |";
    rule += j == 2 ? " ---: |" : " --- |";
  }
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    line += " " + md(column_head(t, i)) + " |";
    rule += " ---: |";
  }
  out.write(line + " Trend | Average |\n" + rule + " --- | ---: |\n");
  std::string last_key;
  for (const trend_row* r : rows_of(t, section)) {
    std::string row = "|";
    for (const auto& cell : label_cells(*r, r->key != last_key)) row += " " + md(cell) + " |";
    last_key = r->key;
    for (const auto& c : r->cells) row += " " + md(cell_text(*r, c)) + " |";
    out.write(row + " " + sparkline(t, *r) + " | " + md(average_text(t, *r)) + " |\n");
  }
}

void md_section(const trend_report& t, std::string_view section, sink& out) {
  out.write(fmt::format("## {}\n\n", section_title(section)));
  if (rows_of(t, section).empty()) {
    out.write(md(words::none_in(section)) + "\n\n");
    return;
  }
  md_table(t, section, out);
  out.write("\n*" + md(words::caption(t, section)) + "*");
  if (carries_over_claiming(t, section)) out.write(" *" + md(over_claiming_note) + "*");
  out.write("\n\n");
}

void markdown_trend(const trend_report& t, sink& out) {
  out.write("# " + md(words::heading(t)) + "\n\n");
  out.write(md(words::span_line(t) + " " + words::view_line(t) + " " + words::counts_line(t)) + "\n\n");
  if (t.empty()) {
    out.write(md(words::nothing_yet) + "\n");
    return;
  }
  for (std::string_view section : sections)
    if (shows(t, section)) md_section(t, section, out);
  out.write("*" + md(words::columns_note(t)) + "*\n");
  if (t.agreements.empty()) return;
  out.write(fmt::format("\n## {}\n\n", words::agreements_title));
  for (const auto& a : t.agreements) out.write("- " + format_date(a.at) + " " + md(words::agreement_text(a)) + "\n");
  out.write("\n*" + md(words::agreements_note()) + "*\n");
}

std::string day_text(local_days d) {
  const std::chrono::year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

const char* row_kind_name(trend_row_kind k) {
  switch (k) {
    case trend_row_kind::rating: return "rating";
    case trend_row_kind::gap: return "gap";
    case trend_row_kind::share: return "share";
    case trend_row_kind::together: return "together";
    case trend_row_kind::solo: return "solo";
  }
  return "rating";
}

// A cell's values by name, in the order csv and json write them; nullopt for "no value".
using named_value = std::pair<std::string, std::optional<std::string>>;

std::optional<std::string> number_or_none(const std::optional<double>& v) {
  return v ? std::optional(fmt::format("{}", *v)) : std::nullopt;
}

std::vector<named_value> cell_values(const trend_row& row, const trend_cell& c, bool average) {
  auto n = [](std::size_t v) { return std::optional(std::to_string(v)); };
  auto flag = [](bool b) { return std::optional<std::string>(b ? "true" : "false"); };
  switch (row.kind) {
    case trend_row_kind::rating: return {{"mean", number_or_none(c.value)}, {"ratings", n(c.count)}, {"few", flag(c.few)}};
    case trend_row_kind::gap: return {{"gap", number_or_none(c.value)}, {"few", flag(c.few)}};
    case trend_row_kind::share:
      if (row.section == "choices")
        return {{"share", number_or_none(c.value)}, {"choices", n(c.count)}, {"of", n(c.of)}, {"few", flag(c.few)}};
      return {{"share", number_or_none(c.value)}, {"entries", n(c.count)}, {"of", n(c.of)},
              {"weight", fmt::format("{}", c.weight)}, {"few", flag(c.few)}};
    case trend_row_kind::together:
    case trend_row_kind::solo:
      return {{average ? "hours_per_column" : "hours", number_or_none(c.value)}, {"times", n(c.count)}};
  }
  return {};
}

std::string cell_json(const trend_row& row, const trend_cell& c, const std::string& period) {
  json_fields f;
  if (!period.empty()) f.text("period", period);
  for (const auto& [key, value] : cell_values(row, c, period.empty())) {
    if (!value)
      f.null(key);
    else if (*value == "true" || *value == "false")
      f.boolean(key, *value == "true");
    else
      f.raw(key, *value);
  }
  return f.object();
}

std::string row_json(const trend_report& t, const trend_row& row) {
  json_fields f;
  f.text("section", row.section).text("row", row_kind_name(row.kind)).text("key", row.key).text_or_null("who", row.who);
  if (row.agreed) f.number("agreed", *row.agreed);
  if (row.retired) f.boolean("retired", true);
  std::vector<std::string> cells;
  for (std::size_t i = 0; i < row.cells.size(); ++i) cells.push_back(cell_json(row, row.cells[i], t.columns[i].label));
  return f.raw("cells", json_list(cells)).raw("average", cell_json(row, row.average, "")).object();
}

json_fields json_head(const trend_report& t) {
  json_fields head;
  head.text("every", trend_step_name(t.every)).text("what", trend_rows_name(t.what));
  head.text("view", t.view == report_view::mine ? "mine" : "shared");
  if (t.view == report_view::mine) head.text("viewer", t.viewer).count("private_records", t.private_records);
  std::vector<std::string> people, columns;
  for (const auto& p : t.people) people.push_back(json_string(p));
  json_fields span;
  span.text("label", t.span.is_all() ? "all" : t.span.label).text("text", t.span_text);
  if (!t.columns.empty())
    span.text("first", day_text(t.columns.front().first_day)).text("last", day_text(t.columns.back().last_day));
  head.raw("people", json_list(people)).raw("period", span.object());
  head.count("checkins", t.checkins).count("entries", t.entries).count("min_ratings", t.min_ratings);
  head.count("min_share_entries", t.min_share_entries).count("averaged_columns", t.averaged_columns);
  for (const auto& c : t.columns) {
    std::vector<std::string> ids;
    for (std::size_t a : c.agreements) ids.push_back(json_string(t.agreements[a].id));
    columns.push_back(json_fields().text("label", c.label).text("first", day_text(c.first_day)).text("last", day_text(c.last_day))
                          .raw("agreements", json_list(ids)).object());
  }
  return head.raw("columns", json_list(columns));
}

void json_trend(const trend_report& t, sink& out) {
  std::vector<std::string> rows, agreements;
  for (const auto& r : t.rows) rows.push_back(row_json(t, r));
  for (const auto& a : t.agreements)
    agreements.push_back(json_fields().text("id", a.id).text("who", a.who).text("at", format_timestamp(a.at)).text("text", a.text)
                             .text("column", t.columns[a.column].label).boolean("private", a.is_private).object());
  json_fields tail;
  tail.raw("agreements", json_list(agreements));
  if (shows(t, "load") || shows(t, "choices")) tail.text("note", over_claiming_note);
  write_schema_document(out, json_head(t), "rows", rows, tail);
}

// Tidy: one line per column, row and value; cells without anything in them are left out.
void tidy_trend(const trend_report& t, sink& out, bool tsv) {
  out.write(delimited_line({"period", "first", "last", "section", "row", "key", "who", "measure", "value"}, tsv));
  for (const auto& row : t.rows) {
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      if (row.cells[i].empty()) continue;
      const trend_column& c = t.columns[i];
      std::vector<std::string> line = {c.label, day_text(c.first_day), day_text(c.last_day), row.section,
                                       row_kind_name(row.kind), row.key, row.who, "", ""};
      auto values = cell_values(row, row.cells[i], false);
      if (row.agreed) values.emplace_back("agreed", fmt::format("{}", *row.agreed));
      for (const auto& [measure, value] : values) {
        line[7] = measure;
        line[8] = value.value_or("");
        out.write(delimited_line(line, tsv));
      }
    }
  }
  for (const auto& a : t.agreements) {
    const trend_column& c = t.columns[a.column];
    out.write(delimited_line({c.label, day_text(c.first_day), day_text(c.last_day), "agreements", "agreement", a.id, a.who,
                              "made", format_timestamp(a.at)},
                             tsv));
  }
}

}  // namespace

void write_trend(const trend_report& t, format f, sink& out, const style& st) {
  switch (f) {
    case format::text: text_trend(t, out, st); return;
    case format::markdown: markdown_trend(t, out); return;
    case format::json: json_trend(t, out); return;
    case format::csv: tidy_trend(t, out, false); return;
    case format::tsv: tidy_trend(t, out, true); return;
    case format::html: write_trend_html(t, out); return;
    case format::toml:
    case format::ledger: break;
  }
  throw_usage(fmt::format("--format {}: a trend is written as text, markdown, csv, tsv, json or html", format_name(f)));
}

}  // namespace balance
