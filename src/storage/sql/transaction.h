// Scoped transactions and savepoints: they roll back when they go out of
// scope unless committed (released).

#ifndef KARTLA_STORAGE_SQL_TRANSACTION_H_
#define KARTLA_STORAGE_SQL_TRANSACTION_H_

#include <string>
#include <string_view>

#include "storage/sql/connection.h"

namespace kartla::sql {

// Begins a transaction on construction; rolls it back on destruction unless
// Commit() was called. Not thread-safe (nor is the connection).
class Transaction {
 public:
  // Begins with `begin`, e.g. "BEGIN" or connection.BeginWriteStatement().
  Transaction(Connection& connection, std::string_view begin);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // Rolls back unless committed. Never throws.
  ~Transaction();

  // Commits. Throws SystemError if the commit fails; the transaction is then
  // rolled back.
  void Commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

// A named savepoint inside a transaction: Release() keeps its changes;
// destruction without Release() undoes them and leaves the transaction open.
class Savepoint {
 public:
  Savepoint(Connection& connection, std::string name);
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  ~Savepoint();

  void Release();

 private:
  Connection& connection_;
  const std::string name_;
  bool open_ = true;
};

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_TRANSACTION_H_
