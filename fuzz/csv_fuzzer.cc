// CSV files as people upload them: contacts, registries, stages, forms.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = kartla::ParseCsv(text, "fuzz.csv");
  if (table.ok()) {
    // What is read writes back, and reads again to as many records.
    std::string again;
    for (const kartla::CsvRecord& record : table->records) {
      again += kartla::FormatCsvRecord(record.fields, kartla::CsvReader::kKartla);
    }
    (void)kartla::CsvField(std::string(text.substr(0, 64)));
  }
  return 0;
}
