// SystemError reports a failure of the machine rather than of the input: the
// disk is full, the database file is unreadable, the database server is gone.
// Library exceptions (SQLite, libpq) are translated into it where they arise,
// in storage/, so that no library type crosses a module boundary. It is caught
// at the HTTP handler wrapper, the CLI's main and nowhere else.

#ifndef KARTLA_CORE_SYSTEM_ERROR_H_
#define KARTLA_CORE_SYSTEM_ERROR_H_

#include <stdexcept>
#include <string>

namespace kartla {

class SystemError : public std::runtime_error {
 public:
  explicit SystemError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace kartla

#endif  // KARTLA_CORE_SYSTEM_ERROR_H_
