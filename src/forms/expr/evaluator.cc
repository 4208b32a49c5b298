// Evaluation with XLSForm's (XPath 1.0's) semantics.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/clock.h"
#include "core/text.h"
#include "forms/expr/expression.h"
#include "forms/expr/pattern.h"

namespace kartla::forms::expr {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The number of UTF-8 characters in `text`.
size_t Characters(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

// The characters [start, end) of `text`, counted in UTF-8 characters.
std::string Substring(std::string_view text, int64_t start, int64_t end) {
  std::string out;
  int64_t index = -1;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++index;
    if (index >= start && index < end) out += text[i];
  }
  return out;
}

bool Compare(BinaryOp op, double a, double b) {
  switch (op) {
    case BinaryOp::kLess: return a < b;
    case BinaryOp::kLessEqual: return a <= b;
    case BinaryOp::kGreater: return a > b;
    case BinaryOp::kGreaterEqual: return a >= b;
    default: return false;
  }
}

// A string value cut to kMaxStringBytes.
Value Bounded(std::string text) {
  if (text.size() > kMaxStringBytes) text = CutUtf8(text, kMaxStringBytes);
  return Value::String(std::move(text));
}

class Evaluator {
 public:
  explicit Evaluator(const Scope& scope) : scope_(scope) {}

  Value Eval(const Node& node) {
    switch (node.kind) {
      case NodeKind::kNumber: return Value::Number(node.number);
      case NodeKind::kString: return Value::String(node.text);
      case NodeKind::kReference: return Bounded(scope_.Answer(node.text));
      case NodeKind::kSelf: return Bounded(scope_.Self());
      case NodeKind::kField: return Bounded(scope_.ChoiceColumn(node.text));
      case NodeKind::kNegate:
        return Value::Number(-Eval(node.args[0]).ToNumber());
      case NodeKind::kBinary: return Binary(node);
      case NodeKind::kCall: return Call(node);
    }
    return Value::String("");
  }

 private:
  Value Binary(const Node& node) {
    if (node.op == BinaryOp::kOr) {
      return Value::Boolean(Eval(node.args[0]).ToBoolean() ||
                            Eval(node.args[1]).ToBoolean());
    }
    if (node.op == BinaryOp::kAnd) {
      return Value::Boolean(Eval(node.args[0]).ToBoolean() &&
                            Eval(node.args[1]).ToBoolean());
    }
    Value a = Eval(node.args[0]);
    Value b = Eval(node.args[1]);
    switch (node.op) {
      case BinaryOp::kEqual:
      case BinaryOp::kNotEqual: {
        // XPath 1.0: booleans first, then numbers, else strings.
        bool equal;
        if (a.kind == Value::Kind::kBoolean || b.kind == Value::Kind::kBoolean) {
          equal = a.ToBoolean() == b.ToBoolean();
        } else if (a.kind == Value::Kind::kNumber ||
                   b.kind == Value::Kind::kNumber) {
          equal = a.ToNumber() == b.ToNumber();
        } else {
          equal = a.string == b.string;
        }
        return Value::Boolean(node.op == BinaryOp::kEqual ? equal : !equal);
      }
      case BinaryOp::kLess:
      case BinaryOp::kLessEqual:
      case BinaryOp::kGreater:
      case BinaryOp::kGreaterEqual:
        return Value::Boolean(Compare(node.op, a.ToNumber(), b.ToNumber()));
      case BinaryOp::kAdd: return Value::Number(a.ToNumber() + b.ToNumber());
      case BinaryOp::kSubtract: return Value::Number(a.ToNumber() - b.ToNumber());
      case BinaryOp::kMultiply: return Value::Number(a.ToNumber() * b.ToNumber());
      case BinaryOp::kDivide: return Value::Number(a.ToNumber() / b.ToNumber());
      case BinaryOp::kModulo:
        return Value::Number(std::fmod(a.ToNumber(), b.ToNumber()));
      default: return Value::String("");
    }
  }

  std::string Str(const Node& node) { return Eval(node).ToString(); }
  double Num(const Node& node) { return Eval(node).ToNumber(); }

  Value Call(const Node& node) {
    const std::string& f = node.text;
    const std::vector<Node>& args = node.args;
    if (f == "selected") {
      std::string answer = Str(args[0]);
      std::string wanted = std::string(Trim(Str(args[1])));
      for (const std::string& token : SplitWords(answer)) {
        if (token == wanted) return Value::Boolean(true);
      }
      return Value::Boolean(false);
    }
    if (f == "count-selected") {
      return Value::Number(double(SplitWords(Str(args[0])).size()));
    }
    if (f == "selected-at") {
      std::string answer = Str(args[0]);
      auto tokens = SplitWords(answer);
      double index = Num(args[1]);
      if (std::isnan(index) || index < 0 || index >= double(tokens.size())) {
        return Value::String("");
      }
      return Value::String(tokens[size_t(index)]);
    }
    if (f == "jr:choice-name") {
      // The second argument is a text holding a reference: '${question}'.
      std::string value = Str(args[0]);
      std::string question = std::string(Trim(Str(args[1])));
      if (question.starts_with("${") && question.ends_with('}')) {
        question = question.substr(2, question.size() - 3);
      }
      return Value::String(scope_.ChoiceLabel(question, value));
    }
    if (f == "if") {
      return Eval(args[0]).ToBoolean() ? Eval(args[1]) : Eval(args[2]);
    }
    if (f == "coalesce") {
      Value first = Eval(args[0]);
      return first.ToString().empty() ? Eval(args[1]) : first;
    }
    if (f == "concat") {
      std::string out;
      for (const Node& arg : args) {
        out += Str(arg);
        if (out.size() > kMaxStringBytes) break;
      }
      return Bounded(std::move(out));
    }
    if (f == "string-length") {
      return Value::Number(double(Characters(Str(args[0]))));
    }
    if (f == "contains") {
      return Value::Boolean(Str(args[0]).find(Str(args[1])) != std::string::npos);
    }
    if (f == "starts-with") {
      return Value::Boolean(std::string_view(Str(args[0])).starts_with(Str(args[1])));
    }
    if (f == "ends-with") {
      return Value::Boolean(std::string_view(Str(args[0])).ends_with(Str(args[1])));
    }
    if (f == "substr") {
      // JavaRosa's substr(text, start[, end]): 0-based, end exclusive.
      std::string text = Str(args[0]);
      double start = Num(args[1]);
      double end = args.size() > 2 ? Num(args[2]) : double(Characters(text));
      if (std::isnan(start) || std::isnan(end)) return Value::String("");
      // Clamped before they become integers: a double past int64's range
      // would not convert (found by fuzz_expression).
      const double limit = double(Characters(text)) + 1;
      start = std::clamp(start, -1.0, limit);
      end = std::clamp(end, -1.0, limit);
      return Value::String(Substring(text, int64_t(start), int64_t(end)));
    }
    if (f == "regex") {
      std::string text = Str(args[0]);
      return Value::Boolean(PatternMatches(Str(args[1]), text));
    }
    if (f == "number") return Value::Number(Num(args[0]));
    if (f == "string") return Value::String(Str(args[0]));
    if (f == "int") return Value::Number(std::trunc(Num(args[0])));
    if (f == "round") {
      double value = Num(args[0]);
      double digits = args.size() > 1 ? Num(args[1]) : 0;
      if (std::isnan(digits)) return Value::Number(kNaN);
      double scale = std::pow(10.0, std::trunc(digits));
      // Halves round away from zero, as JavaRosa's round() does.
      return Value::Number(std::round(value * scale) / scale);
    }
    if (f == "sum") {
      // Kartla's sum over a list of references: empty answers add nothing,
      // so a partly answered split still shows its running total.
      double total = 0;
      for (const Node& arg : args) {
        Value value = Eval(arg);
        if (value.kind == Value::Kind::kString && Trim(value.string).empty()) {
          continue;
        }
        total += value.ToNumber();
      }
      return Value::Number(total);
    }
    if (f == "today") return Value::String(scope_.Today());
    if (f == "now") return Value::String(scope_.Now());
    if (f == "true") return Value::Boolean(true);
    if (f == "false") return Value::Boolean(false);
    if (f == "not") return Value::Boolean(!Eval(args[0]).ToBoolean());
    return Value::String("");
  }

  const Scope& scope_;
};

}  // namespace

double Value::ToNumber() const {
  switch (kind) {
    case Kind::kNumber: return number;
    case Kind::kBoolean: return boolean ? 1 : 0;
    case Kind::kString: break;
  }
  std::string_view text = Trim(string);
  if (text.empty()) return kNaN;
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
    if (auto date = Date::Parse(text.substr(0, 10))) {
      return double(date->DaysSinceEpoch());
    }
  }
  // XPath numbers use a decimal point only; "1,5" is not a number.
  if (text.find(',') != std::string_view::npos) return kNaN;
  auto value = ParseDecimal(text);
  return value ? *value : kNaN;
}

bool Value::ToBoolean() const {
  switch (kind) {
    case Kind::kBoolean: return boolean;
    case Kind::kNumber: return number != 0 && !std::isnan(number);
    case Kind::kString: return !string.empty();
  }
  return false;
}

std::string Value::ToString() const {
  switch (kind) {
    case Kind::kString: return string;
    case Kind::kBoolean: return boolean ? "true" : "false";
    case Kind::kNumber: break;
  }
  if (!std::isfinite(number)) return "";
  if (number == std::trunc(number) && std::fabs(number) < 1e15) {
    return fmt::format("{}", int64_t(number));
  }
  return fmt::format("{}", number);
}

Value Evaluate(const Expression& expression, const Scope& scope) {
  return Evaluator(scope).Eval(expression.root());
}

}  // namespace kartla::forms::expr
