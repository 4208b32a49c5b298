// FormStore in portable SQL, for any sql::Database.
#ifndef KARTLA_STORAGE_SQL_SQL_FORM_STORE_H_
#define KARTLA_STORAGE_SQL_SQL_FORM_STORE_H_

#include "forms/form_store.h"
#include "storage/sql/database.h"

namespace kartla::sql {

// Thread-safe, as its Database is.
class SqlFormStore final : public forms::FormStore {
 public:
  // `database` must outlive the store.
  explicit SqlFormStore(Database& database) : database_(database) {}

  Saved SaveVersion(const forms::NewFormVersion& version) override;
  std::optional<forms::FormVersionInfo> FindVersion(
      const std::string& form_id, std::optional<int> number) override;
  std::optional<forms::FormVersionInfo> FindVersionById(int64_t id) override;
  std::optional<std::string> LoadContent(int64_t id) override;
  std::vector<forms::FormVersionInfo> ListLatest() override;

 private:
  Database& database_;
};

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_SQL_FORM_STORE_H_
