#include "core/local_time.h"

#include <gtest/gtest.h>

namespace kartla {
namespace {

// 04:06:17 UTC on 2 December 2026 is 06:06 in Helsinki (EET, UTC+2), and
// 10:06 on a June day (EEST, UTC+3) is 13:06.
TEST(LocalTimeTest, ATimeIsShownInTheSurveysZoneAsEachLanguageWritesIt) {
  auto helsinki = LocalTime::Of("Europe/Helsinki");
  ASSERT_TRUE(helsinki.ok()) << helsinki.status().ToString();
  const TimePoint winter = *ParseTimestamp("2026-12-02T04:06:17Z");
  EXPECT_EQ(helsinki->Format(winter, Lang::kFi), "2.12.2026 klo 6.06");
  EXPECT_EQ(helsinki->Format(winter, Lang::kSv), "2 december 2026 kl. 06.06");
  EXPECT_EQ(helsinki->Format(winter, Lang::kEn), "2 December 2026 at 06:06");
  const TimePoint summer = *ParseTimestamp("2026-06-15T22:30:00Z");
  EXPECT_EQ(helsinki->Format(summer, Lang::kEn), "16 June 2026 at 01:30") << "the next day there";
  EXPECT_EQ(helsinki->FormatDate(summer, Lang::kFi), "16.6.2026");
  EXPECT_EQ(helsinki->FormatDate(winter, Lang::kSv), "2 december 2026");
  auto stockholm = LocalTime::Of("Europe/Stockholm");
  ASSERT_TRUE(stockholm.ok());
  EXPECT_EQ(stockholm->Format(winter, Lang::kSv), "2 december 2026 kl. 05.06");
}

TEST(LocalTimeTest, AnUnknownZoneIsRefusedByName) {
  auto nowhere = LocalTime::Of("Europe/Atlantis");
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.status().message(),
            "unknown time zone \"Europe/Atlantis\": give an IANA name such as Europe/Helsinki");
  EXPECT_FALSE(LocalTime::Of("").ok());
}

}  // namespace
}  // namespace kartla
