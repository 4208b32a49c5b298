// Publishing a round: the release of a stage (every question of the
// sections published by then, overall and by size class and by region,
// with the results site, its methods and trends pages) built from the
// round's submitted answers, weighted and protected by the round's
// results settings.
#ifndef KARTLA_APP_PUBLISHING_H_
#define KARTLA_APP_PUBLISHING_H_

#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/results_config.h"
#include "core/status.h"
#include "publish/audit_report.h"
#include "publish/microdata.h"
#include "publish/release.h"
#include "publish/release_builder.h"

namespace kartla {

struct PublishRequest {
  std::string round;  // its code
  int stage = 1;
  std::string folder = "results";  // releases go to FOLDER/ROUND/vN
  std::string note;  // what a correction changed
  ResultsConfig settings;
  // The questionnaires as respondents read them, for the site to link
  // (QuestionnairePrinterOf in app/web_wiring.h); none: not linked.
  publish::QuestionnairePrinter printer;
};

struct PublishReport {
  publish::ReleaseOutcome outcome;
  int tables = 0;
  // The private audit report beside the version (publish/audit_report.h);
  // empty when the release was unchanged.
  std::string audit_report;
  // Cells hidden besides so that no count is given away with the
  // registry or the earlier versions (publish::ProtectTogether).
  int hidden_together = 0;
  std::vector<std::string> left_out;  // questionnaires of fewer than 2 answers, said
};

// Builds the release (publish::WriteRelease). Fails with kNotFound for an
// unknown round or stage, kFailedPrecondition as WriteRelease.
Result<PublishReport> PublishRound(App& app, const PublishRequest& request);

// The round's results settings: those kept with it (SaveResultsSettings),
// else the defaults. Fails with kNotFound for an unknown round.
Result<ResultsConfig> RoundResultsSettings(App& app, const std::string& round);
// The text of the settings the round keeps (a results.toml's); nullopt if
// it keeps none or there is no such round.
std::optional<std::string> ResultsSettingsText(App& app, const std::string& round);
// Whether the round keeps settings of its own.
inline bool HasResultsSettings(App& app, const std::string& round) {
  return ResultsSettingsText(app, round).has_value();
}
// Reads `toml` (a results.toml's text; problems placed in `name`) and only
// if it reads keeps it with the round, from then on used by releases built
// from the workspace and by `kartla publish` without --config; nullopt
// goes back to the defaults. Fails with kNotFound for an unknown round,
// kInvalidInput with every problem of the text, storing nothing.
Result<ResultsConfig> SaveResultsSettings(App& app, const std::string& round,
                                          const std::optional<std::string>& toml,
                                          const std::string& name);

// What a release would be (publish::ReleasePreview), built as
// PublishRound builds it but written nowhere. Fails as PublishRound does
// before writing: kNotFound for an unknown round or stage.
Result<publish::ReleasePreview> PreviewRelease(App& app, const PublishRequest& request);

struct MicrodataRequest {
  std::string round;
  std::string target_group;
  std::string folder;  // the files go to FOLDER/ROUND.TARGET_GROUP.{csv,xlsx,sav,dta}
  bool identify = false;  // organisation codes rather than pseudonyms
  ResultsConfig settings;  // the weighting
  std::vector<publish::MicrodataFormat> formats{std::begin(publish::kMicrodataFormats),
                                                std::end(publish::kMicrodataFormats)};
  std::optional<Lang> lang;  // of the labels; the configuration's if unset
  size_t chunk = 1000;       // responses read and written at a time
  // Called after each chunk of rows: rows gone through, of how many in all
  // (a .sav or .dta goes through them twice).
  std::function<void(size_t done, size_t total)> progress;
};

// Writes a questionnaire's microdata (publish::WriteMicrodata) with the
// design weights, streaming the submitted responses from the database in
// chunks (one snapshot), so memory does not grow with their
// number; the pseudonyms are keyed with the installation's secret key (the
// link key file), so they are the same in every questionnaire of the round
// and cannot be reversed without the key. Each organisation's weight is its
// weighting class's (stats::DefaultDesign, organisations counted); with
// fewer than two responding organisations every weight is 1. Returns the
// files' paths. Fails with kNotFound for an unknown round or target group.
Result<std::vector<std::string>> WriteMicrodata(App& app, const MicrodataRequest& request);

}  // namespace kartla

#endif  // KARTLA_APP_PUBLISHING_H_
