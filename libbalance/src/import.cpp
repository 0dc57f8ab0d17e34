#include "balance/import.hpp"

#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "balance/boundaries.hpp"
#include "balance/error.hpp"
#include "balance/file_system.hpp"
#include "balance/format.hpp"
#include "record_file.hpp"
#include "balance/settings.hpp"
#include "balance/talk.hpp"
#include "balance/text.hpp"

namespace balance {

// The readers: json, csv and tsv (and toml through the record file reader), detected from the text.
namespace {

using ordered_json = nlohmann::ordered_json;

}  // namespace

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

// Boundaries come with their events: `balance-boundaries add --from` takes both. The talk's
// records come together too: `balance-talk add --from` (an agreement import) takes agreements,
// their reviews, appreciations, repairs and talks.
bool importable(record_type command, record_type t) {
  if (t == command) return true;
  if (command == record_type::boundary) return t == record_type::event;
  if (command == record_type::agreement)
    return t == record_type::review || t == record_type::appreciation || t == record_type::repair ||
           t == record_type::talk;
  return false;
}

// The JSON document, or a data error at the place it goes wrong.
ordered_json parse_json_text(std::string_view text, const std::string& source) {
  try {
    return ordered_json::parse(text.begin(), text.end());
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
}

// One key of a JSON record onto `r`; throws error{usage} for a value of the wrong kind.
void set_json_field(record& r, const std::string& key, const ordered_json& value, const settings& cfg) {
  if (key == "author") {
    if (!value.is_string()) throw_usage("author must be a string");
    r.author = value.get<std::string>();
  } else if (key == "private") {
    if (!value.is_boolean()) throw_usage("private must be true or false");
    r.is_private = value.get<bool>();
  } else if (value.is_null()) {
    set_field(r, key, std::monostate{}, cfg);
  } else if (value.is_boolean()) {
    set_field(r, key, value.get<bool>(), cfg);
  } else if (value.is_string()) {
    if (key_kind(r.type, key, cfg) == value_kind::datetime)
      set_field_text(r, key, value.get<std::string>(), cfg);
    else
      set_field(r, key, value.get<std::string>(), cfg);
  } else if (value.is_number_integer()) {
    set_field(r, key, value.get<std::int64_t>(), cfg);
  } else if (value.is_number_float()) {
    set_field(r, key, value.get<double>(), cfg);
  } else if (value.is_object() && key_kind(r.type, key, cfg) == value_kind::minutes_by_person) {
    std::vector<person_minutes> spoke;
    for (const auto& [name, minutes] : value.items()) {
      if (!minutes.is_number()) throw_usage(fmt::format("{} for {} must be a number", key, name));
      spoke.push_back({name, minutes.get<double>()});
    }
    set_field(r, key, std::move(spoke), cfg);
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
}

// The type a JSON record names, or the one expected; nothing (and a problem) otherwise.
std::optional<record_type> json_record_type(const ordered_json& obj, std::optional<record_type> expected,
                                            const std::string& prefix, const position& where,
                                            std::vector<diagnostic>& problems) {
  auto t = obj.find("type");
  if (t == obj.end()) {
    if (!expected)
      problems.push_back({where, prefix + "needs a \"type\" (checkin, entry, boundary, event, agreement, review, "
                                          "appreciation, repair, talk or page)"});
    return expected;
  }
  auto type = t->is_string() ? parse_record_type(t->get<std::string>()) : std::nullopt;
  if (type && (!expected || importable(*expected, *type))) return type;
  problems.push_back({where, expected ? prefix + fmt::format("type {} cannot be imported here (expected \"{}\")", t->dump(),
                                                              type_name(*expected))
                                      : prefix + fmt::format("type {} is not a record type", t->dump())});
  return std::nullopt;
}

// Record `n` of a JSON import, or nothing when it has problems (added to `problems`).
std::optional<record> read_json_record(const ordered_json& obj, std::size_t n, const std::string& source,
                                       std::optional<record_type> expected, const settings& cfg,
                                       const record_defaults* defaults, std::vector<diagnostic>& problems) {
  position where{source, 0, 0};
  std::string prefix = fmt::format("record {}: ", n);
  if (!obj.is_object()) {
    problems.push_back({where, prefix + "not a JSON object"});
    return std::nullopt;
  }
  auto type = json_record_type(obj, expected, prefix, where, problems);
  if (!type) return std::nullopt;
  record r;
  r.type = *type;
  bool ok = true;
  for (const auto& [key, value] : obj.items()) {
    if (key == "type") continue;
    try {
      set_json_field(r, key, value, cfg);
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
  if (!ok) return std::nullopt;
  add_validation(problems, r, cfg, where, prefix);
  return r;
}

std::vector<record> read_json(std::string_view text, const std::string& source, std::optional<record_type> expected,
                              const settings& cfg, const record_defaults* defaults) {
  ordered_json doc = parse_json_text(text, source);
  if (doc.is_object()) doc = ordered_json::array({doc});
  if (!doc.is_array())
    throw error(errc::data, diagnostic{{source, 1, 1}, "expected a JSON array of records (as `list --format json` prints)"});
  std::vector<record> out;
  std::vector<diagnostic> problems;
  std::size_t n = 0;
  for (const auto& obj : doc)
    if (auto r = read_json_record(obj, ++n, source, expected, cfg, defaults, problems)) out.push_back(std::move(*r));
  if (!problems.empty()) throw error(errc::data, std::move(problems));
  return out;
}

// The rows parse_csv has read, and the row and cell it is reading.
struct csv_rows {
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool cell_started = false;
  int row_line = 1;

  void end_cell() {
    row.push_back(std::move(cell));
    cell.clear();
    cell_started = false;
  }
  void end_row() {
    end_cell();
    if (!(row.size() == 1 && row[0].empty())) rows.push_back({row_line, std::move(row)});
    row.clear();
  }
};

// RFC 4180 fields, with the line each record starts on.
std::vector<std::pair<int, std::vector<std::string>>> parse_csv(std::string_view text, const std::string& source) {
  csv_rows csv;
  bool quoted = false;
  int line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          csv.cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        csv.cell += c;
      }
      continue;
    }
    if (c == '"' && !csv.cell_started) {
      quoted = true;
      csv.cell_started = true;
    } else if (c == ',') {
      csv.end_cell();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      csv.end_row();
      ++line;
      csv.row_line = line;
    } else {
      csv.cell += c;
      csv.cell_started = true;
    }
  }
  if (quoted) throw error(errc::data, diagnostic{{source, csv.row_line, 1}, "unterminated quoted CSV field"});
  if (csv.cell_started || !csv.row.empty()) csv.end_row();
  return std::move(csv.rows);
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
// only events have) makes it a table of events. Under a talk import, a column only talks (`with`,
// `minutes`, `sign`, `appreciations`), reviews (`outcome`, else `agreement`), appreciations
// (`for`, `entry`) or repairs (`humour`) have decides.
record_type table_type(const std::vector<std::string>& header, record_type expected) {
  auto has = [&](std::string_view key) { return std::find(header.begin(), header.end(), key) != header.end(); };
  if (expected == record_type::boundary) return has("kind") || has("boundary") ? record_type::event : expected;
  if (expected != record_type::agreement) return expected;
  if (has("with") || has("minutes") || has("sign") || has("appreciations")) return record_type::talk;
  if (has("agreement") || has("outcome")) return record_type::review;
  if (has("for") || has("entry")) return record_type::appreciation;
  if (has("humour")) return record_type::repair;
  return expected;
}

// Every column must name a field of the table's record type, or say where a record came from.
void check_columns(const std::vector<std::string>& header, const std::string& source, record_type expected,
                   const settings& cfg) {
  std::vector<diagnostic> problems;
  for (const auto& key : header) {
    if (key == "type" || key == "author" || key == "private") continue;
    if (!key_kind(expected, key, cfg))
      problems.push_back({{source, 1, 0}, fmt::format("column \"{}\" is not a field of {}{}", key, a_record_of(expected),
                                                      did_you_mean(key, canonical_keys(expected, cfg)))});
  }
  if (!problems.empty()) throw error(errc::data, std::move(problems));
}

// Sets one cell's field; throws a usage error naming what is wrong with the cell.
void read_cell(record& r, const std::string& key, const std::string& cell, const settings& cfg) {
  if (key == "type") {
    if (!cell.empty() && cell != type_name(r.type)) throw_usage(fmt::format("type \"{}\" cannot be imported here", cell));
  } else if (key == "author") {
    r.author = cell;
  } else if (key == "private") {
    if (cell != "" && cell != "true" && cell != "false") throw_usage("private must be true or false");
    r.is_private = cell == "true";
  } else {
    set_field_text(r, key, cell, cfg);
  }
}

// One data row as a record, or nothing when a cell was bad; its problems go to `problems`.
std::optional<record> read_row(const std::vector<std::string>& header, const std::vector<std::string>& cells,
                               record_type expected, const position& where, const settings& cfg,
                               const record_defaults* defaults, std::vector<diagnostic>& problems) {
  record r;
  r.type = expected;
  bool ok = true, has_at = false;
  for (std::size_t c = 0; c < header.size(); ++c) {
    try {
      if (header[c] == "at" && !cells[c].empty()) has_at = true;
      read_cell(r, header[c], cells[c], cfg);
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
  if (!ok) return std::nullopt;
  add_validation(problems, r, cfg, where, "");
  return r;
}

std::vector<record> read_table(std::vector<std::pair<int, std::vector<std::string>>> rows, const std::string& source,
                               record_type command, const settings& cfg, const record_defaults* defaults) {
  if (rows.empty()) return {};
  const auto& header = rows.front().second;
  record_type expected = table_type(header, command);
  check_columns(header, source, expected, cfg);
  std::vector<diagnostic> problems;
  std::vector<record> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& [line, cells] = rows[i];
    position where{source, line, 0};
    if (cells.size() != header.size()) {
      problems.push_back({where, fmt::format("{} fields, but the header has {}", cells.size(), header.size())});
      continue;
    }
    if (auto r = read_row(header, cells, expected, where, cfg, defaults, problems)) out.push_back(std::move(*r));
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
  // A spreadsheet's byte order mark is not part of the first column's name.
  std::string_view table = text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
  if (first_line.find('\t') != std::string_view::npos && first_line.find('=') == std::string_view::npos)
    return without_default_weight(read_table(parse_tsv(table), source_name, expected, cfg, defaults));
  if (first_line.find(',') != std::string_view::npos && first_line.find('=') == std::string_view::npos &&
      first_line.find('[') == std::string_view::npos)
    return without_default_weight(read_table(parse_csv(table, source_name), source_name, expected, cfg, defaults));

  zone data_zone = cfg.timezone.empty() ? zone::utc() : zone::locate(cfg.timezone);
  read_options opts{&cfg, &data_zone, false};
  opts.id_optional = true;
  opts.repeated_ids = true;
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


std::string read_input(const std::string& path) {
  if (path == "-") {
    std::string text;
    char buf[65536];
    for (;;) {
      ssize_t n = ::read(0, buf, sizeof buf);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw error(errc::io, fmt::format("cannot read standard input: {}", std::strerror(errno)));
      }
      if (n == 0) break;
      text.append(buf, static_cast<std::size_t>(n));
      if (text.size() > max_file_size)
        throw error(errc::data, fmt::format("<stdin>: more than {} MiB of input", max_file_size / (1024 * 1024)));
    }
    return text;
  }
  auto text = read_file(path, path, max_file_size, true);
  if (!text) throw error(errc::no_input, fmt::format("{}: no such file", path));
  return *text;
}

namespace {

// An imported event points at a boundary, a review at an agreement, in the repository or in the
// same import; an appreciation at a ledger entry in the repository. The rules are the flag
// form's (check_event_target, check_reference_target).
void check_event_targets(const store& s, const std::vector<record>& incoming, const std::string& source,
                         std::vector<diagnostic>& problems) {
  std::set<record_type> wanted;
  for (const auto& rec : incoming)
    if (auto ref = reference_of(rec)) wanted.insert(ref->target);
  if (wanted.empty()) return;
  std::map<std::pair<record_type, std::string>, record> targets;
  for (record_type t : wanted) {
    scan_filter filter(t);
    filter.private_of_me = true;
    s.scan(filter, [&](record&& b) { targets.emplace(std::pair(b.type, b.id), std::move(b)); });
  }
  for (const auto& rec : incoming)
    if (wanted.count(rec.type) && rec.type != record_type::entry && !rec.id.empty())
      targets.emplace(std::pair(rec.type, rec.id), rec);
  std::size_t n = 0;
  for (const auto& rec : incoming) {
    ++n;
    auto ref = reference_of(rec);
    if (!ref) continue;
    auto found = targets.find({ref->target, ref->id});
    if (found == targets.end()) {
      problems.push_back({{source, rec.line, 0},
                          ref->target == record_type::entry
                              ? fmt::format("record {}: entry {} is not in the repository", n, ref->id)
                              : fmt::format("record {}: {} {} is not in the repository or in this import (import the {} "
                                            "with its {}s)",
                                            n, ref->key, ref->id, ref->key, type_name(rec.type))});
      continue;
    }
    try {
      if (rec.type == record_type::event)
        check_event_target(rec, found->second);
      else
        check_reference_target(rec, found->second);
    } catch (const error& e) {
      problems.push_back({{source, rec.line, 0}, fmt::format("record {}: {}", n, e.what())});
    }
  }
}

// Who an imported record is by, and whether that person may import it; `where` names the record.
void settle_author(record& rec, const std::string& where, const repo& r, const import_options& opts,
                   const std::string& source, std::vector<diagnostic>& problems) {
  const settings& cfg = r.config();
  if (opts.make_private) rec.is_private = true;
  if (author_is_who(rec.type)) {
    if (!rec.author.empty() && rec.author != rec.who)
      problems.push_back({{source, rec.line, 0}, fmt::format("{}: author \"{}\" differs from who \"{}\"", where, rec.author, rec.who)});
    rec.author = rec.who;
  } else if (rec.author.empty()) {
    rec.author = r.me();
  } else if (!cfg.has_person(rec.author)) {
    problems.push_back({{source, rec.line, 0}, fmt::format("{}: author \"{}\" is not a person in balance.toml{}", where,
                                                           escape_for_terminal(rec.author), did_you_mean(rec.author, cfg.people))});
  }
  if (rec.is_private && rec.author != r.me())
    problems.push_back({{source, rec.line, 0},
                        fmt::format("{}: a private record can only be imported by its author ({})", where, rec.author)});
  if (rec.safe && !rec.is_private)
    problems.push_back({{source, rec.line, 0}, fmt::format("{}: safe goes only in private check-ins", where)});
}

// The same id twice in one input (two exports concatenated, say): the same record is skipped and
// counted; two different records under one id are a problem, since either could be the one meant.
void drop_repeats(std::vector<record>& incoming, const std::string& source, import_result& result) {
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> first;  // id -> in `kept`, record number
  std::vector<diagnostic> problems;
  std::vector<record> kept;
  for (std::size_t i = 0; i < incoming.size(); ++i) {
    record& rec = incoming[i];
    if (rec.id.empty()) {
      kept.push_back(std::move(rec));
      continue;
    }
    auto [it, fresh] = first.emplace(rec.id, std::pair{kept.size(), i + 1});
    if (fresh) {
      kept.push_back(std::move(rec));
    } else if (record_to_toml(kept[it->second.first]) == record_to_toml(rec)) {
      ++result.skipped;
    } else {
      problems.push_back({{source, rec.line, 0},
                          fmt::format("record {}: id {} is also record {} of this input, with other fields; keep one of them",
                                      i + 1, rec.id, it->second.second)});
    }
  }
  if (!problems.empty()) throw error(errc::data, std::move(problems));
  incoming = std::move(kept);
}

// The records whose ids the repository does not have yet; the rest count as skipped.
std::vector<record> not_yet_present(const store& s, std::vector<record>& incoming, import_result& result) {
  auto existing = s.all_ids();
  std::vector<record> fresh;
  for (auto& rec : incoming) {
    if (!rec.id.empty() && !existing.insert(rec.id).second) {
      ++result.skipped;
      continue;
    }
    fresh.push_back(std::move(rec));
  }
  return fresh;
}

}  // namespace

import_result import_records(const store& s, std::string_view text, const std::string& source,
                             const import_options& opts) {
  const repo& r = s.repository();
  record_defaults defaults{r.cal().now, r.me()};
  std::vector<record> incoming = read_import(text, source, opts.type, r.config(), &defaults);

  std::vector<diagnostic> problems;
  std::size_t n = 0;
  for (auto& rec : incoming) settle_author(rec, fmt::format("record {}", ++n), r, opts, source, problems);
  check_event_targets(s, incoming, source, problems);
  if (!problems.empty()) throw error(errc::data, std::move(problems));
  import_result result;
  drop_repeats(incoming, source, result);
  // Boundaries before their events, agreements before their reviews: a crash in between leaves
  // no record pointing at nothing.
  std::stable_partition(incoming.begin(), incoming.end(), [](const record& rec) { return !reference_of(rec); });

  std::vector<record> fresh = not_yet_present(s, incoming, result);
  if (opts.dry_run) {
    result.added = fresh.size();
    result.records = std::move(fresh);
    return result;
  }
  if (fresh.empty()) return result;
  write_batch batch(s);
  for (auto& rec : fresh) {
    batch.add(rec);
    ++result.added;
  }
  result.written = batch.commit();
  result.records = std::move(fresh);
  return result;
}

outcome import_from(const store& s, const std::string& from, const import_options& opts) {
  import_result result = import_records(s, read_input(from), from == "-" ? "<stdin>" : from, opts);
  outcome done;
  done.paths = std::move(result.written);
  done.records = std::move(result.records);
  done.summary = fmt::format("{} {}, skipped {} already present", opts.dry_run ? "would add" : "added", result.added,
                             result.skipped);
  return done;
}

}  // namespace balance
