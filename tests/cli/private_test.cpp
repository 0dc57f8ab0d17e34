// The private store as a user meets it: an old private/ folder moved out by the first write or
// by `balance private migrate`, moves killed half-way, a folder that comes back from a backup,
// and `balance check` on both places.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <string>

#include "cli/harness.hpp"

using balance_test::result;
using balance_test::couple;
using balance_test::sandbox;
namespace fs = std::filesystem;

namespace {

// What balance 0.1 left behind: private records inside the repository. Returns path → text.
std::map<std::string, std::string> write_legacy_tree(const sandbox& s, int months) {
  std::map<std::string, std::string> files;
  for (int m = 0; m < months; ++m) {
    int year = 2024 + m / 12, month = m % 12 + 1;
    char at[40];
    std::snprintf(at, sizeof at, "%04d-%02d-10T08:00:00Z", year, month);
    char id[16];
    std::snprintf(id, sizeof id, "%06xabcdef", m);
    char path[64];
    std::snprintf(path, sizeof path, "private/checkins/alex/%04d-%02d.toml", year, month);
    std::string text = std::string("[[checkin]]\nid = \"") + id + "\"\nat = " + at + "\nwho = \"alex\"\nheard = 3\nnote = \"mine " +
                       std::to_string(m) + "\"\n";
    s.write(path, text);
    files[std::string(path).substr(8)] = text;
  }
  return files;
}

}  // namespace

TEST_CASE("private: the first write moves an old private/ folder out, with one line on stderr", "[private][migrate]") {
  couple s;
  auto legacy = write_legacy_tree(s, 3);
  // Reading changes nothing and says why the private records are missing.
  auto before = s.snapshot();
  result list = s.run("balance-checkin", {"list", "--mine", "--period", "all"});
  CHECK(list.status == 0);
  CHECK_THAT(list.err, Catch::Contains("warning: private/: private records are inside the repository") &&
                           Catch::Contains("balance private migrate"));
  CHECK(s.snapshot() == before);
  result check = s.run("balance", {"check"});
  CHECK(check.status == 65);
  CHECK_THAT(check.out, Catch::Contains("private/: holds 3 private files inside the repository; move them out with "
                                        "`balance private migrate`"));
  // The first write moves them.
  result add = s.run("balance-ledger", {"add", "chore", "dishes"});
  REQUIRE(add.status == 0);
  CHECK_THAT(add.err, Catch::Contains("moved 3 private files out of the repository into " + s.private_dir().string()));
  CHECK_FALSE(fs::exists(s.repo() / "private"));
  for (const auto& [rel, text] : legacy) CHECK(s.read_private(rel) == text);
  CHECK(s.run("balance", {"check"}).status == 0);
  s.env["COLUMNS"] = "120";
  CHECK_THAT(s.run("balance-checkin", {"list", "--mine", "--period", "all"}).out, Catch::Contains("(private) mine 2"));
  CHECK(s.run("balance", {"private", "path"}).out == s.private_dir().string() + "\n");
}

TEST_CASE("private: a folder that comes back from a backup is refused until it is moved", "[private][migrate]") {
  couple s;
  auto legacy = write_legacy_tree(s, 2);
  REQUIRE(s.run("balance", {"private", "migrate"}).status == 0);
  // The backup brings one file back as it was, and one older version of another.
  s.write("private/checkins/alex/2024-01.toml", legacy.at("checkins/alex/2024-01.toml"));
  auto before = s.snapshot();
  result refused = s.run("balance-ledger", {"add", "chore", "dishes"});
  CHECK(refused.status == 65);
  CHECK_THAT(refused.err, Catch::Contains("private/ is inside the repository again") &&
                              Catch::Contains("nothing was written") && Catch::Contains("balance private migrate"));
  CHECK(s.snapshot() == before);
  // An identical copy is simply dropped by the move.
  result moved = s.run("balance", {"private", "migrate"});
  CHECK(moved.status == 0);
  CHECK_FALSE(fs::exists(s.repo() / "private"));
  // A different one stops the move and names both files.
  s.write("private/checkins/alex/2024-02.toml", "[[checkin]]\nid = \"bb0000000001\"\nat = 2024-02-01T08:00:00Z\nwho = \"alex\"\nheard = 1\n");
  auto kept = s.snapshot();
  result conflict = s.run("balance", {"private", "migrate"});
  CHECK(conflict.status == 65);
  CHECK_THAT(conflict.err, Catch::Contains("private/checkins/alex/2024-02.toml") && Catch::Contains("differs from"));
  CHECK(s.snapshot() == kept);
  CHECK(s.read_private("checkins/alex/2024-02.toml") == legacy.at("checkins/alex/2024-02.toml"));
}

TEST_CASE("private: kill -9 during the move loses nothing, and running it again finishes it", "[private][migrate][crash]") {
  std::mt19937 random(20261202);
  for (int round = 0; round < 12; ++round) {
    couple s;
    auto legacy = write_legacy_tree(s, 60);
    // The move of 60 files takes some 70 ms here: kill anywhere from start-up to the end.
    auto delay = std::chrono::microseconds(std::uniform_int_distribution<int>(2000, 90000)(random));
    s.run_killed("balance", {"private", "migrate"}, delay);
    // Every record is whole in one place or the other (or both).
    for (const auto& [rel, text] : legacy) {
      INFO(rel << " after a kill at " << delay.count() << " µs");
      bool in_repo = fs::exists(s.repo() / "private" / rel) && s.read("private/" + rel) == text;
      bool in_store = !s.private_dir().empty() && fs::exists(s.private_dir() / rel) && s.read_private(rel) == text;
      CHECK((in_repo || in_store));
    }
    result again = s.run("balance", {"private", "migrate"});
    REQUIRE(again.status == 0);
    CHECK_FALSE(fs::exists(s.repo() / "private"));
    for (const auto& [rel, text] : legacy) CHECK(s.read_private(rel) == text);
    CHECK(s.run("balance", {"check"}).status == 0);
  }
}

TEST_CASE("private: a move killed after its last removal leaves empty folders, and running it again removes them",
          "[private][migrate][crash]") {
  couple s;
  write_legacy_tree(s, 2);
  REQUIRE(s.run("balance", {"private", "migrate"}).status == 0);
  // The state a kill between the last removal and the folder clean-up leaves behind.
  fs::create_directories(s.repo() / "private" / "checkins" / "alex");
  result again = s.run("balance", {"private", "migrate"});
  CHECK(again.status == 0);
  CHECK(again.err == "removed the empty private/ folder an interrupted move left in the repository; nothing else to move\n");
  CHECK_FALSE(fs::exists(s.repo() / "private"));
  // A folder that still holds something that is not a record stays, and is named.
  s.write("private/notes.txt", "mine\n");
  result kept = s.run("balance", {"private", "migrate"});
  CHECK(kept.status == 0);
  CHECK_THAT(kept.out + kept.err, Catch::Contains("private/notes.txt"));
  CHECK(s.read("private/notes.txt") == "mine\n");
}

TEST_CASE("private: my own reminders count my private solo time, and no list of everyone shows self-care", "[private][remind]") {
  couple s;
  // A first entry or two is not "busy": no self-care note yet.
  for (const char* day : {"2026-11-05", "2026-11-10", "2026-11-15"}) s.run("balance-ledger", {"add", "chore", "dishes", "--at", day});
  s.run("balance-checkin", {"--heard", "4"});
  CHECK(s.run("balance-remind", {}).out.find("solo") == std::string::npos);
  for (int day = 1; day <= 7; ++day)
    s.run("balance-ledger", {"add", "chore", "laundry", "--at", "2026-11-" + std::string(day < 10 ? "1" : "") + std::to_string(day)});
  result busy = s.run("balance-remind", {});
  CHECK_THAT(busy.out, Catch::Contains("alex: no solo time in 21 days; something of your own could fit in this week\n"));
  CHECK(s.run("balance-remind", {"--all"}).out.find("solo") == std::string::npos);
  REQUIRE(s.run("balance-ledger", {"add", "solo", "a run by the river", "--private", "--minutes", "45", "--at", "2026-11-12"}).status == 0);
  CHECK(s.run("balance-remind", {}).out.find("solo") == std::string::npos);
}
