#include "web/questionnaire_views.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/csv.h"
#include "forms/describe.h"
#include "forms/response_state.h"

namespace kartla::web {
namespace {

using forms::Item;
using forms::ItemType;
using responses::AnswerError;
using responses::Answering;
using responses::Page;

// What of a question's view varies with the answers and errors (SetVarying;
// a choice's `checked`); the rest is fixed, and prepared once per
// questionnaire and language.
const pages::Template::Varying& VaryingOfItem() {
  static const auto* names = new pages::Template::Varying{
      {"value", "checked", "other_text", "has_error", "error", "described_by",
       "day", "month", "year", "hidden"},
      {"checked"}};
  return *names;
}

// Of a matrix: a row's error (SetRowVarying), a cell's `checked`.
const pages::Template::Varying& VaryingOfMatrix() {
  static const auto* names =
      new pages::Template::Varying{{}, {"checked", "has_error", "error"}};
  return *names;
}

// What varies of a choice or a matrix cell.
const View* Checked(bool checked) {
  static const View* on = new View(View().Set("checked", true));
  static const View* off = new View(View().Set("checked", false));
  return checked ? on : off;
}

}  // namespace

std::string QuestionnaireViews::ErrorText(const AnswerError& error,
                                          Lang lang) const {
  if (!error.text.empty()) return error.text.Get(lang);
  return catalogue_.Get(error.code, lang);
}

std::vector<std::string> QuestionnaireViews::Chosen(const Item& item,
                                                    const std::string& value) {
  if (item.type == ItemType::kRange) return {value};
  return SplitWords(value);
}

bool QuestionnaireViews::Contains(const std::vector<std::string>& words,
                                  const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

bool QuestionnaireViews::Preparable(const Item& item, Lang lang) {
  return item.type != ItemType::kRank && !item.choice_filter.expression &&
         FixedLabel(item, lang);
}

bool QuestionnaireViews::FixedLabel(const Item& item, Lang lang) {
  return item.label.Get(lang).find("${") == std::string::npos;
}

View QuestionnaireViews::FixedItemView(const forms::Form& form,
                                       const Item& item, Lang lang,
                                       const Answering* answering) const {
  View view;
  std::string id = "f-" + item.name;
  view.Set("name", item.name);
  view.Set("id", id);
  view.Set("label",
           answering ? answering->LabelOf(item) : item.label.Get(lang));
  view.Set("hint", item.hint.Get(lang));
  view.Set("required", item.required_always);
  std::string value = answering ? answering->Answer(item.index) : "";
  std::vector<std::string> chosen = Chosen(item, value);
  std::vector<const forms::Choice*> choices;
  if (answering) {
    choices = answering->ChoicesOf(item);
  } else if (const forms::ChoiceList* list = form.ListOf(item)) {
    for (const forms::Choice& choice : list->choices)
      choices.push_back(&choice);
  }
  std::string appearance = AsciiLower(item.appearance);
  auto add_choice = [&](const std::string& name, const std::string& label) {
    View choice;
    choice.Set("value", name);
    choice.Set("label", label);
    choice.Set("id", id + "-" + name);
    if (answering) choice.Set("checked", Contains(chosen, name));
    view.Add("choices", std::move(choice));
  };
  switch (item.type) {
    case ItemType::kNote:
      view.Set("is_note", true);
      break;
    case ItemType::kAcknowledge:
      view.Set("is_ack", true);
      break;
    case ItemType::kSelectOne:
    case ItemType::kSelectMultiple: {
      bool multiple = item.type == ItemType::kSelectMultiple;
      bool dropdown =
          !multiple && appearance.find("minimal") != std::string::npos;
      view.Set(dropdown ? "is_dropdown" : "is_choice", true);
      view.Set("likert", appearance.find("likert") != std::string::npos);
      // The choices' name and input type are the item's: the template
      // finds them there.
      view.Set("input_type", multiple ? "checkbox" : "radio");
      for (const forms::Choice* choice : choices) {
        add_choice(choice->name, choice->label.Get(lang));
      }
      if (item.or_other) {
        add_choice("other", catalogue_.Get("other", lang));
        view.Set("or_other", true);
      }
      break;
    }
    case ItemType::kRank: {
      view.Set("is_rank", true);
      auto order = SplitWords(value);
      for (const forms::Choice* choice : choices) {
        View c;
        c.Set("value", choice->name);
        c.Set("label", choice->label.Get(lang));
        c.Set("id", id + "-" + choice->name);
        auto at = std::find(order.begin(), order.end(), choice->name);
        for (size_t p = 1; p <= choices.size(); ++p) {
          View position;
          position.Set("position", std::to_string(p));
          position.Set("selected", at != order.end() &&
                                       size_t(at - order.begin()) + 1 == p);
          c.Add("positions", std::move(position));
        }
        view.Add("choices", std::move(c));
      }
      break;
    }
    case ItemType::kRange: {
      // A few steps are radio buttons, usable by keyboard and without JS.
      view.Set("is_choice", true);
      view.Set("likert", true);
      view.Set("input_type", "radio");
      forms::RangeBounds range = forms::RangeOf(item);
      for (double v = range.start; v <= range.end + 1e-9; v += range.step) {
        std::string text = fmt::format("{}", v);
        add_choice(text, text);
      }
      break;
    }
    case ItemType::kDate:
      // Day, month and year, as people write a date (GOV.UK's pattern):
      // no browser's date picker, which is hard to use by keyboard and
      // shows the date in the browser's language, not the page's.
      view.Set("is_date", true);
      break;
    default: {
      view.Set("is_input", true);
      bool multiline = item.type == ItemType::kText &&
                       appearance.find("multiline") != std::string::npos;
      view.Set("multiline", multiline);
      view.Set("input_type", "text");
      if (item.type == ItemType::kInteger) {
        view.Set("inputmode", "numeric");
        view.Set("width", "10");
      } else if (item.type == ItemType::kDecimal) {
        view.Set("inputmode", "decimal");
        view.Set("width", "10");
      }
      break;
    }
  }
  return view;
}

void QuestionnaireViews::SetVarying(
    View& view, const Answering& answering, const Item& item, std::string value,
    Lang lang, const std::map<std::string, std::string>& errors) const {
  std::string id = "f-" + item.name;
  auto error = errors.find(item.name);
  bool has_error = error != errors.end();
  view.Set("has_error", has_error);
  if (has_error) view.Set("error", error->second);
  std::string described;
  if (!item.hint.Get(lang).empty() || item.type == ItemType::kRank ||
      item.type == ItemType::kDate) {
    described = id + "-hint";
  }
  // (has_described_by follows from the text.)
  if (has_error) described += (described.empty() ? "" : " ") + id + "-error";
  view.Set("described_by", described);
  if (item.type == ItemType::kAcknowledge) view.Set("checked", !value.empty());
  if (item.or_other) view.Set("other_text", answering.OtherText(item));
  if (item.type == ItemType::kInteger || item.type == ItemType::kDecimal) {
    value = FormatNumberText(value, lang);  // as typed where it is no number
  }
  if (item.type == ItemType::kDate) {
    responses::DateParts parts = responses::DatePartsOf(value);
    view.Set("day", std::move(parts.day));
    view.Set("month", std::move(parts.month));
    view.Set("year", std::move(parts.year));
  }
  view.Set("value", std::move(value));
}

View QuestionnaireViews::ItemView(
    const Questionnaire& questionnaire, Lang lang,
    const PreparedQuestions& prepared, const Answering& answering,
    const Item& item, const std::map<std::string, std::string>& errors) const {
  std::string value = answering.Answer(item.index);
  auto fragment = prepared.items.find(item.index);
  if (fragment == prepared.items.end()) {
    View view = FixedItemView(questionnaire.form.form, item, lang, &answering);
    SetVarying(view, answering, item, std::move(value), lang, errors);
    return view;
  }
  View view = View::Prepared(*fragment->second);
  auto chosen = Chosen(item, value);
  SetVarying(view, answering, item, std::move(value), lang, errors);
  if (const View* choices = fragment->second->fixed().Field("choices")) {
    for (const View& choice : choices->items()) {
      view.Overlay(choice,
                   Checked(Contains(chosen, choice.Field("value")->text())));
    }
  }
  return view;
}

const forms::ChoiceList* QuestionnaireViews::MatrixList(
    const forms::Form& form, int group_index, const std::vector<int>& items) {
  const Item& group = form.items[group_index];
  if (AsciiLower(group.appearance).find("table-list") == std::string::npos) {
    return nullptr;
  }
  std::string list;
  for (int index : items) {
    const Item& item = form.items[index];
    if (item.type != ItemType::kSelectOne &&
        item.type != ItemType::kSelectMultiple) {
      return nullptr;
    }
    if (!list.empty() && item.list_name != list) return nullptr;
    list = item.list_name;
  }
  return form.FindList(list);
}

void QuestionnaireViews::SetRowVarying(
    View& row, const Item& item,
    const std::map<std::string, std::string>& errors) {
  auto error = errors.find(item.name);
  row.Set("has_error", error != errors.end());
  if (error != errors.end()) row.Set("error", error->second);
}

View QuestionnaireViews::FixedMatrixView(
    const Item& group, const std::vector<const Item*>& rows,
    const forms::ChoiceList& choices, Lang lang, const Answering* answering,
    const std::map<std::string, std::string>* errors) const {
  auto label_of = [&](const Item& item) {
    return answering ? answering->LabelOf(item) : item.label.Get(lang);
  };
  View matrix;
  matrix.Set("caption", label_of(group));
  matrix.Set("hint", group.hint.Get(lang));
  std::string prefix = "m-" + group.name;
  for (const forms::Choice& choice : choices.choices) {
    View column;
    column.Set("id", prefix + "-" + choice.name);
    column.Set("label", choice.label.Get(lang));
    matrix.Add("columns", std::move(column));
  }
  for (const Item* item : rows) {
    View row;
    std::string row_id = "f-" + item->name;
    row.Set("name", item->name);
    row.Set("id", row_id);
    row.Set("label", label_of(*item));
    row.Set("required", item->required_always);
    if (errors) SetRowVarying(row, *item, *errors);
    // What all the row's cells share is the row's: the template finds it
    // there (name, row_id, input_type, has_error).
    row.Set("row_id", row_id);
    row.Set("input_type",
            item->type == ItemType::kSelectMultiple ? "checkbox" : "radio");
    auto chosen = answering ? SplitWords(answering->Answer(item->index))
                            : std::vector<std::string>();
    bool first = true;
    for (const forms::Choice& choice : choices.choices) {
      View cell;
      // The first cell carries the row's id, so that error links land on it.
      cell.Set("id", first ? row_id : row_id + "-" + choice.name);
      first = false;
      cell.Set("value", choice.name);
      cell.Set("column_id", prefix + "-" + choice.name);
      cell.Set("column_label",
               choice.label.Get(lang));  // beside the button on a phone
      if (answering) cell.Set("checked", Contains(chosen, choice.name));
      row.Add("cells", std::move(cell));
    }
    matrix.Add("rows", std::move(row));
  }
  return matrix;
}

std::optional<View> QuestionnaireViews::MatrixView(
    const Questionnaire& questionnaire, Lang lang,
    const PreparedQuestions& prepared, const Answering& answering,
    int group_index, const std::vector<int>& items,
    const std::map<std::string, std::string>& errors) const {
  const forms::Form& form = questionnaire.form.form;
  const forms::ChoiceList* choices = MatrixList(form, group_index, items);
  if (choices == nullptr) return std::nullopt;
  std::vector<const Item*> rows;
  for (int index : items) {
    if (answering.state().Relevant(index)) rows.push_back(&form.items[index]);
  }
  if (rows.empty()) return std::nullopt;
  auto fragment = prepared.matrices.find(group_index);
  if (fragment == prepared.matrices.end() || rows.size() != items.size()) {
    return FixedMatrixView(form.items[group_index], rows, *choices, lang,
                           &answering, &errors);
  }
  View matrix = View::Prepared(*fragment->second);
  const std::vector<View>& fixed_rows =
      fragment->second->fixed().Field("rows")->items();
  for (size_t r = 0; r < rows.size(); ++r) {
    View row;
    SetRowVarying(row, *rows[r], errors);
    matrix.Overlay(fixed_rows[r], std::move(row));
    auto chosen = SplitWords(answering.Answer(rows[r]->index));
    const std::vector<View>& cells = fixed_rows[r].Field("cells")->items();
    for (size_t c = 0; c < cells.size(); ++c) {
      matrix.Overlay(cells[c],
                     Checked(Contains(chosen, choices->choices[c].name)));
    }
  }
  return matrix;
}

const PreparedQuestions& QuestionnaireViews::PreparedIn(
    const Questionnaire& questionnaire, Lang lang) const {
  size_t at = size_t(lang);
  std::call_once(questionnaire.prepare_once[at], [&] {
    PreparedQuestions& prepared = questionnaire.prepared[at];
    const forms::Form& form = questionnaire.form.form;
    const pages::Templates& templates = pages::Templates::Builtin();
    for (size_t page = 0; page < questionnaire.pages.size(); ++page) {
      for (const auto& [group, items] : GroupsOf(questionnaire, int(page))) {
        const forms::ChoiceList* list =
            group >= 0 ? MatrixList(form, group, items) : nullptr;
        if (list != nullptr) {
          std::vector<const Item*> rows;
          bool fixed = FixedLabel(form.items[group], lang);
          for (int index : items) {
            rows.push_back(&form.items[index]);
            fixed = fixed && FixedLabel(form.items[index], lang);
          }
          if (fixed) {
            prepared.matrices[group] = templates.Prepare(
                "page", {"blocks", "matrix"},
                FixedMatrixView(form.items[group], rows, *list, lang, nullptr,
                                nullptr),
                VaryingOfMatrix(), lang);
          }
          continue;
        }
        for (int index : items) {
          if (!Preparable(form.items[index], lang)) continue;
          prepared.items[index] = templates.Prepare(
              "page", {"blocks", "item"},
              FixedItemView(form, form.items[index], lang, nullptr),
              VaryingOfItem(), lang);
        }
      }
    }
  });
  return questionnaire.prepared[at];
}

const Item* QuestionnaireViews::FieldGroupOn(const forms::Form& form,
                                             const Page& page,
                                             const std::vector<int>& items) {
  if (items.empty()) return nullptr;
  const Item* group = form.FieldGroupOf(form.items[size_t(items.front())]);
  return group && group->index != page.group ? group : nullptr;
}

std::vector<std::pair<int, std::vector<int>>> QuestionnaireViews::GroupsOf(
    const Questionnaire& questionnaire, int index) {
  std::vector<std::pair<int, std::vector<int>>> runs;
  for (int item : questionnaire.pages[index].items) {
    int parent = questionnaire.form.form.items[item].parent;
    if (runs.empty() || runs.back().first != parent)
      runs.push_back({parent, {}});
    runs.back().second.push_back(item);
  }
  return runs;
}

std::string QuestionnaireViews::SectionHeading(
    const Questionnaire& questionnaire, Lang lang,
    const std::string& number) const {
  std::string title = SectionTitle(questionnaire, lang, number);
  return title.empty() ? FormTitle(questionnaire.form.form, lang) : title;
}

namespace {

// Views of the questionnaire's sections in the list "sections" of
// `content`, each with its heading and a list `list`: a page's things go
// into the section its heading names, a new one where the heading changes.
// Finish() adds the last.
class SectionRuns {
 public:
  SectionRuns(View& content, std::string list)
      : content_(content), list_(std::move(list)) {
    content_.List("sections");
  }
  SectionRuns(const SectionRuns&) = delete;
  SectionRuns& operator=(const SectionRuns&) = delete;

  // The section under `heading`, begun if the last one had another.
  View& Under(const std::string& heading) {
    if (!open_ || heading != current_) {
      Close();
      section_.Set("title", heading);
      section_.List(list_);
      current_ = heading;
      open_ = true;
    }
    return section_;
  }

  void Finish() { Close(); }

 private:
  void Close() {
    if (open_) content_.Add("sections", std::move(section_));
    section_ = View();
    open_ = false;
  }

  View& content_;
  const std::string list_;
  std::string current_;
  View section_;
  bool open_ = false;
};

}  // namespace

std::string QuestionnaireViews::SectionTitle(const Questionnaire& questionnaire,
                                             Lang lang,
                                             const std::string& number) const {
  for (const forms::Section& section : questionnaire.form.form.sections) {
    if (section.number != number) continue;
    const std::string& title = section.title.Get(lang);
    return title.empty() ? catalogue_.Get("section", lang, {number}) : title;
  }
  return "";
}

View QuestionnaireViews::PageView(const Questionnaire& questionnaire, Lang lang,
                                  const Answering& answering, int index,
                                  const std::vector<AnswerError>& errors,
                                  const PageNotes& notes,
                                  std::string& title) const {
  const forms::Form& form = questionnaire.form.form;
  const Page& page = questionnaire.pages[index];
  std::map<std::string, std::string> messages;
  for (const AnswerError& error : errors) {
    messages.emplace(error.name, ErrorText(error, lang));
  }
  View content;
  content.Set("page", std::to_string(index + 1));
  content.Set("progress",
              catalogue_.Get("page_of", lang,
                             {std::to_string(answering.ShownPosition(index)),
                              std::to_string(answering.ShownCount())}));
  content.Set("progress_value", std::to_string(answering.ShownPosition(index)));
  content.Set("progress_max", std::to_string(answering.ShownCount()));
  std::string section = SectionTitle(questionnaire, lang, page.section);
  // The page's group, else its section, else the form names the page.
  std::string heading;
  if (page.group >= 0) heading = form.items[page.group].label.Get(lang);
  if (heading.empty()) heading = section;
  if (heading.empty()) heading = FormTitle(form, lang);
  if (heading == section) section.clear();
  content.Set("section_title", section);
  content.Set("heading", heading);
  content.Set("has_back", answering.PreviousPage(index) >= 0);
  content.List("blocks");
  std::vector<int> in_matrix;  // items shown as rows of a matrix
  static const PreparedQuestions* none = new PreparedQuestions();
  const PreparedQuestions& prepared =
      prepare_ ? PreparedIn(questionnaire, lang) : *none;
  for (const auto& [group, items] : GroupsOf(questionnaire, index)) {
    std::optional<View> matrix;
    if (group >= 0) {
      matrix = MatrixView(questionnaire, lang, prepared, answering, group,
                          items, messages);
    }
    if (matrix) {
      in_matrix.insert(in_matrix.end(), items.begin(), items.end());
      View block;
      block.Set("matrix", std::move(*matrix));
      content.Add("blocks", std::move(block));
      continue;
    }
    // A group of fields is one question: a fieldset whose legend is the
    // group's label (and hint), around those of its fields shown.
    const Item* field_group = FieldGroupOn(form, page, items);
    bool opened = false;
    for (int item : items) {
      if (!answering.state().Relevant(item)) {
        // Outside a group of fields, a question not asked yet is on the
        // page hidden, for the optional script to show at once when an
        // answer reveals it (ShownOnPage); without it, the page comes
        // back with the question.
        if (field_group || !forms::IsQuestion(form.items[item].type)) continue;
        View hidden = ItemView(questionnaire, lang, prepared, answering,
                               form.items[item], {});
        hidden.Set("hidden", true);
        View block;
        block.Set("item", std::move(hidden));
        content.Add("blocks", std::move(block));
        continue;
      }
      if (field_group && !opened) {
        View start;
        start.Set("id", "g-" + field_group->name);
        start.Set("legend", field_group->label.Get(lang));
        start.Set("hint", field_group->hint.Get(lang));
        View block;
        block.Set("group_start", std::move(start));
        content.Add("blocks", std::move(block));
        opened = true;
      }
      View block;
      block.Set("item", ItemView(questionnaire, lang, prepared, answering,
                                 form.items[item], messages));
      content.Add("blocks", std::move(block));
    }
    if (opened) {
      View block;
      block.Set("group_end", true);
      content.Add("blocks", std::move(block));
    }
  }
  content.Set("has_errors", !errors.empty());
  content.Set("draft_saved", notes.draft_saved);
  if (notes.welcome) {
    content.Set("welcome",
                catalogue_.Get("welcome_back", lang,
                               {std::to_string(answering.ShownPosition(index)),
                                std::to_string(answering.ShownCount())}));
  }
  content.List("errors");
  for (const AnswerError& error : errors) {
    const Item* item = form.FindItem(error.name);
    View link;
    bool matrix_row = item && std::find(in_matrix.begin(), in_matrix.end(),
                                        item->index) != in_matrix.end();
    link.Set("target", "f-" + error.name +
                           (item && IsChoiceGroup(*item, matrix_row)
                                ? "-" + FirstChoice(answering, *item)
                                : ""));
    link.Set("label", item ? answering.QuestionLabelOf(*item) : error.name);
    link.Set("message", ErrorText(error, lang));
    content.Add("errors", std::move(link));
  }
  title = errors.empty() ? heading
                         : catalogue_.Get("error_prefix", lang) + " " + heading;
  return content;
}

bool QuestionnaireViews::IsChoiceGroup(const Item& item, bool in_matrix) {
  if (in_matrix) return false;
  if (item.type == ItemType::kSelectOne) {
    return AsciiLower(item.appearance).find("minimal") == std::string::npos;
  }
  return item.type == ItemType::kSelectMultiple ||
         item.type == ItemType::kRange || item.type == ItemType::kRank;
}

std::string QuestionnaireViews::FirstChoice(const Answering& answering,
                                            const Item& item) {
  if (item.type == ItemType::kRange) {
    return fmt::format("{}", forms::RangeOf(item).start);
  }
  auto choices = answering.ChoicesOf(item);
  return choices.empty() ? std::string() : choices.front()->name;
}

std::vector<std::string> QuestionnaireViews::AnswerLines(
    const Questionnaire& questionnaire, Lang lang, const Answering& answering,
    const Item& item) const {
  std::vector<std::string> lines;
  std::string value = answering.Answer(item.index);
  if (value.empty()) return lines;
  const forms::ChoiceList* list = questionnaire.form.form.ListOf(item);
  if (list != nullptr) {
    std::vector<std::string> tokens = SplitWords(value);
    int position = 0;
    for (const std::string& token : tokens) {
      const forms::Choice* choice = list->Find(token);
      std::string label =
          choice ? choice->label.Get(lang)
          : token == "other"
              ? catalogue_.Get("other", lang) + ": " + answering.OtherText(item)
              : token;
      if (item.type == ItemType::kRank) {
        label = fmt::format("{}. {}", ++position, label);
      }
      lines.push_back(label);
    }
    return lines;
  }
  if (item.type == ItemType::kAcknowledge) {
    lines.push_back(catalogue_.Get("acknowledge_ok", lang));
    return lines;
  }
  // Numbers and days as the page's language writes them.
  if (item.type == ItemType::kInteger || item.type == ItemType::kDecimal) {
    lines.push_back(FormatNumberText(value, lang));
    return lines;
  }
  if (item.type == ItemType::kDate) {
    if (auto day = Date::Parse(value)) {
      lines.push_back(FormatDay(day->year(), day->month(), day->day(), lang));
      return lines;
    }
  }
  lines.push_back(value);
  return lines;
}

View QuestionnaireViews::AnswersView(const Questionnaire& questionnaire,
                                     Lang lang, const Answering& answering,
                                     bool change_links) const {
  View content;
  SectionRuns sections(content, "answers");
  const auto& pages = questionnaire.pages;
  for (int p = 0; p < int(pages.size()); ++p) {
    if (!answering.PageShown(p)) continue;
    View& section =
        sections.Under(SectionHeading(questionnaire, lang, pages[p].section));
    // A group of fields is one answer: the group's label, then each
    // field's label with its answer.
    const Item* group = nullptr;
    View grouped;
    auto close_group = [&] {
      if (group) section.Add("answers", std::move(grouped));
      group = nullptr;
    };
    for (int index : pages[p].items) {
      const Item& item = questionnaire.form.form.items[index];
      if (!forms::IsQuestion(item.type) || !answering.state().Relevant(index))
        continue;
      const Item* field_group = questionnaire.form.form.FieldGroupOf(item);
      if (field_group != group) {
        close_group();
        if (field_group) {
          grouped = View();
          grouped.Set("label", field_group->label.Get(lang));
          grouped.List("lines");
          if (change_links)
            grouped.Set("change_href", fmt::format("/q/page/{}", p + 1));
          group = field_group;
        }
      }
      std::vector<std::string> lines =
          AnswerLines(questionnaire, lang, answering, item);
      if (group) {
        const std::string field = answering.LabelOf(item);
        if (lines.empty())
          lines.push_back(catalogue_.Get("not_answered", lang));
        for (std::string& line : lines) {
          grouped.Add("lines", View::Text(field + ": " + line));
        }
        continue;
      }
      View answer;
      answer.Set("label", answering.LabelOf(item));
      answer.List("lines");
      for (std::string& line : lines)
        answer.Add("lines", View::Text(std::move(line)));
      if (change_links)
        answer.Set("change_href", fmt::format("/q/page/{}", p + 1));
      section.Add("answers", std::move(answer));
    }
    close_group();
  }
  sections.Finish();
  return content;
}

View QuestionnaireViews::PrintedQuestion(const Questionnaire& questionnaire,
                                         Lang lang, const Answering& answering,
                                         const Item& item) const {
  View question;
  question.Set("label", answering.LabelOf(item));
  question.Set("hint", item.hint.Get(lang));
  question.Set("required", item.required_always);
  question.Set("condition",
               forms::DescribeWhenAsked(questionnaire.form.form, item, lang)
                   .value_or(""));
  question.Set("is_note", item.type == ItemType::kNote);
  question.List("choices");
  if (const forms::ChoiceList* list = questionnaire.form.form.ListOf(item)) {
    question.Set("multiple", item.type != ItemType::kSelectOne);
    for (const forms::Choice& choice : list->choices) {
      question.Add("choices", View::Text(choice.label.Get(lang)));
    }
    if (item.or_other)
      question.Add("choices",
                   View::Text(catalogue_.Get("other_specify", lang)));
  }
  question.Set("is_acknowledge", item.type == ItemType::kAcknowledge);
  question.Set("is_text", item.type == ItemType::kText);
  std::string blank;
  if (item.type == ItemType::kInteger || item.type == ItemType::kDecimal ||
      item.type == ItemType::kRange) {
    blank = catalogue_.Get("print_number", lang);
  } else if (item.type == ItemType::kDate) {
    blank = catalogue_.Get("print_date", lang);
  }
  question.Set("blank", blank);
  return question;
}

std::string QuestionnaireViews::FormTitle(const forms::Form& form, Lang lang) {
  const std::string& title = form.settings.title.Get(lang);
  return title.empty() ? form.settings.form_id : title;
}

std::shared_ptr<Questionnaire> Questionnaire::Assemble(rounds::Round round,
                                                       rounds::Questionnaire questionnaire,
                                                       forms::LoadedForm form) {
  auto assembled = std::make_shared<Questionnaire>();
  assembled->round = std::move(round);
  assembled->questionnaire = std::move(questionnaire);
  assembled->form = std::move(form);
  assembled->graph = std::make_unique<forms::DependencyGraph>(assembled->form.form);
  assembled->pages = responses::PagesOf(assembled->form.form);
  return assembled;
}

View QuestionnaireViews::BlankPrintView(const Questionnaire& questionnaire, Lang lang,
                                        const std::string& today) const {
  View content = PrintView(questionnaire, lang, questionnaire.Answer({}, lang, today));
  content.Set("heading", FormTitle(questionnaire.form.form, lang));
  return content;
}

View QuestionnaireViews::PrintView(const Questionnaire& questionnaire,
                                   Lang lang,
                                   const Answering& answering) const {
  const forms::Form& form = questionnaire.form.form;
  View content;
  SectionRuns sections(content, "questions");
  const auto& pages = questionnaire.pages;
  int number = 0;
  for (int p = 0; p < int(pages.size()); ++p) {
    View& section =
        sections.Under(SectionHeading(questionnaire, lang, pages[p].section));
    for (const auto& [group, items] : GroupsOf(questionnaire, p)) {
      const Item* field_group = FieldGroupOn(form, pages[p], items);
      if (field_group) {
        // A group of fields: one question, its fields as the rows of a
        // table (a matrix's choices as its columns).
        View question =
            PrintedQuestion(questionnaire, lang, answering, *field_group);
        question.Set("number", std::to_string(++number));
        question.Set("is_group", true);
        const forms::ChoiceList* matrix = MatrixList(form, group, items);
        question.List("columns");
        if (matrix) {
          for (const forms::Choice& choice : matrix->choices) {
            question.Add("columns", View::Text(choice.label.Get(lang)));
          }
        }
        question.List("rows");
        for (int index : items) {
          View row = PrintedQuestion(questionnaire, lang, answering,
                                     form.items[size_t(index)]);
          row.List("cells");
          if (matrix) {
            for (size_t c = 0; c < matrix->choices.size(); ++c)
              row.Add("cells", View::Text(""));
            row.List("choices");
          }
          question.Add("rows", std::move(row));
        }
        section.Add("questions", std::move(question));
        continue;
      }
      for (int index : items) {
        const Item& item = form.items[size_t(index)];
        if (!forms::IsQuestion(item.type) && item.type != ItemType::kNote)
          continue;
        View question = PrintedQuestion(questionnaire, lang, answering, item);
        if (item.type != ItemType::kNote)
          question.Set("number", std::to_string(++number));
        section.Add("questions", std::move(question));
      }
    }
  }
  sections.Finish();
  return content;
}

}  // namespace kartla::web
