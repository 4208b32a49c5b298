#include "web/static_files.h"

#include <zlib.h>

#include <map>

#include "core/embedded.h"
#include "core/token.h"

namespace kartla {
// Defined by the kartla_static library (cmake/embed.cmake).
std::span<const EmbeddedFile> StaticFiles();
}  // namespace kartla

namespace kartla::web {
namespace {

struct StaticFile {
  std::string_view contents;
  std::string type;
  std::string etag;
  std::optional<std::string> gzipped;
};

const std::map<std::string, StaticFile, std::less<>>& Files() {
  static const auto* files = [] {
    auto* built = new std::map<std::string, StaticFile, std::less<>>();
    for (const EmbeddedFile& file : StaticFiles()) {
      std::string_view path = file.path;
      std::string name(path.substr(path.rfind('/') + 1));
      std::string type = name.ends_with(".css")  ? "text/css; charset=utf-8"
                         : name.ends_with(".js") ? "text/javascript; charset=utf-8"
                         : name.ends_with(".svg") ? "image/svg+xml"
                                                  : "application/octet-stream";
      std::string etag = "\"" + HashContent(file.contents).substr(0, 20) + "\"";
      (*built)[name] = StaticFile{file.contents, type, etag, Gzip(file.contents)};
    }
    return built;
  }();
  return *files;
}

bool AcceptsGzip(const HttpRequest& request) {
  return request.Header("accept-encoding").find("gzip") != std::string::npos;
}

}  // namespace

std::optional<std::string> Gzip(std::string_view body) {
  z_stream stream{};
  // 15 + 16: a gzip header and trailer rather than zlib's.
  if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  std::string out(deflateBound(&stream, uLong(body.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  stream.avail_in = uInt(body.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = uInt(out.size());
  int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END || out.size() >= body.size()) return std::nullopt;
  return out;
}

void MaybeGzip(const HttpRequest& request, HttpResponse& response) {
  if (response.body.size() < 1024 || !AcceptsGzip(request) ||
      !response.Get("Content-Encoding").empty()) {
    return;
  }
  std::string type = response.Get("Content-Type");
  if (!type.starts_with("text/") && type.find("json") == std::string::npos) return;
  if (auto compressed = Gzip(response.body)) {
    response.body = std::move(*compressed);
    response.Set("Content-Encoding", "gzip");
  }
  response.Set("Vary", "Accept-Encoding");
}

std::optional<HttpResponse> ServeStatic(const HttpRequest& request,
                                        std::string_view name) {
  auto found = Files().find(name);
  if (found == Files().end()) return std::nullopt;
  const StaticFile& file = found->second;
  HttpResponse response;
  response.Set("ETag", file.etag);
  response.Set("Cache-Control", "public, max-age=3600");
  response.Set("Vary", "Accept-Encoding");
  if (request.Header("if-none-match") == file.etag) {
    response.status = 304;
    return response;
  }
  response.Set("Content-Type", file.type);
  if (file.gzipped && AcceptsGzip(request)) {
    response.body = *file.gzipped;
    response.Set("Content-Encoding", "gzip");
  } else {
    response.body = std::string(file.contents);
  }
  return response;
}

}  // namespace kartla::web
