// Creating rounds, addressing questionnaires to target groups and setting
// stages: what the CLI and the admin pages call.
#ifndef KARTLA_ROUNDS_ROUND_SERVICE_H_
#define KARTLA_ROUNDS_ROUND_SERVICE_H_

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "forms/form_service.h"
#include "registry/registry_store.h"
#include "rounds/round.h"
#include "rounds/round_store.h"

namespace kartla::rounds {

struct CreateRoundRequest {
  std::string series_code;           // created if it does not exist
  LocalizedText series_title;        // for a new series; Default: its code
  std::string code;                  // "digimapping-2025"
  int year = 0;                      // Default: 0, meaning the current year
  LocalizedText title;               // Default: the code
  std::optional<int64_t> registry_version;  // Default: the latest version
  bool late_answers = false;  // Default: false, answers stop when stages close
};

struct AddQuestionnaireRequest {
  std::string round_code;
  std::string form_id;
  std::optional<int> form_version;  // Default: the latest version
  std::string target_group;         // a builtin code or one of one's own
  LocalizedText label;              // required for a target group of one's own
  // Default: one response per organisation and target group.
  ResponsePolicy policy = ResponsePolicy::kOnePerOrganisation;
};

struct QuestionnaireView {
  Questionnaire questionnaire;
  forms::FormVersionInfo form;
};

// A round with everything it has.
struct RoundView {
  Round round;
  Series series;
  std::optional<RegistryVersionInfo> registry_version;
  std::vector<QuestionnaireView> questionnaires;
  std::vector<Stage> stages;
  // Section numbers of the round's forms that no stage collects.
  std::vector<std::string> unstaged_sections;
};

// Thread-safe if the stores are.
class RoundService {
 public:
  // All references must outlive the service.
  RoundService(RoundStore& store, RegistryStore& registry,
               forms::FormService& forms, const Clock& clock)
      : store_(store), registry_(registry), forms_(forms), clock_(clock) {}

  // Fails with kAlreadyExists if the round code is taken, kFailedPrecondition
  // if there is no registry version to pin, kNotFound if the named registry
  // version does not exist, kInvalidInput for a bad code.
  Result<Round> CreateRound(const CreateRoundRequest& request);

  // Sets whether the round takes answers after a stage has closed. Fails
  // with kNotFound for an unknown round.
  Result<Round> SetLateAnswers(const std::string& round_code, bool late_answers);

  // Sets what the start page tells the round's respondents from a CSV
  // file (columns notice, fi, sv, en; a row "privacy": how their answers
  // are used, a row "contact": whom to ask; each in all three languages,
  // at most 2,000 characters). All or nothing: fails with kInvalidInput
  // naming each problem's file, row and column; kNotFound for an unknown
  // round.
  Result<Round> SetNotices(const std::string& round_code, std::string_view csv_text,
                           std::string_view file_name);

  // Fails with kNotFound for an unknown round or form (version),
  // kAlreadyExists if the target group has a questionnaire in the round,
  // kInvalidInput for a target group of one's own without a label.
  Result<QuestionnaireView> AddQuestionnaire(
      const AddQuestionnaireRequest& request);

  // Replaces the round's stages with those of a CSV file (columns stage,
  // name, sections, opens, closes, publishes). All or nothing: fails with
  // kInvalidInput listing every problem (file, row, column): bad dates,
  // dates out of order, sections no form of the round has, a section in
  // two stages, a stage number used twice.
  Result<std::vector<Stage>> SetStages(const std::string& round_code,
                                       std::string_view csv_text,
                                       std::string_view file_name);

  // Fails with kNotFound for an unknown round.
  Result<RoundView> Show(const std::string& round_code);
  std::vector<Round> List() { return store_.ListRounds(); }
  // The rounds of a series, oldest first (rounds::RoundsOfSeries).
  std::vector<Round> RoundsOfSeries(int64_t series_id) {
    return rounds::RoundsOfSeries(store_.ListRounds(), series_id);
  }

 private:
  Result<Round> FindRound(const std::string& code);
  // The section numbers of the round's forms, in order of first appearance.
  std::vector<std::string> Sections(int64_t round_id);

  RoundStore& store_;
  RegistryStore& registry_;
  forms::FormService& forms_;
  const Clock& clock_;
};

}  // namespace kartla::rounds

#endif  // KARTLA_ROUNDS_ROUND_SERVICE_H_
