// The private audit report of a release (issue 19): every hidden count and
// base of every table, with its true value and the range a reader can
// derive for it from what the table publishes, so that the survey team can
// see why each ".." is there and that none is given away. It is written
// beside the version's folder (FOLDER/ROUND/vN.audit.json), never inside
// it: the results site serves only the files a version's manifest lists.
#ifndef KARTLA_PUBLISH_AUDIT_REPORT_H_
#define KARTLA_PUBLISH_AUDIT_REPORT_H_

#include <functional>
#include <map>
#include <optional>
#include <vector>
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

// The report's summary, for the survey team's preview of a release: the
// counts hidden (of them, those under the rule and those a reader could
// narrow below it, none in a publishable release), the tables that hide
// any, and the lines whose mean or median is withheld.
struct AuditSummary {
  int hidden = 0;
  int under_k = 0;
  int breaking = 0;
  int tables_with_hidden = 0;
  int summaries_hidden = 0;
};
AuditSummary SummariseAudit(const ReleaseInput& input);

// What a release would be, built as PublishRound builds it but written
// nowhere: for the survey team to look at before it is public.
struct ReleasePreview {
  int stage = 0;
  std::string note;  // what a correction changes, as given
  int version = 0;   // the version publishing would make
  std::optional<ReleaseEntry> latest;  // the round's latest version, if any
  int tables = 0;
  std::vector<std::string> left_out;  // questionnaires of fewer than 2 answers
  int hidden_together = 0;  // cells hidden besides (ProtectTogether)
  AuditSummary audit;
  // Why publishing would be refused (a table failing the audit, a
  // correction without a note); ok if it would not be. (Differencing
  // against earlier versions is judged on the files, when publishing.)
  Status refusal;
  std::map<std::string, std::string> site;  // path in the version → bytes
  // A data file of the release (ReleaseDataFile), rendered when asked, so
  // that the preview's download links work too.
  std::function<std::optional<std::string>(const std::string& path)> data_file;
  // Publishes this very release (WriteRelease, then its audit report):
  // kFailedPrecondition, writing nothing, if another version was published
  // since it was built (it was protected against the versions then: build
  // it again) or as WriteRelease refuses.
  std::function<Result<ReleaseOutcome>()> publish;
};

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
