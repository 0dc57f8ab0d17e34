#include <catch2/catch.hpp>

#include "balance/error.hpp"
#include "record_file.hpp"
#include "balance/settings.hpp"
#include "unit/test_support.hpp"

using namespace balance;

namespace {

settings couple() {
  settings s;
  s.people = {"alex", "sam"};
  s.timezone = "Europe/Berlin";
  return s;
}

parsed_file parse(const std::string& text, const std::string& path, bool strict = false) {
  static const settings cfg = couple();
  static const zone berlin = zone::locate("Europe/Berlin");
  auto role = role_of_path(path);
  REQUIRE(role);
  return parse_record_file(text, path, *role, read_options{&cfg, &berlin, strict});
}

std::string first_problem(const parsed_file& f) {
  REQUIRE_FALSE(f.problems.empty());
  return f.problems.front().to_string();
}

const std::string two_entries =
    "# Sam's ledger for November, kept by hand too.\n"
    "\n"
    "[[entry]]\n"
    "id = \"aaaaaaaaaaaa\"\n"
    "at = 2026-11-02T08:00:00+01:00\n"
    "who = \"sam\"\n"
    "kind = \"chore\"\n"
    "what = \"bins\"   # every Monday\n"
    "\n"
    "# the big shop\n"
    "[[entry]]\n"
    "id = \"cccccccccccc\"\n"
    "at = 2026-11-20T18:00:00+01:00\n"
    "who = \"sam\"\n"
    "kind = \"chore\"\n"
    "what = \"groceries\"\n";

}  // namespace

TEST_CASE("record file - the path says type, author, privacy and month", "[record_file]") {
  auto role = role_of_path("private/checkins/alex/2026-11.toml");
  REQUIRE(role);
  CHECK(role->type == record_type::checkin);
  CHECK(role->author == "alex");
  CHECK(role->is_private);
  CHECK(role->month == month{2026, 11});
  auto owner = role_of_path("boundaries/sam.toml");
  REQUIRE(owner);
  CHECK(owner->type == record_type::boundary);
  CHECK_FALSE(owner->month);
  CHECK(role_of_path("boundaries/sam/2026-01.toml")->type == record_type::event);
  CHECK_FALSE(role_of_path("ledger/sam/2026-13.toml"));
  CHECK_FALSE(role_of_path("ledger/Sam/2026-11.toml"));
  CHECK_FALSE(role_of_path("ledger/sam/notes.txt"));
  CHECK_FALSE(role_of_path("ledger/../x/2026-11.toml"));
}

TEST_CASE("record file - canonical writer uses the DESIGN key order", "[record_file]") {
  record r = balance_test::make_entry("3f9a1c0d2e4b", "2026-11-22T19:30:00+01:00", "sam", "choice", "Thai \"takeaway\"");
  r.topic = "dinner";
  r.weight = 0.5;
  r.minutes = 20;
  r.for_whom = "alex";
  r.tags = {"food", "weekday"};
  r.note = "two lines\nof note";
  CHECK(record_to_toml(r) ==
        "[[entry]]\n"
        "id = \"3f9a1c0d2e4b\"\n"
        "at = 2026-11-22T19:30:00+01:00\n"
        "who = \"sam\"\n"
        "kind = \"choice\"\n"
        "what = \"Thai \\\"takeaway\\\"\"\n"
        "topic = \"dinner\"\n"
        "weight = 0.5\n"
        "minutes = 20\n"
        "for = \"alex\"\n"
        "tags = [\"food\", \"weekday\"]\n"
        "note = \"two lines\\nof note\"\n");
}

TEST_CASE("record file - a rating of 6 is reported at its value", "[record_file]") {
  auto f = parse(
      "[[checkin]]\n"
      "id = \"0123456789ab\"\n"
      "at = 2026-11-22T19:30:00+01:00\n"
      "who = \"alex\"\n"
      "heard = 6\n",
      "checkins/alex/2026-11.toml");
  CHECK(first_problem(f) == "checkins/alex/2026-11.toml:5:9: rating 6 is out of range 1–5");
}

TEST_CASE("record file - 4.0 and true are not ratings", "[record_file]") {
  auto f = parse(
      "[[checkin]]\n"
      "id = \"0123456789ab\"\n"
      "at = 2026-11-22T19:30:00+01:00\n"
      "who = \"alex\"\n"
      "heard = 4.0\n"
      "kind = true\n",
      "checkins/alex/2026-11.toml");
  REQUIRE(f.problems.size() == 2);
  CHECK(f.problems[0].to_string() == "checkins/alex/2026-11.toml:5:9: heard must be a whole number, not a number");
  CHECK(f.problems[1].to_string() == "checkins/alex/2026-11.toml:6:8: kind must be a whole number, not a boolean");
}

TEST_CASE("record file - a local date-time without offset is read in the repo zone", "[record_file]") {
  auto f = parse(
      "[[entry]]\n"
      "id = \"0123456789ab\"\n"
      "at = 2026-07-01T12:00:00\n"
      "who = \"sam\"\n"
      "kind = \"solo\"\n"
      "what = \"climbing\"\n",
      "ledger/sam/2026-07.toml");
  REQUIRE(f.problems.empty());
  CHECK(format_timestamp(f.records.at(0).at) == "2026-07-01T12:00:00+02:00");
}

TEST_CASE("record file - a hand-written time in a DST gap is an error naming the zone", "[record_file]") {
  auto f = parse(
      "[[entry]]\n"
      "id = \"0123456789ab\"\n"
      "at = 2026-03-29T02:30:00\n"
      "who = \"sam\"\n"
      "kind = \"solo\"\n"
      "what = \"run\"\n",
      "ledger/sam/2026-03.toml");
  CHECK_THAT(first_problem(f), Catch::StartsWith("ledger/sam/2026-03.toml:3:6: at:") && Catch::Contains("Europe/Berlin"));
}

TEST_CASE("record file - out-of-range offsets and impossible dates are errors with positions", "[record_file]") {
  auto offset = parse(
      "[[entry]]\nid = \"0123456789ab\"\nat = 2026-11-02T08:00:00+25:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"x\"\n",
      "ledger/sam/2026-11.toml");
  CHECK_THAT(first_problem(offset), Catch::StartsWith("ledger/sam/2026-11.toml:3:"));
  auto feb30 = parse(
      "[[entry]]\nid = \"0123456789ab\"\nat = 2026-02-30T08:00:00+01:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"x\"\n",
      "ledger/sam/2026-02.toml");
  CHECK_THAT(first_problem(feb30), Catch::StartsWith("ledger/sam/2026-02.toml:3:"));
}

TEST_CASE("record file - a record in the wrong month file names the right one", "[record_file]") {
  // 00:30 local on 1 November is still October in UTC: the local month decides.
  auto ok = parse(
      "[[entry]]\nid = \"0123456789ab\"\nat = 2026-11-01T00:30:00+01:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"x\"\n",
      "ledger/sam/2026-11.toml");
  CHECK(ok.problems.empty());
  auto wrong = parse(
      "[[entry]]\nid = \"0123456789ab\"\nat = 2026-10-31T23:30:00+01:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"x\"\n",
      "ledger/sam/2026-11.toml");
  CHECK(first_problem(wrong) ==
        "ledger/sam/2026-11.toml:3:6: at 2026-10-31T23:30:00+01:00 belongs in ledger/sam/2026-10.toml, not in this file");
}

TEST_CASE("record file - a check-in must be by its file's author", "[record_file]") {
  auto f = parse("[[checkin]]\nid = \"0123456789ab\"\nat = 2026-11-22T19:30:00+01:00\nwho = \"sam\"\nheard = 3\n",
                 "checkins/alex/2026-11.toml");
  CHECK_THAT(first_problem(f), Catch::StartsWith("checkins/alex/2026-11.toml:4:7: who = \"sam\""));
}

TEST_CASE("record file - safe is refused outside private check-ins", "[record_file]") {
  std::string text = "[[checkin]]\nid = \"0123456789ab\"\nat = 2026-11-22T19:30:00+01:00\nwho = \"alex\"\nsafe = 2\n";
  CHECK_THAT(first_problem(parse(text, "checkins/alex/2026-11.toml")), Catch::Contains("safe goes only in private check-ins"));
  CHECK(parse(text, "private/checkins/alex/2026-11.toml").problems.empty());
}

TEST_CASE("record file - duplicate ids in one file are reported at the second", "[record_file]") {
  std::string text = two_entries;
  text.replace(text.find("cccccccccccc"), 12, "aaaaaaaaaaaa");
  auto f = parse(text, "ledger/sam/2026-11.toml");
  CHECK(first_problem(f) == "ledger/sam/2026-11.toml:12:6: id aaaaaaaaaaaa appears twice in this file (first at line 3)");
}

TEST_CASE("record file - unknown keys warn, or fail in strict mode, and survive a rewrite", "[record_file]") {
  std::string text =
      "[[entry]]\nid = \"0123456789ab\"\nat = 2026-11-02T08:00:00+01:00\nwho = \"sam\"\nkind = \"chore\"\n"
      "what = \"x\"\nwieght = 2\nmood = { a = 1 }\n";
  auto lenient = parse(text, "ledger/sam/2026-11.toml");
  CHECK(lenient.problems.empty());
  REQUIRE(lenient.warnings.size() == 2);
  CHECK(lenient.warnings[0].to_string() ==
        "ledger/sam/2026-11.toml:7:1: unknown key \"wieght\" in [[entry]] (did you mean \"weight\"?)");
  auto strict = parse(text, "ledger/sam/2026-11.toml", true);
  CHECK(strict.problems.size() == 2);

  record edited = lenient.records.at(0);
  edited.what = "y";
  std::string out = splice_replace(text, lenient, 0, edited);
  CHECK_THAT(out, Catch::Contains("wieght = 2\n") && Catch::Contains("mood = { a = 1 }\n") &&
                      Catch::Contains("what = \"y\"\n"));
}

TEST_CASE("record file - prechecks refuse pathological input before toml++ sees it", "[record_file]") {
  std::string dotted = "a";
  for (int i = 0; i < 100000; ++i) dotted += ".a";
  auto key = precheck_toml(dotted + " = 1\n", "f.toml");
  REQUIRE(key);
  CHECK(key->to_string() == "f.toml:1:2: key has more than 64 dotted parts");
  auto header = precheck_toml("[" + dotted + "]\n", "f.toml");
  REQUIRE(header);
  CHECK_THAT(header->message, Catch::Contains("dotted parts"));
  auto quoted_dots = precheck_toml("note = \"" + dotted + "\"\n", "f.toml");
  CHECK_FALSE(quoted_dots);  // dots inside strings are text, not key parts

  std::string deep(100000, '[');
  auto nested = precheck_toml("x = " + deep + "\n", "f.toml");
  REQUIRE(nested);
  CHECK_THAT(nested->message, Catch::Contains("nested"));

  auto nul = precheck_toml(std::string("a = 1\nb = \"x\0y\"\n", 14), "f.toml");
  REQUIRE(nul);
  CHECK(nul->to_string() == "f.toml:2:7: file contains a NUL byte");

  auto conflict = precheck_toml("[[entry]]\n<<<<<<< ours\nwhat = \"a\"\n=======\nwhat = \"b\"\n>>>>>>> theirs\n", "f.toml");
  REQUIRE(conflict);
  CHECK_THAT(conflict->to_string(), Catch::StartsWith("f.toml:2:1: unresolved merge conflict marker"));
}

TEST_CASE("record file - syntax errors carry toml++'s position", "[record_file]") {
  auto unterminated = parse("[[entry]]\nid = \"0123456789ab\nwhat = 1\n", "ledger/sam/2026-11.toml");
  CHECK_THAT(first_problem(unterminated), Catch::StartsWith("ledger/sam/2026-11.toml:2:"));
  auto lone_bracket = parse("[\n", "ledger/sam/2026-11.toml");
  CHECK_THAT(first_problem(lone_bracket), Catch::StartsWith("ledger/sam/2026-11.toml:1:"));
  auto bad_utf8 = parse("[[entry]]\nwhat = \"\xff\xfe\"\n", "ledger/sam/2026-11.toml");
  CHECK_THAT(first_problem(bad_utf8), Catch::StartsWith("ledger/sam/2026-11.toml:2:"));
  auto lone_cr = parse("[[entry]]\rwhat = 1\n", "ledger/sam/2026-11.toml");
  CHECK_FALSE(lone_cr.problems.empty());
}

TEST_CASE("record file - records of another type in a file are refused", "[record_file]") {
  auto f = parse("[[checkin]]\nid = \"0123456789ab\"\n", "ledger/sam/2026-11.toml");
  CHECK(first_problem(f) == "ledger/sam/2026-11.toml:1:3: unexpected \"checkin\" in a file of [[entry]] records");
}

TEST_CASE("record file - insert splices at the sorted place and keeps every other byte", "[record_file]") {
  auto f = parse(two_entries, "ledger/sam/2026-11.toml");
  REQUIRE(f.problems.empty());
  record mid = balance_test::make_entry("bbbbbbbbbbbb", "2026-11-10T12:00:00+01:00", "sam", "chore", "laundry");
  std::string out = splice_insert(two_entries, f, {mid});
  CHECK(out ==
        "# Sam's ledger for November, kept by hand too.\n"
        "\n"
        "[[entry]]\n"
        "id = \"aaaaaaaaaaaa\"\n"
        "at = 2026-11-02T08:00:00+01:00\n"
        "who = \"sam\"\n"
        "kind = \"chore\"\n"
        "what = \"bins\"   # every Monday\n"
        "\n"
        "[[entry]]\n"
        "id = \"bbbbbbbbbbbb\"\n"
        "at = 2026-11-10T12:00:00+01:00\n"
        "who = \"sam\"\n"
        "kind = \"chore\"\n"
        "what = \"laundry\"\n"
        "\n"
        "# the big shop\n"
        "[[entry]]\n"
        "id = \"cccccccccccc\"\n"
        "at = 2026-11-20T18:00:00+01:00\n"
        "who = \"sam\"\n"
        "kind = \"chore\"\n"
        "what = \"groceries\"\n");
  // The result parses, in order.
  auto again = parse(out, "ledger/sam/2026-11.toml");
  REQUIRE(again.records.size() == 3);
  CHECK(again.records[1].id == "bbbbbbbbbbbb");
}

TEST_CASE("record file - insert at the end and into an empty file", "[record_file]") {
  record late = balance_test::make_entry("dddddddddddd", "2026-11-29T12:00:00+01:00", "sam", "chore", "bathroom");
  auto f = parse(two_entries, "ledger/sam/2026-11.toml");
  CHECK(splice_insert(two_entries, f, {late}) == two_entries + "\n" + record_to_toml(late));
  auto empty = parse("", "ledger/sam/2026-11.toml");
  CHECK(splice_insert("", empty, {late}) == record_to_toml(late));
  // A file without a final newline gets one before the new record.
  std::string unterminated = two_entries.substr(0, two_entries.size() - 1);
  auto u = parse(unterminated, "ledger/sam/2026-11.toml");
  CHECK(splice_insert(unterminated, u, {late}) == two_entries + "\n" + record_to_toml(late));
}

TEST_CASE("record file - many inserts land in one pass, each at its place", "[record_file]") {
  auto f = parse(two_entries, "ledger/sam/2026-11.toml");
  std::vector<record> added = {
      balance_test::make_entry("eeeeeeeeeeee", "2026-11-30T12:00:00+01:00", "sam"),
      balance_test::make_entry("000000000000", "2026-11-01T12:00:00+01:00", "sam"),
      balance_test::make_entry("bbbbbbbbbbbb", "2026-11-10T12:00:00+01:00", "sam"),
  };
  auto out = parse(splice_insert(two_entries, f, added), "ledger/sam/2026-11.toml");
  REQUIRE(out.problems.empty());
  std::vector<std::string> ids;
  for (const auto& r : out.records) ids.push_back(r.id);
  CHECK(ids == std::vector<std::string>{"000000000000", "aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc", "eeeeeeeeeeee"});
}

TEST_CASE("record file - replace changes only that record's lines", "[record_file]") {
  auto f = parse(two_entries, "ledger/sam/2026-11.toml");
  record r = f.records.at(0);
  r.what = "bins and recycling";
  std::string expected = two_entries;
  expected.replace(expected.find("what = \"bins\"   # every Monday"), 30, "what = \"bins and recycling\"");
  CHECK(splice_replace(two_entries, f, 0, r) == expected);
}

TEST_CASE("record file - remove takes the record and its own comment, nothing else", "[record_file]") {
  auto f = parse(two_entries, "ledger/sam/2026-11.toml");
  CHECK(splice_remove(two_entries, f, 1) ==
        "# Sam's ledger for November, kept by hand too.\n"
        "\n"
        "[[entry]]\n"
        "id = \"aaaaaaaaaaaa\"\n"
        "at = 2026-11-02T08:00:00+01:00\n"
        "who = \"sam\"\n"
        "kind = \"chore\"\n"
        "what = \"bins\"   # every Monday\n");
  CHECK(splice_remove(two_entries, f, 0) ==
        "# Sam's ledger for November, kept by hand too.\n"
        "\n"
        "# the big shop\n"
        "[[entry]]\n"
        "id = \"cccccccccccc\"\n"
        "at = 2026-11-20T18:00:00+01:00\n"
        "who = \"sam\"\n"
        "kind = \"chore\"\n"
        "what = \"groceries\"\n");
}

TEST_CASE("record file - a multi-line string is part of its record", "[record_file]") {
  std::string text =
      "[[entry]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-11-02T08:00:00+01:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"x\"\n"
      "note = \"\"\"\n# not a comment\n[[entry]] not a header\"\"\"\n"
      "\n"
      "[[entry]]\nid = \"cccccccccccc\"\nat = 2026-11-20T18:00:00+01:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"y\"\n";
  auto f = parse(text, "ledger/sam/2026-11.toml");
  REQUIRE(f.problems.empty());
  REQUIRE(f.records.size() == 2);
  CHECK(f.spans[0].last_line == 8);
  std::string out = splice_remove(text, f, 0);
  CHECK(out == "[[entry]]\nid = \"cccccccccccc\"\nat = 2026-11-20T18:00:00+01:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"y\"\n");
}

TEST_CASE("record file - BOM and CRLF are valid and kept byte for byte", "[record_file]") {
  std::string crlf;
  for (char c : two_entries) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  std::string text = "\xEF\xBB\xBF" + crlf;
  auto f = parse(text, "ledger/sam/2026-11.toml");
  REQUIRE(f.problems.empty());
  REQUIRE(f.records.size() == 2);
  record mid = balance_test::make_entry("bbbbbbbbbbbb", "2026-11-10T12:00:00+01:00", "sam", "chore", "laundry");
  std::string out = splice_insert(text, f, {mid});
  CHECK(out.starts_with("\xEF\xBB\xBF# Sam's ledger"));
  CHECK(out.find("what = \"laundry\"\r\n") != std::string::npos);
  CHECK(out.find('\n') == out.find("\r\n") + 1);
  // Every LF is part of a CRLF.
  for (std::size_t i = 0; i < out.size(); ++i)
    if (out[i] == '\n') REQUIRE(out[i - 1] == '\r');
  auto removed = splice_remove(out, parse(out, "ledger/sam/2026-11.toml"), 1);
  CHECK(removed == text);
}
