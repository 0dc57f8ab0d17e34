// The record cache from the outside: the same output with and without it, cold and warm; edits
// behind its back, damaged entries, changed settings and an unwritable cache directory; private
// records never in it; `balance cache info` and `clear`.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "cli/harness.hpp"

using balance_test::couple;
using balance_test::result;
using balance_test::sandbox;
namespace fs = std::filesystem;

namespace {

fs::path cache_root(const sandbox& s) { return fs::path(s.env.at("XDG_CACHE_HOME")) / "balance" / "records"; }

std::vector<fs::path> entries(const sandbox& s) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(cache_root(s), ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".rec") out.push_back(it->path());
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Files written just now are "racily clean" to the cache for one timestamp tick; waiting a little
// lets a second run use the cache, as it would a minute later.
void let_files_age() { std::this_thread::sleep_for(std::chrono::milliseconds(60)); }

using command = std::pair<std::string, std::vector<std::string>>;

// Every command's output and exit status are the same without the cache, with an empty one,
// and with a warm one; the warm run really read from the cache.
void require_same_with_and_without_cache(sandbox& s, const std::vector<command>& commands) {
  for (const auto& [program, args] : commands) {
    INFO(program << " " << args.front());
    std::vector<std::string> no_cache = args;
    no_cache.push_back("--no-cache");
    result plain = s.run(program, no_cache);
    REQUIRE(plain.status <= 1);  // remind says 1 when nothing is due
    fs::remove_all(cache_root(s));
    result cold = s.run(program, args);
    result warm = s.run(program, args);
    CHECK(cold.status == plain.status);
    CHECK(warm.status == plain.status);
    CHECK(cold.out == plain.out);
    CHECK(warm.out == plain.out);
    CHECK(cold.err == plain.err);
    CHECK(warm.err == plain.err);
    result info = s.run("balance", {"cache", "info"});
    CHECK_THAT(info.out, Catch::Contains(" 0 misses"));
    CHECK_FALSE(entries(s).empty());
  }
}

const std::vector<command> reading_commands = {
    {"balance-report", {"--period", "all"}},
    {"balance-report", {"--period", "all", "--format", "json"}},
    {"balance-report", {"--period", "all", "--format", "markdown"}},
    {"balance-report", {"--mine"}},
    {"balance-ledger", {"balance", "--period", "all"}},
    {"balance-ledger", {"list", "--period", "all"}},
    {"balance-ledger", {"list", "--period", "all", "--format", "json"}},
    {"balance-checkin", {"list", "--period", "all"}},
    {"balance-boundaries", {"list"}},
    {"balance-boundaries", {"log", "--format", "json"}},
    {"balance-remind", {"--all"}},
};

// `balance-ledger list --format toml` of everything: every field of every record.
std::string all_entries(const sandbox& s, bool cache = true) {
  std::vector<std::string> args = {"list", "--period", "all", "--format", "toml"};
  if (!cache) args.push_back("--no-cache");
  result r = s.run("balance-ledger", args);
  REQUIRE(r.status == 0);
  return r.out;
}

struct with_entries : couple {
  with_entries() {
    for (const char* what : {"dishes", "laundry", "groceries"})
      REQUIRE(run("balance-ledger", {"add", "chore", what, "--at", "2026-11-10"}).status == 0);
    REQUIRE(run("balance-checkin", {"--heard", "4", "--kind", "3", "--at", "2026-11-12"}).status == 0);
    let_files_age();
  }
  std::string month_file() const { return "ledger/alex/2026-11.toml"; }
};

}  // namespace

TEST_CASE("cache: reports and lists of the example repository are the same with and without the cache",
          "[cache]") {
  sandbox s;
  s.cwd = balance_test::source_dir() + "/examples/couple";
  s.env["BALANCE_USER"] = "alex";
  require_same_with_and_without_cache(s, reading_commands);
}

TEST_CASE("cache: reports and lists of a generated year are the same with and without the cache", "[cache]") {
  sandbox s;
  std::string generate = "python3 '" + balance_test::source_dir() + "/tests/bench/generate.py' '" +
                         (s.dir() / "generated").string() + "' --years 1 >/dev/null";
  REQUIRE(std::system(generate.c_str()) == 0);
  s.cwd = s.dir() / "generated";
  s.env["BALANCE_USER"] = "alex";
  let_files_age();
  require_same_with_and_without_cache(s, reading_commands);
}

TEST_CASE("cache: an edit with the same size and a restored mtime is still seen", "[cache]") {
  with_entries s;
  std::string before = all_entries(s);
  all_entries(s);  // warm
  fs::path file = s.repo() / s.month_file();
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  std::string text = s.read(s.month_file());
  auto at = text.find("laundry");
  REQUIRE(at != std::string::npos);
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);  // the same inode
    f.seekp(static_cast<std::streamoff>(at));
    f << "sundray";
  }
  struct timespec times[2] = {st.st_atim, st.st_mtim};
  REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
  struct stat now {};
  REQUIRE(::stat(file.c_str(), &now) == 0);
  REQUIRE(now.st_size == st.st_size);
  REQUIRE(now.st_mtim.tv_nsec == st.st_mtim.tv_nsec);
  std::string after = all_entries(s);
  CHECK_THAT(after, Catch::Contains("sundray") && !Catch::Contains("laundry"));
  CHECK(after == all_entries(s, false));
}

TEST_CASE("cache: an edit within the same second as the cached read is seen", "[cache]") {
  with_entries s;
  all_entries(s);
  all_entries(s);  // warm: the entry is trusted now
  std::string text = s.read(s.month_file());
  text.replace(text.find("groceries"), 9, "groceriez");
  s.write(s.month_file(), text);  // at once, no waiting
  std::string after = all_entries(s);
  CHECK_THAT(after, Catch::Contains("groceriez"));
  CHECK(after == all_entries(s, false));
}

TEST_CASE("cache: a truncated or garbage entry is ignored and written again", "[cache]") {
  with_entries s;
  std::string expected = all_entries(s, false);
  all_entries(s);
  auto files = entries(s);
  REQUIRE_FALSE(files.empty());
  std::string good = slurp(files.front());
  bool truncate = GENERATE(true, false);
  for (const auto& f : files) {
    std::string data = slurp(f);
    std::ofstream(f, std::ios::binary | std::ios::trunc) << (truncate ? data.substr(0, data.size() / 2) : std::string(data.size(), '\x7f'));
  }
  CHECK(all_entries(s) == expected);
  CHECK(slurp(files.front()).substr(0, 6) == "balrec");  // rewritten
  result info = s.run("balance", {"cache", "info"});
  CHECK_THAT(info.out, Catch::Contains(" 0 hits"));
  CHECK(all_entries(s) == expected);
  CHECK_THAT(s.run("balance", {"cache", "info"}).out, Catch::Contains(" 0 misses"));
}

TEST_CASE("cache: a person renamed in balance.toml gives the same problems as without the cache", "[cache]") {
  with_entries s;
  all_entries(s);
  all_entries(s);
  std::string settings = s.read("balance.toml");
  auto at = settings.find("name = \"alex\"");
  REQUIRE(at != std::string::npos);
  settings.replace(at, 13, "name = \"alexa\"");
  s.settings(settings);
  for (const auto& args : std::vector<std::vector<std::string>>{{"list", "--period", "all"}, {"balance"}}) {
    std::vector<std::string> no_cache = args;
    no_cache.push_back("--no-cache");
    result plain = s.run("balance-ledger", no_cache);
    result cached = s.run("balance-ledger", args);
    CHECK(plain.status == 65);
    CHECK(cached.status == plain.status);
    CHECK(cached.err == plain.err);
    CHECK(cached.out == plain.out);
  }
}

TEST_CASE("cache: a dimension removed from balance.toml re-validates cached check-ins", "[cache]") {
  with_entries s;
  // A hand-written unknown key: its warning names the keys the settings know.
  std::string text = s.read("checkins/alex/2026-11.toml");
  s.write("checkins/alex/2026-11.toml", text + "colour = \"blue\"\n");
  let_files_age();
  std::vector<std::string> args = {"list", "--period", "all", "--format", "json"};
  s.run("balance-checkin", args);
  s.run("balance-checkin", args);
  s.settings(s.read("balance.toml") +
             "\n[[checkin.dimension]]\nkey = \"heard\"\nquestion = \"Are both our voices heard?\"\n"
             "low = \"one voice is louder\"\nhigh = \"both heard\"\n"
             "[[checkin.dimension]]\nkey = \"colours\"\nquestion = \"Colours?\"\nlow = \"grey\"\nhigh = \"bright\"\n");
  std::vector<std::string> no_cache = args;
  no_cache.push_back("--no-cache");
  result plain = s.run("balance-checkin", no_cache);
  result cached = s.run("balance-checkin", args);
  REQUIRE(plain.status == 0);
  CHECK_THAT(plain.err, Catch::Contains("colour"));
  CHECK(cached.status == 0);
  CHECK(cached.out == plain.out);
  CHECK(cached.err == plain.err);
  result report = s.run("balance-report", {"--period", "all"});
  CHECK(report.out == s.run("balance-report", {"--period", "all", "--no-cache"}).out);
}

TEST_CASE("cache: a cache directory that cannot be written changes nothing in the output", "[cache]") {
  with_entries s;
  std::string expected = all_entries(s, false);
  fs::path blocker = s.dir() / "not-a-directory";
  std::ofstream(blocker) << "x";
  s.env["XDG_CACHE_HOME"] = blocker.string();
  result r = s.run("balance-ledger", {"list", "--period", "all", "--format", "toml"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == expected);
  result report = s.run("balance-report", {"--period", "all"});
  CHECK(report.status == 0);
  CHECK(report.err.empty());
}

TEST_CASE("cache: private records never appear in any cache file (canary)", "[cache][private]") {
  with_entries s;
  const std::string canary = "canary-7f3c-private-only";
  REQUIRE(s.run("balance-ledger", {"add", "chore", canary, "--private", "--at", "2026-11-11"}).status == 0);
  REQUIRE(s.run("balance-checkin", {"--private", "--feeling", "I feel " + canary + " when", "--at", "2026-11-11"}).status == 0);
  let_files_age();
  for (int round = 0; round < 2; ++round) {
    CHECK_THAT(s.run("balance-ledger", {"list", "--mine", "--period", "all", "--format", "json"}).out, Catch::Contains(canary));
    s.run("balance-checkin", {"list", "--mine", "--period", "all"});
    s.run("balance-report", {"--mine", "--period", "all"});
    s.run("balance-ledger", {"balance", "--period", "all"});
  }
  REQUIRE_FALSE(entries(s).empty());  // the shared files were cached
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(s.env.at("XDG_CACHE_HOME")))) {
    if (!e.is_regular_file()) continue;
    ++files;
    INFO(e.path());
    CHECK(slurp(e.path()).find(canary) == std::string::npos);
  }
  CHECK(files > 0);
}

TEST_CASE("cache: --no-cache and BALANCE_NO_CACHE neither read nor write it", "[cache]") {
  with_entries s;
  s.run("balance-report", {"--period", "all", "--no-cache"});
  s.run("balance-ledger", {"list", "--no-cache"});
  CHECK_FALSE(fs::exists(cache_root(s)));
  s.env["BALANCE_NO_CACHE"] = "1";
  s.run("balance-report", {"--period", "all"});
  CHECK_FALSE(fs::exists(cache_root(s)));
  s.env["BALANCE_NO_CACHE"] = "0";  // "0" means the cache is on
  s.run("balance-report", {"--period", "all"});
  CHECK(fs::exists(cache_root(s)));
}

TEST_CASE("cache: balance cache info tells where it is and how the last command used it, and clear removes it",
          "[cache]") {
  with_entries s;
  result none = s.run("balance", {"cache", "info"});
  CHECK(none.status == 0);
  CHECK_THAT(none.out, Catch::Contains("entries: 0") && Catch::Contains("last command: not recorded"));
  CHECK_THAT(none.out, Catch::Contains("location: " + cache_root(s).string() + "/"));
  s.run("balance-report", {"--period", "all"});
  result cold = s.run("balance", {"cache", "info"});
  CHECK_THAT(cold.out, Catch::Contains("entries: 2") && Catch::Contains("last command: 0 hits, 2 misses (0% hits)"));
  s.run("balance-report", {"--period", "all"});
  CHECK_THAT(s.run("balance", {"cache", "info"}).out, Catch::Contains("last command: 2 hits, 0 misses (100% hits)"));
  result cleared = s.run("balance", {"cache", "clear"});
  CHECK(cleared.status == 0);
  CHECK_THAT(cleared.err, Catch::Contains("removed 2 cache entries"));
  CHECK(entries(s).empty());
  s.run("balance-report", {"--period", "all"});
  CHECK(s.run("balance", {"cache", "clear", "--all"}).status == 0);
  CHECK_FALSE(fs::exists(cache_root(s)));
  CHECK(s.run("balance", {"cache"}).status == 64);
}

TEST_CASE("cache: a month file replaced by a symbolic link after it was cached is refused as without the cache",
          "[cache]") {
  with_entries s;
  all_entries(s);
  all_entries(s);  // warm
  fs::path file = s.repo() / s.month_file();
  fs::path elsewhere = s.dir() / "elsewhere.toml";
  fs::copy_file(file, elsewhere);
  fs::remove(file);
  fs::create_symlink(elsewhere, file);
  std::vector<std::string> args = {"list", "--period", "all"};
  result cached = s.run("balance-ledger", args);
  args.push_back("--no-cache");
  result plain = s.run("balance-ledger", args);
  CHECK(plain.status == 77);
  CHECK(cached.status == plain.status);
  CHECK(cached.err == plain.err);
}

TEST_CASE("cache: an unknown word after cache or private is named, with a did-you-mean", "[cache]") {
  with_entries s;
  result typo = s.run("balance", {"cache", "clera"});
  CHECK(typo.status == 64);
  CHECK(typo.out.empty());
  CHECK(typo.err == "balance: unknown command \"clera\" for `balance cache` (did you mean \"clear\"?); try `balance cache --help`\n");
  result other = s.run("balance", {"private", "bogus"});
  CHECK(other.status == 64);
  CHECK_THAT(other.err, Catch::StartsWith("balance: unknown command \"bogus\" for `balance private`"));
  CHECK(s.run("balance", {"cache", "info"}).status == 0);
}

TEST_CASE("cache: a cold read on several threads names the first bad file, in file order, every time", "[cache]") {
  couple s;
  // Eight month files of entries; the 3rd and the 6th are broken.
  for (int m = 1; m <= 8; ++m)
    for (int d = 1; d <= 3; ++d)
      REQUIRE(s.run("balance-ledger", {"add", "chore", "dishes", "--at", fmt::format("2026-{:02}-{:02}", m, d)}).status == 0);
  for (const char* month : {"03", "06"}) {
    std::string rel = std::string("ledger/alex/2026-") + month + ".toml";
    s.write(rel, s.read(rel) + "\n[[entry]]\nid = \"zzzz\"\n");
  }
  let_files_age();
  for (int round = 0; round < 6; ++round) {
    for (const std::vector<std::string>& args : {std::vector<std::string>{"--period", "all", "--no-cache"},
                                                 std::vector<std::string>{"--period", "all"}}) {
      result r = s.run("balance-report", args);
      INFO(round << " " << args.back());
      CHECK(r.status == 65);
      CHECK_THAT(r.err, Catch::Contains("ledger/alex/2026-03.toml:"));
      CHECK(r.err.find("2026-06.toml") == std::string::npos);
    }
  }
  // Mended, every thread's records come out in the order one thread gives.
  for (const char* month : {"03", "06"}) {
    std::string rel = std::string("ledger/alex/2026-") + month + ".toml";
    std::string text = s.read(rel);
    s.write(rel, text.substr(0, text.find("\n[[entry]]\nid = \"zzzz\"")) );
  }
  let_files_age();
  result cold = s.run("balance-ledger", {"list", "--period", "all", "--format", "json", "--no-cache"});
  REQUIRE(cold.status == 0);
  CHECK(s.run("balance-ledger", {"list", "--period", "all", "--format", "json"}).out == cold.out);
  CHECK(s.run("balance-ledger", {"list", "--period", "all", "--format", "json"}).out == cold.out);
}
