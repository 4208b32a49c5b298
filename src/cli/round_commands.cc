#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "app/publishing.h"
#include "cli/command_context.h"
#include "core/files.h"
#include "cli/commands.h"
#include "cli/round_views.h"
#include "cli/text_table.h"

namespace kartla::cli {
namespace {

using rounds::RoundView;
using rounds::Stage;

struct RoundOptions {
  std::string code;
  std::string series;
  std::vector<std::string> series_title;  // LANG=TEXT
  std::vector<std::string> title;         // LANG=TEXT
  int year = 0;
  int64_t registry_version = 0;
  std::string form;
  int form_version = 0;
  std::string target_group;
  std::vector<std::string> label;  // LANG=TEXT
  std::string file;
  std::string responses_per = "organisation";
  bool late_answers = false;
  std::string switch_to;  // "on" or "off"
  std::string day;        // YYYY-MM-DD or "none"
};

// "fi=Digitalisaatiokartoitus" ... into a LocalizedText; a text without
// "LANG=" is English.
LocalizedText ParseTexts(const std::vector<std::string>& texts) {
  LocalizedText out;
  for (const std::string& text : texts) {
    size_t eq = text.find('=');
    std::optional<Lang> lang =
        eq == 2 ? ParseLang(text.substr(0, 2)) : std::nullopt;
    if (!lang) {
      out.en = text;
      continue;
    }
    out.Mutable(*lang) = text.substr(3);
  }
  return out;
}

int Create(CommandContext& context, const RoundOptions& options) {
  rounds::CreateRoundRequest request;
  request.code = options.code;
  request.series_code = options.series;
  request.year = options.year;
  request.series_title = ParseTexts(options.series_title);
  request.title = ParseTexts(options.title);
  if (options.registry_version > 0) {
    request.registry_version = options.registry_version;
  }
  request.late_answers = options.late_answers;
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto round = (*app)->rounds().CreateRound(request);
  if (!round.ok()) return context.Fail(round.status());
  (*app)->accounts().Audit(context.Actor(), "round.create", "round " + round->code,
                           fmt::format("registry version {}", round->registry_version_id));
  context.out << fmt::format(
      "Created round {} ({}) of series {}, on registry version {}\n",
      round->code, round->year, options.series, round->registry_version_id);
  return kExitSuccess;
}

int LateAnswers(CommandContext& context, const RoundOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  bool on = options.switch_to == "on";
  auto round = (*app)->rounds().SetLateAnswers(options.code, on);
  if (!round.ok()) return context.Fail(round.status());
  (*app)->accounts().Audit(context.Actor(), "round.late_answers", "round " + round->code,
                           on ? "on" : "off");
  context.out << fmt::format("Round {} {} answers after a stage has closed\n", round->code,
                             on ? "takes" : "no longer takes");
  return kExitSuccess;
}

// Prints the day the round's personal data is erased, or sets it.
int Retention(CommandContext& context, const RoundOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  if (!options.day.empty()) {
    std::optional<Date> day;
    if (options.day != "none") {
      day = Date::Parse(options.day);
      if (!day) {
        return context.Fail(Status::InvalidInput(
            fmt::format("\"{}\" is neither a day (YYYY-MM-DD) nor none", options.day)));
      }
    }
    Status set = (*app)->retention().SetEraseDay(options.code, day);
    if (!set.ok()) return context.Fail(set);
    (*app)->accounts().Audit(context.Actor(), "round.retention", "round " + options.code,
                             day ? "erase on " + day->ToString() : "no day of erasure");
  }
  auto round = (*app)->storage().rounds().FindRound(options.code);
  if (!round) return context.Fail(Status::NotFound("there is no round " + options.code));
  if (round->erased_at) {
    context.out << fmt::format("Round {}: personal data erased at {}\n", round->code,
                               FormatTimestamp(*round->erased_at));
  } else if (round->erase_on) {
    context.out << fmt::format("Round {}: personal data is erased on {}\n", round->code,
                               round->erase_on->ToString());
  } else {
    auto first = (*app)->retention().FirstEraseDay(round->code);
    context.out << fmt::format("Round {}: no day of erasure set (the first possible: {})\n",
                               round->code, first.ok() ? first->ToString() : "?");
  }
  return kExitSuccess;
}

// Prints the round's own results settings, or keeps FILE's as them, or
// (none) forgets them.
int ResultsSettings(CommandContext& context, const RoundOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  if (!options.file.empty()) {
    std::optional<std::string> text;
    if (options.file != "none") {
      text = ReadFileBytes(options.file);
      if (!text) return context.Fail(Status::NotFound("there is no file " + options.file));
    }
    auto saved = SaveResultsSettings(**app, options.code, text, options.file);
    if (!saved.ok()) return context.Fail(saved.status());
    (*app)->accounts().Audit(context.Actor(), text ? "release.settings" : "release.settings_reset",
                             "round " + options.code,
                             text ? fmt::format("{} ({} bytes)", options.file, text->size()) : "");
    context.out << (text ? fmt::format("Round {} keeps the results settings of {}\n",
                                       options.code, options.file)
                         : fmt::format("Round {} uses the default results settings\n",
                                       options.code));
    return kExitSuccess;
  }
  auto round = (*app)->storage().rounds().FindRound(options.code);
  if (!round) return context.Fail(Status::NotFound("there is no round " + options.code));
  auto text = (*app)->storage().rounds().ResultsSettings(round->id);
  if (text) {
    context.out << *text;
  } else {
    context.out << fmt::format("# Round {} keeps no results settings: the defaults hold\n",
                               round->code);
  }
  return kExitSuccess;
}

// Erases the rounds whose day has come (as `kartla serve` does hourly).
int EraseDue(CommandContext& context) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  int erased = (*app)->RunRetention();
  context.out << fmt::format("{} rounds' personal data erased\n", erased);
  return kExitSuccess;
}

// Prints the round's notices, or sets them from a CSV file.
int Notices(CommandContext& context, const RoundOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  std::optional<rounds::Round> round;
  if (options.file.empty()) {
    auto view = (*app)->rounds().Show(options.code);
    if (!view.ok()) return context.Fail(view.status());
    round = view->round;
  } else {
    auto contents = CommandContext::ReadInputFile(options.file);
    if (!contents.ok()) return context.Fail(contents.status());
    auto set = (*app)->rounds().SetNotices(options.code, *contents, options.file);
    if (!set.ok()) return context.Fail(set.status());
    round = *set;
    (*app)->accounts().Audit(context.Actor(), "round.notices", "round " + options.code,
                             "from " + CutUtf8(options.file, 200));
  }
  for (const auto& [name, text] : {std::pair{"privacy", &round->privacy},
                                   std::pair{"contact", &round->contact}}) {
    for (Lang lang : kAllLangs) {
      const std::string& value = text->Get(lang);
      context.out << fmt::format("{} ({}): {}\n", name, LangCode(lang),
                                 value.empty() ? "(not set)" : value);
    }
  }
  return kExitSuccess;
}

int AddQuestionnaire(CommandContext& context, const RoundOptions& options) {
  rounds::AddQuestionnaireRequest request;
  request.round_code = options.code;
  request.form_id = options.form;
  if (options.form_version > 0) request.form_version = options.form_version;
  request.target_group = options.target_group;
  request.label = ParseTexts(options.label);
  request.policy = rounds::ParsePolicy(options.responses_per)
                       .value_or(rounds::ResponsePolicy::kOnePerOrganisation);
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto added = (*app)->rounds().AddQuestionnaire(request);
  if (!added.ok()) return context.Fail(added.status());
  (*app)->accounts().Audit(context.Actor(), "round.questionnaire", "round " + options.code,
                           fmt::format("{} version {} to {}", added->form.form_id,
                                       added->form.number, options.target_group));
  Lang lang = (*app)->config().language;
  const auto& form = added->form;
  context.out << fmt::format(
      "Round {}: {} answer form {} version {} ({} question{}{})\n", options.code,
      added->questionnaire.target_group.label.Get(lang), form.form_id, form.number,
      form.question_count, form.question_count == 1 ? "" : "s",
      form.sections.empty() ? "" : ", sections " + form.sections);
  return kExitSuccess;
}

int Stages(CommandContext& context, const RoundOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  if (options.file.empty()) {
    auto view = (*app)->rounds().Show(options.code);
    if (!view.ok()) return context.Fail(view.status());
    PrintStages(context.out, view->stages, (*app)->config().language);
    return kExitSuccess;
  }
  auto contents = CommandContext::ReadInputFile(options.file);
  if (!contents.ok()) return context.Fail(contents.status());
  auto stages = (*app)->rounds().SetStages(options.code, *contents, options.file);
  if (!stages.ok()) return context.Fail(stages.status());
  (*app)->accounts().Audit(context.Actor(), "round.stages", "round " + options.code,
                           fmt::format("{} stages from {}", stages->size(),
                                       CutUtf8(options.file, 200)));
  context.out << fmt::format("Round {} has {} stage{}:\n", options.code,
                             stages->size(), stages->size() == 1 ? "" : "s");
  PrintStages(context.out, *stages, (*app)->config().language);
  return kExitSuccess;
}

int Show(CommandContext& context, const RoundOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto view = (*app)->rounds().Show(options.code);
  if (!view.ok()) return context.Fail(view.status());
  Lang lang = (*app)->config().language;
  std::ostream& out = context.out;
  out << fmt::format("{} ({})\nSeries: {} ({})\n", view->round.title.Get(lang),
                     view->round.code, view->series.title.Get(lang),
                     view->series.code);
  if (view->registry_version) {
    out << fmt::format(
        "Registry: version {}, in force from {}, {} organisations\n",
        view->registry_version->id.value(),
        view->registry_version->as_of.ToString(),
        view->registry_version->organisation_count);
  }
  out << (view->round.late_answers
              ? "Late answers: taken after a stage has closed\n"
              : "Late answers: not taken; answering a stage stops when it closes\n");
  out << "\nQuestionnaires:\n";
  PrintQuestionnaires(out, view->questionnaires, lang);
  out << "\nStages:\n";
  PrintStages(out, view->stages, lang);
  if (!view->unstaged_sections.empty()) {
    std::string sections;
    for (const std::string& s : view->unstaged_sections) {
      sections += (sections.empty() ? "" : ", ") + s;
    }
    out << fmt::format("Note: no stage collects section(s) {}\n", sections);
  }
  return kExitSuccess;
}

int List(CommandContext& context) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  Lang lang = (*app)->config().language;
  TextTable table({{"Round"}, {"Year", Align::kRight}, {"Title"},
                   {"Registry version", Align::kRight}});
  for (const rounds::Round& round : (*app)->rounds().List()) {
    table.AddRow({round.code, std::to_string(round.year), round.title.Get(lang),
                  std::to_string(round.registry_version_id)});
  }
  table.Print(context.out);
  return kExitSuccess;
}

}  // namespace

void AddRoundCommands(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<RoundOptions>();
  CLI::App* round = app.add_subcommand(
      "round", "Rounds of a survey series: questionnaires and stages");
  round->require_subcommand(1);

  CLI::App* create = round->add_subcommand(
      "create", "Create a round, pinning the registry version it uses");
  create->add_option("ROUND", options->code, "e.g. digimapping-2025")->required();
  create->add_option("--series", options->series,
                     "The series' code; created if new, e.g. digimapping")
      ->required();
  create->add_option("--series-title", options->series_title,
                     "LANG=TEXT for a new series, e.g. fi=Digitalisaatiokartoitus; "
                     "repeatable");
  create->add_option("--title", options->title,
                     "LANG=TEXT, e.g. sv=Digitaliseringskartläggning 2025; "
                     "repeatable");
  create->add_option("--year", options->year, "Default: this year");
  create->add_option("--registry-version", options->registry_version,
                     "Default: the latest registry version");
  create->add_flag("--late-answers", options->late_answers,
                   "Take answers after a stage has closed. Default: answering a stage "
                   "stops when it closes");
  create->callback([&context, options] {
    context.exit_code = Create(context, *options);
  });

  CLI::App* add = round->add_subcommand(
      "add-questionnaire", "Address a form version to a target group");
  add->add_option("ROUND", options->code)->required();
  add->add_option("FORM", options->form, "The form_id")->required();
  add->add_option("--form-version", options->form_version,
                  "Default: the latest");
  add->add_option("--target-group", options->target_group,
                  "chief_executives, sector_management, "
                  "administration_management, ict_management, or one of "
                  "your own with --label")
      ->required();
  add->add_option("--label", options->label,
                  "LANG=TEXT naming a target group; repeatable");
  add->add_option("--responses-per", options->responses_per,
                  "organisation (default: colleagues share one response and may hand it "
                  "over) or person (each invited person answers on their own)")
      ->check(CLI::IsMember({"organisation", "person"}));
  add->callback([&context, options] {
    context.exit_code = AddQuestionnaire(context, *options);
  });

  CLI::App* stages = round->add_subcommand(
      "stages",
      "Print the round's stages, or replace them with those of a CSV file "
      "(columns stage, name, sections, opens, closes, publishes)");
  stages->add_option("ROUND", options->code)->required();
  stages->add_option("FILE", options->file, "The stages as CSV");
  stages->callback([&context, options] {
    context.exit_code = Stages(context, *options);
  });

  CLI::App* late = round->add_subcommand(
      "late-answers", "Take answers after a stage has closed (on), or not (off)");
  late->add_option("ROUND", options->code)->required();
  late->add_option("SWITCH", options->switch_to, "on or off")
      ->required()
      ->check(CLI::IsMember({"on", "off"}));
  late->callback([&context, options] {
    context.exit_code = LateAnswers(context, *options);
  });

  CLI::App* retention = round->add_subcommand(
      "retention",
      "Print the day the round's personal data is erased, or set it (after the round's last "
      "stage closes; none: no day)");
  retention->add_option("ROUND", options->code)->required();
  retention->add_option("DAY", options->day, "YYYY-MM-DD, or none");
  retention->callback([&context, options] {
    context.exit_code = Retention(context, *options);
  });
  CLI::App* results_settings = round->add_subcommand(
      "results-settings",
      "Print the round's own results settings, keep FILE's (a results.toml, checked first) "
      "as them, or forget them (none); kartla publish and the workspace's release page use "
      "them");
  results_settings->add_option("ROUND", options->code)->required();
  results_settings->add_option("FILE", options->file, "A results.toml, or none");
  results_settings->callback([&context, options] {
    context.exit_code = ResultsSettings(context, *options);
  });
  CLI::App* erase_due = round->add_subcommand(
      "erase-due",
      "Erase the personal data of every round whose day has come (kartla serve does this "
      "hourly)");
  erase_due->callback([&context] { context.exit_code = EraseDue(context); });

  CLI::App* notices = round->add_subcommand(
      "notices",
      "Print what the start page tells the round's respondents, or set it from a CSV file "
      "(columns notice, fi, sv, en; rows privacy and contact)");
  notices->add_option("ROUND", options->code)->required();
  notices->add_option("FILE", options->file, "The notices as CSV");
  notices->callback([&context, options] {
    context.exit_code = Notices(context, *options);
  });

  CLI::App* show = round->add_subcommand("show", "Show a round in full");
  show->add_option("ROUND", options->code)->required();
  show->callback([&context, options] {
    context.exit_code = Show(context, *options);
  });

  CLI::App* list = round->add_subcommand("list", "List the rounds");
  list->callback([&context] { context.exit_code = List(context); });
}

}  // namespace kartla::cli
