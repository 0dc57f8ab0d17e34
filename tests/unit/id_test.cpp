#include <catch2/catch.hpp>

#include <set>

#include "balance/id.hpp"

using namespace balance;

TEST_CASE("id - a new id is 12 lowercase hex digits, different every time", "[id]") {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string id = new_id();
    CHECK(id.size() == id_length);
    CHECK(is_valid_id(id));
    CHECK(is_valid_id_prefix(id));
    seen.insert(id);
  }
  CHECK(seen.size() == 200);
}

TEST_CASE("id - valid ids are exactly 12 lowercase hex digits", "[id]") {
  CHECK(id_length == 12);
  CHECK(is_valid_id("0123456789ab"));
  CHECK(is_valid_id("ffffffffffff"));
  CHECK_FALSE(is_valid_id("0123456789a"));    // 11
  CHECK_FALSE(is_valid_id("0123456789abc"));  // 13
  CHECK_FALSE(is_valid_id("0123456789AB"));   // upper case
  CHECK_FALSE(is_valid_id("0123456789ag"));   // not hex
  CHECK_FALSE(is_valid_id("0123456789a "));
  CHECK_FALSE(is_valid_id(""));
  CHECK_FALSE(is_valid_id(std::string_view("0123456789a\0", 12)));
}

TEST_CASE("id - a prefix is 4 to 12 lowercase hex digits", "[id]") {
  CHECK(min_id_prefix == 4);
  CHECK(is_valid_id_prefix("abcd"));
  CHECK(is_valid_id_prefix("3f9a1c0"));
  CHECK(is_valid_id_prefix("0123456789ab"));
  CHECK_FALSE(is_valid_id_prefix("abc"));
  CHECK_FALSE(is_valid_id_prefix(""));
  CHECK_FALSE(is_valid_id_prefix("0123456789abc"));
  CHECK_FALSE(is_valid_id_prefix("ABCD"));
  CHECK_FALSE(is_valid_id_prefix("abcx"));
  CHECK_FALSE(is_valid_id_prefix("-abc"));
  CHECK_FALSE(is_valid_id_prefix("ab cd"));
}
