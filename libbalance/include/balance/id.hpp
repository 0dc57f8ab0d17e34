// Record ids: 12 lowercase hex digits (48 bits) from the OS random source. Commands accept any
// unique prefix of at least 4 digits.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "balance/api.hpp"

namespace balance {

inline constexpr std::size_t id_length = 12;
inline constexpr std::size_t min_id_prefix = 4;

// Throws error{io} when the OS random source fails.
BALANCE_API std::string new_id();
BALANCE_API bool is_valid_id(std::string_view id) noexcept;
// A possible abbreviation of an id: 4–12 lowercase hex digits.
BALANCE_API bool is_valid_id_prefix(std::string_view prefix) noexcept;

// FNV-1a over bytes: a hash that is the same on every machine and in every version, for names
// derived from text (cache files, an imported page's id, the order of the prompt deck).
BALANCE_API std::uint64_t fnv1a64(std::string_view data) noexcept;

}  // namespace balance
