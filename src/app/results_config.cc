#include "app/results_config.h"

#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <toml++/toml.h>

namespace kartla {
namespace {

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  // A problem at `at`: "problem_results_" + key in the catalogue, whose
  // English is `english` with {0}, {1}... from `args`.
  void Problem(const toml::node& at, std::string_view key, std::string_view english,
               std::vector<std::string> args = {}) {
    problems_.push_back(kartla::Problem::Keyed(Severity::kError, PlaceOf(at.source()),
                                       "results_" + std::string(key), english, std::move(args)));
  }

  Place PlaceOf(const toml::source_region& source) const {
    return Place{file_, "", int(source.begin.line), int(source.begin.column)};
  }

  void Int(const toml::node& node, const std::string& key, int min, int max, int& out) {
    auto value = node.value_exact<int64_t>();
    if (!value || *value < min || *value > max) {
      Problem(node, "whole_number", "{0}: give a whole number from {1} to {2}",
              {key, std::to_string(min), std::to_string(max)});
    } else {
      out = int(*value);
    }
  }

  void Texts(const toml::node& node, const std::string& key, std::vector<std::string>& out) {
    const toml::array* array = node.as_array();
    out.clear();
    bool ok = array != nullptr;
    if (array) {
      for (const toml::node& element : *array) {
        auto text = element.value<std::string>();
        if (text) out.push_back(*text); else ok = false;
      }
    }
    if (!ok) Problem(node, "texts", "{0}: give a list of texts in quotes, [\"a\", \"b\"]", {key});
  }

  void Numbers(const toml::node& node, const std::string& key, std::vector<double>& out) {
    const toml::array* array = node.as_array();
    bool ok = array != nullptr;
    if (array) {
      for (const toml::node& element : *array) {
        auto number = element.value<double>();
        if (number && *number >= 0) out.push_back(*number); else ok = false;
      }
    }
    if (!ok) Problem(node, "numbers", "{0}: give a list of numbers of 0 or more, [1, 2]", {key});
  }

  // A text the same in every language ("CC BY 4.0"), or one per language
  // ({ fi = "…", sv = "…", en = "…" }; a missing one falls back).
  void Localized(const toml::node& node, const std::string& key, LocalizedText& out) {
    if (auto text = node.value<std::string>()) {
      for (Lang lang : kAllLangs) out.Mutable(lang) = *text;
      return;
    }
    const toml::table* texts = node.as_table();
    bool ok = texts != nullptr;
    for (Lang lang : kAllLangs) {
      if (!texts) break;
      if (auto text = (*texts)[LangCode(lang)].value<std::string>()) out.Mutable(lang) = *text;
    }
    if (texts) {
      for (auto&& [code, text] : *texts) {
        ok = ok && ParseLang(code.str()).has_value() && text.is_string();
      }
    }
    if (!ok) {
      Problem(node, "localized",
              "{0}: give a text in quotes, or { fi = \"…\", sv = \"…\", en = \"…\" }", {key});
    }
  }

  void Index(const toml::table& table, ResultsConfig::Index& index) {
    stats::IndexDefinition& d = index.definition;
    for (auto&& [name, value] : table) {
      std::string key = "index." + std::string(name.str());
      if (name == "name" || name == "target_group") {
        auto text = value.value<std::string>();
        if (!text) Problem(value, "text", "{0}: give a text in quotes", {key});
        else (name == "name" ? d.name : index.target_group) = *text;
      } else if (name == "label") {
        const toml::table* labels = value.as_table();
        if (!labels) Problem(value, "labels", "{0}: give { fi = \"…\", sv = \"…\", en = \"…\" }", {key});
        for (Lang lang : kAllLangs) {
          if (!labels) break;
          auto text = (*labels)[LangCode(lang)].value<std::string>();
          if (text) d.label.Mutable(lang) = *text;
        }
      } else if (name == "items") {
        Texts(value, key, d.items);
      } else if (name == "reversed") {
        Texts(value, key, d.reversed);
      } else if (name == "weights") {
        Numbers(value, key, d.weights);
      } else if (name == "min_answered") {
        Int(value, key, 0, 1000, d.min_answered);
      } else {
        Problem(value, "no_such_setting", "{0}: no such setting", {key});
      }
    }
    if (d.name.empty() || index.target_group.empty() || d.items.empty()) {
      Problem(table, "index_needs", "an [[index]] needs a name, a target_group and items");
    }
    for (Lang lang : kAllLangs) {
      if (d.label.Exact(lang).empty()) d.label.Mutable(lang) = d.name;
    }
  }

  void PerInhabitant(const toml::table& table, ResultsConfig::PerInhabitant& out) {
    for (auto&& [name, value] : table) {
      const std::string key = "per_inhabitant." + std::string(name.str());
      if (name == "questions") {
        Texts(value, key, out.questions);
      } else if (name == "multiplier") {
        auto number = value.value<double>();
        if (!number || !(*number > 0) || *number > 1e9) {
          Problem(value, "multiplier", "{0}: give a number above 0, e.g. 1000 for answers in 1000 €",
                  {key});
        } else {
          out.multiplier = *number;
        }
      } else if (name == "unit") {
        Localized(value, key, out.unit);
      } else if (name == "decimals") {
        Int(value, key, 0, 6, out.decimals);
      } else {
        Problem(value, "no_such_setting_of", "{0}: no such setting (there are: {1})",
                {key, "questions, multiplier, unit, decimals"});
      }
    }
    if (out.questions.empty() || out.unit.Exact(Lang::kEn).empty()) {
      Problem(table, "per_inhabitant_needs",
              "a [[per_inhabitant]] needs questions and a unit, e.g. "
              "{ fi = \"€ / asukas\", sv = \"€ / invånare\", en = \"€ per inhabitant\" }");
    }
  }

  void Headline(const toml::table& table, publish::Headline& out) {
    for (auto&& [name, value] : table) {
      const std::string key = "headline." + std::string(name.str());
      if (name == "target_group" || name == "question" || name == "choice") {
        auto text = value.value<std::string>();
        if (!text || text->empty()) {
          Problem(value, "name", "{0}: give a name in quotes", {key});
        } else {
          (name == "target_group" ? out.target_group
           : name == "question"   ? out.question
                                  : out.choice) = *text;
        }
      } else if (name == "text") {
        Localized(value, key, out.text);
      } else {
        Problem(value, "no_such_setting_of", "{0}: no such setting (there are: {1})",
                {key, "target_group, question, choice, text"});
      }
    }
    if (out.target_group.empty() || out.question.empty()) {
      Problem(table, "headline_needs", "a [[headline]] needs a target_group and a question");
    }
  }

  // The file's text if given, else the file named.
  Result<ResultsConfig> Read(std::optional<std::string_view> text = std::nullopt) {
    toml::table root;
    try {
      root = text ? toml::parse(*text, file_) : toml::parse_file(file_);
    } catch (const toml::parse_error& e) {
      // The TOML library's own words, in English, behind a keyed lead.
      problems_.push_back(kartla::Problem::Keyed(Severity::kError, PlaceOf(e.source()), "results_not_toml",
                                         "not TOML: {0}", {std::string(e.description())}));
      return Status::InvalidInput(fmt::format("{}: not TOML", file_), std::move(problems_));
    }
    ResultsConfig config;
    for (auto&& [name, value] : root) {
      if (name == "disclosure" && value.is_table()) {
        for (auto&& [key, setting] : *value.as_table()) {
          if (key == "k") Int(setting, "disclosure.k", 1, 1000, config.rules.k);
          else if (key == "small_group") Int(setting, "disclosure.small_group", 0, 100000, config.rules.small_group);
          else Problem(setting, "no_such_setting", "{0}: no such setting", {"disclosure." + std::string(key.str())});
        }
      } else if (name == "weighting" && value.is_table()) {
        for (auto&& [key, setting] : *value.as_table()) {
          if (key == "classes") Texts(setting, "weighting.classes", config.classing.dimensions);
          else if (key == "min_respondents") Int(setting, "weighting.min_respondents", 1, 1000, config.classing.min_respondents);
          else Problem(setting, "no_such_setting", "{0}: no such setting", {"weighting." + std::string(key.str())});
        }
        if (config.classing.dimensions.empty() || config.classing.dimensions.size() > 2) {
          Problem(value, "weighting_classes", "{0}: give one or two registry dimensions",
                  {"weighting.classes"});
        }
      } else if (name == "breakdowns" && value.is_table()) {
        for (auto&& [key, setting] : *value.as_table()) {
          std::string question(key.str());
          std::vector<std::string> dimensions;
          Texts(setting, "breakdowns." + question, dimensions);
          if (question == "default") {
            config.default_breakdowns = std::move(dimensions);
          } else {
            config.question_breakdowns[question] = std::move(dimensions);
          }
        }
      } else if (name == "merging" && value.is_table()) {
        for (auto&& [key, setting] : *value.as_table()) {
          std::string dimension(key.str());
          if (dimension == "min_respondents") {
            Int(setting, "merging.min_respondents", 1, 100000, config.merge_below);
          } else if (auto parent = setting.value<std::string>()) {
            if (parent->empty()) {
              config.merge_into.erase(dimension);
            } else {
              config.merge_into[dimension] = *parent;
            }
          } else {
            Problem(setting, "merging",
                    "{0}: give the coarser dimension, e.g. \"major_region\", or \"neighbours\" "
                    "for bands such as size classes (\"\" for none)",
                    {"merging." + dimension});
          }
        }
      } else if (name == "publication" && value.is_table()) {
        for (auto&& [key, setting] : *value.as_table()) {
          const std::string full = "publication." + std::string(key.str());
          if (key == "publisher") {
            Localized(setting, full, config.publisher);
          } else if (key == "contact") {
            Localized(setting, full, config.contact);
          } else if (key == "licence") {
            Localized(setting, full, config.licence);
          } else if (key == "licence_url") {
            auto url = setting.value<std::string>();
            if (!url || !(url->starts_with("https://") || url->starts_with("http://")) ||
                url->find_first_of(" \"<>") != std::string::npos) {
              Problem(setting, "licence_url", "{0}: give the licence's address, \"https://…\"",
                      {full});
            } else {
              config.licence_url = *url;
            }
          } else {
            Problem(setting, "no_such_setting_of", "{0}: no such setting (there are: {1})",
                    {full, "publisher, contact, licence, licence_url"});
          }
        }
      } else if (name == "per_inhabitant" && value.is_array_of_tables()) {
        for (const toml::node& element : *value.as_array()) {
          config.per_inhabitant.emplace_back();
          PerInhabitant(*element.as_table(), config.per_inhabitant.back());
        }
      } else if (name == "headline" && value.is_array_of_tables()) {
        for (const toml::node& element : *value.as_array()) {
          config.headlines.emplace_back();
          Headline(*element.as_table(), config.headlines.back());
        }
      } else if (name == "index" && value.is_array_of_tables()) {
        for (const toml::node& element : *value.as_array()) {
          config.indices.emplace_back();
          Index(*element.as_table(), config.indices.back());
        }
      } else {
        Problem(value, "no_such_section", "{0}: no such section (there are: {1})",
                {std::string(name.str()),
                 "[disclosure], [weighting], [breakdowns], [merging], [publication], "
                 "[[per_inhabitant]], [[headline]], [[index]]"});
      }
    }
    if (!problems_.empty()) {
      // The count first: the problems are moved into the status.
      std::string message = fmt::format("{}: {} {}", file_, problems_.size(),
                                        problems_.size() == 1 ? "problem" : "problems");
      return Status::InvalidInput(std::move(message), std::move(problems_));
    }
    return config;
  }

 private:
  std::string file_;
  std::vector<kartla::Problem> problems_;
};

}  // namespace

Result<ResultsConfig> LoadResultsConfig(const std::string& file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) {
    return Status::NotFound("there is no results settings file " + file);
  }
  return Reader(file).Read();
}

Result<ResultsConfig> ReadResultsConfig(std::string_view text, const std::string& name) {
  return Reader(name).Read(text);
}

}  // namespace kartla
