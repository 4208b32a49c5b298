#include "forms/form.h"

namespace kartla::forms {
namespace {

struct PrefillNameEntry {
  Prefill prefill;
  std::string_view name;
};
constexpr PrefillNameEntry kPrefills[] = {
    {Prefill::kOrganisationCode, "organisation_code"},
    {Prefill::kKind, "kind"},
    {Prefill::kRegion, "region"},
    {Prefill::kSizeClass, "size_class"},
    {Prefill::kLanguage, "language"},
    {Prefill::kRole, "role"},
};

}  // namespace

std::string_view ItemTypeName(ItemType type) {
  switch (type) {
    case ItemType::kSelectOne: return "select_one";
    case ItemType::kSelectMultiple: return "select_multiple";
    case ItemType::kRank: return "rank";
    case ItemType::kInteger: return "integer";
    case ItemType::kDecimal: return "decimal";
    case ItemType::kRange: return "range";
    case ItemType::kText: return "text";
    case ItemType::kDate: return "date";
    case ItemType::kNote: return "note";
    case ItemType::kCalculate: return "calculate";
    case ItemType::kHidden: return "hidden";
    case ItemType::kAcknowledge: return "acknowledge";
    case ItemType::kBeginGroup: return "begin group";
    case ItemType::kEndGroup: return "end group";
  }
  return "?";
}

bool IsQuestion(ItemType type) {
  switch (type) {
    case ItemType::kNote:
    case ItemType::kCalculate:
    case ItemType::kHidden:
    case ItemType::kBeginGroup:
    case ItemType::kEndGroup:
      return false;
    default:
      return true;
  }
}

bool IsSelect(ItemType type) {
  return type == ItemType::kSelectOne || type == ItemType::kSelectMultiple ||
         type == ItemType::kRank;
}

std::string_view PrefillName(Prefill prefill) {
  for (const auto& entry : kPrefills) {
    if (entry.prefill == prefill) return entry.name;
  }
  return "";
}

std::optional<Prefill> ParsePrefill(std::string_view name) {
  for (const auto& entry : kPrefills) {
    if (entry.name == name) return entry.prefill;
  }
  return std::nullopt;
}

const Choice* ChoiceList::Find(std::string_view choice_name) const {
  for (const Choice& choice : choices) {
    if (choice.name == choice_name) return &choice;
  }
  return nullptr;
}

const Item* Form::FindItem(std::string_view name) const {
  auto found = item_index.find(name);
  return found == item_index.end() ? nullptr : &items[found->second];
}

const ChoiceList* Form::FindList(std::string_view name) const {
  for (const ChoiceList& list : lists) {
    if (list.name == name) return &list;
  }
  return nullptr;
}

const ChoiceList* Form::ListOf(const Item& item) const {
  return IsSelect(item.type) ? FindList(item.list_name) : nullptr;
}

int Form::QuestionCount() const {
  int count = 0;
  for (const Item& item : items) count += IsQuestion(item.type) ? 1 : 0;
  return count;
}

}  // namespace kartla::forms
