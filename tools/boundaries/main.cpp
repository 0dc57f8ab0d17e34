// balance-boundaries: each person's boundaries, what happened to them, and their reviews.
#include <fmt/format.h>

#include "balance/boundaries.hpp"
#include "balance/cadence.hpp"
#include "balance/error.hpp"
#include "balance/format.hpp"
#include "balance/id.hpp"
#include "balance/query.hpp"
#include "balance/store.hpp"
#include "balance/text.hpp"
#include "balance/when.hpp"
#include "cli.hpp"
#include "record_commands.hpp"

using namespace balance;

namespace {

struct event_options {
  std::string id;
  std::string who;
  std::string note;
  std::string text;      // gave-in / space: what happened, kept as the note
  std::string duration;  // space --for
  std::string at;
  bool is_private = false;
};

const char* const private_help = "Keep it in your private store on this computer: never shared, only you see it";

// `required_who`: the act must be named (crossed: the tool never guesses who crossed a boundary).
void add_event_options(CLI::App* cmd, event_options& o, bool with_who, const std::string& who_help,
                       bool required_who = false) {
  if (with_who) {
    // Not CLI11's required(): a missing --by gets our own message (add_event says it).
    cmd->add_option(required_who ? "--by,--who" : "--who,--by", o.who, who_help)->type_name("NAME");
  }
  cmd->add_option("--note", o.note, "A few words about it")->type_name("T");
  cmd->add_option("--at", o.at, "When it happened (WHEN; default now)")->type_name("WHEN");
  cmd->add_flag("--private", o.is_private, private_help);
}

int add_boundary(cli::context& ctx, const std::string& text, const std::string& who, const std::string& review,
                 const std::vector<std::string>& tags, const std::string& at, bool is_private, const std::string& from,
                 bool dry_run) {
  if (!from.empty()) {
    if (!text.empty()) throw_usage("--from reads whole boundaries; it cannot be combined with TEXT");
    return cli::run_import(ctx, record_type::boundary, from, dry_run, is_private);
  }
  if (dry_run) throw_usage("--dry-run goes with --from");
  ctx.write_format();
  if (trim(text).empty())
    throw_usage("add needs the boundary's TEXT, e.g. balance-boundaries add \"I need an hour to myself after work\"");
  repo rp = ctx.open_repo();
  store s(rp);
  record r;
  r.type = record_type::boundary;
  r.who = who.empty() ? rp.me() : rp.person(who, "--who");
  r.author = r.who;  // a boundary lives in its owner's file
  if (is_private && r.who != rp.me()) throw_usage("a private boundary can only be your own");
  r.is_private = is_private;
  r.at = at.empty() ? rp.cal().now : parse_when(at, rp.cal());
  r.text = text;
  r.review = (review.empty() ? rp.config().review_cadence : parse_cadence(review)).to_string();
  r.status = "active";
  for (const auto& t : tags)
    if (!t.empty()) r.tags.push_back(t);
  cli::check_flags_record(r, rp);
  write_batch batch(s);
  batch.add(r);
  ctx.written(rp, batch.commit(),
              fmt::format("added boundary {} ({}{}); review {}", r.id.substr(0, 7), r.who, r.is_private ? ", private" : "", r.review),
              {r});
  return 0;
}

struct boundary_list_options {
  bool all = false;
  std::string who;
  std::vector<std::string> tags;
  std::string grep;
  std::size_t limit = 0;
  bool reverse = false;
  cli::view_options view;
};

int list(cli::context& ctx, const boundary_list_options& o) {
  repo rp = ctx.open_repo();
  format f = ctx.output_format({format::text, format::json, format::toml, format::csv, format::tsv});
  store s(rp);
  std::optional<std::string> owner;
  if (!o.who.empty()) owner = rp.person(o.who, "--who");
  auto views = load_boundaries(s, o.all, owner, cli::private_view(ctx, rp, o.view));
  // The same filters as every other list: tags, text, the N most recent, newest first.
  query q;
  q.type = record_type::boundary;
  q.tags = o.tags;
  q.grep = o.grep;
  q.mine = true;  // load_boundaries has applied the view already
  std::erase_if(views, [&](const boundary_view& v) { return !matches(q, v.boundary); });
  // Grouped by owner unless asked for the most recent: then by when they were set.
  if (o.limit > 0 || o.reverse) {
    std::stable_sort(views.begin(), views.end(), [](const boundary_view& a, const boundary_view& b) {
      return record_less(a.boundary, b.boundary);
    });
    if (o.limit > 0 && views.size() > o.limit) views.erase(views.begin(), views.end() - static_cast<std::ptrdiff_t>(o.limit));
    if (o.reverse) std::reverse(views.begin(), views.end());
  }
  bool all = o.all;
  if (f == format::text) {
    if (views.empty()) {
      ctx.note(all ? "no boundaries yet" : "no active boundaries");
      return 0;
    }
    write_boundary_table(views, rp.cal(), ctx.out, ctx.out_style(rp.user()));
    return 0;
  }
  writer_options wo;
  wo.cfg = &rp.config();
  auto writer = make_record_writer(f, record_type::boundary, ctx.out, wo);
  for (const auto& v : views) writer->write(v.boundary);
  writer->finish();
  return 0;
}

int show(cli::context& ctx, const std::string& id) {
  repo rp = ctx.open_repo();
  format f = ctx.output_format({format::text, format::json, format::toml});
  store s(rp);
  record b = s.find(record_type::boundary, id);
  if (f != format::text) return cli::run_show(ctx, record_type::boundary, id);
  // My own private boundary shows without --mine; a shared one shows its shared history.
  for (const auto& v : load_boundaries(s, true, b.who, b.is_private))
    if (v.boundary.id == b.id)
      write_boundary_history(v, rp.cal(), ctx.out, ctx.out_style(rp.user()), rp.display_path(b.path));
  return 0;
}

int retire(cli::context& ctx, const std::string& id) {
  ctx.write_format();
  repo rp = ctx.open_repo();
  store s(rp);
  record before = s.find(record_type::boundary, id);
  if (!before.is_active_boundary()) {
    ctx.confirm(fmt::format("boundary {} is already retired", before.id.substr(0, 7)));
    return 0;
  }
  record after = before;
  after.status = "retired";
  after.retired = rp.cal().now;
  write_batch batch(s);
  batch.replace(before, after);
  ctx.written(rp, batch.commit(), fmt::format("retired boundary {}; its history stays", before.id.substr(0, 7)), {after});
  return 0;
}

// Does any record of `type` (shared, or my own private) have an id starting with `prefix`?
bool has_id_prefix(const store& s, record_type type, const std::string& prefix) {
  bool found = false;
  scan_filter filter(type);
  filter.private_of_me = true;
  s.scan(filter, [&](record&& r) { found = found || r.id.starts_with(prefix); });
  return found;
}

int remove(cli::context& ctx, const std::string& id, bool with_events, bool dry_run) {
  ctx.write_format();
  repo rp = ctx.open_repo();
  store s(rp);
  bool a_boundary = has_id_prefix(s, record_type::boundary, id);
  if (!a_boundary && is_valid_id_prefix(id) && !has_id_prefix(s, record_type::event, id))
    throw_usage(fmt::format("no boundary or event has an id starting with {}", id));
  if (!a_boundary && is_valid_id_prefix(id)) {
    // An event noted by mistake (a "crossed" that was not, a wrong boundary) goes on its own.
    if (with_events) throw_usage("--with-events goes with a boundary's id; this id is an event's");
    return cli::run_rm(ctx, record_type::event, id, dry_run);
  }
  record b = s.find(record_type::boundary, id);
  std::vector<record> events;
  scan_filter event_filter(record_type::event);
  event_filter.private_of_me = true;  // my private events may point at a shared boundary
  s.scan(event_filter, [&](record&& e) {
    if (e.boundary == b.id) events.push_back(std::move(e));
  });
  if (!events.empty() && !with_events)
    throw_usage(fmt::format("boundary {} has {} event{} pointing at it. To keep its history, retire it instead "
                            "(balance-boundaries retire {}); to remove both, add --with-events",
                            b.id.substr(0, 7), events.size(), events.size() == 1 ? "" : "s", b.id.substr(0, 7)));
  if (dry_run) {
    ctx.confirm(fmt::format("would remove boundary {}{}", b.id.substr(0, 7),
                            events.empty() ? "" : fmt::format(" and {} event{}", events.size(), events.size() == 1 ? "" : "s")));
    return 0;
  }
  write_batch batch(s);
  // Events first: a crash in between leaves a boundary without events, never events without one.
  for (const auto& e : events) batch.remove(e);
  batch.remove(b);
  ctx.written(rp, batch.commit(), fmt::format("removed boundary {}{}", b.id.substr(0, 7),
                          events.empty() ? "" : fmt::format(" and {} event{}", events.size(), events.size() == 1 ? "" : "s")), [&] {
                std::vector<record> gone = events;
                gone.push_back(b);
                return gone;
              }());
  return 0;
}

int add_event(cli::context& ctx, const std::string& kind, const event_options& o) {
  ctx.write_format();
  repo rp = ctx.open_repo();
  store s(rp);
  record e;
  e.type = record_type::event;
  e.kind = kind;
  e.author = rp.me();
  e.is_private = o.is_private;
  e.at = o.at.empty() ? rp.cal().now : parse_when(o.at, rp.cal());
  e.note = !o.text.empty() ? o.text : o.note;
  if (!o.text.empty() && !o.note.empty()) e.note = o.text + "\n" + o.note;
  std::optional<record> target;
  if (!o.id.empty()) {
    target = s.find(record_type::boundary, o.id);
    e.boundary = target->id;
    check_event_target(e, *target);
  }
  if (!o.who.empty()) {
    e.who = rp.person(o.who, kind == "crossed" ? "--by" : "--who");
  } else if (kind == "crossed") {
    throw_usage("who crossed it? name them with --by NAME (balance never guesses)");
  } else if (kind == "respected" && target) {
    auto actor = default_actor(*target, rp.config());
    if (!actor) throw_usage(fmt::format("whose act was it? add --who NAME"));
    e.who = *actor;
  } else {
    e.who = rp.me();
  }
  if (!o.duration.empty()) e.minutes = parse_duration(o.duration).count();
  cli::check_flags_record(e, rp);
  write_batch batch(s);
  batch.add(e);
  auto paths = batch.commit();
  std::string short_event = e.id.substr(0, 7) + (e.is_private ? ", private" : "");
  std::string line;
  if (kind == "respected" || kind == "crossed")
    line = fmt::format("noted that boundary {} was {} ({}), event {}", target->id.substr(0, 7), kind, e.who, short_event);
  else if (kind == "reviewed")
    line = fmt::format("reviewed boundary {}, event {}", target->id.substr(0, 7), short_event);
  else if (kind == "gave-in")
    line = fmt::format("noted a yes that meant no ({}), event {}", e.who, short_event);
  else
    line = fmt::format("noted that {} asked for space{}, event {}", e.who, e.minutes ? fmt::format(" ({} min)", *e.minutes) : "",
                       short_event);
  ctx.written(rp, paths, line, {e});
  return 0;
}

int due(cli::context& ctx, const std::string& who) {
  repo rp = ctx.open_repo();
  format f = ctx.output_format({format::text, format::json});
  std::optional<std::string> owner;
  if (!who.empty()) owner = rp.person(who, "--who");
  store s(rp);
  std::size_t n = 0;
  std::string json = "{\"schema\": 1, \"due\": [";
  for (const auto& v : load_boundaries(s, false, owner)) {
    if (!v.review_due) continue;
    if (f == format::json) {
      json += fmt::format("{}\n  {{\"who\": {}, \"boundary\": {}, \"review\": {}, \"since\": {}, \"due\": {}}}", n ? "," : "",
                          json_string(v.boundary.who), json_string(v.boundary.id),
                          json_string(review_cadence_of(v.boundary, rp.config()).to_string()),
                          json_string(format_timestamp(v.review_since)),
                          json_string(format_timestamp(rp.cal().tz.at(*v.next_review))));
      ++n;
      continue;
    }
    ++n;
    ctx.out.write(fmt::format("{}: review of boundary {} due ({}; last {} {})\n", v.boundary.who, v.boundary.id.substr(0, 7),
                              review_cadence_of(v.boundary, rp.config()).to_string(),
                              v.review_since.utc == v.boundary.at.utc ? "set" : "reviewed", format_date(v.review_since)));
  }
  if (f == format::json) ctx.out.write(json + (n > 0 ? "\n]}\n" : "]}\n"));
  return n > 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  cli::context ctx;
  ctx.program = "balance-boundaries";
  auto app = cli::make_app(ctx.program,
                           "Boundaries with kindness: what each of you needs, when it was respected or crossed,\n"
                           "saying yes when you meant no, asking for space, and regular reviews.");
  cli::add_common_options(*app, ctx.opts, {format::text, format::json, format::toml, format::csv, format::tsv});
  app->require_subcommand(1);

  std::string text, who, review, at, from;
  std::vector<std::string> tags;
  bool add_private = false, add_dry_run = false;
  auto* add_cmd = app->add_subcommand("add", "Set a boundary: \"I need …\" or \"I don't …\"");
  add_cmd->add_option("text", text, "The boundary, in the owner's words")->type_name("TEXT");
  add_cmd->add_option("--who", who, "Whose boundary it is (default: me)")->type_name("OWNER");
  add_cmd->add_option("--review", review, "How often to review it (CADENCE; default from balance.toml)")->type_name("CADENCE");
  add_cmd->add_option("--tag", tags, "A tag; repeat for more")->type_name("T");
  add_cmd->add_option("--at", at, "When it was set (WHEN; default now)")->type_name("WHEN");
  add_cmd->add_flag("--private", add_private, private_help);
  add_cmd->add_option("--from", from, "Import boundaries and their events from FILE or - (TOML, JSON, CSV or TSV)")->type_name("FILE");
  add_cmd->add_flag("--dry-run", add_dry_run, "With --from: say what would be added, write nothing");

  boundary_list_options list_opts;
  auto* list_cmd = app->add_subcommand("list", "List active boundaries (the default command)");
  list_cmd->add_flag("--all", list_opts.all, "Retired ones too");
  list_cmd->add_option("--who", list_opts.who, "Only NAME's boundaries")->type_name("NAME");
  list_cmd->add_option("--tag", list_opts.tags, "Only boundaries with tag T (repeat: all of them)")->type_name("T");
  list_cmd->add_option("--grep", list_opts.grep, "Only boundaries whose text contains TEXT (any case)")->type_name("TEXT");
  cli::add_limit_option(list_cmd, list_opts.limit, "Only the N most recently set");
  list_cmd->add_flag("--reverse", list_opts.reverse, "Newest first");
  cli::add_view_options(list_cmd, list_opts.view, "boundaries, marked (private)");

  std::string id;
  auto* show_cmd = app->add_subcommand("show", "Show a boundary and its history");
  show_cmd->add_option("id", id, "Its id (4 or more leading digits)")->required()->type_name("ID");

  cli::field_flags edit_flags;
  auto* edit_cmd = app->add_subcommand("edit", "Change a boundary: with field flags, or in the editor");
  edit_cmd->add_option("id", id, "Its id (4 or more leading digits)")->required()->type_name("ID");
  edit_flags.add(edit_cmd, "text", "The boundary's words");
  edit_flags.add(edit_cmd, "review", "How often to review it (CADENCE)");
  edit_flags.add_tags(edit_cmd);
  edit_flags.add_at(edit_cmd, "When it was set (WHEN)");

  auto* retire_cmd = app->add_subcommand("retire", "Retire a boundary; its history stays");
  retire_cmd->add_option("id", id, "Its id (4 or more leading digits)")->required()->type_name("ID");

  bool with_events = false, rm_dry_run = false;
  auto* rm_cmd = app->add_subcommand("rm", "Remove a boundary (refused while events point at it), or one event");
  rm_cmd->add_option("id", id, "Its id (4 or more leading digits)")->required()->type_name("ID");
  rm_cmd->add_flag("--with-events", with_events, "Remove its events too");
  rm_cmd->add_flag("--dry-run", rm_dry_run, "Say what would be removed, change nothing");

  event_options respected, crossed, reviewed, gave_in, space;
  auto* respected_cmd = app->add_subcommand("respected", "Note that a boundary was respected");
  respected_cmd->add_option("id", respected.id, "The boundary's id")->required()->type_name("ID");
  add_event_options(respected_cmd, respected, true, "Who respected it (default: the other person, with two people)");
  auto* crossed_cmd = app->add_subcommand("crossed", "Note that a boundary was crossed");
  crossed_cmd->add_option("id", crossed.id, "The boundary's id")->required()->type_name("ID");
  add_event_options(crossed_cmd, crossed, true, "Whose act it was (required: never guessed)", true);
  auto* review_cmd = app->add_subcommand("review", "Note that a boundary was reviewed (restarts its review clock)");
  review_cmd->add_option("id", reviewed.id, "The boundary's id")->required()->type_name("ID");
  add_event_options(review_cmd, reviewed, false, "");
  auto* gave_in_cmd = app->add_subcommand("gave-in", "Note a time you said yes when you meant no");
  gave_in_cmd->add_option("text", gave_in.text, "What happened")->required()->type_name("TEXT");
  add_event_options(gave_in_cmd, gave_in, true, "Who gave in (default: me)");
  auto* space_cmd = app->add_subcommand("space", "Note that you asked for space");
  space_cmd->add_option("text", space.text, "What for (optional)")->type_name("TEXT");
  space_cmd->add_option("--for", space.duration, "For how long (DURATION: 30m, 2h, 1d)")->type_name("DURATION");
  add_event_options(space_cmd, space, true, "Who asked for space (default: me)");

  cli::list_options log_opts;
  auto* log_cmd = app->add_subcommand("log", "List the events (default: all of them)");
  cli::add_list_options(log_cmd, log_opts, true, false, false);

  std::string due_who;
  auto* due_cmd = app->add_subcommand("due", "Boundaries whose review is due (exit 0 with lines, 1 and silence when none)");
  due_cmd->add_option("--who", due_who, "Only NAME's boundaries (default: everyone's)")->type_name("NAME");

  std::vector<std::string> args;
  try {
    args = cli::with_default_command(*app, cli::arguments(argc, argv), "list");
  } catch (const error& e) {
    cli::print_error(ctx.program, e);
    return exit_code(e.kind());
  }
  return cli::run(*app, ctx, args, [&]() -> int {
    if (add_cmd->parsed()) return add_boundary(ctx, text, who, review, tags, at, add_private, from, add_dry_run);
    if (list_cmd->parsed()) return list(ctx, list_opts);
    if (show_cmd->parsed()) return show(ctx, id);
    if (edit_cmd->parsed()) return cli::run_edit(ctx, record_type::boundary, id, edit_flags);
    if (retire_cmd->parsed()) return retire(ctx, id);
    if (rm_cmd->parsed()) return remove(ctx, id, with_events, rm_dry_run);
    if (respected_cmd->parsed()) return add_event(ctx, "respected", respected);
    if (crossed_cmd->parsed()) return add_event(ctx, "crossed", crossed);
    if (review_cmd->parsed()) return add_event(ctx, "reviewed", reviewed);
    if (gave_in_cmd->parsed()) return add_event(ctx, "gave-in", gave_in);
    if (space_cmd->parsed()) return add_event(ctx, "space", space);
    if (log_cmd->parsed()) return cli::run_list(ctx, record_type::event, log_opts, "all");
    if (due_cmd->parsed()) return due(ctx, due_who);
    return 64;
  });
}
