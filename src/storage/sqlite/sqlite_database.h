// The embedded database: one SQLite file in WAL mode. Writes go through a
// single writer thread that commits them in groups: every caller's work runs
// in its own savepoint inside one transaction, and one commit (one fsync)
// makes the whole group durable before any caller is told. Reads run on
// separate read-only connections, concurrently with the writer.

#ifndef KARTLA_STORAGE_SQLITE_SQLITE_DATABASE_H_
#define KARTLA_STORAGE_SQLITE_SQLITE_DATABASE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"
#include "storage/sql/database.h"

namespace kartla::sqlite {

struct SqliteOptions {
  std::string path;  // the database file; WAL and shared-memory files beside it
  // Create the file if it does not exist. Default: false, and opening a
  // missing file fails with kFailedPrecondition.
  bool create = false;
  // The most writes committed together. 1 commits every write on its own.
  // Default: 512.
  size_t max_group = 512;
  // Read connections kept open for reuse. Opening one (and preparing its
  // statements anew) costs far more than a read, so there is room for as
  // many as the server's threads read at once. Default: 64.
  size_t idle_readers = 64;
  // The time stamp recorded for migrations applied on opening.
  std::string now;
};

// Counters of the group-commit writer, for tests and benchmarks.
struct WriterStats {
  uint64_t writes = 0;   // work items committed or failed
  uint64_t commits = 0;  // transactions committed
  size_t queued = 0;     // writes waiting for the writer now
};

class SqliteDatabase : public sql::Database {
 public:
  // Opens (or creates) the database and applies pending migrations. Fails
  // with kFailedPrecondition if the file is missing and !create, with
  // kIncompatible if it is not a Kartla database or a newer Kartla wrote it.
  static Result<std::unique_ptr<SqliteDatabase>> Open(
      const SqliteOptions& options);

  // Finishes the writes already queued, then closes.
  ~SqliteDatabase() override;

  void Write(const std::function<void(sql::Connection&)>& work) override;
  void Read(const std::function<void(sql::Connection&)>& work) override;
  std::unique_ptr<ReadScope> ReadTogether() override;

  // Copies the database at `path`, as one snapshot, into a new file `file`
  // with SQLite's online backup API; writers go on meanwhile. Throws
  // SystemError if either file fails.
  static void Backup(const std::string& path, const std::string& file);

  WriterStats stats() const;
  // The schema version of the file.
  int schema_version();

  class Impl;

 private:
  explicit SqliteDatabase(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kartla::sqlite

#endif  // KARTLA_STORAGE_SQLITE_SQLITE_DATABASE_H_
