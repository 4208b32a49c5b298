#include "storage/sql/sql_response_store.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/system_error.h"

namespace kartla::sql {
namespace {

using responses::Response;
using responses::ResponseStatus;

const char kSelectResponse[] =
    "SELECT r.id, r.invitation_id, r.questionnaire_id, r.form_version_id, r.status,"
    " r.page, r.started_at, r.updated_at, r.submitted_at, r.reference, r.slot"
    " FROM responses r";

// A batch of a questionnaire's submitted responses after an id, with
// whose each is.
const char kSelectSubmitted[] =
    "SELECT r.id, r.invitation_id, i.organisation_code, i.role, a.answers"
    " FROM responses r JOIN invitations i ON i.id = r.invitation_id"
    " LEFT JOIN response_answers a ON a.response_id = r.id"
    " WHERE r.questionnaire_id = ? AND r.status = 'submitted'"
    " AND i.test = 0 AND r.id > ? ORDER BY r.id LIMIT ?";

// A response's answers are one row of response_answers (migration 19): a
// JSON object of question name to answer, its names in bytes' order.
std::string EncodeAnswers(const std::map<std::string, std::string>& answers) {
  boost::json::object object;
  object.reserve(answers.size());
  for (const auto& [name, value] : answers) object.emplace(name, value);
  return boost::json::serialize(object);
}

// Calls each(name, value) for every answer of response `response_id` as
// stored, in the object's order.
template <typename Each>
void DecodeAnswers(std::string_view json, int64_t response_id, Each&& each) {
  // A response's answers parse within this buffer (text answers that do
  // not fit take more from the heap).
  unsigned char buffer[16384];
  boost::json::monotonic_resource memory(buffer, sizeof buffer);
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(json, error, &memory);
  const boost::json::object* object = error ? nullptr : value.if_object();
  auto unreadable = [&] {
    return SystemError(fmt::format(
        "database: the answers of response {} are not a JSON object of texts", response_id));
  };
  if (!object) throw unreadable();
  for (const auto& [name, answer] : *object) {
    const boost::json::string* text = answer.if_string();
    if (!text) throw unreadable();
    each(std::string_view(name), std::string_view(*text));
  }
}

// Response `response_id`'s answers, read into `answers`.
void ReadAnswers(Connection& c, int64_t response_id,
                 std::map<std::string, std::string>& answers) {
  c.Query("SELECT answers FROM response_answers WHERE response_id = ?", {response_id},
          [&](const Row& row) {
            DecodeAnswers(row.TextView(0), response_id,
                          [&](std::string_view name, std::string_view value) {
                            answers.insert_or_assign(std::string(name), std::string(value));
                          });
          });
}

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
  if (!row.IsNull(10)) r.slot = row.Text(10);
  return r;
}

// The response WHERE `where` (one parameter) holds, with its answers.
std::optional<Response> FindWhere(Connection& c, const char* where, const Value& param) {
  std::optional<Response> found;
  c.Query(std::string(kSelectResponse) + " WHERE " + where, {param},
          [&found](const Row& row) { found = ReadResponse(row); });
  if (found) ReadAnswers(c, found->id, found->answers);
  return found;
}

std::optional<Response> Find(Connection& c, int64_t invitation_id) {
  return FindWhere(c, "r.invitation_id = ?", invitation_id);
}

const char kSelectHandover[] =
    "SELECT id, response_id, from_invitation_id, to_invitation_id, requested_at,"
    " decided_at, decision FROM handovers ";

responses::Handover ReadHandover(const Row& row) {
  responses::Handover h;
  h.id = row.Int(0);
  h.response_id = row.Int(1);
  h.from_invitation_id = row.Int(2);
  h.to_invitation_id = row.Int(3);
  h.requested_at = row.Timestamp(4);
  if (!row.IsNull(5)) h.decided_at = row.Timestamp(5);
  std::string decision = row.IsNull(6) ? "" : row.Text(6);
  h.decision = decision == "agreed"     ? responses::HandoverDecision::kAgreed
               : decision == "declined" ? responses::HandoverDecision::kDeclined
                                        : responses::HandoverDecision::kPending;
  return h;
}

std::optional<responses::Handover> FindHandover(Connection& c, const std::string& where,
                                                std::initializer_list<Value> params) {
  std::optional<responses::Handover> found;
  c.Query(kSelectHandover + where + " ORDER BY id DESC LIMIT 1", params,
          [&found](const Row& row) { found = ReadHandover(row); });
  return found;
}

// Writes the answers given over the response's own: an empty one is taken
// away, the rest are set.
void PutAnswers(Connection& c, int64_t response_id,
                const std::map<std::string, std::string>& answers) {
  if (answers.empty()) return;
  std::map<std::string, std::string> all;
  ReadAnswers(c, response_id, all);
  for (const auto& [name, value] : answers) {
    if (value.empty()) {
      all.erase(name);
    } else {
      all.insert_or_assign(name, value);
    }
  }
  c.Execute("INSERT INTO response_answers (response_id, answers) VALUES (?, ?)"
            " ON CONFLICT (response_id) DO UPDATE SET answers = excluded.answers",
            {response_id, EncodeAnswers(all)});
}

}  // namespace

std::optional<Response> SqlResponseStore::FindByInvitation(int64_t invitation_id) {
  return database_.ReadValue(
      [&](Connection& c) { return Find(c, invitation_id); });
}

std::optional<Response> SqlResponseStore::FindBySlot(const std::string& slot) {
  return database_.ReadValue([&](Connection& c) { return FindWhere(c, "r.slot = ?", slot); });
}

Response SqlResponseStore::Create(const Response& response) {
  return database_.WriteValue([&](Connection& c) {
    if (auto existing = Find(c, response.invitation_id)) return *existing;
    if (!response.slot.empty()) {
      if (auto shared = FindWhere(c, "r.slot = ?", response.slot)) return *shared;
    }
    Response created = response;
    c.Query("INSERT INTO responses (invitation_id, questionnaire_id,"
            " form_version_id, status, page, started_at, updated_at, reference, slot)"
            " VALUES (?, ?, ?, 'draft', ?, ?, ?, '', NULLIF(?, '')) RETURNING id",
            {response.invitation_id, response.questionnaire_id,
             response.form_version_id, int64_t(response.page),
             FormatTimestamp(response.started_at),
             FormatTimestamp(response.updated_at), response.slot},
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
                " JOIN invitations i ON i.id = r.invitation_id"
                " WHERE i.round_id = ? AND i.test = 0 ORDER BY r.id",
            {round_id}, [&list](const Row& row) { list.push_back(ReadResponse(row)); });
    return list;
  });
}

std::vector<Response> SqlResponseStore::ListSubmitted(int64_t questionnaire_id) {
  return database_.ReadValue([&](Connection& c) {
    std::vector<Response> list;
    std::map<int64_t, size_t> at;
    c.Query(std::string(kSelectResponse) +
                " JOIN invitations i ON i.id = r.invitation_id WHERE r.questionnaire_id = ?"
                " AND r.status = 'submitted' AND i.test = 0 ORDER BY r.id",
            {questionnaire_id}, [&](const Row& row) {
              at[row.Int(0)] = list.size();
              list.push_back(ReadResponse(row));
            });
    c.Query("SELECT a.response_id, a.answers FROM response_answers a"
            " JOIN responses r ON r.id = a.response_id"
            " WHERE r.questionnaire_id = ? AND r.status = 'submitted'",
            {questionnaire_id}, [&](const Row& row) {
              const int64_t id = row.Int(0);
              auto found = at.find(id);
              if (found == at.end()) return;
              DecodeAnswers(row.TextView(1), id, [&](std::string_view name, std::string_view value) {
                list[found->second].answers.insert_or_assign(std::string(name), std::string(value));
              });
            });
    return list;
  });
}

void SqlResponseStore::ForEachSubmitted(
    int64_t questionnaire_id, size_t batch,
    const std::function<bool(std::vector<responses::SubmittedResponse>&)>& visit) {
  batch = std::max<size_t>(batch, 1);
  database_.Read([&](Connection& c) {
    // The batch's rows are filled again for each batch, keeping what they
    // hold allocated: each row's answers are written over the ones it held
    // (their strings' room reused), then cut to the number it has.
    std::vector<responses::SubmittedResponse> rows;
    auto by_name = [](const auto& a, const auto& b) { return a.first < b.first; };
    for (int64_t after = 0;;) {
      if (rows.size() < batch) rows.resize(batch);
      size_t count = 0;
      c.Query(kSelectSubmitted, {questionnaire_id, after, int64_t(batch)}, [&](const Row& row) {
        responses::SubmittedResponse& one = rows[count++];
        one.id = row.Int(0);
        one.invitation_id = row.Int(1);
        one.organisation = row.Text(2);
        one.role = row.Text(3);
        auto& answers = one.answers;
        size_t filled = 0;
        if (!row.IsNull(4)) {
          DecodeAnswers(row.TextView(4), one.id, [&](std::string_view name, std::string_view value) {
            if (filled == answers.size()) answers.emplace_back();
            answers[filled].first.assign(name);
            answers[filled++].second.assign(value);
          });
        }
        answers.resize(filled);
        // By name in bytes' order, as written; a row written otherwise
        // (by hand) is put in order.
        if (!std::is_sorted(answers.begin(), answers.end(), by_name)) {
          std::sort(answers.begin(), answers.end(), by_name);
        }
      });
      if (count == 0) return;
      after = rows[count - 1].id;
      rows.resize(count);
      if (!visit(rows)) return;
    }
  });
}

responses::SubmittedCount SqlResponseStore::CountSubmitted(int64_t questionnaire_id) {
  return database_.ReadValue([&](Connection& c) {
    responses::SubmittedCount count;
    c.Query("SELECT i.organisation_code, COUNT(*) FROM responses r, invitations i"
            " WHERE i.id = r.invitation_id AND r.questionnaire_id = ?"
            " AND r.status = 'submitted' AND i.test = 0 GROUP BY i.organisation_code ORDER BY 1",
            {questionnaire_id}, [&count](const Row& row) {
              count.organisations.push_back(row.Text(0));
              count.responses += size_t(row.Int(1));
            });
    return count;
  });
}

bool SqlResponseStore::Reassign(int64_t response_id, int64_t from, int64_t to) {
  return database_.WriteValue([&](Connection& c) {
    bool moved = false;
    c.Query("UPDATE responses SET invitation_id = ? WHERE id = ? AND invitation_id = ?"
            " RETURNING id",
            {to, response_id, from}, [&moved](const Row&) { moved = true; });
    return moved;
  });
}

bool SqlResponseStore::RequestHandover(responses::Handover& handover) {
  return database_.WriteValue([&](Connection& c) {
    if (auto pending = FindHandover(
            c, "WHERE from_invitation_id = ? AND to_invitation_id = ? AND decided_at IS NULL",
            {handover.from_invitation_id, handover.to_invitation_id})) {
      handover = *pending;
      return false;
    }
    handover.decision = responses::HandoverDecision::kPending;
    handover.decided_at.reset();
    c.Query("INSERT INTO handovers (response_id, from_invitation_id, to_invitation_id,"
            " requested_at) VALUES (?, ?, ?, ?) RETURNING id",
            {handover.response_id, handover.from_invitation_id, handover.to_invitation_id,
             FormatTimestamp(handover.requested_at)},
            [&handover](const Row& row) { handover.id = row.Int(0); });
    return true;
  });
}

std::optional<responses::Handover> SqlResponseStore::PendingHandoverFrom(
    int64_t from_invitation_id) {
  return database_.ReadValue([&](Connection& c) {
    return FindHandover(c, "WHERE from_invitation_id = ? AND decided_at IS NULL",
                        {from_invitation_id});
  });
}

std::optional<responses::Handover> SqlResponseStore::LatestHandoverBy(
    int64_t to_invitation_id) {
  return database_.ReadValue([&](Connection& c) {
    return FindHandover(c, "WHERE to_invitation_id = ?", {to_invitation_id});
  });
}

bool SqlResponseStore::DecideHandover(int64_t handover_id, bool agree, TimePoint at) {
  return database_.WriteValue([&](Connection& c) {
    auto handover = FindHandover(c, "WHERE id = ? AND decided_at IS NULL", {handover_id});
    if (!handover) return false;
    if (agree) {
      bool moved = false;
      c.Query("UPDATE responses SET invitation_id = ? WHERE id = ? AND invitation_id = ?"
              " RETURNING id",
              {handover->to_invitation_id, handover->response_id,
               handover->from_invitation_id},
              [&moved](const Row&) { moved = true; });
      if (!moved) return false;
    }
    c.Execute("UPDATE handovers SET decided_at = ?, decision = ? WHERE id = ?",
              {FormatTimestamp(at), std::string(agree ? "agreed" : "declined"), handover_id});
    return true;
  });
}

}  // namespace kartla::sql
