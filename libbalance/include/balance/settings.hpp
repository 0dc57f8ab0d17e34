// Settings: the shared `balance.toml` at the root of a repository (people, check-in questions and
// cadence, agreed shares, sign thresholds, git) and the per-machine user config
// `${XDG_CONFIG_HOME:-~/.config}/balance/config.toml` (who I am, where my repo is, colour, editor,
// safety resources). Nothing in either file can make a command run a program, except `editor`
// in the user's own config, which is the user's choice like $EDITOR.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balance/api.hpp"
#include "balance/cadence.hpp"
#include "balance/error.hpp"
#include "balance/time.hpp"

namespace balance {

inline constexpr int settings_version = 1;

struct dimension {
  std::string key;       // the rating's key in a check-in, e.g. "heard"
  std::string question;  // asked in interactive check-ins
  std::string low;       // what 1 means
  std::string high;      // what 5 means
};

// The five dimensions from the essay, used when a repository does not define its own.
BALANCE_API const std::vector<dimension>& default_dimensions();

// Thresholds for the signs of imbalance (each sign needs its minimum data before it speaks), all
// overridable in [signs].
struct sign_thresholds {
  double low_rating = 2.5;    // a mean rating at or below this is low
  int min_checkins = 3;       // ratings from a person that a rating sign needs
  int min_rating_days = 14;   // days those ratings span, first to last, counted inclusively
  double rating_gap = 1.5;    // a mean this far below another person's is a gap
  int gave_in = 2;            // "yes when I meant no" events per 28 days that make a sign
  int crossed = 2;            // crossed boundaries per 28 days that make a sign
  int missed_checkins = 2;    // check-ins missed in a row
  int solo_days = 21;         // days without a solo entry
  int min_choices = 10;       // choices on a topic a sign needs
  double chooser_share = 0.75;
  int min_entries = 10;       // chore or invisible entries a load sign needs
  double share_gap = 0.15;
  int min_sacrifices = 10;    // sacrifice entries a sign needs
  double sacrifice_share = 0.75;
  int min_share_entries = 10; // below this many entries, shares are shown as counts, not percentages
  int min_talks = 3;          // talks (balance-talk) the speaking-time rule of one-sided needs
  double talk_share = 0.65;   // share of the minutes spoken by one person that raises it
};

// A journal prompt a repository adds in `[[journal.prompt]]`: a stable key (a name) and its words.
struct journal_prompt {
  std::string key;
  std::string text;
};

struct BALANCE_API settings {
  int version = settings_version;
  // `id`: names this repository's private store on each computer; empty when absent.
  std::string repo_id;
  balance::week_start week_start = week_start::monday;
  std::string timezone;  // empty: BALANCE_TZ, then TZ, then the system zone
  std::vector<std::string> people;
  cadence checkin_cadence{cadence::kind::weekly};
  std::vector<dimension> dimensions = default_dimensions();
  // kind (or topic/tag) -> person -> agreed share; each table sums to 1.
  std::map<std::string, std::map<std::string, double>> targets;
  cadence review_cadence{cadence::kind::monthly};
  std::vector<std::string> remind_turns;
  // [talk] cadence: how often the weekly talk is due in balance-remind (off by default).
  cadence talk_cadence{cadence::kind::off};
  std::vector<journal_prompt> journal_prompts;  // [[journal.prompt]], added to the built-in deck
  sign_thresholds signs;
  bool autocommit = false;
  // Keys this version does not know, each with its position: a newer balance may have written
  // them. Commands print them as warnings; `balance check` reports them as problems.
  std::vector<diagnostic> warnings;

  bool has_person(std::string_view name) const;
  const dimension* find_dimension(std::string_view key) const;
  std::vector<std::string> dimension_keys() const;
  // The agreed share of `person` for `kind`: [ledger.target] when set, else equal shares.
  double target_share(std::string_view kind, std::string_view person) const;
};

// Parses balance.toml. `path` is used in messages. Unknown keys at any level are not errors: they
// are collected in `warnings` (with a did-you-mean), so a partner on an older version keeps working
// after a sync brings a new key. Throws error{config} with PATH:LINE:COL for syntax errors, wrong
// types and bad values of known keys, bad names, targets that do not sum to 1, and an invalid `id`.
// A `version` newer than this program understands is read without warnings about its keys (such a
// repo is read-only: callers check `version` before writing).
BALANCE_API settings parse_settings(std::string_view text, const std::string& path);

// A repository id: 4 to 64 characters of a-z, 0-9 and -.
BALANCE_API bool is_valid_repo_id(std::string_view id) noexcept;

// The commented balance.toml that `balance init` writes: every setting with its default, and
// `id` (left out when empty).
BALANCE_API std::string default_settings_text(const std::vector<std::string>& people, std::string_view id);

// balance.toml's `text` with `id = "…"` and its comment inserted on the line after the top-level
// `version` line, or before the first line that is neither blank nor a comment when there is no
// version line. Everything else stays byte for byte (CRLF line endings and a UTF-8 BOM are kept).
// Throws error{config} when the text does not parse or already has an id, error{usage} when `id`
// is not a valid repository id.
BALANCE_API std::string settings_with_id(std::string_view text, std::string_view id);

struct user_config {
  std::string me;
  std::string dir;
  std::string color;   // auto | always | never; empty = auto
  std::string editor;  // overrides $VISUAL/$EDITOR
  std::string safety_resources;  // [safety] resources
  std::string safety_country;    // [safety] country: ISO 3166-1 alpha-2, upper-case; empty = guess from the zone
  bool safety_replace = false;   // [safety] replace: resources replace the built-in numbers
  std::string path;    // where it was read from (may not exist)
};

// ${XDG_CONFIG_HOME:-$HOME/.config}/balance/config.toml
BALANCE_API std::string user_config_path();
// Reads the user config; a missing file gives defaults. Throws error{config} on bad content,
// unknown keys included: the file belongs to this machine, so it is never written by a newer
// version elsewhere.
BALANCE_API user_config load_user_config();
// Sets `key = "value"` in the user config file, keeping everything else byte for byte, creating
// the file (0600) and its directory (0700) when needed.
BALANCE_API void set_user_config_value(const std::string& key, const std::string& value);

}  // namespace balance
