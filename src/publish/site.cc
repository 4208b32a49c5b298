#include "publish/site.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "core/clock.h"
#include "core/embedded.h"
#include "pages/templates.h"
#include "publish/charts.h"
#include "publish/formats.h"

namespace kartla {
// Defined by the kartla_static library (cmake/embed.cmake).
std::span<const EmbeddedFile> StaticFiles();
}  // namespace kartla

namespace kartla::publish {
namespace {

using pages::Catalogue;
using pages::Templates;
using pages::View;
using stats::GroupResult;
using stats::QuestionTable;
using stats::TableKind;

std::string T(std::string_view key, Lang lang, const std::vector<std::string>& args = {}) {
  return Catalogue::Builtin().Get(key, lang, args);
}

std::string Lang2(Lang lang) { return std::string(LangCode(lang)); }

std::string SectionPage(const ReleaseSection& section) {
  return fmt::format("{}-{}.html", section.target_group, section.number);
}

// The page of a target group's questionnaire, to print.
std::string QuestionnairePage(const std::string& target_group) {
  return fmt::format("questionnaire-{}.html", target_group);
}

std::string Percent(double value) { return FormatShare(value); }

// A published cell as the page's language writes it ("18,8" in Finnish).
std::string Cell(const std::optional<double>& value, bool hidden, int decimals, Lang lang) {
  if (hidden) return "..";
  if (!value) return "–";
  return FormatDecimal(*value, decimals, lang);
}

// An HTML table's view: caption, column heads, rows of a header cell and
// data cells (".." marked).
View TableView(const std::string& caption, const std::string& corner,
               const std::vector<std::string>& heads) {
  View table;
  table.Set("caption", caption);
  table.Set("corner", corner);
  for (const std::string& head : heads) table.Add("heads", View::Text(head));
  table.List("rows");
  return table;
}

// A label that heads a row or a bar, with a capital initial as headings
// have ("under 2,000" → "Under 2,000"); the registry's classes are named
// for running text.
std::string Heading(std::string label) {
  if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = char(label[0] - 32);
  return label;
}

void AddRow(View& table, const std::string& header, const std::vector<std::string>& cells,
            bool total = false) {
  View row;
  row.Set("header", Heading(header));
  row.Set("total", total);
  for (const std::string& cell : cells) {
    View c;
    c.Set("text", cell);
    c.Set("suppressed", cell == "..");
    row.Add("cells", std::move(c));
  }
  table.Add("rows", std::move(row));
}

// The published table as an HTML table: a choice table's lines × choices
// (shares, %), with the interval and count when it is not broken down;
// a mean table's lines × measures.
View DataTable(const Published& published, const QuestionTable& table, Lang lang,
               const std::string& caption) {
  const size_t m = published.measures.size();
  if (!published.choices.empty() && !table.broken_down) {
    View view = TableView(caption, T("res_choice", lang),
                          {T("res_share", lang) + " (%)", T("res_ci", lang),
                           T("res_respondents", lang)});
    for (size_t j = 0; j < published.choices.size(); ++j) {
      size_t at = published.Headline(0, j);
      bool hidden = published.hidden[at];
      std::string ci = hidden ? ".."
                              : published.values[at + 1]
                                  ? FormatDecimal(*published.values[at + 1], 1, lang) + "–" +
                                        FormatDecimal(*published.values[at + 2], 1, lang)
                                  : "–";
      AddRow(view, published.choices[j].label,
             {Cell(published.values[at], hidden, 1, lang), ci,
              Cell(published.values[at + 3], hidden, 0, lang)});
    }
    return view;
  }
  if (!published.choices.empty()) {
    std::vector<std::string> heads;
    for (const Category& choice : published.choices) heads.push_back(choice.label + " (%)");
    View view = TableView(caption, published.line_dimension, heads);
    for (size_t i = 0; i < published.lines.size(); ++i) {
      std::vector<std::string> cells;
      for (size_t j = 0; j < published.choices.size(); ++j) {
        size_t at = published.Headline(i, j);
        cells.push_back(Cell(published.values[at], published.hidden[at], 1, lang));
      }
      AddRow(view, published.lines[i].label, cells, i + 1 == published.lines.size());
    }
    return view;
  }
  std::vector<std::string> heads;
  for (const Measure& measure : published.measures) heads.push_back(measure.label);
  View view = TableView(caption, published.line_dimension, heads);
  for (size_t i = 0; i < published.lines.size(); ++i) {
    std::vector<std::string> cells;
    for (size_t k = 0; k < m; ++k) {
      size_t at = i * m + k;
      cells.push_back(Cell(published.values[at], published.hidden[at],
                           published.measures[k].decimals, lang));
    }
    AddRow(view, published.lines[i].label, cells, i + 1 == published.lines.size());
  }
  return view;
}

std::optional<double> Rounded(const stats::Figure& figure, double scale) {
  if (figure.hidden || std::isnan(figure.estimate)) return std::nullopt;
  return figure.estimate * scale;
}

// An estimate's 95 % interval as the language writes it: "43,4–49,4";
// a share's with its unit once, "14–24 %".
std::string IntervalText(const stats::Figure& figure, int decimals, Lang lang) {
  return FormatDecimal(figure.ci.lower, decimals, lang) + "–" +
         FormatDecimal(figure.ci.upper, decimals, lang);
}
std::string ShareIntervalText(const stats::Figure& share, Lang lang) {
  return FormatDecimal(100 * share.ci.lower, 0, lang) + "–" +
         FormatPercent(100 * share.ci.upper, 0, lang);
}

// A line's dot: its mean, or its amount per inhabitant.
Bar DotBar(const GroupResult& line, const stats::Figure& figure, const std::string& label) {
  Bar bar;
  bar.label = label;
  bar.suppressed = line.summary_hidden;
  bar.value = Rounded(figure, 1);
  if (bar.value && !std::isnan(figure.ci.lower)) {
    bar.lower = figure.ci.lower;
    bar.upper = figure.ci.upper;
  }
  return bar;
}

// Whether an amount's figure shows it per inhabitant (the settings ask,
// and its whole has a population to divide by).
bool DrawnPerInhabitant(const QuestionTable& table) {
  return table.kind == TableKind::kAmount && table.column->per_inhabitant > 0 &&
         !std::isnan(table.Total().per_inhabitant.estimate);
}

// A figure's title: the question, and for an amount what its dots are.
std::string FigureSubject(const QuestionTable& table, Lang lang) {
  std::string subject = table.column->label.Get(lang);
  if (table.kind != TableKind::kAmount) return subject;
  return subject + ", " +
         (DrawnPerInhabitant(table) ? table.column->per_inhabitant_unit.Get(lang)
          : table.column->index     ? T("res_mean_score", lang)
                                    : T("res_mean_per_respondent", lang));
}

// The lines of a table worth drawing: those anyone answered in.
std::vector<const GroupResult*> DrawnLines(const QuestionTable& table) {
  std::vector<const GroupResult*> lines;
  for (const GroupResult& line : table.groups) {
    if (line.base > 0 || &line == &table.Total()) lines.push_back(&line);
  }
  return lines;
}

// The figure of a table: bars of shares with their intervals (a choice,
// as a whole); a 100 % stacked bar per line (a rating scale, its valid
// answers with "don't know" apart, or a single choice broken down), the
// whole set apart and a line too small to publish saying so; grouped bars
// (a multiple choice broken down: its shares do not add up); dots with
// their intervals (means).
std::string Figure(const QuestionTable& table, Lang lang, const ChartText& text) {
  const stats::DatasetColumn& column = *table.column;
  std::vector<const GroupResult*> lines = DrawnLines(table);
  const bool choices = !table.Total().shares.empty();
  const bool rating = table.kind == TableKind::kRating;
  if (choices && (rating || (table.kind == TableKind::kChoice && table.broken_down))) {
    ChartText stacked = text;
    stacked.unordered = !rating;
    const int dont_know = rating ? column.dont_know : -1;
    std::vector<std::string> legend;
    for (size_t j = 0; j < column.choices.size(); ++j) {
      if (int(j) != dont_know) legend.push_back(column.choice_labels[j].Get(lang));
    }
    std::string apart =
        dont_know >= 0 ? column.choice_labels[dont_know].Get(lang) : std::string();
    std::vector<StackedRow> rows;
    for (const GroupResult* line : lines) {
      StackedRow row;
      row.label = Heading(line->label.Get(lang));
      row.total = line == &table.Total() && lines.size() > 1;
      bool all_hidden = true;
      for (size_t j = 0; j < column.choices.size(); ++j) {
        all_hidden = all_hidden && line->hidden[j];
        if (line->hidden[j]) row.suppressed = true;
        if (int(j) == dont_know) {
          row.apart = line->hidden[j] ? std::nullopt : Rounded(line->shares[j], 100);
        } else if (line->hidden[j]) {
          row.segments.push_back(std::nullopt);
        } else {
          // Of the valid answers, unless they would give a hidden "don't
          // know" away; then of all answers, the rest "..".
          const bool valid = rating && !line->valid_hidden;
          row.segments.push_back(Rounded(valid ? line->valid_shares[j] : line->shares[j], 100));
        }
      }
      if (all_hidden) row.note = T("res_too_few", lang);
      rows.push_back(std::move(row));
    }
    return StackedChart(stacked, legend, apart, rows);
  }
  if (choices && !table.broken_down) {
    std::vector<Bar> bars;
    const GroupResult& total = table.Total();
    for (size_t j = 0; j < column.choices.size(); ++j) {
      Bar bar;
      bar.label = column.choice_labels[j].Get(lang);
      bar.suppressed = total.hidden[j];
      bar.value = total.hidden[j] ? std::nullopt : Rounded(total.shares[j], 100);
      if (bar.value) {
        bar.lower = 100 * total.shares[j].ci.lower;
        bar.upper = 100 * total.shares[j].ci.upper;
      }
      bars.push_back(std::move(bar));
    }
    return BarChart(text, bars, 100);
  }
  if (choices) {
    std::vector<std::string> series;
    for (const GroupResult* line : lines) series.push_back(Heading(line->label.Get(lang)));
    std::vector<BarGroup> groups;
    for (size_t j = 0; j < column.choices.size(); ++j) {
      BarGroup group;
      group.label = column.choice_labels[j].Get(lang);
      for (const GroupResult* line : lines) {
        Bar bar;
        bar.label = Heading(line->label.Get(lang));
        bar.suppressed = line->hidden[j];
        bar.value = line->hidden[j] ? std::nullopt : Rounded(line->shares[j], 100);
        group.bars.push_back(std::move(bar));
      }
      groups.push_back(std::move(group));
    }
    ChartText grouped = text;
    grouped.unordered = true;
    return GroupedChart(grouped, series, groups, 100);
  }
  std::vector<Bar> bars;
  double max = 0;
  const bool per_inhabitant = DrawnPerInhabitant(table);
  ChartText dots = text;
  if (per_inhabitant) dots.decimals = column.per_inhabitant_decimals;
  for (const GroupResult* line : lines) {
    bars.push_back(DotBar(*line, per_inhabitant ? line->per_inhabitant : line->mean,
                          Heading(line->label.Get(lang))));
    if (bars.back().upper) max = std::max(max, *bars.back().upper);
    if (bars.back().value) max = std::max(max, *bars.back().value);
  }
  if (column.rating) {
    max = column.scale_max;
  } else {
    // A round axis whose four ticks are round too: the next 1, 2, 4, 8
    // or 10 × 10^k above the largest value (ticks of 0.25, 0.5, 1, 2 or
    // 2.5 × 10^k).
    double step = std::pow(10.0, std::floor(std::log10(std::max(max, 1e-9))));
    for (double f : {1.0, 2.0, 4.0, 8.0, 10.0}) {
      if (f * step >= max) {
        max = f * step;
        break;
      }
    }
  }
  return DotChart(dots, bars, max, T("res_too_few", lang), table.broken_down);
}

// What the figure shows, in a sentence, for screen readers.
std::string Describe(const QuestionTable& table, Lang lang) {
  const GroupResult& total = table.Total();
  const stats::DatasetColumn& column = *table.column;
  std::string what;
  if (!total.shares.empty()) {
    for (size_t j = 0; j < column.choices.size(); ++j) {
      if (total.hidden[j] || std::isnan(total.shares[j].estimate)) continue;
      what += fmt::format("{}{}: {}", what.empty() ? "" : "; ",
                          column.choice_labels[j].Get(lang),
                          FormatPercent(100 * total.shares[j].estimate, 0, lang));
    }
  } else if (!total.summary_hidden && DrawnPerInhabitant(table)) {
    what = fmt::format("{} {}",
                       FormatDecimal(total.per_inhabitant.estimate,
                                     column.per_inhabitant_decimals, lang),
                       column.per_inhabitant_unit.Get(lang));
  } else if (!total.summary_hidden && !std::isnan(total.mean.estimate)) {
    what = fmt::format("{} {}", T("res_mean", lang), FormatDecimal(total.mean.estimate, 1, lang));
  }
  return T("res_figure_desc", lang, {total.label.Get(lang), what.empty() ? ".." : what});
}

// Figures are numbered per section ("2.1"); a question's breakdowns are
// its figure's parts ("2.1 a").
struct Numbering {
  std::string section;
  int next = 0;
  int part = 0;
  std::string Next() {
    part = 0;
    return fmt::format("{}.{}", section, ++next);
  }
  std::string Part() {
    return fmt::format("{}.{} {}", section, next, char('a' + part++));
  }
};

// Where a battery starts at `questions[first]`: how many questions on from
// it are single choices of one group of fields on one list (a Likert
// battery); 1 if it is none.
size_t BatteryLength(const ReleaseInput& input, const std::vector<ReleaseQuestion>& questions,
                     size_t first) {
  auto column = [&](size_t i) { return input.tables[questions[i].overall].table.column; };
  auto single = [&](size_t i) {
    const QuestionTable& table = input.tables[questions[i].overall].table;
    return (table.kind == TableKind::kChoice || table.kind == TableKind::kRating) &&
           !table.Total().shares.empty() && !column(i)->group.empty();
  };
  if (!single(first)) return 1;
  size_t end = first + 1;
  while (end < questions.size() && single(end) && column(end)->group == column(first)->group &&
         column(end)->choices == column(first)->choices) {
    ++end;
  }
  return end - first;
}

// A battery as one figure: its items as rows of one chart, diverging from
// the middle of a rating scale, else 100 % stacked in the list's order;
// "don't know" apart. Its table gives each item's shares; each item keeps
// its own block below (interval, counts, breakdowns, downloads).
View BatteryView(const ReleaseInput& input, const std::vector<ReleaseQuestion>& questions,
                 size_t first, size_t count, Lang lang, Numbering& numbering) {
  const stats::DatasetColumn& head = *input.tables[questions[first].overall].table.column;
  const bool rating = head.rating;
  const int dont_know = head.dont_know;
  const std::string number = numbering.Next();
  ChartText text;
  text.lang = lang;
  text.unit = "%";
  text.unordered = !rating;
  text.id = "fig-" + number;
  std::replace(text.id.begin(), text.id.end(), '.', '-');
  text.title = fmt::format("{} {}: {}", T("res_figure", lang), number, head.group_label.Get(lang));
  std::vector<std::string> legend, heads;
  for (size_t j = 0; j < head.choices.size(); ++j) {
    heads.push_back(head.choice_labels[j].Get(lang) + " (%)");
    if (int(j) != dont_know) legend.push_back(head.choice_labels[j].Get(lang));
  }
  const std::string apart = dont_know >= 0 ? head.choice_labels[dont_know].Get(lang) : "";
  View table = TableView(T("res_table_of", lang, {T("res_figure", lang) + " " + number}),
                         T("res_item", lang), heads);
  std::vector<StackedRow> rows;
  std::string described;
  bool any_hidden = false;
  for (size_t i = first; i < first + count; ++i) {
    const QuestionTable& item = input.tables[questions[i].overall].table;
    const GroupResult& total = item.Total();
    StackedRow row;
    row.label = Heading(item.column->field_label.Get(lang));
    std::vector<std::string> cells;
    std::string shares;
    for (size_t j = 0; j < item.column->choices.size(); ++j) {
      const bool hidden = total.hidden[j];
      any_hidden = any_hidden || hidden;
      row.suppressed = row.suppressed || hidden;
      auto share = Rounded(total.shares[j], 100);
      cells.push_back(hidden ? ".." : share ? FormatDecimal(*share, 1, lang) : "–");
      if (!hidden && share) {
        shares += fmt::format("{}{} {}", shares.empty() ? "" : ", ",
                              head.choice_labels[j].Get(lang), FormatPercent(*share, 0, lang));
      }
      if (int(j) == dont_know) {
        row.apart = hidden ? std::nullopt : share;
      } else if (hidden || total.valid_hidden) {
        row.segments.push_back(std::nullopt);
      } else {
        row.segments.push_back(Rounded(total.valid_shares[j], 100));
      }
    }
    AddRow(table, row.label, cells);
    described += fmt::format("{}{}: {}", described.empty() ? "" : "; ", row.label, shares);
    rows.push_back(std::move(row));
  }
  text.description = T("res_battery_desc", lang, {described});
  View figure;
  figure.Set("title", text.title);
  figure.Set("svg", rating ? DivergingChart(text, legend, apart, rows)
                           : StackedChart(text, legend, apart, rows));
  figure.Set("table", std::move(table));
  if (any_hidden) {
    figure.Set("suppressed_note", T("res_suppressed", lang, {std::to_string(input.k)}));
  }
  figure.List("downloads");
  View view;
  view.Set("id", "battery-" + head.group);
  view.Set("heading", head.group_label.Get(lang));
  view.Set("explanation", T(rating ? "res_battery_rating" : "res_battery_choice", lang,
                            {std::to_string(count)}));
  view.Set("figure", std::move(figure));
  return view;
}

// A question's block: its figure (not when `drawn` is false: an item of
// a battery, drawn with the battery), its table, its breakdowns.
View QuestionView(const ReleaseInput& input, const ReleaseQuestion& question, Lang lang,
                  Numbering& numbering, bool drawn = true) {
  const ReleaseTable& overall = input.tables[question.overall];
  const QuestionTable& table = overall.table;
  const std::string note = T("res_suppressed", lang, {std::to_string(input.k)});
  View view;
  view.Set("id", "q-" + table.column->name);
  view.Set("question", table.column->label.Get(lang));
  view.Set("coverage", stats::CoverageLine(table.coverage, lang));
  auto figure = [&](const ReleaseTable& shown, const std::string& title,
                    const std::string& number, bool draw) {
    ChartText text;
    text.lang = lang;
    text.id = "fig-" + number;
    std::replace_if(
        text.id.begin(), text.id.end(), [](char c) { return c == '.' || c == ' '; }, '-');
    text.title = fmt::format("{} {}: {}", T("res_figure", lang), number, title);
    text.description = Describe(shown.table, lang);
    text.unit = shown.table.Total().shares.empty() ? "" : "%";
    View out;
    if (draw) {
      out.Set("title", text.title);
      out.Set("svg", Figure(shown.table, lang, text));
    }
    auto published = Publish(shown.table, lang);
    bool any_hidden = false;
    if (published) {
      any_hidden = std::find(published->hidden.begin(), published->hidden.end(), true) !=
                   published->hidden.end();
      out.Set("table",
              DataTable(*published, shown.table, lang,
                        draw ? T("res_table_of", lang, {T("res_figure", lang) + " " + number})
                             : T("res_table_number", lang, {number, title})));
    }
    if (any_hidden) out.Set("suppressed_note", note);
    if (published && !published->merged.empty()) out.Set("merged_note", published->merged);
    // Excel's own CSV first: most readers open the table in a spreadsheet.
    const std::pair<const char*, std::string> formats[] = {
        {"excel.csv", T("res_format_excel_csv", lang)},
        {"xlsx", "XLSX"},
        {"csv", "CSV"},
        {"json", "JSON-stat"},
        {"px", "PX"}};
    for (const auto& [format, label] : formats) {
      View link;
      link.Set("href", fmt::format("../{}.{}.{}", shown.stem, Lang2(lang), format));
      link.Set("label", label);
      out.Add("downloads", std::move(link));
    }
    return out;
  };
  const bool rating = table.kind == TableKind::kRating && !table.Total().shares.empty();
  view.Set("figure", figure(overall, FigureSubject(table, lang), numbering.Next(), drawn));
  if (rating && SummaryPublishable(table.Total()) && !std::isnan(table.Total().mean.estimate)) {
    const GroupResult& total = table.Total();
    view.Set("summary",
             T("res_rating_mean", lang,
               {FormatDecimal(total.mean.estimate, 2, lang),
                IntervalText(total.mean, 2, lang),
                FormatNumberText(fmt::format("{:g}", table.column->scale_min), lang) + "–" +
                    FormatNumberText(fmt::format("{:g}", table.column->scale_max), lang),
                Percent(total.top2.estimate)}));
  }
  if (table.kind == TableKind::kAmount && SummaryPublishable(table.Total()) &&
      !std::isnan(table.Total().mean.estimate)) {
    const GroupResult& total = table.Total();
    std::string summary =
        table.column->index
            ? T("res_index_summary", lang,
                {FormatDecimal(total.mean.estimate, 1, lang), IntervalText(total.mean, 1, lang),
                 FormatDecimal(total.median, 1, lang),
                 FormatDecimal(total.lower_quartile, 1, lang) + "–" +
                     FormatDecimal(total.upper_quartile, 1, lang)})
            : T("res_amount_summary", lang,
                {FormatDecimal(total.mean.estimate, 1, lang), IntervalText(total.mean, 1, lang),
                 FormatDecimal(total.median, 1, lang),
                 FormatDecimal(total.total.estimate, 0, lang)});
    if (DrawnPerInhabitant(table)) {
      const int decimals = table.column->per_inhabitant_decimals;
      summary += " " + T("res_amount_per_inhabitant", lang,
                         {FormatDecimal(total.per_inhabitant.estimate, decimals, lang),
                          table.column->per_inhabitant_unit.Get(lang),
                          IntervalText(total.per_inhabitant, decimals, lang)});
    }
    view.Set("summary", summary);
  }
  for (size_t index : question.breakdowns) {
    const ReleaseTable& shown = input.tables[index];
    View breakdown;
    breakdown.Set("label", T("res_breakdown", lang, {shown.table.by_label.Get(lang)}));
    breakdown.Set("figure",
                  figure(shown, fmt::format("{} ({})", FigureSubject(table, lang),
                                            shown.table.by_label.Get(lang)),
                         numbering.Part(), true));
    view.Add("breakdowns", std::move(breakdown));
  }
  return view;
}

struct Pages {
  const ReleaseInput& input;
  int version;
  std::map<std::string, std::string> files;

  // The page at LANG/NAME in every language, its content from `content`.
  template <typename Content>
  void Add(const std::string& name, const std::string& nav, Content content) {
    for (Lang lang : kAllLangs) {
      auto [title, body] = content(lang);
      View layout;
      layout.Set("lang", Lang2(lang));
      layout.Set("title", title);
      layout.Set("round_title", input.title.Get(lang));
      layout.Set("root", "../");
      // Where the page is on the site (kartla serve's, and nginx's in
      // docs/deployment.md), for the source line of a printed page.
      layout.Set("address", fmt::format("/results/{}/v{}/{}/{}", input.round, version, Lang2(lang),
                                        name));
      layout.Set("content", body);
      for (Lang other : kAllLangs) {
        View link;
        link.Set("code", Lang2(other));
        link.Set("name", std::string(LanguageName(other)));
        link.Set("href", fmt::format("../{}/{}", Lang2(other), name));
        link.Set("current", other == lang);
        layout.Add("languages", std::move(link));
      }
      for (const auto& [key, target] : std::vector<std::pair<std::string, std::string>>{
               {"res_front", "index.html"}, {"res_methods", "methods.html"},
               {"res_trends", "trends.html"}}) {
        View item;
        item.Set("href", target);
        item.Set("label", T(key, lang));
        item.Set("current", key == nav);
        layout.Add("nav", std::move(item));
      }
      layout.Set("footer", T("res_release_line", lang,
                             {std::to_string(input.stage), std::to_string(version),
                              FormatIsoDay(input.date, lang)}));
      if (!input.note.empty()) layout.Set("correction", T("res_correction", lang, {input.note}));
      files[fmt::format("{}/{}", Lang2(lang), name)] =
          Templates::Builtin().Render("results_layout", layout, lang);
    }
  }
};

// The round's stages ({{#stages}}): number, name, fieldwork dates,
// publication date, and whether this release publishes it.
void AddStages(View& view, const ReleaseInput& input, Lang lang) {
  for (const ReleaseStage& stage : input.stages) {
    View row;
    row.Set("number", std::to_string(stage.number));
    row.Set("name", stage.name.Get(lang));
    row.Set("fieldwork",
            FormatIsoDay(stage.opens, lang) + " – " + FormatIsoDay(stage.closes, lang));
    row.Set("publishes", FormatIsoDay(stage.publishes, lang));
    row.Set("status", T(stage.published ? "res_published" : "res_coming", lang));
    view.Add("stages", std::move(row));
  }
}

// The headline results the settings choose ({{#headlines}}), as the front
// page leads with them: the figure (a share, or an amount in its unit),
// what it says, whose answers and its interval, and the question it comes
// from. One this release does not publish (its stage is to come), or
// whose figure disclosure control hides, is passed over.
void AddHeadlines(View& view, const ReleaseInput& input, Lang lang) {
  for (const Headline& headline : input.headlines) {
    const ReleaseSection* found_section = nullptr;
    const QuestionTable* found = nullptr;
    for (const ReleaseSection& section : input.sections) {
      if (section.target_group != headline.target_group) continue;
      for (const ReleaseQuestion& question : section.questions) {
        const QuestionTable& table = input.tables[question.overall].table;
        if (table.column->name != headline.question) continue;
        found_section = &section;
        found = &table;
      }
    }
    if (!found) continue;
    const QuestionTable& table = *found;
    const stats::DatasetColumn& column = *table.column;
    const GroupResult& total = table.Total();
    std::string figure, unit, says, interval;
    int base = total.base;
    auto choice = std::find(column.choices.begin(), column.choices.end(), headline.choice);
    if (choice != column.choices.end() && !total.shares.empty()) {
      const size_t j = size_t(choice - column.choices.begin());
      if (total.hidden[j] || std::isnan(total.shares[j].estimate)) continue;
      const stats::Figure& share = total.shares[j];
      figure = FormatPercent(100 * share.estimate, 0, lang);
      interval = ShareIntervalText(share, lang);
      says = fmt::format("{}: {}", column.label.Get(lang), column.choice_labels[j].Get(lang));
    } else if (table.kind == TableKind::kRating) {
      if (!SummaryPublishable(total) || std::isnan(total.top2.estimate)) continue;
      figure = FormatPercent(100 * total.top2.estimate, 0, lang);
      interval = ShareIntervalText(total.top2, lang);
      says = T("res_headline_top_two", lang, {column.label.Get(lang)});
      base = total.valid;
    } else if (table.kind == TableKind::kAmount) {
      if (total.summary_hidden || std::isnan(total.mean.estimate)) continue;
      const bool per_inhabitant = DrawnPerInhabitant(table);
      const stats::Figure& amount = per_inhabitant ? total.per_inhabitant : total.mean;
      const int decimals = per_inhabitant ? column.per_inhabitant_decimals : 1;
      figure = FormatDecimal(amount.estimate, decimals, lang);
      if (per_inhabitant) unit = column.per_inhabitant_unit.Get(lang);
      interval = IntervalText(amount, decimals, lang);
      if (per_inhabitant) interval += " " + column.per_inhabitant_unit.Get(lang);
      says = FigureSubject(table, lang);
      base = total.valid;
    } else {
      continue;
    }
    View item;
    item.Set("figure", figure);
    item.Set("unit", unit);
    item.Set("says", headline.text.Get(lang).empty() ? says : headline.text.Get(lang));
    item.Set("base", T("res_headline_base", lang,
                       {found_section->group_label.Get(lang), FormatInteger(base, lang),
                        interval}));
    item.Set("href", SectionPage(*found_section) + "#q-" + column.name);
    item.Set("question", column.label.Get(lang));
    view.Add("headlines", std::move(item));
  }
}

View FrontPage(const ReleaseInput& input, Lang lang, int version) {
  View view;
  view.Set("title", input.title.Get(lang));
  view.Set("questionnaires", !input.questionnaires.empty());
  for (const MethodsGroup& group : input.methods) {
    View row;
    row.Set("label", group.label.Get(lang));
    row.Set("invited", FormatInteger(group.invited, lang));
    row.Set("submitted", FormatInteger(group.submitted, lang));
    row.Set("rate", Percent(group.rr1));
    if (input.questionnaires.contains(group.code)) {
      row.Set("questionnaire", QuestionnairePage(group.code));
    }
    view.Add("groups", std::move(row));
  }
  AddStages(view, input, lang);
  AddHeadlines(view, input, lang);
  for (const ReleaseSection& section : input.sections) {
    View item;
    item.Set("href", SectionPage(section));
    item.Set("title", fmt::format("{}. {}", section.number, section.title.Get(lang)));
    item.Set("group", section.group_label.Get(lang));
    const size_t questions = section.questions.size();
    item.Set("questions", T(questions == 1 ? "res_question_count_one" : "res_question_count",
                            lang, {std::to_string(questions)}));
    view.Add("sections", std::move(item));
  }
  view.List("sections");
  view.Set("manifest", "../manifest.json");
  // The same numbers for programs: the release's tables through the API.
  view.Set("api", fmt::format("/api/v1/releases/{}-v{}/tables", input.round, version));
  // Who publishes it, whom to ask, its licence, how to cite it.
  view.Set("publisher", input.publisher.Get(lang));
  view.Set("contact", input.contact.Get(lang));
  view.Set("licence", input.licence.Get(lang));
  view.Set("licence_url", input.licence_url);
  const std::string title = input.title.Get(lang);
  view.Set("cite", T("res_cite_line", lang,
                     {input.publisher.Get(lang).empty() ? title
                                                        : input.publisher.Get(lang) + ": " + title,
                      std::to_string(input.stage), std::to_string(version),
                      FormatIsoDay(input.date, lang),
                      fmt::format("/results/{}/v{}/", input.round, version)}));
  return view;
}

View MethodsPage(const ReleaseInput& input, Lang lang) {
  View view;
  for (const MethodsGroup& group : input.methods) {
    View g;
    g.Set("label", group.label.Get(lang));
    g.Set("response", T("res_response_line", lang,
                        {FormatInteger(group.submitted, lang), FormatInteger(group.invited, lang),
                         Percent(group.rr1), FormatInteger(group.opened, lang)}));
    g.Set("weighting", group.weighting.Get(lang));
    for (const LocalizedText& note : group.weighting_notes) {
      g.Add("notes", View::Text(note.Get(lang)));
    }
    g.List("notes");
    for (const MethodsIndex& index : group.indices) {
      View x;
      x.Set("label", index.label.Get(lang));
      const std::string count = std::to_string(index.items.size());
      x.Set("method", T(index.weights.empty() ? "res_index_method" : "res_index_method_weighted",
                        lang, {index.label.Get(lang), count}));
      x.Set("stem", index.group.Get(lang));  // a battery's question, said once
      for (size_t i = 0; i < index.items.size(); ++i) {
        std::string item = index.items[i].Get(lang);
        if (!index.weights.empty()) {
          item += " (" + T("res_index_weight", lang, {FormatNumberText(fmt::format("{:g}", index.weights[i]), lang)}) + ")";
        }
        if (index.reversed[i]) item += " " + T("res_index_reversed", lang);
        x.Add("items", View::Text(item));
      }
      x.Set("needed", T("res_index_needed", lang, {std::to_string(index.needed), count,
                                                   FormatInteger(index.scored, lang)}));
      if (!std::isnan(index.alpha)) {
        x.Set("alpha", T("res_index_alpha", lang, {FormatDecimal(index.alpha, 2, lang),
                                                   FormatDecimal(index.standardized_alpha, 2, lang)}));
      }
      g.Add("indices", std::move(x));
    }
    for (const MethodsDimension& dimension : group.dimensions) {
      View d;
      d.Set("label", dimension.label.Get(lang));
      if (!dimension.merge_note.Get(lang).empty()) d.Set("merge_note", dimension.merge_note.Get(lang));
      d.Set("json", fmt::format("../methods/{}.by-{}.{}.json", group.code, dimension.id,
                                LangCode(lang)));
      d.Set("r", std::isnan(dimension.r_indicator)
                     ? std::string()
                     : T("res_r_line", lang, {FormatDecimal(dimension.r_indicator, 3, lang),
                                              FormatDecimal(dimension.cv, 3, lang)}));
      for (const MethodsCategory& category : dimension.categories) {
        View c;
        c.Set("label", Heading(category.label.Get(lang)));
        c.Set("invited", FormatInteger(category.invited, lang));
        c.Set("answered", category.hidden ? ".." : FormatInteger(category.answered, lang));
        c.Set("rate", category.hidden        ? ".."
                      : category.invited > 0 ? Percent(double(category.answered) / category.invited)
                                             : "–");
        c.Set("partial", std::isnan(category.partial)
                             ? "–"
                             : (category.partial >= 0 ? "+" : "") +
                                   FormatDecimal(category.partial, 3, lang));
        d.Add("categories", std::move(c));
      }
      g.Add("dimensions", std::move(d));
    }
    view.Add("groups", std::move(g));
  }
  AddStages(view, input, lang);
  view.Set("disclosure", T("res_disclosure_rule", lang, {std::to_string(input.k),
                                                         std::to_string(input.small_group)}));
  return view;
}

View TrendsPage(const ReleaseInput& input, Lang lang) {
  View view;
  int number = 1;
  for (const ReleaseSection& section : input.sections) {
    for (const ReleaseQuestion& question : section.questions) {
      if (question.earlier.empty()) continue;
      const QuestionTable& now = input.tables[question.overall].table;
      const stats::DatasetColumn& column = *now.column;
      std::vector<std::string> rounds;
      std::vector<const QuestionTable*> tables;
      for (const TrendPoint& point : question.earlier) {
        rounds.push_back(point.label);
        tables.push_back(&point.table);
      }
      rounds.push_back(std::to_string(input.year));
      tables.push_back(&now);
      // A line per choice (its share of the valid answers, matched by the
      // choice's name), or the mean.
      std::vector<Line> lines;
      const bool shares = !now.Total().shares.empty();
      if (shares) {
        for (size_t j = 0; j < column.choices.size(); ++j) {
          if (int(j) == column.dont_know) continue;
          Line line;
          line.label = column.choice_labels[j].Get(lang);
          for (const QuestionTable* table : tables) {
            const auto& choices = table->column->choices;
            auto found = std::find(choices.begin(), choices.end(), column.choices[j]);
            size_t at = size_t(found - choices.begin());
            const GroupResult& total = table->Total();
            line.values.push_back(found == choices.end() || at >= total.valid_shares.size() ||
                                          total.hidden[at] || total.valid_hidden
                                      ? std::nullopt
                                      : Rounded(total.valid_shares[at], 100));
          }
          lines.push_back(std::move(line));
        }
      } else {
        Line line;
        line.label = T("res_mean", lang);
        for (const QuestionTable* table : tables) {
          line.values.push_back(!SummaryPublishable(table->Total()) ? std::nullopt
                                                              : Rounded(table->Total().mean, 1));
        }
        lines.push_back(std::move(line));
      }
      double max = 100;
      if (!shares) {
        max = 0;
        for (const Line& line : lines) {
          for (const auto& value : line.values) max = std::max(max, value.value_or(0));
        }
        max = column.rating ? column.scale_max : std::ceil(max * 1.2);
      }
      std::string figure_number = fmt::format("T.{}", number++);
      ChartText text;
      text.lang = lang;
      text.id = "trend-" + std::to_string(number);
      text.title = fmt::format("{} {}: {}", T("res_figure", lang), figure_number,
                               column.label.Get(lang));
      text.unit = shares ? "%" : "";
      View q;
      q.Set("question", column.label.Get(lang));
      q.Set("group", section.group_label.Get(lang));
      std::vector<std::string> heads = rounds;
      View table = TableView(T("res_table_of", lang, {T("res_figure", lang) + " " +
                                                      figure_number}),
                             shares ? T("res_choice", lang) : "", heads);
      std::string described;
      for (const Line& line : lines) {
        std::vector<std::string> cells;
        for (const auto& value : line.values) {
          cells.push_back(!value ? "–" : FormatDecimal(*value, shares ? 0 : 2, lang));
        }
        AddRow(table, line.label + (shares ? " (%)" : ""), cells);
        described += fmt::format("{}{}: {}", described.empty() ? "" : "; ", line.label,
                                 fmt::join(cells, ", "));
      }
      text.description =
          T("res_trend_desc", lang, {fmt::format("{}", fmt::join(rounds, ", ")), described});
      q.Set("title", text.title);
      q.Set("svg", LineChart(text, rounds, lines, max));
      q.Set("table", std::move(table));
      q.Set("section_href", SectionPage(section) + "#q-" + column.name);
      // The base of every share, said: the section's own figure counts
      // "don't know" in; the trend leaves it out, so that rounds whose
      // share of it differs compare.
      if (!shares) {
        q.Set("base", T("res_trend_base_mean", lang));
      } else if (column.dont_know >= 0) {
        q.Set("base", T("res_trend_base_valid", lang,
                        {column.choice_labels[column.dont_know].Get(lang)}));
      } else {
        q.Set("base", T("res_trend_base_all", lang));
      }
      view.Add("questions", std::move(q));
    }
  }
  view.List("questions");
  return view;
}

std::string StaticFile(std::string_view name) {
  for (const EmbeddedFile& file : StaticFiles()) {
    if (file.path.ends_with(name)) return std::string(file.contents);
  }
  return {};
}

}  // namespace

std::map<std::string, std::string> RenderSite(const ReleaseInput& input, int version) {
  const Templates& templates = Templates::Builtin();
  Pages pages{input, version, {}};
  pages.Add("index.html", "res_front", [&](Lang lang) {
    return std::pair{input.title.Get(lang),
                     templates.Render("results_front", FrontPage(input, lang, version), lang)};
  });
  for (const ReleaseSection& section : input.sections) {
    pages.Add(SectionPage(section), "", [&](Lang lang) {
      View view;
      std::string title = fmt::format("{}. {}", section.number, section.title.Get(lang));
      view.Set("title", title);
      view.Set("group", section.group_label.Get(lang));
      Numbering numbering{section.number};
      for (size_t i = 0; i < section.questions.size();) {
        const size_t battery = BatteryLength(input, section.questions, i);
        std::optional<View> together;
        if (battery > 1) together = BatteryView(input, section.questions, i, battery, lang, numbering);
        for (size_t end = i + battery; i < end; ++i) {
          View question = QuestionView(input, section.questions[i], lang, numbering, battery == 1);
          if (together) question.Set("battery", std::move(*together));
          together.reset();
          view.Add("questions", std::move(question));
        }
      }
      return std::pair{title + " – " + section.group_label.Get(lang),
                       templates.Render("results_section", view, lang)};
    });
  }
  for (const auto& printed : input.questionnaires) {
    // (Not a structured binding: clang 15, building the fuzz targets, cannot capture one.)
    const std::string& group = printed.first;
    const LocalizedText& questionnaire = printed.second;
    pages.Add(QuestionnairePage(group), "", [&](Lang lang) {
      std::string label = group;
      for (const MethodsGroup& methods : input.methods) {
        if (methods.code == group) label = methods.label.Get(lang);
      }
      return std::pair{T("res_questionnaire_title", lang, {label}), questionnaire.Get(lang)};
    });
  }
  pages.Add("methods.html", "res_methods", [&](Lang lang) {
    return std::pair{T("res_methods", lang),
                     templates.Render("results_methods", MethodsPage(input, lang), lang)};
  });
  pages.Add("trends.html", "res_trends", [&](Lang lang) {
    return std::pair{T("res_trends", lang),
                     templates.Render("results_trends", TrendsPage(input, lang), lang)};
  });
  View choice;
  choice.Set("title", input.title.Get(Lang::kEn));
  for (Lang lang : kAllLangs) {
    View link;
    link.Set("code", Lang2(lang));
    link.Set("href", Lang2(lang) + "/index.html");
    link.Set("title", input.title.Get(lang));
    link.Set("name", std::string(LanguageName(lang)));
    choice.Add("languages", std::move(link));
  }
  pages.files["index.html"] = templates.Render("results_languages", choice, Lang::kEn);
  pages.files["kartla.css"] = StaticFile("kartla.css");
  pages.files["results.css"] = StaticFile("results.css");
  return std::move(pages.files);
}

}  // namespace kartla::publish
