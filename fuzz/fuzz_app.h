// An App on a fresh database in a temporary folder with Finland's registry
// and the example round, made once per fuzzing process.
#ifndef KARTLA_FUZZ_FUZZ_APP_H_
#define KARTLA_FUZZ_FUZZ_APP_H_

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <spdlog/spdlog.h>

#include "app/app.h"
#include "core/clock.h"
#include "tests/support/example_app.h"

namespace kartla::fuzz {

// The fuzzer's own folder, removed with everything in it when the process
// ends (after the app, which is made after it).
struct FuzzFolder {
  std::filesystem::path dir;
  ~FuzzFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

inline App& FuzzApp() {
  static SystemClock clock;
  static FuzzFolder folder{std::filesystem::temp_directory_path() /
                           ("kartla-fuzz-" + std::to_string(getpid()))};
  static std::unique_ptr<App> app = [] {
    spdlog::set_level(spdlog::level::off);
    std::filesystem::remove_all(folder.dir);
    std::filesystem::create_directories(folder.dir);
    return testing::OpenExampleApp(folder.dir, clock);
  }();
  return *app;
}

}  // namespace kartla::fuzz

#endif  // KARTLA_FUZZ_FUZZ_APP_H_
