#include "rounds/round.h"

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

}  // namespace kartla::rounds
