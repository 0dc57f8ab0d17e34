// The record merge: three versions of one record file (the common base, ours and theirs) become
// one, record by record, the way git's merge driver needs it. Records are matched by id, so
// additions from both sides never conflict and a conflict is limited to the one record both
// sides changed; it is written between the standard markers for the people to decide.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"
#include "balance/settings.hpp"

namespace balance {

struct merge_outcome {
  std::string text;
  std::size_t conflicts = 0;  // records changed differently on both sides, or removed on one and changed on the other
  std::vector<std::string> conflict_ids;  // their ids, in file order
};

// Three-way merge of the record file at `path` (relative to the repository root, which decides
// the record type): additions from both sides are kept in record order, a removal wins over an
// unchanged record, identical changes merge, different changes to the same record are a
// conflict with both versions between markers. Everything else keeps OURS' text, its comments,
// line endings and BOM. A file whose records all went merges to "". Throws error{data} when
// `path` is not a record file or any side does not parse.
BALANCE_API merge_outcome merge_record_files(std::string_view base, std::string_view ours, std::string_view theirs,
                                             const std::string& path, const settings& cfg);

}  // namespace balance
