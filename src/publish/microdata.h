// Microdata for analysts (staff only, never part of a release): one row per
// respondent of a questionnaire, the registry's dimensions, the design
// weight, and every question, as CSV, XLSX, SPSS .sav and Stata .dta with
// variable and value labels (ReadStat, libxlsxwriter). The organisation is
// a pseudonym unless the administrator asks for its code.
#ifndef KARTLA_PUBLISH_MICRODATA_H_
#define KARTLA_PUBLISH_MICRODATA_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/text.h"
#include "stats/dataset.h"

namespace kartla::publish {

struct MicrodataOptions {
  Lang lang = Lang::kEn;  // of the labels
  // The organisation's identity: its code, or (the default) a pseudonym
  // the same for the organisation in every questionnaire of the round.
  bool identify = false;
  // Makes the pseudonyms: an organisation code → its pseudonym. Required
  // unless `identify`.
  std::function<std::string(const std::string&)> pseudonym;
  std::vector<double> weights;  // per row; empty: no weight column
  std::string label;            // the file label: round and questionnaire
  std::string date;             // YYYY-MM-DD: the files' time stamp
};

// The files STEM.csv, STEM.xlsx, STEM.sav and STEM.dta, rendered in memory
// (the XLSX through a file in `scratch`): name → bytes. Fails with
// kInvalidInput if ReadStat refuses the data, naming the variable.
Result<std::map<std::string, std::string>> RenderMicrodata(const stats::Dataset& dataset,
                                                           const std::string& stem,
                                                           const MicrodataOptions& options,
                                                           const std::string& scratch);

}  // namespace kartla::publish

#endif  // KARTLA_PUBLISH_MICRODATA_H_
