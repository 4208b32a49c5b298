// A release: an immutable, versioned folder of a round's published tables
// (every table in every download format and language) with a manifest
// listing each file's SHA-256. Later stages and corrections make new
// versions; old ones stay as they are.
#ifndef KARTLA_PUBLISH_RELEASE_H_
#define KARTLA_PUBLISH_RELEASE_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "core/text.h"
#include "stats/tables.h"

namespace kartla::publish {

struct ReleaseTable {
  // The table's path in the release without language and suffix, e.g.
  // "ict_management/maturity.by-region".
  std::string stem;
  std::string id;  // JSON-stat's and PX's table id
  stats::QuestionTable table;
};

struct ReleaseInput {
  std::string round;  // its code
  LocalizedText title;
  int stage = 1;
  std::string date;  // YYYY-MM-DD: in the files and the manifest
  std::string note;  // what changed; required for a correction
  std::vector<ReleaseTable> tables;
};

struct ReleaseOutcome {
  int version = 0;
  bool unchanged = false;  // the latest version holds these files already
  int files = 0;           // besides the manifest
  std::string folder;      // FOLDER/ROUND/vN
};

// Writes FOLDER/ROUND/vN/ (N one more than the latest there) with every
// table as JSON-stat, PX, CSV and XLSX in fi, sv and en, and
// manifest.json. Writes nothing, and says so, when the latest version
// holds the same files already. Fails with kFailedPrecondition, writing
// nothing, if any table fails the disclosure audit (naming the first), or
// for a correction (the same stage as the latest version) without a note.
// The files of one input are the same bytes however often they are built.
Result<ReleaseOutcome> WriteRelease(const ReleaseInput& input, const std::string& folder);

}  // namespace kartla::publish

#endif  // KARTLA_PUBLISH_RELEASE_H_
