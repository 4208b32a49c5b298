// The stores of every domain module, implemented over one database. Built in
// app/ and handed to the services by reference.

#ifndef KARTLA_STORAGE_STORAGE_H_
#define KARTLA_STORAGE_STORAGE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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
  // Counts an attempt of `key` (e.g. a bad link from an address) at `now`
  // across every process of the database; returns the attempts of `key` in
  // the minute of `now`, this one included. Nullopt if the database keeps no
  // such count (SQLite, served by one process, which counts in memory). Not
  // durable: a restart may forget. Throws SystemError if the database fails.
  virtual std::optional<int64_t> CountAttempt(const std::string& key, TimePoint now) = 0;
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

// Whether `database` (a `database` setting) names a database on a server
// (a PostgreSQL URL) rather than an SQLite file.
bool IsServerDatabase(const std::string& database);

// `database` (a `database` setting) as messages and logs show it: a
// PostgreSQL URL with its password, if any, replaced by ***.
std::string ShownDatabase(const std::string& database);

// What CopyDatabase copied: each table's rows and content hash (the same in
// the source's snapshot and in the target, or the copy fails).
struct CopyReport {
  struct Table {
    std::string name;
    int64_t rows = 0;
    uint64_t hash = 0;
  };
  std::vector<Table> tables;
  int64_t rows = 0;
};

// Copies everything in the database `from` into the database `to` (each an
// SQLite path or a PostgreSQL URL; `to` is created if missing), reading one
// snapshot of `from` (servers may go on writing to it) and writing in one
// transaction on `to`; then compares the row counts and content hashes of
// every table. Calls `progress(table, rows)` after each table. Fails with
// kFailedPrecondition, changing nothing, if `to` already holds data or is
// `from`, and as OpenStorage if either cannot be opened. Throws SystemError
// if a database fails, or if the target's content differs after the copy.
Result<CopyReport> CopyDatabase(
    const std::string& from, const std::string& to, const Clock& clock,
    const std::function<void(const std::string&, int64_t)>& progress);

// Each table's rows and content hash in one snapshot of `database` (the
// hashes CopyDatabase compares; equal across SQLite and PostgreSQL for the
// same content). Fails as OpenStorage.
Result<CopyReport> FingerprintDatabase(const std::string& database, const Clock& clock);

// A consistent copy of the running database `database` as a new SQLite
// file `file`: SQLite's online backup API for an SQLite database (writers go
// on meanwhile), CopyDatabase for a PostgreSQL one. Fails with
// kFailedPrecondition if `file` exists.
Result<CopyReport> BackupDatabase(const std::string& database, const std::string& file,
                                  const Clock& clock);

// Restores the backup `file` (an SQLite file BackupDatabase wrote; left
// unchanged, even if it is from an older Kartla) into the database
// `database`, which must be new or empty: checks the file, then
// CopyDatabase. Fails with kInvalidInput if `file` is not a Kartla backup, kIncompatible if a newer Kartla wrote it, kFailedPrecondition if
// `database` holds data.
Result<CopyReport> RestoreDatabase(
    const std::string& file, const std::string& database, const Clock& clock,
    const std::function<void(const std::string&, int64_t)>& progress);

}  // namespace kartla

#endif  // KARTLA_STORAGE_STORAGE_H_
