// One question followed through several datasets: the rounds of a series
// (a trend) or the questionnaires of one round (a comparison by target
// group), each dataset weighted on its own by the default design, and each
// point's line matched to the latest point's choices by their names.
#ifndef KARTLA_STATS_TREND_H_
#define KARTLA_STATS_TREND_H_

#include <optional>
#include <string>
#include <vector>

#include "stats/dataset.h"
#include "stats/tables.h"
#include "stats/weighting.h"

namespace kartla::stats {

struct TrendPoint {
  std::string name;   // the round's code, or the target group's
  std::string label;  // its year, or the target group's name
  Dataset dataset;
  std::optional<ResultsDesign> design;
  std::optional<QuestionTable> table;  // the question overall, once tabulated
  std::string note;                    // why there is no table
};

// Tabulates `item` (a kartla::series id, or a question's name) overall in
// each point without a note, each on its own DefaultDesign; a point that
// did not ask it gets the note "not asked", one without answers "no
// answers", one whose design fails that failure's message. Returns the
// column of the last point that asked it, or nullptr if none did.
const DatasetColumn* TabulatePoints(std::vector<TrendPoint>& points, const std::string& item,
                                    const ClassingOptions& classing,
                                    const DisclosureRules& rules);

// What a trend shows of a choice question: shares by choice; of a rating
// or an amount: the mean (and a rating's top-2-box).
struct TrendShape {
  bool shares = false;
  bool summary = false;
  bool top2 = false;
};
TrendShape ShapeOf(const DatasetColumn& latest);

// A point's line, in `latest`'s terms.
struct TrendLine {
  // The valid answers when the point's question has a "don't know" and the
  // line shows shares; else everyone who answered.
  int n = 0;
  // One per choice of `latest` but its "don't know": the point's share of
  // the choice with the same name (of the valid answers, if the point's
  // question has a "don't know"), or nullopt if it had no such choice.
  std::vector<std::optional<Figure>> shares;
  Figure mean;
  Figure top2;
};

// REQUIRES: point.table
TrendLine LineOf(const TrendPoint& point, const DatasetColumn& latest);

}  // namespace kartla::stats

#endif  // KARTLA_STATS_TREND_H_
