// A round's results settings, read from a TOML file (see
// docs/statistics.md): disclosure rules, weighting classes, and composite
// indices. The example round's is data/forms/digimapping-2025/results.toml.
#ifndef KARTLA_APP_RESULTS_CONFIG_H_
#define KARTLA_APP_RESULTS_CONFIG_H_

#include <map>
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
  // [breakdowns]: the registry dimensions a release breaks each question
  // down by: `default` for every question, and a question's own list by its
  // name (`maturity = ["size_class", "language"]`; [] for none).
  std::vector<std::string> default_breakdowns = {"size_class", "region"};
  std::map<std::string, std::vector<std::string>> question_breakdowns;

  // The dimensions question `name` is broken down by.
  const std::vector<std::string>& BreakdownsOf(const std::string& name) const {
    auto found = question_breakdowns.find(name);
    return found == question_breakdowns.end() ? default_breakdowns : found->second;
  }
  // The index `name` of the questionnaire of `target_group`, or nullptr.
  const stats::IndexDefinition* FindIndex(const std::string& target_group,
                                          const std::string& name) const {
    for (const Index& index : indices) {
      if (index.target_group == target_group && index.definition.name == name) {
        return &index.definition;
      }
    }
    return nullptr;
  }
};

// Reads `file`. Fails with kNotFound for a missing file, with kInvalidInput
// listing every problem at its file:line:column (a value of the wrong
// type, an unknown key, an index without a name, target group or items).
Result<ResultsConfig> LoadResultsConfig(const std::string& file);

}  // namespace kartla

#endif  // KARTLA_APP_RESULTS_CONFIG_H_
