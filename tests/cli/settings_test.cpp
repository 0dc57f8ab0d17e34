#include <catch2/catch.hpp>

#include <string>

#include "cli/harness.hpp"

using balance_test::result;
using balance_test::sandbox;

TEST_CASE("settings: init writes an id that later commands accept without a warning", "[settings]") {
  sandbox s;
  s.init_couple();
  std::string text = s.read("balance.toml");
  auto at = text.find("\nid = \"");
  REQUIRE(at != std::string::npos);
  CHECK(text.substr(at + 7, 13).find('"') == 12);  // twelve characters, then the closing quote
  result r = s.run("balance-ledger", {"add", "chore", "bins"});
  CHECK(r.status == 0);
  CHECK_THAT(r.err, Catch::StartsWith("added entry"));
  r = s.run("balance-ledger", {"list"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(s.run("balance", {"check"}).status == 0);
}
