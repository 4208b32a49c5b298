#include "core/clock.h"

#include <charconv>
#include <cstdio>

namespace kartla {
namespace {

// Parses exactly `width` decimal digits from the start of `text`.
std::optional<int> Digits(std::string_view text, size_t width) {
  if (text.size() < width) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < width; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::optional<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  auto year = Digits(text, 4);
  auto month = Digits(text.substr(5), 2);
  auto day = Digits(text.substr(8), 2);
  if (!year || !month || !day) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(*year),
                                  std::chrono::month(unsigned(*month)),
                                  std::chrono::day(unsigned(*day))};
  if (!ymd.ok()) return std::nullopt;
  return Date(ymd);
}

Date Date::FromTimePoint(TimePoint t) {
  return Date(std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(t)));
}

Date Date::FromDaysSinceEpoch(int64_t days) {
  return Date(std::chrono::year_month_day(
      std::chrono::sys_days(std::chrono::days(days))));
}

int64_t Date::DaysSinceEpoch() const {
  return std::chrono::sys_days(ymd_).time_since_epoch().count();
}

std::string Date::ToString() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year(), month(),
                day());
  return buffer;
}

std::string FormatTimestamp(TimePoint t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::hh_mm_ss hms(std::chrono::floor<std::chrono::seconds>(t - day));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02dZ",
                Date::FromTimePoint(t).ToString().c_str(),
                int(hms.hours().count()), int(hms.minutes().count()),
                int(hms.seconds().count()));
  return buffer;
}

std::optional<TimePoint> ParseTimestamp(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  auto date = Date::Parse(text.substr(0, 10));
  auto hours = Digits(text.substr(11), 2);
  auto minutes = Digits(text.substr(14), 2);
  auto seconds = Digits(text.substr(17), 2);
  if (!date || !hours || !minutes || !seconds || *hours > 23 ||
      *minutes > 59 || *seconds > 60) {
    return std::nullopt;
  }
  std::chrono::sys_days day(std::chrono::year_month_day(
      std::chrono::year(date->year()), std::chrono::month(date->month()),
      std::chrono::day(date->day())));
  return TimePoint(day) + std::chrono::hours(*hours) +
         std::chrono::minutes(*minutes) + std::chrono::seconds(*seconds);
}

TimePoint FakeClock::Now() const {
  std::lock_guard lock(mu_);
  return now_;
}

void FakeClock::Set(TimePoint t) {
  std::lock_guard lock(mu_);
  now_ = t;
}

void FakeClock::Advance(std::chrono::system_clock::duration d) {
  std::lock_guard lock(mu_);
  now_ += d;
}

std::string FormatIsoDay(std::string_view iso, Lang lang) {
  auto day = Date::Parse(iso);
  return day ? FormatDay(day->year(), day->month(), day->day(), lang) : std::string(iso);
}

}  // namespace kartla
