// Record files: reading a `[[…]]` array of records from TOML text with the position of every
// problem, writing a record in canonical form, and splicing a record into, or out of, the text of a
// file so that comments and hand formatting elsewhere survive byte for byte. Private to the
// library: the store, import, merge and check use it; the tools never see a file's text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/error.hpp"
#include "balance/period.hpp"
#include "balance/record.hpp"
#include "balance/time.hpp"

namespace balance {

struct settings;

// Files larger than this are refused before parsing.
inline constexpr std::size_t max_file_size = 16u * 1024u * 1024u;
// Dotted keys and table headers with more parts than this are refused before parsing.
inline constexpr std::size_t max_key_parts = 64;

// What the path of a file says about its records.
struct file_role {
  record_type type = record_type::entry;
  std::string author;  // owner for boundary definitions
  bool is_private = false;
  std::optional<balance::month> month;  // none for boundaries/<owner>.toml
};

// The top folder of a type's files: "checkins", "ledger", "boundaries" (definitions and events),
// "agreements" (definitions and reviews), "appreciations", "repairs", "talks", "journal".
std::string_view type_dir(record_type t);

// Parses a repository-relative data path ("ledger/sam/2026-11.toml",
// "private/checkins/alex/2026-10.toml", "boundaries/sam.toml"); nullopt if it is not one.
std::optional<file_role> role_of_path(std::string_view relative_path);
// The repository-relative file a record belongs in, given its type, author, privacy and `at`.
std::string path_for(const record& r);

struct read_options {
  const settings* cfg = nullptr;
  const zone* data_zone = nullptr;  // for local date-times without an offset; UTC when null
  bool strict = false;              // unknown keys are errors (balance check)
  bool id_optional = false;         // imports: a record without an id gets one
  const record_defaults* defaults = nullptr;  // imports: `at` and `who` when a record has none
  bool repeated_ids = false;        // imports: the same id twice is the import's to judge, not the file's
};

// One record's lines: [first_line, last_line], 0-based. `first_line` includes the comment lines
// directly above the header.
struct record_span {
  std::size_t first_line = 0;
  std::size_t header_line = 0;
  std::size_t last_line = 0;
};

struct parsed_file {
  std::vector<record> records;        // in file order
  std::vector<record_span> spans;     // one per record
  std::vector<diagnostic> problems;   // errors: the file must not be trusted when non-empty
  std::vector<diagnostic> warnings;   // e.g. unknown keys outside strict mode
};

// Parses and validates one record file. Never throws for bad content: every problem is reported
// with PATH:LINE:COL in `problems`. Checks each record's placement (author, month, privacy) against
// `role` and ids unique within the file.
parsed_file parse_record_file(std::string_view text, const std::string& path, const file_role& role,
                                          const read_options& opts);

// Parses records of any type from TOML text (an import or `--from`), without placement checks.
parsed_file parse_record_text(std::string_view text, const std::string& source_name,
                                          const read_options& opts);

// Checks text before toml++ sees it: size, NUL bytes, keys with too many dotted parts, merge
// conflict markers. Returns the first problem.
std::optional<diagnostic> precheck_toml(std::string_view text, const std::string& path);

// The canonical TOML of one record: "[[entry]]\nid = …\n…" ending with a newline. Values are
// escaped through toml++; extras are written after the canonical keys.
std::string record_to_toml(const record& r);

// An edit buffer: `comment` (each line prefixed "# "), then the record's fields as `key = value`
// lines without the [[…]] header.
std::string record_fields_text(const record& r, std::string_view comment);

// Reads an edit buffer of bare `key = value` lines back into a record of base's type. id, at and
// who keep base's values when the buffer leaves them out; author, privacy and place always come
// from base. Throws error{data} with BUFFER:LINE:COL positions for anything invalid.
record read_record_fields(std::string_view text, const std::string& buffer_name, const record& base,
                                      const read_options& opts);

// Text edits that keep everything else byte for byte (CRLF files stay CRLF, a BOM stays).
// Insert records at their sorted places among the records of `file` (whose text is `text`), in
// one pass over the text.
std::string splice_insert(std::string_view text, const parsed_file& file, std::vector<record> added);
// Replace record number `index` of `file` with `r` (its header through its last value line).
std::string splice_replace(std::string_view text, const parsed_file& file, std::size_t index,
                                       const record& r);
// Remove record number `index` of `file`, with the comment lines directly above it.
std::string splice_remove(std::string_view text, const parsed_file& file, std::size_t index);

}  // namespace balance
