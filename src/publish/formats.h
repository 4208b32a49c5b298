// A result table as the open formats the results site offers for download:
// JSON-stat 2.0 (suppressed cells null with status ".."), PX, which PxWeb
// serves, CSV and XLSX. All four render the same rounded cells. Output is byte-stable: the same table gives the same bytes
// (no clock inside; the date is the release's).
#ifndef KARTLA_PUBLISH_FORMATS_H_
#define KARTLA_PUBLISH_FORMATS_H_

#include <algorithm>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/text.h"
#include "stats/tables.h"

namespace kartla::publish {

struct Category {
  std::string code;
  std::string label;
};

struct Measure {
  std::string code;
  std::string label;
  std::string unit;
  int decimals = 0;
};

// A table as published, in one language: its lines (those anyone
// answered in, and the total), its choices (none for a mean), its
// measures, and every cell rounded for publication, in line × choice ×
// measure order; nullopt for a suppressed cell (hidden) or no value.
// Every download and the results site's tables show these numbers.
struct Published {
  std::string title;
  std::string line_dimension;
  std::vector<Category> lines, choices;
  std::vector<Measure> measures;
  std::vector<std::optional<double>> values;
  std::vector<bool> hidden;
  std::string coverage;
  std::string merged;  // what merging did to the lines (stats::MergeNote), or empty
  // Where the cells of `line` and `choice` start (the headline measure:
  // the share, or the mean).
  size_t Headline(size_t line, size_t choice) const {
    return (line * std::max<size_t>(choices.size(), 1) + choice) * measures.size();
  }
};

// Whether a line's summaries over the valid answers (a rating's mean and
// top-2-box, its shares of the valid answers) may be published beside its
// distribution: not when the line's summary is hidden, nor when any of its
// cells is, since with the published cells they would let the hidden ones
// be worked out (the mean is a known combination of the shares).
bool SummaryPublishable(const stats::GroupResult& line);

// The table's published view in `lang`; nullopt for open text.
std::optional<Published> Publish(const stats::QuestionTable& table, Lang lang);

struct TableMeta {
  std::string id;        // "digimapping-2025.ict_management.maturity"; PX's MATRIX
  LocalizedText source;  // the round's title: "Digitalisation mapping 2025"
  std::string updated;   // the release's date, YYYY-MM-DD
  int k = 5;             // the disclosure rule's k, said in every file's note
};

// The table as a JSON-stat 2.0 dataset in `lang`. A choice table has the
// dimensions line (the breakdown's lines, the total last) × choice ×
// measure (share %, its 95 % interval, respondents); a rating or amount
// without choices line × measure (mean, interval, median, quartiles,
// respondents; all hidden together). Lines nobody answered in are left out. Nullopt for open
// text, which is never published as a table.
std::optional<std::string> ToJsonStat(const stats::QuestionTable& table, Lang lang,
                                      const TableMeta& meta);

// The table as a PX file in `lang`: the shares (%) of a choice table, or
// the means of a rating or amount, lines as the stub, suppressed cells
// "..". Nullopt for open text.
std::optional<std::string> ToPx(const stats::QuestionTable& table, Lang lang,
                                const TableMeta& meta);

// The table as CSV in `lang` (RFC 4180, UTF-8): one row per line (and
// choice), the codes and labels, then each measure; ".." for a suppressed
// cell. Nullopt for open text.
std::optional<std::string> ToCsv(const stats::QuestionTable& table, Lang lang);

// The same rows as a CSV that Excel opens with a double click in `lang`'s
// locale, as Statistics Finland's services offer it: a UTF-8 byte order
// mark, the labels only, headings in the language (with the unit), and in
// Finnish and Swedish ';' between fields and a decimal comma ("18,8");
// in English ',' and a decimal point. ".." for a suppressed cell.
std::optional<std::string> ToSpreadsheetCsv(const stats::QuestionTable& table, Lang lang);

// The release date YYYY-MM-DD as the time stamp inside files (midnight
// UTC); 0 if it is not a date.
time_t ReleaseTime(const std::string& date);

// Writes the table as an XLSX workbook (libxlsxwriter) at `path`: title,
// coverage line, the same rows as the CSV, the rule as a note; creation
// time the release's date, so the file is byte-stable. False (nothing
// written) for open text; throws SystemError if the file cannot be written.
bool WriteXlsx(const stats::QuestionTable& table, Lang lang, const TableMeta& meta,
               const std::string& path);

// Every download of `table` in every language, by file name: STEM.LANG
// with .json, .px, .csv, .excel.csv and .xlsx, rendered in memory (the XLSX through a
// file in `scratch`, removed again). Empty for open text.
std::map<std::string, std::string> RenderDownloads(const stats::QuestionTable& table,
                                                   const TableMeta& meta,
                                                   const std::string& stem,
                                                   const std::string& scratch);

// Writes each file of `files` (path relative to `folder` → bytes), making
// folders as needed. Throws SystemError if one cannot be written.
void WriteFiles(const std::string& folder, const std::map<std::string, std::string>& files);

}  // namespace kartla::publish

#endif  // KARTLA_PUBLISH_FORMATS_H_
