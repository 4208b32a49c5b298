// What every sql::Database promises, as checks the tests of each database
// run on it (storage/sqlite/, storage/postgres/). For tests only.
#ifndef KARTLA_STORAGE_SQL_DATABASE_CONTRACT_H_
#define KARTLA_STORAGE_SQL_DATABASE_CONTRACT_H_

#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "core/system_error.h"
#include "storage/sql/database.h"

namespace kartla::sql::testing {

// Answers as a database from before migration 19 kept them, a row each, for
// the tests of their move into response_answers: responses 7 and 3 with
// q2, q10 and q1 ("q1=7"...), and response 7's text "t" with quotes, a
// newline, a backslash and "ä".
inline void InsertOlderAnswers(Connection& c) {
  for (int64_t response : {7, 3}) {
    for (const char* name : {"q2", "q10", "q1"}) {
      c.Execute("INSERT INTO answers (response_id, name, value) VALUES (?, ?, ?)",
                {response, std::string(name), std::string(name) + "=" + std::to_string(response)});
    }
  }
  c.Execute("INSERT INTO answers (response_id, name, value) VALUES (?, ?, ?)",
            {int64_t(7), std::string("t"), std::string("\"Ylläpito\"\nja \\ kehitys")});
}

inline int64_t CountRows(Database& db, const std::string& table) {
  return db.ReadValue([&](Connection& c) {
    int64_t n = 0;
    c.Query("SELECT COUNT(*) FROM " + table, {}, [&](const Row& row) { n = row.Int(0); });
    return n;
  });
}

inline void CreateWritesTable(Database& db) {
  db.Write([](Connection& c) {
    c.Execute("CREATE TABLE writes (thread INTEGER, n INTEGER, PRIMARY KEY (thread, n))");
  });
}

// While a ReadTogether scope lives, the thread's reads share one snapshot,
// which the thread's own write ends; scopes do not nest; a failed read
// leaves the scope usable.
inline void ExpectReadsTogetherShareASnapshot(Database& db) {
  CreateWritesTable(db);
  auto write_elsewhere = [&](int64_t id) {
    std::thread([&] {
      db.Write([id](sql::Connection& w) {
        w.Execute("INSERT INTO writes VALUES (?, 1)", {id});
      });
    }).join();
  };
  {
    auto scope = db.ReadTogether();
    ASSERT_NE(scope, nullptr);
    EXPECT_EQ(db.ReadTogether(), nullptr);  // scopes do not nest
    EXPECT_EQ(CountRows(db, "writes"), 0);
    write_elsewhere(1);
    // The second read is in the first one's snapshot: another thread's
    // write is not seen...
    EXPECT_EQ(CountRows(db, "writes"), 0);
    // ...but this thread's own write ends the snapshot, and is seen.
    db.Write([](sql::Connection& w) { w.Execute("INSERT INTO writes VALUES (2, 1)"); });
    EXPECT_EQ(CountRows(db, "writes"), 2);
    // A failed read does not leave the scope broken.
    EXPECT_THROW(db.Read([](sql::Connection& c) { c.Execute("SELECT * FROM nowhere"); }),
                 SystemError);
    EXPECT_EQ(CountRows(db, "writes"), 2);
  }
  // Without a scope, each read has its own snapshot.
  EXPECT_EQ(CountRows(db, "writes"), 2);
  write_elsewhere(3);
  EXPECT_EQ(CountRows(db, "writes"), 3);
  auto again = db.ReadTogether();
  EXPECT_NE(again, nullptr);
}

}  // namespace kartla::sql::testing

#endif  // KARTLA_STORAGE_SQL_DATABASE_CONTRACT_H_
