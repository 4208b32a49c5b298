// The registry's storage, declared here and implemented in storage/ for each
// database. The domain never sees SQL.

#ifndef KARTLA_REGISTRY_REGISTRY_STORE_H_
#define KARTLA_REGISTRY_REGISTRY_STORE_H_

#include <memory>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "registry/registry.h"

namespace kartla {

// Saves and reads registry versions. Implementations are thread-safe. They
// throw SystemError when the database fails; every other outcome is a value.
class RegistryStore {
 public:
  virtual ~RegistryStore() = default;

  // Saves `content` as a new version, created at `created_at`, and returns
  // its description once the version is durable. All or nothing.
  // REQUIRES: organisation codes and dimension ids are unique.
  virtual RegistryVersionInfo SaveVersion(const RegistryContent& content,
                                          TimePoint created_at) = 0;

  // All versions, oldest first.
  virtual std::vector<RegistryVersionInfo> ListVersions() = 0;

  // The version in force on `date`: of those whose as_of is not after
  // `date`, the one saved last. nullopt if there is none.
  virtual std::optional<RegistryVersionInfo> VersionInForce(Date date) = 0;

  // The version saved last, or nullopt if none has been saved.
  virtual std::optional<RegistryVersionInfo> LatestVersion() = 0;

  // The whole version `id`, or nullopt if there is no such version.
  virtual std::optional<Registry> LoadVersion(RegistryVersionId id) = 0;

  // The same, shared, for readers that only look something up in it (a
  // store may keep versions, which never change, and give the one it
  // keeps); null if there is no such version.
  virtual std::shared_ptr<const Registry> LoadShared(RegistryVersionId id) {
    auto registry = LoadVersion(id);
    return registry ? std::make_shared<const Registry>(std::move(*registry)) : nullptr;
  }
};

// The latest version of the registry, loaded; nullopt if there is none.
std::optional<Registry> LoadLatestVersion(RegistryStore& store);

// The refusal of what needs a registry when there is none yet ("refusal_
// registry_empty" in the interface's catalogue), with the code the caller
// answers with.
Status RegistryEmpty(ErrorCode code);

}  // namespace kartla

#endif  // KARTLA_REGISTRY_REGISTRY_STORE_H_
