#include "balance/check.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "balance/file_system.hpp"
#include "balance/private_store.hpp"
#include "balance/record_file.hpp"
#include "balance/settings.hpp"
#include "balance/text.hpp"
#include "balance/version.hpp"

namespace balance {

namespace {

namespace fs = std::filesystem;

struct seen_record {
  std::string path;
  int line;
  bool is_private;
};

// The column of `key`'s value within a record's lines, for problems found across records.
position key_position(std::string_view text, const std::string& path, int header_line, std::string_view key) {
  std::size_t start = 0;
  int line = 1;
  while (line < header_line && start < text.size()) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) break;
    ++start;
    ++line;
  }
  for (++line, start = text.find('\n', start); start != std::string_view::npos; ++line) {
    ++start;
    std::size_t end = text.find('\n', start);
    std::string_view l = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    std::string_view t = trim(l);
    if (t.starts_with("[")) break;
    if (t.starts_with(key) && trim(t.substr(key.size())).starts_with("=")) {
      std::size_t eq = l.find('=');
      std::size_t value = l.find_first_not_of(" \t", eq + 1);
      return {path, line, static_cast<int>((value == std::string_view::npos ? eq : value) + 1)};
    }
    start = end;
  }
  return {path, header_line, 1};
}


}  // namespace

check_result check_repo(const repo& r, const std::vector<std::string>& paths) {
  check_result result;
  const auto& cfg = r.config();
  const fs::path root = r.root();

  // Every file under the data directories: data files are checked, anything else is named.
  std::vector<std::string> data_files;
  std::vector<diagnostic> found_in_tree;
  // An old private/ tree inside the repository is a problem of its own (a synced folder would
  // carry it to the partner); its files are not read as records.
  if (auto legacy = legacy_private_files(r); !legacy.empty())
    found_in_tree.push_back({{"private/", 0, 0},
                             fmt::format("holds {} private {} inside the repository; move {} out with `balance private migrate`",
                                         legacy.size(), legacy.size() == 1 ? "file" : "files",
                                         legacy.size() == 1 ? "it" : "them")});
  // Walks the data folders under `base` (the repository, or this computer's private store, whose
  // files get the logical prefix "private/" and are named by their real place).
  auto walk = [&](const fs::path& base, const std::string& prefix, std::vector<std::string>& into) {
    for (const char* top : {"checkins", "ledger", "boundaries"}) {
      std::error_code ec;
      if (!fs::exists(base / top, ec)) continue;
      for (auto it = fs::recursive_directory_iterator(base / top, fs::directory_options::none, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code e2;
        if (it->is_directory(e2)) continue;
        std::string rel = prefix + fs::relative(it->path(), base, e2).generic_string();
        std::string shown = prefix.empty() ? rel : it->path().string();
        if (it->is_symlink(e2)) {
          found_in_tree.push_back({{shown, 0, 0}, "is a symbolic link; balance refuses to read or write through links"});
          continue;
        }
        if (is_temp_file_name(it->path().filename().string())) {
          result.warnings.push_back({{shown, 0, 0}, "a temporary file left by an interrupted write; the next write here removes it, or delete it"});
          continue;
        }
        if (it->path().filename() == ".gitkeep") continue;
        auto role = role_of_path(rel);
        if (!role) {
          found_in_tree.push_back(
              {{shown, 0, 0},
               "is not a data file (expected checkins/NAME/YYYY-MM.toml, ledger/NAME/YYYY-MM.toml, "
               "boundaries/NAME.toml or boundaries/NAME/YYYY-MM.toml)"});
          continue;
        }
        // The private store may hold another person's files (a shared account): only the owner's.
        if (!prefix.empty() && role->author != r.private_owner()) continue;
        into.push_back(rel);
      }
    }
    std::sort(into.begin(), into.end());
  };
  walk(root, "", data_files);
  // This computer's private store for the repository: its owner's files, checked with the rest
  // (ids are shared between the two).
  std::vector<std::string> private_files;
  if (!r.private_owner().empty() && !r.private_root().empty()) walk(r.private_root(), "private/", private_files);

  // Which files the caller asked about (all when none).
  std::set<std::string> wanted;
  bool everything = paths.empty();
  for (const auto& p : paths) {
    fs::path abs = fs::path(p).is_absolute() ? fs::path(p) : fs::current_path() / p;
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(abs, ec);
    fs::path root_canon = fs::weakly_canonical(root, ec);
    std::string rel = fs::relative(canon, root_canon, ec).generic_string();
    // A path that is not the repository's is a mistake in the command, not bad data.
    if (ec || rel.starts_with(".."))
      throw_usage(fmt::format("{}: is not inside the repository ({})", escape_for_terminal(p), root.string()));
    if (!fs::exists(canon, ec)) throw error(errc::no_input, fmt::format("{}: does not exist", escape_for_terminal(p)));
    if (rel == "." || rel.empty()) {
      everything = true;
      continue;
    }
    if (fs::is_directory(canon, ec)) {
      bool any = false;
      for (const auto& f : data_files)
        if (f.starts_with(rel + "/")) {
          wanted.insert(f);
          any = true;
        }
      if (!any) wanted.insert(rel + "/");
    } else {
      wanted.insert(rel);
    }
  }
  data_files.insert(data_files.end(), private_files.begin(), private_files.end());
  auto reported = [&](const std::string& path) { return everything || wanted.count(path) > 0; };
  if (!everything) {
    std::erase_if(found_in_tree, [&](const diagnostic& d) { return !reported(d.where.path); });
    std::erase_if(result.warnings, [&](const diagnostic& d) { return !reported(d.where.path); });
  }
  result.problems.insert(result.problems.end(), found_in_tree.begin(), found_in_tree.end());

  if (reported("balance.toml")) {
    // Opening the repository already parsed it: anything wrong with a known key stopped it there.
    // Keys this version does not know are only warnings elsewhere; here they are problems.
    ++result.files;
    const std::string ignored = fmt::format("; balance {} ignores it", version_string);
    for (const auto& w : cfg.warnings) {
      std::string message = w.message;
      if (message.ends_with(ignored)) message.resize(message.size() - ignored.size());
      result.problems.push_back(
          {w.where, fmt::format("{}; balance {} does not understand it (a newer balance may know it)", message,
                                version_string)});
    }
  }

  read_options opts{&cfg, &r.data_zone(), true};
  std::map<std::string, seen_record> ids;
  std::map<std::string, bool> boundaries;  // id -> private
  std::vector<std::pair<record, std::string>> events;  // event, file text
  std::map<std::string, std::string> texts;

  for (const auto& rel : data_files) {
    auto role = role_of_path(rel);
    bool report = reported(rel);
    std::optional<std::string> text;
    const std::string shown = r.display_path(rel);
    try {
      text = read_file(r.path(rel), shown, max_file_size);
    } catch (const error& e) {
      if (report) {
        if (e.problems().empty())
          result.problems.push_back({{rel, 0, 0}, e.what()});
        else
          result.problems.insert(result.problems.end(), e.problems().begin(), e.problems().end());
      }
      continue;
    }
    if (!text) continue;
    if (report) ++result.files;
    if (!cfg.has_person(role->author) && report)
      result.problems.push_back({{shown, 0, 0}, fmt::format("\"{}\" is not a person in balance.toml{}", role->author,
                                                          did_you_mean(role->author, cfg.people))});
    parsed_file parsed = parse_record_file(*text, rel, *role, opts);
    if (shown != rel) {
      for (auto& d : parsed.problems) d.where.path = shown;
      for (auto& d : parsed.warnings) d.where.path = shown;
    }
    if (report) {
      result.problems.insert(result.problems.end(), parsed.problems.begin(), parsed.problems.end());
      result.records += parsed.records.size();
    }
    for (auto& rec : parsed.records) {
      auto [it, inserted] = ids.emplace(rec.id, seen_record{shown, rec.line, rec.is_private});
      if (!inserted && it->second.path != shown && report)
        result.problems.push_back({key_position(*text, shown, rec.line, "id"),
                                   fmt::format("id {} is also used at {}:{}{}", rec.id, it->second.path, it->second.line,
                                               it->second.path == shown ? "" : " (a record moved between files twice? keep one)")});
      if (rec.type == record_type::boundary) boundaries[rec.id] = rec.is_private;
      if (rec.type == record_type::event && !rec.boundary.empty() && report) events.push_back({std::move(rec), rel});
    }
    if (report && !events.empty()) texts[rel] = *text;
  }

  for (const auto& [ev, rel] : events) {
    auto it = boundaries.find(ev.boundary);
    const std::string& text = texts[rel];
    if (it == boundaries.end())
      result.problems.push_back({key_position(text, r.display_path(rel), ev.line, "boundary"),
                                 fmt::format("event {} points at boundary {}, which does not exist", ev.id, ev.boundary)});
    else if (it->second && !ev.is_private)
      result.problems.push_back({key_position(text, r.display_path(rel), ev.line, "boundary"),
                                 fmt::format("shared event {} points at a private boundary; shared records never "
                                             "refer to private ones",
                                             ev.id)});
  }

  std::stable_sort(result.problems.begin(), result.problems.end(), [](const diagnostic& a, const diagnostic& b) {
    if (a.where.path != b.where.path) return a.where.path < b.where.path;
    if (a.where.line != b.where.line) return a.where.line < b.where.line;
    return a.where.column < b.where.column;
  });
  return result;
}

std::string check_summary(const check_result& result) {
  if (!result.problems.empty())
    return fmt::format("{} problem{} found", result.problems.size(), result.problems.size() == 1 ? "" : "s");
  return fmt::format("checked {} file{} and {} record{}: all good", result.files, result.files == 1 ? "" : "s",
                     result.records, result.records == 1 ? "" : "s");
}

}  // namespace balance
