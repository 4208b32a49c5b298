#include "storage/postgres/postgres_connection.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <memory>
#include <vector>

namespace kartla::postgres {
namespace {

// The text of a failed statement, shortened for a message.
std::string Shorten(std::string_view sql) {
  constexpr size_t kMost = 160;
  if (sql.size() <= kMost) return std::string(sql);
  return std::string(sql.substr(0, kMost)) + "…";
}

std::string Trimmed(const char* message) {
  std::string text = message == nullptr ? "" : message;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

class PostgresRow final : public sql::Row {
 public:
  PostgresRow(const PGresult* result, int row) : result_(result), row_(row) {}
  bool IsNull(int column) const override {
    return PQgetisnull(result_, row_, column) != 0;
  }
  int64_t Int(int column) const override {
    std::string_view text = View(column);
    if (text == "t") return 1;  // a boolean expression
    if (text == "f") return 0;
    int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc()) {
      // A numeric with a fraction (AVG of integers) is read as SQLite would:
      // truncated towards zero.
      return int64_t(Double(column));
    }
    (void)end;
    return value;
  }
  double Double(int column) const override {
    std::string_view text = View(column);
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  std::string Text(int column) const override { return std::string(View(column)); }
  std::string_view TextView(int column) const override { return View(column); }
  sql::Value Get(int column) const override {
    if (IsNull(column)) return std::monostate{};
    switch (PQftype(result_, column)) {
      case 16:  // boolean
      case 20:  // bigint
      case 21:  // smallint
      case 23:  // integer
        return Int(column);
      case 700:   // real
      case 701:   // double precision
      case 1700:  // numeric
        return Double(column);
      default:
        return Text(column);
    }
  }

 private:
  std::string_view View(int column) const {
    if (PQgetisnull(result_, row_, column)) return {};
    return {PQgetvalue(result_, row_, column),
            size_t(PQgetlength(result_, row_, column))};
  }
  const PGresult* result_;
  int row_;
};

// Statements that are not prepared: transaction control and the like.
bool Preparable(std::string_view sql) {
  size_t start = sql.find_first_not_of(" \t\n(");
  if (start == std::string_view::npos) return false;
  std::string word;
  for (size_t i = start; i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])); ++i) {
    word += char(std::toupper(static_cast<unsigned char>(sql[i])));
  }
  return word == "SELECT" || word == "INSERT" || word == "UPDATE" || word == "DELETE" ||
         word == "WITH" || word == "VALUES";
}

void IgnoreNotice(void*, const char* message) {
  spdlog::debug("postgresql: {}", Trimmed(message));
}

}  // namespace

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int number = 0;
  char quote = 0;  // inside '…' or "…"
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote != 0) {
      out += c;
      if (c == quote) quote = 0;  // a doubled quote reopens at once
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      if (end == std::string_view::npos) end = sql.size();
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++number);
    } else {
      out += c;
    }
  }
  return out;
}

PostgresConnection::PostgresConnection(const std::string& url, const std::string& database) {
  // The URL's settings, then (later entries win) the database to use.
  const char* keywords[] = {"dbname", database.empty() ? nullptr : "dbname", nullptr};
  const char* values[] = {url.c_str(), database.empty() ? nullptr : database.c_str(), nullptr};
  conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn_ == nullptr) throw PostgresError("cannot connect to PostgreSQL: out of memory", "");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = Trimmed(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw PostgresError("cannot connect to PostgreSQL: " + message, "");
  }
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  if (PQsetClientEncoding(conn_, "UTF8") != 0) {
    std::string message = Trimmed(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw PostgresError("cannot use UTF-8 with PostgreSQL: " + message, "");
  }
  // A write returns once durable: a server or role set to commit without
  // waiting for the disk is overruled (any stronger setting is kept).
  ExecuteScript(
      "SET application_name = 'kartla'; SET TimeZone = 'UTC';"
      " SELECT set_config('synchronous_commit', 'on', false)"
      " WHERE current_setting('synchronous_commit') = 'off'");
}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

bool PostgresConnection::healthy() const {
  return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK;
}

const std::string& PostgresConnection::Prepared(std::string_view sql,
                                                const std::string& types) {
  std::string key = types;
  key += '\0';
  key += sql;
  auto found = statements_.find(key);
  if (found != statements_.end()) return found->second;
  std::string name = "k" + std::to_string(statements_.size() + 1);
  std::vector<Oid> oids;
  for (char type : types) {
    oids.push_back(type == 'i' ? 20 /* int8 */ : type == 'd' ? 701 /* float8 */ : 0);
  }
  std::string numbered = NumberPlaceholders(sql);
  ResultPtr result(PQprepare(conn_, name.c_str(), numbered.c_str(), int(oids.size()),
                             oids.empty() ? nullptr : oids.data()));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
    throw PostgresError(fmt::format("PostgreSQL refused {}: {}", Shorten(sql),
                                    Trimmed(PQerrorMessage(conn_))),
                        state ? state : "");
  }
  return statements_.emplace(std::move(key), std::move(name)).first->second;
}

void PostgresConnection::Run(std::string_view sql, std::span<const sql::Value> params,
                             const std::function<void(const sql::Row&)>* each) {
  ResultPtr result;
  if (params.empty() && !Preparable(sql)) {
    result.reset(PQexec(conn_, std::string(sql).c_str()));
  } else {
    std::string types;
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const sql::Value& value = params[i];
      if (const auto* integer = std::get_if<int64_t>(&value)) {
        types += 'i';
        texts[i] = std::to_string(*integer);
      } else if (const auto* number = std::get_if<double>(&value)) {
        types += 'd';
        texts[i] = fmt::format("{}", *number);
      } else if (const auto* text = std::get_if<std::string>(&value)) {
        types += 't';
        texts[i] = *text;
      } else {
        types += 'n';
        continue;  // NULL
      }
      values[i] = texts[i].c_str();
    }
    const std::string& name = Prepared(sql, types);
    result.reset(PQexecPrepared(conn_, name.c_str(), int(values.size()),
                                values.empty() ? nullptr : values.data(), nullptr, nullptr, 0));
  }
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
    std::string message = result ? Trimmed(PQresultErrorMessage(result.get())) : "";
    if (message.empty()) message = Trimmed(PQerrorMessage(conn_));
    throw PostgresError(fmt::format("PostgreSQL failed on {}: {}", Shorten(sql), message),
                        state ? state : "");
  }
  if (each == nullptr) return;
  int rows = PQntuples(result.get());
  for (int row = 0; row < rows; ++row) {
    (*each)(PostgresRow(result.get(), row));
  }
}

void PostgresConnection::Execute(std::string_view sql, std::span<const sql::Value> params) {
  Run(sql, params, nullptr);
}

void PostgresConnection::Query(std::string_view sql, std::span<const sql::Value> params,
                               const std::function<void(const sql::Row&)>& each) {
  Run(sql, params, &each);
}

void PostgresConnection::ExecuteScript(std::string_view sql) {
  ResultPtr result(PQexec(conn_, std::string(sql).c_str()));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
    throw PostgresError(fmt::format("PostgreSQL failed on the script {}: {}", Shorten(sql),
                                    Trimmed(PQerrorMessage(conn_))),
                        state ? state : "");
  }
}

std::vector<std::string> PostgresConnection::ColumnsOf(std::string_view table) {
  std::vector<std::string> columns;
  Query(
      "SELECT column_name FROM information_schema.columns"
      " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
      {std::string(table)}, [&](const sql::Row& row) { columns.push_back(row.Text(0)); });
  return columns;
}

void PostgresConnection::ResumeIds(std::string_view table) {
  std::string name(table);
  std::string sequence;
  Query(
      "SELECT pg_get_serial_sequence(quote_ident(table_name::text), 'id') FROM information_schema.columns"
      " WHERE table_schema = current_schema() AND table_name = ? AND column_name = 'id'",
      {name}, [&](const sql::Row& row) {
        if (!row.IsNull(0)) sequence = row.Text(0);
      });
  if (sequence.empty()) return;  // no numbered id
  // The table's name comes from the migrations, never from input.
  Execute("SELECT setval(?::regclass, COALESCE((SELECT MAX(id) FROM " + name + "), 0) + 1, false)",
          {sequence});
}

}  // namespace kartla::postgres
