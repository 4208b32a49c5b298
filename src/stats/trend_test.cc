// One question through several datasets: which points asked it, and each
// point's line in the latest point's terms (choices matched by name).
#include "stats/trend.h"

#include <gtest/gtest.h>

#include "tests/support/toy_survey.h"

namespace kartla::stats {
namespace {

TEST(TrendTest, EachPointIsTabulatedOnItsOwnAndMatchedByChoiceName) {
  std::vector<TrendPoint> points(4);
  points[0].name = "2017";
  points[0].dataset = ToyDataset();
  // 2021 asked q1 with its choices in another order and without "don't know".
  points[1].name = "2021";
  points[1].dataset = ToyDataset();
  DatasetColumn& q1 = *const_cast<DatasetColumn*>(points[1].dataset.Column("q1"));
  for (int16_t& code : q1.codes) {
    if (code == 5) code = 0;  // "don't know" counted as 1 in this made-up round
  }
  q1.choices = {"5", "4", "3", "2", "1"};
  q1.choice_labels.resize(5);
  q1.dont_know = -1;
  for (int16_t& code : q1.codes) code = int16_t(4 - code);
  // 2023 did not ask it; 2025 asked it and nobody answered yet.
  points[2].name = "2023";
  points[2].dataset = ToyDataset();
  points[2].dataset.columns.erase(points[2].dataset.columns.begin());
  points[3].name = "2025";
  points[3].dataset = ToyDataset();
  points[3].dataset.rows = 0;
  ClassingOptions classing{{"size"}, 2};
  const DatasetColumn* latest = TabulatePoints(points, "q1", classing, {5, 0});
  ASSERT_NE(latest, nullptr);
  EXPECT_EQ(latest, points[1].dataset.Column("q1")) << "the last point that has a table";
  EXPECT_TRUE(points[0].table && points[1].table);
  EXPECT_EQ(points[2].note, "not asked");
  EXPECT_EQ(points[3].note, "no answers");

  // 2017 in 2021's terms: its shares of the valid answers, in 2021's order.
  TrendShape shape = ShapeOf(*latest);
  EXPECT_TRUE(shape.shares && shape.summary && shape.top2);
  TrendLine line = LineOf(points[0], *latest);
  const GroupResult& all = points[0].table->Total();
  EXPECT_EQ(line.n, all.valid) << "2017 had a \"don't know\"";
  ASSERT_EQ(line.shares.size(), 5u);
  for (int j = 0; j < 5; ++j) {
    ASSERT_TRUE(line.shares[j].has_value());
    EXPECT_DOUBLE_EQ(line.shares[j]->estimate, all.valid_shares[4 - j].estimate);
  }
  EXPECT_DOUBLE_EQ(line.mean.estimate, all.mean.estimate);
  TrendLine own = LineOf(points[1], *latest);
  EXPECT_EQ(own.n, points[1].table->Total().base) << "no \"don't know\" in 2021";

  // A choice the point did not offer is nullopt, not a zero.
  q1.choices[0] = "five";
  TrendLine unmatched = LineOf(points[0], *latest);
  EXPECT_FALSE(unmatched.shares[0].has_value());
  EXPECT_TRUE(unmatched.shares[1].has_value());
}

TEST(TrendTest, NoPointThatAskedItGivesNoColumn) {
  std::vector<TrendPoint> points(1);
  points[0].dataset = ToyDataset();
  EXPECT_EQ(TabulatePoints(points, "nothing", {{"size"}, 2}, {5, 0}), nullptr);
  EXPECT_EQ(points[0].note, "not asked");
}

}  // namespace
}  // namespace kartla::stats
