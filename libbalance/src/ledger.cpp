#include "balance/ledger.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_set>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/format.hpp"
#include "balance/json.hpp"
#include "balance/query.hpp"
#include "balance/text.hpp"

namespace balance {

share_group parse_share_group(std::string_view text) {
  if (text == "kind") return share_group::kind;
  if (text == "topic") return share_group::topic;
  if (text == "tag") return share_group::tag;
  std::vector<std::string> names = {"kind", "topic", "tag"};
  throw_usage(fmt::format("--by {}: use kind, topic or tag{}", escape_for_terminal(text), did_you_mean(text, names)));
}

share_measure parse_share_measure(std::string_view text) {
  if (text == "weight") return share_measure::weight;
  if (text == "minutes") return share_measure::minutes;
  if (text == "count") return share_measure::count;
  std::vector<std::string> names = {"weight", "minutes", "count"};
  throw_usage(fmt::format("--measure {}: use weight, minutes or count{}", escape_for_terminal(text), did_you_mean(text, names)));
}

std::string_view share_group_name(share_group g) noexcept {
  switch (g) {
    case share_group::kind: return "kind";
    case share_group::topic: return "topic";
    case share_group::tag: return "tag";
  }
  return "kind";
}

std::string_view share_measure_name(share_measure m) noexcept {
  switch (m) {
    case share_measure::weight: return "weight";
    case share_measure::minutes: return "minutes";
    case share_measure::count: return "count";
  }
  return "weight";
}

namespace {

double amount_of(const record& r, share_measure m) {
  switch (m) {
    case share_measure::weight: return r.weight_or_default();
    case share_measure::minutes: return r.minutes ? static_cast<double>(*r.minutes) : 0.0;
    case share_measure::count: return 1.0;
  }
  return 0;
}

std::string percent(double share) { return share_text(share); }

std::string number(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return fmt::format("{:.0f}", v);
  return fmt::format("{:.1f}", v);
}

// A 20-cell bar for a share, with the target marked where it falls outside the filled part.
std::string bar(double share, double target) {
  constexpr int cells = 20;
  int filled = static_cast<int>(std::lround(std::clamp(share, 0.0, 1.0) * cells));
  int mark = static_cast<int>(std::lround(std::clamp(target, 0.0, 1.0) * cells));
  std::string out;
  for (int i = 0; i < cells; ++i) {
    if (i < filled)
      out += "█";
    else if (i == mark && mark > 0)
      out += "┊";
    else
      out += "·";
  }
  return out;
}

}  // namespace

balance_accumulator::balance_accumulator(const settings& cfg, share_group by, share_measure measure)
    : cfg_(cfg), by_(by), measure_(measure) {}

void balance_accumulator::add(const record& r) {
  if (r.type != record_type::entry) return;
  ++entries_;
  auto add_to = [&](const std::string& key) {
    auto& g = groups_[key];
    g.group = key;
    if (g.people.empty())
      for (const auto& p : cfg_.people) g.people.push_back({p, 0, 0, 0, 0, 0});
    double amount = amount_of(r, measure_);
    g.total += amount;
    ++g.entries;
    g.minutes += r.minutes.value_or(0);
    for (auto& p : g.people)
      if (p.name == r.who) {
        p.sum += amount;
        ++p.entries;
        p.minutes += r.minutes.value_or(0);
      }
  };
  switch (by_) {
    case share_group::kind: add_to(r.kind); break;
    case share_group::topic:
      if (!r.topic.empty()) add_to(r.topic);
      break;
    case share_group::tag:
      for (const auto& t : r.tags) add_to(t);
      break;
  }
}

ledger_balance balance_accumulator::finish(const period& span, const calendar& cal) const {
  ledger_balance b;
  b.by = by_;
  b.measure = measure_;
  b.span = span;
  b.span_text = describe_period(span, cal);
  if (span.begin != sys_seconds::min()) b.begin = format_timestamp(cal.tz.at(span.begin));
  if (span.end != sys_seconds::max()) b.end = format_timestamp(cal.tz.at(span.end));
  b.entries = entries_;
  b.min_share_entries = static_cast<std::size_t>(cfg_.signs.min_share_entries);
  b.share_gap = cfg_.signs.share_gap;
  auto groups = groups_;
  // With minutes, a kind nobody timed says nothing: leave it out rather than show 0% for all.
  if (measure_ == share_measure::minutes) std::erase_if(groups, [](const auto& g) { return g.second.total <= 0; });
  double equal = cfg_.people.empty() ? 0.0 : 1.0 / static_cast<double>(cfg_.people.size());
  for (auto& [key, g] : groups) {
    for (auto& p : g.people) {
      p.share = g.total > 0 ? p.sum / g.total : 0.0;
      p.target = by_ == share_group::kind ? cfg_.target_share(key, p.name) : equal;
    }
  }
  if (by_ == share_group::kind) {
    for (const auto& k : entry_kinds())
      if (auto it = groups.find(k); it != groups.end()) b.groups.push_back(std::move(it->second));
  } else {
    for (auto& [key, g] : groups) b.groups.push_back(std::move(g));
  }
  return b;
}

ledger_balance compute_balance(const std::vector<record>& entries, const settings& cfg, share_group by,
                               share_measure measure, const period& span, const calendar& cal) {
  balance_accumulator acc(cfg, by, measure);
  for (const auto& r : entries) acc.add(r);
  return acc.finish(span, cal);
}

ledger_balance stream_balance(const store& s, const query& q, share_group by, share_measure measure,
                              const std::function<void(const diagnostic&)>& on_warning) {
  const repo& rp = s.repository();
  balance_accumulator acc(rp.config(), by, measure);
  // Thanks may come after the period, so all of them; there are few, and most months have none.
  std::unordered_set<std::string> thanked_ids;
  s.scan(scan_filter(record_type::appreciation), [&](record&& a) {
    if (!a.entry.empty()) thanked_ids.insert(a.entry);
  }, on_warning);
  std::map<std::string, std::size_t> thanked;
  scan_filter filter(record_type::entry, q.span);
  filter.private_of_me = q.mine;
  s.scan(filter, [&](record&& r) {
    if (!matches(q, r)) return;
    acc.add(r);
    if (!thanked_ids.empty() && thanked_ids.count(r.id)) ++thanked[r.who];
  }, on_warning);
  ledger_balance b = acc.finish(q.span, rp.cal());
  if (!thanked.empty())
    for (const auto& p : rp.config().people) b.thanked.emplace_back(p, thanked[p]);
  return b;
}

const char* const over_claiming_note =
    "People tend to log more of their own work than their partner's: read the shares as what each of you "
    "noticed and logged.";

std::string share_text(double share) {
  long points = std::lround(share * 100);
  if (points >= 100) return "all";
  if (points <= 0) return "none";
  return fmt::format("{}%", points);
}

bool is_total_kind(std::string_view kind) noexcept { return kind == "together" || kind == "solo"; }

std::string_view split_words(const group_shares& g, double share_gap) {
  double far = 0;
  for (const auto& p : g.people) far = std::max(far, std::fabs(p.deviation()));
  constexpr double tolerance = 1e-9;
  if (far < share_gap / 3 - tolerance) return "close to";
  if (far < share_gap - tolerance) return "leaning from";
  return "far from";
}

namespace {

std::string hours(std::int64_t minutes) { return fmt::format("{:.1f} h", static_cast<double>(minutes) / 60.0); }

std::string times_text(std::size_t n) { return n == 1 ? "1 time" : fmt::format("{} times", n); }

bool is_total_group(const ledger_balance& b, const group_shares& g) {
  return b.by == share_group::kind && is_total_kind(g.group);
}

}  // namespace

std::string total_line(const group_shares& g) {
  if (g.group == "together")
    return g.minutes > 0 ? fmt::format("{}, {} in all", times_text(g.entries), hours(g.minutes)) : times_text(g.entries);
  std::string out;
  for (const auto& p : g.people) {
    if (!out.empty()) out += " · ";
    out += fmt::format("{} {}", p.name, times_text(p.entries));
    if (p.minutes > 0) out += ", " + hours(p.minutes);
  }
  return out;
}

void write_balance_text(const ledger_balance& b, sink& out, const style& st) {
  out.write(st.bold(fmt::format("Give and take, {}", b.span_text)));
  out.write("\n");
  out.write(fmt::format("Each person's share by {}, next to the share you agreed on.\n", share_measure_name(b.measure)));
  out.write("\n");
  write_balance_table(b, out, st);
  if (b.thanked.empty()) return;
  // Only who was thanked: a zero beside a name would read as a verdict on them.
  std::string list;
  for (const auto& [who, n] : b.thanked)
    if (n > 0) list += fmt::format("{}{} of {}'s", list.empty() ? "" : ", ", n, who);
  out.write(fmt::format("\nThanked with balance-ledger thank: {} {}.\n", list, "entries in this period"));
}

namespace {

const char* measure_column(share_measure m) {
  return m == share_measure::count ? "ENTRIES" : m == share_measure::weight ? "WEIGHT" : "MINUTES";
}

text_table share_table(const std::string& title, share_measure measure) {
  text_table table;
  table.add_column(title);
  table.add_column("WHO");
  table.add_column("SHARE", align::right);
  table.add_column("");
  table.add_column("AGREED", align::right);
  table.add_column(measure_column(measure), align::right);
  table.add_column("SPLIT");
  return table;
}

void add_share_rows(text_table& table, const ledger_balance& b, const group_shares& g) {
  bool enough = g.entries >= b.min_share_entries;
  bool first = true;
  for (const auto& p : g.people) {
    // Below the minimum a share would claim more than the data holds: counts instead.
    table.add_row({first ? g.group : "", p.name,
                   enough ? percent(p.share) : fmt::format("{} of {}", p.entries, g.entries),
                   enough ? bar(p.share, p.target) : "", percent(p.target), number(p.sum),
                   first ? (enough ? std::string(split_words(g, b.share_gap)) + " agreed" : "few entries") : ""});
    first = false;
  }
}

void write_indented(sink& out, const std::string& pad, const std::string& text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::size_t end = nl == std::string::npos ? text.size() : nl + 1;  // a last line without \n too
    out.write(pad);
    out.write(text.substr(start, end - start));
    start = end;
  }
}

// Totals line up under the table's first column.
void write_totals(const ledger_balance& b, const std::vector<const group_shares*>& totals, sink& out,
                  const std::string& title, std::size_t indent) {
  std::string pad(indent, ' ');
  std::size_t label = title.size();
  for (const auto& g : b.groups) label = std::max(label, g.group.size());
  for (const auto* g : totals) {
    out.write(pad);
    out.write(g->group + std::string(label + 2 - g->group.size(), ' '));
    out.write(wrap_text(escape_for_terminal(total_line(*g)), output_width, indent + label + 2));
    out.write("\n");
  }
}

}  // namespace

void write_balance_table(const ledger_balance& b, sink& out, const style& st, std::size_t indent) {
  std::string pad(indent, ' ');
  if (b.groups.empty()) {
    out.write(pad);
    out.write(b.entries == 0 ? "No entries in this period.\n"
                             : fmt::format("No entries in this period have a {}.\n", share_group_name(b.by)));
    return;
  }
  std::string title(share_group_name(b.by));
  for (auto& c : title) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  text_table table = share_table(title, b.measure);
  bool any_share = false;
  std::vector<const group_shares*> totals;
  for (const auto& g : b.groups) {
    if (is_total_group(b, g)) {
      totals.push_back(&g);
      continue;
    }
    any_share = true;
    add_share_rows(table, b, g);
  }
  if (any_share) {
    string_sink rendered;
    table.render(rendered, output_width - indent, st);
    write_indented(out, pad, rendered.str());
  }
  write_totals(b, totals, out, title, indent);
  out.write("\n");
  if (any_share) {
    out.write(pad);
    out.write(st.dim(fmt::format("█ share  ┊ agreed share. Below {} entries a kind shows counts, not shares.",
                                 b.min_share_entries)));
    out.write("\n");
  }
  out.write(pad);
  out.write(st.dim(wrap_text(over_claiming_note, output_width - indent, indent)));
  out.write("\n");
}

void write_balance_json(const ledger_balance& b, sink& out) {
  json_fields period;
  period.text("label", b.span.is_all() ? "all" : b.span.label).text_or_null("begin", b.begin).text_or_null("end", b.end);
  json_fields head;
  head.raw("period", period.object())
      .text("by", share_group_name(b.by))
      .text("measure", share_measure_name(b.measure))
      .count("entries", b.entries)
      .count("min_share_entries", b.min_share_entries);
  std::vector<std::string> groups;
  for (const auto& g : b.groups) {
    bool total = is_total_group(b, g);
    bool enough = !total && g.entries >= b.min_share_entries;
    // Time together is shared by definition: one total, no split by who logged it.
    bool together = total && g.group == "together";
    std::vector<std::string> people;
    for (std::size_t k = 0; k < g.people.size() && !together; ++k) {
      const auto& p = g.people[k];
      json_fields person;
      person.text("name", p.name).number("sum", p.sum).count("entries", p.entries).integer("minutes", p.minutes);
      // Shares only where a share means something: not for totals, not below the minimum.
      if (enough)
        person.number("share", p.share);
      else
        person.null("share");
      if (total)
        person.null("target");
      else
        person.number("target", p.target);
      people.push_back(person.object());
    }
    json_fields group;
    group.text("group", g.group).number("total", g.total).count("entries", g.entries).integer("minutes", g.minutes);
    if (enough)
      group.text("split", split_words(g, b.share_gap));
    else
      group.null("split");
    groups.push_back(group.raw("people", json_list(people)).object());
  }
  json_fields thanked;
  for (const auto& [who, n] : b.thanked) thanked.count(who, n);
  write_schema_document(out, head, "groups", groups,
                        json_fields().raw("thanked", thanked.object()).text("note", over_claiming_note));
}

turn_result whose_turn(const std::vector<record>& choices, std::string_view topic, const settings& cfg,
                       std::size_t window) {
  std::vector<const record*> relevant;
  for (const auto& r : choices)
    if (r.type == record_type::entry && r.kind == "choice" && r.topic == topic) relevant.push_back(&r);
  std::sort(relevant.begin(), relevant.end(), [](const record* a, const record* b) { return record_less(*a, *b); });
  if (window > 0 && relevant.size() > window)
    relevant.erase(relevant.begin(), relevant.end() - static_cast<std::ptrdiff_t>(window));

  turn_result result;
  result.choices = relevant.size();
  result.anyone_chose = !relevant.empty();
  std::string target_key = cfg.targets.count(std::string(topic)) ? std::string(topic) : "choice";
  struct candidate {
    std::string name;
    std::size_t count = 0;
    double target = 0;
    std::optional<sys_seconds> last;  // their latest choice in the window
    std::size_t order = 0;
  };
  std::vector<candidate> people;
  for (std::size_t i = 0; i < cfg.people.size(); ++i)
    people.push_back({cfg.people[i], 0, cfg.target_share(target_key, cfg.people[i]), std::nullopt, i});
  for (const record* r : relevant)
    for (auto& p : people)
      if (p.name == r->who) {
        ++p.count;
        p.last = r->at.utc;
      }
  for (const auto& p : people) result.counts.push_back({p.name, p.count});
  if (people.empty()) return result;

  auto ratio = [](const candidate& c) {
    if (c.target <= 0) return std::numeric_limits<double>::infinity();
    return static_cast<double>(c.count) / c.target;
  };
  auto better = [&](const candidate& a, const candidate& b) {
    double ra = ratio(a), rb = ratio(b);
    if (std::fabs(ra - rb) > 1e-9 && !(std::isinf(ra) && std::isinf(rb))) return ra < rb;
    // Whoever chose least recently goes first; never having chosen is the least recent of all.
    if (a.last != b.last) return !a.last || (b.last && *a.last < *b.last);
    return a.order < b.order;
  };
  result.person = std::min_element(people.begin(), people.end(), better)->name;
  return result;
}

std::vector<std::string> known_topics(const store& s, const period& span, std::string_view topic) {
  const settings& cfg = s.repository().config();
  std::set<std::string> topics(cfg.remind_turns.begin(), cfg.remind_turns.end());
  for (const auto& [key, shares] : cfg.targets) topics.insert(key);
  if (!topic.empty() && topics.count(std::string(topic))) return {topics.begin(), topics.end()};
  s.scan(scan_filter(record_type::entry, span), [&](record&& e) {
    if (!e.topic.empty()) topics.insert(e.topic);
  });
  return {topics.begin(), topics.end()};
}

std::optional<std::string> new_topic_note(std::string_view topic, const std::vector<std::string>& known) {
  if (topic.empty() || std::find(known.begin(), known.end(), topic) != known.end()) return std::nullopt;
  std::string suggestion = did_you_mean(topic, known);
  if (suggestion.empty()) return std::nullopt;
  return fmt::format("new topic \"{}\"{}", topic, suggestion);
}

void write_ledger_journal(const std::vector<record>& entries, sink& out) {
  out.write("; balance ledger export: one transaction per entry, unbalanced virtual postings per kind and person.\n");
  out.write("; Try: ledger -f FILE balance    or    hledger -f FILE balance\n");
  for (const auto& r : entries) {
    if (r.type != record_type::entry) continue;
    // One line, single spaces (two spaces or a tab before ';' would start a comment in ledger),
    // and no leading character that means something right after the date (*, !, a (code)).
    std::string payee;
    for (char c : r.what) {
      char ch = c == '\n' || c == '\t' ? ' ' : c;
      if (ch == ' ' && (payee.empty() || payee.back() == ' ')) continue;
      if (payee.empty() && (ch == '*' || ch == '!' || ch == '(')) payee.append("- ");
      payee.push_back(ch);
    }
    out.write(fmt::format("\n{} {}\n", format_date(r.at), payee));
    out.write(fmt::format("    ; id: {}\n", r.id));
    if (!r.topic.empty()) out.write(fmt::format("    ; topic: {}\n", r.topic));
    if (r.minutes) out.write(fmt::format("    ; minutes: {}\n", *r.minutes));
    if (!r.for_whom.empty()) out.write(fmt::format("    ; for: {}\n", r.for_whom));
    if (r.is_private) out.write("    ; private\n");
    if (!r.tags.empty()) {
      std::string tags = ":";
      for (const auto& t : r.tags) tags += t + ":";
      out.write(fmt::format("    ; {}\n", tags));
    }
    out.write(fmt::format("    ({}:{})  {}\n", r.kind, r.who, fmt::format("{}", r.weight_or_default())));
  }
}

namespace {

query entries_of(const period& span, bool mine) {
  query q;
  q.type = record_type::entry;
  q.span = span;
  q.mine = mine;
  return q;
}

}  // namespace

ledger_balance entry_balance(const store& s, const period& span, bool mine, std::string_view by,
                             std::string_view measure, const warning_handler& on_warning) {
  return stream_balance(s, entries_of(span, mine), parse_share_group(by), parse_share_measure(measure), on_warning);
}

turn_result turn_of(const store& s, const std::string& topic, const std::string& period_text,
                    const warning_handler& on_warning) {
  const repo& rp = s.repository();
  if (!is_valid_name(topic)) throw_usage(fmt::format("topic \"{}\" must use only a-z, 0-9, _ and -", escape_for_terminal(topic)));
  query q = entries_of(period_text.empty() ? period{} : parse_period(period_text, rp.cal()), false);
  q.kind = "choice";
  q.topic = topic;
  auto t = whose_turn(run_query(s, q, on_warning), topic, rp.config(), period_text.empty() ? turn_window : 0);
  if (t.person.empty()) throw error(errc::config, "balance.toml lists no people");
  return t;
}

void export_journal(const store& s, const period& span, bool mine, const warning_handler& on_warning, sink& out) {
  write_ledger_journal(run_query(s, entries_of(span, mine), on_warning), out);
}

record new_entry(const repo& rp) {
  record r;
  r.type = record_type::entry;
  r.author = rp.me();
  r.who = rp.me();
  r.at = rp.cal().now;
  return r;
}

outcome add_entry(const store& s, record r) {
  const repo& rp = s.repository();
  r.who = rp.person(r.who, "--who");
  if (!r.for_whom.empty()) r.for_whom = rp.person(r.for_whom, "--for");
  if (std::find(entry_kinds().begin(), entry_kinds().end(), r.kind) == entry_kinds().end())
    throw_usage(fmt::format("unknown kind \"{}\"{}; kinds are chore, invisible, choice, solo, together, sacrifice",
                            escape_for_terminal(r.kind), did_you_mean(r.kind, entry_kinds())));
  check_flag_record(r, rp.config());
  std::vector<std::string> notes;
  if (!r.topic.empty()) {
    // A topic nobody used yet, one typo from one that is, is worth a word before it splits turns.
    period around = parse_period("last-month", rp.cal());
    around.end = std::max(around.end, r.at.utc + std::chrono::seconds(1));
    around.begin = std::min(around.begin, r.at.utc - std::chrono::hours(24 * 31));
    if (auto note = new_topic_note(r.topic, known_topics(s, around, r.topic))) notes.push_back(*note + "; saved as given");
  }
  outcome done = add_record(s, std::move(r));
  done.notes = std::move(notes);
  return done;
}

}  // namespace balance
