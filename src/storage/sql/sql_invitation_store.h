// InvitationStore in portable SQL, for any sql::Database.
#ifndef KARTLA_STORAGE_SQL_SQL_INVITATION_STORE_H_
#define KARTLA_STORAGE_SQL_SQL_INVITATION_STORE_H_

#include "fieldwork/invitation.h"
#include "storage/sql/database.h"

namespace kartla::sql {

// Thread-safe, as its Database is.
class SqlInvitationStore final : public fieldwork::InvitationStore {
 public:
  // `database` must outlive the store.
  explicit SqlInvitationStore(Database& database) : database_(database) {}

  void Create(std::vector<fieldwork::Invitation>& invitations) override;
  std::optional<fieldwork::Invitation> FindByTokenHash(const std::string& hash) override;
  std::optional<fieldwork::Invitation> FindById(int64_t id) override;
  std::vector<fieldwork::Invitation> ListForRound(int64_t round_id) override;
  std::vector<fieldwork::Invitation> ListTestLinks(int64_t round_id) override;
  int DeleteTestLinks(int64_t round_id) override;
  std::vector<std::string> InvitedOrganisations(int64_t questionnaire_id) override;
  void CreateSession(const fieldwork::Session& session, bool opened) override;
  void RecordSubmitted(int64_t invitation_id, TimePoint at, bool thank) override;
  std::optional<LiveSession> FindSession(const std::string& id_hash,
                                         TimePoint now) override;
  void SetSessionLanguage(const std::string& id_hash, Lang lang) override;
  void RecordStatus(int64_t invitation_id, fieldwork::InvitationStatus status,
                    TimePoint at, const std::string& detail) override;
  void CreateMailed(std::vector<fieldwork::Invitation>& invitations, TimePoint now) override;
  void Enqueue(const std::vector<int64_t>& invitation_ids, fieldwork::MailKind kind,
               TimePoint now) override;
  std::optional<fieldwork::OutboxEntry> ClaimDue(TimePoint now, TimePoint until) override;
  int ReleaseClaims(TimePoint now) override;
  void MarkSent(const fieldwork::OutboxEntry& entry, TimePoint at,
                const std::string& answer) override;
  void MarkRetry(const fieldwork::OutboxEntry& entry, TimePoint next,
                 const std::string& error) override;
  void Postpone(const fieldwork::OutboxEntry& entry, TimePoint next,
                const std::string& error) override;
  void MarkFailed(const fieldwork::OutboxEntry& entry, TimePoint at,
                  const std::string& error) override;
  std::vector<fieldwork::OutboxEntry> ListOutbox(int64_t round_id) override;
  bool Requeue(int64_t outbox_id, TimePoint now) override;
  std::vector<fieldwork::MailText> ListMailTexts(int64_t round_id) override;
  void SaveMailText(int64_t round_id, const fieldwork::MailText& text) override;
  bool RemoveMailText(int64_t round_id, fieldwork::MailKind kind, Lang lang) override;
  int Erase(const std::vector<int64_t>& invitations, const std::vector<int64_t>& contacts,
            TimePoint now) override;
  void AddSchedule(fieldwork::ScheduledReminder& reminder) override;
  std::vector<fieldwork::ScheduledReminder> ListSchedule(int64_t round_id) override;
  std::vector<fieldwork::ScheduledReminder> DueSchedule(Date today) override;
  bool RunSchedule(int64_t id, const std::vector<int64_t>& invitation_ids,
                   TimePoint now) override;

 private:
  Database& database_;
};

}  // namespace kartla::sql

#endif  // KARTLA_STORAGE_SQL_SQL_INVITATION_STORE_H_
