// A round's results settings: disclosure rules, weighting classes,
// composite indices and the breakdowns each question is published by.
// app/results_config.h reads them from a TOML file (docs/statistics.md).
#ifndef KARTLA_PUBLISH_RESULTS_SETTINGS_H_
#define KARTLA_PUBLISH_RESULTS_SETTINGS_H_

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "publish/site.h"
#include "stats/dataset.h"
#include "stats/indices.h"
#include "stats/weighting.h"

namespace kartla::publish {

struct ResultsSettings {
  stats::DisclosureRules rules;     // [disclosure] k, small_group
  stats::ClassingOptions classing;  // [weighting] classes, min_respondents
  struct Index {
    std::string target_group;  // whose questionnaire's items it takes
    stats::IndexDefinition definition;
  };
  std::vector<Index> indices;  // [[index]]
  // [publication]: said on every release's front page, with how to cite it.
  LocalizedText publisher;    // "Association of Finnish Municipalities"
  LocalizedText contact;      // "digikartoitus@example.fi, +358 …"
  LocalizedText licence;      // "CC BY 4.0"
  std::string licence_url;    // "https://creativecommons.org/licenses/by/4.0/"
  // [[per_inhabitant]]: amounts also published per inhabitant (the
  // registry's population): the questions named, their answers times
  // `multiplier` (1000 for answers in 1000 €) over the inhabitants, in
  // `unit` ("€ per inhabitant"), with `decimals`.
  struct PerInhabitant {
    std::vector<std::string> questions;
    double multiplier = 1;
    LocalizedText unit;
    int decimals = 1;
  };
  std::vector<PerInhabitant> per_inhabitant;
  // [[headline]]: the results a release's front page leads with, in order.
  std::vector<Headline> headlines;
  // [breakdowns]: the registry dimensions a release breaks each question
  // down by: `default` for every question, and a question's own list by its
  // name (`maturity = ["size_class", "language"]`; [] for none).
  std::vector<std::string> default_breakdowns = {"size_class", "region"};
  std::map<std::string, std::vector<std::string>> question_breakdowns;

  // [merging]: a breakdown's lines with fewer respondents than
  // MergeThreshold() merged into the lines of a coarser dimension
  // (stats::MergeSmallCategories), where the dataset has it, or, for bands
  // such as size classes, kNeighbours: into the neighbouring band
  // (stats::MergeSmallNeighbours). By default regions into major regions
  // and size classes into wider bands.
  static constexpr std::string_view kNeighbours = "neighbours";
  std::map<std::string, std::string> merge_into = {{"region", "major_region"},
                                                   {"size_class", std::string(kNeighbours)}};
  int merge_below = 0;  // 0: twice k
  int MergeThreshold() const { return merge_below > 0 ? merge_below : 2 * rules.k; }

  // The dimensions question `name` is broken down by.
  const std::vector<std::string>& BreakdownsOf(const std::string& name) const {
    auto found = question_breakdowns.find(name);
    return found == question_breakdowns.end() ? default_breakdowns : found->second;
  }
  // Whether any question is broken down by `dimension`.
  bool BreaksDownBy(const std::string& dimension) const {
    auto in = [&](const std::vector<std::string>& list) {
      return std::find(list.begin(), list.end(), dimension) != list.end();
    };
    if (in(default_breakdowns)) return true;
    for (const auto& [question, list] : question_breakdowns) {
      if (in(list)) return true;
    }
    return false;
  }
  // Marks `data`'s amounts that [[per_inhabitant]] names
  // (DatasetColumn::per_inhabitant and its unit).
  void MarkPerInhabitant(stats::Dataset& data) const {
    for (const PerInhabitant& each : per_inhabitant) {
      for (stats::DatasetColumn& column : data.columns) {
        if (column.kind != stats::DatasetColumn::Kind::kNumber ||
            std::find(each.questions.begin(), each.questions.end(), column.name) ==
                each.questions.end()) {
          continue;
        }
        column.per_inhabitant = each.multiplier;
        column.per_inhabitant_unit = each.unit;
        column.per_inhabitant_decimals = each.decimals;
      }
    }
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

// `data`'s dimension `id` with its small lines merged as `settings` say
// ([merging]: into a coarser dimension's lines, or into neighbouring
// bands), or nullopt when it is not merged (or the dataset lacks it).
std::optional<stats::DatasetDimension> MergedBreakdown(const stats::Dataset& data,
                                                       const std::string& id,
                                                       const ResultsSettings& settings);

}  // namespace kartla::publish

#endif  // KARTLA_PUBLISH_RESULTS_SETTINGS_H_
