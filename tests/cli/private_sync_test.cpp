// Your own private sync through real git: one person's two computers (two homes, two clones of
// the shared repository) with a bare remote of that person's own, the partner's clone beside
// them, and every way the shared remote could be mistaken for the private one.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/harness.hpp"

using balance_test::result;
using balance_test::sandbox;
namespace fs = std::filesystem;

namespace {

// The shared remote, alex's private remote, and a home and clone per computer.
struct computers : sandbox {
  fs::path shared_remote() const { return dir() / "shared.git"; }
  fs::path private_remote() const { return dir() / "alex-private.git"; }
  fs::path clone(const std::string& name) const { return dir() / name / "repo"; }

  // Runs as a person on one computer: that computer's home and XDG dirs, in its clone.
  result on(const std::string& name, const std::string& program, const std::vector<std::string>& args,
            const std::string& input = "") {
    fs::path base = dir() / name;
    fs::create_directories(base / "home");
    env["HOME"] = (base / "home").string();
    env["XDG_CONFIG_HOME"] = (base / "config").string();
    env["XDG_DATA_HOME"] = (base / "data").string();
    env["XDG_CACHE_HOME"] = (base / "cache").string();
    cwd = fs::exists(clone(name)) ? clone(name) : base;
    return run(program, args, input);
  }
  result git(const std::vector<std::string>& args) const { return run("/usr/bin/git", args); }

  // alex's laptop makes the repository and shares it; `name` clones it and says who they are.
  void start() {
    git({"init", "-q", "--bare", shared_remote().string()});
    git({"init", "-q", "--bare", private_remote().string()});
    REQUIRE(on("laptop", "balance", {"init", clone("laptop").string(), "--person", "alex", "--person", "sam", "--me",
                                     "alex", "--git"}).status == 0);
    REQUIRE(on("laptop", "balance", {"git", "remote", "add", "origin", shared_remote().string()}).status == 0);
    REQUIRE(on("laptop", "balance", {"sync"}).status == 0);
  }
  void join(const std::string& name, const std::string& me) {
    fs::create_directories(dir() / name);
    REQUIRE(git({"clone", "-q", shared_remote().string(), clone(name).string()}).status == 0);
    REQUIRE(on(name, "balance", {"init", "--me", me}).status == 0);
  }
  // The private store made a git repository with alex's own remote.
  void private_git(const std::string& name, const std::vector<std::string>& init_args = {}) {
    std::vector<std::string> init = {"private", "git", "init", "-q"};
    init.insert(init.end(), init_args.begin(), init_args.end());
    REQUIRE(on(name, "balance", init).status == 0);
    REQUIRE(on(name, "balance", {"private", "git", "remote", "add", "origin", private_remote().string()}).status == 0);
  }

  std::set<std::string> page_ids(const std::string& name) {
    result list = on(name, "balance-journal", {"list", "--period", "all", "-n", "100", "--format", "json"});
    REQUIRE(list.status == 0);
    std::set<std::string> ids;
    for (const auto& page : nlohmann::json::parse(list.out)) ids.insert(page["id"].get<std::string>());
    return ids;
  }
  // Every commit of a bare remote, with its changes: what anyone who can read it can see.
  std::string everything_in(const fs::path& remote) const {
    return git({"--git-dir", remote.string(), "log", "--all", "-p", "--format=%s"}).out;
  }
};

}  // namespace

TEST_CASE("private sync: two computers of one person converge through a remote of their own, and none of it is shared",
          "[private][sync][git]") {
  computers s;
  s.start();
  REQUIRE(s.on("laptop", "balance-journal", {"-q", "--at", "2026-11-20 08:00", "laptop canary: I felt unheard"}).status == 0);
  REQUIRE(s.on("laptop", "balance-checkin", {"-q", "--private", "--heard", "2", "--at", "2026-11-20 09:00"}).status == 0);
  s.private_git("laptop");
  result first = s.on("laptop", "balance", {"private", "sync"});
  CHECK(first.status == 0);
  CHECK(first.out.empty());
  CHECK(first.err == "synced your private records with origin\n");

  // The desktop started its own store before it knew of the laptop's (a branch of another name,
  // too): both histories become one, and the two pages of one month file merge by id.
  s.join("desktop", "alex");
  REQUIRE(s.on("desktop", "balance-journal", {"-q", "--at", "2026-11-21 08:00", "desktop canary: \"quotes\"\tand a tab"}).status == 0);
  s.private_git("desktop", {"-b", "main"});
  CHECK(s.on("desktop", "balance", {"private", "sync"}).status == 0);
  CHECK(s.on("laptop", "balance", {"private", "sync"}).status == 0);
  CHECK(s.page_ids("laptop").size() == 2);
  CHECK(s.page_ids("laptop") == s.page_ids("desktop"));
  result check = s.on("desktop", "balance", {"check"});
  CHECK(check.status == 0);
  result mine = s.on("desktop", "balance-checkin", {"list", "--mine", "--period", "all", "--format", "json"});
  CHECK(nlohmann::json::parse(mine.out).size() == 1);

  // A second round: one new page each way, then a sync with nothing new says the same.
  REQUIRE(s.on("desktop", "balance-journal", {"-q", "--at", "2026-11-22 08:00", "third page"}).status == 0);
  CHECK(s.on("desktop", "balance", {"private", "sync"}).status == 0);
  CHECK(s.on("laptop", "balance", {"private", "sync"}).status == 0);
  CHECK(s.page_ids("laptop").size() == 3);
  CHECK(s.on("laptop", "balance", {"private", "sync"}).err == "synced your private records with origin\n");

  // Nothing private reached the shared remote, and the partner's clone has none of it.
  std::string shared = s.everything_in(s.shared_remote());
  CHECK(shared.find("canary") == std::string::npos);
  CHECK(shared.find("journal/") == std::string::npos);
  s.join("sams-phone", "sam");
  CHECK(s.on("sams-phone", "balance-journal", {"list", "--shared", "--format", "json"}).out == "[]\n");
  CHECK(s.on("sams-phone", "balance-report", {"--period", "all"}).out.find("canary") == std::string::npos);
  // The private remote holds only alex's record files and balance's two git files.
  std::string tree = s.git({"--git-dir", s.private_remote().string(), "ls-tree", "-r", "--name-only", "HEAD"}).out;
  CHECK(tree ==
        ".gitattributes\n.gitignore\ncheckins/alex/2026-11.toml\njournal/alex/2026-11.toml\n");
}

TEST_CASE("private sync: only the owner's files are committed, never another person's in the same store",
          "[private][sync][git]") {
  computers s;
  s.start();
  REQUIRE(s.on("laptop", "balance-journal", {"-q", "mine"}).status == 0);
  s.private_git("laptop");
  // Two people on one account: sam's private records sit in the same store.
  fs::path store = fs::path(s.on("laptop", "balance", {"private", "path"}).out.substr(0, s.on("laptop", "balance", {"private", "path"}).out.size() - 1));
  fs::create_directories(store / "journal/sam");
  std::ofstream(store / "journal/sam/2026-11.toml") << "[[page]]\nid = \"aaaaaaaaaaaa\"\nat = 2026-11-20T08:00:00Z\nwho = \"sam\"\ntext = \"sam's\"\n";
  std::ofstream(store / "notes.txt") << "not a record\n";
  REQUIRE(s.on("laptop", "balance", {"private", "sync"}).status == 0);
  std::string tree = s.git({"--git-dir", s.private_remote().string(), "ls-tree", "-r", "--name-only", "HEAD"}).out;
  CHECK(tree.find("journal/alex/") != std::string::npos);
  CHECK(tree.find("sam") == std::string::npos);
  CHECK(tree.find("notes.txt") == std::string::npos);
  CHECK(s.everything_in(s.private_remote()).find("sam's") == std::string::npos);
  // Forgetting safety answers says plainly that the store's history keeps earlier versions.
  REQUIRE(s.on("laptop", "balance-checkin", {"-q", "--private", "--heard", "3", "--safe", "4"}).status == 0);
  result forget = s.on("laptop", "balance-checkin", {"forget", "--safety"});
  CHECK(forget.status == 0);
  CHECK_THAT(forget.err, Catch::Contains("your private store is a git repository (your own private sync): this removes "
                                         "them from its files, but earlier versions stay in its history and on its remote"));
  // What undo remembers about this computer stays on it.
  REQUIRE(s.on("laptop", "balance-checkin", {"-q", "--private", "--heard", "3"}).status == 0);
  REQUIRE(fs::exists(store / "last-private-write.toml"));
  REQUIRE(s.on("laptop", "balance", {"private", "sync"}).status == 0);
  tree = s.git({"--git-dir", s.private_remote().string(), "ls-tree", "-r", "--name-only", "HEAD"}).out;
  CHECK(tree.find("last-private-write") == std::string::npos);
  CHECK(tree.find("checkins/alex/") != std::string::npos);
}

TEST_CASE("private sync: the shared remote is refused by any address and by its history, and nothing is pushed",
          "[private][sync][git]") {
  computers s;
  s.start();
  REQUIRE(s.on("laptop", "balance-journal", {"-q", "canary page"}).status == 0);
  REQUIRE(s.on("laptop", "balance", {"private", "git", "init", "-q"}).status == 0);
  auto refused = [&](const std::string& url) {
    result add = s.on("laptop", "balance", {"private", "git", "remote", "add", "origin", url});
    CHECK(add.status == 64);
    CHECK_THAT(add.err, Catch::Contains("is where the shared repository syncs") &&
                            Catch::Contains("would reach your partner. Use a repository of your own"));
    CHECK(s.on("laptop", "balance", {"private", "git", "remote"}).out.empty());
  };
  refused(s.shared_remote().string());
  refused("file://" + s.shared_remote().string() + "/");
  refused("file://localhost" + s.shared_remote().string());
  // git takes a relative path from the private store: four levels below the sandbox.
  refused("../../../../shared.git");
  // The repository itself.
  result self = s.on("laptop", "balance", {"private", "git", "remote", "add", "origin", s.clone("laptop").string()});
  CHECK(self.status == 64);
  CHECK_THAT(self.err, Catch::Contains("is the shared repository itself; private records never go there"));
  // A hosted shared remote, spelled another way.
  REQUIRE(s.on("laptop", "balance", {"git", "remote", "set-url", "--push", "origin", "git@example.invalid:couple/home.git"}).status == 0);
  refused("https://example.invalid/couple/home");
  refused("ssh://git@EXAMPLE.invalid:22/couple/home.git");

  // An address balance cannot know (another path to a copy of it): the history gives it away
  // after the fetch, before any merge or push.
  fs::path copy = s.dir() / "copy-of-shared.git";
  REQUIRE(s.git({"clone", "-q", "--bare", s.shared_remote().string(), copy.string()}).status == 0);
  std::string before = s.git({"--git-dir", copy.string(), "show-ref"}).out;
  REQUIRE(s.on("laptop", "balance", {"private", "git", "remote", "add", "origin", copy.string()}).status == 0);
  result sync = s.on("laptop", "balance", {"private", "sync"});
  CHECK(sync.status == 64);
  CHECK(sync.err ==
        "balance: the remote origin holds the shared repository's history: private records pushed there would reach "
        "everyone who can read it, your partner too. Nothing was pushed. Give the private store a repository of "
        "your own: `balance private git remote set-url origin URL`\n");
  CHECK(s.git({"--git-dir", copy.string(), "show-ref"}).out == before);
  CHECK(s.everything_in(copy).find("canary") == std::string::npos);

  // No word given to `private git` may name the shared repository: not as a push address, a
  // push target or a -c value either.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"config", "remote.origin.pushurl", s.shared_remote().string()},
        {"push", s.shared_remote().string(), "HEAD:refs/heads/x"},
        {"-c", "remote.origin.url=" + s.shared_remote().string(), "push", "origin"},
        {"remote", "--verbose", "add", "t", "file://" + s.shared_remote().string()},
        {"push", "--repo=" + s.shared_remote().string()}}) {
    std::vector<std::string> full = {"private", "git"};
    full.insert(full.end(), args.begin(), args.end());
    result word = s.on("laptop", "balance", full);
    CHECK(word.status == 64);
    CHECK_THAT(word.err, Catch::Contains("is where the shared repository syncs"));
  }
  // Addresses changed behind balance's back (plain git on the store's config) are refused by sync:
  // the fetch address, and a push address that differs from it.
  fs::path store = s.dir() / "laptop/data/balance-private";
  store /= fs::directory_iterator(store)->path().filename();
  REQUIRE(s.git({"-C", store.string(), "config", "remote.origin.url", s.private_remote().string()}).status == 0);
  REQUIRE(s.git({"-C", store.string(), "config", "remote.origin.pushurl", s.shared_remote().string()}).status == 0);
  result by_push = s.on("laptop", "balance", {"private", "sync"});
  CHECK(by_push.status == 64);
  CHECK_THAT(by_push.err, Catch::StartsWith("balance: the private store's remote origin: "));
  REQUIRE(s.git({"-C", store.string(), "config", "remote.origin.pushurl", copy.string()}).status == 0);
  result by_push_history = s.on("laptop", "balance", {"private", "sync"});
  CHECK(by_push_history.status == 64);
  CHECK_THAT(by_push_history.err, Catch::StartsWith("balance: the remote origin holds the shared repository's history"));
  CHECK(s.git({"--git-dir", copy.string(), "show-ref"}).out == before);
  CHECK(s.everything_in(s.shared_remote()).find("canary") == std::string::npos);
  CHECK(s.everything_in(s.private_remote()).find("canary") == std::string::npos);
}

TEST_CASE("private sync: a remote that holds another person's private records is refused both ways",
          "[private][sync][git]") {
  computers s;
  s.start();
  REQUIRE(s.on("laptop", "balance-journal", {"-q", "alex canary"}).status == 0);
  s.private_git("laptop");
  REQUIRE(s.on("laptop", "balance", {"private", "sync"}).status == 0);
  // sam sets up a private sync with alex's remote (a disk they share, say).
  s.join("sams-phone", "sam");
  REQUIRE(s.on("sams-phone", "balance-journal", {"-q", "sam canary"}).status == 0);
  s.private_git("sams-phone");
  result sam = s.on("sams-phone", "balance", {"private", "sync"});
  CHECK(sam.status == 64);
  CHECK_THAT(sam.err, Catch::Contains("holds private records of alex (journal/alex/") &&
                          Catch::Contains("a private remote is for one person's own records. Nothing was merged or pushed"));
  CHECK(s.on("sams-phone", "balance-journal", {"list"}).out.find("alex canary") == std::string::npos);
  CHECK(s.everything_in(s.private_remote()).find("sam canary") == std::string::npos);
}

TEST_CASE("private sync: a second sync during an unresolved conflict refuses, and so does a file with markers",
          "[private][sync][git]") {
  computers s;
  s.start();
  REQUIRE(s.on("laptop", "balance-journal", {"-q", "--at", "2026-11-20 08:00", "first draft"}).status == 0);
  s.private_git("laptop");
  REQUIRE(s.on("laptop", "balance", {"private", "sync"}).status == 0);
  s.join("desktop", "alex");
  s.private_git("desktop");
  REQUIRE(s.on("desktop", "balance", {"private", "sync"}).status == 0);
  std::string id = *s.page_ids("desktop").begin();
  REQUIRE(s.on("laptop", "balance-journal", {"-q", "edit", id, "--mood", "1"}).status == 0);
  REQUIRE(s.on("desktop", "balance-journal", {"-q", "edit", id, "--mood", "5"}).status == 0);
  REQUIRE(s.on("desktop", "balance", {"private", "sync"}).status == 0);
  REQUIRE(s.on("laptop", "balance", {"private", "sync"}).status == 1);
  std::string remote_before = s.everything_in(s.private_remote());
  result again = s.on("laptop", "balance", {"private", "sync"});
  CHECK(again.status == 1);
  CHECK_THAT(again.err, Catch::Contains("the private store is in the middle of a merge with conflicts"));
  // Committed by hand with the markers still in: still refused, naming the line.
  REQUIRE(s.on("laptop", "balance", {"private", "git", "commit", "-q", "-a", "-m", "oops"}).status == 0);
  result markers = s.on("laptop", "balance", {"private", "sync"});
  CHECK(markers.status == 1);
  CHECK_THAT(markers.err, Catch::Contains("journal/alex/2026-11.toml:") &&
                              Catch::Contains("unresolved merge conflict marker") &&
                              Catch::Contains("nothing was synced"));
  CHECK(s.everything_in(s.private_remote()) == remote_before);
  CHECK(s.on("desktop", "balance-journal", {"list"}).status == 0);
}

TEST_CASE("private sync: without a store, a git repository or a remote it says what to do", "[private][sync][git]") {
  computers s;
  s.start();
  result none = s.on("laptop", "balance", {"private", "sync"});
  CHECK(none.status == 66);
  CHECK_THAT(none.err, Catch::Contains("`balance private git init` makes a private store that can sync"));
  REQUIRE(s.on("laptop", "balance-journal", {"-q", "a page"}).status == 0);
  result not_git = s.on("laptop", "balance", {"private", "sync"});
  CHECK(not_git.status == 66);
  CHECK_THAT(not_git.err, Catch::Contains("is not a git repository yet: run `balance private git init`"));
  REQUIRE(s.on("laptop", "balance", {"private", "git", "init", "-q"}).status == 0);
  result no_remote = s.on("laptop", "balance", {"private", "sync"});
  CHECK(no_remote.status == 66);
  CHECK(no_remote.err ==
        "balance: the private store has no remote to sync with; add one of your own with `balance private git remote "
        "add origin URL`\n");
  result bare = s.on("laptop", "balance", {"private", "git"});
  CHECK(bare.status == 64);
  CHECK_THAT(bare.out, Catch::StartsWith("Usage: balance private git ARGS...\n"));
  // Before the store is a repository, git must not reach a repository around it (a home in
  // git): only init and clone run, and git finds no repository above the store either.
  REQUIRE(s.git({"init", "-q", (s.dir() / "laptop").string()}).status == 0);
  std::string path = s.on("laptop", "balance", {"private", "path"}).out;
  fs::remove_all(fs::path(path.substr(0, path.size() - 1)) / ".git");
  result status = s.on("laptop", "balance", {"private", "git", "status"});
  CHECK(status.status == 66);
  CHECK(status.err == "balance: the private store is not a git repository yet, so git status has nothing to work on: "
                      "run `balance private git init` first\n");
  result help = s.on("laptop", "balance", {"private", "git", "rev-parse", "--show-toplevel"});
  CHECK(help.status == 66);
  CHECK(s.on("laptop", "balance", {"private", "git", "help", "-a"}).status == 0);
  // `balance private` alone lists what it does.
  result alone = s.on("laptop", "balance", {"private"});
  CHECK(alone.status == 64);
  CHECK_THAT(alone.out, Catch::Contains("Usage: balance private") && Catch::Contains("sync"));
  // A fresh clone knows the store's name, but this computer has none yet.
  s.join("desktop", "alex");
  result fresh = s.on("desktop", "balance", {"private", "path"});
  CHECK(fresh.status == 1);
  CHECK_THAT(fresh.err, Catch::StartsWith("this computer has no private store for this repository yet"));
}

TEST_CASE("private sync: a page edited on both computers is a conflict of that one record, named with the private words",
          "[private][sync][git]") {
  computers s;
  s.start();
  REQUIRE(s.on("laptop", "balance-journal", {"-q", "--at", "2026-11-20 08:00", "first draft"}).status == 0);
  s.private_git("laptop");
  REQUIRE(s.on("laptop", "balance", {"private", "sync"}).status == 0);
  s.join("desktop", "alex");
  s.private_git("desktop");
  REQUIRE(s.on("desktop", "balance", {"private", "sync"}).status == 0);
  std::string id = *s.page_ids("desktop").begin();
  s.env["EDITOR"] = "sed -i s/first/laptop/";
  REQUIRE(s.on("laptop", "balance-journal", {"-q", "edit", id}).status == 0);
  s.env["EDITOR"] = "sed -i s/first/desktop/";
  REQUIRE(s.on("desktop", "balance-journal", {"-q", "edit", id}).status == 0);
  REQUIRE(s.on("laptop", "balance", {"private", "sync"}).status == 0);
  result both = s.on("desktop", "balance", {"private", "sync"});
  CHECK(both.status == 1);
  CHECK_THAT(both.err, Catch::StartsWith("balance: the merge has conflicts in: journal/alex/2026-11.toml. ") &&
                           Catch::Contains("then `balance private git commit -a` and `balance private sync` again") &&
                           Catch::Contains("balance merge-driver: journal/alex/2026-11.toml: 1 record changed on both sides") &&
                           Catch::Contains(id.substr(0, 7)));
  result check = s.on("desktop", "balance", {"check"});
  CHECK(check.status == 65);
  CHECK_THAT(check.out, Catch::Contains("journal/alex/2026-11.toml:1:1: unresolved merge conflict marker"));
}
