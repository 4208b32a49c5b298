#include "responses/response_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "forms/form_builder.h"
#include "forms/workbook.h"

namespace kartla::responses {
namespace {

// The responses kept in memory, as the SQL store keeps them (a slot held
// once; a submitted response refuses pages).
class MemoryResponseStore : public ResponseStore {
 public:
  std::optional<Response> FindByInvitation(int64_t invitation_id) override {
    for (const Response& r : responses_) {
      if (r.invitation_id == invitation_id) return r;
    }
    return std::nullopt;
  }
  std::optional<Response> FindBySlot(const std::string& slot) override {
    for (const Response& r : responses_) {
      if (!slot.empty() && r.slot == slot) return r;
    }
    return std::nullopt;
  }
  Response Create(const Response& response) override {
    if (auto found = FindByInvitation(response.invitation_id)) return *found;
    if (auto held = FindBySlot(response.slot)) return *held;
    responses_.push_back(response);
    responses_.back().id = int64_t(responses_.size());
    return responses_.back();
  }
  bool Reassign(int64_t response_id, int64_t from, int64_t to) override {
    Response* r = Get(response_id);
    if (r == nullptr || r->invitation_id != from) return false;
    r->invitation_id = to;
    return true;
  }
  bool SavePage(int64_t response_id,
                const std::map<std::string, std::string>& answers, int page,
                TimePoint at) override {
    Response* r = Get(response_id);
    if (r == nullptr || r->status != ResponseStatus::kDraft) return false;
    for (const auto& [name, value] : answers) {
      if (value.empty()) {
        r->answers.erase(name);
      } else {
        r->answers[name] = value;
      }
    }
    r->page = page;
    r->updated_at = at;
    ++writes;
    return true;
  }
  bool Submit(int64_t response_id, const std::string& reference,
              TimePoint at) override {
    Response* r = Get(response_id);
    if (r == nullptr || r->status != ResponseStatus::kDraft) return false;
    r->status = ResponseStatus::kSubmitted;
    r->reference = reference;
    r->submitted_at = at;
    return true;
  }
  void Reopen(int64_t response_id, TimePoint at) override {
    Response* r = Get(response_id);
    r->status = ResponseStatus::kDraft;
    r->updated_at = at;
  }
  std::vector<Response> ListForRound(int64_t) override { return responses_; }
  std::vector<Response> ListSubmitted(int64_t) override { return responses_; }
  void ForEachSubmitted(int64_t, size_t,
                        const std::function<bool(std::vector<SubmittedResponse>&)>&) override {}
  SubmittedCount CountSubmitted(int64_t) override { return {}; }
  bool RequestHandover(Handover& handover) override {
    for (const Handover& h : handovers_) {
      if (h.decision == HandoverDecision::kPending &&
          h.from_invitation_id == handover.from_invitation_id &&
          h.to_invitation_id == handover.to_invitation_id) {
        handover = h;
        return false;
      }
    }
    handovers_.push_back(handover);
    handovers_.back().id = int64_t(handovers_.size());
    handover.id = handovers_.back().id;
    return true;
  }
  std::optional<Handover> PendingHandoverFrom(int64_t from) override {
    for (auto h = handovers_.rbegin(); h != handovers_.rend(); ++h) {
      if (h->from_invitation_id == from &&
          h->decision == HandoverDecision::kPending)
        return *h;
    }
    return std::nullopt;
  }
  std::optional<Handover> LatestHandoverBy(int64_t to) override {
    for (auto h = handovers_.rbegin(); h != handovers_.rend(); ++h) {
      if (h->to_invitation_id == to) return *h;
    }
    return std::nullopt;
  }
  bool DecideHandover(int64_t handover_id, bool agree, TimePoint at) override {
    Handover& h = handovers_.at(size_t(handover_id - 1));
    Response* r = Get(h.response_id);
    if (h.decision != HandoverDecision::kPending || r == nullptr ||
        r->invitation_id != h.from_invitation_id) {
      return false;
    }
    h.decision =
        agree ? HandoverDecision::kAgreed : HandoverDecision::kDeclined;
    h.decided_at = at;
    if (agree) r->invitation_id = h.to_invitation_id;
    return true;
  }

  int writes = 0;  // pages saved

 private:
  Response* Get(int64_t id) {
    for (Response& r : responses_) {
      if (r.id == id) return &r;
    }
    return nullptr;
  }
  std::vector<Response> responses_;
  std::vector<Handover> handovers_;
};

// One round and its stages, in memory.
class MemoryRoundStore : public rounds::RoundStore {
 public:
  std::optional<rounds::Series> FindSeries(const std::string&) override {
    return std::nullopt;
  }
  std::optional<rounds::Series> FindSeriesById(int64_t) override {
    return std::nullopt;
  }
  void CreateSeries(rounds::Series&) override {}
  std::optional<rounds::Round> FindRound(const std::string&) override {
    return round;
  }
  std::optional<rounds::Round> FindRoundById(int64_t) override { return round; }
  std::vector<rounds::Round> ListRounds() override { return {round}; }
  void CreateRound(rounds::Round&) override {}
  void SetLateAnswers(int64_t, bool late) override {
    round.late_answers = late;
  }
  void SetNotices(int64_t, const LocalizedText&,
                  const LocalizedText&) override {}
  void SetRetention(int64_t, std::optional<Date> erase_on) override {
    round.erase_on = erase_on;
  }
  void MarkErased(int64_t, TimePoint at) override { round.erased_at = at; }
  std::optional<std::string> ResultsSettings(int64_t) override { return std::nullopt; }
  void SetResultsSettings(int64_t, const std::optional<std::string>&) override {}
  std::vector<rounds::Questionnaire> ListQuestionnaires(int64_t) override {
    return {};
  }
  void AddQuestionnaire(rounds::Questionnaire&) override {}
  std::vector<rounds::Stage> ListStages(int64_t) override { return stages; }
  void ReplaceStages(int64_t,
                     const std::vector<rounds::Stage>& replaced) override {
    stages = replaced;
  }

  rounds::Round round;
  std::vector<rounds::Stage> stages;
};

// What the service asked of the fieldwork, as lines ("progress 7 started").
class RecordingFieldwork : public Fieldwork {
 public:
  std::map<std::string, std::string> PrefillFacts(int64_t) override {
    return {{"organisation_code", "091"}};
  }
  bool MayAnswer(int64_t invitation_id) override {
    return std::find(withdrawn.begin(), withdrawn.end(), invitation_id) ==
           withdrawn.end();
  }
  void RecordStarted(int64_t invitation_id) override {
    calls.push_back(fmt(invitation_id, "progress started"));
  }
  void RecordSubmitted(int64_t invitation_id) override {
    calls.push_back(fmt(invitation_id, "progress submitted, thanks"));
  }
  void QueueHandoverRequest(int64_t holder) override {
    calls.push_back(fmt(holder, "ask"));
  }
  void RecordHandover(int64_t from, int64_t to) override {
    calls.push_back(fmt(from, "handed over to " + std::to_string(to)));
  }

  std::vector<int64_t> withdrawn;
  std::vector<std::string> calls;

 private:
  static std::string fmt(int64_t id, const std::string& what) {
    return std::to_string(id) + " " + what;
  }
};

// A questionnaire of two sections, a page each: a number (a prefilled
// hidden code beside it) and a choice whose "other" reveals a follow-up.
std::unique_ptr<QuestionnaireForm> TwoSections(rounds::ResponsePolicy policy) {
  forms::CsvFormFiles files;
  files.name = "t";
  files.survey_file = "t.survey.csv";
  files.survey =
      "type,name,label,required,relevant,appearance,kartla::section,kartla::"
      "prefill\n"
      "hidden,org,,,,,,organisation_code\n"
      "begin group,costs,Costs,,,field-list,1,\n"
      "integer,staff,Staff,yes,,,,\n"
      "end group,,,,,,,\n"
      "begin group,plans,Plans,,,field-list,2,\n"
      "select_one how,how,How?,yes,,,,\n"
      "text,how_other,How otherwise?,yes,\"${how} = 'other'\",,,\n"
      "end group,,,,,,,\n";
  files.choices_file = "t.choices.csv";
  files.choices = "list_name,name,label\nhow,law,By law\nhow,other,Otherwise\n";
  auto workbook = forms::ReadCsvForm(files);
  EXPECT_TRUE(workbook.ok()) << workbook.status().ToString();
  forms::FormCheck check = forms::BuildForm(*workbook);
  EXPECT_TRUE(check.ok());
  auto questionnaire = std::make_unique<QuestionnaireForm>();
  questionnaire->round.id = 1;
  questionnaire->questionnaire.id = 5;
  questionnaire->questionnaire.round_id = 1;
  questionnaire->questionnaire.form_version_id = 9;
  questionnaire->questionnaire.policy = policy;
  questionnaire->form.form = std::move(check.form).value();
  questionnaire->graph =
      std::make_unique<forms::DependencyGraph>(questionnaire->form.form);
  questionnaire->pages = PagesOf(questionnaire->form.form);
  return questionnaire;
}

class ResponseServiceTest : public ::testing::Test {
 protected:
  ResponseServiceTest()
      : clock_(std::chrono::sys_days{std::chrono::year{2026} / 12 / 3}),
        service_(store_, rounds_, fieldwork_, clock_) {
    questionnaire_ = TwoSections(rounds::ResponsePolicy::kOnePerOrganisation);
    // Section 1 closes on 10 December, section 2 on 20 December.
    rounds_.round = questionnaire_->round;
    rounds_.stages = {Stage(1, "1", {2026, 12, 1}, {2026, 12, 10}),
                      Stage(2, "2", {2026, 12, 1}, {2026, 12, 20})};
  }

  static rounds::Stage Stage(int number, std::string section, Date opens,
                             Date closes) {
    rounds::Stage stage;
    stage.number = number;
    stage.name.Mutable(Lang::kEn) = "Stage " + std::to_string(number);
    stage.sections = {std::move(section)};
    stage.opens = opens;
    stage.closes = closes;
    return stage;
  }

  static Respondent Person(int64_t invitation_id) {
    Respondent respondent;
    respondent.invitation_id = invitation_id;
    respondent.organisation_code = "091";
    return respondent;
  }

  Answering AnsweringOf(const Response& response) {
    return questionnaire_->Answer(response.answers, Lang::kEn, "2026-12-03");
  }

  SavedPage Save(const Respondent& who, int page,
                 const std::map<std::string, std::vector<std::string>>& values,
                 Go go = Go::kNext) {
    Response response = *service_.StartOrResume(who, *questionnaire_);
    Answering answering = AnsweringOf(response);
    return service_.SavePage(who, *questionnaire_, response, answering, page,
                             values, go);
  }

  Submission SubmitOf(const Respondent& who) {
    Response response = *service_.StartOrResume(who, *questionnaire_);
    Answering answering = AnsweringOf(response);
    return service_.Submit(who, *questionnaire_, response, answering);
  }

  void AnswerEverything(const Respondent& who) {
    ASSERT_EQ(Save(who, 0, {{"staff", {"12"}}}).outcome,
              SavedPage::Outcome::kMoved);
    ASSERT_EQ(Save(who, 1, {{"how", {"law"}}}).outcome,
              SavedPage::Outcome::kMoved);
  }

  FakeClock clock_;
  MemoryResponseStore store_;
  MemoryRoundStore rounds_;
  RecordingFieldwork fieldwork_;
  ResponseService service_;
  std::unique_ptr<QuestionnaireForm> questionnaire_;
};

TEST_F(ResponseServiceTest, StartsWithThePrefillsAndResumesTheSameResponse) {
  auto started = service_.StartOrResume(Person(7), *questionnaire_);
  ASSERT_TRUE(started);
  EXPECT_EQ(started->answers.at("org"), "091");
  EXPECT_EQ(started->page, -1);
  EXPECT_FALSE(started->Started());
  EXPECT_EQ(started->slot, "5:091");
  AnswerEverything(Person(7));
  auto resumed = service_.StartOrResume(Person(7), *questionnaire_);
  ASSERT_TRUE(resumed);
  EXPECT_EQ(resumed->id, started->id);
  EXPECT_EQ(resumed->answers.at("staff"), "12");
  EXPECT_EQ(resumed->page, 2) << "past the last page: the review";
  EXPECT_TRUE(resumed->Started());
}

TEST_F(ResponseServiceTest, EachPersonAnswersOnTheirOwnWhereThePolicySaysSo) {
  questionnaire_ = TwoSections(rounds::ResponsePolicy::kOnePerPerson);
  auto first = service_.StartOrResume(Person(7), *questionnaire_);
  auto second = service_.StartOrResume(Person(8), *questionnaire_);
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->id, second->id);
  EXPECT_EQ(first->slot, "");
  EXPECT_FALSE(service_.HeldByColleague(Person(8), *questionnaire_));
}

TEST_F(ResponseServiceTest, APageWithErrorsKeepsItsValidAnswersAsADraft) {
  // Page 2: "other" is valid, and reveals the follow-up (no error yet).
  SavedPage revealed = Save(Person(7), 1, {{"how", {"other"}}});
  EXPECT_EQ(revealed.outcome, SavedPage::Outcome::kRevealed);
  EXPECT_EQ(revealed.revealed, "how_other");
  EXPECT_EQ(revealed.page, 1);
  // Page 1 with a word for a number: refused, nothing valid to keep.
  SavedPage refused = Save(Person(7), 0, {{"staff", {"many"}}});
  EXPECT_EQ(refused.outcome, SavedPage::Outcome::kErrors);
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(refused.errors[0].name, "staff");
  EXPECT_EQ(refused.errors[0].code, "not_integer");
  EXPECT_FALSE(refused.draft_saved);
  // Page 2 again, the follow-up left empty: an error now, and "other" is
  // kept; the page stays the one to resume at, never a page completed.
  SavedPage draft = Save(Person(7), 1, {{"how", {"other"}}});
  EXPECT_EQ(draft.outcome, SavedPage::Outcome::kErrors);
  ASSERT_EQ(draft.errors.size(), 1u);
  EXPECT_EQ(draft.errors[0].name, "how_other");
  auto kept = service_.StartOrResume(Person(7), *questionnaire_);
  EXPECT_EQ(kept->answers.at("how"), "other");
  EXPECT_EQ(kept->page, 1);
  EXPECT_EQ(SubmitOf(Person(7)).outcome, Submission::Outcome::kProblems);
  // Filled: one press moves on, to the review.
  SavedPage moved =
      Save(Person(7), 1, {{"how", {"other"}}, {"how_other", {"A plan"}}});
  EXPECT_EQ(moved.outcome, SavedPage::Outcome::kMoved);
  EXPECT_EQ(moved.page, -1);
  // The fieldwork heard once that the respondent started.
  EXPECT_EQ(fieldwork_.calls, (std::vector<std::string>{"7 progress started",
                                                        "7 progress started",
                                                        "7 progress started"}))
      << "the respondent is as the invitation was when the request came";
}

TEST_F(ResponseServiceTest, ProgressIsRecordedOnlyWhereItMovesForward) {
  Respondent started = Person(7);
  started.recorded = Progress::kStarted;
  EXPECT_EQ(Save(started, 0, {{"staff", {"12"}}}).outcome,
            SavedPage::Outcome::kMoved);
  EXPECT_EQ(fieldwork_.calls, std::vector<std::string>{})
      << "already recorded as started";
  EXPECT_EQ(Save(started, 1, {{"how", {"law"}}}).outcome,
            SavedPage::Outcome::kMoved);
  EXPECT_EQ(SubmitOf(started).outcome, Submission::Outcome::kSubmitted);
  EXPECT_EQ(fieldwork_.calls,
            (std::vector<std::string>{"7 progress submitted, thanks"}));
}

TEST_F(ResponseServiceTest, ContinueLaterSavesWhatIsValidAndGoingBackStaysPut) {
  SavedPage later = Save(Person(7), 0, {{"staff", {"4"}}}, Go::kLater);
  EXPECT_EQ(later.outcome, SavedPage::Outcome::kLater);
  EXPECT_TRUE(later.draft_saved);
  EXPECT_EQ(service_.StartOrResume(Person(7), *questionnaire_)->page, 0);
  SavedPage back = Save(Person(7), 1, {{"how", {"law"}}}, Go::kBack);
  EXPECT_EQ(back.outcome, SavedPage::Outcome::kMoved);
  EXPECT_EQ(back.page, 0);
  EXPECT_EQ(service_.StartOrResume(Person(7), *questionnaire_)->page, 1)
      << "the page left is the one to resume at";
}

TEST_F(ResponseServiceTest, SubmittingTwiceMakesOneSubmissionAndOneMail) {
  AnswerEverything(Person(7));
  fieldwork_.calls.clear();
  // Two presses at once: both read the draft before either submits.
  Response draft = *service_.StartOrResume(Person(7), *questionnaire_);
  Answering first = AnsweringOf(draft), second = AnsweringOf(draft);
  EXPECT_EQ(service_.Submit(Person(7), *questionnaire_, draft, first).outcome,
            Submission::Outcome::kSubmitted);
  EXPECT_EQ(service_.Submit(Person(7), *questionnaire_, draft, second).outcome,
            Submission::Outcome::kAlready);
  EXPECT_EQ(fieldwork_.calls,
            (std::vector<std::string>{"7 progress submitted, thanks"}));
  Response submitted = *service_.StartOrResume(Person(7), *questionnaire_);
  EXPECT_EQ(submitted.status, ResponseStatus::kSubmitted);
  EXPECT_EQ(submitted.reference.size(), 12u);
  EXPECT_EQ(submitted.reference.substr(0, 2), "K-");
  // Pressed again later: nothing more, and no page can be saved.
  EXPECT_EQ(SubmitOf(Person(7)).outcome, Submission::Outcome::kAlready);
  EXPECT_EQ(Save(Person(7), 0, {{"staff", {"13"}}}).outcome,
            SavedPage::Outcome::kSubmitted);
  EXPECT_EQ(fieldwork_.calls.size(), 1u);
}

TEST_F(ResponseServiceTest,
       ClosedStagesStopTheirPagesThenSubmittingAndReopening) {
  AnswerEverything(Person(7));
  EXPECT_EQ(SubmitOf(Person(7)).outcome, Submission::Outcome::kSubmitted);
  EXPECT_TRUE(service_.Reopenable(*questionnaire_));
  Response submitted = *service_.StartOrResume(Person(7), *questionnaire_);
  EXPECT_TRUE(service_.Reopen(*questionnaire_, submitted));
  // 11 December: section 1's stage has closed; section 2's is open.
  clock_.Set(std::chrono::sys_days{std::chrono::year{2026} / 12 / 11});
  SavedPage closed = Save(Person(7), 0, {{"staff", {"13"}}});
  EXPECT_EQ(closed.outcome, SavedPage::Outcome::kClosed);
  ASSERT_TRUE(closed.closed);
  EXPECT_EQ(closed.closed->number, 1);
  EXPECT_EQ(
      service_.StartOrResume(Person(7), *questionnaire_)->answers.at("staff"),
      "12");
  EXPECT_EQ(Save(Person(7), 1, {{"how", {"law"}}}).outcome,
            SavedPage::Outcome::kMoved);
  EXPECT_EQ(SubmitOf(Person(7)).outcome, Submission::Outcome::kSubmitted)
      << "one stage open: the questionnaire may still be submitted";
  EXPECT_FALSE(service_.Reopenable(*questionnaire_)) << "a stage has closed";
  EXPECT_FALSE(service_.Reopen(
      *questionnaire_, *service_.StartOrResume(Person(7), *questionnaire_)));
  // 21 December: every stage has closed; a colleague's draft can no longer
  // be submitted, unless the round takes late answers.
  clock_.Set(std::chrono::sys_days{std::chrono::year{2026} / 12 / 21});
  questionnaire_ = TwoSections(rounds::ResponsePolicy::kOnePerPerson);
  Respondent late = Person(8);
  Response draft = *service_.StartOrResume(late, *questionnaire_);
  Answering answering = AnsweringOf(draft);
  Submission refused = service_.Submit(late, *questionnaire_, draft, answering);
  EXPECT_EQ(refused.outcome, Submission::Outcome::kClosed);
  ASSERT_TRUE(refused.closed);
  EXPECT_EQ(refused.closed->number, 2);
  rounds_.round.late_answers = true;
  EXPECT_EQ(Save(late, 0, {{"staff", {"3"}}}).outcome,
            SavedPage::Outcome::kMoved);
  EXPECT_EQ(Save(late, 1, {{"how", {"law"}}}).outcome,
            SavedPage::Outcome::kMoved);
  EXPECT_EQ(SubmitOf(late).outcome, Submission::Outcome::kSubmitted);
  EXPECT_FALSE(service_.Reopenable(*questionnaire_))
      << "late answers reopen nothing";
}

TEST_F(ResponseServiceTest, SaysWhenAnswersAreDueAndWhetherTheyAreStillTaken) {
  auto due = [&] { return service_.DueOf(*questionnaire_); };
  EXPECT_EQ(due().state, Due::State::kOpen);
  EXPECT_EQ(due().day, Date(2026, 12, 10))
      << "the open stage that closes first";
  clock_.Set(std::chrono::sys_days{std::chrono::year{2026} / 12 / 11});
  EXPECT_EQ(due().state, Due::State::kOpen);
  EXPECT_EQ(due().day, Date(2026, 12, 20));
  clock_.Set(std::chrono::sys_days{std::chrono::year{2026} / 12 / 21});
  EXPECT_EQ(due().state, Due::State::kClosed);
  EXPECT_EQ(due().day, Date(2026, 12, 20)) << "the stage that closed last";
  rounds_.round.late_answers = true;
  EXPECT_EQ(due().state, Due::State::kLate);
  rounds_.stages.clear();
  EXPECT_EQ(due().state, Due::State::kNone);
}

TEST_F(ResponseServiceTest, ReopeningCanBeSwitchedOff) {
  ResponseService strict(store_, rounds_, fieldwork_, clock_,
                         {.allow_reopen = false});
  AnswerEverything(Person(7));
  EXPECT_EQ(SubmitOf(Person(7)).outcome, Submission::Outcome::kSubmitted);
  EXPECT_FALSE(strict.Reopenable(*questionnaire_));
  EXPECT_FALSE(strict.Reopen(*questionnaire_, *strict.FindOwn(Person(7))));
}

TEST_F(ResponseServiceTest, AColleagueAsksToTakeOverAndTheHolderAgrees) {
  Save(Person(7), 0, {{"staff", {"12"}}});
  // A colleague of the same organisation finds the response held.
  EXPECT_FALSE(service_.StartOrResume(Person(8), *questionnaire_));
  auto held = service_.HeldByColleague(Person(8), *questionnaire_);
  ASSERT_TRUE(held);
  EXPECT_EQ(held->invitation_id, 7);
  EXPECT_FALSE(service_.LatestAsked(Person(8), *held));
  fieldwork_.calls.clear();
  // Asking twice mails the holder once.
  EXPECT_TRUE(service_.AskToTakeOver(Person(8), *questionnaire_));
  EXPECT_TRUE(service_.AskToTakeOver(Person(8), *questionnaire_));
  EXPECT_EQ(fieldwork_.calls, std::vector<std::string>{"7 ask"});
  EXPECT_EQ(service_.LatestAsked(Person(8), *held)->decision,
            HandoverDecision::kPending);
  ASSERT_TRUE(service_.PendingHandover(Person(7)));
  // Declined: nothing moves, and the colleague sees it.
  EXPECT_FALSE(service_.DecideHandover(Person(7), false));
  EXPECT_EQ(service_.LatestAsked(Person(8), *held)->decision,
            HandoverDecision::kDeclined);
  EXPECT_FALSE(service_.PendingHandover(Person(7)));
  // Asked again and agreed: the response passes with its answers.
  EXPECT_TRUE(service_.AskToTakeOver(Person(8), *questionnaire_));
  EXPECT_EQ(service_.DecideHandover(Person(7), true),
            std::optional<int64_t>(8));
  EXPECT_EQ(fieldwork_.calls.back(), "7 handed over to 8");
  auto taken = service_.StartOrResume(Person(8), *questionnaire_);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->id, held->id);
  EXPECT_EQ(taken->answers.at("staff"), "12");
  EXPECT_FALSE(service_.FindOwn(Person(7)));
  EXPECT_FALSE(service_.DecideHandover(Person(7), true)) << "nothing pending";
}

TEST_F(ResponseServiceTest, AWithdrawnHoldersResponseGoesOnWithTheNextPerson) {
  Save(Person(7), 0, {{"staff", {"12"}}});
  fieldwork_.withdrawn = {7};  // a coordinator passed the link on
  EXPECT_FALSE(service_.HeldByColleague(Person(8), *questionnaire_));
  auto taken = service_.StartOrResume(Person(8), *questionnaire_);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->invitation_id, 8);
  EXPECT_EQ(taken->answers.at("staff"), "12");
}

TEST_F(ResponseServiceTest, NoOneAsksToTakeOverASubmittedResponse) {
  AnswerEverything(Person(7));
  EXPECT_EQ(SubmitOf(Person(7)).outcome, Submission::Outcome::kSubmitted);
  EXPECT_FALSE(service_.AskToTakeOver(Person(8), *questionnaire_));
  EXPECT_FALSE(service_.PendingHandover(Person(7)));
}

}  // namespace
}  // namespace kartla::responses
