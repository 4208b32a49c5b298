#include "web/multipart.h"

#include <vmime/contentDispositionField.hpp>

#include <fmt/format.h>

#include "core/text.h"
#include "fieldwork/vmime_setup.h"

namespace kartla::web {

bool IsMultipartForm(std::string_view content_type) {
  return AsciiLower(content_type).starts_with("multipart/form-data");
}

Result<MultipartForm> ParseMultipartForm(std::string_view content_type,
                                         std::string_view body) {
  if (!IsMultipartForm(content_type) ||
      AsciiLower(content_type).find("boundary=") == std::string::npos) {
    return Status::InvalidInput("multipart/form-data without a boundary");
  }
  fieldwork::EnsureVmime();
  vmime::bodyPart whole;
  std::string text = "Content-Type: ";
  text.append(content_type);
  text += "\r\n\r\n";
  text.append(body);
  whole.parse(text);
  MultipartForm form;
  auto parts = whole.getBody();
  for (size_t i = 0; i < parts->getPartCount(); ++i) {
    auto part = parts->getPartAt(i);
    auto disposition = part->getHeader()->findField<vmime::contentDispositionField>(
        vmime::fields::CONTENT_DISPOSITION);
    auto name = disposition ? disposition->findParameter("name") : nullptr;
    if (!name) {
      return Status::InvalidInput(
          fmt::format("part {} of the upload has no field name", i + 1));
    }
    std::string bytes;
    vmime::utility::outputStreamStringAdapter out(bytes);
    part->getBody()->getContents()->extractRaw(out);
    std::string field = name->getValue().getBuffer();
    // VMime drops an empty filename="", which browsers send for a file field
    // left empty; such a part still has a Content-Type.
    auto file = disposition->findParameter("filename");
    if (file || part->getHeader()->hasField(vmime::fields::CONTENT_TYPE)) {
      std::string file_name = file ? file->getValue().getBuffer() : "";
      size_t slash = file_name.find_last_of("/\\");
      if (slash != std::string::npos) file_name.erase(0, slash + 1);
      if (file_name.empty() && bytes.empty()) continue;
      form.files.push_back({std::move(field), std::move(file_name), std::move(bytes)});
    } else {
      form.fields.emplace_back(std::move(field), std::move(bytes));
    }
  }
  return form;
}

}  // namespace kartla::web
