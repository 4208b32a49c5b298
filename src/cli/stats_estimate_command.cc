// `kartla stats estimate`: the survey estimation engine on any CSV file
// (stats/csv_design), so that analysts can use it on old rounds' data and
// it can be checked against R's survey package.
#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>

#include "cli/command_context.h"
#include "cli/results_options.h"
#include "cli/results_views.h"
#include "cli/text_table.h"
#include "core/csv.h"
#include "stats/csv_design.h"

namespace kartla::cli {
namespace {

struct EstimateOptions {
  std::string csv;
  stats::CsvDesignSpec design;
  std::string calfun = "linear";
  stats::CsvEstimates asked;
  bool json = false;
};

int EstimateCommand(CommandContext& context, EstimateOptions options) {
  auto text = CommandContext::ReadInputFile(options.csv);
  if (!text.ok()) return context.Fail(text.status());
  auto table = ParseCsv(*text, options.csv);
  if (!table.ok()) return context.Fail(table.status());
  stats::CsvColumns columns(std::move(table).value());
  options.design.calfun = options.calfun == "raking" ? stats::CalibrationFunction::kRaking
                                                     : stats::CalibrationFunction::kLinear;
  auto design = stats::MakeCsvDesign(columns, options.design);
  if (!design.ok()) return context.Fail(design.status());
  auto estimates = stats::EstimateFromCsv(columns, *design, options.asked);
  if (!estimates.ok()) return context.Fail(estimates.status());

  if (options.json) {
    boost::json::array rows;
    for (const stats::CsvEstimate& row : *estimates) {
      rows.push_back({{"statistic", row.statistic},
                      {"variable", row.variable},
                      {"category", row.category},
                      {"by", row.by},
                      {"estimate", JsonNumber(row.value.estimate)},
                      {"se", JsonNumber(row.value.se)},
                      {"ci95_lower", JsonNumber(row.value.Lower())},
                      {"ci95_upper", JsonNumber(row.value.Upper())}});
    }
    PrintJsonLines(context.out, rows);
    return kExitSuccess;
  }
  TextTable printed({{"Statistic"}, {"Variable"}, {"Category"}, {options.asked.by},
                     {"Estimate", Align::kRight}, {"SE", Align::kRight},
                     {"95 % CI", Align::kRight}});
  for (const stats::CsvEstimate& row : *estimates) {
    printed.AddRow({row.statistic, row.variable, row.category, row.by,
                    fmt::format("{:.10g}", row.value.estimate),
                    fmt::format("{:.6g}", row.value.se),
                    fmt::format("{:.10g} – {:.10g}", row.value.Lower(), row.value.Upper())});
  }
  printed.Print(context.out);
  return kExitSuccess;
}

}  // namespace

void AddStatsEstimateCommand(CLI::App& stats, CommandContext& context) {
  auto options = std::make_shared<EstimateOptions>();
  CLI::App* estimate = stats.add_subcommand(
      "estimate",
      "Estimates with standard errors and 95 % CIs from any CSV file, by a survey design "
      "(as R's svydesign, postStratify, rake and calibrate)");
  stats::CsvDesignSpec& design = options->design;
  estimate->add_option("--csv", options->csv, "The data, one row per respondent")->required();
  estimate->add_option("--weights", design.weights, "The sampling weight column")->required();
  estimate->add_option("--strata", design.strata, "The stratum column");
  estimate->add_option("--psu", design.psu, "The PSU (cluster) column");
  estimate->add_option("--fpc", design.fpc,
                       "The column of the population count of PSUs in the stratum (of units "
                       "without PSUs)");
  auto* post = estimate->add_option("--poststratify", design.poststratify,
                                    "COLUMN:CAT=COUNT,... (A*B:a*b=COUNT,... for cells)");
  auto* rake = estimate->add_option("--rake", design.rake,
                                    "A margin COLUMN:CAT=COUNT,...; repeatable; raked to "
                                    "convergence");
  auto* calibrate = estimate->add_option("--calibrate", design.calibrate,
                                         "A margin COLUMN:CAT=COUNT,...; repeatable");
  estimate->add_option("--rake-sweeps", design.rake_control.max_sweeps,
                       "Give up raking after this many sweeps (default 100)");
  estimate->add_option("--rake-epsilon", design.rake_control.epsilon,
                       "Stop raking when no cell's weighted count changes by this much in a "
                       "sweep; below 1, relative to the sum of weights (default 1e-12). R's "
                       "rake() stops at --rake-sweeps 10 --rake-epsilon 1");
  post->excludes(rake)->excludes(calibrate);
  rake->excludes(calibrate);
  estimate->add_option("--calfun", options->calfun, "linear (default) or raking")
      ->check(CLI::IsMember({"linear", "raking"}));
  estimate->add_option("--mean", options->asked.means, "A numeric column; repeatable");
  estimate->add_option("--total", options->asked.totals, "A numeric column; repeatable");
  estimate->add_option("--share", options->asked.shares,
                       "A categorical column: the share of each category; repeatable");
  estimate->add_option("--by", options->asked.by, "Estimates in each category of this column");
  estimate->add_flag("--json", options->json,
                     "As JSON, one object per estimate (numbers exact to the last bit; null "
                     "where there is none)");
  estimate->callback(
      [&context, options] { context.exit_code = EstimateCommand(context, *options); });
}

}  // namespace kartla::cli
