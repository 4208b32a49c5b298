// Tables for the terminal: columns aligned by their display width, a rule
// under the header.

#ifndef KARTLA_CLI_TEXT_TABLE_H_
#define KARTLA_CLI_TEXT_TABLE_H_

#include <ostream>
#include <string>
#include <vector>

namespace kartla::cli {

enum class Align { kLeft, kRight };

class TextTable {
 public:
  struct Column {
    std::string title;
    Align align = Align::kLeft;
  };
  explicit TextTable(std::vector<Column> columns);

  // REQUIRES: cells.size() equals the number of columns.
  void AddRow(std::vector<std::string> cells);
  // A rule across the table before the next row.
  void AddRule();
  void Print(std::ostream& out) const;

 private:
  const std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;  // an empty row is a rule
};

}  // namespace kartla::cli

#endif  // KARTLA_CLI_TEXT_TABLE_H_
