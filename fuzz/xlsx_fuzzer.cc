// .xlsx workbooks (zip archives of XML) as uploaded forms, then checked.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "forms/form_builder.h"
#include "forms/workbook.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kartla::forms::WorkbookLimits limits;
  limits.member_bytes = 4 << 20;  // small enough for a fuzzer's memory
  limits.total_bytes = 8 << 20;
  auto workbook = kartla::forms::ReadXlsx(bytes, "fuzz.xlsx", limits);
  if (workbook.ok()) (void)kartla::forms::BuildForm(*workbook);
  return 0;
}
