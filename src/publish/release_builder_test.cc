// The release builder against a fake source: the toy survey as this
// round's ICT management questionnaire and as an earlier round's, a
// questionnaire nobody answered, and fieldwork figures made up to match.
#include "publish/release_builder.h"

#include <gtest/gtest.h>

#include <thread>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include <boost/json.hpp>

#include "publish/audit_report.h"
#include "publish/formats.h"
#include "publish/release.h"
#include "tests/support/temp_dir.h"
#include "tests/support/toy_survey.h"

namespace kartla::publish {
namespace {

class FakeSource final : public ReleaseSource {
 public:
  FakeSource() {
    view_.round = MakeRound("toy-2025", 2025);
    view_.stages = {rounds::Stage{1, {"One", "", ""}, {"1"}, {2025, 3, 3}, {2025, 4, 11}, {2025, 6, 12}},
                    rounds::Stage{2, {"Two", "", ""}, {"2"}, {2025, 8, 18}, {2025, 9, 26}, {2025, 11, 27}}};
    for (const char* group : {"ict_management", "chief_executives"}) {
      rounds::QuestionnaireView questionnaire;
      questionnaire.questionnaire.target_group = {group, {group, group, group}};
      questionnaire.questionnaire.form_version_id = 7;
      view_.questionnaires.push_back(questionnaire);
    }
    series_ = {MakeRound("toy-2021", 2021), view_.round, MakeRound("toy-2029", 2029)};
  }

  Result<rounds::RoundView> Round(const std::string& code) override {
    if (code != view_.round.code) return Status::NotFound("there is no round " + code);
    return view_;
  }
  std::vector<rounds::Round> RoundsOfSeries(int64_t series_id) override {
    return series_id == 1 ? series_ : std::vector<rounds::Round>{};
  }
  Result<stats::Dataset> Dataset(const std::string& round,
                                 const std::string& target_group) override {
    ++datasets_asked[round + "/" + target_group];
    if (target_group == "nobody") return Status::NotFound("no questionnaire for nobody");
    stats::Dataset toy = stats::ToyDataset();
    for (stats::DatasetColumn& column : toy.columns) {
      column.series = column.name;
      column.section = column.name.starts_with("m") && column.name != "mi" ? "2" : "1";
    }
    // One chief executive answered: too few to estimate anything.
    if (target_group == "chief_executives") toy.rows = 1;
    if (bands) {
      // A coarser dimension to merge the size classes into: S small, M and
      // L large.
      stats::DatasetDimension band = stats::MakeDimension("band", {"small", "large"});
      for (int code : toy.dimensions[0].population_codes) band.population_codes.push_back(code > 0);
      for (int code : toy.dimensions[0].codes) band.codes.push_back(code > 0);
      toy.dimensions.push_back(std::move(band));
    }
    // An earlier version: the last `withheld` respondents had not answered.
    if (withheld > 0 && toy.rows > size_t(withheld)) {
      toy.rows -= size_t(withheld);
      auto cut = [&](auto& items) {
        if (items.size() > toy.rows) items.resize(toy.rows);
      };
      cut(toy.organisations);
      cut(toy.roles);
      for (stats::DatasetColumn& column : toy.columns) {
        cut(column.codes), cut(column.bits), cut(column.numbers), cut(column.texts);
      }
      for (stats::DatasetDimension& dimension : toy.dimensions) cut(dimension.codes);
    }
    // A correction: `changed` respondents of q1 move from its commonest
    // answer to its next commonest.
    if (changed > 0) {
      std::vector<int16_t>& codes = toy.columns[0].codes;
      std::map<int16_t, int> counts;
      for (int16_t code : codes) ++counts[code];
      std::vector<std::pair<int, int16_t>> order;
      for (auto [code, count] : counts) order.push_back({count, code});
      std::sort(order.rbegin(), order.rend());
      int moved = 0;
      for (int16_t& code : codes) {
        if (code == order[0].second && moved < changed) code = order[1].second, ++moved;
      }
    }
    return toy;
  }
  Result<fieldwork::RoundMonitor> Fieldwork(const std::string&,
                                            const std::string& target_group) override {
    fieldwork::RoundMonitor monitor;
    fieldwork::GroupProgress group;
    group.target_group = target_group;
    group.label = {"ICT", "ICT", "ICT management"};
    group.counts.invited = 40;
    group.counts.opened = 30;
    group.counts.partial = 2;
    group.counts.submitted = 22;
    monitor.groups.push_back(group);
    fieldwork::DimensionRates size{"size", {"Koko", "Storlek", "Size"}, {}};
    for (auto [code, invited, answered] :
         {std::tuple{"S", 20, 12}, std::tuple{"M", 10, 5}, std::tuple{"L", 10, 5}}) {
      size.categories.push_back({code, {code, code, code}, invited, answered});
    }
    monitor.dimensions.push_back(size);
    return monitor;
  }
  Result<std::vector<forms::Section>> Sections(int64_t) override {
    return std::vector<forms::Section>{{"1", {"Yksi", "Ett", "One"}, 0},
                                       {"2", {"Kaksi", "Två", "Two"}, 5}};
  }

  std::vector<pages::View> PrintedQuestionnaire(const rounds::Round& round,
                                                const rounds::Questionnaire& questionnaire) override {
    if (!printable) return {};
    std::vector<pages::View> printed;
    for (Lang lang : kAllLangs) {
      pages::View view;
      view.Set("heading", round.code + " " + questionnaire.target_group.code + " " +
                              std::string(LangCode(lang)));
      printed.push_back(std::move(view));
    }
    return printed;
  }

  std::map<std::string, int> datasets_asked;
  bool printable = false;
  int changed = 0;
  int withheld = 0;
  bool bands = false;

 private:
  static rounds::Round MakeRound(std::string code, int year) {
    rounds::Round round;
    round.series_id = 1;
    round.code = std::move(code);
    round.year = year;
    round.title = {"Testi", "Test", "Test"};
    return round;
  }

  rounds::RoundView view_;
  std::vector<rounds::Round> series_;
};

ReleaseRequest Request(int stage) {
  ReleaseRequest request;
  request.round = "toy-2025";
  request.stage = stage;
  request.date = "2025-06-12";
  request.settings.rules = {5, 0};
  request.settings.classing = {{"size"}, 2};
  request.settings.default_breakdowns = {"size"};
  return request;
}

TEST(ReleaseBuilderTest, AStagePublishesItsSectionsOverallAndByEachBreakdown) {
  FakeSource source;
  auto built = BuildRelease(source, Request(1));
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const ReleaseInput& input = (*built)->input;
  EXPECT_EQ(input.round, "toy-2025");
  EXPECT_EQ(input.date, "2025-06-12");
  EXPECT_EQ(input.k, 5);
  std::vector<std::string> stems;
  for (const ReleaseTable& table : input.tables) stems.push_back(table.stem);
  EXPECT_EQ(stems, (std::vector<std::string>{"ict_management/q1", "ict_management/q1.by-size",
                                             "ict_management/mi",
                                             "ict_management/mi.by-size"}));
  EXPECT_EQ(input.tables[1].id, "toy-2025.ict_management.q1.by-size");
  ASSERT_EQ(input.sections.size(), 1u);
  EXPECT_EQ(input.sections[0].number, "1");
  EXPECT_EQ(input.sections[0].stage, 1);
  ASSERT_EQ(input.sections[0].questions.size(), 2u);
  EXPECT_EQ(input.sections[0].questions[0].overall, 0u);
  EXPECT_EQ(input.sections[0].questions[0].breakdowns, (std::vector<size_t>{1}));
  EXPECT_TRUE(input.stages[0].published);
  EXPECT_FALSE(input.stages[1].published);
  // One answered the chief executives': left out (not the whole release
  // refused), and said.
  EXPECT_EQ((*built)->left_out, (std::vector<std::string>{"chief_executives"}));
  // Only the earlier round of the series gives a trend point, its own
  // dataset weighted on its own.
  EXPECT_EQ(input.earlier_rounds, (std::vector<std::string>{"2021"}));
  ASSERT_EQ(input.sections[0].questions[0].earlier.size(), 1u);
  EXPECT_EQ(input.sections[0].questions[0].earlier[0].label, "2021");
  EXPECT_EQ(source.datasets_asked["toy-2021/ict_management"], 1);
  EXPECT_EQ(source.datasets_asked.count("toy-2029/ict_management"), 0u);
  // The methods page: AAPOR's RR1 over invitations, the R-indicator, and
  // the weighting said from the message catalogue.
  ASSERT_EQ(input.methods.size(), 1u);
  const MethodsGroup& methods = input.methods[0];
  EXPECT_DOUBLE_EQ(methods.rr1, 22.0 / 40);
  EXPECT_EQ(methods.invited, 40);
  ASSERT_EQ(methods.dimensions.size(), 1u);
  EXPECT_TRUE(std::isfinite(methods.dimensions[0].r_indicator));
  EXPECT_GT(methods.dimensions[0].categories[0].partial, 0) << "S answered more than most";
  for (const MethodsCategory& category : methods.dimensions[0].categories) {
    EXPECT_FALSE(category.hidden) << category.code << ": 5 or more answered, and did not";
  }
  EXPECT_EQ(methods.weighting.Get(Lang::kEn),
            "The answers are weighted to the invited organisations by class (size; 3 classes): "
            "each respondent weighs N/n of its class, and the confidence intervals have the "
            "finite population correction.");
  EXPECT_NE(methods.weighting.Get(Lang::kFi).find("(size; 3 luokkaa)"), std::string::npos);
}

// The private audit report: every hidden count of every choice table,
// with its true value and the range a reader can derive; none of 1 … k−1
// narrowed, nothing published listed.
TEST(ReleaseBuilderTest, TheAuditReportListsEveryHiddenCountWithItsRange) {
  FakeSource source;
  auto built = BuildRelease(source, Request(1));
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const ReleaseInput& input = (*built)->input;
  const boost::json::object report =
      boost::json::parse(AuditReportJson(input, 3)).as_object();
  EXPECT_EQ(report.at("round"), "toy-2025");
  EXPECT_EQ(report.at("version"), 3);
  int hidden = 0;
  for (const ReleaseTable& table : input.tables) {
    for (const stats::GroupResult& line : table.table.groups) {
      for (bool cell : line.hidden) hidden += cell;
    }
  }
  ASSERT_GT(hidden, 0) << "the toy release must hide something";
  int listed = 0, under_k = 0;
  for (const boost::json::value& table : report.at("tables").as_array()) {
    for (const boost::json::value& value : table.at("hidden").as_array()) {
      const boost::json::object& cell = value.as_object();
      listed += !cell.at("choice").as_string().empty();
      const int64_t count = cell.at("count").as_int64();
      if (count > 0 && count < 5) {
        ++under_k;
        EXPECT_EQ(cell.at("lower").as_double(), 0);
        EXPECT_TRUE(cell.at("upper").is_null() || cell.at("upper").as_double() >= 5);
        EXPECT_TRUE(cell.at("safe").as_bool());
      }
    }
  }
  EXPECT_EQ(listed, hidden);
  EXPECT_GT(under_k, 0);
  EXPECT_EQ(report.at("summary").at("breaking_the_rule"), 0);
}

TEST(ReleaseBuilderTest, ALaterStageAddsItsSections) {
  FakeSource source;
  auto built = BuildRelease(source, Request(2));
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ((*built)->input.tables.size(), 4u + 4 * 2);
  ASSERT_EQ((*built)->input.sections.size(), 2u);
  EXPECT_EQ((*built)->input.sections[1].stage, 2);
  EXPECT_TRUE((*built)->input.stages[1].published);
}

TEST(ReleaseBuilderTest, WhatCannotBeBuiltIsRefusedNamingIt) {
  FakeSource source;
  EXPECT_EQ(BuildRelease(source, Request(9)).status().message(),
            "the round toy-2025 has no stage 9");
  ReleaseRequest nowhere = Request(1);
  nowhere.settings.question_breakdowns["q1"] = {"nowhere"};
  EXPECT_EQ(BuildRelease(source, nowhere).status().message(),
            "breakdowns of q1: there is no dimension nowhere in the registry");
  ReleaseRequest unknown = Request(1);
  unknown.round = "toy-1999";
  EXPECT_EQ(BuildRelease(source, unknown).status().code(), ErrorCode::kNotFound);
  // Unweighted when too few answered for the classes, said so.
  ReleaseRequest strict = Request(1);
  strict.settings.classing.min_respondents = 100;
  auto unweighted = BuildRelease(source, strict);
  ASSERT_TRUE(unweighted.ok()) << unweighted.status().ToString();
  EXPECT_EQ((*unweighted)->input.methods[0].weighting.Get(Lang::kEn),
            "Unweighted: too few respondents for weighting classes.");
}

// The settings' headlines: each must name a questionnaire, a question
// with a figure and a choice of its list, or the release is refused naming
// it; the front page leads with those this release publishes.
TEST(ReleaseBuilderTest, HeadlinesNameWhatTheyLeadWith) {
  FakeSource source;
  auto refused = [&](Headline headline) {
    ReleaseRequest request = Request(1);
    request.settings.headlines = {std::move(headline)};
    return BuildRelease(source, request).status().message();
  };
  EXPECT_EQ(refused({"nobody", "q1", "", {}}),
            "headline 1 (q1): round toy-2025 has no questionnaire for \"nobody\"");
  EXPECT_EQ(refused({"ict_management", "nosuch", "", {}}),
            "headline 1 (nosuch of ict_management): the questionnaire has no question nosuch "
            "with a figure");
  EXPECT_EQ(refused({"ict_management", "q1", "7", {}}),
            "headline 1 (q1 of ict_management): q1 has no choice 7");

  ReleaseRequest request = Request(1);
  request.settings.headlines = {
      {"ict_management", "q1", "", {"", "", "rate their service well"}},
      {"ict_management", "m1", "", {}},  // section 2: published by stage 2
      {"ict_management", "mi", "", {}}};
  auto headlines = [&](const ReleaseRequest& asked) {
    auto built = BuildRelease(source, asked);
    EXPECT_TRUE(built.ok()) << built.status().ToString();
    if (!built.ok()) return std::string();
    std::map<std::string, std::string> site = RenderSite((*built)->input, 1);
    const std::string& front = site.at("en/index.html");
    const size_t from = front.find("<ul class=\"headlines\">");
    if (from == std::string::npos) return std::string();
    return front.substr(from, front.find("</ul>", from) - from);
  };
  auto items = [](const std::string& list) {
    size_t count = 0;
    for (size_t at = list.find("<li>"); at != std::string::npos; at = list.find("<li>", at + 1)) {
      ++count;
    }
    return count;
  };
  // With k = 5 every line of q1 hides a cell, so its top two is not
  // published: passed over, as m1 is until stage 2.
  EXPECT_EQ(items(headlines(request)), 1u) << headlines(request);
  request.settings.rules = {1, 0};
  const std::string list = headlines(request);
  EXPECT_EQ(items(list), 2u) << list;
  EXPECT_NE(list.find("rate their service well"), std::string::npos) << list;
  EXPECT_NE(list.find("mean per respondent"), std::string::npos) << list;
  EXPECT_NE(list.find("href=\"ict_management-1.html#q-mi\""), std::string::npos) << list;
  EXPECT_NE(list.find("95 % confidence interval"), std::string::npos) << list;
}

// Each questionnaire published is linked, as its respondents read it, from
// the front page's table of who was asked, in each language; none where
// the source cannot print it.
TEST(ReleaseBuilderTest, TheQuestionnairesAreLinkedToPrint) {
  FakeSource source;
  auto built = BuildRelease(source, Request(1));
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  std::map<std::string, std::string> site = RenderSite((*built)->input, 1);
  EXPECT_FALSE(site.contains("en/questionnaire-ict_management.html"));
  EXPECT_EQ(site.at("en/index.html").find("questionnaire-"), std::string::npos);

  source.printable = true;
  built = BuildRelease(source, Request(1));
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  site = RenderSite((*built)->input, 1);
  for (const char* lang : {"fi", "sv", "en"}) {
    const std::string page = site.at(std::string(lang) + "/questionnaire-ict_management.html");
    EXPECT_NE(page.find(std::string("<h1>toy-2025 ict_management ") + lang + "</h1>"),
              std::string::npos)
        << page;
    EXPECT_NE(page.find("<link rel=\"stylesheet\" href=\"../results.css\">"),
              std::string::npos);
    // Not the respondent's own copy: no organisation, no personal link.
    EXPECT_EQ(page.find("href=\"/q\""), std::string::npos) << page;
  }
  EXPECT_NE(site.at("en/questionnaire-ict_management.html")
                .find("<title>Questionnaire: ICT management"),
            std::string::npos);
  EXPECT_NE(site.at("sv/index.html").find("<a href=\"questionnaire-ict_management.html\">"
                                          "utskrivbar version"),
            std::string::npos);
  // The chief executives' (one answer) waits, and so does its page.
  EXPECT_FALSE(site.contains("en/questionnaire-chief_executives.html"));
}

// The settings' indices are published as amounts in the section of their
// first item, after its questions, without a total, their definition in
// their files for the benchmark to score an organisation's own answers.
TEST(ReleaseBuilderTest, AnIndexIsPublishedInItsFirstItemsSection) {
  FakeSource source;
  ReleaseRequest request = Request(1);
  stats::IndexDefinition index;
  index.name = "quality";
  index.label = {"Laatu", "Kvalitet", "Quality"};
  index.items = {"q1", "m1"};
  request.settings.indices = {{"ict_management", index}};
  auto built = BuildRelease(source, request);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const ReleaseInput& input = (*built)->input;
  std::vector<std::string> stems;
  for (const ReleaseTable& table : input.tables) stems.push_back(table.stem);
  EXPECT_EQ(stems.back(), "ict_management/quality.by-size");
  const ReleaseTable& overall = input.tables[input.tables.size() - 2];
  EXPECT_EQ(overall.table.column->label.Get(Lang::kEn), "Quality (index 0–100)");
  EXPECT_EQ(input.sections[0].questions.back().overall, input.tables.size() - 2);
  TableMeta meta{"toy.quality", {"a", "b", "c"}, "2025-06-12"};
  boost::json::object file =
      boost::json::parse(*ToJsonStat(overall.table, Lang::kEn, meta)).as_object();
  const auto& measures = file.at("dimension").at("measure").at("category").at("index").as_array();
  for (const auto& measure : measures) EXPECT_NE(measure.as_string(), "total");
  EXPECT_EQ(file.at("extension").at("kartla").at("index").at("items"),
            (boost::json::array{"q1", "m1"}));
  // The methods page says how it is made: its questions, how many must be
  // answered, how many have a value, and its alpha.
  ASSERT_EQ(input.methods[0].indices.size(), 1u);
  const MethodsIndex& how = input.methods[0].indices[0];
  EXPECT_EQ(how.label.Get(Lang::kEn), "Quality");
  ASSERT_EQ(how.items.size(), 2u);
  EXPECT_EQ(how.needed, 2);
  EXPECT_EQ(how.scored, overall.table.Total().base);
  const std::string methods = RenderSite(input, 1).at("en/methods.html");
  EXPECT_NE(methods.find("Quality is the mean of the answers to these 2 questions"),
            std::string::npos)
      << methods;
  EXPECT_NE(methods.find("at least 2 of the 2 questions; " + std::to_string(how.scored) +
                         " respondents have one"),
            std::string::npos);
  // One whose first item is in section 2 waits for stage 2, and so does
  // its description.
  request.settings.indices[0].definition.items = {"m1", "q1"};
  built = BuildRelease(source, request);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_TRUE((*built)->input.methods[0].indices.empty());
  request.stage = 2;
  built = BuildRelease(source, request);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ((*built)->input.methods[0].indices.size(), 1u);
  request.stage = 1;
  // An index whose item the questionnaire lacks stops the release.
  request.settings.indices[0].definition.items = {"q1", "nothing"};
  EXPECT_EQ(BuildRelease(source, request).status().message(),
            "index quality: the questionnaire has no item nothing");
}

// A preview renders any file of the release when asked, with the bytes
// publishing writes: a table's downloads, the methods' numbers and the
// manifest; nothing for a path the release has no file at.
TEST(ReleaseBuilderTest, APreviewRendersEachFileAsPublishingWritesIt) {
  FakeSource source;
  auto built = BuildRelease(source, Request(1));
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const ReleaseInput& input = (*built)->input;
  testing::TempDir folder;
  auto outcome = WriteRelease(input, folder.path().string());
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  const std::filesystem::path written(outcome->folder);
  int compared = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(written)) {
    if (!entry.is_regular_file()) continue;
    const std::string path = entry.path().lexically_relative(written).generic_string();
    if (path.ends_with(".html") || path.ends_with(".css")) continue;  // RenderSite's
    auto rendered = ReleaseDataFile(input, outcome->version, path);
    ASSERT_TRUE(rendered.has_value()) << path;
    EXPECT_EQ(*rendered, testing::ReadFileBytes(entry.path().string())) << path;
    ++compared;
  }
  EXPECT_GT(compared, 20);
  EXPECT_FALSE(ReleaseDataFile(input, 1, "ict_management/nothing.en.px").has_value());
  EXPECT_FALSE(ReleaseDataFile(input, 1, "../../etc/passwd").has_value());
}

// Two publishers of one round at once (two servers on a shared releases
// folder, or a server and the command line) take turns: one writes the
// version, the other then finds it holds the same files.
TEST(ReleaseBuilderTest, PublishersAtOnceTakeTurns) {
  FakeSource source;
  auto built = BuildRelease(source, Request(1));
  ASSERT_TRUE(built.ok()) << built.status().message();
  for (int run = 0; run < 3; ++run) {
    testing::TempDir folder;
    std::vector<Result<ReleaseOutcome>> outcomes(2, Status::Unavailable("not run"));
    std::vector<std::thread> publishers;
    for (int p = 0; p < 2; ++p) {
      publishers.emplace_back([&, p] {
        try {
          outcomes[p] = WriteRelease((*built)->input, folder.path().string());
        } catch (const std::exception& e) {
          outcomes[p] = Status::Unavailable(e.what());
        }
      });
    }
    for (std::thread& publisher : publishers) publisher.join();
    ASSERT_TRUE(outcomes[0].ok()) << outcomes[0].status().message();
    ASSERT_TRUE(outcomes[1].ok()) << outcomes[1].status().message();
    EXPECT_EQ(outcomes[0]->version, 1);
    EXPECT_EQ(outcomes[1]->version, 1);
    EXPECT_NE(outcomes[0]->unchanged, outcomes[1]->unchanged) << "one writes, one finds it";
    EXPECT_TRUE(std::filesystem::exists(folder.path() / "toy-2025" / "v1" / "manifest.json"));
    EXPECT_FALSE(std::filesystem::exists(folder.path() / "toy-2025" / ".v1.partial"));
  }
}

// A later version that republishes a count changed by 1 … k−1 would tell
// what those few respondents answered: refused, naming the count.
TEST(ReleaseBuilderTest, AVersionThatCouldBeDifferencedIsRefused) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("kartla-differencing-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  FakeSource source;
  auto first = BuildRelease(source, Request(1));
  ASSERT_TRUE(first.ok()) << first.status().message();
  ASSERT_TRUE(WriteRelease((*first)->input, folder.string()).ok());
  ReleaseRequest correction = Request(1);
  correction.note = "two answers corrected";
  source.changed = 2;
  auto second = BuildRelease(source, correction);
  ASSERT_TRUE(second.ok());
  auto refused = WriteRelease((*second)->input, folder.string());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("differenced"), std::string::npos)
      << refused.status().message();
  EXPECT_NE(refused.status().message().find("describes 2 respondent"), std::string::npos)
      << refused.status().message();
  EXPECT_FALSE(std::filesystem::exists(folder / "toy-2025" / "v2")) << "nothing written";
  // Six changed answers are more than k: published.
  source.changed = 6;
  auto third = BuildRelease(source, correction);
  ASSERT_TRUE(third.ok());
  auto published = WriteRelease((*third)->input, folder.string());
  EXPECT_TRUE(published.ok()) << published.status().message();
  std::filesystem::remove_all(folder);
}

// A line merged in one version and its own in the next: version 1 (L's
// one respondent so far) puts L among the others, version 2 (L's four)
// shows L. The audit report keeps each line's make-up, and the later
// version is read with the earlier by what the lines hold: "other" then is
// L now, whatever their codes.
TEST(ReleaseBuilderTest, ALineMergedInOneVersionAndNotTheNextIsReadByWhatItHolds) {
  testing::TempDir folder;
  FakeSource source;
  source.withheld = 3;
  source.bands = true;
  ReleaseRequest request = Request(1);
  request.settings.merge_into = {{"size", "band"}};
  request.settings.merge_below = 4;
  auto first = BuildRelease(source, request);
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto written = WriteRelease((*first)->input, folder.path().string());
  ASSERT_TRUE(written.ok()) << written.status().message();
  const AuditRecord record = ReadAudit(WriteAuditReport((*first)->input, *written));
  const std::vector<std::string> by_size{"S", "M", "other", "total"};
  int tables = 0, summaries = 0;
  for (const auto& [stem, then] : record.counts) {
    if (then.groups != by_size) continue;
    ++tables;
    EXPECT_EQ(then.members[2], std::vector<std::string>{"L"}) << stem;
  }
  for (const auto& [stem, lines] : record.summaries) {
    auto other = lines.find("other");
    if (other == lines.end()) continue;
    ++summaries;
    EXPECT_EQ(other->second.members, std::vector<std::string>{"L"}) << stem;
  }
  EXPECT_GT(tables, 0) << "the report keeps the merged tables' make-ups";
  EXPECT_GT(summaries, 0) << "and the merged lines' of the summaries";
  source.withheld = 0;
  request.note = "three late answers";
  auto second = BuildRelease(source, request);
  ASSERT_TRUE(second.ok()) << second.status().message();
  ReleaseInput& input = (*second)->input;
  ProtectTogether(input, folder.path().string());
  const stats::DisclosureRules rules{input.k, input.small_group};
  int linked = 0;
  for (const ReleaseTable& table : input.tables) {
    const stats::Distribution* now = table.table.distribution.get();
    auto then = record.counts.find(table.stem);
    if (!now || then == record.counts.end() || then->second.groups != by_size) continue;
    ASSERT_EQ(now->groups, (std::vector<std::string>{"S", "M", "L", "total"})) << table.stem;
    bool other_is_l = false;
    for (const stats::LineMatch& match :
         stats::MatchMakeUp(then->second.groups, then->second.members, now->groups, now->members)) {
      other_is_l = other_is_l || (match.then == std::vector<size_t>{2} &&
                                  match.now == std::vector<size_t>{2});
    }
    EXPECT_TRUE(other_is_l) << table.stem;
    EXPECT_TRUE(stats::AuditAgainstEarlier(then->second, *now, rules).empty()) << table.stem;
    ++linked;
  }
  EXPECT_GT(linked, 0);
  auto published = WriteRelease(input, folder.path().string());
  EXPECT_TRUE(published.ok()) << published.status().message();
}

// A version with three late respondents more: published as counted, the
// counts it shares with the first would tell what the three answered
// (refused); protected against the first (its audit report's tables),
// it hides what would, and then nothing is given away read together.
TEST(ReleaseBuilderTest, ALaterVersionWithAFewMoreRespondentsHidesWhatTheDifferenceTells) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("kartla-late-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  FakeSource source;
  source.withheld = 3;
  auto first = BuildRelease(source, Request(1));
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto written = WriteRelease((*first)->input, folder.string());
  ASSERT_TRUE(written.ok()) << written.status().message();
  const std::string report = WriteAuditReport((*first)->input, *written);
  const std::map<std::string, stats::Distribution> earlier = ReadAudit(report).counts;
  ASSERT_FALSE(earlier.empty()) << "the report keeps each table whole";
  source.withheld = 0;
  ReleaseRequest late = Request(1);
  late.note = "three late answers";
  auto second = BuildRelease(source, late);
  ASSERT_TRUE(second.ok());
  auto refused = WriteRelease((*second)->input, folder.string());
  ASSERT_FALSE(refused.ok()) << "unprotected, the versions give counts away";
  EXPECT_NE(refused.status().message().find("could be differenced"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(refused.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(std::filesystem::exists(folder / "toy-2025" / "v2"));
  ReleaseInput& input = (*second)->input;
  EXPECT_GT(ProtectTogether(input, folder.string()), 0);
  const stats::DisclosureRules rules{input.k, input.small_group};
  int linked = 0;
  for (const ReleaseTable& table : input.tables) {
    if (!table.table.distribution) continue;
    auto then = earlier.find(table.stem);
    ASSERT_NE(then, earlier.end()) << table.stem;
    ++linked;
    auto findings = stats::AuditAgainstEarlier(then->second, *table.table.distribution, rules);
    EXPECT_TRUE(findings.empty()) << table.stem << ": " << findings[0].problem;
    EXPECT_TRUE(stats::AuditDistribution(*table.table.distribution, rules).empty()) << table.stem;
    // What the pages show is what the counts hide.
    for (size_t g = 0; g < table.table.groups.size(); ++g) {
      EXPECT_EQ(table.table.groups[g].hidden, table.table.distribution->suppressed[g]);
    }
  }
  EXPECT_EQ(linked, 2) << "q1 overall and by size";
  // The means: a line shown in version 1 with 1 … 4 more answers now would
  // tell the newcomers' mean, so it is hidden now, and nothing shown lets
  // it be worked out.
  const AuditRecord record = ReadAudit(report);
  int newcomers_hidden = 0;
  for (const ReleaseTable& table : input.tables) {
    if (!table.table.summary_equations) continue;
    const auto& lines = record.summaries.at(table.stem);
    std::vector<bool> hidden(table.table.summary_equations->sums.values.size(), false);
    for (size_t g = 0; g < table.table.groups.size(); ++g) {
      const stats::GroupResult& line = table.table.groups[g];
      hidden[g] = line.summary_hidden;
      const stats::SummaryShown& then = lines.at(line.code);
      const int since = line.valid - then.valid;
      if (then.shown && since > 0 && since < input.k) {
        EXPECT_TRUE(line.summary_hidden) << table.stem << " " << line.code;
        ++newcomers_hidden;
      }
    }
    for (size_t u = table.table.groups.size(); u < hidden.size(); ++u) {
      hidden[u] = table.table.summary_equations->unpublished[u];
    }
    EXPECT_TRUE(stats::DisclosedValues(table.table.summary_equations->sums, hidden).empty())
        << table.stem;
  }
  EXPECT_GE(newcomers_hidden, 2) << "mi's total line, overall and by size";
  auto published = WriteRelease(input, folder.string());
  EXPECT_TRUE(published.ok()) << published.status().message();
  std::filesystem::remove_all(folder);
}

// A mean shown in two versions tells the mean of who answered between
// them: WriteRelease refuses it, naming the table, the line and how many.
TEST(ReleaseBuilderTest, AMeanThatTellsTheFewWhoAnsweredSinceIsRefused) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("kartla-means-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  FakeSource source;
  source.withheld = 3;
  auto first = BuildRelease(source, Request(1));
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto written = WriteRelease((*first)->input, folder.string());
  ASSERT_TRUE(written.ok()) << written.status().message();
  WriteAuditReport((*first)->input, *written);
  source.withheld = 0;
  ReleaseRequest late = Request(1);
  late.note = "three late answers";
  auto second = BuildRelease(source, late);
  ASSERT_TRUE(second.ok());
  ReleaseInput& input = (*second)->input;
  ProtectTogether(input, folder.string());
  auto mi = std::ranges::find(input.tables, "ict_management/mi", &ReleaseTable::stem);
  ASSERT_NE(mi, input.tables.end());
  stats::GroupResult& total = mi->table.groups.back();
  ASSERT_TRUE(total.summary_hidden) << "three more answered than version 1 showed";
  total.summary_hidden = false;  // as if the protection had missed it
  auto refused = WriteRelease(input, folder.string());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find(
                "ict_management/mi with version 1: total: the mean of 22 answers, 3 more than "
                "version 1 showed, tells the mean of the 3 who answered since"),
            std::string::npos)
      << refused.status().message();
  EXPECT_FALSE(std::filesystem::exists(folder / "toy-2025" / "v2"));
  std::filesystem::remove_all(folder);
}

// Versions together: a count the new version hides that an earlier one
// published with the same value is known; if with it another hidden count
// can be worked out, the new version is refused.
TEST(ReleaseBuilderTest, AVersionHidingWhatAnEarlierOnePublishedIsAuditedWithIt) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("kartla-versions-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  FakeSource source;
  auto first = BuildRelease(source, Request(1));
  ASSERT_TRUE(first.ok()) << first.status().message();
  const ReleaseInput& input = (*first)->input;
  ASSERT_TRUE(WriteRelease(input, folder.string()).ok());
  // A line of a single choice with hidden cells and its base shown: all
  // but one of them give the last away.
  const ReleaseTable* chosen = nullptr;
  size_t line = 0;
  std::vector<size_t> cells;
  for (const ReleaseTable& table : input.tables) {
    const stats::Distribution* d = table.table.distribution.get();
    if (!d || d->multiple || chosen) continue;
    for (size_t l = 0; l + 1 < d->groups.size() && !chosen; ++l) {
      std::vector<size_t> hidden;
      for (size_t j = 0; j < d->categories.size(); ++j) {
        if (d->suppressed[l][j]) hidden.push_back(j);
      }
      if (hidden.size() >= 2 && !d->base_suppressed[l]) {
        chosen = &table, line = l, cells = hidden;
        cells.pop_back();
      }
    }
  }
  ASSERT_NE(chosen, nullptr) << "the toy release must have such a line";
  // Version 1 as if it had published those cells.
  const stats::Distribution& d = *chosen->table.distribution;
  const std::filesystem::path file = folder / "toy-2025" / "v1" / (chosen->stem + ".en.json");
  boost::json::object stat = boost::json::parse(testing::ReadFileBytes(file.string())).as_object();
  const boost::json::array& lines =
      stat.at("dimension").at("line").at("category").at("index").as_array();
  const size_t at = size_t(std::find(lines.begin(), lines.end(),
                                     boost::json::value(d.groups[line])) - lines.begin());
  const boost::json::array& measures =
      stat.at("dimension").at("measure").at("category").at("index").as_array();
  const size_t n = size_t(std::find(measures.begin(), measures.end(), boost::json::value("n")) -
                          measures.begin());
  for (size_t cell : cells) {
    const size_t i = (at * d.categories.size() + cell) * measures.size() + n;
    stat.at("value").as_array()[i] = d.counts[line][cell];
    stat.at("status").as_object().erase(std::to_string(i));
  }
  std::ofstream(file) << boost::json::serialize(stat);
  // The same tables again a day later, as a correction.
  ReleaseInput again = input;
  again.date = "2025-06-13";
  again.note = "the same";
  auto refused = WriteRelease(again, folder.string());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("with the earlier versions a hidden count is given "
                                            "away: " + chosen->stem),
            std::string::npos)
      << refused.status().message();
  EXPECT_FALSE(std::filesystem::exists(folder / "toy-2025" / "v2")) << "nothing written";
  std::filesystem::remove_all(folder);
}

// Who answered per category goes through the audit: a category of 1 … k−1
// respondents (or non-respondents) is hidden, with whatever else would give
// it away from the published total, and the R-indicators with it; the
// invited organisations are public and stay.
TEST(ReleaseBuilderTest, TheMethodsPageHidesSmallCountsOfRespondents) {
  fieldwork::RoundMonitor monitor;
  fieldwork::GroupProgress group;
  group.label = {"ICT", "ICT", "ICT management"};
  group.counts.invited = 40;
  group.counts.submitted = 22;
  monitor.groups.push_back(group);
  fieldwork::DimensionRates size{"size", {"Koko", "Storlek", "Size"}, {}};
  for (auto [code, invited, answered] :
       {std::tuple{"S", 20, 9}, std::tuple{"M", 15, 9}, std::tuple{"L", 5, 4}}) {
    size.categories.push_back({code, {code, code, code}, invited, answered});
  }
  monitor.dimensions.push_back(size);
  MethodsGroup methods = MethodsOf(monitor, {5, 0});
  const std::vector<MethodsCategory>& categories = methods.dimensions[0].categories;
  EXPECT_TRUE(categories[2].hidden) << "4 of 5 answered";
  EXPECT_TRUE(categories[0].hidden || categories[1].hidden)
      << "else 22 − 9 − 9 gives the 4 away";
  EXPECT_TRUE(std::isnan(methods.dimensions[0].r_indicator));
  EXPECT_TRUE(std::isnan(categories[2].partial));
  // With k = 4 nothing needs hiding.
  MethodsGroup open = MethodsOf(monitor, {1, 0});
  for (const MethodsCategory& category : open.dimensions[0].categories) {
    EXPECT_FALSE(category.hidden) << category.code;
  }
  EXPECT_TRUE(std::isfinite(open.dimensions[0].r_indicator));

  // In the tables' lines: M and L merged into one line "ML" (9 + 4 of 15 +
  // 5), said in a note; a dimension no table is broken down by is left out.
  stats::DatasetDimension fine = stats::MakeDimension("size", {"S", "M", "L"});
  fine.population_codes = {0, 1, 2};
  stats::DatasetDimension merged = stats::MakeDimension("size", {"S", "ML"});
  merged.population_codes = {0, 1, 1};
  merged.merged_below = 10;
  merged.merged = {{1, {{"M", "M", "M"}, {"L", "L", "L"}}, {"M", "L"}}};
  fieldwork::DimensionRates kind{"kind", {"Laji", "Typ", "Kind"}, {}};
  kind.categories.push_back({"x", {"x", "x", "x"}, 40, 22});
  monitor.dimensions.push_back(kind);
  MethodsGroup lines = MethodsOf(monitor, {1, 0}, [&](const std::string& id) {
    return id == "size" ? std::pair{&fine, &merged}
                        : std::pair<const stats::DatasetDimension*,
                                    const stats::DatasetDimension*>{nullptr, nullptr};
  });
  ASSERT_EQ(lines.dimensions.size(), 1u);
  const std::vector<MethodsCategory>& in_lines = lines.dimensions[0].categories;
  ASSERT_EQ(in_lines.size(), 2u);
  EXPECT_EQ(in_lines[1].code, "ML");
  EXPECT_EQ(in_lines[1].invited, 20);
  EXPECT_EQ(in_lines[1].answered, 13);
  EXPECT_EQ(lines.dimensions[0].merge_note.Get(Lang::kEn),
            "Lines of fewer than 10 respondents are merged: ML = M, L.");
}

}  // namespace
}  // namespace kartla::publish
