// The report's three faces: text for the terminal and `less` (80 columns), markdown for sharing,
// and json (schema 1) for scripts. All three read the same report model.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "balance/format.hpp"
#include "balance/report.hpp"
#include "balance/text.hpp"

namespace balance {

namespace {

bool wanted(const std::vector<std::string>& sections, std::string_view id) {
  return sections.empty() || std::find(sections.begin(), sections.end(), id) != sections.end();
}

std::string one_decimal(double v) { return fmt::format("{:.1f}", v); }

std::string change_text(const person_dimension& p) {
  if (!p.mean) return "";
  auto t = p.trend();
  if (!t) return "new";
  double rounded = std::round(*t * 10) / 10;
  if (rounded == 0) return "±0.0";
  return fmt::format("{:+.1f}", rounded);
}

std::string names(const std::vector<std::string>& people) {
  std::string out;
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (i) out += i + 1 == people.size() ? " and " : ", ";
    out += people[i];
  }
  return out;
}

std::string counts_line(const report& r) {
  auto plural = [](std::size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); };
  return fmt::format("Based on {}, {} and {}.", plural(r.checkins, "check-in", "check-ins"),
                     plural(r.entries, "ledger entry", "ledger entries"), plural(r.events, "boundary event", "boundary events"));
}

const char* safety_note =
    "You noted recently that you do not feel safe with your partner. Your safety comes first, before any "
    "balance. Please consider talking to someone you trust, or to a professional: a counsellor, your doctor, or "
    "a local support line. If you are in danger, call your local emergency number.";

// Writes `text` wrapped to 80 columns, every line indented by `indent`.
void paragraph(sink& out, std::string_view text, std::size_t indent) {
  out.write(std::string(indent, ' '));
  out.write(wrap_text(escape_for_terminal(text), output_width, indent));
  out.write("\n");
}

// A dim explanatory note under a table, wrapped and indented by two.
void note(sink& out, const style& st, std::string_view text) {
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

void write_report_text(const report& r, const std::vector<std::string>& sections, sink& out, const style& st) {
  bool first = true;
  auto heading = [&](const std::string& title) {
    if (!first) out.write("\n");
    first = false;
    out.write(st.bold(title));
    out.write("\n");
  };

  if (wanted(sections, "header")) {
    first = false;
    out.write(st.bold(fmt::format("Balance report for {}", names(r.people))));
    out.write("\n");
    std::string when = r.span_text;
    if (r.previous_text) when += fmt::format(", compared with {}", *r.previous_text);
    out.write(wrap_text(when, output_width, 0));
    out.write("\n");
    out.write(wrap_text(counts_line(r) + (r.shared_only ? " Shared records only." : ""), output_width, 0));
    out.write("\n");
  }

  if (wanted(sections, "working")) {
    heading("What is working");
    if (r.working.empty() && r.thanks.empty()) paragraph(out, "Not much to go on yet: keep checking in, and this fills up.", 2);
    for (const auto& w : r.working) {
      out.write("  " + st.green("+") + " ");
      out.write(wrap_text(escape_for_terminal(w), output_width, 4));
      out.write("\n");
    }
    if (!r.thanks.empty()) {
      out.write("  Thanks:\n");
      for (const auto& t : r.thanks) {
        // Date, then the words with a hanging indent under them.
        out.write(fmt::format("    {}  ", format_date(t.at)));
        out.write(wrap_text(escape_for_terminal(fmt::format("{}: {}", t.who, t.text)), output_width, 16));
        out.write("\n");
      }
    }
  }

  if (wanted(sections, "checkins")) {
    heading("Check-ins");
    if (r.checkins == 0) {
      paragraph(out, "No check-ins in this period yet.", 2);
    } else {
      text_table table;
      table.add_column("DIMENSION");
      table.add_column("WHO");
      table.add_column("MEAN", align::right);
      table.add_column("N", align::right);
      table.add_column("WEEKLY");
      table.add_column("CHANGE", align::right);
      table.add_column("GAP", align::right);
      for (const auto& d : r.dimensions) {
        if (d.count == 0) continue;  // nobody rated it in this period: nothing to show
        bool first_row = true;
        for (const auto& p : d.people) {
          table.add_row({first_row ? d.key + (d.retired ? " (retired)" : "") : "", p.name,
                         p.mean ? one_decimal(*p.mean) : "-", std::to_string(p.count), p.sparkline, change_text(p),
                         first_row && d.gap ? one_decimal(*d.gap) : ""});
          first_row = false;
        }
      }
      string_sink rendered;
      table.render(rendered, output_width - 2, st);
      indented(out, rendered.str(), 2);
      note(out, st, "MEAN is 1–5 over N check-ins; CHANGE compares with the previous period; GAP is the difference "
                    "between your means.");
      for (const auto& f : r.feelings) paragraph(out, fmt::format("{} felt ({}): \"{}\"", f.who, format_date(f.at), f.text), 2);
      for (const auto& n : r.needs) paragraph(out, fmt::format("{} needs ({}): \"{}\"", n.who, format_date(n.at), n.text), 2);
    }
  }

  if (wanted(sections, "give_and_take")) {
    heading("Give and take");
    if (r.give_and_take.groups.empty()) {
      paragraph(out, "No ledger entries in this period yet.", 2);
    } else {
      write_balance_table(r.give_and_take, out, st, 2);
    }
  }

  if (wanted(sections, "choices")) {
    heading("Choices");
    if (r.choices.empty()) {
      paragraph(out, "No choices logged in this period.", 2);
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
    }
  }

  if (wanted(sections, "boundaries")) {
    heading("Boundaries");
    text_table table;
    table.add_column("WHOSE");
    table.add_column("ACTIVE", align::right);
    table.add_column("RESPECTED", align::right);
    table.add_column("CROSSED", align::right);
    table.add_column("GAVE IN", align::right);
    table.add_column("SPACE", align::right);
    for (const auto& b : r.boundaries)
      table.add_row({b.person, std::to_string(b.active), std::to_string(b.respected), std::to_string(b.crossed),
                     std::to_string(b.gave_in),
                     b.space_minutes ? fmt::format("{} ({} min)", b.space, b.space_minutes) : std::to_string(b.space)});
    string_sink rendered;
    table.render(rendered, output_width - 2, st);
    indented(out, rendered.str(), 2);
    note(out, st, "RESPECTED and CROSSED count events on each person's boundaries; GAVE IN and SPACE what each "
                  "person noted for themselves.");
  }

  if (wanted(sections, "signs")) {
    heading("Signs to talk about");
    if (r.signs.empty()) paragraph(out, "No signs of imbalance in this period.", 2);
    for (std::size_t i = 0; i < r.signs.size(); ++i) {
      const sign& s = r.signs[i];
      if (i) out.write("\n");
      out.write("  " + st.yellow("•") + " ");
      out.write(st.bold(fmt::format("{} ({})", s.title, names(s.concerns))));
      out.write("\n");
      for (const auto& e : s.evidence) paragraph(out, e, 4);
      paragraph(out, s.data, 4);
      if (!r.safety) paragraph(out, "Try: " + s.suggestion, 4);
    }
    if (!r.not_enough_data.empty()) {
      out.write("\n");
      std::string list;
      for (const auto& n : r.not_enough_data) list += (list.empty() ? "" : "; ") + n;
      out.write(st.dim("  " + wrap_text("Not enough data yet for: " + list + ".", output_width, 2)));
      out.write("\n");
    }
  }

  if (wanted(sections, "safety") && r.safety) {
    heading("Your safety");
    paragraph(out, safety_note, 2);
    if (!r.safety_resources.empty()) {
      out.write("\n");
      paragraph(out, r.safety_resources, 2);
    }
  }
}

namespace {

std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    // Backticks stay: suggestions quote commands as `code`.
    if (c == '|' || c == '*' || c == '_' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

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

}  // namespace

void write_report_markdown(const report& r, const std::vector<std::string>& sections, sink& out) {
  if (wanted(sections, "header")) {
    out.write(fmt::format("# Balance report for {}\n\n", md_escape(names(r.people))));
    out.write(md_escape(r.span_text));
    if (r.previous_text) out.write(fmt::format(", compared with {}", md_escape(*r.previous_text)));
    out.write(". " + counts_line(r) + (r.shared_only ? " Shared records only." : "") + "\n\n");
  }
  if (wanted(sections, "working")) {
    out.write("## What is working\n\n");
    if (r.working.empty() && r.thanks.empty()) out.write("Not much to go on yet: keep checking in, and this fills up.\n");
    for (const auto& w : r.working) out.write("- " + md_escape(w) + "\n");
    if (!r.thanks.empty()) {
      out.write("\nThanks:\n\n");
      for (const auto& t : r.thanks) out.write(fmt::format("- {} {}: {}\n", format_date(t.at), md_escape(t.who), md_escape(t.text)));
    }
    out.write("\n");
  }
  if (wanted(sections, "checkins")) {
    out.write("## Check-ins\n\n");
    if (r.checkins == 0) {
      out.write("No check-ins in this period yet.\n\n");
    } else {
      std::vector<std::vector<std::string>> rows;
      for (const auto& d : r.dimensions)
        for (const auto& p : d.people)
          if (d.count > 0)
            rows.push_back({md_escape(d.key) + (d.retired ? " (retired)" : ""), md_escape(p.name), p.mean ? one_decimal(*p.mean) : "-",
                          std::to_string(p.count), p.sparkline, change_text(p), d.gap ? one_decimal(*d.gap) : ""});
      md_table(out, {"Dimension", "Who", "Mean", "N", "Weekly", "Change", "Gap"}, {false, false, true, true, false, true, true}, rows);
      out.write("\n");
      for (const auto& f : r.feelings) out.write(fmt::format("- {} felt ({}): “{}”\n", md_escape(f.who), format_date(f.at), md_escape(f.text)));
      for (const auto& n : r.needs) out.write(fmt::format("- {} needs ({}): “{}”\n", md_escape(n.who), format_date(n.at), md_escape(n.text)));
      if (!r.feelings.empty() || !r.needs.empty()) out.write("\n");
    }
  }
  if (wanted(sections, "give_and_take")) {
    out.write("## Give and take\n\n");
    std::vector<std::vector<std::string>> rows;
    for (const auto& g : r.give_and_take.groups)
      for (const auto& p : g.people)
        rows.push_back({md_escape(g.group), md_escape(p.name), fmt::format("{:.0f}%", p.share * 100),
                        fmt::format("{:.0f}%", p.target * 100), fmt::format("{:+.0f}%", p.deviation() * 100), fmt::format("{:g}", p.sum)});
    if (rows.empty())
      out.write("No ledger entries in this period yet.\n\n");
    else {
      md_table(out, {"Kind", "Who", "Share", "Agreed", "Diff", "Weight"}, {false, false, true, true, true, true}, rows);
      out.write("\n");
    }
  }
  if (wanted(sections, "choices")) {
    out.write("## Choices\n\n");
    if (r.choices.empty()) {
      out.write("No choices logged in this period.\n\n");
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
      out.write("\n");
    }
  }
  if (wanted(sections, "boundaries")) {
    out.write("## Boundaries\n\n");
    std::vector<std::vector<std::string>> rows;
    for (const auto& b : r.boundaries)
      rows.push_back({md_escape(b.person), std::to_string(b.active), std::to_string(b.respected), std::to_string(b.crossed),
                      std::to_string(b.gave_in),
                      b.space_minutes ? fmt::format("{} ({} min)", b.space, b.space_minutes) : std::to_string(b.space)});
    md_table(out, {"Whose", "Active", "Respected", "Crossed", "Gave in", "Space"}, {false, true, true, true, true, true}, rows);
    out.write("\n");
  }
  if (wanted(sections, "signs")) {
    out.write("## Signs to talk about\n\n");
    if (r.signs.empty()) out.write("No signs of imbalance in this period.\n\n");
    for (const auto& s : r.signs) {
      out.write(fmt::format("### {} ({})\n\n", md_escape(s.title), md_escape(names(s.concerns))));
      for (const auto& e : s.evidence) out.write("- " + md_escape(e) + "\n");
      out.write("\n" + md_escape(s.data) + "\n\n");
      if (!r.safety) out.write("*Try:* " + md_escape(s.suggestion) + "\n\n");
    }
    if (!r.not_enough_data.empty()) {
      std::string list;
      for (const auto& n : r.not_enough_data) list += (list.empty() ? "" : "; ") + md_escape(n);
      out.write("Not enough data yet for: " + list + ".\n\n");
    }
  }
  if (wanted(sections, "safety") && r.safety) {
    out.write("## Your safety\n\n");
    out.write(std::string(safety_note) + "\n\n");
    if (!r.safety_resources.empty()) out.write(md_escape(r.safety_resources) + "\n\n");
  }
}

void write_report_json(const report& r, const std::vector<std::string>& sections, sink& out) {
  using json = nlohmann::ordered_json;
  json doc = json::object();
  doc["schema"] = 1;
  auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  auto words = [](const std::vector<dated_words>& list) {
    json arr = json::array();
    for (const auto& w : list) arr.push_back({{"who", w.who}, {"at", format_timestamp(w.at)}, {"text", w.text}});
    return arr;
  };
  if (wanted(sections, "header")) {
    doc["header"] = {{"people", r.people},
                     {"period", {{"label", r.span.is_all() ? "all" : r.span.label},
                                 {"text", r.span_text},
                                 {"begin", r.begin.empty() ? json(nullptr) : json(r.begin)},
                                 {"end", r.end.empty() ? json(nullptr) : json(r.end)}}},
                     {"previous", r.previous_text ? json(*r.previous_text) : json(nullptr)},
                     {"shared_only", r.shared_only},
                     {"checkins", r.checkins},
                     {"entries", r.entries},
                     {"events", r.events}};
  }
  if (wanted(sections, "working")) doc["working"] = {{"findings", r.working}, {"thanks", words(r.thanks)}};
  if (wanted(sections, "checkins")) {
    json dims = json::array();
    for (const auto& d : r.dimensions) {
      json people = json::array();
      for (const auto& p : d.people)
        people.push_back({{"name", p.name}, {"mean", opt(p.mean)}, {"count", p.count}, {"previous_mean", opt(p.previous_mean)},
                          {"previous_count", p.previous_count}, {"change", opt(p.trend())}, {"weekly", p.sparkline}});
      dims.push_back({{"key", d.key}, {"question", d.question}, {"retired", d.retired}, {"mean", opt(d.mean)},
                      {"count", d.count}, {"gap", opt(d.gap)}, {"people", people}});
    }
    doc["checkins"] = {{"dimensions", dims}, {"feelings", words(r.feelings)}, {"needs", words(r.needs)}};
  }
  if (wanted(sections, "give_and_take")) {
    string_sink balance;
    write_balance_json(r.give_and_take, balance);
    json b = json::parse(balance.str());
    doc["give_and_take"] = {{"measure", b["measure"]}, {"entries", b["entries"]}, {"groups", b["groups"]}};
  }
  if (wanted(sections, "choices")) {
    json arr = json::array();
    for (const auto& c : r.choices) {
      json counts = json::object();
      for (const auto& [who, n] : c.counts) counts[who] = n;
      arr.push_back({{"topic", c.topic}, {"choices", c.choices}, {"counts", counts}, {"next", c.next}});
    }
    doc["choices"] = arr;
  }
  if (wanted(sections, "boundaries")) {
    json arr = json::array();
    for (const auto& b : r.boundaries)
      arr.push_back({{"person", b.person}, {"active", b.active}, {"respected", b.respected}, {"crossed", b.crossed},
                     {"gave_in", b.gave_in}, {"space", b.space}, {"space_minutes", b.space_minutes}});
    doc["boundaries"] = arr;
  }
  if (wanted(sections, "signs")) {
    json arr = json::array();
    for (const auto& s : r.signs)
      arr.push_back({{"id", s.id}, {"title", s.title}, {"concerns", s.concerns}, {"evidence", s.evidence}, {"data", s.data},
                     {"suggestion", r.safety ? json(nullptr) : json(s.suggestion)}});
    doc["signs"] = arr;
    doc["not_enough_data"] = r.not_enough_data;
  }
  if (wanted(sections, "safety"))
    doc["safety"] = r.safety ? json{{"note", safety_note}, {"resources", r.safety_resources}} : json(nullptr);
  out.write(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  out.write("\n");
}

}  // namespace balance
