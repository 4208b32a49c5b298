// Organisations that surveys are addressed to: municipalities, joint
// municipal authorities, regions and others, each with a code, names in the
// three languages, the dates it is active and typed attributes (population,
// region code, language status ...).

#ifndef KARTLA_REGISTRY_ORGANISATION_H_
#define KARTLA_REGISTRY_ORGANISATION_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/clock.h"
#include "core/text.h"

namespace kartla {

enum class OrganisationKind { kMunicipality, kJointAuthority, kRegion, kOther };

inline constexpr OrganisationKind kAllOrganisationKinds[] = {
    OrganisationKind::kMunicipality, OrganisationKind::kJointAuthority,
    OrganisationKind::kRegion, OrganisationKind::kOther};

// "municipality", "joint-authority", "region", "other".
std::string_view KindCode(OrganisationKind kind);
// Accepts the codes above in any case, with '_' for '-'. Returns nullopt for
// anything else.
std::optional<OrganisationKind> ParseKind(std::string_view text);
// "kunta" / "kommun" / "municipality" ...
const LocalizedText& KindLabel(OrganisationKind kind);

// The longest organisation code.
inline constexpr size_t kMaxOrganisationCode = 32;
// Whether `code` may be an organisation's code: 1 to kMaxOrganisationCode
// letters (ASCII), digits, '-', '_' and '.' ("091", "0114", "jma-07",
// "0201256-6"). Codes go into file names, addresses and downloads' names,
// so nothing else is accepted on any import.
bool ValidOrganisationCode(std::string_view code);

enum class AttributeType { kText, kInteger, kNumber };

// "text", "integer", "number".
std::string_view AttributeTypeName(AttributeType type);
std::optional<AttributeType> ParseAttributeType(std::string_view text);

// One attribute value; its alternative is its type.
using AttributeValue = std::variant<std::string, int64_t, double>;

AttributeType TypeOf(const AttributeValue& value);
// The value as text: numbers in the C locale ("9183", "12.5").
std::string AttributeText(const AttributeValue& value);

struct Organisation {
  std::string code;  // unique within a registry version, e.g. "091"
  OrganisationKind kind = OrganisationKind::kMunicipality;
  LocalizedText name;
  std::optional<Date> active_from;  // nullopt: since always
  std::optional<Date> active_to;    // nullopt: still active; inclusive
  std::map<std::string, AttributeValue> attributes;  // by name

  // The attribute called `name`, or nullptr.
  const AttributeValue* Attribute(std::string_view attribute) const;
  // The attribute as text; nullopt if absent.
  std::optional<std::string> TextAttribute(std::string_view attribute) const;
  // The attribute as a number; nullopt if absent or text.
  std::optional<double> NumberAttribute(std::string_view attribute) const;
  // The language to address the organisation in: Swedish if its language
  // attribute starts with "sv" (Swedish, or Swedish-majority bilingual),
  // else Finnish.
  Lang MainLanguage() const;
  // False for an organisation whose attribute mainland is "no" (Åland's
  // municipalities in Finland), true otherwise.
  bool OnMainland() const;
  // True if the organisation exists on `date`.
  bool ActiveOn(Date date) const;

  friend bool operator==(const Organisation&, const Organisation&) = default;
};

}  // namespace kartla

#endif  // KARTLA_REGISTRY_ORGANISATION_H_
