#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "balance/error.hpp"
#include "balance/repo.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::caught;
using balance_test::temp_dir;
using balance_test::test_repo;

namespace {

// Sets an environment variable for one scope.
struct scoped_env {
  scoped_env(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~scoped_env() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  const char* name_;
  std::optional<std::string> old_;
};

// Runs in `dir` for one scope.
struct scoped_cwd {
  explicit scoped_cwd(const std::filesystem::path& dir) : old_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~scoped_cwd() { std::filesystem::current_path(old_); }
  std::filesystem::path old_;
};

}  // namespace

TEST_CASE("repo - open_at reads balance.toml, the zone and the pinned clock", "[repo]") {
  test_repo t;
  repo r = t.open("sam");
  CHECK(r.root() == std::filesystem::path(t.root()).lexically_normal());
  CHECK(r.config().people == std::vector<std::string>{"alex", "sam"});
  CHECK(r.me() == "sam");
  CHECK(r.knows_me());
  CHECK(format_timestamp(r.cal().now) == "2026-11-22T21:00:00+01:00");
  CHECK(r.data_zone().name() == "Europe/Berlin");
  CHECK(r.path("ledger/sam/2026-11.toml") == r.root() / "ledger/sam/2026-11.toml");
  CHECK(r.display_path("ledger/sam/2026-11.toml") == "ledger/sam/2026-11.toml");
}

TEST_CASE("repo - a directory without balance.toml is no repository", "[repo]") {
  temp_dir d;
  error e = caught([&] { repo::open_at(d.path()); });
  CHECK(e.kind() == errc::no_input);
  CHECK(std::string(e.what()) == d.path().string() + " is not a balance repository (no balance.toml); create one with "
                                                     "`balance init " + d.path().string() + " --person NAME --person NAME`");
}

TEST_CASE("repo - open finds the repository from -C, BALANCE_DIR or a parent directory", "[repo]") {
  test_repo t;
  CHECK(repo::open({t.root().string(), "alex"}).root() == t.root());
  {
    scoped_env dir("BALANCE_DIR", t.root().string());
    CHECK(repo::open({"", "alex"}).root() == t.root());
  }
  t.write("ledger/alex/.keep", "");
  {
    scoped_cwd cwd(t.root() / "ledger/alex");
    CHECK(repo::open({"", "alex"}).root() == t.root());
  }
}

TEST_CASE("repo - open with no repository anywhere names balance init", "[repo]") {
  temp_dir d;
  scoped_cwd cwd(d.path());
  error e = caught([] { repo::open({}); });
  CHECK(e.kind() == errc::no_input);
  CHECK_THAT(e.what(), Catch::StartsWith("no balance repository here or in any parent directory; create one with "
                                         "`balance init --person NAME --person NAME`"));
}

TEST_CASE("repo - a bad balance.toml is a config error", "[repo]") {
  test_repo t("version = 1\n[[person]]\nname = \"Not A Name\"\n");
  CHECK(caught([&] { t.open(); }).kind() == errc::config);
  test_repo broken("version = \n");
  CHECK(caught([&] { broken.open(); }).kind() == errc::config);
}

TEST_CASE("repo - me is --as, else BALANCE_USER, else the only person", "[repo]") {
  test_repo two;
  {
    scoped_env user("BALANCE_USER", "sam");
    CHECK(two.open("alex").me() == "alex");
    CHECK(repo::open_at(two.root()).me() == "sam");
  }
  repo nobody = repo::open_at(two.root());
  CHECK_FALSE(nobody.knows_me());
  error e = caught([&] { nobody.me(); });
  CHECK(e.kind() == errc::usage);
  CHECK(std::string(e.what()) ==
        "who are you? pass --as NAME, set BALANCE_USER, or record it once with `balance init --me NAME`");

  test_repo one("version = 1\n[[person]]\nname = \"kim\"\n");
  repo kim = repo::open_at(one.root());
  CHECK(kim.me() == "kim");
  CHECK(kim.private_owner() == "kim");
}

TEST_CASE("repo - a me who is not a person is refused with where the name came from", "[repo]") {
  test_repo t;
  error as = caught([&] { t.open("sma").me(); });
  CHECK(as.kind() == errc::usage);
  CHECK_THAT(as.what(), Catch::StartsWith("--as says you are \"sma\", who is not a person in balance.toml") &&
                            Catch::Contains("sam"));
  scoped_env user("BALANCE_USER", "robin");
  repo r = repo::open_at(t.root());
  error env = caught([&] { r.me(); });
  CHECK_THAT(env.what(), Catch::StartsWith("BALANCE_USER says you are \"robin\", who is not a person in balance.toml"));
  CHECK(r.private_owner().empty());  // not a person: nobody's private store
}

TEST_CASE("repo - person checks a flag's name with a did-you-mean", "[repo]") {
  test_repo t;
  repo r = t.open("alex");
  CHECK(r.person("sam", "--who") == "sam");
  error e = caught([&] { r.person("sma", "--who"); });
  CHECK(e.kind() == errc::usage);
  CHECK_THAT(e.what(), Catch::StartsWith("--who sma: not a person in balance.toml") && Catch::Contains("sam"));
  error escaped = caught([&] { r.person("x\x1b[2J", "--by"); });
  CHECK_THAT(escaped.what(), Catch::StartsWith("--by x\\x1b[2J: not a person"));
}

TEST_CASE("repo - private records belong to this computer's person, never to --as", "[repo][private]") {
  test_repo t;
  repo own = t.open_own("alex");
  CHECK(own.private_owner() == "alex");
  CHECK_FALSE(own.acting_as_other());
  CHECK_NOTHROW(own.require_private_owner());

  scoped_env user("BALANCE_USER", "alex");
  repo as_sam = t.open("sam");
  CHECK(as_sam.me() == "sam");
  CHECK(as_sam.private_owner() == "alex");
  CHECK(as_sam.acting_as_other());
  error e = caught([&] { as_sam.require_private_owner(); });
  CHECK(e.kind() == errc::usage);
  CHECK(std::string(e.what()) == "private records are written only by this computer's own person (alex), not with --as sam");
}

TEST_CASE("repo - with no owner known, private writes ask who this computer belongs to", "[repo][private]") {
  test_repo t;
  repo r = t.open("sam");
  CHECK(r.private_owner().empty());
  CHECK_FALSE(r.acting_as_other());
  error e = caught([&] { r.require_private_owner(); });
  CHECK(e.kind() == errc::usage);
  CHECK_THAT(e.what(), Catch::StartsWith("private records are kept for the person this computer belongs to"));
}

TEST_CASE("repo - the private store is named by balance.toml's id", "[repo][private]") {
  test_repo without;
  repo r = without.open("alex");
  CHECK(r.private_root().empty());
  CHECK(caught([&] { r.path("private/ledger/alex/2026-11.toml"); }).kind() == errc::internal);
  CHECK(r.display_path("private/ledger/alex/2026-11.toml") == "private/ledger/alex/2026-11.toml");

  test_repo with("version = 1\nid = \"abcd-1234\"\n[[person]]\nname = \"alex\"\n[[person]]\nname = \"sam\"\n");
  repo w = with.open("alex");
  CHECK(w.private_root() == private_store_base() / "abcd-1234");
  CHECK(w.path("private/ledger/alex/2026-11.toml") == private_store_base() / "abcd-1234/ledger/alex/2026-11.toml");
  CHECK(w.display_path("private/ledger/alex/2026-11.toml") ==
        (private_store_base() / "abcd-1234/ledger/alex/2026-11.toml").string());
  CHECK(private_store_base() == std::filesystem::path(std::getenv("XDG_DATA_HOME")) / "balance-private");
}

TEST_CASE("repo - a newer version is read but never written", "[repo]") {
  test_repo t("version = 2\n[[person]]\nname = \"alex\"\n[[person]]\nname = \"sam\"\n");
  repo r = t.open("alex");
  CHECK(r.config().version == 2);
  error e = caught([&] { r.require_writable(); });
  CHECK(e.kind() == errc::config);
  CHECK_THAT(e.what(), Catch::StartsWith("balance.toml has version 2, newer than this balance understands (1)"));
  test_repo current;
  CHECK_NOTHROW(current.open("alex").require_writable());
}

TEST_CASE("repo - notices go to the sink that was set", "[repo]") {
  test_repo t;
  repo r = t.open("alex");
  r.notice("dropped");  // no sink: nothing happens
  std::vector<std::string> lines;
  r.set_notice([&](const std::string& l) { lines.push_back(l); });
  r.notice("added an id");
  CHECK(lines == std::vector<std::string>{"added an id"});
}

TEST_CASE("repo - -C beats BALANCE_DIR, which beats the current directory", "[repo]") {
  test_repo a;
  test_repo b;
  test_repo c;
  scoped_env dir("BALANCE_DIR", b.root().string());
  scoped_cwd cwd(c.root());
  CHECK(repo::open({a.root().string(), "alex"}).root() == a.root());
  CHECK(repo::open({"", "alex"}).root() == b.root());
}

TEST_CASE("repo - with no repository nearby, the user config's dir, then the data home's balance", "[repo]") {
  temp_dir elsewhere;
  scoped_cwd cwd(elsewhere.path());
  temp_dir config;
  scoped_env config_home("XDG_CONFIG_HOME", config.path().string());
  temp_dir data;
  scoped_env data_home("XDG_DATA_HOME", data.path().string());
  // The fallback: ${XDG_DATA_HOME}/balance.
  std::filesystem::create_directories(data.path() / "balance");
  std::ofstream(data.path() / "balance/balance.toml") << test_repo::default_settings();
  CHECK(repo::open({"", "alex"}).root() == data.path() / "balance");
  // The user config's dir comes first.
  test_repo t;
  set_user_config_value("dir", t.root().string());
  CHECK(repo::open({"", "alex"}).root() == t.root());
  // And its me is who I am, and whose private records open here.
  set_user_config_value("me", "sam");
  repo r = repo::open({});
  CHECK(r.me() == "sam");
  CHECK(r.private_owner() == "sam");
}

TEST_CASE("repo - ~ in -C is the home directory, and a trailing slash is dropped", "[repo]") {
  test_repo t;
  scoped_env home("HOME", t.root().parent_path().string());
  std::string name = t.root().filename().string();
  CHECK(repo::open({"~/" + name, "alex"}).root() == t.root());
  CHECK(repo::open_at(t.root().string() + "/", {"", "alex"}).root() == t.root());
}

TEST_CASE("repo - a relative XDG_DATA_HOME is ignored for the private store", "[repo][private]") {
  temp_dir home;
  scoped_env h("HOME", home.path().string());
  scoped_env x("XDG_DATA_HOME", "relative/data");
  CHECK(private_store_base() == home.path() / ".local/share/balance-private");
}
