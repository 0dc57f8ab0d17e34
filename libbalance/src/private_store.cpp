#include "balance/private_store.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/git.hpp"
#include "balance/id.hpp"
#include "record_file.hpp"
#include "balance/settings.hpp"
#include "balance/text.hpp"

namespace balance {

namespace {

namespace fs = std::filesystem;

// An id both partners' clones agree on without talking: the oldest commit of the history they
// share. Random outside git (or before the first commit).
std::string derive_id(const repo& r) {
  if (path_exists(real_file_system(), r.root() / ".git")) {
    try {
      git_result roots = run_git(r.root(), {"rev-list", "--max-parents=0", "HEAD"});
      if (roots.status == 0) {
        std::vector<std::string> ids;
        std::string_view rest = roots.out;
        while (!rest.empty()) {
          std::string_view line = trim(rest.substr(0, rest.find('\n')));
          if (line.size() >= id_length) ids.emplace_back(line.substr(0, id_length));
          if (rest.find('\n') == std::string_view::npos) break;
          rest.remove_prefix(rest.find('\n') + 1);
        }
        std::sort(ids.begin(), ids.end());
        if (!ids.empty() && is_valid_id(ids.front())) return ids.front();
      }
    } catch (const error&) {
      // No git on this computer: a random id serves as well.
    }
  }
  return new_id();
}

// The files (anything but directories) below the repository's private/, as repository paths, sorted.
std::vector<std::string> files_left_in(file_system& files, const repo& r) {
  std::vector<std::string> left;
  for (const tree_entry& e : list_tree(files, r.root() / "private"))
    if (!e.entry.is_directory || e.entry.is_symlink) left.push_back("private/" + e.path);
  return left;
}

// No record left in private/: a move stopped after its last removal leaves only empty folders,
// which go now; anything else there stays and is named.
private_move nothing_to_move(const repo& r, file_system& files) {
  private_move result;
  if (!r.private_root().empty()) result.to = r.private_root();
  file_status st;
  if (files.lstat((r.root() / "private").c_str(), st) == 0 && st.type == file_status::kind::directory) {
    remove_empty_dirs(files, r.root() / "private");
    result.emptied = files.lstat((r.root() / "private").c_str(), st) != 0;
  }
  result.left_behind = files_left_in(files, r);
  return result;
}

}  // namespace

std::vector<std::string> legacy_private_files(const repo& r, file_system& files) {
  std::vector<std::string> found;
  const fs::path dir = r.root() / "private";
  file_status st;
  if (files.lstat(dir.c_str(), st) != 0 || st.type != file_status::kind::directory) return found;
  for (const tree_entry& e : list_tree(files, dir)) {
    if (e.entry.is_directory) continue;
    std::string rel = "private/" + e.path;
    auto role = role_of_path(rel);
    if (role && role->is_private) found.push_back(rel);
  }
  return found;
}

std::string legacy_private_warning(const repo& r) {
  return fmt::format(
      "private records are inside the repository, where a synced folder would carry them to your "
      "partner; they are not read until moved to this computer's private store: run `balance private migrate`{}",
      r.private_root().empty() ? "" : fmt::format(" ({})", r.private_root().string()));
}

bool ensure_private_store(const repo& r, file_system& files) {
  bool changed = false;
  if (r.private_root().empty()) {
    std::string id = derive_id(r);
    fs::path settings_file = r.root() / "balance.toml";
    auto text = read_file(files, settings_file, "balance.toml", max_file_size);
    if (!text) throw error(errc::no_input, "balance.toml is gone");
    std::string updated = settings_with_id(*text, id);
    check_write_target(files, settings_file, "balance.toml");
    write_file_atomically(files, settings_file, updated, "balance.toml");
    r.adopt_id(id);
    changed = true;
    r.notice(fmt::format("balance.toml: added id = \"{}\"; it names where each computer keeps this repository's "
                         "private records, outside the repository; keep it as it is",
                         id));
  }
  fs::path base = private_store_base();
  make_dirs(files, base.parent_path());  // failures show when the store is used
  make_data_dirs(files, base.parent_path(), fs::path(base.filename()) / r.private_root().filename());
  return changed;
}

private_move move_private_tree(const repo& r, file_system& files) {
  private_move result;
  auto moving = legacy_private_files(r, files);
  if (moving.empty()) return nothing_to_move(r, files);

  // First look at everything, so a conflict stops the move before anything changes.
  std::vector<std::string> texts;
  std::vector<diagnostic> conflicts;
  for (const auto& rel : moving) {
    auto text = read_file(files, r.root() / rel, rel, max_file_size);
    texts.push_back(text.value_or(""));
    if (r.private_root().empty()) continue;
    auto existing = read_file(files, r.path(rel), r.display_path(rel), max_file_size);
    if (existing && *existing != texts.back())
      conflicts.push_back({{rel, 0, 0},
                           fmt::format("differs from {}, which this computer already keeps; compare the two, keep "
                                       "one, remove the other and run `balance private migrate` again",
                                       r.display_path(rel))});
  }
  if (!conflicts.empty()) throw error(errc::data, std::move(conflicts));

  result.id_added = ensure_private_store(r, files);
  result.to = r.private_root();
  for (std::size_t i = 0; i < moving.size(); ++i) {
    const std::string& rel = moving[i];
    fs::path dest = r.path(rel);
    std::string shown = r.display_path(rel);
    auto existing = read_file(files, dest, shown, max_file_size);
    if (existing) {
      ++result.already_there;
      continue;
    }
    make_data_dirs(files, result.to, fs::path(rel.substr(std::string_view("private/").size())).parent_path());
    check_write_target(files, dest, shown);
    write_file_atomically(files, dest, texts[i], shown);
    auto copy = read_file(files, dest, shown, max_file_size);
    if (!copy || *copy != texts[i])
      throw error(errc::io, fmt::format("{}: the copy does not read back as written; {} is left where it was", shown, rel));
    ++result.moved;
  }
  // Every copy is in place and checked: only now do the originals go.
  for (const auto& rel : moving) remove_file(files, r.root() / rel, rel);
  remove_empty_dirs(files, r.root() / "private");
  result.left_behind = files_left_in(files, r);
  return result;
}

std::vector<std::string> prepare_private_for_write(const repo& r, file_system& files) {
  std::vector<std::string> changed;
  auto legacy = legacy_private_files(r, files);
  if (legacy.empty()) return changed;
  file_status st;
  if (!r.private_root().empty() && files.stat(r.private_root().c_str(), st) == 0)
    throw error(errc::data,
                fmt::format("private/ is inside the repository again ({} private {}, e.g. {}), while this computer "
                            "keeps private records in {}; nothing was written. Move them with `balance private "
                            "migrate`",
                            legacy.size(), legacy.size() == 1 ? "file" : "files", legacy.front(),
                            r.private_root().string()));
  private_move moved = move_private_tree(r, files);
  r.notice(fmt::format("moved {} private {} out of the repository into {}; private records are kept there from now on",
                       moved.moved + moved.already_there, moved.moved + moved.already_there == 1 ? "file" : "files",
                       moved.to.string()));
  if (moved.id_added) changed.push_back("balance.toml");
  return changed;
}

std::string move_summary(const private_move& moved) {
  std::size_t files = moved.moved + moved.already_there;
  if (files > 0)
    return fmt::format("moved {} private {} out of the repository into {}", files, files == 1 ? "file" : "files",
                       moved.to.string());
  if (moved.emptied) return "removed the empty private/ folder an interrupted move left in the repository; nothing else to move";
  return moved.left_behind.empty() ? "no private/ folder in the repository; nothing to move"
                                   : "no private records in private/; nothing to move";
}

std::string left_behind_note(const private_move& moved) {
  if (moved.left_behind.empty()) return "";
  std::string list;
  for (const auto& f : moved.left_behind) list += (list.empty() ? "" : ", ") + f;
  return fmt::format("private/ still holds files that are not records, left as they were: {}", list);
}

}  // namespace balance
