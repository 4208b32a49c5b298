#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "tests/support/http_client.h"
#include "web/http.h"
#include "web/http_server.h"
#include "web/multipart.h"
#include "web/router.h"
#include "web/static_files.h"

namespace kartla::web {
namespace {

TEST(MultipartTest, KeepsFieldsAndBinaryFilesApart) {
  using namespace std::string_literals;
  std::string body =
      "--b0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nt0ken\r\n"
      "--b0undary\r\nContent-Disposition: form-data; name=\"form\"; "
      "filename=\"forms/M\u00e4ntyharju.xlsx\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\nPK\x03\x04\0\0\r\n--x\r\n"
      "--b0undary\r\nContent-Disposition: form-data; name=\"other\"; filename=\"\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n"
      "\r\n--b0undary--\r\n"s;
  auto form = ParseMultipartForm("multipart/form-data; boundary=b0undary", body);
  ASSERT_TRUE(form.ok()) << form.status().message();
  EXPECT_EQ(form->fields, (Params{{"csrf", "t0ken"}}));
  ASSERT_EQ(form->files.size(), 1u);  // the empty file field is left out
  EXPECT_EQ(form->files[0].field, "form");
  EXPECT_EQ(form->files[0].file_name, "M\u00e4ntyharju.xlsx");
  EXPECT_EQ(form->files[0].bytes, "PK\x03\x04\0\0\r\n--x"s);
  EXPECT_FALSE(ParseMultipartForm("multipart/form-data", body).ok());
  EXPECT_FALSE(IsMultipartForm("application/x-www-form-urlencoded"));
}

TEST(MultipartTest, RefusesNestedPartsAndTooManyPartsBeforeParsing) {
  // VMime recursed into each nested multipart/mixed and overflowed the
  // stack at about 6,000 levels.
  std::string body;
  for (int i = 0; i < 6000; ++i) {
    body += "--b" + std::to_string(i) + "\r\nContent-Type: multipart/mixed; boundary=b" +
            std::to_string(i + 1) + "\r\n\r\n";
  }
  auto nested = ParseMultipartForm("multipart/form-data; boundary=b0", body);
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.status().message(),
            "part 1 of the upload is a multipart/mixed: a form's parts are not nested");
  std::string message = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n"
                        "content-type:  Message/RFC822\r\n\r\nx\r\n--b--\r\n";
  EXPECT_FALSE(ParseMultipartForm("multipart/form-data; boundary=\"b\"", message).ok());
  std::string many;
  for (size_t i = 0; i <= kMaxFormParts; ++i) {
    many += "--b\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) +
            "\"\r\n\r\nx\r\n";
  }
  auto too_many = ParseMultipartForm("multipart/form-data; boundary=b", many + "--b--\r\n");
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.status().message(), "the upload has more than 64 parts");
  // As many as allowed still parse.
  many.clear();
  for (size_t i = 0; i < kMaxFormParts; ++i) {
    many += "--b\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) +
            "\"\r\n\r\nx\r\n";
  }
  auto allowed = ParseMultipartForm("multipart/form-data; boundary=b", many + "--b--\r\n");
  ASSERT_TRUE(allowed.ok()) << allowed.status().message();
  EXPECT_EQ(allowed->fields.size(), kMaxFormParts);
}

TEST(RouterTest, MatchesPathParametersAndTellsWrongMethods) {
  Router router;
  router.Add(Method::kGet, "/q/page/{page}",
             [](HttpRequest& r) { return HttpResponse::Text(200, r.path_params["page"]); });
  HttpRequest request;
  request.path = "/q/page/3";
  bool matched = false;
  const Handler* handler = router.Find(request, matched);
  ASSERT_NE(handler, nullptr);
  EXPECT_EQ((*handler)(request).body, "3");
  request.method = Method::kPost;
  EXPECT_EQ(router.Find(request, matched), nullptr);
  EXPECT_TRUE(matched);  // 405, not 404
  request.path = "/q/page";
  EXPECT_EQ(router.Find(request, matched), nullptr);
  EXPECT_FALSE(matched);
}

TEST(RouterTest, TellsWhichGetRoutesMayWrite) {
  Router router;
  auto ok = [](HttpRequest&) { return HttpResponse::Text(200, "ok"); };
  router.Add(Method::kGet, "/r/{token}", ok, GetWrites::kYes);
  router.Add(Method::kGet, "/q/page/{page}", ok);
  router.Add(Method::kPost, "/q/page/{page}", ok);
  router.Add(Method::kGet, "/q/review", ok, GetWrites::kRarely);
  HttpRequest request;
  request.path = "//r/abc/";
  EXPECT_EQ(router.MayWrite(request), GetWrites::kYes);
  request.method = Method::kHead;
  EXPECT_EQ(router.MayWrite(request), GetWrites::kYes);
  request.method = Method::kGet;
  request.path = "/q/page/1";
  EXPECT_EQ(router.MayWrite(request), GetWrites::kNo);
  request.path = "/q/review";
  EXPECT_EQ(router.MayWrite(request), GetWrites::kRarely);
  request.path = "/q/page/1";
  request.method = Method::kPost;  // runs on a worker anyway
  EXPECT_EQ(router.MayWrite(request), GetWrites::kNo);
  request.path = "/nowhere";
  EXPECT_EQ(router.MayWrite(request), GetWrites::kNo);
}

TEST(HttpTest, DecodesTargetsAndForms) {
  std::string path;
  Params query;
  ASSERT_TRUE(ParseTarget("/r/abc%20d?lang=sv&x=a+b", path, query).ok());
  EXPECT_EQ(path, "/r/abc d");
  EXPECT_EQ(FindParam(query, "lang"), "sv");
  EXPECT_EQ(FindParam(query, "x"), "a b");
  EXPECT_FALSE(ParseTarget("/q/%zz", path, query).ok());
  EXPECT_FALSE(ParseTarget("http://evil/x", path, query).ok());
  auto form = ParseFormBody("a=1&b=%C3%A4&b=2&c=x+y");
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(AllParams(*form, "b"), (std::vector<std::string>{"ä", "2"}));
  EXPECT_EQ(FindParam(*form, "c"), "x y");
  EXPECT_FALSE(ParseFormBody("a=%FF").ok());  // not UTF-8
  using namespace std::string_literals;
  EXPECT_FALSE(ParseFormBody("a=1\0&b=2"s).ok());  // found by fuzz_url
  EXPECT_FALSE(ParseTarget("/q?a=1\0b"s, path, query).ok());
  EXPECT_FALSE(ParseFormBody("a=%G1").ok());
}

TEST(HttpTest, HeaderValuesWithLineBreaksOrControlsAreNotValid) {
  EXPECT_TRUE(ValidHeaderValue("attachment; filename=\"a.csv\"\tx \xc3\xa4"));
  for (std::string bad : {std::string("a\r\nX: 1"), std::string("a\nb"), std::string("a\rb"), std::string("a\0b", 3), std::string("a\x7f"),
                          std::string("a\x01")}) {
    EXPECT_FALSE(ValidHeaderValue(bad)) << bad;
  }
  EXPECT_TRUE(ValidHeaderName("Set-Cookie"));
  for (std::string bad : {"", "Set Cookie", "A:", "X\r\nY", "\xc3\xa4"}) {
    EXPECT_FALSE(ValidHeaderName(bad)) << bad;
  }
}

TEST(HttpTest, RedirectsEncodeWhatIsNotPartOfAnAddress) {
  EXPECT_EQ(HttpResponse::Redirect("/q/page/2?lang=fi").Get("Location"), "/q/page/2?lang=fi");
  EXPECT_EQ(HttpResponse::Redirect("/results/r/v1/a\r\nSet-Cookie: x=1").Get("Location"),
            "/results/r/v1/a%0D%0ASet-Cookie:%20x=1");
  EXPECT_EQ(HttpResponse::Redirect("/a\"b<\xc3\xa4").Get("Location"), "/a%22b%3C%C3%A4");
}

TEST(HttpTest, LocalTargetsAreRebuiltInsideTheirPrefixOrRefused) {
  struct Case {
    std::string next;
    std::optional<std::string> target;
  };
  const Case cases[] = {
      {"/admin", "/admin"},
      {"/admin/", "/admin/"},
      {"/admin/rounds/r1?tab=a%20b&x", "/admin/rounds/r1?tab=a%20b&x"},
      {"/admin/rounds/r%C3%A4", "/admin/rounds/r%C3%A4"},
      {"/admin/rounds/a%0D%0ASet-Cookie:x", std::nullopt},
      {"/admin?x=%0D%0A", std::nullopt},
      {"/admin/%00", std::nullopt},
      {"/administrator", std::nullopt},
      {"//evil.example/admin", std::nullopt},
      {"/admin//evil", std::nullopt},
      {"/admin/../q", std::nullopt},
      {"/admin/%2e%2e/q", std::nullopt},
      {"/admin\\evil", std::nullopt},
      {"https://evil.example/admin", std::nullopt},
      {"/q", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(LocalTarget(c.next, "/admin"), c.target) << c.next;
  }
}

TEST(HttpTest, DownloadNamesFollowRfc6266) {
  EXPECT_EQ(AttachmentDisposition("kartla-audit.csv"), "attachment; filename=\"kartla-audit.csv\"");
  EXPECT_EQ(AttachmentDisposition("M\xc3\xa4ntyharju.csv"),
            "attachment; filename=\"M__ntyharju.csv\"; filename*=UTF-8''M%C3%A4ntyharju.csv");
  std::string evil = AttachmentDisposition("a\"\r\nSet-Cookie: x=1;.csv");
  EXPECT_TRUE(ValidHeaderValue(evil)) << evil;
  EXPECT_EQ(evil,
            "attachment; filename=\"a___Set-Cookie__x_1_.csv\"; "
            "filename*=UTF-8''a%22%0D%0ASet-Cookie%3A%20x%3D1%3B.csv");
}

TEST(HttpTest, TheClientAddressComesFromTrustedProxiesOnly) {
  HttpRequest request;
  request.remote_address = "10.1.1.1";
  request.headers["x-forwarded-for"] = "203.0.113.7";
  EXPECT_EQ(ClientAddress(request, {}), "10.1.1.1");  // no proxy trusted
  EXPECT_EQ(ClientAddress(request, {"10.9.9.9"}), "10.1.1.1");
  const std::vector<std::string> proxies = {"10.1.1.1", "10.1.1.2"};
  EXPECT_EQ(ClientAddress(request, proxies), "203.0.113.7");
  // What the client wrote itself stands left of what the proxies added.
  request.headers["x-forwarded-for"] = "1.2.3.4, 203.0.113.7";
  EXPECT_EQ(ClientAddress(request, proxies), "203.0.113.7");
  request.headers["x-forwarded-for"] = "203.0.113.7, 10.1.1.2";  // two proxies
  EXPECT_EQ(ClientAddress(request, proxies), "203.0.113.7");
  request.headers["x-forwarded-for"] = "junk\r\n, 2001:db8::1";
  EXPECT_EQ(ClientAddress(request, proxies), "2001:db8::1");
  request.headers["x-forwarded-for"] = "2001:db8::1, junk";
  EXPECT_EQ(ClientAddress(request, proxies), "10.1.1.1");
  request.headers.erase("x-forwarded-for");
  EXPECT_EQ(ClientAddress(request, proxies), "10.1.1.1");
}

TEST(HttpServerTest, RefusesToSendAMalformedHeader) {
  ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  auto server = StartHttpServer(options, Site([](HttpRequest&) {
    HttpResponse response = HttpResponse::Text(200, "hello");
    response.Set("X-Echo", "a\r\nSet-Cookie: kartla_session=evil");
    return response;
  }));
  ASSERT_TRUE(server.ok());
  std::string reply = testing::RawExchange(
      (*server)->port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 500")) << reply;
  EXPECT_EQ(reply.find("evil"), std::string::npos) << reply;
  EXPECT_EQ(reply.find("hello"), std::string::npos) << reply;
  (*server)->Shutdown();
}

// A GET the site says may write waits on a worker, so that the only I/O
// thread goes on serving other connections meanwhile: here the very request
// the waiting one waits for. (On the I/O thread it would wait in vain until
// its time ran out.)
TEST(HttpServerTest, AGetThatMayWriteDoesNotHoldUpTheOtherConnections) {
  ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  std::promise<void> waiting, released;
  std::shared_future<void> release = released.get_future().share();
  auto handle = [&](HttpRequest& request) {
    if (request.path == "/go") {
      released.set_value();
      return HttpResponse::Text(200, "go");
    }
    waiting.set_value();
    bool served = release.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
    return HttpResponse::Text(200, served ? "served after the other" : "waited in vain");
  };
  auto writes = [](const HttpRequest& request) {
    return request.path == "/wait" ? GetWrites::kYes : GetWrites::kNo;
  };
  auto server = StartHttpServer(options, Site(handle, writes));
  ASSERT_TRUE(server.ok());
  const int port = (*server)->port();
  std::string waited;
  std::thread first([&] {
    waited = testing::RawExchange(
        port, "GET /wait HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  });
  waiting.get_future().wait();  // the first is in its handler
  std::string other = testing::RawExchange(
      port, "GET /go HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  first.join();
  EXPECT_NE(other.find("go"), std::string::npos) << other;
  EXPECT_NE(waited.find("served after the other"), std::string::npos) << waited;
  (*server)->Shutdown();
}

TEST(StaticFilesTest, GzipShrinksText) {
  std::string text(4000, 'a');
  auto compressed = Gzip(text);
  ASSERT_TRUE(compressed.has_value());
  EXPECT_LT(compressed->size(), 100u);
  EXPECT_EQ(static_cast<unsigned char>((*compressed)[0]), 0x1f);  // gzip magic
}

}  // namespace
}  // namespace kartla::web
