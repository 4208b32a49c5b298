// Expected outcomes as values: Status says whether an operation succeeded and,
// if not, why, in words a person can act on; Result<T> carries either a value
// or a failed Status. Failures of the machine (disk full, database gone) are
// not expected outcomes: they are thrown as SystemError (core/system_error.h).
//
// Status and Result are values: copyable, movable, not synchronised.

#ifndef KARTLA_CORE_STATUS_H_
#define KARTLA_CORE_STATUS_H_

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/problem.h"

namespace kartla {

// What kind of failure a Status reports. The CLI maps these to exit codes
// (docs/cli.md), the web layer to HTTP statuses.
enum class ErrorCode {
  kOk = 0,
  kInvalidInput,        // bad input from a person or a file; see problems()
  kNotFound,            // the named thing does not exist
  kAlreadyExists,       // a thing with that name or code exists already
  kFailedPrecondition,  // the system is not in a state that allows this
  kPermissionDenied,    // the caller may not do this
  kIncompatible,        // e.g. a database written by a newer Kartla
  kUnavailable,         // too busy now; the same call may succeed later
};

// Returns a short English name of `code`, e.g. "not found".
const char* ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  // Success.
  Status() = default;

  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string message) {
    return Status(ErrorCode::kInvalidInput, std::move(message));
  }
  // A refusal listing every problem found, e.g. by an import. `message` sums
  // them up ("3 problems in orgs.csv; nothing was imported").
  static Status InvalidInput(std::string message,
                             std::vector<Problem> problems);
  static Status NotFound(std::string message) {
    return Status(ErrorCode::kNotFound, std::move(message));
  }
  static Status AlreadyExists(std::string message) {
    return Status(ErrorCode::kAlreadyExists, std::move(message));
  }
  static Status FailedPrecondition(std::string message) {
    return Status(ErrorCode::kFailedPrecondition, std::move(message));
  }
  static Status PermissionDenied(std::string message) {
    return Status(ErrorCode::kPermissionDenied, std::move(message));
  }
  // A refusal whose message is `english`, the catalogue's English pattern
  // of "refusal_" (or, for a problem, "problem_") + key, with {0}, {1}...
  // filled from `args`, keyed (see Keyed): the code writes each message
  // once.
  static Status Refused(ErrorCode code, std::string key, std::string_view english,
                        std::vector<std::string> args = {});
  static Status InvalidInput(std::string key, std::string_view english,
                             std::vector<std::string> args) {
    return Refused(ErrorCode::kInvalidInput, std::move(key), english, std::move(args));
  }
  static Status Incompatible(std::string message) {
    return Status(ErrorCode::kIncompatible, std::move(message));
  }
  static Status Unavailable(std::string message) {
    return Status(ErrorCode::kUnavailable, std::move(message));
  }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The individual problems behind an kInvalidInput status; may be empty.
  const std::vector<Problem>& problems() const { return problems_; }

  // The same refusal with its message as the interface's catalogue has it,
  // for a page in its own language: "refusal_" + key in
  // templates/messages.csv, with `args` as {0}, {1}... (message() stays
  // the English one, for the command line and the log).
  Status Keyed(std::string key, std::vector<std::string> args = {}) && {
    key_ = std::move(key);
    args_ = std::move(args);
    return std::move(*this);
  }
  const std::string& key() const { return key_; }
  const std::vector<std::string>& args() const { return args_; }

  // The message followed by one line per problem.
  std::string ToString() const;

 private:
  Status(ErrorCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::vector<Problem> problems_;
  std::string key_;
  std::vector<std::string> args_;
};

// Either a T or a failed Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  // REQUIRES: !status.ok()
  Result(Status status) : state_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  // Returns an ok Status when a value is held.
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }

  // REQUIRES: ok()
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace kartla

#endif  // KARTLA_CORE_STATUS_H_
