#include "storage/sql/sql_account_store.h"
#include "storage/sql/sql_contact_store.h"
#include "storage/sql/sql_form_store.h"
#include "storage/sql/sql_invitation_store.h"
#include "storage/sql/sql_response_store.h"
#include "storage/sql/sql_registry_store.h"
#include "storage/sql/sql_round_store.h"
#include "storage/sqlite/sqlite_database.h"
#include "storage/storage.h"

namespace kartla {
namespace {

class SqliteStorage final : public Storage {
 public:
  explicit SqliteStorage(std::unique_ptr<sqlite::SqliteDatabase> database)
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

 private:
  const std::unique_ptr<sqlite::SqliteDatabase> database_;
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
      std::make_unique<SqliteStorage>(std::move(database).value()));
}

}  // namespace kartla
