#include "balance/programs.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "balance/error.hpp"
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

manual find_manual(const std::string& topic, const std::vector<std::string>& builtins) {
  manual m{"balance", "1", {}, std::nullopt};
  if (topic == "ideas") {
    m.section = "7";
  } else if (topic == "files") {
    m.page = "balance-files";
    m.section = "5";
  } else if (!topic.empty() && std::find(builtins.begin(), builtins.end(), topic) == builtins.end()) {
    m.page = "balance-" + topic;
    m.program = find_program(topic);
    if (!m.program) {
      auto known = program_words(builtins);
      known.push_back("ideas");
      known.push_back("files");
      throw_usage(fmt::format("no command \"{}\"{}", escape_for_terminal(topic), did_you_mean(topic, known)));
    }
  }
  fs::path own = own_directory();
  std::string file = m.page + "." + m.section;
  m.files = {own / ".." / "man" / file, own / ".." / "share" / "man" / ("man" + m.section) / file};
  return m;
}

}  // namespace balance
