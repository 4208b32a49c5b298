#include "core/system_error.h"
#include "storage/sql/connection.h"

namespace kartla::sql {

TimePoint Row::Timestamp(int column) const {
  auto time = ParseTimestamp(Text(column));
  if (!time) throw SystemError("bad time in the database: " + Text(column));
  return *time;
}

Date Row::DateAt(int column) const {
  auto date = Date::Parse(Text(column));
  if (!date) throw SystemError("bad date in the database: " + Text(column));
  return *date;
}

}  // namespace kartla::sql
