// AccountStore in portable SQL, for any sql::Database.
#ifndef KARTLA_STORAGE_SQL_SQL_ACCOUNT_STORE_H_
#define KARTLA_STORAGE_SQL_SQL_ACCOUNT_STORE_H_

#include "accounts/account.h"
#include "storage/sql/database.h"

namespace kartla::sql {

// Thread-safe, as its Database is.
class SqlAccountStore final : public accounts::AccountStore {
 public:
  // `database` must outlive the store.
  explicit SqlAccountStore(Database& database) : database_(database) {}

  bool CreateUser(accounts::User& user) override;
  std::optional<accounts::User> FindUser(const std::string& name) override;
  std::vector<accounts::User> ListUsers() override;
  void SetPassword(int64_t user_id, const std::string& hash) override;
  void SetDisabled(int64_t user_id, bool disabled, TimePoint at) override;
  void SetRole(int64_t user_id, accounts::Role role,
               const std::string& organisation_code) override;
  void SetEmail(int64_t user_id, const std::string& email) override;
  void CreatePasswordLink(const std::string& token_hash, int64_t user_id, TimePoint created_at,
                          TimePoint expires_at) override;
  std::optional<accounts::User> FindPasswordLink(const std::string& token_hash,
                                                 TimePoint now) override;
  std::optional<accounts::User> UsePasswordLink(const std::string& token_hash, TimePoint now,
                                                const std::string& password_hash) override;
  void CreateSession(const accounts::StaffSession& session) override;
  std::optional<LiveSession> FindSession(const std::string& id_hash, TimePoint now,
                                         TimePoint idle_since) override;
  void TouchSession(const std::string& id_hash, TimePoint at) override;
  void DeleteSession(const std::string& id_hash) override;
  void DeleteSessionsOf(int64_t user_id) override;
  void DeleteStaleSessions(TimePoint now, TimePoint idle_since) override;
  void AddKnownDevice(const std::string& id_hash, int64_t user_id,
                      TimePoint expires_at) override;
  bool IsKnownDevice(const std::string& id_hash, int64_t user_id, TimePoint now) override;
  void RecordFailure(const std::string& key, TimePoint at) override;
  int CountFailures(const std::string& key, TimePoint since) override;
  void ClearFailures(const std::string& key) override;
  void Audit(accounts::AuditEntry& entry) override;
  std::vector<accounts::AuditEntry> ListAudit(size_t limit) override;

 private:
  Database& database_;
};

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_SQL_ACCOUNT_STORE_H_
