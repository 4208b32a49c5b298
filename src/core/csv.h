// Reading CSV files (RFC 4180) as spreadsheet programs write them: fields
// separated by commas or semicolons, quoted fields that may hold separators,
// doubled quotes and line breaks, CRLF or LF line ends, a UTF-8 byte order
// mark. Every record remembers the line it starts on, so that problems can be
// reported by row and column.

#ifndef KARTLA_CORE_CSV_H_
#define KARTLA_CORE_CSV_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kartla {

struct CsvOptions {
  // The field separator. Default: 0, meaning: ';' if the header line has a
  // semicolon outside quotes and no comma, else ','.
  char delimiter = 0;
};

// The index of the column of `header` named `name`, compared without case
// and surrounding spaces; nullopt if there is none. For every table with a
// header row (CSV files, spreadsheet sheets).
std::optional<size_t> FindHeaderColumn(const std::vector<std::string>& header,
                                       std::string_view name);

// Every CSV file Kartla writes goes through FormatCsvRecord or CsvField,
// and both neutralise formulas (CSV injection, OWASP's rule): a field that
// a spreadsheet would run as a formula, because it starts with '=', '+',
// '-', '@', a tab or a CR, gets a ' in front and is quoted, so that Excel,
// LibreOffice and Google Sheets show it as text. A field that is a plain
// number ("-12.5") is left as it is.
bool LooksLikeFormula(std::string_view text);

// Who reads a CSV file that Kartla writes.
enum class CsvReader {
  kPerson,  // anyone, in any spreadsheet: formulas are neutralised
  kKartla,  // only Kartla's own import, at once (a form on a page made into
            // the registry's CSV): fields are written as they are
};

// One CSV record: every field quoted (doubled quotes inside), separated by
// commas, ended by CRLF as RFC 4180 has it; formulas neutralised (above)
// unless `reader` is kKartla. ParseCsv reads it back.
std::string FormatCsvRecord(const std::vector<std::string>& fields,
                            CsvReader reader = CsvReader::kPerson);

// One CSV field, quoted only when it must be (it holds the separator, a
// quote or a line break; RFC 4180) or it is a neutralised formula (above).
// `separator` is ',' but for the files Finnish and Swedish Excel opens,
// which are separated by ';' (their decimal mark is the comma).
std::string CsvField(const std::string& text, char separator = ',');
// The same field appended to `out` (a file written row by row).
void AppendCsvField(std::string& out, std::string_view text, char separator = ',');

struct CsvRecord {
  int line = 0;  // 1-based line of the file on which the record starts
  std::vector<std::string> fields;  // as many as the header has
};

struct CsvTable {
  std::string file;                 // the name used in problem places
  std::vector<std::string> header;  // trimmed
  std::vector<CsvRecord> records;   // blank lines skipped
  char delimiter = ',';

  // The index of the header column named `name`, compared without case and
  // surrounding spaces; nullopt if there is none.
  std::optional<size_t> ColumnIndex(std::string_view name) const;
  // The place of a field, for problem reports.
  Place PlaceOf(const CsvRecord& record, size_t column) const;
};

// Parses `text`, the contents of the file called `file_name`. Records with
// fewer fields than the header are padded with empty fields.
//
// Fails with kInvalidInput listing every problem found: bytes that are not
// UTF-8 (each field that has them), a quoted field that never ends, a record
// with more fields than the header, an empty or missing header.
Result<CsvTable> ParseCsv(std::string_view text, std::string_view file_name,
                          CsvOptions options = {});

}  // namespace kartla

#endif  // KARTLA_CORE_CSV_H_
