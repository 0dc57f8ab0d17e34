#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <set>
#include <string>

#include "balance/process.hpp"
#include "unit/test_support.hpp"

using namespace balance;

TEST_CASE("process - true succeeds and false exits 1", "[process]") {
  process_result yes = run_process({"true"});
  CHECK(yes.succeeded());
  CHECK(yes.status == 0);
  process_result no = run_process({"false"});
  CHECK(no.started());
  CHECK_FALSE(no.succeeded());
  CHECK(no.status == 1);
  CHECK(no.signal == 0);
  CHECK(capture_process({"false"}).status == 1);
}

TEST_CASE("process - capture keeps stdout and stderr apart, with the exit status", "[process]") {
  process_result r = capture_process({"sh", "-c", "echo x; echo y >&2; exit 3"});
  CHECK(r.out == "x\n");
  CHECK(r.err == "y\n");
  CHECK(r.status == 3);
  CHECK(r.signal == 0);
  CHECK_FALSE(r.succeeded());
}

TEST_CASE("process - capture reads both pipes together, so a child filling both never hangs", "[process]") {
  // 1 MB on each, far past a pipe's buffer: reading one pipe to its end first would deadlock.
  process_result r = capture_process({"sh", "-c", "head -c 1048576 /dev/zero; head -c 1048576 /dev/zero >&2"});
  CHECK(r.status == 0);
  CHECK(r.out.size() == 1048576);
  CHECK(r.err.size() == 1048576);
}

TEST_CASE("process - capture gives stdin text, and /dev/null without it", "[process]") {
  process_options opts;
  opts.input = "one\ntwo\n";
  process_result r = capture_process({"sh", "-c", "wc -l; cat >/dev/null"}, opts);
  CHECK(r.status == 0);
  CHECK(r.out.find('2') != std::string::npos);
  CHECK(capture_process({"cat"}).out.empty());  // /dev/null: cat ends at once

  // Much more than a pipe holds, to a child that never reads it: no hang, no SIGPIPE for us.
  opts.input = std::string(1 << 20, 'x');
  process_result deaf = capture_process({"true"}, opts);
  CHECK(deaf.status == 0);
  process_result echoed = capture_process({"cat"}, opts);
  CHECK(echoed.out == *opts.input);
}

TEST_CASE("process - a working directory and extra environment reach the child", "[process]") {
  process_options opts;
  opts.dir = "/";
  opts.environment = {"BALANCE_PROCESS_TEST=here", "HOME=/nowhere"};
  process_result r = capture_process({"sh", "-c", "pwd; echo \"$BALANCE_PROCESS_TEST $HOME\""}, opts);
  CHECK(r.out == "/\nhere /nowhere\n");
}

TEST_CASE("process - a program that does not exist is not started, with its errno", "[process]") {
  process_result r = run_process({"balance-no-such-program-xyz"});
  CHECK_FALSE(r.started());
  CHECK(r.start_error == ENOENT);
  CHECK(r.status == 127);
  process_result c = capture_process({"/nonexistent/balance-no-such-program"});
  CHECK(c.start_error == ENOENT);
  CHECK(exec_process({"balance-no-such-program-xyz"}) == ENOENT);
}

TEST_CASE("process - a child killed by a signal reports it, as 128 + N", "[process]") {
  process_result r = run_process({"sh", "-c", "kill -TERM $$"});
  CHECK(r.started());
  CHECK(r.signal == SIGTERM);
  CHECK(r.status == 128 + SIGTERM);
  CHECK_FALSE(r.succeeded());
  process_result c = capture_process({"sh", "-c", "echo before; kill -KILL $$"});
  CHECK(c.out == "before\n");
  CHECK(c.signal == SIGKILL);
}

TEST_CASE("process - a program given apart from argv[0] runs under that name", "[process]") {
  process_options opts;
  opts.program = "/bin/sh";
  process_result r = capture_process({"named-differently", "-c", "echo \"$0\""}, opts);
  CHECK(r.out == "named-differently\n");
}

TEST_CASE("process - the child gets no descriptor of ours beyond stdin, stdout and stderr", "[process]") {
  // Descriptors this test process was given without close-on-exec are the child's by right;
  // every other one it sees, but for the one ls opens to list them, leaked.
  std::set<int> inheritable;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    int fd = std::stoi(entry.path().filename().string());
    int flags = ::fcntl(fd, F_GETFD);
    if (fd > 2 && flags >= 0 && !(flags & FD_CLOEXEC)) inheritable.insert(fd);
  }
  process_options opts;
  opts.input = "text";  // all three pipes in use
  process_result r = capture_process({"ls", "/proc/self/fd"}, opts);
  REQUIRE(r.status == 0);
  int unexplained = 0;
  for (std::size_t start = 0; start < r.out.size();) {
    std::size_t nl = r.out.find('\n', start);
    int fd = std::stoi(r.out.substr(start, nl - start));
    if (fd > 2 && !inheritable.count(fd)) ++unexplained;
    start = nl + 1;
  }
  CHECK(unexplained == 1);
}

namespace {

void on_alarm(int) {}

// A signal handler without SA_RESTART for the length of a test, so that poll, read and waitpid
// are interrupted with EINTR while a child runs.
class interrupting_timer {
 public:
  interrupting_timer() {
    struct sigaction sa {};
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGALRM, &sa, &old_);
    itimerval every{{0, 20000}, {0, 20000}};
    ::setitimer(ITIMER_REAL, &every, nullptr);
  }
  ~interrupting_timer() {
    itimerval off{};
    ::setitimer(ITIMER_REAL, &off, nullptr);
    ::sigaction(SIGALRM, &old_, nullptr);
  }
  interrupting_timer(const interrupting_timer&) = delete;
  interrupting_timer& operator=(const interrupting_timer&) = delete;

 private:
  struct sigaction old_ {};
};

// The signals the child starts with ignored, as /proc/self/status shows them (a hex mask).
unsigned long long ignored_in_child() {
  process_result r = capture_process({"sh", "-c", "grep SigIgn /proc/self/status"});
  return std::stoull(r.out.substr(r.out.find(':') + 1), nullptr, 16);
}

}  // namespace

TEST_CASE("process - signals interrupting the wait lose neither output nor the status", "[process]") {
  interrupting_timer timer;
  process_result r = capture_process({"sh", "-c", "sleep 0.3; echo out; echo err >&2; exit 4"});
  CHECK(r.out == "out\n");
  CHECK(r.err == "err\n");
  CHECK(r.status == 4);
  CHECK(run_process({"sh", "-c", "sleep 0.2; exit 5"}).status == 5);
}

TEST_CASE("process - a child does not inherit our ignored SIGPIPE and SIGXFSZ", "[process]") {
  auto old_pipe = std::signal(SIGPIPE, SIG_IGN);
  auto old_xfsz = std::signal(SIGXFSZ, SIG_IGN);
  unsigned long long ignored = ignored_in_child();
  std::signal(SIGPIPE, old_pipe);
  std::signal(SIGXFSZ, old_xfsz);
  CHECK((ignored & (1ULL << (SIGPIPE - 1))) == 0);
  CHECK((ignored & (1ULL << (SIGXFSZ - 1))) == 0);
}
