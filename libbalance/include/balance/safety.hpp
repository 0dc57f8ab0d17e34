// TEMPORARY stand-in; replaced by the safety module from the settings-safety branch.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "balance/settings.hpp"
#include "balance/time.hpp"

namespace balance {

std::vector<std::string> safety_note(const timestamp& answered_at, const user_config& user, const zone& tz,
                                     std::string_view stored_where);

}  // namespace balance
