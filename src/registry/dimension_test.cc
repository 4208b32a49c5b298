#include "registry/dimension.h"

#include <gtest/gtest.h>

namespace kartla {
namespace {

Organisation WithPopulation(int64_t population) {
  Organisation org;
  org.code = "x";
  org.attributes["population"] = population;
  return org;
}

TEST(SizeClassTest, ClassifiesAtTheCutPoints) {
  const int64_t cuts[] = {2000, 5000, 100000};
  Dimension size = MakeSizeClassDimension(cuts);
  ASSERT_EQ(size.categories.size(), 4u);
  struct Case {
    int64_t population;
    const char* code;
  };
  const Case cases[] = {{0, "0-1999"},         {1999, "0-1999"},
                        {2000, "2000-4999"},   {4999, "2000-4999"},
                        {5000, "5000-99999"},  {99999, "5000-99999"},
                        {100000, "100000-"},   {664028, "100000-"}};
  for (const Case& c : cases) {
    EXPECT_EQ(size.Classify(WithPopulation(c.population)), c.code)
        << c.population;
  }
  Organisation unknown;
  EXPECT_FALSE(size.Classify(unknown).has_value());
}

TEST(SizeClassTest, LabelsInThreeLanguages) {
  const int64_t cuts[] = {2000, 100000};
  Dimension size = MakeSizeClassDimension(cuts);
  EXPECT_EQ(size.categories[0].label.en, "under 2,000");
  EXPECT_EQ(size.categories[0].label.fi, "alle 2\u00A0000");
  EXPECT_EQ(size.categories[1].label.sv, "2\u00A0000\u201399\u00A0999");
  EXPECT_EQ(size.categories[2].label.en, "100,000 and over");
  EXPECT_EQ(size.categories[2].label.fi, "vähintään 100\u00A0000");
}

TEST(SizeClassTest, ChecksCutPoints) {
  EXPECT_FALSE(CheckSizeClassCuts(std::vector<int64_t>{2000, 5000}));
  EXPECT_TRUE(CheckSizeClassCuts(std::vector<int64_t>{}));
  EXPECT_TRUE(CheckSizeClassCuts(std::vector<int64_t>{5000, 2000}));
  EXPECT_TRUE(CheckSizeClassCuts(std::vector<int64_t>{0, 2000}));
}

TEST(AttributeDimensionTest, ObservesCategoriesInNumericOrderWithLabels) {
  std::vector<Organisation> orgs(3);
  const char* codes[] = {"10", "2", "10"};
  for (int i = 0; i < 3; ++i) {
    orgs[i].code = std::to_string(i);
    orgs[i].attributes["county"] = std::string(codes[i]);
    orgs[i].attributes["county_fi"] = std::string("Alue ") + codes[i];
  }
  Dimension county;
  county.id = "county";
  county.attribute = "county";
  county.label_attributes = {"county_fi", "", ""};
  std::vector<Dimension> dims = {county};
  AddObservedCategories(orgs, dims);
  ASSERT_EQ(dims[0].categories.size(), 2u);
  EXPECT_EQ(dims[0].categories[0].code, "2");
  EXPECT_EQ(dims[0].categories[1].code, "10");
  EXPECT_EQ(dims[0].categories[1].label.Get(Lang::kSv), "Alue 10");
  EXPECT_EQ(dims[0].Classify(orgs[0]), "10");
}

TEST(KindDimensionTest, HasTheFourKinds) {
  Dimension kind = MakeKindDimension();
  ASSERT_EQ(kind.categories.size(), 4u);
  Organisation org;
  org.kind = OrganisationKind::kJointAuthority;
  EXPECT_EQ(kind.Classify(org), "joint-authority");
  EXPECT_EQ(kind.FindCategory("joint-authority")->label.fi, "kuntayhtymä");
}

}  // namespace
}  // namespace kartla
