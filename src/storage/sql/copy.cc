#include "storage/sql/copy.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/system_error.h"
#include "core/token.h"

namespace kartla::sql {
namespace {

// A row's values as one string, the same whichever database holds them:
// a type letter, then the value; integers in decimal, numbers in their
// shortest exact form.
void Render(const Value& value, std::string& out) {
  if (std::holds_alternative<std::monostate>(value)) {
    out += "N;";
  } else if (const auto* integer = std::get_if<int64_t>(&value)) {
    out += fmt::format("I{};", *integer);
  } else if (const auto* number = std::get_if<double>(&value)) {
    out += fmt::format("D{};", *number);
  } else {
    const std::string& text = std::get<std::string>(value);
    out += fmt::format("T{}:", text.size());
    out += text;
  }
}

std::string SelectAll(const std::string& table, const std::vector<std::string>& columns) {
  return fmt::format("SELECT {} FROM {}", fmt::join(columns, ", "), table);
}

}  // namespace

std::vector<std::string> TablesInOrder(std::span<const Migration> migrations) {
  static const RE2 kCreate(R"((?i)CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+))");
  static const RE2 kAlter(R"((?i)ALTER\s+TABLE\s+(\w+))");
  static const RE2 kReferences(R"((?i)REFERENCES\s+(\w+))");
  static const RE2 kRename(R"((?i)ALTER\s+TABLE\s+(\w+)\s+RENAME\s+TO\s+(\w+))");
  static const RE2 kDrop(R"((?i)DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(\w+))");
  std::vector<std::string> made;
  std::map<std::string, std::set<std::string>> refers;
  for (const Migration& migration : migrations) {
    // Statement by statement: the table a REFERENCES belongs to is the one
    // its statement creates or alters.
    std::string_view text = migration.text;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find(';', start);
      if (end == std::string_view::npos) end = text.size();
      std::string statement(text.substr(start, end - start));
      start = end + 1;
      // Leave out comments, which may name tables in passing.
      statement = std::string(statement);
      std::string without;
      for (size_t i = 0; i < statement.size(); ++i) {
        if (statement.compare(i, 2, "--") == 0) {
          i = statement.find('\n', i);
          if (i == std::string::npos) break;
        }
        without += statement[i];
      }
      std::string table, renamed;
      // A table rebuilt (made anew, the old one dropped, the new one
      // renamed to the old's name) keeps its name and what it refers to.
      if (RE2::PartialMatch(without, kRename, &table, &renamed)) {
        std::replace(made.begin(), made.end(), table, renamed);
        refers[renamed] = std::move(refers[table]);
        refers.erase(table);
        for (auto& [from, targets] : refers) {
          if (targets.erase(table)) targets.insert(renamed);
        }
        continue;
      }
      if (RE2::PartialMatch(without, kDrop, &table)) {
        std::erase(made, table);
        refers.erase(table);
        continue;
      }
      if (RE2::PartialMatch(without, kCreate, &table)) {
        if (std::find(made.begin(), made.end(), table) == made.end()) made.push_back(table);
      } else if (!RE2::PartialMatch(without, kAlter, &table)) {
        continue;
      }
      re2::StringPiece rest(without);
      std::string target;
      while (RE2::FindAndConsume(&rest, kReferences, &target)) {
        if (target != table) refers[table].insert(target);
      }
    }
  }
  // Depth first, in the order the migrations made them.
  std::vector<std::string> order;
  std::set<std::string> placed, visiting;
  std::function<void(const std::string&)> place = [&](const std::string& table) {
    if (placed.count(table)) return;
    if (!visiting.insert(table).second) {
      throw SystemError("the migrations' tables refer to each other in a circle at " + table);
    }
    for (const std::string& target : refers[table]) place(target);
    visiting.erase(table);
    placed.insert(table);
    order.push_back(table);
  };
  for (const std::string& table : made) place(table);
  return order;
}

std::vector<TableFingerprint> Fingerprint(Connection& connection,
                                          std::span<const std::string> tables) {
  std::vector<TableFingerprint> prints;
  std::string rendered;
  for (const std::string& table : tables) {
    std::vector<std::string> columns = connection.ColumnsOf(table);
    // Named in order, so that the hash does not depend on how each
    // database numbers them.
    std::sort(columns.begin(), columns.end());
    TableFingerprint print{table, 0, 0};
    connection.Query(SelectAll(table, columns), {}, [&](const Row& row) {
      rendered.clear();
      for (size_t i = 0; i < columns.size(); ++i) Render(row.Get(int(i)), rendered);
      print.hash += std::stoull(Sha256Hex(rendered).substr(0, 16), nullptr, 16);
      ++print.rows;
    });
    prints.push_back(print);
  }
  return prints;
}

bool HoldsRows(Connection& connection, std::span<const std::string> tables) {
  bool any = false;
  for (const std::string& table : tables) {
    connection.Query("SELECT 1 FROM " + table + " LIMIT 1", {},
                     [&](const Row&) { any = true; });
    if (any) return true;
  }
  return false;
}

void CopyRows(Connection& from, Connection& to, std::span<const std::string> tables,
              const std::function<void(const std::string&, int64_t)>& progress) {
  std::vector<Value> values;
  for (const std::string& table : tables) {
    std::vector<std::string> columns = from.ColumnsOf(table);
    std::vector<std::string> target = to.ColumnsOf(table);
    std::sort(target.begin(), target.end());
    for (const std::string& column : columns) {
      if (!std::binary_search(target.begin(), target.end(), column)) {
        throw SystemError(fmt::format("the target's table {} has no column {}", table, column));
      }
    }
    std::vector<std::string> marks(columns.size(), "?");
    std::string insert = fmt::format("INSERT INTO {} ({}) VALUES ({})", table,
                                     fmt::join(columns, ", "), fmt::join(marks, ", "));
    int64_t copied = 0;
    from.Query(SelectAll(table, columns), {}, [&](const Row& row) {
      values.clear();
      for (size_t i = 0; i < columns.size(); ++i) values.push_back(row.Get(int(i)));
      to.Execute(insert, values);
      ++copied;
    });
    if (std::find(columns.begin(), columns.end(), "id") != columns.end()) to.ResumeIds(table);
    progress(table, copied);
  }
}

}  // namespace kartla::sql
