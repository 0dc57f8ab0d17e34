#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "balance/output.hpp"
#include "balance/record.hpp"
#include "balance/repo.hpp"
#include "balance/safety.hpp"
#include "balance/text.hpp"
#include "unit/test_support.hpp"

using namespace balance;

namespace {

// 22 November 2026, 21:00 in Berlin (20:00 UTC).
timestamp answered() { return *parse_timestamp("2026-11-22T21:00:00+01:00"); }

const char* stored = "/home/sam/.local/share/balance-private/3f9a1c0d52be/checkins/sam/2026-11.toml";

user_config in_country(const std::string& code) {
  user_config u;
  u.safety_country = code;
  return u;
}

std::vector<std::string> note_for(const user_config& user, const std::string& zone_name = "Europe/Berlin") {
  return safety_note(answered(), user, zone::locate(zone_name), stored);
}

std::string joined(const std::vector<std::string>& note) {
  std::string all;
  for (const auto& p : note) all += p + "\n";
  return all;
}

bool has_paragraph(const std::vector<std::string>& note, const std::string& p) {
  return std::find(note.begin(), note.end(), p) != note.end();
}

}  // namespace

TEST_CASE("safety - every row of the table has a code, a name and an emergency number", "[safety]") {
  std::set<std::string> codes;
  for (const auto& c : safety_table()) {
    CHECK(std::regex_match(c.code, std::regex("[A-Z]{2}")));
    CHECK_FALSE(c.name.empty());
    CHECK_FALSE(c.emergency.empty());
    for (const auto& e : c.emergency) CHECK(std::regex_match(e, std::regex("[0-9]{3}")));
    for (const auto& s : c.services) {
      CHECK_FALSE(s.name.empty());
      CHECK_FALSE(s.contact.empty());
    }
    CHECK(codes.insert(c.code).second);  // each country once
  }
  for (const char* code : {"DE", "GB", "US"}) {
    const safety_country* c = find_safety_country(code);
    REQUIRE(c);
    CHECK(c->services.size() >= 1);
  }
  CHECK(find_safety_country("de") == find_safety_country("DE"));
  CHECK(find_safety_country("FR")->emergency == std::vector<std::string>{"112"});
  CHECK(find_safety_country("XX") == nullptr);
}

TEST_CASE("safety - the table is dated YYYY-MM", "[safety]") {
  std::smatch m;
  std::string date = safety_table_date();
  REQUIRE(std::regex_match(date, m, std::regex("(20[0-9]{2})-(0[1-9]|1[0-2])")));
  CHECK(std::stoi(m[1]) >= 2026);
}

TEST_CASE("safety - the facts of the tone guide are in the table as given", "[safety]") {
  const auto* de = find_safety_country("DE");
  REQUIRE(de->services.size() == 2);
  CHECK(de->services[0].name == "Hilfetelefon Gewalt gegen Frauen");
  CHECK(de->services[0].contact == "116 016");
  CHECK(de->services[0].notes == "24 h, free, anonymous");
  CHECK(de->services[1].name == "Hilfetelefon Gewalt an Männern");
  CHECK(de->services[1].contact == "0800 123 99 00");
  CHECK(de->emergency == std::vector<std::string>{"110", "112"});
  const auto* gb = find_safety_country("GB");
  CHECK(gb->services.at(0).contact == "0808 2000 247");
  CHECK(gb->emergency == std::vector<std::string>{"999"});
  const auto* us = find_safety_country("US");
  CHECK(us->services.at(0).contact == "1-800-799-7233");
  CHECK_THAT(us->services.at(0).notes, Catch::Contains("text START to 88788"));
  CHECK(us->emergency == std::vector<std::string>{"911"});
}

TEST_CASE("safety - guess_country reads the country from zones that say it reliably", "[safety]") {
  CHECK(guess_country("Europe/Berlin") == "DE");
  CHECK(guess_country("Europe/Busingen") == "DE");
  CHECK(guess_country(":Europe/Berlin") == "DE");
  CHECK(guess_country("Europe/London") == "GB");
  CHECK(guess_country("Europe/Belfast") == "GB");
  CHECK(guess_country("GB") == "GB");
  for (const char* us : {"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
                         "America/Phoenix", "America/Anchorage", "America/Adak", "America/Boise", "America/Detroit",
                         "America/Juneau", "America/Indiana/Indianapolis", "America/Kentucky/Louisville",
                         "America/North_Dakota/Beulah", "Pacific/Honolulu", "US/Eastern", "US/Pacific"})
    CHECK(guess_country(us) == "US");
  CHECK(guess_country("Europe/Paris") == "FR");
  CHECK(guess_country("Europe/Vienna") == "AT");
  CHECK(guess_country("Europe/Madrid") == "ES");
  // Zones that do not say which country reliably, or are outside the table.
  CHECK(guess_country("America/Toronto") == "");
  CHECK(guess_country("America/Indiana") == "");
  CHECK(guess_country("Europe/Zurich") == "");
  CHECK(guess_country("UTC") == "");
  CHECK(guess_country("") == "");
}

TEST_CASE("safety - the note for Germany names the support lines, the emergency numbers and the date", "[safety]") {
  auto note = note_for(in_country("DE"));
  std::string all = joined(note);
  CHECK_THAT(note.at(0), Catch::StartsWith("In your private check-in on 22 November 2026 you said"));
  CHECK_THAT(all, Catch::Contains("safety comes first"));
  CHECK(has_paragraph(note, "  Hilfetelefon Gewalt gegen Frauen: 116 016 (24 h, free, anonymous)"));
  CHECK(has_paragraph(note, "  Hilfetelefon Gewalt an Männern: 0800 123 99 00"));
  CHECK(has_paragraph(note, "If you are in danger now, call 110 or 112."));
  // A support service comes before any counsellor.
  auto service = all.find("domestic-abuse support service");
  auto counsellor = all.find("counsellor");
  REQUIRE(service != std::string::npos);
  REQUIRE(counsellor != std::string::npos);
  CHECK(service < counsellor);
  CHECK_THAT(all, Catch::Contains("exercises together and joint counselling are not advised"));
  CHECK_THAT(all, Catch::Contains(std::string("in ") + stored));
  CHECK_THAT(all, Catch::Contains("anyone who can use this account on this computer could read it", Catch::CaseSensitive::No));
  CHECK_THAT(all, Catch::Contains("`balance-checkin forget --safety` removes your safety answers"));
  CHECK(all.find("recently") == std::string::npos);
}

TEST_CASE("safety - the date is the day in the person's own zone", "[safety]") {
  // 23:30 UTC on the 22nd is already the 23rd in Berlin, still the 22nd in New York.
  timestamp late = *parse_timestamp("2026-11-22T23:30:00Z");
  CHECK_THAT(safety_note(late, {}, zone::locate("Europe/Berlin"), stored).at(0), Catch::Contains("on 23 November 2026 "));
  CHECK_THAT(safety_note(late, {}, zone::locate("America/New_York"), stored).at(0), Catch::Contains("on 22 November 2026 "));
  CHECK_THAT(safety_note(*parse_timestamp("2027-01-05T09:00:00+01:00"), {}, zone::locate("Europe/Berlin"), stored).at(0),
             Catch::Contains("on 5 January 2027 "));
}

TEST_CASE("safety - without a country set, the zone decides", "[safety]") {
  CHECK(has_paragraph(note_for({}, "Europe/Berlin"), "  Hilfetelefon Gewalt gegen Frauen: 116 016 (24 h, free, anonymous)"));
  auto london = note_for({}, "Europe/London");
  CHECK(has_paragraph(london, "Support in the United Kingdom:"));
  CHECK(has_paragraph(london, "  National Domestic Abuse Helpline: 0808 2000 247 (24 h, free)"));
  CHECK(has_paragraph(london, "If you are in danger now, call 999."));
  auto chicago = note_for({}, "America/Chicago");
  CHECK(has_paragraph(chicago, "  National Domestic Violence Hotline: 1-800-799-7233 (24 h; text START to 88788)"));
  CHECK(has_paragraph(chicago, "If you are in danger now, call 911."));
  // The setting wins over the zone.
  auto set = note_for(in_country("GB"), "Europe/Berlin");
  CHECK(has_paragraph(set, "If you are in danger now, call 999."));
  CHECK(joined(set).find("116 016") == std::string::npos);
}

TEST_CASE("safety - resources follow the built-in numbers, or replace them with replace = true", "[safety]") {
  user_config u = in_country("DE");
  u.safety_resources = "Robin (my sister): 0170 0000000\n\n  Frauenhaus nearby: 030 000 000  \n";
  auto added = note_for(u);
  std::string all = joined(added);
  auto builtin = all.find("116 016");
  auto own = all.find("  Robin (my sister): 0170 0000000\n");
  REQUIRE(builtin != std::string::npos);
  REQUIRE(own != std::string::npos);
  CHECK(builtin < own);
  CHECK(has_paragraph(added, "  Frauenhaus nearby: 030 000 000"));

  u.safety_replace = true;
  auto replaced = note_for(u);
  all = joined(replaced);
  CHECK(all.find("116 016") == std::string::npos);
  CHECK(all.find("0800 123 99 00") == std::string::npos);
  CHECK(has_paragraph(replaced, "  Robin (my sister): 0170 0000000"));
  CHECK(has_paragraph(replaced, "If you are in danger now, call 110 or 112."));
  CHECK(all.find("domestic-abuse support service") < all.find("counsellor"));

  // replace without any resources of your own keeps the built-in numbers rather than none.
  user_config nothing = in_country("DE");
  nothing.safety_replace = true;
  CHECK_THAT(joined(note_for(nothing)), Catch::Contains("116 016"));
}

TEST_CASE("safety - a country without numbers in the table gets its emergency number or a local one", "[safety]") {
  auto france = note_for(in_country("FR"));
  CHECK(has_paragraph(france, "If you are in danger now, call 112."));
  CHECK_THAT(joined(france), Catch::Contains("no support numbers for France yet"));

  auto unknown = note_for(in_country("CH"));
  CHECK(has_paragraph(unknown, "If you are in danger now, call your local emergency number."));
  CHECK(joined(unknown).find("set [safety] country") == std::string::npos);

  auto nowhere = note_for({}, "UTC");
  CHECK(has_paragraph(nowhere, "If you are in danger now, call your local emergency number."));
  CHECK_THAT(joined(nowhere), Catch::Contains("set [safety] country"));
  for (const auto& p : nowhere) CHECK(p.find("116 016") == std::string::npos);
}

TEST_CASE("safety - the note has no verdicts and does not repeat the answer", "[safety][tone]") {
  const std::regex forbidden("\\b(should|always|never|fault|blame|allowed|recently)\\b", std::regex::icase);
  const std::regex rating("\\b[1-5] (of|out of) 5\\b|safe = |\\banswered [1-5]\\b");
  user_config with_own = in_country("US");
  with_own.safety_resources = "A friend: 555 0100";
  for (const auto& note : {note_for(in_country("DE")), note_for(in_country("GB")), note_for(with_own),
                           note_for(in_country("FR")), note_for({}, "UTC")}) {
    for (const auto& p : note) {
      CHECK_FALSE(std::regex_search(p, forbidden));
      CHECK_FALSE(std::regex_search(p, rating));
      CHECK(text_problem(p) == std::nullopt);
    }
    // Said once each, and first things first: the date, then danger, then support.
    CHECK_THAT(note.at(0), Catch::StartsWith("In your private check-in on "));
    CHECK_THAT(note.at(1), Catch::StartsWith("If you are in danger now, call "));
  }
}

TEST_CASE("safety - write_safety_note: a heading, the wrapped note, and where the answer is kept", "[safety]") {
  balance_test::test_repo t;
  repo rp = t.open_own("alex");
  record answer;
  answer.type = record_type::checkin;
  answer.is_private = true;
  answer.at = answered();
  answer.safe = 2;
  answer.path = "private/checkins/alex/2026-11.toml";
  string_sink out;
  write_safety_note(answer, rp, out);
  const std::string& text = out.str();
  CHECK(text.starts_with("\nYour safety (private)\n\n  "));
  CHECK(text.ends_with("\n\n"));
  CHECK(text.find(rp.display_path(answer.path)) != std::string::npos);
  CHECK(text.find("\n    ") != std::string::npos);  // the numbers, indented under their paragraph
  // Before it is saved it has no file yet: the note names the private store.
  answer.path.clear();
  string_sink unsaved;
  write_safety_note(answer, rp, unsaved);
  CHECK(unsaved.str().find(rp.private_root().string()) != std::string::npos);
}

TEST_CASE("safety - with a private sync of one's own the note says where else the answer is kept", "[safety][tone]") {
  std::string plain = joined(note_for(in_country("DE")));
  CHECK_THAT(plain, Catch::Contains("outside the shared repository: it does not reach your partner. Anyone who can"));
  CHECK_THAT(plain, !Catch::Contains("private sync"));
  std::string synced = joined(safety_note(answered(), in_country("DE"), zone::locate("Europe/Berlin"), stored, true));
  CHECK_THAT(synced, Catch::Contains("it does not reach your partner. Your own private sync also takes it to your other "
                                     "computers, and keeps it in that sync's history."));
  CHECK_THAT(synced, Catch::Contains("`balance-checkin forget --safety` removes your safety answers from the files (not "
                                     "from that history)."));
}
