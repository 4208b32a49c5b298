#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>

#include "cli/command_context.h"
#include "cli/commands.h"
#include "storage/storage.h"

namespace kartla::cli {

void AddInitCommand(CLI::App& app, CommandContext& context) {
  CLI::App* init = app.add_subcommand(
      "init",
      "Create the database (default ./kartla.db), or bring an existing one's "
      "schema up to date");
  init->callback([&context] {
    auto config = context.LoadConfiguration();
    if (!config.ok()) {
      context.exit_code = context.Fail(config.status());
      return;
    }
    bool existed = std::filesystem::exists(config->database);
    bool shared = IsServerDatabase(config->database);
    auto opened = App::Open(*config, context.clock, /*create=*/true);
    if (!opened.ok()) {
      context.exit_code = context.Fail(opened.status());
      return;
    }
    int version = (*opened)->storage().schema_version();
    if (shared) {
      context.out << fmt::format(
          "The PostgreSQL database {} is ready; its schema is at version {}.\n",
          ShownDatabase(config->database), version);
    } else if (existed) {
      context.out << fmt::format(
          "The database {} exists; its schema is at version {}.\n",
          ShownDatabase(config->database), version);
    } else {
      context.out << fmt::format(
          "Created the database {} (schema version {}).\n"
          "Next: load a registry, e.g. `kartla registry load fi-2025`.\n",
          ShownDatabase(config->database), version);
    }
  });
}

}  // namespace kartla::cli
