// Inviting contacts by mail, reminding them, and sending the outbox.
#ifndef KARTLA_FIELDWORK_MAILING_H_
#define KARTLA_FIELDWORK_MAILING_H_

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "fieldwork/contact.h"
#include "fieldwork/invitation.h"
#include "fieldwork/mail.h"
#include "registry/registry_store.h"
#include "rounds/round_store.h"

namespace kartla::fieldwork {

struct MailingOptions {
  MailSender sender;
  std::string public_url = "http://127.0.0.1:8080";  // links start with it
  std::string key;          // the secret links are derived with (32 bytes)
  int per_minute = 600;     // the most messages sent a minute
  int max_attempts = 8;     // then a message counts as failed
  // Whether an invitation's response has been submitted. Default: none has.
  std::function<bool(int64_t invitation_id)> submitted;
};

struct InviteSummary {
  int invited = 0;          // new invitations queued for mail
  int already = 0;          // contacts invited before to this questionnaire
  int not_in_registry = 0;  // contacts of organisations outside the round
};

// A message a reminder would go out as, for the preview.
struct ReminderPreview {
  Invitation invitation;
  Contact contact;
};

struct SendCounts {
  int sent = 0;
  int retried = 0;
  int failed = 0;
  // Why the mail server could not be reached, if it could not: the pass
  // then stopped, the message tried postponed by kUnreachablePause.
  std::string unreachable;
};

// How long the outbox waits after the mail server could not be reached.
inline constexpr std::chrono::minutes kUnreachablePause{1};

// Thread-safe if the stores are, except SendDue, which one thread runs.
class Mailing {
 public:
  // All references must outlive the object.
  Mailing(InvitationStore& invitations, ContactStore& contacts,
          rounds::RoundStore& rounds, RegistryStore& registry, const Clock& clock,
          MailingOptions options)
      : invitations_(invitations),
        contacts_(contacts),
        rounds_(rounds),
        registry_(registry),
        clock_(clock),
        options_(std::move(options)) {}

  // Invites every contact whose role is `target_group` (those of
  // `organisation_codes` only, if not empty) to the round's questionnaire
  // for that group, the invitations and their mails stored in one write.
  // Fails with kNotFound for an unknown round or target group.
  Result<InviteSummary> InviteContacts(const std::string& round_code,
                                       const std::string& target_group,
                                       const std::vector<std::string>& organisation_codes);

  // The personal link of a mailed invitation, as its messages carry it.
  std::string LinkOf(const Invitation& invitation) const;

  // Passes an invitation on to another contact of the same organisation, as
  // a coordinator does when the questionnaire belongs to someone else: a new
  // invitation with a new link is mailed to `contact_id` and the old one
  // revoked. Fails with kNotFound, kInvalidInput (a contact of another
  // organisation) or kFailedPrecondition (revoked or answered already).
  Result<Invitation> Forward(int64_t invitation_id, int64_t contact_id);
  // Withdraws an invitation: its link stops working. Fails with kNotFound.
  Status Revoke(int64_t invitation_id);
  // Sends a failed message again (the outbox page's "Send again"): queued
  // at once with its attempts counted anew. Fails with kNotFound if
  // `outbox_id` is no failed message of round `round_id`.
  Status Retry(int64_t round_id, int64_t outbox_id);

  // Who a reminder would go to: mailed invitations of the round not yet
  // submitted (and, if `unopened_only`, not yet opened), never declined,
  // revoked or bounced ones.
  std::vector<ReminderPreview> ReminderRecipients(const std::string& round_code,
                                                  bool unopened_only);
  // Queues a reminder to each of them, together.
  void QueueReminders(const std::vector<ReminderPreview>& recipients);

  // Plans reminders to the round's recipients for `send_on` (sent by
  // RunDueReminders on or after that day). Fails with kNotFound for an
  // unknown round, kInvalidInput for a day already past.
  Result<ScheduledReminder> ScheduleReminders(const std::string& round_code, Date send_on,
                                              bool unopened_only, const std::string& by);
  // The round's planned reminders, by date; empty for an unknown round.
  std::vector<ScheduledReminder> ScheduledReminders(const std::string& round_code);
  // How a round's messages stand: waiting (due, or being sent, or to be
  // tried again), sent, and failed for good.
  struct OutboxCounts {
    int waiting = 0;
    int sent = 0;
    int failed = 0;
  };
  OutboxCounts CountOutbox(const std::string& round_code);
  // Queues the planned reminders whose day has come, each exactly once,
  // to the recipients of that moment. Returns how many messages it queued.
  int RunDueReminders();

  // Sends due messages through `transport` until none is due or
  // `keep_going` says stop, at most options.per_minute a minute. Each is
  // claimed first (so that senders working at once never send the same
  // one), and recorded as sent once the server has accepted it; one that
  // fails is tried again later with growing pauses, and after max_attempts,
  // or at once if refused for good, is recorded as failed and its
  // invitation as bounced. A mail server that cannot be reached stops the
  // pass without counting an attempt against any message (an outage of a
  // day bounces nothing). A message claimed by a sender that stopped is
  // sent again (at least once, never lost): at once after ReleaseClaims,
  // otherwise when its claim runs out.
  //
  // The one window for a duplicate: a sender that stops after the server
  // received the message's end-of-data mark and before the record.
  SendCounts SendDue(MailTransport& transport, const std::function<bool()>& keep_going);
  // Makes the messages that stopped senders were sending pending again,
  // due now; only for a sender that holds its SenderLock alone. Returns
  // how many.
  int ReleaseClaims();

 private:
  // Addresses `invitation` (round, questionnaire and role set) to
  // `contact`, with a new link.
  void AddressTo(Invitation& invitation, const Contact& contact) const;

  // What the message of `entry` says; nullopt if its invitation, contact or
  // round is gone.
  std::optional<MailFacts> FactsFor(const OutboxEntry& entry);

  InvitationStore& invitations_;
  ContactStore& contacts_;
  rounds::RoundStore& rounds_;
  RegistryStore& registry_;
  const Clock& clock_;
  const MailingOptions options_;
};

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_MAILING_H_
