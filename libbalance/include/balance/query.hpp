// A query selects records for `list`: a period, who, tags, kinds, topics, a text search, how many
// and in which order. Every list command of every tool goes through it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "balance/api.hpp"
#include "balance/period.hpp"
#include "balance/record.hpp"
#include "balance/store.hpp"

namespace balance {

struct query {
  record_type type = record_type::entry;
  period span{};                    // default: all time
  std::optional<std::string> who;   // `who` equals
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

}  // namespace balance
