#include "app/publishing.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <list>
#include <set>

#include "core/token.h"
#include "publish/formats.h"
#include "publish/microdata.h"
#include "stats/indicators.h"
#include "stats/tables.h"
#include "stats/weighting.h"

namespace kartla {
namespace {

// How a questionnaire's answers are weighted, said for the methods page.
LocalizedText Weighting(const stats::ResultsDesign& design, const stats::ClassingOptions& classing) {
  if (!design.classes) {
    return {"Painottamaton: vastaajia on liian vähän painoluokkiin.",
            "Oviktat: för få svarande för viktklasser.",
            "Unweighted: too few respondents for weighting classes."};
  }
  const std::string by = fmt::format("{}", fmt::join(classing.dimensions, " × "));
  const size_t n = design.classes->classes.size();
  return {fmt::format("Vastaukset on painotettu kutsuttujen organisaatioiden jakaumaan "
                      "luokittain ({}; {} luokkaa): kunkin vastaajan paino on luokan N/n, ja "
                      "luottamusväleissä on äärellisen perusjoukon korjaus.",
                      by, n),
          fmt::format("Svaren är viktade till de inbjudna organisationernas fördelning per "
                      "klass ({}; {} klasser): varje svarande väger klassens N/n, och "
                      "konfidensintervallen har korrektion för ändlig population.",
                      by, n),
          fmt::format("The answers are weighted to the invited organisations by class ({}; {} "
                      "classes): each respondent weighs N/n of its class, and the confidence "
                      "intervals have the finite population correction.",
                      by, n)};
}

// A questionnaire's fieldwork for the methods page, from the monitor of
// its target group alone.
publish::MethodsGroup Methods(const fieldwork::RoundMonitor& monitor) {
  publish::MethodsGroup group;
  group.label = monitor.groups.front().label;
  const fieldwork::StatusCounts& c = monitor.groups.front().counts;
  group.invited = c.invited;
  group.opened = c.opened;
  group.submitted = c.submitted;
  group.rr1 = stats::Aapor(fieldwork::DispositionsOf(c)).rr1;
  for (const fieldwork::DimensionRates& rates : monitor.dimensions) {
    publish::MethodsDimension dimension;
    dimension.label = rates.label;
    std::vector<stats::ClassCount> classes;
    for (const fieldwork::CategoryRate& category : rates.categories) {
      if (category.invited == 0) continue;
      classes.push_back({double(category.invited), double(category.answered)});
      dimension.categories.push_back({category.label, category.invited, category.answered});
    }
    if (auto r = stats::Represent(classes); r && r->df > 0) {
      dimension.r_indicator = r->r_indicator;
      dimension.cv = r->cv;
      for (size_t k = 0; k < dimension.categories.size(); ++k) {
        dimension.categories[k].partial = r->partial[k];
      }
    }
    group.dimensions.push_back(std::move(dimension));
  }
  return group;
}

}  // namespace

Result<PublishReport> PublishRound(App& app, const PublishRequest& request) {
  auto shown = app.rounds().Show(request.round);
  if (!shown.ok()) return shown.status();
  const rounds::RoundView& round = *shown;
  const ResultsConfig& settings = request.settings;
  std::set<std::string> sections;
  bool found = false;
  publish::ReleaseInput input;
  for (const rounds::Stage& stage : round.stages) {
    bool published = stage.number <= request.stage;
    found = found || stage.number == request.stage;
    if (published) sections.insert(stage.sections.begin(), stage.sections.end());
    input.stages.push_back({stage.number, stage.name, stage.opens.ToString(),
                            stage.closes.ToString(), stage.publishes.ToString(), stage.sections,
                            published});
  }
  if (!found) {
    return Status::NotFound(
        fmt::format("the round {} has no stage {}", request.round, request.stage));
  }
  auto stage_of = [&](const std::string& section) {
    for (const rounds::Stage& stage : round.stages) {
      if (std::count(stage.sections.begin(), stage.sections.end(), section)) return stage.number;
    }
    return 0;
  };
  input.round = round.round.code;
  input.title = round.round.title;
  input.year = round.round.year;
  input.stage = request.stage;
  input.date = app.clock().Today().ToString();
  input.note = request.note;
  input.k = settings.rules.k;
  input.small_group = settings.rules.small_group;

  // The earlier rounds of the series, oldest first, for the trends.
  std::vector<rounds::Round> earlier;
  for (const rounds::Round& other : app.storage().rounds().ListRounds()) {
    if (other.series_id == round.round.series_id && other.year < round.round.year) {
      earlier.push_back(other);
    }
  }
  std::sort(earlier.begin(), earlier.end(), [](const rounds::Round& a, const rounds::Round& b) {
    return std::tie(a.year, a.code) < std::tie(b.year, b.code);
  });

  PublishReport report;
  std::list<stats::Dataset> datasets;  // the tables point into them
  std::list<stats::ResultsDesign> designs;
  for (const rounds::QuestionnaireView& view : round.questionnaires) {
    const rounds::TargetGroup& group = view.questionnaire.target_group;
    auto dataset = app.ResultsDataset(request.round, group.code);
    if (!dataset.ok()) return dataset.status();
    if (dataset->rows == 0) {
      report.left_out.push_back(group.code);
      continue;
    }
    // The questionnaire's fieldwork: its own group only.
    auto monitor = app.Monitor(request.round, group.code);
    if (!monitor.ok()) return monitor.status();
    const stats::Dataset& data = datasets.emplace_back(std::move(dataset).value());
    auto design = stats::DefaultDesign(data, settings.classing);
    if (!design.ok()) return design.status();
    const stats::ResultsDesign& weighted = designs.emplace_back(std::move(design).value());
    publish::MethodsGroup methods = Methods(*monitor);
    methods.weighting = Weighting(weighted, settings.classing);
    if (weighted.classes) methods.weighting_notes = weighted.classes->notes;
    input.methods.push_back(std::move(methods));
    // This questionnaire in the earlier rounds, each weighted on its own.
    struct Past {
      std::string label;
      const stats::Dataset* dataset;
      const stats::ResultsDesign* design;
    };
    std::vector<Past> past;
    for (const rounds::Round& other : earlier) {
      auto old = app.ResultsDataset(other.code, group.code);
      if (!old.ok() || old->rows == 0) continue;
      const stats::Dataset& kept = datasets.emplace_back(std::move(old).value());
      auto old_design = stats::DefaultDesign(kept, settings.classing);
      if (!old_design.ok()) continue;
      past.push_back({std::to_string(other.year), &kept,
                      &designs.emplace_back(std::move(old_design).value())});
    }
    auto form = app.forms().LoadById(view.questionnaire.form_version_id);
    if (!form.ok()) return form.status();
    for (const forms::Section& section : form->form.sections) {
      if (!sections.contains(section.number)) continue;
      publish::ReleaseSection published;
      published.target_group = group.code;
      published.group_label = group.label;
      published.number = section.number;
      published.title = section.title;
      published.stage = stage_of(section.number);
      for (const stats::DatasetColumn& column : data.columns) {
        if (column.kind == stats::DatasetColumn::Kind::kText || column.section != section.number) {
          continue;
        }
        publish::ReleaseQuestion question;
        // Overall, then by each dimension the settings give the question.
        std::vector<std::string> dimensions = {""};
        for (const std::string& dimension : settings.BreakdownsOf(column.name)) {
          if (!data.Dimension(dimension)) {
            return Status::NotFound(fmt::format(
                "breakdowns of {}: there is no dimension {} in the registry", column.name,
                dimension));
          }
          dimensions.push_back(dimension);
        }
        for (const std::string& dimension : dimensions) {
          const stats::DatasetDimension* by =
              dimension.empty() ? nullptr : data.Dimension(dimension);
          std::string suffix = dimension.empty() ? "" : ".by-" + dimension;
          (dimension.empty() ? question.overall : question.breakdowns.emplace_back()) =
              input.tables.size();
          input.tables.push_back(
              {fmt::format("{}/{}{}", group.code, column.name, suffix),
               fmt::format("{}.{}.{}{}", request.round, group.code, column.name, suffix),
               stats::Tabulate(data, column, weighted.design(), by, settings.rules)});
        }
        for (const Past& then : past) {
          const stats::DatasetColumn* asked = then.dataset->ColumnOfSeries(column.series);
          if (!asked) continue;
          question.earlier.push_back({then.label, stats::Tabulate(*then.dataset, *asked,
                                                                  then.design->design(), {},
                                                                  settings.rules)});
        }
        published.questions.push_back(std::move(question));
      }
      if (!published.questions.empty()) input.sections.push_back(std::move(published));
    }
  }
  for (const rounds::Round& other : earlier) {
    input.earlier_rounds.push_back(std::to_string(other.year));
  }
  report.tables = int(input.tables.size());
  auto outcome = publish::WriteRelease(input, request.folder);
  if (!outcome.ok()) return outcome.status();
  report.outcome = std::move(outcome).value();
  return report;
}

Result<std::vector<std::string>> WriteMicrodata(App& app, const MicrodataRequest& request) {
  auto dataset = app.ResultsDataset(request.round, request.target_group);
  if (!dataset.ok()) return dataset.status();
  auto round = app.rounds().Show(request.round);
  if (!round.ok()) return round.status();
  publish::MicrodataOptions options;
  options.lang = app.config().language;
  options.identify = request.identify;
  options.date = app.clock().Today().ToString();
  options.label = fmt::format("{}, {}", round->round.title.Get(options.lang), request.target_group);
  if (!request.identify) {
    // By value: the key would be gone once this block ends (a use after
    // scope that ASan found; it was the "wrong index for variant" of
    // `kartla microdata`).
    options.pseudonym = [key = LoadOrCreateKey(app.config().KeyFile()),
                         round = request.round](const std::string& code) {
      return "P" + DeriveToken(key, "pseudonym\n" + round + "\n" + code).substr(0, 10);
    };
  }
  if (dataset->rows > 0) {
    auto design = stats::DefaultDesign(*dataset, request.settings.classing);
    if (!design.ok()) return design.status();
    options.weights = design->design().weights();
  }
  std::string stem = request.round + "." + request.target_group;
  auto files = publish::RenderMicrodata(
      *dataset, stem, options,
      (std::filesystem::temp_directory_path() / ("kartla-microdata-" + NewToken().substr(0, 8)))
          .string());
  if (!files.ok()) return files.status();
  publish::WriteFiles(request.folder, *files);
  std::vector<std::string> written;
  for (const auto& [name, bytes] : *files) {
    written.push_back((std::filesystem::path(request.folder) / name).string());
  }
  return written;
}

}  // namespace kartla
