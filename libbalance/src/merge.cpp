#include "balance/merge.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "record_file.hpp"
#include "balance/text.hpp"

namespace balance {

namespace {

// One side of a merge: the parsed file and its lines (with their terminators).
struct side {
  parsed_file parsed;
  std::vector<std::string> lines;
  std::map<std::string, std::size_t> index;  // id → record index

  bool bom = false;

  side(std::string_view text, const std::string& path, const file_role& role, const read_options& opts, const char* name) {
    parsed = parse_record_file(text, fmt::format("{} ({})", path, name), role, opts);
    if (!parsed.problems.empty()) throw error(errc::data, parsed.problems);
    // The BOM belongs to the file, not to its first line: kept aside, never copied into the middle.
    if (text.starts_with("\xEF\xBB\xBF")) {
      bom = true;
      text.remove_prefix(3);
    }
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t nl = text.find('\n', start);
      std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
      lines.emplace_back(text.substr(start, end - start));
      start = end;
    }
    for (std::size_t i = 0; i < parsed.records.size(); ++i) index[parsed.records[i].id] = i;
  }

  // Lines from this side in another side's line endings.
  static std::string in_eol(const std::string& text, const std::string& eol) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
      if (text[i] == '\n') {
        out += eol;
        continue;
      }
      out += text[i];
    }
    return out;
  }

  const record* find(const std::string& id) const {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &parsed.records[it->second];
  }
  // The record's lines from its header to its last value line (no lead comments).
  std::string body(const std::string& id) const {
    const auto& span = parsed.spans[index.at(id)];
    std::string out;
    for (std::size_t l = span.header_line; l <= span.last_line && l < lines.size(); ++l) out += lines[l];
    if (!out.empty() && out.back() != '\n') out += '\n';
    return out;
  }
  // With the comment lines directly above it.
  std::string block(const std::string& id) const {
    const auto& span = parsed.spans[index.at(id)];
    std::string out;
    for (std::size_t l = span.first_line; l < span.header_line; ++l) out += lines[l];
    return out + body(id);
  }
};

bool same(const record* a, const record* b) { return a && b && a->same_content(*b); }

enum class action { keep, take_theirs, remove, conflict };

// Both closed one agreement the same way (done or dropped), each at their own time, and changed
// nothing else: the same decision twice, so the earlier closing stands.
std::optional<action> closed_twice(const record& o, const record& t) {
  if (o.type != record_type::agreement || o.status != t.status || !o.closed || !t.closed) return std::nullopt;
  record aligned = o;
  aligned.closed = t.closed;
  if (!aligned.same_content(t)) return std::nullopt;
  return o.closed->utc <= t.closed->utc ? action::keep : action::take_theirs;
}

// What becomes of one of ours' records.
action decide(const record& o, const side& base, const side& theirs) {
  const record* b = base.find(o.id);
  const record* t = theirs.find(o.id);
  // Added on our side (or on both): the same record twice is one; two different ones conflict.
  if (!b) return t && !same(&o, t) ? action::conflict : action::keep;
  // They removed it: the removal wins over an unchanged record.
  if (!t) return same(&o, b) ? action::remove : action::conflict;
  if (same(&o, t) || same(t, b)) return action::keep;
  if (same(&o, b)) return action::take_theirs;
  return closed_twice(o, *t).value_or(action::conflict);
}

// Writes the merged file: ours' lines in order, with their additions slotted in by record order.
class merge_writer {
 public:
  merge_writer(const side& ours, const side& theirs, merge_outcome& result)
      : ours_(ours), theirs_(theirs), result_(result),
        eol_(!ours.lines.empty() && ours.lines.front().ends_with("\r\n") ? "\r\n" : "\n") {}

  // Records only they have: added by them (unless we removed an unchanged one).
  void collect_theirs(const side& base) {
    for (const auto& t : theirs_.parsed.records) {
      if (ours_.find(t.id)) continue;
      const record* b = base.find(t.id);
      if (!b) {
        added_.push_back(&t);
      } else if (!same(&t, b)) {
        added_.push_back(&t);
        removed_here_.insert(t.id);  // we removed it, they changed it: a conflict with markers
        ++result_.conflicts;
        result_.conflict_ids.push_back(t.id);
      }
    }
    std::sort(added_.begin(), added_.end(), [](const record* a, const record* b) { return record_less(*a, *b); });
  }

  void write(const std::vector<action>& actions) {
    const auto& spans = ours_.parsed.spans;
    for (std::size_t i = 0; i < ours_.parsed.records.size(); ++i) {
      // Lines before this record (the preamble or what follows the previous one).
      for (; line_ < spans[i].first_line; ++line_) out_ += ours_.lines[line_];
      insert_added_before(&ours_.parsed.records[i]);
      line_ = spans[i].last_line + 1;
      write_record(i, actions[i]);
    }
    for (; line_ < ours_.lines.size(); ++line_) out_ += ours_.lines[line_];
    insert_added_before(nullptr);
  }

  std::string finish() {
    // A file whose records all went is empty, not a lone blank line.
    if (trim(out_).empty())
      out_.clear();
    else if (ours_.bom)
      out_.insert(0, "\xEF\xBB\xBF");
    return std::move(out_);
  }

 private:
  void blank_before() {
    if (!out_.empty() && !out_.ends_with('\n')) out_ += eol_;
    if (!out_.empty() && !out_.ends_with(eol_ + eol_) && out_ != eol_) out_ += eol_;
  }

  void insert_added_before(const record* limit) {
    bool inserted = false;
    while (next_added_ < added_.size() && (!limit || record_less(*added_[next_added_], *limit))) {
      blank_before();
      const std::string& id = added_[next_added_]->id;
      if (removed_here_.count(id))
        // Removed on our side, changed on theirs: both versions, ours empty, for the people to decide.
        out_ += "<<<<<<< ours" + eol_ + "=======" + eol_ + side::in_eol(theirs_.body(id), eol_) + ">>>>>>> theirs" + eol_;
      else
        out_ += side::in_eol(theirs_.block(id), eol_);
      ++next_added_;
      inserted = true;
    }
    // Keep one blank line between an inserted record and the one that follows it.
    if (inserted && limit) blank_before();
  }

  void write_record(std::size_t i, action what) {
    const record& o = ours_.parsed.records[i];
    const auto& span = ours_.parsed.spans[i];
    switch (what) {
      case action::keep: out_ += ours_.block(o.id); break;
      case action::take_theirs:
        for (std::size_t l = span.first_line; l < span.header_line; ++l) out_ += ours_.lines[l];
        out_ += side::in_eol(theirs_.body(o.id), eol_);
        break;
      case action::remove:
        // Drop the blank line that separated it, so records stay one blank line apart.
        while (line_ < ours_.lines.size() && trim(ours_.lines[line_]).empty()) ++line_;
        while (!out_.empty() && out_.ends_with(eol_ + eol_)) out_.erase(out_.size() - eol_.size());
        if (line_ < ours_.lines.size() && !out_.empty()) out_ += eol_;
        break;
      case action::conflict: {
        ++result_.conflicts;
        result_.conflict_ids.push_back(o.id);
        const record* t = theirs_.find(o.id);
        out_ += "<<<<<<< ours" + eol_ + ours_.body(o.id) + "=======" + eol_ +
                (t ? side::in_eol(theirs_.body(o.id), eol_) : std::string()) + ">>>>>>> theirs" + eol_;
        break;
      }
    }
  }

  const side& ours_;
  const side& theirs_;
  merge_outcome& result_;
  std::string eol_;
  std::vector<const record*> added_;
  std::set<std::string> removed_here_;
  std::size_t next_added_ = 0;
  std::size_t line_ = 0;
  std::string out_;
};

}  // namespace

merge_outcome merge_record_files(std::string_view base_text, std::string_view ours_text, std::string_view theirs_text,
                                 const std::string& path, const settings& cfg) {
  auto role = role_of_path(path);
  if (!role) throw error(errc::data, diagnostic{{path, 0, 0}, "is not a record file"});
  zone data_zone = cfg.timezone.empty() ? zone::utc() : zone::locate(cfg.timezone);
  read_options opts{&cfg, &data_zone, false};
  side base(base_text, path, *role, opts, "base");
  side ours(ours_text, path, *role, opts, "ours");
  side theirs(theirs_text, path, *role, opts, "theirs");

  std::vector<action> actions;
  for (const record& o : ours.parsed.records) actions.push_back(decide(o, base, theirs));
  merge_outcome result;
  merge_writer writer(ours, theirs, result);
  writer.collect_theirs(base);
  writer.write(actions);
  result.text = writer.finish();
  return result;
}

}  // namespace balance
