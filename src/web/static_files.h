// The files of static/ (CSS, the optional script), compiled into the
// program, served with an ETag and cache headers, gzipped when the client
// accepts it.
#ifndef KARTLA_WEB_STATIC_FILES_H_
#define KARTLA_WEB_STATIC_FILES_H_

#include <optional>
#include <string>

#include "web/http.h"

namespace kartla::web {

// Serves /static/NAME; nullopt if there is no such file.
std::optional<HttpResponse> ServeStatic(const HttpRequest& request,
                                        std::string_view name);

// Compresses `body` with gzip (zlib); nullopt if it does not get smaller.
std::optional<std::string> Gzip(std::string_view body);

// Gzips the response body in place if the request accepts gzip and the
// body is text worth compressing.
void MaybeGzip(const HttpRequest& request, HttpResponse& response);

}  // namespace kartla::web

#endif  // KARTLA_WEB_STATIC_FILES_H_
