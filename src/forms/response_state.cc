#include "forms/response_state.h"

#include <algorithm>
#include <set>

namespace kartla::forms {
namespace {

// The expressions that decide an item's relevance and value.
std::vector<const expr::Expression*> Inputs(const Item& item) {
  std::vector<const expr::Expression*> inputs;
  for (const ItemExpression* slot : {&item.relevant, &item.calculation}) {
    if (slot->expression) inputs.push_back(slot->expression.get());
  }
  return inputs;
}

class StateScope : public expr::Scope {
 public:
  StateScope(const ResponseState& state, const Form& form, Lang lang,
             const std::string& today, int self = -1,
             const Choice* choice = nullptr)
      : state_(state),
        form_(form),
        lang_(lang),
        today_(today),
        self_(self),
        choice_(choice) {}

  // As in XLSForm, the answer to a question that is not relevant is empty.
  std::string Answer(std::string_view name) const override {
    const Item* item = form_.FindItem(name);
    if (item == nullptr || !state_.Relevant(item->index)) return std::string();
    return state_.Value(item->index);
  }
  std::string Self() const override {
    return self_ >= 0 ? state_.Value(self_) : std::string();
  }
  std::string ChoiceColumn(std::string_view column) const override {
    if (choice_ == nullptr) return "";
    if (column == "name") return choice_->name;
    if (column == "label") return choice_->label.Get(lang_);
    auto found = choice_->extra.find(std::string(column));
    return found == choice_->extra.end() ? std::string() : found->second;
  }
  std::string ChoiceLabel(std::string_view question,
                          std::string_view choice) const override {
    const Item* item = form_.FindItem(question);
    const ChoiceList* list = item ? form_.ListOf(*item) : nullptr;
    const Choice* found = list ? list->Find(choice) : nullptr;
    return found ? found->label.Get(lang_) : std::string();
  }
  std::string Today() const override { return today_; }
  std::string Now() const override { return today_ + "T00:00:00Z"; }

 private:
  const ResponseState& state_;
  const Form& form_;
  const Lang lang_;
  const std::string& today_;
  const int self_;
  const Choice* const choice_;
};

}  // namespace

DependencyGraph::DependencyGraph(const Form& form) {
  const size_t n = form.items.size();
  // dependents[i]: items whose relevance or value read item i.
  std::vector<std::vector<int>> dependents(n);
  std::vector<int> waiting(n, 0);  // inputs not yet ordered (Kahn)
  for (const Item& item : form.items) {
    std::set<int> inputs;
    for (const expr::Expression* expression : Inputs(item)) {
      for (const std::string& name : expression->references()) {
        if (const Item* input = form.FindItem(name)) inputs.insert(input->index);
      }
    }
    if (item.parent >= 0) inputs.insert(item.parent);
    inputs.erase(item.index);
    for (int input : inputs) dependents[input].push_back(item.index);
    waiting[item.index] = int(inputs.size());
  }
  std::vector<int> ready;
  for (size_t i = 0; i < n; ++i) {
    if (waiting[i] == 0) ready.push_back(int(i));
  }
  std::vector<int> rank(n, 0);
  // Ready items in sheet order, so that the order is stable.
  std::reverse(ready.begin(), ready.end());
  while (!ready.empty()) {
    int next = ready.back();
    ready.pop_back();
    rank[next] = int(order_.size());
    order_.push_back(next);
    for (int dependent : dependents[next]) {
      if (--waiting[dependent] == 0) ready.push_back(dependent);
    }
  }
  affected_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    std::set<int> seen;
    std::vector<int> stack(dependents[i].begin(), dependents[i].end());
    while (!stack.empty()) {
      int next = stack.back();
      stack.pop_back();
      if (!seen.insert(next).second) continue;
      stack.insert(stack.end(), dependents[next].begin(), dependents[next].end());
    }
    affected_[i].assign(seen.begin(), seen.end());
    std::sort(affected_[i].begin(), affected_[i].end(),
              [&rank](int a, int b) { return rank[a] < rank[b]; });
  }
}

ResponseState::ResponseState(const Form& form, const DependencyGraph& graph,
                             Lang lang, std::string today)
    : form_(form),
      graph_(graph),
      lang_(lang),
      today_(std::move(today)),
      values_(form.items.size()),
      own_relevant_(form.items.size(), 1) {
  EvaluateAll();
}

void ResponseState::Evaluate(int index) {
  const Item& item = form_.items[index];
  StateScope scope(*this, form_, lang_, today_);
  if (item.relevant.expression) {
    own_relevant_[index] =
        expr::Evaluate(*item.relevant.expression, scope).ToBoolean();
  }
  if (item.calculation.expression) {
    values_[index] = Relevant(index)
                         ? expr::Evaluate(*item.calculation.expression, scope)
                               .ToString()
                         : std::string();
  }
}

int ResponseState::SetAnswer(std::string_view name, std::string value) {
  const Item* item = form_.FindItem(name);
  values_[item->index] = std::move(value);
  const std::vector<int>& affected = graph_.Affected(item->index);
  for (int index : affected) Evaluate(index);
  return int(affected.size());
}

int ResponseState::EvaluateAll() {
  for (int index : graph_.Order()) Evaluate(index);
  return int(graph_.Order().size());
}

void ResponseState::Load(const std::map<std::string, std::string>& answers) {
  for (const Item& item : form_.items) {
    if (item.type == ItemType::kCalculate || item.type == ItemType::kEndGroup) {
      continue;
    }
    auto found = answers.find(item.name);
    values_[item.index] = found == answers.end() ? std::string() : found->second;
  }
  EvaluateAll();
}

expr::Value ResponseState::EvaluateFor(int index,
                                       const expr::Expression& expression) const {
  StateScope scope(*this, form_, lang_, today_, index);
  return expr::Evaluate(expression, scope);
}

bool ResponseState::ChoiceShown(int index, const Choice& choice) const {
  const Item& item = form_.items[index];
  if (!item.choice_filter.expression) return true;
  StateScope scope(*this, form_, lang_, today_, index, &choice);
  return expr::Evaluate(*item.choice_filter.expression, scope).ToBoolean();
}

bool ResponseState::Relevant(int index) const {
  for (int i = index; i >= 0; i = form_.items[i].parent) {
    if (!own_relevant_[i]) return false;
  }
  return true;
}

}  // namespace kartla::forms
