#include <catch2/catch.hpp>

#include "balance/error.hpp"

using namespace balance;

TEST_CASE("error - every kind has its sysexits status", "[error]") {
  CHECK(exit_code(errc::usage) == 64);
  CHECK(exit_code(errc::data) == 65);
  CHECK(exit_code(errc::no_input) == 66);
  CHECK(exit_code(errc::internal) == 70);
  CHECK(exit_code(errc::cannot_create) == 73);
  CHECK(exit_code(errc::io) == 74);
  CHECK(exit_code(errc::lock) == 75);
  CHECK(exit_code(errc::permission) == 77);
  CHECK(exit_code(errc::config) == 78);
}

TEST_CASE("error - a diagnostic leaves out the line and column it does not know", "[error]") {
  CHECK(diagnostic({"ledger/sam/2026-11.toml", 3, 7}, "bad").to_string() == "ledger/sam/2026-11.toml:3:7: bad");
  CHECK(diagnostic({"ledger/sam/2026-11.toml", 3, 0}, "bad").to_string() == "ledger/sam/2026-11.toml:3: bad");
  CHECK(diagnostic({"balance.toml", 0, 0}, "bad").to_string() == "balance.toml: bad");
  CHECK(diagnostic({"", 0, 0}, "bad").to_string() == "bad");
}

TEST_CASE("error - data errors keep every problem, in order, one per line in the message", "[error]") {
  error one(errc::data, diagnostic{{"a.toml", 1, 2}, "first"});
  CHECK(one.kind() == errc::data);
  REQUIRE(one.problems().size() == 1);
  CHECK(std::string(one.what()) == "a.toml:1:2: first");
  error many(errc::data, std::vector<diagnostic>{{{"a.toml", 1, 2}, "first"}, {{"b.toml", 4, 1}, "second"}});
  REQUIRE(many.problems().size() == 2);
  CHECK(many.problems()[1].to_string() == "b.toml:4:1: second");
  CHECK(std::string(many.what()) == "a.toml:1:2: first\nb.toml:4:1: second");
  error plain(errc::io, "cannot write");
  CHECK(plain.problems().empty());
  CHECK(std::string(plain.what()) == "cannot write");
  CHECK_THROWS_AS(throw_usage("x"), error);
  try {
    throw_data({"c.toml", 2, 3}, "broken");
  } catch (const error& e) {
    CHECK(e.kind() == errc::data);
    CHECK(std::string(e.what()) == "c.toml:2:3: broken");
  }
}
