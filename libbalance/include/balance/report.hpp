// The report: a calm picture of a period, leading with what works, then each balance dimension,
// the give and take, choices, boundaries, and the signs of imbalance with their evidence, how
// much data they rest on, and one suggestion addressed to both people.
//
// Records are streamed into a report_builder in any order; it keeps only running totals, so memory
// does not grow with the number of records. Signs are raised only with their minimum data.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "balance/api.hpp"
#include "balance/format.hpp"
#include "balance/ledger.hpp"
#include "balance/output.hpp"
#include "balance/period.hpp"
#include "balance/record.hpp"
#include "balance/settings.hpp"
#include "balance/store.hpp"

namespace balance {

// Section ids, in the order they are printed. In the private view (`--mine`) the safety note,
// when there is one, comes first.
BALANCE_API const std::vector<std::string>& report_sections();

// Which records a report rests on. The shared view (the default) is what two people may read
// together: no private record, no private text, no safety content, and byte for byte the same
// whatever anyone's private records say. The private view adds the running person's own private
// records, each marked, and their safety note first.
enum class report_view { shared, mine };

struct person_dimension {
  std::string name;
  std::optional<double> mean;           // this period
  std::size_t count = 0;
  std::optional<local_days> first_day;  // of their ratings in the period
  std::optional<local_days> last_day;
  std::optional<double> previous_mean;  // the previous period of equal length
  std::size_t previous_count = 0;
  std::string sparkline;                // weekly means, ▁…█ ('·' for a week without a rating)
  std::optional<double> trend() const {
    if (!mean || !previous_mean) return std::nullopt;
    return *mean - *previous_mean;
  }
};

struct dimension_summary {
  std::string key;
  std::string question;
  std::string high;
  bool retired = false;  // rated in the data but no longer configured
  std::vector<person_dimension> people;
  std::size_t count = 0;       // ratings from everyone
  std::optional<double> gap;   // max − min of the people's means (needs two people with ratings)
};

struct dated_words {
  std::string who;
  timestamp at;
  std::string text;
  bool is_private = false;  // from one of my private records (private view only)
  std::string to;           // an appreciation's person thanked; empty for a check-in's thanks
};

struct topic_choices {
  std::string topic;
  std::size_t choices = 0;
  std::vector<std::pair<std::string, std::size_t>> counts;  // per person, balance.toml order
  std::string next;                                          // whose turn is next
};

struct boundary_counts {
  std::string person;
  std::size_t active = 0;        // their active boundaries
  std::size_t respected = 0;     // events on their boundaries
  std::size_t crossed = 0;
  std::size_t gave_in = 0;       // by them
  std::size_t space = 0;         // times they asked for space
  std::int64_t space_minutes = 0;
};

struct sign {
  std::string id;                     // one-sided, seen-differently, …
  std::string title;                  // a pattern, never a person
  std::vector<std::string> people;    // whose records the evidence rests on
  std::vector<std::string> evidence;  // sentences with numbers and the right names
  std::string data;                   // how much data it rests on, its sources and span
  std::string suggestion;             // an invitation to both
  bool is_private = false;            // rests on my private records (private view only)
};

// One person's ratings of a dimension in the days before an agreement and since it was made.
struct agreement_person {
  std::string name;
  std::optional<double> before, since;  // means
  std::size_t before_count = 0, since_count = 0;
};

struct agreement_dimension {
  std::string key;
  std::vector<agreement_person> people;  // balance.toml order
};

// An open agreement and how the check-ins around it went: the days since it was made (up to the
// report's end, or now) and as many days before it (at least 7, at most 84).
struct agreement_summary {
  std::string id;
  std::string text;
  timestamp at;
  std::string review;  // its review cadence, as text
  std::size_t reviews = 0;
  std::string last_outcome;  // kept | partly | not-yet; empty before the first review
  std::optional<timestamp> last_review;
  sys_seconds before_begin, end;  // the windows: [before_begin, at) and [at, end)
  int before_days = 0, since_days = 0;
  std::vector<agreement_dimension> dimensions;  // configured ones anyone rated in either window
  bool is_private = false;                       // one of mine (private view only)
};

struct report {
  // header
  std::vector<std::string> people;
  period span;
  std::string span_text;
  std::string begin, end;  // RFC 3339 in the calendar's zone; empty when open
  report_view view = report_view::shared;
  std::string viewer;      // whose private records the private view adds
  std::size_t checkins = 0, entries = 0, events = 0;
  std::size_t private_records = 0;  // of mine, in the private view
  std::optional<std::string> previous_text;
  bool empty() const { return checkins + entries + events == 0; }

  // working: what goes well, with names
  std::vector<std::string> working;
  std::vector<bool> working_private;  // per line of `working`, private view only
  std::vector<dated_words> thanks;    // check-in thanks and appreciations: up to five per person, by
                                      // person then newest first
  std::size_t repairs = 0, repairs_with_humour = 0;  // after hard moments (balance-talk repair)
  // Talks (balance-talk) with two or more people present, and the minutes each person spoke in
  // them (balance.toml order), for the speaking-time rule of `one-sided`.
  std::size_t talks = 0;
  std::vector<std::pair<std::string, double>> talk_minutes;
  // "Shared dreams": the first line of each shared journal page tagged `dream`, oldest first.
  std::vector<dated_words> dreams;
  // The private view only: how many private journal pages the viewer wrote, and their tags
  // (never their words).
  std::size_t private_pages = 0;
  std::vector<std::string> private_page_tags;
  // Crossed-boundary events, and how many of them a repair followed within repair_window.
  std::size_t crossed = 0, crossed_then_repaired = 0;

  // checkins
  std::vector<dimension_summary> dimensions;
  dimension_summary mood;             // key "mood": each person's mean mood
  std::vector<dated_words> feelings;  // latest per person
  std::vector<dated_words> needs;     // latest per person

  // give_and_take
  ledger_balance give_and_take;

  // choices
  std::vector<topic_choices> choices;

  // boundaries
  std::vector<boundary_counts> boundaries;

  // agreements: open ones made before the period's end, oldest first
  std::vector<agreement_summary> agreements;

  // signs
  std::vector<sign> signs;
  std::vector<std::string> not_enough_data;  // signs that could not be checked yet, and why

  // safety: only in the private view, when the viewer's latest private `safe` is 2 or lower
  std::vector<std::string> safety_note;  // paragraphs; empty: none
};

// How soon after a crossed boundary a repair counts as following it.
inline constexpr std::chrono::hours repair_window{72};

struct report_options {
  period span;
  std::optional<period> previous;
  report_view view = report_view::shared;
  std::string viewer;  // the private owner, for the private view
};

class BALANCE_API report_builder {
 public:
  report_builder(const settings& cfg, const calendar& cal, report_options opts);
  ~report_builder();
  report_builder(const report_builder&) = delete;
  report_builder& operator=(const report_builder&) = delete;

  // Any record, any order, except that an agreement comes before the check-ins that count for
  // it (build_report and build_report_from see to that). Records outside the period (and its
  // predecessor, for check-ins) are ignored; boundary and agreement definitions count whatever
  // their date, and check-ins around an open agreement count for the agreements section. In the shared view every private
  // record is ignored; in the private view only the viewer's own private records count.
  void add(const record& r);
  // The earliest instant a check-in can count: the predecessor's begin, or earlier for the
  // weeks before an agreement added so far.
  sys_seconds checkins_from() const;
  report finish();

 private:
  struct state;
  std::unique_ptr<state> s_;
};

// Builds the report from the repository: reads only the month files the period (and its
// predecessor) need, and boundary definitions. The private view also reads the private owner's
// own private records and their latest `safe` answer, and marks what rests on them.
BALANCE_API report build_report(const store& s, const period& span, report_view view,
                                const std::function<void(const diagnostic&)>& on_warning = {});

// Builds the report from records given directly (`--from`): any mix of types, filtered by the
// period like the repository's; private ones count only in the private view, and only the
// private owner's.
BALANCE_API report build_report_from(const std::vector<record>& records, const repo& rp, const period& span,
                                     report_view view);

// Renderers. `sections` empty means all; otherwise only the named ones, in report order.
BALANCE_API void write_report_text(const report& r, const std::vector<std::string>& sections, sink& out,
                                   const style& st);
BALANCE_API void write_report_markdown(const report& r, const std::vector<std::string>& sections, sink& out);
BALANCE_API void write_report_json(const report& r, const std::vector<std::string>& sections, sink& out);
// One self-contained html page (inline CSS and SVG, no script, no URL): the same sections and
// sentences as the text report, with a chart and its table where there are numbers. The
// private view carries a banner that says so.
BALANCE_API void write_report_html(const report& r, const std::vector<std::string>& sections, sink& out);
// The report in `f`: text, markdown, json or html; throws error{usage} for any other format.
BALANCE_API void write_report(const report& r, const std::vector<std::string>& sections, format f, sink& out,
                              const style& st);

// Checks --section values; throws error{usage} with a did-you-mean.
BALANCE_API std::vector<std::string> parse_sections(const std::vector<std::string>& given);

}  // namespace balance
