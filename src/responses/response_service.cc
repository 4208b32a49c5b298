#include "responses/response_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "core/token.h"
#include "forms/form.h"

namespace kartla::responses {
namespace {

// A reference for the receipt: "K-" and 10 characters from a random token.
std::string NewReference() {
  std::string reference = "K-";
  for (char c : NewToken()) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      reference += char(std::toupper(static_cast<unsigned char>(c)));
    }
    if (reference.size() == 12) break;
  }
  return reference;
}

}  // namespace

std::vector<std::string> QuestionnaireForm::Sections() const {
  std::vector<std::string> sections;
  for (const forms::Section& section : form.form.sections)
    sections.push_back(section.number);
  return sections;
}

ResponseService::ResponseService(ResponseStore& store,
                                 rounds::RoundStore& rounds,
                                 Fieldwork& fieldwork, const Clock& clock,
                                 ResponseServiceOptions options)
    : store_(store),
      rounds_(rounds),
      fieldwork_(fieldwork),
      clock_(clock),
      options_(options) {}

std::string ResponseService::SlotOf(const Respondent& respondent,
                                    const QuestionnaireForm& questionnaire) {
  if (respondent.test || questionnaire.questionnaire.policy !=
                             rounds::ResponsePolicy::kOnePerOrganisation) {
    return "";
  }
  return fmt::format("{}:{}", questionnaire.questionnaire.id,
                     respondent.organisation_code);
}

void ResponseService::Record(const Respondent& respondent, Progress progress) {
  if (respondent.recorded >= progress) return;  // progress only moves forward
  if (progress == Progress::kSubmitted) {
    fieldwork_.RecordSubmitted(respondent.invitation_id);
  } else if (progress == Progress::kStarted) {
    fieldwork_.RecordStarted(respondent.invitation_id);
  }
}

std::optional<Response> ResponseService::StartOrResume(
    const Respondent& respondent, const QuestionnaireForm& questionnaire) {
  if (auto found = store_.FindByInvitation(respondent.invitation_id))
    return found;
  Response fresh;
  fresh.invitation_id = respondent.invitation_id;
  fresh.questionnaire_id = questionnaire.questionnaire.id;
  fresh.form_version_id = questionnaire.questionnaire.form_version_id;
  fresh.page = -1;
  fresh.started_at = clock_.Now();
  fresh.updated_at = fresh.started_at;
  fresh.answers = forms::PrefilledAnswers(
      questionnaire.form.form,
      fieldwork_.PrefillFacts(respondent.invitation_id));
  fresh.slot = SlotOf(respondent, questionnaire);
  Response response = store_.Create(fresh);
  if (response.invitation_id == respondent.invitation_id) return response;
  // A colleague holds the organisation's response: it goes on with this
  // respondent only if the colleague's link was withdrawn (passed on by a
  // coordinator, say).
  if (fieldwork_.MayAnswer(response.invitation_id) ||
      !store_.Reassign(response.id, response.invitation_id,
                       respondent.invitation_id)) {
    return std::nullopt;
  }
  response.invitation_id = respondent.invitation_id;
  return response;
}

std::optional<Response> ResponseService::HeldByColleague(
    const Respondent& respondent, const QuestionnaireForm& questionnaire) {
  const std::string slot = SlotOf(respondent, questionnaire);
  if (slot.empty()) return std::nullopt;
  auto shared = store_.FindBySlot(slot);
  if (!shared || shared->invitation_id == respondent.invitation_id ||
      !fieldwork_.MayAnswer(shared->invitation_id)) {
    return std::nullopt;
  }
  return shared;
}

rounds::AnswerWindow ResponseService::Window(
    const QuestionnaireForm& questionnaire) const {
  const rounds::Round& cached = questionnaire.round;
  auto round = rounds_.FindRoundById(cached.id);
  return rounds::AnswerWindow(round ? *round : cached,
                              rounds_.ListStages(cached.id),
                              Date::FromTimePoint(clock_.Now()));
}

Due ResponseService::DueOf(const QuestionnaireForm& questionnaire) const {
  const rounds::AnswerWindow window = Window(questionnaire);
  const std::vector<std::string> sections = questionnaire.Sections();
  Due due;
  if (auto next = window.NextDeadline(sections)) {
    due.state = Due::State::kOpen;
    due.day = next->closes;
  } else if (auto last = window.AllClosed(sections)) {
    due.state = window.late_answers() ? Due::State::kLate : Due::State::kClosed;
    due.day = last->closes;
  }
  return due;
}

SavedPage ResponseService::SavePage(
    const Respondent& respondent, const QuestionnaireForm& questionnaire,
    const Response& response, Answering& answering, int page,
    const std::map<std::string, std::vector<std::string>>& values, Go go) {
  SavedPage saved;
  if (response.status == ResponseStatus::kSubmitted) {
    saved.outcome = SavedPage::Outcome::kSubmitted;
    return saved;
  }
  const Page& shown = questionnaire.pages.at(size_t(page));
  if (auto closed = Window(questionnaire).ClosedFor(shown.section)) {
    saved.outcome = SavedPage::Outcome::kClosed;
    saved.closed = std::move(closed);
    return saved;
  }
  std::vector<int> hidden_before;  // questions the respondent did not see
  for (int item : shown.items) {
    if (!answering.state().Relevant(item)) hidden_before.push_back(item);
  }
  std::map<std::string, std::string> changes;
  saved.errors = answering.Post(page, values, changes);
  if (!saved.errors.empty() || go == Go::kLater) {
    // What is valid is kept (a page with errors as a draft: this page stays
    // the one to resume at), so that nothing typed right is lost.
    const std::map<std::string, std::string> draft =
        DraftOfPage(changes, saved.errors);
    const bool stored = !draft.empty() &&
                        store_.SavePage(response.id, draft, page, clock_.Now());
    if (stored) Record(respondent, Progress::kStarted);
    // Only an answer given counts as kept (not one removed).
    saved.draft_saved =
        stored && std::any_of(draft.begin(), draft.end(), [](const auto& kept) {
          return !kept.second.empty();
        });
    saved.outcome = go == Go::kLater ? SavedPage::Outcome::kLater
                                     : SavedPage::Outcome::kErrors;
    saved.page = page;
    return saved;
  }
  // Without the script, questions an answer reveals on the same page are
  // seen only when the page comes back: save and show it again (once: on
  // the next press they are no longer hidden before). Revealing is never
  // an error.
  if (go != Go::kBack) {
    for (int item : hidden_before) {
      const forms::Item& question = questionnaire.form.form.items[size_t(item)];
      if (answering.state().Relevant(item) &&
          forms::IsQuestion(question.type) && answering.Answer(item).empty()) {
        if (!store_.SavePage(response.id, changes, page, clock_.Now())) {
          saved.outcome = SavedPage::Outcome::kSubmitted;
          return saved;
        }
        Record(respondent, Progress::kStarted);
        saved.outcome = SavedPage::Outcome::kRevealed;
        saved.page = page;
        saved.revealed = question.name;
        return saved;
      }
    }
  }
  const int next =
      go == Go::kBack ? answering.PreviousPage(page) : answering.NextPage(page);
  // Going back, the page left stays the one to resume at.
  const int resume = go == Go::kBack ? page : next;
  if (!store_.SavePage(response.id, changes,
                       resume < 0 ? int(questionnaire.pages.size()) : resume,
                       clock_.Now())) {
    saved.outcome = SavedPage::Outcome::kSubmitted;
    return saved;
  }
  Record(respondent, Progress::kStarted);
  saved.outcome = SavedPage::Outcome::kMoved;
  // Back from the first page: the same page again.
  saved.page = go == Go::kBack && next < 0 ? page : next;
  return saved;
}

Submission ResponseService::Submit(const Respondent& respondent,
                                   const QuestionnaireForm& questionnaire,
                                   const Response& response,
                                   Answering& answering) {
  Submission submission;
  if (response.status == ResponseStatus::kSubmitted) {
    submission.outcome = Submission::Outcome::kAlready;
    return submission;
  }
  if (auto closed =
          Window(questionnaire).ClosedForAll(questionnaire.Sections())) {
    submission.outcome = Submission::Outcome::kClosed;
    submission.closed = std::move(closed);
    return submission;
  }
  if (!answering.CheckAll().empty()) {
    submission.outcome = Submission::Outcome::kProblems;
    return submission;
  }
  // Two presses at once both get here; only the one whose submission the
  // store made records it and queues the thank-you mail.
  if (!store_.Submit(response.id, NewReference(), clock_.Now())) {
    submission.outcome = Submission::Outcome::kAlready;
    return submission;
  }
  // Recorded, and thanked, once.
  Record(respondent, Progress::kSubmitted);
  return submission;
}

bool ResponseService::Reopenable(const QuestionnaireForm& questionnaire) const {
  return options_.allow_reopen &&
         Window(questionnaire).Reopenable(questionnaire.Sections());
}

bool ResponseService::Reopen(const QuestionnaireForm& questionnaire,
                             const Response& response) {
  if (response.status != ResponseStatus::kSubmitted ||
      !Reopenable(questionnaire))
    return false;
  store_.Reopen(response.id, clock_.Now());
  return true;
}

bool ResponseService::AskToTakeOver(const Respondent& respondent,
                                    const QuestionnaireForm& questionnaire) {
  auto held = HeldByColleague(respondent, questionnaire);
  if (!held || held->status == ResponseStatus::kSubmitted) return false;
  Handover asked;
  asked.response_id = held->id;
  asked.from_invitation_id = held->invitation_id;
  asked.to_invitation_id = respondent.invitation_id;
  asked.requested_at = clock_.Now();
  // A request already pending is not mailed again.
  if (store_.RequestHandover(asked))
    fieldwork_.QueueHandoverRequest(held->invitation_id);
  return true;
}

std::optional<Handover> ResponseService::PendingHandover(
    const Respondent& holder) {
  return store_.PendingHandoverFrom(holder.invitation_id);
}

std::optional<Handover> ResponseService::LatestAsked(const Respondent& asker,
                                                     const Response& shared) {
  auto asked = store_.LatestHandoverBy(asker.invitation_id);
  if (asked && asked->response_id != shared.id) return std::nullopt;
  return asked;
}

std::optional<int64_t> ResponseService::DecideHandover(const Respondent& holder,
                                                       bool agree) {
  auto pending = store_.PendingHandoverFrom(holder.invitation_id);
  if (!pending || !store_.DecideHandover(pending->id, agree, clock_.Now()) ||
      !agree) {
    return std::nullopt;
  }
  fieldwork_.RecordHandover(holder.invitation_id, pending->to_invitation_id);
  return pending->to_invitation_id;
}

}  // namespace kartla::responses
