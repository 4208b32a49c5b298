#include "stats/interval_audit.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace kartla::stats {
namespace {

// A GLPK problem over the hidden values: a column per hidden value (whole,
// ≥ 0), a row per equation that holds one, fixed at what the published
// values of that equation leave.
class HiddenProblem {
 public:
  HiddenProblem(const LinearTable& table, const std::vector<bool>& hidden)
      : problem_(glp_create_prob(), glp_delete_prob), column_of_(table.values.size(), 0) {
    std::vector<int>& column_of = column_of_;
    for (size_t i = 0; i < table.values.size(); ++i) {
      if (i < hidden.size() && hidden[i]) {
        columns_.push_back(int(i));
        column_of[i] = int(columns_.size());  // GLPK counts from 1
      }
    }
    if (columns_.empty()) return;
    glp_add_cols(problem_.get(), int(columns_.size()));
    for (size_t j = 1; j <= columns_.size(); ++j) {
      glp_set_col_bnds(problem_.get(), int(j), GLP_LO, 0, 0);
      glp_set_col_kind(problem_.get(), int(j), GLP_IV);
    }
    std::vector<int> rows(1), columns(1);  // GLPK's arrays count from 1
    std::vector<double> coefficients(1);
    for (const auto& equation : table.equations) {
      double published = 0;
      bool holds_hidden = false;
      for (const LinearTable::Term& term : equation) {
        if (column_of[size_t(term.value)] > 0) {
          holds_hidden = true;
        } else {
          published += term.coefficient * table.values[size_t(term.value)];
        }
      }
      if (!holds_hidden) continue;
      int row = glp_add_rows(problem_.get(), 1);
      glp_set_row_bnds(problem_.get(), row, GLP_FX, -published, -published);
      for (const LinearTable::Term& term : equation) {
        if (int column = column_of[size_t(term.value)]; column > 0) {
          rows.push_back(row);
          columns.push_back(column);
          coefficients.push_back(term.coefficient);
        }
      }
    }
    glp_load_matrix(problem_.get(), int(rows.size()) - 1, rows.data(), columns.data(),
                    coefficients.data());
  }

  const std::vector<int>& columns() const { return columns_; }
  // The column (from 0) of hidden value i; −1 if it is published.
  int ColumnOf(size_t i) const { return column_of_[i] - 1; }

  // Whether hidden value i, whose true value is `value`, breaks the rule
  // for k: the least first (most breaches show there, and then the
  // greatest is not needed).
  bool Breaks(size_t i, int value, int k, int below) {
    if (value < 1 || value >= below) return false;
    const size_t j = size_t(ColumnOf(i));
    return Extreme(j, false) > 0 || Extreme(j, true) < k;
  }

  // The least (or greatest) whole value of column j (from 0); infinity if
  // unbounded.
  double Extreme(size_t j, bool greatest) {
    glp_prob* p = problem_.get();
    for (size_t c = 1; c <= columns_.size(); ++c) glp_set_obj_coef(p, int(c), 0);
    glp_set_obj_coef(p, int(j) + 1, 1);
    glp_set_obj_dir(p, greatest ? GLP_MAX : GLP_MIN);
    glp_smcp simplex;
    glp_init_smcp(&simplex);
    simplex.msg_lev = GLP_MSG_OFF;
    simplex.presolve = GLP_OFF;  // the basis of the last solve is reused
    if (glp_simplex(p, &simplex) != 0 || glp_get_status(p) == GLP_NOFEAS) {
      // Cannot happen for a table that satisfies its equations; say
      // nothing is known rather than something false.
      return greatest ? std::numeric_limits<double>::infinity() : 0;
    }
    if (glp_get_status(p) == GLP_UNBND) return std::numeric_limits<double>::infinity();
    double bound = glp_get_obj_val(p);
    bool whole = true;
    for (size_t c = 1; c <= columns_.size() && whole; ++c) {
      double value = glp_get_col_prim(p, int(c));
      whole = std::abs(value - std::round(value)) < 1e-7;
    }
    if (whole) return std::round(bound);
    // A fractional vertex (even one whose objective is whole, as x = 0 of
    // x + 2y = 3): the whole-number optimum, by branch and bound from here.
    glp_iocp integer;
    glp_init_iocp(&integer);
    integer.msg_lev = GLP_MSG_OFF;
    if (glp_intopt(p, &integer) != 0 || glp_mip_status(p) != GLP_OPT) {
      return greatest ? std::floor(bound + 1e-7) : std::ceil(bound - 1e-7);
    }
    return std::round(glp_mip_obj_val(p));
  }

 private:
  std::unique_ptr<glp_prob, decltype(&glp_delete_prob)> problem_;
  std::vector<int> column_of_;  // per value: its column, counted from 1; 0 if published
  std::vector<int> columns_;    // the hidden values, in column order
};

// Whether `equation` alone keeps hidden value `exposed` from reaching 0
// or k: with it, the other hidden values on its side add up to under k and
// none on the other side is hidden; or none besides it on its side is
// hidden.
bool Binds(const LinearTable& table, const std::vector<bool>& hidden,
           const std::vector<LinearTable::Term>& equation, int exposed, int k) {
  double sign = 0;
  for (const LinearTable::Term& term : equation) {
    if (term.value == exposed) sign = term.coefficient;
  }
  if (sign == 0) return false;
  bool other_side = false, same_side = false;
  double together = 0;
  for (const LinearTable::Term& term : equation) {
    if (!hidden[size_t(term.value)]) continue;
    if (term.coefficient * sign < 0) {
      other_side = true;
    } else {
      together += std::abs(term.coefficient) * table.values[size_t(term.value)];
      same_side = same_side || term.value != exposed;
    }
  }
  return !same_side || (!other_side && together < k);
}

}  // namespace

std::vector<FeasibleRange> FeasibleRanges(const LinearTable& table,
                                          const std::vector<bool>& hidden) {
  std::vector<FeasibleRange> ranges;
  ranges.reserve(table.values.size());
  for (int value : table.values) ranges.push_back({double(value), double(value)});
  HiddenProblem problem(table, hidden);
  for (size_t j = 0; j < problem.columns().size(); ++j) {
    FeasibleRange& range = ranges[size_t(problem.columns()[j])];
    range.lower = problem.Extreme(j, false);
    range.upper = problem.Extreme(j, true);
  }
  return ranges;
}

std::vector<int> RuleBreaches(const LinearTable& table, const std::vector<bool>& hidden, const Reach& k,
                              const std::vector<bool>* only) {
  std::vector<int> breaches;
  HiddenProblem problem(table, hidden);
  for (int i : problem.columns()) {
    if (only && !(*only)[size_t(i)]) continue;
    if (problem.Breaks(size_t(i), table.values[size_t(i)], k(size_t(i)), k.Below(size_t(i)))) {
      breaches.push_back(i);
    }
  }
  return breaches;
}

std::optional<std::vector<bool>> ProtectRanges(const LinearTable& table, std::vector<bool> hidden,
                                               const std::vector<bool>& protect, const Reach& k,
                                               const std::vector<double>& cost) {
  // Hiding a value never narrows another's range (any solution before,
  // with the newly hidden value at its true value, is one after), so each
  // value is made safe once, in turn, and stays safe.
  std::vector<int> guarded;
  for (size_t i = 0; i < table.values.size(); ++i) {
    if (hidden[i] && protect[i] && table.values[i] >= 1 && table.values[i] < k.Below(i)) {
      guarded.push_back(int(i));
    }
  }
  auto problem = std::make_unique<HiddenProblem>(table, hidden);
  for (int exposed : guarded) {
    const int reach = k(size_t(exposed));
    while (problem->Breaks(size_t(exposed), table.values[size_t(exposed)], reach,
                           k.Below(size_t(exposed)))) {
      // The cheapest published value sharing an equation with it.
      auto cheapest = [&](auto&& eligible_equation) {
        int best = -1;
        for (const auto& equation : table.equations) {
          if (!eligible_equation(equation)) continue;
          for (const LinearTable::Term& term : equation) {
            size_t v = size_t(term.value);
            if (hidden[v] || std::isinf(cost[v])) continue;
            if (best < 0 || cost[v] < cost[size_t(best)]) best = term.value;
          }
        }
        return best;
      };
      // Best in an equation that binds it: one that caps it below k (it
      // and every other hidden value in it on one side, adding up to
      // under k), or one where nothing hidden besides it on its side could
      // take its place at 0.
      int best = cheapest([&](const std::vector<LinearTable::Term>& equation) {
        return Binds(table, hidden, equation, exposed, reach);
      });
      if (best < 0) {
        best = cheapest([&](const std::vector<LinearTable::Term>& equation) {
          return std::any_of(equation.begin(), equation.end(),
                             [&](const LinearTable::Term& t) { return t.value == exposed; });
        });
      }
      if (best < 0) {
        // Its own equations are hidden throughout: widen the hidden part
        // where it touches any published value.
        best = cheapest([&](const std::vector<LinearTable::Term>& equation) {
          return std::any_of(equation.begin(), equation.end(),
                             [&](const LinearTable::Term& t) { return hidden[size_t(t.value)]; });
        });
      }
      if (best < 0) return std::nullopt;
      hidden[size_t(best)] = true;
      problem = std::make_unique<HiddenProblem>(table, hidden);
    }
  }
  return hidden;
}

}  // namespace kartla::stats
