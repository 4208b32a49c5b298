#include "publish/formats.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace kartla::publish {
namespace {

namespace json = boost::json;
using stats::GroupResult;
using stats::QuestionTable;
using stats::TableKind;

// The published lines: those anyone answered in, and the total.
std::vector<const GroupResult*> Lines(const QuestionTable& table) {
  std::vector<const GroupResult*> lines;
  for (const GroupResult& line : table.groups) {
    if (line.base > 0 || &line == &table.Total()) lines.push_back(&line);
  }
  return lines;
}

bool HasChoices(const QuestionTable& table) { return !table.Total().shares.empty(); }

// A number rounded for publication, or null.
json::value Rounded(double value, int decimals, bool hidden) {
  if (hidden || std::isnan(value)) return nullptr;
  double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (decimals == 0) return json::value(static_cast<std::int64_t>(rounded));
  return json::value(rounded + 0.0);  // no negative zero
}

struct Measure {
  const char* code;
  LocalizedText label;
  LocalizedText unit;
  int decimals;
};

json::object Category(const std::vector<std::string>& codes,
                      const std::vector<std::string>& labels) {
  json::array index;
  json::object label;
  for (size_t k = 0; k < codes.size(); ++k) {
    index.emplace_back(codes[k]);
    label[codes[k]] = labels[k];
  }
  return {{"index", std::move(index)}, {"label", std::move(label)}};
}

json::object MeasureDimension(const std::vector<Measure>& measures, Lang lang) {
  static const LocalizedText kMeasure{"mittari", "mått", "measure"};
  std::vector<std::string> codes, labels;
  json::object units;
  for (const Measure& measure : measures) {
    codes.push_back(measure.code);
    labels.push_back(measure.label.Get(lang));
    units[measure.code] = {{"label", measure.unit.Get(lang)}, {"decimals", measure.decimals}};
  }
  json::object category = Category(codes, labels);
  category["unit"] = std::move(units);
  return {{"label", kMeasure.Get(lang)}, {"category", std::move(category)}};
}

const LocalizedText kSuppressed{
    ".. = salattu: alle k vastaajaa tai niistä pääteltävissä",
    ".. = skyddad: färre än k svarande eller härledbar ur dem",
    ".. = suppressed: fewer than k respondents, or would reveal such a cell"};

}  // namespace

std::optional<std::string> ToJsonStat(const QuestionTable& table, Lang lang,
                                      const TableMeta& meta) {
  if (table.kind == TableKind::kText) return std::nullopt;
  static const LocalizedText kLine{"ryhmä", "grupp", "group"};
  static const LocalizedText kChoice{"vastaus", "svar", "answer"};
  static const LocalizedText kRespondents{"vastaajia", "svarande", "respondents"};
  static const LocalizedText kPercent{"%", "%", "%"};
  const std::vector<const GroupResult*> lines = Lines(table);
  std::vector<std::string> line_codes, line_labels;
  for (const GroupResult* line : lines) {
    line_codes.push_back(line->code);
    line_labels.push_back(line->label.Get(lang));
  }
  json::object dimension;
  dimension["line"] = {
      {"label", table.broken_down ? table.by_label.Get(lang) : kLine.Get(lang)},
      {"category", Category(line_codes, line_labels)}};
  json::array id = {"line"}, size = {lines.size()};
  json::array values;
  json::object status;
  auto add = [&](json::value value, bool hidden) {
    if (hidden) status[std::to_string(values.size())] = "..";
    values.push_back(std::move(value));
  };
  const stats::DatasetColumn& column = *table.column;
  std::vector<Measure> measures;
  if (HasChoices(table)) {
    std::vector<std::string> labels;
    for (const LocalizedText& label : column.choice_labels) labels.push_back(label.Get(lang));
    dimension["choice"] = {{"label", kChoice.Get(lang)},
                           {"category", Category(column.choices, labels)}};
    id.emplace_back("choice");
    size.emplace_back(column.choices.size());
    measures = {{"share", {"osuus", "andel", "share"}, kPercent, 1},
                {"ci_l", {"95 %:n luottamusväli, alaraja", "95 % konfidensintervall, nedre",
                          "95 % CI lower"}, kPercent, 1},
                {"ci_u", {"95 %:n luottamusväli, yläraja", "95 % konfidensintervall, övre",
                          "95 % CI upper"}, kPercent, 1},
                {"n", {"vastaajia", "svarande", "respondents"}, kRespondents, 0}};
    for (const GroupResult* line : lines) {
      for (size_t j = 0; j < column.choices.size(); ++j) {
        const stats::Figure& share = line->shares[j];
        bool hidden = line->hidden[j];
        add(Rounded(100 * share.estimate, 1, hidden), hidden);
        add(Rounded(100 * share.ci.lower, 1, hidden), hidden);
        add(Rounded(100 * share.ci.upper, 1, hidden), hidden);
        add(Rounded(line->counts[j], 0, hidden), hidden);
      }
    }
  } else {
    const LocalizedText unit = table.kind == TableKind::kRating
                                   ? LocalizedText{"asteikko", "skala", "scale points"}
                                   : LocalizedText{"arvo", "värde", "value"};
    const int decimals = table.kind == TableKind::kRating ? 2 : 1;
    measures = {{"mean", {"keskiarvo", "medelvärde", "mean"}, unit, decimals},
                {"ci_l", {"95 %:n luottamusväli, alaraja", "95 % konfidensintervall, nedre",
                          "95 % CI lower"}, unit, decimals},
                {"ci_u", {"95 %:n luottamusväli, yläraja", "95 % konfidensintervall, övre",
                          "95 % CI upper"}, unit, decimals},
                {"median", {"mediaani", "median", "median"}, unit, decimals},
                {"q1", {"alakvartiili", "nedre kvartil", "lower quartile"}, unit, decimals},
                {"q3", {"yläkvartiili", "övre kvartil", "upper quartile"}, unit, decimals},
                {"n", {"vastaajia", "svarande", "respondents"}, kRespondents, 0}};
    for (const GroupResult* line : lines) {
      bool hidden = line->summary_hidden;
      add(Rounded(line->mean.estimate, decimals, hidden), hidden);
      add(Rounded(line->mean.ci.lower, decimals, hidden), hidden);
      add(Rounded(line->mean.ci.upper, decimals, hidden), hidden);
      add(Rounded(line->median, decimals, hidden), hidden);
      add(Rounded(line->lower_quartile, decimals, hidden), hidden);
      add(Rounded(line->upper_quartile, decimals, hidden), hidden);
      // The line's respondents go with its summary: the hidden pattern
      // of the weighted sums is safe for the counts too (the same
      // equations, each value scaled by its weight).
      add(Rounded(line->valid, 0, hidden), hidden);
    }
  }
  dimension["measure"] = MeasureDimension(measures, lang);
  id.emplace_back("measure");
  size.emplace_back(measures.size());
  json::object dataset;
  dataset["version"] = "2.0";
  dataset["class"] = "dataset";
  dataset["label"] = column.label.Get(lang);
  dataset["source"] = meta.source.Get(lang);
  dataset["updated"] = meta.updated;
  dataset["id"] = std::move(id);
  dataset["size"] = std::move(size);
  dataset["role"] = {{"metric", json::array{"measure"}}};
  dataset["dimension"] = std::move(dimension);
  dataset["value"] = std::move(values);
  if (!status.empty()) dataset["status"] = std::move(status);
  dataset["note"] = json::array{stats::CoverageLine(table.coverage, lang),
                                kSuppressed.Get(lang)};
  dataset["extension"] = {{"kartla", {{"table", meta.id}}}};
  return json::serialize(dataset) + "\n";
}

std::optional<std::string> ToPx(const QuestionTable& table, Lang lang, const TableMeta& meta) {
  if (table.kind == TableKind::kText) return std::nullopt;
  // PX strings are in double quotes and may not hold one.
  auto quoted = [](const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? '\'' : c;
    return out + "\"";
  };
  auto list = [&](const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ",") + quoted(item);
    return out;
  };
  static const LocalizedText kLine{"ryhmä", "grupp", "group"};
  static const LocalizedText kChoice{"vastaus", "svar", "answer"};
  static const LocalizedText kValue{"tunnusluku", "mått", "figure"};
  const stats::DatasetColumn& column = *table.column;
  const std::vector<const GroupResult*> lines = Lines(table);
  const bool choices = HasChoices(table);
  const int decimals = choices ? 1 : table.kind == TableKind::kRating ? 2 : 1;
  std::string stub = table.broken_down ? table.by_label.Get(lang) : kLine.Get(lang);
  std::string heading = choices ? kChoice.Get(lang) : kValue.Get(lang);
  std::vector<std::string> line_codes, line_labels, heading_codes, heading_labels;
  for (const GroupResult* line : lines) {
    line_codes.push_back(line->code);
    line_labels.push_back(line->label.Get(lang));
  }
  if (choices) {
    heading_codes = column.choices;
    for (const LocalizedText& label : column.choice_labels) heading_labels.push_back(label.Get(lang));
  } else {
    heading_codes = {"mean"};
    heading_labels = {LocalizedText{"keskiarvo", "medelvärde", "mean"}.Get(lang)};
  }
  std::string date = meta.updated;
  date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
  std::string px;
  auto keyword = [&](const std::string& key, const std::string& value) {
    px += key + "=" + value + ";\n";
  };
  keyword("CHARSET", quoted("ANSI"));
  keyword("AXIS-VERSION", quoted("2013"));
  keyword("CODEPAGE", quoted("utf-8"));
  keyword("LANGUAGE", quoted(std::string(LangCode(lang))));
  keyword("CREATION-DATE", quoted(date + " 00:00"));
  keyword("DECIMALS", std::to_string(decimals));
  keyword("SHOWDECIMALS", std::to_string(decimals));
  keyword("MATRIX", quoted(meta.id));
  keyword("SUBJECT-CODE", quoted("KARTLA"));
  keyword("SUBJECT-AREA", quoted(meta.source.Get(lang)));
  keyword("TITLE", quoted(column.label.Get(lang)));
  keyword("CONTENTS", quoted(column.label.Get(lang)));
  keyword("UNITS", quoted(choices ? "%" : "mean"));
  keyword("STUB", quoted(stub));
  keyword("HEADING", quoted(heading));
  keyword("VALUES(" + quoted(stub) + ")", list(line_labels));
  keyword("VALUES(" + quoted(heading) + ")", list(heading_labels));
  keyword("CODES(" + quoted(stub) + ")", list(line_codes));
  keyword("CODES(" + quoted(heading) + ")", list(heading_codes));
  keyword("SOURCE", quoted(meta.source.Get(lang)));
  keyword("NOTE", quoted(stats::CoverageLine(table.coverage, lang) + " " + kSuppressed.Get(lang)));
  keyword("DATASYMBOL2", quoted(".."));
  px += "DATA=\n";
  for (const GroupResult* line : lines) {
    std::string row;
    for (size_t j = 0; j < heading_codes.size(); ++j) {
      bool hidden = choices ? line->hidden[j] : line->summary_hidden;
      double value = choices ? 100 * line->shares[j].estimate : line->mean.estimate;
      row += (j ? " " : "") + (hidden || std::isnan(value)
                                   ? std::string(hidden ? "\"..\"" : "\".\"")
                                   : fmt::format("{:.{}f}", value + 0.0, decimals));
    }
    px += row + "\n";
  }
  px += ";\n";
  return px;
}

}  // namespace kartla::publish
