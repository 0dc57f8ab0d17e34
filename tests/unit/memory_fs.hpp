// A file system that lives in memory, so unit tests can run the store (and anything else that
// takes a balance::file_system) with nothing on disk. Close to POSIX where balance looks:
// O_CREAT|O_EXCL fails with EEXIST, O_NOFOLLOW on a symbolic link with ELOOP, rename replaces its
// target, unlink of a missing file is ENOENT, mkdir of an existing path is EEXIST, rmdir of a
// directory that holds anything is ENOTEMPTY, and a descriptor keeps writing to its file after a
// rename. Not modelled: permissions (every call is allowed; modes are only remembered, and access
// reads them), the umask, hard links, renaming a directory (EXDEV), and symbolic links anywhere
// but as a path's last component. Paths are taken lexically; a relative
// one is read from "/".
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "balance/file_system.hpp"

namespace balance_test {

class memory_file_system : public balance::file_system {
 public:
  memory_file_system();  // holds only "/"

  // Test set-up: each creates missing parent directories (0700), as `mkdir -p` would.
  void add_dir(const std::filesystem::path& dir, unsigned mode = 0700);
  // Creates or replaces a file's content, as another program writing it would (new mtime).
  void add_file(const std::filesystem::path& path, const std::string& content, unsigned mode = 0600);
  void add_symlink(const std::filesystem::path& link, const std::string& target);

  // Inspection: a regular file's content and the mode of a file or directory (nullopt when absent).
  std::optional<std::string> content(const std::filesystem::path& path) const;
  std::optional<unsigned> mode(const std::filesystem::path& path) const;
  bool is_directory(const std::filesystem::path& path) const;
  // Every regular file below `dir`, relative to it, sorted.
  std::vector<std::string> files_under(const std::filesystem::path& dir) const;
  std::size_t open_descriptors() const { return fds_.size(); }

  int open(const char* path, int flags, unsigned mode) override;
  long write(int fd, const void* data, std::size_t size) override;
  int fsync(int fd) override;
  int close(int fd) override;
  int rename(const char* from, const char* to) override;
  int unlink(const char* path) override;
  int mkdir(const char* path, unsigned mode) override;
  int rmdir(const char* path) override;
  // Permissions are not enforced: R_OK, W_OK and X_OK ask the owner's bits of the mode remembered.
  int access(const char* path, int mode) override;
  int fchmod(int fd, unsigned mode) override;
  int chmod(const char* path, unsigned mode) override;
  int stat(const char* path, balance::file_status& out) override;
  int lstat(const char* path, balance::file_status& out) override;
  int list_dir(const char* dir, std::vector<balance::dir_entry>& out) override;
  std::optional<std::string> read_file(const std::filesystem::path& path, const std::string& display_path,
                                       std::size_t max_size, bool user_chosen) override;
  bool is_disk() const override { return false; }

 private:
  struct node {
    std::string content;
    unsigned mode = 0600;
    std::uint64_t inode = 0;
    std::int64_t mtime_ns = 0;
    std::int64_t ctime_ns = 0;
  };
  struct dir_node {
    unsigned mode = 0700;
    std::uint64_t inode = 0;
  };
  struct descriptor {
    std::shared_ptr<node> file;  // null for a directory
    std::string dir;
    bool writable = false;
    std::size_t offset = 0;
  };
  enum class kind { none, file, dir, link };

  static std::string key(const std::filesystem::path& path);
  static std::string parent_of(const std::string& k);
  kind kind_of(const std::string& k) const;
  // `k` with symbolic links as its last component followed; nullopt and errno (ELOOP) when
  // they do not end.
  std::optional<std::string> resolve(const std::string& k) const;
  // 0 when `k`'s parent is a directory, else ENOENT or ENOTDIR.
  int parent_error(const std::string& k) const;
  void touch(node& n);
  balance::file_status status(const std::string& k) const;

  std::map<std::string, std::shared_ptr<node>> files_;
  std::map<std::string, dir_node> dirs_;
  std::map<std::string, std::string> links_;
  std::map<int, descriptor> fds_;
  int next_fd_ = 1000;  // far from real descriptors, so a mixed-up one fails with EBADF
  std::uint64_t next_inode_ = 2;
  std::int64_t clock_ns_ = 1'700'000'000'000'000'000;  // advances one second per change
};

}  // namespace balance_test
