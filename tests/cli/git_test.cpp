#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "cli/harness.hpp"

using balance_test::first_id;
using balance_test::result;
using balance_test::sandbox;
namespace fs = std::filesystem;

namespace {

std::string first_line_of(const std::string& text) { return text.substr(0, text.find('\n')); }

// A shared remote with a couple's repository, and clones for each machine.
struct two_machines : sandbox {
  fs::path remote() const { return dir() / "remote.git"; }
  fs::path machine(const std::string& name) const { return dir() / name; }

  result in(const std::string& name, const std::string& program, const std::vector<std::string>& args) const {
    sandbox& self = const_cast<two_machines&>(*this);
    self.cwd = machine(name);
    return run(program, args);
  }
  result git(const std::string& name, const std::vector<std::string>& args) const {
    std::vector<std::string> a = {"-C", machine(name).string()};
    a.insert(a.end(), args.begin(), args.end());
    return run("/usr/bin/git", a);
  }

  // alex's machine creates the repository (with one boundary for events to point at) and pushes
  // it; sam's machine clones it, with or without the merge driver.
  void start(bool driver_on_sam) {
    run("/usr/bin/git", {"init", "-q", "--bare", remote().string()});
    run("balance", {"init", machine("alex").string(), "--person", "alex", "--person", "sam", "--git"});
    in("alex", "balance", {"git", "remote", "add", "origin", remote().string()});
    in("alex", "balance-boundaries", {"--as", "alex", "add", "I need quiet mornings", "--at", "2026-10-01"});
    REQUIRE(in("alex", "balance", {"sync"}).status == 0);
    run("/usr/bin/git", {"clone", "-q", remote().string(), machine("sam").string()});
    if (driver_on_sam) REQUIRE(in("sam", "balance", {"git", "setup"}).status == 0);
  }

  std::string boundary_id() const { return first_id(const_cast<two_machines*>(this)->read_at("alex", "boundaries/alex.toml")); }

  std::string read_at(const std::string& name, const std::string& relative) {
    std::ifstream in(machine(name) / relative, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  // Fifty records of all kinds by `who`, offline.
  void fifty(const std::string& name, const std::string& who) {
    std::string b = boundary_id().substr(0, 6);
    for (int i = 0; i < 50; ++i) {
      std::string day = fmt_day(i);
      switch (i % 3) {
        case 0: REQUIRE(in(name, "balance-checkin", {"--as", who, "-q", "--heard", "4", "--at", day}).status == 0); break;
        case 1: REQUIRE(in(name, "balance-ledger", {"--as", who, "-q", "add", "chore", "task " + std::to_string(i), "--at", day}).status == 0); break;
        default: REQUIRE(in(name, "balance-boundaries", {"--as", who, "-q", "respected", b, "--who", who, "--at", day}).status == 0); break;
      }
    }
  }
  static std::string fmt_day(int i) {
    int day = 1 + i % 28;
    int month = 9 + (i / 28);
    return "2026-" + std::string(month < 10 ? "0" : "") + std::to_string(month) + "-" + (day < 10 ? "0" : "") +
           std::to_string(day) + " " + (i % 2 ? "09" : "18") + ":" + (i < 10 ? "0" : "") + std::to_string(i % 60);
  }

  std::set<std::string> ids(const std::string& name) {
    std::set<std::string> out;
    for (const char* tool : {"balance-checkin", "balance-ledger"}) {
      auto list = nlohmann::json::parse(in(name, tool, {"--as", "alex", "list", "--period", "all", "--format", "json"}).out);
      for (const auto& r : list) out.insert(r["id"].get<std::string>());
    }
    auto events = nlohmann::json::parse(in(name, "balance-boundaries", {"--as", "alex", "log", "--format", "json"}).out);
    for (const auto& r : events) out.insert(r["id"].get<std::string>());
    return out;
  }
};

}  // namespace

TEST_CASE("git: init --git sets up the driver, attributes, autocommit and a first commit", "[git]") {
  two_machines s;
  s.start(false);
  CHECK_THAT(s.read_at("alex", ".gitattributes"), Catch::Contains("*.toml merge=balance\n") && Catch::Contains("/balance.toml merge=text\n"));
  CHECK_THAT(s.read_at("alex", "balance.toml"), Catch::Contains("autocommit = true"));
  CHECK(s.git("alex", {"config", "--get", "merge.balance.driver"}).out == "balance merge-driver %O %A %B %P\n");
  // A record moving month must not look like a renamed file to git.
  CHECK(s.git("alex", {"config", "--get", "merge.renames"}).out == "false\n");
  CHECK(s.git("alex", {"log", "--format=%s"}).out == "balance-boundaries: added boundary " + s.boundary_id().substr(0, 7) +
                                                        " (alex); review monthly\nbalance: init\n");
  // setup is idempotent and says so.
  result again = s.in("alex", "balance", {"git", "setup"});
  CHECK(again.status == 0);
  CHECK(again.err == "git is already set up for balance; nothing changed\n");
  result hooks = s.in("alex", "balance", {"git", "setup", "--hooks"});
  CHECK(hooks.err == "set up git for balance: pre-commit hook\n");
  CHECK(fs::exists(s.machine("alex") / ".git/hooks/pre-commit"));
  CHECK(s.in("alex", "balance", {"git", "setup", "--bogus"}).status == 64);
  // Outside git, setup explains what to do.
  sandbox plain;
  plain.init_couple();
  result outside = plain.run("balance", {"git", "setup"});
  CHECK(outside.status == 64);
  CHECK_THAT(outside.err, Catch::Contains("not in a git repository"));
}

TEST_CASE("git: two partners add 50 records each offline, sync, and both have all of them (with the driver)", "[git][sync]") {
  two_machines s;
  s.start(true);
  s.fifty("alex", "alex");
  s.fifty("sam", "sam");
  // sam has autocommit from balance.toml too: every write is its own commit.
  CHECK(s.git("sam", {"status", "--porcelain"}).out.empty());
  CHECK(s.in("alex", "balance", {"sync"}).status == 0);
  result sam = s.in("sam", "balance", {"sync"});
  CHECK(sam.status == 0);
  CHECK(sam.err == "synced with origin\n");
  CHECK(s.in("alex", "balance", {"sync"}).status == 0);
  auto alex_ids = s.ids("alex");
  CHECK(alex_ids.size() == 100);
  CHECK(alex_ids == s.ids("sam"));
  CHECK(s.in("sam", "balance", {"check", "-q"}).status == 0);
}

TEST_CASE("git: without the driver, per-author files still merge cleanly", "[git][sync]") {
  two_machines s;
  s.start(false);
  CHECK(s.git("sam", {"config", "--get", "merge.balance.driver"}).status != 0);
  s.fifty("alex", "alex");
  s.fifty("sam", "sam");
  CHECK(s.in("alex", "balance", {"sync"}).status == 0);
  CHECK(s.in("sam", "balance", {"sync"}).status == 0);
  CHECK(s.in("alex", "balance", {"sync"}).status == 0);
  CHECK(s.ids("alex").size() == 100);
  CHECK(s.ids("alex") == s.ids("sam"));
}

TEST_CASE("git: the same person on two machines appending to one month file merges cleanly with the driver", "[git][merge]") {
  two_machines s;
  s.start(true);
  // Both machines are alex: same author, same month file.
  s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "bins", "--at", "2026-11-03"});
  s.in("sam", "balance-ledger", {"--as", "alex", "add", "chore", "laundry", "--at", "2026-11-04"});
  s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "dishes", "--at", "2026-11-05"});
  CHECK(s.in("alex", "balance", {"sync"}).status == 0);
  result merged = s.in("sam", "balance", {"sync"});
  CHECK(merged.status == 0);
  std::string text = s.read_at("sam", "ledger/alex/2026-11.toml");
  CHECK(text.find("bins") < text.find("laundry"));
  CHECK(text.find("laundry") < text.find("dishes"));
  CHECK(s.in("sam", "balance", {"check", "-q"}).status == 0);
}

TEST_CASE("git: one record edited differently on both sides conflicts on that record only", "[git][merge]") {
  two_machines s;
  s.start(true);
  s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "bins", "--at", "2026-11-03"});
  s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "laundry", "--at", "2026-11-04"});
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  REQUIRE(s.in("sam", "balance", {"sync"}).status == 0);
  std::string id = first_id(s.read_at("sam", "ledger/alex/2026-11.toml"));
  s.in("alex", "balance-ledger", {"--as", "alex", "edit", id.substr(0, 6), "--note", "alex's note"});
  s.in("sam", "balance-ledger", {"--as", "sam", "edit", id.substr(0, 6), "--note", "sam's note"});
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  result conflict = s.in("sam", "balance", {"sync"});
  CHECK(conflict.status == 1);
  CHECK_THAT(conflict.err, Catch::Contains("conflicts in: ledger/alex/2026-11.toml") && Catch::Contains("balance check"));
  std::string text = s.read_at("sam", "ledger/alex/2026-11.toml");
  CHECK_THAT(text, Catch::Contains("<<<<<<< ours\n[[entry]]\nid = \"" + id) && Catch::Contains("note = \"sam's note\"\n=======\n") &&
                       Catch::Contains("note = \"alex's note\"\n>>>>>>> theirs\n"));
  // The other record merged untouched, outside the markers.
  CHECK(text.rfind("laundry") > text.find(">>>>>>> theirs"));
  result check = s.in("sam", "balance", {"check"});
  CHECK(check.status == 65);
  CHECK_THAT(check.out, Catch::StartsWith("ledger/alex/2026-11.toml:") && Catch::Contains("unresolved merge conflict marker"));

  // A write while the merge waits is saved and staged for the merge commit, and says so.
  result during = s.in("sam", "balance-ledger", {"--as", "sam", "add", "chore", "plants", "--at", "2026-11-05"});
  CHECK(during.status == 0);
  CHECK_THAT(during.err, Catch::Contains("the change is saved but was not committed: a merge is in progress (a sync stopped at a "
                                         "conflict), so it is staged and goes into the merge commit"));
  CHECK_THAT(s.git("sam", {"diff", "--cached", "--name-only"}).out, Catch::Contains("ledger/sam/2026-11.toml"));
}

TEST_CASE("git: undo takes back your own unpushed commits, N at a time, and refuses what balance did not commit", "[git][undo]") {
  two_machines s;
  s.start(true);
  std::string pushed_head = s.git("alex", {"rev-parse", "HEAD"}).out;
  for (const char* what : {"bins", "dishes", "laundry"})
    s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", what, "--at", "2026-11-03"});
  CHECK(s.git("alex", {"log", "-1", "--format=%s"}).out.starts_with("balance-ledger: added entry "));
  std::string before = s.read_at("alex", "ledger/alex/2026-11.toml");

  // A dry run and a refused undo change nothing; the refusal names the commit at fault.
  result dry = s.in("alex", "balance", {"undo", "2", "--dry-run"});
  CHECK(dry.status == 0);
  CHECK_THAT(dry.err, Catch::StartsWith("would undo \"balance-ledger: added entry ") && Catch::Contains("(chore, alex)\"\nwould undo"));
  result too_far = s.in("alex", "balance", {"undo", "4"});
  CHECK(too_far.status == 1);
  CHECK_THAT(too_far.err, Catch::Contains("cannot undo 4 commits, nothing was undone: commit 4 back") &&
                              Catch::Contains("is already pushed, so your partner may have it; `balance undo --pushed`"));
  CHECK(s.read_at("alex", "ledger/alex/2026-11.toml") == before);
  result zero = s.in("alex", "balance", {"undo", "0"});
  CHECK(zero.status == 64);
  CHECK(zero.err == "balance: undo N counts commits to take back: 1 or more, not 0\n");

  // Two at once, then one more: each undo continues where the last stopped, and the commits are gone.
  result two = s.in("alex", "balance", {"undo", "2"});
  CHECK(two.status == 0);
  CHECK_THAT(two.err, Catch::Contains("undid \"balance-ledger: added entry ") && Catch::Contains("(they were not pushed, so they are gone"));
  CHECK(s.read_at("alex", "ledger/alex/2026-11.toml").find("laundry") == std::string::npos);
  CHECK(s.read_at("alex", "ledger/alex/2026-11.toml").find("dishes") == std::string::npos);
  result one = s.in("alex", "balance", {"undo"});
  CHECK(one.status == 0);
  CHECK_THAT(one.err, Catch::Contains("(it was not pushed, so it is gone from the history; `balance git reset --hard "));
  CHECK_FALSE(fs::exists(s.machine("alex") / "ledger/alex/2026-11.toml"));
  CHECK(s.git("alex", {"rev-parse", "HEAD"}).out == pushed_head);

  // What is left was pushed: refused without --pushed.
  result pushed = s.in("alex", "balance", {"undo"});
  CHECK(pushed.status == 1);
  CHECK_THAT(pushed.err, Catch::Contains("the latest commit, \"balance-boundaries: added boundary ") && Catch::Contains("is already pushed"));

  // A commit of one's own, outside balance, is never taken back, even with --pushed.
  std::ofstream(s.machine("alex") / "notes.txt") << "ours\n";
  s.git("alex", {"add", "notes.txt"});
  s.git("alex", {"commit", "-q", "-m", "a note of our own"});
  result foreign = s.in("alex", "balance", {"undo", "--pushed"});
  CHECK(foreign.status == 1);
  CHECK_THAT(foreign.err, Catch::Contains("not one balance made (\"a note of our own\")"));

  // A dirty tree is refused.
  s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "dishes"});
  std::ofstream(s.machine("alex") / "balance.toml", std::ios::app) << "# a local note\n";
  result dirty = s.in("alex", "balance", {"undo"});
  CHECK(dirty.status == 1);
  CHECK_THAT(dirty.err, Catch::Contains("uncommitted changes"));
}

TEST_CASE("git: undo never takes back a partner's commit or a merge without --pushed, and then reverts with a new commit", "[git][undo]") {
  two_machines s;
  s.start(true);
  // sam's machine has its own git identity.
  s.env["GIT_AUTHOR_NAME"] = "Sam";
  s.env["GIT_AUTHOR_EMAIL"] = "sam@balance.invalid";
  s.in("sam", "balance-ledger", {"--as", "sam", "add", "chore", "shopping", "--at", "2026-11-04"});
  REQUIRE(s.in("sam", "balance", {"sync"}).status == 0);
  s.env["GIT_AUTHOR_NAME"] = "Balance Test";
  s.env["GIT_AUTHOR_EMAIL"] = "test@balance.invalid";
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  REQUIRE(fs::exists(s.machine("alex") / "ledger/sam/2026-11.toml"));

  result theirs = s.in("alex", "balance", {"undo"});
  CHECK(theirs.status == 1);
  CHECK_THAT(theirs.err, Catch::Contains("was made by Sam <sam@balance.invalid>, not by this clone (Balance Test <test@balance.invalid>)"));
  CHECK(fs::exists(s.machine("alex") / "ledger/sam/2026-11.toml"));

  result revert = s.in("alex", "balance", {"undo", "--pushed"});
  CHECK(revert.status == 0);
  CHECK_THAT(revert.err, Catch::Contains("undid \"balance-ledger: added entry ") &&
                             Catch::Contains("(by a new commit that reverts it; `balance sync` shares it)"));
  CHECK_FALSE(fs::exists(s.machine("alex") / "ledger/sam/2026-11.toml"));
  CHECK(s.git("alex", {"log", "-1", "--format=%s"}).out.starts_with("balance: undid \"balance-ledger: added entry "));
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  REQUIRE(s.in("sam", "balance", {"sync"}).status == 0);
  CHECK_FALSE(fs::exists(s.machine("sam") / "ledger/sam/2026-11.toml"));

  // Both add offline, then sync: alex's latest commit is the merge, which undo never takes back.
  s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "bins", "--at", "2026-11-05"});
  s.in("sam", "balance-ledger", {"--as", "sam", "add", "chore", "plants", "--at", "2026-11-05"});
  REQUIRE(s.in("sam", "balance", {"sync"}).status == 0);
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  REQUIRE(s.git("alex", {"log", "-1", "--format=%p"}).out.find(' ') != std::string::npos);
  result merge = s.in("alex", "balance", {"undo", "--pushed"});
  CHECK(merge.status == 1);
  CHECK_THAT(merge.err, Catch::Contains("is a merge (from sync or git)"));
}

TEST_CASE("git: undo says plainly that a private write cannot be taken back by git", "[git][undo][private]") {
  two_machines s;
  s.start(true);
  s.env["BALANCE_USER"] = "alex";
  s.in("alex", "balance-ledger", {"add", "chore", "bins", "--at", "2026-11-03"});
  result priv = s.in("alex", "balance-checkin", {"--heard", "4", "--private"});
  REQUIRE(priv.status == 0);
  std::string head = s.git("alex", {"rev-parse", "HEAD"}).out;
  result plain = s.in("alex", "balance", {"undo"});
  CHECK(plain.status == 1);
  std::string id = priv.err.substr(priv.err.find("added check-in ") + 15, 7);
  CHECK_THAT(plain.err, Catch::Contains("your latest change, \"balance-checkin: added check-in " + id) &&
                            Catch::Contains("was to private records: they live outside the shared repository and its git, "
                                            "so undo cannot take it back (`balance-checkin rm " + id +
                                            "` or `balance-checkin edit " + id + "` changes it); "
                                            "to take back balance's latest commit before it, run `balance undo 1`"));
  CHECK(s.git("alex", {"rev-parse", "HEAD"}).out == head);
  // Saying how many takes back the shared commit, with the same plain note first.
  result one = s.in("alex", "balance", {"undo", "1"});
  CHECK(one.status == 0);
  CHECK_THAT(one.err, Catch::StartsWith("your latest change, \"balance-checkin: added check-in ") &&
                          Catch::Contains("\nundid \"balance-ledger: added entry "));
  CHECK_FALSE(fs::exists(s.machine("alex") / "ledger/alex/2026-11.toml"));
  // The private check-in is still there, and the note is not repeated once a commit followed it.
  CHECK(s.in("alex", "balance-checkin", {"list", "--mine", "--period", "all"}).out.find("(private)") != std::string::npos);
  s.in("alex", "balance-ledger", {"add", "chore", "dishes", "--at", "2026-11-06"});
  result after = s.in("alex", "balance", {"undo"});
  CHECK(after.status == 0);
  CHECK(after.err.find("private") == std::string::npos);
}

TEST_CASE("git: a failed autocommit is reported and the data stays", "[git]") {
  two_machines s;
  s.start(false);
  // No identity at all: git refuses to commit.
  s.env.erase("GIT_AUTHOR_NAME");
  s.env.erase("GIT_AUTHOR_EMAIL");
  s.env.erase("GIT_COMMITTER_NAME");
  s.env.erase("GIT_COMMITTER_EMAIL");
  s.env["EMAIL"] = "";
  s.git("alex", {"config", "user.useConfigOnly", "true"});
  result r = s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "bins"});
  CHECK(r.status == 0);
  CHECK_THAT(r.err, Catch::Contains("the change is saved but was not committed"));
  CHECK(fs::exists(s.machine("alex") / "ledger/alex/2026-11.toml"));

  // The next write's commit holds that record too, and says so: undo would take back both.
  std::string bins = first_id(s.in("alex", "balance-ledger", {"--as", "alex", "list", "--format", "toml"}).out);
  s.env["GIT_AUTHOR_NAME"] = s.env["GIT_COMMITTER_NAME"] = "Balance Test";
  s.env["GIT_AUTHOR_EMAIL"] = s.env["GIT_COMMITTER_EMAIL"] = "test@balance.invalid";
  result next = s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "dishes", "--at", "2026-11-22T20:00"});
  CHECK(next.err.find("not committed") == std::string::npos);
  result subject = s.git("alex", {"log", "-1", "--format=%s"});
  CHECK_THAT(subject.out, Catch::EndsWith(" (chore, alex) (also a record left uncommitted by an earlier write: " +
                                          bins.substr(0, 7) + ")\n"));
  result undo = s.in("alex", "balance", {"undo", "--dry-run"});
  CHECK_THAT(undo.err, Catch::Contains("left uncommitted by an earlier write: " + bins.substr(0, 7)));
  // A write of its own records only says nothing more.
  s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "floor"});
  CHECK(s.git("alex", {"log", "-1", "--format=%s"}).out.find("also") == std::string::npos);
}

TEST_CASE("git: sync without a remote, and a rejected push, say what to do", "[git][sync]") {
  sandbox plain;
  plain.run("balance", {"init", plain.repo().string(), "--person", "alex", "--me", "alex", "--git"});
  plain.cwd = plain.repo();
  result none = plain.run("balance", {"sync"});
  CHECK(none.status == 66);
  CHECK(none.err == "balance: there is no remote to sync with; add one with `balance git remote add origin URL`\n");

  two_machines s;
  s.start(true);
  // Pushes go to a second remote whose history has moved on: the pull succeeds, the push is refused.
  s.run("/usr/bin/git", {"clone", "-q", "--bare", s.remote().string(), (s.dir() / "other.git").string()});
  s.run("/usr/bin/git", {"clone", "-q", (s.dir() / "other.git").string(), (s.dir() / "third").string()});
  s.in("third", "balance-ledger", {"--as", "sam", "add", "chore", "elsewhere"});
  s.git("third", {"push", "-q"});
  s.git("alex", {"config", "remote.origin.pushurl", (s.dir() / "other.git").string()});
  s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "mine"});
  result rejected = s.in("alex", "balance", {"sync"});
  CHECK(rejected.status == 75);
  CHECK_THAT(rejected.err, Catch::Contains("the remote moved on") && Catch::Contains("balance sync"));
}

TEST_CASE("git: the merge driver falls back for balance.toml and leaves ours untouched on bad input", "[git][merge]") {
  sandbox s;
  s.init_couple();
  // Changes far enough apart for git's own text merge (adjacent lines would conflict there too).
  s.write("base", "a\nb\nc\nd\ne\n");
  s.write("ours", "a\nB\nc\nd\ne\n");
  s.write("theirs", "a\nb\nc\nd\nE\n");
  result text = s.run("balance", {"merge-driver", "base", "ours", "theirs", "balance.toml"});
  CHECK(text.status == 0);
  CHECK(s.read("ours") == "a\nB\nc\nd\nE\n");
  s.write("theirs", "a\nb2\nc\nd\ne\n");
  CHECK(s.run("balance", {"merge-driver", "base", "ours", "theirs", "balance.toml"}).status == 1);

  // git passes bare file names relative to the work tree's top.
  std::string a = "[[entry]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-11-02T08:00:00+01:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"a\"\n";
  std::string b = "[[entry]]\nid = \"bbbbbbbbbbbb\"\nat = 2026-11-03T08:00:00+01:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"b\"\n";
  s.write(".merge_file_base", "");
  s.write(".merge_file_ours", a);
  s.write(".merge_file_theirs", b);
  result bare = s.run("balance", {"merge-driver", ".merge_file_base", ".merge_file_ours", ".merge_file_theirs", "ledger/sam/2026-11.toml"});
  CHECK(bare.status == 0);
  CHECK(bare.err.empty());
  CHECK(s.read(".merge_file_ours") == a + "\n" + b);

  std::string good = "[[entry]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-11-02T08:00:00+01:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"x\"\n";
  s.write("base", good);
  s.write("ours", "[[entry]\n");
  s.write("theirs", good);
  result bad = s.run("balance", {"merge-driver", "base", "ours", "theirs", "ledger/sam/2026-11.toml"});
  CHECK(bad.status == 1);
  CHECK_THAT(bad.err, Catch::Contains("cannot merge by record, leaving our version untouched") && Catch::Contains("(ours):1:"));
  CHECK(s.read("ours") == "[[entry]\n");
  CHECK(s.run("balance", {"merge-driver", "base", "ours"}).status == 64);
}

TEST_CASE("git: balance git runs git in the repository from anywhere", "[git]") {
  two_machines s;
  s.start(false);
  s.cwd = s.dir();
  result r = s.run("balance", {"-C", s.machine("alex").string(), "git", "log", "--format=%s", "-1"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("balance-boundaries: added boundary"));
}

TEST_CASE("git: undo never reverts the commit that created the repository", "[git][undo]") {
  sandbox s;
  s.run("balance", {"init", s.repo().string(), "--person", "alex", "--me", "alex", "--git"});
  s.cwd = s.repo();
  result r = s.run("balance", {"undo"});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains("created the repository"));
  CHECK(fs::exists(s.repo() / "balance.toml"));
}

TEST_CASE("git: a first sync merges what the remote already has, then pushes", "[git][sync]") {
  two_machines s;
  s.start(false);
  // A second machine that cloned, set an upstream-less branch, and wrote before its first sync.
  s.run("/usr/bin/git", {"clone", "-q", s.remote().string(), s.machine("laptop").string()});
  s.git("laptop", {"branch", "--unset-upstream"});
  s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "from alex"});
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  s.in("laptop", "balance-ledger", {"--as", "sam", "add", "chore", "from the laptop"});
  result first = s.in("laptop", "balance", {"sync"});
  CHECK(first.status == 0);
  CHECK(s.in("alex", "balance", {"sync"}).status == 0);
  CHECK_THAT(s.in("alex", "balance-ledger", {"--as", "alex", "list"}).out, Catch::Contains("from the laptop"));
}

TEST_CASE("git: --help of git and merge-driver is balance's own", "[git]") {
  sandbox s;
  result git = s.run("balance", {"git", "--help"});
  CHECK(git.status == 0);
  CHECK_THAT(git.out, Catch::StartsWith("Usage: balance git setup [--hooks]"));
  CHECK(s.run("balance", {"git", "setup", "--help"}).status == 0);
  result driver = s.run("balance", {"merge-driver", "--help"});
  CHECK(driver.status == 0);
  CHECK_THAT(driver.out, Catch::StartsWith("Usage: balance [-C DIR] merge-driver BASE OURS THEIRS PATH"));
}

TEST_CASE("git: the words after `balance git` reach git as given, options before git's own word too", "[git]") {
  two_machines s;
  s.start(false);
  // -c is git's option, not balance's: it and its value go through, in order.
  result r = s.in("alex", "balance", {"git", "-c", "log.showSignature=false", "log", "--format=%s", "-1"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("balance-boundaries: added boundary"));
  // `setup` is balance's only after `git` itself, never as a later argument.
  result later = s.in("alex", "balance", {"git", "log", "--format=%s", "-1", "setup"});
  CHECK(later.status == 128);
  result bare = s.run("balance", {"git"});
  CHECK(bare.status == 64);
  CHECK_THAT(bare.out, Catch::StartsWith("Usage: balance git setup [--hooks]"));
  result quiet = s.in("alex", "balance", {"git", "setup", "-q", "--hooks"});
  CHECK(quiet.status == 0);
  CHECK(quiet.err.empty());
}

TEST_CASE("git: a remove that empties a month file against an edit there is a conflict of that one record", "[git][sync]") {
  two_machines s;
  s.start(true);
  s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "dishes", "--at", "2026-11-20"});
  s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "bins", "--at", "2026-11-21"});
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  REQUIRE(s.in("sam", "balance", {"sync"}).status == 0);
  auto list = nlohmann::json::parse(s.in("alex", "balance-ledger", {"--as", "alex", "list", "--format", "json"}).out);
  REQUIRE(list.size() == 2);
  std::string dishes = list[0]["id"], bins = list[1]["id"];
  // alex removes both (the month file goes); sam edits one of them.
  REQUIRE(s.in("alex", "balance-ledger", {"--as", "alex", "rm", dishes.substr(0, 6)}).status == 0);
  REQUIRE(s.in("alex", "balance-ledger", {"--as", "alex", "rm", bins.substr(0, 6)}).status == 0);
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  REQUIRE(s.in("sam", "balance-ledger", {"--as", "sam", "edit", bins.substr(0, 6), "--minutes", "10"}).status == 0);
  result sync = s.in("sam", "balance", {"sync"});
  CHECK(sync.status == 1);
  CHECK_THAT(sync.err, Catch::Contains("the merge has conflicts in: ledger/alex/2026-11.toml") &&
                           Catch::Contains("removed on one side and changed on the other: " + bins.substr(0, 7)));
  // The markers are there, around that one record only, and balance check names them.
  std::string text = s.read_at("sam", "ledger/alex/2026-11.toml");
  CHECK_THAT(text, Catch::StartsWith("<<<<<<< ours\n[[entry]]\nid = \"" + bins) && Catch::Contains("minutes = 10\n=======\n>>>>>>> theirs\n"));
  CHECK(text.find(dishes) == std::string::npos);
  result check = s.in("sam", "balance", {"check"});
  CHECK(check.status == 65);
  CHECK_THAT(check.out, Catch::StartsWith("ledger/alex/2026-11.toml:1:1: unresolved merge conflict marker"));
  // Keep the edited one: delete the markers, commit, sync; alex gets it back.
  std::string kept = text.substr(text.find("[[entry]]"));
  kept = kept.substr(0, kept.find("=======\n"));
  s.write("../sam/ledger/alex/2026-11.toml", kept);
  CHECK(s.in("sam", "balance", {"check"}).status == 0);
  REQUIRE(s.in("sam", "balance", {"git", "commit", "-qam", "keep the edited bins"}).status == 0);
  REQUIRE(s.in("sam", "balance", {"sync"}).status == 0);
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  CHECK_THAT(s.in("alex", "balance-ledger", {"--as", "alex", "show", bins.substr(0, 6)}).out, Catch::Contains("minutes  10"));
}

TEST_CASE("git: a remove that empties a month file against an add there merges cleanly", "[git][sync]") {
  two_machines s;
  s.start(true);
  s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "dishes", "--at", "2026-11-20"});
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  REQUIRE(s.in("sam", "balance", {"sync"}).status == 0);
  std::string dishes = nlohmann::json::parse(s.in("alex", "balance-ledger", {"--as", "alex", "list", "--format", "json"}).out)[0]["id"];
  REQUIRE(s.in("alex", "balance-ledger", {"--as", "alex", "rm", dishes.substr(0, 6)}).status == 0);
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  // sam adds, on sam's machine, a record that lands in alex's month file (as alex, sharing it).
  REQUIRE(s.in("sam", "balance-ledger", {"--as", "alex", "add", "chore", "laundry", "--at", "2026-11-21"}).status == 0);
  result sync = s.in("sam", "balance", {"sync"});
  CHECK(sync.status == 0);
  CHECK(sync.err == "synced with origin\n");
  std::string text = s.read_at("sam", "ledger/alex/2026-11.toml");
  CHECK(text.find("laundry") != std::string::npos);
  CHECK(text.find(dishes) == std::string::npos);
  CHECK(s.git("sam", {"status", "--porcelain"}).out.empty());
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  CHECK(s.read_at("alex", "ledger/alex/2026-11.toml") == text);
}

TEST_CASE("git: a remote that moves during the push is 75, remote moved on, and the next sync works", "[git][sync]") {
  two_machines s;
  s.start(true);
  REQUIRE(s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "dishes"}).status == 0);
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  // A hook on the remote moves the branch back one commit just before the push lands: the ref
  // changes under the push, deterministically.
  fs::path hook = s.remote() / "hooks" / "pre-receive";
  std::ofstream(hook) << "#!/bin/sh\n"
                         "while read old new ref; do\n"
                         "  parent=$(git rev-parse \"$old~1\" 2>/dev/null) && env -u GIT_QUARANTINE_PATH git update-ref \"$ref\" \"$parent\"\n"
                         "done\n"
                         "exit 0\n";
  fs::permissions(hook, fs::perms::owner_all);
  REQUIRE(s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "bins"}).status == 0);
  result raced = s.in("alex", "balance", {"sync"});
  CHECK(raced.status == 75);
  CHECK(raced.err == "balance: the remote moved on while syncing: someone pushed in between. Run `balance sync` again\n");
  fs::remove(hook);
  CHECK(s.in("alex", "balance", {"sync"}).status == 0);
}

TEST_CASE("git: a local branch that tracks an upstream of another name syncs to that upstream", "[git][sync]") {
  two_machines s;
  s.start(true);
  std::string branch = first_line_of(s.git("sam", {"rev-parse", "--abbrev-ref", "HEAD"}).out);
  REQUIRE(s.git("sam", {"checkout", "-q", "-b", "mine", "--track", "origin/" + branch}).status == 0);
  REQUIRE(s.in("sam", "balance-ledger", {"--as", "sam", "add", "chore", "laundry"}).status == 0);
  s.git("sam", {"-c", "user.name=sam", "-c", "user.email=sam@example.org", "commit", "-qam", "balance-ledger: laundry"});
  result sync = s.in("sam", "balance", {"sync"});
  CHECK(sync.status == 0);
  CHECK(sync.err == "synced with origin\n");
  REQUIRE(s.in("alex", "balance", {"sync"}).status == 0);
  CHECK(s.read_at("alex", "ledger/sam/2026-11.toml").find("laundry") != std::string::npos);
}

TEST_CASE("git: the pre-commit hook checks the staged files only, so one broken file elsewhere blocks nothing", "[git][hooks]") {
  two_machines s;
  s.start(true);
  REQUIRE(s.in("alex", "balance", {"git", "setup", "--hooks"}).status == 0);
  // A broken file nobody is committing: a write elsewhere still commits.
  s.write("../alex/ledger/sam/2026-10.toml", "[[entry]]\nid = \"bad\"\n");
  result add = s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "dishes"});
  CHECK(add.status == 0);
  CHECK(add.err.find("not committed") == std::string::npos);
  CHECK(s.git("alex", {"log", "-1", "--format=%s"}).out.starts_with("balance-ledger: added entry"));
  // A staged broken file is refused, naming it.
  s.git("alex", {"add", "ledger/sam/2026-10.toml"});
  result commit = s.git("alex", {"-c", "user.name=a", "-c", "user.email=a@example.org", "commit", "-qm", "broken"});
  CHECK(commit.status != 0);
  CHECK_THAT(commit.out + commit.err, Catch::Contains("ledger/sam/2026-10.toml"));
}

TEST_CASE("git: removing a hand-added record that was never committed has nothing to commit, and says nothing of it",
          "[git]") {
  two_machines s;
  s.start(false);
  REQUIRE(s.in("alex", "balance-ledger", {"--as", "alex", "add", "chore", "bins"}).status == 0);
  std::string before = s.git("alex", {"log", "--format=%s"}).out;
  const fs::path file = s.machine("alex") / "ledger/alex/2026-11.toml";
  std::string committed = s.read_at("alex", "ledger/alex/2026-11.toml");
  {
    std::ofstream out(file, std::ios::app);
    out << "\n[[entry]]\nid = \"abcdabcdabcd\"\nat = 2026-11-22T21:30:00+01:00\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"by hand\"\n";
  }
  result rm = s.in("alex", "balance-ledger", {"--as", "alex", "rm", "abcdabcd"});
  CHECK(rm.status == 0);
  CHECK(rm.err == "removed entry abcdabc (chore, alex)\n");
  CHECK(s.read_at("alex", "ledger/alex/2026-11.toml") == committed);
  CHECK(s.git("alex", {"log", "--format=%s"}).out == before);
  CHECK(s.git("alex", {"status", "--porcelain"}).out.empty());
}

TEST_CASE("git: init --me in a fresh clone sets up the merge driver, changing nothing in the repository", "[git][init]") {
  // Found in a trial: the clone's partner ran `balance init --me sam` as the docs say, and their
  // syncs then merged record files line by line, since git keeps the driver in .git/config.
  two_machines s;
  s.start(false);
  CHECK(s.git("sam", {"config", "--get", "merge.balance.driver"}).status == 1);
  std::string attributes = s.read_at("sam", ".gitattributes");
  result me = s.in("sam", "balance", {"init", "--me", "sam"});
  CHECK(me.status == 0);
  CHECK_THAT(me.err, Catch::EndsWith("set up git for balance: merge driver\n"));
  CHECK(s.git("sam", {"config", "--get", "merge.balance.driver"}).out == "balance merge-driver %O %A %B %P\n");
  CHECK(s.read_at("sam", ".gitattributes") == attributes);
  CHECK(s.git("sam", {"status", "--porcelain"}).out.empty());
  // Once set, saying who you are again says nothing about git.
  result again = s.in("sam", "balance", {"init", "--me", "sam"});
  CHECK(again.err.find("set up git") == std::string::npos);
}
