#include "fieldwork/retention.h"

#include <fmt/format.h>

#include <set>

namespace kartla::fieldwork {

Result<Date> Retention::FirstEraseDay(const std::string& round_code) {
  auto round = rounds_.FindRound(round_code);
  if (!round) return Status::NotFound(fmt::format("there is no round {}", round_code));
  Date last = clock_.Today();
  for (const rounds::Stage& stage : rounds_.ListStages(round->id)) {
    if (last < stage.closes) last = stage.closes;
  }
  return Date::FromDaysSinceEpoch(last.DaysSinceEpoch() + 1);
}

Status Retention::SetEraseDay(const std::string& round_code, std::optional<Date> day) {
  auto first = FirstEraseDay(round_code);
  if (!first.ok()) return first.status();
  if (day && *day < *first) {
    return Status::InvalidInput("erase_day_early",
                                "{0} is too early: personal data can be erased from {1} (after "
                                "today and after the round's last stage closes)",
                                {day->ToString(), first->ToString()});
  }
  rounds_.SetRetention(rounds_.FindRound(round_code)->id, day);
  return Status::Ok();
}

Erasure Retention::EraseRoundNow(const rounds::Round& round) {
  const Date today = clock_.Today();
  // Contacts another round still needs: invited in a round not erased
  // whose day has not come (or that has none).
  std::set<int64_t> needed;
  for (const rounds::Round& other : rounds_.ListRounds()) {
    if (other.id == round.id || other.erased_at) continue;
    if (other.erase_on && !(today < *other.erase_on)) continue;
    for (const Invitation& invitation : invitations_.ListForRound(other.id)) {
      if (invitation.contact_id != 0) needed.insert(invitation.contact_id);
    }
  }
  Erasure erasure;
  std::vector<int64_t> links;
  std::set<int64_t> erased, kept;
  for (const Invitation& invitation : invitations_.ListForRound(round.id)) {
    if (!invitation.token_hash.starts_with(kErasedToken)) links.push_back(invitation.id);
    if (invitation.contact_id == 0) continue;
    (needed.count(invitation.contact_id) ? kept : erased).insert(invitation.contact_id);
  }
  erasure.links = int(links.size());
  erasure.contacts = int(erased.size());
  erasure.kept = int(kept.size());
  erasure.messages = invitations_.Erase(links, {erased.begin(), erased.end()}, clock_.Now());
  rounds_.MarkErased(round.id, clock_.Now());
  return erasure;
}

Result<Erasure> Retention::EraseRound(const std::string& round_code) {
  auto round = rounds_.FindRound(round_code);
  if (!round) return Status::NotFound(fmt::format("there is no round {}", round_code));
  return EraseRoundNow(*round);
}

Result<Erasure> Retention::ErasePerson(int64_t contact_id) {
  if (!contacts_.FindContact(contact_id)) return Status::NotFound("there is no such contact");
  Erasure erasure;
  std::vector<int64_t> links;
  for (const rounds::Round& round : rounds_.ListRounds()) {
    for (const Invitation& invitation : invitations_.ListForRound(round.id)) {
      if (invitation.contact_id != contact_id) continue;
      if (invitation.token_hash.starts_with(kErasedToken)) continue;
      links.push_back(invitation.id);
    }
  }
  erasure.links = int(links.size());
  erasure.contacts = 1;
  erasure.messages = invitations_.Erase(links, {contact_id}, clock_.Now());
  return erasure;
}

std::vector<std::pair<std::string, Erasure>> Retention::RunDue() {
  std::vector<std::pair<std::string, Erasure>> done;
  const Date today = clock_.Today();
  for (const rounds::Round& round : rounds_.ListRounds()) {
    if (round.erased_at || !round.erase_on || today < *round.erase_on) continue;
    done.emplace_back(round.code, EraseRoundNow(round));
  }
  return done;
}

}  // namespace kartla::fieldwork
