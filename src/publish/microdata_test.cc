// Microdata files read back by ReadStat itself: variables with their
// labels, value labels, the respondents' rows, pseudonyms in place of the
// organisations, and the same bytes when written again.
#include <gtest/gtest.h>
#include <readstat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/files.h"
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
  const std::vector<double> weights(data.rows, 2.5);
  options.label = "Toy survey 2025, ICT management";
  options.date = "2025-06-01";
  kartla::testing::TempDir temp;
  const auto scratch = temp.path() / "scratch";
  auto files = RenderMicrodata(data, weights, "toy", options, scratch.string());
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
  auto again = RenderMicrodata(data, weights, "toy", options, scratch.string());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *files);
  // With --identify the organisations' codes are there.
  options.identify = true;
  auto identified = RenderMicrodata(data, weights, "toy", options, scratch.string());
  ASSERT_TRUE(identified.ok());
  EXPECT_NE(identified->at("toy.csv").find("organisation," ), std::string::npos);
  EXPECT_NE(identified->at("toy.csv").find(data.organisations[0]), std::string::npos);
}

// The rows of `data` from `first` on, `count` of them (a chunk).
stats::Dataset Rows(const stats::Dataset& data, size_t first, size_t count) {
  stats::Dataset part = data;
  part.rows = count;
  auto cut = [&](auto& values) {
    values.erase(values.begin() + std::ptrdiff_t(first + count), values.end());
    values.erase(values.begin(), values.begin() + std::ptrdiff_t(first));
  };
  cut(part.organisations);
  for (auto& dimension : part.dimensions) cut(dimension.codes);
  for (auto& column : part.columns) {
    if (!column.codes.empty()) cut(column.codes);
    if (!column.bits.empty()) cut(column.bits);
    if (!column.numbers.empty()) cut(column.numbers);
    if (!column.texts.empty()) cut(column.texts);
  }
  return part;
}

// Written a row at a time (as an export streams a round's responses), each
// file has the bytes it has written at once; rows that change between the
// measuring run and the writing run are refused, and no file is left.
TEST(MicrodataTest, RowsInChunksGiveTheSameFiles) {
  const stats::Dataset data = stats::ToyDataset();
  const std::vector<double> weights(data.rows, 1.5);
  MicrodataOptions options;
  options.identify = true;
  options.label = "Toy";
  options.date = "2025-06-01";
  kartla::testing::TempDir temp;
  auto whole = RenderMicrodata(data, weights, "toy", options, temp.File("whole"));
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();

  std::map<MicrodataFormat, std::string> paths;
  for (MicrodataFormat format : kMicrodataFormats) {
    paths[format] = temp.File("chunked." + std::string(ExtensionOf(format)));
  }
  int runs = 0;
  Status written = WriteMicrodata(data, options, paths, [&](const MicrodataVisit& visit) {
    ++runs;
    for (size_t r = 0; r < data.rows; ++r) {
      Status status = visit({Rows(data, r, 1), std::span<const double>(weights).subspan(r, 1)});
      if (!status.ok()) return status;
    }
    return Status::Ok();
  });
  ASSERT_TRUE(written.ok()) << written.ToString();
  EXPECT_EQ(runs, 2);  // .sav and .dta measure first
  for (MicrodataFormat format : kMicrodataFormats) {
    SCOPED_TRACE(ExtensionOf(format));
    EXPECT_EQ(ReadFileBytes(paths[format]).value_or("?"),
              whole->at("toy." + std::string(ExtensionOf(format))));
  }

  // The second run has a row more than the first: refused, nothing left.
  runs = 0;
  Status changed = WriteMicrodata(data, options, paths, [&](const MicrodataVisit& visit) {
    return visit({Rows(data, 0, data.rows - (runs++ == 0 ? 1 : 0)), weights});
  });
  EXPECT_EQ(changed.code(), ErrorCode::kFailedPrecondition);
  for (const auto& [format, path] : paths) EXPECT_FALSE(std::filesystem::exists(path)) << path;

  // A CSV alone is written in one run.
  runs = 0;
  ASSERT_TRUE(WriteMicrodata(data, options, {{MicrodataFormat::kCsv, paths[MicrodataFormat::kCsv]}},
                             [&](const MicrodataVisit& visit) {
                               ++runs;
                               return visit({data, weights});
                             })
                  .ok());
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(ParseMicrodataFormat("sav"), MicrodataFormat::kSav);
  EXPECT_EQ(ParseMicrodataFormat("pdf"), std::nullopt);
}

}  // namespace
}  // namespace kartla::publish
