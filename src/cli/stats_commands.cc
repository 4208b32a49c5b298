// `kartla stats`: the survey estimation and results commands, each in its
// own file (stats_*_command.cc), registered here in the order --help lists
// them; `kartla publish` and `kartla microdata` (publish_commands.cc) sit
// beside it at the top level.
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/results_options.h"

namespace kartla::cli {

void AddStatsCommands(CLI::App& app, CommandContext& context) {
  CLI::App* stats = app.add_subcommand("stats", "Survey estimation");
  stats->require_subcommand(1);
  AddStatsEstimateCommand(*stats, context);
  AddStatsTableCommand(*stats, context);
  AddStatsTrendCommands(*stats, context);
  AddStatsRelateCommand(*stats, context);
  AddPublishCommands(app, context);
  AddStatsRepresentCommand(*stats, context);
}

}  // namespace kartla::cli
