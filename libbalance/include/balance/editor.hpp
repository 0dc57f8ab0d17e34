// Editing text in the user's editor, as `git commit` does: the text goes into a buffer file in a
// private directory (0700, file 0600), the editor runs as `sh -c '$EDITOR "$1"' sh BUFFER`, and
// the edited text comes back. A buffer whose edit cannot be saved is kept, and its path shown,
// so nothing typed is lost.
#pragma once

#include <filesystem>
#include <string>

#include "balance/api.hpp"
#include "balance/settings.hpp"

namespace balance {

// The editor to run: $VISUAL, then $EDITOR, then the user config's `editor`, then "vi".
BALANCE_API std::string editor_command(const user_config& user);

// Where edit buffers live: ${XDG_CACHE_HOME:-~/.cache}/balance/edits (created 0700).
BALANCE_API std::filesystem::path edit_buffer_dir();

struct edit_buffer {
  std::filesystem::path path;
  std::string text;  // after the edit
};

// Writes `text` to a new buffer named after `name` ("checkin.toml"), runs the editor on it and
// reads it back. When the editor fails (cannot start, or exits non-zero) throws error{io} naming
// the kept buffer.
BALANCE_API edit_buffer edit_text(const std::string& text, const std::string& name, const std::string& editor);

// Removes a buffer once its content is saved.
BALANCE_API void discard_buffer(const edit_buffer& buffer);

// Text without its comment lines (lines whose first non-blank character is '#'), for telling
// whether the user left the buffer empty.
BALANCE_API bool only_comments(std::string_view text);

}  // namespace balance
