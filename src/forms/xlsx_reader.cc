// Reading .xlsx workbooks (Office Open XML, ECMA-376 part 1) with libzip for
// the container and pugixml for the parts: xl/workbook.xml names the sheets,
// xl/_rels/workbook.xml.rels says which part holds each, xl/sharedStrings.xml
// holds the shared strings and xl/styles.xml says which cells are dates.
#include <zip.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>

#include <fmt/format.h>

#include "core/clock.h"
#include "core/text.h"
#include "forms/workbook.h"

namespace kartla::forms {
namespace {

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

// Reads the members of one archive within the workbook's limits. Sizes are
// counted as the bytes come out of the decompressor, never taken from the
// archive's directory, which a forged file may fill with any number.
class MemberReader {
 public:
  MemberReader(zip_t* archive, const std::string& file, const WorkbookLimits& limits)
      : archive_(archive), file_(file), limits_(limits) {}

  // The member `name`; nullopt if there is none. Fails with kInvalidInput,
  // naming the file and member, past a limit.
  Result<std::optional<std::string>> Read(const std::string& name) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive_, name.c_str(), 0, &stat) != 0) return std::optional<std::string>();
    zip_file_t* member = zip_fopen(archive_, name.c_str(), 0);
    if (member == nullptr) return std::optional<std::string>();
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> closer(member, zip_fclose);
    const zip_uint64_t packed = (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : 0;
    std::string data;
    char chunk[64 << 10];
    for (;;) {
      zip_int64_t read = zip_fread(member, chunk, sizeof chunk);
      if (read < 0) return Problem("xlsx_member_unreadable", "member {0} cannot be unpacked", {name});
      if (read == 0) break;
      data.append(chunk, size_t(read));
      total_ += size_t(read);
      if (data.size() > limits_.member_bytes) {
        return Problem("xlsx_member_too_big",
                       "member {0} unpacks to more than {1} (the limit of one member)",
                       {name, Size(limits_.member_bytes)});
      }
      if (total_ > limits_.total_bytes) {
        return Problem("xlsx_workbook_too_big",
                       "member {0} takes the workbook past {1} unpacked (the limit of a workbook)",
                       {name, Size(limits_.total_bytes)});
      }
      if (data.size() > limits_.ratio_from &&
          double(data.size()) > limits_.ratio * double(std::max<zip_uint64_t>(packed, 1))) {
        return Problem("xlsx_member_ratio",
                       "member {0} unpacks to more than {1} times its packed size of {2} bytes "
                       "(a decompression bomb?)",
                       {name, fmt::format("{}", limits_.ratio), std::to_string(packed)});
      }
    }
    return std::optional<std::string>(std::move(data));
  }

 private:
  // The workbook's problem: its catalogue key and English message.
  Status Problem(std::string key, std::string_view english, std::vector<std::string> args) const {
    kartla::Problem problem = kartla::Problem::Keyed(Severity::kError, Place{file_, "", 0, 0},
                                                     std::move(key), english, std::move(args));
    std::string summary = file_ + ": " + problem.message;
    return Status::InvalidInput(std::move(summary), {std::move(problem)});
  }
  static std::string Size(size_t bytes) {
    return bytes % (1 << 20) == 0 ? fmt::format("{} MiB", bytes >> 20)
                                  : fmt::format("{} bytes", bytes);
  }

  zip_t* const archive_;
  const std::string& file_;
  const WorkbookLimits& limits_;
  size_t total_ = 0;
};

// The local name of an element: "x:row" -> "row". Some writers prefix the
// spreadsheetml namespace.
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node child : node.children()) {
    if (LocalName(child) == name) return child;
  }
  return {};
}

// The text of a string item (<si> or <is>): a <t>, or the <t>s of its runs.
std::string StringItemText(const pugi::xml_node& item) {
  std::string text;
  for (pugi::xml_node child : item.children()) {
    if (LocalName(child) == "t") {
      text += child.text().get();
    } else if (LocalName(child) == "r") {
      text += Child(child, "t").text().get();
    }
  }
  return text;
}

// "BC12" -> column 55 (1-based); 0 if the reference has no letters.
int ColumnOfReference(std::string_view reference) {
  int column = 0;
  for (char c : reference) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + (c - 'A' + 1);
  }
  return column;
}

// True if a number format code shows a date: it has d, m or y outside
// quoted text and bracketed sections (colours, conditions).
bool FormatCodeIsDate(std::string_view code) {
  bool quoted = false;
  int bracket = 0;
  for (char c : code) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '[') ++bracket;
    if (c == ']') --bracket;
    if (bracket > 0) continue;
    char lower = char(c | 0x20);
    if (lower == 'd' || lower == 'm' || lower == 'y') return true;
  }
  return false;
}

// The style indexes (cellXfs positions) whose number format is a date.
std::set<int> DateStyles(const pugi::xml_document& styles) {
  std::set<int> date_formats = {14, 15, 16, 17, 22, 45, 46, 47};
  pugi::xml_node root = styles.first_child();
  for (pugi::xml_node format : Child(root, "numFmts").children()) {
    if (FormatCodeIsDate(format.attribute("formatCode").value())) {
      date_formats.insert(format.attribute("numFmtId").as_int());
    }
  }
  std::set<int> date_styles;
  int index = 0;
  for (pugi::xml_node xf : Child(root, "cellXfs").children()) {
    if (LocalName(xf) != "xf") continue;
    if (date_formats.contains(xf.attribute("numFmtId").as_int())) {
      date_styles.insert(index);
    }
    ++index;
  }
  return date_styles;
}

// A number as text: whole numbers without a decimal part, others with as
// few digits as give the same double back.
std::string NumberText(std::string_view raw) {
  auto value = ParseDecimal(raw);
  if (!value) return std::string(raw);
  if (std::nearbyint(*value) == *value && std::fabs(*value) < 1e15) {
    return fmt::format("{}", int64_t(*value));
  }
  return fmt::format("{}", *value);
}

// Excel's serial day number (1900 date system) as YYYY-MM-DD.
std::string SerialDateText(std::string_view raw) {
  auto value = ParseDecimal(raw);
  if (!value) return std::string(raw);
  // Day 25569 is 1970-01-01; serials below 61 suffer from the 1900 leap year
  // bug, and forms have no dates that early.
  int64_t days = int64_t(std::floor(*value)) - 25569;
  return Date::FromDaysSinceEpoch(days).ToString();
}

// A problem of one sheet: its catalogue key and English message.
Status SheetProblem(const std::string& file, const std::string& sheet, std::string key,
                    std::string_view english, std::vector<std::string> args = {}) {
  Problem problem = Problem::Keyed(Severity::kError, Place{file, sheet, 0, 0}, std::move(key),
                                   english, std::move(args));
  std::string summary = fmt::format("{}:{}: {}", file, sheet, problem.message);
  return Status::InvalidInput(std::move(summary), {std::move(problem)});
}

struct Part {
  std::string name;   // "survey"
  std::string path;   // "xl/worksheets/sheet1.xml"
};

Result<Sheet> ReadSheet(MemberReader& members, const Part& part,
                        const std::string& file,
                        const std::vector<std::string>& shared_strings,
                        const std::set<int>& date_styles, const WorkbookLimits& limits) {
  auto read = members.Read(part.path);
  if (!read.ok()) return read.status();
  const std::optional<std::string>& xml = *read;
  if (!xml) {
    return SheetProblem(file, part.name, "xlsx_sheet_missing", "the sheet's part {0} is missing",
                        {part.path});
  }
  pugi::xml_document doc;
  if (!doc.load_buffer(xml->data(), xml->size())) {
    return SheetProblem(file, part.name, "xlsx_sheet_xml", "the sheet is not readable XML");
  }
  // Cells by row number, then column number.
  std::map<int, std::map<int, std::string>> cells;
  pugi::xml_node data = Child(doc.first_child(), "sheetData");
  int next_row = 1;
  for (pugi::xml_node row : data.children()) {
    if (LocalName(row) != "row") continue;
    int row_number = row.attribute("r").as_int(next_row);
    next_row = row_number + 1;
    int next_column = 1;
    for (pugi::xml_node cell : row.children()) {
      if (LocalName(cell) != "c") continue;
      std::string_view reference = cell.attribute("r").value();
      int column = reference.empty() ? next_column : ColumnOfReference(reference);
      next_column = column + 1;
      std::string_view type = cell.attribute("t").value();
      std::string_view value = Child(cell, "v").text().get();
      std::string text;
      if (type == "s") {
        size_t index = size_t(ParseInteger(value).value_or(-1));
        if (index < shared_strings.size()) text = shared_strings[index];
      } else if (type == "inlineStr") {
        text = StringItemText(Child(cell, "is"));
      } else if (type == "b") {
        text = value == "1" ? "TRUE" : "FALSE";
      } else if (type == "str" || type == "e") {
        text = value;
      } else if (type == "d") {
        text = std::string(value.substr(0, 10));
      } else if (!value.empty()) {
        text = date_styles.contains(cell.attribute("s").as_int(-1))
                   ? SerialDateText(value)
                   : NumberText(value);
      }
      if (!text.empty()) cells[row_number][column] = std::move(text);
    }
  }
  Sheet sheet;
  sheet.file = file;
  sheet.sheet = part.name;
  if (cells.empty()) return sheet;
  auto header = cells.begin();
  sheet.header_row = header->first;
  int width = 0;
  for (const auto& [column, text] : header->second) {
    width = std::max(width, column);
  }
  if (size_t(width) > limits.columns) {
    return SheetProblem(file, part.name, "xlsx_too_many_columns",
                        "the header row reaches column {0}; at most {1} are read",
                        {std::to_string(width), std::to_string(limits.columns)});
  }
  if (cells.size() * size_t(width) > limits.cells) {
    return SheetProblem(file, part.name, "xlsx_too_many_cells",
                        "{0} rows of {1} columns are more than the {2} cells read",
                        {std::to_string(cells.size()), std::to_string(width),
                         std::to_string(limits.cells)});
  }
  sheet.header.resize(width);
  for (const auto& [column, text] : header->second) {
    sheet.header[column - 1] = std::string(Trim(text));
  }
  for (auto it = std::next(header); it != cells.end(); ++it) {
    SheetRow row{it->first, std::vector<std::string>(width)};
    bool any = false;
    for (const auto& [column, text] : it->second) {
      // Text under no header is ignored, as XLSForm tools do.
      if (column > width || sheet.header[column - 1].empty()) continue;
      row.cells[column - 1] = text;
      any = any || !Trim(text).empty();
    }
    if (any) sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

}  // namespace

Result<Workbook> ReadXlsx(std::string_view bytes, std::string_view file_name,
                          const WorkbookLimits& limits) {
  const std::string file(file_name);
  // Why the file is no workbook: the catalogue's key and the English message.
  auto not_a_workbook = [&file](std::string key, std::string_view english,
                                std::vector<std::string> args = {}) {
    Problem problem = Problem::Keyed(Severity::kError, Place{file, "", 0, 0}, std::move(key),
                                     english, std::move(args));
    std::string summary = file + ": " + problem.message;
    return Status::InvalidInput(std::move(summary), {std::move(problem)});
  };
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source =
      zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    return not_a_workbook("xlsx_not_zip", "not an .xlsx workbook ({0})",
                          {zip_error_strerror(&error)});
  }
  ZipPtr archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    std::string why = zip_error_strerror(&error);
    zip_source_free(source);
    zip_error_fini(&error);
    return not_a_workbook("xlsx_not_zip", "not an .xlsx workbook ({0})", {why});
  }
  zip_error_fini(&error);

  MemberReader members(archive.get(), file, limits);
  auto workbook_read = members.Read("xl/workbook.xml");
  if (!workbook_read.ok()) return workbook_read.status();
  auto rels_read = members.Read("xl/_rels/workbook.xml.rels");
  if (!rels_read.ok()) return rels_read.status();
  const std::optional<std::string>& workbook_xml = *workbook_read;
  const std::optional<std::string>& rels_xml = *rels_read;
  if (!workbook_xml || !rels_xml) {
    return not_a_workbook("xlsx_no_workbook", "not an .xlsx workbook (it has no xl/workbook.xml)");
  }
  pugi::xml_document workbook_doc, rels_doc;
  if (!workbook_doc.load_buffer(workbook_xml->data(), workbook_xml->size()) ||
      !rels_doc.load_buffer(rels_xml->data(), rels_xml->size())) {
    return not_a_workbook("xlsx_workbook_xml",
                          "not an .xlsx workbook (its workbook part is not readable XML)");
  }
  std::map<std::string, std::string> targets;
  for (pugi::xml_node rel : rels_doc.first_child().children()) {
    std::string target = rel.attribute("Target").value();
    // Targets are relative to xl/, or absolute from the package root.
    target = target.starts_with('/') ? target.substr(1) : "xl/" + target;
    targets[rel.attribute("Id").value()] = target;
  }

  std::vector<std::string> shared_strings;
  auto strings_read = members.Read("xl/sharedStrings.xml");
  if (!strings_read.ok()) return strings_read.status();
  if (const std::optional<std::string>& xml = *strings_read) {
    pugi::xml_document doc;
    if (!doc.load_buffer(xml->data(), xml->size())) {
      return not_a_workbook("xlsx_strings_xml",
                            "not an .xlsx workbook (its shared strings are not readable XML)");
    }
    for (pugi::xml_node item : doc.first_child().children()) {
      if (LocalName(item) == "si") shared_strings.push_back(StringItemText(item));
    }
  }
  std::set<int> date_styles;
  auto styles_read = members.Read("xl/styles.xml");
  if (!styles_read.ok()) return styles_read.status();
  if (const std::optional<std::string>& xml = *styles_read) {
    pugi::xml_document doc;
    if (doc.load_buffer(xml->data(), xml->size())) date_styles = DateStyles(doc);
  }

  Workbook workbook;
  workbook.file = file;
  for (pugi::xml_node node : Child(workbook_doc.first_child(), "sheets").children()) {
    std::string name = node.attribute("name").value();
    std::string lower = AsciiLower(Trim(name));
    std::optional<Sheet>* slot = lower == "survey"     ? &workbook.survey
                                 : lower == "choices"  ? &workbook.choices
                                 : lower == "settings" ? &workbook.settings
                                                       : nullptr;
    if (slot == nullptr) {
      workbook.other_sheets.push_back({name, Place{file, name, 0, 0}});
      continue;
    }
    std::string id;
    for (pugi::xml_attribute attribute : node.attributes()) {
      std::string_view attribute_name = attribute.name();
      if (attribute_name.ends_with(":id")) id = attribute.value();
    }
    auto target = targets.find(id);
    if (target == targets.end()) {
      return not_a_workbook("xlsx_sheet_no_part", "not an .xlsx workbook (sheet \"{0}\" has no part)",
                            {name});
    }
    auto sheet = ReadSheet(members, Part{name, target->second}, file, shared_strings,
                           date_styles, limits);
    if (!sheet.ok()) return sheet.status();
    *slot = std::move(sheet).value();
  }
  return workbook;
}

}  // namespace kartla::forms
