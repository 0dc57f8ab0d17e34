#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "balance/error.hpp"
#include "balance/ledger.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::make_entry;

namespace {

// Ids that sort in creation order.
std::string fmt_id(int n) {
  std::string id = std::to_string(n);
  return std::string(12 - id.size(), '0') + id;
}

settings people(std::vector<std::string> names) {
  settings s;
  s.people = std::move(names);
  return s;
}

calendar berlin() {
  calendar c;
  c.tz = zone::locate("Europe/Berlin");
  c.now = c.tz.at(parse_timestamp("2026-11-22T21:00:00+01:00")->utc);
  return c;
}

record entry(const std::string& who, const std::string& kind, double weight, const std::string& at = "2026-11-10T10:00:00+01:00") {
  static int n = 0;
  record r = make_entry(fmt_id(++n), at, who, kind, "x");
  r.weight = weight;
  return r;
}

}  // namespace

TEST_CASE("ledger - shares by weight next to unequal agreed targets", "[ledger]") {
  settings cfg = people({"alex", "sam"});
  cfg.targets["chore"] = {{"alex", 0.6}, {"sam", 0.4}};
  std::vector<record> entries = {entry("alex", "chore", 2), entry("alex", "chore", 1), entry("sam", "chore", 1),
                                 entry("sam", "invisible", 3)};
  auto b = compute_balance(entries, cfg, share_group::kind, share_measure::weight, period{}, berlin());
  REQUIRE(b.groups.size() == 2);
  const auto& chore = b.groups[0];
  CHECK(chore.group == "chore");
  CHECK(chore.total == 4);
  CHECK(chore.people[0].sum == 3);
  CHECK(chore.people[0].share == Approx(0.75));
  CHECK(chore.people[0].target == Approx(0.6));
  CHECK(chore.people[0].deviation() == Approx(0.15));
  CHECK(chore.people[1].share == Approx(0.25));
  CHECK(chore.people[1].deviation() == Approx(-0.15));
  const auto& invisible = b.groups[1];
  CHECK(invisible.people[0].share == 0);
  CHECK(invisible.people[0].target == Approx(0.5));  // no agreement: equal shares
  CHECK(invisible.people[1].share == 1);
}

TEST_CASE("ledger - three people, by count and by minutes", "[ledger]") {
  settings cfg = people({"alex", "sam", "kim"});
  record a = entry("alex", "chore", 5);
  a.minutes = 30;
  record b = entry("sam", "chore", 1);
  b.minutes = 90;
  record c = entry("kim", "chore", 1);
  auto count = compute_balance({a, b, c}, cfg, share_group::kind, share_measure::count, period{}, berlin());
  for (const auto& p : count.groups.at(0).people) {
    CHECK(p.share == Approx(1.0 / 3));
    CHECK(p.target == Approx(1.0 / 3));
  }
  auto minutes = compute_balance({a, b, c}, cfg, share_group::kind, share_measure::minutes, period{}, berlin());
  CHECK(minutes.groups.at(0).total == 120);
  CHECK(minutes.groups.at(0).people[1].share == Approx(0.75));
  CHECK(minutes.groups.at(0).people[2].sum == 0);
}

TEST_CASE("ledger - by topic and by tag compare against equal shares", "[ledger]") {
  settings cfg = people({"alex", "sam"});
  cfg.targets["choice"] = {{"alex", 0.9}, {"sam", 0.1}};
  record d1 = entry("alex", "choice", 1);
  d1.topic = "dinner";
  record d2 = entry("sam", "choice", 1);
  d2.topic = "dinner";
  d2.tags = {"weekday", "food"};
  record untagged = entry("sam", "chore", 1);
  untagged.topic.clear();
  auto topics = compute_balance({d1, d2, untagged}, cfg, share_group::topic, share_measure::weight, period{}, berlin());
  REQUIRE(topics.groups.size() == 1);
  CHECK(topics.groups[0].people[0].target == Approx(0.5));
  auto tags = compute_balance({d1, d2, untagged}, cfg, share_group::tag, share_measure::weight, period{}, berlin());
  REQUIRE(tags.groups.size() == 2);
  CHECK(tags.groups[0].group == "food");
  CHECK(tags.groups[1].group == "weekday");
}

TEST_CASE("ledger - an empty period says so in text and is an empty list in json", "[ledger]") {
  settings cfg = people({"alex", "sam"});
  auto b = compute_balance({}, cfg, share_group::kind, share_measure::weight, parse_period("2026-10", berlin()), berlin());
  string_sink text;
  write_balance_text(b, text, style{});
  CHECK(text.str() == "Give and take, 2026-10 (2026-10-01 – 2026-10-31)\n"
                      "Each person's share by weight, next to the share you agreed on.\n\n"
                      "No entries in this period.\n");
  string_sink json;
  write_balance_json(b, json);
  CHECK(json.str() ==
        "{\"schema\": 1, \"period\": {\"label\": \"2026-10\", \"begin\": \"2026-10-01T00:00:00+02:00\", "
        "\"end\": \"2026-11-01T00:00:00+01:00\"}, \"by\": \"kind\", \"measure\": \"weight\", \"entries\": 0, "
        "\"min_share_entries\": 10, \"groups\": [], \"thanked\": {}, \"note\": \"People tend to log more of their own work than their "
        "partner's: read the shares as what each of you noticed and logged.\"}\n");
}

TEST_CASE("ledger - text output: shares with a bar and the split in words, counts below the minimum", "[ledger][tone]") {
  settings cfg = people({"alex", "sam"});
  cfg.signs.min_share_entries = 2;
  auto b = compute_balance({entry("alex", "chore", 3), entry("sam", "chore", 1)}, cfg, share_group::kind,
                           share_measure::weight, period{}, berlin());
  string_sink out;
  write_balance_text(b, out, style{});
  CHECK(out.str() ==
        "Give and take, all time\n"
        "Each person's share by weight, next to the share you agreed on.\n\n"
        "KIND   WHO   SHARE                        AGREED  WEIGHT  SPLIT\n"
        "chore  alex    75%  ███████████████·····     50%       3  far from agreed\n"
        "       sam     25%  █████·····┊·········     50%       1\n"
        "\n█ share  ┊ agreed share. Below 2 entries a kind shows counts, not shares.\n"
        "People tend to log more of their own work than their partner's: read the shares\n"
        "as what each of you noticed and logged.\n");
  // With the default minimum of 10, two entries are counts: no percentage, no bar.
  auto few = compute_balance({entry("alex", "chore", 3), entry("sam", "chore", 1)}, people({"alex", "sam"}),
                             share_group::kind, share_measure::weight, period{}, berlin());
  string_sink counts;
  write_balance_text(few, counts, style{});
  CHECK(counts.str().find("chore  alex  1 of 2") != std::string::npos);
  CHECK(counts.str().find("75%") == std::string::npos);
}

TEST_CASE("ledger - together is one total and solo each person's own hours, never a share", "[ledger][tone]") {
  settings cfg = people({"alex", "sam"});
  record t1 = entry("alex", "together", 1), t2 = entry("sam", "together", 1), s1 = entry("alex", "solo", 1);
  t1.minutes = 90;
  t2.minutes = 30;
  s1.minutes = 120;
  auto b = compute_balance({t1, t2, s1}, cfg, share_group::kind, share_measure::weight, period{}, berlin());
  string_sink out;
  write_balance_text(b, out, style{});
  CHECK(out.str().find("solo      alex 1 time, 2.0 h · sam 0 times\n") != std::string::npos);
  CHECK(out.str().find("together  2 times, 2.0 h in all\n") != std::string::npos);
  CHECK(out.str().find("SHARE") == std::string::npos);
  string_sink json;
  write_balance_json(b, json);
  CHECK(json.str().find("\"share\": 0.5") == std::string::npos);
  CHECK(json.str().find("\"group\": \"together\", \"total\": 2, \"entries\": 2, \"minutes\": 120, \"split\": null, "
                         "\"people\": []}") != std::string::npos);
}

namespace {
record choice(const std::string& who, const std::string& at, const std::string& topic = "dinner") {
  static int n = 100;
  record r = make_entry(fmt_id(++n), at, who, "choice", "x");
  r.topic = topic;
  return r;
}
}  // namespace

TEST_CASE("ledger - whose turn: fewest choices among the last 8", "[ledger][turn]") {
  settings cfg = people({"alex", "sam"});
  std::vector<record> c;
  // Ten dinners: sam chose the first four, alex the last six. Among the last 8: sam 2, alex 6.
  for (int i = 1; i <= 10; ++i)
    c.push_back(choice(i <= 4 ? "sam" : "alex", fmt::format("2026-11-{:02}T19:00:00+01:00", i)));
  auto t = whose_turn(c, "dinner", cfg, 8);
  CHECK(t.person == "sam");
  CHECK(t.choices == 8);
  CHECK(t.counts == std::vector<std::pair<std::string, std::size_t>>{{"alex", 6}, {"sam", 2}});
  // Over all ten: sam 4, alex 6 — still sam.
  CHECK(whose_turn(c, "dinner", cfg, 0).person == "sam");
}

TEST_CASE("ledger - whose turn: counts are divided by the agreed share", "[ledger][turn]") {
  settings cfg = people({"alex", "sam"});
  cfg.targets["dinner"] = {{"alex", 0.75}, {"sam", 0.25}};
  // alex 5 / 0.75 = 6.67, sam 2 / 0.25 = 8 → alex's turn despite more choices.
  std::vector<record> c;
  for (int i = 1; i <= 7; ++i) c.push_back(choice(i <= 5 ? "alex" : "sam", fmt::format("2026-11-{:02}T19:00:00+01:00", i)));
  CHECK(whose_turn(c, "dinner", cfg, 8).person == "alex");
  // The kind-wide agreement applies when the topic has none.
  settings kindwide = people({"alex", "sam"});
  kindwide.targets["choice"] = {{"alex", 0.75}, {"sam", 0.25}};
  CHECK(whose_turn(c, "dinner", kindwide, 8).person == "alex");
}

TEST_CASE("ledger - whose turn: ties go to whoever chose least recently, then balance.toml order", "[ledger][turn]") {
  settings cfg = people({"alex", "sam", "kim"});
  std::vector<record> c = {choice("sam", "2026-11-01T19:00:00+01:00"), choice("alex", "2026-11-02T19:00:00+01:00"),
                           choice("kim", "2026-11-03T19:00:00+01:00")};
  CHECK(whose_turn(c, "dinner", cfg, 8).person == "sam");  // all 1: sam chose longest ago
  // Someone who never chose wins a tie over everyone who did.
  std::vector<record> two = {choice("sam", "2026-11-01T19:00:00+01:00"), choice("alex", "2026-11-02T19:00:00+01:00")};
  CHECK(whose_turn(two, "dinner", cfg, 8).person == "kim");
  // Nobody chose: balance.toml order.
  auto none = whose_turn({}, "dinner", cfg, 8);
  CHECK(none.person == "alex");
  CHECK_FALSE(none.anyone_chose);
  // Other topics do not count.
  CHECK(whose_turn({choice("alex", "2026-11-01T19:00:00+01:00", "movie")}, "dinner", cfg, 8).person == "alex");
}

TEST_CASE("ledger - the journal has one transaction per entry with a virtual posting", "[ledger][export]") {
  record r = make_entry("3f9a1c0d2e4b", "2026-11-22T19:30:00+01:00", "sam", "choice", "*Thai\n  takeaway");
  r.topic = "dinner";
  r.weight = 1.5;
  r.minutes = 20;
  r.tags = {"food"};
  string_sink out;
  write_ledger_journal({r}, out);
  CHECK_THAT(out.str(), Catch::EndsWith("\n2026-11-22 - *Thai takeaway\n"
                                        "    ; id: 3f9a1c0d2e4b\n"
                                        "    ; topic: dinner\n"
                                        "    ; minutes: 20\n"
                                        "    ; :food:\n"
                                        "    (choice:sam)  1.5\n"));
}

TEST_CASE("ledger - --by and --measure values are checked", "[ledger]") {
  CHECK(parse_share_group("topic") == share_group::topic);
  CHECK_THROWS_WITH(parse_share_group("kinds"), Catch::Contains("did you mean \"kind\""));
  CHECK_THROWS_WITH(parse_share_measure("minute"), Catch::Contains("did you mean \"minutes\""));
}

TEST_CASE("ledger - stream_balance adds up the store's entries as compute_balance does over the same list", "[ledger]") {
  balance_test::test_repo t;
  t.write("ledger/alex/2026-10.toml",
          "[[entry]]\nid = \"aaaa00000001\"\nat = 2026-10-30T10:00:00+01:00\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"bins\"\n");
  t.write("ledger/alex/2026-11.toml",
          "[[entry]]\nid = \"aaaa00000002\"\nat = 2026-11-02T10:00:00+01:00\nwho = \"alex\"\nkind = \"chore\"\nwhat = \"dishes\"\nweight = 2\n\n"
          "[[entry]]\nid = \"aaaa00000003\"\nat = 2026-11-03T10:00:00+01:00\nwho = \"alex\"\nkind = \"choice\"\nwhat = \"Thai\"\ntopic = \"dinner\"\n");
  t.write("ledger/sam/2026-11.toml",
          "[[entry]]\nid = \"bbbb00000001\"\nat = 2026-11-04T10:00:00+01:00\nwho = \"sam\"\nkind = \"chore\"\nwhat = \"laundry\"\nminutes = 40\n\n"
          "[[entry]]\nid = \"bbbb00000002\"\nat = 2026-11-05T10:00:00+01:00\nwho = \"sam\"\nkind = \"invisible\"\nwhat = \"vet\"\n");
  balance::repo rp = t.open();
  balance::store s(rp);
  for (auto group : {share_group::kind, share_group::topic, share_group::tag}) {
    for (auto measure : {share_measure::weight, share_measure::count, share_measure::minutes}) {
      balance::query q;
      q.type = record_type::entry;
      q.span = balance::parse_period("2026-11", rp.cal());
      auto listed = balance::run_query(s, q);
      REQUIRE(listed.size() == 4);
      auto expected = compute_balance(listed, rp.config(), group, measure, q.span, rp.cal());
      auto streamed = stream_balance(s, q, group, measure);
      CHECK(streamed.entries == 4);
      REQUIRE(streamed.groups.size() == expected.groups.size());
      for (std::size_t i = 0; i < expected.groups.size(); ++i) {
        const auto& g = streamed.groups[i];
        const auto& e = expected.groups[i];
        CHECK(g.group == e.group);
        CHECK(g.total == e.total);
        CHECK(g.entries == e.entries);
        REQUIRE(g.people.size() == e.people.size());
        for (std::size_t p = 0; p < e.people.size(); ++p) {
          CHECK(g.people[p].sum == e.people[p].sum);
          CHECK(g.people[p].share == e.people[p].share);
          CHECK(g.people[p].minutes == e.people[p].minutes);
        }
      }
    }
  }
  // The filters of the query apply: only sam's.
  balance::query sam;
  sam.type = record_type::entry;
  sam.who = "sam";
  CHECK(stream_balance(s, sam, share_group::kind, share_measure::count).entries == 2);
}
