// The download formats of a result table, on the toy municipal survey:
// JSON-stat 2.0 (structure, values, suppressed cells null with status
// ".."), PX (mandatory keywords, cell count), and byte-stable output.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fstream>
#include <iterator>
#include <map>
#include <regex>

#include "publish/benchmark.h"
#include "publish/charts.h"
#include "publish/formats.h"
#include "stats/tables.h"
#include "stats/weighting.h"
#include "tests/support/temp_dir.h"
#include "tests/support/toy_survey.h"

namespace kartla::publish {
namespace {

namespace json = boost::json;

class FormatsTest : public ::testing::Test {
 protected:
  FormatsTest() : data_(stats::ToyDataset()), weighting_(Weigh(data_)) {}

  static stats::ClassWeighting Weigh(const stats::Dataset& data) {
    return std::move(stats::WeightByClasses(data, {{"size"}, 2})).value();
  }

  stats::QuestionTable Table(const char* item) const {
    return stats::Tabulate(data_, *data_.Column(item), weighting_.design,
                           data_.Dimension("size"), {5, 0});
  }

  stats::Dataset data_;
  stats::ClassWeighting weighting_;
  TableMeta meta_{"toy.q1", {"Lelukysely 2025", "Leksaksenkät 2025", "Toy survey 2025"}, "2025-06-01"};
};

size_t Cells(const json::object& dataset) {
  size_t cells = 1;
  for (const json::value& n : dataset.at("size").as_array()) cells *= size_t(n.as_int64());
  return cells;
}

TEST_F(FormatsTest, AChoiceTableAsJsonStat) {
  stats::QuestionTable table = Table("q1");
  auto text = ToJsonStat(table, Lang::kEn, meta_);
  ASSERT_TRUE(text.has_value());
  json::object dataset = json::parse(*text).as_object();
  EXPECT_EQ(dataset.at("version"), "2.0");
  EXPECT_EQ(dataset.at("class"), "dataset");
  EXPECT_EQ(dataset.at("id"), (json::array{"line", "choice", "measure"}));
  // Size classes S, M, L and the total; six choices; four measures.
  EXPECT_EQ(dataset.at("size"), (json::array{4, 6, 4}));
  const json::array& values = dataset.at("value").as_array();
  ASSERT_EQ(values.size(), Cells(dataset));
  EXPECT_EQ(dataset.at("dimension").at("line").at("category").at("index"),
            (json::array{"S", "M", "L", "total"}));
  // The total's "4" (index 3): 34.0 %, 8 respondents.
  size_t at = (3 * 6 + 3) * 4;
  EXPECT_EQ(values[at].as_double(), 34.0);
  EXPECT_EQ(values[at + 3].as_int64(), 8);
  // Every null is a suppressed cell with status "..", and the other way.
  const json::object& status = dataset.at("status").as_object();
  size_t nulls = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    bool suppressed = status.contains(std::to_string(i));
    if (values[i].is_null()) ++nulls;
    EXPECT_EQ(values[i].is_null(), suppressed) << i;
    if (suppressed) {
      EXPECT_EQ(status.at(std::to_string(i)), "..");
    }
  }
  int hidden = 0;
  for (const stats::GroupResult& line : table.groups) {
    for (bool h : line.hidden) hidden += h;
  }
  EXPECT_EQ(nulls, size_t(hidden) * 4);
  EXPECT_GT(hidden, 0);
  // No published respondent count is under k.
  for (size_t i = 3; i < values.size(); i += 4) {
    if (values[i].is_int64() && values[i].as_int64() > 0) {
      EXPECT_GE(values[i].as_int64(), 5);
    }
  }
  EXPECT_EQ(dataset.at("note").as_array()[0],
            "Answered by 22 of 22 respondents (100 %); 55 % of all organisations in scope.");
  // The rating's mean rides along per line, only where no cell of the line
  // is suppressed: with the shares, a mean would give a hidden cell away.
  const json::object& summary =
      dataset.at("extension").at("kartla").at("summary").as_object();
  ASSERT_EQ(summary.size(), 4u);
  const json::array& lines = dataset.at("dimension").at("line").at("category").at("index").as_array();
  int means = 0;
  for (size_t line = 0; line < lines.size(); ++line) {
    bool any_hidden = false;
    for (size_t i = line * 6 * 4; i < (line + 1) * 6 * 4; ++i) any_hidden |= values[i].is_null();
    const json::value& mean = summary.at(lines[line].as_string()).at("mean");
    EXPECT_EQ(mean.is_null(), any_hidden) << lines[line];
    means += !mean.is_null();
  }
  EXPECT_EQ(means, 0) << "every line of the toy table hides a cell";
  // With nothing suppressed (k = 1) every line's mean is there.
  stats::QuestionTable open = stats::Tabulate(data_, *data_.Column("q1"), weighting_.design,
                                              data_.Dimension("size"), {1, 0});
  json::object all = json::parse(*ToJsonStat(open, Lang::kEn, meta_)).as_object();
  const json::object& shown = all.at("extension").at("kartla").at("summary").as_object();
  for (const auto& [line, figures] : shown) EXPECT_FALSE(figures.at("mean").is_null()) << line;
  EXPECT_EQ(shown.at("total").at("mean").as_double(), 3.65);
  EXPECT_EQ(shown.at("total").at("top2").as_double(), 60.0);
  // The same table gives the same bytes.
  EXPECT_EQ(*text, *ToJsonStat(Table("q1"), Lang::kEn, meta_));
}

TEST_F(FormatsTest, AnAmountAsJsonStatAndPx) {
  stats::QuestionTable table = Table("mi");
  json::object dataset = json::parse(*ToJsonStat(table, Lang::kFi, meta_)).as_object();
  EXPECT_EQ(dataset.at("id"), (json::array{"line", "measure"}));
  // Mean, its interval, median, quartiles, the estimated total, n.
  EXPECT_EQ(dataset.at("size"), (json::array{4, 8}));
  const json::array& values = dataset.at("value").as_array();
  EXPECT_EQ(values[3 * 8].as_double(), 55.0) << "the mean of all";
  EXPECT_EQ(values[3 * 8 + 6].to_number<double>(), 2200.0) << "the total of the 40 in scope";
  EXPECT_TRUE(values[2 * 8].is_null()) << "L has 4 answers";
  EXPECT_TRUE(values[2 * 8 + 6].is_null()) << "nor its total";
  EXPECT_TRUE(values[2 * 8 + 7].is_null()) << "nor how many answered";
  EXPECT_EQ(values[3 * 8 + 7].as_int64(), 22);

  // Per inhabitant where the settings ask: three more measures in the
  // unit they name, hidden with the line's summary.
  stats::Dataset people = data_;
  for (size_t i = 0; i < people.rows; ++i) people.inhabitants.push_back(1000.0 * double(i + 1));
  stats::DatasetColumn& mi = people.columns[size_t(people.Column("mi") - people.columns.data())];
  mi.per_inhabitant = 1000;
  mi.per_inhabitant_unit = {"€ / asukas", "€ / invånare", "€ per inhabitant"};
  json::object per = json::parse(*ToJsonStat(stats::Tabulate(people, mi, weighting_.design,
                                                             people.Dimension("size"), {5, 0}),
                                             Lang::kSv, meta_))
                         .as_object();
  EXPECT_EQ(per.at("size"), (json::array{4, 11}));
  const json::object& measure = per.at("dimension").at("measure").at("category").as_object();
  EXPECT_EQ(measure.at("label").at("per_inhabitant"), "€ / invånare");
  EXPECT_EQ(measure.at("unit").at("per_inhabitant").at("label"), "€ / invånare");
  const json::array& with = per.at("value").as_array();
  EXPECT_GT(with[3 * 11 + 7].as_double(), 0) << "the whole's per inhabitant";
  EXPECT_TRUE(with[2 * 11 + 7].is_null()) << "L's goes with its mean";

  std::string px = *ToPx(table, Lang::kFi, meta_);
  for (const char* keyword : {"CHARSET=", "AXIS-VERSION=", "LANGUAGE=\"fi\"", "DECIMALS=1",
                              "MATRIX=\"toy.q1\"", "TITLE=", "CONTENTS=", "UNITS=", "STUB=",
                              "HEADING=", "VALUES(", "CODES(", "DATA=\n"}) {
    EXPECT_NE(px.find(keyword), std::string::npos) << keyword << "\n" << px;
  }
  // Four lines of one value each; L and one more hidden.
  std::string data = px.substr(px.find("DATA=\n") + 6);
  std::regex cell("\"\\.\\.\"|-?[0-9]+\\.[0-9]");
  EXPECT_EQ(std::distance(std::sregex_iterator(data.begin(), data.end(), cell),
                          std::sregex_iterator()),
            4);
  EXPECT_NE(data.find("55.0"), std::string::npos) << data;
  EXPECT_NE(data.find("\"..\""), std::string::npos) << data;
  EXPECT_TRUE(data.ends_with(";\n"));
}

// The benchmark reads the published JSON-stat files: the organisation's
// line is its own class's, or the wider line a release merged it into
// (the file's members), named as such; its answer is drawn among its
// peers' (a choice's share marked, an amount's quartiles), an amount
// placed in a quarter and beside the peers' figure per inhabitant.
TEST_F(FormatsTest, ABenchmarkPlacesTheOrganisationAmongItsPeers) {
  stats::Dataset people = data_;
  for (size_t i = 0; i < people.rows; ++i) people.inhabitants.push_back(1000.0 * double(i + 1));
  stats::DatasetColumn& mi = people.columns[size_t(people.Column("mi") - people.columns.data())];
  mi.per_inhabitant = 1000;
  mi.per_inhabitant_unit = {"€ / asukas", "€ / invånare", "€ per inhabitant"};
  const stats::DisclosureRules open{1, 0};
  testing::TempDir folder;
  std::filesystem::create_directories(folder.path() / "ict");
  auto write = [&](const std::string& name, stats::QuestionTable table) {
    std::ofstream(folder.path() / "ict" / name) << *ToJsonStat(table, Lang::kEn, meta_);
  };
  for (const char* item : {"q1", "mi"}) {
    const stats::DatasetColumn& column = *people.Column(item);
    write(std::string(item) + ".en.json",
          stats::Tabulate(people, column, weighting_.design, {}, open));
    stats::QuestionTable by =
        stats::Tabulate(people, column, weighting_.design, people.Dimension("size"), open);
    for (stats::GroupResult& line : by.groups) {
      if (line.code == "L") line.members = {"L", "XL"};  // as if XL were merged into L
    }
    write(std::string(item) + ".by-size_class.en.json", std::move(by));
  }
  BenchmarkInput input;
  input.version_folder = folder.path().string();
  input.target_group = "ict";
  input.items = {"q1", "mi"};
  input.answers = {{"q1", "4"}, {"mi", "80"}};
  input.size_class = "XL";
  input.region = "north";
  input.population = 5000;
  std::vector<BenchmarkRow> rows = Benchmark(input);
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[0].peers.size(), 3u);
  // q1: the share who answered 4 drawn among the others'.
  EXPECT_TRUE(rows[0].peers[0].shown);
  EXPECT_TRUE(rows[0].peers[0].strip.starts_with("<svg class=\"strip\"")) << rows[0].peers[0].strip;
  EXPECT_NE(rows[0].peers[0].strip.find("aria-hidden=\"true\""), std::string::npos);
  EXPECT_NE(rows[0].peers[0].strip.find("#1f5fa8"), std::string::npos) << "the own share marked";
  // XL is in L's line, the nearest wider group; the region has no file.
  EXPECT_EQ(rows[1].peers[1].group, "size: L (the nearest wider group)");
  EXPECT_TRUE(rows[1].peers[1].shown);
  EXPECT_FALSE(rows[1].peers[2].shown);
  // mi: 80 among answers of 20 … 85, the whole's mean 55: in the top two
  // quarters; 80 (1000 €) over 5,000 inhabitants is 16 € per inhabitant.
  const BenchmarkPeer& all = rows[1].peers[0];
  EXPECT_TRUE(all.standing == "Your answer: third quarter" ||
              all.standing == "Your answer: highest quarter")
      << all.standing;
  EXPECT_NE(all.value.find("€ per inhabitant (yours 16.0)"), std::string::npos) << all.value;
  EXPECT_NE(all.strip.find("<circle"), std::string::npos) << all.strip;
}

TEST_F(FormatsTest, AChoiceTableAsPxAndOpenTextNotAtAll) {
  std::string px = *ToPx(Table("q1"), Lang::kSv, meta_);
  std::string data = px.substr(px.find("DATA=\n") + 6);
  std::regex cell("\"\\.\\.\"|-?[0-9]+\\.[0-9]");
  EXPECT_EQ(std::distance(std::sregex_iterator(data.begin(), data.end(), cell),
                          std::sregex_iterator()),
            4 * 6);
  EXPECT_NE(px.find("VALUES(\"size\")=\"S\",\"M\",\"L\",\"Alla\";"), std::string::npos) << px;
  // The note says the rule with the release's k, never a letter.
  EXPECT_NE(px.find("skyddad: färre än 5 svarande"), std::string::npos) << px;
  TableMeta seven = meta_;
  seven.k = 7;
  EXPECT_NE(ToPx(Table("q1"), Lang::kEn, seven)->find("fewer than 7 respondents"),
            std::string::npos);
  EXPECT_NE(ToJsonStat(Table("q1"), Lang::kFi, seven)->find("alle 7 vastaajaa"),
            std::string::npos);
  stats::DatasetColumn text;
  text.name = "comments";
  text.kind = stats::DatasetColumn::Kind::kText;
  text.texts.assign(data_.rows, "");
  stats::QuestionTable open = stats::Tabulate(data_, text, weighting_.design, nullptr, {});
  EXPECT_FALSE(ToJsonStat(open, Lang::kEn, meta_).has_value());
  EXPECT_FALSE(ToPx(open, Lang::kEn, meta_).has_value());
}

TEST_F(FormatsTest, CsvAndXlsxCarryTheSameCells) {
  stats::QuestionTable table = Table("q1");
  std::string csv = *ToCsv(table, Lang::kEn);
  EXPECT_TRUE(csv.starts_with("group_code,group,answer_code,answer,share,ci_l,ci_u,n\r\n")) << csv;
  // A row per line and choice: 4 × 6, and the header.
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 4 * 6);
  EXPECT_NE(csv.find("total,All,4,,34.0,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",..,..,..,..\r\n"), std::string::npos) << "suppressed cells\n" << csv;
  // The same cells for Excel: a byte order mark, labels, in Finnish ';'
  // and a decimal comma, in English ',' and a point.
  std::string fi = *ToSpreadsheetCsv(table, Lang::kFi);
  EXPECT_TRUE(fi.starts_with("\xEF\xBB\xBFsize;vastaus;osuus (%);")) << fi;
  EXPECT_EQ(std::count(fi.begin(), fi.end(), '\n'), 1 + 4 * 6);
  EXPECT_NE(fi.find("\r\nKaikki;4;34,0;"), std::string::npos) << fi;
  EXPECT_EQ(fi.find("34.0"), std::string::npos) << fi;
  EXPECT_NE(fi.find(";..;..;..;..\r\n"), std::string::npos) << fi;
  std::string en = *ToSpreadsheetCsv(table, Lang::kEn);
  EXPECT_TRUE(en.starts_with("\xEF\xBB\xBFsize,answer,share (%),")) << en;
  EXPECT_NE(en.find("\r\nAll,4,34.0,"), std::string::npos) << en;
  std::string path = ::testing::TempDir() + "/q1.xlsx", again = ::testing::TempDir() + "/q1b.xlsx";
  ASSERT_TRUE(WriteXlsx(table, Lang::kSv, meta_, path));
  ASSERT_TRUE(WriteXlsx(Table("q1"), Lang::kSv, meta_, again));
  auto read = [](const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  std::string bytes = read(path);
  EXPECT_TRUE(bytes.starts_with("PK")) << "a zip";
  EXPECT_GT(bytes.size(), 3000u);
  EXPECT_EQ(bytes, read(again)) << "the same table gives the same bytes";
}

// The line chart on a long axis, as the fieldwork monitor draws it: days
// labelled at the ends only, mailing days as dashed rules, the line alone;
// with the defaults (a release's trends) every point is marked and named.
TEST(ChartsTest, ALineChartOnAnAxisOfDays) {
  ChartText text;
  text.id = "c";
  text.title = "Responses";
  std::vector<std::string> days = {"2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"};
  LineOptions options;
  options.mark_points = false;
  options.name_lines = false;
  options.decimals = 0;
  options.x_labels = {0, 3};
  options.rules = {1, 9};
  std::string svg = LineChart(text, days, {{"Submitted", {0, 10, 12, 30}}}, 40, options);
  EXPECT_NE(svg.find(">2025-03-03</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("text-anchor=\"end\">2025-03-06</text>"), std::string::npos) << svg;
  EXPECT_EQ(svg.find(">2025-03-04<"), std::string::npos);
  EXPECT_EQ(svg.find("<circle"), std::string::npos) << "no markers on a long line";
  EXPECT_EQ(svg.find("Submitted"), std::string::npos);
  EXPECT_NE(svg.find(">40</text>"), std::string::npos) << "whole-number ticks";
  size_t rules = 0;
  for (size_t at = svg.find("stroke-dasharray=\"4,3\""); at != std::string::npos;
       at = svg.find("stroke-dasharray=\"4,3\"", at + 1)) {
    ++rules;
  }
  EXPECT_EQ(rules, 1u) << "one rule; the one past the axis is left out";
  // One day only: the point is marked, or nothing would show.
  std::string one = LineChart(text, {"2025-03-03"}, {{"Submitted", {12}}}, 40, options);
  EXPECT_NE(one.find("<circle"), std::string::npos) << one;
  // The defaults: every round labelled, points marked, the line named.
  std::string trend = LineChart(text, {"2021", "2025"}, {{"Yes", {40, 55}}}, 100);
  EXPECT_NE(trend.find(">2021</text>"), std::string::npos);
  EXPECT_NE(trend.find("<circle"), std::string::npos);
  EXPECT_NE(trend.find(">Yes</text>"), std::string::npos);
}

// A breakdown as 100 % stacked bars: a line too small says so in words, a
// line with a hidden segment draws the published ones at their share and
// the rest as "..", the whole is set apart below a rule; numbers in the
// chart's language; unordered answers in colours whose neighbours differ.
TEST(ChartsTest, AStackedBreakdownSaysWhatItCannotShow) {
  ChartText text;
  text.id = "s";
  text.title = "Figure 1.1 a";
  text.lang = Lang::kFi;
  text.unordered = true;
  std::vector<StackedRow> rows(3);
  rows[0].label = "Small";
  rows[0].segments = {std::nullopt, std::nullopt};
  rows[0].suppressed = true;
  rows[0].note = "liian vähän vastaajia julkaistavaksi";
  rows[1].label = "Large";
  rows[1].segments = {60, std::nullopt};
  rows[1].suppressed = true;
  rows[2].label = "Kaikki";
  rows[2].segments = {55, 45};
  rows[2].total = true;
  std::string svg = StackedChart(text, {"Yes", "No"}, "", rows);
  EXPECT_NE(svg.find(">liian vähän vastaajia julkaistavaksi</text>"), std::string::npos) << svg;
  // Large: 60 % of the 330-pixel plot, then the hidden rest.
  EXPECT_NE(svg.find("width=\"198.0\" height=\"20\" fill=\"url(#s-p0)\""), std::string::npos)
      << svg;
  EXPECT_NE(svg.find("width=\"132.0\" height=\"20\" fill=\"url(#s-hidden)\""),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("<g font-weight=\"bold\">"), std::string::npos) << "the whole in bold";
  EXPECT_NE(svg.find("stroke-width=\"1.5\"/>"), std::string::npos) << "a rule above the whole";
  EXPECT_NE(svg.find("fill=\"#0072b2\""), std::string::npos) << "Okabe and Ito's blue";
  EXPECT_NE(svg.find("fill=\"#e69f00\""), std::string::npos) << "beside orange";
}

// A battery's row whose top (or bottom) answers are hidden is still drawn:
// its other side of the centre is known, the hidden ones one block "..";
// hidden answers on both sides leave the row "..".
TEST(ChartsTest, ADivergingRowDrawsWhatItCanAroundAHiddenEnd) {
  ChartText text;
  text.id = "d";
  std::vector<StackedRow> rows(3);
  rows[0].label = "Top hidden";
  rows[0].segments = {20, 30, 35, std::nullopt, std::nullopt};
  rows[1].label = "Bottom hidden";
  rows[1].segments = {std::nullopt, 30, 40, 15, 5};
  rows[2].label = "Both";
  rows[2].segments = {10, std::nullopt, 40, std::nullopt, 20};
  std::string svg = DivergingChart(text, {"1", "2", "3", "4", "5"}, "", rows);
  // 1.65 px a point: the top row's hidden 15 points, the bottom row's 10.
  EXPECT_NE(svg.find("width=\"24.8\" height=\"20\" fill=\"url(#d-hidden)\""), std::string::npos)
      << svg;
  EXPECT_NE(svg.find("width=\"16.5\" height=\"20\" fill=\"url(#d-hidden)\""), std::string::npos)
      << svg;
  size_t dots = 0;
  for (size_t at = svg.find("font-style=\"italic\">..</text>"); at != std::string::npos;
       at = svg.find("font-style=\"italic\">..</text>", at + 1)) {
    ++dots;
  }
  EXPECT_EQ(dots, 1u) << "only the row hidden on both sides";
}

// Means as dots with their intervals; a hidden one says why; the axis's
// ticks are round and written as the language writes numbers.
TEST(ChartsTest, MeansAsDotsWithTheirIntervals) {
  ChartText text;
  text.id = "d";
  text.title = "Figure 3.1 a";
  text.lang = Lang::kSv;
  std::vector<Bar> rows(3);
  rows[0].label = "Small";
  rows[0].suppressed = true;
  rows[1].label = "Large";
  rows[1].value = 2248.3;
  rows[1].lower = 1900;
  rows[1].upper = 2600;
  rows[2].label = "Alla";
  rows[2].value = 568.8;
  std::string svg = DotChart(text, rows, 4000, "för få svarande för att publiceras", true);
  EXPECT_NE(svg.find(">för få svarande för att publiceras</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">2\u00A0248,3</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">1\u00A0000</text>"), std::string::npos) << "a round tick\n" << svg;
  EXPECT_EQ(std::count(svg.begin(), svg.end(), 'V'), 2) << "one whisker's two ends";
  EXPECT_NE(svg.find("<circle"), std::string::npos);
  EXPECT_NE(svg.find("<g font-weight=\"bold\">"), std::string::npos) << "the whole in bold";
}

// A trend's values never pile on each other nor run off the figure, and
// its lines are named in full in a legend.
TEST(ChartsTest, TrendLabelsNeitherOverlapNorGetCut) {
  ChartText text;
  text.id = "t";
  text.title = "Figure T.1";
  text.unit = "%";
  text.lang = Lang::kFi;
  const std::string long_label = "By following cost savings and the time it saves the staff";
  std::string svg = LineChart(text, {"2021", "2025"},
                              {{"Yes", {40, 44}}, {"No", {41, 37}}, {long_label, {19, 45}}}, 100);
  std::regex value("<text x=\"([0-9.]+)\" y=\"([0-9.]+)\" text-anchor=\"middle\" "
                   "stroke=\"#ffffff\"[^>]*>([^<]*)</text>");
  std::map<std::string, std::vector<double>> heights;  // x → the values' y
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), value); it != std::sregex_iterator();
       ++it) {
    double x = std::stod((*it)[1]);
    EXPECT_GT(x - 20, 60) << "clear of the axis' labels: " << (*it)[3];
    EXPECT_LT(x + 20, 680) << "inside the figure: " << (*it)[3];
    heights[(*it)[1]].push_back(std::stod((*it)[2]));
  }
  ASSERT_EQ(heights.size(), 2u) << svg;
  for (auto& [x, ys] : heights) {
    ASSERT_EQ(ys.size(), 3u);
    std::sort(ys.begin(), ys.end());
    EXPECT_GE(ys[1] - ys[0], 14) << "at " << x;
    EXPECT_GE(ys[2] - ys[1], 14) << "at " << x;
  }
  EXPECT_NE(svg.find(">41 %</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">" + long_label + "</text>"), std::string::npos) << "never cut";
}

}  // namespace
}  // namespace kartla::publish
