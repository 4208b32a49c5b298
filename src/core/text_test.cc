#include "core/text.h"

#include <gtest/gtest.h>

#include <cmath>

namespace kartla {
namespace {

TEST(TextTest, FindsInvalidUtf8) {
  struct Case {
    std::string text;
    std::optional<size_t> bad;
  };
  const Case cases[] = {
      {"plain", std::nullopt},
      {"M\xC3\xA4ntyharju", std::nullopt},       // ä
      {"M\xE4ntyharju", 1},                       // Latin-1 ä
      {"ok\xC0\xAF", 2},                          // overlong '/'
      {"\xED\xA0\x80", 0},                        // surrogate
      {"\xF0\x9F\x98\x80", std::nullopt},         // emoji
      {"cut\xE2\x82", 3},                         // truncated sequence
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FindInvalidUtf8(c.text), c.bad) << c.text;
  }
}

TEST(TextTest, FormatsIntegersPerLanguage) {
  EXPECT_EQ(FormatInteger(664028, Lang::kEn), "664,028");
  EXPECT_EQ(FormatInteger(664028, Lang::kFi), "664\u00A0028");
  EXPECT_EQ(FormatInteger(-1000, Lang::kSv), "-1\u00A0000");
  EXPECT_EQ(FormatInteger(999, Lang::kEn), "999");
  EXPECT_EQ(FormatInteger(0, Lang::kEn), "0");
}

TEST(TextTest, ParsesWholeNumbersOnly) {
  EXPECT_EQ(ParseInteger("9183"), 9183);
  EXPECT_EQ(ParseInteger("-12"), -12);
  EXPECT_FALSE(ParseInteger("12k"));
  EXPECT_FALSE(ParseInteger("17 6000"));
  EXPECT_FALSE(ParseInteger(""));
  EXPECT_FALSE(ParseInteger("99999999999999999999"));
  EXPECT_EQ(ParseDecimal("12,5"), 12.5);
  EXPECT_EQ(ParseDecimal("12.5"), 12.5);
  EXPECT_FALSE(ParseDecimal("1,000.5x"));
  EXPECT_FALSE(ParseDecimal(""));
}

TEST(TextTest, LocalizedTextFallsBack) {
  LocalizedText t{"Kunta", "", "Municipality"};
  EXPECT_EQ(t.Get(Lang::kFi), "Kunta");
  EXPECT_EQ(t.Get(Lang::kSv), "Municipality");
  LocalizedText only_fi{"Kunta", "", ""};
  EXPECT_EQ(only_fi.Get(Lang::kEn), "Kunta");
}

TEST(TextTest, ParsesLanguageTags) {
  EXPECT_EQ(ParseLang("sv-FI"), Lang::kSv);
  EXPECT_EQ(ParseLang("EN"), Lang::kEn);
  EXPECT_FALSE(ParseLang("de").has_value());
  EXPECT_FALSE(ParseLang("fin").has_value());
  EXPECT_EQ(DisplayWidth("Närpes"), 6u);
}

// One way to write a percentage everywhere: halves to even as R's round(),
// so that 1 of 8 reads "12 %" on the monitor and on the methods page alike.
TEST(TextTest, PercentagesAreWrittenOneWay) {
  EXPECT_EQ(FormatPercentOf(1, 8), "12 %");
  EXPECT_EQ(FormatPercentOf(3, 8), "38 %");
  EXPECT_EQ(FormatShare(1.0 / 8), "12 %");
  EXPECT_EQ(FormatPercentOf(157, 159), "99 %");
  EXPECT_EQ(FormatPercentOf(1, 0), "–");
  EXPECT_EQ(FormatShare(std::nan("")), "–");
  EXPECT_EQ(FormatShare(0.41666, 1), "41.7 %");
}

}  // namespace
}  // namespace kartla
