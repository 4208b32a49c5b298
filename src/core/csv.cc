#include "core/csv.h"

#include <fmt/format.h>

#include "core/text.h"

namespace kartla {
namespace {

char DetectDelimiter(std::string_view text) {
  bool quoted = false;
  bool comma = false;
  bool semicolon = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    comma |= c == ',';
    semicolon |= c == ';';
  }
  return semicolon && !comma ? ';' : ',';
}

// Splits `text` into records of raw fields. Adds a problem for a quoted
// field left open at the end of the file.
std::vector<CsvRecord> SplitRecords(std::string_view text, char delimiter,
                                    const std::string& file,
                                    std::vector<Problem>& problems) {
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  int line = 1;
  record.line = 1;
  bool quoted = false;
  bool field_started = false;  // anything seen in the current record
  int quote_line = 0;
  auto end_field = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
  };
  auto end_record = [&](int next_line) {
    end_field();
    bool blank = record.fields.size() == 1 && Trim(record.fields[0]).empty();
    if (!blank) records.push_back(std::move(record));
    record = CsvRecord();
    record.line = next_line;
    field_started = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      quote_line = line;
      field_started = true;
    } else if (c == delimiter) {
      end_field();
      field_started = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      ++line;
      end_record(line);
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) {
    problems.push_back(
        {Severity::kError, Place{file, "", quote_line, 0},
         "a quoted field starts here and is never closed with \"", "csv_open_quote"});
  }
  if (field_started || !field.empty()) end_record(line);
  return records;
}

}  // namespace

std::optional<size_t> FindHeaderColumn(const std::vector<std::string>& header,
                                       std::string_view name) {
  std::string wanted = AsciiLower(Trim(name));
  for (size_t i = 0; i < header.size(); ++i) {
    if (AsciiLower(Trim(header[i])) == wanted) return i;
  }
  return std::nullopt;
}

namespace {

// Appends `text` in quotes, its quotes doubled, and a ' before it if a
// spreadsheet would take it for a formula.
void AppendQuoted(std::string& out, std::string_view text,
                  CsvReader reader = CsvReader::kPerson) {
  out += '"';
  if (reader == CsvReader::kPerson && LooksLikeFormula(text)) out += '\'';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

bool LooksLikeFormula(std::string_view text) {
  if (text.empty()) return false;
  switch (text[0]) {
    case '=': case '@': case '\t': case '\r':
      return true;
    case '+': case '-':
      // A number ("-12.5", "+3") is a number in any spreadsheet, not a
      // formula; anything else after a sign may be one ("-2+3+cmd|...").
      return !ParseDecimal(text).has_value();
    default:
      return false;
  }
}

std::string FormatCsvRecord(const std::vector<std::string>& fields, CsvReader reader) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    AppendQuoted(out, fields[i], reader);
  }
  return out + "\r\n";
}

void AppendCsvField(std::string& out, std::string_view text, char separator) {
  const char specials[] = {separator, '"', '\r', '\n'};
  if (text.find_first_of(std::string_view(specials, sizeof specials)) == std::string_view::npos &&
      !LooksLikeFormula(text)) {
    out += text;
  } else {
    AppendQuoted(out, text);
  }
}

std::string CsvField(const std::string& text, char separator) {
  std::string out;
  AppendCsvField(out, text, separator);
  return out;
}

std::optional<size_t> CsvTable::ColumnIndex(std::string_view name) const {
  return FindHeaderColumn(header, name);
}

Place CsvTable::PlaceOf(const CsvRecord& record, size_t column) const {
  return Place{file, "", record.line, int(column) + 1};
}

Result<CsvTable> ParseCsv(std::string_view text, std::string_view file_name,
                          CsvOptions options) {
  CsvTable table;
  table.file = std::string(file_name);
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  table.delimiter =
      options.delimiter != 0 ? options.delimiter : DetectDelimiter(text);

  std::vector<Problem> problems;
  std::vector<CsvRecord> records =
      SplitRecords(text, table.delimiter, table.file, problems);
  for (const CsvRecord& record : records) {
    for (size_t i = 0; i < record.fields.size(); ++i) {
      if (auto bad = FindInvalidUtf8(record.fields[i])) {
        problems.push_back(
            {Severity::kError, Place{table.file, "", record.line, int(i) + 1},
             fmt::format("the text is not UTF-8 (byte 0x{:02X}); the file "
                         "may be in Latin-1 or Windows-1252: save it as "
                         "\"CSV UTF-8\"",
                         static_cast<unsigned char>(record.fields[i][*bad])),
             "csv_not_utf8",
             {fmt::format("0x{:02X}", static_cast<unsigned char>(record.fields[i][*bad]))}});
      }
    }
  }
  if (records.empty()) {
    problems.push_back({Severity::kError, Place{table.file, "", 1, 0},
                        "the file is empty: the first line must name the "
                        "columns",
                        "csv_empty"});
  } else {
    for (const std::string& name : records.front().fields) {
      table.header.emplace_back(Trim(name));
    }
    for (size_t r = 1; r < records.size(); ++r) {
      CsvRecord& record = records[r];
      if (record.fields.size() > table.header.size()) {
        problems.push_back(
            {Severity::kError,
             Place{table.file, "", record.line,
                   int(table.header.size()) + 1},
             fmt::format("the row has {} fields but the header names {} "
                         "columns",
                         record.fields.size(), table.header.size()),
             "csv_too_many_fields",
             {std::to_string(record.fields.size()), std::to_string(table.header.size())}});
        continue;
      }
      record.fields.resize(table.header.size());
      table.records.push_back(std::move(record));
    }
  }
  if (!problems.empty()) {
    return Status::InvalidInput(
        fmt::format("{} cannot be read as CSV", table.file),
        std::move(problems));
  }
  return table;
}

}  // namespace kartla
