// Invitations: a personal link to one questionnaire for one organisation,
// carrying an unguessable token, and the browser sessions a link opens.
#ifndef KARTLA_FIELDWORK_INVITATION_H_
#define KARTLA_FIELDWORK_INVITATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/text.h"

namespace kartla::fieldwork {

struct Invitation {
  int64_t id = 0;
  std::string token_hash;  // HashToken of the token; the token is not kept
  int64_t round_id = 0;
  int64_t questionnaire_id = 0;
  std::string organisation_code;
  std::string role;  // the target group's code, or the contact's role
  Lang language = Lang::kFi;
  bool revoked = false;
  TimePoint created_at;
};

// A browser's session, opened by following an invitation link, so that the
// token does not stay in the address bar. Only the session id's hash is
// stored.
struct Session {
  std::string id_hash;
  int64_t invitation_id = 0;
  std::string csrf_token;  // sent with every form that changes state
  Lang language = Lang::kFi;
  TimePoint created_at;
  TimePoint expires_at;
};

// Every method is thread-safe and returns once its change is durable.
class InvitationStore {
 public:
  virtual ~InvitationStore() = default;
  // Sets invitation.id.
  virtual void Create(Invitation& invitation) = 0;
  virtual std::optional<Invitation> FindByTokenHash(const std::string& hash) = 0;
  virtual std::optional<Invitation> FindById(int64_t id) = 0;
  virtual std::vector<Invitation> ListForRound(int64_t round_id) = 0;
  virtual void Revoke(int64_t id) = 0;

  virtual void CreateSession(const Session& session) = 0;
  // The session, if it exists and has not expired at `now`, with its
  // invitation, read together.
  struct LiveSession {
    Session session;
    Invitation invitation;
  };
  virtual std::optional<LiveSession> FindSession(const std::string& id_hash,
                                                 TimePoint now) = 0;
  virtual void SetSessionLanguage(const std::string& id_hash, Lang lang) = 0;
};

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_INVITATION_H_
