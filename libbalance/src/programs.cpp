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

std::optional<fs::path> find_program(const std::string& word, file_system& files) {
  if (!is_valid_name(word)) return std::nullopt;
  for (const auto& dir : program_dirs()) {
    fs::path candidate = dir / ("balance-" + word);
    file_status st;
    if (files.access(candidate.c_str(), X_OK) == 0 && files.stat(candidate.c_str(), st) == 0 &&
        st.type != file_status::kind::directory)
      return candidate;
  }
  return std::nullopt;
}

std::vector<std::string> program_words(const std::vector<std::string>& builtins, file_system& files) {
  std::set<std::string> names(builtins.begin(), builtins.end());
  for (const auto& dir : program_dirs()) {
    std::vector<dir_entry> entries;
    files.list_dir(dir.c_str(), entries);  // a PATH entry that cannot be read holds no commands
    for (const auto& e : entries) {
      if (e.is_directory || !e.name.starts_with("balance-") || e.name.size() <= 8) continue;
      std::string word = e.name.substr(8);
      if (is_valid_name(word) && files.access((dir / e.name).c_str(), X_OK) == 0) names.insert(word);
    }
  }
  return {names.begin(), names.end()};
}

manual find_manual(const std::string& topic, const std::vector<std::string>& builtins, file_system& files) {
  manual m{"balance", "1", {}, std::nullopt};
  if (topic == "ideas") {
    m.section = "7";
  } else if (topic == "files") {
    m.page = "balance-files";
    m.section = "5";
  } else if (!topic.empty() && std::find(builtins.begin(), builtins.end(), topic) == builtins.end()) {
    m.page = "balance-" + topic;
    m.program = find_program(topic, files);
    if (!m.program) {
      auto known = program_words(builtins, files);
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
