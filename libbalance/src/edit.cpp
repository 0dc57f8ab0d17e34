#include "balance/edit.hpp"

#include <fmt/format.h>

#include "balance/checkin.hpp"
#include "balance/format.hpp"
#include "record_file.hpp"

namespace balance {

edit_session::edit_session(const repo& rp, const std::string& text, const std::string& name)
    : rp_(rp), buffer_(edit_text(text, name, editor_command(rp.user()))) {}

bool edit_session::emptied() const { return only_comments(buffer_.text); }

record edit_session::read(const record& base) const {
  read_options opts{&rp_.config(), &rp_.data_zone(), false};
  return read_record_fields(buffer_.text, buffer_.path.string(), base, opts);
}

void edit_session::discard() const { discard_buffer(buffer_); }

std::string edit_text_for(const repo& rp, const record& r) {
  return record_fields_text(r, fmt::format("Editing {} in {}.\nSave to keep your changes; quit without saving to leave it as it was.",
                                           record_label(r), rp.display_path(r.path)));
}

namespace {

// An edit that closes an agreement (done, dropped) or retires a boundary without saying when
// gets "now", as `done`, `drop` and `retire` would: the reviews and events dated before it
// still belong to it. An explicit time, or an empty one given on purpose, is kept.
void stamp_closing(const record& before, record& after, const timestamp& now) {
  if (after.type == record_type::agreement && before.is_open_agreement() && !after.is_open_agreement() &&
      !after.closed && !before.closed)
    after.closed = now;
  if (after.type == record_type::boundary && before.is_active_boundary() && !after.is_active_boundary() &&
      !after.retired && !before.retired)
    after.retired = now;
}

}  // namespace

outcome replace_record(const store& s, const record& before, record after) {
  stamp_closing(before, after, s.repository().cal().now);
  if (after.same_content(before)) return nothing_written(fmt::format("no changes to {}", record_label(before)));
  outcome done;
  if (after.type == record_type::checkin && (after.feeling != before.feeling || after.need != before.need))
    if (auto hint = checkin_hint(after)) done.notes.push_back(*hint);
  write_batch batch(s);
  batch.replace(before, after);
  done.paths = batch.commit();
  done.summary = fmt::format("updated {}", record_label(after));
  done.records.push_back(std::move(after));
  return done;
}

}  // namespace balance
