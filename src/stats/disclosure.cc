#include "stats/disclosure.h"

#include <limits>

#include <Eigen/Dense>

namespace kartla::stats {
namespace {

// The cost of hiding a cell: its respondents, and a little for an empty
// cell so that hiding nothing is not free.
double Cost(int count) { return count > 0 ? count : 0.5; }

}  // namespace

std::vector<bool> PrimarySuppression(const CountTable& table, int k) {
  std::vector<bool> hidden(table.counts.size(), false);
  for (size_t i = 0; i < table.counts.size(); ++i) {
    hidden[i] = table.counts[i] > 0 && table.counts[i] < k;
  }
  return hidden;
}

std::vector<int> DisclosedCells(const CountTable& table, const std::vector<bool>& suppressed) {
  std::vector<int> unknowns;
  for (size_t i = 0; i < suppressed.size(); ++i) {
    if (suppressed[i]) unknowns.push_back(int(i));
  }
  if (unknowns.empty()) return {};
  // One equation per row and per column total, over the suppressed cells.
  const int equations = table.rows + table.columns;
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(equations, Eigen::Index(unknowns.size()));
  for (size_t j = 0; j < unknowns.size(); ++j) {
    a(unknowns[j] / table.columns, Eigen::Index(j)) = 1;
    a(table.rows + unknowns[j] % table.columns, Eigen::Index(j)) = 1;
  }
  // A cell is fixed exactly when every solution of the homogeneous system
  // is zero there: its unit vector is then in the row space. One kernel
  // for all cells.
  const Eigen::MatrixXd kernel = Eigen::FullPivLU<Eigen::MatrixXd>(a).kernel();
  std::vector<int> disclosed;
  for (size_t j = 0; j < unknowns.size(); ++j) {
    if (kernel.row(Eigen::Index(j)).cwiseAbs().maxCoeff() < 1e-9) {
      disclosed.push_back(unknowns[j]);
    }
  }
  return disclosed;
}

std::vector<bool> SecondarySuppression(const CountTable& table, std::vector<bool> primary) {
  std::vector<bool> suppressed = std::move(primary);
  bool any = false;
  for (bool hidden : suppressed) any = any || hidden;
  if (!any) return suppressed;
  if (table.rows < 2 || table.columns < 2) {
    // Every cell equals a published margin: nothing can be hidden.
    return std::vector<bool>(table.counts.size(), true);
  }
  for (std::vector<int> fixed = DisclosedCells(table, suppressed); !fixed.empty();
       fixed = DisclosedCells(table, suppressed)) {
    // Put the first fixed cell on a cycle: the cheapest rectangle through it.
    const int r = fixed.front() / table.columns, c = fixed.front() % table.columns;
    double best = std::numeric_limits<double>::infinity();
    int best_row = -1, best_column = -1;
    for (int r2 = 0; r2 < table.rows; ++r2) {
      for (int c2 = 0; c2 < table.columns; ++c2) {
        if (r2 == r || c2 == c) continue;
        double cost = 0;
        for (int cell : {r * table.columns + c2, r2 * table.columns + c,
                         r2 * table.columns + c2}) {
          if (!suppressed[cell]) cost += Cost(table.counts[cell]);
        }
        if (cost < best) {
          best = cost;
          best_row = r2;
          best_column = c2;
        }
      }
    }
    for (int cell : {r * table.columns + best_column, best_row * table.columns + c,
                     best_row * table.columns + best_column}) {
      suppressed[cell] = true;
    }
  }
  return suppressed;
}

}  // namespace kartla::stats
