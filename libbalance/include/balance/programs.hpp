// The balance-WORD programs behind the front door: `balance WORD` runs balance-WORD found beside
// the running program first, then on PATH, as git finds git-WORD. A WORD is a valid name (see
// is_valid_name), so `balance ../x` can never run a file elsewhere.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "balance/api.hpp"
#include "balance/file_system.hpp"

namespace balance {

// The directory of the running program (from /proc/self/exe), or empty when unknown.
BALANCE_API std::filesystem::path own_directory();

// Where balance-WORD programs are looked for, in order: own_directory(), then each PATH entry.
BALANCE_API std::vector<std::filesystem::path> program_dirs();

// The executable balance-WORD in program_dirs(), or none (also for a WORD that is not a name).
BALANCE_API std::optional<std::filesystem::path> find_program(const std::string& word,
                                                            file_system& files = real_file_system());

// Every WORD with an executable balance-WORD in program_dirs(), plus `builtins`: sorted, once each.
BALANCE_API std::vector<std::string> program_words(const std::vector<std::string>& builtins,
                                                   file_system& files = real_file_system());

// The manual `balance help TOPIC` shows: balance(1) for the front door and its built-in words,
// balance(7) for "ideas", balance-files(5) for "files", balance-WORD(1) for a tool.
struct manual {
  std::string page;                          // "balance-ledger"
  std::string section;                       // "1"
  std::vector<std::filesystem::path> files;  // the page beside the program (build tree, install tree): tried first
  std::optional<std::filesystem::path> program;  // balance-WORD, whose --help is the last resort
};

// Throws error{usage}, with a did-you-mean, when TOPIC is neither a built-in, a topic nor a
// balance-WORD found by find_program. An empty TOPIC is balance(1).
BALANCE_API manual find_manual(const std::string& topic, const std::vector<std::string>& builtins,
                               file_system& files = real_file_system());

}  // namespace balance
