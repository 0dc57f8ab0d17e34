#include "balance/checkin.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "balance/cadence.hpp"
#include "balance/editor.hpp"
#include "balance/error.hpp"
#include "balance/file_system.hpp"
#include "balance/format.hpp"
#include "balance/json.hpp"
#include "record_file.hpp"
#include "balance/private_sync.hpp"
#include "balance/text.hpp"

namespace balance {

std::optional<std::string> checkin_hint(const record& r) {
  if (r.is_private) return std::nullopt;
  if (auto tip = i_statement_hint(r.feeling)) return tip;
  return i_statement_hint(r.need);
}

namespace {

// Reads an answer from 1 to 5; empty skips. Returns false and the reason for anything else.
bool read_rating(std::string_view answer, std::optional<std::int64_t>& value, std::string& reason) {
  std::string_view t = trim(answer);
  value.reset();
  if (t.empty()) return true;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) {
    reason = fmt::format("\"{}\" is not a number; answer 1 to 5, or press Enter to skip", escape_for_terminal(t));
    return false;
  }
  if (v < 1 || v > 5) {
    reason = fmt::format("{} is outside 1 to 5; answer 1 to 5, or press Enter to skip", v);
    return false;
  }
  value = v;
  return true;
}

using line_reader = std::function<std::optional<std::string>()>;

struct interviewer {
  const line_reader& read_line;
  const line_reader& read_secret;
  sink& out;

  // The answer, empty when skipped; nullopt when the input ends.
  std::optional<std::optional<std::int64_t>> rating(const std::string& title, const std::string& scale,
                                                    bool secret = false) const {
    out.write(fmt::format("\n{}\n", title));
    if (!scale.empty()) out.write(fmt::format("  {}\n", scale));
    for (;;) {
      out.write("> ");
      out.flush();
      auto line = secret && read_secret ? read_secret() : read_line();
      if (!line) return std::nullopt;
      std::optional<std::int64_t> value;
      std::string reason;
      if (read_rating(*line, value, reason)) return value;
      out.write(fmt::format("  {}\n", reason));
    }
  }

  // Each dimension, then mood; false when the input ends.
  bool ratings(const settings& cfg, record& r) const {
    for (const auto& d : cfg.dimensions) {
      std::string scale = d.low.empty() && d.high.empty() ? std::string("1 = low · 5 = high")
                                                           : fmt::format("1 = {} · 5 = {}", d.low, d.high);
      auto answer = rating(fmt::format("{} — {}", d.key, d.question), scale);
      if (!answer) return false;
      if (*answer) r.set_rating(d.key, static_cast<int>(**answer));
    }
    auto mood = rating("mood — How are you feeling overall?", "1 = low · 5 = great");
    if (!mood) return false;
    r.mood = *mood;
    return true;
  }

  // The free-text questions; false when the input ends.
  bool texts(record& r) const {
    struct text_question {
      std::string* field;
      const char* prompt;
    };
    const text_question questions[] = {
        {&r.feeling, "feeling — Anything you feel? Try \"I feel … when …\""},
        {&r.need, "need — Something you need?"},
        {&r.thanks, "thanks — Something you appreciate?"},
        {&r.note, "note — Anything else?"},
    };
    for (const auto& q : questions) {
      out.write(fmt::format("\n{}\n> ", q.prompt));
      out.flush();
      auto line = read_line();
      if (!line) return false;
      *q.field = std::string(trim(*line));
    }
    return true;
  }
};

}  // namespace

std::optional<record> interview(const settings& cfg, const std::function<std::optional<std::string>()>& read_line,
                                sink& out, bool ask_safe, const std::function<std::optional<std::string>()>& read_secret) {
  record r;
  r.type = record_type::checkin;
  out.write("How are we doing? Answer each from 1 to 5, or press Enter to skip.\n");
  const interviewer ask{read_line, read_secret, out};
  // In a private check-in safety is asked first: nobody who feels unsafe should have to answer
  // six questions before hearing where help is.
  if (ask_safe) {
    auto safe = ask.rating(
        "safe — Do you feel safe with your partner? (private, and your answer is not shown as you type)",
        "1 = not safe · 5 = completely safe", true);
    if (!safe) return std::nullopt;
    r.safe = *safe;
    r.is_private = true;
    // Feeling unsafe comes before anything else: no more questions.
    if (is_unsafe_answer(r)) return r;
  }
  if (!ask.ratings(cfg, r) || !ask.texts(r)) return std::nullopt;
  return r;
}

std::string checkin_template(const record& prefilled, const settings& cfg) {
  auto quote = [](const std::string& s) {
    // The same escaping the canonical writer uses, via a one-field record.
    record tmp;
    tmp.type = record_type::entry;
    tmp.what = s;
    std::string line = record_to_toml(tmp);
    auto start = line.find("what = ") + 7;
    return line.substr(start, line.find('\n', start) - start);
  };
  std::string out =
      "# How are we doing? Rate each from 1 to 5; leave a line commented out to skip it.\n"
      "# Lines starting with # are ignored. Save an empty file (or only comments) to cancel.\n\n";
  for (const auto& d : cfg.dimensions) {
    out += fmt::format("# {}\n#   1 = {} · 5 = {}\n", d.question, d.low.empty() ? "low" : d.low, d.high.empty() ? "high" : d.high);
    if (auto v = prefilled.rating_of(d.key))
      out += fmt::format("{} = {}\n\n", d.key, *v);
    else
      out += fmt::format("# {} = \n\n", d.key);
  }
  out += "# How are you feeling overall? (1–5)\n";
  out += prefilled.mood ? fmt::format("mood = {}\n\n", *prefilled.mood) : "# mood = \n\n";
  auto text = [&](const char* key, const std::string& value, const char* help) {
    out += fmt::format("# {}\n", help);
    out += value.empty() ? fmt::format("# {} = \"\"\n\n", key) : fmt::format("{} = {}\n\n", key, quote(value));
  };
  text("feeling", prefilled.feeling, "An I-statement: \"I feel … when …\"");
  text("need", prefilled.need, "Something you need");
  text("thanks", prefilled.thanks, "Something you appreciate");
  text("note", prefilled.note, "Anything else");
  if (!prefilled.tags.empty()) {
    out += "tags = [";
    for (std::size_t i = 0; i < prefilled.tags.size(); ++i) out += (i ? ", " : "") + quote(prefilled.tags[i]);
    out += "]\n";
  } else {
    out += "# tags = [\"\"]\n";
  }
  if (prefilled.is_private) {
    out += "\n# Private: kept outside the shared repository, never synced to your partner; anyone who can use this account could read it.\n"
           "# Do you feel safe with your partner? (1–5; 2 or less shows where help is, right after saving)\n";
    out += prefilled.safe ? fmt::format("safe = {}\n", *prefilled.safe) : "# safe = \n";
  }
  return out;
}

std::vector<due_person> checkins_due(const store& s, const std::vector<std::string>& people, bool own_private) {
  const repo& r = s.repository();
  const calendar& cal = r.cal();
  std::vector<due_person> due;
  for (const auto& person : people) {
    // The newest month file that holds a check-in by this person: walk back from the newest.
    std::optional<timestamp> last;
    // A person's own private check-ins count for their own rhythm (never for anyone else's view).
    bool own = own_private && !r.acting_as_other() && person == r.private_owner();
    scan_filter filter(record_type::checkin);
    filter.author = person;
    filter.private_of_me = own;
    std::vector<std::string> files;
    for (const auto& f : s.data_files(record_type::checkin, true, own)) {
      auto role = role_of_path(f);
      if (role && role->author == person) files.push_back(f);
    }
    std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
      return role_of_path(a)->month > role_of_path(b)->month;
    });
    for (std::size_t i = 0; i < files.size() && !last; ++i) {
      auto m = role_of_path(files[i])->month;
      // Both the shared and the private file of that month count.
      period month_span = parse_period(m->to_string(), cal);
      month_span.begin -= std::chrono::hours(14);
      month_span.end += std::chrono::hours(14);
      filter.span = month_span;
      s.scan(filter, [&](record&& c) {
        if (c.at.utc <= cal.now.utc && (!last || c.at.utc > last->utc)) last = c.at;
      });
    }
    std::optional<sys_seconds> last_time;
    if (last) last_time = last->utc;
    if (checkin_due(r.config().checkin_cadence, last_time, cal)) due.push_back({person, last});
  }
  return due;
}

forget_result forget_private(const store& s, forget_scope scope, bool dry_run) {
  const repo& rp = s.repository();
  rp.require_private_owner();
  forget_result result;
  scan_filter mine(record_type::checkin);
  mine.shared = false;
  mine.private_of_me = true;
  std::vector<record> found = s.load(mine);
  std::erase_if(found, [&](const record& c) { return scope == forget_scope::safety && !c.safe; });
  result.checkins = found.size();
  // Kept edit buffers are on this computer's disk, where the editor wrote them.
  std::filesystem::path dir = edit_buffer_dir();
  std::vector<dir_entry> entries;
  real_file_system().list_dir(dir.c_str(), entries);
  for (const auto& e : entries)
    if (e.is_regular_file) result.buffers.push_back(dir / e.name);
  std::sort(result.buffers.begin(), result.buffers.end());
  if (dry_run) return result;
  if (!found.empty()) {
    write_batch batch(s);
    for (const auto& c : found) {
      if (scope == forget_scope::all_private) {
        batch.remove(c);
      } else {
        record after = c;
        after.safe.reset();
        // A check-in that held nothing but its safety answer goes as a whole.
        if (after.ratings.empty() && !after.mood && after.feeling.empty() && after.need.empty() && after.thanks.empty() &&
            after.note.empty())
          batch.remove(c);
        else
          batch.replace(c, after);
      }
    }
    result.written = batch.commit();
  }
  for (const auto& b : result.buffers) remove_file(real_file_system(), b, b.string());
  return result;
}

record new_checkin(const repo& rp, bool is_private) {
  // Before anything is asked: a private answer can only go into this computer's own store.
  if (is_private) rp.require_private_owner();
  record r;
  r.type = record_type::checkin;
  r.who = r.author = rp.me();
  r.at = rp.cal().now;
  r.is_private = is_private;
  return r;
}

outcome add_checkin(const store& s, record r) {
  check_flag_record(r, s.repository().config());
  std::optional<std::string> hint = checkin_hint(r);
  outcome done = add_record(s, std::move(r));
  if (hint) done.notes.push_back(*hint);
  return done;
}

void write_checkin_summary(const record& r, sink& out) {
  out.write(style{}.bold("Your check-in:\n"));
  for (const auto& f : fields_of(r)) {
    if (f.key == "id" || f.key == "who" || f.key == "safe") continue;  // the safety answer is never echoed
    std::string value;
    if (f.key == "at")
      value = format_timestamp(r.at);
    else if (const auto* text = std::get_if<std::string>(&f.value))
      value = *text;
    else if (const auto* number = std::get_if<std::int64_t>(&f.value))
      value = std::to_string(*number);
    if (!value.empty()) out.write(fmt::format("  {:<8} {}\n", f.key, escape_for_terminal(value)));
  }
}

namespace {

std::string count_checkins(std::size_t n) {
  return n == 1 ? std::string("1 private check-in") : fmt::format("{} private check-ins", n);
}

}  // namespace

outcome forget_checkins(const store& s, forget_scope scope, bool dry_run) {
  auto done = forget_private(s, scope, dry_run);
  std::string what = scope == forget_scope::safety ? "the safety answers of " + count_checkins(done.checkins)
                                                   : count_checkins(done.checkins);
  std::string buffers = done.buffers.size() == 1 ? "1 kept edit buffer" : fmt::format("{} kept edit buffers", done.buffers.size());
  outcome o;
  o.paths = std::move(done.written);
  o.summary = fmt::format("{} {} and {}", dry_run ? "would forget" : "forgot", what, buffers);
  if (done.checkins > 0 && private_store_syncs(s.repository()))
    o.notes.push_back(fmt::format(
        "your private store is a git repository (your own private sync): this {} them from its files, but earlier "
        "versions stay in its history and on its remote until you rewrite that history there (`balance private git` "
        "runs git in it)",
        dry_run ? "would remove" : "removes"));
  return o;
}

std::vector<std::string> people_for(const repo& rp, const std::string& who, bool all) {
  if (!who.empty() && all) throw_usage("use either --who or --all");
  if (all) return rp.config().people;
  return {who.empty() ? rp.me() : rp.person(who, "--who")};
}

std::vector<due_person> checkins_due_for(const store& s, const std::string& who, bool all) {
  const repo& rp = s.repository();
  auto people = people_for(rp, who, all);
  return checkins_due(s, people, !all && rp.knows_me() && people.front() == rp.me());
}

void write_checkins_due(const std::vector<due_person>& due, const cadence& every, bool json, sink& out) {
  std::string cadence_text = every.to_string();
  if (!json) {
    for (const auto& d : due) {
      std::string last = d.last ? fmt::format("last one {}", format_date(*d.last)) : std::string("none yet");
      out.write(fmt::format("{}: check-in due ({}; {})\n", d.who, cadence_text, last));
    }
    return;
  }
  std::vector<std::string> items;
  for (const auto& d : due) {
    json_fields item;
    item.text("who", d.who);
    if (d.last)
      item.text("last", format_timestamp(*d.last));
    else
      item.null("last");
    items.push_back(item.object());
  }
  write_schema_document(out, json_fields().text("cadence", cadence_text), "due", items);
}

void write_questions(const settings& cfg, bool json, sink& out) {
  const auto& dims = cfg.dimensions;
  if (json) {
    std::vector<std::string> items;
    for (const auto& d : dims)
      items.push_back(
          json_fields().text("key", d.key).text("question", d.question).text("low", d.low).text("high", d.high).object());
    write_schema_document(out, {}, "dimensions", items);
    return;
  }
  std::size_t width = 0;
  for (const auto& d : dims) width = std::max(width, d.key.size());
  for (const auto& d : dims) {
    out.write(fmt::format("{:<{}}  {}\n", d.key, width, escape_for_terminal(d.question)));
    if (!d.low.empty() || !d.high.empty())
      out.write(fmt::format("{:<{}}  1 = {} · 5 = {}\n", "", width, escape_for_terminal(d.low), escape_for_terminal(d.high)));
  }
}

}  // namespace balance
