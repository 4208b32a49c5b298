#include "stats/csv_design.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

namespace kartla::stats {

Result<size_t> CsvColumns::Index(const std::string& name) const {
  auto index = table_.ColumnIndex(name);
  if (!index) {
    return Status::InvalidInput(fmt::format("{}: there is no column {}", table_.file, name));
  }
  return *index;
}

Result<std::vector<double>> CsvColumns::Numbers(const std::string& name, bool required) const {
  auto column = Index(name);
  if (!column.ok()) return column.status();
  std::vector<double> values;
  std::vector<Problem> problems;
  for (const CsvRecord& record : table_.records) {
    const std::string& text = record.fields[*column];
    if (text.empty() && !required) {
      values.push_back(std::nan(""));
      continue;
    }
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) {
      problems.push_back({Severity::kError, table_.PlaceOf(record, *column),
                          fmt::format("column \"{}\": \"{}\" is not a number", name, text)});
      value = 0;
    }
    values.push_back(value);
  }
  if (!problems.empty()) {
    return Status::InvalidInput(
        fmt::format("{}: {} fields are not numbers", table_.file, problems.size()),
        std::move(problems));
  }
  return values;
}

Result<Factor> CsvColumns::Categories(const std::string& name) const {
  auto column = Index(name);
  if (!column.ok()) return column.status();
  Factor factor;
  factor.name = name;
  std::map<std::string, int> codes;
  for (const CsvRecord& record : table_.records) codes[record.fields[*column]] = 0;
  for (auto& [level, code] : codes) {
    code = int(factor.levels.size());
    factor.levels.push_back(level);
  }
  for (const CsvRecord& record : table_.records) {
    factor.codes.push_back(codes[record.fields[*column]]);
  }
  return factor;
}

Result<Margin> CsvColumns::ParseMargin(const std::string& spec) const {
  size_t colon = spec.find(':');
  if (colon == std::string::npos) {
    return Status::InvalidInput(fmt::format(
        "margin \"{}\": write it as COLUMN:CATEGORY=COUNT,CATEGORY=COUNT,...", spec));
  }
  std::vector<Factor> parts;
  std::string names = spec.substr(0, colon);
  for (size_t start = 0; start <= names.size();) {
    size_t star = names.find('*', start);
    auto factor = Categories(names.substr(start, star - start));
    if (!factor.ok()) return factor.status();
    parts.push_back(std::move(factor).value());
    if (star == std::string::npos) break;
    start = star + 1;
  }
  // The crossed factor: levels "a*b" of the categories seen.
  Factor cells;
  cells.name = names;
  std::map<std::string, int> codes;
  for (size_t i = 0; i < rows(); ++i) {
    std::string level;
    for (const Factor& part : parts) {
      level += (level.empty() ? "" : "*") + part.levels[part.codes[i]];
    }
    auto [found, added] = codes.emplace(level, int(cells.levels.size()));
    if (added) cells.levels.push_back(level);
    cells.codes.push_back(found->second);
  }
  Margin margin;
  margin.totals.assign(cells.levels.size(), std::nan(""));
  std::string list = spec.substr(colon + 1);
  for (size_t start = 0; start < list.size();) {
    size_t comma = list.find(',', start);
    std::string item = list.substr(start, comma - start);
    size_t equals = item.rfind('=');
    char* end = nullptr;
    double count = equals == std::string::npos ? 0 : std::strtod(item.c_str() + equals + 1, &end);
    if (equals == std::string::npos || end != item.c_str() + item.size() || count < 0) {
      return Status::InvalidInput(
          fmt::format("margin \"{}\": \"{}\" is not CATEGORY=COUNT", spec, item));
    }
    auto found = codes.find(item.substr(0, equals));
    if (found == codes.end()) {
      return Status::InvalidInput(fmt::format(
          "margin {}: no respondent in the category {}, which has a population count of {}",
          names, item.substr(0, equals), count));
    }
    margin.totals[found->second] = count;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  for (size_t k = 0; k < cells.levels.size(); ++k) {
    if (std::isnan(margin.totals[k])) {
      return Status::InvalidInput(
          fmt::format("margin {}: the category {} has respondents but no population count",
                      names, cells.levels[k]));
    }
  }
  margin.factor = std::move(cells);
  return margin;
}

Result<Design> MakeCsvDesign(const CsvColumns& columns, const CsvDesignSpec& spec) {
  DesignSpec design_spec;
  auto weights = columns.Numbers(spec.weights, true);
  if (!weights.ok()) return weights.status();
  design_spec.weights = std::move(weights).value();
  if (!spec.strata.empty()) {
    auto strata = columns.Categories(spec.strata);
    if (!strata.ok()) return strata.status();
    design_spec.strata = strata->codes;
    design_spec.stratum_names = strata->levels;
  }
  if (!spec.psu.empty()) {
    auto psus = columns.Categories(spec.psu);
    if (!psus.ok()) return psus.status();
    design_spec.psus = psus->codes;
  }
  if (!spec.fpc.empty()) {
    auto fpc = columns.Numbers(spec.fpc, true);
    if (!fpc.ok()) return fpc.status();
    design_spec.fpc = std::move(fpc).value();
  }
  auto design = Design::Make(std::move(design_spec));
  if (!design.ok()) return design.status();

  auto margins = [&](const std::vector<std::string>& specs) -> Result<std::vector<Margin>> {
    std::vector<Margin> all;
    for (const std::string& each : specs) {
      auto margin = columns.ParseMargin(each);
      if (!margin.ok()) return margin.status();
      all.push_back(std::move(margin).value());
    }
    return all;
  };
  Status weighted = Status::Ok();
  if (!spec.poststratify.empty()) {
    auto cells = margins({spec.poststratify});
    weighted = cells.ok() ? design->PostStratify(cells->front().factor, cells->front().totals)
                          : cells.status();
  } else if (!spec.rake.empty()) {
    auto all = margins(spec.rake);
    weighted = all.ok() ? design->Rake(*all, spec.rake_control) : all.status();
  } else if (!spec.calibrate.empty()) {
    auto all = margins(spec.calibrate);
    weighted = all.ok() ? design->Calibrate(*all, spec.calfun) : all.status();
  }
  if (!weighted.ok()) return weighted;
  return design;
}

Result<std::vector<CsvEstimate>> EstimateFromCsv(const CsvColumns& columns, const Design& design,
                                                 const CsvEstimates& asked) {
  // The domains of `by`, or the whole sample.
  std::vector<std::pair<std::string, std::vector<bool>>> domains;
  if (!asked.by.empty()) {
    auto by = columns.Categories(asked.by);
    if (!by.ok()) return by.status();
    for (size_t k = 0; k < by->levels.size(); ++k) {
      std::vector<bool> in;
      for (int code : by->codes) in.push_back(code == int(k));
      domains.emplace_back(by->levels[k], std::move(in));
    }
  } else {
    domains.emplace_back("", std::vector<bool>());
  }
  std::vector<CsvEstimate> estimates;
  for (const auto& [name, in] : domains) {
    const std::vector<bool>* domain = asked.by.empty() ? nullptr : &in;
    for (const std::string& variable : asked.means) {
      auto y = columns.Numbers(variable, false);
      if (!y.ok()) return y.status();
      estimates.push_back({"mean", variable, "", name, design.Mean(*y, domain)});
    }
    for (const std::string& variable : asked.totals) {
      auto y = columns.Numbers(variable, false);
      if (!y.ok()) return y.status();
      estimates.push_back({"total", variable, "", name, design.Total(*y, domain)});
    }
    for (const std::string& variable : asked.shares) {
      auto factor = columns.Categories(variable);
      if (!factor.ok()) return factor.status();
      // An empty field is a missing answer: out of every share's base.
      auto missing = std::find(factor->levels.begin(), factor->levels.end(), "");
      int missing_code =
          missing == factor->levels.end() ? -1 : int(missing - factor->levels.begin());
      for (size_t k = 0; k < factor->levels.size(); ++k) {
        if (int(k) == missing_code) continue;
        std::vector<double> indicator;
        for (int code : factor->codes) {
          indicator.push_back(code == missing_code ? std::nan("") : code == int(k) ? 1.0 : 0.0);
        }
        estimates.push_back(
            {"share", variable, factor->levels[k], name, design.Mean(indicator, domain)});
      }
    }
  }
  return estimates;
}

}  // namespace kartla::stats
