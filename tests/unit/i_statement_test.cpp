#include <catch2/catch.hpp>

#include "balance/i_statement.hpp"

using namespace balance;

TEST_CASE("i-statement - criticism of the partner reads as criticism", "[i_statement]") {
  for (const char* text : {"you never listen", "I feel like you never listen", "You ALWAYS decide!!",
                           "you're so selfish", "you are such a slob", "you're lazy", "it's your fault",
                           "why can't you just help", "I'm sick of you", "typical", "what's wrong with you",
                           "whatever", "grow up", "u never listen", "ur sooo lazy", "youre always late",
                           "you\u2019re never on time", "you  never   listen"}) {
    INFO(text);
    CHECK(reads_as_criticism(text));
    auto tip = i_statement_hint(text);
    REQUIRE(tip.has_value());
    CHECK(*tip == *i_statement_hint("you never listen"));  // one tip, whatever the words
  }
}

TEST_CASE("i-statement - warm and own-experience sentences stay quiet", "[i_statement]") {
  for (const char* text : {"you always make me laugh", "you're so kind", "you never let me down",
                           "I feel unheard when plans change without us talking", "I need a slow Sunday", "",
                           "   ", "thank you for dinner"}) {
    INFO(text);
    CHECK_FALSE(reads_as_criticism(text));
    CHECK_FALSE(i_statement_hint(text).has_value());
  }
}

TEST_CASE("i-statement - the tip suggests the I-form and is never a verdict", "[i_statement]") {
  auto tip = i_statement_hint("you never listen");
  REQUIRE(tip.has_value());
  CHECK_THAT(*tip, Catch::StartsWith("tip: "));
  CHECK_THAT(*tip, Catch::Contains("I feel"));
  CHECK_THAT(*tip, Catch::EndsWith("(saved as you wrote it)"));
  // It never repeats the words back or judges them.
  CHECK_THAT(*tip, !Catch::Contains("listen"));
  for (const char* verdict : {"criticism", "contempt", "blame", "wrong", "bad", "rude", "mean", "toxic", "error"}) {
    INFO(verdict);
    CHECK_THAT(*tip, !Catch::Contains(verdict, Catch::CaseSensitive::No));
  }
  CHECK(tip->find('\n') == std::string::npos);
}
