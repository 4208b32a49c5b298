// A respondent's answers to one questionnaire, and where they are kept.
#ifndef KARTLA_RESPONSES_RESPONSE_H_
#define KARTLA_RESPONSES_RESPONSE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
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
};

// Every method is thread-safe and returns once its change is durable.
class ResponseStore {
 public:
  virtual ~ResponseStore() = default;
  virtual std::optional<Response> FindByInvitation(int64_t invitation_id) = 0;
  // Creates the response with its answers (the prefills); sets response.id.
  // If the invitation has a response already (a concurrent start), returns
  // that one instead.
  virtual Response Create(const Response& response) = 0;
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
};

}  // namespace kartla::responses

#endif  // KARTLA_RESPONSES_RESPONSE_H_
