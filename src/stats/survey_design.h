// Design-based estimation for survey samples: totals and means (shares are
// means of 0/1 indicators) with standard errors by Taylor linearisation,
// for stratified samples of PSUs with a finite population correction, after
// post-stratification, raking or calibration to population margins. The
// methods are those of ../shared/stats/README.md, and agree with R's
// `survey` package (tested against its reference numbers).
#ifndef KARTLA_STATS_SURVEY_DESIGN_H_
#define KARTLA_STATS_SURVEY_DESIGN_H_

#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace kartla::stats {

// How a sample was drawn, one entry per unit (row).
struct DesignSpec {
  std::vector<double> weights;  // sampling weights, > 0
  // Empty, or the stratum of each unit; with `stratum_names` for messages.
  std::vector<int> strata;
  std::vector<std::string> stratum_names;
  // Empty (each unit its own PSU), or the PSU of each unit, numbered
  // across strata (a PSU lies in one stratum).
  std::vector<int> psus;
  // Empty (no finite population correction), or for each unit the number of
  // PSUs in its stratum's population (of units when there are no PSUs), as
  // R's svydesign(fpc=).
  std::vector<double> fpc;
};

// A categorical variable: each unit's category 0..levels-1, and names.
struct Factor {
  std::vector<int> codes;
  std::vector<std::string> levels;
  std::string name;  // for messages, e.g. "stype"
};

// A population margin: the count (or total) of each category of `factor`.
struct Margin {
  Factor factor;
  std::vector<double> totals;  // one per level
};

// When raking stops. The default iterates to convergence; R's rake()
// defaults are {10, 1.0}.
struct RakeControl {
  int max_sweeps = 100;
  // The largest change of a cell's weighted count in a sweep below which
  // raking stops; below 1 it is relative to the sum of the weights.
  double epsilon = 1e-12;
};

enum class CalibrationFunction { kLinear, kRaking };

struct Estimate {
  double estimate = 0;
  double se = 0;
  double Lower() const;  // the normal 95 % interval
  double Upper() const;
};

inline constexpr double kZ95 = 1.959963984540054;

struct Interval {
  double lower = 0;
  double upper = 0;
};

// The 95 % interval estimate ± t(df)·SE, as R's confint(..., df = degf);
// NaN bounds when df is not positive (as for LogitInterval).
Interval TInterval(const Estimate& estimate, double df);
// The 95 % logit interval of a share: expit(logit p ± t(df)·SE/(p(1 − p))),
// as R's svyciprop(method = "logit"); it stays within 0..1 when a share is
// near 0 or 1. A share of exactly 0 or 1 gives the interval [p, p].
Interval LogitInterval(const Estimate& share, double df);
// A share's interval: the logit one inside (0, 1); at 0 or 1, where the
// estimated variance is 0 and the logit one collapses to a point, Korn and
// Graubard's (1998) Clopper–Pearson interval on the effective sample size,
// here the `n` respondents (a design effect of 1) scaled by
// (t(n − 1) / t(df))²: at 0, [0, qbeta(0.975, 1, n*)] = [0, 1 − 0.025^(1/n*)],
// and at 1 its mirror. It ignores the finite population correction, so it
// errs wide. NaN bounds when n or df is not positive.
Interval ShareInterval(const Estimate& share, double df, int n);

// A simple weighted regression y = a + b·x, with standard errors by
// linearisation (as R's svyglm), and the weighted correlation with a 95 %
// interval by Fisher's z on the unweighted number of pairs.
struct Regression {
  Estimate intercept;
  Estimate slope;
  double correlation = 0;
  Interval correlation_ci{std::numeric_limits<double>::quiet_NaN(),
                          std::numeric_limits<double>::quiet_NaN()};
  int n = 0;  // units with both x and y
};

// Thread-compatible; estimation is const and may run on many threads.
class Design {
 public:
  // Fails with kInvalidInput if the vectors' lengths differ, a weight is
  // not positive, or an fpc is smaller than its stratum's sample.
  static Result<Design> Make(DesignSpec spec);

  // Post-stratifies to population counts of `cells`' categories: each
  // unit's weight times N_g / (sum of weights in g). Fails, naming the
  // category, if a category with a population count has no units.
  Status PostStratify(const Factor& cells, std::span<const double> counts);
  // Rakes to the margins by iterative proportional fitting over the cells
  // the margins cross, as R's rake(); variance as rake() computes it
  // (iterated post-stratification residuals). Fails, naming it, if a
  // category with a population count has no units, or if raking does not
  // converge within control.max_sweeps.
  Status Rake(const std::vector<Margin>& margins, RakeControl control = {});
  // Calibrates to the margins (GREG): linear g = 1 + x'λ, or raking
  // g = exp(x'λ); variance with the GREG residuals, as R's calibrate().
  Status Calibrate(const std::vector<Margin>& margins, CalibrationFunction function);

  size_t size() const { return weights_.size(); }
  const std::vector<double>& weights() const { return weights_; }

  // The total of y, and its mean; over the units where `domain` is true if
  // it is given (a domain estimate keeps every unit for the variance). A
  // NaN value of y leaves the unit out, as a domain would.
  Estimate Total(std::span<const double> y, const std::vector<bool>* domain = nullptr) const;
  Estimate Mean(std::span<const double> y, const std::vector<bool>* domain = nullptr) const;
  // The ratio of the totals of y and x, Σwy / Σwx (an amount per
  // inhabitant, with x the organisations' populations), as R's svyratio():
  // over the units (of `domain`) with both, its variance that of the
  // linearised (y − R·x) / Σwx. NaN when x's total is 0. A mean is the
  // ratio to x = 1.
  Estimate Ratio(std::span<const double> y, std::span<const double> x,
                 const std::vector<bool>* domain = nullptr) const;
  // Regresses y on x over the units (of `domain`) with both; NaN estimates
  // with fewer than 3 such units or no spread in x.
  Regression Regress(std::span<const double> x, std::span<const double> y,
                     const std::vector<bool>* domain = nullptr) const;
  // The design's degrees of freedom, PSUs less strata, as R's degf(): of
  // the whole design, or of its subset `domain` (as R's subset()).
  double DegreesOfFreedom(const std::vector<bool>* domain = nullptr) const;

  Design(Design&&) noexcept;
  Design& operator=(Design&&) noexcept;
  ~Design();

  // A weighting step, kept for the variance (survey_design.cc).
  struct Adjustment;

 private:
  Design();

  // The standard error of an estimate whose influence values (weight ×
  // linearised variable) are `z`.
  double StandardError(std::vector<double> z) const;

  DesignSpec spec_;
  std::vector<double> weights_;
  int stratum_count_ = 1;
  std::vector<std::unique_ptr<Adjustment>> adjustments_;  // in order applied
};

}  // namespace kartla::stats

#endif  // KARTLA_STATS_SURVEY_DESIGN_H_
