// `kartla stats trend` and `kartla stats compare`: one question across the
// rounds of a series, or across the questionnaires of a round, each
// dataset weighted on its own (stats/trend).
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/command_context.h"
#include "cli/results_options.h"
#include "cli/results_views.h"
#include "cli/text_table.h"
#include "stats/trend.h"

namespace kartla::cli {
namespace {

struct TrendOptions : ResultsOptions {
  std::string series;
  std::string item;
};

struct CompareOptions : ResultsOptions {
  std::string item;
};

// A line per point: shares of the valid answers by choice name (matched
// to `latest`'s choices), or the mean and top-2-box.
void PrintPoints(std::ostream& out, const std::vector<stats::TrendPoint>& points,
                 const stats::DatasetColumn& latest, const std::string& first,
                 const std::string& second, Lang lang) {
  const stats::TrendShape shape = stats::ShapeOf(latest);
  std::vector<TextTable::Column> header = {{first}, {second}, {"n", Align::kRight}};
  if (shape.shares) {
    for (size_t j = 0; j < latest.choices.size(); ++j) {
      if (int(j) != latest.dont_know) {
        header.push_back({latest.choice_labels[j].Get(lang), Align::kRight});
      }
    }
  }
  if (shape.summary) header.push_back({"Mean (95 % CI)", Align::kRight});
  if (shape.top2) header.push_back({"Top 2", Align::kRight});
  TextTable printed(header);
  for (const stats::TrendPoint& point : points) {
    std::vector<std::string> cells = {point.name, point.label};
    if (!point.table) {
      cells.push_back(point.note);
      cells.resize(header.size());
      printed.AddRow(cells);
      continue;
    }
    stats::TrendLine line = stats::LineOf(point, latest);
    cells.push_back(std::to_string(line.n));
    for (const std::optional<stats::Figure>& share : line.shares) {
      cells.push_back(share ? Share(*share) : "–");
    }
    if (shape.summary) cells.push_back(Amount(line.mean, latest.rating ? 2 : 1));
    if (shape.top2) cells.push_back(Share(line.top2));
    printed.AddRow(cells);
  }
  printed.Print(out);
}

// One question across the rounds of a series, each round weighted on its
// own.
int TrendCommand(CommandContext& context, const TrendOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  Lang lang = (*app)->config().language;
  auto series = (*app)->storage().rounds().FindSeries(options.series);
  if (!series) return context.Fail(Status::NotFound("there is no series " + options.series));
  auto settings = Settings(options);
  if (!settings.ok()) return context.Fail(settings.status());
  std::vector<stats::TrendPoint> points;
  for (const rounds::Round& round : (*app)->rounds().RoundsOfSeries(series->id)) {
    stats::TrendPoint& point = points.emplace_back();
    point.name = round.code;
    point.label = std::to_string(round.year);
    auto dataset = (*app)->ResultsDataset(round.code, options.target_group);
    if (dataset.ok()) {
      point.dataset = std::move(dataset).value();
    } else {
      point.note = "no questionnaire for " + options.target_group;
    }
  }
  const stats::DatasetColumn* latest =
      stats::TabulatePoints(points, options.item, settings->classing, settings->rules);
  if (!latest) {
    return context.Fail(Status::NotFound(fmt::format(
        "no round of {} asked {} of {}", options.series, options.item, options.target_group)));
  }
  context.out << fmt::format(
      "{} ({}) across the rounds of {}, each round weighted on its own ({} classes):\n",
      latest->label.Get(lang), options.item, series->title.Get(lang),
      fmt::join(settings->classing.dimensions, " × "));
  PrintPoints(context.out, points, *latest, "Round", "Year", lang);
  return kExitSuccess;
}

// One question as each target group of a round answered it: the
// breakdown by target group, each questionnaire weighted on its own.
int CompareCommand(CommandContext& context, const CompareOptions& options) {
  auto opened = OpenRound(context, options);
  if (!opened.ok()) return context.Fail(opened.status());
  auto& [app, lang, round, settings] = *opened;
  std::vector<stats::TrendPoint> points;
  for (const rounds::QuestionnaireView& view : round.questionnaires) {
    const rounds::TargetGroup& group = view.questionnaire.target_group;
    auto dataset = app->ResultsDataset(options.round, group.code);
    if (!dataset.ok()) return context.Fail(dataset.status());
    if (!dataset->ColumnOfSeries(options.item)) continue;
    stats::TrendPoint& point = points.emplace_back();
    point.name = group.code;
    point.label = group.label.Get(lang);
    point.dataset = std::move(dataset).value();
  }
  const stats::DatasetColumn* latest =
      stats::TabulatePoints(points, options.item, settings.classing, settings.rules);
  if (!latest) {
    return context.Fail(Status::NotFound(fmt::format(
        "no questionnaire of {} asks {}", options.round, options.item)));
  }
  context.out << fmt::format(
      "{} ({}) by target group in {}, each questionnaire weighted on its own:\n",
      latest->label.Get(lang), options.item, round.round.title.Get(lang));
  PrintPoints(context.out, points, *latest, "Target group", "", lang);
  return kExitSuccess;
}

}  // namespace

void AddStatsTrendCommands(CLI::App& stats, CommandContext& context) {
  auto trend = std::make_shared<TrendOptions>();
  CLI::App* trend_command = stats.add_subcommand(
      "trend",
      "One question across the rounds of a series, each round weighted on its own");
  trend_command->add_option("SERIES", trend->series, "e.g. digimapping")->required();
  trend_command->add_option("--target-group", trend->target_group,
                            "The target group whose questionnaires asked it")
      ->required();
  AddItemAndSettings(trend_command, trend->item, trend->config);
  trend_command->callback(
      [&context, trend] { context.exit_code = TrendCommand(context, *trend); });

  auto compare = std::make_shared<CompareOptions>();
  CLI::App* compare_command = stats.add_subcommand(
      "compare",
      "One question as each target group of a round answered it, each questionnaire "
      "weighted on its own");
  compare_command->add_option("ROUND", compare->round)->required();
  AddItemAndSettings(compare_command, compare->item, compare->config);
  compare_command->callback(
      [&context, compare] { context.exit_code = CompareCommand(context, *compare); });

}

}  // namespace kartla::cli
