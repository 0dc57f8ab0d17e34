// Importing records (`add --from FILE|-`, `balance-report --from`): the TOML, JSON, CSV and TSV
// that the list commands print, read back.
// Import is idempotent: a record whose id already exists anywhere in the repository is skipped and
// counted, as is the same record twice in one input (two different records under one id are a
// problem); a record without an id gets one. Either every record is valid and the whole import is
// written, or nothing is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"
#include "balance/record.hpp"
#include "balance/settings.hpp"
#include "balance/store.hpp"

namespace balance {

// Reads records for import from TOML, JSON, CSV or TSV text (the format is detected: `[` or `{`
// first → json; a first line with tabs → tsv; with commas and no `=` → csv; otherwise toml).
// Records of other types than `expected` are refused, except that boundaries come with their
// events (a CSV/TSV table with a `kind` or `boundary` column holds events). With `defaults`, a
// record without `at` or `who` gets them (see fill_defaults). Problems carry SOURCE:LINE:COL
// (json: SOURCE:record N). Throws error{data} with every problem found.
BALANCE_API std::vector<record> read_import(std::string_view text, const std::string& source_name, record_type expected,
                                            const settings& cfg, const record_defaults* defaults = nullptr);

// Records of any type, for `balance-report --from`: TOML ([[checkin]], [[entry]] … tables) or
// JSON (each object names its "type"). CSV and TSV hold one type without saying which, so they
// are refused with a message.
BALANCE_API std::vector<record> read_records_any(std::string_view text, const std::string& source_name,
                                                 const settings& cfg);

struct import_options {
  record_type type = record_type::entry;
  bool dry_run = false;
  bool make_private = false;  // --private: every imported record becomes one of mine
};

struct import_result {
  std::size_t added = 0;
  std::size_t skipped = 0;              // already in the repository (or twice in the input)
  std::vector<std::string> written;     // files written, repository-relative
  std::vector<record> records;          // the records added (or that would be, with dry_run)
};

// Reads `text` (named `source` in messages) and adds its records. A record without `at` is
// dated now and one without `who` is mine, as with the flags (a crossed or respected event must
// name `who`). Check-ins and boundaries belong to their `who`; entries and events to the `author`
// the input names, else to me. A boundary import takes events too: each must point at a boundary
// in the repository or in the input, under the rules of the flag form (check_event_target), and
// boundaries are written before events. Private records can only be imported by their own
// author. Throws error{data} listing every problem with its position, and writes nothing then.
BALANCE_API import_result import_records(const store& s, std::string_view text, const std::string& source,
                                         const import_options& opts);

// Reads FILE, or standard input for "-". Throws error{no_input} (66) for a missing file.
BALANCE_API std::string read_input(const std::string& path);

// `add --from FILE|-`: reads the input and imports it. The summary says "added 3, skipped 1
// already present" ("would add" with dry_run); the records are the ones added.
BALANCE_API outcome import_from(const store& s, const std::string& from, const import_options& opts);

}  // namespace balance
