#include "app/publishing.h"

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <span>

#include "app/release_source.h"
#include "core/parallel.h"
#include "core/token.h"
#include "publish/audit_report.h"
#include "publish/formats.h"
#include "publish/microdata.h"
#include "stats/weighting.h"

namespace kartla {

namespace {

// The release `request` asks for, built from the round's answers as of
// today; not yet protected against the versions in its folder.
Result<std::unique_ptr<publish::BuiltRelease>> Build(App& app, const PublishRequest& request) {
  AppReleaseSource source(app, request.printer);
  return publish::BuildRelease(source, {request.round, request.stage,
                                        app.clock().Today().ToString(), request.note,
                                        request.settings});
}

}  // namespace

Result<PublishReport> PublishRound(App& app, const PublishRequest& request) {
  auto built = Build(app, request);
  if (!built.ok()) return built.status();
  PublishReport report;
  report.left_out = (*built)->left_out;
  report.tables = int((*built)->input.tables.size());
  report.hidden_together = publish::ProtectTogether((*built)->input, request.folder);
  auto outcome = publish::WriteRelease((*built)->input, request.folder);
  if (!outcome.ok()) return outcome.status();
  report.outcome = std::move(outcome).value();
  if (!report.outcome.unchanged) {
    report.audit_report = publish::WriteAuditReport((*built)->input, report.outcome);
  }
  return report;
}

Result<publish::ReleasePreview> PreviewRelease(App& app, const PublishRequest& request) {
  auto built = Build(app, request);
  if (!built.ok()) return built.status();
  publish::ReleaseInput& input = (*built)->input;
  publish::ReleasePreview preview;
  preview.stage = request.stage;
  preview.note = request.note;
  preview.left_out = (*built)->left_out;
  preview.tables = int(input.tables.size());
  preview.hidden_together = publish::ProtectTogether(input, request.folder);
  preview.audit = publish::SummariseAudit(input);
  preview.latest = publish::LatestRelease(request.folder, request.round);
  const int latest = preview.latest ? preview.latest->version : 0;
  preview.version = latest + 1;
  if (auto refusal = publish::AuditRefusal(input)) {
    preview.refusal = *refusal;
  } else if (auto note = publish::NoteRefusal(input, latest,
                                              preview.latest ? preview.latest->stage : 0)) {
    preview.refusal = *note;
  }
  preview.site = publish::RenderSite(input, preview.version);
  std::shared_ptr<const publish::BuiltRelease> held = std::move(built).value();
  preview.data_file = [held, version = preview.version](const std::string& path) {
    return publish::ReleaseDataFile(held->input, version, path);
  };
  preview.publish = [held, folder = request.folder,
                     version = preview.version]() -> Result<publish::ReleaseOutcome> {
    auto now = publish::LatestRelease(folder, held->input.round);
    if ((now ? now->version : 0) != version - 1) {
      return Status::Refused(ErrorCode::kFailedPrecondition, "release_published_since",
                             "version {0} was published since this one was built: build it again",
                             {std::to_string(now ? now->version : 0)});
    }
    auto outcome = publish::WriteRelease(held->input, folder);
    if (!outcome.ok()) return outcome.status();
    if (!outcome->unchanged) publish::WriteAuditReport(held->input, *outcome);
    return outcome;
  };
  return preview;
}

Result<ResultsConfig> RoundResultsSettings(App& app, const std::string& round) {
  auto found = app.storage().rounds().FindRound(round);
  if (!found) return Status::NotFound("there is no round " + round);
  auto text = app.storage().rounds().ResultsSettings(found->id);
  if (!text) return ResultsConfig{};
  return ReadResultsConfig(*text, "results.toml");
}

std::optional<std::string> ResultsSettingsText(App& app, const std::string& round) {
  auto found = app.storage().rounds().FindRound(round);
  return found ? app.storage().rounds().ResultsSettings(found->id) : std::nullopt;
}

Result<ResultsConfig> SaveResultsSettings(App& app, const std::string& round,
                                          const std::optional<std::string>& toml,
                                          const std::string& name) {
  auto found = app.storage().rounds().FindRound(round);
  if (!found) return Status::NotFound("there is no round " + round);
  ResultsConfig settings;
  if (toml) {
    auto read = ReadResultsConfig(*toml, name);
    if (!read.ok()) return read.status();
    settings = std::move(read).value();
  }
  app.storage().rounds().SetResultsSettings(found->id, toml);
  return settings;
}

Result<std::vector<std::string>> WriteMicrodata(App& app, const MicrodataRequest& request) {
  auto input = app.FindQuestionnaire(request.round, request.target_group);
  if (!input.ok()) return input.status();
  const forms::Form& form = input->form.form;
  const Registry& registry = input->registry;
  const int64_t questionnaire = input->questionnaire.id;
  publish::MicrodataOptions options;
  options.lang = request.lang.value_or(app.config().language);
  options.identify = request.identify;
  options.date = app.clock().Today().ToString();
  options.label = fmt::format("{}, {}", input->round.title.Get(options.lang), request.target_group);
  if (!request.identify) {
    options.pseudonym = [key = LoadOrCreateKey(app.config().KeyFile()),
                         round = request.round](const std::string& code) {
      return "P" + DeriveToken(key, "pseudonym\n" + round + "\n" + code).substr(0, 10);
    };
  }
  // Every read below shares one snapshot: the count, the weights and each
  // run over the rows see the same responses.
  auto together = app.storage().ReadTogether();
  const responses::SubmittedCount count = app.storage().responses().CountSubmitted(questionnaire);

  // A weighting class's weight counts organisations (N_h / n_h), so each
  // organisation has one: worked out from a row per responding
  // organisation, whatever their number of responses.
  std::map<std::string, double, std::less<>> weight_of;
  if (count.organisations.size() >= 2) {
    const std::map<std::string, std::string> none;
    std::vector<stats::RespondentAnswers> each;
    for (const std::string& code : count.organisations) each.push_back({code, "", &none});
    const std::vector<std::string> invited =
        app.storage().invitations().InvitedOrganisations(questionnaire);
    stats::Dataset organisations = stats::BuildDataset(form, each, registry, invited);
    auto design = stats::DefaultDesign(organisations, request.settings.classing);
    if (!design.ok()) return design.status();
    const std::vector<double>& weights = design->design().weights();
    for (size_t i = 0; i < organisations.rows; ++i) {
      weight_of[organisations.organisations[i]] = weights[i];
    }
  }

  std::map<publish::MicrodataFormat, std::string> paths;
  std::vector<std::string> written;
  int runs = 1;
  for (publish::MicrodataFormat format : request.formats) {
    std::string path = (std::filesystem::path(request.folder) /
                        fmt::format("{}.{}.{}", request.round, request.target_group,
                                    publish::ExtensionOf(format)))
                           .string();
    if (paths.emplace(format, path).second) written.push_back(path);
    if (format == publish::MicrodataFormat::kSav || format == publish::MicrodataFormat::kDta) {
      runs = 2;
    }
  }
  std::filesystem::create_directories(request.folder);
  const stats::Dataset schema = stats::BuildDataset(form, {}, registry);
  // Each batch is read on this thread (which holds the snapshot) while the
  // one before is turned into rows and written on another: the two cores
  // share the work.
  size_t done = 0;
  auto rows = [&](const publish::MicrodataVisit& visit) {
    std::vector<responses::SubmittedResponse> working;
    std::vector<stats::RespondentAnswers> respondents;
    std::vector<double> weights;
    auto write = [&]() -> Status {
      respondents.clear();
      weights.clear();
      for (const responses::SubmittedResponse& one : working) {
        respondents.push_back({one.organisation, one.role, nullptr, one.answers});
        auto weight = weight_of.find(one.organisation);
        weights.push_back(weight == weight_of.end() ? 1.0 : weight->second);
      }
      stats::Dataset chunk = stats::BuildDataset(form, respondents, registry);
      Status status = visit({chunk, weights});
      done += working.size();
      if (request.progress) request.progress(done, count.responses * size_t(runs));
      return status;
    };
    Status last;     // of the batch handed over last, once it is done
    Handoff writer;  // destroyed (so waited for) before `working` and `last`
    app.storage().responses().ForEachSubmitted(
        questionnaire, request.chunk, [&](std::vector<responses::SubmittedResponse>& batch) {
          writer.Wait();
          if (!last.ok()) return false;
          std::swap(batch, working);
          writer.Hand([&] { last = write(); });
          return true;
        });
    writer.Wait();
    return last;
  };
  Status status = publish::WriteMicrodata(schema, options, paths, rows);
  if (!status.ok()) return status;
  return written;
}

}  // namespace kartla
