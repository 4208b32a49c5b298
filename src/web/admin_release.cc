#include "web/admin_release.h"

#include <algorithm>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "publish/audit_report.h"
#include "publish/release.h"
#include "web/page_kit.h"
#include "web/results_site.h"

namespace kartla::web {
namespace {

// The most a results settings text may be: a national round's is ~3 KB.
constexpr size_t kMaxSettingsBytes = 64 * 1024;
// The most a release note may be.
constexpr size_t kMaxNoteBytes = 2000;

class ReleasePages {
 public:
  ReleasePages(const AdminServices& services, std::shared_ptr<const StaffDesk> desk)
      : services_(services), desk_(std::move(desk)) {}

  void AddRoutes(Router& router, const std::shared_ptr<ReleasePages>& self) {
    const StaffDesk& desk = *desk_;
    constexpr unsigned kTeam = kAdministrators | kAnalysts;
    desk.Add(router, Method::kGet, "/admin/rounds/{round}/release", kTeam, self,
             &ReleasePages::ReleasePage);
    desk.Add(router, Method::kPost, "/admin/rounds/{round}/release/preview", kTeam, self,
             &ReleasePages::BuildPreview);
    desk.Add(router, Method::kGet, "/admin/rounds/{round}/release/preview/{path...}", kTeam,
             self, &ReleasePages::PreviewFile);
    desk.Add(router, Method::kPost, "/admin/rounds/{round}/release/publish", kTeam, self,
             &ReleasePages::Publish);
    desk.Add(router, Method::kGet, "/admin/rounds/{round}/release/results.toml", kTeam, self,
             &ReleasePages::SettingsFile);
    desk.Add(router, Method::kPost, "/admin/rounds/{round}/release/settings", kTeam, self,
             &ReleasePages::SaveSettings);
    desk.Add(router, Method::kPost, "/admin/rounds/{round}/release/settings/reset", kTeam, self,
             &ReleasePages::ResetSettings);
  }

 private:
  using Preview = std::shared_ptr<const publish::ReleasePreview>;

  std::string T(std::string_view key, Lang lang,
                const std::vector<std::string>& args = {}) const {
    return desk_->T(key, lang, args);
  }

  std::optional<rounds::Round> PathRound(const HttpRequest& request) const {
    return services_.rounds.FindRound(request.path_params.at("round"));
  }

  // The preview held for a round (the last built, until it is published or
  // the settings change), or null.
  Preview Held(const std::string& round) const {
    std::lock_guard lock(mutex_);
    auto found = previews_.find(round);
    return found == previews_.end() ? nullptr : found->second;
  }
  void Hold(const std::string& round, Preview preview) {
    std::lock_guard lock(mutex_);
    if (preview) {
      previews_[round] = std::move(preview);
    } else {
      previews_.erase(round);
    }
  }

  std::string Day(const Date& day, Lang lang) const {
    return FormatDay(day.year(), day.month(), day.day(), lang);
  }
  std::string Day(const std::string& iso, Lang lang) const {
    auto day = Date::Parse(iso);
    return day ? Day(*day, lang) : iso;
  }

  // The page; `errors` says why what was asked was refused, `entered` the
  // settings text typed then (kept in the form).
  HttpResponse Page(const HttpRequest& request, const Staff& staff, const rounds::Round& round,
                    const std::vector<std::string>& errors, const std::string* entered,
                    int status) {
    const Lang lang = staff.lang;
    View content;
    content.Set("round", round.code);
    content.Set("csrf", staff.session.csrf_token);
    content.Set("heading", T("release_title", lang, {round.title.Get(lang)}));
    content.Set("notice", desk_->Notice(request, lang));
    content.List("errors");
    for (const std::string& error : errors) content.Add("errors", View::Text(error));

    // The versions published.
    content.List("versions");
    for (const auto& [code, number] : publish::ReleaseVersions(services_.releases.folder)) {
      if (code != round.code) continue;
      auto entry = publish::ReadRelease(services_.releases.folder, code, number);
      if (!entry) continue;
      View version;
      version.Set("version", std::to_string(entry->version));
      version.Set("stage", std::to_string(entry->stage));
      version.Set("date", Day(entry->date, lang));
      version.Set("note", entry->note);
      version.Set("href", fmt::format("/results/{}/v{}/", UrlEncode(code), entry->version));
      content.Add("versions", std::move(version));
    }

    // The stages, to choose from; the latest whose publishing day has come
    // is chosen first.
    const std::vector<rounds::Stage> stages = services_.rounds.ListStages(round.id);
    const Date today = services_.clock.Today();
    const Preview held = Held(round.code);
    int chosen = held ? held->stage : 0;
    if (chosen == 0) {
      for (const rounds::Stage& stage : stages) {
        if (!(today < stage.publishes)) chosen = std::max(chosen, stage.number);
      }
      if (chosen == 0 && !stages.empty()) chosen = stages.front().number;
    }
    content.List("stages");
    for (const rounds::Stage& stage : stages) {
      View option;
      option.Set("number", std::to_string(stage.number));
      option.Set("label", T("release_stage_option", lang,
                            {std::to_string(stage.number), stage.name.Get(lang),
                             Day(stage.publishes, lang)}));
      option.Set("selected", stage.number == chosen);
      content.Add("stages", std::move(option));
    }
    content.Set("has_stages", !stages.empty());
    content.Set("note", held ? held->note : "");
    content.Set("max_note", std::to_string(kMaxNoteBytes));

    // The preview held, with the audit's summary.
    if (held) {
      View preview;
      preview.Set("heading", T("release_preview_heading", lang,
                               {std::to_string(held->version), std::to_string(held->stage)}));
      preview.Set("tables", FormatInteger(held->tables, lang));
      preview.Set("hidden", FormatInteger(held->audit.hidden, lang));
      preview.Set("under_k", FormatInteger(held->audit.under_k, lang));
      preview.Set("tables_with_hidden", FormatInteger(held->audit.tables_with_hidden, lang));
      preview.Set("summaries_hidden", FormatInteger(held->audit.summaries_hidden, lang));
      preview.Set("hidden_together", FormatInteger(held->hidden_together, lang));
      preview.Set("breaking", FormatInteger(held->audit.breaking, lang));
      std::string left_out;
      for (const std::string& group : held->left_out) {
        left_out += (left_out.empty() ? "" : ", ") + group;
      }
      preview.Set("left_out", left_out);
      if (!held->refusal.ok()) {
        preview.Set("refusal", T("release_refused", lang,
                                 {desk_->kit().RefusalSummary(held->refusal, lang)}));
      }
      preview.Set("publishable", held->refusal.ok());
      // The preview in the page's language, where the site has it.
      const std::string start = std::string(LangCode(lang)) + "/index.html";
      preview.Set("href", fmt::format("/admin/rounds/{}/release/preview/{}", UrlEncode(round.code),
                                      held->site.count(start) ? start : "index.html"));
      for (const rounds::Stage& stage : stages) {
        if (stage.number == held->stage && today < stage.publishes) {
          preview.Set("early", T("release_early", lang, {std::to_string(stage.number),
                                                         Day(stage.publishes, lang)}));
        }
      }
      preview.Set("version", std::to_string(held->version));
      preview.Set("stage", std::to_string(held->stage));
      preview.Set("note", held->note);
      preview.Set("publish_label", T("release_publish", lang, {std::to_string(held->version)}));
      if (held->latest) {
        preview.Set("latest", T("release_latest", lang,
                                {std::to_string(held->latest->version),
                                 std::to_string(held->latest->stage)}));
      }
      content.Set("preview", std::move(preview));
    }

    // The settings.
    const std::optional<std::string> settings = services_.releases.settings(round.code);
    content.Set("own_settings", settings.has_value());
    content.Set("settings_text", entered ? *entered : settings.value_or(""));
    content.Set("max_settings", std::to_string(kMaxSettingsBytes));
    return desk_->Page(staff, T("release_title", lang, {round.title.Get(lang)}), "admin_release",
                       std::move(content), "", status);
  }

  HttpResponse ReleasePage(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    if (!round) return desk_->kit().ErrorPage(404, staff.lang);
    return Page(request, staff, *round, {}, nullptr, 200);
  }

  // The stage and note posted; nullopt with `failure` set otherwise.
  struct Posting {
    rounds::Round round;
    int stage = 0;
    std::string note;
    Params form;
  };
  std::optional<Posting> Posted(HttpRequest& request, const Staff& staff,
                                HttpResponse& failure) const {
    auto round = PathRound(request);
    if (!round) {
      failure = desk_->kit().ErrorPage(404, staff.lang);
      return std::nullopt;
    }
    auto form = desk_->Posted(request, staff, failure);
    if (!form) return std::nullopt;
    Posting posting{std::move(*round), 0, "", std::move(*form)};
    const std::string stage = FindParam(posting.form, "stage").value_or("");
    if (stage.empty() || stage.size() > 3 ||
        !std::all_of(stage.begin(), stage.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      failure = desk_->kit().ErrorPage(404, staff.lang);
      return std::nullopt;
    }
    posting.stage = std::stoi(stage);
    posting.note = CutUtf8(std::string(Trim(FindParam(posting.form, "note").value_or(""))),
                           kMaxNoteBytes);
    std::replace(posting.note.begin(), posting.note.end(), '\r', ' ');
    return posting;
  }

  // Builds the version as it would be published and holds it for the
  // page and its preview.
  HttpResponse BuildPreview(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto posted = Posted(request, staff, failure);
    if (!posted) return failure;
    auto preview = services_.releases.preview(posted->round.code, posted->stage, posted->note);
    if (!preview.ok()) {
      return Page(request, staff, posted->round, desk_->kit().RefusalLines(preview.status(), staff.lang), nullptr,
                  preview.status().code() == ErrorCode::kNotFound ? 404 : 422);
    }
    Hold(posted->round.code,
         std::make_shared<const publish::ReleasePreview>(std::move(preview).value()));
    desk_->Audit(staff, "release.preview", "round " + posted->round.code,
                 fmt::format("stage {}", posted->stage));
    return HttpResponse::Redirect(
        fmt::format("/admin/rounds/{}/release#preview", UrlEncode(posted->round.code)));
  }

  // A file of the preview, as /results/R/vN/PATH will serve it.
  HttpResponse PreviewFile(HttpRequest& request, const Staff& staff) {
    const Preview held = Held(request.path_params.at("round"));
    if (!held) return desk_->kit().ErrorPage(404, staff.lang);
    std::string path = request.path_params.at("path");
    if (path.empty() || path.ends_with("/")) path += "index.html";
    HttpResponse response;
    if (auto file = held->site.find(path); file != held->site.end()) {
      response.body = file->second;
    } else if (auto data = held->data_file ? held->data_file(path) : std::nullopt) {
      response.body = std::move(*data);
    } else {
      return desk_->kit().ErrorPage(404, staff.lang);
    }
    response.Set("Content-Type", ResultsContentType(path));
    response.Set("Cache-Control", "no-store");
    response.Set("X-Robots-Tag", "noindex");
    return response;
  }

  // Publishes the version previewed, as it was previewed.
  HttpResponse Publish(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto posted = Posted(request, staff, failure);
    if (!posted) return failure;
    const Preview held = Held(posted->round.code);
    const std::string version = FindParam(posted->form, "version").value_or("");
    if (!held || std::to_string(held->version) != version || held->stage != posted->stage) {
      // Another member of staff built another preview meanwhile, or none
      // is held (the server restarted): what was looked at is not this.
      return Page(request, staff, posted->round, {T("release_preview_gone", staff.lang)},
                  nullptr, 409);
    }
    auto outcome = held->publish();
    if (!outcome.ok()) {
      return Page(request, staff, posted->round, desk_->kit().RefusalLines(outcome.status(), staff.lang), nullptr,
                  409);
    }
    Hold(posted->round.code, nullptr);
    desk_->Audit(staff, "release.publish", "round " + posted->round.code,
                 outcome->unchanged ? fmt::format("stage {}: unchanged", held->stage)
                                    : fmt::format("stage {} as version {}", held->stage,
                                                  outcome->version));
    return HttpResponse::Redirect(fmt::format(
        "/admin/rounds/{}/release?notice={}&n={}&m={}", UrlEncode(posted->round.code),
        outcome->unchanged ? "release_unchanged" : "release_published", outcome->version,
        held->stage));
  }

  HttpResponse SettingsFile(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    if (!round) return desk_->kit().ErrorPage(404, staff.lang);
    auto settings = services_.releases.settings(round->code);
    if (!settings) return desk_->kit().ErrorPage(404, staff.lang);
    return HttpResponse::Download(round->code + ".results.toml", "application/toml; charset=utf-8",
                                  *settings);
  }

  // Keeps the settings typed or uploaded, if they read; the preview held
  // was built with the old ones and goes.
  HttpResponse SaveSettings(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    if (!round) return desk_->kit().ErrorPage(404, staff.lang);
    HttpResponse failure;
    std::vector<UploadedFile> files;
    auto form = desk_->Posted(request, staff, failure, &files);
    if (!form) return failure;
    auto [text, name] = StaffDesk::TextOrFile(*form, files, "settings", "results.toml");
    name = CutUtf8(name, 100);
    std::erase(text, '\r');
    if (text.size() > kMaxSettingsBytes) {
      return Page(request, staff, *round,
                  {T("release_settings_long", staff.lang, {std::to_string(kMaxSettingsBytes)})},
                  nullptr, 413);
    }
    Status saved = services_.releases.save_settings(round->code, text, name);
    if (!saved.ok()) {
      return Page(request, staff, *round, desk_->kit().RefusalLines(saved, staff.lang), &text, 422);
    }
    Hold(round->code, nullptr);
    desk_->Audit(staff, "release.settings", "round " + round->code,
                 fmt::format("{} ({} bytes)", name, text.size()));
    return HttpResponse::Redirect(fmt::format("/admin/rounds/{}/release?notice=saved#settings",
                                              UrlEncode(round->code)));
  }

  HttpResponse ResetSettings(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    if (!round) return desk_->kit().ErrorPage(404, staff.lang);
    HttpResponse failure;
    if (!desk_->Posted(request, staff, failure)) return failure;
    Status saved = services_.releases.save_settings(round->code, std::nullopt, "");
    if (!saved.ok()) return desk_->kit().ErrorPage(404, staff.lang);
    Hold(round->code, nullptr);
    desk_->Audit(staff, "release.settings_reset", "round " + round->code, "");
    return HttpResponse::Redirect(fmt::format(
        "/admin/rounds/{}/release?notice=results_settings_reset#settings", UrlEncode(round->code)));
  }

  const AdminServices& services_;
  std::shared_ptr<const StaffDesk> desk_;
  mutable std::mutex mutex_;
  std::map<std::string, Preview> previews_;  // by round code
};

}  // namespace

void AddReleaseRoutes(Router& router, const AdminServices& services,
                      std::shared_ptr<const StaffDesk> desk) {
  auto pages = std::make_shared<ReleasePages>(services, std::move(desk));
  pages->AddRoutes(router, pages);
}

}  // namespace kartla::web
