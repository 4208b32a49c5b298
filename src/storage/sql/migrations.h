// Schema migrations: numbered SQL scripts in storage/migrations/
// (NNNN_name.sql), compiled into the program and applied in order when a
// database is opened. Applied versions are recorded in schema_migrations.
//
// Scripts use portable SQL; the one type that differs between databases, an
// auto-numbered primary key, is written {{id}} and filled in per dialect.
// INTEGER means a 64-bit integer, as in SQLite; PostgreSQL's dialect writes
// BIGINT for it. A script whose first line is "-- only: NAME" is run on the
// database of that dialect alone; on any other its version is recorded as
// applied with nothing done (a change of how one database stores a table).

#ifndef KARTLA_STORAGE_SQL_MIGRATIONS_H_
#define KARTLA_STORAGE_SQL_MIGRATIONS_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "storage/sql/connection.h"

namespace kartla::sql {

struct Migration {
  int version = 0;        // NNNN of the file name
  std::string name;       // the rest of the file name
  std::string_view text;  // the script with {{id}} unexpanded
};

// How one database writes what the scripts leave open.
struct Dialect {
  std::string_view name;      // "sqlite" or "postgres": for "-- only: NAME"
  std::string_view id_type;   // replaces {{id}}
  bool bigint = false;        // INTEGER is written BIGINT
};

// Whether `dialect` runs `migration` (see "-- only:" above).
bool RunsOn(const Migration& migration, const Dialect& dialect);

// The migrations built into the program, in ascending version.
std::vector<Migration> BuiltinMigrations();

// The highest version among `migrations`, 0 if none.
int LatestVersion(std::span<const Migration> migrations);

// Brings the schema of the database behind `connection` up to the last of
// `migrations`, each in its own transaction, written in `dialect`.
// Fails with kIncompatible, changing nothing, if the database was written by
// a newer Kartla (it has versions this program does not know). Throws
// SystemError if the database fails.
// REQUIRES: no transaction is open on `connection`.
Status Migrate(Connection& connection, std::span<const Migration> migrations,
               const Dialect& dialect, std::string_view applied_at);

// `text` as `dialect` writes it. Exposed for tests.
std::string Expand(std::string_view text, const Dialect& dialect);

// The schema version of the database: the highest migration applied, or 0.
int SchemaVersion(Connection& connection);

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_MIGRATIONS_H_
