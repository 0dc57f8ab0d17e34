// balance.toml as every command reads it.
#include "balance/error.hpp"
#include "balance/settings.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = balance_fuzz::as_text(data, size);
  try {
    balance::settings cfg = balance::parse_settings(text, "balance.toml");
    (void)cfg.checkin_cadence.to_string();
    for (const auto& person : cfg.people) (void)cfg.target_share("chore", person);
  } catch (const balance::error&) {
  }
  return 0;
}
