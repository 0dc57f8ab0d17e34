#include "balance/record.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "balance/cadence.hpp"
#include "balance/error.hpp"
#include "balance/id.hpp"
#include "balance/settings.hpp"
#include "balance/text.hpp"

namespace balance {

std::string_view type_name(record_type t) noexcept {
  switch (t) {
    case record_type::checkin: return "checkin";
    case record_type::entry: return "entry";
    case record_type::boundary: return "boundary";
    case record_type::event: return "event";
    case record_type::agreement: return "agreement";
    case record_type::review: return "review";
    case record_type::appreciation: return "appreciation";
    case record_type::repair: return "repair";
    case record_type::talk: return "talk";
    case record_type::page: return "page";
  }
  return "entry";
}

std::optional<record_type> parse_record_type(std::string_view name) noexcept {
  for (auto t : all_record_types)
    if (type_name(t) == name) return t;
  return std::nullopt;
}

std::string_view a_record_of(record_type t) noexcept {
  switch (t) {
    case record_type::checkin: return "a check-in";
    case record_type::entry: return "an entry";
    case record_type::boundary: return "a boundary";
    case record_type::event: return "an event";
    case record_type::agreement: return "an agreement";
    case record_type::review: return "a review";
    case record_type::appreciation: return "an appreciation";
    case record_type::repair: return "a repair";
    case record_type::talk: return "a talk";
    case record_type::page: return "a page";
  }
  return "a record";
}

std::string_view program_of(record_type t) noexcept {
  switch (t) {
    case record_type::checkin: return "balance-checkin";
    case record_type::entry: return "balance-ledger";
    case record_type::boundary:
    case record_type::event: return "balance-boundaries";
    case record_type::agreement:
    case record_type::review:
    case record_type::appreciation:
    case record_type::repair:
    case record_type::talk: return "balance-talk";
    case record_type::page: return "balance-journal";
  }
  return "balance";
}

const std::vector<std::string>& entry_kinds() {
  static const std::vector<std::string> kinds = {"chore", "invisible", "choice", "solo", "together", "sacrifice"};
  return kinds;
}

const std::vector<std::string>& event_kinds() {
  static const std::vector<std::string> kinds = {"respected", "crossed", "reviewed", "gave-in", "space"};
  return kinds;
}

const std::vector<std::string>& agreement_statuses() {
  static const std::vector<std::string> statuses = {"open", "done", "dropped"};
  return statuses;
}

const std::vector<std::string>& review_outcomes() {
  static const std::vector<std::string> outcomes = {"kept", "partly", "not-yet"};
  return outcomes;
}

const std::vector<std::string>& sign_ids() {
  static const std::vector<std::string> ids = {"one-sided",   "blurred-boundaries", "keeping-score",
                                               "withdrawal",  "lost-self",          "one-chooser",
                                               "uneven-load", "one-sided-sacrifice", "seen-differently"};
  return ids;
}

std::optional<int> record::rating_of(std::string_view key) const {
  for (const auto& r : ratings)
    if (r.key == key) return r.value;
  return std::nullopt;
}

void record::set_rating(std::string_view key, int value) {
  for (auto& r : ratings)
    if (r.key == key) {
      r.value = value;
      return;
    }
  ratings.push_back({std::string(key), value});
}

namespace {

bool same_time(const std::optional<timestamp>& a, const std::optional<timestamp>& b) {
  return a.has_value() == b.has_value() && (!a || (a->utc == b->utc && a->offset == b->offset));
}

}  // namespace

bool record::same_content(const record& o) const {
  return type == o.type && id == o.id && at.utc == o.at.utc && at.offset == o.at.offset && who == o.who &&
         ratings == o.ratings && mood == o.mood && safe == o.safe && feeling == o.feeling && need == o.need &&
         thanks == o.thanks && kind == o.kind && what == o.what && topic == o.topic && weight == o.weight &&
         minutes == o.minutes && for_whom == o.for_whom && text == o.text && review == o.review &&
         status == o.status && retired.has_value() == o.retired.has_value() &&
         (!retired || (retired->utc == o.retired->utc && retired->offset == o.retired->offset)) &&
         boundary == o.boundary && same_time(closed, o.closed) && agreement == o.agreement && outcome == o.outcome &&
         entry == o.entry && humour == o.humour && with == o.with && spoke == o.spoke && sign == o.sign &&
         appreciations == o.appreciations && prompt == o.prompt && note == o.note && tags == o.tags &&
         extra == o.extra;
}

bool record_less(const record& a, const record& b) {
  if (a.at.utc != b.at.utc) return a.at.utc < b.at.utc;
  return a.id < b.id;
}

std::vector<std::string> canonical_keys(record_type t, const settings& cfg) {
  switch (t) {
    case record_type::checkin: {
      std::vector<std::string> keys = {"id", "at", "who"};
      for (const auto& d : cfg.dimensions) keys.push_back(d.key);
      for (const char* k : {"mood", "feeling", "need", "thanks", "note", "tags", "safe"}) keys.emplace_back(k);
      return keys;
    }
    case record_type::entry:
      return {"id", "at", "who", "kind", "what", "topic", "weight", "minutes", "for", "tags", "note"};
    case record_type::boundary:
      return {"id", "at", "who", "text", "review", "status", "retired", "tags"};
    case record_type::event:
      return {"id", "at", "kind", "boundary", "who", "minutes", "note"};
    case record_type::agreement:
      return {"id", "at", "who", "text", "review", "status", "closed", "tags", "note"};
    case record_type::review:
      return {"id", "at", "who", "agreement", "outcome", "note"};
    case record_type::appreciation:
      return {"id", "at", "who", "for", "text", "entry", "tags"};
    case record_type::repair:
      return {"id", "at", "who", "text", "humour", "note"};
    case record_type::talk:
      return {"id", "at", "who", "with", "minutes", "topic", "sign", "agreement", "appreciations", "note", "tags"};
    case record_type::page:
      return {"id", "at", "who", "text", "tags", "mood", "prompt"};
  }
  return {};
}

namespace {

// The keys of the weekly talk's records and of journal pages (key_kind's other half).
std::optional<value_kind> talk_key_kind(record_type t, std::string_view key) {
  switch (t) {
    case record_type::agreement:
      if (key == "text" || key == "review" || key == "status" || key == "note") return value_kind::text;
      if (key == "closed") return value_kind::datetime;
      if (key == "tags") return value_kind::names;
      break;
    case record_type::review:
      if (key == "agreement" || key == "outcome" || key == "note") return value_kind::text;
      break;
    case record_type::appreciation:
      if (key == "for" || key == "text" || key == "entry") return value_kind::text;
      if (key == "tags") return value_kind::names;
      break;
    case record_type::repair:
      if (key == "text" || key == "note") return value_kind::text;
      if (key == "humour") return value_kind::boolean;
      break;
    case record_type::talk:
      if (key == "topic" || key == "sign" || key == "agreement" || key == "note") return value_kind::text;
      if (key == "with" || key == "tags") return value_kind::names;
      if (key == "minutes") return value_kind::minutes_by_person;
      if (key == "appreciations") return value_kind::integer;
      break;
    case record_type::page:
      if (key == "text" || key == "prompt") return value_kind::text;
      if (key == "mood") return value_kind::rating;
      if (key == "tags") return value_kind::names;
      break;
    case record_type::checkin:
    case record_type::entry:
    case record_type::boundary:
    case record_type::event:
      break;  // key_kind's own
  }
  return std::nullopt;
}

}  // namespace

std::optional<value_kind> key_kind(record_type t, std::string_view key, const settings& cfg) {
  if (key == "id" || key == "who") return value_kind::text;
  if (key == "at") return value_kind::datetime;
  switch (t) {
    case record_type::checkin:
      if (cfg.find_dimension(key)) return value_kind::rating;
      if (key == "mood" || key == "safe") return value_kind::rating;
      if (key == "feeling" || key == "need" || key == "thanks" || key == "note") return value_kind::text;
      if (key == "tags") return value_kind::names;
      break;
    case record_type::entry:
      if (key == "kind" || key == "what" || key == "topic" || key == "for" || key == "note") return value_kind::text;
      if (key == "weight") return value_kind::number;
      if (key == "minutes") return value_kind::integer;
      if (key == "tags") return value_kind::names;
      break;
    case record_type::boundary:
      if (key == "text" || key == "review" || key == "status") return value_kind::text;
      if (key == "retired") return value_kind::datetime;
      if (key == "tags") return value_kind::names;
      break;
    case record_type::event:
      if (key == "kind" || key == "boundary" || key == "note") return value_kind::text;
      if (key == "minutes") return value_kind::integer;
      break;
    case record_type::agreement:
    case record_type::review:
    case record_type::appreciation:
    case record_type::repair:
    case record_type::talk:
    case record_type::page:
      return talk_key_kind(t, key);
  }
  return std::nullopt;
}

namespace {

// Collects a record's fields in file order; empty ones are left out, as a record file leaves them out.
struct field_list {
  std::vector<field>& out;

  void text(const char* key, const std::string& v) {
    if (!v.empty()) out.push_back({key, v});
  }
  void integer(const char* key, const std::optional<std::int64_t>& v) {
    if (v) out.push_back({key, *v});
  }
  void tags(const std::vector<std::string>& v) {
    if (!v.empty()) out.push_back({"tags", v});
  }
};

void checkin_fields(const record& r, field_list& f) {
  f.text("who", r.who);
  for (const auto& rt : r.ratings) f.out.push_back({rt.key, static_cast<std::int64_t>(rt.value)});
  f.integer("mood", r.mood);
  f.text("feeling", r.feeling);
  f.text("need", r.need);
  f.text("thanks", r.thanks);
  f.text("note", r.note);
  f.tags(r.tags);
  f.integer("safe", r.safe);
}

void entry_fields(const record& r, field_list& f) {
  f.text("who", r.who);
  f.text("kind", r.kind);
  f.text("what", r.what);
  f.text("topic", r.topic);
  if (r.weight) f.out.push_back({"weight", *r.weight});
  f.integer("minutes", r.minutes);
  f.text("for", r.for_whom);
  f.tags(r.tags);
  f.text("note", r.note);
}

void boundary_fields(const record& r, field_list& f) {
  f.text("who", r.who);
  f.text("text", r.text);
  f.text("review", r.review);
  f.text("status", r.status);
  if (r.retired) f.out.push_back({"retired", *r.retired});
  f.tags(r.tags);
}

void event_fields(const record& r, field_list& f) {
  f.text("kind", r.kind);
  f.text("boundary", r.boundary);
  f.text("who", r.who);
  f.integer("minutes", r.minutes);
  f.text("note", r.note);
}

void agreement_fields(const record& r, field_list& f) {
  f.text("who", r.who);
  f.text("text", r.text);
  f.text("review", r.review);
  f.text("status", r.status);
  if (r.closed) f.out.push_back({"closed", *r.closed});
  f.tags(r.tags);
  f.text("note", r.note);
}

void review_fields(const record& r, field_list& f) {
  f.text("who", r.who);
  f.text("agreement", r.agreement);
  f.text("outcome", r.outcome);
  f.text("note", r.note);
}

void appreciation_fields(const record& r, field_list& f) {
  f.text("who", r.who);
  f.text("for", r.for_whom);
  f.text("text", r.text);
  f.text("entry", r.entry);
  f.tags(r.tags);
}

void repair_fields(const record& r, field_list& f) {
  f.text("who", r.who);
  f.text("text", r.text);
  if (r.humour) f.out.push_back({"humour", *r.humour});
  f.text("note", r.note);
}

void talk_fields(const record& r, field_list& f) {
  f.text("who", r.who);
  if (!r.with.empty()) f.out.push_back({"with", r.with});
  if (!r.spoke.empty()) f.out.push_back({"minutes", r.spoke});
  f.text("topic", r.topic);
  f.text("sign", r.sign);
  f.text("agreement", r.agreement);
  f.integer("appreciations", r.appreciations);
  f.text("note", r.note);
  f.tags(r.tags);
}

void page_fields(const record& r, field_list& f) {
  f.text("who", r.who);
  f.text("text", r.text);
  f.tags(r.tags);
  f.integer("mood", r.mood);
  f.text("prompt", r.prompt);
}

}  // namespace

std::vector<field> fields_of(const record& r) {
  std::vector<field> out;
  out.push_back({"id", r.id});
  out.push_back({"at", r.at});
  field_list f{out};
  switch (r.type) {
    case record_type::checkin:
      checkin_fields(r, f);
      break;
    case record_type::entry:
      entry_fields(r, f);
      break;
    case record_type::boundary:
      boundary_fields(r, f);
      break;
    case record_type::event:
      event_fields(r, f);
      break;
    case record_type::agreement:
      agreement_fields(r, f);
      break;
    case record_type::review:
      review_fields(r, f);
      break;
    case record_type::appreciation:
      appreciation_fields(r, f);
      break;
    case record_type::repair:
      repair_fields(r, f);
      break;
    case record_type::talk:
      talk_fields(r, f);
      break;
    case record_type::page:
      page_fields(r, f);
      break;
  }
  return out;
}

namespace {

std::string_view kind_word(value_kind k) {
  switch (k) {
    case value_kind::text: return "text";
    case value_kind::integer: return "a whole number";
    case value_kind::number: return "a number";
    case value_kind::datetime: return "a date-time";
    case value_kind::names: return "a list of names";
    case value_kind::rating: return "a whole number from 1 to 5";
    case value_kind::boolean: return "true or false";
    case value_kind::minutes_by_person: return "minutes per person, like alex=6.5 sam=5";
  }
  return "a value";
}

[[noreturn]] void wrong_kind(std::string_view key, value_kind k) {
  throw_usage(fmt::format("{} must be {}", key, kind_word(k)));
}

std::string* text_slot(record& r, std::string_view key) {
  if (key == "id") return &r.id;
  if (key == "who") return &r.who;
  if (key == "feeling") return &r.feeling;
  if (key == "need") return &r.need;
  if (key == "thanks") return &r.thanks;
  if (key == "note") return &r.note;
  if (key == "kind") return &r.kind;
  if (key == "what") return &r.what;
  if (key == "topic") return &r.topic;
  if (key == "for") return &r.for_whom;
  if (key == "text") return &r.text;
  if (key == "review") return &r.review;
  if (key == "status") return &r.status;
  if (key == "boundary") return &r.boundary;
  if (key == "agreement") return &r.agreement;
  if (key == "outcome") return &r.outcome;
  if (key == "entry") return &r.entry;
  if (key == "sign") return &r.sign;
  if (key == "prompt") return &r.prompt;
  return nullptr;
}

void set_whole_number(record& r, std::string_view key, const field_value& value, value_kind kind) {
  std::optional<std::int64_t> v;
  if (!std::holds_alternative<std::monostate>(value)) {
    if (!std::holds_alternative<std::int64_t>(value)) wrong_kind(key, kind);
    v = std::get<std::int64_t>(value);
  }
  if (key == "mood")
    r.mood = v;
  else if (key == "safe")
    r.safe = v;
  else if (key == "minutes")
    r.minutes = v;
  else if (key == "appreciations")
    r.appreciations = v;
  else if (!v)
    std::erase_if(r.ratings, [&](const rating& rt) { return rt.key == key; });
  else
    r.set_rating(key, static_cast<int>(std::clamp<std::int64_t>(*v, -1000000, 1000000)));
}

void set_number(record& r, std::string_view key, const field_value& value) {
  if (std::holds_alternative<std::monostate>(value)) {
    r.weight.reset();
  } else if (const auto* d = std::get_if<double>(&value)) {
    r.weight = *d;
  } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
    r.weight = static_cast<double>(*i);
  } else {
    wrong_kind(key, value_kind::number);
  }
}

void set_datetime(record& r, std::string_view key, const field_value& value) {
  std::optional<timestamp> t;
  if (!std::holds_alternative<std::monostate>(value)) {
    if (!std::holds_alternative<timestamp>(value)) wrong_kind(key, value_kind::datetime);
    t = std::get<timestamp>(value);
  }
  if (key == "at") {
    if (!t) throw_usage("at cannot be removed");
    r.at = *t;
  } else if (key == "closed") {
    r.closed = t;
  } else {
    r.retired = t;
  }
}

void set_boolean(record& r, std::string_view key, const field_value& value) {
  if (std::holds_alternative<std::monostate>(value))
    r.humour.reset();
  else if (const auto* b = std::get_if<bool>(&value))
    r.humour = *b;
  else
    wrong_kind(key, value_kind::boolean);
}

void set_names(record& r, std::string_view key, field_value&& value) {
  std::vector<std::string>& slot = key == "with" ? r.with : r.tags;
  if (std::holds_alternative<std::monostate>(value)) {
    slot.clear();
  } else if (auto* v = std::get_if<std::vector<std::string>>(&value)) {
    slot = std::move(*v);
  } else {
    wrong_kind(key, value_kind::names);
  }
}

void set_minutes_by_person(record& r, std::string_view key, field_value&& value) {
  if (std::holds_alternative<std::monostate>(value))
    r.spoke.clear();
  else if (auto* v = std::get_if<std::vector<person_minutes>>(&value))
    r.spoke = std::move(*v);
  else
    wrong_kind(key, value_kind::minutes_by_person);
}

}  // namespace

void set_field(record& r, std::string_view key, field_value value, const settings& cfg) {
  auto kind = key_kind(r.type, key, cfg);
  if (!kind) {
    auto keys = canonical_keys(r.type, cfg);
    throw_usage(fmt::format("\"{}\" is not a field of {}{}", key, a_record_of(r.type), did_you_mean(key, keys)));
  }
  bool clear = std::holds_alternative<std::monostate>(value);
  switch (*kind) {
    case value_kind::text:
      if (!clear && !std::holds_alternative<std::string>(value)) wrong_kind(key, *kind);
      *text_slot(r, key) = clear ? std::string() : std::get<std::string>(std::move(value));
      break;
    case value_kind::integer:
    case value_kind::rating:
      set_whole_number(r, key, value, *kind);
      break;
    case value_kind::number:
      set_number(r, key, value);
      break;
    case value_kind::datetime:
      set_datetime(r, key, value);
      break;
    case value_kind::names:
      set_names(r, key, std::move(value));
      break;
    case value_kind::boolean:
      set_boolean(r, key, value);
      break;
    case value_kind::minutes_by_person:
      set_minutes_by_person(r, key, std::move(value));
      break;
  }
}

namespace {

// Words split at spaces and commas.
std::vector<std::string> names_in(std::string_view text) {
  std::vector<std::string> names;
  std::string_view rest = text;
  while (!rest.empty()) {
    auto cut = rest.find_first_of(" ,");
    std::string_view word = rest.substr(0, cut);
    if (!word.empty()) names.emplace_back(word);
    if (cut == std::string_view::npos) break;
    rest.remove_prefix(cut + 1);
  }
  return names;
}

// `alex=6.5 sam=5` (spaces or commas between): a talk's minutes per person as one cell.
std::vector<person_minutes> minutes_in(std::string_view key, std::string_view text) {
  std::vector<person_minutes> out;
  for (const auto& word : names_in(text)) {
    auto eq = word.find('=');
    std::string number = eq == std::string::npos ? "" : word.substr(eq + 1);
    double v = 0;
    auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
    if (eq == 0 || eq == std::string::npos || ec != std::errc() || p != number.data() + number.size() || !std::isfinite(v))
      throw_usage(fmt::format("{}: \"{}\" is not NAME=MINUTES (write minutes per person like alex=6.5 sam=5)", key, word));
    out.push_back({word.substr(0, eq), v});
  }
  return out;
}

// The value `text` spells for a field of this kind; throws naming the key when it spells none.
field_value value_of_text(std::string_view key, std::string_view text, value_kind kind) {
  switch (kind) {
    case value_kind::text:
      return std::string(text);
    case value_kind::integer:
    case value_kind::rating: {
      std::int64_t v = 0;
      std::string_view t = trim(text);
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (ec != std::errc() || p != t.data() + t.size())
        throw_usage(fmt::format("{}: \"{}\" is not {}", key, text, kind_word(kind)));
      return v;
    }
    case value_kind::number: {
      std::string t(trim(text));
      double v = 0;
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v))
        throw_usage(fmt::format("{}: \"{}\" is not a number", key, text));
      return v;
    }
    case value_kind::datetime: {
      auto t = parse_timestamp(trim(text));
      if (!t) throw_usage(fmt::format("{}: \"{}\" is not a date-time with an offset, like 2026-11-22T19:30:00+01:00", key, text));
      return *t;
    }
    case value_kind::names:
      return names_in(text);
    case value_kind::boolean: {
      std::string t = ascii_lower(trim(text));
      if (t == "true" || t == "yes") return true;
      if (t == "false" || t == "no") return false;
      throw_usage(fmt::format("{}: \"{}\" is not true or false", key, text));
    }
    case value_kind::minutes_by_person:
      return minutes_in(key, text);
  }
  return std::monostate{};
}

}  // namespace

void set_field_text(record& r, std::string_view key, std::string_view text, const settings& cfg) {
  auto kind = key_kind(r.type, key, cfg);
  if (!kind) {
    set_field(r, key, std::monostate{}, cfg);  // throws the unknown-field message
    return;
  }
  if (text.empty()) {
    set_field(r, key, std::monostate{}, cfg);
    return;
  }
  set_field(r, key, value_of_text(key, text, *kind), cfg);
}

void fill_defaults(record& r, const record_defaults& d, bool has_at) {
  if (!has_at && d.at) r.at = *d.at;
  bool named_act = r.type == record_type::event && (r.kind == "crossed" || r.kind == "respected");
  if (r.who.empty() && !named_act) r.who = d.who;
}

// Every check here that reads `ctx.cfg` must also run on cached records: record_cache.cpp's
// revalidate() repeats the people (and, through the readers, the dimensions) for them.
namespace {

// One record's validation: the checks every type shares, then its type's own, then unknown keys.
class validator {
 public:
  validator(const record& rec, const validation_context& context) : r(rec), ctx(context), cfg(*context.cfg) {}

  std::vector<field_problem> run() {
    if (r.id.empty()) {
      if (!ctx.id_optional) problem("id", "id is required");
    } else if (!is_valid_id(r.id)) {
      problem("id", fmt::format("id \"{}\" must be 12 lowercase hex digits", escape_for_terminal(r.id)));
    }
    for (const auto& t : r.tags)
      if (!is_valid_name(t)) problem("tags", fmt::format("tag \"{}\" must use only a-z, 0-9, _ and -", escape_for_terminal(t)));
    text("note", r.note);
    switch (r.type) {
      case record_type::checkin: checkin(); break;
      case record_type::entry: entry(); break;
      case record_type::boundary: boundary(); break;
      case record_type::event: event(); break;
      case record_type::agreement: agreement(); break;
      case record_type::review: review(); break;
      case record_type::appreciation: appreciation(); break;
      case record_type::repair: repair(); break;
      case record_type::talk: talk(); break;
      case record_type::page: page(); break;
    }
    for (const auto& x : r.extra)
      out.push_back({x.key, fmt::format("unknown key \"{}\" in [[{}]]{}", x.key, type_name(r.type),
                                        did_you_mean(x.key, canonical_keys(r.type, cfg))),
                     !ctx.strict});
    return std::move(out);
  }

 private:
  void problem(std::string key, std::string message) { out.push_back({std::move(key), std::move(message), false}); }
  void person(const char* key, const std::string& name, bool required) {
    if (name.empty()) {
      if (required) problem(key, fmt::format("{} is required", key));
      return;
    }
    if (!cfg.has_person(name))
      problem(key, fmt::format("\"{}\" is not a person in balance.toml{}", name, did_you_mean(name, cfg.people)));
  }
  void text(const char* key, const std::string& value) {
    if (auto p = text_problem(value)) problem(key, *p);
  }
  void in_range(const std::string& key, std::int64_t v) {
    if (v < 1 || v > 5) problem(key, fmt::format("{} {} is out of range 1–5", key == "mood" || key == "safe" ? key : "rating", v));
  }

  // A rating key balance.toml does not ask about is read as a retired dimension's rating; one that
  // is a letter or two from a dimension it does ask about is more likely a typo in a hand edit.
  void typo_of_dimension(const std::string& key) {
    if (cfg.find_dimension(key)) return;
    std::string hint = did_you_mean(key, cfg.dimension_keys());
    if (hint.empty()) return;
    out.push_back({key, fmt::format("\"{}\" is not a dimension in balance.toml{}; it is kept as the rating of a retired one",
                                    escape_for_terminal(key), hint),
                   true});
  }

  void checkin() {
    person("who", r.who, true);
    if (!r.author.empty() && !r.who.empty() && r.who != r.author)
      problem("who", fmt::format("who = \"{}\" but this is {}'s check-in file (a check-in is always by its author)",
                                 r.who, r.author));
    for (const auto& rt : r.ratings) {
      in_range(rt.key, rt.value);
      typo_of_dimension(rt.key);
    }
    if (r.mood) in_range("mood", *r.mood);
    if (r.safe) {
      in_range("safe", *r.safe);
      if (!r.is_private) problem("safe", "safe goes only in private check-ins (add --private)");
    }
    text("feeling", r.feeling);
    text("need", r.need);
    text("thanks", r.thanks);
    if (r.ratings.empty() && !r.mood && !r.safe && r.feeling.empty() && r.need.empty() && r.thanks.empty() &&
        r.note.empty())
      problem("", "a check-in needs at least one rating, a mood, or a feeling, need, thanks or note");
  }

  void entry() {
    person("who", r.who, true);
    if (r.kind.empty())
      problem("kind", "kind is required");
    else if (std::find(entry_kinds().begin(), entry_kinds().end(), r.kind) == entry_kinds().end())
      problem("kind", fmt::format("unknown kind \"{}\"{}; kinds are chore, invisible, choice, solo, together, sacrifice",
                                  escape_for_terminal(r.kind), did_you_mean(r.kind, entry_kinds())));
    if (trim(r.what).empty()) problem("what", "what is required (what was done or chosen)");
    text("what", r.what);
    if (r.kind == "choice" && r.topic.empty())
      problem("topic", "a choice needs a topic (such as dinner, weekend or movie)");
    if (!r.topic.empty() && !is_valid_name(r.topic))
      problem("topic", fmt::format("topic \"{}\" must use only a-z, 0-9, _ and -", escape_for_terminal(r.topic)));
    if (r.weight && !(std::isfinite(*r.weight) && *r.weight > 0))
      problem("weight", fmt::format("weight must be a positive number, not {}", *r.weight));
    if (r.minutes && *r.minutes <= 0) problem("minutes", fmt::format("minutes must be positive, not {}", *r.minutes));
    person("for", r.for_whom, false);
  }

  void boundary() {
    person("who", r.who, true);
    if (!r.author.empty() && !r.who.empty() && r.who != r.author)
      problem("who", fmt::format("who = \"{}\" but this file holds {}'s boundaries", r.who, r.author));
    if (trim(r.text).empty()) problem("text", "text is required (\"I need …\" or \"I don't …\")");
    text("text", r.text);
    if (!r.review.empty()) {
      try {
        (void)parse_cadence(r.review);
      } catch (const error& e) {
        problem("review", e.what());
      }
    }
    if (!r.status.empty() && r.status != "active" && r.status != "retired")
      problem("status", fmt::format("status must be \"active\" or \"retired\", not \"{}\"", escape_for_terminal(r.status)));
    if (r.retired && r.status != "retired") problem("retired", "retired is set but status is not \"retired\"");
  }

  void event() {
    if (r.who.empty() && (r.kind == "crossed" || r.kind == "respected"))
      problem("who", fmt::format("who is required: a {} event names whose act it was", r.kind));
    else
      person("who", r.who, true);
    if (r.kind.empty())
      problem("kind", "kind is required");
    else if (std::find(event_kinds().begin(), event_kinds().end(), r.kind) == event_kinds().end())
      problem("kind", fmt::format("unknown event kind \"{}\"{}; kinds are respected, crossed, reviewed, gave-in, space",
                                  escape_for_terminal(r.kind), did_you_mean(r.kind, event_kinds())));
    bool needs_boundary = r.kind == "respected" || r.kind == "crossed" || r.kind == "reviewed";
    if (needs_boundary && r.boundary.empty())
      problem("boundary", fmt::format("a {} event needs the id of its boundary", r.kind));
    if (!r.boundary.empty() && !is_valid_id(r.boundary))
      problem("boundary", fmt::format("boundary \"{}\" must be a 12-digit id", escape_for_terminal(r.boundary)));
    if (r.minutes) {
      if (r.kind != "space") problem("minutes", "minutes belong only to space events");
      if (*r.minutes <= 0) problem("minutes", fmt::format("minutes must be positive, not {}", *r.minutes));
    }
  }

  // One of `allowed`, else a problem listing them.
  void one_of(const char* key, const std::string& value, const std::vector<std::string>& allowed) {
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
    std::string list;
    for (const auto& a : allowed) list += fmt::format("{}\"{}\"", list.empty() ? "" : ", ", a);
    problem(key, fmt::format("{} must be one of {}, not \"{}\"{}", key, list, escape_for_terminal(value),
                             did_you_mean(value, allowed)));
  }
  void id_field(const char* key, const std::string& value, const char* what) {
    if (!value.empty() && !is_valid_id(value))
      problem(key, fmt::format("{} \"{}\" must be the 12-digit id of {}", key, escape_for_terminal(value), what));
  }
  void author_is_who(const char* whose) {
    if (!r.author.empty() && !r.who.empty() && r.who != r.author)
      problem("who", fmt::format("who = \"{}\" but this file holds {}'s {}", r.who, r.author, whose));
  }
  void cadence(const std::string& value) {
    if (value.empty()) return;
    try {
      (void)parse_cadence(value);
    } catch (const error& e) {
      problem("review", e.what());
    }
  }

  void agreement() {
    person("who", r.who, true);
    author_is_who("agreements");
    if (trim(r.text).empty()) problem("text", "text is required (something you will both try)");
    text("text", r.text);
    cadence(r.review);
    if (!r.status.empty()) one_of("status", r.status, agreement_statuses());
    if (r.closed && r.is_open_agreement()) problem("closed", "closed is set but status is not \"done\" or \"dropped\"");
  }

  void review() {
    person("who", r.who, true);
    if (r.agreement.empty()) problem("agreement", "agreement is required (the id of the agreement reviewed)");
    id_field("agreement", r.agreement, "an agreement");
    if (r.outcome.empty())
      problem("outcome", "outcome is required (kept, partly or not-yet)");
    else
      one_of("outcome", r.outcome, review_outcomes());
  }

  void appreciation() {
    person("who", r.who, true);
    author_is_who("appreciations");
    person("for", r.for_whom, true);
    if (!r.for_whom.empty() && r.for_whom == r.who)
      problem("for", fmt::format("for names the person appreciated, someone other than {}", r.who));
    if (trim(r.text).empty()) problem("text", "text is required (what you appreciated)");
    text("text", r.text);
    id_field("entry", r.entry, "a ledger entry");
  }

  void repair() {
    person("who", r.who, true);
    text("text", r.text);
  }

  void talk() {
    person("who", r.who, true);
    author_is_who("talks");
    if (r.with.empty()) problem("with", "with is required (who was there, as an array of names)");
    for (std::size_t i = 0; i < r.with.size(); ++i) {
      person("with", r.with[i], true);
      if (std::find(r.with.begin(), r.with.begin() + static_cast<std::ptrdiff_t>(i), r.with[i]) !=
          r.with.begin() + static_cast<std::ptrdiff_t>(i))
        problem("with", fmt::format("\"{}\" is named twice in with", r.with[i]));
    }
    talk_minutes();
    text("topic", r.topic);
    if (!r.sign.empty()) one_of("sign", r.sign, sign_ids());
    id_field("agreement", r.agreement, "an agreement");
    if (r.appreciations && *r.appreciations < 0)
      problem("appreciations", fmt::format("appreciations counts them: 0 or more, not {}", *r.appreciations));
  }

  // Each key of `minutes` is someone in `with`, once, with a finite number of minutes ≥ 0.
  void talk_minutes() {
    for (std::size_t i = 0; i < r.spoke.size(); ++i) {
      const person_minutes& m = r.spoke[i];
      if (std::find(r.with.begin(), r.with.end(), m.who) == r.with.end())
        problem("minutes", fmt::format("minutes names \"{}\", who is not in with", escape_for_terminal(m.who)));
      for (std::size_t j = 0; j < i; ++j)
        if (r.spoke[j].who == m.who) problem("minutes", fmt::format("minutes names \"{}\" twice", m.who));
      if (!std::isfinite(m.minutes) || m.minutes < 0)
        problem("minutes", fmt::format("minutes for {} must be 0 or more, not {}", escape_for_terminal(m.who), m.minutes));
    }
  }

  void page() {
    person("who", r.who, true);
    author_is_who("journal pages");
    if (trim(r.text).empty()) problem("text", "text is required (what you want to keep on the page)");
    text("text", r.text);
    if (r.mood) in_range("mood", *r.mood);
    if (!r.prompt.empty() && !is_valid_name(r.prompt))
      problem("prompt", fmt::format("prompt \"{}\" must be a prompt key (a-z, 0-9, _ and -)", escape_for_terminal(r.prompt)));
  }

  const record& r;
  const validation_context& ctx;
  const settings& cfg;
  std::vector<field_problem> out;
};

}  // namespace

std::vector<field_problem> validate(const record& r, const validation_context& ctx) { return validator(r, ctx).run(); }

std::optional<record_reference> reference_of(const record& r) {
  switch (r.type) {
    case record_type::event:
      if (!r.boundary.empty()) return record_reference{"boundary", record_type::boundary, r.boundary};
      break;
    case record_type::review:
      if (!r.agreement.empty()) return record_reference{"agreement", record_type::agreement, r.agreement};
      break;
    case record_type::appreciation:
      if (!r.entry.empty()) return record_reference{"entry", record_type::entry, r.entry};
      break;
    case record_type::talk:
      if (!r.agreement.empty()) return record_reference{"agreement", record_type::agreement, r.agreement};
      break;
    default: break;
  }
  return std::nullopt;
}

void check_flag_record(const record& r, const settings& cfg) {
  validation_context ctx{&cfg, false, r.id.empty()};
  std::vector<diagnostic> problems;  // no place: each is about a flag, and the tool names itself
  for (const auto& p : validate(r, ctx)) {
    if (p.warning) continue;
    std::string flag = p.key.empty() ? "" : (cfg.find_dimension(p.key) || key_kind(r.type, p.key, cfg))
                                                ? "--" + p.key + ": "
                                                : "";
    if (p.key == "who") flag = "--who: ";
    if (p.key == "tags") flag = "--tag: ";
    problems.push_back({{}, flag + p.message});
  }
  if (!problems.empty()) throw error(errc::usage, std::move(problems));
}

}  // namespace balance
