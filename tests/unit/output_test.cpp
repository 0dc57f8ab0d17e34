#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>

#include "balance/error.hpp"
#include "balance/output.hpp"
#include "balance/text.hpp"

using namespace balance;

namespace {

std::string render(const text_table& t, std::size_t width = output_width, const style& st = {}) {
  string_sink out;
  t.render(out, width, st);
  return out.str();
}

// Every line's display width.
std::vector<std::size_t> line_widths(const std::string& text) {
  std::vector<std::size_t> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    out.push_back(display_width(text.substr(start, nl - start)));
    start = nl + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("output - a table aligns columns two spaces apart without trailing spaces", "[output]") {
  text_table t;
  t.add_column("ID");
  t.add_column("MINUTES", align::right);
  t.add_column("WHAT");
  CHECK(t.empty());
  t.add_row({"3f9a1c0", "5", "dishes"});
  t.add_row({"83da2b1", "120", ""});
  CHECK_FALSE(t.empty());
  CHECK(render(t) == "ID       MINUTES  WHAT\n"
                     "3f9a1c0        5  dishes\n"
                     "83da2b1      120\n");
}

TEST_CASE("output - a row with fewer cells is padded with empty ones", "[output]") {
  text_table t;
  t.add_column("A");
  t.add_column("B");
  t.add_row({"x"});
  CHECK(render(t) == "A  B\nx\n");
}

TEST_CASE("output - the header is bold with colour on", "[output]") {
  text_table t;
  t.add_column("ID");
  t.add_row({"1"});
  style on{true};
  CHECK(render(t, 80, on) == "\x1b[1mID\x1b[0m\n1\n");
  CHECK(on.dim("x") == "\x1b[2mx\x1b[0m");
  CHECK(on.green("x") == "\x1b[32mx\x1b[0m");
  CHECK(on.yellow("x") == "\x1b[33mx\x1b[0m");
  CHECK(on.cyan("x") == "\x1b[36mx\x1b[0m");
  style off;
  CHECK(off.bold("x") == "x");
  CHECK(off.cyan("x") == "x");
}

TEST_CASE("output - a table wider than the width shrinks its widest shrinkable column with an ellipsis", "[output]") {
  text_table t;
  t.add_column("ID");
  t.add_column("WHAT", align::left, true);
  t.add_column("WHO");
  t.add_row({"3f9a1c0", "groceries and the bins and the long walk to the recycling centre", "sam"});
  std::string text = render(t, 40);
  // ID (7) + 2 + WHAT + 2 + WHO (3) = 40: WHAT gets 26 columns.
  CHECK(text == "ID       WHAT                        WHO\n"
                "3f9a1c0  groceries and the bins an…  sam\n");
  for (auto w : line_widths(text)) CHECK(w <= 40);
  // Wide enough: nothing is cut.
  CHECK(render(t, 200).find("…") == std::string::npos);
}

TEST_CASE("output - a column never shrinks below 8 or its title, so the table may stay wide", "[output]") {
  text_table t;
  t.add_column("ID");
  t.add_column("DESCRIPTION", align::left, true);
  t.add_row({"3f9a1c0", "a rather long description of something"});
  std::string text = render(t, 10);
  CHECK(text == "ID       DESCRIPTION\n3f9a1c0  a rather l…\n");
  CHECK(line_widths(text).at(0) == 20);  // 7 + 2 + 11: the title's width is the floor
  text_table fixed;
  fixed.add_column("WHAT");
  fixed.add_row({"a rather long description that nobody may shrink"});
  CHECK(render(fixed, 10) == "WHAT\na rather long description that nobody may shrink\n");
}

TEST_CASE("output - the widest of several shrinkable columns shrinks first", "[output]") {
  text_table t;
  t.add_column("A", align::left, true);
  t.add_column("B", align::left, true);
  t.add_row({"aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbb"});  // 20 and 12
  // 20 + 2 + 12 = 34; at 30 only A shrinks (to 16).
  CHECK(render(t, 30) == "A                 B\naaaaaaaaaaaaaaa…  bbbbbbbbbbbb\n");
  // At 20 both end up at their floors of 8 and more: 8 + 2 + 10.
  for (auto w : line_widths(render(t, 20))) CHECK(w <= 20);
}

TEST_CASE("output - a shrinkable column above its floor shrinks even when a wider one is at its own floor",
          "[output]") {
  // Column A: 20 wide, title 20 wide (its floor). Column B: 15 wide, floor 8. Total 37 > 30.
  // B gives 7 columns so the table fits (render used to try only the widest column, and stop).
  text_table t;
  t.add_column("AAAAAAAAAAAAAAAAAAAA", align::left, true);
  t.add_column("B", align::left, true);
  t.add_row({"a", "bbbbbbbbbbbbbbb"});
  std::string text = render(t, 30);
  for (auto w : line_widths(text)) CHECK(w <= 30);
}

TEST_CASE("output - cells are escaped and flattened to one line", "[output]") {
  text_table t;
  t.add_column("NOTE");
  t.add_column("X");
  t.add_row({"red \x1b[31malert\nsecond\tline", "1"});
  CHECK(render(t) == "NOTE                           X\n"
                     "red \\x1b[31malert second line  1\n");
}

TEST_CASE("output - widths count display columns, not bytes", "[output]") {
  text_table t;
  t.add_column("WHO");
  t.add_column("X");
  t.add_row({"Grüße", "1"});
  t.add_row({"日本", "2"});
  CHECK(render(t) == "WHO    X\nGrüße  1\n日本   2\n");
}

TEST_CASE("output - wrap_text wraps at words with a hanging indent and keeps newlines", "[output]") {
  CHECK(wrap_text("one two three four", 10, 0) == "one two\nthree four");
  CHECK(wrap_text("one two three four", 12, 4) == "one two\n    three\n    four");
  CHECK(wrap_text("first\nsecond line", 80, 2) == "first\n  second line");
  CHECK(wrap_text("short", 80, 10) == "short");
  CHECK(wrap_text("", 80, 0).empty());
  // A word longer than the width stays whole on its own line.
  CHECK(wrap_text("a supercalifragilistic word", 10, 0) == "a\nsupercalifragilistic\nword");
}

TEST_CASE("output - parse_color_mode takes auto, always and never", "[output]") {
  CHECK(parse_color_mode("auto") == color_mode::automatic);
  CHECK(parse_color_mode("always") == color_mode::always);
  CHECK(parse_color_mode("never") == color_mode::never);
  try {
    parse_color_mode("sometimes\x1b");
    FAIL("expected a usage error");
  } catch (const error& e) {
    CHECK(e.kind() == errc::usage);
    CHECK(std::string(e.what()) == "--color sometimes\\x1b: use auto, always or never");
  }
}

TEST_CASE("output - use_color: always and never win, auto needs a terminal and no NO_COLOR", "[output]") {
  int fd = ::open("/dev/null", O_WRONLY);
  REQUIRE(fd >= 0);
  CHECK(use_color(color_mode::always, fd));
  CHECK_FALSE(use_color(color_mode::never, fd));
  CHECK_FALSE(use_color(color_mode::automatic, fd));  // not a terminal
  ::close(fd);
  ::setenv("NO_COLOR", "1", 1);
  CHECK(use_color(color_mode::always, 1));
  CHECK_FALSE(use_color(color_mode::automatic, 1));
  ::unsetenv("NO_COLOR");
}

TEST_CASE("output - fd_sink buffers until flush and reports a closed pipe", "[output]") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  {
    fd_sink out(fds[1]);
    out.write("hello ");
    out.write("world\n");
    char buf[64];
    REQUIRE(::fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
    CHECK(::read(fds[0], buf, sizeof buf) == -1);  // nothing written yet
    out.flush();
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    REQUIRE(n == 12);
    CHECK(std::string(buf, static_cast<std::size_t>(n)) == "hello world\n");
  }
  ::close(fds[0]);
  // The reader has gone: closed_pipe, not an io error.
  ::signal(SIGPIPE, SIG_IGN);
  fd_sink out(fds[1]);
  out.write("lost");
  CHECK_THROWS_AS(out.flush(), closed_pipe);
  ::close(fds[1]);
  // A bad descriptor is an io error.
  fd_sink bad(-1);
  bad.write("x");
  try {
    bad.flush();
    FAIL("expected an io error");
  } catch (const error& e) {
    CHECK(e.kind() == errc::io);
    CHECK_THAT(e.what(), Catch::StartsWith("cannot write output: "));
  }
}
