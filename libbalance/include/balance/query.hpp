// A query selects records for `list`: a period, who, tags, kinds, topics, a text search, how many
// and in which order. Every list command of every tool goes through it, as a list_request (the
// flags as typed) into list_records, which checks them, runs the query and writes the records.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "balance/api.hpp"
#include "balance/format.hpp"
#include "balance/period.hpp"
#include "balance/record.hpp"
#include "balance/store.hpp"

namespace balance {

struct query {
  record_type type = record_type::entry;
  period span{};                    // default: all time
  std::optional<std::string> who;   // `who` equals (for a talk: one of `with`)
  std::vector<std::string> tags;    // has every one of these tags
  std::optional<std::string> kind;  // entry or event kind
  std::optional<std::string> topic;
  std::string grep;                 // case-insensitive substring of any text field
  std::size_t limit = 0;            // 0: all; else the `limit` most recent
  bool reverse = false;             // newest first
  bool active_only = false;         // boundaries: leave out retired ones
  bool mine = false;                // add the private owner's own private records (--mine)
};

// Does one record match the query's filters (not its period, limit or order)?
BALANCE_API bool matches(const query& q, const record& r);

// The matching records, sorted by `at` then id (newest first with `reverse`), cut to `limit`.
BALANCE_API std::vector<record> run_query(const store& s, const query& q,
                                          const std::function<void(const diagnostic&)>& on_warning = {});

// A list command's flags as given; empty strings are "not given".
struct list_request {
  record_type type = record_type::entry;
  period span{};
  std::string who;                // a person or "me"
  std::vector<std::string> tags;  // each a valid name
  std::string kind;               // an entry or event kind
  std::string topic;
  std::string grep;
  std::size_t limit = 0;
  bool reverse = false;
  bool all = false;   // boundaries: retired ones too
  bool mine = false;  // the private view (the tool has already checked it may open)
};

// The query a request means. Throws error{usage} naming the flag: an unknown person (--who), a
// tag that is not a name (--tag), a kind that is none of the type's kinds (--kind).
BALANCE_API query query_for(const repo& rp, const list_request& req);

struct list_result {
  std::size_t count = 0;
  // When nothing matched in text: "no entries in this month match" (a note for stderr).
  std::string empty_note;
};

// `list`: the request's records written in `f` to `out`, streaming through one record_writer.
BALANCE_API list_result list_records(const store& s, const list_request& req, record_format f, const writer_options& wo, sink& out,
                         const std::function<void(const diagnostic&)>& on_warning = {});

// Writes records of one type in `f`, as a list does (a json list is how a write returns its records).
BALANCE_API void write_records(record_format f, record_type type, const std::vector<record>& records, const writer_options& wo, sink& out);

}  // namespace balance
