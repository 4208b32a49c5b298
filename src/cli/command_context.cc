#include "cli/command_context.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "core/files.h"

namespace kartla::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case ErrorCode::kOk:
      return kExitSuccess;
    case ErrorCode::kInvalidInput:
      return kExitInvalidInput;
    case ErrorCode::kNotFound:
      return kExitNotFound;
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kPermissionDenied:
      return kExitRefused;
    case ErrorCode::kIncompatible:
      return kExitIncompatible;
    case ErrorCode::kUnavailable:
      return kExitSystemFailure;
  }
  return kExitSystemFailure;
}

Result<Config> CommandContext::LoadConfiguration() const {
  auto config = LoadConfig(options.config_file,
                           [](const char* name) { return std::getenv(name); });
  if (!config.ok()) return config;
  if (options.database) config->database = *options.database;
  if (options.language) {
    auto lang = ParseLang(*options.language);
    if (!lang) return Status::InvalidInput("--lang: use fi, sv or en");
    config->language = *lang;
  }
  return config;
}

Result<std::unique_ptr<App>> CommandContext::OpenApp(bool create) const {
  auto config = LoadConfiguration();
  if (!config.ok()) return config.status();
  return App::Open(std::move(config).value(), clock, create);
}

int CommandContext::Fail(const Status& status) const {
  err << "kartla: " << status.message() << '\n';
  for (const Problem& problem : status.problems()) {
    err << "  " << problem.ToString() << '\n';
  }
  return ExitCodeFor(status);
}

std::string CommandContext::Actor() const {
  const char* user = std::getenv("USER");
  if (user == nullptr) {
    const passwd* entry = getpwuid(geteuid());
    user = entry != nullptr ? entry->pw_name : "unknown";
  }
  return std::string("cli:") + user;
}

Result<std::string> CommandContext::ReadInputFile(const std::string& path) {
  auto text = ReadFileBytes(path);
  if (!text) return Status::NotFound(fmt::format("cannot read the file {}", path));
  return std::move(*text);
}

}  // namespace kartla::cli
