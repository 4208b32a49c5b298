#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cli/command_context.h"
#include "cli/commands.h"
#include "demo/example_answers.h"
#include "app/example_round.h"
#include "app/publishing.h"
#include "app/web_wiring.h"
#include "app/results_config.h"
#include "forms/examples.h"
#include "cli/registry_views.h"
#include "cli/round_views.h"
#include "cli/serving.h"
#include "cli/text_table.h"
#include "core/csv.h"
#include "core/token.h"

namespace kartla::cli {
namespace {

struct DemoOptions {
  std::string dir;
  int port = 8080;
  bool setup_only = false;
  bool send_mail = false;
  bool simulate_answers = false;  // the default now; kept for older scripts
  bool fieldwork_only = false;
};

// Whose links the demo prints: a few organisations per target group, in
// Finnish and Swedish.
struct DemoInvitation {
  const char* target_group;
  const char* organisation;
};
constexpr DemoInvitation kDemoInvitations[] = {
    {"chief_executives", "091"},          {"chief_executives", "638"},
    {"sector_management", "049"},         {"sector_management", "853"},
    {"administration_management", "837"}, {"administration_management", "478"},
    {"ict_management", "091"},            {"ict_management", "564"},
};

// Makes the demo's folder: `dir` if given (created if missing), else a new
// kartla-demo-XXXXXX in the current folder.
Result<std::filesystem::path> MakeFolder(const std::string& dir) {
  namespace fs = std::filesystem;
  if (dir.empty()) {
    std::string name = "kartla-demo-XXXXXX";
    if (mkdtemp(name.data()) == nullptr) {
      return Status::FailedPrecondition(
          "cannot create a folder for the demo in the current folder");
    }
    return fs::absolute(name);
  }
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) {
    return Status::FailedPrecondition(
        fmt::format("cannot create the folder {}: {}", dir, error.message()));
  }
  if (fs::exists(fs::path(dir) / "kartla.db")) {
    return Status::FailedPrecondition(fmt::format(
        "{} holds a demo already; give another folder, or none for a new one",
        dir));
  }
  return fs::absolute(dir);
}

int RunDemo(CommandContext& context, const DemoOptions& options) {
  auto folder = MakeFolder(options.dir);
  if (!folder.ok()) return context.Fail(folder.status());
  auto config = context.LoadConfiguration();
  if (!config.ok()) return context.Fail(config.status());
  config->database = (*folder / "kartla.db").string();
  config->results = (*folder / "results").string();
  config->mail.send = options.send_mail;
  // Links, printed and mailed, carry the port the demo serves on.
  config->server.port = options.port;
  std::ostream& out = context.out;
  out << "Kartla demo\n"
      << fmt::format("1. Made the folder {}\n", folder->string());

  auto app = App::Open(*config, context.clock, /*create=*/true);
  if (!app.ok()) return context.Fail(app.status());
  out << fmt::format("2. Created the database {} (schema version {})\n",
                     config->database, (*app)->storage().schema_version());
  {
    std::ofstream toml(*folder / "kartla.toml");
    toml << "# Written by `kartla demo`. See docs/configuration.md.\n"
         << "database = \"kartla.db\"\n";
    if (!options.send_mail) {
      toml << "\n[mail]\n# The demo's addresses are made up: keep the outbox.\n"
           << "send = false\n";
    }
  }
  // The example round's results settings (disclosure rules, merging,
  // indices), beside it for `kartla publish --config results.toml`.
  const std::filesystem::path results_toml = *folder / "results.toml";
  {
    std::ofstream settings(results_toml);
    settings << forms::DigimappingExample().results_toml;
  }
  auto results_settings = LoadResultsConfig(results_toml.string());
  if (!results_settings.ok()) return context.Fail(results_settings.status());
  out << "3. Wrote kartla.toml beside it, so that commands run in the folder "
         "use this database, and the example's results settings results.toml\n";

  auto outcome = (*app)->registry().LoadBuiltin("fi-2025", std::nullopt);
  if (!outcome.ok()) return context.Fail(outcome.status());
  out << "4. Loaded the registry of Finland's municipalities: ";
  PrintImportOutcome(out, *outcome, false);
  auto registry = (*app)->registry().Latest();
  if (!registry.ok()) return context.Fail(registry.status());
  Lang lang = config->language;
  for (const char* id : {"region", "size_class", "language"}) {
    out << '\n';
    PrintDimensionCounts(out, *registry, *registry->FindDimension(id), lang,
                         std::nullopt);
  }
  const bool results = !options.fieldwork_only;
  // With results, the round is well on: stages 1 and 2 over (stage 2 was
  // due to be published yesterday) and stage 3 open; else stage 1 is open.
  // The example's stage 1 opens 199 days before stage 2 is published.
  const Date today = Date::FromTimePoint(context.clock.Now());
  auto round = CreateExampleRound(
      **app, results ? Date::FromDaysSinceEpoch(today.DaysSinceEpoch() - 193) : today);
  if (!round.ok()) return context.Fail(round.status());
  out << fmt::format("\n5. Created the round {} ({}) on registry version {}, "
                     "with a questionnaire for each target group:\n",
                     round->round.code, round->round.title.Get(lang),
                     round->round.registry_version_id);
  PrintQuestionnaires(out, round->questionnaires, lang);
  out << (results ? "\n6. Set the round's stages (moved so that stages 1 and 2 are over and "
                    "due to be published, and stage 3 is open today): which sections are "
                    "collected and published when:\n"
                  : "\n6. Set the round's stages (moved so that the first is open "
                    "today): which sections are collected and published when:\n");
  PrintStages(out, round->stages, lang);
  std::string base = config->PublicUrl();
  // Contacts: one person per target group in every municipality.
  std::string contacts_csv = "organisation,name,email,role\n";
  for (const Organisation& org : registry->organisations()) {
    for (const rounds::QuestionnaireView& view : round->questionnaires) {
      const rounds::Questionnaire& q = view.questionnaire;
      std::string group = q.target_group.code;
      std::string address = group;
      std::replace(address.begin(), address.end(), '_', '-');
      contacts_csv += FormatCsvRecord(
          {org.code, q.target_group.label.Get(org.MainLanguage()) + ", " +
                         org.name.Get(org.MainLanguage()),
           fmt::format("{}.{}@kunnat.example", address, org.code), group},
          CsvReader::kKartla);
    }
  }
  auto contacts = (*app)->contacts().Import(contacts_csv, "demo contacts");
  if (!contacts.ok()) return context.Fail(contacts.status());
  out << fmt::format("\n7. Added {} contacts: one for each target group in each "
                     "municipality (made-up addresses at kunnat.example)\n",
                     contacts->size());
  int invited = 0;
  for (const rounds::QuestionnaireView& view : round->questionnaires) {
    auto summary = (*app)->mailing().InviteContacts(
        round->round.code, view.questionnaire.target_group.code, {});
    if (!summary.ok()) return context.Fail(summary.status());
    invited += summary->invited;
  }
  out << fmt::format(
      "8. Invited them all: {} invitations, each with its message in the outbox{}\n",
      invited,
      options.send_mail ? ", sent through the configured SMTP server while serving"
                        : " (not sent in the demo: `--send-mail` sends them through "
                          "the [mail] server of the configuration)");
  Date remind_on = Date::FromDaysSinceEpoch((*app)->clock().Today().DaysSinceEpoch() + 7);
  auto planned = (*app)->mailing().ScheduleReminders(round->round.code, remind_on,
                                                     /*unopened_only=*/false, "demo");
  if (!planned.ok()) return context.Fail(planned.status());
  out << fmt::format("   Planned a reminder on {} to everyone who has not answered by then "
                     "(see the round's invitations page)\n",
                     remind_on.ToString());
  // The round's personal data ends half a year after its last stage.
  if (auto first = (*app)->retention().FirstEraseDay(round->round.code); first.ok()) {
    Date erase_on = Date::FromDaysSinceEpoch(first->DaysSinceEpoch() + 182);
    Status kept = (*app)->retention().SetEraseDay(round->round.code, erase_on);
    if (!kept.ok()) return context.Fail(kept);
    out << fmt::format("   Set the contacts and links of the round to be erased on {} "
                       "(the round's page; docs/fieldwork.md, the retention policy)\n",
                       erase_on.ToString());
  }
  // Its results settings kept with it, so that a release can be built from
  // the workspace (the round's release page).
  auto kept_settings = SaveResultsSettings(**app, round->round.code,
                                           forms::DigimappingExample().results_toml,
                                           "results.toml");
  if (!kept_settings.ok()) return context.Fail(kept_settings.status());
  out << "   Kept the example's results settings with the round, for its release page\n";

  if (results) {
    demo::SimulationOptions simulation;
    for (const DemoInvitation& demo : kDemoInvitations) {
      simulation.leave_out.insert(demo.organisation);
    }
    auto answered = demo::SimulateAnswers(**app, round->round.code, simulation);
    if (!answered.ok()) return context.Fail(answered.status());
    out << fmt::format("   Made up and submitted {} responses, larger municipalities answering "
                       "more often (the organisations of the links below are left out)\n",
                       *answered);
    demo::SimulationOptions earlier;
    earlier.seed = 2021;
    earlier.maturity_shift = -0.15;
    auto past = demo::CreateEarlierRound(**app, round->round.code, 2021, earlier);
    if (!past.ok()) return context.Fail(past.status());
    out << fmt::format("   Made the earlier round digimapping-2021 with the same questionnaires "
                       "and {} made-up responses, somewhat less mature, for trends\n",
                       *past);
  }

  std::string results_address;
  if (results) {
    // Stages 1 and 2 published from the made-up answers, as two versions.
    for (int stage : {1, 2}) {
      PublishRequest request;
      request.round = round->round.code;
      request.stage = stage;
      request.folder = config->results;
      request.settings = *results_settings;
      request.printer = QuestionnairePrinterOf(**app);
      auto report = PublishRound(**app, request);
      if (!report.ok()) return context.Fail(report.status());
      out << fmt::format("   Published stage {} as version {} of the results: {} tables, {} "
                         "files (pages, figures, downloads) in {}\n",
                         stage, report->outcome.version, report->tables, report->outcome.files,
                         report->outcome.folder);
      results_address = fmt::format("{}/results/{}/v{}/", base, round->round.code,
                                    report->outcome.version);
    }
  }

  std::string password = NewToken();
  auto admin = (*app)->accounts().AddUser(
      {"admin", password, accounts::Role::kAdministrator, "", lang}, "demo");
  if (!admin.ok()) return context.Fail(admin.status());
  out << fmt::format("9. Made the administrator: sign in at {}/admin/login as admin "
                     "with the password {}\n"
                     "    then try a questionnaire as a respondent, by a test link whose "
                     "answers never count: {}/admin/rounds/{}/questionnaires/ict_management/"
                     "preview\n",
                     base, password, base, round->round.code);

  out << "\n10. A respondent's own link for each target group (the link their "
         "invitation mail carries):\n";
  TextTable links({{"Target group"}, {"Organisation"}, {"Language"}, {"Link"}});
  auto registry_now = (*app)->registry().Latest();
  auto invitations = (*app)->invitations().ListForRound(round->round.id);
  for (const DemoInvitation& demo : kDemoInvitations) {
    const fieldwork::Invitation* found = nullptr;
    for (const fieldwork::Invitation& invitation : invitations) {
      if (invitation.role == demo.target_group &&
          invitation.organisation_code == demo.organisation) {
        found = &invitation;
      }
    }
    if (found == nullptr) continue;
    const Organisation* org = registry_now.ok() ? registry_now->Find(demo.organisation) : nullptr;
    const rounds::TargetGroup* group = rounds::FindBuiltinTargetGroup(demo.target_group);
    links.AddRow({group ? group->label.Get(lang) : demo.target_group,
                  org ? org->name.Get(lang) : demo.organisation,
                  std::string(LangCode(found->language)),
                  (*app)->mailing().LinkOf(*found)});
  }
  links.Print(out);
  if (results) {
    // A respondent whose answers were made up, for the benchmark.
    for (const fieldwork::Invitation& invitation : invitations) {
      if (invitation.role != "ict_management") continue;
      auto response = (*app)->storage().responses().FindByInvitation(invitation.id);
      if (!response || response->status != responses::ResponseStatus::kSubmitted) continue;
      const Organisation* org =
          registry_now.ok() ? registry_now->Find(invitation.organisation_code) : nullptr;
      out << fmt::format(
          "\nA respondent who has answered (ICT management, {}, organisation {}): {}\n"
          "    their answers beside their peers' (all, size class, region): open the link, "
          "then {}/q/benchmark\n",
          org ? org->name.Get(lang) : invitation.organisation_code,
          invitation.organisation_code, (*app)->mailing().LinkOf(invitation), base);
      break;
    }
    out << fmt::format(
        "\n11. The results of stages 1 and 2, published: {}\n"
        "    (in Finnish {}fi/index.html; all releases at {}/results; the JSON API at "
        "{}/api/v1/releases)\n",
        results_address, results_address, base, base);
  }
  std::error_code error;
  std::filesystem::path self =
      std::filesystem::read_symlink("/proc/self/exe", error);
  std::string program = error ? "kartla" : self.string();
  out << fmt::format(
      "\nOther things to try, in another terminal:\n  cd {}\n  {} round show {}\n"
      "  {} form show ict-management --lang fi\n"
      "  {} invite create {} --target-group ict_management --org 092\n"
      "  {} monitor {}\n"
      "  {} audit                 # who did what, failed sign-ins included\n"
      "  {} round late-answers {} off   # then a closed stage takes no answers\n"
      "  {} backup backup.db      # a consistent copy, even while the server runs\n"
      "  {} db copy --to 'postgresql://…'   # the whole database to PostgreSQL "
      "(docs/deployment.md)\n",
      folder->string(), program, round->round.code, program, program,
      round->round.code, program, round->round.code, program, program, round->round.code,
      program, program);
  if (options.setup_only) {
    out << fmt::format("\nStart the server with: cd {} && {} serve --port {}\n",
                       folder->string(), program, options.port);
    return kExitSuccess;
  }
  Status serving = ServeUntilSignal(**app, options.port, [&out](int port) {
    out << fmt::format("\nServing on http://127.0.0.1:{}/ ; open a link above. "
                       "Ctrl-C stops.\n",
                       port)
        << std::flush;
  });
  if (!serving.ok()) return context.Fail(serving);
  out << "Stopped; everything answered is in the database.\n";
  return kExitSuccess;
}

}  // namespace

void AddDemoCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<DemoOptions>();
  CLI::App* demo = app.add_subcommand(
      "demo",
      "Set up a demonstration in a fresh folder: a database with Finland's "
      "municipalities, the example forms, the 2025 round with its stages "
      "contacts and invitations for every municipality, made-up answers for two "
      "thirds of them and an earlier round, stages 1 and 2 of the results "
      "published, and an administrator; then serve the questionnaire, the "
      "workspace and the results until Ctrl-C");
  demo->add_option("--dir", options->dir,
                   "The folder to use (created if missing); default: a new "
                   "kartla-demo-XXXXXX in the current folder");
  demo->add_option("--port", options->port,
                   "The local port the demo is to be served on")
      ->check(CLI::Range(1, 65535))
      ->capture_default_str();
  demo->add_flag("--send-mail", options->send_mail,
                 "Send the invitations through the [mail] server of the configuration");
  demo->add_flag("--simulate-answers", options->simulate_answers,
                 "The default: make up answers for about two thirds of the organisations "
                 "(the printed links' organisations left out), and an earlier round "
                 "digimapping-2021 answered likewise, and publish stages 1 and 2 of the "
                 "results");
  CLI::Option* simulate = demo->get_option("--simulate-answers");
  demo->add_flag("--fieldwork-only", options->fieldwork_only,
                 "Only the fieldwork: nobody has answered yet and nothing is published")
      ->excludes(simulate);
  demo->add_flag("--setup-only", options->setup_only,
                 "Set everything up and print the links, but do not serve");
  demo->callback([&context, options] {
    context.exit_code = RunDemo(context, *options);
  });
}

}  // namespace kartla::cli
