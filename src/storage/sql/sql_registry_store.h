// RegistryStore in portable SQL, for any sql::Database.

#ifndef KARTLA_STORAGE_SQL_SQL_REGISTRY_STORE_H_
#define KARTLA_STORAGE_SQL_SQL_REGISTRY_STORE_H_

#include "registry/registry_store.h"
#include "storage/sql/database.h"

namespace kartla::sql {

// Thread-safe, as its Database is.
class SqlRegistryStore final : public RegistryStore {
 public:
  // `database` must outlive the store.
  explicit SqlRegistryStore(Database& database) : database_(database) {}

  RegistryVersionInfo SaveVersion(const RegistryContent& content,
                                  TimePoint created_at) override;
  std::vector<RegistryVersionInfo> ListVersions() override;
  std::optional<RegistryVersionInfo> VersionInForce(Date date) override;
  std::optional<RegistryVersionInfo> LatestVersion() override;
  std::optional<Registry> LoadVersion(RegistryVersionId id) override;

 private:
  Database& database_;
};

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_SQL_REGISTRY_STORE_H_
