#include "stats/weighting.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace kartla::stats {
namespace {

// A cell of the dimensions: the first's category and the second's (-1:
// none, also when there is no second).
using Cell = std::pair<int, int>;

struct Counts {
  int population = 0;
  std::set<std::string> respondents;  // organisations
};

struct Group {
  std::vector<Cell> cells;
  int population = 0;
  int respondents = 0;
};

Group Merge(Group a, const Group& b) {
  a.cells.insert(a.cells.end(), b.cells.begin(), b.cells.end());
  std::sort(a.cells.begin(), a.cells.end());
  a.population += b.population;
  a.respondents += b.respondents;
  return a;
}

const std::string& CategoryLabel(const DatasetDimension& dimension, int code, Lang lang) {
  static const LocalizedText kNone{"ei tietoa", "uppgift saknas", "unknown"};
  return code < 0 ? kNone.Get(lang) : dimension.category_labels[size_t(code)].Get(lang);
}

// "Under 2,000 × Uusimaa, Lappi + 2,000–4,999": the first dimension's
// categories, each with the second's it takes unless it takes them all.
LocalizedText LabelOf(const Group& group, const DatasetDimension& first,
                      const DatasetDimension* second, const std::map<Cell, Counts>& all) {
  LocalizedText label;
  for (Lang lang : kAllLangs) {
    std::string text;
    for (size_t i = 0; i < group.cells.size();) {
      int a = group.cells[i].first;
      std::vector<int> seconds;
      for (; i < group.cells.size() && group.cells[i].first == a; ++i) {
        seconds.push_back(group.cells[i].second);
      }
      size_t cells_of_a = 0;
      for (const auto& [cell, counts] : all) cells_of_a += cell.first == a;
      std::string part = CategoryLabel(first, a, lang);
      if (second && seconds.size() < cells_of_a) {
        std::string names;
        for (int b : seconds) names += (names.empty() ? "" : ", ") + CategoryLabel(*second, b, lang);
        part += " × " + names;
      }
      text += (text.empty() ? "" : " + ") + part;
    }
    label.Mutable(lang) = text;
  }
  return label;
}

}  // namespace

Result<ClassWeighting> WeightByClasses(const Dataset& data, const ClassingOptions& options) {
  if (options.dimensions.empty() || options.dimensions.size() > 2) {
    return Status::InvalidInput("weighting classes take one or two dimensions");
  }
  std::vector<const DatasetDimension*> dimensions;
  for (const std::string& id : options.dimensions) {
    const DatasetDimension* dimension = data.Dimension(id);
    if (!dimension) return Status::NotFound("there is no dimension " + id + " to weight by");
    dimensions.push_back(dimension);
  }
  const DatasetDimension& first = *dimensions[0];
  const DatasetDimension* second = dimensions.size() > 1 ? dimensions[1] : nullptr;
  const int min = std::max(1, options.min_respondents);

  // Organisations in scope and responding organisations per cell.
  std::map<Cell, Counts> cells;
  for (size_t i = 0; i < data.population.size(); ++i) {
    ++cells[{first.population_codes[i], second ? second->population_codes[i] : -1}].population;
  }
  std::vector<Cell> cell_of_row;
  for (size_t i = 0; i < data.rows; ++i) {
    Cell cell{first.codes[i], second ? second->codes[i] : -1};
    cells[cell].respondents.insert(data.organisations[i]);
    cell_of_row.push_back(cell);
  }

  // Within each category of the first dimension: the cells with too few
  // respondents weighted together, or with the smallest sufficient cell.
  std::vector<std::vector<Group>> by_first;  // in the first dimension's order
  for (auto it = cells.begin(); it != cells.end();) {
    int a = it->first.first;
    std::vector<Group> sufficient;
    Group pool;
    for (; it != cells.end() && it->first.first == a; ++it) {
      Group one{{it->first}, it->second.population, int(it->second.respondents.size())};
      if (one.respondents >= min) {
        sufficient.push_back(std::move(one));
      } else {
        pool = Merge(std::move(pool), one);
      }
    }
    if (!pool.cells.empty() && pool.respondents < min && !sufficient.empty()) {
      auto smallest = std::min_element(
          sufficient.begin(), sufficient.end(),
          [](const Group& x, const Group& y) { return x.respondents < y.respondents; });
      *smallest = Merge(std::move(*smallest), pool);
    } else if (!pool.cells.empty()) {
      sufficient.push_back(std::move(pool));
    }
    by_first.push_back(std::move(sufficient));
  }
  // A category of the first dimension still short is a single group:
  // weighted together with the smallest group of a neighbouring category.
  for (bool merged = true; merged;) {
    merged = false;
    for (size_t a = 0; a < by_first.size() && by_first.size() > 1; ++a) {
      if (by_first[a].size() != 1 || by_first[a][0].respondents >= min) continue;
      size_t neighbour = a + 1 < by_first.size() ? a + 1 : a - 1;
      auto smallest = std::min_element(
          by_first[neighbour].begin(), by_first[neighbour].end(),
          [](const Group& x, const Group& y) { return x.respondents < y.respondents; });
      *smallest = Merge(std::move(*smallest), by_first[a][0]);
      by_first.erase(by_first.begin() + std::ptrdiff_t(a));
      merged = true;
      break;
    }
  }

  struct {
    std::vector<WeightingClass> classes;
    std::vector<int> class_of_row;
    std::vector<LocalizedText> notes;
  } out;
  std::map<Cell, int> class_of_cell;
  for (const std::vector<Group>& groups : by_first) {
    for (const Group& group : groups) {
      if (group.respondents < min) {
        return Status::InvalidInput(fmt::format(
            "only {} organisations answered: weighting needs at least {}", group.respondents,
            min));
      }
      for (const Cell& cell : group.cells) class_of_cell[cell] = int(out.classes.size());
      WeightingClass weighting_class;
      weighting_class.label = LabelOf(group, first, second, cells);
      weighting_class.population = group.population;
      weighting_class.respondents = group.respondents;
      weighting_class.collapsed = group.cells.size() > 1;
      if (weighting_class.collapsed) {
        const LocalizedText& l = weighting_class.label;
        // Who answered in the class is not said: it is a sum of the
        // methods page's counts per category, some of which may be hidden.
        out.notes.push_back(
            {fmt::format("Painotusluokka {}: soluissa oli alle {} vastannutta organisaatiota, "
                         "joten ne painotetaan yhdessä (luokassa {} organisaatiota).",
                         l.fi, min, group.population),
             fmt::format("Viktningsklassen {}: cellerna hade färre än {} svarande "
                         "organisationer och viktas tillsammans ({} organisationer i klassen).",
                         l.sv, min, group.population),
             fmt::format("Weighting class {}: its cells had fewer than {} responding "
                         "organisations each and are weighted together ({} organisations in the "
                         "class).",
                         l.en, min, group.population)});
      }
      out.classes.push_back(std::move(weighting_class));
    }
  }

  // The design: a stratum per class, weight N_h/n_h, fpc N_h, the
  // organisation as PSU.
  DesignSpec spec;
  std::map<std::string, int> psu_of;
  for (size_t i = 0; i < data.rows; ++i) {
    int h = class_of_cell.at(cell_of_row[i]);
    out.class_of_row.push_back(h);
    const WeightingClass& c = out.classes[size_t(h)];
    spec.weights.push_back(double(c.population) / c.respondents);
    spec.strata.push_back(h);
    spec.fpc.push_back(c.population);
    spec.psus.push_back(psu_of.emplace(data.organisations[i], int(psu_of.size())).first->second);
  }
  for (const WeightingClass& c : out.classes) spec.stratum_names.push_back(c.label.en);
  auto design = Design::Make(std::move(spec));
  if (!design.ok()) return design.status();
  return ClassWeighting{std::move(out.classes), std::move(out.class_of_row),
                        std::move(out.notes), std::move(design).value()};
}

Result<ResultsDesign> DefaultDesign(const Dataset& data, const ClassingOptions& options) {
  if (data.rows < 2) {
    return Status::FailedPrecondition(fmt::format(
        "{} submitted response{}: estimates and their intervals need at least 2", data.rows,
        data.rows == 1 ? "" : "s"));
  }
  ResultsDesign made;
  auto weighting = WeightByClasses(data, options);
  if (weighting.ok()) {
    made.classes.emplace(std::move(weighting).value());
    return made;
  }
  if (weighting.status().code() != ErrorCode::kInvalidInput) return weighting.status();
  made.unweighted_reason = weighting.status().message();
  auto unweighted = Design::Make({std::vector<double>(data.rows, 1.0), {}, {}, {}, {}});
  if (!unweighted.ok()) return unweighted.status();
  made.unweighted.emplace(std::move(unweighted).value());
  return made;
}

}  // namespace kartla::stats
