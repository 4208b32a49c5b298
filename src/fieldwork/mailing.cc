#include "fieldwork/mailing.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "core/system_error.h"
#include "core/token.h"
#include "fieldwork/contact_service.h"

namespace kartla::fieldwork {

void Mailing::AddressTo(Invitation& invitation, const Contact& contact) const {
  invitation.organisation_code = contact.organisation_code;
  invitation.language = contact.language;
  invitation.contact_id = contact.id;
  Seal(invitation);
}

void Mailing::Seal(Invitation& invitation) const {
  invitation.link_nonce = NewToken();
  invitation.token_hash = HashToken(DeriveToken(options_.key, invitation.link_nonce));
  invitation.created_at = clock_.Now();
}

std::string Mailing::LinkOf(const Invitation& invitation) const {
  return options_.public_url + "/r/" + DeriveToken(options_.key, invitation.link_nonce);
}

Result<Invitation> Mailing::Forward(int64_t invitation_id, int64_t contact_id) {
  auto old = invitations_.FindById(invitation_id);
  if (!old) return Status::NotFound("there is no such invitation").Keyed("no_invitation");
  auto contact = contacts_.FindContact(contact_id);
  if (!contact) return Status::NotFound("there is no such contact").Keyed("no_contact");
  if (contact->organisation_code != old->organisation_code) {
    return Status::InvalidInput("an invitation can be passed on only within its organisation")
        .Keyed("forward_other_organisation");
  }
  if (old->revoked || old->status == InvitationStatus::kSubmitted) {
    return Status::FailedPrecondition("this invitation has been withdrawn or answered already")
        .Keyed("forward_closed");
  }
  if (options_.key.empty()) throw SystemError("mailing needs the link key");
  std::vector<Invitation> forwarded(1);
  forwarded[0].round_id = old->round_id;
  forwarded[0].questionnaire_id = old->questionnaire_id;
  forwarded[0].role = old->role;
  AddressTo(forwarded[0], *contact);
  invitations_.CreateMailed(forwarded, clock_.Now());
  invitations_.RecordStatus(old->id, InvitationStatus::kRevoked, clock_.Now(),
                            fmt::format("passed on as invitation {}", forwarded[0].id));
  return forwarded[0];
}

Status Mailing::Revoke(int64_t invitation_id) {
  auto invitation = invitations_.FindById(invitation_id);
  if (!invitation) return Status::NotFound("there is no such invitation");
  invitations_.RecordStatus(invitation_id, InvitationStatus::kRevoked, clock_.Now(),
                            "withdrawn");
  return Status::Ok();
}

Status Mailing::Retry(int64_t round_id, int64_t outbox_id) {
  for (const OutboxEntry& entry : invitations_.ListOutbox(round_id)) {
    if (entry.id == outbox_id && entry.state == "failed" &&
        invitations_.Requeue(outbox_id, clock_.Now())) {
      return Status::Ok();
    }
  }
  return Status::NotFound("there is no such failed message in the round's outbox");
}

Result<std::pair<InvitePlan, std::vector<Invitation>>> Mailing::Planned(
    const std::string& round_code, const std::string& target_group,
    const std::vector<std::string>& organisation_codes) {
  auto round = rounds_.FindRound(round_code);
  if (!round) return Status::NotFound(fmt::format("there is no round {}", round_code));
  std::optional<rounds::Questionnaire> questionnaire;
  for (const rounds::Questionnaire& q : rounds_.ListQuestionnaires(round->id)) {
    if (q.target_group.code == target_group) questionnaire = q;
  }
  if (!questionnaire) {
    return Status::NotFound(fmt::format(
        "round {} has no questionnaire for target group {}", round_code, target_group));
  }
  auto registry = registry_.LoadVersion(RegistryVersionId(round->registry_version_id));
  std::set<int64_t> invited_contacts;
  for (const Invitation& invitation : invitations_.ListForRound(round->id)) {
    if (invitation.questionnaire_id == questionnaire->id && invitation.contact_id != 0) {
      invited_contacts.insert(invitation.contact_id);
    }
  }
  InvitePlan plan;
  std::vector<Invitation> created;
  for (const Contact& contact : contacts_.ListContacts(std::nullopt)) {
    if (contact.role != target_group) continue;
    if (!organisation_codes.empty() &&
        std::find(organisation_codes.begin(), organisation_codes.end(),
                  contact.organisation_code) == organisation_codes.end()) {
      continue;
    }
    if (!registry || registry->Find(contact.organisation_code) == nullptr) {
      ++plan.summary.not_in_registry;
      continue;
    }
    if (invited_contacts.count(contact.id) > 0) {
      ++plan.summary.already;
      continue;
    }
    Invitation invitation;
    invitation.round_id = round->id;
    invitation.questionnaire_id = questionnaire->id;
    invitation.role = target_group;
    invitation.organisation_code = contact.organisation_code;
    invitation.language = contact.language;
    invitation.contact_id = contact.id;
    size_t lang = static_cast<size_t>(contact.language);
    if (lang < plan.by_lang.size()) ++plan.by_lang[lang];
    created.push_back(std::move(invitation));
  }
  plan.summary.invited = int(created.size());
  return std::make_pair(plan, std::move(created));
}

Result<InvitePlan> Mailing::PlanInvitations(const std::string& round_code,
                                            const std::string& target_group,
                                            const std::vector<std::string>& organisation_codes) {
  auto planned = Planned(round_code, target_group, organisation_codes);
  if (!planned.ok()) return planned.status();
  return planned->first;
}

Result<InviteSummary> Mailing::InviteContacts(
    const std::string& round_code, const std::string& target_group,
    const std::vector<std::string>& organisation_codes) {
  auto planned = Planned(round_code, target_group, organisation_codes);
  if (!planned.ok()) return planned.status();
  std::vector<Invitation>& created = planned->second;
  if (created.empty()) return planned->first.summary;
  if (options_.key.empty()) throw SystemError("mailing needs the link key");
  for (Invitation& invitation : created) Seal(invitation);
  invitations_.CreateMailed(created, clock_.Now());
  return planned->first.summary;
}

std::vector<ReminderPreview> Mailing::ReminderRecipients(const std::string& round_code,
                                                         bool unopened_only) {
  std::vector<ReminderPreview> recipients;
  auto round = rounds_.FindRound(round_code);
  if (!round) return recipients;
  for (const Invitation& invitation : invitations_.ListForRound(round->id)) {
    if (invitation.contact_id == 0) continue;
    switch (invitation.status) {
      case InvitationStatus::kSent: break;
      case InvitationStatus::kOpened:
      case InvitationStatus::kPartial:
        if (unopened_only) continue;
        break;
      default: continue;  // not mailed yet, submitted, declined, revoked, bounced
    }
    if (options_.submitted && options_.submitted(invitation.id)) continue;
    auto contact = contacts_.FindContact(invitation.contact_id);
    if (!contact) continue;
    recipients.push_back({invitation, *contact});
  }
  return recipients;
}

void Mailing::QueueReminders(const std::vector<ReminderPreview>& recipients) {
  std::vector<int64_t> ids;
  for (const ReminderPreview& recipient : recipients) ids.push_back(recipient.invitation.id);
  invitations_.Enqueue(ids, MailKind::kReminder, clock_.Now());
}

Result<ScheduledReminder> Mailing::ScheduleReminders(const std::string& round_code,
                                                     Date send_on, bool unopened_only,
                                                     const std::string& by) {
  auto round = rounds_.FindRound(round_code);
  if (!round) return Status::NotFound("there is no round " + round_code);
  TimePoint now = clock_.Now();
  if (send_on < clock_.Today()) {
    return Status::InvalidInput("reminder_past",
                                "{0} is past: reminders can be planned for today or later",
                                {send_on.ToString()});
  }
  ScheduledReminder reminder;
  reminder.round_id = round->id;
  reminder.send_on = send_on;
  reminder.unopened_only = unopened_only;
  reminder.created_by = by;
  reminder.created_at = now;
  invitations_.AddSchedule(reminder);
  return reminder;
}

std::vector<ScheduledReminder> Mailing::ScheduledReminders(const std::string& round_code) {
  auto round = rounds_.FindRound(round_code);
  if (!round) return {};
  return invitations_.ListSchedule(round->id);
}

Mailing::OutboxCounts Mailing::CountOutbox(const std::string& round_code) {
  OutboxCounts counts;
  auto round = rounds_.FindRound(round_code);
  if (!round) return counts;
  for (const OutboxEntry& entry : invitations_.ListOutbox(round->id)) {
    if (entry.state == "sent") {
      ++counts.sent;
    } else if (entry.state == "failed") {
      ++counts.failed;
    } else {
      ++counts.waiting;
    }
  }
  return counts;
}

int Mailing::RunDueReminders() {
  int queued = 0;
  for (const ScheduledReminder& due : invitations_.DueSchedule(clock_.Today())) {
    auto round = rounds_.FindRoundById(due.round_id);
    if (!round) continue;
    std::vector<int64_t> ids;
    for (const ReminderPreview& recipient : ReminderRecipients(round->code, due.unopened_only)) {
      ids.push_back(recipient.invitation.id);
    }
    if (invitations_.RunSchedule(due.id, ids, clock_.Now())) queued += int(ids.size());
  }
  return queued;
}

MailFacts Mailing::FactsOf(const rounds::Round& round, int64_t questionnaire_id,
                           const std::string& organisation_code, const Contact& contact,
                           MailKind kind, Lang lang) {
  MailFacts facts;
  facts.kind = kind;
  facts.lang = lang;
  facts.recipient_name = contact.name;
  facts.recipient_email = contact.email;
  facts.organisation = organisation_code;
  if (auto registry = registry_.LoadShared(RegistryVersionId(round.registry_version_id))) {
    if (const Organisation* org = registry->Find(organisation_code)) {
      facts.organisation = org->name.Get(lang);
    }
  }
  facts.survey = round.title.Get(lang);
  for (const rounds::Questionnaire& q : rounds_.ListQuestionnaires(round.id)) {
    if (q.id == questionnaire_id) facts.survey += " – " + q.target_group.label.Get(lang);
  }
  std::optional<Date> closes;
  for (const rounds::Stage& stage : rounds_.ListStages(round.id)) {
    if (!closes || *closes < stage.closes) closes = stage.closes;
  }
  // As the recipient's language writes a day: "11.4.2025", "11 april 2025".
  if (closes) facts.closes = FormatDay(closes->year(), closes->month(), closes->day(), lang);
  for (const MailText& own : invitations_.ListMailTexts(round.id)) {
    if (own.kind == kind && own.lang == lang) {
      facts.own_subject = own.subject;
      facts.own_body = own.body;
    }
  }
  return facts;
}

std::optional<MailFacts> Mailing::FactsFor(const OutboxEntry& entry) {
  auto invitation = invitations_.FindById(entry.invitation_id);
  if (!invitation) return std::nullopt;
  auto contact = contacts_.FindContact(invitation->contact_id);
  auto round = rounds_.FindRoundById(invitation->round_id);
  if (!contact || !round) return std::nullopt;
  MailFacts facts = FactsOf(*round, invitation->questionnaire_id,
                            invitation->organisation_code, *contact, entry.kind,
                            contact->language);
  facts.link = LinkOf(*invitation);
  return facts;
}

Result<MailFacts> Mailing::ContactFacts(const std::string& round_code, MailKind kind,
                                        int64_t contact_id, std::optional<Lang> lang) {
  auto round = rounds_.FindRound(round_code);
  if (!round) return Status::NotFound(fmt::format("there is no round {}", round_code));
  auto contact = contacts_.FindContact(contact_id);
  if (!contact) return Status::NotFound("there is no such contact");
  for (const rounds::Questionnaire& q : rounds_.ListQuestionnaires(round->id)) {
    if (q.target_group.code != contact->role) continue;
    MailFacts facts = FactsOf(*round, q.id, contact->organisation_code, *contact, kind,
                              lang.value_or(contact->language));
    // A link of the right form that opens nothing: no invitation holds it.
    facts.link = options_.public_url + "/r/" + NewToken();
    return facts;
  }
  return Status::NotFound(fmt::format("round {} has no questionnaire for target group {}",
                                      round_code, contact->role));
}

Result<ComposedMail> Mailing::Preview(const std::string& round_code, MailKind kind,
                                      int64_t contact_id, std::optional<Lang> lang) {
  auto facts = ContactFacts(round_code, kind, contact_id, lang);
  if (!facts.ok()) return facts.status();
  return ComposeMail(*facts, options_.sender, "kartla-preview");
}

Status Mailing::SendTest(const std::string& round_code, MailKind kind, int64_t contact_id,
                         std::optional<Lang> lang, const std::string& address,
                         MailTransport& transport) {
  if (!PlausibleEmail(address)) {
    return Status::InvalidInput("not_email", "\"{0}\" is not an email address", {address});
  }
  auto facts = ContactFacts(round_code, kind, contact_id, lang);
  if (!facts.ok()) return facts.status();
  facts->recipient_email = address;
  facts->own_subject =
      "[TEST] " + (facts->own_subject.empty() ? DefaultMailText(kind, facts->lang).subject
                                              : facts->own_subject);
  ComposedMail mail =
      ComposeMail(*facts, options_.sender, "kartla-test-" + NewToken().substr(0, 16));
  try {
    transport.Send(options_.sender, address, mail.message);
  } catch (const MailError& e) {
    return Status::Unavailable(e.what());
  }
  return Status::Ok();
}

Status Mailing::SendPasswordLink(const std::string& name, const std::string& address, Lang lang,
                                 const std::string& token, MailTransport& transport) {
  if (!PlausibleEmail(address)) {
    return Status::InvalidInput("not_email", "\"{0}\" is not an email address", {address});
  }
  MailFacts facts;
  facts.kind = MailKind::kPassword;
  facts.lang = lang;
  facts.recipient_name = name;
  facts.recipient_email = address;
  facts.link = options_.public_url + "/admin/password/" + token;
  ComposedMail mail =
      ComposeMail(facts, options_.sender, "kartla-password-" + NewToken().substr(0, 16));
  try {
    transport.Send(options_.sender, address, mail.message);
  } catch (const MailError& e) {
    return Status::Unavailable(e.what());
  }
  return Status::Ok();
}

std::vector<MailText> Mailing::MailTexts(const std::string& round_code) {
  auto round = rounds_.FindRound(round_code);
  if (!round) return {};
  return invitations_.ListMailTexts(round->id);
}

MailTextProblem CheckMailText(const MailText& text) {
  MailTextProblem problem;
  auto found = [&problem](MailTextProblem::Kind kind, bool in_subject, std::string piece = "") {
    problem.kind = kind;
    problem.in_subject = in_subject;
    problem.piece = std::move(piece);
    return problem;
  };
  if (std::find(std::begin(kWrittenMailKinds), std::end(kWrittenMailKinds), text.kind) ==
      std::end(kWrittenMailKinds)) {
    return found(MailTextProblem::kKind, false);
  }
  if (Trim(text.subject).empty()) return found(MailTextProblem::kSubjectEmpty, true);
  if (text.subject.size() > kMaxMailSubject) return found(MailTextProblem::kSubjectTooLong, true);
  if (text.subject.find_first_of("\r\n") != std::string::npos) {
    return found(MailTextProblem::kSubjectLines, true);
  }
  if (std::string wrong = WrongPlaceholder(text.subject); !wrong.empty()) {
    return found(MailTextProblem::kPlaceholder, true, wrong);
  }
  if (Trim(text.body).empty()) return found(MailTextProblem::kBodyEmpty, false);
  if (text.body.size() > kMaxMailBody) return found(MailTextProblem::kBodyTooLong, false);
  if (std::string wrong = WrongPlaceholder(text.body); !wrong.empty()) {
    return found(MailTextProblem::kPlaceholder, false, wrong);
  }
  return problem;
}

Result<MailTextProblem> Mailing::SaveMailText(const std::string& round_code,
                                             const MailText& text) {
  auto round = rounds_.FindRound(round_code);
  if (!round) return Status::NotFound(fmt::format("there is no round {}", round_code));
  MailTextProblem problem = CheckMailText(text);
  if (problem.kind != MailTextProblem::kNone) return problem;
  MailText stored = text;
  stored.updated_at = clock_.Now();
  invitations_.SaveMailText(round->id, stored);
  return problem;
}

Status Mailing::RemoveMailText(const std::string& round_code, MailKind kind, Lang lang) {
  auto round = rounds_.FindRound(round_code);
  if (!round) return Status::NotFound(fmt::format("there is no round {}", round_code));
  if (!invitations_.RemoveMailText(round->id, kind, lang)) {
    return Status::NotFound("the round has no text of its own for this message");
  }
  return Status::Ok();
}

namespace {
// How long a sender holds a message it is sending before another sender
// may take it as in doubt: far longer than a send takes, even a slow one.
constexpr auto kClaim = std::chrono::minutes(10);
}  // namespace

int Mailing::ReleaseClaims() {
  int released = invitations_.ReleaseClaims(clock_.Now());
  if (released > 0) {
    spdlog::warn("outbox: in doubt {} (claimed by a sender that stopped), sent again",
                 released);
  }
  return released;
}

SendCounts Mailing::SendDue(MailTransport& transport,
                            const std::function<bool()>& keep_going) {
  SendCounts counts;
  auto pause = std::chrono::microseconds(60'000'000 / std::max(1, options_.per_minute));
  auto next_start = std::chrono::steady_clock::now();
  while (keep_going()) {
    auto entry = invitations_.ClaimDue(clock_.Now(), clock_.Now() + kClaim);
    if (!entry) break;
    if (!entry->last_error.empty() && entry->state == "sending") {
      spdlog::warn("outbox: message kartla-{} {}", entry->id, entry->last_error);
    }
    std::this_thread::sleep_until(next_start);
    next_start = std::chrono::steady_clock::now() + pause;
    auto facts = FactsFor(*entry);
    if (!facts) {
      invitations_.MarkFailed(*entry, clock_.Now(), "the contact is gone");
      ++counts.failed;
      continue;
    }
    ComposedMail mail =
        ComposeMail(*facts, options_.sender, fmt::format("kartla-{}", entry->id));
    try {
      const std::string answer =
          transport.Send(options_.sender, facts->recipient_email, mail.message);
      invitations_.MarkSent(*entry, clock_.Now(), answer);
      ++counts.sent;
    } catch (const MailError& e) {
      if (e.unreachable()) {
        invitations_.Postpone(*entry, clock_.Now() + kUnreachablePause, e.what());
        counts.unreachable = e.what();
        break;
      }
      if (e.permanent() || entry->attempts + 1 >= options_.max_attempts) {
        invitations_.MarkFailed(*entry, clock_.Now(), e.what());
        ++counts.failed;
      } else {
        auto wait = std::chrono::minutes(1 << std::min(entry->attempts, 8));
        invitations_.MarkRetry(*entry, clock_.Now() + wait, e.what());
        ++counts.retried;
      }
    }
  }
  return counts;
}

}  // namespace kartla::fieldwork
