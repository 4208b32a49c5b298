#include "publish/microdata.h"

#include <fmt/format.h>
#include <readstat.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
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

// One variable of the file, and where its values come from in a chunk of
// rows.
struct Variable {
  enum class Type { kCode, kNumber, kText };
  enum class Source { kWho, kDimension, kWeight, kChoice, kBit, kNumber, kText };
  std::string name;  // at most 32 characters, a letter first: fits both SPSS and Stata
  std::string label;
  Type type = Type::kNumber;
  std::vector<std::pair<int, std::string>> value_labels;  // kCode
  Source source = Source::kNumber;
  size_t index = 0;         // of the dimension or the column
  size_t bit = 0;           // kBit: the choice of a select_multiple
  std::vector<int> values;  // kChoice: each choice's value
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

std::vector<Variable> Variables(const stats::Dataset& schema, const MicrodataOptions& options) {
  using Source = Variable::Source;
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
  who.source = Source::kWho;
  for (size_t d = 0; d < schema.dimensions.size(); ++d) {
    const stats::DatasetDimension& dimension = schema.dimensions[d];
    Variable& v = variables.emplace_back();
    v.name = NameFor(dimension.id, taken);
    v.label = dimension.label.Get(lang);
    v.type = Variable::Type::kCode;
    v.source = Source::kDimension;
    v.index = d;
    for (size_t k = 0; k < dimension.categories.size(); ++k) {
      v.value_labels.emplace_back(int(k) + 1, dimension.category_labels[k].Get(lang));
    }
  }
  if (options.weighted) {
    Variable& v = variables.emplace_back();
    v.name = NameFor("weight", taken);
    v.label = LocalizedText{"Asetelmapaino", "Designvikt", "Design weight"}.Get(lang);
    v.source = Source::kWeight;
  }
  for (size_t c = 0; c < schema.columns.size(); ++c) {
    const DatasetColumn& column = schema.columns[c];
    switch (column.kind) {
      case DatasetColumn::Kind::kChoice: {
        Variable& v = variables.emplace_back();
        v.name = NameFor(column.name, taken);
        v.label = column.label.Get(lang);
        v.type = Variable::Type::kCode;
        v.source = Source::kChoice;
        v.index = c;
        v.values = ChoiceValues(column);
        for (size_t j = 0; j < column.choices.size(); ++j) {
          v.value_labels.emplace_back(v.values[j], column.choice_labels[j].Get(lang));
        }
        break;
      }
      case DatasetColumn::Kind::kMultiple:
        for (size_t j = 0; j < column.choices.size(); ++j) {
          Variable& v = variables.emplace_back();
          v.name = NameFor(column.name + "_" + column.choices[j], taken);
          v.label = column.label.Get(lang) + ": " + column.choice_labels[j].Get(lang);
          v.type = Variable::Type::kCode;
          v.source = Source::kBit;
          v.index = c;
          v.bit = j;
          v.value_labels = {
              {0, LocalizedText{"ei valittu", "inte vald", "not chosen"}.Get(lang)},
              {1, LocalizedText{"valittu", "vald", "chosen"}.Get(lang)}};
        }
        break;
      case DatasetColumn::Kind::kNumber: {
        Variable& v = variables.emplace_back();
        v.name = NameFor(column.name, taken);
        v.label = column.label.Get(lang);
        v.source = Source::kNumber;
        v.index = c;
        break;
      }
      case DatasetColumn::Kind::kText: {
        Variable& v = variables.emplace_back();
        v.name = NameFor(column.name, taken);
        v.label = column.label.Get(lang);
        v.type = Variable::Type::kText;
        v.source = Source::kText;
        v.index = c;
        break;
      }
    }
  }
  return variables;
}

// Row `r` of a chunk: a number or code variable's value (nullopt: missing).
std::optional<double> NumberOf(const Variable& v, const MicrodataRows& rows, size_t r) {
  const stats::Dataset& data = rows.data;
  switch (v.source) {
    case Variable::Source::kDimension: {
      int code = data.dimensions[v.index].codes[r];
      return code < 0 ? std::nullopt : std::optional<double>(code + 1);
    }
    case Variable::Source::kWeight:
      return r < rows.weights.size() ? std::optional<double>(rows.weights[r]) : std::nullopt;
    case Variable::Source::kChoice: {
      int16_t code = data.columns[v.index].codes[r];
      return code < 0 ? std::nullopt : std::optional<double>(v.values[size_t(code)]);
    }
    case Variable::Source::kBit: {
      uint64_t bits = data.columns[v.index].bits[r];
      return bits == 0 ? std::nullopt : std::optional<double>((bits >> v.bit) & 1);
    }
    case Variable::Source::kNumber: {
      double value = data.columns[v.index].numbers[r];
      return std::isnan(value) ? std::nullopt : std::optional<double>(value);
    }
    case Variable::Source::kWho:
    case Variable::Source::kText:
      break;
  }
  return std::nullopt;
}

// Row `r` of a chunk: a text variable's value (nullopt: missing). `who`:
// each row's organisation as the file names it.
std::optional<std::string_view> TextOf(const Variable& v, const MicrodataRows& rows,
                                       std::span<const std::string> who, size_t r) {
  if (v.source == Variable::Source::kWho) return who[r];
  const std::string& text = rows.data.columns[v.index].texts[r];
  return text.empty() ? std::nullopt : std::optional<std::string_view>(text);
}

// A number as the CSV writes it: whole numbers without a decimal point,
// others in the fewest digits that read back as the same double.
void AppendNumber(std::string& out, double value) {
  char digits[32];
  auto written = std::abs(value) < 1e15 && value == std::floor(value)
                     ? std::to_chars(digits, digits + sizeof digits, int64_t(value))
                     : std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, written.ptr);
}

// An open file written through stdio (a large buffer: a system call per
// megabyte), closed when the object goes.
class OutFile {
 public:
  ~OutFile() { Close(); }
  Status Open(const std::string& path) {
    path_ = path;
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_) return Status::FailedPrecondition("cannot write " + path);
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
    return Status::Ok();
  }
  bool Put(const void* bytes, size_t length) {
    return file_ && std::fwrite(bytes, 1, length, file_) == length;
  }
  Status Finish() {
    if (!file_) return Status::FailedPrecondition("cannot write " + path_);
    const bool failed = std::ferror(file_) != 0;
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (failed || !closed) throw SystemError("cannot write " + path_);
    return Status::Ok();
  }
  void Close() {
    if (file_) std::fclose(file_);
    file_ = nullptr;
  }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
};

// One format's file, written chunk by chunk: Begin, Write each chunk, End.
// A format that fixes text widths and the row count first (Measures) sees
// every chunk in Measure before Begin.
class FileWriter {
 public:
  FileWriter(const std::vector<Variable>& variables, const MicrodataOptions& options,
             std::string path)
      : variables_(variables), options_(options), path_(std::move(path)) {}
  virtual ~FileWriter() = default;
  virtual bool Measures() const { return false; }
  virtual void Measure(const MicrodataRows&, std::span<const std::string>) {}
  virtual Status Begin() = 0;
  virtual Status Write(const MicrodataRows& rows, std::span<const std::string> who) = 0;
  virtual Status End() = 0;
  const std::string& path() const { return path_; }

 protected:
  const std::vector<Variable>& variables_;
  const MicrodataOptions& options_;
  const std::string path_;
};

class CsvWriter final : public FileWriter {
 public:
  using FileWriter::FileWriter;
  Status Begin() override {
    Status opened = file_.Open(path_);
    if (!opened.ok()) return opened;
    std::string head;
    for (size_t i = 0; i < variables_.size(); ++i) {
      head += (i ? "," : "") + CsvField(variables_[i].name);
    }
    head += "\r\n";
    return Put(head);
  }
  Status Write(const MicrodataRows& rows, std::span<const std::string> who) override {
    std::string& out = chunk_;  // its room kept from chunk to chunk
    out.clear();
    for (size_t r = 0; r < rows.data.rows; ++r) {
      for (size_t i = 0; i < variables_.size(); ++i) {
        const Variable& v = variables_[i];
        if (i) out += ',';
        if (v.type == Variable::Type::kText) {
          if (auto text = TextOf(v, rows, who, r)) AppendCsvField(out, *text);
        } else if (auto number = NumberOf(v, rows, r)) {
          AppendNumber(out, *number);
        }
      }
      out += "\r\n";
    }
    return Put(out);
  }
  Status End() override { return file_.Finish(); }

 private:
  Status Put(const std::string& bytes) {
    if (!file_.Put(bytes.data(), bytes.size())) throw SystemError("cannot write " + path_);
    return Status::Ok();
  }
  OutFile file_;
  std::string chunk_;
};

enum class StatFormat { kSav, kDta };

// SPSS and Stata through ReadStat, which wants each text's width and the
// number of rows before the first row.
class ReadStatWriter final : public FileWriter {
 public:
  ReadStatWriter(const std::vector<Variable>& variables, const MicrodataOptions& options,
                 std::string path, StatFormat format)
      : FileWriter(variables, options, std::move(path)),
        format_(format),
        // Stata keeps at most 80 bytes of a label and 2,045 of a string.
        label_bytes_(format == StatFormat::kDta ? 80 : 256),
        text_bytes_(format == StatFormat::kDta ? 2045 : 32767),
        value_label_bytes_(format == StatFormat::kDta ? 32000 : 120),
        widths_(variables.size(), 1),
        writer_(readstat_writer_init(), &readstat_writer_free) {}

  bool Measures() const override { return true; }
  void Measure(const MicrodataRows& rows, std::span<const std::string> who) override {
    rows_ += rows.data.rows;
    for (size_t i = 0; i < variables_.size(); ++i) {
      if (variables_[i].type != Variable::Type::kText) continue;
      for (size_t r = 0; r < rows.data.rows; ++r) {
        if (auto text = TextOf(variables_[i], rows, who, r)) {
          widths_[i] = std::max(widths_[i], std::min(text->size(), text_bytes_));
        }
      }
    }
  }

  Status Begin() override {
    Status opened = file_.Open(path_);
    if (!opened.ok()) return opened;
    readstat_writer_t* writer = writer_.get();
    readstat_set_data_writer(writer, &ReadStatWriter::Put);
    std::string file_label = CutUtf8(options_.label, 80);
    readstat_writer_set_file_label(writer, file_label.c_str());
    readstat_writer_set_file_timestamp(writer, ReleaseTime(options_.date));
    for (size_t i = 0; i < variables_.size(); ++i) {
      const Variable& v = variables_[i];
      readstat_type_t type = v.type == Variable::Type::kText ? READSTAT_TYPE_STRING
                             : v.type == Variable::Type::kCode ? READSTAT_TYPE_INT32
                                                               : READSTAT_TYPE_DOUBLE;
      readstat_variable_t* variable = readstat_add_variable(
          writer, v.name.c_str(), type, v.type == Variable::Type::kText ? widths_[i] : 0);
      readstat_variable_set_label(variable, CutUtf8(v.label, label_bytes_).c_str());
      if (!v.value_labels.empty()) {
        std::string set_name = fmt::format("l{}", i);
        readstat_label_set_t* set =
            readstat_add_label_set(writer, READSTAT_TYPE_INT32, set_name.c_str());
        for (const auto& [value, label] : v.value_labels) {
          readstat_label_int32_value(set, value, CutUtf8(label, value_label_bytes_).c_str());
        }
        readstat_variable_set_label_set(variable, set);
      }
      added_.push_back(variable);
    }
    readstat_error_t error = format_ == StatFormat::kSav
                                 ? readstat_begin_writing_sav(writer, this, long(rows_))
                                 : readstat_begin_writing_dta(writer, this, long(rows_));
    if (error == READSTAT_OK) error = readstat_validate_metadata(writer);
    return Checked(error);
  }

  Status Write(const MicrodataRows& rows, std::span<const std::string> who) override {
    readstat_writer_t* writer = writer_.get();
    for (size_t r = 0; r < rows.data.rows; ++r) {
      if (written_ == rows_) return Changed();
      readstat_error_t error = readstat_begin_row(writer);
      for (size_t i = 0; i < variables_.size() && error == READSTAT_OK; ++i) {
        const Variable& v = variables_[i];
        if (v.type == Variable::Type::kText) {
          auto text = TextOf(v, rows, who, r);
          error = text ? readstat_insert_string_value(writer, added_[i],
                                                      CutUtf8(*text, widths_[i]).c_str())
                       : readstat_insert_missing_value(writer, added_[i]);
        } else if (auto number = NumberOf(v, rows, r); !number) {
          error = readstat_insert_missing_value(writer, added_[i]);
        } else if (v.type == Variable::Type::kCode) {
          error = readstat_insert_int32_value(writer, added_[i], int32_t(*number));
        } else {
          error = readstat_insert_double_value(writer, added_[i], *number);
        }
        if (error != READSTAT_OK) {
          return Status::InvalidInput(fmt::format("{}: row {}, variable {}: {}", Name(),
                                                  written_ + 1, v.name,
                                                  readstat_error_message(error)));
        }
      }
      if (error == READSTAT_OK) error = readstat_end_row(writer);
      if (error != READSTAT_OK) return Checked(error);
      ++written_;
    }
    return Status::Ok();
  }

  Status End() override {
    if (written_ != rows_) return Changed();
    Status ended = Checked(readstat_end_writing(writer_.get()));
    if (!ended.ok()) return ended;
    return file_.Finish();
  }

 private:
  static ssize_t Put(const void* bytes, size_t length, void* context) {
    auto* self = static_cast<ReadStatWriter*>(context);
    if (!self->file_.Put(bytes, length)) throw SystemError("cannot write " + self->path_);
    return ssize_t(length);
  }
  const char* Name() const { return format_ == StatFormat::kSav ? "SPSS" : "Stata"; }
  Status Checked(readstat_error_t error) const {
    if (error == READSTAT_OK) return Status::Ok();
    return Status::InvalidInput(fmt::format("{}: {}", Name(), readstat_error_message(error)));
  }
  static Status Changed() {
    return Status::FailedPrecondition(
        "the responses changed while they were exported; export them again");
  }

  const StatFormat format_;
  const size_t label_bytes_, text_bytes_, value_label_bytes_;
  std::vector<size_t> widths_;
  std::unique_ptr<readstat_writer_t, decltype(&readstat_writer_free)> writer_;
  std::vector<readstat_variable_t*> added_;
  size_t rows_ = 0, written_ = 0;
  OutFile file_;
};

// The data on one sheet, the variables with their labels and value labels
// on another; libxlsxwriter's constant-memory mode writes each row to a
// temporary file as it is finished.
class XlsxWriter final : public FileWriter {
 public:
  using FileWriter::FileWriter;
  ~XlsxWriter() override {
    if (workbook_) workbook_close(workbook_);
  }
  Status Begin() override {
    lxw_workbook_options settings{};
    settings.constant_memory = LXW_TRUE;
    workbook_ = workbook_new_opt(path_.c_str(), &settings);
    if (!workbook_) return Status::FailedPrecondition("cannot write " + path_);
    lxw_doc_properties properties{};
    title_ = options_.label;
    properties.title = title_.data();
    properties.created = ReleaseTime(options_.date);
    workbook_set_properties(workbook_, &properties);
    data_ = workbook_add_worksheet(workbook_, "data");
    for (size_t i = 0; i < variables_.size(); ++i) {
      worksheet_write_string(data_, 0, lxw_col_t(i), variables_[i].name.c_str(), nullptr);
    }
    return Status::Ok();
  }
  Status Write(const MicrodataRows& rows, std::span<const std::string> who) override {
    std::string text;
    for (size_t r = 0; r < rows.data.rows; ++r) {
      ++row_;
      for (size_t i = 0; i < variables_.size(); ++i) {
        const Variable& v = variables_[i];
        if (v.type == Variable::Type::kText) {
          if (auto value = TextOf(v, rows, who, r)) {
            text.assign(*value);
            worksheet_write_string(data_, row_, lxw_col_t(i), text.c_str(), nullptr);
          }
        } else if (auto number = NumberOf(v, rows, r)) {
          worksheet_write_number(data_, row_, lxw_col_t(i), *number, nullptr);
        }
      }
    }
    return Status::Ok();
  }
  Status End() override {
    lxw_worksheet* labels = workbook_add_worksheet(workbook_, "variables");
    const char* heads[] = {"name", "label", "value", "value label"};
    for (int c = 0; c < 4; ++c) worksheet_write_string(labels, 0, lxw_col_t(c), heads[c], nullptr);
    lxw_row_t row = 1;
    for (const Variable& v : variables_) {
      worksheet_write_string(labels, row, 0, v.name.c_str(), nullptr);
      worksheet_write_string(labels, row, 1, v.label.c_str(), nullptr);
      for (const auto& [value, label] : v.value_labels) {
        worksheet_write_number(labels, row, 2, value, nullptr);
        worksheet_write_string(labels, row, 3, label.c_str(), nullptr);
        ++row;
      }
      if (v.value_labels.empty()) ++row;
    }
    lxw_error closed = workbook_close(workbook_);
    workbook_ = nullptr;
    if (closed != LXW_NO_ERROR) throw SystemError("cannot write " + path_);
    return Status::Ok();
  }

 private:
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* data_ = nullptr;
  lxw_row_t row_ = 0;
  std::string title_;
};

std::unique_ptr<FileWriter> MakeWriter(MicrodataFormat format,
                                       const std::vector<Variable>& variables,
                                       const MicrodataOptions& options, const std::string& path) {
  switch (format) {
    case MicrodataFormat::kCsv:
      return std::make_unique<CsvWriter>(variables, options, path);
    case MicrodataFormat::kXlsx:
      return std::make_unique<XlsxWriter>(variables, options, path);
    case MicrodataFormat::kSav:
      return std::make_unique<ReadStatWriter>(variables, options, path, StatFormat::kSav);
    case MicrodataFormat::kDta:
      return std::make_unique<ReadStatWriter>(variables, options, path, StatFormat::kDta);
  }
  return nullptr;
}

// Each row's organisation as the files name it: its code, or its
// pseudonym (made once per organisation).
class Who {
 public:
  explicit Who(const MicrodataOptions& options) : options_(options) {}
  const std::vector<std::string>& Of(const stats::Dataset& data) {
    names_.clear();
    for (const std::string& code : data.organisations) {
      if (options_.identify) {
        names_.push_back(code);
        continue;
      }
      auto [at, added] = pseudonyms_.try_emplace(code);
      if (added) at->second = options_.pseudonym(code);
      names_.push_back(at->second);
    }
    return names_;
  }

 private:
  const MicrodataOptions& options_;
  std::map<std::string, std::string, std::less<>> pseudonyms_;
  std::vector<std::string> names_;
};

}  // namespace

std::string_view ExtensionOf(MicrodataFormat format) {
  switch (format) {
    case MicrodataFormat::kCsv: return "csv";
    case MicrodataFormat::kXlsx: return "xlsx";
    case MicrodataFormat::kSav: return "sav";
    case MicrodataFormat::kDta: return "dta";
  }
  return "";
}

std::optional<MicrodataFormat> ParseMicrodataFormat(std::string_view extension) {
  for (MicrodataFormat format : kMicrodataFormats) {
    if (ExtensionOf(format) == extension) return format;
  }
  return std::nullopt;
}

std::string_view MediaTypeOf(MicrodataFormat format) {
  switch (format) {
    case MicrodataFormat::kCsv: return "text/csv; charset=utf-8";
    case MicrodataFormat::kXlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case MicrodataFormat::kSav: return "application/x-spss-sav";
    case MicrodataFormat::kDta: return "application/x-stata-dta";
  }
  return "application/octet-stream";
}

Status WriteMicrodata(const stats::Dataset& schema, const MicrodataOptions& options,
                      const std::map<MicrodataFormat, std::string>& files,
                      const MicrodataSource& rows) {
  const std::vector<Variable> variables = Variables(schema, options);
  std::vector<std::unique_ptr<FileWriter>> writers;
  for (const auto& [format, path] : files) {
    writers.push_back(MakeWriter(format, variables, options, path));
  }
  Who who(options);
  auto run = [&]() -> Status {
    if (std::any_of(writers.begin(), writers.end(), [](const auto& w) { return w->Measures(); })) {
      Status measured = rows([&](const MicrodataRows& chunk) {
        const std::vector<std::string>& names = who.Of(chunk.data);
        for (auto& writer : writers) writer->Measure(chunk, names);
        return Status::Ok();
      });
      if (!measured.ok()) return measured;
    }
    for (auto& writer : writers) {
      Status begun = writer->Begin();
      if (!begun.ok()) return begun;
    }
    Status written = rows([&](const MicrodataRows& chunk) {
      const std::vector<std::string>& names = who.Of(chunk.data);
      for (auto& writer : writers) {
        Status status = writer->Write(chunk, names);
        if (!status.ok()) return status;
      }
      return Status::Ok();
    });
    if (!written.ok()) return written;
    for (auto& writer : writers) {
      Status ended = writer->End();
      if (!ended.ok()) return ended;
    }
    return Status::Ok();
  };
  // A failure (or an exception) leaves no file half written.
  auto remove_all = [&] {
    writers.clear();
    std::error_code ignored;
    for (const auto& [format, path] : files) std::filesystem::remove(path, ignored);
  };
  Status status;
  try {
    status = run();
  } catch (...) {
    remove_all();
    throw;
  }
  if (!status.ok()) remove_all();
  return status;
}

Result<std::map<std::string, std::string>> RenderMicrodata(const stats::Dataset& dataset,
                                                           std::span<const double> weights,
                                                           const std::string& stem,
                                                           const MicrodataOptions& options,
                                                           const std::string& scratch) {
  MicrodataOptions with = options;
  with.weighted = !weights.empty();
  // The scratch folder goes again if this call made it, so that no export
  // leaves a folder behind in the temporary directory.
  const bool made = std::filesystem::create_directories(scratch);
  std::map<MicrodataFormat, std::string> paths;
  for (MicrodataFormat format : kMicrodataFormats) {
    paths[format] = (std::filesystem::path(scratch) /
                     fmt::format("{}.{}", stem, ExtensionOf(format)))
                        .string();
  }
  auto clean = [&] {
    std::error_code ignored;
    for (const auto& [format, path] : paths) std::filesystem::remove(path, ignored);
    if (made) std::filesystem::remove(scratch, ignored);
  };
  std::map<std::string, std::string> files;
  try {
    Status written = WriteMicrodata(dataset, with, paths, [&](const MicrodataVisit& visit) {
      return visit(MicrodataRows{dataset, weights});
    });
    if (!written.ok()) {
      clean();
      return written;
    }
    for (const auto& [format, path] : paths) {
      files[fmt::format("{}.{}", stem, ExtensionOf(format))] = ReadFileBytes(path).value_or("");
    }
  } catch (...) {
    clean();
    throw;
  }
  clean();
  return files;
}

}  // namespace kartla::publish
