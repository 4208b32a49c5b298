// Regular expressions of XLSForm's regex(), in RE2's syntax: matched in
// time linear in the text, with bounded memory and no recursion, whatever
// the pattern and however long the answer. Only pattern.cc includes RE2.
#ifndef KARTLA_FORMS_EXPR_PATTERN_H_
#define KARTLA_FORMS_EXPR_PATTERN_H_

#include <optional>
#include <string>
#include <string_view>

namespace kartla::forms::expr {

// The longest pattern accepted, in bytes.
inline constexpr size_t kMaxPatternLength = 1000;

// Why `pattern` cannot be used (RE2's own message, or that it is longer
// than kMaxPatternLength or compiles to more than RE2's memory budget of
// 1 MiB), or nullopt if it can. Thread-safe.
std::optional<std::string> PatternProblem(std::string_view pattern);

// Whether `pattern` matches anywhere in `text` (as regex() does: a search,
// not a whole match unless the pattern is anchored with ^ and $); false for
// a pattern that PatternProblem refuses. Compiled patterns are kept (up to
// a few hundred, the patterns of the forms in use), so each is compiled
// once. Thread-safe.
bool PatternMatches(std::string_view pattern, std::string_view text);

}  // namespace kartla::forms::expr

#endif  // KARTLA_FORMS_EXPR_PATTERN_H_
