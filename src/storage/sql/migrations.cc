#include "storage/sql/migrations.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/embedded.h"
#include "core/system_error.h"
#include "storage/sql/transaction.h"

namespace kartla {
// Defined by the kartla_migrations library (cmake/embed.cmake).
std::span<const EmbeddedFile> MigrationFiles();
}  // namespace kartla

namespace kartla::sql {
namespace {

bool WordCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// `text` with every whole word `word` replaced by `by`.
std::string ReplaceWord(std::string text, std::string_view word, std::string_view by) {
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at)) {
    bool starts = at == 0 || !WordCharacter(text[at - 1]);
    bool ends = at + word.size() == text.size() || !WordCharacter(text[at + word.size()]);
    if (starts && ends) {
      text.replace(at, word.size(), by);
      at += by.size();
    } else {
      at += word.size();
    }
  }
  return text;
}

}  // namespace

std::string Expand(std::string_view text, const Dialect& dialect) {
  std::string out(text);
  if (dialect.bigint) out = ReplaceWord(std::move(out), "INTEGER", "BIGINT");
  const std::string token = "{{id}}";
  for (size_t at = out.find(token); at != std::string::npos;
       at = out.find(token, at + dialect.id_type.size())) {
    out.replace(at, token.size(), dialect.id_type);
  }
  return out;
}

bool RunsOn(const Migration& migration, const Dialect& dialect) {
  constexpr std::string_view kOnly = "-- only:";
  if (!migration.text.starts_with(kOnly)) return true;
  std::string_view rest = migration.text.substr(kOnly.size());
  rest = rest.substr(0, rest.find('\n'));
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) {
    rest.remove_prefix(1);
  }
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) {
    rest.remove_suffix(1);
  }
  return rest == dialect.name;
}

std::vector<Migration> BuiltinMigrations() {
  std::vector<Migration> migrations;
  for (const EmbeddedFile& file : MigrationFiles()) {
    std::string_view base = file.path.substr(file.path.rfind('/') + 1);
    int version = 0;
    auto [end, error] =
        std::from_chars(base.data(), base.data() + base.size(), version);
    if (error != std::errc() || *end != '_' || !base.ends_with(".sql")) {
      throw SystemError(fmt::format("migration file {} is not named "
                                    "NNNN_name.sql",
                                    file.path));
    }
    std::string_view name = base.substr(end - base.data() + 1);
    name.remove_suffix(4);
    migrations.push_back({version, std::string(name), file.contents});
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) {
              return a.version < b.version;
            });
  return migrations;
}

int LatestVersion(std::span<const Migration> migrations) {
  return migrations.empty() ? 0 : migrations.back().version;
}

int SchemaVersion(Connection& connection) {
  int version = 0;
  connection.Query(
      "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {},
      [&](const Row& row) { version = int(row.Int(0)); });
  return version;
}

Status Migrate(Connection& connection, std::span<const Migration> migrations,
               const Dialect& dialect, std::string_view applied_at) {
  connection.ExecuteScript(Expand(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY,"
      " name TEXT NOT NULL,"
      " applied_at TEXT NOT NULL)",
      dialect));
  int current = SchemaVersion(connection);
  int latest = LatestVersion(migrations);
  if (current > latest) {
    return Status::Incompatible(fmt::format(
        "the database has schema version {}, but this Kartla knows versions "
        "up to {}: it was written by a newer Kartla; upgrade Kartla to use "
        "it",
        current, latest));
  }
  for (const Migration& migration : migrations) {
    if (migration.version <= current) continue;
    Transaction transaction(connection, connection.BeginWriteStatement());
    if (RunsOn(migration, dialect)) connection.ExecuteScript(Expand(migration.text, dialect));
    connection.Execute(
        "INSERT INTO schema_migrations (version, name, applied_at) "
        "VALUES (?, ?, ?)",
        {int64_t{migration.version}, migration.name,
         std::string(applied_at)});
    transaction.Commit();
  }
  return Status::Ok();
}

}  // namespace kartla::sql
