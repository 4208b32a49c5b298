// A recursive-descent parser for the grammar in expression.h.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/text.h"
#include "forms/expr/expression.h"

namespace kartla::forms::expr {
namespace {

constexpr FunctionInfo kFunctions[] = {
    {"selected", 2, 2},       {"count-selected", 1, 1},
    {"selected-at", 2, 2},    {"jr:choice-name", 2, 2},
    {"if", 3, 3},             {"coalesce", 2, 2},
    {"concat", 1, -1},        {"string-length", 1, 1},
    {"contains", 2, 2},       {"starts-with", 2, 2},
    {"ends-with", 2, 2},      {"substr", 2, 3},
    {"regex", 2, 2},          {"number", 1, 1},
    {"int", 1, 1},            {"round", 1, 2},
    {"sum", 1, -1},           {"today", 0, 0},
    {"now", 0, 0},            {"true", 0, 0},
    {"false", 0, 0},          {"not", 1, 1},
    {"string", 1, 1},
};

enum class TokenKind {
  kEnd, kNumber, kString, kReference, kDot, kWord, kLeftParen, kRightParen,
  kComma, kOperator,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  double number = 0;
  size_t offset = 0;  // byte offset in the expression
};

bool IsWordStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool IsWordPart(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
         c == ':' || c == '.';
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<Node> ParseAll() {
    if (text_.size() > kMaxExpressionLength) {
      Fail(kMaxExpressionLength, "expr_too_long", "the expression is longer than {3} characters",
           {std::to_string(kMaxExpressionLength)});
      return Failure();
    }
    if (!Advance()) return Failure();
    if (token_.kind == TokenKind::kEnd) {
      Fail(0, "expr_empty", "the expression is empty");
      return Failure();
    }
    Node root;
    if (!ParseOr(root)) return Failure();
    if (token_.kind != TokenKind::kEnd) {
      Fail(token_.offset, "expr_unexpected_after", "unexpected {3} after a complete expression",
           {Describe(token_)});
      return Failure();
    }
    return root;
  }

 private:
  // 1-based character (not byte) position of a byte offset.
  int PositionOf(size_t offset) const {
    int position = 1;
    for (size_t i = 0; i < offset && i < text_.size(); ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++position;
    }
    return position;
  }

  // The first syntax error: its catalogue key ("problem_" + key) and its
  // message, whose own arguments are {3}, {4}... (see kExpressionFrame).
  void Fail(size_t offset, std::string key, std::string_view english,
            std::vector<std::string> args = {}) {
    if (!error_.empty()) return;
    std::string position = std::to_string(PositionOf(offset));
    args.insert(args.begin(), {"", "", position});
    error_ = "at character " + position + ": " + FillPlaceholders(english, args);
    error_key_ = std::move(key);
    error_args_.assign(args.begin() + 2, args.end());
  }
  Status Failure() const { return Status::InvalidInput(error_).Keyed(error_key_, error_args_); }

  // A token as the expression has it; the end is said by a message of its own.
  static std::string Describe(const Token& token) {
    switch (token.kind) {
      case TokenKind::kEnd: return "";
      case TokenKind::kNumber: return token.text;
      case TokenKind::kString: return fmt::format("'{}'", token.text);
      case TokenKind::kReference: return fmt::format("${{{}}}", token.text);
      case TokenKind::kDot: return "'.'";
      case TokenKind::kWord: return fmt::format("'{}'", token.text);
      case TokenKind::kLeftParen: return "'('";
      case TokenKind::kRightParen: return "')'";
      case TokenKind::kComma: return "','";
      case TokenKind::kOperator: return fmt::format("'{}'", token.text);
    }
    return "?";
  }

  // Reads the next token into token_. Returns false on a lexical error.
  bool Advance() {
    while (pos_ < text_.size() &&
           std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
    token_ = Token{};
    token_.offset = pos_;
    if (pos_ >= text_.size()) return true;
    char c = text_[pos_];
    auto next = [this](size_t ahead) {
      return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
    };
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && std::isdigit(static_cast<unsigned char>(next(1))))) {
      size_t end = pos_;
      while (end < text_.size() &&
             (std::isdigit(static_cast<unsigned char>(text_[end])) ||
              text_[end] == '.')) {
        ++end;
      }
      token_.kind = TokenKind::kNumber;
      token_.text = std::string(text_.substr(pos_, end - pos_));
      auto value = ParseDecimal(token_.text);
      if (!value || token_.text.find(',') != std::string::npos) {
        Fail(pos_, "expr_not_number", "\"{3}\" is not a number", {token_.text});
        return false;
      }
      token_.number = *value;
      pos_ = end;
      return true;
    }
    if (c == '\'' || c == '"') {
      size_t end = text_.find(c, pos_ + 1);
      if (end == std::string_view::npos) {
        Fail(pos_, "expr_open_quote", "the text that starts here has no closing quote");
        return false;
      }
      token_.kind = TokenKind::kString;
      token_.text = std::string(text_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return true;
    }
    if (c == '$') {
      if (next(1) != '{') {
        Fail(pos_, "expr_lone_dollar", "'$' must start a reference such as ${name}");
        return false;
      }
      size_t end = text_.find('}', pos_ + 2);
      if (end == std::string_view::npos) {
        Fail(pos_, "expr_open_reference", "the reference that starts here has no closing '}'");
        return false;
      }
      token_.kind = TokenKind::kReference;
      token_.text = std::string(Trim(text_.substr(pos_ + 2, end - pos_ - 2)));
      if (token_.text.empty()) {
        Fail(pos_, "expr_empty_reference", "the reference ${} names no question");
        return false;
      }
      pos_ = end + 1;
      return true;
    }
    if (IsWordStart(c)) {
      size_t end = pos_;
      while (end < text_.size() && IsWordPart(text_[end])) ++end;
      token_.kind = TokenKind::kWord;
      token_.text = std::string(text_.substr(pos_, end - pos_));
      pos_ = end;
      return true;
    }
    if (c == '.') {
      if (next(1) == '.') {
        Fail(pos_, "expr_parent", "'..' (the parent) is not supported; refer to a question as ${name}");
        return false;
      }
      token_.kind = TokenKind::kDot;
      ++pos_;
      return true;
    }
    std::string_view two = text_.substr(pos_, 2);
    for (std::string_view op : {"!=", "<=", ">="}) {
      if (two == op) {
        token_.kind = TokenKind::kOperator;
        token_.text = std::string(op);
        pos_ += 2;
        return true;
      }
    }
    switch (c) {
      case '(': token_.kind = TokenKind::kLeftParen; break;
      case ')': token_.kind = TokenKind::kRightParen; break;
      case ',': token_.kind = TokenKind::kComma; break;
      case '=': case '<': case '>': case '+': case '-': case '*':
        token_.kind = TokenKind::kOperator;
        token_.text = std::string(1, c);
        break;
      default: {
        // The whole character, not one byte of it.
        size_t end = pos_ + 1;
        while (end < text_.size() && (static_cast<unsigned char>(text_[end]) & 0xC0) == 0x80) ++end;
        Fail(pos_, "expr_unexpected_character", "unexpected character '{3}'",
             {std::string(text_.substr(pos_, end - pos_))});
        return false;
      }
    }
    ++pos_;
    return true;
  }

  // True if the current token is the infix operator `op` ("and", "div"...).
  bool At(std::string_view op) const {
    return (token_.kind == TokenKind::kOperator ||
            token_.kind == TokenKind::kWord) &&
           token_.text == op;
  }

  using Level = bool (Parser::*)(Node&);
  struct OpName {
    std::string_view text;
    BinaryOp op;
  };

  // Parses `operand (op operand)*` for the operators of one precedence level.
  bool ParseLevel(Node& out, Level operand, std::initializer_list<OpName> ops) {
    if (!(this->*operand)(out)) return false;
    for (;;) {
      const OpName* found = nullptr;
      for (const OpName& candidate : ops) {
        if (At(candidate.text)) found = &candidate;
      }
      if (found == nullptr) return true;
      if (++operators_ > kMaxOperators) {
        Fail(token_.offset, "expr_too_many_operators", "the expression has more than {3} operators",
             {std::to_string(kMaxOperators)});
        return false;
      }
      Node binary;
      binary.kind = NodeKind::kBinary;
      binary.op = found->op;
      binary.position = PositionOf(token_.offset);
      if (!Advance()) return false;
      Node right;
      if (!(this->*operand)(right)) return false;
      binary.args.push_back(std::move(out));
      binary.args.push_back(std::move(right));
      out = std::move(binary);
    }
  }

  bool ParseOr(Node& out) {
    return ParseLevel(out, &Parser::ParseAnd, {{"or", BinaryOp::kOr}});
  }
  bool ParseAnd(Node& out) {
    return ParseLevel(out, &Parser::ParseEquality, {{"and", BinaryOp::kAnd}});
  }
  bool ParseEquality(Node& out) {
    return ParseLevel(out, &Parser::ParseRelational,
                      {{"=", BinaryOp::kEqual}, {"!=", BinaryOp::kNotEqual}});
  }
  bool ParseRelational(Node& out) {
    return ParseLevel(out, &Parser::ParseAdditive,
                      {{"<", BinaryOp::kLess},
                       {"<=", BinaryOp::kLessEqual},
                       {">", BinaryOp::kGreater},
                       {">=", BinaryOp::kGreaterEqual}});
  }
  bool ParseAdditive(Node& out) {
    return ParseLevel(out, &Parser::ParseMultiplicative,
                      {{"+", BinaryOp::kAdd}, {"-", BinaryOp::kSubtract}});
  }
  bool ParseMultiplicative(Node& out) {
    return ParseLevel(out, &Parser::ParseUnary,
                      {{"*", BinaryOp::kMultiply},
                       {"div", BinaryOp::kDivide},
                       {"mod", BinaryOp::kModulo}});
  }

  // Every level of nesting (a '-', a parenthesis, a function's argument)
  // passes here once, so the depth of the parser's recursion, and of the
  // tree that evaluation walks, stays bounded.
  bool ParseUnary(Node& out) {
    struct Nested {
      int& depth;
      explicit Nested(int& d) : depth(++d) {}
      ~Nested() { --depth; }
    } nested(depth_);
    if (depth_ > kMaxNesting) {
      Fail(token_.offset, "expr_too_deep", "the expression nests deeper than {3} levels",
           {std::to_string(kMaxNesting)});
      return false;
    }
    if (At("-")) {
      out.kind = NodeKind::kNegate;
      out.position = PositionOf(token_.offset);
      if (!Advance()) return false;
      Node operand;
      if (!ParseUnary(operand)) return false;
      out.args.push_back(std::move(operand));
      return true;
    }
    return ParsePrimary(out);
  }

  bool ParsePrimary(Node& out) {
    out.position = PositionOf(token_.offset);
    switch (token_.kind) {
      case TokenKind::kNumber:
        out.kind = NodeKind::kNumber;
        out.number = token_.number;
        return Advance();
      case TokenKind::kString:
        out.kind = NodeKind::kString;
        out.text = token_.text;
        return Advance();
      case TokenKind::kReference:
        out.kind = NodeKind::kReference;
        out.text = token_.text;
        return Advance();
      case TokenKind::kDot:
        out.kind = NodeKind::kSelf;
        return Advance();
      case TokenKind::kLeftParen: {
        if (!Advance()) return false;
        if (!ParseOr(out)) return false;
        if (token_.kind != TokenKind::kRightParen) {
          if (token_.kind == TokenKind::kEnd) {
            Fail(token_.offset, "expr_expected_paren_end", "expected ')' but the expression ends");
          } else {
            Fail(token_.offset, "expr_expected_paren", "expected ')' but found {3}",
                 {Describe(token_)});
          }
          return false;
        }
        return Advance();
      }
      case TokenKind::kWord:
        return ParseCall(out);
      default:
        if (token_.kind == TokenKind::kEnd) {
          Fail(token_.offset, "expr_expected_value_end", "expected a value but the expression ends");
        } else {
          Fail(token_.offset, "expr_expected_value", "expected a value but found {3}",
               {Describe(token_)});
        }
        return false;
    }
  }

  bool ParseCall(Node& out) {
    size_t offset = token_.offset;
    std::string name = token_.text;
    if (!Advance()) return false;
    if (token_.kind != TokenKind::kLeftParen) {
      out.kind = NodeKind::kField;
      out.text = name;
      return true;
    }
    const FunctionInfo* info = FindFunction(name);
    if (info == nullptr) {
      Fail(offset, "expr_no_function", "there is no function {3}()", {name});
      return false;
    }
    out.kind = NodeKind::kCall;
    out.text = name;
    if (!Advance()) return false;
    if (token_.kind != TokenKind::kRightParen) {
      for (;;) {
        Node arg;
        if (!ParseOr(arg)) return false;
        out.args.push_back(std::move(arg));
        if (token_.kind == TokenKind::kComma) {
          if (!Advance()) return false;
          continue;
        }
        if (token_.kind == TokenKind::kRightParen) break;
        if (token_.kind == TokenKind::kEnd) {
          Fail(token_.offset, "expr_expected_comma_end",
               "expected ',' or ')' after an argument of {3}() but the expression ends", {name});
        } else {
          Fail(token_.offset, "expr_expected_comma",
               "expected ',' or ')' after an argument of {3}() but found {4}",
               {name, Describe(token_)});
        }
        return false;
      }
    }
    int count = int(out.args.size());
    if (count < info->min_args ||
        (info->max_args >= 0 && count > info->max_args)) {
      std::vector<std::string> args = {name, std::to_string(count),
                                       std::to_string(info->min_args),
                                       std::to_string(info->max_args)};
      if (info->min_args == info->max_args) {
        if (info->min_args == 1) {
          Fail(offset, "expr_arguments_one", "{3}() takes 1 argument, not {4}", args);
        } else {
          Fail(offset, "expr_arguments", "{3}() takes {5} arguments, not {4}", args);
        }
      } else if (info->max_args < 0) {
        if (info->min_args == 1) {
          Fail(offset, "expr_arguments_at_least_one", "{3}() takes at least 1 argument, not {4}",
               args);
        } else {
          Fail(offset, "expr_arguments_at_least", "{3}() takes at least {5} arguments, not {4}",
               args);
        }
      } else {
        Fail(offset, "expr_arguments_between", "{3}() takes {5} to {6} arguments, not {4}", args);
      }
      return false;
    }
    return Advance();
  }

  std::string_view text_;
  size_t pos_ = 0;
  Token token_;
  std::string error_;
  std::string error_key_;
  std::vector<std::string> error_args_;
  int depth_ = 0;      // the nesting being parsed
  int operators_ = 0;  // the binary operators so far
};

void Collect(const Node& node, std::vector<std::string>& references,
             std::vector<std::pair<std::string, int>>& fields,
             bool& uses_self) {
  if (node.kind == NodeKind::kField &&
      std::find_if(fields.begin(), fields.end(), [&node](const auto& field) {
        return field.first == node.text;
      }) == fields.end()) {
    fields.emplace_back(node.text, node.position);
  }
  if (node.kind == NodeKind::kReference &&
      std::find(references.begin(), references.end(), node.text) ==
          references.end()) {
    references.push_back(node.text);
  }
  if (node.kind == NodeKind::kSelf) uses_self = true;
  for (const Node& arg : node.args) Collect(arg, references, fields, uses_self);
}

}  // namespace

const FunctionInfo* FindFunction(std::string_view name) {
  for (const FunctionInfo& info : kFunctions) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

Expression::Expression(std::string text, Node root)
    : text_(std::move(text)), root_(std::move(root)) {
  Collect(root_, references_, fields_, uses_self_);
}

Result<Expression> Expression::Parse(std::string_view text) {
  Parser parser(text);
  auto root = parser.ParseAll();
  if (!root.ok()) return root.status();
  return Expression(std::string(text), std::move(root).value());
}

}  // namespace kartla::forms::expr
