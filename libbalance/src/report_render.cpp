// The report's three faces: text for the terminal and `less` (80 columns), markdown for sharing,
// and json (schema 1) for scripts. All three read the same report model and print the same
// sentences and captions, in the same order.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "balance/error.hpp"
#include "balance/format.hpp"
#include "balance/report.hpp"
#include "report_note.hpp"
#include "report_words.hpp"
#include "balance/text.hpp"

namespace balance {

using namespace report_words;

namespace {

// Writes `text` wrapped to 80 columns, every line indented by `indent`.
void paragraph(sink& out, std::string_view text, std::size_t indent) {
  out.write(std::string(indent, ' '));
  out.write(wrap_text(escape_for_terminal(text), output_width, indent));
  out.write("\n");
}

using detail::write_note;
void note(sink& out, const style& st, std::string_view text) { write_note(out, st, text); }

void indented(sink& out, const std::string& text, std::size_t indent) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string_view line(text.data() + start, (nl == std::string::npos ? text.size() : nl) - start);
    if (!line.empty()) out.write(std::string(indent, ' '));
    out.write(line);
    out.write("\n");
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

}  // namespace

namespace {

void text_safety(const report& r, sink& out, const style&) {
  for (std::size_t i = 0; i < r.safety_note.size(); ++i) {
    const std::string& p = r.safety_note[i];
    // Number lines keep their own indent; sentences wrap.
    if (p.starts_with("  "))
      paragraph(out, p.substr(2), 4);
    else {
      if (i) out.write("\n");
      paragraph(out, p, 2);
    }
  }
}

void text_header(const report& r, sink& out, const style& st) {
  out.write(st.bold(fmt::format("Balance report for {}", join_names(r.people))));
  out.write("\n");
  std::string when = r.span_text;
  if (r.previous_text) when += fmt::format(", compared with {}", *r.previous_text);
  out.write(wrap_text(when, output_width, 0));
  out.write("\n");
  out.write(wrap_text(words::view_line(r), output_width, 0));
  out.write("\n");
  out.write(wrap_text(words::counts_line(r), output_width, 0));
  out.write("\n");
}

void text_working(const report& r, sink& out, const style& st) {
  if (r.empty())
    paragraph(out, words::nothing_yet, 2);
  else if (r.working.empty() && r.thanks.empty())
    paragraph(out, words::nothing_working, 2);
  for (std::size_t i = 0; i < r.working.size(); ++i) {
    bool is_private = i < r.working_private.size() && r.working_private[i];
    out.write("  " + st.green("+") + " ");
    out.write(wrap_text(escape_for_terminal(words::marked(r.working[i], is_private)), output_width, 4));
    out.write("\n");
  }
  if (!r.thanks.empty()) {
    out.write("  Thanks:\n");
    for (const auto& t : r.thanks) {
      // Date, then the words with a hanging indent under them.
      out.write(fmt::format("    {}  ", format_date(t.at)));
      std::string line = fmt::format("{}: {}", words::thanker(t), t.text);
      out.write(wrap_text(escape_for_terminal(words::marked(line, t.is_private)), output_width, 16));
      out.write("\n");
    }
  }
  if (!r.dreams.empty()) {
    out.write("  Shared dreams:\n");
    for (const auto& d : r.dreams) {
      out.write(fmt::format("    {}  ", format_date(d.at)));
      out.write(wrap_text(escape_for_terminal(fmt::format("{}: {}", d.who, d.text)), output_width, 16));
      out.write("\n");
    }
  }
  if (r.private_pages > 0) {
    out.write("  " + st.green("+") + " ");
    out.write(wrap_text(escape_for_terminal(words::private_pages_line(r)), output_width, 4));
    out.write("\n");
  }
}

void text_checkins(const report& r, sink& out, const style& st) {
  if (r.checkins == 0) {
    paragraph(out, words::no_checkins, 2);
  } else {
    text_table table;
    table.add_column("DIMENSION");
    table.add_column("WHO");
    table.add_column("MEAN", align::right);
    table.add_column("N", align::right);
    table.add_column("WEEKLY");
    table.add_column("CHANGE", align::right);
    table.add_column("GAP", align::right);
    for (const auto* d : rated_dimensions(r)) {
      bool first_row = true;
      for (const auto& p : d->people) {
        table.add_row({first_row ? d->key + (d->retired ? " (retired)" : "") : "", p.name,
                       p.mean ? one_decimal(*p.mean) : "-", std::to_string(p.count), p.sparkline, change_text(p),
                       first_row && d->gap ? one_decimal(*d->gap) : ""});
        first_row = false;
      }
    }
    string_sink rendered;
    table.render(rendered, output_width - 2, st);
    indented(out, rendered.str(), 2);
    note(out, st, words::checkins_caption);
    for (const auto& f : r.feelings) paragraph(out, words::feeling(f), 2);
    for (const auto& n : r.needs) paragraph(out, words::need(n), 2);
  }
}

void text_give_and_take(const report& r, sink& out, const style& st) {
  if (r.give_and_take.groups.empty())
    paragraph(out, words::no_entries, 2);
  else
    write_balance_table(r.give_and_take, out, st, 2);
}

void text_choices(const report& r, sink& out, const style& st) {
  if (r.choices.empty()) {
    paragraph(out, words::no_choices, 2);
  } else {
    text_table table;
    table.add_column("TOPIC");
    for (const auto& p : r.people) table.add_column(p, align::right);
    table.add_column("NEXT TURN");
    for (const auto& c : r.choices) {
      std::vector<std::string> row = {c.topic};
      for (const auto& [who, n] : c.counts) row.push_back(std::to_string(n));
      row.push_back(c.next);
      table.add_row(std::move(row));
    }
    string_sink rendered;
    table.render(rendered, output_width - 2, st);
    indented(out, rendered.str(), 2);
    note(out, st, words::choices_caption());
  }
}

void text_boundaries(const report& r, sink& out, const style& st) {
  text_table table;
  table.add_column("WHOSE");
  table.add_column("ACTIVE", align::right);
  table.add_column("RESPECTED", align::right);
  table.add_column("CROSSED", align::right);
  table.add_column("GAVE IN", align::right);
  table.add_column("SPACE", align::right);
  for (const auto& b : r.boundaries)
    table.add_row({b.person, std::to_string(b.active), std::to_string(b.respected), std::to_string(b.crossed),
                   std::to_string(b.gave_in), words::space_cell(b)});
  string_sink rendered;
  table.render(rendered, output_width - 2, st);
  indented(out, rendered.str(), 2);
  note(out, st, words::boundaries_caption);
}

void text_agreements(const report& r, sink& out, const style& st) {
  if (r.agreements.empty()) paragraph(out, words::no_agreements, 2);
  for (std::size_t i = 0; i < r.agreements.size(); ++i) {
    const agreement_summary& a = r.agreements[i];
    if (i) out.write("\n");
    out.write("  " + st.green("•") + " ");
    out.write(st.bold(wrap_text(escape_for_terminal(words::marked(a.text, a.is_private)), output_width, 4)));
    out.write("\n");
    paragraph(out, words::agreement_made(a), 4);
    if (a.dimensions.empty()) {
      paragraph(out, words::no_ratings_around, 4);
      continue;
    }
    text_table table;
    table.add_column("DIMENSION");
    table.add_column("WHO");
    table.add_column(words::window_head("BEFORE", a.before_days), align::right);
    table.add_column(words::window_head("SINCE", a.since_days), align::right);
    for (auto& row : agreement_rows(a)) table.add_row(std::move(row));
    string_sink rendered;
    table.render(rendered, output_width - 4, st);
    indented(out, rendered.str(), 4);
  }
  if (!r.agreements.empty()) note(out, st, words::agreements_caption);
}

void text_signs(const report& r, sink& out, const style& st) {
  bool paused = r.view == report_view::mine && !r.safety_note.empty();
  if (r.signs.empty()) paragraph(out, words::none_found(r), 2);
  if (paused && !r.signs.empty()) paragraph(out, words::paused_suggestions, 2);
  for (std::size_t i = 0; i < r.signs.size(); ++i) {
    const sign& s = r.signs[i];
    if (i || paused) out.write("\n");
    out.write("  " + st.yellow("•") + " ");
    out.write(st.bold(escape_for_terminal(words::marked(s.title, s.is_private))));
    out.write("\n");
    for (const auto& e : s.evidence) paragraph(out, e, 4);
    paragraph(out, s.data, 4);
    if (!paused) paragraph(out, "Try: " + s.suggestion, 4);
  }
  if (!r.not_enough_data.empty()) {
    out.write("\n");
    out.write(st.dim("  " + wrap_text(words::not_enough(r), output_width, 2)));
    out.write("\n");
  }
}

// The sections of the text report, in order; a section without a title writes its own heading.
struct text_section {
  const char* name;
  const char* title;
  void (*write)(const report&, sink&, const style&);
};
const text_section text_sections[] = {
    {"header", nullptr, text_header},
    {"working", "What is working", text_working},
    {"checkins", "Check-ins", text_checkins},
    {"give_and_take", "Give and take", text_give_and_take},
    {"choices", "Choices", text_choices},
    {"boundaries", "Boundaries", text_boundaries},
    {"agreements", "Agreements you are trying", text_agreements},
    {"signs", "Signs to talk about", text_signs},
};

}  // namespace

void write_report_text(const report& r, const std::vector<std::string>& sections, sink& out, const style& st) {
  bool first = true;
  auto start = [&](const char* title) {
    if (!first) out.write("\n");
    first = false;
    if (title) out.write(st.bold(title) + "\n");
  };
  if (safety_first(r, sections)) {
    start("Your safety (private)");
    text_safety(r, out, st);
  }
  for (const auto& section : text_sections) {
    if (!wanted(sections, section.name) || quiet_section(r, sections, section.name)) continue;
    start(section.title);
    section.write(r, out, st);
  }
}

namespace {

std::string md_escape(std::string_view s) { return escape_markdown(s); }

void md_table(sink& out, const std::vector<std::string>& head, const std::vector<bool>& right,
              const std::vector<std::vector<std::string>>& rows) {
  std::string line = "|";
  std::string rule = "|";
  for (std::size_t i = 0; i < head.size(); ++i) {
    line += " " + head[i] + " |";
    rule += right[i] ? " ---: |" : " --- |";
  }
  out.write(line + "\n" + rule + "\n");
  for (const auto& row : rows) {
    std::string l = "|";
    for (const auto& c : row) l += " " + c + " |";
    out.write(l + "\n");
  }
}

void md_caption(sink& out, std::string_view text) { out.write("\n*" + md_escape(text) + "*\n\n"); }

void md_give_and_take(sink& out, const ledger_balance& b) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> totals;
  for (const auto& g : b.groups) {
    if (is_total_kind(g.group)) {
      totals.push_back(fmt::format("- {}: {}", md_escape(g.group), md_escape(total_line(g))));
      continue;
    }
    bool enough = g.entries >= b.min_share_entries;
    bool first = true;
    for (const auto& p : g.people) {
      rows.push_back({first ? md_escape(g.group) : "", md_escape(p.name),
                      enough ? share_text(p.share) : fmt::format("{} of {}", p.entries, g.entries),
                      share_text(p.target), fmt::format("{:g}", p.sum),
                      first ? (enough ? std::string(split_words(g, b.share_gap)) + " agreed" : "few entries") : ""});
      first = false;
    }
  }
  if (!rows.empty()) {
    md_table(out, {"Kind", "Who", "Share", "Agreed", "Weight", "Split"}, {false, false, true, true, true, false}, rows);
    out.write("\n");
  }
  for (const auto& t : totals) out.write(t + "\n");
  if (!totals.empty()) out.write("\n");
  if (!rows.empty())
    out.write(fmt::format("*Below {} entries a kind shows counts, not shares.* ", b.min_share_entries));
  out.write("*" + md_escape(over_claiming_note) + "*\n\n");
}

}  // namespace

namespace {

void md_safety(const report& r, sink& out) {
  out.write("## Your safety (private)\n\n");
  bool in_list = false;
  for (const auto& p : r.safety_note) {
    if (p.starts_with("  ")) {
      out.write("- " + md_escape(trim(p)) + "\n");
      in_list = true;
      continue;
    }
    if (in_list) out.write("\n");
    in_list = false;
    out.write(md_escape(p) + "\n\n");
  }
  if (in_list) out.write("\n");
}

void md_header(const report& r, sink& out) {
  out.write(fmt::format("# Balance report for {}\n\n", md_escape(join_names(r.people))));
  out.write(md_escape(r.span_text));
  if (r.previous_text) out.write(fmt::format(", compared with {}", md_escape(*r.previous_text)));
  out.write(". " + md_escape(words::view_line(r)) + " " + words::counts_line(r) + "\n\n");
}

void md_working(const report& r, sink& out) {
  out.write("## What is working\n\n");
  if (r.empty())
    out.write(std::string(words::nothing_yet) + "\n\n");
  else if (r.working.empty() && r.thanks.empty())
    out.write(md_escape(words::nothing_working) + "\n\n");
  for (std::size_t i = 0; i < r.working.size(); ++i) {
    bool is_private = i < r.working_private.size() && r.working_private[i];
    out.write("- " + md_escape(words::marked(r.working[i], is_private)) + "\n");
  }
  if (!r.working.empty()) out.write("\n");
  if (!r.thanks.empty()) {
    out.write("Thanks:\n\n");
    for (const auto& t : r.thanks)
      out.write(fmt::format("- {} {}: {}\n", format_date(t.at), md_escape(words::thanker(t)),
                            md_escape(words::marked(t.text, t.is_private))));
    out.write("\n");
  }
  if (!r.dreams.empty()) {
    out.write("Shared dreams:\n\n");
    for (const auto& d : r.dreams)
      out.write(fmt::format("- {} {}: {}\n", format_date(d.at), md_escape(d.who), md_escape(d.text)));
    out.write("\n");
  }
  if (r.private_pages > 0) out.write("- " + md_escape(words::private_pages_line(r)) + "\n\n");
}

void md_checkins(const report& r, sink& out) {
  out.write("## Check-ins\n\n");
  if (r.checkins == 0) {
    out.write(std::string(words::no_checkins) + "\n\n");
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto* d : rated_dimensions(r)) {
      bool first = true;
      for (const auto& p : d->people) {
        rows.push_back({first ? md_escape(d->key) + (d->retired ? " (retired)" : "") : "", md_escape(p.name),
                        p.mean ? one_decimal(*p.mean) : "-", std::to_string(p.count), p.sparkline, change_text(p),
                        first && d->gap ? one_decimal(*d->gap) : ""});
        first = false;
      }
    }
    md_table(out, {"Dimension", "Who", "Mean", "N", "Weekly", "Change", "Gap"}, {false, false, true, true, false, true, true}, rows);
    md_caption(out, words::checkins_caption);
    for (const auto& f : r.feelings) out.write("- " + md_escape(words::feeling(f)) + "\n");
    for (const auto& n : r.needs) out.write("- " + md_escape(words::need(n)) + "\n");
    if (!r.feelings.empty() || !r.needs.empty()) out.write("\n");
  }
}

void md_give_and_take(const report& r, sink& out) {
  out.write("## Give and take\n\n");
  if (r.give_and_take.groups.empty())
    out.write(std::string(words::no_entries) + "\n\n");
  else
    md_give_and_take(out, r.give_and_take);
}

void md_choices(const report& r, sink& out) {
  out.write("## Choices\n\n");
  if (r.choices.empty()) {
    out.write(std::string(words::no_choices) + "\n\n");
  } else {
    std::vector<std::string> head = {"Topic"};
    std::vector<bool> right = {false};
    for (const auto& p : r.people) {
      head.push_back(md_escape(p));
      right.push_back(true);
    }
    head.push_back("Next turn");
    right.push_back(false);
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : r.choices) {
      std::vector<std::string> row = {md_escape(c.topic)};
      for (const auto& [who, n] : c.counts) row.push_back(std::to_string(n));
      row.push_back(md_escape(c.next));
      rows.push_back(row);
    }
    md_table(out, head, right, rows);
    md_caption(out, words::choices_caption());
  }
}

void md_boundaries(const report& r, sink& out) {
  out.write("## Boundaries\n\n");
  std::vector<std::vector<std::string>> rows;
  for (const auto& b : r.boundaries)
    rows.push_back({md_escape(b.person), std::to_string(b.active), std::to_string(b.respected), std::to_string(b.crossed),
                    std::to_string(b.gave_in), words::space_cell(b)});
  md_table(out, {"Whose", "Active", "Respected", "Crossed", "Gave in", "Space"}, {false, true, true, true, true, true}, rows);
  md_caption(out, words::boundaries_caption);
}

void md_signs(const report& r, sink& out) {
  out.write("## Signs to talk about\n\n");
  bool paused = r.view == report_view::mine && !r.safety_note.empty();
  if (r.signs.empty()) out.write(std::string(words::none_found(r)) + "\n\n");
  if (paused && !r.signs.empty()) out.write(std::string(words::paused_suggestions) + "\n\n");
  for (const auto& s : r.signs) {
    out.write(fmt::format("### {}\n\n", md_escape(words::marked(s.title, s.is_private))));
    for (const auto& e : s.evidence) out.write("- " + md_escape(e) + "\n");
    out.write("\n" + md_escape(s.data) + "\n\n");
    if (!paused) out.write("*Try:* " + md_escape(s.suggestion) + "\n\n");
  }
  if (!r.not_enough_data.empty()) out.write(md_escape(words::not_enough(r)) + "\n\n");
}

void md_agreements(const report& r, sink& out) {
  out.write("## Agreements you are trying\n\n");
  if (r.agreements.empty()) out.write(md_escape(words::no_agreements) + "\n\n");
  for (const auto& a : r.agreements) {
    out.write(fmt::format("### {}\n\n{}\n\n", md_escape(words::marked(a.text, a.is_private)),
                          md_escape(words::agreement_made(a))));
    if (a.dimensions.empty()) {
      out.write(md_escape(words::no_ratings_around) + "\n\n");
      continue;
    }
    auto rows = agreement_rows(a);
    for (auto& row : rows)
      for (auto& cell : row) cell = md_escape(cell);
    md_table(out, {"Dimension", "Who", words::window_head("Before", a.before_days), words::window_head("Since", a.since_days)},
             {false, false, true, true}, rows);
    out.write("\n");
  }
  if (!r.agreements.empty()) out.write("*" + md_escape(words::agreements_caption) + "*\n\n");
}

// The sections of the Markdown report, in order; each writes its own heading.
struct md_section {
  const char* name;
  void (*write)(const report&, sink&);
};
const md_section md_sections[] = {
    {"header", md_header},
    {"working", md_working},
    {"checkins", md_checkins},
    {"give_and_take", md_give_and_take},
    {"choices", md_choices},
    {"boundaries", md_boundaries},
    {"agreements", md_agreements},
    {"signs", md_signs},
};

}  // namespace

void write_report_markdown(const report& r, const std::vector<std::string>& sections, sink& out) {
  if (safety_first(r, sections)) md_safety(r, out);
  for (const auto& section : md_sections)
    if (wanted(sections, section.name) && !quiet_section(r, sections, section.name)) section.write(r, out);
}

namespace {

using json = nlohmann::ordered_json;

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json day_json(const std::optional<local_days>& d) {
  if (!d) return json(nullptr);
  std::chrono::year_month_day ymd{*d};
  return json(fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                          static_cast<unsigned>(ymd.day())));
}

json words_of(const std::vector<dated_words>& list) {
  json arr = json::array();
  for (const auto& w : list) {
    arr.push_back({{"who", w.who}, {"at", format_timestamp(w.at)}, {"text", w.text}, {"private", w.is_private}});
    if (!w.to.empty()) arr.back()["to"] = w.to;  // an appreciation
  }
  return arr;
}

json dimension_json(const dimension_summary& d) {
  json people = json::array();
  for (const auto& p : d.people)
    people.push_back({{"name", p.name},
                      {"mean", optional_number(p.mean)},
                      {"count", p.count},
                      {"first", day_json(p.first_day)},
                      {"last", day_json(p.last_day)},
                      {"previous_mean", optional_number(p.previous_mean)},
                      {"previous_count", p.previous_count},
                      {"change", optional_number(p.trend())},
                      {"weekly", p.sparkline}});
  return json{{"key", d.key}, {"question", d.question}, {"retired", d.retired},
              {"count", d.count}, {"gap", optional_number(d.gap)}, {"people", people}};
}

void json_header(const report& r, json& doc) {
  json header = {{"people", r.people},
                 {"period", {{"label", r.span.is_all() ? "all" : r.span.label},
                             {"text", r.span_text},
                             {"begin", r.begin.empty() ? json(nullptr) : json(r.begin)},
                             {"end", r.end.empty() ? json(nullptr) : json(r.end)}}},
                 {"previous", r.previous_text ? json(*r.previous_text) : json(nullptr)},
                 {"view", r.view == report_view::mine ? "mine" : "shared"},
                 {"checkins", r.checkins},
                 {"entries", r.entries},
                 {"events", r.events}};
  if (r.view == report_view::mine) {
    header["viewer"] = r.viewer;
    header["private_records"] = r.private_records;
  }
  doc["header"] = header;
}

void json_working(const report& r, json& doc) {
  json findings = json::array();
  for (std::size_t i = 0; i < r.working.size(); ++i)
    findings.push_back({{"text", r.working[i]}, {"private", i < r.working_private.size() && r.working_private[i]}});
  doc["working"] = {{"findings", findings}, {"thanks", words_of(r.thanks)}};
  // Only when there are any, so reports of couples without a journal keep their shape.
  if (!r.dreams.empty()) doc["working"]["dreams"] = words_of(r.dreams);
  if (r.private_pages > 0)
    doc["working"]["private_pages"] = {{"count", r.private_pages}, {"tags", r.private_page_tags}};
}

void json_checkins(const report& r, json& doc) {
  json dims = json::array();
  for (const auto& d : r.dimensions) dims.push_back(dimension_json(d));
  doc["checkins"] = {{"dimensions", dims}, {"mood", dimension_json(r.mood)}, {"feelings", words_of(r.feelings)},
                     {"needs", words_of(r.needs)}};
}

void json_give_and_take(const report& r, json& doc) {
  string_sink balance;
  write_balance_json(r.give_and_take, balance);
  json b = json::parse(balance.str());
  doc["give_and_take"] = {{"measure", b["measure"]},
                          {"entries", b["entries"]},
                          {"min_share_entries", b["min_share_entries"]},
                          {"groups", b["groups"]},
                          {"note", b["note"]}};
}

void json_choices(const report& r, json& doc) {
  json arr = json::array();
  for (const auto& c : r.choices) {
    json counts = json::object();
    for (const auto& [who, n] : c.counts) counts[who] = n;
    arr.push_back({{"topic", c.topic}, {"choices", c.choices}, {"counts", counts}, {"next", c.next}});
  }
  doc["choices"] = arr;
}

void json_boundaries(const report& r, json& doc) {
  json arr = json::array();
  for (const auto& b : r.boundaries)
    arr.push_back({{"person", b.person}, {"active", b.active}, {"respected", b.respected}, {"crossed", b.crossed},
                   {"gave_in", b.gave_in}, {"space", b.space}, {"space_minutes", b.space_minutes}});
  doc["boundaries"] = arr;
}

json agreement_json(const agreement_summary& a) {
  json dims = json::array();
  for (const auto& d : a.dimensions) {
    json people = json::array();
    for (const auto& p : d.people)
      people.push_back({{"name", p.name},
                        {"before", {{"mean", optional_number(p.before)}, {"count", p.before_count}}},
                        {"since", {{"mean", optional_number(p.since)}, {"count", p.since_count}}}});
    dims.push_back({{"key", d.key}, {"people", people}});
  }
  auto instant = [&](sys_seconds t) { return format_timestamp(timestamp{t, a.at.offset}); };
  return json{{"id", a.id},
              {"text", a.text},
              {"at", format_timestamp(a.at)},
              {"review", a.review},
              {"reviews", a.reviews},
              {"last_outcome", a.last_outcome.empty() ? json(nullptr) : json(a.last_outcome)},
              {"last_review", a.last_review ? json(format_timestamp(*a.last_review)) : json(nullptr)},
              {"before", {{"begin", instant(a.before_begin)}, {"days", a.before_days}}},
              {"since", {{"days", a.since_days}}},
              {"dimensions", dims},
              {"private", a.is_private}};
}

void json_agreements(const report& r, json& doc) {
  json arr = json::array();
  for (const auto& a : r.agreements) arr.push_back(agreement_json(a));
  doc["agreements"] = arr;
}

void json_signs(const report& r, json& doc) {
  json arr = json::array();
  for (const auto& s : r.signs)
    arr.push_back({{"id", s.id},         {"title", s.title}, {"people", s.people},     {"evidence", s.evidence},
                   {"data", s.data},     {"suggestion", s.suggestion}, {"private", s.is_private}});
  doc["signs"] = arr;
  doc["not_enough_data"] = r.not_enough_data;
}

// The sections of the JSON report, in order: each sets its key (or keys) of the document.
struct json_section {
  const char* name;
  void (*write)(const report&, json&);
};
const json_section json_sections[] = {
    {"header", json_header},
    {"working", json_working},
    {"checkins", json_checkins},
    {"give_and_take", json_give_and_take},
    {"choices", json_choices},
    {"boundaries", json_boundaries},
    {"agreements", json_agreements},
    {"signs", json_signs},
};

}  // namespace

void write_report_json(const report& r, const std::vector<std::string>& sections, sink& out) {
  json doc = json::object();
  doc["schema"] = 1;
  doc["view"] = r.view == report_view::mine ? "mine" : "shared";
  // The safety note exists only in the private view; the shared view has no such key at all.
  if (r.view == report_view::mine && wanted(sections, "safety"))
    doc["safety"] = r.safety_note.empty() ? json(nullptr) : json{{"note", r.safety_note}};
  for (const auto& section : json_sections)
    if (wanted(sections, section.name)) section.write(r, doc);
  out.write(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  out.write("\n");
}

void write_report(const report& r, const std::vector<std::string>& sections, format f, sink& out, const style& st) {
  switch (f) {
    case format::text: write_report_text(r, sections, out, st); return;
    case format::markdown: write_report_markdown(r, sections, out); return;
    case format::json: write_report_json(r, sections, out); return;
    case format::html: write_report_html(r, sections, out); return;
    case format::toml:
    case format::csv:
    case format::tsv:
    case format::ledger: break;
  }
  throw_usage(fmt::format("--format {}: a report is written as text, markdown, json or html", format_name(f)));
}

namespace detail {

void write_note(sink& out, const style& st, std::string_view text) {
  std::string wrapped = wrap_text(text, output_width, 2);
  std::size_t start = 0;
  while (start <= wrapped.size()) {
    std::size_t nl = wrapped.find('\n', start);
    std::string_view line(wrapped.data() + start, (nl == std::string::npos ? wrapped.size() : nl) - start);
    if (start == 0) out.write("  ");
    out.write(st.dim(std::string(line)));
    out.write("\n");
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

}  // namespace detail

}  // namespace balance
