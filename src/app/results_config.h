// A round's results settings, read from a TOML file (see
// docs/statistics.md): disclosure rules, weighting classes, and composite
// indices. The example round's is data/forms/digimapping-2025/results.toml.
#ifndef KARTLA_APP_RESULTS_CONFIG_H_
#define KARTLA_APP_RESULTS_CONFIG_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "publish/results_settings.h"

namespace kartla {

// The settings as publish/ declares them, read from a results.toml.
using ResultsConfig = publish::ResultsSettings;

// Reads `file`. Fails with kNotFound for a missing file, with kInvalidInput
// listing every problem at its file:line:column (a value of the wrong
// type, an unknown key, an index without a name, target group or items).
Result<ResultsConfig> LoadResultsConfig(const std::string& file);
// The same from the text of one (an uploaded file, or the round's stored
// settings), its problems placed in `name`.
Result<ResultsConfig> ReadResultsConfig(std::string_view text, const std::string& name);

}  // namespace kartla

#endif  // KARTLA_APP_RESULTS_CONFIG_H_
