#include "publish/microdata.h"

#include <fmt/format.h>
#include <readstat.h>
#include <xlsxwriter.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <optional>
#include <set>

#include "core/csv.h"
#include "core/files.h"
#include "core/system_error.h"
#include "publish/formats.h"

namespace kartla::publish {
namespace {

using stats::DatasetColumn;

// One variable of the file.
struct Variable {
  enum class Type { kCode, kNumber, kText };
  std::string name;  // at most 32 characters, a letter first: fits both SPSS and Stata
  std::string label;
  Type type = Type::kNumber;
  std::vector<std::pair<int, std::string>> value_labels;  // kCode
  std::vector<std::optional<double>> numbers;             // kCode and kNumber
  std::vector<std::optional<std::string>> texts;          // kText
};

// A name both SPSS and Stata take, unique in the file.
std::string NameFor(const std::string& wanted, std::set<std::string>& taken) {
  std::string name;
  for (char c : wanted) {
    name += std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 128
                ? c
                : '_';
  }
  if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) name = "v" + name;
  name = name.substr(0, 32);
  std::string unique = name;
  for (int n = 2; taken.contains(unique); ++n) {
    std::string suffix = fmt::format("_{}", n);
    unique = name.substr(0, 32 - suffix.size()) + suffix;
  }
  taken.insert(unique);
  return unique;
}

// The choices' values: their names if every one is a whole number (a
// rating's 1–5), else 1, 2, 3… in order.
std::vector<int> ChoiceValues(const DatasetColumn& column) {
  std::vector<int> values;
  for (const std::string& choice : column.choices) {
    char* end = nullptr;
    long value = std::strtol(choice.c_str(), &end, 10);
    if (choice.empty() || *end != '\0' || std::abs(value) > 1000000) {
      values.clear();
      break;
    }
    values.push_back(int(value));
  }
  if (values.size() == column.choices.size() &&
      std::set<int>(values.begin(), values.end()).size() == values.size()) {
    return values;
  }
  values.clear();
  for (size_t j = 0; j < column.choices.size(); ++j) values.push_back(int(j) + 1);
  return values;
}

std::vector<Variable> Variables(const stats::Dataset& dataset, const MicrodataOptions& options) {
  const Lang lang = options.lang;
  std::set<std::string> taken;
  std::vector<Variable> variables;
  Variable& who = variables.emplace_back();
  who.name = NameFor(options.identify ? "organisation" : "pseudonym", taken);
  who.label = options.identify ? LocalizedText{"Organisaatio", "Organisation", "Organisation"}.Get(lang)
                               : LocalizedText{"Organisaation pseudonyymi",
                                               "Organisationens pseudonym",
                                               "The organisation's pseudonym"}
                                     .Get(lang);
  who.type = Variable::Type::kText;
  for (const std::string& code : dataset.organisations) {
    who.texts.push_back(options.identify ? code : options.pseudonym(code));
  }
  for (const stats::DatasetDimension& dimension : dataset.dimensions) {
    Variable& v = variables.emplace_back();
    v.name = NameFor(dimension.id, taken);
    v.label = dimension.label.Get(lang);
    v.type = Variable::Type::kCode;
    for (size_t k = 0; k < dimension.categories.size(); ++k) {
      v.value_labels.emplace_back(int(k) + 1, dimension.category_labels[k].Get(lang));
    }
    for (int code : dimension.codes) {
      v.numbers.push_back(code < 0 ? std::nullopt : std::optional<double>(code + 1));
    }
  }
  if (!options.weights.empty()) {
    Variable& v = variables.emplace_back();
    v.name = NameFor("weight", taken);
    v.label = LocalizedText{"Asetelmapaino", "Designvikt", "Design weight"}.Get(lang);
    for (double weight : options.weights) v.numbers.push_back(weight);
  }
  for (const DatasetColumn& column : dataset.columns) {
    switch (column.kind) {
      case DatasetColumn::Kind::kChoice: {
        Variable& v = variables.emplace_back();
        v.name = NameFor(column.name, taken);
        v.label = column.label.Get(lang);
        v.type = Variable::Type::kCode;
        std::vector<int> values = ChoiceValues(column);
        for (size_t j = 0; j < column.choices.size(); ++j) {
          v.value_labels.emplace_back(values[j], column.choice_labels[j].Get(lang));
        }
        for (int16_t code : column.codes) {
          v.numbers.push_back(code < 0 ? std::nullopt : std::optional<double>(values[code]));
        }
        break;
      }
      case DatasetColumn::Kind::kMultiple:
        for (size_t j = 0; j < column.choices.size(); ++j) {
          Variable& v = variables.emplace_back();
          v.name = NameFor(column.name + "_" + column.choices[j], taken);
          v.label = column.label.Get(lang) + ": " + column.choice_labels[j].Get(lang);
          v.type = Variable::Type::kCode;
          v.value_labels = {
              {0, LocalizedText{"ei valittu", "inte vald", "not chosen"}.Get(lang)},
              {1, LocalizedText{"valittu", "vald", "chosen"}.Get(lang)}};
          for (uint64_t bits : column.bits) {
            v.numbers.push_back(bits == 0 ? std::nullopt
                                          : std::optional<double>((bits >> j) & 1));
          }
        }
        break;
      case DatasetColumn::Kind::kNumber: {
        Variable& v = variables.emplace_back();
        v.name = NameFor(column.name, taken);
        v.label = column.label.Get(lang);
        for (double value : column.numbers) {
          v.numbers.push_back(std::isnan(value) ? std::nullopt : std::optional<double>(value));
        }
        break;
      }
      case DatasetColumn::Kind::kText: {
        Variable& v = variables.emplace_back();
        v.name = NameFor(column.name, taken);
        v.label = column.label.Get(lang);
        v.type = Variable::Type::kText;
        for (const std::string& text : column.texts) {
          v.texts.push_back(text.empty() ? std::nullopt : std::optional<std::string>(text));
        }
        break;
      }
    }
  }
  return variables;
}

std::string Number(double value) {
  if (value == std::floor(value) && std::abs(value) < 1e15) return fmt::format("{:.0f}", value);
  return fmt::format("{:.17g}", value);
}

std::string Csv(const std::vector<Variable>& variables, size_t rows) {
  std::string out;
  for (size_t i = 0; i < variables.size(); ++i) out += (i ? "," : "") + CsvField(variables[i].name);
  out += "\r\n";
  for (size_t r = 0; r < rows; ++r) {
    for (size_t i = 0; i < variables.size(); ++i) {
      const Variable& v = variables[i];
      if (i) out += ',';
      if (v.type == Variable::Type::kText) {
        if (v.texts[r]) out += CsvField(*v.texts[r]);
      } else if (v.numbers[r]) {
        out += Number(*v.numbers[r]);
      }
    }
    out += "\r\n";
  }
  return out;
}

ssize_t Append(const void* bytes, size_t length, void* context) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(bytes), length);
  return ssize_t(length);
}

enum class Format { kSav, kDta };

Result<std::string> WriteReadStat(const std::vector<Variable>& variables, size_t rows,
                                  const MicrodataOptions& options, Format format) {
  // Stata keeps at most 80 bytes of a label and 2,045 of a string.
  const size_t label_bytes = format == Format::kDta ? 80 : 256;
  const size_t text_bytes = format == Format::kDta ? 2045 : 32767;
  const size_t value_label_bytes = format == Format::kDta ? 32000 : 120;
  std::unique_ptr<readstat_writer_t, decltype(&readstat_writer_free)> writer(
      readstat_writer_init(), &readstat_writer_free);
  readstat_set_data_writer(writer.get(), &Append);
  std::string file_label = CutUtf8(options.label, 80);
  readstat_writer_set_file_label(writer.get(), file_label.c_str());
  readstat_writer_set_file_timestamp(writer.get(), ReleaseTime(options.date));
  std::vector<readstat_variable_t*> added;
  for (size_t i = 0; i < variables.size(); ++i) {
    const Variable& v = variables[i];
    readstat_type_t type = v.type == Variable::Type::kText ? READSTAT_TYPE_STRING
                           : v.type == Variable::Type::kCode ? READSTAT_TYPE_INT32
                                                             : READSTAT_TYPE_DOUBLE;
    size_t width = 0;
    if (v.type == Variable::Type::kText) {
      width = 1;
      for (const auto& text : v.texts) {
        if (text) width = std::max(width, std::min(text->size(), text_bytes));
      }
    }
    readstat_variable_t* variable =
        readstat_add_variable(writer.get(), v.name.c_str(), type, width);
    readstat_variable_set_label(variable, CutUtf8(v.label, label_bytes).c_str());
    if (!v.value_labels.empty()) {
      std::string set_name = fmt::format("l{}", i);
      readstat_label_set_t* set =
          readstat_add_label_set(writer.get(), READSTAT_TYPE_INT32, set_name.c_str());
      for (const auto& [value, label] : v.value_labels) {
        readstat_label_int32_value(set, value, CutUtf8(label, value_label_bytes).c_str());
      }
      readstat_variable_set_label_set(variable, set);
    }
    added.push_back(variable);
  }
  std::string bytes;
  readstat_error_t error = format == Format::kSav
                               ? readstat_begin_writing_sav(writer.get(), &bytes, long(rows))
                               : readstat_begin_writing_dta(writer.get(), &bytes, long(rows));
  if (error == READSTAT_OK) error = readstat_validate_metadata(writer.get());
  for (size_t r = 0; r < rows && error == READSTAT_OK; ++r) {
    error = readstat_begin_row(writer.get());
    for (size_t i = 0; i < variables.size() && error == READSTAT_OK; ++i) {
      const Variable& v = variables[i];
      if (v.type == Variable::Type::kText) {
        error = v.texts[r] ? readstat_insert_string_value(
                                 writer.get(), added[i], CutUtf8(*v.texts[r], text_bytes).c_str())
                           : readstat_insert_missing_value(writer.get(), added[i]);
      } else if (!v.numbers[r]) {
        error = readstat_insert_missing_value(writer.get(), added[i]);
      } else if (v.type == Variable::Type::kCode) {
        error = readstat_insert_int32_value(writer.get(), added[i], int32_t(*v.numbers[r]));
      } else {
        error = readstat_insert_double_value(writer.get(), added[i], *v.numbers[r]);
      }
      if (error != READSTAT_OK) {
        return Status::InvalidInput(fmt::format("{}: row {}, variable {}: {}",
                                                format == Format::kSav ? "SPSS" : "Stata", r + 1,
                                                v.name, readstat_error_message(error)));
      }
    }
    if (error == READSTAT_OK) error = readstat_end_row(writer.get());
  }
  if (error == READSTAT_OK) error = readstat_end_writing(writer.get());
  if (error != READSTAT_OK) {
    return Status::InvalidInput(fmt::format("{}: {}", format == Format::kSav ? "SPSS" : "Stata",
                                            readstat_error_message(error)));
  }
  return bytes;
}

// The data on one sheet, the variables with their labels and value labels
// on another.
std::string Xlsx(const std::vector<Variable>& variables, size_t rows,
                 const MicrodataOptions& options, const std::filesystem::path& path) {
  lxw_workbook_options settings{};
  settings.constant_memory = LXW_FALSE;
  lxw_workbook* workbook = workbook_new_opt(path.string().c_str(), &settings);
  if (!workbook) throw SystemError("cannot write " + path.string());
  lxw_doc_properties properties{};
  std::string title = options.label;
  properties.title = title.data();
  properties.created = ReleaseTime(options.date);
  workbook_set_properties(workbook, &properties);
  lxw_worksheet* data = workbook_add_worksheet(workbook, "data");
  for (size_t i = 0; i < variables.size(); ++i) {
    const Variable& v = variables[i];
    worksheet_write_string(data, 0, lxw_col_t(i), v.name.c_str(), nullptr);
    for (size_t r = 0; r < rows; ++r) {
      lxw_row_t row = lxw_row_t(r + 1);
      if (v.type == Variable::Type::kText) {
        if (v.texts[r]) worksheet_write_string(data, row, lxw_col_t(i), v.texts[r]->c_str(), nullptr);
      } else if (v.numbers[r]) {
        worksheet_write_number(data, row, lxw_col_t(i), *v.numbers[r], nullptr);
      }
    }
  }
  lxw_worksheet* labels = workbook_add_worksheet(workbook, "variables");
  const char* heads[] = {"name", "label", "value", "value label"};
  for (int c = 0; c < 4; ++c) worksheet_write_string(labels, 0, lxw_col_t(c), heads[c], nullptr);
  lxw_row_t row = 1;
  for (const Variable& v : variables) {
    worksheet_write_string(labels, row, 0, v.name.c_str(), nullptr);
    worksheet_write_string(labels, row, 1, v.label.c_str(), nullptr);
    for (const auto& [value, label] : v.value_labels) {
      worksheet_write_number(labels, row, 2, value, nullptr);
      worksheet_write_string(labels, row, 3, label.c_str(), nullptr);
      ++row;
    }
    if (v.value_labels.empty()) ++row;
  }
  if (workbook_close(workbook) != LXW_NO_ERROR) throw SystemError("cannot write " + path.string());
  return ReadFileBytes(path.string()).value_or("");
}

}  // namespace

Result<std::map<std::string, std::string>> RenderMicrodata(const stats::Dataset& dataset,
                                                           const std::string& stem,
                                                           const MicrodataOptions& options,
                                                           const std::string& scratch) {
  std::vector<Variable> variables = Variables(dataset, options);
  std::map<std::string, std::string> files;
  files[stem + ".csv"] = Csv(variables, dataset.rows);
  for (Format format : {Format::kSav, Format::kDta}) {
    auto bytes = WriteReadStat(variables, dataset.rows, options, format);
    if (!bytes.ok()) return bytes.status();
    files[stem + (format == Format::kSav ? ".sav" : ".dta")] = std::move(bytes).value();
  }
  // The scratch folder goes again if this call made it, so that no export
  // leaves a folder behind in the temporary directory.
  const bool made = std::filesystem::create_directories(scratch);
  std::filesystem::path xlsx = std::filesystem::path(scratch) / (stem + ".xlsx");
  std::string workbook;
  try {
    workbook = Xlsx(variables, dataset.rows, options, xlsx);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(xlsx, ignored);
    if (made) std::filesystem::remove(scratch, ignored);
    throw;
  }
  files[stem + ".xlsx"] = std::move(workbook);
  std::error_code ignored;
  std::filesystem::remove(xlsx, ignored);
  if (made) std::filesystem::remove(scratch, ignored);
  return files;
}

}  // namespace kartla::publish
