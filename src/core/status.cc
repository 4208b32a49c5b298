#include "core/status.h"

#include "core/text.h"

namespace kartla {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
    case ErrorCode::kInvalidInput:
      return "invalid input";
    case ErrorCode::kNotFound:
      return "not found";
    case ErrorCode::kAlreadyExists:
      return "already exists";
    case ErrorCode::kFailedPrecondition:
      return "failed precondition";
    case ErrorCode::kPermissionDenied:
      return "permission denied";
    case ErrorCode::kIncompatible:
      return "incompatible";
    case ErrorCode::kUnavailable:
      return "unavailable";
  }
  return "unknown";
}

Status Status::InvalidInput(std::string message,
                            std::vector<Problem> problems) {
  Status status(ErrorCode::kInvalidInput, std::move(message));
  status.problems_ = std::move(problems);
  return status;
}

std::string Status::ToString() const {
  std::string out = ok() ? "ok" : message_;
  for (const Problem& problem : problems_) {
    out += '\n';
    out += problem.ToString();
  }
  return out;
}

Status Status::Refused(ErrorCode code, std::string key, std::string_view english,
                       std::vector<std::string> args) {
  return Status(code, FillPlaceholders(english, args)).Keyed(std::move(key), std::move(args));
}

}  // namespace kartla
