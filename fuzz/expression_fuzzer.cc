// XLSForm expressions, parsed and evaluated against answers the input
// gives too: "EXPRESSION\0ANSWER".
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "forms/expr/expression.h"

namespace {

class FuzzScope : public kartla::forms::expr::Scope {
 public:
  explicit FuzzScope(std::string answer) : answer_(std::move(answer)) {}
  std::string Answer(std::string_view) const override { return answer_; }
  std::string Self() const override { return answer_; }
  std::string ChoiceLabel(std::string_view, std::string_view choice) const override {
    return std::string(choice);
  }
  std::string ChoiceColumn(std::string_view) const override { return answer_; }
  std::string Today() const override { return "2026-01-31"; }
  std::string Now() const override { return "2026-01-31T12:00:00Z"; }

 private:
  std::string answer_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string_view text = input.substr(0, nul);
  std::string answer(nul == std::string_view::npos ? "" : input.substr(nul + 1));
  auto parsed = kartla::forms::expr::Expression::Parse(text);
  if (!parsed.ok()) return 0;
  FuzzScope scope(answer);
  (void)kartla::forms::expr::Evaluate(*parsed, scope).ToString();
  return 0;
}
