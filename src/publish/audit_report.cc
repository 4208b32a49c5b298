#include "publish/audit_report.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/system_error.h"

namespace kartla::publish {

namespace json = boost::json;

std::string AuditReportJson(const ReleaseInput& input, int version) {
  const stats::DisclosureRules rules{input.k, input.small_group};
  json::array tables;
  int hidden = 0, few = 0, broken = 0;
  for (const ReleaseTable& release_table : input.tables) {
    const stats::Distribution* table = release_table.table.distribution.get();
    if (!table) continue;
    json::array values;
    for (const stats::HiddenRange& range : stats::HiddenRanges(*table, rules)) {
      const bool under_k = range.value > 0 && range.value < range.needed;
      const bool safe = !under_k || (range.lower <= 0 && range.upper >= range.needed);
      ++hidden;
      few += under_k;
      broken += !safe;
      json::object value{
          {"line", table->groups[size_t(range.group)]},
          {"choice", range.category < 0 ? std::string()
                                        : table->categories[size_t(range.category)]},
          {"count", range.value},
          {"lower", range.lower},
          {"upper", std::isinf(range.upper) ? json::value(nullptr) : json::value(range.upper)},
          {"needed", range.needed},
          {"safe", safe}};
      values.emplace_back(std::move(value));
    }
    if (values.empty()) continue;
    tables.emplace_back(json::object{{"table", release_table.id},
                                     {"file", release_table.stem},
                                     {"hidden", std::move(values)}});
  }
  json::object report{
      {"round", input.round},
      {"version", version},
      {"date", input.date},
      {"private", "The survey team's audit: never publish this file."},
      {"rule",
       fmt::format("k = {}: every hidden count of 1 … k−1 must range from 0 to k or more for "
                   "any reader (to all who answered, where fewer did)",
                   input.k)},
      {"small_group", input.small_group},
      {"summary", json::object{{"hidden", hidden}, {"under_k", few}, {"breaking_the_rule", broken}}},
      {"tables", std::move(tables)}};
  return json::serialize(report) + "\n";
}

std::string WriteAuditReport(const ReleaseInput& input, const ReleaseOutcome& outcome) {
  const std::filesystem::path target = outcome.folder + ".audit.json";
  const std::filesystem::path partial = outcome.folder + ".audit.json.partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << AuditReportJson(input, outcome.version);
    out.flush();
    if (!out) throw SystemError("cannot write " + partial.string());
  }
  std::error_code error;
  std::filesystem::rename(partial, target, error);
  if (error) throw SystemError("cannot write " + target.string() + ": " + error.message());
  return target.string();
}

}  // namespace kartla::publish
