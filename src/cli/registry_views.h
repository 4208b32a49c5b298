// How registry contents are printed on the terminal.

#ifndef KARTLA_CLI_REGISTRY_VIEWS_H_
#define KARTLA_CLI_REGISTRY_VIEWS_H_

#include <optional>
#include <ostream>

#include "registry/registry.h"
#include "registry/registry_service.h"

namespace kartla::cli {

// Category, count and share of the organisations of `kind` (all if nullopt)
// in `dimension`, with a total line.
void PrintDimensionCounts(std::ostream& out, const Registry& registry,
                          const Dimension& dimension, Lang lang,
                          std::optional<OrganisationKind> kind);

// One row per organisation: code, name, kind, and each dimension's category.
void PrintOrganisations(std::ostream& out, const Registry& registry, Lang lang,
                        std::optional<OrganisationKind> kind);

// Every field, attribute and category of one organisation.
void PrintOrganisation(std::ostream& out, const Registry& registry,
                       const Organisation& org, Lang lang);

// "Registry version 2 (in force from 2025-01-01): 308 organisations, ..."
void PrintImportOutcome(std::ostream& out, const ImportOutcome& outcome,
                        bool dry_run);

}  // namespace kartla::cli

#endif  // KARTLA_CLI_REGISTRY_VIEWS_H_
