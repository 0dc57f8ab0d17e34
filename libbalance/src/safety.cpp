#include "balance/safety.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include <fmt/format.h>

#include "balance/output.hpp"
#include "balance/private_sync.hpp"
#include "balance/record.hpp"
#include "balance/repo.hpp"
#include "balance/text.hpp"

namespace balance {

namespace {

// The numbers come from the project's tone guide (TONE.md §6). They must be checked again before
// each release, and the date below moved to the month of that check. Last checked: 2026-12.
// Where the guide gives no service, the row holds only the emergency number (112 in the EU);
// no number is added here that the guide does not give.
constexpr std::string_view table_date = "2026-12";

std::vector<safety_country> build_table() {
  std::vector<safety_country> rows = {
      {"DE",
       "Germany",
       {{"Hilfetelefon Gewalt gegen Frauen", "116 016", "24 h, free, anonymous"},
        {"Hilfetelefon Gewalt an Männern", "0800 123 99 00", ""}},
       {"110", "112"}},
      {"GB", "United Kingdom", {{"National Domestic Abuse Helpline", "0808 2000 247", "24 h, free"}}, {"999"}},
      {"US",
       "United States",
       {{"National Domestic Violence Hotline", "1-800-799-7233", "24 h; text START to 88788"}},
       {"911"}},
  };
  // The other members of the European Union: 112 everywhere.
  const std::pair<const char*, const char*> eu[] = {
      {"AT", "Austria"}, {"BE", "Belgium"},   {"BG", "Bulgaria"},   {"CY", "Cyprus"},    {"CZ", "Czechia"},
      {"DK", "Denmark"}, {"EE", "Estonia"},   {"ES", "Spain"},      {"FI", "Finland"},   {"FR", "France"},
      {"GR", "Greece"},  {"HR", "Croatia"},   {"HU", "Hungary"},    {"IE", "Ireland"},   {"IT", "Italy"},
      {"LT", "Lithuania"}, {"LU", "Luxembourg"}, {"LV", "Latvia"}, {"MT", "Malta"},     {"NL", "Netherlands"},
      {"PL", "Poland"},  {"PT", "Portugal"},  {"RO", "Romania"},    {"SE", "Sweden"},    {"SI", "Slovenia"},
      {"SK", "Slovakia"}};
  for (const auto& [code, name] : eu) rows.push_back({code, name, {}, {"112"}});
  std::sort(rows.begin(), rows.end(), [](const safety_country& a, const safety_country& b) { return a.code < b.code; });
  return rows;
}

// Zones that say the country reliably. Only the EU capitals' zones for the members other than
// Germany: elsewhere in a country a zone may be shared with a neighbour.
constexpr std::pair<std::string_view, std::string_view> zone_countries[] = {
    {"Europe/Berlin", "DE"},     {"Europe/Busingen", "DE"},    {"Europe/London", "GB"},     {"Europe/Belfast", "GB"},
    {"GB", "GB"},                {"GB-Eire", "GB"},            {"Europe/Vienna", "AT"},     {"Europe/Brussels", "BE"},
    {"Europe/Sofia", "BG"},      {"Europe/Zagreb", "HR"},      {"Europe/Nicosia", "CY"},    {"Asia/Nicosia", "CY"},
    {"Europe/Prague", "CZ"},     {"Europe/Copenhagen", "DK"},  {"Europe/Tallinn", "EE"},    {"Europe/Helsinki", "FI"},
    {"Europe/Paris", "FR"},      {"Europe/Athens", "GR"},      {"Europe/Budapest", "HU"},   {"Europe/Dublin", "IE"},
    {"Europe/Rome", "IT"},       {"Europe/Riga", "LV"},        {"Europe/Vilnius", "LT"},    {"Europe/Luxembourg", "LU"},
    {"Europe/Malta", "MT"},      {"Europe/Amsterdam", "NL"},   {"Europe/Warsaw", "PL"},     {"Europe/Lisbon", "PT"},
    {"Europe/Bucharest", "RO"},  {"Europe/Bratislava", "SK"},  {"Europe/Ljubljana", "SI"},  {"Europe/Madrid", "ES"},
    {"Europe/Stockholm", "SE"},  {"Pacific/Honolulu", "US"},   {"America/Fort_Wayne", "US"}, {"America/Indianapolis", "US"},
    {"America/Knox_IN", "US"},   {"America/Louisville", "US"},
};

// The zones of the fifty states outside Hawaii (tzdata's zone.tab for US), after "America/":
// whole names, and areas with zones of their own.
constexpr std::string_view us_cities[] = {"New_York", "Chicago",    "Denver",  "Los_Angeles", "Phoenix",
                                          "Anchorage", "Adak",      "Boise",   "Detroit",     "Juneau",
                                          "Sitka",    "Metlakatla", "Yakutat", "Nome",        "Menominee"};
constexpr std::string_view us_areas[] = {"Indiana/", "Kentucky/", "North_Dakota/"};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// "22 November 2026": the day of `t` in `tz`.
std::string long_date(const timestamp& t, const zone& tz) {
  static constexpr std::string_view months[] = {"January", "February", "March",     "April",   "May",      "June",
                                                "July",    "August",   "September", "October", "November", "December"};
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(tz.at(t.utc).local())};
  return fmt::format("{} {} {}", static_cast<unsigned>(day.day()), months[static_cast<unsigned>(day.month()) - 1],
                     static_cast<int>(day.year()));
}

// "Germany", "the United Kingdom": a country's name as it reads after "in".
std::string in_country(const safety_country& c) {
  bool article = c.name.starts_with("United ") || c.name == "Netherlands";
  return article ? "the " + c.name : c.name;
}

std::string service_line(const support_service& s) {
  std::string line = fmt::format("  {}: {}", s.name, s.contact);
  if (!s.notes.empty()) line += fmt::format(" ({})", s.notes);
  return line;
}

// "110 or 112"
std::string either(const std::vector<std::string>& numbers) {
  std::string out;
  for (std::size_t i = 0; i < numbers.size(); ++i)
    out += (i == 0 ? "" : i + 1 == numbers.size() ? " or " : ", ") + numbers[i];
  return out;
}

// The user's own resources, one list line per non-empty line of the text.
std::vector<std::string> resource_lines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty()) lines.push_back("  " + std::string(line));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

}  // namespace

const std::vector<safety_country>& safety_table() {
  static const std::vector<safety_country> table = build_table();
  return table;
}

std::string safety_table_date() { return std::string(table_date); }

const safety_country* find_safety_country(std::string_view code) {
  std::string wanted = upper(code);
  for (const auto& c : safety_table())
    if (c.code == wanted) return &c;
  return nullptr;
}

std::string guess_country(std::string_view iana_zone) {
  if (iana_zone.starts_with(":")) iana_zone.remove_prefix(1);
  for (const auto& [zone_name, code] : zone_countries)
    if (iana_zone == zone_name) return std::string(code);
  if (iana_zone.starts_with("US/")) return "US";
  if (iana_zone.starts_with("America/")) {
    std::string_view rest = iana_zone.substr(8);
    for (std::string_view city : us_cities)
      if (rest == city) return "US";
    for (std::string_view area : us_areas)
      if (rest.starts_with(area) && rest.size() > area.size()) return "US";
  }
  return "";
}

std::vector<std::string> safety_note(const timestamp& answered_at, const user_config& user, const zone& tz,
                                     std::string_view stored_where, bool private_sync) {
  std::string code = !user.safety_country.empty() ? upper(user.safety_country) : guess_country(tz.name());
  const safety_country* country = code.empty() ? nullptr : find_safety_country(code);
  std::vector<std::string> own = resource_lines(user.safety_resources);
  bool use_table = country && !country->services.empty() && !(user.safety_replace && !own.empty());

  std::vector<std::string> note;
  note.push_back(fmt::format(
      "In your private check-in on {} you said that you do not feel safe with your partner. Thank you for "
      "saying it. Your safety comes first, before any balance between the two of you.",
      long_date(answered_at, tz)));
  note.push_back(country && !country->emergency.empty()
                     ? fmt::format("If you are in danger now, call {}.", either(country->emergency))
                     : "If you are in danger now, call your local emergency number.");
  note.push_back(
      "A domestic-abuse support service can listen, in confidence and at your pace, and help you think about what "
      "would keep you safe. A counsellor of your own can help too.");

  if (use_table) {
    note.push_back(fmt::format("Support in {}:", in_country(*country)));
    for (const auto& s : country->services) note.push_back(service_line(s));
    if (!own.empty()) {
      note.push_back("And from your own list:");
      note.insert(note.end(), own.begin(), own.end());
    }
  } else if (!own.empty()) {
    note.push_back("From your own list:");
    note.insert(note.end(), own.begin(), own.end());
  } else {
    std::string where = country ? in_country(*country) : code.empty() ? "where you are" : code;
    note.push_back(fmt::format(
        "balance has no support numbers for {} yet. A local domestic-abuse service, a doctor or someone you trust "
        "can help you find one. You can keep its number in your user config, under [safety] resources{}.",
        where, code.empty() ? ", and set [safety] country to your country's two letters" : ""));
  }

  note.push_back(
      "While you feel unsafe, exercises together and joint counselling are not advised: they can make things harder "
      "or riskier for you. The rest of balance can wait.");
  note.push_back(fmt::format(
      "What you answered, with this note, is kept in {}, outside the shared repository: it does not reach your "
      "partner.{} Anyone who can use this account on this computer could read it. `balance-checkin forget --safety` "
      "removes your safety answers{}.",
      stored_where,
      private_sync ? " Your own private sync also takes it to your other computers, and keeps it in that sync's history."
                   : "",
      private_sync ? " from the files (not from that history)" : ""));
  return note;
}

void write_safety_note(const record& answer, const repo& rp, sink& out) {
  std::string where = answer.path.empty() ? rp.private_root().string() : rp.display_path(answer.path);
  out.write("\n");
  out.write(style{}.bold("Your safety (private)") + "\n");
  for (const auto& p : safety_note(answer.at, rp.user(), rp.cal().tz, where, private_store_syncs(rp))) {
    if (p.starts_with("  "))
      out.write("    " + wrap_text(escape_for_terminal(p.substr(2)), output_width, 4) + "\n");
    else
      out.write("\n  " + wrap_text(escape_for_terminal(p), output_width, 2) + "\n");
  }
  out.write("\n");
  out.flush();
}

}  // namespace balance
