// A round's results settings, read from a TOML file (see
// docs/statistics.md): disclosure rules, weighting classes, and composite
// indices. The example round's is data/forms/digimapping-2025/results.toml.
#ifndef KARTLA_APP_RESULTS_CONFIG_H_
#define KARTLA_APP_RESULTS_CONFIG_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "stats/dataset.h"
#include "stats/indices.h"
#include "stats/weighting.h"

namespace kartla {

struct ResultsConfig {
  stats::DisclosureRules rules;     // [disclosure] k, small_group
  stats::ClassingOptions classing;  // [weighting] classes, min_respondents
  struct Index {
    std::string target_group;  // whose questionnaire's items it takes
    stats::IndexDefinition definition;
  };
  std::vector<Index> indices;  // [[index]]
};

// Reads `file`. Fails with kNotFound for a missing file, with kInvalidInput
// listing every problem at its file:line:column (a value of the wrong
// type, an unknown key, an index without a name, target group or items).
Result<ResultsConfig> LoadResultsConfig(const std::string& file);

}  // namespace kartla

#endif  // KARTLA_APP_RESULTS_CONFIG_H_
