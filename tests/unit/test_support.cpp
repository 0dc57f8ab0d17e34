#include "unit/test_support.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "balance/time.hpp"

namespace balance_test {

namespace fs = std::filesystem;

namespace {
// Unit tests never read the developer's own config or environment.
struct environment_guard {
  environment_guard() {
    static std::string config = (fs::temp_directory_path() / ("balance-unit-config-" + std::to_string(::getpid()))).string();
    static std::string data = (fs::temp_directory_path() / ("balance-unit-data-" + std::to_string(::getpid()))).string();
    ::setenv("XDG_CONFIG_HOME", config.c_str(), 1);
    // Private stores live under XDG_DATA_HOME: never the developer's own.
    ::setenv("XDG_DATA_HOME", data.c_str(), 1);
    // Edit buffers and the record cache: never the developer's own ~/.cache.
    static std::string cache = (fs::temp_directory_path() / ("balance-unit-cache-" + std::to_string(::getpid()))).string();
    ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);
    for (const char* v : {"BALANCE_DIR", "BALANCE_USER", "BALANCE_TZ", "BALANCE_NO_CACHE", "EDITOR", "VISUAL"}) ::unsetenv(v);
    ::setenv("BALANCE_NOW", "2026-11-22T21:00:00+01:00", 1);
  }
} const guard;
}  // namespace

temp_dir::temp_dir() {
  std::string tmpl = (fs::temp_directory_path() / "balance-unit-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

temp_dir::~temp_dir() {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(path_, ec);
}

std::string test_repo::default_settings() {
  return "version = 1\n"
         "timezone = \"Europe/Berlin\"\n"
         "[[person]]\nname = \"alex\"\n"
         "[[person]]\nname = \"sam\"\n";
}

test_repo::test_repo(const std::string& settings_text) { write("balance.toml", settings_text); }

balance::repo test_repo::open(const std::string& as) const {
  return balance::repo::open_at(root(), balance::repo_options{"", as});
}

balance::repo test_repo::open_own(const std::string& who) const {
  ::setenv("BALANCE_USER", who.c_str(), 1);
  try {
    balance::repo r = balance::repo::open_at(root(), balance::repo_options{});
    ::unsetenv("BALANCE_USER");
    return r;
  } catch (...) {
    ::unsetenv("BALANCE_USER");
    throw;
  }
}

void test_repo::write(const std::string& relative, const std::string& text) const {
  fs::path p = root() / relative;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string test_repo::read(const std::string& relative) const {
  std::ifstream in(root() / relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool test_repo::exists(const std::string& relative) const { return fs::exists(root() / relative); }

std::map<std::string, std::string> test_repo::snapshot() const {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root()))
    if (entry.is_regular_file()) files[fs::relative(entry.path(), root()).string()] = read(fs::relative(entry.path(), root()).string());
  return files;
}

bool failing_fs::should_fail(op o) {
  if (o != which_) return false;
  ++count_;
  if (count_ != fail_at_) return false;
  errno = err_;
  return true;
}

int failing_fs::open(const char* path, int flags, unsigned mode) {
  return should_fail(op::open) ? -1 : file_system::open(path, flags, mode);
}
long failing_fs::write(int fd, const void* data, std::size_t size) {
  return should_fail(op::write) ? -1 : file_system::write(fd, data, size);
}
int failing_fs::fsync(int fd) { return should_fail(op::fsync) ? -1 : file_system::fsync(fd); }
int failing_fs::close(int fd) {
  if (should_fail(op::close)) {
    file_system::close(fd);
    errno = err_;
    return -1;
  }
  return file_system::close(fd);
}
int failing_fs::rename(const char* from, const char* to) {
  return should_fail(op::rename) ? -1 : file_system::rename(from, to);
}
int failing_fs::unlink(const char* path) { return should_fail(op::unlink) ? -1 : file_system::unlink(path); }
int failing_fs::mkdir(const char* path, unsigned mode) {
  return should_fail(op::mkdir) ? -1 : file_system::mkdir(path, mode);
}
int failing_fs::fchmod(int fd, unsigned mode) { return should_fail(op::fchmod) ? -1 : file_system::fchmod(fd, mode); }

balance::record make_entry(const std::string& id, const std::string& at, const std::string& who,
                           const std::string& kind, const std::string& what) {
  balance::record r;
  r.type = balance::record_type::entry;
  r.id = id;
  r.at = *balance::parse_timestamp(at);
  r.who = who;
  r.kind = kind;
  r.what = what;
  r.author = who;
  if (kind == "choice") r.topic = "dinner";
  return r;
}

int count_temp_files(const fs::path& dir) {
  int n = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.starts_with(".") && name.ends_with(".tmp")) ++n;
  }
  return n;
}

balance::settings couple_settings() {
  balance::settings s;
  s.people = {"alex", "sam"};
  return s;
}

balance::calendar berlin_sunday_evening() {
  balance::calendar c;
  c.tz = balance::zone::locate("Europe/Berlin");
  c.now = c.tz.at(balance::parse_timestamp("2026-11-22T21:00:00+01:00")->utc);
  return c;
}

std::string next_id(char fill) {
  static int n = 0;
  std::string id = std::to_string(++n);
  return std::string(12 - id.size(), fill) + id;
}

std::vector<std::string> problems_of(const balance::record& r) {
  static const balance::settings cfg = couple_settings();
  std::vector<std::string> out;
  for (const auto& p : balance::validate(r, balance::validation_context{&cfg, false}))
    if (!p.warning) out.push_back(p.key + ": " + p.message);
  return out;
}

balance::error caught(const std::function<void()>& f) {
  try {
    f();
  } catch (const balance::error& e) {
    return e;
  }
  throw std::runtime_error("expected a balance::error, and none was thrown");
}

}  // namespace balance_test
