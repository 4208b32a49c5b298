// The thread's shared read snapshot (Database::ReadTogether), for a
// database whose connections come from a pool: a connection taken at the
// first Read, its transaction begun then, and ended by a Write of the
// thread or at the end of the scope. The SQLite and the PostgreSQL
// databases both use it, with their own pools and BEGIN statements.
#ifndef KARTLA_STORAGE_SQL_SHARED_READ_H_
#define KARTLA_STORAGE_SQL_SHARED_READ_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

#include "storage/sql/database.h"
#include "storage/sql/transaction.h"

namespace kartla::sql {

// `Pool` gives a connection with `std::unique_ptr<Conn> TakeConnection()`,
// takes it back with `GiveBack(std::unique_ptr<Conn>)`, and `Discard`s one
// whose snapshot could not be ended cleanly (it is never used again).
template <typename Pool, typename Conn>
class SharedRead final : public Database::ReadScope {
 public:
  // Null if the thread already holds a scope (of any database of this
  // kind): scopes do not nest.
  static std::unique_ptr<SharedRead> Begin(Pool& pool, std::string_view begin) {
    if (current_ != nullptr) return nullptr;
    return std::unique_ptr<SharedRead>(new SharedRead(pool, begin));
  }

  // The calling thread's scope of `pool`, or null.
  static SharedRead* Of(const Pool& pool) {
    return current_ != nullptr && &current_->pool_ == &pool ? current_ : nullptr;
  }

  ~SharedRead() override {
    current_ = nullptr;
    End();
  }

  // Runs `work` in the snapshot, begun now if none is open. If `work`
  // throws, the snapshot is rolled back and the next Read begins afresh.
  void Read(const std::function<void(Connection&)>& work) {
    if (connection_ == nullptr) connection_ = pool_.TakeConnection();
    if (!snapshot_) snapshot_.emplace(*connection_, begin_);
    try {
      work(*connection_);
    } catch (...) {
      snapshot_.reset();
      throw;
    }
  }

  // Ends the snapshot and gives the connection back, so that a request
  // waiting for its write does not hold a connection meanwhile. The next
  // Read begins a new snapshot.
  void End() {
    if (connection_ == nullptr) return;
    bool ended = true;
    if (snapshot_) {
      try {
        snapshot_->Commit();
      } catch (const std::exception& e) {
        spdlog::warn("ending a read snapshot failed: {}", e.what());
        ended = false;
      }
      snapshot_.reset();
    }
    if (ended) {
      pool_.GiveBack(std::move(connection_));
    } else {
      pool_.Discard(std::move(connection_));
    }
    connection_.reset();
  }

 private:
  SharedRead(Pool& pool, std::string_view begin) : pool_(pool), begin_(begin) {
    current_ = this;
  }

  static inline thread_local SharedRead* current_ = nullptr;

  Pool& pool_;
  const std::string begin_;
  std::unique_ptr<Conn> connection_;
  std::optional<Transaction> snapshot_;
};

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_SHARED_READ_H_
