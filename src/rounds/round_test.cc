#include "rounds/round.h"

#include <gtest/gtest.h>

namespace kartla::rounds {
namespace {

std::vector<Stage> ThreeStages() {
  return {Stage{1, {"Leadership", "", ""}, {"1", "8"}, {2025, 3, 3}, {2025, 4, 11}, {2025, 6, 12}},
          Stage{2, {"ICT", "", ""}, {"2", "3", "4"}, {2025, 4, 14}, {2025, 5, 23}, {2025, 9, 18}},
          Stage{3, {"Services", "", ""}, {"5", "6", "7"}, {2025, 8, 18}, {2025, 9, 26}, {2025, 11, 27}}};
}

TEST(AnswerWindowTest, EachSectionClosesWithItsStage) {
  Round round;
  AnswerWindow window(round, ThreeStages(), Date(2025, 5, 23));  // stage 2's last day
  EXPECT_EQ(window.ClosedFor("1")->number, 1);
  EXPECT_EQ(window.ClosedFor("2"), std::nullopt);
  EXPECT_EQ(window.ClosedFor("5"), std::nullopt);
  EXPECT_EQ(window.ClosedFor("9"), std::nullopt);  // held by no stage
  EXPECT_EQ(window.ClosedFor(""), std::nullopt);
  EXPECT_EQ(window.ClosedForAll({"1", "2"}), std::nullopt);  // stage 2 still open
  EXPECT_FALSE(window.Reopenable({"1", "2"}));
  EXPECT_TRUE(window.Reopenable({"2", "3"}));

  AnswerWindow later(round, ThreeStages(), Date(2025, 5, 24));
  EXPECT_EQ(later.ClosedFor("3")->number, 2);
  auto all = later.ClosedForAll({"1", "2", "3", "4", "8"});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->number, 2);  // the one that closed last
  EXPECT_EQ(later.ClosedForAll({"2", "5"}), std::nullopt);
}

// The survey team's overview: the stage open today, else the next one,
// else the last that closed.
TEST(StagesOnDayTest, TheOpenStageElseTheNextElseTheLastClosed) {
  EXPECT_EQ(StagesOnDay(ThreeStages(), Date(2025, 3, 3)).open->number, 1);  // its first day
  EXPECT_EQ(StagesOnDay(ThreeStages(), Date(2025, 5, 23)).open->number, 2);  // its last day
  StagesOn between = StagesOnDay(ThreeStages(), Date(2025, 6, 1));
  EXPECT_FALSE(between.open);
  EXPECT_EQ(between.next->number, 3);
  EXPECT_FALSE(between.last_closed);
  EXPECT_EQ(StagesOnDay(ThreeStages(), Date(2025, 1, 1)).next->number, 1);
  StagesOn after = StagesOnDay(ThreeStages(), Date(2025, 10, 1));
  EXPECT_FALSE(after.open || after.next);
  EXPECT_EQ(after.last_closed->number, 3);
  StagesOn none = StagesOnDay({}, Date(2025, 10, 1));
  EXPECT_FALSE(none.open || none.next || none.last_closed);
}

// The date a respondent answers by: the first open stage of theirs to close.
TEST(AnswerWindowTest, TheNextDeadlineIsTheFirstOpenStageToClose) {
  Round round;
  AnswerWindow window(round, ThreeStages(), Date(2025, 5, 23));
  EXPECT_EQ(window.NextDeadline({"1", "2", "5"})->number, 2);  // stage 1 has closed
  EXPECT_EQ(window.NextDeadline({"5"})->closes, Date(2025, 9, 26));
  EXPECT_EQ(window.NextDeadline({"1", "8"}), std::nullopt);
  EXPECT_EQ(window.NextDeadline({"9"}), std::nullopt);  // held by no stage
}

TEST(AnswerWindowTest, TheFirstClosedStageSaysWhySubmittedAnswersStay) {
  Round round;
  AnswerWindow window(round, ThreeStages(), Date(2025, 12, 1));
  EXPECT_EQ(window.FirstClosed({"5", "1"})->number, 1);
  EXPECT_EQ(window.FirstClosed({"9"}), std::nullopt);  // held by no stage
  round.late_answers = true;
  AnswerWindow late(round, ThreeStages(), Date(2025, 12, 1));
  EXPECT_EQ(late.FirstClosed({"5", "1"})->number, 1) << "late answers reopen nothing";
  AnswerWindow early(round, ThreeStages(), Date(2025, 1, 1));
  EXPECT_EQ(early.FirstClosed({"1"}), std::nullopt);
}

TEST(AnswerWindowTest, LateAnswersKeepEverySectionOpenButDoNotReopen) {
  Round round;
  round.late_answers = true;
  AnswerWindow window(round, ThreeStages(), Date(2026, 1, 1));
  EXPECT_EQ(window.ClosedFor("1"), std::nullopt);
  EXPECT_EQ(window.ClosedForAll({"1", "2"}), std::nullopt);
  EXPECT_FALSE(window.Reopenable({"1"}));
  AnswerWindow none(Round{}, {}, Date(2026, 1, 1));  // a round without stages
  EXPECT_EQ(none.ClosedFor("1"), std::nullopt);
  EXPECT_TRUE(none.Reopenable({"1"}));
}

TEST(RoundsOfSeriesTest, OldestFirstAndOnlyTheSeries) {
  auto round = [](int64_t series, std::string code, int year) {
    Round r;
    r.series_id = series;
    r.code = std::move(code);
    r.year = year;
    return r;
  };
  std::vector<Round> all = {round(1, "digi-2025", 2025), round(2, "other-2019", 2019),
                            round(1, "digi-2021b", 2021), round(1, "digi-2021a", 2021)};
  std::vector<std::string> codes;
  for (const Round& r : RoundsOfSeries(all, 1)) codes.push_back(r.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"digi-2021a", "digi-2021b", "digi-2025"}));
  EXPECT_TRUE(RoundsOfSeries(all, 3).empty());
}

}  // namespace
}  // namespace kartla::rounds
