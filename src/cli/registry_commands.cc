#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "cli/command_context.h"
#include "cli/commands.h"
#include "cli/registry_views.h"
#include "cli/text_table.h"
#include "registry/builtin.h"

namespace kartla::cli {
namespace {

// Options shared by several registry subcommands.
struct RegistryOptions {
  std::string builtin;
  std::string file;
  std::string kind;
  std::vector<std::string> columns;  // FIELD=HEADER
  std::vector<std::string> types;    // ATTRIBUTE=TYPE
  std::string as_of;
  std::string dimension;
  std::string code;
  bool replace = false;
  bool dry_run = false;
};

Result<std::optional<Date>> ParseAsOf(const std::string& text) {
  if (text.empty()) return std::optional<Date>();
  auto date = Date::Parse(text);
  if (!date) {
    return Status::InvalidInput(
        fmt::format("--as-of: \"{}\" is not a date like 2025-01-01", text));
  }
  return std::optional<Date>(date);
}

Result<std::optional<OrganisationKind>> ParseKindOption(const std::string& text) {
  if (text.empty()) return std::optional<OrganisationKind>();
  auto kind = ParseKind(text);
  if (!kind) {
    return Status::InvalidInput(fmt::format(
        "--kind: \"{}\" is not a kind; use municipality, joint-authority, "
        "region or other",
        text));
  }
  return std::optional<OrganisationKind>(kind);
}

// Splits "a=b" options into a map.
Result<std::map<std::string, std::string>> ParsePairs(
    const std::vector<std::string>& pairs, const char* option) {
  std::map<std::string, std::string> out;
  for (const std::string& pair : pairs) {
    size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size()) {
      return Status::InvalidInput(
          fmt::format("{}: \"{}\" is not of the form NAME=VALUE", option, pair));
    }
    out[std::string(Trim(pair.substr(0, eq)))] =
        std::string(Trim(pair.substr(eq + 1)));
  }
  return out;
}

// The application and the registry version in force on --as-of, or the
// latest.
struct OpenRegistry {
  std::unique_ptr<App> app;
  Registry registry;
  Lang lang() const { return app->config().language; }
};

Result<OpenRegistry> ReadRegistry(const CommandContext& context,
                                  const std::string& as_of_text) {
  auto as_of = ParseAsOf(as_of_text);
  if (!as_of.ok()) return as_of.status();
  auto app = context.OpenApp(false);
  if (!app.ok()) return app.status();
  auto registry = *as_of ? (*app)->registry().InForce(**as_of)
                         : (*app)->registry().Latest();
  if (!registry.ok()) return registry.status();
  return OpenRegistry{std::move(app).value(), std::move(registry).value()};
}

int Load(CommandContext& context, const RegistryOptions& options) {
  auto as_of = ParseAsOf(options.as_of);
  if (!as_of.ok()) return context.Fail(as_of.status());
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto outcome = (*app)->registry().LoadBuiltin(options.builtin, *as_of);
  if (!outcome.ok()) return context.Fail(outcome.status());
  (*app)->accounts().Audit(context.Actor(), "registry.load", "registry " + options.builtin,
                           fmt::format("version {}", outcome->version.id.value()));
  PrintImportOutcome(context.out, *outcome, false);
  auto registry = (*app)->registry().Latest();
  if (!registry.ok()) return context.Fail(registry.status());
  if (const Dimension* size = registry->FindDimension("size_class")) {
    context.out << '\n';
    PrintDimensionCounts(context.out, *registry, *size,
                         (*app)->config().language, std::nullopt);
  }
  return kExitSuccess;
}

int Import(CommandContext& context, const RegistryOptions& options) {
  auto contents = CommandContext::ReadInputFile(options.file);
  if (!contents.ok()) return context.Fail(contents.status());

  ImportRequest request;
  request.text = *contents;
  request.file_name = options.file;
  request.mode = options.replace ? ImportMode::kReplaceKinds : ImportMode::kMerge;
  request.dry_run = options.dry_run;
  auto as_of = ParseAsOf(options.as_of);
  if (!as_of.ok()) return context.Fail(as_of.status());
  request.as_of = *as_of;
  auto kind = ParseKindOption(options.kind);
  if (!kind.ok()) return context.Fail(kind.status());
  request.options.kind = *kind;
  auto columns = ParsePairs(options.columns, "--column");
  if (!columns.ok()) return context.Fail(columns.status());
  request.options.columns = *columns;
  auto types = ParsePairs(options.types, "--type");
  if (!types.ok()) return context.Fail(types.status());
  for (const auto& [attribute, type_name] : *types) {
    auto type = ParseAttributeType(type_name);
    if (!type) {
      return context.Fail(Status::InvalidInput(fmt::format(
          "--type: \"{}\" is not a type; use text, integer or number",
          type_name)));
    }
    request.options.types[attribute] = *type;
  }

  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto outcome = (*app)->registry().Import(request);
  if (!outcome.ok()) return context.Fail(outcome.status());
  if (!options.dry_run) {
    (*app)->accounts().Audit(context.Actor(), "registry.import", CutUtf8(options.file, 200),
                             fmt::format("version {}", outcome->version.id.value()));
  }
  PrintImportOutcome(context.out, *outcome, options.dry_run);
  return kExitSuccess;
}

int List(CommandContext& context, const RegistryOptions& options) {
  auto kind = ParseKindOption(options.kind);
  if (!kind.ok()) return context.Fail(kind.status());
  auto opened = ReadRegistry(context, options.as_of);
  if (!opened.ok()) return context.Fail(opened.status());
  const Registry* registry = &opened->registry;
  Lang lang = opened->lang();
  if (options.dimension.empty()) {
    PrintOrganisations(context.out, *registry, lang, *kind);
    return kExitSuccess;
  }
  const Dimension* dimension = registry->FindDimension(options.dimension);
  if (dimension == nullptr) {
    std::string ids;
    for (const Dimension& d : registry->dimensions()) {
      ids += (ids.empty() ? "" : ", ") + d.id;
    }
    return context.Fail(Status::NotFound(fmt::format(
        "there is no dimension \"{}\"; there are: {}", options.dimension, ids)));
  }
  PrintDimensionCounts(context.out, *registry, *dimension, lang, *kind);
  return kExitSuccess;
}

int Show(CommandContext& context, const RegistryOptions& options) {
  auto opened = ReadRegistry(context, options.as_of);
  if (!opened.ok()) return context.Fail(opened.status());
  const Registry* registry = &opened->registry;
  const Organisation* org = registry->Find(options.code);
  if (org == nullptr) {
    return context.Fail(Status::NotFound(fmt::format(
        "there is no organisation with code \"{}\" in registry version {}",
        options.code, registry->info().id.value())));
  }
  PrintOrganisation(context.out, *registry, *org, opened->lang());
  return kExitSuccess;
}

int Versions(CommandContext& context) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  TextTable table({{"Version", Align::kRight}, {"In force from"},
                   {"Created (UTC)"}, {"Organisations", Align::kRight},
                   {"Made by"}});
  auto versions = (*app)->registry().Versions();
  for (const RegistryVersionInfo& v : versions) {
    table.AddRow({std::to_string(v.id.value()), v.as_of.ToString(),
                  FormatTimestamp(v.created_at),
                  std::to_string(v.organisation_count), v.note});
  }
  table.Print(context.out);
  context.out << versions.size()
              << (versions.size() == 1 ? " version\n" : " versions\n");
  return kExitSuccess;
}

int Dimensions(CommandContext& context, const RegistryOptions& options) {
  auto opened = ReadRegistry(context, options.as_of);
  if (!opened.ok()) return context.Fail(opened.status());
  const Registry* registry = &opened->registry;
  Lang lang = opened->lang();
  TextTable table({{"Dimension"}, {"Label"}, {"Rule"}, {"Attribute"},
                   {"Categories", Align::kRight}});
  for (const Dimension& d : registry->dimensions()) {
    table.AddRow({d.id, d.label.Get(lang), std::string(DimensionRuleName(d.rule)),
                  d.attribute, std::to_string(d.categories.size())});
  }
  table.Print(context.out);
  return kExitSuccess;
}

}  // namespace

void AddRegistryCommands(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<RegistryOptions>();
  CLI::App* registry =
      app.add_subcommand("registry", "The organisations surveys are sent to");
  registry->require_subcommand(1);

  std::string builtins;
  for (const BuiltinRegistry& b : BuiltinRegistries()) {
    builtins += fmt::format("\n  {:8} {}", b.name, b.description);
  }
  CLI::App* load = registry->add_subcommand(
      "load", "Load a built-in registry as a new version; its municipalities "
              "replace the registry's municipalities. Built-in:" + builtins);
  load->add_option("NAME", options->builtin, "fi-2025 or se")->required();
  load->add_option("--as-of", options->as_of,
                   "In force from this date (YYYY-MM-DD); default: the date "
                   "the data describes, else today");
  load->callback([&context, options] {
    context.exit_code = Load(context, *options);
  });

  CLI::App* import = registry->add_subcommand(
      "import",
      "Import organisations from a CSV file as a new version. All or "
      "nothing: every problem is reported with its row and column and "
      "nothing is saved");
  import->add_option("FILE", options->file, "UTF-8 CSV, comma or semicolon")
      ->required();
  import->add_option("--kind", options->kind,
                     "Every row is of this kind: municipality, "
                     "joint-authority, region or other (else a kind column "
                     "is needed)");
  import->add_option("--column", options->columns,
                     "FIELD=HEADER: read FIELD (code, kind, name_fi, name_sv, "
                     "name_en, active_from, active_to or an attribute) from "
                     "the column HEADER; repeatable");
  import->add_option("--type", options->types,
                     "ATTRIBUTE=TYPE: text, integer or number (population is "
                     "an integer unless said otherwise); repeatable");
  import->add_flag("--replace", options->replace,
                   "Remove organisations of the file's kinds that the file "
                   "does not list");
  import->add_option("--as-of", options->as_of,
                     "In force from this date (YYYY-MM-DD); default: today");
  import->add_flag("--dry-run", options->dry_run,
                   "Check the file and report, saving nothing");
  import->callback([&context, options] {
    context.exit_code = Import(context, *options);
  });

  CLI::App* list = registry->add_subcommand(
      "list", "List organisations, or count them by a dimension");
  list->add_option("--dimension", options->dimension,
                   "Count by this dimension, e.g. region, size_class, "
                   "language, urban_rural, wellbeing_county, kind");
  list->add_option("--kind", options->kind, "Only organisations of this kind");
  list->add_option("--as-of", options->as_of,
                   "The version in force on this date; default: the latest");
  list->callback([&context, options] {
    context.exit_code = List(context, *options);
  });

  CLI::App* show =
      registry->add_subcommand("show", "Show one organisation in full");
  show->add_option("CODE", options->code, "e.g. 091")->required();
  show->add_option("--as-of", options->as_of,
                   "The version in force on this date; default: the latest");
  show->callback([&context, options] {
    context.exit_code = Show(context, *options);
  });

  CLI::App* versions =
      registry->add_subcommand("versions", "List the registry's versions");
  versions->callback([&context] { context.exit_code = Versions(context); });

  CLI::App* dimensions = registry->add_subcommand(
      "dimensions", "List the dimensions results can be broken down by");
  dimensions->add_option("--as-of", options->as_of,
                         "The version in force on this date; default: the "
                         "latest");
  dimensions->callback([&context, options] {
    context.exit_code = Dimensions(context, *options);
  });
}

}  // namespace kartla::cli
