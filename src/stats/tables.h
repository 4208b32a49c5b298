// Result tables: what a national report publishes of each question, with
// design-based estimates (weighted shares, means, totals with standard
// errors and 95 % intervals), unweighted bases, the coverage line, and
// disclosure control applied and audited. Methods: ../shared/stats and
// docs/statistics.md.
#ifndef KARTLA_STATS_TABLES_H_
#define KARTLA_STATS_TABLES_H_

#include <limits>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "stats/dataset.h"
#include "stats/survey_design.h"

namespace kartla::stats {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

// An estimate as published: with its standard error and 95 % interval
// (logit for shares, t on the design's degrees of freedom for means and
// totals), or hidden by disclosure control.
struct Figure {
  double estimate = kMissing;
  double se = kMissing;
  Interval ci{kMissing, kMissing};
  bool hidden = false;
};

enum class TableKind {
  kChoice,    // a single choice: its distribution
  kMultiple,  // a multiple choice: the share of respondents choosing each
  kRating,    // a rating scale: its distribution (of a choice), mean, top-2-box
  kAmount,    // an amount: mean, total, median and quartiles
  kText,      // open text: how many answered, never broken down
};

// What a table is broken down by: nothing, one dimension, or two crossed
// (their cells, then both margins).
struct Breakdown {
  const DatasetDimension* first = nullptr;
  const DatasetDimension* second = nullptr;
  Breakdown() = default;
  Breakdown(const DatasetDimension* dimension) : first(dimension) {}  // NOLINT: implicit
  Breakdown(const DatasetDimension* a, const DatasetDimension* b) : first(a), second(b) {}
};

enum class LineKind { kGroup, kCell, kMargin, kTotal };

// One line of a table: a category of the breakdown, a crossed cell or a
// margin, or the total.
struct GroupResult {
  LineKind kind = LineKind::kTotal;
  std::string code;  // "total" for the total line
  LocalizedText label;
  // A merged line's make-up: the categories before merging it holds
  // (LineMakeUp); empty for any other line.
  std::vector<std::string> members;
  int base = 0;   // respondents who answered the question (unweighted)
  int valid = 0;  // of them, those who did not answer "don't know"
  bool valid_hidden = false;  // the valid base would give a hidden "don't know" away
  // Choices: per choice, the unweighted count, and the weighted share of
  // the base ("don't know" shown) and of the valid answers (without it).
  std::vector<int> counts;
  std::vector<bool> hidden;
  std::vector<Figure> shares;
  std::vector<Figure> valid_shares;
  // Ratings and amounts, over the valid answers.
  Figure mean;
  Figure top2;   // ratings: the share in the scale's two highest values
  Figure total;  // amounts
  // Amounts the results settings ask per inhabitant
  // (DatasetColumn::per_inhabitant): the ratio of the line's total to its
  // respondents' inhabitants, over those whose population is known.
  Figure per_inhabitant;
  double median = kMissing, lower_quartile = kMissing, upper_quartile = kMissing;
  bool summary_hidden = false;  // the mean, total and quartiles
};

// "Answered by X of Y respondents, p %; q % of all organisations in scope."
struct Coverage {
  int answered = 0;       // respondents who answered the question
  int respondents = 0;    // respondents to the questionnaire
  int organisations = 0;  // organisations among those who answered
  int in_scope = 0;       // organisations in scope
};
std::string CoverageLine(const Coverage& coverage, Lang lang);

// The summaries of a table's lines as an attacker can link them: each
// line's weighted sum of the valid answers is the sum of its parts' (and of
// rows no line holds alone, never published), since population counts are
// public; a LinearTable of the lines' weighted sums (the lines first, then
// the unpublished rows), and what hiding each line's summary costs.
struct SummaryEquations {
  LinearTable sums;
  std::vector<double> cost;        // infinite: never hidden to protect another
  std::vector<bool> unpublished;   // rows outside every line (with answers)
  // The bounds a reader knows: whether no answer can be below 0 (an
  // amount whose answers all are 0 or more), and which values' weighted sums
  // are 0 (every valid answer in them 0). A published sum whose published
  // parts already reach it leaves its hidden parts no room: each is 0.
  bool non_negative = false;
  std::vector<bool> zero;
  // Each line's plain sum of its valid answers (unweighted), which a later
  // version compares with its own (SummariesAtTheirLeast).
  std::vector<double> answered_sum;
};

struct QuestionTable {
  const DatasetColumn* column = nullptr;
  TableKind kind = TableKind::kText;
  bool broken_down = false;  // false: the total line only
  LocalizedText by_label;    // "Region", "Region × Size class"
  LocalizedText merge_note;  // what merging did to the lines (MergeNote), or empty
  std::vector<GroupResult> groups;  // the breakdown's lines, then the total
  Coverage coverage;
  // What the audit found; a table is published only when this is empty.
  std::vector<std::string> audit;
  // Choices: the counts as protected, for the private audit report
  // (HiddenRanges); null for other questions.
  std::shared_ptr<const Distribution> distribution;
  // Ratings and amounts: how the lines' summaries add up, to hide more of
  // them later (HideSummaries); null for other questions.
  std::shared_ptr<const SummaryEquations> summary_equations;

  const GroupResult& Total() const { return groups.back(); }
};

// A question's table, estimated on `design` (one row per dataset row), by
// `by` (an open-text question never is), with the rules applied: cells
// from the unweighted counts (Distribute, DistributeCrossed), and the
// summaries (means, totals, quartiles) of a line under k valid answers
// hidden, with whatever else would let them be worked out from the
// published summaries of the other lines and the public population
// counts (the same audit, on the lines' weighted sums).
QuestionTable Tabulate(const Dataset& dataset, const DatasetColumn& column, const Design& design,
                       const Breakdown& by, const DisclosureRules& rules);

// Hides the summaries of `table`'s lines under k valid answers, of those
// `also` marks (one per line; empty: none) and of those already hidden,
// and then whatever else would let one of the first two kinds be worked
// out: the smallest further lines, until none can be (DisclosedValues on
// `table.summary_equations`); where answers cannot be negative, also
// until none is pinned at 0 by the bounds (a line whose shown parts already
// make up its sum leaves its hidden ones at 0: they all answered 0) nor
// worked out with those so pinned (the pinning line's cheapest shown part
// whose sum is above 0 goes too). Where that cannot be done, every
// summary.
// Only ever hides more. A release calls it again with the lines whose
// summary an earlier version read together would give away
// (publish::ProtectTogether).
// `at_least` (one per line; empty: none) marks lines whose sum is the
// least a reader knows it can be from an earlier version besides
// (SummariesAtTheirLeast): for the bounds, as a sum of 0 is.
void HideSummaries(QuestionTable& table, const std::vector<bool>& also,
                   const DisclosureRules& rules, const std::vector<bool>& at_least = {});

// A line's summary (mean, total, quartiles and its number of valid
// answers) as a version of a release showed it.
struct SummaryShown {
  int valid = 0;       // valid answers (not "don't know")
  bool shown = false;  // false: hidden by disclosure control
  double sum = 0;      // the plain sum of those answers (never published)
  std::vector<std::string> members;  // a merged line's make-up (GroupResult::members)
};

// Per line of `now`, how many answered since an earlier version of the same
// table (`then`: line code → its summary then) where the two summaries
// tell those few's (0 where they do not): the line was shown then, and has
// 1 … k−1 more valid answers now. Lines are matched by make-up
// (MatchMakeUp): where merging changed, the lines of one version against
// the union of the other's holding the same organisations, whose sums a
// reader of both adds up; of such a union, the line to hide is marked (one
// hidden already, or the one of the fewest answers), when every line of
// the earlier version was shown. The lines' weighted sums differ by the
// newcomers' alone, and a mean with its number of answers is a weighted
// sum, so such a line must be hidden now (HideSummaries' `also`).
std::vector<int> SummariesTellingNewcomers(const QuestionTable& now,
                                           const std::map<std::string, SummaryShown>& then,
                                           int k);

// Per line of `now`, whether its answers' sum is what an earlier version
// (`then`) showed of the line, or of the lines holding the same
// organisations (MatchMakeUp; where a line of the earlier version is now
// in several, each of them): nobody who came since answered more than 0.
// Newcomers only add answers of 0 or more, so a reader of both knows the
// sum now is at least the sum then, and such a line is at that least: with
// the bounds argument, as a line whose answers are all 0 (HideSummaries'
// `at_least`).
std::vector<bool> SummariesAtTheirLeast(const QuestionTable& now,
                                        const std::map<std::string, SummaryShown>& then);

// A split (parts that must add up, such as shares of staff time): how many
// respondents answered every part and how many of those add up to the
// total, and each part's weighted mean among those who do (so the means
// add up too).
struct SplitTable {
  std::string name;
  std::vector<const DatasetColumn*> parts;
  double total = 100;
  int answered_all = 0;
  int adding_up = 0;
  std::vector<Figure> means;
};
SplitTable TabulateSplit(const Dataset& dataset, std::string_view name, const Design& design,
                         const DisclosureRules& rules);

// The weighted quantile: the smallest value whose weighted share of the
// values at or below it is at least p, the inverse of the weighted
// empirical distribution function (Hyndman and Fan's type 1 with weights).
// R's svyquantile(qrule = "math") agrees except where the smallest value
// alone carries more than p of the weight (docs/statistics.md).
// NaN values are left out; NaN if none is left.
double WeightedQuantile(std::span<const double> values, std::span<const double> weights,
                        double p);

}  // namespace kartla::stats

#endif  // KARTLA_STATS_TABLES_H_
