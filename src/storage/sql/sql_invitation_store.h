// InvitationStore in portable SQL, for any sql::Database.
#ifndef KARTLA_STORAGE_SQL_SQL_INVITATION_STORE_H_
#define KARTLA_STORAGE_SQL_SQL_INVITATION_STORE_H_

#include "fieldwork/invitation.h"
#include "storage/sql/database.h"

namespace kartla::sql {

// Thread-safe, as its Database is.
class SqlInvitationStore final : public fieldwork::InvitationStore {
 public:
  // `database` must outlive the store.
  explicit SqlInvitationStore(Database& database) : database_(database) {}

  void Create(fieldwork::Invitation& invitation) override;
  std::optional<fieldwork::Invitation> FindByTokenHash(const std::string& hash) override;
  std::optional<fieldwork::Invitation> FindById(int64_t id) override;
  std::vector<fieldwork::Invitation> ListForRound(int64_t round_id) override;
  void Revoke(int64_t id) override;
  void CreateSession(const fieldwork::Session& session) override;
  std::optional<LiveSession> FindSession(const std::string& id_hash,
                                         TimePoint now) override;
  void SetSessionLanguage(const std::string& id_hash, Lang lang) override;

 private:
  Database& database_;
};

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_SQL_INVITATION_STORE_H_
