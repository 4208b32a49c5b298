// `kartla publish` and `kartla microdata`: a release of a round's results
// up to a stage, and a questionnaire's microdata for the survey team's
// analysts; both audited.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include "app/publishing.h"
#include "app/web_wiring.h"
#include "cli/command_context.h"
#include "cli/results_options.h"
#include "publish/release.h"

namespace kartla::cli {
namespace {

struct PublishOptions : ResultsOptions {
  int stage = 1;
  std::string out;  // default: the configuration's results folder
  std::string note;
};

// Builds a release of the round's sections published up to a stage: every
// question of them overall, by size class and by region, in every format
// and language, with a manifest; refused if any table fails the audit.
int PublishCommand(CommandContext& context, const PublishOptions& options) {
  auto opened = OpenRound(context, options);
  if (!opened.ok()) return context.Fail(opened.status());
  auto& [app, lang, round, settings] = *opened;
  // Without --config, the round's own settings if it keeps them.
  if (options.config.empty() && HasResultsSettings(*app, options.round)) {
    auto stored = RoundResultsSettings(*app, options.round);
    if (!stored.ok()) return context.Fail(stored.status());
    auto with_options = Settings(options, &*stored);
    if (!with_options.ok()) return context.Fail(with_options.status());
    settings = std::move(with_options).value();
    context.out << "With the round's own results settings (kept with it in the workspace)\n";
  }
  PublishRequest request{options.round, options.stage,
                         options.out.empty() ? app->config().results : options.out,
                         options.note, settings, QuestionnairePrinterOf(*app)};
  auto report = PublishRound(*app, request);
  if (!report.ok()) return context.Fail(report.status());
  app->accounts().Audit(context.Actor(), "release.publish", "round " + options.round,
                        report->outcome.unchanged
                            ? fmt::format("stage {}: unchanged", options.stage)
                            : fmt::format("stage {} as version {}", options.stage,
                                          report->outcome.version));
  for (const std::string& group : report->left_out) {
    context.out << fmt::format("{}: fewer than 2 submitted answers, left out\n", group);
  }
  const publish::ReleaseOutcome& outcome = report->outcome;
  if (report->hidden_together > 0) {
    context.out << fmt::format(
        "{} further cells hidden so that nothing is given away with the registry or the "
        "earlier versions\n",
        report->hidden_together);
  }
  if (outcome.unchanged) {
    context.out << fmt::format("Unchanged: version {} in {} holds these {} files already\n",
                               outcome.version, outcome.folder, outcome.files);
  } else {
    context.out << fmt::format(
        "Published stage {} of {} as version {}: {} tables, {} files and manifest.json in {}\n"
        "The results site: {}/index.html\n"
        "The audit report, for the survey team only (never published): {}\n",
        options.stage, options.round, outcome.version, report->tables, outcome.files,
        outcome.folder, outcome.folder, report->audit_report);
  }
  return kExitSuccess;
}

struct MicrodataCommandOptions : ResultsOptions {
  std::string out = "microdata";
  bool identify = false;
  std::vector<std::string> formats;  // all four if none
};

// A questionnaire's microdata for analysts, pseudonymised unless asked.
int MicrodataCommand(CommandContext& context, const MicrodataCommandOptions& options) {
  auto opened = OpenRound(context, options);
  if (!opened.ok()) return context.Fail(opened.status());
  auto& [app, lang, round, settings] = *opened;
  MicrodataRequest request;
  request.round = options.round;
  request.target_group = options.target_group;
  request.folder = options.out;
  request.identify = options.identify;
  request.settings = settings;
  if (!options.formats.empty()) {
    request.formats.clear();
    for (const std::string& name : options.formats) {
      request.formats.push_back(*publish::ParseMicrodataFormat(name));
    }
  }
  // A long export says how far it has come, on a terminal.
  if (isatty(STDERR_FILENO)) {
    request.progress = [&context](size_t done, size_t total) {
      context.err << fmt::format("\r{} of {} rows", done, total) << std::flush;
      if (done == total) context.err << "\n";
    };
  }
  auto written = WriteMicrodata(*app, request);
  if (!written.ok()) return context.Fail(written.status());
  app->accounts().Audit(context.Actor(),
                        options.identify ? "microdata.identified" : "microdata.export",
                        "round " + options.round,
                        fmt::format("{}{}", options.target_group,
                                    options.identify ? ", organisations by their codes" : ""));
  context.out << fmt::format(
      "Microdata of {} ({}), {}: one row per respondent, with labels and design weights; "
      "for the survey team only, not for publication:\n",
      options.round, options.target_group,
      options.identify ? "organisations by their codes"
                       : "organisations as pseudonyms (the same in every questionnaire of the "
                         "round)");
  for (const std::string& path : *written) context.out << "  " << path << "\n";
  return kExitSuccess;
}

}  // namespace

void AddPublishCommands(CLI::App& app, CommandContext& context) {
  auto publishing = std::make_shared<PublishOptions>();
  CLI::App* publish_command = app.add_subcommand(
      "publish",
      "Build a release of a round's results up to a stage: every question of the sections "
      "published by then, overall, by size class and by region, as JSON-stat, PX, CSV and "
      "XLSX in fi, sv and en, with a manifest of SHA-256s, in a new version folder");
  publish_command->add_option("ROUND", publishing->round)->required();
  publish_command->add_option("--stage", publishing->stage, "The stage (default 1)")
      ->check(CLI::Range(1, 100));
  publish_command->add_option("--out", publishing->out,
                              "The releases' folder (default: the configuration's `results`, \"results\")");
  publish_command->add_option("--note", publishing->note,
                              "What changed: required for a correction of a stage");
  publish_command->add_option("--config", publishing->config,
                              "A results settings file: disclosure rules, weighting classes");
  publish_command->add_option("--k", publishing->rules.k,
                              "The fewest respondents a published cell may have (default 5)")
      ->check(CLI::Range(1, 1000));
  publishing->overriding.push_back(publish_command->get_option("--k"));
  publish_command->callback(
      [&context, publishing] { context.exit_code = PublishCommand(context, *publishing); });

  auto microdata = std::make_shared<MicrodataCommandOptions>();
  CLI::App* microdata_command = app.add_subcommand(
      "microdata",
      "Write a questionnaire's microdata for the survey team's analysts (never published): "
      "one row per respondent with the registry's dimensions, the design weight and every "
      "question, as CSV, XLSX, SPSS .sav and Stata .dta with variable and value labels; the "
      "organisation as a pseudonym unless --identify");
  microdata_command->add_option("ROUND", microdata->round)->required();
  microdata_command->add_option("--target-group", microdata->target_group,
                                "The questionnaire's target group")
      ->required();
  microdata_command->add_option("--out", microdata->out, "The folder (default: microdata)");
  microdata_command
      ->add_option("--format", microdata->formats,
                   "Only these formats (csv, xlsx, sav, dta; repeat for more; default: all)")
      ->check(CLI::IsMember({"csv", "xlsx", "sav", "dta"}));
  microdata_command->add_flag("--identify", microdata->identify,
                              "Organisation codes rather than pseudonyms");
  microdata_command->add_option("--config", microdata->config,
                                "A results settings file: the weighting classes");
  microdata_command->callback(
      [&context, microdata] { context.exit_code = MicrodataCommand(context, *microdata); });

}

}  // namespace kartla::cli
