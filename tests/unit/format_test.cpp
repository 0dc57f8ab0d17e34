#include <catch2/catch.hpp>

#include "balance/error.hpp"
#include "balance/format.hpp"
#include "balance/import.hpp"
#include "balance/settings.hpp"
#include "balance/text.hpp"
#include "unit/test_support.hpp"

using namespace balance;

namespace {

settings couple() {
  settings s;
  s.people = {"alex", "sam"};
  return s;
}

std::string write_all(record_format f, const std::vector<record>& records, record_type type = record_type::entry) {
  static const settings cfg = couple();
  string_sink out;
  writer_options opts;
  opts.cfg = &cfg;
  auto w = make_record_writer(f, type, out, opts);
  for (const auto& r : records) w->write(r);
  w->finish();
  return out.str();
}

std::vector<record> sample() {
  record a = balance_test::make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam", "chore", "bins, \"big\" ones");
  a.tags = {"house", "weekly"};
  record b = balance_test::make_entry("bbbbbbbbbbbb", "2026-11-03T09:15:00+01:00", "alex", "choice", "Thai");
  b.note = "line one\nline two";
  b.is_private = true;
  return {a, b};
}

}  // namespace

TEST_CASE("format - json is one array of objects with type, author and private", "[format]") {
  std::string json = write_all(record_format::json, sample());
  CHECK_THAT(json, Catch::StartsWith("[\n  {\"type\":\"entry\",\"id\":\"aaaaaaaaaaaa\",\"at\":\"2026-11-02T08:00:00+01:00\""));
  CHECK_THAT(json, Catch::Contains("\"tags\":[\"house\",\"weekly\"],\"author\":\"sam\",\"private\":false}"));
  CHECK_THAT(json, Catch::Contains("\"note\":\"line one\\nline two\""));
  CHECK(write_all(record_format::json, {}) == "[]\n");
}

TEST_CASE("format - csv quotes per RFC 4180 and joins tags with spaces", "[format]") {
  std::string csv = write_all(record_format::csv, sample());
  CHECK_THAT(csv, Catch::StartsWith("id,at,who,kind,what,topic,weight,minutes,for,tags,note,author,private\r\n"));
  // The default weight is spelled out for scripts.
  CHECK_THAT(csv, Catch::Contains("aaaaaaaaaaaa,2026-11-02T08:00:00+01:00,sam,chore,\"bins, \"\"big\"\" ones\",,1,,,house weekly,,sam,false\r\n"));
  CHECK_THAT(csv, Catch::Contains("\"line one\nline two\",alex,true\r\n"));
}

TEST_CASE("format - tsv escapes tabs and newlines", "[format]") {
  std::string tsv = write_all(record_format::tsv, sample());
  CHECK_THAT(tsv, Catch::Contains("line one\\nline two\talex\ttrue\n"));
}

TEST_CASE("format - toml lists read back as the same records, private ones marked", "[format]") {
  auto records = sample();
  std::string toml = write_all(record_format::toml, records);
  CHECK_THAT(toml, Catch::Contains("private = true\n"));
  auto back = read_import(toml, "<stdin>", record_type::entry, couple());
  REQUIRE(back.size() == 2);
  CHECK(back[0].same_content(records[0]));
  CHECK(back[1].same_content(records[1]));
  CHECK(back[1].is_private);
}

TEST_CASE("format - json and csv read back as the same records", "[format]") {
  auto records = sample();
  for (record_format f : {record_format::json, record_format::csv}) {
    auto back = read_import(write_all(f, records), "<stdin>", record_type::entry, couple());
    REQUIRE(back.size() == 2);
    CHECK(back[0].same_content(records[0]));
    CHECK(back[1].same_content(records[1]));
    CHECK(back[1].author == "alex");
  }
}

TEST_CASE("format - import errors name the source and the record", "[format]") {
  auto cfg = couple();
  try {
    read_import("[{\"type\":\"entry\",\"at\":\"2026-11-02T08:00:00+01:00\",\"who\":\"sam\",\"kind\":\"chore\",\"what\":\"x\",\"weight\":-1}]",
                "in.json", record_type::entry, cfg);
    FAIL("expected a data error");
  } catch (const error& e) {
    CHECK(e.kind() == errc::data);
    CHECK(std::string(e.what()) == "in.json: record 1: weight must be a positive number, not -1");
  }
  CHECK_THROWS_WITH(read_import("[{\"type\":\"checkin\"}]", "in.json", record_type::entry, cfg),
                    Catch::Contains("cannot be imported here"));
  CHECK_THROWS_WITH(read_import("[{,]", "in.json", record_type::entry, cfg), Catch::StartsWith("in.json:1:"));
  // Found by fuzz_import: a number too large for a double is a data error with its place, not a crash.
  CHECK_THROWS_WITH(read_import("[{\"kind\":\"chore\",\n \"minutes\":4e2222222222}]", "in.json", record_type::entry, cfg),
                    "in.json:2:12: invalid JSON: number overflow parsing '4e2222222222'");
  CHECK_THROWS_WITH(read_import("id,at,wat\n", "in.csv", record_type::entry, cfg),
                    Catch::Contains("column \"wat\" is not a field of an entry (did you mean \"what\"?)"));
  CHECK_THROWS_WITH(read_import("[[checkin]]\nid = \"0123456789ab\"\nat = 2026-11-02T08:00:00+01:00\nwho = \"sam\"\nheard = 3\n",
                                "in.toml", record_type::entry, cfg),
                    Catch::Contains("cannot be imported here"));
}

TEST_CASE("format - import defaults fill at and who in every format, never whose act it was", "[format][import]") {
  auto cfg = couple();
  record_defaults d{parse_timestamp("2026-11-22T21:00:00+01:00"), "alex"};
  for (const std::string text : {"[{\"kind\":\"chore\",\"what\":\"x\"}]", "kind,what\nchore,x\n", "kind\twhat\nchore\tx\n",
                                 "[[entry]]\nkind = \"chore\"\nwhat = \"x\"\n"}) {
    auto records = read_import(text, "in", record_type::entry, cfg, &d);
    REQUIRE(records.size() == 1);
    CHECK(records[0].who == "alex");
    CHECK(format_timestamp(records[0].at) == "2026-11-22T21:00:00+01:00");
    // Without defaults, at is still required.
    CHECK_THROWS_WITH(read_import(text, "in", record_type::entry, cfg), Catch::Contains("at is required"));
  }
  auto kept = read_import("at,who,kind,what\n2026-11-02T08:00:00+01:00,sam,chore,x\n", "in", record_type::entry, cfg, &d);
  CHECK(kept[0].who == "sam");
  CHECK(format_timestamp(kept[0].at) == "2026-11-02T08:00:00+01:00");
  // Boundaries come with their events; a crossed event must say whose act it was.
  auto events = read_import("kind,boundary,who\nreviewed,0123456789ab,\n", "in", record_type::boundary, cfg, &d);
  CHECK(events[0].type == record_type::event);
  CHECK(events[0].who == "alex");
  CHECK_THROWS_WITH(read_import("kind,boundary\ncrossed,0123456789ab\n", "in", record_type::boundary, cfg, &d),
                    Catch::Contains("who is required: a crossed event names whose act it was"));
  CHECK_THROWS_WITH(read_import("[[event]]\nkind = \"space\"\n", "in", record_type::entry, cfg, &d),
                    Catch::Contains("a [[event]] record cannot be imported here"));
}

TEST_CASE("format - text tables fit 80 columns and neutralise escapes", "[format]") {
  record r = balance_test::make_entry("aaaaaaaaaaaa", "2026-11-02T08:00:00+01:00", "sam", "chore",
                                      std::string(200, 'x') + "\x1b[2J");
  std::string text = write_all(record_format::text, {r});
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    CHECK(display_width(text.substr(start, nl - start)) <= 80);
    start = nl + 1;
  }
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK_THAT(text, Catch::StartsWith("ID       WHEN              WHO  KIND   WHAT"));
}

TEST_CASE("format - --format values are checked with a suggestion", "[format]") {
  CHECK(parse_format("json", {format::text, format::json}) == format::json);
  CHECK_THROWS_WITH(parse_format("jsno", {format::text, format::json}),
                    Catch::Contains("use one of text, json (did you mean \"json\"?)"));
}

TEST_CASE("format - write_shown_record: json, toml that reads back with its privacy, or details", "[format]") {
  record r = balance_test::make_entry("aaaa00000001", "2026-11-20T18:00:00+01:00", "alex", "chore", "dishes");
  r.is_private = true;
  r.path = "private/ledger/alex/2026-11.toml";
  string_sink toml;
  write_shown_record(record_format::toml, r, "/elsewhere/ledger/alex/2026-11.toml", style{}, toml);
  CHECK(toml.str().starts_with("[[entry]]\nid = \"aaaa00000001\"\n"));
  CHECK(toml.str().ends_with("private = true\n"));
  string_sink json;
  write_shown_record(record_format::json, r, "", style{}, json);
  CHECK(json.str() == record_to_json(r) + "\n");
  string_sink text;
  write_shown_record(record_format::text, r, "/elsewhere/ledger/alex/2026-11.toml", style{}, text);
  CHECK(text.str().starts_with("entry aaaa00000001  (/elsewhere/ledger/alex/2026-11.toml, private)\n"));
}

TEST_CASE("format - record formats parse from --format values, and others are refused by name", "[format]") {
  CHECK(parse_record_format("tsv", {record_format::text, record_format::tsv}) == record_format::tsv);
  CHECK(to_format(record_format::csv) == format::csv);
  try {
    (void)parse_record_format("markdown", {record_format::text, record_format::json});
    FAIL("markdown was taken as a record format");
  } catch (const error& e) {
    CHECK(e.kind() == errc::usage);
    CHECK(std::string(e.what()) == "--format markdown: use one of text, json");
  }
  record r = balance_test::make_entry("aaaa00000001", "2026-11-20T18:00:00+01:00");
  string_sink out;
  CHECK_THROWS_AS(write_shown_record(record_format::csv, r, "", style{}, out), error);
  CHECK(out.str().empty());
}
