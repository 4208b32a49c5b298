// A connection to an SQLite database file. Only storage/sqlite/ includes
// this header.

#ifndef KARTLA_STORAGE_SQLITE_SQLITE_CONNECTION_H_
#define KARTLA_STORAGE_SQLITE_SQLITE_CONNECTION_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/sql/connection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace kartla::sqlite {

enum class OpenMode { kReadOnly, kReadWrite, kCreate };

// Not thread-safe: one thread at a time (the database opens connections
// without SQLite's own locking).
class SqliteConnection final : public sql::Connection {
 public:
  // Opens `path`, with foreign keys enforced and a busy timeout. Throws
  // SystemError if the file cannot be opened.
  SqliteConnection(const std::string& path, OpenMode mode);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  void Execute(std::string_view sql, std::span<const sql::Value> params) override;
  using sql::Connection::Execute;
  void Query(std::string_view sql, std::span<const sql::Value> params,
             const std::function<void(const sql::Row&)>& each) override;
  using sql::Connection::Query;
  void ExecuteScript(std::string_view sql) override;
  std::string_view BeginWriteStatement() const override {
    return "BEGIN IMMEDIATE";
  }
  std::vector<std::string> ColumnsOf(std::string_view table) override;

  // Copies this connection's database, as one snapshot, into a new file
  // `path` with SQLite's online backup API (writers of the database go on
  // meanwhile). Throws SystemError if either file fails.
  void BackupTo(const std::string& path);

 private:
  // The prepared statement for `sql`, reset, with `params` bound.
  sqlite3_stmt* Prepare(std::string_view sql,
                        std::span<const sql::Value> params);
  [[noreturn]] void Fail(std::string_view what, std::string_view sql);
  // Resets `statement` after a failed step and throws SystemError.
  [[noreturn]] void FailStep(sqlite3_stmt* statement, std::string_view what,
                             std::string_view sql);

  sqlite3* db_ = nullptr;
  const std::string path_;
  // Looked up by the statement's text as given, without copying it.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> statements_;
};

}  // namespace kartla::sqlite

#endif  // KARTLA_STORAGE_SQLITE_SQLITE_CONNECTION_H_
