// Pure summaries the result tables use: Cronbach's alpha of a set of items,
// and how well the respondents represent the population (response rates,
// the R-indicator with its partial indicators, Pearson's X² against the
// population's shares, the dissimilarity index). Methods and worked values:
// ../shared/stats/README.md and worked_examples_output.txt.
#ifndef KARTLA_STATS_INDICATORS_H_
#define KARTLA_STATS_INDICATORS_H_

#include <optional>
#include <span>
#include <vector>

namespace kartla::stats {

struct Reliability {
  double alpha = 0;               // k/(k−1)·(1 − Σσⱼ²/σ²_total)
  double standardized_alpha = 0;  // k·r̄/(1 + (k−1)·r̄), r̄ the mean inter-item r
  std::vector<double> alpha_if_deleted;  // one per item
};

// Cronbach's alpha of `items` (items[j][i]: item j of respondent i), over
// the respondents who answered every item (NaN: not answered). Nullopt with
// fewer than two items or two such respondents.
std::optional<Reliability> CronbachAlpha(const std::vector<std::vector<double>>& items);

// One category (weighting class) of the population: its size and how many
// in it responded.
struct ClassCount {
  double population = 0;
  double respondents = 0;
};

struct Representativeness {
  std::vector<double> response_rates;  // ρ_k
  double mean_rate = 0;                // ρ̄ = n/N
  double sd = 0;                       // S(ρ̂), population-weighted, divisor N − 1
  double r_indicator = 0;              // 1 − 2S
  double cv = 0;                       // S/ρ̄, also the largest standardised bias
  double partial_variable = 0;         // P_u = √(Σ N_k/N (ρ_k − ρ̄)²)
  std::vector<double> partial;         // P_u(k) = √(N_k/N)(ρ_k − ρ̄): sign = over/under
  double chi_square = 0;               // Σ (n_k − n·N_k/N)² / (n·N_k/N)
  int df = 0;                          // K − 1
  double p_value = 0;
  double chi_square_fpc = 0;           // X²·(N − 1)/(N − n), the hypergeometric version
  double p_value_fpc = 0;
  double dissimilarity = 0;            // ½ Σ |n_k/n − N_k/N|
};

// Nullopt if there are no classes, no population or no respondents.
std::optional<Representativeness> Represent(std::span<const ClassCount> classes);

// Final dispositions of the cases of a survey, in AAPOR's terms.
struct Dispositions {
  double complete = 0;           // I
  double partial = 0;            // P
  double refusal = 0;            // R, break-offs included
  double non_contact = 0;        // NC
  double other = 0;              // O
  double unknown = 0;            // UH + UO: eligibility unknown
  double eligible_share = 1;     // e: of the unknown, the share estimated eligible
};

// AAPOR's outcome rates (Standard Definitions): response rates RR1–RR6,
// cooperation COOP1–2, refusal REF1 and contact CON1. With eligibility
// known (every invited organisation is eligible, unknown = 0), RR1 = RR3 =
// RR5 and RR2 = RR4 = RR6. A rate whose denominator is 0 is NaN.
struct AaporRates {
  double rr1 = 0, rr2 = 0, rr3 = 0, rr4 = 0, rr5 = 0, rr6 = 0;
  double coop1 = 0, coop2 = 0;
  double ref1 = 0;
  double con1 = 0;
};
AaporRates Aapor(const Dispositions& cases);

// P(X² > x) for the chi-square distribution with `df` degrees of freedom.
double ChiSquareUpperTail(double x, int df);

}  // namespace kartla::stats

#endif  // KARTLA_STATS_INDICATORS_H_
