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

// Where an invitation stands. The response adds partial (a draft saved)
// and submitted; the invitation's own record holds the rest.
enum class InvitationStatus {
  kCreated,
  kSent,
  kBounced,
  kOpened,
  kPartial,
  kSubmitted,
  kDeclined,
  kRevoked,
};
std::string_view StatusCode(InvitationStatus status);  // "created", ...
std::optional<InvitationStatus> ParseStatus(std::string_view code);
// Whether a recorded status may give way to `to`: progress (created, sent,
// opened, partial, submitted) only moves forward and overrides a bounce; a
// revoked invitation stays revoked; declining is possible until submitted.
bool StatusMayChange(InvitationStatus from, InvitationStatus to);

// kHandover asks the holder of a shared response whether a colleague may
// take it over; kPassword mails a member of staff a link to set a password
// (sent at once, never through the outbox).
enum class MailKind { kInvitation, kReminder, kThanks, kHandover, kPassword };
std::string_view MailKindCode(MailKind kind);  // "invitation", ...
std::optional<MailKind> ParseMailKind(std::string_view code);

// A message in the outbox. Its text is made when it is sent, from the
// invitation; the link's token is derived from the invitation's nonce.
struct OutboxEntry {
  int64_t id = 0;
  int64_t invitation_id = 0;
  MailKind kind = MailKind::kInvitation;
  std::string state;  // pending, sending (claimed by a sender), sent, failed
  int attempts = 0;
  TimePoint next_attempt_at;
  // The mail server's last answer: the refusal of a failed attempt, or its
  // acceptance of the message once sent (the column is last_error).
  std::string last_error;
  TimePoint created_at;
  std::optional<TimePoint> sent_at;
};

// A round's own wording of one kind of message in one language, written
// by the survey team: the subject and the text that opens the message (the
// greeting, the link, the deadline and the signature stay the catalogue's).
// Both may name the message's facts as {name}, {organisation}, {survey}
// and {closes} (see mail.h).
struct MailText {
  MailKind kind = MailKind::kInvitation;
  Lang lang = Lang::kFi;
  std::string subject;
  std::string body;
  std::string updated_by;
  TimePoint updated_at;
};

// What an erased invitation's token hash starts with (InvitationStore::
// Erase): no hash (hex) does, so no link opens it.
inline constexpr std::string_view kErasedToken = "erased-";

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
  int64_t contact_id = 0;   // 0: a link made by `kartla invite create`
  std::string link_nonce;   // a mailed link's token is derived from it
  InvitationStatus status = InvitationStatus::kCreated;
  // A test link of the survey team: its answers are never counted,
  // exported or published, and it is in no list of the round's invitations.
  bool test = false;
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

// Reminders to a round planned for a date.
struct ScheduledReminder {
  int64_t id = 0;
  int64_t round_id = 0;
  Date send_on{2000, 1, 1};
  bool unopened_only = false;  // only those who have not opened their link
  std::string created_by;
  TimePoint created_at;
  std::optional<TimePoint> done_at;  // when its reminders were queued
  int reminded = 0;                  // how many
};

// Every method is thread-safe and returns once its change is durable.
class InvitationStore {
 public:
  virtual ~InvitationStore() = default;
  // Stores every invitation in one write (all or none); sets their ids.
  virtual void Create(std::vector<Invitation>& invitations) = 0;
  virtual std::optional<Invitation> FindByTokenHash(const std::string& hash) = 0;
  virtual std::optional<Invitation> FindById(int64_t id) = 0;
  // The round's invitations, test links left out.
  virtual std::vector<Invitation> ListForRound(int64_t round_id) = 0;
  // The round's test links, in the order made.
  virtual std::vector<Invitation> ListTestLinks(int64_t round_id) = 0;
  // Deletes the round's test links with everything they made (sessions,
  // responses and their answers) in one write; how many links went.
  virtual int DeleteTestLinks(int64_t round_id) = 0;
  // The organisations invited to a questionnaire by a link not revoked
  // (test links left out), each once, in order.
  virtual std::vector<std::string> InvitedOrganisations(int64_t questionnaire_id) = 0;

  // Stores a new session; with `opened`, records in the same write that its
  // invitation was opened (InvitationStatus::kOpened at the session's
  // start, if the status may change so).
  virtual void CreateSession(const Session& session, bool opened) = 0;
  // The session, if it exists and has not expired at `now`, with its
  // invitation, read together.
  struct LiveSession {
    Session session;
    Invitation invitation;
  };
  virtual std::optional<LiveSession> FindSession(const std::string& id_hash,
                                                 TimePoint now) = 0;
  virtual void SetSessionLanguage(const std::string& id_hash, Lang lang) = 0;

  // Records a status (and its event) if StatusMayChange allows it.
  virtual void RecordStatus(int64_t invitation_id, InvitationStatus status,
                            TimePoint at, const std::string& detail) = 0;
  // Records the invitation submitted (if StatusMayChange allows it) and,
  // with `thank`, queues its thank-you mail, in one write.
  virtual void RecordSubmitted(int64_t invitation_id, TimePoint at, bool thank) = 0;
  // The invitations and each one's first mail, all together. Sets their ids.
  virtual void CreateMailed(std::vector<Invitation>& invitations, TimePoint now) = 0;
  // Queues a message for each invitation, together.
  virtual void Enqueue(const std::vector<int64_t>& invitation_ids, MailKind kind,
                       TimePoint now) = 0;
  // Claims the message due first at `now` for one sender until `until`:
  // a pending one, or one whose claim ran out (its sender stopped while
  // sending it; its last_error then says so). Its state becomes "sending";
  // the entry returned has the state it had. Two senders never claim the
  // same message at once.
  virtual std::optional<OutboxEntry> ClaimDue(TimePoint now, TimePoint until) = 0;
  // Makes every claimed message pending again, due at `now`, saying that it
  // was being sent when its sender stopped. Only for a sender that knows it
  // is the only one (SenderLock). Returns how many there were.
  virtual int ReleaseClaims(TimePoint now) = 0;
  // The server accepted a claimed message with `answer`: marks it sent (the
  // answer kept as its last) and an invitation mail's invitation sent.
  virtual void MarkSent(const OutboxEntry& entry, TimePoint at, const std::string& answer) = 0;
  // A claimed message failed for now: try again at `next`.
  virtual void MarkRetry(const OutboxEntry& entry, TimePoint next,
                         const std::string& error) = 0;
  // A claimed message was not tried (the mail server could not be
  // reached): pending again at `next`, no attempt counted.
  virtual void Postpone(const OutboxEntry& entry, TimePoint next,
                        const std::string& error) = 0;
  // A claimed message failed for good: marks it failed and its invitation
  // bounced.
  virtual void MarkFailed(const OutboxEntry& entry, TimePoint at,
                          const std::string& error) = 0;
  // The outbox entries of a round's invitations.
  virtual std::vector<OutboxEntry> ListOutbox(int64_t round_id) = 0;
  // Puts a failed message back in the queue, due at `now`, with its
  // attempts counted anew (its last error kept until the next attempt);
  // false if there is no such failed message.
  virtual bool Requeue(int64_t outbox_id, TimePoint now) = 0;

  // A round's own mail texts, by kind and language.
  virtual std::vector<MailText> ListMailTexts(int64_t round_id) = 0;
  // Stores the round's text of text.kind in text.lang, replacing any.
  virtual void SaveMailText(int64_t round_id, const MailText& text) = 0;
  // Goes back to the catalogue's wording; false if there was no own text.
  virtual bool RemoveMailText(int64_t round_id, MailKind kind, Lang lang) = 0;

  // Erases personal data in one write. The links of `invitations` stop
  // working (their token hashes are replaced, their sessions end), their
  // messages not yet sent are withdrawn (they leave the outbox; a sender
  // holding one records nothing), and the mail server's answers kept
  // with any of their messages (which may quote an address) are cleared;
  // their statuses and responses stay, so that the round's figures do not
  // change. Then `contacts` are deleted, every invitation of theirs (in
  // any round) keeping its organisation without them. Each invitation's
  // history records the erasure. Returns how many messages were stopped.
  virtual int Erase(const std::vector<int64_t>& invitations,
                    const std::vector<int64_t>& contacts, TimePoint now) = 0;

  // Sets reminder.id.
  virtual void AddSchedule(ScheduledReminder& reminder) = 0;
  // A round's planned reminders, by date.
  virtual std::vector<ScheduledReminder> ListSchedule(int64_t round_id) = 0;
  // The reminders not yet done whose date is `today` or earlier, of every round.
  virtual std::vector<ScheduledReminder> DueSchedule(Date today) = 0;
  // Marks planned reminder `id` done and queues a reminder for each of
  // `invitation_ids`, together; false (and nothing queued) if it was done
  // already.
  virtual bool RunSchedule(int64_t id, const std::vector<int64_t>& invitation_ids,
                           TimePoint now) = 0;
};

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_INVITATION_H_
