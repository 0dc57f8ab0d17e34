#include <catch2/catch.hpp>

#include "balance/git.hpp"

using namespace balance;

TEST_CASE("merge driver - balance's own commits are recognised by their subject", "[git]") {
  CHECK(is_balance_commit("balance-ledger: added entry 3f9a1c0 (chore, sam)"));
  CHECK(is_balance_commit("balance: init"));
  CHECK(is_balance_commit("balance-talk: added agreement 3f9a1c0; review biweekly"));
  CHECK_FALSE(is_balance_commit("Merge branch 'master'"));
  CHECK_FALSE(is_balance_commit("Revert \"balance-ledger: added entry\""));
}
