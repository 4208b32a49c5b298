#include "registry/organisation_csv.h"

#include <gtest/gtest.h>

namespace kartla {
namespace {

std::vector<std::string> Messages(const Status& status) {
  std::vector<std::string> out;
  for (const Problem& p : status.problems()) out.push_back(p.ToString());
  return out;
}

TEST(OrganisationCsvTest, ReadsMappedColumnsAndTypedAttributes) {
  OrganisationCsvOptions options;
  options.kind = OrganisationKind::kJointAuthority;
  options.columns = {{"code", "Tunnus"}, {"name_fi", "Nimi"}};
  options.types = {{"budget", AttributeType::kNumber}};
  auto orgs = ReadOrganisationsCsv(
      "Tunnus;Nimi;name_sv;Population;Budget;active_from\n"
      "J01;Kainuun liitto;Kajanalands förbund;70000;12,5;2020-01-01\n",
      "jma.csv", options);
  ASSERT_TRUE(orgs.ok()) << orgs.status().ToString();
  ASSERT_EQ(orgs->size(), 1u);
  const Organisation& org = (*orgs)[0];
  EXPECT_EQ(org.code, "J01");
  EXPECT_EQ(org.kind, OrganisationKind::kJointAuthority);
  EXPECT_EQ(org.name.fi, "Kainuun liitto");
  EXPECT_EQ(org.name.sv, "Kajanalands förbund");
  EXPECT_EQ(std::get<int64_t>(*org.Attribute("population")), 70000);
  EXPECT_DOUBLE_EQ(std::get<double>(*org.Attribute("budget")), 12.5);
  EXPECT_EQ(org.active_from, Date(2020, 1, 1));
  EXPECT_EQ(org.Attribute("tunnus"), nullptr);
}

// The three errors planted in the acceptance test of the issue: an unknown
// kind, a duplicate code and a bad number; plus a missing name.
TEST(OrganisationCsvTest, ReportsEveryProblemWithRowAndColumn) {
  auto orgs = ReadOrganisationsCsv(
      "code,kind,name_fi,population\n"
      "J01,joint-authority,Kainuun liitto,70000\n"
      "J02,kuntayhtymä,Pohjois-Karjalan liitto,160000\n"
      "J01,joint-authority,Toinen,5000\n"
      "J03,joint-authority,Lapin liitto,12k\n"
      "J04,region,,100\n",
      "bad.csv", {});
  ASSERT_FALSE(orgs.ok());
  EXPECT_EQ(orgs.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(orgs.status().message(), "bad.csv: 4 problems; nothing was imported");
  std::vector<std::string> expected = {
      "bad.csv:3:2: error: column \"kind\": \"kuntayhtymä\" is not a kind of "
      "organisation; use municipality, joint-authority, region or other",
      "bad.csv:4:1: error: code \"J01\" is used already on row 2",
      "bad.csv:5:4: error: column \"population\": \"12k\" is not a whole "
      "number",
      "bad.csv:6:3: error: the organisation has no name: fill name_fi, "
      "name_sv or name_en",
  };
  EXPECT_EQ(Messages(orgs.status()), expected);
}

TEST(OrganisationCsvTest, CodesThatCouldBreakAHeaderOrAPathAreRefused) {
  auto orgs = ReadOrganisationsCsv(
      "code,kind,name_fi\n"
      "\"J0\"\"1\",other,Lainaus\n"
      "\"J02\r\nSet-Cookie: x=1\",other,Rivinvaihto\n"
      "../J03,other,Polku\n"
      "J 04,other,V\u00e4li\n"
      "0201256-6,other,Y-tunnus\n"
      "jma_07.b,other,Hyv\u00e4\n"
      "J123456789012345678901234567890123,other,Pitk\u00e4\n",
      "codes.csv", {});
  ASSERT_FALSE(orgs.ok());
  std::vector<std::string> expected = {
      "codes.csv:2:1: error: code \"J0\"1\" may only have letters, digits, '-', '_' and "
      "'.', and at most 32 of them",
      "codes.csv:3:1: error: code \"J02\\r\\nSet-Cookie: x=1\" may only have letters, "
      "digits, '-', '_' and '.', and at most 32 of them",
      "codes.csv:5:1: error: code \"../J03\" may only have letters, digits, '-', '_' and "
      "'.', and at most 32 of them",
      "codes.csv:6:1: error: code \"J 04\" may only have letters, digits, '-', '_' and "
      "'.', and at most 32 of them",
      "codes.csv:9:1: error: code \"J123456789012345678901234567890123\" may only have "
      "letters, digits, '-', '_' and '.', and at most 32 of them",
  };
  EXPECT_EQ(Messages(orgs.status()), expected);
}

TEST(OrganisationCsvTest, ReportsMissingColumnsAndWrongEncoding) {
  auto missing = ReadOrganisationsCsv("id,title\n1,x\n", "m.csv", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().problems().size(), 3u)
      << missing.status().ToString();

  OrganisationCsvOptions options;
  options.kind = OrganisationKind::kOther;
  auto latin1 = ReadOrganisationsCsv("code,name_fi\n1,M\xE4ntyharju\n",
                                     "l.csv", options);
  ASSERT_FALSE(latin1.ok());
  ASSERT_EQ(latin1.status().problems().size(), 1u);
  EXPECT_EQ(latin1.status().problems()[0].place.ToString(), "l.csv:2:2");

  OrganisationCsvOptions mapped;
  mapped.kind = OrganisationKind::kOther;
  mapped.columns = {{"name_fi", "Nimi"}};
  auto unmapped = ReadOrganisationsCsv("code,name\n1,x\n", "u.csv", mapped);
  ASSERT_FALSE(unmapped.ok());
  EXPECT_NE(unmapped.status().ToString().find(
                "u.csv:1: error: there is no column \"Nimi\" to read name_fi"),
            std::string::npos);
}

// A file of the right columns but no organisations is refused, keyed for
// a page in any language.
TEST(OrganisationCsvTest, RefusesAFileWithoutOrganisations) {
  OrganisationCsvOptions options;
  options.kind = OrganisationKind::kOther;
  auto empty = ReadOrganisationsCsv("code,name_fi\n", "e.csv", options);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(empty.status().key(), "registry_no_rows");
  EXPECT_EQ(empty.status().args(), std::vector<std::string>{"e.csv"});
  EXPECT_EQ(empty.status().message(),
            "e.csv: the file has no rows of organisations; nothing was imported");
}

TEST(OrganisationCsvTest, RefusesCodesOfAnotherKindInTheRegistry) {
  RegistryContent content;
  Organisation helsinki;
  helsinki.code = "091";
  helsinki.name = {"Helsinki", "Helsingfors", "Helsinki"};
  content.organisations.push_back(helsinki);
  Registry current(RegistryVersionInfo{}, content);
  OrganisationCsvOptions options;
  options.kind = OrganisationKind::kJointAuthority;
  options.current = &current;
  auto orgs = ReadOrganisationsCsv("code,name_fi\n091,HUS\n", "j.csv", options);
  ASSERT_FALSE(orgs.ok());
  EXPECT_NE(orgs.status().ToString().find("belongs already to Helsinki"),
            std::string::npos);
}

}  // namespace
}  // namespace kartla
