#include "balance/settings.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/file_system.hpp"
#include "record_file.hpp"
#include "balance/text.hpp"
#include "balance/version.hpp"
#include "toml_util.hpp"

namespace balance {

const std::vector<dimension>& default_dimensions() {
  static const std::vector<dimension> dims = {
      {"heard", "Do both of our voices get heard?", "one voice is much louder", "both of our voices are heard"},
      {"space", "Is there room to grow, alone and together?", "I feel stifled or ignored",
       "room to grow, alone and together"},
      {"honest", "Can I be honest, and does it feel safe?", "fears, secrets, avoidance",
       "I can be honest and feel safe doing it"},
      {"shared", "Are plans and sacrifices shared?", "sacrifices come from one side", "plans and sacrifices are shared"},
      {"kind", "Is there kindness without keeping score?", "grudges and \"I do more\"",
       "kindness without keeping score"},
  };
  return dims;
}

bool settings::has_person(std::string_view name) const {
  for (const auto& p : people)
    if (p == name) return true;
  return false;
}

const dimension* settings::find_dimension(std::string_view key) const {
  for (const auto& d : dimensions)
    if (d.key == key) return &d;
  return nullptr;
}

std::vector<std::string> settings::dimension_keys() const {
  std::vector<std::string> keys;
  for (const auto& d : dimensions) keys.push_back(d.key);
  return keys;
}

double settings::target_share(std::string_view kind, std::string_view person) const {
  if (auto it = targets.find(std::string(kind)); it != targets.end()) {
    auto p = it->second.find(std::string(person));
    return p == it->second.end() ? 0.0 : p->second;
  }
  return people.empty() ? 0.0 : 1.0 / static_cast<double>(people.size());
}

namespace {

using detail::describe_type;
using detail::position_of;

// Keys that check-in records use for their own fields: a dimension cannot be called one of them.
const std::vector<std::string> reserved_checkin_keys = {"id",   "at",     "who",  "mood", "feeling", "need",
                                                         "thanks", "note", "tags", "safe", "type",    "author",
                                                         "private"};

class settings_reader {
 public:
  // `unknown`: where keys this version does not know are collected; null refuses them.
  settings_reader(const std::string& path, std::vector<diagnostic>* unknown) : path_(path), unknown_(unknown) {}

  // Settings from a newer version are read without complaint about keys we do not know.
  bool lenient = false;

  [[noreturn]] void fail(const toml::node& at, std::string message) const {
    throw error(errc::config, diagnostic{position_of(at, path_), std::move(message)});
  }
  [[noreturn]] void fail_key(const toml::key& key, std::string message) const {
    throw error(errc::config, diagnostic{position_of(key.source().begin, path_), std::move(message)});
  }

  // Keys of `tbl` not in `known`, with a did-you-mean: collected as warnings, or refused when
  // this reader has nowhere to collect them.
  void only_keys(const toml::table& tbl, const std::vector<std::string>& known, std::string_view where) const {
    if (lenient) return;
    for (const auto& [key, value] : tbl) {
      std::string k(key.str());
      if (std::find(known.begin(), known.end(), k) != known.end()) continue;
      std::string message = fmt::format("unknown setting \"{}\" in {}{}", k, where, did_you_mean(k, known));
      if (!unknown_) fail_key(key, std::move(message));
      // `balance check` turns this ending into its own (check.cpp): keep the two in step.
      unknown_->push_back({position_of(key.source().begin, path_),
                           fmt::format("{}; balance {} ignores it", message, version_string)});
    }
  }

  std::string string_at(const toml::node& n, std::string_view what) const {
    if (auto s = n.value_exact<std::string>()) return *s;
    fail(n, fmt::format("{} must be a string, not {}", what, describe_type(n)));
  }
  std::int64_t integer_at(const toml::node& n, std::string_view what) const {
    if (auto v = n.value_exact<std::int64_t>()) return *v;
    fail(n, fmt::format("{} must be an integer, not {}", what, describe_type(n)));
  }
  double number_at(const toml::node& n, std::string_view what) const {
    if (auto v = n.value_exact<double>()) return *v;
    if (auto v = n.value_exact<std::int64_t>()) return static_cast<double>(*v);
    fail(n, fmt::format("{} must be a number, not {}", what, describe_type(n)));
  }
  const toml::table& table_at(const toml::node& n, std::string_view what) const {
    if (auto t = n.as_table()) return *t;
    fail(n, fmt::format("{} must be a table, not {}", what, describe_type(n)));
  }
  cadence cadence_at(const toml::node& n, std::string_view what) const {
    std::string text = string_at(n, what);
    try {
      return parse_cadence(text);
    } catch (const error& e) {
      fail(n, fmt::format("{}: {}", what, e.what()));
    }
  }

 private:
  const std::string& path_;
  std::vector<diagnostic>* unknown_;
};

}  // namespace

namespace {

// [person]
void read_person(settings_reader& rd, const toml::node& n, settings& s) {
  auto arr = n.as_array();
  if (!arr || !arr->is_array_of_tables()) rd.fail(n, "person must be an array of tables: [[person]] name = \"…\"");
  for (const auto& el : *arr) {
    const auto& tbl = *el.as_table();
    rd.only_keys(tbl, {"name"}, "[[person]]");
    auto name_node = tbl.get("name");
    if (!name_node) rd.fail(el, "[[person]] needs a name");
    std::string name = rd.string_at(*name_node, "name");
    if (!is_valid_name(name))
      rd.fail(*name_node, fmt::format("person name \"{}\" must use only a-z, 0-9, _ and -", name));
    if (s.has_person(name)) rd.fail(*name_node, fmt::format("person \"{}\" is listed twice", name));
    s.people.push_back(name);
  }
}

// [checkin]
void read_checkin(settings_reader& rd, const toml::node& n, settings& s) {
  const auto& tbl = rd.table_at(n, "checkin");
  rd.only_keys(tbl, {"cadence", "dimension"}, "[checkin]");
  if (auto c = tbl.get("cadence")) s.checkin_cadence = rd.cadence_at(*c, "checkin.cadence");
  if (auto d = tbl.get("dimension")) {
    auto arr = d->as_array();
    if (!arr || !arr->is_array_of_tables())
      rd.fail(*d, "checkin.dimension must be an array of tables: [[checkin.dimension]]");
    s.dimensions.clear();
    for (const auto& el : *arr) {
      const auto& dt = *el.as_table();
      rd.only_keys(dt, {"key", "question", "low", "high"}, "[[checkin.dimension]]");
      dimension dim;
      auto key = dt.get("key");
      if (!key) rd.fail(el, "[[checkin.dimension]] needs a key");
      dim.key = rd.string_at(*key, "key");
      if (!is_valid_name(dim.key))
        rd.fail(*key, fmt::format("dimension key \"{}\" must use only a-z, 0-9, _ and -", dim.key));
      if (std::find(reserved_checkin_keys.begin(), reserved_checkin_keys.end(), dim.key) !=
          reserved_checkin_keys.end())
        rd.fail(*key, fmt::format("dimension key \"{}\" clashes with a check-in field", dim.key));
      if (s.find_dimension(dim.key)) rd.fail(*key, fmt::format("dimension \"{}\" is defined twice", dim.key));
      if (auto q = dt.get("question")) dim.question = rd.string_at(*q, "question");
      if (auto l = dt.get("low")) dim.low = rd.string_at(*l, "low");
      if (auto h = dt.get("high")) dim.high = rd.string_at(*h, "high");
      if (dim.question.empty()) dim.question = fmt::format("How is \"{}\" for you?", dim.key);
      s.dimensions.push_back(std::move(dim));
    }
  }
}

// [ledger]
void read_ledger(settings_reader& rd, const toml::node& n, settings& s) {
  const auto& tbl = rd.table_at(n, "ledger");
  rd.only_keys(tbl, {"target"}, "[ledger]");
  if (auto t = tbl.get("target")) {
    const auto& targets = rd.table_at(*t, "ledger.target");
    for (const auto& [kind, shares_node] : targets) {
      std::string k(kind.str());
      if (!is_valid_name(k)) rd.fail_key(kind, fmt::format("target name \"{}\" must use only a-z, 0-9, _ and -", k));
      const auto& shares = rd.table_at(shares_node, fmt::format("ledger.target.{}", k));
      double sum = 0;
      std::map<std::string, double> by_person;
      for (const auto& [person, share] : shares) {
        std::string p(person.str());
        if (!s.has_person(p))
          rd.fail_key(person,
                      fmt::format("ledger.target.{}: \"{}\" is not a person in balance.toml{}", k, p,
                                  did_you_mean(p, s.people)));
        double v = rd.number_at(share, fmt::format("ledger.target.{}.{}", k, p));
        if (!(v >= 0 && v <= 1)) rd.fail(share, fmt::format("ledger.target.{}.{} must be between 0 and 1", k, p));
        sum += v;
        by_person[p] = v;
      }
      if (std::fabs(sum - 1.0) > 0.001)
        rd.fail(shares_node, fmt::format("ledger.target.{}: the shares add up to {:g}, not 1", k, sum));
      s.targets[k] = std::move(by_person);
    }
  }
}

// [boundaries]
void read_boundaries(settings_reader& rd, const toml::node& n, settings& s) {
  const auto& tbl = rd.table_at(n, "boundaries");
  rd.only_keys(tbl, {"review"}, "[boundaries]");
  if (auto r = tbl.get("review")) s.review_cadence = rd.cadence_at(*r, "boundaries.review");
}

// [talk]
void read_talk(settings_reader& rd, const toml::node& n, settings& s) {
  const auto& tbl = rd.table_at(n, "talk");
  rd.only_keys(tbl, {"cadence"}, "[talk]");
  if (auto c = tbl.get("cadence")) s.talk_cadence = rd.cadence_at(*c, "talk.cadence");
}

// [remind]
void read_remind(settings_reader& rd, const toml::node& n, settings& s) {
  const auto& tbl = rd.table_at(n, "remind");
  rd.only_keys(tbl, {"turns"}, "[remind]");
  if (auto t = tbl.get("turns")) {
    auto arr = t->as_array();
    if (!arr) rd.fail(*t, "remind.turns must be an array of topics");
    for (const auto& el : *arr) {
      std::string topic = rd.string_at(el, "a topic in remind.turns");
      if (!is_valid_name(topic)) rd.fail(el, fmt::format("topic \"{}\" must use only a-z, 0-9, _ and -", topic));
      s.remind_turns.push_back(topic);
    }
  }
}

// [journal]: `[[journal.prompt]]` entries with a key and a text.
void read_journal(settings_reader& rd, const toml::node& n, settings& s) {
  const auto& tbl = rd.table_at(n, "journal");
  rd.only_keys(tbl, {"prompt"}, "[journal]");
  auto p = tbl.get("prompt");
  if (!p) return;
  auto arr = p->as_array();
  if (!arr || !arr->is_array_of_tables()) rd.fail(*p, "journal.prompt must be an array of tables: [[journal.prompt]]");
  for (const auto& el : *arr) {
    const auto& pt = *el.as_table();
    rd.only_keys(pt, {"key", "text"}, "[[journal.prompt]]");
    auto key = pt.get("key");
    auto text = pt.get("text");
    if (!key) rd.fail(el, "[[journal.prompt]] needs a key");
    if (!text) rd.fail(el, "[[journal.prompt]] needs a text");
    journal_prompt jp{rd.string_at(*key, "key"), rd.string_at(*text, "text")};
    if (!is_valid_name(jp.key)) rd.fail(*key, fmt::format("prompt key \"{}\" must use only a-z, 0-9, _ and -", jp.key));
    if (trim(jp.text).empty() || text_problem(jp.text)) rd.fail(*text, "a prompt's text must be words on one or more lines");
    for (const auto& other : s.journal_prompts)
      if (other.key == jp.key) rd.fail(*key, fmt::format("prompt \"{}\" is defined twice", jp.key));
    s.journal_prompts.push_back(std::move(jp));
  }
}

// [signs]
void read_signs(settings_reader& rd, const toml::node& n, settings& s) {
  const auto& tbl = rd.table_at(n, "signs");
  auto& t = s.signs;
  struct real_key {
    const char* name;
    double* value;
    double min, max;
  };
  struct int_key {
    const char* name;
    int* value;
    int min;
  };
  const real_key reals[] = {{"low_rating", &t.low_rating, 1, 5},         {"rating_gap", &t.rating_gap, 0, 4},
                            {"chooser_share", &t.chooser_share, 0, 1},  {"share_gap", &t.share_gap, 0, 1},
                            {"sacrifice_share", &t.sacrifice_share, 0, 1}, {"talk_share", &t.talk_share, 0, 1}};
  const int_key ints[] = {{"min_checkins", &t.min_checkins, 1},
                          {"min_rating_days", &t.min_rating_days, 1},
                          {"gave_in", &t.gave_in, 1},
                          {"crossed", &t.crossed, 1},
                          {"missed_checkins", &t.missed_checkins, 1},
                          {"solo_days", &t.solo_days, 1},
                          {"min_choices", &t.min_choices, 1},
                          {"min_entries", &t.min_entries, 1},
                          {"min_sacrifices", &t.min_sacrifices, 1},
                          {"min_share_entries", &t.min_share_entries, 1},
                          {"min_talks", &t.min_talks, 1}};
  std::vector<std::string> known;
  for (const auto& r : reals) known.emplace_back(r.name);
  for (const auto& i : ints) known.emplace_back(i.name);
  rd.only_keys(tbl, known, "[signs]");
  for (const auto& r : reals) {
    if (auto v = tbl.get(r.name)) {
      double d = rd.number_at(*v, fmt::format("signs.{}", r.name));
      if (!(d >= r.min && d <= r.max)) rd.fail(*v, fmt::format("signs.{} must be between {:g} and {:g}", r.name, r.min, r.max));
      *r.value = d;
    }
  }
  for (const auto& i : ints) {
    if (auto v = tbl.get(i.name)) {
      auto d = rd.integer_at(*v, fmt::format("signs.{}", i.name));
      if (d < i.min || d > 100000) rd.fail(*v, fmt::format("signs.{} must be a whole number from {}", i.name, i.min));
      *i.value = static_cast<int>(d);
    }
  }
}

// [git]
void read_git(settings_reader& rd, const toml::node& n, settings& s) {
  const auto& tbl = rd.table_at(n, "git");
  rd.only_keys(tbl, {"autocommit"}, "[git]");
  if (auto a = tbl.get("autocommit")) {
    auto b = a->value_exact<bool>();
    if (!b) rd.fail(*a, fmt::format("git.autocommit must be true or false, not {}", describe_type(*a)));
    s.autocommit = *b;
  }
}

// The tables of balance.toml after its top-level keys, read in this order (people first: the
// targets name them).
struct settings_table {
  const char* name;
  void (*read)(settings_reader&, const toml::node&, settings&);
};
const settings_table settings_tables[] = {
    {"person", read_person},
    {"checkin", read_checkin},
    {"ledger", read_ledger},
    {"boundaries", read_boundaries},
    {"remind", read_remind},
    {"talk", read_talk},
    {"journal", read_journal},
    {"signs", read_signs},
    {"git", read_git},
};

}  // namespace

settings parse_settings(std::string_view text, const std::string& path) {
  diagnostic problem;
  auto parsed = detail::parse_toml(text, path, problem);
  if (!parsed) throw error(errc::config, problem);
  const toml::table& root = *parsed;
  settings s;
  settings_reader rd(path, &s.warnings);
  if (auto v = root.get("version"); v && v->value_exact<std::int64_t>().value_or(0) > settings_version)
    rd.lenient = true;

  rd.only_keys(root, {"version", "id", "week_start", "timezone", "person", "checkin", "ledger", "boundaries", "remind",
                      "talk", "journal", "signs", "git"},
               "balance.toml");

  if (auto n = root.get("version")) {
    auto v = rd.integer_at(*n, "version");
    if (v < 1) rd.fail(*n, "version must be 1 or more");
    s.version = static_cast<int>(v);
  }
  if (auto n = root.get("id")) {
    s.repo_id = rd.string_at(*n, "id");
    if (!is_valid_repo_id(s.repo_id))
      rd.fail(*n, fmt::format("id \"{}\" must be 4 to 64 characters of a-z, 0-9 and - (it names this repository's "
                              "private store)",
                              s.repo_id));
  }
  if (auto n = root.get("week_start")) {
    std::string w = rd.string_at(*n, "week_start");
    if (w == "monday")
      s.week_start = week_start::monday;
    else if (w == "sunday")
      s.week_start = week_start::sunday;
    else
      rd.fail(*n, fmt::format("week_start must be \"monday\" or \"sunday\", not \"{}\"", w));
  }
  if (auto n = root.get("timezone")) {
    s.timezone = rd.string_at(*n, "timezone");
    try {
      (void)zone::locate(s.timezone);
    } catch (const error&) {
      rd.fail(*n, fmt::format("unknown time zone \"{}\" (use an IANA name such as \"Europe/Berlin\")", s.timezone));
    }
  }

  for (const auto& t : settings_tables)
    if (auto n = root.get(t.name)) t.read(rd, *n, s);
  return s;
}

bool is_valid_repo_id(std::string_view id) noexcept {
  if (id.size() < 4 || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

namespace {

// The comment above `id` in balance.toml, written by init and by settings_with_id.
constexpr std::string_view id_comment =
    "# Names where each computer keeps this repository's private records, outside it. Keep it as it is.";

// The default balance.toml in pieces, in the file's order: a piece per settings table, with the
// id and the people written between the first pieces.
constexpr std::string_view settings_intro = R"(# balance.toml: the settings you share. Every setting is listed with its default;
# uncomment a line to change it. `balance check` validates this file; `man 5 balance-files`
# explains each field.

version = 1
)";

constexpr std::string_view top_level_defaults = R"(
# The day weeks start on: "monday" or "sunday".
week_start = "monday"

# The zone for "today", weeks and months. Default: BALANCE_TZ, then TZ, then the system zone.
# Times written by hand without an offset are read in this zone (UTC while it is unset), so that
# both of you read them the same way.
# timezone = "Europe/Berlin"

# Everyone in the relationship; names use a-z, 0-9, _ and -.
)";

constexpr std::string_view checkin_defaults = R"([checkin]
# How often each of you checks in: daily, weekly, biweekly, monthly, "every N days" (these
# count from each person's last check-in), "every sunday", "every month on 1", or off.
cadence = "weekly"

# The questions. The default is these five; redefine the list to ask your own.
# [[checkin.dimension]]
# key = "heard"
# question = "Do both of our voices get heard?"
# low = "one voice is much louder"
# high = "both of our voices are heard"
# (likewise "space", "honest", "shared" and "kind")

)";

constexpr std::string_view ledger_defaults = R"([ledger.target]
# The shares you agreed on per kind of entry; each table adds up to 1. Default: equal shares.
# chore = { alex = 0.6, sam = 0.4 }

)";

constexpr std::string_view boundaries_defaults = R"([boundaries]
# How often a new boundary comes up for review.
review = "monthly"

)";

constexpr std::string_view remind_defaults = R"([remind]
# Choice topics whose turn `balance-remind` mentions.
turns = []

)";

constexpr std::string_view talk_defaults = R"([talk]
# How often the weekly talk (balance-talk) comes up in balance-remind: weekly, biweekly, ...
# or off. It counts from your last talk.
cadence = "off"

)";

constexpr std::string_view journal_defaults = R"([journal]
# Prompts of your own, added to balance-journal's deck (`balance-journal prompts` lists it);
# a key of the deck replaces that prompt:
# [[journal.prompt]]
# key = "first-home"
# text = "What do I remember about our first home, and what would I keep from it?"

)";

constexpr std::string_view signs_defaults = R"([signs]
# When the report names a sign of imbalance (defaults shown).
# A mean rating at or below this is low:
# low_rating = 2.5
# Ratings from a person that a rating sign needs:
# min_checkins = 3
# Days those ratings span at least, first to last, counted inclusively:
# min_rating_days = 14
# How far one person's mean is below another's to count as a gap:
# rating_gap = 1.5
# "Yes when I meant no" events per 28 days that make a sign:
# gave_in = 2
# Crossed boundaries per 28 days that make a sign:
# crossed = 2
# Check-ins missed in a row:
# missed_checkins = 2
# Days without a solo entry:
# solo_days = 21
# Choices on a topic that a sign needs:
# min_choices = 10
# Share of a topic's choices made by one person:
# chooser_share = 0.75
# Chore or invisible entries that a load sign needs:
# min_entries = 10
# Share above the agreed target that makes a sign:
# share_gap = 0.15
# Sacrifice entries that a sign needs:
# min_sacrifices = 10
# Share of the sacrifices made by one person:
# sacrifice_share = 0.75
# Below this many entries, shares are shown as counts, not percentages:
# min_share_entries = 10
# Talks the speaking-time rule of one-sided needs, and the share of the minutes spoken by one
# person that raises it:
# min_talks = 3
# talk_share = 0.65

)";

constexpr std::string_view git_defaults = R"([git]
# true: every write is committed (set by `balance init --git`).
autocommit = false
)";

}  // namespace

std::string default_settings_text(const std::vector<std::string>& people, std::string_view id) {
  std::string text(settings_intro);
  if (!id.empty()) text += fmt::format("{}\nid = {}\n", id_comment, detail::toml_quote(id));
  text += top_level_defaults;
  for (const auto& p : people) text += fmt::format("[[person]]\nname = {}\n\n", detail::toml_quote(p));
  for (std::string_view table :
       {checkin_defaults, ledger_defaults, boundaries_defaults, remind_defaults, talk_defaults, journal_defaults,
        signs_defaults,
        git_defaults})
    text += table;
  return text;
}

namespace {

// The file's own line ending, so that the inserted lines match it.
std::string_view line_ending_of(std::string_view text) {
  auto nl = text.find('\n');
  return nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
}

// Byte offsets where each line starts (line 1 after any BOM).
std::vector<std::size_t> line_starts(std::string_view text) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  const std::size_t body = text.starts_with(bom) ? bom.size() : 0;
  std::vector<std::size_t> starts = {body};
  for (std::size_t i = body; i < text.size(); ++i)
    if (text[i] == '\n' && i + 1 < text.size()) starts.push_back(i + 1);
  return starts;
}

// `text` with `inserted` after the version line or, without one, before the first setting.
std::string with_lines_inserted(std::string_view text, const toml::table& parsed, const std::string& inserted,
                                std::string_view eol) {
  const std::vector<std::size_t> starts = line_starts(text);
  auto line_text = [&](std::size_t index) {
    std::size_t end = index + 1 < starts.size() ? starts[index + 1] : text.size();
    return text.substr(starts[index], end - starts[index]);
  };

  std::string out(text);
  if (auto version = parsed.get("version")) {
    const auto& region = version->source();
    std::size_t line = std::max(region.begin.line, region.end.line);  // 1-based
    if (line < starts.size()) {
      out.insert(starts[line], inserted);
    } else {
      // The version line is the last one: end it first if the file did not.
      std::string tail = text.ends_with('\n') ? std::string() : std::string(eol);
      out += tail + inserted;
    }
  } else {
    std::size_t at = text.size();
    for (std::size_t i = 0; i < starts.size(); ++i) {
      std::string_view l = trim(line_text(i));
      if (!l.empty() && !l.starts_with("#")) {
        at = starts[i];
        break;
      }
    }
    if (at == text.size() && !text.empty() && !text.ends_with('\n'))
      out += std::string(eol) + inserted;
    else
      out.insert(at, inserted);
  }
  return out;
}

}  // namespace

std::string settings_with_id(std::string_view text, std::string_view id) {
  const std::string path = "balance.toml";
  if (!is_valid_repo_id(id))
    throw_usage(fmt::format("\"{}\" is not a repository id (4 to 64 characters of a-z, 0-9 and -)", id));
  diagnostic problem;
  auto parsed = detail::parse_toml(text, path, problem);
  if (!parsed) throw error(errc::config, problem);
  if (auto existing = parsed->get("id"))
    throw error(errc::config, diagnostic{detail::position_of(*existing, path), "balance.toml already has an id"});
  (void)parse_settings(text, path);  // a file with bad settings gets no id until it is fixed

  const std::string_view eol = line_ending_of(text);
  const std::string inserted = fmt::format("{}{}id = {}{}", id_comment, eol, detail::toml_quote(id), eol);
  std::string out = with_lines_inserted(text, *parsed, inserted, eol);
  if (parse_settings(out, path).repo_id != id)
    throw error(errc::internal, "adding an id to balance.toml did not give a file with that id");
  return out;
}

std::string user_config_path() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  std::filesystem::path base;
  if (xdg && *xdg && xdg[0] == '/') {
    base = xdg;
  } else {
    const char* home = std::getenv("HOME");
    base = std::filesystem::path(home && *home ? home : "/") / ".config";
  }
  return (base / "balance" / "config.toml").string();
}

user_config load_user_config() {
  user_config cfg;
  cfg.path = user_config_path();
  // The user's own config may be a link (dotfile managers make them).
  auto text = read_file(cfg.path, cfg.path, max_file_size, true);
  if (!text) return cfg;
  diagnostic problem;
  auto parsed = detail::parse_toml(*text, cfg.path, problem);
  if (!parsed) throw error(errc::config, problem);
  settings_reader rd(cfg.path, nullptr);
  rd.only_keys(*parsed, {"me", "dir", "color", "editor", "safety"}, "the user config");
  if (auto n = parsed->get("me")) {
    cfg.me = rd.string_at(*n, "me");
    if (!is_valid_name(cfg.me)) rd.fail(*n, fmt::format("me = \"{}\" is not a valid name", cfg.me));
  }
  if (auto n = parsed->get("dir")) cfg.dir = rd.string_at(*n, "dir");
  if (auto n = parsed->get("color")) {
    cfg.color = rd.string_at(*n, "color");
    if (cfg.color != "auto" && cfg.color != "always" && cfg.color != "never")
      rd.fail(*n, fmt::format("color must be \"auto\", \"always\" or \"never\", not \"{}\"", cfg.color));
  }
  if (auto n = parsed->get("editor")) cfg.editor = rd.string_at(*n, "editor");
  if (auto n = parsed->get("safety")) {
    const auto& tbl = rd.table_at(*n, "safety");
    rd.only_keys(tbl, {"country", "resources", "replace"}, "[safety]");
    if (auto c = tbl.get("country")) {
      std::string code = rd.string_at(*c, "safety.country");
      if (code.size() != 2 || !std::all_of(code.begin(), code.end(), [](char ch) {
            return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
          }))
        rd.fail(*c, fmt::format("safety.country must be a two-letter country code (ISO 3166-1 alpha-2) such as \"DE\", "
                                "not \"{}\"",
                                code));
      for (char& ch : code) ch = static_cast<char>(ch >= 'a' ? ch - 'a' + 'A' : ch);
      cfg.safety_country = code;
    }
    if (auto r = tbl.get("resources")) cfg.safety_resources = rd.string_at(*r, "safety.resources");
    if (auto r = tbl.get("replace")) {
      auto b = r->value_exact<bool>();
      if (!b) rd.fail(*r, fmt::format("safety.replace must be true or false, not {}", describe_type(*r)));
      cfg.safety_replace = *b;
    }
  }
  return cfg;
}

void set_user_config_value(const std::string& key, const std::string& value) {
  std::filesystem::path path = user_config_path();
  auto existing = read_file(path, path.string(), max_file_size, true);
  std::string text = existing.value_or("");
  std::string line = fmt::format("{} = {}", key, detail::toml_quote(value));

  std::size_t replace_line = std::string::npos;  // 1-based line of an existing top-level key
  std::size_t first_header = std::string::npos;  // 1-based line of the first table header
  if (existing) {
    diagnostic problem;
    auto parsed = detail::parse_toml(text, path.string(), problem);
    if (!parsed) throw error(errc::config, problem);
    if (auto n = parsed->get(key)) replace_line = n->source().begin.line;
    for (const auto& [k, v] : *parsed)
      if (v.is_table() && !v.as_table()->is_inline())
        first_header = std::min<std::size_t>(first_header, v.source().begin.line);
  }

  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  if (replace_line != std::string::npos) {
    lines[replace_line - 1] = line;
  } else if (first_header != std::string::npos) {
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(first_header - 1), line);
  } else {
    lines.push_back(line);
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";

  auto& fs = real_file_system();
  std::filesystem::path dir = path.parent_path();
  if (!path_exists(fs, dir)) {
    make_dirs(fs, dir.parent_path());  // the mkdir below says what went wrong
    if (fs.mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
      throw error(errc::cannot_create, fmt::format("cannot create {}: {}", dir.string(), std::strerror(errno)));
  }
  check_write_target(path, path.string());
  write_file_atomically(fs, path, out, path.string());
}

}  // namespace balance
