#include "balance/talk.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/id.hpp"
#include "balance/text.hpp"
#include "balance/when.hpp"

namespace balance {

cadence default_agreement_review() { return parse_cadence("biweekly"); }

cadence agreement_cadence_of(const record& agreement) {
  if (!agreement.review.empty()) {
    try {
      return parse_cadence(agreement.review);
    } catch (const error&) {
      // Validation reports a bad cadence; here the default keeps the view usable.
    }
  }
  return default_agreement_review();
}

void check_reference_target(const record& r, const record& target) {
  if (r.type == record_type::appreciation) {
    if (target.is_private)
      throw_usage(fmt::format("entry {} is private, so it stays out of anything shared; a thank-you can still be "
                              "said in words (balance-talk thank NAME TEXT)",
                              target.id.substr(0, 7)));
    return;
  }
  if (r.type == record_type::talk) {
    if (target.is_private && !r.is_private)
      throw_usage(fmt::format("agreement {} is private; a shared talk never points at a private agreement",
                              target.id.substr(0, 7)));
    return;
  }
  if (r.type != record_type::review) return;
  if (r.at.utc < target.at.utc)
    throw_usage(fmt::format("agreement {} was made on {}; a review comes after it (check --at)",
                            target.id.substr(0, 7), format_date(target.at)));
  bool before_closed = target.closed && r.at.utc < target.closed->utc;
  if (!target.is_open_agreement() && !before_closed)
    throw_usage(fmt::format("agreement {} is {}, so the review was not noted: an --at before {} notes one from "
                            "before then, and `balance-talk edit {} --status open --closed \"\"` reopens it",
                            target.id.substr(0, 7), target.status,
                            target.closed ? format_date(*target.closed) : std::string("it was closed"),
                            target.id.substr(0, 7)));
  if (target.is_private && !r.is_private)
    throw_usage(fmt::format("agreement {} is private; a shared review never points at a private agreement",
                            target.id.substr(0, 7)));
}

std::vector<agreement_view> load_agreements(const store& s, bool include_closed, bool mine) {
  const repo& rp = s.repository();
  scan_filter defs(record_type::agreement);
  defs.private_of_me = mine;
  std::vector<record> agreements = s.load(defs);
  std::map<std::string, std::vector<record>> reviews;
  scan_filter review_filter(record_type::review);
  review_filter.private_of_me = mine;
  s.scan(review_filter, [&](record&& r) {
    if (!r.agreement.empty()) reviews[r.agreement].push_back(std::move(r));
  });
  std::vector<agreement_view> views;
  for (auto& a : agreements) {
    if (!include_closed && !a.is_open_agreement()) continue;
    agreement_view v;
    v.reviews = std::move(reviews[a.id]);
    std::sort(v.reviews.begin(), v.reviews.end(), record_less);
    v.review_since = a.at;
    for (const auto& r : v.reviews)
      if (r.at.utc > v.review_since.utc) v.review_since = r.at;
    if (a.is_open_agreement()) {
      v.next_review = review_due_at(agreement_cadence_of(a), v.review_since, rp.cal());
      // Due from the start of that day, as check-ins and talks are: a talk held a few hours
      // earlier than last week's still gets the review.
      if (v.next_review) v.next_review = rp.cal().tz.day_start(rp.cal().day_of(*v.next_review));
      v.review_due = v.next_review && *v.next_review <= rp.cal().now.utc;
    }
    v.agreement = std::move(a);
    views.push_back(std::move(v));
  }
  return views;
}

namespace {

timestamp when_or_now(const repo& rp, const std::string& at) { return at.empty() ? rp.cal().now : parse_when(at, rp.cal()); }

// A new record of `type` by me, in my own file, at WHEN `at` (now when empty).
record new_mine(const repo& rp, record_type type, const std::string& at) {
  record r;
  r.type = type;
  r.who = rp.me();
  r.author = r.who;
  r.at = when_or_now(rp, at);
  return r;
}

std::vector<std::string> given_tags(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  for (const auto& t : tags)
    if (!t.empty()) out.push_back(t);
  return out;
}

std::string short_of(const std::string& id) { return id.substr(0, 7); }

}  // namespace

outcome add_agreement(const store& s, const agreement_options& o) {
  const repo& rp = s.repository();
  if (trim(o.text).empty())
    throw_usage("agree needs the agreement's TEXT, worded as something you will both try, e.g. "
                "balance-talk agree \"We put our phones away at dinner\"");
  record r = new_mine(rp, record_type::agreement, o.at);
  r.text = o.text;
  r.review = (o.review.empty() ? default_agreement_review() : parse_cadence(o.review)).to_string();
  r.tags = given_tags(o.tags);
  check_flag_record(r, rp.config());
  return add_record(s, std::move(r), [](const record& a) {
    return fmt::format("added agreement {}; review {}", short_of(a.id), a.review);
  });
}

outcome review_agreement(const store& s, const review_options& o) {
  const repo& rp = s.repository();
  record target = s.find(record_type::agreement, o.agreement);
  record r = new_mine(rp, record_type::review, o.at);
  r.agreement = target.id;
  r.outcome = o.outcome;
  r.note = o.note;
  check_reference_target(r, target);
  check_flag_record(r, rp.config());
  // The next review counts from this one (backdated or not), due from the start of its day.
  std::string next = "it is " + target.status + ", so no next review";
  if (target.is_open_agreement()) {
    auto due = review_due_at(agreement_cadence_of(target), r.at, rp.cal());
    next = due ? "next review " + format_date(rp.cal().tz.at(*due)) : "no next review (its review is off)";
  }
  return add_record(s, std::move(r), [next](const record& rv) {
    return fmt::format("reviewed agreement {} ({}), review {}; {}", short_of(rv.agreement), rv.outcome,
                       short_of(rv.id), next);
  });
}

outcome close_agreement(const store& s, const std::string& id, const std::string& status) {
  record before = s.find(record_type::agreement, id);
  if (before.status == status)
    return nothing_written(fmt::format("agreement {} is already {}", short_of(before.id), status));
  if (!before.is_open_agreement())
    throw_usage(fmt::format("agreement {} is {} already; `balance-talk edit {} --status {}` changes that", short_of(before.id),
                            before.status, short_of(before.id), status));
  record after = before;
  after.status = status;
  after.closed = s.repository().cal().now;
  write_batch batch(s);
  batch.replace(before, after);
  auto paths = batch.commit();
  std::string summary = status == "done" ? fmt::format("agreement {} is done; its reviews stay", short_of(before.id))
                                         : fmt::format("agreement {} is dropped; its reviews stay", short_of(before.id));
  return {std::move(paths), std::move(summary), {after}, {}};
}

namespace {

// The type of the talk record whose id starts with `prefix` (shared, or my own private).
std::vector<record_type> types_with_prefix(const store& s, const std::string& prefix) {
  std::vector<record_type> found;
  for (record_type t : {record_type::agreement, record_type::review, record_type::appreciation, record_type::repair,
                        record_type::talk}) {
    bool any = false;
    scan_filter filter(t);
    filter.private_of_me = true;
    s.scan(filter, [&](record&& r) { any = any || r.id.starts_with(prefix); });
    if (any) found.push_back(t);
  }
  return found;
}

// A talk that made the agreement keeps its id: removing the agreement would leave it pointing
// at nothing, so it is closed instead.
void refuse_if_from_a_talk(const store& s, const record& agreement) {
  scan_filter filter(record_type::talk);
  filter.private_of_me = true;
  std::optional<record> from;
  s.scan(filter, [&](record&& t) {
    if (t.agreement == agreement.id && !from) from = std::move(t);
  });
  if (from)
    throw_usage(fmt::format("agreement {} was made in the talk of {} ({}), which keeps it; mark it done or dropped "
                            "instead (balance-talk done {})",
                            short_of(agreement.id), format_date(from->at), short_of(from->id), short_of(agreement.id)));
}

}  // namespace

record_type talk_record_type(const store& s, const std::string& prefix) {
  if (!is_valid_id_prefix(prefix))
    (void)s.find(record_type::agreement, prefix);  // throws the message every tool gives for a bad id
  auto types = types_with_prefix(s, prefix);
  if (types.empty())
    throw_usage(fmt::format("no agreement, review, appreciation, repair or talk has an id starting with {}", prefix));
  if (types.size() > 1)
    throw_usage(fmt::format("more than one record has an id starting with {}; give more digits", prefix));
  return types.front();
}

outcome remove_talk_record(const store& s, const std::string& id, bool with_reviews, bool dry_run) {
  record_type type = talk_record_type(s, id);
  if (type != record_type::agreement) {
    if (with_reviews) throw_usage("--with-reviews goes with an agreement's id");
    return remove_record(s, type, id, dry_run);
  }
  record a = s.find(record_type::agreement, id);
  refuse_if_from_a_talk(s, a);
  std::vector<record> reviews;
  scan_filter filter(record_type::review);
  filter.private_of_me = true;
  s.scan(filter, [&](record&& r) {
    if (r.agreement == a.id) reviews.push_back(std::move(r));
  });
  std::string n = reviews.empty() ? "" : fmt::format(" and {} review{}", reviews.size(), reviews.size() == 1 ? "" : "s");
  if (!reviews.empty() && !with_reviews)
    throw_usage(fmt::format("agreement {} has {} review{} pointing at it. To keep its history, mark it done or dropped "
                            "instead (balance-talk done {}); to remove both, add --with-reviews",
                            short_of(a.id), reviews.size(), reviews.size() == 1 ? "" : "s", short_of(a.id)));
  if (dry_run) return nothing_written(fmt::format("would remove agreement {}{}", short_of(a.id), n));
  write_batch batch(s);
  for (const auto& r : reviews) batch.remove(r);
  batch.remove(a);
  outcome done{batch.commit(), fmt::format("removed agreement {}{}", short_of(a.id), n), std::move(reviews), {}};
  done.records.push_back(std::move(a));
  return done;
}

outcome add_appreciation(const store& s, const appreciation_options& o) {
  const repo& rp = s.repository();
  record r = new_mine(rp, record_type::appreciation, o.at);
  if (!o.who.empty()) r.who = r.author = rp.person(o.who, "--who");
  r.for_whom = rp.person(o.for_whom, "NAME");
  if (r.for_whom == r.who)
    throw_usage("a thank-you goes to someone else; what you did yourself still counts, and a ledger entry keeps it");
  if (trim(o.text).empty()) throw_usage(fmt::format("thank needs the TEXT: what you appreciated about {}", r.for_whom));
  r.text = o.text;
  r.tags = given_tags(o.tags);
  check_flag_record(r, rp.config());
  return add_record(s, std::move(r), [](const record& a) {
    return fmt::format("thanked {}, appreciation {}", a.for_whom, short_of(a.id));
  });
}

outcome thank_entry(const store& s, const std::string& entry_id, const std::string& text, const std::string& at) {
  const repo& rp = s.repository();
  record entry = s.find(record_type::entry, entry_id);
  record r = new_mine(rp, record_type::appreciation, at);
  r.entry = entry.id;
  check_reference_target(r, entry);
  if (entry.who == r.who)
    throw_usage(fmt::format("entry {} is your own; thanks are for what someone else did. It still counts, and it is "
                            "in the ledger",
                            short_of(entry.id)));
  r.for_whom = entry.who;
  r.text = trim(text).empty() ? entry.what : text;
  check_flag_record(r, rp.config());
  return add_record(s, std::move(r), [](const record& a) {
    return fmt::format("thanked {} for entry {}, appreciation {}", a.for_whom, short_of(a.entry), short_of(a.id));
  });
}

outcome add_repair(const store& s, const repair_options& o) {
  const repo& rp = s.repository();
  record r = new_mine(rp, record_type::repair, o.at);
  r.text = o.text;
  if (o.humour) r.humour = true;
  r.note = o.note;
  check_flag_record(r, rp.config());
  return add_record(s, std::move(r), [](const record& a) { return fmt::format("noted a repair, {}", short_of(a.id)); });
}

std::vector<agreement_view> agreement_reviews_due(const store& s, bool mine) {
  auto views = load_agreements(s, false, mine);
  std::erase_if(views, [](const agreement_view& v) { return !v.review_due; });
  return views;
}

std::string write_agreement_list(const std::vector<agreement_view>& views, bool all, record_format f,
                                 const writer_options& wo, const calendar& cal, sink& out) {
  if (f != record_format::text) {
    auto writer = make_record_writer(f, record_type::agreement, out, wo);
    for (const auto& v : views) writer->write(v.agreement);
    writer->finish();
    return {};
  }
  if (views.empty()) return all ? "no agreements yet" : "no open agreements";
  text_table table;
  for (const char* title : {"ID", "SINCE", "BY", "REVIEW", "NEXT", "LAST"}) table.add_column(title);
  table.add_column("TEXT", align::left, true);
  for (const auto& v : views) {
    const record& a = v.agreement;
    std::string next = !a.is_open_agreement() ? a.status
                       : v.next_review        ? (v.review_due ? "now" : format_date(cal.tz.at(*v.next_review)))
                                              : "-";
    std::string last = v.reviews.empty() ? "-" : v.reviews.back().outcome;
    table.add_row({short_of(a.id), format_date(a.at), a.who, a.review.empty() ? agreement_cadence_of(a).to_string() : a.review,
                   next, last, a.is_private ? "(private) " + a.text : a.text});
  }
  table.render(out, wo.width, wo.st);
  return {};
}

outcome add_talk(const store& s, const talk_options& o) {
  const repo& rp = s.repository();
  record r = new_mine(rp, record_type::talk, "");
  if (o.at) r.at = *o.at;
  for (const auto& p : o.with) r.with.push_back(rp.person(p, "--with"));
  r.spoke = o.spoke;
  r.topic = o.topic;
  r.sign = o.sign;
  r.appreciations = o.appreciations;
  r.note = o.note;
  if (!o.agreement.empty()) {
    record target = s.find(record_type::agreement, o.agreement);
    r.agreement = target.id;
    check_reference_target(r, target);
  }
  check_flag_record(r, rp.config());
  return add_record(s, std::move(r), [](const record& t) { return fmt::format("saved talk {}", short_of(t.id)); });
}

std::vector<record> load_talks(const store& s, const period& span) { return s.load(scan_filter(record_type::talk, span)); }

namespace {

std::string minutes_text(double m) { return fmt::format("{}m", std::round(m * 10) / 10); }

}  // namespace

std::string spoken_shares(const record& talk) {
  double total = 0;
  for (const auto& m : talk.spoke) total += m.minutes;
  if (talk.spoke.empty()) return "-";
  std::string out;
  for (const auto& m : talk.spoke) {
    out += out.empty() ? "" : " ";
    out += fmt::format("{} {}", m.who, minutes_text(m.minutes));
    if (total > 0) out += fmt::format(" ({}%)", std::lround(100 * m.minutes / total));
  }
  return out;
}

std::string write_talk_log(const std::vector<record>& talks, const std::string& span_label, record_format f,
                           const writer_options& wo, sink& out) {
  if (f != record_format::text) {
    auto writer = make_record_writer(f, record_type::talk, out, wo);
    for (const auto& t : talks) writer->write(t);
    writer->finish();
    return {};
  }
  if (talks.empty()) return fmt::format("no talks in {}", span_label);
  text_table table;
  for (const char* title : {"DATE", "WITH", "SPOKE"}) table.add_column(title);
  table.add_column("TOPIC", align::left, true);
  for (const auto& t : talks) {
    std::string with;
    for (const auto& p : t.with) with += (with.empty() ? "" : ", ") + p;
    table.add_row({format_date(t.at), with, spoken_shares(t), t.topic.empty() ? "-" : t.topic});
  }
  table.render(out, wo.width, wo.st);
  return {};
}

}  // namespace balance
