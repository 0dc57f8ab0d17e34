// The import readers: json, csv, tsv (and toml), detected from the text as `import` does. The
// first byte picks the record type expected, or `report --from` (any type), and whether the
// defaults of `add --from` (at now, who me) apply.
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
    // 0–3: checkin, entry, boundary, event and 4: report --from, as before the talk's types
    // joined (so the seeds keep their meaning); 5–9: agreement, review, appreciation, repair,
    // talk. A first byte of 19 modulo 20 (such as 'O', 79) expects journal pages.
    const unsigned pick = data[0] % 10u;
    const bool page = data[0] % 20u == 19u;
    const bool any = pick == 4;
    const balance::record_type type =
        page ? balance::record_type::page : balance::all_record_types[pick < 4 ? pick : any ? 0 : pick - 1];
    static const balance::record_defaults defaults{balance::parse_timestamp("2026-11-22T21:00:00+01:00"), "alex"};
    const balance::record_defaults* with = (data[0] & 0x80u) ? &defaults : nullptr;
    std::vector<balance::record> records =
        any ? balance::read_records_any(text, "import", cfg) : balance::read_import(text, "import", type, cfg, with);
    for (const auto& r : records) (void)balance::record_to_json(r);
  } catch (const balance::error&) {
  }
  return 0;
}
