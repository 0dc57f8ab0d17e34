#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "balance/json.hpp"
#include "balance/output.hpp"

using namespace balance;

TEST_CASE("json - strings are escaped, and invalid UTF-8 is replaced", "[json]") {
  CHECK(json_string("say \"hi\"\n") == "\"say \\\"hi\\\"\\n\"");
  CHECK(json_string("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
  CHECK(json_string("\xff") == "\"\xef\xbf\xbd\"");
}

TEST_CASE("json - fields keep their order and their kinds", "[json]") {
  json_fields f;
  f.text("who", "alex").text_or_null("subject", "").integer("minutes", -5).count("entries", 3).number("share", 0.25);
  f.boolean("total", false).null("split").raw("people", json_list({"1", "\"two\""}));
  CHECK(f.object() ==
        "{\"who\": \"alex\", \"subject\": null, \"minutes\": -5, \"entries\": 3, \"share\": 0.25, \"total\": false, "
        "\"split\": null, \"people\": [1, \"two\"]}");
  CHECK(json_fields().empty());
  CHECK(json_fields().object() == "{}");
  CHECK(json_list({}) == "[]");
}

TEST_CASE("json - a schema document: head on the first line, one item per line, then the tail", "[json]") {
  string_sink two;
  write_schema_document(two, json_fields().text("cadence", "weekly"), "due",
                        {json_fields().text("who", "alex").object(), json_fields().text("who", "sam").object()},
                        json_fields().text("note", "n"));
  CHECK(two.str() ==
        "{\"schema\": 1, \"cadence\": \"weekly\", \"due\": [\n"
        "  {\"who\": \"alex\"},\n"
        "  {\"who\": \"sam\"}\n"
        "], \"note\": \"n\"}\n");
  auto parsed = nlohmann::json::parse(two.str());
  CHECK(parsed["schema"] == 1);
  CHECK(parsed["due"].size() == 2);
  string_sink none;
  write_schema_document(none, {}, "due", {});
  CHECK(none.str() == "{\"schema\": 1, \"due\": []}\n");
}
