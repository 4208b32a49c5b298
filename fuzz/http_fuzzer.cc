// A request through the router and every handler, in memory (no sockets),
// on a real database: the respondent's pages, the workspace, the results
// and the API. The input is a request as text:
//   METHOD TARGET\n(NAME: VALUE\n)*\nBODY
// where $S and $C in it stand for a respondent's session cookie and CSRF
// token, $A and $K for an administrator's, so that the fuzzer reaches the
// pages behind them. Every response must be one the server may send.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "app/web_wiring.h"
#include "core/text.h"
#include "fuzz/fuzz_app.h"
#include "web/admin_app.h"
#include "web/http.h"
#include "web/web_app.h"

namespace {

using kartla::web::HttpRequest;
using kartla::web::HttpResponse;

struct Harness {
  kartla::web::WebServices services;
  kartla::web::AdminServices admin;
  kartla::web::Handler handler;
  std::string respondent_session, respondent_csrf, staff_session, staff_csrf;

  explicit Harness(kartla::App& app)
      : services(WebServicesOf(app)),
        admin(AdminServicesOf(app, nullptr)),
        handler(kartla::web::MakeWebHandler(services, {}, &admin).handle) {
    auto issued = app.invitations().Create(
        {"digimapping-2025", "ict_management", "091", kartla::Lang::kEn});
    if (!issued.ok()) std::abort();
    auto opened = app.invitations().OpenSession(issued->invitation, kartla::Lang::kEn,
                                                std::chrono::hours(24 * 365));
    respondent_session = opened.session_id;
    respondent_csrf = opened.session.csrf_token;
    if (!app.accounts()
             .AddUser({"admin", "a-long-password", kartla::accounts::Role::kAdministrator, "",
                       kartla::Lang::kEn},
                      "fuzz")
             .ok()) {
      std::abort();
    }
    auto signed_in = app.accounts().SignIn("admin", "a-long-password", "127.0.0.1");
    if (!signed_in.ok()) std::abort();
    staff_session = signed_in->session_id;
    staff_csrf = signed_in->session.csrf_token;
  }

  std::string Expand(std::string text) const {
    for (auto [from, to] : {std::pair{"$S", &respondent_session}, {"$C", &respondent_csrf},
                            {"$A", &staff_session}, {"$K", &staff_csrf}}) {
      for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
        text.replace(at, 2, *to);
        at += to->size();
      }
    }
    return text;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Harness harness(kartla::fuzz::FuzzApp());
  std::string input = harness.Expand(std::string(reinterpret_cast<const char*>(data), size));
  HttpRequest request;
  size_t line_end = input.find('\n');
  std::string_view first = std::string_view(input).substr(0, line_end);
  size_t space = first.find(' ');
  if (space == std::string_view::npos) return 0;
  std::string_view method = first.substr(0, space);
  request.method = method == "GET"    ? kartla::web::Method::kGet
                   : method == "POST" ? kartla::web::Method::kPost
                   : method == "HEAD" ? kartla::web::Method::kHead
                                      : kartla::web::Method::kOther;
  request.target = std::string(first.substr(space + 1));
  request.remote_address = "127.0.0.2";
  size_t at = line_end == std::string::npos ? input.size() : line_end + 1;
  while (at < input.size()) {
    size_t end = input.find('\n', at);
    if (end == std::string::npos) end = input.size();
    std::string_view header = std::string_view(input).substr(at, end - at);
    at = end + 1;
    if (header.empty()) break;
    size_t colon = header.find(':');
    if (colon == std::string_view::npos) continue;
    request.headers[kartla::AsciiLower(header.substr(0, colon))] =
        std::string(kartla::Trim(header.substr(colon + 1)));
  }
  if (at < input.size()) request.body = input.substr(at);
  if (!kartla::web::ParseTarget(request.target, request.path, request.query).ok()) return 0;
  HttpResponse response = harness.handler(request);
  if (response.status < 100 || response.status > 599 || response.status == 500) std::abort();
  for (const auto& [name, value] : response.headers) {
    if (!kartla::web::ValidHeaderName(name) || !kartla::web::ValidHeaderValue(value)) {
      std::abort();  // the server would refuse to send it: a defect
    }
  }
  return 0;
}
