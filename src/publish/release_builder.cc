#include "publish/release_builder.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/parallel.h"
#include "pages/templates.h"
#include "stats/indicators.h"
#include "stats/indices.h"
#include "stats/tables.h"

namespace kartla::publish {

LocalizedText WeightingText(const stats::ResultsDesign& design,
                            const stats::ClassingOptions& classing, const stats::Dataset* data) {
  const pages::Catalogue& catalogue = pages::Catalogue::Builtin();
  LocalizedText out;
  for (Lang lang : kAllLangs) {
    if (!design.classes) {
      out.Mutable(lang) = catalogue.Get("methods_unweighted", lang, {});
      continue;
    }
    // The classes' dimensions by their names in the page's language.
    std::vector<std::string> names;
    for (const std::string& id : classing.dimensions) {
      const stats::DatasetDimension* dimension = data ? data->Dimension(id) : nullptr;
      names.push_back(dimension ? dimension->label.Get(lang) : id);
    }
    out.Mutable(lang) = catalogue.Get("methods_weighted", lang,
                                      {fmt::format("{}", fmt::join(names, " × ")),
                                       std::to_string(design.classes->classes.size())});
  }
  return out;
}

std::optional<stats::DatasetDimension> MergedBreakdown(const stats::Dataset& data,
                                                       const std::string& id,
                                                       const ResultsSettings& settings) {
  const stats::DatasetDimension* by = data.Dimension(id);
  auto parent = settings.merge_into.find(id);
  if (!by || parent == settings.merge_into.end()) return std::nullopt;
  if (parent->second == ResultsSettings::kNeighbours) {
    if (by->lower_bounds.empty()) return std::nullopt;
    return stats::MergeSmallNeighbours(*by, settings.MergeThreshold());
  }
  if (const stats::DatasetDimension* coarser = data.Dimension(parent->second)) {
    return stats::MergeSmallCategories(*by, *coarser, settings.MergeThreshold());
  }
  return std::nullopt;
}

namespace {

// Who answered in each category of a dimension, under the disclosure rules
// as a table of two choices (answered, did not) whose bases, the invited
// organisations, are public: marks the categories whose counts are hidden.
void ProtectAnswered(MethodsDimension& dimension, const fieldwork::StatusCounts& all,
                     const stats::DisclosureRules& rules) {
  stats::Distribution table;
  table.public_bases = true;
  table.categories = {"answered", "not_answered"};
  int invited = 0, answered = 0;
  for (const MethodsCategory& category : dimension.categories) {
    table.groups.push_back(category.code);
    table.counts.push_back({category.answered, category.invited - category.answered});
    table.base.push_back(category.invited);
    invited += category.invited;
    answered += category.answered;
  }
  // Organisations in no category (none in the registry's dimensions).
  int outside = all.invited - invited, outside_answered = all.submitted - answered;
  if (outside < 0 || outside_answered < 0 || outside_answered > outside) {
    outside = outside_answered = 0;  // the counts disagree: the categories' sums are the total
  }
  table.groups.push_back("total");
  table.counts.push_back({answered + outside_answered,
                          invited + outside - answered - outside_answered});
  table.base.push_back(invited + outside);
  table.unpublished = {{outside_answered, outside - outside_answered}};
  table.unpublished_base = {outside};
  stats::ProtectDistribution(table, rules);
  for (size_t l = 0; l < dimension.categories.size(); ++l) {
    dimension.categories[l].hidden = table.suppressed[l][0] || table.suppressed[l][1];
  }
}

}  // namespace

// The categories of a methods dimension in the lines of `merged` (a
// breakdown with small categories merged, whose organisations are those of
// `fine`): the counts of each line are its categories' sums, so that the
// methods page and the tables publish the same lines.
std::vector<MethodsCategory> InLines(const std::vector<MethodsCategory>& categories,
                                     const stats::DatasetDimension& fine,
                                     const stats::DatasetDimension& merged) {
  std::map<std::string, int> line_of;
  for (size_t i = 0; i < fine.population_codes.size() && i < merged.population_codes.size();
       ++i) {
    if (fine.population_codes[i] >= 0 && merged.population_codes[i] >= 0) {
      line_of[fine.categories[size_t(fine.population_codes[i])]] = merged.population_codes[i];
    }
  }
  std::vector<MethodsCategory> lines(merged.categories.size());
  std::vector<bool> used(lines.size(), false);
  std::vector<MethodsCategory> out;
  for (const MethodsCategory& category : categories) {
    auto line = line_of.find(category.code);
    if (line == line_of.end()) return categories;  // not the same dimension: as it is
    MethodsCategory& into = lines[size_t(line->second)];
    into.invited += category.invited;
    into.answered += category.answered;
    used[size_t(line->second)] = true;
  }
  for (size_t l = 0; l < lines.size(); ++l) {
    if (!used[l]) continue;
    lines[l].code = merged.categories[l];
    lines[l].label = merged.category_labels[l];
    out.push_back(std::move(lines[l]));
  }
  return out;
}

MethodsGroup MethodsOf(const fieldwork::RoundMonitor& monitor, const stats::DisclosureRules& rules,
                       const BreakdownLines& lines) {
  MethodsGroup group;
  group.label = monitor.groups.front().label;
  const fieldwork::StatusCounts& c = monitor.groups.front().counts;
  group.invited = c.invited;
  group.opened = c.opened;
  group.submitted = c.submitted;
  group.rr1 = stats::Aapor(fieldwork::DispositionsOf(c)).rr1;
  for (const fieldwork::DimensionRates& rates : monitor.dimensions) {
    MethodsDimension dimension;
    dimension.id = rates.id;
    dimension.label = rates.label;
    std::vector<stats::ClassCount> classes;
    for (const fieldwork::CategoryRate& category : rates.categories) {
      if (category.invited == 0) continue;
      dimension.categories.push_back(
          {category.code, category.label, category.invited, category.answered});
    }
    if (lines) {
      auto [fine, merged] = lines(rates.id);
      if (!fine) continue;  // no table is broken down by it
      if (merged && fine != merged) {
        dimension.categories = InLines(dimension.categories, *fine, *merged);
        for (Lang lang : kAllLangs) {
          dimension.merge_note.Mutable(lang) = stats::MergeNote(*merged, lang);
        }
      }
    }
    for (const MethodsCategory& category : dimension.categories) {
      classes.push_back({double(category.invited), double(category.answered)});
    }
    ProtectAnswered(dimension, c, rules);
    const bool any_hidden =
        std::any_of(dimension.categories.begin(), dimension.categories.end(),
                    [](const MethodsCategory& category) { return category.hidden; });
    // The indicators are functions of every category's rate: with one
    // hidden, they could give it away, so they go with it.
    if (auto r = stats::Represent(classes); r && r->df > 0 && !any_hidden) {
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

namespace {

// Each of `headlines` of target group `group` names a question of its
// questionnaire (`data`) with a figure, and a choice of its list where it
// leads with a choice's share (a later stage may publish the question;
// until then the front page passes it over).
Status CheckHeadlines(const std::vector<Headline>& headlines, const std::string& group,
                      const stats::Dataset& data) {
  for (size_t h = 0; h < headlines.size(); ++h) {
    const Headline& headline = headlines[h];
    if (headline.target_group != group) continue;
    const std::string where = fmt::format("headline {} ({} of {})", h + 1, headline.question,
                                          headline.target_group);
    const stats::DatasetColumn* column = data.Column(headline.question);
    if (!column || column->kind == stats::DatasetColumn::Kind::kText) {
      return Status::NotFound(
          fmt::format("{}: the questionnaire has no question {} with a figure", where,
                      headline.question));
    }
    const bool choices = !column->choices.empty();
    if (!headline.choice.empty() &&
        std::find(column->choices.begin(), column->choices.end(), headline.choice) ==
            column->choices.end()) {
      return Status::NotFound(
          fmt::format("{}: {} has no choice {}", where, headline.question, headline.choice));
    }
    if (choices && headline.choice.empty() && !column->rating) {
      return Status::InvalidInput(fmt::format(
          "{}: say which choice's share to lead with, e.g. choice = \"{}\"", where,
          column->choices.front()));
    }
  }
  return Status::Ok();
}

// Adds to `data` the settings' indices of target group `group`, each a
// number column (0–100) published as an amount in the section of its first
// item, after that section's questions. Fails naming an index whose items
// the questionnaire lacks, unless `lenient` (an earlier round's, whose
// questionnaire may lack an item: that index is left out).
// With `described`, each index as the methods page says how it is made,
// by the section it is published in.
Status AddIndices(stats::Dataset& data, const ResultsSettings& settings,
                  const std::string& group, bool lenient = false,
                  std::vector<std::pair<std::string, MethodsIndex>>* described = nullptr) {
  for (const ResultsSettings::Index& index : settings.indices) {
    if (index.target_group != group) continue;
    auto values = stats::ComputeIndex(data, index.definition);
    if (!values.ok() && lenient) continue;
    if (!values.ok()) return values.status();
    if (described) {
      const stats::IndexDefinition& made = index.definition;
      MethodsIndex how;
      how.label = made.label;
      std::vector<const stats::DatasetColumn*> questions;
      for (const std::string& item : made.items) questions.push_back(data.Column(item));
      const bool battery = std::all_of(questions.begin(), questions.end(), [&](auto* question) {
        return question && !question->group.empty() && question->group == questions[0]->group;
      });
      if (battery) how.group = questions[0]->group_label;
      for (size_t i = 0; i < made.items.size(); ++i) {
        const std::string& item = made.items[i];
        how.items.push_back(battery       ? questions[i]->field_label
                            : questions[i] ? questions[i]->label
                                           : LocalizedText{item, item, item});
        how.reversed.push_back(std::count(made.reversed.begin(), made.reversed.end(), item) > 0);
      }
      how.weights = made.weights;
      how.needed = made.min_answered > 0 ? made.min_answered : int(made.items.size());
      how.scored = values->scored;
      if (values->reliability) {
        how.alpha = values->reliability->alpha;
        how.standardized_alpha = values->reliability->standardized_alpha;
      }
      const stats::DatasetColumn* first = data.Column(made.items.front());
      described->emplace_back(first ? first->section : "", std::move(how));
    }
    stats::DatasetColumn column = std::move(values->column);
    column.series = column.name;
    column.index = std::make_shared<const stats::IndexDefinition>(index.definition);
    const stats::DatasetColumn* first = data.Column(index.definition.items.front());
    column.section = first ? first->section : "";
    const LocalizedText scale{"indeksi 0–100", "index 0–100", "index 0–100"};
    for (Lang lang : kAllLangs) {
      column.label.Mutable(lang) =
          fmt::format("{} ({})", index.definition.label.Get(lang), scale.Get(lang));
    }
    data.columns.push_back(std::move(column));
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<BuiltRelease>> BuildRelease(ReleaseSource& source,
                                                   const ReleaseRequest& request) {
  auto shown = source.Round(request.round);
  if (!shown.ok()) return shown.status();
  const rounds::RoundView& round = *shown;
  const ResultsSettings& settings = request.settings;
  auto built = std::make_unique<BuiltRelease>();
  ReleaseInput& input = built->input;
  std::set<std::string> sections;
  bool found = false;
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
  input.date = request.date;
  input.note = request.note;
  input.k = settings.rules.k;
  input.small_group = settings.rules.small_group;
  input.publisher = settings.publisher;
  input.contact = settings.contact;
  input.licence = settings.licence;
  input.licence_url = settings.licence_url;
  input.headlines = settings.headlines;
  // Each headline names a questionnaire of the round (its question is
  // checked with the questionnaire's answers below).
  for (size_t h = 0; h < settings.headlines.size(); ++h) {
    const Headline& headline = settings.headlines[h];
    if (std::none_of(round.questionnaires.begin(), round.questionnaires.end(),
                     [&](const rounds::QuestionnaireView& view) {
                       return view.questionnaire.target_group.code == headline.target_group;
                     })) {
      return Status::NotFound(fmt::format("headline {} ({}): round {} has no questionnaire for "
                                          "\"{}\"",
                                          h + 1, headline.question, round.round.code,
                                          headline.target_group));
    }
  }

  // The earlier rounds of the series, oldest first, for the trends.
  std::vector<rounds::Round> earlier;
  for (const rounds::Round& other : source.RoundsOfSeries(round.round.series_id)) {
    if (other.year < round.round.year) earlier.push_back(other);
  }

  // The tables, laid out first and tabulated at the end, all at once. The
  // work holds pointers into `built`'s lists (datasets, designs, merged
  // lines) and the datasets' columns, which stay where they are.
  struct Tabulation {
    std::function<stats::QuestionTable()> make;
    std::function<stats::QuestionTable&()> into;  // valid once every table is laid out
  };
  std::vector<Tabulation> tabulations;
  for (const rounds::QuestionnaireView& view : round.questionnaires) {
    const rounds::TargetGroup& group = view.questionnaire.target_group;
    auto dataset = source.Dataset(request.round, group.code);
    if (!dataset.ok()) return dataset.status();
    std::vector<std::pair<std::string, MethodsIndex>> indices;
    if (Status indexed = AddIndices(*dataset, settings, group.code, false, &indices);
        !indexed.ok()) {
      return indexed;
    }
    if (Status named = CheckHeadlines(settings.headlines, group.code, *dataset); !named.ok()) {
      return named;
    }
    // Under 2 submitted responses nothing can be estimated (no interval):
    // the questionnaire waits, said, rather than stopping the release.
    if (dataset->rows < 2) {
      built->left_out.push_back(group.code);
      continue;
    }
    auto monitor = source.Fieldwork(request.round, group.code);
    if (!monitor.ok()) return monitor.status();
    stats::Dataset& marked = built->datasets.emplace_back(std::move(dataset).value());
    settings.MarkPerInhabitant(marked);
    const stats::Dataset& data = marked;
    auto design = stats::DefaultDesign(data, settings.classing);
    if (!design.ok()) return design.status();
    const stats::ResultsDesign& weighted = built->designs.emplace_back(std::move(design).value());
    // Each breakdown's lines, small ones merged into a coarser dimension's
    // where the settings say so and the registry has it.
    std::map<std::string, const stats::DatasetDimension*> breakdowns;
    auto breakdown = [&](const std::string& id) -> const stats::DatasetDimension* {
      if (auto done = breakdowns.find(id); done != breakdowns.end()) return done->second;
      const stats::DatasetDimension* by = data.Dimension(id);
      if (auto merged = MergedBreakdown(data, id, settings)) {
        by = &built->merged.emplace_back(std::move(merged).value());
      }
      return breakdowns[id] = by;
    };
    MethodsGroup methods =
        MethodsOf(*monitor, settings.rules, [&](const std::string& id) {
          const stats::DatasetDimension* fine =
              settings.BreaksDownBy(id) ? data.Dimension(id) : nullptr;
          return std::pair{fine, fine ? breakdown(id) : nullptr};
        });
    methods.code = group.code;
    // The lines whose respondents the methods page hides: the tables hide
    // those lines' bases too (a published base is who answered the
    // question, which is who answered at all when everyone did).
    for (const MethodsDimension& dimension : methods.dimensions) {
      const stats::DatasetDimension* by = breakdown(dimension.id);
      if (!by) continue;
      std::vector<bool> hidden(by->categories.size(), false);
      bool any = false;
      for (const MethodsCategory& category : dimension.categories) {
        auto at = std::find(by->categories.begin(), by->categories.end(), category.code);
        if (category.hidden && at != by->categories.end()) {
          hidden[size_t(at - by->categories.begin())] = any = true;
        }
      }
      if (!any) continue;
      stats::DatasetDimension& shared = built->merged.emplace_back(*by);
      shared.hidden_bases = std::move(hidden);
      breakdowns[dimension.id] = &shared;
    }
    methods.weighting = WeightingText(weighted, settings.classing, &data);
    if (weighted.classes) methods.weighting_notes = weighted.classes->notes;
    // The indices the release publishes (their section's stage has come,
    // and enough respondents have a value to show it).
    for (auto& [section, how] : indices) {
      if (sections.contains(section) && how.scored >= settings.rules.k) {
        methods.indices.push_back(std::move(how));
      }
    }
    input.methods.push_back(std::move(methods));
    // The questionnaire as its respondents read it, for the site to print.
    std::vector<pages::View> printed =
        source.PrintedQuestionnaire(round.round, view.questionnaire);
    if (printed.size() == kAllLangs.size()) {
      LocalizedText& html = input.questionnaires[group.code];
      for (size_t l = 0; l < kAllLangs.size(); ++l) {
        printed[l].Set("published", true);
        html.Mutable(kAllLangs[l]) =
            pages::Templates::Builtin().Render("print", printed[l], kAllLangs[l]);
      }
    }
    // This questionnaire in the earlier rounds, each weighted on its own.
    struct Past {
      std::string label;
      const stats::Dataset* dataset;
      const stats::ResultsDesign* design;
    };
    std::vector<Past> past;
    for (const rounds::Round& other : earlier) {
      auto old = source.Dataset(other.code, group.code);
      if (!old.ok() || old->rows < 2) continue;
      stats::Dataset& earlier_data = built->datasets.emplace_back(std::move(old).value());
      // The indices of earlier rounds too, for their trends (where an
      // earlier questionnaire lacks an item, that index has none).
      (void)AddIndices(earlier_data, settings, group.code, /*lenient=*/true);
      const stats::Dataset& kept = earlier_data;
      auto old_design = stats::DefaultDesign(kept, settings.classing);
      if (!old_design.ok()) continue;
      past.push_back({std::to_string(other.year), &kept,
                      &built->designs.emplace_back(std::move(old_design).value())});
    }
    auto form_sections = source.Sections(view.questionnaire.form_version_id);
    if (!form_sections.ok()) return form_sections.status();
    for (const forms::Section& section : *form_sections) {
      if (!sections.contains(section.number)) continue;
      ReleaseSection published;
      published.target_group = group.code;
      published.group_label = group.label;
      published.number = section.number;
      published.title = section.title;
      published.stage = stage_of(section.number);
      for (const stats::DatasetColumn& column : data.columns) {
        if (column.kind == stats::DatasetColumn::Kind::kText || column.section != section.number) {
          continue;
        }
        ReleaseQuestion question;
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
        std::vector<const stats::DatasetDimension*> lines;
        for (const std::string& dimension : dimensions) {
          const stats::DatasetDimension* by = dimension.empty() ? nullptr : breakdown(dimension);
          if (by) lines.push_back(by);
          std::string suffix = dimension.empty() ? "" : ".by-" + dimension;
          const size_t index = input.tables.size();
          (dimension.empty() ? question.overall : question.breakdowns.emplace_back()) = index;
          input.tables.push_back(
              {fmt::format("{}/{}{}", group.code, column.name, suffix),
               fmt::format("{}.{}.{}{}", request.round, group.code, column.name, suffix),
               {}});
          tabulations.push_back(
              {[data = &data, column = &column, design = &weighted.design(), by,
                rules = settings.rules] {
                 return stats::Tabulate(*data, *column, *design, by, rules);
               },
               [&input, index]() -> stats::QuestionTable& { return input.tables[index].table; }});
        }
        question.registry = stats::ClassesOf(data, column, lines);
        for (const Past& then : past) {
          const stats::DatasetColumn* asked = then.dataset->ColumnOfSeries(column.series);
          if (!asked) continue;
          question.earlier.push_back({then.label, {}});
          tabulations.push_back(
              {[then, asked, rules = settings.rules] {
                 return stats::Tabulate(*then.dataset, *asked, then.design->design(), {}, rules);
               },
               [&input, at = input.sections.size(), q = published.questions.size(),
                e = question.earlier.size() - 1]() -> stats::QuestionTable& {
                 return input.sections[at].questions[q].earlier[e].table;
               }});
        }
        published.questions.push_back(std::move(question));
      }
      if (!published.questions.empty()) input.sections.push_back(std::move(published));
    }
  }
  // A release of no table would be a site of empty pages: refused, saying why.
  if (tabulations.empty()) {
    if (!built->left_out.empty() && built->left_out.size() == round.questionnaires.size()) {
      const std::string which = fmt::format("{}", fmt::join(built->left_out, ", "));
      return Status::FailedPrecondition(
                 fmt::format("nothing to publish: no questionnaire of {} has 2 submitted "
                             "answers yet ({})",
                             request.round, which))
          .Keyed("nothing_answered", {request.round, which});
    }
    return Status::FailedPrecondition(
               fmt::format("nothing to publish: stage {} of {} publishes no question that was "
                           "answered",
                           request.stage, request.round))
        .Keyed("stage_unanswered", {std::to_string(request.stage), request.round});
  }
  // Every table, its disclosure control included, on the machine's cores:
  // each reads only its dataset and writes only its own place.
  ParallelFor(tabulations.size(), [&](size_t t) {
    stats::QuestionTable table = tabulations[t].make();
    tabulations[t].into() = std::move(table);
  });
  for (const rounds::Round& other : earlier) {
    input.earlier_rounds.push_back(std::to_string(other.year));
  }
  return built;
}

}  // namespace kartla::publish
