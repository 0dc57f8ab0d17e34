// One edit session for every `edit` and `add --edit`: a record's fields as TOML in the user's
// editor, read back on top of the record and validated again. Leaving only comments cancels; a
// buffer whose text does not validate, or whose save fails, is kept until discard(), so its path
// can be named and nothing typed is lost.
#pragma once

#include <filesystem>
#include <string>

#include "balance/api.hpp"
#include "balance/editor.hpp"
#include "balance/record.hpp"
#include "balance/repo.hpp"
#include "balance/store.hpp"

namespace balance {

class BALANCE_API edit_session {
 public:
  // Runs the editor on `text` in a buffer named after `name` ("checkin-3f9a1c0.toml").
  edit_session(const repo& rp, const std::string& text, const std::string& name);

  // The user left nothing but comments: the edit is cancelled.
  bool emptied() const;
  // The record the buffer describes, on top of `base` (its id, author, privacy and file stay).
  // Throws error{data} with PATH:LINE:COL positions in the buffer.
  record read(const record& base) const;
  // Where the buffer is kept.
  const std::filesystem::path& path() const { return buffer_.path; }
  // Removes the buffer once what it held is saved (or the edit was cancelled).
  void discard() const;

 private:
  const repo& rp_;
  edit_buffer buffer_;
};

// The text an `edit` opens: the record's fields under a comment naming it and its file.
BALANCE_API std::string edit_text_for(const repo& rp, const record& r);

// Replaces `before` with `after`: "no changes to …" when they hold the same content, else
// "updated …" (a check-in whose feeling or need changed brings back the blaming-words hint). An
// agreement set to done or dropped, or a boundary set to retired, without its `closed` or
// `retired` time gets now, as the commands that close them would.
BALANCE_API outcome replace_record(const store& s, const record& before, record after);

}  // namespace balance
