// balance-journal: a journal, private by default, with a prompt a day on the themes of balance,
// and a shared journal for the couple's dreams and memories. Every command is one call of
// balance/journal.hpp; their rows are in pages.cpp.
#include "journal.hpp"

using namespace balance;

int main(int argc, char** argv) {
  const cli::tool t{"balance-journal",
                    "A journal: pages private by default (kept on this computer only), or shared\n"
                    "with --shared; a prompt a day that both of you get; on-this-day memories.\n"
                    "`balance-journal TEXT` adds a page: every word is text, unless the first one\n"
                    "is a command.",
                    {format::text, format::json, format::toml, format::csv, format::tsv, format::markdown},
                    "add",
                    true};
  return cli::run_commands(t, journal_cli::journal_commands(), argc, argv);
}
