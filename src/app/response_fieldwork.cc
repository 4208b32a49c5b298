#include "app/response_fieldwork.h"

namespace kartla {

using fieldwork::InvitationStatus;

std::map<std::string, std::string> ResponseFieldwork::PrefillFacts(
    int64_t invitation_id) {
  auto invitation = invitations_.FindById(invitation_id);
  return invitation ? invitations_.PrefillFacts(*invitation)
                    : std::map<std::string, std::string>{};
}

bool ResponseFieldwork::MayAnswer(int64_t invitation_id) {
  auto invitation = invitations_.FindById(invitation_id);
  return invitation && !invitation->revoked;
}

void ResponseFieldwork::RecordStarted(int64_t invitation_id) {
  if (auto invitation = invitations_.FindById(invitation_id)) {
    invitations_.RecordProgress(*invitation, InvitationStatus::kPartial);
  }
}

void ResponseFieldwork::RecordSubmitted(int64_t invitation_id) {
  if (auto invitation = invitations_.FindById(invitation_id)) {
    invitations_.RecordSubmitted(*invitation);
  }
}

void ResponseFieldwork::QueueHandoverRequest(int64_t holder_invitation_id) {
  if (auto holder = invitations_.FindById(holder_invitation_id)) {
    invitations_.QueueHandoverRequest(*holder);
  }
}

void ResponseFieldwork::RecordHandover(int64_t from_invitation_id,
                                       int64_t to_invitation_id) {
  auto from = invitations_.FindById(from_invitation_id);
  auto to = invitations_.FindById(to_invitation_id);
  if (from && to) invitations_.RecordHandover(*from, *to);
}

}  // namespace kartla
