// RegistryStore in portable SQL, for any sql::Database.

#ifndef KARTLA_STORAGE_SQL_SQL_REGISTRY_STORE_H_
#define KARTLA_STORAGE_SQL_SQL_REGISTRY_STORE_H_

#include <map>
#include <memory>
#include <mutex>

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
  // A version never changes once saved, so the last few loaded are kept
  // and copied from memory (every questionnaire page's prefilled facts and
  // every mail name an organisation of the round's version).
  std::optional<Registry> LoadVersion(RegistryVersionId id) override;
  std::shared_ptr<const Registry> LoadShared(RegistryVersionId id) override;

 private:
  std::optional<Registry> ReadVersion(RegistryVersionId id);

  Database& database_;
  std::mutex mutex_;
  std::map<int64_t, std::shared_ptr<const Registry>> loaded_;  // guarded by mutex_
};

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_SQL_REGISTRY_STORE_H_
