// Survey estimation on any CSV file (`kartla stats estimate`): a file's
// columns as numbers, categories and population margins; a design built
// from named columns and weighted to margins; and the estimates asked for,
// overall or in each category of a column. Every problem names its place
// (file, row, column), so that analysts can use it on old rounds' data and
// it can be checked against R's survey package.
#ifndef KARTLA_STATS_CSV_DESIGN_H_
#define KARTLA_STATS_CSV_DESIGN_H_

#include <string>
#include <vector>

#include "core/csv.h"
#include "core/status.h"
#include "stats/survey_design.h"

namespace kartla::stats {

// A CSV file's columns, read on demand.
class CsvColumns {
 public:
  explicit CsvColumns(CsvTable table) : table_(std::move(table)) {}

  size_t rows() const { return table_.records.size(); }

  // The column's index; kInvalidInput naming the file if there is none.
  Result<size_t> Index(const std::string& name) const;
  // Numbers; an empty field is missing (NaN) unless `required`. Fails with
  // kInvalidInput, a problem per field that is not a finite number.
  Result<std::vector<double>> Numbers(const std::string& name, bool required) const;
  // Categories, levels in sorted order as R's factor() has them; an empty
  // field is a level of its own ("").
  Result<Factor> Categories(const std::string& name) const;
  // A population margin "COLUMN:CAT=COUNT,CAT=COUNT,...", or for crossed
  // columns "A*B:a1*b1=COUNT,...". Every category the file has needs a
  // count, and every count a category with respondents.
  Result<Margin> ParseMargin(const std::string& spec) const;

 private:
  CsvTable table_;
};

// How the sample was drawn and weighted, by column names; empty is unused.
struct CsvDesignSpec {
  std::string weights;  // required
  std::string strata, psu, fpc;
  // At most one of these: post-stratification cells, raking margins or
  // calibration margins (each a margin spec as ParseMargin reads it).
  std::string poststratify;
  std::vector<std::string> rake, calibrate;
  CalibrationFunction calfun = CalibrationFunction::kLinear;
  RakeControl rake_control;
};

// The design of `spec` over `columns`, weighted as it says.
Result<Design> MakeCsvDesign(const CsvColumns& columns, const CsvDesignSpec& spec);

// What to estimate: means and totals of numeric columns, shares of each
// category of categorical ones (an empty field is a missing answer, out of
// every share's base); overall, or in each category of `by`.
struct CsvEstimates {
  std::vector<std::string> means, totals, shares;
  std::string by;
};

struct CsvEstimate {
  std::string statistic;  // "mean", "total" or "share"
  std::string variable;
  std::string category;  // a share's category; else empty
  std::string by;        // the category of `by`; empty overall
  Estimate value;
};

// The estimates, domain by domain (the categories of `by` in sorted order),
// within a domain means, then totals, then shares, each in the order asked.
Result<std::vector<CsvEstimate>> EstimateFromCsv(const CsvColumns& columns, const Design& design,
                                                 const CsvEstimates& asked);

}  // namespace kartla::stats

#endif  // KARTLA_STATS_CSV_DESIGN_H_
