// A Database hands out connections for reading and runs writes durably.

#ifndef KARTLA_STORAGE_SQL_DATABASE_H_
#define KARTLA_STORAGE_SQL_DATABASE_H_

#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "storage/sql/connection.h"

namespace kartla::sql {

// Thread-safe: any number of threads may call Write and Read at once.
class Database {
 public:
  virtual ~Database() = default;

  // Runs `work` inside a write transaction and returns only once its changes
  // are durable on disk. If `work` throws, its changes are undone and the
  // exception is rethrown here; other writes are not affected. Throws
  // SystemError if the commit fails. Writes behave as if run one at a time
  // (SQLite has one writer; PostgreSQL runs them serializable and, when two
  // conflict, runs the loser's `work` again): so `work` may run more than
  // once, and must set its results rather than add to them.
  virtual void Write(const std::function<void(Connection&)>& work) = 0;

  // Runs `work` on a connection that sees one consistent snapshot of the
  // database and may not change it.
  virtual void Read(const std::function<void(Connection&)>& work) = 0;

  // Ends a shared snapshot (ReadTogether) when destroyed.
  class ReadScope {
   public:
    virtual ~ReadScope() = default;
  };
  // While the returned scope lives, the Reads of the calling thread share
  // one connection and one snapshot: a page that reads a session, then its
  // answers, opens one read transaction rather than two. A Write on the
  // thread ends the snapshot, so that the Reads after it see what was
  // written. Null (nothing shared) if the thread already holds a scope (of
  // any database), or if the database does not share. The scope must be
  // destroyed on the thread that made it.
  virtual std::unique_ptr<ReadScope> ReadTogether() { return nullptr; }

  // Write() for work that computes a value.
  template <typename F>
  auto WriteValue(F&& work) -> decltype(work(std::declval<Connection&>())) {
    std::optional<decltype(work(std::declval<Connection&>()))> out;
    Write([&](Connection& c) { out.emplace(work(c)); });
    return std::move(*out);
  }

  // Read() for work that computes a value.
  template <typename F>
  auto ReadValue(F&& work) -> decltype(work(std::declval<Connection&>())) {
    std::optional<decltype(work(std::declval<Connection&>()))> out;
    Read([&](Connection& c) { out.emplace(work(c)); });
    return std::move(*out);
  }

 protected:
  // Called by Write before it waits for a durable commit. On a thread that
  // must not wait (core/no_waiting.h: a server's I/O thread running a GET
  // not declared as writing) throws std::logic_error in debug builds and
  // warns once in release builds.
  static void CheckMayWait();
};

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_DATABASE_H_
