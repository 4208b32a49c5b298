#include "forms/form_builder.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <tuple>

#include <fmt/format.h>

#include "core/text.h"
#include "forms/expr/pattern.h"

namespace kartla::forms {
namespace {

using expr::Expression;
using expr::Node;
using expr::NodeKind;

// The columns Kartla reads. Translatable ones may carry "::Language (xx)".
enum class Field {
  kType, kName, kLabel, kHint, kRequired, kRequiredMessage, kRelevant,
  kConstraint, kConstraintMessage, kCalculation, kChoiceFilter, kAppearance,
  kDefault, kReadOnly, kParameters, kSection, kPrefill, kSeries, kMaxChoices,
  kListName, kFormTitle, kFormId, kVersion, kDefaultLanguage, kStyle,
};

struct FieldName {
  Field field;
  std::string_view name;  // canonical, as written by CanonicalWorkbook
  bool translatable;
};

constexpr FieldName kSurveyFields[] = {
    {Field::kType, "type", false},
    {Field::kName, "name", false},
    {Field::kLabel, "label", true},
    {Field::kHint, "hint", true},
    {Field::kRequired, "required", false},
    {Field::kRequiredMessage, "required_message", true},
    {Field::kRelevant, "relevant", false},
    {Field::kConstraint, "constraint", false},
    {Field::kConstraintMessage, "constraint_message", true},
    {Field::kCalculation, "calculation", false},
    {Field::kChoiceFilter, "choice_filter", false},
    {Field::kAppearance, "appearance", false},
    {Field::kDefault, "default", false},
    {Field::kReadOnly, "read_only", false},
    {Field::kParameters, "parameters", false},
    {Field::kSection, "kartla::section", false},
    {Field::kPrefill, "kartla::prefill", false},
    {Field::kSeries, "kartla::series", false},
    {Field::kMaxChoices, "kartla::max_choices", false},
};
constexpr FieldName kChoiceFields[] = {
    {Field::kListName, "list_name", false},
    {Field::kName, "name", false},
    {Field::kLabel, "label", true},
};
constexpr FieldName kSettingsFields[] = {
    {Field::kFormTitle, "form_title", true},
    {Field::kFormId, "form_id", false},
    {Field::kVersion, "version", false},
    {Field::kDefaultLanguage, "default_language", false},
    {Field::kStyle, "style", false},
};

// The name Kartla writes in a header: "Suomi", "Svenska" and "English" as
// its forms always have, other languages by their English names
// ("Northern Sami").
std::string ColumnLanguageName(Lang lang) {
  switch (lang) {
    case Lang::kFi: return "Suomi";
    case Lang::kSv: return "Svenska";
    case Lang::kEn: return "English";
  }
  return EnglishLanguageName(lang);
}

// The language of a header's or default_language's text: "Suomi (fi)" and
// "Davvisámegiella (se)" by their tags, a tag alone ("se", "de-CH"), or a
// name older XLSForms (and pyxform's documentation) write alone
// ("English", "Svenska", "Northern Sami"). An error message if it is none.
Result<Lang> LanguageOf(std::string_view text) {
  text = Trim(text);
  std::string_view tag = text;
  size_t open = text.rfind('(');
  if (open != std::string_view::npos && text.ends_with(')')) {
    tag = Trim(text.substr(open + 1, text.size() - open - 2));
  }
  std::optional<std::string> named = TagOfLanguageName(tag);
  if (!named) named = NormalizeLanguageTag(tag);
  if (!named) {
    return Status::InvalidInput(
        "form_language_unknown",
        "language \"{0}\" is neither a language tag (such as fi, sv, en, se, et or de) nor a "
        "language name Kartla knows; write the column as, say, \"label::Northern Sami (se)\"",
        {std::string(text)});
  }
  auto lang = LanguageOfTag(*named);
  if (!lang) {
    return Status::InvalidInput("form_language_too_many",
                                "language \"{0}\": Kartla holds at most {1} languages",
                                {std::string(text), std::to_string(kMaxLangs)});
  }
  return *lang;
}

// pyxform's other names for columns (its aliases.py; headers are compared
// in lower case with spaces as '_'), by sheet.
constexpr std::pair<std::string_view, std::string_view> kSurveyAliases[] = {
    {"readonly", "read_only"},
    {"relevance", "relevant"},
    {"calculate", "calculation"},
    {"caption", "label"},
    {"command", "type"},
    {"tag", "name"},
    {"value", "name"},
    {"constraining_message", "constraint_message"},
    {"requiredmsg", "required_message"},
};
constexpr std::pair<std::string_view, std::string_view> kChoiceAliases[] = {
    {"caption", "label"},
    {"value", "name"},
};

// One column of a sheet as Kartla understands it.
struct Column {
  size_t index = 0;
  Field field = Field::kType;
  std::optional<Lang> lang;  // nullopt: the default language
  std::string extra;         // choices: an extra column's name
  bool used = false;         // Kartla reads it
};

// A keyed refusal (Status::InvalidInput with a key) as an error at `place`.
Problem ProblemOf(const Status& status, Place place) {
  return Problem(Severity::kError, std::move(place), status.message(), status.key(),
                 status.args());
}

// Reads a sheet's header. Adds warnings for columns Kartla ignores.
std::vector<Column> ReadHeader(const Sheet& sheet,
                               std::span<const FieldName> fields,
                               std::span<const std::pair<std::string_view, std::string_view>> aliases,
                               bool keep_extra,
                               std::vector<Problem>& problems) {
  std::vector<Column> columns;
  for (size_t i = 0; i < sheet.header.size(); ++i) {
    std::string header = AsciiLower(Trim(sheet.header[i]));
    if (header.empty()) continue;
    std::replace(header.begin(), header.end(), ' ', '_');
    Place place{sheet.file, sheet.sheet, sheet.header_row, int(i) + 1};
    std::string base = header;
    std::string lang_part;
    bool kartla = header.starts_with("kartla::");
    size_t split = kartla ? std::string::npos : header.find("::");
    if (split != std::string::npos) {
      base = header.substr(0, split);
      lang_part = Trim(sheet.header[i]).substr(split + 2);
    }
    auto field_named = [&](std::string_view name) -> const FieldName* {
      for (const auto& [alias, canonical] : aliases) {
        if (alias == name) name = canonical;
      }
      for (const FieldName& field : fields) {
        if (field.name == name) return &field;
      }
      return nullptr;
    };
    // The legacy form with one colon, "label:English", of a translatable
    // column only ("jr:count" is not one).
    if (size_t colon = header.find(':'); split == std::string::npos && !kartla &&
                                         colon != std::string::npos && colon > 0) {
      if (const FieldName* legacy = field_named(header.substr(0, colon));
          legacy != nullptr && legacy->translatable) {
        split = colon;
        base = header.substr(0, colon);
        lang_part = Trim(Trim(sheet.header[i]).substr(colon + 1));
      }
    }
    const FieldName* found = field_named(base);
    Column column;
    column.index = i;
    if (found == nullptr) {
      if (keep_extra && split == std::string::npos) {
        column.extra = std::string(Trim(sheet.header[i]));
        column.used = true;
        columns.push_back(column);
        continue;
      }
      problems.push_back(Problem::Keyed(Severity::kWarning, place, "form_column_ignored",
                                        "column \"{0}\" is not one Kartla uses; it is ignored",
                                        {std::string(Trim(sheet.header[i]))}));
      continue;
    }
    column.field = found->field;
    if (split != std::string::npos) {
      if (!found->translatable) {
        problems.push_back(Problem::Keyed(Severity::kError, place, "form_column_not_translated",
                                          "column \"{0}\" cannot be translated",
                                          {std::string(found->name)}));
        continue;
      }
      auto lang = LanguageOf(lang_part);
      if (!lang.ok()) {
        problems.push_back(ProblemOf(lang.status(), place));
        continue;
      }
      column.lang = *lang;
    }
    // A second column for the same field and language.
    for (const Column& other : columns) {
      if (other.extra.empty() && other.field == column.field &&
          other.lang == column.lang) {
        problems.push_back(Problem::Keyed(Severity::kError, place, "form_column_repeats",
                                          "column \"{0}\" repeats column {1}",
                                          {std::string(Trim(sheet.header[i])),
                                           std::to_string(other.index + 1)}));
      }
    }
    column.used = true;
    columns.push_back(column);
  }
  return columns;
}

const Column* FindColumn(const std::vector<Column>& columns, Field field) {
  for (const Column& column : columns) {
    if (column.extra.empty() && column.field == field && !column.lang) {
      return &column;
    }
  }
  return nullptr;
}

struct RowReader {
  const Sheet& sheet;
  const SheetRow& row;
  const std::vector<Column>& columns;

  std::string Get(Field field) const {
    const Column* column = FindColumn(columns, field);
    return column ? std::string(Trim(row.cells[column->index])) : std::string();
  }
  Place At(Field field) const {
    const Column* column = FindColumn(columns, field);
    return column ? sheet.PlaceOf(row, column->index) : sheet.PlaceOfRow(row);
  }
  // Fills the translations of a translatable field; the column without a
  // language goes to `default_lang`.
  LocalizedText Text(Field field, Lang default_lang) const {
    LocalizedText text;
    for (const Column& column : columns) {
      if (!column.extra.empty() || column.field != field) continue;
      std::string value(Trim(row.cells[column.index]));
      if (value.empty()) continue;
      text.Mutable(column.lang.value_or(default_lang)) = value;
    }
    return text;
  }
  Place AtLang(Field field, Lang lang, Lang default_lang) const {
    for (const Column& column : columns) {
      if (column.extra.empty() && column.field == field &&
          column.lang.value_or(default_lang) == lang) {
        return sheet.PlaceOf(row, column.index);
      }
    }
    return sheet.PlaceOfRow(row);
  }
};

// The longest name of a question, group, choice or form.
constexpr size_t kMaxNameLength = 64;

// [A-Za-z_][A-Za-z0-9_.-]*, at most kMaxNameLength bytes.
bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) return false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(name[0])) return false;
  for (char c : name) {
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '.' && c != '-') return false;
  }
  return true;
}

std::optional<bool> ParseYesNo(std::string_view text) {
  std::string lower = AsciiLower(Trim(text));
  if (lower == "yes" || lower == "true" || lower == "true()" || lower == "1") {
    return true;
  }
  if (lower.empty() || lower == "no" || lower == "false" ||
      lower == "false()" || lower == "0") {
    return false;
  }
  return std::nullopt;
}

struct TypeName {
  std::string_view name;
  ItemType type;
};
constexpr TypeName kTypes[] = {
    {"select_one", ItemType::kSelectOne},
    {"select_multiple", ItemType::kSelectMultiple},
    {"rank", ItemType::kRank},
    {"integer", ItemType::kInteger},
    {"int", ItemType::kInteger},
    {"decimal", ItemType::kDecimal},
    {"range", ItemType::kRange},
    {"text", ItemType::kText},
    {"string", ItemType::kText},
    {"date", ItemType::kDate},
    {"note", ItemType::kNote},
    {"calculate", ItemType::kCalculate},
    {"hidden", ItemType::kHidden},
    {"acknowledge", ItemType::kAcknowledge},
    {"trigger", ItemType::kAcknowledge},
    {"begin_group", ItemType::kBeginGroup},
    {"end_group", ItemType::kEndGroup},
};

// Why Kartla refuses a type XLSForm has: the catalogue's key and the
// English message, {0} being the type.
struct Refusal {
  const char* key;
  std::string_view english;
};

std::optional<Refusal> UnsupportedType(std::string_view type) {
  static const std::set<std::string_view> kGeo = {"geopoint", "geotrace",
                                                  "geoshape", "start-geopoint"};
  static const std::set<std::string_view> kMedia = {
      "image", "audio", "video", "file", "barcode", "background-audio",
      "background-video", "photo"};
  static const std::set<std::string_view> kMeta = {
      "start", "end", "today", "deviceid", "phonenumber", "username", "email",
      "audit", "simserial", "subscriberid", "uri:deviceid"};
  if (type == "begin_repeat" || type == "end_repeat") {
    return Refusal{"form_type_repeat",
                   "repeats are not supported by Kartla: ask a fixed number of questions, or a "
                   "table-list group"};
  }
  if (kGeo.contains(type)) {
    return Refusal{"form_type_geo", "type \"{0}\": geographic types are not supported by Kartla"};
  }
  if (kMedia.contains(type)) {
    return Refusal{"form_type_media",
                   "type \"{0}\": media and file types are not supported by Kartla"};
  }
  if (kMeta.contains(type)) {
    return Refusal{"form_type_meta",
                   "type \"{0}\": metadata types are not supported; Kartla records who answered "
                   "and when by itself"};
  }
  if (type == "time" || type == "datetime") {
    return Refusal{"form_type_time", "type \"{0}\" is not supported; use date"};
  }
  if (type == "select_one_external") {
    return Refusal{"form_type_external",
                   "select_one_external takes its choices from an external_choices sheet, which "
                   "Kartla does not read: use select_one with the choices on the choices sheet"};
  }
  if (type.starts_with("select_one_from_file") ||
      type.starts_with("select_multiple_from_file")) {
    return Refusal{"form_type_from_file",
                   "choices from a file are not supported; put them on the choices sheet"};
  }
  return std::nullopt;
}

constexpr std::string_view kAppearances[] = {
    "field-list", "table-list", "likert", "minimal", "multiline", "label",
    "list-nolabel", "horizontal", "horizontal-compact", "compact",
    "no-calendar", "month-year", "year", "numbers", "thousands-sep"};

class Builder {
 public:
  explicit Builder(const Workbook& workbook) : workbook_(workbook) {}

  FormCheck Build() {
    if (!workbook_.survey) {
      Error(Place{workbook_.file, "", 0, 0}, "form_no_survey",
            "the form has no survey sheet (or NAME.survey.csv)");
      return Finish();
    }
    for (const auto& [name, place] : workbook_.other_sheets) {
      const std::string lower = AsciiLower(name);
      if (lower == "external_choices") {
        Error(place, "form_external_choices",
              "an external_choices sheet is for choices filtered from another file, which "
              "Kartla does not do: put the choices on the choices sheet and filter them with "
              "choice_filter");
      } else if (lower == "entities") {
        Error(place, "form_entities",
              "the entities sheet (ODK's entities) is not supported: a Kartla round has its "
              "registry of organisations instead");
      } else {
        Warn(place, "form_sheet_ignored",
             "sheet \"{0}\" is not one Kartla reads (survey, choices, settings); it is ignored",
             {name});
      }
    }
    ReadSettings();
    ReadChoices();
    ReadSurvey();
    CheckStructure();
    CheckExpressions();
    CheckCycles();
    CheckTranslations();
    return Finish();
  }

 private:
  // A problem: its key in the interface's catalogue ("problem_" + key)
  // and its message in English, {0}, {1}... filled from `args`.
  void Error(Place place, std::string key, std::string_view english,
             std::vector<std::string> args = {}) {
    problems_.push_back(
        Problem::Keyed(Severity::kError, std::move(place), std::move(key), english, std::move(args)));
  }
  void Warn(Place place, std::string key, std::string_view english,
            std::vector<std::string> args = {}) {
    problems_.push_back(Problem::Keyed(Severity::kWarning, std::move(place), std::move(key),
                                       english, std::move(args)));
  }

  // Languages from the label columns of a header.
  void NoteLanguages(const std::vector<Column>& columns) {
    for (const Column& column : columns) {
      if (column.extra.empty() && column.lang) languages_.insert(*column.lang);
      if (column.extra.empty() && !column.lang &&
          (column.field == Field::kLabel || column.field == Field::kFormTitle)) {
        plain_label_ = true;
      }
    }
  }

  void ReadSettings() {
    form_.settings.form_id = "";
    if (!workbook_.settings) return;
    const Sheet& sheet = *workbook_.settings;
    settings_columns_ = ReadHeader(sheet, kSettingsFields, {}, false, problems_);
    if (sheet.rows.empty()) return;
    if (sheet.rows.size() > 1) {
      Warn(sheet.PlaceOfRow(sheet.rows[1]), "form_settings_rows",
           "the settings sheet has one row of values; later rows are ignored");
    }
    RowReader row{sheet, sheet.rows[0], settings_columns_};
    form_.settings.form_id = row.Get(Field::kFormId);
    form_.settings.version = row.Get(Field::kVersion);
    form_.settings.style = row.Get(Field::kStyle);
    std::string language = row.Get(Field::kDefaultLanguage);
    if (!language.empty()) {
      if (auto lang = LanguageOf(language); lang.ok()) {
        default_lang_ = *lang;
        default_lang_set_ = true;
      } else {
        problems_.push_back(ProblemOf(lang.status(), row.At(Field::kDefaultLanguage)));
      }
    }
    if (!form_.settings.form_id.empty() && !ValidName(form_.settings.form_id)) {
      Error(row.At(Field::kFormId), "form_id_bad",
            "form_id \"{0}\" may only have letters, digits, '_', '-' and '.', must start with a "
            "letter and be at most {1} characters long",
            {CutUtf8(form_.settings.form_id, 80), std::to_string(kMaxNameLength)});
    }
    NoteLanguages(settings_columns_);
  }

  void ResolveDefaultLanguage() {
    if (default_lang_set_) return;
    if (languages_.size() == 1) default_lang_ = *languages_.begin();
  }

  void ReadChoices() {
    if (!workbook_.choices) return;
    const Sheet& sheet = *workbook_.choices;
    choice_columns_ = ReadHeader(sheet, kChoiceFields, kChoiceAliases, true, problems_);
    NoteLanguages(choice_columns_);
    for (Field required : {Field::kListName, Field::kName}) {
      if (!FindColumn(choice_columns_, required)) {
        Error(sheet.PlaceOfSheet(), "form_choices_no_column",
              "the choices sheet has no \"{0}\" column",
              {required == Field::kListName ? "list_name" : "name"});
        return;
      }
    }
  }

  // Called once the default language is known.
  void FillChoices() {
    if (!workbook_.choices || !FindColumn(choice_columns_, Field::kListName) ||
        !FindColumn(choice_columns_, Field::kName)) {
      return;
    }
    const Sheet& sheet = *workbook_.choices;
    std::map<std::string, std::map<std::string, int>> seen;  // list -> name -> row
    for (const SheetRow& sheet_row : sheet.rows) {
      RowReader row{sheet, sheet_row, choice_columns_};
      std::string list_name = row.Get(Field::kListName);
      Choice choice;
      choice.name = row.Get(Field::kName);
      choice.row = sheet_row.row;
      choice.label = row.Text(Field::kLabel, default_lang_);
      for (const Column& column : choice_columns_) {
        if (column.extra.empty()) continue;
        std::string value(Trim(sheet_row.cells[column.index]));
        if (!value.empty()) choice.extra[column.extra] = value;
      }
      if (list_name.empty()) {
        Error(row.At(Field::kListName), "form_choice_no_list", "the choice has no list_name");
        continue;
      }
      if (choice.name.empty()) {
        Error(row.At(Field::kName), "form_choice_no_name", "a choice of list \"{0}\" has no name",
              {list_name});
        continue;
      }
      if (choice.name.find(' ') != std::string::npos) {
        Error(row.At(Field::kName), "form_choice_name_space",
              "choice name \"{0}\" has a space; answers to select_multiple are choice names "
              "separated by spaces",
              {choice.name});
        continue;
      }
      auto [it, inserted] = seen[list_name].emplace(choice.name, sheet_row.row);
      if (!inserted) {
        Error(row.At(Field::kName), "form_choice_twice",
              "choice \"{0}\" is in list \"{1}\" already, on row {2}",
              {choice.name, list_name, std::to_string(it->second)});
        continue;
      }
      ChoiceList* list = MutableList(list_name);
      list->choices.push_back(std::move(choice));
      choice_rows_.push_back({list_name, sheet_row});
    }
  }

  ChoiceList* MutableList(const std::string& name) {
    for (ChoiceList& list : form_.lists) {
      if (list.name == name) return &list;
    }
    form_.lists.push_back(ChoiceList{name, {}});
    return &form_.lists.back();
  }

  void ReadSurvey() {
    const Sheet& sheet = *workbook_.survey;
    survey_columns_ = ReadHeader(sheet, kSurveyFields, kSurveyAliases, false, problems_);
    NoteLanguages(survey_columns_);
    ResolveDefaultLanguage();
    FillChoices();
    if (workbook_.settings && !settings_columns_.empty() &&
        !workbook_.settings->rows.empty()) {
      RowReader row{*workbook_.settings, workbook_.settings->rows[0],
                    settings_columns_};
      form_.settings.title = row.Text(Field::kFormTitle, default_lang_);
    }
    for (Field required : {Field::kType, Field::kName}) {
      if (!FindColumn(survey_columns_, required)) {
        Error(sheet.PlaceOfSheet(), "form_survey_no_column",
              "the survey sheet has no \"{0}\" column",
              {required == Field::kType ? "type" : "name"});
        return;
      }
    }
    for (const SheetRow& sheet_row : sheet.rows) ReadItem(sheet, sheet_row);
  }

  void ReadItem(const Sheet& sheet, const SheetRow& sheet_row) {
    RowReader row{sheet, sheet_row, survey_columns_};
    Item item;
    item.row = sheet_row.row;
    std::string type_text = row.Get(Field::kType);
    if (type_text.empty()) {
      Error(row.At(Field::kType), "form_no_type", "the row has no type");
      return;
    }
    // "select_one list or_other", "begin group", "select one list".
    std::vector<std::string> words;
    for (size_t i = 0; i < type_text.size();) {
      while (i < type_text.size() && type_text[i] == ' ') ++i;
      size_t end = type_text.find(' ', i);
      if (end == std::string::npos) end = type_text.size();
      if (end > i) words.push_back(type_text.substr(i, end - i));
      i = end;
    }
    std::string head = AsciiLower(words[0]);
    size_t next = 1;
    // pyxform's longer spellings (its aliases.py), longest first: "select
    // all that apply from LIST", "add select one prompt using LIST",
    // "begin looped group".
    static const std::pair<std::vector<std::string_view>, std::string_view> kPhrases[] = {
        {{"add", "select", "multiple", "prompt", "using"}, "select_multiple"},
        {{"add", "select", "one", "prompt", "using"}, "select_one"},
        {{"select", "all", "that", "apply", "from"}, "select_multiple"},
        {{"select", "multiple", "from", "file"}, "select_multiple_from_file"},
        {{"select", "one", "from", "file"}, "select_one_from_file"},
        {{"select", "all", "that", "apply"}, "select_multiple"},
        {{"begin", "looped", "group"}, "begin_repeat"},
        {{"end", "looped", "group"}, "end_repeat"},
        {{"select", "one", "from"}, "select_one"},
        {{"begin", "repeat"}, "begin_repeat"},
        {{"begin", "loop"}, "begin_repeat"},
        {{"begin", "lgroup"}, "begin_repeat"},
        {{"end", "repeat"}, "end_repeat"},
        {{"end", "loop"}, "end_repeat"},
        {{"end", "lgroup"}, "end_repeat"},
        {{"begin_loop"}, "begin_repeat"},
        {{"end_loop"}, "end_repeat"},
        {{"select1"}, "select_one"},
    };
    for (const auto& [phrase, canonical] : kPhrases) {
      if (phrase.size() > words.size()) continue;
      bool same = true;
      for (size_t w = 0; w < phrase.size() && same; ++w) same = AsciiLower(words[w]) == phrase[w];
      if (same) {
        head = canonical;
        next = phrase.size();
        break;
      }
    }
    if (next == 1 && (head == "begin" || head == "end" || head == "select") &&
        words.size() > 1) {
      head += "_" + AsciiLower(words[1]);
      next = 2;
    }
    if (auto why = UnsupportedType(head)) {
      Error(row.At(Field::kType), why->key, why->english, {head});
      return;
    }
    const TypeName* type = nullptr;
    for (const TypeName& candidate : kTypes) {
      if (candidate.name == head) type = &candidate;
    }
    if (type == nullptr) {
      Error(row.At(Field::kType), "form_type_unknown", "\"{0}\" is not an XLSForm type Kartla knows",
            {type_text});
      return;
    }
    item.type = type->type;
    if (IsSelect(item.type)) {
      if (next >= words.size()) {
        Error(row.At(Field::kType), "form_select_no_list",
              "{0} needs the name of a choice list, as in \"{0} yes_no\"", {head});
        return;
      }
      item.list_name = words[next++];
      // "or_other", or pyxform's "or specify other".
      size_t other = 0;
      if (next < words.size() && AsciiLower(words[next]) == "or_other") {
        other = 1;
      } else if (next + 2 < words.size() && AsciiLower(words[next]) == "or" &&
                 AsciiLower(words[next + 1]) == "specify" &&
                 AsciiLower(words[next + 2]) == "other") {
        other = 3;
      }
      if (other > 0 && item.type != ItemType::kSelectOne) {
        Error(row.At(Field::kType), "form_or_other",
              "\"{0}\": Kartla offers or_other on select_one only; add a choice \"other\" to "
              "list {1} and a text question after this one with relevant "
              "selected(${{2}}, 'other')",
              {type_text, item.list_name, row.Get(Field::kName)});
        return;
      }
      item.or_other = other > 0;
      next += other;
    }
    if (next < words.size()) {
      Error(row.At(Field::kType), "form_type_too_many", "type \"{0}\" has \"{1}\" too many",
            {type_text, words[next]});
      return;
    }

    item.name = row.Get(Field::kName);
    item.label = row.Text(Field::kLabel, default_lang_);
    item.hint = row.Text(Field::kHint, default_lang_);
    item.required_message = row.Text(Field::kRequiredMessage, default_lang_);
    item.constraint_message = row.Text(Field::kConstraintMessage, default_lang_);
    item.appearance = row.Get(Field::kAppearance);
    item.default_value = row.Get(Field::kDefault);
    item.parameters = row.Get(Field::kParameters);
    item.section = row.Get(Field::kSection);
    item.series = row.Get(Field::kSeries);

    std::string required = row.Get(Field::kRequired);
    if (auto constant = ParseYesNo(required)) {
      item.required_always = *constant;
      item.required.text = *constant ? "yes" : "";
    } else {
      item.required.text = required;
    }
    if (auto read_only = ParseYesNo(row.Get(Field::kReadOnly))) {
      item.read_only = *read_only;
    } else {
      Error(row.At(Field::kReadOnly), "form_read_only", "read_only must be yes or no");
    }
    item.relevant.text = row.Get(Field::kRelevant);
    item.constraint.text = row.Get(Field::kConstraint);
    item.calculation.text = row.Get(Field::kCalculation);
    item.choice_filter.text = row.Get(Field::kChoiceFilter);

    std::string prefill = row.Get(Field::kPrefill);
    if (!prefill.empty()) {
      if (auto parsed = ParsePrefill(AsciiLower(prefill))) {
        item.prefill = *parsed;
      } else {
        Error(row.At(Field::kPrefill), "form_prefill_unknown",
              "kartla::prefill \"{0}\" is not one of organisation_code, kind, region, "
              "size_class, language, role",
              {prefill});
      }
    }
    std::string max_choices = row.Get(Field::kMaxChoices);
    if (!max_choices.empty()) {
      auto value = ParseInteger(max_choices);
      if (!value || *value < 1) {
        Error(row.At(Field::kMaxChoices), "form_max_choices_bad",
              "kartla::max_choices \"{0}\" is not a whole number of at least 1", {max_choices});
      } else {
        item.max_choices = int(*value);
      }
    }
    item.index = int(form_.items.size());
    rows_.push_back(&sheet_row);
    form_.items.push_back(std::move(item));
  }

  const SheetRow& RowOf(const Item& item) const { return *rows_[item.index]; }
  RowReader ReaderOf(const Item& item) const {
    return RowReader{*workbook_.survey, RowOf(item), survey_columns_};
  }

  void CheckStructure() {
    // A survey sheet with nothing on it would not read back once stored.
    if (form_.items.empty() &&
        std::none_of(problems_.begin(), problems_.end(),
                     [](const Problem& p) { return p.severity == Severity::kError; })) {
      Error(workbook_.survey->PlaceOfSheet(), "form_no_questions",
            "the survey sheet has no questions");
    }
    std::vector<int> open;  // indexes of open groups
    std::map<std::string, int> names;
    std::map<std::string, int> series;
    std::map<std::string, int> sections;
    for (Item& item : form_.items) {
      RowReader row = ReaderOf(item);
      item.parent = open.empty() ? -1 : open.back();
      if (item.type == ItemType::kEndGroup) {
        if (open.empty()) {
          Error(row.At(Field::kType), "form_end_group_alone",
                "end group has no begin group before it");
          continue;
        }
        form_.items[open.back()].group_end = item.index;
        item.parent = form_.items[open.back()].parent;
        item.section_of = form_.items[open.back()].section_of;
        open.pop_back();
        continue;
      }
      item.section_of = item.parent < 0 ? "" : form_.items[item.parent].section_of;
      // Names.
      if (item.name.empty()) {
        Error(row.At(Field::kName), "form_no_name", "the {0} has no name",
              {std::string(ItemTypeName(item.type))});
      } else if (!ValidName(item.name)) {
        Error(row.At(Field::kName), "form_name_bad",
              "name \"{0}\" may only have letters, digits, '_', '-' and '.', must start with a "
              "letter or '_' and be at most {1} characters long",
              {CutUtf8(item.name, 80), std::to_string(kMaxNameLength)});
      } else if (auto [it, inserted] = names.emplace(item.name, item.row);
                 !inserted) {
        Error(row.At(Field::kName), "form_name_twice", "name \"{0}\" is used already on row {1}",
              {item.name, std::to_string(it->second)});
      } else {
        form_.item_index.emplace(item.name, item.index);
      }
      // Labels.
      bool needs_label = IsQuestion(item.type) || item.type == ItemType::kNote;
      if (needs_label && item.label.empty()) {
        Error(row.At(Field::kLabel), "form_no_label", "{0} \"{1}\" has no label",
              {std::string(ItemTypeName(item.type)), item.name});
      }
      // Lists.
      if (IsSelect(item.type)) {
        const ChoiceList* list = form_.FindList(item.list_name);
        if (list == nullptr) {
          Error(row.At(Field::kType), "form_list_missing",
                "{0} names list \"{1}\", which the choices sheet does not have",
                {std::string(ItemTypeName(item.type)), item.list_name});
        }
      }
      if (item.type == ItemType::kCalculate && item.calculation.empty()) {
        Error(row.At(Field::kCalculation), "form_calculate_empty",
              "calculate \"{0}\" has no calculation", {item.name});
      }
      if (!item.calculation.empty() && item.type != ItemType::kCalculate &&
          item.type != ItemType::kHidden && !item.read_only) {
        // XLSForm allows it (a dynamic default), Kartla keeps it simple.
        Warn(row.At(Field::kCalculation), "form_calculation_overwrites",
             "a calculation on a question the respondent answers overwrites the answer; make it "
             "read_only or a calculate row");
      }
      if ((item.type == ItemType::kNote || item.type == ItemType::kCalculate ||
           item.type == ItemType::kBeginGroup) &&
          (item.required_always || !item.required.empty())) {
        Error(row.At(Field::kRequired), "form_cannot_be_required", "a {0} cannot be required",
              {std::string(ItemTypeName(item.type))});
      }
      if (item.type == ItemType::kRange) {
        auto range = ParseRangeParameters(item.parameters);
        if (!range.ok()) problems_.push_back(ProblemOf(range.status(), row.At(Field::kParameters)));
      }
      CheckAppearance(item, row);
      // Kartla's columns.
      if (!item.section.empty()) {
        if (item.type != ItemType::kBeginGroup || item.parent >= 0) {
          Error(row.At(Field::kSection), "form_section_not_top",
                "kartla::section belongs on a top-level begin group row");
        } else if (auto [it, inserted] = sections.emplace(item.section, item.row);
                   !inserted) {
          Error(row.At(Field::kSection), "form_section_twice", "section {0} is used already on row {1}",
                {item.section, std::to_string(it->second)});
        } else {
          item.section_of = item.section;
          form_.sections.push_back(Section{item.section, item.label, item.index});
        }
      }
      if (item.prefill != Prefill::kNone && item.type != ItemType::kHidden) {
        Error(row.At(Field::kPrefill), "form_prefill_not_hidden",
              "kartla::prefill fills a hidden field; make the type hidden");
      }
      if (item.max_choices && item.type != ItemType::kSelectMultiple) {
        Error(row.At(Field::kMaxChoices), "form_max_choices_not_multiple",
              "kartla::max_choices applies to select_multiple only");
      }
      if (!item.series.empty()) {
        if (!ValidName(item.series)) {
          Error(row.At(Field::kSeries), "form_series_bad", "kartla::series \"{0}\" is not a valid name",
                {CutUtf8(item.series, 80)});
        } else if (auto [it, inserted] = series.emplace(item.series, item.row);
                   !inserted) {
          Error(row.At(Field::kSeries), "form_series_twice",
                "kartla::series \"{0}\" is used already on row {1}",
                {item.series, std::to_string(it->second)});
        }
      }
      if (item.type == ItemType::kBeginGroup) open.push_back(item.index);
    }
    for (int index : open) {
      const Item& group = form_.items[index];
      Error(ReaderOf(group).At(Field::kType), "form_group_no_end", "group \"{0}\" has no end group",
            {group.name});
    }
  }

  void CheckAppearance(const Item& item, const RowReader& row) {
    if (item.appearance.empty()) return;
    std::string appearance = AsciiLower(item.appearance);
    for (size_t i = 0; i < appearance.size();) {
      size_t end = appearance.find(' ', i);
      if (end == std::string::npos) end = appearance.size();
      std::string word = appearance.substr(i, end - i);
      i = end + 1;
      if (word.empty()) continue;
      bool known = std::find(std::begin(kAppearances), std::end(kAppearances),
                             word) != std::end(kAppearances) ||
                   (word.size() > 1 && word[0] == 'w' &&
                    ParseInteger(word.substr(1)).has_value());
      if (!known) {
        Warn(row.At(Field::kAppearance), "form_appearance_unknown",
             "appearance \"{0}\" is not one Kartla shows; it is ignored", {word});
        continue;
      }
      bool group = item.type == ItemType::kBeginGroup;
      bool fits = true;
      if (word == "field-list" || word == "table-list") fits = group;
      if (word == "likert" || word == "minimal") fits = IsSelect(item.type) || group;
      if (word == "multiline") fits = item.type == ItemType::kText;
      if (!fits) {
        Warn(row.At(Field::kAppearance), "form_appearance_not_for",
             "appearance \"{0}\" does not apply to a {1}; it is ignored",
             {word, std::string(ItemTypeName(item.type))});
      }
    }
  }

  // The column of each expression field, in Item::Expressions() order.
  static constexpr Field kExpressionFields[] = {
      Field::kRequired, Field::kRelevant, Field::kConstraint,
      Field::kCalculation, Field::kChoiceFilter};
  static constexpr std::string_view kExpressionNames[] = {
      "required", "relevant", "constraint", "calculation", "choice_filter"};

  void CheckExpressions() {
    for (Item& item : form_.items) {
      ItemExpression* expressions[] = {&item.required, &item.relevant,
                                       &item.constraint, &item.calculation,
                                       &item.choice_filter};
      RowReader row = ReaderOf(item);
      for (size_t k = 0; k < std::size(expressions); ++k) {
        ItemExpression& slot = *expressions[k];
        if (slot.empty() || (k == 0 && item.required_always)) continue;
        Place place = row.At(kExpressionFields[k]);
        std::string_view column = kExpressionNames[k];
        auto parsed = Expression::Parse(slot.text);
        if (!parsed.ok()) {
          // The parser's message, after the column and the expression.
          std::vector<std::string> args = {std::string(column), slot.text};
          args.insert(args.end(), parsed.status().args().begin(), parsed.status().args().end());
          problems_.emplace_back(Severity::kError, place,
                                 fmt::format("{} \"{}\": {}", column, slot.text,
                                             parsed.status().message()),
                                 parsed.status().key(), std::move(args));
          continue;
        }
        slot.expression =
            std::make_shared<const Expression>(std::move(parsed).value());
        CheckExpression(item, *slot.expression, column, place);
      }
    }
  }

  void CheckExpression(const Item& item, const Expression& expression,
                       std::string_view column, const Place& place) {
    if (column != "choice_filter") {
      for (const auto& [word, position] : expression.fields()) {
        ExpressionError(place, column, expression, position, "expr_bare_word",
                        "unexpected word '{3}'; a question is referred to as ${{3}}, a text is "
                        "quoted as '{3}'",
                        {word});
      }
    } else if (const ChoiceList* list = form_.ListOf(item)) {
      for (const auto& [word, position] : expression.fields()) {
        bool known = word == "name" || word == "label";
        for (const Choice& choice : list->choices) {
          known = known || choice.extra.contains(word);
        }
        if (!known) {
          ExpressionError(place, column, expression, position, "expr_no_choice_column",
                          "list \"{3}\" has no column \"{4}\"", {list->name, word});
        }
      }
    }
    if (expression.uses_self() &&
        (column == "calculation" || column == "relevant")) {
      ExpressionError(place, column, expression, 1, "expr_self",
                      "'.' (this question's answer) cannot be used in {0}");
    }
    for (const std::string& name : expression.references()) {
      const Item* target = form_.FindItem(name);
      if (target == nullptr) {
        ExpressionError(place, column, expression, PositionOfReference(expression.root(), name),
                        "expr_not_a_question", "${{3}} is not a question of this form", {name});
        continue;
      }
      if (target->type == ItemType::kBeginGroup ||
          target->type == ItemType::kNote) {
        ExpressionError(place, column, expression, PositionOfReference(expression.root(), name),
                        "expr_no_answer", "${{3}} is a {4} and has no answer",
                        {name, std::string(ItemTypeName(target->type))});
        continue;
      }
      bool later = target->index > item.index;
      // Calculations are evaluated in dependency order wherever they are;
      // answers to later questions are not known yet.
      bool allowed = target->type == ItemType::kCalculate ||
                     (target->index == item.index &&
                      (column == "constraint" || column == "required"));
      if ((later || target->index == item.index) && !allowed) {
        int position = PositionOfReference(expression.root(), name);
        if (target->index == item.index) {
          ExpressionError(place, column, expression, position, "expr_this_row",
                          "${{3}} refers to this very row", {name});
        } else {
          ExpressionError(place, column, expression, position, "expr_later",
                          "${{3}} is asked later (row {4}); an expression may only use earlier "
                          "answers",
                          {name, std::to_string(target->row)});
        }
      }
    }
    CheckCalls(item, expression.root(), place, column, expression);
  }

  // A problem of `expression` in `column` at character `position`, as
  // kExpressionFrame frames it: `english`'s own arguments are {3}, {4}...
  void ExpressionError(const Place& place, std::string_view column, const Expression& expression,
                       int position, std::string key, std::string_view english,
                       std::vector<std::string> args = {}) {
    args.insert(args.begin(), {std::string(column), expression.text(), std::to_string(position)});
    Error(place, std::move(key), std::string(expr::kExpressionFrame) + std::string(english),
          std::move(args));
  }

  static int PositionOfReference(const Node& node, const std::string& name) {
    if (node.kind == NodeKind::kReference && node.text == name) {
      return node.position;
    }
    for (const Node& arg : node.args) {
      if (int found = PositionOfReference(arg, name)) return found;
    }
    return 0;
  }

  // The select item a node refers to: ${q}, or "." on a select row.
  const Item* SelectOf(const Item& item, const Node& node) const {
    const Item* target = nullptr;
    if (node.kind == NodeKind::kReference) target = form_.FindItem(node.text);
    if (node.kind == NodeKind::kSelf) target = &item;
    return target && IsSelect(target->type) ? target : nullptr;
  }

  void CheckCalls(const Item& item, const Node& node, const Place& place,
                  std::string_view column, const Expression& expression) {
    if (node.kind == NodeKind::kCall) {
      if (node.text == "selected" && node.args[1].kind == NodeKind::kString) {
        if (const Item* select = SelectOf(item, node.args[0])) {
          const ChoiceList* list = form_.ListOf(*select);
          const std::string& wanted = node.args[1].text;
          bool other = select->or_other && wanted == "other";
          if (list != nullptr && list->Find(wanted) == nullptr && !other) {
            ExpressionError(place, column, expression, node.args[1].position, "expr_no_choice",
                            "list \"{3}\" of ${{4}} has no choice \"{5}\"",
                            {list->name, select->name, wanted});
          }
        }
      }
      if (node.text == "regex" && node.args[1].kind == NodeKind::kString) {
        if (auto problem = expr::PatternProblem(node.args[1].text)) {
          ExpressionError(place, column, expression, node.args[1].position, "expr_bad_pattern",
                          "regex pattern '{3}' is not a valid regular expression of RE2's "
                          "syntax: {4}",
                          {CutUtf8(node.args[1].text, 80), *problem});
        }
      }
      if (node.text == "jr:choice-name" && node.args[1].kind == NodeKind::kString) {
        std::string target(Trim(node.args[1].text));
        if (target.starts_with("${") && target.ends_with('}')) {
          target = target.substr(2, target.size() - 3);
        }
        const Item* select = form_.FindItem(target);
        if (select == nullptr || !IsSelect(select->type)) {
          ExpressionError(place, column, expression, node.args[1].position, "expr_choice_name",
                          "jr:choice-name needs '${question}' naming a select question, not '{3}'",
                          {node.args[1].text});
        }
      }
    }
    for (const Node& arg : node.args) CheckCalls(item, arg, place, column, expression);
  }

  // Cycles among calculations and relevance: an item depends on what its
  // calculation and relevant read, and on its group's relevance.
  void CheckCycles() {
    const size_t n = form_.items.size();
    std::vector<std::vector<int>> edges(n);
    for (const Item& item : form_.items) {
      for (const ItemExpression* slot : {&item.calculation, &item.relevant}) {
        if (!slot->expression) continue;
        for (const std::string& name : slot->expression->references()) {
          if (const Item* target = form_.FindItem(name)) {
            edges[item.index].push_back(target->index);
          }
        }
      }
      if (item.parent >= 0) edges[item.index].push_back(item.parent);
    }
    std::vector<int> state(n, 0);  // 0 new, 1 on the stack, 2 done
    std::vector<int> stack;
    std::set<int> reported;
    std::function<void(int)> visit = [&](int index) {
      state[index] = 1;
      stack.push_back(index);
      for (int next : edges[index]) {
        if (state[next] == 1) {
          auto start = std::find(stack.begin(), stack.end(), next);
          std::vector<int> cycle(start, stack.end());
          int first = *std::min_element(cycle.begin(), cycle.end());
          if (reported.insert(first).second) {
            std::string path;
            auto rotate = std::find(cycle.begin(), cycle.end(), first);
            std::rotate(cycle.begin(), rotate, cycle.end());
            for (int step : cycle) path += "${" + form_.items[step].name + "} → ";
            path += "${" + form_.items[first].name + "}";
            const Item& item = form_.items[first];
            bool calc = !item.calculation.empty();
            Error(ReaderOf(item).At(calc ? Field::kCalculation : Field::kRelevant), "form_cycle",
                  "calculations and relevance go round in a circle: {0}", {path});
          }
        } else if (state[next] == 0) {
          visit(next);
        }
      }
      stack.pop_back();
      state[index] = 2;
    };
    for (size_t i = 0; i < n; ++i) {
      if (state[i] == 0) visit(int(i));
    }
  }

  void CheckTranslations() {
    if (languages_.size() < 2 && !(plain_label_ && !languages_.empty())) return;
    std::set<Lang> declared = languages_;
    if (plain_label_) declared.insert(default_lang_);
    // `english` says which text lacks the language {0}.
    auto check = [&](const LocalizedText& text, const char* key, std::string_view english,
                     const std::function<Place(Lang)>& place_of) {
      if (text.empty()) return;
      for (Lang lang : declared) {
        if (text.Exact(lang).empty()) {
          Warn(place_of(lang), key, english, {std::string(LangCode(lang))});
        }
      }
    };
    for (const Item& item : form_.items) {
      RowReader row = ReaderOf(item);
      check(item.label, "form_untranslated_label", "the label has no {0} translation",
            [&](Lang lang) {
        return row.AtLang(Field::kLabel, lang, default_lang_);
      });
      check(item.hint, "form_untranslated_hint", "the hint has no {0} translation",
            [&](Lang lang) {
        return row.AtLang(Field::kHint, lang, default_lang_);
      });
      check(item.constraint_message, "form_untranslated_constraint_message",
            "the constraint_message has no {0} translation", [&](Lang lang) {
        return row.AtLang(Field::kConstraintMessage, lang, default_lang_);
      });
      check(item.required_message, "form_untranslated_required_message",
            "the required_message has no {0} translation", [&](Lang lang) {
        return row.AtLang(Field::kRequiredMessage, lang, default_lang_);
      });
    }
    for (const auto& [list_name, sheet_row] : choice_rows_) {
      RowReader row{*workbook_.choices, sheet_row, choice_columns_};
      LocalizedText label = row.Text(Field::kLabel, default_lang_);
      check(label, "form_untranslated_choice_label", "the choice label has no {0} translation",
            [&](Lang lang) {
        return row.AtLang(Field::kLabel, lang, default_lang_);
      });
    }
  }

  // Orders problems by sheet (survey, choices, settings), row and column.
  FormCheck Finish() {
    auto rank = [this](const Place& place) {
      auto is = [&place](const std::optional<Sheet>& sheet) {
        return sheet && sheet->file == place.file && sheet->sheet == place.sheet;
      };
      if (is(workbook_.survey)) return 0;
      if (is(workbook_.choices)) return 1;
      if (is(workbook_.settings)) return 2;
      return -1;
    };
    std::stable_sort(problems_.begin(), problems_.end(),
                     [&rank](const Problem& a, const Problem& b) {
                       return std::tuple(rank(a.place), a.place.row, a.place.column) <
                              std::tuple(rank(b.place), b.place.row, b.place.column);
                     });
    FormCheck check;
    bool errors = std::any_of(problems_.begin(), problems_.end(),
                              [](const Problem& p) {
                                return p.severity == Severity::kError;
                              });
    if (!errors) {
      std::set<Lang> used = languages_;
      if (plain_label_) used.insert(default_lang_);
      form_.languages.assign(used.begin(), used.end());
      std::sort(form_.languages.begin(), form_.languages.end(), LangBefore);
      form_.settings.default_language = std::string(LangCode(default_lang_));
      if (form_.settings.form_id.empty()) form_.settings.form_id = DefaultFormId();
      check.form = std::move(form_);
    }
    check.problems = std::move(problems_);
    return check;
  }

  // The form's file name without folders and extensions.
  std::string DefaultFormId() const {
    std::string name = workbook_.file;
    size_t slash = name.find_last_of("/\\");
    if (slash != std::string::npos) name = name.substr(slash + 1);
    size_t dot = name.find('.');
    if (dot != std::string::npos) name = name.substr(0, dot);
    return ValidName(name) ? name : "form";
  }

  const Workbook& workbook_;
  Form form_;
  std::vector<Problem> problems_;
  std::vector<Column> survey_columns_, choice_columns_, settings_columns_;
  std::vector<const SheetRow*> rows_;  // the sheet row of each item
  std::vector<std::pair<std::string, const SheetRow&>> choice_rows_;
  std::set<Lang> languages_;
  bool plain_label_ = false;
  Lang default_lang_ = Lang::kEn;
  bool default_lang_set_ = false;
};

// ---- The canonical workbook ----

class SheetWriter {
 public:
  SheetWriter(std::string file, std::string name) {
    sheet_.file = std::move(file);
    sheet_.sheet = std::move(name);
  }
  // Adds a column; returns its index.
  size_t Column(std::string header) {
    sheet_.header.push_back(std::move(header));
    for (SheetRow& row : sheet_.rows) row.cells.emplace_back();
    return sheet_.header.size() - 1;
  }
  SheetRow& NewRow() {
    sheet_.rows.push_back(
        SheetRow{int(sheet_.rows.size()) + 2,
                 std::vector<std::string>(sheet_.header.size())});
    return sheet_.rows.back();
  }
  // Drops columns with no text in any row.
  Sheet Finish() && {
    Sheet out;
    out.file = sheet_.file;
    out.sheet = sheet_.sheet;
    std::vector<size_t> keep;
    for (size_t c = 0; c < sheet_.header.size(); ++c) {
      for (const SheetRow& row : sheet_.rows) {
        if (!row.cells[c].empty()) {
          keep.push_back(c);
          break;
        }
      }
    }
    for (size_t c : keep) out.header.push_back(sheet_.header[c]);
    for (SheetRow& row : sheet_.rows) {
      SheetRow kept{row.row, {}};
      for (size_t c : keep) kept.cells.push_back(std::move(row.cells[c]));
      out.rows.push_back(std::move(kept));
    }
    return out;
  }

 private:
  Sheet sheet_;
};

std::string TranslatedHeader(std::string_view base, Lang lang) {
  return fmt::format("{}::{} ({})", base, ColumnLanguageName(lang), LangCode(lang));
}

}  // namespace

int FormCheck::errors() const {
  return int(std::count_if(problems.begin(), problems.end(), [](const Problem& p) {
    return p.severity == Severity::kError;
  }));
}

int FormCheck::warnings() const {
  return int(problems.size()) - errors();
}

FormCheck BuildForm(const Workbook& workbook) {
  return Builder(workbook).Build();
}

Workbook CanonicalWorkbook(const Form& form) {
  Workbook workbook;
  workbook.file = form.settings.form_id;
  const std::string& file = workbook.file;

  SheetWriter survey(file, "survey");
  std::map<Field, size_t> at;
  std::map<std::pair<Field, Lang>, size_t> at_lang;
  for (const FieldName& field : kSurveyFields) {
    if (field.translatable) {
      for (Lang lang : form.languages) {
        at_lang[{field.field, lang}] = survey.Column(TranslatedHeader(field.name, lang));
      }
    } else {
      at[field.field] = survey.Column(std::string(field.name));
    }
  }
  for (const Item& item : form.items) {
    SheetRow& row = survey.NewRow();
    auto set = [&](Field field, const std::string& value) {
      row.cells[at[field]] = value;
    };
    auto set_text = [&](Field field, const LocalizedText& text) {
      for (Lang lang : form.languages) {
        row.cells[at_lang[{field, lang}]] = text.Exact(lang);
      }
    };
    std::string type(ItemTypeName(item.type));
    if (IsSelect(item.type)) type += " " + item.list_name;
    if (item.or_other) type += " or_other";
    set(Field::kType, type);
    if (item.type != ItemType::kEndGroup) set(Field::kName, item.name);
    set_text(Field::kLabel, item.label);
    set_text(Field::kHint, item.hint);
    set(Field::kRequired, item.required.text);
    set_text(Field::kRequiredMessage, item.required_message);
    set(Field::kRelevant, item.relevant.text);
    set(Field::kConstraint, item.constraint.text);
    set_text(Field::kConstraintMessage, item.constraint_message);
    set(Field::kCalculation, item.calculation.text);
    set(Field::kChoiceFilter, item.choice_filter.text);
    set(Field::kAppearance, item.appearance);
    set(Field::kDefault, item.default_value);
    set(Field::kReadOnly, item.read_only ? "yes" : "");
    set(Field::kParameters, item.parameters);
    set(Field::kSection, item.section);
    set(Field::kPrefill, std::string(PrefillName(item.prefill)));
    set(Field::kSeries, item.series);
    set(Field::kMaxChoices,
        item.max_choices ? std::to_string(*item.max_choices) : "");
  }
  workbook.survey = std::move(survey).Finish();

  SheetWriter choices(file, "choices");
  size_t list_column = choices.Column("list_name");
  size_t name_column = choices.Column("name");
  std::map<Lang, size_t> label_columns;
  for (Lang lang : form.languages) {
    label_columns[lang] = choices.Column(TranslatedHeader("label", lang));
  }
  std::map<std::string, size_t> extra_columns;
  for (const ChoiceList& list : form.lists) {
    for (const Choice& choice : list.choices) {
      for (const auto& [column, value] : choice.extra) extra_columns[column] = 0;
    }
  }
  for (auto& [column, index] : extra_columns) index = choices.Column(column);
  for (const ChoiceList& list : form.lists) {
    for (const Choice& choice : list.choices) {
      SheetRow& row = choices.NewRow();
      row.cells[list_column] = list.name;
      row.cells[name_column] = choice.name;
      for (Lang lang : form.languages) {
        row.cells[label_columns[lang]] = choice.label.Exact(lang);
      }
      for (const auto& [column, value] : choice.extra) {
        row.cells[extra_columns[column]] = value;
      }
    }
  }
  // A form without choice lists has no choices sheet: an empty one would
  // not read back (it lacks its columns).
  if (!form.lists.empty()) workbook.choices = std::move(choices).Finish();

  SheetWriter settings(file, "settings");
  std::map<Lang, size_t> title_columns;
  for (Lang lang : form.languages) {
    title_columns[lang] = settings.Column(TranslatedHeader("form_title", lang));
  }
  size_t id_column = settings.Column("form_id");
  size_t version_column = settings.Column("version");
  size_t language_column = settings.Column("default_language");
  size_t style_column = settings.Column("style");
  SheetRow& row = settings.NewRow();
  for (Lang lang : form.languages) {
    row.cells[title_columns[lang]] = form.settings.title.Exact(lang);
  }
  row.cells[id_column] = form.settings.form_id;
  row.cells[version_column] = form.settings.version;
  row.cells[language_column] = form.settings.default_language;
  row.cells[style_column] = form.settings.style;
  workbook.settings = std::move(settings).Finish();
  return workbook;
}

}  // namespace kartla::forms
