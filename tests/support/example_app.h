// An App on a new database with Finland's registry and the example round
// "digimapping-2025", for tests that serve the pages in-process.
#ifndef KARTLA_TESTS_SUPPORT_EXAMPLE_APP_H_
#define KARTLA_TESTS_SUPPORT_EXAMPLE_APP_H_

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "app/app.h"
#include "app/example_round.h"
#include "tests/support/test_database.h"

namespace kartla::testing {

// Throws std::runtime_error, naming the step, if any fails.
inline std::unique_ptr<App> OpenExampleApp(const std::filesystem::path& dir,
                                           const Clock& clock) {
  Config config;
  config.database = TestDatabase(dir);
  config.results = (dir / "results").string();  // releases built from the pages
  auto app = App::Open(config, clock, true);
  if (!app.ok()) throw std::runtime_error("open: " + app.status().ToString());
  auto loaded = (*app)->registry().LoadBuiltin("fi-2025", std::nullopt);
  if (!loaded.ok()) throw std::runtime_error("registry: " + loaded.status().ToString());
  auto round = CreateExampleRound(**app);
  if (!round.ok()) throw std::runtime_error("round: " + round.status().ToString());
  return std::move(app).value();
}

inline bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace kartla::testing

#endif  // KARTLA_TESTS_SUPPORT_EXAMPLE_APP_H_
