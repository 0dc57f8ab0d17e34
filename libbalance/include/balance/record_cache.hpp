// The record cache is derived data, like git's index or ccache: for each shared month file the
// store has read, its parsed and validated records in a compact binary form under
// ${XDG_CACHE_HOME:-~/.cache}/balance/records/<repository key>/, so a second run over unchanged
// files skips TOML parsing. It is never trusted over the files: an entry is used only when the
// file's size, mtime and ctime (nanoseconds), inode and device, the repository, the path, the
// zone local date-times are read in, the cache format and the build all match, when the entry's
// checksum holds, and when the file was not modified within the file system's timestamp
// granularity of the entry's writing ("racily clean", git's rule). Anything else means: parse
// the file and write its entry again. Settings-dependent checks (known people, dimensions) run
// again on every cached record, so a changed balance.toml gives the same problems and warnings
// as a parse would. Private records are never cached. A cache that cannot be written is skipped.
// This header is the cache as a command sees it: on or off, where it is, what is in it, clearing
// it. The entries themselves (stamps, load, save) are private to the library.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "balance/api.hpp"

namespace balance {

struct settings;

// ${XDG_CACHE_HOME:-~/.cache}/balance/records: every repository's record cache on this computer.
BALANCE_API std::filesystem::path record_cache_base();

// False after disable_record_cache() (--no-cache) or with BALANCE_NO_CACHE set to anything but
// "" or "0": then nothing is read from or written to the cache.
BALANCE_API bool record_cache_enabled();
BALANCE_API void disable_record_cache();

// Lookups of this process, for `balance cache info`.
struct cache_counters {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
};
BALANCE_API cache_counters record_cache_counters();

// The directory of the repository at `root` under `base`.
BALANCE_API std::filesystem::path record_cache_dir(const std::filesystem::path& root,
                                                   const std::filesystem::path& base = record_cache_base());

// Writes this process's hit and miss counts into the stats file of the last repository whose
// cache was used, when there were any lookups. Never throws.
BALANCE_API void save_record_cache_stats();

struct record_cache_info {
  std::filesystem::path dir;
  std::uint64_t entries = 0;
  std::uint64_t bytes = 0;
  std::optional<cache_counters> last;  // the last command's lookups, when recorded
};

// What is in the cache of the repository at `root`.
BALANCE_API record_cache_info read_record_cache_info(const std::filesystem::path& root,
                                                     const std::filesystem::path& base = record_cache_base());

class sink;
// `balance cache info`: "location: …", "entries: N", "size: 1.2 MiB", and the last command's
// hits and misses ("last command: not recorded" when there is none).
BALANCE_API void write_record_cache_info(const record_cache_info& info, sink& out);

// Removes the cache of the repository at `root` (or, with `all`, every repository's) and
// returns how many entries went. Throws error{io} when something cannot be removed.
BALANCE_API std::uint64_t clear_record_cache(const std::filesystem::path& root, bool all,
                                             const std::filesystem::path& base = record_cache_base());

}  // namespace balance
