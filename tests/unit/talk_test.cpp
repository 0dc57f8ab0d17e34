#include <catch2/catch.hpp>

#include "balance/check.hpp"
#include "balance/error.hpp"
#include "balance/import.hpp"
#include "balance/merge.hpp"
#include "balance/remind.hpp"
#include "balance/settings.hpp"
#include "balance/talk.hpp"
#include "record_file.hpp"
#include "unit/test_support.hpp"

using namespace balance;
using balance_test::test_repo;

namespace {

settings couple() { return balance_test::couple_settings(); }

std::vector<std::string> problems(const record& r) { return balance_test::problems_of(r); }

record base(record_type t, const std::string& who = "alex") {
  record r;
  r.type = t;
  r.id = "0123456789ab";
  r.at = *parse_timestamp("2026-11-22T19:30:00+01:00");
  r.who = r.author = who;
  return r;
}

record agreement() {
  record r = base(record_type::agreement);
  r.text = "We put our phones away at dinner";
  return r;
}

record review() {
  record r = base(record_type::review);
  r.agreement = "aaaaaaaaaaaa";
  r.outcome = "kept";
  return r;
}

record appreciation() {
  record r = base(record_type::appreciation);
  r.for_whom = "sam";
  r.text = "the school form";
  return r;
}

std::vector<std::string> lines(const check_result& r) {
  std::vector<std::string> out;
  for (const auto& p : r.problems) out.push_back(p.to_string());
  return out;
}

errc kind_of(const std::function<void()>& f) { return balance_test::caught(f).kind(); }

std::string what_of(const std::function<void()>& f) { return balance_test::caught(f).what(); }

const char* agreement_file =
    "[[agreement]]\nid = \"a00000000001\"\nat = 2026-11-01T20:00:00+01:00\nwho = \"alex\"\n"
    "text = \"We put our phones away at dinner\"\nreview = \"biweekly\"\n";

}  // namespace

TEST_CASE("talk records - a valid agreement, review, appreciation and repair have no problems", "[talk][record]") {
  CHECK(problems(agreement()).empty());
  CHECK(problems(review()).empty());
  CHECK(problems(appreciation()).empty());
  CHECK(problems(base(record_type::repair)).empty());  // a repair's text is optional
}

TEST_CASE("talk records - each required field is named when missing", "[talk][record]") {
  record a = agreement();
  a.text = " ";
  CHECK(problems(a) == std::vector<std::string>{"text: text is required (something you will both try)"});
  record rv = review();
  rv.agreement.clear();
  rv.outcome.clear();
  CHECK(problems(rv) == std::vector<std::string>{"agreement: agreement is required (the id of the agreement reviewed)",
                                                 "outcome: outcome is required (kept, partly or not-yet)"});
  record ap = appreciation();
  ap.for_whom.clear();
  ap.text.clear();
  CHECK(problems(ap) == std::vector<std::string>{"for: for is required", "text: text is required (what you appreciated)"});
  record rp = base(record_type::repair);
  rp.who.clear();
  CHECK(problems(rp) == std::vector<std::string>{"who: who is required"});
}

TEST_CASE("talk records - statuses, outcomes and cadences are checked", "[talk][record]") {
  record a = agreement();
  a.status = "finished";
  a.review = "fortnightly";
  auto p = problems(a);
  REQUIRE(p.size() == 2);
  CHECK_THAT(p[0], Catch::StartsWith("review: "));
  CHECK(p[1] == "status: status must be one of \"open\", \"done\", \"dropped\", not \"finished\"");
  a = agreement();
  a.closed = a.at;
  CHECK(problems(a) == std::vector<std::string>{"closed: closed is set but status is not \"done\" or \"dropped\""});
  a.status = "done";
  CHECK(problems(a).empty());
  for (const char* s : {"open", "dropped"}) {
    record b = agreement();
    b.status = s;
    CHECK(problems(b).empty());
  }
  record rv = review();
  rv.outcome = "kep";
  CHECK(problems(rv) ==
        std::vector<std::string>{"outcome: outcome must be one of \"kept\", \"partly\", \"not-yet\", not \"kep\" (did you mean \"kept\"?)"});
  for (const char* o : {"kept", "partly", "not-yet"}) {
    rv.outcome = o;
    CHECK(problems(rv).empty());
  }
  rv.agreement = "a0/1";
  CHECK(problems(rv) == std::vector<std::string>{"agreement: agreement \"a0/1\" must be the 12-digit id of an agreement"});
}

TEST_CASE("talk records - an appreciation is for a known person other than its author", "[talk][record]") {
  record ap = appreciation();
  ap.for_whom = "alex";
  CHECK(problems(ap) == std::vector<std::string>{"for: for names the person appreciated, someone other than alex"});
  ap.for_whom = "sma";
  CHECK(problems(ap) == std::vector<std::string>{"for: \"sma\" is not a person in balance.toml (did you mean \"sam\"?)"});
  ap = appreciation();
  ap.entry = "nope";
  CHECK(problems(ap) == std::vector<std::string>{"entry: entry \"nope\" must be the 12-digit id of a ledger entry"});
  ap = appreciation();
  ap.author = "sam";
  CHECK(problems(ap) == std::vector<std::string>{"who: who = \"alex\" but this file holds sam's appreciations"});
}

TEST_CASE("talk records - the files they live in", "[talk][record]") {
  record a = agreement();
  CHECK(path_for(a) == "agreements/alex.toml");
  CHECK(path_for(review()) == "agreements/alex/2026-11.toml");
  CHECK(path_for(appreciation()) == "appreciations/alex/2026-11.toml");
  CHECK(path_for(base(record_type::repair)) == "repairs/alex/2026-11.toml");
  CHECK(role_of_path("agreements/sam.toml")->type == record_type::agreement);
  CHECK_FALSE(role_of_path("agreements/sam.toml")->month);
  CHECK(role_of_path("agreements/sam/2026-11.toml")->type == record_type::review);
  CHECK(role_of_path("appreciations/sam/2026-11.toml")->type == record_type::appreciation);
  CHECK(role_of_path("private/repairs/sam/2026-11.toml")->type == record_type::repair);
  CHECK_FALSE(role_of_path("repairs/sam.toml"));
  CHECK_FALSE(role_of_path("appreciations/sam/2026-13.toml"));
}

TEST_CASE("talk records - the canonical writer round-trips every field", "[talk][record]") {
  settings cfg = couple();
  read_options opts{&cfg, nullptr, true};
  record a = agreement();
  a.review = "biweekly";
  a.status = "done";
  a.closed = *parse_timestamp("2026-11-30T08:00:00+01:00");
  a.tags = {"dinner"};
  a.note = "from the talk on Sunday";
  record rv = review();
  rv.note = "two dinners out of three";
  record ap = appreciation();
  ap.entry = "e00000000001";
  ap.tags = {"school"};
  record rp = base(record_type::repair);
  rp.text = "can we start over?";
  rp.humour = true;
  rp.note = "it worked";
  CHECK(record_to_toml(a) ==
        "[[agreement]]\nid = \"0123456789ab\"\nat = 2026-11-22T19:30:00+01:00\nwho = \"alex\"\n"
        "text = \"We put our phones away at dinner\"\nreview = \"biweekly\"\nstatus = \"done\"\n"
        "closed = 2026-11-30T08:00:00+01:00\ntags = [\"dinner\"]\nnote = \"from the talk on Sunday\"\n");
  CHECK(record_to_toml(rp) ==
        "[[repair]]\nid = \"0123456789ab\"\nat = 2026-11-22T19:30:00+01:00\nwho = \"alex\"\ntext = \"can we start over?\"\n"
        "humour = true\nnote = \"it worked\"\n");
  for (const record& r : {a, rv, ap, rp}) {
    std::string path = path_for(r);
    auto role = role_of_path(path);
    REQUIRE(role);
    parsed_file back = parse_record_file(record_to_toml(r), path, *role, opts);
    INFO(record_to_toml(r));
    REQUIRE(back.problems.empty());
    REQUIRE(back.records.size() == 1);
    CHECK(back.records[0].same_content(r));
  }
}

TEST_CASE("talk records - a wrong type in a file is named at its value", "[talk][record]") {
  settings cfg = couple();
  read_options opts{&cfg, nullptr, true};
  auto role = role_of_path("repairs/alex/2026-11.toml");
  parsed_file bad = parse_record_file(
      "[[repair]]\nid = \"0123456789ab\"\nat = 2026-11-22T19:30:00+01:00\nwho = \"alex\"\nhumour = \"yes\"\n",
      "repairs/alex/2026-11.toml", *role, opts);
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].to_string() == "repairs/alex/2026-11.toml:5:10: humour must be true or false, not a string");
  parsed_file wrong = parse_record_file(agreement_file, "repairs/alex/2026-11.toml", *role, opts);
  REQUIRE_FALSE(wrong.problems.empty());
  CHECK_THAT(wrong.problems[0].message, Catch::Contains("unexpected \"agreement\" in a file of [[repair]] records"));
}

TEST_CASE("talk check - a review of an unknown agreement and an appreciation of an unknown entry", "[talk][check]") {
  test_repo t;
  t.write("agreements/alex.toml", agreement_file);
  t.write("agreements/sam/2026-11.toml",
          "[[review]]\nid = \"d00000000001\"\nat = 2026-11-15T20:00:00+01:00\nwho = \"sam\"\nagreement = \"a00000000001\"\n"
          "outcome = \"kept\"\n\n"
          "[[review]]\nid = \"d00000000002\"\nat = 2026-11-16T20:00:00+01:00\nwho = \"sam\"\nagreement = \"a00000000009\"\n"
          "outcome = \"partly\"\n");
  t.write("appreciations/sam/2026-11.toml",
          "[[appreciation]]\nid = \"f00000000001\"\nat = 2026-11-15T20:00:00+01:00\nwho = \"sam\"\nfor = \"alex\"\n"
          "text = \"dinner\"\nentry = \"e00000000009\"\n");
  check_result result = check_repo(t.open());
  CHECK(lines(result) ==
        std::vector<std::string>{
            "agreements/sam/2026-11.toml:12:13: review d00000000002 points at agreement a00000000009, which does not exist "
            "(removed? `balance-talk rm d000000` removes this review)"});
  // A thank-you stands on its own when the entry it was for has gone: a warning, not a problem.
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].to_string() ==
        "appreciations/sam/2026-11.toml:7:9: appreciation f000000 thanks entry e000000, which is no longer in the "
        "ledger; the thank-you stays as it is");
}

TEST_CASE("talk check - while a file of agreements does not read, nothing pointing at them is called dangling",
          "[talk][check]") {
  test_repo t;
  t.write("agreements/alex.toml", std::string("<<<<<<< ours\n") + agreement_file + "=======\n>>>>>>> theirs\n");
  t.write("agreements/sam/2026-11.toml",
          "[[review]]\nid = \"d00000000001\"\nat = 2026-11-15T20:00:00+01:00\nwho = \"sam\"\nagreement = \"a00000000001\"\n"
          "outcome = \"kept\"\n");
  check_result result = check_repo(t.open());
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].where.path == "agreements/alex.toml");  // the conflict itself, and nothing else
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].to_string() ==
        "agreements/alex.toml: what points at its agreement records was not checked, since the file does not read "
        "cleanly; fix it, then check again");
}

TEST_CASE("talk check - an appreciation never points at a private entry", "[talk][check][private]") {
  test_repo t;
  repo own = t.open_own("alex");
  store s(own);
  record e = balance_test::make_entry("e00000000001", "2026-11-20T08:00:00+01:00", "alex");
  e.is_private = true;
  add_record(s, e);
  t.write("appreciations/sam/2026-11.toml",
          "[[appreciation]]\nid = \"f00000000001\"\nat = 2026-11-21T20:00:00+01:00\nwho = \"sam\"\nfor = \"alex\"\n"
          "text = \"dinner\"\nentry = \"e00000000001\"\n");
  CHECK(lines(check_repo(t.open_own("alex"))) ==
        std::vector<std::string>{"appreciations/sam/2026-11.toml:7:9: appreciation f00000000001 points at a private "
                                 "entry; an appreciation never refers to a private record"});
}

TEST_CASE("talk check - a stray file among the talk's folders is named", "[talk][check]") {
  test_repo t;
  t.write("repairs/sam/notes.txt", "hello\n");
  t.write("agreements/sam/2026-11.toml",
          "[[repair]]\nid = \"c00000000001\"\nat = 2026-11-21T22:00:00+01:00\nwho = \"sam\"\n");
  auto l = lines(check_repo(t.open()));
  REQUIRE(l.size() == 2);
  CHECK_THAT(l[0], Catch::Contains("unexpected \"repair\" in a file of [[review]] records"));
  CHECK_THAT(l[1], Catch::StartsWith("repairs/sam/notes.txt: is not a data file"));
}

TEST_CASE("talk - add_agreement writes my file with a biweekly review by default", "[talk]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  agreement_options o;
  o.text = "We put our phones away at dinner";
  o.at = "2026-11-20T18:00:00+01:00";
  o.tags = {"dinner", ""};
  outcome done = add_agreement(s, o);
  REQUIRE(done.records.size() == 1);
  const record& a = done.records[0];
  CHECK(done.paths == std::vector<std::string>{"agreements/alex.toml"});
  CHECK(a.review == "biweekly");
  CHECK(a.status.empty());
  CHECK(a.tags == std::vector<std::string>{"dinner"});
  CHECK(done.summary == "added agreement " + a.id.substr(0, 7) + "; review biweekly");
  o.review = "monthly";
  CHECK(add_agreement(s, o).records[0].review == "monthly");
  o.review = "sometimes";
  CHECK(kind_of([&] { add_agreement(s, o); }) == errc::usage);
  o.review.clear();
  o.text = "  ";
  CHECK_THAT(what_of([&] { add_agreement(s, o); }), Catch::StartsWith("agree needs the agreement's TEXT"));
}

TEST_CASE("talk - a review resets the clock, and done and dropped agreements leave the open list", "[talk]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  agreement_options o;
  o.text = "We take turns picking the weekend plan";
  o.at = "2026-11-01T18:00:00+01:00";  // biweekly: due 2026-11-15, before now (2026-11-22)
  std::string id = add_agreement(s, o).records[0].id;
  auto due = agreement_reviews_due(s);
  REQUIRE(due.size() == 1);
  CHECK(due[0].agreement.id == id);

  review_options rv;
  rv.agreement = id.substr(0, 5);
  rv.outcome = "partly";
  rv.note = "one weekend of two";
  rv.at = "2026-11-20T18:00:00+01:00";
  outcome reviewed = review_agreement(s, rv);
  CHECK(reviewed.paths == std::vector<std::string>{"agreements/alex/2026-11.toml"});
  CHECK(reviewed.records[0].agreement == id);
  CHECK(agreement_reviews_due(s).empty());
  auto views = load_agreements(s, false);
  REQUIRE(views.size() == 1);
  CHECK(views[0].reviews.size() == 1);
  CHECK(format_timestamp(views[0].review_since) == "2026-11-20T18:00:00+01:00");

  rv.outcome = "maybe";
  CHECK(kind_of([&] { review_agreement(s, rv); }) == errc::usage);

  outcome closed = close_agreement(s, id, "done");
  CHECK(closed.summary == "agreement " + id.substr(0, 7) + " is done; its reviews stay");
  CHECK(closed.records[0].closed.has_value());
  CHECK(load_agreements(s, false).empty());
  CHECK(load_agreements(s, true).size() == 1);
  CHECK(close_agreement(s, id, "done").paths.empty());
  CHECK(kind_of([&] { close_agreement(s, id, "dropped"); }) == errc::usage);
  rv.outcome = "kept";
  rv.at.clear();
  CHECK_THAT(what_of([&] { review_agreement(s, rv); }), Catch::Contains("is done, so the review was not noted"));
}

TEST_CASE("talk - remind lists a due agreement review for everyone, without its words", "[talk][remind]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  agreement_options o;
  o.text = "secret words never shown";
  o.at = "2026-11-01T18:00:00+01:00";
  std::string id = add_agreement(s, o).records[0].id;
  o.at = "2026-11-21T18:00:00+01:00";
  add_agreement(s, o);  // not due yet
  for (const std::vector<std::string>& people : {std::vector<std::string>{"sam"}, std::vector<std::string>{"alex", "sam"}}) {
    auto items = due_reminders(s, people);
    std::vector<std::string> agreements;
    for (const auto& i : items)
      if (i.type == "agreement") agreements.push_back(i.text);
    CHECK(agreements == std::vector<std::string>{"agreement " + id.substr(0, 7) + ": time to look at it together (biweekly)"});
    for (const auto& i : items) CHECK(i.text.find("secret") == std::string::npos);
  }
}

TEST_CASE("talk - thank_entry thanks whoever did the entry, and refuses my own and private ones", "[talk]") {
  test_repo t;
  repo own = t.open_own("alex");
  store s(own);
  add_record(s, balance_test::make_entry("e00000000001", "2026-11-20T08:00:00+01:00", "sam", "chore", "the school form"));
  add_record(s, balance_test::make_entry("e00000000002", "2026-11-20T09:00:00+01:00", "alex"));
  record secret = balance_test::make_entry("e00000000003", "2026-11-20T10:00:00+01:00", "sam");
  secret.is_private = true;
  secret.author = "alex";
  add_record(s, secret);

  outcome done = thank_entry(s, "e00000000001", "");
  REQUIRE(done.records.size() == 1);
  const record& a = done.records[0];
  CHECK(a.type == record_type::appreciation);
  CHECK(a.who == "alex");
  CHECK(a.for_whom == "sam");
  CHECK(a.entry == "e00000000001");
  CHECK(a.text == "the school form");  // the entry's words when none are given
  CHECK(done.paths == std::vector<std::string>{"appreciations/alex/2026-11.toml"});
  CHECK(done.summary == "thanked sam for entry e000000, appreciation " + a.id.substr(0, 7));
  CHECK(thank_entry(s, "e00000000001", "that was a lot of forms").records[0].text == "that was a lot of forms");

  auto before = t.snapshot();
  CHECK(what_of([&] { thank_entry(s, "e00000000002", ""); }) ==
        "entry e000000 is your own; thanks are for what someone else did. It still counts, and it is in the ledger");
  CHECK(what_of([&] { thank_entry(s, "e00000000003", ""); }) ==
        "entry e000000 is private, so it stays out of anything shared; a thank-you can still be said in words "
        "(balance-talk thank NAME TEXT)");
  CHECK(kind_of([&] { thank_entry(s, "e00000000009", ""); }) == errc::usage);
  CHECK(t.snapshot() == before);
}

TEST_CASE("talk - add_appreciation and add_repair", "[talk]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  appreciation_options o;
  o.for_whom = "sam";
  o.text = "you noticed I was tired";
  outcome done = add_appreciation(s, o);
  CHECK(done.records[0].for_whom == "sam");
  CHECK(done.records[0].entry.empty());
  CHECK(done.summary == "thanked sam, appreciation " + done.records[0].id.substr(0, 7));
  o.for_whom = "alex";
  CHECK_THAT(what_of([&] { add_appreciation(s, o); }), Catch::StartsWith("a thank-you goes to someone else"));
  o.for_whom = "bob";
  CHECK(kind_of([&] { add_appreciation(s, o); }) == errc::usage);
  o.for_whom = "sam";
  o.text = "";
  CHECK(what_of([&] { add_appreciation(s, o); }) == "thank needs the TEXT: what you appreciated about sam");

  repair_options rp;
  rp.humour = true;
  outcome repaired = add_repair(s, rp);
  CHECK(repaired.paths == std::vector<std::string>{"repairs/alex/2026-11.toml"});
  CHECK(repaired.records[0].humour == std::optional<bool>(true));
  CHECK(t.read("repairs/alex/2026-11.toml").find("humour = true\n") != std::string::npos);
  rp.humour = false;
  rp.text = "I'm sorry I snapped";
  CHECK_FALSE(add_repair(s, rp).records[0].humour.has_value());
}

TEST_CASE("talk - remove_talk_record refuses an agreement with reviews unless asked", "[talk]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  agreement_options o;
  o.text = "We say goodnight even after a fight";
  o.at = "2026-11-01T18:00:00+01:00";
  std::string id = add_agreement(s, o).records[0].id;
  review_options rv;
  rv.agreement = id;
  rv.outcome = "kept";
  std::string review_id = review_agreement(s, rv).records[0].id;
  CHECK_THAT(what_of([&] { remove_talk_record(s, id, false, false); }), Catch::Contains("has 1 review pointing at it"));
  CHECK(remove_talk_record(s, id, true, true).summary == "would remove agreement " + id.substr(0, 7) + " and 1 review");
  outcome removed = remove_talk_record(s, id, true, false);
  CHECK(removed.summary == "removed agreement " + id.substr(0, 7) + " and 1 review");
  CHECK(load_agreements(s, true).empty());
  CHECK(kind_of([&] { remove_talk_record(s, review_id, false, false); }) == errc::usage);
}

TEST_CASE("talk import - agreements come with their reviews, appreciations and repairs", "[talk][import]") {
  test_repo t;
  repo r = t.open("alex");
  store s(r);
  std::string text = std::string(agreement_file) +
                     "\n[[review]]\nid = \"d00000000001\"\nat = 2026-11-15T20:00:00+01:00\nwho = \"sam\"\n"
                     "agreement = \"a00000000001\"\noutcome = \"kept\"\n"
                     "\n[[repair]]\nat = 2026-11-16T20:00:00+01:00\nhumour = true\n";
  import_options o;
  o.type = record_type::agreement;
  import_result done = import_records(s, text, "in.toml", o);
  CHECK(done.added == 3);
  CHECK(t.exists("agreements/alex.toml"));
  CHECK(t.exists("agreements/alex/2026-11.toml"));
  CHECK(t.exists("repairs/alex/2026-11.toml"));
  CHECK(import_records(s, text, "in.toml", o).skipped == 2);  // the repair had no id: a new one again

  auto csv = read_import("id,at,who,agreement,outcome,note\nd00000000002,2026-11-17T20:00:00+01:00,sam,a00000000001,partly,\n",
                         "in.csv", record_type::agreement, t.open().config());
  REQUIRE(csv.size() == 1);
  CHECK(csv[0].type == record_type::review);
  auto json = read_import("[{\"type\": \"repair\", \"at\": \"2026-11-17T20:00:00+01:00\", \"who\": \"sam\", \"humour\": false}]",
                          "in.json", record_type::agreement, t.open().config());
  REQUIRE(json.size() == 1);
  CHECK(json[0].humour == std::optional<bool>(false));

  auto before = t.snapshot();
  std::string dangling = "[[review]]\nat = 2026-11-15T20:00:00+01:00\nagreement = \"a00000000009\"\noutcome = \"kept\"\n";
  CHECK(kind_of([&] { import_records(s, dangling, "in.toml", o); }) == errc::data);
  CHECK(t.snapshot() == before);
  import_options entries;
  entries.type = record_type::entry;
  CHECK(kind_of([&] { import_records(s, text, "in.toml", entries); }) == errc::data);
}

TEST_CASE("talk merge driver - additions to the new files from both sides are kept", "[talk][git][merge]") {
  auto rec = [](const std::string& id, int day) {
    return "[[appreciation]]\nid = \"" + id + "\"\nat = 2026-11-0" + std::to_string(day) +
           "T08:00:00+01:00\nwho = \"sam\"\nfor = \"alex\"\ntext = \"dinner\"\n";
  };
  const std::string A = rec("aaaaaaaaaaaa", 2), B = rec("bbbbbbbbbbbb", 4), C = rec("cccccccccccc", 6);
  auto m = merge_record_files(A, A + "\n" + C, A + "\n" + B, "appreciations/sam/2026-11.toml", couple());
  CHECK(m.conflicts == 0);
  CHECK(m.text == A + "\n" + B + "\n" + C);

  std::string agreement_text(agreement_file);
  std::string done = agreement_text + "status = \"done\"\nclosed = 2026-11-20T08:00:00+01:00\n";
  std::string dropped = agreement_text + "status = \"dropped\"\nclosed = 2026-11-20T08:00:00+01:00\n";
  auto one_side = merge_record_files(agreement_text, done, agreement_text, "agreements/alex.toml", couple());
  CHECK(one_side.conflicts == 0);
  CHECK(one_side.text == done);
  auto both = merge_record_files(agreement_text, done, dropped, "agreements/alex.toml", couple());
  CHECK(both.conflicts == 1);
}

TEST_CASE("talk merge driver - both marking one agreement done merge cleanly, the earlier closing kept",
          "[talk][git][merge]") {
  std::string agreement_text(agreement_file);
  std::string at_eight = agreement_text + "status = \"done\"\nclosed = 2026-11-20T08:00:00+01:00\n";
  std::string at_nine = agreement_text + "status = \"done\"\nclosed = 2026-11-20T21:00:00+01:00\n";
  for (const auto& [ours, theirs] : {std::pair{at_eight, at_nine}, std::pair{at_nine, at_eight}}) {
    auto m = merge_record_files(agreement_text, ours, theirs, "agreements/alex.toml", couple());
    CHECK(m.conflicts == 0);
    CHECK(m.text == at_eight);
  }
  // Anything else changed too is still each side's own decision: a conflict.
  std::string retold = at_nine;
  retold.replace(retold.find("text = \""), 8, "text = \"Retold: ");
  CHECK(merge_record_files(agreement_text, at_eight, retold, "agreements/alex.toml", couple()).conflicts == 1);
}

TEST_CASE("talk - an agreement's review falls due at the start of its day, not at the minute it was made",
          "[talk][remind]") {
  // Found in a trial: a weekly agreement made Sunday 22:00 was not yet due at the next Sunday's
  // 21:00 talk. Now is Sunday 22 Nov 21:00 (the pinned clock).
  test_repo t;
  t.write("agreements/alex.toml",
          "[[agreement]]\nid = \"a00000000001\"\nat = 2026-11-15T22:00:00+01:00\nwho = \"alex\"\n"
          "text = \"We text when running late\"\nreview = \"weekly\"\n");
  repo r = t.open("alex");
  store s(r);
  auto due = agreement_reviews_due(s);
  REQUIRE(due.size() == 1);
  CHECK(format_timestamp(r.cal().tz.at(*due[0].next_review)) == "2026-11-22T00:00:00+01:00");
}
