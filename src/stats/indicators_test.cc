// The worked examples of the toy municipal survey (tests/data/stats, from
// ../shared/stats/worked_examples_output.txt, computed with R): the
// maturity index, a Likert item with "don't know", top-2-box, Cronbach's
// alpha, the R-indicator and X².
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/csv.h"
#include "stats/indicators.h"
#include "stats/survey_design.h"

namespace kartla::stats {
namespace {

constexpr double kClose = 1e-9;

// The toy survey: 22 respondents in size classes S, M, L of 20, 15 and 5
// municipalities.
class ToySurvey : public ::testing::Test {
 protected:
  ToySurvey() {
    std::ifstream in(std::string(KARTLA_STATS_DATA) + "/toy_municipalities.csv");
    std::stringstream text;
    text << in.rdbuf();
    table_ = std::move(ParseCsv(text.str(), "toy_municipalities.csv")).value();
  }

  std::vector<double> Column(const std::string& name) const {
    size_t c = *table_.ColumnIndex(name);
    std::vector<double> values;
    for (const CsvRecord& record : table_.records) values.push_back(std::stod(record.fields[c]));
    return values;
  }

  // Respondents as a stratified SRS within size class: weight N_h/n_h, fpc N_h.
  Design StratifiedDesign() const {
    size_t size = *table_.ColumnIndex("size");
    std::vector<std::string> classes = {"S", "M", "L"};
    DesignSpec spec;
    spec.stratum_names = classes;
    spec.fpc = Column("N_h");
    std::vector<int> count(3, 0);
    for (const CsvRecord& record : table_.records) {
      int h = int(std::find(classes.begin(), classes.end(), record.fields[size]) -
                  classes.begin());
      spec.strata.push_back(h);
      ++count[h];
    }
    for (size_t i = 0; i < spec.strata.size(); ++i) {
      spec.weights.push_back(spec.fpc[i] / count[spec.strata[i]]);
    }
    return std::move(Design::Make(std::move(spec))).value();
  }

  CsvTable table_;
};

TEST_F(ToySurvey, MaturityIndexMeanAndStandardError) {
  Estimate index = StratifiedDesign().Mean(Column("mi"));
  EXPECT_NEAR(index.estimate, 55, kClose);
  EXPECT_NEAR(index.se, 2.66471282588658, kClose);
}

TEST_F(ToySurvey, LikertWithDontKnowAndTopTwoBox) {
  Design design = StratifiedDesign();
  std::vector<double> q1 = Column("q1");
  auto share = [&](double code, const std::vector<bool>* valid) {
    std::vector<double> indicator;
    for (double v : q1) indicator.push_back(v == code ? 1.0 : 0.0);
    return design.Mean(indicator, valid);
  };
  // Shares of all respondents, "don't know" (9) shown.
  EXPECT_NEAR(share(4, nullptr).estimate, 0.340277777777778, 1e-12);
  EXPECT_NEAR(share(9, nullptr).estimate, 0.097222222222222, 1e-12);
  EXPECT_NEAR(share(2, nullptr).se, 0.0605, 5e-5);
  // Without it: the base is the valid answers.
  std::vector<bool> valid;
  for (double v : q1) valid.push_back(v != 9);
  EXPECT_NEAR(share(4, &valid).estimate, 0.37692, 5e-6);
  EXPECT_NEAR(share(4, &valid).se, 0.0761, 5e-5);
  Estimate mean = design.Mean(q1, &valid);
  EXPECT_NEAR(mean.estimate, 3.65384615384615, kClose);
  EXPECT_NEAR(mean.se, 0.157686701278048, kClose);
  EXPECT_NEAR(mean.Lower(), 3.34478589850025, kClose);
  // With t on the design's 22 − 3 degrees of freedom.
  EXPECT_EQ(design.DegreesOfFreedom(), 19);
  Interval t = TInterval(mean, design.DegreesOfFreedom());
  EXPECT_NEAR(t.lower, 3.3238040950109, kClose);
  EXPECT_NEAR(t.upper, 3.98388821268141, kClose);
  // Top-2-box: 4 or 5 among the valid answers.
  std::vector<double> top;
  for (double v : q1) top.push_back(v >= 4 && v <= 5 ? 1.0 : 0.0);
  Estimate box = design.Mean(top, &valid);
  EXPECT_NEAR(box.estimate, 0.6, kClose);
  EXPECT_NEAR(box.se, 0.0771749721824436, kClose);
  EXPECT_NEAR(box.Lower(), 0.44873983401453, kClose);
  // The logit interval on the valid answers' own design (20 − 3 = 17
  // degrees of freedom), as svyciprop on subset(design, q1 != 9).
  EXPECT_EQ(design.DegreesOfFreedom(&valid), 17);
  Interval logit = LogitInterval(box, design.DegreesOfFreedom(&valid));
  EXPECT_NEAR(logit.lower, 0.43217756559532, kClose);
  EXPECT_NEAR(logit.upper, 0.747231772355936, kClose);
  EXPECT_EQ(LogitInterval({0, 0}, 17).upper, 0);
}

TEST_F(ToySurvey, CronbachsAlphaWithAlphaIfItemDeleted) {
  auto reliability =
      CronbachAlpha({Column("m1"), Column("m2"), Column("m3"), Column("m4")});
  ASSERT_TRUE(reliability.has_value());
  EXPECT_NEAR(reliability->alpha, 0.922130484053748, kClose);
  EXPECT_NEAR(reliability->standardized_alpha, 0.922720854752775, kClose);
  std::vector<double> expected = {0.860543179737565, 0.924606462303231, 0.904722452361226,
                                  0.901604278074866};
  ASSERT_EQ(reliability->alpha_if_deleted.size(), 4u);
  for (size_t j = 0; j < 4; ++j) {
    EXPECT_NEAR(reliability->alpha_if_deleted[j], expected[j], kClose) << "item " << j + 1;
  }
  EXPECT_FALSE(CronbachAlpha({Column("m1")}).has_value());
}

TEST(RepresentativenessTest, RIndicatorPartialIndicatorsAndChiSquare) {
  // 400 municipalities in three classes answering at 45, 60 and 80 %.
  std::vector<ClassCount> classes = {{200, 90}, {150, 90}, {50, 40}};
  auto r = Represent(classes);
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->mean_rate, 0.55, kClose);
  EXPECT_NEAR(r->sd * r->sd, 0.0137844611528822, kClose);
  EXPECT_NEAR(r->r_indicator, 0.765185510218111, kClose);
  EXPECT_NEAR(r->cv, 0.213467717983535, kClose);
  EXPECT_NEAR(r->partial_variable, 0.117260393995586, kClose);
  std::vector<double> partial = {-0.0707106781186548, 0.0306186217847897, 0.0883883476483184};
  for (size_t k = 0; k < 3; ++k) EXPECT_NEAR(r->partial[k], partial[k], kClose);
  EXPECT_NEAR(r->chi_square, 10, kClose);
  EXPECT_EQ(r->df, 2);
  EXPECT_NEAR(r->p_value, 0.00673794699908547, 1e-15);
  EXPECT_NEAR(r->chi_square_fpc, 22.1666666666667, kClose);
  EXPECT_NEAR(r->p_value_fpc, 1.53663065268757e-05, 1e-17);
  EXPECT_NEAR(r->dissimilarity, 0.0909090909090909, kClose);
  // The identity X² = (N − 1)·S²/ρ̄ of the methods.
  EXPECT_NEAR(r->chi_square, 399 * r->sd * r->sd / r->mean_rate, kClose);
  EXPECT_FALSE(Represent(std::vector<ClassCount>{}).has_value());
}

TEST(RepresentativenessTest, AaporRatesOfTheWorkedExample) {
  // 400 cases: 200 complete, 20 partial, 150 known non-respondents, 30 of
  // unknown eligibility of which half are taken as eligible.
  Dispositions cases{200, 20, 100, 40, 10, 30, 0.5};
  AaporRates rates = Aapor(cases);
  EXPECT_NEAR(rates.rr1, 0.5, kClose);
  EXPECT_NEAR(rates.rr2, 0.55, kClose);
  EXPECT_NEAR(rates.rr3, 0.519480519480519, kClose);
  EXPECT_NEAR(rates.rr4, 0.571428571428571, kClose);
  EXPECT_NEAR(rates.rr5, 0.540540540540541, kClose);
  EXPECT_NEAR(rates.rr6, 0.594594594594595, kClose);
  EXPECT_NEAR(rates.coop1, 200.0 / 330, kClose);
  EXPECT_NEAR(rates.ref1, 100.0 / 400, kClose);
  EXPECT_NEAR(rates.con1, 330.0 / 400, kClose);
  // Eligibility known: the three response rates agree.
  AaporRates known = Aapor({157, 2, 0, 0, 0, 0, 1});
  EXPECT_NEAR(known.rr1, 1.0 * 157 / 159, kClose);
  EXPECT_EQ(known.rr1, known.rr3);
  EXPECT_EQ(known.rr1, known.rr5);
  EXPECT_TRUE(std::isnan(Aapor({}).rr1));
}

}  // namespace
}  // namespace kartla::stats
