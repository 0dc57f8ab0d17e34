#include "unit/memory_fs.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace balance_test {

using balance::dir_entry;
using balance::file_status;

namespace {

// The device number every memory file reports: no real device has it.
constexpr std::uint64_t memory_device = 0xba1a'0ce;

int fail(int err) {
  errno = err;
  return -1;
}

}  // namespace

memory_file_system::memory_file_system() { dirs_["/"] = dir_node{0755, 1}; }

std::string memory_file_system::key(const std::filesystem::path& path) {
  std::string k = (std::filesystem::path("/") / path).lexically_normal().string();
  while (k.size() > 1 && k.back() == '/') k.pop_back();
  return k;
}

std::string memory_file_system::parent_of(const std::string& k) {
  auto slash = k.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : k.substr(0, slash);
}

memory_file_system::kind memory_file_system::kind_of(const std::string& k) const {
  if (files_.count(k)) return kind::file;
  if (dirs_.count(k)) return kind::dir;
  if (links_.count(k)) return kind::link;
  return kind::none;
}

std::optional<std::string> memory_file_system::resolve(const std::string& start) const {
  std::string k = start;
  // Linux gives up after 40 links; a handful is plenty for tests.
  for (int hops = 0; hops < 8; ++hops) {
    auto it = links_.find(k);
    if (it == links_.end()) return k;
    k = it->second.starts_with('/') ? key(it->second) : key(std::filesystem::path(parent_of(k)) / it->second);
  }
  errno = ELOOP;
  return std::nullopt;
}

int memory_file_system::parent_error(const std::string& k) const {
  switch (kind_of(parent_of(k))) {
    case kind::dir: return 0;
    case kind::none: return ENOENT;
    default: return ENOTDIR;
  }
}

void memory_file_system::touch(node& n) {
  clock_ns_ += 1'000'000'000;
  n.mtime_ns = n.ctime_ns = clock_ns_;
}

void memory_file_system::add_dir(const std::filesystem::path& dir, unsigned mode) {
  std::string k = key(dir);
  if (k != "/" && !dirs_.count(parent_of(k))) add_dir(parent_of(k));
  if (!dirs_.count(k)) dirs_[k] = dir_node{mode & 07777, next_inode_++};
}

void memory_file_system::add_file(const std::filesystem::path& path, const std::string& content, unsigned mode) {
  std::string k = key(path);
  add_dir(parent_of(k));
  auto& n = files_[k];
  if (!n) n = std::make_shared<node>(node{{}, 0, next_inode_++, 0, 0});
  n->content = content;
  n->mode = mode & 07777;
  touch(*n);
}

void memory_file_system::add_symlink(const std::filesystem::path& link, const std::string& target) {
  std::string k = key(link);
  add_dir(parent_of(k));
  links_[k] = target;
}

std::optional<std::string> memory_file_system::content(const std::filesystem::path& path) const {
  auto it = files_.find(key(path));
  if (it == files_.end()) return std::nullopt;
  return it->second->content;
}

std::optional<unsigned> memory_file_system::mode(const std::filesystem::path& path) const {
  std::string k = key(path);
  if (auto f = files_.find(k); f != files_.end()) return f->second->mode;
  if (auto d = dirs_.find(k); d != dirs_.end()) return d->second.mode;
  return std::nullopt;
}

bool memory_file_system::is_directory(const std::filesystem::path& path) const { return dirs_.count(key(path)) > 0; }

std::vector<std::string> memory_file_system::files_under(const std::filesystem::path& dir) const {
  std::string prefix = key(dir);
  if (prefix != "/") prefix += '/';
  std::vector<std::string> found;
  for (const auto& [k, n] : files_)
    if (k.starts_with(prefix)) found.push_back(k.substr(prefix.size()));
  return found;  // std::map keeps them sorted
}

int memory_file_system::open(const char* path, int flags, unsigned mode) {
  std::string k = key(path);
  const bool writable = (flags & O_ACCMODE) != O_RDONLY;
  if ((flags & O_CREAT) && (flags & O_EXCL) && kind_of(k) != kind::none) return fail(EEXIST);
  if (kind_of(k) == kind::link) {
    if (flags & O_NOFOLLOW) return fail(ELOOP);
    auto target = resolve(k);
    if (!target) return -1;
    k = *target;
  }
  descriptor d;
  d.writable = writable;
  switch (kind_of(k)) {
    case kind::dir:
      if (writable) return fail(EISDIR);
      d.dir = k;
      break;
    case kind::file:
      if (flags & O_DIRECTORY) return fail(ENOTDIR);
      d.file = files_[k];
      if ((flags & O_TRUNC) && writable) {
        d.file->content.clear();
        touch(*d.file);
      }
      break;
    default: {
      if (!(flags & O_CREAT) || (flags & O_DIRECTORY)) return fail(ENOENT);
      if (int err = parent_error(k)) return fail(err);
      auto n = std::make_shared<node>(node{{}, mode & 07777, next_inode_++, 0, 0});
      touch(*n);
      files_[k] = n;
      d.file = n;
    }
  }
  if (d.file && (flags & O_APPEND)) d.offset = d.file->content.size();
  int fd = next_fd_++;
  fds_[fd] = std::move(d);
  return fd;
}

long memory_file_system::write(int fd, const void* data, std::size_t size) {
  auto it = fds_.find(fd);
  if (it == fds_.end() || !it->second.file || !it->second.writable) return fail(EBADF);
  descriptor& d = it->second;
  std::string& text = d.file->content;
  if (text.size() < d.offset + size) text.resize(d.offset + size);
  std::memcpy(text.data() + d.offset, data, size);
  d.offset += size;
  touch(*d.file);
  return static_cast<long>(size);
}

int memory_file_system::fsync(int fd) { return fds_.count(fd) ? 0 : fail(EBADF); }

int memory_file_system::close(int fd) { return fds_.erase(fd) ? 0 : fail(EBADF); }

int memory_file_system::rename(const char* from, const char* to) {
  std::string f = key(from);
  std::string t = key(to);
  kind k = kind_of(f);
  if (k == kind::none) return fail(parent_error(f) ? parent_error(f) : ENOENT);
  if (int err = parent_error(t)) return fail(err);
  if (k == kind::dir) return fail(EXDEV);  // not modelled: balance never renames a directory
  if (kind_of(t) == kind::dir) return fail(EISDIR);
  if (f == t) return 0;
  files_.erase(t);
  links_.erase(t);
  if (k == kind::file) {
    files_[t] = files_[f];
    files_.erase(f);
    clock_ns_ += 1'000'000'000;
    files_[t]->ctime_ns = clock_ns_;
  } else {
    links_[t] = links_[f];
    links_.erase(f);
  }
  return 0;
}

int memory_file_system::unlink(const char* path) {
  std::string k = key(path);
  switch (kind_of(k)) {
    case kind::file: files_.erase(k); return 0;
    case kind::link: links_.erase(k); return 0;
    case kind::dir: return fail(EISDIR);
    default: return fail(parent_error(k) ? parent_error(k) : ENOENT);
  }
}

int memory_file_system::mkdir(const char* path, unsigned mode) {
  std::string k = key(path);
  if (kind_of(k) != kind::none) return fail(EEXIST);
  if (int err = parent_error(k)) return fail(err);
  dirs_[k] = dir_node{mode & 07777, next_inode_++};
  return 0;
}

int memory_file_system::rmdir(const char* path) {
  std::string k = key(path);
  switch (kind_of(k)) {
    case kind::dir: break;
    case kind::none: return fail(parent_error(k) ? parent_error(k) : ENOENT);
    default: return fail(ENOTDIR);
  }
  if (k == "/") return fail(EBUSY);
  const std::string prefix = k + "/";
  auto holds = [&](const auto& table) {
    auto it = table.lower_bound(prefix);
    return it != table.end() && it->first.starts_with(prefix);
  };
  if (holds(files_) || holds(dirs_) || holds(links_)) return fail(ENOTEMPTY);
  dirs_.erase(k);
  return 0;
}

int memory_file_system::access(const char* path, int mode) {
  auto k = resolve(key(path));
  if (!k) return -1;
  if (kind_of(*k) == kind::none) return fail(parent_error(*k) ? parent_error(*k) : ENOENT);
  unsigned bits = status(*k).mode;
  if (((mode & R_OK) && !(bits & 0400)) || ((mode & W_OK) && !(bits & 0200)) || ((mode & X_OK) && !(bits & 0100)))
    return fail(EACCES);
  return 0;
}

int memory_file_system::fchmod(int fd, unsigned mode) {
  auto it = fds_.find(fd);
  if (it == fds_.end()) return fail(EBADF);
  if (it->second.file) {
    it->second.file->mode = mode & 07777;
  } else {
    auto d = dirs_.find(it->second.dir);
    if (d == dirs_.end()) return fail(ENOENT);
    d->second.mode = mode & 07777;
  }
  return 0;
}

int memory_file_system::chmod(const char* path, unsigned mode) {
  auto k = resolve(key(path));
  if (!k) return -1;
  if (auto f = files_.find(*k); f != files_.end()) {
    f->second->mode = mode & 07777;
    return 0;
  }
  if (auto d = dirs_.find(*k); d != dirs_.end()) {
    d->second.mode = mode & 07777;
    return 0;
  }
  return fail(ENOENT);
}

file_status memory_file_system::status(const std::string& k) const {
  file_status st;
  st.device = memory_device;
  st.uid = static_cast<unsigned>(::geteuid());
  if (auto f = files_.find(k); f != files_.end()) {
    st.type = file_status::kind::regular;
    st.mode = f->second->mode;
    st.size = f->second->content.size();
    st.links = 1;
    st.inode = f->second->inode;
    st.mtime_ns = f->second->mtime_ns;
    st.ctime_ns = f->second->ctime_ns;
  } else if (auto d = dirs_.find(k); d != dirs_.end()) {
    st.type = file_status::kind::directory;
    st.mode = d->second.mode;
    st.links = 2;
    st.inode = d->second.inode;
  } else if (auto l = links_.find(k); l != links_.end()) {
    st.type = file_status::kind::symlink;
    st.mode = 0777;
    st.size = l->second.size();
    st.links = 1;
  }
  return st;
}

int memory_file_system::stat(const char* path, file_status& out) {
  auto k = resolve(key(path));
  if (!k) return -1;
  if (kind_of(*k) == kind::none) return fail(parent_error(*k) ? parent_error(*k) : ENOENT);
  out = status(*k);
  return 0;
}

int memory_file_system::lstat(const char* path, file_status& out) {
  std::string k = key(path);
  if (kind_of(k) == kind::none) return fail(parent_error(k) ? parent_error(k) : ENOENT);
  out = status(k);
  return 0;
}

int memory_file_system::list_dir(const char* dir, std::vector<dir_entry>& out) {
  auto k = resolve(key(dir));
  if (!k) return -1;
  switch (kind_of(*k)) {
    case kind::dir: break;
    case kind::none: return fail(ENOENT);
    default: return fail(ENOTDIR);
  }
  const std::string prefix = *k == "/" ? "/" : *k + "/";
  auto add_children = [&](const auto& table) {
    for (auto it = table.lower_bound(prefix); it != table.end() && it->first.starts_with(prefix); ++it) {
      std::string name = it->first.substr(prefix.size());
      if (name.empty() || name.find('/') != std::string::npos) continue;
      dir_entry e;
      e.name = name;
      e.is_symlink = links_.count(it->first) > 0;
      auto target = resolve(it->first);
      e.is_directory = target && dirs_.count(*target);
      e.is_regular_file = target && files_.count(*target);
      out.push_back(std::move(e));
    }
  };
  add_children(files_);
  add_children(dirs_);
  add_children(links_);
  return 0;
}

std::optional<std::string> memory_file_system::read_file(const std::filesystem::path& path,
                                                         const std::string& display_path, std::size_t max_size,
                                                         bool user_chosen) {
  // The same rules as on disk: a data file is looked at without following a link, a file the
  // user names through any links. A missing file, or a link that leads nowhere, is not there.
  std::string k = key(path);
  if (user_chosen) {
    auto target = resolve(k);
    if (!target) return std::nullopt;
    k = *target;
  }
  if (kind_of(k) == kind::none) return std::nullopt;
  balance::check_file_to_read(status(k), display_path, max_size, user_chosen);
  return files_.at(k)->content;
}

}  // namespace balance_test
