#include "storage/sql/sql_response_store.h"

#include "core/system_error.h"

namespace kartla::sql {
namespace {

using responses::Response;
using responses::ResponseStatus;

const char kSelectResponse[] =
    "SELECT r.id, r.invitation_id, r.questionnaire_id, r.form_version_id, r.status,"
    " r.page, r.started_at, r.updated_at, r.submitted_at, r.reference"
    " FROM responses r";

Response ReadResponse(const Row& row) {
  Response r;
  r.id = row.Int(0);
  r.invitation_id = row.Int(1);
  r.questionnaire_id = row.Int(2);
  r.form_version_id = row.Int(3);
  r.status = row.Text(4) == "submitted" ? ResponseStatus::kSubmitted
                                        : ResponseStatus::kDraft;
  r.page = int(row.Int(5));
  r.started_at = row.Timestamp(6);
  r.updated_at = row.Timestamp(7);
  if (!row.IsNull(8)) r.submitted_at = row.Timestamp(8);
  r.reference = row.Text(9);
  return r;
}

std::optional<Response> Find(Connection& c, int64_t invitation_id) {
  std::optional<Response> found;
  c.Query(std::string(kSelectResponse) + " WHERE r.invitation_id = ?", {invitation_id},
          [&found](const Row& row) { found = ReadResponse(row); });
  if (found) {
    c.Query("SELECT name, value FROM answers WHERE response_id = ?", {found->id},
            [&found](const Row& row) {
              found->answers[row.Text(0)] = row.Text(1);
            });
  }
  return found;
}

void PutAnswers(Connection& c, int64_t response_id,
                const std::map<std::string, std::string>& answers) {
  for (const auto& [name, value] : answers) {
    if (value.empty()) {
      c.Execute("DELETE FROM answers WHERE response_id = ? AND name = ?",
                {response_id, name});
    } else {
      c.Execute("INSERT INTO answers (response_id, name, value) VALUES (?, ?, ?)"
                " ON CONFLICT (response_id, name) DO UPDATE SET value = excluded.value",
                {response_id, name, value});
    }
  }
}

}  // namespace

std::optional<Response> SqlResponseStore::FindByInvitation(int64_t invitation_id) {
  return database_.ReadValue(
      [&](Connection& c) { return Find(c, invitation_id); });
}

Response SqlResponseStore::Create(const Response& response) {
  return database_.WriteValue([&](Connection& c) {
    if (auto existing = Find(c, response.invitation_id)) return *existing;
    Response created = response;
    c.Query("INSERT INTO responses (invitation_id, questionnaire_id,"
            " form_version_id, status, page, started_at, updated_at, reference)"
            " VALUES (?, ?, ?, 'draft', ?, ?, ?, '') RETURNING id",
            {response.invitation_id, response.questionnaire_id,
             response.form_version_id, int64_t(response.page),
             FormatTimestamp(response.started_at),
             FormatTimestamp(response.updated_at)},
            [&created](const Row& row) { created.id = row.Int(0); });
    PutAnswers(c, created.id, response.answers);
    return created;
  });
}

bool SqlResponseStore::SavePage(int64_t response_id,
                                const std::map<std::string, std::string>& answers,
                                int page, TimePoint at) {
  return database_.WriteValue([&](Connection& c) {
    bool draft = false;
    c.Query("SELECT status FROM responses WHERE id = ?", {response_id},
            [&draft](const Row& row) { draft = row.Text(0) == "draft"; });
    if (!draft) return false;
    PutAnswers(c, response_id, answers);
    c.Execute("UPDATE responses SET page = ?, updated_at = ? WHERE id = ?",
              {int64_t(page), FormatTimestamp(at), response_id});
    return true;
  });
}

bool SqlResponseStore::Submit(int64_t response_id, const std::string& reference,
                              TimePoint at) {
  return database_.WriteValue([&](Connection& c) {
    bool submitted = false;
    c.Query("UPDATE responses SET status = 'submitted', submitted_at = ?,"
            " updated_at = ?, reference = ? WHERE id = ? AND status = 'draft'"
            " RETURNING id",
            {FormatTimestamp(at), FormatTimestamp(at), reference, response_id},
            [&submitted](const Row&) { submitted = true; });
    return submitted;
  });
}

void SqlResponseStore::Reopen(int64_t response_id, TimePoint at) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE responses SET status = 'draft', updated_at = ?"
              " WHERE id = ?",
              {FormatTimestamp(at), response_id});
  });
}

std::vector<Response> SqlResponseStore::ListForRound(int64_t round_id) {
  return database_.ReadValue([&](Connection& c) {
    std::vector<Response> list;
    c.Query(std::string(kSelectResponse) +
                " JOIN invitations i ON i.id = r.invitation_id WHERE i.round_id = ?"
                " ORDER BY r.id",
            {round_id}, [&list](const Row& row) { list.push_back(ReadResponse(row)); });
    return list;
  });
}

}  // namespace kartla::sql
