#include "balance/talk_plan.hpp"

#include <fmt/format.h>

#include "balance/json.hpp"
#include "balance/text.hpp"

namespace balance {

talk_plan build_talk_plan(const store& s, const period& span, const std::function<void(const diagnostic&)>& on_warning) {
  talk_plan plan;
  plan.shared = build_report(s, span, report_view::shared, on_warning);
  plan.due = agreement_reviews_due(s, false);
  return plan;
}

namespace {

// The meeting's steps, as the plan names them; step 3 lists the issues to choose from.
struct plan_step {
  const char* title;
  const char* text;
};
const plan_step steps[] = {
    {"Appreciations",
     "Each of you names up to five things you appreciated this week, in turn. The one listening only says "
     "thank you."},
    {"What went right", ""},
    {"One issue, in turns",
     "Choose one. Whoever speaks talks about their own side (\"I feel\", \"I need\"); whoever listens sums up "
     "what they heard before answering. Then swap."},
    {"Care", "Each of you says one thing that would help you feel cared for this week."},
    {"One agreement at most",
     "If something came up that you both want to try, word it as that and look at it again in a couple of "
     "weeks (balance-talk agree TEXT)."},
};

const char* const nothing_noted = "Nothing was noted in this period yet; what went right can still be said.";
const char* const own_topic = "Or a topic of your own.";

std::string review_line(const agreement_view& v) {
  return fmt::format("Up for review: \"{}\" (since {}, {})", v.agreement.text, format_date(v.review_since),
                     v.agreement.id.substr(0, 7));
}

// "alex to sam: planned the week's meals" (an appreciation) or "alex: Thanks for the soup".
std::string thanks_line(const dated_words& t) {
  std::string whom = t.to.empty() ? t.who : fmt::format("{} to {}", t.who, t.to);
  return fmt::format("{}: {}", whom, t.text);
}

void text_line(sink& out, std::string_view mark, const std::string& text, std::size_t indent) {
  out.write(std::string(indent, ' ') + std::string(mark) + " ");
  out.write(wrap_text(escape_for_terminal(text), output_width, indent + 2));
  out.write("\n");
}

void text_issues(const talk_plan& p, sink& out, const style& st) {
  for (const auto& s : p.shared.signs) {
    text_line(out, st.yellow("•"), fmt::format("{} ({})", s.title, s.id), 3);
    for (const auto& e : s.evidence) {
      out.write("     " + wrap_text(escape_for_terminal(e), output_width, 5));
      out.write("\n");
    }
  }
  for (const auto& v : p.due) text_line(out, st.yellow("•"), review_line(v), 3);
  text_line(out, st.yellow("•"), own_topic, 3);
}

// What went right: the report's working items, then the thanks said, each under its date.
void text_working(const talk_plan& p, sink& out, const style& st) {
  for (const auto& w : p.shared.working) text_line(out, st.green("+"), w, 3);
  if (p.shared.working.empty() && p.shared.thanks.empty()) out.write("   " + wrap_text(nothing_noted, output_width, 3) + "\n");
  if (p.shared.thanks.empty()) return;
  out.write("   Thanks said:\n");
  for (const auto& t : p.shared.thanks) {
    out.write("     " + format_date(t.at) + "  ");
    out.write(wrap_text(escape_for_terminal(thanks_line(t)), output_width, 17));
    out.write("\n");
  }
}

void text_plan(const talk_plan& p, sink& out, const style& st) {
  out.write(st.bold("The next talk") + "\n");
  out.write(wrap_text("Drawn from " + p.shared.span_text + ", the shared view.", output_width, 0) + "\n");
  for (std::size_t i = 0; i < std::size(steps); ++i) {
    out.write("\n" + st.bold(fmt::format("{}. {}", i + 1, steps[i].title)) + "\n");
    if (*steps[i].text) out.write("   " + wrap_text(steps[i].text, output_width, 3) + "\n");
    if (i == 1) text_working(p, out, st);
    if (i == 2) text_issues(p, out, st);
  }
}

std::string md(std::string_view s) { return escape_markdown(s); }

// One step's Markdown: its blocks (a paragraph or a list) with a blank line between them.
std::string md_step(const talk_plan& p, std::size_t i) {
  std::vector<std::string> blocks;
  if (*steps[i].text) blocks.push_back(md(steps[i].text) + "\n");
  std::string list;
  if (i == 1) {
    for (const auto& w : p.shared.working) list += "- " + md(w) + "\n";
    if (p.shared.working.empty() && p.shared.thanks.empty()) list = md(nothing_noted) + "\n";
    blocks.push_back(list);
    list.clear();
    if (!p.shared.thanks.empty()) blocks.push_back("Thanks said:\n");
    for (const auto& t : p.shared.thanks) list += "- " + format_date(t.at) + " " + md(thanks_line(t)) + "\n";
  }
  if (i == 2) {
    for (const auto& s : p.shared.signs) {
      list += fmt::format("- **{}** ({})\n", md(s.title), s.id);
      for (const auto& e : s.evidence) list += "  - " + md(e) + "\n";
    }
    for (const auto& v : p.due) list += "- " + md(review_line(v)) + "\n";
    list += "- " + md(own_topic) + "\n";
  }
  if (!list.empty()) blocks.push_back(list);
  std::string out;
  for (const auto& b : blocks)
    if (!b.empty()) out += (out.empty() ? "" : "\n") + b;
  return out;
}

void markdown_plan(const talk_plan& p, sink& out) {
  out.write("# The next talk\n\nDrawn from " + md(p.shared.span_text) + ", the shared view.\n");
  for (std::size_t i = 0; i < std::size(steps); ++i)
    out.write(fmt::format("\n## {}. {}\n\n{}", i + 1, steps[i].title, md_step(p, i)));
}

std::vector<std::string> json_items(const talk_plan& p) {
  std::vector<std::string> items;
  for (const auto& w : p.shared.working) items.push_back(json_fields().count("step", 2).text("kind", "working").text("text", w).object());
  for (const auto& t : p.shared.thanks)
    items.push_back(json_fields().count("step", 2).text("kind", "thanks").text("who", t.who).text_or_null("to", t.to)
                        .text("at", format_timestamp(t.at)).text("text", t.text).object());
  for (const auto& s : p.shared.signs) {
    std::vector<std::string> evidence;
    for (const auto& e : s.evidence) evidence.push_back(json_string(e));
    items.push_back(json_fields().count("step", 3).text("kind", "sign").text("id", s.id).text("title", s.title)
                        .raw("evidence", json_list(evidence)).text("suggestion", s.suggestion).object());
  }
  for (const auto& v : p.due)
    items.push_back(json_fields().count("step", 3).text("kind", "review").text("id", v.agreement.id)
                        .text("text", v.agreement.text).text("since", format_timestamp(v.review_since)).object());
  return items;
}

}  // namespace

void write_talk_plan(const talk_plan& p, format f, sink& out, const style& st) {
  switch (f) {
    case format::json: {
      json_fields head;
      head.text("period", p.shared.span.is_all() ? "all" : p.shared.span.label).text("text", p.shared.span_text);
      write_schema_document(out, head, "items", json_items(p));
      return;
    }
    case format::markdown: markdown_plan(p, out); return;
    default: text_plan(p, out, st); return;
  }
}

}  // namespace balance
