// Checking, importing, loading and exporting forms: what the CLI and the
// web pages call.
#ifndef KARTLA_FORMS_FORM_SERVICE_H_
#define KARTLA_FORMS_FORM_SERVICE_H_

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "forms/form.h"
#include "forms/form_builder.h"
#include "forms/form_store.h"

namespace kartla::forms {

struct ImportedForm {
  FormVersionInfo version;
  bool created = false;  // false: the same content was stored already
  std::vector<Problem> warnings;
};

struct LoadedForm {
  FormVersionInfo version;
  Form form;
};

// Reads and checks the form whose main file is `path` (see FindFormFiles).
// Contents that are not a workbook are reported as problems of the check.
// Fails with kNotFound if a file cannot be read.
Result<FormCheck> CheckFormFile(const std::string& path, const WorkbookLimits& limits = {});

// Thread-safe if the store is.
class FormService {
 public:
  // `store` and `clock` must outlive the service. `limits` bound the
  // .xlsx files it reads.
  FormService(FormStore& store, const Clock& clock, WorkbookLimits limits = {})
      : store_(store), clock_(clock), limits_(limits) {}

  // The limits of reading an .xlsx form (uploads read them too).
  const WorkbookLimits& workbook_limits() const { return limits_; }

  // Imports the form at `path` as an immutable version. Importing the same
  // content again stores nothing and returns the existing version. Fails
  // with kInvalidInput listing every error if the form has any, storing
  // nothing.
  Result<ImportedForm> Import(const std::string& path);
  // The same for a workbook already read; `source` says where it came from.
  Result<ImportedForm> ImportWorkbook(const Workbook& workbook,
                                      const std::string& source);

  // Version `number` (latest if nullopt) of form `form_id`. Fails with
  // kNotFound if there is none.
  Result<LoadedForm> Load(const std::string& form_id,
                          std::optional<int> number) const;
  Result<LoadedForm> LoadById(int64_t version_id) const;

  // The latest version of every form, by form_id.
  std::vector<FormVersionInfo> List() const { return store_.ListLatest(); }
  // Every version of form `form_id`, newest first; empty if there is none.
  std::vector<FormVersionInfo> Versions(const std::string& form_id) const;

 private:
  Result<LoadedForm> LoadInfo(const FormVersionInfo& info) const;
  Result<ImportedForm> ImportChecked(FormCheck check, const std::string& source);

  FormStore& store_;
  const Clock& clock_;
  const WorkbookLimits limits_;
};

}  // namespace kartla::forms

#endif  // KARTLA_FORMS_FORM_SERVICE_H_
