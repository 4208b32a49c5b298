// kartla.toml, as an operator writes it.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One file per process, removed when the fuzzer ends.
  struct File {
    std::string path;
    ~File() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  };
  static const File file{(std::filesystem::temp_directory_path() /
                          ("kartla-fuzz-config-" + std::to_string(getpid()) + ".toml"))
                             .string()};
  const std::string& path = file.path;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
  }
  (void)kartla::LoadConfig(path, [](const char*) -> const char* { return nullptr; });
  return 0;
}
