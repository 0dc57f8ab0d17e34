#include "balance/format.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "balance/error.hpp"
#include "record_file.hpp"
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
    case format::html: return "html";
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

format to_format(record_format f) noexcept {
  switch (f) {
    case record_format::text: return format::text;
    case record_format::json: return format::json;
    case record_format::toml: return format::toml;
    case record_format::csv: return format::csv;
    case record_format::tsv: return format::tsv;
  }
  return format::text;
}

record_format parse_record_format(std::string_view text, const std::vector<record_format>& allowed) {
  std::vector<format> names;
  for (auto f : allowed) names.push_back(to_format(f));
  format chosen = parse_format(text, names);
  for (auto f : allowed)
    if (to_format(f) == chosen) return f;
  return allowed.front();  // not reached: parse_format returned one of them
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
    ordered_json operator()(bool b) const { return b; }
    ordered_json operator()(const std::vector<std::string>& names) const { return names; }
    ordered_json operator()(const std::vector<person_minutes>& spoke) const {
      ordered_json obj = ordered_json::object();
      for (const auto& m : spoke) obj[m.who] = m.minutes;
      return obj;
    }
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
    if (!r.author.empty() && !author_is_who(r.type))
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
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const std::vector<std::string>& names) const {
      std::string out;
      for (const auto& n : names) out += (out.empty() ? "" : " ") + n;
      return out;
    }
    std::string operator()(const std::vector<person_minutes>& spoke) const {
      std::string out;
      for (const auto& m : spoke) out += fmt::format("{}{}={}", out.empty() ? "" : " ", m.who, number_text(m.minutes));
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
  void line(const std::vector<std::string>& cells) { out_.write(delimited_line(cells, tsv_)); }
  sink& out_;
  bool tsv_;
  std::vector<std::string> keys_;
};

// The text table's columns of each record type but check-ins (whose ratings follow the
// repository's dimensions): a title, its alignment, and whether it takes the spare width.
struct text_column {
  const char* title;
  align side = align::left;
  bool wide = false;
};

const std::vector<text_column>& text_columns(record_type type) {
  static const std::map<record_type, std::vector<text_column>> columns = {
      {record_type::entry,
       {{"ID"}, {"WHEN"}, {"WHO"}, {"KIND"}, {"WHAT", align::left, true}, {"TOPIC"}, {"WEIGHT", align::right},
        {"MIN", align::right}}},
      {record_type::boundary, {{"ID"}, {"SINCE"}, {"OWNER"}, {"REVIEW"}, {"STATUS"}, {"TEXT", align::left, true}}},
      {record_type::event, {{"ID"}, {"WHEN"}, {"KIND"}, {"WHO"}, {"BOUNDARY"}, {"NOTE", align::left, true}}},
      {record_type::agreement, {{"ID"}, {"SINCE"}, {"BY"}, {"REVIEW"}, {"STATUS"}, {"TEXT", align::left, true}}},
      {record_type::review, {{"ID"}, {"WHEN"}, {"WHO"}, {"AGREEMENT"}, {"OUTCOME"}, {"NOTE", align::left, true}}},
      {record_type::appreciation, {{"ID"}, {"WHEN"}, {"FROM"}, {"FOR"}, {"TEXT", align::left, true}}},
      {record_type::repair, {{"ID"}, {"WHEN"}, {"WHO"}, {"TEXT / NOTE", align::left, true}}},
      {record_type::talk, {{"ID"}, {"WHEN"}, {"WITH"}, {"SPOKE"}, {"TOPIC", align::left, true}}},
      {record_type::page, {{"ID"}, {"DATE"}, {"WHO"}, {"TAGS"}, {"FIRST LINE", align::left, true}}},
  };
  return columns.at(type);
}

// ID, WHEN, WITH, SPOKE and the topic (as the caller marks it).
std::vector<std::string> talk_row(const record& r, std::string topic) {
  return {short_id(r.id), when_text(r.at), cell_text(r.with), r.spoke.empty() ? "-" : cell_text(r.spoke), std::move(topic)};
}

class text_writer : public record_writer {
 public:
  text_writer(sink& out, record_type type, const writer_options& opts) : out_(out), type_(type), opts_(opts) {
    if (type != record_type::checkin) {
      for (const auto& c : text_columns(type)) table_.add_column(c.title, c.side, c.wide);
      return;
    }
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
  }

  // A check-in: its ratings in the configured order, the mood, and the first of its words.
  template <class Mark>
  std::vector<std::string> checkin_row(const record& r, const std::string& id, const Mark& marked) const {
    std::vector<std::string> row = {id, when_text(r.at), r.who};
    for (const auto& d : opts_.cfg->dimensions) {
      auto v = r.rating_of(d.key);
      row.push_back(v ? std::to_string(*v) : "-");
    }
    row.push_back(r.mood ? std::to_string(*r.mood) : "-");
    std::string words = !r.feeling.empty() ? r.feeling : !r.note.empty() ? r.note : !r.need.empty() ? r.need : r.thanks;
    row.push_back(marked(words));
    return row;
  }

  void write(const record& r) override {
    std::string id = short_id(r.id);
    // Private records show only in the private view (--mine, or show of my own), always marked.
    auto marked = [&](const std::string& words) { return r.is_private ? "(private) " + words : words; };
    switch (type_) {
      case record_type::checkin:
        table_.add_row(checkin_row(r, id, marked));
        break;
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
      case record_type::agreement:
        table_.add_row({id, format_date(r.at), r.who, r.review.empty() ? "-" : r.review,
                        r.status.empty() ? "open" : r.status, marked(r.text)});
        break;
      case record_type::review:
        table_.add_row({id, when_text(r.at), r.who, short_id(r.agreement), r.outcome, marked(r.note)});
        break;
      case record_type::appreciation:
        table_.add_row({id, when_text(r.at), r.who, r.for_whom, marked(r.text)});
        break;
      case record_type::repair: {
        std::string words = !r.text.empty() ? r.text : r.note;
        if (r.humour && *r.humour) words = words.empty() ? "(with humour)" : words + " (with humour)";
        table_.add_row({id, when_text(r.at), r.who, marked(words)});
        break;
      }
      case record_type::talk:
        table_.add_row(talk_row(r, marked(r.topic.empty() ? "-" : r.topic)));
        break;
      case record_type::page:
        table_.add_row({id, format_date(r.at), r.who, r.tags.empty() ? "-" : cell_text(field_value{r.tags}),
                        marked(first_text_line(r.text))});
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

std::string delimited_line(const std::vector<std::string>& cells, bool tsv) {
  std::string text;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) text += tsv ? "\t" : ",";
    text += tsv ? tsv_escape(cells[i]) : csv_quote(cells[i]);
  }
  text += tsv ? "\n" : "\r\n";
  return text;
}

std::unique_ptr<record_writer> make_record_writer(record_format f, record_type type, sink& out, const writer_options& opts) {
  switch (f) {
    case record_format::json: return std::make_unique<json_writer>(out);
    case record_format::toml: return std::make_unique<toml_writer>(out);
    case record_format::csv: return std::make_unique<table_writer>(out, type, *opts.cfg, false);
    case record_format::tsv: return std::make_unique<table_writer>(out, type, *opts.cfg, true);
    case record_format::text: return std::make_unique<text_writer>(out, type, opts);
  }
  return std::make_unique<text_writer>(out, type, opts);
}

std::string record_label(const record& r) {
  std::string id = short_id(r.id);
  switch (r.type) {
    case record_type::checkin: return fmt::format("check-in {} ({}{})", id, r.who, r.is_private ? ", private" : "");
    case record_type::entry: return fmt::format("entry {} ({}, {}{})", id, r.kind, r.who, r.is_private ? ", private" : "");
    case record_type::boundary: return fmt::format("boundary {} ({}{})", id, r.who, r.is_private ? ", private" : "");
    case record_type::event: return fmt::format("event {} ({}, {}{})", id, r.kind, r.who, r.is_private ? ", private" : "");
    case record_type::agreement: return fmt::format("agreement {} ({}{})", id, r.who, r.is_private ? ", private" : "");
    case record_type::review:
      return fmt::format("review {} ({}, {}{})", id, r.outcome, r.who, r.is_private ? ", private" : "");
    case record_type::appreciation:
      return fmt::format("appreciation {} ({} for {}{})", id, r.who, r.for_whom, r.is_private ? ", private" : "");
    case record_type::repair: return fmt::format("repair {} ({}{})", id, r.who, r.is_private ? ", private" : "");
    case record_type::talk:
      return fmt::format("talk {} ({}{})", id, cell_text(r.with), r.is_private ? ", private" : "");
    case record_type::page: return fmt::format("page {} ({}{})", id, r.who, r.is_private ? ", private" : "");
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

void write_shown_record(record_format f, const record& r, const std::string& shown_path, const style& st, sink& out) {
  switch (f) {
    case record_format::json: out.write(record_to_json(r) + "\n"); break;
    case record_format::toml: out.write(record_to_toml(r) + (r.is_private ? "private = true\n" : "")); break;
    case record_format::text: {
      record shown = r;
      shown.path = shown_path;
      write_record_details(shown, out, st);
      break;
    }
    case record_format::csv:
    case record_format::tsv: throw_usage("show writes one record as text, json or toml; a list writes csv and tsv");
  }
}

}  // namespace balance
