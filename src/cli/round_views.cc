#include "cli/round_views.h"

#include "cli/text_table.h"

namespace kartla::cli {

void PrintStages(std::ostream& out, const std::vector<rounds::Stage>& stages, Lang lang) {
  TextTable table({{"Stage", Align::kRight}, {"Name"}, {"Sections"},
                   {"Opens"}, {"Closes"}, {"Published"}});
  for (const rounds::Stage& stage : stages) {
    std::string sections;
    for (const std::string& s : stage.sections) {
      sections += (sections.empty() ? "" : ", ") + s;
    }
    table.AddRow({std::to_string(stage.number), stage.name.Get(lang), sections,
                  stage.opens.ToString(), stage.closes.ToString(),
                  stage.publishes.ToString()});
  }
  table.Print(out);
}

void PrintQuestionnaires(std::ostream& out,
                         const std::vector<rounds::QuestionnaireView>& list,
                         Lang lang) {
  TextTable table({{"Target group"}, {"Form"}, {"Version", Align::kRight},
                   {"Questions", Align::kRight}, {"Sections"}});
  for (const auto& q : list) {
    table.AddRow({q.questionnaire.target_group.label.Get(lang), q.form.form_id,
                  std::to_string(q.form.number),
                  std::to_string(q.form.question_count), q.form.sections});
  }
  table.Print(out);
}

}  // namespace kartla::cli
