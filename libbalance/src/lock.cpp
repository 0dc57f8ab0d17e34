#include "balance/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/text.hpp"

namespace balance {

namespace {

// Finds who holds a flock on the inode, from /proc/locks: "1: FLOCK ADVISORY WRITE 1234 08:01:5678 0 EOF".
std::string describe_holder(const struct stat& st) {
  std::ifstream locks("/proc/locks");
  std::string line;
  while (std::getline(locks, line)) {
    std::istringstream in(line);
    std::string n, kind, advisory, mode, pid, dev;
    in >> n >> kind;
    if (kind == "->") in >> kind;  // a waiter, listed under the holder
    in >> advisory >> mode >> pid >> dev;
    if (kind != "FLOCK") continue;
    auto last = dev.rfind(':');
    if (last == std::string::npos) continue;
    if (dev.substr(last + 1) != std::to_string(st.st_ino)) continue;
    if (line.find("->") != std::string::npos) continue;
    std::ifstream cmd("/proc/" + pid + "/cmdline");
    std::string args((std::istreambuf_iterator<char>(cmd)), std::istreambuf_iterator<char>());
    for (char& c : args)
      if (c == '\0') c = ' ';
    while (!args.empty() && args.back() == ' ') args.pop_back();
    if (args.empty()) return fmt::format("process {}", pid);
    return fmt::format("process {} ({})", pid, escape_for_terminal(args));
  }
  return "another process";
}

}  // namespace

repo_lock::repo_lock(const std::filesystem::path& root, std::chrono::milliseconds wait) {
  fd_ = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0)
    throw error(errno == EACCES ? errc::permission : errc::io,
                fmt::format("cannot open {} to lock it: {}", root.string(), std::strerror(errno)));
  auto deadline = std::chrono::steady_clock::now() + wait;
  auto pause = std::chrono::milliseconds(2);
  for (;;) {
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
    if (errno != EWOULDBLOCK && errno != EINTR) {
      int err = errno;
      ::close(fd_);
      throw error(errc::io, fmt::format("cannot lock {}: {}", root.string(), std::strerror(err)));
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(5));  // short: waiting writers follow each other closely
  }
  struct stat st {};
  std::string holder = ::fstat(fd_, &st) == 0 ? describe_holder(st) : "another process";
  ::close(fd_);
  fd_ = -1;
  throw error(errc::lock, fmt::format("the repository is locked by {}; gave up after {:.1f} s", holder,
                                      static_cast<double>(wait.count()) / 1000.0));
}

repo_lock::~repo_lock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace balance
