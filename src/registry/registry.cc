#include "registry/registry.h"

namespace kartla {

Registry::Registry(RegistryVersionInfo info, RegistryContent content)
    : info_(std::move(info)), content_(std::move(content)) {
  for (size_t i = 0; i < content_.organisations.size(); ++i) {
    by_code_.emplace(content_.organisations[i].code, i);
  }
}

const Organisation* Registry::Find(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : &content_.organisations[it->second];
}

const Dimension* Registry::FindDimension(std::string_view id) const {
  for (const Dimension& dimension : content_.dimensions) {
    if (dimension.id == id) return &dimension;
  }
  return nullptr;
}

std::vector<CategoryCount> Registry::Count(
    const Dimension& dimension, std::optional<OrganisationKind> kind) const {
  std::vector<CategoryCount> counts;
  std::unordered_map<std::string, size_t> index;
  for (const Category& category : dimension.categories) {
    index.emplace(category.code, counts.size());
    counts.push_back({&category, 0});
  }
  int none = 0;
  for (const Organisation& org : content_.organisations) {
    if (kind && org.kind != *kind) continue;
    auto code = dimension.Classify(org);
    if (code) {
      ++counts[index.at(*code)].count;
    } else {
      ++none;
    }
  }
  if (none > 0) counts.push_back({nullptr, none});
  return counts;
}

}  // namespace kartla
