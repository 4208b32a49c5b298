// The registries shipped with Kartla (data/registry/, compiled into the
// program): Finland's 308 municipalities of 2025 and Sweden's 290.

#ifndef KARTLA_REGISTRY_BUILTIN_H_
#define KARTLA_REGISTRY_BUILTIN_H_

#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "registry/dimension.h"
#include "registry/organisation_csv.h"

namespace kartla {

struct BuiltinRegistry {
  std::string_view name;         // "fi-2025", "se"
  std::string_view description;  // one line, English
  std::string_view file;         // "data/registry/fi-municipalities-2025.csv"
  std::optional<Date> as_of;     // the date the data describes, if known
  // How the file's columns map to Kartla's fields and attributes.
  OrganisationCsvOptions options;
  // The dimensions besides size class, which is derived from population
  // with the configured cut points where the file has population.
  std::vector<Dimension> dimensions;
  bool has_population = false;
  // Region codes (attribute region_code) of municipalities outside the
  // mainland, which get the attribute mainland = "no": Åland's in Finland.
  std::vector<std::string_view> outside_mainland_regions;
  // Each region's major region (Finland: Statistics Finland's suuralueet,
  // NUTS 2), given to every organisation as `major_region_code`: the
  // coarser line a breakdown by region merges small regions into.
  std::vector<std::pair<std::string_view, std::string_view>> major_regions;
  // The file's bytes.
  std::string_view text;
};

// All built-in registries, in a stable order.
std::span<const BuiltinRegistry> BuiltinRegistries();

// The built-in registry called `name`, or nullptr.
const BuiltinRegistry* FindBuiltinRegistry(std::string_view name);

}  // namespace kartla

#endif  // KARTLA_REGISTRY_BUILTIN_H_
