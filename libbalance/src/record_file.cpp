#include "record_file.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include <date/date.h>
#include <fmt/format.h>

#include "balance/id.hpp"
#include "balance/settings.hpp"
#include "balance/text.hpp"
#include "toml_util.hpp"

namespace balance {

using detail::describe_type;
using detail::position_of;

std::string_view type_dir(record_type t) {
  switch (t) {
    case record_type::checkin: return "checkins";
    case record_type::entry: return "ledger";
    case record_type::boundary:
    case record_type::event: return "boundaries";
    case record_type::agreement:
    case record_type::review: return "agreements";
    case record_type::appreciation: return "appreciations";
    case record_type::repair: return "repairs";
    case record_type::talk: return "talks";
    case record_type::page: return "journal";
  }
  return "ledger";
}

std::optional<file_role> role_of_path(std::string_view relative_path) {
  std::vector<std::string_view> parts;
  std::string_view rest = relative_path;
  while (!rest.empty()) {
    auto slash = rest.find('/');
    parts.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  file_role role;
  if (!parts.empty() && parts[0] == "private") {
    role.is_private = true;
    parts.erase(parts.begin());
  }
  auto stem_of = [](std::string_view file) -> std::optional<std::string_view> {
    if (!file.ends_with(".toml")) return std::nullopt;
    return file.substr(0, file.size() - 5);
  };
  if (parts.size() == 2 && (parts[0] == "boundaries" || parts[0] == "agreements")) {
    auto stem = stem_of(parts[1]);
    if (!stem || !is_valid_name(*stem)) return std::nullopt;
    role.type = parts[0] == "boundaries" ? record_type::boundary : record_type::agreement;
    role.author = std::string(*stem);
    return role;
  }
  if (parts.size() != 3) return std::nullopt;
  // Month files: the one type of each top folder that is not a definition.
  auto month_type = std::find_if(std::begin(all_record_types), std::end(all_record_types), [&](record_type t) {
    return !is_definition(t) && type_dir(t) == parts[0];
  });
  if (month_type == std::end(all_record_types)) return std::nullopt;
  role.type = *month_type;
  if (!is_valid_name(parts[1])) return std::nullopt;
  role.author = std::string(parts[1]);
  auto stem = stem_of(parts[2]);
  if (!stem) return std::nullopt;
  role.month = parse_month(*stem);
  if (!role.month) return std::nullopt;
  return role;
}

std::string path_for(const record& r) {
  std::string prefix = r.is_private ? "private/" : "";
  switch (r.type) {
    case record_type::checkin: return fmt::format("{}checkins/{}/{}.toml", prefix, r.author, month_of(r.at).to_string());
    case record_type::entry: return fmt::format("{}ledger/{}/{}.toml", prefix, r.author, month_of(r.at).to_string());
    case record_type::boundary: return fmt::format("{}boundaries/{}.toml", prefix, r.author);
    case record_type::event: return fmt::format("{}boundaries/{}/{}.toml", prefix, r.author, month_of(r.at).to_string());
    case record_type::agreement: return fmt::format("{}agreements/{}.toml", prefix, r.author);
    case record_type::review: return fmt::format("{}agreements/{}/{}.toml", prefix, r.author, month_of(r.at).to_string());
    case record_type::appreciation:
      return fmt::format("{}appreciations/{}/{}.toml", prefix, r.author, month_of(r.at).to_string());
    case record_type::repair: return fmt::format("{}repairs/{}/{}.toml", prefix, r.author, month_of(r.at).to_string());
    case record_type::talk: return fmt::format("{}talks/{}/{}.toml", prefix, r.author, month_of(r.at).to_string());
    case record_type::page: return fmt::format("{}journal/{}/{}.toml", prefix, r.author, month_of(r.at).to_string());
  }
  return {};
}

namespace {

// A small lexer that knows just enough TOML (strings, comments, brackets, `=`) to count the
// parts of each key and the nesting depth before toml++ sees the text.
class toml_precheck {
 public:
  toml_precheck(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  std::optional<diagnostic> run() {
    for (i_ = 0; i_ < text_.size(); ++i_) {
      char c = text_[i_];
      ++column_;
      if (c == '\0') return at(line_, column_, "file contains a NUL byte");
      if (c == '\n') {
        newline();
        continue;
      }
      if (inside_text(c)) continue;
      bool line_start = at_line_start_;
      if (c != ' ' && c != '\t' && c != '\r') at_line_start_ = false;
      if (line_start && column_ == 1 && conflict_marker())
        return at(line_, column_,
                  "unresolved merge conflict marker: keep the version you want, delete the markers, then run "
                  "`balance check`");
      if (auto problem = structure(c, line_start)) return problem;
    }
    return std::nullopt;
  }

 private:
  enum class state { normal, comment, basic, literal, ml_basic, ml_literal };
  static constexpr std::size_t max_depth = 128;

  diagnostic at(int line, int column, std::string message) const {
    return diagnostic{{path_, line, column}, std::move(message)};
  }

  void newline() {
    ++line_;
    column_ = 0;
    if (st_ == state::comment) st_ = state::normal;
    if (st_ == state::normal && nesting_.empty()) {
      in_key_ = true;
      in_header_ = false;
      dots_ = 0;
    }
    at_line_start_ = true;
  }

  // Skips `n` more characters of the text.
  void skip(std::size_t n) {
    i_ += n;
    column_ += static_cast<int>(n);
  }

  // Inside a comment or a string: consumes `c` (and an escaped character after a backslash).
  bool inside_text(char c) {
    switch (st_) {
      case state::normal: return false;
      case state::comment: return true;
      case state::basic:
        if (c == '\\' && i_ + 1 < text_.size() && text_[i_ + 1] != '\n')
          skip(1);
        else if (c == '"')
          st_ = state::normal;
        return true;
      case state::literal:
        if (c == '\'') st_ = state::normal;
        return true;
      case state::ml_basic:
        if (c == '\\' && i_ + 1 < text_.size() && text_[i_ + 1] != '\n')
          skip(1);
        else if (text_.substr(i_, 3) == "\"\"\"")
          close_multiline('"');
        return true;
      case state::ml_literal:
        if (text_.substr(i_, 3) == "'''") close_multiline('\'');
        return true;
    }
    return true;
  }

  // The closing three quotes of a multi-line string; up to two more belong to the content.
  void close_multiline(char quote) {
    std::size_t run = 3;
    while (i_ + run < text_.size() && text_[i_ + run] == quote && run < 5) ++run;
    skip(run - 1);
    st_ = state::normal;
  }

  bool conflict_marker() const {
    std::string_view rest = text_.substr(i_);
    return rest.starts_with("<<<<<<< ") || rest.starts_with(">>>>>>> ") || rest.starts_with("=======") ||
           rest.starts_with("<<<<<<<\n");
  }

  std::optional<diagnostic> open_value(char bracket) {
    nesting_.push_back(bracket);
    if (nesting_.size() > max_depth) return at(line_, column_, fmt::format("values are nested more than {} deep", max_depth));
    return std::nullopt;
  }

  // Outside strings: comments, string openings, key dots, `=`, brackets and braces.
  std::optional<diagnostic> structure(char c, bool line_start) {
    switch (c) {
      case '#': st_ = state::comment; break;
      case '"':
        st_ = text_.substr(i_, 3) == "\"\"\"" ? state::ml_basic : state::basic;
        if (st_ == state::ml_basic) skip(2);
        break;
      case '\'':
        st_ = text_.substr(i_, 3) == "'''" ? state::ml_literal : state::literal;
        if (st_ == state::ml_literal) skip(2);
        break;
      case '.': return key_dot();
      case '=':
        if (in_key_) {
          in_key_ = false;
          dots_ = 0;
        }
        break;
      case '[':
        if (line_start && nesting_.empty() && in_key_) {
          in_header_ = true;
          dots_ = 0;
        } else if (!in_header_) {
          return open_value('[');
        }
        break;
      case '{':
        in_key_ = true;
        dots_ = 0;
        return open_value('{');
      case ',':
        if (!nesting_.empty() && nesting_.back() == '{') {
          in_key_ = true;
          dots_ = 0;
        }
        break;
      case ']': close_bracket(); break;
      case '}':
        if (!nesting_.empty()) nesting_.pop_back();
        in_key_ = false;
        break;
      default: break;
    }
    return std::nullopt;
  }

  std::optional<diagnostic> key_dot() {
    if (!in_key_ && !in_header_) return std::nullopt;
    if (dots_ == 0) {
      key_line_ = line_;
      key_column_ = column_;
    }
    if (++dots_ >= max_key_parts)
      return at(key_line_, key_column_, fmt::format("key has more than {} dotted parts", max_key_parts));
    return std::nullopt;
  }

  void close_bracket() {
    if (in_header_) {
      if (i_ + 1 < text_.size() && text_[i_ + 1] == ']') skip(1);
      in_header_ = false;
      in_key_ = false;
    } else if (!nesting_.empty()) {
      nesting_.pop_back();
    }
  }

  std::string_view text_;
  const std::string& path_;
  std::size_t i_ = 0;
  state st_ = state::normal;
  int line_ = 1, column_ = 0;
  bool at_line_start_ = true;  // only whitespace so far on this line (outside a value)
  bool in_key_ = true;         // reading a key (before `=`) or a table header
  bool in_header_ = false;
  std::size_t dots_ = 0;
  int key_line_ = 1, key_column_ = 1;
  std::vector<char> nesting_;  // '[' or '{' of open values
};

}  // namespace

std::optional<diagnostic> precheck_toml(std::string_view text, const std::string& path) {
  if (text.size() > max_file_size)
    return diagnostic{{path, 0, 0}, fmt::format("file is larger than {} MiB", max_file_size / (1024 * 1024))};
  return toml_precheck(text, path).run();
}

namespace {

// Marks every table inside a value inline, so the formatter writes it on one line.
void make_inline(toml::node& n) {
  if (auto* t = n.as_table()) {
    t->is_inline(true);
    for (auto&& [k, v] : *t) make_inline(v);
  } else if (auto* a = n.as_array()) {
    for (auto& v : *a) make_inline(v);
  }
}

struct record_reader {
  const std::string& path;
  const read_options& opts;
  parsed_file& out;

  void problem(const toml::node& at, std::string message) { out.problems.push_back({position_of(at, path), std::move(message)}); }

  std::optional<timestamp> read_datetime(const toml::node& n, std::string_view key) {
    const auto* dt = n.as_date_time();
    if (!dt) {
      if (n.is_date())
        problem(n, fmt::format("{} needs a time and an offset, like 2026-11-22T19:30:00+01:00", key));
      else
        problem(n, fmt::format("{} must be a date-time, not {}", key, describe_type(n)));
      return std::nullopt;
    }
    const toml::date_time& v = dt->get();
    auto ymd = date::year(v.date.year) / date::month(v.date.month) / date::day(v.date.day);
    if (!ymd.ok()) {
      problem(n, fmt::format("{}: {:04}-{:02}-{:02} is not a real date", key, v.date.year, v.date.month, v.date.day));
      return std::nullopt;
    }
    auto since_midnight = std::chrono::hours(v.time.hour) + std::chrono::minutes(v.time.minute) +
                          std::chrono::seconds(v.time.second);
    auto local = local_seconds{date::local_days(ymd).time_since_epoch()} + since_midnight;
    if (v.offset) {
      std::chrono::minutes off(v.offset->minutes);
      if (!valid_offset(off)) {
        problem(n, fmt::format("{}: offset {:+03}:{:02} is out of range (±14:00 at most)", key, off.count() / 60,
                               std::abs(off.count() % 60)));
        return std::nullopt;
      }
      return timestamp{sys_seconds{local.time_since_epoch() - off}, off};
    }
    // A hand-written local time: read it in the repository's zone, never the reader's.
    const zone& z = opts.data_zone ? *opts.data_zone : zone_utc();
    try {
      return z.at(z.to_sys(local));
    } catch (const error& e) {
      problem(n, fmt::format("{}: {}", key, e.what()));
      return std::nullopt;
    }
  }

  static const zone& zone_utc() {
    static const zone z = zone::utc();
    return z;
  }

  // One record as it is read: the fields so far, and what must be put in order or skipped later.
  struct record_draft {
    record r;
    std::vector<std::pair<toml::source_position, extra_field>> extras;
    std::vector<std::pair<std::size_t, rating>> ratings;  // dimension index, rating
    std::set<std::string> bad_keys;                         // keys whose value had the wrong type
  };

  void bad(record_draft& d, const std::string& key, const toml::node& at, std::string message) {
    d.bad_keys.insert(key);
    problem(at, std::move(message));
  }

  // Import only: where a listed record came from (`list --format toml` marks private ones).
  void read_origin(record& r, const std::string& k, const toml::node& node) {
    if (k == "private") {
      if (auto b = node.value_exact<bool>())
        r.is_private = *b;
      else
        problem(node, fmt::format("private must be true or false, not {}", describe_type(node)));
    } else if (auto s = node.value_exact<std::string>()) {
      r.author = *s;
    } else {
      problem(node, fmt::format("author must be a string, not {}", describe_type(node)));
    }
  }

  static std::string extra_value_text(const toml::node& node) {
    std::ostringstream value;
    if (node.is_table()) {
      // A sub-table or dotted key must come back as one `key = { … }` line: a block form
      // would break the record's other lines when it is rewritten.
      toml::table copy = *node.as_table();
      make_inline(copy);
      value << toml::toml_formatter(copy, toml::format_flags::allow_unicode_strings);
    } else if (node.is_array()) {
      toml::array copy = *node.as_array();
      make_inline(copy);
      value << toml::toml_formatter(copy, toml::format_flags::allow_unicode_strings);
    } else
      node.visit([&](const auto& v) { value << toml::toml_formatter(v, toml::format_flags::allow_unicode_strings); });
    return value.str();
  }

  void read_whole_number(record_draft& d, const std::string& k, const toml::node& node, value_kind kind) {
    const settings& cfg = *opts.cfg;
    auto v = node.value_exact<std::int64_t>();
    if (!v) {
      bad(d, k, node, fmt::format("{} must be a whole number, not {}", k, describe_type(node)));
      return;
    }
    if (kind == value_kind::rating && k != "mood" && k != "safe") {
      std::size_t index = cfg.dimensions.size();
      for (std::size_t i = 0; i < cfg.dimensions.size(); ++i)
        if (cfg.dimensions[i].key == k) index = i;
      d.ratings.push_back({index, {k, static_cast<int>(std::clamp<std::int64_t>(*v, -1000000, 1000000))}});
    } else {
      set_field(d.r, k, *v, cfg);
    }
  }

  void read_names(record_draft& d, const std::string& k, const toml::node& node) {
    const auto* arr = node.as_array();
    if (!arr) {
      bad(d, k, node, fmt::format("{} must be an array of names, not {}", k, describe_type(node)));
      return;
    }
    std::vector<std::string> names;
    for (const auto& el : *arr) {
      if (auto s = el.value_exact<std::string>())
        names.push_back(*s);
      else
        bad(d, k, el, fmt::format("{} must hold strings, not {}", k, describe_type(el)));
    }
    set_field(d.r, k, std::move(names), *opts.cfg);
  }

  // A talk's `minutes = { alex = 6.5, sam = 5 }`, in the order written.
  void read_minutes(record_draft& d, const std::string& k, const toml::node& node) {
    const auto* tbl = node.as_table();
    if (!tbl) {
      bad(d, k, node, fmt::format("{} must be a table of minutes per person, like {{ alex = 6.5, sam = 5 }}, not {}", k,
                                  describe_type(node)));
      return;
    }
    std::vector<std::pair<toml::source_position, person_minutes>> spoke;
    for (const auto& [name, value] : *tbl) {
      auto v = value.value_exact<double>();
      if (auto whole = value.value_exact<std::int64_t>()) v = static_cast<double>(*whole);
      if (!v) {
        bad(d, k, value, fmt::format("{} for {} must be a number, not {}", k, name.str(), describe_type(value)));
        return;
      }
      spoke.push_back({name.source().begin, {std::string(name.str()), *v}});
    }
    std::sort(spoke.begin(), spoke.end(), [](const auto& a, const auto& b) {
      return a.first.line != b.first.line ? a.first.line < b.first.line : a.first.column < b.first.column;
    });
    std::vector<person_minutes> in_order;
    for (auto& [pos, m] : spoke) in_order.push_back(std::move(m));
    set_field(d.r, k, std::move(in_order), *opts.cfg);
  }

  void read_known(record_draft& d, const std::string& k, const toml::node& node, value_kind kind) {
    const settings& cfg = *opts.cfg;
    switch (kind) {
      case value_kind::text:
        if (auto s = node.value_exact<std::string>())
          set_field(d.r, k, *s, cfg);
        else
          bad(d, k, node, fmt::format("{} must be a string, not {}", k, describe_type(node)));
        break;
      case value_kind::integer:
      case value_kind::rating:
        read_whole_number(d, k, node, kind);
        break;
      case value_kind::number:
        if (auto v = node.value_exact<double>())
          set_field(d.r, k, *v, cfg);
        else if (auto i = node.value_exact<std::int64_t>())
          set_field(d.r, k, *i, cfg);
        else
          bad(d, k, node, fmt::format("{} must be a number, not {}", k, describe_type(node)));
        break;
      case value_kind::datetime:
        if (auto t = read_datetime(node, k))
          set_field(d.r, k, *t, cfg);
        else
          d.bad_keys.insert(k);
        break;
      case value_kind::names:
        read_names(d, k, node);
        break;
      case value_kind::boolean:
        if (auto b = node.value_exact<bool>())
          set_field(d.r, k, *b, cfg);
        else
          bad(d, k, node, fmt::format("{} must be true or false, not {}", k, describe_type(node)));
        break;
      case value_kind::minutes_by_person:
        read_minutes(d, k, node);
        break;
    }
  }

  void read_keys(record_draft& d, const toml::table& tbl, const file_role* role) {
    for (const auto& [key, node] : tbl) {
      std::string k(key.str());
      if (!role && (k == "private" || k == "author")) {
        read_origin(d.r, k, node);
        continue;
      }
      auto kind = key_kind(d.r.type, k, *opts.cfg);
      if (!kind && d.r.type == record_type::checkin && node.is_integer() && is_valid_name(k)) kind = value_kind::rating;
      if (kind)
        read_known(d, k, node, *kind);
      else
        d.extras.push_back({key.source().begin, {k, extra_value_text(node)}});
    }
  }

  // toml++ forgets key order: keep ratings in the settings' order, and extras in file order.
  static void restore_order(record_draft& d) {
    std::stable_sort(d.ratings.begin(), d.ratings.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [index, rt] : d.ratings) d.r.ratings.push_back(std::move(rt));
    std::sort(d.extras.begin(), d.extras.end(), [](const auto& a, const auto& b) {
      return a.first.line != b.first.line ? a.first.line < b.first.line : a.first.column < b.first.column;
    });
    for (auto& [pos, x] : d.extras) d.r.extra.push_back(std::move(x));
  }

  // Validation reports by key; point at the key's value, or the header for the whole record.
  // A field that already has a problem (a wrong type) gets no second one.
  void report_validation(const record_draft& d, const toml::table& tbl) {
    const record& r = d.r;
    validation_context ctx{opts.cfg, opts.strict, opts.id_optional};
    for (auto& p : validate(r, ctx)) {
      if (d.bad_keys.count(p.key) || (p.key.empty() && !d.bad_keys.empty())) continue;
      if (p.key == "id" && !tbl.get("id")) p.message = "id is required";
      bool is_extra = std::any_of(r.extra.begin(), r.extra.end(), [&](const extra_field& x) { return x.key == p.key; });
      const toml::node* at = p.key.empty() || is_extra ? nullptr : tbl.get(p.key);
      position where = position_of(at ? *at : static_cast<const toml::node&>(tbl), path);
      if (is_extra) {
        // An unknown key: point at the key itself.
        for (const auto& [key, node] : tbl)
          if (key.str() == p.key) where = position_of(key.source().begin, path);
      }
      (p.warning ? out.warnings : out.problems).push_back({where, std::move(p.message)});
    }
  }

  // Reads one `[[type]]` table into a record; problems go to `out`.
  record read(const toml::table& tbl, record_type type, const file_role* role) {
    record_draft d;
    record& r = d.r;
    r.type = type;
    r.line = static_cast<int>(tbl.source().begin.line);
    if (role) {
      r.author = role->author;
      r.is_private = role->is_private;
      r.path = path;
    }
    std::size_t problems_before = out.problems.size();
    read_keys(d, tbl, role);
    restore_order(d);

    if (opts.defaults) fill_defaults(r, *opts.defaults, tbl.get("at") != nullptr);
    if (!tbl.get("at") && !(opts.defaults && opts.defaults->at) && out.problems.size() == problems_before)
      problem(tbl, "at is required");

    report_validation(d, tbl);
    if (out.problems.size() > problems_before) return std::move(d.r);

    if (role) {
      if (role->month && month_of(r.at) != *role->month) {
        record moved = r;
        problem(*tbl.get("at"), fmt::format("at {} belongs in {}, not in this file", format_timestamp(r.at), path_for(moved)));
      }
    }
    return std::move(d.r);
  }
};

std::size_t last_line_of(const toml::node& n) {
  std::size_t last = n.source().end.line;
  if (const auto* t = n.as_table()) {
    for (const auto& [k, v] : *t) last = std::max(last, last_line_of(v));
  } else if (const auto* a = n.as_array()) {
    for (const auto& v : *a) last = std::max(last, last_line_of(v));
  }
  return last;
}

bool is_blank(std::string_view line) { return trim(line).empty(); }
bool is_comment(std::string_view line) {
  auto t = trim(line);
  return !t.empty() && t.front() == '#';
}

// Splits text into lines, each keeping its terminator.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

struct found_table {
  const toml::table* tbl;
  record_type type;
};

// The file's record tables in file order; top-level keys that are not record tables are problems.
std::vector<found_table> record_tables(const toml::table& parsed, const std::string& path, const file_role* role,
                                       parsed_file& out) {
  std::vector<found_table> tables;
  for (const auto& [key, node] : parsed) {
    std::string k(key.str());
    auto type = parse_record_type(k);
    if (role && type != role->type) {
      std::string expected(type_name(role->type));
      out.problems.push_back({position_of(key.source().begin, path),
                              fmt::format("unexpected \"{}\" in a file of [[{}]] records", k, expected)});
      continue;
    }
    if (!type) {
      std::vector<std::string> names;
      for (auto t : all_record_types) names.emplace_back(type_name(t));
      out.problems.push_back({position_of(key.source().begin, path),
                              fmt::format("unexpected \"{}\": records are [[checkin]], [[entry]], [[boundary]], [[event]], "
                                          "[[agreement]], [[review]], [[appreciation]], [[repair]], [[talk]] or [[page]]{}",
                                          k, did_you_mean(k, names))});
      continue;
    }
    const auto* arr = node.as_array();
    if (!arr || !arr->is_array_of_tables()) {
      out.problems.push_back({position_of(node, path), fmt::format("write records as [[{}]] tables", k)});
      continue;
    }
    for (const auto& el : *arr) {
      const auto* tbl = el.as_table();
      if (tbl->is_inline()) {
        out.problems.push_back({position_of(el, path), fmt::format("write each record as its own [[{}]] table", k)});
        continue;
      }
      tables.push_back({tbl, *type});
    }
  }
  std::sort(tables.begin(), tables.end(), [](const found_table& a, const found_table& b) {
    return a.tbl->source().begin.line < b.tbl->source().begin.line;
  });
  return tables;
}

record_span span_of(const toml::table& tbl, const std::vector<std::string_view>& lines, const parsed_file& out) {
  record_span span;
  span.header_line = tbl.source().begin.line - 1;
  span.last_line = std::max(span.header_line, last_line_of(tbl) - 1);
  span.first_line = span.header_line;
  if (!out.spans.empty()) {
    // Comment lines directly above a header (no blank line between) belong to that record.
    std::size_t previous_last = out.spans.back().last_line;
    while (span.first_line > previous_last + 1 && span.first_line - 1 < lines.size() &&
           is_comment(lines[span.first_line - 1]))
      --span.first_line;
  }
  return span;
}

parsed_file parse_impl(std::string_view text, const std::string& path, const file_role* role, const read_options& opts) {
  parsed_file out;
  diagnostic problem;
  auto parsed = detail::parse_toml(text, path, problem);
  if (!parsed) {
    out.problems.push_back(problem);
    return out;
  }
  record_reader reader{path, opts, out};
  auto tables = record_tables(*parsed, path, role, out);
  auto lines = split_lines(text);
  std::map<std::string, std::size_t> seen;  // id -> line
  for (const auto& found : tables) {
    const auto& tbl = *found.tbl;
    record r = reader.read(tbl, found.type, role);
    record_span span = span_of(tbl, lines, out);
    if (!r.id.empty() && !opts.repeated_ids) {
      auto [it, inserted] = seen.emplace(r.id, tbl.source().begin.line);
      if (!inserted) {
        const toml::node* id_node = tbl.get("id");
        out.problems.push_back({position_of(*id_node, path),
                                fmt::format("id {} appears twice in this file (first at line {})", r.id, it->second)});
      }
    }
    out.records.push_back(std::move(r));
    out.spans.push_back(span);
  }
  return out;
}

}  // namespace

parsed_file parse_record_file(std::string_view text, const std::string& path, const file_role& role,
                              const read_options& opts) {
  return parse_impl(text, path, &role, opts);
}

parsed_file parse_record_text(std::string_view text, const std::string& source_name, const read_options& opts) {
  return parse_impl(text, source_name, nullptr, opts);
}

namespace {

bool is_bare_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string toml_key(const std::string& key) { return is_bare_key(key) ? key : detail::toml_quote(key); }

std::string toml_value(const field_value& v) {
  struct visitor {
    std::string operator()(std::monostate) const { return "\"\""; }
    std::string operator()(const std::string& s) const { return detail::toml_quote(s); }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      std::string s = fmt::format("{}", d);
      return s;
    }
    std::string operator()(const timestamp& t) const { return format_timestamp(t); }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const std::vector<std::string>& names) const {
      std::string out = "[";
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) out += ", ";
        out += detail::toml_quote(names[i]);
      }
      return out + "]";
    }
    std::string operator()(const std::vector<person_minutes>& spoke) const {
      std::string out = "{";
      for (std::size_t i = 0; i < spoke.size(); ++i)
        out += fmt::format("{} {} = {}", i ? "," : "", toml_key(spoke[i].who), fmt::format("{}", spoke[i].minutes));
      return out + " }";
    }
  };
  return std::visit(visitor{}, v);
}

}  // namespace

std::string record_to_toml(const record& r) {
  std::string out = fmt::format("[[{}]]\n", type_name(r.type));
  for (const auto& f : fields_of(r)) {
    // A page's text of several lines is written as it reads, so a person can edit it in the file.
    bool multiline = r.type == record_type::page && f.key == "text" && r.text.find('\n') != std::string::npos;
    out += fmt::format("{} = {}\n", f.key, multiline ? detail::toml_multiline_quote(r.text) : toml_value(f.value));
  }
  for (const auto& x : r.extra)
    out += fmt::format("{} = {}\n", toml_key(x.key), x.toml);
  return out;
}

std::string record_fields_text(const record& r, std::string_view comment) {
  std::string out;
  std::size_t start = 0;
  while (start < comment.size()) {
    std::size_t nl = comment.find('\n', start);
    std::string_view line = comment.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    out += line.empty() ? "#\n" : fmt::format("# {}\n", line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  if (!out.empty()) out += "\n";
  std::string body = record_to_toml(r);
  return out + body.substr(body.find('\n') + 1);
}

record read_record_fields(std::string_view text, const std::string& buffer_name, const record& base,
                          const read_options& opts) {
  // First as a plain table, to learn which identity keys the buffer names.
  diagnostic problem;
  auto table = detail::parse_toml(text, buffer_name, problem);
  if (!table) throw error(errc::data, problem);
  for (const auto& [key, node] : *table)
    if (node.is_table() && !node.as_table()->is_inline())
      throw error(errc::data, diagnostic{position_of(key.source().begin, buffer_name),
                                         "an edit buffer holds the fields of one record, not tables"});
  // Then as one record: a header line before the text (positions are shifted back), and the
  // identity keys it leaves out appended after it.
  std::string tail;
  if (!table->get("id") && !base.id.empty()) tail += fmt::format("id = {}\n", detail::toml_quote(base.id));
  if (!table->get("at")) tail += fmt::format("at = {}\n", format_timestamp(base.at));
  if (!table->get("who") && !base.who.empty()) tail += fmt::format("who = {}\n", detail::toml_quote(base.who));
  // A private record's buffer may hold `safe`: say it is private before the fields are checked.
  if (base.is_private && !table->get("private")) tail += "private = true\n";
  std::string body = fmt::format("[[{}]]\n", type_name(base.type));
  body.append(text);
  if (!body.ends_with('\n')) body += '\n';
  body += tail;
  read_options o = opts;
  o.id_optional = o.id_optional || base.id.empty();
  parsed_file parsed = parse_impl(body, buffer_name, nullptr, o);
  for (auto& p : parsed.problems)
    if (p.where.line > 1) --p.where.line;
  if (!parsed.problems.empty()) throw error(errc::data, std::move(parsed.problems));
  record r = std::move(parsed.records.at(0));
  r.author = base.author;
  r.is_private = base.is_private;
  r.path = base.path;
  r.line = base.line;
  // Rules that need the author (a check-in's who, safe only when private).
  validation_context ctx{opts.cfg, opts.strict, o.id_optional};
  std::vector<diagnostic> late;
  for (const auto& p : validate(r, ctx))
    if (!p.warning) late.push_back({{buffer_name, 0, 0}, p.message});
  if (!late.empty()) throw error(errc::data, std::move(late));
  return r;
}

namespace {

constexpr std::string_view bom = "\xEF\xBB\xBF";

// The text of a file split for editing: BOM aside, lines with their terminators, the line ending
// new text should use.
struct editable {
  bool has_bom = false;
  std::vector<std::string> lines;
  std::string eol = "\n";

  explicit editable(std::string_view text) {
    if (text.starts_with(bom)) {
      has_bom = true;
      text.remove_prefix(bom.size());
    }
    for (auto l : split_lines(text)) lines.emplace_back(l);
    if (!lines.empty() && lines.front().ends_with("\r\n")) eol = "\r\n";
  }

  std::string block(const record& r) const {
    std::string text = record_to_toml(r);
    if (eol == "\n") return text;
    std::string out;
    for (char c : text) {
      if (c == '\n') out += '\r';
      out += c;
    }
    return out;
  }

  void ensure_terminated() {
    if (!lines.empty() && !lines.back().ends_with('\n')) lines.back() += eol;
  }

  std::string str() const {
    std::string out = has_bom ? std::string(bom) : std::string();
    for (const auto& l : lines) out += l;
    return out;
  }
};

}  // namespace

std::string splice_insert(std::string_view text, const parsed_file& file, std::vector<record> added) {
  editable e(text);
  std::sort(added.begin(), added.end(), record_less);
  // Where each new record goes: before the first existing record (in file order) that sorts after
  // it. Files are normally sorted, so the existing records are walked once alongside.
  std::vector<std::vector<std::size_t>> before(file.records.size() + 1);
  bool sorted = std::is_sorted(file.records.begin(), file.records.end(), record_less);
  std::size_t cursor = 0;
  for (std::size_t a = 0; a < added.size(); ++a) {
    std::size_t slot = file.records.size();
    if (sorted) {
      while (cursor < file.records.size() && !record_less(added[a], file.records[cursor])) ++cursor;
      slot = cursor;
    } else {
      for (std::size_t i = 0; i < file.records.size(); ++i)
        if (record_less(added[a], file.records[i])) {
          slot = i;
          break;
        }
    }
    before[slot].push_back(a);
  }

  std::vector<std::string> out;
  out.reserve(e.lines.size() + added.size() * 2);
  std::size_t line = 0;
  for (std::size_t i = 0; i <= file.records.size(); ++i) {
    if (before[i].empty()) continue;
    if (i < file.records.size()) {
      std::size_t at = file.spans[i].first_line;
      for (; line < at; ++line) out.push_back(std::move(e.lines[line]));
      for (std::size_t a : before[i]) {
        if (!out.empty() && !is_blank(out.back())) out.push_back(e.eol);
        out.push_back(e.block(added[a]));
        out.push_back(e.eol);
      }
    } else {
      for (; line < e.lines.size(); ++line) out.push_back(std::move(e.lines[line]));
      for (std::size_t a : before[i]) {
        if (!out.empty() && !out.back().ends_with('\n')) out.back() += e.eol;
        if (!out.empty() && !is_blank(out.back())) out.push_back(e.eol);
        out.push_back(e.block(added[a]));
      }
    }
  }
  for (; line < e.lines.size(); ++line) out.push_back(std::move(e.lines[line]));
  e.lines = std::move(out);
  return e.str();
}

std::string splice_replace(std::string_view text, const parsed_file& file, std::size_t index, const record& r) {
  editable e(text);
  const auto& span = file.spans.at(index);
  std::string block = e.block(r);
  auto first = e.lines.begin() + static_cast<std::ptrdiff_t>(span.header_line);
  auto last = e.lines.begin() + static_cast<std::ptrdiff_t>(std::min(span.last_line + 1, e.lines.size()));
  e.lines.erase(first, last);
  e.lines.insert(e.lines.begin() + static_cast<std::ptrdiff_t>(span.header_line), block);
  return e.str();
}

std::string splice_remove(std::string_view text, const parsed_file& file, std::size_t index) {
  editable e(text);
  const auto& span = file.spans.at(index);
  std::size_t lo = span.first_line;
  std::size_t hi = std::min(span.last_line + 1, e.lines.size());
  while (hi < e.lines.size() && is_blank(e.lines[hi])) ++hi;
  if (hi == e.lines.size()) {
    // The last record: take the blank lines that separated it from what came before.
    while (lo > 0 && is_blank(e.lines[lo - 1])) --lo;
  }
  e.lines.erase(e.lines.begin() + static_cast<std::ptrdiff_t>(lo), e.lines.begin() + static_cast<std::ptrdiff_t>(hi));
  return e.str();
}

}  // namespace balance
