// Records in and out of pipes. Lists print as text (a table), json (one array of objects: the
// canonical keys plus `type`, `author`, `private`; `at` as an RFC 3339 string), toml (valid
// `[[…]]` arrays that `--from` reads back), csv or tsv (a header row of canonical fields, tags
// joined by spaces, RFC 4180 quoting). import.hpp reads them back.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"
#include "balance/json.hpp"
#include "balance/output.hpp"
#include "balance/record.hpp"

namespace balance {

struct settings;

// Every value of --format, across the tools (a report takes markdown and html, `ledger export`
// ledger).
enum class format { text, json, toml, csv, tsv, markdown, ledger, html };
// The formats records are written in: the writers below take only these, so a list can never be
// asked for markdown or a ledger journal.
enum class record_format { text, json, toml, csv, tsv };

BALANCE_API std::string_view format_name(format f) noexcept;
BALANCE_API format to_format(record_format f) noexcept;
// Parses a --format value, allowing only `allowed`; throws error{usage} listing them.
BALANCE_API format parse_format(std::string_view text, const std::vector<format>& allowed);
BALANCE_API record_format parse_record_format(std::string_view text, const std::vector<record_format>& allowed);

// Writes records one by one in a format, streaming (nothing is held but the current record,
// except text, which aligns a table and so holds its rows).
class BALANCE_API record_writer {
 public:
  virtual ~record_writer() = default;
  virtual void write(const record& r) = 0;
  // Ends the output (closes the json array, renders the table). Call once.
  virtual void finish() = 0;
};

struct writer_options {
  const settings* cfg = nullptr;
  style st;               // colour for text
  std::size_t width = output_width;
};

// One line of a csv (RFC 4180 quoting, ending in CRLF) or tsv (\t, \n, \r and \\ escaped,
// ending in LF) table: every csv and tsv the tools print is written through it.
BALANCE_API std::string delimited_line(const std::vector<std::string>& cells, bool tsv);

// A writer for records of one type (csv, tsv and text need one set of columns).
BALANCE_API std::unique_ptr<record_writer> make_record_writer(record_format f, record_type type, sink& out,
                                                              const writer_options& opts);

// How confirmations name a record: "check-in 3f9a1c0 (alex)", "entry 3f9a1c0 (chore, sam)".
BALANCE_API std::string record_label(const record& r);

// One record as a JSON object (for show --format json and the writers).
BALANCE_API std::string record_to_json(const record& r);

// Human-readable multi-line view of one record (show).
BALANCE_API void write_record_details(const record& r, sink& out, const style& st);

// `show`: one record in json, in toml as `--from` reads it back (with `private = true` for a
// private one), or in text as its details, naming `shown_path` as where it is kept. csv and tsv
// are for lists: error{usage}.
BALANCE_API void write_shown_record(record_format f, const record& r, const std::string& shown_path, const style& st, sink& out);

}  // namespace balance
