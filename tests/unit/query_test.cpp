#include <catch2/catch.hpp>

#include "balance/error.hpp"
#include "balance/query.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::make_entry;
using balance_test::test_repo;

namespace {

void add_all(const store& s, std::vector<record> records) {
  write_batch batch(s);
  for (auto& r : records) batch.add(r);
  batch.commit();
}

std::vector<std::string> ids(const std::vector<record>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(r.id.substr(0, 4));
  return out;
}

// Six entries over two months by both people.
void fill(const test_repo& t) {
  repo r = t.open("alex");
  store s(r);
  record a = make_entry("aaaa00000001", "2026-10-20T08:00:00+02:00", "alex", "chore", "Dishes");
  a.tags = {"kitchen", "daily"};
  record b = make_entry("bbbb00000002", "2026-11-02T08:00:00+01:00", "sam", "chore", "laundry");
  b.author = "sam";
  b.tags = {"daily"};
  record c = make_entry("cccc00000003", "2026-11-05T19:00:00+01:00", "alex", "choice", "thai food");
  record d = make_entry("dddd00000004", "2026-11-10T19:00:00+01:00", "sam", "choice", "pizza");
  d.author = "sam";
  d.topic = "film";
  record e = make_entry("eeee00000005", "2026-11-15T12:00:00+01:00", "alex", "solo", "a long walk");
  e.note = "Felt GOOD";
  record f = make_entry("ffff00000006", "2026-11-21T12:00:00+01:00", "sam", "invisible", "birthday planning");
  f.author = "sam";
  f.tags = {"kitchen"};
  add_all(s, {a, b, c, d, e, f});
}

}  // namespace

TEST_CASE("query - all time returns every entry oldest first", "[query]") {
  test_repo t;
  fill(t);
  repo r = t.open("alex");
  store s(r);
  query q;
  CHECK(ids(run_query(s, q)) == std::vector<std::string>{"aaaa", "bbbb", "cccc", "dddd", "eeee", "ffff"});
  query checkins;
  checkins.type = record_type::checkin;
  CHECK(run_query(s, checkins).empty());
}

TEST_CASE("query - period, who, kind and topic filters", "[query]") {
  test_repo t;
  fill(t);
  repo r = t.open("alex");
  store s(r);
  query nov;
  nov.span = parse_period("2026-11", r.cal());
  CHECK(ids(run_query(s, nov)) == std::vector<std::string>{"bbbb", "cccc", "dddd", "eeee", "ffff"});
  query oct;
  oct.span = parse_period("2026-10", r.cal());
  CHECK(ids(run_query(s, oct)) == std::vector<std::string>{"aaaa"});
  query sam;
  sam.who = "sam";
  CHECK(ids(run_query(s, sam)) == std::vector<std::string>{"bbbb", "dddd", "ffff"});
  query choices;
  choices.kind = "choice";
  CHECK(ids(run_query(s, choices)) == std::vector<std::string>{"cccc", "dddd"});
  query dinner;
  dinner.topic = "dinner";  // make_entry gives a choice the topic dinner
  CHECK(ids(run_query(s, dinner)) == std::vector<std::string>{"cccc"});
  query sams_chores;
  sams_chores.who = "sam";
  sams_chores.kind = "chore";
  sams_chores.span = parse_period("2026-11", r.cal());
  CHECK(ids(run_query(s, sams_chores)) == std::vector<std::string>{"bbbb"});
  query nobody;
  nobody.who = "robin";
  CHECK(run_query(s, nobody).empty());
}

TEST_CASE("query - tags must all be present", "[query]") {
  test_repo t;
  fill(t);
  repo r = t.open("alex");
  store s(r);
  query kitchen;
  kitchen.tags = {"kitchen"};
  CHECK(ids(run_query(s, kitchen)) == std::vector<std::string>{"aaaa", "ffff"});
  query both;
  both.tags = {"kitchen", "daily"};
  CHECK(ids(run_query(s, both)) == std::vector<std::string>{"aaaa"});
  query none;
  none.tags = {"Kitchen"};  // tags match exactly
  CHECK(run_query(s, none).empty());
}

TEST_CASE("query - grep is a case-insensitive substring of any text field or tag", "[query]") {
  test_repo t;
  fill(t);
  repo r = t.open("alex");
  store s(r);
  auto grep = [&](const std::string& needle) {
    query q;
    q.grep = needle;
    return ids(run_query(s, q));
  };
  CHECK(grep("DISH") == std::vector<std::string>{"aaaa"});      // what
  CHECK(grep("good") == std::vector<std::string>{"eeee"});      // note
  CHECK(grep("film") == std::vector<std::string>{"dddd"});      // topic
  CHECK(grep("KITCH") == std::vector<std::string>{"aaaa", "ffff"});  // tags
  CHECK(grep("invisible") == std::vector<std::string>{"ffff"});  // kind
  CHECK(grep("sam").empty());                                    // who is not a text field
  CHECK(grep("nothing like it").empty());
}

TEST_CASE("query - limit keeps the most recent and reverse puts the newest first", "[query]") {
  test_repo t;
  fill(t);
  repo r = t.open("alex");
  store s(r);
  query last2;
  last2.limit = 2;
  CHECK(ids(run_query(s, last2)) == std::vector<std::string>{"eeee", "ffff"});
  query newest;
  newest.reverse = true;
  CHECK(ids(run_query(s, newest)) == std::vector<std::string>{"ffff", "eeee", "dddd", "cccc", "bbbb", "aaaa"});
  query both;
  both.limit = 3;
  both.reverse = true;
  CHECK(ids(run_query(s, both)) == std::vector<std::string>{"ffff", "eeee", "dddd"});
  query big;
  big.limit = 100;
  CHECK(run_query(s, big).size() == 6);
  query filtered_limit;
  filtered_limit.who = "alex";
  filtered_limit.limit = 2;
  CHECK(ids(run_query(s, filtered_limit)) == std::vector<std::string>{"cccc", "eeee"});
}

TEST_CASE("query - records at the same moment are ordered by id", "[query]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  add_all(s, {make_entry("bbbb00000000", "2026-11-02T08:00:00+01:00"), make_entry("aaaa00000000", "2026-11-02T08:00:00+01:00")});
  CHECK(ids(run_query(s, query{})) == std::vector<std::string>{"aaaa", "bbbb"});
}

TEST_CASE("query - matches leaves out private records unless mine and retired ones with active_only", "[query]") {
  record r = make_entry("aaaa00000001", "2026-11-02T08:00:00+01:00");
  query q;
  CHECK(matches(q, r));
  r.is_private = true;
  CHECK_FALSE(matches(q, r));
  q.mine = true;
  CHECK(matches(q, r));
  record b;
  b.type = record_type::boundary;
  b.text = "Quiet mornings";
  b.status = "retired";
  query active;
  active.type = record_type::boundary;
  CHECK(matches(active, b));
  active.active_only = true;
  CHECK_FALSE(matches(active, b));
  b.status = "active";
  CHECK(matches(active, b));
  active.grep = "MORNING";
  CHECK(matches(active, b));
  active.grep = "evening";
  CHECK_FALSE(matches(active, b));
}

TEST_CASE("query - mine adds this computer's own private records", "[query][private]") {
  test_repo t;
  fill(t);
  repo r = t.open_own("alex");
  store s(r);
  record p = make_entry("9999aaaaaaaa", "2026-11-20T12:00:00+01:00", "alex", "solo", "journal");
  p.is_private = true;
  add_all(s, {p});
  query shared;
  shared.who = "alex";
  CHECK(ids(run_query(s, shared)) == std::vector<std::string>{"aaaa", "cccc", "eeee"});
  query mine = shared;
  mine.mine = true;
  CHECK(ids(run_query(s, mine)) == std::vector<std::string>{"aaaa", "cccc", "eeee", "9999"});
  // --as sam never opens alex's private store.
  repo sam = t.open("sam");
  store s2(sam);
  CHECK(run_query(s2, mine).size() == 3);
}

TEST_CASE("query - a broken file in the period is a data error", "[query]") {
  test_repo t;
  fill(t);
  t.write("ledger/sam/2026-09.toml", "[[entry]\n");
  repo r = t.open("alex");
  store s(r);
  query nov;
  nov.span = parse_period("2026-11", r.cal());
  CHECK(run_query(s, nov).size() == 5);
  try {
    run_query(s, query{});
    FAIL("expected a data error");
  } catch (const error& e) {
    CHECK(e.kind() == errc::data);
    CHECK_THAT(e.problems().at(0).to_string(), Catch::StartsWith("ledger/sam/2026-09.toml:1:"));
  }
}

TEST_CASE("query - a month period holds its first instant and not the next month's", "[query]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  add_all(s, {make_entry("aaaa00000001", "2026-11-01T00:00:00+01:00"), make_entry("bbbb00000002", "2026-11-30T23:59:59+01:00"),
              make_entry("cccc00000003", "2026-12-01T00:00:00+01:00"), make_entry("dddd00000004", "2026-10-31T23:59:59+01:00")});
  query nov;
  nov.span = parse_period("2026-11", r.cal());
  CHECK(ids(run_query(s, nov)) == std::vector<std::string>{"aaaa", "bbbb"});
  // The same instants written with another offset are the same instants.
  test_repo t2;
  repo r2 = t2.open("alex");
  store s2(r2);
  add_all(s2, {make_entry("eeee00000005", "2026-10-31T23:30:00Z"),    // 00:30 on 1 Nov in Berlin
               make_entry("ffff00000006", "2026-11-01T00:30:00+02:00")});  // 23:30 on 31 Oct in Berlin
  query nov2;
  nov2.span = parse_period("2026-11", r2.cal());
  CHECK(ids(run_query(s2, nov2)) == std::vector<std::string>{"eeee"});
}

TEST_CASE("query - boundaries with active_only", "[query]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  record active;
  active.type = record_type::boundary;
  active.id = "aaaa00000001";
  active.at = *parse_timestamp("2026-11-01T10:00:00+01:00");
  active.who = active.author = "alex";
  active.text = "quiet mornings";
  active.review = "monthly";
  active.status = "active";
  record retired = active;
  retired.id = "bbbb00000002";
  retired.status = "retired";
  retired.retired = *parse_timestamp("2026-11-10T10:00:00+01:00");
  add_all(s, {active, retired});
  query q;
  q.type = record_type::boundary;
  CHECK(ids(run_query(s, q)) == std::vector<std::string>{"aaaa", "bbbb"});
  q.active_only = true;
  CHECK(ids(run_query(s, q)) == std::vector<std::string>{"aaaa"});
}

TEST_CASE("query - list_records checks the flags, writes the matches and says when none match", "[query]") {
  test_repo t;
  fill(t);
  repo r = t.open("alex");
  store s(r);
  writer_options wo;
  wo.cfg = &r.config();

  list_request req;
  req.kind = "choice";
  string_sink csv;
  list_result listed = list_records(s, req, record_format::csv, wo, csv);
  CHECK(listed.count == 2);
  CHECK(listed.empty_note.empty());
  CHECK(csv.str().find("thai food") != std::string::npos);
  CHECK(csv.str().find("pizza") != std::string::npos);
  CHECK(csv.str().find("laundry") == std::string::npos);

  list_request none;
  none.grep = "no such words";
  string_sink text;
  CHECK(list_records(s, none, record_format::text, wo, text).empty_note == "no entries in the repository match");
  list_request checkins;
  checkins.type = record_type::checkin;
  string_sink empty;
  CHECK(list_records(s, checkins, record_format::text, wo, empty).empty_note == "no check-ins in the repository");
  // Other formats say nothing: an empty list is their answer.
  string_sink json;
  CHECK(list_records(s, checkins, record_format::json, wo, json).empty_note.empty());
  CHECK(json.str() == "[]\n");
}

TEST_CASE("query - query_for names the flag of a bad person, tag or kind", "[query]") {
  test_repo t;
  repo r = t.open("alex");
  list_request who;
  who.who = "robin";
  CHECK(balance_test::caught([&] { (void)query_for(r, who); }).kind() == errc::usage);
  list_request sam;
  sam.who = "sam";
  CHECK(query_for(r, sam).who == "sam");
  list_request tag;
  tag.tags = {"Not A Tag"};
  CHECK(std::string(balance_test::caught([&] { (void)query_for(r, tag); }).what()) ==
        "--tag Not A Tag: tags use only a-z, 0-9, _ and -");
  list_request kind;
  kind.kind = "chores";
  CHECK(std::string(balance_test::caught([&] { (void)query_for(r, kind); }).what()).starts_with("--kind chores: not a kind"));
  list_request boundaries;
  boundaries.type = record_type::boundary;
  CHECK(query_for(r, boundaries).active_only);
  boundaries.all = true;
  CHECK_FALSE(query_for(r, boundaries).active_only);
}
