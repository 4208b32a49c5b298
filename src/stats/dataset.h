// A questionnaire's submitted responses as columns, coded compactly and
// joined with the registry's dimensions of each respondent's organisation:
// built in one pass, then reused for every table of a release.
#ifndef KARTLA_STATS_DATASET_H_
#define KARTLA_STATS_DATASET_H_

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/text.h"
#include "forms/form.h"
#include "registry/registry.h"
#include "stats/disclosure.h"

namespace kartla::stats {

// One question's answers.
struct DatasetColumn {
  enum class Kind { kChoice, kMultiple, kNumber, kText };
  std::string name;
  LocalizedText label;
  Kind kind = Kind::kText;
  // kChoice and kMultiple: the list's choices, in the form's order.
  std::vector<std::string> choices;
  std::vector<LocalizedText> choice_labels;
  std::vector<int16_t> codes;    // kChoice: the choice's index; -1 not answered
  std::vector<uint64_t> bits;    // kMultiple: bit j = choice j chosen; 0 not answered
  std::vector<double> numbers;   // kNumber: NaN not answered
  std::vector<std::string> texts;  // kText, kept apart: never broken down
};

// A respondent: whose organisation and which target group, and the answers.
struct RespondentAnswers {
  std::string organisation;
  std::string role;
  const std::map<std::string, std::string>* answers = nullptr;
};

// One registry dimension of the respondents: each row's category (-1: none).
struct DatasetDimension {
  std::string id;
  LocalizedText label;
  std::vector<std::string> categories;
  std::vector<LocalizedText> category_labels;
  std::vector<int> codes;
};

struct Dataset {
  size_t rows = 0;
  std::vector<std::string> organisations;
  std::vector<std::string> roles;
  std::vector<DatasetColumn> columns;  // the form's questions, in order
  std::vector<DatasetDimension> dimensions;

  const DatasetColumn* Column(std::string_view name) const;
  const DatasetDimension* Dimension(std::string_view id) const;
};

// Builds the dataset. Answers that do not fit their question (a choice the
// list lacks, a number that is not one) are left out as not answered;
// select_multiple lists longer than 64 choices are kept as text.
Dataset BuildDataset(const forms::Form& form, std::span<const RespondentAnswers> respondents,
                     const Registry& registry);

// Two dimensions crossed: a category per pair that occurs in the
// registry's categories ("01 × 2000-4999"), a row without either in none.
DatasetDimension Cross(const DatasetDimension& first, const DatasetDimension& second);

// A question's distribution, overall and in each category of a dimension:
// unweighted counts of respondents, with the base of each group.
struct Distribution {
  std::vector<std::string> categories;       // the choices
  std::vector<std::string> groups;           // the dimension's categories, then "total"
  std::vector<std::vector<int>> counts;      // [group][category]
  std::vector<int> base;                     // respondents who answered, per group
  // After disclosure control: the cells not to publish (groups × categories
  // with the groups' bases and the categories' totals as margins).
  std::vector<std::vector<bool>> suppressed;
};

// The distribution of a choice question (of each choice for a multiple
// one: respondents choosing it), by `dimension` if given, with cells
// under `k` respondents suppressed and their complements. Nullopt for a
// question that is not a choice.
std::optional<Distribution> Distribute(const Dataset& dataset, const DatasetColumn& column,
                                       const DatasetDimension* dimension, int k);

}  // namespace kartla::stats

#endif  // KARTLA_STATS_DATASET_H_
