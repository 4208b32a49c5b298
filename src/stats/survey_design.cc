#include "stats/survey_design.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include <Eigen/Dense>
#include <boost/math/distributions/students_t.hpp>
#include <set>
#include <fmt/format.h>

namespace kartla::stats {

double Estimate::Lower() const { return estimate - kZ95 * se; }
double Estimate::Upper() const { return estimate + kZ95 * se; }

namespace {

// The t quantile; NaN without degrees of freedom (a domain within one PSU
// per stratum has no variance to speak of).
double TQuantile(double df) {
  if (!(df > 0)) return std::nan("");
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), 0.975);
}

}  // namespace

Interval TInterval(const Estimate& estimate, double df) {
  double half = TQuantile(df) * estimate.se;
  return {estimate.estimate - half, estimate.estimate + half};
}

Interval LogitInterval(const Estimate& share, double df) {
  double p = share.estimate;
  if (!(p > 0 && p < 1)) return {p, p};
  double logit = std::log(p / (1 - p));
  double half = TQuantile(df) * share.se / (p * (1 - p));
  auto expit = [](double x) { return 1 / (1 + std::exp(-x)); };
  return {expit(logit - half), expit(logit + half)};
}

Interval ShareInterval(const Estimate& share, double df, int n) {
  const double p = share.estimate;
  if (p > 0 && p < 1) return LogitInterval(share, df);
  if (!(n > 0 && df > 0) || std::isnan(p)) return {std::nan(""), std::nan("")};
  const double scale = n > 1 ? TQuantile(double(n - 1)) / TQuantile(df) : 1;
  const double effective = double(n) * scale * scale;
  const double reach = 1 - std::pow(0.025, 1 / effective);
  return p <= 0 ? Interval{0, reach} : Interval{1 - reach, 1};
}

// One weighting step, remembered for the variance: it replaces influence
// values by their residuals from what the step fixed.
struct Design::Adjustment {
  virtual ~Adjustment() = default;
  virtual void Residuals(std::vector<double>& z) const = 0;
};

namespace {

// Post-stratification: z minus, in each cell, the d-weighted mean of z/w
// times w (R's survey: oldweights and weights of the post-strata).
struct PostStep : Design::Adjustment {
  std::vector<int> cells;
  int cell_count = 0;
  std::vector<double> before;  // weights before the step
  std::vector<double> after;   // and after

  void Residuals(std::vector<double>& z) const override {
    std::vector<double> sum(cell_count, 0.0), weight(cell_count, 0.0);
    for (size_t i = 0; i < z.size(); ++i) {
      sum[cells[i]] += z[i] * before[i] / after[i];
      weight[cells[i]] += before[i];
    }
    for (size_t i = 0; i < z.size(); ++i) {
      z[i] -= sum[cells[i]] / weight[cells[i]] * after[i];
    }
  }
};

// Raking as R's rake() leaves it for the variance: post-stratification
// residuals of each margin with the weights after its last step, the
// margins in turn, ten times.
struct RakeStep : Design::Adjustment {
  struct Pass {
    std::vector<int> codes;
    int levels = 0;
    std::vector<double> weights;
  };
  std::vector<Pass> passes;

  void Residuals(std::vector<double>& z) const override {
    for (int round = 0; round < 10; ++round) {
      for (const Pass& pass : passes) {
        std::vector<double> sum(pass.levels, 0.0);
        std::vector<int> count(pass.levels, 0);
        for (size_t i = 0; i < z.size(); ++i) {
          sum[pass.codes[i]] += z[i] / pass.weights[i];
          ++count[pass.codes[i]];
        }
        for (size_t i = 0; i < z.size(); ++i) {
          z[i] -= pass.weights[i] * sum[pass.codes[i]] / count[pass.codes[i]];
        }
      }
    }
  }
};

// The calibration model's columns: an intercept, then each margin's
// categories but its first.
struct Model {
  std::vector<const Factor*> factors;
  std::vector<int> offset;  // each factor's first column (for its level 1)
  int columns = 1;

  explicit Model(const std::vector<Margin>& margins) {
    for (const Margin& margin : margins) {
      factors.push_back(&margin.factor);
      offset.push_back(columns);
      columns += int(margin.factor.levels.size()) - 1;
    }
  }
  // Unit i's row: x[0] = 1 and the columns of its categories.
  template <class F>
  void ForEachColumn(size_t i, F&& f) const {
    f(0);
    for (size_t j = 0; j < factors.size(); ++j) {
      int code = factors[j]->codes[i];
      if (code > 0) f(offset[j] + code - 1);
    }
  }
  Eigen::VectorXd Totals(const std::vector<Margin>& margins) const {
    Eigen::VectorXd t = Eigen::VectorXd::Zero(columns);
    for (double count : margins.front().totals) t[0] += count;
    for (size_t j = 0; j < margins.size(); ++j) {
      for (size_t k = 1; k < margins[j].totals.size(); ++k) {
        t[offset[j] + int(k) - 1] = margins[j].totals[k];
      }
    }
    return t;
  }
};

// Calibration (GREG): z minus w·x'B, B the d-weighted regression of z/w on x.
struct GregStep : Design::Adjustment {
  std::vector<Margin> margins;  // their factors make the model
  std::vector<double> before;   // d
  std::vector<double> g;        // w = g·d
  Eigen::LDLT<Eigen::MatrixXd> xtx;  // of Σ d x x'

  void Residuals(std::vector<double>& z) const override {
    Model model(margins);
    Eigen::VectorXd xu = Eigen::VectorXd::Zero(model.columns);
    for (size_t i = 0; i < z.size(); ++i) {
      double du = z[i] / g[i];  // d·u
      model.ForEachColumn(i, [&](int c) { xu[c] += du; });
    }
    Eigen::VectorXd b = xtx.solve(xu);
    for (size_t i = 0; i < z.size(); ++i) {
      double fit = 0;
      model.ForEachColumn(i, [&](int c) { fit += b[c]; });
      z[i] -= g[i] * before[i] * fit;
    }
  }
};

Status CheckFactor(const Factor& factor, size_t n, size_t totals) {
  if (factor.codes.size() != n) {
    return Status::InvalidInput(fmt::format("{}: {} values for {} units", factor.name,
                                            factor.codes.size(), n));
  }
  if (totals != factor.levels.size()) {
    return Status::InvalidInput(fmt::format("{}: {} population counts for {} categories",
                                            factor.name, totals, factor.levels.size()));
  }
  return Status::Ok();
}

// The weighted count of each category; fails naming a category that has a
// population count but no units.
Result<std::vector<double>> CategorySums(const Factor& factor, std::span<const double> counts,
                                         const std::vector<double>& weights) {
  std::vector<double> sums(factor.levels.size(), 0.0);
  for (size_t i = 0; i < weights.size(); ++i) sums[factor.codes[i]] += weights[i];
  for (size_t k = 0; k < sums.size(); ++k) {
    if (sums[k] == 0 && counts[k] != 0) {
      return Status::InvalidInput(
          fmt::format("{} = {}: no respondent in a category with a population count of {}",
                      factor.name, factor.levels[k], counts[k]));
    }
  }
  return sums;
}

// Every margin fits the sample, and each category with a population count
// has units.
Status CheckMargins(const std::vector<Margin>& margins, const std::vector<double>& weights,
                    const char* what) {
  if (margins.empty()) return Status::InvalidInput(fmt::format("{} needs a margin", what));
  for (const Margin& margin : margins) {
    if (Status ok = CheckFactor(margin.factor, weights.size(), margin.totals.size());
        !ok.ok()) {
      return ok;
    }
    auto sums = CategorySums(margin.factor, margin.totals, weights);
    if (!sums.ok()) return sums.status();
  }
  return Status::Ok();
}

}  // namespace

Design::Design() = default;
Design::Design(Design&&) noexcept = default;
Design& Design::operator=(Design&&) noexcept = default;
Design::~Design() = default;

Result<Design> Design::Make(DesignSpec spec) {
  const size_t n = spec.weights.size();
  if (n == 0) return Status::InvalidInput("the sample has no units");
  for (const auto* column : {&spec.strata, &spec.psus}) {
    if (!column->empty() && column->size() != n) {
      return Status::InvalidInput("the design's columns differ in length");
    }
  }
  if (!spec.fpc.empty() && spec.fpc.size() != n) {
    return Status::InvalidInput("the design's columns differ in length");
  }
  for (size_t i = 0; i < n; ++i) {
    if (!(spec.weights[i] > 0)) {
      return Status::InvalidInput(fmt::format("unit {}: the weight {} is not positive", i + 1,
                                              spec.weights[i]));
    }
  }
  // Every stratum needs two PSUs for a variance, and no more PSUs than its
  // population has.
  const int strata =
      spec.strata.empty() ? 1 : *std::max_element(spec.strata.begin(), spec.strata.end()) + 1;
  std::vector<std::map<int, bool>> psus_of(strata);
  for (size_t i = 0; i < n; ++i) {
    int h = spec.strata.empty() ? 0 : spec.strata[i];
    psus_of[h][spec.psus.empty() ? int(i) : spec.psus[i]] = true;
  }
  for (size_t i = 0; i < n; ++i) {
    int h = spec.strata.empty() ? 0 : spec.strata[i];
    std::string name = size_t(h) < spec.stratum_names.size() ? spec.stratum_names[h]
                                                            : std::to_string(h + 1);
    if (psus_of[h].size() < 2) {
      return Status::InvalidInput(fmt::format(
          "stratum {} has a single PSU, so its variance cannot be estimated; merge it "
          "with another stratum",
          name));
    }
    if (!spec.fpc.empty() && spec.fpc[i] < double(psus_of[h].size())) {
      return Status::InvalidInput(fmt::format(
          "stratum {}: the population count {} is smaller than the sample's {}", name,
          spec.fpc[i], psus_of[h].size()));
    }
  }
  Design design;
  design.stratum_count_ =
      spec.strata.empty() ? 1 : *std::max_element(spec.strata.begin(), spec.strata.end()) + 1;
  design.weights_ = spec.weights;
  design.spec_ = std::move(spec);
  return design;
}

Status Design::PostStratify(const Factor& cells, std::span<const double> counts) {
  if (Status ok = CheckFactor(cells, size(), counts.size()); !ok.ok()) return ok;
  auto sums = CategorySums(cells, counts, weights_);
  if (!sums.ok()) return sums.status();
  auto step = std::make_unique<PostStep>();
  step->cells = cells.codes;
  step->cell_count = int(cells.levels.size());
  step->before = weights_;
  for (size_t i = 0; i < size(); ++i) {
    weights_[i] *= counts[cells.codes[i]] / (*sums)[cells.codes[i]];
  }
  step->after = weights_;
  adjustments_.push_back(std::move(step));
  return Status::Ok();
}

Status Design::Rake(const std::vector<Margin>& margins, RakeControl control) {
  if (Status ok = CheckMargins(margins, weights_, "raking"); !ok.ok()) return ok;
  // The cells the margins cross (numbered as they first occur), and the
  // weight in each. A cell's key is its categories in mixed radix.
  std::vector<int> cell_of(size());
  std::vector<std::vector<int>> cell_codes;
  std::unordered_map<int64_t, int> cell_ids;
  for (size_t i = 0; i < size(); ++i) {
    int64_t key = 0;
    for (const Margin& margin : margins) {
      key = key * int64_t(margin.totals.size()) + margin.factor.codes[i];
    }
    auto [found, added] = cell_ids.emplace(key, int(cell_codes.size()));
    if (added) {
      std::vector<int> codes;
      for (const Margin& margin : margins) codes.push_back(margin.factor.codes[i]);
      cell_codes.push_back(std::move(codes));
    }
    cell_of[i] = found->second;
  }
  const size_t cells = cell_codes.size();
  std::vector<double> base(cells, 0.0);
  double total_weight = 0;
  for (size_t i = 0; i < size(); ++i) {
    base[cell_of[i]] += weights_[i];
    total_weight += weights_[i];
  }
  const double epsilon =
      control.epsilon < 1 ? control.epsilon * total_weight : control.epsilon;
  std::vector<double> factor(cells, 1.0);
  // The cells' factors after each margin's step of the last sweep.
  std::vector<std::vector<double>> after_margin(margins.size());
  bool converged = false;
  for (int sweep = 0; sweep < control.max_sweeps && !converged; ++sweep) {
    std::vector<double> old = factor;
    for (size_t j = 0; j < margins.size(); ++j) {
      std::vector<double> sums(margins[j].totals.size(), 0.0);
      for (size_t c = 0; c < cells; ++c) sums[cell_codes[c][j]] += base[c] * factor[c];
      for (size_t c = 0; c < cells; ++c) {
        int k = cell_codes[c][j];
        factor[c] *= margins[j].totals[k] / sums[k];
      }
      after_margin[j] = factor;
    }
    double delta = 0;
    for (size_t c = 0; c < cells; ++c) {
      delta = std::max(delta, std::abs(base[c] * (factor[c] - old[c])));
    }
    converged = delta < epsilon;
  }
  if (!converged) {
    return Status::InvalidInput(fmt::format(
        "raking did not converge within {} sweeps; the margins may contradict each other",
        control.max_sweeps));
  }
  auto step = std::make_unique<RakeStep>();
  for (size_t j = 0; j < margins.size(); ++j) {
    RakeStep::Pass pass;
    pass.codes = margins[j].factor.codes;
    pass.levels = int(margins[j].totals.size());
    pass.weights.resize(size());
    for (size_t i = 0; i < size(); ++i) {
      pass.weights[i] = weights_[i] * after_margin[j][cell_of[i]];
    }
    step->passes.push_back(std::move(pass));
  }
  for (size_t i = 0; i < size(); ++i) weights_[i] *= factor[cell_of[i]];
  adjustments_.push_back(std::move(step));
  return Status::Ok();
}

Status Design::Calibrate(const std::vector<Margin>& margins, CalibrationFunction function) {
  if (Status ok = CheckMargins(margins, weights_, "calibration"); !ok.ok()) return ok;
  auto step = std::make_unique<GregStep>();
  step->margins = margins;
  step->before = weights_;
  Model model(step->margins);
  const int p = model.columns;
  Eigen::MatrixXd xtx = Eigen::MatrixXd::Zero(p, p);
  std::vector<int> columns;
  for (size_t i = 0; i < size(); ++i) {
    columns.clear();
    model.ForEachColumn(i, [&](int c) { columns.push_back(c); });
    for (int a : columns) {
      for (int b : columns) xtx(a, b) += weights_[i];
    }
  }
  step->xtx.compute(xtx);
  const Eigen::VectorXd target = model.Totals(step->margins);
  std::vector<double> g(size(), 1.0);
  Eigen::VectorXd lambda = Eigen::VectorXd::Zero(p);
  auto x_lambda = [&](size_t i) {
    double sum = 0;
    model.ForEachColumn(i, [&](int c) { sum += lambda[c]; });
    return sum;
  };
  if (function == CalibrationFunction::kLinear) {
    Eigen::VectorXd have = Eigen::VectorXd::Zero(p);
    for (size_t i = 0; i < size(); ++i) {
      model.ForEachColumn(i, [&](int c) { have[c] += weights_[i]; });
    }
    lambda = step->xtx.solve(target - have);
    for (size_t i = 0; i < size(); ++i) g[i] = 1 + x_lambda(i);
  } else {
    // Newton's method on g = exp(x'λ).
    bool converged = false;
    for (int iteration = 0; iteration < 100 && !converged; ++iteration) {
      Eigen::VectorXd have = Eigen::VectorXd::Zero(p);
      Eigen::MatrixXd jacobian = Eigen::MatrixXd::Zero(p, p);
      for (size_t i = 0; i < size(); ++i) {
        g[i] = std::exp(x_lambda(i));
        double w = weights_[i] * g[i];
        columns.clear();
        model.ForEachColumn(i, [&](int c) { columns.push_back(c); });
        for (int a : columns) {
          have[a] += w;
          for (int b : columns) jacobian(a, b) += w;
        }
      }
      Eigen::VectorXd gap = target - have;
      converged = (gap.cwiseAbs().array() / (1 + target.cwiseAbs().array())).maxCoeff() < 1e-13;
      if (!converged) lambda += jacobian.ldlt().solve(gap);
    }
    if (!converged) {
      return Status::InvalidInput("calibration did not converge within 100 iterations");
    }
  }
  for (size_t i = 0; i < size(); ++i) weights_[i] *= g[i];
  step->g = std::move(g);
  adjustments_.push_back(std::move(step));
  return Status::Ok();
}

double Design::StandardError(std::vector<double> z) const {
  for (const auto& adjustment : adjustments_) adjustment->Residuals(z);
  // Sum within PSUs (each unit its own PSU without them).
  const size_t n = size();
  std::vector<double> psu_sum;
  std::vector<int> psu_stratum;
  if (spec_.psus.empty()) {
    psu_sum = z;
    psu_stratum = spec_.strata.empty() ? std::vector<int>(n, 0) : spec_.strata;
  } else {
    int psus = *std::max_element(spec_.psus.begin(), spec_.psus.end()) + 1;
    psu_sum.assign(psus, 0.0);
    psu_stratum.assign(psus, 0);
    for (size_t i = 0; i < n; ++i) {
      psu_sum[spec_.psus[i]] += z[i];
      psu_stratum[spec_.psus[i]] = spec_.strata.empty() ? 0 : spec_.strata[i];
    }
  }
  std::vector<double> population(stratum_count_, 0.0);
  if (!spec_.fpc.empty()) {
    for (size_t i = 0; i < n; ++i) {
      population[spec_.strata.empty() ? 0 : spec_.strata[i]] = spec_.fpc[i];
    }
  }
  std::vector<double> sum(stratum_count_, 0.0);
  std::vector<int> count(stratum_count_, 0);
  for (size_t c = 0; c < psu_sum.size(); ++c) {
    sum[psu_stratum[c]] += psu_sum[c];
    ++count[psu_stratum[c]];
  }
  std::vector<double> squares(stratum_count_, 0.0);
  for (size_t c = 0; c < psu_sum.size(); ++c) {
    double deviation = psu_sum[c] - sum[psu_stratum[c]] / count[psu_stratum[c]];
    squares[psu_stratum[c]] += deviation * deviation;
  }
  double variance = 0;
  for (int h = 0; h < stratum_count_; ++h) {
    if (count[h] < 2) continue;  // Make() refuses a stratum with one PSU
    double kept = spec_.fpc.empty() ? 1.0 : 1.0 - count[h] / population[h];
    variance += kept * count[h] / (count[h] - 1.0) * squares[h];
  }
  return std::sqrt(variance);
}

double Design::DegreesOfFreedom(const std::vector<bool>* domain) const {
  std::set<int> psus, strata;
  for (size_t i = 0; i < size(); ++i) {
    if (domain && !(*domain)[i]) continue;
    psus.insert(spec_.psus.empty() ? int(i) : spec_.psus[i]);
    strata.insert(spec_.strata.empty() ? 0 : spec_.strata[i]);
  }
  return double(psus.size()) - double(strata.size());
}

Estimate Design::Total(std::span<const double> y, const std::vector<bool>* domain) const {
  std::vector<double> z(size(), 0.0);
  double total = 0;
  for (size_t i = 0; i < size(); ++i) {
    if ((domain && !(*domain)[i]) || std::isnan(y[i])) continue;
    z[i] = weights_[i] * y[i];
    total += z[i];
  }
  return {total, StandardError(std::move(z))};
}

namespace {

// Σwy / Σwx over the units of `domain` with both y and x (NaN when Σwx
// is 0), and in `z` the influence values w(y − R·x) / Σwx of its
// linearisation. `x` is a function of the unit: the span's value, or 1 for
// a mean.
template <typename X>
double RatioOf(std::span<const double> weights, std::span<const double> y, X x,
               const std::vector<bool>* domain, std::vector<double>& z) {
  auto in = [&](size_t i) {
    return !(domain && !(*domain)[i]) && !std::isnan(y[i]) && !std::isnan(x(i));
  };
  double denominator = 0, numerator = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (!in(i)) continue;
    denominator += weights[i] * x(i);
    numerator += weights[i] * y[i];
  }
  if (denominator == 0) return std::nan("");
  const double ratio = numerator / denominator;
  z.assign(weights.size(), 0.0);
  for (size_t i = 0; i < weights.size(); ++i) {
    if (in(i)) z[i] = weights[i] * (y[i] - ratio * x(i)) / denominator;
  }
  return ratio;
}

}  // namespace

Estimate Design::Mean(std::span<const double> y, const std::vector<bool>* domain) const {
  std::vector<double> z;
  const double mean = RatioOf(weights_, y, [](size_t) { return 1.0; }, domain, z);
  if (std::isnan(mean)) return {mean, mean};
  return {mean, StandardError(std::move(z))};
}

Estimate Design::Ratio(std::span<const double> y, std::span<const double> x,
                       const std::vector<bool>* domain) const {
  std::vector<double> z;
  const double ratio = RatioOf(weights_, y, [&](size_t i) { return x[i]; }, domain, z);
  if (std::isnan(ratio)) return {ratio, ratio};
  return {ratio, StandardError(std::move(z))};
}

Regression Design::Regress(std::span<const double> x, std::span<const double> y,
                           const std::vector<bool>* domain) const {
  Regression out;
  auto in = [&](size_t i) {
    return !(domain && !(*domain)[i]) && !std::isnan(x[i]) && !std::isnan(y[i]);
  };
  double weight = 0, sum_x = 0, sum_y = 0;
  for (size_t i = 0; i < size(); ++i) {
    if (!in(i)) continue;
    ++out.n;
    weight += weights_[i];
    sum_x += weights_[i] * x[i];
    sum_y += weights_[i] * y[i];
  }
  out.slope = out.intercept = {std::nan(""), std::nan("")};
  out.correlation = std::nan("");
  if (out.n < 3) return out;
  const double mean_x = sum_x / weight, mean_y = sum_y / weight;
  double sxx = 0, syy = 0, sxy = 0;
  for (size_t i = 0; i < size(); ++i) {
    if (!in(i)) continue;
    sxx += weights_[i] * (x[i] - mean_x) * (x[i] - mean_x);
    syy += weights_[i] * (y[i] - mean_y) * (y[i] - mean_y);
    sxy += weights_[i] * (x[i] - mean_x) * (y[i] - mean_y);
  }
  if (sxx == 0) return out;
  const double b = sxy / sxx, a = mean_y - b * mean_x;
  // Influence values of the estimating equations, as svyglm's sandwich:
  // the slope's w(x − x̄)e/Sxx, the intercept's w·e/W − x̄ times it.
  std::vector<double> slope(size(), 0.0), intercept(size(), 0.0);
  for (size_t i = 0; i < size(); ++i) {
    if (!in(i)) continue;
    double e = y[i] - a - b * x[i];
    slope[i] = weights_[i] * (x[i] - mean_x) * e / sxx;
    intercept[i] = weights_[i] * e / weight - mean_x * slope[i];
  }
  out.slope = {b, StandardError(std::move(slope))};
  out.intercept = {a, StandardError(std::move(intercept))};
  if (syy > 0) {
    out.correlation = sxy / std::sqrt(sxx * syy);
    // Fisher's z on the unweighted number of pairs.
    if (out.n > 3) {
      double z = std::atanh(std::clamp(out.correlation, -0.9999999999, 0.9999999999));
      double half = kZ95 / std::sqrt(double(out.n) - 3);
      out.correlation_ci = {std::tanh(z - half), std::tanh(z + half)};
    }
  }
  return out;
}

}  // namespace kartla::stats
