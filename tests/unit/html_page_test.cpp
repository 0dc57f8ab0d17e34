// The pieces of the html pages: escaping, the page frame, tables, and what each chart draws.
#include <catch2/catch.hpp>

#include <regex>

#include "balance/output.hpp"
#include "html_page.hpp"

using namespace balance;

namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// The page frame around `body`, as a string.
template <class F>
std::string page_with(F body, std::string_view banner = {}) {
  string_sink out;
  html::page p(out, "A <title>", banner);
  body(p);
  p.end();
  return out.str();
}

}  // namespace

TEST_CASE("html escape: markup, quotes and control characters never reach the page as they are", "[html]") {
  CHECK(html::escape("a < b & \"c\" > 'd'") == "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;");
  CHECK(html::escape("tab\tand\nnewline") == "tab\tand\nnewline");
  CHECK(html::escape(std::string("bell\x07") + "esc\x1b") == "bell\xEF\xBF\xBD" "esc\xEF\xBF\xBD");
  CHECK(html::escape("ünïcode ✓ 𝄞") == "ünïcode ✓ 𝄞");
  // HTML allows neither C1 controls, DEL nor noncharacters, and a stray byte is no character.
  const std::string r = "\xEF\xBF\xBD";
  CHECK(html::escape("ok\xC2\x85") == "ok" + r);        // U+0085
  CHECK(html::escape("a\x7F" "b") == "a" + r + "b");     // DEL
  CHECK(html::escape("\xEF\xBF\xBE|\xEF\xB7\x90") == r + "|" + r);  // U+FFFE, U+FDD0
  CHECK(html::escape("\xF0\x9F\xBF\xBF") == r);         // U+1FFFF
  CHECK(html::escape("\xFF" "x\xC3") == r + "x" + r);      // not UTF-8, and cut short
  CHECK(html::escape("\xC0\xBC") == r + r);              // an overlong '<' stays harmless
}

TEST_CASE("html page: one frame with the policy, the escaped title, and a banner only when asked", "[html]") {
  std::string plain = page_with([](html::page&) {});
  CHECK(plain.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"));
  CHECK_THAT(plain, Catch::Contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""));
  CHECK_THAT(plain, Catch::Contains("<title>A &lt;title&gt;</title>"));
  CHECK_THAT(plain, Catch::Contains("@media (prefers-color-scheme: dark)") && Catch::Contains("@media print") &&
                        Catch::Contains("font-variant-numeric: tabular-nums"));
  CHECK(plain.find("<p class=\"private-banner\">") == std::string::npos);
  CHECK(plain.ends_with("<main>\n</main>\n</body>\n</html>\n"));
  std::string mine = page_with([](html::page&) {}, "Private & yours");
  CHECK_THAT(mine, Catch::Contains("<main>\n<p class=\"private-banner\">Private &amp; yours</p>\n"));
}

TEST_CASE("html table: header cells have a scope, numbers align right, row heads are th", "[html]") {
  std::string page = page_with([](html::page& p) {
    html::write_table(p, html::table({"Kind", "Share"}, {false, true}, {{"chore", "52%"}, {"<i>", "1 of 3"}}));
  });
  CHECK_THAT(page, Catch::Contains("<div class=\"table-wrap\">\n<table>\n<thead><tr><th scope=\"col\">Kind</th>"
                                   "<th scope=\"col\" class=\"num\">Share</th></tr></thead>\n<tbody>\n"
                                   "<tr><th scope=\"row\">chore</th><td class=\"num\">52%</td></tr>\n"
                                   "<tr><th scope=\"row\">&lt;i&gt;</th><td class=\"num\">1 of 3</td></tr>\n"
                                   "</tbody>\n</table>\n</div>\n"));
}

TEST_CASE("html line chart: a line per person that breaks where a column has nothing, marks for agreements", "[html]") {
  html::line_chart c;
  c.title = "heard";
  c.desc = "Mean ratings of heard.";
  std::string escaped = page_with([&](html::page& p) {
    html::line_chart odd = c;
    odd.title = "a<b";
    odd.desc = "x & \"y\"";
    html::write_figure(p, odd, html::table({"Who"}, {false}, {{"<alex>"}}));
  });
  CHECK_THAT(escaped, Catch::Contains("<title id=\"chart1-title\">a&lt;b</title><desc id=\"chart1-desc\">x &amp; &quot;y&quot;</desc>") &&
                          Catch::Contains("<th scope=\"row\">&lt;alex&gt;</th>"));
  c.categories = {"2026-09", "2026-10", "2026-11"};
  c.lines = {html::series("alex", {1.0, std::nullopt, 5.0}), html::series("sam", {3.0, 3.0, 3.0})};
  c.marks = {1};
  std::string page = page_with([&](html::page& p) { html::write_figure(p, c, html::table({"Who"}, {false}, {{"alex"}})); });
  // Ids are counted, so the same chart gives the same bytes; title and desc are named by them.
  CHECK_THAT(page, Catch::Contains("aria-labelledby=\"chart1-title chart1-desc\"") &&
                       Catch::Contains("<title id=\"chart1-title\">heard</title><desc id=\"chart1-desc\">Mean ratings of heard.</desc>"));
  // The plot spans y 196 (rating 1) to 16 (rating 5): alex's two points are not joined across the gap.
  CHECK_THAT(page, Catch::Contains("<path d=\"M140.7 196M527.3 16\" fill=\"none\" stroke=\"#0072B2\""));
  CHECK_THAT(page, Catch::Contains("<path d=\"M140.7 106L334 106L527.3 106\" fill=\"none\" stroke=\"#D55E00\" stroke-width=\"2.5\" stroke-dasharray=\"8 4\""));
  CHECK(count_of(page, "<title>An agreement was made in 2026-10</title>") == 1);
  CHECK_THAT(page, Catch::Contains(">agreement made</text>"));
  CHECK(count_of(page, "<figure class=\"chart\">") == 1);
  CHECK_THAT(page, Catch::Contains("<figure class=\"chart\">\n<div class=\"chart-wrap\"><svg ") && Catch::Contains("</svg></div>\n<div class=\"table-wrap\">"));
}

TEST_CASE("html stacked chart: shares stack, the agreed split is a tick, a column with too few says so", "[html]") {
  html::stacked_chart c;
  c.title = "chore";
  c.desc = "Shares.";
  c.categories = {"2026-10", "2026-11"};
  c.parts = {html::series("alex", {0.75, std::nullopt}), html::series("sam", {0.25, std::nullopt})};
  c.agreed = {{0.5, 0.5}, {0.5, 0.5}};
  c.notes = {"", "few"};
  std::string page = page_with([&](html::page& p) { html::write_figure(p, c, html::table({"Who"}, {false}, {{"alex"}})); });
  // Plot from y 196 (none) to 16 (all): alex's 75% is 135 high, sam's 25% sits on top of it.
  CHECK_THAT(page, Catch::Contains("height=\"135\" fill=\"#0072B2\"><title>alex, 2026-10: 75%</title>"));
  CHECK_THAT(page, Catch::Contains("y=\"16\" width=\"185.6\" height=\"45\" fill=\"url(#chart1-fill1)\"><title>sam, 2026-10: 25%</title>"));
  // sam's fill is a pattern over sam's colour, defined in this chart.
  CHECK_THAT(page, Catch::Contains("<pattern id=\"chart1-fill1\""));
  // One tick at the agreed half of the one bar that is drawn.
  CHECK(count_of(page, "<title>agreed split, 2026-10</title>") == 1);
  CHECK(count_of(page, "agreed split, 2026-11") == 0);
  CHECK_THAT(page, Catch::Contains(">few</text>"));
  CHECK_THAT(page, Catch::Contains(">agreed split</text>"));
}

TEST_CASE("html dot chart: equal means sit apart on their row, and a line joins the people", "[html]") {
  html::dot_chart c;
  c.title = "Means";
  c.desc = "heard: alex 4, sam 4.";
  c.categories = {"heard"};
  c.dots = {html::series("alex", {4.0}), html::series("sam", {4.0})};
  std::string page = page_with([&](html::page& p) { html::write_figure(p, c, html::table({"Who"}, {false}, {{"alex"}})); });
  // Row centre y 31; alex 3 above, sam 3 below, both at x for 4 on the 1-5 scale.
  CHECK_THAT(page, Catch::Contains("<circle cx=\"505.5\" cy=\"28\" r=\"4.5\" fill=\"#0072B2\"><title>alex, heard: 4.0</title></circle>"));
  CHECK_THAT(page, Catch::Contains("<rect x=\"501.5\" y=\"30\" width=\"8\" height=\"8\" fill=\"#D55E00\"><title>sam, heard: 4.0</title></rect>"));
}
