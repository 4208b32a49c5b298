// Kartla tried as an attacker would, over real HTTP on loopback: each test
// is the regression test of a finding of the hardening review (issue 18),
// and failed on the code before its fix.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <thread>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "app/web_wiring.h"
#include "tests/support/example_app.h"
#include "tests/support/http_client.h"
#include "tests/support/temp_dir.h"
#include "web/admin_app.h"
#include "web/http_server.h"
#include "web/web_app.h"

namespace kartla {
namespace {

namespace fs = std::filesystem;
using testing::CsrfOf;
using testing::Has;
using testing::HttpClient;
using testing::HttpReply;

constexpr char kRound[] = "digimapping-2025";
constexpr char kPassword[] = "a-long-password";

// Writes a release of round "r1" by hand: a manifest and two pages, enough
// for the results routes to redirect to.
void WriteRelease(const fs::path& folder) {
  fs::path version = folder / "r1" / "v1";
  fs::create_directories(version / "a");
  std::ofstream(version / "index.html") << "<p>front</p>";
  std::ofstream(version / "a" / "index.html") << "<p>a</p>";
  std::ofstream(version / "manifest.json")
      << R"({"round":"r1","version":1,"stage":1,"date":"2026-01-01",)"
      << R"("title":{"fi":"t","sv":"t","en":"t"},"files":[)"
      << R"({"path":"index.html","sha256":"00"},{"path":"a/index.html","sha256":"01"}]})";
}

class SecurityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app_ = testing::OpenExampleApp(dir_.path(), clock_);
    ASSERT_TRUE(app_->accounts()
                    .AddUser({"admin", kPassword, accounts::Role::kAdministrator, "", Lang::kEn},
                             "test")
                    .ok());
    WriteRelease(dir_.path() / "results");
  }

  void Serve(web::WebOptions options = {}) {
    options.results_folder = (dir_.path() / "results").string();
    services_ = std::make_unique<web::WebServices>(WebServicesOf(*app_));
    admin_ = std::make_unique<web::AdminServices>(AdminServicesOf(*app_, nullptr));
    web::ServerOptions server_options;
    server_options.port = 0;
    auto server = web::StartHttpServer(
        server_options, web::MakeWebHandler(*services_, options, admin_.get()));
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
  }

  int port() const { return server_->port(); }

  // A respondent's client with a session on a new invitation of `org`.
  HttpClient Respondent(const std::string& org) {
    auto issued =
        app_->invitations().Create({kRound, "ict_management", org, Lang::kEn});
    EXPECT_TRUE(issued.ok()) << issued.status().ToString();
    HttpClient client(port());
    EXPECT_EQ(client.Get("/r/" + issued->token).status, 303);
    return client;
  }

  testing::TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<App> app_;
  std::unique_ptr<web::WebServices> services_;
  std::unique_ptr<web::AdminServices> admin_;
  std::unique_ptr<web::HttpServer> server_;
};

// What an attacker puts where a redirect's address comes from: line breaks
// and NUL, percent-encoded (decoded by the server before it routes) and
// doubly encoded, each trying to add a header or plant the session cookie.
const char* const kSplitters[] = {
    "%0D%0ASet-Cookie:%20kartla_session=evil",
    "%0d%0aX-Injected:%201",
    "%0AX-Injected:%201",
    "%0DX-Injected:%201",
    "%00X-Injected:%201",
    "%250D%250AX-Injected:%201",
    "%E5%98%8A%E5%98%8DX-Injected:%201",  // U+560A U+560D, whose low bytes are LF CR
};

// Every header line of `raw` is one line, and none came from the attack.
void ExpectNoInjectedHeader(const std::string& raw, const std::string& what) {
  auto lines = testing::RawHeaderLines(raw);
  ASSERT_FALSE(lines.empty()) << what << ": no response";
  EXPECT_FALSE(Has(raw.substr(0, raw.find("\r\n")), " 500 ")) << what << ": " << lines[0];
  for (const std::string& line : lines) {
    EXPECT_EQ(line.find_first_of(std::string("\r\n\0", 3)), std::string::npos)
        << what << ": a line break inside \"" << line << "\"";
    std::string lower = AsciiLower(line);
    EXPECT_FALSE(lower.starts_with("x-injected")) << what << ": " << line;
    // Exactly the planted value: a random cookie may hold "eViL" by chance.
    EXPECT_FALSE(lower.starts_with("set-cookie") && Has(lower, "kartla_session=evil"))
        << what << ": " << line;
  }
}

std::string RawGet(const std::string& target, const std::string& cookie = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
         (cookie.empty() ? "" : "Cookie: " + cookie + "\r\n") + "\r\n";
}

std::string RawPost(const std::string& target, const std::string& body,
                    const std::string& cookie) {
  return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
         "Content-Type: application/x-www-form-urlencoded\r\nCookie: " + cookie +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST_F(SecurityTest, NoRouteThatRedirectsCanBeMadeToSplitItsResponse) {
  Serve();
  HttpClient respondent = Respondent("091");
  std::string respondent_csrf = CsrfOf(respondent.Get("/q/answers").body);
  if (respondent_csrf.empty()) {
    HttpReply start = respondent.Get("/q");
    respondent_csrf = CsrfOf(respondent.Get(start.Header("location")).body);
  }
  ASSERT_FALSE(respondent_csrf.empty());
  HttpClient staff(port());
  std::string login_csrf = CsrfOf(staff.Get("/admin/login").body);

  for (const char* splitter : kSplitters) {
    std::string s = splitter;
    // The results' latest version, the round's front page, and a round
    // folder of any name.
    for (std::string target : {"/results/r1/latest/" + s, "/results/r1/latest/a" + s,
                               "/results/r1/latest/a/" + s, "/results/r1" + s,
                               "/results/" + s, "/results/r1/v1" + s}) {
      ExpectNoInjectedHeader(testing::RawExchange(port(), RawGet(target)), target);
    }
    // A staff page when signed out (it redirects to the sign-in, with the
    // page to come back to), and a personal link.
    for (std::string target : {"/admin/rounds/" + s, "/admin" + s, "/r/" + s}) {
      ExpectNoInjectedHeader(testing::RawExchange(port(), RawGet(target)), target);
    }
    // The sign-in page's `next`, shown and then followed after signing in.
    ExpectNoInjectedHeader(
        testing::RawExchange(port(), RawGet("/admin/login?next=/admin" + s,
                                            "kartla_login=" + login_csrf)),
        "GET /admin/login?next=");
    for (std::string next : {"/admin" + s, "/admin/" + s, "%2F%2Fevil.example" + s}) {
      std::string body = "csrf=" + login_csrf + "&name=admin&password=" + kPassword +
                         "&next=" + next;
      ExpectNoInjectedHeader(testing::RawExchange(port(), RawPost("/admin/login", body,
                                                                  "kartla_login=" + login_csrf)),
                             "POST /admin/login next=" + next);
    }
    // The questionnaire's choice of language, back to the page it came from.
    for (std::string next : {"/q" + s, "/q/page/1" + s, "/q/" + s}) {
      std::string body = "csrf=" + respondent_csrf + "&lang=fi&next=" + next;
      ExpectNoInjectedHeader(
          testing::RawExchange(port(), RawPost("/q/language", body, respondent.cookie())),
          "POST /q/language next=" + next);
    }
  }
  // The addresses it redirects to are ours and stay on this site.
  std::string body = "csrf=" + respondent_csrf + "&lang=fi&next=%2F%2Fevil.example%2Fq";
  HttpReply away = respondent.Post("/q/language", body);
  EXPECT_EQ(away.Header("location"), "/q");
  body = "csrf=" + respondent_csrf + "&lang=fi&next=%2Fq%2Fpage%2F1%3Flang%3Dsv";
  EXPECT_EQ(respondent.Post("/q/language", body).Header("location"), "/q/page/1?lang=sv");
  HttpReply latest = HttpClient(port()).Get("/results/r1/latest/a/");
  EXPECT_EQ(latest.status, 303);
  EXPECT_EQ(latest.Header("location"), "/results/r1/v1/a/");
  EXPECT_EQ(HttpClient(port()).Get("/results/r1/latest/nothing-here").status, 404);
}

// The private audit report lies beside the version's folder, as `kartla
// publish` writes it, and no address reaches it (nor anything else the
// manifest does not list).
TEST_F(SecurityTest, TheAuditReportBesideAReleaseIsNeverServed) {
  const fs::path round = dir_.path() / "results" / "r1";
  std::ofstream(round / "v1.audit.json") << R"({"private":"secret counts"})";
  std::ofstream(round / "v1" / "unlisted.json") << R"({"private":"secret counts"})";
  Serve();
  for (std::string target :
       {"/results/r1/v1.audit.json", "/results/r1/v1/../v1.audit.json",
        "/results/r1/v1/%2e%2e/v1.audit.json", "/results/r1/v1%2F..%2Fv1.audit.json",
        "/results/r1/latest/../v1.audit.json", "/results/r1/v1/..%2Fv1.audit.json",
        "/results/r1/v1/unlisted.json", "/results/r1/latest/unlisted.json"}) {
    const std::string reply = testing::RawExchange(port(), RawGet(target));
    EXPECT_EQ(reply.find("secret"), std::string::npos) << target;
    EXPECT_FALSE(reply.starts_with("HTTP/1.1 200")) << target << ": " << reply.substr(0, 40);
  }
  EXPECT_EQ(HttpClient(port()).Get("/results/r1/v1/index.html").status, 200);
}

TEST_F(SecurityTest, RawLineBreaksInTheRequestLineAreRefused) {
  Serve();
  using namespace std::string_literals;
  for (std::string target : {"/results/r1/latest/a\r\nX-Injected: 1"s, "/q\nX-Injected: 1"s,
                             "/r/x\0X-Injected: 1"s}) {
    std::string raw = testing::RawExchange(port(), RawGet(target));
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 400")) << raw.substr(0, 40);
    for (const std::string& line : testing::RawHeaderLines(raw)) {
      EXPECT_FALSE(AsciiLower(line).starts_with("x-injected")) << line;
    }
  }
}

TEST_F(SecurityTest, AContactsNameCannotCarryALineBreakIntoAMail) {
  auto imported = app_->contacts().Import(
      "organisation,name,email,role\n"
      "091,\"Anna\r\nBcc: all@example.org\",anna@hel.fi,ict_management\n",
      "contacts.csv");
  ASSERT_FALSE(imported.ok());
  ASSERT_EQ(imported.status().problems().size(), 1u);
  EXPECT_EQ(imported.status().problems()[0].ToString(),
            "contacts.csv:2:2: error: column \"name\": \"Anna\\r\\nBcc: all@example.org\" has "
            "a line break or another control character, or is longer than 200 characters");
}

// Signs `client` in; returns the reply to the sign-in.
HttpReply SignIn(HttpClient& client, const std::string& name, const std::string& password) {
  std::string csrf = CsrfOf(client.Get("/admin/login?lang=en").body);
  return client.Post("/admin/login", "csrf=" + csrf + "&name=" + name + "&password=" + password);
}

TEST_F(SecurityTest, AnAdministratorDisablesAUserWhoseSessionEndsAtOnce) {
  ASSERT_TRUE(app_->accounts()
                  .AddUser({"bob", kPassword, accounts::Role::kAnalyst, "", Lang::kEn}, "test")
                  .ok());
  Serve();
  HttpClient admin(port()), bob(port());
  ASSERT_EQ(SignIn(admin, "admin", kPassword).status, 303);
  ASSERT_EQ(SignIn(bob, "bob", kPassword).status, 303);
  EXPECT_EQ(bob.Get("/admin").status, 200);
  std::string users = admin.Get("/admin/users").body;
  std::string csrf = CsrfOf(users);
  EXPECT_TRUE(Has(users, "Disable<span class=\"visually-hidden\"> bob</span>")) << users;
  EXPECT_EQ(admin.Post("/admin/users/state", "csrf=" + csrf + "&name=bob&disable=yes").status,
            303);
  EXPECT_EQ(bob.Get("/admin").status, 303);  // to the sign-in
  EXPECT_EQ(SignIn(bob, "bob", kPassword).status, 403);
  EXPECT_EQ(admin.Post("/admin/users/state", "csrf=" + csrf + "&name=admin&disable=yes").status,
            422);  // not oneself
  auto log = app_->accounts().ListAudit(5);
  EXPECT_TRUE(std::any_of(log.begin(), log.end(), [](const accounts::AuditEntry& entry) {
    return entry.action == "user.disable" && entry.object == "user bob" &&
           entry.user_name == "admin";
  }));
}

TEST_F(SecurityTest, StaffNoticesShowOnlyTheCataloguesWords) {
  Serve();
  HttpClient admin(port());
  ASSERT_EQ(SignIn(admin, "admin", kPassword).status, 303);
  std::string page =
      admin.Get("/admin/users?lang=en&notice=user_added&n=Your+password+expired.+Call+0100+100")
          .body;
  EXPECT_FALSE(Has(page, "password expired")) << page;
  EXPECT_FALSE(Has(page, "class=\"notice\""));
  page = admin.Get("/admin/users?lang=en&notice=user_added&n=anna.virtanen").body;
  EXPECT_TRUE(Has(page, "anna.virtanen")) << page;
}

TEST_F(SecurityTest, SignInFloodsAreRefusedBeforeHashingAndNamesAreBounded) {
  Serve();
  std::vector<int> statuses(48);
  std::vector<std::string> retry(48);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < statuses.size(); ++i) {
    threads.emplace_back([&, i] {
      HttpClient client(port());
      HttpReply reply = SignIn(client, "admin", "wrong-password-" + std::to_string(i));
      statuses[i] = reply.status;
      retry[i] = reply.Header("retry-after");
    });
  }
  for (std::thread& thread : threads) thread.join();
  int refused = 0, busy = 0;
  for (size_t i = 0; i < statuses.size(); ++i) {
    EXPECT_TRUE(statuses[i] == 403 || statuses[i] == 429) << statuses[i];
    refused += statuses[i] == 403;
    if (statuses[i] == 429) {
      ++busy;
      EXPECT_EQ(retry[i], "1");
    }
  }
  // At most two passwords are hashed at once: 48 sign-ins together find
  // the slots taken, and are told to come back a second later.
  EXPECT_GT(refused, 0);
  EXPECT_GT(busy, 0);

  // A name of 600 KB is neither stored nor shown again. (The file's size
  // tells on SQLite; PostgreSQL would compress such a name, so there the
  // reply alone is checked.)
  auto stored_bytes = [&]() -> uintmax_t {
    if (testing::OnPostgres()) return 0;
    return fs::file_size(dir_.path() / "kartla.db") +
           (fs::exists(dir_.path() / "kartla.db-wal") ? fs::file_size(dir_.path() / "kartla.db-wal")
                                                       : 0);
  };
  auto size_before = stored_bytes();
  std::string huge(600 << 10, 'n');
  for (int i = 0; i < 5; ++i) {
    HttpClient client(port());
    HttpReply reply = SignIn(client, huge + std::to_string(i), "x");
    EXPECT_EQ(reply.status, 403);
    EXPECT_LT(reply.body.size(), 100000u);
  }
  auto size_after = stored_bytes();
  EXPECT_LT(size_after, size_before + 200000) << size_before << " → " << size_after;
}

TEST_F(SecurityTest, TheRequestLogHasOneLinePerRequestAndNoToken) {
  Serve();
  auto issued = app_->invitations().Create({kRound, "ict_management", "091", Lang::kEn});
  ASSERT_TRUE(issued.ok());
  std::ostringstream log;
  auto previous = spdlog::default_logger();
  auto capture = std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(log));
  capture->set_pattern("%v");
  spdlog::set_default_logger(capture);
  HttpClient client(port());
  client.Get("//r/" + issued->token);
  client.Get("/r//" + issued->token + "/");
  client.Get("/q%0D%0AGET%20/admin%20200%201.0%20ms");
  client.Get("/x%00y%1b%5B31m");
  spdlog::set_default_logger(previous);
  std::string text = log.str();
  EXPECT_EQ(text.find(issued->token), std::string::npos) << text;
  std::istringstream lines(text);
  std::vector<std::string> logged;
  for (std::string line; std::getline(lines, line);) logged.push_back(line);
  ASSERT_EQ(logged.size(), 4u) << text;
  EXPECT_TRUE(logged[0].starts_with("GET /r/\xe2\x80\xa6 303")) << logged[0];
  EXPECT_TRUE(logged[1].starts_with("GET /r/\xe2\x80\xa6 ")) << logged[1];
  EXPECT_TRUE(logged[2].starts_with("GET /q\\r\\nGET /admin 200 1.0 ms 404")) << logged[2];
  EXPECT_TRUE(logged[3].starts_with("GET /x\\x00y\\x1b[31m 404")) << logged[3];
}

}  // namespace
}  // namespace kartla
