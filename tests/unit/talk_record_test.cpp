// The [[talk]] record: who was there, how long each spoke, the one issue, the agreement made.
#include <catch2/catch.hpp>

#include "balance/check.hpp"
#include "balance/format.hpp"
#include "balance/import.hpp"
#include "balance/merge.hpp"
#include "balance/settings.hpp"
#include "balance/talk.hpp"
#include "record_file.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::test_repo;

namespace {

settings couple() { return balance_test::couple_settings(); }

record talk() {
  record r;
  r.type = record_type::talk;
  r.id = "b00000000001";
  r.at = *parse_timestamp("2026-11-22T19:00:00+01:00");
  r.who = r.author = "sam";
  r.with = {"alex", "sam"};
  r.spoke = {{"alex", 6.5}, {"sam", 5}};
  r.topic = "who plans the weekends";
  r.sign = "one-chooser";
  r.agreement = "a00000000001";
  r.appreciations = 4;
  r.note = "care: alex: a slow Sunday morning";
  r.tags = {"weekly"};
  return r;
}

std::vector<std::string> problems(const record& r) { return balance_test::problems_of(r); }

const char* talk_text =
    "[[talk]]\nid = \"b00000000001\"\nat = 2026-11-22T19:00:00+01:00\nwho = \"sam\"\nwith = [\"alex\", \"sam\"]\n"
    "minutes = { alex = 6.5, sam = 5 }\ntopic = \"who plans the weekends\"\nsign = \"one-chooser\"\n"
    "agreement = \"a00000000001\"\nappreciations = 4\nnote = \"care: alex: a slow Sunday morning\"\ntags = [\"weekly\"]\n";

const char* agreement_file =
    "[[agreement]]\nid = \"a00000000001\"\nat = 2026-11-22T20:00:00+01:00\nwho = \"alex\"\n"
    "text = \"We plan one weekend each\"\nreview = \"biweekly\"\n";

errc kind_of(const std::function<void()>& f) { return balance_test::caught(f).kind(); }

}  // namespace

TEST_CASE("talk record - a full talk is valid and lives in talks/AUTHOR/YYYY-MM.toml", "[talk][record]") {
  CHECK(problems(talk()).empty());
  CHECK(path_for(talk()) == "talks/sam/2026-11.toml");
  CHECK(role_of_path("talks/sam/2026-11.toml")->type == record_type::talk);
  CHECK(role_of_path("private/talks/sam/2026-11.toml")->type == record_type::talk);
  CHECK_FALSE(role_of_path("talks/sam.toml"));
  CHECK(author_is_who(record_type::talk));
  CHECK(parse_record_type("talk") == record_type::talk);
}

TEST_CASE("talk record - who was there and their minutes and the sign and the count are checked", "[talk][record]") {
  record r = talk();
  r.with.clear();
  r.spoke.clear();
  CHECK(problems(r) == std::vector<std::string>{"with: with is required (who was there, as an array of names)"});
  r = talk();
  r.with = {"alex", "bob"};
  CHECK(problems(r) == std::vector<std::string>{"with: \"bob\" is not a person in balance.toml",
                                                "minutes: minutes names \"sam\", who is not in with"});
  r = talk();
  r.with = {"alex", "alex"};
  r.spoke = {{"alex", 1}};
  CHECK(problems(r) == std::vector<std::string>{"with: \"alex\" is named twice in with"});
  r = talk();
  r.spoke = {{"alex", -1}, {"alex", 2}};
  CHECK(problems(r) == std::vector<std::string>{"minutes: minutes for alex must be 0 or more, not -1",
                                                "minutes: minutes names \"alex\" twice"});
  r = talk();
  r.sign = "uneven";
  CHECK_THAT(problems(r).at(0), Catch::StartsWith("sign: sign must be one of \"one-sided\", ") &&
                                    Catch::EndsWith("not \"uneven\" (did you mean \"uneven-load\"?)"));
  r = talk();
  r.appreciations = -2;
  r.agreement = "a0";
  CHECK(problems(r) == std::vector<std::string>{
                           "agreement: agreement \"a0\" must be the 12-digit id of an agreement",
                           "appreciations: appreciations counts them: 0 or more, not -2"});
  r = talk();
  r.author = "alex";
  CHECK(problems(r) == std::vector<std::string>{"who: who = \"sam\" but this file holds alex's talks"});
}

TEST_CASE("talk record - the canonical writer writes minutes as an inline table and reads it back",
          "[talk][record]") {
  settings cfg = couple();
  CHECK(record_to_toml(talk()) == talk_text);
  read_options opts{&cfg, nullptr, true};
  parsed_file back = parse_record_file(talk_text, "talks/sam/2026-11.toml", *role_of_path("talks/sam/2026-11.toml"), opts);
  REQUIRE(back.problems.empty());
  REQUIRE(back.records.size() == 1);
  CHECK(back.records[0].same_content(talk()));
  // Keys keep the order they were written in, whatever toml++ does with them.
  record sam_first = talk();
  sam_first.spoke = {{"sam", 2.25}, {"alex", 0}};
  parsed_file again = parse_record_file(record_to_toml(sam_first), "talks/sam/2026-11.toml",
                                        *role_of_path("talks/sam/2026-11.toml"), opts);
  REQUIRE(again.records.size() == 1);
  CHECK(again.records[0].spoke == sam_first.spoke);
}

TEST_CASE("talk record - a wrong minutes value is named at its place", "[talk][record]") {
  settings cfg = couple();
  read_options opts{&cfg, nullptr, true};
  auto role = role_of_path("talks/sam/2026-11.toml");
  std::string text = "[[talk]]\nid = \"b00000000001\"\nat = 2026-11-22T19:00:00+01:00\nwho = \"sam\"\n"
                     "with = [\"alex\", \"sam\"]\nminutes = { alex = \"six\" }\n";
  parsed_file bad = parse_record_file(text, "talks/sam/2026-11.toml", *role, opts);
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].to_string() == "talks/sam/2026-11.toml:6:20: minutes for alex must be a number, not a string");
  std::string flat = "[[talk]]\nid = \"b00000000001\"\nat = 2026-11-22T19:00:00+01:00\nwho = \"sam\"\n"
                     "with = [\"alex\", \"sam\"]\nminutes = 11\n";
  parsed_file wrong = parse_record_file(flat, "talks/sam/2026-11.toml", *role, opts);
  REQUIRE(wrong.problems.size() == 1);
  CHECK(wrong.problems[0].to_string() ==
        "talks/sam/2026-11.toml:6:11: minutes must be a table of minutes per person, like { alex = 6.5, sam = 5 }, "
        "not an integer");
}

TEST_CASE("talk record - csv and tsv and json write minutes in one cell or object and read them back", "[talk][import]") {
  settings cfg = couple();
  for (record_format f : {record_format::csv, record_format::tsv, record_format::json, record_format::toml}) {
    string_sink out;
    writer_options wo;
    wo.cfg = &cfg;
    auto w = make_record_writer(f, record_type::talk, out, wo);
    w->write(talk());
    w->finish();
    INFO(out.str());
    if (f == record_format::csv) CHECK_THAT(out.str(), Catch::Contains(",alex sam,alex=6.5 sam=5,who plans"));
    if (f == record_format::json) CHECK_THAT(out.str(), Catch::Contains("\"minutes\":{\"alex\":6.5,\"sam\":5.0}"));
    auto back = read_import(out.str(), "in", record_type::agreement, cfg);
    REQUIRE(back.size() == 1);
    CHECK(back[0].type == record_type::talk);
    CHECK(back[0].same_content(talk()));
  }
  record r = talk();
  set_field_text(r, "minutes", "sam=3,alex=0.5", cfg);
  CHECK(r.spoke == std::vector<person_minutes>{{"sam", 3}, {"alex", 0.5}});
  CHECK(kind_of([&] { set_field_text(r, "minutes", "sam", cfg); }) == errc::usage);
  CHECK(kind_of([&] { set_field_text(r, "minutes", "=4", cfg); }) == errc::usage);
  CHECK(kind_of([&] { set_field(r, "minutes", std::int64_t{4}, cfg); }) == errc::usage);
}

TEST_CASE("talk check - a talk's agreement must exist and a shared talk never names a private one", "[talk][check]") {
  test_repo t;
  t.write("talks/sam/2026-11.toml", talk_text);
  auto found = check_repo(t.open());
  REQUIRE(found.problems.size() == 1);
  CHECK(found.problems[0].to_string() ==
        "talks/sam/2026-11.toml:9:13: talk b00000000001 points at agreement a00000000001, which does not exist "
        "(removed? `balance-talk rm b000000` removes this talk)");
  t.write("agreements/alex.toml", agreement_file);
  CHECK(check_repo(t.open()).problems.empty());

  repo own = t.open_own("alex");
  store s(own);
  agreement_options mine;
  mine.text = "I try something alone";
  record priv;
  priv.type = record_type::agreement;
  priv.id = "a00000000002";
  priv.at = *parse_timestamp("2026-11-22T20:00:00+01:00");
  priv.who = priv.author = "alex";
  priv.text = "Just for me";
  priv.is_private = true;
  add_record(s, priv);
  talk_options o;
  o.with = {"alex", "sam"};
  o.agreement = "a00000000002";
  CHECK_THAT(balance_test::caught([&] { add_talk(s, o); }).what(),
             Catch::Contains("a shared talk never points at a private agreement"));
}

TEST_CASE("talk - add_talk saves mine and an agreement a talk made is not removed from under it", "[talk]") {
  test_repo t;
  t.write("agreements/alex.toml", agreement_file);
  repo r = t.open("alex");
  store s(r);
  talk_options o;
  o.with = {"alex", "sam"};
  o.spoke = {{"alex", 3}, {"sam", 2}};
  o.topic = "weekends";
  o.agreement = "a000";
  o.appreciations = 2;
  o.at = *parse_timestamp("2026-11-22T19:00:00+01:00");
  outcome done = add_talk(s, o);
  REQUIRE(done.records.size() == 1);
  const record& saved = done.records[0];
  CHECK(done.summary == "saved talk " + saved.id.substr(0, 7));
  CHECK(done.paths == std::vector<std::string>{"talks/alex/2026-11.toml"});
  CHECK(saved.agreement == "a00000000001");
  CHECK(talk_record_type(s, saved.id.substr(0, 6)) == record_type::talk);
  CHECK_THAT(balance_test::caught([&] { remove_talk_record(s, "a000", true, false); }).what(),
             Catch::Contains("was made in the talk of 2026-11-22") && Catch::Contains("balance-talk done a000000"));
  o.with = {"alex", "bob"};
  CHECK(kind_of([&] { add_talk(s, o); }) == errc::usage);
}

TEST_CASE("talk log - oldest first with each person's minutes and share", "[talk]") {
  settings cfg = couple();
  record first = talk();
  first.at = *parse_timestamp("2026-11-08T19:00:00+01:00");
  first.spoke = {{"alex", 4}, {"sam", 4}};
  first.topic.clear();
  CHECK(spoken_shares(talk()) == "alex 6.5m (57%) sam 5m (43%)");
  CHECK(spoken_shares(first) == "alex 4m (50%) sam 4m (50%)");
  record silent = talk();
  silent.spoke.clear();
  CHECK(spoken_shares(silent) == "-");
  string_sink out;
  writer_options wo;
  wo.cfg = &cfg;
  CHECK(write_talk_log({first, talk()}, "28d", record_format::text, wo, out).empty());
  CHECK(out.str() ==
        "DATE        WITH       SPOKE                         TOPIC\n"
        "2026-11-08  alex, sam  alex 4m (50%) sam 4m (50%)    -\n"
        "2026-11-22  alex, sam  alex 6.5m (57%) sam 5m (43%)  who plans the weekends\n");
  string_sink none;
  CHECK(write_talk_log({}, "28d", record_format::text, wo, none) == "no talks in 28d");
  CHECK(none.str().empty());
}

TEST_CASE("talk merge driver - talks from both sides are kept and one changed on both sides conflicts",
          "[talk][git][merge]") {
  std::string a = talk_text;
  std::string b = std::string(talk_text);
  b.replace(b.find("b00000000001"), 12, "b00000000002");
  b.replace(b.find("2026-11-22T19"), 13, "2026-11-29T19");
  auto m = merge_record_files("", a, b, "talks/sam/2026-11.toml", couple());
  CHECK(m.conflicts == 0);
  CHECK(m.text == a + "\n" + b);
  std::string ours = a, theirs = a;
  ours.replace(ours.find("sam = 5"), 7, "sam = 6");
  theirs.replace(theirs.find("sam = 5"), 7, "sam = 4");
  CHECK(merge_record_files(a, ours, theirs, "talks/sam/2026-11.toml", couple()).conflicts == 1);
  CHECK(merge_record_files(a, ours, a, "talks/sam/2026-11.toml", couple()).text == ours);
}
