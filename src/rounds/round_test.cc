#include "rounds/round.h"

#include <gtest/gtest.h>

namespace kartla::rounds {
namespace {

std::vector<Stage> ThreeStages() {
  return {Stage{1, "Leadership", {"1", "8"}, {2025, 3, 3}, {2025, 4, 11}, {2025, 6, 12}},
          Stage{2, "ICT", {"2", "3", "4"}, {2025, 4, 14}, {2025, 5, 23}, {2025, 9, 18}},
          Stage{3, "Services", {"5", "6", "7"}, {2025, 8, 18}, {2025, 9, 26}, {2025, 11, 27}}};
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

}  // namespace
}  // namespace kartla::rounds
