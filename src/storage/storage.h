// The stores of every domain module, implemented over one database. Built in
// app/ and handed to the services by reference.

#ifndef KARTLA_STORAGE_STORAGE_H_
#define KARTLA_STORAGE_STORAGE_H_

#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "accounts/account.h"
#include "core/status.h"
#include "fieldwork/contact.h"
#include "fieldwork/invitation.h"
#include "fieldwork/sender_lock.h"
#include "forms/form_store.h"
#include "registry/registry_store.h"
#include "responses/response.h"
#include "rounds/round_store.h"
#include "storage/sql/database.h"

namespace kartla {

// Thread-safe: every store may be used from any thread.
class Storage {
 public:
  virtual ~Storage() = default;
  virtual RegistryStore& registry() = 0;
  virtual forms::FormStore& forms() = 0;
  virtual rounds::RoundStore& rounds() = 0;
  virtual fieldwork::InvitationStore& invitations() = 0;
  virtual responses::ResponseStore& responses() = 0;
  virtual accounts::AccountStore& accounts() = 0;
  virtual fieldwork::ContactStore& contacts() = 0;
  // The schema version of the database.
  virtual int schema_version() = 0;
  // While the returned handle lives, the calling thread's reads of every
  // store share one snapshot of the database (sql::Database::ReadTogether):
  // for a request that reads several stores. A write on the thread ends the
  // snapshot. May be null (nothing shared).
  virtual std::unique_ptr<sql::Database::ReadScope> ReadTogether() = 0;
  // Joins the processes that send the outbox through the database itself
  // (fieldwork/sender_lock.h), running `if_alone` first if no other process
  // is sending. Null if the database has no such lock (SQLite: the caller
  // uses a file beside it). Throws SystemError if the database fails.
  virtual std::unique_ptr<fieldwork::SenderLock> JoinSenders(
      const std::function<void()>& if_alone) = 0;
};

struct SqliteStorageOptions {
  std::string path = "kartla.db";  // Default: ./kartla.db
  // Create the file if missing. Default: false.
  bool create = false;
  // The most writes committed together (1: every write on its own).
  // Default: 512.
  size_t max_group = 512;
};

// Opens the SQLite database at options.path, applying pending migrations.
// Fails with kFailedPrecondition if it is missing and !create, kIncompatible
// if it is not a Kartla database or a newer Kartla wrote it. Throws
// SystemError if the file cannot be read or written.
Result<std::unique_ptr<Storage>> OpenSqliteStorage(
    const SqliteStorageOptions& options, const Clock& clock);

struct StorageOptions {
  // An SQLite file's path, or a PostgreSQL URL (postgresql://…).
  std::string database = "kartla.db";
  // Create the file (or the PostgreSQL database) if missing. Default: false.
  bool create = false;
  // PostgreSQL: the most connections this process opens; 0 for the
  // default (16).
  size_t max_connections = 0;
};

// Opens the database `options.database` names: a PostgreSQL database if it
// is a postgresql:// URL, else an SQLite file; fails as OpenSqliteStorage
// (and PostgresDatabase::Open).
Result<std::unique_ptr<Storage>> OpenStorage(const StorageOptions& options,
                                             const Clock& clock);

}  // namespace kartla

#endif  // KARTLA_STORAGE_STORAGE_H_
