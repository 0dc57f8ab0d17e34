#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "balance/error.hpp"
#include "balance/settings.hpp"
#include "balance/version.hpp"
#include "unit/test_support.hpp"

using namespace balance;

namespace {
std::string config_error(const std::string& text) {
  try {
    parse_settings(text, "balance.toml");
  } catch (const error& e) {
    CHECK(e.kind() == errc::config);
    CHECK(exit_code(e.kind()) == 78);
    return e.what();
  }
  FAIL("expected a config error");
  return {};
}

std::vector<std::string> warnings(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& w : parse_settings(text, "balance.toml").warnings) out.push_back(w.to_string());
  return out;
}

std::string ignored() { return std::string("; balance ") + version_string + " ignores it"; }

// What settings_with_id inserts, with the file's line ending.
std::string id_lines(const std::string& id, const std::string& eol = "\n") {
  return "# Names where each computer keeps this repository's private records, outside it. Keep it as it is." + eol +
         "id = \"" + id + "\"" + eol;
}
}  // namespace

TEST_CASE("settings - the file init writes parses to the built-in defaults, without warnings", "[settings]") {
  settings s = parse_settings(default_settings_text({"alex", "sam"}, "3f9a1c0d52be"), "balance.toml");
  settings d;
  CHECK(s.warnings.empty());
  CHECK(s.repo_id == "3f9a1c0d52be");
  CHECK(s.people == std::vector<std::string>{"alex", "sam"});
  CHECK(s.version == 1);
  CHECK(s.week_start == week_start::monday);
  CHECK(s.timezone.empty());
  CHECK(s.checkin_cadence == d.checkin_cadence);
  CHECK(s.review_cadence == cadence{cadence::kind::monthly});
  CHECK(s.dimension_keys() == std::vector<std::string>{"heard", "space", "honest", "shared", "kind"});
  CHECK(s.targets.empty());
  CHECK(s.signs.low_rating == 2.5);
  CHECK(s.signs.solo_days == 21);
  CHECK(s.signs.min_checkins == 3);
  CHECK(s.signs.min_rating_days == 14);
  CHECK(s.signs.min_share_entries == 10);
  CHECK(s.signs.min_entries == 10);
  CHECK(s.signs.min_choices == 10);
  CHECK(s.signs.min_sacrifices == 10);
  CHECK(s.signs.gave_in == 2);
  CHECK(s.signs.crossed == 2);
  CHECK_FALSE(s.autocommit);
}

TEST_CASE("settings - the template names every [signs] key with its default", "[settings]") {
  // Uncommenting every "# key = value" line of [signs] must give exactly the built-in defaults.
  std::string text = default_settings_text({"alex", "sam"}, "");
  std::string uncommented;
  bool in_signs = false;
  int keys = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl - start);
    start = nl + 1;
    if (line.starts_with("[")) in_signs = line == "[signs]";
    if (in_signs && line.starts_with("# ") && line.find(" = ") != std::string::npos) {
      line = line.substr(2);
      ++keys;
    }
    uncommented += line + "\n";
  }
  CHECK(keys == 17);
  settings s = parse_settings(uncommented, "balance.toml");
  CHECK(s.warnings.empty());
  sign_thresholds d;
  CHECK(s.signs.low_rating == d.low_rating);
  CHECK(s.signs.min_checkins == d.min_checkins);
  CHECK(s.signs.min_rating_days == d.min_rating_days);
  CHECK(s.signs.rating_gap == d.rating_gap);
  CHECK(s.signs.gave_in == d.gave_in);
  CHECK(s.signs.crossed == d.crossed);
  CHECK(s.signs.missed_checkins == d.missed_checkins);
  CHECK(s.signs.solo_days == d.solo_days);
  CHECK(s.signs.min_choices == d.min_choices);
  CHECK(s.signs.chooser_share == d.chooser_share);
  CHECK(s.signs.min_entries == d.min_entries);
  CHECK(s.signs.share_gap == d.share_gap);
  CHECK(s.signs.min_sacrifices == d.min_sacrifices);
  CHECK(s.signs.sacrifice_share == d.sacrifice_share);
  CHECK(s.signs.min_share_entries == d.min_share_entries);
  CHECK(s.signs.min_talks == d.min_talks);
  CHECK(s.signs.talk_share == d.talk_share);
  CHECK(s.talk_cadence.to_string() == "off");
  CHECK(s.repo_id.empty());
}

TEST_CASE("settings - every documented setting is read", "[settings]") {
  settings s = parse_settings(R"(version = 1
week_start = "sunday"
timezone = "America/New_York"
[[person]]
name = "alex"
[[person]]
name = "sam"
[checkin]
cadence = "every sunday"
[[checkin.dimension]]
key = "fun"
question = "Are we having fun?"
low = "not lately"
high = "lots"
[ledger.target]
chore = { alex = 0.6, sam = 0.4 }
[boundaries]
review = "every 14 days"
[remind]
turns = ["dinner", "movie"]
[talk]
cadence = "weekly"
[signs]
low_rating = 2
talk_share = 0.7
min_talks = 4
min_choices = 6
min_rating_days = 7
min_share_entries = 20
[git]
autocommit = true
)",
                              "balance.toml");
  CHECK(s.week_start == week_start::sunday);
  CHECK(s.timezone == "America/New_York");
  CHECK(s.checkin_cadence.to_string() == "every sunday");
  REQUIRE(s.dimensions.size() == 1);
  CHECK(s.dimensions[0].question == "Are we having fun?");
  CHECK(s.target_share("chore", "alex") == 0.6);
  CHECK(s.target_share("invisible", "alex") == 0.5);  // no agreement: equal shares
  CHECK(s.review_cadence.to_string() == "every 14 days");
  CHECK(s.remind_turns == std::vector<std::string>{"dinner", "movie"});
  CHECK(s.signs.low_rating == 2.0);
  CHECK(s.signs.min_choices == 6);
  CHECK(s.signs.min_rating_days == 7);
  CHECK(s.signs.min_share_entries == 20);
  CHECK(s.signs.talk_share == 0.7);
  CHECK(s.signs.min_talks == 4);
  CHECK(s.talk_cadence.to_string() == "weekly");
  CHECK(s.autocommit);
  CHECK(s.warnings.empty());
}

TEST_CASE("settings - unknown keys are warnings with a position and a suggestion, not errors", "[settings]") {
  CHECK(warnings("version = 1\nweek_strat = \"monday\"\n") ==
        std::vector<std::string>{"balance.toml:2:1: unknown setting \"week_strat\" in balance.toml (did you mean "
                                 "\"week_start\"?)" + ignored()});
  CHECK(warnings("version = 1\n[signs]\nlow_rating = 2\n  min_rating_dayz = 3\n") ==
        std::vector<std::string>{"balance.toml:4:3: unknown setting \"min_rating_dayz\" in [signs] (did you mean "
                                 "\"min_rating_days\"?)" + ignored()});
  // Everything else in the file is still read.
  settings s = parse_settings("colour = \"red\"\nweek_start = \"sunday\"\n[signs]\nfuture = 1\nlow_rating = 2\n", "balance.toml");
  CHECK(s.week_start == week_start::sunday);
  CHECK(s.signs.low_rating == 2.0);
  CHECK(s.warnings.size() == 2);
}

TEST_CASE("settings - unknown keys are collected in every table of balance.toml", "[settings]") {
  auto w = warnings(R"(future = 1
[[person]]
name = "alex"
nick = "al"
[checkin]
cadence = "weekly"
mood = true
[[checkin.dimension]]
key = "fun"
hint = "x"
[ledger]
budget = 3
[boundaries]
reviwe = "weekly"
[remind]
turn = ["dinner"]
[signs]
min_sacrifice = 3
[git]
push = true
[talk]
minutes = 5
[chat]
x = 1
)");
  REQUIRE(w.size() == 11);
  // The top level's keys come in name order.
  CHECK_THAT(w[0], Catch::StartsWith("balance.toml:23:2: unknown setting \"chat\" in balance.toml"));
  CHECK_THAT(w[1], Catch::StartsWith("balance.toml:1:1: unknown setting \"future\" in balance.toml"));
  CHECK_THAT(w[2], Catch::StartsWith("balance.toml:4:1: unknown setting \"nick\" in [[person]]"));
  CHECK_THAT(w[3], Catch::StartsWith("balance.toml:7:1: unknown setting \"mood\" in [checkin]"));
  CHECK_THAT(w[4], Catch::StartsWith("balance.toml:10:1: unknown setting \"hint\" in [[checkin.dimension]]"));
  CHECK_THAT(w[5], Catch::StartsWith("balance.toml:12:1: unknown setting \"budget\" in [ledger]"));
  CHECK(w[6] == "balance.toml:14:1: unknown setting \"reviwe\" in [boundaries] (did you mean \"review\"?)" + ignored());
  CHECK_THAT(w[7], Catch::StartsWith("balance.toml:16:1: unknown setting \"turn\" in [remind] (did you mean \"turns\"?)"));
  CHECK_THAT(w[8], Catch::StartsWith("balance.toml:22:1: unknown setting \"minutes\" in [talk]"));
  CHECK_THAT(w[9], Catch::StartsWith("balance.toml:18:1: unknown setting \"min_sacrifice\" in [signs] (did you mean \"min_sacrifices\"?)"));
  CHECK_THAT(w[10], Catch::StartsWith("balance.toml:20:1: unknown setting \"push\" in [git]"));
}

TEST_CASE("settings - bad values name what is wrong", "[settings]") {
  CHECK(config_error("week_start = \"friday\"\n") ==
        "balance.toml:1:14: week_start must be \"monday\" or \"sunday\", not \"friday\"");
  CHECK_THAT(config_error("timezone = \"Mars/Olympus\"\n"), Catch::Contains("unknown time zone"));
  CHECK_THAT(config_error("[[person]]\nname = \"Alex\"\n"), Catch::Contains("a-z, 0-9"));
  CHECK_THAT(config_error("[[person]]\nname = \"a\"\n[[person]]\nname = \"a\"\n"), Catch::Contains("twice"));
  CHECK_THAT(config_error("[checkin]\ncadence = \"fortnightly\"\n"), Catch::StartsWith("balance.toml:2:11:"));
  CHECK_THAT(config_error("[[person]]\nname = \"a\"\n[[person]]\nname = \"b\"\n[ledger.target]\nchore = { a = 0.7, b = 0.4 }\n"),
             Catch::Contains("add up to 1.1, not 1"));
  CHECK_THAT(config_error("[[person]]\nname = \"a\"\n[ledger.target]\nchore = { c = 1 }\n"),
             Catch::Contains("\"c\" is not a person"));
  CHECK_THAT(config_error("[[checkin.dimension]]\nkey = \"mood\"\n"), Catch::Contains("clashes"));
  CHECK_THAT(config_error("[signs]\nmin_checkins = 1.5\n"), Catch::Contains("must be an integer"));
  CHECK_THAT(config_error("[signs]\nmin_rating_days = 0\n"), Catch::Contains("signs.min_rating_days must be a whole number from 1"));
  CHECK_THAT(config_error("[signs]\nmin_share_entries = true\n"), Catch::Contains("must be an integer, not a boolean"));
  CHECK_THAT(config_error("[signs]\nlow_rating = \"low\"\n"), Catch::Contains("must be a number"));
  CHECK_THAT(config_error("[checkin]\ncadence = 7\nfuture = 1\n"), Catch::StartsWith("balance.toml:2:11:"));
  CHECK_THAT(config_error("checkin = 3\n"), Catch::Contains("checkin must be a table"));
  CHECK_THAT(config_error("[git]\nautocommit = \"yes\"\n"), Catch::Contains("true or false"));
  CHECK_THAT(config_error("version = 1\n[[\n"), Catch::StartsWith("balance.toml:2:"));
}

TEST_CASE("settings - a newer version is read without complaining about new keys", "[settings]") {
  settings s = parse_settings("version = 3\nfuture_thing = 1\n[[person]]\nname = \"sam\"\n", "balance.toml");
  CHECK(s.version == 3);
  CHECK(s.people == std::vector<std::string>{"sam"});
}

TEST_CASE("settings - nothing in balance.toml can name a program to run", "[settings]") {
  // Such keys are not understood, so they are ignored with a warning, never acted on.
  CHECK_THAT(warnings("editor = \"rm -rf ~\"\n").at(0), Catch::Contains("unknown setting \"editor\""));
  CHECK_THAT(warnings("[git]\nhook = \"sh\"\n").at(0), Catch::Contains("unknown setting \"hook\""));
}

TEST_CASE("settings - id names the repository's private store and must be 4 to 64 of a-z 0-9 -", "[settings]") {
  CHECK(parse_settings("id = \"3f9a1c0d52be\"\n", "balance.toml").repo_id == "3f9a1c0d52be");
  CHECK(parse_settings("id = \"our-home-2026\"\n", "balance.toml").repo_id == "our-home-2026");
  CHECK(parse_settings(std::string("id = \"") + std::string(64, 'a') + "\"\n", "balance.toml").repo_id.size() == 64);
  CHECK(parse_settings("version = 1\n", "balance.toml").repo_id.empty());
  CHECK(config_error("version = 1\nid = \"abc\"\n") ==
        "balance.toml:2:6: id \"abc\" must be 4 to 64 characters of a-z, 0-9 and - (it names this repository's private "
        "store)");
  CHECK_THAT(config_error(std::string("id = \"") + std::string(65, 'a') + "\"\n"), Catch::Contains("4 to 64"));
  CHECK_THAT(config_error("id = \"Our_Home\"\n"), Catch::Contains("4 to 64"));
  CHECK_THAT(config_error("id = \"../../etc\"\n"), Catch::Contains("4 to 64"));
  CHECK_THAT(config_error("id = 1234\n"), Catch::Contains("id must be a string, not an integer"));
  CHECK(is_valid_repo_id("abcd"));
  CHECK_FALSE(is_valid_repo_id("abc"));
  CHECK_FALSE(is_valid_repo_id("ab/cd"));
}

TEST_CASE("settings - settings_with_id puts the id after the version line and keeps the rest", "[settings]") {
  std::string text = "# ours\nversion = 1   # the format\n\n[[person]]\nname = \"sam\"\n";
  std::string out = settings_with_id(text, "3f9a1c0d52be");
  CHECK(out == "# ours\nversion = 1   # the format\n" + id_lines("3f9a1c0d52be") + "\n[[person]]\nname = \"sam\"\n");
  CHECK(parse_settings(out, "balance.toml").repo_id == "3f9a1c0d52be");
  // A version line that ends the file without a newline.
  CHECK(settings_with_id("version = 1", "abcd") == "version = 1\n" + id_lines("abcd"));
}

TEST_CASE("settings - settings_with_id keeps CRLF line endings and a BOM", "[settings]") {
  std::string crlf = "version = 1\r\n[[person]]\r\nname = \"sam\"\r\n";
  CHECK(settings_with_id(crlf, "abcd") == "version = 1\r\n" + id_lines("abcd", "\r\n") + "[[person]]\r\nname = \"sam\"\r\n");
  std::string bom = "\xEF\xBB\xBFversion = 1\n[[person]]\nname = \"sam\"\n";
  CHECK(settings_with_id(bom, "abcd") == "\xEF\xBB\xBFversion = 1\n" + id_lines("abcd") + "[[person]]\nname = \"sam\"\n");
  // Without a version line the id goes before the first line that says something, after the BOM.
  std::string bom_no_version = "\xEF\xBB\xBF[[person]]\r\nname = \"sam\"\r\n";
  CHECK(settings_with_id(bom_no_version, "abcd") == "\xEF\xBB\xBF" + id_lines("abcd", "\r\n") + "[[person]]\r\nname = \"sam\"\r\n");
}

TEST_CASE("settings - settings_with_id without a version line goes before the first setting", "[settings]") {
  std::string text = "# our settings\n\n  # indented comment\nweek_start = \"sunday\"\n";
  CHECK(settings_with_id(text, "abcd") == "# our settings\n\n  # indented comment\n" + id_lines("abcd") + "week_start = \"sunday\"\n");
  CHECK(settings_with_id("", "abcd") == id_lines("abcd"));
  CHECK(settings_with_id("# only a comment", "abcd") == "# only a comment\n" + id_lines("abcd"));
}

TEST_CASE("settings - settings_with_id refuses a file that has an id or does not parse", "[settings]") {
  auto refused = [](const std::string& text) {
    try {
      (void)settings_with_id(text, "abcd");
    } catch (const error& e) {
      CHECK(e.kind() == errc::config);
      return std::string(e.what());
    }
    FAIL("expected a config error");
    return std::string();
  };
  CHECK(refused("version = 1\nid = \"3f9a1c0d52be\"\n") == "balance.toml:2:6: balance.toml already has an id");
  CHECK_THAT(refused("version = 1\n[[\n"), Catch::StartsWith("balance.toml:2:"));
  CHECK_THAT(refused("week_start = \"friday\"\n"), Catch::Contains("week_start must be"));
  CHECK_THROWS_AS(settings_with_id("version = 1\n", "no"), error);
}

TEST_CASE("settings - the user config stays strict and reads [safety]", "[settings]") {
  balance_test::temp_dir home;
  struct config_home {
    std::string saved = std::getenv("XDG_CONFIG_HOME") ? std::getenv("XDG_CONFIG_HOME") : "";
    explicit config_home(const std::string& dir) { ::setenv("XDG_CONFIG_HOME", dir.c_str(), 1); }
    ~config_home() { ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1); }
  } const pointed_at(home.path().string());
  auto write = [&](const std::string& text) {
    std::filesystem::create_directories(home.path() / "balance");
    std::ofstream(home.path() / "balance" / "config.toml", std::ios::binary) << text;
  };
  auto user_error = [&]() -> std::string {
    try {
      (void)load_user_config();
    } catch (const error& e) {
      CHECK(e.kind() == errc::config);
      return e.what();
    }
    FAIL("expected a config error");
    return {};
  };
  write("[safety]\ncountry = \"de\"\nresources = \"my sister: 0170 000\"\nreplace = true\n");
  user_config cfg = load_user_config();
  CHECK(cfg.safety_country == "DE");
  CHECK(cfg.safety_resources == "my sister: 0170 000");
  CHECK(cfg.safety_replace);
  write("me = \"sam\"\n");
  CHECK(load_user_config().safety_country.empty());
  CHECK_FALSE(load_user_config().safety_replace);

  write("mee = \"sam\"\n");
  CHECK_THAT(user_error(), Catch::EndsWith("unknown setting \"mee\" in the user config (did you mean \"me\"?)"));
  write("[safety]\ncountry = \"Germany\"\n");
  CHECK_THAT(user_error(), Catch::Contains("safety.country must be a two-letter country code"));
  write("[safety]\ncountry = \"D1\"\n");
  CHECK_THAT(user_error(), Catch::Contains("two-letter"));
  write("[safety]\nreplace = \"yes\"\n");
  CHECK_THAT(user_error(), Catch::Contains("safety.replace must be true or false"));
  write("[safety]\nnumbers = \"1\"\n");
  CHECK_THAT(user_error(), Catch::Contains("unknown setting \"numbers\" in [safety]"));
}
