// Result tables on the toy municipal survey (tests/data/stats, worked
// values from ../shared/stats/worked_examples_output.txt, computed with R):
// the dataset is built in memory with its population of 40 municipalities,
// weighted by size class as the default municipal design, and tabulated.
// Also: collapsing weighting classes, splits, quantiles, coverage lines.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

#include "core/csv.h"
#include "stats/indices.h"
#include "stats/tables.h"
#include "stats/weighting.h"
#include "tests/support/toy_survey.h"

namespace kartla::stats {
namespace {

constexpr double kClose = 1e-9;

TEST(TablesTest, TheDefaultDesignWeightsBySizeClassWithTheFiniteCorrection) {
  Dataset data = ToyDataset();
  auto weighting = WeightByClasses(data, {{"size"}, 2});
  ASSERT_TRUE(weighting.ok()) << weighting.status().ToString();
  ASSERT_EQ(weighting->classes.size(), 3u);
  EXPECT_TRUE(weighting->notes.empty());
  EXPECT_EQ(weighting->classes[0].population, 20);
  EXPECT_EQ(weighting->classes[0].respondents, 9);
  EXPECT_NEAR(weighting->design.weights()[0], 20.0 / 9, kClose);
  // R: svymean(~mi, svydesign(id=~1, strata=~size, weights=N_h/n_h, fpc=~N_h)).
  Estimate mi = weighting->design.Mean(data.Column("mi")->numbers);
  EXPECT_NEAR(mi.estimate, 55, kClose);
  EXPECT_NEAR(mi.se, 2.66471282588658, kClose);

  QuestionTable table = Tabulate(data, *data.Column("mi"), weighting->design,
                                 data.Dimension("size"), {5, 10});
  EXPECT_EQ(table.kind, TableKind::kAmount);
  EXPECT_NEAR(table.Total().mean.estimate, 55, kClose);
  EXPECT_NEAR(table.Total().total.estimate, 55 * 40, 1e-7) << "the population total";
  // By class: R's class means 40, 65, 85; L has 4 answers, under k = 5,
  // and with it one more class goes, or the total would give it away.
  EXPECT_NEAR(table.groups[0].mean.estimate, 40, kClose);
  EXPECT_TRUE(table.groups[2].summary_hidden);
  EXPECT_EQ(table.groups[0].summary_hidden + table.groups[1].summary_hidden, 1);
  EXPECT_TRUE(table.audit.empty());
  EXPECT_EQ(CoverageLine(table.coverage, Lang::kEn),
            "Answered by 22 of 22 respondents (100 %); 55 % of all organisations in scope.");
}

// An amount per inhabitant: the line's total over its respondents'
// inhabitants, hidden with the line's summary, and not given for a line
// where one answer's organisation has no population (with the mean, it
// would tell that one's answer).
TEST(TablesTest, AnAmountPerInhabitantIsTheRatioOfTotals) {
  Dataset data = ToyDataset();
  for (size_t i = 0; i < data.rows; ++i) {
    const std::string& code = data.organisations[i];
    data.inhabitants.push_back(code[0] == 'S' ? 1500.0 + double(i) * 10
                               : code[0] == 'M' ? 8000.0 + double(i) * 100
                                                : 60000.0);
  }
  DatasetColumn& mi = data.columns[size_t(data.Column("mi") - data.columns.data())];
  mi.per_inhabitant = 1000;
  auto weighting = WeightByClasses(data, {{"size"}, 2});
  ASSERT_TRUE(weighting.ok());
  const Design& design = weighting->design;
  QuestionTable table = Tabulate(data, mi, design, data.Dimension("size"), {5, 10});
  double y = 0, x = 0;
  for (size_t i = 0; i < data.rows; ++i) {
    if (std::isnan(mi.numbers[i])) continue;
    y += design.weights()[i] * mi.numbers[i] * 1000;
    x += design.weights()[i] * data.inhabitants[i];
  }
  const Figure& whole = table.Total().per_inhabitant;
  EXPECT_NEAR(whole.estimate, y / x, 1e-9 * whole.estimate);
  EXPECT_GT(whole.se, 0);
  EXPECT_LT(whole.ci.lower, whole.estimate);
  EXPECT_FALSE(whole.hidden);
  // L's 4 answers are under k: its summary and so its figure per
  // inhabitant are hidden, and so is the line hidden with it.
  EXPECT_TRUE(table.groups[2].per_inhabitant.hidden);
  for (const GroupResult& line : table.groups) {
    EXPECT_EQ(line.per_inhabitant.hidden, line.summary_hidden) << line.code;
  }

  data.inhabitants[0] = std::nan("");  // an S respondent without a population
  QuestionTable partly = Tabulate(data, mi, design, data.Dimension("size"), {5, 10});
  EXPECT_TRUE(std::isnan(partly.groups[0].per_inhabitant.estimate));
  EXPECT_TRUE(std::isnan(partly.Total().per_inhabitant.estimate));
  EXPECT_FALSE(std::isnan(partly.groups[1].per_inhabitant.estimate));
  mi.per_inhabitant = 0;
  EXPECT_TRUE(std::isnan(Tabulate(data, mi, design, {}, {5, 10}).Total().per_inhabitant.estimate));
}

// One response is no design: said so, not thrown (a one-question form
// answered once made `kartla stats table` fail with "std::get: wrong index
// for variant").
TEST(TablesTest, OneResponseIsRefusedWithAReason) {
  Dataset one;
  one.rows = 1;
  one.organisations = {"091"};
  auto made = DefaultDesign(one, {{"size"}, 2});
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.status().message(),
            "1 submitted response: estimates and their intervals need at least 2");
}

TEST(TablesTest, ALikertItemWithDontKnowAndTopTwoBox) {
  Dataset data = ToyDataset();
  auto weighting = WeightByClasses(data, {{"size"}, 2});
  ASSERT_TRUE(weighting.ok());
  QuestionTable table = Tabulate(data, *data.Column("q1"), weighting->design, nullptr, {5, 0});
  EXPECT_EQ(table.kind, TableKind::kRating);
  const GroupResult& all = table.Total();
  EXPECT_EQ(all.base, 22);
  EXPECT_EQ(all.valid, 20);
  EXPECT_EQ(all.counts, std::vector<int>({0, 3, 4, 8, 5, 2}));
  // Shares of all respondents, "don't know" shown.
  EXPECT_NEAR(all.shares[3].estimate, 0.340277777777778, 1e-12);
  EXPECT_NEAR(all.shares[5].estimate, 0.097222222222222, 1e-12);
  EXPECT_NEAR(all.shares[1].se, 0.0605, 5e-5);
  // Without it: the valid answers are the base.
  EXPECT_NEAR(all.valid_shares[3].estimate, 0.37692, 5e-6);
  EXPECT_NEAR(all.valid_shares[3].se, 0.0761, 5e-5);
  EXPECT_TRUE(std::isnan(all.valid_shares[5].estimate));
  EXPECT_NEAR(all.mean.estimate, 3.65384615384615, kClose);
  EXPECT_NEAR(all.mean.se, 0.157686701278048, kClose);
  EXPECT_NEAR(all.top2.estimate, 0.6, kClose);
  EXPECT_NEAR(all.top2.se, 0.0771749721824436, kClose);
  // The logit interval on the valid answers' 17 degrees of freedom.
  EXPECT_NEAR(all.top2.ci.lower, 0.43217756559532, kClose);
  EXPECT_NEAR(all.top2.ci.upper, 0.747231772355936, kClose);
  // The 2 "don't know" answers are under k: hidden, with a complement, and
  // the valid base (22 − 2) would give them away.
  EXPECT_TRUE(all.hidden[5]);
  EXPECT_TRUE(all.valid_hidden);
  EXPECT_TRUE(table.audit.empty());
}

TEST(TablesTest, SmallWeightingClassesAreCollapsedAndSaidSo) {
  // Size A and B × regions r1..r3; A × r3 has one respondent, B has one
  // respondent in all.
  Dataset data;
  DatasetDimension size = MakeDimension("size_class", {"A", "B"});
  DatasetDimension region = MakeDimension("region", {"r1", "r2", "r3"});
  struct Org { const char* code; int size, region; bool answered; };
  std::vector<Org> orgs;
  for (int i = 0; i < 6; ++i) orgs.push_back({"", 0, 0, i < 5});
  for (int i = 0; i < 6; ++i) orgs.push_back({"", 0, 1, i < 3});
  for (int i = 0; i < 4; ++i) orgs.push_back({"", 0, 2, i < 1});
  for (int i = 0; i < 5; ++i) orgs.push_back({"", 1, i % 3, i < 1});
  for (size_t o = 0; o < orgs.size(); ++o) {
    std::string code = "o" + std::to_string(o);
    data.population.push_back(code);
    size.population_codes.push_back(orgs[o].size);
    region.population_codes.push_back(orgs[o].region);
    if (!orgs[o].answered) continue;
    data.organisations.push_back(code);
    size.codes.push_back(orgs[o].size);
    region.codes.push_back(orgs[o].region);
  }
  data.rows = data.organisations.size();
  data.dimensions = {size, region};
  auto weighting = WeightByClasses(data, {});
  ASSERT_TRUE(weighting.ok()) << weighting.status().ToString();
  // A × r1 (5 of 6) and A × r2 (3 of 6) stay; A × r3 (1 of 4) joins the
  // smaller, r2; B (1 of 5) joins the smallest class of A.
  ASSERT_EQ(weighting->classes.size(), 2u);
  EXPECT_EQ(weighting->classes[0].label.en, "A × r1");
  EXPECT_EQ(weighting->classes[1].label.en, "A × r2, r3 + B");
  EXPECT_EQ(weighting->classes[1].population, 15);
  EXPECT_EQ(weighting->classes[1].respondents, 5);
  ASSERT_EQ(weighting->notes.size(), 1u);
  EXPECT_NE(weighting->notes[0].en.find("fewer than 2"), std::string::npos);
  EXPECT_NE(weighting->notes[0].fi.find("A × r2, r3 + B"), std::string::npos);
  double sum = 0;
  for (double w : weighting->design.weights()) sum += w;
  EXPECT_NEAR(sum, 21, kClose) << "the weights add up to the organisations in scope";

  EXPECT_EQ(WeightByClasses(data, {{"municipality_kind"}, 2}).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(WeightByClasses(data, {{"size_class"}, 99}).status().code(),
            ErrorCode::kInvalidInput);
}

TEST(TablesTest, ASplitsPartsAddUpAmongThoseWhoseAnswersDo) {
  Dataset data = ToyDataset();
  std::vector<std::vector<double>> parts = {{}, {}, {}};
  for (size_t i = 0; i < data.rows; ++i) {
    parts[0].push_back(50);
    parts[1].push_back(i % 2 ? 30 : 20);
    parts[2].push_back(i == 0 ? 10 : (i % 2 ? 20 : 30));  // row 0 adds up to 80
  }
  parts[2][1] = kMissing;  // row 1 has not answered every part
  for (int p = 0; p < 3; ++p) {
    DatasetColumn column;
    column.name = "time_" + std::to_string(p);
    column.kind = DatasetColumn::Kind::kNumber;
    column.split = "time_split";
    column.numbers = parts[size_t(p)];
    data.columns.push_back(column);
  }
  auto weighting = WeightByClasses(data, {{"size"}, 2});
  SplitTable split = TabulateSplit(data, "time_split", weighting->design, {});
  EXPECT_EQ(split.parts.size(), 3u);
  EXPECT_EQ(split.answered_all, 21);
  EXPECT_EQ(split.adding_up, 20);
  double sum = 0;
  for (const Figure& mean : split.means) sum += mean.estimate;
  EXPECT_NEAR(sum, 100, 1e-9);
}

TEST(TablesTest, QuantilesAndCoverageLines) {
  std::vector<double> values = {3, 1, kMissing, 2, 10};
  std::vector<double> weights = {1, 1, 5, 1, 1};
  EXPECT_EQ(WeightedQuantile(values, weights, 0.5), 2);
  EXPECT_EQ(WeightedQuantile(values, weights, 0.25), 1);
  EXPECT_EQ(WeightedQuantile(values, weights, 0.75), 3);
  EXPECT_EQ(WeightedQuantile(values, {{3, 1, 1, 1, 1}}, 0.5), 3);
  EXPECT_TRUE(std::isnan(WeightedQuantile({{kMissing}}, {{1.0}}, 0.5)));
  // The smallest value alone carries half the weight, more than a quarter:
  // the lower quartile is that value (the least x with F(x) ≥ 0.25). R's
  // svyquantile(qrule = "math") looks for the last value whose cumulative
  // weight is at most p·W, finds none, and disagrees (docs/statistics.md).
  std::vector<double> heavy = {5, 7, 8, 9};
  std::vector<double> heavy_weights = {3, 1, 1, 1};
  EXPECT_EQ(WeightedQuantile(heavy, heavy_weights, 0.25), 5);
  EXPECT_EQ(WeightedQuantile(heavy, heavy_weights, 0.5), 5) << "F(5) = 0.5 exactly";
  EXPECT_EQ(WeightedQuantile(heavy, heavy_weights, 0.75), 8);
  Coverage coverage{157, 159, 150, 308};
  EXPECT_EQ(CoverageLine(coverage, Lang::kFi),
            "Vastasi 157 / 159 vastaajaa (99 %); 49 % kaikista kohdeorganisaatioista.");
  EXPECT_EQ(CoverageLine(coverage, Lang::kSv),
            "Besvarad av 157 av 159 svarande (99 %); 49 % av alla organisationer i målgruppen.");
}

TEST(TablesTest, AnIndexFromItsItemsWithItsAlpha) {
  Dataset data = ToyDataset();
  IndexDefinition maturity{"maturity", {"Kypsyys", "Mognad", "Maturity"},
                           {"m1", "m2", "m3", "m4"}, {}, {}, 3};
  auto index = ComputeIndex(data, maturity);
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  EXPECT_EQ(index->scored, 22);
  // Respondent 1 answered 2, 2, 3, 2: 25, 25, 50, 25 on 0–100.
  EXPECT_NEAR(index->column.numbers[0], 31.25, kClose);
  // Alpha is unchanged by rescaling every item alike.
  ASSERT_TRUE(index->reliability.has_value());
  EXPECT_NEAR(index->reliability->alpha, 0.922130484053748, kClose);
  EXPECT_NEAR(index->reliability->alpha_if_deleted[1], 0.924606462303231, kClose);
  // Weights, a reversed item, a minimum, and what is refused.
  IndexDefinition weighted = maturity;
  weighted.weights = {3, 1, 0, 0};
  weighted.reversed = {"m2"};
  auto other = ComputeIndex(data, weighted);
  EXPECT_NEAR(other->column.numbers[0], (3 * 25 + 1 * 75) / 4.0, kClose);
  IndexDefinition with_dont_know{"q", {}, {"q1", "m1"}, {}, {}, 0};
  auto strict = ComputeIndex(data, with_dont_know);
  EXPECT_EQ(strict->scored, 20) << "two answered don't know to q1";
  with_dont_know.min_answered = 1;
  EXPECT_EQ(ComputeIndex(data, with_dont_know)->scored, 22);
  IndexDefinition unknown{"bad", {}, {"m1", "m9"}, {}, {}, 0};
  EXPECT_EQ(ComputeIndex(data, unknown).status().message(),
            "index bad: the questionnaire has no item m9");
  IndexDefinition amount{"bad", {}, {"mi"}, {}, {}, 0};
  EXPECT_FALSE(ComputeIndex(data, amount).ok());
}

TEST(TablesTest, RegressionAndCorrelationAgreeWithSvyglm) {
  Dataset data = ToyDataset();
  auto weighting = WeightByClasses(data, {{"size"}, 2});
  std::ifstream in(std::string(KARTLA_STATS_DATA) + "/regression_reference.csv");
  std::stringstream text;
  text << in.rdbuf();
  CsvTable reference = std::move(ParseCsv(text.str(), "regression_reference.csv")).value();
  ASSERT_EQ(reference.records.size(), 4u);
  std::vector<double> m1, q1;
  for (size_t i = 0; i < data.rows; ++i) {
    m1.push_back(data.Column("m1")->RatingValue(i));
    q1.push_back(data.Column("q1")->RatingValue(i));  // NaN for "don't know"
  }
  const std::vector<double>& mi = data.Column("mi")->numbers;
  Regression on_m1 = weighting->design.Regress(m1, mi);
  Regression on_q1 = weighting->design.Regress(q1, mi);
  const Estimate* fitted[] = {&on_m1.intercept, &on_m1.slope, &on_q1.intercept, &on_q1.slope};
  for (size_t r = 0; r < 4; ++r) {
    double estimate = std::stod(reference.records[r].fields[2]);
    double se = std::stod(reference.records[r].fields[3]);
    EXPECT_NEAR(fitted[r]->estimate, estimate, 1e-9 * std::abs(estimate)) << "row " << r;
    EXPECT_NEAR(fitted[r]->se, se, 1e-9 * se) << "row " << r;
  }
  EXPECT_EQ(on_q1.n, 20);
  EXPECT_GT(on_m1.correlation, 0.8);
  EXPECT_LT(on_m1.correlation_ci.lower, on_m1.correlation);
  EXPECT_GT(on_m1.correlation_ci.upper, on_m1.correlation);
  EXPECT_LT(on_m1.correlation_ci.upper, 1);
}

TEST(TablesTest, CrossedLinesWithMarginsAndProtectedMeans) {
  Dataset data = ToyDataset();
  DatasetDimension region = MakeDimension("region", {"north", "south"});
  for (size_t i = 0; i < data.rows; ++i) region.codes.push_back(int(i % 3 == 0));
  for (size_t i = 0; i < data.population.size(); ++i) {
    region.population_codes.push_back(int(i % 3 == 0));
  }
  data.dimensions.push_back(region);
  auto weighting = WeightByClasses(data, {{"size"}, 2});
  ASSERT_TRUE(weighting.ok());
  const DatasetDimension* size = data.Dimension("size");
  const DatasetDimension* regions = data.Dimension("region");
  for (const char* item : {"mi", "q1"}) {
    QuestionTable table = Tabulate(data, *data.Column(item), weighting->design,
                                   Breakdown(size, regions), {5, 0});
    ASSERT_EQ(table.groups.size(), 3u * 2 + 3 + 2 + 1) << item;
    EXPECT_EQ(table.groups[0].kind, LineKind::kCell);
    EXPECT_EQ(table.groups[6].kind, LineKind::kMargin);
    EXPECT_EQ(table.groups[6].label.en, "S");
    EXPECT_EQ(table.groups[9].label.en, "north");
    EXPECT_EQ(table.by_label.en, "size × region");
    EXPECT_TRUE(table.audit.empty()) << item << ": " << table.audit.front();
    for (const GroupResult& line : table.groups) {
      if (line.valid > 0 && line.valid < 5) {
        EXPECT_TRUE(line.summary_hidden) << line.code;
      }
    }
  }
  // The mean of mi: L (4 answers) is hidden, and the size margins add up to
  // the total, so a second margin goes with it.
  QuestionTable mi = Tabulate(data, *data.Column("mi"), weighting->design,
                              Breakdown(size, regions), {5, 0});
  EXPECT_TRUE(mi.groups[8].summary_hidden) << "L";
  EXPECT_TRUE(mi.groups[6].summary_hidden || mi.groups[7].summary_hidden);
  EXPECT_FALSE(mi.Total().summary_hidden);
}

// The bounds argument: amounts are never negative, so a total line whose
// shown lines already make it up leaves every hidden line at 0. Here L (4
// answers) and the line hidden with it, S, all answered 0: M shown would
// tell that, so it goes too.
TEST(TablesTest, HiddenMeansAreNotPinnedAtZeroByTheOthers) {
  Dataset data = ToyDataset();
  DatasetColumn& mi = data.columns[size_t(data.Column("mi") - data.columns.data())];
  const DatasetDimension& size = *data.Dimension("size");
  bool dropped = false;
  for (size_t i = 0; i < data.rows; ++i) {
    if (size.codes[i] == 1) continue;  // M keeps its answers
    mi.numbers[i] = 0;
    // One of S gives no answer, so that S (8) is cheaper than M (9).
    if (size.codes[i] == 0 && !dropped) mi.numbers[i] = kMissing, dropped = true;
  }
  auto weighting = WeightByClasses(data, {{"size"}, 2});
  ASSERT_TRUE(weighting.ok());
  QuestionTable table = Tabulate(data, mi, weighting->design, &size, {5, 0});
  ASSERT_EQ(table.groups.size(), 4u);
  EXPECT_EQ(table.groups[0].valid, 8);
  EXPECT_TRUE(table.groups[2].summary_hidden) << "L: 4 answers";
  EXPECT_TRUE(table.groups[0].summary_hidden) << "S: the cheapest to hide with L";
  EXPECT_TRUE(table.groups[1].summary_hidden) << "M would pin S and L at 0";
  EXPECT_FALSE(table.Total().summary_hidden);
  EXPECT_TRUE(table.audit.empty());
  // With a negative answer possible, the bounds tell nothing: M stays.
  mi.numbers[size_t(std::ranges::find(size.codes, 1) - size.codes.begin())] = -1;
  QuestionTable signed_table = Tabulate(data, mi, weighting->design, &size, {5, 0});
  EXPECT_TRUE(signed_table.groups[0].summary_hidden && signed_table.groups[2].summary_hidden);
  EXPECT_FALSE(signed_table.groups[1].summary_hidden);
}

// The bounds across versions: newcomers only add answers of 0 or more, so
// a line an earlier version showed is at least what it was. Here S's one
// newcomer answered 0 and L's 4 all answered 0: with M shown, a reader of
// both versions would know both, so M goes too.
TEST(TablesTest, ALineWhoseNewcomersAnsweredNothingIsAtItsLeast) {
  Dataset data = ToyDataset();
  DatasetColumn& mi = data.columns[size_t(data.Column("mi") - data.columns.data())];
  const DatasetDimension& size = *data.Dimension("size");
  int s_seen = 0;
  for (size_t i = 0; i < data.rows; ++i) {
    if (size.codes[i] == 2) mi.numbers[i] = 0;  // L
    if (size.codes[i] != 0) continue;
    ++s_seen;
    if (s_seen == 1) mi.numbers[i] = kMissing;  // S (8) is cheaper than M (9)
    if (s_seen == 2) mi.numbers[i] = 0;         // S's newcomer
  }
  auto weighting = WeightByClasses(data, {{"size"}, 2});
  ASSERT_TRUE(weighting.ok());
  QuestionTable table = Tabulate(data, mi, weighting->design, &size, {5, 0});
  ASSERT_TRUE(table.groups[0].summary_hidden && table.groups[2].summary_hidden);
  ASSERT_FALSE(table.groups[1].summary_hidden) << "alone, S leaves L room";
  // Version 1 showed S with 7 answers and the same sum.
  const std::map<std::string, SummaryShown> then{
      {"S", {7, true, table.summary_equations->answered_sum[0], {}}}};
  const std::vector<bool> least = SummariesAtTheirLeast(table, then);
  EXPECT_EQ(least, (std::vector<bool>{true, false, false, false}));
  std::vector<bool> also;
  for (int since : SummariesTellingNewcomers(table, then, 5)) also.push_back(since > 0);
  EXPECT_EQ(also, (std::vector<bool>{true, false, false, false}));
  HideSummaries(table, also, {5, 0}, least);
  EXPECT_TRUE(table.groups[1].summary_hidden) << "M would pin S at version 1's and L at 0";
  EXPECT_FALSE(table.Total().summary_hidden);
  EXPECT_TRUE(table.audit.empty());
}

// Means of lines merged differently in two versions: version 1 showed
// the south (Uusimaa and Kymenlaakso merged) with 30 answers, version 2
// shows the two apart with 31 together. Their weighted sums less the
// south's tell the one newcomer's answer: one of the two is hidden (the
// one of fewer answers, or one hidden already), as is the total line's.
TEST(TablesTest, MeansOfLinesMergedDifferentlyAreReadTogether) {
  QuestionTable now;
  for (auto [code, valid] : {std::pair{"uusimaa", 18}, {"kymenlaakso", 13}, {"north", 20},
                             {"total", 51}}) {
    GroupResult& line = now.groups.emplace_back();
    line.code = code;
    line.valid = valid;
  }
  std::map<std::string, SummaryShown> then{{"south", {30, true, 3000, {"uusimaa", "kymenlaakso"}}},
                                           {"north", {20, true, 2000, {}}},
                                           {"total", {50, true, 5000, {}}}};
  EXPECT_EQ(SummariesTellingNewcomers(now, then, 5), (std::vector<int>{0, 1, 0, 1}));
  now.groups[0].summary_hidden = true;
  EXPECT_EQ(SummariesTellingNewcomers(now, then, 5), (std::vector<int>{1, 0, 0, 1}))
      << "Uusimaa, hidden already, keeps the sum unknown";
  then.at("south").shown = false;
  EXPECT_EQ(SummariesTellingNewcomers(now, then, 5), (std::vector<int>{0, 0, 0, 1}))
      << "the south hidden then: nothing to take the two from";
  // By code, the south was never linked with the two.
  then.at("south") = {30, true, 3000, {}};
  EXPECT_EQ(SummariesTellingNewcomers(now, then, 5), (std::vector<int>{0, 0, 0, 1}));
}

// Random amounts by one breakdown, many of them 0: the whole line is the
// sum of the lines and of those in none (unpublished), so a hidden line of
// 1 … k−1 answers is given away exactly when it is the equation's only
// hidden value, or when the total is shown and every hidden value's sum
// is 0 (answers are never negative). Checked so, apart from the audit.
TEST(TablesTest, RandomAmountsHideNoSmallLineItsBoundsGiveAway) {
  std::mt19937 random(41);
  int protected_lines = 0, zero_lines = 0;
  for (int round = 0; round < 2000; ++round) {
    const size_t n = 5 + random() % 60, classes = 2 + random() % 7;
    const int k = 3 + int(random() % 5);
    std::vector<std::string> codes;
    for (size_t c = 0; c < classes; ++c) codes.push_back("c" + std::to_string(c));
    Dataset data;
    data.rows = n;
    DatasetDimension by = MakeDimension("by", codes);
    DatasetColumn amount;
    amount.name = "amount";
    amount.kind = DatasetColumn::Kind::kNumber;
    for (size_t i = 0; i < n; ++i) {
      data.organisations.push_back("o" + std::to_string(i));
      by.codes.push_back(random() % 10 == 0 ? -1 : int(random() % classes));
      const unsigned roll = random() % 10;
      amount.numbers.push_back(roll < 5 ? 0.0 : roll == 5 ? kMissing : double(random() % 100));
    }
    DesignSpec spec;
    spec.weights.assign(n, 1.0);
    auto design = Design::Make(std::move(spec));
    ASSERT_TRUE(design.ok());
    const QuestionTable table = Tabulate(data, amount, *design, &by, {k, 0});
    ASSERT_TRUE(table.audit.empty()) << round;
    // Who is in no line, and whether their sum is 0.
    int outside = 0;
    bool outside_zero = true;
    for (size_t i = 0; i < n; ++i) {
      if (by.codes[i] >= 0 || std::isnan(amount.numbers[i])) continue;
      ++outside;
      outside_zero = outside_zero && amount.numbers[i] == 0;
    }
    auto zero = [&](const GroupResult& line) {
      return line.valid > 0 && line.mean.estimate == 0;
    };
    int hidden = outside > 0;
    bool all_zero = outside == 0 || outside_zero;
    for (size_t l = 0; l + 1 < table.groups.size(); ++l) {
      const GroupResult& line = table.groups[l];
      if (line.valid == 0 || !line.summary_hidden) continue;
      ++hidden;
      all_zero = all_zero && zero(line);
    }
    for (size_t l = 0; l + 1 < table.groups.size(); ++l) {
      const GroupResult& line = table.groups[l];
      if (line.valid == 0 || line.valid >= k) continue;
      ++protected_lines;
      zero_lines += zero(line);
      EXPECT_TRUE(line.summary_hidden) << round << " " << line.code;
      if (table.Total().summary_hidden) continue;
      EXPECT_GE(hidden, 2) << round << " " << line.code << ": the only hidden one";
      EXPECT_FALSE(all_zero) << round << " " << line.code << ": pinned at 0";
    }
  }
  EXPECT_GT(zero_lines, 200) << "small lines that all answered 0 must be common";
  std::cout << protected_lines << " small lines, " << zero_lines << " of them all 0\n";
}

// What `stats relate` correlates: a rating by its number on its scale
// ("don't know" missing), an amount as it is; text cannot be scored.
TEST(TablesTest, QuestionsScoredForRelating) {
  Dataset data = ToyDataset();
  auto q1 = ScoreQuestion(data, "q1");
  ASSERT_TRUE(q1.ok()) << q1.status().ToString();
  ASSERT_EQ(q1->values.size(), data.rows);
  const DatasetColumn& column = *data.Column("q1");
  for (size_t i = 0; i < data.rows; ++i) {
    if (column.codes[i] == column.dont_know) {
      EXPECT_TRUE(std::isnan(q1->values[i]));
    } else {
      EXPECT_EQ(q1->values[i], column.codes[i] + 1) << "row " << i;
    }
  }
  auto mi = ScoreQuestion(data, "mi");
  ASSERT_TRUE(mi.ok());
  EXPECT_EQ(mi->values, data.Column("mi")->numbers);
  DatasetColumn text;
  text.name = "comments";
  text.kind = DatasetColumn::Kind::kText;
  data.columns.push_back(text);
  EXPECT_EQ(ScoreQuestion(data, "comments").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(ScoreQuestion(data, "nothing").status().message(),
            "nothing is not a question that can be scored");
}

}  // namespace
}  // namespace kartla::stats
