// Helpers for unit tests: temporary directories, a two-person repository, and a file system
// that fails on request.
#pragma once

#include <cerrno>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "balance/error.hpp"
#include "balance/file_system.hpp"
#include "balance/record.hpp"
#include "balance/repo.hpp"
#include "balance/settings.hpp"
#include "balance/time.hpp"

namespace balance_test {

class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A repository for alex and sam (timezone Europe/Berlin unless `settings_text` says otherwise).
class test_repo {
 public:
  explicit test_repo(const std::string& settings_text = default_settings());
  static std::string default_settings();

  const std::filesystem::path& root() const { return dir_.path(); }
  // Opens the repository with --as `as` (that person's shared view: no private records).
  balance::repo open(const std::string& as = "alex") const;
  // Opens it as this computer's own person (BALANCE_USER), whose private records open.
  balance::repo open_own(const std::string& who = "alex") const;
  void write(const std::string& relative, const std::string& text) const;
  std::string read(const std::string& relative) const;
  bool exists(const std::string& relative) const;
  // Every file under the repository with its content.
  std::map<std::string, std::string> snapshot() const;

 private:
  temp_dir dir_;
};

// Fails the `fail_at`-th call (1-based) of one operation with `err`; counts every call.
class failing_fs : public balance::file_system {
 public:
  enum class op { open, write, fsync, close, rename, unlink, mkdir, fchmod };
  failing_fs(op which, int fail_at, int err) : which_(which), fail_at_(fail_at), err_(err) {}

  int open(const char* path, int flags, unsigned mode) override;
  long write(int fd, const void* data, std::size_t size) override;
  int fsync(int fd) override;
  int close(int fd) override;
  int rename(const char* from, const char* to) override;
  int unlink(const char* path) override;
  int mkdir(const char* path, unsigned mode) override;
  int fchmod(int fd, unsigned mode) override;

 private:
  bool should_fail(op o);
  op which_;
  int fail_at_;
  int err_;
  int count_ = 0;
};

// A valid ledger entry by `who` at `at` (RFC 3339) with the given id.
balance::record make_entry(const std::string& id, const std::string& at, const std::string& who = "alex",
                           const std::string& kind = "chore", const std::string& what = "dishes");

// Settings with the people alex and sam, and every other setting at its default.
balance::settings couple_settings();
// Sunday 2026-11-22 21:00 in Berlin, weeks from Monday.
balance::calendar berlin_sunday_evening();
// A fresh 12-character record id, padded with `fill` so two test files' ids never meet.
std::string next_id(char fill);
// What validate() finds wrong with `r` under couple_settings(), warnings left out, each as
// "key: message".
std::vector<std::string> problems_of(const balance::record& r);

// The balance::error that `f` throws; anything else, or nothing, fails the test.
balance::error caught(const std::function<void()>& f);

// Files whose name marks them as a balance temporary file, anywhere under `dir`.
int count_temp_files(const std::filesystem::path& dir);

}  // namespace balance_test
