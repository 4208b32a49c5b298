#include "registry/registry_service.h"

#include <gtest/gtest.h>

#include <map>

namespace kartla {
namespace {

// A RegistryStore in memory, for testing the service without a database.
class MemoryRegistryStore final : public RegistryStore {
 public:
  RegistryVersionInfo SaveVersion(const RegistryContent& content,
                                  TimePoint created_at) override {
    RegistryVersionInfo info{RegistryVersionId(int64_t(saved_.size()) + 1),
                             content.as_of, created_at, content.note,
                             int(content.organisations.size())};
    saved_.emplace_back(info, content);
    return info;
  }
  std::vector<RegistryVersionInfo> ListVersions() override {
    std::vector<RegistryVersionInfo> out;
    for (const auto& [info, content] : saved_) out.push_back(info);
    return out;
  }
  std::optional<RegistryVersionInfo> VersionInForce(Date date) override {
    std::optional<RegistryVersionInfo> found;
    for (const auto& [info, content] : saved_) {
      if (info.as_of <= date) found = info;
    }
    return found;
  }
  std::optional<RegistryVersionInfo> LatestVersion() override {
    if (saved_.empty()) return std::nullopt;
    return saved_.back().first;
  }
  std::optional<Registry> LoadVersion(RegistryVersionId id) override {
    for (const auto& [info, content] : saved_) {
      if (info.id == id) return Registry(info, content);
    }
    return std::nullopt;
  }

 private:
  std::vector<std::pair<RegistryVersionInfo, RegistryContent>> saved_;
};

class RegistryServiceTest : public ::testing::Test {
 protected:
  RegistryServiceTest()
      : clock_(TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 11 / 22))),
        service_(store_, clock_, {2000, 5000, 10000, 20000, 50000, 100000}) {}

  static std::map<std::string, int> Counts(const Registry& registry,
                                           const char* dimension) {
    std::map<std::string, int> out;
    for (const CategoryCount& c :
         registry.Count(*registry.FindDimension(dimension))) {
      out[c.category ? c.category->code : "(none)"] = c.count;
    }
    return out;
  }

  MemoryRegistryStore store_;
  FakeClock clock_;
  RegistryService service_;
};

TEST_F(RegistryServiceTest, LoadsFinlandWithDimensions) {
  auto outcome = service_.LoadBuiltin("fi-2025", std::nullopt);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(outcome->added, 308);
  EXPECT_EQ(outcome->version.as_of, Date(2025, 1, 1));
  auto registry = service_.Latest();
  ASSERT_TRUE(registry.ok());
  EXPECT_EQ(registry->FindDimension("region")->categories.size(), 19u);
  EXPECT_EQ(registry->FindDimension("region")->FindCategory("21")->label.sv,
            "Åland");
  std::map<std::string, int> sizes = {
      {"0-1999", 51},      {"2000-4999", 89},   {"5000-9999", 71},
      {"10000-19999", 44}, {"20000-49999", 32}, {"50000-99999", 12},
      {"100000-", 9}};
  EXPECT_EQ(Counts(*registry, "size_class"), sizes);
  std::map<std::string, int> languages = {
      {"fi", 259}, {"fi+sv", 18}, {"sv+fi", 15}, {"sv", 16}};
  EXPECT_EQ(Counts(*registry, "language"), languages);
  EXPECT_EQ(Counts(*registry, "urban_rural")["urban"], 58);
  EXPECT_EQ(registry->FindDimension("wellbeing_county")->categories.size(), 23u);
}

TEST_F(RegistryServiceTest, UnknownBuiltinIsNotFound) {
  auto outcome = service_.LoadBuiltin("no-such", std::nullopt);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(outcome.status().message().find("fi-2025, se"), std::string::npos);
}

TEST_F(RegistryServiceTest, ImportAddsAVersionAndPinnedVersionsStay) {
  ASSERT_TRUE(service_.LoadBuiltin("fi-2025", std::nullopt).ok());
  ImportRequest request;
  request.text =
      "code,name_fi,region_code,population\n"
      "J01,Kainuun liitto,18,70000\n"
      "091,Helsingin kaupunki,01,700000\n";
  request.file_name = "next.csv";
  request.options.kind = OrganisationKind::kJointAuthority;
  // 091 is a municipality: refused, and nothing is saved.
  auto refused = service_.Import(request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(service_.Versions().size(), 1u);

  request.text = "code,name_fi,region_code,population\nJ01,Kainuun liitto,18,70000\n";
  request.as_of = Date(2026, 1, 1);
  auto outcome = service_.Import(request);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(outcome->added, 1);
  EXPECT_EQ(outcome->version.organisation_count, 309);

  auto old = service_.InForce(Date(2025, 6, 1));
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->organisations().size(), 308u);
  EXPECT_EQ(old->Find("J01"), nullptr);
  auto now = service_.InForce(Date(2026, 6, 1));
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->organisations().size(), 309u);
  EXPECT_EQ(Counts(*now, "kind")["joint-authority"], 1);
  EXPECT_FALSE(service_.InForce(Date(2024, 12, 31)).ok());
}

// One organisation from the workspace's form: a new version, its region's
// labels beside the region's code; a code taken, or a value that does not
// read, refused with nothing saved.
TEST_F(RegistryServiceTest, AddsOneOrganisationAsANewVersion) {
  EXPECT_EQ(service_.AddOrganisation({"J01", "joint-authority", {"Liitto", "", ""}, {}}, "x")
                .status()
                .code(),
            ErrorCode::kNotFound)
      << "an empty registry";
  ASSERT_TRUE(service_.LoadBuiltin("fi-2025", std::nullopt).ok());
  auto taken = service_.AddOrganisation({"091", "municipality", {"X", "", ""}, {}}, "x");
  EXPECT_EQ(taken.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(taken.status().key(), "organisation_exists");
  auto bad = service_.AddOrganisation(
      {"J01", "joint-authority", {"Liitto", "", ""}, {{"population", "many"}}}, "x");
  ASSERT_EQ(bad.status().code(), ErrorCode::kInvalidInput);
  ASSERT_EQ(bad.status().problems().size(), 1u);
  EXPECT_EQ(bad.status().problems()[0].key, "registry_not_whole");
  EXPECT_EQ(bad.status().problems()[0].place.file, "web form");
  EXPECT_EQ(service_.Versions().size(), 1u);

  auto added = service_.AddOrganisation(
      {"J01", "joint-authority", {"Kainuun liitto", "Kajanalands förbund", ""},
       {{"region_code", "18"}, {"population", "70000"}, {"size_class", ""}}},
      "added J01 by admin");
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->added, 1);
  auto now = service_.Latest();
  ASSERT_TRUE(now.ok());
  const Organisation* j01 = now->Find("J01");
  ASSERT_NE(j01, nullptr);
  EXPECT_EQ(j01->kind, OrganisationKind::kJointAuthority);
  EXPECT_EQ(j01->name.sv, "Kajanalands förbund");
  EXPECT_EQ(j01->TextAttribute("region_fi"), "Kainuu");
  EXPECT_EQ(j01->NumberAttribute("population"), 70000);
  EXPECT_EQ(now->info().note, "added J01 by admin");
}

TEST_F(RegistryServiceTest, ReplaceRemovesUnlistedOrganisationsOfTheKind) {
  ImportRequest request;
  request.file_name = "j.csv";
  request.options.kind = OrganisationKind::kJointAuthority;
  request.text = "code,name_fi\nJ01,A\nJ02,B\n";
  ASSERT_TRUE(service_.Import(request).ok());
  request.text = "code,name_fi\nJ02,B2\n";
  request.mode = ImportMode::kReplaceKinds;
  auto outcome = service_.Import(request);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->removed, 1);
  EXPECT_EQ(outcome->replaced, 1);
  auto registry = service_.Latest();
  ASSERT_EQ(registry->organisations().size(), 1u);
  EXPECT_EQ(registry->Find("J02")->name.fi, "B2");
  EXPECT_EQ(registry->as_of(), Date(2026, 11, 22));  // today by default
}

TEST_F(RegistryServiceTest, DryRunSavesNothing) {
  ImportRequest request;
  request.file_name = "j.csv";
  request.options.kind = OrganisationKind::kOther;
  request.text = "code,name_en\nX1,Agency\n";
  request.dry_run = true;
  auto outcome = service_.Import(request);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->version.organisation_count, 1);
  EXPECT_TRUE(service_.Versions().empty());
  EXPECT_EQ(service_.Latest().status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace kartla
