// The store reads and writes records in a repository's month files. Reading opens only the files
// that can hold the requested period and streams records to a callback, so memory grows with the
// largest month, not with the history. Writing goes through a batch that holds the repository
// lock, re-reads each file it changes, splices records in or out of the text, and commits every
// file atomically once the whole batch has succeeded (timewarrior's "finalize all" idea).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "balance/api.hpp"
#include "balance/file_system.hpp"
#include "balance/period.hpp"
#include "balance/record.hpp"
#include "balance/repo.hpp"

namespace balance {

struct scan_filter {
  scan_filter() = default;
  scan_filter(record_type t, period p = {}) : type(t), span(std::move(p)) {}

  record_type type = record_type::entry;
  period span{};                       // default: all time
  bool shared = true;                  // read the shared tree
  bool private_of_me = false;          // also the private owner's own private records (never --as)
  std::optional<std::string> author;   // only this author's files
};

class BALANCE_API store {
 public:
  explicit store(const repo& r, file_system& fs = real_file_system());

  const repo& repository() const { return repo_; }
  file_system& fs() const { return fs_; }

  // Calls `visit` with every record of the filter's type whose `at` is in the period, file by
  // file. Throws error{data} with every problem of the first file that does not parse or validate.
  // Warnings (unknown keys) go to `on_warning` when given.
  void scan(const scan_filter& filter, const std::function<void(record&&)>& visit,
            const std::function<void(const diagnostic&)>& on_warning = {}) const;
  // The same, collected and sorted by at, then id.
  std::vector<record> load(const scan_filter& filter,
                           const std::function<void(const diagnostic&)>& on_warning = {}) const;

  // The record of `type` whose id starts with `prefix` (≥ 4 hex digits), among the shared records
  // and the private owner's own private ones (so `show ID` of my private record needs no flag). Throws error{usage} for a bad prefix, no match, or an ambiguous one
  // (listing the candidates).
  record find(record_type type, std::string_view prefix) const;

  // Every id in the repository (all types, shared and private), for import and collision checks.
  std::unordered_set<std::string> all_ids() const;

  // The repository-relative paths of every data file of a type (shared and private).
  std::vector<std::string> data_files(record_type type, bool shared, bool include_private) const;

 private:
  const repo& repo_;
  file_system& fs_;
};

// A set of changes written together. The constructor takes the repository lock (waiting up to
// `lock_wait`); nothing touches the disk before commit().
class BALANCE_API write_batch {
 public:
  explicit write_batch(const store& s, std::chrono::milliseconds lock_wait = std::chrono::seconds(10));
  ~write_batch();
  write_batch(const write_batch&) = delete;
  write_batch& operator=(const write_batch&) = delete;

  // Adds a new record (its author, privacy and `at` decide the file; `path` is set). Throws
  // error{usage} for invalid content and error{data} when the file already holds its id or does
  // not parse.
  void add(record& r);
  // Replaces `before` (found by id in the file it was read from) with `after`. Throws
  // error{lock} when the record in the file is no longer `before` (changed since it was read).
  // A change of month or privacy writes the destination first and removes from the source second.
  void replace(const record& before, record& after);
  // Removes a record (found by id in its file).
  void remove(const record& r);

  // Writes every changed file atomically and returns their repository-relative paths in the
  // order written. Throws on the first failure (files written before it stay written: each is
  // whole, and a move never loses a record).
  std::vector<std::string> commit();

 private:
  void note_if_future(const record& r);
  struct pending_file;
  pending_file& open_file(const std::string& relative_path);
  void flush_inserts(pending_file& f);
  void reparse_checked(pending_file& f);
  void check_unchanged() const;
  const store& store_;
  struct impl;
  std::unique_ptr<impl> impl_;
};

// What a write command did, for its confirmation: the files written (none for a dry run, or when
// nothing needed to change), one line that says so, and the records written or removed.
struct outcome {
  std::vector<std::string> paths;
  std::string summary;
  std::vector<record> records;
  std::vector<std::string> notes;  // said before the confirmation (a hint, a new topic)
};

// An outcome that wrote nothing: a dry run, or nothing to change.
inline outcome nothing_written(std::string summary) {
  outcome o;
  o.summary = std::move(summary);
  return o;
}

// Removes the one record of `type` whose id starts with `id` ("removed entry 3f9a1c0 (chore,
// sam)"); with `dry_run`, only says which and from which file.
BALANCE_API outcome remove_record(const store& s, record_type type, const std::string& id, bool dry_run);

// Writes one new record. `summary` words the confirmation from the record as written (with its
// id); "added <label>" without one.
BALANCE_API outcome add_record(const store& s, record r, const std::function<std::string(const record&)>& summary = {});

}  // namespace balance
