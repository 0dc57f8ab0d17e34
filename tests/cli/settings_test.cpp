#include <catch2/catch.hpp>

#include <string>

#include "cli/harness.hpp"

using balance_test::result;
using balance_test::sandbox;

namespace {

// A repository written by a newer balance: one key in [signs] this version does not know.
struct newer_settings : sandbox {
  newer_settings() {
    init_couple();
    run("balance-ledger", {"add", "chore", "bins", "-q"});
    settings("version = 1\n[[person]]\nname = \"alex\"\n[[person]]\nname = \"sam\"\n\n[signs]\nlow_rating = 2.5\n"
             "  min_rating_dayz = 7\n");
  }
};

std::size_t count_lines(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

}  // namespace

TEST_CASE("settings: an unknown key in balance.toml is one warning line and the command works", "[settings]") {
  newer_settings s;
  result r = s.run("balance-ledger", {"list"});
  CHECK(r.status == 0);
  CHECK(count_lines(r.err) == 1);
  CHECK_THAT(r.err, Catch::StartsWith("warning: balance.toml:9:3: unknown setting \"min_rating_dayz\" in [signs] "
                                      "(did you mean \"min_rating_days\"?); balance "));
  CHECK_THAT(r.err, Catch::EndsWith(" ignores it\n"));
  // The front door forwards to the same command: still one line.
  CHECK(count_lines(s.run("balance", {"ledger", "list"}).err) == 1);
  // A write warns once, then confirms.
  result added = s.run("balance-ledger", {"add", "chore", "dishes"});
  CHECK(added.status == 0);
  CHECK(count_lines(added.err) == 2);
}

TEST_CASE("settings: -q silences the warning about an unknown key", "[settings]") {
  newer_settings s;
  result r = s.run("balance-ledger", {"list", "-q"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(s.run("balance-ledger", {"-q", "list"}).err.empty());
}

TEST_CASE("settings: the front door's own git words warn once too, and -q silences them", "[settings][git]") {
  newer_settings s;
  REQUIRE(s.run("/bin/sh", {"-c", "git init -q"}).status == 0);
  result setup = s.run("balance", {"git", "setup"});
  CHECK(setup.status == 0);
  CHECK_THAT(setup.err, Catch::StartsWith("warning: balance.toml:9:3: unknown setting"));
  CHECK(count_lines(setup.err) == 2);  // the warning, then what it set up
  CHECK(s.run("balance", {"-q", "git", "setup"}).err.empty());
  result status = s.run("balance", {"git", "status", "--short"});
  CHECK(status.status == 0);
  CHECK_THAT(status.err, Catch::StartsWith("warning: balance.toml:9:3:"));
  CHECK(s.run("balance", {"-q", "git", "status", "--short"}).err.empty());
}

TEST_CASE("settings: balance check reports an unknown key as a problem with exit 65", "[settings]") {
  newer_settings s;
  result r = s.run("balance", {"check"});
  CHECK(r.status == 65);
  CHECK_THAT(r.out, Catch::StartsWith("balance.toml:9:3: unknown setting \"min_rating_dayz\" in [signs]"));
  CHECK_THAT(r.out, Catch::EndsWith(" does not understand it (a newer balance may know it)\n"));
  CHECK(count_lines(r.out) == 1);
  CHECK(r.err == "1 problem found\n");
  CHECK(s.run("balance", {"check", "-q"}).status == 65);
}

TEST_CASE("settings: a known key with a bad value still stops every command with exit 78", "[settings]") {
  newer_settings s;
  s.settings("version = 1\n[[person]]\nname = \"alex\"\n[signs]\nmin_rating_days = \"two weeks\"\n");
  result r = s.run("balance-ledger", {"list"});
  CHECK(r.status == 78);
  CHECK(r.err == "balance.toml:5:19: signs.min_rating_days must be an integer, not a string\n");
  CHECK(s.run("balance", {"check"}).status == 78);
}

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

TEST_CASE("settings: init --me on an existing repository warns about an unknown key once", "[settings][init]") {
  newer_settings s;
  result r = s.run("balance", {"init", s.repo().string(), "--me", "sam"});
  CHECK(r.status == 0);
  CHECK_THAT(r.err, Catch::Contains("is already a balance repository; nothing changed\nwarning: balance.toml:9:3: "));
  CHECK(count_lines(r.err) == 3);  // nothing changed, the warning, recorded me
  CHECK(s.run("balance", {"init", s.repo().string(), "--me", "sam", "-q"}).err.empty());
}
