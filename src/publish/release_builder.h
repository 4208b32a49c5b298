// Building a release's content from a round: every question of the
// sections published by a stage, overall and by the breakdowns the
// settings give it, each questionnaire weighted on its own, with the same
// question in the series' earlier rounds for the trends, and the methods
// page's fieldwork figures. What it is built from is declared here, as
// domain folders declare their stores; app/ implements it from its
// services (app/release_source.h), the tests with a fake.
#ifndef KARTLA_PUBLISH_RELEASE_BUILDER_H_
#define KARTLA_PUBLISH_RELEASE_BUILDER_H_

#include <cstdint>
#include <functional>
#include <list>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "fieldwork/monitor.h"
#include "forms/form.h"
#include "pages/view.h"
#include "publish/results_settings.h"
#include "publish/site.h"
#include "rounds/round_service.h"
#include "stats/dataset.h"
#include "stats/weighting.h"

namespace kartla::publish {

// Where a release's data comes from. Each call may fail with kNotFound.
class ReleaseSource {
 public:
  virtual ~ReleaseSource() = default;
  // The round with its stages and questionnaires.
  virtual Result<rounds::RoundView> Round(const std::string& code) = 0;
  // The rounds of a series, oldest first.
  virtual std::vector<rounds::Round> RoundsOfSeries(int64_t series_id) = 0;
  // A questionnaire's submitted answers, as a results dataset.
  virtual Result<stats::Dataset> Dataset(const std::string& round,
                                         const std::string& target_group) = 0;
  // A questionnaire's fieldwork: the monitor of its target group alone.
  virtual Result<fieldwork::RoundMonitor> Fieldwork(const std::string& round,
                                                    const std::string& target_group) = 0;
  // The sections of a form version, in order.
  virtual Result<std::vector<forms::Section>> Sections(int64_t form_version_id) = 0;
  // A questionnaire as its respondents read it, on one page to print, in
  // each language in kAllLangs' order (the content of template "print":
  // every section, question and choice, and when a follow-up is asked);
  // empty if the source cannot give it, and the site then links none.
  virtual std::vector<pages::View> PrintedQuestionnaire(const rounds::Round&,
                                                        const rounds::Questionnaire&) {
    return {};
  }
};

// How app/ gives ReleaseSource::PrintedQuestionnaire from the web layer's
// questionnaire views (app/web_wiring.h), which publish/ does not use.
using QuestionnairePrinter = std::function<std::vector<pages::View>(const rounds::Round&,
                                                                    const rounds::Questionnaire&)>;

struct ReleaseRequest {
  std::string round;  // its code
  int stage = 1;
  std::string date;  // YYYY-MM-DD, today
  std::string note;  // what a correction changed
  ResultsSettings settings;
};

// A release's content, and what it points into: the tables refer to the
// datasets' columns, so they live as long as it does.
struct BuiltRelease {
  ReleaseInput input;
  std::vector<std::string> left_out;  // questionnaires of fewer than 2 answers
  std::list<stats::Dataset> datasets;
  std::list<stats::ResultsDesign> designs;
  std::list<stats::DatasetDimension> merged;  // breakdowns with small lines merged
};

// Fails with kNotFound for an unknown round or stage, or a breakdown by a
// dimension the registry lacks; with what the source fails with.
Result<std::unique_ptr<BuiltRelease>> BuildRelease(ReleaseSource& source,
                                                   const ReleaseRequest& request);

// How a questionnaire's answers are weighted, said for the methods page in
// fi, sv and en (messages methods_weighted, methods_unweighted), the classes' dimensions
// by their names in `data` where given.
LocalizedText WeightingText(const stats::ResultsDesign& design,
                            const stats::ClassingOptions& classing,
                            const stats::Dataset* data = nullptr);

// For a dimension's id, the dataset's dimension and the lines the tables
// break it down by (the same, or its small categories merged), or nulls.
using BreakdownLines = std::function<
    std::pair<const stats::DatasetDimension*, const stats::DatasetDimension*>(const std::string&)>;

// A questionnaire's fieldwork for the methods page: its invitations,
// AAPOR's RR1, and the response by each dimension with the R-indicator.
// With `lines`, only by the dimensions it gives (those the tables break
// down by) and in the tables' lines, so that the methods page publishes
// the same lines as the tables and nothing that links them otherwise (a
// major region beside its regions' merged lines would give away the one
// hidden in "Others").
MethodsGroup MethodsOf(const fieldwork::RoundMonitor& monitor, const stats::DisclosureRules& rules,
                       const BreakdownLines& lines = {});

}  // namespace kartla::publish

#endif  // KARTLA_PUBLISH_RELEASE_BUILDER_H_
