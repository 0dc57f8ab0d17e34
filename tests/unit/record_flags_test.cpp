#include <catch2/catch.hpp>

#include "balance/checkin.hpp"
#include "balance/error.hpp"
#include "balance/ledger.hpp"
#include "balance/record_flags.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::caught;
using balance_test::test_repo;

namespace {

std::string usage_message(const std::function<void()>& f) {
  error e = caught(f);
  CHECK(e.kind() == errc::usage);
  return e.what();
}

}  // namespace

TEST_CASE("record flags - fields, ratings, tags and the time are set from the flags as typed", "[record_flags]") {
  test_repo t;
  repo rp = t.open("alex");
  record r = new_checkin(rp, false);
  flag_values v;
  v.fields = {{"heard", "--heard", "4"}, {"feeling", "--feeling", "I feel calm when we plan"}};
  v.rates = {"kind=5"};
  v.tags = std::vector<std::string>{"weekly", ""};
  v.at = "2026-11-20T20:00";
  apply_flag_values(r, v, rp.config(), rp.cal());
  REQUIRE(r.ratings.size() == 2);
  CHECK(r.ratings[0].key == "heard");
  CHECK(r.ratings[0].value == 4);
  CHECK(r.ratings[1].key == "kind");
  CHECK(r.ratings[1].value == 5);
  CHECK(r.feeling == "I feel calm when we plan");
  CHECK(r.tags == std::vector<std::string>{"weekly"});  // an empty --tag "" adds nothing
  CHECK(format_timestamp(r.at).starts_with("2026-11-20T20:00:00+01:00"));
  CHECK(v.has("heard"));
  CHECK(v.has("tags"));
  CHECK(v.has("at"));
  CHECK_FALSE(v.has("need"));
  CHECK(v.any_besides_at());
  flag_values only_at;
  only_at.at = "yesterday";
  CHECK_FALSE(only_at.any_besides_at());
  CHECK_FALSE(only_at.empty());
  CHECK(flag_values{}.empty());
}

TEST_CASE("record flags - a bad value is named by its flag, not by the field", "[record_flags]") {
  test_repo t;
  repo rp = t.open("alex");
  record r = new_checkin(rp, false);
  flag_values v;
  v.fields = {{"heard", "--heard", "lots"}};
  std::string m = usage_message([&] { apply_flag_values(r, v, rp.config(), rp.cal()); });
  CHECK(m.starts_with("--heard lots: "));
  CHECK(m.find("heard: ") == std::string::npos);

  flag_values unknown;
  unknown.fields = {{"herd", "--herd", "4"}};
  CHECK(usage_message([&] { apply_flag_values(r, unknown, rp.config(), rp.cal()); }) ==
        "--herd: \"herd\" is not a question in this repository (did you mean \"heard\"?); see `balance-checkin questions`");

  flag_values no_equals;
  no_equals.rates = {"heard"};
  CHECK(usage_message([&] { apply_flag_values(r, no_equals, rp.config(), rp.cal()); }) ==
        "--rate heard: write KEY=N, e.g. --rate heard=4");
  flag_values not_a_question;
  not_a_question.rates = {"x=4"};
  CHECK(usage_message([&] { apply_flag_values(r, not_a_question, rp.config(), rp.cal()); })
            .starts_with("--rate x=4: \"x\" is not a question in this repository"));
}

TEST_CASE("record flags - --safe goes only on a private check-in", "[record_flags]") {
  test_repo t;
  repo rp = t.open_own("alex");
  flag_values v;
  v.fields = {{"safe", "--safe", "4"}};
  record shared = new_checkin(rp, false);
  CHECK(usage_message([&] { apply_flag_values(shared, v, rp.config(), rp.cal()); }) ==
        "--safe is only for private check-ins: add --private (it is never shared)");
  shared.path = "checkins/alex/2026-11.toml";  // an existing one cannot become private by a flag
  CHECK(usage_message([&] { apply_flag_values(shared, v, rp.config(), rp.cal()); }) ==
        "--safe is only for private check-ins (it is never shared)");
  record mine = new_checkin(rp, true);
  apply_flag_values(mine, v, rp.config(), rp.cal());
  CHECK(mine.safe == 4);
}

TEST_CASE("record flags - --minutes takes a duration as well as a number", "[record_flags]") {
  test_repo t;
  repo rp = t.open("alex");
  record e = new_entry(rp);
  flag_values v;
  v.fields = {{"minutes", "--minutes", "2h"}};
  apply_flag_values(e, v, rp.config(), rp.cal());
  CHECK(e.minutes == 120);
  v.fields = {{"minutes", "--minutes", "45"}};
  apply_flag_values(e, v, rp.config(), rp.cal());
  CHECK(e.minutes == 45);
  v.fields = {{"minutes", "--minutes", "soon"}};
  CHECK(usage_message([&] { apply_flag_values(e, v, rp.config(), rp.cal()); }).starts_with("--minutes soon: "));
}

TEST_CASE("record flags - a --rate out of range names the --rate that was given", "[record_flags]") {
  test_repo t;
  repo rp = t.open("alex");
  record r = new_checkin(rp, false);
  flag_values v;
  v.rates = {"heard=6"};
  CHECK(usage_message([&] { apply_flag_values(r, v, rp.config(), rp.cal()); }) ==
        "--rate heard=6: rating 6 is out of range 1–5");
}
