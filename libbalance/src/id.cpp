#include "balance/id.hpp"

#include <sys/random.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "balance/error.hpp"

namespace balance {

std::string new_id() {
  std::array<unsigned char, id_length / 2> bytes{};
  std::size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = ::getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw error(errc::io, fmt::format("cannot read the OS random source: {}", std::strerror(errno)));
    }
    got += static_cast<std::size_t>(n);
  }
  std::string id;
  id.reserve(id_length);
  for (unsigned char b : bytes) id += fmt::format("{:02x}", b);
  return id;
}

namespace {
bool all_lower_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}
}  // namespace

bool is_valid_id(std::string_view id) noexcept { return id.size() == id_length && all_lower_hex(id); }

bool is_valid_id_prefix(std::string_view prefix) noexcept {
  return prefix.size() >= min_id_prefix && prefix.size() <= id_length && all_lower_hex(prefix);
}

std::uint64_t fnv1a64(std::string_view data) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace balance
