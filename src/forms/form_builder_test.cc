#include "forms/form_builder.h"

#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "forms/describe.h"
#include "forms/form_file.h"
#include "forms/form_service.h"
#include "forms/response_state.h"
#include "tests/support/catalogued.h"
#include "tests/support/temp_dir.h"

namespace kartla::forms {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// Every problem a form's check finds is held to the catalogue.
using testing::ExpectCatalogued;

FormCheck CheckedBuild(const Workbook& workbook) {
  FormCheck check = BuildForm(workbook);
  ExpectCatalogued(check.problems);
  return check;
}

template <typename... Args>
Result<FormCheck> CheckedFile(const std::string& path, Args&&... args) {
  auto check = CheckFormFile(path, std::forward<Args>(args)...);
  if (check.ok()) ExpectCatalogued(check->problems);
  return check;
}

// ReadXlsx, holding each refusal's problems to the catalogue.
Result<Workbook> CheckedXlsx(std::string_view bytes, std::string_view file,
                             const WorkbookLimits& limits = {}) {
  auto read = ReadXlsx(bytes, file, limits);
  if (!read.ok()) {
    EXPECT_FALSE(read.status().problems().empty()) << read.status().ToString();
    ExpectCatalogued(read.status().problems());
  }
  return read;
}

Workbook CsvWorkbook(std::string survey, std::string choices = "",
                     std::string settings = "") {
  CsvFormFiles files;
  files.name = "t";
  files.survey_file = "t.survey.csv";
  files.survey = std::move(survey);
  if (!choices.empty()) {
    files.choices_file = "t.choices.csv";
    files.choices = std::move(choices);
  }
  if (!settings.empty()) {
    files.settings_file = "t.settings.csv";
    files.settings = std::move(settings);
  }
  auto workbook = ReadCsvForm(files);
  EXPECT_TRUE(workbook.ok()) << workbook.status().ToString();
  return *workbook;
}

std::vector<std::string> Lines(const std::vector<Problem>& problems,
                               Severity severity) {
  std::vector<std::string> lines;
  for (const Problem& p : problems) {
    if (p.severity == severity) lines.push_back(p.ToString());
  }
  return lines;
}

TEST(FormBuilderTest, EveryExampleFormPassesWithoutProblems) {
  auto files = FindFormFiles(KARTLA_SOURCE_DIR "/data/forms/digimapping-2025");
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 4u);
  std::set<ItemType> types;
  std::set<std::string> appearances;
  for (const std::string& file : *files) {
    auto check = CheckedFile(file);
    ASSERT_TRUE(check.ok());
    EXPECT_TRUE(check->ok()) << file;
    EXPECT_THAT(check->problems, ::testing::IsEmpty()) << file;
    if (!check->ok()) continue;
    EXPECT_EQ(check->form->languages,
              (std::vector<Lang>{Lang::kFi, Lang::kSv, Lang::kEn}));
    EXPECT_EQ(check->form->sections.size(), 2u) << file;
    for (const Item& item : check->form->items) {
      types.insert(item.type);
      if (!item.appearance.empty()) appearances.insert(item.appearance);
    }
  }
  // Together the four forms use every question type Kartla supports.
  EXPECT_EQ(types.size(), 14u);
  EXPECT_EQ(appearances, (std::set<std::string>{"field-list", "likert",
                                                "minimal", "multiline",
                                                "table-list"}));
}

// A corpus's expected.txt: per form (the file name up to its first '.'),
// the error lines it gives; lines starting with '#' are comments.
std::map<std::string, std::vector<std::string>> ExpectedErrors(const std::string& folder) {
  std::ifstream in(folder + "/expected.txt");
  std::map<std::string, std::vector<std::string>> expected;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    expected[line.substr(0, line.find('.'))].push_back(line);
  }
  return expected;
}

// The corpus of broken forms in tests/forms/broken: each yields exactly the
// errors listed in expected.txt, and none yields a form.
TEST(FormBuilderTest, BrokenFormsGiveTheirPreciseMessages) {
  const std::string folder = KARTLA_SOURCE_DIR "/tests/forms/broken";
  std::map<std::string, std::vector<std::string>> expected = ExpectedErrors(folder);
  auto files = FindFormFiles(folder);
  ASSERT_TRUE(files.ok());
  EXPECT_GE(files->size(), 25u);
  EXPECT_EQ(files->size(), expected.size());
  for (const std::string& file : *files) {
    std::string name = fs::path(file).filename().string();
    name = name.substr(0, name.find('.'));
    auto check = CheckedFile(file);
    ASSERT_TRUE(check.ok()) << name;
    EXPECT_FALSE(check->ok()) << name << " should not give a form";
    std::vector<std::string> errors;
    for (Problem p : check->problems) {
      if (p.severity != Severity::kError) continue;
      p.place.file = fs::path(p.place.file).filename().string();
      errors.push_back(p.ToString());
    }
    EXPECT_EQ(errors, expected[name]) << name;
  }
}

TEST(FormBuilderTest, ReportsEveryProblemNotJustTheFirst) {
  FormCheck check = CheckedBuild(CsvWorkbook(
      "type,name,label,relevant\n"
      "integer,a,A\n"
      "integer,a,Again\n"
      "text,b,B,${zzz} = 1\n"
      "select_one nolist,c,C\n"));
  EXPECT_FALSE(check.ok());
  EXPECT_THAT(Lines(check.problems, Severity::kError),
              ::testing::ElementsAre(
                  "t.survey.csv:3:2: error: name \"a\" is used already on row 2",
                  "t.survey.csv:4:4: error: relevant \"${zzz} = 1\": at "
                  "character 1: ${zzz} is not a question of this form",
                  "t.survey.csv:5:1: error: select_one names list \"nolist\", "
                  "which the choices sheet does not have"));
}

TEST(FormBuilderTest, AHugeNameOrPatternIsAProblemNotACrash) {
  // std::regex recursed once per character of the name and overflowed the
  // stack at about 200,000.
  std::string name(200000, 'a');
  FormCheck check = CheckedBuild(CsvWorkbook(
      "type,name,label,constraint\n"
      "text," + name + "!,A\n"
      "text,b,B,\"regex(., '" + std::string(2000, 'x') + "')\"\n"
      "text,c,C,\"regex(., '(x)\\1')\"\n"));
  auto errors = Lines(check.problems, Severity::kError);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_THAT(errors[0], HasSubstr("may only have letters"));
  EXPECT_LT(errors[0].size(), 300u);  // the name is cut in the message
  EXPECT_THAT(errors[1], HasSubstr("longer than 1000 characters"));
  EXPECT_THAT(errors[2], HasSubstr("of RE2's syntax: invalid escape sequence: \\1"));
}

TEST(FormBuilderTest, WarnsOfMissingTranslationsAndIgnoredColumns) {
  FormCheck check = CheckedBuild(CsvWorkbook(
      "type,name,label::Suomi (fi),label::English (en),media::image\n"
      "integer,a,Montako?,How many?\n"
      "integer,b,Kuinka paljon?,\n",
      "", "form_title,form_id,default_language\nT,t,fi\n"));
  ASSERT_TRUE(check.ok());
  EXPECT_THAT(Lines(check.problems, Severity::kWarning),
              ::testing::ElementsAre(
                  "t.survey.csv:1:5: warning: column \"media::image\" is not "
                  "one Kartla uses; it is ignored",
                  "t.survey.csv:3:4: warning: the label has no en translation"));
}

// pyxform's dialect, as its documentation and older forms write it: a
// language name after one colon, "caption", "list name", "value", the long
// select types, "or specify other", a language name as default_language;
// a setting Kartla does not use is a warning.
TEST(FormBuilderTest, ReadsPyxformsDialect) {
  FormCheck check = CheckedBuild(CsvWorkbook(
      "Type,Name,caption:English,hint:English,label:Svenska,hint:Svenska\n"
      "select one from yesno,a,Do you?,Pick one,Gör du?,Välj en\n"
      "select all that apply from tools,b,Which?,,Vilka?\n"
      "select_one yesno or specify other,c,Other?,,Annat?\n"
      "select1 yesno,d,Really?,,Verkligen?\n"
      "add select multiple prompt using tools,e,Used?,,Använda?\n",
      "list name,value,label:English,label:Svenska\n"
      "yesno,yes,Yes,Ja\nyesno,no,No,Nej\ntools,x,Ex,Ex\ntools,y,Why,Varför\n",
      "form_title:English,form_title:Svenska,form_id,default_language,allow_choice_duplicates\n"
      "T,T,t,English,no\n"));
  ASSERT_TRUE(check.ok()) << ::testing::PrintToString(Lines(check.problems, Severity::kError));
  EXPECT_THAT(Lines(check.problems, Severity::kWarning),
              ::testing::ElementsAre("t.settings.csv:1:5: warning: column "
                                     "\"allow_choice_duplicates\" is not one Kartla "
                                     "uses; it is ignored"));
  const Form& form = *check.form;
  EXPECT_EQ(form.languages, (std::vector<Lang>{Lang::kSv, Lang::kEn}));
  ASSERT_EQ(form.items.size(), 5u);
  EXPECT_EQ(form.items[0].type, ItemType::kSelectOne);
  EXPECT_EQ(form.items[0].list_name, "yesno");
  EXPECT_EQ(form.items[0].label.en, "Do you?");
  EXPECT_EQ(form.items[0].label.sv, "Gör du?");
  EXPECT_EQ(form.items[0].hint.en, "Pick one");
  EXPECT_EQ(form.items[1].type, ItemType::kSelectMultiple);
  EXPECT_TRUE(form.items[2].or_other);
  EXPECT_EQ(form.items[3].type, ItemType::kSelectOne);
  EXPECT_EQ(form.items[4].type, ItemType::kSelectMultiple);
  ASSERT_NE(form.FindList("tools"), nullptr);
  EXPECT_EQ(form.FindList("tools")->choices[1].label.sv, "Varför");
}

// What XLSForm has and Kartla does not run is refused at its row and
// column, saying what to do instead; in any of pyxform's spellings.
TEST(FormBuilderTest, RefusesWhatKartlaDoesNotRunInAnySpelling) {
  FormCheck check = CheckedBuild(CsvWorkbook(
      "type,name,label\n"
      "begin repeat,r,R\n"
      "integer,n,N\n"
      "end repeat,,\n"
      "begin looped group,l,L\n"
      "end looped group,,\n"
      "select_one_external city,c,City\n"
      "select one from file towns.csv,t,Town\n"
      "geopoint,g,Where\n"
      "select_multiple tools or_other,m,Tools\n",
      "list_name,name,label\ntools,x,X\n"));
  EXPECT_FALSE(check.ok());
  std::vector<std::string> errors = Lines(check.problems, Severity::kError);
  ASSERT_GE(errors.size(), 6u) << ::testing::PrintToString(errors);
  EXPECT_THAT(errors[0], HasSubstr("t.survey.csv:2:1: error: repeats are not supported"));
  EXPECT_THAT(errors[1], HasSubstr("t.survey.csv:4:1: error: repeats are not supported"));
  EXPECT_THAT(errors[2], HasSubstr("t.survey.csv:5:1: error: repeats are not supported"));
  EXPECT_THAT(errors[4], HasSubstr("t.survey.csv:7:1: error: select_one_external"));
  EXPECT_THAT(errors[5], HasSubstr("t.survey.csv:8:1: error: choices from a file"));
  EXPECT_THAT(errors[6], HasSubstr("t.survey.csv:9:1: error: type \"geopoint\""));
  EXPECT_THAT(errors, ::testing::Contains(
                          "t.survey.csv:10:1: error: \"select_multiple tools or_other\": Kartla "
                          "offers or_other on select_one only; add a choice \"other\" to list "
                          "tools and a text question after this one with relevant "
                          "selected(${m}, 'other')"));
}

TEST(FormBuilderTest, PlainLabelIsTheDefaultLanguage) {
  FormCheck check = CheckedBuild(CsvWorkbook(
      "type,name,label,label::Svenska (sv)\ninteger,a,Montako?,Hur många?\n",
      "", "form_title,default_language\nKysely,Suomi (fi)\n"));
  ASSERT_TRUE(check.ok());
  const Item& a = check.form->items[0];
  EXPECT_EQ(a.label.fi, "Montako?");
  EXPECT_EQ(a.label.sv, "Hur många?");
  EXPECT_EQ(check.form->languages, (std::vector<Lang>{Lang::kFi, Lang::kSv}));
  EXPECT_EQ(check.form->settings.form_id, "t");  // from the file name
}

TEST(FormBuilderTest, ChoiceFilterMayUseChoiceColumns) {
  FormCheck check = CheckedBuild(CsvWorkbook(
      "type,name,label,choice_filter\n"
      "hidden,kind,\n"
      "select_one s,s,S,kind = ${kind} or kind = 'all'\n"
      "select_one s,t,T,colour = 'red'\n",
      "list_name,name,label,kind\ns,a,A,all\ns,b,B,municipality\n"));
  EXPECT_THAT(Lines(check.problems, Severity::kError),
              ::testing::ElementsAre(
                  "t.survey.csv:4:4: error: choice_filter \"colour = 'red'\": "
                  "at character 1: list \"s\" has no column \"colour\""));
}

TEST(FormBuilderTest, CalculationsMayBeDefinedLaterButQuestionsMayNot) {
  FormCheck check = CheckedBuild(CsvWorkbook(
      "type,name,label,relevant,calculation\n"
      "integer,a,A,${total} > 0\n"
      "integer,b,B\n"
      "calculate,total,,,${b} + 1\n"));
  EXPECT_TRUE(check.ok()) << check.problems.size();
}

// Writes a workbook by hand, as another spreadsheet program would: inline
// strings, booleans, numbers, a date cell, sheets in another order and with
// other capitalisation.
TEST(XlsxReaderTest, ReadsCellsOfEveryKind) {
  kartla::testing::TempDir dir;
  std::string path = dir.path().string() + "/hand.xlsx";
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_format* date_format = workbook_add_format(book);
  format_set_num_format(date_format, "yyyy-mm-dd");
  lxw_worksheet* settings = workbook_add_worksheet(book, "Settings");
  worksheet_write_string(settings, 0, 0, "form_id", nullptr);
  worksheet_write_string(settings, 1, 0, "hand", nullptr);
  lxw_worksheet* survey = workbook_add_worksheet(book, "SURVEY");
  const char* header[] = {"Type", "Name", "Label", "Required", "Default"};
  for (int c = 0; c < 5; ++c) worksheet_write_string(survey, 0, c, header[c], nullptr);
  worksheet_write_string(survey, 1, 0, "integer", nullptr);
  worksheet_write_string(survey, 1, 1, "count", nullptr);
  worksheet_write_string(survey, 1, 2, "How many?", nullptr);
  worksheet_write_boolean(survey, 1, 3, 1, nullptr);
  worksheet_write_number(survey, 1, 4, 12, nullptr);
  worksheet_write_string(survey, 2, 0, "decimal", nullptr);
  worksheet_write_string(survey, 2, 1, "share", nullptr);
  worksheet_write_string(survey, 2, 2, "Share", nullptr);
  worksheet_write_number(survey, 2, 4, 2.5, nullptr);
  worksheet_write_string(survey, 4, 0, "date", nullptr);  // after a blank row
  worksheet_write_string(survey, 4, 1, "when", nullptr);
  worksheet_write_string(survey, 4, 2, "When?", nullptr);
  lxw_datetime date = {2025, 3, 1, 0, 0, 0};
  worksheet_write_datetime(survey, 4, 4, &date, date_format);
  ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);

  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto workbook = CheckedXlsx(bytes.str(), "hand.xlsx");
  ASSERT_TRUE(workbook.ok()) << workbook.status().ToString();
  ASSERT_TRUE(workbook->survey);
  const Sheet& sheet = *workbook->survey;
  EXPECT_EQ(sheet.sheet, "SURVEY");
  ASSERT_EQ(sheet.rows.size(), 3u);
  EXPECT_EQ(sheet.rows[0].cells,
            (std::vector<std::string>{"integer", "count", "How many?", "TRUE", "12"}));
  EXPECT_EQ(sheet.rows[1].cells[4], "2.5");
  EXPECT_EQ(sheet.rows[2].row, 5);
  EXPECT_EQ(sheet.rows[2].cells[4], "2025-03-01");
  FormCheck check = CheckedBuild(*workbook);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check.form->settings.form_id, "hand");
  EXPECT_TRUE(check.form->items[0].required_always);
  EXPECT_EQ(check.form->items[2].row, 5);
}

// An archive of `members` (name, contents), deflated, as bytes.
std::string ZipOf(const std::vector<std::pair<std::string, std::string>>& members) {
  kartla::testing::TempDir dir;
  std::string path = dir.path().string() + "/bomb.xlsx";
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(archive, nullptr);
  for (const auto& [name, bytes] : members) {
    zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
    EXPECT_GE(index, 0);
    zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_DEFLATE, 9);
  }
  EXPECT_EQ(zip_close(archive), 0);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(XlsxReaderTest, DecompressionBombsAreRefusedWhileTheyUnpack) {
  const std::string workbook =
      R"(<workbook xmlns:r="r"><sheets><sheet name="survey" r:id="s"/></sheets></workbook>)";
  const std::string rels =
      R"(<Relationships><Relationship Id="s" Target="worksheets/sheet1.xml"/></Relationships>)";
  const std::string sheet = "<worksheet><sheetData/></worksheet>";
  // 48 MiB of spaces pack to about 50 KB: past the limit of one member.
  std::string big = "<sst>" + std::string(size_t(48) << 20, ' ') + "</sst>";
  std::string bomb = ZipOf({{"xl/workbook.xml", workbook},
                            {"xl/_rels/workbook.xml.rels", rels},
                            {"xl/sharedStrings.xml", big},
                            {"xl/worksheets/sheet1.xml", sheet}});
  big.clear();
  big.shrink_to_fit();
  EXPECT_LT(bomb.size(), size_t(1) << 20);
  auto read = CheckedXlsx(bomb, "bomb.xlsx");  // refused at 1 MiB for its ratio
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.status().message(),
              HasSubstr("bomb.xlsx: member xl/sharedStrings.xml unpacks to more than 100 "
                        "times its packed size of "));
  ASSERT_EQ(read.status().problems().size(), 1u);
  EXPECT_EQ(read.status().problems()[0].place.file, "bomb.xlsx");
  WorkbookLimits limits;
  limits.ratio = 1e6;
  read = CheckedXlsx(bomb, "bomb.xlsx", limits);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().message(),
            "bomb.xlsx: member xl/sharedStrings.xml unpacks to more than 32 MiB (the "
            "limit of one member)");

  // The ratio, and the whole workbook's limit, with smaller limits.
  limits = {};
  limits.member_bytes = size_t(8) << 20;
  limits.total_bytes = size_t(10) << 20;
  std::string two = "<sst>" + std::string(size_t(2) << 20, ' ') + "</sst>";
  read = CheckedXlsx(ZipOf({{"xl/workbook.xml", workbook},
                         {"xl/_rels/workbook.xml.rels", rels},
                         {"xl/sharedStrings.xml", two},
                         {"xl/worksheets/sheet1.xml", sheet}}),
                  "ratio.xlsx", limits);
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.status().message(),
              HasSubstr("member xl/sharedStrings.xml unpacks to more than 100 times its "
                        "packed size"));
  limits.ratio = 1e6;
  std::string six = "<styleSheet>" + std::string(size_t(6) << 20, ' ') + "</styleSheet>";
  read = CheckedXlsx(ZipOf({{"xl/workbook.xml", workbook},
                         {"xl/_rels/workbook.xml.rels", rels},
                         {"xl/sharedStrings.xml", "<sst>" + six + "</sst>"},
                         {"xl/styles.xml", six},
                         {"xl/worksheets/sheet1.xml", sheet}}),
                  "total.xlsx", limits);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().message(),
            "total.xlsx: member xl/styles.xml takes the workbook past 10 MiB unpacked (the "
            "limit of a workbook)");
}

TEST(XlsxReaderTest, SheetsWiderOrLargerThanTheLimitsAreRefused) {
  const std::string workbook =
      R"(<workbook xmlns:r="r"><sheets><sheet name="survey" r:id="s"/></sheets></workbook>)";
  const std::string rels =
      R"(<Relationships><Relationship Id="s" Target="worksheets/sheet1.xml"/></Relationships>)";
  // One header cell far out, then rows of one cell each: a vector as wide
  // as the header for every row would take gigabytes.
  std::string sheet = R"(<worksheet><sheetData><row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>)";
  sheet += "</sheetData></worksheet>";
  auto read = CheckedXlsx(ZipOf({{"xl/workbook.xml", workbook},
                              {"xl/_rels/workbook.xml.rels", rels},
                              {"xl/worksheets/sheet1.xml", sheet}}),
                       "wide.xlsx");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.status().ToString(),
              HasSubstr("the header row reaches column 16384; at most 500 are read"));
  sheet = R"(<worksheet><sheetData><row r="1"><c r="SA1" t="inlineStr"><is><t>x</t></is></c></row>)";
  for (int r = 2; r < 5000; ++r) {
    sheet += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) +
             "\" t=\"inlineStr\"><is><t>y</t></is></c></row>";
  }
  sheet += "</sheetData></worksheet>";
  read = CheckedXlsx(ZipOf({{"xl/workbook.xml", workbook},
                         {"xl/_rels/workbook.xml.rels", rels},
                         {"xl/worksheets/sheet1.xml", sheet}}),
                  "long.xlsx");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.status().ToString(),
              HasSubstr("4999 rows of 495 columns are more than the 2000000 cells read"));
}

// The key of each problem in `problems`.
std::vector<std::string> KeysOf(const std::vector<Problem>& problems) {
  std::vector<std::string> keys;
  for (const Problem& problem : problems) keys.push_back(problem.key);
  return keys;
}

struct KeyCase {
  const char* survey;
  const char* choices;
  const char* settings;
  const char* key;  // a problem the form gives
};

// Each message of the check, met in a form: keyed, and (CheckedBuild) in
// the catalogue in three languages, its English as the check writes it.
TEST(FormBuilderTest, EveryProblemOfTheCheckIsKeyedAndTranslated) {
  const KeyCase kCases[] = {
      {"type,name,label,name::fi\ninteger,a,A,\n", "", "", "form_column_not_translated"},
      {"type,name,label,label\ninteger,a,A,B\n", "", "", "form_column_repeats"},
      {"type,name,label\ninteger,a,A\n", "", "form_id\nt\nsecond\n", "form_settings_rows"},
      {"type,name,label\ninteger,a,A\n", "", "form_id\n1bad\n", "form_id_bad"},
      {"type,name,label\ninteger,a,A\n", "list,name,label\nl,x,X\n", "", "form_choices_no_column"},
      {"type,name,label\ninteger,a,A\n", "list_name,name,label\n,x,X\n", "", "form_choice_no_list"},
      {"type,name,label\ninteger,a,A\n", "list_name,name,label\nl,a b,X\n", "",
       "form_choice_name_space"},
      {"type,name,label\n,a,A\n", "", "", "form_no_type"},
      {"type,name,label\nselect_one,a,A\n", "", "", "form_select_no_list"},
      {"type,name,label\ninteger extra,a,A\n", "", "", "form_type_too_many"},
      {"type,name,label,read_only\ninteger,a,A,maybe\n", "", "", "form_read_only"},
      {"type,name,label,kartla::max_choices\nselect_multiple l,a,A,0\n",
       "list_name,name,label\nl,x,X\n", "", "form_max_choices_bad"},
      {"type,name,label,calculation\ninteger,a,A,1 + 1\n", "", "", "form_calculation_overwrites"},
      {"type,name,label,parameters\nrange,a,A,start\n", "", "", "form_range_parameter"},
      {"type,name,label,parameters\nrange,a,A,start=x\n", "", "", "form_range_not_number"},
      {"type,name,label,parameters\nrange,a,A,from=1\n", "", "", "form_range_unknown"},
      {"type,name,label,parameters\nrange,a,A,step=0\n", "", "", "form_range_step"},
      {"type,name,label,parameters\nrange,a,A,start=5 end=1\n", "", "", "form_range_order"},
      {"type,name,label,kartla::prefill\ninteger,a,A,region\n", "", "", "form_prefill_not_hidden"},
      {"type,name,label,kartla::series\ninteger,a,A,1x\n", "", "", "form_series_bad"},
      {"type,name,label,kartla::series\ninteger,a,A,s\ninteger,b,B,s\n", "", "",
       "form_series_twice"},
      {"type,name,label,appearance\ninteger,a,A,sparkly\n", "", "", "form_appearance_unknown"},
      {"type,name,label,appearance\ninteger,a,A,multiline\n", "", "", "form_appearance_not_for"},
      {"type,name,label::fi,label::en,constraint,constraint_message::fi,"
       "constraint_message::en\ninteger,a,A,A,. > 0,Liian pieni,\n",
       "", "", "form_untranslated_constraint_message"},
      {"type,name,label::fi,label::en,required,required_message::fi,required_message::en\n"
       "integer,a,A,A,yes,Vastaa,\n",
       "", "", "form_untranslated_required_message"},
      {"type,name,label::fi,label::en\nselect_one l,a,A,A\n",
       "list_name,name,label::fi,label::en\nl,x,Yksi,\n", "", "form_untranslated_choice_label"},
      {"type,name,label,relevant\ninteger,a,A,. > 1\n", "", "", "expr_self"},
      {"type,name,label,relevant\nnote,n,N,\ninteger,a,A,${n} = 1\n", "", "", "expr_no_answer"},
      {"type,name,label,relevant\ninteger,a,A,1 = )\n", "", "", "expr_expected_value"},
      {"type,name,label,calculation\ncalculate,c,,\"jr:choice-name(1, 'nope')\"\n", "", "",
       "expr_choice_name"},
  };
  for (const KeyCase& c : kCases) {
    FormCheck check = CheckedBuild(CsvWorkbook(c.survey, c.choices, c.settings));
    EXPECT_THAT(KeysOf(check.problems), ::testing::Contains(c.key))
        << c.key << ": " << ::testing::PrintToString(Lines(check.problems, Severity::kError))
        << ::testing::PrintToString(Lines(check.problems, Severity::kWarning));
  }
  // Sheets a workbook may have and a CSV form cannot.
  Workbook workbook = CsvWorkbook("type,name,label\ninteger,a,A\n");
  workbook.other_sheets = {{"external_choices", Place{"t.xlsx", "external_choices", 0, 0}},
                           {"entities", Place{"t.xlsx", "entities", 0, 0}},
                           {"notes", Place{"t.xlsx", "notes", 0, 0}}};
  EXPECT_THAT(KeysOf(CheckedBuild(workbook).problems),
              ::testing::ElementsAre("form_external_choices", "form_entities",
                                     "form_sheet_ignored"));
}

// What makes a file no readable workbook: keyed, and (CheckedXlsx) in the
// catalogue in three languages.
TEST(XlsxReaderTest, EveryRefusalOfAWorkbookIsKeyedAndTranslated) {
  const std::string workbook =
      R"(<workbook xmlns:r="r"><sheets><sheet name="survey" r:id="s"/></sheets></workbook>)";
  const std::string rels =
      R"(<Relationships><Relationship Id="s" Target="worksheets/sheet1.xml"/></Relationships>)";
  // The key of the first problem that refuses `bytes`.
  auto refused = [](const std::string& bytes, const WorkbookLimits& limits = {}) {
    auto read = CheckedXlsx(bytes, "t.xlsx", limits);
    return read.ok() || read.status().problems().empty() ? std::string()
                                                         : read.status().problems()[0].key;
  };
  // A workbook part and its relations, with `more` members after them.
  auto with = [&](std::vector<std::pair<std::string, std::string>> more,
                  const std::string& rels_xml) {
    more.insert(more.begin(), {{"xl/workbook.xml", workbook}, {"xl/_rels/workbook.xml.rels", rels_xml}});
    return ZipOf(more);
  };
  EXPECT_EQ(refused(ZipOf({{"docProps/app.xml", "<x/>"}})), "xlsx_no_workbook");
  EXPECT_EQ(refused(ZipOf({{"xl/workbook.xml", "<workbook"}, {"xl/_rels/workbook.xml.rels", rels}})),
            "xlsx_workbook_xml");
  EXPECT_EQ(refused(with({{"xl/sharedStrings.xml", "<sst"}}, rels)), "xlsx_strings_xml");
  EXPECT_EQ(refused(with({}, "<Relationships/>")), "xlsx_sheet_no_part");
  EXPECT_EQ(refused(with({}, rels)), "xlsx_sheet_missing");
  EXPECT_EQ(refused(with({{"xl/worksheets/sheet1.xml", "<worksheet"}}, rels)), "xlsx_sheet_xml");
  EXPECT_EQ(refused("not a zip"), "xlsx_not_zip");
  WorkbookLimits small;
  small.member_bytes = 10;
  EXPECT_EQ(refused(with({}, rels), small), "xlsx_member_too_big");
  small = {};
  small.total_bytes = 120;
  EXPECT_EQ(refused(with({}, rels), small), "xlsx_workbook_too_big");
}

TEST(XlsxReaderTest, AWorkbookWithoutASurveySheetIsRefused) {
  kartla::testing::TempDir dir;
  std::string path = dir.path().string() + "/choices-only.xlsx";
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* choices = workbook_add_worksheet(book, "choices");
  worksheet_write_string(choices, 0, 0, "list_name", nullptr);
  ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);
  auto check = CheckedFile(path);
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check->ok());
  EXPECT_THAT(Lines(check->problems, Severity::kError),
              ::testing::ElementsAre(
                  path + ": error: the form has no survey sheet (or "
                         "NAME.survey.csv)"));
}

TEST(FormFileTest, ExportThenImportGivesTheSameContentHash) {
  kartla::testing::TempDir dir;
  auto files = FindFormFiles(KARTLA_SOURCE_DIR "/data/forms/digimapping-2025");
  ASSERT_TRUE(files.ok());
  for (const std::string& file : *files) {
    auto check = CheckedFile(file);
    ASSERT_TRUE(check.ok() && check->ok()) << file;
    std::string out = dir.path().string() + "/" + check->form->settings.form_id + ".xlsx";
    ASSERT_TRUE(WriteFormXlsx(*check->form, out).ok());
    auto again = CheckedFile(out);
    ASSERT_TRUE(again.ok() && again->ok()) << out;
    EXPECT_THAT(again->problems, ::testing::IsEmpty());
    EXPECT_EQ(FormContentHash(*again->form), FormContentHash(*check->form))
        << file;
    // And through the stored JSON.
    std::string json = WorkbookToJson(CanonicalWorkbook(*check->form));
    auto stored = WorkbookFromJson(json, "stored");
    ASSERT_TRUE(stored.ok());
    FormCheck loaded = CheckedBuild(*stored);
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(FormContentHash(*loaded.form), FormContentHash(*check->form));
  }
}

// Forms that check must load again from what is stored, and export to an
// xlsx that imports to the same form: whatever sheets and columns they
// lack.
TEST(FormFileTest, FormsWithoutChoicesOrSettingsRoundTrip) {
  kartla::testing::TempDir dir;
  const Workbook workbooks[] = {
      CsvWorkbook("type,name,label\ntext,a,A\n"),
      CsvWorkbook("type,name,label\ninteger,a,A\n", "", "form_id,version\nsolo,1\n"),
      CsvWorkbook("type,name,label::fi\nnote,n,Huom\ndecimal,d,Luku\n"),
      CsvWorkbook("type,name,label\nbegin group,g,G\ntext,t,T\nend group,,\n"),
  };
  for (const Workbook& workbook : workbooks) {
    FormCheck check = CheckedBuild(workbook);
    ASSERT_TRUE(check.ok()) << ::testing::PrintToString(Lines(check.problems, Severity::kError));
    std::string json = WorkbookToJson(CanonicalWorkbook(*check.form));
    auto stored = WorkbookFromJson(json, "stored");
    ASSERT_TRUE(stored.ok());
    FormCheck loaded = CheckedBuild(*stored);
    ASSERT_TRUE(loaded.ok()) << json << "\n"
                             << ::testing::PrintToString(Lines(loaded.problems, Severity::kError));
    EXPECT_EQ(FormContentHash(*loaded.form), FormContentHash(*check.form));
    std::string out = dir.path().string() + "/" + check.form->settings.form_id + ".xlsx";
    ASSERT_TRUE(WriteFormXlsx(*check.form, out).ok());
    auto again = CheckedFile(out);
    ASSERT_TRUE(again.ok() && again->ok()) << out;
    EXPECT_EQ(FormContentHash(*again->form), FormContentHash(*check.form));
  }
}

// A random valid form as CSV: 1–3 languages of six (Kartla's three,
// Northern Sámi, Estonian, Swiss German) in any header spelling Kartla
// reads, 0–3 choice lists, 1–14 rows of every supported
// type with and without groups, hints, required, constraints, relevance
// on earlier answers, calculations and settings; type spellings modern or
// pyxform's.
struct RandomForm {
  std::string survey, choices, settings;
};
RandomForm MakeRandomForm(std::mt19937& random) {
  auto chance = [&](int percent) { return int(random() % 100) < percent; };
  auto pick = [&](auto& options) -> decltype(auto) { return options[random() % std::size(options)]; };
  const std::string codes[] = {"fi", "sv", "en", "se", "et", "de-CH"};
  const std::string names[] = {"Suomi", "Svenska", "English", "Northern Sami", "Eesti",
                               "Schweizerdeutsch"};
  std::vector<size_t> langs;
  for (size_t l = 0; l < std::size(codes); ++l) {
    if (chance(25)) langs.push_back(l);
  }
  if (langs.empty()) langs.push_back(random() % std::size(codes));
  while (langs.size() > 3) langs.erase(langs.begin() + random() % langs.size());
  auto header = [&](const std::string& field, size_t l) {
    // A name alone only where Kartla knows it.
    switch (random() % (codes[l] == "de-CH" ? 2 : 3)) {
      case 0: return field + "::" + names[l] + " (" + codes[l] + ")";
      case 1: return field + "::" + codes[l];
      default: return field + ":" + names[l];
    }
  };
  const std::string words[] = {"Kunta", "Område", "ICT", "Palvelu", "Tjänst", "How many", "Yes",
                               "Digital", "Kyllä", "Nej", "Staff", "Henkilöstö"};
  auto text = [&](size_t l) { return std::string(pick(words)) + " " + codes[l] + std::to_string(random() % 100); };
  RandomForm form;
  // Choice lists.
  const size_t lists = random() % 4;
  std::string choices_header = chance(50) ? "list_name,name" : "list name,value";
  for (size_t l : langs) choices_header += "," + header("label", l);
  std::vector<std::vector<std::string>> list_choices(lists);
  std::string choice_rows;
  for (size_t list = 0; list < lists; ++list) {
    const size_t n = 2 + random() % 4;
    for (size_t c = 0; c < n; ++c) {
      list_choices[list].push_back("c" + std::to_string(c));
      choice_rows += "l" + std::to_string(list) + ",c" + std::to_string(c);
      for (size_t l : langs) choice_rows += "," + text(l);
      choice_rows += "\n";
    }
  }
  if (lists > 0) form.choices = choices_header + "\n" + choice_rows;
  // Survey.
  std::string survey_header = "type,name,required,relevant,constraint,calculation,parameters,appearance";
  for (size_t l : langs) survey_header += "," + header("label", l) + "," + header("hint", l);
  std::string rows;
  struct Earlier {
    std::string name;
    int kind;  // 0 number, 1 select_one of list, 2 other
    size_t list;
  };
  std::vector<Earlier> earlier;
  int depth = 0;
  const size_t items = 1 + random() % 14;
  int questions = 0;
  for (size_t i = 0; i < items || depth > 0; ++i) {
    std::string type, name = "q" + std::to_string(i), required, relevant, constraint, calculation,
                      parameters, appearance;
    bool labelled = true, hinted = chance(30);
    Earlier self{name, 2, 0};
    if (i >= items) {
      type = "end group", name.clear(), labelled = hinted = false;
      --depth;
    } else if (depth < 2 && chance(10)) {
      type = chance(50) ? "begin group" : "begin_group";
      name = "g" + std::to_string(i);
      if (chance(30)) appearance = "field-list";
      ++depth;
    } else if (depth > 0 && chance(15)) {
      type = chance(50) ? "end group" : "end_group", name.clear(), labelled = hinted = false;
      --depth;
    } else {
      ++questions;
      const int kind = int(random() % (lists > 0 ? 10 : 6));
      switch (kind) {
        case 0: type = "integer"; self.kind = 0; if (chance(40)) constraint = ". >= 0"; break;
        case 1: type = "decimal"; self.kind = 0; break;
        case 2: type = "text"; if (chance(20)) appearance = "multiline"; break;
        case 3: type = "date"; break;
        case 4: type = chance(50) ? "note" : "acknowledge"; break;
        case 5:
          if (chance(50)) {
            type = "range", parameters = "start=1 end=5 step=1", self.kind = 0;
          } else {
            type = "calculate", calculation = "1 + 2", labelled = hinted = false, self.kind = 0;
          }
          break;
        default: {
          const size_t list = random() % lists;
          const std::string l = "l" + std::to_string(list);
          const std::string one[] = {"select_one " + l, "select one from " + l, "select1 " + l,
                                     "select_one " + l + " or_other",
                                     "select_one " + l + " or specify other"};
          const std::string many[] = {"select_multiple " + l, "select all that apply from " + l,
                                      "select all that apply " + l};
          if (kind == 9) {
            type = "rank " + l;
          } else if (kind % 2 == 0) {
            type = pick(one), self.kind = 1, self.list = list;
            if (chance(20)) appearance = "minimal";
          } else {
            type = pick(many);
          }
        }
      }
      if (type != "note" && type != "calculate" && chance(30)) required = "yes";
      if (!earlier.empty() && chance(30)) {
        const Earlier& on = earlier[random() % earlier.size()];
        if (on.kind == 0) relevant = "${" + on.name + "} > 2";
        if (on.kind == 1) relevant = "${" + on.name + "} = '" + list_choices[on.list][0] + "'";
      }
    }
    rows += type + "," + name + "," + required + "," + relevant + "," + constraint + "," +
            calculation + "," + parameters + "," + appearance;
    for (size_t l : langs) rows += "," + (labelled ? text(l) : "") + "," + (hinted ? text(l) : "");
    rows += "\n";
    if (!name.empty() && !type.starts_with("begin") && type != "note" && type != "acknowledge") {
      earlier.push_back(self);
    }
  }
  if (questions == 0) {
    rows += "text,last,,,,,,";
    for (size_t l : langs) rows += "," + text(l) + ",";
    rows += "\n";
  }
  form.survey = survey_header + "\n" + rows;
  if (chance(60)) {
    std::string settings_header = "form_id,version", values = "random,1";
    for (size_t l : langs) settings_header += "," + header("form_title", l), values += "," + text(l);
    if (chance(50)) settings_header += ",default_language", values += "," + (codes[langs[0]] == "de-CH" ? codes[langs[0]] : names[langs[0]]);
    form.settings = settings_header + "\n" + values + "\n";
  }
  return form;
}

// The round trip as a property: every random form that checks is stored
// (canonical workbook as JSON), loads again to the same content hash, and
// every tenth is exported to xlsx and re-imported to the same hash too.
TEST(FormFileTest, EveryRandomFormThatChecksRoundTrips) {
  kartla::testing::TempDir dir;
  std::mt19937 random(20261203);
  constexpr int kForms = 2000;
  int checked = 0;
  for (int f = 0; f < kForms; ++f) {
    const RandomForm text = MakeRandomForm(random);
    const Workbook workbook = CsvWorkbook(text.survey, text.choices, text.settings);
    FormCheck check = CheckedBuild(workbook);
    if (!check.ok()) {
      ADD_FAILURE() << "a generated form is refused:\n"
                    << text.survey << text.choices << text.settings
                    << ::testing::PrintToString(Lines(check.problems, Severity::kError));
      continue;
    }
    ++checked;
    const std::string hash = FormContentHash(*check.form);
    auto stored = WorkbookFromJson(WorkbookToJson(CanonicalWorkbook(*check.form)), "stored");
    ASSERT_TRUE(stored.ok());
    FormCheck loaded = CheckedBuild(*stored);
    ASSERT_TRUE(loaded.ok()) << text.survey << text.choices << text.settings
                             << ::testing::PrintToString(Lines(loaded.problems, Severity::kError));
    EXPECT_EQ(FormContentHash(*loaded.form), hash) << text.survey;
    if (f % 10 == 0) {
      const std::string out = dir.path().string() + "/f" + std::to_string(f) + ".xlsx";
      ASSERT_TRUE(WriteFormXlsx(*check.form, out).ok());
      auto again = CheckedFile(out);
      ASSERT_TRUE(again.ok() && again->ok()) << out << "\n" << text.survey;
      EXPECT_EQ(FormContentHash(*again->form), hash) << text.survey;
    }
  }
  EXPECT_EQ(checked, kForms);
}

// A corpus of forms in pyxform's and XLSForm's documented syntax, modern
// and legacy (tests/forms/pyxform): each valid one checks without an error
// and round-trips (stored and loaded; exported to xlsx and re-imported) to
// the same content hash; each with what Kartla does not run gives exactly
// the located errors of expected.txt.
TEST(FormFileTest, PyxformCorpus) {
  kartla::testing::TempDir dir;
  const std::string folder = KARTLA_SOURCE_DIR "/tests/forms/pyxform";
  std::map<std::string, std::vector<std::string>> expected = ExpectedErrors(folder);
  auto files = FindFormFiles(folder);
  ASSERT_TRUE(files.ok());
  EXPECT_GE(files->size(), 40u);
  const size_t refused = expected.size();
  size_t valid = 0;
  for (const std::string& file : *files) {
    std::string name = fs::path(file).filename().string();
    name = name.substr(0, name.find('.'));
    auto check = CheckedFile(file);
    ASSERT_TRUE(check.ok()) << name;
    std::vector<std::string> errors;
    for (Problem p : check->problems) {
      if (p.severity != Severity::kError) continue;
      p.place.file = fs::path(p.place.file).filename().string();
      errors.push_back(p.ToString());
    }
    EXPECT_EQ(errors, expected[name]) << name;
    if (!check->ok()) continue;
    ++valid;
    const std::string hash = FormContentHash(*check->form);
    auto stored = WorkbookFromJson(WorkbookToJson(CanonicalWorkbook(*check->form)), "stored");
    ASSERT_TRUE(stored.ok());
    FormCheck loaded = CheckedBuild(*stored);
    ASSERT_TRUE(loaded.ok()) << name;
    EXPECT_EQ(FormContentHash(*loaded.form), hash) << name;
    const std::string out = dir.path().string() + "/" + name + ".xlsx";
    ASSERT_TRUE(WriteFormXlsx(*check->form, out).ok());
    auto again = CheckedFile(out);
    ASSERT_TRUE(again.ok() && again->ok()) << name;
    EXPECT_EQ(FormContentHash(*again->form), hash) << name;
  }
  EXPECT_EQ(valid, files->size() - refused);
  EXPECT_GE(valid, 30u);
}

TEST(FormBuilderTest, AFormWithoutQuestionsIsRefused) {
  // Found by fuzz_form_csv: it checked, and its stored form did not load.
  for (const char* survey : {"type,name,label,relevant,r,,lenght(.) < 10\n",
                             "type,name,label\n,,\n"}) {
    FormCheck check = CheckedBuild(CsvWorkbook(survey));
    EXPECT_FALSE(check.ok()) << survey;
    EXPECT_THAT(Lines(check.problems, Severity::kError),
                ::testing::Contains(HasSubstr("the survey sheet has no questions")))
        << survey;
  }
}

TEST(FormFileTest, AChangedLabelChangesTheHash) {
  FormCheck one = CheckedBuild(CsvWorkbook("type,name,label\ninteger,a,A\n"));
  FormCheck two = CheckedBuild(CsvWorkbook("type,name,label\ninteger,a,B\n"));
  FormCheck same = CheckedBuild(CsvWorkbook("name,label,type\na,A,integer\n\n"));
  ASSERT_TRUE(one.ok() && two.ok() && same.ok());
  EXPECT_NE(FormContentHash(*one.form), FormContentHash(*two.form));
  // Column order and blank rows are not content.
  EXPECT_EQ(FormContentHash(*one.form), FormContentHash(*same.form));
}

class ResponseStateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FormCheck check = CheckedBuild(CsvWorkbook(
        "type,name,label,relevant,calculation\n"
        "integer,a,A\n"
        "integer,b,B,${a} > 1\n"
        "calculate,total,,,\"sum(${a}, ${b})\"\n"
        "begin group,g,G,${total} > 10\n"
        "text,c,C\n"
        "end group\n"
        "text,d,D\n"));
    ASSERT_TRUE(check.ok());
    form_ = std::move(*check.form);
    graph_ = std::make_unique<DependencyGraph>(form_);
  }
  Form form_;
  std::unique_ptr<DependencyGraph> graph_;
};

TEST_F(ResponseStateTest, ReevaluatesOnlyWhatDependsOnTheChange) {
  // a -> b's relevance, total -> g -> c; d depends on nothing.
  EXPECT_EQ(graph_->Affected(0).size(), 4u);  // b, total, g, c
  EXPECT_EQ(graph_->Affected(6).size(), 0u);  // d
  ResponseState state(form_, *graph_, Lang::kEn, "2025-03-01");
  EXPECT_FALSE(state.Relevant(1));
  EXPECT_FALSE(state.Relevant(4));
  EXPECT_EQ(state.SetAnswer("a", "5"), 4);
  EXPECT_TRUE(state.Relevant(1));
  EXPECT_EQ(state.Value(2), "5");
  EXPECT_FALSE(state.Relevant(4));  // total 5 is not over 10
  state.SetAnswer("b", "7");
  EXPECT_EQ(state.Value(2), "12");
  EXPECT_TRUE(state.Relevant(3));
  EXPECT_TRUE(state.Relevant(4));  // c, inside the group
  EXPECT_EQ(state.SetAnswer("d", "x"), 0);
  state.SetAnswer("a", "0");  // b becomes irrelevant, its answer stays
  EXPECT_FALSE(state.Relevant(1));
  EXPECT_EQ(state.Value(1), "7");
  // ... but expressions see it as empty, as XLSForm has it.
  EXPECT_EQ(state.Value(2), "0");
  EXPECT_FALSE(state.Relevant(4));
}

}  // namespace
}  // namespace kartla::forms

namespace kartla::forms {
namespace {

// The printed questionnaire says when a follow-up is asked, in words.
TEST(DescribeTest, AFollowUpSaysWhenItIsAsked) {
  FormCheck check = CheckedBuild(CsvWorkbook(
      "type,name,label::English (en),label::Suomi (fi),relevant\n"
      "select_one change,cost_change,How did costs change?,Miten kustannukset muuttuivat?,\n"
      "text,why,Why?,Miksi?,${cost_change} = 'grew' or ${cost_change} = 'fell'\n"
      "select_multiple uses,uses,What do you use?,Mitä käytätte?,\n"
      "text,uses_other,What else?,Mitä muuta?,\"selected(${uses}, 'other')\"\n"
      "text,no_none,Which?,Mitkä?,\"not(selected(${uses}, 'none'))\"\n"
      "integer,staff,How many?,Montako?,\n"
      "text,big,Tell more,Kerro,${staff} > 10\n"
      "text,answered,Then?,Sitten?,${staff} != ''\n",
      "list_name,name,label::English (en),label::Suomi (fi)\n"
      "change,grew,Grew,Kasvoivat\nchange,fell,Fell,Laskivat\n"
      "uses,other,Other,Muu\nuses,none,None,Ei mitään\n",
      "form_title,form_id,default_language\nT,t,en\n"));
  ASSERT_TRUE(check.ok());
  const Form& form = *check.form;
  auto said = [&](const char* name, Lang lang) {
    return DescribeWhenAsked(form, *form.FindItem(name), lang).value_or("(always)");
  };
  EXPECT_EQ(said("cost_change", Lang::kEn), "(always)");
  EXPECT_EQ(said("why", Lang::kEn),
            "Answer if “How did costs change?” is “Grew” or “How did costs change?” is “Fell”.");
  EXPECT_EQ(said("why", Lang::kFi),
            "Vastaa, jos “Miten kustannukset muuttuivat?” on “Kasvoivat” tai "
            "“Miten kustannukset muuttuivat?” on “Laskivat”.");
  EXPECT_EQ(said("uses_other", Lang::kEn), "Answer if “Other” is chosen in “What do you use?”.");
  EXPECT_EQ(said("uses_other", Lang::kSv), "Svara om ”Other” är valt i ”What do you use?”.");
  EXPECT_EQ(said("no_none", Lang::kEn), "Answer if “None” is not chosen in “What do you use?”.");
  EXPECT_EQ(said("big", Lang::kEn), "Answer if your earlier answers call for it.");
  EXPECT_EQ(said("answered", Lang::kEn), "Answer if “How many?” is answered.");
}

}  // namespace
}  // namespace kartla::forms
