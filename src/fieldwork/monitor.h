// Following a round's fieldwork: how many were invited, opened, started,
// submitted, declined or bounced; response rates by target group and by
// every registry dimension; coverage as the real surveys phrased it
// ("answered by X of Y organisations (p %), q % of all mainland
// municipalities, covering r % of the population"); responses over time
// with the mail dates; and the organisations that have not answered.
#ifndef KARTLA_FIELDWORK_MONITOR_H_
#define KARTLA_FIELDWORK_MONITOR_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/text.h"
#include "fieldwork/contact.h"
#include "fieldwork/invitation.h"
#include "registry/registry.h"
#include "rounds/round.h"
#include "stats/indicators.h"

namespace kartla::fieldwork {

// Where one invitation's respondent has got to, from its invitation and
// its response (if any).
struct Progress {
  int64_t invitation_id = 0;
  bool started = false;    // a draft exists with saved answers
  bool submitted = false;  // the response is submitted now
  std::optional<TimePoint> submitted_at;
};

struct StatusCounts {
  int invited = 0;    // invitations not revoked
  int opened = 0;     // their link followed (includes partial and submitted)
  int partial = 0;    // answers saved, not submitted
  int submitted = 0;
  int declined = 0;
  int bounced = 0;
};

// A questionnaire's invitations as AAPOR's dispositions: every invited
// organisation is eligible; submitted is complete; saved without
// submitting, partial; opened without saving, or declined, is a refusal (a
// break-off); never opened, a non-contact.
stats::Dispositions DispositionsOf(const StatusCounts& counts);

// One target group's invitations.
struct GroupProgress {
  std::string target_group;
  LocalizedText label;
  StatusCounts counts;
};

// Organisations of one category of a dimension.
struct CategoryRate {
  std::string code;
  LocalizedText label;
  int invited = 0;   // organisations with an invitation
  int answered = 0;  // organisations with a submitted response
};

struct DimensionRates {
  std::string id;
  LocalizedText label;
  std::vector<CategoryRate> categories;  // in the dimension's order
};

struct Coverage {
  int answered = 0;  // organisations with a submitted response
  int invited = 0;   // organisations with an invitation
  int mainland_answered = 0;      // mainland municipalities answered
  int mainland_municipalities = 0;  // all mainland municipalities
  // Municipalities outside the mainland (Åland's); when there are none,
  // the mainland is the whole country.
  int outside_mainland = 0;
  // Population of the answering municipalities and of all; 0 when the
  // registry has no population.
  double population_answered = 0;
  double population_total = 0;
};

// Submissions on one day, and all up to and including it.
struct DayCount {
  Date date;
  int submitted = 0;
  int cumulative = 0;
};

// Messages sent on one day, by kind.
struct MailDay {
  Date date;
  MailKind kind = MailKind::kInvitation;
  int sent = 0;
};

// An organisation invited but without a submitted response.
struct Unanswered {
  std::string code;
  LocalizedText name;
  // The target groups invited that have not submitted, and how far each
  // has got ("sent", "opened", "partial"...), in the round's order.
  std::vector<std::pair<std::string, InvitationStatus>> groups;
  // The organisation's category in each dimension, by dimension id.
  std::map<std::string, std::string> categories;
  // The contact invited in each of those target groups (0: a link made
  // without a contact), by target group.
  std::map<std::string, int64_t> contact_ids;
};

struct RoundMonitor {
  rounds::Round round;
  std::optional<std::string> target_group;  // the filter, if any
  StatusCounts total;
  std::vector<GroupProgress> groups;
  std::vector<DimensionRates> dimensions;
  Coverage coverage;
  std::vector<DayCount> days;  // first to last submission, every day
  std::vector<MailDay> mail;
  std::vector<Unanswered> unanswered;  // by organisation code
};

// Everything the monitor is computed from.
struct MonitorInput {
  rounds::Round round;
  std::vector<rounds::Questionnaire> questionnaires;
  const Registry* registry = nullptr;  // the round's registry version
  std::vector<Invitation> invitations;
  std::vector<Progress> progress;
  std::vector<OutboxEntry> outbox;
};

// The figures of a round; of one target group's questionnaire only if
// `target_group` is set. Pure.
RoundMonitor ComputeMonitor(const MonitorInput& input,
                            const std::optional<std::string>& target_group);

// Where an invitation stands once its response is considered.
InvitationStatus EffectiveStatus(const Invitation& invitation, const Progress* progress);

// "answered by 157 of 159 organisations (99 %), 54 % of all mainland
// municipalities, covering 61 % of the population" in `lang`; the last
// parts are left out when unknown.
std::string CoverageSentence(const Coverage& coverage, Lang lang);

// The figures as JSON (labels in `lang`), for /api/v1/rounds/ID/monitor
// and `kartla monitor --json`.
std::string MonitorJson(const RoundMonitor& monitor, Lang lang);

// The organisations not yet answered as CSV (UTF-8 with a BOM, for
// spreadsheets): code, name, the categories of `dimensions`, then each
// target group's status, and, given `contacts` (by id), the name and email
// of the person invited in it (GROUP_name, GROUP_email), to call or mail.
std::string UnansweredCsv(const RoundMonitor& monitor,
                          const std::vector<std::string>& dimensions, Lang lang,
                          const std::map<int64_t, Contact>* contacts = nullptr);

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_MONITOR_H_
