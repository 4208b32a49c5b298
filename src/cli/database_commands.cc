// `kartla db copy`, `kartla db fingerprint`, `kartla backup`, `kartla
// restore`: moving an installation between SQLite and PostgreSQL, and its
// backups (docs/deployment.md).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <string>

#include "cli/command_context.h"
#include "cli/commands.h"
#include "storage/storage.h"

namespace kartla::cli {
namespace {

void PrintTables(std::ostream& out, const CopyReport& report) {
  for (const CopyReport::Table& table : report.tables) {
    out << fmt::format("  {:<24} {:>9}  {:016x}\n", table.name, table.rows, table.hash);
  }
}

// Runs `work` on the configured database's setting; prints the failure.
template <typename Work>
void WithDatabase(CommandContext& context, Work work) {
  auto config = context.LoadConfiguration();
  if (!config.ok()) {
    context.exit_code = context.Fail(config.status());
    return;
  }
  Status status = work(config->database);
  if (!status.ok()) context.exit_code = context.Fail(status);
}

}  // namespace

void AddDatabaseCommands(CLI::App& app, CommandContext& context) {
  CLI::App* db = app.add_subcommand("db", "Copy the database, or show what it holds");
  db->require_subcommand(1);

  static std::string to;
  CLI::App* copy = db->add_subcommand(
      "copy",
      "Copy everything in the database into another (an SQLite file or a postgresql:// URL), "
      "new or empty, in one transaction; then compare every table's rows and content");
  copy->add_option("--to", to, "The target: a file name or a postgresql:// URL")->required();
  copy->callback([&context] {
    WithDatabase(context, [&](const std::string& from) -> Status {
      context.out << fmt::format("Copying {} to {}:\n", ShownDatabase(from), ShownDatabase(to));
      auto copied = CopyDatabase(from, to, context.clock,
                                 [&](const std::string& table, int64_t rows) {
                                   context.out << fmt::format("  {:<24} {:>9} {}\n", table, rows,
                                                              rows == 1 ? "row" : "rows");
                                   context.out.flush();
                                 });
      if (!copied.ok()) return copied.status();
      context.out << fmt::format(
          "Copied {} tables, {} rows, in one transaction; every table's rows and content hash "
          "agree with the source's.\n",
          copied->tables.size(), copied->rows);
      return Status::Ok();
    });
  });

  CLI::App* fingerprint = db->add_subcommand(
      "fingerprint",
      "Each table's rows and a hash of its content, the same on SQLite and PostgreSQL for "
      "the same content: compare two databases, or a restore with its source");
  fingerprint->callback([&context] {
    WithDatabase(context, [&](const std::string& database) -> Status {
      auto report = FingerprintDatabase(database, context.clock);
      if (!report.ok()) return report.status();
      PrintTables(context.out, *report);
      context.out << fmt::format("{} tables, {} rows\n", report->tables.size(), report->rows);
      return Status::Ok();
    });
  });

  static std::string backup_file;
  CLI::App* backup = app.add_subcommand(
      "backup",
      "Write a consistent copy of the database, while servers run, to a new SQLite file "
      "(restore it with `kartla restore`)");
  backup->add_option("file", backup_file, "The new backup file")->required();
  backup->callback([&context] {
    WithDatabase(context, [&](const std::string& database) -> Status {
      auto report = BackupDatabase(database, backup_file, context.clock);
      if (!report.ok()) return report.status();
      context.out << fmt::format("Backed up {} to {}: {} tables, {} rows.\n", ShownDatabase(database),
                                 backup_file, report->tables.size(), report->rows);
      return Status::Ok();
    });
  });

  static std::string restore_file;
  CLI::App* restore = app.add_subcommand(
      "restore",
      "Check a backup file and restore it into the database, which must be new or empty "
      "(stop the servers, move the old database aside or make a new one)");
  restore->add_option("file", restore_file, "The backup file `kartla backup` wrote")->required();
  restore->callback([&context] {
    WithDatabase(context, [&](const std::string& database) -> Status {
      auto report = RestoreDatabase(restore_file, database, context.clock,
                                    [](const std::string&, int64_t) {});
      if (!report.ok()) return report.status();
      PrintTables(context.out, *report);
      context.out << fmt::format(
          "Restored {} into {}: {} tables, {} rows; every table's rows and content hash agree "
          "with the backup's.\n",
          restore_file, ShownDatabase(database), report->tables.size(), report->rows);
      return Status::Ok();
    });
  });
}

}  // namespace kartla::cli
