// `kartla stats relate`: how two indices, or an index and an answer, go
// together: weighted correlation and a simple weighted regression on the
// default design.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>

#include "cli/command_context.h"
#include "cli/results_options.h"
#include "stats/indices.h"

namespace kartla::cli {
namespace {

struct RelateOptions : ResultsOptions {
  std::string x, y;
};

// The values of an index of the settings, or of a question that can be
// scored (stats::ScoreQuestion).
Result<stats::ScoredQuestion> Variable(const stats::Dataset& dataset,
                                       const ResultsConfig& settings,
                                       const std::string& target_group, const std::string& name) {
  if (const stats::IndexDefinition* index = settings.FindIndex(target_group, name)) {
    auto values = stats::ComputeIndex(dataset, *index);
    if (!values.ok()) return values.status();
    return stats::ScoredQuestion{index->label, std::move(values->column.numbers)};
  }
  auto scored = stats::ScoreQuestion(dataset, name);
  if (!scored.ok()) {
    return Status::NotFound(fmt::format(
        "{} is neither an index of the settings nor a question that can be scored", name));
  }
  return scored;
}

// How two indices, or an index and an answer, go together: correlation with
// its interval and a simple weighted regression, on the default design.
int RelateCommand(CommandContext& context, const RelateOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto dataset = (*app)->ResultsDataset(options.round, options.target_group);
  if (!dataset.ok()) return context.Fail(dataset.status());
  Lang lang = (*app)->config().language;
  auto settings = Settings(options);
  if (!settings.ok()) return context.Fail(settings.status());
  auto x = Variable(*dataset, *settings, options.target_group, options.x);
  if (!x.ok()) return context.Fail(x.status());
  auto y = Variable(*dataset, *settings, options.target_group, options.y);
  if (!y.ok()) return context.Fail(y.status());
  auto weighted = MakeDesign(*dataset, settings->classing, lang, context.out);
  if (!weighted.ok()) return context.Fail(weighted.status());
  stats::Regression fit = weighted->design().Regress(x->values, y->values);
  context.out << fmt::format("{} ({}) and {} ({}): {} respondents with both.\n",
                             x->label.Get(lang), options.x, y->label.Get(lang), options.y, fit.n);
  if (fit.n < settings->rules.k) {
    context.out << fmt::format("Fewer than {} respondents: not shown.\n", settings->rules.k);
    return kExitSuccess;
  }
  if (std::isnan(fit.slope.estimate)) {
    context.out << "No spread in " << options.x << ": no relation can be estimated.\n";
    return kExitSuccess;
  }
  std::vector<bool> both(dataset->rows);
  for (size_t i = 0; i < dataset->rows; ++i) {
    both[i] = !std::isnan(x->values[i]) && !std::isnan(y->values[i]);
  }
  double df = weighted->design().DegreesOfFreedom(&both);
  stats::Interval slope = stats::TInterval(fit.slope, df);
  context.out << fmt::format(
      "Correlation r = {:.3f} (95 % CI {:.3f} to {:.3f}, Fisher's z on {} pairs)\n"
      "Regression {} = {:.4g} + {:.4g} × {}: slope SE {:.4g}, 95 % CI {:.4g} to {:.4g} "
      "(t on {} degrees of freedom); intercept SE {:.4g}\n",
      fit.correlation, fit.correlation_ci.lower, fit.correlation_ci.upper, fit.n, options.y,
      fit.intercept.estimate, fit.slope.estimate, options.x, fit.slope.se, slope.lower,
      slope.upper, df, fit.intercept.se);
  return kExitSuccess;
}

}  // namespace

void AddStatsRelateCommand(CLI::App& stats, CommandContext& context) {
  auto relate_options = std::make_shared<RelateOptions>();
  CLI::App* relate = stats.add_subcommand(
      "relate",
      "How two indices, or an index and an answer, go together: weighted correlation with a "
      "95 % interval and a simple weighted regression");
  relate->add_option("ROUND", relate_options->round)->required();
  relate->add_option("--target-group", relate_options->target_group,
                     "The questionnaire's target group")
      ->required();
  relate->add_option("--x", relate_options->x, "An index of the settings, or a question")
      ->required();
  relate->add_option("--y", relate_options->y, "An index of the settings, or a question")
      ->required();
  relate->add_option("--config", relate_options->config,
                     "The results settings file defining the indices");
  relate->callback(
      [&context, relate_options] { context.exit_code = RelateCommand(context, *relate_options); });

}

}  // namespace kartla::cli
