#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "cli/harness.hpp"

using balance_test::result;
using balance_test::sandbox;
namespace fs = std::filesystem;

TEST_CASE("balance --version prints the version without needing a zone or a repo", "[balance]") {
  sandbox s;
  s.env["TZ"] = "Nowhere/Invalid";
  result r = s.run("balance", {"--version"});
  CHECK(r.status == 0);
  CHECK(r.out == "balance 0.2.0\n");
  CHECK(r.err.empty());
}

TEST_CASE("balance init creates the layout, a commented balance.toml and records me", "[balance][init]") {
  sandbox s;
  result r = s.run("balance", {"init", "repo", "--person", "alex", "--person", "sam", "--me", "alex"});
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("created a balance repository in repo"));
  CHECK_FALSE(fs::exists(s.repo() / "private"));  // private records live outside the repository
  for (const char* dir : {"checkins", "ledger", "boundaries"}) {
    struct stat st {};
    REQUIRE(::stat((s.repo() / dir).c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
  }
  std::string settings = s.read("balance.toml");
  CHECK_THAT(settings, Catch::Contains("[[person]]\nname = \"alex\"") && Catch::Contains("# low_rating = 2.5") &&
                           Catch::Contains("cadence = \"weekly\""));
  CHECK(s.read(".gitignore").find("/private/\n") != std::string::npos);
  std::ifstream cfg(s.dir() / "xdg-config/balance/config.toml");
  std::string config((std::istreambuf_iterator<char>(cfg)), std::istreambuf_iterator<char>());
  CHECK(config == "me = \"alex\"\ndir = \"" + s.repo().string() + "\"\n");

  // Again: nothing changes, and it says so.
  auto before = s.snapshot();
  result again = s.run("balance", {"init", "repo", "--person", "x"});
  CHECK(again.status == 0);
  CHECK_THAT(again.err, Catch::Contains("already a balance repository; nothing changed"));
  CHECK(s.snapshot() == before);
}

TEST_CASE("balance init refuses bad names and a --me who is not a person", "[balance][init]") {
  sandbox s;
  result bad = s.run("balance", {"init", "repo", "--person", "Alex"});
  CHECK(bad.status == 64);
  CHECK(bad.err == "balance: --person Alex: names use only a-z, 0-9, _ and -\n");
  result me = s.run("balance", {"init", "repo", "--person", "alex", "--person", "sam", "--me", "alx"});
  CHECK(me.status == 64);
  CHECK(me.err == "balance: --me alx: not one of the people (did you mean \"alex\"?)\n");
  result none = s.run("balance", {"init", "repo"});
  CHECK(none.status == 64);
  CHECK_FALSE(fs::exists(s.repo() / "balance.toml"));
}

TEST_CASE("balance check passes a clean repository quietly with a summary on stderr", "[balance][check]") {
  sandbox s;
  s.init_couple();
  result r = s.run("balance", {"check"});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(r.err == "checked 1 file and 0 records: all good\n");
  CHECK(s.run("balance", {"check", "-q"}).err.empty());
}

TEST_CASE("balance check warns about a hand-typed rating key a letter from a dimension", "[balance][check]") {
  sandbox s;
  s.init_couple();
  s.write("checkins/alex/2026-11.toml",
          "[[checkin]]\nid = \"bbbbbbbbbbbb\"\nat = 2026-11-22T19:30:00+01:00\nwho = \"alex\"\nhaerd = 4\n");
  const std::string warning =
      "warning: checkins/alex/2026-11.toml:5:9: \"haerd\" is not a dimension in balance.toml (did you mean "
      "\"heard\"?); it is kept as the rating of a retired one\n";
  result r = s.run("balance", {"check"});
  CHECK(r.status == 0);  // nothing is lost: the rating is kept under the key it has
  CHECK(r.out.empty());
  CHECK(r.err == warning + "checked 2 files and 1 record: all good\n");
  // Every reading command says it too, on stderr, and its output stays the same.
  result report = s.run("balance-report", {"--section", "header"});
  CHECK(report.status == 0);
  CHECK(report.err == warning);
}

TEST_CASE("balance check validates the bundled example repository", "[balance][check]") {
  sandbox s;
  result r = s.run("balance", {"-C", balance_test::source_dir() + "/examples/couple", "check"});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("all good"));
}

TEST_CASE("balance check lists every problem as PATH:LINE:COL, exits 65 and changes nothing", "[balance][check]") {
  sandbox s;
  s.init_couple();
  s.write("ledger/sam/2026-11.toml",
          "# by hand\n"
          "[[entry]]\n"
          "id = \"aaaaaaaaaaaa\"\n"
          "at = 2026-11-02T08:00:00+01:00\n"
          "who = \"sma\"\n"
          "kind = \"chore\"\n"
          "what = \"bins\"\n"
          "weight = -1\n");
  s.write("checkins/alex/2026-11.toml", "[[checkin]]\nid = \"bbbbbbbbbbbb\"\nat = 2026-11-22T19:30:00+01:00\nwho = \"alex\"\nheard = 6\n");
  s.write("boundaries/sam/2026-11.toml", "[[event]\n");
  auto before = s.snapshot();
  result r = s.run("balance", {"check"});
  CHECK(r.status == 65);
  CHECK(r.out ==
        "boundaries/sam/2026-11.toml:1:9: Error while parsing table header: expected ']', saw '\\n'\n"
        "checkins/alex/2026-11.toml:5:9: rating 6 is out of range 1–5\n"
        "ledger/sam/2026-11.toml:5:7: \"sma\" is not a person in balance.toml (did you mean \"sam\"?)\n"
        "ledger/sam/2026-11.toml:8:10: weight must be a positive number, not -1\n");
  CHECK(r.err == "4 problems found\n");
  CHECK(s.snapshot() == before);

  result one = s.run("balance", {"check", "checkins"});
  CHECK(one.status == 65);
  CHECK(one.out == "checkins/alex/2026-11.toml:5:9: rating 6 is out of range 1–5\n");
}

TEST_CASE("balance finds its repository by -C, BALANCE_DIR, the working directory and the user config", "[balance]") {
  sandbox s;
  s.init_couple();
  s.cwd = s.dir();
  fs::remove(s.dir() / "xdg-config/balance/config.toml");
  result none = s.run("balance", {"check"});
  CHECK(none.status == 66);
  CHECK_THAT(none.err, Catch::Contains("balance init"));
  CHECK(s.run("balance", {"-C", s.repo().string(), "check"}).status == 0);
  CHECK(s.run("balance", {"check", "-C", s.repo().string()}).status == 0);
  s.env["BALANCE_DIR"] = s.repo().string();
  CHECK(s.run("balance", {"check"}).status == 0);
  s.env.erase("BALANCE_DIR");
  s.cwd = s.repo() / "ledger";
  CHECK(s.run("balance", {"check"}).status == 0);
  s.cwd = s.dir();
  result missing = s.run("balance", {"-C", (s.dir() / "nope").string(), "check"});
  CHECK(missing.status == 66);
  CHECK_THAT(missing.err, Catch::Contains("is not a balance repository"));
}

TEST_CASE("balance reports a broken balance.toml with its position and exit 78", "[balance]") {
  sandbox s;
  s.init_couple();
  s.write("balance.toml", "version = 1\nweek_start = \"friday\"\n[[person]]\nname = \"alex\"\n");
  result r = s.run("balance", {"check"});
  CHECK(r.status == 78);
  CHECK(r.err == "balance.toml:2:14: week_start must be \"monday\" or \"sunday\", not \"friday\"\n");
}

TEST_CASE("balance dispatches other words to balance-WORD on PATH, passing arguments and status", "[balance]") {
  sandbox s;
  fs::create_directories(s.dir() / "ext");
  std::ofstream(s.dir() / "ext/balance-hello") << "#!/bin/sh\necho \"hello $*\"\nexit 3\n";
  fs::permissions(s.dir() / "ext/balance-hello", fs::perms::owner_all);
  s.env["PATH"] = (s.dir() / "ext").string() + ":" + s.env["PATH"];
  result r = s.run("balance", {"hello", "there", "--flag"});
  CHECK(r.status == 3);
  CHECK(r.out == "hello there --flag\n");
  result listed = s.run("balance", {"commands"});
  CHECK_THAT(listed.out, Catch::Contains("check\n") && Catch::Contains("hello\n") && Catch::Contains("init\n"));
  // Options before the word travel with it.
  result forwarded = s.run("balance", {"-C", "/x", "hello"});
  CHECK(forwarded.out == "hello -C /x\n");
}

TEST_CASE("balance suggests the closest command for an unknown word, exit 64", "[balance]") {
  sandbox s;
  result r = s.run("balance", {"chekc"});
  CHECK(r.status == 64);
  CHECK(r.out.empty());
  CHECK(r.err == "balance: \"chekc\" is not a balance command (did you mean \"check\"?); see `balance commands`\n");
  result far = s.run("balance", {"xyzzy"});
  CHECK(far.status == 64);
  CHECK(far.err == "balance: \"xyzzy\" is not a balance command; see `balance commands`\n");
}

TEST_CASE("balance maps CLI11 errors to 64 and never leaks its codes", "[balance]") {
  sandbox s;
  result r = s.run("balance", {"check", "--no-such-flag"});
  CHECK(r.status == 64);
  CHECK_THAT(r.err, Catch::StartsWith("balance: ") && Catch::Contains("--no-such-flag"));
  result color = s.run("balance", {"--color", "sometimes", "check"});
  CHECK(color.status != 0);
  result help = s.run("balance", {"--help"});
  CHECK(help.status == 0);
  CHECK_THAT(help.out, Catch::Contains("init") && Catch::Contains("check") && Catch::Contains("--dir"));
}

TEST_CASE("balance help on an unknown command suggests one", "[balance]") {
  sandbox s;
  result r = s.run("balance", {"help", "chekc"});
  CHECK(r.status == 64);
  CHECK(r.err == "balance: no command \"chekc\" (did you mean \"check\"?)\n");
}

TEST_CASE("a closed pipe ends output quietly, a full disk on stdout is exit 74", "[balance]") {
  sandbox s;
  s.init_couple();
  // /dev/full fails every write with ENOSPC.
  result full = s.run("/bin/sh", {"-c", "\"$0\" commands > /dev/full", (fs::path(balance_test::bin_dir()) / "balance").string()});
  CHECK(full.status == 74);
  CHECK_THAT(full.err, Catch::Contains("cannot write output"));
  result pipe = s.run("/bin/sh", {"-c", "\"$0\" commands | head -c 1 >/dev/null; exit 0", (fs::path(balance_test::bin_dir()) / "balance").string()});
  CHECK(pipe.status == 0);
  CHECK(pipe.err.empty());
}

TEST_CASE("--help and --version that cannot be written exit 74", "[balance][output]") {
  sandbox s;
  for (const char* tool : {"balance", "balance-ledger", "balance-report"}) {
    std::string exe = balance_test::bin_dir() + "/" + tool;
    CHECK(s.run("/bin/sh", {"-c", "'" + exe + "' --help > /dev/full"}).status == 74);
    result version = s.run("/bin/sh", {"-c", "'" + exe + "' --version > /dev/full"});
    CHECK(version.status == 74);
    CHECK_THAT(version.err, Catch::Contains("cannot write to standard output"));
    CHECK(s.run(tool, {"--help"}).status == 0);
  }
}

TEST_CASE("balance --help lists the tools, and check of a path outside the repository is a usage error", "[balance]") {
  sandbox s;
  s.init_couple();
  CHECK_THAT(s.run("balance", {"--help"}).out, Catch::Contains("Tools (balance WORD runs balance-WORD") &&
                                                   Catch::Contains("checkin, journal, ledger, remind, report"));
  // A built-in word's own help is about that word only: no list of the tools under it.
  for (const std::vector<std::string>& word : {std::vector<std::string>{"private", "--help"},
                                               std::vector<std::string>{"git", "--help"},
                                               std::vector<std::string>{"cache", "--help"}}) {
    result help = s.run("balance", word);
    INFO(word[0]);
    CHECK(help.status == 0);
    CHECK(help.out.find("Tools (") == std::string::npos);
  }
  result outside = s.run("balance", {"check", "/etc/passwd"});
  CHECK(outside.status == 64);
  CHECK_THAT(outside.err, Catch::StartsWith("balance: /etc/passwd: is not inside the repository"));
  result missing = s.run("balance", {"check", "ledger/nobody"});
  CHECK(missing.status == 66);
  CHECK(missing.err == "balance: ledger/nobody: does not exist\n");
}
