#include "stats/trend.h"

#include <algorithm>

namespace kartla::stats {

const DatasetColumn* TabulatePoints(std::vector<TrendPoint>& points, const std::string& item,
                                    const ClassingOptions& classing,
                                    const DisclosureRules& rules) {
  const DatasetColumn* latest = nullptr;
  for (TrendPoint& point : points) {
    if (!point.note.empty()) continue;
    const DatasetColumn* column = point.dataset.ColumnOfSeries(item);
    if (!column) {
      point.note = "not asked";
      continue;
    }
    if (point.dataset.rows == 0) {
      point.note = "no answers";
      continue;
    }
    auto design = DefaultDesign(point.dataset, classing);
    if (!design.ok()) {
      point.note = design.status().message();
      continue;
    }
    point.design.emplace(std::move(design).value());
    point.table = Tabulate(point.dataset, *column, point.design->design(), {}, rules);
    latest = column;
  }
  return latest;
}

TrendShape ShapeOf(const DatasetColumn& latest) {
  TrendShape shape;
  shape.shares = latest.kind == DatasetColumn::Kind::kChoice ||
                 latest.kind == DatasetColumn::Kind::kMultiple;
  shape.summary = latest.rating || latest.kind == DatasetColumn::Kind::kNumber;
  shape.top2 = latest.rating;
  return shape;
}

TrendLine LineOf(const TrendPoint& point, const DatasetColumn& latest) {
  const TrendShape shape = ShapeOf(latest);
  const GroupResult& all = point.table->Total();
  const DatasetColumn& column = *point.table->column;
  TrendLine line;
  line.n = shape.shares && column.dont_know >= 0 ? all.valid : all.base;
  if (shape.shares) {
    for (size_t j = 0; j < latest.choices.size(); ++j) {
      if (int(j) == latest.dont_know) continue;
      auto found = std::find(column.choices.begin(), column.choices.end(), latest.choices[j]);
      size_t at = size_t(found - column.choices.begin());
      if (found == column.choices.end() || at >= all.valid_shares.size()) {
        line.shares.push_back(std::nullopt);
      } else {
        line.shares.push_back(column.dont_know >= 0 ? all.valid_shares[at] : all.shares[at]);
      }
    }
  }
  line.mean = all.mean;
  line.top2 = all.top2;
  return line;
}

}  // namespace kartla::stats
