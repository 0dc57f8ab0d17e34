#include "cli/harness.hpp"

#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <catch2/catch.hpp>

extern char** environ;

namespace balance_test {

namespace fs = std::filesystem;

std::string bin_dir() { return BALANCE_BIN_DIR; }
std::string source_dir() { return BALANCE_SOURCE_DIR; }

sandbox::sandbox() {
  std::string tmpl = (fs::temp_directory_path() / "balance-cli-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  fs::create_directories(home());
  fs::create_directories(dir_ / "xdg-config");
  fs::create_directories(dir_ / "xdg-data");
  fs::create_directories(dir_ / "xdg-cache");
  cwd = dir_;
  const char* path = std::getenv("PATH");
  env = {
      {"HOME", home().string()},
      {"XDG_CONFIG_HOME", (dir_ / "xdg-config").string()},
      {"XDG_DATA_HOME", (dir_ / "xdg-data").string()},
      {"XDG_CACHE_HOME", (dir_ / "xdg-cache").string()},
      {"TZ", "Europe/Berlin"},
      {"BALANCE_NOW", "2026-11-22T21:00:00+01:00"},
      {"PATH", path ? path : "/usr/bin:/bin"},
      {"LC_ALL", "C.UTF-8"},
      {"NO_COLOR", ""},
      // git: a known identity and no system or user configuration.
      {"GIT_AUTHOR_NAME", "Balance Test"},
      {"GIT_AUTHOR_EMAIL", "test@balance.invalid"},
      {"GIT_COMMITTER_NAME", "Balance Test"},
      {"GIT_COMMITTER_EMAIL", "test@balance.invalid"},
      {"GIT_CONFIG_NOSYSTEM", "1"},
  };
  // The front door and `balance merge-driver` must be found by git.
  env["PATH"] = bin_dir() + ":" + env["PATH"];
  // Sanitizer builds: keep leak reports out of stderr assertions only when asked to.
  if (const char* asan = std::getenv("ASAN_OPTIONS")) env["ASAN_OPTIONS"] = asan;
  if (const char* ubsan = std::getenv("UBSAN_OPTIONS")) env["UBSAN_OPTIONS"] = ubsan;
}

sandbox::~sandbox() {
  std::error_code ec;
  // Permission tests may leave read-only directories behind.
  for (auto it = fs::recursive_directory_iterator(dir_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(dir_, ec);
}

result sandbox::run(const std::string& program, const std::vector<std::string>& args, const std::string& input) const {
  std::string exe = program.find('/') == std::string::npos ? bin_dir() + "/" + program : program;
  std::vector<std::string> argv_s = {exe};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s;
  for (const auto& [k, v] : env) env_s.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& s : env_s) envp.push_back(s.data());
  envp.push_back(nullptr);

  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) || ::pipe2(out_pipe, O_CLOEXEC) || ::pipe2(err_pipe, O_CLOEXEC))
    throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) throw std::runtime_error("cannot spawn " + exe + ": " + std::strerror(rc));

  result res;
  std::size_t written = 0;
  int in_fd = in_pipe[1];
  if (input.empty()) {
    ::close(in_fd);
    in_fd = -1;
  } else {
    ::fcntl(in_fd, F_SETFL, O_NONBLOCK);
  }
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open || in_fd >= 0) {
    pollfd fds[3];
    int n = 0;
    if (out_open) fds[n++] = {out_pipe[0], POLLIN, 0};
    if (err_open) fds[n++] = {err_pipe[0], POLLIN, 0};
    if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
    if (::poll(fds, static_cast<nfds_t>(n), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < n; ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == in_fd) {
        ssize_t w = ::write(in_fd, input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<std::size_t>(w);
        if (w < 0 || written == input.size()) {
          ::close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      ssize_t r = ::read(fds[i].fd, buf, sizeof buf);
      if (r <= 0) {
        if (fds[i].fd == out_pipe[0]) out_open = false;
        else err_open = false;
        continue;
      }
      (fds[i].fd == out_pipe[0] ? res.out : res.err).append(buf, static_cast<std::size_t>(r));
    }
  }
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  res.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return res;
}

// Starts bin/<program> on a new pseudo-terminal; its master side goes to `master`.
pid_t sandbox::start_on_pty(const std::string& program, const std::vector<std::string>& args, int& master) const {
  std::string exe = bin_dir() + "/" + program;
  std::vector<std::string> argv_s = {exe};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<std::string> env_s;
  for (const auto& [k, v] : env) env_s.push_back(k + "=" + v);
  pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) throw std::runtime_error("forkpty failed");
  if (pid == 0) {
    std::vector<char*> argv, envp;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env_s) envp.push_back(e.data());
    envp.push_back(nullptr);
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    ::execve(exe.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  return pid;
}

result sandbox::run_pty(const std::string& program, const std::vector<std::string>& args, const std::string& input) const {
  int master = -1;
  pid_t pid = start_on_pty(program, args, master);
  // Type the answers; the terminal's line discipline hands them over a line at a time.
  std::size_t written = 0;
  while (written < input.size()) {
    ssize_t w = ::write(master, input.data() + written, input.size() - written);
    if (w <= 0) break;
    written += static_cast<std::size_t>(w);
  }
  result res;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(master, buf, sizeof buf);
    if (n > 0) {
      res.out.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;  // EIO once the child has closed the terminal
  }
  ::close(master);
  int status = 0;
  ::waitpid(pid, &status, 0);
  res.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  // Terminals turn "\n" into "\r\n"; tests compare plain lines.
  std::string plain;
  for (char c : res.out)
    if (c != '\r') plain += c;
  res.out = plain;
  return res;
}

result sandbox::run_pty_expect(const std::string& program, const std::vector<std::string>& args,
                               const std::vector<pty_step>& steps) const {
  int master = -1;
  pid_t pid = start_on_pty(program, args, master);
  result res;
  bool open = true;
  // Reads what the terminal shows for up to `ms`; false once the program has closed it.
  auto pump = [&](int ms) {
    pollfd p{master, POLLIN, 0};
    int ready = ::poll(&p, 1, ms);
    if (ready <= 0) return true;
    char buf[4096];
    ssize_t n = ::read(master, buf, sizeof buf);
    if (n > 0) {
      for (ssize_t i = 0; i < n; ++i)
        if (buf[i] != '\r') res.out += buf[i];
      return true;
    }
    if (n < 0 && errno == EINTR) return true;
    return false;
  };
  std::size_t matched = 0;
  for (const auto& step : steps) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::size_t at = std::string::npos;
    while (open && (at = res.out.find(step.wait_for, matched)) == std::string::npos &&
           std::chrono::steady_clock::now() < deadline)
      open = pump(50);
    if (at == std::string::npos) {
      ::kill(pid, SIGKILL);
      ::close(master);
      ::waitpid(pid, nullptr, 0);
      throw std::runtime_error("the prompt \"" + step.wait_for + "\" did not appear; the terminal showed:\n" + res.out);
    }
    matched = at + step.wait_for.size();
    // Let the program finish writing the prompt and start reading before typing.
    open = pump(20);
    if (step.expect_no_echo) {
      // On Linux the master side reports the terminal's settings: wait for ECHO to go off.
      termios t{};
      auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
      while (::tcgetattr(master, &t) == 0 && (t.c_lflag & ECHO) && std::chrono::steady_clock::now() < until) open = pump(10);
      if (::tcgetattr(master, &t) == 0 && (t.c_lflag & ECHO)) {
        ::kill(pid, SIGKILL);
        ::close(master);
        ::waitpid(pid, nullptr, 0);
        throw std::runtime_error("the terminal's echo stayed on at \"" + step.wait_for + "\"; it showed:\n" + res.out);
      }
    }
    std::size_t written = 0;
    while (written < step.send.size()) {
      ssize_t w = ::write(master, step.send.data() + written, step.send.size() - written);
      if (w <= 0) break;
      written += static_cast<std::size_t>(w);
    }
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (open && std::chrono::steady_clock::now() < deadline) open = pump(100);
  ::close(master);
  int status = 0;
  if (open) ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  res.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return res;
}

int sandbox::run_killed(const std::string& program, const std::vector<std::string>& args, std::chrono::microseconds delay) const {
  std::string exe = bin_dir() + "/" + program;
  std::vector<std::string> argv_s = {exe};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s;
  for (const auto& [k, v] : env) env_s.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& s : env_s) envp.push_back(s.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot spawn " + exe);
  ::usleep(static_cast<useconds_t>(delay.count()));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string sandbox::script(const std::string& name, const std::string& body) const {
  fs::path p = dir_ / name;
  std::ofstream(p) << "#!/bin/sh\n" << body;
  fs::permissions(p, fs::perms::owner_all);
  return p.string();
}

std::string first_id(const std::string& text) {
  for (std::size_t i = 0; i + 12 <= text.size(); ++i) {
    bool ok = true;
    for (std::size_t k = 0; k < 12 && ok; ++k) {
      char c = text[i + k];
      ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
    bool bounded = (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]))) &&
                   (i + 12 == text.size() || !std::isalnum(static_cast<unsigned char>(text[i + 12])));
    if (ok && bounded) return text.substr(i, 12);
  }
  return {};
}

void sandbox::init_couple() {
  auto r = run("balance", {"init", repo().string(), "--person", "alex", "--person", "sam", "--me", "alex"});
  if (r.status != 0) throw std::runtime_error("balance init failed: " + r.err);
  const_cast<sandbox*>(this)->cwd = repo();
}

void sandbox::write(const std::string& relative, const std::string& text) const {
  fs::path p = repo() / relative;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::filesystem::path sandbox::private_dir() const {
  std::string settings = read("balance.toml");
  auto at = settings.find("\nid = \"");
  if (at == std::string::npos) return {};
  at += 7;
  std::string id = settings.substr(at, settings.find('"', at) - at);
  auto data = env.count("XDG_DATA_HOME") ? fs::path(env.at("XDG_DATA_HOME")) : home() / ".local/share";
  return data / "balance-private" / id;
}

std::string sandbox::read_private(const std::string& relative) const {
  std::ifstream in(private_dir() / relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string sandbox::read(const std::string& relative) const {
  std::ifstream in(repo() / relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::map<std::string, std::string> sandbox::snapshot() const {
  std::map<std::string, std::string> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(repo(), ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    files[fs::relative(it->path(), repo()).string()] = ss.str();
  }
  return files;
}

example::example() {
  cwd = source_dir() + "/examples/couple";
  env["BALANCE_USER"] = "alex";
}

std::string golden_path(const std::string& name) { return source_dir() + "/tests/data/golden/" + name; }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void check_golden(const std::string& actual, const std::string& name) {
  if (std::getenv("BALANCE_UPDATE_GOLDEN")) std::ofstream(golden_path(name), std::ios::binary) << actual;
  CHECK(actual == slurp(golden_path(name)));
}

}  // namespace balance_test
