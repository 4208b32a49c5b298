#include "storage/sqlite/sqlite_database.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <latch>
#include <set>
#include <stdexcept>
#include <thread>

#include "core/system_error.h"
#include "storage/sql/database_contract.h"
#include "storage/sql/migrations.h"
#include "storage/sqlite/sqlite_connection.h"
#include "tests/support/temp_dir.h"

namespace kartla::sqlite {
namespace {

std::unique_ptr<SqliteDatabase> OpenOrDie(const std::string& path,
                                          bool create = true,
                                          size_t max_group = 512) {
  SqliteOptions options;
  options.path = path;
  options.create = create;
  options.max_group = max_group;
  options.now = "2026-01-01T00:00:00Z";
  auto db = SqliteDatabase::Open(options);
  if (!db.ok()) throw std::runtime_error(db.status().ToString());
  return std::move(db).value();
}

using sql::testing::CountRows;
using sql::testing::CreateWritesTable;

TEST(SqliteDatabaseTest, AppliesMigrationsWhenCreated) {
  testing::TempDir dir;
  auto db = OpenOrDie(dir.File("k.db"));
  EXPECT_EQ(db->schema_version(),
            sql::LatestVersion(sql::BuiltinMigrations()));
  EXPECT_EQ(CountRows(*db, "registry_versions"), 0);
}

// A script marked "-- only: postgres" is recorded as applied and not run;
// one marked "-- only: sqlite" is run.
TEST(SqliteDatabaseTest, RunsADialectsOwnMigrationOnItsDatabaseAlone) {
  testing::TempDir dir;
  SqliteConnection c(dir.File("k.db"), OpenMode::kCreate);
  const std::vector<sql::Migration> migrations = {
      {1, "theirs", "-- only: postgres\nCREATE TABLE theirs (x INTEGER)"},
      {2, "ours", "-- only: sqlite \nCREATE TABLE ours (x INTEGER)"},
      {3, "both", "CREATE TABLE both_ (x INTEGER)"}};
  const sql::Dialect dialect{.name = "sqlite", .id_type = "INTEGER PRIMARY KEY"};
  ASSERT_TRUE(sql::Migrate(c, migrations, dialect, "2026-01-01T00:00:00Z").ok());
  EXPECT_EQ(sql::SchemaVersion(c), 3);
  EXPECT_TRUE(c.ColumnsOf("theirs").empty());
  EXPECT_EQ(c.ColumnsOf("ours").size(), 1u);
  EXPECT_EQ(c.ColumnsOf("both_").size(), 1u);
}

// Migrations 17 and 20 keep every answer of an older database: 17 rebuilt
// the table in its key's order, 20 moves each response's answers into one
// JSON object (names in bytes' order, quotes and non-ASCII text intact)
// and drops the table.
TEST(SqliteDatabaseTest, AnOlderDatabasesAnswersBecomeOneRowPerResponse) {
  testing::TempDir dir;
  std::vector<sql::Migration> migrations = sql::BuiltinMigrations();
  const sql::Dialect dialect{.name = "sqlite", .id_type = "INTEGER PRIMARY KEY"};
  {
    SqliteConnection c(dir.File("k.db"), OpenMode::kCreate);
    c.ExecuteScript("PRAGMA foreign_keys = OFF");  // answers without their responses
    std::vector<sql::Migration> older;
    for (const sql::Migration& m : migrations) {
      if (m.version < 17) older.push_back(m);
    }
    ASSERT_TRUE(sql::Migrate(c, older, dialect, "2026-01-01T00:00:00Z").ok());
    sql::testing::InsertOlderAnswers(c);
    ASSERT_TRUE(sql::Migrate(c, migrations, dialect, "2026-01-02T00:00:00Z").ok());
    EXPECT_TRUE(c.ColumnsOf("answers").empty());
    std::vector<std::string> rows;
    c.Query("SELECT response_id, answers FROM response_answers ORDER BY response_id", {},
            [&](const sql::Row& row) {
              rows.push_back(std::to_string(row.Int(0)) + " " + row.Text(1));
            });
    EXPECT_EQ(rows, (std::vector<std::string>{
                        R"(3 {"q1":"q1=3","q10":"q10=3","q2":"q2=3"})",
                        R"(7 {"q1":"q1=7","q10":"q10=7","q2":"q2=7","t":"\"Ylläpito\"\nja \\ kehitys"})"}));
  }
  // A new database has no table of single answers.
  auto db = OpenOrDie(dir.File("new.db"));
  db->Read([&](sql::Connection& c) {
    EXPECT_TRUE(c.ColumnsOf("answers").empty());
    EXPECT_EQ(c.ColumnsOf("response_answers"), (std::vector<std::string>{"response_id", "answers"}));
  });
}

TEST(SqliteDatabaseTest, ANewDatabaseAndItsLogAreTheOwnersOnly) {
  testing::TempDir dir;
  mode_t before = umask(0022);  // as most systems have it: files readable by all
  auto db = OpenOrDie(dir.File("k.db"));
  CreateWritesTable(*db);
  umask(before);
  for (const char* name : {"k.db", "k.db-wal"}) {
    struct stat info;
    ASSERT_EQ(stat(dir.File(name).c_str(), &info), 0) << name;
    EXPECT_EQ(info.st_mode & 0777, 0600u) << name;
  }
}

TEST(SqliteDatabaseTest, RefusesAMissingFileUnlessCreating) {
  testing::TempDir dir;
  SqliteOptions options;
  options.path = dir.File("missing.db");
  auto db = SqliteDatabase::Open(options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("kartla init"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(options.path));
}

TEST(SqliteDatabaseTest, RefusesADatabaseFromANewerKartla) {
  testing::TempDir dir;
  {
    auto db = OpenOrDie(dir.File("k.db"));
    db->Write([](sql::Connection& c) {
      c.Execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')");
    });
  }
  SqliteOptions options;
  options.path = dir.File("k.db");
  auto db = SqliteDatabase::Open(options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kIncompatible);
  EXPECT_NE(db.status().message().find("schema version 999"),
            std::string::npos);
}

TEST(SqliteDatabaseTest, RefusesAFileThatIsNotADatabase) {
  testing::TempDir dir;
  std::ofstream(dir.File("notes.db")) << "these are not the rows you seek\n"
                                      << std::string(4096, 'x');
  SqliteOptions options;
  options.path = dir.File("notes.db");
  auto db = SqliteDatabase::Open(options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kIncompatible);
}

// Holds the writer inside one job until eight more writes are queued; those
// eight then go into one group, with one failing: its changes alone are
// undone, the others' are committed by a single commit.
TEST(SqliteDatabaseTest, CommitsQueuedWritesTogetherAndIsolatesFailures) {
  testing::TempDir dir;
  auto db = OpenOrDie(dir.File("k.db"));
  CreateWritesTable(*db);
  WriterStats before = db->stats();

  std::latch started(1);
  std::latch release(1);
  std::thread holder([&] {
    db->Write([&](sql::Connection& c) {
      started.count_down();
      release.wait();
      c.Execute("INSERT INTO writes VALUES (99, 0)");
    });
  });
  started.wait();

  std::atomic<int> failures = 0;
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&, t] {
      try {
        db->Write([t](sql::Connection& c) {
          c.Execute("INSERT INTO writes VALUES (?, 1)", {int64_t{t}});
          if (t == 3) throw std::runtime_error("this write fails");
        });
      } catch (const std::runtime_error&) {
        ++failures;
      }
    });
  }
  while (db->stats().queued < 8) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  release.count_down();
  holder.join();
  for (auto& w : writers) w.join();

  EXPECT_EQ(failures, 1);
  EXPECT_EQ(CountRows(*db, "writes"), 1 + 7);
  WriterStats after = db->stats();
  EXPECT_EQ(after.writes - before.writes, 9u);
  EXPECT_EQ(after.commits - before.commits, 2u);  // the holder, then the 8
}

// 8 threads x 500 writes at once; after the database is closed and opened
// again, every write that was acknowledged is there.
TEST(SqliteDatabaseTest, EveryAcknowledgedWriteOfManyThreadsIsDurable) {
  testing::TempDir dir;
  constexpr int kThreads = 8;
  constexpr int kWrites = 500;
  std::vector<std::vector<int>> acknowledged(kThreads);
  WriterStats stats;
  {
    auto db = OpenOrDie(dir.File("k.db"));
    CreateWritesTable(*db);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int n = 0; n < kWrites; ++n) {
          db->Write([&](sql::Connection& c) {
            c.Execute("INSERT INTO writes VALUES (?, ?)",
                      {int64_t{t}, int64_t{n}});
          });
          acknowledged[t].push_back(n);
        }
      });
    }
    for (auto& thread : threads) thread.join();
    stats = db->stats();
  }
  auto db = OpenOrDie(dir.File("k.db"), /*create=*/false);
  std::set<std::pair<int, int>> present;
  db->Read([&](sql::Connection& c) {
    c.Query("SELECT thread, n FROM writes", {}, [&](const sql::Row& row) {
      present.emplace(int(row.Int(0)), int(row.Int(1)));
    });
  });
  size_t total = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (int n : acknowledged[t]) {
      EXPECT_TRUE(present.count({t, n})) << t << "/" << n;
    }
    total += acknowledged[t].size();
  }
  EXPECT_EQ(total, size_t(kThreads * kWrites));
  EXPECT_EQ(present.size(), total);
  EXPECT_EQ(stats.writes, total + 1);  // and the table's creation
  EXPECT_LE(stats.commits, stats.writes);
}

TEST(SqliteDatabaseTest, ReadsRunBesideWritesOnASnapshot) {
  testing::TempDir dir;
  auto db = OpenOrDie(dir.File("k.db"));
  CreateWritesTable(*db);
  db->Read([&](sql::Connection& c) {
    int64_t before = -1;
    c.Query("SELECT COUNT(*) FROM writes", {},
            [&](const sql::Row& row) { before = row.Int(0); });
    // A write from another thread commits while this read is open...
    std::thread([&] {
      db->Write([](sql::Connection& w) {
        w.Execute("INSERT INTO writes VALUES (1, 1)");
      });
    }).join();
    int64_t after = -1;
    c.Query("SELECT COUNT(*) FROM writes", {},
            [&](const sql::Row& row) { after = row.Int(0); });
    EXPECT_EQ(before, after);  // ...and this snapshot does not see it.
  });
  EXPECT_EQ(CountRows(*db, "writes"), 1);
}

TEST(SqliteDatabaseTest, ReadsTogetherShareASnapshotThatTheThreadsWriteEnds) {
  testing::TempDir dir;
  auto db = OpenOrDie(dir.File("k.db"));
  sql::testing::ExpectReadsTogetherShareASnapshot(*db);
}

TEST(SqliteDatabaseTest, ReportsSqlErrorsAsSystemErrors) {
  testing::TempDir dir;
  auto db = OpenOrDie(dir.File("k.db"));
  EXPECT_THROW(db->Write([](sql::Connection& c) {
                 c.Execute("INSERT INTO no_such_table VALUES (1)");
               }),
               SystemError);
  EXPECT_THROW(db->Read([](sql::Connection& c) {
                 c.Execute("CREATE TABLE t (x INTEGER)");  // read-only
               }),
               SystemError);
}

}  // namespace
}  // namespace kartla::sqlite
