// A form as Kartla stores and exports it: its canonical workbook written as
// JSON (for the database), as an .xlsx file (for people) and its content hash.
#ifndef KARTLA_FORMS_FORM_FILE_H_
#define KARTLA_FORMS_FORM_FILE_H_

#include <string>
#include <string_view>

#include "core/status.h"
#include "forms/form.h"
#include "forms/workbook.h"

namespace kartla::forms {

// The workbook as JSON: {"survey": {"header": [...], "rows": [[...], ...]},
// "choices": ..., "settings": ...}. Row numbers and file names are left out,
// so equal content gives equal text.
std::string WorkbookToJson(const Workbook& workbook);
// Reads what WorkbookToJson writes; `file` names the workbook in problems.
// Fails with kInvalidInput if `json` is not such a text.
Result<Workbook> WorkbookFromJson(std::string_view json, std::string_view file);

// The content hash of a form: BLAKE2b-256 of the JSON of its canonical
// workbook. Equal forms have equal hashes, whatever file they came from.
std::string FormContentHash(const Form& form);

// Writes the form's canonical workbook as an .xlsx file at `path` with
// libxlsxwriter. Fails with kInvalidInput naming the path if it cannot be
// written.
Status WriteFormXlsx(const Form& form, const std::string& path);

}  // namespace kartla::forms

#endif  // KARTLA_FORMS_FORM_FILE_H_
