#include "balance/import.hpp"

#include <unistd.h>

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "balance/boundaries.hpp"
#include "balance/error.hpp"
#include "balance/file_system.hpp"
#include "balance/format.hpp"
#include "balance/record_file.hpp"
#include "balance/text.hpp"

namespace balance {

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

// An imported event points at a boundary in the repository or in the same import, under the
// rules of the flag form (check_event_target).
void check_event_targets(const store& s, const std::vector<record>& incoming, const std::string& source,
                         std::vector<diagnostic>& problems) {
  if (std::none_of(incoming.begin(), incoming.end(), [](const record& rec) { return !rec.boundary.empty(); })) return;
  std::unordered_map<std::string, record> boundaries;
  scan_filter filter(record_type::boundary);
  filter.private_of_me = true;
  s.scan(filter, [&](record&& b) { boundaries.emplace(b.id, std::move(b)); });
  for (const auto& rec : incoming)
    if (rec.type == record_type::boundary && !rec.id.empty()) boundaries.emplace(rec.id, rec);
  std::size_t n = 0;
  for (const auto& rec : incoming) {
    ++n;
    if (rec.type != record_type::event || rec.boundary.empty()) continue;
    auto found = boundaries.find(rec.boundary);
    if (found == boundaries.end()) {
      problems.push_back({{source, rec.line, 0}, fmt::format("record {}: boundary {} is not in the repository or in this "
                                                             "import (import the boundary with its events)", n, rec.boundary)});
      continue;
    }
    try {
      check_event_target(rec, found->second);
    } catch (const error& e) {
      problems.push_back({{source, rec.line, 0}, fmt::format("record {}: {}", n, e.what())});
    }
  }
}

}  // namespace

import_result import_records(const store& s, std::string_view text, const std::string& source,
                             const import_options& opts) {
  const repo& r = s.repository();
  const settings& cfg = r.config();
  record_defaults defaults{r.cal().now, r.me()};
  std::vector<record> incoming = read_import(text, source, opts.type, cfg, &defaults);

  std::vector<diagnostic> problems;
  std::size_t n = 0;
  for (auto& rec : incoming) {
    ++n;
    std::string where = fmt::format("record {}", n);
    if (opts.make_private) rec.is_private = true;
    if (rec.type == record_type::checkin || rec.type == record_type::boundary) {
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
  check_event_targets(s, incoming, source, problems);
  if (!problems.empty()) throw error(errc::data, std::move(problems));
  // Boundaries before their events: a crash in between leaves no event without its boundary.
  std::stable_partition(incoming.begin(), incoming.end(), [](const record& rec) { return rec.type != record_type::event; });

  import_result result;
  auto existing = s.all_ids();
  std::vector<record> fresh;
  for (auto& rec : incoming) {
    if (!rec.id.empty() && !existing.insert(rec.id).second) {
      ++result.skipped;
      continue;
    }
    fresh.push_back(std::move(rec));
  }
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

}  // namespace balance
