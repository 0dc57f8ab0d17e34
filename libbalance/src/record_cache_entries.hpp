// The record cache's entries (see balance/record_cache.hpp): the stamp that says a file is
// unchanged, and the load and save of one file's parsed records. Private to the library: only the
// store reads and writes entries.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "balance/file_system.hpp"
#include "balance/record_cache.hpp"
#include "record_file.hpp"

namespace balance {

// What identifies one version of a file's content without reading it.
struct file_stamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  friend bool operator==(const file_stamp&, const file_stamp&) = default;
};

// The stamp of a regular file, without following a symbolic link; nullopt when it does not exist
// or is not a regular file (the caller then reads it the ordinary way, which reports why).
std::optional<file_stamp> stamp_of(const std::filesystem::path& path);
std::optional<file_stamp> stamp_of(file_system& fs, const std::filesystem::path& path);

class record_cache {
 public:
  // The cache of the repository at `root`, whose local date-times are read in `zone_name`.
  explicit record_cache(const std::filesystem::path& root, std::string zone_name,
                        std::filesystem::path base = record_cache_base());

  // This repository's cache directory.
  const std::filesystem::path& dir() const { return dir_; }

  // What parse_record_file(text of `rel`, rel, role, {cfg, zone, strict = false}) would give
  // (records, spans and warnings), when a trusted entry for exactly `stamp` exists and its
  // records are still valid under `cfg`; nullopt otherwise (counted as a miss). Never throws.
  std::optional<parsed_file> load(const std::string& rel, const file_role& role, const file_stamp& stamp,
                                  const settings& cfg) const;

  // Writes the entry of a file that parsed without problems (private files are refused). Does
  // nothing when the directory cannot be written. `written_at` (ns since the epoch) is the time
  // the racy check compares the stamp with: the real clock by default.
  void save(const std::string& rel, const file_role& role, const file_stamp& stamp, const parsed_file& parsed,
            std::optional<std::int64_t> written_at = std::nullopt) const;

 private:
  std::string root_;
  std::string zone_;
  std::filesystem::path dir_;
  mutable std::optional<bool> trusted_;  // dir_ and its parents are ours alone (checked once)
};

}  // namespace balance
