// Printing rounds for people: the tables `kartla round` and the demo show.
#ifndef KARTLA_CLI_ROUND_VIEWS_H_
#define KARTLA_CLI_ROUND_VIEWS_H_

#include <ostream>
#include <vector>

#include "core/text.h"
#include "rounds/round_service.h"

namespace kartla::cli {

// Stage, name, sections, opens, closes, published.
void PrintStages(std::ostream& out, const std::vector<rounds::Stage>& stages, Lang lang);
// Target group, form, version, questions, sections.
void PrintQuestionnaires(std::ostream& out,
                         const std::vector<rounds::QuestionnaireView>& list,
                         Lang lang);

}  // namespace kartla::cli

#endif  // KARTLA_CLI_ROUND_VIEWS_H_
