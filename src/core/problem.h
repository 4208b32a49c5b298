// A Problem is one thing wrong with some input, with the place it was found:
// file, sheet, row and column. Imports and checks collect every problem they
// find rather than stopping at the first, and report them together.

#ifndef KARTLA_CORE_PROBLEM_H_
#define KARTLA_CORE_PROBLEM_H_

#include <string>
#include <string_view>
#include <vector>

namespace kartla {

// Where in some input a problem lies. Any part may be unknown: an empty
// string or 0 means "not applicable".
struct Place {
  std::string file;   // as the user named it, e.g. "orgs.csv"
  std::string sheet;  // a spreadsheet's sheet, e.g. "survey"
  int row = 0;        // 1-based; for CSV the line on which the record starts
  int column = 0;     // 1-based

  // "orgs.csv:4:5", "form.xlsx:survey:12:3", "orgs.csv" ...
  std::string ToString() const;
};

enum class Severity { kError, kWarning };

struct Problem {
  Problem() = default;
  Problem(Severity severity_in, Place place_in, std::string message_in,
          std::string key_in = {}, std::vector<std::string> args_in = {})
      : severity(severity_in),
        place(std::move(place_in)),
        message(std::move(message_in)),
        key(std::move(key_in)),
        args(std::move(args_in)) {}

  // A problem whose message is `english`, the catalogue's English pattern of
  // "problem_" + key, with {0}, {1}... filled from `args`: the code writes
  // each message once in English, and a test holds the catalogue to it.
  static Problem Keyed(Severity severity, Place place, std::string key,
                       std::string_view english, std::vector<std::string> args = {});

  Severity severity = Severity::kError;
  Place place;
  std::string message;  // says what is wrong and, where it helps, what to do
  // The same message as the interface's catalogue has it, for a page in
  // its own language: "problem_" + key in templates/messages.csv, with
  // `args` as {0}, {1}...; empty where only `message` is written.
  std::string key;
  std::vector<std::string> args;

  // "orgs.csv:4:5: error: column "population": "12k" is not a whole number"
  std::string ToString() const;
};

}  // namespace kartla

#endif  // KARTLA_CORE_PROBLEM_H_
