#include "registry/organisation.h"

#include <fmt/format.h>

namespace kartla {

std::string_view KindCode(OrganisationKind kind) {
  switch (kind) {
    case OrganisationKind::kMunicipality:
      return "municipality";
    case OrganisationKind::kJointAuthority:
      return "joint-authority";
    case OrganisationKind::kRegion:
      return "region";
    case OrganisationKind::kOther:
      return "other";
  }
  return "other";
}

bool ValidOrganisationCode(std::string_view code) {
  if (code.empty() || code.size() > kMaxOrganisationCode) return false;
  for (char c : code) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::optional<OrganisationKind> ParseKind(std::string_view text) {
  std::string code = AsciiLower(Trim(text));
  for (char& c : code) {
    if (c == '_') c = '-';
  }
  for (OrganisationKind kind : kAllOrganisationKinds) {
    if (code == KindCode(kind)) return kind;
  }
  return std::nullopt;
}

const LocalizedText& KindLabel(OrganisationKind kind) {
  static const LocalizedText kMunicipality{"kunta", "kommun", "municipality"};
  static const LocalizedText kJointAuthority{
      "kuntayhtymä", "samkommun", "joint municipal authority"};
  static const LocalizedText kRegion{"alue", "region", "region"};
  static const LocalizedText kOther{"muu", "annan", "other"};
  switch (kind) {
    case OrganisationKind::kMunicipality:
      return kMunicipality;
    case OrganisationKind::kJointAuthority:
      return kJointAuthority;
    case OrganisationKind::kRegion:
      return kRegion;
    case OrganisationKind::kOther:
      return kOther;
  }
  return kOther;
}

std::string_view AttributeTypeName(AttributeType type) {
  switch (type) {
    case AttributeType::kText:
      return "text";
    case AttributeType::kInteger:
      return "integer";
    case AttributeType::kNumber:
      return "number";
  }
  return "text";
}

std::optional<AttributeType> ParseAttributeType(std::string_view text) {
  std::string name = AsciiLower(Trim(text));
  for (AttributeType type :
       {AttributeType::kText, AttributeType::kInteger, AttributeType::kNumber}) {
    if (name == AttributeTypeName(type)) return type;
  }
  return std::nullopt;
}

AttributeType TypeOf(const AttributeValue& value) {
  if (std::holds_alternative<int64_t>(value)) return AttributeType::kInteger;
  if (std::holds_alternative<double>(value)) return AttributeType::kNumber;
  return AttributeType::kText;
}

std::string AttributeText(const AttributeValue& value) {
  if (const auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
  return std::get<std::string>(value);
}

const AttributeValue* Organisation::Attribute(std::string_view attribute) const {
  auto it = attributes.find(std::string(attribute));
  return it == attributes.end() ? nullptr : &it->second;
}

std::optional<std::string> Organisation::TextAttribute(
    std::string_view attribute) const {
  const AttributeValue* value = Attribute(attribute);
  if (value == nullptr) return std::nullopt;
  return AttributeText(*value);
}

Lang Organisation::MainLanguage() const {
  auto language = TextAttribute("language");
  return language && language->starts_with("sv") ? Lang::kSv : Lang::kFi;
}

std::optional<double> Organisation::NumberAttribute(
    std::string_view attribute) const {
  const AttributeValue* value = Attribute(attribute);
  if (value == nullptr) return std::nullopt;
  if (const auto* i = std::get_if<int64_t>(value)) return double(*i);
  if (const auto* d = std::get_if<double>(value)) return *d;
  return std::nullopt;
}

bool Organisation::OnMainland() const {
  return TextAttribute("mainland") != std::optional<std::string>("no");
}

bool Organisation::ActiveOn(Date date) const {
  if (active_from && date < *active_from) return false;
  if (active_to && *active_to < date) return false;
  return true;
}

}  // namespace kartla
