#include "responses/answering.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <set>

#include "core/clock.h"

namespace kartla::responses {
namespace {

using forms::Item;
using forms::ItemType;

bool HasAppearance(const Item& item, std::string_view word) {
  std::string appearance = AsciiLower(item.appearance);
  size_t at = appearance.find(word);
  return at != std::string::npos;
}

bool OnPage(const Item& item) {
  return forms::IsQuestion(item.type) || item.type == ItemType::kNote;
}

void AddItems(const forms::Form& form, int from, int to, std::vector<int>& out) {
  for (int i = from; i < to; ++i) {
    if (OnPage(form.items[i])) out.push_back(i);
  }
}

void AddPages(const forms::Form& form, int from, int to, std::vector<Page>& pages) {
  for (int i = from; i < to; ++i) {
    const Item& item = form.items[i];
    if (item.type == ItemType::kBeginGroup) {
      int end = item.group_end < 0 ? to : item.group_end;
      if (HasAppearance(item, "field-list") || HasAppearance(item, "table-list")) {
        Page page;
        page.group = i;
        page.section = item.section_of;
        AddItems(form, i + 1, end, page.items);
        if (!page.items.empty()) pages.push_back(std::move(page));
      } else {
        AddPages(form, i + 1, end, pages);
      }
      i = end;
      continue;
    }
    if (OnPage(item)) {
      pages.push_back(Page{{i}, item.parent, item.section_of});
    }
  }
}

// Answers longer than this are refused; a comment box needs no more.
constexpr size_t kMaxTextLength = 10000;

// A date typed as day, month and year in three fields (GOV.UK's pattern,
// posted as NAME-day, NAME-month, NAME-year): "YYYY-MM-DD", the day and
// month given two digits; "" when all three are empty. What is not a date
// stays as typed, parts in that order, so that the page shows it again and
// the check refuses it. Nullopt when none of the three was posted.
std::optional<std::string> DateOfParts(
    const std::map<std::string, std::vector<std::string>>& values, const std::string& name) {
  std::string parts[3];
  bool posted = false;
  const char* suffixes[3] = {"-year", "-month", "-day"};
  for (int p = 0; p < 3; ++p) {
    auto found = values.find(name + suffixes[p]);
    if (found == values.end() || found->second.empty()) continue;
    posted = true;
    for (char c : Trim(found->second.front())) {
      if (c != '-' && c != ' ') parts[p] += c;  // a dash would split it wrongly again
    }
  }
  if (!posted) return std::nullopt;
  if (parts[0].empty() && parts[1].empty() && parts[2].empty()) return std::string();
  for (int p = 1; p < 3; ++p) {
    if (parts[p].size() == 1 && std::isdigit(static_cast<unsigned char>(parts[p][0]))) {
      parts[p] = "0" + parts[p];
    }
  }
  return parts[0] + "-" + parts[1] + "-" + parts[2];
}

}  // namespace

std::map<std::string, std::string> DraftOfPage(const std::map<std::string, std::string>& changes,
                                               const std::vector<AnswerError>& errors) {
  std::map<std::string, std::string> draft = changes;
  for (const AnswerError& error : errors) {
    draft.erase(error.name);
    draft.erase(error.name + "_other");
  }
  return draft;
}

DateParts DatePartsOf(std::string_view value) {
  if (auto day = Date::Parse(value)) {
    return {std::to_string(day->day()), std::to_string(day->month()),
            std::to_string(day->year())};
  }
  const size_t first = value.find('-');
  const size_t second = first == std::string_view::npos ? first : value.find('-', first + 1);
  if (second == std::string_view::npos || value.find('-', second + 1) != std::string_view::npos) {
    return {"", "", std::string(value)};
  }
  return {std::string(value.substr(second + 1)),
          std::string(value.substr(first + 1, second - first - 1)),
          std::string(value.substr(0, first))};
}

std::vector<Page> PagesOf(const forms::Form& form) {
  std::vector<Page> pages;
  AddPages(form, 0, int(form.items.size()), pages);
  return pages;
}

Answering::Answering(const forms::Form& form, const forms::DependencyGraph& graph,
                     const std::vector<Page>& pages,
                     const std::map<std::string, std::string>& answers,
                     Lang lang, std::string today)
    : form_(form),
      pages_(pages),
      lang_(lang),
      state_(form, graph, lang, std::move(today)) {
  state_.Load(answers);
  for (const Item& item : form_.items) {
    if (!item.or_other) continue;
    auto found = answers.find(item.name + "_other");
    if (found != answers.end()) others_[found->first] = found->second;
  }
}

std::string Answering::OtherText(const Item& item) const {
  auto found = others_.find(item.name + "_other");
  return found == others_.end() ? std::string() : found->second;
}

bool Answering::PageShown(int index) const {
  if (index < 0 || index >= int(pages_.size())) return false;
  for (int item : pages_[index].items) {
    if (state_.Relevant(item)) return true;
  }
  return false;
}

int Answering::NextPage(int index) const {
  for (int i = index + 1; i < int(pages_.size()); ++i) {
    if (PageShown(i)) return i;
  }
  return -1;
}

int Answering::PreviousPage(int index) const {
  for (int i = std::min(index, int(pages_.size())) - 1; i >= 0; --i) {
    if (PageShown(i)) return i;
  }
  return -1;
}

int Answering::ShownPosition(int index) const {
  int position = 0;
  for (int i = 0; i <= index && i < int(pages_.size()); ++i) {
    position += PageShown(i) ? 1 : 0;
  }
  return position;
}

int Answering::ShownCount() const {
  int count = 0;
  for (int i = 0; i < int(pages_.size()); ++i) count += PageShown(i) ? 1 : 0;
  return count;
}

std::string Answering::Answer(int item) const { return state_.Value(item); }

std::string Answering::LabelOf(const Item& item) const {
  const std::string& text = item.label.Get(lang_);
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = text.find("${", i);
    if (start == std::string::npos) break;
    size_t end = text.find('}', start);
    if (end == std::string::npos) break;
    out += text.substr(i, start - i);
    const Item* named = form_.FindItem(text.substr(start + 2, end - start - 2));
    if (named != nullptr) out += state_.Value(named->index);
    i = end + 1;
  }
  return out + text.substr(i);
}

std::string Answering::QuestionLabelOf(const Item& item) const {
  const Item* group = form_.FieldGroupOf(item);
  if (group == nullptr || group->label.Get(lang_).empty()) return LabelOf(item);
  return group->label.Get(lang_) + " – " + LabelOf(item);
}

std::vector<const forms::Choice*> Answering::ChoicesOf(const Item& item) const {
  std::vector<const forms::Choice*> choices;
  const forms::ChoiceList* list = form_.ListOf(item);
  if (list == nullptr) return choices;
  for (const forms::Choice& choice : list->choices) {
    if (state_.ChoiceShown(item.index, choice)) choices.push_back(&choice);
  }
  return choices;
}

std::vector<AnswerError> Answering::CheckItem(const Item& item) const {
  std::vector<AnswerError> errors;
  auto fail = [&](std::string code, LocalizedText text = {}) {
    errors.push_back(AnswerError{item.name, std::move(code), std::move(text)});
  };
  if (!state_.Relevant(item.index) || !forms::IsQuestion(item.type)) {
    return errors;
  }
  const std::string& value = state_.Value(item.index);
  if (value.empty()) {
    bool required = item.required_always;
    if (!required && item.required.expression) {
      required = state_.EvaluateFor(item.index, *item.required.expression).ToBoolean();
    }
    // A box to tick says what ticking it is for (its label, beside the
    // message in the error summary).
    if (required) {
      fail(item.type == ItemType::kAcknowledge ? "acknowledge_required" : "required",
           item.required_message);
    }
    return errors;
  }
  if (value.size() > kMaxTextLength) {
    fail("too_long");
    return errors;
  }
  auto choices = ChoicesOf(item);
  auto in_list = [&](const std::string& name) {
    if (item.or_other && name == "other") return true;
    return std::any_of(choices.begin(), choices.end(),
                       [&](const forms::Choice* c) { return c->name == name; });
  };
  switch (item.type) {
    case ItemType::kInteger: {
      auto number = ParseInteger(value);
      if (!number) fail("not_integer");
      else if (std::llabs(*number) > 999'999'999'999LL) fail("out_of_range");
      break;
    }
    case ItemType::kDecimal: {
      auto number = ParseDecimal(value);
      if (!number || !std::isfinite(*number)) fail("not_decimal");
      break;
    }
    case ItemType::kRange: {
      auto number = ParseDecimal(value);
      forms::RangeBounds range = forms::RangeOf(item);
      double steps = number ? (*number - range.start) / range.step : 0;
      if (!number || *number < range.start || *number > range.end ||
          std::fabs(steps - std::round(steps)) > 1e-9) {
        fail("out_of_range");
      }
      break;
    }
    case ItemType::kDate:
      if (!Date::Parse(value)) fail("not_date");
      break;
    case ItemType::kSelectOne:
      if (!in_list(value)) fail("not_in_list");
      if (item.or_other && value == "other" && Trim(OtherText(item)).empty()) {
        fail("other_missing");
      }
      break;
    case ItemType::kSelectMultiple:
    case ItemType::kRank: {
      auto tokens = SplitWords(value);
      std::set<std::string> seen;
      for (const std::string& token : tokens) {
        if (!in_list(token) || !seen.insert(token).second) {
          fail("not_in_list");
          return errors;
        }
      }
      if (item.max_choices && int(tokens.size()) > *item.max_choices) {
        fail("too_many");
      }
      break;
    }
    default:
      break;
  }
  if (errors.empty() && item.constraint.expression &&
      !state_.EvaluateFor(item.index, *item.constraint.expression).ToBoolean()) {
    fail("constraint", item.constraint_message);
  }
  return errors;
}

std::vector<AnswerError> Answering::Post(
    int index, const std::map<std::string, std::vector<std::string>>& values,
    std::map<std::string, std::string>& changes) {
  std::vector<AnswerError> errors;
  if (index < 0 || index >= int(pages_.size())) return errors;
  const Page& page = pages_[index];
  // Questions of the page the respondent could not see: one this post
  // reveals and that is still empty is shown when the page comes back,
  // not refused unseen.
  std::vector<bool> unseen(form_.items.size(), false);
  for (int i : page.items) unseen[size_t(i)] = !state_.Relevant(i);
  for (int i : page.items) {
    const Item& item = form_.items[i];
    if (!forms::IsQuestion(item.type)) continue;
    auto found = values.find(item.name);
    std::string value;
    if (item.type == ItemType::kDate && found == values.end()) {
      value = DateOfParts(values, item.name).value_or("");
    } else if (found != values.end()) {
      if (item.type == ItemType::kSelectMultiple || item.type == ItemType::kRank) {
        // In the order of the list for select_multiple, as posted for rank.
        std::vector<std::string> chosen;
        for (const std::string& v : found->second) {
          std::string token(Trim(v));
          if (!token.empty() &&
              std::find(chosen.begin(), chosen.end(), token) == chosen.end()) {
            chosen.push_back(token);
          }
        }
        if (item.type == ItemType::kSelectMultiple) {
          if (const forms::ChoiceList* list = form_.ListOf(item)) {
            std::vector<std::string> ordered;
            for (const forms::Choice& c : list->choices) {
              if (std::find(chosen.begin(), chosen.end(), c.name) != chosen.end()) {
                ordered.push_back(c.name);
              }
            }
            // Unknown names stay, at the end, so that the check refuses them.
            for (const std::string& c : chosen) {
              if (!list->Find(c)) ordered.push_back(c);
            }
            chosen = std::move(ordered);
          }
        }
        for (const std::string& token : chosen) {
          value += (value.empty() ? "" : " ") + token;
        }
      } else if (!found->second.empty()) {
        value = item.type == ItemType::kText
                    ? found->second.front()
                    : std::string(Trim(found->second.front()));
        if (item.type == ItemType::kText && Trim(value).empty()) value.clear();
        if (item.type == ItemType::kDecimal || item.type == ItemType::kInteger) {
          // As the page's language writes numbers: "1 234,5" in Finnish.
          value = NormalizeTypedNumber(value, lang_);
        }
      }
    }
    state_.SetAnswer(item.name, value);
    if (item.or_other) {
      auto other = values.find(item.name + "_other");
      std::string text = other == values.end() || other->second.empty()
                             ? std::string()
                             : std::string(Trim(other->second.front()));
      others_[item.name + "_other"] = value == "other" ? text : std::string();
    }
  }
  for (int i : page.items) {
    const Item& item = form_.items[i];
    if (!forms::IsQuestion(item.type)) continue;
    if (!state_.Relevant(i) && !state_.Value(i).empty()) {
      state_.SetAnswer(item.name, "");
    }
    changes[item.name] = state_.Value(i);
    if (item.or_other) {
      if (state_.Value(i) != "other") others_[item.name + "_other"].clear();
      changes[item.name + "_other"] = others_[item.name + "_other"];
    }
    if (unseen[size_t(i)] && state_.Value(i).empty()) continue;
    auto found = CheckItem(item);
    errors.insert(errors.end(), found.begin(), found.end());
  }
  return errors;
}

int Answering::MinutesToAnswer() const {
  int seconds = 0;
  for (int p = 0; p < int(pages_.size()); ++p) {
    if (!PageShown(p)) continue;
    for (int i : pages_[p].items) {
      const Item& item = form_.items[i];
      if (!state_.Relevant(i)) continue;
      switch (item.type) {
        case ItemType::kSelectOne:
        case ItemType::kRange: seconds += 10; break;
        case ItemType::kSelectMultiple:
        case ItemType::kRank: seconds += 20; break;
        case ItemType::kInteger:
        case ItemType::kDecimal: seconds += 40; break;
        case ItemType::kDate: seconds += 15; break;
        case ItemType::kText:
          seconds += item.appearance.find("multiline") != std::string::npos ? 120 : 60;
          break;
        case ItemType::kAcknowledge: seconds += 5; break;
        default: break;
      }
    }
  }
  const int minutes = std::max(1, (seconds + 59) / 60);
  return minutes <= 10 ? minutes : (minutes + 4) / 5 * 5;
}

std::vector<AnswerError> Answering::CheckAll() {
  std::vector<AnswerError> errors;
  for (int p = 0; p < int(pages_.size()); ++p) {
    if (!PageShown(p)) continue;
    for (int i : pages_[p].items) {
      auto found = CheckItem(form_.items[i]);
      errors.insert(errors.end(), found.begin(), found.end());
    }
  }
  return errors;
}

}  // namespace kartla::responses
