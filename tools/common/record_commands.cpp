#include "record_commands.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "balance/checkin.hpp"
#include "balance/edit.hpp"
#include "balance/error.hpp"
#include "balance/format.hpp"
#include "balance/import.hpp"
#include "balance/safety.hpp"
#include "balance/text.hpp"
#include "balance/when.hpp"

namespace balance::cli {

void field_flags::add(CLI::App* cmd, const std::string& key, const std::string& help, const std::string& flag) {
  std::string name = flag.empty() ? "--" + key : flag;
  cmd->add_option_function<std::string>(
         name, [this, key, name](const std::string& text) { values_.fields.push_back({key, name, text}); }, help)
      ->type_name("V");
}

void field_flags::add(CLI::App* cmd, const std::vector<std::pair<std::string, std::string>>& fields) {
  for (const auto& [key, help] : fields) add(cmd, key, help);
}

void field_flags::add_tags(CLI::App* cmd) {
  cmd->add_option_function<std::vector<std::string>>(
         "--tag", [this](const std::vector<std::string>& tags) { values_.tags = tags; },
         "A tag ([a-z0-9_-]+); repeat for more")
      ->type_name("T");
}

void field_flags::add_rate(CLI::App* cmd) {
  cmd->add_option("--rate", values_.rates, "Rate any configured dimension: KEY=N (1–5); repeatable")->type_name("KEY=N");
}

void field_flags::add_at(CLI::App* cmd, const std::string& help) {
  cmd->add_option("--at", values_.at, help)->type_name("WHEN");
}

void add_list_options(CLI::App* cmd, list_options& opts, bool with_kind, bool with_topic, bool with_tag) {
  cmd->add_option("--period,-p", opts.period, "The period to list (PERIOD)")->type_name("PERIOD");
  cmd->add_option("--since", opts.since, "From WHEN (instead of --period)")->type_name("WHEN");
  cmd->add_option("--until", opts.until, "Until WHEN (instead of --period)")->type_name("WHEN");
  cmd->add_option("--who", opts.req.who, "Only records whose who is NAME")->type_name("NAME");
  if (with_tag) cmd->add_option("--tag", opts.req.tags, "Only records with tag T (repeat: all of them)")->type_name("T");
  if (with_kind) cmd->add_option("--kind", opts.req.kind, "Only this kind")->type_name("KIND");
  if (with_topic) cmd->add_option("--topic", opts.req.topic, "Only this topic")->type_name("TOPIC");
  cmd->add_option("--grep", opts.req.grep, "Only records whose text contains TEXT (any case)")->type_name("TEXT");
  add_limit_option(cmd, opts.req.limit, "Only the N most recent (0: all)");
  cmd->add_flag("--reverse", opts.req.reverse, "Newest first");
  add_view_options(cmd, opts.view, "records, marked (private)");
}

int run_list(context& ctx, record_type type, const list_options& opts, const std::string& default_period) {
  repo rp = ctx.open_repo();
  record_format f = ctx.records_format(list_formats);
  list_request req = opts.req;
  req.type = type;
  req.span = select_period(opts.period, opts.since, opts.until, default_period, rp.cal());
  req.mine = private_view(ctx, rp, opts.view);
  store s(rp);
  auto listed = list_records(s, req, f, ctx.writer(rp), ctx.out, [&](const diagnostic& d) { ctx.warn(d); });
  if (!listed.empty_note.empty()) ctx.note(listed.empty_note);
  return 0;
}

int run_show(context& ctx, record_type type, const std::string& id) {
  repo rp = ctx.open_repo();
  record_format f = ctx.records_format({record_format::text, record_format::json, record_format::toml});
  (void)private_view(ctx, rp, {});  // with --as someone else: say their private records stay closed
  store s(rp);
  record r = s.find(type, id);
  write_shown_record(f, r, rp.display_path(r.path), ctx.out_style(rp.user()), ctx.out);
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
    write_safety_note(done.records.front(), s.repository(), ctx.err);
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

std::optional<int> import_instead(context& ctx, record_type type, const import_flags& f, bool other_input,
                                  const std::string& refusal, bool make_private) {
  if (f.from.empty()) {
    if (f.dry_run) throw_usage("--dry-run goes with --from");
    return std::nullopt;
  }
  if (other_input) throw_usage(refusal);
  ctx.write_format();
  repo rp = ctx.open_repo();
  store s(rp);
  import_options opts;
  opts.type = type;
  opts.dry_run = f.dry_run;
  opts.make_private = make_private;
  outcome done = import_from(s, f.from, opts);
  // Always as a write, even of nothing: --format json prints the (maybe empty) list of records.
  ctx.written(rp, done.paths, done.summary, done.records);
  return 0;
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
