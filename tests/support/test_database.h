// The database a test's App opens: a new SQLite file in the test's folder,
// or, when KARTLA_TEST_POSTGRES names the folder of a test PostgreSQL server
// (ctest's `postgres` fixture starts one with scripts/test-postgres), a new
// database on that server. ctest runs the tests of the App, the web and the
// command line once each way.
#ifndef KARTLA_TESTS_SUPPORT_TEST_DATABASE_H_
#define KARTLA_TESTS_SUPPORT_TEST_DATABASE_H_

#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <string>

namespace kartla::testing {

// Whether the tests run on PostgreSQL.
inline bool OnPostgres() {
  const char* server = getenv("KARTLA_TEST_POSTGRES");
  return server != nullptr && *server != '\0';
}

// A database name no other test uses: t_ and 16 random hex digits.
inline std::string FreshDatabaseName() {
  static std::atomic<uint64_t> counter{0};
  std::random_device device;
  uint64_t bits = (uint64_t(device()) << 32 | device()) ^ ++counter;
  static const char* kHex = "0123456789abcdef";
  std::string name = "t_";
  for (int i = 0; i < 16; ++i) name += kHex[(bits >> (4 * i)) & 15];
  return name;
}

// The `database` setting for a test whose folder is `dir`: an SQLite file
// dir/kartla.db, or a PostgreSQL URL of a database yet to be created
// (App::Open with create makes it).
inline std::string TestDatabase(const std::filesystem::path& dir) {
  if (!OnPostgres()) return (dir / "kartla.db").string();
  return "postgresql://kartla@/" + FreshDatabaseName() + "?host=" +
         getenv("KARTLA_TEST_POSTGRES");
}

}  // namespace kartla::testing

#endif  // KARTLA_TESTS_SUPPORT_TEST_DATABASE_H_
