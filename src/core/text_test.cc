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

TEST(TextTest, FoldsCaseOfEveryLetter) {
  EXPECT_EQ(FoldCase("ÄÅÖ Šakki ÉMILE Ωmega"), "äåö šakki émile ωmega");
  EXPECT_EQ(FoldCase("Jyväskylä 179"), "jyväskylä 179");
  // İ lowers to the one-byte i: the text stays valid UTF-8.
  EXPECT_EQ(FoldCase("İSO"), "iso");
  // Bytes that are not UTF-8 are kept.
  EXPECT_EQ(FoldCase(std::string("A\xC3" "(\xFF" "B")), std::string("a\xC3" "(\xFF" "b"));
}

TEST(TextTest, FormatsIntegersPerLanguage) {
  EXPECT_EQ(FormatInteger(664028, Lang::kEn), "664,028");
  EXPECT_EQ(FormatInteger(664028, Lang::kFi), "664\u00A0028");
  EXPECT_EQ(FormatInteger(-1000, Lang::kSv), "-1\u00A0000");
  EXPECT_EQ(FormatInteger(999, Lang::kEn), "999");
  EXPECT_EQ(FormatInteger(0, Lang::kEn), "0");
}

TEST(TextTest, FormatsDecimalsAndPercentagesPerLanguage) {
  EXPECT_EQ(FormatDecimal(18.75, 1, Lang::kFi), "18,8");
  EXPECT_EQ(FormatDecimal(0.762, 3, Lang::kSv), "0,762");
  EXPECT_EQ(FormatDecimal(0.762, 3, Lang::kEn), "0.762");
  EXPECT_EQ(FormatDecimal(12345.678, 2, Lang::kFi), "12\u00A0345,68");
  EXPECT_EQ(FormatDecimal(12345.678, 2, Lang::kEn), "12,345.68");
  EXPECT_EQ(FormatDecimal(-0.01, 1, Lang::kFi), "0,0") << "no negative zero";
  EXPECT_EQ(FormatDecimal(-2.5, 1, Lang::kSv), "-2,5");
  EXPECT_EQ(FormatDecimal(std::nan(""), 1, Lang::kFi), "–");
  EXPECT_EQ(FormatPercent(41.66, 1, Lang::kFi), "41,7 %");
  EXPECT_EQ(FormatPercent(41.66, 1, Lang::kEn), "41.7 %");
  EXPECT_EQ(FormatPercent(42, 0, Lang::kSv), "42 %");
}

TEST(TextTest, ReadsNumbersAsPeopleTypeThem) {
  struct Case {
    const char* typed;
    Lang lang;
    const char* read;
  } cases[] = {
      {"1 234,5", Lang::kFi, "1234.5"},
      {"1\u00A0234,5", Lang::kSv, "1234.5"},
      {"1\u202F234\u202F567", Lang::kFi, "1234567"},
      {" 12,5 ", Lang::kFi, "12.5"},
      {"12.5", Lang::kFi, "12.5"},
      {"1,234", Lang::kFi, "1.234"},
      {"1,234", Lang::kEn, "1234"},
      {"1,5", Lang::kEn, "1.5"},
      {"1,234.5", Lang::kEn, "1234.5"},
      {"1,234.5", Lang::kFi, "1234.5"},
      {"1.234,5", Lang::kSv, "1234.5"},
      {"1.234.567", Lang::kFi, "1234567"},
      {"12,345,678", Lang::kEn, "12345678"},
      {"-1 250", Lang::kFi, "-1250"},
      {"\u22121 250", Lang::kFi, "-1250"},
      {"+40", Lang::kEn, "40"},
      {",5", Lang::kFi, "0.5"},
      {"9183", Lang::kEn, "9183"},
      // Not numbers, or not grouped as numbers are: as typed, to be refused.
      {"12 34", Lang::kFi, "12 34"},
      {"1,23,4", Lang::kEn, "1,23,4"},
      {"1.2.3", Lang::kFi, "1.2.3"},
      {"12k", Lang::kEn, "12k"},
      {"5,", Lang::kFi, "5,"},
      {"", Lang::kFi, ""},
      {"-", Lang::kFi, "-"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NormalizeTypedNumber(c.typed, c.lang), c.read) << c.typed;
  }
  // What a page writes reads back as the same number.
  for (const char* number : {"1234.5", "-1250", "0.25", "1234567", "40"}) {
    for (Lang lang : kAllLangs) {
      EXPECT_EQ(NormalizeTypedNumber(FormatNumberText(number, lang), lang), number)
          << number << " in " << int(lang);
    }
  }
  EXPECT_EQ(FormatNumberText("1234.5", Lang::kFi), "1\u00A0234,5");
  EXPECT_EQ(FormatNumberText("-1234567", Lang::kEn), "-1,234,567");
  EXPECT_EQ(FormatNumberText("0.125", Lang::kSv), "0,125");
  EXPECT_EQ(FormatNumberText("12 34", Lang::kFi), "12 34");
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

TEST(TextTest, LanguagesBeyondTheThreeAreRegisteredByTag) {
  EXPECT_EQ(NormalizeLanguageTag("se"), "se");
  EXPECT_EQ(NormalizeLanguageTag("SMN"), "smn");
  EXPECT_EQ(NormalizeLanguageTag("sr_latn_rs"), "sr-Latn-RS");
  EXPECT_EQ(NormalizeLanguageTag("de-ch"), "de-CH");
  EXPECT_EQ(NormalizeLanguageTag("es-419"), "es-419");
  for (const char* bad : {"", "k", "klingon", "se-", "se-x", "1a", "de CH", "en-verylongvariant"}) {
    EXPECT_FALSE(NormalizeLanguageTag(bad).has_value()) << bad;
  }
  EXPECT_EQ(TagOfLanguageName("Northern Sami"), "se");
  EXPECT_EQ(TagOfLanguageName("Davvisámegiella"), "se");
  EXPECT_EQ(TagOfLanguageName("SUOMI"), "fi");
  EXPECT_EQ(TagOfLanguageName("Eesti"), "et");
  EXPECT_FALSE(TagOfLanguageName("Klingon").has_value());

  // fi, sv and en are the interface's, with or without a region.
  EXPECT_EQ(LanguageOfTag("sv-FI"), Lang::kSv);
  std::optional<Lang> se = LanguageOfTag("se");
  ASSERT_TRUE(se.has_value());
  EXPECT_GE(size_t(*se), 3u);
  EXPECT_EQ(LanguageOfTag("SE"), se) << "one language, however it is written";
  EXPECT_EQ(LangCode(*se), "se");
  EXPECT_EQ(LanguageName(*se), "Davvisámegillii");
  EXPECT_EQ(EnglishLanguageName(*se), "Northern Sami");
  EXPECT_FALSE(ParseLang("se").has_value()) << "not an interface language";
  EXPECT_FALSE(LanguageOfTag("klingon").has_value());
  std::optional<Lang> tr = LanguageOfTag("tr");
  ASSERT_TRUE(tr.has_value());
  EXPECT_EQ(LanguageName(*tr), "tr") << "no name known: the tag";
  // Forms list languages in one order, whenever each was registered.
  EXPECT_TRUE(LangBefore(Lang::kEn, *se));
  EXPECT_TRUE(LangBefore(*se, *tr));
  EXPECT_FALSE(LangBefore(*tr, *se));

  LocalizedText text{"Kunta", "", "Municipality"};
  text.Mutable(*se) = "Gielda";
  EXPECT_EQ(text.Get(*se), "Gielda");
  EXPECT_EQ(text.Exact(*tr), "");
  EXPECT_EQ(text.Get(*tr), "Municipality") << "English first";
  LocalizedText only_se;
  only_se.Mutable(*se) = "Gielda";
  EXPECT_FALSE(only_se.empty());
  EXPECT_EQ(only_se.Get(Lang::kFi), "Gielda");
  EXPECT_EQ(FormatDay(2025, 3, 7, *se), "2025-03-07");
}

// A server cannot be made to hold languages without bound.
TEST(TextTest, LanguagesAreHeldUpToTheLimit) {
  size_t held = 0;
  for (char a = 'a'; a <= 'z'; ++a) {
    for (char b = 'a'; b <= 'z'; ++b) {
      if (LanguageOfTag(std::string("q") + a + b)) ++held;
    }
  }
  EXPECT_LE(held, kMaxLangs - 3);
  EXPECT_FALSE(LanguageOfTag("qzz").has_value());
  EXPECT_EQ(LanguageOfTag("fi"), Lang::kFi) << "the three are always there";
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

TEST(TextTest, FillsPlaceholdersAsTheCatalogueWritesThem) {
  EXPECT_EQ(FillPlaceholders("${{0}} is asked later (row {1})", {"q1", "7"}),
            "${q1} is asked later (row 7)");
  // Every occurrence, in any order; an argument is never read again.
  EXPECT_EQ(FillPlaceholders("{1} {0} {1}", {"{1}", "b"}), "b {1} b");
  // A placeholder without its argument, and braces that are no
  // placeholder, stay as written.
  EXPECT_EQ(FillPlaceholders("{0} {2} {x} {} {", {"a"}), "a {2} {x} {} {");
  EXPECT_EQ(FillPlaceholders("{99999999999999999999}", {}), "{99999999999999999999}");
}

}  // namespace
}  // namespace kartla
