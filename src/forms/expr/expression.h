// XLSForm expressions: the `relevant`, `constraint`, `calculation`,
// `required` and `choice_filter` columns. An expression is parsed once into
// a tree (Expression) and evaluated many times against the answers of one
// response (Evaluate).
//
// The grammar is the XPath 1.0 subset that XLSForm uses:
//   or-expr   := and-expr ('or' and-expr)*
//   and-expr  := eq-expr ('and' eq-expr)*
//   eq-expr   := rel-expr (('=' | '!=') rel-expr)*
//   rel-expr  := add-expr (('<' | '<=' | '>' | '>=') add-expr)*
//   add-expr  := mul-expr (('+' | '-') mul-expr)*
//   mul-expr  := unary (('*' | 'div' | 'mod') unary)*
//   unary     := '-' unary | primary
//   primary   := number | 'string' | "string" | ${name} | '.'
//              | function '(' [or-expr (',' or-expr)*] ')' | '(' or-expr ')'
//              | word     (a column of the choices sheet, in choice_filter)
#ifndef KARTLA_FORMS_EXPR_EXPRESSION_H_
#define KARTLA_FORMS_EXPR_EXPRESSION_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kartla::forms::expr {

enum class NodeKind {
  kNumber,     // number
  kString,     // text
  kReference,  // ${text}
  kSelf,       // .
  kField,      // a bare word: a column of the choices sheet (choice_filter)
  kNegate,     // -args[0]
  kBinary,     // args[0] op args[1]
  kCall,       // text(args...)
};

enum class BinaryOp {
  kOr, kAnd, kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual,
  kAdd, kSubtract, kMultiply, kDivide, kModulo,
};

struct Node {
  NodeKind kind = NodeKind::kNumber;
  BinaryOp op = BinaryOp::kAdd;
  double number = 0;
  std::string text;  // a string literal, a referenced name or a function
  std::vector<Node> args;
  int position = 1;  // 1-based character position in the expression
};

// The bounds of an expression that Parse accepts: its length in bytes, its
// nesting (parentheses, function calls, minus signs) and its number of
// binary operators. They keep parsing and evaluating fast and their
// recursion shallow, whatever a form holds.
inline constexpr size_t kMaxExpressionLength = 8000;
inline constexpr int kMaxNesting = 64;
inline constexpr int kMaxOperators = 1000;

// How a problem of an expression reads in a form's check: the column
// ({0}), the expression ({1}) and the character ({2}), then the message,
// whose own arguments are therefore {3}, {4}... in the code and in the
// interface's catalogue alike.
inline constexpr std::string_view kExpressionFrame = "{0} \"{1}\": at character {2}: ";

// The functions expressions may call, with their argument counts.
struct FunctionInfo {
  std::string_view name;
  int min_args;
  int max_args;  // -1: any number
};
// Returns nullptr if there is no function called `name`.
const FunctionInfo* FindFunction(std::string_view name);

// A parsed expression. Immutable and safe to share between threads.
class Expression {
 public:
  // Parses `text`. Fails with kInvalidInput whose message names the
  // 1-based character position of the first syntax error, e.g.
  // "at character 9: expected ')' but found ','". Unknown functions and
  // wrong argument counts are syntax errors too. The failure is keyed
  // (Status::key(), "problem_" + key in the interface's catalogue) with
  // the position and the message's own arguments: a form's check adds the
  // column and the expression in front (kExpressionFrame).
  static Result<Expression> Parse(std::string_view text);

  const std::string& text() const { return text_; }
  const Node& root() const { return root_; }
  // The names referenced with ${name}, each once, in order of appearance.
  const std::vector<std::string>& references() const { return references_; }
  // True if the expression uses "." (the current question's answer).
  bool uses_self() const { return uses_self_; }
  // The bare words (choice columns) used, each once, with the position of
  // the first use. Only a choice_filter may use them.
  const std::vector<std::pair<std::string, int>>& fields() const {
    return fields_;
  }

 private:
  Expression(std::string text, Node root);
  std::string text_;
  Node root_;
  std::vector<std::string> references_;
  std::vector<std::pair<std::string, int>> fields_;
  bool uses_self_ = false;
};

// A value during evaluation: XPath's string, number and boolean.
struct Value {
  enum class Kind { kString, kNumber, kBoolean };
  Kind kind = Kind::kString;
  std::string string;
  double number = 0;
  bool boolean = false;

  static Value String(std::string s) { return {Kind::kString, std::move(s), 0, false}; }
  static Value Number(double n) { return {Kind::kNumber, {}, n, false}; }
  static Value Boolean(bool b) { return {Kind::kBoolean, {}, 0, b}; }

  // XPath's conversions. A string that is an ISO date (YYYY-MM-DD) converts
  // to the number of days since 1970-01-01, as in ODK; other strings that
  // are not numbers, and the empty string, convert to NaN.
  double ToNumber() const;
  // Numbers: non-zero and not NaN; strings: not empty.
  bool ToBoolean() const;
  // Numbers without a needless decimal part ("3", "2.5"); NaN and
  // infinities as the empty string (an empty answer); booleans as
  // "true"/"false".
  std::string ToString() const;
};

// What an expression can see while it is evaluated. Implementations decide
// where answers come from (a page being answered, a stored response).
class Scope {
 public:
  virtual ~Scope() = default;
  // The answer to question `name` as XLSForm stores it ("" if none, choice
  // names separated by spaces for select_multiple).
  virtual std::string Answer(std::string_view name) const = 0;
  // The answer of the question the expression belongs to (".").
  virtual std::string Self() const = 0;
  // The label of choice `choice` of the list of question `question`, in the
  // respondent's language; "" if there is none.
  virtual std::string ChoiceLabel(std::string_view question,
                                  std::string_view choice) const = 0;
  // Column `column` ("name", "label" or an extra column) of the choice a
  // choice_filter is deciding about; "" outside choice filters.
  virtual std::string ChoiceColumn(std::string_view column) const {
    (void)column;
    return "";
  }
  // today() as YYYY-MM-DD and now() as an ISO 8601 timestamp.
  virtual std::string Today() const = 0;
  virtual std::string Now() const = 0;
};

// The longest string an expression works on, in bytes: an answer, a choice
// column or a concat() longer than this is cut (at a character's start).
// Answers are at most 10,000 characters; this bounds what outside input
// can make an expression do.
inline constexpr size_t kMaxStringBytes = 64 * 1024;

// Evaluates `expression` in `scope`. Never fails: as in XPath, arithmetic on
// text gives NaN, and a regex that cannot be compiled matches nothing (the
// form check reports bad literal patterns before a form is used). regex()
// uses RE2's syntax (forms/expr/pattern.h): its time is linear in the
// text, which is at most kMaxStringBytes.
Value Evaluate(const Expression& expression, const Scope& scope);

}  // namespace kartla::forms::expr

#endif  // KARTLA_FORMS_EXPR_EXPRESSION_H_
