#include "fieldwork/monitor.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

namespace kartla::fieldwork {
namespace {

void Count(StatusCounts& counts, InvitationStatus status) {
  if (status == InvitationStatus::kRevoked) return;
  ++counts.invited;
  switch (status) {
    case InvitationStatus::kOpened: ++counts.opened; break;
    case InvitationStatus::kPartial: ++counts.opened, ++counts.partial; break;
    case InvitationStatus::kSubmitted: ++counts.opened, ++counts.submitted; break;
    case InvitationStatus::kDeclined: ++counts.declined; break;
    case InvitationStatus::kBounced: ++counts.bounced; break;
    default: break;
  }
}

// How far a status has got, for picking an organisation's furthest.
int Rank(InvitationStatus status) {
  switch (status) {
    case InvitationStatus::kCreated: return 0;
    case InvitationStatus::kBounced: return 1;
    case InvitationStatus::kSent: return 2;
    case InvitationStatus::kDeclined: return 3;
    case InvitationStatus::kOpened: return 4;
    case InvitationStatus::kPartial: return 5;
    case InvitationStatus::kSubmitted: return 6;
    case InvitationStatus::kRevoked: return -1;
  }
  return 0;
}

}  // namespace

InvitationStatus EffectiveStatus(const Invitation& invitation, const Progress* progress) {
  if (invitation.revoked || invitation.status == InvitationStatus::kRevoked) {
    return InvitationStatus::kRevoked;
  }
  if (progress != nullptr && progress->submitted) return InvitationStatus::kSubmitted;
  bool started = progress != nullptr && progress->started;
  if (invitation.status == InvitationStatus::kSubmitted || started) {
    // Submitted once, reopened since; or answers saved.
    return invitation.status == InvitationStatus::kDeclined ? InvitationStatus::kDeclined
                                                            : InvitationStatus::kPartial;
  }
  return invitation.status;
}

RoundMonitor ComputeMonitor(const MonitorInput& input,
                            const std::optional<std::string>& target_group) {
  RoundMonitor monitor;
  monitor.round = input.round;
  monitor.target_group = target_group;

  std::map<int64_t, const rounds::Questionnaire*> questionnaires;
  for (const rounds::Questionnaire& q : input.questionnaires) {
    if (target_group && q.target_group.code != *target_group) continue;
    questionnaires[q.id] = &q;
    monitor.groups.push_back({q.target_group.code, q.target_group.label, {}});
  }
  std::map<int64_t, const Progress*> progress;
  for (const Progress& p : input.progress) progress[p.invitation_id] = &p;

  // Each organisation's furthest status per target group.
  std::map<std::string, std::map<std::string, InvitationStatus>> by_org;
  // The contact of the invitation each status is of, the same way.
  std::map<std::string, std::map<std::string, int64_t>> contact_of;
  std::map<Date, int> submitted_on;
  for (const Invitation& invitation : input.invitations) {
    auto q = questionnaires.find(invitation.questionnaire_id);
    if (q == questionnaires.end()) continue;
    auto found = progress.find(invitation.id);
    const Progress* p = found == progress.end() ? nullptr : found->second;
    InvitationStatus status = EffectiveStatus(invitation, p);
    Count(monitor.total, status);
    for (GroupProgress& group : monitor.groups) {
      if (group.target_group == q->second->target_group.code) Count(group.counts, status);
    }
    if (status == InvitationStatus::kRevoked) continue;
    auto& groups = by_org[invitation.organisation_code];
    auto [slot, fresh] = groups.emplace(q->second->target_group.code, status);
    if (fresh || Rank(status) > Rank(slot->second)) {
      slot->second = status;
      contact_of[invitation.organisation_code][slot->first] = invitation.contact_id;
    }
    if (status == InvitationStatus::kSubmitted && p != nullptr && p->submitted_at) {
      ++submitted_on[Date::FromTimePoint(*p->submitted_at)];
    }
  }

  auto answered = [](const std::map<std::string, InvitationStatus>& groups) {
    return std::any_of(groups.begin(), groups.end(), [](const auto& entry) {
      return entry.second == InvitationStatus::kSubmitted;
    });
  };

  const Registry* registry = input.registry;
  Coverage& coverage = monitor.coverage;
  coverage.invited = int(by_org.size());
  for (const auto& [code, groups] : by_org) {
    if (answered(groups)) ++coverage.answered;
  }
  if (registry != nullptr) {
    for (const Organisation& org : registry->organisations()) {
      if (org.kind != OrganisationKind::kMunicipality) continue;
      if (!org.OnMainland()) {
        ++coverage.outside_mainland;
        continue;
      }
      ++coverage.mainland_municipalities;
      double population = org.NumberAttribute("population").value_or(0);
      coverage.population_total += population;
      auto found = by_org.find(org.code);
      if (found != by_org.end() && answered(found->second)) {
        ++coverage.mainland_answered;
        coverage.population_answered += population;
      }
    }
    for (const Dimension& dimension : registry->dimensions()) {
      DimensionRates rates{dimension.id, dimension.label, {}};
      std::map<std::string, size_t> index;
      for (const Category& category : dimension.categories) {
        index[category.code] = rates.categories.size();
        rates.categories.push_back({category.code, category.label, 0, 0});
      }
      for (const auto& [code, groups] : by_org) {
        const Organisation* org = registry->Find(code);
        auto category = org ? dimension.Classify(*org) : std::nullopt;
        if (!category) continue;
        auto at = index.find(*category);
        if (at == index.end()) {
          at = index.emplace(*category, rates.categories.size()).first;
          rates.categories.push_back({*category, {*category, *category, *category}, 0, 0});
        }
        ++rates.categories[at->second].invited;
        if (answered(groups)) ++rates.categories[at->second].answered;
      }
      monitor.dimensions.push_back(std::move(rates));
    }
  }

  for (const auto& [code, groups] : by_org) {
    if (answered(groups)) continue;
    Unanswered row;
    row.code = code;
    const Organisation* org = registry ? registry->Find(code) : nullptr;
    row.name = org ? org->name : LocalizedText{code, code, code};
    for (const GroupProgress& group : monitor.groups) {
      auto found = groups.find(group.target_group);
      if (found != groups.end()) {
        row.groups.emplace_back(found->first, found->second);
        row.contact_ids[found->first] = contact_of[code][found->first];
      }
    }
    if (org != nullptr) {
      for (const Dimension& dimension : registry->dimensions()) {
        if (auto category = dimension.Classify(*org)) row.categories[dimension.id] = *category;
      }
    }
    monitor.unanswered.push_back(std::move(row));
  }

  if (!submitted_on.empty()) {
    int64_t first = submitted_on.begin()->first.DaysSinceEpoch();
    int64_t last = submitted_on.rbegin()->first.DaysSinceEpoch();
    int cumulative = 0;
    for (int64_t day = first; day <= last; ++day) {
      Date date = Date::FromDaysSinceEpoch(day);
      auto found = submitted_on.find(date);
      int count = found == submitted_on.end() ? 0 : found->second;
      cumulative += count;
      monitor.days.push_back({date, count, cumulative});
    }
  }

  std::set<int64_t> in_scope;
  for (const Invitation& invitation : input.invitations) {
    if (questionnaires.count(invitation.questionnaire_id)) in_scope.insert(invitation.id);
  }
  std::map<std::pair<Date, MailKind>, int> mail;
  for (const OutboxEntry& entry : input.outbox) {
    if (entry.state != "sent" || !entry.sent_at || !in_scope.count(entry.invitation_id)) {
      continue;
    }
    ++mail[{Date::FromTimePoint(*entry.sent_at), entry.kind}];
  }
  for (const auto& [key, count] : mail) monitor.mail.push_back({key.first, key.second, count});
  return monitor;
}

std::string CoverageSentence(const Coverage& coverage, Lang lang) {
  std::string first = FormatPercentOf(coverage.answered, coverage.invited);
  std::string mainland = FormatPercentOf(coverage.mainland_answered, coverage.mainland_municipalities);
  std::string population = FormatPercentOf(coverage.population_answered, coverage.population_total);
  bool has_mainland = coverage.mainland_municipalities > 0;
  bool has_population = coverage.population_total > 0;
  bool whole_country = coverage.outside_mainland == 0;
  std::string text;
  switch (lang) {
    case Lang::kFi:
      text = fmt::format("vastannut {} / {} organisaatiota ({})", coverage.answered,
                         coverage.invited, first);
      if (has_mainland) {
        text += whole_country ? fmt::format(", {} kaikista kunnista", mainland)
                              : fmt::format(", {} kaikista manner-Suomen kunnista", mainland);
      }
      if (has_population) text += fmt::format(", kattaa {} väestöstä", population);
      break;
    case Lang::kSv:
      text = fmt::format("besvarad av {} av {} organisationer ({})", coverage.answered,
                         coverage.invited, first);
      if (has_mainland) {
        text += whole_country ? fmt::format(", {} av alla kommuner", mainland)
                              : fmt::format(", {} av alla kommuner på fastlandet", mainland);
      }
      if (has_population) text += fmt::format(", som täcker {} av befolkningen", population);
      break;
    case Lang::kEn:
      text = fmt::format("answered by {} of {} organisations ({})", coverage.answered,
                         coverage.invited, first);
      if (has_mainland) {
        text += whole_country ? fmt::format(", {} of all municipalities", mainland)
                              : fmt::format(", {} of all mainland municipalities", mainland);
      }
      if (has_population) text += fmt::format(", covering {} of the population", population);
      break;
  }
  return text;
}

stats::Dispositions DispositionsOf(const StatusCounts& c) {
  stats::Dispositions cases;
  cases.complete = c.submitted;
  cases.partial = c.partial;
  cases.refusal = c.declined + std::max(0, c.opened - c.partial - c.submitted);
  cases.non_contact = std::max(0, c.invited - c.opened - c.declined);
  return cases;
}

}  // namespace kartla::fieldwork
