// HTTP requests and responses as the rest of web/ sees them: plain values,
// with no Boost.Beast types, so that only http_server.cc includes Beast.
#ifndef KARTLA_WEB_HTTP_H_
#define KARTLA_WEB_HTTP_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace kartla::web {

enum class Method { kGet, kHead, kPost, kOther };

// Name-value pairs in order, names may repeat (a query string, a form).
using Params = std::vector<std::pair<std::string, std::string>>;

// The first value of `name`, or nullopt.
std::optional<std::string> FindParam(const Params& params, std::string_view name);
// Every value of `name`, in order.
std::vector<std::string> AllParams(const Params& params, std::string_view name);

struct HttpRequest {
  Method method = Method::kGet;
  std::string target;  // as sent: "/q/page/2?lang=fi"
  std::string path;    // percent-decoded path: "/q/page/2"
  Params query;        // decoded
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote_address;
  std::map<std::string, std::string> path_params;  // filled by the Router

  // The header `name` (any case), or "".
  std::string Header(std::string_view name) const;
  // The cookie `name`, or "".
  std::string Cookie(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Replaces the header `name` if present, else adds it.
  void Set(std::string name, std::string value);
  std::string Get(std::string_view name) const;

  static HttpResponse Html(int status, std::string body);
  static HttpResponse Text(int status, std::string body);
  // A CSV file to download as `file_name` (200, text/csv, UTF-8).
  static HttpResponse CsvFile(const std::string& file_name, std::string body);
  // 303 See Other to `location`, the answer to a successful POST.
  static HttpResponse Redirect(std::string location);
};

// Splits a request target into its decoded path and query. Fails with
// kInvalidInput if the target is not an origin-form URL or its
// percent-encoding is broken, or the decoded path is not UTF-8.
Status ParseTarget(std::string_view target, std::string& path, Params& query);

// Decodes an application/x-www-form-urlencoded body ('+' is a space). Fails
// with kInvalidInput on broken percent-encoding or text that is not UTF-8.
Result<Params> ParseFormBody(std::string_view body);

// Percent-encodes `text` for use in a query string or path segment.
std::string UrlEncode(std::string_view text);

// The handler of every request, called on many threads at once. GET and
// HEAD requests run on the I/O threads and must not wait long; others run
// on a pool of workers and may block (a durable write) without stalling I/O.
using Handler = std::function<HttpResponse(HttpRequest&)>;

}  // namespace kartla::web

#endif  // KARTLA_WEB_HTTP_H_
