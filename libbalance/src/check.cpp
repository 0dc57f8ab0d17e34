#include "balance/check.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "balance/file_system.hpp"
#include "balance/output.hpp"
#include "balance/private_store.hpp"
#include "record_file.hpp"
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

// The walk of one `balance check`: the files found, which of them the caller asked about, and
// what the records say about each other (ids used twice, events and their boundaries).
class repo_checker {
 public:
  repo_checker(const repo& r, file_system& files) : r_(r), cfg_(r.config()), fs_(files) {}

  check_result run(const std::vector<std::string>& paths) {
    if (auto legacy = legacy_private_files(r_, fs_); !legacy.empty())
      found_in_tree_.push_back({{"private/", 0, 0},
                                fmt::format("holds {} private {} inside the repository; move {} out with `balance private migrate`",
                                            legacy.size(), legacy.size() == 1 ? "file" : "files",
                                            legacy.size() == 1 ? "it" : "them")});
    std::vector<std::string> data_files = walk(r_.root(), "");
    // This computer's private store for the repository: its owner's files, checked with the
    // rest (ids are shared between the two).
    std::vector<std::string> private_files;
    if (!r_.private_owner().empty() && !r_.private_root().empty()) private_files = walk(r_.private_root(), "private/");
    select(paths, data_files);
    data_files.insert(data_files.end(), private_files.begin(), private_files.end());
    if (!everything_) {
      std::erase_if(found_in_tree_, [&](const diagnostic& d) { return !reported(d.where.path); });
      std::erase_if(result_.warnings, [&](const diagnostic& d) { return !reported(d.where.path); });
    }
    result_.problems.insert(result_.problems.end(), found_in_tree_.begin(), found_in_tree_.end());
    if (reported("balance.toml")) check_settings();
    for (const auto& rel : data_files) check_file(rel);
    check_events();
    std::stable_sort(result_.problems.begin(), result_.problems.end(), [](const diagnostic& a, const diagnostic& b) {
      if (a.where.path != b.where.path) return a.where.path < b.where.path;
      if (a.where.line != b.where.line) return a.where.line < b.where.line;
      return a.where.column < b.where.column;
    });
    return std::move(result_);
  }

 private:
  bool reported(const std::string& path) const { return everything_ || wanted_.count(path) > 0; }

  // The data files under `base` (the repository, or this computer's private store, whose files
  // get the logical prefix "private/" and are named by their real place), sorted. Anything else
  // found there is named.
  std::vector<std::string> walk(const fs::path& base, const std::string& prefix) {
    std::vector<std::string> into;
    for (const char* top : {"checkins", "ledger", "boundaries", "agreements", "appreciations", "repairs", "talks", "journal"}) {
      for (const tree_entry& e : list_tree(fs_, base / top)) {
        if (e.entry.is_directory && !e.entry.is_symlink) continue;
        std::string rel = prefix + top + "/" + e.path;
        std::string shown = prefix.empty() ? rel : (base / top / e.path).string();
        if (auto keep = sort_out(e.entry, rel, shown, !prefix.empty())) into.push_back(*keep);
      }
    }
    std::sort(into.begin(), into.end());
    return into;
  }

  // A file found by walk(): its path when it is a data file to check, else nothing (and a
  // problem or warning when it does not belong there).
  std::optional<std::string> sort_out(const dir_entry& entry, const std::string& rel, const std::string& shown,
                                      bool in_private_store) {
    if (entry.is_symlink) {
      found_in_tree_.push_back({{shown, 0, 0}, "is a symbolic link; balance refuses to read or write through links"});
      return std::nullopt;
    }
    if (is_temp_file_name(entry.name)) {
      result_.warnings.push_back({{shown, 0, 0}, "a temporary file left by an interrupted write; the next write here removes it, or delete it"});
      return std::nullopt;
    }
    if (entry.name == ".gitkeep") return std::nullopt;
    auto role = role_of_path(rel);
    if (!role) {
      found_in_tree_.push_back({{shown, 0, 0},
                                "is not a data file (expected checkins/NAME/YYYY-MM.toml, ledger/NAME/YYYY-MM.toml, "
                                "boundaries/NAME.toml, boundaries/NAME/YYYY-MM.toml, agreements/NAME.toml, "
                                "agreements/NAME/YYYY-MM.toml, appreciations/NAME/YYYY-MM.toml, "
                                "repairs/NAME/YYYY-MM.toml, talks/NAME/YYYY-MM.toml or journal/NAME/YYYY-MM.toml)"});
      return std::nullopt;
    }
    // The private store may hold another person's files (a shared account): only the owner's.
    if (in_private_store && role->author != r_.private_owner()) return std::nullopt;
    return rel;
  }

  // Which files the caller asked about (all when none).
  void select(const std::vector<std::string>& paths, const std::vector<std::string>& data_files) {
    everything_ = paths.empty();
    const fs::path root = r_.root();
    for (const auto& p : paths) {
      fs::path abs = fs::path(p).is_absolute() ? fs::path(p) : fs::current_path() / p;
      std::error_code ec;
      fs::path canon = fs::weakly_canonical(abs, ec);
      fs::path root_canon = fs::weakly_canonical(root, ec);
      std::string rel = fs::relative(canon, root_canon, ec).generic_string();
      // A path that is not the repository's is a mistake in the command, not bad data.
      if (ec || rel.starts_with(".."))
        throw_usage(fmt::format("{}: is not inside the repository ({})", escape_for_terminal(p), root.string()));
      file_status st;
      if (fs_.stat(canon.c_str(), st) != 0)
        throw error(errc::no_input, fmt::format("{}: does not exist", escape_for_terminal(p)));
      if (rel == "." || rel.empty()) {
        everything_ = true;
      } else if (st.type == file_status::kind::directory) {
        bool any = false;
        for (const auto& f : data_files)
          if (f.starts_with(rel + "/")) {
            wanted_.insert(f);
            any = true;
          }
        if (!any) wanted_.insert(rel + "/");
      } else {
        wanted_.insert(rel);
      }
    }
  }

  // Opening the repository already parsed balance.toml: anything wrong with a known key stopped
  // it there. Keys this version does not know are only warnings elsewhere; here they are problems.
  void check_settings() {
    ++result_.files;
    const std::string ignored = fmt::format("; balance {} ignores it", version_string);
    for (const auto& w : cfg_.warnings) {
      std::string message = w.message;
      if (message.ends_with(ignored)) message.resize(message.size() - ignored.size());
      result_.problems.push_back(
          {w.where, fmt::format("{}; balance {} does not understand it (a newer balance may know it)", message,
                                version_string)});
    }
  }

  void check_file(const std::string& rel) {
    auto role = role_of_path(rel);
    bool report = reported(rel);
    std::optional<std::string> text;
    const std::string shown = r_.display_path(rel);
    try {
      text = read_file(fs_, r_.path(rel), shown, max_file_size);
    } catch (const error& e) {
      unread_[role->type] = shown;
      if (!report) return;
      if (e.problems().empty())
        result_.problems.push_back({{rel, 0, 0}, e.what()});
      else
        result_.problems.insert(result_.problems.end(), e.problems().begin(), e.problems().end());
      return;
    }
    if (!text) return;
    if (report) ++result_.files;
    if (!cfg_.has_person(role->author) && report)
      result_.problems.push_back({{shown, 0, 0}, fmt::format("\"{}\" is not a person in balance.toml{}", role->author,
                                                           did_you_mean(role->author, cfg_.people))});
    read_options opts{&cfg_, &r_.data_zone(), true};
    parsed_file parsed = parse_record_file(*text, rel, *role, opts);
    if (!parsed.problems.empty()) unread_[role->type] = shown;  // some of its records may be missing
    if (shown != rel) {
      for (auto& d : parsed.problems) d.where.path = shown;
      for (auto& d : parsed.warnings) d.where.path = shown;
    }
    if (report) {
      result_.problems.insert(result_.problems.end(), parsed.problems.begin(), parsed.problems.end());
      // What stays a warning even here (a rating key a letter away from a dimension).
      result_.warnings.insert(result_.warnings.end(), parsed.warnings.begin(), parsed.warnings.end());
      result_.records += parsed.records.size();
    }
    for (auto& rec : parsed.records) note_record(std::move(rec), *text, rel, shown, report);
    if (report && !events_.empty()) texts_[rel] = *text;
  }

  // Ids are unique across every file; events are checked against the boundaries once all are read.
  void note_record(record&& rec, const std::string& text, const std::string& rel, const std::string& shown, bool report) {
    auto [it, inserted] = ids_.emplace(rec.id, seen_record{shown, rec.line, rec.is_private});
    if (!inserted && it->second.path != shown && report)
      result_.problems.push_back({key_position(text, shown, rec.line, "id"),
                                  fmt::format("id {} is also used at {}:{}{}", rec.id, it->second.path, it->second.line,
                                              it->second.path == shown ? "" : " (a record moved between files twice? keep one)")});
    if (rec.type == record_type::boundary || rec.type == record_type::agreement || rec.type == record_type::entry)
      targets_[{rec.type, rec.id}] = {rec.is_private, rec.at.utc};
    if (reference_of(rec) && report) events_.push_back({std::move(rec), rel});
  }

  // Events point at boundaries, reviews at agreements, appreciations at ledger entries.
  void check_events() {
    for (const auto& [ev, rel] : events_) check_reference(ev, rel);
    for (const auto& [type, file] : unread_)
      if (unchecked_.count(type))
        result_.warnings.push_back({{file, 0, 0}, fmt::format("what points at its {} records was not checked, since "
                                                              "the file does not read cleanly; fix it, then check again",
                                                              type_name(type))});
  }

  void check_reference(const record& ev, const std::string& rel) {
    auto ref = *reference_of(ev);
    auto it = targets_.find({ref.target, ref.id});
    position where = key_position(texts_[rel], r_.display_path(rel), ev.line, ref.key);
    std::string_view tool = ev.type == record_type::event ? "balance-boundaries" : "balance-talk";
    if (it == targets_.end() && unread_.count(ref.target)) {
      // Never advise removing a record whose target may only be hidden by a broken file (a sync
      // stopped at a conflict): that file's own problem says what to fix first.
      unchecked_.insert(ref.target);
    } else if (it == targets_.end() && ev.type == record_type::appreciation) {
      // A thank-you stands on its own: the entry it was for may have been removed since.
      result_.warnings.push_back({where, fmt::format("appreciation {} thanks entry {}, which is no longer in the "
                                                     "ledger; the thank-you stays as it is",
                                                     ev.id.substr(0, 7), ref.id.substr(0, 7))});
    } else if (it == targets_.end()) {
      result_.problems.push_back({where, fmt::format("{} {} points at {} {}, which does not exist (removed? "
                                                     "`{} rm {}` removes this {})",
                                                     type_name(ev.type), ev.id, type_name(ref.target), ref.id, tool,
                                                     ev.id.substr(0, 7), type_name(ev.type))});
    } else if (it->second.is_private && ev.type == record_type::appreciation) {
      result_.problems.push_back({where, fmt::format("appreciation {} points at a private entry; an appreciation "
                                                     "never refers to a private record",
                                                     ev.id)});
    } else if (it->second.is_private && !ev.is_private) {
      result_.problems.push_back({where, fmt::format("shared {} {} points at a private {}; shared records never "
                                                     "refer to private ones",
                                                     type_name(ev.type), ev.id, type_name(ref.target))});
    } else if (ev.type == record_type::review && ev.at.utc < it->second.at) {
      // Two clocks or a mistyped --at: worth a look, and nothing is lost meanwhile.
      result_.warnings.push_back({key_position(texts_[rel], r_.display_path(rel), ev.line, "at"),
                                  fmt::format("review {} is dated before agreement {} was made; check the `at` of "
                                              "one of them",
                                              ev.id.substr(0, 7), ref.id.substr(0, 7))});
    }
  }

  const repo& r_;
  const settings& cfg_;
  file_system& fs_;
  check_result result_;
  std::vector<diagnostic> found_in_tree_;
  bool everything_ = true;
  std::set<std::string> wanted_;
  std::map<std::string, seen_record> ids_;
  struct target_info {
    bool is_private = false;
    sys_seconds at;
  };
  std::map<std::pair<record_type, std::string>, target_info> targets_;  // boundaries, agreements, entries
  std::map<record_type, std::string> unread_;  // types with a file that did not read cleanly -> one such file
  std::set<record_type> unchecked_;           // types whose references could not be checked for that reason
  std::vector<std::pair<record, std::string>> events_;    // event, its file
  std::map<std::string, std::string> texts_;               // file texts for event positions
};

}  // namespace

check_result check_repo(const repo& r, const std::vector<std::string>& paths, file_system& files) {
  return repo_checker(r, files).run(paths);
}

std::string check_summary(const check_result& result) {
  if (!result.problems.empty())
    return fmt::format("{} problem{} found", result.problems.size(), result.problems.size() == 1 ? "" : "s");
  return fmt::format("checked {} file{} and {} record{}: all good", result.files, result.files == 1 ? "" : "s",
                     result.records, result.records == 1 ? "" : "s");
}

void write_check_problems(const check_result& result, sink& out) {
  for (const auto& p : result.problems) out.write(escape_for_terminal(p.to_string()) + "\n");
  out.flush();
}

}  // namespace balance
