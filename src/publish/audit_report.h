// The private audit report of a release (issue 19): every hidden count and
// base of every table, with its true value and the range a reader can
// derive for it from what the table publishes, so that the survey team can
// see why each ".." is there and that none is given away. It is written
// beside the version's folder (FOLDER/ROUND/vN.audit.json), never inside
// it: the results site serves only the files a version's manifest lists.
#ifndef KARTLA_PUBLISH_AUDIT_REPORT_H_
#define KARTLA_PUBLISH_AUDIT_REPORT_H_

#include <map>
#include <string>

#include "publish/release.h"
#include "publish/site.h"
#include "stats/dataset.h"
#include "stats/tables.h"

namespace kartla::publish {

// The report as JSON: the round, version, rules, and per table its hidden
// values ({line, choice ("" for the base), count, lower, upper (null: no
// bound), needed, safe}) with a summary of how many were hidden and how
// many break the rule (none in a published release); under "counts"
// every table of choices whole (true counts, what it hid and its merged
// lines' make-ups, "members"), and under "summaries" every rating's and
// amount's lines (valid answers, summary shown or hidden, the plain sum of
// the answers, a merged line's "members"), which a later version is
// audited with (ReadAudit), linking lines by what they hold.
std::string AuditReportJson(const ReleaseInput& input, int version);

// Writes AuditReportJson beside `outcome`'s folder: FOLDER/ROUND/vN.audit.json
// (whole or not at all). Returns its path; throws SystemError if the disk
// fails.
std::string WriteAuditReport(const ReleaseInput& input, const ReleaseOutcome& outcome);

// What a later version is audited with: the tables of choices an audit
// report holds whole, and the lines of its ratings and amounts (line code
// → summary), both by file stem. Empty if the file is missing, unreadable
// or from before they were kept.
struct AuditRecord {
  std::map<std::string, stats::Distribution> counts;
  std::map<std::string, std::map<std::string, stats::SummaryShown>> summaries;
};
AuditRecord ReadAudit(const std::string& path);

}  // namespace kartla::publish

#endif  // KARTLA_PUBLISH_AUDIT_REPORT_H_
