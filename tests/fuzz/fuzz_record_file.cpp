// A record file as `balance check` reads it: precheck, parse, validate against the role its path
// gives. The first byte picks the path (and so the role); the rest is the file's text.
#include <array>
#include <string>

#include "balance/error.hpp"
#include "record_file.hpp"
#include "fuzz_support.hpp"

namespace {

// The first ten keep the places the seeds were written for (byte % 10 before the talk's files
// joined): 'P' (80) is still the ledger, 'Z' (90) is agreements/alex.toml. The last place was a
// second appreciations file until talks joined ('c', 99, is talks/sam/2026-11.toml).
constexpr std::array<const char*, 20> paths = {
    "ledger/alex/2026-11.toml",   "checkins/alex/2026-11.toml",          "boundaries/alex.toml",
    "boundaries/sam/2026-11.toml", "ledger/alex/2026-03.toml",    "private/checkins/alex/2026-10.toml",
    "private/boundaries/alex.toml", "ledger/bob/2026-11.toml",           "private/ledger/sam/2026-11.toml",
    "private/boundaries/sam/2026-10.toml", "agreements/alex.toml",     "agreements/sam/2026-11.toml",
    "appreciations/alex/2026-11.toml",     "repairs/sam/2026-11.toml", "private/agreements/alex.toml",
    "private/agreements/alex/2026-11.toml", "private/appreciations/alex/2026-11.toml",
    "private/repairs/alex/2026-11.toml",   "agreements/bob.toml",      "talks/sam/2026-11.toml",
};

// The path of a first byte: byte % 40 since the journal joined, where 38 ('N', 78) is a shared
// journal file and 39 ('O', 79) a private one, and every other value keeps the path of byte % 20,
// so older seeds keep theirs.
const char* path_of(std::uint8_t byte) {
  switch (byte % 40) {
    case 38: return "journal/alex/2026-11.toml";
    case 39: return "private/journal/alex/2026-11.toml";
    default: return paths[byte % paths.size()];
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string path = path_of(data[0]);
  const std::string_view text = balance_fuzz::as_text(data + 1, size - 1);
  const auto role = balance::role_of_path(path);
  if (!role) __builtin_trap();  // the table above is wrong
  balance::read_options opts{&balance_fuzz::fixed_settings(), &balance_fuzz::berlin(), data[0] >= 128};
  try {
    if (auto problem = balance::precheck_toml(text, path)) return 0;
    balance::parsed_file parsed = balance::parse_record_file(text, path, *role, opts);
    // A valid file's records write back out in canonical form (edits splice them in, list
    // --format toml prints them) and read back as the same records.
    if (!parsed.problems.empty()) return 0;
    for (const auto& r : parsed.records) {
      const std::string canonical = balance::record_to_toml(r);
      balance::parsed_file back = balance::parse_record_file(canonical, path, *role, opts);
      if (!back.problems.empty() || back.records.size() != 1 || !back.records[0].same_content(r)) __builtin_trap();
    }
  } catch (const balance::error&) {
  }
  return 0;
}
