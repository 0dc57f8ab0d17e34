#include "record_commands.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "balance/checkin.hpp"
#include "balance/edit.hpp"
#include "balance/error.hpp"
#include "balance/format.hpp"
#include "balance/import.hpp"
#include "balance/record_file.hpp"
#include "balance/safety.hpp"
#include "balance/text.hpp"
#include "balance/when.hpp"

namespace balance::cli {

void field_flags::add(CLI::App* cmd, const std::string& key, const std::string& help, const std::string& flag) {
  auto e = std::make_unique<entry>();
  e->key = key;
  e->flag = flag.empty() ? "--" + key : flag;
  cmd->add_option(e->flag, e->value, help)->type_name("V");
  fields_.push_back(std::move(e));
}

void field_flags::add_tags(CLI::App* cmd) {
  cmd->add_option("--tag", tags_, "A tag ([a-z0-9_-]+); repeat for more")
      ->type_name("T")
      ->each([this](const std::string&) { tags_given_ = true; });
}

void field_flags::add_rate(CLI::App* cmd) {
  cmd->add_option("--rate", rates_, "Rate any configured dimension: KEY=N (1–5); repeatable")->type_name("KEY=N");
}

void field_flags::add_at(CLI::App* cmd, const std::string& help) { cmd->add_option("--at", at_, help)->type_name("WHEN"); }

bool field_flags::any() const {
  return tags_given_ || !rates_.empty() || !at_.empty() ||
         std::any_of(fields_.begin(), fields_.end(), [](const auto& e) { return e->value.has_value(); });
}

bool field_flags::any_besides_at() const {
  return tags_given_ || !rates_.empty() ||
         std::any_of(fields_.begin(), fields_.end(), [](const auto& e) { return e->value.has_value(); });
}

bool field_flags::has(const std::string& key) const {
  if (key == "tags") return tags_given_;
  if (key == "at") return !at_.empty();
  return std::any_of(fields_.begin(), fields_.end(), [&](const auto& e) { return e->key == key && e->value; });
}

void field_flags::apply(record& r, const repo& rp) const {
  const settings& cfg = rp.config();
  for (const auto& e : fields_) {
    if (!e->value) continue;
    if (r.type == record_type::checkin && cfg.find_dimension(e->key) == nullptr && e->key != "mood" &&
        e->key != "safe" && key_kind(r.type, e->key, cfg) == std::nullopt) {
      auto keys = cfg.dimension_keys();
      throw_usage(fmt::format("{}: \"{}\" is not a question in this repository{}; see `balance-checkin questions`",
                              e->flag, e->key, did_you_mean(e->key, keys)));
    }
    try {
      std::string value = *e->value;
      // --minutes takes a DURATION too, as --for does: "90m", "1h30m" is not one, "2h" is.
      if (e->key == "minutes" && !value.empty() && !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
        value = std::to_string(parse_duration(value).count());
      set_field_text(r, e->key, value, cfg);
    } catch (const error& err) {
      // The library names the field ("heard: …"); the flag says it better.
      std::string message = err.what();
      if (message.starts_with(e->key + ": ")) message = message.substr(e->key.size() + 2);
      throw_usage(fmt::format("{} {}: {}", e->flag, escape_for_terminal(*e->value), message));
    }
  }
  for (const auto& rate : rates_) {
    auto eq = rate.find('=');
    if (eq == std::string::npos)
      throw_usage(fmt::format("--rate {}: write KEY=N, e.g. --rate heard=4", escape_for_terminal(rate)));
    std::string key = rate.substr(0, eq);
    if (!cfg.find_dimension(key)) {
      auto keys = cfg.dimension_keys();
      throw_usage(fmt::format("--rate {}: \"{}\" is not a question in this repository{}; see `balance-checkin questions`",
                              escape_for_terminal(rate), escape_for_terminal(key), did_you_mean(key, keys)));
    }
    try {
      set_field_text(r, key, rate.substr(eq + 1), cfg);
    } catch (const error& err) {
      throw_usage(fmt::format("--rate {}: {}", escape_for_terminal(rate), err.what()));
    }
  }
  if (tags_given_) {
    std::vector<std::string> tags;
    for (const auto& t : tags_)
      if (!t.empty()) tags.push_back(t);
    r.tags = tags;
  }
  if (!at_.empty()) r.at = parse_when(at_, rp.cal());
}

void add_list_options(CLI::App* cmd, list_options& opts, bool with_kind, bool with_topic, bool with_tag) {
  cmd->add_option("--period,-p", opts.period, "The period to list (PERIOD)")->type_name("PERIOD");
  cmd->add_option("--since", opts.since, "From WHEN (instead of --period)")->type_name("WHEN");
  cmd->add_option("--until", opts.until, "Until WHEN (instead of --period)")->type_name("WHEN");
  cmd->add_option("--who", opts.who, "Only records whose who is NAME")->type_name("NAME");
  if (with_tag) cmd->add_option("--tag", opts.tags, "Only records with tag T (repeat: all of them)")->type_name("T");
  if (with_kind) cmd->add_option("--kind", opts.kind, "Only this kind")->type_name("KIND");
  if (with_topic) cmd->add_option("--topic", opts.topic, "Only this topic")->type_name("TOPIC");
  cmd->add_option("--grep", opts.grep, "Only records whose text contains TEXT (any case)")->type_name("TEXT");
  add_limit_option(cmd, opts.limit, "Only the N most recent");
  cmd->add_flag("--reverse", opts.reverse, "Newest first");
  add_view_options(cmd, opts.view, "records, marked (private)");
}

period list_period(const repo& rp, const list_options& opts, const std::string& default_period) {
  if (!opts.period.empty() && (!opts.since.empty() || !opts.until.empty()))
    throw_usage("use either --period or --since/--until, not both");
  if (!opts.since.empty() || !opts.until.empty()) return period_between(opts.since, opts.until, rp.cal());
  return parse_period(opts.period.empty() ? default_period : opts.period, rp.cal());
}

namespace {

const std::vector<format> list_formats = {format::text, format::json, format::toml, format::csv, format::tsv};

}  // namespace

int run_list(context& ctx, record_type type, const list_options& opts, const std::string& default_period) {
  repo rp = ctx.open_repo();
  format f = ctx.output_format(list_formats);
  query q;
  q.type = type;
  q.span = list_period(rp, opts, default_period);
  if (!opts.who.empty()) q.who = rp.person(opts.who, "--who");
  for (const auto& t : opts.tags) {
    if (!is_valid_name(t)) throw_usage(fmt::format("--tag {}: tags use only a-z, 0-9, _ and -", escape_for_terminal(t)));
    q.tags.push_back(t);
  }
  if (!opts.kind.empty()) {
    const auto& kinds = type == record_type::entry ? entry_kinds() : event_kinds();
    if (std::find(kinds.begin(), kinds.end(), opts.kind) == kinds.end())
      throw_usage(fmt::format("--kind {}: not a kind{}", escape_for_terminal(opts.kind), did_you_mean(opts.kind, kinds)));
    q.kind = opts.kind;
  }
  if (!opts.topic.empty()) q.topic = opts.topic;
  q.grep = opts.grep;
  q.limit = opts.limit;
  q.reverse = opts.reverse;
  q.active_only = type == record_type::boundary && !opts.all;
  q.mine = private_view(ctx, rp, opts.view);
  store s(rp);
  auto records = run_query(s, q, [&](const diagnostic& d) { ctx.warn(d); });
  writer_options wo;
  wo.cfg = &rp.config();
  wo.st = ctx.out_style(rp.user());
  wo.width = ctx.list_width();
  auto writer = make_record_writer(f, type, ctx.out, wo);
  for (const auto& r : records) writer->write(r);
  writer->finish();
  if (records.empty() && f == format::text) {
    std::string what = type == record_type::checkin ? "check-ins"
                       : type == record_type::entry ? "entries"
                       : type == record_type::boundary ? "boundaries" : "events";
    bool filtered = q.who || !q.tags.empty() || q.kind || q.topic || !q.grep.empty();
    std::string where = q.span.is_all() ? "the repository" : q.span.label;
    ctx.note(filtered ? fmt::format("no {} in {} match", what, where) : fmt::format("no {} in {}", what, where));
  }
  return 0;
}

int run_show(context& ctx, record_type type, const std::string& id) {
  repo rp = ctx.open_repo();
  format f = ctx.output_format({format::text, format::json, format::toml});
  (void)private_view(ctx, rp, {});  // with --as someone else: say their private records stay closed
  store s(rp);
  record r = s.find(type, id);
  switch (f) {
    case format::json: ctx.out.write(record_to_json(r) + "\n"); break;
    case format::toml: ctx.out.write(record_to_toml(r) + (r.is_private ? "private = true\n" : "")); break;
    default: {
      record shown = r;
      shown.path = rp.display_path(r.path);  // a private record's real place, outside the repository
      write_record_details(shown, ctx.out, ctx.out_style(rp.user()));
      break;
    }
  }
  return 0;
}

std::shared_ptr<std::string> add_id(CLI::App& cmd) {
  auto id = std::make_shared<std::string>();
  cmd.add_option("id", *id, "Its id (4 or more leading digits)")->required()->type_name("ID");
  return id;
}

int run_rm(context& ctx, record_type type, const std::string& id, bool dry_run) {
  return write(ctx, [&](const store& s) { return remove_record(s, type, id, dry_run); });
}

namespace {

// Saves an edit and shows the safety note when it lowered the `safe` answer.
void save_edit(context& ctx, const store& s, const record& before, record after) {
  outcome done = replace_record(s, before, std::move(after));
  report(ctx, s.repository(), done);
  if (!done.paths.empty() && is_unsafe_answer(done.records.front()) && done.records.front().safe != before.safe)
    show_safety_note(ctx, s.repository(), done.records.front());
}

}  // namespace

int run_edit(context& ctx, record_type type, const std::string& id, const field_flags& flags) {
  ctx.write_format();
  repo rp = ctx.open_repo();
  store s(rp);
  record before = s.find(type, id);
  if (flags.any()) {
    record after = before;
    flags.apply(after, rp);
    check_flag_record(after, rp.config());
    save_edit(ctx, s, before, std::move(after));
    return 0;
  }
  edit_session session(rp, edit_text_for(rp, before), fmt::format("{}-{}.toml", type_name(type), before.id.substr(0, 7)));
  if (session.emptied()) {
    // Emptying the buffer cancels, as with `add --edit`; `rm` is how a record goes.
    session.discard();
    ctx.confirm(fmt::format("the edit was empty; {} is unchanged", record_label(before)));
    return 0;
  }
  record after;
  try {
    after = session.read(before);
  } catch (const error&) {
    ctx.err.write(fmt::format("{}: the edit was not saved; your text is kept in {}\n", ctx.program, session.path().string()));
    throw;
  }
  try {
    save_edit(ctx, s, before, std::move(after));
    session.discard();
  } catch (const error&) {
    ctx.err.write(fmt::format("{}: your edit is kept in {}\n", ctx.program, session.path().string()));
    ctx.err.flush();
    throw;
  }
  return 0;
}

int run_import(context& ctx, record_type type, const std::string& from, bool dry_run, bool make_private) {
  ctx.write_format();
  repo rp = ctx.open_repo();
  store s(rp);
  std::string text = read_input(from);
  import_options opts;
  opts.type = type;
  opts.dry_run = dry_run;
  opts.make_private = make_private;
  import_result result = import_records(s, text, from == "-" ? "<stdin>" : from, opts);
  ctx.written(rp, result.written,
              fmt::format("{} {}, skipped {} already present", dry_run ? "would add" : "added", result.added, result.skipped),
              result.records);
  return 0;
}

void show_safety_note(context& ctx, const repo& rp, const record& r) {
  std::string where = r.path.empty() ? rp.private_root().string() : rp.display_path(r.path);
  ctx.err.write("\n");
  ctx.err.write(style{}.bold("Your safety (private)") + "\n");
  for (const auto& p : safety_note(r.at, rp.user(), rp.cal().tz, where)) {
    if (p.starts_with("  "))
      ctx.err.write("    " + wrap_text(escape_for_terminal(p.substr(2)), output_width, 4) + "\n");
    else
      ctx.err.write("\n  " + wrap_text(escape_for_terminal(p), output_width, 2) + "\n");
  }
  ctx.err.write("\n");
  ctx.err.flush();
}


command list_command(record_type type, const std::string& summary, const std::string& default_period, bool with_kind,
                     bool with_topic) {
  return {"list", summary, [=](CLI::App& cmd) {
            auto o = std::make_shared<list_options>();
            add_list_options(&cmd, *o, with_kind, with_topic);
            return [=](context& ctx) { return run_list(ctx, type, *o, default_period); };
          }};
}

command show_command(record_type type, const std::string& summary) {
  return {"show", summary, [=](CLI::App& cmd) {
            auto id = add_id(cmd);
            return [=](context& ctx) { return run_show(ctx, type, *id); };
          }};
}

command edit_command(record_type type, const std::string& summary,
                     const std::function<void(CLI::App&, field_flags&)>& fields) {
  return {"edit", summary, [=](CLI::App& cmd) {
            auto id = add_id(cmd);
            auto flags = std::make_shared<field_flags>();
            fields(cmd, *flags);
            return [=](context& ctx) { return run_edit(ctx, type, *id, *flags); };
          }};
}

command rm_command(record_type type, const std::string& summary) {
  return {"rm", summary, [=](CLI::App& cmd) {
            auto o = std::make_shared<std::pair<std::string, bool>>();
            cmd.add_option("id", o->first, "Its id (4 or more leading digits)")->required()->type_name("ID");
            cmd.add_flag("--dry-run", o->second, "Say what would be removed, change nothing");
            return [=](context& ctx) { return run_rm(ctx, type, o->first, o->second); };
          }};
}

void add_import_flags(CLI::App& cmd, import_flags& f, const std::string& what) {
  cmd.add_option("--from", f.from, fmt::format("Import {} from FILE or - (TOML, JSON, CSV or TSV)", what))->type_name("FILE");
  cmd.add_flag("--dry-run", f.dry_run, "With --from: say what would be added, write nothing");
}

}  // namespace balance::cli
