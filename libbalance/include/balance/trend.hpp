// A trend: the report's numbers over time, one column per week, month or quarter (hledger's
// multi-period reports). Rows are each dimension per person (the mean and how many ratings it
// rests on), a gap row per dimension, each kind's shares next to the agreed split (counts below
// the share minimum), `together` as one total, `solo` as each person's own hours, and the
// choices per topic; each row also has a sparkline and an average over the whole span. The
// columns where an agreement was made carry a marker.
//
// Trend cells only describe: a mean resting on fewer ratings than the sign minimum is shown,
// marked, never turned into a finding. Records stream into a trend_builder, which keeps running
// totals per column, so the work grows with the records and the columns, not with their product.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"
#include "balance/format.hpp"
#include "balance/output.hpp"
#include "balance/period.hpp"
#include "balance/record.hpp"
#include "balance/report.hpp"
#include "balance/settings.hpp"
#include "balance/store.hpp"

namespace balance {

// --every: how long one column is.
enum class trend_step { week, month, quarter };
// --what: which rows.
enum class trend_rows { checkins, load, choices, all };

// Parse the flag values; throw error{usage} naming the flag, the accepted values and a
// did-you-mean.
BALANCE_API trend_step parse_trend_step(std::string_view text);
BALANCE_API trend_rows parse_trend_rows(std::string_view text);
BALANCE_API std::string_view trend_step_name(trend_step s) noexcept;  // "week", "month", "quarter"
BALANCE_API std::string_view trend_rows_name(trend_rows w) noexcept;

// How many columns a trend may have (fifty years of weeks).
inline constexpr std::size_t max_trend_columns = 2600;

// The span of a trend: `--since`/`--until` or `--period` as every report reads them, and without
// any of them the last 12 weeks, months or quarters, the current one (up to today) included.
BALANCE_API period trend_period(std::string_view period_text, std::string_view since, std::string_view until,
                                trend_step step, const calendar& cal);

struct trend_options {
  period span;
  trend_step every = trend_step::month;
  trend_rows what = trend_rows::all;
  report_view view = report_view::shared;
  std::string viewer;  // whose private records the private view adds
};

struct trend_column {
  std::string label;  // "2026-11", "2026-Q4", "2026-W47" (a week from Sunday: its first day)
  sys_seconds begin, end;  // the unit, cut to the trend's span
  local_days first_day, last_day;
  std::vector<std::size_t> agreements;  // indices into trend_report::agreements made in it
};

enum class trend_row_kind {
  rating,    // a dimension, one person: the mean and how many ratings
  gap,       // a dimension: how far apart the people's means are, where everyone has ratings
  share,     // a kind by weight or a choice topic by number, one person, next to the agreed share
  together,  // the time together: one total
  solo,      // one person's own time
};

struct trend_cell {
  // The mean (rating), the gap, the share (only at the share minimum), or the hours (together,
  // solo; nullopt when no entry gave minutes).
  std::optional<double> value;
  std::size_t count = 0;  // ratings; the person's entries or choices; times together or alone
  std::size_t of = 0;     // share rows: all entries (or choices) of the kind in the column
  double weight = 0;      // share rows of a kind: the person's sum of weights
  bool few = false;       // a mean or gap on fewer ratings than the minimum; a share row below its minimum
  bool empty() const { return count == 0 && of == 0 && !value; }
};

struct trend_row {
  std::string section;  // "checkins", "load" or "choices"
  trend_row_kind kind = trend_row_kind::rating;
  std::string key;      // the dimension, kind or topic
  std::string who;      // the person; empty for gap and together
  std::optional<double> agreed;  // share rows: the agreed share
  std::vector<trend_cell> cells;  // one per column
  // Over the whole span: the mean of every rating, the gap of those means, the share of every
  // entry; for together and solo the hours (and times) per column, counted from the first
  // column that holds a record.
  trend_cell average;
  bool retired = false;  // a dimension rated in the data but no longer in balance.toml
};

// An agreement made in the span (open or since closed), and the column it was made in.
struct trend_agreement {
  std::string id;
  std::string who;
  std::string text;
  timestamp at;
  std::size_t column = 0;
  bool is_private = false;  // one of mine (private view only)
};

struct trend_report {
  std::vector<std::string> people;
  period span;
  std::string span_text;  // describe_period()
  trend_step every = trend_step::month;
  trend_rows what = trend_rows::all;
  report_view view = report_view::shared;
  std::string viewer;
  std::size_t checkins = 0, entries = 0;  // the records the trend rests on
  std::size_t private_records = 0;        // of mine, in the private view
  std::size_t min_ratings = 3;            // [signs] min_checkins: below it a cell is marked
  std::size_t min_share_entries = 10;     // [signs] min_share_entries: below it, counts
  std::size_t averaged_columns = 0;       // the columns together and solo are averaged over
  std::vector<trend_column> columns;
  std::vector<trend_row> rows;
  std::vector<trend_agreement> agreements;  // oldest first
  bool empty() const { return checkins + entries == 0; }
};

class BALANCE_API trend_builder {
 public:
  // Throws error{usage} when the span would make more than max_trend_columns columns.
  trend_builder(const settings& cfg, const calendar& cal, trend_options opts);
  ~trend_builder();
  trend_builder(const trend_builder&) = delete;
  trend_builder& operator=(const trend_builder&) = delete;

  // Check-ins, entries and agreements, any order (other types are ignored). Records outside the
  // span are ignored; the shared view ignores every private record, the private view counts
  // only the viewer's own.
  void add(const record& r);
  // Throws error{usage} when an open span's records make more than max_trend_columns columns.
  trend_report finish();

 private:
  struct state;
  std::unique_ptr<state> s_;
};

// Builds the trend from the repository: only the month files the span needs (and the agreement
// definitions). The private view adds the private owner's own private records.
BALANCE_API trend_report build_trend(const store& s, const period& span, trend_step every, trend_rows what,
                                     report_view view, const std::function<void(const diagnostic&)>& on_warning = {});

// One self-contained html page: the same sections and sentences as the text trend, each
// dimension as lines per person on the rating scale, each kind and topic as a stacked bar per
// column with the agreed split marked, every chart next to its table with every column.
BALANCE_API void write_trend_html(const trend_report& t, sink& out);

// text (80 columns: the most recent columns that fit, and a line saying so), markdown (a table
// per section), csv and tsv (tidy: one line per column, row and value, after a header line), or
// json (one `"schema": 1` object, one row per line), or html. Throws error{usage} for other formats.
BALANCE_API void write_trend(const trend_report& t, format f, sink& out, const style& st = {});

}  // namespace balance
