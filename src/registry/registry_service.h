// The registry's use cases: load a built-in registry, import organisations
// from a file, and read the version in force. Each change makes a new,
// immutable version.

#ifndef KARTLA_REGISTRY_REGISTRY_SERVICE_H_
#define KARTLA_REGISTRY_REGISTRY_SERVICE_H_

#include <cstdint>
#include <map>
#include <string>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "registry/organisation_csv.h"
#include "registry/registry.h"
#include "registry/registry_store.h"

namespace kartla {

// What an import does with organisations already in the registry.
enum class ImportMode {
  // Organisations in the file are added, or replace those with their code;
  // the rest stay.
  kMerge,
  // Organisations of the kinds in the file that the file does not list are
  // removed, e.g. municipalities merged into others.
  kReplaceKinds,
};

struct ImportRequest {
  std::string_view text;       // the file's contents
  std::string_view file_name;  // as the user named it, for problem reports
  OrganisationCsvOptions options;
  ImportMode mode = ImportMode::kMerge;
  // The date the new version is in force from. Default: today.
  std::optional<Date> as_of;
  // The note stored with the version. Default: "import FILE_NAME".
  std::string note;
  // Check everything and report, but save nothing. Default: false.
  bool dry_run = false;
};

// The outcome of a load or import.
struct ImportOutcome {
  RegistryVersionInfo version;  // id invalid on a dry run
  int added = 0;                // codes not in the previous version
  int replaced = 0;             // codes in both
  int removed = 0;              // codes in the previous version only
};

// One organisation to add (the workspace's form), as typed.
struct NewOrganisation {
  std::string code;
  std::string kind;  // municipality, joint-authority, region or other
  LocalizedText name;
  // Dimension attribute → value (a category's code, or a number); empty
  // values are left out.
  std::map<std::string, std::string> attributes;
};

// Thread-compatible. Two imports at once do not interfere in the database,
// but each builds on the version that was latest when it began.
class RegistryService {
 public:
  // `store` and `clock` must outlive the service. `size_class_cuts` are the
  // lower bounds of the population size classes but the first.
  // REQUIRES: CheckSizeClassCuts(size_class_cuts) is nullopt.
  RegistryService(RegistryStore& store, const Clock& clock,
                  std::vector<int64_t> size_class_cuts);

  // Loads the built-in registry `name` (see BuiltinRegistries()) as a new
  // version: its municipalities replace all municipalities, other
  // organisations stay. In force from `as_of`, by default the date the data
  // describes, or today. Fails with kNotFound for an unknown name.
  Result<ImportOutcome> LoadBuiltin(std::string_view name,
                                    std::optional<Date> as_of);

  // Imports organisations from CSV as a new version. All or nothing: on
  // kInvalidInput, with every problem listed, nothing is saved.
  Result<ImportOutcome> Import(const ImportRequest& request);
  // Adds one organisation to the latest version, as a new version, through
  // the same checks as an import (its problems placed in "web form"); a
  // category's labels go with its code (region_fi … beside region_code).
  // kNotFound if the registry is empty, kAlreadyExists if the code is taken
  // (keyed "organisation_exists"), kInvalidInput with every problem.
  Result<ImportOutcome> AddOrganisation(const NewOrganisation& organisation, std::string note);

  // The version saved last. kNotFound if the registry is empty.
  Result<Registry> Latest();
  // The same, shared (the store may keep versions, which never change: a
  // web page naming an organisation read the whole registry on every
  // request).
  Result<std::shared_ptr<const Registry>> LatestShared();
  // The version in force on `date`. kNotFound if there is none.
  Result<Registry> InForce(Date date);
  // All versions, oldest first.
  std::vector<RegistryVersionInfo> Versions();

 private:
  std::optional<Registry> LatestOrNone();
  Result<ImportOutcome> SaveMerged(std::vector<Organisation> incoming,
                                   ImportMode mode,
                                   const std::vector<Dimension>* dimensions,
                                   Date as_of, std::string note,
                                   const std::optional<Registry>& current,
                                   bool dry_run);

  RegistryStore& store_;
  const Clock& clock_;
  const std::vector<int64_t> size_class_cuts_;
};

}  // namespace kartla

#endif  // KARTLA_REGISTRY_REGISTRY_SERVICE_H_
