#include "core/local_time.h"

#include <cctz/time_zone.h>
#include <fmt/format.h>

namespace kartla {

struct LocalTime::Zone {
  std::string name;
  cctz::time_zone zone;
};

LocalTime LocalTime::OfOrUtc(std::string_view zone) {
  auto local = Of(zone);
  return local.ok() ? *local : *Of("UTC");
}

Result<LocalTime> LocalTime::Of(std::string_view zone) {
  auto loaded = std::make_shared<Zone>();
  loaded->name = std::string(zone);
  // CCTZ falls back to UTC for a name it cannot load; say so instead.
  if (zone.empty() || !cctz::load_time_zone(loaded->name, &loaded->zone)) {
    return Status::InvalidInput(fmt::format(
        "unknown time zone \"{}\": give an IANA name such as Europe/Helsinki", zone));
  }
  return LocalTime(std::move(loaded));
}

std::string LocalTime::Format(TimePoint t, Lang lang) const {
  const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(t);
  const cctz::civil_second local = cctz::convert(seconds, zone_->zone);
  const std::string day =
      FormatDay(int(local.year()), unsigned(local.month()), unsigned(local.day()), lang);
  switch (lang) {
    case Lang::kFi: return fmt::format("{} klo {}.{:02}", day, local.hour(), local.minute());
    case Lang::kSv: return fmt::format("{} kl. {:02}.{:02}", day, local.hour(), local.minute());
    case Lang::kEn: break;
  }
  return fmt::format("{} at {:02}:{:02}", day, local.hour(), local.minute());
}

std::string LocalTime::FormatDate(TimePoint t, Lang lang) const {
  const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(t);
  const cctz::civil_day local = cctz::civil_day(cctz::convert(seconds, zone_->zone));
  return FormatDay(int(local.year()), unsigned(local.month()), unsigned(local.day()), lang);
}

const std::string& LocalTime::zone() const { return zone_->name; }

}  // namespace kartla
