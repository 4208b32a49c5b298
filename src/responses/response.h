// A respondent's answers to one questionnaire, and where they are kept.
#ifndef KARTLA_RESPONSES_RESPONSE_H_
#define KARTLA_RESPONSES_RESPONSE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"

namespace kartla::responses {

enum class ResponseStatus { kDraft, kSubmitted };

struct Response {
  int64_t id = 0;
  int64_t invitation_id = 0;
  int64_t questionnaire_id = 0;
  int64_t form_version_id = 0;
  ResponseStatus status = ResponseStatus::kDraft;
  // Answers by item name, as XLSForm stores them; hidden prefills included.
  std::map<std::string, std::string> answers;
  int page = 0;  // the page to resume at
  TimePoint started_at;
  TimePoint updated_at;
  std::optional<TimePoint> submitted_at;
  std::string reference;  // the receipt's reference number, once submitted
  // A response shared by an organisation's colleagues: one per slot
  // ("QUESTIONNAIRE:ORGANISATION"); empty for a person's own.
  std::string slot;

  // Whether anything was saved since the response was created: a page
  // saved (page 0 is the first to resume at once one is) or its time moved.
  bool Started() const { return page > 0 || updated_at > started_at; }
};

// A submitted response as an export reads it: whose it is (its
// invitation's organisation and role) and its answers as a list in name
// order, names compared as bytes (cheaper to fill, and to fill again, than
// a map).
struct SubmittedResponse {
  int64_t id = 0;
  int64_t invitation_id = 0;
  std::string organisation;
  std::string role;
  std::vector<std::pair<std::string, std::string>> answers;
};

// Who submitted a questionnaire: how many responses, and their
// organisations, each once (as many as the registry has at most).
struct SubmittedCount {
  size_t responses = 0;
  std::vector<std::string> organisations;
};

// A colleague's request to take over a shared response (see
// rounds::ResponsePolicy), and its answer.
enum class HandoverDecision { kPending, kAgreed, kDeclined };
struct Handover {
  int64_t id = 0;
  int64_t response_id = 0;
  int64_t from_invitation_id = 0;  // who holds the response
  int64_t to_invitation_id = 0;    // who asks to take it over
  TimePoint requested_at;
  std::optional<TimePoint> decided_at;
  HandoverDecision decision = HandoverDecision::kPending;
};

// Every method is thread-safe and returns once its change is durable.
class ResponseStore {
 public:
  virtual ~ResponseStore() = default;
  virtual std::optional<Response> FindByInvitation(int64_t invitation_id) = 0;
  // The shared response holding `slot` (see Response::slot), if any.
  virtual std::optional<Response> FindBySlot(const std::string& slot) = 0;
  // Creates the response with its answers (the prefills); sets response.id.
  // If the invitation has a response already (a concurrent start), or
  // response.slot is set and a response holds it (a colleague's), returns
  // that one instead.
  virtual Response Create(const Response& response) = 0;
  // Gives response `response_id` to invitation `to` if invitation `from`
  // holds it; false (nothing changed) otherwise.
  virtual bool Reassign(int64_t response_id, int64_t from, int64_t to) = 0;
  // Stores `answers` (a page's; an empty value removes the answer), the page
  // to resume at and the time, all at once. Refuses (returns false, storing
  // nothing) if the response is not a draft.
  virtual bool SavePage(int64_t response_id,
                        const std::map<std::string, std::string>& answers,
                        int page, TimePoint at) = 0;
  // Marks a draft submitted. Returns false if it was not a draft.
  virtual bool Submit(int64_t response_id, const std::string& reference,
                      TimePoint at) = 0;
  // Makes a submitted response a draft again.
  virtual void Reopen(int64_t response_id, TimePoint at) = 0;
  // The responses to a round's invitations, without their answers: for
  // following the fieldwork.
  virtual std::vector<Response> ListForRound(int64_t round_id) = 0;
  // The submitted responses to a questionnaire, with their answers, read in
  // one pass: the input of the results.
  virtual std::vector<Response> ListSubmitted(int64_t questionnaire_id) = 0;
  // The same in the order they were created, with whose each is, handed to
  // `visit` in batches of at most `batch` (taken as at least 1), all read
  // from one snapshot: an export of any size in memory that does not grow
  // with it. `visit` runs while the snapshot is held, may take the batch's
  // contents (swapping in a vector of its own, whose room the next batch
  // reuses), and returns whether to go on.
  virtual void ForEachSubmitted(
      int64_t questionnaire_id, size_t batch,
      const std::function<bool(std::vector<SubmittedResponse>&)>& visit) = 0;
  virtual SubmittedCount CountSubmitted(int64_t questionnaire_id) = 0;

  // Records a request to take over `handover.response_id` and sets its id;
  // true if it is new. If the same two people have a request pending, fills
  // `handover` with that one instead and returns false.
  virtual bool RequestHandover(Handover& handover) = 0;
  // The latest request to the holder `from_invitation_id` still pending.
  virtual std::optional<Handover> PendingHandoverFrom(int64_t from_invitation_id) = 0;
  // The latest request made by `to_invitation_id`, whatever its state.
  virtual std::optional<Handover> LatestHandoverBy(int64_t to_invitation_id) = 0;
  // Answers a pending request: if `agree`, the response passes to the asker
  // in the same write. False if it was not pending, or the holder no longer
  // holds the response.
  virtual bool DecideHandover(int64_t handover_id, bool agree, TimePoint at) = 0;
};

}  // namespace kartla::responses

#endif  // KARTLA_RESPONSES_RESPONSE_H_
