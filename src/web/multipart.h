// Reading multipart/form-data bodies (RFC 7578), the encoding browsers use
// to upload files. The MIME parsing itself is VMime's.
#ifndef KARTLA_WEB_MULTIPART_H_
#define KARTLA_WEB_MULTIPART_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "web/http.h"

namespace kartla::web {

// A file field of an upload.
struct UploadedFile {
  std::string field;      // the form field's name
  std::string file_name;  // as the browser sent it, without any folder
  std::string bytes;
};

// The fields of a multipart/form-data body.
struct MultipartForm {
  Params fields;  // the fields that are not files, in order
  std::vector<UploadedFile> files;
};

// Whether `content_type` (a Content-Type header) is multipart/form-data.
bool IsMultipartForm(std::string_view content_type);

// The most parts a form upload may have (its fields and files).
inline constexpr size_t kMaxFormParts = 64;

// Parses `body` sent with `content_type`. An empty file field (the browser's
// "no file chosen") is left out. Fails with kInvalidInput if the header has
// no boundary or a part has no field name, and, before anything is given to
// VMime (whose parser recurses into nested multiparts), if the body has
// more than kMaxFormParts parts or any part is itself a multipart or a
// message: a form is one level of parts, so nothing nested is parsed.
Result<MultipartForm> ParseMultipartForm(std::string_view content_type,
                                         std::string_view body);

}  // namespace kartla::web

#endif  // KARTLA_WEB_MULTIPART_H_
