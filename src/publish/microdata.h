// Microdata for analysts (staff only, never part of a release): one row per
// respondent of a questionnaire, the registry's dimensions, the design
// weight, and every question, as CSV, XLSX, SPSS .sav and Stata .dta with
// variable and value labels (ReadStat, libxlsxwriter). The organisation is
// a pseudonym unless the administrator asks for its code.
//
// The files are written from rows that come in chunks (a dataset of some
// respondents at a time), so an export of any size takes memory for one
// chunk: libxlsxwriter in its constant-memory mode, ReadStat and the CSV
// straight to their files.
#ifndef KARTLA_PUBLISH_MICRODATA_H_
#define KARTLA_PUBLISH_MICRODATA_H_

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/text.h"
#include "stats/dataset.h"

namespace kartla::publish {

enum class MicrodataFormat { kCsv, kXlsx, kSav, kDta };
inline constexpr MicrodataFormat kMicrodataFormats[] = {
    MicrodataFormat::kCsv, MicrodataFormat::kXlsx, MicrodataFormat::kSav, MicrodataFormat::kDta};
// "csv", "xlsx", "sav", "dta": the file's extension.
std::string_view ExtensionOf(MicrodataFormat format);
std::optional<MicrodataFormat> ParseMicrodataFormat(std::string_view extension);
// The file's media type, for a download.
std::string_view MediaTypeOf(MicrodataFormat format);

struct MicrodataOptions {
  Lang lang = Lang::kEn;  // of the labels
  // The organisation's identity: its code, or (the default) a pseudonym
  // the same for the organisation in every questionnaire of the round.
  bool identify = false;
  // Makes the pseudonyms: an organisation code → its pseudonym. Required
  // unless `identify`.
  std::function<std::string(const std::string&)> pseudonym;
  bool weighted = true;  // a design weight column (the rows' weights)
  std::string label;     // the file label: round and questionnaire
  std::string date;      // YYYY-MM-DD: the files' time stamp
};

// Some respondents' rows: a dataset of them (stats::BuildDataset) and, if
// weighted, each row's design weight.
struct MicrodataRows {
  const stats::Dataset& data;
  std::span<const double> weights;
};

// Hands each chunk of rows to `visit`, in order, and stops at the first
// failure `visit` returns, returning it; or the source's own failure.
using MicrodataVisit = std::function<Status(const MicrodataRows&)>;
using MicrodataSource = std::function<Status(const MicrodataVisit& visit)>;

// Writes a file per format (format → path) from `rows`, whose chunks have
// the columns and dimensions of `schema` (a dataset of the same form and
// registry; its rows are not read). `rows` is run once, or twice when a
// .sav or .dta is among the files (their text widths and row count come
// first): both runs must give the same rows. Fails with kInvalidInput if
// ReadStat refuses the data, naming the variable, with kFailedPrecondition if the
// second run gave other rows than the first, or as `rows` does; a file
// half written is then removed.
Status WriteMicrodata(const stats::Dataset& schema, const MicrodataOptions& options,
                      const std::map<MicrodataFormat, std::string>& files,
                      const MicrodataSource& rows);

// The files STEM.csv, STEM.xlsx, STEM.sav and STEM.dta of `dataset` (all
// in memory: for tests and small data), written through files in
// `scratch` (made and removed again if missing): name → bytes. `weights`:
// each row's, or empty for no weight column.
Result<std::map<std::string, std::string>> RenderMicrodata(const stats::Dataset& dataset,
                                                           std::span<const double> weights,
                                                           const std::string& stem,
                                                           const MicrodataOptions& options,
                                                           const std::string& scratch);

}  // namespace kartla::publish

#endif  // KARTLA_PUBLISH_MICRODATA_H_
