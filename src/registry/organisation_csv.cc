#include "registry/organisation_csv.h"

#include <fmt/format.h>

#include <set>
#include <unordered_map>

#include "core/csv.h"
#include "core/text.h"

namespace kartla {
namespace {

constexpr std::string_view kFieldNames[] = {
    "code", "kind", "name_fi", "name_sv", "name_en", "active_from", "active_to"};

bool IsField(std::string_view name) {
  for (std::string_view field : kFieldNames) {
    if (name == field) return true;
  }
  return false;
}

// "Population 2022" -> "population_2022".
std::string AttributeName(std::string_view header) {
  std::string name = AsciiLower(Trim(header));
  for (char& c : name) {
    if (c == ' ' || c == '-') c = '_';
  }
  return name;
}

class RowReader {
 public:
  RowReader(const CsvTable& table, const OrganisationCsvOptions& options,
            std::vector<Problem>& problems)
      : table_(table), options_(options), problems_(problems) {}

  // Works out which column holds which field. Returns false if the file
  // cannot be read at all.
  bool MapColumns() {
    std::set<std::string> seen;
    for (size_t i = 0; i < table_.header.size(); ++i) {
      std::string name = AttributeName(table_.header[i]);
      if (name.empty()) continue;  // spreadsheets add unnamed empty columns
      if (!seen.insert(name).second) {
        Report(1, i, fmt::format("a second column is called \"{}\"", table_.header[i]),
               "registry_column_twice", {table_.header[i]});
      }
    }
    std::set<size_t> mapped;
    for (const auto& [field, header] : options_.columns) {
      auto index = table_.ColumnIndex(header);
      if (!index) {
        Report(1, std::nullopt,
               fmt::format("there is no column \"{}\" to read {} from",
                           header, field));
        continue;
      }
      field_column_[field] = *index;
      mapped.insert(*index);
    }
    for (size_t i = 0; i < table_.header.size(); ++i) {
      if (mapped.count(i)) continue;
      std::string name = AttributeName(table_.header[i]);
      if (name.empty() || field_column_.count(name)) continue;
      field_column_[name] = i;
    }
    bool ok = true;
    if (!field_column_.count("code")) {
      Report(1, std::nullopt, "there is no \"code\" column", "registry_no_code_column");
      ok = false;
    }
    if (!options_.kind && !field_column_.count("kind")) {
      Report(1, std::nullopt,
             "there is no \"kind\" column: add one, or give the kind of all "
             "rows (--kind)",
             "registry_no_kind_column");
      ok = false;
    }
    if (!field_column_.count("name_fi") && !field_column_.count("name_sv") &&
        !field_column_.count("name_en")) {
      Report(1, std::nullopt,
             "there is no name column: name_fi, name_sv or name_en", "registry_no_name_column");
      ok = false;
    }
    return ok;
  }

  std::vector<Organisation> ReadAll() {
    std::vector<Organisation> organisations;
    std::unordered_map<std::string, int> code_lines;
    for (const CsvRecord& record : table_.records) {
      Organisation org;
      size_t problems_before = problems_.size();
      ReadFields(record, org);
      if (!org.code.empty()) {
        auto [it, inserted] = code_lines.emplace(org.code, record.line);
        if (!inserted) {
          Report(record.line, Column("code"),
                 fmt::format("code \"{}\" is used already on row {}", org.code,
                             it->second),
                 "registry_code_twice", {org.code, std::to_string(it->second)});
        } else if (options_.current != nullptr) {
          const Organisation* existing = options_.current->Find(org.code);
          if (existing != nullptr && existing->kind != org.kind) {
            Report(record.line, Column("code"),
                   fmt::format("code \"{}\" belongs already to {} ({}), an "
                               "organisation of another kind",
                               org.code, existing->name.Get(Lang::kEn),
                               KindCode(existing->kind)),
                   "registry_code_other_kind",
                   {org.code, existing->name.Get(Lang::kFi), std::string(KindCode(existing->kind))});
          }
        }
      }
      if (problems_.size() == problems_before) {
        organisations.push_back(std::move(org));
      }
    }
    return organisations;
  }

 private:
  std::optional<size_t> Column(const std::string& field) const {
    auto it = field_column_.find(field);
    if (it == field_column_.end()) return std::nullopt;
    return it->second;
  }

  // The trimmed value of `field` in `record`; empty if there is no column.
  std::string Value(const CsvRecord& record, const std::string& field) const {
    auto column = Column(field);
    if (!column) return "";
    return std::string(Trim(record.fields[*column]));
  }

  // A problem at `row` and `column`, its message also as the interface's
  // catalogue has it ("problem_" + key, with args).
  void Report(int row, std::optional<size_t> column, std::string message, std::string key = {},
              std::vector<std::string> args = {}) {
    problems_.push_back({Severity::kError,
                         Place{table_.file, "", row, column ? int(*column) + 1 : 0},
                         std::move(message), std::move(key), std::move(args)});
  }

  std::string ColumnText(const std::string& field) const {
    return fmt::format("column \"{}\"", ColumnName(field));
  }
  const std::string& ColumnName(const std::string& field) const {
    return table_.header[*Column(field)];
  }

  void ReadFields(const CsvRecord& record, Organisation& org) {
    const int line = record.line;
    org.code = Value(record, "code");
    if (org.code.empty()) {
      Report(line, Column("code"), "the code is empty", "registry_code_empty");
    } else if (!ValidOrganisationCode(org.code)) {
      Report(line, Column("code"),
             fmt::format("code \"{}\" may only have letters, digits, '-', '_' and '.', "
                         "and at most {} of them",
                         EscapeControls(CutUtf8(org.code, 40)), kMaxOrganisationCode),
             "registry_code_bad",
             {EscapeControls(CutUtf8(org.code, 40)), std::to_string(kMaxOrganisationCode)});
    }

    if (options_.kind) {
      org.kind = *options_.kind;
    } else {
      std::string text = Value(record, "kind");
      if (auto kind = ParseKind(text)) {
        org.kind = *kind;
      } else {
        Report(line, Column("kind"),
               fmt::format("{}: \"{}\" is not a kind of organisation; use "
                           "municipality, joint-authority, region or other",
                           ColumnText("kind"), text),
               "registry_kind_bad", {ColumnName("kind"), text});
      }
    }

    org.name = {Value(record, "name_fi"), Value(record, "name_sv"),
                Value(record, "name_en")};
    if (org.name.empty()) {
      auto column = Column("name_fi");
      if (!column) column = Column("name_sv");
      if (!column) column = Column("name_en");
      Report(line, column,
             "the organisation has no name: fill name_fi, name_sv or name_en",
             "registry_no_name");
    }

    for (const char* field : {"active_from", "active_to"}) {
      std::string text = Value(record, field);
      if (text.empty()) continue;
      auto date = Date::Parse(text);
      if (!date) {
        Report(line, Column(field),
               fmt::format("{}: \"{}\" is not a date like 2025-01-01",
                           ColumnText(field), text),
               "registry_date_bad", {ColumnName(field), text});
        continue;
      }
      (std::string_view(field) == "active_from" ? org.active_from
                                                : org.active_to) = date;
    }
    if (org.active_from && org.active_to && *org.active_to < *org.active_from) {
      Report(line, Column("active_to"),
             fmt::format("the organisation stops being active ({}) before it "
                         "starts ({})",
                         org.active_to->ToString(),
                         org.active_from->ToString()),
             "registry_ends_before_start",
             {org.active_to->ToString(), org.active_from->ToString()});
    }

    for (const auto& [name, column] : field_column_) {
      if (IsField(name)) continue;
      std::string text(Trim(record.fields[column]));
      if (text.empty()) continue;
      ReadAttribute(line, name, column, text, org);
    }
  }

  void ReadAttribute(int line, const std::string& name, size_t column,
                     const std::string& text, Organisation& org) {
    AttributeType type = AttributeType::kText;
    if (auto it = options_.types.find(name); it != options_.types.end()) {
      type = it->second;
    } else if (name == "population") {
      type = AttributeType::kInteger;
    }
    std::string where =
        fmt::format("column \"{}\"", table_.header[column]);
    switch (type) {
      case AttributeType::kText:
        org.attributes[name] = text;
        return;
      case AttributeType::kInteger: {
        auto value = ParseInteger(text);
        if (!value) {
          Report(line, column,
                 fmt::format("{}: \"{}\" is not a whole number", where, text),
                 "registry_not_whole", {table_.header[column], text});
        } else if (name == "population" && *value < 0) {
          Report(line, column,
                 fmt::format("{}: the population {} is negative", where,
                             *value),
                 "registry_population_negative", {table_.header[column], std::to_string(*value)});
        } else {
          org.attributes[name] = *value;
        }
        return;
      }
      case AttributeType::kNumber: {
        auto value = ParseDecimal(text);
        if (!value) {
          Report(line, column,
                 fmt::format("{}: \"{}\" is not a number", where, text),
                 "registry_not_number", {table_.header[column], text});
        } else {
          org.attributes[name] = *value;
        }
        return;
      }
    }
  }

  const CsvTable& table_;
  const OrganisationCsvOptions& options_;
  std::vector<Problem>& problems_;
  std::unordered_map<std::string, size_t> field_column_;
};

}  // namespace

Result<std::vector<Organisation>> ReadOrganisationsCsv(
    std::string_view text, std::string_view file_name,
    const OrganisationCsvOptions& options) {
  auto table = ParseCsv(text, file_name);
  if (!table.ok()) {
    const Status& status = table.status();
    return Status::InvalidInput(
        fmt::format("{}: {} problem{}; nothing was imported", file_name,
                    status.problems().size(),
                    status.problems().size() == 1 ? "" : "s"),
        status.problems());
  }
  std::vector<Problem> problems;
  RowReader reader(*table, options, problems);
  std::vector<Organisation> organisations;
  if (reader.MapColumns()) organisations = reader.ReadAll();
  if (!problems.empty()) {
    size_t n = problems.size();
    return Status::InvalidInput(
        fmt::format("{}: {} problem{}; nothing was imported", file_name, n,
                    n == 1 ? "" : "s"),
        std::move(problems));
  }
  if (organisations.empty()) {
    return Status::InvalidInput("registry_no_rows",
                                "{0}: the file has no rows of organisations; nothing was imported",
                                {std::string(file_name)});
  }
  return organisations;
}

}  // namespace kartla
