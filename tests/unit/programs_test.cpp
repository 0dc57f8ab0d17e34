#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "balance/programs.hpp"
#include "unit/memory_fs.hpp"
#include "unit/test_support.hpp"

using namespace balance;
namespace fs = std::filesystem;

namespace {

// Sets PATH for one test and puts it back.
class path_override {
 public:
  explicit path_override(const std::string& value) {
    if (const char* old = std::getenv("PATH")) old_ = old;
    ::setenv("PATH", value.c_str(), 1);
  }
  ~path_override() { ::setenv("PATH", old_.c_str(), 1); }
  path_override(const path_override&) = delete;
  path_override& operator=(const path_override&) = delete;

 private:
  std::string old_;
};

void make_file(const fs::path& path, bool executable) {
  std::ofstream(path) << "#!/bin/sh\n";
  ::chmod(path.c_str(), executable ? 0755 : 0644);
}

}  // namespace

TEST_CASE("programs - balance-WORD is found on PATH, only when executable and a name", "[programs]") {
  balance_test::temp_dir dir;
  make_file(dir.path() / "balance-demo", true);
  make_file(dir.path() / "balance-notes", false);
  fs::create_directory(dir.path() / "balance-folder");
  path_override path(dir.path().string());
  REQUIRE(find_program("demo"));
  CHECK(*find_program("demo") == dir.path() / "balance-demo");
  CHECK_FALSE(find_program("notes"));
  CHECK_FALSE(find_program("folder"));
  CHECK_FALSE(find_program("../demo"));
  CHECK_FALSE(find_program("nothing-here"));
}

TEST_CASE("programs - the words are the built-ins and every program found, sorted, once each", "[programs]") {
  balance_test::temp_dir first, second;
  make_file(first.path() / "balance-talk", true);
  make_file(second.path() / "balance-talk", true);
  make_file(second.path() / "balance-journal", true);
  make_file(second.path() / "balance-", true);
  path_override path(first.path().string() + "::" + second.path().string());
  std::vector<std::string> words = program_words({"init", "check"});
  // The tools built beside the test binary may be there too (own_directory comes first).
  CHECK(std::is_sorted(words.begin(), words.end()));
  CHECK(std::adjacent_find(words.begin(), words.end()) == words.end());
  for (std::string w : {"check", "init", "journal", "talk"})
    CHECK(std::find(words.begin(), words.end(), w) != words.end());
  CHECK(std::find(words.begin(), words.end(), "") == words.end());
  std::vector<fs::path> dirs = program_dirs();
  REQUIRE(dirs.size() >= 2);
  CHECK(dirs.back() == second.path());
  CHECK(dirs[dirs.size() - 2] == first.path());
}

TEST_CASE("programs - the manual of a topic: balance(1), (7), balance-files(5) or the tool's", "[programs]") {
  balance_test::temp_dir dir;
  make_file(dir.path() / "balance-demo", true);
  path_override path(dir.path().string());
  const std::vector<std::string> builtins = {"init", "git"};
  manual front = find_manual("", builtins);
  CHECK((front.page == "balance" && front.section == "1" && !front.program));
  REQUIRE(front.files.size() == 2);
  CHECK(front.files.front().filename() == "balance.1");
  CHECK(find_manual("git", builtins).page == "balance");
  manual ideas = find_manual("ideas", builtins);
  CHECK((ideas.page == "balance" && ideas.section == "7"));
  manual files = find_manual("files", builtins);
  CHECK((files.page == "balance-files" && files.section == "5"));
  CHECK(files.files.back().filename() == "balance-files.5");
  manual demo = find_manual("demo", builtins);
  CHECK(demo.page == "balance-demo");
  REQUIRE(demo.program);
  CHECK(*demo.program == dir.path() / "balance-demo");
  CHECK_THROWS_WITH(find_manual("deom", builtins), Catch::Contains("no command \"deom\"") && Catch::Contains("demo"));
}

TEST_CASE("programs - on a memory file system PATH is searched and listed with nothing on disk", "[programs][memory_fs]") {
  balance_test::memory_file_system mem;
  mem.add_file("/mem/bin/balance-demo", "#!/bin/sh\n", 0755);
  mem.add_file("/mem/bin/balance-notes", "#!/bin/sh\n", 0644);
  mem.add_dir("/mem/bin/balance-folder", 0755);
  mem.add_file("/mem/other/balance-journal", "#!/bin/sh\n", 0700);
  path_override path("/mem/bin:/mem/missing:/mem/other");
  CHECK(find_program("demo", mem) == fs::path("/mem/bin/balance-demo"));
  CHECK_FALSE(find_program("notes", mem));
  CHECK_FALSE(find_program("folder", mem));
  CHECK_FALSE(find_program("demo"));  // the disk has no /mem
  CHECK(program_words({"init"}, mem) == std::vector<std::string>{"demo", "init", "journal"});
  CHECK(find_manual("journal", {"init"}, mem).program == fs::path("/mem/other/balance-journal"));
  CHECK_THROWS(find_manual("notes", {"init"}, mem));
}
