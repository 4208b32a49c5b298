// The portable SQL layer every store is written against. Statements use `?`
// for parameters, bound in order; each database's Connection translates them
// (PostgreSQL's driver turns them into $1, $2 ...). Stores write SQL that
// SQLite and PostgreSQL both accept, and let migrations name the few types
// that differ (see migrations.h).
//
// Nothing outside storage/ includes this file.

#ifndef KARTLA_STORAGE_SQL_CONNECTION_H_
#define KARTLA_STORAGE_SQL_CONNECTION_H_

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.h"

namespace kartla::sql {

// A parameter or column value. std::monostate is SQL NULL.
using Value = std::variant<std::monostate, int64_t, double, std::string>;

// One row of a query's result, valid only during the callback it is passed
// to.
class Row {
 public:
  virtual ~Row() = default;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Double(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  // The same without a copy: valid until the callback returns.
  virtual std::string_view TextView(int column) const = 0;
  // The value as the database holds it: NULL, an integer, a floating-point
  // number or text.
  virtual Value Get(int column) const = 0;

  // A column written by FormatTimestamp / Date::ToString. Throw SystemError
  // if the database holds anything else.
  TimePoint Timestamp(int column) const;
  Date DateAt(int column) const;
};

// One connection to a database. Not thread-safe: a connection is used by one
// thread at a time, which Database arranges. Every method throws SystemError
// when the database reports an error.
class Connection {
 public:
  virtual ~Connection() = default;

  // Runs one statement, binding `params` to its `?` placeholders in order.
  // Statements are prepared once per connection and reused.
  virtual void Execute(std::string_view sql, std::span<const Value> params) = 0;
  void Execute(std::string_view sql, std::initializer_list<Value> params = {}) {
    Execute(sql, std::span<const Value>(params.begin(), params.size()));
  }

  // Runs a query, calling `each` for every row of its result in order.
  virtual void Query(std::string_view sql, std::span<const Value> params,
                     const std::function<void(const Row&)>& each) = 0;
  void Query(std::string_view sql, std::initializer_list<Value> params,
             const std::function<void(const Row&)>& each) {
    Query(sql, std::span<const Value>(params.begin(), params.size()), each);
  }

  // Runs a script of several statements without parameters, as migrations
  // are written.
  virtual void ExecuteScript(std::string_view sql) = 0;

  // The statement that starts a transaction that will write: SQLite's
  // "BEGIN IMMEDIATE", PostgreSQL's "BEGIN".
  virtual std::string_view BeginWriteStatement() const = 0;

  // The names of `table`'s columns, in the order the migrations made them.
  virtual std::vector<std::string> ColumnsOf(std::string_view table) = 0;

  // After rows were inserted with their ids given: makes the ids `table`
  // numbers next follow the highest (PostgreSQL's identity sequence; SQLite
  // does so by itself).
  virtual void ResumeIds(std::string_view table) { (void)table; }
};

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_CONNECTION_H_
