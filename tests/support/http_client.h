// A small blocking HTTP/1.1 client for tests that talk to the real server on
// loopback (Boost.Beast; only tests include this).
#ifndef KARTLA_TESTS_SUPPORT_HTTP_CLIENT_H_
#define KARTLA_TESTS_SUPPORT_HTTP_CLIENT_H_

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace kartla::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string Header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? "" : found->second;
  }
};

// Keeps a cookie jar, like one browser (paths and expiry aside: a cookie set
// empty is dropped).
class HttpClient {
 public:
  explicit HttpClient(int port) : port_(port) {}

  HttpReply Get(const std::string& target,
                const std::map<std::string, std::string>& headers = {}) {
    return Send("GET", target, "", headers);
  }
  HttpReply Post(const std::string& target, const std::string& body,
                 std::map<std::string, std::string> headers = {}) {
    if (!headers.contains("Content-Type")) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
    }
    return Send("POST", target, body, headers);
  }

  // Posts multipart/form-data as a browser does: `fields` as text parts,
  // `files` (field, file name, contents) as file parts.
  struct FilePart {
    std::string field, file_name, bytes;
  };
  HttpReply PostMultipart(const std::string& target,
                          const std::vector<std::pair<std::string, std::string>>& fields,
                          const std::vector<FilePart>& files) {
    const std::string boundary = "----KartlaTestBoundary7MA4YWxkTrZu0gW";
    std::string body;
    for (const auto& [name, value] : fields) {
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
              "\"\r\n\r\n" + value + "\r\n";
    }
    for (const FilePart& file : files) {
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field +
              "\"; filename=\"" + file.file_name +
              "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + file.bytes + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return Send("POST", target, body,
                {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  }

  HttpReply Send(const std::string& method, const std::string& target,
                 const std::string& body,
                 const std::map<std::string, std::string>& headers) {
    namespace beast = boost::beast;
    namespace http = beast::http;
    boost::asio::io_context io;
    boost::asio::ip::tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    stream.connect(resolver.resolve("127.0.0.1", std::to_string(port_)));
    http::request<http::string_body> request(http::string_to_verb(method), target, 11);
    request.set(http::field::host, "127.0.0.1");
    std::string cookies = cookie();
    if (!cookies.empty()) request.set(http::field::cookie, cookies);
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = body;
    request.prepare_payload();
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    http::read(stream, buffer, parser);
    auto& response = parser.get();
    HttpReply reply;
    reply.status = int(response.result_int());
    for (const auto& field : response) {
      std::string name(field.name_string());
      for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
      reply.headers[name] = std::string(field.value());
    }
    reply.body = response.body();
    for (const auto& field : response) {
      if (field.name() != http::field::set_cookie) continue;
      std::string set_cookie(field.value());
      size_t equals = set_cookie.find('=');
      if (equals == std::string::npos) continue;
      std::string name = set_cookie.substr(0, equals);
      std::string value = set_cookie.substr(equals + 1, set_cookie.find(';') - equals - 1);
      if (value.empty()) {
        cookies_.erase(name);
      } else {
        cookies_[name] = value;
      }
    }
    beast::error_code ignored;
    stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    return reply;
  }

  // The Cookie header it sends: "a=1; b=2".
  std::string cookie() const {
    std::string header;
    for (const auto& [name, value] : cookies_) {
      header += (header.empty() ? "" : "; ") + name + "=" + value;
    }
    return header;
  }
  // Replaces the jar with the cookies of a Cookie header "a=1; b=2".
  void set_cookie(const std::string& header) {
    cookies_.clear();
    size_t start = 0;
    while (start < header.size()) {
      size_t end = header.find("; ", start);
      if (end == std::string::npos) end = header.size();
      std::string pair = header.substr(start, end - start);
      size_t equals = pair.find('=');
      if (equals != std::string::npos) cookies_[pair.substr(0, equals)] = pair.substr(equals + 1);
      start = end + 2;
    }
  }

 private:
  int port_;
  std::map<std::string, std::string> cookies_;
};

// The value of the first hidden csrf field of a page.
// Sends `bytes` as they are on a new connection and returns everything the
// server writes until it closes (a request should say Connection: close).
inline std::string RawExchange(int port, const std::string& bytes) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"),
                  static_cast<unsigned short>(port)});
  boost::asio::write(socket, boost::asio::buffer(bytes));
  std::string reply;
  boost::system::error_code error;
  char chunk[4096];
  for (;;) {
    size_t n = socket.read_some(boost::asio::buffer(chunk), error);
    reply.append(chunk, n);
    if (error) break;
  }
  return reply;
}

// The header lines of a raw response, each as it came, without the status
// line: what a browser would take as headers.
inline std::vector<std::string> RawHeaderLines(const std::string& reply) {
  std::vector<std::string> lines;
  size_t start = reply.find("\r\n");
  while (start != std::string::npos) {
    start += 2;
    size_t end = reply.find("\r\n", start);
    if (end == std::string::npos || end == start) break;
    lines.push_back(reply.substr(start, end - start));
    start = end;
  }
  return lines;
}

inline std::string CsrfOf(const std::string& page) {
  static const std::regex kCsrf(R"re(name="csrf" value="([^"]+)")re");
  std::smatch match;
  return std::regex_search(page, match, kCsrf) ? match[1].str() : "";
}

}  // namespace kartla::testing

#endif  // KARTLA_TESTS_SUPPORT_HTTP_CLIENT_H_
