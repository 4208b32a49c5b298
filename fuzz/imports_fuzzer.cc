// The imports of the survey team's files into a real database: contacts
// (first byte even) and a round's stages (odd). All or nothing: an import
// that is refused changes nothing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz/fuzz_app.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  kartla::App& app = kartla::fuzz::FuzzApp();
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    size_t before = app.contacts().List({}).size();
    auto imported = app.contacts().Import(text, "fuzz.csv");
    if (!imported.ok() && app.contacts().List({}).size() != before) std::abort();
  } else {
    (void)app.rounds().SetStages("digimapping-2025", std::string(text), "stages.csv");
  }
  return 0;
}
