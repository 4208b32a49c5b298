// Microdata files read back by ReadStat itself: variables with their
// labels, value labels, the respondents' rows, pseudonyms in place of the
// organisations, and the same bytes when written again.
#include <gtest/gtest.h>
#include <readstat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "publish/microdata.h"
#include "tests/support/temp_dir.h"
#include "tests/support/toy_survey.h"

namespace kartla::publish {
namespace {

struct ReadBack {
  int rows = 0;
  std::string file_label;
  std::map<std::string, std::string> labels;       // variable → its label
  std::map<std::string, std::string> label_sets;   // variable → its value labels' set
  std::map<std::string, std::map<int, std::string>> value_labels;  // set → value → label
  std::vector<std::string> names;
  std::map<std::string, std::vector<std::string>> values;  // variable → its values, as text
};

ReadBack Read(const std::string& path, bool sav) {
  ReadBack back;
  readstat_parser_t* parser = readstat_parser_init();
  readstat_set_metadata_handler(parser, [](readstat_metadata_t* metadata, void* context) {
    auto* read = static_cast<ReadBack*>(context);
    read->rows = readstat_get_row_count(metadata);
    read->file_label = readstat_get_file_label(metadata) ? readstat_get_file_label(metadata) : "";
    return int(READSTAT_HANDLER_OK);
  });
  readstat_set_variable_handler(
      parser, [](int, readstat_variable_t* variable, const char* set, void* context) {
        auto* read = static_cast<ReadBack*>(context);
        std::string name = readstat_variable_get_name(variable);
        read->names.push_back(name);
        const char* label = readstat_variable_get_label(variable);
        read->labels[name] = label ? label : "";
        if (set) read->label_sets[name] = set;
        return int(READSTAT_HANDLER_OK);
      });
  readstat_set_value_label_handler(
      parser, [](const char* set, readstat_value_t value, const char* label, void* context) {
        static_cast<ReadBack*>(context)->value_labels[set][readstat_int32_value(value)] = label;
        return int(READSTAT_HANDLER_OK);
      });
  readstat_set_value_handler(
      parser, [](int, readstat_variable_t* variable, readstat_value_t value, void* context) {
        auto* read = static_cast<ReadBack*>(context);
        std::string text;
        if (readstat_value_is_system_missing(value)) {
          text = ".";
        } else if (readstat_value_type(value) == READSTAT_TYPE_STRING) {
          text = readstat_string_value(value);
        } else {
          // SPSS keeps every number as a double, Stata the codes as int32.
          std::ostringstream number;
          number << readstat_double_value(value);
          text = number.str();
        }
        read->values[readstat_variable_get_name(variable)].push_back(text);
        return int(READSTAT_HANDLER_OK);
      });
  readstat_error_t error = sav ? readstat_parse_sav(parser, path.c_str(), &back)
                               : readstat_parse_dta(parser, path.c_str(), &back);
  readstat_parser_free(parser);
  EXPECT_EQ(error, READSTAT_OK) << readstat_error_message(error);
  return back;
}

TEST(MicrodataTest, SpssAndStataFilesReadBackWithTheirLabels) {
  stats::Dataset data = stats::ToyDataset();
  data.columns[0].label = {"Tyytyväisyys", "Nöjdhet", "Satisfaction with the services"};
  data.columns[0].choice_labels = {{"", "", "1 poor"}, {}, {}, {}, {"", "", "5 excellent"},
                                   {"", "", "Don't know"}};
  data.dimensions[0].label = {"Koko", "Storlek", "Size"};
  data.dimensions[0].category_labels = {{"", "", "Small"}, {"", "", "Medium"},
                                        {"", "", "Large"}};
  MicrodataOptions options;
  options.pseudonym = [](const std::string& code) { return "P-" + std::string(code.rbegin(), code.rend()); };
  options.weights.assign(data.rows, 2.5);
  options.label = "Toy survey 2025, ICT management";
  options.date = "2025-06-01";
  kartla::testing::TempDir temp;
  const auto scratch = temp.path() / "scratch";
  auto files = RenderMicrodata(data, "toy", options, scratch.string());
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  // The scratch folder it made is gone again: no export leaves one behind.
  EXPECT_FALSE(std::filesystem::exists(scratch));
  ASSERT_EQ(files->size(), 4u);
  EXPECT_EQ(files->at("toy.xlsx").substr(0, 2), "PK");
  EXPECT_EQ(files->at("toy.csv").substr(0, 31), "pseudonym,size,weight,q1,m1,m2,");

  for (const char* suffix : {".sav", ".dta"}) {
    SCOPED_TRACE(suffix);
    const std::string path = temp.File(std::string("toy") + suffix);
    std::ofstream(path, std::ios::binary) << files->at(std::string("toy") + suffix);
    ReadBack back = Read(path, std::string(suffix) == ".sav");
    EXPECT_EQ(back.rows, int(data.rows));
    EXPECT_EQ(back.file_label, "Toy survey 2025, ICT management");
    EXPECT_EQ(back.names, (std::vector<std::string>{"pseudonym", "size", "weight", "q1", "m1",
                                                    "m2", "m3", "m4", "mi"}));
    EXPECT_EQ(back.labels["q1"], "Satisfaction with the services");
    EXPECT_EQ(back.labels["size"], "Size");
    // The rating's choices keep their numbers; "don't know" is the sixth.
    const auto& q1 = back.value_labels[back.label_sets["q1"]];
    EXPECT_EQ(q1.at(1), "1 poor");
    EXPECT_EQ(q1.at(5), "5 excellent");
    EXPECT_EQ(q1.at(6), "Don't know");
    EXPECT_EQ(back.value_labels[back.label_sets["size"]].at(3), "Large");
    // Values: the first respondent, a pseudonym for its organisation.
    ASSERT_EQ(back.values["pseudonym"].size(), data.rows);
    EXPECT_EQ(back.values["pseudonym"][0], "P-" + std::string(data.organisations[0].rbegin(),
                                                              data.organisations[0].rend()));
    for (const std::string& value : back.values["pseudonym"]) {
      EXPECT_EQ(std::find(data.organisations.begin(), data.organisations.end(), value),
                data.organisations.end());
    }
    EXPECT_EQ(back.values["q1"][0], std::to_string(data.columns[0].codes[0] + 1));
    EXPECT_EQ(back.values["weight"][0], "2.5");
  }
  // The same data give the same bytes (the time stamp is the date given).
  auto again = RenderMicrodata(data, "toy", options, scratch.string());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *files);
  // With --identify the organisations' codes are there.
  options.identify = true;
  auto identified = RenderMicrodata(data, "toy", options, scratch.string());
  ASSERT_TRUE(identified.ok());
  EXPECT_NE(identified->at("toy.csv").find("organisation," ), std::string::npos);
  EXPECT_NE(identified->at("toy.csv").find(data.organisations[0]), std::string::npos);
}

}  // namespace
}  // namespace kartla::publish
