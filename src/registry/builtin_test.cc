#include "registry/builtin.h"

#include <gtest/gtest.h>

#include <set>

namespace kartla {
namespace {

TEST(BuiltinTest, FinlandHas308MunicipalitiesIn19Regions) {
  const BuiltinRegistry* fi = FindBuiltinRegistry("fi-2025");
  ASSERT_NE(fi, nullptr);
  auto orgs = ReadOrganisationsCsv(fi->text, fi->file, fi->options);
  ASSERT_TRUE(orgs.ok()) << orgs.status().ToString();
  EXPECT_EQ(orgs->size(), 308u);
  std::set<std::string> regions;
  int64_t population = 0;
  for (const Organisation& org : *orgs) {
    regions.insert(*org.TextAttribute("region_code"));
    population += std::get<int64_t>(*org.Attribute("population"));
  }
  EXPECT_EQ(regions.size(), 19u);
  EXPECT_EQ(population, 5563970);  // Finland, end of 2022
}

TEST(BuiltinTest, SwedenHas290MunicipalitiesIn21Counties) {
  const BuiltinRegistry* se = FindBuiltinRegistry("se");
  ASSERT_NE(se, nullptr);
  auto orgs = ReadOrganisationsCsv(se->text, se->file, se->options);
  ASSERT_TRUE(orgs.ok()) << orgs.status().ToString();
  EXPECT_EQ(orgs->size(), 290u);
  std::set<std::string> counties;
  for (const Organisation& org : *orgs) {
    counties.insert(*org.TextAttribute("region_code"));
    EXPECT_FALSE(org.name.sv.empty());
  }
  EXPECT_EQ(counties.size(), 21u);
  EXPECT_EQ(FindBuiltinRegistry("de"), nullptr);
}

}  // namespace
}  // namespace kartla
