#include "stats/tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <limits>
#include <optional>
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

// A share's figure; `n`, the respondents it is a share of, gives the
// interval at 0 % and 100 % (ShareInterval).
Figure ShareFigure(const Estimate& estimate, double df, int n) {
  Figure figure{estimate.estimate, estimate.se, ShareInterval(estimate, df, n), false};
  return figure;
}

int Count(const std::vector<bool>& rows) { return int(std::count(rows.begin(), rows.end(), true)); }

Figure MeanFigure(const Estimate& estimate, double df) {
  return {estimate.estimate, estimate.se, TInterval(estimate, df), false};
}

// The lines of a breakdown, their respondents, and how they add up.
struct Lines {
  std::vector<GroupResult> results;            // code, label, kind
  std::vector<std::vector<bool>> domains;      // each line's rows, the total last
  std::vector<std::vector<bool>> unpublished;  // rows no published line holds alone
  // A line (`whole`) that is the sum of others and of unpublished rows.
  struct Sum {
    std::vector<size_t> parts;
    std::vector<size_t> outside;
    size_t whole = 0;
  };
  std::vector<Sum> sums;
  LocalizedText label;
};

Lines LinesOf(const Dataset& dataset, const Breakdown& by) {
  Lines lines;
  const size_t n = dataset.rows;
  auto add = [&](LineKind kind, std::string code, LocalizedText label) {
    GroupResult line;
    line.kind = kind;
    line.code = std::move(code);
    line.label = std::move(label);
    lines.results.push_back(std::move(line));
    lines.domains.emplace_back(n, false);
    return lines.results.size() - 1;
  };
  if (by.first && by.second) {
    const DatasetDimension &a = *by.first, &b = *by.second;
    for (Lang lang : kAllLangs) {
      lines.label.Mutable(lang) = a.label.Get(lang) + " × " + b.label.Get(lang);
    }
    const size_t a_count = a.categories.size(), b_count = b.categories.size();
    for (size_t x = 0; x < a_count; ++x) {
      for (size_t y = 0; y < b_count; ++y) {
        LocalizedText label;
        for (Lang lang : kAllLangs) {
          label.Mutable(lang) =
              a.category_labels[x].Get(lang) + " × " + b.category_labels[y].Get(lang);
        }
        add(LineKind::kCell, a.categories[x] + "*" + b.categories[y], std::move(label));
      }
    }
    for (size_t x = 0; x < a_count; ++x) add(LineKind::kMargin, a.categories[x], a.category_labels[x]);
    for (size_t y = 0; y < b_count; ++y) add(LineKind::kMargin, b.categories[y], b.category_labels[y]);
    const size_t margins_a = a_count * b_count, margins_b = margins_a + a_count;
    const size_t total = add(LineKind::kTotal, "total", {"Kaikki", "Alla", "All"});
    lines.unpublished.assign(a_count + b_count + 1, std::vector<bool>(n, false));
    for (size_t i = 0; i < n; ++i) {
      int x = a.codes[i], y = b.codes[i];
      lines.domains[total][i] = true;
      if (x >= 0 && y >= 0) lines.domains[size_t(x) * b_count + size_t(y)][i] = true;
      if (x >= 0) lines.domains[margins_a + size_t(x)][i] = true;
      if (y >= 0) lines.domains[margins_b + size_t(y)][i] = true;
      size_t outside = x >= 0 ? size_t(x) : y >= 0 ? a_count + size_t(y) : a_count + b_count;
      if (x < 0 || y < 0) lines.unpublished[outside][i] = true;
    }
    Lines::Sum by_a{{}, {a_count + b_count}, total}, by_b{{}, {a_count + b_count}, total};
    for (size_t x = 0; x < a_count; ++x) {
      Lines::Sum row{{}, {x}, margins_a + x};
      for (size_t y = 0; y < b_count; ++y) row.parts.push_back(x * b_count + y);
      lines.sums.push_back(std::move(row));
      by_a.parts.push_back(margins_a + x);
      by_b.outside.push_back(x);
    }
    for (size_t y = 0; y < b_count; ++y) {
      Lines::Sum column{{}, {a_count + y}, margins_b + y};
      for (size_t x = 0; x < a_count; ++x) column.parts.push_back(x * b_count + y);
      lines.sums.push_back(std::move(column));
      by_b.parts.push_back(margins_b + y);
      by_a.outside.push_back(a_count + y);
    }
    lines.sums.push_back(std::move(by_a));
    lines.sums.push_back(std::move(by_b));
    return lines;
  }
  if (by.first) {
    const DatasetDimension& a = *by.first;
    lines.label = a.label;
    std::vector<std::vector<std::string>> make_up = LineMakeUp(a);
    for (size_t x = 0; x < a.categories.size(); ++x) {
      add(LineKind::kGroup, a.categories[x], a.category_labels[x]);
      lines.results.back().members = std::move(make_up[x]);
    }
  }
  const size_t total = add(LineKind::kTotal, "total", {"Kaikki", "Alla", "All"});
  lines.unpublished.assign(1, std::vector<bool>(n, false));
  Lines::Sum sum{{}, {0}, total};
  for (size_t g = 0; g < total; ++g) sum.parts.push_back(g);
  for (size_t i = 0; i < n; ++i) {
    lines.domains[total][i] = true;
    int x = by.first ? by.first->codes[i] : -1;
    if (x >= 0) lines.domains[size_t(x)][i] = true;
    else lines.unpublished[0][i] = true;
  }
  if (total > 0) lines.sums.push_back(std::move(sum));
  return lines;
}

// The summaries' equations: a line's weighted sum is the sum of its parts'
// (population counts are public), so the summaries are audited as a
// LinearTable of weighted sums. A line's cost is its valid answers; a
// margin's more, the total line's infinite.
SummaryEquations SummaryEquationsOf(const std::vector<GroupResult>& groups, const Lines& lines,
                                    const std::vector<double>& line_weight,
                                    const std::vector<double>& outside_weight) {
  const size_t count = groups.size(), outside = lines.unpublished.size();
  SummaryEquations out;
  LinearTable& table = out.sums;
  table.values.assign(count + outside, 0);
  double scale = 0;
  for (double w : line_weight) scale = std::max(scale, w);
  if (scale <= 0) scale = 1;
  for (const Lines::Sum& sum : lines.sums) {
    std::vector<LinearTable::Term> equation;
    for (size_t part : sum.parts) {
      if (line_weight[part] > 0) equation.push_back({int(part), line_weight[part] / scale});
    }
    for (size_t u : sum.outside) {
      if (outside_weight[u] > 0) equation.push_back({int(count + u), outside_weight[u] / scale});
    }
    if (line_weight[sum.whole] > 0) {
      equation.push_back({int(sum.whole), -line_weight[sum.whole] / scale});
    }
    table.equations.push_back(std::move(equation));
  }
  out.cost.assign(count + outside, std::numeric_limits<double>::infinity());
  for (size_t l = 0; l < count; ++l) {
    const GroupResult& group = groups[l];
    if (group.kind != LineKind::kTotal && group.valid > 0) {
      out.cost[l] = group.valid + (group.kind == LineKind::kMargin ? 1e3 : 0);
    }
  }
  // Rows outside every line are never published: hidden from the start.
  out.unpublished.assign(count + outside, false);
  for (size_t u = 0; u < outside; ++u) out.unpublished[count + u] = outside_weight[u] > 0;
  return out;
}

// The bounds argument: with answers that cannot be negative, an equation
// whose whole is known (shown, or known to be 0) and whose shown parts
// already make it up leaves each hidden part at exactly 0, known to the
// reader as if shown. The hidden values so pinned, and per equation
// whether it pins any.
struct ZeroPins {
  std::vector<bool> pinned;
  std::vector<bool> pinning;  // per equation
};
ZeroPins PinnedAtZero(const SummaryEquations& equations, const std::vector<bool>& least,
                      const std::vector<bool>& hidden) {
  ZeroPins out{std::vector<bool>(hidden.size(), false),
               std::vector<bool>(equations.sums.equations.size(), false)};
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t e = 0; e < equations.sums.equations.size(); ++e) {
      const std::vector<LinearTable::Term>& equation = equations.sums.equations[e];
      bool whole_known = false, room = false, any = false;
      for (const LinearTable::Term& term : equation) {
        const size_t v = size_t(term.value);
        const bool known = !hidden[v] || out.pinned[v];
        if (term.coefficient < 0) whole_known = known;
        else if (!known) any = true, room = room || !least[v];
      }
      if (!whole_known || !any || room) continue;
      for (const LinearTable::Term& term : equation) {
        if (term.coefficient > 0 && hidden[size_t(term.value)]) out.pinned[size_t(term.value)] = true;
      }
      out.pinning[e] = changed = true;
    }
  }
  return out;
}

// Protects `protect` as ProtectValues does, and then from the bounds too:
// while a value of `protect` is pinned at 0, or can be worked out with the
// pinned ones known, each pinning equation's cheapest shown part whose sum
// is above 0 is hidden as well (it leaves the hidden ones room from 0 up
// to its sum), and the rank test is run again. Nullopt if it cannot be
// done.
std::optional<std::vector<bool>> ProtectWithBounds(const SummaryEquations& equations,
                                                   const std::vector<bool>& least,
                                                   std::vector<bool> hidden,
                                                   const std::vector<bool>& protect) {
  for (;;) {
    auto safe = ProtectValues(equations.sums, hidden, protect, equations.cost);
    if (!safe || !equations.non_negative) return safe;
    const ZeroPins pins = PinnedAtZero(equations, least, *safe);
    std::vector<bool> known_hidden = *safe;
    bool given_away = false;
    for (size_t v = 0; v < known_hidden.size(); ++v) {
      if (!pins.pinned[v]) continue;
      known_hidden[v] = false;
      given_away = given_away || protect[v];
    }
    for (int v : DisclosedValues(equations.sums, known_hidden)) {
      given_away = given_away || protect[size_t(v)];
    }
    if (!given_away) return safe;
    hidden = *safe;
    bool hid = false;
    for (size_t e = 0; e < pins.pinning.size(); ++e) {
      if (!pins.pinning[e]) continue;
      int cheapest = -1;
      for (const LinearTable::Term& term : equations.sums.equations[e]) {
        const size_t v = size_t(term.value);
        if (term.coefficient < 0 || hidden[v] || least[v] ||
            !std::isfinite(equations.cost[v])) {
          continue;
        }
        if (cheapest < 0 || equations.cost[v] < equations.cost[size_t(cheapest)]) cheapest = int(v);
      }
      if (cheapest >= 0) hidden[size_t(cheapest)] = hid = true;
    }
    if (!hid) return std::nullopt;
  }
}

}  // namespace

void HideSummaries(QuestionTable& table, const std::vector<bool>& also,
                   const DisclosureRules& rules, const std::vector<bool>& at_least) {
  if (!table.summary_equations) return;
  const SummaryEquations& equations = *table.summary_equations;
  std::vector<GroupResult>& groups = table.groups;
  const size_t count = groups.size(), values = equations.sums.values.size();
  std::vector<bool> hidden(values, false), protect(values, false);
  for (size_t l = 0; l < count; ++l) {
    const GroupResult& group = groups[l];
    const bool asked = l < also.size() && also[l];
    hidden[l] = protect[l] = group.valid > 0 && (group.valid < rules.k || asked);
    hidden[l] = hidden[l] || (group.valid > 0 && group.summary_hidden);
  }
  for (size_t u = count; u < values; ++u) hidden[u] = equations.unpublished[u];
  // Each value's sum at the least a reader knows it can be: 0, or what an
  // earlier version showed of the line.
  std::vector<bool> least = equations.zero;
  for (size_t l = 0; l < at_least.size() && l < least.size(); ++l) {
    least[l] = least[l] || at_least[l];
  }
  auto safe = ProtectWithBounds(equations, least, std::move(hidden), protect);
  for (size_t l = 0; l < count; ++l) {
    GroupResult& group = groups[l];
    group.summary_hidden = !safe || (*safe)[l];
    if (group.valid == 0) group.summary_hidden = false;
    if (!group.summary_hidden) continue;
    group.mean.hidden = group.top2.hidden = group.total.hidden = true;
    group.per_inhabitant.hidden = true;
    group.median = group.lower_quartile = group.upper_quartile = kMissing;
  }
  for (GroupResult& group : groups) {
    // All or none in the top two, in a small group, tells each one's answer.
    if (table.kind == TableKind::kRating && group.valid > 0 &&
        group.valid < rules.small_group &&
        (group.top2.estimate == 0 || group.top2.estimate == 1)) {
      group.top2.hidden = true;
    }
  }
  for (size_t l = 0; l < count; ++l) {
    const GroupResult& group = groups[l];
    const bool asked = l < also.size() && also[l];
    if (!group.summary_hidden && group.valid > 0 && (group.valid < rules.k || asked)) {
      table.audit.push_back(fmt::format("{}: {}: a mean of {} answers is published",
                                        table.column ? table.column->name : std::string(),
                                        group.code, group.valid));
    }
  }
}

namespace {

// The lines of `now` and of an earlier version's (`then`, by code) that hold
// the same organisations (MatchMakeUp), with the earlier ones' summaries.
struct SummaryMatch {
  std::vector<size_t> now;
  std::vector<const SummaryShown*> then;
};
std::vector<SummaryMatch> MatchSummaries(const QuestionTable& now,
                                         const std::map<std::string, SummaryShown>& then) {
  std::vector<std::string> then_codes, now_codes;
  std::vector<std::vector<std::string>> then_members, now_members;
  std::vector<const SummaryShown*> then_lines;
  for (const auto& [code, line] : then) {
    then_codes.push_back(code);
    then_members.push_back(line.members);
    then_lines.push_back(&line);
  }
  for (const GroupResult& line : now.groups) {
    now_codes.push_back(line.code);
    now_members.push_back(line.members);
  }
  std::vector<SummaryMatch> out;
  for (const LineMatch& match : MatchMakeUp(then_codes, then_members, now_codes, now_members)) {
    SummaryMatch& linked = out.emplace_back();
    linked.now = match.now;
    for (size_t l : match.then) linked.then.push_back(then_lines[l]);
  }
  return out;
}

}  // namespace

std::vector<int> SummariesTellingNewcomers(const QuestionTable& now,
                                           const std::map<std::string, SummaryShown>& then,
                                           int k) {
  std::vector<int> out(now.groups.size(), 0);
  for (const SummaryMatch& match : MatchSummaries(now, then)) {
    int since = 0;
    bool shown = true;
    for (const SummaryShown* line : match.then) {
      since -= line->valid;
      shown = shown && line->shown;
    }
    if (!shown) continue;
    // One line to hide: the new version's, or of several, one hidden
    // already (its sum then stays unknown) or the one of the fewest answers.
    size_t hide = match.now.front();
    for (size_t l : match.now) {
      const GroupResult& line = now.groups[l];
      since += line.valid;
      const GroupResult& chosen = now.groups[hide];
      if (chosen.summary_hidden) continue;
      if (line.summary_hidden || line.valid < chosen.valid) hide = l;
    }
    if (since > 0 && since < k) out[hide] = since;
  }
  return out;
}

std::vector<bool> SummariesAtTheirLeast(const QuestionTable& now,
                                        const std::map<std::string, SummaryShown>& then) {
  std::vector<bool> out(now.groups.size(), false);
  if (!now.summary_equations) return out;
  const std::vector<double>& sums = now.summary_equations->answered_sum;
  for (const SummaryMatch& match : MatchSummaries(now, then)) {
    double sum_then = 0, sum_now = 0;
    bool shown = true;
    for (const SummaryShown* line : match.then) {
      sum_then += line->sum;
      shown = shown && line->shown;
    }
    for (size_t l : match.now) sum_now += l < sums.size() ? sums[l] : 0.0;
    if (!shown || match.now.back() >= sums.size()) continue;
    if (std::abs(sum_now - sum_then) > 1e-9 * std::max(1.0, std::abs(sum_now))) continue;
    for (size_t l : match.now) out[l] = true;
  }
  return out;
}

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
  std::string answered = FormatPercentOf(coverage.answered, coverage.respondents);
  std::string scope = FormatPercentOf(coverage.organisations, coverage.in_scope);
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
                       const Breakdown& breakdown, const DisclosureRules& rules) {
  QuestionTable table;
  table.column = &column;
  table.kind = KindOf(column);
  // Open text is never broken down.
  const Breakdown by = table.kind == TableKind::kText ? Breakdown() : breakdown;
  const size_t n = dataset.rows;
  Lines lines = LinesOf(dataset, by);
  table.broken_down = by.first != nullptr;
  table.by_label = lines.label;
  if (by.first && !by.second) {
    for (Lang lang : kAllLangs) table.merge_note.Mutable(lang) = MergeNote(*by.first, lang);
  }
  const size_t count = lines.results.size();
  const std::vector<std::vector<bool>>& domains = lines.domains;

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

  table.groups = std::move(lines.results);
  for (size_t g = 0; g < count; ++g) {
    GroupResult& group = table.groups[g];
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
  for (size_t g = 0; g < count; ++g) {
    for (size_t i = 0; i < n; ++i) {
      answering[g][i] = domains[g][i] && Answered(column, i);
      valid[g][i] = answering[g][i] && !IsDontKnow(column, i);
    }
  }

  // Choices: counts and hidden cells from the unweighted distribution,
  // weighted shares of the base and of the valid answers.
  if (column.kind == DatasetColumn::Kind::kChoice ||
      column.kind == DatasetColumn::Kind::kMultiple) {
    auto distribution = by.second
                            ? DistributeCrossed(dataset, column, *by.first, *by.second, rules)
                            : Distribute(dataset, column, by.first, rules);
    table.distribution = std::make_shared<const Distribution>(*distribution);
    for (const AuditFinding& finding : AuditDistribution(*distribution, rules)) {
      table.audit.push_back(fmt::format(
          "{}: {} / {}: {}", column.name, distribution->groups[size_t(finding.group)],
          finding.category < 0 ? "base" : distribution->categories[size_t(finding.category)],
          finding.problem));
    }
    const bool multiple = column.kind == DatasetColumn::Kind::kMultiple;
    std::vector<double> y(n), valid_y(n);
    for (size_t g = 0; g < count; ++g) {
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
        Figure share = ShareFigure(design.Mean(y, &domains[g]), df, Count(answering[g]));
        Figure valid_share =
            int(j) == column.dont_know
                ? Figure{}
                : ShareFigure(design.Mean(valid_y, &domains[g]), valid_df, Count(valid[g]));
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
    // Per inhabitant: the answers in the unit's scale, over the
    // inhabitants (a weighted sum like the total, hidden with it).
    std::vector<double> scaled;
    if (table.kind == TableKind::kAmount && column.per_inhabitant > 0 &&
        dataset.inhabitants.size() == n) {
      for (double value : values) scaled.push_back(value * column.per_inhabitant);
    }
    for (size_t g = 0; g < count; ++g) {
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
        int rated = 0;
        for (size_t i = 0; i < n; ++i) rated += domains[g][i] && !std::isnan(top[i]);
        group.top2 = ShareFigure(design.Mean(top, &domains[g]), df, rated);
      } else {
        group.total = MeanFigure(design.Total(values, &domains[g]), df);
        // Only where every valid answer's organisation has a known
        // population: with the mean, one over a part of the line would
        // tell the sum of the rest (a joint authority's answer).
        bool known = !scaled.empty();
        for (size_t i = 0; known && i < n; ++i) {
          known = !(domains[g][i] && !std::isnan(values[i]) && std::isnan(dataset.inhabitants[i]));
        }
        if (known) {
          group.per_inhabitant =
              MeanFigure(design.Ratio(scaled, dataset.inhabitants, &domains[g]), df);
        }
      }
    }
    // The weighted size of each line's valid answers, and of the rows
    // outside every line.
    auto weight_of = [&](const std::vector<bool>& rows) {
      double sum = 0;
      for (size_t i = 0; i < n; ++i) {
        if (rows[i] && !std::isnan(values[i])) sum += design.weights()[i];
      }
      return sum;
    };
    std::vector<double> line_weight, outside_weight;
    for (const std::vector<bool>& rows : domains) line_weight.push_back(weight_of(rows));
    for (const std::vector<bool>& rows : lines.unpublished) outside_weight.push_back(weight_of(rows));
    SummaryEquations equations = SummaryEquationsOf(table.groups, lines, line_weight, outside_weight);
    // What a reader knows of the bounds: answers of 0 or more (an amount
    // that has no negative answer), and whose sums are 0.
    auto zero = [&](const std::vector<bool>& rows) {
      for (size_t i = 0; i < n; ++i) {
        if (rows[i] && !std::isnan(values[i]) && values[i] != 0) return false;
      }
      return true;
    };
    equations.non_negative = table.kind == TableKind::kAmount &&
                             std::ranges::none_of(values, [](double v) { return v < 0; });
    auto answered_sum = [&](const std::vector<bool>& rows) {
      double sum = 0;
      for (size_t i = 0; i < n; ++i) {
        if (rows[i] && !std::isnan(values[i])) sum += values[i];
      }
      return sum;
    };
    for (const std::vector<bool>& rows : domains) {
      equations.zero.push_back(zero(rows));
      equations.answered_sum.push_back(answered_sum(rows));
    }
    for (const std::vector<bool>& rows : lines.unpublished) equations.zero.push_back(zero(rows));
    table.summary_equations = std::make_shared<const SummaryEquations>(std::move(equations));
    HideSummaries(table, {}, rules);
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
