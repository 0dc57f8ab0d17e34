#include <catch2/catch.hpp>

#include <chrono>

#include "balance/error.hpp"
#include "balance/lock.hpp"
#include "unit/test_support.hpp"

using namespace balance;

TEST_CASE("lock - a second writer waits, then gives up with exit 75 naming the holder", "[lock]") {
  balance_test::temp_dir d;
  repo_lock first(d.path());
  auto start = std::chrono::steady_clock::now();
  try {
    // flock locks belong to open file descriptions: a second open in this process conflicts.
    repo_lock second(d.path(), std::chrono::milliseconds(200));
    FAIL("expected the lock to be busy");
  } catch (const error& e) {
    CHECK(e.kind() == errc::lock);
    CHECK(exit_code(e.kind()) == 75);
    CHECK_THAT(e.what(), Catch::Contains("locked by process") && Catch::Contains("gave up after 0.2 s"));
  }
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(200));
}

TEST_CASE("lock - released when its holder goes away", "[lock]") {
  balance_test::temp_dir d;
  { repo_lock first(d.path()); }
  CHECK_NOTHROW(repo_lock(d.path(), std::chrono::milliseconds(0)));
}
