#include "balance/editor.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/file_system.hpp"
#include "balance/id.hpp"
#include "balance/process.hpp"
#include "record_file.hpp"
#include "balance/text.hpp"

namespace balance {

std::string editor_command(const user_config& user) {
  // Environment before the user config, as everywhere in balance.
  for (const char* var : {"VISUAL", "EDITOR"}) {
    const char* v = std::getenv(var);
    if (v && *v) return v;
  }
  if (!user.editor.empty()) return user.editor;
  return "vi";
}

std::filesystem::path edit_buffer_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  std::filesystem::path base;
  if (xdg && *xdg && xdg[0] == '/') {
    base = xdg;
  } else {
    const char* home = std::getenv("HOME");
    base = std::filesystem::path(home && *home ? home : "/tmp") / ".cache";
  }
  file_system& files = real_file_system();
  make_dirs(files, base);  // make_data_dirs below says what went wrong
  make_data_dirs(files, base, "balance/edits");
  return base / "balance" / "edits";
}

edit_buffer edit_text(const std::string& text, const std::string& name, const std::string& editor) {
  edit_buffer buffer;
  buffer.path = edit_buffer_dir() / fmt::format("{}-{}", new_id().substr(0, 8), name);
  write_file_atomically(real_file_system(), buffer.path, text, buffer.path.string());

  // The editor command may carry its own arguments ("code --wait"); the path is always "$1".
  process_options sh;
  sh.program = "/bin/sh";
  process_result ran = run_process({"sh", "-c", editor + " \"$1\"", "sh", buffer.path.string()}, sh);
  if (!ran.started())
    throw error(errc::io, fmt::format("cannot start the editor: {}", std::strerror(ran.start_error)));
  if (!ran.succeeded()) {
    std::string how = ran.signal == 0 ? fmt::format("exited with status {}", ran.status)
                                      : fmt::format("was killed by signal {}", ran.signal);
    throw error(errc::io, fmt::format("the editor ({}) {}; nothing was saved. Your text is kept in {}",
                                      escape_for_terminal(editor), how, buffer.path.string()));
  }
  auto edited = read_file(buffer.path, buffer.path.string(), max_file_size);
  if (!edited)
    throw error(errc::io, fmt::format("the edit buffer {} disappeared; nothing was saved", buffer.path.string()));
  buffer.text = *edited;
  return buffer;
}

void discard_buffer(const edit_buffer& buffer) {
  real_file_system().unlink(buffer.path.c_str());  // already gone is fine
}

bool only_comments(std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string_view line = trim(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (!line.empty() && line.front() != '#') return false;
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return true;
}

}  // namespace balance
