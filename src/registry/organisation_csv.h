// Reading organisations from a CSV file: the built-in registries and any
// file an administrator brings (joint municipal authorities, regions ...),
// with a mapping from the file's columns to Kartla's fields.

#ifndef KARTLA_REGISTRY_ORGANISATION_CSV_H_
#define KARTLA_REGISTRY_ORGANISATION_CSV_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "registry/organisation.h"
#include "registry/registry.h"

namespace kartla {

struct OrganisationCsvOptions {
  // Field → the header of the column holding it. Fields are "code", "kind",
  // "name_fi", "name_sv", "name_en", "active_from", "active_to" and attribute
  // names. A field not mapped is read from the column of its own name, if the
  // file has one; every other column becomes a text attribute named after its
  // header (lower case, spaces as '_'). Default: empty.
  std::map<std::string, std::string> columns;
  // Attribute → type. Default: "population" is an integer, the rest text.
  std::map<std::string, AttributeType> types;
  // When set, every row is an organisation of this kind and the file needs no
  // "kind" column. Default: nullopt.
  std::optional<OrganisationKind> kind;
  // The registry being added to, to refuse codes it holds for organisations
  // of another kind. Nullable. Default: nullptr.
  const Registry* current = nullptr;
};

// Reads the organisations in `text`, the contents of the CSV file called
// `file_name`. All or nothing: fails with kInvalidInput listing every problem
// with its row and column: text that is not UTF-8, a missing column, an
// unknown kind, a duplicate code, a code used by an organisation of another
// kind, a bad number or date, a row with no name.
Result<std::vector<Organisation>> ReadOrganisationsCsv(
    std::string_view text, std::string_view file_name,
    const OrganisationCsvOptions& options);

}  // namespace kartla

#endif  // KARTLA_REGISTRY_ORGANISATION_CSV_H_
