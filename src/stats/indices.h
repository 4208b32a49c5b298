// Composite indices defined in configuration: items rescaled to 0–100, a
// weighted mean over the items answered, given enough were; with Cronbach's
// alpha and alpha-if-item-deleted of the rescaled items.
#ifndef KARTLA_STATS_INDICES_H_
#define KARTLA_STATS_INDICES_H_

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/text.h"
#include "stats/dataset.h"
#include "stats/indicators.h"

namespace kartla::stats {

struct IndexDefinition {
  std::string name;  // "leadership"
  LocalizedText label;
  std::vector<std::string> items;
  // One per item, or empty for equal weights.
  std::vector<double> weights;
  // Items that run the other way (their 0 and 100 swapped).
  std::vector<std::string> reversed;
  // The fewest items answered (not "don't know") for an index value; 0:
  // every item.
  int min_answered = 0;
};

struct IndexValues {
  // The index as a number column (0–100, NaN where too few were answered),
  // ready to tabulate like an amount.
  DatasetColumn column;
  int scored = 0;  // respondents with a value
  std::optional<Reliability> reliability;
};

// An item's answer of row i on 0–100: a rating by its number on its scale;
// another single choice by its place in the list, the first 100 and the
// last 0 (lists run from the best down: yes, partly, no); NaN when not
// answered or "don't know".
double Rescaled(const DatasetColumn& column, size_t i);

// Computes the index. Fails with kInvalidInput naming the index and item
// for an item the questionnaire lacks or that cannot be scored (text,
// multiple choice, an amount), a weight list of the wrong length, or a
// minimum above the number of items.
Result<IndexValues> ComputeIndex(const Dataset& dataset, const IndexDefinition& index);

// A question's values as numbers, row by row (NaN where not answered or
// "don't know"), for correlating and regressing: an amount as it is, a
// rating by its number on its scale, another single choice on 0–100
// (Rescaled).
struct ScoredQuestion {
  LocalizedText label;
  std::vector<double> values;
};

// Fails with kNotFound for an unknown question, open text or a multiple
// choice.
Result<ScoredQuestion> ScoreQuestion(const Dataset& dataset, const std::string& name);

}  // namespace kartla::stats

#endif  // KARTLA_STATS_INDICES_H_
