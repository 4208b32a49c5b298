#include "stats/indices.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace kartla::stats {

double Rescaled(const DatasetColumn& column, size_t i) {
  if (column.rating) {
    double value = column.RatingValue(i);
    return 100 * (value - column.scale_min) / (column.scale_max - column.scale_min);
  }
  if (column.kind != DatasetColumn::Kind::kChoice) return std::nan("");
  int code = column.codes[i];
  if (code < 0 || code == column.dont_know) return std::nan("");
  int places = int(column.choices.size()) - (column.dont_know >= 0 ? 1 : 0);
  int place = code - (column.dont_know >= 0 && code > column.dont_know ? 1 : 0);
  return places > 1 ? 100.0 * (places - 1 - place) / (places - 1) : std::nan("");
}

Result<IndexValues> ComputeIndex(const Dataset& dataset, const IndexDefinition& index) {
  std::vector<const DatasetColumn*> items;
  for (const std::string& name : index.items) {
    const DatasetColumn* column = dataset.Column(name);
    if (!column) {
      return Status::InvalidInput(
          fmt::format("index {}: the questionnaire has no item {}", index.name, name));
    }
    if (!column->rating && column->kind != DatasetColumn::Kind::kChoice) {
      return Status::InvalidInput(fmt::format(
          "index {}: {} is not a rating or a single choice and cannot be scored", index.name,
          name));
    }
    items.push_back(column);
  }
  if (items.empty()) return Status::InvalidInput(fmt::format("index {}: no items", index.name));
  if (!index.weights.empty() && index.weights.size() != items.size()) {
    return Status::InvalidInput(fmt::format("index {}: {} weights for {} items", index.name,
                                            index.weights.size(), items.size()));
  }
  const int needed = index.min_answered > 0 ? index.min_answered : int(items.size());
  if (needed > int(items.size())) {
    return Status::InvalidInput(fmt::format("index {}: at least {} of {} items cannot be answered",
                                            index.name, needed, items.size()));
  }
  IndexValues out;
  out.column.name = index.name;
  out.column.label = index.label;
  out.column.kind = DatasetColumn::Kind::kNumber;
  std::vector<std::vector<double>> rescaled(items.size());
  for (size_t j = 0; j < items.size(); ++j) {
    bool reversed = std::find(index.reversed.begin(), index.reversed.end(), items[j]->name) !=
                    index.reversed.end();
    for (size_t i = 0; i < dataset.rows; ++i) {
      double value = Rescaled(*items[j], i);
      rescaled[j].push_back(reversed ? 100 - value : value);
    }
  }
  for (size_t i = 0; i < dataset.rows; ++i) {
    double sum = 0, weight = 0;
    int answered = 0;
    for (size_t j = 0; j < items.size(); ++j) {
      if (std::isnan(rescaled[j][i])) continue;
      double w = index.weights.empty() ? 1 : index.weights[j];
      sum += w * rescaled[j][i];
      weight += w;
      ++answered;
    }
    bool scored = answered >= needed && weight > 0;
    out.column.numbers.push_back(scored ? sum / weight : std::nan(""));
    out.scored += scored;
  }
  out.reliability = CronbachAlpha(rescaled);
  return out;
}

Result<ScoredQuestion> ScoreQuestion(const Dataset& dataset, const std::string& name) {
  const DatasetColumn* column = dataset.Column(name);
  if (!column || column->kind == DatasetColumn::Kind::kText ||
      column->kind == DatasetColumn::Kind::kMultiple) {
    return Status::NotFound(fmt::format("{} is not a question that can be scored", name));
  }
  ScoredQuestion scored{column->label, {}};
  scored.values.reserve(dataset.rows);
  for (size_t i = 0; i < dataset.rows; ++i) {
    scored.values.push_back(column->kind == DatasetColumn::Kind::kNumber ? column->numbers[i]
                            : column->rating ? column->RatingValue(i)
                                             : Rescaled(*column, i));
  }
  return scored;
}

}  // namespace kartla::stats
