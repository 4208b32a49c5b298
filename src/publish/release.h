// A release: an immutable, versioned folder of a round's published tables
// (every table in every download format and language) with a manifest
// listing each file's SHA-256. Later stages and corrections make new
// versions; old ones stay as they are.
#ifndef KARTLA_PUBLISH_RELEASE_H_
#define KARTLA_PUBLISH_RELEASE_H_

#include <map>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/text.h"
#include "publish/site.h"

namespace kartla::publish {

struct ReleaseOutcome {
  int version = 0;
  bool unchanged = false;  // the latest version holds these files already
  int files = 0;           // besides the manifest
  std::string folder;      // FOLDER/ROUND/vN
};

// Writes FOLDER/ROUND/vN/ (N one more than the latest there) with the
// results site (RenderSite), every table as JSON-stat, PX, CSV and XLSX in
// fi, sv and en, and manifest.json. Writes nothing, and says so, when the latest version
// holds the same files already. Fails with kFailedPrecondition, writing
// nothing, if any table fails the disclosure audit (naming the first),
// alone or with an earlier version (differencing, or a count the two
// together narrow against the rule), or
// for a correction (the same stage as the latest version) without a note.
// The files of one input are the same bytes however often they are built.
Result<ReleaseOutcome> WriteRelease(const ReleaseInput& input, const std::string& folder);

// A file WriteRelease would write for `input` as version `version` at
// `path` in the version folder, other than a page (RenderSite's): a
// table's download (STEM.LANG.FORMAT), the methods page's numbers
// (methods/…) or manifest.json, rendered when asked with the same bytes,
// for a preview; nullopt if the release has none there.
std::optional<std::string> ReleaseDataFile(const ReleaseInput& input, int version,
                                           const std::string& path);

// Why WriteRelease would refuse `input`, said before it is asked (a
// preview), nullopt if it would not for that reason: a table failing the
// disclosure audit; a correction (the stage of the latest version
// `latest`, 0 if none, or an earlier one) without a note.
// Each a kFailedPrecondition status, its message as WriteRelease says it.
std::optional<Status> AuditRefusal(const ReleaseInput& input);
std::optional<Status> NoteRefusal(const ReleaseInput& input, int latest, int latest_stage);

// Tables read together (issue 19): hides further cells of `input`'s
// tables of choices so that, each question's tables read together with
// the registry (ReleaseQuestion::registry: its breakdowns are margins of
// one cross-classification) and with each earlier version of the round in
// `folder` (the tables its audit report keeps, stats::AuditAgainstEarlier),
// no count of either version, nor of the respondents since, is given away.
// Returns how many cells it hid besides. Where the rule cannot be met so,
// the tables are left as they were and WriteRelease refuses them, naming
// the count.
int ProtectTogether(ReleaseInput& input, const std::string& folder);

// A version of a round's release, as its manifest says.
struct ReleaseEntry {
  std::string round;
  int version = 0;
  int stage = 0;
  std::string date;
  std::string note;
  LocalizedText title;
  std::map<std::string, std::string> files;  // path → SHA-256
  std::string id() const { return round + "-v" + std::to_string(version); }
};

// Every version of every round in `folder` (rounds by code, versions in
// order); folders without a readable manifest are left out.
std::vector<ReleaseEntry> ListReleases(const std::string& folder);
// The same, from the folder names alone (round code, version): no manifest
// is read.
std::vector<std::pair<std::string, int>> ReleaseVersions(const std::string& folder);
// One version, as its manifest says; nullopt if there is none readable.
std::optional<ReleaseEntry> ReadRelease(const std::string& folder, const std::string& round,
                                        int version);
// The latest version of `round` (only its manifest is read); nullopt if none.
std::optional<ReleaseEntry> LatestRelease(const std::string& folder, const std::string& round);

}  // namespace kartla::publish

#endif  // KARTLA_PUBLISH_RELEASE_H_
