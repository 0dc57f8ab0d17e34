// Record ids: 12 lowercase hex digits (48 bits) from the OS random source. Commands accept any
// unique prefix of at least 4 digits.
#pragma once

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

}  // namespace balance
