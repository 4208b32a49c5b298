#include "web/http.h"

#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/grammar/alnum_chars.hpp>
#include <boost/url/grammar/lut_chars.hpp>
#include <boost/url/rfc/pchars.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace kartla::web {

std::optional<std::string> FindParam(const Params& params, std::string_view name) {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::vector<std::string> AllParams(const Params& params, std::string_view name) {
  std::vector<std::string> values;
  for (const auto& [key, value] : params) {
    if (key == name) values.push_back(value);
  }
  return values;
}

std::string HttpRequest::Header(std::string_view name) const {
  auto found = headers.find(AsciiLower(name));
  return found == headers.end() ? std::string() : found->second;
}

std::string HttpRequest::Cookie(std::string_view name) const {
  std::string cookies = Header("cookie");
  size_t start = 0;
  while (start < cookies.size()) {
    size_t end = cookies.find(';', start);
    if (end == std::string::npos) end = cookies.size();
    std::string_view pair = Trim(std::string_view(cookies).substr(start, end - start));
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
    start = end + 1;
  }
  return "";
}

void HttpResponse::Set(std::string name, std::string value) {
  for (auto& [key, existing] : headers) {
    if (EqualsIgnoringCase(key, name)) {
      existing = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string HttpResponse::Get(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoringCase(key, name)) return value;
  }
  return "";
}

namespace {

HttpResponse WithBody(int status, const char* type, std::string body) {
  HttpResponse response;
  response.status = status;
  response.Set("Content-Type", type);
  response.body = std::move(body);
  return response;
}

}  // namespace

HttpResponse HttpResponse::Html(int status, std::string body) {
  return WithBody(status, "text/html; charset=utf-8", std::move(body));
}

HttpResponse HttpResponse::Text(int status, std::string body) {
  return WithBody(status, "text/plain; charset=utf-8", std::move(body));
}

HttpResponse HttpResponse::CsvFile(std::string_view file_name, std::string body) {
  return Download(file_name, "text/csv; charset=utf-8", std::move(body));
}

HttpResponse HttpResponse::Download(std::string_view file_name, std::string_view media_type,
                                    std::string body) {
  HttpResponse response = WithBody(200, std::string(media_type).c_str(), std::move(body));
  response.Set("Content-Disposition", AttachmentDisposition(file_name));
  return response;
}

namespace {

// The characters a Location of ours may hold as they are: a path's and a
// query's and a fragment's (RFC 3986 pchar, '/', '?', '#'), and '%' for what
// is encoded already.
using boost::urls::grammar::lut_chars;

constexpr lut_chars kLocationChars = boost::urls::pchars + lut_chars("/?#%");

// RFC 9110's tchar.
constexpr lut_chars kTokenChars =
    lut_chars(boost::urls::grammar::alnum_chars) + lut_chars("!#$%&'*+-.^_`|~");

// RFC 6266's fallback filename: safe in quotes, in any browser.
constexpr lut_chars kPlainNameChars =
    lut_chars(boost::urls::grammar::alnum_chars) + lut_chars("._-");

// RFC 8187's attr-char.
constexpr lut_chars kAttrChars =
    lut_chars(boost::urls::grammar::alnum_chars) + lut_chars("!#$&+-.^_`|~");

}  // namespace

HttpResponse HttpResponse::Redirect(std::string_view location) {
  HttpResponse response;
  response.status = 303;
  std::string encoded;
  encoded.reserve(location.size());
  for (char c : location) {
    if (kLocationChars(c)) {
      encoded += c;
    } else {
      encoded += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  response.Set("Location", std::move(encoded));
  return response;
}

bool ValidHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!kTokenChars(c)) return false;
  }
  return true;
}

bool ValidHeaderValue(std::string_view value) {
  for (char c : value) {
    auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && byte != '\t') || byte == 0x7f) return false;
  }
  return true;
}

std::string AttachmentDisposition(std::string_view file_name) {
  std::string plain;
  for (char c : file_name) plain += kPlainNameChars(c) ? c : '_';
  if (plain.empty()) plain = "download";
  std::string value = "attachment; filename=\"" + plain + "\"";
  if (plain != file_name && !file_name.empty() && !FindInvalidUtf8(file_name)) {
    value += "; filename*=UTF-8''" + boost::urls::encode(file_name, kAttrChars);
  }
  return value;
}

namespace {

bool HasControlOrBackslash(std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '\\') return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> LocalTarget(std::string_view target, std::string_view prefix) {
  if (target.find('\0') != std::string_view::npos) return std::nullopt;
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return std::nullopt;
  std::string decoded, rebuilt;
  const auto segments = url->segments();
  size_t index = 0;
  for (const std::string segment : segments) {
    ++index;
    if (segment.empty() && index == segments.size() && index > 1) {
      decoded += '/';  // a trailing slash
      rebuilt += '/';
      continue;
    }
    if (segment.empty() || segment == "." || segment == ".." ||
        HasControlOrBackslash(segment) || FindInvalidUtf8(segment)) {
      return std::nullopt;
    }
    decoded += '/' + segment;
    rebuilt += '/' + boost::urls::encode(segment, boost::urls::pchars);
  }
  bool inside = decoded == prefix ||
                (decoded.starts_with(prefix) && decoded[prefix.size()] == '/');
  if (!inside) return std::nullopt;
  char separator = '?';
  for (const auto& param : url->params()) {
    if (HasControlOrBackslash(param.key) || HasControlOrBackslash(param.value) ||
        FindInvalidUtf8(param.key) || FindInvalidUtf8(param.value)) {
      return std::nullopt;
    }
    rebuilt += separator;
    separator = '&';
    rebuilt += boost::urls::encode(param.key, boost::urls::unreserved_chars);
    if (param.has_value) {
      rebuilt += '=' + boost::urls::encode(param.value, boost::urls::unreserved_chars);
    }
  }
  return rebuilt;
}

namespace {

Result<Params> DecodeParams(std::string_view text, bool space_as_plus, const char* what) {
  // A raw NUL is never part of a query or a form; and Boost.URL 1.81's
  // parse_query reads its argument up to a NUL (found by fuzz_url), so it
  // is given a terminated copy.
  if (text.find('\0') != std::string_view::npos) {
    return Status::InvalidInput(fmt::format("the {} is not validly encoded", what));
  }
  const std::string encoded(text);
  auto parsed = boost::urls::parse_query(encoded);
  if (!parsed) {
    return Status::InvalidInput(fmt::format("the {} is not validly encoded", what));
  }
  boost::urls::encoding_opts options;
  options.space_as_plus = space_as_plus;
  Params params;
  for (const auto& param : boost::urls::params_view(encoded, options)) {
    std::string key(param.key);
    std::string value(param.value);
    if (FindInvalidUtf8(key) || FindInvalidUtf8(value)) {
      return Status::InvalidInput(fmt::format("the {} is not UTF-8", what));
    }
    if (key.empty() && value.empty()) continue;
    params.emplace_back(std::move(key), std::move(value));
  }
  return params;
}

}  // namespace

Status ParseTarget(std::string_view target, std::string& path, Params& query) {
  if (target.find('\0') != std::string_view::npos) {
    return Status::InvalidInput("the address is not valid");
  }
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return Status::InvalidInput("the address is not valid");
  path = std::string(url->path());
  if (FindInvalidUtf8(path)) return Status::InvalidInput("the address is not UTF-8");
  auto params = DecodeParams(url->encoded_query(), true, "address");
  if (!params.ok()) return params.status();
  query = std::move(params).value();
  return Status::Ok();
}

Result<Params> ParseFormBody(std::string_view body) {
  return DecodeParams(body, true, "form");
}

std::string ClientAddress(const HttpRequest& request,
                          const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](const std::string& address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) !=
           trusted_proxies.end();
  };
  std::string address = request.remote_address;
  if (!trusted(address)) return address;
  std::string forwarded = request.Header("x-forwarded-for");
  std::vector<std::string> hops;
  size_t start = 0;
  while (start <= forwarded.size()) {
    size_t comma = forwarded.find(',', start);
    if (comma == std::string::npos) comma = forwarded.size();
    hops.emplace_back(Trim(std::string_view(forwarded).substr(start, comma - start)));
    start = comma + 1;
  }
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    unsigned char bytes[sizeof(struct in6_addr)];
    bool ip = inet_pton(AF_INET, hop->c_str(), bytes) == 1 ||
              inet_pton(AF_INET6, hop->c_str(), bytes) == 1;
    if (!ip) break;
    address = *hop;
    if (!trusted(address)) break;
  }
  return address;
}

std::string UrlEncode(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

}  // namespace kartla::web
