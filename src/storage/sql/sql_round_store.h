// RoundStore in portable SQL, for any sql::Database.
#ifndef KARTLA_STORAGE_SQL_SQL_ROUND_STORE_H_
#define KARTLA_STORAGE_SQL_SQL_ROUND_STORE_H_

#include "rounds/round_store.h"
#include "storage/sql/database.h"

namespace kartla::sql {

// Thread-safe, as its Database is.
class SqlRoundStore final : public rounds::RoundStore {
 public:
  // `database` must outlive the store.
  explicit SqlRoundStore(Database& database) : database_(database) {}

  std::optional<rounds::Series> FindSeries(const std::string& code) override;
  std::optional<rounds::Series> FindSeriesById(int64_t id) override;
  void CreateSeries(rounds::Series& series) override;
  std::optional<rounds::Round> FindRound(const std::string& code) override;
  std::optional<rounds::Round> FindRoundById(int64_t id) override;
  std::vector<rounds::Round> ListRounds() override;
  void CreateRound(rounds::Round& round) override;
  void SetLateAnswers(int64_t round_id, bool late_answers) override;
  void SetNotices(int64_t round_id, const LocalizedText& privacy,
                  const LocalizedText& contact) override;
  void SetRetention(int64_t round_id, std::optional<Date> erase_on) override;
  std::optional<std::string> ResultsSettings(int64_t round_id) override;
  void SetResultsSettings(int64_t round_id, const std::optional<std::string>& toml) override;
  void MarkErased(int64_t round_id, TimePoint at) override;
  std::vector<rounds::Questionnaire> ListQuestionnaires(int64_t round_id) override;
  void AddQuestionnaire(rounds::Questionnaire& questionnaire) override;
  std::vector<rounds::Stage> ListStages(int64_t round_id) override;
  void ReplaceStages(int64_t round_id,
                     const std::vector<rounds::Stage>& stages) override;

 private:
  Database& database_;
};

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_SQL_ROUND_STORE_H_
