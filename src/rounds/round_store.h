// Where series, rounds, questionnaires and stages are kept. Implemented in
// storage/.
#ifndef KARTLA_ROUNDS_ROUND_STORE_H_
#define KARTLA_ROUNDS_ROUND_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "rounds/round.h"

namespace kartla::rounds {

// Every method is thread-safe and returns once its change is durable.
class RoundStore {
 public:
  virtual ~RoundStore() = default;
  virtual std::optional<Series> FindSeries(const std::string& code) = 0;
  virtual std::optional<Series> FindSeriesById(int64_t id) = 0;
  // Sets series.id.
  virtual void CreateSeries(Series& series) = 0;
  virtual std::optional<Round> FindRound(const std::string& code) = 0;
  virtual std::optional<Round> FindRoundById(int64_t id) = 0;
  virtual std::vector<Round> ListRounds() = 0;
  // Sets round.id.
  virtual void CreateRound(Round& round) = 0;
  // Sets whether the round takes answers after a stage has closed.
  virtual void SetLateAnswers(int64_t round_id, bool late_answers) = 0;
  // Sets the round's privacy notice and contact (Round::privacy, contact).
  virtual void SetNotices(int64_t round_id, const LocalizedText& privacy,
                          const LocalizedText& contact) = 0;
  // Sets (or, with nullopt, clears) the day the round's personal data is
  // erased; clears erased_at.
  virtual void SetRetention(int64_t round_id, std::optional<Date> erase_on) = 0;
  // Records that the round's personal data was erased at `at`.
  virtual void MarkErased(int64_t round_id, TimePoint at) = 0;
  // The round's results settings (the text of a results.toml), nullopt if
  // none were given (the defaults hold); set or, with nullopt, cleared.
  virtual std::optional<std::string> ResultsSettings(int64_t round_id) = 0;
  virtual void SetResultsSettings(int64_t round_id, const std::optional<std::string>& toml) = 0;
  virtual std::vector<Questionnaire> ListQuestionnaires(int64_t round_id) = 0;
  // Sets questionnaire.id.
  virtual void AddQuestionnaire(Questionnaire& questionnaire) = 0;
  virtual std::vector<Stage> ListStages(int64_t round_id) = 0;
  // Replaces all stages of the round, all or nothing.
  virtual void ReplaceStages(int64_t round_id,
                             const std::vector<Stage>& stages) = 0;
};

}  // namespace kartla::rounds

#endif  // KARTLA_ROUNDS_ROUND_STORE_H_
