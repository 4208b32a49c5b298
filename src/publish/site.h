// The results site of a release: static pages in Finnish, Swedish and
// English (a front page, a page per section with its numbered figures and
// tables, a methods page and a trends page) with relative links only, so
// that the release folder can be served by Kartla or copied to any web
// server. Rendered with the templates results_*.mustache; byte-stable.
#ifndef KARTLA_PUBLISH_SITE_H_
#define KARTLA_PUBLISH_SITE_H_

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/text.h"
#include "stats/dataset.h"
#include "stats/tables.h"

namespace kartla::publish {

struct ReleaseTable {
  // The table's path in the release without language and suffix, e.g.
  // "ict_management/maturity.by-region".
  std::string stem;
  std::string id;  // JSON-stat's and PX's table id
  stats::QuestionTable table;
};

// The same question in an earlier round of the series.
struct TrendPoint {
  std::string label;  // the round's year
  stats::QuestionTable table;
};

struct ReleaseQuestion {
  size_t overall = 0;               // index into ReleaseInput::tables
  std::vector<size_t> breakdowns;   // likewise, by size class, by region...
  std::vector<TrendPoint> earlier;  // oldest first; this round's is `overall`
  // The registry's classes of the breakdowns' lines, in their order
  // (stats::ClassesOf): a reader of the registry links the breakdowns.
  stats::JointClasses registry;
};

// A section of one questionnaire (its kartla::section), as published.
struct ReleaseSection {
  std::string target_group;
  LocalizedText group_label;
  std::string number;  // "2"
  LocalizedText title;
  int stage = 0;
  std::vector<ReleaseQuestion> questions;
};

struct ReleaseStage {
  int number = 0;
  LocalizedText name;
  std::string opens, closes, publishes;  // YYYY-MM-DD
  std::vector<std::string> sections;
  bool published = false;  // in this release
};

struct MethodsCategory {
  std::string code;
  LocalizedText label;
  int invited = 0;
  int answered = 0;
  double partial = NAN;  // the partial R-indicator, its sign over or under
  // Disclosure control: who answered (and so the rate and the partial
  // indicator) is not published; the invited organisations are public.
  bool hidden = false;
};

struct MethodsDimension {
  std::string id;
  LocalizedText label;
  LocalizedText merge_note;  // the tables' lines, merged (stats::MergeNote), or empty
  std::vector<MethodsCategory> categories;
  double r_indicator = NAN;
  double cv = NAN;
};

// One questionnaire's fieldwork and weighting, for the methods page.
// How an index of the results settings is made, for the methods page: its
// questions, their weights and direction, how many a respondent must have
// answered, how many have a value, and how consistently its questions
// measure one thing (Cronbach's alpha, NaN where it cannot be computed).
struct MethodsIndex {
  LocalizedText label;
  // The questions' labels; where all are fields of one group (a battery),
  // the group's label, said once, and the fields' own labels.
  LocalizedText group;
  std::vector<LocalizedText> items;
  std::vector<double> weights;       // one per item, or empty: equal
  std::vector<bool> reversed;        // one per item
  int needed = 0;                    // the fewest items answered for a value
  int scored = 0;                    // respondents with a value
  double alpha = NAN;
  double standardized_alpha = NAN;
};

struct MethodsGroup {
  std::string code;  // the target group's
  LocalizedText label;
  int invited = 0;
  int opened = 0;
  int submitted = 0;
  double rr1 = NAN;  // AAPOR response rate 1
  std::vector<MethodsDimension> dimensions;
  LocalizedText weighting;               // how the answers are weighted
  std::vector<LocalizedText> weighting_notes;  // each collapsed class
  std::vector<MethodsIndex> indices;     // those the release publishes
};

// A headline result the results settings choose ([[headline]]), which a
// release's front page leads with: a question of a target group's
// questionnaire, and for a choice question the choice whose share it gives
// (a rating scale without one: its top two; an amount: its mean, or its
// figure per inhabitant), said as `text` or else by the question.
struct Headline {
  std::string target_group;
  std::string question;
  std::string choice;
  LocalizedText text;
};

struct ReleaseInput {
  std::string round;  // its code
  LocalizedText title;
  int year = 0;
  int stage = 1;
  std::string date;  // YYYY-MM-DD: in the files and the manifest
  std::string note;  // what changed; required for a correction
  int k = 5;           // the disclosure rule, said on the pages
  int small_group = 10;
  std::vector<ReleaseTable> tables;
  std::vector<ReleaseSection> sections;  // published, in order
  std::vector<ReleaseStage> stages;
  std::vector<MethodsGroup> methods;
  std::vector<std::string> earlier_rounds;  // labels of earlier rounds of the series
  // Who publishes, whom to ask, under what licence (the results settings'
  // [publication]); empty: not said.
  LocalizedText publisher, contact, licence;
  std::string licence_url;
  std::vector<Headline> headlines;
  // By target group: its questionnaire as respondents read it, to print
  // (the content of the page, HTML, in each language); none: not linked.
  std::map<std::string, LocalizedText> questionnaires;
};

// Every page of the site and its style sheets: path in the release folder
// → bytes. `version` is the release's version number, said on the pages.
std::map<std::string, std::string> RenderSite(const ReleaseInput& input, int version);

}  // namespace kartla::publish

#endif  // KARTLA_PUBLISH_SITE_H_
