#include <catch2/catch.hpp>

#include <cstdlib>

#include "balance/edit.hpp"
#include "balance/error.hpp"
#include "balance/store.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::make_entry;
using balance_test::test_repo;

namespace {

record stored_entry(const store& s) {
  record r = make_entry("", "2026-11-20T08:00:00+01:00", "alex", "chore", "dishes");
  write_batch batch(s);
  batch.add(r);
  batch.commit();
  return s.find(record_type::entry, r.id);
}

// The editor for one test: a shell command run as `sh -c '$VISUAL "$1"' sh BUFFER`.
struct editor_override {
  explicit editor_override(const char* command) { ::setenv("VISUAL", command, 1); }
  ~editor_override() { ::unsetenv("VISUAL"); }
};

}  // namespace

TEST_CASE("edit - replace_record says when nothing changed, and replaces the record otherwise", "[edit]") {
  test_repo t;
  repo rp = t.open();
  store s(rp);
  record before = stored_entry(s);
  auto same = replace_record(s, before, before);
  CHECK(same.paths.empty());
  CHECK(same.summary == "no changes to entry " + before.id.substr(0, 7) + " (chore, alex)");
  record after = before;
  after.what = "the dishes and the pans";
  auto done = replace_record(s, before, after);
  CHECK(done.paths == std::vector<std::string>{"ledger/alex/2026-11.toml"});
  CHECK(done.summary == "updated entry " + before.id.substr(0, 7) + " (chore, alex)");
  CHECK(s.find(record_type::entry, before.id).what == "the dishes and the pans");
}

TEST_CASE("edit - a session reads the edited fields back, and keeps a buffer that does not validate", "[edit]") {
  test_repo t;
  repo rp = t.open();
  store s(rp);
  record before = stored_entry(s);
  {
    editor_override ed("sed -i 's/^what = .*/what = \"bins\"/'");
    edit_session session(rp, edit_text_for(rp, before), "entry-test.toml");
    CHECK_FALSE(session.emptied());
    record after = session.read(before);
    CHECK(after.what == "bins");
    CHECK(after.id == before.id);
    session.discard();
    CHECK_FALSE(std::filesystem::exists(session.path()));
  }
  {
    editor_override ed("sed -i 's/^kind = .*/kind = \"chores\"/'");
    edit_session session(rp, edit_text_for(rp, before), "entry-test.toml");
    CHECK_THROWS_WITH(session.read(before), Catch::Contains("unknown kind \"chores\""));
    CHECK(std::filesystem::exists(session.path()));  // kept until the caller discards it
    session.discard();
  }
  {
    editor_override ed("sed -i '/^[^#]/d'");
    edit_session session(rp, edit_text_for(rp, before), "entry-test.toml");
    CHECK(session.emptied());
    session.discard();
  }
}
