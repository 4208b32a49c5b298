// What answering needs of the fieldwork (responses::Fieldwork), over the
// invitations: built by the App for its ResponseService.
#ifndef KARTLA_APP_RESPONSE_FIELDWORK_H_
#define KARTLA_APP_RESPONSE_FIELDWORK_H_

#include <cstdint>
#include <map>
#include <string>

#include "fieldwork/invitation_service.h"
#include "responses/response_service.h"

namespace kartla {

class ResponseFieldwork : public responses::Fieldwork {
 public:
  // `invitations` must outlive it.
  explicit ResponseFieldwork(fieldwork::InvitationService& invitations)
      : invitations_(invitations) {}

  std::map<std::string, std::string> PrefillFacts(
      int64_t invitation_id) override;
  bool MayAnswer(int64_t invitation_id) override;
  void RecordStarted(int64_t invitation_id) override;
  void RecordSubmitted(int64_t invitation_id) override;
  void QueueHandoverRequest(int64_t holder_invitation_id) override;
  void RecordHandover(int64_t from_invitation_id,
                      int64_t to_invitation_id) override;

 private:
  fieldwork::InvitationService& invitations_;
};

}  // namespace kartla

#endif  // KARTLA_APP_RESPONSE_FIELDWORK_H_
