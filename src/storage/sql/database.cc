#include "storage/sql/database.h"

#include <spdlog/spdlog.h>

#include <mutex>
#include <stdexcept>

#include "core/no_waiting.h"

namespace kartla::sql {

void Database::CheckMayWait() {
  if (!NoWaitingHere::Marked()) return;
  // A GET that writes, on a server's I/O thread: its route must say so
  // (web::GetWrites::kYes). Tests fail on it; a server goes on.
#ifndef NDEBUG
  throw std::logic_error("a durable write on an I/O thread; declare the route as writing");
#else
  static std::once_flag warned;
  std::call_once(warned, [] {
    spdlog::warn("a durable write on an I/O thread: a GET route writes undeclared");
  });
#endif
}

}  // namespace kartla::sql
