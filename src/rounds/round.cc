#include "rounds/round.h"

#include <algorithm>
#include <tuple>

namespace kartla::rounds {
namespace {

const TargetGroup kBuiltin[] = {
    {"chief_executives",
     {"Kunnanjohtajat", "Kommundirektörer", "Chief executives"}},
    {"sector_management",
     {"Toimialajohto", "Sektorledning", "Sector management"}},
    {"administration_management",
     {"Hallintojohto", "Förvaltningsledning", "Administration management"}},
    {"ict_management", {"Tietohallinto", "IKT-ansvariga", "ICT management"}},
};

}  // namespace

std::span<const TargetGroup> BuiltinTargetGroups() { return kBuiltin; }

const TargetGroup* FindBuiltinTargetGroup(std::string_view code) {
  for (const TargetGroup& group : kBuiltin) {
    if (group.code == code) return &group;
  }
  return nullptr;
}

std::string_view PolicyCode(ResponsePolicy policy) {
  return policy == ResponsePolicy::kOnePerPerson ? "person" : "organisation";
}

std::optional<ResponsePolicy> ParsePolicy(std::string_view code) {
  if (code == "organisation") return ResponsePolicy::kOnePerOrganisation;
  if (code == "person") return ResponsePolicy::kOnePerPerson;
  return std::nullopt;
}

StagesOn StagesOnDay(const std::vector<Stage>& stages, Date day) {
  StagesOn on;
  for (const Stage& stage : stages) {
    if (stage.opens <= day && day <= stage.closes) {
      if (!on.open || stage.opens < on.open->opens) on.open = stage;
    } else if (day < stage.opens) {
      if (!on.next || stage.opens < on.next->opens) on.next = stage;
    } else if (!on.last_closed || on.last_closed->closes < stage.closes) {
      on.last_closed = stage;
    }
  }
  if (on.open || on.next) on.last_closed.reset();
  if (on.open) on.next.reset();
  return on;
}

bool AnswerWindow::Holds(const Stage& stage, std::string_view section) {
  return std::find(stage.sections.begin(), stage.sections.end(), section) !=
         stage.sections.end();
}

std::optional<Stage> AnswerWindow::ClosedFor(std::string_view section) const {
  if (late_answers_ || section.empty()) return std::nullopt;
  for (const Stage& stage : stages_) {
    if (Holds(stage, section) && Closed(stage)) return stage;
  }
  return std::nullopt;
}

std::optional<Stage> AnswerWindow::ClosedForAll(const std::vector<std::string>& sections) const {
  if (late_answers_) return std::nullopt;
  return AllClosed(sections);
}

std::optional<Stage> AnswerWindow::AllClosed(const std::vector<std::string>& sections) const {
  const Stage* last = nullptr;
  for (const Stage& stage : stages_) {
    bool holds = std::any_of(sections.begin(), sections.end(),
                             [&](const std::string& section) { return Holds(stage, section); });
    if (!holds) continue;
    if (!Closed(stage)) return std::nullopt;
    if (last == nullptr || last->closes < stage.closes) last = &stage;
  }
  if (last == nullptr) return std::nullopt;
  return *last;
}

std::optional<Stage> AnswerWindow::NextDeadline(const std::vector<std::string>& sections) const {
  const Stage* next = nullptr;
  for (const Stage& stage : stages_) {
    bool holds = std::any_of(sections.begin(), sections.end(),
                             [&](const std::string& section) { return Holds(stage, section); });
    if (!holds || Closed(stage)) continue;
    if (next == nullptr || stage.closes < next->closes) next = &stage;
  }
  if (next == nullptr) return std::nullopt;
  return *next;
}

bool AnswerWindow::Reopenable(const std::vector<std::string>& sections) const {
  return !FirstClosed(sections).has_value();
}

std::optional<Stage> AnswerWindow::FirstClosed(const std::vector<std::string>& sections) const {
  const Stage* first = nullptr;
  for (const Stage& stage : stages_) {
    bool holds = std::any_of(sections.begin(), sections.end(),
                             [&](const std::string& section) { return Holds(stage, section); });
    if (!holds || !Closed(stage)) continue;
    if (first == nullptr || stage.closes < first->closes) first = &stage;
  }
  if (first == nullptr) return std::nullopt;
  return *first;
}

std::vector<Round> RoundsOfSeries(const std::vector<Round>& all, int64_t series_id) {
  std::vector<Round> rounds;
  for (const Round& round : all) {
    if (round.series_id == series_id) rounds.push_back(round);
  }
  std::sort(rounds.begin(), rounds.end(), [](const Round& a, const Round& b) {
    return std::tie(a.year, a.code) < std::tie(b.year, b.code);
  });
  return rounds;
}

}  // namespace kartla::rounds
