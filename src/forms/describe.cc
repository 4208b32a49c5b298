#include "forms/describe.h"

#include <fmt/format.h>

#include "forms/expr/expression.h"

namespace kartla::forms {
namespace {

using expr::BinaryOp;
using expr::Node;
using expr::NodeKind;

struct Words {
  LocalizedText answer_if{"Vastaa, jos {}.", "Svara om {}.", "Answer if {}."};
  LocalizedText is{"“{}” on “{}”", "”{}” är ”{}”", "“{}” is “{}”"};
  LocalizedText is_not{"“{}” ei ole “{}”", "”{}” inte är ”{}”", "“{}” is not “{}”"};
  LocalizedText chosen{"kohdassa “{}” on valittu “{}”", "”{1}” är valt i ”{0}”",
                       "“{1}” is chosen in “{0}”"};
  LocalizedText not_chosen{"kohdassa “{}” ei ole valittu “{}”", "”{1}” inte är valt i ”{0}”",
                           "“{1}” is not chosen in “{0}”"};
  LocalizedText answered{"kohtaan “{}” on vastattu", "”{}” är besvarad", "“{}” is answered"};
  LocalizedText unanswered{"kohtaan “{}” ei ole vastattu", "”{}” inte är besvarad",
                           "“{}” is not answered"};
  LocalizedText both{"{} ja {}", "{} och {}", "{} and {}"};
  LocalizedText either{"{} tai {}", "{} eller {}", "{} or {}"};
  LocalizedText earlier{"Vastaa, jos aiemmat vastauksesi sitä edellyttävät.",
                        "Svara om dina tidigare svar kräver det.",
                        "Answer if your earlier answers call for it."};
};

const Words& TheWords() {
  static const Words* words = new Words();
  return *words;
}

class Describer {
 public:
  Describer(const Form& form, Lang lang) : form_(form), lang_(lang) {}

  std::optional<std::string> Say(const Node& node, bool negated = false) const {
    const Words& w = TheWords();
    switch (node.kind) {
      case NodeKind::kBinary: {
        if (node.op == BinaryOp::kAnd || node.op == BinaryOp::kOr) {
          if (negated) return std::nullopt;
          auto a = Say(node.args[0]), b = Say(node.args[1]);
          if (!a || !b) return std::nullopt;
          return fmt::format(fmt::runtime(
                                 (node.op == BinaryOp::kAnd ? w.both : w.either).Get(lang_)),
                             *a, *b);
        }
        if (node.op != BinaryOp::kEqual && node.op != BinaryOp::kNotEqual) return std::nullopt;
        const Node* reference = &node.args[0];
        const Node* value = &node.args[1];
        if (reference->kind != NodeKind::kReference) std::swap(reference, value);
        const Item* item = form_.FindItem(reference->kind == NodeKind::kReference
                                              ? reference->text
                                              : std::string());
        if (!item) return std::nullopt;
        const bool equal = (node.op == BinaryOp::kEqual) != negated;
        if (value->kind == NodeKind::kString && value->text.empty()) {
          return Fill(equal ? w.unanswered : w.answered, Label(*item));
        }
        std::string said;
        if (value->kind == NodeKind::kString) said = ChoiceLabel(*item, value->text);
        else if (value->kind == NodeKind::kNumber) {
          said = FormatNumberText(expr::Value::Number(value->number).ToString(), lang_);
        }
        else return std::nullopt;
        return Fill(equal ? w.is : w.is_not, Label(*item), said);
      }
      case NodeKind::kCall: {
        if (node.text == "not" && node.args.size() == 1) return Say(node.args[0], !negated);
        if (node.text == "selected" && node.args.size() == 2 &&
            node.args[0].kind == NodeKind::kReference && node.args[1].kind == NodeKind::kString) {
          const Item* item = form_.FindItem(node.args[0].text);
          if (!item) return std::nullopt;
          return Fill(negated ? w.not_chosen : w.chosen, Label(*item),
                      ChoiceLabel(*item, node.args[1].text));
        }
        return std::nullopt;
      }
      default:
        return std::nullopt;
    }
  }

 private:
  std::string Label(const Item& item) const { return form_.QuestionLabel(item).Get(lang_); }

  std::string ChoiceLabel(const Item& item, const std::string& name) const {
    if (const ChoiceList* list = form_.ListOf(item)) {
      for (const Choice& choice : list->choices) {
        if (choice.name == name) return choice.label.Get(lang_);
      }
    }
    return name;
  }

  std::string Fill(const LocalizedText& text, const std::string& a,
                   const std::string& b = std::string()) const {
    return fmt::format(fmt::runtime(text.Get(lang_)), a, b);
  }

  const Form& form_;
  const Lang lang_;
};

}  // namespace

std::optional<std::string> DescribeWhenAsked(const Form& form, const Item& item, Lang lang) {
  // The item's own condition and its groups', innermost first.
  std::vector<std::string> parts;
  bool unsaid = false;
  for (const Item* at = &item; at != nullptr;
       at = at->parent >= 0 ? &form.items[size_t(at->parent)] : nullptr) {
    if (at->relevant.empty() || !at->relevant.expression) continue;
    auto said = Describer(form, lang).Say(at->relevant.expression->root());
    if (said) parts.push_back(*said);
    else unsaid = true;
  }
  if (unsaid) return TheWords().earlier.Get(lang);
  if (parts.empty()) return std::nullopt;
  std::string joined = parts.back();
  for (size_t i = parts.size() - 1; i-- > 0;) {
    joined = fmt::format(fmt::runtime(TheWords().both.Get(lang)), joined, parts[i]);
  }
  return fmt::format(fmt::runtime(TheWords().answer_if.Get(lang)), joined);
}

}  // namespace kartla::forms
