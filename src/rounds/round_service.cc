#include "rounds/round_service.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "core/csv.h"
#include "core/text.h"

namespace kartla::rounds {
namespace {

// [a-z0-9][a-z0-9_-]*, at most 64 bytes.
bool ValidCode(std::string_view code) {
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (code.empty() || code.size() > 64 || !alnum(code[0])) return false;
  return std::all_of(code.begin(), code.end(),
                     [&](char c) { return alnum(c) || c == '_' || c == '-'; });
}

// "1 2", "1,2" or "1;2".
std::vector<std::string> SplitSections(std::string_view text) {
  std::string spaced(text);
  std::replace(spaced.begin(), spaced.end(), ',', ' ');
  std::replace(spaced.begin(), spaced.end(), ';', ' ');
  return SplitWords(spaced);
}

}  // namespace

Result<Round> RoundService::FindRound(const std::string& code) {
  auto round = store_.FindRound(code);
  if (!round) {
    return Status::NotFound(fmt::format(
        "there is no round {}; kartla round list shows the rounds", code));
  }
  return *round;
}

Result<Round> RoundService::CreateRound(const CreateRoundRequest& request) {
  if (!ValidCode(request.code)) {
    return Status::InvalidInput(
        "round_code_bad", "round code \"{0}\" may only have lower-case letters, digits, '-' and '_'",
        {request.code});
  }
  if (!ValidCode(request.series_code)) {
    return Status::InvalidInput(
        "series_code_bad",
        "series code \"{0}\" may only have lower-case letters, digits, '-' and '_'",
        {request.series_code});
  }
  if (store_.FindRound(request.code)) {
    return Status::Refused(ErrorCode::kAlreadyExists, "round_exists", "round {0} exists already",
                           {request.code});
  }
  Round round;
  if (request.registry_version) {
    bool found = false;
    for (const RegistryVersionInfo& info : registry_.ListVersions()) {
      found = found || info.id.value() == *request.registry_version;
    }
    if (!found) {
      return Status::NotFound(fmt::format(
          "there is no registry version {}; kartla registry versions lists "
          "them",
          *request.registry_version));
    }
    round.registry_version_id = *request.registry_version;
  } else {
    auto latest = registry_.LatestVersion();
    if (!latest) {
      return RegistryEmpty(ErrorCode::kFailedPrecondition);
    }
    round.registry_version_id = latest->id.value();
  }
  std::optional<Series> series = store_.FindSeries(request.series_code);
  if (!series) {
    series = Series{0, request.series_code, request.series_title};
    if (series->title.empty()) series->title.en = request.series_code;
    store_.CreateSeries(*series);
  }
  round.series_id = series->id;
  round.code = request.code;
  round.year = request.year != 0 ? request.year
                                 : Date::FromTimePoint(clock_.Now()).year();
  round.title = request.title;
  round.late_answers = request.late_answers;
  if (round.title.empty()) round.title.en = request.code;
  round.created_at = std::chrono::floor<std::chrono::seconds>(clock_.Now());
  store_.CreateRound(round);
  return round;
}

Result<QuestionnaireView> RoundService::AddQuestionnaire(
    const AddQuestionnaireRequest& request) {
  auto round = FindRound(request.round_code);
  if (!round.ok()) return round.status();
  TargetGroup group;
  if (const TargetGroup* builtin = FindBuiltinTargetGroup(request.target_group)) {
    group = *builtin;
    if (!request.label.empty()) group.label = request.label;
  } else {
    if (!ValidCode(request.target_group)) {
      return Status::InvalidInput(
          "target_group_bad",
          "target group \"{0}\" may only have lower-case letters, digits, '-' and '_'",
          {request.target_group});
    }
    if (request.label.empty()) {
      return Status::InvalidInput(
          "target_group_unknown",
          "\"{0}\" is not one of the builtin target groups (chief_executives, "
          "sector_management, administration_management, ict_management); give a label to "
          "name a target group of your own",
          {request.target_group});
    }
    group = TargetGroup{request.target_group, request.label};
  }
  for (const Questionnaire& existing : store_.ListQuestionnaires(round->id)) {
    if (existing.target_group.code == group.code) {
      return Status::Refused(ErrorCode::kAlreadyExists, "questionnaire_exists",
                             "round {0} has a questionnaire for {1} already",
                             {round->code, group.code});
    }
  }
  auto form = forms_.Load(request.form_id, request.form_version);
  if (!form.ok()) return form.status();
  Questionnaire questionnaire{0, round->id, group, form->version.id, request.policy};
  store_.AddQuestionnaire(questionnaire);
  return QuestionnaireView{questionnaire, form->version};
}

std::vector<std::string> RoundService::Sections(int64_t round_id) {
  std::vector<std::string> sections;
  for (const Questionnaire& q : store_.ListQuestionnaires(round_id)) {
    auto form = forms_.LoadById(q.form_version_id);
    if (!form.ok()) continue;
    for (const forms::Section& section : form->form.sections) {
      if (std::find(sections.begin(), sections.end(), section.number) ==
          sections.end()) {
        sections.push_back(section.number);
      }
    }
  }
  return sections;
}

Result<std::vector<Stage>> RoundService::SetStages(
    const std::string& round_code, std::string_view csv_text,
    std::string_view file_name) {
  auto round = FindRound(round_code);
  if (!round.ok()) return round.status();
  auto table = ParseCsv(csv_text, file_name);
  if (!table.ok()) return table.status();
  std::vector<Problem> problems;
  // A problem's message, and its key and arguments for a page's language.
  auto error = [&problems](Place place, std::string message, std::string key,
                           std::vector<std::string> args) {
    problems.push_back({Severity::kError, std::move(place), std::move(message), std::move(key),
                        std::move(args)});
  };
  const char* kColumns[] = {"stage", "name", "sections", "opens", "closes",
                            "publishes"};
  // The name's columns: "name" for every language, "name::sv" or
  // "name::Svenska (sv)" (as XLSForm heads a label's) for one, overriding it.
  std::optional<size_t> every_name;
  std::vector<std::pair<Lang, size_t>> names;
  for (size_t c = 0; c < table->header.size(); ++c) {
    const std::string& head = table->header[c];
    std::string lower = head;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return char(std::tolower(ch)); });
    if (lower == "name") {
      every_name = c;
      continue;
    }
    if (!lower.starts_with("name::")) continue;
    std::string_view tag = std::string_view(head).substr(6);
    if (size_t open = tag.rfind('('); open != std::string_view::npos && tag.ends_with(')')) {
      tag = tag.substr(open + 1, tag.size() - open - 2);
    }
    auto lang = ParseLang(std::string(Trim(tag)));
    if (!lang) {
      error(Place{table->file, "", 1, int(c) + 1},
            fmt::format("the column \"{}\" names no language stages are named in "
                        "(name::fi, name::sv, name::en)",
                        head),
            "stages_name_language", {head});
      continue;
    }
    names.push_back({*lang, c});
  }
  std::map<std::string, size_t> at;
  for (const char* column : kColumns) {
    auto index = table->ColumnIndex(column);
    if (std::string_view(column) == "name" && (every_name || !names.empty())) continue;
    if (!index) {
      error(Place{table->file, "", 1, 0},
            fmt::format("the file has no \"{}\" column (columns: stage, "
                        "name, sections, opens, closes, publishes)",
                        column),
            "stages_no_column", {column});
      continue;
    }
    at[column] = *index;
  }
  if (!problems.empty()) {
    return Status::InvalidInput(
        fmt::format("{}: the stages cannot be read; nothing was changed",
                    file_name),
        std::move(problems));
  }
  std::vector<std::string> known = Sections(round->id);
  std::map<std::string, int> section_line;
  std::map<int, int> number_line;
  std::vector<Stage> stages;
  for (const CsvRecord& record : table->records) {
    auto field = [&](const char* column) {
      return std::string(Trim(record.fields[at[column]]));
    };
    auto place = [&](const char* column) {
      return table->PlaceOf(record, at[column]);
    };
    Stage stage;
    auto number = ParseInteger(field("stage"));
    if (!number || *number < 1) {
      error(place("stage"), fmt::format("stage \"{}\" is not a whole number of "
                                        "at least 1",
                                        field("stage")),
            "stage_not_number", {field("stage")});
    } else if (auto [it, inserted] = number_line.emplace(int(*number), record.line);
               !inserted) {
      error(place("stage"), fmt::format("stage {} is on line {} already",
                                        *number, it->second),
            "stage_twice", {std::to_string(*number), std::to_string(it->second)});
    } else {
      stage.number = int(*number);
    }
    for (Lang lang : kAllLangs) {
      if (every_name) stage.name.Mutable(lang) = std::string(Trim(record.fields[*every_name]));
    }
    for (const auto& [lang, column] : names) {
      if (std::string name(Trim(record.fields[column])); !name.empty()) {
        stage.name.Mutable(lang) = std::move(name);
      }
    }
    stage.sections = SplitSections(field("sections"));
    if (stage.sections.empty()) {
      error(place("sections"), "the stage has no sections", "stage_no_sections", {});
    }
    for (const std::string& section : stage.sections) {
      if (std::find(known.begin(), known.end(), section) == known.end()) {
        error(place("sections"),
              fmt::format("no form of round {} has section {}", round->code,
                          section),
              "stage_unknown_section", {round->code, section});
      } else if (auto [it, inserted] = section_line.emplace(section, record.line);
                 !inserted && it->second != record.line) {
        error(place("sections"),
              fmt::format("section {} is in the stage on line {} already",
                          section, it->second),
              "stage_section_twice", {section, std::to_string(it->second)});
      }
    }
    bool dates_ok = true;
    auto date = [&](const char* column, Date& out) {
      auto parsed = Date::Parse(field(column));
      if (!parsed) {
        error(place(column), fmt::format("{} \"{}\" is not a date "
                                         "(YYYY-MM-DD)",
                                         column, field(column)),
              "stage_not_date", {field(column)});
        dates_ok = false;
      } else {
        out = *parsed;
      }
    };
    date("opens", stage.opens);
    date("closes", stage.closes);
    date("publishes", stage.publishes);
    if (dates_ok && stage.closes < stage.opens) {
      error(place("closes"), fmt::format("the stage closes ({}) before it "
                                         "opens ({})",
                                         stage.closes.ToString(),
                                         stage.opens.ToString()),
            "stage_closes_before_opens", {stage.closes.ToString(), stage.opens.ToString()});
    }
    if (dates_ok && stage.publishes < stage.closes) {
      error(place("publishes"),
            fmt::format("results are published ({}) before the stage closes "
                        "({})",
                        stage.publishes.ToString(), stage.closes.ToString()),
            "stage_publishes_before_closes",
            {stage.publishes.ToString(), stage.closes.ToString()});
    }
    stages.push_back(std::move(stage));
  }
  if (!problems.empty()) {
    std::string message =
        fmt::format("{}: {} problem{}; nothing was changed", file_name,
                    problems.size(), problems.size() == 1 ? "" : "s");
    return Status::InvalidInput(std::move(message), std::move(problems));
  }
  std::sort(stages.begin(), stages.end(),
            [](const Stage& a, const Stage& b) { return a.number < b.number; });
  store_.ReplaceStages(round->id, stages);
  return stages;
}

Result<RoundView> RoundService::Show(const std::string& round_code) {
  auto round = FindRound(round_code);
  if (!round.ok()) return round.status();
  RoundView view;
  view.round = *round;
  view.series = store_.FindSeriesById(round->series_id).value_or(Series{});
  for (const RegistryVersionInfo& info : registry_.ListVersions()) {
    if (info.id.value() == round->registry_version_id) view.registry_version = info;
  }
  for (const Questionnaire& q : store_.ListQuestionnaires(round->id)) {
    QuestionnaireView item{q, {}};
    auto form = forms_.LoadById(q.form_version_id);
    if (form.ok()) item.form = form->version;
    view.questionnaires.push_back(std::move(item));
  }
  view.stages = store_.ListStages(round->id);
  for (const std::string& section : Sections(round->id)) {
    bool staged = false;
    for (const Stage& stage : view.stages) {
      staged = staged || std::find(stage.sections.begin(), stage.sections.end(),
                                   section) != stage.sections.end();
    }
    if (!staged) view.unstaged_sections.push_back(section);
  }
  return view;
}

Result<Round> RoundService::SetLateAnswers(const std::string& round_code,
                                          bool late_answers) {
  auto round = store_.FindRound(round_code);
  if (!round) return Status::NotFound(fmt::format("there is no round {}", round_code));
  store_.SetLateAnswers(round->id, late_answers);
  round->late_answers = late_answers;
  return *round;
}

Result<Round> RoundService::SetNotices(const std::string& round_code,
                                       std::string_view csv_text, std::string_view file_name) {
  auto round = store_.FindRound(round_code);
  if (!round) return Status::NotFound(fmt::format("there is no round {}", round_code));
  auto table = ParseCsv(csv_text, file_name);
  if (!table.ok()) return table.status();
  std::vector<Problem> problems;
  auto error = [&problems](Place place, std::string message) {
    problems.push_back({Severity::kError, std::move(place), std::move(message)});
  };
  std::map<std::string, size_t> at;
  for (const char* column : {"notice", "fi", "sv", "en"}) {
    auto index = table->ColumnIndex(column);
    if (!index) {
      error(Place{table->file, "", 1, 0},
            fmt::format("the file has no \"{}\" column (columns: notice, fi, sv, en)", column));
      continue;
    }
    at[column] = *index;
  }
  LocalizedText privacy, contact;
  std::map<std::string, int> seen;
  if (problems.empty()) {
    for (const CsvRecord& record : table->records) {
      const std::string notice(Trim(record.fields[at["notice"]]));
      LocalizedText* text = notice == "privacy" ? &privacy : notice == "contact" ? &contact : nullptr;
      if (!text) {
        error(table->PlaceOf(record, at["notice"]),
              fmt::format("\"{}\" is no notice (privacy or contact)", notice));
        continue;
      }
      if (auto [it, inserted] = seen.emplace(notice, record.line); !inserted) {
        error(table->PlaceOf(record, at["notice"]),
              fmt::format("{} is given twice (also on row {})", notice, it->second));
        continue;
      }
      for (Lang lang : kAllLangs) {
        const char* column = lang == Lang::kFi ? "fi" : lang == Lang::kSv ? "sv" : "en";
        const std::string value(Trim(record.fields[at[column]]));
        if (value.empty()) {
          error(table->PlaceOf(record, at[column]),
                fmt::format("the {} notice has no text in this language", notice));
        } else if (value.size() > 2000) {
          error(table->PlaceOf(record, at[column]),
                fmt::format("the {} notice is {} characters long; at most 2,000", notice,
                            value.size()));
        }
        text->Mutable(lang) = value;
      }
    }
  }
  if (!problems.empty()) {
    return Status::InvalidInput(
        fmt::format("{}: the notices cannot be read; nothing was changed", file_name),
        std::move(problems));
  }
  // A notice the file leaves out stays as it was.
  if (!seen.contains("privacy")) privacy = round->privacy;
  if (!seen.contains("contact")) contact = round->contact;
  store_.SetNotices(round->id, privacy, contact);
  round->privacy = privacy;
  round->contact = contact;
  return *round;
}

}  // namespace kartla::rounds
