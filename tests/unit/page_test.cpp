#include <catch2/catch.hpp>

#include "balance/error.hpp"
#include "balance/merge.hpp"
#include "balance/settings.hpp"
#include "record_file.hpp"

using namespace balance;

namespace {

settings couple() {
  settings s;
  s.people = {"alex", "sam"};
  return s;
}

std::vector<std::string> problems(const record& r) {
  static const settings cfg = couple();
  std::vector<std::string> out;
  for (const auto& p : validate(r, validation_context{&cfg, false}))
    if (!p.warning) out.push_back(p.key + ": " + p.message);
  return out;
}

record page(const std::string& text, const std::string& who = "alex") {
  record r;
  r.type = record_type::page;
  r.id = "0123456789ab";
  r.at = *parse_timestamp("2026-11-22T19:30:00+01:00");
  r.who = r.author = who;
  r.text = text;
  return r;
}

record round_trip(const record& r) {
  settings cfg = couple();
  read_options opts{&cfg};
  auto role = role_of_path("journal/alex/2026-11.toml");
  REQUIRE(role);
  parsed_file parsed = parse_record_file(record_to_toml(r), "journal/alex/2026-11.toml", *role, opts);
  INFO(record_to_toml(r));
  REQUIRE(parsed.problems.empty());
  REQUIRE(parsed.records.size() == 1);
  return parsed.records[0];
}

}  // namespace

TEST_CASE("page - a page needs words and a known author and a mood from 1 to 5", "[page][record]") {
  CHECK(problems(page("a good day")).empty());
  CHECK(problems(page("  \n ")) == std::vector<std::string>{"text: text is required (what you want to keep on the page)"});
  record moody = page("x");
  moody.mood = 6;
  CHECK(problems(moody) == std::vector<std::string>{"mood: mood 6 is out of range 1–5"});
  record other = page("x", "sam");
  other.author = "alex";
  CHECK(problems(other) == std::vector<std::string>{"who: who = \"sam\" but this file holds alex's journal pages"});
  record bad_prompt = page("x");
  bad_prompt.prompt = "Heard Lately";
  CHECK(problems(bad_prompt).size() == 1);
  CHECK(canonical_keys(record_type::page, couple()) ==
        std::vector<std::string>{"id", "at", "who", "text", "tags", "mood", "prompt"});
}

TEST_CASE("page - lives in journal/<author>/YYYY-MM.toml and in the private store when private", "[page][record]") {
  record r = page("x");
  CHECK(path_for(r) == "journal/alex/2026-11.toml");
  r.is_private = true;
  CHECK(path_for(r) == "private/journal/alex/2026-11.toml");
  CHECK(role_of_path("journal/sam/2026-11.toml")->type == record_type::page);
  CHECK(role_of_path("private/journal/sam/2026-11.toml")->is_private);
  CHECK_FALSE(role_of_path("journal/sam.toml"));
}

TEST_CASE("page - text of several lines is written as a multi-line string and reads back exactly", "[page][record]") {
  const std::vector<std::string> awkward = {
      "first line\nsecond line",
      "she said \"no\"\nand I said \"\"\"yes\"\"\"",
      "ends with a quote\n\"",
      "a backslash \\ and \\n literally\n\\",
      "tab\there\n\ttab first",
      "trailing newlines\n\n\n",
      "\nstarts with a newline",
      "emoji 🌱💬 and ünïcödé\nline two ❤️",
      "[[page]]\nid = \"fake\"\n# not a comment",
  };
  for (const auto& text : awkward) {
    record r = page(text);
    r.tags = {"dream"};
    r.mood = 4;
    r.prompt = "heard-lately";
    std::string toml = record_to_toml(r);
    CHECK(toml.find("text = \"\"\"\n") != std::string::npos);
    record back = round_trip(r);
    CHECK(back.text == text);
    CHECK(back.same_content(r));
  }
  // One line stays a plain basic string.
  CHECK(record_to_toml(page("one line")) ==
        "[[page]]\nid = \"0123456789ab\"\nat = 2026-11-22T19:30:00+01:00\nwho = \"alex\"\ntext = \"one line\"\n");
}

TEST_CASE("page - a multi-line page is spliced and removed as whole lines", "[page][record]") {
  settings cfg = couple();
  read_options opts{&cfg};
  auto role = *role_of_path("journal/alex/2026-11.toml");
  record a = page("one\n[[page]]\ntwo");
  record b = page("later");
  b.id = "0123456789ac";
  b.at = *parse_timestamp("2026-11-23T08:00:00+01:00");
  std::string text = "# my journal\n\n" + record_to_toml(b);
  parsed_file parsed = parse_record_file(text, "journal/alex/2026-11.toml", role, opts);
  std::string added = splice_insert(text, parsed, {a});
  parsed_file both = parse_record_file(added, "journal/alex/2026-11.toml", role, opts);
  REQUIRE(both.problems.empty());
  REQUIRE(both.records.size() == 2);
  CHECK(both.records[0].text == a.text);
  CHECK(splice_remove(added, both, 0) == text);
}

TEST_CASE("page merge driver - pages added on both sides are kept and one page changed twice conflicts", "[page][merge]") {
  record a = page("ours\nsecond line");
  record b = page("theirs");
  b.id = "0123456789ac";
  b.at = *parse_timestamp("2026-11-23T08:00:00+01:00");
  std::string A = record_to_toml(a), B = record_to_toml(b);
  auto m = merge_record_files("", A, B, "journal/alex/2026-11.toml", couple());
  CHECK(m.conflicts == 0);
  CHECK(m.text == A + "\n" + B);
  record changed = a;
  changed.text = "ours, edited\nsecond line";
  record other = a;
  other.text = "ours, edited elsewhere";
  auto both = merge_record_files(A, record_to_toml(changed), record_to_toml(other), "journal/alex/2026-11.toml", couple());
  CHECK(both.conflicts == 1);
}
