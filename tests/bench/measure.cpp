// Runs a command RUNS times and prints one line per run: wall nanoseconds and the peak resident
// set of that run in KiB, from wait4 (the child's own usage, not the largest child so far).
//
//   measure RUNS DIR PROGRAM [ARG...]
//
// A small launcher of its own, because Linux counts the memory of the process that forked the
// child into the child's peak (the old image's high-water mark survives exec): started from
// Python, every command would "use" Python's 15 MB. From here the floor is this program's own
// ~1 MB. Exits 1 when a run fails (non-zero exit or a signal), naming it.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: measure RUNS DIR PROGRAM [ARG...]\n");
    return 64;
  }
  int runs = std::atoi(argv[1]);
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid < 0) {
      std::perror("measure: fork");
      return 71;
    }
    if (pid == 0) {
      if (chdir(argv[2]) != 0) _exit(126);
      int null = open("/dev/null", O_WRONLY);
      if (null >= 0) dup2(null, 1);
      execv(argv[3], argv + 3);
      _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) < 0) {
      std::perror("measure: wait4");
      return 71;
    }
    auto wall = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "measure: %s %s (status %d)\n", argv[3],
                   WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "failed",
                   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
      return 1;
    }
    std::printf("%lld %ld\n", static_cast<long long>(wall), usage.ru_maxrss);
  }
  return 0;
}
