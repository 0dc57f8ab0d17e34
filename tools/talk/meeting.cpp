// balance-talk's guided meeting: the real terminal (raw input through termios, the alternate
// screen) wired to the library's meeting (balance/meeting.hpp). The terminal's settings, the
// main screen and the signal handlers are restored on every way out: the end, Ctrl-C (a key
// while signals are off), SIGINT, SIGTERM or SIGHUP from elsewhere, and an error.
#include "talk.hpp"

#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <memory>

#include <fmt/format.h>

#include "balance/meeting.hpp"

namespace balance::talk_cli {

using cli::context;

namespace {

volatile std::sig_atomic_t signalled = 0;
extern "C" void on_signal(int) { signalled = 1; }

constexpr std::array<int, 3> leaving_signals = {SIGINT, SIGTERM, SIGHUP};

class raw_terminal : public meeting_terminal {
 public:
  raw_terminal() {
    ::tcgetattr(0, &saved_);
    termios raw = saved_;
    raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_iflag &= ~static_cast<tcflag_t>(IXON | ICRNL);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    ::tcsetattr(0, TCSANOW, &raw);
    struct sigaction on{};
    on.sa_handler = on_signal;
    sigemptyset(&on.sa_mask);
    for (std::size_t i = 0; i < leaving_signals.size(); ++i) ::sigaction(leaving_signals[i], &on, &old_[i]);
    write("\x1b[?1049h");
  }
  ~raw_terminal() override {
    write("\x1b[?1049l");
    ::tcsetattr(0, TCSANOW, &saved_);
    for (std::size_t i = 0; i < leaving_signals.size(); ++i) ::sigaction(leaving_signals[i], &old_[i], nullptr);
  }
  raw_terminal(const raw_terminal&) = delete;
  raw_terminal& operator=(const raw_terminal&) = delete;

  void write(std::string_view text) override {
    while (!text.empty()) {
      ssize_t n = ::write(1, text.data(), text.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;  // the terminal went away; the meeting ends at the next read
      text.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  std::optional<int> read_key(std::chrono::milliseconds wait) override {
    for (;;) {
      if (signalled) return meeting_key::interrupt;
      pollfd p{0, POLLIN, 0};
      int ready = ::poll(&p, 1, static_cast<int>(wait.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready == 0) return std::nullopt;
      unsigned char c = 0;
      ssize_t n = ::read(0, &c, 1);
      if (n == 1) return c;
      if (n < 0 && errno == EINTR) continue;
      return meeting_key::closed;
    }
  }

 private:
  termios saved_{};
  std::array<struct sigaction, leaving_signals.size()> old_{};
};

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

// The line left on the main screen once the meeting is over: what was saved, all of it.
std::string farewell(const meeting_result& r) {
  if (r.saved)
    return fmt::format("saved talk {} ({}{})", r.talk.substr(0, 7), plural(r.appreciations, "appreciation"),
                       r.agreement.empty() ? "" : fmt::format(", agreement {}", r.agreement.substr(0, 7)));
  std::vector<std::string> kept;
  if (r.appreciations) kept.push_back(plural(r.appreciations, "appreciation"));
  if (r.reviews) kept.push_back("the agreement's review");
  if (!r.agreement.empty()) kept.push_back(fmt::format("agreement {}", r.agreement.substr(0, 7)));
  if (kept.empty()) return "left the talk; nothing was saved";
  std::string list;
  for (std::size_t i = 0; i < kept.size(); ++i)
    list += (i == 0 ? "" : i + 1 == kept.size() ? " and " : ", ") + kept[i];
  return fmt::format("left the talk; {} saved as confirmed, nothing else", list);
}

int hold_meeting(context& ctx, const meeting_options& o) {
  ctx.text_only();
  repo rp = ctx.open_repo();
  store s(rp);
  meeting_setup setup = prepare_meeting(s, o);  // a bad flag is refused before the screen changes
  bool quiet = ctx.opts.quiet;
  ctx.opts.quiet = true;  // confirmations on stderr would draw over the meeting's screen
  auto act = store_meeting_actions(s, [&](const outcome& done) { cli::report(ctx, rp, done); });
  auto clock = meeting_clock_for_environment();
  meeting_result result;
  {
    raw_terminal term;
    result = run_meeting(setup, term, *clock, *act);
  }
  ctx.opts.quiet = quiet;
  ctx.confirm(farewell(result));
  return result.saved ? 0 : 130;
}

}  // namespace

std::function<int(context&)> setup_meeting(CLI::App& cmd, const char* usage) {
  auto o = std::make_shared<meeting_options>();
  cmd.add_option("--with", o->with, "Who is there (NAME...; default everyone in balance.toml)")->type_name("NAME");
  cmd.add_option("--turn", o->turn, "How long each turn to speak is (DURATION; default 5m)")->type_name("DURATION");
  cmd.add_option("--review", o->review, "When to look at the agreement again (CADENCE; default biweekly)")
      ->type_name("CADENCE");
  return [o, usage](context& ctx) {
    if (::isatty(0) != 1 || ::isatty(1) != 1) {
      ctx.err.write(usage);
      return exit_code(errc::usage);
    }
    return hold_meeting(ctx, *o);
  };
}

}  // namespace balance::talk_cli
