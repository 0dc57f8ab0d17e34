// The dim note that explains a table of the text report and of the trend report: wrapped to
// 80 columns, indented by two. Its text is balance's own words, written as given.
#pragma once

#include <string_view>

#include "balance/output.hpp"

namespace balance::detail {

void write_note(sink& out, const style& st, std::string_view text);

}  // namespace balance::detail
