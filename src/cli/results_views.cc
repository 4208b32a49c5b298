#include "cli/results_views.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>

#include "cli/text_table.h"

namespace kartla::cli {

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

void PrintQuestion(std::ostream& out, const stats::QuestionTable& table, Lang lang,
                   bool index) {
  const stats::DatasetColumn& column = *table.column;
  out << fmt::format("\n{} ({})\n{}\n", column.label.Get(lang), column.name,
                     stats::CoverageLine(table.coverage, lang));
  if (!table.merge_note.Get(lang).empty()) out << table.merge_note.Get(lang) << "\n";
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
  const bool per_inhabitant = !rating && column.per_inhabitant > 0;
  if (per_inhabitant) {
    header.push_back({column.per_inhabitant_unit.Get(lang) + " (95 % CI)", Align::kRight});
  }
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
    if (per_inhabitant) {
      cells.push_back(std::isnan(group.per_inhabitant.estimate)
                          ? "–"
                          : Amount(group.per_inhabitant, column.per_inhabitant_decimals));
    }
    printed.AddRow(cells);
  }
  printed.Print(out);
}

boost::json::value JsonNumber(double value) {
  if (!std::isfinite(value)) return nullptr;
  return value;
}

void PrintJsonLines(std::ostream& out, const boost::json::array& values) {
  out << "[";
  for (size_t i = 0; i < values.size(); ++i) {
    out << (i ? ",\n  " : "\n  ") << boost::json::serialize(values[i]);
  }
  out << "\n]\n";
}

}  // namespace kartla::cli
