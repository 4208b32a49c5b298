#include "core/csv.h"

#include <gtest/gtest.h>

namespace kartla {
namespace {

TEST(CsvTest, ReadsQuotedFieldsAndLineNumbers) {
  auto table = ParseCsv(
      "code,name,note\r\n"
      "\"005\",\"Alajärvi\",\"says \"\"hi\"\"\"\r\n"
      "\r\n"
      "010,Alavus,\"two\nlines\"\n"
      "016,Asikkala,\n",
      "t.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const std::vector<std::string> expected_header = {"code", "name", "note"};
  ASSERT_EQ(table->header, expected_header);
  ASSERT_EQ(table->records.size(), 3u);
  EXPECT_EQ(table->records[0].line, 2);
  EXPECT_EQ(table->records[0].fields[2], "says \"hi\"");
  EXPECT_EQ(table->records[1].line, 4);
  EXPECT_EQ(table->records[1].fields[2], "two\nlines");
  EXPECT_EQ(table->records[2].line, 6);
  EXPECT_EQ(table->records[2].fields[2], "");
}

TEST(CsvTest, DetectsSemicolonsAndStripsByteOrderMark) {
  auto table = ParseCsv("\xEF\xBB\xBF" "code;name\n1;\"A;B\"\n", "t.csv");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->delimiter, ';');
  EXPECT_EQ(table->header[0], "code");
  EXPECT_EQ(table->records[0].fields[1], "A;B");
}

TEST(CsvTest, PadsShortRowsAndFindsColumnsWithoutCase) {
  auto table = ParseCsv("Code, Name \n1\n", "t.csv");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->records[0].fields.size(), 2u);
  EXPECT_EQ(table->ColumnIndex("name"), 1u);
  EXPECT_FALSE(table->ColumnIndex("kind").has_value());
}

TEST(CsvTest, ReportsEveryProblemWithItsPlace) {
  auto table = ParseCsv(
      "code,name\n"
      "1,Ok\n"
      "2,M\xE4ntyharju\n"     // Latin-1 ä
      "3,x,extra\n"
      "4,\"never closed\n",
      "bad.csv");
  ASSERT_FALSE(table.ok());
  const auto& problems = table.status().problems();
  ASSERT_EQ(problems.size(), 3u) << table.status().ToString();
  EXPECT_EQ(problems[0].place.ToString(), "bad.csv:5");
  EXPECT_NE(problems[0].message.find("never closed"), std::string::npos);
  EXPECT_EQ(problems[1].place.ToString(), "bad.csv:3:2");
  EXPECT_NE(problems[1].message.find("not UTF-8 (byte 0xE4)"),
            std::string::npos);
  EXPECT_EQ(problems[2].place.ToString(), "bad.csv:4:3");
}

TEST(CsvTest, RefusesAnEmptyFile) {
  auto table = ParseCsv("\n\n", "empty.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().ToString().find("empty.csv:1: error: the file is empty"),
            std::string::npos);
}

}  // namespace
}  // namespace kartla

namespace kartla {
namespace {

TEST(CsvWriteTest, FormulasAreNeutralisedInEveryFieldWritten) {
  struct Case {
    std::string text, field;
  };
  const Case cases[] = {
      {"=1+1", "\"'=1+1\""},
      {"+SUM(A1:A2)", "\"'+SUM(A1:A2)\""},
      {"-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\""},
      {"@SUM(A1)", "\"'@SUM(A1)\""},
      {"\t=1", "\"'\t=1\""},
      {"\r=1", "\"'\r=1\""},
      {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
      {"-12.5", "-12.5"},  // numbers stay numbers
      {"+3", "\"'+3\""},  // "+" is neutralised even before a number
      {"a=1", "a=1"},
      {"", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CsvField(c.text), c.field) << c.text;
    std::string record = FormatCsvRecord({c.text});
    if (c.field.starts_with('"')) {
      EXPECT_EQ(record, c.field + "\r\n") << c.text;
    } else {
      EXPECT_EQ(record, "\"" + c.field + "\"\r\n") << c.text;
    }
  }
}

}  // namespace
}  // namespace kartla
