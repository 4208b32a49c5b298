// ContactStore in portable SQL, for any sql::Database.
#ifndef KARTLA_STORAGE_SQL_SQL_CONTACT_STORE_H_
#define KARTLA_STORAGE_SQL_SQL_CONTACT_STORE_H_

#include "fieldwork/contact.h"
#include "storage/sql/database.h"

namespace kartla::sql {

// Thread-safe, as its Database is.
class SqlContactStore final : public fieldwork::ContactStore {
 public:
  // `database` must outlive the store.
  explicit SqlContactStore(Database& database) : database_(database) {}

  void AddAll(std::vector<fieldwork::Contact>& contacts) override;
  void Update(const fieldwork::Contact& contact) override;
  std::optional<fieldwork::Contact> FindContact(int64_t id) override;
  int64_t RemoveUninvited(int64_t id) override;
  std::vector<fieldwork::Contact> ListContacts(
      const std::optional<std::string>& organisation_code) override;

 private:
  Database& database_;
};

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_SQL_CONTACT_STORE_H_
