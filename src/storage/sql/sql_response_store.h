// ResponseStore in portable SQL, for any sql::Database.
#ifndef KARTLA_STORAGE_SQL_SQL_RESPONSE_STORE_H_
#define KARTLA_STORAGE_SQL_SQL_RESPONSE_STORE_H_

#include "responses/response.h"
#include "storage/sql/database.h"

namespace kartla::sql {

// Thread-safe, as its Database is.
class SqlResponseStore final : public responses::ResponseStore {
 public:
  // `database` must outlive the store.
  explicit SqlResponseStore(Database& database) : database_(database) {}

  std::optional<responses::Response> FindByInvitation(int64_t invitation_id) override;
  std::optional<responses::Response> FindBySlot(const std::string& slot) override;
  responses::Response Create(const responses::Response& response) override;
  bool SavePage(int64_t response_id,
                const std::map<std::string, std::string>& answers, int page,
                TimePoint at) override;
  bool Submit(int64_t response_id, const std::string& reference,
              TimePoint at) override;
  void Reopen(int64_t response_id, TimePoint at) override;
  std::vector<responses::Response> ListForRound(int64_t round_id) override;
  std::vector<responses::Response> ListSubmitted(int64_t questionnaire_id) override;
  void ForEachSubmitted(
      int64_t questionnaire_id, size_t batch,
      const std::function<bool(std::vector<responses::SubmittedResponse>&)>& visit) override;
  responses::SubmittedCount CountSubmitted(int64_t questionnaire_id) override;
  bool Reassign(int64_t response_id, int64_t from, int64_t to) override;
  bool RequestHandover(responses::Handover& handover) override;
  std::optional<responses::Handover> PendingHandoverFrom(int64_t from_invitation_id) override;
  std::optional<responses::Handover> LatestHandoverBy(int64_t to_invitation_id) override;
  bool DecideHandover(int64_t handover_id, bool agree, TimePoint at) override;

 private:
  Database& database_;
};

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_SQL_RESPONSE_STORE_H_
