#include "storage/sql/sql_account_store.h"

#include <chrono>

namespace kartla::sql {
namespace {

using accounts::AuditEntry;
using accounts::StaffSession;
using accounts::User;

constexpr std::string_view kUserColumns =
    "SELECT u.id, u.name, u.password_hash, u.role, u.organisation_code,"
    " u.language, u.created_at, u.disabled_at, u.email";

User ReadUser(const Row& row) {
  User user;
  user.id = row.Int(0);
  user.name = row.Text(1);
  user.password_hash = row.Text(2);
  user.role = accounts::ParseRole(row.Text(3)).value_or(accounts::Role::kAnalyst);
  user.organisation_code = row.Text(4);
  user.language = ParseLang(row.Text(5)).value_or(Lang::kFi);
  user.created_at = row.Timestamp(6);
  user.disabled = !row.Text(7).empty();
  user.email = row.Text(8);
  return user;
}

}  // namespace

bool SqlAccountStore::CreateUser(User& user) {
  return database_.WriteValue([&](Connection& c) {
    bool taken = false;
    c.Query("SELECT 1 FROM users WHERE name = ?", {user.name},
            [&taken](const Row&) { taken = true; });
    if (taken) return false;
    c.Query("INSERT INTO users (name, password_hash, role, organisation_code,"
            " language, created_at, email) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {user.name, user.password_hash, std::string(RoleCode(user.role)),
             user.organisation_code, std::string(LangCode(user.language)),
             FormatTimestamp(user.created_at), user.email},
            [&user](const Row& row) { user.id = row.Int(0); });
    return true;
  });
}

std::optional<User> SqlAccountStore::FindUser(const std::string& name) {
  return database_.ReadValue([&](Connection& c) {
    std::optional<User> found;
    c.Query(std::string(kUserColumns) + " FROM users u WHERE u.name = ?", {name},
            [&found](const Row& row) { found = ReadUser(row); });
    return found;
  });
}

std::vector<User> SqlAccountStore::ListUsers() {
  return database_.ReadValue([&](Connection& c) {
    std::vector<User> users;
    c.Query(std::string(kUserColumns) + " FROM users u ORDER BY u.name", {},
            [&users](const Row& row) { users.push_back(ReadUser(row)); });
    return users;
  });
}

void SqlAccountStore::SetPassword(int64_t user_id, const std::string& hash) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE users SET password_hash = ? WHERE id = ?", {hash, user_id});
  });
}

void SqlAccountStore::SetDisabled(int64_t user_id, bool disabled, TimePoint at) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE users SET disabled_at = ? WHERE id = ?",
              {disabled ? FormatTimestamp(at) : std::string(), user_id});
    if (disabled) c.Execute("DELETE FROM staff_sessions WHERE user_id = ?", {user_id});
  });
}

void SqlAccountStore::SetRole(int64_t user_id, accounts::Role role,
                              const std::string& organisation_code) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE users SET role = ?, organisation_code = ? WHERE id = ?",
              {std::string(accounts::RoleCode(role)), organisation_code, user_id});
  });
}

void SqlAccountStore::SetEmail(int64_t user_id, const std::string& email) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE users SET email = ? WHERE id = ?", {email, user_id});
  });
}

void SqlAccountStore::CreatePasswordLink(const std::string& token_hash, int64_t user_id,
                                         TimePoint created_at, TimePoint expires_at) {
  database_.Write([&](Connection& c) {
    c.Execute("DELETE FROM password_links WHERE user_id = ?", {user_id});
    c.Execute("INSERT INTO password_links (token_hash, user_id, created_at, expires_at)"
              " VALUES (?, ?, ?, ?)",
              {token_hash, user_id, FormatTimestamp(created_at), FormatTimestamp(expires_at)});
  });
}

namespace {
// The user of a usable link (not used, not expired, its user enabled).
std::optional<User> UserOfLink(Connection& c, const std::string& token_hash, TimePoint now) {
  std::optional<User> found;
  c.Query(std::string(kUserColumns) +
              " FROM password_links l JOIN users u ON u.id = l.user_id"
              " WHERE l.token_hash = ? AND l.used_at = '' AND l.expires_at > ?"
              " AND u.disabled_at = ''",
          {token_hash, FormatTimestamp(now)}, [&found](const Row& row) { found = ReadUser(row); });
  return found;
}
}  // namespace

std::optional<User> SqlAccountStore::FindPasswordLink(const std::string& token_hash,
                                                      TimePoint now) {
  return database_.ReadValue([&](Connection& c) { return UserOfLink(c, token_hash, now); });
}

std::optional<User> SqlAccountStore::UsePasswordLink(const std::string& token_hash, TimePoint now,
                                                     const std::string& password_hash) {
  return database_.WriteValue([&](Connection& c) {
    std::optional<User> user = UserOfLink(c, token_hash, now);
    if (!user) return user;
    c.Execute("UPDATE password_links SET used_at = ? WHERE token_hash = ?",
              {FormatTimestamp(now), token_hash});
    c.Execute("UPDATE users SET password_hash = ? WHERE id = ?", {password_hash, user->id});
    c.Execute("DELETE FROM staff_sessions WHERE user_id = ?", {user->id});
    return user;
  });
}

void SqlAccountStore::CreateSession(const StaffSession& session) {
  database_.Write([&](Connection& c) {
    c.Execute("INSERT INTO staff_sessions (id_hash, user_id, csrf_token,"
              " created_at, expires_at, seen_at) VALUES (?, ?, ?, ?, ?, ?)",
              {session.id_hash, session.user_id, session.csrf_token,
               FormatTimestamp(session.created_at),
               FormatTimestamp(session.expires_at),
               FormatTimestamp(session.created_at)});
  });
}

void SqlAccountStore::TouchSession(const std::string& id_hash, TimePoint at) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE staff_sessions SET seen_at = ? WHERE id_hash = ?",
              {FormatTimestamp(at), id_hash});
  });
}

void SqlAccountStore::DeleteStaleSessions(TimePoint now, TimePoint idle_since) {
  database_.Write([&](Connection& c) {
    c.Execute("DELETE FROM staff_sessions WHERE expires_at <= ? OR seen_at <= ?",
              {FormatTimestamp(now), FormatTimestamp(idle_since)});
    c.Execute("DELETE FROM known_devices WHERE expires_at <= ?", {FormatTimestamp(now)});
  });
}

void SqlAccountStore::AddKnownDevice(const std::string& id_hash, int64_t user_id,
                                     TimePoint expires_at) {
  database_.Write([&](Connection& c) {
    c.Execute("INSERT INTO known_devices (id_hash, user_id, expires_at) VALUES (?, ?, ?)",
              {id_hash, user_id, FormatTimestamp(expires_at)});
  });
}

bool SqlAccountStore::IsKnownDevice(const std::string& id_hash, int64_t user_id,
                                    TimePoint now) {
  return database_.ReadValue([&](Connection& c) {
    bool known = false;
    c.Query("SELECT 1 FROM known_devices WHERE id_hash = ? AND user_id = ? AND expires_at > ?",
            {id_hash, user_id, FormatTimestamp(now)}, [&known](const Row&) { known = true; });
    return known;
  });
}

std::optional<accounts::AccountStore::LiveSession> SqlAccountStore::FindSession(
    const std::string& id_hash, TimePoint now, TimePoint idle_since) {
  return database_.ReadValue([&](Connection& c) {
    std::optional<LiveSession> found;
    c.Query(std::string(kUserColumns) +
                ", s.csrf_token, s.created_at, s.expires_at, s.seen_at"
                " FROM staff_sessions s JOIN users u ON u.id = s.user_id"
                " WHERE s.id_hash = ? AND s.expires_at > ? AND s.seen_at > ?"
                " AND u.disabled_at = ''",
            {id_hash, FormatTimestamp(now), FormatTimestamp(idle_since)},
            [&](const Row& row) {
              LiveSession live;
              live.user = ReadUser(row);
              live.session.id_hash = id_hash;
              live.session.user_id = live.user.id;
              live.session.csrf_token = row.Text(9);
              live.session.created_at = row.Timestamp(10);
              live.session.expires_at = row.Timestamp(11);
              live.session.seen_at = row.Timestamp(12);
              found = std::move(live);
            });
    return found;
  });
}

void SqlAccountStore::DeleteSession(const std::string& id_hash) {
  database_.Write([&](Connection& c) {
    c.Execute("DELETE FROM staff_sessions WHERE id_hash = ?", {id_hash});
  });
}

void SqlAccountStore::DeleteSessionsOf(int64_t user_id) {
  database_.Write([&](Connection& c) {
    c.Execute("DELETE FROM staff_sessions WHERE user_id = ?", {user_id});
    c.Execute("DELETE FROM known_devices WHERE user_id = ?", {user_id});
  });
}

void SqlAccountStore::RecordFailure(const std::string& key, TimePoint at) {
  database_.Write([&](Connection& c) {
    // Failures older than a day no longer count for anything.
    c.Execute("DELETE FROM sign_in_failures WHERE at < ?",
              {FormatTimestamp(at - std::chrono::hours(24))});
    c.Execute("INSERT INTO sign_in_failures (key, at) VALUES (?, ?)",
              {key, FormatTimestamp(at)});
  });
}

int SqlAccountStore::CountFailures(const std::string& key, TimePoint since) {
  return database_.ReadValue([&](Connection& c) {
    int count = 0;
    c.Query("SELECT COUNT(*) FROM sign_in_failures WHERE key = ? AND at > ?",
            {key, FormatTimestamp(since)},
            [&count](const Row& row) { count = int(row.Int(0)); });
    return count;
  });
}

void SqlAccountStore::ClearFailures(const std::string& key) {
  database_.Write([&](Connection& c) {
    c.Execute("DELETE FROM sign_in_failures WHERE key = ?", {key});
  });
}

void SqlAccountStore::Audit(AuditEntry& entry) {
  database_.Write([&](Connection& c) {
    c.Query("INSERT INTO audit_log (at, user_name, action, object, detail)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            {FormatTimestamp(entry.at), entry.user_name, entry.action,
             entry.object, entry.detail},
            [&entry](const Row& row) { entry.id = row.Int(0); });
  });
}

std::vector<AuditEntry> SqlAccountStore::ListAudit(size_t limit) {
  return database_.ReadValue([&](Connection& c) {
    std::vector<AuditEntry> entries;
    c.Query("SELECT id, at, user_name, action, object, detail FROM audit_log"
            " ORDER BY id DESC LIMIT ?",
            {int64_t(limit)}, [&entries](const Row& row) {
              AuditEntry entry;
              entry.id = row.Int(0);
              entry.at = row.Timestamp(1);
              entry.user_name = row.Text(2);
              entry.action = row.Text(3);
              entry.object = row.Text(4);
              entry.detail = row.Text(5);
              entries.push_back(std::move(entry));
            });
    return entries;
  });
}

}  // namespace kartla::sql
