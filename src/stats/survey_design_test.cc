// Every row of R's reference numbers (tests/data/stats/reference_values.csv,
// computed with the survey package on its apistrat sample) reproduced by the
// library: 1e-9 relative where R's answer is closed-form, 1e-7 where both
// sides iterate (raking, calibration by raking).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "core/csv.h"
#include "stats/survey_design.h"

namespace kartla::stats {
namespace {

std::string ReadFile(const std::string& name) {
  std::ifstream in(std::string(KARTLA_STATS_DATA) + "/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

CsvTable ReadTable(const std::string& name) {
  auto table = ParseCsv(ReadFile(name), name);
  if (!table.ok()) throw std::runtime_error(table.status().ToString());
  return std::move(table).value();
}

// The apistrat sample as columns.
struct Sample {
  CsvTable table;
  explicit Sample(CsvTable t) : table(std::move(t)) {}

  std::vector<double> Numbers(const std::string& column) const {
    size_t c = *table.ColumnIndex(column);
    std::vector<double> values;
    for (const CsvRecord& record : table.records) values.push_back(std::stod(record.fields[c]));
    return values;
  }
  Factor Categories(const std::string& column) const {
    size_t c = *table.ColumnIndex(column);
    Factor factor;
    factor.name = column;
    std::map<std::string, int> seen;
    std::vector<std::string> values;
    for (const CsvRecord& record : table.records) values.push_back(record.fields[c]);
    std::vector<std::string> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    for (const std::string& value : sorted) {
      if (seen.emplace(value, int(factor.levels.size())).second) factor.levels.push_back(value);
    }
    for (const std::string& value : values) factor.codes.push_back(seen[value]);
    return factor;
  }
  // The cross of two factors, level names "a.b" with the first varying
  // fastest as R's interaction().
  static Factor Cross(const Factor& a, const Factor& b) {
    Factor cross;
    cross.name = a.name + " x " + b.name;
    for (const std::string& second : b.levels) {
      for (const std::string& first : a.levels) cross.levels.push_back(first + "." + second);
    }
    for (size_t i = 0; i < a.codes.size(); ++i) {
      cross.codes.push_back(b.codes[i] * int(a.levels.size()) + a.codes[i]);
    }
    return cross;
  }
};

class ReferenceTest : public ::testing::Test {
 protected:
  ReferenceTest() : sample_(ReadTable("apistrat.csv")) {}

  Design MakeDesign(bool strata, bool fpc) const {
    DesignSpec spec;
    spec.weights = sample_.Numbers("pw");
    if (strata) {
      Factor stype = sample_.Categories("stype");
      spec.strata = stype.codes;
      spec.stratum_names = stype.levels;
    }
    if (fpc) spec.fpc = sample_.Numbers("fpc");
    return std::move(Design::Make(std::move(spec))).value();
  }

  // The population margins of stype and sch.wide.
  std::vector<Margin> Margins() const {
    return {{sample_.Categories("stype"), {4421, 755, 1018}},
            {sample_.Categories("sch.wide"), {1072, 5122}}};
  }

  // The design a reference case names; sets `iterative` if R iterated.
  Design DesignOf(const std::string& name, bool& iterative) const {
    iterative = false;
    if (name.starts_with("strat no fpc")) return MakeDesign(true, false);
    if (name.starts_with("weights only")) return MakeDesign(false, false);
    Design design = MakeDesign(true, true);
    Status done = Status::Ok();
    if (name.starts_with("strat+postStratify(stype)")) {
      done = design.PostStratify(sample_.Categories("stype"), std::vector<double>{4421, 755, 1018});
    } else if (name.starts_with("strat+postStratify(stype x sch.wide")) {
      Factor cells = Sample::Cross(sample_.Categories("stype"), sample_.Categories("sch.wide"));
      std::map<std::string, double> counts;
      for (const CsvRecord& record : ReadTable("apipop_stype_schwide.csv").records) {
        counts[record.fields[0] + "." + record.fields[1]] = std::stod(record.fields[2]);
      }
      std::vector<double> ordered;
      for (const std::string& level : cells.levels) ordered.push_back(counts.at(level));
      done = design.PostStratify(cells, ordered);
    } else if (name.starts_with("strat+rake(stype, sch.wide)")) {
      iterative = true;
      done = design.Rake(Margins(), {10, 1.0});  // R's rake() defaults
    } else if (name.starts_with("strat+rake tight convergence")) {
      iterative = true;
      done = design.Rake(Margins(), {100, 1e-10});
    } else if (name.starts_with("strat+calibrate linear")) {
      done = design.Calibrate(Margins(), CalibrationFunction::kLinear);
    } else if (name.starts_with("strat+calibrate calfun=raking")) {
      iterative = true;
      done = design.Calibrate(Margins(), CalibrationFunction::kRaking);
    } else {
      EXPECT_TRUE(name.starts_with("strat:")) << name;
    }
    EXPECT_TRUE(done.ok()) << done.ToString();
    return design;
  }

  // The estimate a reference row names.
  Estimate EstimateOf(const Design& design, const std::string& name,
                      const std::string& term) const {
    std::string what = name.substr(name.find(": ") + 2);
    if (what.starts_with("svytotal")) return design.Total(sample_.Numbers(term));
    if (what.starts_with("svymean api00+enroll")) return design.Mean(sample_.Numbers(term));
    if (what.starts_with("svymean factor")) {
      std::string column = what.substr(15, what.find(' ', 15) - 15);
      return design.Mean(Indicator(column, term.substr(column.size())));
    }
    // svyby VARIABLE ~stype: a domain estimate per stype.
    std::string variable = what.substr(6, what.find(' ', 6) - 6);
    std::string stype = term.substr(0, term.find(':'));
    Factor by = sample_.Categories("stype");
    std::vector<bool> domain;
    for (int code : by.codes) domain.push_back(by.levels[code] == stype);
    if (variable == "api00") return design.Mean(sample_.Numbers(variable), &domain);
    std::string level = term.substr(term.find(':') + 1 + variable.size());
    return design.Mean(Indicator(variable, level), &domain);
  }

  std::vector<double> Indicator(const std::string& column, const std::string& level) const {
    Factor factor = sample_.Categories(column);
    std::vector<double> values;
    for (int code : factor.codes) values.push_back(factor.levels[code] == level ? 1.0 : 0.0);
    return values;
  }

  Sample sample_;
};

TEST_F(ReferenceTest, EveryRowOfRsReferenceNumbers) {
  CsvTable reference = ReadTable("reference_values.csv");
  ASSERT_EQ(reference.records.size(), 51u);
  for (const CsvRecord& row : reference.records) {
    const std::string& name = row.fields[0];
    const std::string& term = row.fields[1];
    double estimate = std::stod(row.fields[2]), se = std::stod(row.fields[3]);
    bool iterative = false;
    Design design = DesignOf(name, iterative);
    Estimate got = EstimateOf(design, name, term);
    const double tolerance = iterative ? 1e-7 : 1e-9;
    SCOPED_TRACE(name + " / " + term);
    EXPECT_NEAR(got.estimate, estimate, tolerance * std::abs(estimate));
    // A standard error of (almost) 0 is compared on the estimate's scale.
    EXPECT_NEAR(got.se, se, tolerance * std::max(std::abs(se), 1e-3 * std::abs(estimate)));
    EXPECT_NEAR(got.Lower(), std::stod(row.fields[4]), tolerance * std::abs(estimate));
    EXPECT_NEAR(got.Upper(), std::stod(row.fields[5]), tolerance * std::abs(estimate));
  }
}

// A domain mean is the ratio of the domain's totals of y and of its
// indicator (R's svyratio help says as much): R's svyby rows reproduced as
// ratios over the whole design, and a ratio to another variable (students
// tested per student enrolled) is the ratio of the two totals, whose
// standard error scales with x.
TEST_F(ReferenceTest, RatiosAgreeWithRsDomainMeans) {
  CsvTable reference = ReadTable("reference_values.csv");
  Design design = MakeDesign(true, true);
  const std::vector<double> api = sample_.Numbers("api00");
  Factor stype = sample_.Categories("stype");
  int rows = 0;
  for (const CsvRecord& row : reference.records) {
    if (row.fields[0] != "strat: svyby api00 ~stype svymean") continue;
    std::vector<double> y(api.size()), x(api.size());
    for (size_t i = 0; i < api.size(); ++i) {
      x[i] = stype.levels[stype.codes[i]] == row.fields[1] ? 1 : 0;
      y[i] = api[i] * x[i];
    }
    Estimate got = design.Ratio(y, x);
    SCOPED_TRACE(row.fields[1]);
    EXPECT_NEAR(got.estimate, std::stod(row.fields[2]), 1e-9 * got.estimate);
    EXPECT_NEAR(got.se, std::stod(row.fields[3]), 1e-9 * got.se);
    ++rows;
  }
  EXPECT_EQ(rows, 3);

  const std::vector<double> tested = sample_.Numbers("api.stu");
  const std::vector<double> enrolled = sample_.Numbers("enroll");
  Estimate ratio = design.Ratio(tested, enrolled);
  EXPECT_NEAR(ratio.estimate,
              design.Total(tested).estimate / design.Total(enrolled).estimate, 1e-12);
  EXPECT_GT(ratio.estimate, 0.7);
  EXPECT_LT(ratio.estimate, 1.0);
  std::vector<double> doubled = enrolled;
  for (double& value : doubled) value *= 2;
  Estimate halved = design.Ratio(tested, doubled);
  EXPECT_NEAR(halved.estimate, ratio.estimate / 2, 1e-12);
  EXPECT_NEAR(halved.se, ratio.se / 2, 1e-12);
  // To x = 1 it is the mean, to the digit.
  std::vector<double> ones(tested.size(), 1.0);
  EXPECT_EQ(design.Ratio(tested, ones).estimate, design.Mean(tested).estimate);
  EXPECT_EQ(design.Ratio(tested, ones).se, design.Mean(tested).se);
  // A unit without x is left out; no x at all gives NaN.
  std::vector<double> none(tested.size(), std::nan(""));
  EXPECT_TRUE(std::isnan(design.Ratio(tested, none).estimate));
}

TEST_F(ReferenceTest, RakedWeightsOfEachCellAgreeWithR) {
  Design tight = MakeDesign(true, true), rough = MakeDesign(true, true);
  ASSERT_TRUE(tight.Rake(Margins(), {100, 1e-10}).ok());
  ASSERT_TRUE(rough.Rake(Margins(), {10, 1.0}).ok());
  Factor stype = sample_.Categories("stype"), wide = sample_.Categories("sch.wide");
  for (const CsvRecord& row : ReadTable("raked_weights_apistrat.csv").records) {
    for (size_t i = 0; i < tight.size(); ++i) {
      if (stype.levels[stype.codes[i]] != row.fields[0] ||
          wide.levels[wide.codes[i]] != row.fields[1]) {
        continue;
      }
      EXPECT_NEAR(rough.weights()[i], std::stod(row.fields[3]), 1e-9 * tight.weights()[i]);
      EXPECT_NEAR(tight.weights()[i], std::stod(row.fields[4]), 1e-7 * tight.weights()[i]);
    }
  }
}

TEST(DesignTest, ImpossibleRequestsNameTheCategory) {
  DesignSpec spec;
  spec.weights = {2, 2, 3, 3};
  spec.strata = {0, 0, 1, 1};
  spec.stratum_names = {"S", "L"};
  auto design = Design::Make(spec);
  ASSERT_TRUE(design.ok());
  Factor region{{0, 0, 0, 0}, {"North", "South"}, "region"};
  Status empty = design->PostStratify(region, std::vector<double>{6, 4});
  EXPECT_FALSE(empty.ok());
  EXPECT_NE(empty.message().find("region = South"), std::string::npos) << empty.message();
  spec.strata = {0, 0, 0, 1};
  Status lonely = Design::Make(spec).status();
  EXPECT_NE(lonely.message().find("stratum L has a single PSU"), std::string::npos)
      << lonely.message();
}


// At 0 % and 100 % the logit interval is a point; Korn and Graubard's is
// Clopper–Pearson's on the respondents: 0 of 20 gives 0–16.8 % (R:
// binom.test(0, 20)$conf.int, qbeta(0.975, 1, 20) = 0.1684), wider where a
// design has fewer degrees of freedom than n − 1, mirrored at 100 %.
TEST(ShareIntervalTest, KornGraubardAtTheBounds) {
  Interval none = ShareInterval({0, 0}, 19, 20);
  EXPECT_EQ(none.lower, 0);
  EXPECT_NEAR(none.upper, 0.16843, 1e-5);
  Interval fewer_df = ShareInterval({0, 0}, 12, 20);
  EXPECT_GT(fewer_df.upper, none.upper);
  Interval all = ShareInterval({1, 0}, 19, 20);
  EXPECT_NEAR(all.lower, 1 - 0.16843, 1e-5);
  EXPECT_EQ(all.upper, 1);
  // Inside, the logit interval as before.
  Interval inside = ShareInterval({0.3, 0.05}, 19, 20);
  Interval logit = LogitInterval({0.3, 0.05}, 19);
  EXPECT_EQ(inside.lower, logit.lower);
  EXPECT_EQ(inside.upper, logit.upper);
  EXPECT_TRUE(std::isnan(ShareInterval({0, 0}, 0, 20).upper));
}

}  // namespace
}  // namespace kartla::stats
