#include "fieldwork/invitation_service.h"

#include <fmt/format.h>

#include "core/token.h"

namespace kartla::fieldwork {

Result<IssuedInvitation> InvitationService::Create(const NewInvitation& request) {
  auto issued = Create(NewInvitations{request.round_code, request.target_group,
                                      {request.organisation_code}, request.language,
                                      request.test});
  if (!issued.ok()) return issued.status();
  return std::move(issued->front());
}

Result<std::vector<IssuedInvitation>> InvitationService::Create(
    const NewInvitations& request) {
  auto round = rounds_.FindRound(request.round_code);
  if (!round) {
    return Status::NotFound(fmt::format("there is no round {}", request.round_code));
  }
  std::optional<rounds::Questionnaire> questionnaire;
  for (const rounds::Questionnaire& q : rounds_.ListQuestionnaires(round->id)) {
    if (q.target_group.code == request.target_group) questionnaire = q;
  }
  if (!questionnaire) {
    return Status::NotFound(fmt::format(
        "round {} has no questionnaire for target group {}", round->code,
        request.target_group));
  }
  auto registry = registry_.LoadShared(RegistryVersionId(round->registry_version_id));
  std::vector<const Organisation*> organisations;
  std::vector<std::string> unknown;
  for (const std::string& code : request.organisation_codes) {
    const Organisation* org = registry ? registry->Find(code) : nullptr;
    if (org == nullptr) unknown.push_back(code);
    organisations.push_back(org);
  }
  if (!unknown.empty()) {
    return Status::NotFound(fmt::format(
        "there {} {} in the registry version of round {}; no invitation was created",
        unknown.size() == 1 ? "is no organisation" : "are no organisations",
        fmt::join(unknown, ", "), round->code));
  }
  const TimePoint now = std::chrono::floor<std::chrono::seconds>(clock_.Now());
  std::vector<IssuedInvitation> issued(organisations.size());
  std::vector<Invitation> invitations;
  invitations.reserve(organisations.size());
  for (size_t i = 0; i < organisations.size(); ++i) {
    const Organisation& org = *organisations[i];
    issued[i].token = NewToken();
    Invitation& invitation = invitations.emplace_back();
    invitation.token_hash = HashToken(issued[i].token);
    invitation.round_id = round->id;
    invitation.questionnaire_id = questionnaire->id;
    invitation.organisation_code = org.code;
    invitation.role = request.target_group;
    invitation.language = request.language.value_or(org.MainLanguage());
    invitation.created_at = now;
    invitation.test = request.test;
  }
  store_.Create(invitations);
  for (size_t i = 0; i < issued.size(); ++i) issued[i].invitation = std::move(invitations[i]);
  return issued;
}

Result<Invitation> InvitationService::FindByToken(const std::string& token) {
  auto invitation = store_.FindByTokenHash(HashToken(token));
  if (!invitation) return Status::NotFound("there is no invitation with this link");
  if (invitation->revoked) {
    return Status::PermissionDenied("this link has been withdrawn");
  }
  return *invitation;
}

OpenedSession InvitationService::OpenSession(const Invitation& invitation,
                                             Lang language,
                                             std::chrono::seconds lifetime) {
  OpenedSession opened;
  opened.session_id = NewToken();
  opened.invitation = invitation;
  Session& session = opened.session;
  session.id_hash = HashToken(opened.session_id);
  session.invitation_id = invitation.id;
  session.csrf_token = NewToken();
  session.language = language;
  session.created_at = std::chrono::floor<std::chrono::seconds>(clock_.Now());
  session.expires_at = session.created_at + lifetime;
  store_.CreateSession(session, StatusMayChange(invitation.status, InvitationStatus::kOpened));
  return opened;
}

std::map<std::string, std::string> InvitationService::PrefillFacts(
    const Invitation& invitation) {
  std::optional<rounds::Round> round = rounds_.FindRoundById(invitation.round_id);
  const std::shared_ptr<const Registry> registry =
      round ? registry_.LoadShared(RegistryVersionId(round->registry_version_id)) : nullptr;
  if (!registry) {
    return {{"organisation_code", invitation.organisation_code}, {"role", invitation.role}};
  }
  return PrefillFacts(invitation, *registry);
}

std::map<std::string, std::string> InvitationService::PrefillFacts(const Invitation& invitation,
                                                                   const Registry& registry) {
  std::map<std::string, std::string> facts{
      {"organisation_code", invitation.organisation_code}, {"role", invitation.role}};
  const Organisation* org = registry.Find(invitation.organisation_code);
  if (org == nullptr) return facts;
  facts["kind"] = std::string(KindCode(org->kind));
  if (auto population = org->NumberAttribute("population")) {
    facts["population"] = fmt::format("{:g}", *population);
  }
  for (const char* dimension : {"region", "size_class", "language"}) {
    const Dimension* d = registry.FindDimension(dimension);
    if (auto category = d ? d->Classify(*org) : std::nullopt) {
      facts[dimension] = *category;
    }
  }
  return facts;
}

std::optional<InvitationStore::LiveSession> InvitationService::FindSession(
    const std::string& session_id) {
  if (session_id.empty()) return std::nullopt;
  auto live = store_.FindSession(HashToken(session_id), clock_.Now());
  if (!live || live->invitation.revoked) return std::nullopt;
  return live;
}

void InvitationService::RecordProgress(const Invitation& invitation,
                                       InvitationStatus status) {
  if (!StatusMayChange(invitation.status, status)) return;
  store_.RecordStatus(invitation.id, status, clock_.Now(), "");
}

void InvitationService::RecordSubmitted(const Invitation& invitation) {
  store_.RecordSubmitted(invitation.id, clock_.Now(), invitation.contact_id != 0);
}

void InvitationService::QueueHandoverRequest(const Invitation& holder) {
  if (holder.contact_id == 0) return;
  store_.Enqueue({holder.id}, MailKind::kHandover, clock_.Now());
}

void InvitationService::RecordHandover(const Invitation& from, const Invitation& to) {
  store_.RecordStatus(from.id, InvitationStatus::kRevoked, clock_.Now(),
                      fmt::format("handed over to invitation {}", to.id));
  RecordProgress(to, InvitationStatus::kPartial);
}

void InvitationService::SetLanguage(const Session& session, Lang lang) {
  store_.SetSessionLanguage(session.id_hash, lang);
}

}  // namespace kartla::fieldwork
