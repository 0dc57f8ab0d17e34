// The import readers: json, csv, tsv (and toml), detected from the text as `import` does. The
// first byte picks the record type expected, or `report --from` (any type), and whether the
// defaults of `add --from` (at now, who me) apply.
#include <iterator>

#include "balance/error.hpp"
#include "balance/format.hpp"
#include "balance/import.hpp"
#include "balance/record.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text = balance_fuzz::as_text(data + 1, size - 1);
  const auto& cfg = balance_fuzz::fixed_settings();
  try {
    constexpr unsigned types = static_cast<unsigned>(std::size(balance::all_record_types));
    const unsigned pick = data[0] % (types + 1);
    static const balance::record_defaults defaults{balance::parse_timestamp("2026-11-22T21:00:00+01:00"), "alex"};
    const balance::record_defaults* with = (data[0] & 0x80u) ? &defaults : nullptr;
    std::vector<balance::record> records =
        pick == types ? balance::read_records_any(text, "import", cfg)
                  : balance::read_import(text, "import", balance::all_record_types[pick], cfg, with);
    for (const auto& r : records) (void)balance::record_to_json(r);
  } catch (const balance::error&) {
  }
  return 0;
}
