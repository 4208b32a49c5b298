#include "registry/dimension.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace kartla {
namespace {

bool IsAllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// Orders category codes numerically when both are numbers ("2" < "10"),
// otherwise as text.
bool CodeLess(const std::string& a, const std::string& b) {
  if (IsAllDigits(a) && IsAllDigits(b)) {
    std::string_view x = a, y = b;
    x.remove_prefix(std::min(x.find_first_not_of('0'), x.size()));
    y.remove_prefix(std::min(y.find_first_not_of('0'), y.size()));
    if (x.size() != y.size()) return x.size() < y.size();
    if (x != y) return x < y;
  }
  return a < b;
}

}  // namespace

std::string_view DimensionRuleName(DimensionRule rule) {
  switch (rule) {
    case DimensionRule::kKind:
      return "kind";
    case DimensionRule::kAttribute:
      return "attribute";
    case DimensionRule::kBands:
      return "bands";
  }
  return "attribute";
}

std::optional<DimensionRule> ParseDimensionRule(std::string_view text) {
  for (DimensionRule rule : {DimensionRule::kKind, DimensionRule::kAttribute,
                             DimensionRule::kBands}) {
    if (text == DimensionRuleName(rule)) return rule;
  }
  return std::nullopt;
}

std::optional<std::string> Dimension::Classify(const Organisation& org) const {
  switch (rule) {
    case DimensionRule::kKind:
      return std::string(KindCode(org.kind));
    case DimensionRule::kAttribute: {
      auto value = org.TextAttribute(attribute);
      if (!value || value->empty() || FindCategory(*value) == nullptr) {
        return std::nullopt;
      }
      return value;
    }
    case DimensionRule::kBands: {
      auto value = org.NumberAttribute(attribute);
      if (!value || std::isnan(*value)) return std::nullopt;
      const Category* found = nullptr;
      for (const Category& category : categories) {
        if (category.lower_bound && double(*category.lower_bound) <= *value) {
          found = &category;
        }
      }
      if (found == nullptr) return std::nullopt;
      return found->code;
    }
  }
  return std::nullopt;
}

const Category* Dimension::FindCategory(std::string_view code) const {
  for (const Category& category : categories) {
    if (category.code == code) return &category;
  }
  return nullptr;
}

std::optional<std::string> CheckSizeClassCuts(std::span<const int64_t> cuts) {
  if (cuts.empty()) return "give at least one cut point";
  for (size_t i = 0; i < cuts.size(); ++i) {
    if (cuts[i] <= 0) {
      return fmt::format("cut point {} is not positive", cuts[i]);
    }
    if (i > 0 && cuts[i] <= cuts[i - 1]) {
      return fmt::format("cut points must ascend, but {} follows {}", cuts[i],
                         cuts[i - 1]);
    }
  }
  return std::nullopt;
}

Category BandCategory(int64_t lower, std::optional<int64_t> next) {
  Category category;
  category.lower_bound = lower;
  auto num = [](int64_t v, Lang lang) { return FormatInteger(v, lang); };
  if (lower == 0 && next) {
    category.code = fmt::format("0-{}", *next - 1);
    category.label = {"alle " + num(*next, Lang::kFi), "under " + num(*next, Lang::kSv),
                      "under " + num(*next, Lang::kEn)};
  } else if (!next) {
    category.code = fmt::format("{}-", lower);
    category.label = {"vähintään " + num(lower, Lang::kFi), "minst " + num(lower, Lang::kSv),
                      num(lower, Lang::kEn) + " and over"};
  } else {
    category.code = fmt::format("{}-{}", lower, *next - 1);
    for (Lang lang : kAllLangs) {
      category.label.Mutable(lang) = num(lower, lang) + "\u2013" + num(*next - 1, lang);
    }
  }
  return category;
}

Dimension MakeSizeClassDimension(std::span<const int64_t> cuts) {
  Dimension dimension;
  dimension.id = "size_class";
  dimension.label = {"Kuntakokoluokka", "Storleksklass",
                     "Size class (population)"};
  dimension.rule = DimensionRule::kBands;
  dimension.attribute = "population";
  int64_t lower = 0;
  for (size_t i = 0; i <= cuts.size(); ++i) {
    std::optional<int64_t> next;
    if (i < cuts.size()) next = cuts[i];
    dimension.categories.push_back(BandCategory(lower, next));
    if (next) lower = *next;
  }
  return dimension;
}

Dimension MakeAttributeDimension(std::string id, LocalizedText label,
                                 std::string attribute,
                                 LocalizedText label_attributes,
                                 std::vector<Category> categories) {
  Dimension dimension;
  dimension.id = std::move(id);
  dimension.label = std::move(label);
  dimension.rule = DimensionRule::kAttribute;
  dimension.attribute = std::move(attribute);
  dimension.label_attributes = std::move(label_attributes);
  dimension.categories = std::move(categories);
  return dimension;
}

Dimension MakeRegionDimension(LocalizedText label) {
  return MakeAttributeDimension("region", std::move(label), "region_code",
                                {"region_fi", "region_sv", "region_en"});
}

Dimension MakeKindDimension() {
  Dimension dimension;
  dimension.id = "kind";
  dimension.label = {"Organisaatiotyyppi", "Organisationstyp",
                     "Kind of organisation"};
  dimension.rule = DimensionRule::kKind;
  for (OrganisationKind kind : kAllOrganisationKinds) {
    dimension.categories.push_back(
        {std::string(KindCode(kind)), KindLabel(kind), std::nullopt});
  }
  return dimension;
}

void AddObservedCategories(std::span<const Organisation> organisations,
                           std::vector<Dimension>& dimensions) {
  for (Dimension& dimension : dimensions) {
    if (dimension.rule != DimensionRule::kAttribute) continue;
    std::set<std::string, decltype(&CodeLess)> added(&CodeLess);
    std::vector<Category> found;
    for (const Organisation& org : organisations) {
      auto code = org.TextAttribute(dimension.attribute);
      if (!code || code->empty() || dimension.FindCategory(*code) ||
          !added.insert(*code).second) {
        continue;
      }
      Category category{*code, {}, std::nullopt};
      for (Lang lang : kAllLangs) {
        const std::string& attr = dimension.label_attributes.Exact(lang);
        if (attr.empty()) continue;
        if (auto label = org.TextAttribute(attr)) {
          category.label.Mutable(lang) = *label;
        }
      }
      if (category.label.empty()) category.label = {*code, *code, *code};
      found.push_back(std::move(category));
    }
    std::sort(found.begin(), found.end(),
              [](const Category& a, const Category& b) {
                return CodeLess(a.code, b.code);
              });
    for (Category& category : found) {
      dimension.categories.push_back(std::move(category));
    }
  }
}

const LocalizedText& NoCategoryLabel() {
  static const LocalizedText kLabel{"ei tietoa", "uppgift saknas",
                                    "not known"};
  return kLabel;
}

}  // namespace kartla
