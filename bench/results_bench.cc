// The results engine at national scale: N responses (default 1,000,000) ×
// 50 choice questions with 3 registry dimensions. Times every question's
// distribution overall, by each dimension and by region × size class, with
// disclosure control, and writes the same data as CSV for DuckDB
// (bench/duckdb/groupby.mjs) to run the equivalent GROUP BY queries. Then
// rakes the rows to three margins (bench/r/rake.R does the same with R's
// calibrate()) and prints the weighted mean of q1 to compare.
//   results_bench ROWS CSV_PATH
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include "stats/dataset.h"
#include "stats/survey_design.h"

using kartla::stats::DatasetColumn;
using kartla::stats::DatasetDimension;

namespace {

constexpr int kItems = 50;
constexpr int kChoices = 5;

DatasetDimension MakeDimension(const char* id, int categories) {
  DatasetDimension dimension;
  dimension.id = id;
  for (int k = 0; k < categories; ++k) {
    dimension.categories.push_back(std::to_string(k));
    dimension.category_labels.push_back({dimension.categories.back(), "", ""});
  }
  return dimension;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t rows = argc > 1 ? std::stoul(argv[1]) : 1'000'000;
  const std::string csv_path = argc > 2 ? argv[2] : "";
  std::mt19937_64 random(20261122);
  kartla::stats::Dataset data;
  data.rows = rows;
  // Skewed categories, so that some crossed cells are small.
  DatasetDimension region = MakeDimension("region", 19);
  DatasetDimension size_class = MakeDimension("size_class", 7);
  DatasetDimension language = MakeDimension("language", 4);
  std::geometric_distribution<int> skew_region(0.4), skew_size(0.5), skew_language(0.6);
  for (size_t i = 0; i < rows; ++i) {
    region.codes.push_back(std::min(18, skew_region(random)));
    size_class.codes.push_back(std::min(6, skew_size(random)));
    language.codes.push_back(std::min(3, skew_language(random)));
  }
  for (int q = 0; q < kItems; ++q) {
    DatasetColumn column;
    column.name = "q" + std::to_string(q + 1);
    column.kind = DatasetColumn::Kind::kChoice;
    for (int j = 0; j < kChoices; ++j) {
      column.choices.push_back(std::to_string(j + 1));
      column.choice_labels.push_back({column.choices.back(), "", ""});
    }
    column.codes.resize(rows);
    for (size_t i = 0; i < rows; ++i) {
      uint64_t draw = random();
      // 5 % not answered; the answers lean on the region.
      column.codes[i] = draw % 20 == 0 ? -1 : int16_t((draw / 20 + size_t(region.codes[i])) % kChoices);
    }
    data.columns.push_back(std::move(column));
  }
  data.dimensions = {region, size_class, language};

  if (!csv_path.empty()) {
    FILE* out = std::fopen(csv_path.c_str(), "w");
    if (!out) return 1;
    std::fputs("region,size_class,language", out);
    for (int q = 0; q < kItems; ++q) std::fprintf(out, ",q%d", q + 1);
    std::fputc('\n', out);
    std::string line;
    for (size_t i = 0; i < rows; ++i) {
      line = std::to_string(region.codes[i]) + ',' + std::to_string(size_class.codes[i]) + ',' +
             std::to_string(language.codes[i]);
      for (const DatasetColumn& column : data.columns) {
        line += ',';
        if (column.codes[i] >= 0) line += char('1' + column.codes[i]);
      }
      line += '\n';
      std::fputs(line.c_str(), out);
    }
    std::fclose(out);
  }

  auto started = std::chrono::steady_clock::now();
  DatasetDimension crossed = kartla::stats::Cross(data.dimensions[0], data.dimensions[1]);
  const DatasetDimension* groupings[] = {nullptr, &data.dimensions[0], &data.dimensions[1],
                                         &data.dimensions[2], &crossed};
  long cells = 0, hidden = 0, answers = 0;
  for (const DatasetColumn& column : data.columns) {
    for (const DatasetDimension* by : groupings) {
      auto table = kartla::stats::Distribute(data, column, by, {5, 10});
      for (size_t g = 0; g < table->groups.size(); ++g) {
        for (size_t j = 0; j < table->categories.size(); ++j) {
          ++cells;
          hidden += table->suppressed[g][j];
        }
      }
      answers += table->base.back();
    }
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("kartla: %zu rows x %d questions, 5 groupings each (total, region, size class, "
              "language, region x size class): %.3f s; %ld cells, %ld suppressed; %ld answers "
              "counted\n",
              rows, kItems, seconds, cells, hidden, answers);
  std::printf("kartla_seconds=%.6f\n", seconds);

  // Raking to three margins whose totals differ from the sample's shares:
  // the same formulas as bench/r/rake.R.
  kartla::stats::DesignSpec spec;
  spec.weights.assign(rows, 1.0);
  auto design = std::move(kartla::stats::Design::Make(std::move(spec))).value();
  // The margins: the sample's counts, region's moved by ±20 % in turn,
  // language's by ±10 %, all scaled to the same population.
  std::vector<kartla::stats::Margin> margins;
  double population = 0;
  for (const DatasetDimension& dimension : data.dimensions) {
    kartla::stats::Margin margin;
    margin.factor.codes = dimension.codes;
    margin.factor.levels = dimension.categories;
    margin.factor.name = dimension.id;
    std::vector<double> counts(dimension.categories.size(), 0.0);
    for (int code : dimension.codes) ++counts[size_t(code)];
    double sum = 0;
    for (size_t k = 0; k < counts.size(); ++k) {
      double shift = dimension.id == "region"     ? 0.2 * double(int(k % 3) - 1)
                     : dimension.id == "language" ? 0.1 * double(int(k % 2) * 2 - 1)
                                                  : 0.0;
      margin.totals.push_back(counts[k] * (1 + shift));
      sum += margin.totals.back();
    }
    if (population == 0) population = sum;
    for (double& total : margin.totals) total *= population / sum;
    margins.push_back(std::move(margin));
  }
  std::vector<double> q1(rows);
  for (size_t i = 0; i < rows; ++i) {
    int code = data.columns[0].codes[i];
    q1[i] = code < 0 ? std::nan("") : code + 1;
  }
  started = std::chrono::steady_clock::now();
  kartla::Status raked = design.Rake(margins);
  double rake_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!raked.ok()) {
    std::printf("raking failed: %s\n", raked.message().c_str());
    return 1;
  }
  kartla::stats::Estimate mean = design.Mean(q1);
  std::printf("kartla raking of %zu rows to 3 margins (19, 7, 4 categories): %.3f s; "
              "mean of q1 %.12f (SE %.6g)\n",
              rows, rake_seconds, mean.estimate, mean.se);
  std::printf("kartla_rake_seconds=%.6f\nkartla_rake_mean=%.17g\n", rake_seconds,
              mean.estimate);
  return 0;
}
