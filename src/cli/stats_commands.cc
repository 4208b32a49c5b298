// `kartla stats estimate`: the survey estimation engine on any CSV file, so
// that analysts can use it on old rounds' data and it can be checked
// against R's survey package.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <list>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include <unistd.h>

#include "cli/command_context.h"
#include "cli/commands.h"
#include "cli/text_table.h"
#include "core/csv.h"
#include "app/publishing.h"
#include "app/results_config.h"
#include "publish/formats.h"
#include "publish/release.h"
#include "stats/indicators.h"
#include "stats/indices.h"
#include "stats/survey_design.h"
#include "stats/tables.h"
#include "stats/weighting.h"

namespace kartla::cli {
namespace {

using stats::Design;
using stats::Estimate;
using stats::Factor;
using stats::Margin;

struct EstimateOptions {
  std::string csv;
  std::string weights, strata, psu, fpc;
  std::string poststratify;
  std::vector<std::string> rake, calibrate;
  std::string calfun = "linear";
  stats::RakeControl rake_control;
  std::vector<std::string> means, totals, shares;
  std::string by;
  bool json = false;
};

// The file's columns, read on demand, every problem naming its place.
class Columns {
 public:
  explicit Columns(CsvTable table) : table_(std::move(table)) {}

  size_t rows() const { return table_.records.size(); }

  Result<size_t> Index(const std::string& name) const {
    auto index = table_.ColumnIndex(name);
    if (!index) {
      return Status::InvalidInput(
          fmt::format("{}: there is no column {}", table_.file, name));
    }
    return *index;
  }

  // Numbers; an empty field is missing (NaN) unless `required`.
  Result<std::vector<double>> Numbers(const std::string& name, bool required) const {
    auto column = Index(name);
    if (!column.ok()) return column.status();
    std::vector<double> values;
    std::vector<Problem> problems;
    for (const CsvRecord& record : table_.records) {
      const std::string& text = record.fields[*column];
      if (text.empty() && !required) {
        values.push_back(std::nan(""));
        continue;
      }
      char* end = nullptr;
      double value = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) {
        problems.push_back({Severity::kError, table_.PlaceOf(record, *column),
                            fmt::format("column \"{}\": \"{}\" is not a number", name, text)});
        value = 0;
      }
      values.push_back(value);
    }
    if (!problems.empty()) {
      return Status::InvalidInput(fmt::format("{}: {} fields are not numbers", table_.file,
                                              problems.size()),
                                  std::move(problems));
    }
    return values;
  }

  // Categories, in sorted order as R's factor() has them.
  Result<Factor> Categories(const std::string& name) const {
    auto column = Index(name);
    if (!column.ok()) return column.status();
    Factor factor;
    factor.name = name;
    std::map<std::string, int> codes;
    for (const CsvRecord& record : table_.records) codes[record.fields[*column]] = 0;
    for (auto& [level, code] : codes) {
      code = int(factor.levels.size());
      factor.levels.push_back(level);
    }
    for (const CsvRecord& record : table_.records) {
      factor.codes.push_back(codes[record.fields[*column]]);
    }
    return factor;
  }

 private:
  CsvTable table_;
};

// A margin SPEC "COLUMN:CAT=COUNT,CAT=COUNT,...", or for crossed columns
// "A*B:a1*b1=COUNT,...".
Result<Margin> ParseMargin(const Columns& columns, const std::string& spec) {
  size_t colon = spec.find(':');
  if (colon == std::string::npos) {
    return Status::InvalidInput(fmt::format(
        "margin \"{}\": write it as COLUMN:CATEGORY=COUNT,CATEGORY=COUNT,...", spec));
  }
  std::vector<Factor> parts;
  std::string names = spec.substr(0, colon);
  for (size_t start = 0; start <= names.size();) {
    size_t star = names.find('*', start);
    auto factor = columns.Categories(names.substr(start, star - start));
    if (!factor.ok()) return factor.status();
    parts.push_back(std::move(factor).value());
    if (star == std::string::npos) break;
    start = star + 1;
  }
  // The crossed factor: levels "a*b" of the categories seen.
  Factor cells;
  cells.name = names;
  std::map<std::string, int> codes;
  for (size_t i = 0; i < columns.rows(); ++i) {
    std::string level;
    for (const Factor& part : parts) {
      level += (level.empty() ? "" : "*") + part.levels[part.codes[i]];
    }
    auto [found, added] = codes.emplace(level, int(cells.levels.size()));
    if (added) cells.levels.push_back(level);
    cells.codes.push_back(found->second);
  }
  Margin margin;
  margin.totals.assign(cells.levels.size(), std::nan(""));
  std::string list = spec.substr(colon + 1);
  for (size_t start = 0; start < list.size();) {
    size_t comma = list.find(',', start);
    std::string item = list.substr(start, comma - start);
    size_t equals = item.rfind('=');
    char* end = nullptr;
    double count = equals == std::string::npos ? 0 : std::strtod(item.c_str() + equals + 1, &end);
    if (equals == std::string::npos || end != item.c_str() + item.size() || count < 0) {
      return Status::InvalidInput(
          fmt::format("margin \"{}\": \"{}\" is not CATEGORY=COUNT", spec, item));
    }
    auto found = codes.find(item.substr(0, equals));
    if (found == codes.end()) {
      return Status::InvalidInput(fmt::format(
          "margin {}: no respondent in the category {}, which has a population count of {}",
          names, item.substr(0, equals), count));
    }
    margin.totals[found->second] = count;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  for (size_t k = 0; k < cells.levels.size(); ++k) {
    if (std::isnan(margin.totals[k])) {
      return Status::InvalidInput(fmt::format(
          "margin {}: the category {} has respondents but no population count", names,
          cells.levels[k]));
    }
  }
  margin.factor = std::move(cells);
  return margin;
}

struct Row {
  std::string statistic, variable, category, by;
  Estimate value;
};

int EstimateCommand(CommandContext& context, const EstimateOptions& options) {
  auto text = CommandContext::ReadInputFile(options.csv);
  if (!text.ok()) return context.Fail(text.status());
  auto table = ParseCsv(*text, options.csv);
  if (!table.ok()) return context.Fail(table.status());
  Columns columns(std::move(table).value());

  stats::DesignSpec spec;
  auto weights = columns.Numbers(options.weights, true);
  if (!weights.ok()) return context.Fail(weights.status());
  spec.weights = std::move(weights).value();
  if (!options.strata.empty()) {
    auto strata = columns.Categories(options.strata);
    if (!strata.ok()) return context.Fail(strata.status());
    spec.strata = strata->codes;
    spec.stratum_names = strata->levels;
  }
  if (!options.psu.empty()) {
    auto psus = columns.Categories(options.psu);
    if (!psus.ok()) return context.Fail(psus.status());
    spec.psus = psus->codes;
  }
  if (!options.fpc.empty()) {
    auto fpc = columns.Numbers(options.fpc, true);
    if (!fpc.ok()) return context.Fail(fpc.status());
    spec.fpc = std::move(fpc).value();
  }
  auto design = Design::Make(std::move(spec));
  if (!design.ok()) return context.Fail(design.status());

  auto margins = [&](const std::vector<std::string>& specs) -> Result<std::vector<Margin>> {
    std::vector<Margin> all;
    for (const std::string& each : specs) {
      auto margin = ParseMargin(columns, each);
      if (!margin.ok()) return margin.status();
      all.push_back(std::move(margin).value());
    }
    return all;
  };
  Status weighted = Status::Ok();
  if (!options.poststratify.empty()) {
    auto cells = margins({options.poststratify});
    weighted = cells.ok() ? design->PostStratify(cells->front().factor, cells->front().totals)
                          : cells.status();
  } else if (!options.rake.empty()) {
    auto all = margins(options.rake);
    weighted = all.ok() ? design->Rake(*all, options.rake_control) : all.status();
  } else if (!options.calibrate.empty()) {
    auto all = margins(options.calibrate);
    weighted = all.ok() ? design->Calibrate(*all, options.calfun == "raking"
                                                      ? stats::CalibrationFunction::kRaking
                                                      : stats::CalibrationFunction::kLinear)
                        : all.status();
  }
  if (!weighted.ok()) return context.Fail(weighted);


  // The domains of --by, or the whole sample.
  std::vector<std::pair<std::string, std::vector<bool>>> domains;
  if (!options.by.empty()) {
    auto by = columns.Categories(options.by);
    if (!by.ok()) return context.Fail(by.status());
    for (size_t k = 0; k < by->levels.size(); ++k) {
      std::vector<bool> in;
      for (int code : by->codes) in.push_back(code == int(k));
      domains.emplace_back(by->levels[k], std::move(in));
    }
  } else {
    domains.emplace_back("", std::vector<bool>());
  }
  std::vector<Row> rows;
  for (const auto& [name, in] : domains) {
    const std::vector<bool>* domain = options.by.empty() ? nullptr : &in;
    for (const auto& [statistic, variables] :
         {std::pair{"mean", &options.means}, std::pair{"total", &options.totals}}) {
      for (const std::string& variable : *variables) {
        auto y = columns.Numbers(variable, false);
        if (!y.ok()) return context.Fail(y.status());
        rows.push_back({statistic, variable, "", name,
                        statistic == std::string("mean") ? design->Mean(*y, domain)
                                                         : design->Total(*y, domain)});
      }
    }
    for (const std::string& variable : options.shares) {
      auto factor = columns.Categories(variable);
      if (!factor.ok()) return context.Fail(factor.status());
      // An empty field is a missing answer: out of every share's base.
      auto missing = std::find(factor->levels.begin(), factor->levels.end(), "");
      int missing_code = missing == factor->levels.end()
                             ? -1
                             : int(missing - factor->levels.begin());
      for (size_t k = 0; k < factor->levels.size(); ++k) {
        if (int(k) == missing_code) continue;
        std::vector<double> indicator;
        for (int code : factor->codes) {
          indicator.push_back(code == missing_code ? std::nan("")
                                                   : code == int(k) ? 1.0 : 0.0);
        }
        rows.push_back({"share", variable, factor->levels[k], name,
                        design->Mean(indicator, domain)});
      }
    }
  }

  if (options.json) {
    std::string out = "[";
    for (const Row& row : rows) {
      auto quoted = [](const std::string& s) {
        std::string q = "\"";
        for (char c : s) {
          if (c == '"' || c == '\\') q += '\\';
          q += c;
        }
        return q + "\"";
      };
      out += fmt::format(
          "{}\n  {{\"statistic\": {}, \"variable\": {}, \"category\": {}, \"by\": {}, "
          "\"estimate\": {:.17g}, \"se\": {:.17g}, \"ci95_lower\": {:.17g}, "
          "\"ci95_upper\": {:.17g}}}",
          out.size() > 1 ? "," : "", quoted(row.statistic), quoted(row.variable),
          quoted(row.category), quoted(row.by), row.value.estimate, row.value.se,
          row.value.Lower(), row.value.Upper());
    }
    context.out << out << "\n]\n";
    return kExitSuccess;
  }
  TextTable printed({{"Statistic"}, {"Variable"}, {"Category"}, {options.by.empty() ? "" : options.by},
                   {"Estimate", Align::kRight}, {"SE", Align::kRight},
                   {"95 % CI", Align::kRight}});
  for (const Row& row : rows) {
    printed.AddRow({row.statistic, row.variable, row.category, row.by,
                  fmt::format("{:.10g}", row.value.estimate), fmt::format("{:.6g}", row.value.se),
                  fmt::format("{:.10g} – {:.10g}", row.value.Lower(), row.value.Upper())});
  }
  printed.Print(context.out);
  return kExitSuccess;
}

struct RepresentOptions {
  std::string round;
  std::string target_group;
  bool json = false;
};

// How well the organisations that answered represent those invited, by
// every registry dimension.
int RepresentCommand(CommandContext& context, const RepresentOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  std::optional<std::string> group;
  if (!options.target_group.empty()) group = options.target_group;
  auto monitor = (*app)->Monitor(options.round, group);
  if (!monitor.ok()) return context.Fail(monitor.status());
  Lang lang = (*app)->config().language;
  std::string json = "[";
  context.out << fmt::format("{} ({}){}: organisations answered of those invited\n",
                             monitor->round.title.Get(lang), monitor->round.code,
                             group ? ", " + *group : "");
  // AAPOR's rates per questionnaire, over invitations (DispositionsOf).
  TextTable outcomes({{"Target group"}, {"Invited", Align::kRight}, {"Complete", Align::kRight},
                      {"Partial", Align::kRight}, {"RR1", Align::kRight},
                      {"RR2", Align::kRight}, {"COOP1", Align::kRight},
                      {"REF1", Align::kRight}, {"CON1", Align::kRight}});
  std::string aapor_json;
  for (const fieldwork::GroupProgress& progress : monitor->groups) {
    const fieldwork::StatusCounts& c = progress.counts;
    stats::AaporRates rates = stats::Aapor(DispositionsOf(c));
    auto percent = [](double rate) {
      return std::isnan(rate) ? std::string("–") : fmt::format("{:.1f} %", 100 * rate);
    };
    outcomes.AddRow({progress.label.Get(lang), std::to_string(c.invited),
                     std::to_string(c.submitted), std::to_string(c.partial), percent(rates.rr1),
                     percent(rates.rr2), percent(rates.coop1), percent(rates.ref1),
                     percent(rates.con1)});
    auto number = [](double rate) {
      return std::isnan(rate) ? std::string("null") : fmt::format("{:.17g}", rate);
    };
    aapor_json += fmt::format(
        "{}\n  {{\"target_group\": \"{}\", \"invited\": {}, \"rr1\": {}, \"rr2\": {}, "
        "\"coop1\": {}, \"ref1\": {}, \"con1\": {}}}",
        aapor_json.empty() ? "" : ",", progress.target_group, c.invited, number(rates.rr1),
        number(rates.rr2), number(rates.coop1), number(rates.ref1), number(rates.con1));
  }
  if (options.json) {
    json += aapor_json;
  } else {
    context.out << "\nAAPOR outcome rates, per invitation (eligibility known)\n";
    outcomes.Print(context.out);
  }
  for (const fieldwork::DimensionRates& dimension : monitor->dimensions) {
    std::vector<stats::ClassCount> classes;
    for (const fieldwork::CategoryRate& category : dimension.categories) {
      if (category.invited > 0) classes.push_back({double(category.invited),
                                                   double(category.answered)});
    }
    auto r = stats::Represent(classes);
    if (options.json) {
      json += fmt::format("{}\n  {{\"dimension\": \"{}\"", json.size() > 1 ? "," : "",
                          dimension.id);
      if (r) {
        json += fmt::format(
            ", \"r_indicator\": {:.17g}, \"cv\": {:.17g}, \"partial\": {:.17g}, "
            "\"chi_square\": {:.17g}, \"df\": {}, \"p\": {:.17g}, "
            "\"chi_square_fpc\": {:.17g}, \"p_fpc\": {:.17g}, \"dissimilarity\": {:.17g}",
            r->r_indicator, r->cv, r->partial_variable, r->chi_square, r->df, r->p_value,
            r->chi_square_fpc, r->p_value_fpc, r->dissimilarity);
      }
      json += ", \"categories\": [";
      size_t k = 0;
      bool first = true;
      for (const fieldwork::CategoryRate& category : dimension.categories) {
        if (category.invited == 0) continue;
        json += fmt::format("{}{{\"code\": \"{}\", \"invited\": {}, \"answered\": {}",
                            first ? "" : ", ", category.code, category.invited,
                            category.answered);
        if (r) json += fmt::format(", \"partial\": {:.17g}", r->partial[k]);
        json += "}";
        first = false;
        ++k;
      }
      json += "]}";
      continue;
    }
    context.out << "\n" << dimension.label.Get(lang) << "\n";
    TextTable table({{"Category"}, {"Invited", Align::kRight}, {"Answered", Align::kRight},
                     {"Rate", Align::kRight}, {"Partial R", Align::kRight}});
    size_t k = 0;
    for (const fieldwork::CategoryRate& category : dimension.categories) {
      if (category.invited == 0) continue;
      table.AddRow({category.label.Get(lang), std::to_string(category.invited),
                    std::to_string(category.answered),
                    fieldwork::Percent(category.answered, category.invited),
                    r ? fmt::format("{:+.4f}", r->partial[k]) : ""});
      ++k;
    }
    table.Print(context.out);
    if (r && r->df == 0) {
      context.out << "One category only: nothing to compare.\n";
    } else if (r) {
      context.out << fmt::format(
          "R-indicator {:.4f}, CV {:.4f}, partial R {:.4f}; X² {:.2f} (df {}, p {:.4g}), "
          "with the finite population {:.2f} (p {:.4g}); dissimilarity {:.4f}\n",
          r->r_indicator, r->cv, r->partial_variable, r->chi_square, r->df, r->p_value,
          r->chi_square_fpc, r->p_value_fpc, r->dissimilarity);
    } else {
      context.out << "No organisation has answered yet.\n";
    }
  }
  if (options.json) context.out << json << "\n]\n";
  return kExitSuccess;
}

struct TableOptions {
  std::string round;
  std::string target_group;
  std::vector<std::string> items;
  std::string by;
  std::string weight_by = "size_class*region";
  int min_class = 2;
  stats::DisclosureRules rules;
  std::string config;  // a results.toml
  std::string export_dir;  // --export: JSON-stat and PX files of every table
  // The options whose command-line value overrides the settings file.
  std::vector<CLI::Option*> overriding;
};

// The settings: the file's if one is named, with what the command line
// gives explicitly on top.
Result<ResultsConfig> Settings(const TableOptions& options) {
  ResultsConfig settings;
  if (!options.config.empty()) {
    auto loaded = LoadResultsConfig(options.config);
    if (!loaded.ok()) return loaded.status();
    settings = std::move(loaded).value();
  }
  auto given = [&](const char* name) {
    for (CLI::Option* option : options.overriding) {
      if (option->get_name() == name) return option->count() > 0 || options.config.empty();
    }
    return options.config.empty();
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

// The default municipal design over the dataset (stats::DefaultDesign),
// said on `out`.
using WeightedDesign = stats::ResultsDesign;

Result<WeightedDesign> MakeDesign(const stats::Dataset& dataset,
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

std::string Share(const stats::Figure& share) {
  if (share.hidden) return "..";
  if (std::isnan(share.estimate)) return "";
  return fmt::format("{:.0f} % ({:.0f}–{:.0f})", 100 * share.estimate, 100 * share.ci.lower,
                     100 * share.ci.upper);
}

std::string Amount(const stats::Figure& figure, int decimals) {
  if (figure.hidden) return "..";
  if (std::isnan(figure.estimate)) return "";
  return fmt::format("{:.{}f} ({:.{}f}–{:.{}f})", figure.estimate, decimals, figure.ci.lower,
                     decimals, figure.ci.upper, decimals);
}

std::string Number(double value, int decimals) {
  return std::isnan(value) ? ".." : fmt::format("{:.{}f}", value, decimals);
}

// A question's table; an index's (`index`) has no total.
void PrintQuestion(std::ostream& out, const stats::QuestionTable& table, Lang lang,
                   bool index = false) {
  const stats::DatasetColumn& column = *table.column;
  out << fmt::format("\n{} ({})\n{}\n", column.label.Get(lang), column.name,
                     stats::CoverageLine(table.coverage, lang));
  if (table.kind == stats::TableKind::kText) {
    out << "Open text: not broken down, and not published in tables.\n";
    return;
  }
  std::string by = table.broken_down ? table.by_label.Get(lang) : "";
  // A rule between the cells, the margins and the total.
  auto rule_before = [&](const stats::GroupResult& group) {
    if (!table.broken_down || &group == &table.groups.front()) return false;
    const stats::GroupResult& previous = *(&group - 1);
    return group.kind != previous.kind;
  };
  auto visible = [&](const stats::GroupResult& group) {
    return &group == &table.Total() || group.base > 0;
  };
  if (!table.Total().shares.empty()) {
    // Shares of all who answered ("don't know" shown), then of the valid.
    for (bool valid : {false, true}) {
      if (valid && column.dont_know < 0) break;
      if (valid) out << "Without \"don't know\" (base: the valid answers):\n";
      std::vector<TextTable::Column> header = {{by}, {"n", Align::kRight}};
      for (size_t j = 0; j < column.choices.size(); ++j) {
        if (valid && int(j) == column.dont_know) continue;
        header.push_back({column.choice_labels[j].Get(lang), Align::kRight});
      }
      if (table.kind == stats::TableKind::kRating && valid == (column.dont_know >= 0)) {
        header.push_back({"Mean (95 % CI)", Align::kRight});
        header.push_back({"Top 2", Align::kRight});
      }
      TextTable printed(header);
      for (const stats::GroupResult& group : table.groups) {
        if (!visible(group)) continue;
        if (rule_before(group)) printed.AddRule();
        std::vector<std::string> cells = {
            group.label.Get(lang),
            valid ? (group.valid_hidden ? ".." : std::to_string(group.valid))
                  : std::to_string(group.base)};
        for (size_t j = 0; j < column.choices.size(); ++j) {
          if (valid && int(j) == column.dont_know) continue;
          cells.push_back(Share(valid ? group.valid_shares[j] : group.shares[j]));
        }
        if (header.size() > cells.size()) {
          cells.push_back(Amount(group.mean, 2));
          cells.push_back(Share(group.top2));
        }
        printed.AddRow(cells);
      }
      printed.Print(out);
    }
    return;
  }
  // Ratings without a distribution (a range) and amounts.
  const bool rating = table.kind == stats::TableKind::kRating;
  std::vector<TextTable::Column> header = {{by}, {"n", Align::kRight},
                                           {"Mean (95 % CI)", Align::kRight},
                                           {"Median", Align::kRight},
                                           {"Quartiles", Align::kRight}};
  if (!index) header.push_back({rating ? "Top 2" : "Total (95 % CI)", Align::kRight});
  TextTable printed(header);
  for (const stats::GroupResult& group : table.groups) {
    if (!visible(group)) continue;
    if (rule_before(group)) printed.AddRule();
    int decimals = rating ? 2 : 1;
    std::vector<std::string> cells = {
        group.label.Get(lang), std::to_string(group.valid), Amount(group.mean, decimals),
        Number(group.median, decimals),
        group.summary_hidden ? ".."
                             : Number(group.lower_quartile, decimals) + "–" +
                                   Number(group.upper_quartile, decimals)};
    if (!index) cells.push_back(rating ? Share(group.top2) : Amount(group.total, 0));
    printed.AddRow(cells);
  }
  printed.Print(out);
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
                    const LocalizedText& source, const std::string& date) const {
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
      publish::TableMeta meta{prefix + "." + table.column->name, source, date};
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
  stats::Breakdown by;
  if (!options.by.empty()) {
    auto found = FindBreakdown(*dataset, options.by);
    if (!found.ok()) return context.Fail(found.status());
    by = *found;
  }
  auto settings = Settings(options);
  if (!settings.ok()) return context.Fail(settings.status());
  for (const std::string& name : options.items) {
    bool index = std::any_of(settings->indices.begin(), settings->indices.end(),
                             [&](const ResultsConfig::Index& i) {
                               return i.target_group == options.target_group &&
                                      i.definition.name == name;
                             });
    if (!index && !dataset->Column(name)) {
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
                                 (*app)->clock().Today().ToString());
    if (!written.ok()) return context.Fail(written.status());
    context.out << fmt::format("\nWrote {} files (JSON-stat, PX, CSV and XLSX in fi, sv and en) to {}\n",
                               *written, options.export_dir);
  }
  return kExitSuccess;
}

struct TrendOptions : TableOptions {
  std::string series;
  std::string item;
};

// One question's total line in each of several datasets (the rounds of a
// series, or the questionnaires of a round), each weighted on its own.
struct Point {
  std::string name;   // the round's code, or the target group's
  std::string label;  // its year, or the target group's name
  stats::Dataset dataset;
  std::optional<WeightedDesign> design;
  std::optional<stats::QuestionTable> table;
  std::string note;  // why there is no table
};

// Tabulates `item` in each point; returns the column of the last point
// that asked it, or nullptr.
const stats::DatasetColumn* TabulatePoints(std::vector<Point>& points, const std::string& item,
                                           const ResultsConfig& settings, Lang lang) {
  const stats::DatasetColumn* latest = nullptr;
  std::ostringstream quiet;  // each dataset's weighting, not repeated here
  for (Point& point : points) {
    if (!point.note.empty()) continue;
    const stats::DatasetColumn* column = point.dataset.ColumnOfSeries(item);
    if (!column) {
      point.note = "not asked";
      continue;
    }
    if (point.dataset.rows == 0) {
      point.note = "no answers";
      continue;
    }
    auto design = MakeDesign(point.dataset, settings.classing, lang, quiet);
    if (!design.ok()) {
      point.note = design.status().message();
      continue;
    }
    point.design.emplace(std::move(design).value());
    point.table = stats::Tabulate(point.dataset, *column, point.design->design(), {},
                                  settings.rules);
    latest = column;
  }
  return latest;
}

// A line per point: shares of the valid answers by choice name (matched
// to `latest`'s choices), or the mean and top-2-box.
void PrintPoints(std::ostream& out, const std::vector<Point>& points,
                 const stats::DatasetColumn& latest, const std::string& first,
                 const std::string& second, Lang lang) {
  const bool shares = latest.kind == stats::DatasetColumn::Kind::kChoice ||
                      latest.kind == stats::DatasetColumn::Kind::kMultiple;
  const bool summary = latest.rating || latest.kind == stats::DatasetColumn::Kind::kNumber;
  std::vector<TextTable::Column> header = {{first}, {second}, {"n", Align::kRight}};
  if (shares) {
    for (size_t j = 0; j < latest.choices.size(); ++j) {
      if (int(j) != latest.dont_know) header.push_back({latest.choice_labels[j].Get(lang), Align::kRight});
    }
  }
  if (summary) header.push_back({"Mean (95 % CI)", Align::kRight});
  if (latest.rating) header.push_back({"Top 2", Align::kRight});
  TextTable printed(header);
  for (const Point& point : points) {
    std::vector<std::string> cells = {point.name, point.label};
    if (!point.table) {
      cells.push_back(point.note);
      cells.resize(header.size());
      printed.AddRow(cells);
      continue;
    }
    const stats::GroupResult& all = point.table->Total();
    const stats::DatasetColumn& column = *point.table->column;
    cells.push_back(std::to_string(shares && column.dont_know >= 0 ? all.valid : all.base));
    if (shares) {
      for (size_t j = 0; j < latest.choices.size(); ++j) {
        if (int(j) == latest.dont_know) continue;
        auto found = std::find(column.choices.begin(), column.choices.end(), latest.choices[j]);
        size_t at = size_t(found - column.choices.begin());
        cells.push_back(found == column.choices.end() || at >= all.valid_shares.size()
                            ? "–"
                            : Share(column.dont_know >= 0 ? all.valid_shares[at]
                                                          : all.shares[at]));
      }
    }
    if (summary) cells.push_back(Amount(all.mean, latest.rating ? 2 : 1));
    if (latest.rating) cells.push_back(Share(all.top2));
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
  std::vector<rounds::Round> rounds;
  for (const rounds::Round& round : (*app)->storage().rounds().ListRounds()) {
    if (round.series_id == series->id) rounds.push_back(round);
  }
  std::sort(rounds.begin(), rounds.end(), [](const rounds::Round& a, const rounds::Round& b) {
    return std::tie(a.year, a.code) < std::tie(b.year, b.code);
  });
  std::vector<Point> points;
  for (const rounds::Round& round : rounds) {
    Point& point = points.emplace_back();
    point.name = round.code;
    point.label = std::to_string(round.year);
    auto dataset = (*app)->ResultsDataset(round.code, options.target_group);
    if (dataset.ok()) {
      point.dataset = std::move(dataset).value();
    } else {
      point.note = "no questionnaire for " + options.target_group;
    }
  }
  const stats::DatasetColumn* latest = TabulatePoints(points, options.item, *settings, lang);
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

// What the commands on a whole round start from.
struct OpenedRound {
  std::unique_ptr<App> app;
  Lang lang = Lang::kEn;
  rounds::RoundView round;
  ResultsConfig settings;
};

Result<OpenedRound> OpenRound(CommandContext& context, const TableOptions& options) {
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

struct CompareOptions : TableOptions {
  std::string item;
};

// One question as each target group of a round answered it: the
// breakdown by target group, each questionnaire weighted on its own.
int CompareCommand(CommandContext& context, const CompareOptions& options) {
  auto opened = OpenRound(context, options);
  if (!opened.ok()) return context.Fail(opened.status());
  auto& [app, lang, round, settings] = *opened;
  std::vector<Point> points;
  for (const rounds::QuestionnaireView& view : round.questionnaires) {
    const rounds::TargetGroup& group = view.questionnaire.target_group;
    auto dataset = app->ResultsDataset(options.round, group.code);
    if (!dataset.ok()) return context.Fail(dataset.status());
    if (!dataset->ColumnOfSeries(options.item)) continue;
    Point& point = points.emplace_back();
    point.name = group.code;
    point.label = group.label.Get(lang);
    point.dataset = std::move(dataset).value();
  }
  const stats::DatasetColumn* latest = TabulatePoints(points, options.item, settings, lang);
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

struct PublishOptions : TableOptions {
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
  PublishRequest request{options.round, options.stage,
                         options.out.empty() ? app->config().results : options.out,
                         options.note, settings};
  auto report = PublishRound(*app, request);
  if (!report.ok()) return context.Fail(report.status());
  app->accounts().Audit(context.Actor(), "release.publish", "round " + options.round,
                        report->outcome.unchanged
                            ? fmt::format("stage {}: unchanged", options.stage)
                            : fmt::format("stage {} as version {}", options.stage,
                                          report->outcome.version));
  for (const std::string& group : report->left_out) {
    context.out << fmt::format("{}: no submitted answers, left out\n", group);
  }
  const publish::ReleaseOutcome& outcome = report->outcome;
  if (outcome.unchanged) {
    context.out << fmt::format("Unchanged: version {} in {} holds these {} files already\n",
                               outcome.version, outcome.folder, outcome.files);
  } else {
    context.out << fmt::format(
        "Published stage {} of {} as version {}: {} tables, {} files and manifest.json in {}\n"
        "The results site: {}/index.html\n",
        options.stage, options.round, outcome.version, report->tables, outcome.files,
        outcome.folder, outcome.folder);
  }
  return kExitSuccess;
}

struct MicrodataCommandOptions : TableOptions {
  std::string out = "microdata";
  bool identify = false;
};

// A questionnaire's microdata for analysts, pseudonymised unless asked.
int MicrodataCommand(CommandContext& context, const MicrodataCommandOptions& options) {
  auto opened = OpenRound(context, options);
  if (!opened.ok()) return context.Fail(opened.status());
  auto& [app, lang, round, settings] = *opened;
  MicrodataRequest request{options.round, options.target_group, options.out, options.identify,
                           settings};
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

struct RelateOptions : TableOptions {
  std::string x, y;
};

// The values of an index of the settings, or of a question that can be
// scored: a rating's number, an amount, a single choice on 0–100.
Result<std::pair<LocalizedText, std::vector<double>>> Variable(
    const stats::Dataset& dataset, const ResultsConfig& settings,
    const std::string& target_group, const std::string& name) {
  for (const ResultsConfig::Index& index : settings.indices) {
    if (index.target_group != target_group || index.definition.name != name) continue;
    auto values = stats::ComputeIndex(dataset, index.definition);
    if (!values.ok()) return values.status();
    return std::pair{index.definition.label, std::move(values->column.numbers)};
  }
  const stats::DatasetColumn* column = dataset.Column(name);
  if (!column || column->kind == stats::DatasetColumn::Kind::kText ||
      column->kind == stats::DatasetColumn::Kind::kMultiple) {
    return Status::NotFound(fmt::format(
        "{} is neither an index of the settings nor a question that can be scored", name));
  }
  std::vector<double> values;
  for (size_t i = 0; i < dataset.rows; ++i) {
    values.push_back(column->kind == stats::DatasetColumn::Kind::kNumber ? column->numbers[i]
                     : column->rating ? column->RatingValue(i)
                                      : stats::Rescaled(*column, i));
  }
  return std::pair{column->label, std::move(values)};
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
  stats::Regression fit = weighted->design().Regress(x->second, y->second);
  context.out << fmt::format("{} ({}) and {} ({}): {} respondents with both.\n",
                             x->first.Get(lang), options.x, y->first.Get(lang), options.y, fit.n);
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
    both[i] = !std::isnan(x->second[i]) && !std::isnan(y->second[i]);
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

// The options of the commands that follow one question: --item (required)
// and --config.
void AddItemAndSettings(CLI::App* command, std::string& item, std::string& config) {
  command->add_option("--item", item, "The question: its kartla::series id, or its name")
      ->required();
  command->add_option("--config", config,
                      "A results settings file: disclosure rules, weighting classes");
}

}  // namespace

void AddStatsCommands(CLI::App& app, CommandContext& context) {
  auto tables = std::make_shared<TableOptions>();
  auto represent = std::make_shared<RepresentOptions>();
  auto options = std::make_shared<EstimateOptions>();
  CLI::App* stats = app.add_subcommand("stats", "Survey estimation");
  stats->require_subcommand(1);
  CLI::App* estimate = stats->add_subcommand(
      "estimate",
      "Estimates with standard errors and 95 % CIs from any CSV file, by a survey design "
      "(as R's svydesign, postStratify, rake and calibrate)");
  estimate->add_option("--csv", options->csv, "The data, one row per respondent")->required();
  estimate->add_option("--weights", options->weights, "The sampling weight column")->required();
  estimate->add_option("--strata", options->strata, "The stratum column");
  estimate->add_option("--psu", options->psu, "The PSU (cluster) column");
  estimate->add_option("--fpc", options->fpc,
                       "The column of the population count of PSUs in the stratum (of units "
                       "without PSUs)");
  auto* post = estimate->add_option("--poststratify", options->poststratify,
                                    "COLUMN:CAT=COUNT,... (A*B:a*b=COUNT,... for cells)");
  auto* rake = estimate->add_option("--rake", options->rake,
                                    "A margin COLUMN:CAT=COUNT,...; repeatable; raked to "
                                    "convergence");
  auto* calibrate = estimate->add_option("--calibrate", options->calibrate,
                                         "A margin COLUMN:CAT=COUNT,...; repeatable");
  estimate->add_option("--rake-sweeps", options->rake_control.max_sweeps,
                       "Give up raking after this many sweeps (default 100)");
  estimate->add_option("--rake-epsilon", options->rake_control.epsilon,
                       "Stop raking when no cell's weighted count changes by this much in a "
                       "sweep; below 1, relative to the sum of weights (default 1e-12). R's "
                       "rake() stops at --rake-sweeps 10 --rake-epsilon 1");
  post->excludes(rake)->excludes(calibrate);
  rake->excludes(calibrate);
  estimate->add_option("--calfun", options->calfun, "linear (default) or raking")
      ->check(CLI::IsMember({"linear", "raking"}));
  estimate->add_option("--mean", options->means, "A numeric column; repeatable");
  estimate->add_option("--total", options->totals, "A numeric column; repeatable");
  estimate->add_option("--share", options->shares,
                       "A categorical column: the share of each category; repeatable");
  estimate->add_option("--by", options->by, "Estimates in each category of this column");
  estimate->add_flag("--json", options->json, "As JSON, numbers with 17 significant digits");
  estimate->callback(
      [&context, options] { context.exit_code = EstimateCommand(context, *options); });

  CLI::App* table = stats->add_subcommand(
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

  auto trend = std::make_shared<TrendOptions>();
  CLI::App* trend_command = stats->add_subcommand(
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
  CLI::App* compare_command = stats->add_subcommand(
      "compare",
      "One question as each target group of a round answered it, each questionnaire "
      "weighted on its own");
  compare_command->add_option("ROUND", compare->round)->required();
  AddItemAndSettings(compare_command, compare->item, compare->config);
  compare_command->callback(
      [&context, compare] { context.exit_code = CompareCommand(context, *compare); });

  auto relate_options = std::make_shared<RelateOptions>();
  CLI::App* relate = stats->add_subcommand(
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
  microdata_command->add_flag("--identify", microdata->identify,
                              "Organisation codes rather than pseudonyms");
  microdata_command->add_option("--config", microdata->config,
                                "A results settings file: the weighting classes");
  microdata_command->callback(
      [&context, microdata] { context.exit_code = MicrodataCommand(context, *microdata); });

  CLI::App* representativeness = stats->add_subcommand(
      "representativeness",
      "How well the organisations that answered represent those invited: response rates, "
      "R-indicator and partial indicators, X², dissimilarity, by every registry dimension");
  representativeness->add_option("ROUND", represent->round)->required();
  representativeness->add_option("--target-group", represent->target_group,
                                 "One questionnaire's target group");
  representativeness->add_flag("--json", represent->json, "As JSON");
  representativeness->callback(
      [&context, represent] { context.exit_code = RepresentCommand(context, *represent); });
}

}  // namespace kartla::cli
