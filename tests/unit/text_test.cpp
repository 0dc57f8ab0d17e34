#include <catch2/catch.hpp>

#include "balance/text.hpp"

using namespace balance;

TEST_CASE("text - names are lowercase letters, digits, _ and -", "[text]") {
  CHECK(is_valid_name("sam"));
  CHECK(is_valid_name("alex-2_b"));
  CHECK_FALSE(is_valid_name(""));
  CHECK_FALSE(is_valid_name("Sam"));
  CHECK_FALSE(is_valid_name("a/b"));
  CHECK_FALSE(is_valid_name("a b"));
}

TEST_CASE("text - did-you-mean finds typos and prefixes, not strangers", "[text]") {
  std::vector<std::string> commands = {"checkin", "ledger", "boundaries", "report", "remind"};
  CHECK(closest_match("ledgr", commands) == "ledger");
  CHECK(closest_match("chekcin", commands) == "checkin");  // transposition
  const std::vector<std::string> questions = {"heard", "space", "honest", "shared"};
  CHECK(closest_match("hread", questions) == "heard");  // the same letters in another order
  CHECK(closest_match("sapce", questions) == "space");
  CHECK_FALSE(closest_match("dare", questions));  // too short to be sure
  CHECK(closest_match("bound", commands) == "boundaries");
  CHECK_FALSE(closest_match("zzz", commands));
  CHECK_FALSE(closest_match("ledger", commands));  // an exact match is not a suggestion
  CHECK(closest_match("Ledger", commands) == "ledger");  // names are lowercase: the other case is a slip
  CHECK(did_you_mean("Sam", std::vector<std::string>{"alex", "sam"}) == " (did you mean \"sam\"?)");
  CHECK(did_you_mean("remnid", commands) == " (did you mean \"remind\"?)");
  CHECK(did_you_mean("qqqqqq", commands).empty());
}

TEST_CASE("text - UTF-8 validation and control characters", "[text]") {
  CHECK(is_valid_utf8("Grüße 💛"));
  CHECK_FALSE(is_valid_utf8("\xc0\xaf"));      // overlong
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));  // surrogate
  CHECK_FALSE(text_problem("line one\nline\ttwo"));
  CHECK(text_problem("\x1b[2J") == "text contains the control character U+001B");
  CHECK(text_problem("\xff") == "text is not valid UTF-8");
}

TEST_CASE("text - terminal escapes in notes are neutralised", "[text]") {
  CHECK(escape_for_terminal("hi\x1b[31mred\x1b[0m") == "hi\\x1b[31mred\\x1b[0m");
  CHECK(escape_for_terminal("tab\tand\nnewline") == "tab\tand\nnewline");
  CHECK(escape_for_terminal("\xc2\x9b" "c1") == "\\x9bc1");  // C1 CSI
  CHECK(escape_for_terminal("bad \xff byte") == "bad \\xff byte");
}

TEST_CASE("text - widths count columns, and cutting adds an ellipsis", "[text]") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("Grüße") == 5);
  CHECK(display_width("日本") == 4);
  CHECK(truncate_to_width("groceries and bins", 10) == "groceries…");
  CHECK(truncate_to_width("short", 10) == "short");
  CHECK(display_width(truncate_to_width("日本語の文章", 5)) <= 5);
}
