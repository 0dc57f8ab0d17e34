#include <catch2/catch.hpp>

#include <set>

#include <date/date.h>

#include "balance/error.hpp"
#include "balance/journal.hpp"
#include "balance/settings.hpp"
#include "balance/text.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::test_repo;

namespace {

settings couple() {
  settings s;
  s.people = {"alex", "sam"};
  return s;
}

local_days day(int y, unsigned m, unsigned d) {
  return local_days{date::sys_days{date::year{y} / date::month{m} / date::day{d}}.time_since_epoch()};
}

}  // namespace

TEST_CASE("journal prompts - at least 30 built-in prompts with unique keys and the repository's added", "[journal][prompt]") {
  const auto& deck = builtin_prompts();
  CHECK(deck.size() >= 30);
  std::set<std::string> keys;
  for (const auto& p : deck) {
    CHECK(is_valid_name(p.key));
    CHECK(keys.insert(p.key).second);
    CHECK(p.text.find("always") == std::string::npos);
    CHECK(p.text.find("should") == std::string::npos);
  }
  settings cfg = couple();
  cfg.journal_prompts = {{"our-garden", "What would we grow?"}, {"laugh", "What made us laugh?"}};
  auto mine = prompt_deck(cfg);
  CHECK(mine.size() == deck.size() + 1);
  CHECK(mine.back().key == "our-garden");
  CHECK(find_prompt(cfg, "laugh")->text == "What made us laugh?");
}

TEST_CASE("journal prompts - the prompt of the day is fixed by day and repository and changes the next day", "[journal][prompt]") {
  const auto& deck = builtin_prompts();
  local_days d = day(2026, 11, 22);
  CHECK(prompt_for_day(deck, d, "a1b2c3d4").key == prompt_for_day(deck, d, "a1b2c3d4").key);
  std::set<std::string> seen;
  for (int i = 0; i < static_cast<int>(deck.size()); ++i) {
    auto today = prompt_for_day(deck, d + date::days{i}, "a1b2c3d4");
    auto tomorrow = prompt_for_day(deck, d + date::days{i + 1}, "a1b2c3d4");
    CHECK(today.key != tomorrow.key);
    seen.insert(today.key);
  }
  CHECK(seen.size() == deck.size());  // the whole deck comes round before a prompt repeats
  bool differs = false;
  for (int i = 0; i < 5; ++i)
    differs = differs || prompt_for_day(deck, d + date::days{i}, "a1b2c3d4").key != prompt_for_day(deck, d + date::days{i}, "ffff0000").key;
  CHECK(differs);
}

TEST_CASE("journal on this day - same day of earlier months and years and the month's last day for a day it lacks", "[journal][on-this-day]") {
  local_days today = day(2026, 11, 22);
  CHECK(remembered_on(day(2026, 10, 22), today, 10));
  CHECK(remembered_on(day(2025, 12, 22), today, 10));
  CHECK(remembered_on(day(2025, 11, 22), today, 10));
  CHECK(remembered_on(day(2016, 11, 22), today, 10));
  CHECK_FALSE(remembered_on(day(2015, 11, 22), today, 10));  // more than --years back
  CHECK_FALSE(remembered_on(day(2024, 10, 22), today, 10));  // a month of an earlier year: only the same month
  CHECK_FALSE(remembered_on(day(2026, 11, 22), today, 10));  // today itself
  CHECK_FALSE(remembered_on(day(2026, 10, 21), today, 10));
  // 29 February: remembered on 28 February in a year without one, on the 29th in a leap year.
  CHECK(remembered_on(day(2024, 2, 29), day(2025, 2, 28), 10));
  CHECK(remembered_on(day(2024, 2, 28), day(2025, 2, 28), 10));
  CHECK_FALSE(remembered_on(day(2024, 2, 29), day(2028, 2, 28), 10));
  CHECK(remembered_on(day(2024, 2, 29), day(2028, 2, 29), 10));
  // The 31st of a month: on the 30th of a 30-day month.
  CHECK(remembered_on(day(2026, 10, 31), day(2026, 11, 30), 10));
  CHECK_FALSE(remembered_on(day(2026, 10, 31), day(2026, 11, 29), 10));
}

TEST_CASE("journal jrnl - entries with their bodies and tags are read and the same entry gets the same id", "[journal][jrnl]") {
  test_repo t;
  repo rp = t.open_own();
  std::string text =
      "[2024-03-01 09:15:00 PM] A walk with @Sam by the river.\n"
      "We talked about #Dreams and the garden.\n"
      "\n"
      "[2024-03-02 07:00:00 AM] Short one.\n";
  auto pages = read_jrnl(text, "jrnl.txt", "%F %r", rp);
  REQUIRE(pages.size() == 2);
  CHECK(pages[0].text == "A walk with @Sam by the river.\nWe talked about #Dreams and the garden.");
  CHECK(pages[0].tags == std::vector<std::string>{"sam", "dreams"});
  CHECK(format_timestamp(pages[0].at) == "2024-03-01T21:15:00+01:00");
  CHECK(pages[1].text == "Short one.");
  CHECK(pages[1].is_private);
  CHECK(read_jrnl(text, "jrnl.txt", "%F %r", rp)[0].id == pages[0].id);
  CHECK(pages[0].id != pages[1].id);
  auto other = read_jrnl("[01.03.2024 21:15] Title\n", "j.txt", "%d.%m.%Y %H:%M", rp);
  CHECK(format_timestamp(other[0].at) == "2024-03-01T21:15:00+01:00");
  try {
    read_jrnl("no header here\n", "jrnl.txt", "%F %r", rp);
    FAIL("a file without a jrnl entry is read");
  } catch (const error& e) {
    CHECK(e.kind() == errc::data);
    CHECK_THAT(e.problems().at(0).to_string(), Catch::StartsWith("jrnl.txt:1:1: expected a jrnl entry"));
  }
}

TEST_CASE("journal - page_text_of leaves out comment lines and the blank lines around the text", "[journal]") {
  CHECK(page_text_of("# prompt\n\nfirst\n\n  second\n# note\n\n") == "first\n\n  second");
  CHECK(page_text_of("# only comments\n\n").empty());
}

TEST_CASE("journal settings - [[journal.prompt]] entries are read and checked", "[journal][settings]") {
  settings s = parse_settings(
      "[[person]]\nname = \"alex\"\n[[journal.prompt]]\nkey = \"garden\"\ntext = \"What would we grow?\"\n", "balance.toml");
  REQUIRE(s.journal_prompts.size() == 1);
  CHECK(s.journal_prompts[0].key == "garden");
  try {
    (void)parse_settings("[[person]]\nname = \"alex\"\n[[journal.prompt]]\nkey = \"Garden Bed\"\ntext = \"x\"\n",
                         "balance.toml");
    FAIL("a bad prompt key is accepted");
  } catch (const error& e) {
    CHECK(e.kind() == errc::config);
    CHECK_THAT(e.problems().at(0).to_string(), Catch::StartsWith("balance.toml:4:7: prompt key \"Garden Bed\""));
  }
}
