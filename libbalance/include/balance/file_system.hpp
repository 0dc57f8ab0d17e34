// The file system, behind a small interface (like ninja's DiskInterface or LevelDB's Env) so
// tests can make any open, write, fsync, rename or mkdir fail without root, or run the store,
// `balance check`, the private store and the PATH search on an in-memory file system with no disk
// at all. Every read, stat, listing, directory creation, chmod and removal of balance's files goes
// through it. Two things deliberately stay on the real disk: the repository lock (flock on a real
// descriptor, and /proc/locks to name who holds it) and the record cache, a copy of the disk's
// files keyed by their inodes, used only when is_disk() is true.
//
// On top of it, the one way balance writes a file: a new file beside the target
// (O_CREAT|O_EXCL|O_NOFOLLOW, 0600), fsync, rename over the target, fsync the directory; on any
// failure the temp file is removed and the old file is untouched.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"

namespace balance {

// What stat or lstat says of a path: the part of struct stat balance looks at.
struct file_status {
  enum class kind { regular, directory, symlink, other };
  kind type = kind::other;
  unsigned mode = 0;  // permission bits only
  std::uint64_t size = 0;
  std::uint64_t links = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  unsigned uid = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
};

// One entry of a directory listing. The two kinds follow a symbolic link (as
// std::filesystem::directory_entry's is_directory and is_regular_file do); is_symlink does not.
struct dir_entry {
  std::string name;
  bool is_directory = false;
  bool is_regular_file = false;
  bool is_symlink = false;
};

class BALANCE_API file_system {
 public:
  virtual ~file_system() = default;
  // Each mirrors the POSIX call of the same name: -1 and errno on failure.
  virtual int open(const char* path, int flags, unsigned mode);
  virtual long write(int fd, const void* data, std::size_t size);
  virtual int fsync(int fd);
  virtual int close(int fd);
  virtual int rename(const char* from, const char* to);
  virtual int unlink(const char* path);
  virtual int mkdir(const char* path, unsigned mode);
  virtual int rmdir(const char* path);
  virtual int access(const char* path, int mode);
  virtual int fchmod(int fd, unsigned mode);
  virtual int chmod(const char* path, unsigned mode);
  virtual int stat(const char* path, file_status& out);
  virtual int lstat(const char* path, file_status& out);
  // The entries of `dir` (never "." or ".."), in no particular order. -1 and errno when it cannot
  // be opened; when reading it fails midway, -1 and errno with the entries read until then.
  virtual int list_dir(const char* dir, std::vector<dir_entry>& out);
  // The free read_file below, on this file system (the same rules, errors and messages).
  virtual std::optional<std::string> read_file(const std::filesystem::path& path, const std::string& display_path,
                                               std::size_t max_size, bool user_chosen);
  // Whether paths name files on this computer's disk. The record cache keys its entries on real
  // inodes and modification times, so the store uses it only when this is true.
  virtual bool is_disk() const { return true; }
};

// The real one.
BALANCE_API file_system& real_file_system();

// One entry found by list_tree: its path relative to the listed directory ('/'-separated).
struct tree_entry {
  std::string path;
  dir_entry entry;
};

// Every entry below `dir` at any depth, sorted by path (so a directory comes before what it
// holds). Symbolic links are listed but never followed into. Empty when `dir` is missing or is
// not a directory; a subdirectory that cannot be read is listed without its contents.
BALANCE_API std::vector<tree_entry> list_tree(file_system& fs, const std::filesystem::path& dir);

// Whether `path` exists, following symbolic links (stat succeeds).
BALANCE_API bool path_exists(file_system& fs, const std::filesystem::path& path);

// Creates `dir` and its missing parents with `mode` (the umask still applies), as `mkdir -p`
// does. 0 when `dir` is a directory afterwards, else -1 and errno.
BALANCE_API int make_dirs(file_system& fs, const std::filesystem::path& dir, unsigned mode = 0777);

// Removes every empty directory below `dir`, deepest first, then `dir` itself when it is left
// empty. Files, and directories that still hold something, stay; links are never followed.
BALANCE_API void remove_empty_dirs(file_system& fs, const std::filesystem::path& dir);

// Reads a whole file. nullopt when it does not exist. Throws error{data} for files over
// `max_size` (naming `display_path`), error{permission} or error{io} when it cannot be read.
// Data files are never read through a symbolic link (a partner could commit one pointing at a
// private file) and must be regular files (a FIFO would hang cron): error{permission} otherwise.
// `user_chosen` relaxes both for files the user names (--from, their own config).
BALANCE_API std::optional<std::string> read_file(const std::filesystem::path& path, const std::string& display_path,
                                                 std::size_t max_size, bool user_chosen = false);
BALANCE_API std::optional<std::string> read_file(file_system& fs, const std::filesystem::path& path,
                                                 const std::string& display_path, std::size_t max_size,
                                                 bool user_chosen = false);

// read_file's rules for what it is about to read, for file systems that implement read_file
// themselves: `st` is the file's lstat (a data file) or stat (`user_chosen`). Throws the errors
// read_file documents, with its messages.
BALANCE_API void check_file_to_read(const file_status& st, const std::string& display_path, std::size_t max_size,
                                    bool user_chosen);

// Refuses to write through `target` when it is a symlink, has more than one hard link, or belongs
// to another user (error{permission}, naming `display_path`). A missing target is fine.
BALANCE_API void check_write_target(const std::filesystem::path& target, const std::string& display_path);
BALANCE_API void check_write_target(file_system& fs, const std::filesystem::path& target,
                                    const std::string& display_path);

// Creates `dir` and any missing parents below `root` with mode 0700 whatever the umask.
// Refuses symlinked directories below the root (error{permission}).
BALANCE_API void make_data_dirs(file_system& fs, const std::filesystem::path& root, const std::filesystem::path& dir);

// Replaces `target` with `content` atomically (see above); the result is mode 0600.
// Throws error{io}, error{cannot_create} or error{permission} naming `display_path`.
BALANCE_API void write_file_atomically(file_system& fs, const std::filesystem::path& target, std::string_view content,
                                       const std::string& display_path);

// Whether a file name is one of write_file_atomically's temporary files (".NAME.ID.tmp").
BALANCE_API bool is_temp_file_name(std::string_view name) noexcept;

// Removes the temporary files a writer killed mid-write left in `dir` (only ever call this while
// holding the repository lock, when no other writer can be using one). Returns how many went.
BALANCE_API std::size_t remove_stale_temp_files(file_system& fs, const std::filesystem::path& dir);

// Removes `target` and syncs its directory. A missing file is fine.
BALANCE_API void remove_file(file_system& fs, const std::filesystem::path& target, const std::string& display_path);

}  // namespace balance
