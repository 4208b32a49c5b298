#include "publish/audit_report.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "core/system_error.h"

namespace kartla::publish {

namespace json = boost::json;

namespace {

template <typename T>
json::array Array(const std::vector<T>& items) {
  json::array out;
  for (const T& item : items) out.emplace_back(item);
  return out;
}

template <typename T>
json::array Rows(const std::vector<std::vector<T>>& rows) {
  json::array out;
  for (const auto& row : rows) out.emplace_back(Array(row));
  return out;
}

// A distribution whole: everything stats::Link needs to rebuild what a
// reader of it knew and what it hid.
json::object DistributionJson(const stats::Distribution& d) {
  json::object out{{"multiple", d.multiple},
                   {"categories", Array(d.categories)},
                   {"groups", Array(d.groups)},
                   {"members", Rows(d.members)},
                   {"counts", Rows(d.counts)},
                   {"base", Array(d.base)},
                   {"unpublished", Rows(d.unpublished)},
                   {"unpublished_base", Array(d.unpublished_base)},
                   {"suppressed", Rows(d.suppressed)},
                   {"base_suppressed", Array(d.base_suppressed)},
                   {"public_bases", d.public_bases},
                   {"private_bases", Array(d.private_bases)}};
  if (d.crossed) out["crossed"] = json::array{d.crossed->first, d.crossed->second};
  return out;
}

stats::Distribution DistributionFromJson(const json::object& o) {
  stats::Distribution d;
  d.multiple = o.at("multiple").as_bool();
  d.categories = json::value_to<std::vector<std::string>>(o.at("categories"));
  d.groups = json::value_to<std::vector<std::string>>(o.at("groups"));
  if (o.contains("members")) {  // reports from before lines' make-ups were kept: none
    d.members = json::value_to<std::vector<std::vector<std::string>>>(o.at("members"));
  }
  d.counts = json::value_to<std::vector<std::vector<int>>>(o.at("counts"));
  d.base = json::value_to<std::vector<int>>(o.at("base"));
  d.unpublished = json::value_to<std::vector<std::vector<int>>>(o.at("unpublished"));
  d.unpublished_base = json::value_to<std::vector<int>>(o.at("unpublished_base"));
  d.suppressed = json::value_to<std::vector<std::vector<bool>>>(o.at("suppressed"));
  d.base_suppressed = json::value_to<std::vector<bool>>(o.at("base_suppressed"));
  d.public_bases = o.at("public_bases").as_bool();
  d.private_bases = json::value_to<std::vector<bool>>(o.at("private_bases"));
  if (o.contains("crossed")) {
    auto sizes = json::value_to<std::vector<size_t>>(o.at("crossed"));
    if (sizes.size() == 2) d.crossed = std::pair{sizes[0], sizes[1]};
  }
  // Shapes that do not fit are not a table to link with.
  const size_t lines = d.groups.size(), choices = d.categories.size();
  auto fits = [&](const auto& rows) {
    return std::ranges::all_of(rows, [&](const auto& row) { return row.size() == choices; });
  };
  if (lines == 0 || d.counts.size() != lines || d.base.size() != lines ||
      d.suppressed.size() != lines || d.base_suppressed.size() != lines || !fits(d.counts) ||
      !fits(d.suppressed) || !fits(d.unpublished) ||
      d.unpublished.size() != d.unpublished_base.size()) {
    throw std::invalid_argument("a table of the wrong shape");
  }
  return d;
}

// Whether a hidden count is under the rule, and whether a reader still
// cannot narrow it below the rule.
struct Judged {
  bool under_k = false;
  bool safe = true;
};
Judged Judge(const stats::HiddenRange& range) {
  const bool under_k = range.value > 0 && range.value < range.needed;
  return {under_k, !under_k || (range.lower <= 0 && range.upper >= range.needed)};
}

}  // namespace

AuditSummary SummariseAudit(const ReleaseInput& input) {
  const stats::DisclosureRules rules{input.k, input.small_group};
  AuditSummary summary;
  for (const ReleaseTable& release_table : input.tables) {
    for (const stats::GroupResult& line : release_table.table.groups) {
      summary.summaries_hidden += line.summary_hidden;
    }
    const stats::Distribution* table = release_table.table.distribution.get();
    if (!table) continue;
    bool any = false;
    for (const stats::HiddenRange& range : stats::HiddenRanges(*table, rules)) {
      const Judged judged = Judge(range);
      ++summary.hidden;
      summary.under_k += judged.under_k;
      summary.breaking += !judged.safe;
      any = true;
    }
    summary.tables_with_hidden += any;
  }
  return summary;
}

std::string AuditReportJson(const ReleaseInput& input, int version) {
  const stats::DisclosureRules rules{input.k, input.small_group};
  json::array tables, counts, summaries;
  int hidden = 0, few = 0, broken = 0;
  for (const ReleaseTable& release_table : input.tables) {
    if (release_table.table.summary_equations) {
      json::array lines;
      const std::vector<double>& sums = release_table.table.summary_equations->answered_sum;
      for (size_t l = 0; l < release_table.table.groups.size(); ++l) {
        const stats::GroupResult& line = release_table.table.groups[l];
        json::object entry{{"line", line.code},
                           {"valid", line.valid},
                           {"shown", !line.summary_hidden},
                           {"sum", l < sums.size() ? sums[l] : 0.0}};
        if (!line.members.empty()) entry["members"] = Array(line.members);
        lines.emplace_back(std::move(entry));
      }
      summaries.emplace_back(
          json::object{{"file", release_table.stem}, {"lines", std::move(lines)}});
    }
    const stats::Distribution* table = release_table.table.distribution.get();
    if (!table) continue;
    counts.emplace_back(
        json::object{{"file", release_table.stem}, {"distribution", DistributionJson(*table)}});
    json::array values;
    for (const stats::HiddenRange& range : stats::HiddenRanges(*table, rules)) {
      const auto [under_k, safe] = Judge(range);
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
      {"tables", std::move(tables)},
      {"counts", std::move(counts)},
      {"summaries", std::move(summaries)}};
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

namespace kartla::publish {

AuditRecord ReadAudit(const std::string& path) {
  AuditRecord out;
  std::ifstream in(path, std::ios::binary);
  if (!in) return out;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  boost::system::error_code error;
  json::value report = json::parse(text, error);
  if (error || !report.is_object()) return out;
  const json::object& fields = report.as_object();
  try {
    if (fields.contains("counts")) {
      for (const json::value& entry : fields.at("counts").as_array()) {
        out.counts.emplace(json::value_to<std::string>(entry.at("file")),
                           DistributionFromJson(entry.at("distribution").as_object()));
      }
    }
    if (fields.contains("summaries")) {
      for (const json::value& entry : fields.at("summaries").as_array()) {
        auto& lines = out.summaries[json::value_to<std::string>(entry.at("file"))];
        for (const json::value& line : entry.at("lines").as_array()) {
          const json::object& of_line = line.as_object();
          lines[json::value_to<std::string>(of_line.at("line"))] = stats::SummaryShown{
              json::value_to<int>(of_line.at("valid")), of_line.at("shown").as_bool(),
              of_line.at("sum").to_number<double>(),
              of_line.contains("members")
                  ? json::value_to<std::vector<std::string>>(of_line.at("members"))
                  : std::vector<std::string>{}};
        }
      }
    }
  } catch (const std::exception&) {
    out = {};  // not a report Kartla wrote: nothing to audit with
  }
  return out;
}

}  // namespace kartla::publish
