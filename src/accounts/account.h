// Staff accounts: the survey team's administrators and analysts, and the
// coordinators who look after one organisation's contacts and links; their
// browser sessions; failed sign-ins (for throttling); and the audit log of
// what staff did.
#ifndef KARTLA_ACCOUNTS_ACCOUNT_H_
#define KARTLA_ACCOUNTS_ACCOUNT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/text.h"

namespace kartla::accounts {

enum class Role {
  kAdministrator,  // everything
  kAnalyst,        // results and monitoring; no contact data edits
  kCoordinator,    // one organisation's contacts and links only
};

std::string_view RoleCode(Role role);  // "administrator", "analyst", "coordinator"
std::optional<Role> ParseRole(std::string_view code);

struct User {
  int64_t id = 0;
  std::string name;           // the sign-in name, e.g. "anna.virtanen"
  std::string password_hash;  // argon2id (core/token.h)
  Role role = Role::kAnalyst;
  std::string organisation_code;  // a coordinator's organisation, else empty
  Lang language = Lang::kFi;
  TimePoint created_at;
  bool disabled = false;  // a disabled user cannot sign in
  std::string email;      // where links to set a password go; "" if none

  // Whether the organisation's contacts, invitations and answers are this
  // person's to see and change: an administrator's every organisation's,
  // a coordinator's their own; an analyst's none (analysts read results).
  bool Manages(const std::string& organisation) const {
    return role == Role::kAdministrator ||
           (role == Role::kCoordinator && !organisation_code.empty() &&
            organisation_code == organisation);
  }
};

// A signed-in browser. Only the id's hash is stored.
struct StaffSession {
  std::string id_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  TimePoint created_at;
  TimePoint expires_at;
  TimePoint seen_at;  // when it was last used
};

struct AuditEntry {
  int64_t id = 0;
  TimePoint at;
  std::string user_name;  // who; "" for the command line without a user
  std::string action;     // what, e.g. "user.add", "contacts.import"
  std::string object;     // on what, e.g. "user anna", "round 2025"
  std::string detail;     // free text, never answers or tokens
};

// Every method is thread-safe and returns once its change is durable.
class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Sets user.id; false (and nothing stored) if the name is taken.
  virtual bool CreateUser(User& user) = 0;
  virtual std::optional<User> FindUser(const std::string& name) = 0;
  virtual std::vector<User> ListUsers() = 0;
  virtual void SetPassword(int64_t user_id, const std::string& hash) = 0;
  // Disables (or enables again) a user.
  virtual void SetDisabled(int64_t user_id, bool disabled, TimePoint at) = 0;
  // Gives a user another role (and a coordinator's organisation, else "").
  virtual void SetRole(int64_t user_id, Role role, const std::string& organisation_code) = 0;
  virtual void SetEmail(int64_t user_id, const std::string& email) = 0;

  // A link to set a password (by the hash of its token), the user's only
  // one: those made before are deleted.
  virtual void CreatePasswordLink(const std::string& token_hash, int64_t user_id,
                                  TimePoint created_at, TimePoint expires_at) = 0;
  // The user of the link whose token hashes to `token_hash`, if it has
  // not been used, has not expired (before `now`) and its user is enabled.
  virtual std::optional<User> FindPasswordLink(const std::string& token_hash, TimePoint now) = 0;
  // Uses the link, as FindPasswordLink finds it, at once with setting its
  // user's password to `password_hash` and ending the user's sessions; the
  // user, or nullopt (nothing changed) if the link is not usable.
  virtual std::optional<User> UsePasswordLink(const std::string& token_hash, TimePoint now,
                                              const std::string& password_hash) = 0;

  virtual void CreateSession(const StaffSession& session) = 0;
  struct LiveSession {
    StaffSession session;
    User user;
  };
  // The session whose id hashes to `id_hash` if it has not expired (before
  // `now`), was last used after `idle_since`, and its user is enabled.
  virtual std::optional<LiveSession> FindSession(const std::string& id_hash, TimePoint now,
                                                 TimePoint idle_since) = 0;
  // Records that the session was used at `at`.
  virtual void TouchSession(const std::string& id_hash, TimePoint at) = 0;
  virtual void DeleteSession(const std::string& id_hash) = 0;
  // Ends every session of a user (after a password change).
  virtual void DeleteSessionsOf(int64_t user_id) = 0;
  // Deletes the sessions that have expired or not been used since
  // `idle_since`, and the known devices that have expired.
  virtual void DeleteStaleSessions(TimePoint now, TimePoint idle_since) = 0;

  // Browsers a user has signed in from (by the hash of their cookie).
  virtual void AddKnownDevice(const std::string& id_hash, int64_t user_id,
                              TimePoint expires_at) = 0;
  // Whether `id_hash` is a device `user_id` has signed in from, not expired.
  virtual bool IsKnownDevice(const std::string& id_hash, int64_t user_id, TimePoint now) = 0;

  // Failed sign-ins under `key` (an account, an address, or both).
  virtual void RecordFailure(const std::string& key, TimePoint at) = 0;
  virtual int CountFailures(const std::string& key, TimePoint since) = 0;
  virtual void ClearFailures(const std::string& key) = 0;

  // Sets entry.id.
  virtual void Audit(AuditEntry& entry) = 0;
  // The newest `limit` entries, newest first.
  virtual std::vector<AuditEntry> ListAudit(size_t limit) = 0;
};

}  // namespace kartla::accounts

#endif  // KARTLA_ACCOUNTS_ACCOUNT_H_
