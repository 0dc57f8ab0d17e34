// Running another program: git, the user's editor, man, and the balance-WORD tools all start
// here, so every child gets the same treatment. A child is started with posix_spawn (no
// descriptor of ours leaks into it: ours are all close-on-exec), waited for through EINTR, and
// its end is told apart: an exit status, a signal, or a program that could not be started. The
// child starts with SIGPIPE and SIGXFSZ at their defaults, even when we ignore them ourselves.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "balance/api.hpp"

namespace balance {

struct process_options {
  // What to run when it is not argv[0]: `balance WORD` runs /usr/bin/balance-WORD as
  // "balance-WORD". Empty: argv[0], looked up in PATH unless it contains a '/'.
  std::string program;
  std::filesystem::path dir;             // the child's working directory; empty: ours
  std::vector<std::string> environment;  // "NAME=value" added to ours (replacing NAME if set)
  std::optional<std::string> input;      // capture only: the child's stdin; none: /dev/null
};

struct process_result {
  // The exit status, or 128 + N when signal N killed it (as a shell reports it), or 127 when
  // it could not be started.
  int status = 0;
  int signal = 0;       // the signal that killed it, or 0
  int start_error = 0;  // the errno when the program could not be started, or 0
  std::string out;      // capture only: what it wrote to stdout
  std::string err;      // capture only: what it wrote to stderr

  bool started() const noexcept { return start_error == 0; }
  // It ran and exited with status 0.
  bool succeeded() const noexcept { return started() && signal == 0 && status == 0; }
};

// Runs `argv` with our stdin, stdout and stderr, and waits for it. Never throws for the child's
// own failures: they are in the result.
BALANCE_API process_result run_process(const std::vector<std::string>& argv, const process_options& opts = {});

// Runs `argv` with stdout and stderr captured (read together, so neither pipe fills up) and
// stdin from `opts.input`, or /dev/null. Throws error{io} when the pipes cannot be made.
BALANCE_API process_result capture_process(const std::vector<std::string>& argv, const process_options& opts = {});

// Replaces this process with `argv` (opts.dir and opts.input are not used). Returns only when
// that failed, with the errno.
BALANCE_API int exec_process(const std::vector<std::string>& argv, const process_options& opts = {});

}  // namespace balance
