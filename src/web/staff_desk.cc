#include "web/staff_desk.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "rounds/round.h"
#include "web/web_app.h"

namespace kartla::web {
namespace {

unsigned AccessOf(accounts::Role role) {
  switch (role) {
    case accounts::Role::kAdministrator: return kAdministrators;
    case accounts::Role::kAnalyst: return kAnalysts;
    case accounts::Role::kCoordinator: return kCoordinators;
  }
  return 0;
}

}  // namespace

void StaffDesk::Add(Router& router, Method method, std::string pattern, unsigned access,
                    StaffHandler handler, bool api, GetWrites writes) const {
  router.Add(method, std::move(pattern),
             [this, method, access, handler = std::move(handler), api](HttpRequest& request) {
               auto staff = SignedIn(request);
               if (!staff) {
                 if (method == Method::kGet && !api) {
                   return HttpResponse::Redirect("/admin/login?next=" +
                                                 UrlEncode(request.target));
                 }
                 return Refuse(request, 403, api);
               }
               if ((access & AccessOf(staff->user.role)) == 0) {
                 return Refuse(request, 403, api, staff->lang);
               }
               HttpResponse response = handler(request, *staff);
               if (FindParam(request.query, "lang")) {
                 response.headers.emplace_back(
                     "Set-Cookie",
                     Cookie(kLangCookie, LangCode(staff->lang), 365 * 24 * 3600, "/admin"));
               }
               return response;
             },
             writes);
}

HttpResponse StaffDesk::Refuse(const HttpRequest& request, int status, bool api,
                               std::optional<Lang> lang) const {
  if (api) {
    HttpResponse response;
    response.status = status;
    response.Set("Content-Type", "application/json");
    response.body = fmt::format("{{\"error\":{}}}", status);
    return response;
  }
  return kit_.ErrorPage(status, lang.value_or(PageKit::RequestLang(request)));
}

std::string StaffDesk::Cookie(const char* name, std::string_view value, long max_age,
                              const char* path) const {
  return fmt::format("{}={}; Path={}; HttpOnly; SameSite=Lax; Max-Age={}{}", name, value,
                     path, max_age, options_.secure_cookies ? "; Secure" : "");
}

std::optional<Staff> StaffDesk::SignedIn(const HttpRequest& request) const {
  std::string id = request.Cookie(kStaffCookie);
  if (id.empty()) return std::nullopt;
  auto live = accounts_.FindSession(id);
  if (!live) return std::nullopt;
  Staff staff{live->user, live->session, live->user.language};
  if (auto lang = ParseLang(request.Cookie(kLangCookie))) staff.lang = *lang;
  if (auto lang = FindParam(request.query, "lang")) {
    if (auto parsed = ParseLang(*lang)) staff.lang = *parsed;
  }
  return staff;
}

HttpResponse StaffDesk::Page(const Staff& staff, const std::string& title,
                             std::string_view name, View content, const std::string& here,
                             int status) const {
  Lang lang = staff.lang;
  content.Set("csrf", staff.session.csrf_token);
  View menu;
  menu.Set("csrf", staff.session.csrf_token);
  menu.Set("user_name", staff.user.name);
  auto item = [&](const char* href, const char* key) {
    View link;
    link.Set("href", href);
    link.Set("label", T(key, lang));
    link.Set("current", here == href);
    menu.Add("nav", std::move(link));
  };
  item("/admin", "workspace");
  if (!staff.coordinator()) {
    item("/admin/rounds", "rounds");
    item("/admin/forms", "forms");
    item("/admin/registry", "registry");
  }
  if (!staff.analyst()) item("/admin/contacts", "contacts");
  if (staff.admin()) {
    item("/admin/users", "users");
    item("/admin/audit", "audit_log");
  }
  View layout;
  layout.Set("languages_links", true);
  layout.Set("staff", std::move(menu));
  layout.Set("csrf", staff.session.csrf_token);
  return kit_.Render(status, lang, title, name, content, std::move(layout));
}

StaffDesk::PostedText StaffDesk::TextOrFile(const Params& form, std::vector<UploadedFile>& files,
                                            std::string_view field, std::string name) {
  if (files.empty()) return {FindParam(form, field).value_or(""), std::move(name)};
  UploadedFile& file = files.front();
  return {std::move(file.bytes), file.file_name.empty() ? std::move(name) : file.file_name};
}

Lang StaffDesk::SignedOutLang(const HttpRequest& request) {
  if (!FindParam(request.query, "lang")) {
    if (auto lang = ParseLang(request.Cookie(kLangCookie))) return *lang;
  }
  return PageKit::RequestLang(request);
}

void StaffDesk::RememberLang(const HttpRequest& request, HttpResponse& response) const {
  if (!FindParam(request.query, "lang")) return;
  response.headers.emplace_back(
      "Set-Cookie",
      Cookie(kLangCookie, LangCode(SignedOutLang(request)), 365 * 24 * 3600, "/admin"));
}

std::string StaffDesk::Notice(const HttpRequest& request, Lang lang) const {
  static const std::set<std::string> kKnown = {
      "contacts_imported", "saved",         "invitations_queued", "reminders_queued",
      "forwarded",         "revoked",       "user_added",         "form_imported",
      "form_unchanged",    "round_created", "questionnaire_added", "stages_saved",
      "organisation_added", "reminder_scheduled", "contact_added", "contact_deleted", "user_role_changed",
      "response_reopened", "mail_requeued", "mail_text_saved", "mail_text_reset",
      "mail_test_sent", "contact_erased", "release_published", "release_unchanged",
      "results_settings_reset", "password_link_sent", "password_set",
      "user_added_link", "test_links_deleted"};
  auto key = FindParam(request.query, "notice");
  if (!key || kKnown.count(*key) == 0) return "";
  // The message is the catalogue's; what fills it from the address may only
  // be a count, a code or a name of ours (letters, digits and ._@:-), so a
  // link made elsewhere cannot put sentences of its own on a staff page.
  std::vector<std::string> args;
  for (const char* name : {"n", "m"}) {
    std::string arg = FindParam(request.query, name).value_or("");
    bool plain = arg.size() <= 64 && std::all_of(arg.begin(), arg.end(), [](char c) {
                   return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
                          c == '@' || c == ':' || c == '-';
                 });
    if (!plain) return "";
    args.push_back(std::move(arg));
  }
  if (*key == "questionnaire_added") {
    if (const rounds::TargetGroup* group = rounds::FindBuiltinTargetGroup(args[0])) {
      args[0] = group->label.Get(lang);
    }
  }
  return T(*key, lang, args);
}

void StaffDesk::AddLanguageOptions(View& content, Lang selected) {
  for (Lang lang : kAllLangs) {
    View option;
    option.Set("code", std::string(LangCode(lang)));
    option.Set("name", std::string(LanguageName(lang)));
    option.Set("selected", lang == selected);
    content.Add("languages", std::move(option));
  }
}

void StaffDesk::AddPager(View& content, const std::string& path, const std::string& query,
                         size_t page, size_t pages, Lang lang) const {
  content.Set("has_pager", pages > 1);
  if (pages <= 1) return;
  auto link = [&](size_t to) {
    return path + "?" + (query.empty() ? "" : query + "&") + "page=" + std::to_string(to);
  };
  content.Set("pager_label", T("pages_of_list", lang));
  content.Set("pager_position", T("page_of", lang, {FormatInteger(int64_t(page), lang),
                                                    FormatInteger(int64_t(pages), lang)}));
  content.Set("has_previous", page > 1);
  content.Set("previous_link", link(page - 1));
  content.Set("has_next", page < pages);
  content.Set("next_link", link(page + 1));
}

std::optional<int64_t> StaffDesk::PathId(const HttpRequest& request) {
  auto id = ParseInteger(request.path_params.at("id"));
  if (!id || *id <= 0) return std::nullopt;
  return *id;
}

StaffDesk::Slice StaffDesk::SliceOf(const HttpRequest& request, size_t count, size_t per_page) {
  Slice slice;
  slice.pages = std::max<size_t>(1, (count + per_page - 1) / per_page);
  slice.page = size_t(std::clamp<int64_t>(
      ParseInteger(FindParam(request.query, "page").value_or("1")).value_or(1), 1,
      int64_t(slice.pages)));
  slice.from = (slice.page - 1) * per_page;
  slice.to = std::min(count, slice.from + per_page);
  return slice;
}

}  // namespace kartla::web
