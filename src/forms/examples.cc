#include "forms/examples.h"

#include <map>

#include "core/embedded.h"

namespace kartla {
// Defined by the kartla_forms_data library (cmake/embed.cmake).
std::span<const EmbeddedFile> FormDataFiles();
}  // namespace kartla

namespace kartla::forms {

ExampleRound DigimappingExample() {
  const std::string folder = "data/forms/digimapping-2025/";
  ExampleRound round;
  round.name = "digimapping-2025";
  std::map<std::string, CsvFormFiles> forms;
  for (const EmbeddedFile& file : FormDataFiles()) {
    std::string path(file.path);
    if (!path.starts_with(folder)) continue;
    std::string name = path.substr(folder.size());
    if (name == "stages.csv") {
      round.stages_file = path;
      round.stages_csv = std::string(file.contents);
      continue;
    }
    if (name == "notices.csv") {
      round.notices_file = path;
      round.notices_csv = std::string(file.contents);
      continue;
    }
    if (name == "results.toml") {
      round.results_file = path;
      round.results_toml = std::string(file.contents);
      continue;
    }
    size_t dot = name.find('.');
    std::string form = name.substr(0, dot);
    std::string sheet = name.substr(dot + 1);
    CsvFormFiles& files = forms[form];
    files.name = folder + form;
    if (sheet == "survey.csv") {
      files.survey_file = path;
      files.survey = std::string(file.contents);
    } else if (sheet == "choices.csv") {
      files.choices_file = path;
      files.choices = std::string(file.contents);
    } else if (sheet == "settings.csv") {
      files.settings_file = path;
      files.settings = std::string(file.contents);
    }
  }
  for (auto& [name, files] : forms) round.forms.push_back(std::move(files));
  return round;
}

}  // namespace kartla::forms
