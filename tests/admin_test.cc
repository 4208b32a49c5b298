// The survey team's pages over real HTTP: who may do what (every route
// against seven kinds of visitor), sign-in throttling, setting up a round
// (uploads of forms and stages, the registry), and a round's fieldwork from
// importing contacts to the dashboard, with mail delivered to a real SMTP
// server.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <regex>
#include <thread>

#include <fmt/format.h>

#include "app/web_wiring.h"
#include "core/token.h"
#include "fieldwork/outbox_worker.h"
#include "fieldwork/sender_lock.h"
#include "forms/form_file.h"
#include "publish/release.h"
#include "core/files.h"
#include "tests/support/example_app.h"
#include "tests/support/http_client.h"
#include "tests/support/smtp_server.h"
#include "tests/support/temp_dir.h"
#include "web/admin_app.h"
#include "web/http_server.h"
#include "web/web_app.h"

namespace kartla {
namespace {

using testing::CsrfOf;
using testing::HttpClient;
using testing::HttpReply;

constexpr char kRound[] = "digimapping-2025";
constexpr char kPassword[] = "a-long-password";

using testing::Has;

class AdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app_ = testing::OpenExampleApp(dir_.path(), clock_);
    for (auto [name, role, org] :
         {std::tuple{"admin", accounts::Role::kAdministrator, ""},
          std::tuple{"analyst", accounts::Role::kAnalyst, ""},
          std::tuple{"coord-a", accounts::Role::kCoordinator, "091"},
          std::tuple{"coord-b", accounts::Role::kCoordinator, "049"}}) {
      auto added = app_->accounts().AddUser({name, kPassword, role, org, Lang::kEn}, "test");
      ASSERT_TRUE(added.ok()) << added.status().ToString();
    }
  }

  // `mail_transport`, if given, is the mail server test mails and
  // password links go to at once.
  void Serve(std::function<void()> mail_queued = nullptr,
             std::function<std::unique_ptr<fieldwork::MailTransport>()> mail_transport = nullptr) {
    web::WebServices services = WebServicesOf(*app_);
    admin_ = std::make_unique<web::AdminServices>(AdminServicesOf(*app_, std::move(mail_queued)));
    if (mail_transport) admin_->mail_transport = std::move(mail_transport);
    web::ServerOptions options;
    options.port = 0;
    auto server =
        web::StartHttpServer(options, web::MakeWebHandler(services, {}, admin_.get()));
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
  }

  HttpReply SignIn(HttpClient& client, const std::string& name,
                   const std::string& password = kPassword) {
    std::string csrf = CsrfOf(client.Get("/admin/login?lang=en").body);
    return client.Post("/admin/login",
                       "csrf=" + csrf + "&name=" + name + "&password=" + password);
  }

  // The path of an invitation's mailed link.
  std::string LinkOf(const fieldwork::Invitation& invitation) {
    std::string link = app_->mailing().LinkOf(invitation);
    return link.substr(link.find("/r/"));
  }

  std::optional<fieldwork::Invitation> InvitationOf(int64_t contact_id) {
    auto round = app_->storage().rounds().FindRound(kRound);
    for (const auto& invitation : app_->invitations().ListForRound(round->id)) {
      if (invitation.contact_id == contact_id) return invitation;
    }
    return std::nullopt;
  }

  testing::TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<App> app_;
  std::unique_ptr<web::AdminServices> admin_;
  std::unique_ptr<web::HttpServer> server_;
};

TEST_F(AdminTest, EveryRouteGivesEachKindOfVisitorExactlyWhatItShould) {
  auto contacts = app_->contacts().Import(
      "organisation,name,email,role\n"
      "091,Anna Virtanen,anna@hel.fi,ict_management\n"
      "091,Aaro Aalto,aaro@hel.fi,ict_management\n"
      "049,Erik Esbo,erik@espoo.fi,ict_management\n",
      "contacts.csv");
  ASSERT_TRUE(contacts.ok()) << contacts.status().ToString();
  ASSERT_TRUE(app_->mailing().InviteContacts(kRound, "ict_management", {}).ok());
  auto extra = app_->contacts().Import(
      "organisation,name,email,role\n049,Eeva Esbo,eeva@espoo.fi,ict_management\n",
      "more.csv");
  ASSERT_TRUE(extra.ok());
  const int64_t anna = (*contacts)[0].id, aaro = (*contacts)[1].id,
                erik = (*contacts)[2].id, eeva = (*extra)[0].id;
  Serve();
  const int port = server_->port();

  enum Who { kAnonymous, kRespondentA, kRespondentB, kCoordinatorA, kCoordinatorB,
             kAnalyst, kAdministrator, kWhoCount };
  const char* names[kWhoCount] = {"anonymous",     "respondent A", "respondent B",
                                  "coordinator A", "coordinator B", "analyst",
                                  "administrator"};
  std::vector<HttpClient> clients(kWhoCount, HttpClient(port));
  ASSERT_EQ(clients[kRespondentA].Get(LinkOf(*InvitationOf(anna))).status, 303);
  ASSERT_EQ(clients[kRespondentB].Get(LinkOf(*InvitationOf(erik))).status, 303);
  ASSERT_EQ(SignIn(clients[kCoordinatorA], "coord-a").status, 303);
  ASSERT_EQ(SignIn(clients[kCoordinatorB], "coord-b").status, 303);
  ASSERT_EQ(SignIn(clients[kAnalyst], "analyst").status, 303);
  ASSERT_EQ(SignIn(clients[kAdministrator], "admin").status, 303);
  std::vector<std::string> csrf(kWhoCount);
  for (int who : {kCoordinatorA, kCoordinatorB, kAnalyst, kAdministrator}) {
    csrf[who] = CsrfOf(clients[who].Get("/admin").body);
    ASSERT_FALSE(csrf[who].empty()) << names[who];
  }
  for (int who : {kRespondentA, kRespondentB}) {
    std::string page = clients[who].Get(clients[who].Get("/q").Header("location")).body;
    csrf[who] = CsrfOf(page);  // the respondent's own token, for their forms
  }

  // What each visitor gets, in the order above. 0: sent to sign in.
  constexpr int kSignIn = 0;
  struct Case {
    std::string method;
    std::string target;
    std::string body;  // for POST; the visitor's csrf is added
    std::array<int, kWhoCount> expected;
  };
  std::string contact_a = "/admin/contacts/" + std::to_string(anna);
  std::string edit = "name=Anna+Virtanen&email=anna%40hel.fi&role=ict_management&language=fi";
  std::string round = std::string("/admin/rounds/") + kRound;
  std::string forward = "/admin/invitations/" + std::to_string(InvitationOf(erik)->id);
  std::string revoke = "/admin/invitations/" + std::to_string(InvitationOf(aaro)->id);
  std::vector<Case> cases = {
      {"GET", "/admin", "", {kSignIn, kSignIn, kSignIn, 200, 200, 200, 200}},
      {"GET", round + "/monitor", "", {kSignIn, kSignIn, kSignIn, 403, 403, 200, 200}},
      {"GET", round + "/unanswered.csv", "", {kSignIn, kSignIn, kSignIn, 403, 403, 200, 200}},
      {"GET", std::string("/api/v1/rounds/") + kRound + "/monitor", "",
       {403, 403, 403, 403, 403, 200, 200}},
      {"GET", "/admin/contacts", "", {kSignIn, kSignIn, kSignIn, 200, 200, 403, 200}},
      {"GET", contact_a, "", {kSignIn, kSignIn, kSignIn, 200, 404, 403, 200}},
      {"POST", contact_a, edit, {403, 403, 403, 303, 404, 403, 303}},
      // Coordinator B may not add Helsinki's people: refused with the row.
      {"POST", "/admin/contacts",
       "csv=organisation%2Cname%2Cemail%2Crole%0A091%2CUusi%2Cuusi%40hel.fi%2Cict_management",
       {403, 403, 403, 303, 422, 403, 422}},
      {"GET", "/admin/contacts.csv", "", {kSignIn, kSignIn, kSignIn, 200, 200, 403, 200}},
      {"GET", "/admin/contacts?q=anna&role=ict_management&page=2", "",
       {kSignIn, kSignIn, kSignIn, 200, 200, 403, 200}},
      // A coordinator's one contact goes to their own organisation, whatever
      // the form says; the administrator's is then a duplicate of A's.
      {"POST", "/admin/contacts/add",
       "organisation=091&name=Yksi&email=yksi%40hel.fi&role=chief_executives",
       {403, 403, 403, 303, 303, 403, 422}},
      // An invited contact is kept.
      {"POST", contact_a + "/delete", "confirm=yes", {403, 403, 403, 409, 404, 403, 409}},
      {"GET", round + "/invitations", "", {kSignIn, kSignIn, kSignIn, 200, 200, 403, 200}},
      {"GET", round + "/benchmark", "", {kSignIn, kSignIn, kSignIn, 200, 200, 403, 200}},
      {"POST", round + "/remind", "step=preview", {403, 403, 403, 403, 403, 403, 200}},
      {"POST", round + "/schedule", "day=2099-01-01", {403, 403, 403, 403, 403, 403, 303}},
      {"POST", round + "/invite", "target_group=chief_executives",
       {403, 403, 403, 403, 403, 403, 200}},
      {"POST", round + "/invite", "target_group=chief_executives&step=send",
       {403, 403, 403, 403, 403, 403, 303}},
      {"POST", round + "/invite", "target_group=nobody", {403, 403, 403, 403, 403, 403, 404}},
      {"GET", round + "/mail", "", {kSignIn, kSignIn, kSignIn, 403, 403, 403, 200}},
      {"GET", round + "/mail?kind=thanks&message_lang=sv&group=ict_management&org=049", "",
       {kSignIn, kSignIn, kSignIn, 403, 403, 403, 200}},
      {"GET", round + "/mail.eml?kind=reminder&group=ict_management", "",
       {kSignIn, kSignIn, kSignIn, 403, 403, 403, 200}},
      {"POST", round + "/mail", "kind=invitation&message_lang=fi&group=ict_management&subject=%7Bkunta%7D&body=x",
       {403, 403, 403, 403, 403, 403, 422}},
      {"POST", round + "/mail", "kind=invitation&message_lang=fi&subject=S&body=B",
       {403, 403, 403, 403, 403, 403, 303}},
      {"POST", round + "/mail/reset", "kind=reminder&message_lang=sv", {403, 403, 403, 403, 403, 403, 404}},
      {"POST", round + "/mail/test", "kind=invitation&message_lang=fi&group=ict_management&address=nope",
       {403, 403, 403, 403, 403, 403, 422}},
      {"GET", "/admin/users", "", {kSignIn, kSignIn, kSignIn, 403, 403, 403, 200}},
      {"POST", "/admin/users", "name=new.analyst&password=another-long-one&role=analyst",
       {403, 403, 403, 403, 403, 403, 303}},
      {"POST", "/admin/users/role", "name=new.analyst&role=coordinator&organisation=049",
       {403, 403, 403, 403, 403, 403, 303}},
      {"POST", "/admin/users/email", "name=analyst&email=ana%40team.example",
       {403, 403, 403, 403, 403, 403, 303}},
      // No mail server in this test: the link cannot be mailed, and says so.
      {"POST", "/admin/users/password-link", "name=analyst", {403, 403, 403, 403, 403, 403, 502}},
      {"GET", "/admin/password/not-a-link", "", {404, 404, 404, 404, 404, 404, 404}},
      {"GET", "/admin/audit", "", {kSignIn, kSignIn, kSignIn, 403, 403, 403, 200}},
      {"GET", "/admin/audit.csv", "", {kSignIn, kSignIn, kSignIn, 403, 403, 403, 200}},
      // The end of personal data: a round's day (not before its last stage
      // closes), a person erased on request (confirmed first).
      {"POST", round + "/retention", "erase_on=2020-01-01", {403, 403, 403, 403, 403, 403, 422}},
      {"POST", round + "/retention", "erase_on=someday", {403, 403, 403, 403, 403, 403, 422}},
      {"POST", round + "/retention", "erase_on=2099-01-01", {403, 403, 403, 403, 403, 403, 303}},
      {"POST", round + "/retention", "erase_on=", {403, 403, 403, 403, 403, 403, 303}},
      {"POST", contact_a + "/erase", "", {403, 403, 403, 403, 403, 403, 422}},
      {"GET", "/admin/registry", "", {kSignIn, kSignIn, kSignIn, 403, 403, 200, 200}},
      {"POST", "/admin/registry", "code=J02&kind=other&name_fi=Muu",
       {403, 403, 403, 403, 403, 403, 303}},
      {"GET", "/admin/forms", "", {kSignIn, kSignIn, kSignIn, 403, 403, 200, 200}},
      {"POST", "/admin/forms", "", {403, 403, 403, 403, 403, 403, 422}},  // no file
      {"GET", "/admin/rounds", "", {kSignIn, kSignIn, kSignIn, 403, 403, 200, 200}},
      {"POST", "/admin/rounds", "code=matrix-2026", {403, 403, 403, 403, 403, 403, 303}},
      {"GET", round, "", {kSignIn, kSignIn, kSignIn, 403, 403, 200, 200}},
      {"GET", round + "/responses?group=ict_management&format=csv", "",
       {kSignIn, kSignIn, kSignIn, 403, 403, 200, 200}},
      {"GET", round + "/responses?group=ict_management&format=sav&identify=1", "",
       {kSignIn, kSignIn, kSignIn, 403, 403, 403, 200}},
      {"GET", round + "/responses?group=nobody&format=csv", "",
       {kSignIn, kSignIn, kSignIn, 403, 403, 404, 404}},
      {"GET", round + "/responses?group=ict_management&format=pdf", "",
       {kSignIn, kSignIn, kSignIn, 403, 403, 404, 404}},
      {"POST", "/admin/rounds/matrix-2026/questionnaires",
       "form=ict-management&target_group=ict_management", {403, 403, 403, 403, 403, 403, 303}},
      {"POST", "/admin/rounds/matrix-2026/stages", "csv=", {403, 403, 403, 403, 403, 403, 422}},
      {"POST", "/admin/rounds/matrix-2026/stages/form", "number_1=1&name_1=A&sections_1=99",
       {403, 403, 403, 403, 403, 403, 422}},
      {"GET", "/q", "", {403, 303, 303, 403, 403, 403, 403}},
      {"GET", "/q/answers.csv", "", {403, 200, 200, 403, 403, 403, 403}},
      {"GET", "/q/page/1", "", {403, 200, 200, 403, 403, 403, 403}},
      {"GET", "/q/review", "", {403, 200, 200, 403, 403, 403, 403}},
      // Respondents who hold their organisation's response are sent on.
      {"GET", "/q/colleague", "", {403, 303, 303, 403, 403, 403, 403}},
      {"POST", "/q/takeover", "", {403, 303, 303, 403, 403, 403, 403}},
      {"GET", "/q/handover", "", {403, 303, 303, 403, 403, 403, 403}},
      {"POST", "/q/handover", "decision=decline", {403, 303, 303, 403, 403, 403, 403}},
      // A questionnaire as its respondents read it.
      {"GET", round + "/questionnaires/ict_management/preview", "",
       {kSignIn, kSignIn, kSignIn, 403, 403, 200, 200}},
      {"GET", round + "/questionnaires/nobody/preview", "",
       {kSignIn, kSignIn, kSignIn, 403, 403, 404, 404}},
      // The release page: the survey team's (administrators, analysts).
      {"GET", round + "/release", "", {kSignIn, kSignIn, kSignIn, 403, 403, 200, 200}},
      {"GET", round + "/release/results.toml", "", {kSignIn, kSignIn, kSignIn, 403, 403, 404, 404}},
      {"POST", round + "/release/settings", "settings=%5Bdisclosure%5D%0Ak+%3D+0",
       {403, 403, 403, 403, 403, 422, 422}},
      {"POST", round + "/release/preview", "stage=99", {403, 403, 403, 403, 403, 404, 404}},
      {"GET", round + "/release/preview/index.html", "",
       {kSignIn, kSignIn, kSignIn, 403, 403, 404, 404}},
      {"POST", round + "/release/publish", "stage=1&version=1",
       {403, 403, 403, 403, 403, 409, 409}},
      // Test links: administrators only.
      {"POST", round + "/questionnaires/nobody/test", "organisation=091&language=fi",
       {403, 403, 403, 403, 403, 403, 404}},
      {"POST", round + "/test-links/delete", "", {403, 403, 403, 403, 403, 403, 303}},
      {"GET", round + "/outbox", "", {kSignIn, kSignIn, kSignIn, 403, 403, 403, 200}},
      {"POST", round + "/outbox/999999/retry", "", {403, 403, 403, 403, 403, 403, 404}},
      // One organisation's answers: administrators only (none given yet).
      {"GET", revoke + "/response", "", {kSignIn, kSignIn, kSignIn, 403, 403, 403, 200}},
      {"POST", revoke + "/response/reopen", "", {403, 403, 403, 403, 403, 403, 409}},
      // Changes that close the way for others come last.
      {"POST", revoke + "/revoke", "", {403, 403, 403, 303, 404, 403, 303}},
      {"POST", forward + "/forward", "contact=" + std::to_string(eeva),
       {403, 403, 403, 404, 303, 403, 303}},
  };
  for (const Case& c : cases) {
    for (int who = 0; who < kWhoCount; ++who) {
      HttpReply reply =
          c.method == "GET"
              ? clients[who].Get(c.target)
              : clients[who].Post(c.target, "csrf=" + csrf[who] + "&" + c.body);
      int expected = c.expected[who];
      std::string place = c.method + " " + c.target + " as " + names[who];
      if (expected == kSignIn) {
        EXPECT_EQ(reply.status, 303) << place;
        EXPECT_TRUE(reply.Header("location").starts_with("/admin/login?next=")) << place;
      } else if (expected == 303 && c.target.ends_with("forward") && who == kAdministrator) {
        // Passed on already by coordinator B: the old link is revoked.
        EXPECT_EQ(reply.status, 200) << place;
        EXPECT_TRUE(Has(reply.body, "withdrawn or answered")) << place;
      } else if (expected == 303 && c.target.ends_with("revoke") && who == kAdministrator) {
        EXPECT_EQ(reply.status, 303) << place;  // revoking twice changes nothing
      } else {
        EXPECT_EQ(reply.status, expected) << place << "\n" << reply.body.substr(0, 400);
      }
    }
  }

  // What the pages show is scoped too.
  std::string own = clients[kCoordinatorA].Get("/admin/contacts").body;
  EXPECT_TRUE(Has(own, "Anna Virtanen"));
  EXPECT_FALSE(Has(own, "Erik Esbo")) << "another organisation's contact";
  std::string own_csv = clients[kCoordinatorA].Get("/admin/contacts.csv").body;
  EXPECT_TRUE(Has(own_csv, "Anna Virtanen"));
  EXPECT_FALSE(Has(own_csv, "Erik Esbo")) << "another organisation's contact";
  EXPECT_FALSE(Has(clients[kCoordinatorA].Get("/admin/contacts?q=esbo").body, "Erik Esbo"));
  std::string links = clients[kCoordinatorB].Get(round + "/invitations").body;
  EXPECT_TRUE(Has(links, "Eeva Esbo"));
  EXPECT_FALSE(Has(links, "Anna Virtanen"));
  // The outbox: every message, and a failed one sent again.
  auto round_id = app_->storage().rounds().FindRound(kRound)->id;
  auto outbox = app_->storage().invitations().ListOutbox(round_id);
  ASSERT_FALSE(outbox.empty());
  app_->storage().invitations().MarkFailed(outbox.front(), clock_.Now(),
                                           "550 5.1.1 <anna@hel.fi>: no such user");
  std::string failed = clients[kAdministrator].Get(round + "/outbox?state=failed").body;
  EXPECT_TRUE(Has(failed, "Messages 1–1 of 1")) << failed;
  EXPECT_TRUE(Has(failed, "550 5.1.1 &lt;anna@hel.fi&gt;: no such user")) << failed;
  EXPECT_TRUE(Has(failed, "failed (1)"));
  HttpReply retried = clients[kAdministrator].Post(
      round + "/outbox/" + std::to_string(outbox.front().id) + "/retry",
      "csrf=" + csrf[kAdministrator]);
  ASSERT_EQ(retried.status, 303) << retried.body;
  EXPECT_TRUE(Has(clients[kAdministrator].Get(retried.Header("location")).body,
                  "The message is queued again"));
  EXPECT_TRUE(Has(clients[kAdministrator].Get(round + "/outbox?state=failed").body,
                  "No messages match the choice."));
  EXPECT_EQ(clients[kAdministrator]
                .Post(round + "/outbox/" + std::to_string(outbox.front().id) + "/retry",
                      "csrf=" + csrf[kAdministrator])
                .status,
            404)
      << "only a failed message is sent again";
  // The responses as files: pseudonyms, or codes for an administrator.
  HttpReply csv = clients[kAnalyst].Get(round + "/responses?group=ict_management&format=csv");
  EXPECT_TRUE(csv.body.starts_with("pseudonym,")) << csv.body.substr(0, 200);
  EXPECT_TRUE(Has(csv.Header("content-disposition"), "digimapping-2025.ict_management.csv"));
  HttpReply sav = clients[kAdministrator].Get(
      round + "/responses?group=ict_management&format=sav&identify=1");
  EXPECT_TRUE(sav.body.starts_with("$FL2")) << sav.body.substr(0, 8);
  EXPECT_EQ(sav.Header("content-type"), "application/x-spss-sav");
  HttpReply xlsx = clients[kAnalyst].Get(round + "/responses?group=chief_executives&format=xlsx");
  EXPECT_TRUE(xlsx.body.starts_with("PK")) << xlsx.status;
  HttpReply named = clients[kAdministrator].Get(
      round + "/responses?group=ict_management&format=csv&identify=1");
  EXPECT_TRUE(named.body.starts_with("organisation,")) << named.body.substr(0, 200);
  EXPECT_TRUE(Has(clients[kAnalyst].Get(round).body, "/responses\""))
      << "the round page offers the download";
  // A form without the visitor's own CSRF token is refused.
  EXPECT_EQ(clients[kAdministrator].Post(contact_a, edit).status, 403);
  EXPECT_EQ(clients[kAdministrator].Post(contact_a, "csrf=" + csrf[kAnalyst] + "&" + edit).status,
            403);
  // Respondent B's link was passed on to Eeva: it no longer opens anything.
  EXPECT_EQ(clients[kRespondentB].Get("/q").status, 403);
  // Every change is in the audit log.
  std::string audit = clients[kAdministrator].Get("/admin/audit").body;
  for (const char* action : {"session.sign_in", "contact.edit", "contact.add", "contacts.export",
                             "invitations.send", "microdata.export", "microdata.identified",
                             "mail.retry",
                             "invitation.forward", "invitation.revoke", "user.add"}) {
    EXPECT_TRUE(Has(audit, action)) << action;
  }
  // Signing out ends the session.
  HttpReply out = clients[kAnalyst].Post("/admin/logout", "csrf=" + csrf[kAnalyst]);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(clients[kAnalyst].Get("/admin").status, 303);
}

// A national round's contacts: four people in each of 308 organisations
// (1,232), found by a search that ignores case and reads organisations'
// names, a page of 50 at a time, downloaded as the search found them, and
// added or deleted one at a time.
TEST_F(AdminTest, ContactsOfANationalRoundAreSearchedPagedExportedAddedAndDeleted) {
  auto registry = app_->registry().Latest();
  ASSERT_TRUE(registry.ok());
  std::string csv = "organisation,name,email,role\n";
  int rows = 0;
  const char* roles[4] = {"chief_executives", "sector_management", "administration_management",
                          "ict_management"};
  for (const Organisation& organisation : registry->organisations()) {
    if (rows == 1232) break;
    for (int r = 0; r < 4 && rows < 1232; ++r, ++rows) {
      csv += fmt::format("{},Henkilö {} Ärrä,p{}@kunta{}.example,{}\n", organisation.code, rows,
                         rows, organisation.code, roles[r]);
    }
  }
  ASSERT_EQ(rows, 1232) << "the example registry has fewer than 308 organisations";
  ASSERT_TRUE(app_->contacts().Import(csv, "national.csv").ok());
  Serve();
  HttpClient admin(server_->port());
  ASSERT_EQ(SignIn(admin, "admin").status, 303);

  // The first page: 50 rows of 1,232, the organisation by name, the target
  // group in words, and a link on to the next page.
  HttpReply first = admin.Get("/admin/contacts");
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(Has(first.body, "All contacts (1,232)")) << first.body.substr(0, 2000);
  EXPECT_TRUE(Has(first.body, "Showing 1–50 of 1,232 found"));
  EXPECT_TRUE(Has(first.body, "Page 1 of 25"));
  EXPECT_TRUE(Has(first.body, "href=\"/admin/contacts?page=2\""));
  EXPECT_TRUE(Has(first.body, "ICT management"));
  EXPECT_FALSE(Has(first.body, ">ict_management<"));
  auto count_rows = [](const std::string& page) {
    size_t n = 0;
    for (size_t at = page.find("<th scope=\"row\">"); at != std::string::npos;
         at = page.find("<th scope=\"row\">", at + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_EQ(count_rows(first.body), 50u);
  // Past the last page: the last (1,232 = 24 × 50 + 32).
  HttpReply last = admin.Get("/admin/contacts?page=999");
  EXPECT_EQ(count_rows(last.body), 32u);
  EXPECT_TRUE(Has(last.body, "Showing 1,201–1,232 of 1,232 found"));
  EXPECT_TRUE(Has(last.body, "rel=\"prev\""));
  EXPECT_FALSE(Has(last.body, "rel=\"next\""));

  // A search ignores case, Finnish letters included, and finds an
  // organisation by its name; the role narrows it.
  const Organisation& second = registry->organisations()[1];
  std::string by_name = admin.Get("/admin/contacts?q=" + web::UrlEncode(AsciiUpper(
                                      second.name.Get(Lang::kFi)))).body;
  EXPECT_TRUE(Has(by_name, "Showing 1–4 of 4 found")) << second.name.Get(Lang::kFi);
  EXPECT_TRUE(Has(admin.Get("/admin/contacts?q=%C3%A4RR%C3%84+HENKIL%C3%96+1231").body,
                  "Showing 1–1 of 1 found"))
      << "'äRRÄ HENKILÖ 1231' finds 'Henkilö 1231 Ärrä', the only one with all three";
  EXPECT_TRUE(Has(admin.Get("/admin/contacts?q=%C3%A4RR%C3%84").body, "of 1,232 found"));
  std::string executives = admin.Get("/admin/contacts?role=chief_executives&q=" +
                                     second.code).body;
  EXPECT_TRUE(Has(executives, "Showing 1–1 of 1 found"));
  EXPECT_TRUE(Has(admin.Get("/admin/contacts?q=nobody-by-this-name").body,
                  "No contacts match the search"));

  // The download holds what the search found, every page of it, in the
  // columns an import reads.
  HttpReply all = admin.Get("/admin/contacts.csv");
  EXPECT_EQ(all.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(std::count(all.body.begin(), all.body.end(), '\n'), 1233);
  HttpReply found = admin.Get("/admin/contacts.csv?role=ict_management");
  EXPECT_EQ(std::count(found.body.begin(), found.body.end(), '\n'), 1 + 308);
  EXPECT_TRUE(found.body.starts_with("\"organisation\",\"name\",\"email\",\"role\""))
      << found.body.substr(0, 200);

  // One contact added through the form; a faulty one refused with every
  // problem named and what was typed kept.
  const std::string csrf = CsrfOf(first.body);
  HttpReply refused = admin.Post("/admin/contacts/add",
                                 "csrf=" + csrf + "&organisation=ZZZ&name=Uusi+Ihminen"
                                 "&email=not-an-address&role=ict_management");
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Has(refused.body, "there is no organisation")) << refused.body;
  EXPECT_TRUE(Has(refused.body, "is not an email address"));
  EXPECT_TRUE(Has(refused.body, "value=\"Uusi Ihminen\""));
  HttpReply refused_sv = admin.Post("/admin/contacts/add?lang=sv",
                                    "csrf=" + csrf + "&organisation=ZZZ&name=Uusi+Ihminen"
                                    "&email=not-an-address&role=ict_management");
  EXPECT_TRUE(Has(refused_sv.body, "kolumnen &quot;organisation&quot;: det finns ingen "
                                   "organisation &quot;ZZZ&quot; i registret; kolumnen "
                                   "&quot;email&quot;: &quot;not-an-address&quot; är inte en "
                                   "e-postadress"))
      << refused_sv.body.substr(refused_sv.body.find("<main"), 2000);
  admin.Get("/admin?lang=en");
  HttpReply added = admin.Post("/admin/contacts/add",
                               "csrf=" + csrf + "&organisation=" + second.code +
                                   "&name=Uusi+Ihminen&email=uusi%40kunta.example"
                                   "&role=ict_management&language=sv");
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_TRUE(Has(admin.Get(added.Header("location")).body, "Contact added to " + second.code));
  auto contacts = app_->contacts().List(second.code);
  auto newcomer = std::find_if(contacts.begin(), contacts.end(),
                               [](const fieldwork::Contact& c) { return c.name == "Uusi Ihminen"; });
  ASSERT_NE(newcomer, contacts.end());
  EXPECT_EQ(newcomer->language, Lang::kSv);

  // Deleted once confirmed (nobody invited them).
  const std::string target = "/admin/contacts/" + std::to_string(newcomer->id);
  EXPECT_EQ(admin.Post(target + "/delete", "csrf=" + csrf).status, 422) << "not confirmed";
  HttpReply deleted = admin.Post(target + "/delete", "csrf=" + csrf + "&confirm=yes");
  EXPECT_EQ(deleted.status, 303);
  EXPECT_FALSE(app_->contacts().Find(newcomer->id).has_value());
  EXPECT_EQ(admin.Get(target).status, 404);
  EXPECT_EQ(app_->contacts().List(std::nullopt).size(), 1232u);
}

TEST_F(AdminTest, SetsUpARoundThroughThePages) {
  Serve();
  HttpClient admin(server_->port());
  ASSERT_EQ(SignIn(admin, "admin").status, 303);
  std::string csrf = CsrfOf(admin.Get("/admin").body);
  const std::string forms_dir = std::string(KARTLA_SOURCE_DIR) + "/data/forms/digimapping-2025/";
  auto form_file = [&](const std::string& name, std::string bytes = "") {
    if (bytes.empty()) bytes = testing::ReadFileBytes(forms_dir + name);
    return HttpClient::FilePart{"form", name, bytes};
  };

  // A broken form: every problem inline with its place, nothing stored.
  size_t forms_before = app_->forms().List().size();
  HttpReply broken = admin.PostMultipart(
      "/admin/forms", {{"csrf", csrf}},
      {HttpClient::FilePart{"form", "bad-name.survey.csv",
        testing::ReadFileBytes(std::string(KARTLA_SOURCE_DIR) +
                               "/tests/forms/broken/bad-name.survey.csv")}});
  EXPECT_EQ(broken.status, 422);
  EXPECT_TRUE(Has(broken.body, "bad-name.survey.csv:survey:") ||
              Has(broken.body, "bad-name.survey.csv:"))
      << broken.body;
  EXPECT_TRUE(Has(broken.body, "was not imported"));
  EXPECT_EQ(app_->forms().List().size(), forms_before);
  // The form's check in the page's language, its places kept.
  auto broken_form = [&](const std::string& name, const std::string& lang) {
    return admin.PostMultipart(
        "/admin/forms?lang=" + lang, {{"csrf", csrf}},
        {HttpClient::FilePart{"form", name,
                              testing::ReadFileBytes(std::string(KARTLA_SOURCE_DIR) +
                                                     "/tests/forms/broken/" + name)}});
  };
  HttpReply in_finnish = broken_form("syntax-error.survey.csv", "fi");
  EXPECT_EQ(in_finnish.status, 422);
  EXPECT_TRUE(Has(in_finnish.body, "syntax-error.survey.csv:3:4"));
  EXPECT_TRUE(Has(in_finnish.body, "merkin 7 kohdalla: odotettiin arvoa, mutta lauseke päättyy"))
      << in_finnish.body;
  HttpReply in_swedish = broken_form("bad-name.survey.csv", "sv");
  EXPECT_TRUE(Has(in_swedish.body, "bad-name.survey.csv:2:2"));
  EXPECT_TRUE(Has(in_swedish.body, "får bara ha bokstäver, siffror")) << in_swedish.body;
  EXPECT_FALSE(Has(in_swedish.body, "may only have letters"));
  admin.Get("/admin/forms?lang=en");  // the language chosen sticks
  EXPECT_EQ(app_->forms().List().size(), forms_before);

  // The ICT management form with one label changed: a new version.
  std::string survey = testing::ReadFileBytes(forms_dir + "ict-management.survey.csv");
  size_t at = survey.find("Työasematuki");
  ASSERT_NE(at, std::string::npos);
  survey.replace(at, std::string("Työasematuki").size(), "Työasemien tuki");
  HttpReply uploaded = admin.PostMultipart(
      "/admin/forms", {{"csrf", csrf}},
      {form_file("ict-management.survey.csv", survey),
       form_file("ict-management.choices.csv"), form_file("ict-management.settings.csv")});
  EXPECT_EQ(uploaded.status, 201) << uploaded.body.substr(0, 3000);
  EXPECT_TRUE(Has(uploaded.body, "Form ict-management imported as version 2")) << uploaded.body.substr(1200, 1500);
  EXPECT_EQ(app_->forms().Versions("ict-management").size(), 2u);
  // An .xlsx workbook of the same content is recognised as such.
  auto stored = app_->forms().Load("ict-management", std::nullopt);
  ASSERT_TRUE(stored.ok());
  ASSERT_TRUE(forms::WriteFormXlsx(stored->form, dir_.File("ict.xlsx")).ok());
  HttpReply xlsx = admin.PostMultipart(
      "/admin/forms", {{"csrf", csrf}},
      {HttpClient::FilePart{"form", "ict.xlsx", testing::ReadFileBytes(dir_.File("ict.xlsx"))}});
  EXPECT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 3000);
  EXPECT_TRUE(Has(xlsx.body, "with the same content already (version 2)"));
  std::string forms_page = admin.Get("/admin/forms").body;
  EXPECT_TRUE(Has(forms_page, "ict-management.survey.csv"));

  // A round: created, a questionnaire addressed, stages refused then set.
  HttpReply created = admin.Post(
      "/admin/rounds", "csrf=" + csrf + "&code=pilot-2026&year=2026&title_en=Pilot+2026");
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  EXPECT_EQ(created.Header("location"), "/admin/rounds/pilot-2026?notice=round_created&n=pilot-2026");
  HttpReply taken = admin.Post("/admin/rounds", "csrf=" + csrf + "&code=pilot-2026");
  EXPECT_EQ(taken.status, 422);
  EXPECT_TRUE(Has(taken.body, "round pilot-2026 exists already"));
  taken = admin.Post("/admin/rounds?lang=fi", "csrf=" + csrf + "&code=pilot-2026");
  EXPECT_TRUE(Has(taken.body, "Kierros pilot-2026 on jo olemassa") ||
              Has(taken.body, "kierros pilot-2026 on jo olemassa"))
      << taken.body;
  taken = admin.Post("/admin/rounds?lang=sv", "csrf=" + csrf + "&code=Pilot+2026");
  EXPECT_TRUE(Has(taken.body, "omgångens kod &quot;Pilot 2026&quot; får bara ha små bokstäver"))
      << taken.body;
  admin.Get("/admin/rounds?lang=en");
  EXPECT_EQ(admin.Post("/admin/rounds/pilot-2026/questionnaires",
                       "csrf=" + csrf + "&form=ict-management&target_group=ict_management")
                .status,
            303);
  std::string bad_stages =
      "stage,name,sections,opens,closes,publishes\n1,Kaikki,1 2 3,2026-03-01,2026-02-01,"
      "2026-04-01\n";
  HttpReply refused = admin.PostMultipart("/admin/rounds/pilot-2026/stages", {{"csrf", csrf}},
                                          {HttpClient::FilePart{"file", "stages.csv", bad_stages}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Has(refused.body, "stages.csv:2")) << refused.body.substr(0, 3000);
  auto round = app_->rounds().Show("pilot-2026");
  ASSERT_TRUE(round.ok());
  EXPECT_TRUE(round->stages.empty());
  std::string sections = round->questionnaires.at(0).form.sections;
  std::string stages_csv = "stage,name,sections,opens,closes,publishes\n1,Kaikki," + sections +
                           ",2026-03-01,2026-04-01,2026-05-01\n";
  HttpReply staged = admin.PostMultipart("/admin/rounds/pilot-2026/stages",
                                         {{"csrf", csrf}, {"csv", stages_csv}}, {});
  EXPECT_EQ(staged.status, 303) << staged.body.substr(0, 3000);
  std::string page = admin.Get("/admin/rounds/pilot-2026").body;
  EXPECT_TRUE(Has(page, "ICT management"));
  EXPECT_TRUE(Has(page, "2026-04-01"));

  // The stages edited in the form: the one stage's row filled in, and a
  // second stage in the empty row. A mistake is named by its row and field,
  // what was typed stays, and nothing changes.
  EXPECT_TRUE(Has(page, "name=\"name_1\" type=\"text\" lang=\"fi\" value=\"Kaikki\"")) << "the stage's row";
  EXPECT_TRUE(Has(page, "name=\"number_2\" type=\"text\" inputmode=\"numeric\" class=\"width-2\" value=\"2\""))
      << "an empty row for a new stage";
  const std::string first_sections = sections.substr(0, sections.find(' '));
  const std::string rest = sections.substr(sections.find(' ') + 1);
  const std::string two_stages =
      "csrf=" + csrf + "&number_1=1&name_1=Johto&sections_1=" + web::UrlEncode(first_sections) +
      "&opens_1=2026-03-01&closes_1=2026-04-01&publishes_1=2026-05-01"
      "&number_2=2&name_2=Palvelut&name_sv_2=Tj%C3%A4nster&name_en_2=Services&sections_2=" +
      web::UrlEncode(rest) +
      "&opens_2=2026-04-02&closes_2=2026-03-01&publishes_2=2026-06-01&number_3=3";
  HttpReply wrong = admin.Post("/admin/rounds/pilot-2026/stages/form", two_stages);
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(Has(wrong.body, "Row 2, Closes: the stage closes (2026-03-01) before it opens"))
      << wrong.body.substr(wrong.body.find("<main"), 3000);
  EXPECT_TRUE(Has(wrong.body, "value=\"Palvelut\"")) << "what was typed stays";
  // On a Finnish page the same refusal is Finnish, its place kept.
  HttpReply finnish = admin.Post("/admin/rounds/pilot-2026/stages/form?lang=fi", two_stages);
  EXPECT_TRUE(Has(finnish.body, "Rivi 2, Sulkeutuu: vaihe päättyy (2026-03-01) ennen kuin se "
                                "alkaa (2026-04-02)"))
      << finnish.body.substr(finnish.body.find("<main"), 3000);
  HttpReply csv_fi = admin.Post(
      "/admin/rounds/pilot-2026/stages?lang=fi",
      "csrf=" + csrf + "&csv=" +
          web::UrlEncode("stage,name,sections,opens,closes,publishes\n1,A," + first_sections +
                         ",2026-13-01,2026-04-01,2026-05-01\n"));
  EXPECT_TRUE(Has(csv_fi.body, "stages.csv: ongelmia 1; mitään ei muutettu.")) << csv_fi.body;
  EXPECT_TRUE(Has(csv_fi.body, "stages.csv:2:4: virhe: &quot;2026-13-01&quot; ei ole "
                               "päivämäärä (VVVV-KK-PP)"))
      << csv_fi.body.substr(csv_fi.body.find("<main"), 3000);
  // So is a CSV that cannot be read at all, in Swedish.
  HttpReply csv_sv = admin.Post(
      "/admin/rounds/pilot-2026/stages?lang=sv",
      "csrf=" + csrf + "&csv=" +
          web::UrlEncode("stage,name,sections,opens,closes,publishes\n1,\"A," + first_sections +
                         ",2026-03-01,2026-04-01,2026-05-01\n"));
  EXPECT_TRUE(Has(csv_sv.body, "stages.csv:2: fel: ett fält inom citattecken börjar här och "
                               "stängs aldrig med &quot;"))
      << csv_sv.body.substr(csv_sv.body.find("<main"), 3000);
  admin.Get("/admin?lang=en");
  EXPECT_EQ(app_->rounds().Show("pilot-2026")->stages.size(), 1u);
  std::string right = two_stages;
  right.replace(right.find("closes_2=2026-03-01"), 19, "closes_2=2026-05-15");
  HttpReply saved = admin.Post("/admin/rounds/pilot-2026/stages/form", right);
  EXPECT_EQ(saved.status, 303) << saved.body.substr(0, 3000);
  auto two = app_->rounds().Show("pilot-2026");
  ASSERT_EQ(two->stages.size(), 2u);
  // Named in each language; the first stage's Finnish name stands for all.
  EXPECT_EQ(two->stages[1].name.Get(Lang::kFi), "Palvelut");
  EXPECT_EQ(two->stages[1].name.Get(Lang::kSv), "Tjänster");
  EXPECT_EQ(two->stages[1].name.Get(Lang::kEn), "Services");
  EXPECT_EQ(two->stages[0].name.Get(Lang::kSv), "Johto");
  EXPECT_TRUE(Has(admin.Get("/admin/rounds/pilot-2026?lang=sv").body, "value=\"Tjänster\""));
  admin.Get("/admin?lang=en");
  EXPECT_EQ(two->stages[1].closes, Date(2026, 5, 15));

  // The registry: searched, and an organisation added as a new version.
  std::string found = admin.Get("/admin/registry?q=m%C3%A4ntyharju").body;
  EXPECT_TRUE(Has(found, "Showing 1 of 308 organisations")) << found.substr(0, 3000);
  std::string aland = admin.Get("/admin/registry?category=region%3A21").body;
  EXPECT_TRUE(Has(aland, "Showing 16 of 308")) << "Åland's municipalities";
  HttpReply exists = admin.Post("/admin/registry", "csrf=" + csrf + "&code=091&kind=municipality&name_fi=X");
  EXPECT_EQ(exists.status, 409);
  HttpReply bad = admin.Post("/admin/registry", "csrf=" + csrf +
                                                    "&code=J01&kind=joint-authority"
                                                    "&name_fi=Kuntayhtym%C3%A4&population=many");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad.body, "population")) << bad.body.substr(0, 3000);
  HttpReply bad_fi = admin.Post("/admin/registry?lang=fi",
                                "csrf=" + csrf +
                                    "&code=J01&kind=joint-authority"
                                    "&name_fi=Kuntayhtym%C3%A4&population=many");
  EXPECT_TRUE(Has(bad_fi.body, "sarake &quot;population&quot;: &quot;many&quot; ei ole "
                               "kokonaisluku"))
      << bad_fi.body.substr(bad_fi.body.find("<main"), 3000);
  admin.Get("/admin?lang=en");
  HttpReply added = admin.Post(
      "/admin/registry", "csrf=" + csrf +
                             "&code=J01&kind=joint-authority&name_fi=Kuntayhtym%C3%A4"
                             "&name_sv=Samkommun&name_en=Joint+authority&region_code=14");
  EXPECT_EQ(added.status, 303) << added.body.substr(0, 3000);
  auto latest = app_->registry().Latest();
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->organisations().size(), 309u);
  ASSERT_NE(latest->Find("J01"), nullptr);
  EXPECT_EQ(latest->Find("J01")->TextAttribute("region_fi"), "Etelä-Pohjanmaa");
  std::string audit = admin.Get("/admin/audit").body;
  for (const char* action : {"form.import", "round.create", "round.questionnaire",
                             "round.stages", "registry.add"}) {
    EXPECT_TRUE(Has(audit, action)) << action;
  }
}

// Reminders planned for a day go out that day, once, to those who have not
// answered by then; a planned day cannot be in the past.
TEST(ScheduledRemindersTest, GoOnTheirDayOnceToThoseWhoHaveNotAnswered) {
  testing::TempDir dir;
  FakeClock clock(*ParseTimestamp("2025-03-10T08:00:00Z"));
  auto app = testing::OpenExampleApp(dir.path(), clock);
  auto contacts = app->contacts().Import(
      "organisation,name,email,role\n"
      "091,Anna,anna@hel.fi,ict_management\n049,Erik,erik@espoo.fi,ict_management\n"
      "092,Veera,veera@vantaa.fi,ict_management\n",
      "contacts.csv");
  ASSERT_TRUE(contacts.ok()) << contacts.status().ToString();
  fieldwork::Mailing& mailing = app->mailing();
  ASSERT_TRUE(mailing.InviteContacts(kRound, "ict_management", {}).ok());
  auto round = app->storage().rounds().FindRound(kRound);
  auto& store = app->storage().invitations();
  for (const auto& invitation : store.ListForRound(round->id)) {
    store.RecordStatus(invitation.id, fieldwork::InvitationStatus::kSent, clock.Now(), "");
  }
  auto reminders = [&] {
    int count = 0;
    for (const auto& entry : store.ListOutbox(round->id)) {
      count += entry.kind == fieldwork::MailKind::kReminder;
    }
    return count;
  };

  EXPECT_FALSE(mailing.ScheduleReminders(kRound, Date(2025, 3, 9), false, "admin").ok());
  EXPECT_EQ(mailing.ScheduleReminders("no-such-round", Date(2025, 3, 12), false, "admin")
                .status()
                .code(),
            ErrorCode::kNotFound);
  ASSERT_TRUE(mailing.ScheduleReminders(kRound, Date(2025, 3, 12), false, "admin").ok());
  EXPECT_EQ(mailing.RunDueReminders(), 0) << "not yet";
  // Anna answers the day before.
  clock.Advance(std::chrono::hours(24));
  int64_t anna = 0;
  for (const auto& invitation : store.ListForRound(round->id)) {
    if (invitation.organisation_code == "091") anna = invitation.id;
  }
  store.RecordStatus(anna, fieldwork::InvitationStatus::kSubmitted, clock.Now(), "");
  EXPECT_EQ(mailing.RunDueReminders(), 0);
  clock.Advance(std::chrono::hours(24));
  EXPECT_EQ(mailing.RunDueReminders(), 2) << "Erik and Veera";
  EXPECT_EQ(mailing.RunDueReminders(), 0) << "exactly once";
  EXPECT_EQ(reminders(), 2);
  auto planned = mailing.ScheduledReminders(kRound);
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_TRUE(planned[0].done_at.has_value());
  EXPECT_EQ(planned[0].reminded, 2);
}

// Personal data has an end. A round's day of erasure comes only after its
// last stage closes; on it (RunDue, which the server runs hourly) every link
// of the round stops working, its sessions end, its unsent messages stop,
// and its contacts are erased, except one a later round still needs; the
// invitations keep their organisations and states, so the round's figures
// stand. One person is erased on request, in every round.
TEST(RetentionTest, ARoundsPersonalDataEndsOnItsDayAndAPersonOnRequest) {
  testing::TempDir dir;
  FakeClock clock(*ParseTimestamp("2025-03-10T08:00:00Z"));
  auto app = testing::OpenExampleApp(dir.path(), clock);
  auto contacts = app->contacts().Import(
      "organisation,name,email,role\n"
      "091,Anna,anna@hel.fi,ict_management\n049,Erik,erik@espoo.fi,ict_management\n"
      "092,Veera,veera@vantaa.fi,ict_management\n",
      "contacts.csv");
  ASSERT_TRUE(contacts.ok()) << contacts.status().ToString();
  const int64_t anna = (*contacts)[0].id, erik = (*contacts)[1].id, veera = (*contacts)[2].id;
  fieldwork::Mailing& mailing = app->mailing();
  ASSERT_TRUE(mailing.InviteContacts(kRound, "ict_management", {}).ok());
  // Next year's round, in fieldwork, has invited Veera too.
  rounds::CreateRoundRequest next;
  next.series_code = "digimapping";
  next.code = "digimapping-2026";
  next.year = 2026;
  ASSERT_TRUE(app->rounds().CreateRound(next).ok());
  ASSERT_TRUE(app->rounds()
                  .AddQuestionnaire({"digimapping-2026", "ict-management", std::nullopt,
                                     "ict_management", {}})
                  .ok());
  ASSERT_TRUE(mailing.InviteContacts("digimapping-2026", "ict_management", {"092"}).ok());
  auto& store = app->storage().invitations();
  const int64_t round_id = app->storage().rounds().FindRound(kRound)->id;
  std::map<std::string, fieldwork::Invitation> before;
  for (const auto& invitation : store.ListForRound(round_id)) {
    before[invitation.organisation_code] = invitation;
  }
  ASSERT_EQ(before.size(), 3u);
  // Anna's organisation answers.
  responses::Response answered;
  answered.invitation_id = before["091"].id;
  answered.questionnaire_id = before["091"].questionnaire_id;
  for (const auto& q : app->storage().rounds().ListQuestionnaires(round_id)) {
    if (q.id == answered.questionnaire_id) answered.form_version_id = q.form_version_id;
  }
  answered.answers = {{"maturity", "4"}};
  answered.started_at = answered.updated_at = clock.Now();
  answered = app->storage().responses().Create(answered);
  ASSERT_TRUE(app->storage().responses().Submit(answered.id, "REF-1", clock.Now()));
  store.RecordStatus(before["091"].id, fieldwork::InvitationStatus::kSubmitted, clock.Now(), "");
  store.RecordStatus(before["049"].id, fieldwork::InvitationStatus::kSent, clock.Now(), "");
  fieldwork::Session session;
  session.id_hash = "session-of-erik";
  session.invitation_id = before["049"].id;
  session.created_at = clock.Now();
  session.expires_at = clock.Now() + std::chrono::hours(24);
  store.CreateSession(session, false);
  auto monitor_before = app->Monitor(kRound, std::string("ict_management"));
  ASSERT_TRUE(monitor_before.ok());

  // The day: after today and after the last stage closes (26 September).
  fieldwork::Retention& retention = app->retention();
  EXPECT_EQ(*retention.FirstEraseDay(kRound), Date(2025, 9, 27));
  EXPECT_EQ(retention.SetEraseDay(kRound, Date(2025, 9, 26)).code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(retention.SetEraseDay("no-such-round", Date(2026, 1, 1)).code(),
            ErrorCode::kNotFound);
  ASSERT_TRUE(retention.SetEraseDay(kRound, Date(2025, 10, 1)).ok());
  EXPECT_EQ(app->storage().rounds().FindRound(kRound)->erase_on, Date(2025, 10, 1));
  EXPECT_TRUE(retention.RunDue().empty()) << "not yet";
  EXPECT_TRUE(store.FindByTokenHash(before["049"].token_hash).has_value());

  clock.Set(*ParseTimestamp("2025-10-01T00:30:00Z"));
  EXPECT_EQ(app->RunRetention(), 1);
  auto round = app->storage().rounds().FindRound(kRound);
  ASSERT_TRUE(round->erased_at.has_value());
  for (const auto& [code, invitation] : before) {
    EXPECT_FALSE(store.FindByTokenHash(invitation.token_hash).has_value()) << code;
  }
  EXPECT_FALSE(store.FindSession("session-of-erik", clock.Now()).has_value());
  EXPECT_FALSE(app->contacts().Find(anna).has_value());
  EXPECT_FALSE(app->contacts().Find(erik).has_value());
  EXPECT_TRUE(app->contacts().Find(veera).has_value()) << "next year's round needs her";
  const std::map<std::string, fieldwork::InvitationStatus> states = {
      {"091", fieldwork::InvitationStatus::kSubmitted},
      {"049", fieldwork::InvitationStatus::kSent},
      {"092", fieldwork::InvitationStatus::kCreated}};
  ASSERT_EQ(store.ListForRound(round_id).size(), 3u);
  for (const auto& invitation : store.ListForRound(round_id)) {
    EXPECT_EQ(invitation.status, states.at(invitation.organisation_code));
    EXPECT_EQ(invitation.contact_id != 0, invitation.organisation_code == "092");
  }
  auto monitor_after = app->Monitor(kRound, std::string("ict_management"));
  ASSERT_TRUE(monitor_after.ok());
  EXPECT_EQ(monitor_after->total.invited, monitor_before->total.invited);
  EXPECT_EQ(monitor_after->total.submitted, monitor_before->total.submitted);
  EXPECT_EQ(monitor_after->total.submitted, 1);
  auto kept = app->storage().responses().FindByInvitation(before["091"].id);
  ASSERT_TRUE(kept.has_value()) << "the response stays";
  EXPECT_EQ(kept->status, responses::ResponseStatus::kSubmitted);
  EXPECT_TRUE(store.ListOutbox(round_id).empty()) << "no message goes to an erased person";
  EXPECT_TRUE(retention.RunDue().empty()) << "once";
  auto audit = app->accounts().ListAudit(10);
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.front().action, "retention.erase");
  EXPECT_EQ(audit.front().detail,
            "3 links revoked, 2 contacts erased, 1 kept for another round, 3 messages stopped");

  // Veera asks to be erased: her link in next year's round stops working too.
  const int64_t next_id = app->storage().rounds().FindRound("digimapping-2026")->id;
  const auto veera_next = store.ListForRound(next_id).at(0);
  auto erased = retention.ErasePerson(veera);
  ASSERT_TRUE(erased.ok());
  EXPECT_EQ(erased->links, 1) << "this round's link was revoked already";
  EXPECT_EQ(erased->messages, 1) << "next year's invitation, not yet sent";
  EXPECT_FALSE(app->contacts().Find(veera).has_value());
  EXPECT_FALSE(store.FindByTokenHash(veera_next.token_hash).has_value());
  EXPECT_EQ(store.ListForRound(next_id).at(0).organisation_code, "092");
  EXPECT_EQ(retention.ErasePerson(veera).status().code(), ErrorCode::kNotFound);
}

// Records the Message-ID of each message it is given, as a server that
// accepts everything would.
class RecordingTransport final : public fieldwork::MailTransport {
 public:
  explicit RecordingTransport(std::vector<std::string>& sent, std::mutex& mutex)
      : sent_(sent), mutex_(mutex) {}
  std::string Send(const fieldwork::MailSender&, const std::string&,
                   const std::string& message) override {
    std::smatch match;
    static const std::regex id("\nMessage-I[Dd]: <([^>@]+)@");
    std::regex_search(message, match, id);
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    std::lock_guard lock(mutex_);
    sent_.push_back(match[1].str());
    return "250 2.0.0 Ok: queued as " + match[1].str();
  }

 private:
  std::vector<std::string>& sent_;
  std::mutex& mutex_;
};

// Imports `rows` (organisation,name,email,role) as contacts and invites
// them to the example round's ICT management questionnaire.
void InviteIctManagers(App& app, const std::string& rows) {
  ASSERT_TRUE(app.contacts().Import("organisation,name,email,role\n" + rows, "contacts.csv").ok());
  ASSERT_TRUE(app.mailing().InviteContacts(kRound, "ict_management", {}).ok());
}

// Senders at once never send the same message; a message claimed by a
// sender that stopped is sent again, at once by a sender that finds itself
// alone, otherwise once the claim runs out.
TEST(OutboxTest, SendersAtOnceShareTheWorkAndAStoppedOnesMessageIsSentAgain) {
  testing::TempDir dir;
  FakeClock clock(*ParseTimestamp("2025-03-10T08:00:00Z"));
  auto app = testing::OpenExampleApp(dir.path(), clock);
  InviteIctManagers(*app, "091,Anna,anna@hel.fi,ict_management\n"
                          "049,Erik,erik@espoo.fi,ict_management\n"
                          "092,Veera,veera@vantaa.fi,ict_management\n");
  fieldwork::Mailing& mailing = app->mailing();
  auto round = app->storage().rounds().FindRound(kRound);
  auto& store = app->storage().invitations();
  std::vector<int64_t> ids;
  for (const auto& invitation : store.ListForRound(round->id)) ids.push_back(invitation.id);
  for (int i = 0; i < 13; ++i) store.Enqueue(ids, fieldwork::MailKind::kReminder, clock.Now());

  // A sender claims the first message and stops (its process lives on).
  // On PostgreSQL its lock is the database's, held by another connection.
  auto other_process = OpenStorage({.database = app->config().database}, clock);
  ASSERT_TRUE(other_process.ok()) << other_process.status().ToString();
  std::unique_ptr<fieldwork::SenderLock> living = (*other_process)->JoinSenders([] {});
  if (living == nullptr) {
    living = std::make_unique<fieldwork::FileSenderLock>(
        (dir.path() / "kartla.db.senders").string(), [] {});
  }
  auto claimed = store.ClaimDue(clock.Now(), clock.Now() + std::chrono::minutes(10));
  ASSERT_TRUE(claimed.has_value());
  EXPECT_EQ(claimed->state, "pending");

  // Two senders at once send the other 41, each exactly once.
  std::vector<std::string> sent;
  std::mutex mutex;
  {
    auto joined = app->JoinSenders();
    std::thread other([&] {
      RecordingTransport transport(sent, mutex);
      mailing.SendDue(transport, [] { return true; });
    });
    RecordingTransport transport(sent, mutex);
    mailing.SendDue(transport, [] { return true; });
    other.join();
  }
  std::map<std::string, int> times;
  for (const std::string& id : sent) ++times[id];
  EXPECT_EQ(sent.size(), 41u);
  EXPECT_EQ(times.size(), 41u) << "a message sent twice";
  EXPECT_EQ(times.count("kartla-" + std::to_string(claimed->id)), 0u) << "taken from its sender";

  // While another sender lives, its claim stands.
  RecordingTransport transport(sent, mutex);
  {
    auto joined = app->JoinSenders();
    ASSERT_NE(joined, nullptr);
    EXPECT_FALSE(joined->was_alone());
    EXPECT_EQ(mailing.SendDue(transport, [] { return true; }).sent, 0);
    // Until it runs out.
    clock.Advance(std::chrono::minutes(11));
    auto lapsed = store.ClaimDue(clock.Now(), clock.Now() + std::chrono::minutes(10));
    ASSERT_TRUE(lapsed.has_value());
    EXPECT_EQ(lapsed->id, claimed->id);
    EXPECT_EQ(lapsed->state, "sending");
    EXPECT_TRUE(Has(lapsed->last_error, "in doubt")) << lapsed->last_error;
    living.reset();  // both senders stop, the second with the message claimed
  }
  // Alone, a sender sends it at once.
  {
    auto joined = app->JoinSenders();
    EXPECT_TRUE(joined->was_alone());
    EXPECT_EQ(mailing.SendDue(transport, [] { return true; }).sent, 1);
  }
  EXPECT_EQ(sent.back(), "kartla-" + std::to_string(claimed->id));
  for (const auto& entry : store.ListOutbox(round->id)) {
    EXPECT_EQ(entry.state, "sent") << entry.id;
  }
}

// A mail server that cannot be reached (here: a port nobody listens on)
// stops the pass and counts nothing against the messages, however long it
// lasts; once it can be reached, they go.
TEST(OutboxTest, AnUnreachableMailServerBouncesNothing) {
  testing::TempDir dir;
  FakeClock clock(*ParseTimestamp("2025-03-10T08:00:00Z"));
  auto app = testing::OpenExampleApp(dir.path(), clock);
  InviteIctManagers(*app, "091,Anna,anna@hel.fi,ict_management\n"
                          "049,Erik,erik@espoo.fi,ict_management\n");
  fieldwork::Mailing& mailing = app->mailing();
  auto round = app->storage().rounds().FindRound(kRound);
  auto& store = app->storage().invitations();
  auto nowhere = fieldwork::MakeSmtpTransport({"127.0.0.1", 9, "none", "", ""});
  // A day of an outage: a pass a minute, each one stopped at once.
  for (int minute = 0; minute < 24 * 60; minute += 30) {
    fieldwork::SendCounts counts = mailing.SendDue(*nowhere, [] { return true; });
    EXPECT_EQ(counts.sent + counts.retried + counts.failed, 0);
    EXPECT_TRUE(Has(counts.unreachable, "cannot reach the mail server")) << counts.unreachable;
    clock.Advance(std::chrono::minutes(30));
  }
  for (const auto& entry : store.ListOutbox(round->id)) {
    EXPECT_EQ(entry.state, "pending") << entry.id;
    EXPECT_EQ(entry.attempts, 0) << entry.id;
  }
  std::vector<std::string> sent;
  std::mutex mutex;
  RecordingTransport working(sent, mutex);
  fieldwork::SendCounts counts = mailing.SendDue(working, [] { return true; });
  EXPECT_EQ(counts.sent, 2);
  EXPECT_TRUE(counts.unreachable.empty());
}

TEST_F(AdminTest, RepeatedWrongPasswordsLockTheAccountWithoutSayingSo) {
  Serve();
  HttpClient client(server_->port());
  for (int i = 0; i < 5; ++i) {
    HttpReply wrong = SignIn(client, "admin", "not-the-password");
    EXPECT_EQ(wrong.status, 403);
    EXPECT_TRUE(Has(wrong.body, "Signing in failed")) << wrong.body;
  }
  HttpReply right = SignIn(client, "admin");
  EXPECT_EQ(right.status, 403) << "the account is locked for 15 minutes";
  HttpReply unknown = SignIn(client, "nobody");
  EXPECT_EQ(unknown.status, 403);
  auto message = [](const std::string& page) {
    std::smatch match;
    std::regex_search(page, match, std::regex("<p>(Signing in failed[^<]*)</p>"));
    return match[1].str();
  };
  EXPECT_EQ(message(right.body), message(unknown.body))
      << "a locked account and an unknown one read the same";
  EXPECT_EQ(SignIn(client, "analyst").status, 303) << "other accounts are not locked";
  // From one address, at most 20 failures in the window, over any accounts.
  HttpClient other(server_->port());
  for (int i = 0; i < 15; ++i) SignIn(other, "user" + std::to_string(i), "wrong-password");
  EXPECT_EQ(SignIn(other, "coord-a").status, 403) << "the address is throttled";
}

// The mail page: a message as a chosen contact gets it, the round's own
// wording (refused with its field and placeholder named, in the page's
// language, nothing stored; then saved, used by the outbox, and reset),
// the whole message as .eml, and a test mail sent at once to a real SMTP
// server, with the server's refusal shown when it cannot be reached.
TEST_F(AdminTest, MailPageShowsWritesAndTestsEachMessage) {
  const int smtp_port = 24000 + getpid() % 1000;
  testing::SmtpServer smtp(dir_.path(), smtp_port);
  auto contacts = app_->contacts().Import(
      "organisation,name,email,role,language\n"
      "091,Anna Virtanen,anna@hel.fi,ict_management,fi\n"
      "049,Erik Esbo,erik@espoo.fi,ict_management,sv\n",
      "contacts.csv");
  ASSERT_TRUE(contacts.ok()) << contacts.status().ToString();
  Serve();
  int port = smtp_port;
  admin_->mail_transport = [&port] {
    return fieldwork::MakeSmtpTransport({"127.0.0.1", port, "none", "", ""});
  };
  HttpClient admin(server_->port());
  ASSERT_EQ(SignIn(admin, "admin").status, 303);
  const std::string mail = std::string("/admin/rounds/") + kRound + "/mail";

  // Erik's invitation, in his Swedish, as he gets it.
  std::string page = admin.Get(mail + "?kind=invitation&group=ict_management&org=049").body;
  EXPECT_TRUE(Has(page, "As Erik Esbo (049) gets it")) << page;
  EXPECT_TRUE(Has(page, "Inbjudan att svara:"));
  EXPECT_TRUE(Has(page, "Hej Erik Esbo,"));
  EXPECT_TRUE(Has(page, "The standard wording is used."));
  EXPECT_TRUE(Has(page, "value=\"Inbjudan att svara: {survey}\"")) << "the wording to start from";
  // An organisation without a contact of the group: the first one's, said so.
  EXPECT_TRUE(Has(admin.Get(mail + "?group=ict_management&org=005").body,
                  "005 has no contact in this target group, so the message to 049 is shown."));
  HttpReply eml = admin.Get(mail + ".eml?kind=reminder&group=ict_management&org=091");
  EXPECT_EQ(eml.status, 200);
  EXPECT_EQ(eml.Header("content-type"), "message/rfc822");
  EXPECT_TRUE(Has(eml.body, "anna@hel.fi")) << eml.body;
  EXPECT_TRUE(Has(eml.body, "Content-Type: multipart/alternative"));

  // A wrong placeholder: refused, named, in the page's language; kept typed.
  const std::string form = "csrf=" + CsrfOf(page) +
                           "&kind=invitation&message_lang=sv&group=ict_management&org=049";
  HttpReply wrong = admin.Post(mail, form + "&subject=" + web::UrlEncode("Enkät {kommun}") +
                                         "&body=Hej");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(Has(wrong.body, "Subject: {kommun} is no placeholder. Use these: {name}, "
                              "{organisation}, {survey}, {closes}."))
      << wrong.body;
  EXPECT_TRUE(Has(wrong.body, "value=\"Enkät {kommun}\""));
  HttpReply broken = admin.Post(mail, form + "&subject=S&body=" + web::UrlEncode("Hej {name"));
  EXPECT_TRUE(Has(broken.body, "Opening text: {name is no placeholder.")) << broken.body;
  HttpReply lines = admin.Post(mail, form + "&subject=" + web::UrlEncode("A\r\nBcc: x@y.z") +
                                         "&body=B");
  EXPECT_TRUE(Has(lines.body, "Subject: a subject cannot have line breaks.")) << lines.body;
  EXPECT_TRUE(app_->mailing().MailTexts(kRound).empty()) << "nothing stored";

  // Saved: the preview and the outbox's messages use it.
  HttpReply saved = admin.Post(
      mail, form + "&subject=" + web::UrlEncode("Pilot: {survey}, {organisation}") +
                "&body=" + web::UrlEncode("Dear colleague at {organisation},\r\n\r\nplease answer by {closes}."));
  ASSERT_EQ(saved.status, 303) << saved.body;
  page = admin.Get(saved.Header("location")).body;
  EXPECT_TRUE(Has(page, "The wording is saved.")) << page;
  EXPECT_TRUE(Has(page, "The round has its own wording (changed by admin, ")) << page;
  EXPECT_TRUE(Has(page, "Dear colleague at Esbo,\n\nplease answer by ")) << page;
  ASSERT_EQ(app_->mailing().MailTexts(kRound).size(), 1u);
  EXPECT_EQ(app_->mailing().MailTexts(kRound)[0].body,
            "Dear colleague at {organisation},\n\nplease answer by {closes}.");
  auto preview = app_->mailing().Preview(kRound, fieldwork::MailKind::kInvitation,
                                         (*contacts)[1].id, std::nullopt);
  ASSERT_TRUE(preview.ok());
  EXPECT_TRUE(Has(preview->html, "<p>Dear colleague at Esbo,</p><p>please answer by "))
      << preview->html;
  // Anna's Finnish invitation keeps the standard wording.
  auto finnish = app_->mailing().Preview(kRound, fieldwork::MailKind::kInvitation,
                                         (*contacts)[0].id, std::nullopt);
  ASSERT_TRUE(finnish.ok());
  EXPECT_TRUE(Has(finnish->subject, "Kutsu vastaamaan:")) << finnish->subject;

  // A test mail to oneself, at once: the same message, marked, its link made up.
  HttpReply test = admin.Post(mail + "/test", form + "&address=me%40team.example");
  ASSERT_EQ(test.status, 303) << test.body;
  EXPECT_TRUE(Has(admin.Get(test.Header("location")).body,
                  "The test message went to the mail server."));
  ASSERT_EQ(smtp.Count(), 1u);
  const std::string sent = smtp.Messages()[0];
  EXPECT_TRUE(Has(sent, "<me@team.example>")) << sent;
  EXPECT_TRUE(Has(sent, "[TEST] Pilot:")) << sent;
  EXPECT_TRUE(Has(sent, "Dear colleague at Esbo,")) << sent;
  EXPECT_FALSE(Has(sent, "erik@espoo.fi")) << "never to the contact";
  std::string audit = admin.Get("/admin/audit").body;
  EXPECT_TRUE(Has(audit, "mail.test")) << audit;
  EXPECT_TRUE(Has(audit, "mail.text"));
  // A mail server that is not there: its answer shown, nothing else.
  port = smtp_port + 1;
  HttpReply unreachable = admin.Post(mail + "/test", form + "&address=me%40team.example");
  EXPECT_EQ(unreachable.status, 502);
  EXPECT_TRUE(Has(unreachable.body, "The mail server did not take the test message:"))
      << unreachable.body;

  // Back to the standard wording.
  HttpReply reset = admin.Post(mail + "/reset", form);
  ASSERT_EQ(reset.status, 303);
  EXPECT_TRUE(app_->mailing().MailTexts(kRound).empty());
  EXPECT_TRUE(Has(admin.Get(reset.Header("location")).body, "The standard wording is back."));
  EXPECT_EQ(admin.Post(mail + "/reset", form).status, 404) << "nothing left to reset";

  // On a Finnish page the refusal is Finnish.
  HttpClient finn(server_->port());
  ASSERT_EQ(SignIn(finn, "admin").status, 303);
  std::string finnish_page = finn.Get(mail + "?lang=fi").body;
  HttpReply refused = finn.Post(mail + "?lang=fi", "csrf=" + CsrfOf(finnish_page) +
                                 "&kind=reminder&message_lang=fi&subject=&body=x");
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Has(refused.body, "Aihe: kenttä on tyhjä.")) << refused.body;
}

// An administrator gives a user's address and mails them a link; the user
// sets their own password by it, once; the administrator never sees it.
TEST_F(AdminTest, APasswordIsSetByAMailedLinkOnce) {
  const int smtp_port = 25000 + getpid() % 1000;
  testing::SmtpServer smtp(dir_.path(), smtp_port);
  Serve(nullptr, [smtp_port] {
    return fieldwork::MakeSmtpTransport({"127.0.0.1", smtp_port, "none", "", ""});
  });
  HttpClient admin(server_->port());
  ASSERT_EQ(SignIn(admin, "admin").status, 303);
  HttpClient analyst(server_->port());
  ASSERT_EQ(SignIn(analyst, "analyst").status, 303);
  const std::string csrf = "csrf=" + CsrfOf(admin.Get("/admin/users").body);

  HttpReply wrong = admin.Post("/admin/users/email", csrf + "&name=analyst&email=not+an+address");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(Has(wrong.body, "not an address is not an email address (user analyst).")) << wrong.body;
  EXPECT_EQ(admin.Post("/admin/users/password-link", csrf + "&name=analyst").status, 409)
      << "no address yet";
  ASSERT_EQ(admin.Post("/admin/users/email", csrf + "&name=analyst&email=ana%40team.example").status,
            303);
  HttpReply mailed = admin.Post("/admin/users/password-link", csrf + "&name=analyst");
  ASSERT_EQ(mailed.status, 303) << mailed.body;
  EXPECT_TRUE(Has(admin.Get(mailed.Header("location")).body,
                  "A link to set the password was mailed to analyst."));
  ASSERT_EQ(smtp.Count(), 1u);
  const std::string message = smtp.Messages()[0];
  EXPECT_TRUE(Has(message, "<ana@team.example>")) << message;
  EXPECT_TRUE(Has(message, "Kartla: set your password")) << message;
  std::smatch link;
  ASSERT_TRUE(std::regex_search(message, link,
                                std::regex("http://[^/\r\n]+(/admin/password/[A-Za-z0-9_-]+)")))
      << message;
  const std::string path = link[1];
  EXPECT_FALSE(Has(admin.Get("/admin/audit").body, path.substr(16))) << "the token is not logged";

  // The page works without signing in; the two fields must agree.
  HttpClient stranger(server_->port());
  HttpReply form = stranger.Get(path + "?lang=en");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(Has(form.body, "Set a new password for the account analyst."));
  const std::string posted = "csrf=" + CsrfOf(form.body);
  HttpReply differ = stranger.Post(path, posted + "&password=a-new-long-one&password_again=another");
  EXPECT_EQ(differ.status, 422);
  EXPECT_TRUE(Has(differ.body, "The passwords differ.")) << differ.body;
  EXPECT_EQ(stranger.Post(path, "csrf=forged&password=a-new-long-one&password_again=a-new-long-one")
                .status,
            403);
  HttpReply set = stranger.Post(path, posted + "&password=a-new-long-one&password_again=a-new-long-one");
  ASSERT_EQ(set.status, 303) << set.body;
  EXPECT_EQ(set.Header("location"), "/admin/login?notice=password_set");
  EXPECT_TRUE(Has(stranger.Get(set.Header("location")).body,
                  "The password is set. Sign in with the new password."));
  EXPECT_EQ(analyst.Get("/admin").status, 303) << "the analyst's session ended";
  EXPECT_EQ(SignIn(stranger, "analyst", "a-new-long-one").status, 303);
  EXPECT_EQ(HttpClient(server_->port()).Get(path).status, 404) << "once";
  EXPECT_TRUE(Has(admin.Get("/admin/audit").body, "user.password_by_link"));

  // A new user without a password typed gets a link at once.
  EXPECT_EQ(admin.Post("/admin/users", csrf + "&name=ville&role=analyst&language=sv").status, 422)
      << "neither a password nor an address";
  // The accounts' own refusals, on a Finnish and a Swedish page, in their
  // language.
  HttpReply short_one = admin.Post("/admin/users?lang=fi",
                                   csrf + "&name=ville&password=short&role=analyst&language=sv");
  EXPECT_EQ(short_one.status, 422);
  EXPECT_TRUE(Has(short_one.body, "Salasana on lyhyempi kuin 10 merkkiä")) << short_one.body;
  HttpReply taken = admin.Post("/admin/users?lang=sv",
                               csrf + "&name=analyst&password=another-long-one&role=analyst");
  EXPECT_EQ(taken.status, 422);
  EXPECT_TRUE(Has(taken.body, "Det finns redan en användare analyst")) << taken.body;
  admin.Get("/admin/users?lang=en");
  HttpReply added = admin.Post(
      "/admin/users", csrf + "&name=ville&role=analyst&language=sv&email=ville%40team.example");
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_TRUE(Has(admin.Get(added.Header("location")).body,
                  "User ville added, and mailed a link to set their password."));
  ASSERT_EQ(smtp.Count(), 2u);
  std::string ville;
  for (const std::string& m : smtp.Messages()) if (Has(m, "<ville@team.example>")) ville = m;
  EXPECT_TRUE(Has(ville, "Ange l")) << "in the user's Swedish\n" << ville;

}

TEST_F(AdminTest, ReleasePageKeepsSettingsPreviewsAndPublishesWhatWasPreviewed) {
  // Twenty-four municipalities of Uusimaa and Southwest Finland answered.
  auto& store = app_->storage().responses();
  auto round = app_->storage().rounds().FindRound(kRound);
  int64_t form_version = 0;
  for (const auto& q : app_->storage().rounds().ListQuestionnaires(round->id)) {
    if (q.target_group.code == "ict_management") form_version = q.form_version_id;
  }
  const char* answered[] = {"091", "049", "092", "235", "186", "245", "257", "858",
                            "853", "202", "680", "529", "503", "400", "423", "430",
                            "304", "322", "106", "444", "638", "753", "543", "611"};
  int i = 0;
  for (const char* code : answered) {
    auto issued = app_->invitations().Create({kRound, "ict_management", code, Lang::kFi});
    ASSERT_TRUE(issued.ok()) << code << issued.status().ToString();
    responses::Response response;
    response.invitation_id = issued->invitation.id;
    response.questionnaire_id = issued->invitation.questionnaire_id;
    response.form_version_id = form_version;
    response.started_at = response.updated_at = clock_.Now();
    response.answers = {{"main_provider", i % 3 ? "own_unit" : "company"},
                        {"maturity", std::to_string(1 + i % 5)}};
    ++i;
    auto created = store.Create(response);
    ASSERT_TRUE(store.Submit(created.id, "K-TEST", clock_.Now()));
  }
  Serve();
  HttpClient analyst(server_->port());
  ASSERT_EQ(SignIn(analyst, "analyst").status, 303);
  const std::string release = std::string("/admin/rounds/") + kRound + "/release";
  const std::string folder = app_->config().results;
  // The questionnaire as respondents read it, in the page's language, from
  // the round's page.
  EXPECT_TRUE(Has(analyst.Get(std::string("/admin/rounds/") + kRound).body,
                  "/questionnaires/ict_management/preview"));
  std::string read = analyst.Get(std::string("/admin/rounds/") + kRound +
                                 "/questionnaires/ict_management/preview?lang=sv").body;
  EXPECT_TRUE(Has(read, "Vem producerar huvuddelen av era IKT-tjänster?")) << read;
  EXPECT_TRUE(Has(read, "(svararens organisation)"));
  EXPECT_FALSE(Has(read, "href=\"/q\"")) << "no way back to a questionnaire staff do not answer";
  analyst.Get(release + "?lang=en");  // the pages below in English again
  std::string page = analyst.Get(release).body;
  EXPECT_TRUE(Has(page, "Nothing of this round has been published yet.")) << page;
  EXPECT_TRUE(Has(page, "The round has no results settings of its own"));
  const std::string csrf = "csrf=" + CsrfOf(page);

  // Settings that do not read: every problem at its line, nothing kept.
  HttpReply wrong = analyst.Post(
      release + "/settings",
      csrf + "&settings=" + web::UrlEncode("[disclosure]\nk = 0\ncolour = \"red\"\n"));
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(Has(wrong.body, "results.toml:2:5: error: disclosure.k: give a whole number from 1 "
                              "to 1000"))
      << wrong.body;
  EXPECT_TRUE(Has(wrong.body, "results.toml:3:")) << "the second problem too";
  EXPECT_TRUE(Has(wrong.body, "colour = &quot;red&quot;")) << "what was typed is kept";
  EXPECT_FALSE(admin_->releases.settings(kRound).has_value());
  // Settings that read are kept with the round.
  const std::string settings = "[disclosure]\nk = 3\n";
  HttpReply kept = analyst.Post(release + "/settings",
                                csrf + "&settings=" + web::UrlEncode("[disclosure]\r\nk = 3\r\n"));
  ASSERT_EQ(kept.status, 303) << kept.body;
  EXPECT_EQ(admin_->releases.settings(kRound).value_or(""), settings);
  const std::string location = kept.Header("location");  // without its #settings
  EXPECT_TRUE(Has(analyst.Get(location.substr(0, location.find('#'))).body,
                  "The round keeps its own results"));
  EXPECT_EQ(analyst.Get(release + "/results.toml").body, settings);

  // Stage 1 publishes the chief executives' leadership, which nobody
  // answered here: refused, rather than a site of empty pages.
  HttpReply empty = analyst.Post(release + "/preview", csrf + "&stage=1");
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(Has(empty.body, "nothing to publish: stage 1 of digimapping-2025 publishes no "
                              "question that was answered"))
      << empty.body;
  // A preview of stage 2 (the ICT management's): nothing written, the site
  // as it will be, the audit's summary.
  HttpReply built = analyst.Post(release + "/preview", csrf + "&stage=2");
  ASSERT_EQ(built.status, 303) << built.body;
  page = analyst.Get(release).body;
  EXPECT_TRUE(Has(page, "Version 1 (stage 2) as it would be published")) << page;
  EXPECT_TRUE(Has(page, "Counts hidden (..)"));
  EXPECT_TRUE(Has(page, "Publish version 1"));
  EXPECT_TRUE(publish::ListReleases(folder).empty()) << "a preview writes nothing";
  HttpReply front = analyst.Get(release + "/preview/index.html");
  EXPECT_EQ(front.status, 200);
  EXPECT_EQ(front.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(front.Header("cache-control"), "no-store");
  EXPECT_TRUE(Has(front.body, "kartla.css")) << front.body.substr(0, 600);
  EXPECT_EQ(analyst.Get(release + "/preview/kartla.css").status, 200);
  EXPECT_EQ(analyst.Get(release + "/preview/nothing.html").status, 404);
  EXPECT_EQ(analyst.Get(release + "/preview/../../monitor").status, 404);

  // Publishing what was previewed; a version not previewed is refused.
  EXPECT_EQ(analyst.Post(release + "/publish", csrf + "&stage=2&version=2").status, 409);
  HttpReply published = analyst.Post(release + "/publish", csrf + "&stage=2&version=1");
  ASSERT_EQ(published.status, 303) << published.body;
  page = analyst.Get(published.Header("location")).body;
  EXPECT_TRUE(Has(page, "Published version 1 (stage 2).")) << page;
  EXPECT_TRUE(Has(page, "/results/digimapping-2025/v1/"));
  auto versions = publish::ListReleases(folder);
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].stage, 2);
  EXPECT_TRUE(std::filesystem::exists(folder + "/digimapping-2025/v1.audit.json"));
  // The preview was the very version: the published front page is its bytes.
  EXPECT_EQ(ReadFileBytes(folder + "/digimapping-2025/v1/index.html").value_or(""), front.body);
  EXPECT_EQ(analyst.Post(release + "/publish", csrf + "&stage=2&version=1").status, 409)
      << "published once";

  // The same stage again is a correction: without a note, refused beforehand.
  ASSERT_EQ(analyst.Post(release + "/preview", csrf + "&stage=2").status, 303);
  page = analyst.Get(release).body;
  EXPECT_TRUE(Has(page, "a correction needs a note saying what changed")) << page;
  EXPECT_FALSE(Has(page, "Publish version 2"));

  // Back to the defaults; the preview built with the old settings goes.
  ASSERT_EQ(analyst.Post(release + "/settings/reset", csrf).status, 303);
  EXPECT_FALSE(admin_->releases.settings(kRound).has_value());
  EXPECT_EQ(analyst.Get(release + "/preview/index.html").status, 404);

  HttpClient admin(server_->port());
  ASSERT_EQ(SignIn(admin, "admin").status, 303);
  std::string audit = admin.Get("/admin/audit").body;
  for (const char* action : {"release.settings", "release.preview", "release.publish",
                             "release.settings_reset"}) {
    EXPECT_TRUE(Has(audit, action)) << action;
  }
  // On a Finnish page the refusal is Finnish, its place kept.
  std::string finnish = admin.Get(release + "?lang=fi").body;
  HttpReply refused = admin.Post(release + "/settings?lang=fi",
                                 "csrf=" + CsrfOf(finnish) + "&settings=" +
                                     web::UrlEncode("[disclosure]\nk = 0\n"));
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Has(refused.body, "results.toml:2:5:")) << refused.body;
  EXPECT_TRUE(Has(refused.body, "disclosure.k: anna kokonaisluku väliltä 1–1000")) << refused.body;
  EXPECT_FALSE(Has(refused.body, "give a whole number")) << refused.body;
}

// The survey team tries the questionnaire as a respondent would, by a test
// link opened from its preview: the link answers like any other, for an
// organisation of its own choosing, but its answers are never counted
// (monitoring, exports, releases see none of it), never take the
// organisation's shared response, and go when the team deletes them.
TEST_F(AdminTest, ATestLinkAnswersLikeAnyOtherAndIsNeverCounted) {
  Serve();
  HttpClient admin(server_->port());
  ASSERT_EQ(SignIn(admin, "admin").status, 303);
  const std::string round = std::string("/admin/rounds/") + kRound;
  const std::string preview = round + "/questionnaires/ict_management/preview";
  std::string page = admin.Get(preview).body;
  EXPECT_TRUE(Has(page, "Try it as a respondent")) << page;
  EXPECT_TRUE(Has(page, "<option value=\"091\">Helsinki (091)</option>")) << page;
  EXPECT_FALSE(Has(page, "Test links of this round")) << "none yet";
  HttpClient analyst(server_->port());
  ASSERT_EQ(SignIn(analyst, "analyst").status, 303);
  EXPECT_FALSE(Has(analyst.Get(preview).body, "Try it as a respondent")) << "administrators only";

  // An organisation the round's registry does not have: refused, nothing made.
  HttpReply nobody = admin.Post(round + "/questionnaires/ict_management/test",
                                "csrf=" + CsrfOf(page) + "&organisation=ZZZ&language=fi");
  EXPECT_EQ(nobody.status, 422);
  EXPECT_TRUE(Has(nobody.body, "Choose an organisation of the round&apos;s registry version."))
      << nobody.body;
  EXPECT_TRUE(app_->invitations()
                  .ListTestLinks(app_->storage().rounds().FindRound(kRound)->id)
                  .empty());

  // A test link for Helsinki, in Swedish: the administrator's browser is
  // sent along it into the questionnaire, which says on every page that
  // these answers do not count.
  HttpReply opened = admin.Post(round + "/questionnaires/ict_management/test",
                                "csrf=" + CsrfOf(page) + "&organisation=091&language=sv");
  ASSERT_EQ(opened.status, 303) << opened.body;
  const std::string link = opened.Header("location");
  ASSERT_TRUE(link.starts_with("/r/")) << link;
  HttpClient tester(server_->port());
  ASSERT_EQ(tester.Get(link).status, 303);
  std::string start = tester.Get("/q/start").body;
  EXPECT_TRUE(Has(start, "Testläge.")) << start;
  EXPECT_TRUE(Has(start, "Dessa svar räknas aldrig i uppföljningen, exporteras eller publiceras."));
  EXPECT_TRUE(Has(start, "Helsingfors")) << "answers for the organisation chosen";
  ASSERT_EQ(tester.Get("/q").status / 100, 3);

  const auto round_id = app_->storage().rounds().FindRound(kRound)->id;
  auto tests = app_->invitations().ListTestLinks(round_id);
  ASSERT_EQ(tests.size(), 1u);
  const fieldwork::Invitation test_link = tests[0];
  EXPECT_TRUE(test_link.test);
  EXPECT_EQ(test_link.organisation_code, "091");
  EXPECT_EQ(test_link.language, Lang::kSv);
  for (const auto& invitation : app_->invitations().ListForRound(round_id)) {
    EXPECT_FALSE(invitation.test) << "no test link among the round's invitations";
  }
  auto& store = app_->storage().responses();
  auto test_response = store.FindByInvitation(test_link.id);
  ASSERT_TRUE(test_response.has_value()) << "the test link started a response";
  EXPECT_TRUE(test_response->slot.empty()) << "not Helsinki's shared response";

  // Helsinki's real respondent starts the organisation's own response,
  // not the test's; both are submitted.
  auto real = app_->invitations().Create({kRound, "ict_management", "091", Lang::kFi});
  ASSERT_TRUE(real.ok());
  HttpClient respondent(server_->port());
  ASSERT_EQ(respondent.Get("/r/" + real->token).status, 303);
  ASSERT_EQ(respondent.Get("/q").status / 100, 3);
  auto real_response = store.FindByInvitation(real->invitation.id);
  ASSERT_TRUE(real_response.has_value());
  EXPECT_NE(real_response->id, test_response->id);
  EXPECT_FALSE(real_response->slot.empty());
  ASSERT_TRUE(store.Submit(test_response->id, "K-TEST-1", clock_.Now()));
  app_->invitations().RecordSubmitted(test_link);
  ASSERT_TRUE(store.Submit(real_response->id, "K-REAL-1", clock_.Now()));

  // Counted: the real response alone, wherever responses are counted.
  const int64_t questionnaire = test_link.questionnaire_id;
  responses::SubmittedCount count = store.CountSubmitted(questionnaire);
  EXPECT_EQ(count.responses, 1u);
  ASSERT_EQ(store.ListSubmitted(questionnaire).size(), 1u);
  EXPECT_EQ(store.ListSubmitted(questionnaire)[0].id, real_response->id);
  size_t streamed = 0;
  store.ForEachSubmitted(questionnaire, 10, [&](auto& batch) {
    for (const auto& one : batch) {
      EXPECT_EQ(one.id, real_response->id);
      ++streamed;
    }
    return true;
  });
  EXPECT_EQ(streamed, 1u);
  for (const auto& response : store.ListForRound(round_id)) {
    EXPECT_NE(response.id, test_response->id) << "monitoring lists no test response";
  }
  EXPECT_EQ(app_->storage().invitations().InvitedOrganisations(questionnaire),
            std::vector<std::string>{"091"})
      << "Helsinki is invited by its real link alone";
  std::string monitor = admin.Get(round + "/monitor?lang=en").body;
  EXPECT_FALSE(Has(monitor, "K-TEST-1"));

  // The preview says what test links there are; deleting them takes their
  // answers and their link, and leaves the real response.
  page = admin.Get(preview).body;
  EXPECT_TRUE(Has(page, "Test links of this round: 1; of them with answers submitted: 1."))
      << page;
  HttpReply deleted = admin.Post(round + "/test-links/delete",
                                 "csrf=" + CsrfOf(page) + "&next=" + web::UrlEncode(preview));
  ASSERT_EQ(deleted.status, 303);
  EXPECT_EQ(deleted.Header("location"), preview + "?notice=test_links_deleted&n=1");
  EXPECT_TRUE(Has(admin.Get(deleted.Header("location")).body,
                  "Test links and their answers deleted: 1."));
  EXPECT_TRUE(app_->invitations().ListTestLinks(round_id).empty());
  EXPECT_FALSE(store.FindByInvitation(test_link.id).has_value());
  EXPECT_TRUE(store.FindByInvitation(real->invitation.id).has_value());
  EXPECT_EQ(tester.Get(link).status, 410) << "the test link works no more";
  std::string audit = admin.Get("/admin/audit").body;
  EXPECT_TRUE(Has(audit, "invitation.test")) << audit;
  EXPECT_TRUE(Has(audit, "invitation.test_delete"));
}

TEST_F(AdminTest, InvitesTwentyOrganisationsAndFollowsTheAnswersOnTheDashboard) {
  const int smtp_port = 23000 + getpid() % 1000;
  testing::SmtpServer smtp(dir_.path(), smtp_port);
  Config::Mail mail;
  mail.host = "127.0.0.1";
  mail.port = smtp_port;
  mail.security = "none";
  auto transport = fieldwork::MakeSmtpTransport(
      {mail.host, mail.port, mail.security, mail.username, mail.password});
  fieldwork::OutboxWorker worker(app_->mailing(), std::move(transport),
                                 std::chrono::milliseconds(100));
  Serve([&worker] { worker.Wake(); });
  HttpClient admin(server_->port());
  ASSERT_EQ(SignIn(admin, "admin").status, 303);

  // Twenty organisations' ICT managers, imported through the form.
  const char* codes[20] = {"005", "009", "010", "016", "018", "019", "020", "046", "047",
                           "049", "050", "051", "052", "061", "069", "071", "072", "074",
                           "075", "077"};
  std::string csv = "organisation,name,email,role\n";
  for (const char* code : codes) {
    csv += std::string(code) + ",Tietohallinto " + code + ",it" + code +
           "@kunta.example,ict_management\n";
  }
  std::string page = admin.Get("/admin/contacts").body;
  HttpReply imported = admin.Post(
      "/admin/contacts", "csrf=" + CsrfOf(page) + "&csv=" + web::UrlEncode(csv));
  ASSERT_EQ(imported.status, 303) << imported.body;
  EXPECT_TRUE(Has(admin.Get(imported.Header("location")).body, "20 contacts added"));

  std::string round = std::string("/admin/rounds/") + kRound;
  // First what would happen, then, confirmed, the invitations.
  HttpReply confirm = admin.Post(round + "/invite", "csrf=" + CsrfOf(page) +
                                                        "&target_group=ict_management");
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(Has(confirm.body, "Recipients in the target group “ICT management”: 20"))
      << confirm.body;
  EXPECT_TRUE(Has(confirm.body, "in Finnish: 20"));
  EXPECT_TRUE(Has(confirm.body, "Send the invitations (20)"));
  EXPECT_EQ(smtp.Count(), 0u) << "nothing is sent before it is confirmed";
  HttpReply sent = admin.Post(round + "/invite", "csrf=" + CsrfOf(page) +
                                                    "&target_group=ict_management&step=send");
  ASSERT_EQ(sent.status, 303);
  EXPECT_TRUE(Has(admin.Get(sent.Header("location")).body,
                  "20 invitations queued for sending"));
  for (int i = 0; i < 200 && smtp.Count() < 20; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(smtp.Count(), 20u);

  // One respondent reads their mail, follows the link and answers.
  std::string message;
  for (const std::string& m : smtp.Messages()) {
    if (Has(m, "it049@kunta.example")) message = m;
  }
  std::smatch link;
  ASSERT_TRUE(std::regex_search(message, link, std::regex("http://[^/\r\n]+(/r/[A-Za-z0-9_-]{22})")))
      << message;
  HttpClient respondent(server_->port());
  ASSERT_EQ(respondent.Get(link[1].str()).status, 303);
  std::string first = respondent.Get(respondent.Get("/q").Header("location")).body;
  std::string csrf = CsrfOf(first);
  ASSERT_EQ(respondent.Post("/q/page/1",
                            "csrf=" + csrf +
                                "&arrangement_1=own&arrangement_2=regional&arrangement_3=bought"
                                "&ict_responsible=shared&main_provider=own_unit&maturity=4"
                                "&go=next").status,
            303);
  ASSERT_EQ(respondent.Post("/q/page/2",
                            "csrf=" + csrf +
                                "&operating_costs=1250&investments=300&staff_2022=4"
                                "&staff_2023=4&staff_2024=5&time_maintenance=40"
                                "&time_development=30&time_projects=20&time_management=10"
                                "&cost_change=same&go=next").status,
            303);
  HttpReply submitted = respondent.Post("/q/submit", "csrf=" + csrf);
  ASSERT_EQ(submitted.status, 303) << submitted.body;
  EXPECT_EQ(submitted.Header("location"), "/q/receipt");

  std::string dashboard = admin.Get(round + "/monitor?target_group=ict_management").body;
  EXPECT_TRUE(Has(dashboard, "answered by 1 of 20 organisations (5 %)")) << dashboard;
  EXPECT_TRUE(Has(dashboard, "<svg")) << "the chart of responses over time";
  // Each dimension's rates as bars beside their table (Uusimaa: 1 of 10).
  EXPECT_TRUE(Has(dashboard, "<title id=\"monitor-region-t\">Response rate: Region</title>"))
      << dashboard;
  EXPECT_TRUE(Has(dashboard, "19 organisations have not answered yet."));
  std::string json =
      admin.Get(std::string("/api/v1/rounds/") + kRound + "/monitor").body;
  EXPECT_TRUE(Has(json, "\"answered\":1,\"invited\":20")) << json;

  // The home page says where the round stands.
  std::string home = admin.Get("/admin").body;
  EXPECT_TRUE(Has(home, "ICT management: 1 of 20 (5 %)")) << home.substr(home.find("<main"));
  // The 20 invitations and the thank-you, which may or may not be sent yet.
  std::smatch outbox;
  ASSERT_TRUE(std::regex_search(home, outbox, std::regex("([0-9]+) waiting, ([0-9]+) sent, 0 failed")))
      << home.substr(home.find("<main"));
  EXPECT_EQ(std::stoi(outbox[1].str()) + std::stoi(outbox[2].str()), 21);
  EXPECT_GE(std::stoi(outbox[2].str()), 20);
  // Each message sent is listed with the mail server's answer to it
  // (aiosmtpd's acceptance), in place of the refusal of any earlier attempt.
  std::string sent_mail = admin.Get(round + "/outbox?state=sent").body;
  EXPECT_TRUE(Has(sent_mail, "<td data-label=\"The mail server&apos;s answer\">250 ")) << sent_mail;
  const int64_t pilot_id = app_->storage().rounds().FindRound(kRound)->id;
  for (const auto& entry : app_->storage().invitations().ListOutbox(pilot_id)) {
    if (entry.state == "sent") {
      EXPECT_TRUE(entry.last_error.starts_with("250 ")) << entry.last_error;
    }
  }
  EXPECT_FALSE(Has(home, "Chief executives: 0 of 0")) << "a group nobody was invited in";
  EXPECT_TRUE(Has(home, "None planned"));
  EXPECT_TRUE(Has(home, "Every stage has closed (the last on 26 September 2025)."));

  // The invitations list, by state: the one who answered, and the others.
  std::string all = admin.Get(round + "/invitations").body;
  EXPECT_TRUE(Has(all, "Invitations 1–20 of 20")) << all;
  std::string done = admin.Get(round + "/invitations?state=submitted").body;
  EXPECT_TRUE(Has(done, "Invitations 1–1 of 1")) << done;
  EXPECT_TRUE(Has(done, "Tietohallinto 049"));
  EXPECT_FALSE(Has(done, "Tietohallinto 005"));
  EXPECT_TRUE(Has(admin.Get(round + "/invitations?state=sent").body,
                  "Invitations 1–19 of 19"));
  EXPECT_TRUE(Has(admin.Get(round + "/invitations?state=declined").body,
                  "No invitations match the choice"));

  // Reminders go to the nineteen others only.
  HttpReply preview = admin.Post(round + "/remind", "csrf=" + CsrfOf(page) + "&step=preview");
  EXPECT_TRUE(Has(preview.body, "19 recipients would get a reminder")) << preview.body;
  EXPECT_FALSE(Has(preview.body, "it049@kunta.example"));
  HttpReply reminded = admin.Post(round + "/remind", "csrf=" + CsrfOf(page) + "&step=send");
  ASSERT_EQ(reminded.status, 303);
  // 20 invitations, a thank-you to the one who answered, 19 reminders.
  for (int i = 0; i < 200 && smtp.Count() < 40; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(smtp.Count(), 40u);
  std::map<std::string, int> per_address;
  for (const std::string& m : smtp.Messages()) {
    std::smatch to;
    if (std::regex_search(m, to, std::regex("\nTo: [^\n]*<(it[0-9]+@kunta.example)>"))) {
      ++per_address[to[1].str()];
    }
  }
  EXPECT_EQ(per_address.size(), 20u);
  for (const auto& [address, count] : per_address) EXPECT_EQ(count, 2) << address;
  int thanks = 0, reminders = 0;
  auto round_id = app_->storage().rounds().FindRound(kRound)->id;
  auto answered = app_->invitations().FindById(
      app_->invitations().FindByToken(link[1].str().substr(3))->id);
  for (const auto& entry : app_->storage().invitations().ListOutbox(round_id)) {
    if (entry.kind == fieldwork::MailKind::kThanks) {
      ++thanks;
      EXPECT_EQ(entry.invitation_id, answered->id);
    }
    if (entry.kind == fieldwork::MailKind::kReminder) {
      ++reminders;
      EXPECT_NE(entry.invitation_id, answered->id) << "no reminder to one who answered";
    }
  }
  EXPECT_EQ(thanks, 1);
  EXPECT_EQ(reminders, 19);
  std::string csv_out = admin.Get(round + "/unanswered.csv").body;
  EXPECT_FALSE(Has(csv_out, "\"049\""));
  EXPECT_TRUE(Has(csv_out, "\"005\""));

  // The administrator reads Espoo's answers (linked from the invitations
  // list), read-only and audited, and opens them again for the respondent.
  const std::string answers_of = fmt::format("/admin/invitations/{}/response", answered->id);
  EXPECT_TRUE(Has(done, answers_of)) << "the invitations list links the answers";
  std::string read = admin.Get(answers_of).body;
  EXPECT_TRUE(Has(read, "Answers: Espoo – ICT management")) << read;
  EXPECT_TRUE(Has(read, "Submitted ")) << read;
  EXPECT_TRUE(Has(read, "Own ICT unit")) << "the answer in words";
  EXPECT_FALSE(Has(read, "name=\"main_provider\"")) << "read-only: no fields";
  // The stage has closed: its answers are final, for the team as for the
  // respondent.
  EXPECT_FALSE(Has(read, "/reopen")) << "no reopening offered";
  HttpReply final_answers = admin.Post(answers_of + "/reopen", "csrf=" + CsrfOf(read));
  EXPECT_EQ(final_answers.status, 409);
  EXPECT_TRUE(Has(final_answers.body, "the stage no longer allows changes")) << final_answers.body;
  // With the stage open again, they can be reopened.
  const Date today = clock_.Today();
  auto day = [&](int days) {
    return Date::FromDaysSinceEpoch(today.DaysSinceEpoch() + days).ToString();
  };
  ASSERT_TRUE(app_->rounds()
                  .SetStages(kRound,
                             "stage,name,sections,opens,closes,publishes\n1,All,1 2 3 4 5 6 7 8," +
                                 day(-7) + "," + day(30) + "," + day(40) + "\n",
                             "stages.csv")
                  .ok());
  read = admin.Get(answers_of).body;
  EXPECT_TRUE(Has(read, "/reopen")) << read;
  HttpReply reopened =
      admin.Post(answers_of + "/reopen", "csrf=" + CsrfOf(read));
  ASSERT_EQ(reopened.status, 303) << reopened.body;
  std::string after = admin.Get(reopened.Header("location")).body;
  EXPECT_TRUE(Has(after, "The answers were reopened for changes.")) << after;
  EXPECT_TRUE(Has(after, "In progress: the answers have not been submitted yet."));
  EXPECT_EQ(respondent.Get("/q/answers").Header("location"), "/q/review")
      << "the respondent's answers are a draft again";
  // Reopening a draft is refused, and changes nothing.
  EXPECT_EQ(admin.Post(answers_of + "/reopen", "csrf=" + CsrfOf(read)).status, 409);
  std::string audit = admin.Get("/admin/audit").body;
  EXPECT_TRUE(Has(audit, "response.view"));
  EXPECT_TRUE(Has(audit, "response.reopen"));
}

}  // namespace
}  // namespace kartla
