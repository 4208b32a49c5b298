// Personal data has an end: a round's contacts are erased and its links
// revoked on the day the survey team set (the retention policy,
// docs/fieldwork.md), and one person can be erased on request. The
// responses stay, tied to their organisations, so the round's figures,
// releases and microdata do not change.
#ifndef KARTLA_FIELDWORK_RETENTION_H_
#define KARTLA_FIELDWORK_RETENTION_H_

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "fieldwork/contact.h"
#include "fieldwork/invitation.h"
#include "rounds/round_store.h"

namespace kartla::fieldwork {

// What an erasure did.
struct Erasure {
  int links = 0;     // links that stopped working
  int contacts = 0;  // contacts erased
  // Contacts of the round kept because another round still needs them
  // (one without a day of erasure, or whose day has not come).
  int kept = 0;
  int messages = 0;  // messages not yet sent that were stopped
};

// Thread-safe if the stores are.
class Retention {
 public:
  // All references must outlive the object.
  Retention(InvitationStore& invitations, ContactStore& contacts, rounds::RoundStore& rounds,
            const Clock& clock)
      : invitations_(invitations), contacts_(contacts), rounds_(rounds), clock_(clock) {}

  // The first day the round's personal data may be erased: after today
  // and after its last stage closes (answers are given until then).
  // kNotFound for an unknown round.
  Result<Date> FirstEraseDay(const std::string& round_code);
  // Sets the day the round's personal data is erased, or clears it
  // (nullopt). Fails with kNotFound for an unknown round, and with
  // kInvalidInput for a day before FirstEraseDay.
  Status SetEraseDay(const std::string& round_code, std::optional<Date> day);

  // Erases the round's personal data now: every link of the round stops
  // working, and each contact invited in it is erased unless another round
  // still needs them. Records the round erased. kNotFound for an unknown
  // round.
  Result<Erasure> EraseRound(const std::string& round_code);
  // Erases one person on request: their contact, and the links of every
  // invitation they hold in any round. kNotFound for an unknown contact.
  Result<Erasure> ErasePerson(int64_t contact_id);

  // Erases every round whose day has come and that is not erased yet (the
  // server does this daily); returns each such round's code and erasure.
  std::vector<std::pair<std::string, Erasure>> RunDue();

 private:
  Erasure EraseRoundNow(const rounds::Round& round);

  InvitationStore& invitations_;
  ContactStore& contacts_;
  rounds::RoundStore& rounds_;
  const Clock& clock_;
};

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_RETENTION_H_
