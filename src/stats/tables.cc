#include "stats/tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace kartla::stats {
namespace {

bool Answered(const DatasetColumn& column, size_t i) {
  switch (column.kind) {
    case DatasetColumn::Kind::kChoice: return column.codes[i] >= 0;
    case DatasetColumn::Kind::kMultiple: return column.bits[i] != 0;
    case DatasetColumn::Kind::kNumber: return !std::isnan(column.numbers[i]);
    case DatasetColumn::Kind::kText: return !column.texts[i].empty();
  }
  return false;
}

bool IsDontKnow(const DatasetColumn& column, size_t i) {
  if (column.dont_know < 0) return false;
  if (column.kind == DatasetColumn::Kind::kChoice) return column.codes[i] == column.dont_know;
  if (column.kind == DatasetColumn::Kind::kMultiple) {
    return column.bits[i] == uint64_t(1) << column.dont_know;
  }
  return false;
}

TableKind KindOf(const DatasetColumn& column) {
  switch (column.kind) {
    case DatasetColumn::Kind::kChoice:
      return column.rating ? TableKind::kRating : TableKind::kChoice;
    case DatasetColumn::Kind::kMultiple: return TableKind::kMultiple;
    case DatasetColumn::Kind::kNumber:
      return column.rating ? TableKind::kRating : TableKind::kAmount;
    case DatasetColumn::Kind::kText: return TableKind::kText;
  }
  return TableKind::kText;
}

Figure ShareFigure(const Estimate& estimate, double df) {
  Figure figure{estimate.estimate, estimate.se, LogitInterval(estimate, df), false};
  return figure;
}

Figure MeanFigure(const Estimate& estimate, double df) {
  return {estimate.estimate, estimate.se, TInterval(estimate, df), false};
}

// Hides the summaries of groups under k valid answers; if exactly one is
// hidden while the total is published, the population counts and the
// total would give it away, so the next smallest group's goes too.
void HideSmallSummaries(std::vector<GroupResult>& groups, const DisclosureRules& rules) {
  const size_t lines = groups.size() - 1;
  int hidden = 0;
  for (GroupResult& group : groups) {
    group.summary_hidden = group.valid > 0 && group.valid < rules.k;
    if (&group != &groups.back()) hidden += group.summary_hidden;
  }
  if (hidden == 1 && !groups.back().summary_hidden) {
    GroupResult* next = nullptr;
    for (size_t g = 0; g < lines; ++g) {
      GroupResult& group = groups[g];
      if (group.summary_hidden || group.valid == 0) continue;
      if (!next || group.valid < next->valid) next = &group;
    }
    if (next) next->summary_hidden = true;
  }
  for (GroupResult& group : groups) {
    if (!group.summary_hidden) continue;
    group.mean.hidden = group.top2.hidden = group.total.hidden = true;
    group.median = group.lower_quartile = group.upper_quartile = kMissing;
  }
}

}  // namespace

double WeightedQuantile(std::span<const double> values, std::span<const double> weights,
                        double p) {
  std::vector<std::pair<double, double>> sorted;
  double sum = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) continue;
    sorted.emplace_back(values[i], weights[i]);
    sum += weights[i];
  }
  if (sorted.empty()) return kMissing;
  std::sort(sorted.begin(), sorted.end());
  double cumulative = 0;
  for (const auto& [value, weight] : sorted) {
    cumulative += weight;
    if (cumulative >= p * sum * (1 - 1e-12)) return value;
  }
  return sorted.back().first;
}

std::string CoverageLine(const Coverage& coverage, Lang lang) {
  auto percent = [](int part, int whole) {
    return whole > 0 ? fmt::format("{:.0f} %", 100.0 * part / whole) : std::string("–");
  };
  std::string answered = percent(coverage.answered, coverage.respondents);
  std::string scope = percent(coverage.organisations, coverage.in_scope);
  switch (lang) {
    case Lang::kFi:
      return fmt::format("Vastasi {} / {} vastaajaa ({}); {} kaikista kohdeorganisaatioista.",
                         coverage.answered, coverage.respondents, answered, scope);
    case Lang::kSv:
      return fmt::format("Besvarad av {} av {} svarande ({}); {} av alla organisationer i "
                         "målgruppen.",
                         coverage.answered, coverage.respondents, answered, scope);
    case Lang::kEn: break;
  }
  return fmt::format("Answered by {} of {} respondents ({}); {} of all organisations in scope.",
                     coverage.answered, coverage.respondents, answered, scope);
}

QuestionTable Tabulate(const Dataset& dataset, const DatasetColumn& column, const Design& design,
                       const DatasetDimension* by, const DisclosureRules& rules) {
  QuestionTable table;
  table.column = &column;
  table.kind = KindOf(column);
  if (table.kind == TableKind::kText) by = nullptr;  // never broken down
  table.by = by;
  const size_t n = dataset.rows;
  const size_t lines = by ? by->categories.size() : 0;

  // Coverage.
  std::set<std::string_view> organisations;
  for (size_t i = 0; i < n; ++i) {
    if (!Answered(column, i)) continue;
    ++table.coverage.answered;
    organisations.insert(dataset.organisations[i]);
  }
  table.coverage.respondents = int(n);
  table.coverage.organisations = int(organisations.size());
  table.coverage.in_scope = int(dataset.population.size());

  // The lines: each category, then the total.
  std::vector<std::vector<bool>> domains(lines + 1, std::vector<bool>(n, false));
  for (size_t i = 0; i < n; ++i) {
    if (by && by->codes[i] >= 0) domains[size_t(by->codes[i])][i] = true;
    domains[lines][i] = true;
  }
  table.groups.resize(lines + 1);
  for (size_t g = 0; g <= lines; ++g) {
    GroupResult& group = table.groups[g];
    group.code = g < lines ? by->categories[g] : "total";
    group.label = g < lines ? by->category_labels[g] : LocalizedText{"Kaikki", "Alla", "All"};
    for (size_t i = 0; i < n; ++i) {
      if (!domains[g][i] || !Answered(column, i)) continue;
      ++group.base;
      group.valid += !IsDontKnow(column, i);
    }
  }
  if (table.kind == TableKind::kText) return table;
  // Who in each line answered, and answered other than "don't know": the
  // subsets whose degrees of freedom the intervals use (as R's subset()).
  std::vector<std::vector<bool>> answering = domains, valid = domains;
  for (size_t g = 0; g <= lines; ++g) {
    for (size_t i = 0; i < n; ++i) {
      answering[g][i] = domains[g][i] && Answered(column, i);
      valid[g][i] = answering[g][i] && !IsDontKnow(column, i);
    }
  }

  // Choices: counts and hidden cells from the unweighted distribution,
  // weighted shares of the base and of the valid answers.
  if (column.kind == DatasetColumn::Kind::kChoice ||
      column.kind == DatasetColumn::Kind::kMultiple) {
    auto distribution = Distribute(dataset, column, by, rules);
    for (const AuditFinding& finding : AuditDistribution(*distribution, rules)) {
      table.audit.push_back(fmt::format(
          "{}: {} / {}: {}", column.name, distribution->groups[size_t(finding.group)],
          finding.category < 0 ? "base" : distribution->categories[size_t(finding.category)],
          finding.problem));
    }
    const bool multiple = column.kind == DatasetColumn::Kind::kMultiple;
    std::vector<double> y(n), valid_y(n);
    for (size_t g = 0; g <= lines; ++g) {
      GroupResult& group = table.groups[g];
      group.counts = distribution->counts[g];
      group.hidden = distribution->suppressed[g];
      const double df = design.DegreesOfFreedom(&answering[g]);
      const double valid_df = design.DegreesOfFreedom(&valid[g]);
      for (size_t j = 0; j < column.choices.size(); ++j) {
        for (size_t i = 0; i < n; ++i) {
          bool chosen = multiple ? (column.bits[i] >> j & 1) != 0 : column.codes[i] == int(j);
          y[i] = answering[g][i] ? double(chosen) : kMissing;
          valid_y[i] = valid[g][i] ? double(chosen) : kMissing;
        }
        Figure share = ShareFigure(design.Mean(y, &domains[g]), df);
        Figure valid_share = int(j) == column.dont_know
                                 ? Figure{}
                                 : ShareFigure(design.Mean(valid_y, &domains[g]), valid_df);
        share.hidden = valid_share.hidden = group.hidden[j];
        group.shares.push_back(share);
        group.valid_shares.push_back(valid_share);
      }
      group.valid_hidden = column.dont_know >= 0 && group.hidden[size_t(column.dont_know)];
    }
  }

  // Ratings and amounts: summaries of the valid answers.
  if (table.kind == TableKind::kRating || table.kind == TableKind::kAmount) {
    std::vector<double> values(n), top(n);
    // The two highest values of the scale: 4 and 5 of 1 … 5.
    const double top_from = column.scale_max - column.scale_step - 1e-9;
    for (size_t i = 0; i < n; ++i) {
      values[i] = column.kind == DatasetColumn::Kind::kNumber ? column.numbers[i]
                                                               : column.RatingValue(i);
      top[i] = std::isnan(values[i]) ? kMissing : double(values[i] >= top_from);
    }
    for (size_t g = 0; g <= lines; ++g) {
      GroupResult& group = table.groups[g];
      if (group.valid == 0) continue;
      const double df = design.DegreesOfFreedom(&valid[g]);
      group.mean = MeanFigure(design.Mean(values, &domains[g]), df);
      std::vector<double> in_group(n, kMissing);
      for (size_t i = 0; i < n; ++i) {
        if (domains[g][i]) in_group[i] = values[i];
      }
      group.median = WeightedQuantile(in_group, design.weights(), 0.5);
      group.lower_quartile = WeightedQuantile(in_group, design.weights(), 0.25);
      group.upper_quartile = WeightedQuantile(in_group, design.weights(), 0.75);
      if (table.kind == TableKind::kRating) {
        group.top2 = ShareFigure(design.Mean(top, &domains[g]), df);
      } else {
        group.total = MeanFigure(design.Total(values, &domains[g]), df);
      }
    }
    HideSmallSummaries(table.groups, rules);
    for (GroupResult& group : table.groups) {
      // All or none in the top two, in a small group, tells each one's answer.
      if (table.kind == TableKind::kRating && group.valid > 0 &&
          group.valid < rules.small_group &&
          (group.top2.estimate == 0 || group.top2.estimate == 1)) {
        group.top2.hidden = true;
      }
    }
    for (size_t g = 0; g < table.groups.size(); ++g) {
      const GroupResult& group = table.groups[g];
      if (!group.summary_hidden && group.valid > 0 && group.valid < rules.k) {
        table.audit.push_back(fmt::format("{}: {}: a mean of {} answers is published",
                                          column.name, group.code, group.valid));
      }
    }
  }
  return table;
}

SplitTable TabulateSplit(const Dataset& dataset, std::string_view name, const Design& design,
                         const DisclosureRules& rules) {
  SplitTable table;
  table.name = std::string(name);
  table.parts = dataset.SplitParts(name);
  if (table.parts.empty()) return table;
  table.total = table.parts.front()->split_total;
  std::vector<bool> adds_up(dataset.rows, false);
  for (size_t i = 0; i < dataset.rows; ++i) {
    double sum = 0;
    bool all = true;
    for (const DatasetColumn* part : table.parts) {
      all = all && !std::isnan(part->numbers[i]);
      sum += all ? part->numbers[i] : 0;
    }
    if (!all) continue;
    ++table.answered_all;
    adds_up[i] = std::abs(sum - table.total) < 1e-9 * std::max(1.0, table.total);
    table.adding_up += adds_up[i];
  }
  const double df = design.DegreesOfFreedom(&adds_up);
  for (const DatasetColumn* part : table.parts) {
    Figure mean = MeanFigure(design.Mean(part->numbers, &adds_up), df);
    mean.hidden = table.adding_up < rules.k;
    table.means.push_back(mean);
  }
  return table;
}

}  // namespace kartla::stats
