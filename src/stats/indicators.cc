#include "stats/indicators.h"

#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

namespace kartla::stats {
namespace {

// The sample variance (divisor n − 1).
double Variance(const std::vector<double>& values) {
  double mean = 0;
  for (double v : values) mean += v;
  mean /= double(values.size());
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  return squares / double(values.size() - 1);
}

double Alpha(const std::vector<std::vector<double>>& items, size_t skip) {
  size_t n = items.front().size();
  std::vector<double> total(n, 0.0);
  double item_variances = 0;
  size_t k = 0;
  for (size_t j = 0; j < items.size(); ++j) {
    if (j == skip) continue;
    ++k;
    item_variances += Variance(items[j]);
    for (size_t i = 0; i < n; ++i) total[i] += items[j][i];
  }
  return double(k) / double(k - 1) * (1 - item_variances / Variance(total));
}

}  // namespace

std::optional<Reliability> CronbachAlpha(const std::vector<std::vector<double>>& items) {
  if (items.size() < 2) return std::nullopt;
  // Keep the respondents who answered every item.
  std::vector<std::vector<double>> complete(items.size());
  for (size_t i = 0; i < items.front().size(); ++i) {
    bool all = true;
    for (const auto& item : items) all = all && !std::isnan(item[i]);
    if (!all) continue;
    for (size_t j = 0; j < items.size(); ++j) complete[j].push_back(items[j][i]);
  }
  if (complete.front().size() < 2) return std::nullopt;
  Reliability result;
  result.alpha = Alpha(complete, complete.size());
  if (complete.size() > 2) {
    for (size_t j = 0; j < complete.size(); ++j) {
      result.alpha_if_deleted.push_back(Alpha(complete, j));
    }
  }
  // The mean correlation between two items.
  const size_t k = complete.size(), n = complete.front().size();
  std::vector<double> means(k, 0.0), sds(k, 0.0);
  for (size_t j = 0; j < k; ++j) {
    for (double v : complete[j]) means[j] += v / double(n);
    sds[j] = std::sqrt(Variance(complete[j]));
  }
  double sum = 0;
  int pairs = 0;
  for (size_t a = 0; a < k; ++a) {
    for (size_t b = a + 1; b < k; ++b) {
      double covariance = 0;
      for (size_t i = 0; i < n; ++i) {
        covariance += (complete[a][i] - means[a]) * (complete[b][i] - means[b]);
      }
      covariance /= double(n - 1);
      sum += covariance / (sds[a] * sds[b]);
      ++pairs;
    }
  }
  double r = sum / pairs;
  result.standardized_alpha = double(k) * r / (1 + double(k - 1) * r);
  return result;
}

double ChiSquareUpperTail(double x, int df) {
  if (df <= 0) return std::nan("");
  if (x <= 0) return 1.0;
  return boost::math::gamma_q(df / 2.0, x / 2.0);
}

std::optional<Representativeness> Represent(std::span<const ClassCount> classes) {
  double population = 0, respondents = 0;
  for (const ClassCount& c : classes) {
    population += c.population;
    respondents += c.respondents;
  }
  if (classes.empty() || population <= 1 || respondents <= 0) return std::nullopt;
  Representativeness r;
  r.mean_rate = respondents / population;
  double squares = 0;
  for (const ClassCount& c : classes) {
    double rate = c.population > 0 ? c.respondents / c.population : 0;
    r.response_rates.push_back(rate);
    double gap = rate - r.mean_rate;
    squares += c.population * gap * gap;
    r.partial.push_back(std::sqrt(c.population / population) * gap);
    double expected = respondents * c.population / population;
    if (expected > 0) {
      r.chi_square += (c.respondents - expected) * (c.respondents - expected) / expected;
    }
    r.dissimilarity += std::abs(c.respondents / respondents - c.population / population) / 2;
  }
  r.sd = std::sqrt(squares / (population - 1));
  r.r_indicator = 1 - 2 * r.sd;
  r.cv = r.sd / r.mean_rate;
  r.partial_variable = std::sqrt(squares / population);
  r.df = int(classes.size()) - 1;
  r.p_value = ChiSquareUpperTail(r.chi_square, r.df);
  if (population > respondents) {
    r.chi_square_fpc = r.chi_square * (population - 1) / (population - respondents);
    r.p_value_fpc = ChiSquareUpperTail(r.chi_square_fpc, r.df);
  }
  return r;
}

AaporRates Aapor(const Dispositions& c) {
  auto ratio = [](double part, double whole) { return whole > 0 ? part / whole : std::nan(""); };
  const double interviews = c.complete + c.partial;
  const double known = interviews + c.refusal + c.non_contact + c.other;
  const double all = known + c.unknown;
  const double estimated = known + c.eligible_share * c.unknown;
  const double contacted = interviews + c.refusal + c.other;
  AaporRates rates;
  rates.rr1 = ratio(c.complete, all);
  rates.rr2 = ratio(interviews, all);
  rates.rr3 = ratio(c.complete, estimated);
  rates.rr4 = ratio(interviews, estimated);
  rates.rr5 = ratio(c.complete, known);
  rates.rr6 = ratio(interviews, known);
  rates.coop1 = ratio(c.complete, contacted);
  rates.coop2 = ratio(interviews, contacted);
  rates.ref1 = ratio(c.refusal, all);
  rates.con1 = ratio(contacted, all);
  return rates;
}

}  // namespace kartla::stats
