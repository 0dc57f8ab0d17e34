#include "report_agreements.hpp"

#include <algorithm>

#include "balance/talk.hpp"

namespace balance::detail {

namespace {

constexpr int min_window_days = 7;
constexpr int max_window_days = 84;

// Days from `from` to `to`, to the nearest whole day, at least one.
int days_between(sys_seconds from, sys_seconds to) {
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(to - from).count();
  constexpr std::int64_t day = 24 * 60 * 60;
  return static_cast<int>(std::max<std::int64_t>(1, (secs + day / 2) / day));
}

}  // namespace

agreement_windows::agreement_windows(const settings& cfg, const calendar& cal, const period& span)
    : cfg_(cfg), cal_(cal), end_(std::min(span.end, cal.now.utc + std::chrono::seconds(1))) {}

void agreement_windows::add_agreement(const record& a) {
  if (!a.is_open_agreement() || a.at.utc >= end_) return;
  window w;
  w.agreement = a;
  w.end = end_;
  int before = std::clamp(days_between(a.at.utc, end_), min_window_days, max_window_days);
  w.before_begin = a.at.utc - std::chrono::days(before);
  windows_[a.id] = std::move(w);
}

void agreement_windows::add_review(const record& r) {
  auto it = windows_.find(r.agreement);
  if (it == windows_.end() || r.at.utc >= end_) return;
  window& w = it->second;
  ++w.reviews;
  if (!w.last_review || record_less(*w.last_review, r)) w.last_review = r;
}

void agreement_windows::add_checkin(const record& c) {
  for (auto& [id, w] : windows_) {
    sys_seconds t = c.at.utc;
    if (t < w.before_begin || t >= w.end) continue;
    auto& side = t < w.agreement.at.utc ? w.before : w.since;
    for (const auto& rt : c.ratings)
      if (cfg_.find_dimension(rt.key)) side[rt.key][c.who].add(rt.value);
  }
}

std::optional<sys_seconds> agreement_windows::earliest() const {
  std::optional<sys_seconds> first;
  for (const auto& [id, w] : windows_)
    if (!first || w.before_begin < *first) first = w.before_begin;
  return first;
}

// Each configured dimension someone rated around the agreement, with every person's means.
std::vector<agreement_dimension> agreement_windows::dimensions_of(const window& w) const {
  auto person = [](const std::map<std::string, std::map<std::string, running_mean>>& side, const std::string& key,
                   const std::string& who, std::optional<double>& mean, std::size_t& count) {
    auto d = side.find(key);
    if (d == side.end()) return;
    if (auto it = d->second.find(who); it != d->second.end()) {
      mean = it->second.mean();
      count = it->second.n;
    }
  };
  std::vector<agreement_dimension> out;
  for (const auto& d : cfg_.dimensions) {
    if (!w.before.count(d.key) && !w.since.count(d.key)) continue;
    agreement_dimension ad;
    ad.key = d.key;
    for (const auto& p : cfg_.people) {
      agreement_person ap;
      ap.name = p;
      person(w.before, d.key, p, ap.before, ap.before_count);
      person(w.since, d.key, p, ap.since, ap.since_count);
      ad.people.push_back(std::move(ap));
    }
    out.push_back(std::move(ad));
  }
  return out;
}

std::vector<agreement_summary> agreement_windows::finish() const {
  std::vector<agreement_summary> out;
  for (const auto& [id, w] : windows_) {
    agreement_summary a;
    a.id = id;
    a.text = w.agreement.text;
    a.at = w.agreement.at;
    a.review = agreement_cadence_of(w.agreement).to_string();
    a.reviews = w.reviews;
    if (w.last_review) {
      a.last_outcome = w.last_review->outcome;
      a.last_review = w.last_review->at;
    }
    a.before_begin = w.before_begin;
    a.end = w.end;
    a.before_days = days_between(w.before_begin, w.agreement.at.utc);
    a.since_days = days_between(w.agreement.at.utc, w.end);
    a.is_private = w.agreement.is_private;
    a.dimensions = dimensions_of(w);
    out.push_back(std::move(a));
  }
  std::sort(out.begin(), out.end(), [](const agreement_summary& x, const agreement_summary& y) {
    return x.at.utc != y.at.utc ? x.at.utc < y.at.utc : x.id < y.id;
  });
  return out;
}

}  // namespace balance::detail
