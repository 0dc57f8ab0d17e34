// The report and the trend as one self-contained html page each: the same sections in the same
// order with the same sentences as the text report, and a chart with its table where there are
// numbers to see. The shared view is the default; the private view says so in a banner.
#include <algorithm>

#include <fmt/format.h>

#include "balance/ledger.hpp"
#include "balance/report.hpp"
#include "balance/text.hpp"
#include "balance/trend.hpp"
#include "html_page.hpp"
#include "report_words.hpp"
#include "trend_words.hpp"

namespace balance {

namespace {

namespace rw = report_words;
namespace tw = trend_words;

constexpr std::string_view private_banner =
    "Private view: the numbers and charts on this page count your own private records too, and their words are "
    "marked (private). Saved as a file, it can be read by whoever opens it: keep it out of shared and synced "
    "folders, and share it only if you choose to.";

// --- the report ---------------------------------------------------------------------------

void safety(html::page& p, const report& r) {
  html::heading(p, 2, "Your safety (private)", "safety");
  std::vector<std::string> items;
  auto flush = [&] {
    html::list(p, items);
    items.clear();
  };
  for (const auto& para : r.safety_note) {
    if (para.starts_with("  ")) {
      items.push_back(std::string(trim(para)));
      continue;
    }
    flush();
    html::paragraph(p, para);
  }
  flush();
}

// The page's one <h1> comes first whatever the sections, so headings nest for a screen reader.
std::string report_title(const report& r) { return fmt::format("Balance report for {}", join_names(r.people)); }

void header(html::page& p, const report& r) {
  std::string when = r.span_text;
  if (r.previous_text) when += fmt::format(", compared with {}", *r.previous_text);
  html::paragraph(p, when + ".");
  html::paragraph(p, rw::words::view_line(r));
  html::paragraph(p, rw::words::counts_line(r));
}

void working(html::page& p, const report& r) {
  html::heading(p, 2, "What is working", "working");
  if (r.empty())
    html::paragraph(p, rw::words::nothing_yet);
  else if (r.working.empty() && r.thanks.empty())
    html::paragraph(p, rw::words::nothing_working);
  std::vector<std::string> items;
  for (std::size_t i = 0; i < r.working.size(); ++i)
    items.push_back(rw::words::marked(r.working[i], i < r.working_private.size() && r.working_private[i]));
  if (r.private_pages > 0) items.push_back(rw::words::private_pages_line(r));
  html::list(p, items);
  if (!r.thanks.empty()) {
    html::heading(p, 3, "Thanks");
    items.clear();
    for (const auto& t : r.thanks)
      items.push_back(fmt::format("{} {}: {}", format_date(t.at), rw::words::thanker(t), rw::words::marked(t.text, t.is_private)));
    html::list(p, items);
  }
  if (!r.dreams.empty()) {
    html::heading(p, 3, "Shared dreams");
    items.clear();
    for (const auto& d : r.dreams) items.push_back(fmt::format("{} {}: {}", format_date(d.at), d.who, d.text));
    html::list(p, items);
  }
}

// "heard: alex 4.2 over 4 ratings, sam 3.1 over 3 ratings; mood: …"
std::string dimensions_desc(const std::vector<const dimension_summary*>& dims) {
  std::string out;
  for (const auto* d : dims) {
    std::vector<std::string> people;
    for (const auto& p : d->people)
      people.push_back(p.mean ? fmt::format("{} {:.1f} over {}", p.name, *p.mean, p.count == 1 ? std::string("1 rating")
                                                                                                 : fmt::format("{} ratings", p.count))
                              : fmt::format("{} no rating", p.name));
    out += (out.empty() ? "" : "; ") + d->key + ": " + join_names(people);
  }
  return out + ".";
}

// Each dimension's means per person: the chart and its table.
void write_means_chart(html::page& p, const report& r, const std::vector<const dimension_summary*>& dims) {
  html::dot_chart chart;
  chart.title = "Mean rating per dimension, 1 to 5";
  chart.desc = dimensions_desc(dims);
  for (std::size_t i = 0; i < r.people.size(); ++i) chart.dots.emplace_back(r.people[i]);
  html::table data{{"Dimension", "Who", "Mean", "N", "Weekly", "Change", "Gap"}, {false, false, true, true, false, true, true}};
  for (const auto* d : dims) {
    chart.categories.push_back(d->key + (d->retired ? " (retired)" : ""));
    for (std::size_t i = 0; i < chart.dots.size(); ++i)
      chart.dots[i].values.push_back(i < d->people.size() ? d->people[i].mean : std::nullopt);
    bool first = true;
    for (const auto& person : d->people) {
      data.rows.push_back({first ? d->key + (d->retired ? " (retired)" : "") : "", person.name,
                           person.mean ? rw::one_decimal(*person.mean) : "-", std::to_string(person.count), person.sparkline,
                           rw::change_text(person), first && d->gap ? rw::one_decimal(*d->gap) : ""});
      first = false;
    }
  }
  html::write_figure(p, chart, data, rw::words::checkins_caption);
}

void checkins(html::page& p, const report& r) {
  html::heading(p, 2, "Check-ins", "checkins");
  if (r.checkins == 0) {
    html::paragraph(p, rw::words::no_checkins);
    return;
  }
  auto dims = rw::rated_dimensions(r);
  // Check-ins with words only have nothing to draw; their words follow.
  if (dims.empty())
    html::paragraph(p, "No check-in in this period has a rating yet.");
  else
    write_means_chart(p, r, dims);
  std::vector<std::string> words;
  for (const auto& f : r.feelings) words.push_back(rw::words::feeling(f));
  for (const auto& n : r.needs) words.push_back(rw::words::need(n));
  html::list(p, words);
}

// "chore: alex 58%, sam 42%, agreed 50% and 50%, close to agreed; …"
std::string shares_desc(const ledger_balance& b, const std::vector<const group_shares*>& groups) {
  std::string out;
  for (const auto* g : groups) {
    std::vector<std::string> shares, agreed;
    bool enough = g->entries >= b.min_share_entries;
    for (const auto& person : g->people) {
      shares.push_back(fmt::format("{} {}", person.name, enough ? share_text(person.share) : fmt::format("{} of {}", person.entries, g->entries)));
      agreed.push_back(share_text(person.target));
    }
    out += (out.empty() ? "" : "; ") +
           fmt::format("{}: {}, agreed {}, {}", g->group, join_names(shares), join_names(agreed),
                       enough ? std::string(split_words(*g, b.share_gap)) + " agreed" : "few entries");
  }
  return out + ".";
}

void give_and_take(html::page& p, const report& r) {
  html::heading(p, 2, "Give and take", "give_and_take");
  const ledger_balance& b = r.give_and_take;
  if (b.groups.empty()) {
    html::paragraph(p, rw::words::no_entries);
    return;
  }
  std::vector<const group_shares*> shares;
  std::vector<std::string> totals;
  for (const auto& g : b.groups) {
    if (is_total_kind(g.group))
      totals.push_back(fmt::format("{}: {}", g.group, total_line(g)));
    else
      shares.push_back(&g);
  }
  if (!shares.empty()) {
    html::stacked_chart chart;
    chart.title = "Each kind's share, next to the agreed split";
    chart.desc = shares_desc(b, shares);
    chart.horizontal = true;
    for (const auto& person : shares.front()->people) chart.parts.emplace_back(person.name);
    html::table data{{"Kind", "Who", "Share", "Agreed", "Weight", "Split"}, {false, false, true, true, true, false}};
    for (const auto* g : shares) {
      bool enough = g->entries >= b.min_share_entries;
      chart.categories.push_back(g->group);
      chart.notes.push_back(enough ? "" : fmt::format("fewer than {} entries: counts in the table", b.min_share_entries));
      chart.agreed.emplace_back();  // marked only on a bar that is drawn
      if (enough)
        for (const auto& person : g->people) chart.agreed.back().push_back(person.target);
      bool first = true;
      for (std::size_t i = 0; i < g->people.size() && i < chart.parts.size(); ++i) {
        const person_share& person = g->people[i];
        chart.parts[i].values.push_back(enough ? std::optional(person.share) : std::nullopt);
        chart.parts[i].tips.push_back(share_text(person.share));
        data.rows.push_back({first ? g->group : "", person.name,
                             enough ? share_text(person.share) : fmt::format("{} of {}", person.entries, g->entries),
                             share_text(person.target), fmt::format("{:g}", person.sum),
                             first ? (enough ? std::string(split_words(*g, b.share_gap)) + " agreed" : "few entries") : ""});
        first = false;
      }
    }
    html::write_figure(p, chart, data, fmt::format("Below {} entries a kind shows counts, not shares.", b.min_share_entries));
  }
  html::list(p, totals);
  html::paragraph(p, over_claiming_note, "note");
}

void choices(html::page& p, const report& r) {
  html::heading(p, 2, "Choices", "choices");
  if (r.choices.empty()) {
    html::paragraph(p, rw::words::no_choices);
    return;
  }
  html::stacked_chart chart;
  chart.title = "Who chose, per topic";
  chart.horizontal = true;
  for (const auto& person : r.people) chart.parts.emplace_back(person);
  html::table data{{"Topic"}, {false}};
  for (const auto& person : r.people) {
    data.heads.push_back(person);
    data.right.push_back(true);
  }
  data.heads.push_back("Next turn");
  data.right.push_back(false);
  std::vector<std::string> said;
  // Below the share minimum a topic is counts, in the table, never a bar that reads as a share.
  const std::size_t minimum = r.give_and_take.min_share_entries;
  for (const auto& c : r.choices) {
    chart.categories.push_back(c.topic);
    bool enough = c.choices >= minimum && c.choices > 0;
    chart.notes.push_back(enough ? "" : fmt::format("fewer than {} choices: counts in the table", minimum));
    std::vector<std::string> row = {c.topic}, counts;
    for (std::size_t i = 0; i < chart.parts.size(); ++i) {
      std::size_t n = i < c.counts.size() ? c.counts[i].second : 0;
      double share = enough ? static_cast<double>(n) / static_cast<double>(c.choices) : 0;
      chart.parts[i].values.push_back(enough ? std::optional(share) : std::nullopt);
      chart.parts[i].tips.push_back(fmt::format("{} of {}", n, c.choices));
      row.push_back(std::to_string(n));
      counts.push_back(fmt::format("{} {}", r.people[i], n));
    }
    row.push_back(c.next);
    data.rows.push_back(std::move(row));
    said.push_back(fmt::format("{}: {}, next turn {}", c.topic, join_names(counts), c.next));
  }
  std::string all;
  for (const auto& s : said) all += (all.empty() ? "" : "; ") + s;
  chart.desc = all + ".";
  html::write_figure(p, chart, data, rw::words::choices_caption());
}

void boundaries(html::page& p, const report& r) {
  html::heading(p, 2, "Boundaries", "boundaries");
  html::table t{{"Whose", "Active", "Respected", "Crossed", "Gave in", "Space"}, {false, true, true, true, true, true}};
  for (const auto& b : r.boundaries)
    t.rows.push_back({b.person, std::to_string(b.active), std::to_string(b.respected), std::to_string(b.crossed),
                      std::to_string(b.gave_in), rw::words::space_cell(b)});
  html::write_table(p, t);
  html::paragraph(p, rw::words::boundaries_caption, "note");
}

void agreements(html::page& p, const report& r) {
  html::heading(p, 2, "Agreements you are trying", "agreements");
  if (r.agreements.empty()) html::paragraph(p, rw::words::no_agreements);
  for (const auto& a : r.agreements) {
    html::heading(p, 3, rw::words::marked(a.text, a.is_private));
    html::paragraph(p, rw::words::agreement_made(a));
    if (a.dimensions.empty()) {
      html::paragraph(p, rw::words::no_ratings_around);
      continue;
    }
    html::table t{{"Dimension", "Who", rw::words::window_head("Before", a.before_days), rw::words::window_head("Since", a.since_days)},
                  {false, false, true, true},
                  rw::agreement_rows(a)};
    html::write_table(p, t);
  }
  if (!r.agreements.empty()) html::paragraph(p, rw::words::agreements_caption, "note");
}

void signs(html::page& p, const report& r) {
  html::heading(p, 2, "Signs to talk about", "signs");
  bool paused = r.view == report_view::mine && !r.safety_note.empty();
  if (r.signs.empty()) html::paragraph(p, rw::words::none_found(r));
  if (paused && !r.signs.empty()) html::paragraph(p, rw::words::paused_suggestions);
  for (const auto& s : r.signs) {
    html::heading(p, 3, rw::words::marked(s.title, s.is_private));
    html::list(p, s.evidence);
    html::paragraph(p, s.data, "note");
    if (!paused) html::paragraph(p, "Try: " + s.suggestion);
  }
  if (!r.not_enough_data.empty()) html::paragraph(p, rw::words::not_enough(r), "note");
}

struct html_section {
  const char* name;
  void (*write)(html::page&, const report&);
};
const html_section report_sections_html[] = {
    {"header", header},         {"working", working},       {"checkins", checkins}, {"give_and_take", give_and_take},
    {"choices", choices},       {"boundaries", boundaries}, {"agreements", agreements}, {"signs", signs},
};

// --- the trend ---------------------------------------------------------------------------

// The trend as the page shows it: from the first column with a record (or an agreement), since
// the columns before it hold nothing; csv, tsv and json keep every column.
trend_report from_first_record(const trend_report& t) {
  std::size_t first = t.columns.size() - std::min(t.averaged_columns, t.columns.size());
  for (const auto& a : t.agreements) first = std::min(first, a.column);
  if (first == 0 || first >= t.columns.size()) return t;
  trend_report shown = t;
  shown.columns.erase(shown.columns.begin(), shown.columns.begin() + static_cast<std::ptrdiff_t>(first));
  for (auto& row : shown.rows) row.cells.erase(row.cells.begin(), row.cells.begin() + static_cast<std::ptrdiff_t>(first));
  for (auto& a : shown.agreements) a.column -= first;
  return shown;
}

std::string first_column_line(const trend_report& t, const trend_report& shown) {
  return fmt::format("Starting at {}, the first {} with a record: the {} before it {} empty. --format csv, tsv or json "
                     "has every column.",
                     shown.columns.front().label, tw::unit_word(t), t.columns.size() - shown.columns.size() == 1 ? tw::unit_word(t) : tw::unit_word(t, 2),
                     t.columns.size() - shown.columns.size() == 1 ? "is" : "are");
}

// The table of a trend section's rows (or of one key's rows): labels, every column, the
// sparkline and the average, as the text trend has them.
html::table trend_table(const trend_report& t, std::string_view section, const std::vector<const trend_row*>& rows) {
  html::table out;
  for (auto h : tw::label_heads(section)) {
    out.heads.push_back(h);
    out.right.push_back(out.heads.size() == 3);
  }
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    out.heads.push_back(tw::column_head(t, i));
    out.right.push_back(true);
  }
  out.heads.insert(out.heads.end(), {"Trend", "Average"});
  out.right.insert(out.right.end(), {false, true});
  std::string last_key;
  for (const trend_row* r : rows) {
    std::vector<std::string> cells = tw::label_cells(*r, r->key != last_key);
    last_key = r->key;
    for (const auto& c : r->cells) cells.push_back(tw::cell_text(*r, c));
    cells.push_back(tw::sparkline(t, *r));
    cells.push_back(tw::average_text(t, *r));
    out.rows.push_back(std::move(cells));
  }
  return out;
}

std::vector<std::string> column_labels(const trend_report& t) {
  std::vector<std::string> labels;
  for (const auto& c : t.columns) labels.push_back(c.label);
  return labels;
}

std::vector<std::size_t> agreement_columns(const trend_report& t) {
  std::vector<std::size_t> marks;
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    if (!t.columns[i].agreements.empty()) marks.push_back(i);
  return marks;
}

// The rows of a section grouped by key (a dimension, kind or topic), in their order.
std::vector<std::vector<const trend_row*>> by_key(const std::vector<const trend_row*>& rows) {
  std::vector<std::vector<const trend_row*>> groups;
  for (const trend_row* r : rows) {
    if (groups.empty() || groups.back().front()->key != r->key) groups.emplace_back();
    groups.back().push_back(r);
  }
  return groups;
}

// "Mean ratings of heard, by month: alex 4.5 (4) in 2026-08, 4.0 (4) in 2026-09; sam …" — every
// column with something in it, as the table writes it.
std::string trend_desc(const trend_report& t, const std::vector<const trend_row*>& rows, std::string_view what) {
  std::vector<std::string> parts;
  for (const trend_row* r : rows) {
    if (r->kind == trend_row_kind::gap) continue;
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < r->cells.size(); ++i)
      if (!r->cells[i].empty()) cells.push_back(fmt::format("{} in {}", tw::cell_text(*r, r->cells[i]), t.columns[i].label));
    std::string list;
    for (const auto& c : cells) list += (list.empty() ? "" : ", ") + c;
    parts.push_back(fmt::format("{} {}", r->who.empty() ? "together" : r->who, cells.empty() ? "nothing yet" : list));
  }
  std::string joined;
  for (const auto& part : parts) joined += (joined.empty() ? "" : "; ") + part;
  return fmt::format("{} of {}, by {}: {}.", what, rows.front()->key, trend_step_name(t.every), joined);
}

void trend_checkins(html::page& p, const trend_report& t, const std::vector<const trend_row*>& rows) {
  for (const auto& group : by_key(rows)) {
    html::line_chart chart;
    std::string name = group.front()->key + (group.front()->retired ? " (retired)" : "");
    chart.title = fmt::format("{}: mean rating per {}, 1 to 5", name, tw::unit_word(t));
    chart.desc = trend_desc(t, group, "Mean ratings");
    chart.categories = column_labels(t);
    chart.marks = agreement_columns(t);
    chart.faint_note = fmt::format("hollow: fewer than {} ratings (~ in the table)", t.min_ratings);
    for (const trend_row* r : group) {
      if (r->kind != trend_row_kind::rating) continue;
      html::series s(r->who);
      for (const auto& c : r->cells) {
        s.values.push_back(c.value);
        s.tips.push_back(tw::cell_text(*r, c));
        s.faint.push_back(c.few);  // on fewer ratings than the minimum: hollow, like the table's ~
      }
      chart.lines.push_back(std::move(s));
    }
    html::heading(p, 3, name);
    html::write_figure(p, chart, trend_table(t, "checkins", group));
  }
}

// One kind's or topic's shares: a stacked bar per column, or, where no column has enough
// entries for a share, only its table of counts.
void trend_share_chart(html::page& p, const trend_report& t, std::string_view section, const std::vector<const trend_row*>& group) {
  html::heading(p, 3, group.front()->key);
  bool any_share = false;
  for (const trend_row* r : group)
    for (const auto& c : r->cells) any_share = any_share || c.value.has_value();
  if (!any_share) {
    html::paragraph(p, fmt::format("No {} has enough {} for shares yet: the table counts them.", tw::unit_word(t),
                                   section == "choices" ? "choices" : "entries"));
    html::write_table(p, trend_table(t, section, group));
    return;
  }
  html::stacked_chart chart;
  chart.title = fmt::format("{}: each person's share per {}, next to the agreed split", group.front()->key, tw::unit_word(t));
  chart.desc = trend_desc(t, group, section == "choices" ? "Shares of the choices" : "Shares");
  chart.categories = column_labels(t);
  chart.marks = agreement_columns(t);
  std::vector<double> split;
  for (const trend_row* r : group) {
    html::series s(r->who);
    for (const auto& c : r->cells) {
      s.values.push_back(c.value);
      s.tips.push_back(tw::cell_text(*r, c));
    }
    chart.parts.push_back(std::move(s));
    if (r->agreed) split.push_back(*r->agreed);
  }
  // A column with entries, but too few for a share, says so; one with none stays blank. The
  // agreed split is marked on the bars that are drawn.
  for (std::size_t k = 0; k < t.columns.size(); ++k) {
    bool some = false, drawn = false;
    for (const trend_row* r : group) {
      some = some || r->cells[k].of > 0;
      drawn = drawn || r->cells[k].value.has_value();
    }
    chart.notes.push_back(some ? "few" : "");
    chart.agreed.push_back(drawn && split.size() == group.size() ? split : std::vector<double>{});
  }
  html::write_figure(p, chart, trend_table(t, section, group));
}

void trend_shares(html::page& p, const trend_report& t, std::string_view section, const std::vector<const trend_row*>& rows) {
  std::vector<const trend_row*> totals;
  for (const auto& group : by_key(rows)) {
    if (group.front()->kind == trend_row_kind::share)
      trend_share_chart(p, t, section, group);
    else
      totals.insert(totals.end(), group.begin(), group.end());
  }
  // together and solo are hours, not shares: their table alone.
  if (!totals.empty()) {
    html::heading(p, 3, "Time together and alone");
    html::write_table(p, trend_table(t, section, totals));
  }
}

void trend_page(html::page& p, const trend_report& all) {
  html::heading(p, 1, tw::words::heading(all));
  html::paragraph(p, tw::words::span_line(all));
  html::paragraph(p, tw::words::view_line(all));
  html::paragraph(p, tw::words::counts_line(all));
  if (all.empty()) {
    html::paragraph(p, tw::words::nothing_yet);
    return;
  }
  const trend_report t = from_first_record(all);
  if (t.columns.size() < all.columns.size()) html::paragraph(p, first_column_line(all, t));
  for (std::string_view section : tw::sections) {
    if (!tw::shows(t, section)) continue;
    html::heading(p, 2, tw::section_title(section), section);
    auto rows = tw::rows_of(t, section);
    if (rows.empty()) {
      html::paragraph(p, tw::words::none_in(section));
      continue;
    }
    if (section == "checkins")
      trend_checkins(p, t, rows);
    else
      trend_shares(p, t, section, rows);
    html::paragraph(p, tw::words::caption(t, section), "note");
    if (tw::carries_over_claiming(t, section)) html::paragraph(p, over_claiming_note, "note");
  }
  html::paragraph(p, tw::words::columns_note(t), "note");
  if (t.agreements.empty()) return;
  html::heading(p, 2, tw::words::agreements_title, "agreements");
  std::vector<std::string> items;
  for (const auto& a : t.agreements) items.push_back(format_date(a.at) + " " + tw::words::agreement_text(a));
  html::list(p, items);
  html::paragraph(p, tw::words::agreements_note(), "note");
}

}  // namespace

void write_report_html(const report& r, const std::vector<std::string>& sections, sink& out) {
  html::page p(out, report_title(r), r.view == report_view::mine ? private_banner : std::string_view{});
  html::heading(p, 1, report_title(r));
  if (rw::safety_first(r, sections)) safety(p, r);
  for (const auto& section : report_sections_html)
    if (rw::wanted(sections, section.name) && !rw::quiet_section(r, sections, section.name)) section.write(p, r);
  p.end();
}

void write_trend_html(const trend_report& t, sink& out) {
  html::page p(out, tw::words::heading(t), t.view == report_view::mine ? private_banner : std::string_view{});
  trend_page(p, t);
  p.end();
}

}  // namespace balance
