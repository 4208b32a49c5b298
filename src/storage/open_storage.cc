#include <filesystem>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "core/system_error.h"
#include "storage/postgres/postgres_database.h"
#include "storage/sql/copy.h"
#include "storage/sql/migrations.h"
#include "storage/sql/sql_account_store.h"
#include "storage/sql/sql_contact_store.h"
#include "storage/sql/sql_form_store.h"
#include "storage/sql/sql_invitation_store.h"
#include "storage/sql/sql_registry_store.h"
#include "storage/sql/sql_response_store.h"
#include "storage/sql/sql_round_store.h"
#include "storage/sqlite/sqlite_database.h"
#include "storage/storage.h"

namespace kartla {
namespace {

// The stores over one database of type D (SqliteDatabase or
// PostgresDatabase).
template <typename D>
class SqlStorage final : public Storage {
 public:
  explicit SqlStorage(std::unique_ptr<D> database)
      : database_(std::move(database)),
        registry_(*database_),
        forms_(*database_),
        rounds_(*database_),
        invitations_(*database_),
        responses_(*database_),
        accounts_(*database_),
        contacts_(*database_) {}

  RegistryStore& registry() override { return registry_; }
  forms::FormStore& forms() override { return forms_; }
  rounds::RoundStore& rounds() override { return rounds_; }
  fieldwork::InvitationStore& invitations() override { return invitations_; }
  responses::ResponseStore& responses() override { return responses_; }
  accounts::AccountStore& accounts() override { return accounts_; }
  fieldwork::ContactStore& contacts() override { return contacts_; }
  int schema_version() override { return database_->schema_version(); }
  std::unique_ptr<sql::Database::ReadScope> ReadTogether() override {
    return database_->ReadTogether();
  }
  std::unique_ptr<fieldwork::SenderLock> JoinSenders(
      const std::function<void()>& if_alone) override {
    if constexpr (std::is_same_v<D, postgres::PostgresDatabase>) {
      return database_->JoinSenders(if_alone);
    } else {
      return nullptr;  // a file beside the database (App::JoinSenders)
    }
  }
  std::optional<int64_t> CountAttempt(const std::string& key, TimePoint now) override {
    if constexpr (std::is_same_v<D, postgres::PostgresDatabase>) {
      return database_->CountAttempt(key, now);
    } else {
      return std::nullopt;
    }
  }

 private:
  const std::unique_ptr<D> database_;
  sql::SqlRegistryStore registry_;
  sql::SqlFormStore forms_;
  sql::SqlRoundStore rounds_;
  sql::SqlInvitationStore invitations_;
  sql::SqlResponseStore responses_;
  sql::SqlAccountStore accounts_;
  sql::SqlContactStore contacts_;
};

// The database `database` names, without the stores.
Result<std::unique_ptr<sql::Database>> OpenDatabase(const std::string& database, bool create,
                                                    const Clock& clock) {
  if (postgres::IsPostgresUrl(database)) {
    postgres::PostgresOptions options;
    options.url = database;
    options.create = create;
    options.now = FormatTimestamp(clock.Now());
    auto opened = postgres::PostgresDatabase::Open(options);
    if (!opened.ok()) return opened.status();
    return std::unique_ptr<sql::Database>(std::move(opened).value());
  }
  sqlite::SqliteOptions options;
  options.path = database;
  options.create = create;
  options.now = FormatTimestamp(clock.Now());
  auto opened = sqlite::SqliteDatabase::Open(options);
  if (!opened.ok()) return opened.status();
  return std::unique_ptr<sql::Database>(std::move(opened).value());
}

// Thrown inside the target's write when it holds data: rolls it back.
struct TargetHoldsData {};

CopyReport ReportOf(const std::vector<sql::TableFingerprint>& prints) {
  CopyReport report;
  for (const sql::TableFingerprint& print : prints) {
    report.tables.push_back({print.table, print.rows, print.hash});
    report.rows += print.rows;
  }
  return report;
}

}  // namespace

bool IsServerDatabase(const std::string& database) {
  return postgres::IsPostgresUrl(database);
}

std::string ShownDatabase(const std::string& database) {
  return postgres::IsPostgresUrl(database) ? postgres::RedactedUrl(database) : database;
}

Result<CopyReport> CopyDatabase(
    const std::string& from, const std::string& to, const Clock& clock,
    const std::function<void(const std::string&, int64_t)>& progress) {
  if (from == to ||
      (!postgres::IsPostgresUrl(from) && !postgres::IsPostgresUrl(to) &&
       std::filesystem::exists(to) && std::filesystem::equivalent(from, to))) {
    return Status::FailedPrecondition("the source and the target are the same database");
  }
  auto source = OpenDatabase(from, /*create=*/false, clock);
  if (!source.ok()) return source.status();
  auto target = OpenDatabase(to, /*create=*/true, clock);
  if (!target.ok()) return target.status();
  const std::vector<std::string> tables = sql::TablesInOrder(sql::BuiltinMigrations());
  std::vector<sql::TableFingerprint> expected;
  try {
    (*source)->Read([&](sql::Connection& from_connection) {
      expected = sql::Fingerprint(from_connection, tables);
      (*target)->Write([&](sql::Connection& to_connection) {
        if (sql::HoldsRows(to_connection, tables)) throw TargetHoldsData{};
        sql::CopyRows(from_connection, to_connection, tables, progress);
      });
    });
  } catch (const TargetHoldsData&) {
    return Status::FailedPrecondition(fmt::format(
        "{} already holds data; copy only into a new or empty database (nothing was changed)",
        ShownDatabase(to)));
  }
  auto copied = (*target)->ReadValue(
      [&](sql::Connection& c) { return sql::Fingerprint(c, tables); });
  for (size_t i = 0; i < tables.size(); ++i) {
    if (!(copied[i] == expected[i])) {
      throw SystemError(fmt::format(
          "the copy of table {} differs from its source ({} rows, hash {:016x}; copied {} rows, "
          "hash {:016x})",
          tables[i], expected[i].rows, expected[i].hash, copied[i].rows, copied[i].hash));
    }
  }
  return ReportOf(copied);
}

Result<CopyReport> FingerprintDatabase(const std::string& database, const Clock& clock) {
  auto opened = OpenDatabase(database, /*create=*/false, clock);
  if (!opened.ok()) return opened.status();
  const std::vector<std::string> tables = sql::TablesInOrder(sql::BuiltinMigrations());
  return ReportOf((*opened)->ReadValue(
      [&](sql::Connection& c) { return sql::Fingerprint(c, tables); }));
}

Result<CopyReport> BackupDatabase(const std::string& database, const std::string& file,
                                  const Clock& clock) {
  if (std::filesystem::exists(file)) {
    return Status::FailedPrecondition(
        fmt::format("{} exists; give a new file for the backup", file));
  }
  if (postgres::IsPostgresUrl(database)) {
    return CopyDatabase(database, file, clock, [](const std::string&, int64_t) {});
  }
  {
    // A Kartla database, its schema up to date.
    auto source = OpenDatabase(database, /*create=*/false, clock);
    if (!source.ok()) return source.status();
  }
  std::string partial = file + ".partial";
  std::filesystem::remove(partial);
  sqlite::SqliteDatabase::Backup(database, partial);
  std::filesystem::rename(partial, file);
  return FingerprintDatabase(file, clock);
}

Result<CopyReport> RestoreDatabase(
    const std::string& file, const std::string& database, const Clock& clock,
    const std::function<void(const std::string&, int64_t)>& progress) {
  if (!std::filesystem::is_regular_file(file)) {
    return Status::InvalidInput(fmt::format("{}: there is no such backup file", file));
  }
  // Read through a copy of its own, so that bringing an older backup's
  // schema up to date leaves the file as it was.
  std::string working = database + ".restoring";
  if (postgres::IsPostgresUrl(database)) working = file + ".restoring";
  std::filesystem::remove(working);
  std::filesystem::copy_file(file, working);
  struct Remove {
    std::string path;
    ~Remove() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
      std::filesystem::remove(path + "-wal", ignored);
      std::filesystem::remove(path + "-shm", ignored);
    }
  } remove{working};
  {
    auto opened = OpenDatabase(working, /*create=*/false, clock);
    if (!opened.ok()) {
      if (opened.status().code() == ErrorCode::kIncompatible &&
          opened.status().message().find("newer Kartla") == std::string::npos) {
        return Status::InvalidInput(fmt::format("{} is not a Kartla backup", file));
      }
      return opened.status();
    }
  }
  return CopyDatabase(working, database, clock, progress);
}

Result<std::unique_ptr<Storage>> OpenSqliteStorage(
    const SqliteStorageOptions& options, const Clock& clock) {
  sqlite::SqliteOptions sqlite_options;
  sqlite_options.path = options.path;
  sqlite_options.create = options.create;
  sqlite_options.max_group = options.max_group;
  sqlite_options.now = FormatTimestamp(clock.Now());
  auto database = sqlite::SqliteDatabase::Open(sqlite_options);
  if (!database.ok()) return database.status();
  return std::unique_ptr<Storage>(
      std::make_unique<SqlStorage<sqlite::SqliteDatabase>>(std::move(database).value()));
}

Result<std::unique_ptr<Storage>> OpenStorage(const StorageOptions& options,
                                             const Clock& clock) {
  if (!postgres::IsPostgresUrl(options.database)) {
    return OpenSqliteStorage({.path = options.database, .create = options.create}, clock);
  }
  postgres::PostgresOptions postgres_options;
  postgres_options.url = options.database;
  postgres_options.create = options.create;
  postgres_options.now = FormatTimestamp(clock.Now());
  if (options.max_connections > 0) postgres_options.max_connections = options.max_connections;
  auto database = postgres::PostgresDatabase::Open(postgres_options);
  if (!database.ok()) return database.status();
  return std::unique_ptr<Storage>(
      std::make_unique<SqlStorage<postgres::PostgresDatabase>>(std::move(database).value()));
}

}  // namespace kartla
