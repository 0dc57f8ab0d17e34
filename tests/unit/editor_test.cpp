#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "balance/editor.hpp"
#include "balance/error.hpp"
#include "unit/test_support.hpp"

using namespace balance;
namespace fs = std::filesystem;

namespace {

// Edit buffers in a temporary cache directory for one test.
class cache_home {
 public:
  cache_home() {
    if (const char* old = std::getenv("XDG_CACHE_HOME")) old_ = old;
    ::setenv("XDG_CACHE_HOME", dir_.path().c_str(), 1);
  }
  ~cache_home() {
    if (old_.empty())
      ::unsetenv("XDG_CACHE_HOME");
    else
      ::setenv("XDG_CACHE_HOME", old_.c_str(), 1);
  }
  cache_home(const cache_home&) = delete;
  cache_home& operator=(const cache_home&) = delete;
  const fs::path& path() const { return dir_.path(); }

 private:
  balance_test::temp_dir dir_;
  std::string old_;
};

std::string failure_of(const std::string& editor) {
  try {
    edit_text("heard = 3\n", "checkin.toml", editor);
  } catch (const error& e) {
    CHECK(e.kind() == errc::io);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("editor - the edited text comes back, from a buffer named after the file", "[editor]") {
  cache_home cache;
  edit_buffer edited = edit_text("heard = 3\n", "checkin.toml", "printf 'need = \"rest\"\\n' >>");
  CHECK(edited.text == "heard = 3\nneed = \"rest\"\n");
  CHECK(edited.path.parent_path() == cache.path() / "balance" / "edits");
  CHECK(edited.path.filename().string().ends_with("-checkin.toml"));
  discard_buffer(edited);
  CHECK_FALSE(fs::exists(edited.path));
}

TEST_CASE("editor - an editor that fails or is killed keeps the buffer and says how it ended", "[editor]") {
  cache_home cache;
  std::string failed = failure_of("exit 3;");
  CHECK_THAT(failed, Catch::Contains("exited with status 3; nothing was saved. Your text is kept in "));
  CHECK_THAT(failure_of("kill -TERM $$;"), Catch::Contains("was killed by signal 15; nothing was saved"));
  // A command the shell cannot find is its status 127.
  CHECK_THAT(failure_of("balance-no-such-editor-xyz"), Catch::Contains("exited with status 127"));
  std::string kept = failed.substr(failed.find("kept in ") + 8);
  CHECK(fs::exists(kept));
}
