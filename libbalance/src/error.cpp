#include "balance/error.hpp"

#include <fmt/format.h>

namespace balance {

int exit_code(errc kind) noexcept {
  switch (kind) {
    case errc::usage: return 64;
    case errc::data: return 65;
    case errc::no_input: return 66;
    case errc::internal: return 70;
    case errc::cannot_create: return 73;
    case errc::io: return 74;
    case errc::lock: return 75;
    case errc::permission: return 77;
    case errc::config: return 78;
  }
  return 70;
}

std::string diagnostic::to_string() const {
  if (where.path.empty()) return message;
  if (where.line <= 0) return fmt::format("{}: {}", where.path, message);
  if (where.column <= 0) return fmt::format("{}:{}: {}", where.path, where.line, message);
  return fmt::format("{}:{}:{}: {}", where.path, where.line, where.column, message);
}

namespace {
std::string join(const std::vector<diagnostic>& problems) {
  std::string out;
  for (const auto& p : problems) {
    if (!out.empty()) out += '\n';
    out += p.to_string();
  }
  return out;
}
}  // namespace

error::error(errc kind, std::string message) : std::runtime_error(std::move(message)), kind_(kind) {}

error::error(errc kind, diagnostic problem)
    : std::runtime_error(problem.to_string()), kind_(kind), problems_{std::move(problem)} {}

error::error(errc kind, std::vector<diagnostic> problems)
    : std::runtime_error(join(problems)), kind_(kind), problems_(std::move(problems)) {}

void throw_usage(std::string message) { throw error(errc::usage, std::move(message)); }

void throw_data(position where, std::string message) {
  throw error(errc::data, diagnostic{std::move(where), std::move(message)});
}

}  // namespace balance
