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
  // A CSV file to download as `file_name` (200, text/csv, UTF-8), named
  // by AttachmentDisposition.
  static HttpResponse CsvFile(std::string_view file_name, std::string body);
  // Any file to download as `file_name`, of `media_type`.
  static HttpResponse Download(std::string_view file_name, std::string_view media_type,
                               std::string body);
  // 303 See Other to `location`, a path on this site ("/q/page/2"). Any
  // byte of `location` outside a URI's characters (a space, a quote, a
  // control character, non-ASCII) is percent-encoded, so the header can
  // never carry a line break; callers still build `location` only from
  // known routes and checked values (see LocalTarget).
  static HttpResponse Redirect(std::string_view location);
};

// Whether `name` may be a header field's name: a token of RFC 9110 (5.6.2).
bool ValidHeaderName(std::string_view name);
// Whether `value` may be a header field's value (RFC 9110 5.5): visible
// ASCII, spaces, tabs and bytes from 0x80, but no CR, LF, NUL or other
// control character. The server refuses to send a response whose header
// fails either check (it answers 500 instead), so that no input can split
// a response or add a header.
bool ValidHeaderValue(std::string_view value);

// A `Content-Disposition: attachment` value for downloading `file_name`
// (RFC 6266): an ASCII fallback name in quotes, in which every character
// outside letters, digits and "._-" becomes '_', and the whole name as
// UTF-8 in filename* (RFC 8187), percent-encoded.
std::string AttachmentDisposition(std::string_view file_name);

// `target` (a path with an optional query, as a `next` parameter brings
// it) made safe to redirect to, or nullopt: it must be an origin-form
// address whose decoded path lies under `prefix` ("/admin" covers
// "/admin" and "/admin/..."), with no empty, "." or ".." segment, no
// backslash and no control character. The result is rebuilt from the
// decoded path segments and query parameters, each percent-encoded, so
// that nothing of the input is copied into a header as it came.
std::optional<std::string> LocalTarget(std::string_view target, std::string_view prefix);

// Splits a request target into its decoded path and query. Fails with
// kInvalidInput if the target is not an origin-form URL or its
// percent-encoding is broken, or the decoded path is not UTF-8.
Status ParseTarget(std::string_view target, std::string& path, Params& query);

// Decodes an application/x-www-form-urlencoded body ('+' is a space). Fails
// with kInvalidInput on broken percent-encoding or text that is not UTF-8.
Result<Params> ParseFormBody(std::string_view body);

// The address a request comes from: the connection's peer, or, if the peer
// is one of `trusted_proxies`, the right-most address of X-Forwarded-For
// that is not itself a trusted proxy (proxies append what they saw; what
// stands left of them the client may have written). An entry that is not
// an IP address ends the walk at the proxy that added it.
std::string ClientAddress(const HttpRequest& request,
                          const std::vector<std::string>& trusted_proxies);

// Percent-encodes `text` for use in a query string or path segment.
std::string UrlEncode(std::string_view text);

// The handler of every request, called on many threads at once. GET and
// HEAD requests run on the I/O threads and must not wait long; others run
// on a pool of workers and may block (a durable write) without stalling I/O.
using Handler = std::function<HttpResponse(HttpRequest&)>;

// Whether a GET route's handler waits for a durable write: kNo, never (the
// server checks: core/no_waiting.h); kYes (opening a session, creating a
// response), so it runs on a worker like a POST: on an I/O thread, every
// other connection of that thread would wait for the write with it;
// kRarely, only in a rare case (a page reached before the response was
// started), so it runs on the I/O thread and may hold it up then.
enum class GetWrites { kNo, kYes, kRarely };

// What a server serves: the handler of every request, and how each GET and
// HEAD request may write.
struct Site {
  Site(Handler handler, std::function<GetWrites(const HttpRequest&)> may_write = {})
      : handle(std::move(handler)), get_writes(std::move(may_write)) {}

  Handler handle;
  std::function<GetWrites(const HttpRequest&)> get_writes;  // empty: kNo for all
};

}  // namespace kartla::web

#endif  // KARTLA_WEB_HTTP_H_
