#include "web/admin_setup.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/csv.h"
#include "forms/form_builder.h"
#include "forms/workbook.h"
#include "web/page_kit.h"

namespace kartla::web {
namespace {

constexpr unsigned kLookers = kAdministrators | kAnalysts;

// Problems as rows of a table: where, how bad, what.
void AddProblems(View& content, const std::vector<Problem>& problems, Lang lang,
                 const StaffDesk& desk) {
  content.List("problems");
  for (const Problem& problem : problems) {
    View row;
    row.Set("place", problem.place.ToString());
    row.Set("severity", desk.T(problem.severity == Severity::kError ? "problem_error"
                                                                     : "problem_warning",
                               lang));
    row.Set("error", problem.severity == Severity::kError);
    row.Set("message", desk.kit().ProblemMessage(problem, lang));
    content.Add("problems", std::move(row));
  }
}

// Whether `organisation` matches the search text: its code, or a name in
// any language, containing `query` without regard to ASCII case.
bool Matches(const Organisation& organisation, const std::string& query) {
  if (query.empty()) return true;
  std::string wanted = AsciiLower(query);
  for (const std::string* text :
       {&organisation.code, &organisation.name.fi, &organisation.name.sv,
        &organisation.name.en}) {
    if (AsciiLower(*text).find(wanted) != std::string::npos) return true;
  }
  return false;
}

class SetupPages {
 public:
  SetupPages(const AdminServices& services, std::shared_ptr<const StaffDesk> desk)
      : services_(services), desk_(std::move(desk)) {}

  void AddRoutes(Router& router, const std::shared_ptr<SetupPages>& self) {
    const StaffDesk& desk = *desk_;
    desk.Add(router, Method::kGet, "/admin/registry", kLookers, self, &SetupPages::Registry);
    desk.Add(router, Method::kPost, "/admin/registry", kAdministrators, self,
             &SetupPages::AddOrganisation);
    desk.Add(router, Method::kGet, "/admin/forms", kLookers, self, &SetupPages::Forms);
    desk.Add(router, Method::kPost, "/admin/forms", kAdministrators, self,
             &SetupPages::UploadForm);
    desk.Add(router, Method::kGet, "/admin/rounds", kLookers, self, &SetupPages::Rounds);
    desk.Add(router, Method::kPost, "/admin/rounds", kAdministrators, self,
             &SetupPages::CreateRound);
    desk.Add(router, Method::kGet, "/admin/rounds/{round}", kLookers, self,
             &SetupPages::RoundPage);
    desk.Add(router, Method::kGet, "/admin/rounds/{round}/responses", kLookers, self,
             &SetupPages::ResponsesFile, /*api=*/false, GetWrites::kYes);
    desk.Add(router, Method::kPost, "/admin/rounds/{round}/questionnaires", kAdministrators,
             self, &SetupPages::AddQuestionnaire);
    desk.Add(router, Method::kPost, "/admin/rounds/{round}/stages", kAdministrators, self,
             &SetupPages::SetStages);
    desk.Add(router, Method::kPost, "/admin/rounds/{round}/stages/form", kAdministrators, self,
             &SetupPages::SetStagesFromForm);
    desk.Add(router, Method::kPost, "/admin/rounds/{round}/late-answers", kAdministrators,
             self, &SetupPages::SetLateAnswers);
    desk.Add(router, Method::kPost, "/admin/rounds/{round}/retention", kAdministrators, self,
             &SetupPages::SetRetention);
  }

 private:
  std::string T(std::string_view key, Lang lang,
                const std::vector<std::string>& args = {}) const {
    return desk_->T(key, lang, args);
  }

  // The summary of a refusal, then every problem with its place.
  // The stages form's fields, as the stages CSV names its columns (with
  // "number" for "stage"), and their labels.
  // The name in each language ("name" in Finnish; the others fall back).
  static constexpr const char* kStageFields[] = {"number", "name", "name_sv", "name_en",
                                                 "sections", "opens", "closes", "publishes"};
  static constexpr const char* kStageHeads[] = {"stage",    "name::fi", "name::sv",
                                                "name::en", "sections", "opens",
                                                "closes",   "publishes"};
  static constexpr const char* kStageLabels[] = {"stage",    "stage_name_fi", "stage_name_sv",
                                                 "stage_name_en", "sections", "opens",
                                                 "closes",   "publishes"};
  static constexpr size_t kStageColumns = std::size(kStageFields);
  static constexpr size_t kMaxStageRows = 20;

  // The summary of a refusal, then every problem with its place, in `lang`
  // (the place kept as the input names it).
  std::vector<std::string> Errors(const Status& status, Lang lang) const {
    return desk_->kit().RefusalLines(status, lang);
  }

  static void AddErrors(View& content, const std::vector<std::string>& errors) {
    content.List("errors");
    for (const std::string& error : errors) content.Add("errors", View::Text(error));
  }

  // ---- The registry ----

  // The attributes an organisation added by hand is given: those of the
  // registry's dimensions, with a list of categories where there is one.
  struct AttributeField {
    std::string attribute;
    const Dimension* dimension;
  };
  static std::vector<AttributeField> AttributeFields(const kartla::Registry& registry) {
    std::vector<AttributeField> fields;
    std::set<std::string> seen;
    for (const Dimension& dimension : registry.dimensions()) {
      if (dimension.attribute.empty() || !seen.insert(dimension.attribute).second) continue;
      fields.push_back({dimension.attribute, &dimension});
    }
    return fields;
  }

  HttpResponse RegistryPage(const HttpRequest& request, const Staff& staff, int status,
                            const std::vector<std::string>& errors, const Params& entered) {
    Lang lang = staff.lang;
    auto registry = services_.registry.Latest();
    View content;
    content.Set("notice", desk_->Notice(request, lang));
    AddErrors(content, errors);
    content.Set("may_add", staff.admin());
    if (!registry.ok()) {
      content.Set("empty", true);
      return desk_->Page(staff, T("registry", lang), "admin_registry", std::move(content),
                         "/admin/registry", status);
    }
    const RegistryVersionInfo& info = registry->info();
    content.Set("version",
                T("registry_version", lang,
                  {std::to_string(info.id.value()), info.as_of.ToString(),
                   FormatInteger(info.organisation_count, lang), info.note}));
    std::string query = FindParam(request.query, "q").value_or("");
    std::string category = FindParam(request.query, "category").value_or("");
    content.Set("q", query);

    // The filter's categories and the table's columns: every dimension.
    std::vector<const Dimension*> columns;
    content.List("dimensions");
    for (const Dimension& dimension : registry->dimensions()) {
      View group;
      group.Set("label", dimension.label.Get(lang));
      for (const Category& item : dimension.categories) {
        View option;
        std::string value = dimension.id + ":" + item.code;
        option.Set("value", value);
        option.Set("label", item.label.Get(lang));
        option.Set("selected", value == category);
        group.Add("categories", std::move(option));
      }
      content.Add("dimensions", std::move(group));
      if (dimension.id == "kind") continue;
      columns.push_back(&dimension);
      View head;
      head.Set("label", dimension.label.Get(lang));
      content.Add("columns", std::move(head));
    }
    std::string wanted_dimension, wanted_code;
    if (size_t colon = category.find(':'); colon != std::string::npos) {
      wanted_dimension = category.substr(0, colon);
      wanted_code = category.substr(colon + 1);
    }
    const Dimension* filter = registry->FindDimension(wanted_dimension);
    int shown = 0;
    content.List("organisations");
    for (const Organisation& organisation : registry->organisations()) {
      if (!Matches(organisation, query)) continue;
      if (filter && filter->Classify(organisation) != wanted_code) continue;
      View row;
      row.Set("code", organisation.code);
      row.Set("name", organisation.name.Get(lang));
      row.Set("kind", KindLabel(organisation.kind).Get(lang));
      for (const Dimension* dimension : columns) {
        auto code = dimension->Classify(organisation);
        const Category* found = code ? dimension->FindCategory(*code) : nullptr;
        row.Add("cells", View::Text(found ? found->label.Get(lang) : code.value_or("")));
      }
      content.Add("organisations", std::move(row));
      ++shown;
    }
    content.Set("caption", T("organisations_shown", lang,
                             {FormatInteger(shown, lang),
                              FormatInteger(info.organisation_count, lang)}));

    // The form to add one.
    auto entered_value = [&](const std::string& name) {
      return FindParam(entered, name).value_or("");
    };
    content.Set("code", entered_value("code"));
    for (Lang name_lang : kAllLangs) {
      content.Set("name_" + std::string(LangCode(name_lang)),
                  entered_value("name_" + std::string(LangCode(name_lang))));
    }
    std::string kind = entered_value("kind");
    for (OrganisationKind each : kAllOrganisationKinds) {
      View option;
      option.Set("code", std::string(KindCode(each)));
      option.Set("label", KindLabel(each).Get(lang));
      option.Set("selected", KindCode(each) == kind);
      content.Add("kinds", std::move(option));
    }
    for (const AttributeField& field : AttributeFields(*registry)) {
      View input;
      input.Set("name", field.attribute);
      input.Set("label", field.dimension->label.Get(lang));
      input.Set("value", entered_value(field.attribute));
      bool listed = field.dimension->rule == DimensionRule::kAttribute &&
                    !field.dimension->categories.empty();
      input.Set("choose", listed);
      if (listed) {
        for (const Category& item : field.dimension->categories) {
          View option;
          option.Set("code", item.code);
          option.Set("label", item.label.Get(lang));
          option.Set("selected", item.code == entered_value(field.attribute));
          input.Add("options", std::move(option));
        }
      }
      content.Add("attributes", std::move(input));
    }
    return desk_->Page(staff, T("registry", lang), "admin_registry", std::move(content),
                       "/admin/registry", status);
  }

  HttpResponse Registry(HttpRequest& request, const Staff& staff) {
    return RegistryPage(request, staff, 200, {}, {});
  }

  // Adds one organisation as a new registry version, through the same
  // checked import as a file.
  HttpResponse AddOrganisation(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = desk_->Posted(request, staff, failure);
    if (!form) return failure;
    Lang lang = staff.lang;
    auto registry = services_.registry.Latest();
    if (!registry.ok()) {
      return RegistryPage(request, staff, 409, {T("registry_empty", lang)}, *form);
    }
    auto value = [&](const std::string& name) {
      return std::string(Trim(FindParam(*form, name).value_or("")));
    };
    NewOrganisation organisation;
    organisation.code = value("code");
    organisation.kind = value("kind");
    organisation.name = {value("name_fi"), value("name_sv"), value("name_en")};
    for (const AttributeField& field : AttributeFields(*registry)) {
      organisation.attributes[field.attribute] = value(field.attribute);
    }
    const std::string code = organisation.code;
    auto outcome = services_.registry.AddOrganisation(
        organisation, fmt::format("added {} by {}", code, staff.user.name));
    if (outcome.status().code() == ErrorCode::kAlreadyExists) {
      return RegistryPage(request, staff, 409, {T("organisation_exists", lang, {code})}, *form);
    }
    if (!outcome.ok()) {
      std::vector<std::string> errors{T("organisation_refused", lang)};
      for (const Problem& problem : outcome.status().problems()) {
        errors.push_back(desk_->kit().ProblemMessage(problem, lang));
      }
      if (outcome.status().problems().empty()) {
        errors.push_back(desk_->kit().RefusalSummary(outcome.status(), lang));
      }
      return RegistryPage(request, staff, 422, errors, *form);
    }
    desk_->Audit(staff, "registry.add", "organisation " + code,
                 fmt::format("version {}", outcome->version.id.value()));
    return HttpResponse::Redirect("/admin/registry?notice=organisation_added&n=" +
                                  UrlEncode(code) + "&q=" + UrlEncode(code));
  }

  // ---- Forms ----

  HttpResponse FormsPage(const HttpRequest& request, const Staff& staff, int status,
                         View content) {
    Lang lang = staff.lang;
    std::string notice = desk_->Notice(request, lang);
    if (!notice.empty()) content.Set("notice", notice);
    content.Set("may_upload", staff.admin());
    content.List("forms");
    for (const forms::FormVersionInfo& latest : services_.forms.List()) {
      View form;
      form.Set("form_id", latest.form_id);
      form.Set("title", latest.title.Get(lang));
      for (const forms::FormVersionInfo& version : services_.forms.Versions(latest.form_id)) {
        View row;
        row.Set("number", std::to_string(version.number));
        row.Set("questions", std::to_string(version.question_count));
        row.Set("sections", version.sections);
        row.Set("languages", version.languages);
        row.Set("source", version.source);
        row.Set("imported", FormatTimestamp(version.imported_at).substr(0, 16));
        row.Set("hash", version.content_hash.substr(0, 12));
        form.Add("versions", std::move(row));
      }
      content.Add("forms", std::move(form));
    }
    return desk_->Page(staff, T("forms", lang), "admin_forms", std::move(content),
                       "/admin/forms", status);
  }

  HttpResponse Forms(HttpRequest& request, const Staff& staff) {
    return FormsPage(request, staff, 200, View());
  }

  static bool EndsWith(const std::string& name, std::string_view suffix) {
    return AsciiLower(name).ends_with(suffix);
  }

  // The form in the uploaded files: an .xlsx workbook, or NAME.survey.csv
  // with NAME.choices.csv and NAME.settings.csv if they were chosen too.
  Result<forms::Workbook> ReadUploadedForm(const std::vector<UploadedFile>& files) const {
    for (const UploadedFile& file : files) {
      if (EndsWith(file.file_name, ".xlsx")) {
        return forms::ReadXlsx(file.bytes, file.file_name,
                               services_.forms.workbook_limits());
      }
    }
    for (const UploadedFile& survey : files) {
      if (!EndsWith(survey.file_name, "survey.csv")) continue;
      std::string name = survey.file_name.substr(0, survey.file_name.size() - 10);
      forms::CsvFormFiles csv;
      csv.name = name.empty() ? "form" : name.substr(0, name.find_last_not_of('.') + 1);
      csv.survey_file = survey.file_name;
      csv.survey = survey.bytes;
      for (const UploadedFile& other : files) {
        if (AsciiLower(other.file_name) == AsciiLower(name + "choices.csv")) {
          csv.choices_file = other.file_name;
          csv.choices = other.bytes;
        } else if (AsciiLower(other.file_name) == AsciiLower(name + "settings.csv")) {
          csv.settings_file = other.file_name;
          csv.settings = other.bytes;
        }
      }
      return forms::ReadCsvForm(csv);
    }
    return Status::InvalidInput(files.front().file_name +
                                ": neither an .xlsx workbook nor a NAME.survey.csv file")
        .Keyed("form_file_kind", {files.front().file_name});
  }

  // Checks an uploaded XLSForm workbook and, if it has no errors, imports it
  // as a new version; every problem is listed with its sheet, row and column.
  HttpResponse UploadForm(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    std::vector<UploadedFile> files;
    auto posted = desk_->Posted(request, staff, failure, &files);
    if (!posted) return failure;
    Lang lang = staff.lang;
    View content;
    if (files.empty()) {
      AddErrors(content, {T("form_file_missing", lang)});
      return FormsPage(request, staff, 422, std::move(content));
    }
    auto workbook = ReadUploadedForm(files);
    const UploadedFile& file = files.front();
    content.Set("checked_file", workbook.ok() ? workbook->file : file.file_name);
    if (!workbook.ok()) {
      AddErrors(content, Errors(workbook.status(), lang));
      return FormsPage(request, staff, 422, std::move(content));
    }
    forms::FormCheck check = forms::BuildForm(*workbook);
    AddProblems(content, check.problems, lang, *desk_);
    content.Set("check_summary",
                T("form_check_summary", lang,
                  {std::to_string(check.errors()), std::to_string(check.warnings())}));
    if (!check.ok()) {
      AddErrors(content, {T("form_not_imported", lang, {file.file_name})});
      return FormsPage(request, staff, 422, std::move(content));
    }
    auto imported = services_.forms.ImportWorkbook(*workbook, file.file_name);
    if (!imported.ok()) {
      AddErrors(content, Errors(imported.status(), lang));
      return FormsPage(request, staff, 422, std::move(content));
    }
    const forms::FormVersionInfo& version = imported->version;
    if (imported->created) {
      desk_->Audit(staff, "form.import", "form " + version.form_id,
                   fmt::format("version {} from {}", version.number, file.file_name));
    }
    content.Set("notice",
                T(imported->created ? "form_imported" : "form_unchanged", lang,
                  {version.form_id, std::to_string(version.number)}));
    return FormsPage(request, staff, imported->created ? 201 : 200, std::move(content));
  }

  // ---- Rounds ----

  HttpResponse RoundsPage(const HttpRequest& request, const Staff& staff, int status,
                          const std::vector<std::string>& errors, const Params& entered) {
    Lang lang = staff.lang;
    View content;
    content.Set("notice", desk_->Notice(request, lang));
    AddErrors(content, errors);
    content.Set("may_create", staff.admin());
    content.List("rounds");
    for (const rounds::Round& round : services_.round_setup.List()) {
      View row;
      row.Set("code", round.code);
      row.Set("year", std::to_string(round.year));
      row.Set("title", round.title.Get(lang));
      content.Add("rounds", std::move(row));
    }
    for (const char* field : {"series", "code", "year", "title_fi", "title_sv", "title_en"}) {
      content.Set(field, FindParam(entered, field).value_or(""));
    }
    return desk_->Page(staff, T("rounds", lang), "admin_rounds", std::move(content),
                       "/admin/rounds", status);
  }

  HttpResponse Rounds(HttpRequest& request, const Staff& staff) {
    return RoundsPage(request, staff, 200, {}, {});
  }

  HttpResponse CreateRound(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = desk_->Posted(request, staff, failure);
    if (!form) return failure;
    Lang lang = staff.lang;
    auto value = [&](const char* name) {
      return std::string(Trim(FindParam(*form, name).value_or("")));
    };
    rounds::CreateRoundRequest create;
    create.code = value("code");
    create.series_code = value("series");
    if (create.series_code.empty()) {
      // "digimapping-2025" is of the series "digimapping".
      size_t dash = create.code.find_last_of('-');
      create.series_code = create.code.substr(0, dash == std::string::npos ? 0 : dash);
      if (create.series_code.empty()) create.series_code = create.code;
    }
    if (!value("year").empty()) {
      auto year = ParseInteger(value("year"));
      if (!year || *year < 1900 || *year > 2200) {
        return RoundsPage(request, staff, 422, {T("round_year_invalid", lang)}, *form);
      }
      create.year = static_cast<int>(*year);
    }
    create.title = {value("title_fi"), value("title_sv"), value("title_en")};
    if (create.title.empty()) create.title = {create.code, create.code, create.code};
    auto round = services_.round_setup.CreateRound(create);
    if (!round.ok()) return RoundsPage(request, staff, 422, Errors(round.status(), staff.lang), *form);
    desk_->Audit(staff, "round.create", "round " + round->code,
                 fmt::format("series {}", create.series_code));
    return HttpResponse::Redirect("/admin/rounds/" + UrlEncode(round->code) +
                                  "?notice=round_created&n=" + UrlEncode(round->code));
  }

  HttpResponse RoundView(const HttpRequest& request, const Staff& staff, int status,
                         const std::vector<std::string>& errors, const Params& entered) {
    Lang lang = staff.lang;
    auto round = services_.round_setup.Show(request.path_params.at("round"));
    if (!round.ok()) return desk_->kit().ErrorPage(404, lang);
    View content;
    content.Set("notice", desk_->Notice(request, lang));
    AddErrors(content, errors);
    content.Set("may_change", staff.admin());
    content.Set("code", round->round.code);
    content.Set("heading", round->round.title.Get(lang));
    content.Set("series", round->series.code);
    content.Set("year", std::to_string(round->round.year));
    if (round->registry_version) {
      content.Set("registry",
                  T("round_registry", lang,
                    {std::to_string(round->registry_version->id.value()),
                     round->registry_version->as_of.ToString(),
                     FormatInteger(round->registry_version->organisation_count, lang)}));
    }
    content.List("questionnaires");
    std::set<std::string> taken;
    for (const rounds::QuestionnaireView& view : round->questionnaires) {
      View row;
      row.Set("target_group", view.questionnaire.target_group.label.Get(lang));
      row.Set("preview", fmt::format("/admin/rounds/{}/questionnaires/{}/preview",
                                     UrlEncode(round->round.code),
                                     UrlEncode(view.questionnaire.target_group.code)));
      row.Set("form", view.form.title.Get(lang));
      row.Set("form_id", view.form.form_id);
      row.Set("version", std::to_string(view.form.number));
      row.Set("sections", view.form.sections);
      row.Set("policy", T(std::string("responses_per_") +
                              std::string(rounds::PolicyCode(view.questionnaire.policy)),
                          lang));
      content.Add("questionnaires", std::move(row));
      taken.insert(view.questionnaire.target_group.code);
      View group;
      group.Set("code", view.questionnaire.target_group.code);
      group.Set("label", view.questionnaire.target_group.label.Get(lang));
      content.Add("export_groups", std::move(group));
    }
    // The responses' download: a format each, CSV first.
    for (const char* format : {"csv", "xlsx", "sav", "dta"}) {
      View option;
      option.Set("code", format);
      option.Set("label", T(std::string("export_format_") + format, lang));
      option.Set("checked", std::string_view(format) == "csv");
      content.Add("export_formats", std::move(option));
    }
    content.List("stages");
    for (const rounds::Stage& stage : round->stages) {
      View row;
      row.Set("number", std::to_string(stage.number));
      row.Set("name", stage.name.Get(lang));
      std::string sections;
      for (const std::string& section : stage.sections) {
        sections += (sections.empty() ? "" : " ") + section;
      }
      row.Set("sections", sections);
      row.Set("opens", stage.opens.ToString());
      row.Set("closes", stage.closes.ToString());
      row.Set("publishes", stage.publishes.ToString());
      content.Add("stages", std::move(row));
    }
    // The stage open today, as the workspace's home page says it.
    const rounds::StagesOn today = rounds::StagesOnDay(round->stages, services_.clock.Today());
    if (today.open) {
      content.Set("open_today", T("stage_open_today", lang,
                                  {std::to_string(today.open->number) + " (" +
                                   today.open->name.Get(lang) + ")"}));
    }
    // The stages as a form: a row per stage (as typed, after a refusal),
    // and an empty one to add a stage.
    const bool typed = FindParam(entered, "name_1").has_value() ||
                       FindParam(entered, "number_1").has_value();
    const size_t rows = typed ? kMaxStageRows : round->stages.size() + 1;
    for (size_t i = 1; i <= rows && i <= kMaxStageRows; ++i) {
      View row;
      const std::string n = std::to_string(i);
      row.Set("i", n);
      row.Set("row_label", T("stage_row", lang, {n}));
      if (typed) {
        bool any = false;
        for (const char* field : kStageFields) {
          std::string value = FindParam(entered, std::string(field) + "_" + n).value_or("");
          any = any || !value.empty();
          row.Set(field, value);
        }
        if (!any && i > 1 && !FindParam(entered, "number_" + n)) break;
      } else if (i <= round->stages.size()) {
        const rounds::Stage& stage = round->stages[i - 1];
        std::string sections;
        for (const std::string& section : stage.sections) {
          sections += (sections.empty() ? "" : " ") + section;
        }
        row.Set("number", std::to_string(stage.number));
        row.Set("name", stage.name.Exact(Lang::kFi));
        row.Set("name_sv", stage.name.Exact(Lang::kSv));
        row.Set("name_en", stage.name.Exact(Lang::kEn));
        row.Set("sections", sections);
        row.Set("opens", stage.opens.ToString());
        row.Set("closes", stage.closes.ToString());
        row.Set("publishes", stage.publishes.ToString());
      } else {
        row.Set("number", std::to_string(round->stages.empty()
                                             ? 1
                                             : round->stages.back().number + 1));
      }
      content.Add("stage_rows", std::move(row));
    }
    std::string unstaged;
    for (const std::string& section : round->unstaged_sections) {
      unstaged += (unstaged.empty() ? "" : " ") + section;
    }
    if (!unstaged.empty()) content.Set("unstaged", T("sections_unstaged", lang, {unstaged}));
    content.Set("late_answers", round->round.late_answers);
    content.Set("late_answers_text",
                T(round->round.late_answers ? "late_answers_on" : "late_answers_off", lang));
    // The end of the round's personal data.
    const rounds::Round& pinned = round->round;
    auto day = [lang](const Date& d) { return FormatDay(d.year(), d.month(), d.day(), lang); };
    if (pinned.erased_at) {
      content.Set("retention_text",
                  T("retention_erased", lang, {day(Date::FromTimePoint(*pinned.erased_at))}));
    } else if (pinned.erase_on) {
      content.Set("retention_text", T("retention_set", lang, {day(*pinned.erase_on)}));
    } else {
      content.Set("retention_text", T("retention_none", lang));
    }
    content.Set("erase_on", FindParam(entered, "erase_on")
                                .value_or(pinned.erase_on ? pinned.erase_on->ToString() : ""));
    if (auto first = services_.retention.FirstEraseDay(pinned.code); first.ok()) {
      content.Set("retention_hint", T("retention_hint", lang, {day(*first)}));
      content.Set("erase_min", first->ToString());
    }

    // The forms to address a questionnaire and to set the stages.
    std::string chosen_form = FindParam(entered, "form").value_or("");
    for (const forms::FormVersionInfo& form : services_.forms.List()) {
      View option;
      option.Set("code", form.form_id);
      option.Set("label", fmt::format("{} ({} {})", form.title.Get(lang), form.form_id,
                                      form.number));
      option.Set("selected", form.form_id == chosen_form);
      content.Add("form_options", std::move(option));
    }
    std::string chosen_group = FindParam(entered, "target_group").value_or("");
    for (const rounds::TargetGroup& group : rounds::BuiltinTargetGroups()) {
      if (taken.count(group.code)) continue;
      View option;
      option.Set("code", group.code);
      option.Set("label", group.label.Get(lang));
      option.Set("selected", group.code == chosen_group);
      content.Add("group_options", std::move(option));
    }
    content.Set("stages_csv", FindParam(entered, "csv").value_or(""));
    return desk_->Page(staff, T("round_title", lang, {round->round.title.Get(lang)}),
                       "admin_round", std::move(content), "/admin/rounds", status);
  }

  HttpResponse RoundPage(HttpRequest& request, const Staff& staff) {
    return RoundView(request, staff, 200, {}, {});
  }

  // A questionnaire's responses as a file (?group=, ?format=, ?identify):
  // the microdata of `kartla microdata`, audited as it is; organisation
  // codes for administrators only.
  HttpResponse ResponsesFile(HttpRequest& request, const Staff& staff) {
    ResponsesExport wanted;
    wanted.round = request.path_params.at("round");
    wanted.target_group = FindParam(request.query, "group").value_or("");
    wanted.format = FindParam(request.query, "format").value_or("csv");
    wanted.identify = FindParam(request.query, "identify").has_value();
    wanted.lang = staff.lang;
    if (wanted.identify && !staff.admin()) return desk_->Refuse(request, 403, false);
    if (wanted.target_group.size() > 100 || wanted.format.size() > 10 ||
        !services_.export_responses) {
      return desk_->kit().ErrorPage(404, staff.lang);
    }
    auto file = services_.export_responses(wanted);
    if (!file.ok()) {
      if (file.status().code() == ErrorCode::kNotFound) {
        return desk_->kit().ErrorPage(404, staff.lang);
      }
      return RoundView(request, staff, 422, {file.status().message()}, {});
    }
    desk_->Audit(staff, wanted.identify ? "microdata.identified" : "microdata.export",
                 "round " + wanted.round,
                 fmt::format("{}, {}{}", wanted.target_group, wanted.format,
                             wanted.identify ? ", organisations by their codes" : ""));
    return HttpResponse::Download(file->name, file->media_type, std::move(file->bytes));
  }

  HttpResponse AddQuestionnaire(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = desk_->Posted(request, staff, failure);
    if (!form) return failure;
    rounds::AddQuestionnaireRequest add;
    add.round_code = request.path_params.at("round");
    add.form_id = FindParam(*form, "form").value_or("");
    add.target_group = FindParam(*form, "target_group").value_or("");
    add.policy = rounds::ParsePolicy(FindParam(*form, "responses_per").value_or(""))
                     .value_or(rounds::ResponsePolicy::kOnePerOrganisation);
    auto added = services_.round_setup.AddQuestionnaire(add);
    if (!added.ok()) {
      int status = added.status().code() == ErrorCode::kNotFound ? 404 : 422;
      return RoundView(request, staff, status, Errors(added.status(), staff.lang), *form);
    }
    desk_->Audit(staff, "round.questionnaire", "round " + add.round_code,
                 fmt::format("{} version {} to {}", added->form.form_id, added->form.number,
                             add.target_group));
    return HttpResponse::Redirect(fmt::format(
        "/admin/rounds/{}?notice=questionnaire_added&n={}", UrlEncode(add.round_code),
        UrlEncode(added->questionnaire.target_group.code)));
  }

  // Replaces the stages from pasted CSV or an uploaded file.
  HttpResponse SetStages(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    std::vector<UploadedFile> files;
    auto form = desk_->Posted(request, staff, failure, &files);
    if (!form) return failure;
    std::string round_code = request.path_params.at("round");
    auto [csv, file] = StaffDesk::TextOrFile(*form, files, "csv", "stages.csv");
    auto stages = services_.round_setup.SetStages(round_code, csv, file);
    if (!stages.ok()) {
      int status = stages.status().code() == ErrorCode::kNotFound ? 404 : 422;
      Params entered = *form;
      entered.emplace_back("csv", csv);
      return RoundView(request, staff, status, Errors(stages.status(), staff.lang), entered);
    }
    desk_->Audit(staff, "round.stages", "round " + round_code,
                 fmt::format("{} stages from {}", stages->size(), file));
    return HttpResponse::Redirect(fmt::format("/admin/rounds/{}?notice=stages_saved&n={}",
                                              UrlEncode(round_code), stages->size()));
  }

  // Replaces the stages from the form of rows: the rows are checked as a
  // CSV file's records are (the same rules, all or nothing), and each
  // problem is named by its row and field of the form.
  HttpResponse SetStagesFromForm(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = desk_->Posted(request, staff, failure);
    if (!form) return failure;
    const Lang lang = staff.lang;
    std::string round_code = request.path_params.at("round");
    std::string csv =
        FormatCsvRecord({kStageHeads, kStageHeads + kStageColumns}, CsvReader::kKartla);
    std::vector<size_t> row_of_line = {0, 0};  // CSV line (from 1) -> the form's row
    for (size_t i = 1; i <= kMaxStageRows; ++i) {
      std::vector<std::string> fields;
      bool any = false;
      for (const char* field : kStageFields) {
        fields.push_back(std::string(
            Trim(FindParam(*form, std::string(field) + "_" + std::to_string(i)).value_or(""))));
        any = any || (!fields.back().empty() && field != std::string_view("number"));
      }
      if (!any) continue;  // an empty row (its number alone): no stage
      csv += FormatCsvRecord(fields, CsvReader::kKartla);
      row_of_line.push_back(i);
    }
    auto stages = services_.round_setup.SetStages(round_code, csv, "stages");
    if (!stages.ok()) {
      if (stages.status().code() == ErrorCode::kNotFound) {
        return desk_->kit().ErrorPage(404, lang);
      }
      std::vector<std::string> errors{
          T("stages_problems", lang, {std::to_string(stages.status().problems().size())})};
      for (const Problem& problem : stages.status().problems()) {
        const Place& place = problem.place;
        std::string where;
        if (place.row >= 2 && size_t(place.row) < row_of_line.size()) {
          where = T("stage_row", lang, {std::to_string(row_of_line[size_t(place.row)])});
          if (place.column >= 1 && size_t(place.column) <= kStageColumns) {
            where += ", " + T(kStageLabels[place.column - 1], lang);
          }
          where += ": ";
        }
        errors.push_back(where + desk_->kit().ProblemMessage(problem, lang));
      }
      if (stages.status().problems().empty()) errors.push_back(stages.status().message());
      return RoundView(request, staff, 422, errors, *form);
    }
    desk_->Audit(staff, "round.stages", "round " + round_code,
                 fmt::format("{} stages from the form", stages->size()));
    return HttpResponse::Redirect(fmt::format("/admin/rounds/{}?notice=stages_saved&n={}",
                                              UrlEncode(round_code), stages->size()));
  }

  HttpResponse SetLateAnswers(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = desk_->Posted(request, staff, failure);
    if (!form) return failure;
    bool on = FindParam(*form, "late_answers").value_or("") == "on";
    auto round = services_.round_setup.SetLateAnswers(request.path_params.at("round"), on);
    if (!round.ok()) return desk_->kit().ErrorPage(404, staff.lang);
    desk_->Audit(staff, "round.late_answers", "round " + round->code, on ? "on" : "off");
    return HttpResponse::Redirect(fmt::format("/admin/rounds/{}?notice=saved",
                                              UrlEncode(round->code)));
  }

  // The day the round's personal data is erased (empty: none).
  HttpResponse SetRetention(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto form = desk_->Posted(request, staff, failure);
    if (!form) return failure;
    const std::string code = request.path_params.at("round");
    const std::string typed = std::string(Trim(FindParam(*form, "erase_on").value_or("")));
    std::optional<Date> day;
    if (!typed.empty()) {
      day = Date::Parse(typed);
      if (!day) {
        return RoundView(request, staff, 422, {T("retention_not_a_day", staff.lang)}, *form);
      }
    }
    auto first = services_.retention.FirstEraseDay(code);
    if (!first.ok()) return desk_->kit().ErrorPage(404, staff.lang);
    if (day && *day < *first) {
      return RoundView(request, staff, 422,
                       {T("retention_too_early", staff.lang,
                          {FormatDay(first->year(), first->month(), first->day(), staff.lang)})},
                       *form);
    }
    Status set = services_.retention.SetEraseDay(code, day);
    if (!set.ok()) return RoundView(request, staff, 422, Errors(set, staff.lang), *form);
    desk_->Audit(staff, "round.retention", "round " + code,
                 day ? "erase on " + day->ToString() : "no day of erasure");
    return HttpResponse::Redirect(fmt::format("/admin/rounds/{}?notice=saved", UrlEncode(code)));
  }

  const AdminServices services_;
  const std::shared_ptr<const StaffDesk> desk_;
};

}  // namespace

void AddSetupRoutes(Router& router, const AdminServices& services,
                    std::shared_ptr<const StaffDesk> desk) {
  auto pages = std::make_shared<SetupPages>(services, std::move(desk));
  pages->AddRoutes(router, pages);
}

}  // namespace kartla::web
