#include "stats/dataset.h"

#include <cmath>

namespace kartla::stats {
namespace {

using forms::ItemType;

DatasetColumn::Kind KindOf(const forms::Item& item, const forms::ChoiceList* list) {
  switch (item.type) {
    case ItemType::kSelectOne: return DatasetColumn::Kind::kChoice;
    case ItemType::kSelectMultiple:
      return list && list->choices.size() <= 64 ? DatasetColumn::Kind::kMultiple
                                                : DatasetColumn::Kind::kText;
    case ItemType::kInteger:
    case ItemType::kDecimal:
    case ItemType::kRange: return DatasetColumn::Kind::kNumber;
    default: return DatasetColumn::Kind::kText;
  }
}

const forms::ChoiceList* ListOf(const forms::Form& form, const forms::Item& item) {
  for (const forms::ChoiceList& list : form.lists) {
    if (list.name == item.list_name) return &list;
  }
  return nullptr;
}

int ChoiceIndex(const DatasetColumn& column, std::string_view name) {
  for (size_t j = 0; j < column.choices.size(); ++j) {
    if (column.choices[j] == name) return int(j);
  }
  return -1;
}

}  // namespace

const DatasetColumn* Dataset::Column(std::string_view name) const {
  for (const DatasetColumn& column : columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

const DatasetDimension* Dataset::Dimension(std::string_view id) const {
  for (const DatasetDimension& dimension : dimensions) {
    if (dimension.id == id) return &dimension;
  }
  return nullptr;
}

Dataset BuildDataset(const forms::Form& form, std::span<const RespondentAnswers> respondents,
                     const Registry& registry) {
  Dataset data;
  data.rows = respondents.size();
  for (const RespondentAnswers& respondent : respondents) {
    data.organisations.push_back(respondent.organisation);
    data.roles.push_back(respondent.role);
  }
  for (const forms::Item& item : form.items) {
    if (!forms::IsQuestion(item.type) || item.type == ItemType::kRank) continue;
    const forms::ChoiceList* list = forms::IsSelect(item.type) ? ListOf(form, item) : nullptr;
    DatasetColumn column;
    column.name = item.name;
    column.label = item.label;
    column.kind = KindOf(item, list);
    if (list && column.kind != DatasetColumn::Kind::kText) {
      for (const forms::Choice& choice : list->choices) {
        column.choices.push_back(choice.name);
        column.choice_labels.push_back(choice.label);
      }
      if (item.or_other) {
        column.choices.push_back("other");
        column.choice_labels.push_back({"Muu", "Annat", "Other"});
      }
    }
    for (const RespondentAnswers& respondent : respondents) {
      auto found = respondent.answers->find(item.name);
      const std::string* answer =
          found == respondent.answers->end() ? nullptr : &found->second;
      switch (column.kind) {
        case DatasetColumn::Kind::kChoice:
          column.codes.push_back(int16_t(answer ? ChoiceIndex(column, *answer) : -1));
          break;
        case DatasetColumn::Kind::kMultiple: {
          uint64_t bits = 0;
          if (answer) {
            for (size_t start = 0; start < answer->size();) {
              size_t space = answer->find(' ', start);
              int j = ChoiceIndex(column, std::string_view(*answer).substr(
                                              start, space == std::string::npos
                                                         ? std::string::npos
                                                         : space - start));
              if (j >= 0) bits |= uint64_t(1) << j;
              if (space == std::string::npos) break;
              start = space + 1;
            }
          }
          column.bits.push_back(bits);
          break;
        }
        case DatasetColumn::Kind::kNumber: {
          double value = std::nan("");
          if (answer && !answer->empty()) {
            char* end = nullptr;
            double parsed = std::strtod(answer->c_str(), &end);
            if (end == answer->c_str() + answer->size()) value = parsed;
          }
          column.numbers.push_back(value);
          break;
        }
        case DatasetColumn::Kind::kText:
          column.texts.push_back(answer ? *answer : "");
          break;
      }
    }
    data.columns.push_back(std::move(column));
  }
  for (const kartla::Dimension& dimension : registry.dimensions()) {
    DatasetDimension out;
    out.id = dimension.id;
    out.label = dimension.label;
    std::map<std::string, int> index;
    for (const Category& category : dimension.categories) {
      index[category.code] = int(out.categories.size());
      out.categories.push_back(category.code);
      out.category_labels.push_back(category.label);
    }
    for (const std::string& code : data.organisations) {
      const Organisation* organisation = registry.Find(code);
      auto category = organisation ? dimension.Classify(*organisation) : std::nullopt;
      auto found = category ? index.find(*category) : index.end();
      out.codes.push_back(found == index.end() ? -1 : found->second);
    }
    data.dimensions.push_back(std::move(out));
  }
  return data;
}

DatasetDimension Cross(const DatasetDimension& first, const DatasetDimension& second) {
  DatasetDimension out;
  out.id = first.id + "*" + second.id;
  for (Lang lang : kAllLangs) {
    out.label.Mutable(lang) = first.label.Get(lang) + " × " + second.label.Get(lang);
  }
  for (size_t a = 0; a < first.categories.size(); ++a) {
    for (size_t b = 0; b < second.categories.size(); ++b) {
      out.categories.push_back(first.categories[a] + "*" + second.categories[b]);
      LocalizedText label;
      for (Lang lang : kAllLangs) {
        label.Mutable(lang) =
            first.category_labels[a].Get(lang) + " × " + second.category_labels[b].Get(lang);
      }
      out.category_labels.push_back(std::move(label));
    }
  }
  const int width = int(second.categories.size());
  for (size_t i = 0; i < first.codes.size(); ++i) {
    bool both = first.codes[i] >= 0 && second.codes[i] >= 0;
    out.codes.push_back(both ? first.codes[i] * width + second.codes[i] : -1);
  }
  return out;
}

std::optional<Distribution> Distribute(const Dataset& dataset, const DatasetColumn& column,
                                       const DatasetDimension* dimension, int k) {
  if (column.kind != DatasetColumn::Kind::kChoice &&
      column.kind != DatasetColumn::Kind::kMultiple) {
    return std::nullopt;
  }
  Distribution out;
  out.categories = column.choices;
  const size_t groups = dimension ? dimension->categories.size() : 0;
  if (dimension) out.groups = dimension->categories;
  out.groups.push_back("total");
  const size_t choices = column.choices.size();
  out.counts.assign(groups + 1, std::vector<int>(choices, 0));
  out.base.assign(groups + 1, 0);
  // Counted into one flat array, groups × choices, the total last.
  std::vector<int> flat((groups + 1) * choices, 0);
  int* total_row = flat.data() + groups * choices;
  const int* group_of = dimension ? dimension->codes.data() : nullptr;
  if (column.kind == DatasetColumn::Kind::kChoice) {
    const int16_t* codes = column.codes.data();
    for (size_t i = 0; i < dataset.rows; ++i) {
      int code = codes[i];
      if (code < 0) continue;
      ++total_row[code];
      if (group_of && group_of[i] >= 0) ++flat[size_t(group_of[i]) * choices + size_t(code)];
    }
  } else {
    for (size_t i = 0; i < dataset.rows; ++i) {
      uint64_t bits = column.bits[i];
      if (bits == 0) continue;
      int group = group_of ? group_of[i] : -1;
      ++out.base[groups];
      if (group >= 0) ++out.base[size_t(group)];
      for (size_t j = 0; j < choices; ++j) {
        if (!(bits >> j & 1)) continue;
        ++total_row[j];
        if (group >= 0) ++flat[size_t(group) * choices + j];
      }
    }
  }
  for (size_t g = 0; g <= groups; ++g) {
    for (size_t j = 0; j < choices; ++j) {
      out.counts[g][j] = flat[g * choices + j];
      // A single choice: the base is the row's sum.
      if (column.kind == DatasetColumn::Kind::kChoice) out.base[g] += out.counts[g][j];
    }
  }
  // Disclosure control: the groups × choices table, whose margins (the
  // groups' bases and the total row) are published.
  out.suppressed.assign(groups + 1, std::vector<bool>(choices, false));
  if (dimension && groups > 0) {
    CountTable table{int(groups), int(choices), {}};
    for (size_t g = 0; g < groups; ++g) {
      table.counts.insert(table.counts.end(), out.counts[g].begin(), out.counts[g].end());
    }
    std::vector<bool> hidden = SecondarySuppression(table, PrimarySuppression(table, k));
    for (size_t g = 0; g < groups; ++g) {
      for (size_t j = 0; j < choices; ++j) out.suppressed[g][j] = hidden[g * choices + j];
    }
  }
  // The total row: its base is published, so one small cell needs a second.
  std::vector<bool>& total = out.suppressed[groups];
  int small = 0;
  for (size_t j = 0; j < choices; ++j) {
    total[j] = out.counts[groups][j] > 0 && out.counts[groups][j] < k;
    small += total[j];
  }
  if (small == 1) {
    int best = -1;
    for (size_t j = 0; j < choices; ++j) {
      if (!total[j] && out.counts[groups][j] > 0 &&
          (best < 0 || out.counts[groups][j] < out.counts[groups][size_t(best)])) {
        best = int(j);
      }
    }
    if (best >= 0) total[size_t(best)] = true;
  }
  return out;
}

}  // namespace kartla::stats
