// The attacker's audit by linear programming: what the rank test misses
// (bounds pin cells), what it gets right (a cycle of hidden cells), and
// whole numbers tightening a fractional bound.
#include "stats/interval_audit.h"

#include <gtest/gtest.h>

#include <cmath>

namespace kartla::stats {
namespace {

// A column of cells and its published total: the cells add up to it.
LinearTable Column(std::vector<int> cells) {
  LinearTable table;
  table.values = cells;
  int total = 0;
  std::vector<LinearTable::Term> equation;
  for (size_t i = 0; i < cells.size(); ++i) {
    total += cells[i];
    equation.push_back({int(i), 1});
  }
  table.values.push_back(total);
  equation.push_back({int(cells.size()), -1});
  table.equations.push_back(equation);
  return table;
}

// The demo's stage-2 release, ICT main provider in Satakunta: "own ICT
// unit" hidden (1), the rest published 6, 5, 0, the line's base 12. The
// equations alone leave it free if "none" is hidden too; here only it is
// hidden, so it is 12 − 6 − 5 − 0 = 1, as the rank test also finds.
TEST(IntervalAuditTest, ACellTheOthersAndTheTotalFix) {
  LinearTable table = Column({1, 6, 5, 0});
  std::vector<bool> hidden = {true, false, false, false, false};
  std::vector<FeasibleRange> ranges = FeasibleRanges(table, hidden);
  EXPECT_EQ(ranges[0].lower, 1);
  EXPECT_EQ(ranges[0].upper, 1);
  EXPECT_EQ(RuleBreaches(table, hidden, 5), std::vector<int>{0});
  EXPECT_EQ(DisclosedValues(table, hidden), std::vector<int>{0});
}

// Two hidden cells of a column whose other cells already reach all but 2
// of the total: the rank test sees two unknowns and one equation and calls
// them safe, but neither can exceed 2 (and both are ≥ 0), so a cell of 1
// lies in [0, 2]: it can be told apart from "k or more".
TEST(IntervalAuditTest, BoundsPinWhatTheRankTestCallsSafe) {
  LinearTable table = Column({1, 1, 20, 9});
  std::vector<bool> hidden = {true, true, false, false, false};
  EXPECT_TRUE(DisclosedValues(table, hidden).empty()) << "the rank test sees no disclosure";
  std::vector<FeasibleRange> ranges = FeasibleRanges(table, hidden);
  EXPECT_EQ(ranges[0].lower, 0);
  EXPECT_EQ(ranges[0].upper, 2);
  EXPECT_EQ(RuleBreaches(table, hidden, 5), (std::vector<int>{0, 1}));
  // With a cell of 4 hidden beside them, each reaches from 0 to 6 ≥ 5.
  LinearTable wider = Column({1, 1, 4, 20});
  std::vector<bool> three = {true, true, true, false, false};
  EXPECT_TRUE(RuleBreaches(wider, three, 5).empty());
  EXPECT_EQ(FeasibleRanges(wider, three)[0].upper, 6);
  // A hidden total is unbounded above unless something else bounds it.
  std::vector<bool> total_too = {true, true, false, false, true};
  EXPECT_TRUE(std::isinf(FeasibleRanges(table, total_too)[4].upper));
}

// A 2 × 2 table with published margins and every inner cell hidden: each
// cell ranges from 0 to the smaller of its margins.
TEST(IntervalAuditTest, ARectangleOfHiddenCellsWithItsMargins) {
  // Cells a b / c d = 2 3 / 4 1; rows 5, 5; columns 6, 4.
  LinearTable table;
  table.values = {2, 3, 4, 1, 5, 5, 6, 4};
  table.equations = {{{0, 1}, {1, 1}, {4, -1}},
                     {{2, 1}, {3, 1}, {5, -1}},
                     {{0, 1}, {2, 1}, {6, -1}},
                     {{1, 1}, {3, 1}, {7, -1}}};
  std::vector<bool> hidden = {true, true, true, true, false, false, false, false};
  std::vector<FeasibleRange> ranges = FeasibleRanges(table, hidden);
  EXPECT_EQ(ranges[0].lower, 1) << "a = 6 − c and c ≤ 5";
  EXPECT_EQ(ranges[0].upper, 5);
  EXPECT_EQ(ranges[3].lower, 0);
  EXPECT_EQ(ranges[3].upper, 4);
  // a = 2 cannot be told from "nobody": a breach at k = 3, where d = 1
  // (0 … 4) is safe; at k = 5 no cell can reach 5 or more and 0 both.
  EXPECT_EQ(RuleBreaches(table, hidden, 3), std::vector<int>{0});
  EXPECT_EQ(RuleBreaches(table, hidden, 5), (std::vector<int>{0, 1, 2, 3}));
}

// Whole numbers tighten a fractional bound: x + 2y = 3 lets y reach 1.5,
// but a whole y is at most 1.
TEST(IntervalAuditTest, WholeNumbersTightenAFractionalBound) {
  LinearTable table;
  table.values = {1, 1, 3};
  table.equations = {{{0, 1}, {1, 2}, {2, -1}}};
  std::vector<FeasibleRange> ranges = FeasibleRanges(table, {true, true, false});
  EXPECT_EQ(ranges[1].upper, 1);
  EXPECT_EQ(ranges[0].lower, 1) << "x = 3 − 2y is odd";
  EXPECT_EQ(ranges[0].upper, 3);
}

// Protection by the rule: two hidden cells of 1 that bounds pin to 0 … 2
// get the cheapest published cell of their equation hidden beside them
// (the 9, not the 20), and then each ranges from 0 to 11.
TEST(IntervalAuditTest, ProtectionHidesTheCheapestCellThatWidensTheRange) {
  LinearTable table = Column({1, 1, 20, 9});
  std::vector<double> cost = {1, 1, 20, 9, std::numeric_limits<double>::infinity()};
  std::vector<bool> all(5, true);
  auto hidden = ProtectRanges(table, {true, true, false, false, false}, all, 5, cost);
  ASSERT_TRUE(hidden.has_value());
  EXPECT_EQ(*hidden, (std::vector<bool>{true, true, false, true, false}));
  EXPECT_TRUE(RuleBreaches(table, *hidden, 5).empty());
  EXPECT_EQ(FeasibleRanges(table, *hidden)[0].upper, 11);
  // A line of 3 respondents with its base published can never reach k = 5:
  // the rule cannot be met by hiding cells, only by hiding (or merging) the
  // line; with the total's cost infinite, protection gives up.
  LinearTable small = Column({1, 2});
  EXPECT_FALSE(ProtectRanges(small, {true, true, false}, {true, true, false}, 5,
                             {1, 2, std::numeric_limits<double>::infinity()})
                   .has_value());
}

}  // namespace
}  // namespace kartla::stats
