// The pieces every html face of balance is made of: one self-contained page (inline CSS, inline
// SVG, no script, no web font, no URL; a Content-Security-Policy that says so), escaping, tables,
// and the charts, each an <svg> with a <title> and a <desc> inside a <figure> that also holds the
// chart's numbers as a table.
//
// Colours are the Okabe–Ito set, which stays apart for the common colour-vision deficiencies;
// each person also has their own line dash, marker and fill pattern, so a chart printed in grey
// still tells the people apart. The same input gives the same bytes: ids are counted, never
// random, and nothing is dated.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/output.hpp"

namespace balance::html {

// Text for element content and attribute values: & < > " ' escaped.
std::string escape(std::string_view text);

// A page being written: the document's head and its end, and ids that are unique in it.
class page {
 public:
  // Writes the doctype, head (title, CSP, styles) and opens <body><main>. With `banner`, a
  // visible banner says the page holds private content.
  page(sink& out, std::string_view title, std::string_view banner);
  void end();  // closes </main></body></html>
  page(const page&) = delete;
  page& operator=(const page&) = delete;

  sink& out() { return out_; }
  std::string next_id(std::string_view prefix);

 private:
  sink& out_;
  int ids_ = 0;
};

// A table: the header row, then rows; `right` marks the columns of numbers. Cells are text,
// escaped here. `row_heads` makes the first cell of each row a <th scope="row">.
struct table {
  table() = default;
  table(std::vector<std::string> h, std::vector<bool> r, std::vector<std::vector<std::string>> body = {})
      : heads(std::move(h)), right(std::move(r)), rows(std::move(body)) {}
  std::vector<std::string> heads;
  std::vector<bool> right;
  std::vector<std::vector<std::string>> rows;
  bool row_heads = true;
};
void write_table(page& p, const table& t);

// One series of a chart: whose it is (the legend's word) and a value per category; nullopt
// where there is nothing to draw.
struct series {
  explicit series(std::string who, std::vector<std::optional<double>> v = {}) : name(std::move(who)), values(std::move(v)) {}
  std::string name;
  std::vector<std::optional<double>> values;
  // Optional, per value: the words its tooltip says (the table's cell), and whether it rests on
  // too little to read much into (drawn hollow).
  std::vector<std::string> tips;
  std::vector<bool> faint;
};

// Lines over categories (the trend's columns) on a fixed scale, for example the ratings 1–5.
// `marks` are the categories where an agreement was made: a dashed vertical line each.
struct line_chart {
  std::string title, desc;
  std::vector<std::string> categories;
  std::vector<series> lines;
  double low = 1, high = 5;
  std::vector<double> ticks = {1, 2, 3, 4, 5};
  std::vector<std::size_t> marks;
  std::string faint_note;  // the legend's words for a hollow marker, when a line has one
};

// One stacked bar per category; each series is a share (0–1) of the bar. `agreed`, per category
// and when given, marks the agreed split on that bar (the cumulative agreed shares). A category whose values
// are all nullopt gets its `notes` entry (if any) in place of a bar.
struct stacked_chart {
  std::string title, desc;
  std::vector<std::string> categories;
  std::vector<series> parts;
  std::vector<std::vector<double>> agreed;  // per category: one per series, or empty
  std::vector<std::size_t> marks;
  std::vector<std::string> notes;  // per category
  bool horizontal = false;  // bars across (categories down the side), for a single period
};

// One row per category with each series' value as a marker on a fixed scale, joined by a thin
// line: how far apart the people's means are, per dimension, in one period.
struct dot_chart {
  std::string title, desc;
  std::vector<std::string> categories;
  std::vector<series> dots;
  double low = 1, high = 5;
  std::vector<double> ticks = {1, 2, 3, 4, 5};
};

// A figure: the chart, then its table; the figure's caption is `note`, when given.
void write_figure(page& p, const line_chart& c, const table& data, std::string_view note = {});
void write_figure(page& p, const stacked_chart& c, const table& data, std::string_view note = {});
void write_figure(page& p, const dot_chart& c, const table& data, std::string_view note = {});

// Paragraph-level helpers: escaped text in <p>, <h2>/<h3>, <ul>.
void paragraph(page& p, std::string_view text, std::string_view cls = {});
void heading(page& p, int level, std::string_view text, std::string_view id = {});
void list(page& p, const std::vector<std::string>& items);

}  // namespace balance::html
