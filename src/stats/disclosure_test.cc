// Disclosure control: the worked example of ../shared/stats (a 3 × 3 table
// with a threshold of 3), and property tests on thousands of random tables:
// no published cell under k, no hidden cell the audit can solve, and the
// audit itself checked against an independent criterion (in a table with
// margins, a hidden cell is fixed exactly when it is a bridge of the
// bipartite graph of hidden cells, rows against columns).
#include <gtest/gtest.h>

#include <queue>
#include <random>

#include "stats/disclosure.h"

namespace kartla::stats {
namespace {

// North/South/East × Small/Medium/Large.
CountTable Example() { return {3, 3, {12, 7, 2, 9, 5, 6, 4, 8, 5}}; }

int Hidden(const CountTable& table, const std::vector<bool>& suppressed) {
  int respondents = 0;
  for (size_t i = 0; i < suppressed.size(); ++i) {
    if (suppressed[i]) respondents += table.counts[i];
  }
  return respondents;
}

// Whether hidden cell `cell` is a bridge: without it, its row and column
// are no longer connected through other hidden cells.
bool IsBridge(const CountTable& table, const std::vector<bool>& suppressed, int cell) {
  const int nodes = table.rows + table.columns;
  std::vector<std::vector<int>> next(nodes);
  for (int i = 0; i < int(suppressed.size()); ++i) {
    if (!suppressed[i] || i == cell) continue;
    int row = i / table.columns, column = table.rows + i % table.columns;
    next[row].push_back(column);
    next[column].push_back(row);
  }
  int from = cell / table.columns, to = table.rows + cell % table.columns;
  std::vector<bool> seen(nodes, false);
  std::queue<int> queue;
  queue.push(from);
  seen[from] = true;
  while (!queue.empty()) {
    int node = queue.front();
    queue.pop();
    for (int other : next[node]) {
      if (!seen[other]) {
        seen[other] = true;
        queue.push(other);
      }
    }
  }
  return !seen[to];
}

TEST(DisclosureTest, TheWorkedExample) {
  CountTable table = Example();
  std::vector<bool> primary = PrimarySuppression(table, 3);
  EXPECT_EQ(primary, std::vector<bool>({0, 0, 1, 0, 0, 0, 0, 0, 0}));
  // Hidden alone, North-Large is its row's total less the published cells.
  EXPECT_EQ(DisclosedCells(table, primary), std::vector<int>({2}));
  // R's example pattern hides it: North-Medium, South-Medium, South-Large.
  std::vector<bool> theirs = primary;
  theirs[1] = theirs[4] = theirs[5] = true;
  EXPECT_TRUE(DisclosedCells(table, theirs).empty());
  // Kartla's choice is as cheap: the rectangle of 7 + 5 + 6 respondents.
  std::vector<bool> ours = SecondarySuppression(table, primary);
  EXPECT_TRUE(DisclosedCells(table, ours).empty());
  EXPECT_EQ(ours, theirs);
  EXPECT_EQ(Hidden(table, ours), 20);
}

TEST(DisclosureTest, NothingUnsafeInThousandsOfRandomTables) {
  std::mt19937 random(20261122);
  int tables = 0, with_suppression = 0;
  for (int round = 0; round < 3000; ++round) {
    CountTable table;
    table.rows = 2 + int(random() % 6);
    table.columns = 2 + int(random() % 6);
    int spread = 1 + int(random() % 25);  // small tables have many small cells
    for (int i = 0; i < table.rows * table.columns; ++i) {
      table.counts.push_back(int(random() % unsigned(spread)));
    }
    const int k = 3 + int(random() % 5);
    std::vector<bool> primary = PrimarySuppression(table, k);
    std::vector<bool> suppressed = SecondarySuppression(table, primary);
    ++tables;
    for (size_t i = 0; i < suppressed.size(); ++i) {
      if (primary[i]) {
        ASSERT_TRUE(suppressed[i]) << "a primary cell published";
        ++with_suppression;
      }
      if (!suppressed[i]) {
        ASSERT_FALSE(table.counts[i] > 0 && table.counts[i] < k) << "a published cell under k";
      }
    }
    ASSERT_TRUE(DisclosedCells(table, suppressed).empty()) << "table " << round;
    // The audit agrees with the graph criterion, on the safe pattern and on
    // the primary pattern alone.
    for (const std::vector<bool>* pattern : {&primary, &suppressed}) {
      std::vector<int> fixed = DisclosedCells(table, *pattern);
      for (int cell = 0; cell < int(pattern->size()); ++cell) {
        if (!(*pattern)[cell]) continue;
        bool audited = std::find(fixed.begin(), fixed.end(), cell) != fixed.end();
        ASSERT_EQ(audited, IsBridge(table, *pattern, cell))
            << "table " << round << " cell " << cell;
      }
    }
  }
  EXPECT_EQ(tables, 3000);
  EXPECT_GT(with_suppression, 1000) << "the tables must exercise the rules";
}

TEST(DisclosureTest, ASingleLineCannotHideACellBehindItsMargins) {
  CountTable line{1, 4, {12, 2, 9, 30}};
  std::vector<bool> hidden = SecondarySuppression(line, PrimarySuppression(line, 5));
  EXPECT_EQ(hidden, std::vector<bool>(4, true));
}

}  // namespace
}  // namespace kartla::stats
