// Where form versions are kept. Implemented in storage/.
#ifndef KARTLA_FORMS_FORM_STORE_H_
#define KARTLA_FORMS_FORM_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/text.h"

namespace kartla::forms {

// What is known of a stored form version without reading its content.
struct FormVersionInfo {
  int64_t id = 0;
  std::string form_id;  // the form's settings form_id, e.g. "ict-management"
  int number = 0;       // 1, 2, ... within the form
  std::string content_hash;
  LocalizedText title;
  std::string languages;  // "fi sv en"
  std::string sections;   // "1 2 3"
  int question_count = 0;
  std::string source;  // the file it was imported from
  TimePoint imported_at;
};

struct NewFormVersion {
  FormVersionInfo info;  // id and number are assigned by the store
  std::string content;   // the canonical workbook as JSON
};

class FormStore {
 public:
  virtual ~FormStore() = default;
  // Saves a new version of `version.info.form_id` numbered one after its
  // latest, unless a version of that form has the same content hash: then
  // nothing is written and that version is returned with `created` false.
  // Returns once the version is durable. Thread-safe.
  struct Saved {
    FormVersionInfo info;
    bool created = false;
  };
  virtual Saved SaveVersion(const NewFormVersion& version) = 0;
  // Version `number` of form `form_id`, or its latest if `number` is
  // nullopt; nullopt if there is none.
  virtual std::optional<FormVersionInfo> FindVersion(
      const std::string& form_id, std::optional<int> number) = 0;
  virtual std::optional<FormVersionInfo> FindVersionById(int64_t id) = 0;
  // The content of version `id`; nullopt if there is no such version.
  virtual std::optional<std::string> LoadContent(int64_t id) = 0;
  // The latest version of every form, by form_id.
  virtual std::vector<FormVersionInfo> ListLatest() = 0;
};

}  // namespace kartla::forms

#endif  // KARTLA_FORMS_FORM_STORE_H_
