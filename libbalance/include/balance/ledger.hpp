// The give-and-take ledger: each person's share of the load next to the share the couple agreed
// on (never as a debt), whose turn it is to choose, and an export for plain-text accounting tools.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"
#include "balance/output.hpp"
#include "balance/period.hpp"
#include "balance/query.hpp"
#include "balance/record.hpp"
#include "balance/settings.hpp"
#include "balance/store.hpp"

namespace balance {

enum class share_group { kind, topic, tag };
enum class share_measure { weight, minutes, count };

// Parse "kind|topic|tag" and "weight|minutes|count"; throw error{usage} naming the flag.
BALANCE_API share_group parse_share_group(std::string_view text);
BALANCE_API share_measure parse_share_measure(std::string_view text);
BALANCE_API std::string_view share_group_name(share_group g) noexcept;
BALANCE_API std::string_view share_measure_name(share_measure m) noexcept;

struct person_share {
  std::string name;
  double sum = 0;        // Σ measure of this person's entries in the group
  std::size_t entries = 0;
  std::int64_t minutes = 0;  // Σ minutes of their entries (for solo time: their own hours)
  double share = 0;      // sum / group total (0 when the total is 0)
  double target = 0;     // the agreed share
  double deviation() const { return share - target; }
};

struct group_shares {
  std::string group;  // a kind, topic or tag
  double total = 0;
  std::size_t entries = 0;
  std::int64_t minutes = 0;
  std::vector<person_share> people;  // in balance.toml order
};

// How a group's split sits next to what was agreed, in words rather than signed numbers:
// "close to" (every share within a third of `share_gap`), "leaning from" (within `share_gap`),
// "far from" otherwise.
BALANCE_API std::string_view split_words(const group_shares& g, double share_gap);

// A share as people read it: "58%", but "all" and "none" at the ends (never "100%" or "0%",
// which read as verdicts).
BALANCE_API std::string share_text(double share);

// Kinds that are not shares of a load: `together` is one shared total, `solo` each person's own
// time (not zero-sum). Views show them as totals, never as shares.
BALANCE_API bool is_total_kind(std::string_view kind) noexcept;

// A total kind in words: "5 times together, 9.5 h in all", or "alex 2 times, 3.0 h · sam 1 time".
BALANCE_API std::string total_line(const group_shares& g);

// The line every ledger view carries: people log their own work more than their partner's.
BALANCE_API extern const char* const over_claiming_note;

struct ledger_balance {
  share_group by = share_group::kind;
  share_measure measure = share_measure::weight;
  period span;
  std::string span_text;  // how the heading names the period, from describe_period()
  std::string begin;      // RFC 3339 in the calendar's zone; empty when open
  std::string end;
  std::size_t entries = 0;
  std::vector<group_shares> groups;  // kinds in their documented order; topics and tags sorted
  std::size_t min_share_entries = 10;  // below this, shares are shown as counts
  double share_gap = 0.15;             // for split_words
  // Per person, in balance.toml's order: how many of their entries in the period someone thanked
  // (balance-ledger thank), whenever the thanks came. Empty when nothing was thanked.
  std::vector<std::pair<std::string, std::size_t>> thanked;
};

// Adds up shares one entry at a time (for reports that stream their records).
class BALANCE_API balance_accumulator {
 public:
  balance_accumulator(const settings& cfg, share_group by, share_measure measure);
  void add(const record& entry);
  ledger_balance finish(const period& span, const calendar& cal) const;

 private:
  const settings& cfg_;
  share_group by_;
  share_measure measure_;
  std::size_t entries_ = 0;
  std::map<std::string, group_shares> groups_;
};

// Shares of `entries` (all in the period already). Targets come from [ledger.target] for kinds
// (equal shares when a kind has none); topics and tags compare against equal shares. Entries
// without the group's key (no topic, no tags) are left out of topic/tag groups; with
// `minutes`, entries without minutes count 0.
BALANCE_API ledger_balance compute_balance(const std::vector<record>& entries, const settings& cfg, share_group by,
                                           share_measure measure, const period& span, const calendar& cal);

// The same for the entries `q` selects, added one at a time as the store reads them: memory
// stays flat however long the period (`balance-ledger balance --period all`).
BALANCE_API ledger_balance stream_balance(const store& s, const query& q, share_group by, share_measure measure,
                                          const std::function<void(const diagnostic&)>& on_warning = {});

// Text: a heading, then a table per group with each person's share (counts below the minimum), a
// bar, the agreed share and the split in words; together and solo as totals; the over-claiming line.
BALANCE_API void write_balance_text(const ledger_balance& b, sink& out, const style& st);
// Just the table and its legend (the report has its own heading), indented by `indent` spaces.
BALANCE_API void write_balance_table(const ledger_balance& b, sink& out, const style& st, std::size_t indent = 0);
// JSON with "schema": 1 and the raw sums; `share` is null for totals and below the minimum.
BALANCE_API void write_balance_json(const ledger_balance& b, sink& out);

// "Whose turn" looks at the last this many choices of a topic unless a period is given.
inline constexpr std::size_t turn_window = 8;

struct turn_result {
  std::string person;          // whose turn it is
  bool anyone_chose = false;   // false: nobody has chosen this topic yet
  std::size_t choices = 0;     // how many choices the decision rests on
  std::vector<std::pair<std::string, std::size_t>> counts;  // per person, in balance.toml order
};

// Whose turn it is to choose `topic`, from its `choices` (choice entries of that topic, any
// order): among the last `window` of them (all of them when window is 0) the lowest count ÷
// agreed share wins; ties go to whoever chose least recently (never beats anything), then
// balance.toml order. The agreed share is [ledger.target] for the topic, else for "choice",
// else equal.
BALANCE_API turn_result whose_turn(const std::vector<record>& choices, std::string_view topic, const settings& cfg,
                                   std::size_t window);

// The topics a repository already uses: [remind] turns, [ledger.target] keys, and the topics of
// the shared entries in the months of `span` (a new entry's month and the one before are enough to
// catch a typo). Sorted, without duplicates.
// A topic named in balance.toml is known at once, without reading any month.
BALANCE_API std::vector<std::string> known_topics(const store& s, const period& span, std::string_view topic = {});

// A note for a topic nobody has used yet that is one typo away from one that is ("diner"):
// "new topic "diner" (did you mean "dinner"?)"; nullopt when the topic is known or not close.
BALANCE_API std::optional<std::string> new_topic_note(std::string_view topic, const std::vector<std::string>& known);

// A ledger-cli / hledger journal: one transaction per entry dated by its local date, payee =
// `what`, an unbalanced virtual posting `(KIND:WHO)  WEIGHT`, the id, topic, minutes and tags as
// comments and tags.
BALANCE_API void write_ledger_journal(const std::vector<record>& entries, sink& out);

using warning_handler = std::function<void(const diagnostic&)>;

// `balance-ledger balance`: the shared entries of `span` (with `mine`, my private ones too), by
// a GROUP and a MEASURE as the flags name them, streamed.
BALANCE_API ledger_balance entry_balance(const store& s, const period& span, bool mine, std::string_view by,
                                         std::string_view measure, const warning_handler& on_warning = {});
// `balance-ledger turn TOPIC`: whose turn it is, over the last turn_window choices of TOPIC, or
// those of `period_text` when it is not empty.
BALANCE_API turn_result turn_of(const store& s, const std::string& topic, const std::string& period_text,
                                const warning_handler& on_warning = {});
// `balance-ledger export`: the entries of `span` as a journal.
BALANCE_API void export_journal(const store& s, const period& span, bool mine, const warning_handler& on_warning,
                                sink& out);

// A new entry as `balance-ledger add` starts it: logged by me, done by me, now. The flags then
// set its fields.
BALANCE_API record new_entry(const repo& rp);
// Logs `entry`: its people must be in balance.toml (named by --who and --for), its kind known,
// the record valid (error{usage} naming the flag). A topic nobody has used yet that is one typo
// from one in use comes back as a note.
BALANCE_API outcome add_entry(const store& s, record entry);

}  // namespace balance
