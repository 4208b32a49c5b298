// The form model: what an XLSForm says once it has been read and checked.
// A Form is a value; it is built by BuildForm (form_builder.h) and never
// changes afterwards.
#ifndef KARTLA_FORMS_FORM_H_
#define KARTLA_FORMS_FORM_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/text.h"
#include "forms/expr/expression.h"

namespace kartla::forms {

enum class ItemType {
  kSelectOne,
  kSelectMultiple,
  kRank,
  kInteger,
  kDecimal,
  kRange,
  kText,
  kDate,
  kNote,
  kCalculate,
  kHidden,
  kAcknowledge,
  kBeginGroup,
  kEndGroup,
};

// "select_one", "integer", "begin group"...
std::string_view ItemTypeName(ItemType type);
// True for the types a respondent answers (not notes, groups, calculations
// or hidden fields).
bool IsQuestion(ItemType type);
bool IsSelect(ItemType type);

// What a `kartla::prefill` column may ask to be filled in from the
// invitation.
enum class Prefill {
  kNone, kOrganisationCode, kKind, kRegion, kSizeClass, kLanguage, kRole,
};
std::string_view PrefillName(Prefill prefill);  // "organisation_code"...
std::optional<Prefill> ParsePrefill(std::string_view name);

struct Choice {
  std::string name;
  LocalizedText label;
  // Other columns of the choices sheet, usable in choice_filter.
  std::map<std::string, std::string> extra;
  int row = 0;  // row in the choices sheet
};

struct ChoiceList {
  std::string name;
  std::vector<Choice> choices;
  const Choice* Find(std::string_view choice_name) const;
};

// A parsed expression column of an item. `expression` is null when the
// column is empty (or could not be parsed; the problem was reported).
struct ItemExpression {
  std::string text;
  std::shared_ptr<const expr::Expression> expression;
  bool empty() const { return text.empty(); }
};

struct Item {
  int index = 0;  // position in Form::items
  int row = 0;    // row in the survey sheet
  ItemType type = ItemType::kText;
  std::string name;
  std::string list_name;  // selects and rank
  bool or_other = false;  // select_one L or_other
  LocalizedText label, hint, required_message, constraint_message;
  // `required` as written: "yes"/"true" is always required, an expression is
  // required when it is true. required_always caches the constant case.
  ItemExpression required, relevant, constraint, calculation, choice_filter;
  bool required_always = false;
  std::string appearance;
  std::string default_value;
  bool read_only = false;
  std::string parameters;  // "start=1 end=5 step=1" for range
  // Kartla's extensions.
  std::string section;  // on a begin group row: its section number
  Prefill prefill = Prefill::kNone;
  std::string series;  // stable id across rounds; defaults to the name
  std::optional<int> max_choices;
  // Structure.
  int parent = -1;      // index of the enclosing begin group, -1 if none
  int group_end = -1;   // for a begin group: index of its end group
  std::string section_of;  // the section this item belongs to ("" if none)

  // The item's own expressions, in the order of the columns.
  std::vector<const ItemExpression*> Expressions() const {
    return {&required, &relevant, &constraint, &calculation, &choice_filter};
  }
};

// The bounds of a range question. XLSForm's defaults: 1, 10 and 1.
struct RangeBounds {
  double start = 1;
  double end = 10;
  double step = 1;
};
// Parses a range's `parameters`: "start=1 end=5 step=1", separated by
// spaces, ';' or ','. Fails with kInvalidInput saying what is wrong (a part
// that is not key=value, a value that is not a number, an unknown key, a
// step that is not positive, a start not below the end).
Result<RangeBounds> ParseRangeParameters(std::string_view parameters);
// The bounds of a range item; the defaults if its parameters do not parse
// (BuildForm refuses such forms).
RangeBounds RangeOf(const Item& item);

struct FormSettings {
  LocalizedText title;
  std::string form_id;
  std::string version;
  std::string default_language;  // "fi", "sv" or "en"
  std::string style;
};

// A top-level group carrying a kartla::section number.
struct Section {
  std::string number;  // "1", "2"...
  LocalizedText title;
  int item = 0;  // index of its begin group
};

struct Form {
  FormSettings settings;
  std::vector<Lang> languages;  // declared in the label columns
  std::vector<Item> items;      // in sheet order
  std::vector<ChoiceList> lists;
  std::vector<Section> sections;
  // Item indexes by name (groups included, end groups not).
  std::map<std::string, int, std::less<>> item_index;

  const Item* FindItem(std::string_view name) const;
  const ChoiceList* FindList(std::string_view name) const;
  // The list a select or rank item uses; nullptr for other items.
  const ChoiceList* ListOf(const Item& item) const;
  // The number of items a respondent answers.
  int QuestionCount() const;
  // The group of fields `item` is one of: its enclosing group where that
  // group lies within another (a section's or a page's group holds
  // questions; a group within it is one question of several fields, such
  // as ICT staff in person-years in 2022, 2023 and 2024, or a matrix's
  // rows); null if none.
  const Item* FieldGroupOf(const Item& item) const;
  // `item`'s label as a question of its own, wherever it is shown apart
  // from its group (a results table, a CSV column, an error message):
  // "group – field" for a field of a group (FieldGroupOf), else its label.
  LocalizedText QuestionLabel(const Item& item) const;
};

// The answers a response starts with: for each hidden item with a
// kartla::prefill, the value `facts` has under that prefill's name
// ("organisation_code", "region"...), by item name.
std::map<std::string, std::string> PrefilledAnswers(
    const Form& form, const std::map<std::string, std::string>& facts);

}  // namespace kartla::forms

#endif  // KARTLA_FORMS_FORM_H_
