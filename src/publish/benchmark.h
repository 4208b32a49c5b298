// An organisation's private benchmark: its own answers beside the
// published aggregates of all organisations, of its size class and of its
// region, for every question a release publishes of its questionnaire.
// The aggregates are read from the release's own JSON-stat files, so they
// are the published numbers with the same disclosure control: a peer group
// whose numbers are suppressed is not shown.
#ifndef KARTLA_PUBLISH_BENCHMARK_H_
#define KARTLA_PUBLISH_BENCHMARK_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/text.h"
#include "forms/form.h"

namespace kartla::publish {

struct BenchmarkInput {
  std::string version_folder;  // FOLDER/ROUND/vN
  std::string target_group;
  std::vector<std::string> items;  // the questionnaire's questions, in order
  // The organisation's answers by question: a choice's name, several
  // separated by spaces, or a number.
  std::map<std::string, std::string> answers;
  std::string size_class;  // its category codes in the registry
  std::string region;
  double population = 0;   // its inhabitants (0: unknown), for amounts per inhabitant
  Lang lang = Lang::kEn;
};

struct BenchmarkPeer {
  // "All", "Size class (population): 5,000–9,999"; where the release
  // merged the organisation's own class into a wider line, that line,
  // named as the nearest wider group ("20,000 and over").
  std::string group;
  std::string value;  // "34 % answered the same"; "" when not shown
  bool shown = false;  // false: the group's numbers are suppressed (too few)
  // Where the organisation stands among them (shown only): an amount's
  // quarter of the group's answers ("highest quarter"), in words; and a
  // small drawing (inline SVG, hidden from screen readers, which have the
  // words): the group's answers to a choice with the organisation's own
  // share marked, or an amount's quartiles with the organisation's answer
  // as a dot. Empty where there is nothing to place.
  std::string standing;
  std::string strip;
};

struct BenchmarkRow {
  std::string item;
  std::string question;
  std::string own;  // the organisation's answer, in words; "" if none
  std::vector<BenchmarkPeer> peers;  // all, the size class, the region
};

// A row per published question of the questionnaire, in the form's order.
std::vector<BenchmarkRow> Benchmark(const BenchmarkInput& input);

// The organisation's benchmark against the latest release of `round` in
// `folder` (releases, as `kartla publish` writes them): what it answered to
// `form` (its answers, and its facts: its size_class and region), in `lang`.
// Nullopt if nothing of the round is published yet.
struct LatestBenchmark {
  std::string round;
  int version = 0;
  int stage = 0;
  std::string date;
  std::vector<BenchmarkRow> rows;
};
std::optional<LatestBenchmark> BenchmarkAgainstLatest(
    const std::string& folder, const std::string& round, const std::string& target_group,
    const forms::Form& form, const std::map<std::string, std::string>& answers,
    const std::map<std::string, std::string>& facts, Lang lang);

}  // namespace kartla::publish

#endif  // KARTLA_PUBLISH_BENCHMARK_H_
