#include "forms/expr/pattern.h"

#include <re2/re2.h>

#include <map>
#include <memory>
#include <mutex>

namespace kartla::forms::expr {
namespace {

constexpr int64_t kMaxProgramMemory = 1 << 20;
constexpr size_t kMaxCached = 512;

std::unique_ptr<const RE2> Compile(std::string_view pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(kMaxProgramMemory);
  options.set_encoding(RE2::Options::EncodingUTF8);
  return std::make_unique<const RE2>(re2::StringPiece(pattern.data(), pattern.size()),
                                     options);
}

// Compiled patterns by their text, valid or not.
class PatternCache {
 public:
  std::shared_ptr<const RE2> Get(std::string_view pattern) {
    {
      std::lock_guard lock(mutex_);
      if (auto found = compiled_.find(pattern); found != compiled_.end()) {
        return found->second;
      }
    }
    std::shared_ptr<const RE2> re = Compile(pattern);
    std::lock_guard lock(mutex_);
    if (compiled_.size() >= kMaxCached) compiled_.clear();
    compiled_.emplace(std::string(pattern), re);
    return re;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const RE2>, std::less<>> compiled_;  // guarded by mutex_
};

PatternCache& Cache() {
  static PatternCache cache;
  return cache;
}

}  // namespace

std::optional<std::string> PatternProblem(std::string_view pattern) {
  if (pattern.size() > kMaxPatternLength) {
    return "the pattern is longer than " + std::to_string(kMaxPatternLength) + " characters";
  }
  auto re = Cache().Get(pattern);
  if (!re->ok()) return re->error();
  return std::nullopt;
}

bool PatternMatches(std::string_view pattern, std::string_view text) {
  if (pattern.size() > kMaxPatternLength) return false;
  auto re = Cache().Get(pattern);
  return re->ok() &&
         RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re);
}

}  // namespace kartla::forms::expr
