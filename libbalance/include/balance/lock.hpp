// The repository lock: flock(2) on the repository directory itself, so no lock file ever appears
// in the repo and the lock dies with the process (no stale locks). Every write holds it.
#pragma once

#include <chrono>
#include <filesystem>

#include "balance/api.hpp"

namespace balance {

class BALANCE_API repo_lock {
 public:
  // Waits up to `wait`, then throws error{lock} naming the process that holds it.
  explicit repo_lock(const std::filesystem::path& root,
                     std::chrono::milliseconds wait = std::chrono::seconds(10));
  ~repo_lock();
  repo_lock(const repo_lock&) = delete;
  repo_lock& operator=(const repo_lock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace balance
