#include "core/clock.h"

#include <gtest/gtest.h>

namespace kartla {
namespace {

TEST(DateTest, ParsesValidAndRejectsInvalid) {
  struct Case {
    const char* text;
    bool valid;
  };
  const Case cases[] = {
      {"2025-01-01", true},  {"2024-02-29", true},  {"2025-02-29", false},
      {"2025-13-01", false}, {"2025-1-01", false},  {"20250101", false},
      {"", false},           {"2025-01-01x", false}, {"abcd-ef-gh", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Date::Parse(c.text).has_value(), c.valid) << c.text;
  }
  EXPECT_EQ(Date::Parse("2024-02-29")->ToString(), "2024-02-29");
}

TEST(DateTest, Orders) {
  EXPECT_LT(Date(2024, 12, 31), Date(2025, 1, 1));
  EXPECT_EQ(Date(2025, 1, 1), *Date::Parse("2025-01-01"));
}

TEST(TimestampTest, RoundTrips) {
  TimePoint t = TimePoint(std::chrono::sys_days(std::chrono::year(2025) / 3 / 1)) +
                std::chrono::hours(13) + std::chrono::minutes(5) +
                std::chrono::seconds(9);
  EXPECT_EQ(FormatTimestamp(t), "2025-03-01T13:05:09Z");
  EXPECT_EQ(ParseTimestamp("2025-03-01T13:05:09Z"), t);
  EXPECT_FALSE(ParseTimestamp("2025-03-01 13:05:09"));
}

TEST(FakeClockTest, AdvancesOnlyWhenTold) {
  FakeClock clock(TimePoint(std::chrono::sys_days(std::chrono::year(2025) / 5 / 31)));
  EXPECT_EQ(clock.Today(), Date(2025, 5, 31));
  clock.Advance(std::chrono::hours(24));
  EXPECT_EQ(clock.Today(), Date(2025, 6, 1));
}

}  // namespace
}  // namespace kartla
