// Inviting contacts by mail, reminding them, and sending the outbox.
#ifndef KARTLA_FIELDWORK_MAILING_H_
#define KARTLA_FIELDWORK_MAILING_H_

#include <array>
#include <chrono>
#include <functional>
#include <optional>
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

// Who an invitation to a target group would go to (Mailing::PlanInvitations),
// before anything is stored: the confirmation's figures.
struct InvitePlan {
  InviteSummary summary;        // what InviteContacts would do now
  // The new invitations by the contact's language, as kAllLangs orders
  // them (a contact's language is one of the three).
  std::array<int, kAllLangs.size()> by_lang{};
};

// What is wrong with a mail text the team wrote (Mailing::SaveMailText):
// which field and what; `piece` is the wrong placeholder.
struct MailTextProblem {
  enum Kind {
    kNone,
    kSubjectEmpty,
    kSubjectTooLong,  // over kMaxMailSubject bytes
    kSubjectLines,    // a line break in a subject
    kBodyEmpty,
    kBodyTooLong,  // over kMaxMailBody bytes
    kPlaceholder,  // `piece` is no placeholder
    kKind,         // no text of this kind is written by the team
  } kind = kNone;
  bool in_subject = false;
  std::string piece;
};
inline constexpr size_t kMaxMailSubject = 200;
inline constexpr size_t kMaxMailBody = 5000;
// The kinds of message whose wording a round may have of its own.
inline constexpr MailKind kWrittenMailKinds[] = {MailKind::kInvitation, MailKind::kReminder,
                                                 MailKind::kThanks};
MailTextProblem CheckMailText(const MailText& text);

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

  // The same without storing anything: how many would be invited, and in
  // which languages.
  Result<InvitePlan> PlanInvitations(const std::string& round_code,
                                     const std::string& target_group,
                                     const std::vector<std::string>& organisation_codes);

  // The message of `kind` as contact `contact_id` gets it from the round
  // (the round's own wording, if it has one), in `lang` if given, else the
  // contact's language; its link is a made-up one that opens nothing.
  // Fails with kNotFound for an unknown round or contact, or a contact of
  // no target group of the round.
  Result<ComposedMail> Preview(const std::string& round_code, MailKind kind,
                               int64_t contact_id, std::optional<Lang> lang);
  // Sends that message at once to `address` instead, its subject marked
  // as a test, through `transport`. Fails as Preview does, with
  // kInvalidInput for an implausible address, and kUnavailable with the
  // mail server's answer if it did not take the message.
  Status SendTest(const std::string& round_code, MailKind kind, int64_t contact_id,
                  std::optional<Lang> lang, const std::string& address,
                  MailTransport& transport);
  // Mails a member of staff (`name`, in `lang`) at `address` the link
  // PUBLIC_URL/admin/password/TOKEN to set a password, at once through
  // `transport`. Fails with kInvalidInput for an implausible address,
  // kUnavailable with the mail server's answer if it did not take it.
  Status SendPasswordLink(const std::string& name, const std::string& address, Lang lang,
                          const std::string& token, MailTransport& transport);
  // The round's own mail texts; empty for an unknown round.
  std::vector<MailText> MailTexts(const std::string& round_code);
  // Stores the round's own wording of text.kind in text.lang once
  // CheckMailText finds nothing wrong (else the problem, nothing stored).
  // Fails with kNotFound for an unknown round.
  Result<MailTextProblem> SaveMailText(const std::string& round_code, const MailText& text);
  // Goes back to the catalogue's wording. Fails with kNotFound for an
  // unknown round or a text the round does not have.
  Status RemoveMailText(const std::string& round_code, MailKind kind, Lang lang);

  // Whom the messages are from.
  const MailSender& sender() const { return options_.sender; }

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
  // Gives an addressed invitation its new link.
  void Seal(Invitation& invitation) const;

  // What the message of `entry` says; nullopt if its invitation, contact or
  // round is gone.
  std::optional<MailFacts> FactsFor(const OutboxEntry& entry);
  // What a message of `kind` to `contact` about the round's questionnaire
  // says in `lang`, except its link.
  MailFacts FactsOf(const rounds::Round& round, int64_t questionnaire_id,
                    const std::string& organisation_code, const Contact& contact,
                    MailKind kind, Lang lang);
  // What the round's message of `kind` to the contact says, with a
  // made-up link (Preview, SendTest).
  Result<MailFacts> ContactFacts(const std::string& round_code, MailKind kind,
                                 int64_t contact_id, std::optional<Lang> lang);
  // The contacts a new invitation would go to, or why none can.
  Result<std::pair<InvitePlan, std::vector<Invitation>>> Planned(
      const std::string& round_code, const std::string& target_group,
      const std::vector<std::string>& organisation_codes);

  InvitationStore& invitations_;
  ContactStore& contacts_;
  rounds::RoundStore& rounds_;
  RegistryStore& registry_;
  const Clock& clock_;
  const MailingOptions options_;
};

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_MAILING_H_
