// The public's side: the releases `kartla publish` wrote, served at
// /results (every version stays; the files are immutable, so they are
// cached for a year and carry their SHA-256 as ETag), and the read-only
// JSON API at /api/v1 (docs/api.md).
#ifndef KARTLA_WEB_RESULTS_SITE_H_
#define KARTLA_WEB_RESULTS_SITE_H_

#include <optional>
#include <string>
#include <string_view>

#include "publish/benchmark.h"
#include "web/page_kit.h"
#include "web/router.h"

namespace kartla::web {

// Adds GET /results, /results/ROUND, /results/ROUND/vN/PATH and the API's
// /api/v1/releases, /api/v1/releases/ID/tables and /api/v1/tables/ID,
// serving the releases in `folder` (read as they are asked for, so that a
// release published while serving is there at once).
void AddResultsRoutes(Router& router, const std::string& folder);

// The media type of a release's file, by its name.
std::string ResultsContentType(std::string_view path);

// An organisation's benchmark (publish::BenchmarkAgainstLatest) as the
// content of the templates benchmark and admin_benchmark ({{> _benchmark_table}}),
// or saying that nothing is published yet.
View BenchmarkView(const std::optional<publish::LatestBenchmark>& benchmark,
                   const PageKit& kit, Lang lang);
// The same as a CSV file (with a BOM, for spreadsheets).
std::string BenchmarkCsv(const std::optional<publish::LatestBenchmark>& benchmark);

}  // namespace kartla::web

#endif  // KARTLA_WEB_RESULTS_SITE_H_
