#include "balance/import.hpp"

#include <unistd.h>

#include <fmt/format.h>

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

import_result import_records(const store& s, std::string_view text, const std::string& source,
                             const import_options& opts) {
  const repo& r = s.repository();
  const settings& cfg = r.config();
  std::vector<record> incoming = read_import(text, source, opts.type, cfg);

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
  if (!problems.empty()) throw error(errc::data, std::move(problems));

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
