#include "balance/file_system.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/id.hpp"

namespace balance {

int file_system::open(const char* path, int flags, unsigned mode) {
  return ::open(path, flags | O_CLOEXEC, static_cast<mode_t>(mode));
}
long file_system::write(int fd, const void* data, std::size_t size) { return ::write(fd, data, size); }
int file_system::fsync(int fd) { return ::fsync(fd); }
int file_system::close(int fd) { return ::close(fd); }
int file_system::rename(const char* from, const char* to) { return ::rename(from, to); }
int file_system::unlink(const char* path) { return ::unlink(path); }
int file_system::mkdir(const char* path, unsigned mode) { return ::mkdir(path, static_cast<mode_t>(mode)); }
int file_system::rmdir(const char* path) { return ::rmdir(path); }
int file_system::access(const char* path, int mode) { return ::access(path, mode); }
int file_system::fchmod(int fd, unsigned mode) { return ::fchmod(fd, static_cast<mode_t>(mode)); }
int file_system::chmod(const char* path, unsigned mode) { return ::chmod(path, static_cast<mode_t>(mode)); }

namespace {

file_status status_of(const struct stat& st) {
  file_status s;
  if (S_ISREG(st.st_mode))
    s.type = file_status::kind::regular;
  else if (S_ISDIR(st.st_mode))
    s.type = file_status::kind::directory;
  else if (S_ISLNK(st.st_mode))
    s.type = file_status::kind::symlink;
  s.mode = static_cast<unsigned>(st.st_mode & 07777);
  s.size = static_cast<std::uint64_t>(st.st_size);
  s.links = static_cast<std::uint64_t>(st.st_nlink);
  s.inode = static_cast<std::uint64_t>(st.st_ino);
  s.device = static_cast<std::uint64_t>(st.st_dev);
  s.uid = static_cast<unsigned>(st.st_uid);
  s.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  s.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
  return s;
}

}  // namespace

int file_system::stat(const char* path, file_status& out) {
  struct stat st {};
  if (::stat(path, &st) != 0) return -1;
  out = status_of(st);
  return 0;
}

int file_system::lstat(const char* path, file_status& out) {
  struct stat st {};
  if (::lstat(path, &st) != 0) return -1;
  out = status_of(st);
  return 0;
}

int file_system::list_dir(const char* dir, std::vector<dir_entry>& out) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    // An entry whose kind cannot be found out counts as neither kind, as directory_entry's
    // error_code overloads answer.
    std::error_code e2;
    dir_entry e;
    e.name = it->path().filename().string();
    e.is_directory = it->is_directory(e2);
    e.is_regular_file = it->is_regular_file(e2);
    e.is_symlink = it->is_symlink(e2);
    out.push_back(std::move(e));
  }
  if (!ec) return 0;
  errno = ec.value();
  return -1;
}

file_system& real_file_system() {
  static file_system fs;
  return fs;
}

namespace {

errc errc_for(int err, errc otherwise) {
  switch (err) {
    case EACCES:
    case EPERM:
    case ELOOP:
      return errc::permission;
    default:
      return otherwise;
  }
}

[[noreturn]] void fail_errno(int err, errc otherwise, std::string_view what, const std::string& display_path) {
  std::string reason = err == ELOOP ? "it is a symbolic link" : std::strerror(err);
  throw error(errc_for(err, otherwise), fmt::format("{}: {}: {}", display_path, what, reason));
}

[[noreturn]] void refuse_symlink_read(const std::string& display_path) {
  throw error(errc::permission, fmt::format("{}: is a symbolic link; balance reads data files only directly", display_path));
}

}  // namespace

void check_file_to_read(const file_status& st, const std::string& display_path, std::size_t max_size,
                        bool user_chosen) {
  if (st.type == file_status::kind::symlink && !user_chosen) refuse_symlink_read(display_path);
  if (st.type == file_status::kind::directory)
    throw error(errc::no_input, fmt::format("{}: is a directory, not a file", display_path));
  if (!user_chosen && st.type != file_status::kind::regular)
    throw error(errc::permission, fmt::format("{}: is not a regular file; balance refuses to read it", display_path));
  if (st.size > max_size)
    throw error(errc::data, diagnostic{{display_path, 0, 0},
                                       fmt::format("file is {} bytes, more than the {} MiB a data file may have",
                                                   st.size, max_size / (1024 * 1024))});
}

namespace {

// What the descriptor is, checked before reading it: `fd` is closed when it is not to be read.
struct stat checked_stat(int fd, const std::string& display_path, std::size_t max_size, bool user_chosen) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    fail_errno(err, errc::io, "cannot read", display_path);
  }
  try {
    check_file_to_read(status_of(st), display_path, max_size, user_chosen);
  } catch (...) {
    ::close(fd);
    throw;
  }
  // Opened without blocking so a FIFO cannot hang the open; it is a regular file now, read it plainly.
  if (!user_chosen) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return st;
}

// Reads `fd` to its end, and closes it.
std::string read_to_end(int fd, std::size_t size, std::size_t max_size, const std::string& display_path) {
  std::string content;
  content.resize(size);
  std::size_t got = 0;
  for (;;) {
    if (got == content.size()) {
      // The file may have grown since fstat: read on, within the cap.
      if (content.size() > max_size) break;
      content.resize(content.size() + 4096);
    }
    ssize_t n = ::read(fd, content.data() + got, content.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      fail_errno(err, errc::io, "cannot read", display_path);
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  content.resize(got);
  return content;
}

}  // namespace

std::optional<std::string> file_system::read_file(const std::filesystem::path& path, const std::string& display_path,
                                                  std::size_t max_size, bool user_chosen) {
  int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | (user_chosen ? 0 : O_NOFOLLOW | O_NONBLOCK);
  int fd = ::open(path.c_str(), flags);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
    if (errno == ELOOP) refuse_symlink_read(display_path);
    fail_errno(errno, errc::io, "cannot read", display_path);
  }
  const struct stat st = checked_stat(fd, display_path, max_size, user_chosen);
  std::string content = read_to_end(fd, static_cast<std::size_t>(st.st_size), max_size, display_path);
  if (content.size() > max_size)
    throw error(errc::data, diagnostic{{display_path, 0, 0}, fmt::format("file is larger than {} MiB", max_size / (1024 * 1024))});
  return content;
}

std::optional<std::string> read_file(const std::filesystem::path& path, const std::string& display_path,
                                     std::size_t max_size, bool user_chosen) {
  return real_file_system().read_file(path, display_path, max_size, user_chosen);
}

std::optional<std::string> read_file(file_system& fs, const std::filesystem::path& path,
                                     const std::string& display_path, std::size_t max_size, bool user_chosen) {
  return fs.read_file(path, display_path, max_size, user_chosen);
}

void check_write_target(const std::filesystem::path& target, const std::string& display_path) {
  check_write_target(real_file_system(), target, display_path);
}

void check_write_target(file_system& fs, const std::filesystem::path& target, const std::string& display_path) {
  file_status st;
  if (fs.lstat(target.c_str(), st) != 0) {
    if (errno == ENOENT) return;
    fail_errno(errno, errc::io, "cannot inspect", display_path);
  }
  if (st.type == file_status::kind::symlink)
    throw error(errc::permission, fmt::format("{}: refusing to write through a symbolic link", display_path));
  if (st.type != file_status::kind::regular)
    throw error(errc::permission, fmt::format("{}: refusing to write: not a regular file", display_path));
  if (st.links > 1)
    throw error(errc::permission,
                fmt::format("{}: refusing to write a file with {} hard links (a write would break the link)",
                            display_path, st.links));
  if (st.uid != ::geteuid() && ::geteuid() != 0)
    throw error(errc::permission, fmt::format("{}: refusing to write a file owned by another user", display_path));
}

namespace {

void add_tree(file_system& fs, const std::filesystem::path& dir, const std::string& prefix, std::vector<tree_entry>& out) {
  std::vector<dir_entry> entries;
  fs.list_dir(dir.c_str(), entries);  // what could be listed is what there is
  for (auto& e : entries) {
    std::string path = prefix + e.name;
    bool descend = e.is_directory && !e.is_symlink;
    std::string name = e.name;
    out.push_back({path, std::move(e)});
    if (descend) add_tree(fs, dir / name, path + "/", out);
  }
}

}  // namespace

std::vector<tree_entry> list_tree(file_system& fs, const std::filesystem::path& dir) {
  std::vector<tree_entry> out;
  add_tree(fs, dir, "", out);
  std::sort(out.begin(), out.end(), [](const tree_entry& a, const tree_entry& b) { return a.path < b.path; });
  return out;
}

bool path_exists(file_system& fs, const std::filesystem::path& path) {
  file_status st;
  return fs.stat(path.c_str(), st) == 0;
}

int make_dirs(file_system& fs, const std::filesystem::path& dir, unsigned mode) {
  std::filesystem::path current;
  for (const auto& part : dir) {
    if (part.empty() || part == ".") continue;
    current /= part;
    file_status st;
    if (fs.stat(current.c_str(), st) == 0) {
      if (st.type == file_status::kind::directory) continue;
      errno = ENOTDIR;
      return -1;
    }
    if (fs.mkdir(current.c_str(), mode) != 0 && errno != EEXIST) return -1;
  }
  return 0;
}

void remove_empty_dirs(file_system& fs, const std::filesystem::path& dir) {
  std::vector<tree_entry> tree = list_tree(fs, dir);
  // Reverse path order puts a directory after everything it holds.
  for (auto it = tree.rbegin(); it != tree.rend(); ++it)
    if (it->entry.is_directory && !it->entry.is_symlink) fs.rmdir((dir / it->path).c_str());  // fails unless empty
  fs.rmdir(dir.c_str());
}

void make_data_dirs(file_system& fs, const std::filesystem::path& root, const std::filesystem::path& dir) {
  std::filesystem::path current = root;
  for (const auto& part : dir) {
    if (part.empty() || part == ".") continue;
    current /= part;
    std::string shown = std::filesystem::relative(current, root).string();
    file_status st;
    if (fs.lstat(current.c_str(), st) == 0) {
      if (st.type == file_status::kind::symlink)
        throw error(errc::permission, fmt::format("{}: refusing to write through a symbolic link", shown));
      if (st.type != file_status::kind::directory) throw error(errc::cannot_create, fmt::format("{}: exists and is not a directory", shown));
      continue;
    }
    if (fs.mkdir(current.c_str(), 0700) != 0 && errno != EEXIST)
      fail_errno(errno, errc::cannot_create, "cannot create directory", shown);
    // mkdir honours the umask; set the mode we promise whatever it is.
    if (fs.chmod(current.c_str(), 0700) != 0) fail_errno(errno, errc::cannot_create, "cannot set mode", shown);
  }
}

namespace {

void sync_directory(file_system& fs, const std::filesystem::path& dir, const std::string& display_path) {
  int fd = fs.open(dir.c_str(), O_RDONLY | O_DIRECTORY, 0);
  if (fd < 0) fail_errno(errno, errc::io, "cannot open directory to sync it", display_path);
  if (fs.fsync(fd) != 0) {
    int err = errno;
    fs.close(fd);
    fail_errno(err, errc::io, "cannot sync directory", display_path);
  }
  fs.close(fd);
}

}  // namespace

void write_file_atomically(file_system& fs, const std::filesystem::path& target, std::string_view content,
                           const std::string& display_path) {
  // A bare file name lives in the current directory (git hands merge drivers such names).
  std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::filesystem::path temp = dir / fmt::format(".{}.{}.tmp", target.filename().string(), new_id());

  int fd = fs.open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
  if (fd < 0) fail_errno(errno, errc::cannot_create, "cannot create a temporary file", display_path);

  auto abandon = [&](int err, errc kind, std::string_view what) {
    fs.close(fd);
    fs.unlink(temp.c_str());
    fail_errno(err, kind, what, display_path);
  };

  if (fs.fchmod(fd, 0600) != 0) abandon(errno, errc::io, "cannot set mode");
  std::size_t written = 0;
  while (written < content.size()) {
    long n = fs.write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      abandon(errno, errc::io, "cannot write");
    }
    if (n == 0) abandon(ENOSPC, errc::io, "cannot write");
    written += static_cast<std::size_t>(n);
  }
  if (fs.fsync(fd) != 0) abandon(errno, errc::io, "cannot sync");
  if (fs.close(fd) != 0) {
    int err = errno;
    fs.unlink(temp.c_str());
    fail_errno(err, errc::io, "cannot write", display_path);
  }
  if (fs.rename(temp.c_str(), target.c_str()) != 0) {
    int err = errno;
    fs.unlink(temp.c_str());
    fail_errno(err, errc::io, "cannot replace", display_path);
  }
  // The data is in place; a failed directory sync only weakens durability after a power cut,
  // which is still worth reporting.
  sync_directory(fs, dir, display_path);
}

bool is_temp_file_name(std::string_view name) noexcept {
  return name.size() > 5 && name.front() == '.' && name.ends_with(".tmp");
}

std::size_t remove_stale_temp_files(file_system& fs, const std::filesystem::path& dir) {
  std::size_t removed = 0;
  // A directory that cannot be read (or stops midway) has nothing more to sweep: what was listed goes.
  std::vector<dir_entry> entries;
  fs.list_dir(dir.c_str(), entries);
  for (const auto& e : entries) {
    if (!e.is_regular_file || e.is_symlink || !is_temp_file_name(e.name)) continue;
    if (fs.unlink((dir / e.name).c_str()) == 0) ++removed;
  }
  return removed;
}

void remove_file(file_system& fs, const std::filesystem::path& target, const std::string& display_path) {
  if (fs.unlink(target.c_str()) != 0 && errno != ENOENT) fail_errno(errno, errc::io, "cannot remove", display_path);
  sync_directory(fs, target.has_parent_path() ? target.parent_path() : std::filesystem::path("."), display_path);
}

}  // namespace balance
