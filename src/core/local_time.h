// Times as a respondent reads them: in the survey's time zone (an IANA
// name such as Europe/Helsinki, read from the system's zoneinfo by CCTZ,
// Debian's libcctz-dev, since libstdc++ 12 has no time zone database), in
// the page's language. Stored times stay UTC (FormatTimestamp).
#ifndef KARTLA_CORE_LOCAL_TIME_H_
#define KARTLA_CORE_LOCAL_TIME_H_

#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "core/text.h"

namespace kartla {

inline constexpr char kDefaultTimeZone[] = "Europe/Helsinki";

// Immutable; thread-safe.
class LocalTime {
 public:
  // Fails with kInvalidInput naming `zone` if the system knows no such zone.
  static Result<LocalTime> Of(std::string_view zone);
  // The same, or UTC where `zone` is not one (the configuration refuses
  // such a name before a server starts).
  static LocalTime OfOrUtc(std::string_view zone);

  // The day and the time of day as the language writes them: "2.12.2026
  // klo 6.06", "2 december 2026 kl. 06.06", "2 December 2026 at 06:06".
  std::string Format(TimePoint t, Lang lang) const;
  // The day alone: "2.12.2026", "2 december 2026", "2 December 2026".
  std::string FormatDate(TimePoint t, Lang lang) const;
  const std::string& zone() const;

 private:
  struct Zone;
  explicit LocalTime(std::shared_ptr<const Zone> zone) : zone_(std::move(zone)) {}
  std::shared_ptr<const Zone> zone_;
};

}  // namespace kartla

#endif  // KARTLA_CORE_LOCAL_TIME_H_
