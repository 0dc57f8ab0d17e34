#include <catch2/catch.hpp>

#include "balance/talk_plan.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::test_repo;

namespace {

// Two agreements on the pinned Sunday 22 Nov: the weekly one was never reviewed (due since
// 1 Nov); the biweekly one was reviewed on 15 Nov (next on 29 Nov).
const char* const agreements =
    "[[agreement]]\nid = \"a00000000001\"\nat = 2026-10-25T20:00:00+01:00\nwho = \"alex\"\n"
    "text = \"We take turns choosing dinner\"\nreview = \"weekly\"\n\n"
    "[[agreement]]\nid = \"a00000000002\"\nat = 2026-11-01T20:00:00+01:00\nwho = \"alex\"\n"
    "text = \"Ten minutes each after dinner\"\n";
const char* const reviews =
    "[[review]]\nid = \"b00000000001\"\nat = 2026-11-15T20:00:00+01:00\nwho = \"sam\"\nagreement = \"a00000000002\"\n"
    "outcome = \"partly\"\n";

std::string plan_as(const talk_plan& p, format f) {
  string_sink out;
  write_talk_plan(p, f, out, style{});
  return out.str();
}

}  // namespace

TEST_CASE("talk plan - the agenda lists the reviews that are due and the five steps", "[talk][plan]") {
  test_repo t;
  t.write("agreements/alex.toml", agreements);
  t.write("agreements/sam/2026-11.toml", reviews);
  t.write("appreciations/sam/2026-11.toml",
          "[[appreciation]]\nid = \"c00000000001\"\nat = 2026-11-20T08:00:00+01:00\nwho = \"sam\"\nfor = \"alex\"\n"
          "text = \"the school form\"\n");
  repo r = t.open("alex");
  store s(r);
  talk_plan p = build_talk_plan(s, parse_period("28d", r.cal()));
  REQUIRE(p.due.size() == 1);
  CHECK(p.due[0].agreement.id == "a00000000001");
  std::string text = plan_as(p, format::text);
  for (const char* step : {"1. Appreciations", "2. What went right", "3. One issue, in turns", "4. Care",
                           "5. One agreement at most"})
    CHECK(text.find(step) != std::string::npos);
  CHECK(text.find("Up for review: \"We take turns choosing dinner\" (since 2026-10-25, a000000)") != std::string::npos);
  CHECK(text.find("Ten minutes each") == std::string::npos);
  CHECK(text.find("2026-11-20  sam to alex: the school form") != std::string::npos);
  std::string json = plan_as(p, format::json);
  CHECK(json.find("{\"step\": 3, \"kind\": \"review\", \"id\": \"a00000000001\"") != std::string::npos);
  CHECK(json.find("\"kind\": \"thanks\", \"who\": \"sam\", \"to\": \"alex\"") != std::string::npos);
  std::string md = plan_as(p, format::markdown);
  CHECK(md.find("## 3. One issue, in turns\n") != std::string::npos);
  CHECK(md.find("- 2026-11-20 sam to alex: the school form\n") != std::string::npos);
}

TEST_CASE("talk plan - with nothing noted it says so, and still offers a topic of your own", "[talk][plan]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  talk_plan p = build_talk_plan(s, parse_period("28d", r.cal()));
  CHECK(p.due.empty());
  std::string text = plan_as(p, format::text);
  CHECK(text.find("Nothing was noted in this period yet; what went right can still be said.") != std::string::npos);
  CHECK(text.find("• Or a topic of your own.") != std::string::npos);
  CHECK(plan_as(p, format::json).find("\"items\": []") != std::string::npos);
}
