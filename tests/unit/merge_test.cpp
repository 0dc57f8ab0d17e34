#include <catch2/catch.hpp>

#include "balance/error.hpp"
#include "balance/merge.hpp"
#include "record_file.hpp"
#include "balance/settings.hpp"
#include "unit/test_support.hpp"

using namespace balance;

namespace {

settings couple() {
  settings s;
  s.people = {"alex", "sam"};
  return s;
}

std::string entry(const std::string& id, int day, const std::string& what = "dishes") {
  std::string d = std::to_string(day);
  if (d.size() == 1) d = "0" + d;
  return "[[entry]]\nid = \"" + id + "\"\nat = 2026-11-" + d + "T08:00:00+01:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"" +
         what + "\"\n";
}

merge_outcome merge(const std::string& base, const std::string& ours, const std::string& theirs) {
  return merge_record_files(base, ours, theirs, "ledger/sam/2026-11.toml", couple());
}

const std::string A = entry("aaaaaaaaaaaa", 2);
const std::string B = entry("bbbbbbbbbbbb", 4);
const std::string C = entry("cccccccccccc", 6);

}  // namespace

TEST_CASE("merge driver - additions from both sides are kept, in order", "[git][merge]") {
  auto m = merge(A, A + "\n" + C, A + "\n" + B);
  CHECK(m.conflicts == 0);
  CHECK(m.text == A + "\n" + B + "\n" + C);
}

TEST_CASE("merge driver - the same record added on both sides appears once", "[git][merge]") {
  auto m = merge("", B, B);
  CHECK(m.conflicts == 0);
  CHECK(m.text == B);
}

TEST_CASE("merge driver - a removal wins over an unchanged record", "[git][merge]") {
  auto theirs_removed = merge(A + "\n" + B, A + "\n" + B, A);
  CHECK(theirs_removed.conflicts == 0);
  CHECK(theirs_removed.text == A);
  auto ours_removed = merge(A + "\n" + B, B, A + "\n" + B);
  CHECK(ours_removed.conflicts == 0);
  CHECK(ours_removed.text == B);
  auto both_removed = merge(A + "\n" + B, A, A);
  CHECK(both_removed.text == A);
  CHECK(merge(A, "", A).text.empty());
}

TEST_CASE("merge driver - a change on one side is taken, identical changes merge", "[git][merge]") {
  std::string changed = entry("bbbbbbbbbbbb", 4, "dishes and pans");
  auto theirs = merge(A + "\n" + B, A + "\n" + B, A + "\n" + changed);
  CHECK(theirs.conflicts == 0);
  CHECK(theirs.text == A + "\n" + changed);
  auto ours = merge(A + "\n" + B, A + "\n" + changed, A + "\n" + B);
  CHECK(ours.text == A + "\n" + changed);
  auto both = merge(A + "\n" + B, A + "\n" + changed, A + "\n" + changed);
  CHECK(both.conflicts == 0);
  CHECK(both.text == A + "\n" + changed);
}

TEST_CASE("merge driver - different changes to one record conflict, only that record", "[git][merge]") {
  std::string mine = entry("bbbbbbbbbbbb", 4, "dishes, mine");
  std::string yours = entry("bbbbbbbbbbbb", 4, "dishes, yours");
  auto m = merge(A + "\n" + B + "\n" + C, A + "\n" + mine + "\n" + C, A + "\n" + yours + "\n" + C);
  CHECK(m.conflicts == 1);
  CHECK(m.text == A + "\n<<<<<<< ours\n" + mine + "=======\n" + yours + ">>>>>>> theirs\n\n" + C);
  // A change against a removal is a conflict too: the changed record is not silently lost.
  auto removed = merge(A + "\n" + B, A, A + "\n" + yours);
  CHECK(removed.conflicts == 1);
  CHECK_THAT(removed.text, Catch::Contains("dishes, yours"));
}

TEST_CASE("merge driver - comments and hand formatting in ours survive", "[git][merge]") {
  std::string ours = "# sam's November, by hand\n\n" + A + "\n# the big one\n" + B;
  std::string theirs = A + "\n" + B + "\n" + C;
  auto m = merge(A + "\n" + B, ours, theirs);
  CHECK(m.conflicts == 0);
  CHECK(m.text == ours + "\n" + C);
}

TEST_CASE("merge driver - an input that does not parse is refused", "[git][merge]") {
  CHECK_THROWS_AS(merge(A, "[[entry]\n", A), error);
  CHECK_THROWS_WITH(merge(A, A + "<<<<<<< ours\n", A), Catch::Contains("merge conflict marker"));
}

TEST_CASE("merge driver - a BOM stays at the start of ours and never lands mid-file", "[git][merge]") {
  const std::string bom = "\xEF\xBB\xBF";
  std::string c = entry("cccccccccccc", 7);
  auto theirs_bom = merge(A, A + "\n" + B, bom + A + "\n" + c);
  CHECK(theirs_bom.conflicts == 0);
  CHECK(theirs_bom.text == A + "\n" + B + "\n" + c);
  auto ours_bom = merge(A + "\n" + B, bom + A + "\n" + B, B);
  CHECK(ours_bom.text == bom + B);
}

TEST_CASE("merge driver - their lines take ours' line endings", "[git][merge]") {
  auto crlf = [](std::string s) {
    std::string out;
    for (char ch : s) {
      if (ch == '\n') out += '\r';
      out += ch;
    }
    return out;
  };
  auto m = merge(crlf(A), crlf(A), A + "\n" + B);
  CHECK(m.text == crlf(A + "\n" + B));
}
