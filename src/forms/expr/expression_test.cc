#include "forms/expr/expression.h"
#include "forms/expr/pattern.h"
#include "pages/templates.h"

#include <cmath>
#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kartla::forms::expr {
namespace {

// Answers of a made-up response: a = "3", b = "4.5", empty = "",
// multi = "x y z", word = "Kunta", date = "2025-03-01".
class TestScope : public Scope {
 public:
  std::string Answer(std::string_view name) const override {
    static const std::map<std::string, std::string, std::less<>> kAnswers = {
        {"a", "3"},          {"b", "4.5"},     {"empty", ""},
        {"multi", "x y z"},  {"word", "Kunta"}, {"date", "2025-03-01"},
        {"one", "yes"},      {"neg", "-2"},     {"text_num", "abc"},
        {"padded", " 7 "}};
    auto found = kAnswers.find(name);
    return found == kAnswers.end() ? "" : found->second;
  }
  std::string Self() const override { return "5"; }
  std::string ChoiceLabel(std::string_view question,
                          std::string_view choice) const override {
    if (question == "multi" && choice == "x") return "Ex";
    return "";
  }
  std::string ChoiceColumn(std::string_view column) const override {
    return column == "region" ? "07" : "";
  }
  std::string Today() const override { return "2025-03-10"; }
  std::string Now() const override { return "2025-03-10T12:00:00Z"; }
};

struct Case {
  const char* expression;
  const char* expected;  // Value::ToString() of the result
};

// Every operator and function, with XLSForm's semantics for empty answers
// and type coercion.
const Case kCases[] = {
    // literals and references
    {"1", "1"},
    {"2.50", "2.5"},
    {"'text'", "text"},
    {"\"double\"", "double"},
    {"${a}", "3"},
    {"${empty}", ""},
    {".", "5"},
    // arithmetic: strings become numbers, empty becomes NaN (shown empty)
    {"${a} + ${b}", "7.5"},
    {"${a} - 10", "-7"},
    {"${a} * 2", "6"},
    {"7 div 2", "3.5"},
    {"7 mod 3", "1"},
    {"-7 mod 3", "-1"},
    {"1 div 0", ""},
    {"-${a}", "-3"},
    {"- - 2", "2"},
    {"${a} + ${empty}", ""},
    {"${text_num} * 1", ""},
    {"${padded} + 1", "8"},
    {"1 + 2 * 3", "7"},
    {"(1 + 2) * 3", "9"},
    {"10 - 4 - 3", "3"},
    // comparisons: relational operators compare numbers
    {"${a} > 2", "true"},
    {"${a} >= 3", "true"},
    {"${a} < 3", "false"},
    {"${a} <= 2.9", "false"},
    {"${b} > ${a}", "true"},
    {"'10' > '9'", "true"},
    {"${empty} > 0", "false"},
    {"${empty} < 0", "false"},
    {"${empty} >= 0", "false"},
    {"${neg} < 0", "true"},
    {"${date} < today()", "true"},
    {"${date} > '2025-02-28'", "true"},
    // equality: numbers if either side is a number, else strings
    {"${a} = 3", "true"},
    {"${a} = '3'", "true"},
    {"${a} = 3.0", "true"},
    {"'3.0' = '3'", "false"},
    {"${empty} = ''", "true"},
    {"${empty} = 0", "false"},
    {"${empty} != ''", "false"},
    {"${one} = 'yes'", "true"},
    {"${one} != 'no'", "true"},
    {"true() = 'x'", "true"},
    {"false() = ''", "true"},
    {"1 = true()", "true"},
    // logic
    {"${a} > 1 and ${b} > 1", "true"},
    {"${a} > 5 and ${b} > 1", "false"},
    {"${a} > 5 or ${b} > 1", "true"},
    {"${empty} or ${a}", "true"},
    {"${empty} and true()", "false"},
    {"not(${empty})", "true"},
    {"not(${a})", "false"},
    {"not(0)", "true"},
    {"true() or false() and false()", "true"},
    {"${a} = 3 or ${a} = 4 and ${b} = 0", "true"},
    // select functions
    {"selected(${multi}, 'y')", "true"},
    {"selected(${multi}, 'w')", "false"},
    {"selected(${multi}, ' z ')", "true"},
    {"selected(${empty}, 'x')", "false"},
    {"selected(${one}, 'yes')", "true"},
    {"count-selected(${multi})", "3"},
    {"count-selected(${empty})", "0"},
    {"count-selected(${multi}) <= 3", "true"},
    {"selected-at(${multi}, 0)", "x"},
    {"selected-at(${multi}, 2)", "z"},
    {"selected-at(${multi}, 3)", ""},
    {"selected-at(${multi}, -1)", ""},
    {"jr:choice-name('x', '${multi}')", "Ex"},
    {"jr:choice-name(selected-at(${multi}, 0), '${multi}')", "Ex"},
    {"jr:choice-name('w', '${multi}')", ""},
    // conditionals
    {"if(${a} > 2, 'big', 'small')", "big"},
    {"if(${empty}, 'set', 'unset')", "unset"},
    {"if(${a} > 2, ${b}, 0) + 1", "5.5"},
    {"coalesce(${empty}, 'fallback')", "fallback"},
    {"coalesce(${a}, 'fallback')", "3"},
    {"coalesce(${empty}, ${empty})", ""},
    // text
    {"concat('a', ${a}, ${empty}, 'b')", "a3b"},
    {"concat(${word})", "Kunta"},
    {"concat(1 + 1, '-', true())", "2-true"},
    {"string-length(${word})", "5"},
    {"string-length('Åland')", "5"},
    {"string-length(${empty})", "0"},
    {"contains(${word}, 'un')", "true"},
    {"contains(${word}, 'x')", "false"},
    {"contains(${word}, '')", "true"},
    {"starts-with(${word}, 'Ku')", "true"},
    {"starts-with(${word}, 'ku')", "false"},
    {"ends-with(${word}, 'nta')", "true"},
    {"ends-with(${empty}, 'a')", "false"},
    {"substr(${word}, 1)", "unta"},
    {"substr(${word}, 1, 3)", "un"},
    {"substr('Åland', 0, 2)", "Ål"},
    {"substr(${word}, 10)", ""},
    {"regex(${word}, '^[A-Z][a-z]+$')", "true"},
    {"regex(${word}, '^[0-9]+$')", "false"},
    {"regex(${empty}, '^$')", "true"},
    {"regex('abc', 'b')", "true"},
    {"regex('abc', '(')", "false"},
    {"substr('kunta', 33333333333333333331, 3)", ""},  // found by fuzz_expression
    {"substr('kunta', -99999999999999999999999, 99999999999999999999999)", "kunta"},
    {"string(${a})", "3"},
    // numbers
    {"number(${a})", "3"},
    {"number(${empty})", ""},
    {"number('1,5')", ""},
    {"number('  12 ')", "12"},
    {"number(true())", "1"},
    {"number('2025-01-02')", "20090"},
    {"int(3.7)", "3"},
    {"int(-3.7)", "-3"},
    {"int(${b})", "4"},
    {"int(${empty})", ""},
    {"round(2.5)", "3"},
    {"round(-2.5)", "-3"},
    {"round(2.345, 2)", "2.35"},
    {"round(1234.5, -2)", "1200"},
    {"round(${empty}, 1)", ""},
    {"sum(${a}, ${b})", "7.5"},
    {"sum(${a}, ${empty}, 2)", "5"},
    {"sum(${empty})", "0"},
    {"sum(${a}, ${text_num})", ""},
    // dates and constants
    {"today()", "2025-03-10"},
    {"now()", "2025-03-10T12:00:00Z"},
    {"true()", "true"},
    {"false()", "false"},
    // choice columns in a choice_filter
    {"region = '07'", "true"},
    {"region = ${a}", "false"},
};

TEST(ExpressionTest, EvaluatesEveryOperatorAndFunction) {
  TestScope scope;
  for (const Case& c : kCases) {
    auto parsed = Expression::Parse(c.expression);
    ASSERT_TRUE(parsed.ok()) << c.expression << ": "
                             << parsed.status().message();
    EXPECT_EQ(Evaluate(*parsed, scope).ToString(), c.expected) << c.expression;
  }
}

TEST(ExpressionTest, EveryFunctionIsCovered) {
  for (const char* name :
       {"selected", "count-selected", "selected-at", "jr:choice-name", "if",
        "coalesce", "concat", "string-length", "contains", "starts-with",
        "ends-with", "substr", "regex", "number", "int", "round", "sum",
        "today", "now", "true", "false", "not"}) {
    ASSERT_NE(FindFunction(name), nullptr) << name;
    bool used = false;
    for (const Case& c : kCases) {
      used = used || std::string_view(c.expression).find(std::string(name) + "(") !=
                         std::string_view::npos;
    }
    EXPECT_TRUE(used) << name << " has no case in kCases";
  }
}

TEST(ExpressionTest, ToBooleanFollowsXPath) {
  EXPECT_FALSE(Value::String("").ToBoolean());
  EXPECT_TRUE(Value::String("0").ToBoolean());  // a non-empty string
  EXPECT_FALSE(Value::Number(0).ToBoolean());
  EXPECT_FALSE(Value::Number(std::nan("")).ToBoolean());
  EXPECT_TRUE(Value::Number(-1).ToBoolean());
}

TEST(ExpressionTest, CollectsReferencesOnceInOrder) {
  auto parsed = Expression::Parse("${b} + ${a} * ${b} + . > 0");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->references(), (std::vector<std::string>{"b", "a"}));
  EXPECT_TRUE(parsed->uses_self());
}

// A syntax error as a form's check shows it, the column and the expression
// in front (kExpressionFrame): the interface's catalogue has the message,
// its English word for word.
void ExpectCatalogued(const Status& status, const std::string& text) {
  const pages::Catalogue& catalogue = pages::Catalogue::Builtin();
  std::vector<std::string> args = {"relevant", text};
  args.insert(args.end(), status.args().begin(), status.args().end());
  ASSERT_NE(catalogue.Find("problem_" + status.key()), nullptr) << status.key();
  EXPECT_EQ(catalogue.Get("problem_" + status.key(), Lang::kEn, args),
            "relevant \"" + text + "\": " + status.message());
}

struct SyntaxCase {
  const char* expression;
  const char* message;
};

TEST(ExpressionTest, SyntaxErrorsNameTheCharacter) {
  const SyntaxCase kErrors[] = {
      {"", "at character 1: the expression is empty"},
      {"${a} +", "at character 7: expected a value but the expression ends"},
      {"(${a} + 1", "at character 10: expected ')' but the expression ends"},
      {"${a} 3", "at character 6: unexpected 3 after a complete expression"},
      {"${a} 'x'", "at character 6: unexpected 'x' after a complete expression"},
      {"(${a} 'x'", "at character 7: expected ')' but found 'x'"},
      {"if(1, 2", "at character 8: expected ',' or ')' after an argument of if() but the expression ends"},
      {"1 + ä", "at character 5: unexpected character 'ä'"},
      {"'open", "at character 1: the text that starts here has no closing quote"},
      {"${a", "at character 1: the reference that starts here has no closing '}'"},
      {"${}", "at character 1: the reference ${} names no question"},
      {"$a", "at character 1: '$' must start a reference such as ${name}"},
      {"count-selected(.) <= 3 && 1", "at character 24: unexpected character '&'"},
      {"lenght(${a})", "at character 1: there is no function lenght()"},
      {"selected(${a})", "at character 1: selected() takes 2 arguments, not 1"},
      {"today(1)", "at character 1: today() takes 0 arguments, not 1"},
      {"not()", "at character 1: not() takes 1 argument, not 0"},
      {"concat()", "at character 1: concat() takes at least 1 argument, not 0"},
      {"substr('a')", "at character 1: substr() takes 2 to 3 arguments, not 1"},
      {"if(1, 2 3)", "at character 9: expected ',' or ')' after an argument of if() but found 3"},
      {"../a", "at character 1: '..' (the parent) is not supported; refer to a question as ${name}"},
      {"1.2.3", "at character 1: \"1.2.3\" is not a number"},
      {"'ä' = ${a} +", "at character 13: expected a value but the expression ends"},
  };
  for (const SyntaxCase& c : kErrors) {
    auto parsed = Expression::Parse(c.expression);
    ASSERT_FALSE(parsed.ok()) << c.expression;
    EXPECT_EQ(parsed.status().message(), c.message) << c.expression;
    // Keyed for a page in its own language: the position, then the
    // message's own arguments.
    EXPECT_THAT(parsed.status().key(), ::testing::StartsWith("expr_")) << c.expression;
    ASSERT_FALSE(parsed.status().args().empty()) << c.expression;
    EXPECT_THAT(c.message, ::testing::StartsWith("at character " + parsed.status().args()[0] + ":"));
    ExpectCatalogued(parsed.status(), c.expression);
  }
}

}  // namespace
}  // namespace kartla::forms::expr

namespace kartla::forms::expr {
namespace {

// Answers as long as a hostile respondent makes them.
class LongScope : public TestScope {
 public:
  explicit LongScope(std::string answer) : answer_(std::move(answer)) {}
  std::string Answer(std::string_view) const override { return answer_; }

 private:
  std::string answer_;
};

TEST(ExpressionTest, RegexRunsInLinearTimeOnAnswersOfAnyLength) {
  // std::regex recursed once per character here and overflowed the stack.
  LongScope scope(std::string(300000, 'a') + "b");
  for (const char* expression :
       {"regex(${x}, '^(a|b)*$')", "regex(${x}, '(a+)+c')", "regex(${x}, '^(a*)*b$')"}) {
    auto parsed = Expression::Parse(expression);
    ASSERT_TRUE(parsed.ok()) << expression;
    Evaluate(*parsed, scope);  // returns, with the process alive
  }
  // An answer is cut to kMaxStringBytes before it is matched.
  auto length = Expression::Parse("string-length(concat(${x}, ${x}))");
  ASSERT_TRUE(length.ok());
  EXPECT_EQ(Evaluate(*length, scope).ToString(), std::to_string(kMaxStringBytes));
}

TEST(ExpressionTest, RegexUsesRe2Syntax) {
  EXPECT_EQ(PatternProblem("^[0-9]{5}$"), std::nullopt);
  EXPECT_NE(PatternProblem("(a)\\1"), std::nullopt);  // back-references are not RE2
  EXPECT_NE(PatternProblem("(?=a)"), std::nullopt);   // nor look-ahead
  EXPECT_NE(PatternProblem(std::string(kMaxPatternLength + 1, 'a')), std::nullopt);
  EXPECT_NE(PatternProblem("a{1000}{1000}"), std::nullopt);  // over the memory budget
  EXPECT_TRUE(PatternMatches("\\d{5}", "FI-00100"));
  EXPECT_TRUE(PatternMatches("^\\p{Lu}", "\xc3\x84ht\xc3\xa4ri"));  // UTF-8 aware
  EXPECT_FALSE(PatternMatches("(", "("));
}

TEST(ExpressionTest, ExpressionsBeyondTheirBoundsAreRefusedNotRecursedInto) {
  const std::pair<std::string, std::string> kTooBig[] = {
      {std::string(kMaxExpressionLength + 1, '1'), "longer than"},
      {std::string(100000, '(') + "1" + std::string(100000, ')'), "longer than"},
      {std::string(kMaxNesting + 1, '(') + "1" + std::string(kMaxNesting + 1, ')'),
       "nests deeper than"},
      {std::string(kMaxNesting + 1, '-') + "1", "nests deeper than"},
  };
  for (const auto& [expression, message] : kTooBig) {
    auto parsed = Expression::Parse(expression);
    ASSERT_FALSE(parsed.ok()) << expression.substr(0, 20);
    EXPECT_NE(parsed.status().message().find(message), std::string::npos)
        << parsed.status().message();
    ExpectCatalogued(parsed.status(), expression);
  }
  std::string chain = "1";
  for (int i = 0; i < kMaxOperators; ++i) chain += "+1";
  EXPECT_TRUE(Expression::Parse(chain).ok());
  auto longer = Expression::Parse(chain + "+1");
  ASSERT_FALSE(longer.ok());
  EXPECT_NE(longer.status().message().find("more than 1000 operators"), std::string::npos);
  ExpectCatalogued(longer.status(), chain + "+1");
}

}  // namespace
}  // namespace kartla::forms::expr
