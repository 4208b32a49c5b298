// `kartla`: the command-line entry point. Parses the command line, runs the
// chosen subcommand, and turns failures into messages and exit statuses.

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>

#include "cli/command_context.h"
#include "cli/commands.h"
#include "core/system_error.h"

#ifndef KARTLA_VERSION
#define KARTLA_VERSION "unknown"
#endif

int main(int argc, char** argv) {
  using namespace kartla::cli;
  // KARTLA_CLOCK_START (an ISO 8601 UTC time) starts the clock there, so
  // that a demo's or a release's dates are the same on any day.
  std::unique_ptr<kartla::Clock> clock = std::make_unique<kartla::SystemClock>();
  if (const char* start = std::getenv("KARTLA_CLOCK_START"); start && *start) {
    auto parsed = kartla::ParseTimestamp(start);
    if (!parsed) {
      std::cerr << "kartla: KARTLA_CLOCK_START: write a UTC time as 2026-12-02T08:00:00Z\n";
      return kExitUsage;
    }
    clock = std::make_unique<kartla::ShiftedClock>(*parsed);
  }
  CommandContext context(std::cout, std::cerr, *clock);

  CLI::App app(
      "Kartla runs national surveys of how far municipalities have come with "
      "digitalisation, and publishes what they find.",
      "kartla");
  app.set_version_flag("--version", "kartla " KARTLA_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(
      "Exit status: 0 done; 1 the machine failed (disk, database file); "
      "2 wrong command line; 3 input refused; 4 not found; 5 not possible "
      "now (e.g. no database); 6 database from a newer Kartla. See "
      "docs/cli.md.");
  app.add_option("--config", context.options.config_file,
                 "Configuration file; default: ./kartla.toml if present, or "
                 "$KARTLA_CONFIG");
  app.add_option("--db", context.options.database,
                 "Database file; default: kartla.db, or $KARTLA_DATABASE");
  app.add_option("--lang", context.options.language,
                 "Language of labels: fi, sv or en; default: en, or "
                 "$KARTLA_LANGUAGE");

  AddInitCommand(app, context);
  AddRegistryCommands(app, context);
  AddFormCommands(app, context);
  AddRoundCommands(app, context);
  AddServeCommands(app, context);
  AddContactCommands(app, context);
  AddMonitorCommand(app, context);
  AddStatsCommands(app, context);
  AddUserCommands(app, context);
  AddDemoCommand(app, context);
  AddDatabaseCommands(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitSuccess : kExitUsage;
  } catch (const kartla::SystemError& e) {
    std::cerr << "kartla: " << e.what() << '\n';
    return kExitSystemFailure;
  } catch (const std::exception& e) {
    std::cerr << "kartla: internal error: " << e.what() << '\n';
    return kExitSystemFailure;
  }
  return context.exit_code;
}
