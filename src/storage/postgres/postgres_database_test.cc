// The shared database's promises, on the test PostgreSQL server that ctest's
// `postgres` fixture starts (scripts/test-postgres).
#include "storage/postgres/postgres_database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/system_error.h"
#include "storage/postgres/postgres_connection.h"
#include "storage/sql/database_contract.h"
#include "storage/sql/migrations.h"
#include "tests/support/test_database.h"

namespace kartla::postgres {
namespace {

class PostgresDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(testing::OnPostgres())
        << "run under ctest (its `postgres` fixture starts the server), or set "
           "KARTLA_TEST_POSTGRES to the folder of a server scripts/test-postgres started";
    url_ = testing::TestDatabase("");
  }

  std::unique_ptr<PostgresDatabase> Open(bool create = true, size_t connections = 16) {
    PostgresOptions options;
    options.url = url_;
    options.create = create;
    options.max_connections = connections;
    options.now = "2026-01-01T00:00:00Z";
    auto db = PostgresDatabase::Open(options);
    if (!db.ok()) throw std::runtime_error(db.status().ToString());
    return std::move(db).value();
  }

  // A connection to the server's maintenance database, to make databases
  // Kartla would refuse.
  PostgresConnection Maintenance() { return PostgresConnection(url_, "postgres"); }

  // The database of url_: between "@/" and "?".
  std::string DatabaseName() const {
    size_t start = url_.find("@/") + 2;
    return url_.substr(start, url_.find('?') - start);
  }

  std::string url_;
};

int64_t Count(sql::Database& db, const std::string& query) {
  return db.ReadValue([&](sql::Connection& c) {
    int64_t n = 0;
    c.Query(query, {}, [&](const sql::Row& row) { n = row.Int(0); });
    return n;
  });
}

TEST(NumberPlaceholdersTest, NumbersTheMarksOutsideQuotesAndComments) {
  EXPECT_EQ(NumberPlaceholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?)"),
            "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
  EXPECT_EQ(NumberPlaceholders("SELECT '?', \"a?\" -- what?\n, ? FROM t WHERE x = 'it''s ?' OR y = ?"),
            "SELECT '?', \"a?\" -- what?\n, $1 FROM t WHERE x = 'it''s ?' OR y = $2");
}

TEST_F(PostgresDatabaseTest, CreatesTheDatabaseAndAppliesMigrationsOnce) {
  {
    auto db = Open();
    EXPECT_EQ(db->schema_version(), sql::LatestVersion(sql::BuiltinMigrations()));
    EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM registry_versions"), 0);
    db->Write([](sql::Connection& c) {
      c.Execute("INSERT INTO registry_versions (as_of, note, created_at) VALUES (?, ?, ?)",
                {std::string("2025-01-01"), std::string("x"), std::string("2026-01-01T00:00:00Z")});
    });
  }
  auto again = Open(/*create=*/false);
  EXPECT_EQ(Count(*again, "SELECT COUNT(*) FROM registry_versions"), 1);
  EXPECT_EQ(Count(*again, "SELECT COUNT(*) FROM schema_migrations"),
            int64_t(sql::BuiltinMigrations().size()));
}

TEST_F(PostgresDatabaseTest, RefusesAMissingDatabaseUnlessCreating) {
  PostgresOptions options;
  options.url = url_;
  auto db = PostgresDatabase::Open(options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kFailedPrecondition) << db.status().ToString();
  EXPECT_NE(db.status().message().find("kartla init"), std::string::npos);
}

TEST_F(PostgresDatabaseTest, RefusesADatabaseThatIsNotUtf8WithCCollation) {
  std::string name = DatabaseName();
  Maintenance().ExecuteScript("CREATE DATABASE " + name +
                              " TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'");
  PostgresOptions options;
  options.url = url_;
  auto db = PostgresDatabase::Open(options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kIncompatible);
  EXPECT_NE(db.status().message().find("LATIN1"), std::string::npos) << db.status().ToString();
}

TEST_F(PostgresDatabaseTest, RefusesADatabaseOfOtherTablesOrFromANewerKartla) {
  std::string name = DatabaseName();
  Maintenance().ExecuteScript("CREATE DATABASE " + name +
                              " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
  {
    PostgresConnection other(url_);
    other.ExecuteScript("CREATE TABLE invoices (id INTEGER)");
  }
  PostgresOptions options;
  options.url = url_;
  auto db = PostgresDatabase::Open(options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kIncompatible);
  EXPECT_NE(db.status().message().find("not a Kartla database"), std::string::npos);

  {
    PostgresConnection other(url_);
    other.ExecuteScript("DROP TABLE invoices");
  }
  Open().reset();
  {
    PostgresConnection other(url_);
    other.ExecuteScript(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', '')");
  }
  auto newer = PostgresDatabase::Open(options);
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.status().code(), ErrorCode::kIncompatible);
  EXPECT_NE(newer.status().message().find("newer Kartla"), std::string::npos);
}

// Read, add one, write back: with lost updates the sum falls short. Writes
// behave as if run one at a time (a loser of a conflict runs again).
TEST_F(PostgresDatabaseTest, ConcurrentWritesBehaveAsIfOneAtATime) {
  auto db = Open();
  db->Write([](sql::Connection& c) {
    c.Execute("CREATE TABLE counter (n INTEGER NOT NULL)");
    c.Execute("INSERT INTO counter (n) VALUES (0)");
  });
  constexpr int kThreads = 8, kEach = 40;
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      for (int i = 0; i < kEach; ++i) {
        db->Write([](sql::Connection& c) {
          int64_t n = 0;
          c.Query("SELECT n FROM counter", {}, [&](const sql::Row& row) { n = row.Int(0); });
          c.Execute("UPDATE counter SET n = ?", {n + 1});
        });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(Count(*db, "SELECT n FROM counter"), kThreads * kEach);
  EXPECT_GT(db->stats().retries, 0u) << "no write conflicted: the test proved nothing";
  EXPECT_LE(db->stats().open, 16u);
}

TEST_F(PostgresDatabaseTest, AFailedWriteChangesNothingAndErrorsAreSystemErrors) {
  auto db = Open();
  db->Write([](sql::Connection& c) { c.Execute("CREATE TABLE t (x INTEGER PRIMARY KEY)"); });
  EXPECT_THROW(db->Write([](sql::Connection& c) {
                 c.Execute("INSERT INTO t (x) VALUES (?)", {int64_t{1}});
                 throw std::invalid_argument("no");
               }),
               std::invalid_argument);
  EXPECT_THROW(db->Write([](sql::Connection& c) {
                 c.Execute("INSERT INTO t (x) VALUES (?)", {int64_t{2}});
                 c.Execute("INSERT INTO t (x) VALUES (?)", {int64_t{2}});
               }),
               SystemError);
  EXPECT_THROW(db->Read([](sql::Connection& c) { c.Execute("SELEC 1"); }), SystemError);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM t"), 0);
  // The connections that failed are fit for the next requests.
  db->Write([](sql::Connection& c) { c.Execute("INSERT INTO t (x) VALUES (?)", {int64_t{3}}); });
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM t"), 1);
}

TEST_F(PostgresDatabaseTest, AReadSeesOneSnapshot) {
  auto db = Open();
  db->Write([](sql::Connection& c) { c.Execute("CREATE TABLE t (x INTEGER)"); });
  int64_t first = -1, second = -1;
  db->Read([&](sql::Connection& c) {
    c.Query("SELECT COUNT(*) FROM t", {}, [&](const sql::Row& row) { first = row.Int(0); });
    std::thread([&] {
      db->Write([](sql::Connection& w) { w.Execute("INSERT INTO t (x) VALUES (1)"); });
    }).join();
    c.Query("SELECT COUNT(*) FROM t", {}, [&](const sql::Row& row) { second = row.Int(0); });
  });
  EXPECT_EQ(first, 0);
  EXPECT_EQ(second, 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM t"), 1);
}

TEST_F(PostgresDatabaseTest, ReadsTogetherShareASnapshotThatTheThreadsWriteEnds) {
  auto db = Open();
  sql::testing::ExpectReadsTogetherShareASnapshot(*db);
}

TEST_F(PostgresDatabaseTest, CommitsWaitForTheDiskWhateverTheDatabaseSays) {
  Open().reset();
  Maintenance().ExecuteScript("ALTER DATABASE " + DatabaseName() + " SET synchronous_commit = off");
  auto db = Open(/*create=*/false);
  std::string setting = db->ReadValue([](sql::Connection& c) {
    std::string value;
    c.Query("SELECT current_setting('synchronous_commit')", {},
            [&](const sql::Row& row) { value = row.Text(0); });
    return value;
  });
  EXPECT_EQ(setting, "on");
}

TEST_F(PostgresDatabaseTest, ValuesKeepTheirTypes) {
  auto db = Open();
  db->Write([](sql::Connection& c) {
    c.Execute("CREATE TABLE v (i BIGINT, d DOUBLE PRECISION, s TEXT, n TEXT)");
    c.Execute("INSERT INTO v (i, d, s, n) VALUES (?, ?, ?, ?)",
              {int64_t{9'007'199'254'740'993}, 0.1, std::string("Kyllä 'ja' ?"), sql::Value{}});
  });
  db->Read([](sql::Connection& c) {
    c.Query("SELECT i, d, s, n, i > ? FROM v", {int64_t{0}}, [](const sql::Row& row) {
      EXPECT_EQ(row.Int(0), 9'007'199'254'740'993);
      EXPECT_EQ(row.Double(1), 0.1);
      EXPECT_EQ(row.Text(2), "Kyllä 'ja' ?");
      EXPECT_TRUE(row.IsNull(3));
      EXPECT_EQ(row.Int(4), 1);
    });
  });
}

TEST_F(PostgresDatabaseTest, TheFirstSenderIsAloneAndTheLockEndsWithIt) {
  auto db = Open();
  int alone_ran = 0;
  auto first = db->JoinSenders([&] { ++alone_ran; });
  EXPECT_TRUE(first->was_alone());
  auto second = db->JoinSenders([&] { ++alone_ran; });
  EXPECT_FALSE(second->was_alone());
  first.reset();
  auto third = db->JoinSenders([&] { ++alone_ran; });
  EXPECT_FALSE(third->was_alone()) << "the second still sends";
  second.reset();
  third.reset();
  auto fourth = db->JoinSenders([&] { ++alone_ran; });
  EXPECT_TRUE(fourth->was_alone());
  EXPECT_EQ(alone_ran, 2);
}

TEST_F(PostgresDatabaseTest, ServersCountAttemptsTogetherMinuteByMinute) {
  auto one = Open();
  auto other = Open(/*create=*/false);  // another server of the same database
  const TimePoint noon = *ParseTimestamp("2026-12-04T12:00:05Z");
  EXPECT_EQ(one->CountAttempt("link 192.0.2.1", noon), 1);
  EXPECT_EQ(other->CountAttempt("link 192.0.2.1", noon + std::chrono::seconds(10)), 2);
  EXPECT_EQ(one->CountAttempt("link 192.0.2.1", noon + std::chrono::seconds(20)), 3);
  EXPECT_EQ(other->CountAttempt("link 192.0.2.2", noon), 1);
  // A new minute counts afresh.
  EXPECT_EQ(one->CountAttempt("link 192.0.2.1", noon + std::chrono::minutes(1)), 1);
}

TEST_F(PostgresDatabaseTest, AServerThatCannotBeReachedIsASystemError) {
  PostgresOptions options;
  options.url = "postgresql://kartla@/kartla?host=/nonexistent";
  EXPECT_THROW(PostgresDatabase::Open(options), SystemError);
  EXPECT_EQ(RedactedUrl("postgresql://kartla:secret@db.example/k"),
            "postgresql://kartla:***@db.example/k");
  EXPECT_EQ(RedactedUrl("postgresql://db.example/k?password=secret&sslmode=require"),
            "postgresql://db.example/k?password=***&sslmode=require");
}

}  // namespace
}  // namespace kartla::postgres
