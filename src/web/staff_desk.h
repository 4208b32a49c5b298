// What every page of the survey team's workspace shares: who is signed in,
// who may use a route, the page frame with its menu, posted forms with CSRF,
// the audit log and notices passed on by redirects. The workspace's page
// groups (admin_app.cc, admin_setup.cc) add their routes through it.
#ifndef KARTLA_WEB_STAFF_DESK_H_
#define KARTLA_WEB_STAFF_DESK_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/account_service.h"
#include "web/page_kit.h"
#include "web/router.h"

namespace kartla::web {

struct WebOptions;

inline constexpr char kStaffCookie[] = "kartla_staff";
inline constexpr char kLangCookie[] = "kartla_lang";
// The token of a form shown to someone not signed in (sign-in, setting a
// password by a mailed link), checked against the form's (login CSRF).
inline constexpr char kLoginCookie[] = "kartla_login";

// Who may use a route, as a set of bits.
enum Access : unsigned {
  kAdministrators = 1,
  kAnalysts = 2,
  kCoordinators = 4,
  kAllStaff = 7,
};

// A signed-in member of staff and the language of their pages.
struct Staff {
  accounts::User user;
  accounts::StaffSession session;
  Lang lang = Lang::kFi;

  bool admin() const { return user.role == accounts::Role::kAdministrator; }
  bool coordinator() const { return user.role == accounts::Role::kCoordinator; }
  bool analyst() const { return user.role == accounts::Role::kAnalyst; }
  // Whether the organisation's contacts and links are this person's to see
  // (accounts::User::Manages).
  bool Manages(const std::string& organisation) const { return user.Manages(organisation); }
};

using StaffHandler = std::function<HttpResponse(HttpRequest&, const Staff&)>;

// Thread-safe; shared by the page groups, which must not outlive it.
class StaffDesk {
 public:
  StaffDesk(accounts::AccountService& accounts, const WebOptions& options)
      : accounts_(accounts), options_(options) {}

  // Adds a route for the staff of `access`: others are sent to sign in (a
  // page) or refused with 403 (a form or, if `api`, a JSON answer).
  // `writes`: a GET that writes (an export or a reading of answers audited).
  void Add(Router& router, Method method, std::string pattern, unsigned access,
           StaffHandler handler, bool api = false,
           GetWrites writes = GetWrites::kNo) const;
  // The same for a member function of a page group held by `pages`.
  template <class Pages>
  void Add(Router& router, Method method, std::string pattern, unsigned access,
           const std::shared_ptr<Pages>& pages,
           HttpResponse (Pages::*handler)(HttpRequest&, const Staff&),
           bool api = false, GetWrites writes = GetWrites::kNo) const {
    Add(router, method, std::move(pattern), access,
        [pages, handler](HttpRequest& request, const Staff& staff) {
          return ((*pages).*handler)(request, staff);
        },
        api, writes);
  }

  std::optional<Staff> SignedIn(const HttpRequest& request) const;
  HttpResponse Refuse(const HttpRequest& request, int status, bool api,
                      std::optional<Lang> lang = std::nullopt) const;
  // A Set-Cookie value.
  std::string Cookie(const char* name, std::string_view value, long max_age,
                     const char* path = "/") const;

  const PageKit& kit() const { return kit_; }
  accounts::AccountService& accounts() const { return accounts_; }
  std::string T(std::string_view key, Lang lang,
                const std::vector<std::string>& args = {}) const {
    return kit_.T(key, lang, args);
  }

  // A page of the workspace, with its menu; `here` is the menu item's href.
  HttpResponse Page(const Staff& staff, const std::string& title, std::string_view name,
                    View content, const std::string& here, int status = 200) const;
  // A form posted by `staff` with their CSRF token (see PageKit::PostedForm).
  std::optional<Params> Posted(const HttpRequest& request, const Staff& staff,
                               HttpResponse& failure,
                               std::vector<UploadedFile>* files = nullptr) const {
    return kit_.PostedForm(request, staff.session.csrf_token, staff.lang, failure, files);
  }
  // Records a staff action in the audit log.
  void Audit(const Staff& staff, const std::string& action, const std::string& object,
             const std::string& detail = "") const {
    accounts_.Audit(staff.user.name, action, object, detail);
  }
  // A notice passed on by a redirect: ?notice=KEY&n=N&m=M, of known keys
  // only; "" if none.
  std::string Notice(const HttpRequest& request, Lang lang) const;

  // The {{#languages}} of a language select, `selected` chosen.
  static void AddLanguageOptions(View& content, Lang selected);
  // The language of a page for someone not signed in: ?lang=, else the one
  // chosen before (its cookie), else the browser's.
  static Lang SignedOutLang(const HttpRequest& request);
  // What a form gives as text: its first uploaded file if there is one (a
  // chosen file wins over pasted text), named by the file's name if it has
  // one, else the field `field`; `name` otherwise.
  struct PostedText {
    std::string text;
    std::string name;
  };
  static PostedText TextOrFile(const Params& form, std::vector<UploadedFile>& files,
                               std::string_view field, std::string name);
  // Keeps a language chosen by ?lang= in its cookie, for the pages after.
  void RememberLang(const HttpRequest& request, HttpResponse& response) const;
  // Sets `pager` in `content` for page `page` of `pages` of a list at
  // `path` searched with `query` ("q=…", "" for none): the links to the
  // previous and next pages and "Page 2 of 25" (the pager.mustache partial).
  void AddPager(View& content, const std::string& path, const std::string& query, size_t page,
                size_t pages, Lang lang) const;
  // The page of a list of `count` rows the request asks for (?page=,
  // clamped to the pages there are), `per_page` to a page: rows [from, to).
  struct Slice {
    size_t page = 1, pages = 1, from = 0, to = 0;
  };
  static Slice SliceOf(const HttpRequest& request, size_t count, size_t per_page);
  // The path parameter {id} as a positive number.
  static std::optional<int64_t> PathId(const HttpRequest& request);

 private:
  accounts::AccountService& accounts_;
  const WebOptions& options_;
  const PageKit kit_;
};

}  // namespace kartla::web

#endif  // KARTLA_WEB_STAFF_DESK_H_
