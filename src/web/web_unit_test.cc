#include <gtest/gtest.h>

#include "web/http.h"
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
  EXPECT_FALSE(ParseFormBody("a=%G1").ok());
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
