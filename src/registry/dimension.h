// Dimensions are the categorical attributes of organisations that results
// are broken down by: region, language status, urban/rural group, wellbeing
// services county, kind, and size class derived from population. A
// dimension knows its categories, their order and their labels in three
// languages.

#ifndef KARTLA_REGISTRY_DIMENSION_H_
#define KARTLA_REGISTRY_DIMENSION_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "registry/organisation.h"

namespace kartla {

// How a dimension assigns an organisation to a category.
enum class DimensionRule {
  kKind,       // by the organisation's kind
  kAttribute,  // by a text attribute whose value is the category code
  kBands,      // by a number attribute falling into a band of values
};

// "kind", "attribute", "bands".
std::string_view DimensionRuleName(DimensionRule rule);
std::optional<DimensionRule> ParseDimensionRule(std::string_view text);

struct Category {
  std::string code;  // e.g. "01", "fi+sv", "2000-4999"
  LocalizedText label;
  // kBands only: the smallest value in the band; the band ends where the
  // next one starts.
  std::optional<int64_t> lower_bound;

  friend bool operator==(const Category&, const Category&) = default;
};

struct Dimension {
  std::string id;  // e.g. "region", "size_class"
  LocalizedText label;
  DimensionRule rule = DimensionRule::kAttribute;
  // kAttribute, kBands: the attribute read.
  std::string attribute;
  // kAttribute: attributes holding each category's label in fi, sv and en
  // ("region_fi" ...). Any may be empty; then the code is the label.
  LocalizedText label_attributes;
  // In the order results list them. kBands: ascending lower bounds.
  std::vector<Category> categories;

  // The code of the category `org` falls in; nullopt if the organisation
  // lacks the attribute, or its value is in no category.
  std::optional<std::string> Classify(const Organisation& org) const;
  // The category with `code`, or nullptr.
  const Category* FindCategory(std::string_view code) const;

  friend bool operator==(const Dimension&, const Dimension&) = default;
};

// Size classes of population with lower bounds at `cuts`, e.g. {2000, 5000}
// gives "under 2,000", "2,000–4,999", "5,000 and over", labelled in three
// languages.
// REQUIRES: cuts are positive and strictly ascending.
Dimension MakeSizeClassDimension(std::span<const int64_t> cuts);

// The band from `lower` up to (not including) `next`, or upward without
// end: code "2000-4999" / "0-1999" / "100000-", labelled "2,000–4,999",
// "under 2,000", "100,000 and over" in three languages. Merging
// neighbouring bands makes a band of the first's lower and the last's next.
Category BandCategory(int64_t lower, std::optional<int64_t> next);

// Checks size class cut points given by a person: they must be positive and
// strictly ascending. Returns a message saying what is wrong, or nullopt.
std::optional<std::string> CheckSizeClassCuts(std::span<const int64_t> cuts);

// A kAttribute dimension: organisations fall in the category whose code is
// their `attribute`. `categories` fixes the known ones and their order;
// others are added as they are observed (AddObservedCategories).
Dimension MakeAttributeDimension(std::string id, LocalizedText label,
                                 std::string attribute,
                                 LocalizedText label_attributes = {},
                                 std::vector<Category> categories = {});

// The region dimension: attribute "region_code", category labels from
// "region_fi", "region_sv" and "region_en".
Dimension MakeRegionDimension(LocalizedText label);

// The dimension of organisation kinds, with the four kinds as categories.
Dimension MakeKindDimension();

// Adds to the categories of each kAttribute dimension the codes used by
// `organisations` that it lacks, labelled from the organisations' label
// attributes, in ascending order of code (numerically when codes are
// numbers). Existing categories keep their place and labels.
void AddObservedCategories(std::span<const Organisation> organisations,
                           std::vector<Dimension>& dimensions);

// The label shown for organisations that fall in no category of a dimension:
// "ei tietoa" / "uppgift saknas" / "not known".
const LocalizedText& NoCategoryLabel();

}  // namespace kartla

#endif  // KARTLA_REGISTRY_DIMENSION_H_
