#include "web/admin_password.h"

#include <fmt/format.h>

#include "core/token.h"
#include "web/page_kit.h"

namespace kartla::web {
namespace {

class PasswordPages {
 public:
  PasswordPages(const AdminServices& services, std::shared_ptr<const StaffDesk> desk)
      : services_(services), desk_(std::move(desk)) {}

  void AddRoutes(Router& router, const std::shared_ptr<PasswordPages>& self) {
    // No sign-in: the link's token is what lets the page in.
    router.Add(Method::kGet, "/admin/password/{token}",
               [self](HttpRequest& request) { return self->Form(request); });
    router.Add(Method::kPost, "/admin/password/{token}",
               [self](HttpRequest& request) { return self->Set(request); });
  }

 private:
  std::string T(std::string_view key, Lang lang,
                const std::vector<std::string>& args = {}) const {
    return desk_->T(key, lang, args);
  }

  // The form for the link's user, with the form token `csrf` (also set as
  // the cookie it is checked against).
  HttpResponse Page(const HttpRequest& request, int status, const accounts::User& user,
                    const std::string& csrf, const std::string& error) const {
    const Lang lang = StaffDesk::SignedOutLang(request);
    View content;
    content.Set("csrf", csrf);
    content.Set("name", user.name);
    content.Set("action", Router::CanonicalPath(request.path));
    content.Set("intro", T("password_link_intro", lang, {user.name}));
    content.Set("password_hint",
                T("password_hint", lang, {std::to_string(accounts::kMinPasswordLength)}));
    content.Set("error", error);
    View layout;
    layout.Set("languages_links", true);
    HttpResponse response =
        desk_->kit().Render(status, lang, T("password_link_title", lang), "admin_password",
                            content, layout);
    response.Set("Set-Cookie", desk_->Cookie(kLoginCookie, csrf, 3600, "/admin"));
    desk_->RememberLang(request, response);
    return response;
  }

  // The link's page is the same "not found" for a token that never was,
  // was used, or has expired: it tells nothing of which.
  HttpResponse Gone(const HttpRequest& request) const {
    return desk_->kit().ErrorPage(404, StaffDesk::SignedOutLang(request));
  }

  HttpResponse Form(HttpRequest& request) {
    auto user = services_.accounts.PasswordLinkUser(request.path_params.at("token"));
    if (!user) return Gone(request);
    return Page(request, 200, *user, NewToken(), "");
  }

  HttpResponse Set(HttpRequest& request) {
    const std::string token = request.path_params.at("token");
    auto user = services_.accounts.PasswordLinkUser(token);
    if (!user) return Gone(request);
    const Lang lang = StaffDesk::SignedOutLang(request);
    HttpResponse failure;
    auto form = desk_->kit().PostedForm(request, request.Cookie(kLoginCookie), lang, failure);
    if (!form) return failure;
    const std::string password = FindParam(*form, "password").value_or("");
    const std::string again = FindParam(*form, "password_again").value_or("");
    const std::string csrf = request.Cookie(kLoginCookie);
    if (password != again) return Page(request, 422, *user, csrf, T("password_mismatch", lang));
    Status set = services_.accounts.SetPasswordByLink(token, password);
    if (set.code() == ErrorCode::kNotFound) return Gone(request);
    if (!set.ok()) {  // too short or too long, the only other refusal
      return Page(request, 422, *user, csrf,
                  T("password_length", lang, {std::to_string(accounts::kMinPasswordLength),
                                              std::to_string(accounts::kMaxPasswordLength)}));
    }
    return HttpResponse::Redirect("/admin/login?notice=password_set");
  }

  const AdminServices& services_;
  std::shared_ptr<const StaffDesk> desk_;
};

}  // namespace

void AddPasswordRoutes(Router& router, const AdminServices& services,
                       std::shared_ptr<const StaffDesk> desk) {
  auto pages = std::make_shared<PasswordPages>(services, std::move(desk));
  pages->AddRoutes(router, pages);
}

}  // namespace kartla::web
