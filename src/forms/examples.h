// The example forms shipped in data/forms/, built into the program so that
// the demo and tests work from any folder.
#ifndef KARTLA_FORMS_EXAMPLES_H_
#define KARTLA_FORMS_EXAMPLES_H_

#include <string>
#include <vector>

#include "forms/workbook.h"

namespace kartla::forms {

struct ExampleRound {
  std::string name;                // "digimapping-2025"
  std::vector<CsvFormFiles> forms;  // one per target group, by file name
  std::string stages_file;         // "data/forms/digimapping-2025/stages.csv"
  std::string stages_csv;
  std::string results_file;        // "data/forms/digimapping-2025/results.toml"
  std::string results_toml;        // its results settings (docs/statistics.md)
  std::string notices_file;        // "data/forms/digimapping-2025/notices.csv"
  std::string notices_csv;         // the start page's privacy notice and contact
};

// The 2025 digitalisation mapping: four questionnaires (chief executives,
// sector management, administration management, ICT management) and the
// round's three stages, and its results settings.
ExampleRound DigimappingExample();

}  // namespace kartla::forms

#endif  // KARTLA_FORMS_EXAMPLES_H_
