// The I-statement tip's reading of a sentence: does it word the partner as the problem
// (criticism, contempt) rather than tell of one's own experience? See i_statement.hpp.
#include "balance/i_statement.hpp"

#include <algorithm>
#include <cctype>
#include <span>
#include <string>
#include <vector>

#include "balance/text.hpp"

namespace balance {

namespace {

// Reading a sentence as words. The patterns below look at lower-case ASCII words with the
// texting and contracted forms spelled out ("ur so" → "you are so", "dont" → "do not"), so a
// handful of word lists can stand for the many ways people type the same thing.

using words = std::vector<std::string>;

// Marks the end of a clause (. ! ? ; : , … – — brackets, line breaks): no pattern reaches across it,
// so "I love you, always" is not "you always".
constexpr std::string_view clause_end = "|";

bool is_one_of(std::string_view word, std::span<const std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

struct replacement {
  std::string_view from;
  std::string_view to;
};

// What phones type for quotes, apostrophes, ellipses and dashes, as the ASCII people mean. The
// eye-roll emoji is given spaces so that it stands as a word of its own.
constexpr replacement typography[] = {
    {"\xE2\x80\x98", "'"},  {"\xE2\x80\x99", "'"},  {"\xE2\x80\x9C", "\""}, {"\xE2\x80\x9D", "\""},
    {"\xE2\x80\xA6", "."},  {"\xE2\x80\x93", ","},  {"\xE2\x80\x94", ","},
    {"\xF0\x9F\x99\x84", " \xF0\x9F\x99\x84 "},
};
constexpr std::string_view eye_roll = "\xF0\x9F\x99\x84";

// Texting and contracted forms, written without their apostrophes ("you're" is read as "youre").
// "ur" and "your" are left out: which one is meant depends on the next word (see you_are_meant).
constexpr replacement spelled_out[] = {
    {"u", "you"},           {"yu", "you"},          {"r", "are"},           {"y", "why"},
    {"wat", "what"},        {"wut", "what"},        {"luv", "love"},        {"thx", "thanks"},
    {"nvr", "never"},       {"alwys", "always"},    {"allways", "always"},  {"soo", "so"},
    {"youre", "you are"},   {"youve", "you have"},  {"youll", "you will"},  {"youd", "you would"},
    {"im", "i am"},         {"ive", "i have"},      {"its", "it is"},       {"thats", "that is"},
    {"whats", "what is"},   {"theres", "there is"}, {"cannot", "can not"},  {"cant", "can not"},
    {"wont", "will not"},   {"dont", "do not"},     {"doesnt", "does not"}, {"didnt", "did not"},
    {"isnt", "is not"},     {"arent", "are not"},   {"wasnt", "was not"},   {"werent", "were not"},
    {"havent", "have not"}, {"hasnt", "has not"},   {"hadnt", "had not"},   {"wouldnt", "would not"},
    {"couldnt", "could not"}, {"shouldnt", "should not"}, {"aint", "is not"},
};

// Labels for a whole person: criticism even straight after "you" ("you idiot", "you're lazy").
constexpr std::string_view character_labels[] = {
    "selfish",   "lazy",          "useless",      "pathetic",      "liar",          "idiot",
    "moron",     "jerk",          "loser",        "fool",          "hypocrite",     "coward",
    "narcissist", "narcissistic", "psycho",       "bully",         "brat",          "slob",
    "failure",   "disgrace",      "stupid",       "dumb",          "worthless",     "hopeless",
    "incompetent", "clueless",    "spineless",    "heartless",     "thoughtless",   "careless",
    "inconsiderate", "insensitive", "ungrateful", "irresponsible", "unreliable",    "manipulative",
    "toxic",     "disgusting",    "self-centered", "self-centred", "self-absorbed", "selfcentered",
};

// Harsh words that call someone something after "you are", "so", "such a" or "too": "you're so
// mean", "you are such a child". Alone after "you" they are often something else ("you mean…").
constexpr std::string_view harsh_words[] = {
    "mean",      "rude",       "cold",        "distant",     "annoying",   "irritating",
    "arrogant",  "childish",   "immature",    "dramatic",    "drama",      "needy",
    "clingy",    "difficult",  "stubborn",    "defensive",   "negative",   "cruel",
    "harsh",     "nasty",      "awful",       "terrible",    "horrible",   "impossible",
    "unbearable", "ridiculous", "unbelievable", "crazy",     "insane",     "paranoid",
    "jealous",   "possessive", "boring",      "weak",        "sloppy",     "messy",
    "gross",     "fake",       "dishonest",   "untrustworthy", "entitled", "spoiled",
    "spoilt",    "bossy",      "judgmental",  "judgemental", "critical",   "condescending",
    "patronising", "patronizing", "passive-aggressive", "aggressive", "hostile", "petty",
    "stingy",    "greedy",     "vain",        "shallow",     "ignorant",   "unfair",
    "controlling", "bad",      "worst",       "problem",     "child",      "baby",
    "mess",      "nightmare",  "pain",        "nag",         "freak",      "joke",
    "disappointment", "exhausting", "draining",
};

// Words that link "you" to what it calls you: "you are", "you act like", "you've been".
constexpr std::string_view linking_words[] = {
    "are",    "were",  "was",  "be",     "been",   "being",  "act",    "acting", "acted", "behave",
    "behaving", "sound", "seem", "seemed", "look", "looked", "get",    "getting", "got",  "become",
    "became", "like",
};
// Words that may stand on the way there: "you can be", "you need to stop being".
constexpr std::string_view auxiliaries[] = {"have", "has",  "had", "can",  "could", "will",
                                            "would", "need", "to",  "stop", "keep"};

// Words that only strengthen or soften what follows: "so", "such a", "really", "kind of", "a bit".
constexpr std::string_view intensifiers[] = {
    "so",       "such",    "a",        "an",       "the",       "really",     "just",     "truly",
    "totally",  "completely", "absolutely", "too", "very",      "always",     "constantly", "extremely",
    "incredibly", "most",  "biggest",  "real",     "literally", "actually",   "honestly", "seriously",
    "quite",    "pretty",  "bit",      "little",   "somewhat",  "rather",     "fairly",   "utterly",
    "downright", "sometimes", "often", "still",    "again",     "now",        "lately",   "freaking",
    "fucking",  "bloody",  "damn",     "more",     "less",      "kind",       "sort",     "of",
};
// After these a harsh word calls the person something even without "are": "you so mean".
constexpr std::string_view strong_intensifiers[] = {"so", "such", "too", "very"};

// Words after "you" that generalise about a person rather than tell of one moment.
constexpr std::string_view generalising_words[] = {"always", "never", "constantly"};

// Hurt, harsh or neglectful words. After "you always" they make the sentence a complaint ("you
// always make me feel small"); after "you never" they make it warm ("you never judge me").
constexpr std::string_view hurt_words[] = {
    "stupid",  "small",     "guilty",   "bad",      "worse",    "worst",     "awful",      "terrible",
    "horrible", "sad",      "cry",      "angry",    "mad",      "crazy",     "insane",     "nuts",
    "sick",    "miserable", "alone",    "lonely",   "invisible", "unheard",  "ignored",    "unwanted",
    "unloved", "worthless", "useless",  "ashamed",  "embarrassed", "anxious", "afraid",    "scared",
    "hurt",    "hurts",     "judge",    "blame",    "criticise", "criticize", "yell",      "shout",
    "scream",  "interrupt", "ignore",   "forget",   "forgets",  "lie",       "lies",       "lying",
    "cheat",   "complain",  "nag",      "mock",     "waste",    "ruin",      "nothing",    "rude",
    "mean",    "late",      "hate",
};
// Hurt phrases whose words alone would read warm or neutral.
// "you always have to…" insists rather than praises: "you always have to be right".
constexpr std::string_view hurt_phrases[] = {"let me down", "let us down", "give up", "laugh at", "make fun",
                                             "raise your voice", "have to", "has to", "need to", "got to"};

// Words after "you never" that make it praise: "you never fail to…", "you never doubt me".
constexpr std::string_view warm_after_never[] = {
    "fail", "fails", "disappoint", "disappoints", "hesitate", "doubt", "waver", "quit", "falter", "cease",
};

// Warm words after "you always" (and after "you never stop"): "you always make me laugh", "you are
// always there for me". A small list on purpose: a warm sentence it misses only gets a tip.
constexpr std::string_view warm_words[] = {
    "laugh",    "laughing",  "smile",     "smiling",   "safe",      "loved",      "love",      "special",
    "happy",    "happier",   "better",    "beautiful", "wanted",    "welcome",    "home",      "seen",
    "heard",    "valued",    "there",     "know",      "knows",     "find",       "help",      "helps",
    "helping",  "support",   "supporting", "listen",   "listening", "remember",   "care",      "caring",
    "cheer",    "brighten",  "notice",    "surprise",  "surprising", "believe",   "encourage", "thoughtful",
    "kind",     "kindness",  "patient",   "generous",  "sweet",     "lovely",     "amazing",   "wonderful",
    "gentle",   "calm",      "fun",       "funny",     "best",      "good",       "great",     "hug",
    "hugs",     "hold",      "comfort",   "understand", "understanding", "forgive", "proud",   "strong",
    "brave",    "warm",      "protect",   "time",      "thank",     "thanks",     "grateful",  "appreciate",
    "heart",    "right",     "amaze",     "amazes",    "impress",   "nice",       "others",
};

// Words before "you" that make it the object, not the one being described: "I love you always".
constexpr std::string_view object_makers[] = {
    "love", "adore", "thank", "miss", "trust", "appreciate", "want", "with", "for", "hug",
    "kiss", "cherish", "see", "believe", "support", "beside", "without",
};
// Fondness, a wish or worry before "how you", "that you", "the way you": "I love how you always…",
// "I wish you would always…", "I'm worried you never rest".
constexpr std::string_view fond_words[] = {
    "love", "adore", "appreciate", "admire", "grateful", "glad", "lucky", "proud", "sweet", "cute",
    "thankful", "happy", "like", "wish", "hope", "worried", "worry", "concerned",
};
constexpr std::string_view fond_glue[] = {"how", "that", "the", "way", "when", "whenever",
                                          "it",  "so",   "really", "i", "am", "just"};

// The tip: a suggestion, not a verdict, and a reminder that nothing was changed.
constexpr std::string_view i_statement_tip =
    "tip: words like these often land more gently as \"I feel … when …\" (saved as you wrote it)";

// A clause stops here for the "you …" patterns: a new subject or a new thought begins.
constexpr std::string_view subject_breaks[] = {
    "and", "or", "but", "because", "when", "whenever", "if", "while", "though", "although",
    "i", "we", "they", "he", "she", "it", "you",
};

// "you don't care", "you don't listen": neglect said of the whole person.
constexpr std::string_view neglect_verbs[] = {
    "care", "listen", "help", "try", "notice", "respect", "appreciate", "understand", "bother",
    "love", "hear", "value", "support",
};

struct blame_phrase {
  std::string_view words;
  bool undone_by_negation;  // "it's not your fault", "I never get tired of you"
};
// Blame and contempt that a phrase carries wherever it stands.
constexpr blame_phrase blame_phrases[] = {
    {"your fault", true},           {"your own fault", true},        {"all on you", true},
    {"that is on you", true},       {"this is on you", true},        {"it is on you", true},
    {"blame you", true},            {"sick of you", true},           {"sick of your", true},
    {"tired of you", true},         {"tired of your", true},         {"fed up with you", true},
    {"fed up with your", true},     {"had enough of you", true},     {"done with you", true},
    {"wrong with you", true},       {"matter with you", true},       {"why can not you", false},
    {"why could not you", false},   {"why can you not", false},      {"why will not you", false},
    {"you only care about", false}, {"you only think about", false}, {"only about yourself", false},
    {"nobody but yourself", false}, {"all about you", false},        {"always about you", false},
    {"everything is about you", false}, {"you do nothing", false},   {"thanks for nothing", false},
    {"thank you for nothing", false}, {"why are you like this", false}, {"problem is you", false},
    {"full of yourself", false},    {"is it always me", false},      {"it is always me", false},
    {"real mature", false},
};
constexpr std::string_view negations[] = {"not", "never", "no", "nothing", "none", "nobody"};

// Dismissals, when they are said to someone: at the start of a clause, after "just", "oh" or
// "you need to" (dismissal_lead_ins). Elsewhere they are ordinary words ("when I grow up", "time
// to get over it").
constexpr std::string_view dismissals[] = {
    "grow up", "get over it", "get over yourself", "get a grip", "get a life", "cry me a river", "yeah right",
    "shut up",
};
constexpr std::string_view dismissal_lead_ins[] = {
    "just", "oh", "please", "seriously", "honestly", "so", "ok", "okay", "god", "come", "on", "you",
    "need", "needs", "have", "to", "should", "must", "gotta", "really", "and", "like", "maybe",
};
// Words that may stand with "whatever" when it is said alone: "ok whatever", "whatever then".
constexpr std::string_view whatever_company[] = {"ok", "okay", "fine", "yeah", "yes",  "oh", "well",
                                                 "so", "just", "then", "sure", "k",   "honestly"};

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

bool is_clause_break(char c) {
  return c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == ',' || c == '(' || c == ')' || c == '\n' ||
         c == '\r';
}

bool is_word_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || u >= 0x80;
}

// "sooo" → "so", "neverrr" → "never": English words do not repeat a letter three times.
std::string unstretch(std::string_view word) {
  std::string out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    std::size_t run = 1;
    while (i + run < word.size() && word[i + run] == word[i]) ++run;
    out.append(run >= 3 && std::isalpha(static_cast<unsigned char>(word[i])) ? 1 : run, word[i]);
    i += run - 1;
  }
  return out;
}

// Lower-case words and clause ends. Apostrophes are dropped ("you're" → "youre"), hyphens kept
// inside words, clause ends squeezed to one, and a doubled intensifier said once ("so, so selfish",
// "never never").
words split_words(std::string_view text) {
  std::string s = ascii_lower(text);
  for (const auto& r : typography) s = replace_all(std::move(s), r.from, r.to);
  words out;
  std::string word;
  bool after_comma = false;  // the clause end at the back of `out` is a comma
  auto end_word = [&]() {
    while (!word.empty() && word.front() == '-') word.erase(0, 1);
    while (!word.empty() && word.back() == '-') word.pop_back();
    if (word.empty()) return;
    word = unstretch(word);
    std::size_t n = out.size();
    bool doubled = (is_one_of(word, intensifiers) || is_one_of(word, generalising_words)) &&
                   ((n >= 1 && out[n - 1] == word) ||
                    (n >= 2 && after_comma && out[n - 1] == clause_end && out[n - 2] == word));
    if (!doubled)
      out.push_back(word);
    else if (out.back() == clause_end)
      out.pop_back();
    word.clear();
  };
  for (char c : s) {
    if (c == '\'') continue;
    if (is_word_char(c)) {
      word += c;
      continue;
    }
    end_word();
    if (is_clause_break(c) && !out.empty() && out.back() != clause_end) {
      out.emplace_back(clause_end);
      after_comma = c == ',';
    }
  }
  end_word();
  return out;
}

// "ur"/"your" is "you are" before what says how someone is: "your so selfish", "ur always late",
// "your a liar"; it stays "your" before a thing: "ur fault", "your phone".
bool you_are_meant(std::string_view next) {
  static constexpr std::string_view says_how[] = {
      "so", "such", "a", "an", "the", "always", "never", "constantly", "being", "not", "just", "really",
      "too", "very", "literally", "totally", "completely", "acting", "welcome", "right", "wrong", "late",
      "kidding", "joking", "lying", "making", "going",
  };
  return is_one_of(next, says_how) || is_one_of(next, character_labels) || is_one_of(next, harsh_words);
}

void append_words(words& out, std::string_view spaced) {
  while (!spaced.empty()) {
    auto space = spaced.find(' ');
    out.emplace_back(spaced.substr(0, space));
    spaced = space == std::string_view::npos ? std::string_view() : spaced.substr(space + 1);
  }
}

// A word with its texting or contracted form spelled out: "u" → "you", "dont" → "do not".
std::string_view spelled(std::string_view word) {
  for (const auto& r : spelled_out)
    if (r.from == word) return r.to;
  return word;
}

// The words of `text`, normalised as described at the top of this section.
words normalised_words(std::string_view text) {
  words raw = split_words(text);
  words out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const std::string& w = raw[i];
    if (w == "ur" || w == "your" || w == "yur" || w == "yor") {
      std::string_view next = i + 1 < raw.size() ? spelled(raw[i + 1]) : std::string_view();
      append_words(out, you_are_meant(next.substr(0, next.find(' '))) ? "you are" : "your");
      continue;
    }
    append_words(out, spelled(w));
  }
  // "not ever" is "never": "you don't ever listen", "why don't you ever help" (→ "why do you never help").
  words folded;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == "not" && i + 1 < out.size() && out[i + 1] == "ever") {
      folded.emplace_back("never");
      ++i;
    } else if (out[i] == "not" && i + 2 < out.size() && out[i + 1] == "you" && out[i + 2] == "ever") {
      folded.emplace_back("you");
      folded.emplace_back("never");
      i += 2;
    } else if (out[i] == "all" && i + 2 < out.size() && out[i + 1] == "the" && out[i + 2] == "time") {
      folded.emplace_back("constantly");
      i += 2;
    } else {
      folded.push_back(out[i]);
    }
  }
  return folded;
}

// Matching phrases and reading around a word.

bool is_word(const words& w, std::size_t i) { return i < w.size() && w[i] != clause_end; }

bool phrase_at(const words& w, std::size_t i, std::string_view phrase) {
  for (; !phrase.empty(); ++i) {
    auto space = phrase.find(' ');
    if (i >= w.size() || w[i] != phrase.substr(0, space)) return false;
    phrase = space == std::string_view::npos ? std::string_view() : phrase.substr(space + 1);
  }
  return true;
}

bool has_phrase(const words& w, std::size_t from, std::size_t to, std::string_view phrase) {
  for (std::size_t i = from; i < to; ++i)
    if (phrase_at(w, i, phrase)) return true;
  return false;
}

bool has_one_of(const words& w, std::size_t from, std::size_t to, std::span<const std::string_view> list) {
  for (std::size_t i = from; i < to; ++i)
    if (is_one_of(w[i], list)) return true;
  return false;
}

std::size_t clause_start(const words& w, std::size_t i) {
  while (i > 0 && w[i - 1] != clause_end) --i;
  return i;
}

// One of `list` within the `count` words before position i, in the same clause.
bool shortly_before(const words& w, std::size_t i, std::size_t count, std::span<const std::string_view> list) {
  for (std::size_t k = i; k > 0 && i - k < count && w[k - 1] != clause_end; --k)
    if (is_one_of(w[k - 1], list)) return true;
  return false;
}

// What comes after "you …" up to the next clause or a new subject, at most `limit` words.
std::size_t stretch_end(const words& w, std::size_t from, std::size_t limit) {
  std::size_t end = from;
  while (end < w.size() && end - from < limit && is_word(w, end) && !is_one_of(w[end], subject_breaks)) ++end;
  return end;
}

// "you" that is the object: "I love you always", "thank you for never giving up".
bool you_is_object(const words& w, std::size_t you) { return you > 0 && is_one_of(w[you - 1], object_makers); }

// "I love how you always…", "I'm so glad you never…" — but not "I feel like you never…".
bool said_fondly(const words& w, std::size_t you) {
  bool glued = false;
  for (std::size_t k = you; k > 0 && you - k < 5 && w[k - 1] != clause_end; --k) {
    const std::string& before = w[k - 1];
    if (is_one_of(before, fond_words) && (before != "like" || glued)) return true;
    if (!is_one_of(before, fond_glue)) return false;
    glued = true;
  }
  return false;
}

// "I don't think you're lazy", "I never said you were selfish", "it's not that you…". Not "I can't
// believe you're so selfish", which is the opposite.
bool opinion_negated(const words& w, std::size_t you) {
  static constexpr std::string_view opinion_verbs[] = {"think", "thought", "believe", "mean", "meant", "feel",
                                                       "say", "said", "saying", "calling", "called", "implying"};
  static constexpr std::string_view plain_auxiliaries[] = {"do", "does", "did", "would", "am", "was", "is"};
  std::size_t k = you;
  if (k >= 1 && w[k - 1] == "that") --k;
  if (k >= 1 && w[k - 1] == "not") return true;  // "not you", "not that you…"
  if (k >= 2 && is_one_of(w[k - 1], opinion_verbs)) {
    if (w[k - 2] == "never") return true;
    if (w[k - 2] == "not" && k >= 3 && is_one_of(w[k - 3], plain_auxiliaries)) return true;
  }
  return false;
}

// Whether the words around "you always" / "you never" make it warm rather than a complaint.
bool sounds_warm(const words& w, std::size_t from, std::size_t to, bool after_never) {
  bool hurt = has_one_of(w, from, to, hurt_words) || has_one_of(w, from, to, character_labels) ||
              has_one_of(w, from, to, harsh_words);
  for (auto phrase : hurt_phrases) hurt = hurt || has_phrase(w, from, to, phrase);
  bool warm = has_one_of(w, from, to, warm_words);
  if (!after_never) return warm && !hurt;
  static constexpr std::string_view stopping[] = {"stop", "stops", "cease"};
  return hurt || has_one_of(w, from, to, warm_after_never) || (warm && has_one_of(w, from, to, stopping));
}

// The patterns. Each takes the position of a "you" or looks over the whole text.

// "you never listen", "you are always late", "why do you always…", "I feel like you never…".
bool generalises(const words& w, std::size_t you) {
  if (you_is_object(w, you) || said_fondly(w, you)) return false;
  std::size_t reach = stretch_end(w, you + 1, 4);
  for (std::size_t k = you + 1; k < reach; ++k) {
    if (!is_one_of(w[k], generalising_words) || w[k - 1] == "not") continue;  // "you don't always have to…"
    return !sounds_warm(w, you + 1, stretch_end(w, k + 1, 4), w[k] == "never");
  }
  return false;
}

// Whether the words after `subject` (a "you", or the "stop" of "stop being") call someone something:
// "you're so selfish", "you are such a liar", "you idiot", "you act like a child", "I need you to
// stop being so controlling".
bool labels(const words& w, std::size_t subject) {
  bool linked = false;
  for (std::size_t k = subject + 1; k < w.size() && k - subject <= 6 && is_word(w, k); ++k) {
    const std::string& word = w[k];
    if (word == "not" || word == "never") return false;  // "you're not lazy", "you're never rude"
    if (is_one_of(word, character_labels)) return true;
    if (is_one_of(word, harsh_words) && (linked || is_one_of(w[k - 1], strong_intensifiers))) return true;
    if (is_one_of(word, linking_words))
      linked = true;
    else if (!is_one_of(word, auxiliaries) && !is_one_of(word, intensifiers))
      return false;
  }
  return false;
}

// "you ruined my birthday", "you just wreck everything".
bool blames_for_damage(const words& w, std::size_t you) {
  static constexpr std::string_view damaging[] = {"ruin",    "ruins",    "ruined",    "wreck", "wrecks",
                                                  "wrecked", "destroy",  "destroys",  "destroyed", "spoil",
                                                  "spoils",  "spoiled",  "spoilt"};
  std::size_t k = you + 1;
  while (is_word(w, k) && k - you <= 2 && is_one_of(w[k], intensifiers)) ++k;
  return is_word(w, k) && is_one_of(w[k], damaging);
}

// "you make me feel stupid", "you drive me crazy" — not "you make me feel safe".
bool blames_for_feelings(const words& w, std::size_t you) {
  static constexpr std::string_view making[] = {"make", "makes", "made", "drive", "drives", "drove"};
  static constexpr std::string_view on_the_way[] = {"feel", "feeling", "so",   "really",  "very",       "like",
                                                    "want", "to",      "a",    "an",      "such",       "just",
                                                    "totally", "completely", "too", "i",  "am",         "extremely",
                                                    "incredibly", "absolutely"};
  if (!is_word(w, you + 2) || !is_one_of(w[you + 1], making)) return false;
  if (w[you + 2] != "me" && w[you + 2] != "us") return false;
  for (std::size_t k = you + 3; k < w.size() && k - you <= 8 && is_word(w, k); ++k) {
    if (is_one_of(w[k], hurt_words) || is_one_of(w[k], character_labels) || is_one_of(w[k], harsh_words)) return true;
    if (!is_one_of(w[k], on_the_way)) return false;
  }
  return false;
}

// "you don't care", "I feel like you don't even try". After "when" or "if" it tells of a moment
// ("I feel alone when you don't listen"), which is the form the tip suggests.
bool denies_care(const words& w, std::size_t you) {
  if (you > 0 && (w[you - 1] == "when" || w[you - 1] == "whenever" || w[you - 1] == "if")) return false;
  if (!is_word(w, you + 3) || w[you + 2] != "not") return false;
  const std::string& aux = w[you + 1];
  const std::string& verb = w[you + 3];
  if (aux == "do" || aux == "does") return verb == "even" || is_one_of(verb, neglect_verbs);
  return aux == "did" && verb == "even";
}

bool says_blame_phrase(const words& w) {
  for (std::size_t i = 0; i < w.size(); ++i)
    for (const auto& p : blame_phrases)
      if (phrase_at(w, i, p.words) && !(p.undone_by_negation && shortly_before(w, i, 4, negations))) return true;
  return false;
}

// "we're late because of you" — but not "I smile because of you".
bool blames_a_cause(const words& w) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (!phrase_at(w, i, "because of you")) continue;
    std::size_t from = clause_start(w, i), to = i;
    while (to < w.size() && w[to] != clause_end) ++to;
    if (!has_one_of(w, from, to, warm_words)) return true;
  }
  return false;
}

// "Typical!", "typical of you", "that's so typical" — not "a typical Monday".
bool says_typical(const words& w) {
  static constexpr std::string_view leading[] = {"so", "how", "is", "just"};
  static constexpr std::string_view following[] = {"of", "you", "your"};
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] != "typical") continue;
    if (!is_word(w, i + 1) || is_one_of(w[i + 1], following) || (i > 0 && is_one_of(w[i - 1], leading))) return true;
  }
  return false;
}

// Words before a dismissal or an order that make it said to someone: "just grow up", "please stop
// being so rude", "you need to get over it".
bool only_lead_in_before(const words& w, std::size_t i) {
  for (std::size_t k = clause_start(w, i); k < i; ++k)
    if (!is_one_of(w[k], dismissal_lead_ins)) return false;
  return true;
}

// Orders about how someone is: "stop being so selfish", "don't be such a baby" — when said to
// someone, not "I want to stop being so hard on myself".
bool orders_to_change(const words& w) {
  static constexpr std::string_view orders[] = {"stop being", "stop acting", "quit being", "do not be"};
  for (std::size_t i = 0; i < w.size(); ++i)
    for (auto order : orders) {
      // labels() reads the words after the position it is given: start it just before the order's
      // last word ("being", "acting", "be").
      auto last_word = static_cast<std::size_t>(std::count(order.begin(), order.end(), ' '));
      if (phrase_at(w, i, order) && only_lead_in_before(w, i) && labels(w, i + last_word - 1)) return true;
    }
  return false;
}

// "whatever" said alone, "grow up", "get over it", the eye-roll emoji, "listen for once".
bool dismisses(const words& w) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] == eye_roll) return true;
    std::size_t start = clause_start(w, i);
    for (auto d : dismissals)
      if (phrase_at(w, i, d) && only_lead_in_before(w, i)) return true;
    if (w[i] == "whatever") {
      if (phrase_at(w, i, "whatever you say")) return true;
      bool alone = true;
      for (std::size_t k = start; k < w.size() && w[k] != clause_end; ++k)
        alone = alone && (k == i || is_one_of(w[k], whatever_company));
      if (alone) return true;
    }
    if (phrase_at(w, i, "for once") && !phrase_at(w, i, "for once in")) {
      bool about_you = false;
      for (std::size_t k = start; k < w.size() && w[k] != clause_end; ++k) about_you = about_you || w[k] == "you";
      if (about_you) return true;
    }
  }
  return false;
}

}  // namespace

bool reads_as_criticism(std::string_view text) {
  words w = normalised_words(text);
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] != "you" || opinion_negated(w, i)) continue;
    if (generalises(w, i) || labels(w, i) || blames_for_feelings(w, i) || blames_for_damage(w, i) || denies_care(w, i))
      return true;
  }
  return says_blame_phrase(w) || blames_a_cause(w) || says_typical(w) || dismisses(w) || orders_to_change(w);
}

std::optional<std::string> i_statement_hint(std::string_view text) {
  if (!reads_as_criticism(text)) return std::nullopt;
  return std::string(i_statement_tip);
}

}  // namespace balance
