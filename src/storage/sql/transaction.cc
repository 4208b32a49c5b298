#include "storage/sql/transaction.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace kartla::sql {

Transaction::Transaction(Connection& connection, std::string_view begin)
    : connection_(connection) {
  connection_.Execute(begin);
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    connection_.Execute("ROLLBACK");
  } catch (const std::exception& e) {
    spdlog::error("rollback failed: {}", e.what());
  }
}

void Transaction::Commit() {
  connection_.Execute("COMMIT");
  open_ = false;
}

Savepoint::Savepoint(Connection& connection, std::string name)
    : connection_(connection), name_(std::move(name)) {
  connection_.Execute("SAVEPOINT " + name_);
}

Savepoint::~Savepoint() {
  if (!open_) return;
  try {
    connection_.Execute("ROLLBACK TO " + name_);
    connection_.Execute("RELEASE " + name_);
  } catch (const std::exception& e) {
    spdlog::error("rollback to savepoint failed: {}", e.what());
  }
}

void Savepoint::Release() {
  connection_.Execute("RELEASE " + name_);
  open_ = false;
}

}  // namespace kartla::sql
