// The rules of answering a questionnaire, apart from HTTP: how a response
// starts or resumes, how a page is saved (its valid answers, and the draft
// of a page with errors), how it is submitted once, handed over between
// colleagues, reopened, and whether answers may still change (the round's
// stages and its policy). The respondent's pages (web/) parse, call this,
// and render.
#ifndef KARTLA_RESPONSES_RESPONSE_SERVICE_H_
#define KARTLA_RESPONSES_RESPONSE_SERVICE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "forms/form_service.h"
#include "forms/response_state.h"
#include "responses/answering.h"
#include "responses/response.h"
#include "rounds/round.h"
#include "rounds/round_store.h"

namespace kartla::responses {

// A questionnaire as it is answered: its round, the questionnaire, its form
// with the form's dependencies and pages. Loaded once and shared.
struct QuestionnaireForm {
  rounds::Round round;
  rounds::Questionnaire questionnaire;
  forms::LoadedForm form;
  std::unique_ptr<forms::DependencyGraph> graph;
  std::vector<Page> pages;

  // The numbers of the form's sections, in order.
  std::vector<std::string> Sections() const;
  // Answering with `answers` in `lang` on `today` (YYYY-MM-DD).
  Answering Answer(const std::map<std::string, std::string>& answers, Lang lang,
                   std::string today) const {
    return Answering(form.form, *graph, pages, answers, lang, std::move(today));
  }
};

// How far the fieldwork's record of an invitation says its respondent got.
enum class Progress { kNotStarted, kStarted, kSubmitted };

// Who answers: an invitation, as far as answering needs to know it.
struct Respondent {
  int64_t invitation_id = 0;
  std::string organisation_code;
  Progress recorded = Progress::kNotStarted;
  // Answering by a test link: a response of its own, never the
  // organisation's shared one.
  bool test = false;
};

// What answering needs of the fieldwork (invitations, their progress and
// mail); app/ implements it over fieldwork::InvitationService, so that
// responses/ does not depend on fieldwork/.
class Fieldwork {
 public:
  virtual ~Fieldwork() = default;
  // The facts prefilled into a new response (the organisation's, from the
  // registry): name → value.
  virtual std::map<std::string, std::string> PrefillFacts(
      int64_t invitation_id) = 0;
  // Whether invitation `invitation_id` may still answer (it exists and its
  // link was not withdrawn).
  virtual bool MayAnswer(int64_t invitation_id) = 0;
  // Records that the respondent of `invitation_id` has started answering
  // (status only ever moves forward).
  virtual void RecordStarted(int64_t invitation_id) = 0;
  // Records that the respondent submitted, and queues the thank-you mail,
  // together.
  virtual void RecordSubmitted(int64_t invitation_id) = 0;
  // Queues the mail asking the holder of a shared response to hand it over.
  virtual void QueueHandoverRequest(int64_t holder_invitation_id) = 0;
  // Records that `from` handed the organisation's response over to `to`
  // (from's link is withdrawn; to has started).
  virtual void RecordHandover(int64_t from_invitation_id,
                              int64_t to_invitation_id) = 0;
};

struct ResponseServiceOptions {
  // Whether a respondent may reopen submitted answers while the stages of
  // the questionnaire are open. Default: true.
  bool allow_reopen = true;
};

// Where a respondent goes after posting a page.
enum class Go { kNext, kBack, kLater };

// What saving a page did.
struct SavedPage {
  enum class Outcome {
    kMoved,      // saved; go on to `page` (-1: the review)
    kRevealed,   // saved; an answer revealed `revealed` on the same page
    kErrors,     // refused: `errors`; the valid answers kept as a draft
    kLater,      // what is valid saved, to come back later
    kClosed,     // the page's stage has closed: nothing saved
    kSubmitted,  // the response was submitted meanwhile: nothing saved
  };
  Outcome outcome = Outcome::kMoved;
  int page = -1;
  std::string revealed;
  std::vector<AnswerError> errors;
  // Whether an answer of a page with errors (or left for later) was kept.
  bool draft_saved = false;
  std::optional<rounds::Stage> closed;
};

// What submitting did.
struct Submission {
  enum class Outcome {
    kSubmitted,  // submitted now: recorded, the thank-you mail queued
    kAlready,    // submitted before (a second press): nothing more
    kProblems,   // answers are missing or wrong (Answering::CheckAll)
    kClosed,     // every stage of the questionnaire has closed
  };
  Outcome outcome = Outcome::kSubmitted;
  std::optional<rounds::Stage> closed;
};

// When a questionnaire's answers are due, as a respondent is told.
struct Due {
  enum class State {
    kOpen,    // answer by `day` (the open stage that closes first)
    kLate,    // were due by `day`; the round still takes late answers
    kClosed,  // were due by `day`; no more answers are taken
    kNone,    // no stage holds the questionnaire's sections
  };
  State state = State::kNone;
  Date day{2000, 1, 1};
};

// Thread-safe if its stores and Fieldwork are.
class ResponseService {
 public:
  ResponseService(ResponseStore& store, rounds::RoundStore& rounds,
                  Fieldwork& fieldwork, const Clock& clock,
                  ResponseServiceOptions options = {});

  // The respondent's response, made with the prefilled facts when first
  // opened. Where the questionnaire takes one response per organisation,
  // that is the organisation's shared one; if a colleague holds it, it is
  // taken over if the colleague's link was withdrawn, and otherwise nullopt
  // (see HeldByColleague).
  std::optional<Response> StartOrResume(const Respondent& respondent,
                                        const QuestionnaireForm& questionnaire);

  // The respondent's own response (or the shared one they hold), if any.
  std::optional<Response> FindOwn(const Respondent& respondent) {
    return store_.FindByInvitation(respondent.invitation_id);
  }

  // The organisation's shared response if a colleague whose link still
  // works holds it; nullopt otherwise.
  std::optional<Response> HeldByColleague(
      const Respondent& respondent, const QuestionnaireForm& questionnaire);

  // When the questionnaire's answers may change today, as its round's
  // stages and its setting of late answers are now (an administrator may
  // change them at any time).
  rounds::AnswerWindow Window(const QuestionnaireForm& questionnaire) const;
  // When the questionnaire's answers are due (or were), and whether they
  // are still taken.
  Due DueOf(const QuestionnaireForm& questionnaire) const;

  // Posts page `page` of `response` (`values` by item name, as the page
  // sent them) through `answering` (made from the response's answers; it
  // holds the posted answers afterwards, for showing the page again). A
  // page with errors keeps its valid answers as a draft and stays the page
  // to resume at; a valid page moves on, except that an answer revealing an
  // unanswered question on the same page shows the page again (once).
  SavedPage SavePage(
      const Respondent& respondent, const QuestionnaireForm& questionnaire,
      const Response& response, Answering& answering, int page,
      const std::map<std::string, std::vector<std::string>>& values, Go go);

  // Submits `response` if its answers are complete and a stage is open.
  // Two presses at once make one submission, one record and one mail.
  Submission Submit(const Respondent& respondent,
                    const QuestionnaireForm& questionnaire,
                    const Response& response, Answering& answering);

  // Whether submitted answers may be reopened now (the setting, and no
  // stage of the questionnaire has closed).
  bool Reopenable(const QuestionnaireForm& questionnaire) const;
  bool reopening_allowed() const { return options_.allow_reopen; }
  // Makes a submitted response a draft again if Reopenable; false if not.
  bool Reopen(const QuestionnaireForm& questionnaire, const Response& response);

  // A colleague asks to take over the organisation's shared response.
  // False if no colleague holds a draft of it; true otherwise, mailing the
  // holder if the request is new.
  bool AskToTakeOver(const Respondent& respondent,
                     const QuestionnaireForm& questionnaire);
  // The request to take over the respondent's response still pending.
  std::optional<Handover> PendingHandover(const Respondent& holder);
  // The latest request the respondent made to take over `shared`.
  std::optional<Handover> LatestAsked(const Respondent& asker,
                                      const Response& shared);
  // The holder answers the pending request; the invitation of the
  // colleague it passed to, if agreed (nullopt if declined, or nothing
  // was pending).
  std::optional<int64_t> DecideHandover(const Respondent& holder, bool agree);

  // The slot of the organisation's shared response to the questionnaire;
  // "" if each person answers on their own (and for a test link).
  static std::string SlotOf(const Respondent& respondent,
                            const QuestionnaireForm& questionnaire);

 private:
  void Record(const Respondent& respondent, Progress progress);

  ResponseStore& store_;
  rounds::RoundStore& rounds_;
  Fieldwork& fieldwork_;
  const Clock& clock_;
  const ResponseServiceOptions options_;
};

}  // namespace kartla::responses

#endif  // KARTLA_RESPONSES_RESPONSE_SERVICE_H_
