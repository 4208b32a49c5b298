#include "storage/sql/copy.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "storage/sql/migrations.h"

namespace kartla::sql {
namespace {

// A table rebuilt by a later migration (made anew, the old dropped, the new
// renamed to the old's name) is still one table, after what it refers to.
TEST(TablesInOrderTest, ARebuiltTableKeepsItsNameAndPlace) {
  const std::vector<Migration> migrations = {
      {1, "a", "CREATE TABLE kids (id {{id}}, parent BIGINT REFERENCES parents (id));\n"
               "CREATE TABLE parents (id {{id}})"},
      {2, "b", "-- only: sqlite\n"
               "CREATE TABLE kids_new (id {{id}}, parent BIGINT REFERENCES parents (id))"
               " WITHOUT ROWID;\n"
               "INSERT INTO kids_new SELECT * FROM kids;\n"
               "DROP TABLE kids;\n"
               "ALTER TABLE kids_new RENAME TO kids;\n"}};
  EXPECT_EQ(TablesInOrder(migrations), (std::vector<std::string>{"parents", "kids"}));
}

TEST(TablesInOrderTest, TheBuiltinMigrationsMakeEachTableOnce) {
  std::vector<std::string> tables = TablesInOrder(BuiltinMigrations());
  auto place = [&](const std::string& name) {
    return std::find(tables.begin(), tables.end(), name) - tables.begin();
  };
  EXPECT_LT(place("responses"), place("response_answers"));
  // Made, rebuilt (migration 17) and dropped (20, 21) on the way.
  EXPECT_EQ(place("answers"), std::ptrdiff_t(tables.size()));
  EXPECT_EQ(place("answers_in_key_order"), std::ptrdiff_t(tables.size()));
  std::vector<std::string> sorted = tables;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
}

}  // namespace
}  // namespace kartla::sql
