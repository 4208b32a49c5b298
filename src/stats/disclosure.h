// Disclosure control of a frequency table with published margins: the
// primary rule (too few respondents behind a cell), complementary
// (secondary) suppression so that no hidden cell can be recovered from the
// published cells and margins, and the audit that proves it. Counts are
// unweighted respondents. Methods: ../shared/stats/README.md.
#ifndef KARTLA_STATS_DISCLOSURE_H_
#define KARTLA_STATS_DISCLOSURE_H_

#include <cstddef>
#include <optional>
#include <vector>

namespace kartla::stats {

// A rows × columns table of respondent counts, row-major, whose row and
// column totals (and grand total) are published.
struct CountTable {
  int rows = 0;
  int columns = 0;
  std::vector<int> counts;

  int At(int row, int column) const { return counts[std::size_t(row * columns + column)]; }
};

// The cells the primary rule hides: fewer than `k` respondents but at least
// one. (An empty cell describes nobody.)
std::vector<bool> PrimarySuppression(const CountTable& table, int k);

// The suppressed cells whose value the published cells and margins fix:
// those whose unit vector lies in the row space of the table's equations
// restricted to the suppressed cells, i.e. that are zero in every vector of
// its kernel (one LU decomposition). Empty: the pattern is safe.
std::vector<int> DisclosedCells(const CountTable& table, const std::vector<bool>& suppressed);

// Adds complementary suppressions to `primary` until DisclosedCells finds
// none: for each cell still fixed, the rectangle of cells through it that
// hides the fewest further respondents (cells hidden already are free),
// which puts it on a cycle of hidden cells. Greedy, one cell at a time:
// not always the least possible, but never unsafe. A table with a
// single row or column cannot hide a cell whose margin is published; its
// cells are all suppressed then, and the caller must not publish that
// margin.
std::vector<bool> SecondarySuppression(const CountTable& table, std::vector<bool> primary);

// A whole published table as linear equations, whatever its shape: every
// number it holds (cells, the groups' bases, the total line, its base) is a
// value, and each equation says that some of them add up, e.g. a group's
// cells to its base, or the groups' cells of a choice to the total line's.
// Values that are never published (respondents outside every group) are
// hidden from the start.
struct LinearTable {
  struct Term {
    int value = 0;
    double coefficient = 1;
  };
  std::vector<int> values;
  std::vector<std::vector<Term>> equations;
};

// The hidden values whose value the published ones fix (one kernel, as
// DisclosedCells). Empty: nothing hidden can be recovered.
std::vector<int> DisclosedValues(const LinearTable& table, const std::vector<bool>& hidden);

// Hides further values until no value in `protect` (a subset of `hidden`),
// nor any value hidden on the way, can be recovered: while one can, the
// published value of cheapest `cost` in one of its equations is hidden too
// (an infinite cost is never hidden). Returns the hidden values; nullopt if
// that cannot be done without hiding a value of infinite cost.
std::optional<std::vector<bool>> ProtectValues(const LinearTable& table, std::vector<bool> hidden,
                                               std::vector<bool> protect,
                                               const std::vector<double>& cost);

}  // namespace kartla::stats

#endif  // KARTLA_STATS_DISCLOSURE_H_
