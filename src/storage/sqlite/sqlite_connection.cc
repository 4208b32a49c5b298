#include "storage/sqlite/sqlite_connection.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <sqlite3.h>

#include "core/system_error.h"

namespace kartla::sqlite {
namespace {

class SqliteRow final : public sql::Row {
 public:
  explicit SqliteRow(sqlite3_stmt* statement) : statement_(statement) {}
  bool IsNull(int column) const override {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
  }
  int64_t Int(int column) const override {
    return sqlite3_column_int64(statement_, column);
  }
  double Double(int column) const override {
    return sqlite3_column_double(statement_, column);
  }
  sql::Value Get(int column) const override {
    switch (sqlite3_column_type(statement_, column)) {
      case SQLITE_NULL:
        return std::monostate{};
      case SQLITE_INTEGER:
        return Int(column);
      case SQLITE_FLOAT:
        return Double(column);
      default:
        return Text(column);
    }
  }
  std::string Text(int column) const override { return std::string(TextView(column)); }
  std::string_view TextView(int column) const override {
    const auto* text = sqlite3_column_text(statement_, column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text), size_t(sqlite3_column_bytes(statement_, column))};
  }

 private:
  sqlite3_stmt* statement_;
};

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, OpenMode mode)
    : path_(path) {
  // SQLite counts the memory it allocates under one process-wide mutex; the
  // server's threads, reading at once, queued on it. Nothing here reads the
  // counts. (Only possible before SQLite's first use, hence here.)
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case OpenMode::kReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
    case OpenMode::kReadWrite:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case OpenMode::kCreate:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      // A new database is readable by its owner only (answers, contacts,
      // staff accounts); SQLite gives its -wal and -shm files the same
      // mode. An existing file keeps the mode its operator gave it.
      if (path != ":memory:" && !path.empty()) {
        int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) close(fd);
      }
      break;
  }
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SystemError(fmt::format("cannot open database {}: {}", path, message));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
  ExecuteScript("PRAGMA foreign_keys = ON");
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

void SqliteConnection::Fail(std::string_view what, std::string_view sql) {
  throw SystemError(fmt::format("database {}: {} failed: {} (in: {})", path_,
                                what, sqlite3_errmsg(db_), sql.substr(0, 120)));
}

void SqliteConnection::FailStep(sqlite3_stmt* statement, std::string_view what,
                                std::string_view sql) {
  std::string message = sqlite3_errmsg(db_);
  sqlite3_reset(statement);
  throw SystemError(fmt::format("database {}: {} failed: {} (in: {})", path_,
                                what, message, sql.substr(0, 120)));
}

sqlite3_stmt* SqliteConnection::Prepare(std::string_view sql,
                                        std::span<const sql::Value> params) {
  auto it = statements_.find(sql);
  sqlite3_stmt* statement;
  if (it != statements_.end()) {
    statement = it->second;
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
  } else {
    if (sqlite3_prepare_v3(db_, sql.data(), int(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &statement,
                           nullptr) != SQLITE_OK) {
      Fail("prepare", sql);
    }
    statements_.emplace(std::string(sql), statement);
  }
  if (int(params.size()) != sqlite3_bind_parameter_count(statement)) {
    throw SystemError(fmt::format("{} parameters given for {} placeholders in: "
                                  "{}",
                                  params.size(),
                                  sqlite3_bind_parameter_count(statement),
                                  sql));
  }
  for (size_t i = 0; i < params.size(); ++i) {
    int index = int(i) + 1;
    int rc = std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            return sqlite3_bind_null(statement, index);
          } else if constexpr (std::is_same_v<T, int64_t>) {
            return sqlite3_bind_int64(statement, index, v);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(statement, index, v);
          } else {
            return sqlite3_bind_text(statement, index, v.data(), int(v.size()),
                                     SQLITE_TRANSIENT);
          }
        },
        params[i]);
    if (rc != SQLITE_OK) Fail("bind", sql);
  }
  return statement;
}

void SqliteConnection::Execute(std::string_view sql,
                               std::span<const sql::Value> params) {
  sqlite3_stmt* statement = Prepare(sql, params);
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) FailStep(statement, "statement", sql);
  sqlite3_reset(statement);
}

void SqliteConnection::Query(std::string_view sql,
                             std::span<const sql::Value> params,
                             const std::function<void(const sql::Row&)>& each) {
  sqlite3_stmt* statement = Prepare(sql, params);
  SqliteRow row(statement);
  int rc;
  try {
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) each(row);
  } catch (...) {
    sqlite3_reset(statement);
    throw;
  }
  if (rc != SQLITE_DONE) FailStep(statement, "query", sql);
  sqlite3_reset(statement);
}

void SqliteConnection::ExecuteScript(std::string_view sql) {
  std::string script(sql);
  char* error = nullptr;
  if (sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw SystemError(fmt::format("database {}: {} (in: {})", path_, message,
                                  sql.substr(0, 120)));
  }
}

std::vector<std::string> SqliteConnection::ColumnsOf(std::string_view table) {
  std::vector<std::string> columns;
  Query("SELECT name FROM pragma_table_info(?) ORDER BY cid", {std::string(table)},
        [&](const sql::Row& row) { columns.push_back(row.Text(0)); });
  return columns;
}

void SqliteConnection::BackupTo(const std::string& path) {
  SqliteConnection target(path, OpenMode::kCreate);
  sqlite3_backup* backup = sqlite3_backup_init(target.db_, "main", db_, "main");
  if (backup == nullptr) target.Fail("backup", path);
  // All pages in one step: one read transaction on the source, one snapshot.
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    throw SystemError(fmt::format("backing up {} into {} failed: {}", path_, path,
                                  sqlite3_errstr(rc)));
  }
}

}  // namespace kartla::sqlite
