// The questionnaire's views: plain functions from a questionnaire, the
// answers (Answering) and the page's language to the View a template
// renders: a page of questions (with what is prepared once per
// questionnaire and language), the answers for the review, the receipt and
// the own answers, and the printable questionnaire. The handlers in
// web_app.cc fetch, call the response service, and render these.
#ifndef KARTLA_WEB_QUESTIONNAIRE_VIEWS_H_
#define KARTLA_WEB_QUESTIONNAIRE_VIEWS_H_

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/text.h"
#include "forms/form.h"
#include "pages/templates.h"
#include "pages/view.h"
#include "responses/answering.h"
#include "responses/response_service.h"

namespace kartla::web {

using pages::View;

// The questions of a questionnaire rendered in advance in one language, as
// far as they do not vary with the answers (Template::Prepare): by item
// index, and matrices by their group's index.
struct PreparedQuestions {
  std::map<int, std::unique_ptr<pages::Fragment>> items;
  std::map<int, std::unique_ptr<pages::Fragment>> matrices;
};

// A questionnaire with everything needed to answer it, loaded once.
struct Questionnaire : responses::QuestionnaireForm {
  // The round's questionnaire with its form: its dependencies and pages worked out.
  static std::shared_ptr<Questionnaire> Assemble(rounds::Round round,
                                                 rounds::Questionnaire questionnaire,
                                                 forms::LoadedForm form);

  // Its questions prepared in each language, when a page is first shown in it.
  mutable std::array<std::once_flag, kMaxLangs> prepare_once;
  mutable std::array<PreparedQuestions, kMaxLangs> prepared;
};

// What a questionnaire page says beside its questions: a returning
// respondent's welcome, and after errors, that the page's other answers
// were kept.
struct PageNotes {
  bool welcome = false;
  bool draft_saved = false;
};

// Thread-safe.
class QuestionnaireViews {
 public:
  using Item = forms::Item;
  using Page = responses::Page;
  using Answering = responses::Answering;
  using AnswerError = responses::AnswerError;

  // With `prepare_questions`, the fixed part of each question is rendered
  // once per questionnaire and language (WebOptions::prepare_questions).
  QuestionnaireViews(const pages::Catalogue& catalogue, bool prepare_questions)
      : catalogue_(catalogue), prepare_(prepare_questions) {}

  // The whole questionnaire on one page to print, in `lang`: every section,
  // question and choice, and when a follow-up is asked (the content of
  // template "print", but for the organisation and the deadline).
  View PrintView(const Questionnaire& questionnaire, Lang lang,
                 const Answering& answering) const;
  // The same, unanswered, as of `today` (YYYY-MM-DD), with the form's
  // title as its heading: what the workspace's preview and a release show.
  View BlankPrintView(const Questionnaire& questionnaire, Lang lang,
                      const std::string& today) const;

  std::string ErrorText(const AnswerError& error, Lang lang) const;

  // The choice list of a table-list group whose questions all choose from
  // it, shown as a matrix; null if the group is not such.
  static const forms::ChoiceList* MatrixList(const forms::Form& form,
                                             int group_index,
                                             const std::vector<int>& items);

  // The group of fields a run of a page's items (GroupsOf) makes, shown as
  // one question; null if none, or if the group is the page itself.
  static const Item* FieldGroupOn(const forms::Form& form, const Page& page,
                                  const std::vector<int>& items);

  // The page's items in runs by their immediate group: (group, items).
  static std::vector<std::pair<int, std::vector<int>>> GroupsOf(
      const Questionnaire& questionnaire, int index);

  // A section's heading as the form names it ("ICT costs and resources";
  // the round's numbering, "Section 3", only where the form gives no
  // title: a questionnaire may start at the round's second section).
  std::string SectionTitle(const Questionnaire& questionnaire, Lang lang,
                           const std::string& number) const;

  // The heading a section's pages come under wherever the questionnaire is
  // listed or printed (start page, review, own answers, print): the
  // section's title, else, in a form without sections, the form's title.
  std::string SectionHeading(const Questionnaire& questionnaire, Lang lang,
                             const std::string& number) const;

  // A page of questions in `lang`: its content (template "page") after
  // `errors` (none: as stored), and its title (with "Error:" after errors).
  View PageView(const Questionnaire& questionnaire, Lang lang,
                const Answering& answering, int index,
                const std::vector<AnswerError>& errors, const PageNotes& notes,
                std::string& title) const;

  // The text of an answer, a line per choice for several.
  std::vector<std::string> AnswerLines(const Questionnaire& questionnaire,
                                       Lang lang, const Answering& answering,
                                       const Item& item) const;

  // The review page, the receipt and the own-answers page share this.
  View AnswersView(const Questionnaire& questionnaire, Lang lang,
                   const Answering& answering, bool change_links) const;

  // One question of the printed questionnaire: its label, hint, when it is
  // asked, and where the answer goes (its choices, a line for a number, a
  // date or a text).
  View PrintedQuestion(const Questionnaire& questionnaire, Lang lang,
                       const Answering& answering, const Item& item) const;

  // The form's title, or where it has none (pyxform's forms need not),
  // its form_id: every page, section and link is named.
  static std::string FormTitle(const forms::Form& form, Lang lang);

 private:
  // The answers that check an item's choices: a range's value itself, else
  // the words of the value (one for a single choice).
  static std::vector<std::string> Chosen(const Item& item,
                                         const std::string& value);

  static bool Contains(const std::vector<std::string>& words,
                       const std::string& word);

  // Whether an item's view can be prepared in `lang`: what it shows does
  // not vary with the answers but for the answer itself and its errors.
  static bool Preparable(const Item& item, Lang lang);

  // Whether an item's label in `lang` names no answers (${name}).
  static bool FixedLabel(const Item& item, Lang lang);

  // The view of an item's wording and choices. With `answering`, the
  // wording is the respondent's and so are the choices checked, for a view
  // made afresh; without, it is the fixed part to prepare.
  View FixedItemView(const forms::Form& form, const Item& item, Lang lang,
                     const Answering* answering) const;

  // Sets what varies of an item's view (VaryingOfItem): the answer `value`
  // and the error.
  void SetVarying(View& view, const Answering& answering, const Item& item,
                  std::string value, Lang lang,
                  const std::map<std::string, std::string>& errors) const;

  // An item's view: over its prepared fragment if it has one.
  View ItemView(const Questionnaire& questionnaire, Lang lang,
                const PreparedQuestions& prepared, const Answering& answering,
                const Item& item,
                const std::map<std::string, std::string>& errors) const;

  // Sets what varies of a matrix row (VaryingOfMatrix): its error.
  static void SetRowVarying(View& row, const Item& item,
                            const std::map<std::string, std::string>& errors);

  // A matrix of the questions `rows`. With `answering` (and `errors`), the
  // wording is the respondent's and the cells are checked, for a view made
  // afresh; without, it is the fixed part to prepare.
  View FixedMatrixView(const Item& group, const std::vector<const Item*>& rows,
                       const forms::ChoiceList& choices, Lang lang,
                       const Answering* answering,
                       const std::map<std::string, std::string>* errors) const;

  // A table-list group whose questions all choose from one list is shown as
  // a matrix (over its prepared fragment when all its rows are shown);
  // nullopt if the group is not such.
  std::optional<View> MatrixView(
      const Questionnaire& questionnaire, Lang lang,
      const PreparedQuestions& prepared, const Answering& answering,
      int group_index, const std::vector<int>& items,
      const std::map<std::string, std::string>& errors) const;

  // The questions of `questionnaire` prepared in `lang`: made once.
  const PreparedQuestions& PreparedIn(const Questionnaire& questionnaire,
                                      Lang lang) const;

  // Items shown as a group of radio buttons or boxes: an error link goes to
  // the first of them.
  static bool IsChoiceGroup(const Item& item, bool in_matrix);

  static std::string FirstChoice(const Answering& answering, const Item& item);

  const pages::Catalogue& catalogue_;
  const bool prepare_;
};

}  // namespace kartla::web

#endif  // KARTLA_WEB_QUESTIONNAIRE_VIEWS_H_
