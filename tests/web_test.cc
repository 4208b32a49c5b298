// The respondent's pages over real HTTP: the server on loopback, a database
// in a temporary folder with the example round, and a client per browser.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "app/web_wiring.h"
#include "core/local_time.h"
#include "forms/form_file.h"
#include "forms/workbook.h"
#include "tests/support/example_app.h"
#include "tests/support/http_client.h"
#include "tests/support/temp_dir.h"
#include "web/http_server.h"
#include "web/web_app.h"

namespace kartla {
namespace {

using testing::CsrfOf;
using testing::HttpClient;
using testing::HttpReply;

using testing::Has;

class WebTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app_ = testing::OpenExampleApp(dir_.path(), clock_);
    web::WebServices services = WebServicesOf(*app_);
    web::ServerOptions options;
    options.port = 0;
    options.body_limit = 64 << 10;
    auto server = web::StartHttpServer(options, web::MakeWebHandler(services, {}));
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
  }

  // A new invitation's token for `org` to the ICT questionnaire.
  std::string Invite(const std::string& org, std::optional<Lang> lang = Lang::kEn) {
    auto issued = app_->invitations().Create(
        {"digimapping-2025", "ict_management", org, lang});
    EXPECT_TRUE(issued.ok()) << issued.status().ToString();
    return issued->token;
  }

  // Follows a link; returns the first page's HTML.
  std::string Start(HttpClient& client, const std::string& token) {
    HttpReply link = client.Get("/r/" + token);
    EXPECT_EQ(link.status, 303);
    EXPECT_EQ(link.Header("location"), "/q?opened=1");
    EXPECT_TRUE(Has(link.Header("set-cookie"), "HttpOnly; SameSite=Lax"));
    HttpReply start = client.Get(link.Header("location"));
    EXPECT_EQ(start.status, 303);
    std::string at = start.Header("location");
    if (at == "/q/start") {
      // A first visit: the start page, whose button leads to the first page.
      HttpReply welcome = client.Get(at);
      EXPECT_EQ(welcome.status, 200);
      std::smatch go;
      EXPECT_TRUE(std::regex_search(welcome.body, go, std::regex("class=\"button\" href=\"([^\"]+)\"")))
          << welcome.body;
      at = go[1];
    }
    HttpReply page = client.Get(at);
    EXPECT_EQ(page.status, 200);
    return page.body;
  }

  std::map<std::string, std::string> StoredAnswers(const std::string& token) {
    auto invitation = app_->invitations().FindByToken(token);
    auto response = app_->storage().responses().FindByInvitation(invitation->id);
    return response ? response->answers : std::map<std::string, std::string>{};
  }

  static std::string Page1(const std::string& csrf, const std::string& maturity = "4") {
    return "csrf=" + csrf +
           "&arrangement_1=own&arrangement_2=regional&arrangement_3=bought"
           "&ict_responsible=shared&main_provider=other"
           "&main_provider_other=Kuntayhtym%C3%A4&maturity=" + maturity +
           "&comments_2=Hyv%C3%A4+kysely&go=next";
  }

  static std::string Page2(const std::string& csrf, const std::string& management) {
    return "csrf=" + csrf +
           "&operating_costs=1250%2C5&investments=300&staff_2022=4&staff_2023=4.5"
           "&staff_2024=5&time_maintenance=40&time_development=30&time_projects=20"
           "&time_management=" + management +
           "&cost_change=grew_lot&strategy_date=2024-05-01&go=next";
  }

  testing::TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<App> app_;
  std::unique_ptr<web::HttpServer> server_;
};

// Answers for every field of a page, taken from its HTML: a choice of each
// group of radio buttons, two boxes of each group, a position for each
// thing to rank, and text, numbers and dates typed in.
// The section headings of a page, in order: its <h2> elements.
std::string Headings(const std::string& page) {
  std::string headings;
  for (size_t at = page.find("<h2>"); at != std::string::npos; at = page.find("<h2>", at + 1)) {
    headings += page.substr(at, page.find("</h2>", at) + 5 - at);
  }
  return headings;
}

std::string FillIn(const std::string& page, const std::string& csrf) {
  std::string body = "csrf=" + csrf + "&go=next";
  std::map<std::string, int> seen;
  static const std::regex kInput(
      R"re(<input type="(radio|checkbox|text|date)" name="([^"]+)"(?: value="([^"]*)")?(?: id="[^"]*")?(?: value="([^"]*)")?( inputmode="numeric"| inputmode="decimal")?)re");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), kInput);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    std::string type = m[1], name = m[2], value = m[3];
    int count = seen[name]++;
    if (type == "radio") {
      if (count == 1) body += "&" + name + "=" + value;
    } else if (type == "checkbox") {
      if (count < 2) body += "&" + name + "=" + value;
    } else if (type == "date") {
      body += "&" + name + "=2024-05-01";
    } else {
      std::string mode = m[5];
      body += "&" + name + "=" + (Has(mode, "numeric") ? "7" : Has(mode, "decimal") ? "2.5"
                                                                                 : "Abc+%26+%3Cx%3E");
    }
  }
  static const std::regex kSelect(R"re(<select name="([^"]+)")re");
  int position = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), kSelect);
       it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1];
    size_t options = page.find("<option value=\"", page.find(name) + 1);
    options = page.find("<option value=\"", options + 1);  // past the empty one
    size_t start = options + 15;
    std::string first = page.substr(start, page.find('"', start) - start);
    body += "&" + name + "=" + (Has(name, "__rank__") ? std::to_string(++position) : first);
  }
  static const std::regex kArea(R"re(<textarea name="([^"]+)")re");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), kArea);
       it != std::sregex_iterator(); ++it) {
    body += "&" + (*it)[1].str() + "=Line+1%0D%0ALine+2";
  }
  return body;
}

// A request to `handler` in memory, as from 127.0.0.1 with `cookie`; a
// POST's body form-encoded.
web::HttpResponse Send(web::Handler& handler, web::Method method, const std::string& path,
                       const std::string& cookie, const std::string& body = "") {
  web::HttpRequest request;
  request.method = method;
  request.target = path;
  EXPECT_TRUE(web::ParseTarget(path, request.path, request.query).ok()) << path;
  request.remote_address = "127.0.0.1";
  if (!cookie.empty()) request.headers["cookie"] = cookie;
  if (method == web::Method::kPost) {
    request.headers["content-type"] = "application/x-www-form-urlencoded";
    request.body = body;
  }
  return handler(request);
}

// Questions prepared once per questionnaire and language render as the
// views made afresh do, on every page of the four example questionnaires in
// three languages: unanswered, with errors, and answered.
TEST(PreparedQuestionsTest, PagesAreTheSameAsWithoutPreparing) {
  testing::TempDir dir;
  SystemClock clock;
  auto app = testing::OpenExampleApp(dir.path(), clock);
  web::WebServices services = WebServicesOf(*app);
  web::WebOptions plain_options;
  plain_options.prepare_questions = false;
  web::Handler prepared = web::MakeWebHandler(services, {}).handle;
  web::Handler plain = web::MakeWebHandler(services, plain_options).handle;
  int pages = 0;
  const char* orgs[] = {"005", "009", "010", "016", "018", "019",
                        "020", "035", "043", "046", "047", "049"};
  int next_org = 0;
  for (const char* group : {"chief_executives", "sector_management", "administration_management",
                            "ict_management"}) {
    for (Lang lang : kAllLangs) {
      auto issued = app->invitations().Create(
          {"digimapping-2025", group, orgs[next_org++], lang});
      ASSERT_TRUE(issued.ok()) << issued.status().ToString();
      web::HttpResponse link = Send(prepared, web::Method::kGet, "/r/" + issued->token, "");
      std::string cookie = link.Get("Set-Cookie");
      cookie = cookie.substr(0, cookie.find(';'));
      auto both = [&](web::Method method, const std::string& path, const std::string& body) {
        web::HttpResponse a = Send(prepared, method, path, cookie, body);
        web::HttpResponse b = Send(plain, method, path, cookie, body);
        EXPECT_EQ(a.status, b.status) << group << " " << path;
        EXPECT_EQ(a.Get("Location"), b.Get("Location")) << group << " " << path;
        EXPECT_EQ(a.body, b.body) << group << " " << LangCode(lang) << " " << path << " "
                                  << body;
        return a;
      };
      for (int page = 1;; ++page) {
        std::string path = "/q/page/" + std::to_string(page);
        web::HttpResponse shown = both(web::Method::kGet, path, "");
        if (shown.status == 404) break;
        if (shown.status != 200) continue;
        ++pages;
        std::string csrf = CsrfOf(shown.body);
        both(web::Method::kPost, path, "csrf=" + csrf + "&go=next");  // errors
        both(web::Method::kPost, path, FillIn(shown.body, csrf));
        both(web::Method::kGet, path, "");
      }
    }
  }
  EXPECT_GE(pages, 24);
}

// Imports the form in `file` and asks it of ICT management in a new round
// `round_code` (its series the code's part before '-'; late answers taken);
// the token of organisation 091's link in `lang`.
Result<std::string> LinkToNewRound(App& app, const std::string& file,
                                   const std::string& round_code, Lang lang) {
  auto workbook = forms::ReadWorkbookFile(file);
  if (!workbook.ok()) return workbook.status();
  auto imported = app.forms().ImportWorkbook(*workbook, file);
  if (!imported.ok()) return imported.status();
  rounds::CreateRoundRequest round;
  round.series_code = round_code.substr(0, round_code.find('-'));
  round.code = round_code;
  round.late_answers = true;
  if (auto created = app.rounds().CreateRound(round); !created.ok()) return created.status();
  rounds::AddQuestionnaireRequest add;
  add.round_code = round.code;
  add.form_id = imported->version.form_id;
  add.form_version = imported->version.number;
  add.target_group = "ict_management";
  if (auto added = app.rounds().AddQuestionnaire(add); !added.ok()) return added.status();
  auto issued = app.invitations().Create({round.code, "ict_management", "091", lang});
  if (!issued.ok()) return issued.status();
  return issued->token;
}

// Every valid form of the corpus written in pyxform's syntax
// (tests/forms/pyxform) works as a questionnaire: imported, added to a
// round, invited, each page rendered, filled in and saved to the end.
TEST(CorpusTest, EveryValidFormOfThePyxformCorpusIsAnsweredPageByPage) {
  testing::TempDir dir;
  SystemClock clock;
  auto app = testing::OpenExampleApp(dir.path(), clock);
  web::Handler handler = web::MakeWebHandler(WebServicesOf(*app), {}).handle;
  const std::string folder = KARTLA_SOURCE_DIR "/tests/forms/pyxform";
  std::set<std::string> refused;
  std::ifstream in(folder + "/expected.txt");
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') refused.insert(line.substr(0, line.find('.')));
  }
  auto files = forms::FindFormFiles(folder);
  ASSERT_TRUE(files.ok());
  int forms = 0, pages = 0;
  for (const std::string& file : *files) {
    const std::string name = std::filesystem::path(file).filename().string();
    const std::string stem = name.substr(0, name.find('.'));
    if (refused.contains(stem)) continue;
    const std::string round = "corpus-" + std::to_string(forms);
    auto token = LinkToNewRound(*app, file, round, Lang::kEn);
    ASSERT_TRUE(token.ok()) << stem << ": " << token.status().ToString();
    ++forms;
    web::HttpResponse link = Send(handler, web::Method::kGet, "/r/" + *token, "");
    ASSERT_EQ(link.status, 303) << stem;
    std::string cookie = link.Get("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    // Each page filled in and saved moves on (or, where the answers reveal
    // a question, shows the same page once more), until the end.
    bool ended = false;
    std::string csrf;
    for (int page = 1, again = 0; !ended && again < 2;) {
      const std::string path = "/q/page/" + std::to_string(page);
      web::HttpResponse shown = Send(handler, web::Method::kGet, path, cookie);
      ASSERT_EQ(shown.status, 200) << stem << " " << path;
      ++pages;
      csrf = CsrfOf(shown.body);
      web::HttpResponse saved = Send(handler, web::Method::kPost, path, cookie, FillIn(shown.body, csrf));
      ASSERT_EQ(saved.status, 303) << stem << " " << path << "\n" << saved.body;
      const std::string next = saved.Get("Location");
      if (!next.starts_with("/q/page/")) {
        ended = true;
      } else if (next.starts_with(path + "#") || next == path) {
        ++again;
      } else {
        ASSERT_EQ(next, "/q/page/" + std::to_string(page + 1)) << stem;
        ++page, again = 0;
      }
    }
    EXPECT_TRUE(ended) << stem << " did not reach its end";
    // Submitted, the answers are what the tables are made of.
    web::HttpResponse submitted = Send(handler, web::Method::kPost, "/q/submit", cookie, "csrf=" + csrf);
    ASSERT_EQ(submitted.status, 303) << stem << "\n" << submitted.body;
    auto dataset = app->ResultsDataset(round, "ict_management");
    ASSERT_TRUE(dataset.ok()) << stem << ": " << dataset.status().ToString();
    EXPECT_EQ(dataset->rows, 1u) << stem;
    EXPECT_EQ(dataset->organisations, std::vector<std::string>{"091"}) << stem;
    // Own answers and the printed questionnaire put the pages under the
    // same headings: the sections', else the form's title or its id.
    const std::string answers = Send(handler, web::Method::kGet, "/q/answers", cookie).body;
    const std::string printed = Send(handler, web::Method::kGet, "/q/print", cookie).body;
    EXPECT_EQ(Headings(answers), Headings(printed)) << stem;
    EXPECT_FALSE(Headings(answers).empty()) << stem;
    EXPECT_EQ(Headings(answers).find("<h2></h2>"), std::string::npos) << stem;
    if (stem == "text-question") {
      // The one-question form without choices, end to end.
      const stats::DatasetColumn* answered = dataset->Column("name");
      ASSERT_NE(answered, nullptr);
      ASSERT_EQ(answered->texts.size(), 1u);
      EXPECT_EQ(answered->texts[0], "Abc & <x>");
    }
  }
  EXPECT_EQ(forms, int(files->size() - refused.size()));
  EXPECT_GE(pages, forms);
}

// A form in Northern Sámi and English is answered in Sámi: its questions,
// choices and messages in Sámi, the page's language "se", a switch between
// the form's two languages only; the interface's words, for want of a Sámi
// catalogue, in English and marked as such.
TEST(LanguagesTest, ARespondentAnswersInAnyOfTheFormsLanguages) {
  testing::TempDir dir;
  SystemClock clock;
  auto app = testing::OpenExampleApp(dir.path(), clock);
  web::Handler handler = web::MakeWebHandler(WebServicesOf(*app), {}).handle;
  const std::string file = KARTLA_SOURCE_DIR "/tests/forms/pyxform/sami-and-english.survey.csv";
  const std::string round = "sami-2026";
  auto token = LinkToNewRound(*app, file, round, Lang::kFi);
  ASSERT_TRUE(token.ok()) << token.status().ToString();

  web::HttpResponse link = Send(handler, web::Method::kGet, "/r/" + *token + "?lang=se", "");
  ASSERT_EQ(link.status, 303);
  std::string cookie = link.Get("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  web::HttpResponse page = Send(handler, web::Method::kGet, "/q/page/1", cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "<html lang=\"se\">"));
  EXPECT_TRUE(Has(page.body, "Leago gielddas digitaliserenstrategiija?"));
  EXPECT_TRUE(Has(page.body, ">Juo</label>"));
  EXPECT_TRUE(Has(page.body, "Čále logu."));
  EXPECT_TRUE(Has(page.body, "Gielddaid digitaliseren"));
  EXPECT_TRUE(Has(page.body, "value=\"se\" lang=\"se\""));
  EXPECT_TRUE(Has(page.body, ">Davvisámegillii</button>"));
  EXPECT_TRUE(Has(page.body, "value=\"en\" lang=\"en\""));
  EXPECT_FALSE(Has(page.body, "value=\"fi\" lang=\"fi\"")) << "the form has no Finnish";
  EXPECT_TRUE(Has(page.body, "<div class=\"page-buttons\" lang=\"en\">"));
  EXPECT_TRUE(Has(page.body, "Save and continue"));
  // The form's own messages in Sámi.
  const std::string csrf = CsrfOf(page.body);
  web::HttpResponse wrong = Send(handler, web::Method::kPost, "/q/page/1", cookie,
                                 "csrf=" + csrf + "&go=next&strategy=yes&ict_staff=-3");
  ASSERT_EQ(wrong.status, 200) << wrong.body;
  EXPECT_TRUE(Has(wrong.body, "Logu galgá leat 0 dahje eanet."));
  EXPECT_TRUE(Has(wrong.body, "other answers are saved")) << "the answer to strategy was kept";
  // Nothing right given, nothing is said to be kept.
  web::HttpResponse nothing = Send(handler, web::Method::kPost, "/q/page/1", cookie,
                                   "csrf=" + csrf + "&go=next&strategy=&ict_staff=-3");
  EXPECT_TRUE(Has(nothing.body, "Logu galgá leat 0 dahje eanet."));
  EXPECT_FALSE(Has(nothing.body, "other answers are saved"));
  // A language the form is not written in is not offered.
  EXPECT_EQ(Send(handler, web::Method::kPost, "/q/language", cookie,
                 "csrf=" + csrf + "&lang=de&next=/q/page/1").status, 400);
  // Switched to English, the same questions in English, nothing marked.
  web::HttpResponse switched = Send(handler, web::Method::kPost, "/q/language", cookie,
                                    "csrf=" + csrf + "&lang=en&next=/q/page/1");
  ASSERT_EQ(switched.status, 303);
  page = Send(handler, web::Method::kGet, "/q/page/1", cookie);
  EXPECT_TRUE(Has(page.body, "<html lang=\"en\">"));
  EXPECT_TRUE(Has(page.body, "Does the municipality have a digitalisation strategy?"));
  EXPECT_TRUE(Has(page.body, "<div class=\"page-buttons\">"));
  // And back to Sámi, answered to the end.
  Send(handler, web::Method::kPost, "/q/language", cookie, "csrf=" + csrf + "&lang=se&next=/q");
  web::HttpResponse saved = Send(handler, web::Method::kPost, "/q/page/1", cookie,
                                 "csrf=" + csrf + "&go=next&strategy=yes&ict_staff=4&plans=B%C3%A1lvalusat");
  ASSERT_EQ(saved.status, 303) << saved.body;
  web::HttpResponse review = Send(handler, web::Method::kGet, "/q/review", cookie);
  EXPECT_TRUE(Has(review.body, "<html lang=\"se\">"));
  EXPECT_TRUE(Has(review.body, "Juo"));
  ASSERT_EQ(Send(handler, web::Method::kPost, "/q/submit", cookie, "csrf=" + csrf).status, 303);
  auto dataset = app->ResultsDataset(round, "ict_management");
  ASSERT_TRUE(dataset.ok()) << dataset.status().ToString();
  EXPECT_EQ(dataset->rows, 1u);
}

TEST_F(WebTest, AnswersTheIctQuestionnaireFromLinkToOwnAnswers) {
  std::string token = Invite("091");
  HttpClient client(server_->port());
  std::string first = Start(client, token);
  EXPECT_TRUE(Has(first, "<html lang=\"en\">"));
  EXPECT_TRUE(Has(first, "Page 1 of 2"));
  EXPECT_TRUE(Has(first, "<caption>How is each service arranged?</caption>"));
  std::string csrf = CsrfOf(first);
  ASSERT_FALSE(csrf.empty());
  // "Page 1 of 2" with a bar beside it, named by that text; the section's
  // heading as the form names it, never the round's "Section 2".
  EXPECT_TRUE(Has(first, "<progress value=\"1\" max=\"2\" aria-labelledby=\"progress\">"))
      << first;
  EXPECT_FALSE(Has(first, "Section 2")) << first;

  // Nothing answered: every required question is listed at the top.
  HttpReply empty = client.Post("/q/page/1", "csrf=" + csrf + "&go=next");
  EXPECT_EQ(empty.status, 200);
  EXPECT_TRUE(Has(empty.body, "There is a problem"));
  EXPECT_TRUE(Has(empty.body, "href=\"#f-arrangement_1\">How is each service arranged? – "
                              "Workstation support: Answer this question."))
      << empty.body;
  EXPECT_TRUE(Has(empty.body, "<title>Error: "));

  HttpReply page1 = client.Post("/q/page/1", Page1(csrf));
  ASSERT_EQ(page1.status, 303) << page1.body;
  EXPECT_EQ(page1.Header("location"), "/q/page/2");
  EXPECT_EQ(StoredAnswers(token)["main_provider_other"], "Kuntayhtymä");
  EXPECT_EQ(StoredAnswers(token)["org_code"], "091");  // prefilled

  // Submitting with page 2 unanswered: redirected to the review, which
  // lists what stops it (POST-redirect-GET: a reload posts nothing again).
  HttpReply early = client.Post("/q/submit", "csrf=" + csrf);
  ASSERT_EQ(early.status, 303);
  EXPECT_EQ(early.Header("location"), "/q/review?problems=1");
  HttpReply problems = client.Get("/q/review?problems=1");
  EXPECT_EQ(problems.status, 200);
  EXPECT_TRUE(Has(problems.body, "There is a problem")) << problems.body;
  EXPECT_TRUE(Has(problems.body, "href=\"/q/page/2\"")) << problems.body;
  EXPECT_FALSE(Has(client.Get("/q/review").body, "There is a problem"));

  // A split that does not total 100 is refused with the form's message...
  HttpReply wrong = client.Post("/q/page/2", Page2(csrf, "5"));
  EXPECT_EQ(wrong.status, 200);
  EXPECT_TRUE(Has(wrong.body, "The shares must add up to 100.")) << wrong.body;
  // What was typed ("1250,5") stays, as English writes the number.
  EXPECT_TRUE(Has(wrong.body, "value=\"1,250.5\"")) << wrong.body;
  // The page's valid answers are kept as a draft (the page stays the one
  // to resume at), the refused ones are not.
  EXPECT_TRUE(Has(wrong.body, "other answers are saved; correct the ones marked")) << wrong.body;
  EXPECT_EQ(StoredAnswers(token)["operating_costs"], "1250.5");
  EXPECT_EQ(StoredAnswers(token).count("time_management"), 0u);
  EXPECT_EQ(client.Get("/q").Header("location"), "/q/page/2");
  // "Grew a lot", kept, shows the question why on the page with the error:
  // seen there, it is answered with the correction, and one press goes on.
  EXPECT_TRUE(Has(wrong.body, "Why did the costs change a lot?"));
  HttpReply why = client.Post("/q/page/2", Page2(csrf, "10") +
                                               "&cost_change_why=New+systems");
  ASSERT_EQ(why.status, 303);
  EXPECT_EQ(why.Header("location"), "/q/review");
  EXPECT_EQ(StoredAnswers(token)["operating_costs"], "1250.5");
  EXPECT_EQ(StoredAnswers(token)["time_management"], "10");
  HttpReply again = client.Get("/q/page/2");

  // Leaving and coming back by the same link resumes at the review.
  HttpClient later(server_->port());
  later.Get("/r/" + token);
  EXPECT_EQ(later.Get("/q").Header("location"), "/q/review");

  // A group of fields is one question: a fieldset whose legend is the
  // group's label on the page, one answer on the review and in the CSV.
  EXPECT_TRUE(Has(again.body, "<fieldset class=\"field-group\">\n<legend>ICT staff in "
                              "person-years</legend>"))
      << again.body;
  // The printable questionnaire: every section, question and choice, and
  // when a follow-up is asked.
  HttpReply print = client.Get("/q/print");
  EXPECT_EQ(print.status, 200);
  EXPECT_TRUE(Has(print.body, "<h2>ICT costs and resources</h2>")) << print.body;
  EXPECT_TRUE(Has(print.body, "<th scope=\"row\">In 2022</th>")) << print.body;
  EXPECT_TRUE(Has(print.body, "Answer if “How did ICT operating costs change from last year?” is "
                              "“Grew a lot (over 10%)”"))
      << print.body;
  EXPECT_TRUE(Has(print.body, "<li>Grew somewhat</li>")) << print.body;
  HttpReply review = client.Get("/q/review");
  EXPECT_TRUE(Has(review.body, "<dt>ICT staff in person-years</dt>")) << review.body;
  EXPECT_TRUE(Has(review.body, "In 2022: 4</span><span class=\"answer-line\">In 2023: 4.5"))
      << review.body;
  EXPECT_TRUE(Has(review.body, "<dt>How is each service arranged?</dt>")) << review.body;
  EXPECT_TRUE(Has(review.body, "Kuntayhtymä"));
  EXPECT_TRUE(Has(review.body, "New systems"));
  EXPECT_TRUE(Has(review.body, "1,250.5")) << review.body;
  EXPECT_TRUE(Has(review.body, "1 May 2024")) << review.body;
  EXPECT_TRUE(Has(review.body, "href=\"/q/page/2\""));
  HttpReply submit = client.Post("/q/submit", "csrf=" + csrf);
  ASSERT_EQ(submit.status, 303);
  HttpReply receipt = client.Get(submit.Header("location"));
  EXPECT_TRUE(Has(receipt.body, "Thank you for your answers"));
  EXPECT_TRUE(Has(receipt.body, "Reference number: <strong>K-"));
  // When, in the survey's time zone, as English writes it (not
  // "2026-12-02T04:06:17Z").
  EXPECT_TRUE(std::regex_search(receipt.body,
                                std::regex("received on [0-9]{1,2} [A-Z][a-z]+ 20[0-9]{2} at "
                                           "[0-9]{2}:[0-9]{2}\\.")))
      << receipt.body;
  // The own answers say whose they are, printed or not.
  HttpReply own = client.Get("/q/answers");
  EXPECT_TRUE(Has(own.body, "<dt>Organisation</dt><dd>")) << own.body;
  EXPECT_TRUE(Has(own.body, "<dt>Reference number</dt><dd>K-")) << own.body;
  HttpReply csv = client.Get("/q/answers.csv");
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(Has(csv.body, "\"operating_costs\",\"Budgeted ICT operating costs 2025 (1000 €)\",\"1,250.5\",\"1250.5\""))
      << csv.body;
  EXPECT_TRUE(Has(csv.body, "\"staff_2022\",\"ICT staff in person-years – In 2022\",\"4\""))
      << csv.body;
  // Submitted answers can no longer be changed through the pages.
  HttpReply late = client.Post("/q/page/1", Page1(csrf, "2"));
  EXPECT_EQ(late.Header("location"), "/q/answers");
  EXPECT_EQ(StoredAnswers(token)["maturity"], "4");
}

// "Continue later" on a page: what is valid is saved (the rest of the page
// may be unanswered or wrong), the page says how to come back and until
// when; the link then opens the page the respondent was on, with a welcome.
TEST_F(WebTest, ContinueLaterSavesWhatIsValidAndWelcomesTheRespondentBack) {
  // A stage open until today: the page says until when.
  const Date today = Date::FromTimePoint(clock_.Now());
  ASSERT_TRUE(app_->rounds()
                  .SetStages("digimapping-2025",
                             "stage,name,sections,opens,closes,publishes\n"
                             "1,All,1 2 3 4 5 6 7 8,2000-01-01," + today.ToString() +
                                 ",2100-01-01\n",
                             "stages.csv")
                  .ok());
  std::string token = Invite("091");
  HttpClient client(server_->port());
  std::string first = Start(client, token);
  EXPECT_TRUE(Has(first, "value=\"later\" class=\"secondary\">Continue later</button>")) << first;
  EXPECT_FALSE(Has(first, "Welcome back")) << "a first visit is no return";
  const std::string csrf = CsrfOf(first);
  ASSERT_EQ(client.Post("/q/page/1", Page1(csrf)).status, 303);
  // Page 2 half done, one figure wrong: saved as far as it is valid.
  HttpReply later = client.Post(
      "/q/page/2", "csrf=" + csrf + "&operating_costs=1250%2C5&investments=lots&go=later");
  ASSERT_EQ(later.status, 303);
  EXPECT_EQ(later.Header("location"), "/q/later");
  EXPECT_EQ(StoredAnswers(token)["operating_costs"], "1250.5");
  EXPECT_EQ(StoredAnswers(token).count("investments"), 0u);
  HttpReply saved = client.Get("/q/later");
  EXPECT_EQ(saved.status, 200);
  EXPECT_TRUE(Has(saved.body, "<h1>Your answers are saved</h1>")) << saved.body;
  EXPECT_TRUE(Has(saved.body, "you will come back to page 2 of 2")) << saved.body;
  EXPECT_TRUE(Has(saved.body, "The questionnaire is open until " +
                                  FormatDay(today.year(), today.month(), today.day(), Lang::kEn)))
      << saved.body;
  EXPECT_TRUE(Has(saved.body, "href=\"/q\"")) << saved.body;
  // Another day, another browser: the link opens page 2 with a welcome.
  HttpClient back(server_->port());
  HttpReply link = back.Get("/r/" + token);
  HttpReply start = back.Get(link.Header("location"));
  EXPECT_EQ(start.Header("location"), "/q/page/2?welcome=1");
  HttpReply page = back.Get(start.Header("location"));
  EXPECT_TRUE(Has(page.body, "Welcome back. You were on page 2 of 2; your answers so far are "
                             "saved."))
      << page.body;
  EXPECT_TRUE(Has(page.body, "value=\"1,250.5\"")) << page.body;
  // Continue later on a valid page saves it and keeps the place.
  std::string whole = Page2(CsrfOf(page.body), "10");
  whole.replace(whole.rfind("go=next"), 7, "go=later");
  HttpReply valid = back.Post("/q/page/2", whole);
  EXPECT_EQ(valid.Header("location"), "/q/later");
  EXPECT_EQ(StoredAnswers(token)["time_management"], "10");
  EXPECT_EQ(back.Get("/q").Header("location"), "/q/page/2");
}

// The optional script asks which of a page's questions the answers on it
// ask: the form's rules decide, with the CSRF token, saving nothing. A
// question not asked yet is on the page, hidden.
TEST_F(WebTest, APageSaysWhichQuestionsItsAnswersAskAndSavesNothing) {
  std::string token = Invite("091");
  HttpClient client(server_->port());
  const std::string csrf = CsrfOf(Start(client, token));
  HttpReply page = client.Get("/q/page/2");
  EXPECT_TRUE(Has(page.body, "id=\"q-cost_change_why\" hidden>")) << page.body;
  HttpReply grew = client.Post("/q/page/2/shown", "csrf=" + csrf + "&cost_change=grew_lot");
  EXPECT_EQ(grew.status, 200);
  EXPECT_EQ(grew.Header("content-type"), "application/json");
  boost::json::value reply = boost::json::parse(grew.body);
  auto names = [](const boost::json::value& list) {
    return boost::json::value_to<std::vector<std::string>>(list);
  };
  const std::vector<std::string> items = names(reply.at("items"));
  EXPECT_NE(std::ranges::find(items, "cost_change_why"), items.end());
  std::vector<std::string> shown = names(reply.at("shown"));
  EXPECT_NE(std::ranges::find(shown, "cost_change_why"), shown.end()) << grew.body;
  shown = names(boost::json::parse(client.Post("/q/page/2/shown",
                                               "csrf=" + csrf + "&cost_change=same")
                                       .body)
                    .at("shown"));
  EXPECT_EQ(std::ranges::find(shown, "cost_change_why"), shown.end());
  EXPECT_EQ(StoredAnswers(token).count("cost_change"), 0u) << "nothing saved";
  EXPECT_EQ(client.Post("/q/page/2/shown", "cost_change=grew_lot").status, 403);
}

// A first visit opens the start page: the organisation, about how long it
// takes, how saving works, and the sections with their state, each begun
// one a link back to it; every page links to it.
TEST_F(WebTest, TheStartPageSaysWhatItIsAndWhereTheRespondentIs) {
  std::string token = Invite("091");
  HttpClient client(server_->port());
  HttpReply link = client.Get("/r/" + token);
  EXPECT_EQ(client.Get(link.Header("location")).Header("location"), "/q/start");
  HttpReply start = client.Get("/q/start");
  EXPECT_EQ(start.status, 200);
  EXPECT_TRUE(Has(start.body, "<dt>Organisation</dt><dd>Helsinki</dd>")) << start.body;
  EXPECT_TRUE(std::regex_search(start.body, std::regex("<dt>It takes</dt><dd>about [0-9]+ min</dd>")))
      << start.body;
  EXPECT_TRUE(Has(start.body, "Your answers are saved page by page")) << start.body;
  // The example round's privacy notice and contact.
  EXPECT_TRUE(Has(start.body, "<h2>How your answers are used</h2>")) << start.body;
  EXPECT_TRUE(Has(start.body, "no single organisation&apos;s answers are published"))
      << start.body;
  EXPECT_TRUE(Has(start.body, "digikartoitus@example.org")) << start.body;
  EXPECT_TRUE(Has(start.body, "href=\"/q/page/1\">Start</a>")) << start.body;
  // Nothing answered yet: every section not started, the first a link.
  EXPECT_TRUE(Has(start.body, "<a href=\"/q/page/1\">Organisation of ICT services</a> "
                              "<span class=\"state\">Not started</span>"))
      << start.body;
  EXPECT_FALSE(Has(start.body, "<span class=\"state\">In progress</span>")) << start.body;
  EXPECT_FALSE(Has(start.body, "<span class=\"state\">Done</span>")) << start.body;
  HttpReply first = client.Get("/q/page/1");
  EXPECT_TRUE(Has(first.body, "<a href=\"/q/start\">Sections and instructions</a>"));
  ASSERT_EQ(client.Post("/q/page/1", Page1(CsrfOf(first.body))).status, 303);
  start = client.Get("/q/start");
  EXPECT_TRUE(Has(start.body, "<span class=\"state\">Done</span>")) << start.body;
  EXPECT_TRUE(Has(start.body, "<a href=\"/q/page/2\">ICT costs and resources</a> "
                              "<span class=\"state\">In progress</span>"))
      << start.body;
  EXPECT_TRUE(Has(start.body, "href=\"/q\">Continue</a>")) << start.body;
  // Coming back by the link goes to the page, not the start page.
  HttpClient back(server_->port());
  HttpReply again = back.Get("/r/" + token);
  EXPECT_EQ(back.Get(again.Header("location")).Header("location"), "/q/page/2?welcome=1");
}

TEST_F(WebTest, SubmittedAnswersReopenOnlyWhileTheStageIsOpen) {
  std::string token = Invite("091");
  HttpClient client(server_->port());
  std::string csrf = CsrfOf(Start(client, token));
  ASSERT_EQ(client.Post("/q/page/1", Page1(csrf)).status, 303);
  ASSERT_EQ(client.Post("/q/page/2", Page2(csrf, "10") + "&cost_change_why=x").status, 303);
  ASSERT_EQ(client.Post("/q/submit", "csrf=" + csrf).status, 303);
  // The example stages closed in 2025.
  HttpReply closed = client.Get("/q/answers");
  EXPECT_TRUE(Has(closed.body, "closed on ")) << closed.body;
  EXPECT_TRUE(Has(closed.body, "so the answers you submitted can no longer be changed"))
      << closed.body;
  EXPECT_TRUE(Has(client.Get("/q/receipt").body,
                  "so the answers you submitted can no longer be changed"));
  EXPECT_FALSE(Has(closed.body, "action=\"/q/reopen\""));
  EXPECT_EQ(client.Post("/q/reopen", "csrf=" + csrf).Header("location"), "/q/answers");

  // Stages open today: the answers can be reopened, corrected and sent again.
  std::string today = Date::FromTimePoint(clock_.Now()).ToString();
  std::string stages = "stage,name,sections,opens,closes,publishes\n"
                       "1,All,1 2 3 4 5 6 7 8,2000-01-01," + today + ",2100-01-01\n";
  ASSERT_TRUE(app_->rounds().SetStages("digimapping-2025", stages, "stages.csv").ok());
  HttpReply open = client.Get("/q/answers");
  EXPECT_TRUE(Has(open.body, "action=\"/q/reopen\"")) << open.body;
  const Date until = Date::FromTimePoint(clock_.Now());
  EXPECT_TRUE(Has(open.body, "You can reopen your answers to correct them until " +
                                 FormatDay(until.year(), until.month(), until.day(), Lang::kEn)))
      << open.body;
  // The printable questionnaire says the date to answer by.
  const Date closes = Date::FromTimePoint(clock_.Now());
  EXPECT_TRUE(Has(client.Get("/q/print").body,
                  "Please answer by " + FormatDay(closes.year(), closes.month(), closes.day(),
                                                  Lang::kEn)))
      << client.Get("/q/print").body;
  HttpReply reopened = client.Post("/q/reopen", "csrf=" + csrf);
  EXPECT_EQ(reopened.Header("location"), "/q/review");
  ASSERT_EQ(client.Post("/q/page/1", Page1(csrf, "2")).status, 303);
  EXPECT_EQ(StoredAnswers(token)["maturity"], "2");
  ASSERT_EQ(client.Post("/q/submit", "csrf=" + csrf).status, 303);
  EXPECT_TRUE(Has(client.Get("/q/receipt").body, "Thank you for your answers"));
}

TEST_F(WebTest, AnswersToAClosedStageAreRefusedUnlessTheRoundTakesLateAnswers) {
  std::string token = Invite("091");
  HttpClient client(server_->port());
  std::string csrf = CsrfOf(Start(client, token));
  ASSERT_EQ(client.Post("/q/page/1", Page1(csrf, "4")).status, 303);
  // The example's stages closed in 2025; it takes late answers until the
  // survey team stops them, and the start page, the page left for later
  // and the printable questionnaire say so.
  HttpReply late = client.Get("/q/start");
  EXPECT_TRUE(Has(late.body, "<dt>Answers were due by</dt><dd>23 May 2025; late answers are "
                             "still taken</dd>"))
      << late.body;
  EXPECT_TRUE(Has(client.Get("/q/later").body,
                  "Answers were due by 23 May 2025; late answers are still taken."));
  EXPECT_TRUE(Has(client.Get("/q/print").body,
                  "Answers were due by 23 May 2025; late answers are still taken."));
  ASSERT_TRUE(app_->rounds().SetLateAnswers("digimapping-2025", false).ok());
  EXPECT_TRUE(Has(client.Get("/q/start").body, "<dt>Answering ended</dt><dd>23 May 2025</dd>"));
  EXPECT_TRUE(Has(client.Get("/q/later").body, "Answering ended on 23 May 2025."));
  HttpReply refused = client.Post("/q/page/1", Page1(csrf, "2"));
  EXPECT_EQ(refused.status, 409);
  EXPECT_TRUE(Has(refused.body, "This part of the survey has closed")) << refused.body;
  EXPECT_TRUE(Has(refused.body, "were taken until 23 May 2025")) << refused.body;
  EXPECT_EQ(StoredAnswers(token)["maturity"], "4");  // what was saved stays
  HttpReply submit = client.Post("/q/submit", "csrf=" + csrf);
  EXPECT_EQ(submit.status, 409);
  EXPECT_TRUE(Has(submit.body, "were taken until 23 May 2025")) << submit.body;
  // A stage open today takes answers again.
  std::string today = Date::FromTimePoint(clock_.Now()).ToString();
  ASSERT_TRUE(app_->rounds()
                  .SetStages("digimapping-2025",
                             "stage,name,sections,opens,closes,publishes\n"
                             "1,All,1 2 3 4 5 6 7 8,2000-01-01," + today + ",2100-01-01\n",
                             "stages.csv")
                  .ok());
  EXPECT_EQ(client.Post("/q/page/1", Page1(csrf, "2")).status, 303);
  EXPECT_EQ(StoredAnswers(token)["maturity"], "2");
}

TEST_F(WebTest, SwitchesLanguageOnEveryPage) {
  std::string token = Invite("091", Lang::kFi);
  HttpClient client(server_->port());
  std::string first = Start(client, token);
  EXPECT_TRUE(Has(first, "Sivu 1 / 2"));
  HttpReply switched = client.Post(
      "/q/language", "csrf=" + CsrfOf(first) + "&lang=sv&next=%2Fq%2Fpage%2F1");
  EXPECT_EQ(switched.Header("location"), "/q/page/1");
  HttpReply page = client.Get("/q/page/1");
  EXPECT_TRUE(Has(page.body, "<html lang=\"sv\">"));
  EXPECT_TRUE(Has(page.body, "Sida 1 av 2"));
  EXPECT_TRUE(Has(page.body, "Hur är följande tjänster organiserade?"));
  // Only our own pages are places to go back to.
  HttpReply away = client.Post(
      "/q/language", "csrf=" + CsrfOf(first) + "&lang=en&next=https%3A%2F%2Fexample.org");
  EXPECT_EQ(away.Header("location"), "/q");
}

TEST_F(WebTest, MalformedInputGetsAClearAnswerAndChangesNothing) {
  std::string token = Invite("092");
  HttpClient client(server_->port());
  std::string csrf = CsrfOf(Start(client, token));
  ASSERT_EQ(client.Post("/q/page/1", Page1(csrf)).status, 303);
  auto before = StoredAnswers(token);

  HttpReply json = client.Post("/q/page/1", "{}", {{"Content-Type", "application/json"}});
  EXPECT_EQ(json.status, 415);
  HttpReply huge = client.Post("/q/page/1", "csrf=" + csrf + "&comments_2=" +
                                                std::string(100 << 10, 'a'));
  EXPECT_EQ(huge.status, 413);
  HttpReply percent = client.Get("/q/page/%zz");
  EXPECT_EQ(percent.status, 400);
  HttpReply utf8 = client.Post("/q/page/1", Page1(csrf) + "&comments_2=%FF%FE");
  EXPECT_EQ(utf8.status, 400);
  EXPECT_TRUE(Has(utf8.body, "Nothing was saved")) << utf8.body;
  // A value outside the choice list:
  HttpReply bad_choice = client.Post(
      "/q/page/1", "csrf=" + csrf +
                       "&arrangement_1=teleport&arrangement_2=own&arrangement_3=own"
                       "&ict_responsible=yes&main_provider=own_unit&maturity=3&go=next");
  EXPECT_EQ(bad_choice.status, 200);
  EXPECT_TRUE(Has(bad_choice.body, "– Workstation support: Choose one of the options given."))
      << bad_choice.body;
  HttpReply out_of_range = client.Post("/q/page/1", Page1(csrf, "9"));
  EXPECT_EQ(out_of_range.status, 200);
  EXPECT_TRUE(Has(out_of_range.body, "The number is outside the allowed range."));
  HttpReply no_csrf = client.Post("/q/page/1", Page1("").substr(5));
  EXPECT_EQ(no_csrf.status, 403);
  HttpReply unknown = client.Post("/q/page/1", Page1(csrf) + "&no_such_field=1&maturity=5");
  EXPECT_EQ(unknown.status, 303);  // unknown fields are ignored
  EXPECT_EQ(StoredAnswers(token).count("no_such_field"), 0u);

  // Another respondent's session cannot post with this one's token.
  std::string other = Invite("049");
  HttpClient intruder(server_->port());
  std::string other_csrf = CsrfOf(Start(intruder, other));
  HttpReply crossed = intruder.Post("/q/page/1", Page1(csrf));
  EXPECT_EQ(crossed.status, 403);
  HttpClient thief(server_->port());
  thief.set_cookie("kartla_session=not-a-session");
  EXPECT_EQ(thief.Post("/q/page/1", Page1(other_csrf)).status, 403);
  EXPECT_EQ(StoredAnswers(other).count("arrangement_1"), 0u);

  auto after = StoredAnswers(token);
  after.erase("maturity");
  before.erase("maturity");
  EXPECT_EQ(after, before);
}

TEST_F(WebTest, UnknownLinksGetAPageAndRepeatedOnesAreSlowedDown) {
  HttpClient client(server_->port());
  HttpReply unknown = client.Get("/r/nosuchtoken?lang=sv");
  EXPECT_EQ(unknown.status, 410);
  EXPECT_TRUE(Has(unknown.body, "Länken gäller inte"));
  for (int i = 0; i < 12; ++i) client.Get("/r/guess" + std::to_string(i));
  HttpReply slowed = client.Get("/r/another-guess");
  EXPECT_EQ(slowed.status, 429);
  EXPECT_EQ(slowed.Header("retry-after"), "60");
  // A valid link from the same address still opens: behind a proxy, many
  // respondents share one address, and one mistyped link must not block
  // them all.
  EXPECT_EQ(client.Get("/r/" + Invite("091")).status, 303);
  HttpReply missing = client.Get("/no/such/page", {{"Accept-Language", "fi-FI,fi;q=0.9"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(Has(missing.body, "Sivua ei löydy"));
  EXPECT_EQ(client.Post("/r/abc", "x=1").status, 405);
  EXPECT_EQ(HttpClient(server_->port()).Get("/q").status, 403);  // no session
}

TEST_F(WebTest, EveryResponseHasSecurityHeadersAndStaticFilesAreCached) {
  HttpClient client(server_->port());
  HttpReply front = client.Get("/");
  EXPECT_EQ(front.status, 200);
  EXPECT_TRUE(Has(front.Header("content-security-policy"), "frame-ancestors 'none'"));
  EXPECT_TRUE(Has(front.Header("content-security-policy"), "script-src 'self'"));
  EXPECT_EQ(front.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(front.Header("referrer-policy"), "no-referrer");
  HttpReply css = client.Get("/static/kartla.css", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.Header("content-encoding"), "gzip");
  EXPECT_FALSE(css.Header("etag").empty());
  HttpReply cached = client.Get("/static/kartla.css", {{"If-None-Match", css.Header("etag")}});
  EXPECT_EQ(cached.status, 304);
  // The icon browsers ask for, and the one the pages link.
  HttpReply icon = client.Get("/favicon.ico");
  EXPECT_EQ(icon.status, 200);
  EXPECT_EQ(icon.Header("content-type"), "image/svg+xml");
  EXPECT_TRUE(Has(icon.body, "<svg"));
  EXPECT_TRUE(Has(front.body, "href=\"/static/favicon.svg\""));
}

// Two presses of Submit at once (a double click, a retry on a slow line)
// make one submission and one receipt, which both presses lead to. (Only
// the press whose submission the store makes queues the thank-you mail;
// these invitations have no contact to mail, so that is not counted here.)
TEST_F(WebTest, TwoPressesOfSubmitAtOnceMakeOneReceipt) {
  const std::vector<std::string> codes = {"091", "049", "092", "853", "837", "179"};
  std::set<std::string> references;
  for (const std::string& code : codes) {
    std::string token = Invite(code);
    HttpClient client(server_->port());
    std::string csrf = CsrfOf(Start(client, token));
    ASSERT_EQ(client.Post("/q/page/1", Page1(csrf)).status, 303);
    client.Post("/q/page/2", Page2(csrf, "10"));  // reveals "why", comes back
    ASSERT_EQ(client.Post("/q/page/2", Page2(csrf, "10") + "&cost_change_why=New+systems")
                  .Header("location"),
              "/q/review");
    HttpClient twin = client;  // the same session
    HttpReply first, second;
    std::thread other([&] { second = twin.Post("/q/submit", "csrf=" + csrf); });
    first = client.Post("/q/submit", "csrf=" + csrf);
    other.join();
    EXPECT_EQ(first.Header("location"), "/q/receipt");
    EXPECT_EQ(second.Header("location"), "/q/receipt");
    HttpReply receipt = client.Get("/q/receipt");
    std::smatch reference;
    ASSERT_TRUE(std::regex_search(receipt.body, reference, std::regex("K-[A-Z0-9-]+")));
    EXPECT_TRUE(Has(twin.Get("/q/receipt").body, reference.str()));
    EXPECT_EQ(StoredAnswers(token)["cost_change_why"], "New systems");
    references.insert(reference.str());
  }
  EXPECT_EQ(references.size(), codes.size());
}

// Colleagues of one organisation share one response: the second sees who
// has started, asks, and takes over only with the first person's consent.
TEST_F(WebTest, ColleaguesShareOneResponseAndHandItOverWithConsent) {
  std::string first = Invite("091"), second = Invite("091");
  const int64_t anna_id = app_->invitations().FindByToken(first)->id;
  HttpClient anna(server_->port()), bert(server_->port());
  std::string page = Start(anna, first);
  std::string anna_csrf = CsrfOf(page);
  ASSERT_EQ(anna.Post("/q/page/1", Page1(anna_csrf)).status, 303);

  // Bert's link leads to the colleague page, not to a questionnaire of his own.
  ASSERT_EQ(bert.Get("/r/" + second).status, 303);
  HttpReply start = bert.Get("/q");
  EXPECT_EQ(start.Header("location"), "/q/colleague");
  EXPECT_EQ(bert.Get("/q/page/1").Header("location"), "/q/colleague");
  HttpReply colleague = bert.Get("/q/colleague");
  EXPECT_TRUE(Has(colleague.body, "A colleague is answering already")) << colleague.body;
  // Days as the page's language writes them; "a colleague" opening a
  // sentence starts with a capital.
  // (The day in the survey's time zone: in Helsinki it is tomorrow
  // already from 22:00 UTC.)
  const std::string today = app_->clock().Today().ToString();
  EXPECT_TRUE(Has(colleague.body,
                  "A colleague started it on " + LocalTime::OfOrUtc(kDefaultTimeZone)
                                                     .FormatDate(app_->clock().Now(), Lang::kEn)))
      << colleague.body;
  EXPECT_FALSE(Has(colleague.body, today)) << "no ISO dates";
  std::string bert_csrf = CsrfOf(colleague.body);
  HttpReply asked = bert.Post("/q/takeover", "csrf=" + bert_csrf);
  EXPECT_EQ(asked.Header("location"), "/q/colleague");
  EXPECT_TRUE(Has(bert.Get("/q/colleague").body, "waiting for a colleague to answer"));
  EXPECT_TRUE(StoredAnswers(second).empty());

  // Anna is asked first when she comes back; she declines, then agrees.
  EXPECT_EQ(anna.Get("/q").Header("location"), "/q/handover");
  HttpReply question = anna.Get("/q/handover");
  EXPECT_TRUE(Has(question.body, "asked on")) << question.body;
  EXPECT_EQ(anna.Post("/q/handover", "csrf=" + anna_csrf + "&decision=decline").status, 303);
  EXPECT_EQ(anna.Get("/q").Header("location"), "/q/page/2");
  EXPECT_TRUE(Has(bert.Get("/q/colleague").body, "did not hand the answer over"));
  ASSERT_EQ(bert.Post("/q/takeover", "csrf=" + bert_csrf).status, 303);
  HttpReply agreed = anna.Post("/q/handover", "csrf=" + anna_csrf + "&decision=agree");
  EXPECT_EQ(agreed.status, 200);
  EXPECT_TRUE(Has(agreed.body, "Answer handed over")) << agreed.body;
  EXPECT_EQ(anna.Get("/q").status, 403) << "her link is withdrawn";

  // Bert goes on from Anna's answers.
  EXPECT_EQ(bert.Get("/q").Header("location"), "/q/page/2");
  EXPECT_EQ(StoredAnswers(second)["main_provider_other"], "Kuntayhtymä");
  EXPECT_FALSE(app_->storage().responses().FindByInvitation(anna_id).has_value());
  auto bert_invitation = app_->invitations().FindByToken(second);
  EXPECT_EQ(bert_invitation->status, fieldwork::InvitationStatus::kPartial);
}

// A link passed on (the old one withdrawn) carries the answers with it; a
// questionnaire of one response per person keeps colleagues apart.
TEST_F(WebTest, WithdrawnHoldersAnswersGoOnAndPersonalQuestionnairesStayApart) {
  std::string first = Invite("049"), second = Invite("049");
  HttpClient erik(server_->port()), eeva(server_->port());
  std::string csrf = CsrfOf(Start(erik, first));
  ASSERT_EQ(erik.Post("/q/page/1", Page1(csrf)).status, 303);
  auto old = app_->invitations().FindByToken(first);
  app_->storage().invitations().RecordStatus(old->id, fieldwork::InvitationStatus::kRevoked,
                                             app_->clock().Now(), "passed on");
  std::string page = Start(eeva, second);
  EXPECT_TRUE(Has(page, "Page 2 of 2")) << "where Erik left off";
  EXPECT_EQ(StoredAnswers(second)["main_provider_other"], "Kuntayhtymä");

  auto round = app_->rounds().CreateRound({"personal", {}, "personal-2025", 2025, {}, {}});
  ASSERT_TRUE(round.ok()) << round.status().ToString();
  rounds::AddQuestionnaireRequest add;
  add.round_code = "personal-2025";
  add.form_id = "ict-management";
  add.target_group = "ict_management";
  add.policy = rounds::ResponsePolicy::kOnePerPerson;
  ASSERT_TRUE(app_->rounds().AddQuestionnaire(add).ok());
  std::vector<std::string> tokens;
  for (int i = 0; i < 2; ++i) {
    auto issued = app_->invitations().Create({"personal-2025", "ict_management", "091", Lang::kEn});
    ASSERT_TRUE(issued.ok());
    tokens.push_back(issued->token);
  }
  HttpClient one(server_->port()), two(server_->port());
  std::string one_csrf = CsrfOf(Start(one, tokens[0]));
  ASSERT_EQ(one.Post("/q/page/1", Page1(one_csrf)).status, 303);
  EXPECT_TRUE(Has(Start(two, tokens[1]), "Page 1 of 2"));
  EXPECT_TRUE(StoredAnswers(tokens[1]).count("main_provider_other") == 0);
}

}  // namespace
}  // namespace kartla
