// The toy municipal survey of ../shared/stats (tests/data/stats) as a
// results dataset built in memory: S, M and L municipalities (20, 15 and 5
// in scope; 9, 9 and 4 answered), q1 with "don't know" (9), m1..m4, mi.
// KARTLA_STATS_DATA must name tests/data/stats.
#ifndef KARTLA_TESTS_SUPPORT_TOY_SURVEY_H_
#define KARTLA_TESTS_SUPPORT_TOY_SURVEY_H_

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/csv.h"
#include "stats/dataset.h"

namespace kartla::stats {

inline DatasetDimension MakeDimension(std::string id, std::vector<std::string> categories) {
  DatasetDimension dimension;
  dimension.label = {id, id, id};
  dimension.id = std::move(id);
  for (const std::string& category : categories) {
    dimension.categories.push_back(category);
    dimension.category_labels.push_back({category, category, category});
  }
  return dimension;
}

inline DatasetColumn RatingColumn(std::string name, bool with_dont_know) {
  DatasetColumn column;
  column.name = std::move(name);
  column.kind = DatasetColumn::Kind::kChoice;
  column.choices = {"1", "2", "3", "4", "5"};
  if (with_dont_know) {
    column.choices.push_back("dont_know");
    column.dont_know = 5;
  }
  column.choice_labels.resize(column.choices.size());
  column.rating = true;
  column.scale_min = 1;
  column.scale_max = 5;
  return column;
}

// The toy survey as a dataset: S, M and L municipalities (20, 15 and 5 in
// scope; 9, 9 and 4 answered), q1 with "don't know" (9), m1..m4, mi.
inline Dataset ToyDataset() {
  std::ifstream in(std::string(KARTLA_STATS_DATA) + "/toy_municipalities.csv");
  std::stringstream text;
  text << in.rdbuf();
  CsvTable table = std::move(ParseCsv(text.str(), "toy_municipalities.csv")).value();
  auto field = [&](const CsvRecord& record, const char* name) {
    return record.fields[*table.ColumnIndex(name)];
  };
  Dataset data;
  DatasetDimension size = MakeDimension("size", {"S", "M", "L"});
  std::map<std::string, int> in_scope = {{"S", 20}, {"M", 15}, {"L", 5}};
  for (size_t k = 0; k < 3; ++k) {
    for (int i = 1; i <= in_scope[size.categories[k]]; ++i) {
      data.population.push_back(fmt::format("{}{:02}", size.categories[k], i));
      size.population_codes.push_back(int(k));
    }
  }
  std::vector<DatasetColumn> columns = {RatingColumn("q1", true), RatingColumn("m1", false),
                                        RatingColumn("m2", false), RatingColumn("m3", false),
                                        RatingColumn("m4", false)};
  DatasetColumn mi;
  mi.name = "mi";
  mi.kind = DatasetColumn::Kind::kNumber;
  std::map<std::string, int> answered;
  for (const CsvRecord& record : table.records) {
    std::string s = field(record, "size");
    data.organisations.push_back(fmt::format("{}{:02}", s, ++answered[s]));
    data.roles.push_back("ict_management");
    size.codes.push_back(int(std::find(size.categories.begin(), size.categories.end(), s) -
                             size.categories.begin()));
    for (DatasetColumn& column : columns) {
      int value = std::stoi(field(record, column.name.c_str()));
      column.codes.push_back(int16_t(value == 9 ? 5 : value - 1));
    }
    mi.numbers.push_back(std::stod(field(record, "mi")));
  }
  data.rows = table.records.size();
  columns.push_back(std::move(mi));
  data.columns = std::move(columns);
  data.dimensions.push_back(std::move(size));
  return data;
}

}  // namespace kartla::stats

#endif  // KARTLA_TESTS_SUPPORT_TOY_SURVEY_H_
