#include "forms/form_file.h"

#include <xlsxwriter.h>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "core/token.h"
#include "forms/form_builder.h"

namespace kartla::forms {
namespace {

namespace json = boost::json;

json::value SheetToJson(const Sheet& sheet) {
  json::array header(sheet.header.begin(), sheet.header.end());
  json::array rows;
  for (const SheetRow& row : sheet.rows) {
    rows.emplace_back(json::array(row.cells.begin(), row.cells.end()));
  }
  return json::object{{"header", std::move(header)}, {"rows", std::move(rows)}};
}

std::optional<Sheet> SheetFromJson(const json::value& value, std::string file,
                                   std::string name) {
  const json::object* object = value.if_object();
  if (object == nullptr) return std::nullopt;
  const json::value* header = object->if_contains("header");
  const json::value* rows = object->if_contains("rows");
  if (!header || !header->is_array() || !rows || !rows->is_array()) {
    return std::nullopt;
  }
  Sheet sheet;
  sheet.file = std::move(file);
  sheet.sheet = std::move(name);
  for (const json::value& cell : header->get_array()) {
    if (!cell.is_string()) return std::nullopt;
    sheet.header.emplace_back(cell.get_string());
  }
  int number = 2;
  for (const json::value& row : rows->get_array()) {
    if (!row.is_array()) return std::nullopt;
    SheetRow sheet_row{number++, {}};
    for (const json::value& cell : row.get_array()) {
      if (!cell.is_string()) return std::nullopt;
      sheet_row.cells.emplace_back(cell.get_string());
    }
    sheet_row.cells.resize(sheet.header.size());
    sheet.rows.push_back(std::move(sheet_row));
  }
  return sheet;
}

}  // namespace

std::string WorkbookToJson(const Workbook& workbook) {
  json::object out;
  if (workbook.survey) out["survey"] = SheetToJson(*workbook.survey);
  if (workbook.choices) out["choices"] = SheetToJson(*workbook.choices);
  if (workbook.settings) out["settings"] = SheetToJson(*workbook.settings);
  return json::serialize(out);
}

Result<Workbook> WorkbookFromJson(std::string_view text, std::string_view file) {
  auto bad = [&file] {
    return Status::InvalidInput(
        fmt::format("{}: the stored form is not a workbook in JSON", file));
  };
  boost::system::error_code error;
  json::value value = json::parse(text, error);
  if (error || !value.is_object()) return bad();
  Workbook workbook;
  workbook.file = std::string(file);
  for (const char* name : {"survey", "choices", "settings"}) {
    const json::value* sheet = value.get_object().if_contains(name);
    if (sheet == nullptr) continue;
    auto read = SheetFromJson(*sheet, workbook.file, name);
    if (!read) return bad();
    std::string_view which = name;
    (which == "survey"    ? workbook.survey
     : which == "choices" ? workbook.choices
                          : workbook.settings) = std::move(read);
  }
  return workbook;
}

std::string FormContentHash(const Form& form) {
  return HashContent(WorkbookToJson(CanonicalWorkbook(form)));
}

Status WriteFormXlsx(const Form& form, const std::string& path) {
  Workbook workbook = CanonicalWorkbook(form);
  lxw_workbook* book = workbook_new(path.c_str());
  if (book == nullptr) {
    return Status::InvalidInput(fmt::format("{}: cannot be written", path));
  }
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  for (const std::optional<Sheet>* sheet :
       {&workbook.survey, &workbook.choices, &workbook.settings}) {
    if (!*sheet) continue;
    lxw_worksheet* worksheet = workbook_add_worksheet(book, (*sheet)->sheet.c_str());
    for (size_t c = 0; c < (*sheet)->header.size(); ++c) {
      worksheet_write_string(worksheet, 0, lxw_col_t(c),
                             (*sheet)->header[c].c_str(), bold);
    }
    lxw_row_t r = 1;
    for (const SheetRow& row : (*sheet)->rows) {
      for (size_t c = 0; c < row.cells.size(); ++c) {
        if (row.cells[c].empty()) continue;
        // Everything as text, so that "1" stays "1" and "01" stays "01".
        worksheet_write_string(worksheet, r, lxw_col_t(c), row.cells[c].c_str(),
                               nullptr);
      }
      ++r;
    }
    worksheet_freeze_panes(worksheet, 1, 0);
  }
  lxw_error error = workbook_close(book);
  if (error != LXW_NO_ERROR) {
    return Status::InvalidInput(fmt::format("{}: cannot be written ({})", path,
                                            lxw_strerror(error)));
  }
  return Status::Ok();
}

}  // namespace kartla::forms
