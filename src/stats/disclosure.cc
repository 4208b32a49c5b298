#include "stats/disclosure.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Dense>

namespace kartla::stats {
namespace {

// The cost of hiding a cell: its respondents, and a little for an empty
// cell so that hiding nothing is not free.
double Cost(int count) { return count > 0 ? count : 0.5; }

// The unknowns among `hidden` that every solution of the homogeneous
// system `a` leaves at zero: their value is fixed by the published values.
// A cell is fixed exactly when its unit vector is in the row space; one
// kernel answers for all.
std::vector<int> FixedUnknowns(const Eigen::MatrixXd& a, const std::vector<int>& unknowns) {
  const Eigen::MatrixXd kernel = Eigen::FullPivLU<Eigen::MatrixXd>(a).kernel();
  std::vector<int> fixed;
  // A kernel of only the zero vector comes back as one zero column.
  for (size_t j = 0; j < unknowns.size(); ++j) {
    if (kernel.row(Eigen::Index(j)).cwiseAbs().maxCoeff() < 1e-9) fixed.push_back(unknowns[j]);
  }
  return fixed;
}

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
  return FixedUnknowns(a, unknowns);
}

std::vector<int> DisclosedValues(const LinearTable& table, const std::vector<bool>& hidden) {
  std::vector<int> unknowns;
  std::vector<int> column_of(table.values.size(), -1);
  for (size_t i = 0; i < hidden.size(); ++i) {
    if (!hidden[i]) continue;
    column_of[i] = int(unknowns.size());
    unknowns.push_back(int(i));
  }
  if (unknowns.empty()) return {};
  Eigen::MatrixXd a =
      Eigen::MatrixXd::Zero(Eigen::Index(table.equations.size()), Eigen::Index(unknowns.size()));
  for (size_t e = 0; e < table.equations.size(); ++e) {
    for (const LinearTable::Term& term : table.equations[e]) {
      if (column_of[size_t(term.value)] >= 0) {
        a(Eigen::Index(e), column_of[size_t(term.value)]) += term.coefficient;
      }
    }
  }
  return FixedUnknowns(a, unknowns);
}

std::optional<std::vector<bool>> ProtectValues(const LinearTable& table, std::vector<bool> hidden,
                                               std::vector<bool> protect,
                                               const std::vector<double>& cost) {
  // The equations each value is in.
  std::vector<std::vector<size_t>> equations_of(table.values.size());
  for (size_t e = 0; e < table.equations.size(); ++e) {
    for (const LinearTable::Term& term : table.equations[e]) equations_of[size_t(term.value)].push_back(e);
  }
  for (;;) {
    // One kernel per round, not per hidden value: every exposed value
    // gets the cheapest published value sharing an equation with it,
    // unless a value chosen this round shares one already (it may be
    // enough; the next round tells).
    std::vector<bool> touched(table.equations.size(), false);
    std::vector<int> chosen;
    bool exposed_any = false;
    for (int exposed : DisclosedValues(table, hidden)) {
      if (!protect[size_t(exposed)]) continue;
      exposed_any = true;
      const std::vector<size_t>& own = equations_of[size_t(exposed)];
      if (std::any_of(own.begin(), own.end(), [&](size_t e) { return touched[e]; })) continue;
      int best = -1;
      for (size_t e : own) {
        for (const LinearTable::Term& term : table.equations[e]) {
          size_t v = size_t(term.value);
          if (hidden[v] || std::isinf(cost[v])) continue;
          if (best < 0 || cost[v] < cost[size_t(best)]) best = term.value;
        }
      }
      if (best < 0) continue;
      chosen.push_back(best);
      hidden[size_t(best)] = true;
      for (size_t e : equations_of[size_t(best)]) touched[e] = true;
    }
    if (!exposed_any) return hidden;
    if (chosen.empty()) {
      // Every exposed value's equations are hidden throughout: hide the
      // cheapest published value of any equation that touches a hidden one.
      int best = -1;
      for (const auto& equation : table.equations) {
        bool touches = std::any_of(equation.begin(), equation.end(),
                                   [&](const LinearTable::Term& t) { return hidden[size_t(t.value)]; });
        if (!touches) continue;
        for (const LinearTable::Term& term : equation) {
          size_t v = size_t(term.value);
          if (hidden[v] || std::isinf(cost[v])) continue;
          if (best < 0 || cost[v] < cost[size_t(best)]) best = term.value;
        }
      }
      if (best < 0) return std::nullopt;
      hidden[size_t(best)] = true;
      chosen.push_back(best);
    }
    for (int value : chosen) protect[size_t(value)] = true;
  }
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
