// Answering a form page by page: which pages there are, which are shown,
// checking a posted page against the form (types, choice lists, required,
// constraints), and what the review page lists. Everything here is
// computed from the form and the answers; nothing is stored.
#ifndef KARTLA_RESPONSES_ANSWERING_H_
#define KARTLA_RESPONSES_ANSWERING_H_

#include <map>
#include <string>
#include <vector>

#include "core/text.h"
#include "forms/form.h"
#include "forms/response_state.h"

namespace kartla::responses {

// A page: a top-level field-list group, a table-list group, or a single
// question (with the groups it sits in giving its title and section).
struct Page {
  std::vector<int> items;  // item indexes shown on it, in order
  int group = -1;          // the group the page is, or -1
  std::string section;     // kartla::section number, "" if none
};

// The pages of a form, in order. Calculations, hidden fields and groups are
// not items of a page; a field-list group's nested groups are part of it.
std::vector<Page> PagesOf(const forms::Form& form);

// Why an answer was refused; `code` is a message key ("required",
// "not_integer"...) for the interface catalogue, `text` a message from the
// form itself (constraint_message, required_message) if it has one.
struct AnswerError {
  std::string name;  // the item
  std::string code;
  LocalizedText text;
};

// What of a page posted with errors is kept as a draft: its answers
// (`changes`, as Post gives them) but those of the questions refused and
// their "other" texts, which keep what was stored before. The page stays
// the one to resume at, so a draft is never a page completed: the review's
// CheckAll refuses what is still missing.
std::map<std::string, std::string> DraftOfPage(const std::map<std::string, std::string>& changes,
                                               const std::vector<AnswerError>& errors);

// A date answer as the page's day, month and year fields show it: a date
// without leading zeros ("2024-05-01" is 1, 5, 2024), anything else split
// at its dashes as it was typed (DateOfParts), or all in the year field.
struct DateParts {
  std::string day, month, year;
};
DateParts DatePartsOf(std::string_view value);

// One response being answered. Not thread-safe.
class Answering {
 public:
  // `form`, `graph` and `pages` must outlive it.
  Answering(const forms::Form& form, const forms::DependencyGraph& graph,
            const std::vector<Page>& pages,
            const std::map<std::string, std::string>& answers, Lang lang,
            std::string today);

  const forms::Form& form() const { return form_; }
  const std::vector<Page>& pages() const { return pages_; }
  const forms::ResponseState& state() const { return state_; }

  // True if some item of page `index` is relevant.
  bool PageShown(int index) const;
  // The next (or previous) shown page after (before) `index`; -1 if none.
  int NextPage(int index) const;
  int PreviousPage(int index) const;
  int FirstPage() const { return NextPage(-1); }
  // The shown page to resume at, given the page stored with the response
  // (-1 in a new one): that page, or the next shown after it; -1 past the
  // last (the review).
  int ResumePage(int stored) const {
    return PageShown(stored) ? stored : NextPage(stored);
  }
  // 1-based position of page `index` among the shown pages, and their count.
  int ShownPosition(int index) const;
  int ShownCount() const;

  // The answer of an item as stored.
  std::string Answer(int item) const;
  // The item's label in the respondent's language, with each ${name} in it
  // replaced by that item's answer or calculated value.
  std::string LabelOf(const forms::Item& item) const;
  // The same, as a question of its own (an error message, a list): a field
  // of a group of fields after its group's label, "group – field".
  std::string QuestionLabelOf(const forms::Item& item) const;

  // The text typed for "other" of a select_one ... or_other item, stored
  // as the answer NAME_other, as XLSForm names it.
  std::string OtherText(const forms::Item& item) const;

  // Takes the posted values of page `index` (name -> values; several for a
  // select_multiple), checks them in the light of each other and of the
  // answers before, and returns the errors. The values are applied to this
  // state whether or not they are valid, so that the page can be shown
  // again with what was typed; `changes` receives the page's answers to
  // store (empty strings clear answers that are no longer relevant). A
  // question the posted answers reveal on this page, left empty, is not
  // checked: the respondent has not seen it yet (the page is shown again).
  // A date comes as NAME ("YYYY-MM-DD") or as day, month and year in
  // NAME-day, NAME-month and NAME-year, as the page asks it.
  std::vector<AnswerError> Post(int index,
                                const std::map<std::string, std::vector<std::string>>& values,
                                std::map<std::string, std::string>& changes);

  // Errors of every shown page, for the final check before submitting.
  std::vector<AnswerError> CheckAll();

  // About how many minutes the questions asked with the answers so far
  // take (the start page's estimate): a choice 10 s, several choices or a
  // ranking 20 s, a number 40 s (figures are looked up), a date 15 s, a
  // text 60 s (a long one 2 min), a consent 5 s; whole minutes, at least
  // 1, to the next 5 above 10.
  int MinutesToAnswer() const;

  // The choices of a select item that pass its choice_filter.
  std::vector<const forms::Choice*> ChoicesOf(const forms::Item& item) const;

 private:
  std::vector<AnswerError> CheckItem(const forms::Item& item) const;

  const forms::Form& form_;
  const std::vector<Page>& pages_;
  const Lang lang_;
  forms::ResponseState state_;
  std::map<std::string, std::string> others_;  // NAME_other -> text
};

}  // namespace kartla::responses

#endif  // KARTLA_RESPONSES_ANSWERING_H_
