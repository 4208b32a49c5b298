// How the commands print results: shares, amounts and numbers as the
// text tables show them ("..": hidden by disclosure control), a question's
// table, and JSON one object per line.
#ifndef KARTLA_CLI_RESULTS_VIEWS_H_
#define KARTLA_CLI_RESULTS_VIEWS_H_

#include <ostream>
#include <string>
#include <vector>

#include "core/text.h"
#include "stats/tables.h"

namespace boost::json {
class array;
class value;
}  // namespace boost::json

namespace kartla::cli {

// "42 % (35–49)"; ".." if hidden; "" if missing.
std::string Share(const stats::Figure& share);
// "12.3 (10.1–14.5)" with `decimals`; ".." if hidden; "" if missing.
std::string Amount(const stats::Figure& figure, int decimals);
// The value with `decimals`; ".." if missing.
std::string Number(double value, int decimals);

// A question's table; an index's (`index`) has no total.
void PrintQuestion(std::ostream& out, const stats::QuestionTable& table, Lang lang,
                   bool index = false);

// A number as JSON, null where there is none (NaN, infinite).
boost::json::value JsonNumber(double value);
// `values` as a JSON array, one element per line.
void PrintJsonLines(std::ostream& out, const boost::json::array& values);

}  // namespace kartla::cli

#endif  // KARTLA_CLI_RESULTS_VIEWS_H_
