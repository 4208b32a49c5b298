// Reading a whole file.
#ifndef KARTLA_CORE_FILES_H_
#define KARTLA_CORE_FILES_H_

#include <optional>
#include <string>

namespace kartla {

// The bytes of the file at `path`; nullopt if it cannot be opened.
std::optional<std::string> ReadFileBytes(const std::string& path);

}  // namespace kartla

#endif  // KARTLA_CORE_FILES_H_
