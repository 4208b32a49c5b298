// A form as three CSV sheets (survey, choices, settings, split at NUL
// bytes): checked, and, if it checks, stored and loaded again. The round
// trip is a property: a form that checks loads to the same content.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "forms/form_builder.h"
#include "forms/form_file.h"
#include "forms/workbook.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view parts[3];
  for (int i = 0; i < 3; ++i) {
    size_t nul = input.find('\0');
    parts[i] = input.substr(0, nul);
    input = nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
  }
  kartla::forms::CsvFormFiles files;
  files.name = "fuzz";
  files.survey_file = "fuzz.survey.csv";
  files.survey = std::string(parts[0]);
  if (!parts[1].empty()) {
    files.choices_file = "fuzz.choices.csv";
    files.choices = std::string(parts[1]);
  }
  if (!parts[2].empty()) {
    files.settings_file = "fuzz.settings.csv";
    files.settings = std::string(parts[2]);
  }
  auto workbook = kartla::forms::ReadCsvForm(files);
  if (!workbook.ok()) return 0;
  kartla::forms::FormCheck check = kartla::forms::BuildForm(*workbook);
  if (!check.ok()) return 0;
  std::string json = kartla::forms::WorkbookToJson(kartla::forms::CanonicalWorkbook(*check.form));
  auto stored = kartla::forms::WorkbookFromJson(json, "stored");
  if (!stored.ok()) std::abort();
  kartla::forms::FormCheck loaded = kartla::forms::BuildForm(*stored);
  if (!loaded.ok() ||
      kartla::forms::FormContentHash(*loaded.form) != kartla::forms::FormContentHash(*check.form)) {
    std::abort();  // a form that checks must load again, the same
  }
  return 0;
}
