#include "app/example_round.h"

#include <algorithm>

#include "core/csv.h"
#include "forms/examples.h"

namespace kartla {

namespace {

// The stages CSV with every date moved by the same number of days, so that
// the first stage opens a week before `open_on`.
std::string MoveStages(const std::string& csv, const std::string& file,
                       Date open_on) {
  auto table = ParseCsv(csv, file);
  if (!table.ok()) return csv;
  auto opens = table->ColumnIndex("opens");
  if (!opens || table->records.empty()) return csv;
  auto first = Date::Parse(table->records.front().fields[*opens]);
  if (!first) return csv;
  int64_t shift = open_on.DaysSinceEpoch() - 7 - first->DaysSinceEpoch();
  std::string out = FormatCsvRecord(table->header, CsvReader::kKartla);
  for (CsvRecord record : table->records) {
    for (const char* column : {"opens", "closes", "publishes"}) {
      auto index = table->ColumnIndex(column);
      auto date = index ? Date::Parse(record.fields[*index]) : std::nullopt;
      if (date) {
        record.fields[*index] =
            Date::FromDaysSinceEpoch(date->DaysSinceEpoch() + shift).ToString();
      }
    }
    out += FormatCsvRecord(record.fields, CsvReader::kKartla);
  }
  return out;
}

}  // namespace

Result<rounds::RoundView> CreateExampleRound(App& app, std::optional<Date> open_on) {
  forms::ExampleRound example = forms::DigimappingExample();
  rounds::CreateRoundRequest request;
  request.series_code = "digimapping";
  request.series_title = {"Kuntien digitalisaatiokartoitus",
                          "Kartläggning av kommunernas digitalisering",
                          "Municipal digitalisation mapping"};
  request.code = example.name;
  request.year = 2025;
  request.title = {"Digitalisaatiokartoitus 2025",
                   "Digitaliseringskartläggning 2025",
                   "Digitalisation mapping 2025"};
  // Late answers are taken, so that the example's links can be answered
  // whatever the day (its stages lie in 2025, or partly before today).
  request.late_answers = true;
  auto round = app.rounds().CreateRound(request);
  if (!round.ok()) return round.status();
  // In the order of the target groups: chief executives first.
  std::vector<const forms::CsvFormFiles*> ordered;
  for (const rounds::TargetGroup& group : rounds::BuiltinTargetGroups()) {
    for (const forms::CsvFormFiles& files : example.forms) {
      std::string name = files.name.substr(files.name.rfind('/') + 1);
      std::replace(name.begin(), name.end(), '-', '_');
      if (name == group.code) ordered.push_back(&files);
    }
  }
  for (const forms::CsvFormFiles* form : ordered) {
    const forms::CsvFormFiles& files = *form;
    auto workbook = forms::ReadCsvForm(files);
    if (!workbook.ok()) return workbook.status();
    auto imported = app.forms().ImportWorkbook(*workbook, files.survey_file);
    if (!imported.ok()) return imported.status();
    // The form_id names the target group: "ict-management".
    std::string group = imported->version.form_id;
    std::replace(group.begin(), group.end(), '-', '_');
    rounds::AddQuestionnaireRequest add;
    add.round_code = round->code;
    add.form_id = imported->version.form_id;
    add.form_version = imported->version.number;
    add.target_group = group;
    auto added = app.rounds().AddQuestionnaire(add);
    if (!added.ok()) return added.status();
  }
  std::string stages_csv =
      open_on ? MoveStages(example.stages_csv, example.stages_file, *open_on)
              : example.stages_csv;
  auto stages = app.rounds().SetStages(round->code, stages_csv, example.stages_file);
  if (!stages.ok()) return stages.status();
  if (!example.notices_csv.empty()) {
    auto notices = app.rounds().SetNotices(round->code, example.notices_csv, example.notices_file);
    if (!notices.ok()) return notices.status();
  }
  return app.rounds().Show(round->code);
}

}  // namespace kartla
