// From submitted responses in the database to a distribution by a registry
// dimension with disclosure control: App::ResultsDataset and Distribute.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "app/publishing.h"
#include "core/csv.h"
#include "stats/dataset.h"
#include "stats/weighting.h"
#include "tests/support/example_app.h"
#include "tests/support/temp_dir.h"

namespace kartla {
namespace {

TEST(ResultsTest, DistributionByRegionHidesSmallCellsAndTheirComplements) {
  testing::TempDir dir;
  SystemClock clock;
  auto app = testing::OpenExampleApp(dir.path(), clock);
  // Uusimaa (01) answers: 6 own unit, 2 company; Southwest Finland (02):
  // 5 own unit, 5 company; one municipality a choice the list lacks.
  struct Answer {
    const char* organisation;
    const char* provider;
  };
  std::vector<Answer> answers;
  const char* uusimaa[] = {"091", "049", "092", "235", "186", "245", "257", "858"};
  const char* southwest[] = {"853", "202", "680", "529", "503", "400", "423", "430", "304",
                             "322"};
  for (int i = 0; i < 8; ++i) answers.push_back({uusimaa[i], i < 6 ? "own_unit" : "company"});
  for (int i = 0; i < 10; ++i) {
    answers.push_back({southwest[i], i < 5 ? "own_unit" : "company"});
  }
  answers.push_back({"005", "no_such_choice"});
  auto& store = app->storage().responses();
  auto round = app->storage().rounds().FindRound("digimapping-2025");
  int64_t form_version = 0;
  for (const auto& q : app->storage().rounds().ListQuestionnaires(round->id)) {
    if (q.target_group.code == "ict_management") form_version = q.form_version_id;
  }
  for (const Answer& answer : answers) {
    auto issued = app->invitations().Create(
        {"digimapping-2025", "ict_management", answer.organisation, Lang::kFi});
    ASSERT_TRUE(issued.ok()) << answer.organisation << issued.status().ToString();
    responses::Response response;
    response.invitation_id = issued->invitation.id;
    response.questionnaire_id = issued->invitation.questionnaire_id;
    response.form_version_id = form_version;
    response.started_at = response.updated_at = clock.Now();
    response.answers = {{"main_provider", answer.provider}, {"maturity", "3"}};
    auto created = store.Create(response);
    ASSERT_TRUE(store.Submit(created.id, "K-TEST", clock.Now()));
  }
  // A draft is not a result.
  auto draft = app->invitations().Create({"digimapping-2025", "ict_management", "020", {}});
  responses::Response unfinished;
  unfinished.invitation_id = draft->invitation.id;
  unfinished.questionnaire_id = draft->invitation.questionnaire_id;
  unfinished.form_version_id = form_version;
  unfinished.answers = {{"main_provider", "own_unit"}};
  store.Create(unfinished);

  auto dataset = app->ResultsDataset("digimapping-2025", "ict_management");
  ASSERT_TRUE(dataset.ok()) << dataset.status().ToString();
  EXPECT_EQ(dataset->rows, 19u);
  const stats::DatasetColumn* provider = dataset->Column("main_provider");
  ASSERT_NE(provider, nullptr);
  EXPECT_EQ(provider->kind, stats::DatasetColumn::Kind::kChoice);
  EXPECT_EQ(provider->codes.back(), -1) << "an answer the list lacks is not counted";
  EXPECT_EQ(dataset->Column("maturity")->numbers.front(), 3);

  auto table = stats::Distribute(*dataset, *provider, dataset->Dimension("region"), {5, 0});
  ASSERT_TRUE(table.has_value());
  auto group = [&](const std::string& code) {
    return size_t(std::find(table->groups.begin(), table->groups.end(), code) -
                  table->groups.begin());
  };
  auto choice = [&](const std::string& name) {
    return size_t(std::find(table->categories.begin(), table->categories.end(), name) -
                  table->categories.begin());
  };
  size_t total = table->groups.size() - 1;
  EXPECT_EQ(table->base[total], 18);
  EXPECT_EQ(table->counts[total][choice("own_unit")], 11);
  EXPECT_EQ(table->counts[group("01")][choice("own_unit")], 6);
  EXPECT_EQ(table->counts[group("01")][choice("company")], 2);
  // Uusimaa's 2 is under 5: hidden, and so is a complement in its row and
  // column, so that it cannot be worked out from the margins.
  EXPECT_TRUE(table->suppressed[group("01")][choice("company")]);
  int hidden_in_row = 0, hidden_in_column = 0;
  for (size_t j = 0; j < table->categories.size(); ++j) {
    hidden_in_row += table->suppressed[group("01")][j];
  }
  for (size_t g = 0; g < total; ++g) hidden_in_column += table->suppressed[g][choice("company")];
  EXPECT_GE(hidden_in_row, 2);
  EXPECT_GE(hidden_in_column, 2);
  EXPECT_FALSE(table->suppressed[total][choice("own_unit")]);
  EXPECT_FALSE(stats::Distribute(*dataset, *dataset->Column("maturity"), nullptr, {}));

  // Region crossed with size class: every respondent in one cell of it.
  stats::DatasetDimension crossed =
      stats::Cross(*dataset->Dimension("region"), *dataset->Dimension("size_class"));
  auto by_both = stats::Distribute(*dataset, *provider, &crossed, {5, 0});
  ASSERT_TRUE(by_both.has_value());
  int in_cells = 0;
  for (size_t g = 0; g + 1 < by_both->groups.size(); ++g) in_cells += by_both->base[g];
  EXPECT_EQ(in_cells, 18);
  EXPECT_EQ(by_both->groups.size(), crossed.categories.size() + 1);
}

// The microdata export streams the submitted responses in chunks (here of
// 7, so that 40 responses take six) in the order they came, drafts left
// out, each row with its organisation's design weight: the weights the
// design of the whole dataset gives.
TEST(ResultsTest, MicrodataStreamsTheSubmittedResponsesWithTheirDesignWeights) {
  testing::TempDir dir;
  SystemClock clock;
  auto app = testing::OpenExampleApp(dir.path(), clock);
  auto input = app->FindQuestionnaire("digimapping-2025", "ict_management");
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  auto& store = app->storage().responses();
  const auto& organisations = input->registry.organisations();
  const char* providers[] = {"own_unit", "in_house", "company"};
  std::vector<std::string> answered;
  for (size_t i = 0; i < 41; ++i) {
    const std::string code = organisations[i * 7 % organisations.size()].code;
    auto issued = app->invitations().Create({"digimapping-2025", "ict_management", code, Lang::kFi});
    ASSERT_TRUE(issued.ok()) << code << issued.status().ToString();
    responses::Response response;
    response.invitation_id = issued->invitation.id;
    response.questionnaire_id = issued->invitation.questionnaire_id;
    response.form_version_id = input->questionnaire.form_version_id;
    response.started_at = response.updated_at = clock.Now();
    response.answers = {{"main_provider", providers[i % 3]}, {"maturity", std::to_string(i % 5 + 1)}};
    auto created = store.Create(response);
    if (i == 40) break;  // the last one stays a draft
    ASSERT_TRUE(store.Submit(created.id, "K-TEST", clock.Now()));
    answered.push_back(code);
  }
  auto dataset = app->ResultsDataset("digimapping-2025", "ict_management");
  ASSERT_TRUE(dataset.ok());
  auto design = stats::DefaultDesign(*dataset, {});
  ASSERT_TRUE(design.ok()) << design.status().ToString();
  std::map<std::string, double> expected;
  for (size_t i = 0; i < dataset->rows; ++i) {
    expected[dataset->organisations[i]] = design->design().weights()[i];
  }
  std::set<double> distinct;
  for (const auto& [code, w] : expected) distinct.insert(w);
  ASSERT_GT(distinct.size(), 1u) << "weighted by classes, not all alike";

  MicrodataRequest request;
  request.round = "digimapping-2025";
  request.target_group = "ict_management";
  request.folder = dir.File("md");
  request.identify = true;
  request.formats = {publish::MicrodataFormat::kCsv};
  request.chunk = 7;
  std::vector<size_t> progress;
  request.progress = [&](size_t done, size_t total) {
    EXPECT_EQ(total, 40u);
    progress.push_back(done);
  };
  auto written = WriteMicrodata(*app, request);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  ASSERT_EQ(written->size(), 1u);
  EXPECT_EQ(progress, (std::vector<size_t>{7, 14, 21, 28, 35, 40}));
  auto table = ParseCsv(testing::ReadFileBytes(written->front()), "md.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->records.size(), 40u);
  const size_t organisation = *table->ColumnIndex("organisation");
  const size_t weight = *table->ColumnIndex("weight");
  const size_t provider = *table->ColumnIndex("main_provider");
  const size_t maturity = *table->ColumnIndex("maturity");
  for (size_t r = 0; r < 40; ++r) {
    SCOPED_TRACE(r);
    const std::vector<std::string>& row = table->records[r].fields;
    EXPECT_EQ(row[organisation], answered[r]);
    EXPECT_NEAR(std::stod(row[weight]), expected.at(answered[r]), 1e-9);
    EXPECT_EQ(row[provider], std::to_string(r % 3 + 1));
    EXPECT_EQ(row[maturity], std::to_string(r % 5 + 1));
  }
}

}  // namespace
}  // namespace kartla
