#include "publish/benchmark.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <optional>

#include "core/files.h"
#include "core/text.h"
#include "publish/release.h"
#include "registry/registry.h"
#include "stats/dataset.h"
#include "stats/indices.h"

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


 public:
  // The categories each merged line holds (formats.cc's members), and
  // an amount's figure per inhabitant: its multiplier, unit and decimals.
  std::vector<std::string> Members(const std::string& line) const {
    std::vector<std::string> codes;
    const json::object* kartla = Extension();
    const json::value* members = kartla ? kartla->if_contains("members") : nullptr;
    const json::value* of = members && members->is_object() ? members->as_object().if_contains(line)
                                                            : nullptr;
    if (!of || !of->is_array()) return codes;
    for (const json::value& code : of->as_array()) {
      if (code.is_string()) codes.push_back(json::value_to<std::string>(code));
    }
    return codes;
  }
  struct PerInhabitant {
    double multiplier = 0;
    std::string unit;
    int decimals = 1;
  };
  std::optional<PerInhabitant> PerInhabitantOf() const {
    const json::object* kartla = Extension();
    const json::value* per = kartla ? kartla->if_contains("per_inhabitant") : nullptr;
    if (!per || !per->is_object()) return std::nullopt;
    const json::object& o = per->as_object();
    PerInhabitant out;
    if (const json::value* m = o.if_contains("multiplier"); m && m->is_number()) {
      out.multiplier = m->to_number<double>();
    }
    if (const json::value* u = o.if_contains("unit"); u && u->is_string()) {
      out.unit = json::value_to<std::string>(*u);
    }
    if (const json::value* d = o.if_contains("decimals"); d && d->is_number()) {
      out.decimals = int(d->to_number<double>());
    }
    if (!(out.multiplier > 0)) return std::nullopt;
    return out;
  }

  // An index's definition (formats.cc's index), or nullopt for a question.
  std::optional<stats::IndexDefinition> IndexOf() const {
    const json::object* kartla = Extension();
    const json::value* index = kartla ? kartla->if_contains("index") : nullptr;
    if (!index || !index->is_object()) return std::nullopt;
    const json::object& o = index->as_object();
    stats::IndexDefinition out;
    auto texts = [&](const char* key, std::vector<std::string>& into) {
      const json::value* list = o.if_contains(key);
      if (!list || !list->is_array()) return;
      for (const json::value& v : list->as_array()) {
        if (v.is_string()) into.push_back(json::value_to<std::string>(v));
      }
    };
    texts("items", out.items);
    texts("reversed", out.reversed);
    if (const json::value* weights = o.if_contains("weights"); weights && weights->is_array()) {
      for (const json::value& v : weights->as_array()) {
        if (v.is_number()) out.weights.push_back(v.to_number<double>());
      }
    }
    if (const json::value* least = o.if_contains("min_answered"); least && least->is_number()) {
      out.min_answered = int(least->to_number<double>());
    }
    if (out.items.empty()) return std::nullopt;
    return out;
  }

  // The line holding an organisation of category `code`: its own, or the
  // merged line whose make-up holds it; "" if none.
  std::string LineOf(const std::string& code) const {
    if (code.empty()) return "";
    std::string own;
    for (const std::string& line : Codes("line")) {
      std::vector<std::string> members = Members(line);
      if (std::find(members.begin(), members.end(), code) != members.end()) return line;
      if (line == code && members.empty()) own = line;
    }
    return own;
  }

 private:
  const json::object* Extension() const {
    const json::value* extension = data_.if_contains("extension");
    if (!extension || !extension->is_object()) return nullptr;
    const json::value* kartla = extension->as_object().if_contains("kartla");
    return kartla && kartla->is_object() ? &kartla->as_object() : nullptr;
  }

  json::object data_;
};

const LocalizedText kSame{"vastasi samoin", "svarade likadant", "answered the same"};
const LocalizedText kWider{"lähin laajempi ryhmä", "närmaste bredare grupp",
                           "the nearest wider group"};
const LocalizedText kYours{"teillä", "ni", "yours"};
const LocalizedText kQuarters[] = {
    {"alin neljännes", "lägsta fjärdedelen", "lowest quarter"},
    {"toinen neljännes", "andra fjärdedelen", "second quarter"},
    {"kolmas neljännes", "tredje fjärdedelen", "third quarter"},
    {"ylin neljännes", "högsta fjärdedelen", "highest quarter"}};
const LocalizedText kStanding{"Vastauksenne: {}", "Ert svar: {}", "Your answer: {}"};

// A strip 160 × 14 px, hidden from screen readers (the cell's words say
// the same), in colours of 3:1 and more against white.
constexpr double kStripWidth = 160;
std::string Strip(const std::string& body) {
  return fmt::format(
      "<svg class=\"strip\" width=\"{}\" height=\"14\" viewBox=\"0 0 {} 14\" "
      "aria-hidden=\"true\" focusable=\"false\">{}</svg>",
      kStripWidth, kStripWidth, body);
}

// The group's shares of a single choice in the list's order, the
// organisation's own answer dark, the others light; none for a multiple
// choice (its shares add up to more than 100).
std::string ChoiceStrip(const Table& table, const std::string& line,
                        const std::vector<std::string>& own) {
  std::string body;
  double x = 0, sum = 0;
  for (const std::string& choice : table.Codes("choice")) {
    auto share = table.Value(line, choice, "share");
    if (!share) return "";
    sum += *share;
  }
  if (sum > 100.5) return "";
  for (const std::string& choice : table.Codes("choice")) {
    auto share = table.Value(line, choice, "share");
    const double width = kStripWidth * *share / 100;
    const bool mine = std::find(own.begin(), own.end(), choice) != own.end();
    body += fmt::format(
        "<rect x=\"{:.1f}\" y=\"1\" width=\"{:.1f}\" height=\"12\" fill=\"{}\" "
        "stroke=\"#fff\" stroke-width=\"1\"/>",
        x, width, mine ? "#1f5fa8" : "#c8ced6");
    x += width;
  }
  return Strip(body);
}

// An amount's quartiles as a box with the median, and the organisation's
// answer as a dot, on an axis from 0 to a little beyond the larger.
std::string AmountStrip(double q1, double median, double q3, double own) {
  const double top = 1.15 * std::max({q3, own, 1e-9});
  auto at = [&](double value) { return 4 + (kStripWidth - 8) * std::max(0.0, value) / top; };
  return Strip(fmt::format(
      "<line x1=\"4\" y1=\"7\" x2=\"{:.1f}\" y2=\"7\" stroke=\"#767676\"/>"
      "<rect x=\"{:.1f}\" y=\"2\" width=\"{:.1f}\" height=\"10\" fill=\"#c8ced6\"/>"
      "<line x1=\"{:.1f}\" y1=\"1\" x2=\"{:.1f}\" y2=\"13\" stroke=\"#1a1a1a\" "
      "stroke-width=\"2\"/>"
      "<circle cx=\"{:.1f}\" cy=\"7\" r=\"5\" fill=\"#1f5fa8\" stroke=\"#fff\"/>",
      kStripWidth - 4, at(q1), std::max(1.0, at(q3) - at(q1)), at(median), at(median),
      at(own)));
}
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

// Where `own` (an amount) stands among the line's answers, and the line's
// figure per inhabitant beside the organisation's own: added to `peer`.
void PlaceAmount(const Table& table, const std::string& line, double own,
                 const BenchmarkInput& input, BenchmarkPeer& peer) {
  auto q1 = table.Value(line, "", "q1");
  auto median = table.Value(line, "", "median");
  auto q3 = table.Value(line, "", "q3");
  if (q1 && median && q3) {
    const int quarter = own < *q1 ? 0 : own < *median ? 1 : own < *q3 ? 2 : 3;
    peer.standing = fmt::format(fmt::runtime(kStanding.Get(input.lang)),
                                kQuarters[quarter].Get(input.lang));
    peer.strip = AmountStrip(*q1, *median, *q3, own);
  }
  auto per = table.PerInhabitantOf();
  auto theirs = table.Value(line, "", "per_inhabitant");
  if (per && theirs) {
    peer.value += fmt::format("; {} {}", FormatDecimal(*theirs, per->decimals, input.lang),
                              per->unit);
    if (input.population > 0) {
      peer.value += fmt::format(
          " ({} {})", kYours.Get(input.lang),
          FormatDecimal(own * per->multiplier / input.population, per->decimals, input.lang));
    }
  }
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
      row.own = FormatNumberText(answer->second, input.lang);
    }
    // An amount answered: a number to place among the peers' answers.
    std::optional<double> amount;
    if (answer != input.answers.end() && !overall->HasChoices()) {
      amount = ParseDecimal(answer->second);
    }
    auto peer = [&](const std::optional<Table>& table, const std::string& line,
                    const std::string& group) {
      BenchmarkPeer out;
      out.group = group;
      if (table && !line.empty()) {
        if (auto value = PeerValue(*table, line, own, input.lang)) {
          out.value = *value;
          out.shown = true;
          if (table->HasChoices() && !own.empty()) out.strip = ChoiceStrip(*table, line, own);
          if (amount) PlaceAmount(*table, line, *amount, input, out);
        }
      }
      row.peers.push_back(std::move(out));
    };
    peer(overall, "total", kAll.Get(input.lang));
    for (const auto& [dimension, code] :
         {std::pair{"size_class", input.size_class}, std::pair{"region", input.region}}) {
      auto table = Table::Read(base / fmt::format("{}.by-{}.{}.json", item, dimension, lang));
      // The organisation's line: its own category's, or the wider line the
      // release merged it into, named as such.
      const std::string line = table ? table->LineOf(code) : "";
      std::string group = std::string(dimension);
      if (table) {
        group = fmt::format("{}: {}", table->DimensionLabel("line"),
                            table->CategoryLabel("line", line.empty() ? code : line));
        if (!line.empty() && line != code) group += " (" + kWider.Get(input.lang) + ")";
      }
      peer(table, line, group);
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
  input.answers = answers;
  // The settings' indices published for the questionnaire, first: the
  // organisation's own score, from its answers as the release scored
  // everyone's (the definition rides in the index's file).
  const std::string code(LangCode(lang));
  const std::string suffix = "." + code + ".json";
  const std::filesystem::path base = std::filesystem::path(input.version_folder) / target_group;
  std::error_code error;
  std::vector<std::string> indices;
  for (const auto& entry : std::filesystem::directory_iterator(base, error)) {
    const std::string file = entry.path().filename().string();
    if (!file.ends_with(suffix) || file.find('.') != file.size() - suffix.size()) continue;
    auto table = Table::Read(entry.path());
    std::optional<stats::IndexDefinition> index = table ? table->IndexOf() : std::nullopt;
    if (!index) continue;
    index->name = file.substr(0, file.size() - suffix.size());
    indices.push_back(index->name);
    const Registry none({}, {});
    const stats::RespondentAnswers own{"", target_group, &answers};
    const stats::Dataset mine = stats::BuildDataset(form, std::span(&own, 1), none);
    auto score = stats::ComputeIndex(mine, *index);
    input.answers.erase(index->name);
    if (score.ok() && !std::isnan(score->column.numbers.at(0))) {
      input.answers[index->name] = fmt::format("{:.1f}", score->column.numbers[0]);
    }
  }
  std::sort(indices.begin(), indices.end());
  input.items = indices;
  for (const forms::Item& item : form.items) {
    if (forms::IsQuestion(item.type)) input.items.push_back(item.name);
  }
  auto fact = [&](const char* name) {
    auto found = facts.find(name);
    return found == facts.end() ? std::string() : found->second;
  };
  input.size_class = fact("size_class");
  input.region = fact("region");
  input.population = ParseDecimal(fact("population")).value_or(0);
  input.lang = lang;
  return LatestBenchmark{round, latest->version, latest->stage, latest->date, Benchmark(input)};
}

}  // namespace kartla::publish
