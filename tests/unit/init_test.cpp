#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "balance/error.hpp"
#include "balance/init.hpp"
#include "balance/repo.hpp"
#include "balance/settings.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::caught;
using balance_test::temp_dir;

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// The user config in a temporary XDG_CONFIG_HOME for one scope.
struct scoped_config_home {
  scoped_config_home() : old_(std::getenv("XDG_CONFIG_HOME")) { ::setenv("XDG_CONFIG_HOME", dir_.path().c_str(), 1); }
  ~scoped_config_home() { ::setenv("XDG_CONFIG_HOME", old_.c_str(), 1); }
  temp_dir dir_;
  std::string old_;
};

}  // namespace

TEST_CASE("init - creates balance.toml, .gitignore and the data directories", "[init]") {
  temp_dir d;
  fs::path dir = d.path() / "a" / "couple";
  init_result done = init_repo({dir, {"alex", "sam"}, ""});
  CHECK(done.created);
  CHECK(done.written == std::vector<std::string>{"balance.toml", ".gitignore"});
  CHECK(fs::is_regular_file(dir / "balance.toml"));
  for (const char* sub : {"checkins", "ledger", "boundaries"}) {
    INFO(sub);
    CHECK(fs::is_directory(dir / sub));
  }
  CHECK_FALSE(fs::exists(dir / "private"));
  CHECK(mode_of(dir) == 0700);
  CHECK_THAT(read(dir / ".gitignore"), Catch::EndsWith("\n/private/\n"));

  settings cfg = parse_settings(read(dir / "balance.toml"), "balance.toml");
  CHECK(cfg.people == std::vector<std::string>{"alex", "sam"});
  CHECK(cfg.version == 1);
  CHECK(is_valid_repo_id(cfg.repo_id));
  CHECK(cfg.warnings.empty());
  CHECK(cfg.checkin_cadence.to_string() == "weekly");
  CHECK(cfg.review_cadence.to_string() == "monthly");
  repo r = repo::open_at(dir, {"", "sam"});
  CHECK(r.me() == "sam");
  CHECK(r.private_root() == private_store_base() / cfg.repo_id);
}

TEST_CASE("init - every repository gets its own id", "[init]") {
  temp_dir d;
  init_repo({d.path() / "one", {"alex"}, ""});
  init_repo({d.path() / "two", {"alex"}, ""});
  CHECK(parse_settings(read(d.path() / "one/balance.toml"), "a").repo_id !=
        parse_settings(read(d.path() / "two/balance.toml"), "b").repo_id);
}

TEST_CASE("init - an existing repository is left exactly as it is", "[init]") {
  temp_dir d;
  init_repo({d.path(), {"alex", "sam"}, ""});
  std::string before = read(d.path() / "balance.toml");
  init_result again = init_repo({d.path(), {"robin"}, ""});
  CHECK_FALSE(again.created);
  CHECK(again.written.empty());
  CHECK(read(d.path() / "balance.toml") == before);
  // Even with no people given.
  CHECK_FALSE(init_repo({d.path(), {}, ""}).created);
}

TEST_CASE("init - a .gitignore of its own is kept and extended once", "[init]") {
  temp_dir d;
  std::ofstream(d.path() / ".gitignore") << "*.swp";
  init_result done = init_repo({d.path(), {"alex", "sam"}, ""});
  CHECK(done.written == std::vector<std::string>{"balance.toml", ".gitignore"});
  std::string text = read(d.path() / ".gitignore");
  CHECK_THAT(text, Catch::StartsWith("*.swp\n# "));
  CHECK_THAT(text, Catch::EndsWith("\n/private/\n"));

  temp_dir guarded;
  std::ofstream(guarded.path() / ".gitignore") << "/private/\n";
  init_result kept = init_repo({guarded.path(), {"alex", "sam"}, ""});
  CHECK(kept.written == std::vector<std::string>{"balance.toml"});
  CHECK(read(guarded.path() / ".gitignore") == "/private/\n");
}

TEST_CASE("init - bad people are usage errors and nothing is created", "[init]") {
  temp_dir d;
  fs::path dir = d.path() / "repo";
  error none = caught([&] { init_repo({dir, {}, ""}); });
  CHECK(none.kind() == errc::usage);
  CHECK(std::string(none.what()) == "name the people in the relationship: balance init --person NAME --person NAME");
  error bad = caught([&] { init_repo({dir, {"alex", "Sam"}, ""}); });
  CHECK(bad.kind() == errc::usage);
  CHECK(std::string(bad.what()) == "--person Sam: names use only a-z, 0-9, _ and -");
  error twice = caught([&] { init_repo({dir, {"alex", "alex"}, ""}); });
  CHECK(std::string(twice.what()) == "--person alex is given twice");
  error me = caught([&] { init_repo({dir, {"alex", "sam"}, "sma"}); });
  CHECK(me.kind() == errc::usage);
  CHECK_THAT(me.what(), Catch::StartsWith("--me sma: not one of the people") && Catch::Contains("sam"));
  CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("init - a file in the way cannot be made a repository", "[init]") {
  temp_dir d;
  std::ofstream(d.path() / "file") << "x";
  error e = caught([&] { init_repo({d.path() / "file", {"alex"}, ""}); });
  CHECK(e.kind() == errc::cannot_create);
  CHECK(std::string(e.what()) == (d.path() / "file").string() + " exists and is not a directory");
}

TEST_CASE("init - --me is recorded in the user config with the directory", "[init]") {
  scoped_config_home home;
  temp_dir d;
  init_repo({d.path() / "ours", {"alex", "sam"}, "sam"});
  user_config user = load_user_config();
  CHECK(user.me == "sam");
  CHECK(user.dir == (d.path() / "ours").string());
  // A second repository keeps the first one's dir.
  init_repo({d.path() / "other", {"alex", "sam"}, "alex"});
  user = load_user_config();
  CHECK(user.me == "alex");
  CHECK(user.dir == (d.path() / "ours").string());
  // The private owner follows.
  repo r = repo::open_at(d.path() / "ours");
  CHECK(r.me() == "alex");
  CHECK(r.private_owner() == "alex");
}

TEST_CASE("init - an empty dir is the current directory", "[init]") {
  temp_dir d;
  auto old = fs::current_path();
  fs::current_path(d.path());
  init_result done;
  try {
    done = init_repo({"", {"alex"}, ""});
  } catch (...) {
    fs::current_path(old);
    throw;
  }
  fs::current_path(old);
  CHECK(done.created);
  CHECK(fs::is_regular_file(d.path() / "balance.toml"));
}

TEST_CASE("init - on an existing repository --me changes nothing either", "[init]") {
  scoped_config_home home;
  temp_dir d;
  init_repo({d.path(), {"alex", "sam"}, ""});
  init_result again = init_repo({d.path(), {"alex", "sam"}, "sam"});
  CHECK_FALSE(again.created);
  CHECK(load_user_config().me.empty());
  CHECK_FALSE(fs::exists(user_config_path()));
}

TEST_CASE("init - a directory that cannot be made is cannot_create", "[init]") {
  temp_dir d;
  std::ofstream(d.path() / "file") << "x";
  fs::path dir = d.path() / "file" / "repo";
  error e = caught([&] { init_repo({dir, {"alex"}, ""}); });
  CHECK(e.kind() == errc::cannot_create);
  CHECK_THAT(e.what(), Catch::StartsWith("cannot create " + dir.string() + ": "));
}

TEST_CASE("init - init_command says what it did, and on an existing repository records --me only", "[init]") {
  scoped_config_home home;
  temp_dir d;
  std::vector<std::string> said;
  std::vector<std::string> warned;
  auto confirm = [&](const std::string& line) { said.push_back(line); };
  auto warn = [&](const diagnostic& w) { warned.push_back(w.to_string()); };
  init_command({d.path() / "ours", {"alex", "sam"}, ""}, false, confirm, warn);
  REQUIRE(said.size() == 1);
  CHECK(said[0] == "created a balance repository in " + (d.path() / "ours").string());

  said.clear();
  init_command({d.path() / "ours", {}, ""}, false, confirm, warn);
  CHECK(said == std::vector<std::string>{(d.path() / "ours").string() + " is already a balance repository; nothing changed"});
  CHECK(load_user_config().me.empty());

  // --me on the existing repository: checked against its people, then recorded.
  said.clear();
  CHECK(caught([&] { init_command({d.path() / "ours", {}, "robin"}, false, confirm, warn); }).kind() == errc::usage);
  CHECK(load_user_config().me.empty());
  said.clear();
  init_command({d.path() / "ours", {}, "sam"}, false, confirm, warn);
  REQUIRE(said.size() == 2);
  CHECK(said[1] == "recorded me = \"sam\" in " + user_config_path());
  CHECK(load_user_config().me == "sam");
  CHECK(warned.empty());
  // Changing who this computer is, is said.
  said.clear();
  init_command({d.path() / "ours", {}, "alex"}, false, confirm, warn);
  CHECK(said.back() == "recorded me = \"alex\" in " + user_config_path() + " (it was \"sam\")");
}
