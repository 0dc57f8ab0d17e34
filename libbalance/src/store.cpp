#include "balance/store.hpp"

#include <algorithm>
#include <deque>
#include <future>
#include <map>
#include <thread>
#include <set>
#include <memory>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/format.hpp"
#include "balance/id.hpp"
#include "balance/lock.hpp"
#include "balance/private_store.hpp"
#include "record_cache_entries.hpp"
#include "balance/text.hpp"

namespace balance {

namespace {

// Sorted names of the entries of `dir` that are directories (`want_dirs`) or are not. A missing
// or unreadable directory has none.
std::vector<std::string> list_dir(file_system& fs, const std::filesystem::path& dir, bool want_dirs) {
  std::vector<std::string> names;
  std::vector<dir_entry> entries;
  fs.list_dir(dir.c_str(), entries);
  for (const auto& entry : entries)
    if (entry.is_directory == want_dirs) names.push_back(entry.name);
  std::sort(names.begin(), names.end());
  return names;
}

// The logical files of one record type in the shared tree ("ledger/sam/2026-11.toml") or in the
// private store ("private/ledger/sam/2026-11.toml"), limited to `author` and to the months of
// `span` when those are given.
std::vector<std::string> files_under(file_system& fs, const repo& rp, bool is_private, record_type type,
                                     const std::optional<std::string>& author, const period& span) {
  std::vector<std::string> files;
  std::filesystem::path base = is_private ? rp.private_root() : rp.root();
  if (base.empty()) return files;  // no private store yet
  const std::string prefix = is_private ? "private/" : "";
  const std::string dir(type_dir(type));
  if (is_definition(type)) {
    for (const auto& name : list_dir(fs, base / dir, false)) {
      if (!name.ends_with(".toml")) continue;
      std::string owner = name.substr(0, name.size() - 5);
      if (!is_valid_name(owner) || (author && owner != *author)) continue;
      files.push_back(prefix + dir + "/" + name);
    }
    return files;
  }
  std::vector<std::string> authors;
  if (author)
    authors.push_back(*author);
  else
    for (const auto& name : list_dir(fs, base / dir, true))
      if (is_valid_name(name)) authors.push_back(name);
  auto months = months_covering(span);
  for (const auto& a : authors) {
    std::string author_dir = dir + "/" + a;
    if (!months.empty()) {
      for (const auto& m : months) {
        std::string rel = author_dir + "/" + m.to_string() + ".toml";
        file_status st;
        if (fs.stat((base / rel).c_str(), st) == 0) files.push_back(prefix + rel);
      }
    } else {
      for (const auto& name : list_dir(fs, base / author_dir, false)) {
        if (!name.ends_with(".toml") || !parse_month(name.substr(0, name.size() - 5))) continue;
        files.push_back(prefix + author_dir + "/" + name);
      }
    }
  }
  return files;
}

// Problems found in a private file name it by its real place, not its logical path.
void relabel(std::vector<diagnostic>& list, const std::string& rel, const std::string& shown) {
  if (rel == shown) return;
  for (auto& d : list)
    if (d.where.path == rel) d.where.path = shown;
}

// One file's records: from the record cache when it holds a trusted entry, else parsed (and
// then remembered by the cache). nullopt when the file does not exist. Problems and warnings
// name the file by its display path. Private files never touch the cache.
std::optional<parsed_file> read_records(file_system& fs, const repo& rp, const record_cache* cache, const std::string& rel,
                                        const file_role& role, const read_options& opts) {
  auto abs = rp.path(rel);
  std::optional<file_stamp> before;
  if (cache && !role.is_private) {
    before = stamp_of(fs, abs);
    if (before)
      if (auto hit = cache->load(rel, role, *before, *opts.cfg)) return hit;
  }
  std::string shown = rp.display_path(rel);
  auto text = fs.read_file(abs, shown, max_file_size, false);
  if (!text) return std::nullopt;
  parsed_file parsed = parse_record_file(*text, rel, role, opts);
  if (before && parsed.problems.empty()) {
    // Remember only what was read under this stamp: a file changed meanwhile waits for the next run.
    auto after = stamp_of(fs, abs);
    if (after && *after == *before && after->size == text->size()) cache->save(rel, role, *before, parsed);
  }
  relabel(parsed.problems, rel, shown);
  relabel(parsed.warnings, rel, shown);
  return parsed;
}

// The cache keys its entries on the real file's inode and times: a file system that is not the
// disk (an in-memory one in tests) could match an entry of the real files at the same paths.
std::optional<record_cache> open_cache(const repo& rp, const file_system& fs) {
  if (!record_cache_enabled() || !fs.is_disk()) return std::nullopt;
  return record_cache(rp.root(), rp.data_zone().name());
}

}  // namespace

store::store(const repo& r, file_system& fs) : repo_(r), fs_(fs) {}

std::vector<std::string> store::data_files(record_type type, bool shared, bool include_private) const {
  std::vector<std::string> files;
  if (shared) files = files_under(fs_, repo_, false, type, std::nullopt, period{});
  if (include_private && !repo_.private_owner().empty()) {
    auto more = files_under(fs_, repo_, true, type, repo_.private_owner(), period{});
    files.insert(files.end(), more.begin(), more.end());
  }
  return files;
}

void store::scan(const scan_filter& filter, const std::function<void(record&&)>& visit,
                 const std::function<void(const diagnostic&)>& on_warning) const {
  std::vector<std::string> files;
  if (filter.shared) files = files_under(fs_, repo_, false, filter.type, filter.author, filter.span);
  // Only the private owner's own records, and only theirs: never through --as.
  const std::string& owner = repo_.private_owner();
  if (filter.private_of_me && !owner.empty() && !repo_.acting_as_other() && (!filter.author || *filter.author == owner)) {
    auto mine = files_under(fs_, repo_, true, filter.type, owner, filter.span);
    files.insert(files.end(), mine.begin(), mine.end());
  }
  if (filter.private_of_me && on_warning && !legacy_private_files(repo_, fs_).empty())
    on_warning(diagnostic{{"private/", 0, 0}, legacy_private_warning(repo_)});
  read_options opts{&repo_.config(), &repo_.data_zone(), false};
  auto cache = open_cache(repo_, fs_);
  const record_cache* cached = cache ? &*cache : nullptr;
  auto read_one = [&, cached](const std::string& rel) -> std::optional<parsed_file> {
    auto role = role_of_path(rel);
    if (!role) return std::nullopt;
    return read_records(fs_, repo_, cached, rel, *role, opts);
  };
  // Records go on in file order, whichever thread parsed them.
  auto hand_on = [&](std::optional<parsed_file> parsed) {
    if (!parsed) return;
    if (!parsed->problems.empty()) throw error(errc::data, std::move(parsed->problems));
    if (on_warning)
      for (const auto& w : parsed->warnings) on_warning(w);
    for (auto& r : parsed->records)
      if (filter.span.contains(r.at)) visit(std::move(r));
  };
  if (files.empty()) return;
  // The first file tells a warm read (its cache entry was good) from a cold one. A warm read
  // stays on this thread, where a second one only costs; a cold one parses the next files on
  // other threads while this one hands records on: a window of a few files, so memory stays
  // flat. The cache was opened (and its folder checked) by the first read, on this thread.
  auto misses = record_cache_counters().misses;
  hand_on(read_one(files.front()));
  bool cold = !cached || record_cache_counters().misses > misses;
  std::size_t workers = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()) - 1, 3);
  if (!cold || workers == 0 || !fs_.is_disk() || files.size() < 3) {
    for (std::size_t i = 1; i < files.size(); ++i) hand_on(read_one(files[i]));
    return;
  }
  std::deque<std::future<std::optional<parsed_file>>> ahead;
  std::size_t next = 1;
  auto fill = [&] {
    while (ahead.size() < workers + 1 && next < files.size())
      ahead.push_back(std::async(std::launch::async, read_one, std::cref(files[next++])));
  };
  fill();
  while (!ahead.empty()) {
    auto parsed = ahead.front().get();
    ahead.pop_front();
    fill();
    hand_on(std::move(parsed));
  }
}

std::vector<record> store::load(const scan_filter& filter, const std::function<void(const diagnostic&)>& on_warning) const {
  std::vector<record> out;
  scan(filter, [&](record&& r) { out.push_back(std::move(r)); }, on_warning);
  std::sort(out.begin(), out.end(), record_less);
  return out;
}

record store::find(record_type type, std::string_view prefix) const {
  if (!is_valid_id_prefix(prefix)) {
    bool upper = std::any_of(prefix.begin(), prefix.end(), [](char c) { return c >= 'A' && c <= 'F'; });
    throw_usage(upper ? fmt::format("\"{}\" is not an id: ids are lowercase hex digits", escape_for_terminal(prefix))
                      : prefix.size() > id_length && std::all_of(prefix.begin(), prefix.end(), [](char c) {
                          return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                        })
                          ? fmt::format("\"{}\" is not an id: an id has 12 hex digits, and {} is too many",
                                        escape_for_terminal(prefix), prefix.size())
                          : fmt::format("\"{}\" is not an id: give at least {} of its 12 hex digits",
                                        escape_for_terminal(prefix), min_id_prefix));
  }
  std::vector<record> matches;
  scan_filter filter;
  filter.type = type;
  filter.private_of_me = true;
  scan(filter, [&](record&& r) {
    if (std::string_view(r.id).starts_with(prefix)) matches.push_back(std::move(r));
  });
  if (matches.empty()) {
    std::string what(a_record_of(type));
    throw_usage(fmt::format("no {} has an id starting with {}", what.substr(what.find(' ') + 1), prefix));
  }
  if (matches.size() > 1) {
    std::sort(matches.begin(), matches.end(), record_less);
    std::string list;
    for (const auto& m : matches) list += fmt::format("\n  {}  {}  {}", m.id, format_date(m.at), m.path);
    throw_usage(fmt::format("id {} is ambiguous; it matches:{}", prefix, list));
  }
  return std::move(matches.front());
}

std::unordered_set<std::string> store::all_ids() const {
  std::unordered_set<std::string> ids;
  read_options opts{&repo_.config(), &repo_.data_zone(), false};
  auto cache = open_cache(repo_, fs_);
  for (auto type : all_record_types) {
    for (const auto& rel : data_files(type, true, true)) {
      auto role = role_of_path(rel);
      if (!role) continue;
      auto parsed = read_records(fs_, repo_, cache ? &*cache : nullptr, rel, *role, opts);
      if (!parsed) continue;
      if (!parsed->problems.empty()) throw error(errc::data, std::move(parsed->problems));
      for (const auto& r : parsed->records) ids.insert(r.id);
    }
  }
  return ids;
}

struct write_batch::pending_file {
  std::string rel;
  file_role role;
  bool existed = false;
  std::string text;
  std::optional<std::string> as_read;  // the file's text when it was read (none: it did not exist)
  parsed_file parsed;
  std::vector<record> inserts;  // applied in one pass before any other change or the commit
};

struct write_batch::impl {
  explicit impl(const std::filesystem::path& root, std::chrono::milliseconds wait) : lock(root, wait) {}
  repo_lock lock;
  std::map<std::string, std::unique_ptr<pending_file>> files;
  std::vector<pending_file*> changed;  // in the order their first change was made
  std::vector<std::string> also_written;  // balance.toml, when the private store needed an id
  read_options opts;
  bool future_noted = false;  // one note about a date after now is enough for a batch
};

write_batch::write_batch(const store& s, std::chrono::milliseconds lock_wait) : store_(s) {
  s.repository().require_writable();
  impl_ = std::make_unique<impl>(s.repository().root(), lock_wait);
  impl_->opts = read_options{&s.repository().config(), &s.repository().data_zone(), false};
  // An old private/ tree inside the repository moves out before anything else is written.
  impl_->also_written = prepare_private_for_write(s.repository(), s.fs());
}

write_batch::~write_batch() = default;

write_batch::pending_file& write_batch::open_file(const std::string& rel) {
  auto& slot = impl_->files[rel];
  if (slot) return *slot;
  auto role = role_of_path(rel);
  if (!role) throw error(errc::internal, fmt::format("{} is not a data file path", rel));
  auto f = std::make_unique<pending_file>();
  f->rel = rel;
  f->role = *role;
  const repo& rp = store_.repository();
  if (f->role.is_private) {
    rp.require_private_owner();
    if (ensure_private_store(rp, store_.fs())) impl_->also_written.push_back("balance.toml");
  }
  auto abs = rp.path(rel);
  std::string shown = rp.display_path(rel);
  file_system& fs = store_.fs();
  check_write_target(fs, abs, shown);
  std::optional<record_cache> cache;
  if (!f->role.is_private) cache = open_cache(rp, fs);
  std::optional<file_stamp> before;
  if (cache) before = stamp_of(fs, abs);
  auto text = fs.read_file(abs, shown, max_file_size, false);
  f->existed = text.has_value();
  f->text = text.value_or("");
  f->as_read = text;
  // The cache's parse (with each record's lines) serves only when the text just read is the one
  // its stamp describes: unchanged from before the read to after it, and of the stamp's size.
  std::optional<parsed_file> cached;
  if (before && text && before->size == text->size())
    if (auto after = stamp_of(fs, abs); after && *after == *before) cached = cache->load(rel, f->role, *before, rp.config());
  f->parsed = cached ? std::move(*cached) : parse_record_file(f->text, rel, f->role, impl_->opts);
  relabel(f->parsed.problems, rel, shown);
  // Never splice into a file we cannot fully understand: it is left exactly as it is.
  if (!f->parsed.problems.empty()) throw error(errc::data, f->parsed.problems);
  slot = std::move(f);
  return *slot;
}

namespace {

std::size_t index_of(const parsed_file& parsed, const std::string& id) {
  for (std::size_t i = 0; i < parsed.records.size(); ++i)
    if (parsed.records[i].id == id) return i;
  return parsed.records.size();
}

void check_valid(const record& r, const settings& cfg) {
  validation_context ctx{&cfg, false};
  std::vector<std::string> messages;
  for (const auto& p : validate(r, ctx))
    if (!p.warning) messages.push_back(p.message);
  if (messages.empty()) return;
  std::string text;
  for (const auto& m : messages) text += (text.empty() ? "" : "\n") + m;
  throw error(errc::usage, text);
}

}  // namespace

void write_batch::add(record& r) {
  if (r.author.empty()) throw error(errc::internal, "a new record needs an author");
  if (r.id.empty()) r.id = new_id();
  check_valid(r, store_.repository().config());
  r.path = path_for(r);
  auto& f = open_file(r.path);
  bool taken = index_of(f.parsed, r.id) < f.parsed.records.size() ||
               std::any_of(f.inserts.begin(), f.inserts.end(), [&](const record& x) { return x.id == r.id; });
  if (taken) throw error(errc::data, fmt::format("{}: id {} is already taken in this file", r.path, r.id));
  if (f.inserts.empty() && std::find(impl_->changed.begin(), impl_->changed.end(), &f) == impl_->changed.end())
    impl_->changed.push_back(&f);
  note_if_future(r);
  f.inserts.push_back(r);
}

// A record dated on a later day than today is most often a typo in --at (2027 for 2026): it is
// saved as given, since nothing is lost by keeping it, but said once, so it can be fixed.
void write_batch::note_if_future(const record& r) {
  const calendar& cal = store_.repository().cal();
  if (impl_->future_noted || format_date(r.at) <= format_date(cal.now)) return;
  impl_->future_noted = true;
  store_.repository().notice(fmt::format("{} is dated {}, a day still to come (today is {}): it is saved as given, and "
                                         "counts from that day on; `{} edit {}` changes its date",
                                         record_label(r), format_date(r.at), format_date(cal.now), program_of(r.type),
                                         r.id.substr(0, 7)));
}

void write_batch::replace(const record& before, record& after) {
  auto& src = open_file(before.path);
  flush_inserts(src);
  std::size_t i = index_of(src.parsed, before.id);
  if (i == src.parsed.records.size())
    throw error(errc::data, fmt::format("{}: {} {} is no longer there (changed by another command?)", before.path,
                                        type_name(before.type), before.id));
  // Someone may have changed it since it was read (another command, a git pull, the partner):
  // never write over that unseen.
  if (!src.parsed.records[i].same_content(before))
    throw error(errc::lock, fmt::format("{}: {} {} changed since it was read; nothing was written. Look at it again and "
                                        "repeat the edit",
                                        before.path, type_name(before.type), before.id.substr(0, 7)));
  after.author = before.author;
  after.is_private = before.is_private;
  after.id = before.id;
  check_valid(after, store_.repository().config());
  after.path = path_for(after);
  auto mark = [&](pending_file& f) {
    if (std::find(impl_->changed.begin(), impl_->changed.end(), &f) == impl_->changed.end()) impl_->changed.push_back(&f);
  };
  if (after.path == before.path) {
    src.text = splice_replace(src.text, src.parsed, i, after);
    reparse_checked(src);
    mark(src);
    return;
  }
  // Moving to another file: the destination is written first, so a crash between the two
  // writes leaves a duplicate (which `balance check` reports), never a loss.
  auto& dest = open_file(after.path);
  flush_inserts(dest);
  if (index_of(dest.parsed, after.id) < dest.parsed.records.size())
    throw error(errc::data, fmt::format("{}: id {} is already taken in this file", after.path, after.id));
  auto self = std::find(impl_->changed.begin(), impl_->changed.end(), &src);
  if (self != impl_->changed.end()) impl_->changed.erase(self);
  dest.text = splice_insert(dest.text, dest.parsed, {after});
  reparse_checked(dest);
  mark(dest);
  src.text = splice_remove(src.text, src.parsed, index_of(src.parsed, before.id));
  reparse_checked(src);
  mark(src);
}

void write_batch::remove(const record& r) {
  auto& f = open_file(r.path);
  flush_inserts(f);
  std::size_t i = index_of(f.parsed, r.id);
  if (i == f.parsed.records.size())
    throw error(errc::data, fmt::format("{}: {} {} is no longer there (changed by another command?)", r.path,
                                        type_name(r.type), r.id));
  f.text = splice_remove(f.text, f.parsed, i);
  reparse_checked(f);
  if (std::find(impl_->changed.begin(), impl_->changed.end(), &f) == impl_->changed.end()) impl_->changed.push_back(&f);
}

void write_batch::flush_inserts(pending_file& f) {
  if (f.inserts.empty()) return;
  f.text = splice_insert(f.text, f.parsed, std::move(f.inserts));
  f.inserts.clear();
  reparse_checked(f);
}

void write_batch::reparse_checked(pending_file& f) {
  // Every spliced text is read back before it can be written: a splice that broke the file is a
  // bug, and the file on disk stays as it was.
  f.parsed = parse_record_file(f.text, f.rel, f.role, impl_->opts);
  if (!f.parsed.problems.empty())
    throw error(errc::internal, fmt::format("{}: the edited text would not parse ({}); nothing was written", f.rel,
                                            f.parsed.problems.front().to_string()));
}

// The lock keeps other balance commands out, not an editor or a folder sync: a file saved by one
// since this batch read it would be written over, and what was saved there lost. Every file is
// read again before any is written; one that changed stops the whole batch.
void write_batch::check_unchanged() const {
  const repo& rp = store_.repository();
  for (const auto* f : impl_->changed) {
    std::string shown = rp.display_path(f->rel);
    auto now = store_.fs().read_file(rp.path(f->rel), shown, max_file_size, false);
    if (now == f->as_read) continue;
    throw error(errc::lock, fmt::format("{}: {} while balance was writing it (another program saved it); nothing was "
                                        "written. Run the command again",
                                        shown, f->as_read ? (now ? "changed" : "was removed") : "appeared"));
  }
}

std::vector<std::string> write_batch::commit() {
  for (auto* f : impl_->changed) flush_inserts(*f);
  check_unchanged();
  std::vector<std::string> written = std::move(impl_->also_written);
  impl_->also_written.clear();
  const repo& rp = store_.repository();
  std::set<std::filesystem::path> swept;
  for (auto* f : impl_->changed) {
    auto abs = rp.path(f->rel);
    // We hold the lock: a temporary file beside this one is a dead writer's, and may hold record
    // text that a `git add -A` would commit. Clear it before writing.
    if (swept.insert(abs.parent_path()).second) remove_stale_temp_files(store_.fs(), abs.parent_path());
    std::string shown = rp.display_path(f->rel);
    std::filesystem::path dir = std::filesystem::path(f->rel).parent_path();
    if (f->role.is_private)
      make_data_dirs(store_.fs(), rp.private_root(), dir.lexically_relative("private"));
    else
      make_data_dirs(store_.fs(), rp.root(), dir);
    check_write_target(store_.fs(), abs, shown);
    if (f->text.empty() && f->existed)
      remove_file(store_.fs(), abs, shown);  // its last record went: no empty month files
    else
      write_file_atomically(store_.fs(), abs, f->text, shown);
    written.push_back(f->rel);
  }
  impl_->changed.clear();
  return written;
}

outcome remove_record(const store& s, record_type type, const std::string& id, bool dry_run) {
  record r = s.find(type, id);
  // A private record's real place is outside the repository: name that, as messages do.
  if (dry_run)
    return nothing_written(fmt::format("would remove {} from {}", record_label(r), s.repository().display_path(r.path)));
  write_batch batch(s);
  batch.remove(r);
  auto paths = batch.commit();
  std::string summary = fmt::format("removed {}", record_label(r));
  return {std::move(paths), std::move(summary), {std::move(r)}, {}};
}

outcome add_record(const store& s, record r, const std::function<std::string(const record&)>& summary) {
  write_batch batch(s);
  batch.add(r);
  auto paths = batch.commit();
  std::string line = summary ? summary(r) : fmt::format("added {}", record_label(r));
  return {std::move(paths), std::move(line), {std::move(r)}, {}};
}

}  // namespace balance
