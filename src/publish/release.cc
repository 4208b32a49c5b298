#include "publish/release.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <tuple>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/files.h"
#include "core/parallel.h"
#include "core/system_error.h"
#include "core/token.h"
#include "publish/audit_report.h"
#include "publish/formats.h"

namespace kartla::publish {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// The versions in `round_folder` (vN folders with a manifest), in order.
std::vector<int> VersionsIn(const fs::path& round_folder) {
  std::vector<int> versions;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(round_folder, error)) {
    std::string name = entry.path().filename().string();
    if (name.size() < 2 || name[0] != 'v') continue;
    int number = std::atoi(name.c_str() + 1);
    if (number > 0 && fs::exists(entry.path() / "manifest.json")) versions.push_back(number);
  }
  std::sort(versions.begin(), versions.end());
  return versions;
}

// The latest version in `round_folder`: its number and manifest (0, null
// if none).
std::pair<int, json::value> Latest(const fs::path& round_folder) {
  std::vector<int> versions = VersionsIn(round_folder);
  if (versions.empty()) return {0, nullptr};
  auto text = ReadFileBytes(
      (round_folder / fmt::format("v{}", versions.back()) / "manifest.json").string());
  return {versions.back(), json::parse(text.value_or("null"))};
}

// The methods page's numbers for reuse: per questionnaire and dimension a
// JSON-stat 2.0 dataset, line (category, the total last) × measure
// (invited organisations, respondents, response rate %), ".." where the
// audit hides who answered. methods/GROUP.by-DIMENSION.LANG.json.
std::map<std::string, std::string> MethodsFiles(const ReleaseInput& input) {
  std::map<std::string, std::string> files;
  static const LocalizedText kTotal{"Yhteensä", "Totalt", "Total"};
  static const LocalizedText kInvited{"kutsuttuja organisaatioita", "inbjudna organisationer",
                                      "invited organisations"};
  static const LocalizedText kAnswered{"vastaajia", "svarande", "respondents"};
  static const LocalizedText kRate{"vastausosuus", "svarsandel", "response rate"};
  static const LocalizedText kMeasure{"mittari", "mått", "measure"};
  for (const MethodsGroup& group : input.methods) {
    for (const MethodsDimension& dimension : group.dimensions) {
      for (Lang lang : kAllLangs) {
        json::array index, values;
        json::object labels, status;
        auto line = [&](const std::string& code, const std::string& label, int invited,
                        int answered, bool hidden) {
          index.emplace_back(code);
          labels[code] = label;
          const size_t at = values.size();
          values.emplace_back(invited);
          if (hidden) {
            values.emplace_back(nullptr);
            values.emplace_back(nullptr);
            status[std::to_string(at + 1)] = "..";
            status[std::to_string(at + 2)] = "..";
          } else {
            values.emplace_back(answered);
            if (invited > 0) {
              values.emplace_back(std::round(1000.0 * answered / invited) / 10);
            } else {
              values.emplace_back(nullptr);
            }
          }
        };
        for (const MethodsCategory& category : dimension.categories) {
          line(category.code, category.label.Get(lang), category.invited, category.answered,
               category.hidden);
        }
        line("total", kTotal.Get(lang), group.invited, group.submitted, false);
        json::object measures{
            {"index", json::array{"invited", "n", "rate"}},
            {"label", {{"invited", kInvited.Get(lang)},
                       {"n", kAnswered.Get(lang)},
                       {"rate", kRate.Get(lang)}}},
            {"unit", {{"invited", {{"decimals", 0}}}, {"n", {{"decimals", 0}}},
                      {"rate", {{"decimals", 1}, {"label", "%"}}}}}};
        json::object dataset{
            {"version", "2.0"},
            {"class", "dataset"},
            {"label", fmt::format("{}: {}", group.label.Get(lang), dimension.label.Get(lang))},
            {"source", input.title.Get(lang)},
            {"updated", input.date},
            {"id", json::array{"line", "measure"}},
            {"size", json::array{index.size(), 3}},
            {"role", {{"metric", json::array{"measure"}}}},
            {"dimension",
             {{"line", {{"label", dimension.label.Get(lang)},
                        {"category", {{"index", index}, {"label", labels}}}}},
              {"measure", {{"label", kMeasure.Get(lang)}, {"category", measures}}}}},
            {"value", values}};
        if (!status.empty()) dataset["status"] = status;
        if (!dimension.merge_note.Get(lang).empty()) {
          dataset["note"] = json::array{dimension.merge_note.Get(lang)};
        }
        files[fmt::format("methods/{}.by-{}.{}.json", group.code, dimension.id, LangCode(lang))] =
            json::serialize(dataset) + "\n";
      }
    }
  }
  return files;
}

// The published counts of a JSON-stat table of choices ("n" per line and
// choice; hidden ones left out), keyed "line / choice"; empty for other
// tables or text that does not parse.
std::map<std::string, int64_t> PublishedCounts(std::string_view text) {
  std::map<std::string, int64_t> counts;
  boost::system::error_code error;
  json::value parsed = json::parse(text, error);
  if (error || !parsed.is_object()) return counts;
  try {
    const json::object& d = parsed.as_object();
    const json::object& dimension = d.at("dimension").as_object();
    if (!dimension.contains("choice")) return counts;
    const json::array& lines = dimension.at("line").at("category").at("index").as_array();
    const json::array& choices = dimension.at("choice").at("category").at("index").as_array();
    const json::array& measures = dimension.at("measure").at("category").at("index").as_array();
    const json::array& values = d.at("value").as_array();
    const json::object* status = d.contains("status") ? &d.at("status").as_object() : nullptr;
    size_t at = measures.size();
    for (size_t m = 0; m < measures.size(); ++m) {
      if (measures[m] == "n") at = m;
    }
    if (at == measures.size()) return counts;
    for (size_t l = 0; l < lines.size(); ++l) {
      for (size_t j = 0; j < choices.size(); ++j) {
        const size_t i = (l * choices.size() + j) * measures.size() + at;
        if (i >= values.size() || !values[i].is_int64()) continue;
        if (status && status->contains(std::to_string(i))) continue;
        counts[fmt::format("{} / {}", lines[l].as_string().c_str(),
                           choices[j].as_string().c_str())] = values[i].as_int64();
      }
    }
  } catch (const std::exception&) {
    counts.clear();  // not a table of Kartla's shape: nothing to compare
  }
  return counts;
}

// Differencing: a count published by an earlier version of the round and
// again by this one, changed by 1 … k−1, tells what that many respondents
// (those who answered, or changed their answers, in between) answered.
// The first such count, said; nullopt if none.
std::optional<std::string> Differencing(const std::map<std::string, std::string>& files,
                                        const fs::path& round_folder, int k) {
  for (int earlier : VersionsIn(round_folder)) {
    const fs::path folder = round_folder / fmt::format("v{}", earlier);
    for (const auto& [path, bytes] : files) {
      if (!path.ends_with(".en.json")) continue;
      auto before_text = ReadFileBytes((folder / path).string());
      if (!before_text) continue;
      const std::map<std::string, int64_t> before = PublishedCounts(*before_text);
      if (before.empty()) continue;
      for (const auto& [cell, now] : PublishedCounts(bytes)) {
        auto then = before.find(cell);
        if (then == before.end()) continue;
        const int64_t change = now > then->second ? now - then->second : then->second - now;
        if (change > 0 && change < k) {
          return fmt::format(
              "{}: {} was {} in version {} and would be {}: the difference describes {} "
              "respondent(s), fewer than k = {}; publish when more have answered, or leave "
              "the section out of this stage",
              path, cell, then->second, earlier, now, change, k);
        }
      }
    }
  }
  return std::nullopt;
}

// Versions together: a count this version hides that an earlier version
// published with the same value is known to every reader of both. With
// those counts published, what this version still hides must pass the
// audit (the rank test and the interval rule); else the two versions
// together give a hidden count away. Returns what is given away, or
// nullopt.
std::optional<std::string> HiddenButPublishedBefore(const ReleaseInput& input,
                                                    const fs::path& round_folder) {
  const std::vector<int> versions = VersionsIn(round_folder);
  if (versions.empty()) return std::nullopt;
  const stats::DisclosureRules rules{input.k, input.small_group};
  for (const ReleaseTable& release_table : input.tables) {
    const stats::Distribution* table = release_table.table.distribution.get();
    if (!table) continue;
    std::optional<stats::Distribution> known;
    std::string example;
    for (int earlier : versions) {
      auto text = ReadFileBytes(
          (round_folder / fmt::format("v{}", earlier) / (release_table.stem + ".en.json"))
              .string());
      if (!text) continue;
      const std::map<std::string, int64_t> before = PublishedCounts(*text);
      for (size_t l = 0; l < table->groups.size(); ++l) {
        for (size_t j = 0; j < table->categories.size(); ++j) {
          if (!table->suppressed[l][j]) continue;
          const std::string cell = fmt::format("{} / {}", table->groups[l], table->categories[j]);
          auto then = before.find(cell);
          if (then == before.end() || then->second != table->counts[l][j]) continue;
          if (!known) known = *table;
          known->suppressed[l][j] = false;
          if (example.empty()) example = fmt::format("{} (version {})", cell, earlier);
        }
      }
    }
    if (!known) continue;
    for (const stats::AuditFinding& finding : stats::AuditDistribution(*known, rules)) {
      if (!finding.problem.starts_with("the hidden")) continue;  // not a count given away
      return fmt::format(
          "{}: counts this version hides were published before with the same value, e.g. "
          "{}; with them, {} / {}: {}",
          release_table.stem, example, table->groups[size_t(finding.group)],
          finding.category < 0 ? "base" : table->categories[size_t(finding.category)],
          finding.problem);
    }
  }
  return std::nullopt;
}

// The round's earlier versions as their audit reports keep them: per
// version, its tables of choices and its summaries' lines.
std::vector<std::pair<int, AuditRecord>> EarlierVersions(const fs::path& round_folder) {
  std::vector<std::pair<int, AuditRecord>> out;
  for (int version : VersionsIn(round_folder)) {
    out.emplace_back(version,
                     ReadAudit((round_folder / fmt::format("v{}.audit.json", version)).string()));
  }
  return out;
}

// A line's summary read with an earlier version's: the first version (0:
// none) with which it tells the summary of the few who answered since
// (stats::SummariesTellingNewcomers), and how many those are.
struct SummaryGivenAway {
  int version = 0;
  int since = 0;
};

// Per line of `release_table`, the first earlier version that gives its
// summary away.
std::vector<SummaryGivenAway> SummariesGivenAway(
    const ReleaseTable& release_table, const std::vector<std::pair<int, AuditRecord>>& earlier,
    int k) {
  std::vector<SummaryGivenAway> out(release_table.table.groups.size());
  for (const auto& [version, record] : earlier) {
    auto lines = record.summaries.find(release_table.stem);
    if (lines == record.summaries.end()) continue;
    const std::vector<int> since =
        stats::SummariesTellingNewcomers(release_table.table, lines->second, k);
    for (size_t l = 0; l < out.size(); ++l) {
      if (out[l].version == 0 && since[l] > 0) out[l] = {version, since[l]};
    }
  }
  return out;
}

// A table's cells shown and hidden as `counts` now hides them.
void ShowAsHidden(stats::QuestionTable& table, stats::Distribution counts) {
  for (size_t g = 0; g < table.groups.size() && g < counts.suppressed.size(); ++g) {
    stats::GroupResult& group = table.groups[g];
    group.hidden = counts.suppressed[g];
    for (size_t j = 0; j < group.hidden.size(); ++j) {
      if (j < group.shares.size()) group.shares[j].hidden = group.hidden[j];
      if (j < group.valid_shares.size()) group.valid_shares[j].hidden = group.hidden[j];
    }
    const int dont_know = table.column ? table.column->dont_know : -1;
    group.valid_hidden = dont_know >= 0 && size_t(dont_know) < group.hidden.size() &&
                         group.hidden[size_t(dont_know)];
  }
  table.distribution = std::make_shared<const stats::Distribution>(std::move(counts));
}

// A question's tables of choices, the overall first: their indices in
// `input.tables`, and their counts as protected so far.
struct QuestionCounts {
  std::vector<size_t> indices;
  std::vector<stats::Distribution> now;
  // The question's registry classes, where they fit its tables.
  const stats::JointClasses* registry = nullptr;
};

// Every question of `input` that has tables of choices.
std::vector<QuestionCounts> QuestionsWithCounts(const ReleaseInput& input) {
  std::vector<QuestionCounts> out;
  for (const ReleaseSection& section : input.sections) {
    for (const ReleaseQuestion& question : section.questions) {
      QuestionCounts counts;
      counts.indices = {question.overall};
      counts.indices.insert(counts.indices.end(), question.breakdowns.begin(),
                            question.breakdowns.end());
      std::erase_if(counts.indices, [&](size_t i) { return !input.tables[i].table.distribution; });
      if (counts.indices.empty()) continue;
      for (size_t index : counts.indices) {
        counts.now.push_back(*input.tables[index].table.distribution);
      }
      if (counts.indices.size() == question.breakdowns.size() + 1) {
        counts.registry = &question.registry;
      }
      out.push_back(std::move(counts));
    }
  }
  return out;
}

// Version v's table of each of `indices`, or null.
std::vector<const stats::Distribution*> EarlierOf(
    const std::map<std::string, stats::Distribution>& version, const ReleaseInput& input,
    const std::vector<size_t>& indices) {
  std::vector<const stats::Distribution*> out;
  for (size_t index : indices) {
    auto found = version.find(input.tables[index].stem);
    out.push_back(found == version.end() ? nullptr : &found->second);
  }
  return out;
}

// The first count that a question's tables give away read together with
// the registry or with an earlier version's, said; nullopt if none.
std::optional<std::string> ReadTogether(const ReleaseInput& input, const fs::path& round_folder) {
  const stats::DisclosureRules rules{input.k, input.small_group};
  const auto earlier = EarlierVersions(round_folder);
  // Summaries first: the few who answered since are given away by a mean
  // shown in both.
  for (const ReleaseTable& release_table : input.tables) {
    if (!release_table.table.summary_equations) continue;
    const std::vector<SummaryGivenAway> away = SummariesGivenAway(release_table, earlier, input.k);
    for (size_t l = 0; l < away.size(); ++l) {
      const stats::GroupResult& line = release_table.table.groups[l];
      if (away[l].version == 0 || line.summary_hidden) continue;
      return fmt::format(
          "{} with version {}: {}: the mean of {} answers, {} more than version {} showed, "
          "tells the mean of the {} who answered since",
          release_table.stem, away[l].version, line.code, line.valid, away[l].since,
          away[l].version, away[l].since);
    }
  }
  const std::vector<QuestionCounts> questions = QuestionsWithCounts(input);
  // Each question audited on its own (on the machine's cores); the first
  // question's first finding is said.
  std::vector<std::optional<std::string>> found(questions.size());
  ParallelFor(questions.size(), [&](size_t q) {
    const QuestionCounts& question = questions[q];
    if (earlier.empty() && question.registry) {
      auto findings = stats::AuditQuestionAgainstEarlier(question.now, {}, rules, question.registry);
      if (!findings.empty()) {
        found[q] = fmt::format("{}: {}", input.tables[question.indices[findings[0].first]].stem,
                               findings[0].second.problem);
        return;
      }
    }
    for (const auto& [version, record] : earlier) {
      auto findings = stats::AuditQuestionAgainstEarlier(
          question.now, EarlierOf(record.counts, input, question.indices), rules,
          question.registry);
      if (!findings.empty()) {
        found[q] = fmt::format("{} with version {}: {}",
                               input.tables[question.indices[findings[0].first]].stem, version,
                               findings[0].second.problem);
        return;
      }
    }
  });
  for (auto& problem : found) {
    if (problem) return std::move(problem);
  }
  return std::nullopt;
}

}  // namespace

int ProtectTogether(ReleaseInput& input, const std::string& folder) {
  const auto earlier = EarlierVersions(fs::path(folder) / input.round);
  const stats::DisclosureRules rules{input.k, input.small_group};
  int added = 0;
  // Ratings' and amounts' summaries: each line that an earlier version's
  // would give away is hidden, with what would let it be worked out, the
  // earlier versions' lines bounding the new ones from below.
  for (ReleaseTable& release_table : input.tables) {
    stats::QuestionTable& table = release_table.table;
    if (!table.summary_equations) continue;
    std::vector<bool> also, at_least(table.groups.size(), false);
    for (const SummaryGivenAway& line : SummariesGivenAway(release_table, earlier, input.k)) {
      also.push_back(line.version != 0);
    }
    for (const auto& [version, record] : earlier) {
      auto lines = record.summaries.find(release_table.stem);
      if (lines == record.summaries.end()) continue;
      const std::vector<bool> least = stats::SummariesAtTheirLeast(table, lines->second);
      for (size_t l = 0; l < at_least.size(); ++l) at_least[l] = at_least[l] || least[l];
    }
    if (std::ranges::find(also, true) == also.end() &&
        std::ranges::find(at_least, true) == at_least.end()) {
      continue;
    }
    auto hidden_lines = [&] {
      return int(std::ranges::count_if(table.groups,
                                       [](const stats::GroupResult& g) { return g.summary_hidden; }));
    };
    const int before = hidden_lines();
    stats::HideSummaries(table, also, rules, at_least);
    added += hidden_lines() - before;
  }
  auto hidden_cells = [](const stats::Distribution& d) {
    int n = 0;
    for (const auto& line : d.suppressed) n += int(std::ranges::count(line, true));
    return n;
  };
  std::vector<QuestionCounts> questions = QuestionsWithCounts(input);
  // Each question protected on its own (on the machine's cores), into
  // its own slot; the tables are changed afterwards, in order.
  std::vector<std::optional<std::vector<stats::Distribution>>> protected_now(questions.size());
  ParallelFor(questions.size(), [&](size_t q) {
    const QuestionCounts& question = questions[q];
    std::vector<std::vector<const stats::Distribution*>> before;
    for (const auto& [version, record] : earlier) {
      before.push_back(EarlierOf(record.counts, input, question.indices));
    }
    // Where it cannot be done, the tables are left as they were and
    // WriteRelease refuses them, naming the count.
    if (before.empty() && !question.registry) return;
    std::vector<stats::Distribution> tables = question.now;
    if (stats::ProtectQuestionAgainstEarlier(tables, before, rules, question.registry)) {
      protected_now[q] = std::move(tables);
    }
  });
  for (size_t q = 0; q < questions.size(); ++q) {
    if (!protected_now[q]) continue;
    const QuestionCounts& question = questions[q];
    for (size_t t = 0; t < question.indices.size(); ++t) {
      stats::Distribution& now = (*protected_now[q])[t];
      if (now.suppressed == question.now[t].suppressed) continue;
      added += hidden_cells(now) - hidden_cells(question.now[t]);
      ShowAsHidden(input.tables[question.indices[t]].table, std::move(now));
    }
  }
  return added;
}

namespace {

// An exclusive lock on a file while it lives (flock: released however the
// process ends).
class PublishingLock {
 public:
  explicit PublishingLock(const fs::path& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) {
      throw SystemError(fmt::format("cannot open {}: {}", path.string(), std::strerror(errno)));
    }
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        int error = errno;
        ::close(fd_);
        throw SystemError(fmt::format("cannot lock {}: {}", path.string(), std::strerror(error)));
      }
    }
  }
  ~PublishingLock() { ::close(fd_); }
  PublishingLock(const PublishingLock&) = delete;
  PublishingLock& operator=(const PublishingLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace

std::optional<Status> AuditRefusal(const ReleaseInput& input) {
  for (const ReleaseTable& table : input.tables) {
    if (!table.table.audit.empty()) {
      return Status::Refused(ErrorCode::kFailedPrecondition, "release_audit_fails",
                             "not published: {0} fails the disclosure audit: {1}",
                             {table.stem, table.table.audit.front()});
    }
  }
  return std::nullopt;
}

std::optional<Status> NoteRefusal(const ReleaseInput& input, int latest, int latest_stage) {
  if (latest > 0 && latest_stage >= input.stage && input.note.empty()) {
    return Status::FailedPrecondition(
               fmt::format("version {} published stage {} already: a correction needs a note "
                           "saying what changed",
                           latest, latest_stage))
        .Keyed("correction_needs_note", {std::to_string(latest), std::to_string(latest_stage)});
  }
  return std::nullopt;
}

namespace {

// The downloads of `tables` of the release (every one: null), by path in
// the version folder; the XLSX files made in a scratch folder of this
// call's own (a server may publish, or preview, from two threads).
std::map<std::string, std::string> DownloadsOf(const ReleaseInput& input,
                                               const std::string* stem = nullptr) {
  std::map<std::string, std::string> files;
  static std::atomic<int> calls{0};
  const fs::path scratch = fs::temp_directory_path() /
                           fmt::format("kartla-release-{}-{}-{}", input.round, ::getpid(), ++calls);
  TableMeta meta;
  meta.source = input.title;
  meta.updated = input.date;
  meta.k = input.k;
  for (const ReleaseTable& table : input.tables) {
    if (stem && table.stem != *stem) continue;
    meta.id = table.id;
    files.merge(RenderDownloads(table.table, meta, table.stem, scratch.string()));
  }
  std::error_code ignored;
  fs::remove_all(scratch, ignored);
  return files;
}

// Each file's path, SHA-256 and size, as the manifest lists them.
json::array Listing(const std::map<std::string, std::string>& files) {
  json::array listed;
  for (const auto& [path, bytes] : files) {
    listed.push_back({{"path", path}, {"sha256", Sha256Hex(bytes)}, {"bytes", bytes.size()}});
  }
  return listed;
}

// The manifest of version `version` of `input`, whose files are `listed`;
// it replaces the version before it.
std::string ManifestJson(const ReleaseInput& input, int version, json::array listed) {
  json::object out;
  out["round"] = input.round;
  out["title"] = {{"fi", input.title.fi}, {"sv", input.title.sv}, {"en", input.title.en}};
  out["version"] = version;
  out["stage"] = input.stage;
  out["date"] = input.date;
  if (!input.note.empty()) out["note"] = input.note;
  if (version > 1) out["replaces"] = version - 1;
  out["files"] = std::move(listed);
  return json::serialize(out) + "\n";
}

}  // namespace

std::optional<std::string> ReleaseDataFile(const ReleaseInput& input, int version,
                                           const std::string& path) {
  if (path == "manifest.json") {
    std::map<std::string, std::string> all = DownloadsOf(input);
    all.merge(MethodsFiles(input));
    for (auto& [page, bytes] : RenderSite(input, version)) all[page] = std::move(bytes);
    return ManifestJson(input, version, Listing(all));
  }
  if (path.starts_with("methods/")) {
    auto methods = MethodsFiles(input);
    auto found = methods.find(path);
    if (found == methods.end()) return std::nullopt;
    return std::move(found->second);
  }
  // STEM.LANG.FORMAT: the table whose stem the path starts with.
  for (const ReleaseTable& table : input.tables) {
    if (!path.starts_with(table.stem + ".")) continue;
    auto files = DownloadsOf(input, &table.stem);
    auto found = files.find(path);
    if (found != files.end()) return std::move(found->second);
  }
  return std::nullopt;
}

Result<ReleaseOutcome> WriteRelease(const ReleaseInput& input, const std::string& folder) {
  if (auto refusal = AuditRefusal(input)) return *refusal;
  // Every file, in memory first: path in the version folder → bytes.
  std::map<std::string, std::string> files = DownloadsOf(input);
  files.merge(MethodsFiles(input));
  std::error_code ignored;

  const fs::path round_folder = fs::path(folder) / input.round;
  // Publishers take turns from choosing the version to renaming it into
  // place: servers sharing the releases folder, or a server and the command
  // line (docs/deployment.md). The lock is a file of the releases folder,
  // so that a round's folder holds only its versions and audit reports.
  fs::create_directories(round_folder);
  PublishingLock turn(fs::path(folder) / ".publishing");
  auto [latest, manifest] = Latest(round_folder);
  // The pages say their version: as the latest, to see whether anything
  // changed, else as the next.
  auto listing = [&](int version) {
    std::map<std::string, std::string> all = files;
    for (auto& [path, bytes] : RenderSite(input, version)) all[path] = std::move(bytes);
    json::array listed = Listing(all);
    return std::pair{std::move(all), std::move(listed)};
  };
  auto [all, listed] = listing(std::max(latest, 1));
  ReleaseOutcome outcome;
  if (latest > 0 && manifest.at("files") == json::value(listed)) {
    outcome.version = latest;
    outcome.unchanged = true;
    outcome.files = int(all.size());
    outcome.folder = (round_folder / fmt::format("v{}", latest)).string();
    return outcome;
  }
  if (auto refusal =
          NoteRefusal(input, latest, latest > 0 ? int(manifest.at("stage").as_int64()) : 0)) {
    return *refusal;
  }
  if (auto problem = Differencing(files, round_folder, input.k)) {
    return Status::Refused(ErrorCode::kFailedPrecondition, "release_differenced",
                           "not published: the versions could be differenced: {0}", {*problem});
  }
  if (auto problem = HiddenButPublishedBefore(input, round_folder)) {
    return Status::Refused(ErrorCode::kFailedPrecondition, "release_hidden_given_away",
                           "not published: with the earlier versions a hidden count is given "
                           "away: {0}; publish the tables as the earlier version did, or leave "
                           "the section out of this stage",
                           {*problem});
  }
  if (auto problem = ReadTogether(input, round_folder)) {
    return Status::Refused(ErrorCode::kFailedPrecondition, "release_read_together",
                           "not published: read together with the registry or an earlier "
                           "version, {0}; publish when more have answered, or leave the section "
                           "out of this stage",
                           {*problem});
  }
  outcome.version = latest + 1;
  if (latest > 0) std::tie(all, listed) = listing(outcome.version);
  outcome.files = int(all.size());
  const fs::path version = round_folder / fmt::format("v{}", outcome.version);
  outcome.folder = version.string();
  // Written beside, then renamed: a version is there whole or not at all.
  const fs::path partial = round_folder / fmt::format(".v{}.partial", outcome.version);
  fs::remove_all(partial, ignored);
  WriteFiles(partial.string(), all);
  WriteFiles(partial.string(),
             {{"manifest.json", ManifestJson(input, outcome.version, std::move(listed))}});
  fs::rename(partial, version);
  return outcome;
}

std::vector<std::pair<std::string, int>> ReleaseVersions(const std::string& folder) {
  std::vector<std::pair<std::string, int>> versions;
  std::error_code error;
  for (const fs::directory_entry& round : fs::directory_iterator(folder, error)) {
    if (!round.is_directory()) continue;
    for (int version : VersionsIn(round.path())) {
      versions.emplace_back(round.path().filename().string(), version);
    }
  }
  std::sort(versions.begin(), versions.end());
  return versions;
}

std::optional<ReleaseEntry> ReadRelease(const std::string& folder, const std::string& round,
                                        int version) {
  auto text = ReadFileBytes(
      (fs::path(folder) / round / fmt::format("v{}", version) / "manifest.json").string());
  if (!text) return std::nullopt;
  try {
    json::object read = json::parse(*text).as_object();
    ReleaseEntry entry;
    entry.round = json::value_to<std::string>(read.at("round"));
    entry.version = int(read.at("version").as_int64());
    entry.stage = int(read.at("stage").as_int64());
    entry.date = json::value_to<std::string>(read.at("date"));
    if (read.contains("note")) entry.note = json::value_to<std::string>(read.at("note"));
    const json::object& title = read.at("title").as_object();
    entry.title = {json::value_to<std::string>(title.at("fi")),
                   json::value_to<std::string>(title.at("sv")),
                   json::value_to<std::string>(title.at("en"))};
    for (const json::value& file : read.at("files").as_array()) {
      entry.files[json::value_to<std::string>(file.at("path"))] =
          json::value_to<std::string>(file.at("sha256"));
    }
    return entry;
  } catch (const std::exception&) {
    return std::nullopt;  // not a manifest Kartla wrote: not served
  }
}

std::optional<ReleaseEntry> LatestRelease(const std::string& folder, const std::string& round) {
  std::vector<int> versions = VersionsIn(fs::path(folder) / round);
  if (versions.empty()) return std::nullopt;
  return ReadRelease(folder, round, versions.back());
}

std::vector<ReleaseEntry> ListReleases(const std::string& folder) {
  std::vector<ReleaseEntry> releases;
  for (const auto& [round, version] : ReleaseVersions(folder)) {
    if (auto entry = ReadRelease(folder, round, version)) releases.push_back(std::move(*entry));
  }
  return releases;
}

}  // namespace kartla::publish
