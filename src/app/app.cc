#include "app/app.h"

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/token.h"

namespace kartla {

Result<std::unique_ptr<App>> App::Open(Config config, const Clock& clock,
                                       bool create) {
  auto storage = OpenStorage({.database = config.database, .create = create}, clock);
  if (!storage.ok()) return storage.status();
  return std::unique_ptr<App>(
      new App(std::move(config), clock, std::move(storage).value()));
}

App::App(Config config, const Clock& clock, std::unique_ptr<Storage> storage)
    : config_(std::move(config)),
      clock_(clock),
      storage_(std::move(storage)),
      registry_(storage_->registry(), clock_, config_.size_class_cuts),
      forms_(storage_->forms(), clock_, config_.WorkbookLimits()),
      rounds_(storage_->rounds(), storage_->registry(), forms_, clock_),
      invitations_(storage_->invitations(), storage_->rounds(),
                   storage_->registry(), clock_),
      accounts_(storage_->accounts(), storage_->registry(), clock_),
      contacts_(storage_->contacts(), storage_->registry(), storage_->rounds(),
                clock_),
      retention_(storage_->invitations(), storage_->contacts(), storage_->rounds(), clock_),
      response_fieldwork_(invitations_),
      responses_(storage_->responses(), storage_->rounds(), response_fieldwork_, clock_,
                 {.allow_reopen = config_.server.allow_reopen}) {}

int App::RunRetention() {
  auto done = retention_.RunDue();
  for (const auto& [round, erasure] : done) {
    std::string summary = fmt::format(
        "{} links revoked, {} contacts erased, {} kept for another round, {} messages stopped",
        erasure.links, erasure.contacts, erasure.kept, erasure.messages);
    accounts_.Audit("kartla", "retention.erase", "round " + round, summary);
    spdlog::info("retention: round {}: personal data erased ({})", round, summary);
  }
  return int(done.size());
}

fieldwork::Mailing& App::mailing() {
  std::call_once(mailing_once_, [this] {
    fieldwork::MailingOptions options;
    options.sender = {config_.mail.from, config_.mail.from_name};
    options.public_url = config_.PublicUrl();
    options.key = LoadOrCreateKey(config_.KeyFile());
    options.per_minute = config_.mail.per_minute;
    options.submitted = [this](int64_t invitation_id) {
      auto response = storage_->responses().FindByInvitation(invitation_id);
      return response && response->status == responses::ResponseStatus::kSubmitted;
    };
    mailing_ = std::make_unique<fieldwork::Mailing>(
        storage_->invitations(), storage_->contacts(), storage_->rounds(),
        storage_->registry(), clock_, std::move(options));
  });
  return *mailing_;
}

Result<fieldwork::RoundMonitor> App::Monitor(
    const std::string& round, const std::optional<std::string>& target_group) {
  fieldwork::MonitorInput input;
  auto found = storage_->rounds().FindRound(round);
  if (!found) return Status::NotFound("there is no round " + round);
  input.round = *found;
  input.questionnaires = storage_->rounds().ListQuestionnaires(found->id);
  if (target_group &&
      std::none_of(input.questionnaires.begin(), input.questionnaires.end(),
                   [&](const auto& q) { return q.target_group.code == *target_group; })) {
    return Status::NotFound(
        fmt::format("the round {} has no questionnaire for {}", round, *target_group));
  }
  std::optional<Registry> registry =
      storage_->registry().LoadVersion(RegistryVersionId(found->registry_version_id));
  input.registry = registry ? &*registry : nullptr;
  input.invitations = storage_->invitations().ListForRound(found->id);
  input.outbox = storage_->invitations().ListOutbox(found->id);
  for (const responses::Response& response : storage_->responses().ListForRound(found->id)) {
    fieldwork::Progress progress;
    progress.invitation_id = response.invitation_id;
    progress.submitted = response.status == responses::ResponseStatus::kSubmitted;
    progress.started = response.updated_at != response.started_at;
    progress.submitted_at = response.submitted_at;
    input.progress.push_back(progress);
  }
  return fieldwork::ComputeMonitor(input, target_group);
}

Result<App::QuestionnaireInput> App::FindQuestionnaire(const std::string& round,
                                                       const std::string& target_group) {
  auto found = storage_->rounds().FindRound(round);
  if (!found) return Status::NotFound("there is no round " + round);
  std::optional<rounds::Questionnaire> questionnaire;
  for (const rounds::Questionnaire& q : storage_->rounds().ListQuestionnaires(found->id)) {
    if (q.target_group.code == target_group) questionnaire = q;
  }
  if (!questionnaire) {
    return Status::NotFound(
        fmt::format("the round {} has no questionnaire for {}", round, target_group));
  }
  auto form = forms_.LoadById(questionnaire->form_version_id);
  if (!form.ok()) return form.status();
  auto registry =
      storage_->registry().LoadVersion(RegistryVersionId(found->registry_version_id));
  if (!registry) return Status::NotFound("the round's registry version is missing");
  return QuestionnaireInput{std::move(*found), std::move(*questionnaire),
                            std::move(form).value(), std::move(*registry)};
}

Result<stats::Dataset> App::ResultsDataset(const std::string& round,
                                           const std::string& target_group) {
  auto input = FindQuestionnaire(round, target_group);
  if (!input.ok()) return input.status();
  const rounds::Questionnaire& questionnaire = input->questionnaire;
  std::map<int64_t, const fieldwork::Invitation*> by_id;
  auto invitations = storage_->invitations().ListForRound(input->round.id);
  for (const fieldwork::Invitation& invitation : invitations) by_id[invitation.id] = &invitation;
  auto submitted = storage_->responses().ListSubmitted(questionnaire.id);
  std::vector<std::string> invited;
  for (const fieldwork::Invitation& invitation : invitations) {
    if (invitation.questionnaire_id == questionnaire.id && !invitation.revoked) {
      invited.push_back(invitation.organisation_code);
    }
  }
  std::vector<stats::RespondentAnswers> respondents;
  for (const responses::Response& response : submitted) {
    auto invitation = by_id.find(response.invitation_id);
    if (invitation == by_id.end()) continue;
    respondents.push_back({invitation->second->organisation_code, invitation->second->role,
                           &response.answers});
  }
  stats::Dataset dataset =
      stats::BuildDataset(input->form.form, respondents, input->registry, invited);
  dataset.one_per_organisation =
      questionnaire.policy == rounds::ResponsePolicy::kOnePerOrganisation;
  return dataset;
}

std::unique_ptr<fieldwork::MailTransport> App::MakeMailTransport() const {
  const Config::Mail& mail = config_.mail;
  return fieldwork::MakeSmtpTransport(
      {mail.host, mail.port, mail.security, mail.username, mail.password});
}

std::unique_ptr<fieldwork::SenderLock> App::JoinSenders() {
  auto release = [this] { mailing().ReleaseClaims(); };
  if (auto shared = storage_->JoinSenders(release)) return shared;
  const std::string& database = config_.database;
  if (database.empty() || database == ":memory:") {
    mailing().ReleaseClaims();  // no other process can see this database
    return nullptr;
  }
  return std::make_unique<fieldwork::FileSenderLock>(database + ".senders", release);
}

}  // namespace kartla
