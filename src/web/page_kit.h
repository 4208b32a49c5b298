// What every page of the site shares: the templates and messages, the
// language a request asks for, the layout around a page's content, the
// error pages and the posted-form checks.
#ifndef KARTLA_WEB_PAGE_KIT_H_
#define KARTLA_WEB_PAGE_KIT_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.h"
#include "core/status.h"
#include "core/text.h"
#include "web/http.h"
#include "web/multipart.h"
#include "pages/templates.h"
#include "pages/view.h"

namespace kartla::web {

using pages::Catalogue;
using pages::Templates;
using pages::View;

// Thread-safe.
class PageKit {
 public:
  PageKit() : templates_(Templates::Builtin()), catalogue_(Catalogue::Builtin()) {}

  const Templates& templates() const { return templates_; }
  const Catalogue& catalogue() const { return catalogue_; }
  std::string T(std::string_view key, Lang lang,
                const std::vector<std::string>& args = {}) const {
    return catalogue_.Get(key, lang, args);
  }

  // What a problem says, in `lang` where the catalogue has its key
  // ("problem_" + problem.key), else as the problem wrote it.
  std::string ProblemMessage(const Problem& problem, Lang lang) const;
  // The problem on a line, its place kept: "stages.csv:3:5: virhe: …".
  std::string ProblemLine(const Problem& problem, Lang lang) const;
  // The summary of input refused for its problems: "stages.csv: problems:
  // 3; nothing was changed"; `status`'s own message if it has none.
  std::string RefusalSummary(const Status& status, Lang lang) const;
  // The summary, then every problem on its line: a refusal as a page's
  // list of errors shows it.
  std::vector<std::string> RefusalLines(const Status& status, Lang lang) const;

  // The language of a request without a session: ?lang=, else the
  // browser's first preference of fi, sv, en, else Finnish.
  static Lang RequestLang(const HttpRequest& request);

  // The layout's languages: {{#languages}} with code, name, current.
  static void AddLanguages(View& layout, Lang current, std::span<const Lang> offered);

  // A whole page: `content` rendered from template `name` inside the
  // layout, whose own settings (menus, forms) are in `layout`, offering
  // `offered` languages (a questionnaire: its form's). In a language the
  // catalogue does not speak, the interface's words are English: the
  // parts of the page holding them say so (ui_lang), the page's language
  // being that of its content.
  HttpResponse Render(int status, Lang lang, const std::string& title,
                      std::string_view name, View content, View layout,
                      std::span<const Lang> offered = kAllLangs) const;

  // The page for an HTTP error `status` (error_STATUS_title and _text).
  HttpResponse ErrorPage(int status, Lang lang,
                         const std::vector<std::string>& args = {}) const;

  // A posted form (application/x-www-form-urlencoded, or multipart/form-data
  // when `files` is given to take its files) whose field csrf equals `csrf`;
  // nullopt (and `failure` set to 415, 400 or 403) otherwise.
  std::optional<Params> PostedForm(const HttpRequest& request, const std::string& csrf,
                                   Lang lang, HttpResponse& failure,
                                   std::vector<UploadedFile>* files = nullptr) const;

 private:
  const Templates& templates_;
  const Catalogue& catalogue_;
};

}  // namespace kartla::web

#endif  // KARTLA_WEB_PAGE_KIT_H_
