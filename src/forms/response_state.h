// The live state of one response while it is answered: answers, values of
// calculations and which items are relevant. A change of one answer
// re-evaluates only the expressions that depend on it (DependencyGraph).
#ifndef KARTLA_FORMS_RESPONSE_STATE_H_
#define KARTLA_FORMS_RESPONSE_STATE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "forms/expr/expression.h"
#include "forms/form.h"

namespace kartla::forms {

// Which items must be looked at again when an item's value changes. Built
// once per form; immutable and safe to share between threads.
class DependencyGraph {
 public:
  // REQUIRES: `form` passed BuildForm without errors (no cycles).
  explicit DependencyGraph(const Form& form);

  // The items whose relevance or calculation may change when item `index`
  // changes, directly or through calculations and enclosing groups, in an
  // order in which they can be evaluated (each after what it reads).
  const std::vector<int>& Affected(int index) const { return affected_[index]; }
  // All items in evaluation order.
  const std::vector<int>& Order() const { return order_; }

 private:
  std::vector<int> order_;
  std::vector<std::vector<int>> affected_;
};

// The values a response's expressions see. Not thread-safe; one per
// response being answered.
class ResponseState {
 public:
  // `form` and `graph` must outlive the state. Starts with no answers and
  // evaluates everything once.
  ResponseState(const Form& form, const DependencyGraph& graph, Lang lang,
                std::string today);

  // Sets the answer of item `name` (a question or hidden field) and
  // re-evaluates what depends on it. Returns the number of items evaluated.
  // REQUIRES: the form has an item called `name`.
  int SetAnswer(std::string_view name, std::string value);
  // Re-evaluates every calculation and relevance; returns the count.
  int EvaluateAll();
  // Replaces all answers (those of calculations are ignored) and
  // re-evaluates everything.
  void Load(const std::map<std::string, std::string>& answers);

  // Evaluates `expression` as an expression of item `index`: "." is its
  // value (a constraint, a required condition).
  expr::Value EvaluateFor(int index, const expr::Expression& expression) const;
  // True if `choice` passes the choice_filter of item `index` (or it has
  // none).
  bool ChoiceShown(int index, const Choice& choice) const;

  // The answer, or for a calculate its computed value.
  const std::string& Value(int index) const { return values_[index]; }
  // True if the item and every group around it are relevant.
  bool Relevant(int index) const;

 private:
  void Evaluate(int index);

  const Form& form_;
  const DependencyGraph& graph_;
  const Lang lang_;
  const std::string today_;
  std::vector<std::string> values_;
  std::vector<char> own_relevant_;  // the item's own relevant column
};

}  // namespace kartla::forms

#endif  // KARTLA_FORMS_RESPONSE_STATE_H_
