// The record subcommands every record tool shares — list, show, edit, rm and `add --from` —
// and the flags that set record fields, written once for check-ins, entries and boundaries.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "balance/query.hpp"
#include "balance/record_flags.hpp"
#include "balance/store.hpp"
#include "cli.hpp"

namespace balance::cli {

// Flags that set fields: `--heard 4`, `--note T`, `--tag T…`. Values are kept as typed and set by
// the library's apply_flag_values, so a bad value names its flag.
class field_flags {
 public:
  // Adds `--KEY` (or `flag` when given) for a text/number field.
  void add(CLI::App* cmd, const std::string& key, const std::string& help, const std::string& flag = "");
  // Adds `--KEY` for each (key, help), in order.
  void add(CLI::App* cmd, const std::vector<std::pair<std::string, std::string>>& fields);
  // Adds `--tag T` (repeatable) for the tags field.
  void add_tags(CLI::App* cmd);
  // Adds `--rate KEY=N` for ratings of any configured dimension.
  void add_rate(CLI::App* cmd);
  // Adds `--at WHEN`.
  void add_at(CLI::App* cmd, const std::string& help = "When it happened (WHEN; default now)");

  const flag_values& values() const { return values_; }
  bool any() const { return !values_.empty(); }
  // Sets every given field on `r`; throws error{usage} naming the flag for a bad value.
  void apply(record& r, const repo& rp) const { apply_flag_values(r, values_, rp.config(), rp.cal()); }

 private:
  flag_values values_;
};

// A list's flags: the period as typed, the rest as the library's list_request.
struct list_options {
  std::string period;
  std::string since;
  std::string until;
  list_request req;
  view_options view;
};

// Adds --period/--since/--until, --who, --tag, -n/--limit, --reverse, --grep, --mine/--shared
// (and --kind, --topic when asked).
void add_list_options(CLI::App* cmd, list_options& opts, bool with_kind, bool with_topic, bool with_tag = true);

// Adds the ID positional ("Its id (4 or more leading digits)", required) of show, edit, retire…
std::shared_ptr<std::string> add_id(CLI::App& cmd);

// Prints the matching records in --format.
int run_list(context& ctx, record_type type, const list_options& opts, const std::string& default_period);

int run_show(context& ctx, record_type type, const std::string& id);
int run_rm(context& ctx, record_type type, const std::string& id, bool dry_run);
// Edits with field flags when any are given, else in the editor; a text-preserving replace.
int run_edit(context& ctx, record_type type, const std::string& id, const field_flags& flags);

// The rows every record tool shares, declared once: `list` (with --kind/--topic when asked),
// `show`, `edit` (field flags declared by `fields`, else the editor) and `rm`.
command list_command(record_type type, const std::string& summary, const std::string& default_period, bool with_kind,
                     bool with_topic);
command show_command(record_type type, const std::string& summary);
command edit_command(record_type type, const std::string& summary,
                     const std::function<void(CLI::App&, field_flags&)>& fields);
command rm_command(record_type type, const std::string& summary);

// `--from FILE|-` and `--dry-run` of an add command ("Import WHAT from FILE or - …").
struct import_flags {
  std::string from;
  bool dry_run = false;
};
void add_import_flags(CLI::App& cmd, import_flags& f, const std::string& what);
// The `--from` half of an add command: with --from, the import (refused with `refusal` when the
// command line also gives a record's fields, `other_input`); without it, nullopt (and --dry-run
// alone is a usage error).
std::optional<int> import_instead(context& ctx, record_type type, const import_flags& f, bool other_input,
                                  const std::string& refusal, bool make_private);

}  // namespace balance::cli
