#include "forms/form_service.h"

#include <fmt/format.h>

#include "core/system_error.h"
#include "forms/form_file.h"

namespace kartla::forms {

Result<FormCheck> CheckFormFile(const std::string& path, const WorkbookLimits& limits) {
  auto workbook = ReadWorkbookFile(path, limits);
  if (!workbook.ok()) {
    if (workbook.status().code() != ErrorCode::kInvalidInput) {
      return workbook.status();
    }
    // Unreadable content is a problem of the file, reported like others.
    FormCheck check;
    check.problems = workbook.status().problems();
    if (check.problems.empty()) {
      check.problems.push_back(Problem{Severity::kError, Place{path, "", 0, 0},
                                       workbook.status().message()});
    }
    return check;
  }
  return BuildForm(*workbook);
}

Result<ImportedForm> FormService::Import(const std::string& path) {
  auto check = CheckFormFile(path, limits_);
  if (!check.ok()) return check.status();
  return ImportChecked(std::move(check).value(), path);
}

std::vector<FormVersionInfo> FormService::Versions(const std::string& form_id) const {
  std::vector<FormVersionInfo> versions;
  auto latest = store_.FindVersion(form_id, std::nullopt);
  for (int number = latest ? latest->number : 0; number >= 1; --number) {
    if (auto version = store_.FindVersion(form_id, number)) versions.push_back(*version);
  }
  return versions;
}

Result<ImportedForm> FormService::ImportWorkbook(const Workbook& workbook,
                                                 const std::string& source) {
  return ImportChecked(BuildForm(workbook), source);
}

Result<ImportedForm> FormService::ImportChecked(FormCheck checked,
                                                const std::string& path) {
  FormCheck* check = &checked;
  if (!check->ok()) {
    int errors = check->errors();
    std::string message = fmt::format("{}: {} error{}; nothing was imported",
                                      path, errors, errors == 1 ? "" : "s");
    return Status::InvalidInput(std::move(message), std::move(check->problems));
  }
  const Form& form = *check->form;
  NewFormVersion version;
  FormVersionInfo& info = version.info;
  info.form_id = form.settings.form_id;
  version.content = WorkbookToJson(CanonicalWorkbook(form));
  info.content_hash = FormContentHash(form);
  info.title = form.settings.title;
  for (Lang lang : form.languages) {
    if (!info.languages.empty()) info.languages += ' ';
    info.languages += LangCode(lang);
  }
  for (const Section& section : form.sections) {
    if (!info.sections.empty()) info.sections += ' ';
    info.sections += section.number;
  }
  info.question_count = form.QuestionCount();
  info.source = path;
  info.imported_at = clock_.Now();
  FormStore::Saved saved = store_.SaveVersion(version);
  ImportedForm imported;
  imported.version = saved.info;
  imported.created = saved.created;
  imported.warnings = std::move(check->problems);
  return imported;
}

Result<LoadedForm> FormService::LoadInfo(const FormVersionInfo& info) const {
  auto content = store_.LoadContent(info.id);
  if (!content) throw SystemError("form version content is missing");
  auto workbook = WorkbookFromJson(*content, info.form_id);
  if (!workbook.ok()) throw SystemError(workbook.status().message());
  FormCheck check = BuildForm(*workbook);
  if (!check.ok()) {
    throw SystemError(fmt::format("stored form {} version {} no longer passes "
                                  "its checks",
                                  info.form_id, info.number));
  }
  return LoadedForm{info, std::move(*check.form)};
}

Result<LoadedForm> FormService::Load(const std::string& form_id,
                                     std::optional<int> number) const {
  auto info = store_.FindVersion(form_id, number);
  if (!info) {
    return Status::NotFound(
        number ? fmt::format("form {} has no version {}", form_id, *number)
               : fmt::format("there is no form {}; kartla form list shows "
                             "the forms",
                             form_id));
  }
  return LoadInfo(*info);
}

Result<LoadedForm> FormService::LoadById(int64_t version_id) const {
  auto info = store_.FindVersionById(version_id);
  if (!info) {
    return Status::NotFound(fmt::format("there is no form version {}", version_id));
  }
  return LoadInfo(*info);
}

}  // namespace kartla::forms
