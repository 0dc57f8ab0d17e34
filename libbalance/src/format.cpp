#include "balance/format.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "balance/error.hpp"
#include "balance/record_file.hpp"
#include "balance/settings.hpp"
#include "balance/text.hpp"

namespace balance {

std::string_view format_name(format f) noexcept {
  switch (f) {
    case format::text: return "text";
    case format::json: return "json";
    case format::toml: return "toml";
    case format::csv: return "csv";
    case format::tsv: return "tsv";
    case format::markdown: return "markdown";
    case format::ledger: return "ledger";
  }
  return "text";
}

format parse_format(std::string_view text, const std::vector<format>& allowed) {
  std::vector<std::string> names;
  for (auto f : allowed) {
    if (format_name(f) == text) return f;
    names.emplace_back(format_name(f));
  }
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  throw_usage(fmt::format("--format {}: use one of {}{}", escape_for_terminal(text), list, did_you_mean(text, names)));
}

namespace {

using ordered_json = nlohmann::ordered_json;

ordered_json json_value(const field_value& v) {
  struct visitor {
    ordered_json operator()(std::monostate) const { return nullptr; }
    ordered_json operator()(const std::string& s) const { return s; }
    ordered_json operator()(std::int64_t i) const { return i; }
    ordered_json operator()(double d) const { return d; }
    ordered_json operator()(const timestamp& t) const { return format_timestamp(t); }
    ordered_json operator()(const std::vector<std::string>& names) const { return names; }
  };
  return std::visit(visitor{}, v);
}

// Lists for scripts spell out an entry's default weight (1): a blank cell or a missing key would
// make every consumer know the default.
record with_defaults(const record& r) {
  record copy = r;
  if (copy.type == record_type::entry && !copy.weight) copy.weight = copy.weight_or_default();
  return copy;
}

ordered_json to_json_object(const record& r) {
  ordered_json obj = ordered_json::object();
  obj["type"] = std::string(type_name(r.type));
  for (const auto& f : fields_of(with_defaults(r))) obj[f.key] = json_value(f.value);
  obj["author"] = r.author;
  obj["private"] = r.is_private;
  return obj;
}

std::string short_id(const std::string& id) { return id.substr(0, 7); }

std::string when_text(const timestamp& t) {
  std::string full = format_timestamp(t);  // 2026-11-22T19:30:00+01:00
  return full.substr(0, 10) + " " + full.substr(11, 5);
}

std::string number_text(double d) { return fmt::format("{}", d); }

class json_writer : public record_writer {
 public:
  explicit json_writer(sink& out) : out_(out) {}
  void write(const record& r) override {
    out_.write(first_ ? "[\n  " : ",\n  ");
    first_ = false;
    out_.write(to_json_object(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  void finish() override { out_.write(first_ ? "[]\n" : "\n]\n"); }

 private:
  sink& out_;
  bool first_ = true;
};

class toml_writer : public record_writer {
 public:
  explicit toml_writer(sink& out) : out_(out) {}
  void write(const record& r) override {
    if (!first_) out_.write("\n");
    first_ = false;
    out_.write(record_to_toml(r));
    // Kept so that piping a list into `add --from -` keeps who wrote it, and private records private.
    if (!r.author.empty() && r.type != record_type::checkin && r.type != record_type::boundary)
      out_.write(fmt::format("author = {}\n", json_string(r.author)));
    if (r.is_private) out_.write("private = true\n");
  }
  void finish() override {}

 private:
  sink& out_;
  bool first_ = true;
};

std::string csv_quote(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string tsv_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

std::string cell_text(const field_value& v) {
  struct visitor {
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return number_text(d); }
    std::string operator()(const timestamp& t) const { return format_timestamp(t); }
    std::string operator()(const std::vector<std::string>& names) const {
      std::string out;
      for (const auto& n : names) out += (out.empty() ? "" : " ") + n;
      return out;
    }
  };
  return std::visit(visitor{}, v);
}

// csv and tsv: a header of the type's canonical keys, then author and private.
class table_writer : public record_writer {
 public:
  table_writer(sink& out, record_type type, const settings& cfg, bool tsv) : out_(out), tsv_(tsv) {
    keys_ = canonical_keys(type, cfg);
    keys_.emplace_back("author");
    keys_.emplace_back("private");
    line(keys_);
  }
  void write(const record& r) override {
    std::vector<std::string> cells(keys_.size());
    for (const auto& f : fields_of(with_defaults(r))) {
      auto it = std::find(keys_.begin(), keys_.end(), f.key);
      if (it != keys_.end()) cells[static_cast<std::size_t>(it - keys_.begin())] = cell_text(f.value);
    }
    cells[keys_.size() - 2] = r.author;
    cells[keys_.size() - 1] = r.is_private ? "true" : "false";
    line(cells);
  }
  void finish() override {}

 private:
  void line(const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) text += tsv_ ? "\t" : ",";
      text += tsv_ ? tsv_escape(cells[i]) : csv_quote(cells[i]);
    }
    text += tsv_ ? "\n" : "\r\n";
    out_.write(text);
  }
  sink& out_;
  bool tsv_;
  std::vector<std::string> keys_;
};

class text_writer : public record_writer {
 public:
  text_writer(sink& out, record_type type, const writer_options& opts) : out_(out), type_(type), opts_(opts) {
    switch (type) {
      case record_type::checkin:
        table_.add_column("ID");
        table_.add_column("WHEN");
        table_.add_column("WHO");
        for (const auto& d : opts.cfg->dimensions) {
          std::string title = ascii_lower(d.key).substr(0, 6);
          for (auto& c : title) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
          table_.add_column(title, align::right);
        }
        table_.add_column("MOOD", align::right);
        table_.add_column("FEELING / NOTE", align::left, true);
        break;
      case record_type::entry:
        table_.add_column("ID");
        table_.add_column("WHEN");
        table_.add_column("WHO");
        table_.add_column("KIND");
        table_.add_column("WHAT", align::left, true);
        table_.add_column("TOPIC");
        table_.add_column("WEIGHT", align::right);
        table_.add_column("MIN", align::right);
        break;
      case record_type::boundary:
        table_.add_column("ID");
        table_.add_column("SINCE");
        table_.add_column("OWNER");
        table_.add_column("REVIEW");
        table_.add_column("STATUS");
        table_.add_column("TEXT", align::left, true);
        break;
      case record_type::event:
        table_.add_column("ID");
        table_.add_column("WHEN");
        table_.add_column("KIND");
        table_.add_column("WHO");
        table_.add_column("BOUNDARY");
        table_.add_column("NOTE", align::left, true);
        break;
    }
  }

  void write(const record& r) override {
    std::string id = short_id(r.id);
    // Private records show only in the private view (--mine, or show of my own), always marked.
    auto marked = [&](const std::string& words) { return r.is_private ? "(private) " + words : words; };
    switch (type_) {
      case record_type::checkin: {
        std::vector<std::string> row = {id, when_text(r.at), r.who};
        for (const auto& d : opts_.cfg->dimensions) {
          auto v = r.rating_of(d.key);
          row.push_back(v ? std::to_string(*v) : "-");
        }
        row.push_back(r.mood ? std::to_string(*r.mood) : "-");
        std::string words = !r.feeling.empty() ? r.feeling : !r.note.empty() ? r.note : !r.need.empty() ? r.need : r.thanks;
        row.push_back(marked(words));
        table_.add_row(std::move(row));
        break;
      }
      case record_type::entry:
        table_.add_row({id, when_text(r.at), r.who, r.kind, marked(r.what), r.topic.empty() ? "-" : r.topic,
                        number_text(r.weight_or_default()), r.minutes ? std::to_string(*r.minutes) : "-"});
        break;
      case record_type::boundary:
        table_.add_row({id, format_date(r.at), r.who, r.review.empty() ? "-" : r.review,
                        r.status.empty() ? "active" : r.status, marked(r.text)});
        break;
      case record_type::event:
        table_.add_row({id, when_text(r.at), r.kind, r.who, r.boundary.empty() ? "-" : short_id(r.boundary),
                        marked(r.kind == "space" && r.minutes ? fmt::format("({} min) {}", *r.minutes, r.note) : r.note)});
        break;
    }
  }

  void finish() override {
    if (!table_.empty()) table_.render(out_, opts_.width, opts_.st);
  }

 private:
  sink& out_;
  record_type type_;
  writer_options opts_;
  text_table table_;
};

}  // namespace

std::unique_ptr<record_writer> make_record_writer(format f, record_type type, sink& out, const writer_options& opts) {
  switch (f) {
    case format::json: return std::make_unique<json_writer>(out);
    case format::toml: return std::make_unique<toml_writer>(out);
    case format::csv: return std::make_unique<table_writer>(out, type, *opts.cfg, false);
    case format::tsv: return std::make_unique<table_writer>(out, type, *opts.cfg, true);
    case format::text:
    case format::markdown:
    case format::ledger: return std::make_unique<text_writer>(out, type, opts);
  }
  return std::make_unique<text_writer>(out, type, opts);
}

std::string json_string(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string record_label(const record& r) {
  std::string id = short_id(r.id);
  switch (r.type) {
    case record_type::checkin: return fmt::format("check-in {} ({}{})", id, r.who, r.is_private ? ", private" : "");
    case record_type::entry: return fmt::format("entry {} ({}, {}{})", id, r.kind, r.who, r.is_private ? ", private" : "");
    case record_type::boundary: return fmt::format("boundary {} ({}{})", id, r.who, r.is_private ? ", private" : "");
    case record_type::event: return fmt::format("event {} ({}, {}{})", id, r.kind, r.who, r.is_private ? ", private" : "");
  }
  return id;
}

std::string record_to_json(const record& r) {
  return to_json_object(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

void write_record_details(const record& r, sink& out, const style& st) {
  out.write(st.bold(fmt::format("{} {}", type_name(r.type), r.id)));
  out.write(st.dim(fmt::format("  ({}{})", r.path, r.is_private ? ", private" : "")));
  out.write("\n");
  std::size_t key_width = 0;
  auto fields = fields_of(r);
  for (const auto& f : fields) key_width = std::max(key_width, f.key.size());
  for (const auto& x : r.extra) key_width = std::max(key_width, x.key.size());
  for (const auto& f : fields) {
    if (f.key == "id") continue;
    std::string value = escape_for_terminal(cell_text(f.value));
    // Continuation lines of a multi-line note line up under the value.
    std::string indented;
    for (char c : value) {
      indented += c;
      if (c == '\n') indented += std::string(key_width + 2, ' ');
    }
    out.write(fmt::format("{:<{}}  {}\n", f.key, key_width, indented));
  }
  for (const auto& x : r.extra) out.write(fmt::format("{:<{}}  {}\n", x.key, key_width, escape_for_terminal(x.toml)));
}

namespace {

struct line_col {
  int line = 1;
  int column = 1;
};

line_col locate(std::string_view text, std::size_t offset) {
  line_col lc;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      lc.column = 1;
    } else {
      ++lc.column;
    }
  }
  return lc;
}

void add_validation(std::vector<diagnostic>& problems, const record& r, const settings& cfg, const position& where,
                    std::string_view prefix) {
  validation_context ctx{&cfg, false, true};
  for (const auto& p : validate(r, ctx))
    if (!p.warning) problems.push_back({where, fmt::format("{}{}", prefix, p.message)});
}

// Boundaries come with their events: `balance-boundaries add --from` takes both.
bool importable(record_type command, record_type t) {
  return t == command || (command == record_type::boundary && t == record_type::event);
}

std::vector<record> read_json(std::string_view text, const std::string& source, std::optional<record_type> expected,
                              const settings& cfg, const record_defaults* defaults) {
  ordered_json doc;
  try {
    doc = ordered_json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    auto lc = locate(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string message = e.what();
    if (auto cut = message.find("parse error"); cut != std::string::npos) message = message.substr(cut);
    throw error(errc::data, diagnostic{{source, lc.line, lc.column}, "invalid JSON: " + message});
  } catch (const nlohmann::json::exception& e) {
    // A number too large for a double ("4e999…") is out_of_range, with the number but no offset.
    std::string message = e.what();
    std::size_t offset = 0;
    if (auto quote = message.find("parsing '"); quote != std::string::npos) {
      std::string number = message.substr(quote + 9, message.find('\'', quote + 9) - quote - 9);
      if (auto at = text.find(number); at != std::string_view::npos) offset = at;
    }
    auto lc = locate(text, offset);
    if (auto cut = message.find("] "); cut != std::string::npos) message = message.substr(cut + 2);
    throw error(errc::data, diagnostic{{source, lc.line, lc.column}, "invalid JSON: " + message});
  }
  if (doc.is_object()) doc = ordered_json::array({doc});
  if (!doc.is_array())
    throw error(errc::data, diagnostic{{source, 1, 1}, "expected a JSON array of records (as `list --format json` prints)"});

  std::vector<record> out;
  std::vector<diagnostic> problems;
  std::size_t n = 0;
  for (const auto& obj : doc) {
    ++n;
    position where{source, 0, 0};
    std::string prefix = fmt::format("record {}: ", n);
    if (!obj.is_object()) {
      problems.push_back({where, prefix + "not a JSON object"});
      continue;
    }
    record r;
    if (auto t = obj.find("type"); t != obj.end()) {
      auto type = t->is_string() ? parse_record_type(t->get<std::string>()) : std::nullopt;
      if (!type || (expected && !importable(*expected, *type))) {
        problems.push_back({where, expected ? prefix + fmt::format("type {} cannot be imported here (expected \"{}\")",
                                                                    t->dump(), type_name(*expected))
                                            : prefix + fmt::format("type {} is not a record type", t->dump())});
        continue;
      }
      r.type = *type;
    } else if (expected) {
      r.type = *expected;
    } else {
      problems.push_back({where, prefix + "needs a \"type\" (checkin, entry, boundary or event)"});
      continue;
    }
    bool ok = true;
    for (const auto& [key, value] : obj.items()) {
      if (key == "type") continue;
      try {
        if (key == "author") {
          if (!value.is_string()) throw_usage("author must be a string");
          r.author = value.get<std::string>();
          continue;
        }
        if (key == "private") {
          if (!value.is_boolean()) throw_usage("private must be true or false");
          r.is_private = value.get<bool>();
          continue;
        }
        auto kind = key_kind(r.type, key, cfg);
        if (value.is_null()) {
          set_field(r, key, std::monostate{}, cfg);
        } else if (value.is_string()) {
          if (kind == value_kind::datetime)
            set_field_text(r, key, value.get<std::string>(), cfg);
          else
            set_field(r, key, value.get<std::string>(), cfg);
        } else if (value.is_number_integer()) {
          set_field(r, key, value.get<std::int64_t>(), cfg);
        } else if (value.is_number_float()) {
          set_field(r, key, value.get<double>(), cfg);
        } else if (value.is_array()) {
          std::vector<std::string> names;
          for (const auto& el : value) {
            if (!el.is_string()) throw_usage(fmt::format("{} must hold strings", key));
            names.push_back(el.get<std::string>());
          }
          set_field(r, key, std::move(names), cfg);
        } else {
          throw_usage(fmt::format("{} has a value of the wrong type", key));
        }
      } catch (const error& e) {
        problems.push_back({where, prefix + e.what()});
        ok = false;
      }
    }
    if (defaults) fill_defaults(r, *defaults, obj.contains("at"));
    if (!obj.contains("at") && !(defaults && defaults->at)) {
      problems.push_back({where, prefix + "at is required"});
      ok = false;
    }
    if (!ok) continue;
    add_validation(problems, r, cfg, where, prefix);
    out.push_back(std::move(r));
  }
  if (!problems.empty()) throw error(errc::data, std::move(problems));
  return out;
}

// RFC 4180 fields, with the line each record starts on.
std::vector<std::pair<int, std::vector<std::string>>> parse_csv(std::string_view text, const std::string& source) {
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, cell_started = false;
  int line = 1, row_line = 1;
  auto end_row = [&] {
    row.push_back(std::move(cell));
    cell.clear();
    if (!(row.size() == 1 && row[0].empty())) rows.push_back({row_line, std::move(row)});
    row.clear();
    cell_started = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && !cell_started) {
      quoted = true;
      cell_started = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
      cell_started = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      end_row();
      ++line;
      row_line = line;
    } else {
      cell += c;
      cell_started = true;
    }
  }
  if (quoted) throw error(errc::data, diagnostic{{source, row_line, 1}, "unterminated quoted CSV field"});
  if (cell_started || !row.empty()) end_row();
  return rows;
}

// TSV as list --format tsv writes it: tab-separated, with \\, \t, \n and \r escaped.
std::vector<std::pair<int, std::vector<std::string>>> parse_tsv(std::string_view text) {
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  int line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    ++line;
    std::size_t nl = text.find('\n', start);
    std::string_view l = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    start = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty()) continue;
    std::vector<std::string> cells(1);
    for (std::size_t i = 0; i < l.size(); ++i) {
      char c = l[i];
      if (c == '\t') {
        cells.emplace_back();
      } else if (c == '\\' && i + 1 < l.size()) {
        char n = l[++i];
        cells.back() += n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n;
      } else {
        cells.back() += c;
      }
    }
    rows.push_back({line, std::move(cells)});
  }
  return rows;
}

// A table holds one record type. Under a boundary import, a `kind` or `boundary` column (fields
// only events have) makes it a table of events.
record_type table_type(const std::vector<std::string>& header, record_type expected) {
  if (expected != record_type::boundary) return expected;
  for (const auto& key : header)
    if (key == "kind" || key == "boundary") return record_type::event;
  return expected;
}

std::vector<record> read_table(std::vector<std::pair<int, std::vector<std::string>>> rows, const std::string& source,
                               record_type command, const settings& cfg, const record_defaults* defaults) {
  if (rows.empty()) return {};
  const auto& header = rows.front().second;
  record_type expected = table_type(header, command);
  std::vector<diagnostic> problems;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const auto& key = header[c];
    if (key == "type" || key == "author" || key == "private") continue;
    if (!key_kind(expected, key, cfg))
      problems.push_back({{source, 1, 0}, fmt::format("column \"{}\" is not a field of {}{}", key, a_record_of(expected),
                                                      did_you_mean(key, canonical_keys(expected, cfg)))});
  }
  if (!problems.empty()) throw error(errc::data, std::move(problems));
  std::vector<record> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& [line, cells] = rows[i];
    position where{source, line, 0};
    if (cells.size() != header.size()) {
      problems.push_back({where, fmt::format("{} fields, but the header has {}", cells.size(), header.size())});
      continue;
    }
    record r;
    r.type = expected;
    bool ok = true, has_at = false;
    for (std::size_t c = 0; c < header.size(); ++c) {
      const auto& key = header[c];
      try {
        if (key == "type") {
          if (!cells[c].empty() && cells[c] != type_name(expected))
            throw_usage(fmt::format("type \"{}\" cannot be imported here", cells[c]));
        } else if (key == "author") {
          r.author = cells[c];
        } else if (key == "private") {
          if (cells[c] != "" && cells[c] != "true" && cells[c] != "false") throw_usage("private must be true or false");
          r.is_private = cells[c] == "true";
        } else {
          if (key == "at" && !cells[c].empty()) has_at = true;
          set_field_text(r, key, cells[c], cfg);
        }
      } catch (const error& e) {
        problems.push_back({where, e.what()});
        ok = false;
      }
    }
    if (defaults) fill_defaults(r, *defaults, has_at);
    if (!has_at && !(defaults && defaults->at) && ok) {
      problems.push_back({where, "at is required"});
      ok = false;
    }
    if (!ok) continue;
    add_validation(problems, r, cfg, where, "");
    out.push_back(std::move(r));
  }
  if (!problems.empty()) throw error(errc::data, std::move(problems));
  return out;
}

// The text that decides whether input is TOML, JSON, CSV or TSV (a BOM aside). Only TOML has
// `#` comments, so input that opens with one is TOML whatever the comment says.
std::string_view first_content(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::string_view body = trim(text);
  if (body.starts_with("#")) return "[[";
  return body;
}

}  // namespace

namespace {

// json and csv lists spell out the default weight; a record read back from them keeps the
// canonical form (no `weight` line for the default), so a round trip changes no file.
std::vector<record> without_default_weight(std::vector<record> records) {
  for (auto& r : records)
    if (r.type == record_type::entry && r.weight && *r.weight == 1.0) r.weight.reset();
  return records;
}

}  // namespace

std::vector<record> read_import(std::string_view text, const std::string& source_name, record_type expected,
                                const settings& cfg, const record_defaults* defaults) {
  std::string_view body = first_content(text);
  if (body.empty()) return {};
  if (body.front() == '[' && !body.starts_with("[[")) {
    // "[[entry]]" is TOML; "[" followed by "{" or a newline is JSON.
    std::string_view after = trim(body.substr(1));
    if (after.empty() || after.front() == '{' || after.front() == ']')
      return without_default_weight(read_json(text, source_name, expected, cfg, defaults));
  }
  if (body.front() == '{') return without_default_weight(read_json(text, source_name, expected, cfg, defaults));
  std::string_view first_line = body.substr(0, body.find('\n'));
  if (first_line.find('\t') != std::string_view::npos && first_line.find('=') == std::string_view::npos)
    return without_default_weight(read_table(parse_tsv(text), source_name, expected, cfg, defaults));
  if (first_line.find(',') != std::string_view::npos && first_line.find('=') == std::string_view::npos &&
      first_line.find('[') == std::string_view::npos)
    return without_default_weight(read_table(parse_csv(text, source_name), source_name, expected, cfg, defaults));

  zone data_zone = cfg.timezone.empty() ? zone::utc() : zone::locate(cfg.timezone);
  read_options opts{&cfg, &data_zone, false};
  opts.id_optional = true;
  opts.defaults = defaults;
  parsed_file parsed = parse_record_text(text, source_name, opts);
  for (const auto& r : parsed.records)
    if (!importable(expected, r.type) && parsed.problems.empty())
      parsed.problems.push_back({{source_name, r.line, 1},
                                 fmt::format("a [[{}]] record cannot be imported here (expected [[{}]])",
                                             type_name(r.type), type_name(expected))});
  if (!parsed.problems.empty()) throw error(errc::data, std::move(parsed.problems));
  return std::move(parsed.records);
}

std::vector<record> read_records_any(std::string_view text, const std::string& source_name, const settings& cfg) {
  std::string_view body = first_content(text);
  if (body.empty()) return {};
  bool json = body.front() == '{' || (body.front() == '[' && !body.starts_with("[[") &&
                                      (trim(body.substr(1)).empty() || trim(body.substr(1)).front() == '{' ||
                                       trim(body.substr(1)).front() == ']'));
  if (json) return without_default_weight(read_json(text, source_name, std::nullopt, cfg, nullptr));
  std::string_view first_line = body.substr(0, body.find('\n'));
  if (first_line.find('=') == std::string_view::npos && first_line.find('[') == std::string_view::npos &&
      (first_line.find(',') != std::string_view::npos || first_line.find('\t') != std::string_view::npos))
    throw error(errc::data, diagnostic{{source_name, 1, 1}, "CSV and TSV hold one record type without naming it; pipe "
                                                            "toml or json (list --format toml|json) into a report"});
  zone data_zone = cfg.timezone.empty() ? zone::utc() : zone::locate(cfg.timezone);
  read_options opts{&cfg, &data_zone, false};
  opts.id_optional = true;
  parsed_file parsed = parse_record_text(text, source_name, opts);
  if (!parsed.problems.empty()) throw error(errc::data, std::move(parsed.problems));
  return std::move(parsed.records);
}

}  // namespace balance
