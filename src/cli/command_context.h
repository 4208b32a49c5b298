// What every `kartla` subcommand shares: the global options, the output
// streams, and a way to open the application.

#ifndef KARTLA_CLI_COMMAND_CONTEXT_H_
#define KARTLA_CLI_COMMAND_CONTEXT_H_

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app/app.h"
#include "core/clock.h"
#include "core/status.h"

namespace kartla::cli {

// Exit statuses of `kartla` (docs/cli.md).
enum ExitCode : int {
  kExitSuccess = 0,
  kExitSystemFailure = 1,  // the machine failed: disk, database file
  kExitUsage = 2,          // the command line is wrong
  kExitInvalidInput = 3,   // input refused (a file with problems)
  kExitNotFound = 4,       // the named thing does not exist
  kExitRefused = 5,        // not possible in this state (no database ...)
  kExitIncompatible = 6,   // the database belongs to a newer Kartla
};

// The exit status for a failed `status`.
int ExitCodeFor(const Status& status);

struct GlobalOptions {
  std::optional<std::string> config_file;  // --config
  std::optional<std::string> database;     // --db
  std::optional<std::string> language;     // --lang
};

class CommandContext {
 public:
  CommandContext(std::ostream& out_stream, std::ostream& err_stream,
                 const Clock& system_clock)
      : out(out_stream), err(err_stream), clock(system_clock) {}

  // The configuration with the global options applied.
  Result<Config> LoadConfiguration() const;
  // Opens the application on the configured database.
  Result<std::unique_ptr<App>> OpenApp(bool create) const;
  // Prints `status` to err (every problem on its own line) and returns its
  // exit code.
  int Fail(const Status& status) const;
  // Who acts, as the audit log records the command line: "cli:" and the
  // operating system user.
  std::string Actor() const;
  // The whole of a file named on the command line; kNotFound if it cannot
  // be read.
  static Result<std::string> ReadInputFile(const std::string& path);

  std::ostream& out;
  std::ostream& err;
  const Clock& clock;
  GlobalOptions options;
  int exit_code = kExitSuccess;
};

}  // namespace kartla::cli

#endif  // KARTLA_CLI_COMMAND_CONTEXT_H_
