#include "balance/meeting.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/period.hpp"
#include "balance/report.hpp"
#include "balance/text.hpp"
#include "balance/when.hpp"

namespace balance {

using std::chrono::milliseconds;

namespace {

class steady_clock_impl : public meeting_clock {
 public:
  milliseconds now() override {
    return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start_);
  }
  bool runs() const override { return true; }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

class stepped_clock_impl : public meeting_clock {
 public:
  milliseconds now() override { return now_; }
  bool runs() const override { return false; }
  void step_minute() override { now_ += std::chrono::minutes(1); }

 private:
  milliseconds now_{0};
};

}  // namespace

std::unique_ptr<meeting_clock> steady_meeting_clock() { return std::make_unique<steady_clock_impl>(); }
std::unique_ptr<meeting_clock> stepped_meeting_clock() { return std::make_unique<stepped_clock_impl>(); }

std::unique_ptr<meeting_clock> meeting_clock_for_environment() {
  const char* pinned = std::getenv("BALANCE_NOW");
  return pinned && *pinned ? stepped_meeting_clock() : steady_meeting_clock();
}

double spoken_minutes(milliseconds spoken) { return std::round(static_cast<double>(spoken.count()) / 6000.0) / 10.0; }

namespace {

class store_actions : public meeting_actions {
 public:
  store_actions(const store& s, std::function<void(const outcome&)> written) : s_(s), written_(std::move(written)) {}

  std::string appreciate(const std::string& who, const std::string& for_whom, const std::string& text) override {
    appreciation_options o;
    o.who = who;
    o.for_whom = for_whom;
    o.text = text;
    return saved(add_appreciation(s_, o));
  }
  std::string agree(const std::string& text, const std::string& review) override {
    agreement_options o;
    o.text = text;
    o.review = review;
    return saved(add_agreement(s_, o));
  }
  std::string review(const std::string& agreement_id, const std::string& outcome) override {
    review_options o;
    o.agreement = agreement_id;
    o.outcome = outcome;
    return saved(review_agreement(s_, o));
  }
  std::string save_talk(const talk_options& talk) override { return saved(add_talk(s_, talk)); }

 private:
  std::string saved(const outcome& done) {
    if (written_) written_(done);
    return done.records.empty() ? std::string() : done.records.front().id;
  }
  const store& s_;
  std::function<void(const outcome&)> written_;
};

}  // namespace

std::unique_ptr<meeting_actions> store_meeting_actions(const store& s, std::function<void(const outcome&)> written) {
  return std::make_unique<store_actions>(s, std::move(written));
}

namespace {

std::vector<std::string> people_present(const repo& rp, const std::vector<std::string>& given) {
  std::vector<std::string> with;
  for (const auto& name : given.empty() ? rp.config().people : given) {
    std::string p = rp.person(name, "--with");
    if (std::find(with.begin(), with.end(), p) == with.end()) with.push_back(p);
  }
  if (with.size() < 2)
    throw_usage("the talk is for two (or more) of you: name everyone who is there with --with, such as "
                "--with alex sam");
  return with;
}

// What each person did and was thanked for in the period, oldest first, at most eight lines
// (the newest): memory aids for the other's appreciations.
std::map<std::string, std::vector<std::string>> memory_aids(const store& s, const period& span,
                                                            const std::vector<std::string>& with) {
  std::map<std::string, std::vector<std::string>> aids;
  auto present = [&](const std::string& p) { return std::find(with.begin(), with.end(), p) != with.end(); };
  s.scan(scan_filter(record_type::entry, span), [&](record&& e) {
    if (present(e.who) && e.kind != "solo")
      aids[e.who].push_back(fmt::format("{}  {}", format_date(e.at), escape_for_terminal(e.what)));
  });
  s.scan(scan_filter(record_type::appreciation, span), [&](record&& a) {
    if (present(a.for_whom))
      aids[a.for_whom].push_back(
          fmt::format("{}  thanked by {}: {}", format_date(a.at), a.who, escape_for_terminal(a.text)));
  });
  for (auto& [who, lines] : aids) {
    std::sort(lines.begin(), lines.end());
    if (lines.size() > 8) lines.erase(lines.begin(), lines.end() - 8);
  }
  return aids;
}

milliseconds turn_length(const std::string& text) {
  std::chrono::minutes m{5};
  if (!text.empty()) {
    try {
      m = parse_duration(text);
    } catch (const error& e) {
      throw_usage(fmt::format("--turn {}: {}", escape_for_terminal(text), e.what()));
    }
  }
  if (m.count() <= 0) throw_usage(fmt::format("--turn {}: a turn needs at least a minute", escape_for_terminal(text)));
  return m;
}

}  // namespace

meeting_setup prepare_meeting(const store& s, const meeting_options& o) {
  const repo& rp = s.repository();
  meeting_setup m;
  m.with = people_present(rp, o.with);
  m.turn = turn_length(o.turn);
  try {
    m.review = (o.review.empty() ? default_agreement_review() : parse_cadence(o.review)).to_string();
  } catch (const error& e) {
    throw_usage(fmt::format("--review {}: {}", escape_for_terminal(o.review), e.what()));
  }
  m.started = rp.cal().now;
  period week = parse_period(meeting_period, rp.cal());
  report shared = build_report(s, parse_period(meeting_report_period, rp.cal()), report_view::shared);
  m.working = shared.working;
  for (const auto& sg : shared.signs) m.topics.push_back({sg.id, sg.title, false});
  for (const auto& v : agreement_reviews_due(s)) m.topics.push_back({v.agreement.id, v.agreement.text, true});
  m.aids = memory_aids(s, week, m.with);
  return m;
}

namespace {

// Thrown inside the meeting when someone leaves (Ctrl-C, or the input closes).
struct left_meeting {};

const char* const clear_screen = "\x1b[H\x1b[2J";

std::string clock_text(milliseconds left) {
  auto seconds = (left.count() + 999) / 1000;  // 4:59.2 left shows 05:00 until a whole second has gone
  return fmt::format("{:02}:{:02}", seconds / 60, seconds % 60);
}

class meeting {
 public:
  meeting(const meeting_setup& setup, meeting_terminal& term, meeting_clock& clock, meeting_actions& act)
      : setup_(setup), term_(term), clock_(clock), act_(act) {}

  meeting_result run() {
    try {
      welcome();
      appreciations();
      went_right();
      if (choose_topic()) {
        take_turns();
        review_step();
      }
      care();
      agreement_step();
      finish();
    } catch (const left_meeting&) {
      // Saved stays as it was: leaving at the last "Press Enter" leaves a saved talk.
    }
    return result_;
  }

 private:
  enum class turn_end { swap, done };

  void say(std::string_view text) { term_.write(text); }
  void screen(const std::string& title) { say(fmt::format("{}{}\n\n", clear_screen, title)); }

  // The next key, 0 when `wait` passed without one; leaving throws left_meeting.
  int key(milliseconds wait) {
    auto k = term_.read_key(wait);
    if (!k) return 0;
    if (*k == meeting_key::interrupt || *k == meeting_key::closed) throw left_meeting{};
    return *k;
  }

  // Arrow keys and the like arrive as ESC [ … final-byte; none of them is text.
  void skip_escape() {
    int k = key(milliseconds(30));
    if (k != '[' && k != 'O') return;
    while ((k = key(milliseconds(30))) != 0 && !(k >= 0x40 && k <= 0x7e)) {
    }
  }

  // One line of text, echoed as typed; Enter confirms it. Backspace takes back one character.
  std::string read_line(std::string_view prompt) {
    say(prompt);
    std::string line;
    for (;;) {
      int k = key(milliseconds(-1));
      if (k == '\r' || k == '\n' || (k == meeting_key::end_of_text && line.empty())) {
        say("\n");
        return std::string(trim(line));
      }
      if (k == 127 || k == 8) {
        if (line.empty()) continue;
        while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xc0) == 0x80) line.pop_back();
        line.pop_back();
        say("\b \b");
      } else if (k == 27) {
        skip_escape();
      } else if (k >= 0x20 && k <= 0xff) {
        line += static_cast<char>(k);
        say(std::string(1, static_cast<char>(k)));
      }
    }
  }

  void wait_for_enter(std::string_view prompt) {
    say(prompt);
    for (;;) {
      int k = key(milliseconds(-1));
      if (k == '\r' || k == '\n' || k == meeting_key::end_of_text) break;
    }
    say("\n");
  }

  void welcome() {
    screen(fmt::format("The weekly talk: {}", join_names(setup_.with)));
    say("  1. Appreciations    2. What went right    3. One issue, in turns\n"
        "  4. Care             5. One thing to try\n\n"
        "Take your time. Ctrl-C leaves at any moment; whatever you have already\n"
        "confirmed stays saved.\n\n");
    wait_for_enter("Press Enter to begin.");
  }

  void show_aids(const std::string& other) {
    auto it = setup_.aids.find(other);
    if (it == setup_.aids.end() || it->second.empty()) {
      say(fmt::format("Nothing of {}'s in the last 7 days to jog your memory: what comes to mind?\n\n", other));
      return;
    }
    say(fmt::format("To jog your memory, {}'s entries and thanks of the last 7 days:\n", other));
    for (const auto& line : it->second) say(fmt::format("  - {}\n", line));
    say("\n");
  }

  void appreciate(const std::string& who, const std::string& other) {
    screen(fmt::format("Appreciations: {} about {}", who, other));
    show_aids(other);
    say(fmt::format("{}, what did you appreciate about {} this week? One thing per line,\n"
                    "up to five; an empty line moves on.\n",
                    who, other));
    for (int n = 1; n <= 5; ++n) {
      std::string text = read_line(fmt::format("{}> ", n));
      if (text.empty()) break;
      try {
        act_.appreciate(who, other, text);
      } catch (const error& e) {
        say(fmt::format("   That could not be saved ({}); try other words.\n", escape_for_terminal(e.what())));
        --n;
        continue;
      }
      ++result_.appreciations;
      say("   saved.\n");
    }
  }

  void appreciations() {
    for (const auto& who : setup_.with)
      for (const auto& other : setup_.with)
        if (other != who) appreciate(who, other);
  }

  void went_right() {
    screen("What went right");
    if (setup_.working.empty()) {
      say("The shared report has nothing to go on for these 28 days yet. Whatever went\n"
          "well, even something small, is worth saying out loud.\n\n");
      wait_for_enter("Press Enter to go on.");
      return;
    }
    say("From your shared report for the last 28 days:\n");
    for (const auto& w : setup_.working) say(fmt::format("  - {}\n", escape_for_terminal(w)));
    wait_for_enter("\nTake a moment with these together. Press Enter to go on.");
  }

  void list_topics() {
    say("Choose one thing to talk about today:\n");
    for (std::size_t i = 0; i < setup_.topics.size(); ++i) {
      const auto& t = setup_.topics[i];
      std::string title = escape_for_terminal(t.title);
      say(fmt::format("  {}. {}\n", i + 1, t.is_review ? fmt::format("Time to look again at \"{}\"", title) : title));
    }
    say("  t. Something else, in your own words\n"
        "Or press Enter to leave the issue for another week.\n");
  }

  // Sets the topic (and the sign or agreement it came from); false when none was chosen.
  bool choose_topic() {
    screen("One issue");
    list_topics();
    for (;;) {
      std::string choice = read_line("Your choice> ");
      if (choice.empty()) return false;
      if (choice == "t" || choice == "T") {
        topic_ = read_line("In a few words, what is it about?> ");
        if (!topic_.empty()) return true;
        continue;
      }
      std::size_t n = 0;
      auto [end, ec] = std::from_chars(choice.data(), choice.data() + choice.size(), n);
      if (ec == std::errc() && end == choice.data() + choice.size() && n >= 1 && n <= setup_.topics.size()) {
        pick(setup_.topics[n - 1]);
        return true;
      }
      say(setup_.topics.empty() ? "Type t, or press Enter.\n" : "Type one of the numbers, t, or press Enter.\n");
    }
  }

  void pick(const meeting_topic& t) {
    if (t.is_review) {
      topic_ = "how \"" + t.title + "\" is going";
      reviewed_ = t;
    } else {
      topic_ = t.title;
      sign_ = t.id;
    }
  }

  void turn_header(const std::string& speaker, const std::string& listener) {
    say(fmt::format("\n{} speaks, {} listens.\n"
                    "{}, when {} is done, sum up what you heard in your own words and ask\n"
                    "whether you got it right, before you answer.\n"
                    "Keys: s swap now   + one more minute   d done with this issue\n",
                    speaker, listener, listener, speaker));
  }

  void draw_countdown(const std::string& speaker, milliseconds left) {
    say(fmt::format("\r\x1b[K  {} speaking   {} left", speaker, clock_text(left)));
  }

  // Until the countdown shows the next whole second.
  milliseconds next_tick(milliseconds left) const {
    auto rest = left.count() % 1000;
    return milliseconds(rest == 0 ? 1000 : rest);
  }

  turn_end speak(const std::string& speaker, const std::string& listener) {
    turn_header(speaker, listener);
    milliseconds budget = setup_.turn, start = clock_.now();
    for (;;) {
      milliseconds used = clock_.now() - start;
      if (used >= budget) {
        spoken_[speaker] += budget;
        say(fmt::format("\n  Time is up. Over to {}.\n", listener));
        return turn_end::swap;
      }
      draw_countdown(speaker, budget - used);
      int k = key(clock_.runs() ? next_tick(budget - used) : milliseconds(-1));
      if (k == 's' || k == 'd') {
        spoken_[speaker] += std::min(clock_.now() - start, budget);
        say("\n");
        return k == 's' ? turn_end::swap : turn_end::done;
      }
      if (k == '+') budget += std::chrono::minutes(1);
      if (k == meeting_key::test_minute) clock_.step_minute();
    }
  }

  void take_turns() {
    screen(fmt::format("One issue: {}", escape_for_terminal(topic_)));
    for (const auto& p : setup_.with) spoken_[p] = milliseconds(0);
    const auto& with = setup_.with;
    for (std::size_t i = 0;; ++i) {
      if (speak(with[i % with.size()], with[(i + 1) % with.size()]) == turn_end::done) break;
    }
  }

  void review_step() {
    if (!reviewed_) return;
    say(fmt::format("\nHow has \"{}\" gone since you last looked at it?\n", escape_for_terminal(reviewed_->title)));
    for (;;) {
      std::string answer = read_line("k kept, p partly or n not yet, then Enter (Enter alone: leave it for now)> ");
      if (answer.empty()) return;
      const char* outcome = answer == "k" ? "kept" : answer == "p" ? "partly" : answer == "n" ? "not-yet" : nullptr;
      if (outcome) {
        act_.review(reviewed_->id, outcome);
        ++result_.reviews;
        say("   noted; its review clock starts again.\n");
        return;
      }
    }
  }

  void care() {
    screen("Care");
    say("Each of you: one thing that would help you feel cared for this week.\n"
        "It is optional; an empty line skips.\n");
    std::vector<std::string> said;
    for (const auto& who : setup_.with) {
      std::string wish = read_line(fmt::format("{}> ", who));
      if (wish.empty()) continue;
      care_.push_back(fmt::format("care, {}: {}", who, wish));
      said.push_back(fmt::format("  {}: {}\n", who, escape_for_terminal(wish)));
    }
    if (said.empty()) return;
    say("\nSo this week:\n");
    for (const auto& line : said) say(line);
    wait_for_enter("\nPress Enter to go on.");
  }

  void agreement_step() {
    screen("One thing to try");
    say(fmt::format("Is there one small thing you will both try? Word it as something you do\n"
                    "together, such as \"We put our phones away at dinner\". It comes up for\n"
                    "review {}. An empty line leaves it for now.\n",
                    setup_.review));
    std::string text = read_line("We will try> ");
    if (text.empty()) return;
    result_.agreement = act_.agree(text, setup_.review);
    say("   agreed.\n");
  }

  talk_options talk() const {
    talk_options t;
    t.with = setup_.with;
    for (const auto& p : setup_.with)
      if (auto it = spoken_.find(p); it != spoken_.end()) t.spoke.push_back({p, spoken_minutes(it->second)});
    t.topic = topic_;
    t.sign = sign_;
    t.agreement = result_.agreement;
    t.appreciations = static_cast<std::int64_t>(result_.appreciations);
    for (const auto& line : care_) t.note += (t.note.empty() ? "" : "\n") + line;
    t.at = setup_.started;
    return t;
  }

  void finish() {
    result_.talk = act_.save_talk(talk());
    result_.saved = true;
    screen("Thank you both");
    say(fmt::format("Saved: {} appreciation{}, {}, and this talk.\n\n", result_.appreciations,
                    result_.appreciations == 1 ? "" : "s",
                    result_.agreement.empty() ? "no agreement this time" : "one thing to try"));
    wait_for_enter("Press Enter to close.");
  }

  const meeting_setup& setup_;
  meeting_terminal& term_;
  meeting_clock& clock_;
  meeting_actions& act_;
  meeting_result result_;
  std::string topic_, sign_;
  std::optional<meeting_topic> reviewed_;
  std::map<std::string, milliseconds> spoken_;
  std::vector<std::string> care_;
};

}  // namespace

meeting_result run_meeting(const meeting_setup& setup, meeting_terminal& term, meeting_clock& clock,
                           meeting_actions& act) {
  return meeting(setup, term, clock, act).run();
}

}  // namespace balance
