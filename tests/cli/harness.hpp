// Runs the built balance commands as a user would: in a fresh temporary directory with its own
// HOME and XDG dirs, a pinned clock (BALANCE_NOW) and zone, and none of the caller's BALANCE_*,
// EDITOR or VISUAL. Captures stdout, stderr and the exit status.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace balance_test {

struct result {
  int status = -1;
  std::string out;
  std::string err;
};

class sandbox {
 public:
  sandbox();
  ~sandbox();
  sandbox(const sandbox&) = delete;
  sandbox& operator=(const sandbox&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path home() const { return dir_ / "home"; }
  std::filesystem::path repo() const { return dir_ / "repo"; }

  // Environment for every run; tests may change or add entries.
  std::map<std::string, std::string> env;
  // Working directory for runs (default: the repo).
  std::filesystem::path cwd;

  // Runs bin/<program> with args (program "balance" or "balance-ledger"…), feeding `input`.
  result run(const std::string& program, const std::vector<std::string>& args, const std::string& input = "") const;
  // Runs bin/<program> on a pseudo-terminal (stdin, stdout and stderr are the terminal), typing
  // `input`; `out` holds everything the terminal showed, including the echoed input.
  result run_pty(const std::string& program, const std::vector<std::string>& args, const std::string& input) const;
  // Like run_pty, but expect-style: for each step, waits (up to 10 s) until the terminal has shown
  // `wait_for` since the previous step's match, then types `send`. Typing ahead would let the
  // terminal echo an answer before the program can turn echo off; this never types ahead.
  // Throws when a prompt does not appear (the transcript so far is in the message).
  struct pty_step {
    std::string wait_for;
    std::string send;
    bool expect_no_echo = false;  // also wait until the program has turned the terminal's echo off
  };
  result run_pty_expect(const std::string& program, const std::vector<std::string>& args,
                        const std::vector<pty_step>& steps) const;
  // Starts bin/<program> and kills it with SIGKILL after `delay` (if it is still running).
  // Returns the exit status (137 when it was killed).
  int run_killed(const std::string& program, const std::vector<std::string>& args, std::chrono::microseconds delay) const;
  // Writes an executable shell script under the sandbox and returns its path.
  std::string script(const std::string& name, const std::string& body) const;
  // Replaces balance.toml's text (for settings tests).
  void settings(const std::string& text) const { write("balance.toml", text); }

  // `balance init` of a two-person repo (alex, sam) in repo(), as alex.
  void init_couple();

  void write(const std::string& relative, const std::string& text) const;
  std::string read(const std::string& relative) const;
  // This sandbox's private store of the repository (outside it): XDG_DATA_HOME/balance-private/<id>,
  // with <id> from balance.toml; empty when it has none.
  std::filesystem::path private_dir() const;
  // A file of the private store, like read() ("checkins/alex/2026-11.toml").
  std::string read_private(const std::string& relative) const;
  // Every regular file under the repo with its content, to prove "nothing changed".
  std::map<std::string, std::string> snapshot() const;

 private:
  pid_t start_on_pty(const std::string& program, const std::vector<std::string>& args, int& master) const;
  std::filesystem::path dir_;
};

// The example couple (examples/couple), read in place (nothing is written), as alex on their
// last day.
struct example : sandbox {
  example();
};

// A golden file of tests/data/golden, its text, and a comparison with it: CHECKs that `actual`
// is the golden text, or with BALANCE_UPDATE_GOLDEN=1 in the environment rewrites the file.
std::string golden_path(const std::string& name);
std::string slurp(const std::string& path);
void check_golden(const std::string& actual, const std::string& name);

// The first 12-digit id in a text.
std::string first_id(const std::string& text);

std::string bin_dir();
std::string source_dir();

// A sandbox with `balance init` of alex and sam already done, as alex, the repo as working dir.
struct couple : sandbox {
  couple() { init_couple(); }
};

}  // namespace balance_test
