#include "storage/sql/sql_invitation_store.h"

#include "core/system_error.h"

namespace kartla::sql {
namespace {

using fieldwork::Invitation;
using fieldwork::Session;

constexpr std::string_view kColumns =
    "SELECT id, token_hash, round_id, questionnaire_id, organisation_code,"
    " role, language, revoked, created_at FROM invitations ";

Lang ReadLang(const Row& row, int column) {
  return ParseLang(row.Text(column)).value_or(Lang::kFi);
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
  return invitation;
}

std::optional<Invitation> QueryOne(Database& database, std::string_view where,
                                   Value param) {
  return database.ReadValue([&](Connection& c) {
    std::optional<Invitation> found;
    c.Query(std::string(kColumns) + std::string(where), {param},
            [&found](const Row& row) { found = ReadInvitation(row); });
    return found;
  });
}

}  // namespace

void SqlInvitationStore::Create(Invitation& invitation) {
  database_.Write([&](Connection& c) {
    c.Query("INSERT INTO invitations (token_hash, round_id, questionnaire_id,"
            " organisation_code, role, language, revoked, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {invitation.token_hash, invitation.round_id,
             invitation.questionnaire_id, invitation.organisation_code,
             invitation.role, std::string(LangCode(invitation.language)),
             int64_t(invitation.revoked), FormatTimestamp(invitation.created_at)},
            [&invitation](const Row& row) { invitation.id = row.Int(0); });
  });
}

std::optional<Invitation> SqlInvitationStore::FindByTokenHash(const std::string& hash) {
  return QueryOne(database_, "WHERE token_hash = ?", hash);
}

std::optional<Invitation> SqlInvitationStore::FindById(int64_t id) {
  return QueryOne(database_, "WHERE id = ?", id);
}

std::vector<Invitation> SqlInvitationStore::ListForRound(int64_t round_id) {
  return database_.ReadValue([&](Connection& c) {
    std::vector<Invitation> found;
    c.Query(std::string(kColumns) + "WHERE round_id = ? ORDER BY id", {round_id},
            [&found](const Row& row) { found.push_back(ReadInvitation(row)); });
    return found;
  });
}

void SqlInvitationStore::Revoke(int64_t id) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE invitations SET revoked = 1 WHERE id = ?", {id});
  });
}

void SqlInvitationStore::CreateSession(const Session& session) {
  database_.Write([&](Connection& c) {
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
    c.Query("SELECT i.id, i.token_hash, i.round_id, i.questionnaire_id,"
            " i.organisation_code, i.role, i.language, i.revoked, i.created_at,"
            " s.id_hash, s.csrf_token, s.language, s.created_at, s.expires_at"
            " FROM sessions s JOIN invitations i ON i.id = s.invitation_id"
            " WHERE s.id_hash = ? AND s.expires_at > ?",
            {id_hash, FormatTimestamp(now)}, [&found](const Row& row) {
              LiveSession live;
              live.invitation = ReadInvitation(row);
              Session& session = live.session;
              session.id_hash = row.Text(9);
              session.invitation_id = live.invitation.id;
              session.csrf_token = row.Text(10);
              session.language = ReadLang(row, 11);
              session.created_at = row.Timestamp(12);
              session.expires_at = row.Timestamp(13);
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

}  // namespace kartla::sql
