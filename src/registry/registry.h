// A Registry is one version of the set of organisations a survey can be
// addressed to, with the dimensions their results are broken down by. A
// version never changes once saved: a round pins the version in force on a
// date, so that importing next year's registry does not change past rounds.

#ifndef KARTLA_REGISTRY_REGISTRY_H_
#define KARTLA_REGISTRY_REGISTRY_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "registry/dimension.h"
#include "registry/organisation.h"

namespace kartla {

struct RegistryVersionTag {};
using RegistryVersionId = Id<RegistryVersionTag>;

// The description of a saved registry version.
struct RegistryVersionInfo {
  RegistryVersionId id;
  Date as_of{1970, 1, 1};  // the version is in force from this date
  TimePoint created_at;
  std::string note;        // what made it, e.g. "load fi-2025"
  int organisation_count = 0;

  friend bool operator==(const RegistryVersionInfo&,
                         const RegistryVersionInfo&) = default;
};

// What a registry version holds, before and after it is saved.
struct RegistryContent {
  Date as_of{1970, 1, 1};
  std::string note;
  std::vector<Organisation> organisations;  // codes unique
  std::vector<Dimension> dimensions;        // ids unique
};

// One count per category of a dimension, in the dimension's order.
struct CategoryCount {
  const Category* category;  // nullptr: organisations in no category
  int count = 0;
};

// An immutable registry version in memory. Thread-compatible: safe to read
// from many threads.
class Registry {
 public:
  Registry(RegistryVersionInfo info, RegistryContent content);

  const RegistryVersionInfo& info() const { return info_; }
  Date as_of() const { return content_.as_of; }
  const std::vector<Organisation>& organisations() const {
    return content_.organisations;
  }
  const std::vector<Dimension>& dimensions() const {
    return content_.dimensions;
  }
  const RegistryContent& content() const { return content_; }

  // The organisation with `code`, or nullptr.
  const Organisation* Find(std::string_view code) const;
  // The dimension with `id`, or nullptr.
  const Dimension* FindDimension(std::string_view id) const;

  // Counts the organisations of `kind` (all kinds if nullopt) in each
  // category of `dimension`, including categories with none; a last entry
  // with a null category counts those in no category, if there are any.
  std::vector<CategoryCount> Count(
      const Dimension& dimension,
      std::optional<OrganisationKind> kind = std::nullopt) const;

 private:
  const RegistryVersionInfo info_;
  const RegistryContent content_;
  std::unordered_map<std::string, size_t> by_code_;  // constant after ctor
};

}  // namespace kartla

#endif  // KARTLA_REGISTRY_REGISTRY_H_
