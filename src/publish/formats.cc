#include "publish/formats.h"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/clock.h"
#include "core/csv.h"
#include "core/files.h"
#include "core/system_error.h"
#include "stats/indices.h"

namespace kartla::publish {
namespace {

namespace json = boost::json;
using stats::GroupResult;
using stats::QuestionTable;
using stats::TableKind;

// The rule as a note of every file, with the release's own k.
std::string SuppressedNote(Lang lang, int k) {
  const LocalizedText note{".. = salattu: alle {} vastaajaa tai niistä pääteltävissä",
                           ".. = skyddad: färre än {} svarande eller härledbar ur dem",
                           ".. = suppressed: fewer than {} respondents, or would reveal such "
                           "a cell"};
  return fmt::format(fmt::runtime(note.Get(lang)), k);
}

std::optional<double> Rounded(double value, int decimals) {
  if (std::isnan(value)) return std::nullopt;
  double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale + 0.0;  // no negative zero
}

}  // namespace

time_t ReleaseTime(const std::string& date) {
  auto day = Date::Parse(date);
  return day ? time_t(day->DaysSinceEpoch() * 86400) : 0;
}

bool SummaryPublishable(const GroupResult& line) {
  if (line.summary_hidden || line.valid_hidden) return false;
  return std::find(line.hidden.begin(), line.hidden.end(), true) == line.hidden.end();
}

std::optional<Published> Publish(const QuestionTable& table, Lang lang) {
  if (table.kind == TableKind::kText) return std::nullopt;
  static const LocalizedText kLine{"ryhmä", "grupp", "group"};
  static const LocalizedText kRespondents{"vastaajia", "svarande", "respondents"};
  static const LocalizedText kLower{"95 %:n luottamusväli, alaraja",
                                    "95 % konfidensintervall, nedre", "95 % CI lower"};
  static const LocalizedText kUpper{"95 %:n luottamusväli, yläraja",
                                    "95 % konfidensintervall, övre", "95 % CI upper"};
  const stats::DatasetColumn& column = *table.column;
  Published out;
  out.title = column.label.Get(lang);
  out.line_dimension = table.broken_down ? table.by_label.Get(lang) : kLine.Get(lang);
  out.coverage = stats::CoverageLine(table.coverage, lang);
  out.merged = table.merge_note.Get(lang);
  std::vector<const GroupResult*> lines;
  for (const GroupResult& line : table.groups) {
    if (line.base == 0 && &line != &table.Total()) continue;
    lines.push_back(&line);
    out.lines.push_back({line.code, line.label.Get(lang)});
  }
  auto add = [&](double value, int decimals, bool hidden) {
    out.values.push_back(hidden ? std::nullopt : Rounded(value, decimals));
    out.hidden.push_back(hidden);
  };
  if (!table.Total().shares.empty()) {
    for (size_t j = 0; j < column.choices.size(); ++j) {
      out.choices.push_back({column.choices[j], column.choice_labels[j].Get(lang)});
    }
    out.measures = {{"share", LocalizedText{"osuus", "andel", "share"}.Get(lang), "%", 1},
                    {"ci_l", kLower.Get(lang), "%", 1},
                    {"ci_u", kUpper.Get(lang), "%", 1},
                    {"n", kRespondents.Get(lang), kRespondents.Get(lang), 0}};
    for (const GroupResult* line : lines) {
      for (size_t j = 0; j < column.choices.size(); ++j) {
        bool hidden = line->hidden[j];
        add(100 * line->shares[j].estimate, 1, hidden);
        add(100 * line->shares[j].ci.lower, 1, hidden);
        add(100 * line->shares[j].ci.upper, 1, hidden);
        add(line->counts[j], 0, hidden);
      }
    }
    return out;
  }
  const bool rating = table.kind == TableKind::kRating;
  const std::string unit = (rating ? LocalizedText{"asteikko", "skala", "scale points"}
                                   : LocalizedText{"arvo", "värde", "value"})
                               .Get(lang);
  const int decimals = rating ? 2 : 1;
  out.measures = {
      {"mean", LocalizedText{"keskiarvo", "medelvärde", "mean"}.Get(lang), unit, decimals},
      {"ci_l", kLower.Get(lang), unit, decimals},
      {"ci_u", kUpper.Get(lang), unit, decimals},
      {"median", LocalizedText{"mediaani", "median", "median"}.Get(lang), unit, decimals},
      {"q1", LocalizedText{"alakvartiili", "nedre kvartil", "lower quartile"}.Get(lang), unit,
       decimals},
      {"q3", LocalizedText{"yläkvartiili", "övre kvartil", "upper quartile"}.Get(lang), unit,
       decimals},
      {"n", kRespondents.Get(lang), kRespondents.Get(lang), 0}};
  // An amount's estimated total over the population, and where the
  // settings ask, per inhabitant with its interval.
  const bool amount = table.kind == TableKind::kAmount && !column.index;
  const bool per_inhabitant = amount && column.per_inhabitant > 0;
  const int per_decimals = column.per_inhabitant_decimals;
  if (amount) {
    out.measures.insert(out.measures.end() - 1,
                        Measure{"total",
                         LocalizedText{"arvioitu kokonaismäärä", "uppskattad summa",
                                       "estimated total"}
                             .Get(lang),
                         unit, 0});
  }
  if (per_inhabitant) {
    const std::string per = column.per_inhabitant_unit.Get(lang);
    out.measures.insert(
        out.measures.end() - 1,
        {Measure{"per_inhabitant", per, per, per_decimals},
         Measure{"per_inhabitant_ci_l", per + ", " + kLower.Get(lang), per, per_decimals},
         Measure{"per_inhabitant_ci_u", per + ", " + kUpper.Get(lang), per, per_decimals}});
  }
  for (const GroupResult* line : lines) {
    // The line's respondents go with its summary: the hidden pattern of
    // the weighted sums is safe for the counts too (the same equations,
    // each value scaled by its weight).
    bool hidden = line->summary_hidden;
    add(line->mean.estimate, decimals, hidden);
    add(line->mean.ci.lower, decimals, hidden);
    add(line->mean.ci.upper, decimals, hidden);
    add(line->median, decimals, hidden);
    add(line->lower_quartile, decimals, hidden);
    add(line->upper_quartile, decimals, hidden);
    if (amount) add(line->total.estimate, 0, hidden);
    if (per_inhabitant) {
      add(line->per_inhabitant.estimate, per_decimals, hidden);
      add(line->per_inhabitant.ci.lower, per_decimals, hidden);
      add(line->per_inhabitant.ci.upper, per_decimals, hidden);
    }
    add(line->valid, 0, hidden);
  }
  return out;
}

namespace {

json::object CategoryJson(const std::vector<Category>& categories) {
  json::array index;
  json::object label;
  for (const Category& category : categories) {
    index.emplace_back(category.code);
    label[category.code] = category.label;
  }
  return {{"index", std::move(index)}, {"label", std::move(label)}};
}

std::string Number(const std::optional<double>& value, int decimals) {
  return value ? fmt::format("{:.{}f}", *value, decimals) : std::string();
}

}  // namespace

std::optional<std::string> ToJsonStat(const QuestionTable& table, Lang lang,
                                      const TableMeta& meta) {
  auto published = Publish(table, lang);
  const stats::DatasetColumn& column = *table.column;
  if (!published) return std::nullopt;
  static const LocalizedText kChoice{"vastaus", "svar", "answer"};
  static const LocalizedText kMeasure{"mittari", "mått", "measure"};
  json::object dimension;
  dimension["line"] = {{"label", published->line_dimension},
                       {"category", CategoryJson(published->lines)}};
  json::array id = {"line"}, size = {published->lines.size()};
  if (!published->choices.empty()) {
    dimension["choice"] = {{"label", kChoice.Get(lang)},
                           {"category", CategoryJson(published->choices)}};
    id.emplace_back("choice");
    size.emplace_back(published->choices.size());
  }
  std::vector<Category> measures;
  json::object units;
  for (const Measure& measure : published->measures) {
    measures.push_back({measure.code, measure.label});
    units[measure.code] = {{"label", measure.unit}, {"decimals", measure.decimals}};
  }
  json::object measure_category = CategoryJson(measures);
  measure_category["unit"] = std::move(units);
  dimension["measure"] = {{"label", kMeasure.Get(lang)}, {"category", std::move(measure_category)}};
  id.emplace_back("measure");
  size.emplace_back(published->measures.size());
  json::array values;
  json::object status;
  for (size_t i = 0; i < published->values.size(); ++i) {
    const std::optional<double>& value = published->values[i];
    if (!value) {
      values.emplace_back(nullptr);
    } else if (published->measures[i % published->measures.size()].decimals == 0) {
      values.emplace_back(static_cast<std::int64_t>(*value));
    } else {
      values.emplace_back(*value);
    }
    if (published->hidden[i]) status[std::to_string(i)] = "..";
  }
  json::object dataset;
  dataset["version"] = "2.0";
  dataset["class"] = "dataset";
  dataset["label"] = published->title;
  dataset["source"] = meta.source.Get(lang);
  dataset["updated"] = meta.updated;
  dataset["id"] = std::move(id);
  dataset["size"] = std::move(size);
  dataset["role"] = {{"metric", json::array{"measure"}}};
  dataset["dimension"] = std::move(dimension);
  dataset["value"] = std::move(values);
  if (!status.empty()) dataset["status"] = std::move(status);
  json::array notes{published->coverage, SuppressedNote(lang, meta.k)};
  if (!published->merged.empty()) notes.emplace_back(published->merged);
  dataset["note"] = std::move(notes);
  json::object kartla{{"table", meta.id}};
  if (table.kind == TableKind::kRating && !published->choices.empty()) {
    // A rating scale's distribution is the cube; its mean (of the valid
    // answers), interval and top-2-box per line ride along here, null
    // where disclosure control hides them.
    json::object summary;
    for (const Category& line : published->lines) {
      auto found = std::find_if(table.groups.begin(), table.groups.end(),
                                [&](const GroupResult& g) { return g.code == line.code; });
      if (found == table.groups.end()) continue;
      auto number = [&](double value, double scale) -> json::value {
        auto rounded = Rounded(value * scale, scale == 1 ? 2 : 1);
        if (!SummaryPublishable(*found) || !rounded) return nullptr;
        return *rounded;
      };
      summary[line.code] = {{"mean", number(found->mean.estimate, 1)},
                            {"ci_l", number(found->mean.ci.lower, 1)},
                            {"ci_u", number(found->mean.ci.upper, 1)},
                            {"top2", number(found->top2.estimate, 100)}};
    }
    kartla["summary"] = std::move(summary);
  }
  // Each merged line's make-up (the categories it holds, which its merge
  // note names), for a reader who places an organisation in its line (the
  // benchmark); and an amount's multiplier per inhabitant, for a reader
  // who works out an organisation's own.
  json::object members;
  for (const GroupResult& line : table.groups) {
    if (line.members.empty()) continue;
    json::array codes;
    for (const std::string& code : line.members) codes.emplace_back(code);
    members[line.code] = std::move(codes);
  }
  if (!members.empty()) kartla["members"] = std::move(members);
  if (column.index) {
    const stats::IndexDefinition& index = *column.index;
    json::array items, weights, reversed;
    for (const std::string& item : index.items) items.emplace_back(item);
    for (double weight : index.weights) weights.emplace_back(weight);
    for (const std::string& item : index.reversed) reversed.emplace_back(item);
    kartla["index"] = {{"items", std::move(items)},
                       {"weights", std::move(weights)},
                       {"reversed", std::move(reversed)},
                       {"min_answered", index.min_answered}};
  }
  if (table.kind == TableKind::kAmount && column.per_inhabitant > 0) {
    kartla["per_inhabitant"] = {{"multiplier", column.per_inhabitant},
                                {"unit", column.per_inhabitant_unit.Get(lang)},
                                {"decimals", column.per_inhabitant_decimals}};
  }
  dataset["extension"] = {{"kartla", std::move(kartla)}};
  return json::serialize(dataset) + "\n";
}

std::optional<std::string> ToPx(const QuestionTable& table, Lang lang, const TableMeta& meta) {
  auto published = Publish(table, lang);
  if (!published) return std::nullopt;
  // PX strings are in double quotes and may not hold one.
  auto quoted = [](const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? '\'' : c;
    return out + "\"";
  };
  auto list = [&](const std::vector<Category>& items, bool codes) {
    std::string out;
    for (const Category& item : items) {
      out += (out.empty() ? "" : ",") + quoted(codes ? item.code : item.label);
    }
    return out;
  };
  static const LocalizedText kChoice{"vastaus", "svar", "answer"};
  static const LocalizedText kValue{"tunnusluku", "mått", "figure"};
  const bool choices = !published->choices.empty();
  const Measure& headline = published->measures.front();
  const std::vector<Category> heading_items =
      choices ? published->choices : std::vector<Category>{{headline.code, headline.label}};
  const std::string stub = published->line_dimension;
  const std::string heading = choices ? kChoice.Get(lang) : kValue.Get(lang);
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
  keyword("DECIMALS", std::to_string(headline.decimals));
  keyword("SHOWDECIMALS", std::to_string(headline.decimals));
  keyword("MATRIX", quoted(meta.id));
  keyword("SUBJECT-CODE", quoted("KARTLA"));
  keyword("SUBJECT-AREA", quoted(meta.source.Get(lang)));
  keyword("TITLE", quoted(published->title));
  keyword("CONTENTS", quoted(published->title));
  keyword("UNITS", quoted(headline.unit));
  keyword("STUB", quoted(stub));
  keyword("HEADING", quoted(heading));
  keyword("VALUES(" + quoted(stub) + ")", list(published->lines, false));
  keyword("VALUES(" + quoted(heading) + ")", list(heading_items, false));
  keyword("CODES(" + quoted(stub) + ")", list(published->lines, true));
  keyword("CODES(" + quoted(heading) + ")", list(heading_items, true));
  keyword("SOURCE", quoted(meta.source.Get(lang)));
  keyword("NOTE", quoted(published->coverage + " " + SuppressedNote(lang, meta.k) +
                         (published->merged.empty() ? "" : " " + published->merged)));
  keyword("DATASYMBOL2", quoted(".."));
  px += "DATA=\n";
  for (size_t l = 0; l < published->lines.size(); ++l) {
    std::string row;
    for (size_t j = 0; j < heading_items.size(); ++j) {
      size_t at = published->Headline(l, j);
      const std::optional<double>& value = published->values[at];
      row += (j ? " " : "") + (published->hidden[at] ? std::string("\"..\"")
                               : value ? Number(value, headline.decimals)
                                       : std::string("\".\""));
    }
    px += row + "\n";
  }
  px += ";\n";
  return px;
}

std::optional<std::string> ToCsv(const QuestionTable& table, Lang lang) {
  auto published = Publish(table, lang);
  if (!published) return std::nullopt;
  const bool choices = !published->choices.empty();
  std::string csv = "group_code,group";
  if (choices) csv += ",answer_code,answer";
  for (const Measure& measure : published->measures) csv += "," + measure.code;
  csv += "\r\n";
  size_t at = 0;
  for (const Category& line : published->lines) {
    for (size_t j = 0; j < std::max<size_t>(published->choices.size(), 1); ++j) {
      csv += CsvField(line.code) + "," + CsvField(line.label);
      if (choices) csv += "," + CsvField(published->choices[j].code) + "," + CsvField(published->choices[j].label);
      for (const Measure& measure : published->measures) {
        csv += "," + (published->hidden[at] ? std::string("..")
                                            : Number(published->values[at], measure.decimals));
        ++at;
      }
      csv += "\r\n";
    }
  }
  return csv;
}

std::optional<std::string> ToSpreadsheetCsv(const QuestionTable& table, Lang lang) {
  auto published = Publish(table, lang);
  if (!published) return std::nullopt;
  // As the language's Excel reads a CSV opened with a double click: in
  // Finnish and Swedish the list separator is ';' because ',' is the
  // decimal mark; the byte order mark tells it the file is UTF-8.
  const bool comma = lang != Lang::kEn;
  const char separator = comma ? ';' : ',';
  const bool choices = !published->choices.empty();
  auto record = [&](const std::vector<std::string>& fields) {
    std::string line;
    for (const std::string& field : fields) {
      line += (line.empty() ? "" : std::string(1, separator)) + CsvField(field, separator);
    }
    return line + "\r\n";
  };
  std::vector<std::string> head = {published->line_dimension};
  if (choices) head.push_back(LocalizedText{"vastaus", "svar", "answer"}.Get(lang));
  for (const Measure& measure : published->measures) {
    head.push_back(measure.unit.empty() || measure.unit == measure.label
                       ? measure.label
                       : fmt::format("{} ({})", measure.label, measure.unit));
  }
  std::string csv = "\xEF\xBB\xBF" + record(head);
  size_t at = 0;
  for (const Category& line : published->lines) {
    for (size_t j = 0; j < std::max<size_t>(published->choices.size(), 1); ++j) {
      // A label, or the code where the form gave none.
      auto name = [](const Category& c) { return c.label.empty() ? c.code : c.label; };
      std::vector<std::string> fields = {name(line)};
      if (choices) fields.push_back(name(published->choices[j]));
      for (const Measure& measure : published->measures) {
        if (published->hidden[at]) {
          fields.push_back("..");
        } else {
          std::string number = Number(published->values[at], measure.decimals);
          if (comma) std::replace(number.begin(), number.end(), '.', ',');
          fields.push_back(std::move(number));
        }
        ++at;
      }
      csv += record(fields);
    }
  }
  return csv;
}

bool WriteXlsx(const QuestionTable& table, Lang lang, const TableMeta& meta,
               const std::string& path) {
  auto published = Publish(table, lang);
  if (!published) return false;
  lxw_workbook* book = workbook_new(path.c_str());
  if (!book) throw SystemError("cannot write " + path);
  // A fixed creation time (the release's date) keeps the file byte-stable.
  lxw_doc_properties properties{};
  properties.created = ReleaseTime(meta.updated);
  std::string title = published->title, source = meta.source.Get(lang);
  properties.title = title.data();
  properties.company = source.data();
  workbook_set_properties(book, &properties);
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
  worksheet_write_string(sheet, 0, 0, published->title.c_str(), bold);
  worksheet_write_string(sheet, 1, 0, published->coverage.c_str(), nullptr);
  if (!published->merged.empty()) {
    worksheet_write_string(sheet, 2, 0, published->merged.c_str(), nullptr);
  }
  const bool choices = !published->choices.empty();
  lxw_row_t row = 3;
  lxw_col_t column = 0;
  worksheet_write_string(sheet, row, column++, published->line_dimension.c_str(), bold);
  if (choices) {
    worksheet_write_string(sheet, row, column++,
                           LocalizedText{"vastaus", "svar", "answer"}.Get(lang).c_str(), bold);
  }
  for (const Measure& measure : published->measures) {
    worksheet_write_string(sheet, row, column++, measure.label.c_str(), bold);
  }
  size_t at = 0;
  for (const Category& line : published->lines) {
    for (size_t j = 0; j < std::max<size_t>(published->choices.size(), 1); ++j) {
      ++row;
      column = 0;
      worksheet_write_string(sheet, row, column++, line.label.c_str(), nullptr);
      if (choices) worksheet_write_string(sheet, row, column++, published->choices[j].label.c_str(), nullptr);
      for (size_t m = 0; m < published->measures.size(); ++m, ++at, ++column) {
        if (published->hidden[at]) {
          worksheet_write_string(sheet, row, column, "..", nullptr);
        } else if (published->values[at]) {
          worksheet_write_number(sheet, row, column, *published->values[at], nullptr);
        }
      }
    }
  }
  worksheet_write_string(sheet, row + 2, 0, SuppressedNote(lang, meta.k).c_str(), nullptr);
  worksheet_freeze_panes(sheet, 4, 0);
  lxw_error error = workbook_close(book);
  if (error != LXW_NO_ERROR) {
    throw SystemError(fmt::format("cannot write {}: {}", path, lxw_strerror(error)));
  }
  return true;
}

std::map<std::string, std::string> RenderDownloads(const QuestionTable& table,
                                                   const TableMeta& meta,
                                                   const std::string& stem,
                                                   const std::string& scratch) {
  std::map<std::string, std::string> files;
  for (Lang lang : kAllLangs) {
    std::string name = fmt::format("{}.{}", stem, LangCode(lang));
    if (auto text = ToJsonStat(table, lang, meta)) files[name + ".json"] = *text;
    if (auto text = ToPx(table, lang, meta)) files[name + ".px"] = *text;
    if (auto text = ToCsv(table, lang)) files[name + ".csv"] = *text;
    if (auto text = ToSpreadsheetCsv(table, lang)) files[name + ".excel.csv"] = *text;
    std::filesystem::path xlsx = std::filesystem::path(scratch) / (name + ".xlsx");
    std::filesystem::create_directories(xlsx.parent_path());
    if (WriteXlsx(table, lang, meta, xlsx.string())) {
      files[name + ".xlsx"] = ReadFileBytes(xlsx.string()).value_or("");
      std::error_code ignored;
      std::filesystem::remove(xlsx, ignored);
    }
  }
  return files;
}

void WriteFiles(const std::string& folder, const std::map<std::string, std::string>& files) {
  for (const auto& [path, bytes] : files) {
    std::filesystem::path target = std::filesystem::path(folder) / path;
    std::error_code error;
    std::filesystem::create_directories(target.parent_path(), error);
    std::ofstream out(target, std::ios::binary);
    out << bytes;
    if (error || !out) throw SystemError("cannot write " + target.string());
  }
}

}  // namespace kartla::publish
