// Time and calendar dates. Code that needs the time asks a Clock it was given,
// never the system directly, so that tests can set the time with FakeClock.

#ifndef KARTLA_CORE_CLOCK_H_
#define KARTLA_CORE_CLOCK_H_

#include <chrono>
#include <compare>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/text.h"

namespace kartla {

using TimePoint = std::chrono::system_clock::time_point;

// A calendar date without a time zone, e.g. the date a registry version
// applies from.
class Date {
 public:
  // REQUIRES: ymd.ok()
  constexpr explicit Date(std::chrono::year_month_day ymd) : ymd_(ymd) {}
  constexpr Date(int year, unsigned month, unsigned day)
      : ymd_(std::chrono::year(year), std::chrono::month(month),
             std::chrono::day(day)) {}

  // Parses an ISO 8601 calendar date "YYYY-MM-DD". Returns nullopt for any
  // other text or an impossible date ("2025-02-30").
  static std::optional<Date> Parse(std::string_view text);
  // The UTC calendar date of `t`.
  static Date FromTimePoint(TimePoint t);
  // The date `days` days after 1970-01-01 (before it if negative).
  static Date FromDaysSinceEpoch(int64_t days);
  // Days since 1970-01-01, negative before it.
  int64_t DaysSinceEpoch() const;

  int year() const { return static_cast<int>(ymd_.year()); }
  unsigned month() const { return static_cast<unsigned>(ymd_.month()); }
  unsigned day() const { return static_cast<unsigned>(ymd_.day()); }

  // "2025-01-01".
  std::string ToString() const;

  friend constexpr auto operator<=>(const Date&, const Date&) = default;

 private:
  std::chrono::year_month_day ymd_;
};

// A day written "2026-11-23" as `lang` writes it in running text
// (FormatDay: "23.11.2026", "23 november 2026"); other text as it is.
std::string FormatIsoDay(std::string_view iso, Lang lang);

// Formats `t` as an ISO 8601 UTC timestamp, "2025-03-01T12:00:00Z".
std::string FormatTimestamp(TimePoint t);
// Parses what FormatTimestamp writes. Returns nullopt for anything else.
std::optional<TimePoint> ParseTimestamp(std::string_view text);

// The source of the current time. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  // The UTC calendar date of Now().
  Date Today() const { return Date::FromTimePoint(Now()); }
};

// The system's real-time clock.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// The system's clock moved to start at another time, from which it runs on
// in real time: the same command on the same data then gives the same dates
// on any day (the CLI's KARTLA_CLOCK_START, for reproducible output).
class ShiftedClock final : public Clock {
 public:
  explicit ShiftedClock(TimePoint start)
      : offset_(start - std::chrono::system_clock::now()) {}
  TimePoint Now() const override { return std::chrono::system_clock::now() + offset_; }

 private:
  const std::chrono::system_clock::duration offset_;
};

// A clock for tests that shows whatever time it was last set to.
// Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_(start) {}
  TimePoint Now() const override;
  void Set(TimePoint t);
  void Advance(std::chrono::system_clock::duration d);

 private:
  mutable std::mutex mu_;
  TimePoint now_;  // guarded by mu_
};

}  // namespace kartla

#endif  // KARTLA_CORE_CLOCK_H_
