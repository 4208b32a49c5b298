#include <type_traits>
#include <utility>

#include "core/system_error.h"
#include "storage/postgres/postgres_database.h"
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

}  // namespace

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
