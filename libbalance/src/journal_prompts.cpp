// The journal's prompt deck and the prompt of the day.
#include <cstdint>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/id.hpp"
#include "balance/journal.hpp"
#include "balance/repo.hpp"

namespace balance {

const std::vector<journal_prompt>& builtin_prompts() {
  // Keys are stable: a page records the key of the prompt it answers.
  static const std::vector<journal_prompt> deck = {
      {"need-today", "What did I need today, and did I ask for it?"},
      {"need-unspoken", "Is there a need I keep to myself? What would it sound like said out loud, gently?"},
      {"heard-lately", "When did I last feel really listened to? What did the other person do?"},
      {"unheard", "Was there a moment this week when my words did not land? What did I want understood?"},
      {"listened-well", "When did I listen this week without trying to fix anything?"},
      {"boundary-kept", "A boundary I kept lately: how did it feel to hold it kindly?"},
      {"boundary-given-up", "Did I say yes when I meant no? What stopped the no?"},
      {"space-asked", "When did I last ask for time to myself, and how did asking go?"},
      {"pattern-childhood", "A habit of mine that started long before us: where did I learn it?"},
      {"pattern-protect", "How do I protect myself when I feel hurt? What is it guarding?"},
      {"pattern-approval", "Where do I look for approval, and what would I do if I did not need it?"},
      {"pattern-rewrite", "An old pattern I noticed this week: what would I like to do instead next time?"},
      {"feeling-named", "Finish the sentence: I feel ... when ... . What is under that feeling?"},
      {"honest-safe", "Is there something I would like to say but hold back? What would make it feel safe?"},
      {"passion", "What did I do this week just because I love it?"},
      {"passion-missed", "Which passion of mine has gone quiet lately? What is one small way back to it?"},
      {"friends", "Which friend have I not seen in a while? What do I miss about them?"},
      {"cheer-partner", "What is my partner working toward, and how could I cheer them on?"},
      {"appreciated", "What did I appreciate about my partner today, even something small?"},
      {"appreciated-unsaid", "A thank-you I have not said yet: what is it for?"},
      {"appreciated-me", "What did I do well today that nobody saw?"},
      {"invisible-work", "What invisible work did I carry this week, and what did my partner carry?"},
      {"shared-load", "Where does the load feel shared right now, and where does it feel heavy?"},
      {"sacrifice", "A sacrifice one of us made lately: was it seen? Was it chosen freely?"},
      {"choose-turns", "Who chose the last few meals, evenings and films? How does that sit with me?"},
      {"dream-together", "What would I like us to dream about together this year?"},
      {"dream-place", "A place I would love us to go one day, and why there?"},
      {"dream-small", "A small dream for the next month that we could start this week?"},
      {"memory-good", "A moment with my partner I would like to keep. What made it good?"},
      {"laugh", "When did we last laugh together? What started it?"},
      {"repair", "After our last hard moment, what helped us find our way back?"},
      {"score-keeping", "Have I been counting who does more? What would letting go of the count feel like?"},
      {"grow-alone", "How am I growing on my own right now?"},
      {"grow-together", "How are we growing together right now?"},
      {"check-in-wish", "If we had ten quiet minutes tonight, what would I like to talk about?"},
  };
  return deck;
}

std::vector<journal_prompt> prompt_deck(const settings& cfg) {
  std::vector<journal_prompt> deck = builtin_prompts();
  for (const auto& added : cfg.journal_prompts) {
    bool replaced = false;
    for (auto& p : deck)
      if (p.key == added.key) {
        p.text = added.text;
        replaced = true;
      }
    if (!replaced) deck.push_back(added);
  }
  return deck;
}

namespace {

std::uint64_t splitmix(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

journal_prompt prompt_for_day(const std::vector<journal_prompt>& deck, local_days day, std::string_view repo_id) {
  if (deck.empty()) throw error(errc::internal, "the prompt deck is empty");
  // A shuffle fixed by the repository (our own generator: std's distributions differ between
  // library versions, and both partners must agree), walked one step a day: consecutive days
  // differ, and the deck comes round again only after every prompt.
  std::vector<std::size_t> order(deck.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::uint64_t state = fnv1a64(repo_id);
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[splitmix(state) % i]);
  auto n = static_cast<std::int64_t>(order.size());
  std::int64_t step = ((day.time_since_epoch().count() % n) + n) % n;
  return deck[order[static_cast<std::size_t>(step)]];
}

journal_prompt todays_prompt(const repo& rp) {
  return prompt_for_day(prompt_deck(rp.config()), rp.cal().today(), rp.config().repo_id);
}

std::optional<journal_prompt> find_prompt(const settings& cfg, std::string_view key) {
  for (auto& p : prompt_deck(cfg))
    if (p.key == key) return p;
  return std::nullopt;
}

}  // namespace balance
