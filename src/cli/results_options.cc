#include "cli/results_options.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kartla::cli {

Result<ResultsConfig> Settings(const ResultsOptions& options, const ResultsConfig* stored) {
  ResultsConfig settings;
  if (!options.config.empty()) {
    auto loaded = LoadResultsConfig(options.config);
    if (!loaded.ok()) return loaded.status();
    settings = std::move(loaded).value();
  } else if (stored != nullptr) {
    settings = *stored;
  }
  const bool from_defaults = options.config.empty() && stored == nullptr;
  auto given = [&](const char* name) {
    for (CLI::Option* option : options.overriding) {
      if (option->get_name() == name) return option->count() > 0 || from_defaults;
    }
    return from_defaults;
  };
  if (given("--k")) settings.rules.k = options.rules.k;
  if (given("--small-group")) settings.rules.small_group = options.rules.small_group;
  if (given("--min-class")) settings.classing.min_respondents = options.min_class;
  if (given("--weight-by")) {
    settings.classing.dimensions.clear();
    for (size_t start = 0;;) {
      size_t star = options.weight_by.find('*', start);
      settings.classing.dimensions.push_back(options.weight_by.substr(start, star - start));
      if (star == std::string::npos) break;
      start = star + 1;
    }
  }
  return settings;
}

Result<stats::ResultsDesign> MakeDesign(const stats::Dataset& dataset,
                                        const stats::ClassingOptions& classing, Lang lang,
                                        std::ostream& out) {
  auto made = stats::DefaultDesign(dataset, classing);
  if (!made.ok()) return made.status();
  if (made->classes) {
    out << fmt::format(
        "Weighted by {}: {} classes, each respondent weighted N/n of its class, with the "
        "finite population correction.\n",
        fmt::join(classing.dimensions, "*"), made->classes->classes.size());
    for (const LocalizedText& note : made->classes->notes) out << "  " << note.Get(lang) << "\n";
  } else {
    out << "Unweighted: " << made->unweighted_reason << ".\n";
  }
  return made;
}

Result<OpenedRound> OpenRound(CommandContext& context, const ResultsOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return app.status();
  auto round = (*app)->rounds().Show(options.round);
  if (!round.ok()) return round.status();
  auto settings = Settings(options);
  if (!settings.ok()) return settings.status();
  Lang lang = (*app)->config().language;
  return OpenedRound{std::move(app).value(), lang, std::move(round).value(),
                     std::move(settings).value()};
}

void AddItemAndSettings(CLI::App* command, std::string& item, std::string& config) {
  command->add_option("--item", item, "The question: its kartla::series id, or its name")
      ->required();
  command->add_option("--config", config,
                      "A results settings file: disclosure rules, weighting classes");
}

}  // namespace kartla::cli
