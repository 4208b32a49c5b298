// Random rounds for the independent attacker (tests/browser/attacker.mjs):
// DIR/round-N/v1/GROUP/QUESTION[.by-DIM].en.json as a release writes its
// choice tables (lines × choices × the measure "n", ".." where hidden,
// lines nobody answered in left out, the coverage note), protected by
// Kartla's own disclosure control (stats::Distribute), and beside them, in
// DIR/round-N/truth.json, k and every count's true value, which only the
// test reads. Everyone answers every question, so that the methods page's
// respondents per category (v1/en/methods.html, protected as a release
// protects it) are the lines' bases, as the audit assumes them published. Sizes 20 … 2,000 organisations, k 3 … 10.
// With "methods", each round also gets a methods page whose respondents per
// category are the lines' bases: the audit does not yet link the two (see
// docs/statistics.md), and the attacker then finds what that misses.
// With "versions", each round is published twice: v1 of its first
// respondents, v2 of all (one to a dozen more), v2 protected against v1
// as a release protects a later version (publish::ProtectTogether:
// each question's overall table, then its breakdowns with that total
// line); truth.json then holds v2's counts too ("counts_v2"). Each
// round then also has an amount (GROUP/amount[.by-DIM].en.json: per line
// the mean and the number of answers, ".." where hidden), v2 hiding the
// lines whose mean with v1's would tell the few who answered since, as a
// release hides them (stats::SummariesTellingNewcomers, HideSummaries);
// truth.json's "means_hidden" says how many lines that hid.
// With "crossed", as "methods", but those who did not answer are
// organisations too, with a region and a size class, and
// DIR/round-N/joint.json gives the invited per region × size class (public
// in a registry), for attacker.mjs's `crossed`; each question's tables
// are then protected read with the registry, as a release's are. With
// "crossed-alone", the same rounds protected table by table only (as
// before Kartla read them with the registry: the attacker must find some
// count narrowed there).
// Usage: random_releases DIR ROUNDS [SEED [methods|versions|crossed|crossed-alone]]
#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <span>
#include <string>

#include "stats/dataset.h"
#include "stats/survey_design.h"
#include "stats/tables.h"

namespace {

namespace json = boost::json;
using kartla::stats::Dataset;
using kartla::stats::DatasetColumn;
using kartla::stats::DatasetDimension;

DatasetDimension Dimension(const std::string& id, std::vector<int> codes, int size) {
  DatasetDimension dimension;
  dimension.id = id;
  for (int c = 0; c < size; ++c) {
    dimension.categories.push_back(id + std::to_string(c));
    const std::string& code = dimension.categories.back();
    dimension.category_labels.push_back({code, code, code});
  }
  dimension.codes = std::move(codes);
  return dimension;
}

// A table's notes: `first`, and what merging did to `dimension`'s lines.
json::array Notes(const DatasetDimension* dimension, std::string first) {
  json::array out;
  if (!first.empty()) out.emplace_back(first);
  if (dimension) {
    const std::string merged = kartla::stats::MergeNote(*dimension, kartla::Lang::kEn);
    if (!merged.empty()) out.emplace_back(merged);
  }
  return out;
}

// The table as JSON-stat, and its true counts into `truth`.
// Lines are labelled as `dimension` labels them (merged lines too, with
// its note of what was merged); without one, by their codes.
std::string JsonStat(const kartla::stats::Distribution& table, size_t rows,
                     const std::string& by, const std::string& file, json::object& truth,
                     const DatasetDimension* dimension = nullptr) {
  json::array lines, choices, values;
  json::object line_labels, choice_labels, status;
  for (size_t l = 0; l < table.groups.size(); ++l) {
    const bool total = l + 1 == table.groups.size();
    if (table.base[l] == 0 && !total) continue;  // as Publish: nobody there
    const std::string code = total ? "total" : table.groups[l];
    lines.emplace_back(code);
    line_labels[code] = dimension && !total ? dimension->category_labels[l].en : code;
    for (size_t j = 0; j < table.categories.size(); ++j) {
      if (table.suppressed[l][j]) {
        status[std::to_string(values.size())] = "..";
        values.emplace_back(nullptr);
      } else {
        values.emplace_back(table.counts[l][j]);
      }
      truth[file + "|" + code + "|" + table.categories[j]] = table.counts[l][j];
    }
    truth[file + "|" + code + "|base"] = table.base[l];
  }
  for (const std::string& choice : table.categories) {
    choices.emplace_back(choice);
    choice_labels[choice] = choice;
  }
  json::object dataset{
      {"version", "2.0"},
      {"class", "dataset"},
      {"id", json::array{"line", "choice", "measure"}},
      {"size", json::array{lines.size(), choices.size(), 1}},
      {"dimension",
       {{"line", {{"label", by}, {"category", {{"index", lines}, {"label", line_labels}}}}},
        {"choice",
         {{"label", "answer"}, {"category", {{"index", choices}, {"label", choice_labels}}}}},
        {"measure",
         {{"label", "measure"},
          {"category", {{"index", json::array{"n"}}, {"label", {{"n", "respondents"}}}}}}}}},
      {"value", values},
      {"note", Notes(dimension, "Answered by " + std::to_string(table.base.back()) + " of " +
                                    std::to_string(rows) + " respondents.")}};
  if (!status.empty()) dataset["status"] = status;
  return json::serialize(dataset) + "\n";
}


// An amount's table as JSON-stat: lines × the measures "mean" and "n"
// (".." where the summary is hidden), lines nobody answered in left out.
std::string AmountJsonStat(const kartla::stats::QuestionTable& table, const std::string& by,
                           const DatasetDimension* dimension) {
  json::array lines, values;
  json::object line_labels, status;
  for (const kartla::stats::GroupResult& line : table.groups) {
    if (line.valid == 0 && line.kind != kartla::stats::LineKind::kTotal) continue;
    lines.emplace_back(line.code);
    line_labels[line.code] = dimension && line.kind != kartla::stats::LineKind::kTotal
                                 ? line.label.en
                                 : line.code;
    for (double value : {line.mean.estimate, double(line.valid)}) {
      if (line.summary_hidden) status[std::to_string(values.size())] = "..";
      values.emplace_back(line.summary_hidden ? json::value(nullptr) : json::value(value));
    }
  }
  json::object dataset{
      {"version", "2.0"},
      {"class", "dataset"},
      {"id", json::array{"line", "measure"}},
      {"size", json::array{lines.size(), 2}},
      {"dimension",
       {{"line", {{"label", by}, {"category", {{"index", lines}, {"label", line_labels}}}}},
        {"measure",
         {{"label", "measure"},
          {"category",
           {{"index", json::array{"mean", "n"}},
            {"label", {{"mean", "mean"}, {"n", "respondents"}}}}}}}}},
      {"value", values},
      {"note", Notes(dimension, "")}};
  if (!status.empty()) dataset["status"] = status;
  return json::serialize(dataset) + "\n";
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: random_releases DIR ROUNDS [SEED [methods|versions|crossed|crossed-alone]]\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const int rounds = std::atoi(argv[2]);
  std::mt19937 random(argc > 3 ? unsigned(std::atoi(argv[3])) : 19u);
  const std::string mode = argc > 4 ? argv[4] : "";
  const bool with_crossed = mode == "crossed" || mode == "crossed-alone";
  const bool with_registry = mode == "crossed";
  const bool with_methods = with_crossed || mode == "methods";
  const bool with_versions = mode == "versions";
  int left_out = 0;  // versions: questions v2 could not publish
  int merged_differently = 0;  // versions: rounds whose versions merge regions differently
  for (int r = 0; r < rounds; ++r) {
    const size_t n = 20 + random() % 1981;
    const int k = 3 + int(random() % 8);
    const kartla::stats::DisclosureRules rules{k, int(random() % 3) * k};
    Dataset data;
    data.rows = n;
    std::vector<int> region(n), size(n);
    std::discrete_distribution<int> region_pick(
        {30, 12, 10, 9, 8, 8, 7, 6, 6, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2});
    std::discrete_distribution<int> size_pick({25, 30, 18, 12, 8, 4, 3});
    for (size_t i = 0; i < n; ++i) {
      region[i] = random() % 25 == 0 ? -1 : region_pick(random);
      size[i] = size_pick(random);
    }
    data.dimensions = {Dimension("region", region, 19), Dimension("size", size, 7)};
    // Those invited who did not answer, of the same regions and size
    // classes (their own random numbers, so that the rounds' answers stay
    // as they were): the methods page's "did not answer", and with the
    // respondents the invited per region × size class, which the registry
    // makes public (joint.json, for attacker.mjs's `crossed`).
    std::mt19937 others(unsigned(r) * 7919u + 1u);
    const size_t silent = with_crossed ? n / 2 + size_t(k) * 26 : 0;
    std::vector<int> silent_region(silent), silent_size(silent);
    for (size_t i = 0; i < silent; ++i) {
      silent_region[i] = others() % 25 == 0 ? -1 : region_pick(others);
      silent_size[i] = size_pick(others);
    }
    json::object joint;
    auto invite = [&](int in_region, int in_size) {
      const std::string key = (in_region < 0 ? std::string("outside") : "region" + std::to_string(in_region)) +
                              "|size" + std::to_string(in_size);
      joint[key] = (joint.contains(key) ? joint[key].as_int64() : 0) + 1;
    };
    for (size_t i = 0; i < n; ++i) invite(region[i], size[i]);
    for (size_t i = 0; i < silent; ++i) invite(silent_region[i], silent_size[i]);
    if (with_crossed) {
      // The population, as a release's dataset has it: each organisation
      // answers once, and Kartla reads its breakdowns with the registry.
      data.one_per_organisation = true;
      for (size_t i = 0; i < n + silent; ++i) data.population.push_back("o" + std::to_string(i));
      data.dimensions[0].population_codes = region;
      data.dimensions[1].population_codes = size;
      data.dimensions[0].population_codes.insert(data.dimensions[0].population_codes.end(),
                                                 silent_region.begin(), silent_region.end());
      data.dimensions[1].population_codes.insert(data.dimensions[1].population_codes.end(),
                                                 silent_size.begin(), silent_size.end());
    }
    for (int q = 0; q < 3; ++q) {
      DatasetColumn column;
      column.name = "q" + std::to_string(q);
      const bool multiple = q == 2;
      column.kind = multiple ? DatasetColumn::Kind::kMultiple : DatasetColumn::Kind::kChoice;
      const size_t choices = 2 + random() % 5;
      std::vector<double> weights;
      for (size_t j = 0; j < choices; ++j) {
        column.choices.push_back("c" + std::to_string(j));
        column.choice_labels.emplace_back();
        weights.push_back(j == 0 ? 0.3 : 1.0 + double(random() % 25));
      }
      std::discrete_distribution<int> pick(weights.begin(), weights.end());
      for (size_t i = 0; i < n; ++i) {
        if (multiple) {
          uint64_t bits = 0;
          for (size_t j = 0; j < choices; ++j) bits |= uint64_t(random() % 4 == 0) << j;
          column.bits.push_back(bits);
        } else {
          column.codes.push_back(int16_t(pick(random)));  // all answer: the bases are public
        }
      }
      data.columns.push_back(std::move(column));
    }
    const std::filesystem::path round = dir / ("round-" + std::to_string(r));
    const std::filesystem::path group = round / "v1" / "group";
    std::filesystem::create_directories(group);
    if (with_methods) std::filesystem::create_directories(round / "v1" / "en");
    // The methods page: per category the invited organisations and who
    // answered, protected as MethodsOf does (publish/release_builder.cc);
    // the tables then hide the bases of the lines it hides, as a release's
    // do.
    std::ofstream methods;
    if (with_methods) {
      methods.open(round / "v1" / "en" / "methods.html");
      methods << "<section class=\"methods-group\"><h2>group</h2>\n";
    }
    for (size_t d = 0; d < data.dimensions.size(); ++d) {
      if (!with_methods) break;
      DatasetDimension& dimension = data.dimensions[d];
      const std::vector<int>& silent_codes = d == 0 ? silent_region : silent_size;
      kartla::stats::Distribution answered;
      answered.public_bases = true;
      answered.categories = {"answered", "not_answered"};
      std::vector<int> in(dimension.categories.size(), 0), out(dimension.categories.size(), 0);
      int outside_in = 0, outside_out = 0;
      for (size_t i = 0; i < n; ++i) {
        (dimension.codes[i] >= 0 ? in[size_t(dimension.codes[i])] : outside_in) += 1;
      }
      if (with_crossed) {
        for (int code : silent_codes) (code >= 0 ? out[size_t(code)] : outside_out) += 1;
      }
      for (size_t c = 0; c < in.size(); ++c) {
        // Who did not answer: with "crossed", the organisations above; else
        // never few.
        if (!with_crossed) out[c] = k + int(random() % 3) * in[c] / 2;
        answered.groups.push_back(dimension.categories[c]);
        answered.counts.push_back({in[c], out[c]});
        answered.base.push_back(in[c] + out[c]);
      }
      int all_in = outside_in, all_out = outside_out;
      for (size_t c = 0; c < in.size(); ++c) all_in += in[c], all_out += out[c];
      answered.groups.push_back("total");
      answered.counts.push_back({all_in, all_out});
      answered.base.push_back(all_in + all_out);
      answered.unpublished = {{outside_in, outside_out}};
      answered.unpublished_base = {outside_in + outside_out};
      kartla::stats::ProtectDistribution(answered, rules);
      methods << "<table class=\"data\"><caption>" << dimension.id << "</caption><tbody>\n";
      for (size_t c = 0; c < in.size(); ++c) {
        if (answered.base[c] == 0) continue;
        const bool hidden = answered.suppressed[c][0] || answered.suppressed[c][1];
        if (hidden) {
          dimension.hidden_bases.resize(in.size(), false);
          dimension.hidden_bases[c] = true;
        }
        methods << "<tr><th scope=\"row\">" << dimension.categories[c] << "</th><td>"
                << answered.base[c] << "</td><td>" << (hidden ? ".." : std::to_string(in[c]))
                << "</td><td></td><td></td></tr>\n";
      }
      methods << "</tbody></table>\n";
    }
    if (with_methods) {
      methods << "</section>\n";
      methods.close();
    }
    json::object truth, truth_v2;
    if (with_versions) {
      // v1 of the first respondents, v2 of all.
      Dataset then = data;
      then.rows = n - std::min(n - 1, size_t(1 + random() % 12));
      for (DatasetColumn& column : then.columns) {
        if (!column.codes.empty()) column.codes.resize(then.rows);
        if (!column.bits.empty()) column.bits.resize(then.rows);
      }
      for (DatasetDimension& dimension : then.dimensions) dimension.codes.resize(then.rows);
      // Each version's small regions merged into five larger areas, as a
      // release merges them; the fewest respondents a region keeps its own
      // line with is, where it can be, what a region the newcomers joined
      // has in v2: merged in v1, its own in v2.
      int merge_below = 2 * k;
      std::vector<int> grew(19, 0);
      for (size_t i = then.rows; i < n; ++i) {
        if (data.dimensions[0].codes[i] >= 0) grew[size_t(data.dimensions[0].codes[i])] = 1;
      }
      for (int c = 0; c < 19; ++c) {
        if (!grew[size_t(c)]) continue;
        const int now = int(std::ranges::count(data.dimensions[0].codes, c));
        if (now >= k) merge_below = now;
        break;
      }
      for (Dataset* version : {&then, &data}) {
        DatasetDimension fine = version->dimensions[0];
        std::vector<int> areas;
        for (int c = 0; c < 19; ++c) {
          fine.population_codes.push_back(c);
          areas.push_back(c * 5 / 19);
        }
        DatasetDimension area = Dimension("area", {}, 5);
        area.population_codes = areas;
        DatasetDimension merged = kartla::stats::MergeSmallCategories(fine, area, merge_below);
        merged.population_codes.clear();
        version->dimensions[0] = std::move(merged);
      }
      merged_differently += then.dimensions[0].categories != data.dimensions[0].categories ||
                            kartla::stats::LineMakeUp(then.dimensions[0]) !=
                                kartla::stats::LineMakeUp(data.dimensions[0]);
      std::filesystem::create_directories(round / "v2" / "group");
      for (size_t c = 0; c < data.columns.size(); ++c) {
        const DatasetColumn& column = data.columns[c];
        std::vector<kartla::stats::Distribution> earlier, now;
        for (int d = -1; d < int(data.dimensions.size()); ++d) {
          earlier.push_back(*kartla::stats::Distribute(
              then, then.columns[c], d < 0 ? nullptr : &then.dimensions[size_t(d)], rules));
          now.push_back(*kartla::stats::Distribute(
              data, column, d < 0 ? nullptr : &data.dimensions[size_t(d)], rules));
        }
        // Where that cannot be done, publishing refuses the version (the
        // team leaves the section out of it): so does this one.
        std::vector<std::vector<const kartla::stats::Distribution*>> before(1);
        for (const auto& table : earlier) before[0].push_back(&table);
        const bool refused = !kartla::stats::ProtectQuestionAgainstEarlier(now, before, rules);
        if (refused) ++left_out;
        for (size_t t = 0; t < now.size(); ++t) {
          const std::string by = t == 0 ? "line" : data.dimensions[t - 1].id;
          const std::string file =
              "group/" + column.name + (t == 0 ? std::string() : ".by-" + by) + ".en.json";
          const DatasetDimension* then_by = t == 0 ? nullptr : &then.dimensions[t - 1];
          const DatasetDimension* now_by = t == 0 ? nullptr : &data.dimensions[t - 1];
          std::ofstream(round / "v1" / file)
              << JsonStat(earlier[t], then.rows, by, file, truth, then_by);
          if (!refused) {
            std::ofstream(round / "v2" / file) << JsonStat(now[t], n, by, file, truth_v2, now_by);
          }
        }
      }
      // The amount: € per organisation, some nothing, some not given (its
      // own random numbers, so that the choices stay as they were).
      std::mt19937 amounts(unsigned(r) * 104729u + 3u);
      std::lognormal_distribution<double> euros(10, 1);
      DatasetColumn amount;
      amount.name = "amount";
      amount.kind = DatasetColumn::Kind::kNumber;
      for (size_t i = 0; i < n; ++i) {
        const unsigned roll = amounts() % 20;
        amount.numbers.push_back(roll == 0   ? kartla::stats::kMissing
                                 : roll == 1 ? 0.0
                                             : std::round(euros(amounts)));
      }
      for (size_t i = 0; i < n; ++i) data.organisations.push_back("o" + std::to_string(i));
      then.organisations = data.organisations;
      then.organisations.resize(then.rows);
      DatasetColumn amount_then = amount;
      amount_then.numbers.resize(then.rows);
      auto design = [](size_t rows) -> kartla::stats::Design {
        kartla::stats::DesignSpec spec;
        spec.weights.assign(rows, 1.0);
        auto made = kartla::stats::Design::Make(std::move(spec));
        return std::move(*made);
      };
      const kartla::stats::Design design_then = design(then.rows), design_now = design(n);
      int means_hidden = 0;
      for (int d = -1; d < int(data.dimensions.size()); ++d) {
        const kartla::stats::Breakdown by_then =
            d < 0 ? kartla::stats::Breakdown() : &then.dimensions[size_t(d)];
        const kartla::stats::Breakdown by_now =
            d < 0 ? kartla::stats::Breakdown() : &data.dimensions[size_t(d)];
        const kartla::stats::QuestionTable earlier =
            Tabulate(then, amount_then, design_then, by_then, rules);
        kartla::stats::QuestionTable now = Tabulate(data, amount, design_now, by_now, rules);
        std::map<std::string, kartla::stats::SummaryShown> shown;
        for (size_t l = 0; l < earlier.groups.size(); ++l) {
          const kartla::stats::GroupResult& line = earlier.groups[l];
          shown[line.code] = {line.valid, !line.summary_hidden,
                              earlier.summary_equations->answered_sum[l], line.members};
        }
        std::vector<bool> also;
        for (int since : kartla::stats::SummariesTellingNewcomers(now, shown, k)) {
          also.push_back(since > 0);
        }
        const auto hidden = [&] {
          return std::ranges::count_if(now.groups, [](const auto& g) { return g.summary_hidden; });
        };
        const auto before = hidden();
        kartla::stats::HideSummaries(now, also, rules,
                                     kartla::stats::SummariesAtTheirLeast(now, shown));
        means_hidden += int(hidden() - before);
        const std::string by = d < 0 ? "line" : data.dimensions[size_t(d)].id;
        const std::string file = "group/amount" + (d < 0 ? std::string() : ".by-" + by) + ".en.json";
        std::ofstream(round / "v1" / file) << AmountJsonStat(earlier, by, by_then.first);
        std::ofstream(round / "v2" / file) << AmountJsonStat(now, by, by_now.first);
      }
      std::ofstream(round / "truth.json")
          << json::serialize(json::object{{"k", k},
                                          {"organisations", n},
                                          {"counts", truth},
                                          {"counts_v2", truth_v2},
                                          {"means_hidden", means_hidden}})
          << "\n";
      continue;
    }
    for (const DatasetColumn& column : data.columns) {
      const DatasetDimension* by[] = {nullptr, &data.dimensions[0], &data.dimensions[1]};
      std::vector<kartla::stats::Distribution> tables;
      for (const DatasetDimension* dimension : by) {
        tables.push_back(*kartla::stats::Distribute(data, column, dimension, rules));
      }
      if (with_registry) {
        // Read with the registry, as a release protects a question's
        // breakdowns (publish::ProtectTogether).
        const kartla::stats::JointClasses registry =
            kartla::stats::ClassesOf(data, column, std::span(by).subspan(1));
        if (!kartla::stats::ProtectQuestionAgainstEarlier(tables, {}, rules, &registry)) {
          std::cerr << "round " << r << " " << column.name << ": cannot be protected\n";
          return 1;
        }
      }
      for (size_t t = 0; t < tables.size(); ++t) {
        const std::string file = "group/" + column.name +
                                 (by[t] ? ".by-" + by[t]->id : std::string()) + ".en.json";
        std::ofstream(round / "v1" / file)
            << JsonStat(tables[t], n, by[t] ? by[t]->id : "line", file, truth);
      }
    }
    std::ofstream(round / "truth.json")
        << json::serialize(json::object{{"k", k}, {"organisations", n}, {"counts", truth}}) << "\n";
    if (with_crossed) std::ofstream(round / "joint.json") << json::serialize(joint) << "\n";
  }
  if (with_versions) {
    std::cerr << left_out << " questions left out of a v2 that would give counts away; "
              << merged_differently << " rounds whose versions merge regions differently\n";
  }
  return 0;
}
