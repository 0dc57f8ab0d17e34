#include "balance/repo.hpp"

#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/file_system.hpp"
#include "record_file.hpp"
#include "balance/text.hpp"

namespace balance {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

bool has_settings(const std::filesystem::path& dir) {
  file_status st;
  return real_file_system().stat((dir / "balance.toml").c_str(), st) == 0 && st.type == file_status::kind::regular;
}

std::filesystem::path expand_home(const std::string& path) {
  if (path == "~" || path.starts_with("~/")) {
    std::string home = env("HOME");
    return std::filesystem::path(home) / (path.size() > 2 ? path.substr(2) : std::string());
  }
  return path;
}

std::filesystem::path xdg_data_home() {
  std::string xdg = env("XDG_DATA_HOME");
  if (!xdg.empty() && xdg.front() == '/') return std::filesystem::path(xdg);
  return std::filesystem::path(env("HOME")) / ".local" / "share";
}

std::filesystem::path data_home() { return xdg_data_home() / "balance"; }

constexpr std::string_view private_prefix = "private/";

}  // namespace

std::filesystem::path private_store_base() { return xdg_data_home() / "balance-private"; }

std::optional<std::filesystem::path> find_repo_root(const repo_options& opts, const user_config& user) {
  if (!opts.dir.empty()) return expand_home(opts.dir);
  if (auto dir = env("BALANCE_DIR"); !dir.empty()) return expand_home(dir);
  std::error_code ec;
  auto here = std::filesystem::current_path(ec);
  if (!ec) {
    for (auto dir = here;; dir = dir.parent_path()) {
      if (has_settings(dir)) return dir;
      if (dir == dir.root_path() || dir.parent_path() == dir) break;
    }
  }
  if (!user.dir.empty()) return expand_home(user.dir);
  if (auto fallback = data_home(); has_settings(fallback)) return fallback;
  return std::nullopt;
}

repo repo::open(const repo_options& opts) {
  user_config user = load_user_config();
  auto root = find_repo_root(opts, user);
  if (!root)
    throw error(errc::no_input,
                "no balance repository here or in any parent directory; create one with "
                "`balance init --person NAME --person NAME`, or point to one with -C DIR or BALANCE_DIR");
  repo r = open_at(*root, opts);
  return r;
}

repo repo::open_at(const std::filesystem::path& root, const repo_options& opts) {
  repo r;
  std::error_code ec;
  r.root_ = std::filesystem::absolute(root, ec);
  if (ec) r.root_ = root;
  r.root_ = r.root_.lexically_normal();
  if (r.root_.has_filename() == false && r.root_ != r.root_.root_path()) r.root_ = r.root_.parent_path();
  r.user_ = load_user_config();

  auto text = read_file(r.root_ / "balance.toml", "balance.toml", max_file_size);
  if (!text)
    throw error(errc::no_input, fmt::format("{} is not a balance repository (no balance.toml); create one with "
                                            "`balance init {} --person NAME --person NAME`",
                                            root.string(), root.string()));
  r.config_ = parse_settings(*text, "balance.toml");

  zone tz = resolve_zone(r.config_.timezone);
  sys_seconds now = current_time();
  r.cal_ = calendar{tz.at(now), tz, r.config_.week_start};
  r.data_zone_ = r.config_.timezone.empty() ? zone::utc() : zone::locate(r.config_.timezone);

  if (!opts.as.empty()) {
    r.me_ = opts.as;
    r.me_source_ = "--as";
  } else if (auto u = env("BALANCE_USER"); !u.empty()) {
    r.me_ = u;
    r.me_source_ = "BALANCE_USER";
  } else if (!r.user_.me.empty()) {
    r.me_ = r.user_.me;
    r.me_source_ = r.user_.path;
  } else if (r.config_.people.size() == 1) {
    r.me_ = r.config_.people.front();
    r.me_source_ = "balance.toml";
  }

  // The owner of this computer's private records: never --as.
  std::string owner = env("BALANCE_USER");
  if (owner.empty()) owner = r.user_.me;
  if (owner.empty() && r.config_.people.size() == 1) owner = r.config_.people.front();
  if (r.config_.has_person(owner)) r.private_owner_ = owner;
  r.id_ = r.config_.repo_id;
  return r;
}

bool repo::acting_as_other() const { return me_source_ == "--as" && !private_owner_.empty() && me_ != private_owner_; }

void repo::require_private_owner() const {
  const std::string& who = me();
  if (who == private_owner_) return;
  if (private_owner_.empty())
    throw_usage(fmt::format(
        "private records are kept for the person this computer belongs to, and it does not say who that is; "
        "set it once with `balance init --me NAME` (or BALANCE_USER)"));
  throw_usage(fmt::format("private records are written only by this computer's own person ({}), not with --as {}",
                          private_owner_, escape_for_terminal(who)));
}

std::filesystem::path repo::private_root() const {
  if (id_.empty()) return {};
  return private_store_base() / id_;
}

std::filesystem::path repo::path(std::string_view relative) const {
  if (relative.starts_with(private_prefix)) {
    auto base = private_root();
    if (base.empty())
      throw error(errc::internal, fmt::format("{}: this repository has no private store yet", relative));
    return base / std::string(relative.substr(private_prefix.size()));
  }
  return root_ / std::string(relative);
}

std::string repo::display_path(std::string_view relative) const {
  if (relative.starts_with(private_prefix) && !id_.empty()) return path(relative).string();
  return std::string(relative);
}

const std::string& repo::me() const {
  if (me_.empty())
    throw_usage(
        "who are you? pass --as NAME, set BALANCE_USER, or record it once with `balance init --me NAME`");
  if (!config_.has_person(me_))
    throw_usage(fmt::format("{} says you are \"{}\", who is not a person in balance.toml{}", me_source_,
                            escape_for_terminal(me_), did_you_mean(me_, config_.people)));
  return me_;
}

std::string repo::person(std::string_view name, std::string_view flag) const {
  if (!config_.has_person(name))
    throw_usage(fmt::format("{} {}: not a person in balance.toml{}", flag, escape_for_terminal(name),
                            did_you_mean(name, config_.people)));
  return std::string(name);
}

void repo::require_writable() const {
  if (config_.version > settings_version)
    throw error(errc::config,
                fmt::format("balance.toml has version {}, newer than this balance understands ({}); it can be "
                            "read but not written. Update balance to change it.",
                            config_.version, settings_version));
}

}  // namespace balance
