#include "balance/query.hpp"

#include <algorithm>

#include "balance/text.hpp"

namespace balance {

namespace {

bool contains_folded(const std::string& haystack, const std::string& needle_lower) {
  return !haystack.empty() && ascii_lower(haystack).find(needle_lower) != std::string::npos;
}

}  // namespace

bool matches(const query& q, const record& r) {
  if (q.who && r.who != *q.who) return false;
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

}  // namespace balance
