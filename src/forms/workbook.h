// The sheets of an XLSForm as tables of text, whatever file they came from:
// an .xlsx workbook or a set of CSV files. Every cell remembers where it was,
// so that problems found later can name the file, sheet, row and column.
#ifndef KARTLA_FORMS_WORKBOOK_H_
#define KARTLA_FORMS_WORKBOOK_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.h"
#include "core/status.h"

namespace kartla::forms {

struct SheetRow {
  int row = 0;                     // 1-based row (or CSV line) in the source
  std::vector<std::string> cells;  // as many as the header has
};

// One sheet: a header row and the rows under it. Cells hold text exactly as
// the file had it, except that numbers are written without a trailing ".0",
// booleans as "TRUE"/"FALSE" and date cells as YYYY-MM-DD.
struct Sheet {
  std::string file;   // the file name used in problem places
  std::string sheet;  // the sheet name in an .xlsx file; empty for CSV
  int header_row = 1;
  std::vector<std::string> header;  // trimmed
  std::vector<SheetRow> rows;       // rows with no text at all are left out

  // The index of the column named `name`, compared without case and
  // surrounding spaces; nullopt if there is none.
  std::optional<size_t> ColumnIndex(std::string_view name) const;
  // Where cell `column` (0-based) of `row` is, for problem reports.
  Place PlaceOf(const SheetRow& row, size_t column) const;
  Place PlaceOfRow(const SheetRow& row) const;
  // The header row, for problems of the sheet as a whole.
  Place PlaceOfSheet() const { return Place{file, sheet, header_row, 0}; }
};

// The three XLSForm sheets. Missing sheets are nullopt.
struct Workbook {
  std::string file;  // the name of the form's file or folder
  std::optional<Sheet> survey;
  std::optional<Sheet> choices;
  std::optional<Sheet> settings;
  // Other sheets, by name, with their place (reported: refused or
  // ignored, never silently).
  std::vector<std::pair<std::string, Place>> other_sheets;
};

// How much of an .xlsx workbook is read: an xlsx is a zip archive, whose
// members may unpack to a thousand times their size (a decompression bomb).
// Members are unpacked as a stream and counted as they come; past a limit
// the workbook is refused.
struct WorkbookLimits {
  // The most bytes one member may unpack to. Default: 32 MiB.
  size_t member_bytes = size_t(32) << 20;
  // The most bytes all members read may unpack to. Default: 64 MiB.
  size_t total_bytes = size_t(64) << 20;
  // The most a member may unpack to per packed byte, once it is past
  // `ratio_from` bytes. Default: 100 (XLSForm sheets pack 5 to 20 times).
  double ratio = 100;
  size_t ratio_from = size_t(1) << 20;  // Default: 1 MiB
  // The most columns a sheet's header may reach. Default: 500.
  size_t columns = 500;
  // The most cells (rows × header columns) a sheet may have. Default: 2
  // million.
  size_t cells = 2'000'000;
};

// Reads an .xlsx workbook held in `bytes`. Sheet names are matched without
// case; other sheets are ignored. Fails with kInvalidInput, naming the file
// (and the member or sheet), if the bytes are not a readable xlsx workbook
// or go past `limits`.
Result<Workbook> ReadXlsx(std::string_view bytes, std::string_view file_name,
                          const WorkbookLimits& limits = {});

// Reads the CSV files of one form: `survey` is the contents of
// NAME.survey.csv; `choices` and `settings` may be absent. Fails with
// kInvalidInput listing every problem of every file.
struct CsvFormFiles {
  std::string name;  // NAME, for the workbook's file
  std::string survey_file;
  std::string survey;
  std::optional<std::string> choices_file, choices;
  std::optional<std::string> settings_file, settings;
};
Result<Workbook> ReadCsvForm(const CsvFormFiles& files);

// Finds the forms a path names: an .xlsx file, a NAME.survey.csv file (with
// NAME.choices.csv and NAME.settings.csv beside it), or a folder holding
// survey.csv/choices.csv/settings.csv or any number of NAME.survey.csv
// files and .xlsx files. Returns the path of each form's main file, sorted.
// Fails with kNotFound if the path names none.
Result<std::vector<std::string>> FindFormFiles(const std::string& path);

// Reads the form whose main file is `path` (as FindFormFiles returns it).
// Fails with kNotFound if a file cannot be read, kInvalidInput if its
// contents are not a workbook or an .xlsx goes past `limits`.
Result<Workbook> ReadWorkbookFile(const std::string& path, const WorkbookLimits& limits = {});

}  // namespace kartla::forms

#endif  // KARTLA_FORMS_WORKBOOK_H_
