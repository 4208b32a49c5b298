#include "storage/sql/migrations.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/embedded.h"
#include "core/system_error.h"
#include "storage/sql/transaction.h"

namespace kartla {
// Defined by the kartla_migrations library (cmake/embed.cmake).
std::span<const EmbeddedFile> MigrationFiles();
}  // namespace kartla

namespace kartla::sql {
namespace {

std::string Expand(std::string_view text, std::string_view id_type) {
  std::string out(text);
  const std::string token = "{{id}}";
  for (size_t at = out.find(token); at != std::string::npos;
       at = out.find(token, at + id_type.size())) {
    out.replace(at, token.size(), id_type);
  }
  return out;
}

}  // namespace

std::vector<Migration> BuiltinMigrations() {
  std::vector<Migration> migrations;
  for (const EmbeddedFile& file : MigrationFiles()) {
    std::string_view base = file.path.substr(file.path.rfind('/') + 1);
    int version = 0;
    auto [end, error] =
        std::from_chars(base.data(), base.data() + base.size(), version);
    if (error != std::errc() || *end != '_' || !base.ends_with(".sql")) {
      throw SystemError(fmt::format("migration file {} is not named "
                                    "NNNN_name.sql",
                                    file.path));
    }
    std::string_view name = base.substr(end - base.data() + 1);
    name.remove_suffix(4);
    migrations.push_back({version, std::string(name), file.contents});
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) {
              return a.version < b.version;
            });
  return migrations;
}

int LatestVersion(std::span<const Migration> migrations) {
  return migrations.empty() ? 0 : migrations.back().version;
}

int SchemaVersion(Connection& connection) {
  int version = 0;
  connection.Query(
      "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {},
      [&](const Row& row) { version = int(row.Int(0)); });
  return version;
}

Status Migrate(Connection& connection, std::span<const Migration> migrations,
               std::string_view id_type, std::string_view applied_at) {
  connection.ExecuteScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY,"
      " name TEXT NOT NULL,"
      " applied_at TEXT NOT NULL)");
  int current = SchemaVersion(connection);
  int latest = LatestVersion(migrations);
  if (current > latest) {
    return Status::Incompatible(fmt::format(
        "the database has schema version {}, but this Kartla knows versions "
        "up to {}: it was written by a newer Kartla; upgrade Kartla to use "
        "it",
        current, latest));
  }
  for (const Migration& migration : migrations) {
    if (migration.version <= current) continue;
    Transaction transaction(connection, connection.BeginWriteStatement());
    connection.ExecuteScript(Expand(migration.text, id_type));
    connection.Execute(
        "INSERT INTO schema_migrations (version, name, applied_at) "
        "VALUES (?, ?, ?)",
        {int64_t{migration.version}, migration.name,
         std::string(applied_at)});
    transaction.Commit();
  }
  return Status::Ok();
}

}  // namespace kartla::sql
