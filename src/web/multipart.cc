#include "web/multipart.h"

#include <vmime/contentDispositionField.hpp>

#include <fmt/format.h>

#include "core/text.h"
#include "fieldwork/vmime_setup.h"

namespace kartla::web {

namespace {

// The boundary parameter of a multipart Content-Type, unquoted; "" if none.
std::string BoundaryOf(std::string_view content_type) {
  std::string lower = AsciiLower(content_type);
  size_t at = lower.find("boundary=");
  if (at == std::string::npos) return "";
  std::string_view value = content_type.substr(at + 9);
  if (value.starts_with('"')) {
    size_t end = value.find('"', 1);
    return end == std::string_view::npos ? "" : std::string(value.substr(1, end - 1));
  }
  return std::string(Trim(value.substr(0, value.find(';'))));
}

// Checks the shape of a form body before it is parsed: at most
// kMaxFormParts parts, none of them a multipart or a message, each with a
// header of at most 8 KiB. Only the delimiter lines and each part's header
// are looked at.
Status CheckFormShape(std::string_view body, const std::string& boundary) {
  if (boundary.empty() || boundary.size() > 70) {
    return Status::InvalidInput("the upload's boundary is missing or longer than 70 characters");
  }
  const std::string delimiter = "--" + boundary;
  size_t parts = 0;
  size_t at = body.starts_with(delimiter) ? 0 : body.find("\r\n" + delimiter);
  while (at != std::string_view::npos) {
    size_t line = at == 0 && body.starts_with(delimiter) ? 0 : at + 2;
    size_t after = line + delimiter.size();
    if (body.substr(after).starts_with("--")) break;  // the close delimiter
    if (++parts > kMaxFormParts) {
      return Status::InvalidInput(
          fmt::format("the upload has more than {} parts", kMaxFormParts));
    }
    size_t header_start = body.find("\r\n", after);
    if (header_start == std::string_view::npos) break;
    header_start += 2;
    size_t header_end = body.find("\r\n\r\n", header_start);
    if (header_end == std::string_view::npos || header_end - header_start > 8192) {
      return Status::InvalidInput(fmt::format("part {} of the upload has no proper header", parts));
    }
    std::string header = AsciiLower(body.substr(header_start, header_end - header_start));
    size_t type = header.starts_with("content-type:") ? 0 : header.find("\r\ncontent-type:");
    while (type != std::string::npos) {
      std::string_view value = std::string_view(header).substr(type);
      value = value.substr(value.find(':') + 1);
      value = Trim(value.substr(0, value.find("\r\n")));
      if (value.starts_with("multipart/") || value.starts_with("message/")) {
        return Status::InvalidInput(
            fmt::format("part {} of the upload is a {}: a form's parts are not nested", parts,
                        CutUtf8(value.substr(0, value.find(';')), 40)));
      }
      type = header.find("\r\ncontent-type:", type + 2);
    }
    at = body.find("\r\n" + delimiter, header_end);
  }
  return Status::Ok();
}

}  // namespace

bool IsMultipartForm(std::string_view content_type) {
  return AsciiLower(content_type).starts_with("multipart/form-data");
}

Result<MultipartForm> ParseMultipartForm(std::string_view content_type,
                                         std::string_view body) {
  if (!IsMultipartForm(content_type) ||
      AsciiLower(content_type).find("boundary=") == std::string::npos) {
    return Status::InvalidInput("multipart/form-data without a boundary");
  }
  if (Status shape = CheckFormShape(body, BoundaryOf(content_type)); !shape.ok()) {
    return shape;
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
