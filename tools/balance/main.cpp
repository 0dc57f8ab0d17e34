// balance: the front door. `balance WORD …` runs the built-in WORD (init, check, help,
// commands, git, …: words.hpp) or `balance-WORD` from this program's own directory, then PATH,
// like git.
#include <algorithm>
#include <cstddef>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/output.hpp"
#include "balance/programs.hpp"
#include "balance/text.hpp"
#include "cli.hpp"
#include "words.hpp"

using namespace balance;
using namespace balance::front;

namespace {

// Splits the front door's own options (before the command word) from the rest.
struct front_args {
  std::vector<std::string> before;  // common options given before the word
  std::string word;
  std::vector<std::string> after;
};

front_args split_args(const std::vector<std::string>& args) {
  static const std::set<std::string> valued = {"-C", "--dir", "--as", "--color", "--format"};
  front_args out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!a.starts_with("-") || a == "-") {
      out.word = a;
      out.after.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      return out;
    }
    out.before.push_back(a);
    if (valued.count(a) && i + 1 < args.size()) out.before.push_back(args[++i]);
  }
  return out;
}

// The footer of `balance --help`: the tools `balance WORD` runs, as found now.
std::string tools_footer() {
  std::string tools;
  for (const auto& c : program_words(builtins))
    if (!is_builtin(c)) tools += (tools.empty() ? "" : ", ") + c;
  if (tools.empty()) return "";
  return fmt::format("Tools (balance WORD runs balance-WORD; `balance help WORD` shows its manual):\n  {}",
                     wrap_text(tools, output_width, 2));
}

}  // namespace

int main(int argc, char** argv) {
  auto args = cli::arguments(argc, argv);
  front_args split = split_args(args);
  if (!split.word.empty() && !is_builtin(split.word)) {
    if (auto program = find_program(split.word)) {
      std::vector<std::string> forwarded = split.before;
      forwarded.insert(forwarded.end(), split.after.begin(), split.after.end());
      return exec_command(*program, split.word, forwarded);
    }
    std::cerr << fmt::format("balance: \"{}\" is not a balance command{}; see `balance commands`\n",
                             escape_for_terminal(split.word), did_you_mean(split.word, program_words(builtins)));
    return exit_code(errc::usage);
  }

  cli::context ctx;
  ctx.program = "balance";
  auto app = cli::make_app("balance", "Keep a relationship in balance, in plain files.\n\n"
                                      "balance COMMAND runs the built-in COMMAND below, or balance-COMMAND from\n"
                                      "beside this program or PATH (see `balance commands`).");
  cli::add_common_options(*app, ctx.opts);
  app->require_subcommand(0, 1);
  front_options opts;
  word_table words = add_words(*app, ctx, opts);
  // The footer is for the front door's own help (asked for, or a bare `balance`): finding the
  // tools reads directories, which --version and every built-in word would otherwise pay for.
  // Set after the words, so their help (a subcommand copies its parent's footer) has none.
  auto given = [&](const char* a) { return std::find(args.begin(), args.end(), a) != args.end(); };
  if (given("-h") || given("--help") || (split.word.empty() && !given("--version")))
    if (std::string footer = tools_footer(); !footer.empty()) app->footer(footer);
  return cli::run(*app, ctx, args, [&]() -> int {
    for (const auto& [cmd, run] : words)
      if (cmd->parsed()) return run();
    ctx.out.write(app->help());
    return 0;
  });
}
