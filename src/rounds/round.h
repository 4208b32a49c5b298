// Series, rounds, questionnaires, target groups and stages.
#ifndef KARTLA_ROUNDS_ROUND_H_
#define KARTLA_ROUNDS_ROUND_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/text.h"

namespace kartla::rounds {

// A recurring survey, e.g. "Municipal digitalisation mapping".
struct Series {
  int64_t id = 0;
  std::string code;  // "digimapping"
  LocalizedText title;
};

// One edition of a series. It pins the registry version its organisations
// and dimensions come from, so later registry imports never change it.
struct Round {
  int64_t id = 0;
  int64_t series_id = 0;
  std::string code;  // "digimapping-2025", unique
  int year = 0;
  LocalizedText title;
  int64_t registry_version_id = 0;
  TimePoint created_at;
  // Whether answers are still taken after a stage has closed (a survey
  // team's choice, shown on the round's page). Default: false.
  bool late_answers = false;
  // What the start page tells respondents, set per round (SetNotices):
  // how their answers are used, and whom to ask. Empty: not set.
  LocalizedText privacy;
  LocalizedText contact;
  // The retention of personal data (SetRetention): from this day the
  // contacts invited in the round are erased and its links revoked
  // (fieldwork::Retention); nullopt: not set. `erased_at`: when that was
  // done.
  std::optional<Date> erase_on;
  std::optional<TimePoint> erased_at;
};

// The rounds of `all` in the series `series_id`, oldest first (by year,
// then code): what trends and comparisons across rounds follow.
std::vector<Round> RoundsOfSeries(const std::vector<Round>& all, int64_t series_id);

// The people in each organisation a questionnaire is addressed to.
struct TargetGroup {
  std::string code;  // "ict_management"
  LocalizedText label;
};
// The four target groups of the Finnish rounds; an administrator may name
// others.
std::span<const TargetGroup> BuiltinTargetGroups();
const TargetGroup* FindBuiltinTargetGroup(std::string_view code);

// How many responses a questionnaire takes from an organisation.
enum class ResponsePolicy {
  // One per organisation and target group, as the real surveys asked: a
  // colleague sees that someone has started, and can take over with their
  // consent.
  kOnePerOrganisation,
  // One per person invited.
  kOnePerPerson,
};
// "organisation", "person".
std::string_view PolicyCode(ResponsePolicy policy);
std::optional<ResponsePolicy> ParsePolicy(std::string_view code);

// A form version addressed to one target group of a round.
struct Questionnaire {
  int64_t id = 0;
  int64_t round_id = 0;
  TargetGroup target_group;
  int64_t form_version_id = 0;
  ResponsePolicy policy = ResponsePolicy::kOnePerOrganisation;
};

// Which sections are collected and published when. Section numbers are the
// kartla::section numbers of the round's forms; a number means that section
// in every questionnaire that has it.
struct Stage {
  int number = 0;
  LocalizedText name;  // "Leadership"; each language falls back on the others
  std::vector<std::string> sections;
  Date opens{2000, 1, 1};
  Date closes{2000, 1, 1};
  Date publishes{2000, 1, 1};
};

// Where a round's stages stand on a day, for the survey team's overview.
struct StagesOn {
  std::optional<Stage> open;         // the stage open that day (the first, if several)
  std::optional<Stage> next;         // else the next to open
  std::optional<Stage> last_closed;  // else, every stage closed: the last to close
};
// `stages` in any order; a stage is open from its opening day through its
// closing day.
StagesOn StagesOnDay(const std::vector<Stage>& stages, Date day);

// When answers to a questionnaire may change, as its round's stages say.
// A section that no stage holds, and a round without stages, are open; a
// stage is open through its close date. Immutable; thread-safe.
class AnswerWindow {
 public:
  AnswerWindow(const Round& round, std::vector<Stage> stages, Date today)
      : late_answers_(round.late_answers), stages_(std::move(stages)), today_(today) {}

  // The closed stage that holds `section`, if answers to it may no longer
  // be saved; nullopt if they may (its stage is open, or the round takes
  // late answers). `section` "" (questions outside any section) is never
  // closed. (A copy: the window is often a temporary.)
  std::optional<Stage> ClosedFor(std::string_view section) const;
  // The stage that closed last, if every stage holding one of `sections`
  // has closed and so the questionnaire may no longer be submitted;
  // nullopt while one is open, or if the round takes late answers.
  std::optional<Stage> ClosedForAll(const std::vector<std::string>& sections) const;
  // The stage that closed last, if every stage holding one of `sections`
  // has closed, whether or not the round takes late answers: the day the
  // answers were due. nullopt while one is open (or none holds them).
  std::optional<Stage> AllClosed(const std::vector<std::string>& sections) const;
  // Whether answers are still taken after a stage has closed.
  bool late_answers() const { return late_answers_; }
  // Whether submitted answers may be reopened: no stage holding one of
  // `sections` has closed. Late answers do not reopen what was submitted.
  bool Reopenable(const std::vector<std::string>& sections) const;
  // The stage holding one of `sections` that closed first, whether or not
  // the round takes late answers: why submitted answers may no longer be
  // reopened; nullopt while none has closed.
  std::optional<Stage> FirstClosed(const std::vector<std::string>& sections) const;
  // The open stage holding one of `sections` that closes first: what a
  // respondent answers by next; nullopt if none is open.
  std::optional<Stage> NextDeadline(const std::vector<std::string>& sections) const;

 private:
  bool Closed(const Stage& stage) const { return stage.closes < today_; }
  static bool Holds(const Stage& stage, std::string_view section);

  const bool late_answers_;
  const std::vector<Stage> stages_;
  const Date today_;
};

}  // namespace kartla::rounds

#endif  // KARTLA_ROUNDS_ROUND_H_
