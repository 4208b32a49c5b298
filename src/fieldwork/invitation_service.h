// Issuing invitations and opening sessions from their links.
#ifndef KARTLA_FIELDWORK_INVITATION_SERVICE_H_
#define KARTLA_FIELDWORK_INVITATION_SERVICE_H_

#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "fieldwork/invitation.h"
#include "registry/registry_store.h"
#include "rounds/round_store.h"

namespace kartla::fieldwork {

struct NewInvitation {
  std::string round_code;
  std::string target_group;
  std::string organisation_code;
  std::optional<Lang> language;  // Default: the organisation's main language
  bool test = false;             // a test link (Invitation::test)
};

// Invitations for several organisations to one questionnaire.
struct NewInvitations {
  std::string round_code;
  std::string target_group;
  std::vector<std::string> organisation_codes;
  std::optional<Lang> language;  // Default: each organisation's main language
  bool test = false;             // test links (Invitation::test)
};

struct IssuedInvitation {
  Invitation invitation;
  std::string token;  // shown once, for the link; never stored
};

struct OpenedSession {
  Session session;
  std::string session_id;  // for the cookie; never stored
  Invitation invitation;
};

// Thread-safe if the stores are.
class InvitationService {
 public:
  // All references must outlive the service.
  InvitationService(InvitationStore& store, rounds::RoundStore& rounds,
                    RegistryStore& registry, const Clock& clock)
      : store_(store), rounds_(rounds), registry_(registry), clock_(clock) {}

  // Issues a new invitation. Fails with kNotFound for an unknown round,
  // target group (no questionnaire for it in the round) or organisation
  // (not in the round's registry version).
  Result<IssuedInvitation> Create(const NewInvitation& request);
  // Issues an invitation for each organisation, in the order given, all in
  // one write or none: fails as Create does, naming every organisation that
  // is not in the round's registry version, and then stores nothing.
  Result<std::vector<IssuedInvitation>> Create(const NewInvitations& request);

  // The invitation a link's token belongs to. Fails with kNotFound for an
  // unknown token, kPermissionDenied for a revoked one.
  Result<Invitation> FindByToken(const std::string& token);

  // Opens a session for a valid invitation, lasting `lifetime`, and records
  // the invitation opened (in the same write).
  OpenedSession OpenSession(const Invitation& invitation, Lang language,
                            std::chrono::seconds lifetime);
  // The live session of a cookie value with its invitation; nullopt if
  // there is none or its invitation has been withdrawn.
  std::optional<InvitationStore::LiveSession> FindSession(const std::string& session_id);
  void SetLanguage(const Session& session, Lang lang);

  std::optional<Invitation> FindById(int64_t id) { return store_.FindById(id); }
  // The round's outbox: every message, in the order queued.
  std::vector<OutboxEntry> ListOutbox(int64_t round_id) { return store_.ListOutbox(round_id); }
  // The round's invitations, test links left out.
  std::vector<Invitation> ListForRound(int64_t round_id) {
    return store_.ListForRound(round_id);
  }
  std::vector<Invitation> ListTestLinks(int64_t round_id) {
    return store_.ListTestLinks(round_id);
  }
  int DeleteTestLinks(int64_t round_id) { return store_.DeleteTestLinks(round_id); }

  // Records that the respondent of `invitation` reached `status` (opened,
  // partial, submitted), if that is news: a write only the first time.
  void RecordProgress(const Invitation& invitation, InvitationStatus status);
  // Records the invitation submitted and queues the thank-you mail (if it
  // was mailed to a contact), in one write.
  void RecordSubmitted(const Invitation& invitation);
  // Queues a message asking the holder of a shared response whether a
  // colleague may take it over; nothing for a link made without a contact.
  void QueueHandoverRequest(const Invitation& holder);
  // Records that `from` handed its response over to `to`: `from`'s link is
  // withdrawn and its sessions end.
  void RecordHandover(const Invitation& from, const Invitation& to);

  // What an invitation tells of its respondent, by the names a form's
  // kartla::prefill column uses: organisation_code, kind, region,
  // size_class, language (the organisation's categories in the round's
  // registry version) and role. Values that are not known are left out.
  std::map<std::string, std::string> PrefillFacts(const Invitation& invitation);
  // The same from `registry`, the round's registry version, already loaded
  // (for many invitations at once).
  static std::map<std::string, std::string> PrefillFacts(const Invitation& invitation,
                                                         const Registry& registry);

 private:
  InvitationStore& store_;
  rounds::RoundStore& rounds_;
  RegistryStore& registry_;
  const Clock& clock_;
};

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_INVITATION_SERVICE_H_
