#include "forms/form.h"

#include <algorithm>

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

Result<RangeBounds> ParseRangeParameters(std::string_view parameters) {
  RangeBounds range;
  std::string text(parameters);
  std::replace(text.begin(), text.end(), ';', ' ');
  std::replace(text.begin(), text.end(), ',', ' ');
  for (const std::string& part : SplitWords(text)) {
    size_t equals = part.find('=');
    if (equals == std::string::npos) {
      return Status::InvalidInput("form_range_parameter",
                                  "parameter \"{0}\" is not of the form key=value", {part});
    }
    std::string key = AsciiLower(Trim(std::string_view(part).substr(0, equals)));
    auto value = ParseDecimal(Trim(std::string_view(part).substr(equals + 1)));
    if (!value) {
      return Status::InvalidInput("form_range_not_number", "parameter \"{0}\" needs a number",
                                  {key});
    }
    if (key == "start") {
      range.start = *value;
    } else if (key == "end") {
      range.end = *value;
    } else if (key == "step") {
      range.step = *value;
    } else {
      return Status::InvalidInput("form_range_unknown",
                                  "range has no parameter \"{0}\" (start, end, step)", {key});
    }
  }
  if (range.step <= 0) {
    return Status::InvalidInput("form_range_step", "range step must be more than 0", {});
  }
  if (range.start >= range.end) {
    return Status::InvalidInput("form_range_order", "range start must be less than its end", {});
  }
  return range;
}

RangeBounds RangeOf(const Item& item) {
  auto range = ParseRangeParameters(item.parameters);
  return range.ok() ? *range : RangeBounds{};
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

std::map<std::string, std::string> PrefilledAnswers(
    const Form& form, const std::map<std::string, std::string>& facts) {
  std::map<std::string, std::string> answers;
  for (const Item& item : form.items) {
    if (item.prefill == Prefill::kNone) continue;
    auto fact = facts.find(std::string(PrefillName(item.prefill)));
    if (fact != facts.end() && !fact->second.empty()) answers[item.name] = fact->second;
  }
  return answers;
}

const Item* Form::FieldGroupOf(const Item& item) const {
  if (item.parent < 0 || size_t(item.parent) >= items.size()) return nullptr;
  const Item& group = items[size_t(item.parent)];
  return group.parent >= 0 ? &group : nullptr;
}

LocalizedText Form::QuestionLabel(const Item& item) const {
  const Item* group = FieldGroupOf(item);
  if (group == nullptr || group->label.empty()) return item.label;
  LocalizedText out;
  for (Lang lang : kAllLangs) {
    const std::string& field = item.label.Get(lang);
    const std::string& whole = group->label.Get(lang);
    out.Mutable(lang) = field.empty() ? whole : whole + " – " + field;
  }
  return out;
}

int Form::QuestionCount() const {
  int count = 0;
  for (const Item& item : items) count += IsQuestion(item.type) ? 1 : 0;
  return count;
}

}  // namespace kartla::forms
