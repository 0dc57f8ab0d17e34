#include "html_page.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "balance/ledger.hpp"

namespace balance::html {

namespace {

// The page's whole style sheet: light and dark, screen and print (A4 and Letter: the page box
// is left to the paper, every chart scales to the width and is never split across pages).
constexpr std::string_view style_sheet = R"(:root { color-scheme: light dark; --fg: #1c1c1c; --bg: #fcfcfa; --muted: #585858; --rule: #cfcfcf; --banner: #fff1c2; --banner-fg: #4d3a00; }
@media (prefers-color-scheme: dark) { :root { --fg: #e9e9e6; --bg: #17181a; --muted: #b0b0ac; --rule: #4a4a4a; --banner: #4a3a00; --banner-fg: #ffeaa6; } }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 16px/1.5 "DejaVu Sans", "Noto Sans", sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
p, ul { margin: .4rem 0; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: .4rem 0; }
caption { text-align: left; font-weight: bold; padding: .2rem 0; }
th, td { padding: .2rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--rule); text-transform: uppercase; font-size: .85em; letter-spacing: .02em; }
.num { text-align: right; white-space: nowrap; }
.note { color: var(--muted); font-size: .9rem; }
.private-banner { background: var(--banner); color: var(--banner-fg); padding: .6rem .9rem; border-radius: .3rem; font-weight: bold; }
.private { font-style: italic; }
figure.chart { margin: 1rem 0 1.6rem; }
figure.chart svg { display: block; width: 100%; max-width: 44rem; height: auto; color: var(--fg); break-inside: avoid; page-break-inside: avoid; }
.table-wrap, .chart-wrap { overflow-x: auto; }
@media (max-width: 36rem) { main { padding: .75rem; } th, td { padding: .15rem .35rem; } figure.chart svg { min-width: 30rem; } }
figcaption { color: var(--muted); font-size: .9rem; margin-top: .3rem; }
@page { margin: 15mm; }
@media print {
  html, body { background: #fff; color: #000; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .table-wrap, .chart-wrap { overflow: visible; }
  figure.chart svg { min-width: 0; }
  table { font-size: 8.5pt; width: 100%; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .note, figcaption { font-size: 8.5pt; }
  th, td { padding: .1rem .25rem; }
  .num { white-space: normal; }
}
)";

// Okabe–Ito, in the order people are listed in balance.toml.
constexpr std::string_view colours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"};
constexpr std::string_view dashes[] = {"", "8 4", "2 3", "10 3 2 3", "5 5", "1 2"};

// The stroke-dasharray attribute of person i's line; none for the solid line.
std::string dash(std::size_t i) {
  std::string_view d = dashes[i % std::size(dashes)];
  return d.empty() ? "" : fmt::format(" stroke-dasharray=\"{}\"", d);
}
constexpr std::size_t styles = std::size(colours);

std::string_view colour(std::size_t i) { return colours[i % styles]; }

std::string number(double v) {
  std::string s = fmt::format("{:.1f}", v);
  if (s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}

// A marker of person `i` at (x, y): circle, square, triangle, diamond, and round again; hollow
// when `faint`.
std::string marker(std::size_t i, double x, double y, std::string_view title, bool faint = false) {
  std::string c = faint ? fmt::format("none\" stroke=\"{}\" stroke-width=\"2", colour(i)) : std::string(colour(i));
  std::string t = title.empty() ? "" : "<title>" + escape(title) + "</title>";
  switch (i % 4) {
    case 0: return fmt::format(R"(<circle cx="{}" cy="{}" r="4.5" fill="{}">{}</circle>)", number(x), number(y), c, t);
    case 1:
      return fmt::format(R"(<rect x="{}" y="{}" width="8" height="8" fill="{}">{}</rect>)", number(x - 4), number(y - 4), c, t);
    case 2:
      return fmt::format(R"(<path d="M{} {}l5 9h-10z" fill="{}">{}</path>)", number(x), number(y - 5.5), c, t);
    default:
      return fmt::format(R"(<path d="M{} {}l5 5l-5 5l-5 -5z" fill="{}">{}</path>)", number(x), number(y - 5), c, t);
  }
}

// The fill patterns of one chart: person 0 solid, the others hatched, dotted or crossed over
// their colour. Returns the fill value for each person.
std::vector<std::string> write_patterns(std::string& svg, const std::string& prefix, std::size_t people) {
  std::vector<std::string> fills;
  std::string defs;
  for (std::size_t i = 0; i < people; ++i) {
    std::string c(colour(i));
    if (i % 4 == 0) {
      fills.push_back(c);
      continue;
    }
    std::string id = fmt::format("{}-fill{}", prefix, i);
    std::string over;
    if (i % 4 == 1)
      over = R"(<path d="M0 6L6 0M-1 1L1 -1M5 7L7 5" stroke="#fff" stroke-width="1.6"/>)";
    else if (i % 4 == 2)
      over = R"(<circle cx="3" cy="3" r="1.3" fill="#fff"/>)";
    else
      over = R"(<path d="M0 3H6M3 0V6" stroke="#fff" stroke-width="1.2"/>)";
    defs += fmt::format(R"(<pattern id="{}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{}"/>{}</pattern>)",
                        id, c, over);
    fills.push_back(fmt::format("url(#{})", id));
  }
  if (!defs.empty()) svg += "<defs>" + defs + "</defs>";
  return fills;
}

constexpr double width = 640, left = 44, right = 624, top = 16;

// Opens the <svg> with its accessible name and description; the caller closes it.
std::string open_svg(page& p, double height, std::string_view title, std::string_view desc, std::string& prefix) {
  prefix = p.next_id("chart");
  return fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" font-size="13" font-family="DejaVu Sans, Noto Sans, sans-serif"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>)",
                     number(width), number(height), prefix, prefix, prefix, escape(title), prefix, escape(desc));
}

// The legend under a chart: each series' swatch (its line and marker, or its fill) and name,
// then the keys of the agreed split's tick and of the agreement marks when the chart has them.
std::string legend(const std::vector<series>& s, double y, const std::vector<std::string>& fills, bool with_mark,
                   bool with_agreed = false) {
  std::string out;
  double x = left;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (fills.empty()) {
      out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2.5"{}/>)", number(x), number(y),
                         number(x + 24), number(y), colour(i), dash(i));
      out += marker(i, x + 12, y, "");
    } else {
      out += fmt::format(R"(<rect x="{}" y="{}" width="22" height="12" fill="{}"/>)", number(x), number(y - 6), fills[i]);
    }
    out += fmt::format(R"(<text x="{}" y="{}" fill="currentColor">{}</text>)", number(x + 30), number(y + 4.5), escape(s[i].name));
    x += 46 + 8.0 * static_cast<double>(s[i].name.size());
  }
  if (with_agreed) {
    out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-width="3"/>)", number(x + 10),
                       number(y - 8), number(x + 10), number(y + 8));
    out += fmt::format(R"(<text x="{}" y="{}" fill="currentColor">agreed split</text>)", number(x + 18), number(y + 4.5));
    x += 130;
  }
  if (with_mark) {
    out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-width="1.5" stroke-dasharray="3 3"/>)",
                       number(x + 10), number(y - 8), number(x + 10), number(y + 8));
    out += fmt::format(R"(<text x="{}" y="{}" fill="currentColor">agreement made</text>)", number(x + 18), number(y + 4.5));
  }
  return out;
}

// Category labels along the bottom, thinned so they never overlap.
std::string category_labels(const std::vector<std::string>& cats, double y, double step) {
  std::size_t longest = 1;
  for (const auto& c : cats) longest = std::max(longest, c.size());
  double label_width = 8.0 * static_cast<double>(longest) + 6;
  std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(label_width / std::max(step, 1.0))));
  std::string out;
  for (std::size_t i = 0; i < cats.size(); ++i) {
    // The latest column always has its label; the others every `every` back from it.
    if ((cats.size() - 1 - i) % every != 0) continue;
    // Kept inside the picture: the last label would otherwise hang over its right edge.
    double x = std::min(left + step * (static_cast<double>(i) + 0.5), width - 2 - label_width / 2);
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="currentColor">{}</text>)", number(x), number(y), escape(cats[i]));
  }
  return out;
}

std::string agreement_marks(const std::vector<std::size_t>& marks, double step, double y0, double y1,
                            const std::vector<std::string>& cats) {
  std::string out;
  for (std::size_t m : marks) {
    double x = left + step * (static_cast<double>(m) + 0.5);
    out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-width="1.5" stroke-dasharray="3 3"><title>An agreement was made in {}</title></line>)",
                       number(x), number(y0), number(x), number(y1), escape(m < cats.size() ? cats[m] : ""));
  }
  return out;
}

void write_figure_parts(page& p, const std::string& svg, const table& data, std::string_view note) {
  sink& out = p.out();
  // On a phone the chart keeps a readable size and scrolls in its own box.
  out.write("<figure class=\"chart\">\n<div class=\"chart-wrap\">");
  out.write(svg);
  out.write("</div>\n");
  write_table(p, data);
  if (!note.empty()) out.write("<figcaption>" + escape(note) + "</figcaption>\n");
  out.write("</figure>\n");
}

}  // namespace

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the UTF-8 sequence at text[i] and its code point; 0 when it is not well formed.
std::size_t utf8_at(std::string_view text, std::size_t i, char32_t& cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b = byte(i);
  std::size_t n = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  cp = n == 2 ? b & 0x1Fu : n == 3 ? b & 0x0Fu : b & 0x07u;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// What HTML does not allow in a page's text: control characters (but tab and newline) and the
// noncharacters.
bool forbidden(char32_t cp) {
  if (cp < 0x20) return cp != '\t' && cp != '\n';
  if (cp >= 0x7F && cp <= 0x9F) return true;
  return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFEu) == 0xFFFEu;
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      char32_t cp = 0;
      std::size_t n = utf8_at(text, i, cp);
      out += n == 0 || forbidden(cp) ? replacement : text.substr(i, n);
      i += n == 0 ? 1 : n;
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += forbidden(static_cast<unsigned char>(c)) ? replacement : std::string_view(&text[i], 1);
    }
    ++i;
  }
  return out;
}

page::page(sink& out, std::string_view title, std::string_view banner) : out_(out) {
  out_.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
  // The promise in the page itself: nothing is fetched, nothing runs.
  out_.write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
  out_.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  out_.write("<meta name=\"generator\" content=\"balance\">\n");
  out_.write("<title>" + escape(title) + "</title>\n<style>\n");
  out_.write(style_sheet);
  out_.write("</style>\n</head>\n<body>\n<main>\n");
  if (!banner.empty()) out_.write("<p class=\"private-banner\">" + escape(banner) + "</p>\n");
}

void page::end() { out_.write("</main>\n</body>\n</html>\n"); }

std::string page::next_id(std::string_view prefix) { return fmt::format("{}{}", prefix, ++ids_); }

void write_table(page& p, const table& t) {
  sink& out = p.out();
  // A wide table scrolls in its own box on a screen, never the whole page.
  out.write("<div class=\"table-wrap\">\n<table>\n");
  out.write("<thead><tr>");
  for (std::size_t j = 0; j < t.heads.size(); ++j) {
    bool num = j < t.right.size() && t.right[j];
    out.write(fmt::format("<th scope=\"col\"{}>{}</th>", num ? " class=\"num\"" : "", escape(t.heads[j])));
  }
  out.write("</tr></thead>\n<tbody>\n");
  for (const auto& row : t.rows) {
    out.write("<tr>");
    for (std::size_t j = 0; j < row.size(); ++j) {
      bool num = j < t.right.size() && t.right[j];
      bool head = t.row_heads && j == 0;
      const char* tag = head ? "th" : "td";
      out.write(fmt::format("<{}{}{}>{}</{}>", tag, head ? " scope=\"row\"" : "", num ? " class=\"num\"" : "", escape(row[j]), tag));
    }
    out.write("</tr>\n");
  }
  out.write("</tbody>\n</table>\n</div>\n");
}

void write_figure(page& p, const line_chart& c, const table& data, std::string_view note) {
  const double bottom = 196;
  bool any_faint = false;
  for (const auto& s : c.lines) any_faint = any_faint || std::find(s.faint.begin(), s.faint.end(), true) != s.faint.end();
  const bool faint_key = any_faint && !c.faint_note.empty();
  std::string prefix;
  std::string svg = open_svg(p, faint_key ? 272 : 250, c.title, c.desc, prefix);
  double step = (right - left) / static_cast<double>(std::max<std::size_t>(1, c.categories.size()));
  auto y_of = [&](double v) { return bottom - (std::clamp(v, c.low, c.high) - c.low) / (c.high - c.low) * (bottom - top); };
  for (double t : c.ticks) {
    svg += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-opacity=".2"/>)", number(left), number(y_of(t)),
                       number(right), number(y_of(t)));
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end" fill="currentColor">{}</text>)", number(left - 8), number(y_of(t) + 4.5), number(t));
  }
  svg += agreement_marks(c.marks, step, top, bottom, c.categories);
  for (std::size_t i = 0; i < c.lines.size(); ++i) {
    const series& s = c.lines[i];
    std::string path, dots;
    bool pen_down = false;
    for (std::size_t k = 0; k < s.values.size(); ++k) {
      if (!s.values[k]) {
        pen_down = false;
        continue;
      }
      double x = left + step * (static_cast<double>(k) + 0.5), y = y_of(*s.values[k]);
      path += fmt::format("{}{} {}", pen_down ? "L" : "M", number(x), number(y));
      pen_down = true;
      std::string value = k < s.tips.size() ? s.tips[k] : fmt::format("{:.1f}", *s.values[k]);
      dots += marker(i, x, y, fmt::format("{}, {}: {}", s.name, k < c.categories.size() ? c.categories[k] : "", value),
                     k < s.faint.size() && s.faint[k]);
    }
    if (!path.empty())
      svg += fmt::format(R"(<path d="{}" fill="none" stroke="{}" stroke-width="2.5"{}/>)", path, colour(i), dash(i));
    svg += dots;
  }
  svg += category_labels(c.categories, bottom + 20, step);
  svg += legend(c.lines, bottom + 44, {}, !c.marks.empty());
  if (faint_key) {
    // What a hollow marker means, on a line of its own under the legend.
    svg += marker(0, left + 12, bottom + 66, "", true);
    svg += fmt::format(R"(<text x="{}" y="{}" fill="currentColor">{}</text>)", number(left + 30), number(bottom + 70.5), escape(c.faint_note));
  }
  svg += "</svg>";
  write_figure_parts(p, svg, data, note);
}

namespace {

// Where a stacked chart draws: along a bar (0 to 1 of it) and across the bars (one per category),
// the same code for bars across the page (horizontal) and up it.
struct bar_frame {
  bool across = false;
  double plot_left = left, bottom = 196, span = 0, step = 0;
  double lead() const { return step * (across ? 0.19 : 0.18); }
  double thick() const { return step * (across ? 0.62 : 0.64); }
  double start(std::size_t k) const { return (across ? top : left) + step * static_cast<double>(k); }
  // The rectangle of bar k from `from` to `from + share`: x, y, width, height.
  std::array<double, 4> part(std::size_t k, double from, double share) const {
    if (across) return {plot_left + from * span, start(k) + lead(), share * span, thick()};
    return {start(k) + lead(), bottom - (from + share) * span, thick(), share * span};
  }
  // A line across bar k at `at` of its length, a little longer than the bar is thick.
  std::array<double, 4> tick(std::size_t k, double at) const {
    double a = start(k) + lead() - 4, b = start(k) + lead() + thick() + 4;
    if (across) return {plot_left + at * span, a, plot_left + at * span, b};
    return {a, bottom - at * span, b, bottom - at * span};
  }
};

std::string stacked_scale(const bar_frame& f) {
  std::string svg;
  for (double t : {0.0, 0.5, 1.0}) {
    std::string label = t == 0 ? "0" : t == 1 ? "all" : "half";
    double x = f.plot_left + t * f.span, y = f.bottom - t * f.span;
    if (f.across) {
      svg += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-opacity=".2"/>)", number(x), number(top), number(x), number(f.bottom));
      svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="currentColor">{}</text>)", number(x), number(f.bottom + 18), label);
    } else {
      svg += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-opacity=".2"/>)", number(left), number(y), number(right), number(y));
      svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end" fill="currentColor">{}</text>)", number(left - 6), number(y + 4.5), label);
    }
  }
  return svg;
}

// Bar k: its parts, and the agreed split's ticks; or its note when no part has a value.
std::string stacked_bar(const bar_frame& f, const stacked_chart& c, std::size_t k, const std::vector<std::string>& fills) {
  std::string svg;
  double from = 0;
  bool any = false;
  for (std::size_t i = 0; i < c.parts.size(); ++i) {
    const auto& v = k < c.parts[i].values.size() ? c.parts[i].values[k] : std::nullopt;
    if (!v) continue;
    any = true;
    double share = std::clamp(*v, 0.0, 1.0);
    auto [x, y, w, h] = f.part(k, from, share);
    std::string value = k < c.parts[i].tips.size() ? c.parts[i].tips[k] : share_text(share);
    svg += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>)", number(x), number(y), number(w),
                       number(h), fills[i], escape(fmt::format("{}, {}: {}", c.parts[i].name, c.categories[k], value)));
    from += share;
  }
  if (!any) {
    std::string_view label = k < c.notes.size() ? std::string_view(c.notes[k]) : std::string_view{};
    // A note needs room: bars too narrow for one leave it to the table.
    if (label.empty() || (!f.across && f.step < 8.0 * static_cast<double>(label.size()) + 4)) return svg;
    double mid = f.start(k) + f.step / 2;
    if (f.across)
      return svg + fmt::format(R"(<text x="{}" y="{}" fill="currentColor" fill-opacity=".7">{}</text>)", number(f.plot_left + 6), number(mid + 4.5), escape(label));
    return svg + fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="currentColor" fill-opacity=".7">{}</text>)", number(mid), number(f.bottom - 6), escape(label));
  }
  // The agreed split: a bold tick where each person's agreed part would end.
  double agreed = 0;
  const std::vector<double> none;
  const std::vector<double>& split = k < c.agreed.size() ? c.agreed[k] : none;
  for (std::size_t i = 0; i + 1 < split.size(); ++i) {
    agreed += split[i];
    auto [x1, y1, x2, y2] = f.tick(k, agreed);
    svg += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-width="3"><title>{}</title></line>)", number(x1),
                       number(y1), number(x2), number(y2), escape(fmt::format("agreed split, {}", c.categories[k])));
  }
  return svg;
}

}  // namespace

void write_figure(page& p, const stacked_chart& c, const table& data, std::string_view note) {
  bar_frame f;
  f.across = c.horizontal;
  const double row_height = 30;
  if (f.across) {
    f.plot_left = 150;
    f.bottom = top + row_height * static_cast<double>(c.categories.size());
  }
  f.step = f.across ? row_height : (right - left) / static_cast<double>(std::max<std::size_t>(1, c.categories.size()));
  f.span = f.across ? right - f.plot_left : f.bottom - top;
  std::string prefix;
  std::string svg = open_svg(p, f.bottom + 62, c.title, c.desc, prefix);
  std::vector<std::string> fills = write_patterns(svg, prefix, c.parts.size());
  svg += stacked_scale(f);
  for (std::size_t k = 0; k < c.categories.size(); ++k) {
    if (f.across)
      svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end" fill="currentColor">{}</text>)", number(f.plot_left - 8),
                         number(f.start(k) + f.step / 2 + 4.5), escape(c.categories[k]));
    svg += stacked_bar(f, c, k, fills);
  }
  if (!f.across) {
    svg += agreement_marks(c.marks, f.step, top, f.bottom, c.categories);
    svg += category_labels(c.categories, f.bottom + 20, f.step);
  }
  bool any_split = std::any_of(c.agreed.begin(), c.agreed.end(), [](const auto& a) { return a.size() > 1; });
  svg += legend(c.parts, f.bottom + 44, fills, !c.marks.empty(), any_split);
  svg += "</svg>";
  write_figure_parts(p, svg, data, note);
}

void write_figure(page& p, const dot_chart& c, const table& data, std::string_view note) {
  const double row_height = 30, plot_left = 150;
  const double bottom = top + row_height * static_cast<double>(c.categories.size());
  const double height = bottom + 62;
  std::string prefix;
  std::string svg = open_svg(p, height, c.title, c.desc, prefix);
  auto x_of = [&](double v) { return plot_left + (std::clamp(v, c.low, c.high) - c.low) / (c.high - c.low) * (right - plot_left); };
  for (double t : c.ticks) {
    svg += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-opacity=".2"/>)", number(x_of(t)), number(top), number(x_of(t)), number(bottom));
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="currentColor">{}</text>)", number(x_of(t)), number(bottom + 18), number(t));
  }
  for (std::size_t k = 0; k < c.categories.size(); ++k) {
    double y = top + row_height * (static_cast<double>(k) + 0.5);
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end" fill="currentColor">{}</text>)", number(plot_left - 8), number(y + 4.5), escape(c.categories[k]));
    double lo = c.high, hi = c.low;
    std::size_t n = 0;
    for (const auto& s : c.dots)
      if (k < s.values.size() && s.values[k]) {
        lo = std::min(lo, *s.values[k]);
        hi = std::max(hi, *s.values[k]);
        ++n;
      }
    if (n >= 2)
      svg += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-opacity=".45" stroke-width="2"/>)", number(x_of(lo)), number(y), number(x_of(hi)), number(y));
    for (std::size_t i = 0; i < c.dots.size(); ++i) {
      const auto& v = k < c.dots[i].values.size() ? c.dots[i].values[k] : std::nullopt;
      // People sit a little apart on the row, so equal means do not hide one another.
      double nudge = (static_cast<double>(i) - static_cast<double>(c.dots.size() - 1) / 2) * 6;
      if (v) svg += marker(i, x_of(*v), y + nudge, fmt::format("{}, {}: {:.1f}", c.dots[i].name, c.categories[k], *v));
    }
  }
  svg += legend(c.dots, bottom + 44, {}, false);
  svg += "</svg>";
  write_figure_parts(p, svg, data, note);
}

void paragraph(page& p, std::string_view text, std::string_view cls) {
  p.out().write(cls.empty() ? "<p>" : fmt::format("<p class=\"{}\">", cls));
  p.out().write(escape(text) + "</p>\n");
}

void heading(page& p, int level, std::string_view text, std::string_view id) {
  std::string attr = id.empty() ? "" : fmt::format(" id=\"{}\"", escape(id));
  p.out().write(fmt::format("<h{}{}>{}</h{}>\n", level, attr, escape(text), level));
}

void list(page& p, const std::vector<std::string>& items) {
  if (items.empty()) return;
  p.out().write("<ul>\n");
  for (const auto& i : items) p.out().write("<li>" + escape(i) + "</li>\n");
  p.out().write("</ul>\n");
}

}  // namespace balance::html
