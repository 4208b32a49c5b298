#include "storage/sql/sql_invitation_store.h"

#include <fmt/format.h>

#include "core/system_error.h"

namespace kartla::sql {
namespace {

using fieldwork::Invitation;
using fieldwork::InvitationStatus;
using fieldwork::MailKind;
using fieldwork::OutboxEntry;
using fieldwork::Session;

const std::string kSelect =
    "SELECT i.id, i.token_hash, i.round_id, i.questionnaire_id,"
    " i.organisation_code, i.role, i.language, i.revoked, i.created_at,"
    " i.contact_id, i.link_nonce, i.status, i.test";
constexpr int kInvitationColumns = 13;
const std::string kColumns = kSelect + " FROM invitations i ";
const std::string kSessionColumns =
    kSelect + ", s.csrf_token, s.language, s.created_at, s.expires_at"
              " FROM sessions s JOIN invitations i ON i.id = s.invitation_id";

// A session may be in any language of its questionnaire ("se").
Lang ReadLang(const Row& row, int column) {
  return LanguageOfTag(row.Text(column)).value_or(Lang::kFi);
}

Invitation ReadInvitation(const Row& row) {
  Invitation invitation;
  invitation.id = row.Int(0);
  invitation.token_hash = row.Text(1);
  invitation.round_id = row.Int(2);
  invitation.questionnaire_id = row.Int(3);
  invitation.organisation_code = row.Text(4);
  invitation.role = row.Text(5);
  invitation.language = ReadLang(row, 6);
  invitation.revoked = row.Int(7) != 0;
  invitation.created_at = row.Timestamp(8);
  invitation.contact_id = row.IsNull(9) ? 0 : row.Int(9);
  invitation.link_nonce = row.Text(10);
  invitation.status =
      fieldwork::ParseStatus(row.Text(11)).value_or(fieldwork::InvitationStatus::kCreated);
  invitation.test = row.Int(12) != 0;
  return invitation;
}

std::optional<Invitation> QueryOne(Database& database, std::string_view where,
                                   Value param) {
  return database.ReadValue([&](Connection& c) {
    std::optional<Invitation> found;
    c.Query(kColumns + std::string(where), {param},
            [&found](const Row& row) { found = ReadInvitation(row); });
    return found;
  });
}

void InsertInvitation(Connection& c, Invitation& invitation) {
  c.Query("INSERT INTO invitations (token_hash, round_id, questionnaire_id,"
          " organisation_code, role, language, revoked, created_at, contact_id,"
          " link_nonce, status, status_at, test)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?) RETURNING id",
          {invitation.token_hash, invitation.round_id, invitation.questionnaire_id,
           invitation.organisation_code, invitation.role,
           std::string(LangCode(invitation.language)), int64_t(invitation.revoked),
           FormatTimestamp(invitation.created_at), invitation.contact_id,
           invitation.link_nonce,
           std::string(fieldwork::StatusCode(invitation.status)),
           FormatTimestamp(invitation.created_at), int64_t(invitation.test)},
          [&invitation](const Row& row) { invitation.id = row.Int(0); });
  c.Execute("INSERT INTO invitation_events (invitation_id, status, at, detail)"
            " VALUES (?, ?, ?, '')",
            {invitation.id, std::string(fieldwork::StatusCode(invitation.status)),
             FormatTimestamp(invitation.created_at)});
}

void InsertOutbox(Connection& c, int64_t invitation_id, MailKind kind, TimePoint now) {
  c.Execute("INSERT INTO outbox (invitation_id, kind, state, attempts,"
            " next_attempt_at, last_error, created_at)"
            " VALUES (?, ?, 'pending', 0, ?, '', ?)",
            {invitation_id, std::string(fieldwork::MailKindCode(kind)), FormatTimestamp(now),
             FormatTimestamp(now)});
}

// Records `status` on the invitation if its current one may give way.
void UpdateStatus(Connection& c, int64_t invitation_id, InvitationStatus status,
                  TimePoint at, const std::string& detail) {
  std::optional<InvitationStatus> current;
  c.Query("SELECT status FROM invitations WHERE id = ?", {invitation_id},
          [&current](const Row& row) { current = fieldwork::ParseStatus(row.Text(0)); });
  if (!current || !fieldwork::StatusMayChange(*current, status)) return;
  c.Execute("UPDATE invitations SET status = ?, status_at = ?, revoked = ? WHERE id = ?",
            {std::string(fieldwork::StatusCode(status)), FormatTimestamp(at),
             int64_t(status == InvitationStatus::kRevoked), invitation_id});
  c.Execute("INSERT INTO invitation_events (invitation_id, status, at, detail)"
            " VALUES (?, ?, ?, ?)",
            {invitation_id, std::string(fieldwork::StatusCode(status)), FormatTimestamp(at), detail});
}

OutboxEntry ReadOutbox(const Row& row) {
  OutboxEntry entry;
  entry.id = row.Int(0);
  entry.invitation_id = row.Int(1);
  entry.kind = fieldwork::ParseMailKind(row.Text(2)).value_or(MailKind::kInvitation);
  entry.state = row.Text(3);
  entry.attempts = int(row.Int(4));
  entry.next_attempt_at = row.Timestamp(5);
  entry.last_error = row.Text(6);
  entry.created_at = row.Timestamp(7);
  if (!row.IsNull(8)) entry.sent_at = row.Timestamp(8);
  return entry;
}

constexpr std::string_view kOutboxColumns =
    "SELECT o.id, o.invitation_id, o.kind, o.state, o.attempts, o.next_attempt_at,"
    " o.last_error, o.created_at, o.sent_at FROM outbox o ";

}  // namespace

void SqlInvitationStore::Create(std::vector<Invitation>& invitations) {
  database_.Write([&](Connection& c) {
    for (Invitation& invitation : invitations) InsertInvitation(c, invitation);
  });
}

void SqlInvitationStore::CreateMailed(std::vector<Invitation>& invitations, TimePoint now) {
  database_.Write([&](Connection& c) {
    for (Invitation& invitation : invitations) {
      InsertInvitation(c, invitation);
      InsertOutbox(c, invitation.id, MailKind::kInvitation, now);
    }
  });
}

void SqlInvitationStore::Enqueue(const std::vector<int64_t>& invitation_ids,
                                 MailKind kind, TimePoint now) {
  database_.Write([&](Connection& c) {
    for (int64_t id : invitation_ids) InsertOutbox(c, id, kind, now);
  });
}

constexpr std::string_view kInDoubt =
    "in doubt: its sender stopped while sending it, so it is sent again";

std::optional<OutboxEntry> SqlInvitationStore::ClaimDue(TimePoint now, TimePoint until) {
  return database_.WriteValue([&](Connection& c) {
    std::optional<OutboxEntry> due;
    c.Query(std::string(kOutboxColumns) +
                "WHERE o.state IN ('pending', 'sending') AND o.next_attempt_at <= ?"
                " ORDER BY o.next_attempt_at, o.id LIMIT 1",
            {FormatTimestamp(now)}, [&due](const Row& row) { due = ReadOutbox(row); });
    if (!due) return due;
    if (due->state == "sending") due->last_error = kInDoubt;
    c.Execute("UPDATE outbox SET state = 'sending', next_attempt_at = ?, last_error = ?"
              " WHERE id = ?",
              {FormatTimestamp(until), due->last_error, due->id});
    return due;
  });
}

int SqlInvitationStore::ReleaseClaims(TimePoint now) {
  return database_.WriteValue([&](Connection& c) {
    int64_t claimed = 0;
    c.Query("SELECT COUNT(*) FROM outbox WHERE state = 'sending'", {},
            [&claimed](const Row& row) { claimed = row.Int(0); });
    c.Execute("UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ?"
              " WHERE state = 'sending'",
              {FormatTimestamp(now), std::string(kInDoubt)});
    return int(claimed);
  });
}

void SqlInvitationStore::MarkSent(const OutboxEntry& entry, TimePoint at,
                                  const std::string& answer) {
  database_.Write([&](Connection& c) {
    // The server's acceptance replaces the refusal of an earlier attempt.
    c.Execute("UPDATE outbox SET state = 'sent', sent_at = ?, attempts = ?, last_error = ?"
              " WHERE id = ?",
              {FormatTimestamp(at), int64_t(entry.attempts + 1), answer, entry.id});
    if (entry.kind == MailKind::kInvitation) {
      UpdateStatus(c, entry.invitation_id, InvitationStatus::kSent, at, "");
    }
  });
}

void SqlInvitationStore::MarkRetry(const OutboxEntry& entry, TimePoint next,
                                   const std::string& error) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE outbox SET state = 'pending', sent_at = NULL, attempts = ?,"
              " next_attempt_at = ?, last_error = ?"
              " WHERE id = ?",
              {int64_t(entry.attempts + 1), FormatTimestamp(next), error, entry.id});
  });
}

void SqlInvitationStore::Postpone(const OutboxEntry& entry, TimePoint next,
                                  const std::string& error) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ?"
              " WHERE id = ?",
              {FormatTimestamp(next), error, entry.id});
  });
}

void SqlInvitationStore::MarkFailed(const OutboxEntry& entry, TimePoint at,
                                    const std::string& error) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE outbox SET state = 'failed', sent_at = NULL, attempts = ?,"
              " last_error = ?"
              " WHERE id = ?",
              {int64_t(entry.attempts + 1), error, entry.id});
    UpdateStatus(c, entry.invitation_id, InvitationStatus::kBounced, at, error);
  });
}

bool SqlInvitationStore::Requeue(int64_t outbox_id, TimePoint now) {
  return database_.WriteValue([&](Connection& c) {
    bool found = false;
    c.Query("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?"
            " WHERE id = ? AND state = 'failed' RETURNING id",
            {FormatTimestamp(now), outbox_id}, [&found](const Row&) { found = true; });
    return found;
  });
}

std::vector<OutboxEntry> SqlInvitationStore::ListOutbox(int64_t round_id) {
  return database_.ReadValue([&](Connection& c) {
    std::vector<OutboxEntry> entries;
    c.Query(std::string(kOutboxColumns) +
                "JOIN invitations i ON i.id = o.invitation_id WHERE i.round_id = ? AND i.test = 0"
                " ORDER BY o.id",
            {round_id}, [&entries](const Row& row) { entries.push_back(ReadOutbox(row)); });
    return entries;
  });
}

void SqlInvitationStore::RecordStatus(int64_t invitation_id, InvitationStatus status,
                                      TimePoint at, const std::string& detail) {
  database_.Write(
      [&](Connection& c) { UpdateStatus(c, invitation_id, status, at, detail); });
}

void SqlInvitationStore::RecordSubmitted(int64_t invitation_id, TimePoint at, bool thank) {
  database_.Write([&](Connection& c) {
    UpdateStatus(c, invitation_id, InvitationStatus::kSubmitted, at, "");
    if (thank) InsertOutbox(c, invitation_id, MailKind::kThanks, at);
  });
}

std::optional<Invitation> SqlInvitationStore::FindByTokenHash(const std::string& hash) {
  return QueryOne(database_, "WHERE i.token_hash = ?", hash);
}

std::optional<Invitation> SqlInvitationStore::FindById(int64_t id) {
  return QueryOne(database_, "WHERE i.id = ?", id);
}

// The round's invitations, test links (`test`) or the others, in order.
static std::vector<Invitation> ListOfRound(Database& database, int64_t round_id, bool test) {
  return database.ReadValue([&](Connection& c) {
    std::vector<Invitation> found;
    c.Query(kColumns + "WHERE i.round_id = ? AND i.test = ? ORDER BY i.id",
            {round_id, int64_t(test)},
            [&found](const Row& row) { found.push_back(ReadInvitation(row)); });
    return found;
  });
}

std::vector<Invitation> SqlInvitationStore::ListForRound(int64_t round_id) {
  return ListOfRound(database_, round_id, false);
}

std::vector<Invitation> SqlInvitationStore::ListTestLinks(int64_t round_id) {
  return ListOfRound(database_, round_id, true);
}

int SqlInvitationStore::DeleteTestLinks(int64_t round_id) {
  return database_.WriteValue([&](Connection& c) {
    // Everything a test link made, in the order the references allow.
    const std::string links = "SELECT id FROM invitations WHERE round_id = ? AND test = 1";
    const std::string answered = "SELECT id FROM responses WHERE invitation_id IN (" + links + ")";
    c.Execute("DELETE FROM response_answers WHERE response_id IN (" + answered + ")", {round_id});
    c.Execute("DELETE FROM handovers WHERE response_id IN (" + answered + ")"
              " OR from_invitation_id IN (" + links + ") OR to_invitation_id IN (" + links + ")",
              {round_id, round_id, round_id});
    c.Execute("DELETE FROM responses WHERE invitation_id IN (" + links + ")", {round_id});
    c.Execute("DELETE FROM sessions WHERE invitation_id IN (" + links + ")", {round_id});
    c.Execute("DELETE FROM outbox WHERE invitation_id IN (" + links + ")", {round_id});
    c.Execute("DELETE FROM invitation_events WHERE invitation_id IN (" + links + ")",
              {round_id});
    int deleted = 0;
    c.Query("DELETE FROM invitations WHERE round_id = ? AND test = 1 RETURNING id", {round_id},
            [&deleted](const Row&) { ++deleted; });
    return deleted;
  });
}

std::vector<std::string> SqlInvitationStore::InvitedOrganisations(int64_t questionnaire_id) {
  return database_.ReadValue([&](Connection& c) {
    std::vector<std::string> codes;
    c.Query("SELECT DISTINCT organisation_code FROM invitations"
            " WHERE questionnaire_id = ? AND revoked = 0 AND test = 0 ORDER BY 1",
            {questionnaire_id}, [&codes](const Row& row) { codes.push_back(row.Text(0)); });
    return codes;
  });
}

void SqlInvitationStore::CreateSession(const Session& session, bool opened) {
  database_.Write([&](Connection& c) {
    if (opened) {
      UpdateStatus(c, session.invitation_id, InvitationStatus::kOpened, session.created_at, "");
    }
    c.Execute("INSERT INTO sessions (id_hash, invitation_id, csrf_token,"
              " language, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
              {session.id_hash, session.invitation_id, session.csrf_token,
               std::string(LangCode(session.language)),
               FormatTimestamp(session.created_at),
               FormatTimestamp(session.expires_at)});
  });
}

std::optional<fieldwork::InvitationStore::LiveSession> SqlInvitationStore::FindSession(
    const std::string& id_hash, TimePoint now) {
  return database_.ReadValue([&](Connection& c) {
    std::optional<LiveSession> found;
    c.Query(kSessionColumns + " WHERE s.id_hash = ? AND s.expires_at > ?",
            {id_hash, FormatTimestamp(now)}, [&](const Row& row) {
              LiveSession live;
              live.invitation = ReadInvitation(row);
              Session& session = live.session;
              session.id_hash = id_hash;
              session.invitation_id = live.invitation.id;
              constexpr int k = kInvitationColumns;
              session.csrf_token = row.Text(k);
              session.language = ReadLang(row, k + 1);
              session.created_at = row.Timestamp(k + 2);
              session.expires_at = row.Timestamp(k + 3);
              found = std::move(live);
            });
    return found;
  });
}

void SqlInvitationStore::SetSessionLanguage(const std::string& id_hash, Lang lang) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE sessions SET language = ? WHERE id_hash = ?",
              {std::string(LangCode(lang)), id_hash});
  });
}

namespace {

constexpr char kScheduleColumns[] =
    "SELECT id, round_id, send_on, unopened_only, created_by, created_at, done_at,"
    " reminded FROM reminder_schedule ";

fieldwork::ScheduledReminder ReadSchedule(const Row& row) {
  fieldwork::ScheduledReminder reminder;
  reminder.id = row.Int(0);
  reminder.round_id = row.Int(1);
  reminder.send_on = Date::Parse(row.Text(2)).value_or(Date(2000, 1, 1));
  reminder.unopened_only = row.Int(3) != 0;
  reminder.created_by = row.Text(4);
  reminder.created_at = row.Timestamp(5);
  if (!row.IsNull(6)) reminder.done_at = row.Timestamp(6);
  reminder.reminded = static_cast<int>(row.Int(7));
  return reminder;
}

}  // namespace

std::vector<fieldwork::MailText> SqlInvitationStore::ListMailTexts(int64_t round_id) {
  return database_.ReadValue([&](Connection& c) {
    std::vector<fieldwork::MailText> texts;
    c.Query("SELECT kind, lang, subject, body, updated_by, updated_at FROM mail_texts"
            " WHERE round_id = ? ORDER BY kind, lang",
            {round_id}, [&texts](const Row& row) {
              auto kind = fieldwork::ParseMailKind(row.Text(0));
              auto lang = ParseLang(row.Text(1));
              if (!kind || !lang) return;  // written by a later version
              texts.push_back({*kind, *lang, row.Text(2), row.Text(3), row.Text(4),
                               row.Timestamp(5)});
            });
    return texts;
  });
}

void SqlInvitationStore::SaveMailText(int64_t round_id, const fieldwork::MailText& text) {
  database_.Write([&](Connection& c) {
    c.Execute("INSERT INTO mail_texts (round_id, kind, lang, subject, body, updated_by,"
              " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
              " ON CONFLICT (round_id, kind, lang) DO UPDATE SET subject = excluded.subject,"
              " body = excluded.body, updated_by = excluded.updated_by,"
              " updated_at = excluded.updated_at",
              {round_id, std::string(fieldwork::MailKindCode(text.kind)),
               std::string(LangCode(text.lang)), text.subject, text.body, text.updated_by,
               FormatTimestamp(text.updated_at)});
  });
}

bool SqlInvitationStore::RemoveMailText(int64_t round_id, MailKind kind, Lang lang) {
  return database_.WriteValue([&](Connection& c) {
    bool found = false;
    c.Query("DELETE FROM mail_texts WHERE round_id = ? AND kind = ? AND lang = ? RETURNING id",
            {round_id, std::string(fieldwork::MailKindCode(kind)), std::string(LangCode(lang))},
            [&found](const Row&) { found = true; });
    return found;
  });
}

int SqlInvitationStore::Erase(const std::vector<int64_t>& invitations,
                              const std::vector<int64_t>& contacts, TimePoint now) {
  constexpr char kErased[] = "personal data erased";
  return database_.WriteValue([&](Connection& c) {
    int stopped = 0;
    const std::string at = FormatTimestamp(now);
    for (int64_t id : invitations) {
      c.Execute("UPDATE invitations SET token_hash = ?, link_nonce = '' WHERE id = ?",
                {fmt::format("{}{}", fieldwork::kErasedToken, id), id});
      c.Execute("DELETE FROM sessions WHERE invitation_id = ?", {id});
      c.Query("DELETE FROM outbox WHERE invitation_id = ? AND state IN ('pending', 'sending')"
              " RETURNING id",
              {id}, [&stopped](const Row&) { ++stopped; });
      c.Execute("UPDATE outbox SET last_error = ? WHERE invitation_id = ? AND last_error <> ''"
                " AND last_error <> ?",
                {std::string(kErased), id, std::string(kErased)});
      c.Execute("INSERT INTO invitation_events (invitation_id, status, at, detail)"
                " SELECT id, status, ?, ? FROM invitations WHERE id = ?",
                {at, std::string(kErased), id});
    }
    for (int64_t id : contacts) {
      c.Execute("UPDATE invitations SET contact_id = NULL WHERE contact_id = ?", {id});
      c.Execute("DELETE FROM contacts WHERE id = ?", {id});
    }
    return stopped;
  });
}

void SqlInvitationStore::AddSchedule(fieldwork::ScheduledReminder& reminder) {
  database_.Write([&](Connection& c) {
    c.Query("INSERT INTO reminder_schedule (round_id, send_on, unopened_only, created_by,"
            " created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
            {reminder.round_id, reminder.send_on.ToString(), int64_t(reminder.unopened_only),
             reminder.created_by, FormatTimestamp(reminder.created_at)},
            [&reminder](const Row& row) { reminder.id = row.Int(0); });
  });
}

std::vector<fieldwork::ScheduledReminder> SqlInvitationStore::ListSchedule(int64_t round_id) {
  return database_.ReadValue([&](Connection& c) {
    std::vector<fieldwork::ScheduledReminder> all;
    c.Query(std::string(kScheduleColumns) + "WHERE round_id = ? ORDER BY send_on, id",
            {round_id}, [&all](const Row& row) { all.push_back(ReadSchedule(row)); });
    return all;
  });
}

std::vector<fieldwork::ScheduledReminder> SqlInvitationStore::DueSchedule(Date today) {
  return database_.ReadValue([&](Connection& c) {
    std::vector<fieldwork::ScheduledReminder> due;
    c.Query(std::string(kScheduleColumns) +
                "WHERE done_at IS NULL AND send_on <= ? ORDER BY send_on, id",
            {today.ToString()}, [&due](const Row& row) { due.push_back(ReadSchedule(row)); });
    return due;
  });
}

bool SqlInvitationStore::RunSchedule(int64_t id, const std::vector<int64_t>& invitation_ids,
                                     TimePoint now) {
  return database_.WriteValue([&](Connection& c) {
    bool pending = false;
    c.Query("SELECT 1 FROM reminder_schedule WHERE id = ? AND done_at IS NULL", {id},
            [&pending](const Row&) { pending = true; });
    if (!pending) return false;
    c.Execute("UPDATE reminder_schedule SET done_at = ?, reminded = ? WHERE id = ?",
              {FormatTimestamp(now), int64_t(invitation_ids.size()), id});
    for (int64_t invitation : invitation_ids) {
      InsertOutbox(c, invitation, MailKind::kReminder, now);
    }
    return true;
  });
}

}  // namespace kartla::sql
