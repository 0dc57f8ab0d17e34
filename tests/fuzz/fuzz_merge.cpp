// The three-way merge git runs for record files: the input is BASE, OURS and THEIRS separated by
// a line "%%%%\n" (a missing part is empty). A merge without conflicts is staged by the merge
// driver as it is, so its text must parse again without problems and hold no duplicate ids.
#include <string>

#include "balance/error.hpp"
#include "balance/merge.hpp"
#include "record_file.hpp"
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
    const std::string path = "ledger/alex/2026-11.toml";
    const auto& cfg = balance_fuzz::fixed_settings();
    const balance::merge_outcome merged = balance::merge_record_files(base, ours, theirs, path, cfg);
    if (merged.conflicts == 0) {
      balance::read_options opts{&cfg, &balance_fuzz::berlin(), false};
      const balance::parsed_file again = balance::parse_record_file(merged.text, path, *balance::role_of_path(path), opts);
      if (!again.problems.empty()) __builtin_trap();
    }
  } catch (const balance::error&) {
  }
  return 0;
}
