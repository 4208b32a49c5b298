#include "core/status.h"

#include <gtest/gtest.h>

#include <memory>

namespace kartla {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Status::InvalidInput("odd");
  return n / 2;
}

TEST(ResultTest, HoldsValueOrStatus) {
  auto good = Half(4);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 2);
  EXPECT_TRUE(good.status().ok());
  auto bad = Half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(bad.status().message(), "odd");
}

TEST(ResultTest, MovesOutMoveOnlyValues) {
  Result<std::unique_ptr<int>> r(std::make_unique<int>(7));
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(StatusTest, ListsProblemsWithPlaces) {
  Status s = Status::InvalidInput(
      "2 problems",
      {{Severity::kError, Place{"a.csv", "", 3, 2}, "bad number"},
       {Severity::kWarning, Place{"f.xlsx", "survey", 4, 1}, "no label"}});
  EXPECT_EQ(s.ToString(),
            "2 problems\na.csv:3:2: error: bad number\n"
            "f.xlsx:survey:4:1: warning: no label");
}

}  // namespace
}  // namespace kartla
