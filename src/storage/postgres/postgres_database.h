// The shared database: PostgreSQL through libpq, for several `kartla serve`
// processes on one database. A pool of connections serves reads and writes;
// each statement is prepared once per connection. Writes run SERIALIZABLE
// and commit with the server's synchronous commit, so that a write has the
// promise of SQLite's (durable when Write returns, as if writes ran one at a
// time); a write that loses a conflict with another is run again. Reads run
// in a REPEATABLE READ READ ONLY transaction: one snapshot, shared by the
// reads of a request (ReadTogether).

#ifndef KARTLA_STORAGE_POSTGRES_POSTGRES_DATABASE_H_
#define KARTLA_STORAGE_POSTGRES_POSTGRES_DATABASE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "fieldwork/sender_lock.h"
#include "storage/sql/database.h"

namespace kartla::postgres {

struct PostgresOptions {
  // A libpq connection URI, "postgresql://user@host:port/dbname?…".
  std::string url;
  // Create the database (UTF-8, C collation) if it does not exist, through
  // the server's "postgres" database. Default: false.
  bool create = false;
  // The most connections this process opens. Default: 16.
  size_t max_connections = 16;
  // How long a request waits for a free connection before it fails.
  // Default: 30 s.
  std::chrono::milliseconds wait = std::chrono::seconds(30);
  // The time stamp recorded for migrations applied on opening.
  std::string now;
};

struct PoolStats {
  uint64_t retries = 0;  // writes run again after a conflict
  size_t open = 0;       // connections open now
};

class PostgresDatabase : public sql::Database {
 public:
  // Connects, checks that the database suits Kartla and applies pending
  // migrations (one server at a time, under an advisory lock). Fails with
  // kFailedPrecondition if the database does not exist and !create, with
  // kIncompatible if it holds other tables than Kartla's, was written by a
  // newer Kartla, or is not UTF-8 with C collation (ordering must not depend
  // on the server's locale). Throws SystemError if the server cannot be
  // reached.
  static Result<std::unique_ptr<PostgresDatabase>> Open(const PostgresOptions& options);
  ~PostgresDatabase() override;

  void Write(const std::function<void(sql::Connection&)>& work) override;
  void Read(const std::function<void(sql::Connection&)>& work) override;
  std::unique_ptr<ReadScope> ReadTogether() override;

  int schema_version();
  PoolStats stats() const;

  // Joins the senders of the outbox (fieldwork/sender_lock.h) with an
  // advisory lock held by a connection of its own: exclusive while
  // `if_alone` runs, shared after. The server drops it when the connection
  // ends, however the process ends. Throws SystemError if the server fails.
  std::unique_ptr<fieldwork::SenderLock> JoinSenders(const std::function<void()>& if_alone);

  // Counts an attempt of `key` in the minute of `now` in an UNLOGGED table
  // (shared by every server, not worth a flush to disk, emptied by a crash
  // of the server), made on opening, outside the migrations; returns the
  // attempts of `key` in that minute. Rows of past minutes are pruned now
  // and then.
  int64_t CountAttempt(const std::string& key, TimePoint now);

  class Impl;

 private:
  explicit PostgresDatabase(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Whether `database` (a `database` setting) names a PostgreSQL database:
// it starts with postgresql:// or postgres://.
bool IsPostgresUrl(std::string_view database);

// `url` with its password, if any, replaced by "***", for messages and logs.
std::string RedactedUrl(std::string_view url);

}  // namespace kartla::postgres

#endif  // KARTLA_STORAGE_POSTGRES_POSTGRES_DATABASE_H_
