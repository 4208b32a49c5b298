// Copying a whole Kartla database into another, of either dialect, and the
// fingerprint that shows two databases hold the same: what `kartla db copy`,
// `kartla backup` on PostgreSQL and `kartla restore` are built on.
//
// Nothing outside storage/ includes this file.

#ifndef KARTLA_STORAGE_SQL_COPY_H_
#define KARTLA_STORAGE_SQL_COPY_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "storage/sql/connection.h"
#include "storage/sql/migrations.h"

namespace kartla::sql {

// The tables the migrations make, each after the tables it refers to
// (REFERENCES), so that rows can be inserted table by table.
std::vector<std::string> TablesInOrder(std::span<const Migration> migrations);

// What one table holds: its rows, and a hash of their content that does not
// depend on their order or on the database (each row's values rendered the
// same way in either dialect, hashed with SHA-256, the hashes summed).
struct TableFingerprint {
  std::string table;
  int64_t rows = 0;
  uint64_t hash = 0;
  bool operator==(const TableFingerprint&) const = default;
};

std::vector<TableFingerprint> Fingerprint(Connection& connection,
                                          std::span<const std::string> tables);

// Whether any of `tables` holds a row.
bool HoldsRows(Connection& connection, std::span<const std::string> tables);

// Copies every row of `tables` from `from` to `to` (both at the same schema
// version), table by table, calling `progress(table, rows copied so far)`
// after each table. Runs inside the callers' transactions.
void CopyRows(Connection& from, Connection& to, std::span<const std::string> tables,
              const std::function<void(const std::string&, int64_t)>& progress);

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_COPY_H_
