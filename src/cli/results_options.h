// What the commands on a round's results share: the results settings (a
// results.toml with the command line's options on top), the default design
// said on the output, and the opened round.
#ifndef KARTLA_CLI_RESULTS_OPTIONS_H_
#define KARTLA_CLI_RESULTS_OPTIONS_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/results_config.h"
#include "cli/command_context.h"
#include "core/status.h"
#include "rounds/round_service.h"
#include "stats/weighting.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace kartla::cli {

struct ResultsOptions {
  std::string round;
  std::string target_group;
  std::string weight_by = "size_class*region";
  int min_class = 2;
  stats::DisclosureRules rules;
  std::string config;  // a results.toml
  // The options whose command-line value overrides the settings file.
  std::vector<CLI::Option*> overriding;
};

// The settings: the file's if one is named, else `stored` (a round's own)
// if given, with what the command line gives explicitly on top.
Result<ResultsConfig> Settings(const ResultsOptions& options,
                               const ResultsConfig* stored = nullptr);

// The default municipal design over the dataset (stats::DefaultDesign),
// said on `out`.
Result<stats::ResultsDesign> MakeDesign(const stats::Dataset& dataset,
                                        const stats::ClassingOptions& classing, Lang lang,
                                        std::ostream& out);

// What the commands on a whole round start from.
struct OpenedRound {
  std::unique_ptr<App> app;
  Lang lang = Lang::kEn;
  rounds::RoundView round;
  ResultsConfig settings;
};
Result<OpenedRound> OpenRound(CommandContext& context, const ResultsOptions& options);

// The options of the commands that follow one question: --item (required)
// and --config.
void AddItemAndSettings(CLI::App* command, std::string& item, std::string& config);

// The subcommands of `kartla stats`, and `kartla publish` and `kartla
// microdata`, each in its own file.
void AddStatsEstimateCommand(CLI::App& stats, CommandContext& context);
void AddStatsTableCommand(CLI::App& stats, CommandContext& context);
void AddStatsTrendCommands(CLI::App& stats, CommandContext& context);  // trend, compare
void AddStatsRelateCommand(CLI::App& stats, CommandContext& context);
void AddStatsRepresentCommand(CLI::App& stats, CommandContext& context);
void AddPublishCommands(CLI::App& app, CommandContext& context);  // publish, microdata

}  // namespace kartla::cli

#endif  // KARTLA_CLI_RESULTS_OPTIONS_H_
