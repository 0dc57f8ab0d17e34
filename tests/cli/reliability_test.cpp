// The reliability bars of DESIGN §14: concurrent writers never lose a record, a crash leaves every
// file whole, faults give clear errors with the old file intact, and broken input never crashes
// a command or changes a byte.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/harness.hpp"

using balance_test::result;
using balance_test::couple;
using balance_test::sandbox;
namespace fs = std::filesystem;

namespace {

std::size_t count_entries(const sandbox& s) {
  return nlohmann::json::parse(s.run("balance-ledger", {"list", "--period", "all", "--format", "json"}).out).size();
}

std::string day(int i) { return "2026-11-" + std::string(i % 28 + 1 < 10 ? "0" : "") + std::to_string(i % 28 + 1); }

}  // namespace

TEST_CASE("reliability: 8 writers × 250 adds while others edit and report lose nothing", "[reliability][concurrency]") {
  couple s;
  s.run("balance-ledger", {"add", "chore", "the one being edited", "--at", "2026-11-01"});
  std::string edited = balance_test::first_id(s.read("ledger/alex/2026-11.toml"));
  std::atomic<bool> done{false};
  std::atomic<int> write_failures{0}, read_failures{0}, edits{0}, reads{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 8; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < 250; ++i) {
        // Everyone writes alex's files (one repository lock), spread over the year's months.
        std::string month = std::string(i % 12 + 1 < 10 ? "0" : "") + std::to_string(i % 12 + 1);
        result r = s.run("balance-ledger", {"-q", "add", "chore", "w" + std::to_string(w) + "-" + std::to_string(i),
                                            "--at", "2026-" + month + "-1" + std::to_string(w) + " 10:00"});
        if (r.status != 0) ++write_failures;
      }
    });
  }
  std::thread editor([&] {
    int n = 0;
    while (!done) {
      result r = s.run("balance-ledger", {"-q", "edit", edited.substr(0, 6), "--weight", std::to_string(1 + n++ % 5)});
      if (r.status != 0) ++write_failures;
      ++edits;
    }
  });
  std::thread reader([&] {
    while (!done) {
      result list = s.run("balance-ledger", {"list", "--period", "all", "--format", "json"});
      result report = s.run("balance-report", {"--section", "give_and_take"});
      if (list.status != 0 || report.status != 0) ++read_failures;
      ++reads;
    }
  });
  for (auto& t : writers) t.join();
  done = true;
  editor.join();
  reader.join();
  CHECK(write_failures == 0);
  CHECK(read_failures == 0);
  CHECK(edits > 0);
  CHECK(reads > 0);
  CHECK(count_entries(s) == 2001);
  CHECK(s.run("balance", {"check", "-q"}).status == 0);
}

TEST_CASE("reliability: kill -9 during 200 writes leaves every file old or new, and the next command works", "[reliability][crash]") {
  couple s;
  s.run("balance-ledger", {"add", "chore", "first", "--at", "2026-11-01"});
  std::mt19937 random(20261122);
  std::size_t expected = 1;
  for (int i = 0; i < 200; ++i) {
    std::string before = s.read("ledger/alex/2026-11.toml");
    std::size_t before_count = count_entries(s);
    auto delay = std::chrono::microseconds(std::uniform_int_distribution<int>(0, 4000)(random));
    int status = s.run_killed("balance-ledger", {"add", "chore", "crash " + std::to_string(i), "--at", day(i)}, delay);
    std::string after = s.read("ledger/alex/2026-11.toml");
    std::size_t after_count = count_entries(s);  // parses, or this throws
    if (after == before) {
      REQUIRE(after_count == before_count);
    } else {
      REQUIRE(after_count == before_count + 1);
      REQUIRE(after.find("crash " + std::to_string(i)) != std::string::npos);
    }
    expected = after_count;
    (void)status;
  }
  // No stale lock: the next write works at once, and it clears the temporary files dead writers
  // left beside the file it writes (they hold record text a `git add -A` would commit).
  result next = s.run("balance-ledger", {"add", "chore", "after the crashes"});
  CHECK(next.status == 0);
  CHECK(count_entries(s) == expected + 1);
  std::size_t left = 0;
  for (const auto& e : fs::directory_iterator(s.repo() / "ledger/alex"))
    if (e.path().filename().string().ends_with(".tmp")) ++left;
  CHECK(left == 0);
  result check = s.run("balance", {"check"});
  CHECK(check.status == 0);  // leftover temporary files are only warnings
}

TEST_CASE("reliability: a file-size limit (a full disk) is a clear error, old file intact, no temp file", "[reliability][faults]") {
  couple s;
  std::string big(3000, 'x');
  s.run("balance-ledger", {"add", "chore", big, "--at", "2026-11-01"});
  auto before = s.snapshot();
  std::string exe = balance_test::bin_dir() + "/balance-ledger";
  // ulimit -f counts 512- or 1024-byte blocks: 2 blocks is less than the 3 KB file.
  result r = s.run("/bin/sh", {"-c", "ulimit -f 2; exec \"$0\" add chore more --at 2026-11-02", exe});
  CHECK(r.status == 74);
  CHECK_THAT(r.err, Catch::StartsWith("balance-ledger: ledger/alex/2026-11.toml: cannot write: File too large"));
  CHECK(s.snapshot() == before);
}

TEST_CASE("reliability: a read-only directory is refused with exit 77 and nothing changes", "[reliability][faults]") {
  couple s;
  s.run("balance-ledger", {"add", "chore", "first", "--at", "2026-11-01"});
  std::string program = balance_test::bin_dir() + "/balance-ledger";
  if (::geteuid() == 0) {
    // Root ignores permissions: run the command as nobody over a copy it owns. The build tree may
    // sit where nobody cannot reach (a clone in /root, a mktemp -d): give nobody its own copy of
    // the program and the library beside it.
    fs::path own = s.dir() / "nobody-bin";
    fs::create_directories(own);
    fs::copy_file(program, own / "balance-ledger");
    for (const auto& e : fs::directory_iterator(fs::path(balance_test::bin_dir()) / ".." / "lib"))
      if (e.path().filename().string().starts_with("libbalance.so")) fs::copy(e.path(), own / e.path().filename());
    program = (own / "balance-ledger").string();
    s.env["LD_LIBRARY_PATH"] = own.string();
    std::string chown = "chown -R 65534:65534 " + s.dir().string();
    REQUIRE(std::system(chown.c_str()) == 0);
    result probe = s.run("/usr/bin/setpriv", {"--reuid=65534", "--regid=65534", "--clear-groups", program, "--version"});
    if (probe.status != 0) {
      WARN("skipped: running as root and cannot run the tool as nobody (setpriv: " + std::to_string(probe.status) + " " +
           probe.err + ")");
      return;
    }
  }
  ::chmod((s.repo() / "ledger/alex").c_str(), 0500);
  auto before = s.snapshot();
  std::vector<std::string> args = {"--reuid=65534", "--regid=65534", "--clear-groups", program, "add", "chore", "second",
                                   "--at", "2026-11-02"};
  result r = ::geteuid() == 0 ? s.run("/usr/bin/setpriv", args)
                              : s.run("balance-ledger", {"add", "chore", "second", "--at", "2026-11-02"});
  CHECK(r.status == 77);
  CHECK_THAT(r.err, Catch::Contains("ledger/alex/2026-11.toml: cannot create a temporary file: Permission denied"));
  ::chmod((s.repo() / "ledger/alex").c_str(), 0700);
  CHECK(s.snapshot() == before);
}

namespace {

struct broken_case {
  const char* name;
  std::string text;
  const char* message;  // a part of the first problem `balance check` reports
};

std::string entry(const std::string& fields) {
  return "[[entry]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-11-02T08:00:00+01:00\n" + fields;
}

}  // namespace

TEST_CASE("reliability: broken files give exit 65 with a position, never a crash, and nothing changes", "[reliability][corpus]") {
  std::string dotted = "a";
  for (int i = 0; i < 100000; ++i) dotted += ".a";
  const std::vector<broken_case> cases = {
      {"unterminated string", entry("who = \"alex\nkind = \"chore\"\nwhat = \"x\"\n"), "ledger/alex/2026-11.toml:4:"},
      {"[ alone", "[\n", "ledger/alex/2026-11.toml:1:"},
      {"invalid UTF-8", entry("who = \"alex\"\nkind = \"chore\"\nwhat = \"\xc3\x28\"\n"), "ledger/alex/2026-11.toml:6:"},
      {"a lone CR", "[[entry]]\rid = 1\n", "ledger/alex/2026-11.toml:1:"},
      {"NUL bytes", std::string("[[entry]]\nwhat = \"a\0b\"\n", 23), "NUL byte"},
      {"conflict markers", "<<<<<<< ours\n" + entry("who = \"alex\"\n") + "=======\n>>>>>>> theirs\n", "merge conflict marker"},
      {"deep nesting", "x = " + std::string(5000, '[') + "\n", "nested"},
      {"100,000-part dotted key", dotted + " = 1\n", "dotted parts"},
      {"100,000-part table header", "[" + dotted + "]\n", "dotted parts"},
      {"wrong type", entry("who = \"alex\"\nkind = \"chore\"\nwhat = 42\n"), "what must be a string, not an integer"},
      {"weight as a string", entry("who = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\nweight = \"2\"\n"), "weight must be a number"},
      {"minutes as a float", entry("who = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\nminutes = 2.5\n"), "minutes must be a whole number"},
      {"2026-02-30", "[[entry]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-02-30T08:00:00+01:00\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\n",
       "ledger/alex/2026-11.toml:3:"},
      {"offset +25:00", "[[entry]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-11-02T08:00:00+25:00\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\n",
       "ledger/alex/2026-11.toml:3:"},
      {"a date without time", "[[entry]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-11-02\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\n",
       "needs a time and an offset"},
      {"unknown person", entry("who = \"bob\"\nkind = \"chore\"\nwhat = \"x\"\n"), "\"bob\" is not a person"},
      {"unknown kind", entry("who = \"alex\"\nkind = \"chores\"\nwhat = \"x\"\n"), "did you mean \"chore\""},
      {"choice without topic", entry("who = \"alex\"\nkind = \"choice\"\nwhat = \"x\"\n"), "a choice needs a topic"},
      {"zero weight", entry("who = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\nweight = 0\n"), "weight must be a positive number"},
      {"negative minutes", entry("who = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\nminutes = -3\n"), "minutes must be positive"},
      {"duplicate ids", entry("who = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\n") + "\n" + entry("who = \"alex\"\nkind = \"chore\"\nwhat = \"y\"\n"),
       "appears twice"},
      {"id with a slash", "[[entry]]\nid = \"../../etc/pw\"\nat = 2026-11-02T08:00:00+01:00\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\n",
       "must be 12 lowercase hex digits"},
      {"missing id", "[[entry]]\nat = 2026-11-02T08:00:00+01:00\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\n", "id is required"},
      {"missing at", "[[entry]]\nid = \"aaaaaaaaaaaa\"\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\n", "at is required"},
      {"wrong month file", "[[entry]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-10-02T08:00:00+02:00\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\n",
       "belongs in ledger/alex/2026-10.toml"},
      {"another record type", "[[checkin]]\nid = \"aaaaaaaaaaaa\"\n", "unexpected \"checkin\""},
      {"inline record", "entry = [{ id = \"aaaaaaaaaaaa\" }]\n", "write each record as its own [[entry]] table"},
      {"control character", entry("who = \"alex\"\nkind = \"chore\"\nwhat = \"x\\u001b[2J\"\n"), "control character U+001B"},
      {"DST gap, no offset", "[[entry]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-03-29T02:30:00\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\n",
       "does not exist in Europe/Berlin"},
      {"a huge file", std::string(17 * 1024 * 1024, '#'), "more than the 16 MiB a data file may have"},
  };
  REQUIRE(cases.size() >= 30);
  for (const auto& c : cases) {
    INFO(c.name);
    couple s;
    std::string path = std::string(c.name) == "DST gap, no offset" ? "ledger/alex/2026-03.toml" : "ledger/alex/2026-11.toml";
    s.write(path, c.text);
    // balance.toml pins the data zone so a time without offset is read in Berlin.
    s.settings("version = 1\ntimezone = \"Europe/Berlin\"\n[[person]]\nname = \"alex\"\n[[person]]\nname = \"sam\"\n");
    auto before = s.snapshot();
    result check = s.run("balance", {"check"});
    CHECK(check.status == 65);
    CHECK_THAT(check.out, Catch::Contains(c.message));
    result list = s.run("balance-ledger", {"list", "--period", "all"});
    CHECK(list.status == 65);
    result add = s.run("balance-ledger", {"add", "chore", "more", "--at", path.find("03") != std::string::npos ? "2026-03-10" : "2026-11-10"});
    CHECK(add.status == 65);
    result report = s.run("balance-report", {"--period", "all"});
    CHECK(report.status == 65);
    CHECK(s.snapshot() == before);
  }
}

TEST_CASE("reliability: broken check-in, boundary, event and settings files are refused with a position, and nothing changes", "[reliability][corpus]") {
  struct typed_case {
    const char* path;
    std::string text;
    const char* message;
    std::vector<std::string> reader;  // a command that reads this kind of file
    int status;
  };
  const std::string c = "[[checkin]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-11-02T08:00:00+01:00\n";
  const std::string b = "[[boundary]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-11-02T08:00:00+01:00\n";
  const std::string e = "[[event]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-11-02T08:00:00+01:00\n";
  const std::string people = "version = 1\ntimezone = \"Europe/Berlin\"\n[[person]]\nname = \"alex\"\n[[person]]\nname = \"sam\"\n";
  const std::vector<std::string> checkins = {"balance-checkin", "list", "--period", "all"};
  const std::vector<std::string> boundaries = {"balance-boundaries", "list"};
  const std::vector<std::string> events = {"balance-boundaries", "log"};
  const std::vector<std::string> ledger = {"balance-ledger", "list"};
  const std::vector<typed_case> cases = {
      {"checkins/alex/2026-11.toml", c + "who = \"alex\"\nheard = 6\n", "checkins/alex/2026-11.toml:5:9: rating 6 is out of range 1–5", checkins, 65},
      {"checkins/alex/2026-11.toml", c + "who = \"alex\"\nheard = 4.0\n", "heard must be a whole number", checkins, 65},
      {"checkins/alex/2026-11.toml", c + "who = \"alex\"\nheard = true\n", "heard must be a whole number, not a boolean", checkins, 65},
      {"checkins/alex/2026-11.toml", c + "who = \"sam\"\nheard = 4\n", "but this is alex's check-in file", checkins, 65},
      {"checkins/alex/2026-11.toml", c + "who = \"alex\"\nsafe = 1\n", "safe goes only in private check-ins", checkins, 65},
      {"boundaries/alex.toml", b + "who = \"alex\"\ntext = \"\"\nreview = \"monthly\"\nstatus = \"active\"\n", "boundaries/alex.toml:5:8: text is required", boundaries, 65},
      {"boundaries/alex.toml", b + "who = \"alex\"\ntext = \"x\"\nreview = \"sometimes\"\nstatus = \"active\"\n", "bad cadence \"sometimes\"", boundaries, 65},
      {"boundaries/alex.toml", b + "who = \"alex\"\ntext = \"x\"\nreview = \"monthly\"\nstatus = \"gone\"\n", "status must be \"active\" or \"retired\"", boundaries, 65},
      {"boundaries/alex.toml", b + "who = \"sam\"\ntext = \"x\"\nreview = \"monthly\"\nstatus = \"active\"\n", "this file holds alex's boundaries", boundaries, 65},
      {"boundaries/alex/2026-11.toml", e + "kind = \"crossed\"\nboundary = \"bbbbbbbbbbbb\"\nwho = \"sam\"\n", "points at boundary bbbbbbbbbbbb, which does not exist", events, 65},
      {"boundaries/alex/2026-11.toml", e + "kind = \"crossed\"\nwho = \"sam\"\n", "a crossed event needs the id of its boundary", events, 65},
      {"boundaries/alex/2026-11.toml", e + "kind = \"ignored\"\nwho = \"sam\"\n", "unknown event kind \"ignored\"", events, 65},
      {"boundaries/alex/2026-11.toml", e + "kind = \"space\"\nwho = \"alex\"\nminutes = 0\n", "minutes must be positive", events, 65},
      {"ledger/alex/2026-11.toml", entry("who = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\ntags = [\"Home\"]\n"), "tag \"Home\" must use only", ledger, 65},
      {"ledger/alex/2026-11.toml", entry("who = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\ntags = \"home\"\n"), "tags must be an array of names", ledger, 65},
      {"ledger/alex/2026-11.toml", entry("who = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\nwhat = \"y\"\n"), "ledger/alex/2026-11.toml:7:", ledger, 65},
      {"balance.toml", "version = 1\ntimezone = \"Mars/Olympus\"\n[[person]]\nname = \"alex\"\n", "balance.toml:2:12: unknown time zone \"Mars/Olympus\"", ledger, 78},
      {"balance.toml", "version = \"one\"\n[[person]]\nname = \"alex\"\n", "version must be an integer, not a string", ledger, 78},
      {"balance.toml", "version = 1\n[[person]]\nname = \"alex\"\n[[person]]\nname = \"alex\"\n", "person \"alex\" is listed twice", ledger, 78},
      {"balance.toml", "version = 1\nweek_start = \"funday\"\n[[person]]\nname = \"alex\"\n", "week_start must be \"monday\" or \"sunday\"", ledger, 78},
      {"balance.toml", "version = 1\n[[person]]\nname = \"Alex Smith\"\n", "person name \"Alex Smith\" must use only", ledger, 78},
      {"balance.toml", people + "[checkin]\ncadence = \"whenever\"\n", "checkin.cadence: bad cadence \"whenever\"", ledger, 78},
      {"balance.toml", people + "[ledger.target]\nchore = { alex = 0.7, sam = 0.7 }\n", "the shares add up to 1.4, not 1", ledger, 78},
  };
  REQUIRE(cases.size() >= 20);  // with the 30 ledger files above: 53 broken files in all
  for (const auto& k : cases) {
    INFO(k.path << ": " << k.message);
    couple s;
    s.write(k.path, k.text);
    auto before = s.snapshot();
    result check = s.run("balance", {"check"});
    CHECK(check.status == k.status);
    CHECK_THAT(check.out + check.err, Catch::Contains(k.message));
    // An event whose boundary is gone (a remove merged from the other machine) is a problem for
    // `balance check`, but every file still parses: reading goes on.
    int read_status = std::string_view(k.message).find("which does not exist") != std::string_view::npos ? 0 : k.status;
    result read = s.run(k.reader.front(), std::vector<std::string>(k.reader.begin() + 1, k.reader.end()));
    CHECK(read.status == read_status);
    result report = s.run("balance-report", {"--period", "all"});
    CHECK(report.status == read_status);
    CHECK(s.snapshot() == before);
  }
}

TEST_CASE("reliability: a BOM and CRLF line endings are valid and kept byte for byte", "[reliability][corpus]") {
  couple s;
  std::string text = "\xEF\xBB\xBF# kept by hand\r\n[[entry]]\r\nid = \"aaaaaaaaaaaa\"\r\nat = 2026-11-02T08:00:00+01:00\r\n"
                     "who = \"alex\"\r\nkind = \"chore\"\r\nwhat = \"x\"\r\n";
  s.write("ledger/alex/2026-11.toml", text);
  CHECK(s.run("balance", {"check", "-q"}).status == 0);
  CHECK(s.run("balance-ledger", {"add", "chore", "y", "--at", "2026-11-20"}).status == 0);
  std::string after = s.read("ledger/alex/2026-11.toml");
  CHECK(after.starts_with(text));
  CHECK(after.find("what = \"y\"\r\n") != std::string::npos);
  for (std::size_t i = 0; i < after.size(); ++i)
    if (after[i] == '\n') REQUIRE(after[i - 1] == '\r');
}

TEST_CASE("reliability: symlinked and hard-linked data files are refused with exit 77", "[reliability][corpus]") {
  couple s;
  s.write("elsewhere.toml", "");
  fs::create_directories(s.repo() / "ledger/alex");
  fs::create_symlink(s.repo() / "elsewhere.toml", s.repo() / "ledger/alex/2026-11.toml");
  auto before = s.snapshot();
  result link = s.run("balance-ledger", {"add", "chore", "x", "--at", "2026-11-02"});
  CHECK(link.status == 77);
  CHECK(link.err == "balance-ledger: ledger/alex/2026-11.toml: refusing to write through a symbolic link\n");
  CHECK(s.run("balance", {"check"}).status == 65);
  fs::remove(s.repo() / "ledger/alex/2026-11.toml");
  s.write("ledger/alex/2026-10.toml", "");
  fs::create_hard_link(s.repo() / "ledger/alex/2026-10.toml", s.repo() / "other.toml");
  result hard = s.run("balance-ledger", {"add", "chore", "x", "--at", "2026-10-02"});
  CHECK(hard.status == 77);
  CHECK_THAT(hard.err, Catch::Contains("2 hard links"));
  fs::remove(s.repo() / "elsewhere.toml");
}

TEST_CASE("reliability: bad arguments are usage errors naming the part at fault", "[reliability][corpus]") {
  couple s;
  auto before = s.snapshot();
  struct bad {
    std::string program;
    std::vector<std::string> args;
    const char* message;
  };
  const bad cases[] = {
      {"balance-ledger", {"add", "chore", "x", "--at", "2026-02-30"}, "bad WHEN \"2026-02-30\""},
      {"balance-ledger", {"add", "chore", "x", "--at", "2026-11-02T10:00:00+25:00"}, "bad WHEN"},
      {"balance-ledger", {"add", "chore", "x", "--at", "2026-03-29 02:30"}, "does not exist in Europe/Berlin"},
      {"balance-ledger", {"list", "--period", "2026-Q5"}, "bad period"},
      {"balance-ledger", {"list", "--period", "2026-12..2026-01"}, "bad period"},
      {"balance-ledger", {"add", "chore", "x", "--who", "bob"}, "not a person"},
      {"balance-ledger", {"add", "chore", "x", "--weight", "-1"}, "weight must be a positive number"},
      {"balance-checkin", {"--heard", "0"}, "rating 0 is out of range 1–5"},
      {"balance-checkin", {"--heard", "6"}, "rating 6 is out of range 1–5"},
      {"balance-boundaries", {"add", "x", "--review", "sometimes"}, "bad cadence"},
      {"balance-boundaries", {"space", "--for", "-5m"}, "bad DURATION"},
      {"balance-report", {"--section", "everything"}, "--section everything"},
      {"balance", {"--color", "rainbow", "check"}, "rainbow"},
      {"balance-remind", {"--who", "bob"}, "--who bob: not a person"},
      {"balance-remind", {"--format", "yaml"}, "--format yaml: use one of text, json"},
      {"balance-report", {"--period", "lastweek"}, "(did you mean \"last-week\"?)"},
      {"balance-report", {"--format", "pdf"}, "--format pdf: use one of"},
      {"balance-ledger", {"add", "chores", "x"}, "unknown kind \"chores\" (did you mean \"chore\"?)"},
      {"balance-ledger", {"add", "chore", "x", "--minutes", "90x"}, "bad DURATION \"90x\""},
      {"balance-ledger", {"list", "-n", "-1"}, "\"-1\" is not a count"},
      {"balance-ledger", {"balance", "--by", "color"}, "--by color: use kind, topic or tag"},
      {"balance-checkin", {"--rate", "hread=3"}, "(did you mean \"heard\"?)"},
      {"balance-checkin", {"--mood", "9"}, "mood 9 is out of range 1–5"},
      {"balance-boundaries", {"crossed", "abcd"}, "no boundary has an id starting with abcd"},
      {"balance-boundaries", {"add", "x", "--review", "weekley"}, "(did you mean \"weekly\"?)"},
      {"balance-boundaries", {"list", "-n", "-2"}, "\"-2\" is not a count"},
      {"balance", {"undo", "0"}, "undo N counts commits to take back: 1 or more, not 0"},
      {"balance", {"check", "/etc/passwd"}, "is not inside the repository"},
  };
  REQUIRE(std::size(cases) >= 20);
  for (const auto& c : cases) {
    INFO(c.program << " " << c.args.front());
    result r = s.run(c.program, c.args);
    CHECK(r.status == 64);
    CHECK_THAT(r.err, Catch::Contains(c.message));
  }
  CHECK(s.snapshot() == before);
}

TEST_CASE("review fix: editing a record with a dotted unknown key keeps the file valid", "[reliability][review]") {
  couple s;
  s.write("ledger/alex/2026-11.toml",
          "[[entry]]\nid = \"aaaa00000001\"\nat = 2026-11-05T10:00:00+01:00\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"dishes\"\n"
          "meta.x = 1\nmeta.y = \"z\"\n\n[entry.sub]\nk = [1, 2]\n");
  result r = s.run("balance-ledger", {"edit", "aaaa", "--what", "plates"});
  CHECK(r.status == 0);
  std::string text = s.read("ledger/alex/2026-11.toml");
  CHECK_THAT(text, Catch::Contains("what = \"plates\"\n") && Catch::Contains("meta = { x = 1, y = \"z\" }\n") &&
                       Catch::Contains("sub = { k = [ 1, 2 ] }\n"));
  result check = s.run("balance", {"check"});
  CHECK(check.status == 65);  // still unknown keys, but a file that parses
  CHECK(check.out.find("could not") == std::string::npos);
  CHECK(s.run("balance-ledger", {"list", "--period", "all"}).status == 0);
}

TEST_CASE("review fix: an edit is refused when the record changed since it was read, and the edit is kept", "[reliability][review]") {
  couple s;
  s.run("balance-ledger", {"add", "chore", "dishes", "--at", "2026-11-05"});
  std::string id = balance_test::first_id(s.read("ledger/alex/2026-11.toml"));
  // While the editor is open, someone else changes the same record.
  s.env["EDITOR"] = s.script("editor", "sed -i 's/^what = .*/what = \"plates\"/' \"$1\"\n\"" + balance_test::bin_dir() +
                                           "/balance-ledger\" -q edit " + id.substr(0, 6) + " --note \"sam said thanks\"\n");
  result r = s.run("balance-ledger", {"edit", id.substr(0, 6)});
  CHECK(r.status == 75);
  CHECK_THAT(r.err, Catch::Contains("changed since it was read; nothing was written") && Catch::Contains("your edit is kept in"));
  std::string text = s.read("ledger/alex/2026-11.toml");
  CHECK_THAT(text, Catch::Contains("note = \"sam said thanks\"") && Catch::Contains("what = \"dishes\""));
}

TEST_CASE("review fix: data files are never read through a symlink or from a FIFO", "[reliability][review]") {
  couple s;
  s.run("balance-ledger", {"add", "solo", "SECRET therapy booking", "--private", "--at", "2026-11-05"});
  fs::create_directories(s.repo() / "ledger/sam");
  fs::create_symlink("../../private/ledger/alex/2026-11.toml", s.repo() / "ledger/sam/2026-11.toml");
  result shared = s.run("balance-ledger", {"export", "--shared"});
  CHECK(shared.status == 77);
  CHECK(shared.out.find("SECRET") == std::string::npos);
  CHECK_THAT(shared.err, Catch::Contains("ledger/sam/2026-11.toml: is a symbolic link"));
  fs::remove(s.repo() / "ledger/sam/2026-11.toml");
  fs::create_directories(s.repo() / "ledger/alex");
  REQUIRE(::mkfifo((s.repo() / "ledger/alex/2026-09.toml").c_str(), 0600) == 0);
  auto start = std::chrono::steady_clock::now();
  result fifo = s.run("balance-ledger", {"list", "--period", "2026-09"});
  CHECK(fifo.status == 77);
  CHECK_THAT(fifo.err, Catch::Contains("is not a regular file"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("review fix: --from input whose first line is a comment with a comma is TOML", "[reliability][review]") {
  couple s;
  std::string text = "# my ledger, November\n[[entry]]\nat = 2026-11-05T10:00:00+01:00\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"x\"\n";
  result r = s.run("balance-ledger", {"add", "--from", "-"}, text);
  CHECK(r.status == 0);
  CHECK(r.err == "added 1, skipped 0 already present\n");
  CHECK(s.run("balance-report", {"--from", "-", "--section", "header"}, text).status == 0);
}

TEST_CASE("review fix: undo and sync wait for the repository lock", "[reliability][review]") {
  couple s;
  s.run("balance", {"init", s.repo().string(), "--person", "alex", "--git"});  // git for the existing repo
  s.run("balance-ledger", {"add", "chore", "x"});
  // Another process holds the lock for longer than the 10 s a command waits.
  std::string dir = s.repo().string();
  std::thread holder([&] { s.run("/usr/bin/flock", {dir, "sleep", "12"}); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  result undo = s.run("balance", {"undo"});
  holder.join();
  CHECK(undo.status == 75);
  CHECK_THAT(undo.err, Catch::Contains("locked by process"));
  CHECK(fs::exists(s.repo() / "ledger/alex/2026-11.toml"));
}
