#include "record_cache_entries.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/id.hpp"
#include "balance/output.hpp"
#include "balance/settings.hpp"
#include "balance/version.hpp"

namespace balance {

namespace fs = std::filesystem;

namespace {

// Bump when the layout of an entry changes.
constexpr std::uint32_t format_version = 5;  // 2: each record's lines (its span) too; 3: the talk's records; 4: talks; 5: journal pages
constexpr char magic[8] = {'b', 'a', 'l', 'r', 'e', 'c', '\0', '\n'};
// Written natively; an entry from a machine of the other byte order fails this check.
constexpr std::uint32_t byte_order_mark = 0x01020304;
// A file whose mtime or ctime is within one timestamp tick of (or after) the writing of its entry
// may have been changed again in that same tick without its stamp changing: git's "racily clean".
// The kernel stamps files from a coarse clock (one jiffy, at most 10 ms); 20 ms leaves a margin.
// A stamp without nanoseconds comes from a file system that keeps whole seconds (or two, FAT).
constexpr std::int64_t fine_tick_ns = 20'000'000;
constexpr std::int64_t coarse_tick_ns = 2'000'000'000;

std::int64_t racy_window(const file_stamp& s) {
  bool whole_seconds = s.mtime_ns % 1'000'000'000 == 0 && s.ctime_ns % 1'000'000'000 == 0;
  return whole_seconds ? coarse_tick_ns : fine_tick_ns;
}
// An entry larger than this is not read (no month file comes near it).
constexpr std::size_t max_entry_size = 256u * 1024u * 1024u;

// The build: entries written by another build of balance are not trusted. The identity of the
// file this code was loaded from (libbalance.so, or a program it is linked into) changes with
// every build, whatever source changed; the compile time of this file is the fallback.
const std::string& build_id() {
  static const std::string id = [] {
    static const char anchor = 0;
    Dl_info info{};
    struct stat st {};
    if (::dladdr(&anchor, &info) != 0 && info.dli_fname && ::stat(info.dli_fname, &st) == 0)
      return fmt::format("balance {} {} {}.{:09} {} {}", version_string, info.dli_fname, st.st_mtim.tv_sec,
                         st.st_mtim.tv_nsec, st.st_size, st.st_ino);
    return fmt::format("balance {} {} {}", version_string, __DATE__, __TIME__);
  }();
  return id;
}

// The checksum of an entry: FNV-1a's step over 64-bit words in four interleaved lanes (so the
// multiplications overlap), each step followed by a shift that folds the high bits down. Every
// step is a bijection of its lane, so a change to any one word always changes that lane; and it
// runs many times faster than FNV-1a over bytes, which matters for the megabytes a warm read of
// ten years checks.
std::uint64_t entry_checksum(std::string_view data) {
  constexpr std::uint64_t prime = 0x100000001b3ull;
  std::uint64_t lane[4] = {0xcbf29ce484222325ull ^ data.size(), 0x84222325cbf29ce4ull, 0x9e3779b97f4a7c15ull,
                           0xc2b2ae3d27d4eb4full};
  std::size_t i = 0;
  for (; i + 32 <= data.size(); i += 32) {
    for (int k = 0; k < 4; ++k) {
      std::uint64_t w;
      std::memcpy(&w, data.data() + i + 8 * static_cast<std::size_t>(k), sizeof w);
      lane[k] = (lane[k] ^ w) * prime;
      lane[k] ^= lane[k] >> 32;
    }
  }
  std::uint64_t h = fnv1a64(data.substr(i));
  for (auto l : lane) h = ((h ^ l) * prime) ^ (h >> 29);
  return h;
}

struct process_state {
  std::mutex lock;
  bool disabled = false;
  fs::path last_dir;  // of the last repository whose cache was looked at
  std::atomic<std::uint64_t> hits{0};
  std::atomic<std::uint64_t> misses{0};
};

process_state& state() {
  static process_state s;
  return s;
}

class entry_writer {
 public:
  void bytes(const void* p, std::size_t n) { buf_.append(static_cast<const char*>(p), n); }
  void u8(std::uint8_t v) { buf_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v) { bytes(&v, sizeof v); }
  void u64(std::uint64_t v) { bytes(&v, sizeof v); }
  void i64(std::int64_t v) { bytes(&v, sizeof v); }
  void f64(double v) { bytes(&v, sizeof v); }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    buf_.append(s);
  }
  void opt_i64(const std::optional<std::int64_t>& v) {
    u8(v ? 1 : 0);
    if (v) i64(*v);
  }
  void time(const timestamp& t) {
    i64(static_cast<std::int64_t>(t.utc.time_since_epoch().count()));
    i64(static_cast<std::int64_t>(t.offset.count()));
  }
  std::string& buffer() { return buf_; }

 private:
  std::string buf_;
};

// Reads what entry_writer wrote; any read past the end marks the whole entry bad.
class entry_reader {
 public:
  explicit entry_reader(std::string_view data) : data_(data) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == data_.size(); }
  void bytes(void* p, std::size_t n) {
    if (!ok_ || data_.size() - pos_ < n) {
      ok_ = false;
      std::memset(p, 0, n);
      return;
    }
    std::memcpy(p, data_.data() + pos_, n);
    pos_ += n;
  }
  template <class T>
  T get() {
    T v{};
    bytes(&v, sizeof v);
    return v;
  }
  std::string str() {
    auto n = get<std::uint32_t>();
    if (!ok_ || data_.size() - pos_ < n) {
      ok_ = false;
      return {};
    }
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  // Reads a string straight into `out` (no temporary: a warm read fills a million fields).
  void str_into(std::string& out) {
    auto n = get<std::uint32_t>();
    if (!ok_ || data_.size() - pos_ < n) {
      ok_ = false;
      return;
    }
    out.assign(data_.data() + pos_, n);
    pos_ += n;
  }
  std::optional<std::int64_t> opt_i64() {
    if (get<std::uint8_t>() == 0) return std::nullopt;
    return get<std::int64_t>();
  }
  timestamp time() {
    timestamp t;
    t.utc = sys_seconds{std::chrono::seconds(get<std::int64_t>())};
    t.offset = std::chrono::minutes(get<std::int64_t>());
    return t;
  }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

struct entry_key {
  std::string root, rel, zone;
  file_stamp stamp;
};

void write_header(entry_writer& w, const entry_key& key, std::int64_t written_at) {
  w.bytes(magic, sizeof magic);
  w.u32(byte_order_mark);
  w.u32(format_version);
  w.str(build_id());
  w.str(key.root);
  w.str(key.rel);
  w.u64(key.stamp.size);
  w.i64(key.stamp.mtime_ns);
  w.i64(key.stamp.ctime_ns);
  w.u64(key.stamp.inode);
  w.u64(key.stamp.device);
  w.str(key.zone);
  w.i64(written_at);
}

// Whether the header matches `key` exactly and the file was not racily clean when written.
bool read_header(entry_reader& r, const entry_key& key) {
  char m[sizeof magic];
  r.bytes(m, sizeof m);
  if (!r.ok() || std::memcmp(m, magic, sizeof magic) != 0) return false;
  if (r.get<std::uint32_t>() != byte_order_mark || r.get<std::uint32_t>() != format_version) return false;
  if (r.str() != build_id() || r.str() != key.root || r.str() != key.rel) return false;
  file_stamp s;
  s.size = r.get<std::uint64_t>();
  s.mtime_ns = r.get<std::int64_t>();
  s.ctime_ns = r.get<std::int64_t>();
  s.inode = r.get<std::uint64_t>();
  s.device = r.get<std::uint64_t>();
  if (!r.ok() || !(s == key.stamp) || r.str() != key.zone) return false;
  auto written_at = r.get<std::int64_t>();
  return r.ok() && std::max(s.mtime_ns, s.ctime_ns) < written_at - racy_window(s);
}

void write_record(entry_writer& w, const record& r, const std::vector<diagnostic>& warnings, std::size_t& next_warning) {
  w.u8(static_cast<std::uint8_t>(r.type));
  w.str(r.id);
  w.time(r.at);
  w.str(r.who);
  w.u32(static_cast<std::uint32_t>(r.ratings.size()));
  for (const auto& rt : r.ratings) {
    w.str(rt.key);
    w.i64(rt.value);
  }
  w.opt_i64(r.mood);
  w.opt_i64(r.safe);
  for (const auto* s : {&r.feeling, &r.need, &r.thanks, &r.kind, &r.what, &r.topic}) w.str(*s);
  w.u8(r.weight ? 1 : 0);
  if (r.weight) w.f64(*r.weight);
  w.opt_i64(r.minutes);
  for (const auto* s : {&r.for_whom, &r.text, &r.review, &r.status}) w.str(*s);
  w.u8(r.retired ? 1 : 0);
  if (r.retired) w.time(*r.retired);
  w.str(r.boundary);
  w.u8(r.closed ? 1 : 0);
  if (r.closed) w.time(*r.closed);
  for (const auto* s : {&r.agreement, &r.outcome, &r.entry, &r.prompt}) w.str(*s);
  w.u8(r.humour ? (*r.humour ? 2 : 1) : 0);
  w.u32(static_cast<std::uint32_t>(r.with.size()));
  for (const auto& p : r.with) w.str(p);
  w.u32(static_cast<std::uint32_t>(r.spoke.size()));
  for (const auto& m : r.spoke) {
    w.str(m.who);
    w.f64(m.minutes);
  }
  w.str(r.sign);
  w.opt_i64(r.appreciations);
  w.str(r.note);
  w.u32(static_cast<std::uint32_t>(r.tags.size()));
  for (const auto& t : r.tags) w.str(t);
  // Each unknown key made exactly one warning, in order: its position is kept with it.
  w.u32(static_cast<std::uint32_t>(r.extra.size()));
  for (const auto& x : r.extra) {
    const position& at = warnings[next_warning++].where;
    w.str(x.key);
    w.str(x.toml);
    w.i64(at.line);
    w.i64(at.column);
  }
  w.i64(r.line);
}

int small_int(std::int64_t v) { return static_cast<int>(std::clamp<std::int64_t>(v, -1'000'000'000, 1'000'000'000)); }

// Reads one record into `r`; the positions of its unknown keys go to `extra_at` (line, column).
void read_record(entry_reader& in, record& r, std::vector<std::pair<int, int>>& extra_at) {
  auto type = in.get<std::uint8_t>();
  if (type > static_cast<std::uint8_t>(record_type::page)) type = 0xff;
  r.type = static_cast<record_type>(type);
  in.str_into(r.id);
  r.at = in.time();
  in.str_into(r.who);
  auto ratings = in.get<std::uint32_t>();
  for (std::uint32_t i = 0; i < ratings && in.ok(); ++i) {
    std::string key = in.str();
    r.ratings.push_back({std::move(key), small_int(in.get<std::int64_t>())});
  }
  r.mood = in.opt_i64();
  r.safe = in.opt_i64();
  for (auto* s : {&r.feeling, &r.need, &r.thanks, &r.kind, &r.what, &r.topic}) in.str_into(*s);
  if (in.get<std::uint8_t>()) r.weight = in.get<double>();
  r.minutes = in.opt_i64();
  for (auto* s : {&r.for_whom, &r.text, &r.review, &r.status}) in.str_into(*s);
  if (in.get<std::uint8_t>()) r.retired = in.time();
  in.str_into(r.boundary);
  if (in.get<std::uint8_t>()) r.closed = in.time();
  for (auto* s : {&r.agreement, &r.outcome, &r.entry, &r.prompt}) in.str_into(*s);
  if (auto humour = in.get<std::uint8_t>()) r.humour = humour == 2;
  auto with = in.get<std::uint32_t>();
  for (std::uint32_t i = 0; i < with && in.ok(); ++i) r.with.push_back(in.str());
  auto spoke = in.get<std::uint32_t>();
  for (std::uint32_t i = 0; i < spoke && in.ok(); ++i) {
    std::string who = in.str();
    r.spoke.push_back({std::move(who), in.get<double>()});
  }
  in.str_into(r.sign);
  r.appreciations = in.opt_i64();
  in.str_into(r.note);
  auto tags = in.get<std::uint32_t>();
  for (std::uint32_t i = 0; i < tags && in.ok(); ++i) r.tags.push_back(in.str());
  auto extras = in.get<std::uint32_t>();
  for (std::uint32_t i = 0; i < extras && in.ok(); ++i) {
    extra_field x;
    x.key = in.str();
    x.toml = in.str();
    r.extra.push_back(std::move(x));
    int line = small_int(in.get<std::int64_t>());
    extra_at.emplace_back(line, small_int(in.get<std::int64_t>()));
  }
  r.line = small_int(in.get<std::int64_t>());
  if (type == 0xff) r.id.clear();  // an impossible type: validation below refuses it
}

// Reads a cache file into a buffer that is kept for the next one: a warm read of ten years goes
// through megabytes, which a fresh allocation (or a mapping) per file would first have the kernel
// zero or map page by page. Empty when the file is missing, empty, not a regular file or unreadable.
std::string_view read_entry(const fs::path& path) {
  thread_local std::unique_ptr<char[]> buffer;
  thread_local std::size_t capacity = 0;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return {};
  struct stat st {};
  std::size_t size = 0;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) <= max_entry_size)
    size = static_cast<std::size_t>(st.st_size);
  if (size > capacity) {
    buffer.reset(new char[size]);  // left uninitialised: read() fills it
    capacity = size;
  }
  std::size_t got = 0;
  while (got < size) {
    ssize_t n = ::read(fd, buffer.get() + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return got == size && size > 0 ? std::string_view(buffer.get(), size) : std::string_view();
}

// Reads a small file whole (the stats file); nullopt when it cannot.
std::optional<std::string> read_small_file(const fs::path& path) {
  std::string_view text = read_entry(path);
  if (text.empty()) return std::nullopt;
  return std::string(text);
}

// Creates a 0700 directory, or accepts an existing real directory.
// (An existing one that is ours but open to others is closed to 0700; one of another user is
// refused.)
bool private_dir(const fs::path& dir) {
  if (::mkdir(dir.c_str(), 0700) == 0) return ::chmod(dir.c_str(), 0700) == 0;
  if (errno != EEXIST) return false;
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()) return false;
  return (st.st_mode & 077) == 0 || ::chmod(dir.c_str(), 0700) == 0;
}

// Whether entries under `dir` can only have been written by this user: the repository's folder,
// `records` and `balance` above it are real directories of ours that nobody else may write to. (A
// cache under a shared XDG_CACHE_HOME such as /tmp must not let another user plant records.)
bool trusted_dirs(const fs::path& dir) {
  fs::path p = dir;
  for (int level = 0; level < 3; ++level, p = p.parent_path()) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid() || (st.st_mode & 022) != 0)
      return false;
  }
  return true;
}

// Writes `content` to `target` by a temporary file and a rename, without fsync: the content is
// derived and checksummed, so a torn file is only a miss. Returns false on any failure.
bool write_quietly(const fs::path& target, std::string_view content) {
  fs::path temp = target.parent_path() / fmt::format(".{}.{}.tmp", target.filename().string(), new_id());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = ::fchmod(fd, 0600) == 0;
  std::size_t done = 0;
  while (ok && done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ok = false;
    else done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) ok = false;
  if (ok && ::rename(temp.c_str(), target.c_str()) == 0) return true;
  ::unlink(temp.c_str());
  return false;
}

std::string hex64(std::uint64_t v) { return fmt::format("{:016x}", v); }

fs::path entry_path(const fs::path& dir, const std::string& rel) { return dir / (hex64(fnv1a64(rel)) + ".rec"); }

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string absolute_root(const fs::path& root) {
  std::error_code ec;
  fs::path abs = fs::absolute(root, ec);
  return (ec ? root : abs).lexically_normal().string();
}

// Whether the people a record names are still people of the settings: with the dimensions, the
// only part of validate() that depends on balance.toml (see the note there).
bool people_known(const record& r, const settings& cfg) {
  return cfg.has_person(r.who) && (r.for_whom.empty() || cfg.has_person(r.for_whom)) &&
         std::all_of(r.with.begin(), r.with.end(), [&](const std::string& p) { return cfg.has_person(p); });
}

// Orders ratings as a parse does: by the settings' dimensions, retired ones after, by key.
void order_ratings(std::vector<rating>& ratings, const settings& cfg) {
  if (ratings.size() < 2) return;
  auto index = [&](const rating& rt) {
    std::size_t i = 0;
    while (i < cfg.dimensions.size() && cfg.dimensions[i].key != rt.key) ++i;
    return i;
  };
  std::sort(ratings.begin(), ratings.end(), [&](const rating& a, const rating& b) {
    auto ia = index(a), ib = index(b);
    return ia != ib ? ia < ib : a.key < b.key;
  });
}

// Runs the settings-dependent checks of a parse again on one cached record, and rebuilds its
// warnings (their wording names the settings' keys) from the kept positions of its unknown keys.
// False when a parse under `cfg` could differ in more than that: a problem, or an unknown key
// that the settings now know. Everything else validate() checks does not depend on the settings
// and held when the entry was written (its checksum says it is unchanged since).
bool revalidate(record& r, const std::pair<int, int>* extra_at, const std::string& rel, const settings& cfg,
                std::vector<diagnostic>& warnings) {
  if (!people_known(r, cfg)) return false;
  if (r.type == record_type::checkin) order_ratings(r.ratings, cfg);
  if (r.extra.empty()) return true;
  for (const auto& x : r.extra)
    if (key_kind(r.type, x.key, cfg)) return false;
  std::size_t next = 0;
  for (auto& p : validate(r, validation_context{&cfg, false, false})) {
    // Outside `balance check` the only warnings are unknown keys, one each, in order.
    if (!p.warning || next >= r.extra.size() || r.extra[next].key != p.key) return false;
    auto [line, column] = extra_at[next++];
    warnings.push_back({position(rel, line, column), std::move(p.message)});
  }
  return next == r.extra.size();
}

std::optional<parsed_file> decode_entry(std::string_view data, const entry_key& key, const file_role& role,
                                        const settings& cfg) {
  if (data.size() < sizeof magic + sizeof(std::uint64_t)) return std::nullopt;
  std::string_view body = data.substr(0, data.size() - sizeof(std::uint64_t));
  std::uint64_t sum = 0;
  std::memcpy(&sum, data.data() + body.size(), sizeof sum);
  if (sum != entry_checksum(body)) return std::nullopt;  // torn or damaged
  entry_reader in(body);
  if (!read_header(in, key)) return std::nullopt;
  auto count = in.get<std::uint32_t>();
  // Every record takes far more than 64 bytes: a larger count is damage, not data.
  if (!in.ok() || count > body.size() / 64) return std::nullopt;
  parsed_file out;
  out.records.resize(count);
  std::vector<std::pair<int, int>> extra_at;
  for (auto& r : out.records) {
    std::size_t first_extra = extra_at.size();
    read_record(in, r, extra_at);
    if (!in.ok() || r.type != role.type || r.id.empty()) return std::nullopt;
    r.author = role.author;
    r.path = key.rel;
    if (!revalidate(r, extra_at.data() + first_extra, key.rel, cfg, out.warnings)) return std::nullopt;
  }
  if (in.get<std::uint32_t>() != count) return std::nullopt;  // one span per record
  out.spans.resize(count);
  for (auto& span : out.spans) {
    span.first_line = static_cast<std::size_t>(in.get<std::uint64_t>());
    span.header_line = static_cast<std::size_t>(in.get<std::uint64_t>());
    span.last_line = static_cast<std::size_t>(in.get<std::uint64_t>());
  }
  if (!in.ok() || !in.at_end()) return std::nullopt;
  return out;
}

}  // namespace

std::optional<file_stamp> stamp_of(const fs::path& path) { return stamp_of(real_file_system(), path); }

std::optional<file_stamp> stamp_of(file_system& files, const fs::path& path) {
  // One lstat, not an open: a symbolic link is not a regular file, and a file made unreadable
  // after its entry was written has a new ctime.
  file_status st;
  if (files.lstat(path.c_str(), st) != 0 || st.type != file_status::kind::regular) return std::nullopt;
  file_stamp s;
  s.size = st.size;
  s.mtime_ns = st.mtime_ns;
  s.ctime_ns = st.ctime_ns;
  s.inode = st.inode;
  s.device = st.device;
  return s;
}

fs::path record_cache_base() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  fs::path base;
  if (xdg && *xdg && xdg[0] == '/') {
    base = xdg;
  } else {
    const char* home = std::getenv("HOME");
    base = fs::path(home && *home ? home : "/tmp") / ".cache";
  }
  return base / "balance" / "records";
}

bool record_cache_enabled() {
  if (state().disabled) return false;
  const char* env = std::getenv("BALANCE_NO_CACHE");
  return !env || !*env || std::string_view(env) == "0";
}

void disable_record_cache() { state().disabled = true; }

cache_counters record_cache_counters() { return {state().hits.load(), state().misses.load()}; }

fs::path record_cache_dir(const fs::path& root, const fs::path& base) { return base / hex64(fnv1a64(absolute_root(root))); }

record_cache::record_cache(const fs::path& root, std::string zone_name, fs::path base)
    : root_(absolute_root(root)), zone_(std::move(zone_name)), dir_(record_cache_dir(root, base)) {
  std::lock_guard guard(state().lock);
  state().last_dir = dir_;
}

std::optional<parsed_file> record_cache::load(const std::string& rel, const file_role& role, const file_stamp& stamp,
                                              const settings& cfg) const {
  std::optional<parsed_file> out;
  if (!trusted_) trusted_ = trusted_dirs(dir_);
  if (!role.is_private && *trusted_) {
    std::string_view entry = read_entry(entry_path(dir_, rel));
    if (!entry.empty()) out = decode_entry(entry, entry_key{root_, rel, zone_, stamp}, role, cfg);
  }
  ++(out ? state().hits : state().misses);
  return out;
}

void record_cache::save(const std::string& rel, const file_role& role, const file_stamp& stamp, const parsed_file& parsed,
                        std::optional<std::int64_t> written_at) const {
  // Private records never leave the private store, not even as derived data.
  if (role.is_private || rel.starts_with("private/") || !parsed.problems.empty() || !record_cache_enabled()) return;
  std::size_t extras = 0;
  for (const auto& r : parsed.records) extras += r.extra.size();
  if (extras != parsed.warnings.size()) return;  // not the shape a clean parse has: do not guess
  entry_writer w;
  w.buffer().reserve(64 + parsed.records.size() * 96);
  write_header(w, entry_key{root_, rel, zone_, stamp}, written_at.value_or(now_ns()));
  w.u32(static_cast<std::uint32_t>(parsed.records.size()));
  std::size_t next_warning = 0;
  for (const auto& r : parsed.records) write_record(w, r, parsed.warnings, next_warning);
  // The spans, so a write can splice into the file without parsing it again.
  w.u32(static_cast<std::uint32_t>(parsed.spans.size()));
  for (const auto& span : parsed.spans)
    for (std::size_t line : {span.first_line, span.header_line, span.last_line}) w.u64(line);
  w.u64(entry_checksum(w.buffer()));
  fs::path base = dir_.parent_path();
  std::error_code ec;
  fs::create_directories(base.parent_path().parent_path(), ec);
  if (!private_dir(base.parent_path()) || !private_dir(base) || !private_dir(dir_)) return;
  write_quietly(entry_path(dir_, rel), w.buffer());
}

void save_record_cache_stats() {
  auto& s = state();
  fs::path dir;
  {
    std::lock_guard guard(s.lock);
    dir = s.last_dir;
  }
  auto counts = record_cache_counters();
  if (dir.empty() || counts.hits + counts.misses == 0 || !record_cache_enabled()) return;
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return;  // nothing could be cached
  write_quietly(dir / "stats", fmt::format("hits {}\nmisses {}\n", counts.hits, counts.misses));
}

namespace {

std::optional<cache_counters> read_stats(const fs::path& file) {
  auto text = read_small_file(file);
  if (!text) return std::nullopt;
  cache_counters c;
  unsigned long long hits = 0, misses = 0;
  if (std::sscanf(text->c_str(), "hits %llu\nmisses %llu\n", &hits, &misses) != 2) return std::nullopt;
  c.hits = hits;
  c.misses = misses;
  return c;
}

}  // namespace

record_cache_info read_record_cache_info(const fs::path& root, const fs::path& base) {
  record_cache_info info;
  info.dir = record_cache_dir(root, base);
  std::error_code ec;
  for (fs::directory_iterator it(info.dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e2;
    if (!it->is_regular_file(e2)) continue;
    info.bytes += it->file_size(e2);
    if (it->path().extension() == ".rec" && it->path().filename().string().front() != '.') ++info.entries;
  }
  info.last = read_stats(info.dir / "stats");
  return info;
}

std::uint64_t clear_record_cache(const fs::path& root, bool all, const fs::path& base) {
  fs::path target = all ? base : record_cache_dir(root, base);
  std::uint64_t entries = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(target, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".rec" && it->path().filename().string().front() != '.') ++entries;
  ec.clear();
  fs::remove_all(target, ec);
  if (ec) throw error(errc::io, fmt::format("cannot remove {}: {}", target.string(), ec.message()));
  return entries;
}

namespace {

std::string byte_size(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024.0);
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

}  // namespace

void write_record_cache_info(const record_cache_info& info, sink& out) {
  out.write(fmt::format("location: {}\n", info.dir.string()));
  out.write(fmt::format("entries: {}\n", info.entries));
  out.write(fmt::format("size: {}\n", byte_size(info.bytes)));
  if (!info.last) {
    out.write("last command: not recorded\n");
    return;
  }
  const cache_counters& c = *info.last;
  std::uint64_t lookups = c.hits + c.misses;
  double share = lookups ? 100.0 * static_cast<double>(c.hits) / static_cast<double>(lookups) : 0.0;
  out.write(fmt::format("last command: {} hit{}, {} miss{} ({:.0f}% hits)\n", c.hits, c.hits == 1 ? "" : "s", c.misses,
                        c.misses == 1 ? "" : "es", share));
}

}  // namespace balance
