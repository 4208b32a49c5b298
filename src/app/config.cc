#include "app/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <toml++/toml.h>

#include "registry/dimension.h"

namespace kartla {
namespace {

Problem ConfigProblem(const std::string& file, const toml::source_region& at,
                      std::string message) {
  return {Severity::kError,
          Place{file, "", int(at.begin.line), int(at.begin.column)},
          std::move(message)};
}

std::optional<std::vector<int64_t>> ParseCuts(std::string_view text) {
  std::vector<int64_t> cuts;
  while (!text.empty()) {
    size_t comma = text.find(',');
    auto value = ParseInteger(Trim(text.substr(0, comma)));
    if (!value) return std::nullopt;
    cuts.push_back(*value);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return cuts;
}

void ReadFile(const std::string& file, Config& config,
              std::vector<Problem>& problems) {
  toml::table table;
  try {
    table = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    problems.push_back(ConfigProblem(file, e.source(),
                                     std::string(e.description())));
    return;
  }
  const size_t first = problems.size();
  for (auto&& [key, node] : table) {
    std::string name(key.str());
    if (name == "database") {
      if (auto value = node.value<std::string>()) {
        config.database = *value;
      } else {
        problems.push_back(ConfigProblem(file, node.source(),
                                         "database: give a file name in quotes"));
      }
    } else if (name == "language") {
      auto value = node.value<std::string>();
      auto lang = value ? ParseLang(*value) : std::nullopt;
      if (lang) {
        config.language = *lang;
      } else {
        problems.push_back(ConfigProblem(
            file, node.source(), "language: use \"fi\", \"sv\" or \"en\""));
      }
    } else if (name == "registry" && node.is_table()) {
      for (auto&& [sub, value] : *node.as_table()) {
        if (sub.str() != "size_class_cuts") {
          problems.push_back(ConfigProblem(
              file, value.source(),
              fmt::format("registry.{}: no such setting", sub.str())));
          continue;
        }
        std::vector<int64_t> cuts;
        const toml::array* array = value.as_array();
        bool ok = array != nullptr;
        if (array) {
          for (auto&& element : *array) {
            auto number = element.value<int64_t>();
            ok &= number.has_value();
            if (number) cuts.push_back(*number);
          }
        }
        auto wrong = ok ? CheckSizeClassCuts(cuts)
                        : std::optional<std::string>(
                              "give a list of whole numbers");
        if (wrong) {
          problems.push_back(ConfigProblem(
              file, value.source(),
              fmt::format("registry.size_class_cuts: {}", *wrong)));
        } else {
          config.size_class_cuts = std::move(cuts);
        }
      }
    } else if (name == "server" && node.is_table()) {
      for (auto&& [sub, value] : *node.as_table()) {
        std::string setting(sub.str());
        auto wrong = [&](const char* what) {
          problems.push_back(ConfigProblem(
              file, value.source(), fmt::format("server.{}: {}", setting, what)));
        };
        if (setting == "address" || setting == "public_url") {
          auto text = value.value<std::string>();
          if (!text) {
            wrong("give a text in quotes");
          } else {
            (setting == "address" ? config.server.address : config.server.public_url) = *text;
          }
        } else if (setting == "port") {
          auto port = value.value<int64_t>();
          if (!port || *port < 1 || *port > 65535) {
            wrong("give a port from 1 to 65535");
          } else {
            config.server.port = int(*port);
          }
        } else if (setting == "secure_cookies" || setting == "allow_reopen") {
          auto flag = value.value<bool>();
          if (!flag) {
            wrong("give true or false");
          } else {
            (setting == "secure_cookies" ? config.server.secure_cookies
                                     : config.server.allow_reopen) = *flag;
          }
        } else {
          wrong("no such setting");
        }
      }
    } else {
      problems.push_back(ConfigProblem(
          file, node.source(), fmt::format("{}: no such setting", name)));
    }
  }
  // The table iterates by key; report in the order of the file.
  std::stable_sort(problems.begin() + first, problems.end(),
                   [](const Problem& a, const Problem& b) {
                     return std::pair(a.place.row, a.place.column) <
                            std::pair(b.place.row, b.place.column);
                   });
}

}  // namespace

std::string Config::PublicUrl() const {
  if (!server.public_url.empty()) {
    std::string url = server.public_url;
    while (url.ends_with('/')) url.pop_back();
    return url;
  }
  return fmt::format("http://{}:{}", server.address, server.port);
}

Result<Config> LoadConfig(const std::optional<std::string>& file,
                          const EnvironmentReader& environment) {
  Config config;
  std::vector<Problem> problems;
  std::optional<std::string> path = file;
  if (!path) {
    if (const char* named = environment("KARTLA_CONFIG")) path = named;
  }
  if (path) {
    if (!std::filesystem::exists(*path)) {
      return Status::NotFound(
          fmt::format("there is no configuration file {}", *path));
    }
  } else if (std::filesystem::exists("kartla.toml")) {
    path = "kartla.toml";
  }
  if (path) {
    config.file = *path;
    ReadFile(*path, config, problems);
  }

  auto variable_problem = [&](const char* name, std::string message) {
    problems.push_back({Severity::kError, Place{}, fmt::format("{}: {}", name,
                                                               message)});
  };
  if (const char* value = environment("KARTLA_DATABASE")) {
    config.database = value;
  }
  if (const char* value = environment("KARTLA_LANGUAGE")) {
    if (auto lang = ParseLang(value)) {
      config.language = *lang;
    } else {
      variable_problem("KARTLA_LANGUAGE", "use fi, sv or en");
    }
  }
  if (const char* value = environment("KARTLA_SIZE_CLASS_CUTS")) {
    auto cuts = ParseCuts(value);
    auto wrong = cuts ? CheckSizeClassCuts(*cuts)
                      : std::optional<std::string>(
                            "give whole numbers separated by commas");
    if (wrong) {
      variable_problem("KARTLA_SIZE_CLASS_CUTS", *wrong);
    } else {
      config.size_class_cuts = std::move(*cuts);
    }
  }
  if (const char* value = environment("KARTLA_ADDRESS")) {
    config.server.address = value;
  }
  if (const char* value = environment("KARTLA_PORT")) {
    auto port = ParseInteger(value);
    if (!port || *port < 1 || *port > 65535) {
      variable_problem("KARTLA_PORT", "give a port from 1 to 65535");
    } else {
      config.server.port = int(*port);
    }
  }
  if (!problems.empty()) {
    return Status::InvalidInput("the configuration cannot be used",
                                std::move(problems));
  }
  return config;
}

}  // namespace kartla
