#include "balance/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <iterator>

#include <fmt/format.h>

#include "balance/error.hpp"

extern char** environ;

namespace balance {

namespace {

// The argv and envp arrays exec wants, pointing into strings this object owns.
class exec_arrays {
 public:
  exec_arrays(const std::vector<std::string>& argv, const std::vector<std::string>& extra) : args_(argv) {
    for (auto& a : args_) argv_.push_back(a.data());
    argv_.push_back(nullptr);
    for (char** e = environ; e && *e; ++e) {
      std::string_view entry(*e);
      bool replaced = false;
      for (const auto& x : extra)
        if (x.substr(0, x.find('=') + 1) == entry.substr(0, entry.find('=') + 1)) replaced = true;
      if (!replaced) env_.emplace_back(entry);
    }
    env_.insert(env_.end(), extra.begin(), extra.end());
    for (auto& e : env_) envp_.push_back(e.data());
    envp_.push_back(nullptr);
  }
  char* const* argv() { return argv_.data(); }
  char* const* envp() { return envp_.data(); }

 private:
  std::vector<std::string> args_, env_;
  std::vector<char*> argv_, envp_;
};

// Owns the child side of posix_spawn's file actions.
struct spawn_actions {
  posix_spawn_file_actions_t actions;
  spawn_actions() { posix_spawn_file_actions_init(&actions); }
  ~spawn_actions() { posix_spawn_file_actions_destroy(&actions); }
  spawn_actions(const spawn_actions&) = delete;
  spawn_actions& operator=(const spawn_actions&) = delete;
};

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// The signals a tool ignores for itself (a closed pipe, a file-size limit) that a child must
// not inherit ignored: `balance git log | head` must end git as a shell would.
constexpr int reset_signals[] = {SIGPIPE, SIGXFSZ};

// Starts the child; its pid, or 0 with `result.start_error` set.
pid_t spawn(const std::vector<std::string>& argv, const process_options& opts, spawn_actions& fa,
            process_result& result) {
  if (argv.empty()) throw error(errc::internal, "no program to run");
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : reset_signals) sigaddset(&defaults, sig);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  if (!opts.dir.empty()) posix_spawn_file_actions_addchdir_np(&fa.actions, opts.dir.c_str());
  exec_arrays arrays(argv, opts.environment);
  const std::string& program = opts.program.empty() ? argv.front() : opts.program;
  pid_t pid = 0;
  // posix_spawnp searches PATH only for a name without '/', as execvp does.
  int rc = ::posix_spawnp(&pid, program.c_str(), &fa.actions, &attr, arrays.argv(), arrays.envp());
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    result.start_error = rc;
    result.status = 127;
    return 0;
  }
  return pid;
}

void wait_for(pid_t pid, process_result& result) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      result.status = 127;
      return;
    }
  }
  if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
    result.status = 128 + result.signal;
  } else {
    result.status = WEXITSTATUS(status);
  }
}

// Writes what it can of `input` from `done` on, without blocking and without dying of SIGPIPE
// when the child stopped reading. Returns false once nothing more will be written.
bool feed(int fd, const std::string& input, std::size_t& done) {
  sigset_t pipe_only, old;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
  ssize_t wrote = ::write(fd, input.data() + done, input.size() - done);
  int saved = errno;
  if (wrote < 0 && saved == EPIPE) {
    // Take the SIGPIPE this write raised before unblocking it, unless the caller had SIGPIPE
    // blocked itself: then a pending one may be the caller's.
    sigset_t pending;
    sigpending(&pending);
    timespec zero{0, 0};
    if (sigismember(&pending, SIGPIPE) && !sigismember(&old, SIGPIPE)) sigtimedwait(&pipe_only, nullptr, &zero);
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  if (wrote < 0) return saved == EINTR || saved == EAGAIN;
  done += static_cast<std::size_t>(wrote);
  return done < input.size();
}

// Reads stdout and stderr until both close, feeding stdin meanwhile.
void pump(int out_fd, int err_fd, int in_fd, const std::string& input, process_result& result) {
  std::size_t fed = 0;
  if (in_fd >= 0 && input.empty()) close_fd(in_fd);
  char buf[65536];
  while (out_fd >= 0 || err_fd >= 0) {
    pollfd fds[3];
    nfds_t n = 0;
    for (int fd : {out_fd, err_fd}) if (fd >= 0) fds[n++] = {fd, POLLIN, 0};
    if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
    if (::poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == in_fd) {
        if (!feed(in_fd, input, fed)) close_fd(in_fd);
        continue;
      }
      ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
      if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      bool is_out = fds[i].fd == out_fd;
      if (got <= 0) {
        close_fd(is_out ? out_fd : err_fd);
        continue;
      }
      (is_out ? result.out : result.err).append(buf, static_cast<std::size_t>(got));
    }
  }
  close_fd(out_fd);
  close_fd(err_fd);
  close_fd(in_fd);
}

}  // namespace

process_result run_process(const std::vector<std::string>& argv, const process_options& opts) {
  process_result result;
  spawn_actions fa;
  if (pid_t pid = spawn(argv, opts, fa, result)) wait_for(pid, result);
  return result;
}

process_result capture_process(const std::vector<std::string>& argv, const process_options& opts) {
  int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1}, in_pipe[2] = {-1, -1};
  auto close_all = [&] {
    for (int* p : {out_pipe, err_pipe, in_pipe}) {
      close_fd(p[0]);
      close_fd(p[1]);
    }
  };
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0 ||
      (opts.input && ::pipe2(in_pipe, O_CLOEXEC) != 0)) {
    int saved = errno;
    close_all();
    throw error(errc::io, fmt::format("cannot run {}: {}", argv.empty() ? "" : argv.front(), std::strerror(saved)));
  }
  spawn_actions fa;
  if (opts.input)
    posix_spawn_file_actions_adddup2(&fa.actions, in_pipe[0], 0);
  else
    posix_spawn_file_actions_addopen(&fa.actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa.actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&fa.actions, err_pipe[1], 2);
  process_result result;
  pid_t pid = spawn(argv, opts, fa, result);
  // The child's ends are its own now (or nobody's).
  close_fd(out_pipe[1]);
  close_fd(err_pipe[1]);
  close_fd(in_pipe[0]);
  if (!pid) {
    close_all();
    return result;
  }
  if (in_pipe[1] >= 0) ::fcntl(in_pipe[1], F_SETFL, ::fcntl(in_pipe[1], F_GETFL) | O_NONBLOCK);
  pump(out_pipe[0], err_pipe[0], in_pipe[1], opts.input ? *opts.input : std::string(), result);
  wait_for(pid, result);
  return result;
}

int exec_process(const std::vector<std::string>& argv, const process_options& opts) {
  if (argv.empty()) return ENOENT;
  exec_arrays arrays(argv, opts.environment);
  const std::string& program = opts.program.empty() ? argv.front() : opts.program;
  struct sigaction defaults {}, saved[std::size(reset_signals)];
  defaults.sa_handler = SIG_DFL;
  for (std::size_t i = 0; i < std::size(reset_signals); ++i) ::sigaction(reset_signals[i], &defaults, &saved[i]);
  ::execvpe(program.c_str(), arrays.argv(), arrays.envp());
  int failed = errno;
  for (std::size_t i = 0; i < std::size(reset_signals); ++i) ::sigaction(reset_signals[i], &saved[i], nullptr);
  return failed;
}

}  // namespace balance
