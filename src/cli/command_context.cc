#include "cli/command_context.h"

#include <cstdlib>

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

}  // namespace kartla::cli
