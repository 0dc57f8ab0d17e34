#include "balance/programs.hpp"

#include <unistd.h>

#include <cstdlib>
#include <set>
#include <string_view>

#include "balance/text.hpp"

namespace fs = std::filesystem;

namespace balance {

fs::path own_directory() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : self.parent_path();
}

std::vector<fs::path> program_dirs() {
  std::vector<fs::path> dirs;
  if (auto own = own_directory(); !own.empty()) dirs.push_back(own);
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "";
  while (!rest.empty()) {
    auto colon = rest.find(':');
    std::string_view dir = rest.substr(0, colon);
    if (!dir.empty()) dirs.emplace_back(std::string(dir));
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return dirs;
}

std::optional<fs::path> find_program(const std::string& word) {
  if (!is_valid_name(word)) return std::nullopt;
  for (const auto& dir : program_dirs()) {
    fs::path candidate = dir / ("balance-" + word);
    if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate;
  }
  return std::nullopt;
}

std::vector<std::string> program_words(const std::vector<std::string>& builtins) {
  std::set<std::string> names(builtins.begin(), builtins.end());
  for (const auto& dir : program_dirs()) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.starts_with("balance-") || name.size() <= 8) continue;
      std::string word = name.substr(8);
      if (is_valid_name(word) && ::access(it->path().c_str(), X_OK) == 0) names.insert(word);
    }
  }
  return {names.begin(), names.end()};
}

}  // namespace balance
