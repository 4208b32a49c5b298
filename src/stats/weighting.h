// The default design of a municipal survey (../shared/stats/README.md):
// the responding organisations are taken as a random subsample within
// weighting classes (size class × region, or the dimensions the
// administrator chooses), so each class is a stratum with the weight
// N_h/n_h and a finite population correction of N_h; when several people
// answer for one organisation, the organisation is the PSU. Classes with
// too few responding organisations are collapsed, and the design says so.
#ifndef KARTLA_STATS_WEIGHTING_H_
#define KARTLA_STATS_WEIGHTING_H_

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/text.h"
#include "stats/dataset.h"
#include "stats/survey_design.h"

namespace kartla::stats {

struct ClassingOptions {
  // One or two registry dimensions; the first is kept whole longest.
  // Default: size class × region.
  std::vector<std::string> dimensions = {"size_class", "region"};
  // The fewest responding organisations a class may have; 2 or more gives
  // every class a variance. Default: 2.
  int min_respondents = 2;
};

struct WeightingClass {
  LocalizedText label;   // "Size 5,000–9,999 × Uusimaa", or what was merged
  int population = 0;    // organisations in scope
  int respondents = 0;   // of them, organisations that answered
  bool collapsed = false;  // made of several cells of the dimensions
};

struct ClassWeighting {
  std::vector<WeightingClass> classes;
  std::vector<int> class_of_row;     // each dataset row's class
  std::vector<LocalizedText> notes;  // each collapse, said in fi/sv/en for the report
  Design design;
};

// Builds the design over `data`'s population. Fails with kNotFound for an
// unknown dimension, with kInvalidInput when even all classes together
// have fewer than min_respondents responding organisations.
Result<ClassWeighting> WeightByClasses(const Dataset& data, const ClassingOptions& options);

// The design results are estimated on: the weighting classes, or equal
// weights when the classes cannot be formed because too few answered
// (`unweighted_reason` says so).
struct ResultsDesign {
  std::optional<ClassWeighting> classes;
  std::optional<Design> unweighted;
  std::string unweighted_reason;
  const Design& design() const { return classes ? classes->design : *unweighted; }
};

// WeightByClasses, falling back to equal weights on its kInvalidInput;
// other failures (an unknown dimension) are returned.
Result<ResultsDesign> DefaultDesign(const Dataset& data, const ClassingOptions& options);

}  // namespace kartla::stats

#endif  // KARTLA_STATS_WEIGHTING_H_
