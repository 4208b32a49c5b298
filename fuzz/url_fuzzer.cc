// Request targets, form bodies, redirect targets and forwarded addresses.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "web/http.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kartla::web;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string path;
  Params query;
  (void)ParseTarget(text, path, query);
  (void)ParseFormBody(text);
  for (std::string_view prefix : {"/admin", "/q"}) {
    if (auto target = LocalTarget(text, prefix)) {
      // What comes out stays inside the prefix and can be a header.
      if (!target->starts_with(prefix) || !ValidHeaderValue(*target)) std::abort();
    }
  }
  HttpResponse redirect = HttpResponse::Redirect(text);
  if (!ValidHeaderValue(redirect.Get("Location"))) std::abort();
  if (!ValidHeaderValue(AttachmentDisposition(text))) std::abort();
  HttpRequest request;
  request.remote_address = "10.0.0.1";
  request.headers["x-forwarded-for"] = std::string(text);
  (void)ClientAddress(request, {"10.0.0.1"});
  request.headers["cookie"] = std::string(text);
  (void)request.Cookie("kartla_session");
  return 0;
}
