// Survey estimation on a CSV file: columns read with their problems named,
// margins parsed and checked, a design from column names, and estimates in
// the order asked; against R's numbers on its apistrat sample where it
// computes something (tests/data/stats/reference_values.csv).
#include "stats/csv_design.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace kartla::stats {
namespace {

CsvColumns Columns(const std::string& text, const std::string& file = "data.csv") {
  return CsvColumns(std::move(ParseCsv(text, file)).value());
}

CsvEstimates Means(std::vector<std::string> means) {
  CsvEstimates asked;
  asked.means = std::move(means);
  return asked;
}

CsvDesignSpec Weighted(std::string weights) {
  CsvDesignSpec spec;
  spec.weights = std::move(weights);
  return spec;
}

CsvColumns Apistrat() {
  std::ifstream in(std::string(KARTLA_STATS_DATA) + "/apistrat.csv");
  std::stringstream text;
  text << in.rdbuf();
  return Columns(text.str(), "apistrat.csv");
}

TEST(CsvColumnsTest, NumbersNameEveryFieldThatIsNotOne) {
  CsvColumns columns = Columns("w,y\n1,2\n1,\n1,x\ninf,3\n");
  auto optional = columns.Numbers("y", false);
  EXPECT_FALSE(optional.ok());
  ASSERT_EQ(optional.status().problems().size(), 1u);
  EXPECT_NE(optional.status().problems()[0].ToString().find("data.csv"), std::string::npos);
  EXPECT_NE(optional.status().problems()[0].ToString().find("\"x\" is not a number"),
            std::string::npos);
  auto required = columns.Numbers("w", true);
  ASSERT_FALSE(required.ok());
  EXPECT_EQ(required.status().problems().size(), 1u) << "inf";
  auto missing = Columns("w,y\n1,\n").Numbers("y", false);
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(std::isnan((*missing)[0]));
  EXPECT_EQ(columns.Numbers("z", false).status().message(), "data.csv: there is no column z");
}

TEST(CsvColumnsTest, CategoriesAreSortedAsRsFactor) {
  auto factor = Columns("c,d\nb,1\na,1\n,1\nb,1\n").Categories("c");
  ASSERT_TRUE(factor.ok());
  EXPECT_EQ(factor->levels, (std::vector<std::string>{"", "a", "b"}));
  EXPECT_EQ(factor->codes, (std::vector<int>{2, 1, 0, 2}));
}

TEST(CsvColumnsTest, MarginsOfOneColumnAndOfCrossedColumns) {
  CsvColumns columns = Columns("a,b\nx,1\ny,1\nx,2\n");
  auto one = columns.ParseMargin("a:x=10,y=5");
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->totals, (std::vector<double>{10, 5}));
  auto crossed = columns.ParseMargin("a*b:x*1=4,y*1=3,x*2=2");
  ASSERT_TRUE(crossed.ok()) << crossed.status().ToString();
  EXPECT_EQ(crossed->factor.levels, (std::vector<std::string>{"x*1", "y*1", "x*2"}));
  EXPECT_EQ(crossed->totals, (std::vector<double>{4, 3, 2}));
  EXPECT_EQ(columns.ParseMargin("a").status().message(),
            "margin \"a\": write it as COLUMN:CATEGORY=COUNT,CATEGORY=COUNT,...");
  EXPECT_EQ(columns.ParseMargin("a:x=10,y=-1").status().message(),
            "margin \"a:x=10,y=-1\": \"y=-1\" is not CATEGORY=COUNT");
  EXPECT_EQ(columns.ParseMargin("a:x=10,y=5,z=1").status().message(),
            "margin a: no respondent in the category z, which has a population count of 1");
  EXPECT_EQ(columns.ParseMargin("a:x=10").status().message(),
            "margin a: the category y has respondents but no population count");
}

// R: svymean(~api00, svydesign(id=~1, strata=~stype, weights=~pw, fpc=~fpc,
// data=apistrat)), and svymean(~api00+enroll) with weights only.
TEST(CsvDesignTest, ReproducesRsStratifiedAndWeightsOnlyMeans) {
  CsvColumns columns = Apistrat();
  CsvDesignSpec spec;
  spec.weights = "pw";
  spec.strata = "stype";
  spec.fpc = "fpc";
  auto design = MakeCsvDesign(columns, spec);
  ASSERT_TRUE(design.ok()) << design.status().ToString();
  auto estimates = EstimateFromCsv(columns, *design, Means({"api00"}));
  ASSERT_TRUE(estimates.ok());
  ASSERT_EQ(estimates->size(), 1u);
  EXPECT_NEAR((*estimates)[0].value.estimate, 662.287363159321, 1e-9 * 662);
  EXPECT_NEAR((*estimates)[0].value.se, 9.40894080278458, 1e-9 * 9.4);

  auto weights_only = MakeCsvDesign(columns, Weighted("pw"));
  ASSERT_TRUE(weights_only.ok());
  auto enroll = EstimateFromCsv(columns, *weights_only, Means({"enroll"}));
  ASSERT_TRUE(enroll.ok());
  EXPECT_NEAR((*enroll)[0].value.se, 26.5631739249668, 1e-9 * 26.6);
  // Post-stratified to the strata: R gives the same as the stratified
  // design, to its own rounding.
  spec.poststratify = "stype:E=4421,H=755,M=1018";
  auto post = MakeCsvDesign(columns, spec);
  ASSERT_TRUE(post.ok()) << post.status().ToString();
  EXPECT_NEAR(post->Mean(*columns.Numbers("api00", true)).estimate, 662.287363577656, 1e-6);
}

TEST(CsvDesignTest, EstimatesComeDomainByDomainInTheOrderAsked) {
  CsvColumns columns = Columns(
      "w,g,y,c\n"
      "1,a,1,yes\n"
      "1,a,3,no\n"
      "1,b,5,\n"
      "1,b,7,yes\n");
  auto design = MakeCsvDesign(columns, Weighted("w"));
  ASSERT_TRUE(design.ok());
  CsvEstimates asked;
  asked.means = {"y"};
  asked.totals = {"y"};
  asked.shares = {"c"};
  asked.by = "g";
  auto estimates = EstimateFromCsv(columns, *design, asked);
  ASSERT_TRUE(estimates.ok()) << estimates.status().ToString();
  std::vector<std::string> order;
  for (const CsvEstimate& e : *estimates) {
    order.push_back(e.by + ":" + e.statistic + ":" + e.variable + ":" + e.category);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"a:mean:y:", "a:total:y:", "a:share:c:no",
                                             "a:share:c:yes", "b:mean:y:", "b:total:y:",
                                             "b:share:c:no", "b:share:c:yes"}));
  EXPECT_DOUBLE_EQ((*estimates)[0].value.estimate, 2);
  EXPECT_DOUBLE_EQ((*estimates)[1].value.estimate, 4);
  // In b the empty answer is out of the base: "yes" is 1 of 1.
  EXPECT_DOUBLE_EQ((*estimates)[6].value.estimate, 0);
  EXPECT_DOUBLE_EQ((*estimates)[7].value.estimate, 1);
  EXPECT_FALSE(EstimateFromCsv(columns, *design, Means({"nothing"})).ok());
  CsvDesignSpec bad = Weighted("w");
  bad.rake = {"g:a=2"};
  EXPECT_EQ(MakeCsvDesign(columns, bad).status().message(),
            "margin g: the category b has respondents but no population count");
}

}  // namespace
}  // namespace kartla::stats
