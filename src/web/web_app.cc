#include "web/web_app.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/csv.h"
#include "core/system_error.h"
#include "core/token.h"
#include "forms/response_state.h"
#include "responses/answering.h"
#include "web/admin_app.h"
#include "web/page_kit.h"
#include "web/questionnaire_views.h"
#include "web/results_site.h"
#include "web/router.h"
#include "web/static_files.h"

namespace kartla::web {
namespace {

using fieldwork::Invitation;
using fieldwork::Session;
using forms::Item;
using forms::ItemType;
using responses::Answering;
using responses::AnswerError;
using responses::Page;
using responses::Response;
using responses::ResponseStatus;

constexpr char kSessionCookie[] = "kartla_session";

// What a request made in a session sees.
struct Context {
  Session session;
  Invitation invitation;
  std::shared_ptr<const Questionnaire> questionnaire;
  Response response;
  Lang lang = Lang::kFi;

  const forms::Form& form() const { return questionnaire->form.form; }
  // Who answers, as the response service knows them.
  responses::Respondent respondent() const {
    responses::Respondent who;
    who.invitation_id = invitation.id;
    who.organisation_code = invitation.organisation_code;
    who.test = invitation.test;
    who.recorded = invitation.status == fieldwork::InvitationStatus::kSubmitted
                       ? responses::Progress::kSubmitted
                   : invitation.status == fieldwork::InvitationStatus::kPartial
                       ? responses::Progress::kStarted
                       : responses::Progress::kNotStarted;
    return who;
  }
};

class WebApp {
 public:
  WebApp(const WebServices& services, const WebOptions& options,
         const AdminServices* admin)
      : services_(services),
        options_(options),
        templates_(kit_.templates()),
        catalogue_(kit_.catalogue()),
        views_(kit_.catalogue(), options.prepare_questions),
        local_time_(LocalTime::OfOrUtc(options.time_zone)) {
    auto bind = [this](auto method) {
      return [this, method](HttpRequest& request) { return (this->*method)(request); };
    };
    router_.Add(Method::kGet, "/", bind(&WebApp::Front));
    router_.Add(Method::kGet, "/static/{name}", bind(&WebApp::Static));
    router_.Add(Method::kGet, "/favicon.ico", bind(&WebApp::Favicon));
    // Following a link stores a session; /q starts the response (a write
    // at the first visit). The other pages of a draft start it too when
    // reached without /q, or pass a withdrawn holder's response on: rarely.
    router_.Add(Method::kGet, "/r/{token}", bind(&WebApp::Link), GetWrites::kYes);
    router_.Add(Method::kGet, "/q", InSession(Needs::kDraft, &WebApp::Start), GetWrites::kYes);
    router_.Add(Method::kGet, "/q/page/{page}", InSession(Needs::kDraft, &WebApp::ShowPage),
                GetWrites::kRarely);
    router_.Add(Method::kPost, "/q/page/{page}", Posted(Needs::kResponse, &WebApp::PostPage));
    router_.Add(Method::kPost, "/q/page/{page}/shown", Posted(Needs::kDraft, &WebApp::ShownOnPage));
    router_.Add(Method::kGet, "/q/review", InSession(Needs::kDraft, &WebApp::Review),
                GetWrites::kRarely);
    router_.Add(Method::kPost, "/q/submit", Posted(Needs::kResponse, &WebApp::Submit));
    router_.Add(Method::kGet, "/q/receipt", InSession(Needs::kResponse, &WebApp::Receipt));
    router_.Add(Method::kGet, "/q/answers", InSession(Needs::kResponse, &WebApp::Answers));
    router_.Add(Method::kGet, "/q/answers.csv", InSession(Needs::kResponse, &WebApp::AnswersCsv));
    router_.Add(Method::kGet, "/q/print", InSession(Needs::kResponse, &WebApp::Print));
    router_.Add(Method::kGet, "/q/later", InSession(Needs::kDraft, &WebApp::Later),
                GetWrites::kRarely);
    router_.Add(Method::kGet, "/q/start", InSession(Needs::kDraft, &WebApp::StartPage),
                GetWrites::kRarely);
    router_.Add(Method::kPost, "/q/reopen", Posted(Needs::kResponse, &WebApp::Reopen));
    router_.Add(Method::kGet, "/q/benchmark", InSession(Needs::kResponse, &WebApp::BenchmarkPage));
    router_.Add(Method::kGet, "/q/benchmark.csv",
                InSession(Needs::kResponse, &WebApp::BenchmarkCsvFile));
    router_.Add(Method::kPost, "/q/language", Posted(Needs::kResponse, &WebApp::Language));
    router_.Add(Method::kGet, "/q/colleague", InSession(Needs::kColleague, &WebApp::Colleague));
    router_.Add(Method::kPost, "/q/takeover", Posted(Needs::kColleague, &WebApp::AskToTakeOver));
    router_.Add(Method::kGet, "/q/handover", InSession(Needs::kResponse, &WebApp::HandoverPage));
    router_.Add(Method::kPost, "/q/handover", Posted(Needs::kResponse, &WebApp::DecideHandover));
    if (admin != nullptr) AddAdminRoutes(router_, *admin, options_, MakeResponseDesk());
    if (!options_.results_folder.empty()) AddResultsRoutes(router_, options_.results_folder);
  }

  GetWrites MayWrite(const HttpRequest& request) const { return router_.MayWrite(request); }

  // The survey team's view of one response: its answers as the own-answers
  // page shows them, and reopening it for the respondent.
  ResponseDesk MakeResponseDesk() {
    ResponseDesk desk;
    desk.view = [this](const Invitation& invitation,
                       Lang lang) -> std::optional<ResponseDesk::Seen> {
      responses::Respondent who;
      who.invitation_id = invitation.id;
      auto response = services_.responses.FindOwn(who);
      if (!response) return std::nullopt;
      auto questionnaire = LoadQuestionnaire(invitation);
      Answering answering = questionnaire->Answer(response->answers, lang, Today());
      ResponseDesk::Seen seen;
      seen.answers = views_.AnswersView(*questionnaire, lang, answering, false);
      seen.submitted = response->status == ResponseStatus::kSubmitted;
      if (response->submitted_at) seen.submitted_at = local_time_.Format(*response->submitted_at, lang);
      seen.reference = response->reference;
      seen.reopenable = seen.submitted && services_.responses.Reopenable(*questionnaire);
      return seen;
    };
    desk.reopen = [this](const Invitation& invitation) {
      responses::Respondent who;
      who.invitation_id = invitation.id;
      auto response = services_.responses.FindOwn(who);
      return response && services_.responses.Reopen(*LoadQuestionnaire(invitation), *response);
    };
    desk.print = [this](int64_t round_id, int64_t questionnaire_id,
                        Lang lang) -> std::optional<View> {
      Invitation invitation;  // none: the questionnaire as it is, unanswered
      invitation.round_id = round_id;
      invitation.questionnaire_id = questionnaire_id;
      std::shared_ptr<const Questionnaire> questionnaire;
      try {
        questionnaire = LoadQuestionnaire(invitation);
      } catch (const SystemError&) {
        return std::nullopt;
      }
      return views_.BlankPrintView(*questionnaire, lang, Today());
    };
    return desk;
  }

  HttpResponse Handle(HttpRequest& request) {
    auto started = std::chrono::steady_clock::now();
    // Everything after this sees the client's address, not a proxy's.
    if (!options_.trusted_proxies.empty()) {
      request.remote_address = ClientAddress(request, options_.trusted_proxies);
    }
    HttpResponse response;
    try {
      // The request's reads (its session, then its answers, ...) share one
      // snapshot; a write ends it.
      std::shared_ptr<void> snapshot =
          services_.read_together ? services_.read_together() : nullptr;
      bool path_matched = false;
      const Handler* handler = router_.Find(request, path_matched);
      if (handler != nullptr) {
        response = (*handler)(request);
      } else {
        response = ErrorPage(path_matched ? 405 : 404, RequestLang(request));
      }
    } catch (const std::exception& e) {
      std::string id = NewToken().substr(0, 8);
      spdlog::error("error {} in {} {}: {}", id, MethodName(request),
                    LoggedPath(request), e.what());
      response = ErrorPage(500, RequestLang(request), {id});
    }
    AddSecurityHeaders(response);
    MaybeGzip(request, response);
    double ms = std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - started)
                    .count();
    spdlog::info("{} {} {} {:.1f} ms", MethodName(request), LoggedPath(request),
                 response.status, ms);
    return response;
  }

 private:
  // ---- Infrastructure ----

  static const char* MethodName(const HttpRequest& request) {
    switch (request.method) {
      case Method::kGet: return "GET";
      case Method::kHead: return "HEAD";
      case Method::kPost: return "POST";
      case Method::kOther: return "OTHER";
    }
    return "?";
  }

  // The path without tokens or query strings (which may hold answers), as
  // the router sees it (so "//r/TOKEN" is redacted too), on one line.
  static std::string LoggedPath(const HttpRequest& request) {
    std::string path = Router::CanonicalPath(request.path);
    if (path == "/r" || path.starts_with("/r/")) return "/r/…";
    if (path.starts_with("/admin/password/")) return "/admin/password/…";
    return EscapeControls(path);
  }

  void AddSecurityHeaders(HttpResponse& response) const {
    if (options_.hsts) {
      response.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    response.Set("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self'; "
                 "img-src 'self' data:; form-action 'self'; "
                 "frame-ancestors 'none'; base-uri 'none'");
    response.Set("X-Content-Type-Options", "nosniff");
    response.Set("Referrer-Policy", "no-referrer");
    response.Set("X-Frame-Options", "DENY");
    if (response.Get("Cache-Control").empty()) {
      response.Set("Cache-Control", "no-store");
    }
  }

  static Lang RequestLang(const HttpRequest& request) {
    return PageKit::RequestLang(request);
  }

  // A whole page: `content` rendered from `name` inside the layout.
  HttpResponse Render(int status, const Context* context, Lang lang,
                      const std::string& title, std::string_view name,
                      View content, const std::string& here) const {
    View layout;
    std::span<const Lang> offered = kAllLangs;
    if (context != nullptr) {
      content.Set("csrf", context->session.csrf_token);
      layout.Set("languages_form", true);
      layout.Set("csrf", context->session.csrf_token);
      layout.Set("here", here);
      layout.Set("survey_title", FormTitle(context->form(), lang));
      layout.Set("test_mode", context->invitation.test);
      offered = OfferedLanguages(context->form());
    } else {
      layout.Set("languages_links", true);
    }
    return kit_.Render(status, lang, title, name, std::move(content), std::move(layout), offered);
  }


  // The languages a respondent may answer in: the form's, or where the form
  // is in one language only, that and the interface's three (the questions
  // stay in the form's language, the rest follows the respondent).
  static std::span<const Lang> OfferedLanguages(const forms::Form& form) {
    if (form.languages.size() > 1) return form.languages;
    return kAllLangs;
  }

  // The language `tag` if a respondent may answer `form` in it.
  static std::optional<Lang> OfferedLanguage(const forms::Form& form, std::string_view tag) {
    auto normal = NormalizeLanguageTag(tag);
    if (!normal) return std::nullopt;
    for (Lang lang : OfferedLanguages(form)) {
      if (LangCode(lang) == *normal) return lang;
    }
    return ParseLang(*normal);
  }

  HttpResponse ErrorPage(int status, Lang lang,
                         const std::vector<std::string>& args = {}) const {
    return kit_.ErrorPage(status, lang, args);
  }

  // ---- Loading ----

  std::shared_ptr<const Questionnaire> LoadQuestionnaire(const Invitation& invitation) {
    {
      std::lock_guard lock(mutex_);
      auto found = questionnaires_.find(invitation.questionnaire_id);
      if (found != questionnaires_.end()) return found->second;
    }
    std::optional<rounds::Round> round = services_.rounds.FindRoundById(invitation.round_id);
    std::optional<rounds::Questionnaire> questionnaire;
    if (round) {
      for (const auto& q : services_.rounds.ListQuestionnaires(round->id)) {
        if (q.id == invitation.questionnaire_id) questionnaire = q;
      }
    }
    if (!questionnaire) throw SystemError("the invitation's questionnaire is missing");
    auto form = services_.forms.LoadById(questionnaire->form_version_id);
    if (!form.ok()) throw SystemError(form.status().message());
    std::shared_ptr<const Questionnaire> loaded =
        Questionnaire::Assemble(*round, *questionnaire, std::move(form).value());
    std::lock_guard lock(mutex_);
    return questionnaires_.emplace(invitation.questionnaire_id, loaded).first->second;
  }

  // The session's context; nullopt (and `failure` set) if there is none.
  std::optional<Context> Open(const HttpRequest& request, HttpResponse& failure) {
    auto opened = OpenWithoutResponse(request, failure);
    if (!opened) return std::nullopt;
    Context& context = *opened;
    auto response =
        services_.responses.StartOrResume(context.respondent(), *context.questionnaire);
    if (!response) {
      failure = HttpResponse::Redirect("/q/colleague");  // a colleague holds it
      return std::nullopt;
    }
    context.response = std::move(*response);
    return opened;
  }

  // The session's context without a response of its own: for a colleague
  // of the one holding the organisation's response.
  std::optional<Context> OpenWithoutResponse(const HttpRequest& request,
                                             HttpResponse& failure) {
    auto live = services_.invitations.FindSession(request.Cookie(kSessionCookie));
    if (!live) {
      failure = ErrorPage(403, RequestLang(request));
      return std::nullopt;
    }
    Context context;
    context.session = live->session;
    context.lang = live->session.language;
    context.invitation = live->invitation;
    context.questionnaire = LoadQuestionnaire(context.invitation);
    return context;
  }

  // What a respondent's route needs of the session: its response (made if
  // new; a colleague holding the organisation's sends to /q/colleague), a
  // draft (a submitted response sends to the own answers), or the session
  // only (a colleague's pages).
  enum class Needs { kResponse, kDraft, kColleague };
  using SessionHandler = HttpResponse (WebApp::*)(HttpRequest&, Context&);
  using PostedHandler = HttpResponse (WebApp::*)(HttpRequest&, Context&, const Params&);

  // The session's context as `needs` says; nullopt (and `failure` set to
  // the page that says why not) if there is none.
  std::optional<Context> ContextFor(const HttpRequest& request, Needs needs,
                                    HttpResponse& failure) {
    switch (needs) {
      case Needs::kResponse:
        return Open(request, failure);
      case Needs::kDraft:
        return OpenDraft(request, failure);
      case Needs::kColleague:
        return OpenWithoutResponse(request, failure);
    }
    return std::nullopt;
  }

  // The preamble every respondent's page shares: the handler gets the
  // session's context, or the request never reaches it.
  Handler InSession(Needs needs, SessionHandler handler) {
    return [this, needs, handler](HttpRequest& request) {
      HttpResponse failure;
      auto context = ContextFor(request, needs, failure);
      if (!context) return failure;
      return (this->*handler)(request, *context);
    };
  }

  // The same for a posted form, whose CSRF token is checked first.
  Handler Posted(Needs needs, PostedHandler handler) {
    return [this, needs, handler](HttpRequest& request) {
      HttpResponse failure;
      auto context = ContextFor(request, needs, failure);
      if (!context) return failure;
      auto form = PostedForm(request, *context, failure);
      if (!form) return failure;
      return (this->*handler)(request, *context, *form);
    };
  }

  // `text` with each sentence starting in upper case: "a colleague" (see
  // PersonOf) may open one ("… enkäten. En kollega påbörjade det …").
  static std::string SentenceCase(std::string text) {
    for (size_t i = 0; i < text.size(); ++i) {
      const bool starts = i == 0 || (i >= 2 && text[i - 1] == ' ' && text[i - 2] == '.');
      if (starts && text[i] >= 'a' && text[i] <= 'z') text[i] = char(text[i] - 'a' + 'A');
    }
    return text;
  }

  // Who an invitation was mailed to, or "a colleague".
  std::string PersonOf(const Invitation& invitation, Lang lang) const {
    std::string person = services_.person_of ? services_.person_of(invitation) : "";
    return person.empty() ? catalogue_.Get("a_colleague", lang) : person;
  }

  // Open() for pages that change a draft: a submitted response sends the
  // respondent to their answers instead.
  std::optional<Context> OpenDraft(const HttpRequest& request, HttpResponse& failure) {
    auto context = Open(request, failure);
    if (context && context->response.status == ResponseStatus::kSubmitted) {
      failure = HttpResponse::Redirect("/q/answers");
      return std::nullopt;
    }
    return context;
  }

  Answering MakeAnswering(const Context& context) const {
    return context.questionnaire->Answer(context.response.answers, context.lang, Today());
  }

  std::string Today() const {
    return Date::FromTimePoint(services_.clock.Now()).ToString();
  }

  // Parses a posted form and checks its CSRF token; nullopt (and `failure`
  // set) if the request is not acceptable.
  std::optional<Params> PostedForm(const HttpRequest& request, const Context& context,
                                   HttpResponse& failure) const {
    return kit_.PostedForm(request, context.session.csrf_token, context.lang, failure);
  }

  // When the questionnaire's answers may change today.
  rounds::AnswerWindow WindowOf(const Context& context) const {
    return services_.responses.Window(*context.questionnaire);
  }

  static std::vector<std::string> SectionsOf(const Context& context) {
    return context.questionnaire->Sections();
  }

  // When the answers are due, as a sentence: `open_key`'s ("The
  // questionnaire is open until …") while a stage is open; past the day,
  // that it was, and whether late answers are still taken. "" if no stage
  // holds the questionnaire.
  std::string DueSentence(const Context& context, const std::string& open_key) const {
    const responses::Due due = services_.responses.DueOf(*context.questionnaire);
    const Lang lang = context.lang;
    switch (due.state) {
      case responses::Due::State::kOpen:
        return catalogue_.Get(open_key, lang, {Day(due.day, lang)});
      case responses::Due::State::kLate:
        return catalogue_.Get("due_late", lang, {Day(due.day, lang)});
      case responses::Due::State::kClosed:
        return catalogue_.Get("due_closed", lang, {Day(due.day, lang)});
      case responses::Due::State::kNone:
        break;
    }
    return "";
  }

  // A day as the page's language writes it ("26.9.2025", "26 september
  // 2025", "26 September 2025").
  static std::string Day(const Date& day, Lang lang) {
    return FormatDay(day.year(), day.month(), day.day(), lang);
  }

  // The page that says answers to `stage` are no longer taken; what was
  // saved before stays saved.
  HttpResponse StageClosedPage(const Context& context, const rounds::Stage& stage) const {
    Lang lang = context.lang;
    View content;
    content.Set("heading", catalogue_.Get("stage_closed_title", lang));
    content.Set("text", catalogue_.Get("stage_closed_text", lang,
                                       {stage.name.Get(lang), Day(stage.closes, lang)}));
    return Render(409, &context, lang, catalogue_.Get("stage_closed_title", lang), "message",
                  std::move(content), "");
  }

  // A page of questions, after `errors` (none: as stored).
  HttpResponse RenderPage(const Context& context, const Answering& answering, int index,
                          const std::vector<AnswerError>& errors,
                          const PageNotes& notes = {}) const {
    std::string title;
    View content = views_.PageView(*context.questionnaire, context.lang, answering, index, errors,
                                   notes, title);
    return Render(200, &context, context.lang, title, "page", std::move(content),
                  fmt::format("/q/page/{}", index + 1));
  }

  static std::string FormTitle(const forms::Form& form, Lang lang) {
    return QuestionnaireViews::FormTitle(form, lang);
  }

  // ---- Pages ----

  HttpResponse Front(HttpRequest& request) {
    Lang lang = RequestLang(request);
    View content;
    content.Set("heading", catalogue_.Get("front_title", lang));
    content.Set("text", catalogue_.Get("front_text", lang));
    return Render(200, nullptr, lang, catalogue_.Get("front_title", lang),
                  "message", std::move(content), "/");
  }

  HttpResponse Static(HttpRequest& request) {
    auto served = ServeStatic(request, request.path_params["name"]);
    return served ? *served : ErrorPage(404, RequestLang(request));
  }

  // Browsers ask for /favicon.ico whatever the page links: the SVG icon.
  HttpResponse Favicon(HttpRequest& request) {
    auto served = ServeStatic(request, "favicon.svg");
    return served ? *served : ErrorPage(404, RequestLang(request));
  }

  // Counts a bad link from `address`; whether it has sent more than
  // bad_token_limit within a minute. The table of addresses is pruned of
  // those not seen for a minute when it grows, so it stays small.
  bool CountBadLink(const std::string& address) {
    if (services_.count_attempt) {
      // Servers sharing a database count together.
      if (auto count = services_.count_attempt("link " + address)) {
        return *count > options_.bad_token_limit;
      }
    }
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (bad_links_.size() > 10000) {
      std::erase_if(bad_links_, [&](const auto& entry) {
        return now - entry.second.second > std::chrono::minutes(1);
      });
    }
    auto& [count, since] = bad_links_[address];
    if (now - since > std::chrono::minutes(1)) {
      count = 0;
      since = now;
    }
    return ++count > options_.bad_token_limit;
  }

  HttpResponse Link(HttpRequest& request) {
    Lang lang = RequestLang(request);
    // A valid link always opens, however many bad ones came from the same
    // address (behind a proxy, many respondents share one); bad ones past
    // the limit are answered 429, which slows down guessing.
    auto invitation = services_.invitations.FindByToken(request.path_params["token"]);
    if (!invitation.ok()) {
      if (CountBadLink(request.remote_address)) {
        HttpResponse slow = ErrorPage(429, lang);
        slow.Set("Retry-After", "60");
        return slow;
      }
      return ErrorPage(410, lang);
    }
    // ?lang= may name any of the questionnaire's languages ("se").
    Lang chosen = invitation->language;
    if (auto asked = FindParam(request.query, "lang")) {
      auto questionnaire = LoadQuestionnaire(*invitation);
      auto offered = questionnaire ? OfferedLanguage(questionnaire->form.form, *asked)
                                   : ParseLang(*asked);
      if (offered) chosen = *offered;
    }
    auto opened = services_.invitations.OpenSession(*invitation, chosen,
                                                    options_.session_lifetime);
    // "opened": /q greets a respondent who comes back to answers saved.
    HttpResponse response = HttpResponse::Redirect("/q?opened=1");
    response.Set("Set-Cookie",
                 fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
                             kSessionCookie, opened.session_id,
                             options_.session_lifetime.count(),
                             options_.secure_cookies ? "; Secure" : ""));
    return response;
  }

  HttpResponse Start(HttpRequest& request, Context& context) {
    // A colleague asking to take over is answered first.
    if (services_.responses.PendingHandover(context.respondent())) {
      return HttpResponse::Redirect("/q/handover");
    }
    Answering answering = MakeAnswering(context);
    const int page = answering.ResumePage(context.response.page);
    if (page < 0) return HttpResponse::Redirect("/q/review");
    const bool opened = FindParam(request.query, "opened").has_value();
    // Opened for the first time: the start page says what this is first.
    if (opened && !context.response.Started()) return HttpResponse::Redirect("/q/start");
    return HttpResponse::Redirect(
        fmt::format("/q/page/{}{}", page + 1, opened ? "?welcome=1" : ""));
  }

  // The page number of a /q/page/{page} path (1-based in the address).
  static std::optional<int> PageIndex(const HttpRequest& request, size_t pages) {
    auto number = ParseInteger(request.path_params.at("page"));
    if (!number || *number < 1 || size_t(*number) > pages) return std::nullopt;
    return int(*number - 1);
  }

  HttpResponse ShowPage(HttpRequest& request, Context& context) {
    auto index = PageIndex(request, context.questionnaire->pages.size());
    if (!index) return ErrorPage(404, context.lang);
    Answering answering = MakeAnswering(context);
    if (!answering.PageShown(*index)) {
      int next = answering.NextPage(*index);
      return HttpResponse::Redirect(next < 0 ? "/q/review"
                                             : fmt::format("/q/page/{}", next + 1));
    }
    PageNotes notes;
    notes.welcome = FindParam(request.query, "welcome").has_value();
    return RenderPage(context, answering, *index, {}, notes);
  }

  // For the optional script: which of page N's questions the answers as
  // they are on the page (posted, with the CSRF token) ask, by the form's
  // own rules; nothing is saved. {"items": [every question of the page],
  // "shown": [those asked]}.
  HttpResponse ShownOnPage(HttpRequest& request, Context& context, const Params& form) {
    auto index = PageIndex(request, context.questionnaire->pages.size());
    if (!index) return ErrorPage(404, context.lang);
    Answering answering = MakeAnswering(context);
    std::map<std::string, std::string> ignored;
    answering.Post(*index, PageValues(form), ignored);
    boost::json::array items, shown;
    for (int item : context.questionnaire->pages[*index].items) {
      const Item& question = context.form().items[item];
      if (!forms::IsQuestion(question.type)) continue;
      items.emplace_back(question.name);
      if (answering.state().Relevant(item)) shown.emplace_back(question.name);
    }
    HttpResponse response;
    response.Set("Content-Type", "application/json");
    response.Set("Cache-Control", "no-store");
    response.body = boost::json::serialize(
        boost::json::object{{"items", std::move(items)}, {"shown", std::move(shown)}});
    return response;
  }

  // The start page: whose answers these are, by when, about how long it
  // takes, how saving works, and the sections with their state (done, in
  // progress, not started), each started one a link to its first page.
  HttpResponse StartPage(HttpRequest&, Context& context) {
    const Lang lang = context.lang;
    Answering answering = MakeAnswering(context);
    View content;
    content.Set("heading", FormTitle(context.form(), lang));
    content.Set("organisation", OrganisationName(context));
    // By when; or, past it, whether late answers are still taken.
    const responses::Due due = services_.responses.DueOf(*context.questionnaire);
    const std::string day = Day(due.day, lang);
    switch (due.state) {
      case responses::Due::State::kOpen:
        content.Set("deadline_label", catalogue_.Get("start_deadline", lang));
        content.Set("deadline", day);
        break;
      case responses::Due::State::kLate:
        content.Set("deadline_label", catalogue_.Get("start_deadline_passed", lang));
        content.Set("deadline", catalogue_.Get("start_late", lang, {day}));
        break;
      case responses::Due::State::kClosed:
        content.Set("deadline_label", catalogue_.Get("start_closed", lang));
        content.Set("deadline", day);
        break;
      case responses::Due::State::kNone:
        break;
    }
    content.Set("estimate", catalogue_.Get("start_minutes", lang,
                                           {std::to_string(answering.MinutesToAnswer())}));
    // The round's privacy notice and contact, as set now.
    if (auto round = services_.rounds.FindRoundById(context.questionnaire->round.id)) {
      content.Set("privacy", round->privacy.Get(lang));
      content.Set("contact", round->contact.Get(lang));
    }
    const auto& pages = context.questionnaire->pages;
    const int resume = answering.ResumePage(context.response.page);  // -1: the review
    const bool started = context.response.Started();
    content.Set("go_href", started ? "/q" : fmt::format("/q/page/{}", answering.FirstPage() + 1));
    content.Set("go_label", catalogue_.Get(started ? "start_continue" : "start_begin", lang));
    // Pages with something still missing or wrong.
    std::set<std::string> wrong;
    for (const AnswerError& error : answering.CheckAll()) wrong.insert(error.name);
    content.List("sections");
    for (size_t p = 0; p < pages.size();) {
      const std::string& section = pages[p].section;
      int first = -1;
      bool current = false, missing = false, reached = false;
      for (; p < pages.size() && pages[p].section == section; ++p) {
        if (!answering.PageShown(int(p))) continue;
        if (first < 0) first = int(p);
        current = current || int(p) == resume;
        reached = reached || resume < 0 || int(p) < resume;
        for (int item : pages[p].items) {
          missing = missing || wrong.contains(context.form().items[item].name);
        }
      }
      if (first < 0) continue;
      const bool done = !current && reached && !missing && (resume < 0 || first < resume);
      // Nothing saved yet: every section is still to do (the first one a
      // link, as the Start button is).
      const char* state = !started                        ? "todo"
                          : current || (reached && !done) ? "current"
                          : done                          ? "done"
                                                          : "todo";
      View row;
      row.Set("title", views_.SectionHeading(*context.questionnaire, lang, section));
      row.Set("state", state);
      row.Set("state_label", catalogue_.Get(std::string("section_") + state, lang));
      if (std::string_view(state) != "todo" || (!started && current)) {
        row.Set("href", fmt::format("/q/page/{}", first + 1));
      }
      content.Add("sections", std::move(row));
    }
    const std::string title = FormTitle(context.form(), lang);
    return Render(200, &context, lang, title, "start", std::move(content), "/q/start");
  }

  // After "Continue later": the answers are saved, and how to come back.
  HttpResponse Later(HttpRequest&, Context& context) {
    const Lang lang = context.lang;
    Answering answering = MakeAnswering(context);
    const int page = answering.ResumePage(context.response.page);
    std::string text =
        page < 0 ? catalogue_.Get("later_text_review", lang)
                 : catalogue_.Get("later_text", lang,
                                  {std::to_string(answering.ShownPosition(page)),
                                   std::to_string(answering.ShownCount())});
    if (std::string due = DueSentence(context, "later_deadline"); !due.empty()) {
      text += " " + due;
    }
    View content;
    content.Set("heading", catalogue_.Get("later_title", lang));
    content.Set("text", std::move(text));
    View link;
    link.Set("href", "/q");
    link.Set("label", catalogue_.Get("later_continue", lang));
    content.Set("link", std::move(link));
    return Render(200, &context, lang, catalogue_.Get("later_title", lang), "message",
                  std::move(content), "/q/later");
  }




















  // name -> values of a posted page; rank positions become the order.
  static std::map<std::string, std::vector<std::string>> PageValues(const Params& form) {
    std::map<std::string, std::vector<std::string>> values;
    std::map<std::string, std::vector<std::pair<int64_t, std::string>>> ranks;
    for (const auto& [key, value] : form) {
      size_t rank = key.find("__rank__");
      if (rank != std::string::npos) {
        auto position = ParseInteger(value);
        if (position) {
          ranks[key.substr(0, rank)].emplace_back(*position, key.substr(rank + 8));
        } else if (!value.empty()) {
          ranks[key.substr(0, rank)].emplace_back(0, "?" + key.substr(rank + 8));
        }
        continue;
      }
      values[key].push_back(value);
    }
    for (auto& [name, positions] : ranks) {
      std::sort(positions.begin(), positions.end());
      for (const auto& [position, choice] : positions) values[name].push_back(choice);
    }
    return values;
  }

  HttpResponse PostPage(HttpRequest& request, Context& context, const Params& form) {
    auto index = PageIndex(request, context.questionnaire->pages.size());
    if (!index) return ErrorPage(404, context.lang);
    const std::string go = FindParam(form, "go").value_or("next");
    Answering answering = MakeAnswering(context);
    responses::SavedPage saved = services_.responses.SavePage(
        context.respondent(), *context.questionnaire, context.response, answering, *index,
        PageValues(form),
        go == "back" ? responses::Go::kBack : go == "later" ? responses::Go::kLater
                                                            : responses::Go::kNext);
    using Outcome = responses::SavedPage::Outcome;
    switch (saved.outcome) {
      case Outcome::kSubmitted:
        return HttpResponse::Redirect("/q/answers");
      case Outcome::kClosed:
        return StageClosedPage(context, *saved.closed);
      case Outcome::kLater:
        return HttpResponse::Redirect("/q/later");
      case Outcome::kErrors:
        return RenderPage(context, answering, *index, saved.errors,
                          PageNotes{.draft_saved = saved.draft_saved});
      case Outcome::kRevealed:
        return HttpResponse::Redirect(
            fmt::format("/q/page/{}#q-{}", saved.page + 1, saved.revealed));
      case Outcome::kMoved:
        break;
    }
    return HttpResponse::Redirect(saved.page < 0 ? "/q/review"
                                                 : fmt::format("/q/page/{}", saved.page + 1));
  }



  HttpResponse RenderReview(const Context& context, const Answering& answering,
                            const std::vector<AnswerError>& errors) const {
    Lang lang = context.lang;
    View content = views_.AnswersView(*context.questionnaire, context.lang, answering, true);
    content.Set("heading", catalogue_.Get("review", lang));
    content.Set("intro", catalogue_.Get("review_intro", lang));
    content.Set("can_submit", true);
    content.Set("has_errors", !errors.empty());
    content.List("errors");
    for (const AnswerError& error : errors) {
      const Item* item = context.form().FindItem(error.name);
      int page = 0;
      for (int p = 0; p < int(context.questionnaire->pages.size()); ++p) {
        const auto& items = context.questionnaire->pages[p].items;
        if (item && std::find(items.begin(), items.end(), item->index) != items.end()) {
          page = p;
        }
      }
      View link;
      link.Set("href", fmt::format("/q/page/{}", page + 1));
      link.Set("label", item ? answering.QuestionLabelOf(*item) : error.name);
      link.Set("message", views_.ErrorText(error, lang));
      content.Add("errors", std::move(link));
    }
    return Render(200, &context, lang, catalogue_.Get("review", lang), "review",
                  std::move(content), "/q/review");
  }

  HttpResponse Review(HttpRequest& request, Context& context) {
    Answering answering = MakeAnswering(context);
    // After a refused Submit (POST, then redirect, then this GET): what
    // stops submitting, listed; reloading the page asks nothing again.
    if (FindParam(request.query, "problems")) {
      return RenderReview(context, answering, answering.CheckAll());
    }
    return RenderReview(context, answering, {});
  }

  HttpResponse Submit(HttpRequest&, Context& context, const Params&) {
    Answering answering = MakeAnswering(context);
    responses::Submission submission = services_.responses.Submit(
        context.respondent(), *context.questionnaire, context.response, answering);
    using Outcome = responses::Submission::Outcome;
    switch (submission.outcome) {
      case Outcome::kClosed:
        return StageClosedPage(context, *submission.closed);
      case Outcome::kProblems:
        return HttpResponse::Redirect("/q/review?problems=1");
      case Outcome::kSubmitted:
      case Outcome::kAlready:
        break;
    }
    return HttpResponse::Redirect("/q/receipt");
  }

  // ---- Colleagues sharing one response ----

  // What a colleague of the one holding the organisation's response sees:
  // who holds it and how far they are, and a way to ask to take it over.
  // The organisation's shared response when a colleague, whose link still
  // works, holds it; nullopt otherwise.
  struct Held {
    Response shared;
    Invitation holder;
  };
  std::optional<Held> HeldByColleague(const Context& context) {
    auto shared =
        services_.responses.HeldByColleague(context.respondent(), *context.questionnaire);
    if (!shared) return std::nullopt;
    auto holder = services_.invitations.FindById(shared->invitation_id);
    if (!holder) return std::nullopt;
    return Held{std::move(*shared), std::move(*holder)};
  }

  HttpResponse Colleague(HttpRequest&, Context& context) {
    auto held = HeldByColleague(context);
    if (!held || services_.responses.FindOwn(context.respondent())) {
      return HttpResponse::Redirect("/q");
    }
    const Response* shared = &held->shared;
    const Invitation* holder = &held->holder;
    Lang lang = context.lang;
    std::string person = PersonOf(*holder, lang);
    auto day = [&](TimePoint at) { return local_time_.FormatDate(at, lang); };
    View content;
    std::string heading = catalogue_.Get(shared->status == ResponseStatus::kSubmitted
                                             ? "colleague_submitted_title"
                                             : "colleague_started_title",
                                         lang);
    content.Set("heading", heading);
    if (shared->status == ResponseStatus::kSubmitted) {
      content.Set("text", SentenceCase(catalogue_.Get("colleague_submitted_text", lang,
                                                      {person, day(*shared->submitted_at)})));
    } else {
      content.Set("text", SentenceCase(catalogue_.Get(
                              "colleague_started_text", lang,
                              {person, day(shared->started_at), day(shared->updated_at)})));
      auto asked = services_.responses.LatestAsked(context.respondent(), *shared);
      bool waiting = asked && asked->decision == responses::HandoverDecision::kPending;
      if (waiting) {
        content.Set("note", catalogue_.Get("handover_waiting", lang,
                                           {day(asked->requested_at), person}));
      } else if (asked && asked->decision == responses::HandoverDecision::kDeclined) {
        content.Set("note", SentenceCase(catalogue_.Get("handover_declined", lang,
                                                        {person, day(*asked->decided_at)})));
      }
      content.Set("can_ask", !waiting);
      content.Set("ask_text", catalogue_.Get("handover_ask_text", lang, {person}));
    }
    return Render(200, &context, lang, heading, "colleague",
                  std::move(content), "/q/colleague");
  }

  HttpResponse AskToTakeOver(HttpRequest&, Context& context, const Params&) {
    services_.responses.AskToTakeOver(context.respondent(), *context.questionnaire);
    return HttpResponse::Redirect("/q/colleague");
  }

  // What the holder of a shared response sees when a colleague asks to
  // take it over.
  HttpResponse HandoverPage(HttpRequest&, Context& context) {
    auto pending = services_.responses.PendingHandover(context.respondent());
    if (!pending) return HttpResponse::Redirect("/q");
    auto asker = services_.invitations.FindById(pending->to_invitation_id);
    Lang lang = context.lang;
    View content;
    content.Set("text", SentenceCase(catalogue_.Get(
                            "handover_text", lang,
                            {asker ? PersonOf(*asker, lang) : "?",
                             local_time_.FormatDate(pending->requested_at, lang)})));
    return Render(200, &context, lang, catalogue_.Get("handover_title", lang), "handover",
                  std::move(content), "/q/handover");
  }

  HttpResponse DecideHandover(HttpRequest&, Context& context, const Params& form) {
    const bool agree = FindParam(form, "decision") == "agree";
    auto to = services_.responses.DecideHandover(context.respondent(), agree);
    if (!to) return HttpResponse::Redirect("/q");
    auto asker = services_.invitations.FindById(*to);
    Lang lang = context.lang;
    View content;
    content.Set("heading", catalogue_.Get("handed_over_title", lang));
    content.Set("text", catalogue_.Get("handed_over_text", lang,
                                       {asker ? PersonOf(*asker, lang) : "?"}));
    return Render(200, nullptr, lang, catalogue_.Get("handed_over_title", lang), "message",
                  std::move(content), "");
  }

  // What the receipt and the own answers say of changing submitted
  // answers, as the policy is: reopenable until the first stage closes
  // (and until when), or why not.
  std::string ChangeNote(const Context& context, bool reopen) const {
    const Lang lang = context.lang;
    if (!services_.responses.reopening_allowed()) return catalogue_.Get("reopen_never", lang);
    const rounds::AnswerWindow window = WindowOf(context);
    const std::vector<std::string> sections = SectionsOf(context);
    if (reopen) {
      auto deadline = window.NextDeadline(sections);
      return deadline ? catalogue_.Get("reopen_until", lang, {Day(deadline->closes, lang)})
                      : catalogue_.Get("reopen_open", lang);
    }
    auto closed = window.FirstClosed(sections);
    return closed ? catalogue_.Get("reopen_closed", lang, {closed->name.Get(lang), Day(closed->closes, lang)})
                  : catalogue_.Get("reopen_never", lang);
  }

  HttpResponse OwnAnswers(Context& context, bool receipt) {
    Lang lang = context.lang;
    if (context.response.status != ResponseStatus::kSubmitted) {
      return HttpResponse::Redirect("/q/review");
    }
    Answering answering = MakeAnswering(context);
    View content = views_.AnswersView(*context.questionnaire, lang, answering, false);
    std::string heading = catalogue_.Get(receipt ? "receipt_title" : "your_answers", lang);
    content.Set("heading", heading);
    // In the survey's time zone, as the page's language writes it.
    std::string when = context.response.submitted_at
                           ? local_time_.Format(*context.response.submitted_at, lang)
                           : "";
    if (receipt) {
      content.Set("intro", "");
      content.Set("receipt", true);
      content.Set("receipt_text", catalogue_.Get("receipt_text", lang, {when}));
      content.Set("change_note",
                  ChangeNote(context, services_.responses.Reopenable(*context.questionnaire)));
      content.Set("reference", context.response.reference);
      content.Set("answers_link", true);
      content.List("sections");
    } else {
      content.Set("intro", catalogue_.Get("submitted_on", lang, {when}) + ". " +
                               catalogue_.Get("answers_intro", lang));
      content.Set("own_answers", true);
      // Printed, the answers say whose they are and which questionnaire.
      content.Set("organisation", OrganisationName(context));
      content.Set("questionnaire", FormTitle(context.form(), lang));
      content.Set("reference", context.response.reference);
      const bool reopen = services_.responses.Reopenable(*context.questionnaire);
      content.Set("can_reopen", reopen);
      content.Set("change_note", ChangeNote(context, reopen));
    }
    return Render(200, &context, lang, heading, "review", std::move(content),
                  receipt ? "/q/receipt" : "/q/answers");
  }

  // ---- The printable questionnaire ----

  std::string OrganisationName(const Context& context) const {
    const std::string& code = context.invitation.organisation_code;
    if (!services_.organisation_name) return code;
    return services_.organisation_name(code).Get(context.lang);
  }


  // The whole questionnaire on one page to print, in the page's language:
  // every section, question and choice, when a follow-up is asked, the
  // deadline and how to answer with the personal link.
  HttpResponse Print(HttpRequest&, Context& context) {
    const Lang lang = context.lang;
    Answering answering = MakeAnswering(context);
    View content = views_.PrintView(*context.questionnaire, lang, answering);
    const std::string title = FormTitle(context.form(), lang);
    content.Set("heading", title);
    content.Set("organisation", OrganisationName(context));
    if (std::string due = DueSentence(context, "print_deadline"); !due.empty()) {
      content.Set("deadline", std::move(due));
    }
    content.Set("how", catalogue_.Get("print_how", lang));
    return Render(200, &context, lang, title, "print", std::move(content), "/q/print");
  }

  HttpResponse Receipt(HttpRequest&, Context& context) { return OwnAnswers(context, true); }
  HttpResponse Answers(HttpRequest&, Context& context) { return OwnAnswers(context, false); }

  HttpResponse AnswersCsv(HttpRequest&, Context& context) {
    Answering answering = MakeAnswering(context);
    std::string csv = "\xEF\xBB\xBF";  // a BOM, so that spreadsheets read UTF-8
    csv += FormatCsvRecord({"section", "question", "label", "answer", "value"});
    const auto& pages = context.questionnaire->pages;
    for (int p = 0; p < int(pages.size()); ++p) {
      if (!answering.PageShown(p)) continue;
      for (int index : pages[p].items) {
        const Item& item = context.form().items[index];
        if (!forms::IsQuestion(item.type) || !answering.state().Relevant(index)) continue;
        std::string text;
        for (const std::string& line :
             views_.AnswerLines(*context.questionnaire, context.lang, answering, item)) {
          text += (text.empty() ? "" : "; ") + line;
        }
        csv += FormatCsvRecord({pages[p].section, item.name, answering.QuestionLabelOf(item),
                                text, answering.Answer(index)});
      }
    }
    return HttpResponse::CsvFile(fmt::format("{}-{}.csv", context.form().settings.form_id,
                                             context.invitation.organisation_code),
                                 std::move(csv));
  }

  // ---- The organisation's benchmark ----

  // The organisation's answers beside the latest release's aggregates.
  std::optional<publish::LatestBenchmark> Benchmark(const Context& context) const {
    if (options_.results_folder.empty()) return std::nullopt;
    auto round = services_.rounds.FindRoundById(context.invitation.round_id);
    if (!round) return std::nullopt;
    return publish::BenchmarkAgainstLatest(
        options_.results_folder, round->code, context.invitation.role, context.form(),
        context.response.answers, services_.invitations.PrefillFacts(context.invitation),
        context.lang);
  }

  HttpResponse BenchmarkPage(HttpRequest&, Context& context) {
    View content = BenchmarkView(Benchmark(context), kit_, context.lang);
    content.Set("respondent", true);
    content.Set("organisation", OrganisationName(context));
    return Render(200, &context, context.lang, catalogue_.Get("bench_title", context.lang),
                  "benchmark", std::move(content), "/q/benchmark");
  }

  HttpResponse BenchmarkCsvFile(HttpRequest&, Context& context) {
    return HttpResponse::CsvFile(
        fmt::format("benchmark-{}-{}.csv", context.form().settings.form_id,
                    context.invitation.organisation_code),
        BenchmarkCsv(Benchmark(context)));
  }

  HttpResponse Reopen(HttpRequest&, Context& context, const Params&) {
    if (!services_.responses.Reopen(*context.questionnaire, context.response)) {
      return HttpResponse::Redirect("/q/answers");
    }
    return HttpResponse::Redirect("/q/review");
  }

  HttpResponse Language(HttpRequest&, Context& context, const Params& form) {
    auto lang = OfferedLanguage(context.form(), FindParam(form, "lang").value_or(""));
    if (!lang) return ErrorPage(400, context.lang);
    services_.invitations.SetLanguage(context.session, *lang);
    // Only back to a page of the questionnaire.
    auto next = LocalTarget(FindParam(form, "next").value_or("/q"), "/q");
    if (!next || !router_.Routes(Method::kGet, *next)) next = "/q";
    return HttpResponse::Redirect(*next);
  }

  const WebServices services_;
  const WebOptions options_;
  const PageKit kit_;
  const Templates& templates_;
  const Catalogue& catalogue_;
  const QuestionnaireViews views_;
  const LocalTime local_time_;
  Router router_;
  std::mutex mutex_;
  // Guarded by mutex_.
  std::map<int64_t, std::shared_ptr<const Questionnaire>> questionnaires_;
  std::map<std::string, std::pair<int, std::chrono::steady_clock::time_point>> bad_links_;
};

}  // namespace

Site MakeWebHandler(const WebServices& services, const WebOptions& options,
                    const AdminServices* admin) {
  auto app = std::make_shared<WebApp>(services, options, admin);
  return Site([app](HttpRequest& request) { return app->Handle(request); },
              [app](const HttpRequest& request) { return app->MayWrite(request); });
}

}  // namespace kartla::web
