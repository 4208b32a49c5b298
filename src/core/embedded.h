// Files compiled into the program (see cmake/embed.cmake): the shipped
// registries, the database migrations. They need no data directory at run
// time, so the `kartla` binary works from wherever it is copied.

#ifndef KARTLA_CORE_EMBEDDED_H_
#define KARTLA_CORE_EMBEDDED_H_

#include <span>
#include <string_view>

namespace kartla {

struct EmbeddedFile {
  std::string_view path;      // relative to the source tree, e.g. "data/..."
  std::string_view contents;  // the file's bytes; static storage
};

}  // namespace kartla

#endif  // KARTLA_CORE_EMBEDDED_H_
