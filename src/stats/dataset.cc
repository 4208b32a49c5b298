#include "stats/dataset.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <span>

#include "stats/interval_audit.h"

namespace kartla::stats {
namespace {

using forms::ItemType;

DatasetColumn::Kind KindOf(const forms::Item& item, const forms::ChoiceList* list) {
  switch (item.type) {
    case ItemType::kSelectOne: return DatasetColumn::Kind::kChoice;
    case ItemType::kSelectMultiple:
      return list && list->choices.size() <= 64 ? DatasetColumn::Kind::kMultiple
                                                : DatasetColumn::Kind::kText;
    case ItemType::kInteger:
    case ItemType::kDecimal:
    case ItemType::kRange: return DatasetColumn::Kind::kNumber;
    default: return DatasetColumn::Kind::kText;
  }
}

const forms::ChoiceList* ListOf(const forms::Form& form, const forms::Item& item) {
  for (const forms::ChoiceList& list : form.lists) {
    if (list.name == item.list_name) return &list;
  }
  return nullptr;
}

// Whether `count` of a group's `base` respondents may not be published on
// its own: too few, or (in a small group) all or none of them. For a
// multiple choice the respondents who did not choose it count too.
bool Unsafe(int count, int base, bool multiple, const DisclosureRules& rules) {
  if (count > 0 && count < rules.k) return true;
  if (multiple && base - count > 0 && base - count < rules.k) return true;
  return base > 0 && base < rules.small_group && (count == 0 || count == base);
}

// Where each number of a distribution lies among the values of its
// LinearTable: the cells of its lines (the groups, or the crossed cells and
// both margins, then the total), line by line; then the lines' bases; then
// the lines of respondents that no published line holds alone (counts,
// then base), never published; then, for a multiple choice, each published
// cell's complement (the line's respondents who did not choose it), which
// is as sensitive as the cell.
struct Layout {
  size_t lines = 0;  // published lines, the total last
  size_t choices = 0;
  size_t unpublished = 0;
  size_t first = 0, second = 0;  // crossed: the dimensions' sizes
  bool complements = false;

  // The lines whose bases another publication hides, if any: their sum
  // is known there (all who answered less the published lines), so it is
  // one more published value, the last.
  bool private_sum = false;

  explicit Layout(const Distribution& table)
      : lines(table.groups.size()),
        choices(table.categories.size()),
        unpublished(table.unpublished.size()),
        first(table.crossed ? table.crossed->first : 0),
        second(table.crossed ? table.crossed->second : 0),
        complements(table.multiple) {
    for (size_t l = 0; l + 1 < lines && l < table.private_bases.size(); ++l) {
      private_sum = private_sum || table.private_bases[l];
    }
  }
  int PrivateSum() const {
    return int((lines + unpublished) * (choices + 1) + (complements ? lines * choices : 0));
  }

  // Choice j of line l; j == choices is the base.
  int Value(size_t l, size_t j) const {
    return int(j < choices ? l * choices + j : lines * choices + l);
  }
  int Unpublished(size_t u, size_t j) const {
    return int(lines * (choices + 1) + u * (choices + 1) + j);
  }
  int Complement(size_t l, size_t j) const {
    return int((lines + unpublished) * (choices + 1) + l * choices + j);
  }
  size_t size() const { return size_t(PrivateSum()) + (private_sum ? 1 : 0); }
  bool IsUnpublished(int value) const {
    return value >= Unpublished(0, 0) && value < Complement(0, 0);
  }
  AuditFinding Place(int value) const {
    if (value < int(lines * choices)) {
      return {int(size_t(value) / choices), int(size_t(value) % choices), ""};
    }
    if (value >= Complement(0, 0)) {
      size_t c = size_t(value - Complement(0, 0));
      return {int(c / choices), int(c % choices), ""};
    }
    return {value - int(lines * choices), -1, ""};
  }
};

// The equations a reader of the published table knows: each line's cells
// add up to its base (not for a multiple choice); each choice's (and the
// bases') cells over the groups and the respondents in none add up to the
// total line; crossed, the cells of a category add up to its margin, and
// each margin's lines to the total.
LinearTable Equations(const Distribution& table, const Layout& layout) {
  LinearTable out;
  out.values.assign(layout.size(), 0);
  for (size_t l = 0; l < layout.lines; ++l) {
    for (size_t j = 0; j < layout.choices; ++j) out.values[size_t(layout.Value(l, j))] = table.counts[l][j];
    out.values[size_t(layout.Value(l, layout.choices))] = table.base[l];
  }
  for (size_t u = 0; u < layout.unpublished; ++u) {
    for (size_t j = 0; j < layout.choices; ++j) out.values[size_t(layout.Unpublished(u, j))] = table.unpublished[u][j];
    out.values[size_t(layout.Unpublished(u, layout.choices))] = table.unpublished_base[u];
  }
  if (layout.complements) {
    // Who did not choose it: base − count, its own value.
    for (size_t l = 0; l < layout.lines; ++l) {
      for (size_t j = 0; j < layout.choices; ++j) {
        out.values[size_t(layout.Complement(l, j))] = table.base[l] - table.counts[l][j];
        out.equations.push_back({{layout.Value(l, j), 1},
                                 {layout.Complement(l, j), 1},
                                 {layout.Value(l, layout.choices), -1}});
      }
    }
  }
  if (layout.private_sum) {
    // The methods page gives the sum of the lines it hides.
    std::vector<LinearTable::Term> sum;
    int value = 0;
    for (size_t l = 0; l + 1 < layout.lines && l < table.private_bases.size(); ++l) {
      if (!table.private_bases[l]) continue;
      sum.push_back({layout.Value(l, layout.choices), 1});
      value += table.base[l];
    }
    out.values[size_t(layout.PrivateSum())] = value;
    sum.push_back({layout.PrivateSum(), -1});
    out.equations.push_back(std::move(sum));
  }
  if (!table.multiple) {
    for (size_t l = 0; l < layout.lines + layout.unpublished; ++l) {
      std::vector<LinearTable::Term> row;
      for (size_t j = 0; j <= layout.choices; ++j) {
        row.push_back({l < layout.lines ? layout.Value(l, j)
                                        : layout.Unpublished(l - layout.lines, j),
                       j < layout.choices ? 1.0 : -1.0});
      }
      out.equations.push_back(std::move(row));
    }
  }
  const size_t total = layout.lines - 1;
  for (size_t j = 0; j <= layout.choices; ++j) {
    if (!table.crossed) {
      if (total == 0) break;
      std::vector<LinearTable::Term> column;
      for (size_t g = 0; g < total; ++g) column.push_back({layout.Value(g, j), 1});
      column.push_back({layout.Unpublished(0, j), 1});
      column.push_back({layout.Value(total, j), -1});
      out.equations.push_back(std::move(column));
      continue;
    }
    // Crossed: cells a*second + b; margins of the first, of the second;
    // unpublished: in a but no b, in b but no a, in neither.
    const size_t a_count = layout.first, b_count = layout.second;
    const size_t margins_a = a_count * b_count, margins_b = margins_a + a_count;
    for (size_t a = 0; a < a_count; ++a) {
      std::vector<LinearTable::Term> margin;
      for (size_t b = 0; b < b_count; ++b) margin.push_back({layout.Value(a * b_count + b, j), 1});
      margin.push_back({layout.Unpublished(a, j), 1});
      margin.push_back({layout.Value(margins_a + a, j), -1});
      out.equations.push_back(std::move(margin));
    }
    for (size_t b = 0; b < b_count; ++b) {
      std::vector<LinearTable::Term> margin;
      for (size_t a = 0; a < a_count; ++a) margin.push_back({layout.Value(a * b_count + b, j), 1});
      margin.push_back({layout.Unpublished(a_count + b, j), 1});
      margin.push_back({layout.Value(margins_b + b, j), -1});
      out.equations.push_back(std::move(margin));
    }
    std::vector<LinearTable::Term> by_first, by_second;
    for (size_t a = 0; a < a_count; ++a) {
      by_first.push_back({layout.Value(margins_a + a, j), 1});
      by_second.push_back({layout.Unpublished(a, j), 1});
    }
    for (size_t b = 0; b < b_count; ++b) {
      by_second.push_back({layout.Value(margins_b + b, j), 1});
      by_first.push_back({layout.Unpublished(a_count + b, j), 1});
    }
    for (auto* sum : {&by_first, &by_second}) {
      sum->push_back({layout.Unpublished(a_count + b_count, j), 1});
      sum->push_back({layout.Value(total, j), -1});
      out.equations.push_back(std::move(*sum));
    }
  }
  return out;
}

// The values a distribution hides. The unpublished lines are never shown,
// but a reader knows the counts of one without respondents are 0.
// With `cells`, those cells hidden instead of the table's own.
std::vector<bool> Hidden(const Distribution& table, const Layout& layout,
                         const std::vector<std::vector<bool>>* cells = nullptr) {
  const std::vector<std::vector<bool>>& suppressed = cells ? *cells : table.suppressed;
  std::vector<bool> hidden(layout.size(), false);
  for (size_t l = 0; l < layout.lines; ++l) {
    for (size_t j = 0; j < layout.choices; ++j) hidden[size_t(layout.Value(l, j))] = suppressed[l][j];
    hidden[size_t(layout.Value(l, layout.choices))] = table.base_suppressed[l];
    if (!layout.complements) continue;
    for (size_t j = 0; j < layout.choices; ++j) {
      hidden[size_t(layout.Complement(l, j))] = suppressed[l][j] || table.base_suppressed[l];
    }
  }
  for (size_t u = 0; u < layout.unpublished; ++u) {
    if (table.unpublished_base[u] == 0) continue;
    for (size_t j = 0; j <= layout.choices; ++j) hidden[size_t(layout.Unpublished(u, j))] = true;
  }
  return hidden;
}

// How far up the range of a hidden count of a distribution must reach: k,
// or everyone who answered when fewer did (a reader who knows that 3
// answered knows every count is at most 3; that tells nothing of anyone).
int RangeNeeded(const Distribution& table, const DisclosureRules& rules) {
  return std::clamp(table.base.back(), 1, std::max(rules.k, 1));
}

// The reach of each value: RangeNeeded, or with public bases no more than
// its line's base.
Reach ReachOf(const Distribution& table, const Layout& layout, const DisclosureRules& rules) {
  const int needed = RangeNeeded(table, rules);
  if (!table.public_bases) return needed;
  std::vector<int> each(layout.size(), needed);
  for (size_t l = 0; l < layout.lines; ++l) {
    const int reach = std::clamp(table.base[l], 1, needed);
    for (size_t j = 0; j < layout.choices; ++j) {
      each[size_t(layout.Value(l, j))] = reach;
      if (layout.complements) each[size_t(layout.Complement(l, j))] = reach;
    }
  }
  return Reach(std::move(each));
}

// The values no reader may recover exactly: the cells the rules hide on
// their own (Unsafe) with, for a multiple choice, their complements, and
// the bases of lines of 1 … k−1 respondents (fewer than all who answered).
// Cells hidden only to protect
// these need no protection of their own (as τ-ARGUS's primary cells).
std::vector<bool> Sensitive(const Distribution& table, const Layout& layout,
                            const DisclosureRules& rules) {
  std::vector<bool> sensitive(layout.size(), false);
  for (size_t l = 0; l < layout.lines; ++l) {
    for (size_t j = 0; j < layout.choices; ++j) {
      if (!Unsafe(table.counts[l][j], table.base[l], table.multiple, rules)) continue;
      sensitive[size_t(layout.Value(l, j))] = true;
      if (layout.complements) sensitive[size_t(layout.Complement(l, j))] = true;
    }
    if (!table.public_bases && l + 1 < layout.lines && table.base[l] > 0 &&
        table.base[l] < RangeNeeded(table, rules)) {
      sensitive[size_t(layout.Value(l, layout.choices))] = true;
    }
    if (l < table.private_bases.size() && table.private_bases[l] && table.base[l] > 0) {
      sensitive[size_t(layout.Value(l, layout.choices))] = true;
    }
  }
  return sensitive;
}

// The hidden values a reader knows anyway: an equation with one hidden
// value fixes it, and one whose hidden values all count the same way and
// whose published ones leave nothing for them fixes each at 0 (counts are
// never negative: a column whose total is 0). Repeated until nothing
// more is found. Publishing a value known this way leaves every range
// the attacker can derive as it was.
std::vector<bool> KnownValues(const LinearTable& equations, const std::vector<bool>& hidden) {
  std::vector<bool> known(hidden.size());
  for (size_t v = 0; v < hidden.size(); ++v) known[v] = !hidden[v];
  for (bool more = true; more;) {
    more = false;
    for (const auto& equation : equations.equations) {
      double rest = 0;
      int unknown = 0, positive = 0;
      for (const LinearTable::Term& term : equation) {
        if (known[size_t(term.value)]) {
          rest -= term.coefficient * equations.values[size_t(term.value)];
        } else {
          ++unknown;
          positive += term.coefficient > 0;
        }
      }
      if (unknown == 0) continue;
      if (unknown == 1 || (rest == 0 && (positive == 0 || positive == unknown))) {
        for (const LinearTable::Term& term : equation) known[size_t(term.value)] = true;
        more = true;
      }
    }
  }
  return known;
}

// What hiding a number costs, in the information a reader loses: first
// how many numbers (a cell 1, a margin of a crossed table 2, a total-line
// cell 10, a line's base 100), then how large they are: the count over
// `scale`, more than all the counts that can be hidden together, so that
// fewer numbers always cost less than more, and of as many, smaller counts
// less than larger (a hidden 0 half a respondent).
double CellPrice(const Distribution& table, const Layout& layout, size_t l, size_t j, double scale) {
  const size_t total = layout.lines - 1;
  const size_t cells = table.crossed ? layout.first * layout.second : total;
  const double numbers = l == total ? 10 : l >= cells ? 2 : 1;
  const int count = table.counts[l][j];
  return numbers + (count > 0 ? count : 0.5) / scale;
}
double BasePrice(const Distribution& table, size_t l, double scale) {
  return 100 + table.base[l] / scale;
}
// A scale for CellPrice over `tables`: one more than all their counts and
// bases together.
double PriceScale(std::span<const Distribution> tables) {
  double sum = 1;
  for (const Distribution& table : tables) {
    for (size_t l = 0; l < table.counts.size(); ++l) {
      for (int count : table.counts[l]) sum += std::max(count, 0) + 0.5;
      sum += std::max(table.base[l], 0);
    }
  }
  return sum;
}

// Disclosure control of a counted distribution: the primary rules in each
// line, rectangles of complements within the groups of a single dimension,
// then the audit of the whole table, hiding the cheapest further number
// until no hidden one can be recovered (cells before margins, margins
// before the total line, bases last, never the total base).
// With `total_line`, the total line is hidden as the overall table of the
// same question hides it, and nothing more of it: a reader has both tables,
// so a total cell hidden here but published there would protect nothing.
void Protect(Distribution& table, const DisclosureRules& rules,
             const std::vector<bool>* total_line = nullptr) {
  const Layout layout(table);
  const size_t total = layout.lines - 1;
  table.suppressed.assign(layout.lines, std::vector<bool>(layout.choices, false));
  table.base_suppressed.assign(layout.lines, false);
  for (size_t l = 0; l < layout.lines; ++l) {
    for (size_t j = 0; j < layout.choices; ++j) {
      table.suppressed[l][j] = Unsafe(table.counts[l][j], table.base[l], table.multiple, rules);
    }
  }
  if (total_line && total_line->size() == layout.choices) table.suppressed[total] = *total_line;
  std::vector<std::vector<bool>> by_rules = table.suppressed;
  if (!table.crossed && total > 0) {
    CountTable inner{int(total), int(layout.choices), {}};
    std::vector<bool> primary;
    for (size_t g = 0; g < total; ++g) {
      inner.counts.insert(inner.counts.end(), table.counts[g].begin(), table.counts[g].end());
      primary.insert(primary.end(), table.suppressed[g].begin(), table.suppressed[g].end());
    }
    std::vector<bool> hidden = SecondarySuppression(inner, std::move(primary));
    for (size_t g = 0; g < total; ++g) {
      for (size_t j = 0; j < layout.choices; ++j) table.suppressed[g][j] = hidden[g * layout.choices + j];
    }
  }
  // A line of 1 … k−1 respondents is not shown at all: whatever else it
  // hid, its published base would tell that each of its counts is under k.
  for (size_t l = 0; l < total && !table.public_bases; ++l) {
    if (table.base[l] > 0 && table.base[l] < rules.k) {
      table.suppressed[l].assign(layout.choices, true);
      table.base_suppressed[l] = true;
    }
  }
  for (size_t l = 0; l < total && l < table.private_bases.size(); ++l) {
    if (table.private_bases[l] && table.base[l] > 0) table.base_suppressed[l] = true;
  }
  const LinearTable equations = Equations(table, layout);
  std::vector<bool> hidden = Hidden(table, layout);
  // What the rules hide on their own, lines of 1 … k−1 whole: where the
  // least protection starts.
  for (size_t l = 0; l < total; ++l) {
    if (table.base_suppressed[l]) by_rules[l].assign(layout.choices, true);
  }
  const std::vector<bool> primary = Hidden(table, layout, &by_rules);
  constexpr double kNever = std::numeric_limits<double>::infinity();
  std::vector<double> cost(layout.size(), kNever);
  const double scale = PriceScale(std::span(&table, 1));
  for (size_t l = 0; l < layout.lines; ++l) {
    for (size_t j = 0; j < layout.choices; ++j) {
      cost[size_t(layout.Value(l, j))] =
          l == total && total_line ? kNever : CellPrice(table, layout, l, j, scale);
    }
    if (l != total && !table.public_bases) {
      cost[size_t(layout.Value(l, layout.choices))] = BasePrice(table, l, scale);
    }
  }
  // First the exact pass (no value the rules hide can be recovered), then
  // the intervals: no hidden count of 1 … k−1 may be narrowed away from 0
  // or from k (from the number who answered, when that is under k). Hiding
  // more never lets a value of the first pass be recovered again.
  const std::vector<bool> sensitive_values = Sensitive(table, layout, rules);
  const Reach reach = ReachOf(table, layout, rules);
  // The exact pass and the intervals from `pattern`, every hidden count
  // guarded (an unpublished line's are not counts a reader is shown).
  auto counts = [&](std::vector<bool> values) {
    for (size_t v = size_t(layout.Unpublished(0, 0)); v < size_t(layout.Complement(0, 0)); ++v) {
      values[v] = false;
    }
    return values;
  };
  WholeSolutions solutions;  // one pass's whole solutions answer the next's checks
  auto finish = [&](std::vector<bool> pattern) {
    auto done = ProtectValues(equations, std::move(pattern), sensitive_values, cost);
    if (done) {
      // The greedy choice alone: the least one is sought below, where it
      // may hide no base.
      const std::vector<bool> guard = counts(*done);
      done = ProtectRanges(equations, std::move(*done), guard, reach, cost, {},
                           ProtectionLimits{.choices = 0}, &solutions);
    }
    return done;
  };
  auto safe = finish(std::move(hidden));
  // The least protection from what the rules hide alone: every count of
  // 1 … k−1 ranging from 0 to k, every other value the rules hide not
  // pinned; finished as above where whole numbers or the cells it hid
  // need more. Kept where it costs less than the heuristic passes.
  const std::vector<bool> everything = counts(std::vector<bool>(layout.size(), true));
  auto price = [&](const std::vector<bool>& pattern) { return HidingCost(pattern, primary, cost); };
  ProtectionLimits limits;
  if (safe) limits.ceiling = price(*safe);
  // It hides no base the rules do not: a line's base is, where everyone
  // answered, the methods page's respondents in that line.
  std::vector<double> cells_only = cost;
  for (size_t l = 0; l < total; ++l) cells_only[size_t(layout.Value(l, layout.choices))] = kNever;
  if (auto least = ProtectLeast(equations, primary, everything, reach, cells_only, {}, limits,
                                sensitive_values);
      least && least->possible) {
    auto better = finish(std::move(least->hidden));
    if (better && (!safe || price(*better) < price(*safe))) safe = std::move(better);
  }
  if (safe) {
    // What the hidden pattern gives away anyway (a column whose published
    // total is 0) is published, unless the rules hide it on their own or
    // the total line is the overall table's.
    // A value the rules hide stays beyond the equations' reach too, as
    // the first pass left it: where publishing would let the equations
    // alone recover one, the known values of its equations stay hidden.
    const std::vector<bool> known = KnownValues(equations, *safe);
    const std::vector<bool> sensitive = Sensitive(table, layout, rules);
    std::vector<bool> publish(layout.size(), false);
    bool any = false;
    for (size_t l = 0; l < layout.lines; ++l) {
      if (l == total && total_line) continue;
      for (size_t j = 0; j <= layout.choices; ++j) {
        const size_t v = size_t(layout.Value(l, j));
        const bool unsafe = j < layout.choices && Unsafe(table.counts[l][j], table.base[l],
                                                         table.multiple, rules);
        publish[v] = (*safe)[v] && known[v] && !sensitive[v] && !unsafe;
        any = any || publish[v];
      }
    }
    while (any) {
      std::vector<bool> shown = *safe;
      for (size_t v = 0; v < shown.size(); ++v) {
        if (publish[v]) shown[v] = false;
        // A complement is hidden with its cell or its base.
        if (layout.complements && int(v) >= layout.Complement(0, 0) &&
            int(v) < layout.PrivateSum()) {
          AuditFinding place = layout.Place(int(v));
          shown[v] = shown[size_t(layout.Value(size_t(place.group), size_t(place.category)))] ||
                     shown[size_t(layout.Value(size_t(place.group), layout.choices))];
        }
      }
      std::vector<int> found = DisclosedValues(equations, shown);
      std::erase_if(found, [&](int value) { return !sensitive[size_t(value)]; });
      if (found.empty()) {
        *safe = std::move(shown);
        break;
      }
      any = false;
      for (const auto& equation : equations.equations) {
        bool touches = std::ranges::any_of(equation, [&](const LinearTable::Term& term) {
          return std::ranges::find(found, term.value) != found.end();
        });
        for (const LinearTable::Term& term : equation) {
          if (touches) publish[size_t(term.value)] = false;
        }
      }
      for (bool p : publish) any = any || p;
    }
  }
  for (size_t l = 0; l < layout.lines; ++l) {
    for (size_t j = 0; j < layout.choices; ++j) {
      // Without a safe pattern, nothing of the table is shown but how many
      // answered in all.
      table.suppressed[l][j] = !safe || (*safe)[size_t(layout.Value(l, j))];
    }
    table.base_suppressed[l] = safe ? bool((*safe)[size_t(layout.Value(l, layout.choices))])
                                    : l != total && !table.public_bases;
  }
}

}  // namespace

void ProtectDistribution(Distribution& table, const DisclosureRules& rules,
                         const std::vector<bool>* total_line) {
  Protect(table, rules, total_line);
}

namespace {

// A distribution of a choice question with nothing counted yet; nullopt
// for other questions.
std::optional<Distribution> EmptyDistribution(const DatasetColumn& column) {
  if (column.kind != DatasetColumn::Kind::kChoice &&
      column.kind != DatasetColumn::Kind::kMultiple) {
    return std::nullopt;
  }
  Distribution out;
  out.multiple = column.kind == DatasetColumn::Kind::kMultiple;
  out.categories = column.choices;
  return out;
}

int ChoiceIndex(const DatasetColumn& column, std::string_view name) {
  for (size_t j = 0; j < column.choices.size(); ++j) {
    if (column.choices[j] == name) return int(j);
  }
  return -1;
}

}  // namespace

namespace {

// A "don't know" choice: by its name, or marked in the choices sheet.
bool IsDontKnow(const forms::Choice& choice) {
  if (choice.name == "dont_know" || choice.name == "dk") return true;
  auto mark = choice.extra.find("kartla::dont_know");
  return mark != choice.extra.end() &&
         (mark->second == "yes" || mark->second == "true" || mark->second == "1");
}

}  // namespace

bool IsSplitGroup(const forms::Form& form, const forms::Item& group) {
  if (group.type != ItemType::kBeginGroup) return false;
  int numbers = 0;
  bool adds_up = false;
  for (int i = group.index + 1; i < group.group_end; ++i) {
    const forms::Item& item = form.items[size_t(i)];
    if (item.parent != group.index) continue;
    if (item.type == ItemType::kInteger || item.type == ItemType::kDecimal) {
      ++numbers;
      std::string text = item.constraint.text;
      text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
      adds_up = adds_up || text.ends_with("=100");
    }
  }
  return numbers >= 2 && adds_up;
}

double DatasetColumn::RatingValue(size_t i) const {
  if (kind == Kind::kNumber) return numbers[i];
  int code = codes[i];
  if (code < 0 || code == dont_know) return std::nan("");
  return std::strtod(choices[size_t(code)].c_str(), nullptr);
}

std::vector<const DatasetColumn*> Dataset::SplitParts(std::string_view name) const {
  std::vector<const DatasetColumn*> parts;
  for (const DatasetColumn& column : columns) {
    if (!name.empty() && column.split == name) parts.push_back(&column);
  }
  return parts;
}

const DatasetColumn* Dataset::ColumnOfSeries(std::string_view series) const {
  for (const DatasetColumn& column : columns) {
    if (column.series == series) return &column;
  }
  return Column(series);
}

const DatasetColumn* Dataset::Column(std::string_view name) const {
  for (const DatasetColumn& column : columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

const DatasetDimension* Dataset::Dimension(std::string_view id) const {
  for (const DatasetDimension& dimension : dimensions) {
    if (dimension.id == id) return &dimension;
  }
  return nullptr;
}

Dataset BuildDataset(const forms::Form& form, std::span<const RespondentAnswers> respondents,
                     const Registry& registry, std::span<const std::string> population) {
  Dataset data;
  data.rows = respondents.size();
  std::set<std::string, std::less<>> in_scope;
  for (const std::string& code : population) {
    if (in_scope.insert(code).second) data.population.push_back(code);
  }
  for (const RespondentAnswers& respondent : respondents) {
    data.organisations.push_back(respondent.organisation);
    data.roles.push_back(respondent.role);
    const Organisation* organisation = registry.Find(respondent.organisation);
    auto inhabitants = organisation ? organisation->NumberAttribute("population") : std::nullopt;
    data.inhabitants.push_back(inhabitants && *inhabitants > 0 ? *inhabitants : std::nan(""));
    if (in_scope.insert(respondent.organisation).second) {
      data.population.push_back(respondent.organisation);
    }
  }
  // Each respondent's answer to each of the dataset's questions (nullptr:
  // none), found by walking their answers and the questions' names side by
  // side, both in name order: once per respondent, not a search per answer.
  std::vector<const forms::Item*> asked;
  for (const forms::Item& item : form.items) {
    if (forms::IsQuestion(item.type) && item.type != ItemType::kRank) asked.push_back(&item);
  }
  std::vector<size_t> by_name(asked.size());
  std::iota(by_name.begin(), by_name.end(), size_t{0});
  std::ranges::sort(by_name, [&](size_t a, size_t b) { return asked[a]->name < asked[b]->name; });
  std::vector<const std::string*> answer_of(respondents.size() * asked.size(), nullptr);
  for (size_t r = 0; r < respondents.size(); ++r) {
    const std::string** row = answer_of.data() + r * asked.size();
    auto match = [&](const auto& answers) {
      auto answer = answers.begin();
      for (size_t k = 0; answer != answers.end() && k < by_name.size();) {
        const int order = answer->first.compare(asked[by_name[k]]->name);
        if (order < 0) {
          ++answer;
          continue;
        }
        if (order == 0) row[by_name[k]] = &(answer++)->second;
        ++k;
      }
    };
    if (respondents[r].answers) {
      match(*respondents[r].answers);
    } else {
      match(respondents[r].sorted);
    }
  }
  for (size_t q = 0; q < asked.size(); ++q) {
    const forms::Item& item = *asked[q];
    const forms::ChoiceList* list = forms::IsSelect(item.type) ? ListOf(form, item) : nullptr;
    DatasetColumn column;
    column.name = item.name;
    column.series = item.series.empty() ? item.name : item.series;
    column.section = item.section_of;
    column.label = form.QuestionLabel(item);  // a field of a group with its group's label
    if (const forms::Item* group = form.FieldGroupOf(item); group && !group->label.empty()) {
      column.group = group->name;
      column.group_label = group->label;
      column.field_label = item.label;
    }
    column.kind = KindOf(item, list);
    if (list && column.kind != DatasetColumn::Kind::kText) {
      for (const forms::Choice& choice : list->choices) {
        column.choices.push_back(choice.name);
        column.choice_labels.push_back(choice.label);
      }
      if (item.or_other) {
        column.choices.push_back("other");
        column.choice_labels.push_back({"Muu", "Annat", "Other"});
      }
      bool numbered = column.kind == DatasetColumn::Kind::kChoice && !item.or_other;
      double low = std::numeric_limits<double>::infinity(), high = -low;
      for (size_t j = 0; j < list->choices.size(); ++j) {
        if (IsDontKnow(list->choices[j])) {
          column.dont_know = int(j);
          continue;
        }
        const std::string& name = list->choices[j].name;
        char* end = nullptr;
        long value = std::strtol(name.c_str(), &end, 10);
        numbered = numbered && !name.empty() && end == name.c_str() + name.size();
        low = std::min(low, double(value));
        high = std::max(high, double(value));
      }
      if (numbered && high > low) {
        column.rating = true;
        column.scale_min = low;
        column.scale_max = high;
      }
    }
    if (item.type == ItemType::kRange) {
      forms::RangeBounds bounds = forms::RangeOf(item);
      column.rating = true;
      column.scale_min = bounds.start;
      column.scale_max = bounds.end;
      column.scale_step = bounds.step;
    }
    if (item.parent >= 0 && IsSplitGroup(form, form.items[size_t(item.parent)]) &&
        column.kind == DatasetColumn::Kind::kNumber) {
      column.split = form.items[size_t(item.parent)].name;
    }
    switch (column.kind) {
      case DatasetColumn::Kind::kChoice: column.codes.reserve(data.rows); break;
      case DatasetColumn::Kind::kMultiple: column.bits.reserve(data.rows); break;
      case DatasetColumn::Kind::kNumber: column.numbers.reserve(data.rows); break;
      case DatasetColumn::Kind::kText: column.texts.reserve(data.rows); break;
    }
    for (size_t r = 0; r < respondents.size(); ++r) {
      const std::string* answer = answer_of[r * asked.size() + q];
      switch (column.kind) {
        case DatasetColumn::Kind::kChoice:
          column.codes.push_back(int16_t(answer ? ChoiceIndex(column, *answer) : -1));
          break;
        case DatasetColumn::Kind::kMultiple: {
          uint64_t bits = 0;
          if (answer) {
            for (size_t start = 0; start < answer->size();) {
              size_t space = answer->find(' ', start);
              int j = ChoiceIndex(column, std::string_view(*answer).substr(
                                              start, space == std::string::npos
                                                         ? std::string::npos
                                                         : space - start));
              if (j >= 0) bits |= uint64_t(1) << j;
              if (space == std::string::npos) break;
              start = space + 1;
            }
          }
          column.bits.push_back(bits);
          break;
        }
        case DatasetColumn::Kind::kNumber: {
          double value = std::nan("");
          if (answer && !answer->empty()) {
            char* end = nullptr;
            double parsed = std::strtod(answer->c_str(), &end);
            if (end == answer->c_str() + answer->size()) value = parsed;
          }
          column.numbers.push_back(value);
          break;
        }
        case DatasetColumn::Kind::kText:
          column.texts.push_back(answer ? *answer : "");
          break;
      }
    }
    data.columns.push_back(std::move(column));
  }
  for (const kartla::Dimension& dimension : registry.dimensions()) {
    DatasetDimension out;
    out.id = dimension.id;
    out.label = dimension.label;
    std::map<std::string, int> index;
    const bool bands = dimension.rule == DimensionRule::kBands &&
                       std::ranges::all_of(dimension.categories, [](const Category& category) {
                         return category.lower_bound.has_value();
                       });
    for (const Category& category : dimension.categories) {
      index[category.code] = int(out.categories.size());
      out.categories.push_back(category.code);
      out.category_labels.push_back(category.label);
      if (bands) out.lower_bounds.push_back(*category.lower_bound);
    }
    auto classify = [&](const std::string& code) {
      const Organisation* organisation = registry.Find(code);
      auto category = organisation ? dimension.Classify(*organisation) : std::nullopt;
      auto found = category ? index.find(*category) : index.end();
      return found == index.end() ? -1 : found->second;
    };
    for (const std::string& code : data.organisations) out.codes.push_back(classify(code));
    for (const std::string& code : data.population) {
      out.population_codes.push_back(classify(code));
    }
    data.dimensions.push_back(std::move(out));
  }
  return data;
}

namespace {

// `merged`'s codes (each of `fine`'s rows and organisations in the line
// `line_of` its category) and its note of what was merged.
void FinishMerge(const DatasetDimension& fine, const std::vector<int>& line_of,
                 int min_respondents, DatasetDimension& merged) {
  auto remap = [&](const std::vector<int>& codes) {
    std::vector<int> out;
    out.reserve(codes.size());
    for (int code : codes) out.push_back(code >= 0 ? line_of[size_t(code)] : -1);
    return out;
  };
  merged.codes = remap(fine.codes);
  merged.population_codes = remap(fine.population_codes);
  merged.merged_below = min_respondents;
  merged.merged.clear();
  for (size_t line = 0; line < merged.categories.size(); ++line) {
    DatasetDimension::MergedLine held{line, {}, {}};
    bool as_it_was = false;
    for (size_t f = 0; f < line_of.size(); ++f) {
      if (line_of[f] != int(line)) continue;
      held.members.push_back(fine.category_labels[f]);
      held.codes.push_back(fine.categories[f]);
      as_it_was = fine.categories[f] == merged.categories[line];
    }
    if (!(as_it_was && held.members.size() == 1)) merged.merged.push_back(std::move(held));
  }
}

}  // namespace

DatasetDimension MergeSmallCategories(const DatasetDimension& fine,
                                      const DatasetDimension& parent, int min_respondents) {
  const size_t n = fine.categories.size();
  // Each fine category's parent category, from the organisations in both.
  std::vector<int> parent_of(n, -1);
  for (size_t i = 0; i < fine.population_codes.size() && i < parent.population_codes.size();
       ++i) {
    int f = fine.population_codes[i];
    if (f >= 0 && parent_of[size_t(f)] < 0) parent_of[size_t(f)] = parent.population_codes[i];
  }
  std::vector<int> rows(n, 0);
  for (int code : fine.codes) {
    if (code >= 0) ++rows[size_t(code)];
  }
  DatasetDimension merged;
  merged.id = fine.id;
  merged.label = fine.label;
  std::vector<int> line_of(n, -1);
  std::vector<size_t> to_other;  // fine categories of merged lines still too small
  auto add_line = [&](std::string code, LocalizedText label) {
    merged.categories.push_back(std::move(code));
    merged.category_labels.push_back(std::move(label));
    return int(merged.categories.size()) - 1;
  };
  // Parents in order, then the categories that have none.
  for (int p = 0; p <= int(parent.categories.size()); ++p) {
    const bool orphans = p == int(parent.categories.size());
    std::vector<size_t> small;
    bool kept_any = false;
    for (size_t f = 0; f < n; ++f) {
      if (orphans ? parent_of[f] >= 0 : parent_of[f] != p) continue;
      if (rows[f] >= min_respondents) {
        line_of[f] = add_line(fine.categories[f], fine.category_labels[f]);
        kept_any = true;
      } else {
        small.push_back(f);
      }
    }
    int together = 0;
    for (size_t f : small) together += rows[f];
    // Categories without a parent, too few together, or nobody at all (a
    // line of nothing tells nothing) go to the others.
    if (orphans || together == 0 || together < min_respondents) {
      to_other.insert(to_other.end(), small.begin(), small.end());
      continue;
    }
    const LocalizedText& name = parent.category_labels[size_t(p)];
    LocalizedText label =
        kept_any ? LocalizedText{"Muu " + name.fi, "Övriga " + name.sv, "Rest of " + name.en}
                 : name;
    int line = add_line(parent.categories[size_t(p)], std::move(label));
    for (size_t f : small) line_of[f] = line;
  }
  if (!to_other.empty()) {
    int line = add_line("other", LocalizedText{"Muut", "Övriga", "Others"});
    for (size_t f : to_other) line_of[f] = line;
  }
  FinishMerge(fine, line_of, min_respondents, merged);
  return merged;
}

std::vector<std::vector<std::string>> LineMakeUp(const DatasetDimension& dimension) {
  std::vector<std::vector<std::string>> out(dimension.categories.size());
  for (const DatasetDimension::MergedLine& held : dimension.merged) {
    if (held.line < out.size()) out[held.line] = held.codes;
  }
  return out;
}

std::vector<LineMatch> MatchMakeUp(const std::vector<std::string>& then_codes,
                                   const std::vector<std::vector<std::string>>& then_members,
                                   const std::vector<std::string>& now_codes,
                                   const std::vector<std::vector<std::string>>& now_members) {
  // Lines as nodes (the earlier version's, then the later's), joined where
  // they share a category; each connected part whose two sides hold the
  // same categories is a match.
  const size_t first_now = then_codes.size(), nodes = first_now + now_codes.size();
  std::vector<size_t> parent(nodes);
  std::iota(parent.begin(), parent.end(), size_t{0});
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  // Per category, the line of each side holding it (nodes; none: -1).
  std::map<std::string_view, std::pair<long, long>> holder;
  auto hold = [&](const std::vector<std::string>& codes,
                  const std::vector<std::vector<std::string>>& members, size_t offset, bool now) {
    for (size_t l = 0; l < codes.size(); ++l) {
      const bool own = l >= members.size() || members[l].empty();
      auto place = [&](std::string_view category) {
        auto [at, added] = holder.try_emplace(category, -1, -1);
        long& side = now ? at->second.second : at->second.first;
        if (side < 0) {
          side = long(offset + l);
        } else {
          parent[find(size_t(side))] = find(offset + l);  // one category in two lines
        }
      };
      if (own) {
        place(codes[l]);
      } else {
        for (const std::string& category : members[l]) place(category);
      }
    }
  };
  hold(then_codes, then_members, 0, false);
  hold(now_codes, now_members, first_now, true);
  std::vector<bool> whole(nodes, true);  // per root: each category on both sides
  for (const auto& [category, sides] : holder) {
    if (sides.first >= 0 && sides.second >= 0) {
      parent[find(size_t(sides.first))] = find(size_t(sides.second));
    }
  }
  for (const auto& [category, sides] : holder) {
    if (sides.first < 0 || sides.second < 0) {
      whole[find(size_t(sides.first >= 0 ? sides.first : sides.second))] = false;
    }
  }
  std::map<size_t, LineMatch> parts;
  for (size_t node = 0; node < nodes; ++node) {
    const size_t root = find(node);
    if (!whole[root]) continue;
    LineMatch& part = parts[root];
    if (node < first_now) {
      part.then.push_back(node);
    } else {
      part.now.push_back(node - first_now);
    }
  }
  std::vector<LineMatch> out;
  for (auto& [root, part] : parts) {
    if (!part.then.empty() && !part.now.empty()) out.push_back(std::move(part));
  }
  std::ranges::sort(out, {}, [](const LineMatch& match) { return match.now.front(); });
  return out;
}

std::string MergeNote(const DatasetDimension& dimension, Lang lang) {
  if (dimension.merged.empty()) return "";
  std::string lines;
  for (const DatasetDimension::MergedLine& held : dimension.merged) {
    if (!lines.empty()) lines += "; ";
    lines += dimension.category_labels[held.line].Get(lang) + " = ";
    for (size_t m = 0; m < held.members.size(); ++m) {
      lines += (m > 0 ? ", " : "") + held.members[m].Get(lang);
    }
  }
  switch (lang) {
    case Lang::kFi:
      return fmt::format("Alle {} vastaajan rivit on yhdistetty: {}.", dimension.merged_below,
                         lines);
    case Lang::kSv:
      return fmt::format("Rader med färre än {} svarande har slagits samman: {}.",
                         dimension.merged_below, lines);
    case Lang::kEn: break;
  }
  return fmt::format("Lines of fewer than {} respondents are merged: {}.", dimension.merged_below,
                     lines);
}

DatasetDimension MergeSmallNeighbours(const DatasetDimension& bands, int min_respondents) {
  const size_t n = bands.categories.size();
  if (bands.lower_bounds.size() != n || n < 2) return bands;
  // Runs of neighbouring bands, [first, last] each, with their rows.
  struct Run {
    size_t first, last;
    int rows;
  };
  std::vector<Run> runs;
  for (size_t f = 0; f < n; ++f) runs.push_back({f, f, 0});
  for (int code : bands.codes) {
    if (code >= 0) ++runs[size_t(code)].rows;
  }
  while (runs.size() > 1) {
    size_t smallest = runs.size();
    for (size_t r = 0; r < runs.size(); ++r) {
      if (runs[r].rows < min_respondents &&
          (smallest == runs.size() || runs[r].rows < runs[smallest].rows)) {
        smallest = r;
      }
    }
    if (smallest == runs.size()) break;
    size_t into = smallest == 0 ? 1
                  : smallest + 1 == runs.size() ||
                          runs[smallest - 1].rows <= runs[smallest + 1].rows
                      ? smallest - 1
                      : smallest + 1;
    size_t low = std::min(smallest, into);
    runs[low] = {runs[low].first, runs[low + 1].last, runs[low].rows + runs[low + 1].rows};
    runs.erase(runs.begin() + std::ptrdiff_t(low) + 1);
  }
  DatasetDimension merged;
  merged.id = bands.id;
  merged.label = bands.label;
  std::vector<int> line_of(n, -1);
  for (size_t r = 0; r < runs.size(); ++r) {
    const Run& run = runs[r];
    if (run.first == run.last) {
      merged.categories.push_back(bands.categories[run.first]);
      merged.category_labels.push_back(bands.category_labels[run.first]);
    } else {
      std::optional<int64_t> next;
      if (run.last + 1 < n) next = bands.lower_bounds[run.last + 1];
      Category band = BandCategory(bands.lower_bounds[run.first], next);
      merged.categories.push_back(std::move(band.code));
      merged.category_labels.push_back(std::move(band.label));
    }
    merged.lower_bounds.push_back(bands.lower_bounds[run.first]);
    for (size_t f = run.first; f <= run.last; ++f) line_of[f] = int(r);
  }
  FinishMerge(bands, line_of, min_respondents, merged);
  return merged;
}

DatasetDimension Cross(const DatasetDimension& first, const DatasetDimension& second) {
  DatasetDimension out;
  out.id = first.id + "*" + second.id;
  for (Lang lang : kAllLangs) {
    out.label.Mutable(lang) = first.label.Get(lang) + " × " + second.label.Get(lang);
  }
  for (size_t a = 0; a < first.categories.size(); ++a) {
    for (size_t b = 0; b < second.categories.size(); ++b) {
      out.categories.push_back(first.categories[a] + "*" + second.categories[b]);
      LocalizedText label;
      for (Lang lang : kAllLangs) {
        label.Mutable(lang) =
            first.category_labels[a].Get(lang) + " × " + second.category_labels[b].Get(lang);
      }
      out.category_labels.push_back(std::move(label));
    }
  }
  const int width = int(second.categories.size());
  auto cross = [width](const std::vector<int>& a, const std::vector<int>& b) {
    std::vector<int> codes;
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
      codes.push_back(a[i] >= 0 && b[i] >= 0 ? a[i] * width + b[i] : -1);
    }
    return codes;
  };
  out.codes = cross(first.codes, second.codes);
  out.population_codes = cross(first.population_codes, second.population_codes);
  return out;
}

JointClasses ClassesOf(const Dataset& dataset, const DatasetColumn& column,
                       std::span<const DatasetDimension* const> breakdowns) {
  JointClasses out;
  const bool choice = column.kind == DatasetColumn::Kind::kChoice;
  if (breakdowns.empty() || (!choice && column.kind != DatasetColumn::Kind::kMultiple)) return out;
  for (const DatasetDimension* by : breakdowns) {
    // Without each organisation's line, nothing a reader could count.
    if (!by || by->population_codes.size() != dataset.population.size() ||
        by->codes.size() != dataset.rows) {
      return out;
    }
  }
  out.bounded = dataset.one_per_organisation;
  std::map<std::vector<int>, size_t> index;
  auto class_of = [&](const std::vector<int>& lines) -> JointClasses::Class& {
    auto [at, added] = index.try_emplace(lines, out.classes.size());
    if (added) out.classes.push_back({lines, 0, 0, std::vector<int>(column.choices.size(), 0)});
    return out.classes[at->second];
  };
  std::vector<int> lines(breakdowns.size());
  for (size_t p = 0; p < dataset.population.size(); ++p) {
    for (size_t d = 0; d < breakdowns.size(); ++d) lines[d] = breakdowns[d]->population_codes[p];
    ++class_of(lines).organisations;
  }
  for (size_t i = 0; i < dataset.rows; ++i) {
    uint64_t chosen = 0;
    if (!choice) {
      chosen = column.bits[i];
    } else if (column.codes[i] >= 0) {
      chosen = uint64_t(1) << column.codes[i];
    }
    if (chosen == 0) continue;
    for (size_t d = 0; d < breakdowns.size(); ++d) lines[d] = breakdowns[d]->codes[i];
    JointClasses::Class& in = class_of(lines);
    ++in.base;
    for (size_t j = 0; j < column.choices.size(); ++j) in.counts[j] += int(chosen >> j & 1);
  }
  // The bound holds only if the data keep it (several answers of one
  // organisation: a reader cannot rely on it, nor can the audit).
  for (const JointClasses::Class& in : out.classes) {
    out.bounded = out.bounded && in.base <= in.organisations;
  }
  return out;
}

std::optional<Distribution> Distribute(const Dataset& dataset, const DatasetColumn& column,
                                       const DatasetDimension* dimension,
                                       const DisclosureRules& rules) {
  auto started = EmptyDistribution(column);
  if (!started) return std::nullopt;
  Distribution& out = *started;
  const size_t groups = dimension ? dimension->categories.size() : 0;
  if (dimension) {
    out.groups = dimension->categories;
    out.members = LineMakeUp(*dimension);
  }
  out.groups.push_back("total");
  const size_t choices = column.choices.size();
  out.counts.assign(groups + 1, std::vector<int>(choices, 0));
  out.base.assign(groups + 1, 0);
  // Counted into one flat array, groups × choices, the total last.
  std::vector<int> flat((groups + 1) * choices, 0);
  int* total_row = flat.data() + groups * choices;
  const int* group_of = dimension ? dimension->codes.data() : nullptr;
  if (column.kind == DatasetColumn::Kind::kChoice) {
    const int16_t* codes = column.codes.data();
    for (size_t i = 0; i < dataset.rows; ++i) {
      int code = codes[i];
      if (code < 0) continue;
      ++total_row[code];
      if (group_of && group_of[i] >= 0) ++flat[size_t(group_of[i]) * choices + size_t(code)];
    }
  } else {
    for (size_t i = 0; i < dataset.rows; ++i) {
      uint64_t bits = column.bits[i];
      if (bits == 0) continue;
      int group = group_of ? group_of[i] : -1;
      ++out.base[groups];
      if (group >= 0) ++out.base[size_t(group)];
      for (size_t j = 0; j < choices; ++j) {
        if (!(bits >> j & 1)) continue;
        ++total_row[j];
        if (group >= 0) ++flat[size_t(group) * choices + j];
      }
    }
  }
  for (size_t g = 0; g <= groups; ++g) {
    for (size_t j = 0; j < choices; ++j) {
      out.counts[g][j] = flat[g * choices + j];
      // A single choice: the base is the row's sum.
      if (column.kind == DatasetColumn::Kind::kChoice) out.base[g] += out.counts[g][j];
    }
  }
  // Those in no group: the total less the groups.
  out.unpublished.assign(1, std::vector<int>(choices, 0));
  out.unpublished_base.assign(1, out.base[groups]);
  for (size_t j = 0; j < choices; ++j) {
    out.unpublished[0][j] = out.counts[groups][j];
    for (size_t g = 0; g < groups; ++g) out.unpublished[0][j] -= out.counts[g][j];
  }
  for (size_t g = 0; g < groups; ++g) out.unpublished_base[0] -= out.base[g];
  if (dimension) {
    out.private_bases = dimension->hidden_bases;
    // Its total line is the overall table's: hidden as there.
    const std::optional<Distribution> overall = Distribute(dataset, column, nullptr, rules);
    Protect(out, rules, &overall->suppressed.back());
  } else {
    Protect(out, rules);
  }
  return started;
}

std::optional<Distribution> DistributeCrossed(const Dataset& dataset, const DatasetColumn& column,
                                              const DatasetDimension& first,
                                              const DatasetDimension& second,
                                              const DisclosureRules& rules) {
  auto started = EmptyDistribution(column);
  if (!started) return std::nullopt;
  Distribution& out = *started;
  const size_t a_count = first.categories.size(), b_count = second.categories.size();
  out.crossed = std::pair{a_count, b_count};
  for (size_t a = 0; a < a_count; ++a) {
    for (size_t b = 0; b < b_count; ++b) {
      out.groups.push_back(first.categories[a] + "*" + second.categories[b]);
    }
  }
  out.groups.insert(out.groups.end(), first.categories.begin(), first.categories.end());
  out.groups.insert(out.groups.end(), second.categories.begin(), second.categories.end());
  out.groups.push_back("total");
  const size_t choices = column.choices.size(), lines = out.groups.size();
  const size_t margins_a = a_count * b_count, margins_b = margins_a + a_count;
  out.counts.assign(lines, std::vector<int>(choices, 0));
  out.base.assign(lines, 0);
  out.unpublished.assign(a_count + b_count + 1, std::vector<int>(choices, 0));
  out.unpublished_base.assign(a_count + b_count + 1, 0);
  for (size_t i = 0; i < dataset.rows; ++i) {
    uint64_t chosen = 0;
    if (out.multiple) {
      chosen = column.bits[i];
    } else if (column.codes[i] >= 0) {
      chosen = uint64_t(1) << column.codes[i];
    }
    if (chosen == 0) continue;
    const int a = first.codes[i], b = second.codes[i];
    // The lines holding the respondent: published, and unpublished.
    std::vector<size_t> in = {lines - 1};
    std::vector<size_t> outside;
    if (a >= 0 && b >= 0) in.push_back(size_t(a) * b_count + size_t(b));
    if (a >= 0) in.push_back(margins_a + size_t(a));
    if (b >= 0) in.push_back(margins_b + size_t(b));
    if (a >= 0 && b < 0) outside.push_back(size_t(a));
    if (a < 0 && b >= 0) outside.push_back(a_count + size_t(b));
    if (a < 0 && b < 0) outside.push_back(a_count + b_count);
    for (size_t l : in) ++out.base[l];
    for (size_t u : outside) ++out.unpublished_base[u];
    for (size_t j = 0; j < choices; ++j) {
      if (!(chosen >> j & 1)) continue;
      for (size_t l : in) ++out.counts[l][j];
      for (size_t u : outside) ++out.unpublished[u][j];
    }
  }
  // Not tied to the overall table's total line, as a single breakdown is:
  // with both margins fixed around it, the search for a pattern took
  // minutes (a limit, docs/statistics.md).
  Protect(out, rules);
  return started;
}

std::vector<AuditFinding> AuditDistribution(const Distribution& table,
                                            const DisclosureRules& rules) {
  const Layout layout(table);
  std::vector<bool> hidden = Hidden(table, layout);
  std::vector<AuditFinding> findings;
  const LinearTable equations = Equations(table, layout);
  const std::vector<bool> sensitive = Sensitive(table, layout, rules);
  std::vector<int> disclosed = DisclosedValues(equations, hidden);
  std::erase_if(disclosed, [&](int value) { return !sensitive[size_t(value)]; });
  for (int value : disclosed) {
    AuditFinding finding = layout.Place(value);
    finding.problem = finding.category < 0
                          ? "the hidden base can be recovered from the published numbers"
                          : "the hidden cell can be recovered from the published cells and "
                            "margins";
    findings.push_back(std::move(finding));
  }
  // What the bounds give away besides (counts are whole and never
  // negative): a hidden count of 1 … k−1 whose range does not reach from 0
  // to k. Values found above are not reported twice.
  if (disclosed.empty()) {
    std::vector<bool> guard = hidden;
    for (size_t v = size_t(layout.Unpublished(0, 0)); v < size_t(layout.Complement(0, 0)); ++v) {
      guard[v] = false;
    }
    const Reach need = ReachOf(table, layout, rules);
    const std::vector<int> narrowed = RuleBreaches(equations, hidden, need, &guard);
    if (!narrowed.empty()) {
      const std::vector<FeasibleRange> ranges = FeasibleRanges(equations, hidden);
      for (int value : narrowed) {
        AuditFinding finding = layout.Place(value);
        const FeasibleRange& range = ranges[size_t(value)];
        finding.problem = fmt::format(
            "the hidden {} of {} lies between {} and {} for any reader, which does not reach "
            "from 0 to {}",
            value >= layout.Complement(0, 0) ? "count of those who did not choose it"
            : finding.category < 0           ? "base"
                                             : "cell",
            equations.values[size_t(value)], range.lower,
            std::isinf(range.upper) ? std::string("any number") : fmt::format("{}", range.upper),
            need(size_t(value)));
        findings.push_back(std::move(finding));
      }
    }
  }
  for (size_t l = 0; l < layout.lines; ++l) {
    for (size_t j = 0; j < layout.choices; ++j) {
      if (table.suppressed[l][j]) continue;
      int count = table.counts[l][j];
      if (Unsafe(count, table.base[l], table.multiple, rules)) {
        findings.push_back({int(l), int(j),
                            fmt::format("published although {} of {} respondents is unsafe "
                                        "(k = {}, small group < {})",
                                        count, table.base[l], rules.k, rules.small_group)});
      }
    }
  }
  return findings;
}

std::vector<HiddenRange> HiddenRanges(const Distribution& table, const DisclosureRules& rules) {
  const Layout layout(table);
  const std::vector<bool> hidden = Hidden(table, layout);
  const LinearTable equations = Equations(table, layout);
  const std::vector<FeasibleRange> ranges = FeasibleRanges(equations, hidden);
  const Reach need = ReachOf(table, layout, rules);
  std::vector<HiddenRange> out;
  for (size_t l = 0; l < layout.lines; ++l) {
    for (size_t j = 0; j <= layout.choices; ++j) {
      const size_t v = size_t(layout.Value(l, j));
      if (!hidden[v]) continue;
      out.push_back({int(l), j < layout.choices ? int(j) : -1, equations.values[v],
                     ranges[v].lower, ranges[v].upper, need(v)});
    }
  }
  return out;
}

}  // namespace kartla::stats

namespace kartla::stats {

namespace {

// Two versions of a question's tables as one system of equations for the
// reader who has both: every table's values of the new version, then
// every table's of the earlier one; each table's total line equal to the
// overall table's (the same respondents); and for every line a table has
// in both versions (matched by code), each cell, base and, for a multiple
// choice, complement, the new respondents' count: now − earlier ≥ 0.
// With the registry's classes, last, their counts (LinkRegistry).
struct Versions {
  LinearTable equations;
  std::vector<bool> hidden;
  std::vector<int> reach;
  std::vector<int> below;   // the rule applies to true values 1 … below − 1
  std::vector<bool> guard;  // the values the rule protects
  // New values the earlier version published: what a reader learns of
  // them beyond that is what the new respondents' counts tell.
  std::vector<bool> published_before;
  // Per value: its table, and whether it is the earlier version's or a
  // new respondents' count.
  enum class Kind { kNow, kEarlier, kAdded, kJoint };
  struct Place {
    Kind kind = Kind::kNow;
    size_t table = 0;
    int line = 0;
    int choice = 0;  // -1: the base
    bool complement = false;
  };
  std::vector<Place> places;
  std::vector<int> now_offset;  // per table
  bool versions = false;        // an earlier version is linked
  bool registry = false;        // the registry's classes are linked
  // With the registry: per value, its line's base, whose greatest value
  // bounds how far it need reach (ReachWith); -1 none.
  std::vector<int> line_base;
  // Per value (empty: none), the most it can be for a reader of all but
  // the new version's counts, where that is short of its reach: the new
  // version need not, and cannot, make it reach further (SetCeilings).
  std::vector<int> ceiling;

  // A further value, known to nobody unless `shown`, guarded by no rule.
  int Add(int value, bool shown) {
    equations.values.push_back(value);
    hidden.push_back(!shown);
    reach.push_back(1);
    below.push_back(1);
    guard.push_back(false);
    published_before.push_back(false);
    places.push_back({Kind::kJoint, 0, -1, -1, false});
    return int(equations.values.size()) - 1;
  }
};

// The registry's classes (JointClasses) into `out`: per class and choice
// its count, its base, and where a class holds no more respondents than
// organisations, that bound (base + the rest = organisations, published);
// each line of each breakdown now[1 + d], and its respondents in no line,
// the sum of its classes'. False, adding nothing, where the classes do not
// fit the tables.
bool LinkRegistry(Versions& out, const std::vector<Distribution>& now,
                  const std::vector<Layout>& layouts, const JointClasses& registry) {
  const size_t breakdowns = now.size() - 1;
  if (registry.classes.empty() || breakdowns == 0) return false;
  for (const JointClasses::Class& in : registry.classes) {
    if (in.lines.size() != breakdowns || in.counts.size() != layouts[0].choices) return false;
    for (size_t d = 0; d < breakdowns; ++d) {
      const Layout& a = layouts[d + 1];
      if (now[d + 1].crossed || in.lines[d] >= int(a.lines) - 1 ||
          (in.lines[d] < 0 && a.unpublished == 0)) {
        return false;
      }
    }
  }
  const size_t choices = layouts[0].choices;
  const bool multiple = now[0].multiple;
  // Per class: its value per choice, its base last.
  std::vector<std::vector<int>> value(registry.classes.size());
  for (size_t c = 0; c < registry.classes.size(); ++c) {
    const JointClasses::Class& in = registry.classes[c];
    const int base = out.Add(in.base, false);
    std::vector<LinearTable::Term> sum;
    for (size_t j = 0; j < choices; ++j) {
      value[c].push_back(out.Add(in.counts[j], false));
      if (multiple) {
        const int rest = out.Add(in.base - in.counts[j], false);
        out.equations.equations.push_back({{value[c][j], 1}, {rest, 1}, {base, -1}});
      } else {
        sum.push_back({value[c][j], 1});
      }
    }
    if (!multiple) {
      sum.push_back({base, -1});
      out.equations.equations.push_back(std::move(sum));
    }
    value[c].push_back(base);
    if (registry.bounded) {
      const int organisations = out.Add(in.organisations, true);
      const int rest = out.Add(in.organisations - in.base, false);
      out.equations.equations.push_back({{base, 1}, {rest, 1}, {organisations, -1}});
    }
  }
  // Every value is in; the margins below add only equations.
  out.line_base.assign(out.equations.values.size(), -1);
  for (size_t d = 0; d < breakdowns; ++d) {
    const size_t t = d + 1;
    const Layout& a = layouts[t];
    const int offset = out.now_offset[t];
    // Line l's classes; the last, the respondents in none.
    std::vector<std::vector<size_t>> classes(a.lines);
    for (size_t c = 0; c < registry.classes.size(); ++c) {
      const int line = registry.classes[c].lines[d];
      classes[line < 0 ? a.lines - 1 : size_t(line)].push_back(c);
    }
    for (size_t l = 0; l < a.lines; ++l) {
      const bool none = l + 1 == a.lines;
      if (none && a.unpublished == 0) continue;
      for (size_t j = 0; j <= choices; ++j) {
        std::vector<LinearTable::Term> sum;
        for (size_t c : classes[l]) sum.push_back({value[c][j], 1});
        sum.push_back({offset + (none ? a.Unpublished(0, j) : a.Value(l, j)), -1});
        out.equations.equations.push_back(std::move(sum));
      }
      if (none) continue;
      for (size_t j = 0; j < choices; ++j) {
        out.line_base[size_t(offset + a.Value(l, j))] = offset + a.Value(l, choices);
        if (a.complements) out.line_base[size_t(offset + a.Complement(l, j))] = offset + a.Value(l, choices);
      }
    }
  }
  return true;
}

// How far each value of `linked` must reach with `hidden` hidden: as far
// as Link says, but with the registry, a count of a breakdown's line no
// further than that line's respondents can be for the reader (the
// greatest its base can take, its organisations at most): "1 … 4 of the
// 4 who can have answered" tells nothing of any of them, as a table's
// counts reach only to all who answered where fewer did.
Reach ReachWith(const Versions& linked, const std::vector<bool>& hidden) {
  auto capped = [&linked](std::vector<int> reach) {
    for (size_t v = 0; v < linked.ceiling.size(); ++v) {
      reach[v] = std::min(reach[v], std::max(1, linked.ceiling[v]));
    }
    return Reach(std::move(reach), linked.below);
  };
  if (!linked.registry) return capped(linked.reach);
  std::vector<bool> bases(hidden.size(), false);
  for (int base : linked.line_base) {
    if (base >= 0) bases[size_t(base)] = true;
  }
  const std::vector<FeasibleRange> ranges = FeasibleRanges(linked.equations, hidden, &bases);
  std::vector<int> reach = linked.reach;
  for (size_t v = 0; v < reach.size(); ++v) {
    const int base = linked.line_base[v];
    if (base < 0 || std::isinf(ranges[size_t(base)].upper)) continue;
    reach[v] = std::clamp(int(std::floor(ranges[size_t(base)].upper + 1e-7)), 1, reach[v]);
  }
  return capped(std::move(reach));
}

// `hidden` with every count of the new version hidden, and complements:
// what a reader has of all but the new version's counts (its lines'
// bases stay, as each version's methods page publishes them).
std::vector<bool> WithNowHidden(const Versions& linked, const std::vector<Distribution>& now,
                                std::vector<bool> hidden) {
  for (size_t t = 0; t < now.size(); ++t) {
    const Layout a(now[t]);
    const int offset = linked.now_offset[t];
    for (size_t l = 0; l < a.lines; ++l) {
      for (size_t j = 0; j < a.choices; ++j) {
        hidden[size_t(offset + a.Value(l, j))] = true;
        if (a.complements) hidden[size_t(offset + a.Complement(l, j))] = true;
      }
    }
  }
  return hidden;
}

// Where a value of `check` breaks the rule even with the new version's
// counts all hidden (`all_hidden`), the earlier versions and the registry
// have narrowed it already: caps its reach at the most it can be then, so
// that the new version is held to narrowing it no further. Returns
// whether it capped any.
bool SetCeilings(Versions& linked, const std::vector<bool>& all_hidden,
                 const std::vector<bool>& check) {
  const std::vector<int> breaches =
      RuleBreaches(linked.equations, all_hidden, ReachWith(linked, all_hidden), &check);
  if (breaches.empty()) return false;
  std::vector<bool> only(all_hidden.size(), false);
  for (int v : breaches) only[size_t(v)] = true;
  const std::vector<FeasibleRange> ranges = FeasibleRanges(linked.equations, all_hidden, &only);
  if (linked.ceiling.empty()) {
    linked.ceiling.assign(all_hidden.size(), std::numeric_limits<int>::max());
  }
  bool capped = false;
  for (int v : breaches) {
    const double upper = ranges[size_t(v)].upper;
    if (std::isinf(upper)) continue;
    const int most = int(std::floor(upper + 1e-7));
    if (most < linked.ceiling[size_t(v)]) {
      linked.ceiling[size_t(v)] = most;
      capped = true;
    }
  }
  return capped;
}

std::vector<int> ReachVector(const Reach& reach, size_t size) {
  std::vector<int> out(size);
  for (size_t v = 0; v < size; ++v) out[v] = reach(v);
  return out;
}

// The protected values of a version read with another: the counts it
// hides, not the respondents in no published line (as Protect guards
// them) nor the lines' bases (who answered: each version's methods page
// protects them; docs/statistics.md says what the versions together tell
// of them).
std::vector<bool> Guarded(const Layout& layout, std::vector<bool> hidden) {
  for (size_t v = size_t(layout.Unpublished(0, 0)); v < size_t(layout.Complement(0, 0)); ++v) {
    hidden[v] = false;
  }
  for (size_t l = 0; l < layout.lines; ++l) hidden[size_t(layout.Value(l, layout.choices))] = false;
  return hidden;
}

// The lines of `earlier` and `now` that hold the same respondents: by
// make-up (MatchMakeUp); crossed tables line by line, only where their
// lines are the same.
std::vector<LineMatch> MatchLines(const Distribution& earlier, const Distribution& now) {
  if (!earlier.crossed && !now.crossed) {
    return MatchMakeUp(earlier.groups, earlier.members, now.groups, now.members);
  }
  std::vector<LineMatch> match;
  if (earlier.crossed && now.crossed && earlier.groups == now.groups) {
    for (size_t l = 0; l < earlier.groups.size(); ++l) match.push_back({{l}, {l}});
  }
  return match;
}

bool Shaped(const Distribution& table) {
  return !table.groups.empty() && table.suppressed.size() == table.groups.size() &&
         table.counts.size() == table.groups.size() && table.base.size() == table.groups.size();
}

std::optional<Versions> Link(const std::vector<Distribution>& now,
                             const std::vector<const Distribution*>& earlier,
                             const DisclosureRules& rules, const JointClasses* registry) {
  if (now.empty()) return std::nullopt;
  bool any = false;
  for (size_t t = 0; t < now.size(); ++t) {
    if (!Shaped(now[t]) || now[t].categories != now[0].categories) return std::nullopt;
    const Distribution* then = t < earlier.size() ? earlier[t] : nullptr;
    if (!then) continue;
    if (!Shaped(*then) || then->categories != now[t].categories ||
        then->multiple != now[t].multiple) {
      return std::nullopt;
    }
    any = true;
  }
  if (!any && !(registry && !registry->classes.empty())) return std::nullopt;
  Versions out;
  out.versions = any;
  // One table's values into the system.
  auto append = [&](const Distribution& table, const Layout& layout, Versions::Kind kind,
                    size_t t) {
    const int offset = int(out.equations.values.size());
    const LinearTable own = Equations(table, layout);
    const std::vector<bool> hidden = Hidden(table, layout);
    const std::vector<int> reach = ReachVector(ReachOf(table, layout, rules), layout.size());
    const std::vector<bool> guard = Guarded(layout, hidden);
    for (size_t v = 0; v < layout.size(); ++v) {
      out.equations.values.push_back(own.values[v]);
      out.hidden.push_back(hidden[v]);
      out.reach.push_back(reach[v]);
      out.below.push_back(reach[v]);
      out.guard.push_back(guard[v]);
      out.published_before.push_back(false);
      AuditFinding place = layout.Place(int(v));
      const bool complement = layout.complements && int(v) >= layout.Complement(0, 0) &&
                              int(v) < layout.PrivateSum();
      out.places.push_back({kind, t, place.group, place.category, complement});
    }
    for (const auto& equation : own.equations) {
      auto& shifted = out.equations.equations.emplace_back(equation);
      for (LinearTable::Term& term : shifted) term.value += offset;
    }
    return offset;
  };
  std::vector<Layout> layouts, before_layouts;
  for (size_t t = 0; t < now.size(); ++t) {
    layouts.emplace_back(now[t]);
    out.now_offset.push_back(append(now[t], layouts.back(), Versions::Kind::kNow, t));
  }
  std::vector<int> then_offset(now.size(), -1);
  for (size_t t = 0; t < now.size(); ++t) {
    before_layouts.emplace_back(t < earlier.size() && earlier[t] ? *earlier[t] : now[t]);
    if (t < earlier.size() && earlier[t]) {
      then_offset[t] = append(*earlier[t], before_layouts.back(), Versions::Kind::kEarlier, t);
    }
  }
  // The total lines of a version are one: each table's equals the first
  // table's of that version.
  auto tie = [&](const std::vector<int>& offsets, const std::vector<Layout>& shapes) {
    int first = -1;
    for (size_t t = 0; t < offsets.size(); ++t) {
      if (offsets[t] < 0) continue;
      if (first < 0) {
        first = int(t);
        continue;
      }
      const Layout& a = shapes[t];
      const Layout& b = shapes[size_t(first)];
      for (size_t j = 0; j <= a.choices; ++j) {
        out.equations.equations.push_back(
            {{offsets[t] + a.Value(a.lines - 1, j), 1},
             {offsets[size_t(first)] + b.Value(b.lines - 1, j), -1}});
      }
    }
  };
  tie(out.now_offset, layouts);
  tie(then_offset, before_layouts);
  // How far a count of a line's new respondents must reach: to k, or to
  // all of them where fewer came (as a table's counts reach to all who
  // answered, where fewer did).
  const int newcomers_all = [&] {
    for (size_t t = 0; t < now.size(); ++t) {
      if (then_offset[t] >= 0) return now[t].base.back() - earlier[t]->base.back();
    }
    return 0;
  }();
  const int needed = std::clamp(newcomers_all, 1, std::max(rules.k, 1));
  bool total_linked = false;
  for (size_t t = 0; t < now.size(); ++t) {
    if (then_offset[t] < 0) continue;
    const Distribution& then = *earlier[t];
    const Layout& a = layouts[t];
    const Layout& b = before_layouts[t];
    for (const LineMatch& match : MatchLines(then, now[t])) {
      const bool total = match.now.back() + 1 == a.lines;
      if (total && total_linked) continue;  // the total lines are tied already
      total_linked = total_linked || total;
      int base_now = 0, base_then = 0;
      for (size_t l : match.now) base_now += now[t].base[l];
      for (size_t l : match.then) base_then += then.base[l];
      const int line_reach = std::clamp(base_now - base_then, 1, needed);
      // The new respondents' count of a value of the matched lines: the sum
      // of the new version's lines' less the earlier's (Layout::Value or
      // Complement of each line).
      auto link = [&](auto value_of, int choice, bool complement) {
        int value = 0;
        const int added = int(out.equations.values.size());
        std::vector<LinearTable::Term> equation;
        for (size_t l : match.now) {
          const int v = out.now_offset[t] + value_of(a, l);
          value += out.equations.values[size_t(v)];
          equation.push_back({v, 1});
        }
        for (size_t l : match.then) {
          const int v = then_offset[t] + value_of(b, l);
          value -= out.equations.values[size_t(v)];
          equation.push_back({v, -1});
        }
        equation.push_back({added, -1});
        out.equations.values.push_back(value);
        out.hidden.push_back(true);
        out.reach.push_back(line_reach);
        out.below.push_back(std::max(rules.k, 1));
        out.guard.push_back(choice >= 0);  // not the count of who answered
        out.published_before.push_back(false);
        out.places.push_back(
            {Versions::Kind::kAdded, t, int(match.now.front()), choice, complement});
        if (match.now.size() == 1 && match.then.size() == 1 &&
            !out.hidden[size_t(equation[1].value)]) {
          out.published_before[size_t(equation[0].value)] = true;
          out.guard[size_t(equation[0].value)] = false;
        }
        out.equations.equations.push_back(std::move(equation));
        return value >= 0;
      };
      for (size_t j = 0; j <= a.choices; ++j) {
        const bool base = j == a.choices;
        if (!link([&](const Layout& in, size_t l) { return in.Value(l, j); }, base ? -1 : int(j),
                  false)) {
          return std::nullopt;  // answers changed: the reader's premise is false
        }
        if (!base && a.complements &&
            !link([&](const Layout& in, size_t l) { return in.Complement(l, j); }, int(j), true)) {
          return std::nullopt;
        }
      }
    }
  }
  out.registry = registry && LinkRegistry(out, now, layouts, *registry);
  if (!out.versions && !out.registry) return std::nullopt;
  return out;
}

// What a finding of `linked` says: the table's line and choice, and what
// a reader of both versions can tell of it.
std::string Said(const Versions& linked, const std::vector<Distribution>& now,
                 const std::vector<const Distribution*>& earlier, int value,
                 const FeasibleRange& range, int reach) {
  const Versions::Place& place = linked.places[size_t(value)];
  const Distribution& table =
      place.kind == Versions::Kind::kEarlier ? *earlier[place.table] : now[place.table];
  const std::string cell = fmt::format(
      "{} / {}", table.groups[size_t(place.line)],
      place.choice < 0 ? std::string("base") : table.categories[size_t(place.choice)]);
  const std::string what =
      place.kind == Versions::Kind::kNow      ? "the hidden count of"
      : place.kind == Versions::Kind::kEarlier ? "the count the earlier version hid,"
      : place.complement ? "the count of the respondents since the earlier version who did not choose it,"
                         : "the count of the respondents since the earlier version,";
  const std::string reader = linked.versions && linked.registry
                                 ? "a reader of both versions and the registry"
                             : linked.versions ? "a reader of both versions"
                                               : "a reader of the question's tables and the registry";
  return fmt::format(
      "{}: {} {} lies between {} and {} for {}, which does not reach from 0 to {}",
      cell, what, linked.equations.values[size_t(value)], range.lower,
      std::isinf(range.upper) ? std::string("any number") : fmt::format("{}", range.upper),
      reader, reach);
}

std::vector<std::pair<size_t, AuditFinding>> AuditLinked(
    const std::vector<Distribution>& now, const std::vector<const Distribution*>& earlier,
    const DisclosureRules& rules, const JointClasses* registry) {
  std::vector<std::pair<size_t, AuditFinding>> findings;
  std::optional<Versions> linked = Link(now, earlier, rules, registry);
  if (!linked) return findings;
  Reach reach = ReachWith(*linked, linked->hidden);
  std::vector<int> narrowed =
      RuleBreaches(linked->equations, linked->hidden, reach, &linked->guard);
  if (narrowed.empty()) return findings;
  // What the new version could not help is not held against it.
  std::vector<bool> check(linked->hidden.size(), false);
  for (int v : narrowed) check[size_t(v)] = true;
  if (SetCeilings(*linked, WithNowHidden(*linked, now, linked->hidden), check)) {
    reach = ReachWith(*linked, linked->hidden);
    narrowed = RuleBreaches(linked->equations, linked->hidden, reach, &check);
    if (narrowed.empty()) return findings;
  }
  const std::vector<FeasibleRange> ranges = FeasibleRanges(linked->equations, linked->hidden);
  for (int value : narrowed) {
    const Versions::Place& place = linked->places[size_t(value)];
    int line = place.line;
    if (place.kind == Versions::Kind::kEarlier) {
      // Said in the new table's lines where it has the same one.
      const auto& lines = now[place.table].groups;
      auto at = std::find(lines.begin(), lines.end(),
                          earlier[place.table]->groups[size_t(place.line)]);
      line = at == lines.end() ? int(lines.size()) - 1 : int(at - lines.begin());
    }
    findings.push_back({place.table,
                        {line, place.choice, Said(*linked, now, earlier, value,
                                                  ranges[size_t(value)], reach(size_t(value)))}});
  }
  return findings;
}

// Protects `now` against one earlier version: the interval rule's greedy
// protection on the joined system, the new tables' cells at the prices
// Protect gives them (the total line's, with `total_line_too`, at the
// same price in every table, hidden in all together), a complement with
// its cell; nothing of the earlier version, no base. False, leaving `now`
// as it was, if that cannot be done.
bool ProtectLinkedWithin(std::vector<Distribution>& now,
                         const std::vector<const Distribution*>& earlier,
                         const DisclosureRules& rules, bool total_line_too,
                         const JointClasses* registry, const ProtectionLimits& limits) {
  std::optional<Versions> linked = Link(now, earlier, rules, registry);
  if (!linked) return true;
  constexpr double kNever = std::numeric_limits<double>::infinity();
  std::vector<double> cost(linked->equations.values.size(), kNever);
  std::vector<int> together(cost.size(), -1);
  std::vector<Layout> layouts;
  const double scale = PriceScale(now);
  for (size_t t = 0; t < now.size(); ++t) {
    const Layout& a = layouts.emplace_back(now[t]);
    const int offset = linked->now_offset[t];
    for (size_t l = 0; l < a.lines; ++l) {
      if (l + 1 == a.lines && !total_line_too) continue;
      for (size_t j = 0; j < a.choices; ++j) {
        const double price = CellPrice(now[t], a, l, j, scale);
        cost[size_t(offset + a.Value(l, j))] = price;
        // A cell and its complement are hidden together, and a total-line
        // cell in every table (numbered by its choice).
        const int group = l + 1 == a.lines ? int(j) : int(offset + a.Value(l, j) + a.choices);
        together[size_t(offset + a.Value(l, j))] = group;
        if (a.complements) {
          cost[size_t(offset + a.Complement(l, j))] = price;
          together[size_t(offset + a.Complement(l, j))] = group;
        }
      }
    }
  }
  const size_t new_values = size_t(linked->now_offset.back()) + layouts.back().size();
  std::vector<bool> hidden = linked->hidden;
  bool capped = false;
  // Whole solutions found in one pass answer the next's checks.
  WholeSolutions solutions;
  // Each pass guards every count hidden so far (those the last pass hid
  // too); a cell and its complement, and a total-line cell in every table,
  // are hidden together, until a pass hides nothing more.
  auto guard_now = [&](const std::vector<bool>& shown_hidden) {
    std::vector<bool> guard = linked->guard;
    for (size_t v = 0; v < new_values; ++v) {
      const Versions::Place& place = linked->places[v];
      const Layout& a = layouts[place.table];
      const bool counted =
          !a.IsUnpublished(int(v) - linked->now_offset[place.table]) && place.choice >= 0;
      guard[v] = guard[v] || (shown_hidden[v] && counted && !linked->published_before[v]);
    }
    return guard;
  };
  for (bool more = true; more;) {
    const std::vector<bool> guard = guard_now(hidden);
    auto safe = ProtectRanges(linked->equations, hidden, guard, ReachWith(*linked, hidden), cost,
                              together, limits, &solutions);
    if (!safe) {
      // The greedy choice found no cell that helps: the last resort, as
      // Protect's, is to show none of the cells it may hide, if that
      // keeps every count safe.
      safe = hidden;
      for (size_t v = 0; v < cost.size(); ++v) (*safe)[v] = (*safe)[v] || !std::isinf(cost[v]);
      const std::vector<bool> all = guard_now(*safe);
      if (!RuleBreaches(linked->equations, *safe, ReachWith(*linked, *safe), &all, &solutions)
               .empty()) {
        // What the earlier versions and the registry narrowed already, the
        // new version is held only not to narrow further: then again.
        if (!capped && SetCeilings(*linked, WithNowHidden(*linked, now, *safe), all)) {
          capped = true;
          hidden = linked->hidden;
          continue;
        }
        return false;
      }
      hidden = std::move(*safe);
      break;
    }
    std::vector<bool> total_line(now[0].categories.size(), false);
    for (size_t t = 0; t < now.size(); ++t) {
      const Layout& a = layouts[t];
      const int offset = linked->now_offset[t];
      for (size_t l = 0; l < a.lines; ++l) {
        for (size_t j = 0; j < a.choices; ++j) {
          const size_t cell = size_t(offset + a.Value(l, j));
          const bool newly = (*safe)[cell] != hidden[cell];
          if (a.complements) {
            // Newly hidden, either one hides the other (a complement is
            // hidden already where its line's base is).
            const size_t complement = size_t(offset + a.Complement(l, j));
            if (newly || (*safe)[complement] != hidden[complement]) {
              (*safe)[cell] = (*safe)[complement] = true;
            }
          }
          if (l + 1 == a.lines && (*safe)[cell] && (newly || (*safe)[cell] != hidden[cell])) {
            total_line[j] = true;
          }
        }
      }
    }
    for (size_t t = 0; t < now.size(); ++t) {
      const Layout& a = layouts[t];
      const int offset = linked->now_offset[t];
      for (size_t j = 0; j < a.choices && j < total_line.size(); ++j) {
        if (!total_line[j]) continue;
        (*safe)[size_t(offset + a.Value(a.lines - 1, j))] = true;
        if (a.complements) (*safe)[size_t(offset + a.Complement(a.lines - 1, j))] = true;
      }
    }
    more = *safe != hidden;
    hidden = std::move(*safe);
  }
  for (size_t t = 0; t < now.size(); ++t) {
    const Layout& a = layouts[t];
    for (size_t l = 0; l < a.lines; ++l) {
      for (size_t j = 0; j < a.choices; ++j) {
        now[t].suppressed[l][j] = hidden[size_t(linked->now_offset[t] + a.Value(l, j))];
      }
    }
  }
  return true;
}

// ProtectLinkedWithin with the least protection in each pass; where that
// path ends where nothing more helps, the greedy one alone (whose cells,
// hidden in turn, can leave the later passes less to guard).
bool ProtectLinked(std::vector<Distribution>& now, const std::vector<const Distribution*>& earlier,
                   const DisclosureRules& rules, bool total_line_too,
                   const JointClasses* registry = nullptr) {
  return ProtectLinkedWithin(now, earlier, rules, total_line_too, registry,
                             registry ? ProtectionLimits{.rounds = 6, .nodes = 80}
                                      : ProtectionLimits{}) ||
         ProtectLinkedWithin(now, earlier, rules, total_line_too, registry,
                             ProtectionLimits{.choices = 0});
}

}  // namespace

std::vector<AuditFinding> AuditAgainstEarlier(const Distribution& earlier,
                                              const Distribution& now,
                                              const DisclosureRules& rules) {
  std::vector<AuditFinding> out;
  for (auto& [table, finding] : AuditLinked({now}, {&earlier}, rules, nullptr)) {
    out.push_back(std::move(finding));
  }
  return out;
}

std::optional<std::vector<bool>> ProtectAgainstEarlier(const Distribution& earlier,
                                                       Distribution& now,
                                                       const DisclosureRules& rules,
                                                       bool total_line_too) {
  std::vector<Distribution> tables{now};
  if (!ProtectLinked(tables, {&earlier}, rules, total_line_too)) return std::nullopt;
  std::vector<bool> newly(now.categories.size(), false);
  for (size_t j = 0; j < newly.size(); ++j) {
    newly[j] = tables[0].suppressed.back()[j] && !now.suppressed.back()[j];
  }
  now = std::move(tables[0]);
  return newly;
}

std::vector<std::pair<size_t, AuditFinding>> AuditQuestionAgainstEarlier(
    const std::vector<Distribution>& now, const std::vector<const Distribution*>& earlier,
    const DisclosureRules& rules, const JointClasses* registry) {
  return AuditLinked(now, earlier, rules, registry);
}

bool ProtectQuestionAgainstEarlier(std::vector<Distribution>& now,
                                   const std::vector<std::vector<const Distribution*>>& earlier,
                                   const DisclosureRules& rules, const JointClasses* registry) {
  // Hiding more for one version keeps what another was protected against
  // safe (a range only widens): one pass over the versions will do, each
  // with the registry; without versions, one with the registry alone.
  std::vector<Distribution> protected_now = now;
  if (earlier.empty() && registry && !ProtectLinked(protected_now, {}, rules, true, registry)) {
    return false;
  }
  for (const auto& version : earlier) {
    if (!ProtectLinked(protected_now, version, rules, true, registry)) return false;
  }
  now = std::move(protected_now);
  return true;
}

}  // namespace kartla::stats
