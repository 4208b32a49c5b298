#include "forms/workbook.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "core/csv.h"
#include "core/files.h"
#include "core/text.h"

namespace kartla::forms {
namespace {

namespace fs = std::filesystem;

Sheet SheetOfCsv(CsvTable table) {
  Sheet sheet;
  sheet.file = table.file;
  sheet.header = std::move(table.header);
  for (CsvRecord& record : table.records) {
    bool any = std::any_of(record.fields.begin(), record.fields.end(),
                           [](const std::string& f) { return !Trim(f).empty(); });
    if (any) sheet.rows.push_back(SheetRow{record.line, std::move(record.fields)});
  }
  return sheet;
}

bool EndsWith(const std::string& text, std::string_view suffix) {
  return AsciiLower(text).ends_with(suffix);
}

}  // namespace

std::optional<size_t> Sheet::ColumnIndex(std::string_view name) const {
  return FindHeaderColumn(header, name);
}

Place Sheet::PlaceOf(const SheetRow& row, size_t column) const {
  return Place{file, sheet, row.row, int(column) + 1};
}

Place Sheet::PlaceOfRow(const SheetRow& row) const {
  return Place{file, sheet, row.row, 0};
}

Result<Workbook> ReadCsvForm(const CsvFormFiles& files) {
  Workbook workbook;
  workbook.file = files.name;
  std::vector<Problem> problems;
  auto read = [&problems](const std::string& file, const std::string& text,
                          std::optional<Sheet>& slot) {
    auto table = ParseCsv(text, file);
    if (!table.ok()) {
      const auto& found = table.status().problems();
      if (found.empty()) {
        problems.push_back(Problem{Severity::kError, Place{file, "", 0, 0},
                                   table.status().message()});
      }
      problems.insert(problems.end(), found.begin(), found.end());
      return;
    }
    slot = SheetOfCsv(std::move(table).value());
  };
  read(files.survey_file, files.survey, workbook.survey);
  if (files.choices) read(*files.choices_file, *files.choices, workbook.choices);
  if (files.settings) {
    read(*files.settings_file, *files.settings, workbook.settings);
  }
  if (!problems.empty()) {
    return Status::InvalidInput(
        fmt::format("{}: the CSV files of the form cannot be read", files.name),
        std::move(problems));
  }
  return workbook;
}

Result<std::vector<std::string>> FindFormFiles(const std::string& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) {
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(path, error)) {
      std::string name = entry.path().filename().string();
      if (name.starts_with("~$") || name.starts_with('.')) continue;
      if (EndsWith(name, ".xlsx") || EndsWith(name, ".survey.csv") ||
          AsciiLower(name) == "survey.csv") {
        found.push_back(entry.path().string());
      }
    }
    std::sort(found.begin(), found.end());
    if (found.empty()) {
      return Status::NotFound(fmt::format(
          "{}: the folder has no form (an .xlsx file, NAME.survey.csv or "
          "survey.csv)",
          path));
    }
    return found;
  }
  if (!fs::exists(path, error)) {
    return Status::NotFound(fmt::format("{}: no such file or folder", path));
  }
  if (!EndsWith(path, ".xlsx") && !EndsWith(path, ".csv")) {
    return Status::InvalidInput(fmt::format(
        "{}: a form is an .xlsx file, a NAME.survey.csv file or a folder",
        path));
  }
  return std::vector<std::string>{path};
}

Result<Workbook> ReadWorkbookFile(const std::string& path, const WorkbookLimits& limits) {
  auto text = ReadFileBytes(path);
  if (!text) return Status::NotFound(fmt::format("{}: cannot be read", path));
  fs::path main(path);
  std::string name = main.filename().string();
  if (EndsWith(name, ".xlsx")) return ReadXlsx(*text, path, limits);

  // NAME.survey.csv, or survey.csv in a folder named after the form.
  std::string lower = AsciiLower(name);
  std::string stem;  // "NAME." or ""
  if (lower.ends_with(".survey.csv")) {
    stem = name.substr(0, name.size() - std::string_view("survey.csv").size());
  } else if (lower != "survey.csv") {
    return Status::InvalidInput(fmt::format(
        "{}: a CSV form is named NAME.survey.csv, with NAME.choices.csv and "
        "NAME.settings.csv beside it",
        path));
  }
  CsvFormFiles files;
  files.name = stem.empty() ? main.parent_path().string()
                            : (main.parent_path() / stem.substr(0, stem.size() - 1)).string();
  files.survey_file = path;
  files.survey = std::move(*text);
  fs::path choices = main.parent_path() / (stem + "choices.csv");
  fs::path settings = main.parent_path() / (stem + "settings.csv");
  if (auto choices_text = ReadFileBytes(choices.string())) {
    files.choices_file = choices.string();
    files.choices = std::move(choices_text);
  }
  if (auto settings_text = ReadFileBytes(settings.string())) {
    files.settings_file = settings.string();
    files.settings = std::move(settings_text);
  }
  return ReadCsvForm(files);
}

}  // namespace kartla::forms
