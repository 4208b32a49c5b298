// `kartla stats table`: the results of a questionnaire's submitted
// answers, question by question, weighted by the default municipal design,
// with disclosure control, and optionally written as the release's
// download formats.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <list>
#include <set>

#include <unistd.h>

#include "cli/command_context.h"
#include "cli/results_options.h"
#include "cli/results_views.h"
#include "publish/formats.h"
#include "stats/indices.h"
#include "stats/tables.h"

namespace kartla::cli {
namespace {

struct TableOptions : ResultsOptions {
  std::vector<std::string> items;
  std::string by;
  std::string export_dir;  // --export: JSON-stat and PX files of every table
};

// A dimension by id, or two crossed ("region*size_class").
Result<stats::Breakdown> FindBreakdown(const stats::Dataset& dataset, const std::string& spec) {
  size_t star = spec.find('*');
  const auto* first = dataset.Dimension(spec.substr(0, star));
  const auto* second =
      star == std::string::npos ? nullptr : dataset.Dimension(spec.substr(star + 1));
  if (!first || (star != std::string::npos && !second)) {
    return Status::NotFound("there is no dimension " + spec);
  }
  return stats::Breakdown(first, second);
}

// The tables of a command, written as JSON-stat, PX, CSV and XLSX files in
// the three languages only if every one passes the disclosure audit.
class Exports {
 public:
  void Add(const stats::QuestionTable& table) {
    if (table.kind == stats::TableKind::kText) return;
    tables_.push_back(table);
  }

  // Writes ITEM.LANG.json, .px, .csv and .xlsx; nothing if any table's audit
  // found something. Returns the number of files.
  Result<int> Write(const std::string& folder, const std::string& prefix,
                    const LocalizedText& source, const std::string& date, int k) const {
    int failing = 0;
    for (const stats::QuestionTable& table : tables_) failing += !table.audit.empty();
    if (failing > 0) {
      return Status::FailedPrecondition(fmt::format(
          "nothing written: {} tables fail the disclosure audit (the AUDIT lines above)",
          failing));
    }
    const std::string scratch =
        (std::filesystem::temp_directory_path() / fmt::format("kartla-export-{}", ::getpid()))
            .string();
    int written = 0;
    for (const stats::QuestionTable& table : tables_) {
      publish::TableMeta meta{prefix + "." + table.column->name, source, date, k};
      auto files = publish::RenderDownloads(table, meta, table.column->name, scratch);
      publish::WriteFiles(folder, files);
      written += int(files.size());
    }
    std::error_code ignored;
    std::filesystem::remove_all(scratch, ignored);
    return written;
  }

 private:
  std::vector<stats::QuestionTable> tables_;
};

// The results of a questionnaire, question by question, weighted by the
// default municipal design, with disclosure control.
int TableCommand(CommandContext& context, const TableOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto dataset = (*app)->ResultsDataset(options.round, options.target_group);
  if (!dataset.ok()) return context.Fail(dataset.status());
  Lang lang = (*app)->config().language;
  auto settings = Settings(options);
  if (!settings.ok()) return context.Fail(settings.status());
  settings->MarkPerInhabitant(*dataset);
  stats::Breakdown by;
  // The lines as a release publishes them: small ones merged as the
  // settings say ([merging]).
  std::list<stats::DatasetDimension> merged;
  if (!options.by.empty()) {
    auto found = FindBreakdown(*dataset, options.by);
    if (!found.ok()) return context.Fail(found.status());
    by = *found;
    for (const stats::DatasetDimension** part : {&by.first, &by.second}) {
      if (!*part) continue;
      if (auto lines = publish::MergedBreakdown(*dataset, (*part)->id, *settings)) {
        *part = &merged.emplace_back(std::move(lines).value());
      }
    }
  }
  for (const std::string& name : options.items) {
    if (!settings->FindIndex(options.target_group, name) && !dataset->Column(name)) {
      return context.Fail(Status::NotFound("there is no question or index " + name));
    }
  }
  if (dataset->rows == 0) {
    context.out << "No submitted answers yet.\n";
    return kExitSuccess;
  }
  std::set<std::string> organisations(dataset->organisations.begin(),
                                      dataset->organisations.end());
  context.out << fmt::format("{} respondents from {} of {} organisations in scope.\n",
                             dataset->rows, organisations.size(), dataset->population.size());
  auto weighted = MakeDesign(*dataset, settings->classing, lang, context.out);
  if (!weighted.ok()) return context.Fail(weighted.status());
  const stats::Design& design = weighted->design();
  const stats::DisclosureRules& rules = settings->rules;
  Exports exports;
  std::list<stats::DatasetColumn> index_columns;  // the index tables point into it
  context.out << fmt::format(
      "Shares with 95 % intervals. Cells of fewer than {} respondents{}, and what would give "
      "them away, are shown as ..\n",
      rules.k,
      rules.small_group > 0
          ? fmt::format(", and shares of 0 % or 100 % in groups of fewer than {}",
                        rules.small_group)
          : "");
  for (const stats::DatasetColumn& column : dataset->columns) {
    if (!options.items.empty() &&
        std::find(options.items.begin(), options.items.end(), column.name) ==
            options.items.end()) {
      continue;
    }
    stats::QuestionTable table = stats::Tabulate(*dataset, column, design, by, rules);
    PrintQuestion(context.out, table, lang);
    for (const std::string& problem : table.audit) context.out << "AUDIT: " << problem << "\n";
    exports.Add(table);
    // After a split's last part, the check that the parts add up.
    if (!column.split.empty() && dataset->SplitParts(column.split).back() == &column) {
      stats::SplitTable split =
          stats::TabulateSplit(*dataset, column.split, design, rules);
      std::string means;
      for (size_t p = 0; p < split.parts.size(); ++p) {
        means += fmt::format("{}{} {}", p ? ", " : "", split.parts[p]->name,
                             split.means[p].hidden ? ".." : Number(split.means[p].estimate, 1));
      }
      context.out << fmt::format(
          "\nSplit {}: {} answered every part, {} of them add up to {}; their means: {}\n",
          split.name, split.answered_all, split.adding_up, split.total, means);
    }
  }
  // The settings' indices of this questionnaire.
  for (const ResultsConfig::Index& index : settings->indices) {
    if (index.target_group != options.target_group) continue;
    if (!options.items.empty() &&
        std::find(options.items.begin(), options.items.end(), index.definition.name) ==
            options.items.end()) {
      continue;
    }
    auto values = stats::ComputeIndex(*dataset, index.definition);
    if (!values.ok()) return context.Fail(values.status());
    index_columns.push_back(std::move(values->column));
    stats::QuestionTable table =
        stats::Tabulate(*dataset, index_columns.back(), design, by, rules);
    PrintQuestion(context.out, table, lang, /*index=*/true);
    context.out << fmt::format("An index of 0–100 from {}, scored when at least {} are "
                               "answered.\n",
                               fmt::join(index.definition.items, ", "),
                               index.definition.min_answered > 0
                                   ? index.definition.min_answered
                                   : int(index.definition.items.size()));
    if (values->reliability) {
      std::string deleted;
      for (size_t j = 0; j < index.definition.items.size(); ++j) {
        deleted += fmt::format("{}{} {:.3f}", j ? ", " : "", index.definition.items[j],
                               values->reliability->alpha_if_deleted[j]);
      }
      context.out << fmt::format(
          "Cronbach's alpha {:.3f} (standardised {:.3f}); without an item: {}\n",
          values->reliability->alpha, values->reliability->standardized_alpha, deleted);
    }
    for (const std::string& problem : table.audit) context.out << "AUDIT: " << problem << "\n";
    exports.Add(table);
  }
  if (!options.export_dir.empty()) {
    auto written = exports.Write(options.export_dir, options.round + "." + options.target_group,
                                 (*app)->storage().rounds().FindRound(options.round)->title,
                                 (*app)->clock().Today().ToString(), rules.k);
    if (!written.ok()) return context.Fail(written.status());
    context.out << fmt::format("\nWrote {} files (JSON-stat, PX, CSV, CSV for Excel and XLSX in fi, sv and en) to {}\n",
                               *written, options.export_dir);
  }
  return kExitSuccess;
}

}  // namespace

void AddStatsTableCommand(CLI::App& stats, CommandContext& context) {
  auto tables = std::make_shared<TableOptions>();
  CLI::App* table = stats.add_subcommand(
      "table",
      "The results of a questionnaire's submitted answers, question by question: weighted "
      "shares, means and totals with 95 % intervals, overall or by a registry dimension, "
      "with disclosure control");
  table->add_option("ROUND", tables->round)->required();
  table->add_option("--target-group", tables->target_group, "The questionnaire's target group")
      ->required();
  table->add_option("--item", tables->items, "Only this question; repeatable");
  table->add_option("--by", tables->by,
                    "A registry dimension (region, size_class ...), or two crossed: "
                    "region*size_class");
  table->add_option("--weight-by", tables->weight_by,
                    "The weighting classes: one dimension or two crossed (default "
                    "size_class*region)");
  table->add_option("--min-class", tables->min_class,
                    "The fewest responding organisations a weighting class may have; smaller "
                    "ones are collapsed (default 2)")
      ->check(CLI::Range(1, 1000));
  table->add_option("--k", tables->rules.k,
                    "The fewest respondents a published cell may have (default 5)")
      ->check(CLI::Range(1, 1000));
  table->add_option("--small-group", tables->rules.small_group,
                    "In a group of fewer respondents, a share of 0 % or 100 % is hidden too "
                    "(default 10; 0 turns it off)")
      ->check(CLI::Range(0, 100000));
  table->add_option("--export", tables->export_dir,
                    "Also write every table as JSON-stat, PX, CSV and XLSX in fi, sv and en to this "
                    "folder; refused, writing nothing, if any table fails the disclosure audit");
  table->add_option("--config", tables->config,
                    "A results settings file (results.toml): disclosure rules, weighting "
                    "classes, indices; the options above override it");
  for (const char* name : {"--k", "--small-group", "--weight-by", "--min-class"}) {
    tables->overriding.push_back(table->get_option(name));
  }
  table->callback([&context, tables] { context.exit_code = TableCommand(context, *tables); });

}

}  // namespace kartla::cli
