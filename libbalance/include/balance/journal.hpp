// The journal: pages a person writes for themselves (private by default, kept in this computer's
// private store) or for the couple (`--shared`, in `journal/<author>/YYYY-MM.toml`), a deck of
// prompts on the themes of balance with one prompt a day that both partners share, "on this day"
// memories, a markdown export and an import of jrnl's plain-text export. Every command of
// balance-journal is one call here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"
#include "balance/format.hpp"
#include "balance/output.hpp"
#include "balance/period.hpp"
#include "balance/record.hpp"
#include "balance/settings.hpp"
#include "balance/store.hpp"

namespace balance {

// The built-in deck, each prompt with a stable key.
BALANCE_API const std::vector<journal_prompt>& builtin_prompts();
// The built-in deck followed by the repository's `[[journal.prompt]]` entries; one with a
// built-in key replaces that prompt's words.
BALANCE_API std::vector<journal_prompt> prompt_deck(const settings& cfg);
// The prompt of `day`: the deck in an order fixed by `repo_id`, one step a day, so both partners
// (two clones of one repository) get the same prompt on the same day and the next day brings
// another. Throws error{internal} for an empty deck.
BALANCE_API journal_prompt prompt_for_day(const std::vector<journal_prompt>& deck, local_days day,
                                          std::string_view repo_id);
// Today's prompt in this repository, by its calendar.
BALANCE_API journal_prompt todays_prompt(const repo& rp);
// The prompt with `key`, or nullopt.
BALANCE_API std::optional<journal_prompt> find_prompt(const settings& cfg, std::string_view key);

// A new page's options as the flags give them.
struct page_options {
  std::string text;
  std::vector<std::string> tags;
  std::string at;                    // a WHEN: now by default
  std::string mood;                  // 1 to 5, as typed
  bool answer_prompt = false;        // --prompt: the page answers today's prompt
  bool shared = false;               // --shared: in the repository; else private
};

// Adds a page of mine (private unless `shared`, which needs this computer's own person).
// Throws error{usage} naming the flag for bad options or an empty text.
BALANCE_API outcome add_page(const store& s, const page_options& o);
// The text the editor opens for a new page: comment lines with the day's prompt and where the
// page will be kept, then room to write.
BALANCE_API std::string page_template(const repo& rp, const page_options& o);
// What a person wrote in the template: comment lines (first non-blank character '#') left out,
// and the blank lines around the text.
BALANCE_API std::string page_text_of(std::string_view buffer);
// Opens the editor on page_template and adds what was written. An empty page saves nothing
// (an outcome without files). When the page cannot be saved the buffer is kept and the error
// names it.
BALANCE_API outcome add_page_in_editor(const store& s, page_options o);

// Which pages a list shows.
struct journal_filter {
  period span{};
  std::string grep;
  std::vector<std::string> tags;
  std::size_t limit = 10;  // 0: all
  bool reverse = false;
  bool shared = false;  // only the couple's shared pages, everyone's; else my own, private and shared
};
// The matching pages, oldest first (newest first with `reverse`), the `limit` latest.
BALANCE_API std::vector<record> journal_pages(const store& s, const journal_filter& f);

// Pages written on this day in earlier months (up to 11 months back) and in earlier years (up
// to `years` back), oldest first. A day a month lacks (29 February in a year that has none, the
// 31st of a 30-day month) is remembered on that month's last day.
BALANCE_API std::vector<record> pages_on_this_day(const store& s, int years, bool shared);
// The months back that on-this-day looks at, and whether a page written on `written` shows on
// `today` (exposed for tests).
BALANCE_API bool remembered_on(local_days written, local_days today, int years);

// One markdown document: a title ("Journal of alex", or "Our shared journal" for `shared`), then
// each page under a dated heading (`## Sunday 22 November 2026, 19:30`), its tags and prompt, and
// its text.
BALANCE_API void write_pages_markdown(const std::vector<record>& pages, const repo& rp, bool shared, sink& out);

// The pages of jrnl's plain-text export (`[DATE] title` then the body), DATE in `timeformat`
// (jrnl's default "%F %r"). `@tag` and `#tag` words become tags, lowercased. Each page's id comes
// from its time and text, so importing the same file twice adds each page once. Throws
// error{data} naming the line of an entry whose date does not read.
BALANCE_API std::vector<record> read_jrnl(std::string_view text, const std::string& source,
                                          const std::string& timeformat, const repo& rp);
// `import --jrnl FILE`: the pages of read_jrnl, private and mine, those already present skipped.
BALANCE_API outcome import_jrnl(const store& s, const std::string& path, const std::string& timeformat, bool dry_run);

// `prompt`: today's prompt, as text ("words (key)") or json (`{"schema": 1, "date", "key", "text"}`).
BALANCE_API void write_todays_prompt(const repo& rp, format f, sink& out);
// `prompts`: the deck, one "key  words" line each (text) or a json array of {key, text}.
BALANCE_API void write_prompt_deck(const repo& rp, format f, sink& out);

}  // namespace balance
