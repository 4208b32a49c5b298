#include "storage/sql/sql_registry_store.h"

#include <gtest/gtest.h>

#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

namespace kartla::sql {
namespace {

class SqlRegistryStoreTest : public ::testing::Test {
 protected:
  // On SQLite, or on PostgreSQL under ctest's *.postgres.
  void SetUp() override {
    if (testing::OnPostgres()) {
      postgres::PostgresOptions options;
      options.url = testing::TestDatabase(dir_.path());
      options.create = true;
      options.now = "2026-01-01T00:00:00Z";
      auto db = postgres::PostgresDatabase::Open(options);
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      db_ = std::move(db).value();
    } else {
      sqlite::SqliteOptions options;
      options.path = dir_.File("k.db");
      options.create = true;
      options.now = "2026-01-01T00:00:00Z";
      auto db = sqlite::SqliteDatabase::Open(options);
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      db_ = std::move(db).value();
    }
    store_ = std::make_unique<SqlRegistryStore>(*db_);
  }

  static RegistryContent Sample(Date as_of, std::string note) {
    RegistryContent content;
    content.as_of = as_of;
    content.note = std::move(note);
    Organisation a;
    a.code = "091";
    a.name = {"Helsinki", "Helsingfors", "Helsinki"};
    a.attributes = {{"population", int64_t{664028}},
                    {"region_code", std::string("01")},
                    {"area", 213.75}};
    Organisation b;
    b.code = "J01";
    b.kind = OrganisationKind::kJointAuthority;
    b.name = {"Kainuun liitto", "", ""};
    b.active_from = Date(2020, 1, 1);
    b.active_to = Date(2030, 12, 31);
    content.organisations = {a, b};
    const int64_t cuts[] = {2000, 100000};
    Dimension region;
    region.id = "region";
    region.label = {"Maakunta", "Landskap", "Region"};
    region.attribute = "region_code";
    region.label_attributes = {"region_fi", "region_sv", ""};
    region.categories = {{"01", {"Uusimaa", "Nyland", "Uusimaa"}, std::nullopt}};
    content.dimensions = {MakeKindDimension(), region,
                          MakeSizeClassDimension(cuts)};
    return content;
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<SqlRegistryStore> store_;
};

TEST_F(SqlRegistryStoreTest, SavesAndLoadsAVersionExactly) {
  RegistryContent content = Sample(Date(2025, 1, 1), "load test");
  TimePoint created = *ParseTimestamp("2026-11-22T10:00:00Z");
  RegistryVersionInfo info = store_->SaveVersion(content, created);
  EXPECT_TRUE(info.id.valid());
  EXPECT_EQ(info.organisation_count, 2);

  auto loaded = store_->LoadVersion(info.id);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->info(), info);
  EXPECT_EQ(loaded->organisations(), content.organisations);
  EXPECT_EQ(loaded->dimensions(), content.dimensions);
  EXPECT_EQ(loaded->FindDimension("size_class")->Classify(*loaded->Find("091")),
            "100000-");
  EXPECT_FALSE(store_->LoadVersion(RegistryVersionId(999)).has_value());
}

TEST_F(SqlRegistryStoreTest, FindsTheVersionInForceOnADate) {
  TimePoint now = *ParseTimestamp("2026-11-22T10:00:00Z");
  EXPECT_FALSE(store_->LatestVersion().has_value());
  auto v2025 = store_->SaveVersion(Sample(Date(2025, 1, 1), "2025"), now);
  auto v2026 = store_->SaveVersion(Sample(Date(2026, 1, 1), "2026"), now);
  auto fix2026 = store_->SaveVersion(Sample(Date(2026, 1, 1), "fix"), now);
  EXPECT_FALSE(store_->VersionInForce(Date(2024, 12, 31)).has_value());
  EXPECT_EQ(store_->VersionInForce(Date(2025, 12, 31))->id, v2025.id);
  EXPECT_EQ(store_->VersionInForce(Date(2026, 1, 1))->id, fix2026.id);
  EXPECT_EQ(store_->LatestVersion()->id, fix2026.id);
  auto all = store_->ListVersions();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1].id, v2026.id);
  EXPECT_EQ(all[1].note, "2026");
}

}  // namespace
}  // namespace kartla::sql
