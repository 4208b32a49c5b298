// Disclosure control at a national scale (issue 19): a made-up round of
// 2,000 organisations answering 40 choice questions (single and multiple,
// 3–6 choices, skewed so that small cells are common), each tabulated by
// three breakdowns (19 regions, 7 size classes, 5 major regions) and one
// crossed (size class × major region), protected (primary rules, the rank
// pass, the interval rule by GLPK) and audited again as `kartla publish`
// does; then each question's tables together, read with the registry.
// Each table, and each question, on the machine's cores, as a release does
// (KARTLA_THREADS=1 for one).
// Prints the time of each kind of table and in all; target: under 30 s. Usage: audit_bench [ORGANISATIONS] [QUESTIONS] [K]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <optional>
#include <string>
#include <vector>

#include "core/parallel.h"
#include "stats/dataset.h"

namespace {

using kartla::stats::Dataset;
using kartla::stats::DatasetColumn;
using kartla::stats::DatasetDimension;

DatasetDimension Dimension(const std::string& id, const std::vector<int>& codes, int size) {
  DatasetDimension dimension;
  dimension.id = id;
  for (int c = 0; c < size; ++c) {
    dimension.categories.push_back(id + std::to_string(c));
    dimension.category_labels.emplace_back();
  }
  dimension.codes = codes;
  return dimension;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t organisations = argc > 1 ? size_t(std::atoi(argv[1])) : 2000;
  const size_t questions = argc > 2 ? size_t(std::atoi(argv[2])) : 40;
  const int k = argc > 3 ? std::atoi(argv[3]) : 5;
  std::mt19937 random(20261202);
  Dataset data;
  data.rows = organisations;
  // Regions of uneven size, each in one major region; size classes skewed
  // to the small, as Finland's municipalities are.
  std::vector<int> region(organisations), major(organisations), size(organisations);
  std::discrete_distribution<int> region_pick({30, 12, 10, 9, 8, 8, 7, 6, 6, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2});
  std::discrete_distribution<int> size_pick({25, 30, 18, 12, 8, 4, 3});
  for (size_t i = 0; i < organisations; ++i) {
    region[i] = region_pick(random);
    major[i] = region[i] % 5;
    size[i] = size_pick(random);
  }
  data.dimensions = {Dimension("region", region, 19), Dimension("size_class", size, 7),
                     Dimension("major_region", major, 5)};
  // Every organisation is in the registry and answers once.
  data.one_per_organisation = true;
  for (size_t i = 0; i < organisations; ++i) {
    data.population.push_back("o" + std::to_string(i));
    for (auto& dimension : data.dimensions) dimension.population_codes.push_back(dimension.codes[i]);
  }
  for (size_t q = 0; q < questions; ++q) {
    DatasetColumn column;
    column.name = "q" + std::to_string(q);
    const bool multiple = q % 4 == 3;
    column.kind = multiple ? DatasetColumn::Kind::kMultiple : DatasetColumn::Kind::kChoice;
    const size_t choices = 3 + q % 4;
    std::vector<double> weights;
    for (size_t j = 0; j < choices; ++j) {
      column.choices.push_back("c" + std::to_string(j));
      column.choice_labels.emplace_back();
      weights.push_back(j == 0 ? 1.0 : 2.0 + double(random() % 30));
    }
    std::discrete_distribution<int> pick(weights.begin(), weights.end());
    for (size_t i = 0; i < organisations; ++i) {
      if (multiple) {
        uint64_t bits = 0;
        for (size_t j = 0; j < choices; ++j) bits |= uint64_t(random() % 3 == 0) << j;
        column.bits.push_back(bits);
      } else {
        column.codes.push_back(random() % 12 == 0 ? int16_t(-1) : int16_t(pick(random)));
      }
    }
    data.columns.push_back(std::move(column));
  }
  const kartla::stats::DisclosureRules rules{k, 2 * k};
  using Clock = std::chrono::steady_clock;
  const auto seconds = [](Clock::time_point since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
  };
  const auto started = Clock::now();
  // As `kartla publish` does, each table (and then each question) is
  // protected on its own, on the machine's cores (KARTLA_THREADS=1: one).
  std::printf("%u threads\n", kartla::DefaultThreads());
  size_t hidden = 0, cells = 0, findings = 0;
  auto count = [&](const kartla::stats::Distribution& table) {
    for (const auto& line : table.suppressed) {
      for (bool h : line) hidden += h, ++cells;
    }
    findings += kartla::stats::AuditDistribution(table, rules).size();
  };
  auto protect_each = [&](const char* name, const auto& distribute) {
    const auto began = Clock::now();
    std::vector<std::optional<kartla::stats::Distribution>> tables(data.columns.size());
    kartla::ParallelFor(tables.size(), [&](size_t c) { tables[c] = distribute(data.columns[c]); });
    for (const auto& table : tables) count(*table);
    std::printf("%-28s %6.2f s\n", name, seconds(began));
  };
  const char* names[] = {"by region", "by size class", "by major region"};
  for (size_t d = 0; d < 3; ++d) {
    protect_each(names[d], [&](const DatasetColumn& column) {
      return kartla::stats::Distribute(data, column, &data.dimensions[d], rules);
    });
  }
  protect_each("size class x major region", [&](const DatasetColumn& column) {
    return kartla::stats::DistributeCrossed(data, column, data.dimensions[1], data.dimensions[2],
                                            rules);
  });
  // Each question's tables together, read with the registry as a release
  // reads them: its overall table and the three breakdowns are margins of
  // the classes region × size class × major region, whose organisations
  // the registry counts.
  const auto linked_began = Clock::now();
  struct Linked {
    bool refused = false;
    size_t hidden = 0, findings = 0;
  };
  std::vector<Linked> linked(data.columns.size());
  const kartla::stats::DatasetDimension* by[] = {&data.dimensions[0], &data.dimensions[1],
                                                 &data.dimensions[2]};
  kartla::ParallelFor(data.columns.size(), [&](size_t c) {
    const DatasetColumn& column = data.columns[c];
    std::vector<kartla::stats::Distribution> tables{*kartla::stats::Distribute(data, column, nullptr, rules)};
    for (const auto* dimension : by) {
      tables.push_back(*kartla::stats::Distribute(data, column, dimension, rules));
    }
    const kartla::stats::JointClasses classes = kartla::stats::ClassesOf(data, column, by);
    auto hidden_in = [&] {
      size_t n = 0;
      for (const auto& table : tables) {
        for (const auto& line : table.suppressed) n += size_t(std::count(line.begin(), line.end(), true));
      }
      return n;
    };
    const size_t before = hidden_in();
    if (!kartla::stats::ProtectQuestionAgainstEarlier(tables, {}, rules, &classes)) {
      linked[c].refused = true;
      return;
    }
    linked[c].findings = kartla::stats::AuditQuestionAgainstEarlier(tables, {}, rules, &classes).size();
    linked[c].hidden = hidden_in() - before;
  });
  size_t refused = 0, linked_hidden = 0;
  for (const Linked& question : linked) {
    refused += question.refused;
    linked_hidden += question.hidden;
    findings += question.findings;
  }
  std::printf("%-28s %6.2f s (%zu further cells hidden, %zu questions refused)\n",
              "questions with the registry", seconds(linked_began), linked_hidden, refused);
  std::printf("%zu organisations, %zu questions, k = %d: %zu cells, %zu hidden (%.1f %%), "
              "%zu audit findings; protected and audited in %.2f s (target: under 30 s)\n",
              organisations, questions, k, cells, hidden, 100.0 * double(hidden) / double(cells),
              findings, seconds(started));
  return findings == 0 ? 0 : 1;
}
