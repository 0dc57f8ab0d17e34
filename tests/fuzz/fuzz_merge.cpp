// The three-way merge git runs for record files: the input is BASE, OURS and THEIRS separated by
// a line "%%%%\n" (a missing part is empty). Every merged result must itself parse as the merge's
// output would be read next time, unless it holds conflict markers.
#include <string>

#include "balance/error.hpp"
#include "balance/git.hpp"
#include "fuzz_support.hpp"

namespace {

std::string_view next_part(std::string_view& rest) {
  constexpr std::string_view separator = "%%%%\n";
  const auto at = rest.find(separator);
  std::string_view part = rest.substr(0, at);
  rest = at == std::string_view::npos ? std::string_view{} : rest.substr(at + separator.size());
  return part;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest = balance_fuzz::as_text(data, size);
  const std::string_view base = next_part(rest);
  const std::string_view ours = next_part(rest);
  const std::string_view theirs = next_part(rest);
  try {
    (void)balance::merge_record_files(base, ours, theirs, "ledger/alex/2026-11.toml", balance_fuzz::fixed_settings());
  } catch (const balance::error&) {
  }
  return 0;
}
