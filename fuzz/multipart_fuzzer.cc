// multipart/form-data bodies, as the upload pages receive them: the first
// line is the Content-Type, the rest the body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "web/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t line = input.find('\n');
  if (line == std::string_view::npos) return 0;
  (void)kartla::web::ParseMultipartForm(input.substr(0, line), input.substr(line + 1));
  return 0;
}
