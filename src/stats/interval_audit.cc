#include "stats/interval_audit.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

namespace kartla::stats {
namespace {

// A new GLPK problem. GLPK keeps its environment per thread (in
// thread-local storage in Debian's build: glp_config("TLS")), so problems
// may be solved on several threads at once, each its own; the environment
// is freed when its thread ends, so that the threads of ParallelFor leave
// nothing behind. REQUIRES: every problem is deleted on the thread that
// made it, before that thread ends.
glp_prob* NewProblem() {
  thread_local struct Environment {
    ~Environment() { glp_free_env(); }
  } environment;
  (void)&environment;
  return glp_create_prob();
}

// A GLPK problem over the hidden values: a column per hidden value (whole,
// ≥ 0), a row per equation that holds one, fixed at what the published
// values of that equation leave.
class HiddenProblem {
 public:
  HiddenProblem(const LinearTable& table, const std::vector<bool>& hidden,
                WholeSolutions* solutions = nullptr)
      : problem_(NewProblem(), glp_delete_prob),
        table_(table),
        solutions_(solutions),
        column_of_(table.values.size(), 0),
        row_of_equation_(table.equations.size(), 0) {
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
      row_of_equation_[size_t(&equation - table.equations.data())] = row;
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
    if (solutions) Borrow(*solutions);
  }

  // Hides published value i of `table` (the table this problem was made
  // of) too: a column for it, its equations' rows adjusted. The basis of
  // the last solve stays (a warm start), and so do the whole solutions
  // found, the new column at its published value in each.
  void Hide(size_t i, const LinearTable& table) {
    if (column_of_[i] > 0) return;
    glp_prob* p = problem_.get();
    columns_.push_back(int(i));
    const int column = glp_add_cols(p, 1);
    column_of_[i] = column;
    glp_set_col_bnds(p, column, GLP_LO, 0, 0);
    glp_set_col_kind(p, column, GLP_IV);
    std::vector<int> rows(1);
    std::vector<double> coefficients(1);
    std::vector<size_t> new_rows;
    for (size_t e = 0; e < table.equations.size(); ++e) {
      const auto& equation = table.equations[e];
      double coefficient = 0;
      for (const LinearTable::Term& term : equation) {
        if (size_t(term.value) == i) coefficient += term.coefficient;
      }
      if (coefficient == 0) continue;
      if (const int row = row_of_equation_[e]; row > 0) {
        // The value leaves the published side of the row's bound.
        const double bound = glp_get_row_lb(p, row) + coefficient * table.values[i];
        glp_set_row_bnds(p, row, GLP_FX, bound, bound);
        rows.push_back(row);
        coefficients.push_back(coefficient);
      } else {
        new_rows.push_back(e);
      }
    }
    glp_set_mat_col(p, column, int(rows.size()) - 1, rows.data(), coefficients.data());
    for (size_t e : new_rows) {
      const auto& equation = table.equations[e];
      double published = 0;
      std::vector<int> columns(1);
      std::vector<double> terms(1);
      for (const LinearTable::Term& term : equation) {
        if (const int c = column_of_[size_t(term.value)]; c > 0) {
          columns.push_back(c);
          terms.push_back(term.coefficient);
        } else {
          published += term.coefficient * table.values[size_t(term.value)];
        }
      }
      const int row = glp_add_rows(p, 1);
      row_of_equation_[e] = row;
      glp_set_row_bnds(p, row, GLP_FX, -published, -published);
      glp_set_mat_row(p, row, int(columns.size()) - 1, columns.data(), terms.data());
    }
    for (std::vector<double>& seen : witnesses_) seen.push_back(double(table.values[i]));
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
    return !Reaches(j, 0, 0) || !Reaches(j, k, std::numeric_limits<double>::infinity());
  }

  // Whether column j (from 0) can take a whole value from `low` to `high`
  // with every other whole and ≥ 0: the LP with those bounds, and where
  // its vertex is fractional, a search for any whole solution, which ends
  // at the first (cheaper than the least or greatest whole value, which
  // the rule does not need). A search that ends at its limit without one
  // says no: the rule then asks for more hidden, never less.
  bool Reaches(size_t j, double low, double high) {
    // A whole solution found before may show it already.
    for (const std::vector<double>& seen : witnesses_) {
      if (seen[j] >= low - 1e-7 && seen[j] <= high + 1e-7) return true;
    }
    glp_prob* p = problem_.get();
    const int column = int(j) + 1;
    for (size_t c = 1; c <= columns_.size(); ++c) glp_set_obj_coef(p, int(c), 0);
    glp_set_col_bnds(p, column, std::isinf(high) ? GLP_LO : low == high ? GLP_FX : GLP_DB, low,
                     std::isinf(high) ? 0 : high);
    struct Restore {
      glp_prob* p;
      int column;
      ~Restore() { glp_set_col_bnds(p, column, GLP_LO, 0, 0); }
    } restore{p, column};
    glp_smcp simplex;
    glp_init_smcp(&simplex);
    simplex.msg_lev = GLP_MSG_OFF;
    simplex.presolve = GLP_OFF;  // the basis of the last solve is reused
    if (glp_simplex(p, &simplex) != 0) {
      // A solver failure: as in Extreme, say nothing is known rather than
      // something false.
      return true;
    }
    if (glp_get_status(p) == GLP_NOFEAS) return false;
    bool whole = true;
    for (size_t c = 1; c <= columns_.size() && whole; ++c) {
      double value = glp_get_col_prim(p, int(c));
      whole = std::abs(value - std::round(value)) < 1e-7;
    }
    if (whole) {
      Witness(glp_get_col_prim);
      return true;
    }
    if (Dive()) return true;
    const int status = Search(true);
    if (status == GLP_FEAS || status == GLP_OPT) Witness(glp_mip_col_val);
    return status == GLP_FEAS || status == GLP_OPT;
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
    if (Search(false) != GLP_OPT) {
      return greatest ? std::floor(bound + 1e-7) : std::ceil(bound - 1e-7);
    }
    return std::round(glp_mip_obj_val(p));
  }

 private:
  std::unique_ptr<glp_prob, decltype(&glp_delete_prob)> problem_;
  const LinearTable& table_;
  WholeSolutions* solutions_;   // lent and gathered; may be null
  std::vector<int> column_of_;  // per value: its column, counted from 1; 0 if published
  std::vector<int> columns_;    // the hidden values, in column order
  std::vector<int> row_of_equation_;  // per equation: its row, from 1; 0 if none
  // Whole solutions found (each column's value): what they show of a
  // column needs no solve.
  std::vector<std::vector<double>> witnesses_;

  // A whole solution near the fractional vertex solved last, kept as a
  // witness, found by diving: the third of the fractional columns nearest
  // whole numbers are fixed there and the LP solved again from its basis
  // (where that leaves no solution, only the nearest is fixed, at the
  // whole number nearest or else at the other beside it), until every
  // column is whole. A few rounds usually suffice, far cheaper than a
  // search (GLPK's presolve and a fresh root): on audit_bench's linked
  // systems a whole solution was found thus for every fractional vertex.
  // False where the dive ends without one; the search then decides. The
  // bounds are restored, not the basis (the dive's tends to give whole
  // vertices in the solves that follow).
  bool Dive() {
    constexpr int kRounds = 40;
    constexpr size_t kShare = 3;  // a third of the fractional columns at once
    glp_prob* p = problem_.get();
    struct Saved {
      int column, type;
      double lower, upper;
    };
    std::vector<Saved> saved;
    // Fixes column c at `whole` if its bounds allow.
    auto fix = [&](int c, double whole) {
      const int type = glp_get_col_type(p, c);
      const double lower = glp_get_col_lb(p, c), upper = glp_get_col_ub(p, c);
      if (whole < lower - 1e-7 || (type != GLP_LO && whole > upper + 1e-7)) return false;
      saved.push_back({c, type, lower, upper});
      glp_set_col_bnds(p, c, GLP_FX, whole, whole);
      return true;
    };
    auto undo = [&](size_t to) {
      for (; saved.size() > to; saved.pop_back()) {
        glp_set_col_bnds(p, saved.back().column, saved.back().type, saved.back().lower,
                         saved.back().upper);
      }
    };
    glp_smcp simplex;
    glp_init_smcp(&simplex);
    simplex.msg_lev = GLP_MSG_OFF;
    simplex.meth = GLP_DUALP;  // bounds changed: the basis stays dual feasible
    simplex.presolve = GLP_OFF;
    auto solved = [&] { return glp_simplex(p, &simplex) == 0 && glp_get_status(p) == GLP_OPT; };
    bool found = false;
    std::vector<std::pair<double, int>> fractional;  // (distance to a whole number, column)
    for (int round = 0; round < kRounds; ++round) {
      fractional.clear();
      for (int c = 1; c <= int(columns_.size()); ++c) {
        const double value = glp_get_col_prim(p, c);
        if (const double off = std::abs(value - std::round(value)); off > 1e-7) {
          fractional.push_back({off, c});
        }
      }
      if (fractional.empty()) {
        Witness(glp_get_col_prim);
        found = true;
        break;
      }
      std::ranges::sort(fractional);
      const size_t mark = saved.size();
      if (const size_t batch = fractional.size() / kShare; batch > 1) {
        for (size_t f = 0; f < batch; ++f) {
          const int c = fractional[f].second;
          fix(c, std::round(glp_get_col_prim(p, c)));
        }
        if (solved()) continue;
        undo(mark);
      }
      const int nearest = fractional[0].second;
      const double value = glp_get_col_prim(p, nearest);
      const double near = std::round(value), beside = near > value ? near - 1 : near + 1;
      bool feasible = false;
      for (double whole : {near, beside}) {
        if (!fix(nearest, whole)) continue;
        if ((feasible = solved())) break;
        undo(mark);
      }
      if (!feasible) break;
    }
    undo(0);
    return found;
  }

  // GLPK's branch and bound from the LP solved last, its presolver on
  // (which shrinks a linked system of many classes to a few rows); with
  // `first`, diving for any whole solution and ending at it. Subproblems
  // are counted, so that the answer is the same on any machine; the time
  // is a safety net. The MIP status (GLP_UNDEF: none found).
  int Search(bool first) {
    glp_iocp integer;
    glp_init_iocp(&integer);
    integer.msg_lev = GLP_MSG_OFF;
    integer.presolve = GLP_ON;
    integer.br_tech = GLP_BR_LFV;  // Driebeck–Tomlin's default costs a row per column
    if (first) integer.bt_tech = GLP_BT_DFS;
    integer.tm_lim = 10000;
    struct Limit {
      bool first;
      int nodes = 0;
    } limit{first};
    integer.cb_info = &limit;
    integer.cb_func = [](glp_tree* tree, void* info) {
      constexpr int kNodes = 5000;
      auto* reached = static_cast<Limit*>(info);
      if ((reached->first && glp_ios_reason(tree) == GLP_IBINGO) ||
          (glp_ios_reason(tree) == GLP_ISELECT && ++reached->nodes > kNodes)) {
        glp_ios_terminate(tree);
      }
    };
    if (glp_intopt(problem_.get(), &integer) != 0 && !first) return GLP_UNDEF;
    return glp_mip_status(problem_.get());
  }

  void Witness(double (*value)(glp_prob*, int)) {
    std::vector<double>& seen = witnesses_.emplace_back(columns_.size());
    for (size_t c = 0; c < columns_.size(); ++c) {
      seen[c] = std::round(value(problem_.get(), int(c) + 1));
    }
    if (!solutions_) return;
    std::vector<double> whole(table_.values.begin(), table_.values.end());
    for (size_t c = 0; c < columns_.size(); ++c) whole[size_t(columns_[c])] = seen[c];
    solutions_->Add(std::move(whole));
  }

  // The whole solutions of `solutions` that are solutions here: every
  // published value its own, every value whole and ≥ 0, every equation
  // holding (checked, not trusted).
  void Borrow(const WholeSolutions& solutions) {
    for (const std::vector<double>& whole : solutions.all()) {
      if (whole.size() != table_.values.size()) continue;
      bool fits = true;
      for (size_t i = 0; i < whole.size() && fits; ++i) {
        fits = whole[i] >= 0 && whole[i] == std::round(whole[i]) &&
               (column_of_[i] > 0 || whole[i] == double(table_.values[i]));
      }
      for (size_t e = 0; e < table_.equations.size() && fits; ++e) {
        double sum = 0;
        for (const LinearTable::Term& term : table_.equations[e]) {
          sum += term.coefficient * whole[size_t(term.value)];
        }
        fits = std::abs(sum) < 1e-6;
      }
      if (!fits) continue;
      std::vector<double>& seen = witnesses_.emplace_back(columns_.size());
      for (size_t c = 0; c < columns_.size(); ++c) seen[c] = whole[size_t(columns_[c])];
    }
  }
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

// The attacker of the cut model (Fischetti and Salazar's, as τ-ARGUS's
// optimal method): every value's departure from its true value, z = y − a,
// every equation holding (Σ c·z = 0, since the true values satisfy it), a
// published value fixed (z = 0) and a hidden one anywhere from 0 to `cap`
// (−a ≤ z ≤ cap − a). Its furthest reach in a direction, by LP, and
// from the LP's reduced costs d a cut that every pattern meeting the
// requirement satisfies: for any prices of the equations, the reach is at
// most Σ over hidden values of d·(cap − a) where d > 0 and −d·a where
// d < 0, so Σ coefficient·hidden ≥ requirement.
class Attacker {
 public:
  Attacker(const LinearTable& table, double cap)
      : problem_(NewProblem(), glp_delete_prob), values_(table.values), cap_(cap) {
    glp_prob* p = problem_.get();
    glp_add_cols(p, int(values_.size()));
    for (size_t i = 1; i <= values_.size(); ++i) glp_set_col_bnds(p, int(i), GLP_FX, 0, 0);
    std::vector<int> rows(1), columns(1);
    std::vector<double> coefficients(1);
    for (const auto& equation : table.equations) {
      int row = glp_add_rows(p, 1);
      glp_set_row_bnds(p, row, GLP_FX, 0, 0);
      for (const LinearTable::Term& term : equation) {
        rows.push_back(row);
        columns.push_back(term.value + 1);
        coefficients.push_back(term.coefficient);
      }
    }
    glp_load_matrix(p, int(rows.size()) - 1, rows.data(), columns.data(), coefficients.data());
  }

  void Hide(const std::vector<bool>& hidden) {
    for (size_t i = 0; i < values_.size(); ++i) {
      if (hidden[i]) {
        glp_set_col_bnds(problem_.get(), int(i) + 1, GLP_DB, -values_[i], cap_ - values_[i]);
      } else {
        glp_set_col_bnds(problem_.get(), int(i) + 1, GLP_FX, 0, 0);
      }
    }
  }

  // How far value p can move in `direction` (+1 up, −1 down) with the
  // values hidden as last Hide said, and the cut's coefficient per value
  // (what hiding it is worth to that reach). Nullopt if the LP fails.
  std::optional<double> Reach(size_t p, double direction, std::vector<double>& cut) {
    glp_prob* problem = problem_.get();
    if (last_ > 0) glp_set_obj_coef(problem, last_, 0);
    last_ = int(p) + 1;
    glp_set_obj_coef(problem, last_, direction);
    glp_set_obj_dir(problem, GLP_MAX);
    glp_smcp simplex;
    glp_init_smcp(&simplex);
    simplex.msg_lev = GLP_MSG_OFF;
    if (glp_simplex(problem, &simplex) != 0 || glp_get_status(problem) != GLP_OPT) {
      return std::nullopt;
    }
    cut.assign(values_.size(), 0);
    for (size_t i = 0; i < values_.size(); ++i) {
      const double d = glp_get_col_dual(problem, int(i) + 1);
      if (d > 1e-9) cut[i] = d * (cap_ - values_[i]);
      if (d < -1e-9) cut[i] = -d * values_[i];
    }
    return glp_get_obj_val(problem);
  }

 private:
  std::unique_ptr<glp_prob, decltype(&glp_delete_prob)> problem_;
  const std::vector<int>& values_;
  double cap_;
  int last_ = 0;
};

// The choice of what to hide: a binary column per group of values hidden
// together, its cost the sum of theirs, and the cuts gathered so far;
// solved to optimality by GLPK's branch and cut.
class Choice {
 public:
  explicit Choice(std::vector<double> costs)
      : problem_(NewProblem(), glp_delete_prob), costs_(std::move(costs)), groups_(costs_.size()) {
    glp_prob* p = problem_.get();
    glp_set_obj_dir(p, GLP_MIN);
    if (groups_ == 0) return;
    glp_add_cols(p, int(groups_));
    for (size_t g = 1; g <= groups_; ++g) {
      glp_set_col_kind(p, int(g), GLP_BV);
      glp_set_obj_coef(p, int(g), costs_[g - 1]);
    }
  }

  // Σ coefficient·chosen ≥ need. False if no choice can meet it.
  bool Require(const std::vector<std::pair<int, double>>& terms, double need) {
    double most = 0;
    std::vector<int> columns(1);
    std::vector<double> coefficients(1);
    for (const auto& [group, coefficient] : terms) {
      // With binary columns, a coefficient above the need is worth the
      // need: the same choices meet it, and the relaxation is tighter.
      const double worth = std::min(coefficient, need);
      most += worth;
      columns.push_back(group + 1);
      coefficients.push_back(worth);
    }
    if (most < need - 1e-7) return false;
    glp_prob* p = problem_.get();
    int row = glp_add_rows(p, 1);
    glp_set_row_bnds(p, row, GLP_LO, need, 0);
    glp_set_mat_row(p, row, int(columns.size()) - 1, columns.data(), coefficients.data());
    return true;
  }

  // Only choices costing under `ceiling` (one the caller has already).
  void Ceiling(double ceiling) {
    if (groups_ == 0 || std::isinf(ceiling)) return;
    glp_prob* p = problem_.get();
    std::vector<int> columns(1);
    std::vector<double> coefficients(1);
    for (size_t g = 0; g < groups_; ++g) {
      columns.push_back(int(g) + 1);
      coefficients.push_back(costs_[g]);
    }
    int row = glp_add_rows(p, 1);
    glp_set_row_bnds(p, row, GLP_UP, 0, ceiling - 1e-6);
    glp_set_mat_row(p, row, int(groups_), columns.data(), coefficients.data());
  }

  // The cheapest choice meeting every cut; nullopt if there is none, or
  // the search takes more than `nodes` subproblems (a count, so that a
  // table is protected the same way on any machine) or `milliseconds`.
  std::optional<std::vector<bool>> Solve(int& nodes, int milliseconds) {
    std::vector<bool> chosen(groups_, false);
    if (groups_ == 0 || glp_get_num_rows(problem_.get()) == 0) return chosen;
    glp_iocp integer;
    glp_init_iocp(&integer);
    integer.msg_lev = GLP_MSG_OFF;
    integer.presolve = GLP_ON;
    integer.tm_lim = milliseconds;
    struct Count {
      int nodes, limit;
    } count{0, nodes};
    integer.cb_info = &count;
    integer.cb_func = [](glp_tree* tree, void* info) {
      auto* c = static_cast<Count*>(info);
      if (glp_ios_reason(tree) == GLP_ISELECT && ++c->nodes > c->limit) glp_ios_terminate(tree);
    };
    const bool solved =
        glp_intopt(problem_.get(), &integer) == 0 && glp_mip_status(problem_.get()) == GLP_OPT;
    nodes = std::max(0, nodes - count.nodes);
    if (!solved) return std::nullopt;
    for (size_t g = 0; g < groups_; ++g) {
      chosen[g] = glp_mip_col_val(problem_.get(), int(g) + 1) > 0.5;
    }
    return chosen;
  }

 private:
  std::unique_ptr<glp_prob, decltype(&glp_delete_prob)> problem_;
  std::vector<double> costs_;  // per group
  size_t groups_;
};

// `hidden` with every value hidden that shares a group with a hidden one
// (never one of infinite cost: nullopt then).
std::optional<std::vector<bool>> Together(std::vector<bool> hidden, const std::vector<bool>& before,
                                          const std::vector<double>& cost,
                                          const std::vector<int>& together) {
  if (together.empty()) return hidden;
  std::vector<int> hidden_groups;
  for (size_t i = 0; i < hidden.size(); ++i) {
    if (hidden[i] && !before[i] && together[i] >= 0) hidden_groups.push_back(together[i]);
  }
  std::ranges::sort(hidden_groups);
  for (size_t i = 0; i < hidden.size(); ++i) {
    if (hidden[i] || together[i] < 0 || !std::ranges::binary_search(hidden_groups, together[i])) {
      continue;
    }
    if (std::isinf(cost[i])) return std::nullopt;
    hidden[i] = true;
  }
  return hidden;
}

// The greedy protection (ProtectRanges before the optimiser).
std::optional<std::vector<bool>> ProtectGreedily(const LinearTable& table, std::vector<bool> hidden,
                                                 const std::vector<bool>& protect, const Reach& k,
                                                 const std::vector<double>& cost,
                                                 WholeSolutions* solutions) {
  // Hiding a value never narrows another's range (any solution before,
  // with the newly hidden value at its true value, is one after), so each
  // value is made safe once, in turn, and stays safe.
  std::vector<int> guarded;
  for (size_t i = 0; i < table.values.size(); ++i) {
    if (hidden[i] && protect[i] && table.values[i] >= 1 && table.values[i] < k.Below(i)) {
      guarded.push_back(int(i));
    }
  }
  auto problem = std::make_unique<HiddenProblem>(table, hidden, solutions);
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
      problem->Hide(size_t(best), table);
    }
  }
  return hidden;
}

}  // namespace

std::optional<LeastProtection> ProtectLeast(const LinearTable& table,
                                            const std::vector<bool>& hidden,
                                            const std::vector<bool>& protect, const Reach& k,
                                            const std::vector<double>& cost,
                                            const std::vector<int>& together,
                                            const ProtectionLimits& limits,
                                            const std::vector<bool>& unpinned) {
  const size_t n = table.values.size();
  // The groups the choice is over: values it may hide (published, of
  // finite cost), with the others of their group; a group with a value of
  // infinite cost stays published.
  std::vector<int> group_of(n, -1);
  std::vector<double> group_cost;
  {
    std::map<int, int> numbered;  // group → choice column
    std::set<int> blocked;
    for (size_t i = 0; i < n; ++i) {
      if (!together.empty() && together[i] >= 0 && !hidden[i] && std::isinf(cost[i])) {
        blocked.insert(together[i]);
      }
    }
    for (size_t i = 0; i < n; ++i) {
      if (hidden[i] || std::isinf(cost[i])) continue;
      const bool alone = together.empty() || together[i] < 0;
      if (!alone && blocked.contains(together[i])) continue;
      int& column = alone ? group_of[i] : numbered.try_emplace(together[i], -1).first->second;
      if (column < 0) {
        column = int(group_cost.size());
        group_cost.push_back(0);
      }
      group_of[i] = column;
      group_cost[size_t(column)] += cost[i];
    }
  }
  if (group_cost.size() > limits.choices) return std::nullopt;
  struct Need {
    size_t value;
    double direction, need;
  };
  std::vector<Need> needs;
  double cap = 1, most_reach = 0;
  for (size_t i = 0; i < n; ++i) {
    cap += std::abs(double(table.values[i]));
    if (!(hidden[i] && protect[i] && table.values[i] >= 1 && table.values[i] < k.Below(i))) {
      // Not pinned: a whole unit away from its value, down where it can go.
      if (i < unpinned.size() && unpinned[i] && hidden[i]) {
        needs.push_back({i, table.values[i] >= 1 ? -1.0 : 1.0, 1});
      }
      continue;
    }
    needs.push_back({i, -1, double(table.values[i])});
    needs.push_back({i, +1, double(k(i) - table.values[i])});
    most_reach = std::max(most_reach, double(k(i)));
  }
  LeastProtection out{hidden, 0, 0, true};
  if (needs.empty()) return out;
  // A hidden value may be taken as high as all values together and the
  // greatest reach: more than any value of a whole-number solution the
  // rule asks for, so no pattern that meets the rule is cut off.
  Attacker attacker(table, cap + most_reach);
  Choice choice(group_cost);
  choice.Ceiling(limits.ceiling);
  std::vector<double> cut;
  std::vector<bool> pattern = hidden;
  int nodes = limits.nodes;
  for (out.rounds = 1;; ++out.rounds) {
    attacker.Hide(pattern);
    bool met = true;
    for (const Need& need : needs) {
      std::optional<double> reach = attacker.Reach(need.value, need.direction, cut);
      if (!reach) return std::nullopt;
      if (*reach >= need.need - 1e-7) continue;
      met = false;
      // The cut on the choice: what the values already hidden give, and
      // per group what hiding it would add.
      double given = 0;
      std::vector<double> per_group(group_cost.size(), 0);
      for (size_t i = 0; i < n; ++i) {
        if (cut[i] <= 0) continue;
        if (hidden[i]) {
          given += cut[i];
        } else if (group_of[i] >= 0) {
          per_group[size_t(group_of[i])] += cut[i];
        }
      }
      std::vector<std::pair<int, double>> terms;
      for (size_t g = 0; g < per_group.size(); ++g) {
        if (per_group[g] > 1e-9) terms.push_back({int(g), per_group[g]});
      }
      if (!choice.Require(terms, need.need - given)) {
        out.possible = false;
        return out;
      }
      ++out.cuts;
    }
    if (met) break;
    if (out.rounds >= limits.rounds) return std::nullopt;
    std::optional<std::vector<bool>> chosen = choice.Solve(nodes, limits.milliseconds);
    if (!chosen) return std::nullopt;
    pattern = hidden;
    for (size_t i = 0; i < n; ++i) {
      if (group_of[i] >= 0 && (*chosen)[size_t(group_of[i])]) pattern[i] = true;
    }
  }
  out.hidden = std::move(pattern);
  return out;
}

double HidingCost(const std::vector<bool>& hidden, const std::vector<bool>& before,
                  const std::vector<double>& cost) {
  double sum = 0;
  for (size_t i = 0; i < hidden.size(); ++i) {
    if (hidden[i] && !before[i]) sum += cost[i];
  }
  return sum;
}

std::vector<FeasibleRange> FeasibleRanges(const LinearTable& table,
                                          const std::vector<bool>& hidden,
                                          const std::vector<bool>* only) {
  std::vector<FeasibleRange> ranges;
  ranges.reserve(table.values.size());
  for (int value : table.values) ranges.push_back({double(value), double(value)});
  HiddenProblem problem(table, hidden);
  for (size_t j = 0; j < problem.columns().size(); ++j) {
    if (only && !(*only)[size_t(problem.columns()[j])]) continue;
    FeasibleRange& range = ranges[size_t(problem.columns()[j])];
    range.lower = problem.Extreme(j, false);
    range.upper = problem.Extreme(j, true);
  }
  return ranges;
}

void WholeSolutions::Add(std::vector<double> solution) {
  // The latest are kept: a protection's later passes are nearest them.
  constexpr size_t kMost = 256;
  if (solutions_.size() == kMost) solutions_.erase(solutions_.begin());
  solutions_.push_back(std::move(solution));
}

std::vector<int> RuleBreaches(const LinearTable& table, const std::vector<bool>& hidden, const Reach& k,
                              const std::vector<bool>* only, WholeSolutions* solutions) {
  std::vector<int> breaches;
  HiddenProblem problem(table, hidden, solutions);
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
                                               const std::vector<double>& cost,
                                               const std::vector<int>& together,
                                               const ProtectionLimits& limits,
                                               WholeSolutions* solutions) {
  const std::vector<bool> before = hidden;
  std::vector<bool> guarded(protect.size(), false);
  for (size_t i = 0; i < protect.size() && i < before.size(); ++i) guarded[i] = before[i] && protect[i];
  std::optional<std::vector<bool>> greedy = ProtectGreedily(table, hidden, protect, k, cost, solutions);
  if (greedy) greedy = Together(std::move(*greedy), before, cost, together);
  // Nothing more to hide (the common case) cannot be bettered.
  if (limits.choices == 0 || (greedy && *greedy == before)) return greedy;
  ProtectionLimits within = limits;
  if (greedy) within.ceiling = std::min(within.ceiling, HidingCost(*greedy, before, cost));
  std::optional<LeastProtection> least =
      ProtectLeast(table, hidden, protect, k, cost, together, within);
  std::optional<std::vector<bool>> best;
  if (least && least->possible) {
    // Met in the LP; where only whole numbers narrow a range (a rare
    // fractional vertex), the greedy choice finishes it.
    best = std::move(least->hidden);
    if (!RuleBreaches(table, *best, k, &guarded, solutions).empty()) {
      best = ProtectGreedily(table, std::move(*best), protect, k, cost, solutions);
      if (best) best = Together(std::move(*best), before, cost, together);
    }
  }
  if (!best || (greedy && HidingCost(*greedy, before, cost) < HidingCost(*best, before, cost))) {
    best = std::move(greedy);
  }
  return best;
}

}  // namespace kartla::stats
