// balance-journal's commands. Each is one call of the library (balance/journal.hpp), or one of
// the record commands every tool shares (show, edit, rm).
#include <unistd.h>

#include <memory>

#include "balance/import.hpp"
#include "balance/journal.hpp"
#include "journal.hpp"

namespace balance::journal_cli {

using cli::context;

namespace {

// The words of the command line as one text; `-` alone reads standard input (without the
// newlines that end it).
std::string text_of(const std::vector<std::string>& words) {
  if (words.size() == 1 && words[0] == "-") {
    std::string text = read_input("-");
    while (text.ends_with('\n')) text.pop_back();
    return text;
  }
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
  return text;
}

std::function<int(context&)> setup_add(CLI::App& cmd) {
  struct flags {
    std::vector<std::string> words;
    page_options page;
    cli::import_flags import;
  };
  auto o = std::make_shared<flags>();
  cmd.add_option("text", o->words, "The page's words (every word is text); - reads them from standard input")
      ->type_name("TEXT");
  cmd.add_option("--tag", o->page.tags, "A tag ([a-z0-9_-]+); repeat for more")->type_name("T");
  cmd.add_option("--at", o->page.at, "When (WHEN; default now)")->type_name("WHEN");
  cmd.add_option("--mood", o->page.mood, "How you feel, 1 to 5")->type_name("N");
  cmd.add_flag("--prompt", o->page.answer_prompt, "Answer today's prompt (the page records its key)");
  cmd.add_flag("--shared", o->page.shared, "Write to the couple's shared journal in the repository");
  cli::add_import_flags(cmd, o->import, "pages");
  return [o](context& ctx) {
    if (auto imported = cli::import_instead(ctx, record_type::page, o->import, !o->words.empty(),
                                            "--from imports pages; give the words or --from, not both",
                                            !o->page.shared))
      return *imported;
    if (!o->words.empty()) {
      o->page.text = text_of(o->words);
      return cli::write(ctx, [&](const store& s) { return add_page(s, o->page); });
    }
    if (::isatty(0) != 1)
      throw_usage("nothing to write: give the words (balance-journal TEXT), or - to read them from standard "
                  "input, or run it in a terminal to write in your editor");
    return cli::write(ctx, [&](const store& s) { return add_page_in_editor(s, o->page); });
  };
}

struct list_flags {
  std::string period, since, until;
  journal_filter filter;
};

void add_page_filter_options(CLI::App& cmd, list_flags& o) {
  cmd.add_option("--period", o.period, "Pages of this PERIOD (default: all)")->type_name("PERIOD");
  cmd.add_option("--since", o.since, "Pages from WHEN on")->type_name("WHEN");
  cmd.add_option("--until", o.until, "Pages up to WHEN")->type_name("WHEN");
  cmd.add_option("--grep", o.filter.grep, "Pages whose words hold TEXT (any case)")->type_name("TEXT");
  cmd.add_option("--tag", o.filter.tags, "Pages with this tag; repeat for more")->type_name("T");
  cmd.add_flag("--shared", o.filter.shared, "Only the couple's shared pages, everyone's");
}

// Pages in --format: markdown as one document, the others as every list writes records. With
// --as someone else, says whose view it is, as every list does.
void write_pages(context& ctx, const repo& rp, const std::vector<record>& pages, bool shared, bool filtered = false) {
  (void)cli::private_view(ctx, rp, {});
  if (ctx.opts.format == "markdown") {
    write_pages_markdown(pages, rp, shared, ctx.out);
    return;
  }
  record_format f = ctx.records_format(cli::list_formats);
  write_records(f, record_type::page, pages, ctx.writer(rp), ctx.out);
  if (pages.empty() && f == record_format::text) ctx.note(filtered ? "no pages match" : "no pages here yet");
}

std::function<int(context&)> setup_list(CLI::App& cmd) {
  auto o = std::make_shared<list_flags>();
  add_page_filter_options(cmd, *o);
  cli::add_limit_option(&cmd, o->filter.limit, "The N latest pages (default 10; 0 for all)");
  cmd.add_flag("--reverse", o->filter.reverse, "Newest first");
  return [o](context& ctx) {
    repo rp = ctx.open_repo();
    o->filter.span = select_period(o->period, o->since, o->until, "all", rp.cal());
    bool filtered = !o->period.empty() || !o->since.empty() || !o->until.empty() || !o->filter.grep.empty() ||
                    !o->filter.tags.empty();
    write_pages(ctx, rp, journal_pages(store(rp), o->filter), o->filter.shared, filtered);
    return 0;
  };
}

std::function<int(context&)> setup_on_this_day(CLI::App& cmd) {
  struct flags {
    int years = 10;
    bool shared = false;
  };
  auto o = std::make_shared<flags>();
  cmd.add_option("--years", o->years, "How many years back (default 10)")->type_name("N")->check(CLI::NonNegativeNumber);
  cmd.add_flag("--shared", o->shared, "Only the couple's shared pages, everyone's");
  return [o](context& ctx) {
    repo rp = ctx.open_repo();
    write_pages(ctx, rp, pages_on_this_day(store(rp), o->years, o->shared), o->shared);
    return 0;
  };
}

std::function<int(context&)> setup_prompt(CLI::App&) {
  return [](context& ctx) {
    repo rp = ctx.open_repo();
    write_todays_prompt(rp, ctx.output_format({format::text, format::json}), ctx.out);
    return 0;
  };
}

std::function<int(context&)> setup_prompts(CLI::App&) {
  return [](context& ctx) {
    repo rp = ctx.open_repo();
    write_prompt_deck(rp, ctx.output_format({format::text, format::json}), ctx.out);
    return 0;
  };
}

std::function<int(context&)> setup_export(CLI::App& cmd) {
  auto shared = std::make_shared<bool>(false);
  cmd.add_flag("--shared", *shared, "The couple's shared pages, everyone's (default: your own)");
  return [shared](context& ctx) {
    (void)ctx.output_format({format::text, format::markdown});  // text is the same document
    repo rp = ctx.open_repo();
    journal_filter f;
    f.limit = 0;
    f.shared = *shared;
    auto pages = journal_pages(store(rp), f);
    (void)cli::private_view(ctx, rp, {});
    write_pages_markdown(pages, rp, *shared, ctx.out);
    return 0;
  };
}

std::function<int(context&)> setup_import(CLI::App& cmd) {
  struct flags {
    std::string jrnl;
    std::string timeformat = "%F %r";
    bool dry_run = false;
  };
  auto o = std::make_shared<flags>();
  cmd.add_option("--jrnl", o->jrnl, "jrnl's plain-text export (FILE, or - for standard input)")
      ->type_name("FILE")
      ->required();
  cmd.add_option("--jrnl-timeformat", o->timeformat, "jrnl's timeformat (default \"%F %r\")")->type_name("FMT");
  cmd.add_flag("--dry-run", o->dry_run, "Say how many pages would be added, change nothing");
  return [o](context& ctx) {
    return cli::write(ctx, [&](const store& s) { return import_jrnl(s, o->jrnl, o->timeformat, o->dry_run); });
  };
}

void page_fields(CLI::App& cmd, cli::field_flags& flags) {
  flags.add(&cmd, {{"text", "The page's words"},
                   {"mood", "How you felt, 1 to 5"},
                   {"prompt", "The key of the prompt it answers (empty: none)"}});
  flags.add_tags(&cmd);
  flags.add_at(&cmd, "When it was written (WHEN)");
}

}  // namespace

std::vector<cli::command> journal_commands() {
  return {
      {"add", "Add a page: TEXT, - for stdin, or the editor", setup_add},
      {"list", "Your latest pages; --shared: the couple's", setup_list},
      cli::show_command(record_type::page, "Show one page"),
      cli::edit_command(record_type::page, "Change a page: field flags, or the editor", page_fields),
      cli::rm_command(record_type::page, "Remove a page"),
      {"on-this-day", "Pages from this day in earlier months and years", setup_on_this_day},
      {"prompt", "Today's prompt (the same for both of you)", setup_prompt},
      {"prompts", "The whole prompt deck", setup_prompts},
      {"export", "Your pages (or --shared ones) as markdown", setup_export},
      {"import", "Import jrnl's plain-text export: --jrnl FILE", setup_import},
  };
}

}  // namespace balance::journal_cli
