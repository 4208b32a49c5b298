#include "app/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <arpa/inet.h>
#include <toml++/toml.h>

#include "registry/dimension.h"
#include "storage/storage.h"

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

struct IntSetting {
  int* value;
  int64_t min;
  int64_t max;
};

// Reads the settings of the table [prefix]: texts, whole numbers within
// bounds and flags; any other key is a problem.
void ReadTable(const std::string& file, const std::string& prefix,
               const toml::table& table, std::vector<Problem>& problems,
               const std::map<std::string, std::string*>& texts,
               const std::map<std::string, IntSetting>& ints,
               const std::map<std::string, bool*>& flags,
               const std::set<std::string>& read_elsewhere = {}) {
  for (auto&& entry : table) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one.
    const toml::node& value = entry.second;
    std::string setting(entry.first.str());
    if (read_elsewhere.contains(setting)) continue;
    auto wrong = [&](const std::string& what) {
      problems.push_back(ConfigProblem(
          file, value.source(), fmt::format("{}.{}: {}", prefix, setting, what)));
    };
    if (auto text = texts.find(setting); text != texts.end()) {
      auto read = value.value<std::string>();
      if (read) *text->second = *read; else wrong("give a text in quotes");
    } else if (auto number = ints.find(setting); number != ints.end()) {
      auto read = value.value_exact<int64_t>();
      if (!read || *read < number->second.min || *read > number->second.max) {
        wrong(fmt::format("give a whole number from {} to {}", number->second.min,
                          number->second.max));
      } else {
        *number->second.value = int(*read);
      }
    } else if (auto flag = flags.find(setting); flag != flags.end()) {
      auto read = value.value<bool>();
      if (read) *flag->second = *read; else wrong("give true or false");
    } else {
      wrong("no such setting");
    }
  }
}

bool IsIpAddress(const std::string& text) {
  unsigned char bytes[sizeof(struct in6_addr)];
  return inet_pton(AF_INET, text.c_str(), bytes) == 1 ||
         inet_pton(AF_INET6, text.c_str(), bytes) == 1;
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
                                         "database: give a file name or a postgresql:// URL in quotes"));
      }
    } else if (name == "results") {
      if (auto value = node.value<std::string>()) {
        config.results = *value;
      } else {
        problems.push_back(ConfigProblem(file, node.source(),
                                         "results: give a folder name in quotes"));
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
            auto number = element.value_exact<int64_t>();
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
      const toml::table& server = *node.as_table();
      if (const toml::node* proxies = server.get("trusted_proxies")) {
        const toml::array* array = proxies->as_array();
        bool good = array != nullptr;
        for (size_t i = 0; good && i < array->size(); ++i) {
          auto address = array->get(i)->value<std::string>();
          good = address && IsIpAddress(*address);
          if (good) config.server.trusted_proxies.push_back(*address);
        }
        if (!good) {
          problems.push_back(ConfigProblem(
              file, proxies->source(),
              "server.trusted_proxies: give a list of IP addresses in quotes"));
        }
      }
      ReadTable(file, "server", server, problems,
                {{"address", &config.server.address},
                 {"public_url", &config.server.public_url}},
                {{"port", {&config.server.port, 1, 65535}}},
                {{"secure_cookies", &config.server.secure_cookies},
                 {"allow_reopen", &config.server.allow_reopen}},
                {"trusted_proxies"});
    } else if (name == "mail" && node.is_table()) {
      ReadTable(file, "mail", *node.as_table(), problems,
                {{"host", &config.mail.host},
                 {"security", &config.mail.security},
                 {"username", &config.mail.username},
                 {"password", &config.mail.password},
                 {"from", &config.mail.from},
                 {"from_name", &config.mail.from_name}},
                {{"port", {&config.mail.port, 1, 65535}},
                 {"per_minute", {&config.mail.per_minute, 1, 100000}}},
                {{"send", &config.mail.send}});
      if (config.mail.security != "none" && config.mail.security != "starttls" &&
          config.mail.security != "tls") {
        problems.push_back(ConfigProblem(
            file, node.source(), "mail.security: use \"none\", \"starttls\" or \"tls\""));
      }
    } else if (name == "uploads" && node.is_table()) {
      ReadTable(file, "uploads", *node.as_table(), problems, {},
                {{"xlsx_member_mib", {&config.uploads.xlsx_member_mib, 1, 1024}},
                 {"xlsx_total_mib", {&config.uploads.xlsx_total_mib, 1, 4096}},
                 {"xlsx_ratio", {&config.uploads.xlsx_ratio, 2, 100000}}},
                {});
    } else if (name == "time_zone") {
      auto text = node.value<std::string>();
      auto zone = text ? LocalTime::Of(*text) : Result<LocalTime>(Status::InvalidInput(""));
      if (zone.ok()) {
        config.time_zone = *text;
      } else {
        problems.push_back(ConfigProblem(
            file, node.source(),
            text ? "time_zone: " + zone.status().message()
                 : std::string("time_zone: give an IANA name in quotes, such as \"Europe/Helsinki\"")));
      }
    } else if (name == "key_file") {
      if (auto text = node.value<std::string>()) {
        config.key_file = *text;
      } else {
        problems.push_back(ConfigProblem(file, node.source(),
                                         "key_file: give a text in quotes"));
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

std::string Config::KeyFile() const {
  if (!key_file.empty()) return key_file;
  // Beside an SQLite file; in the working folder for a PostgreSQL URL.
  return IsServerDatabase(database) ? "kartla.key" : database + ".key";
}

forms::WorkbookLimits Config::WorkbookLimits() const {
  forms::WorkbookLimits limits;
  limits.member_bytes = size_t(uploads.xlsx_member_mib) << 20;
  limits.total_bytes = size_t(uploads.xlsx_total_mib) << 20;
  limits.ratio = uploads.xlsx_ratio;
  return limits;
}

bool Config::Https() const { return AsciiLower(server.public_url).starts_with("https://"); }

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
  if (const char* value = environment("KARTLA_RESULTS")) {
    config.results = value;
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
  auto read_port = [&](const char* name, int& port) {
    if (const char* value = environment(name)) {
      auto number = ParseInteger(value);
      if (!number || *number < 1 || *number > 65535) {
        variable_problem(name, "give a port from 1 to 65535");
      } else {
        port = int(*number);
      }
    }
  };
  read_port("KARTLA_PORT", config.server.port);
  if (const char* value = environment("KARTLA_SMTP_HOST")) config.mail.host = value;
  read_port("KARTLA_SMTP_PORT", config.mail.port);
  if (!problems.empty()) {
    return Status::InvalidInput("the configuration cannot be used",
                                std::move(problems));
  }
  return config;
}

}  // namespace kartla
