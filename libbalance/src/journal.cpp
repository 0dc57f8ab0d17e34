// Journal pages: adding one (from words, stdin or the editor), listing, on-this-day, the
// markdown export and jrnl's import. The prompt deck is in journal_prompts.cpp.
#include "balance/journal.hpp"

#include <algorithm>
#include <sstream>

#include <date/date.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "balance/editor.hpp"
#include "balance/error.hpp"
#include "balance/import.hpp"
#include "balance/query.hpp"
#include "balance/text.hpp"
#include "balance/when.hpp"

namespace balance {

namespace {

std::vector<std::string> given(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const auto& w : words)
    if (!w.empty() && std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  return out;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

// Lines joined with newlines, without the blank lines at either end.
std::string join_trimmed(const std::vector<std::string_view>& lines) {
  std::size_t first = 0, last = lines.size();
  while (first < last && trim(lines[first]).empty()) ++first;
  while (last > first && trim(lines[last - 1]).empty()) --last;
  std::string out;
  for (std::size_t i = first; i < last; ++i) {
    if (i > first) out += '\n';
    out += lines[i];
  }
  return out;
}

}  // namespace

outcome add_page(const store& s, const page_options& o) {
  const repo& rp = s.repository();
  // Before anything is written: a private page can only go into this computer's own store.
  if (!o.shared) rp.require_private_owner();
  if (trim(o.text).empty())
    throw_usage("a page needs some words: balance-journal TEXT, or - to read them from standard input, or run it "
                "in a terminal to write in your editor");
  record r;
  r.type = record_type::page;
  r.who = r.author = rp.me();
  r.at = o.at.empty() ? rp.cal().now : parse_when(o.at, rp.cal());
  r.is_private = !o.shared;
  r.text = o.text;
  r.tags = given(o.tags);
  if (!o.mood.empty()) set_field_text(r, "mood", o.mood, rp.config());
  if (o.answer_prompt) r.prompt = todays_prompt(rp).key;
  check_flag_record(r, rp.config());
  return add_record(s, std::move(r));
}

std::string page_template(const repo& rp, const page_options& o) {
  journal_prompt p = todays_prompt(rp);
  std::string out;
  out += o.answer_prompt ? fmt::format("# Today's prompt ({}):\n#   {}\n#\n", p.key, p.text)
                         : fmt::format("# Today's prompt, if you would like one ({}):\n#   {}\n#\n", p.key, p.text);
  out += o.shared ? "# Shared: this page goes into the repository, for both of you to read.\n"
                  : "# Private: kept outside the shared repository, never synced to your partner; anyone who can use this account could read it.\n";
  out += "# Lines starting with # are left out. Save an empty page to write nothing.\n\n";
  return out;
}

std::string page_text_of(std::string_view buffer) {
  std::vector<std::string_view> kept;
  for (auto line : lines_of(buffer)) {
    auto t = trim(line);
    if (!t.empty() && t.front() == '#') continue;
    kept.push_back(line);
  }
  return join_trimmed(kept);
}

outcome add_page_in_editor(const store& s, page_options o) {
  const repo& rp = s.repository();
  if (!o.shared) rp.require_private_owner();
  edit_buffer buffer = edit_text(page_template(rp, o), "page.txt", editor_command(rp.user()));
  o.text = page_text_of(buffer.text);
  if (trim(o.text).empty()) {
    discard_buffer(buffer);
    return nothing_written("the page was empty; nothing saved");
  }
  try {
    outcome done = add_page(s, o);
    discard_buffer(buffer);
    return done;
  } catch (const error& e) {
    throw error(e.kind(), fmt::format("{}; the page was not saved, your text is kept in {}", e.what(), buffer.path.string()));
  }
}

std::vector<record> journal_pages(const store& s, const journal_filter& f) {
  const repo& rp = s.repository();
  query q;
  q.type = record_type::page;
  q.span = f.span;
  q.tags = f.tags;
  q.grep = f.grep;
  q.limit = f.limit;
  q.reverse = f.reverse;
  q.mine = !f.shared;
  if (!f.shared) q.who = rp.me();
  return run_query(s, q);
}

namespace {

using date::days;

date::year_month_day ymd_of(local_days d) { return date::year_month_day{date::sys_days{d.time_since_epoch()}}; }

local_days day_written(const record& r) { return std::chrono::floor<days>(r.at.local()); }

}  // namespace

bool remembered_on(local_days written, local_days today, int years) {
  auto w = ymd_of(written), t = ymd_of(today);
  int months_back = (int(t.year()) - int(w.year())) * 12 + (int(unsigned(t.month())) - int(unsigned(w.month())));
  if (months_back < 1) return false;
  if (months_back >= 12 && (months_back % 12 != 0 || months_back / 12 > years)) return false;
  unsigned wd = unsigned(w.day()), td = unsigned(t.day());
  if (wd == td) return true;
  // A day this month lacks is remembered on its last day.
  auto last = date::year_month_day_last{t.year(), date::month_day_last{t.month()}};
  return td == unsigned(last.day()) && wd > td;
}

std::vector<record> pages_on_this_day(const store& s, int years, bool shared) {
  const repo& rp = s.repository();
  if (years < 0) throw_usage("--years must be 0 or more");
  local_days today = rp.cal().today();
  auto t = ymd_of(today);
  // From the first day of the month `years` years back (11 months when 0), to the start of today.
  auto first = date::year_month_day{t.year() - date::years{years}, t.month(), date::day{1}};
  if (years == 0) {
    auto ym = date::year_month{t.year(), t.month()} - date::months{11};
    first = date::year_month_day{ym.year(), ym.month(), date::day{1}};
  }
  scan_filter filter(record_type::page);
  filter.span.begin = rp.cal().tz.day_start(local_days{date::sys_days{first}.time_since_epoch()});
  filter.span.end = rp.cal().tz.day_start(today);
  filter.private_of_me = !shared;
  if (!shared) filter.author = rp.me();
  std::vector<record> pages = s.load(filter);
  std::erase_if(pages, [&](const record& r) { return !remembered_on(day_written(r), today, years); });
  return pages;
}

namespace {

std::string dated_heading(const timestamp& at) {
  static const char* const weekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
  auto local = at.local();
  auto day = std::chrono::floor<days>(local);
  auto ymd = ymd_of(day);
  date::hh_mm_ss<std::chrono::seconds> time{local - day};
  date::weekday wd{date::sys_days{day.time_since_epoch()}};
  return fmt::format("{} {} {} {}, {:02}:{:02}", weekdays[wd.c_encoding()], unsigned(ymd.day()),
                     months[unsigned(ymd.month()) - 1], int(ymd.year()), time.hours().count(), time.minutes().count());
}

}  // namespace

void write_pages_markdown(const std::vector<record>& pages, const repo& rp, bool shared, sink& out) {
  out.write(shared ? std::string("# Our shared journal\n") : fmt::format("# Journal of {}\n", rp.me()));
  if (pages.empty()) out.write("\nNo pages yet.\n");
  for (const auto& p : pages) {
    out.write(fmt::format("\n## {}\n\n", dated_heading(p.at)));
    std::vector<std::string> about;
    if (!p.tags.empty()) {
      std::string tags;
      for (const auto& t : p.tags) tags += fmt::format("{}#{}", tags.empty() ? "" : " ", t);
      about.push_back(tags);
    }
    if (!p.prompt.empty()) about.push_back(fmt::format("prompt: {}", p.prompt));
    if (p.mood) about.push_back(fmt::format("mood {}", *p.mood));
    if (p.is_private) about.push_back("private");
    if (!about.empty()) {
      std::string line;
      for (const auto& a : about) line += (line.empty() ? "" : " · ") + a;
      out.write(fmt::format("_{}_\n\n", line));
    }
    out.write(p.text);
    if (!p.text.ends_with('\n')) out.write("\n");
  }
}

void write_todays_prompt(const repo& rp, format f, sink& out) {
  journal_prompt p = todays_prompt(rp);
  if (f == format::json) {
    nlohmann::ordered_json j = {{"schema", 1}, {"date", format_date(rp.cal().now)}, {"key", p.key}, {"text", p.text}};
    out.write(j.dump(2) + "\n");
    return;
  }
  out.write(fmt::format("{} ({})\n", p.text, p.key));
}

void write_prompt_deck(const repo& rp, format f, sink& out) {
  auto deck = prompt_deck(rp.config());
  if (f == format::json) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& p : deck) j.push_back({{"key", p.key}, {"text", p.text}});
    out.write(j.dump(2) + "\n");
    return;
  }
  std::size_t width = 0;
  for (const auto& p : deck) width = std::max(width, p.key.size());
  for (const auto& p : deck) out.write(fmt::format("{:<{}}  {}\n", p.key, width, escape_for_terminal(p.text)));
}

}  // namespace balance
