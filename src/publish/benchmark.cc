#include "publish/benchmark.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <optional>

#include "core/files.h"
#include "core/text.h"
#include "publish/release.h"

namespace kartla::publish {
namespace {

namespace json = boost::json;

// A published JSON-stat table (formats.h), read back.
class Table {
 public:
  static std::optional<Table> Read(const std::filesystem::path& path) {
    auto text = ReadFileBytes(path.string());
    if (!text) return std::nullopt;
    std::error_code error;
    json::value parsed = json::parse(*text, error);
    if (error || !parsed.is_object()) return std::nullopt;
    Table table;
    table.data_ = std::move(parsed.as_object());
    return table;
  }

  std::string Label() const { return json::value_to<std::string>(data_.at("label")); }
  bool HasChoices() const { return Ids().size() == 3; }

  // The category codes of dimension `id`, in order, and their labels.
  std::vector<std::string> Codes(const std::string& id) const {
    std::vector<std::string> codes;
    for (const json::value& code : Category(id).at("index").as_array()) {
      codes.push_back(json::value_to<std::string>(code));
    }
    return codes;
  }
  std::string CategoryLabel(const std::string& id, const std::string& code) const {
    const json::object& labels = Category(id).at("label").as_object();
    auto found = labels.find(code);
    return found == labels.end() ? code : json::value_to<std::string>(found->value());
  }
  std::string DimensionLabel(const std::string& id) const {
    return json::value_to<std::string>(
        data_.at("dimension").as_object().at(id).as_object().at("label"));
  }

  // The value of line × choice × measure (no choice for a mean table);
  // nullopt if suppressed or missing.
  std::optional<double> Value(const std::string& line, const std::string& choice,
                              const std::string& measure) const {
    std::vector<std::string> lines = Codes("line"), measures = Codes("measure");
    std::vector<std::string> choices = HasChoices() ? Codes("choice") : std::vector<std::string>{""};
    auto at = [](const std::vector<std::string>& list, const std::string& code) {
      return size_t(std::find(list.begin(), list.end(), code) - list.begin());
    };
    size_t i = at(lines, line), j = at(choices, choice), m = at(measures, measure);
    if (i == lines.size() || j == choices.size() || m == measures.size()) return std::nullopt;
    const json::value& value = data_.at("value").as_array().at(
        (i * choices.size() + j) * measures.size() + m);
    if (!value.is_number()) return std::nullopt;
    return value.to_number<double>();
  }

 private:
  std::vector<std::string> Ids() const {
    std::vector<std::string> ids;
    for (const json::value& id : data_.at("id").as_array()) {
      ids.push_back(json::value_to<std::string>(id));
    }
    return ids;
  }
  const json::object& Category(const std::string& id) const {
    return data_.at("dimension").as_object().at(id).as_object().at("category").as_object();
  }

  json::object data_;
};

const LocalizedText kSame{"vastasi samoin", "svarade likadant", "answered the same"};
const LocalizedText kMean{"keskiarvo", "medelvärde", "mean"};
const LocalizedText kMedian{"mediaani", "median", "median"};
const LocalizedText kAll{"Kaikki", "Alla", "All"};

// What `table`'s line says of the organisation's answer: the share who
// answered the same (each of several choices), or the mean and median;
// nullopt if the line's numbers are suppressed or absent.
std::optional<std::string> PeerValue(const Table& table, const std::string& line,
                                     const std::vector<std::string>& own, Lang lang) {
  if (table.HasChoices()) {
    std::string out;
    std::vector<std::string> shown = own.empty() ? table.Codes("choice") : own;
    for (const std::string& choice : shown) {
      auto share = table.Value(line, choice, "share");
      if (!share) return std::nullopt;
      if (own.empty()) {
        out += fmt::format("{}{}: {}", out.empty() ? "" : "; ",
                           table.CategoryLabel("choice", choice), FormatPercent(*share, 0, lang));
      } else {
        out += fmt::format("{}{} {}{}", out.empty() ? "" : "; ", FormatPercent(*share, 0, lang),
                           kSame.Get(lang),
                           own.size() > 1 ? " (" + table.CategoryLabel("choice", choice) + ")"
                                          : "");
      }
    }
    return out;
  }
  auto mean = table.Value(line, "", "mean");
  auto median = table.Value(line, "", "median");
  if (!mean) return std::nullopt;
  return fmt::format("{} {}{}", kMean.Get(lang), FormatDecimal(*mean, 2, lang),
                     median ? fmt::format(", {} {}", kMedian.Get(lang),
                                          FormatDecimal(*median, 2, lang))
                            : "");
}

}  // namespace

std::vector<BenchmarkRow> Benchmark(const BenchmarkInput& input) {
  namespace fs = std::filesystem;
  const std::string lang = std::string(LangCode(input.lang));
  std::vector<BenchmarkRow> rows;
  for (const std::string& item : input.items) {
    const fs::path base = fs::path(input.version_folder) / input.target_group;
    auto overall = Table::Read(base / fmt::format("{}.{}.json", item, lang));
    if (!overall) continue;  // not published
    BenchmarkRow row;
    row.item = item;
    row.question = overall->Label();
    auto answer = input.answers.find(item);
    std::vector<std::string> own;
    if (answer != input.answers.end() && overall->HasChoices()) {
      for (const std::string& word : SplitWords(answer->second)) {
        std::vector<std::string> choices = overall->Codes("choice");
        if (std::find(choices.begin(), choices.end(), word) == choices.end()) continue;
        own.push_back(word);
        row.own += (row.own.empty() ? "" : "; ") + overall->CategoryLabel("choice", word);
      }
    } else if (answer != input.answers.end()) {
      row.own = answer->second;
    }
    auto peer = [&](const std::optional<Table>& table, const std::string& line,
                    const std::string& group) {
      BenchmarkPeer out;
      out.group = group;
      if (table && !line.empty()) {
        if (auto value = PeerValue(*table, line, own, input.lang)) {
          out.value = *value;
          out.shown = true;
        }
      }
      row.peers.push_back(std::move(out));
    };
    peer(overall, "total", kAll.Get(input.lang));
    for (const auto& [dimension, code] :
         {std::pair{"size_class", input.size_class}, std::pair{"region", input.region}}) {
      auto table = Table::Read(base / fmt::format("{}.by-{}.{}.json", item, dimension, lang));
      std::string group = table ? fmt::format("{}: {}", table->DimensionLabel("line"),
                                              table->CategoryLabel("line", code))
                                : std::string(dimension);
      peer(table, code, group);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::optional<LatestBenchmark> BenchmarkAgainstLatest(
    const std::string& folder, const std::string& round, const std::string& target_group,
    const forms::Form& form, const std::map<std::string, std::string>& answers,
    const std::map<std::string, std::string>& facts, Lang lang) {
  std::optional<ReleaseEntry> latest = LatestRelease(folder, round);
  if (!latest) return std::nullopt;
  BenchmarkInput input;
  input.version_folder =
      (std::filesystem::path(folder) / round / fmt::format("v{}", latest->version)).string();
  input.target_group = target_group;
  for (const forms::Item& item : form.items) {
    if (forms::IsQuestion(item.type)) input.items.push_back(item.name);
  }
  input.answers = answers;
  auto fact = [&](const char* name) {
    auto found = facts.find(name);
    return found == facts.end() ? std::string() : found->second;
  };
  input.size_class = fact("size_class");
  input.region = fact("region");
  input.lang = lang;
  return LatestBenchmark{round, latest->version, latest->stage, latest->date, Benchmark(input)};
}

}  // namespace kartla::publish
