#include "app/publishing.h"

#include <fmt/format.h>

#include <filesystem>

#include "app/release_source.h"
#include "core/token.h"
#include "publish/audit_report.h"
#include "publish/formats.h"
#include "publish/microdata.h"
#include "stats/weighting.h"

namespace kartla {

Result<PublishReport> PublishRound(App& app, const PublishRequest& request) {
  AppReleaseSource source(app);
  auto built = publish::BuildRelease(source, {request.round, request.stage,
                                              app.clock().Today().ToString(), request.note,
                                              request.settings});
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

Result<std::vector<std::string>> WriteMicrodata(App& app, const MicrodataRequest& request) {
  auto dataset = app.ResultsDataset(request.round, request.target_group);
  if (!dataset.ok()) return dataset.status();
  auto round = app.rounds().Show(request.round);
  if (!round.ok()) return round.status();
  publish::MicrodataOptions options;
  options.lang = app.config().language;
  options.identify = request.identify;
  options.date = app.clock().Today().ToString();
  options.label = fmt::format("{}, {}", round->round.title.Get(options.lang), request.target_group);
  if (!request.identify) {
    // By value: the key would be gone once this block ends (a use after
    // scope that ASan found; it was the "wrong index for variant" of
    // `kartla microdata`).
    options.pseudonym = [key = LoadOrCreateKey(app.config().KeyFile()),
                         round = request.round](const std::string& code) {
      return "P" + DeriveToken(key, "pseudonym\n" + round + "\n" + code).substr(0, 10);
    };
  }
  if (dataset->rows > 0) {
    auto design = stats::DefaultDesign(*dataset, request.settings.classing);
    if (!design.ok()) return design.status();
    options.weights = design->design().weights();
  }
  std::string stem = request.round + "." + request.target_group;
  auto files = publish::RenderMicrodata(
      *dataset, stem, options,
      (std::filesystem::temp_directory_path() / ("kartla-microdata-" + NewToken().substr(0, 8)))
          .string());
  if (!files.ok()) return files.status();
  publish::WriteFiles(request.folder, *files);
  std::vector<std::string> written;
  for (const auto& [name, bytes] : *files) {
    written.push_back((std::filesystem::path(request.folder) / name).string());
  }
  return written;
}

}  // namespace kartla
