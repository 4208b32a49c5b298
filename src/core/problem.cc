#include "core/problem.h"

#include "core/text.h"

namespace kartla {

std::string Place::ToString() const {
  std::string out = file;
  auto add = [&out](const std::string& part) {
    if (!out.empty()) out += ':';
    out += part;
  };
  if (!sheet.empty()) add(sheet);
  if (row > 0) add(std::to_string(row));
  if (column > 0) add(std::to_string(column));
  return out;
}

Problem Problem::Keyed(Severity severity, Place place, std::string key, std::string_view english,
                       std::vector<std::string> args) {
  std::string message = FillPlaceholders(english, args);
  return Problem(severity, std::move(place), std::move(message), std::move(key), std::move(args));
}

std::string Problem::ToString() const {
  std::string where = place.ToString();
  std::string out = where.empty() ? "" : where + ": ";
  out += severity == Severity::kError ? "error: " : "warning: ";
  out += message;
  return out;
}

}  // namespace kartla
