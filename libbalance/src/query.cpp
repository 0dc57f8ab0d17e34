#include "balance/query.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/repo.hpp"

#include "balance/text.hpp"

namespace balance {

namespace {

bool contains_folded(const std::string& haystack, const std::string& needle_lower) {
  return !haystack.empty() && ascii_lower(haystack).find(needle_lower) != std::string::npos;
}

}  // namespace

bool matches(const query& q, const record& r) {
  // A talk is everyone's who was there, not only the one who wrote it down.
  if (q.who && r.type == record_type::talk) {
    if (std::find(r.with.begin(), r.with.end(), *q.who) == r.with.end()) return false;
  } else if (q.who && r.who != *q.who) {
    return false;
  }
  if (q.kind && r.kind != *q.kind) return false;
  if (q.topic && r.topic != *q.topic) return false;
  if (q.active_only && !r.is_active_boundary()) return false;
  if (!q.mine && r.is_private) return false;
  for (const auto& t : q.tags)
    if (std::find(r.tags.begin(), r.tags.end(), t) == r.tags.end()) return false;
  if (!q.grep.empty()) {
    std::string needle = ascii_lower(q.grep);
    bool found = false;
    for (const std::string* field : {&r.feeling, &r.need, &r.thanks, &r.note, &r.what, &r.topic, &r.text, &r.kind})
      found = found || contains_folded(*field, needle);
    for (const auto& t : r.tags) found = found || contains_folded(t, needle);
    if (!found) return false;
  }
  return true;
}

std::vector<record> run_query(const store& s, const query& q, const std::function<void(const diagnostic&)>& on_warning) {
  scan_filter filter(q.type, q.span);
  filter.private_of_me = q.mine;
  std::vector<record> out;
  s.scan(filter, [&](record&& r) {
    if (matches(q, r)) out.push_back(std::move(r));
  }, on_warning);
  std::sort(out.begin(), out.end(), record_less);
  if (q.limit > 0 && out.size() > q.limit) out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(q.limit));
  if (q.reverse) std::reverse(out.begin(), out.end());
  return out;
}

query query_for(const repo& rp, const list_request& req) {
  query q;
  q.type = req.type;
  q.span = req.span;
  if (!req.who.empty()) q.who = rp.person(req.who, "--who");
  for (const auto& t : req.tags) {
    if (!is_valid_name(t)) throw_usage(fmt::format("--tag {}: tags use only a-z, 0-9, _ and -", escape_for_terminal(t)));
    q.tags.push_back(t);
  }
  if (!req.kind.empty()) {
    const auto& kinds = req.type == record_type::entry ? entry_kinds() : event_kinds();
    if (std::find(kinds.begin(), kinds.end(), req.kind) == kinds.end())
      throw_usage(fmt::format("--kind {}: not a kind{}", escape_for_terminal(req.kind), did_you_mean(req.kind, kinds)));
    q.kind = req.kind;
  }
  if (!req.topic.empty()) q.topic = req.topic;
  q.grep = req.grep;
  q.limit = req.limit;
  q.reverse = req.reverse;
  q.active_only = req.type == record_type::boundary && !req.all;
  q.mine = req.mine;
  return q;
}

void write_records(record_format f, record_type type, const std::vector<record>& records, const writer_options& wo, sink& out) {
  auto writer = make_record_writer(f, type, out, wo);
  for (const auto& r : records) writer->write(r);
  writer->finish();
}

list_result list_records(const store& s, const list_request& req, record_format f, const writer_options& wo, sink& out,
                         const std::function<void(const diagnostic&)>& on_warning) {
  query q = query_for(s.repository(), req);
  auto records = run_query(s, q, on_warning);
  write_records(f, req.type, records, wo, out);
  list_result result;
  result.count = records.size();
  if (records.empty() && f == record_format::text) {
    const char* what = req.type == record_type::checkin        ? "check-ins"
                       : req.type == record_type::entry         ? "entries"
                       : req.type == record_type::boundary      ? "boundaries"
                       : req.type == record_type::agreement     ? "agreements"
                       : req.type == record_type::review        ? "reviews"
                       : req.type == record_type::appreciation  ? "appreciations"
                       : req.type == record_type::repair        ? "repairs"
                       : req.type == record_type::talk          ? "talks"
                       : req.type == record_type::page          ? "pages"
                                                                : "events";
    bool filtered = q.who || !q.tags.empty() || q.kind || q.topic || !q.grep.empty();
    std::string where = q.span.is_all() ? "the repository" : q.span.label;
    result.empty_note = fmt::format("no {} in {}{}", what, where, filtered ? " match" : "");
  }
  return result;
}

}  // namespace balance
