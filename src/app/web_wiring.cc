#include "app/web_wiring.h"

#include <filesystem>

#include "app/publishing.h"
#include "core/files.h"
#include "core/token.h"
#include "pages/templates.h"
#include "web/questionnaire_views.h"

namespace kartla {
namespace {

// The microdata file of `wanted`, written to a folder of its own in the
// temporary directory (streamed there; a national round's is a few
// megabytes), read back, and the folder removed.
Result<web::ExportedFile> ExportResponses(App& app, const web::ResponsesExport& wanted) {
  auto format = publish::ParseMicrodataFormat(wanted.format);
  if (!format) return Status::NotFound("there is no format " + wanted.format);
  MicrodataRequest request;
  request.round = wanted.round;
  request.target_group = wanted.target_group;
  request.identify = wanted.identify;
  request.lang = wanted.lang;
  request.formats = {*format};
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("kartla-export-" + NewToken().substr(0, 12));
  request.folder = folder.string();
  auto written = WriteMicrodata(app, request);
  web::ExportedFile file;
  if (written.ok()) {
    const std::filesystem::path path = written->front();
    file = {path.filename().string(), std::string(publish::MediaTypeOf(*format)),
            ReadFileBytes(path.string()).value_or("")};
  }
  std::error_code ignored;
  std::filesystem::remove_all(folder, ignored);
  if (!written.ok()) return written.status();
  return file;
}

// A release as the round's own settings build it, into the results folder.
Result<PublishRequest> ReleaseRequest(App& app, const std::string& round, int stage,
                                      const std::string& note) {
  auto settings = RoundResultsSettings(app, round);
  if (!settings.ok()) return settings.status();
  return PublishRequest{round, stage, app.config().results, note, std::move(settings).value(),
                        QuestionnairePrinterOf(app)};
}

web::AdminServices::Releases ReleasesOf(App& app) {
  return {
      app.config().results,
      [&app](const std::string& round) { return ResultsSettingsText(app, round); },
      [&app](const std::string& round, const std::optional<std::string>& toml,
             const std::string& name) {
        return SaveResultsSettings(app, round, toml, name).status();
      },
      [&app](const std::string& round, int stage,
             const std::string& note) -> Result<publish::ReleasePreview> {
        auto request = ReleaseRequest(app, round, stage, note);
        if (!request.ok()) return request.status();
        return PreviewRelease(app, *request);
      }};
}

}  // namespace

publish::QuestionnairePrinter QuestionnairePrinterOf(App& app) {
  return [&app](const rounds::Round& round,
                const rounds::Questionnaire& questionnaire) -> std::vector<pages::View> {
    auto form = app.forms().LoadById(questionnaire.form_version_id);
    if (!form.ok()) return {};
    auto assembled = web::Questionnaire::Assemble(round, questionnaire, std::move(form).value());
    const web::QuestionnaireViews views(pages::Catalogue::Builtin(), false);
    const std::string today = app.clock().Today().ToString();
    std::vector<pages::View> printed;
    for (Lang lang : kAllLangs) printed.push_back(views.BlankPrintView(*assembled, lang, today));
    return printed;
  };
}

web::WebServices WebServicesOf(App& app) {
  return {app.invitations(), app.responses(), app.forms(),
          app.storage().rounds(), app.clock(),
          [&app](const fieldwork::Invitation& invitation) -> std::string {
            if (invitation.contact_id == 0) return "";
            auto contact = app.contacts().Find(invitation.contact_id);
            return contact ? contact->name + " <" + contact->email + ">" : "";
          },
          // (The web module holds the scope without knowing its type.)
          [&app] { return std::shared_ptr<void>(app.storage().ReadTogether()); },
          [&app](const std::string& code) -> LocalizedText {
            auto registry = app.registry().LatestShared();
            const Organisation* found = registry.ok() ? (*registry)->Find(code) : nullptr;
            return found ? found->name : LocalizedText{code, code, code};
          },
          [&app](const std::string& key) {
            return app.storage().CountAttempt(key, app.clock().Now());
          }};
}

web::AdminServices AdminServicesOf(App& app, std::function<void()> mail_queued) {
  return {app.accounts(),
          app.contacts(),
          app.invitations(),
          app.storage().rounds(),
          app.storage().responses(),
          app.registry(),
          app.forms(),
          app.rounds(),
          app.retention(),
          [&app]() -> fieldwork::Mailing& { return app.mailing(); },
          [&app](const std::string& round, const std::optional<std::string>& group) {
            return app.Monitor(round, group);
          },
          [&app] { return app.MakeMailTransport(); },
          std::move(mail_queued),
          [&app](const web::ResponsesExport& wanted) { return ExportResponses(app, wanted); },
          ReleasesOf(app),
          app.clock()};
}

}  // namespace kartla
