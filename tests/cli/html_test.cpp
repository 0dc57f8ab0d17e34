// The html faces of the report and the trend: golden pages of the example couple, the same bytes
// on every run, one self-contained page with nothing to fetch, and the shared view by default.
// tests/html/ checks the same pages in a real browser and with a strict HTML5 parser.
#include <catch2/catch.hpp>

#include <regex>

#include <fmt/format.h>

#include "cli/harness.hpp"

using balance_test::check_golden;
using balance_test::couple;
using balance_test::example;
using balance_test::result;

namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// What makes a page self-contained: no script, no external address, the policy that says so.
void check_self_contained(const std::string& page) {
  CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
  CHECK(count_of(page, "<meta charset=\"utf-8\">") == 1);
  CHECK_THAT(page, Catch::Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                                   "style-src 'unsafe-inline'; img-src data:\">"));
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("@import") == std::string::npos);
  CHECK(page.find("@font-face") == std::string::npos);
  // The only address on the page is SVG's namespace name, which is never fetched.
  std::string without_ns = std::regex_replace(page, std::regex("xmlns=\"http://www.w3.org/2000/svg\""), "");
  CHECK(without_ns.find("http:") == std::string::npos);
  CHECK(without_ns.find("https:") == std::string::npos);
  CHECK(without_ns.find("src=") == std::string::npos);
  CHECK(without_ns.find("href=") == std::string::npos);
  CHECK(page.ends_with("</main>\n</body>\n</html>\n"));
}

// Every chart is a figure with an svg that has a title and a description, and a table.
void check_charts(const std::string& page, std::size_t at_least) {
  std::size_t figures = count_of(page, "<figure class=\"chart\">");
  CHECK(figures >= at_least);
  CHECK(count_of(page, "</figure>") == figures);
  std::size_t from = 0;
  for (std::size_t i = 0; i < figures; ++i) {
    std::size_t begin = page.find("<figure class=\"chart\">", from), end = page.find("</figure>", begin);
    std::string figure = page.substr(begin, end - begin);
    INFO(figure.substr(0, 300));
    std::smatch ids;
    REQUIRE(std::regex_search(figure, ids, std::regex("aria-labelledby=\"(chart[0-9]+)-title (chart[0-9]+)-desc\"")));
    CHECK(ids[1] == ids[2]);
    CHECK(std::regex_search(figure, std::regex("<title id=\"" + ids[1].str() + "-title\">[^<]+</title>")));
    CHECK(std::regex_search(figure, std::regex("<desc id=\"" + ids[1].str() + "-desc\">[^<]+</desc>")));
    CHECK_THAT(figure, Catch::Contains("<table>") && Catch::Contains("<tbody>\n<tr>"));
    from = end;
  }
}

}  // namespace

TEST_CASE("html: the example couple's report and trend match their golden pages, byte for byte on every run", "[html][golden]") {
  example s;
  result report = s.run("balance-report", {"--format", "html"});
  REQUIRE(report.status == 0);
  CHECK(report.err.empty());
  check_golden(report.out, "report-couple.html");
  CHECK(s.run("balance-report", {"--format", "html"}).out == report.out);
  check_self_contained(report.out);
  check_charts(report.out, 3);  // check-ins, give and take, choices
  // The same sections in the same order as the text report, with its sentences.
  std::size_t at = 0;
  for (const char* heading : {"<h1>Balance report for alex and sam</h1>", "<h2 id=\"working\">What is working</h2>",
                              "<h2 id=\"checkins\">Check-ins</h2>", "<h2 id=\"give_and_take\">Give and take</h2>",
                              "<h2 id=\"choices\">Choices</h2>", "<h2 id=\"boundaries\">Boundaries</h2>",
                              "<h2 id=\"agreements\">Agreements you are trying</h2>", "<h2 id=\"signs\">Signs to talk about</h2>"}) {
    INFO(heading);
    std::size_t found = report.out.find(heading, at);
    CHECK(found != std::string::npos);
    if (found != std::string::npos) at = found;
  }
  for (const char* caption : {"MEAN is 1–5 over N ratings", "People tend to log more of their own work",
                              "RESPECTED and CROSSED count events", "NEXT TURN is whose pick is next", "Shared view: no private records."})
    CHECK_THAT(report.out, Catch::Contains(caption));
  CHECK(report.out.find("<p class=\"private-banner\">") == std::string::npos);
  // The check-in chart says in words what it draws: the means and what they rest on.
  CHECK_THAT(report.out, Catch::Contains("heard: alex 4.2 over 4 ratings and sam 2.2 over 4 ratings"));

  result trend = s.run("balance-report", {"trend", "--format", "html"});
  REQUIRE(trend.status == 0);
  check_golden(trend.out, "trend-couple.html");
  CHECK(s.run("balance-report", {"trend", "--format", "html"}).out == trend.out);
  check_self_contained(trend.out);
  check_charts(trend.out, 6);  // at least one per dimension
  // The table beside a chart has every column, marked where an agreement was made.
  // It starts at the first month with a record (the example begins in August) and says so.
  CHECK_THAT(trend.out, Catch::Contains("<p>Starting at 2026-08, the first month with a record: the months before it are "
                                        "empty. --format csv, tsv or json has every column.</p>"));
  CHECK(trend.out.find("<th scope=\"col\" class=\"num\">2026-07</th>") == std::string::npos);
  CHECK_THAT(trend.out, Catch::Contains("<th scope=\"col\" class=\"num\">2026-08</th>") &&
                            Catch::Contains("<th scope=\"col\" class=\"num\">2026-11*</th>"));
  // The json keeps every column, from 2025-12.
  CHECK_THAT(s.run("balance-report", {"trend", "--format", "json"}).out, Catch::Contains("{\"label\": \"2025-12\""));
  CHECK_THAT(trend.out, Catch::Contains("<title>An agreement was made in 2026-10</title>"));
  // Cells read as in the text trend: "4.5 (4)", "~" below the minimum, "·" for none.
  CHECK_THAT(trend.out, Catch::Contains("<td class=\"num\">·</td>"));
}

TEST_CASE("html: a private canary stays out of the page unless --mine, which says it is private", "[html][private]") {
  couple s;
  s.run("balance-checkin", {"--heard", "4", "--feeling", "I feel glad when we walk", "--at", "2026-11-20"});
  REQUIRE(s.run("balance-checkin", {"--private", "--heard", "1", "--feeling", "canary-93d1 worry", "--thanks", "canary-93d1 thanks"}).status == 0);
  REQUIRE(s.run("balance-ledger", {"add", "solo", "canary-93d1 therapy", "--private"}).status == 0);
  // The trend shows topics: a private one must not show in the shared trend either.
  REQUIRE(s.run("balance-ledger", {"add", "choice", "x", "--topic", "canary-93d1", "--private"}).status == 0);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--format", "html"},
                                               std::vector<std::string>{"trend", "--format", "html"}}) {
    result shared = s.run("balance-report", args);
    REQUIRE(shared.status == 0);
    CHECK(shared.out.find("canary") == std::string::npos);
    CHECK(shared.out.find("<p class=\"private-banner\">") == std::string::npos);
    CHECK(shared.out.find("(private)") == std::string::npos);
    CHECK_THAT(shared.out, Catch::Contains("Shared view: no private records."));
  }
  result mine = s.run("balance-report", {"--mine", "--format", "html"});
  REQUIRE(mine.status == 0);
  CHECK_THAT(mine.out, Catch::Contains("<p class=\"private-banner\">Private view: the numbers and charts on this page count your own private records too"));
  CHECK_THAT(mine.out, Catch::Contains("alex felt (2026-11-22): &quot;canary-93d1 worry&quot; (private)"));
  result mine_trend = s.run("balance-report", {"trend", "--mine", "--format", "html"});
  REQUIRE(mine_trend.status == 0);
  CHECK_THAT(mine_trend.out, Catch::Contains("<p class=\"private-banner\">"));
  CHECK_THAT(mine_trend.out, Catch::Contains("Your view: shared records plus 3 private records of yours."));
}

TEST_CASE("html: each kind's bar marks its own agreed split, and a topic below the share minimum has no bar", "[html]") {
  couple s;
  std::string settings = s.read("balance.toml");
  auto at = settings.find("[ledger.target]\n");
  REQUIRE(at != std::string::npos);
  settings.insert(at + 16, "invisible = { alex = 0.3, sam = 0.7 }\n");
  s.write("balance.toml", settings);
  for (int d = 1; d <= 10; ++d) {
    std::string day = fmt::format("2026-11-{:02}", d + 5);
    REQUIRE(s.run("balance-ledger", {"add", "invisible", "birthday list", "--at", day}).status == 0);
    REQUIRE(s.run("balance-ledger", {"add", "chore", "dishes", "--at", day, "--who", d % 2 ? "alex" : "sam"}).status == 0);
  }
  for (int d = 1; d <= 3; ++d)
    REQUIRE(s.run("balance-ledger", {"add", "choice", "pizza", "--topic", "dinner", "--at", fmt::format("2026-11-{:02}", d + 10)}).status == 0);
  result page = s.run("balance-report", {"--format", "html"});
  REQUIRE(page.status == 0);
  // Across 150 to 624: invisible's agreed 30% sits at 292.2, chore's half at 387.
  CHECK_THAT(page.out, Catch::Contains("<line x1=\"292.2\"") && Catch::Contains("<title>agreed split, invisible</title>"));
  CHECK_THAT(page.out, Catch::Contains("<line x1=\"387\"") && Catch::Contains("<title>agreed split, chore</title>"));
  CHECK_THAT(page.out, Catch::Contains(">agreed split</text>"));
  // Three dinner choices: counts in the table, no bar that reads as a share.
  CHECK_THAT(page.out, Catch::Contains(">fewer than 10 choices: counts in the table</text>"));
  CHECK(page.out.find("<title>alex, dinner:") == std::string::npos);
  // A week of few entries has no share chart at all: its table counts them.
  result weekly = s.run("balance-report", {"trend", "--every", "week", "--format", "html"});
  REQUIRE(weekly.status == 0);
  CHECK_THAT(weekly.out, Catch::Contains("<p>No week has enough choices for shares yet: the table counts them.</p>"));
}

TEST_CASE("html: a check-in of words only, a ledger of choices only, and too few chores draw no empty promise", "[html]") {
  couple s;
  REQUIRE(s.run("balance-checkin", {"--feeling", "I feel glad when we cook", "--at", "2026-11-20"}).status == 0);
  for (int d = 1; d <= 3; ++d) REQUIRE(s.run("balance-ledger", {"add", "chore", "dishes", "--at", fmt::format("2026-11-{:02}", d + 10)}).status == 0);
  result page = s.run("balance-report", {"--format", "html"});
  REQUIRE(page.status == 0);
  CHECK_THAT(page.out, Catch::Contains("<p>No check-in in this period has a rating yet.</p>"));
  CHECK_THAT(page.out, Catch::Contains("I feel glad when we cook"));
  CHECK(page.out.find("Mean rating per dimension") == std::string::npos);
  // Three chores: counts, no tick, and so no "agreed split" in the legend.
  CHECK(page.out.find(">agreed split</text>") == std::string::npos);
  // A trend of choices only still says that people log more of their own work, once.
  couple chooser;
  for (int d = 1; d <= 4; ++d)
    REQUIRE(chooser.run("balance-ledger", {"add", "choice", "pizza", "--topic", "dinner", "--at", fmt::format("2026-11-{:02}", d)}).status == 0);
  for (const char* f : {"text", "markdown", "html"}) {
    INFO(f);
    std::string out = chooser.run("balance-report", {"trend", "--format", f}).out;
    CHECK(count_of(out, "People tend to log more of their own work") == 1);
  }
}

TEST_CASE("html: words from the records are escaped, and an empty repository still makes a whole page", "[html]") {
  couple s;
  result empty = s.run("balance-report", {"--format", "html"});
  REQUIRE(empty.status == 0);
  check_self_contained(empty.out);
  CHECK_THAT(empty.out, Catch::Contains("Nothing to go on yet"));
  CHECK(s.run("balance-report", {"trend", "--format", "html"}).out.find("Nothing to go on yet") != std::string::npos);
  REQUIRE(s.run("balance-checkin", {"--heard", "4", "--feeling", "<script>alert(1)</script> & \"more\"", "--at", "2026-11-20"}).status == 0);
  result page = s.run("balance-report", {"--format", "html"});
  REQUIRE(page.status == 0);
  check_self_contained(page.out);
  CHECK_THAT(page.out, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;"));
  // Charts name only kinds, topics, dimensions and people, which balance.toml keeps to a-z, 0-9,
  // _ and -; their svg titles go through the same escaping (tests/unit/html_page_test.cpp).
  // One column: its sparkline note says "the latest month", not "the latest 1 month".
  CHECK_THAT(s.run("balance-report", {"trend", "--period", "this-month"}).out,
             Catch::Contains("TREND draws the latest month (·"));
  // A section asked for by name comes alone, inside the same whole page.
  result one = s.run("balance-report", {"--format", "html", "--section", "checkins"});
  CHECK(one.out.find("<h2 id=\"working\">") == std::string::npos);
  CHECK(count_of(one.out, "<h1>") == 1);
  CHECK_THAT(one.out, Catch::Contains("<h2 id=\"checkins\">Check-ins</h2>"));
  check_self_contained(one.out);
  // html is a report format only: a list refuses it, naming what it takes.
  result list = s.run("balance-checkin", {"list", "--format", "html"});
  CHECK(list.status == 64);
  CHECK_THAT(list.err, Catch::Contains("--format html"));
}
