// The attacker's audit of a published table (issue 19): for every hidden
// value, the least and the greatest value it can take given everything
// published about the table (its LinearTable equations and published
// values) and the plain facts that counts are whole numbers and never
// negative, found by linear programming with GLPK and tightened to whole
// numbers by branch and bound where a bound is fractional. The rank test
// of disclosure.h (DisclosedValues) finds only values fixed by the
// equations alone; this finds every value pinned or narrowed by the bounds
// too (a column whose published total is 0, or whose published cells
// already reach its total).
#ifndef KARTLA_STATS_INTERVAL_AUDIT_H_
#define KARTLA_STATS_INTERVAL_AUDIT_H_

#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "stats/disclosure.h"

namespace kartla::stats {

// Whole solutions of a table's equations (every value whole and ≥ 0)
// that the audit found while checking reaches: each shows a value can take
// what it takes in it. A later check of the same table with as much or
// more hidden (a protection's next pass) reuses those whose published
// values are still their own, after checking them against the equations,
// so what one pass showed needs no second solve.
class WholeSolutions {
 public:
  void Add(std::vector<double> solution);
  const std::vector<std::vector<double>>& all() const { return solutions_; }

 private:
  std::vector<std::vector<double>> solutions_;
};

// What an attacker can derive of one hidden value.
struct FeasibleRange {
  double lower = 0;
  double upper = std::numeric_limits<double>::infinity();  // unbounded above
};

// The range of each hidden value of `table` (nullopt-free: one per value,
// published ones get their own value as both ends), every value a whole
// number ≥ 0. `table.values` must satisfy its equations. With `only`,
// just the hidden values it marks get a range (the others, their own
// value).
std::vector<FeasibleRange> FeasibleRanges(const LinearTable& table,
                                          const std::vector<bool>& hidden,
                                          const std::vector<bool>* only = nullptr);

// How far up the range of a hidden count must reach: k for every value,
// or a reach per value (where a line's base is public and under k, its
// counts need reach only that far).
// The rule applies to true values of 1 up to below the reach, or with
// `below`, up to below that (the new respondents' counts of a later
// version: 2 of 2 newcomers is still a few, and is then protected by a
// range from 0 to 2).
class Reach {
 public:
  Reach(int k) : k_(k) {}  // NOLINT(google-explicit-constructor): k is the common case
  explicit Reach(std::vector<int> each) : each_(std::move(each)) {}
  Reach(std::vector<int> each, std::vector<int> below)
      : each_(std::move(each)), below_(std::move(below)) {}
  int operator()(size_t value) const { return each_.empty() ? k_ : each_[value]; }
  int Below(size_t value) const { return below_.empty() ? (*this)(value) : below_[value]; }

 private:
  int k_ = 0;
  std::vector<int> each_;
  std::vector<int> below_;
};

// The rule: a hidden count whose true value is 1 … k−1 must have a range
// that reaches down to 0 and up to k or more, so that nobody can tell
// "nobody" from "a few" from "k or more". Returns the hidden values that
// break it (hidden zeros and counts of k or more need no range). With
// `only`, just the values it marks are checked.
// `solutions` (if given) lends and gathers whole solutions.
std::vector<int> RuleBreaches(const LinearTable& table, const std::vector<bool>& hidden, const Reach& k,
                              const std::vector<bool>* only = nullptr,
                              WholeSolutions* solutions = nullptr);

// How far the optimiser may go before the greedy choice alone is used:
// groups to choose among, rounds of cuts, and time per solve of the
// choice (a safety net for a pathological table; ordinary tables solve
// well within it, so the same table is protected the same way each time).
struct ProtectionLimits {
  size_t choices = 150;
  int rounds = 60;
  int nodes = 1000;          // subproblems of the choice's search, all rounds together
  int milliseconds = 10000;  // per solve, a safety net
  // Only a choice costing less is sought (the cost of one already found).
  double ceiling = std::numeric_limits<double>::infinity();
};

// The least protection: the further values to hide so that every hidden
// value of `protect` of 1 … k−1 ranges from 0 to its reach, at the least
// total `cost` (an infinite cost is never hidden), values with the same
// number ≥ 0 in `together` hidden all or none. Found as τ-ARGUS's optimal
// method finds it (Fischetti and Salazar's model): a choice of values
// solved by branch and cut (GLPK), and for the choice an attacker's LP
// per requirement whose duals add a cut wherever the choice falls short,
// until it meets every requirement; the least cost in the LP relaxation of
// the attacker (a range whole numbers narrow is finished by the greedy
// choice, in ProtectRanges). Each hidden value `unpinned` marks besides
// must merely not be pinned: it must be able to move a whole unit (down
// where it is 1 or more, else up), which is enough for the rank test.
struct LeastProtection {
  std::vector<bool> hidden;
  int rounds = 0;         // choices solved
  int cuts = 0;           // requirements added
  bool possible = true;   // false: no choice of values meets the rule
};
// Nullopt when the limits are reached or a solver fails.
std::optional<LeastProtection> ProtectLeast(const LinearTable& table,
                                            const std::vector<bool>& hidden,
                                            const std::vector<bool>& protect, const Reach& k,
                                            const std::vector<double>& cost,
                                            const std::vector<int>& together = {},
                                            const ProtectionLimits& limits = {},
                                            const std::vector<bool>& unpinned = {});

// What hiding the values `hidden` beyond `before` costs.
double HidingCost(const std::vector<bool>& hidden, const std::vector<bool>& before,
                  const std::vector<double>& cost);

// Hides further published values until no value of `protect` breaks the
// rule, at the least cost: ProtectLeast's choice, or where it is not
// found within its limits (or costs more, as it can only where whole
// numbers narrow a range), the greedy one: while a value breaks the rule,
// the published value of least `cost` in one of its equations is hidden
// (else the cheapest of any equation that holds a hidden value). Returns
// the hidden values; nullopt if neither finds a way without hiding a value
// of infinite cost.
std::optional<std::vector<bool>> ProtectRanges(const LinearTable& table, std::vector<bool> hidden,
                                               const std::vector<bool>& protect, const Reach& k,
                                               const std::vector<double>& cost,
                                               const std::vector<int>& together = {},
                                               const ProtectionLimits& limits = {},
                                               WholeSolutions* solutions = nullptr);

}  // namespace kartla::stats

#endif  // KARTLA_STATS_INTERVAL_AUDIT_H_
