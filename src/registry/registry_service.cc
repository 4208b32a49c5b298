#include "registry/registry_service.h"

#include <fmt/format.h>

#include <set>
#include <unordered_set>

#include "core/csv.h"
#include "registry/builtin.h"

namespace kartla {
namespace {

bool AnyHas(const std::vector<Organisation>& orgs, std::string_view attr) {
  for (const Organisation& org : orgs) {
    if (org.Attribute(attr) != nullptr) return true;
  }
  return false;
}

// Puts `dimension` in place of the one with its id, or at the end.
void Upsert(std::vector<Dimension>& dimensions, Dimension dimension) {
  for (Dimension& existing : dimensions) {
    if (existing.id == dimension.id) {
      existing = std::move(dimension);
      return;
    }
  }
  dimensions.push_back(std::move(dimension));
}

}  // namespace

RegistryService::RegistryService(RegistryStore& store, const Clock& clock,
                                 std::vector<int64_t> size_class_cuts)
    : store_(store), clock_(clock), size_class_cuts_(std::move(size_class_cuts)) {}

Result<ImportOutcome> RegistryService::LoadBuiltin(std::string_view name,
                                                   std::optional<Date> as_of) {
  const BuiltinRegistry* builtin = FindBuiltinRegistry(name);
  if (builtin == nullptr) {
    std::string names;
    for (const BuiltinRegistry& b : BuiltinRegistries()) {
      names += names.empty() ? "" : ", ";
      names += b.name;
    }
    return Status::NotFound(fmt::format(
        "there is no built-in registry \"{}\"; there are: {}", name, names));
  }
  std::optional<Registry> current = LatestOrNone();

  OrganisationCsvOptions options = builtin->options;
  options.current = current ? &*current : nullptr;
  auto organisations = ReadOrganisationsCsv(builtin->text, builtin->file,
                                            options);
  if (!organisations.ok()) return organisations.status();
  for (Organisation& org : *organisations) {
    auto region = org.TextAttribute("region_code");
    for (std::string_view outside : builtin->outside_mainland_regions) {
      if (region == outside) org.attributes["mainland"] = std::string("no");
    }
    for (const auto& [fine, major] : builtin->major_regions) {
      if (region == fine) org.attributes["major_region_code"] = std::string(major);
    }
  }
  Date date = as_of ? *as_of : (builtin->as_of ? *builtin->as_of
                                               : clock_.Today());
  return SaveMerged(std::move(organisations).value(),
                    ImportMode::kReplaceKinds, &builtin->dimensions, date,
                    fmt::format("load {}", builtin->name), current, false);
}

Result<ImportOutcome> RegistryService::AddOrganisation(const NewOrganisation& organisation,
                                                       std::string note) {
  std::optional<Registry> current = LatestOrNone();
  if (!current) return RegistryEmpty(ErrorCode::kNotFound);
  if (current->Find(organisation.code)) {
    return Status::AlreadyExists(
               fmt::format("there is an organisation {} already", organisation.code))
        .Keyed("organisation_exists", {organisation.code});
  }
  std::vector<std::string> header = {"code", "kind", "name_fi", "name_sv", "name_en"};
  std::vector<std::string> record = {organisation.code, organisation.kind, organisation.name.fi,
                                     organisation.name.sv, organisation.name.en};
  std::set<std::string> written;
  for (const Dimension& dimension : current->dimensions()) {
    if (dimension.attribute.empty() || !written.insert(dimension.attribute).second) continue;
    auto given = organisation.attributes.find(dimension.attribute);
    if (given == organisation.attributes.end() || given->second.empty()) continue;
    header.push_back(dimension.attribute);
    record.push_back(given->second);
    const Category* category = dimension.FindCategory(given->second);
    for (Lang lang : kAllLangs) {
      const std::string& attribute = dimension.label_attributes.Exact(lang);
      if (category == nullptr || attribute.empty()) continue;
      header.push_back(attribute);
      record.push_back(category->label.Exact(lang));
    }
  }
  const std::string csv = FormatCsvRecord(header, CsvReader::kKartla) +
                          FormatCsvRecord(record, CsvReader::kKartla);
  ImportRequest import;
  import.text = csv;
  import.file_name = "web form";
  import.note = std::move(note);
  return Import(import);
}

Result<ImportOutcome> RegistryService::Import(const ImportRequest& request) {
  std::optional<Registry> current = LatestOrNone();

  OrganisationCsvOptions options = request.options;
  options.current = current ? &*current : nullptr;
  auto organisations =
      ReadOrganisationsCsv(request.text, request.file_name, options);
  if (!organisations.ok()) return organisations.status();
  std::string note = request.note.empty()
                         ? fmt::format("import {}", request.file_name)
                         : request.note;
  return SaveMerged(std::move(organisations).value(), request.mode, nullptr,
                    request.as_of ? *request.as_of : clock_.Today(),
                    std::move(note), current, request.dry_run);
}

Result<ImportOutcome> RegistryService::SaveMerged(
    std::vector<Organisation> incoming, ImportMode mode,
    const std::vector<Dimension>* dimensions, Date as_of, std::string note,
    const std::optional<Registry>& current, bool dry_run) {
  ImportOutcome outcome;
  RegistryContent content;
  content.as_of = as_of;
  content.note = std::move(note);

  std::unordered_set<std::string> incoming_codes;
  std::set<OrganisationKind> incoming_kinds;
  for (const Organisation& org : incoming) {
    incoming_codes.insert(org.code);
    incoming_kinds.insert(org.kind);
  }
  if (current) {
    content.dimensions = current->dimensions();
    for (const Organisation& org : current->organisations()) {
      if (incoming_codes.count(org.code)) {
        ++outcome.replaced;
      } else if (mode == ImportMode::kReplaceKinds &&
                 incoming_kinds.count(org.kind)) {
        ++outcome.removed;
      } else {
        content.organisations.push_back(org);
      }
    }
  }
  outcome.added = int(incoming.size()) - outcome.replaced;
  for (Organisation& org : incoming) {
    content.organisations.push_back(std::move(org));
  }

  auto has_dimension = [&content](std::string_view id) {
    for (const Dimension& d : content.dimensions) {
      if (d.id == id) return true;
    }
    return false;
  };
  if (!has_dimension("kind")) content.dimensions.push_back(MakeKindDimension());
  if (dimensions != nullptr) {
    for (const Dimension& dimension : *dimensions) {
      Upsert(content.dimensions, dimension);
    }
  }
  if (!has_dimension("region") && AnyHas(content.organisations, "region_code")) {
    content.dimensions.push_back(MakeRegionDimension({"Alue", "Region", "Region"}));
  }
  if (AnyHas(content.organisations, "population")) {
    Upsert(content.dimensions, MakeSizeClassDimension(size_class_cuts_));
  }
  AddObservedCategories(content.organisations, content.dimensions);

  if (dry_run) {
    outcome.version.as_of = content.as_of;
    outcome.version.note = content.note;
    outcome.version.organisation_count = int(content.organisations.size());
    return outcome;
  }
  outcome.version = store_.SaveVersion(content, clock_.Now());
  return outcome;
}

std::optional<Registry> LoadLatestVersion(RegistryStore& store) {
  auto latest = store.LatestVersion();
  if (!latest) return std::nullopt;
  return store.LoadVersion(latest->id);
}

std::optional<Registry> RegistryService::LatestOrNone() {
  return LoadLatestVersion(store_);
}

Status RegistryEmpty(ErrorCode code) {
  return Status::Refused(code, "registry_empty",
                         "the registry is empty; load or import one first (the registry page, "
                         "or kartla registry load fi-2025)");
}

Result<Registry> RegistryService::Latest() {
  auto latest = store_.LatestVersion();
  if (!latest) return RegistryEmpty(ErrorCode::kNotFound);
  auto registry = store_.LoadVersion(latest->id);
  if (!registry) return Status::NotFound("the registry version vanished");
  return std::move(*registry);
}

Result<std::shared_ptr<const Registry>> RegistryService::LatestShared() {
  auto latest = store_.LatestVersion();
  if (!latest) return RegistryEmpty(ErrorCode::kNotFound);
  auto shared = store_.LoadShared(latest->id);
  if (!shared) return Status::NotFound("the registry version vanished");
  return shared;
}

Result<Registry> RegistryService::InForce(Date date) {
  auto version = store_.VersionInForce(date);
  if (!version) {
    return Status::NotFound(fmt::format(
        "no registry version is in force on {}", date.ToString()));
  }
  auto registry = store_.LoadVersion(version->id);
  if (!registry) return Status::NotFound("the registry version vanished");
  return std::move(*registry);
}

std::vector<RegistryVersionInfo> RegistryService::Versions() {
  return store_.ListVersions();
}

}  // namespace kartla
