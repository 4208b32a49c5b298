// A connection to a PostgreSQL server over libpq. Only storage/postgres/
// includes this header.

#ifndef KARTLA_STORAGE_POSTGRES_POSTGRES_CONNECTION_H_
#define KARTLA_STORAGE_POSTGRES_POSTGRES_CONNECTION_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/system_error.h"
#include "storage/sql/connection.h"

struct pg_conn;

namespace kartla::postgres {

// A failure the server reported, with its SQLSTATE code ("40001": a
// serialization failure; "" when the connection itself failed).
class PostgresError : public SystemError {
 public:
  PostgresError(const std::string& what, std::string sqlstate)
      : SystemError(what), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  // A conflict with a concurrent transaction: running the transaction
  // again may succeed (serialization failure, deadlock).
  bool retryable() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

 private:
  std::string sqlstate_;
};

// Not thread-safe: one thread at a time. Statements with parameters are
// prepared once per connection (their `?` become $1, $2 ...) and reused;
// integers are sent as bigint and doubles as double precision, text and
// NULL with their type left to the server to infer from the statement.
class PostgresConnection final : public sql::Connection {
 public:
  // Connects with `url` (a libpq connection URI or key=value string), in
  // UTF-8 and UTC; to the database `database` instead of the URL's if it is
  // set. Throws PostgresError if the server cannot be reached or refuses.
  explicit PostgresConnection(const std::string& url, const std::string& database = "");
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  void Execute(std::string_view sql, std::span<const sql::Value> params) override;
  using sql::Connection::Execute;
  void Query(std::string_view sql, std::span<const sql::Value> params,
             const std::function<void(const sql::Row&)>& each) override;
  using sql::Connection::Query;
  void ExecuteScript(std::string_view sql) override;
  std::string_view BeginWriteStatement() const override {
    return "BEGIN ISOLATION LEVEL SERIALIZABLE";
  }

  std::vector<std::string> ColumnsOf(std::string_view table) override;
  void ResumeIds(std::string_view table) override;

  // False once the server has gone (the connection cannot be reused).
  bool healthy() const;

 private:
  // Runs `sql` with `params` and calls `each` for its rows (if any).
  void Run(std::string_view sql, std::span<const sql::Value> params,
           const std::function<void(const sql::Row&)>* each);
  // The name of the prepared statement for `sql` with parameters of
  // `types` (one letter per parameter), preparing it on first use.
  const std::string& Prepared(std::string_view sql, const std::string& types);

  pg_conn* conn_ = nullptr;
  // Keyed by the parameter types, a NUL, then the statement's text.
  std::unordered_map<std::string, std::string> statements_;
};

// `sql` with each `?` outside quotes and comments replaced by $1, $2 ...
// Exposed for tests.
std::string NumberPlaceholders(std::string_view sql);

}  // namespace kartla::postgres

#endif  // KARTLA_STORAGE_POSTGRES_POSTGRES_CONNECTION_H_
