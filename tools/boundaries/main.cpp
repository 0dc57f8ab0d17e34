// balance-boundaries: each person's boundaries, what happened to them, and their reviews. Every
// command is one call of balance/boundaries.hpp; the event commands are in events.cpp.
#include <fmt/format.h>

#include "balance/boundaries.hpp"
#include "balance/format.hpp"
#include "boundaries.hpp"

using namespace balance;
using balance::cli::context;

namespace {

struct list_flags {
  boundary_filter filter;
  std::string who;
  cli::view_options view;
};

std::function<int(context&)> setup_list(CLI::App& cmd) {
  auto o = std::make_shared<list_flags>();
  cmd.add_flag("--all", o->filter.all, "Retired ones too");
  cmd.add_option("--who", o->who, "Only NAME's boundaries")->type_name("NAME");
  cmd.add_option("--tag", o->filter.tags, "Only boundaries with tag T (repeat: all of them)")->type_name("T");
  cmd.add_option("--grep", o->filter.grep, "Only boundaries whose text contains TEXT (any case)")->type_name("TEXT");
  cli::add_limit_option(&cmd, o->filter.limit, "Only the N most recently set (0: all)");
  cmd.add_flag("--reverse", o->filter.reverse, "Newest first");
  cli::add_view_options(&cmd, o->view, "boundaries, marked (private)");
  return [o](context& ctx) {
    repo rp = ctx.open_repo();
    record_format fmt = ctx.records_format(cli::list_formats);
    boundary_filter f = o->filter;
    if (!o->who.empty()) f.owner = rp.person(o->who, "--who");
    f.mine = cli::private_view(ctx, rp, o->view);
    store s(rp);
    if (auto none = write_boundary_list(list_boundaries(s, f), f, fmt, ctx.writer(rp), rp.cal(), ctx.out); !none.empty())
      ctx.note(none);
    return 0;
  };
}

std::function<int(context&)> setup_show(CLI::App& cmd) {
  auto id = cli::add_id(cmd);
  return [id](context& ctx) {
    repo rp = ctx.open_repo();
    if (ctx.output_format({format::text, format::json, format::toml}) != format::text)
      return cli::run_show(ctx, record_type::boundary, *id);
    store s(rp);
    boundary_view v = find_boundary(s, *id);
    write_boundary_history(v, rp.cal(), ctx.out, ctx.out_style(rp.user()), rp.display_path(v.boundary.path));
    return 0;
  };
}

std::function<int(context&)> setup_edit(CLI::App& cmd) {
  auto id = cli::add_id(cmd);
  auto flags = std::make_shared<cli::field_flags>();
  flags->add(&cmd, "text", "The boundary's words");
  flags->add(&cmd, "review", "How often to review it (CADENCE)");
  flags->add_tags(&cmd);
  flags->add_at(&cmd, "When it was set (WHEN)");
  return [id, flags](context& ctx) { return cli::run_edit(ctx, record_type::boundary, *id, *flags); };
}

std::function<int(context&)> setup_retire(CLI::App& cmd) {
  auto id = cli::add_id(cmd);
  return [id](context& ctx) { return cli::write(ctx, [&](const store& s) { return retire_boundary(s, *id); }); };
}

std::function<int(context&)> setup_rm(CLI::App& cmd) {
  auto id = cli::add_id(cmd);
  auto o = std::make_shared<std::pair<bool, bool>>();  // --with-events, --dry-run
  cmd.add_flag("--with-events", o->first, "Remove its events too");
  cmd.add_flag("--dry-run", o->second, "Say what would be removed, change nothing");
  return [id, o](context& ctx) {
    return cli::write(ctx, [&](const store& s) { return remove_boundary(s, *id, o->first, o->second); });
  };
}

}  // namespace

int main(int argc, char** argv) {
  const cli::tool t{"balance-boundaries",
                    "Boundaries with kindness: what each of you needs, when it was respected or crossed,\n"
                    "saying yes when you meant no, asking for space, and regular reviews.",
                    {format::text, format::json, format::toml, format::csv, format::tsv},
                    "list"};
  std::vector<cli::command> table = {
      {"add", "Set a boundary: \"I need …\" or \"I don't …\"", boundaries_cli::setup_add},
      {"list", "List active boundaries (the default command)", setup_list},
      {"show", "Show a boundary and its history", setup_show},
      {"edit", "Change a boundary: with field flags, or in the editor", setup_edit},
      {"retire", "Retire a boundary; its history stays", setup_retire},
      {"rm", "Remove a boundary (refused while events point at it), or one event", setup_rm},
  };
  for (auto& c : boundaries_cli::event_commands()) table.push_back(std::move(c));
  return cli::run_commands(t, table, argc, argv);
}
