// Moving over from jrnl: its plain-text export read into private pages, idempotently.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <sstream>

#include <date/date.h>
#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/id.hpp"
#include "balance/import.hpp"
#include "balance/journal.hpp"
#include "balance/text.hpp"

namespace balance {

namespace {

// The local time a `[DATE]` header spells in `timeformat`, if it is one.
std::optional<local_seconds> jrnl_date(std::string_view inside, const std::string& timeformat) {
  std::istringstream in{std::string(inside)};
  date::local_seconds t{};
  in >> date::parse(timeformat, t);
  if (in.fail()) return std::nullopt;
  in >> std::ws;
  if (!in.eof()) return std::nullopt;
  return local_seconds{t.time_since_epoch()};
}

// `@tag` and `#tag` words, lowercased, each once, in order of appearance.
std::vector<std::string> jrnl_tags(std::string_view text) {
  std::vector<std::string> tags;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '@' && c != '#') continue;
    if (i > 0 && !std::isspace(static_cast<unsigned char>(text[i - 1])) && text[i - 1] != '(') continue;
    std::string tag;
    for (std::size_t j = i + 1; j < text.size(); ++j) {
      char t = text[j];
      if (!(std::isalnum(static_cast<unsigned char>(t)) || t == '_' || t == '-')) break;
      tag += static_cast<char>(std::tolower(static_cast<unsigned char>(t)));
    }
    while (!tag.empty() && tag.back() == '-') tag.pop_back();
    if (!tag.empty() && is_valid_name(tag) && std::find(tags.begin(), tags.end(), tag) == tags.end())
      tags.push_back(tag);
  }
  return tags;
}

// An id from the page's time and words: the same entry imported again gets the same id.
std::string content_id(const timestamp& at, std::string_view text) {
  std::uint64_t h = fnv1a64(fmt::format("jrnl\n{}\n{}", format_timestamp(at), text));
  return fmt::format("{:012x}", h & 0xffffffffffffULL);
}

struct jrnl_entry {
  int line = 0;
  local_seconds at{};
  std::string title;
  std::vector<std::string> body;
};

std::vector<jrnl_entry> jrnl_entries(std::string_view text, const std::string& timeformat) {
  std::vector<jrnl_entry> entries;
  int number = 0;
  while (!text.empty() || number == 0) {
    auto nl = text.find('\n');
    std::string line(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    if (line.ends_with('\r')) line.pop_back();
    auto close = line.find(']');
    std::optional<local_seconds> at;
    if (line.starts_with('[') && close != std::string::npos) at = jrnl_date(line.substr(1, close - 1), timeformat);
    if (at) {
      std::string title = line.substr(close + 1);
      if (title.starts_with(' ')) title.erase(0, 1);
      entries.push_back({number, *at, title, {}});
    } else if (!entries.empty()) {
      entries.back().body.push_back(line);
    } else if (!trim(line).empty()) {
      throw error(errc::data, diagnostic{{"", number, 1}, fmt::format("expected a jrnl entry, [DATE] title, with "
                                                                        "DATE as \"{}\"",
                                                                        timeformat)});
    }
    if (nl == std::string_view::npos) break;
  }
  return entries;
}

}  // namespace

std::vector<record> read_jrnl(std::string_view text, const std::string& source, const std::string& timeformat,
                              const repo& rp) {
  std::vector<jrnl_entry> entries;
  try {
    entries = jrnl_entries(text, timeformat);
  } catch (error& e) {
    auto problems = e.problems();
    for (auto& p : problems) p.where.path = source;
    throw error(errc::data, std::move(problems));
  }
  std::vector<record> pages;
  std::vector<diagnostic> problems;
  validation_context ctx{&rp.config(), false, false};
  for (auto& e : entries) {
    while (!e.body.empty() && trim(e.body.back()).empty()) e.body.pop_back();
    record r;
    r.type = record_type::page;
    r.who = r.author = rp.me();
    r.is_private = true;
    r.at = rp.cal().tz.at(rp.cal().tz.to_sys(e.at));
    r.text = e.title;
    for (const auto& b : e.body) r.text += "\n" + b;
    r.tags = jrnl_tags(r.text);
    r.id = content_id(r.at, r.text);
    for (const auto& p : validate(r, ctx))
      if (!p.warning) problems.push_back({{source, e.line, 1}, p.message});
    pages.push_back(std::move(r));
  }
  if (!problems.empty()) throw error(errc::data, std::move(problems));
  return pages;
}

outcome import_jrnl(const store& s, const std::string& path, const std::string& timeformat, bool dry_run) {
  const repo& rp = s.repository();
  rp.require_private_owner();
  std::vector<record> pages = read_jrnl(read_input(path), path == "-" ? "stdin" : path, timeformat, rp);
  auto ids = s.all_ids();
  std::vector<record> fresh;
  std::size_t skipped = 0;
  for (auto& p : pages) {
    if (!ids.insert(p.id).second) {
      ++skipped;
      continue;
    }
    fresh.push_back(std::move(p));
  }
  outcome done;
  if (!dry_run && !fresh.empty()) {
    write_batch batch(s);
    for (auto& p : fresh) batch.add(p);
    done.paths = batch.commit();
  }
  done.summary = fmt::format("{} {} page{} from jrnl{}", dry_run ? "would add" : "added", fresh.size(),
                             fresh.size() == 1 ? "" : "s",
                             skipped ? fmt::format(", skipped {} already here", skipped) : std::string());
  if (!dry_run) done.records = std::move(fresh);
  return done;
}

}  // namespace balance
