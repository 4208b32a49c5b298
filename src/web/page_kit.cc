#include "web/page_kit.h"

#include <fmt/format.h>

#include "core/token.h"

namespace kartla::web {
std::string PageKit::ProblemMessage(const Problem& problem, Lang lang) const {
  if (!problem.key.empty() && catalogue_.Find("problem_" + problem.key) != nullptr) {
    return T("problem_" + problem.key, lang, problem.args);
  }
  return problem.message;
}

std::string PageKit::ProblemLine(const Problem& problem, Lang lang) const {
  std::string place = problem.place.ToString();
  return (place.empty() ? "" : place + ": ") +
         T(problem.severity == Severity::kError ? "problem_error" : "problem_warning", lang) +
         ": " + ProblemMessage(problem, lang);
}

std::vector<std::string> PageKit::RefusalLines(const Status& status, Lang lang) const {
  std::vector<std::string> lines{RefusalSummary(status, lang)};
  for (const Problem& problem : status.problems()) lines.push_back(ProblemLine(problem, lang));
  return lines;
}

std::string PageKit::RefusalSummary(const Status& status, Lang lang) const {
  if (status.problems().empty()) {
    if (!status.key().empty() && catalogue_.Find("refusal_" + status.key()) != nullptr) {
      return T("refusal_" + status.key(), lang, status.args());
    }
    return status.message();
  }
  return T("problems_refused", lang,
           {status.problems().front().place.file,
            std::to_string(status.problems().size())});
}

Lang PageKit::RequestLang(const HttpRequest& request) {
  if (auto lang = FindParam(request.query, "lang")) {
    if (auto parsed = ParseLang(*lang)) return *parsed;
  }
  std::string accept = AsciiLower(request.Header("accept-language"));
  size_t best = std::string::npos;
  Lang chosen = Lang::kFi;
  for (Lang lang : kAllLangs) {
    size_t at = accept.find(LangCode(lang));
    if (at < best) {
      best = at;
      chosen = lang;
    }
  }
  return chosen;
}

void PageKit::AddLanguages(View& layout, Lang current, std::span<const Lang> offered) {
  for (Lang lang : offered) {
    View item;
    item.Set("code", std::string(LangCode(lang)));
    item.Set("name", std::string(LanguageName(lang)));
    item.Set("current", lang == current);
    layout.Add("languages", std::move(item));
  }
}

HttpResponse PageKit::Render(int status, Lang lang, const std::string& title,
                             std::string_view name, View content, View layout,
                             std::span<const Lang> offered) const {
  if (!catalogue_.Speaks(lang)) {
    content.Set("ui_lang", "en");
    layout.Set("ui_lang", "en");
  }
  layout.Set("lang", std::string(LangCode(lang)));
  layout.Set("title", title);
  layout.Set("content", templates_.Render(name, content, lang));
  AddLanguages(layout, lang, offered);
  return HttpResponse::Html(status, templates_.Render("layout", layout, lang));
}

HttpResponse PageKit::ErrorPage(int status, Lang lang,
                                const std::vector<std::string>& args) const {
  std::string key = fmt::format("error_{}", status);
  View content;
  content.Set("heading", T(key + "_title", lang));
  content.Set("text", T(key + "_text", lang, args));
  View layout;
  layout.Set("languages_links", true);
  return Render(status, lang, T(key + "_title", lang), "message", content,
                std::move(layout));
}

std::optional<Params> PageKit::PostedForm(const HttpRequest& request,
                                          const std::string& csrf, Lang lang,
                                          HttpResponse& failure,
                                          std::vector<UploadedFile>* files) const {
  std::string type = request.Header("content-type");
  Result<Params> form = Params{};
  if (files && IsMultipartForm(type)) {
    auto multipart = ParseMultipartForm(type, request.body);
    if (multipart.ok()) {
      *files = std::move(multipart->files);
      form = std::move(multipart->fields);
    } else {
      form = multipart.status();
    }
  } else if (AsciiLower(type).starts_with("application/x-www-form-urlencoded")) {
    form = ParseFormBody(request.body);
  } else {
    failure = ErrorPage(400, lang);
    failure.status = 415;
    return std::nullopt;
  }
  if (!form.ok()) {
    failure = ErrorPage(400, lang);
    return std::nullopt;
  }
  auto token = FindParam(*form, "csrf");
  if (csrf.empty() || !token || token->size() != csrf.size() ||
      !SecretsEqual(*token, csrf)) {
    failure = ErrorPage(403, lang);
    return std::nullopt;
  }
  return std::move(form).value();
}

}  // namespace kartla::web
