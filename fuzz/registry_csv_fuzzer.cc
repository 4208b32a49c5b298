// A registry of organisations as CSV, as `registry import` reads it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "registry/organisation_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  kartla::OrganisationCsvOptions options;
  (void)kartla::ReadOrganisationsCsv(text, "fuzz.csv", options);
  options.kind = kartla::OrganisationKind::kJointAuthority;
  (void)kartla::ReadOrganisationsCsv(text, "fuzz.csv", options);
  return 0;
}
