#include "web/admin_app.h"

#include "core/local_time.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "core/csv.h"
#include "core/token.h"
#include "publish/charts.h"
#include "web/page_kit.h"
#include "web/admin_mail.h"
#include "web/admin_password.h"
#include "web/admin_release.h"
#include "web/admin_setup.h"
#include "web/results_site.h"
#include "web/staff_desk.h"
#include "web/web_app.h"

namespace kartla::web {
namespace {

using accounts::Role;
using accounts::User;
using fieldwork::Contact;
using fieldwork::Invitation;
using fieldwork::InvitationStatus;
using fieldwork::RoundMonitor;

// A browser its user has signed in from before (AccountService::SignIn).
constexpr char kDeviceCookie[] = "kartla_device";

std::string StatusLabel(InvitationStatus status, const PageKit& kit, Lang lang) {
  return kit.T("status_" + std::string(fieldwork::StatusCode(status)), lang);
}

class AdminApp : public std::enable_shared_from_this<AdminApp> {
 public:
  AdminApp(const AdminServices& services, std::shared_ptr<const StaffDesk> desk,
           const WebOptions& options, ResponseDesk responses)
      : services_(services),
        desk_(std::move(desk)),
        kit_(desk_->kit()),
        results_folder_(options.results_folder),
        local_time_(LocalTime::OfOrUtc(options.time_zone)),
        responses_(std::move(responses)) {}

  void AddRoutes(Router& router) {
    router_ = &router;
    auto self = shared_from_this();
    router.Add(Method::kGet, "/admin/login",
               [self](HttpRequest& request) { return self->LoginPage(request); });
    router.Add(Method::kPost, "/admin/login",
               [self](HttpRequest& request) { return self->Login(request); });
    desk_->Add(router, Method::kPost, "/admin/logout", kAllStaff, self, &AdminApp::Logout);
    desk_->Add(router, Method::kGet, "/admin", kAllStaff, self, &AdminApp::Home);
    desk_->Add(router, Method::kGet, "/admin/rounds/{round}/monitor", kAdministrators | kAnalysts,
        self, &AdminApp::Monitor);
    desk_->Add(router, Method::kGet, "/admin/rounds/{round}/unanswered.csv",
        kAdministrators | kAnalysts, self, &AdminApp::UnansweredCsv, /*api=*/false,
        GetWrites::kYes);
    desk_->Add(router, Method::kGet, "/api/v1/rounds/{round}/monitor", kAdministrators | kAnalysts,
        self, &AdminApp::MonitorApi, /*api=*/true);
    desk_->Add(router, Method::kGet, "/admin/contacts", kAdministrators | kCoordinators,
        self, &AdminApp::Contacts);
    desk_->Add(router, Method::kPost, "/admin/contacts", kAdministrators | kCoordinators,
        self, &AdminApp::ImportContacts);
    desk_->Add(router, Method::kGet, "/admin/contacts.csv", kAdministrators | kCoordinators,
        self, &AdminApp::ContactsCsv, /*api=*/false, GetWrites::kYes);
    desk_->Add(router, Method::kPost, "/admin/contacts/add", kAdministrators | kCoordinators,
        self, &AdminApp::AddContact);
    desk_->Add(router, Method::kGet, "/admin/contacts/{id}", kAdministrators | kCoordinators,
        self, &AdminApp::ContactPage);
    desk_->Add(router, Method::kPost, "/admin/contacts/{id}/delete",
        kAdministrators | kCoordinators, self, &AdminApp::DeleteContact);
    desk_->Add(router, Method::kPost, "/admin/contacts/{id}", kAdministrators | kCoordinators,
        self, &AdminApp::EditContact);
    desk_->Add(router, Method::kPost, "/admin/contacts/{id}/erase", kAdministrators, self,
        &AdminApp::EraseContact);
    desk_->Add(router, Method::kGet, "/admin/rounds/{round}/invitations",
        kAdministrators | kCoordinators, self, &AdminApp::Invitations);
    desk_->Add(router, Method::kPost, "/admin/rounds/{round}/invite", kAdministrators,
        self, &AdminApp::Invite);
    desk_->Add(router, Method::kPost, "/admin/rounds/{round}/schedule", kAdministrators,
        self, &AdminApp::ScheduleReminders);
    desk_->Add(router, Method::kPost, "/admin/rounds/{round}/remind", kAdministrators,
        self, &AdminApp::Remind);
    desk_->Add(router, Method::kPost, "/admin/invitations/{id}/forward",
        kAdministrators | kCoordinators, self, &AdminApp::Forward);
    desk_->Add(router, Method::kPost, "/admin/invitations/{id}/revoke",
        kAdministrators | kCoordinators, self, &AdminApp::Revoke);
    desk_->Add(router, Method::kGet, "/admin/rounds/{round}/outbox", kAdministrators, self,
        &AdminApp::Outbox);
    desk_->Add(router, Method::kPost, "/admin/rounds/{round}/outbox/{id}/retry", kAdministrators,
        self, &AdminApp::RetryMail);
    desk_->Add(router, Method::kGet, "/admin/invitations/{id}/response", kAdministrators, self,
        &AdminApp::ResponsePage, /*api=*/false, GetWrites::kYes);
    desk_->Add(router, Method::kPost, "/admin/invitations/{id}/response/reopen", kAdministrators,
        self, &AdminApp::ReopenResponse);
    desk_->Add(router, Method::kGet, "/admin/rounds/{round}/benchmark",
        kAdministrators | kCoordinators, self, &AdminApp::BenchmarkPage, /*api=*/false,
        GetWrites::kYes);
    desk_->Add(router, Method::kGet, "/admin/rounds/{round}/benchmark.csv",
        kAdministrators | kCoordinators, self, &AdminApp::BenchmarkCsvFile, /*api=*/false,
        GetWrites::kYes);
    desk_->Add(router, Method::kGet, "/admin/users", kAdministrators, self, &AdminApp::Users);
    desk_->Add(router, Method::kPost, "/admin/users", kAdministrators, self, &AdminApp::AddUser);
    desk_->Add(router, Method::kPost, "/admin/users/state", kAdministrators, self,
               &AdminApp::SwitchUser);
    desk_->Add(router, Method::kPost, "/admin/users/role", kAdministrators, self,
               &AdminApp::ChangeRole);
    desk_->Add(router, Method::kGet, "/admin/rounds/{round}/questionnaires/{group}/preview",
               kAdministrators | kAnalysts, self, &AdminApp::QuestionnairePreview);
    desk_->Add(router, Method::kPost, "/admin/rounds/{round}/questionnaires/{group}/test",
               kAdministrators, self, &AdminApp::OpenTestLink);
    desk_->Add(router, Method::kPost, "/admin/rounds/{round}/test-links/delete", kAdministrators,
               self, &AdminApp::DeleteTestLinks);
    desk_->Add(router, Method::kPost, "/admin/users/email", kAdministrators, self,
               &AdminApp::SetEmail);
    desk_->Add(router, Method::kPost, "/admin/users/password-link", kAdministrators, self,
               &AdminApp::MailPasswordLink);
    desk_->Add(router, Method::kGet, "/admin/audit", kAdministrators, self, &AdminApp::AuditPage);
    desk_->Add(router, Method::kGet, "/admin/audit.csv", kAdministrators, self, &AdminApp::AuditCsv,
               /*api=*/false, GetWrites::kYes);
  }

 private:
  std::string T(std::string_view key, Lang lang,
                const std::vector<std::string>& args = {}) const {
    return desk_->T(key, lang, args);
  }
  HttpResponse Page(const Staff& staff, const std::string& title, std::string_view name,
                    View content, const std::string& here, int status = 200) const {
    return desk_->Page(staff, title, name, std::move(content), here, status);
  }
  std::optional<Params> Posted(const HttpRequest& request, const Staff& staff,
                               HttpResponse& failure) const {
    return desk_->Posted(request, staff, failure);
  }
  void Audit(const Staff& staff, const std::string& action, const std::string& object,
             const std::string& detail = "") {
    desk_->Audit(staff, action, object, detail);
  }
  // Why input was refused, in `lang` where its problems say (joined by
  // "; "), else as the status says.
  std::string Refusal(const Status& status, Lang lang) const {
    if (status.problems().empty()) return kit_.RefusalSummary(status, lang);
    std::string text;
    for (const Problem& problem : status.problems()) {
      text += (text.empty() ? "" : "; ") + kit_.ProblemMessage(problem, lang);
    }
    return text;
  }
  void MailQueued() {
    if (services_.mail_queued) services_.mail_queued();
  }

  // ---- Signing in and out ----

  // The language before signing in: ?lang=, else the one chosen before
  // (a cookie), else the browser's.
  static Lang LoginLang(const HttpRequest& request) { return StaffDesk::SignedOutLang(request); }

  // `next` as a page of the workspace to go to after signing in, rebuilt
  // from its checked parts; /admin if it is not one of its pages.
  std::string SafeNext(std::string_view next) const {
    auto target = LocalTarget(next, "/admin");
    if (target && router_->Routes(Method::kGet, *target)) return *target;
    return "/admin";
  }

  HttpResponse LoginForm(const HttpRequest& request, int status, const std::string& token,
                         const std::string& name, const std::string& error) const {
    Lang lang = LoginLang(request);
    View content;
    content.Set("csrf", token);
    content.Set("name", name);
    content.Set("next", SafeNext(FindParam(request.query, "next").value_or("/admin")));
    content.Set("error", error);
    content.Set("notice", desk_->Notice(request, lang));
    View layout;
    layout.Set("languages_links", true);
    HttpResponse response =
        kit_.Render(status, lang, T("sign_in", lang), "admin_login", content, layout);
    response.Set("Set-Cookie", desk_->Cookie(kLoginCookie, token, 3600, "/admin"));
    desk_->RememberLang(request, response);
    return response;
  }

  HttpResponse LoginPage(HttpRequest& request) {
    if (desk_->SignedIn(request)) return HttpResponse::Redirect("/admin");
    // Always a token of ours: one the client chose would let a page
    // elsewhere sign a victim in to the attacker's account (login CSRF).
    return LoginForm(request, 200, NewToken(), "", "");
  }

  HttpResponse Login(HttpRequest& request) {
    Lang lang = LoginLang(request);
    HttpResponse failure;
    auto form = kit_.PostedForm(request, request.Cookie(kLoginCookie), lang, failure);
    if (!form) return failure;
    std::string name = FindParam(*form, "name").value_or("");
    auto signed_in = services_.accounts.SignIn(name, FindParam(*form, "password").value_or(""),
                                               request.remote_address,
                                               request.Cookie(kDeviceCookie));
    if (!signed_in.ok()) {
      bool busy = signed_in.status().code() == ErrorCode::kUnavailable;
      // The name is shown again only if it could be a name at all.
      HttpResponse refused =
          LoginForm(request, busy ? 429 : 403, request.Cookie(kLoginCookie),
                    CutUtf8(name, 64), T(busy ? "sign_in_busy" : "sign_in_refused", lang));
      if (busy) refused.Set("Retry-After", "1");
      return refused;
    }
    HttpResponse response =
        HttpResponse::Redirect(SafeNext(FindParam(*form, "next").value_or("/admin")));
    response.Set("Set-Cookie", desk_->Cookie(kStaffCookie, signed_in->session_id,
                                      (signed_in->session.expires_at -
                                       signed_in->session.created_at) /
                                          std::chrono::seconds(1)));
    if (!signed_in->device_token.empty()) {
      response.headers.emplace_back(
          "Set-Cookie", desk_->Cookie(kDeviceCookie, signed_in->device_token,
                                      90L * 24 * 3600, "/admin/login"));
    }
    return response;
  }

  HttpResponse Logout(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    if (!Posted(request, staff, failure)) return failure;
    services_.accounts.SignOut(request.Cookie(kStaffCookie));
    Audit(staff, "session.sign_out", "user " + staff.user.name);
    HttpResponse response = HttpResponse::Redirect("/admin/login");
    response.Set("Set-Cookie", desk_->Cookie(kStaffCookie, "", 0));
    return response;
  }

  // ---- The workspace ----

  HttpResponse Home(HttpRequest&, const Staff& staff) {
    Lang lang = staff.lang;
    View content;
    std::string role = staff.coordinator()
                           ? T("role_coordinator", lang, {staff.user.organisation_code})
                           : T(std::string("role_") +
                                   std::string(accounts::RoleCode(staff.user.role)),
                               lang);
    content.Set("signed_in_as", T("signed_in_as", lang, {staff.user.name, role}));
    content.List("rounds");
    auto rounds = services_.rounds.ListRounds();
    content.Set("has_no_rounds", rounds.empty());
    const Date today = services_.clock.Today();
    for (const rounds::Round& round : rounds) {
      View item;
      item.Set("code", round.code);
      item.Set("title", round.title.Get(lang));
      item.Set("monitor", !staff.coordinator());
      item.Set("invitations", staff.user.role != Role::kAnalyst);
      item.Set("benchmark", staff.user.role != Role::kAnalyst);
      // Where the round stands: its stage today, each target group's
      // answers, the next planned reminder and the outbox.
      const rounds::StagesOn stages = rounds::StagesOnDay(services_.rounds.ListStages(round.id),
                                                          today);
      auto day = [lang](const Date& date) {
        return FormatDay(date.year(), date.month(), date.day(), lang);
      };
      item.Set("stage",
               stages.open   ? T("home_stage_open", lang, {std::to_string(stages.open->number),
                                                          stages.open->name.Get(lang), day(stages.open->closes)})
               : stages.next ? T("home_stage_next", lang, {std::to_string(stages.next->number),
                                                          stages.next->name.Get(lang), day(stages.next->opens)})
               : stages.last_closed ? T("home_stages_over", lang, {day(stages.last_closed->closes)})
                                    : T("home_no_stages", lang));
      if (!staff.coordinator() && services_.monitor) {
        if (auto monitor = services_.monitor(round.code, std::nullopt); monitor.ok()) {
          for (const fieldwork::GroupProgress& group : monitor->groups) {
            if (group.counts.invited == 0) continue;
            item.Add("answered", View::Text(T(
                "home_group_answered", lang,
                {group.label.Get(lang), FormatInteger(group.counts.submitted, lang),
                 FormatInteger(group.counts.invited, lang),
                 FormatPercentOf(group.counts.submitted, group.counts.invited)})));
          }
        }
      }
      if (staff.admin()) {
        item.Set("show_mail", true);
        item.Set("next_reminder", T("home_no_reminder", lang));
        for (const fieldwork::ScheduledReminder& planned :
             services_.mailing().ScheduledReminders(round.code)) {
          if (planned.done_at) continue;
          item.Set("next_reminder",
                   T("home_reminder_on", lang,
                     {day(planned.send_on),
                      T(planned.unopened_only ? "unopened_only" : "not_submitted", lang)}));
          break;
        }
        const auto outbox = services_.mailing().CountOutbox(round.code);
        item.Set("outbox", T("home_outbox_counts", lang,
                             {FormatInteger(outbox.waiting, lang), FormatInteger(outbox.sent, lang),
                              FormatInteger(outbox.failed, lang)}));
        item.Set("outbox_failed", outbox.failed > 0);
      }
      content.Add("rounds", std::move(item));
    }
    return Page(staff, T("workspace", lang), "admin_home", std::move(content), "/admin");
  }

  // ---- Monitoring ----

  static std::optional<std::string> GroupFilter(const HttpRequest& request) {
    auto group = FindParam(request.query, "target_group");
    if (!group || group->empty()) return std::nullopt;
    return group;
  }

  // Keeps the unanswered organisations of ?category=DIMENSION:CODE.
  static void FilterUnanswered(const HttpRequest& request, RoundMonitor& monitor) {
    std::string category = FindParam(request.query, "category").value_or("");
    size_t colon = category.find(':');
    if (colon == std::string::npos) return;
    std::string dimension = category.substr(0, colon);
    std::string code = category.substr(colon + 1);
    std::erase_if(monitor.unanswered, [&](const fieldwork::Unanswered& org) {
      auto found = org.categories.find(dimension);
      return found == org.categories.end() || found->second != code;
    });
  }

  std::optional<RoundMonitor> LoadMonitor(const HttpRequest& request, Lang lang,
                                          HttpResponse& failure) {
    auto monitor =
        services_.monitor(request.path_params.at("round"), GroupFilter(request));
    if (!monitor.ok()) {
      failure = kit_.ErrorPage(404, lang);
      return std::nullopt;
    }
    return std::move(monitor).value();
  }

  static View CountsView(const fieldwork::StatusCounts& counts, Lang lang) {
    View view;
    view.Set("invited", FormatInteger(counts.invited, lang));
    view.Set("opened", FormatInteger(counts.opened, lang));
    view.Set("partial", FormatInteger(counts.partial, lang));
    view.Set("submitted", FormatInteger(counts.submitted, lang));
    view.Set("declined", FormatInteger(counts.declined, lang));
    view.Set("bounced", FormatInteger(counts.bounced, lang));
    view.Set("rate", FormatPercentOf(counts.submitted, counts.invited));
    return view;
  }

  // The responses over time, cumulative by day, with the mailing days
  // marked: the results site's line chart on an axis of days.
  std::string Chart(const RoundMonitor& monitor, Lang lang) const {
    std::map<Date, int> cumulative;
    for (const fieldwork::DayCount& day : monitor.days) cumulative[day.date] = day.cumulative;
    std::set<Date> mail_days;
    for (const fieldwork::MailDay& day : monitor.mail) mail_days.insert(day.date);
    std::vector<Date> all;
    for (const auto& [date, count] : cumulative) all.push_back(date);
    all.insert(all.end(), mail_days.begin(), mail_days.end());
    const int64_t first = std::min_element(all.begin(), all.end())->DaysSinceEpoch();
    const int64_t last = std::max_element(all.begin(), all.end())->DaysSinceEpoch();
    std::vector<std::string> days;
    publish::Line submitted{T("submitted", lang), {}};
    publish::LineOptions options;
    options.mark_points = false;
    options.name_lines = false;
    options.decimals = 0;
    options.fluid = true;
    int value = 0;
    for (int64_t day = first; day <= last; ++day) {
      Date date = Date::FromDaysSinceEpoch(day);
      if (auto found = cumulative.find(date); found != cumulative.end()) value = found->second;
      if (mail_days.contains(date)) options.rules.push_back(days.size());
      days.push_back(FormatDay(date.year(), date.month(), date.day(), lang));
      submitted.values.push_back(value);
    }
    options.x_labels = {0, days.size() - 1};
    publish::ChartText text;
    text.lang = lang;
    text.id = "monitor-chart";
    text.title = T("responses_over_time", lang);
    text.description = fmt::format("{}: {} / {}", T("submitted", lang),
                                   monitor.days.empty() ? 0 : monitor.days.back().cumulative,
                                   monitor.total.invited);
    return publish::LineChart(text, days, {submitted}, std::max(1, monitor.total.invited),
                              options);
  }

  // A dimension's response rates as bars, one per category invited (the
  // results site's bar chart), beside the table of the same figures.
  std::string DimensionChart(const fieldwork::DimensionRates& dimension, Lang lang) const {
    std::vector<publish::Bar> bars;
    for (const fieldwork::CategoryRate& category : dimension.categories) {
      if (category.invited == 0) continue;
      publish::Bar bar;
      bar.label = category.label.Get(lang);
      bar.value = 100.0 * category.answered / category.invited;
      bars.push_back(std::move(bar));
    }
    publish::ChartText text;
    text.lang = lang;
    text.id = "monitor-" + dimension.id;
    text.title = T("rates_by", lang, {dimension.label.Get(lang)});
    text.description = T("rates_by_description", lang, {dimension.label.Get(lang)});
    text.unit = "%";
    return publish::BarChart(text, bars, 100);
  }

  HttpResponse Monitor(HttpRequest& request, const Staff& staff) {
    Lang lang = staff.lang;
    HttpResponse failure;
    auto monitor = LoadMonitor(request, lang, failure);
    if (!monitor) return failure;
    View content;
    std::string round = monitor->round.code;
    content.Set("round", round);
    content.Set("heading", T("monitor_title", lang, {monitor->round.title.Get(lang)}));
    content.Set("coverage", fieldwork::CoverageSentence(monitor->coverage, lang));
    std::string group = monitor->target_group.value_or("");
    // Unfiltered, the headline is each target group's coverage: the round's
    // own counts an organisation that any group of it answered for.
    content.Set("any_group", !monitor->target_group.has_value());
    // (With one target group invited, the two are the same.)
    if (!monitor->target_group) {
      std::vector<View> lines;
      for (const fieldwork::GroupProgress& g : monitor->groups) {
        if (g.counts.invited == 0) continue;
        auto of_group = services_.monitor(round, g.target_group);
        if (!of_group.ok()) continue;
        View line;
        line.Set("label", g.label.Get(lang));
        line.Set("coverage", fieldwork::CoverageSentence(of_group->coverage, lang));
        lines.push_back(std::move(line));
      }
      if (lines.size() > 1) {
        for (View& line : lines) content.Add("group_coverage", std::move(line));
      }
    }
    content.Set("target_group", group);
    auto questionnaires = services_.rounds.ListQuestionnaires(monitor->round.id);
    content.List("group_options");
    for (const rounds::Questionnaire& q : questionnaires) {
      View option;
      option.Set("code", q.target_group.code);
      option.Set("label", q.target_group.label.Get(lang));
      option.Set("selected", q.target_group.code == group);
      content.Add("group_options", std::move(option));
    }
    content.List("groups");
    for (const fieldwork::GroupProgress& g : monitor->groups) {
      View row = CountsView(g.counts, lang);
      row.Set("label", g.label.Get(lang));
      content.Add("groups", std::move(row));
    }
    content.Set("total", CountsView(monitor->total, lang));

    bool has_chart = !monitor->days.empty();
    content.Set("has_chart", has_chart);
    content.Set("has_no_chart", !has_chart);
    if (has_chart) {
      content.Set("chart", Chart(*monitor, lang));
      std::map<Date, std::string> mail;
      for (const fieldwork::MailDay& day : monitor->mail) {
        std::string& text = mail[day.date];
        text += fmt::format(
            "{}{}: {}", text.empty() ? "" : ", ",
            T("mail_kind_" + std::string(fieldwork::MailKindCode(day.kind)), lang),
            FormatInteger(day.sent, lang));
      }
      for (const fieldwork::DayCount& day : monitor->days) {
        View row;
        row.Set("date", FormatDay(day.date.year(), day.date.month(), day.date.day(), lang));
        row.Set("submitted", FormatInteger(day.submitted, lang));
        row.Set("cumulative", FormatInteger(day.cumulative, lang));
        row.Set("mail", mail[day.date]);
        content.Add("days", std::move(row));
      }
    }

    std::string selected = FindParam(request.query, "category").value_or("");
    content.List("dimensions");
    content.List("category_options");
    for (const fieldwork::DimensionRates& dimension : monitor->dimensions) {
      View table;
      table.Set("label", dimension.label.Get(lang));
      table.List("categories");
      for (const fieldwork::CategoryRate& category : dimension.categories) {
        if (category.invited == 0) continue;
        View row;
        row.Set("label", category.label.Get(lang));
        row.Set("invited", std::to_string(category.invited));
        row.Set("answered", std::to_string(category.answered));
        row.Set("rate", FormatPercentOf(category.answered, category.invited));
        table.Add("categories", std::move(row));
        View option;
        std::string value = dimension.id + ":" + category.code;
        option.Set("value", value);
        option.Set("label", dimension.label.Get(lang) + ": " + category.label.Get(lang));
        option.Set("selected", value == selected);
        content.Add("category_options", std::move(option));
      }
      table.Set("chart", DimensionChart(dimension, lang));
      content.Add("dimensions", std::move(table));
    }
    FilterUnanswered(request, *monitor);
    content.Set("unanswered_count",
                T("unanswered_count", lang, {std::to_string(monitor->unanswered.size())}));
    content.Set("csv_href", fmt::format("/admin/rounds/{}/unanswered.csv?target_group={}"
                                        "&category={}",
                                        UrlEncode(round), UrlEncode(group),
                                        UrlEncode(selected)));
    content.List("unanswered");
    for (const fieldwork::Unanswered& org : monitor->unanswered) {
      View row;
      row.Set("code", org.code);
      row.Set("name", org.name.Get(lang));
      std::string statuses;
      for (const auto& [code, status] : org.groups) {
        statuses += fmt::format("{}{}: {}", statuses.empty() ? "" : "; ", code,
                                StatusLabel(status, kit_, lang));
      }
      row.Set("statuses", statuses);
      content.Add("unanswered", std::move(row));
    }
    return Page(staff, T("monitor_title", lang, {monitor->round.title.Get(lang)}),
                "admin_monitor", std::move(content), "");
  }

  HttpResponse UnansweredCsv(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto monitor = LoadMonitor(request, staff.lang, failure);
    if (!monitor) return failure;
    FilterUnanswered(request, *monitor);
    std::vector<std::string> dimensions;
    for (const fieldwork::DimensionRates& dimension : monitor->dimensions) {
      dimensions.push_back(dimension.id);
    }
    // Names and addresses of people who have not answered: a read of
    // personal data, audited.
    Audit(staff, "unanswered.export", "round " + monitor->round.code,
          fmt::format("{} rows", monitor->unanswered.size()));
    const std::map<int64_t, Contact> contacts = ContactsById();
    return HttpResponse::CsvFile(
        fmt::format("{}-unanswered.csv", monitor->round.code),
        fieldwork::UnansweredCsv(*monitor, dimensions, staff.lang, &contacts));
  }

  HttpResponse MonitorApi(HttpRequest& request, const Staff& staff) {
    auto monitor =
        services_.monitor(request.path_params.at("round"), GroupFilter(request));
    if (!monitor.ok()) return desk_->Refuse(request, 404, true);
    HttpResponse response;
    response.Set("Content-Type", "application/json");
    response.body = fieldwork::MonitorJson(*monitor, staff.lang);
    return response;
  }

  // ---- Contacts ----

  static constexpr size_t kContactsPerPage = 50;

  // The contacts search of the request (?q=, ?role=, ?page=): within the
  // coordinator's own organisation, or every organisation's.
  static fieldwork::ContactQuery ContactQueryOf(const HttpRequest& request, const Staff& staff) {
    fieldwork::ContactQuery query;
    if (staff.coordinator()) query.organisation = staff.user.organisation_code;
    query.text = CutUtf8(FindParam(request.query, "q").value_or(""), 200);
    query.role = CutUtf8(FindParam(request.query, "role").value_or(""), 100);
    query.page = size_t(std::clamp<int64_t>(
        ParseInteger(FindParam(request.query, "page").value_or("1")).value_or(1), 1, 1 << 20));
    query.per_page = kContactsPerPage;
    return query;
  }

  // The query string of a search, for its links ("q=…&role=…").
  static std::string QueryString(const fieldwork::ContactQuery& query) {
    std::vector<std::string> parts;
    if (!query.text.empty()) parts.push_back("q=" + UrlEncode(query.text));
    if (!query.role.empty()) parts.push_back("role=" + UrlEncode(query.role));
    return fmt::format("{}", fmt::join(parts, "&"));
  }

  // A paged list's line: rows `first`–`last` of `count` (`shown_key`), or
  // that none matched (`none_key`).
  std::string Shown(std::string_view none_key, std::string_view shown_key, size_t first,
                    size_t last, size_t count, Lang lang) const {
    if (count == 0) return T(none_key, lang);
    return T(shown_key, lang,
             {FormatInteger(int64_t(first), lang), FormatInteger(int64_t(last), lang),
              FormatInteger(int64_t(count), lang)});
  }

  // Every contact, by id.
  std::map<int64_t, Contact> ContactsById() const {
    std::map<int64_t, Contact> contacts;
    for (Contact& contact : services_.contacts.List(std::nullopt)) {
      contacts.emplace(contact.id, std::move(contact));
    }
    return contacts;
  }

  // Each organisation's name in `lang`, by code, from the latest registry.
  std::map<std::string, std::string> OrganisationNames(Lang lang) const {
    std::map<std::string, std::string> names;
    auto registry = services_.registry.LatestShared();
    if (!registry.ok()) return names;
    for (const Organisation& organisation : (*registry)->organisations()) {
      names[organisation.code] = organisation.name.Get(lang);
    }
    return names;
  }

  // Each target group's name in `lang`, by code.
  std::map<std::string, std::string> TargetGroupNames(Lang lang) const {
    std::map<std::string, std::string> names;
    for (const rounds::TargetGroup& group : services_.contacts.KnownTargetGroups()) {
      names[group.code] = group.label.Get(lang);
    }
    return names;
  }

  // Adds to the list `list` of `content` an option (code, label, selected)
  // for each of `labels`, by code.
  static void AddOptions(View& content, std::string_view list,
                         const std::map<std::string, std::string>& labels,
                         const std::string& selected) {
    for (const auto& [code, label] : labels) {
      View option;
      option.Set("code", code);
      option.Set("label", label);
      option.Set("selected", code == selected);
      content.Add(list, std::move(option));
    }
  }

  // The fields of a new contact typed in the add form, kept after a refusal.
  struct NewContact {
    std::string organisation, name, email, role, language;
  };

  HttpResponse ContactsPage(const HttpRequest& request, const Staff& staff, int status,
                            const std::vector<std::string>& errors, const std::string& csv,
                            const NewContact& typed = {}) {
    Lang lang = staff.lang;
    const fieldwork::ContactQuery query = ContactQueryOf(request, staff);
    const fieldwork::ContactPage found = services_.contacts.Search(query);
    const auto organisations = OrganisationNames(lang);
    const auto groups = TargetGroupNames(lang);
    auto name_of = [](const std::map<std::string, std::string>& names, const std::string& code) {
      auto it = names.find(code);
      return it == names.end() || it->second.empty() ? code : it->second;
    };
    View content;
    content.Set("notice", desk_->Notice(request, lang));
    content.Set("has_errors", !errors.empty());
    content.List("errors");
    for (const std::string& error : errors) content.Add("errors", View::Text(error));
    content.Set("csv", csv);
    content.Set("q", query.text);
    content.Set("filtered", !query.text.empty() || !query.role.empty());
    AddOptions(content, "role_options", groups, query.role);
    const std::string total = FormatInteger(int64_t(found.total), lang);
    content.Set("caption",
                query.organisation
                    ? T("contacts_of", lang, {name_of(organisations, *query.organisation), total})
                    : T("contacts_all", lang, {total}));
    content.Set("summary", Shown("contacts_none_found", "contacts_shown", found.first,
                                 found.first + found.contacts.size() - 1, found.matched, lang));
    const std::string query_string = QueryString(query);
    content.Set("csv_link",
                "/admin/contacts.csv" + (query_string.empty() ? "" : "?" + query_string));
    content.List("contacts");
    for (const Contact& contact : found.contacts) {
      View row;
      row.Set("id", std::to_string(contact.id));
      row.Set("organisation", name_of(organisations, contact.organisation_code));
      row.Set("code", contact.organisation_code);
      row.Set("name", contact.name);
      row.Set("email", contact.email);
      row.Set("role", name_of(groups, contact.role));
      row.Set("language", std::string(LanguageName(contact.language)));
      content.Add("contacts", std::move(row));
    }
    desk_->AddPager(content, "/admin/contacts", query_string, found.page, found.pages, lang);
    // The form for one contact: an administrator chooses the organisation;
    // a coordinator's is their own.
    content.Set("choose_organisation", staff.admin());
    content.Set("own_organisation", name_of(organisations, staff.user.organisation_code));
    content.Set("new_name", typed.name);
    content.Set("new_email", typed.email);
    if (staff.admin()) {
      std::vector<std::pair<std::string, std::string>> sorted;
      for (const auto& [code, name] : organisations) sorted.emplace_back(name, code);
      std::sort(sorted.begin(), sorted.end());
      for (const auto& [name, code] : sorted) {
        View option;
        option.Set("code", code);
        option.Set("label", fmt::format("{} ({})", name, code));
        option.Set("selected", code == typed.organisation);
        content.Add("organisation_options", std::move(option));
      }
    }
    AddOptions(content, "new_roles", groups, typed.role);
    for (Lang option_lang : kAllLangs) {
      View option;
      option.Set("code", std::string(LangCode(option_lang)));
      option.Set("name", std::string(LanguageName(option_lang)));
      option.Set("selected", LangCode(option_lang) == typed.language);
      content.Add("new_languages", std::move(option));
    }
    return Page(staff, T("contacts", lang), "admin_contacts", std::move(content),
                "/admin/contacts", status);
  }

  HttpResponse Contacts(HttpRequest& request, const Staff& staff) {
    return ContactsPage(request, staff, 200, {}, "");
  }

  // The contacts a search finds, every page of them, as CSV in the
  // columns an import reads (so that a list can be corrected and loaded
  // elsewhere), with the organisation's and target group's names after.
  HttpResponse ContactsCsv(HttpRequest& request, const Staff& staff) {
    const fieldwork::ContactQuery query = ContactQueryOf(request, staff);
    const auto organisations = OrganisationNames(staff.lang);
    const auto groups = TargetGroupNames(staff.lang);
    std::string csv = FormatCsvRecord({"organisation", "name", "email", "role", "language",
                                       "organisation_name", "target_group"});
    for (const Contact& contact : services_.contacts.Matching(query)) {
      auto named = [](const std::map<std::string, std::string>& names, const std::string& code) {
        auto it = names.find(code);
        return it == names.end() ? std::string() : it->second;
      };
      csv += FormatCsvRecord({contact.organisation_code, contact.name, contact.email, contact.role,
                      std::string(LangCode(contact.language)),
                      named(organisations, contact.organisation_code),
                      named(groups, contact.role)});
    }
    Audit(staff, "contacts.export", "contacts",
          query.text.empty() && query.role.empty() ? "" : QueryString(query));
    return HttpResponse::CsvFile("contacts.csv", std::move(csv));
  }

  HttpResponse AddContact(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    NewContact typed;
    typed.organisation = staff.admin() ? FindParam(*form, "organisation").value_or("")
                                       : staff.user.organisation_code;
    typed.name = FindParam(*form, "name").value_or("");
    typed.email = FindParam(*form, "email").value_or("");
    typed.role = FindParam(*form, "role").value_or("");
    typed.language = FindParam(*form, "language").value_or("");
    Contact contact;
    contact.organisation_code = typed.organisation;
    contact.name = typed.name;
    contact.email = typed.email;
    contact.role = typed.role;
    auto added = services_.contacts.Add(std::move(contact), typed.language);
    if (!added.ok()) {
      return ContactsPage(request, staff, 422, {Refusal(added.status(), staff.lang)}, "", typed);
    }
    Audit(staff, "contact.add", fmt::format("contact {}", added->id), added->organisation_code);
    return HttpResponse::Redirect("/admin/contacts?notice=contact_added&n=" +
                                  UrlEncode(added->organisation_code));
  }

  // The contact of the path for a form confirmed by its tick box; nullopt
  // with `failure` set otherwise (404, the CSRF refusal, or the contact's
  // page again saying `missing`).
  std::optional<Contact> ConfirmedContact(const HttpRequest& request, const Staff& staff,
                                          std::string_view missing, HttpResponse& failure) {
    auto contact = OwnContact(request, staff);
    if (!contact) {
      failure = kit_.ErrorPage(404, staff.lang);
      return std::nullopt;
    }
    auto form = Posted(request, staff, failure);
    if (!form) return std::nullopt;
    if (FindParam(*form, "confirm").value_or("") != "yes") {
      failure = ContactForm(staff, *contact, 422, T(missing, staff.lang));
      return std::nullopt;
    }
    return contact;
  }

  HttpResponse DeleteContact(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto contact = ConfirmedContact(request, staff, "contact_delete_confirm_missing", failure);
    if (!contact) return failure;
    Status removed = services_.contacts.Remove(contact->id);
    if (removed.code() == ErrorCode::kNotFound) return kit_.ErrorPage(404, staff.lang);
    if (!removed.ok()) {
      return ContactForm(staff, *contact, 409, T("contact_delete_invited", staff.lang));
    }
    Audit(staff, "contact.delete", fmt::format("contact {}", contact->id),
          contact->organisation_code);
    return HttpResponse::Redirect("/admin/contacts?notice=contact_deleted");
  }

  HttpResponse ImportContacts(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    std::vector<UploadedFile> files;
    auto form = desk_->Posted(request, staff, failure, &files);
    if (!form) return failure;
    auto [csv, file] = StaffDesk::TextOrFile(*form, files, "csv", "contacts.csv");
    // A coordinator adds their own organisation's people only.
    std::optional<std::string> only;
    if (staff.coordinator()) only = staff.user.organisation_code;
    auto added = services_.contacts.Import(csv, file, only);
    if (!added.ok()) {
      // The summary, then every problem with its row and column.
      std::vector<std::string> errors{kit_.RefusalSummary(added.status(), staff.lang)};
      for (const Problem& problem : added.status().problems()) {
        errors.push_back(kit_.ProblemLine(problem, staff.lang));
      }
      return ContactsPage(request, staff, 422, errors, csv);
    }
    Audit(staff, "contacts.import", file, fmt::format("{} contacts", added->size()));
    return HttpResponse::Redirect(
        fmt::format("/admin/contacts?notice=contacts_imported&n={}", added->size()));
  }

  // The contact of the path, if this person may see it.
  std::optional<Contact> OwnContact(const HttpRequest& request, const Staff& staff) {
    auto id = desk_->PathId(request);
    auto contact = id ? services_.contacts.Find(*id) : std::nullopt;
    if (!contact || !staff.Manages(contact->organisation_code)) return std::nullopt;
    return contact;
  }

  HttpResponse ContactForm(const Staff& staff, const Contact& contact, int status,
                           const std::string& error) {
    Lang lang = staff.lang;
    View content;
    content.Set("heading", T("edit_contact", lang));
    content.Set("error", error);
    content.Set("id", std::to_string(contact.id));
    const auto organisations = OrganisationNames(lang);
    auto named = organisations.find(contact.organisation_code);
    content.Set("organisation", named == organisations.end()
                                    ? contact.organisation_code
                                    : fmt::format("{} ({})", named->second,
                                                  contact.organisation_code));
    content.Set("name", contact.name);
    content.Set("email", contact.email);
    for (const auto& [code, label] : TargetGroupNames(lang)) {
      View option;
      option.Set("code", code);
      option.Set("label", label);
      option.Set("selected", code == contact.role);
      content.Add("roles", std::move(option));
    }
    desk_->AddLanguageOptions(content, contact.language);
    content.Set("may_erase", staff.admin());
    return Page(staff, T("edit_contact", lang), "admin_contact", std::move(content),
                "/admin/contacts", status);
  }

  // Erases one person on request: their contact and every link of theirs
  // (Retention::ErasePerson); their organisation's responses stay.
  HttpResponse EraseContact(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto contact = ConfirmedContact(request, staff, "contact_erase_confirm_missing", failure);
    if (!contact) return failure;
    auto erased = services_.retention.ErasePerson(contact->id);
    if (!erased.ok()) return kit_.ErrorPage(404, staff.lang);
    // The audit names the contact by number only: the person is gone.
    Audit(staff, "contact.erase", fmt::format("contact {}", contact->id),
          fmt::format("{}: {} links revoked, {} messages stopped", contact->organisation_code,
                      erased->links, erased->messages));
    return HttpResponse::Redirect(
        fmt::format("/admin/contacts?notice=contact_erased&n={}", erased->links));
  }

  HttpResponse ContactPage(HttpRequest& request, const Staff& staff) {
    auto contact = OwnContact(request, staff);
    if (!contact) return kit_.ErrorPage(404, staff.lang);
    return ContactForm(staff, *contact, 200, "");
  }

  HttpResponse EditContact(HttpRequest& request, const Staff& staff) {
    auto contact = OwnContact(request, staff);
    if (!contact) return kit_.ErrorPage(404, staff.lang);
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    contact->name = FindParam(*form, "name").value_or(contact->name);
    contact->email = FindParam(*form, "email").value_or(contact->email);
    contact->role = FindParam(*form, "role").value_or(contact->role);
    if (auto lang = ParseLang(FindParam(*form, "language").value_or(""))) {
      contact->language = *lang;
    }
    Status updated = services_.contacts.Update(*contact);
    if (!updated.ok()) return ContactForm(staff, *contact, 422, Refusal(updated, staff.lang));
    Audit(staff, "contact.edit", fmt::format("contact {}", contact->id),
          contact->organisation_code);
    return HttpResponse::Redirect("/admin/contacts?notice=saved");
  }

  // ---- Invitations ----

  // What sending a target group's invitations would do, for the
  // confirmation before it is done.
  struct InviteConfirmation {
    std::string group;
    fieldwork::InvitePlan plan;
  };

  HttpResponse InvitationsPage(const HttpRequest& request, const Staff& staff,
                               const rounds::Round& round,
                               const std::vector<fieldwork::ReminderPreview>* preview,
                               bool unopened, const std::string& error, int http_status = 200,
                               const InviteConfirmation* confirm = nullptr) {
    Lang lang = staff.lang;
    View content;
    content.Set("round", round.code);
    content.Set("heading", T("invitations_title", lang, {round.title.Get(lang)}));
    content.Set("notice", desk_->Notice(request, lang));
    content.Set("error", error);
    content.Set("can_send", staff.admin());
    content.Set("unopened", unopened);
    std::map<int64_t, std::string> group_of;
    for (const rounds::Questionnaire& q : services_.rounds.ListQuestionnaires(round.id)) {
      group_of[q.id] = q.target_group.label.Get(lang);
      View option;
      option.Set("code", q.target_group.code);
      option.Set("label", q.target_group.label.Get(lang));
      option.Set("selected", confirm != nullptr && confirm->group == q.target_group.code);
      if (confirm != nullptr && confirm->group == q.target_group.code) {
        AddInviteConfirmation(content, *confirm, q.target_group.label.Get(lang), lang);
      }
      content.Add("groups", std::move(option));
    }
    if (staff.admin()) {
      content.Set("schedule_day", Date::FromDaysSinceEpoch(services_.clock.Today().DaysSinceEpoch() + 7).ToString());
      content.List("schedule");
      for (const fieldwork::ScheduledReminder& planned :
           services_.mailing().ScheduledReminders(round.code)) {
        View row;
        row.Set("day", FormatDay(planned.send_on.year(), planned.send_on.month(),
                                 planned.send_on.day(), lang));
        row.Set("to", T(planned.unopened_only ? "unopened_only" : "not_submitted", lang));
        row.Set("by", planned.created_by);
        row.Set("state", planned.done_at
                             ? T("reminders_went", lang,
                                 {std::to_string(planned.reminded),
                                  local_time_.Format(*planned.done_at, lang)})
                             : T("planned", lang));
        content.Add("schedule", std::move(row));
      }
    }
    content.Set("has_preview", preview != nullptr);
    if (preview != nullptr) {
      std::string count = std::to_string(preview->size());
      content.Set("preview_caption", T("reminder_preview", lang, {count}));
      content.Set("send_reminders", T("send_reminders", lang, {count}));
      for (const fieldwork::ReminderPreview& item : *preview) {
        View row;
        row.Set("organisation", item.contact.organisation_code);
        row.Set("name", item.contact.name);
        row.Set("email", item.contact.email);
        row.Set("role", item.contact.role);
        row.Set("status", StatusLabel(item.invitation.status, kit_, lang));
        content.Add("preview", std::move(row));
      }
    }
    std::optional<std::string> only;
    if (staff.coordinator()) only = staff.user.organisation_code;
    std::map<std::string, std::vector<Contact>> people;
    std::map<int64_t, const Contact*> by_id;
    auto contacts = services_.contacts.List(only);
    for (const Contact& contact : contacts) people[contact.organisation_code].push_back(contact);
    for (const auto& [org, list] : people) {
      for (const Contact& contact : list) by_id[contact.id] = &contact;
    }
    // An administrator sees every organisation's invitations, and manages
    // one organisation's at a time (?org=CODE).
    std::string org = CutUtf8(FindParam(request.query, "org").value_or(""), 20);
    // ?state= narrows the list to one state (as shown: a revoked
    // invitation's is "revoked").
    const std::string state_code = FindParam(request.query, "state").value_or("");
    const std::optional<InvitationStatus> state = fieldwork::ParseStatus(state_code);
    content.Set("can_filter", staff.admin());
    content.Set("org", org);
    content.Set("has_no_org", org.empty());
    for (InvitationStatus option_state :
         {InvitationStatus::kCreated, InvitationStatus::kSent, InvitationStatus::kBounced,
          InvitationStatus::kOpened, InvitationStatus::kPartial, InvitationStatus::kSubmitted,
          InvitationStatus::kDeclined, InvitationStatus::kRevoked}) {
      View option;
      option.Set("code", std::string(fieldwork::StatusCode(option_state)));
      option.Set("label", StatusLabel(option_state, kit_, lang));
      option.Set("selected", state == option_state);
      content.Add("states", std::move(option));
    }
    const auto organisations = OrganisationNames(lang);
    std::vector<View> rows;
    for (const Invitation& invitation : services_.invitations.ListForRound(round.id)) {
      if (!staff.Manages(invitation.organisation_code)) continue;
      if (!org.empty() && invitation.organisation_code != org) continue;
      InvitationStatus status =
          invitation.revoked ? InvitationStatus::kRevoked : invitation.status;
      if (state && status != *state) continue;
      bool manage = staff.coordinator() || !org.empty();
      View row;
      row.Set("id", std::to_string(invitation.id));
      row.Set("csrf", staff.session.csrf_token);
      row.Set("code", invitation.organisation_code);
      auto named = organisations.find(invitation.organisation_code);
      row.Set("organisation", named == organisations.end() || named->second.empty()
                                  ? invitation.organisation_code
                                  : named->second);
      row.Set("role", group_of.count(invitation.questionnaire_id)
                          ? group_of[invitation.questionnaire_id]
                          : invitation.role);
      auto contact = by_id.find(invitation.contact_id);
      row.Set("contact", contact != by_id.end() ? contact->second->name : "–");
      row.Set("status", StatusLabel(status, kit_, lang));
      bool active = status != InvitationStatus::kRevoked &&
                    status != InvitationStatus::kSubmitted;
      row.List("others");
      for (const Contact& other :
           manage ? people[invitation.organisation_code] : std::vector<Contact>{}) {
        if (other.id == invitation.contact_id) continue;
        View option;
        option.Set("id", std::to_string(other.id));
        option.Set("name", other.name + " <" + other.email + ">");
        row.Add("others", std::move(option));
      }
      row.Set("active", active && manage);
      row.Set("answers_link", staff.admin() && (status == InvitationStatus::kPartial ||
                                                status == InvitationStatus::kSubmitted));
      row.Set("filter_link", !manage);
      rows.push_back(std::move(row));
    }
    // A page of 50 at a time, with the count of what the filters found.
    const auto [page, pages, from, to] = StaffDesk::SliceOf(request, rows.size(), 50);
    content.Set("found",
                Shown("invitations_none_found", "invitations_shown", from + 1, to, rows.size(), lang));
    content.List("invitations");
    for (size_t i = from; i < to; ++i) content.Add("invitations", std::move(rows[i]));
    std::vector<std::string> query;
    if (!org.empty()) query.push_back("org=" + UrlEncode(org));
    if (state) query.push_back("state=" + UrlEncode(state_code));
    desk_->AddPager(content, fmt::format("/admin/rounds/{}/invitations", round.code),
                    fmt::format("{}", fmt::join(query, "&")), page, pages, lang);
    return Page(staff, T("invitations_title", lang, {round.title.Get(lang)}),
                "admin_invitations", std::move(content), "", http_status);
  }

  std::optional<rounds::Round> PathRound(const HttpRequest& request) {
    return services_.rounds.FindRound(request.path_params.at("round"));
  }

  HttpResponse Invitations(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    if (!round) return kit_.ErrorPage(404, staff.lang);
    return InvitationsPage(request, staff, *round, nullptr, false, "");
  }

  // ---- The outbox ----

  // Every message of the round's outbox, newest first: to whom, what, its
  // state, attempts and times, and the mail server's last answer;
  // ?state=waiting|sent|failed, 50 to a page.
  HttpResponse Outbox(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    if (!round) return kit_.ErrorPage(404, staff.lang);
    const Lang lang = staff.lang;
    std::string state = FindParam(request.query, "state").value_or("");
    if (state != "waiting" && state != "sent" && state != "failed") state.clear();
    auto shown_as = [](const fieldwork::OutboxEntry& entry) {
      return entry.state == "sent" || entry.state == "failed" ? entry.state : "waiting";
    };
    std::vector<fieldwork::OutboxEntry> entries = services_.invitations.ListOutbox(round->id);
    std::map<std::string, size_t> counts;
    for (const auto& entry : entries) ++counts[shown_as(entry)];
    std::erase_if(entries, [&](const auto& entry) {
      return !state.empty() && shown_as(entry) != state;
    });
    std::reverse(entries.begin(), entries.end());
    View content;
    content.Set("round", round->code);
    content.Set("heading", T("outbox_title", lang, {round->title.Get(lang)}));
    content.Set("notice", desk_->Notice(request, lang));
    for (const char* option_state : {"waiting", "sent", "failed"}) {
      View option;
      option.Set("code", option_state);
      option.Set("label", T(std::string("outbox_") + option_state, lang,
                            {FormatInteger(int64_t(counts[option_state]), lang)}));
      option.Set("selected", state == option_state);
      content.Add("states", std::move(option));
    }
    const auto [page, pages, from, to] = StaffDesk::SliceOf(request, entries.size(), 50);
    content.Set("found", Shown("outbox_none", "outbox_shown", from + 1, to, entries.size(), lang));
    std::map<int64_t, Invitation> invitations;
    for (Invitation& invitation : services_.invitations.ListForRound(round->id)) {
      invitations.emplace(invitation.id, std::move(invitation));
    }
    const std::map<int64_t, Contact> contacts = ContactsById();
    const auto organisations = OrganisationNames(lang);
    content.List("messages");
    for (size_t i = from; i < to; ++i) {
      const fieldwork::OutboxEntry& entry = entries[i];
      View row;
      row.Set("id", std::to_string(entry.id));
      row.Set("csrf", staff.session.csrf_token);
      auto invitation = invitations.find(entry.invitation_id);
      std::string to_whom = "–", organisation;
      if (invitation != invitations.end()) {
        auto contact = contacts.find(invitation->second.contact_id);
        if (contact != contacts.end()) {
          to_whom = contact->second.name + " <" + contact->second.email + ">";
        }
        const std::string& code = invitation->second.organisation_code;
        auto named = organisations.find(code);
        organisation = (named == organisations.end() ? code : named->second) + " (" + code + ")";
      }
      row.Set("to", to_whom);
      row.Set("organisation", organisation);
      row.Set("kind", T(std::string("mail_one_") + std::string(MailKindCode(entry.kind)), lang));
      row.Set("state", T("outbox_state_" + entry.state, lang));
      row.Set("attempts", std::to_string(entry.attempts));
      row.Set("queued", local_time_.Format(entry.created_at, lang));
      row.Set("sent", entry.sent_at ? local_time_.Format(*entry.sent_at, lang) : "");
      row.Set("answer", entry.last_error);
      row.Set("can_retry", entry.state == "failed");
      content.Add("messages", std::move(row));
    }
    desk_->AddPager(content, fmt::format("/admin/rounds/{}/outbox", round->code),
                    state.empty() ? "" : "state=" + state, page, pages, lang);
    return Page(staff, T("outbox_title", lang, {round->title.Get(lang)}), "admin_outbox",
                std::move(content), "", 200);
  }

  // Sends a failed message again, at once.
  HttpResponse RetryMail(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    auto id = StaffDesk::PathId(request);
    if (!round || !id) return kit_.ErrorPage(404, staff.lang);
    HttpResponse failure;
    if (!Posted(request, staff, failure)) return failure;
    if (!services_.mailing().Retry(round->id, *id).ok()) return kit_.ErrorPage(404, staff.lang);
    Audit(staff, "mail.retry", fmt::format("message {}", *id), "round " + round->code);
    MailQueued();
    return HttpResponse::Redirect(
        fmt::format("/admin/rounds/{}/outbox?notice=mail_requeued", UrlEncode(round->code)));
  }

  // ---- An organisation's benchmark, for its coordinator ----

  // The organisation's submitted answers to each questionnaire of the
  // round, each beside the latest release's aggregates: the coordinator's
  // own organisation, or the administrator's ?org=CODE.
  struct Benchmarked {
    rounds::TargetGroup group;
    std::optional<publish::LatestBenchmark> benchmark;
  };
  std::vector<Benchmarked> OrganisationBenchmarks(const rounds::Round& round,
                                                  const std::string& org, Lang lang) {
    std::vector<Benchmarked> out;
    auto invitations = services_.invitations.ListForRound(round.id);
    for (const rounds::Questionnaire& questionnaire :
         services_.rounds.ListQuestionnaires(round.id)) {
      for (const Invitation& invitation : invitations) {
        if (invitation.organisation_code != org ||
            invitation.questionnaire_id != questionnaire.id) {
          continue;
        }
        auto response = services_.responses.FindByInvitation(invitation.id);
        if (!response || response->status != responses::ResponseStatus::kSubmitted) continue;
        auto form = services_.forms.LoadById(questionnaire.form_version_id);
        if (!form.ok()) break;
        out.push_back({questionnaire.target_group,
                       publish::BenchmarkAgainstLatest(
                           results_folder_, round.code, questionnaire.target_group.code,
                           form->form, response->answers,
                           services_.invitations.PrefillFacts(invitation), lang)});
        break;
      }
    }
    return out;
  }

  std::string BenchmarkOrganisation(const HttpRequest& request, const Staff& staff) const {
    if (staff.coordinator()) return staff.user.organisation_code;
    return FindParam(request.query, "org").value_or("");
  }

  HttpResponse BenchmarkPage(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    if (!round) return kit_.ErrorPage(404, staff.lang);
    const Lang lang = staff.lang;
    const std::string org = BenchmarkOrganisation(request, staff);
    View content;
    content.Set("heading", T("bench_staff_title", lang, {round->title.Get(lang)}));
    content.Set("org", org);
    content.Set("ask_org", staff.admin());
    content.Set("round", round->code);
    content.List("questionnaires");
    if (!org.empty()) {
      // An organisation's own answers, read by staff: audited.
      Audit(staff, "answers.read", "organisation " + CutUtf8(org, 40), "round " + round->code);
      for (const Benchmarked& each : OrganisationBenchmarks(*round, org, lang)) {
        View view = BenchmarkView(each.benchmark, kit_, lang);
        view.Set("caption", each.group.label.Get(lang));
        view.Set("csv", fmt::format("/admin/rounds/{}/benchmark.csv?org={}&group={}",
                                    round->code, org, each.group.code));
        content.Add("questionnaires", std::move(view));
      }
      content.Set("none", T("bench_staff_none", lang, {org}));
    }
    return Page(staff, T("bench_staff_title", lang, {round->title.Get(lang)}), "admin_benchmark",
                std::move(content), "");
  }

  HttpResponse BenchmarkCsvFile(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    if (!round) return kit_.ErrorPage(404, staff.lang);
    const std::string org = BenchmarkOrganisation(request, staff);
    const std::string group = FindParam(request.query, "group").value_or("");
    for (const Benchmarked& each : OrganisationBenchmarks(*round, org, staff.lang)) {
      if (each.group.code != group) continue;
      Audit(staff, "answers.export", "organisation " + org,
            fmt::format("round {}, {}", round->code, group));
      return HttpResponse::CsvFile(fmt::format("benchmark-{}-{}-{}.csv", round->code, group, org),
                                   BenchmarkCsv(each.benchmark));
    }
    return kit_.ErrorPage(404, staff.lang);
  }

  // The confirmation of an invitation's sending: how many get it in which
  // language, how many had it before, and the button that sends it.
  void AddInviteConfirmation(View& content, const InviteConfirmation& confirm,
                             const std::string& group_label, Lang lang) const {
    const fieldwork::InviteSummary& summary = confirm.plan.summary;
    View view;
    view.Set("group", confirm.group);
    view.Set("heading", T("invite_confirm_heading", lang, {group_label}));
    view.Set("count", summary.invited == 0
                          ? T("invite_confirm_nobody", lang, {group_label})
                          : T("invite_confirm_count", lang,
                              {FormatInteger(summary.invited, lang), group_label}));
    for (size_t i = 0; i < kAllLangs.size(); ++i) {
      if (confirm.plan.by_lang[i] == 0) continue;
      View row;
      row.Set("text", T("invite_confirm_lang_" + std::string(LangCode(kAllLangs[i])), lang,
                        {FormatInteger(confirm.plan.by_lang[i], lang)}));
      view.Add("by_lang", std::move(row));
    }
    if (summary.already > 0) {
      view.Set("already", T("invite_confirm_already", lang, {FormatInteger(summary.already, lang)}));
    }
    if (summary.not_in_registry > 0) {
      view.Set("outside", T("invite_confirm_outside", lang,
                            {FormatInteger(summary.not_in_registry, lang)}));
    }
    view.Set("can_send", summary.invited > 0);
    view.Set("send", T("invite_confirm_send", lang, {FormatInteger(summary.invited, lang)}));
    content.Set("confirm", std::move(view));
  }

  HttpResponse Invite(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    if (!round) return kit_.ErrorPage(404, staff.lang);
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    std::string group = FindParam(*form, "target_group").value_or("");
    // First what would happen, to confirm; then, confirmed, the sending.
    if (FindParam(*form, "step") != "send") {
      auto plan = services_.mailing().PlanInvitations(round->code, group, {});
      if (!plan.ok()) {
        return InvitationsPage(request, staff, *round, nullptr, false,
                               T("invite_unknown_group", staff.lang, {CutUtf8(group, 64)}), 404);
      }
      InviteConfirmation confirm{group, *plan};
      return InvitationsPage(request, staff, *round, nullptr, false, "", 200, &confirm);
    }
    auto summary = services_.mailing().InviteContacts(round->code, group, {});
    if (!summary.ok()) {
      return InvitationsPage(request, staff, *round, nullptr, false,
                             summary.status().message());
    }
    Audit(staff, "invitations.send", "round " + round->code,
          fmt::format("{}: {} invited, {} before", group, summary->invited, summary->already));
    MailQueued();
    return HttpResponse::Redirect(fmt::format(
        "/admin/rounds/{}/invitations?notice=invitations_queued&n={}&m={}",
        UrlEncode(round->code), summary->invited, summary->already));
  }

  HttpResponse Remind(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    if (!round) return kit_.ErrorPage(404, staff.lang);
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    bool unopened = FindParam(*form, "unopened").has_value();
    auto recipients = services_.mailing().ReminderRecipients(round->code, unopened);
    if (FindParam(*form, "step") != "send") {
      return InvitationsPage(request, staff, *round, &recipients, unopened, "");
    }
    services_.mailing().QueueReminders(recipients);
    Audit(staff, "invitations.remind", "round " + round->code,
          fmt::format("{} reminders", recipients.size()));
    MailQueued();
    return HttpResponse::Redirect(
        fmt::format("/admin/rounds/{}/invitations?notice=reminders_queued&n={}",
                    UrlEncode(round->code), recipients.size()));
  }

  // Plans reminders for a day; the server sends them that day.
  HttpResponse ScheduleReminders(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    if (!round) return kit_.ErrorPage(404, staff.lang);
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    auto day = Date::Parse(FindParam(*form, "day").value_or(""));
    if (!day) {
      return InvitationsPage(request, staff, *round, nullptr, false,
                             T("schedule_day_invalid", staff.lang), 422);
    }
    auto planned = services_.mailing().ScheduleReminders(
        round->code, *day, FindParam(*form, "unopened").has_value(), staff.user.name);
    if (!planned.ok()) {
      return InvitationsPage(request, staff, *round, nullptr, false,
                             T("schedule_day_past", staff.lang,
                               {FormatDay(day->year(), day->month(), day->day(), staff.lang)}),
                             422);
    }
    Audit(staff, "invitations.schedule", "round " + round->code,
          "reminders on " + day->ToString());
    MailQueued();  // a reminder planned for today goes at once
    return HttpResponse::Redirect(
        fmt::format("/admin/rounds/{}/invitations?notice=reminder_scheduled&n={}",
                    UrlEncode(round->code), day->ToString()));
  }

  // The invitation of the path, if this person may manage it, with its
  // round.
  std::optional<std::pair<Invitation, rounds::Round>> OwnInvitation(
      const HttpRequest& request, const Staff& staff) {
    auto id = desk_->PathId(request);
    auto invitation = id ? services_.invitations.FindById(*id) : std::nullopt;
    if (!invitation || !staff.Manages(invitation->organisation_code)) return std::nullopt;
    auto round = services_.rounds.FindRoundById(invitation->round_id);
    if (!round) return std::nullopt;
    return std::make_pair(*invitation, *round);
  }

  HttpResponse Forward(HttpRequest& request, const Staff& staff) {
    auto found = OwnInvitation(request, staff);
    if (!found) return kit_.ErrorPage(404, staff.lang);
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    auto contact = ParseInteger(FindParam(*form, "contact").value_or(""));
    auto forwarded = services_.mailing().Forward(found->first.id, contact.value_or(0));
    if (!forwarded.ok()) {
      return InvitationsPage(request, staff, found->second, nullptr, false,
                             Refusal(forwarded.status(), staff.lang));
    }
    Audit(staff, "invitation.forward", fmt::format("invitation {}", found->first.id),
          fmt::format("to contact {} as invitation {}", *contact, forwarded->id));
    MailQueued();
    return HttpResponse::Redirect(fmt::format(
        "/admin/rounds/{}/invitations?notice=forwarded&org={}", UrlEncode(found->second.code),
        UrlEncode(found->first.organisation_code)));
  }

  // A questionnaire as its respondents read it, every section on one page
  // (the printable questionnaire), in the page's language; for an
  // administrator, the form that opens a test link to answer it.
  HttpResponse QuestionnairePreview(HttpRequest& request, const Staff& staff) {
    return PreviewPage(request, staff, 200, "");
  }

  HttpResponse PreviewPage(HttpRequest& request, const Staff& staff, int status,
                           const std::string& error) {
    const Lang lang = staff.lang;
    auto round = services_.rounds.FindRound(request.path_params.at("round"));
    if (!round || !responses_.print) return kit_.ErrorPage(404, lang);
    for (const rounds::Questionnaire& q : services_.rounds.ListQuestionnaires(round->id)) {
      if (q.target_group.code != request.path_params.at("group")) continue;
      auto content = responses_.print(round->id, q.id, lang);
      if (!content) break;
      content->Set("round", round->code);
      content->Set("group", q.target_group.code);
      content->Set("staff_preview", true);
      content->Set("organisation", T("preview_organisation", lang));
      content->Set("preview_note", T("preview_note", lang, {q.target_group.label.Get(lang)}));
      content->Set("notice", desk_->Notice(request, lang));
      content->Set("has_error", !error.empty());
      content->Set("error", error);
      if (staff.admin()) AddTestLinkForm(*content, *round, lang);
      return Page(staff, T("preview_title", lang, {q.target_group.label.Get(lang)}),
                  "admin_preview", std::move(*content), "", status);
    }
    return kit_.ErrorPage(404, lang);
  }

  // The preview's form for a test link (an organisation of the round's
  // registry to answer for, and a language) and what test links the round
  // has.
  void AddTestLinkForm(View& content, const rounds::Round& round, Lang lang) const {
    content.Set("may_test", true);
    std::vector<std::pair<std::string, std::string>> sorted;
    for (const auto& [code, name] : OrganisationNames(lang)) sorted.emplace_back(name, code);
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [name, code] : sorted) {
      View option;
      option.Set("code", code);
      option.Set("label", fmt::format("{} ({})", name, code));
      content.Add("test_organisations", std::move(option));
    }
    desk_->AddLanguageOptions(content, lang);
    const std::vector<Invitation> tests = services_.invitations.ListTestLinks(round.id);
    const auto submitted = std::ranges::count_if(tests, [](const Invitation& link) {
      return link.status == fieldwork::InvitationStatus::kSubmitted;
    });
    content.Set("has_test_links", !tests.empty());
    content.Set("test_links_made",
                T("test_links_made", lang,
                  {FormatInteger(int64_t(tests.size()), lang), FormatInteger(submitted, lang)}));
  }

  // Opens a test link for the chosen organisation and language: the
  // administrator's browser follows it into the questionnaire at once.
  HttpResponse OpenTestLink(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    fieldwork::NewInvitation wanted;
    wanted.round_code = request.path_params.at("round");
    wanted.target_group = request.path_params.at("group");
    wanted.organisation_code = FindParam(*form, "organisation").value_or("");
    wanted.language = ParseLang(FindParam(*form, "language").value_or(""));
    wanted.test = true;
    if (!wanted.language) {
      return PreviewPage(request, staff, 422, T("test_link_no_language", staff.lang));
    }
    auto issued = services_.invitations.Create(wanted);
    if (!issued.ok()) {
      // (An unknown target group has no preview: 404.)
      return PreviewPage(request, staff, 422, T("test_link_no_organisation", staff.lang));
    }
    Audit(staff, "invitation.test", fmt::format("invitation {}", issued->invitation.id),
          fmt::format("test link of {} {} for {} in {}", wanted.round_code, wanted.target_group,
                      wanted.organisation_code, LangCode(*wanted.language)));
    return HttpResponse::Redirect("/r/" + issued->token);
  }

  // Deletes the round's test links and everything they made.
  HttpResponse DeleteTestLinks(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    auto round = services_.rounds.FindRound(request.path_params.at("round"));
    if (!round) return kit_.ErrorPage(404, staff.lang);
    const std::string back = SafeNext(FindParam(*form, "next").value_or(""));
    const int deleted = services_.invitations.DeleteTestLinks(round->id);
    Audit(staff, "invitation.test_delete", fmt::format("round {}", round->code),
          fmt::format("{} test links", deleted));
    return HttpResponse::Redirect(fmt::format("{}{}notice=test_links_deleted&n={}", back,
                                              back.find('?') == std::string::npos ? '?' : '&',
                                              deleted));
  }

  HttpResponse ResponsePage(HttpRequest& request, const Staff& staff) {
    return ResponseView(request, staff, 200, "");
  }

  HttpResponse ResponseView(HttpRequest& request, const Staff& staff, int status,
                            const std::string& error) {
    const Lang lang = staff.lang;
    auto found = OwnInvitation(request, staff);
    if (!found || !responses_.view) return kit_.ErrorPage(404, lang);
    const auto& [invitation, round] = *found;
    auto seen = responses_.view(invitation, lang);
    View content = seen ? std::move(seen->answers) : View();
    const auto organisations = OrganisationNames(lang);
    auto named = organisations.find(invitation.organisation_code);
    std::string group = invitation.role;
    for (const rounds::Questionnaire& q : services_.rounds.ListQuestionnaires(round.id)) {
      if (q.id == invitation.questionnaire_id) group = q.target_group.label.Get(lang);
    }
    const std::string heading =
        T("response_title", lang,
          {named == organisations.end() ? invitation.organisation_code : named->second, group});
    content.Set("heading", heading);
    content.Set("notice", desk_->Notice(request, lang));
    content.Set("error", error);
    content.Set("state", !seen             ? T("response_none", lang)
                         : seen->submitted ? T("response_submitted", lang,
                                               {seen->submitted_at, seen->reference})
                                           : T("response_draft", lang));
    content.Set("can_reopen", seen && seen->reopenable);
    content.Set("id", std::to_string(invitation.id));
    content.Set("back", fmt::format("/admin/rounds/{}/invitations?org={}", UrlEncode(round.code),
                                    UrlEncode(invitation.organisation_code)));
    if (status == 200) {
      Audit(staff, "response.view", fmt::format("invitation {}", invitation.id),
            invitation.organisation_code);
    }
    return desk_->Page(staff, heading, "admin_response", std::move(content),
                       "/admin/rounds", status);
  }

  // Opens a submitted response again for its respondent (who then submits
  // it anew), as the respondent may while the stage allows it.
  HttpResponse ReopenResponse(HttpRequest& request, const Staff& staff) {
    auto found = OwnInvitation(request, staff);
    if (!found || !responses_.reopen) return kit_.ErrorPage(404, staff.lang);
    HttpResponse failure;
    if (!Posted(request, staff, failure)) return failure;
    if (!responses_.reopen(found->first)) {
      return ResponseView(request, staff, 409, T("response_not_reopened", staff.lang));
    }
    Audit(staff, "response.reopen", fmt::format("invitation {}", found->first.id),
          found->first.organisation_code);
    return HttpResponse::Redirect(
        fmt::format("/admin/invitations/{}/response?notice=response_reopened", found->first.id));
  }

  HttpResponse Revoke(HttpRequest& request, const Staff& staff) {
    auto found = OwnInvitation(request, staff);
    if (!found) return kit_.ErrorPage(404, staff.lang);
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    Status revoked = services_.mailing().Revoke(found->first.id);
    if (!revoked.ok()) return kit_.ErrorPage(404, staff.lang);
    Audit(staff, "invitation.revoke", fmt::format("invitation {}", found->first.id),
          found->first.organisation_code);
    return HttpResponse::Redirect(fmt::format(
        "/admin/rounds/{}/invitations?notice=revoked&org={}", UrlEncode(found->second.code),
        UrlEncode(found->first.organisation_code)));
  }

  // ---- Users and the audit log ----

  HttpResponse UsersPage(const HttpRequest& request, const Staff& staff, int status,
                         const std::string& error) {
    Lang lang = staff.lang;
    View content;
    content.Set("notice", desk_->Notice(request, lang));
    content.Set("error", error);
    content.Set("password_hint",
                T("password_hint", lang, {std::to_string(accounts::kMinPasswordLength)}));
    content.List("users");
    for (const User& user : services_.accounts.List()) {
      View row;
      row.Set("name", user.name);
      row.Set("role", T(std::string("role_") + std::string(accounts::RoleCode(user.role)),
                        lang, {user.organisation_code}));
      row.Set("organisation", user.organisation_code);
      row.Set("email", user.email);
      row.Set("may_mail_link", !user.email.empty() && !user.disabled &&
                                   static_cast<bool>(services_.mail_transport));
      row.Set("language", std::string(LanguageName(user.language)));
      row.Set("disabled", user.disabled);
      row.Set("state", T(user.disabled ? "user_disabled" : "user_active", lang));
      // An administrator does not disable themselves (and lock everyone out),
      // nor change their own role.
      row.Set("may_switch", user.name != staff.user.name);
      row.Set("csrf", staff.session.csrf_token);
      row.Set("id", std::to_string(user.id));
      for (Role role : {Role::kAnalyst, Role::kCoordinator, Role::kAdministrator}) {
        View option;
        option.Set("code", std::string(accounts::RoleCode(role)));
        option.Set("label", T("role_name_" + std::string(accounts::RoleCode(role)), lang));
        option.Set("selected", role == user.role);
        row.Add("role_options", std::move(option));
      }
      content.Add("users", std::move(row));
    }
    for (Role role : {Role::kAnalyst, Role::kCoordinator, Role::kAdministrator}) {
      View option;
      option.Set("code", std::string(accounts::RoleCode(role)));
      option.Set("label", T(std::string("role_") + std::string(accounts::RoleCode(role)),
                            lang, {"…"}));
      content.Add("roles", std::move(option));
    }
    desk_->AddLanguageOptions(content, Lang::kFi);
    return Page(staff, T("users", lang), "admin_users", std::move(content), "/admin/users",
                status);
  }

  HttpResponse Users(HttpRequest& request, const Staff& staff) {
    return UsersPage(request, staff, 200, "");
  }

  HttpResponse AddUser(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    accounts::NewUser user;
    user.name = FindParam(*form, "name").value_or("");
    user.password = FindParam(*form, "password").value_or("");
    user.role = accounts::ParseRole(FindParam(*form, "role").value_or(""))
                    .value_or(Role::kAnalyst);
    if (user.role == Role::kCoordinator) {
      user.organisation_code = FindParam(*form, "organisation").value_or("");
    }
    user.language =
        ParseLang(FindParam(*form, "language").value_or("")).value_or(Lang::kFi);
    const std::string email =
        CutUtf8(std::string(Trim(FindParam(*form, "email").value_or(""))), 300);
    // Without a password typed, the user sets their own by a mailed link:
    // until then the account's password is random and known to nobody.
    const bool by_link = user.password.empty();
    if (by_link) {
      if (email.empty() || !services_.mail_transport) {
        return UsersPage(request, staff, 422, T("user_password_or_email", staff.lang));
      }
      user.password = NewToken();
    }
    if (!email.empty() && !accounts::PlausibleStaffEmail(email)) {
      return UsersPage(request, staff, 422, T("user_email_invalid", staff.lang, {user.name, email}));
    }
    user.email = email;
    auto added = services_.accounts.AddUser(user, staff.user.name);
    if (!added.ok()) return UsersPage(request, staff, 422, Refusal(added.status(), staff.lang));
    if (by_link) {
      HttpResponse failed;
      if (!SendPasswordLink(request, staff, added->name, failed)) return failed;
      return HttpResponse::Redirect("/admin/users?notice=user_added_link&n=" +
                                    UrlEncode(added->name));
    }
    return HttpResponse::Redirect("/admin/users?notice=user_added&n=" +
                                  UrlEncode(added->name));
  }

  // Mails `name` a link to set their password; false with `failed` set to
  // the users page saying why not.
  bool SendPasswordLink(HttpRequest& request, const Staff& staff, const std::string& name,
                        HttpResponse& failed) {
    auto link = services_.accounts.CreatePasswordLink(name, staff.user.name);
    if (!link.ok()) {
      failed = link.status().code() == ErrorCode::kNotFound
                   ? UsersPage(request, staff, 404, Refusal(link.status(), staff.lang))
                   : UsersPage(request, staff, 409, T("user_link_refused", staff.lang, {name}));
      return false;
    }
    auto transport = services_.mail_transport();
    Status sent = services_.mailing().SendPasswordLink(link->user.name, link->user.email,
                                                       link->user.language, link->token,
                                                       *transport);
    if (!sent.ok()) {
      Audit(staff, "user.password_link_failed", "user " + name, sent.message());
      failed = UsersPage(request, staff, 502, T("user_link_failed", staff.lang, {sent.message()}));
      return false;
    }
    return true;
  }

  HttpResponse ChangeRole(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    std::string name = FindParam(*form, "name").value_or("");
    if (name == staff.user.name) return UsersPage(request, staff, 422, T("user_self", staff.lang));
    auto role = accounts::ParseRole(FindParam(*form, "role").value_or(""));
    if (!role) return UsersPage(request, staff, 422, T("user_role_unknown", staff.lang));
    std::string organisation =
        *role == Role::kCoordinator
            ? std::string(Trim(FindParam(*form, "organisation").value_or("")))
            : "";
    Status set = services_.accounts.SetRole(name, *role, organisation, staff.user.name);
    if (set.code() == ErrorCode::kNotFound) {
      return UsersPage(request, staff, 404, Refusal(set, staff.lang));
    }
    if (!set.ok()) return UsersPage(request, staff, 422, Refusal(set, staff.lang));
    return HttpResponse::Redirect("/admin/users?notice=user_role_changed&n=" + UrlEncode(name));
  }

  HttpResponse SwitchUser(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    std::string name = FindParam(*form, "name").value_or("");
    bool disable = FindParam(*form, "disable").value_or("") == "yes";
    if (name == staff.user.name) return UsersPage(request, staff, 422, T("user_self", staff.lang));
    Status set = services_.accounts.SetDisabled(name, disable, staff.user.name);
    if (!set.ok()) return UsersPage(request, staff, 404, Refusal(set, staff.lang));
    return HttpResponse::Redirect("/admin/users?notice=saved");
  }

  HttpResponse SetEmail(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    const std::string name = FindParam(*form, "name").value_or("");
    const std::string email =
        CutUtf8(std::string(Trim(FindParam(*form, "email").value_or(""))), 300);
    Status set = services_.accounts.SetEmail(name, email, staff.user.name);
    if (set.code() == ErrorCode::kNotFound) {
      return UsersPage(request, staff, 404, Refusal(set, staff.lang));
    }
    if (!set.ok()) {
      return UsersPage(request, staff, 422, T("user_email_invalid", staff.lang, {name, email}));
    }
    return HttpResponse::Redirect("/admin/users?notice=saved");
  }

  // Mails a user a link to set their password, at once; says what the
  // mail server answered if it did not take it (the link then stays
  // unknown to anyone, and a new one may be mailed).
  HttpResponse MailPasswordLink(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = Posted(request, staff, failure);
    if (!form) return failure;
    const std::string name = FindParam(*form, "name").value_or("");
    if (!services_.mail_transport) return kit_.ErrorPage(404, staff.lang);
    HttpResponse failed;
    if (!SendPasswordLink(request, staff, name, failed)) return failed;
    return HttpResponse::Redirect("/admin/users?notice=password_link_sent&n=" + UrlEncode(name));
  }

  HttpResponse AuditPage(HttpRequest&, const Staff& staff) {
    View content;
    content.List("entries");
    for (const accounts::AuditEntry& entry : services_.accounts.ListAudit(500)) {
      View row;
      row.Set("at", FormatTimestamp(entry.at));
      row.Set("user", entry.user_name);
      row.Set("action", entry.action);
      row.Set("object", entry.object);
      row.Set("detail", entry.detail);
      content.Add("entries", std::move(row));
    }
    return Page(staff, T("audit_log", staff.lang), "admin_audit", std::move(content),
                "/admin/audit");
  }

  HttpResponse AuditCsv(HttpRequest&, const Staff& staff) {
    std::string csv = "\xEF\xBB\xBF" + FormatCsvRecord({"at", "user", "action", "object",
                                                         "detail"});
    for (const accounts::AuditEntry& entry : services_.accounts.ListAudit(1'000'000)) {
      csv += FormatCsvRecord(
          {FormatTimestamp(entry.at), entry.user_name, entry.action, entry.object,
           entry.detail});
    }
    Audit(staff, "audit.export", "audit log");
    return HttpResponse::CsvFile("kartla-audit.csv", std::move(csv));
  }

  const AdminServices services_;
  const std::shared_ptr<const StaffDesk> desk_;
  const PageKit& kit_;
  const std::string results_folder_;  // the releases; "" none
  const LocalTime local_time_;         // the survey's time zone
  const ResponseDesk responses_;
  const Router* router_ = nullptr;     // set by AddRoutes, then constant
};

}  // namespace

void AddAdminRoutes(Router& router, const AdminServices& services,
                    const WebOptions& options, ResponseDesk responses) {
  auto desk = std::make_shared<const StaffDesk>(services.accounts, options);
  std::make_shared<AdminApp>(services, desk, options, std::move(responses))->AddRoutes(router);
  AddSetupRoutes(router, services, desk);
  AddMailRoutes(router, services, desk);
  AddReleaseRoutes(router, services, desk);
  AddPasswordRoutes(router, services, desk);
}

}  // namespace kartla::web
