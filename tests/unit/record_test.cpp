#include <catch2/catch.hpp>

#include "balance/error.hpp"
#include "balance/record.hpp"
#include "balance/settings.hpp"
#include "unit/test_support.hpp"

using namespace balance;

namespace {

settings couple() { return balance_test::couple_settings(); }

std::vector<std::string> problems(const record& r) { return balance_test::problems_of(r); }

record checkin() {
  record r;
  r.type = record_type::checkin;
  r.id = "0123456789ab";
  r.at = *parse_timestamp("2026-11-22T19:30:00+01:00");
  r.who = r.author = "alex";
  return r;
}

}  // namespace

TEST_CASE("record - ratings 0 and 6 are out of range, 1 and 5 are fine", "[record]") {
  record r = checkin();
  r.set_rating("heard", 0);
  r.set_rating("kind", 6);
  r.set_rating("space", 1);
  r.set_rating("honest", 5);
  CHECK(problems(r) == std::vector<std::string>{"heard: rating 0 is out of range 1–5", "kind: rating 6 is out of range 1–5"});
}

TEST_CASE("record - a check-in needs something in it", "[record]") {
  record r = checkin();
  CHECK(problems(r) == std::vector<std::string>{": a check-in needs at least one rating, a mood, or a feeling, need, thanks or note"});
  r.thanks = "for the tea";
  CHECK(problems(r).empty());
}

TEST_CASE("record - unknown people get a did-you-mean", "[record]") {
  record r = balance_test::make_entry("0123456789ab", "2026-11-22T19:30:00+01:00", "sma");
  CHECK(problems(r) == std::vector<std::string>{"who: \"sma\" is not a person in balance.toml (did you mean \"sam\"?)"});
}

TEST_CASE("record - entry rules: kind, topic for choices, positive weight and minutes", "[record]") {
  record r = balance_test::make_entry("0123456789ab", "2026-11-22T19:30:00+01:00", "sam", "chors", "x");
  CHECK_THAT(problems(r).at(0), Catch::Contains("unknown kind \"chors\" (did you mean \"chore\"?)"));
  r.kind = "choice";
  r.topic.clear();
  CHECK(problems(r) == std::vector<std::string>{"topic: a choice needs a topic (such as dinner, weekend or movie)"});
  r.topic = "dinner";
  r.weight = 0;
  r.minutes = -5;
  CHECK(problems(r) == std::vector<std::string>{"weight: weight must be a positive number, not 0",
                                                "minutes: minutes must be positive, not -5"});
}

TEST_CASE("record - events need their boundary where it matters, minutes only for space", "[record]") {
  record r;
  r.type = record_type::event;
  r.id = "0123456789ab";
  r.at = *parse_timestamp("2026-11-22T19:30:00+01:00");
  r.who = "sam";
  r.kind = "crossed";
  CHECK(problems(r) == std::vector<std::string>{"boundary: a crossed event needs the id of its boundary"});
  r.kind = "gave-in";
  r.minutes = 30;
  CHECK(problems(r) == std::vector<std::string>{"minutes: minutes belong only to space events"});
  r.kind = "space";
  CHECK(problems(r).empty());
}

TEST_CASE("record - boundary status and review cadence are checked", "[record]") {
  record r;
  r.type = record_type::boundary;
  r.id = "0123456789ab";
  r.at = *parse_timestamp("2026-11-22T19:30:00+01:00");
  r.who = r.author = "sam";
  r.text = "I need an hour after work";
  r.review = "sometimes";
  r.status = "paused";
  auto p = problems(r);
  REQUIRE(p.size() == 2);
  CHECK_THAT(p[0], Catch::StartsWith("review: "));
  CHECK(p[1] == "status: status must be \"active\" or \"retired\", not \"paused\"");
}

TEST_CASE("record - text with control characters or ids with a slash are refused", "[record]") {
  record r = balance_test::make_entry("../../etc/x", "2026-11-22T19:30:00+01:00", "sam");
  r.note = "bell\x07";
  auto p = problems(r);
  REQUIRE(p.size() == 2);
  CHECK(p[0] == "id: id \"../../etc/x\" must be 12 lowercase hex digits");
  CHECK(p[1] == "note: text contains the control character U+0007");
}

TEST_CASE("record - set_field_text parses by the field's kind", "[record]") {
  settings cfg = couple();
  record r = checkin();
  set_field_text(r, "heard", "4", cfg);
  set_field_text(r, "tags", "home, weekend", cfg);
  set_field_text(r, "note", "ok", cfg);
  CHECK(r.rating_of("heard") == 4);
  CHECK(r.tags == std::vector<std::string>{"home", "weekend"});
  CHECK_THROWS_WITH(set_field_text(r, "heard", "four", cfg), Catch::Contains("not a whole number"));
  CHECK_THROWS_WITH(set_field_text(r, "haerd", "4", cfg), Catch::Contains("did you mean \"heard\""));
  set_field_text(r, "heard", "", cfg);
  CHECK_FALSE(r.rating_of("heard"));
}

TEST_CASE("record - canonical keys put the repo's dimensions between who and mood", "[record]") {
  settings cfg = couple();
  cfg.dimensions = {{"fun", "", "", ""}};
  CHECK(canonical_keys(record_type::checkin, cfg) ==
        std::vector<std::string>{"id", "at", "who", "fun", "mood", "feeling", "need", "thanks", "note", "tags", "safe"});
  CHECK(canonical_keys(record_type::event, cfg) ==
        std::vector<std::string>{"id", "at", "kind", "boundary", "who", "minutes", "note"});
}

TEST_CASE("record - a rating key a letter from a dimension is a warning, a far one is a retired dimension", "[record]") {
  settings cfg = couple();
  record r = checkin();
  r.set_rating("haerd", 4);
  r.set_rating("fun", 3);
  auto found = validate(r, validation_context{&cfg, true});
  REQUIRE(found.size() == 1);
  CHECK(found[0].key == "haerd");
  CHECK(found[0].warning);  // a warning even in balance check: nothing is lost, the rating is kept
  CHECK(found[0].message ==
        "\"haerd\" is not a dimension in balance.toml (did you mean \"heard\"?); it is kept as the rating of a "
        "retired one");
}
